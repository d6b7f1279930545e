/*
 * One request as its person follows it: issued (with the certificate in
 * the vault), still being made (the page refreshes itself with an HTTP
 * Refresh header, so no JavaScript is needed), waiting for an agent,
 * refused with the agent's grounds, or not issued because the register
 * does not know the person.
 *
 * The page reloads itself at .../wait, a passive route: reloads are no
 * sign of life, so a session left on a queued request still ends after
 * its idle time, and at a kiosk the reload turns into the idle warning
 * when it is due, as any page left alone does (docs/kiosk.md).
 */
#include <string.h>
#include <time.h>

#include "certificate.h"
#include "certs.h"
#include "db.h"
#include "html.h"
#include "seal.h"
#include "summary.h"

/* Seconds between two looks of a page whose certificate is being made. */
#define REFRESH_SECONDS	"2"

/* C-2026-000042 */
int
cert_reference_ok(const char *s)
{
	return s != NULL && strlen(s) == 13 && s[0] == 'C' && s[1] == '-' &&
	    strspn(s + 2, "0123456789") == 4 && s[6] == '-' &&
	    strspn(s + 7, "0123456789") == 6;
}

/*
 * Where the page reloads to: its passive twin; at a kiosk whose session
 * was left alone until its warning is due, the warning, coming back here.
 */
static const char *
refresh_to(struct req *r, const char *cref)
{
	const char	*page = pool_printf(r->pool, "/certificates/requests/%s",
	    cref);
	struct buf	 to;

	buf_init(&to, r->pool);
	if (r->kiosk && time(NULL) - r->session->seen >=
	    session_idle_seconds(r->session) - kiosk_warning_seconds()) {
		buf_puts(&to, REFRESH_SECONDS "; url=/login/idle?return=");
		url_escape(&to, page);
	} else
		buf_printf(&to, REFRESH_SECONDS "; url=%s/wait", page);
	return buf_cstr(&to);
}

/* The row policy shows a person only their own (sql/0039). */
static struct dbq q_request = DBQ(
    "SELECT r.reference, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'), r.status, r.created_at, r.issued_at,"
    "  coalesce(r.document_id::text, ''), coalesce(r.refused_reason, ''),"
    "  r.delivery, r.revoked_at IS NOT NULL, coalesce(r.revoked_reason, ''),"
    "  r.lang, t.code, coalesce(to_char(r.posted_on, 'DD/MM/YYYY'), ''),"
    "  r.emailed_at, r.fee_cents IS NOT NULL"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    " WHERE r.reference = $1");
static const char *const request_cols[] = { "reference", "title", "status",
    "created", "issued", "document", "refused_reason", "delivery", "revoked",
    "revoked_reason", "lang", "code", "posted_on", "emailed", "fee" };

/*
 * GET /certificates/requests/:cref: 200 with where it stands, refreshing
 * itself while queued; an order with a fee says what is due and, unpaid,
 * offers "Pay and order"; 404 if it is not the caller's.
 */
enum gerr
page_status(struct req *r)
{
	const char	*p[2];
	PGresult	*res;
	enum gerr	 e;

	if (!cert_reference_ok(r->args[0]))
		return GERR_NOTFOUND;
	p[0] = r->args[0];
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_request, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	req_hdf_rows(r, "Request", res, request_cols, nitems(request_cols));
	if (*PQgetvalue(res, 0, 14) == 't' && (e = order_hdf(r,
	    r->args[0])) != GERR_OK)
		return e;
	if (strcmp(PQgetvalue(res, 0, 2), "queued") == 0) {
		resp_header(r, "Refresh", refresh_to(r, r->args[0]));
		hdf_put(r, "Page", "refresh", REFRESH_SECONDS);
	}
	r->cache = "private, no-store";
	return resp_render(r, 200, "certs/status.cs");
}

/* An issued certificate of the caller's (row policy), to print. */
static struct dbq q_print = DBQ(
    "SELECT " CERTREQ_COLS("r.lang") ", r.id, r.reference, r.lang,"
    "  r.register_data::text,"
    "  to_char(r.issued_at AT TIME ZONE 'Europe/Brussels', 'DD/MM/YYYY'),"
    "  d.verify_code"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN departments dep ON dep.id = t.department_id"
    "  JOIN persons pe ON pe.id = r.person_id"
    "  JOIN documents d ON d.id = r.document_id"
    " WHERE r.reference = $1 AND r.status = 'issued'"
    "   AND r.revoked_at IS NULL");

/*
 * GET /certificates/requests/:cref/print: 200 with the certificate as a
 * page to print, what its PDF says with its verification code and QR
 * code (the way to print at a kiosk, where no PDF is shown); 404 if it
 * is not the caller's, not issued, or revoked.
 */
enum gerr
page_print(struct req *r)
{
	const char	*p[1];
	struct certreq	 c;
	PGresult	*res;
	enum gerr	 e;

	if (!cert_reference_ok(r->args[0]))
		return GERR_NOTFOUND;
	p[0] = r->args[0];
	if ((res = db_query(r->pool, &q_print, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if ((e = certreq_from_row(r->pool, res, 0, &c)) != GERR_OK)
		return e;
	certificate_hdf(r->pool, r->hdf, "Cert", &c, PQgetvalue(res, 0, 13));
	hdf_put(r, "Cert", "reference", c.reference);
	hdf_put(r, "Cert", "lang", lang_codes[c.lang]);
	hdf_put(r, "Cert", "issued", PQgetvalue(res, 0, 12));
	hdf_put(r, "Cert", "sealed_by", seal_holder(r->pool));
	/* the page in the certificate's language, as its paper is */
	r->lang = c.lang;
	tmpl_set(r->hdf, "Page.lang", lang_codes[c.lang]);
	r->cache = "private, no-store";
	return resp_render(r, 200, "certs/print.cs");
}
