/*
 * Certificates in the back office: the requests of a checked type wait
 * here for an agent of the type's department, who sees the register's
 * data as they will be printed, then issues the certificate (through
 * certificate_issue, like every other) or refuses it with grounds sent
 * to the person; an issued certificate can be revoked with a reason.
 * The figures count issued certificates per type and day, automatic or
 * checked.  Every opening of a request writes the access log the person
 * reads in "Mes données".  A request of another department is a 404.
 */
#include <string.h>

#include "certdef.h"
#include "certificate.h"
#include "db.h"
#include "form.h"
#include "inbox.h"

#define GROUNDS_CHARS	2000

/* A request's last payment, its amount in the page's language ($2), as the dossiers' queue shows it. */
#define LAST_PAYMENT \
    "  LEFT JOIN LATERAL (SELECT y.status," \
    "   payment_euros(y.amount_cents, $2) AS euros FROM payments y" \
    "   WHERE y.certificate_request_id = r.id" \
    "   ORDER BY y.created_at DESC, y.id DESC LIMIT 1) pay ON true"
static struct dbq q_waiting = DBQ(
    "SELECT r.id, r.reference, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'),"
    "  person_label(pe.given_names, pe.surname, pe.email), r.created_at,"
    "  coalesce(pay.status, ''), coalesce(pay.euros, '')"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN persons pe ON pe.id = r.person_id"
    LAST_PAYMENT
    " WHERE r.status = 'checking' AND t.department_id = ANY($1::bigint[])"
    " ORDER BY r.created_at, r.id LIMIT 200");
static const char *const waiting_cols[] = { "id", "reference", "title",
    "person", "at", "pay_status", "pay_amount" };
static struct dbq q_recent = DBQ(
    "SELECT r.id, r.reference, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'),"
    "  person_label(pe.given_names, pe.surname, pe.email), r.issued_at,"
    "  r.automatic, r.revoked_at IS NOT NULL,"
    "  coalesce(pay.status, ''), coalesce(pay.euros, '')"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN persons pe ON pe.id = r.person_id"
    LAST_PAYMENT
    " WHERE r.status = 'issued' AND t.department_id = ANY($1::bigint[])"
    "   AND r.issued_at > now() - interval '14 days'"
    " ORDER BY r.issued_at DESC, r.id DESC LIMIT 50");
static const char *const list_cols[] = { "id", "reference", "title",
    "person", "at", "automatic", "revoked", "pay_status", "pay_amount" };

