/* guichet-inbox: the agents' back office. */
#ifndef GUICHET_INBOX_H
#define GUICHET_INBOX_H

#include "agent.h"
#include "app.h"
#include "document.h"
#include "formdef.h"
#include "summary.h"

/* queue.c: the queues, filters and search */
enum gerr	 page_queue(struct req *);

/* work.c: working one dossier */
enum gerr	 page_work(struct req *);
enum gerr	 page_act(struct req *);
enum gerr	 page_work_file(struct req *);

/* payments.c: a dossier's (or certificate request's) payments and refunds */
struct payowner {
	const char	*dossier_id;		/* one of the two, the other NULL */
	const char	*cert_request_id;
};
/* Who may refund now: a manager; a processor once the dossier is closed. */
int		 payments_may_refund(enum role, const char *dossier_status);
/* ... or once the certificate's request was refused, not issued, revoked. */
int		 payments_may_refund_cert(enum role, const char *status,
		    int revoked);
enum gerr	 payments_hdf(struct req *, const struct payowner *,
		    int may_refund);
enum gerr	 act_refund(struct req *, const struct payowner *,
		    const char *agent_id, int may_refund);

/* reconcile.c: a department's day of payments, its CSV, its differences */
enum gerr	 page_reconcile(struct req *);
enum gerr	 page_reconcile_csv(struct req *);
enum gerr	 page_difference_resolve(struct req *);

/* decision.c: the decision letter, made and sealed */
enum gerr	 decision_letter(struct req *, const struct dossier *,
		    enum lang, const char *decision, const char *motivation,
		    const struct doccode *, char **pdf, size_t *len);

/* helpdesk.c: the help desk's questions, and their answers */
enum gerr	 page_helpdesk(struct req *);
enum gerr	 page_helpdesk_question(struct req *);
enum gerr	 page_helpdesk_answer(struct req *);

/* certificates.c: certificates to check, issue, refuse, revoke; figures */
enum gerr	 page_certificates(struct req *);
enum gerr	 page_certificate_figures(struct req *);
enum gerr	 page_certificate(struct req *);
enum gerr	 page_certificate_act(struct req *);

/* certpost.c: certificates by post, to print and mark posted */
enum gerr	 page_certificates_post(struct req *);
enum gerr	 page_certificates_posted(struct req *);
enum gerr	 page_certificates_post_sheets(struct req *);
enum gerr	 page_certificate_pdf(struct req *);

/* appointments.c: offices' agendas, seen or missed, blocks, the counter's bookings */
enum gerr	 page_agenda(struct req *);
enum gerr	 page_agenda_mark(struct req *);
enum gerr	 page_agenda_block(struct req *);
enum gerr	 page_agenda_book(struct req *);

/* stats.c: the department's figures, for managers */
enum gerr	 page_stats(struct req *);

#endif
