/*
 * The heat-pump premium's scale and computation, pure (no request, no
 * database), so that the unit test and the fuzz target reach all of it.
 * A scale is a JSON object (sql/0035, sql/seed/0006_housing.sql):
 *
 *   { "deduction_per_dependent": "5000.00",
 *     "categories": [ { "code": "r1", "up_to": "24600.00", "multiplier": 6 },
 *                     ..., { "code": "r5", "multiplier": 1 } ],
 *     "works": [ { "code": "heating", "base": "1000.00" }, ... ],
 *     "cap_percent": 70 }
 *
 * Categories go up by income, the last without "up_to".  The amount is
 * the work's base times the multiplier of the category of the household's
 * income less the deduction for each dependent child, at most
 * cap_percent of the invoice.  Everything is counted in cents.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "scale.h"

/* Amounts beyond a billion euros are nobody's: refused, never overflowed. */
#define CENTS_MAX	100000000000LL
#define DEPENDENTS_MAX	1000
#define MULTIPLIER_MAX	100

/* "1234", "1234.5" or "1234.56" (as money answers are stored) in cents. */
int
cents_parse(const char *s, long long *out)
{
	long long	v = 0;
	int		decimals = -1;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s == '.' && decimals == -1) {
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || decimals == 2)
			return -1;
		v = v * 10 + (*s - '0');
		if (decimals >= 0)
			decimals++;
		if (v > CENTS_MAX)
			return -1;
	}
	if (decimals == 0)		/* "12." */
		return -1;
	for (decimals = decimals < 0 ? 0 : decimals; decimals < 2; decimals++)
		v *= 10;
	if (v > CENTS_MAX)
		return -1;
	*out = v;
	return 0;
}