/* GET /inbox/certificates: 200 with those waiting, and the recent ones. */
enum gerr
page_certificates(struct req *r)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = r->agent->depts;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_waiting, 2, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Waiting", res, waiting_cols, nitems(waiting_cols));
	if ((res = db_query(r->pool, &q_recent, 2, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Recent", res, list_cols, nitems(list_cols));
	r->cache = "private, no-store";
	return resp_render(r, 200, "inbox/certificates.cs");
}

static struct dbq q_figures = DBQ(
    "SELECT f.code, coalesce(t.definition->'titles'->>$2,"
    "  t.definition->'titles'->>'fr'), f.day, f.automatic, f.checked, f.revoked"
    "  FROM certificate_figures f JOIN certificate_types t ON t.code = f.code"
    " WHERE t.department_id = ANY($1::bigint[])"
    "   AND f.day > (now() AT TIME ZONE 'Europe/Brussels')::date - 31"
    " ORDER BY f.day DESC, t.position, f.code");
static const char *const figure_cols[] = { "code", "title", "day",
    "automatic", "checked", "revoked" };

/* GET /inbox/certificates/figures: 200, the last 31 days by type and day. */
enum gerr
page_certificate_figures(struct req *r)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = r->agent->depts;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_figures, 2, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Figures", res, figure_cols, nitems(figure_cols));
	r->cache = "private, no-store";
	return resp_render(r, 200, "inbox/certificate_figures.cs");
}

/* The request with its type and person, if of the agent's departments. */
static struct dbq q_load = DBQ(
    "SELECT " CERTREQ_COLS("r.lang") ", r.id, r.reference, r.lang,"
    "  r.register_data::text, r.status, r.created_at,"
    "  coalesce(r.refused_reason, ''), r.revoked_at IS NOT NULL,"
    "  coalesce(r.revoked_reason, ''),"
    "  person_label(pe.given_names, pe.surname, pe.email), r.delivery,"
    "  coalesce(r.postal_address::text, ''), coalesce(r.document_id::text, '')"
    "  FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id"
    "  JOIN departments dep ON dep.id = t.department_id"
    "  JOIN persons pe ON pe.id = r.person_id"
    " WHERE r.id = $1::bigint AND t.department_id = ANY($2::bigint[])");
static const char *const load_cols[] = { NULL, "code", NULL, "automatic",
    NULL, "issuer", NULL, "nrn", "id", "reference", "lang", NULL, "status",
    "created", "refused_reason", "revoked", "revoked_reason", "person",
    "delivery", "postal", "document" };

static enum gerr
request_load(struct req *r, struct certreq *c, PGresult **out)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = r->args[0];
	p[1] = r->agent->depts;
	if ((res = db_query(r->pool, &q_load, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	*out = res;
	return certreq_from_row(r->pool, res, 0, c);
}

/* The register's data, flattened to "path: value" lines for reading. */
static void
data_rows(struct req *r, const char *prefix, const json_t *v, int *n)
{
	const char	*k;
	const json_t	*e;
	size_t		 i;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, e)
			data_rows(r, *prefix ? pool_printf(r->pool, "%s.%s",
			    prefix, k) : k, e, n);
		return;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			data_rows(r, pool_printf(r->pool, "%s.%zu", prefix, i),
			    e, n);
		return;
	}
	if (json_is_null(v))
		return;
	tmpl_set(r->hdf, pool_printf(r->pool, "Data.%d.path", *n), prefix);
	if (json_is_string(v))
		tmpl_set(r->hdf, pool_printf(r->pool, "Data.%d.value", *n),
		    json_string_value(v));
	else if (json_is_integer(v))
		tmpl_setf(r->hdf, pool_printf(r->pool, "Data.%d.value", *n),
		    "%lld", (long long)json_integer_value(v));
	else
		tmpl_set(r->hdf, pool_printf(r->pool, "Data.%d.value", *n),
		    json_is_true(v) ? "true" : "false");
	(*n)++;
}

static struct dbq q_access = DBQ(
    "INSERT INTO access_log (person_id, agent_id, department_id, purpose)"
    " VALUES ($1::bigint, $2::bigint, $3::bigint, 'certificate_check')");

/* A paid order is refunded once refused, not issued or revoked. */
static int
may_refund(struct req *r, const struct certreq *c, const PGresult *res)
{
	return payments_may_refund_cert(agent_role(r->agent, c->dept_id),
	    db_value(res, 0, 12), *db_value(res, 0, 15) == 't');
}

static enum gerr
request_page(struct req *r, const struct certreq *c, PGresult *res,
    int status)
{
	const char	*p[3];
	enum gerr	 e;
	int		 n = 0;

	req_hdf_rows(r, "Request", res, load_cols, nitems(load_cols));
	hdf_put(r, "Request", "title", certificate_title(c, r->lang));
	hdf_put(r, "Request", "can_act", agent_role(r->agent, c->dept_id) >=
	    ROLE_PROCESSOR ? "1" : "0");
	/* the order's payments, refunded from here (payment_macros.cs) */
	tmpl_set(r->hdf, "Work.can_act", agent_role(r->agent, c->dept_id) >=
	    ROLE_PROCESSOR ? "1" : "0");
	if ((e = payments_hdf(r, &(struct payowner){ NULL, c->id },
	    may_refund(r, c, res))) != GERR_OK)
		return e;
	if (c->data != NULL) {
		data_rows(r, "", c->data, &n);
		/* what the certificate will say, in its language */
		certificate_hdf(r->pool, r->hdf, "Preview", c, NULL);
	}
	if (r->method == METHOD_GET) {
		p[0] = c->person_id;
		p[1] = r->agent->id;
		p[2] = c->dept_id;
		if (db_query(r->pool, &q_access, 3, p) == NULL)
			return db_last_error();
	}
	if ((p[0] = req_query(r, "done")) != NULL &&
	    strspn(p[0], "abcdefghijklmnopqrstuvwxyz") == strlen(p[0]))
		hdf_put(r, "Request", "done", p[0]);
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/certificate.cs");
}

/* GET /inbox/certificates/:id: 200; 404 if not of the agent's departments. */
enum gerr
page_certificate(struct req *r)
{
	struct certreq	 c;
	PGresult	*res;
	enum gerr	 e;

	if ((e = request_load(r, &c, &res)) != GERR_OK)
		return e;
	return request_page(r, &c, res, 200);
}

static struct dbq q_refuse = DBQ(
    "WITH u AS (UPDATE certificate_requests SET status = 'refused',"
    "  refused_reason = $3, agent_id = $2::bigint"
    "  WHERE id = $1::bigint AND status = 'checking'"
    "  RETURNING person_id, lang, reference)"
    " INSERT INTO notification_outbox (kind, person_id, lang, payload)"
    " SELECT 'certificate_refused', person_id, lang,"
    "  jsonb_build_object('reference', reference) FROM u RETURNING id");

/*
 * The request marked revoked, and its document revoked for anyone who
 * checks it (document_revoke, sql/0038: the public page says so).
 */
static struct dbq q_revoke = DBQ(
    "WITH u AS (UPDATE certificate_requests SET revoked_at = now(),"
    "  revoked_by = $2::bigint, revoked_reason = $3"
    "  WHERE id = $1::bigint AND status = 'issued' AND revoked_at IS NULL"
    "  RETURNING id, document_id)"
    " SELECT u.id, document_revoke(u.document_id, $2::bigint, $3) FROM u");

/* The grounds typed, or NULL with the error set. */
static const char *
grounds(struct req *r, const char *field)
{
	const char	*s;

	tmpl_set(r->hdf, pool_printf(r->pool, "Form.%s.value", field),
	    req_form(r, field) ? req_form(r, field) : "");
	if (form_text(r->pool, req_form(r, field), GROUNDS_CHARS, &s) != 0) {
		form_error(r, field, "certs.inbox.err_grounds");
		return NULL;
	}
	return s;
}

static enum gerr
act(struct req *r, struct certreq *c, const char *action)
{
	const char	*v[3];
	PGresult	*res;

	v[0] = c->id;
	v[1] = r->agent->id;
	if (strcmp(action, "issue") == 0) {
		if (c->data == NULL)
			return GERR_CONFLICT;
		c->agent_id = r->agent->id;
		return certificate_issue(r->pool, c);
	}
	if ((v[2] = grounds(r, strcmp(action, "refuse") == 0 ? "grounds" :
	    "revoke_reason")) == NULL)
		return GERR_INPUT;
	if ((res = db_query(r->pool, strcmp(action, "refuse") == 0 ?
	    &q_refuse : &q_revoke, 3, v)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_CONFLICT;
}

/*
 * POST /inbox/certificates/:id/:action (issue, refuse, revoke, refund):
 * 303 back to the request; 400 without grounds (a refund: a bad amount
 * or no reason); 409 when the request is no longer in a state for it (a
 * refund: more than what is left, or refused by the provider); 403 for a
 * reader, and for a processor's refund before the request was refused,
 * not issued or revoked; 404 for a payment not the request's.
 */
enum gerr
page_certificate_act(struct req *r)
{
	static const char *const actions[] = { "issue", "refuse", "revoke",
	    "refund" };
	const char	*action = r->args[1];
	struct certreq	 c;
	PGresult	*res;
	enum gerr	 e;
	size_t		 i;

	for (i = 0; i < nitems(actions); i++)
		if (strcmp(action, actions[i]) == 0)
			break;
	if (i == nitems(actions))
		return GERR_NOTFOUND;
	if ((e = request_load(r, &c, &res)) != GERR_OK)
		return e;
	if (agent_role(r->agent, c.dept_id) < ROLE_PROCESSOR)
		return GERR_AUTH;
	if (r->csrf_failed) {
		form_error(r, "grounds", "err.expired");
		return request_page(r, &c, res, 403);
	}
	if (strcmp(action, "refund") == 0)
		e = act_refund(r, &(struct payowner){ NULL, c.id },
		    r->agent->id, may_refund(r, &c, res));
	else
		e = act(r, &c, action);
	switch (e) {
	case GERR_OK:
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/inbox/certificates/%s?done=%s", c.id, action));
	case GERR_INPUT:
		return request_page(r, &c, res, 400);
	case GERR_CONFLICT:
		if (strcmp(action, "refund") != 0)
			form_error(r, "grounds", "certs.inbox.err_state");
		return request_page(r, &c, res, 409);
	default:
		return e;
	}
}
