/*
 * Conditions of procedure definitions, parsed and evaluated in one pass by
 * recursive descent.  Expressions are short and written by form authors,
 * so there is no tree to keep: the same code checks an expression at import
 * (names must be fields of the definition) and evaluates it per request.
 *
 *   expr  = and { "or" and }
 *   and   = unary { "and" unary }
 *   unary = "not" unary | cmp
 *   cmp   = sum [ op sum | "in" list ]        op: = == != < <= > >=
 *   sum   = term { ("+" | "-") term }
 *   term  = name | string | number | true | false | null | "(" expr ")"
 *         | "count" "(" name ")" | "answered" "(" name ")"
 *         | "sum" "(" name "." name ")"
 *   list  = "[" [ term { "," term } ] "]"
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"

enum vkind { V_NULL, V_BOOL, V_NUM, V_STR, V_LIST };

struct val {
	enum vkind	 k;
	int		 b;
	double		 n;
	const char	*s;
	size_t		 slen;
	const json_t	*list;
};

struct cp {
	const char	*p;
	const json_t	*answers;
	const json_t	*block;
	const json_t	*names;		/* checking: the known names */
	int		 depth;
	int		 failed;
	char		*err;
	size_t		 errsz;
};

static const struct val	vnull = { V_NULL, 0, 0, NULL, 0, NULL };

static struct val
fail(struct cp *c, const char *msg)
{
	if (!c->failed && c->err != NULL)
		snprintf(c->err, c->errsz, "%s near \"%.20s\"", msg,
		    *c->p ? c->p : "the end");
	c->failed = 1;
	return vnull;
}

static void
skip_space(struct cp *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')
		c->p++;
}

/* Consumes tok if it comes next (words must end there). */
static int
accept(struct cp *c, const char *tok)
{
	size_t	n = strlen(tok);

	skip_space(c);
	if (strncmp(c->p, tok, n) != 0)
		return 0;
	if (isalpha((unsigned char)tok[0]) &&
	    (isalnum((unsigned char)c->p[n]) || c->p[n] == '_'))
		return 0;
	c->p += n;
	return 1;
}

static struct val
from_json(const json_t *j)
{
	struct val	v = vnull;

	if (json_is_string(j)) {
		v.k = V_STR;
		v.s = json_string_value(j);
		v.slen = json_string_length(j);
	} else if (json_is_number(j)) {
		v.k = V_NUM;
		v.n = json_number_value(j);
	} else if (json_is_boolean(j)) {
		v.k = V_BOOL;
		v.b = json_is_true(j);
	} else if (json_is_array(j)) {
		v.k = V_LIST;
		v.list = j;
	} else if (json_is_object(j)) {
		v.k = V_BOOL;		/* an address: answered */
		v.b = 1;
	}
	return v;
}

static int
truthy(const struct val *v)
{
	switch (v->k) {
	case V_BOOL:
		return v->b;
	case V_NUM:
		return v->n != 0;
	case V_STR:
		return v->slen > 0 && !(v->slen == 2 && memcmp(v->s, "no", 2) == 0);
	case V_LIST:
		return json_array_size(v->list) > 0;
	default:
		return 0;
	}
}

static int
as_number(const struct val *v, double *n)
{
	char	 buf[64], *end;

	if (v->k == V_NUM) {
		*n = v->n;
		return 1;
	}
	if (v->k != V_STR || v->slen == 0 || v->slen >= sizeof(buf))
		return 0;
	memcpy(buf, v->s, v->slen);
	buf[v->slen] = '\0';
	*n = strtod(buf, &end);
	return *end == '\0' && !isspace((unsigned char)buf[0]);
}

