/*
 * libFuzzer target: a time-stamping authority's reply, as lib/tsa.c
 * takes it (tsa_reply_token) for a fixed request, against an empty
 * store: whatever the bytes, nothing crashes and no token is accepted,
 * since nothing can chain to a store that trusts nobody.
 */
#include <stdint.h>
#include <string.h>

#include <openssl/x509.h>

#include "pool.h"
#include "tsa.h"

static TS_REQ		*req;
static X509_STORE	*st;

static TS_REQ *
request(void)
{
	static const unsigned char	 md[32];
	TS_REQ				*r = TS_REQ_new();
	TS_MSG_IMPRINT			*mi = TS_MSG_IMPRINT_new();
	X509_ALGOR			*alg = X509_ALGOR_new();

	X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL);
	TS_MSG_IMPRINT_set_algo(mi, alg);
	TS_MSG_IMPRINT_set_msg(mi, (unsigned char *)md, sizeof(md));
	TS_REQ_set_version(r, 1);
	TS_REQ_set_msg_imprint(r, mi);
	TS_REQ_set_cert_req(r, 1);
	X509_ALGOR_free(alg);
	TS_MSG_IMPRINT_free(mi);
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pool	*pool = pool_new(4096);
	struct der	 token = { NULL, 0 };

	if (req == NULL) {
		req = request();
		st = X509_STORE_new();
	}
	if (tsa_reply_token(pool, data, size, req, st, &token) == 0)
		__builtin_trap();
	(void)tsa_token_check(data, size, "x", 1);
	pool_free(pool);
	return 0;
}
