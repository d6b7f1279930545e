/* Parsers of untrusted request bytes: each refuses what it cannot represent. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "req.h"
#include "valid.h"

#define COOKIES_MAX	50
#define MP_HEADERS_MAX	16

void
kvlist_init(struct kvlist *l)
{
	l->head = l->tail = NULL;
	l->count = 0;
}

int
kvlist_add(struct pool *p, struct kvlist *l, const char *name,
    const char *value, size_t len)
{
	struct kv	*kv;

	if ((kv = pool_calloc(p, 1, sizeof(*kv))) == NULL)
		return -1;
	kv->name = name;
	kv->value = value;
	kv->len = len;
	if (l->tail != NULL)
		l->tail->next = kv;
	else
		l->head = kv;
	l->tail = kv;
	l->count++;
	return 0;
}

const struct kv *
kvlist_find(const struct kvlist *l, const char *name)
{
	const struct kv	*kv;

	for (kv = l->head; kv != NULL; kv = kv->next)
		if (strcmp(kv->name, name) == 0)
			return kv;
	return NULL;
}

const char *
kvlist_get(const struct kvlist *l, const char *name)
{
	const struct kv	*kv = kvlist_find(l, name);

	return kv != NULL ? kv->value : NULL;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Decodes %XX (and '+' as space when plus is set) in place.  Returns 0 on
 * a broken escape or a decoded NUL, which no field of ours may hold.
 */
int
req_url_decode(char *s, size_t *len, int plus)
{
	size_t	i, j;
	int	hi, lo;

	for (i = j = 0; i < *len; i++, j++) {
		if (s[i] == '%') {
			if (i + 2 >= *len)
				return 0;
			if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)s[i + 2])) < 0)
				return 0;
			s[j] = (char)(hi << 4 | lo);
			if (s[j] == '\0')
				return 0;
			i += 2;
		} else if (s[i] == '+' && plus)
			s[j] = ' ';
		else if (s[i] == '\0')
			return 0;
		else
			s[j] = s[i];
	}
	s[j] = '\0';
	*len = j;
	return 1;
}

enum gerr
req_parse_urlencoded(struct pool *p, const char *in, size_t len,
    struct kvlist *out)
{
	const char	*end = in + len, *amp, *eq;
	char		*name, *value;
	size_t		 nlen, vlen;

	while (in < end) {
		if ((amp = memchr(in, '&', (size_t)(end - in))) == NULL)
			amp = end;
		if (amp == in) {
			in++;
			continue;
		}
		if ((eq = memchr(in, '=', (size_t)(amp - in))) == NULL)
			eq = amp;
		nlen = (size_t)(eq - in);
		vlen = eq < amp ? (size_t)(amp - eq - 1) : 0;
		if ((name = pool_strndup(p, in, nlen)) == NULL ||
		    (value = pool_strndup(p, eq < amp ? eq + 1 : "", vlen))
		    == NULL)
			return GERR_NOMEM;
		if (!req_url_decode(name, &nlen, 1) ||
		    !req_url_decode(value, &vlen, 1) ||
		    !valid_utf8(name, nlen) || !valid_utf8(value, vlen))
			return GERR_INPUT;
		if (nlen > 0) {
			if (out->count >= REQ_FIELDS_MAX)
				return GERR_TOOBIG;
			if (kvlist_add(p, out, name, value, vlen) == -1)
				return GERR_NOMEM;
		}
		in = amp;
	}
	return GERR_OK;
}

static int
cookie_octets_ok(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' ||
		    c == ';' || c == '\\')
			return 0;
	}
	return 1;
}

/*
 * Cookie header (RFC 6265 section 5.4).  Other sites on a shared parent
 * domain may set junk cookies, so a malformed pair is skipped, not fatal.
 */
enum gerr
req_parse_cookies(struct pool *p, const char *hdr, struct kvlist *out)
{
	const char	*s = hdr, *semi, *eq, *v, *ve;
	char		*name, *value;

	while (*s != '\0') {
		while (*s == ' ' || *s == '\t')
			s++;
		if ((semi = strchr(s, ';')) == NULL)
			semi = s + strlen(s);
		eq = memchr(s, '=', (size_t)(semi - s));
		if (eq != NULL && eq > s) {
			v = eq + 1;
			ve = semi;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
				v++;
				ve--;
			}
			if (cookie_octets_ok(s, (size_t)(eq - s)) &&
			    strpbrk(s, "=") == eq &&
			    cookie_octets_ok(v, (size_t)(ve - v))) {
				if (out->count >= COOKIES_MAX)
					return GERR_OK;
				if ((name = pool_strndup(p, s,
				    (size_t)(eq - s))) == NULL ||
				    (value = pool_strndup(p, v,
				    (size_t)(ve - v))) == NULL ||
				    kvlist_add(p, out, name, value,
				    (size_t)(ve - v)) == -1)
					return GERR_NOMEM;
			}
		}
		s = *semi == ';' ? semi + 1 : semi;
	}
	return GERR_OK;
}

