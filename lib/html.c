/* Escaping per output context: HTML text, attributes, URLs, header values. */
#include <ctype.h>
#include <string.h>

#include "html.h"

static int
html_escape(struct buf *b, const char *s, int attr)
{
	const char	*rep;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\'': rep = attr ? "&#39;" : NULL; break;
		default: rep = NULL;
		}
		if (rep != NULL ? buf_puts(b, rep) : buf_putc(b, *s))
			return -1;
	}
	return 0;
}

int
html_text(struct buf *b, const char *s)
{
	return html_escape(b, s, 0);
}

int
html_attr(struct buf *b, const char *s)
{
	return html_escape(b, s, 1);
}

/* Percent-encodes all but RFC 3986 unreserved characters. */
int
url_escape(struct buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			 enc[3];

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (isalnum(*p) || strchr("-._~", *p) != NULL) {
			if (buf_putc(b, (char)*p) == -1)
				return -1;
			continue;
		}
		enc[0] = '%';
		enc[1] = hex[*p >> 4];
		enc[2] = hex[*p & 15];
		if (buf_append(b, enc, 3) == -1)
			return -1;
	}
	return 0;
}

/*
 * A redirect target we accept: a path on this host.  "//evil" and "/\evil"
 * are taken by browsers as another host, so both are refused, as is any
 * control character.
 */
int
url_is_local_path(const char *u)
{
	const unsigned char	*p;

	if (u == NULL || u[0] != '/' || u[1] == '/' || u[1] == '\\')
		return 0;
	for (p = (const unsigned char *)u; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

int
header_value_ok(const char *v)
{
	for (; *v != '\0'; v++)
		if (*v == '\r' || *v == '\n')
			return 0;
	return 1;
}
