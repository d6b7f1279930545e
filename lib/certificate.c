/*
 * Certificates on demand: the register's data about a person, the
 * certificate drawn from it by its type's definition (lib/certdef.c),
 * and the one function that issues one.  certificate_issue is the only
 * place a certificate is drawn, sealed and stored, whoever asks for it:
 * the citizen's request while they wait, the queue's worker when the
 * register was away, an agent after a check.  The data printed are
 * stored with the request, so what a certificate said can always be
 * shown again, whatever the register says later.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qrencode.h>

#include "certdef.h"
#include "certificate.h"
#include "connector.h"
#include "db.h"
#include "document.h"
#include "log.h"
#include "pades.h"
#include "pdf.h"
#include "seal.h"
#include "vcode.h"
#include "when.h"

static void
json_free(void *j)
{
	json_decref(j);
}

static json_t *
json_pool(struct pool *p, json_t *j)
{
	if (j != NULL && pool_defer(p, json_free, j) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

enum gerr
certreq_from_row(struct pool *p, const PGresult *res, int row,
    struct certreq *c)
{
	int	 n = PQnfields(res);

	memset(c, 0, sizeof(*c));
	c->type_id = PQgetvalue(res, row, 0);
	c->code = PQgetvalue(res, row, 1);
	if ((c->def = json_pool(p, json_loads(PQgetvalue(res, row, 2), 0,
	    NULL))) == NULL)
		return GERR_NOMEM;
	c->automatic = *PQgetvalue(res, row, 3) == 't';
	c->dept_id = PQgetvalue(res, row, 4);
	c->issuer = PQgetvalue(res, row, 5);
	c->person_id = PQgetvalue(res, row, 6);
	c->nrn = PQgetvalue(res, row, 7);
	c->lang = LANG_FR;
	if (n < CERTREQ_NCOLS + 4)
		return GERR_OK;
	c->id = PQgetvalue(res, row, 8);
	c->reference = PQgetvalue(res, row, 9);
	if (!lang_parse(PQgetvalue(res, row, 10), &c->lang))
		c->lang = LANG_FR;
	if (!PQgetisnull(res, row, 11) && (c->data = json_pool(p,
	    json_loads(PQgetvalue(res, row, 11), 0, NULL))) == NULL)
		return GERR_NOMEM;
	return GERR_OK;
}

enum gerr
certificate_lookup(struct pool *p, struct certreq *c)
{
	json_t	*j;
	enum gerr e;

	if ((e = connector_get(p, "persons", c->nrn, &j)) != GERR_OK)
		return e;
	/* the connector frees it with the pool; the request keeps it */
	c->data = j;
	return GERR_OK;
}

const char *
certificate_title(const struct certreq *c, enum lang l)
{
	return certdef_text(c->def, "titles", lang_codes[l]);
}

const char *
certificate_word(const char *lang, const char *key)
{
	enum lang	 l;

	if (!lang_parse(lang, &l))
		l = LANG_FR;
	return tmpl_str(l, key);
}

/* The table's header and one line per row, columns joined. */
static void
draw_table(struct pool *p, struct pdfdoc *doc, const struct certreq *c,
    struct certfill *f)
{
	const json_t	*t = json_object_get(c->def, "table"), *rows, *col, *row;
	const json_t	*cols = json_object_get(t, "columns");
	const char	*lang = lang_codes[c->lang];
	struct buf	 b;
	size_t		 i, j;

	if (t == NULL)
		return;
	rows = certdef_value(f, json_string_value(json_object_get(t, "rows")));
	buf_init(&b, p);
	json_array_foreach(cols, j, col)
		buf_printf(&b, "%s%s", j > 0 ? "  ·  " : "",
		    certdef_text(col, "label", lang));
	pdf_gap(doc, 4);
	pdf_line(doc, 10, buf_cstr(&b));
	json_array_foreach(rows, i, row) {
		f->row = row;
		buf_init(&b, p);
		json_array_foreach(cols, j, col)
			buf_printf(&b, "%s%s", j > 0 ? "  ·  " : "",
			    certdef_fill(p, json_string_value(json_object_get(col,
			    "value")), f));
		pdf_text(doc, 10, buf_cstr(&b));
	}
	f->row = NULL;
}

