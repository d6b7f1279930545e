/*
 * Payment service providers behind one interface (issue 19,
 * docs/payments.md).  The guichet creates a payment, reads its state,
 * refunds it, and checks a webhook.  One rule above all: the provider's
 * word is fetched (read), never believed from the browser; a webhook,
 * once its signature checks, only hints that a read is due.
 *
 * The daily reconciliation lists the payments the provider made in a
 * time range (list), page by page.
 *
 * Every call that creates something at the provider (a payment, a refund)
 * carries an idempotency key: the same key twice gives the same object,
 * so a retry after a timeout never charges or refunds twice.
 *
 * Outcomes: GERR_OK; GERR_UPSTREAM when the provider is away, slow, or
 * answers what we cannot read (the caller keeps its state and reads
 * again later); GERR_INPUT when the provider refuses the request itself
 * (e.g. a refund beyond what is left: GERR_CONFLICT); GERR_NOTFOUND for
 * an id it does not know; GERR_AUTH for a webhook whose signature does
 * not check.  Keys and secrets never reach the log.
 */
#ifndef GUICHET_PAYMENT_H
#define GUICHET_PAYMENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "gerr.h"
#include "pool.h"

/* GOV.UK Pay's states, the best-known public payment API's. */
enum pay_status {
	PAY_CREATED,
	PAY_STARTED,
	PAY_SUBMITTED,
	PAY_SUCCESS,
	PAY_FAILED,	/* declined, or expired at the provider */
	PAY_CANCELLED,	/* by the user, or by us */
	PAY_ERROR,
	PAY_EXPIRED,	/* ours: nothing came before the deadline */
	PAY__MAX
};

/* As spelled in SQL and in logs: "created", "started", ... */
extern const char *const pay_status_names[PAY__MAX];

/* A payment's end: success, failed, cancelled, error or expired. */
int	pay_status_final(enum pay_status);

/* One provider's settings, from guichet.conf (payments.*). */
struct payconf {
	const char	*url;		/* the API's base address */
	const char	*key;		/* the API key (a secret) */
	const char	*webhook_secret; /* the webhooks' signing secret */
	const char	*cacert;	/* NULL: the system's CAs */
	long		 timeout_ms;
};

struct pay_create {
	const char	*reference;	/* ours: the dossier's, or the fee's */
	int64_t		 amount_cents;	/* > 0, in euros */
	const char	*description;	/* shown by the provider, in lang */
	const char	*lang;		/* fr, nl, de or en */
	const char	*return_url;	/* where the browser comes back */
	const char	*webhook_url;	/* NULL: none */
	const char	*idempotency_key;
};

struct pay_state {
	const char	*provider_id;	/* the provider's id of the payment */
	enum pay_status	 status;
	int64_t		 amount_cents;
	int64_t		 refunded_cents; /* refunds that went through */
	int64_t		 available_cents; /* what can still be refunded */
	const char	*next_url;	/* after create: the payment page */
	const char	*method;	/* "bancontact", "card"...; NULL */
	const char	*failure;	/* the provider's code; NULL */
	const char	*reference;	/* ours, as the provider keeps it; NULL */
	time_t		 created;	/* at the provider; 0: not said */
};

/*
 * One page of the provider's payments created in [from, to), oldest
 * first, for the daily reconciliation; next is the following page's
 * cursor, NULL after the last.
 */
#define PAY_LIST_MAX	500
struct pay_list {
	struct pay_state *items;
	size_t		 n;
	const char	*next;
};

struct pay_refund {
	const char	*provider_id;	/* the provider's id of the refund */
	int64_t		 amount_cents;
	int		 done;		/* 1: succeeded; 0: pending */
	int		 failed;
};

/* What a webhook, once checked, says: which event, about which payment. */
struct pay_hint {
	const char	*event_id;	/* for deduplication with the provider */
	const char	*provider_id;	/* the payment to read again */
};

struct payprovider {
	const char	*name;		/* as in guichet.conf: payments.provider */
	enum gerr	(*create)(struct pool *, const struct payconf *,
			    const struct pay_create *, struct pay_state *);
	enum gerr	(*read)(struct pool *, const struct payconf *,
			    const char *provider_id, struct pay_state *);
	enum gerr	(*refund)(struct pool *, const struct payconf *,
			    const char *provider_id, int64_t amount_cents,
			    int64_t available_cents, const char *reason,
			    const char *idempotency_key, struct pay_refund *);
	/*
	 * body and the request's signature header(s) as received; the
	 * adapter checks the signature (constant-time) and its freshness.
	 */
	enum gerr	(*webhook)(struct pool *, const struct payconf *,
			    const char *body, size_t len,
			    const char *signature, struct pay_hint *);
	/* cursor NULL: the first page */
	enum gerr	(*list)(struct pool *, const struct payconf *,
			    time_t from, time_t to, const char *cursor,
			    struct pay_list *);
	/*
	 * Ends a payment nobody finished (our expiry, or the person's
	 * "change my answers"): GERR_CONFLICT when it already ended (paid
	 * meanwhile: read it).  The caller reads it afterwards either way.
	 */
	enum gerr	(*cancel)(struct pool *, const struct payconf *,
			    const char *provider_id);
	/*
	 * A refund the provider left pending, read again by its id (the
	 * provider's, from refund): its state now.  NULL when sending the
	 * refund again with its own key answers its current state (GOV.UK
	 * Pay); Stripe answers a replayed key with its first answer.
	 */
	enum gerr	(*refund_read)(struct pool *, const struct payconf *,
			    const char *refund_provider_id,
			    struct pay_refund *);
};

/* The adapter named in guichet.conf, or NULL. */
const struct payprovider *payprovider_find(const char *name);

/*
 * payments.* from guichet.conf into pc, the key and the webhook secret
 * read from their files (at each call: they may rotate); the adapter
 * payments.provider names, or NULL with the cause logged.
 */
const struct payprovider *payconf_load(struct pool *, struct payconf *pc);

/* The adapters (lib/pay-<name>.c). */
extern const struct payprovider pay_govuk;	/* GOV.UK Pay's protocol */
extern const struct payprovider payprovider_stripe; /* Stripe's (docs/payments-stripe.md) */

#endif
