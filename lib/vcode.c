/*
 * Verification codes printed on every issued document (docs/verify.md):
 * twelve random symbols of Crockford's base32 (60 bits) and a check
 * symbol (Luhn mod 32: every mistyped symbol, and every swap of two
 * neighbours but 0 and Z, is caught before any look-up), shown in groups as
 * "ABCD-EFGH-JKMNP".  Typed back, case, spaces and hyphens do not matter,
 * and O, I and L read as 0, 1 and 1, as Crockford's alphabet says.
 * Documents are found by the code's HMAC under the platform's secret,
 * never by the code itself: how long a look-up takes says nothing of
 * which codes exist or share a prefix with one.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/rand.h>

#include "crypto.h"
#include "log.h"
#include "vcode.h"

static const char	alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* The value of a typed symbol, or -1 if it is none. */
static int
symbol_value(unsigned char c)
{
	const char	*p;

	if (c >= 'a' && c <= 'z')
		c = (unsigned char)(c - 'a' + 'A');
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(alphabet, c)) == NULL)
		return -1;
	return (int)(p - alphabet);
}

/* Luhn mod 32 over n canonical symbols: the symbol that completes them. */
char
vcode_check(const char *data, size_t n)
{
	unsigned int	 sum = 0, v;
	size_t		 i;
	int		 twice = 1;

	/* from the right, every other symbol doubled, its "digits" summed */
	for (i = n; i-- > 0; twice = !twice) {
		v = (unsigned int)symbol_value((unsigned char)data[i]);
		if (twice) {
			v *= 2;
			v = v / 32 + v % 32;
		}
		sum += v;
	}
	return alphabet[(32 - sum % 32) % 32];
}

/* A new code, from the system's randomness. */
enum gerr
vcode_new(char code[VCODE_LEN + 1])
{
	unsigned char	raw[VCODE_DATA];
	size_t		i;

	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		log_warnx("vcode: no randomness");
		return GERR_SYSTEM;
	}
	for (i = 0; i < VCODE_DATA; i++)
		code[i] = alphabet[raw[i] & 31];
	code[VCODE_DATA] = vcode_check(code, VCODE_DATA);
	code[VCODE_LEN] = '\0';
	return GERR_OK;
}

/*
 * What someone typed or scanned (untrusted, not NUL-terminated), as the
 * canonical code: 0; -1 if it is not thirteen symbols (hyphens and
 * spaces aside); -2 if they are, but the check symbol says a symbol is
 * wrong.
 */
int
vcode_parse(const char *in, size_t len, char code[VCODE_LEN + 1])
{
	size_t	i, n = 0;
	int	v;

	code[0] = '\0';
	if (len > 64)
		return -1;
	for (i = 0; i < len; i++) {
		if (in[i] == '-' || in[i] == ' ')
			continue;
		if (n == VCODE_LEN ||
		    (v = symbol_value((unsigned char)in[i])) == -1)
			return -1;
		code[n++] = alphabet[v];
	}
	code[n] = '\0';
	if (n != VCODE_LEN)
		return -1;
	if (vcode_check(code, VCODE_DATA) != code[VCODE_DATA])
		return -2;
	return 0;
}

/* The code as printed and read aloud: three groups. */
void
vcode_format(const char *code, char shown[VCODE_SHOWN + 1])
{
	memcpy(shown, code, 4);
	shown[4] = '-';
	memcpy(shown + 5, code + 4, 4);
	shown[9] = '-';
	memcpy(shown + 10, code + 8, 5);
	shown[VCODE_SHOWN] = '\0';
}

/* The key a document is found by: HMAC-SHA256 of the canonical code. */
void
vcode_key_hex(const char *code, char hex[65])
{
	char	msg[32];
	size_t	n;

	n = (size_t)snprintf(msg, sizeof(msg), "verify:%s", code);
	secret_mac_hex(msg, n < sizeof(msg) ? n : sizeof(msg) - 1, hex);
}
