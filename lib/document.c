/*
 * Issued documents (receipts, decision letters, certificates): every one
 * gets a verification code before it is drawn, printed on it with the QR
 * code of its public page (lib/pdf.c, pdf_verification), and stored with
 * it; an agent revokes one issued in error (sql/0038, docs/verify.md).
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "document.h"

/* The public page of a code: site.url's /verify/ABCD-EFGH-JKMNP. */
const char *
document_verify_url(struct pool *pool, const char *shown)
{
	const char	*site = conf_str("site.url");
	size_t		 n = strlen(site);

	while (n > 0 && site[n - 1] == '/')
		n--;
	return pool_printf(pool, "%.*s/verify/%s", (int)n, site, shown);
}

/* A new code for a document about to be drawn. */
enum gerr
document_code(struct pool *pool, struct doccode *c)
{
	enum gerr	e;

	if ((e = vcode_new(c->code)) != GERR_OK)
		return e;
	vcode_format(c->code, c->shown);
	vcode_key_hex(c->code, c->key);
	if ((c->url = document_verify_url(pool, c->shown)) == NULL)
		return GERR_NOMEM;
	return GERR_OK;
}

static struct dbq q_revoke = DBQ(
    "SELECT document_revoke(d.id, $3::bigint, $4) FROM documents d"
    " WHERE d.id = $2::bigint AND d.dossier_id = $1::bigint");

/*
 * The agent revokes a document of the dossier (the caller checked the
 * agent may act on it), with a reason; GERR_NOTFOUND if the document is
 * not the dossier's, GERR_CONFLICT if it was revoked already.
 */
enum gerr
document_revoke(struct pool *pool, const char *dossier, const char *document,
    const char *agent, const char *reason)
{
	const char	*p[4] = { dossier, document, agent, reason };
	PGresult	*res;

	if ((res = db_query(pool, &q_revoke, 4, p)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_NOTFOUND;
}
