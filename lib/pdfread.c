/*
 * What lib/pades.c reads of a PDF before it adds its signature, and of
 * one given back to be checked: the newest xref section and its trailer,
 * an object's dictionary through the chain of sections, the first page,
 * and the signatures' byte ranges.  The bytes are anybody's (an agent's
 * uploaded letter, a file given to be checked), so every read is
 * bounded by the end of the file, every walk by a count, and nothing is
 * allocated but a signature's bytes (tests/fuzz/fuzz-pdfread.c).
 * Classic xref tables only, as libharu writes them: a file with an xref
 * stream is refused (-1), and its caller seals it otherwise.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pdfread.h"

#define DEPTH_MAX	32	/* nested arrays and dictionaries */
#define SECTIONS_MAX	64	/* revisions walked through /Prev */
#define PAGES_MAX	16	/* levels of the page tree */
#define SIGS_MAX	16	/* signatures looked at: each may span the file */

static int
is_ws(int c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == ' ';
}

static int
is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* Past white space and comments. */
static const char *
skip_ws(const char *p, const char *e)
{
	while (p < e) {
		if (*p == '%') {
			while (p < e && *p != '\n' && *p != '\r')
				p++;
		} else if (is_ws((unsigned char)*p))
			p++;
		else
			break;
	}
	return p;
}

/* Past a run of regular characters (a number, a keyword, a name's tail). */
static const char *
skip_regular(const char *p, const char *e)
{
	while (p < e && !is_ws((unsigned char)*p) && !is_delim((unsigned char)*p))
		p++;
	return p;
}

