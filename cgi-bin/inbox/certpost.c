/*
 * Certificates delivered by post: the agents' worklist of those issued
 * with the post as delivery and not yet posted (oldest first), the
 * sealed certificate itself for printing (inline, so the browser's
 * viewer prints it), one PDF of the batch's address sheets (one A4 page
 * per certificate, the address where a DL window envelope shows it),
 * and "posted" with the day, for one or for the whole batch printed.
 * The person's request page then says "posted on ...".
 */
#include <string.h>
#include <time.h>

#include "certificate.h"
#include "db.h"
#include "form.h"
#include "inbox.h"
#include "pdf.h"
#include "valid.h"
#include "when.h"

#define BATCH_MAX	"500"

/*
 * The worklist, up to the request $3 (the last one the agent was shown,
 * so a batch printed and marked is the batch seen, not one grown since).
 * The address: the register's at issue, or the one typed.
 */
static struct dbq q_to_post = DBQ(
    "SELECT r.id, r.reference, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'), r.issued_at, r.lang,"
    "  (CASE WHEN r.postal_address ? 'registered'"
    "   THEN r.register_data->'address' ELSE r.postal_address END)::text,"
    "  concat_ws(' ', r.register_data->>'given_names',"
    "   r.register_data->>'surname'), d.verify_code"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN documents d ON d.id = r.document_id"
    " WHERE r.delivery = 'post' AND r.status = 'issued'"
    "   AND r.posted_on IS NULL AND r.revoked_at IS NULL"
    "   AND t.department_id = ANY($1::bigint[])"
    "   AND r.id <= coalesce($3::bigint, r.id)"
    " ORDER BY r.issued_at, r.id LIMIT " BATCH_MAX);
static const char *const post_cols[] = { "id", "reference", "title",
    "issued", "lang", NULL, "name", "code" };

/* The address's lines as an envelope shows them. */
struct envelope {
	const char	*street;	/* Rue des Guillemins 12 bte B */
	const char	*town;		/* 4000 Liège */
	const char	*country;	/* NULL in Belgium */
};

