/*
 * Fees in procedure definitions (issue 19, docs/payments.md): fixed lines,
 * or lines counted from the answers with the condition language
 * ("copies", "count(children)") and shown only when a condition holds
 * ("urgent"), each with its label in the four languages; when the fee is
 * due (before submission, or after an agent's acceptance) and, after
 * acceptance, when an unpaid dossier is reminded and then closed.  The
 * same file checks the definition at import and computes the fee from a
 * dossier's answers, so the two never disagree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bound.h"
#include "cond.h"
#include "fee.h"

static const char *const langs[] = { "fr", "nl", "de", "en" };

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

static int
fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
	return -1;
}

static int
known(const json_t *o, const char *const *keys, size_t n, const char **bad)
{
	const char	*k;
	json_t		*v;
	size_t		 i;

	json_object_foreach((json_t *)o, k, v) {
		(void)v;
		for (i = 0; i < n && strcmp(k, keys[i]) != 0; i++)
			;
		if (i == n) {
			*bad = k;
			return 0;
		}
	}
	return 1;
}

/* A whole number between lo and hi, or -1. */
static long
whole(const json_t *v, long lo, long hi)
{
	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return -1;
	return (long)json_integer_value(v);
}

static int
check_label(const json_t *l, char *err, size_t errsz)
{
	const json_t	*t;
	size_t		 i;

	if (!json_is_object(l) || json_object_size(l) != NITEMS(langs))
		return fail(err, errsz, "\"label\" must have exactly fr, nl, "
		    "de and en");
	for (i = 0; i < NITEMS(langs); i++) {
		t = json_object_get(l, langs[i]);
		if (!json_is_string(t) || json_string_length(t) == 0 ||
		    json_string_length(t) > 200)
			return fail(err, errsz, "\"label\" has no %s text of 1 "
			    "to 200 bytes", langs[i]);
	}
	return 0;
}

static int
check_expr(const json_t *line, const char *key, const json_t *names,
    char *err, size_t errsz)
{
	const json_t	*e = json_object_get(line, key);
	char		 msg[300];

	if (e == NULL)
		return 0;
	if (!json_is_string(e))
		return fail(err, errsz, "\"%s\" must be an expression in a "
		    "string", key);
	if (cond_check(json_string_value(e), names, msg, sizeof(msg)) == -1)
		return fail(err, errsz, "\"%s\": %s", key, msg);
	return 0;
}

static int
check_line(const json_t *line, const json_t *names, char *err, size_t errsz)
{
	static const char *const keys[] = { "label", "cents", "quantity",
	    "condition" };
	const char	*bad;

	if (!json_is_object(line))
		return fail(err, errsz, "a line must be an object");
	if (!known(line, keys, NITEMS(keys), &bad))
		return fail(err, errsz, "unknown key \"%s\"", bad);
	if (check_label(json_object_get(line, "label"), err, errsz) == -1)
		return -1;
	if (whole(json_object_get(line, "cents"), 1, FEE_CENTS_MAX) == -1)
		return fail(err, errsz, "\"cents\" must be a whole number of "
		    "cents from 1 to %d", FEE_CENTS_MAX);
	return check_expr(line, "quantity", names, err, errsz) == -1 ||
	    check_expr(line, "condition", names, err, errsz) == -1 ? -1 : 0;
}

static int
check_unpaid(const json_t *u, int acceptance, char *err, size_t errsz)
{
	static const char *const keys[] = { "remind_days", "close_days" };
	const char	*bad;
	long		 remind, close;

	if (u == NULL)
		return 0;
	if (!acceptance)
		return fail(err, errsz, "\"unpaid\" applies to a fee due at "
		    "acceptance: an unpaid draft simply waits");
	if (!json_is_object(u))
		return fail(err, errsz, "\"unpaid\" must be an object");
	if (!known(u, keys, NITEMS(keys), &bad))
		return fail(err, errsz, "\"unpaid\": unknown key \"%s\"", bad);
	remind = json_object_get(u, "remind_days") == NULL ? FEE_REMIND_DAYS :
	    whole(json_object_get(u, "remind_days"), 1, 90);
	close = json_object_get(u, "close_days") == NULL ? FEE_CLOSE_DAYS :
	    whole(json_object_get(u, "close_days"), 1, 365);
	if (remind == -1 || close == -1)
		return fail(err, errsz, "\"unpaid\": \"remind_days\" is 1 to 90 "
		    "days, \"close_days\" 1 to 365");
	if (close <= remind)
		return fail(err, errsz, "\"unpaid\": \"close_days\" must come "
		    "after \"remind_days\"");
	return 0;
}

