/*
 * The PDF receipt, made with libharu (Debian's libhpdf): one A4 page with
 * the reference, the date, who submitted, the SHA-256 of the sealed
 * canonical form and the annexes' digests.  It is drawn on demand from
 * what the database holds, so it never drifts from the sealed dossier.
 * The font is DejaVu Sans (Debian's fonts-dejavu-core), for every name.
 */
#include <string.h>

#include <hpdf.h>

#include "conf.h"
#include "db.h"
#include "forms.h"
#include "log.h"
#include "seal.h"

struct pdf {
	HPDF_Doc	 doc;
	HPDF_Page	 page;
	HPDF_Font	 font;
	float		 y;
	int		 failed;
};

static void
pdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *arg)
{
	struct pdf	*p = arg;

	if (!p->failed)
		log_warnx("receipt: libharu error %04x (%u)", (unsigned)err,
		    (unsigned)detail);
	p->failed = 1;
}

static void
line(struct pdf *p, float size, const char *text)
{
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	HPDF_Page_TextOut(p->page, 60, p->y, text);
	HPDF_Page_EndText(p->page);
	p->y -= size * 1.6f;
}

/* A label and its value, the value wrapped within the right column. */
static void
pair(struct pdf *p, const char *label, const char *value)
{
	HPDF_UINT	 len;

	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, 9);
	HPDF_Page_TextOut(p->page, 60, p->y, label);
	/*
	 * TextRect breaks at spaces only: a digest goes on one line, small
	 * enough to stay on the page (64 hex digits at 10 points ran past
	 * the right edge, and some readers dropped the last ones).
	 */
	if (strchr(value, ' ') == NULL) {
		HPDF_Page_SetFontAndSize(p->page, p->font,
		    strlen(value) > 40 ? 8 : 10);
		HPDF_Page_TextOut(p->page, 200, p->y, value);
	} else {
		HPDF_Page_SetFontAndSize(p->page, p->font, 10);
		HPDF_Page_TextRect(p->page, 200, p->y + 10, 540, p->y - 40,
		    value, HPDF_TALIGN_LEFT, &len);
	}
	HPDF_Page_EndText(p->page);
	p->y -= strlen(value) > 60 ? 30 : 18;
}

static struct dbq q_facts = DBQ(
    "SELECT nullif(trim(p.given_names || ' ' || p.surname), ''),"
    "  coalesce(o.name, ''),"
    "  (SELECT string_agg(a.filename || '  ' || encode(a.sha256, 'hex'),"
    "   E'\\n' ORDER BY a.id) FROM attachments a"
    "   WHERE a.dossier_id = d.id AND a.message_id IS NULL)"
    "  FROM dossiers d JOIN persons p ON p.id = d.owner_person_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    " WHERE d.id = $1::bigint");

static void
draw(struct req *r, struct pdf *p, const struct dossier *d,
    const char *digest, const PGresult *facts)
{
	const char	*annexes = db_value(facts, 0, 2), *nl;
	char		 one[400];

	p->y = 780;
	line(p, 9, req_tr(r, "site.name"));
	line(p, 18, req_tr(r, "receipt.title"));
	p->y -= 6;
	pair(p, req_tr(r, "receipt.procedure"), def_text(r,
	    json_object_get(d->def, "titles")));
	pair(p, req_tr(r, "receipt.reference"), d->reference);
	pair(p, req_tr(r, "receipt.submitted_at"), d->submitted_at);
	pair(p, req_tr(r, "receipt.by"), db_value(facts, 0, 0) ?
	    db_value(facts, 0, 0) : "");
	if (*db_value(facts, 0, 1) != '\0')
		pair(p, req_tr(r, "receipt.for"), db_value(facts, 0, 1));
	pair(p, req_tr(r, "receipt.digest"), digest);
	pair(p, req_tr(r, "receipt.sealed_by"), seal_subject(r->pool));
	p->y -= 10;
	if (annexes != NULL) {
		line(p, 11, req_tr(r, "receipt.annexes"));
		for (; annexes != NULL && *annexes != '\0' && p->y > 80;
		    annexes = nl ? nl + 1 : NULL) {
			nl = strchr(annexes, '\n');
			snprintf(one, sizeof(one), "%.*s", nl ? (int)(nl -
			    annexes) : (int)strlen(annexes), annexes);
			line(p, 8, one);
		}
	}
	p->y -= 10;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, 8);
	HPDF_Page_TextRect(p->page, 60, p->y, 540, p->y - 60,
	    req_tr(r, "receipt.how_to_check"), HPDF_TALIGN_LEFT, NULL);
	HPDF_Page_EndText(p->page);
}

/* 200 with the PDF receipt, as a download; 404 for a draft or another's. */
enum gerr
page_receipt_pdf(struct req *r)
{
	struct dossier	 d;
	struct pdf	 p;
	const char	*digest, *font, *q[1];
	PGresult	*facts;
	HPDF_UINT32	 size;
	char		*bytes;
	enum gerr	 e;

	if (r->session == NULL)
		return resp_need_login(r);
	if ((e = receipt_load(r, &d, &digest)) != GERR_OK)
		return e;
	q[0] = d.id;
	if ((facts = db_query(r->pool, &q_facts, 1, q)) == NULL)
		return db_last_error();
	memset(&p, 0, sizeof(p));
	if ((p.doc = HPDF_New(pdf_error, &p)) == NULL)
		return GERR_NOMEM;
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	font = HPDF_LoadTTFontFromFile(p.doc, conf_get("receipt.font",
	    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), HPDF_TRUE);
	if (font != NULL)
		p.font = HPDF_GetFont(p.doc, font, "UTF-8");
	HPDF_SetInfoAttr(p.doc, HPDF_INFO_TITLE, d.reference);
	HPDF_SetInfoAttr(p.doc, HPDF_INFO_CREATOR, "Guichet");
	p.page = HPDF_AddPage(p.doc);
	HPDF_Page_SetSize(p.page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	if (!p.failed && p.font != NULL)
		draw(r, &p, &d, digest, facts);
	if (p.failed || p.font == NULL || HPDF_SaveToStream(p.doc) != HPDF_OK ||
	    (size = HPDF_GetStreamSize(p.doc)) == 0 ||
	    (bytes = pool_alloc(r->pool, size)) == NULL ||
	    HPDF_ReadFromStream(p.doc, (HPDF_BYTE *)bytes, &size) != HPDF_OK) {
		HPDF_Free(p.doc);
		return GERR_SYSTEM;
	}
	HPDF_Free(p.doc);
	resp_header(r, "Content-Disposition", pool_printf(r->pool,
	    "attachment; filename=\"receipt-%s.pdf\"", d.reference));
	r->cache = "private, no-store";
	return resp_send(r, 200, "application/pdf", bytes, size);
}
