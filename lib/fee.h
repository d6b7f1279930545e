/* A procedure's fee as its definition declares it, checked and computed. */
#ifndef GUICHET_FEE_H
#define GUICHET_FEE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "gerr.h"

#define FEE_LINES_MAX		20
#define FEE_CENTS_MAX		1000000		/* a line's unit: 10,000 euros */
#define FEE_QUANTITY_MAX	1000
#define FEE_REMIND_DAYS		7		/* an accepted dossier unpaid */
#define FEE_CLOSE_DAYS		30

enum fee_due {
	FEE_NONE,		/* nothing to pay */
	FEE_SUBMISSION,		/* paid to send the dossier */
	FEE_ACCEPTANCE,		/* asked once an agent accepted it */
};

/* What the answers make due, line by line. */
struct fee {
	enum fee_due	 due;
	int64_t		 total_cents;
	/* [{"label": {fr, nl, de, en}, "cents": n, "quantity": q}], owned */
	json_t		*lines;
	long		 remind_days;	/* acceptance: reminded after */
	long		 close_days;	/* and closed after */
};

/*
 * Checks a definition's "fees" (docs/procedures.md): its keys, its
 * lines' labels in the four languages, amounts, and expressions whose
 * names must be keys of names.  0, or -1 with a message naming where.
 */
int		 fee_check(const json_t *fees, const json_t *names, char *err,
		    size_t errsz);

/*
 * The fee the answers make due: f->due FEE_NONE without "fees" or when
 * every line comes to 0.  GERR_INPUT when a quantity is not a whole
 * number between 0 and FEE_QUANTITY_MAX (f->lines NULL).  The caller
 * frees f->lines (json_decref).
 */
enum gerr	 fee_compute(const json_t *fees, const json_t *answers,
		    struct fee *f);

/* "submission", "acceptance", or NULL. */
const char	*fee_due_name(enum fee_due);

/* "12,50 €" in the language's way (lib/bound.c), into buf. */
const char	*fee_amount_text(int64_t cents, const char *lang, char *buf,
		    size_t bufsz);

#endif