static int
bchar(int c)
{
	return isalnum(c) || strchr("'()+_,-./:=? ", c) != NULL;
}

/* The boundary of a multipart/form-data Content-Type, or NULL. */
const char *
req_multipart_boundary(struct pool *p, const char *ctype)
{
	const char	*b, *e;
	size_t		 n, i;

	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return NULL;
	for (b = ctype + 19; (b = strchr(b, ';')) != NULL; ) {
		b++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (strncasecmp(b, "boundary=", 9) == 0)
			break;
	}
	if (b == NULL)
		return NULL;
	b += 9;
	if (*b == '"') {
		b++;
		if ((e = strchr(b, '"')) == NULL)
			return NULL;
	} else
		for (e = b; *e != '\0' && *e != ';' && *e != ' '; e++)
			;
	n = (size_t)(e - b);
	if (n == 0 || n > 70 || b[n - 1] == ' ')
		return NULL;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return NULL;
	return pool_strndup(p, b, n);
}

enum gerr
mp_init(struct mp *m, struct pool *p, const char *boundary,
    const struct mp_limits *lim, struct kvlist *out)
{
	memset(m, 0, sizeof(*m));
	m->pool = p;
	m->out = out;
	m->lim = *lim;
	if ((m->delim = pool_printf(p, "\r\n--%s", boundary)) == NULL)
		return GERR_NOMEM;
	m->dlen = strlen(m->delim);
	/* The first delimiter may open the body without a CRLF before it. */
	m->match = 2;
	m->state = MP_PREAMBLE;
	return GERR_OK;
}

static enum gerr
mp_fail(struct mp *m, enum gerr e)
{
	m->state = MP_ERROR;
	m->err = e;
	return e;
}

/* Reads a parameter such as name="x" out of a Content-Disposition value. */
static const char *
mp_param(struct mp *m, const char *v, const char *key)
{
	size_t		 klen = strlen(key);
	const char	*s = v, *e;
	struct buf	 b;

	while ((s = strchr(s, ';')) != NULL) {
		s++;
		while (*s == ' ' || *s == '\t')
			s++;
		if (strncasecmp(s, key, klen) != 0 || s[klen] != '=')
			continue;
		s += klen + 1;
		buf_init(&b, m->pool);
		if (*s != '"') {
			for (e = s; *e != '\0' && *e != ';'; e++)
				;
			if (buf_append(&b, s, (size_t)(e - s)) == -1)
				return NULL;
			return buf_cstr(&b);
		}
		for (s++; *s != '"'; s++) {
			if (*s == '\0')
				return NULL;
			if (*s == '\\' && s[1] != '\0')
				s++;
			if (buf_putc(&b, *s) == -1)
				return NULL;
		}
		return buf_cstr(&b);
	}
	return NULL;
}

static enum gerr
mp_header(struct mp *m)
{
	char		*v;
	const char	*fn, *base;

	if (++m->nheaders > MP_HEADERS_MAX)
		return GERR_INPUT;
	if ((v = memchr(m->line, ':', m->llen)) == NULL)
		return GERR_INPUT;
	*v++ = '\0';
	while (*v == ' ' || *v == '\t')
		v++;
	if (strcasecmp(m->line, "Content-Disposition") == 0) {
		if (strncasecmp(v, "form-data", 9) != 0)
			return GERR_INPUT;
		if ((m->name = mp_param(m, v, "name")) == NULL ||
		    *m->name == '\0' || !valid_utf8(m->name, strlen(m->name)))
			return GERR_INPUT;
		if ((fn = mp_param(m, v, "filename")) != NULL) {
			/* Some browsers send a whole client path. */
			if ((base = strrchr(fn, '/')) != NULL ||
			    (base = strrchr(fn, '\\')) != NULL)
				fn = base + 1;
			if (!valid_utf8(fn, strlen(fn)))
				return GERR_INPUT;
			m->filename = fn;
		}
	} else if (strcasecmp(m->line, "Content-Type") == 0) {
		if ((m->ctype = pool_strdup(m->pool, v)) == NULL)
			return GERR_NOMEM;
	}
	return GERR_OK;
}

/*
 * A field over its limit refuses the body; a file over its limit is read
 * through and dropped, so that the answers sent with it are not lost and
 * the page can say which file was too big.
 */
static enum gerr
mp_data(struct mp *m, const char *s, size_t n)
{
	size_t	max = m->filename != NULL ? m->lim.file_max : m->lim.field_max;

	if (m->dropped > 0 || m->data.len + n > max) {
		if (m->filename == NULL)
			return GERR_TOOBIG;
		m->dropped += m->data.len + n;
		m->data.len = 0;
		return GERR_OK;
	}
	return buf_append(&m->data, s, n) == -1 ? GERR_NOMEM : GERR_OK;
}