/* <0, 0, >0, or 2 when the two cannot be ordered. */
static int
compare(const struct val *a, const struct val *b)
{
	double	x, y;
	int	r;

	if (as_number(a, &x) && as_number(b, &y))
		return x < y ? -1 : x > y;
	if (a->k == V_BOOL && b->k == V_BOOL)
		return a->b - b->b;
	if (a->k == V_BOOL && b->k == V_STR)
		return compare(b, a);
	if (a->k == V_STR && b->k == V_BOOL)	/* yes/no answers */
		return (a->slen == 3 && memcmp(a->s, "yes", 3) == 0) == b->b ?
		    0 : 2;
	if (a->k != V_STR || b->k != V_STR)
		return 2;
	r = memcmp(a->s, b->s, a->slen < b->slen ? a->slen : b->slen);
	if (r == 0)
		r = a->slen < b->slen ? -1 : a->slen > b->slen;
	return r < 0 ? -1 : r > 0;
}

/* Equality; a list (checkboxes) equals a value it contains. */
static int
equal(const struct val *a, const struct val *b)
{
	size_t		 i;
	const json_t	*e;
	struct val	 x;

	if (a->k == V_NULL || b->k == V_NULL)
		return a->k == b->k;
	if (b->k == V_LIST && a->k != V_LIST)
		return equal(b, a);
	if (a->k == V_LIST) {
		if (b->k == V_LIST)
			return json_equal(a->list, b->list);
		json_array_foreach(a->list, i, e) {
			x = from_json(e);
			if (equal(&x, b))
				return 1;
		}
		return 0;
	}
	return compare(a, b) == 0;
}

static struct val
boolean(int b)
{
	struct val	v = vnull;

	v.k = V_BOOL;
	v.b = b != 0;
	return v;
}

static struct val
lookup(struct cp *c, const char *name, size_t len)
{
	char		 buf[64];
	const json_t	*j = NULL;

	if (len >= sizeof(buf))
		return fail(c, "name too long");
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (c->names != NULL && json_object_get(c->names, buf) == NULL) {
		char msg[100];

		snprintf(msg, sizeof(msg), "no field is named \"%s\"", buf);
		return fail(c, msg);
	}
	if (c->block != NULL)
		j = json_object_get(c->block, buf);
	if (j == NULL && c->answers != NULL)
		j = json_object_get(c->answers, buf);
	return j == NULL ? vnull : from_json(j);
}

static struct val expr(struct cp *);

static struct val
name_arg(struct cp *c)
{
	const char	*start;
	struct val	 v;

	if (!accept(c, "("))
		return fail(c, "\"(\" expected");
	skip_space(c);
	start = c->p;
	while (islower((unsigned char)*c->p) || isdigit((unsigned char)*c->p) ||
	    *c->p == '_')
		c->p++;
	if (c->p == start || !islower((unsigned char)*start))
		return fail(c, "a field name expected");
	v = lookup(c, start, (size_t)(c->p - start));
	if (!accept(c, ")"))
		return fail(c, "\")\" expected");
	return v;
}

/*
 * A total as its terms were written: answers keep at most 6 decimals, so
 * 15000 + 5000.01 is 20000.01, not the double just above it.
 */
static double
exact(double v)
{
	char	s[64];

	if (v >= 1e15 || v <= -1e15)
		return v;
	snprintf(s, sizeof(s), "%.6f", v);
	return strtod(s, NULL);
}