int
fee_check(const json_t *fees, const json_t *names, char *err, size_t errsz)
{
	static const char *const keys[] = { "due", "lines", "unpaid" };
	const json_t	*due, *lines, *line;
	const char	*bad;
	char		 msg[400];
	int		 acceptance;
	size_t		 i;

	if (!json_is_object(fees))
		return fail(err, errsz, "\"fees\" must be an object");
	if (!known(fees, keys, NITEMS(keys), &bad))
		return fail(err, errsz, "\"fees\": unknown key \"%s\"", bad);
	due = json_object_get(fees, "due");
	if (!json_is_string(due) || (strcmp(json_string_value(due),
	    "submission") != 0 && strcmp(json_string_value(due),
	    "acceptance") != 0))
		return fail(err, errsz, "\"fees\": \"due\" must be submission "
		    "or acceptance");
	acceptance = strcmp(json_string_value(due), "acceptance") == 0;
	lines = json_object_get(fees, "lines");
	if (!json_is_array(lines) || json_array_size(lines) == 0 ||
	    json_array_size(lines) > FEE_LINES_MAX)
		return fail(err, errsz, "\"fees\": \"lines\" must be a list of "
		    "1 to %d lines", FEE_LINES_MAX);
	json_array_foreach(lines, i, line)
		if (check_line(line, names, msg, sizeof(msg)) == -1)
			return fail(err, errsz, "fees.lines[%zu]: %s", i, msg);
	if (check_unpaid(json_object_get(fees, "unpaid"), acceptance, msg,
	    sizeof(msg)) == -1)
		return fail(err, errsz, "fees: %s", msg);
	return 0;
}

/* A line's quantity: 1 without "quantity", 0 when its condition is false. */
static int
line_quantity(const json_t *line, const json_t *answers, long *q)
{
	const char	*cond = json_string_value(json_object_get(line,
	    "condition"));
	const char	*qe = json_string_value(json_object_get(line,
	    "quantity"));
	double		 n = 1;
	int		 r;

	*q = 0;
	if (cond != NULL && (r = cond_eval(cond, answers, NULL)) != 1)
		return r == -1 ? -1 : 0;
	if (qe != NULL && cond_number(qe, answers, NULL, &n) == -1)
		return -1;
	if (!(n >= 0 && n <= FEE_QUANTITY_MAX) || n != (double)(long)n)
		return -1;
	*q = (long)n;
	return 0;
}

enum gerr
fee_compute(const json_t *fees, const json_t *answers, struct fee *f)
{
	const json_t	*line, *u = json_object_get(fees, "unpaid");
	const char	*due = json_string_value(json_object_get(fees, "due"));
	long		 q;
	size_t		 i;

	memset(f, 0, sizeof(*f));
	f->remind_days = FEE_REMIND_DAYS;
	f->close_days = FEE_CLOSE_DAYS;
	if (fees == NULL || due == NULL)
		return GERR_OK;
	if (json_is_integer(json_object_get(u, "remind_days")))
		f->remind_days = json_integer_value(json_object_get(u,
		    "remind_days"));
	if (json_is_integer(json_object_get(u, "close_days")))
		f->close_days = json_integer_value(json_object_get(u,
		    "close_days"));
	if ((f->lines = json_array()) == NULL)
		return GERR_NOMEM;
	json_array_foreach(json_object_get(fees, "lines"), i, line) {
		if (line_quantity(line, answers, &q) == -1) {
			json_decref(f->lines);
			f->lines = NULL;
			f->total_cents = 0;
			return GERR_INPUT;
		}
		if (q == 0)
			continue;
		f->total_cents += q * json_integer_value(json_object_get(line,
		    "cents"));
		json_array_append_new(f->lines, json_pack("{sOsIsi}", "label",
		    json_object_get(line, "label"), "cents",
		    (json_int_t)(q * json_integer_value(json_object_get(line,
		    "cents"))), "quantity", (int)q));
	}
	if (f->total_cents > 0)
		f->due = strcmp(due, "acceptance") == 0 ? FEE_ACCEPTANCE :
		    FEE_SUBMISSION;
	return GERR_OK;
}

const char *
fee_due_name(enum fee_due d)
{
	switch (d) {
	case FEE_SUBMISSION:
		return "submission";
	case FEE_ACCEPTANCE:
		return "acceptance";
	default:
		return NULL;
	}
}

/* As the form's amounts are written: "12,50 €", "1.250,00 €", "12.50 €". */
const char *
fee_amount_text(int64_t cents, const char *lang, char *buf, size_t bufsz)
{
	return number_words((double)cents / 100, lang != NULL ? lang : "fr", 2,
	    " \xe2\x82\xac", buf, bufsz);
}