static const char *
str(const json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static void
envelope_of(struct pool *p, const char *json, enum lang l,
    struct envelope *e)
{
	json_t	*a = json_loads(json, 0, NULL);

	e->street = pool_printf(p, "%s %s%s%s", str(a, "street"),
	    str(a, "number"), *str(a, "box") ? pool_printf(p, " %s ",
	    tmpl_str(l, "certs.box")) : "", str(a, "box"));
	e->town = pool_printf(p, "%s %s", str(a, "postcode"),
	    str(a, "locality"));
	e->country = *str(a, "country") && strcmp(str(a, "country"), "BE") ?
	    pool_strdup(p, str(a, "country")) : NULL;
	json_decref(a);
}

static PGresult *
to_post(struct req *r, const char *upto)
{
	const char	*p[3];

	p[0] = r->agent->depts;
	p[1] = lang_codes[r->lang];
	p[2] = upto != NULL && valid_id(upto) ? upto : NULL;
	return db_query(r->pool, &q_to_post, 3, p);
}

/* The worklist page, with status (400 with a problem of the form). */
static enum gerr
post_page(struct req *r, int status)
{
	struct envelope	 e;
	PGresult	*res;
	const char	*done = req_query(r, "posted");
	int		 i, n;

	if ((res = to_post(r, NULL)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Post", res, post_cols, nitems(post_cols));
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		envelope_of(r->pool, PQgetvalue(res, i, 5), r->lang, &e);
		tmpl_set(r->hdf, pool_printf(r->pool, "Post.%d.street", i),
		    e.street);
		tmpl_set(r->hdf, pool_printf(r->pool, "Post.%d.town", i),
		    e.town);
		if (e.country != NULL)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Post.%d.country", i), e.country);
	}
	if (n > 0)
		hdf_put(r, "Batch", "upto", PQgetvalue(res, n - 1, 0));
	if (done != NULL && valid_id(done))
		hdf_put(r, "Batch", "posted", done);
	tmpl_set(r->hdf, "Form.posted_on.value", req_form(r, "posted_on") ?
	    req_form(r, "posted_on") : when_time(r->pool, time(NULL),
	    WHEN_DAY));
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/certificates_post.cs");
}

/* GET /inbox/certificates/post: 200 with the certificates to post. */
enum gerr
page_certificates_post(struct req *r)
{
	return post_page(r, 200);
}

/* One letter's sheet: sender, addressee in the window, what is enclosed. */
static void
sheet(struct pdfdoc *doc, const PGresult *res, int i, struct pool *p)
{
	struct envelope	 e;
	enum lang	 l;

	if (!lang_parse(PQgetvalue(res, i, 4), &l))
		l = LANG_FR;
	envelope_of(p, PQgetvalue(res, i, 5), l, &e);
	if (i > 0)
		pdf_page(doc);
	pdf_line(doc, 9, tmpl_str(l, "site.name"));
	/* a left window envelope (DIN 5008): 45-90 mm down, 20 mm in */
	pdf_gap(doc, 90);
	pdf_line(doc, 11, PQgetvalue(res, i, 6));
	pdf_line(doc, 11, e.street);
	pdf_line(doc, 11, e.town);
	if (e.country != NULL)
		pdf_line(doc, 11, e.country);
	pdf_gap(doc, 60);
	pdf_pair(doc, tmpl_str(l, "certs.pdf.reference"), PQgetvalue(res, i,
	    1));
	pdf_gap(doc, 10);
	pdf_text(doc, 11, tmpl_str(l, "certs.post.enclosed"));
}

/*
 * GET /inbox/certificates/post/sheets.pdf?upto=ID: 200 with one PDF, a
 * page per certificate of the worklist up to ID; 404 when none.
 */
enum gerr
page_certificates_post_sheets(struct req *r)
{
	struct pdfdoc	*doc;
	PGresult	*res;
	char		*pdf;
	size_t		 len;
	int		 i;
	enum gerr	 e;

	if ((res = to_post(r, req_query(r, "upto"))) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0)
		return GERR_NOTFOUND;
	if ((doc = pdf_open(r->pool, tmpl_str(r->lang, "certs.post.title")))
	    == NULL)
		return GERR_NOMEM;
	for (i = 0; i < PQntuples(res); i++)
		sheet(doc, res, i, r->pool);
	if ((e = pdf_close(doc, &pdf, &len)) != GERR_OK)
		return e;
	resp_header(r, "Content-Disposition",
	    "inline; filename=\"address-sheets.pdf\"");
	r->cache = "private, no-store";
	return resp_send(r, 200, "application/pdf", pdf, len);
}

static struct dbq q_pdf = DBQ(
    "SELECT d.content FROM certificate_requests r"
    "  JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN documents d ON d.id = r.document_id"
    " WHERE r.id = $1::bigint AND t.department_id = ANY($2::bigint[])"
    "   AND r.status = 'issued'");

/*
 * GET /inbox/certificates/:id/pdf: 200 with the sealed certificate,
 * inline for printing; 404 if not issued or not of the agent's
 * departments.
 */
enum gerr
page_certificate_pdf(struct req *r)
{
	const char	*p[2];
	unsigned char	*bytes;
	size_t		 n;
	PGresult	*res;

	p[0] = r->args[0];
	p[1] = r->agent->depts;
	if ((res = db_query(r->pool, &q_pdf, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if ((bytes = PQunescapeBytea((const unsigned char *)PQgetvalue(res,
	    0, 0), &n)) == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, PQfreemem, bytes);
	resp_header(r, "Content-Disposition",
	    "inline; filename=\"certificate.pdf\"");
	r->cache = "private, no-store";
	return resp_send(r, 200, "application/pdf", (const char *)bytes, n);
}

/*
 * Marked posted on day, by this agent: the one request $4, or the batch
 * up to $5; only those still to post, of departments where the agent
 * may act.
 */
static struct dbq q_posted = DBQ(
    "UPDATE certificate_requests r SET posted_on = $3::date,"
    "  posted_by = $2::bigint, posted_at = now()"
    "  FROM certificate_types t"
    " WHERE t.id = r.type_id AND t.department_id = ANY($1::bigint[])"
    "   AND r.delivery = 'post' AND r.status = 'issued'"
    "   AND r.posted_on IS NULL AND r.revoked_at IS NULL"
    "   AND ($4::bigint IS NULL OR r.id = $4::bigint)"
    "   AND ($5::bigint IS NULL OR r.id <= $5::bigint)"
    "   AND $3::date BETWEEN (r.issued_at AT TIME ZONE 'Europe/Brussels')::date"
    "   AND (now() AT TIME ZONE 'Europe/Brussels')::date"
    " RETURNING r.id");

/* The departments among the agent's where they may act, as an array. */
static const char *
acting_depts(struct req *r)
{
	struct buf	 b;
	size_t		 i;
	int		 n = 0;

	buf_init(&b, r->pool);
	buf_putc(&b, '{');
	for (i = 0; i < r->agent->n; i++)
		if (r->agent->dept[i].role >= ROLE_PROCESSOR)
			buf_printf(&b, "%s%s", n++ ? "," : "",
			    r->agent->dept[i].id);
	buf_putc(&b, '}');
	return buf_cstr(&b);
}

/*
 * POST /inbox/certificates/post (posted_on, and id for one or upto for
 * the batch): 303 back to the worklist with how many were marked; 400
 * for a day that is not a date, in the future or before the issue.
 */
enum gerr
page_certificates_posted(struct req *r)
{
	const char	*p[5], *id = req_form(r, "id");
	const char	*typed = req_form(r, "posted_on");
	char		 day[11];
	PGresult	*res;

	if (r->csrf_failed) {
		form_error(r, "posted_on", "err.expired");
		return post_page(r, 403);
	}
	if (typed == NULL || !valid_date(typed, NULL, day, sizeof(day))) {
		form_error(r, "posted_on", "certs.post.err_day");
		return post_page(r, 400);
	}
	p[0] = acting_depts(r);
	p[1] = r->agent->id;
	p[2] = day;
	p[3] = id != NULL && valid_id(id) ? id : NULL;
	p[4] = req_form(r, "upto") != NULL && valid_id(req_form(r, "upto")) ?
	    req_form(r, "upto") : NULL;
	if (p[3] == NULL && p[4] == NULL)
		return GERR_INPUT;
	if ((res = db_query(r->pool, &q_posted, 5, p)) == NULL)
		return db_last_error();
	/* a day before the issue or to come, or nothing left to mark */
	if (PQntuples(res) == 0) {
		form_error(r, "posted_on", "certs.post.err_none");
		return post_page(r, 409);
	}
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/inbox/certificates/post?posted=%d", PQntuples(res)));
}