/* The total of a field over a group's blocks: sum(costs.amount). */
static struct val
group_sum(struct cp *c)
{
	const char	*g, *f;
	struct val	 blocks, x, v = vnull;
	const json_t	*b;
	size_t		 i, glen;
	double		 n;

	if (!accept(c, "("))
		return fail(c, "\"(\" expected");
	skip_space(c);
	for (g = c->p; islower((unsigned char)*c->p) ||
	    isdigit((unsigned char)*c->p) || *c->p == '_'; c->p++)
		;
	glen = (size_t)(c->p - g);
	if (glen == 0 || !islower((unsigned char)*g) || *c->p != '.')
		return fail(c, "a group's name, a dot and a field's name "
		    "expected");
	c->p++;		/* never past the end: a failure reads from there */
	for (f = c->p; islower((unsigned char)*c->p) ||
	    isdigit((unsigned char)*c->p) || *c->p == '_'; c->p++)
		;
	if (c->p == f || !islower((unsigned char)*f))
		return fail(c, "a field name expected");
	blocks = lookup(c, g, glen);
	x = lookup(c, f, (size_t)(c->p - f));	/* checking: it exists */
	if (c->failed || !accept(c, ")"))
		return fail(c, "\")\" expected");
	v.k = V_NUM;
	if (blocks.k != V_LIST)
		return v;
	json_array_foreach(blocks.list, i, b) {
		char	 name[64];

		snprintf(name, sizeof(name), "%.*s", (int)(c->p - 1 - f), f);
		x = from_json(json_object_get(b, name));
		if (as_number(&x, &n))
			v.n = exact(v.n + n);
	}
	return v;
}

static struct val
term(struct cp *c)
{
	const char	*start;
	struct val	 v = vnull;
	char		 q;

	skip_space(c);
	start = c->p;
	if (accept(c, "(")) {
		v = expr(c);
		return accept(c, ")") ? v : fail(c, "\")\" expected");
	}
	if (*c->p == '"' || *c->p == '\'') {
		q = *c->p++;
		while (*c->p != '\0' && *c->p != q)
			c->p++;
		if (*c->p != q)
			return fail(c, "unterminated string");
		v.k = V_STR;
		v.s = start + 1;
		v.slen = (size_t)(c->p++ - start - 1);
		return v;
	}
	if (isdigit((unsigned char)*c->p) || (*c->p == '-' &&
	    isdigit((unsigned char)c->p[1]))) {
		char *end;

		v.k = V_NUM;
		v.n = strtod(c->p, &end);
		c->p = end;
		return v;
	}
	if (accept(c, "true") || accept(c, "false"))
		return boolean(c->p[-1] == 'e' && c->p[-2] == 'u');
	if (accept(c, "null"))
		return vnull;
	if (accept(c, "count")) {
		v = name_arg(c);
		v.n = v.k == V_LIST ? (double)json_array_size(v.list) :
		    v.k == V_NULL ? 0 : 1;
		v.k = V_NUM;
		return v;
	}
	if (accept(c, "sum"))
		return group_sum(c);
	if (accept(c, "answered")) {
		v = name_arg(c);
		return boolean(v.k != V_NULL && !(v.k == V_STR && v.slen == 0) &&
		    !(v.k == V_LIST && json_array_size(v.list) == 0));
	}
	if (islower((unsigned char)*c->p)) {
		while (islower((unsigned char)*c->p) ||
		    isdigit((unsigned char)*c->p) || *c->p == '_')
			c->p++;
		return lookup(c, start, (size_t)(c->p - start));
	}
	return fail(c, "a value or a field name expected");
}

static struct val
in_list(struct cp *c, const struct val *left)
{
	struct val	e;
	int		found = 0;

	if (!accept(c, "["))
		return fail(c, "\"[\" expected after in");
	if (accept(c, "]"))
		return boolean(0);
	do {
		e = term(c);
		if (c->failed)
			return vnull;
		found |= equal(left, &e);
	} while (accept(c, ","));
	return accept(c, "]") ? boolean(found) : fail(c, "\"]\" expected");
}

/*
 * Numbers added or taken away: an unanswered side counts as 0 (a total
 * of amounts some of which are not given), text makes the result null.
 */
static struct val
sum(struct cp *c)
{
	struct val	a = term(c), b;
	double		x, y;
	int		minus;

	while (!c->failed && ((minus = accept(c, "-")) || accept(c, "+"))) {
		b = term(c);
		if (c->failed)
			return vnull;
		if (a.k == V_NULL)
			x = 0;
		else if (!as_number(&a, &x)) {
			a = vnull;
			continue;
		}
		if (b.k == V_NULL)
			y = 0;
		else if (!as_number(&b, &y)) {
			a = vnull;
			continue;
		}
		a = vnull;
		a.k = V_NUM;
		a.n = exact(minus ? x - y : x + y);
	}
	return a;
}