static int
is_uint(const char *p, const char *q)
{
	if (p == q)
		return 0;
	for (; p < q; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

static const char	*skip_value(const char *, const char *, int);

/* Past "(...)": balanced parentheses, backslash escapes. */
static const char *
skip_string(const char *p, const char *e)
{
	int	nest = 0;

	for (; p < e; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '(')
			nest++;
		else if (*p == ')' && --nest == 0)
			return p + 1;
	}
	return NULL;
}

/* Past "<< key value ... >>", p at "<<". */
static const char *
skip_dict(const char *p, const char *e, int depth)
{
	for (p = skip_ws(p + 2, e); p < e; p = skip_ws(p, e)) {
		if (e - p >= 2 && p[0] == '>' && p[1] == '>')
			return p + 2;
		if (*p != '/')
			return NULL;
		p = skip_regular(p + 1, e);
		if ((p = skip_value(skip_ws(p, e), e, depth + 1)) == NULL)
			return NULL;
	}
	return NULL;
}

static const char *
skip_array(const char *p, const char *e, int depth)
{
	for (p = skip_ws(p + 1, e); p < e; p = skip_ws(p, e)) {
		if (*p == ']')
			return p + 1;
		if ((p = skip_value(p, e, depth + 1)) == NULL)
			return NULL;
	}
	return NULL;
}

/* Past a number, or past "num gen R" when the number starts a reference. */
static const char *
skip_number(const char *p, const char *e)
{
	const char	*q = skip_regular(p, e), *g, *r;

	if (q == p)
		return NULL;
	if (!is_uint(p, q))
		return q;
	g = skip_ws(q, e);
	r = skip_regular(g, e);
	if (!is_uint(g, r))
		return q;
	r = skip_ws(r, e);
	if (r < e && *r == 'R' && (r + 1 == e || is_ws((unsigned char)r[1]) ||
	    is_delim((unsigned char)r[1])))
		return r + 1;
	return q;
}

/* Past one value starting at p; NULL if malformed or too deep. */
static const char *
skip_value(const char *p, const char *e, int depth)
{
	if (p >= e || depth > DEPTH_MAX)
		return NULL;
	switch (*p) {
	case '<':
		if (e - p >= 2 && p[1] == '<')
			return skip_dict(p, e, depth);
		p = memchr(p, '>', (size_t)(e - p));
		return p != NULL ? p + 1 : NULL;
	case '(':
		return skip_string(p, e);
	case '[':
		return skip_array(p, e, depth);
	case '/':
		return skip_regular(p + 1, e);
	case ')': case '>': case ']': case '{': case '}':
		return NULL;
	default:
		return skip_number(p, e);
	}
}

int
pdfdict_each(struct pdfspan d, void (*fn)(struct pdfspan, struct pdfspan,
    void *), void *arg)
{
	const char	*p = d.p, *e = d.p + d.n, *k;
	struct pdfspan	 key, val;

	if (d.n < 4 || p[0] != '<' || p[1] != '<')
		return -1;
	for (p = skip_ws(p + 2, e); p < e; p = skip_ws(p, e)) {
		if (e - p >= 2 && p[0] == '>' && p[1] == '>')
			return 0;
		if (*p != '/')
			return -1;
		k = p;
		p = skip_regular(p + 1, e);
		key.p = k;
		key.n = (size_t)(p - k);
		val.p = skip_ws(p, e);
		if ((p = skip_value(val.p, e, 1)) == NULL)
			return -1;
		val.n = (size_t)(p - val.p);
		fn(key, val, arg);
	}
	return -1;
}

struct dict_find {
	const char	*key;
	struct pdfspan	*val;
	int		 found;
};

static void
dict_find_one(struct pdfspan key, struct pdfspan val, void *arg)
{
	struct dict_find	*f = arg;

	if (!f->found && pdfspan_is(key, f->key)) {
		*f->val = val;
		f->found = 1;
	}
}

int
pdfdict_get(struct pdfspan d, const char *key, struct pdfspan *val)
{
	struct dict_find	f = { key, val, 0 };

	if (pdfdict_each(d, dict_find_one, &f) == -1 || !f.found)
		return -1;
	return 0;
}

int
pdfspan_is(struct pdfspan s, const char *text)
{
	return s.n == strlen(text) && memcmp(s.p, text, s.n) == 0;
}

/* A non-negative decimal integer at p (at most 15 digits); past it or NULL. */
static const char *
read_uint(const char *p, const char *e, long *n)
{
	const char	*q = skip_regular(p, e);

	if (!is_uint(p, q) || q - p > 15)
		return NULL;
	for (*n = 0; p < q; p++)
		*n = *n * 10 + (*p - '0');
	return q;
}

int
pdfspan_int(struct pdfspan s, long *n)
{
	return read_uint(s.p, s.p + s.n, n) == s.p + s.n ? 0 : -1;
}

int
pdfspan_ref(struct pdfspan s, long *num, long *gen)
{
	const char	*p = s.p, *e = s.p + s.n;

	if ((p = read_uint(p, e, num)) == NULL ||
	    (p = read_uint(skip_ws(p, e), e, gen)) == NULL)
		return -1;
	p = skip_ws(p, e);
	return p + 1 == e && *p == 'R' ? 0 : -1;
}

/* p starts with the keyword kw, followed by a delimiter or white space. */
static int
keyword_at(const char *p, const char *e, const char *kw)
{
	size_t	n = strlen(kw);

	return (size_t)(e - p) >= n && memcmp(p, kw, n) == 0 &&
	    ((size_t)(e - p) == n || is_ws((unsigned char)p[n]) ||
	    is_delim((unsigned char)p[n]));
}

/*
 * The xref section at off: its subsections' first entries through fn
 * (which returns 1 to stop), then its trailer.  0, or -1 if malformed.
 */
struct xref_lookup {
	long		 num;
	long		 off, gen;
	int		 state;		/* 0 not here, 1 in use, 2 free */
};

static int
xref_entry(const char *p, const char *e, long start, long count,
    struct xref_lookup *x)
{
	const char	*ent;
	long		 i = x->num - start;

	if (x->num < start || i >= count)
		return 0;
	ent = p + 20 * i;
	if (e - ent < 18 || read_uint(ent, ent + 10, &x->off) != ent + 10 ||
	    ent[10] != ' ' || read_uint(ent + 11, ent + 16, &x->gen) !=
	    ent + 16 || ent[16] != ' ' || (ent[17] != 'n' && ent[17] != 'f'))
		return -1;
	x->state = ent[17] == 'n' ? 1 : 2;
	return 1;
}

static int
xref_section(const struct pdfread *r, size_t off, struct xref_lookup *x,
    struct pdfspan *trailer)
{
	const char	*p, *e = r->pdf + r->len, *q;
	long		 start, count;
	int		 rc;

	if (off >= r->len)
		return -1;
	p = r->pdf + off;
	if (!keyword_at(p, e, "xref"))
		return -1;
	for (p = skip_ws(p + 4, e); !keyword_at(p, e, "trailer");
	    p = skip_ws(p, e)) {
		if ((p = read_uint(p, e, &start)) == NULL ||
		    (p = read_uint(skip_ws(p, e), e, &count)) == NULL)
			return -1;
		/* the entries start on the next line */
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p < e && *p == '\r')
			p++;
		if (p < e && *p == '\n')
			p++;
		if (count < 0 || count > (long)((size_t)(e - p) / 20))
			return -1;
		if (x != NULL && x->state == 0 &&
		    (rc = xref_entry(p, e, start, count, x)) == -1)
			return -1;
		p += 20 * count;
	}
	p = skip_ws(p + 7, e);
	if ((q = skip_value(p, e, 0)) == NULL || q - p < 4 || p[0] != '<' ||
	    p[1] != '<')
		return -1;
	trailer->p = p;
	trailer->n = (size_t)(q - p);
	return 0;
}

