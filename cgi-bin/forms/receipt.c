/*
 * The PDF receipt, made with libharu (Debian's libhpdf): one A4 page with
 * the reference, the date, who submitted, the SHA-256 of the sealed
 * canonical form and the annexes' digests, and its verification code
 * with the QR code of its public page (docs/verify.md).  It is drawn from
 * what the database holds at its first download in a language, stored
 * in the holder's documents, and served as stored from then on: the
 * bytes a holder shows anyone are the bytes whose digest we keep.
 * The font is DejaVu Sans (Debian's fonts-dejavu-core), for every name,
 * embedded as a subset of the characters it prints (lib/pdf.c).  The PDF
 * carries the platform's seal (PAdES, lib/pades.c), made once when it is
 * issued, before it is stored.
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "document.h"
#include "forms.h"
#include "deadline.h"
#include "pades.h"
#include "pdf.h"
#include "seal.h"
#include "upload.h"
#include "when.h"

static struct dbq q_facts = DBQ(
    "SELECT nullif(trim(p.given_names || ' ' || p.surname), ''),"
    "  coalesce(o.name, ''),"
    "  (SELECT string_agg(a.filename || '  ' || encode(a.sha256, 'hex'),"
    "   E'\\n' ORDER BY a.id) FROM attachments a"
    "   WHERE a.dossier_id = d.id AND a.message_id IS NULL)"
    "  FROM dossiers d JOIN persons p ON p.id = d.owner_person_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    " WHERE d.id = $1::bigint");

static struct dbq q_stored = DBQ(
    "SELECT filename, content FROM documents"
    " WHERE dossier_id = $1::bigint AND kind = 'receipt' AND lang = $2");
static struct dbq q_store = DBQ(
    "SELECT dossier_receipt($1::bigint, $2, $3, $4::bytea, $5,"
    "  decode($6, 'hex'), $7)");

/*
 * The decision deadline as it stood when the receipt was issued: the due
 * date, what silence would mean and on which basis (docs/deadlines.md).
 */
static void
draw_deadline(struct req *r, struct pdfdoc *p, const struct deadline *dl)
{
	if (!dl->has || dl->closed)
		return;
	pdf_pair(p, req_tr(r, "deadline.due"), dl->due_shown != NULL ?
	    dl->due_shown : req_tr(r, "deadline.paused"));
	pdf_pair(p, req_tr(r, "deadline.silence_title"), req_tr(r,
	    pool_printf(r->pool, "deadline.silence.%s", dl->silence)));
	if (dl->basis != NULL && *dl->basis != '\0')
		pdf_pair(p, req_tr(r, "deadline.letter.basis"), dl->basis);
}

static void
draw(struct req *r, struct pdfdoc *p, const struct dossier *d,
    const char *digest, const PGresult *facts, const struct doccode *c,
    const struct deadline *dl)
{
	const char	*annexes = db_value(facts, 0, 2), *nl;

	pdf_line(p, 9, req_tr(r, "site.name"));
	pdf_line(p, 18, req_tr(r, "receipt.title"));
	pdf_gap(p, 6);
	pdf_pair(p, req_tr(r, "receipt.procedure"), def_text(r,
	    d->def->titles));
	pdf_pair(p, req_tr(r, "receipt.reference"), d->reference);
	pdf_pair(p, req_tr(r, "receipt.submitted_at"), when_text(r->pool,
	    d->submitted_at, WHEN_SECOND));
	pdf_pair(p, req_tr(r, "receipt.by"), db_value(facts, 0, 0) ?
	    db_value(facts, 0, 0) : "");
	if (*db_value(facts, 0, 1) != '\0')
		pdf_pair(p, req_tr(r, "receipt.for"), db_value(facts, 0, 1));
	draw_deadline(r, p, dl);
	pdf_pair(p, req_tr(r, "receipt.digest"), digest);
	pdf_pair(p, req_tr(r, "receipt.sealed_by"), pool_printf(r->pool,
	    "%s — %s", seal_holder(r->pool), req_tr(r, "receipt.seal_kind")));
	pdf_gap(p, 10);
	if (annexes != NULL) {
		pdf_line(p, 11, req_tr(r, "receipt.annexes"));
		for (; annexes != NULL && *annexes != '\0';
		    annexes = nl ? nl + 1 : NULL) {
			nl = strchr(annexes, '\n');
			pdf_line(p, 8, pool_strndup(r->pool, annexes, nl ?
			    (size_t)(nl - annexes) : strlen(annexes)));
		}
	}
	pdf_gap(p, 10);
	pdf_text(p, 8, req_tr(r, "receipt.how_to_check"));
	pdf_gap(p, 10);
	pdf_verification(p, c->shown, c->url, lang_codes[r->lang]);
}

/*
 * The receipt drawn with a new code and stored (kept only if no other
 * request stored this language's first); GERR_OK once one is stored.
 */
static enum gerr
receipt_issue(struct req *r, const struct dossier *d, const char *digest)
{
	struct doccode	 c;
	struct deadline	 dl;
	struct pdfdoc	*p;
	const char	*q[7];
	PGresult	*facts;
	char		*bytes, *sealed;
	size_t		 size, sealed_len;
	enum gerr	 e;

	q[0] = d->id;
	if ((facts = db_query(r->pool, &q_facts, 1, q)) == NULL)
		return db_last_error();
	if ((e = document_code(r->pool, &c)) != GERR_OK ||
	    (e = deadline_load(r->pool, d->id, r->lang, &dl)) != GERR_OK)
		return e;
	if ((p = pdf_open(r->pool, d->reference)) == NULL)
		return GERR_NOMEM;
	draw(r, p, d, digest, facts, &c, &dl);
	if ((e = pdf_close(p, &bytes, &size)) != GERR_OK ||
	    (e = pades_seal(r->pool, bytes, size, &sealed, &sealed_len)) !=
	    GERR_OK)
		return e == GERR_INPUT ? GERR_SYSTEM : e;
	q[1] = req_tr(r, "receipt.title");
	q[2] = pool_printf(r->pool, "receipt-%s.pdf", d->reference);
	q[3] = db_bytea(r->pool, sealed, sealed_len);
	q[4] = c.code;
	q[5] = c.key;
	q[6] = lang_codes[r->lang];
	if (q[3] == NULL)
		return GERR_NOMEM;
	return db_query(r->pool, &q_store, 7, q) ? GERR_OK : db_last_error();
}

/*
 * 200 with the PDF receipt in the request's language, as a download: as
 * stored, or issued now; 404 for a draft or another's.
 */
enum gerr
page_receipt_pdf(struct req *r)
{
	struct dossier	 d;
	const char	*digest, *q[2];
	PGresult	*res;
	enum gerr	 e;

	if ((e = receipt_load(r, &d, &digest)) != GERR_OK)
		return e;
	q[0] = d.id;
	q[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_stored, 2, q)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0) {
		if ((e = receipt_issue(r, &d, digest)) != GERR_OK)
			return e;
		if ((res = db_query(r->pool, &q_stored, 2, q)) == NULL)
			return db_last_error();
	}
	return resp_download_row(r, res);
}
