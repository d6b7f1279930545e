/*
 * Business applications authenticate with a key, sent as
 * "Authorization: Bearer gk_<64 hex>", or with a client certificate on the
 * API's own port (lib/cert.c).  Of a key only its SHA-256 is stored
 * (api_clients.key_hash): a leaked table opens nothing; of a certificate,
 * the SHA-256 of its DER form.  A client belongs to one department and
 * sees that department's procedures only; a revoked one stops at once.
 * guichet-admin api-client creates and revokes them.  A key, when one is
 * sent, is what counts.
 */
#include <string.h>

#include <openssl/sha.h>

#include "api.h"
#include "cert.h"
#include "db.h"

static struct dbq q_client = DBQ(
    "SELECT id, department_id, name FROM api_clients"
    " WHERE key_hash = decode($1, 'hex') AND revoked_at IS NULL");
static struct dbq q_client_cert = DBQ(
    "SELECT id, department_id, name FROM api_clients"
    " WHERE cert_fingerprint = $1 AND revoked_at IS NULL");

void
api_key_hash(const char *key, char hex[65])
{
	unsigned char	 md[SHA256_DIGEST_LENGTH];
	size_t		 i;

	SHA256((const unsigned char *)key, strlen(key), md);
	for (i = 0; i < sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/*
 * GERR_AUTH (401) unless a valid, unrevoked key came with the request, or
 * (API_CLIENT_CERT, set by nginx on the API's port only: no header can
 * produce it) a registered, unrevoked certificate.
 */
enum gerr
client_load(struct req *r, struct client *c)
{
	const char	*h = req_param(r, "HTTP_AUTHORIZATION"), *key, *p[1];
	const char	*cert = req_param(r, "API_CLIENT_CERT");
	char		 hex[65];
	PGresult	*res;

	memset(c, 0, sizeof(*c));
	if (h == NULL && cert != NULL && *cert != '\0') {
		if (cert_fingerprint_escaped(cert, hex) == -1)
			return GERR_AUTH;
		p[0] = hex;
		res = db_query(r->pool, &q_client_cert, 1, p);
	} else {
		if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
			return GERR_AUTH;
		key = h + 7;
		if (strncmp(key, "gk_", 3) != 0 || strlen(key) != 67 ||
		    strspn(key + 3, "0123456789abcdef") != 64)
			return GERR_AUTH;
		api_key_hash(key, hex);
		p[0] = hex;
		res = db_query(r->pool, &q_client, 1, p);
	}
	if (res == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_AUTH;
	c->id = PQgetvalue(res, 0, 0);
	c->department_id = PQgetvalue(res, 0, 1);
	c->name = PQgetvalue(res, 0, 2);
	return GERR_OK;
}
