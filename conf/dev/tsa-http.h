/*
 * The HTTP side of the local time-stamping authority (conf/dev/tsa-server.c):
 * one request of RFC 3161 section 3.4 found in the bytes read so far.
 */
#ifndef TSA_HTTP_H
#define TSA_HTTP_H

#include <stddef.h>

#define TSA_HTTP_MAX	16384	/* head and body of one request */
#define TSA_QUERY_MAX	8192	/* a query is under 200 bytes */

enum tsa_http_result {
	TSA_HTTP_OK,		/* a whole request: h->body, h->length */
	TSA_HTTP_MORE,		/* not all there yet */
	TSA_HTTP_BAD,		/* not a timestamp query: answer 400 */
};

struct tsa_http {
	size_t	 body;		/* offset of the query's DER */
	size_t	 length;	/* its Content-Length */
};

enum tsa_http_result	 tsa_http_parse(const unsigned char *, size_t,
			    struct tsa_http *);

#endif
