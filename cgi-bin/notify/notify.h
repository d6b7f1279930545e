/* guichet-notify: the outbox's rows made into emails. */
#ifndef GUICHET_NOTIFY_H
#define GUICHET_NOTIFY_H

#include "gerr.h"
#include "mail.h"
#include "pool.h"
#include "tmpl.h"

/* One outbox row, and the message made of it. */
struct notice {
	const char	*id;
	const char	*kind;		/* dossier_submitted, dossier_status, ... */
	enum lang	 lang;
	const char	*to;
	const char	*reference;
	const char	*status;	/* the new status, for dossier_status */
	const char	*org;		/* a mandate's beneficiary: its number */
	const char	*org_name;	/* and its name in the company register */
	const char	*site;		/* https://guichet.example.be */
	const char	*subject;
	const char	*body;
	const char	*msgid;
	const struct mail_attachment *part; /* an attachment, or NULL */
};

/* guichet.conf's notify.* and who this worker is. */
struct notify_conf {
	long long	 batch;		/* rows claimed at once */
	long long	 lease;		/* seconds a claim lasts */
	long long	 poll_ms;	/* pause when nothing is due */
	long long	 backoff_min;	/* seconds, doubled at each failure */
	long long	 backoff_max;
	long long	 attempts_max;	/* then the row is given up */
	const char	*site;
	char		 me[300];	/* host:pid, in claimed_by */
};

enum gerr	 notice_compose(struct pool *, struct notice *);
int		 notice_wanted(const char *kind, const char *prefs);
/*
 * A queue's due rows claimed for the lease: q takes the batch's size, the
 * lease in seconds and who claims ($1, $2, $3).  NULL if the database
 * failed.
 */
struct dbq;
struct pg_result;
struct pg_result *notify_claim(struct pool *, const struct notify_conf *,
		    struct dbq *q);
int		 hooks_batch(struct pool *, const struct notify_conf *);
int		 certs_batch(struct pool *, const struct notify_conf *);
int		 reconcile_batch(struct pool *, const struct notify_conf *);
int		 reconcile_day_run(struct pool *, const char *me,
		    const char *day, int force);
int		 payments_batch(struct pool *, const struct notify_conf *);
/* appointments.c */
enum gerr	 appt_compose(struct pool *, struct notice *, const char *payload);
int		 appt_reminders(struct pool *);
/* deadlines.c: tacit decisions at the end of a deadline (docs/deadlines.md) */
int		 deadlines_run(struct pool *, const char *day);
int		 deadlines_daily(struct pool *);

#endif
