/*
 * The decision letter an agent's closing makes when no letter is
 * uploaded: one A4 document in the language the user filed the dossier
 * in, naming the department, the dossier, the applicant, the decision and
 * its grounds as the agent wrote them, and its verification code with
 * the QR code of its public page and the sentence that explains it
 * (docs/verify.md).  The caller seals it (CMS) like a receipt and puts it
 * in the user's vault.
 */
#include <string.h>

#include "db.h"
#include "document.h"
#include "inbox.h"
#include "pdf.h"
#include "seal.h"
#include "when.h"

static struct dbq q_letter = DBQ(
    "SELECT coalesce(dep.names->>$2, dep.names->>'fr'),"
    "  coalesce(person_label(pe.given_names, pe.surname, pe.email), ''),"
    "  coalesce(o.name, ''),"
    "  coalesce(o.bce, ''), d.submitted_at, now()::date"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN departments dep ON dep.id = p.department_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    " WHERE d.id = $1::bigint");

static const char *
tr(struct req *r, enum lang l, const char *key, const char *sub)
{
	return tmpl_str(l, sub != NULL ? pool_printf(r->pool, "%s.%s", key,
	    sub) : key);
}

enum gerr
decision_letter(struct req *r, const struct dossier *d, enum lang l,
    const char *decision, const char *motivation, const struct doccode *c,
    char **pdf, size_t *len)
{
	struct pdfdoc	*doc;
	const char	*p[2], *title;
	const json_t	*titles = d->def->titles;
	const char	*proc;
	PGresult	*res;

	p[0] = d->id;
	p[1] = lang_codes[l];
	if ((res = db_query(r->pool, &q_letter, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	proc = json_string_value(json_object_get(titles, lang_codes[l]));
	if (proc == NULL)
		proc = json_string_value(json_object_get(titles, "fr"));
	title = tr(r, l, "inbox.letter_title", decision);
	if ((doc = pdf_open(r->pool, pool_printf(r->pool, "%s %s", title,
	    d->reference))) == NULL)
		return GERR_NOMEM;
	pdf_line(doc, 9, tr(r, l, "site.name", NULL));
	pdf_line(doc, 11, PQgetvalue(res, 0, 0));
	pdf_gap(doc, 8);
	pdf_line(doc, 18, title);
	pdf_gap(doc, 6);
	pdf_pair(doc, tr(r, l, "receipt.procedure", NULL), proc != NULL ?
	    proc : "");
	pdf_pair(doc, tr(r, l, "receipt.reference", NULL), d->reference);
	pdf_pair(doc, tr(r, l, "receipt.submitted_at", NULL),
	    when_cell(r->pool, res, 0, 4));
	pdf_pair(doc, tr(r, l, "receipt.by", NULL), PQgetvalue(res, 0, 1));
	if (*PQgetvalue(res, 0, 2) != '\0')
		pdf_pair(doc, tr(r, l, "receipt.for", NULL), pool_printf(
		    r->pool, "%s (%s)", PQgetvalue(res, 0, 2),
		    PQgetvalue(res, 0, 3)));
	pdf_pair(doc, tr(r, l, "inbox.letter_date", NULL),
	    when_cell(r->pool, res, 0, 5));
	pdf_gap(doc, 10);
	pdf_line(doc, 12, tr(r, l, "inbox.letter_decision", NULL));
	pdf_text(doc, 11, tr(r, l, "inbox.decision", decision));
	pdf_gap(doc, 6);
	pdf_line(doc, 12, tr(r, l, "inbox.letter_grounds", NULL));
	pdf_text(doc, 10, motivation);
	pdf_gap(doc, 10);
	pdf_text(doc, 8, pool_printf(r->pool, "%s %s — %s",
	    tr(r, l, "inbox.letter_sealed", NULL), seal_holder(r->pool),
	    tr(r, l, "receipt.seal_kind", NULL)));
	pdf_gap(doc, 10);
	pdf_verification(doc, c->shown, c->url, lang_codes[l]);
	return pdf_close(doc, pdf, len);
}
