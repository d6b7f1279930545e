/* guichet-certs: certificates on demand from the registers (docs/certificates.md). */
#ifndef GUICHET_CERTS_H
#define GUICHET_CERTS_H

#include "app.h"

/* request.c: the catalogue, a type's form, the request */
enum gerr	page_catalogue(struct req *);
enum gerr	page_form(struct req *);
enum gerr	page_request(struct req *);

/* status.c: one request, while it is made and once it is issued */
enum gerr	page_status(struct req *);
enum gerr	page_print(struct req *);
/* Whether s is spelled as a request's reference, C-2026-000042. */
int		cert_reference_ok(const char *s);

/* pay.c: an order with a fee, paid online (docs/payments.md) */
enum gerr	order_hdf(struct req *, const char *cref);
enum gerr	page_order_pay(struct req *);
enum gerr	page_order_payment(struct req *);
enum gerr	page_order_cancel(struct req *);

#endif
