/*
 * libFuzzer target: the client certificate nginx hands to the API, as
 * escaped PEM (cert_fingerprint_escaped), and PEM as a file gives it
 * (cert_fingerprint).  Whatever the bytes, a fingerprint given is 64
 * lowercase hexadecimal digits, and the escaped form of the same text
 * gives the same one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cert.h"

static int
is_hex64(const char *h)
{
	return strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 hex[65], hex2[65], *s, *esc;
	size_t	 i;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (cert_fingerprint_escaped(s, hex) == 0 && !is_hex64(hex))
		__builtin_trap();
	if (cert_fingerprint(s, size, hex) == 0) {
		if (!is_hex64(hex))
			__builtin_trap();
		/* every byte escaped: the same certificate, the same digest */
		if (strlen(s) == size && (esc = malloc(3 * size + 1)) != NULL) {
			for (i = 0; i < size; i++)
				snprintf(esc + 3 * i, 4, "%%%02X",
				    (unsigned char)s[i]);
			if (cert_fingerprint_escaped(esc, hex2) != 0 ||
			    strcmp(hex, hex2) != 0)
				__builtin_trap();
			free(esc);
		}
	}
	free(s);
	return 0;
}
