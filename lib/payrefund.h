/*
 * Refunds from the back office (issue 19, docs/payments.md): asked by an
 * agent with a reason, checked against what is left under the payment's
 * row lock, recorded pending with the form's idempotency key (a second
 * click finds the first), then sent to the provider with that key and
 * refund_amount_available, and settled: success, error, or still pending
 * for the notification worker to send again (payrefund_batch).
 */
#ifndef GUICHET_PAYREFUND_H
#define GUICHET_PAYREFUND_H

#include <stdint.h>

#include "gerr.h"
#include "pool.h"

struct payrefund_ask {
	const char	*payment_id;
	const char	*dossier_id;	/* the payment must be this dossier's */
	const char	*cert_request_id; /* or this certificate request's */
	int64_t		 cents;
	const char	*reason;
	const char	*agent_id;
	const char	*key;		/* a UUID, from the form */
};

/*
 * Records the refund, pending.  GERR_OK with its id (the same id when the
 * key was seen: a double submission); GERR_NOTFOUND for a payment not of
 * the dossier; GERR_CONFLICT for a payment not paid or an amount beyond
 * what is left (*available says how much is).
 */
enum gerr	 payrefund_ask(struct pool *, const struct payrefund_ask *,
		    int64_t *available, const char **refund_id);

/*
 * Sends a pending refund to the provider and records its answer.
 * GERR_OK: done or pending at the provider; GERR_CONFLICT: the provider
 * refused it (the refund is in error); GERR_UPSTREAM: the provider is
 * away (the refund stays pending and is sent again later).
 */
enum gerr	 payrefund_send(struct pool *, const char *refund_id);

/*
 * Pending refunds left for a while (the provider was away, or had not
 * decided), sent again with their own key; claimed for a lease so two
 * workers never send the same one at once.  The number handled, or -1.
 */
int		 payrefund_batch(struct pool *, int max);

/* "12.50" or "12,5" as cents; -1 when it is not an amount above 0. */
int		 payrefund_cents(const char *, int64_t *);

#endif
