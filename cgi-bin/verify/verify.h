/* guichet-verify: the public verification of issued documents. */
#ifndef GUICHET_VERIFY_H
#define GUICHET_VERIFY_H

#include "app.h"

/* pages.c */
enum gerr	 page_verify(struct req *);
enum gerr	 page_verify_post(struct req *);
enum gerr	 page_verify_code(struct req *);
enum gerr	 page_verify_code_post(struct req *);

#endif