static struct val
cmp(struct cp *c)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "=", "<",
	    ">" };
	struct val	a = sum(c), b;
	size_t		i;
	int		r;

	if (c->failed)
		return vnull;
	if (accept(c, "in"))
		return in_list(c, &a);
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (accept(c, ops[i]))
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return a;
	b = sum(c);
	if (c->failed)
		return vnull;
	switch (ops[i][0]) {
	case '=':
		return boolean(equal(&a, &b));
	case '!':
		return boolean(!equal(&a, &b));
	}
	r = a.k == V_NULL || b.k == V_NULL ? 2 : compare(&a, &b);
	if (r == 2)
		return boolean(0);
	if (ops[i][0] == '<')
		return boolean(ops[i][1] == '=' ? r <= 0 : r < 0);
	return boolean(ops[i][1] == '=' ? r >= 0 : r > 0);
}

static struct val
unary(struct cp *c)
{
	struct val	v;

	if (++c->depth > COND_MAX_DEPTH)
		return fail(c, "nested too deeply");
	if (accept(c, "not")) {
		v = unary(c);
		v = boolean(!truthy(&v));
	} else
		v = cmp(c);
	c->depth--;
	return v;
}

static struct val
and(struct cp *c)
{
	struct val	a = unary(c), b;
	int		r = truthy(&a);

	if (!accept(c, "and"))
		return a;
	do {
		b = unary(c);
		r = r && truthy(&b);
	} while (!c->failed && accept(c, "and"));
	return boolean(r);
}

static struct val
expr(struct cp *c)
{
	struct val	a, b;
	int		r;

	if (++c->depth > COND_MAX_DEPTH)
		return fail(c, "nested too deeply");
	a = and(c);
	r = truthy(&a);
	while (!c->failed && accept(c, "or")) {
		b = and(c);
		r = r || truthy(&b);
		a = boolean(r);
	}
	c->depth--;
	return a;
}

static int
run(struct cp *c, const char *src)
{
	struct val	v;

	c->p = src;
	if (strlen(src) > COND_MAX_LEN) {
		fail(c, "the expression is longer than 1000 characters");
		return -1;
	}
	v = expr(c);
	skip_space(c);
	if (!c->failed && *c->p != '\0')
		fail(c, "unexpected text");
	return c->failed ? -1 : truthy(&v);
}

int
cond_check(const char *src, const json_t *names, char *err, size_t errsz)
{
	struct cp	c = { NULL, NULL, NULL, names, 0, 0, err, errsz };

	return run(&c, src) == -1 ? -1 : 0;
}

int
cond_eval(const char *src, const json_t *answers, const json_t *block)
{
	struct cp	c = { NULL, answers, block, NULL, 0, 0, NULL, 0 };

	return run(&c, src);
}

/*
 * The value of an expression as a number (a fee's quantity, lib/fee.c):
 * the same grammar, so "copies", "count(items)" or "adults + children"
 * give their number; an answer that is not a number, or none, gives 0
 * (nothing to count); a comparison gives 1 or 0.
 */
int
cond_number(const char *src, const json_t *answers, const json_t *block,
    double *n)
{
	struct cp	c = { NULL, answers, block, NULL, 0, 0, NULL, 0 };
	struct val	v;

	*n = 0;
	c.p = src;
	if (strlen(src) > COND_MAX_LEN)
		return -1;
	v = expr(&c);
	skip_space(&c);
	if (c.failed || *c.p != '\0')
		return -1;
	if (v.k == V_BOOL)
		*n = v.b;
	else if (!as_number(&v, n))
		*n = 0;
	return 0;
}