static enum gerr
mp_part_end(struct mp *m)
{
	char	*value;

	if ((value = buf_cstr(&m->data)) == NULL)
		return GERR_NOMEM;
	if (m->filename == NULL && (memchr(value, '\0', m->data.len) != NULL ||
	    !valid_utf8(value, m->data.len)))
		return GERR_INPUT;
	if (kvlist_add(m->pool, m->out, m->name, value, m->data.len) == -1)
		return GERR_NOMEM;
	m->out->tail->filename = m->filename;
	m->out->tail->ctype = m->ctype;
	m->out->tail->dropped = m->dropped;
	return GERR_OK;
}

static enum gerr
mp_part_begin(struct mp *m)
{
	if (m->out->count >= m->lim.parts_max)
		return GERR_TOOBIG;
	m->name = m->filename = m->ctype = NULL;
	m->dropped = 0;
	m->llen = 0;
	m->nheaders = 0;
	buf_init(&m->data, m->pool);
	return GERR_OK;
}

/* One byte of part headers; a line ends at LF, with its CR dropped. */
static enum gerr
mp_header_byte(struct mp *m, char c)
{
	enum gerr	e;

	if (c != '\n') {
		if (m->llen + 1 >= sizeof(m->line))
			return GERR_INPUT;
		m->line[m->llen++] = c;
		return GERR_OK;
	}
	if (m->llen > 0 && m->line[m->llen - 1] == '\r')
		m->llen--;
	m->line[m->llen] = '\0';
	if (m->llen == 0) {
		if (m->name == NULL)
			return GERR_INPUT;
		m->state = MP_DATA;
		m->match = 0;
		return GERR_OK;
	}
	e = mp_header(m);
	m->llen = 0;
	return e;
}

/* Data bytes until the delimiter; a partial match that fails is data. */
static enum gerr
mp_data_bytes(struct mp *m, const char *s, size_t n, size_t *used)
{
	size_t		 i = 0;
	const char	*cr;
	enum gerr	 e;

	while (i < n) {
		if (m->match == 0) {
			cr = memchr(s + i, '\r', n - i);
			if (cr == NULL)
				cr = s + n;
			if (cr > s + i &&
			    (e = mp_data(m, s + i, (size_t)(cr - (s + i)))))
				return e;
			i = (size_t)(cr - s);
			if (i == n)
				break;
		}
		if (s[i] == m->delim[m->match]) {
			i++;
			if (++m->match == m->dlen) {
				m->match = 0;
				m->state = MP_AFTER_DELIM;
				*used = i;
				return mp_part_end(m);
			}
			continue;
		}
		/* No CR lies inside a boundary, so restart at this byte. */
		if ((e = mp_data(m, m->delim, m->match)) != GERR_OK)
			return e;
		m->match = 0;
		if (s[i] != '\r') {
			if ((e = mp_data(m, s + i, 1)) != GERR_OK)
				return e;
			i++;
		}
	}
	*used = n;
	return GERR_OK;
}

enum gerr
mp_feed(struct mp *m, const char *s, size_t n)
{
	size_t		 i = 0, used;
	enum gerr	 e = GERR_OK;
	char		 c;

	if (m->state == MP_ERROR)
		return m->err;
	while (i < n && e == GERR_OK) {
		if (m->state == MP_DATA) {
			e = mp_data_bytes(m, s + i, n - i, &used);
			i += used;
			continue;
		}
		c = s[i++];
		switch (m->state) {
		case MP_PREAMBLE:
			if (c == m->delim[m->match]) {
				if (++m->match == m->dlen) {
					m->match = 0;
					m->state = MP_AFTER_DELIM;
				}
			} else
				m->match = c == '\r' ? 1 : 0;
			break;
		case MP_AFTER_DELIM:
			if (c == '-')
				m->state = MP_AFTER_DASH;
			else if (c == '\r')
				m->state = MP_AFTER_DELIM_LF;
			else if (c == '\n') {
				m->state = MP_HEADERS;
				e = mp_part_begin(m);
			} else if (c != ' ' && c != '\t')
				e = GERR_INPUT;
			break;
		case MP_AFTER_DELIM_LF:
			if (c != '\n')
				e = GERR_INPUT;
			else {
				m->state = MP_HEADERS;
				e = mp_part_begin(m);
			}
			break;
		case MP_AFTER_DASH:
			if (c == '-')
				m->state = MP_EPILOGUE;
			else
				e = GERR_INPUT;
			break;
		case MP_HEADERS:
			e = mp_header_byte(m, c);
			break;
		case MP_EPILOGUE:
			i = n;
			break;
		default:
			e = GERR_INPUT;
		}
	}
	return e == GERR_OK ? GERR_OK : mp_fail(m, e);
}

enum gerr
mp_finish(struct mp *m)
{
	if (m->state == MP_ERROR)
		return m->err;
	if (m->state != MP_EPILOGUE)
		return mp_fail(m, GERR_INPUT);
	return GERR_OK;
}
