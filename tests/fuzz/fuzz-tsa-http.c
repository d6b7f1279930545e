/*
 * libFuzzer target: the local time-stamping authority's HTTP side
 * (conf/dev/tsa-http.c), over any bytes and any prefix of them, as the
 * bytes arrive read by read: a whole request's body always lies inside
 * what was read, and a request found in a prefix is found the same in
 * the whole.
 */
#include <stdint.h>
#include <stdlib.h>

#include "tsa-http.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tsa_http		 h, whole = { 0, 0 };
	enum tsa_http_result	 r = tsa_http_parse(data, size, &whole);
	size_t			 cut;

	if (r == TSA_HTTP_OK && (whole.body > size ||
	    whole.length > size - whole.body || whole.length > TSA_QUERY_MAX))
		abort();
	for (cut = 0; cut < size; cut++)
		if (tsa_http_parse(data, cut, &h) == TSA_HTTP_OK &&
		    (r != TSA_HTTP_OK || h.body + h.length > cut ||
		    h.body != whole.body || h.length != whole.length))
			abort();
	return 0;
}