enum gerr
certificate_draw(struct pool *p, const struct certreq *c,
    const struct doccode *code, char **pdf, size_t *len)
{
	const char	*lang = lang_codes[c->lang];
	struct certfill	 f = { c->data, NULL, lang, certificate_word };
	struct pdfdoc	*doc;
	const json_t	*fact;
	size_t		 i;

	if ((doc = pdf_open(p, pool_printf(p, "%s %s",
	    certificate_title(c, c->lang), c->reference))) == NULL)
		return GERR_NOMEM;
	pdf_line(doc, 9, tmpl_str(c->lang, "site.name"));
	pdf_line(doc, 11, c->issuer);
	pdf_gap(doc, 8);
	pdf_line(doc, 18, certificate_title(c, c->lang));
	pdf_gap(doc, 6);
	pdf_pair(doc, tmpl_str(c->lang, "certs.pdf.reference"), c->reference);
	pdf_pair(doc, tmpl_str(c->lang, "certs.pdf.issued_on"),
	    when_time(p, time(NULL), WHEN_DAY));
	pdf_gap(doc, 10);
	pdf_text(doc, 11, certdef_fill(p, certdef_text(c->def, "body", lang),
	    &f));
	pdf_gap(doc, 6);
	json_array_foreach(json_object_get(c->def, "facts"), i, fact)
		pdf_pair(doc, certdef_text(fact, "label", lang),
		    certdef_fill(p, json_string_value(json_object_get(fact,
		    "value")), &f));
	draw_table(p, doc, c, &f);
	pdf_gap(doc, 12);
	pdf_text(doc, 8, certdef_fill(p, certdef_text(c->def, "legal", lang),
	    &f));
	pdf_gap(doc, 10);
	pdf_line(doc, 11, certdef_text(c->def, "seal_holder", lang));
	pdf_gap(doc, 6);
	pdf_text(doc, 8, pool_printf(p, "%s %s — %s",
	    tmpl_str(c->lang, "certs.pdf.sealed"), seal_holder(p),
	    tmpl_str(c->lang, "receipt.seal_kind")));
	if (code != NULL) {
		pdf_gap(doc, 10);
		pdf_verification(doc, code->shown, code->url, lang);
	}
	return pdf_close(doc, pdf, len);
}

/* The table's rows as lines of cells, under prefix.table. */
static void
hdf_table(struct pool *p, HDF *hdf, const char *prefix,
    const struct certreq *c, struct certfill *f)
{
	const json_t	*t = json_object_get(c->def, "table"), *rows, *col, *row;
	const char	*lang = lang_codes[c->lang];
	size_t		 i, j;

	if (t == NULL)
		return;
	rows = certdef_value(f, json_string_value(json_object_get(t, "rows")));
	json_array_foreach(json_object_get(t, "columns"), j, col)
		tmpl_set(hdf, pool_printf(p, "%s.table.head.%zu", prefix, j),
		    certdef_text(col, "label", lang));
	json_array_foreach(rows, i, row) {
		f->row = row;
		json_array_foreach(json_object_get(t, "columns"), j, col)
			tmpl_set(hdf, pool_printf(p, "%s.table.rows.%zu.%zu",
			    prefix, i, j), certdef_fill(p, json_string_value(
			    json_object_get(col, "value")), f));
	}
	f->row = NULL;
}