int
pdfread_open(struct pdfread *r, const char *pdf, size_t len)
{
	const char	*p, *e = pdf + len, *from;
	struct pdfspan	 v;
	long		 off;

	memset(r, 0, sizeof(*r));
	r->pdf = pdf;
	r->len = len;
	if (len < 16 || memcmp(pdf, "%PDF-", 5) != 0)
		return -1;
	/* "startxref" within the last kilobyte */
	from = len > 1024 ? e - 1024 : pdf;
	for (p = e - 9; p >= from; p--)
		if (memcmp(p, "startxref", 9) == 0)
			break;
	if (p < from || read_uint(skip_ws(p + 9, e), e, &off) == NULL ||
	    (size_t)off >= len)
		return -1;
	r->startxref = (size_t)off;
	if (xref_section(r, r->startxref, NULL, &r->trailer) == -1 ||
	    pdfdict_get(r->trailer, "/Root", &v) == -1 ||
	    pdfspan_ref(v, &r->root, &r->root_gen) == -1 ||
	    pdfdict_get(r->trailer, "/Size", &v) == -1 ||
	    pdfspan_int(v, &r->size) == -1 || r->size <= r->root ||
	    r->size > INT_MAX / 2)
		return -1;
	return 0;
}

/* Where object num lives: the newest section that lists it. */
static int
xref_find(const struct pdfread *r, long num, struct xref_lookup *x)
{
	struct pdfspan	 trailer, v;
	size_t		 off = r->startxref;
	long		 prev;
	int		 i;

	memset(x, 0, sizeof(*x));
	x->num = num;
	for (i = 0; i < SECTIONS_MAX; i++) {
		if (xref_section(r, off, x, &trailer) == -1)
			return -1;
		if (x->state != 0)
			return x->state == 1 ? 0 : -1;
		if (pdfdict_get(trailer, "/Prev", &v) == -1)
			return -1;
		if (pdfspan_int(v, &prev) == -1 || (size_t)prev >= r->len)
			return -1;
		off = (size_t)prev;
	}
	return -1;
}

int
pdfread_object(const struct pdfread *r, long num, long *gen,
    struct pdfspan *dict)
{
	struct xref_lookup	 x;
	const char		*p, *e = r->pdf + r->len, *q;
	long			 n, g;

	if (num <= 0 || xref_find(r, num, &x) == -1 || x.off <= 0 ||
	    (size_t)x.off >= r->len)
		return -1;
	p = r->pdf + x.off;
	if ((p = read_uint(p, e, &n)) == NULL || n != num ||
	    (p = read_uint(skip_ws(p, e), e, &g)) == NULL)
		return -1;
	p = skip_ws(p, e);
	if (!keyword_at(p, e, "obj"))
		return -1;
	p = skip_ws(p + 3, e);
	if ((q = skip_value(p, e, 0)) == NULL || q - p < 4 || p[0] != '<' ||
	    p[1] != '<')
		return -1;
	*gen = g;
	dict->p = p;
	dict->n = (size_t)(q - p);
	return 0;
}

