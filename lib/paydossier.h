/* A dossier's fee paid online: created, read, recorded, cancelled. */
#ifndef GUICHET_PAYDOSSIER_H
#define GUICHET_PAYDOSSIER_H

#include <jansson.h>
#include <stdint.h>

#include "app.h"
#include "dossier.h"
#include "fee.h"
#include "payment.h"

/* A payments row (sql/0044) as the pages and the worker read it. */
struct paydossier {
	const char	*id;
	const char	*dossier_id;
	const char	*person_id;
	const char	*status;	/* created, started, ..., expired */
	const char	*due;		/* submission, acceptance */
	const char	*reference;	/* ours, on the receipt */
	const char	*provider;
	const char	*provider_id;	/* NULL: the provider never answered */
	const char	*next_url;	/* the provider's payment page */
	const char	*lang;
	const char	*failure;
	const char	*method;
	const char	*finished_at;
	int64_t		 amount_cents;
	json_t		*lines;		/* pooled */
	int		 past_expiry;	/* expires_at has come */
	const char	*cert_request_id; /* a certificate's: its request */
	/* the dossier as this request read it (paypage_read), or NULL */
	const struct dossier *draft;
};

/* Whether the status is one where the person may still pay. */
int		 paydossier_open(const struct paydossier *);

/*
 * The dossier's latest payment (its open one if any): GERR_NOTFOUND
 * when it has none.
 */
enum gerr	 paydossier_latest(struct req *, const char *dossier_id,
		    struct paydossier *);
/* The same for a certificate's order (certificate_requests.id). */
enum gerr	 paydossier_latest_cert(struct req *, const char *request_id,
		    struct paydossier *);
enum gerr	 paydossier_by_id(struct req *, const char *id,
		    struct paydossier *);

/*
 * The payment of d's fee (return_path: the page the provider sends the
 * person back to, under site.url): its open one if there is one (a double click
 * finds the first), or a new one created at the provider with an
 * idempotency key.  GERR_UPSTREAM when the provider cannot take it (the
 * payment is recorded as "error" and the draft stays as it was).
 */
enum gerr	 paydossier_start(struct req *, const struct dossier *,
		    const struct fee *, const char *return_path,
		    struct paydossier *);

/*
 * The same for a certificate's order left unpaid (sql/0052), at the price
 * it was ordered for; title: what the provider's page says it is for.
 * GERR_CONFLICT when the order no longer waits for a payment.
 */
enum gerr	 paydossier_start_cert(struct req *, const char *request_id,
		    const char *title, const char *return_path,
		    struct paydossier *);

/* The fee's lines in the request's language, and its total: Fee.* */
void		 paydossier_fee_hdf(struct req *, const struct fee *);

/*
 * Reads the payment at the provider and records what it says; a success
 * of a fee due at submission submits the draft in the same transaction,
 * one of a certificate's order queues it for sealing.
 * GERR_UPSTREAM when the provider is away (a read is made due soon);
 * GERR_CONFLICT when the provider's amount is not ours (nothing recorded).
 */
enum gerr	 paydossier_settle(struct req *, struct paydossier *);

/*
 * Cancels an open payment at the provider, reads it (money taken
 * meanwhile wins), and if it is still open records it as expired
 * (expire: our deadline passed) or cancelled (the person gave up).
 */
enum gerr	 paydossier_cancel(struct req *, struct paydossier *,
		    int expire);

/*
 * An agent granted d: if its fee is due after acceptance, it is asked
 * (dossier_fees, sql/0046) and the person told in lang (the outbox), in
 * the caller's transaction.  GERR_OK when nothing is due.
 */
enum gerr	 paydossier_ask(struct req *, const struct dossier *,
		    enum lang);

/*
 * The fee asked of a granted dossier, and whether it was paid or has
 * lapsed: GERR_NOTFOUND when none was asked.
 */
enum gerr	 paydossier_fee_due(struct req *, const char *dossier_id,
		    struct fee *, int *paid, int *lapsed);

#endif