/* The QR code's dark runs, row by row: prefix.qr.size, .runs.N.{x,y,w}. */
static void
hdf_qr(struct pool *p, HDF *hdf, const char *prefix, const char *url)
{
	QRcode			*qr;
	const unsigned char	*m;
	int			 row, col, run, n = 0;

	if ((qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return;
	tmpl_setf(hdf, pool_printf(p, "%s.qr.size", prefix), "%d",
	    qr->width + 8);
	for (row = 0; row < qr->width; row++) {
		m = qr->data + row * qr->width;
		for (col = 0; col < qr->width; col += run > 0 ? run : 1) {
			for (run = 0; col + run < qr->width &&
			    (m[col + run] & 1);)
				run++;
			if (run == 0)
				continue;
			tmpl_setf(hdf, pool_printf(p, "%s.qr.runs.%d.x", prefix,
			    n), "%d", col + 4);
			tmpl_setf(hdf, pool_printf(p, "%s.qr.runs.%d.y", prefix,
			    n), "%d", row + 4);
			tmpl_setf(hdf, pool_printf(p, "%s.qr.runs.%d.w", prefix,
			    n++), "%d", run);
		}
	}
	QRcode_free(qr);
}

void
certificate_hdf(struct pool *p, HDF *hdf, const char *prefix,
    const struct certreq *c, const char *code)
{
	const char	*lang = lang_codes[c->lang];
	struct certfill	 f = { c->data, NULL, lang, certificate_word };
	const json_t	*fact;
	char		 shown[VCODE_SHOWN + 1];
	size_t		 i;

	tmpl_set(hdf, pool_printf(p, "%s.title", prefix),
	    certificate_title(c, c->lang));
	tmpl_set(hdf, pool_printf(p, "%s.issuer", prefix), c->issuer);
	tmpl_set(hdf, pool_printf(p, "%s.body", prefix), certdef_fill(p,
	    certdef_text(c->def, "body", lang), &f));
	json_array_foreach(json_object_get(c->def, "facts"), i, fact) {
		tmpl_set(hdf, pool_printf(p, "%s.facts.%zu.label", prefix, i),
		    certdef_text(fact, "label", lang));
		tmpl_set(hdf, pool_printf(p, "%s.facts.%zu.value", prefix, i),
		    certdef_fill(p, json_string_value(json_object_get(fact,
		    "value")), &f));
	}
	hdf_table(p, hdf, prefix, c, &f);
	tmpl_set(hdf, pool_printf(p, "%s.legal", prefix), certdef_fill(p,
	    certdef_text(c->def, "legal", lang), &f));
	tmpl_set(hdf, pool_printf(p, "%s.seal_holder", prefix),
	    certdef_text(c->def, "seal_holder", lang));
	if (code == NULL || strlen(code) != VCODE_LEN)
		return;
	vcode_format(code, shown);
	tmpl_set(hdf, pool_printf(p, "%s.code", prefix), shown);
	tmpl_set(hdf, pool_printf(p, "%s.code_url", prefix),
	    document_verify_url(p, shown));
	hdf_qr(p, hdf, prefix, document_verify_url(p, shown));
}

/*
 * In one statement: the request, locked, still waiting; the document
 * for the person's vault; the request issued with the data used; the
 * notification, which for a delivery by email carries the certificate
 * itself (the worker attaches the document, to the verified address
 * only).  No row: someone else issued or refused it meanwhile.
 */
static struct dbq q_store = DBQ(
    "WITH r AS (SELECT id, reference, lang, person_id FROM certificate_requests"
    "  WHERE id = $1::bigint AND status IN ('queued', 'checking')"
    "  FOR UPDATE),"
    " doc AS (INSERT INTO documents (person_id, kind, title,"
    "   issuer_department_id, filename, size, sha256, seal, content,"
    "   verify_code, verify_key, lang, about)"
    "  SELECT r.person_id, 'certificate', $2, $3::bigint, $4,"
    "   length($5::bytea), sha256($5::bytea), $6::bytea, $5::bytea,"
    "   $9, decode($10, 'hex'), r.lang, $11::jsonb FROM r"
    "  RETURNING id),"
    " u AS (UPDATE certificate_requests c SET status = 'issued',"
    "   document_id = doc.id, register_data = $7::jsonb,"
    "   automatic = $8::bigint IS NULL, agent_id = $8::bigint,"
    "   issued_at = now(), claimed_by = NULL, last_error = NULL"
    "  FROM doc WHERE c.id = $1::bigint RETURNING c.reference, c.lang,"
    "   c.person_id, c.delivery, c.document_id)"
    " INSERT INTO notification_outbox (kind, person_id, lang, payload,"
    "  document_id)"
    " SELECT CASE u.delivery WHEN 'email' THEN 'certificate_email'"
    "  ELSE 'certificate_issued' END, u.person_id, u.lang,"
    "  jsonb_build_object('reference', u.reference),"
    "  CASE u.delivery WHEN 'email' THEN u.document_id END FROM u"
    " RETURNING id");

enum gerr
certificate_issue(struct pool *p, const struct certreq *c)
{
	struct doccode	 code;
	const char	*v[11];
	char		*pdf, *sealed, *data, *about;
	size_t		 len, sealed_len, derlen;
	unsigned char	*der;
	PGresult	*res;
	enum gerr	 e;

	if (c->id == NULL || c->data == NULL)
		return GERR_INPUT;
	/* 1. draw, with its verification code and QR code (docs/verify.md) */
	if ((e = document_code(p, &code)) != GERR_OK ||
	    (e = certificate_draw(p, c, &code, &pdf, &len)) != GERR_OK)
		return e;
	/*
	 * 2. seal: in the PDF (PAdES, lib/pades.c), and the detached CMS
	 * seal over the sealed bytes beside it, as for decision letters.
	 */
	if ((e = pades_seal(p, pdf, len, &sealed, &sealed_len)) != GERR_OK)
		return e == GERR_INPUT ? GERR_SYSTEM : e;
	pdf = sealed;
	len = sealed_len;
	if ((e = seal_sign(p, pdf, len, &der, &derlen)) != GERR_OK)
		return e;
	/* 3. store: vault, request issued with its data, notification */
	if ((about = json_dumps(json_object_get(c->def, "titles"),
	    JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	v[10] = pool_strdup(p, about);
	free(about);
	if ((data = json_dumps(c->data, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	v[0] = c->id;
	v[1] = certificate_title(c, c->lang);
	v[2] = c->dept_id;
	v[3] = pool_printf(p, "certificate-%s.pdf", c->reference);
	v[4] = db_bytea(p, pdf, len);
	v[5] = db_bytea(p, der, derlen);
	v[6] = pool_strdup(p, data);
	v[7] = c->agent_id;
	v[8] = code.code;
	v[9] = code.key;
	free(data);
	if (v[3] == NULL || v[4] == NULL || v[5] == NULL || v[6] == NULL ||
	    v[10] == NULL)
		return GERR_NOMEM;
	if ((res = db_query(p, &q_store, 11, v)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_CONFLICT;
}