/* "1234.56": 0, or -1 if it does not fit. */
int
cents_text(long long c, char *buf, size_t size)
{
	int	n;

	if (c < 0)
		return -1;
	n = snprintf(buf, size, "%lld.%02lld", c / 100, c % 100);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* -1, with what is wrong, and where when in a list. */
static int
fail(char *err, size_t errsz, const char *list, size_t i, const char *msg)
{
	if (list != NULL)
		snprintf(err, errsz, "%s[%zu]: %s", list, i, msg);
	else
		snprintf(err, errsz, "%s", msg);
	return -1;
}

static int
code_ok(const json_t *v, char *out)
{
	const char	*s = json_string_value(v);
	size_t		 n;

	if (s == NULL || (n = strlen(s)) == 0 || n >= SCALE_CODE_MAX ||
	    *s < 'a' || *s > 'z' || strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_") != n)
		return 0;
	memcpy(out, s, n + 1);
	return 1;
}

static int
amount_ok(const json_t *v, long long *out)
{
	return json_is_string(v) && cents_parse(json_string_value(v), out) == 0;
}

static int
parse_categories(const json_t *l, struct scale *s, char *err, size_t errsz)
{
	const json_t		*c, *up;
	struct scale_category	*k;
	json_int_t		 m;
	size_t			 i;

	if (!json_is_array(l) || json_array_size(l) == 0 ||
	    json_array_size(l) > SCALE_CATEGORIES_MAX)
		return fail(err, errsz, NULL, 0, "\"categories\": 1 to 8 of them");
	json_array_foreach(l, i, c) {
		k = &s->cat[s->ncat++];
		m = json_integer_value(json_object_get(c, "multiplier"));
		up = json_object_get(c, "up_to");
		if (!code_ok(json_object_get(c, "code"), k->code))
			return fail(err, errsz, "categories", i, "bad code");
		if (!json_is_integer(json_object_get(c, "multiplier")) ||
		    m < 1 || m > MULTIPLIER_MAX)
			return fail(err, errsz, "categories", i, "multiplier "
			    "from 1 to 100");
		k->multiplier = (int)m;
		k->up_to = -1;
		if (i + 1 == json_array_size(l) ? up != NULL :
		    !amount_ok(up, &k->up_to))
			return fail(err, errsz, "categories", i, "\"up_to\" on "
			    "every category but the last");
		if (i > 0 && k->up_to != -1 && k->up_to <= s->cat[i - 1].up_to)
			return fail(err, errsz, "categories", i, "\"up_to\" "
			    "must go up");
	}
	return 0;
}

static int
parse_works(const json_t *l, struct scale *s, char *err, size_t errsz)
{
	const json_t		*w;
	struct scale_work	*k;
	size_t			 i, j;

	if (!json_is_array(l) || json_array_size(l) == 0 ||
	    json_array_size(l) > SCALE_WORKS_MAX)
		return fail(err, errsz, NULL, 0, "\"works\": 1 to 8 of them");
	json_array_foreach(l, i, w) {
		k = &s->work[s->nwork++];
		if (!code_ok(json_object_get(w, "code"), k->code) ||
		    !amount_ok(json_object_get(w, "base"), &k->base))
			return fail(err, errsz, "works", i, "a code and a base "
			    "amount");
		for (j = 0; j < i; j++)
			if (strcmp(s->work[j].code, k->code) == 0)
				return fail(err, errsz, "works", i, "code used "
				    "twice");
	}
	return 0;
}

/* 0 with s filled, or -1 with what is wrong in err. */
int
scale_parse(const char *text, size_t len, struct scale *s, char *err,
    size_t errsz)
{
	json_error_t	 jerr;
	json_t		*j;
	json_int_t	 cap;
	int		 rc = -1;

	memset(s, 0, sizeof(*s));
	if ((j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		return fail(err, errsz, NULL, 0, "not JSON");
	cap = json_integer_value(json_object_get(j, "cap_percent"));
	if (!json_is_object(j))
		fail(err, errsz, NULL, 0, "not an object");
	else if (!amount_ok(json_object_get(j, "deduction_per_dependent"),
	    &s->deduction))
		fail(err, errsz, NULL, 0,
		    "\"deduction_per_dependent\": an amount");
	else if (!json_is_integer(json_object_get(j, "cap_percent")) ||
	    cap < 1 || cap > 100)
		fail(err, errsz, NULL, 0, "\"cap_percent\": from 1 to 100");
	else if (parse_categories(json_object_get(j, "categories"), s, err,
	    errsz) == 0 && parse_works(json_object_get(j, "works"), s, err,
	    errsz) == 0) {
		s->cap_percent = (int)cap;
		rc = 0;
	}
	json_decref(j);
	return rc;
}

/*
 * The premium for a household's income and dependent children, the work
 * and the invoice (amounts in cents): 0 with p filled, -1 for a work the
 * scale does not know or values out of any sensible range.
 */
int
premium_compute(const struct scale *s, long long income, long long dependents,
    const char *work, long long invoice, struct premium *p)
{
	const struct scale_work	*w = NULL;
	size_t			 i;

	memset(p, 0, sizeof(*p));
	if (income < 0 || income > CENTS_MAX || dependents < 0 ||
	    dependents > DEPENDENTS_MAX || invoice < 0 || invoice > CENTS_MAX ||
	    s->ncat == 0 || work == NULL)
		return -1;
	for (i = 0; i < s->nwork && w == NULL; i++)
		if (strcmp(s->work[i].code, work) == 0)
			w = &s->work[i];
	if (w == NULL)
		return -1;
	p->deduction = dependents * s->deduction;
	p->reference = income > p->deduction ? income - p->deduction : 0;
	for (i = 0; i < s->ncat && p->category == NULL; i++)
		if (s->cat[i].up_to == -1 || p->reference <= s->cat[i].up_to)
			p->category = &s->cat[i];
	if (p->category == NULL)	/* the last has no limit, once parsed */
		p->category = &s->cat[s->ncat - 1];
	p->base = w->base;
	p->computed = w->base * p->category->multiplier;
	p->cap = invoice * s->cap_percent / 100;
	p->capped = p->computed > p->cap;
	p->amount = p->capped ? p->cap : p->computed;
	return 0;
}
