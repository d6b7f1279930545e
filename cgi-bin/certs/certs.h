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

#endif
