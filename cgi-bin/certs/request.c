/*
 * Asking for a certificate: the catalogue of types (with the person's
 * requests), a type's form (language, delivery, the postal address when
 * by post), and the request.  The register is asked at once: a person it
 * does not know, or whose data lack what the type prints, is told so and
 * nothing is stored; a register that is away or slow leaves the request
 * in the queue (guichet-notify issues it later); otherwise an automatic
 * type is issued before the answer, and a checked one goes to the inbox.
 */
#include <stdlib.h>
#include <string.h>

#include "certdef.h"
#include "certificate.h"
#include "certs.h"
#include "db.h"
#include "fee.h"
#include "form.h"
#include "formdef.h"
#include "log.h"
#include "summary.h"

/* Seconds before the queue may take an issue still under way here. */
#define ISSUE_LEASE	"30"

static struct dbq q_types = DBQ(
    "SELECT t.code, coalesce(t.definition->'titles'->>$1,"
    "  t.definition->'titles'->>'fr'), coalesce(t.definition->'summary'->>$1,"
    "  t.definition->'summary'->>'fr'), t.automatic"
    "  FROM certificate_types t WHERE t.online ORDER BY t.position, t.code");
static const char *const type_cols[] = { "code", "title", "summary",
    "automatic" };

static struct dbq q_mine = DBQ(
    "SELECT r.reference, coalesce(t.definition->'titles'->>$1,"
    "  t.definition->'titles'->>'fr'), r.status, r.created_at,"
    "  coalesce(r.document_id::text, ''), r.revoked_at IS NOT NULL"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    " WHERE r.person_id = $2::bigint"
    " ORDER BY r.created_at DESC, r.id DESC LIMIT 50");
static const char *const mine_cols[] = { "reference", "title", "status",
    "created", "document", "revoked" };

