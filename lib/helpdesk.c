/*
 * The key of the link that opens one question to the help desk without
 * logging in (/help/questions/REF?key=KEY), for whoever asked it: the
 * HMAC-SHA256 of "helpdesk|" and the reference under the programs' secret
 * (secret.file).  The help program makes it when the question is asked and
 * stores only its SHA-256; the notification worker makes it again for the
 * emails' link.  So the key is never in the database, and one question's
 * key opens no other.  The "helpdesk|" prefix keeps it apart from the
 * other MACs under the same secret (anti-forgery tokens, sessions, codes).
 */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "helpdesk.h"

void
helpdesk_key(const char *reference, char hex[HELPDESK_KEY_HEX + 1])
{
	char	msg[96];
	int	n;

	n = snprintf(msg, sizeof(msg), "helpdesk|%s", reference);
	secret_mac_hex(msg, n > 0 && (size_t)n < sizeof(msg) ? (size_t)n :
	    strlen(msg), hex);
}

/* Whether a key from a URL has the form of one: 64 lowercase hex. */
int
helpdesk_key_syntax(const char *key)
{
	return key != NULL && strlen(key) == HELPDESK_KEY_HEX &&
	    strspn(key, "0123456789abcdef") == HELPDESK_KEY_HEX;
}
