/* A growable buffer for streamed exports, and CSV cells (lib/csvout.h). */
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

void	*(*csvout_realloc)(void *, size_t) = realloc;

void
csvout_free(void *arg)
{
	struct csvout	*o = arg;

	free(o->data);
}

void
csvout_put(struct csvout *o, const char *s, size_t n)
{
	char	*d;
	size_t	 cap;

	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		if ((d = csvout_realloc(o->data, cap)) == NULL) {
			o->failed = 1;
			return;
		}
		o->data = d;
		o->cap = cap;
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
}

/* "-5.00", "+3": a number, which a spreadsheet must read as one. */
static int
csvout_number(const char *s)
{
	size_t	 n;

	if (*s != '-' && *s != '+')
		return 0;
	n = strspn(s + 1, "0123456789");
	if (n == 0)
		return 0;
	if (s[1 + n] == '.')
		n += 1 + strspn(s + 2 + n, "0123456789");
	return s[1 + n] == '\0';
}

void
csvout_cell(struct csvout *o, const char *s, int first)
{
	const char	*p;

	if (!first)
		csvout_put(o, ",", 1);
	if (s == NULL || *s == '\0')
		return;
	csvout_put(o, "\"", 1);
	if (strchr("=+-@\t\r", *s) != NULL && !csvout_number(s))
		csvout_put(o, "'", 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			csvout_put(o, "\"", 1);
		csvout_put(o, p, 1);
	}
	csvout_put(o, "\"", 1);
}