/* GET /certificates: 200 with the types online and the person's requests. */
enum gerr
page_catalogue(struct req *r)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = lang_codes[r->lang];
	p[1] = r->session->person_id;
	if ((res = db_query(r->pool, &q_types, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Types", res, type_cols, nitems(type_cols));
	if ((res = db_query(r->pool, &q_mine, 2, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Mine", res, mine_cols, nitems(mine_cols));
	r->cache = "private, no-store";
	return resp_render(r, 200, "certs/catalogue.cs");
}

/* The type and the person, in one statement (certreq_from_row). */
static struct dbq q_load = DBQ(
    "SELECT " CERTREQ_COLS("$2")
    "  FROM certificate_types t JOIN departments dep"
    "  ON dep.id = t.department_id, persons pe"
    " WHERE t.code = $1 AND t.online AND pe.id = $3::bigint");

static enum gerr
type_load(struct req *r, enum lang l, struct certreq *c)
{
	const char	*p[3];
	PGresult	*res;

	/* a type's code (lib/certdef.c): capitals, digits and _ */
	if (strlen(r->args[0]) > 40 || strspn(r->args[0],
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != strlen(r->args[0]))
		return GERR_NOTFOUND;
	p[0] = r->args[0];
	p[1] = lang_codes[l];
	p[2] = r->session->person_id;
	if ((res = db_query(r->pool, &q_load, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return certreq_from_row(r->pool, res, 0, c);
}

/* The account's email address if verified: the only one email goes to. */
static struct dbq q_email = DBQ(
    "SELECT email FROM persons WHERE id = $1::bigint"
    "  AND email_verified_at IS NOT NULL AND email IS NOT NULL");

static const char *
verified_email(struct req *r)
{
	const char	*p[1] = { r->session->person_id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_email, 1, p)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	return PQgetvalue(res, 0, 0);
}

/*
 * What each delivery costs, in the page's language (Type.price.vault,
 * ...), and Type.paid when one costs something: the form says what an
 * order will cost before it is made; the order's page says it again.
 */
static void
type_prices_hdf(struct req *r, const struct certreq *c)
{
	static const char *const deliveries[] = { "vault", "post", "email" };
	struct fee	 f;
	char		 buf[40];
	size_t		 i;

	for (i = 0; i < nitems(deliveries); i++) {
		if (!certdef_offers(c->def, "delivery", deliveries[i]) ||
		    certdef_fee(c->def, deliveries[i], lang_codes[r->lang],
		    &f) != GERR_OK)
			continue;
		if (f.due != FEE_NONE) {
			hdf_put(r, "Type.price", deliveries[i],
			    fee_amount_text(f.total_cents,
			    lang_codes[r->lang], buf, sizeof(buf)));
			hdf_put(r, "Type", "paid", "1");
		}
		json_decref(f.lines);
	}
}

/* The form's choices, from the definition. */
static void
type_hdf(struct req *r, const struct certreq *c)
{
	const json_t	*v;
	size_t		 i;
	const char	*chosen = req_form(r, "lang"), *to;

	hdf_put(r, "Type", "code", c->code);
	hdf_put(r, "Type", "title", certificate_title(c, r->lang));
	hdf_put(r, "Type", "summary", certdef_text(c->def, "summary",
	    lang_codes[r->lang]));
	hdf_put(r, "Type", "automatic", c->automatic ? "1" : "0");
	hdf_put(r, "Type", "post", certdef_offers(c->def, "delivery", "post") ?
	    "1" : "0");
	if (certdef_offers(c->def, "delivery", "email")) {
		hdf_put(r, "Type", "email", "1");
		if ((to = verified_email(r)) != NULL)
			hdf_put(r, "Type", "email_to", to);
	}
	if (chosen == NULL && certdef_offers(c->def, "languages",
	    lang_codes[r->lang]))
		chosen = lang_codes[r->lang];
	json_array_foreach(json_object_get(c->def, "languages"), i, v) {
		tmpl_setf(r->hdf, pool_printf(r->pool, "Type.langs.%zu.code", i),
		    "%s", json_string_value(v));
		if (chosen != NULL && strcmp(chosen, json_string_value(v)) == 0)
			tmpl_setf(r->hdf, pool_printf(r->pool,
			    "Type.langs.%zu.chosen", i), "1");
	}
	type_prices_hdf(r, c);
	tmpl_set(r->hdf, "Form.delivery.value", req_form(r, "delivery") ?
	    req_form(r, "delivery") : "vault");
	tmpl_set(r->hdf, "Form.address_choice.value",
	    req_form(r, "address_choice") ? req_form(r, "address_choice") :
	    "registered");
}

static enum gerr
form_page(struct req *r, const struct certreq *c, int status)
{
	type_hdf(r, c);
	r->cache = "private, no-store";
	return resp_render(r, status, "certs/request.cs");
}

/* GET /certificates/:type: 200 with the form; 404 for no such type online. */
enum gerr
page_form(struct req *r)
{
	struct certreq	 c;
	enum gerr	 e;

	if (r->session->acting_org_id != NULL)
		return GERR_AUTH;
	if ((e = type_load(r, r->lang, &c)) != GERR_OK)
		return e;
	return form_page(r, &c, 200);
}

/* The other postal address, each part checked; NULL with errors set. */
static json_t *
postal_other(struct req *r)
{
	static const struct field fields[] = {
		{ "street",	VT_TEXT,	{ .maxlen = 200 }, 1 },
		{ "number",	VT_TEXT,	{ .maxlen = 10 }, 1 },
		{ "box",	VT_TEXT,	{ .maxlen = 10 }, 0 },
		{ "postcode",	VT_POSTCODE,	{ 0 }, 1 },
		{ "locality",	VT_TEXT,	{ .maxlen = 200 }, 1 },
	};
	const char	*v[nitems(fields)];
	json_t		*a;
	size_t		 i;
	int		 bad;

	bad = form_check(r, fields, nitems(fields), v);
	/* the postal-code field type's own check: a code bpost lists */
	if (v[3] != NULL && postcode_localities(r, v[3]) == NULL) {
		form_error(r, "postcode", "err.postcode_unknown");
		bad++;
	}
	if (bad > 0 || (a = json_object()) == NULL)
		return NULL;
	for (i = 0; i < nitems(fields); i++)
		if (v[i] != NULL)
			json_object_set_new(a, fields[i].name, json_string(v[i]));
	json_object_set_new(a, "country", json_string("BE"));
	return a;
}

/*
 * What the form asks, checked: the certificate's language, the delivery,
 * and for the post the address.  *postal is the address's JSON, or NULL
 * for the vault.  Returns the number of problems.
 */
static int
form_read(struct req *r, const struct certreq *c, enum lang *l,
    const char **delivery, char **postal)
{
	const char	*lang = req_form(r, "lang"), *choice;
	json_t		*a = NULL;
	char		*s;
	int		 bad = 0;

	*postal = NULL;
	*delivery = req_form(r, "delivery");
	if (!certdef_offers(c->def, "languages", lang) ||
	    !lang_parse(lang, l)) {
		form_error(r, "lang", "certs.err_lang");
		bad++;
	}
	if (!certdef_offers(c->def, "delivery", *delivery)) {
		form_error(r, "delivery", "certs.err_delivery");
		return bad + 1;
	}
	/* never to an address the person has not confirmed */
	if (strcmp(*delivery, "email") == 0 && verified_email(r) == NULL) {
		form_error(r, "delivery", "certs.err_email");
		return bad + 1;
	}
	if (strcmp(*delivery, "post") != 0)
		return bad;
	choice = req_form(r, "address_choice");
	if (choice != NULL && strcmp(choice, "registered") == 0)
		a = json_pack("{sb}", "registered", 1);
	else if (choice != NULL && strcmp(choice, "other") == 0) {
		if ((a = postal_other(r)) == NULL)
			return bad + 1;
	} else {
		form_error(r, "address_choice", "certs.err_address_choice");
		return bad + 1;
	}
	s = a != NULL ? json_dumps(a, JSON_COMPACT) : NULL;
	json_decref(a);
	if (s == NULL)
		return bad + 1;
	*postal = pool_strdup(r->pool, s);
	free(s);
	return *postal != NULL ? bad : bad + 1;
}

static struct dbq q_insert = DBQ(
    "INSERT INTO certificate_requests (type_id, person_id, lang, delivery,"
    "  postal_address, status, register_data, next_attempt_at, fee_cents,"
    "  fee_lines)"
    " VALUES ($1::bigint, $2::bigint, $3, $4, $5::jsonb, $6, $7::jsonb,"
    "  now() + make_interval(secs => $8::int), $9::bigint, $10::jsonb)"
    " RETURNING id, reference");

/* An order's price as shown: stored with it (a type may change since). */
struct order_fee {
	const char	*cents;		/* NULL: free */
	const char	*lines;
};

/* The request stored as status, with the data if the register gave them. */
static enum gerr
request_store(struct req *r, struct certreq *c, const char *delivery,
    const char *postal, const char *status, const char *lease,
    const struct order_fee *fee)
{
	const char	*v[10];
	char		*data = NULL;
	PGresult	*res;

	if (c->data != NULL && (data = json_dumps(c->data, JSON_COMPACT)) ==
	    NULL)
		return GERR_NOMEM;
	v[0] = c->type_id;
	v[1] = c->person_id;
	v[2] = lang_codes[c->lang];
	v[3] = delivery;
	v[4] = postal;
	v[5] = status;
	v[6] = data != NULL ? pool_strdup(r->pool, data) : NULL;
	v[7] = lease;
	v[8] = fee != NULL ? fee->cents : NULL;
	v[9] = fee != NULL ? fee->lines : NULL;
	free(data);
	if ((res = db_query(r->pool, &q_insert, 10, v)) == NULL)
		return db_last_error();
	c->id = PQgetvalue(res, 0, 0);
	c->reference = PQgetvalue(res, 0, 1);
	return GERR_OK;
}

/*
 * What the order costs with the delivery chosen, as stored with it: the
 * cents and the lines (labels in the four languages); fee->cents NULL
 * when it is free.
 */
static enum gerr
order_fee(struct req *r, const struct certreq *c, const char *delivery,
    struct order_fee *fee)
{
	struct fee	 f;
	char		*lines;
	enum gerr	 e;

	memset(fee, 0, sizeof(*fee));
	if ((e = certdef_fee(c->def, delivery, lang_codes[c->lang], &f)) !=
	    GERR_OK)
		return e;
	json_pooled(r, f.lines);
	if (f.due == FEE_NONE)
		return GERR_OK;
	if ((lines = json_dumps(f.lines, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	fee->lines = pool_strdup(r->pool, lines);
	free(lines);
	fee->cents = pool_printf(r->pool, "%lld", (long long)f.total_cents);
	return GERR_OK;
}

/* Nothing issued: the register does not know the person, or lacks data. */
static enum gerr
not_issued(struct req *r, const struct certreq *c, const char *why,
    int status)
{
	hdf_put(r, "Type", "code", c->code);
	hdf_put(r, "Type", "title", certificate_title(c, r->lang));
	hdf_put(r, "Refused", "why", why);
	r->cache = "private, no-store";
	return resp_render(r, status, "certs/unknown.cs");
}

/*
 * POST /certificates/:type.  303 to the request's page once stored
 * (issued, queued, waiting for an agent, or, for a type with a fee,
 * ordered and waiting for its payment: that page says what is due and
 * offers "Pay and order"); 400 with the form and its
 * problems; 404 when the register does not know the person and 409 when
 * it holds nothing of what the type prints (nothing stored either way).
 */
enum gerr
page_request(struct req *r)
{
	struct certreq	 c;
	struct order_fee fee;
	const char	*delivery;
	char		*postal;
	enum lang	 l = r->lang;
	enum gerr	 e;
	int		 bad;

	if (r->session->acting_org_id != NULL)
		return GERR_AUTH;
	if ((e = type_load(r, r->lang, &c)) != GERR_OK)
		return e;
	if (r->csrf_failed) {
		form_error(r, "lang", "err.expired");
		return form_page(r, &c, 403);
	}
	bad = form_read(r, &c, &l, &delivery, &postal);
	if (bad > 0)
		return form_page(r, &c, 400);
	if (l != r->lang && (e = type_load(r, l, &c)) != GERR_OK)
		return e;	/* the issuer's name in the certificate's language */
	c.lang = l;
	if ((e = order_fee(r, &c, delivery, &fee)) != GERR_OK)
		return e;
	switch ((e = certificate_lookup(r->pool, &c))) {
	case GERR_OK:
		break;
	case GERR_NOTFOUND:
		return not_issued(r, &c, "unknown", 404);
	case GERR_UPSTREAM:
		/* the queue's worker asks again, with backoff */
		c.data = NULL;
		if ((e = request_store(r, &c, delivery, postal, fee.cents !=
		    NULL ? "unpaid" : "queued", "0", &fee)) != GERR_OK)
			return e;
		goto done;
	default:
		return e;
	}
	if (!certdef_requires_met(c.def, c.data))
		return not_issued(r, &c, "requires", 409);
	if (fee.cents != NULL) {
		/* queued for sealing once paid, never before (sql/0052) */
		if ((e = request_store(r, &c, delivery, postal, "unpaid", "0",
		    &fee)) != GERR_OK)
			return e;
		goto done;
	}
	if (!c.automatic) {
		if ((e = request_store(r, &c, delivery, postal, "checking",
		    "0", NULL)) != GERR_OK)
			return e;
		goto done;
	}
	/* Stored first: should this worker die now, the queue issues it. */
	if ((e = request_store(r, &c, delivery, postal, "queued",
	    ISSUE_LEASE, NULL)) != GERR_OK)
		return e;
	if ((e = certificate_issue(r->pool, &c)) != GERR_OK)
		log_warnx("certificate %s: not issued at once (%s), queued",
		    c.reference, gerr_name(e));
done:
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/certificates/requests/%s", c.reference));
}
