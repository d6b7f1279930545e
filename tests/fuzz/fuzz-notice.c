/*
 * libFuzzer target: a notification row made into an email
 * (cgi-bin/notify/compose.c) from what the outbox holds: the kind, the
 * dossier's reference and status, a mandate's beneficiary as the company
 * register gave it (number and name), and the person's wishes.  A mail
 * composed must have no CR, LF or other control character in its
 * subject, and a name is never cut inside a character.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "valid.h"

/* The language files' texts, as they use the placeholders. */
const char *
tmpl_str(enum lang lang, const char *key)
{
	(void)lang;
	return strstr(key, "subject") != NULL ? "D {reference} {org}: {status}" :
	    "B {reference} {org} {status} {nope";
}

/* The next field of the input, up to a newline. */
static char *
field(struct pool *p, const uint8_t **data, size_t *size)
{
	const uint8_t	*nl = memchr(*data, '\n', *size);
	size_t		 n = nl != NULL ? (size_t)(nl - *data) : *size;
	char		*s = pool_strndup(p, (const char *)*data, n);

	*data += n + (nl != NULL);
	*size -= n + (nl != NULL);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool	*p;
	struct notice	 n;
	const char	*prefs, *c;

	if ((p = pool_new(4096)) == NULL)
		return 0;
	memset(&n, 0, sizeof(n));
	n.id = "1";
	n.site = "https://guichet.example.be";
	n.kind = field(p, &data, &size);
	n.reference = field(p, &data, &size);
	n.status = field(p, &data, &size);
	n.org = field(p, &data, &size);
	prefs = field(p, &data, &size);
	n.org_name = field(p, &data, &size);
	if (*n.status == '\0')
		n.status = NULL;
	(void)notice_wanted(n.kind, *prefs != '\0' ? prefs : NULL);
	if (notice_compose(p, &n) == GERR_OK) {
		for (c = n.subject; *c != '\0'; c++)
			if ((unsigned char)*c < 0x20)
				__builtin_trap();
		if (!valid_utf8(n.subject, strlen(n.subject)))
			__builtin_trap();
	}
	pool_free(p);
	return 0;
}
