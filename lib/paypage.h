/* What the payment pages of every program share (forms, dossiers). */
#ifndef GUICHET_PAYPAGE_H
#define GUICHET_PAYPAGE_H

#include "paydossier.h"

/*
 * Where the person pays: 303 to the provider's page of d's payment (its
 * open one for a second click), base being our page the provider sends
 * back to; 503 with the payment's page (templates/forms/payment.cs)
 * saying the provider is away, back the page to try again from.
 */
enum gerr	 paypage_go(struct req *, const struct dossier *,
		    const struct fee *, const char *base, const char *back);

/*
 * d's latest payment into p, read from the provider if it is open (or
 * force): *read is what the read gave (GERR_OK, or GERR_UPSTREAM /
 * GERR_CONFLICT: left as it was).  GERR_NOTFOUND without a payment.
 */
enum gerr	 paypage_read(struct req *, const struct dossier *,
		    struct paydossier *, int force, enum gerr *read);

/*
 * The payment's page for p, as read: its state in plain words, and while
 * it is open (or paid but not yet applied: pending) a page that reloads
 * itself (Refresh, no JavaScript).  Sets the template; GERR_OK.
 */
enum gerr	 paypage_show(struct req *, const struct dossier *,
		    const struct paydossier *, enum gerr read, int pending,
		    const char *base, const char *back);

/*
 * The person gives up d's open payment (to change the answers): cancelled
 * at the provider, then read (paid meanwhile: a success).  GERR_OK also
 * when the provider is away (the worker's reads end it); p as it stands.
 */
enum gerr	 paypage_cancel(struct req *, const struct dossier *,
		    struct paydossier *);

#endif
