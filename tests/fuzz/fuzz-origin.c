/* libFuzzer target: Origin headers and site URLs as lib/csrf.c parses them. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csrf.h"

/*
 * The first byte chooses an Origin or a site URL.  A parsed origin is
 * http or https, a host in lower case with only a host's characters, a
 * port in range; written back canonically it parses to the same, and it
 * is its own site's origin.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 in[512], again[300];
	struct csrf_origin	 o, o2;
	size_t			 i;

	if (size < 1 || size >= sizeof(in))
		return 0;
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	if (csrf_origin_parse(in, data[0] & 1, &o) == -1)
		return 0;
	if ((strcmp(o.scheme, "https") != 0 && strcmp(o.scheme, "http") != 0) ||
	    o.port < 1 || o.port > 65535 || o.host[0] == '\0')
		__builtin_trap();
	for (i = 0; o.host[i] != '\0'; i++)
		if (isupper((unsigned char)o.host[i]) ||
		    strchr("abcdefghijklmnopqrstuvwxyz0123456789.-_[]:",
		    o.host[i]) == NULL)
			__builtin_trap();
	snprintf(again, sizeof(again), "%s://%s:%u", o.scheme, o.host, o.port);
	if (csrf_origin_parse(again, 0, &o2) == -1 ||
	    strcmp(o.scheme, o2.scheme) != 0 || strcmp(o.host, o2.host) != 0 ||
	    o.port != o2.port)
		__builtin_trap();
	if (data[0] & 1 ? !csrf_origin_ok(again, NULL, in) :
	    !csrf_origin_ok(in, NULL, again))
		__builtin_trap();
	return 0;
}