/* The first reference of an array "[ 12 0 R ... ]". */
static int
first_ref(struct pdfspan a, long *num, long *gen)
{
	const char	*p = a.p, *e = a.p + a.n, *q;
	struct pdfspan	 v;

	if (a.n < 2 || *p != '[')
		return -1;
	p = skip_ws(p + 1, e);
	if ((q = skip_value(p, e, 1)) == NULL)
		return -1;
	v.p = p;
	v.n = (size_t)(q - p);
	return pdfspan_ref(v, num, gen);
}

int
pdfread_first_page(const struct pdfread *r, long *num, long *gen,
    struct pdfspan *dict)
{
	struct pdfspan	 cat, v;
	long		 n, g;
	int		 i;

	if (pdfread_object(r, r->root, &g, &cat) == -1 ||
	    pdfdict_get(cat, "/Pages", &v) == -1 ||
	    pdfspan_ref(v, &n, &g) == -1)
		return -1;
	for (i = 0; i < PAGES_MAX; i++) {
		if (pdfread_object(r, n, gen, dict) == -1)
			return -1;
		if (pdfdict_get(*dict, "/Kids", &v) == -1) {
			if (pdfdict_get(*dict, "/Type", &v) == -1 ||
			    !pdfspan_is(v, "/Page"))
				return -1;
			*num = n;
			return 0;
		}
		if (first_ref(v, &n, &g) == -1)
			return -1;
	}
	return -1;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The signature whose /ByteRange array starts at p, if it frames one. */
static int
signature_at(const char *pdf, size_t len, const char *p, struct pdfsig *s)
{
	const char	*e = pdf + len, *h;
	long		 v;
	size_t		 i, n;
	int		 hi, lo;

	p = skip_ws(p, e);
	if (p >= e || *p != '[')
		return -1;
	for (p++, i = 0; i < 4; i++) {
		if ((p = read_uint(skip_ws(p, e), e, &v)) == NULL)
			return -1;
		s->range[i] = (size_t)v;
	}
	if ((p = skip_ws(p, e)) >= e || *p != ']' || s->range[0] != 0 ||
	    s->range[1] >= s->range[2] || s->range[2] > len ||
	    s->range[3] > len - s->range[2] || s->range[2] - s->range[1] < 2)
		return -1;
	h = pdf + s->range[1];
	n = s->range[2] - s->range[1];
	if (h[0] != '<' || h[n - 1] != '>' || (n - 2) % 2 != 0)
		return -1;
	if ((s->der = malloc((n - 2) / 2 + 1)) == NULL)
		return -1;
	for (i = 0; i < (n - 2) / 2; i++) {
		if ((hi = hexval((unsigned char)h[1 + 2 * i])) == -1 ||
		    (lo = hexval((unsigned char)h[2 + 2 * i])) == -1) {
			free(s->der);
			s->der = NULL;
			return -1;
		}
		s->der[i] = (unsigned char)(hi << 4 | lo);
	}
	s->derlen = i;
	s->whole = s->range[2] + s->range[3] == len;
	return 0;
}

int
pdfread_signatures(const char *pdf, size_t len,
    void (*fn)(const struct pdfsig *, void *), void *arg)
{
	static const char	 key[] = "/ByteRange";
	const char		*p = pdf, *e = pdf + len;
	struct pdfsig		 s;
	int			 found = 0;

	while (found < SIGS_MAX && (p = memmem(p, (size_t)(e - p), key,
	    sizeof(key) - 1)) != NULL) {
		p += sizeof(key) - 1;
		memset(&s, 0, sizeof(s));
		if (signature_at(pdf, len, p, &s) == -1)
			continue;
		found++;
		fn(&s, arg);
		free(s.der);
	}
	return found;
}
