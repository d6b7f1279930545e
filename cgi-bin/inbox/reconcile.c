/*
 * The reconciliation of a department's day (issue 19, docs/payments.md),
 * for its agents (an accountant is given the reader role): the payments
 * made that day, the refunds, the fees by procedure and the totals, what
 * the daily job compared with the provider's list and the differences it
 * found; and the same day as a CSV file streamed row by row, to match
 * with the provider's settlement file.  Days are the department's
 * (display.timezone); times in the CSV are UTC, as the providers' are.
 * A manager marks a difference resolved, with a note.  Another
 * department's day, or difference, is a 404.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "csvout.h"
#include "db.h"
#include "form.h"
#include "inbox.h"
#include "log.h"
#include "valid.h"
#include "when.h"

/* The day's bounds, as every statement below takes them: $2 day, $3 zone. */
#define DAY_LO	"($2::date::timestamp AT TIME ZONE $3)"
#define DAY_HI	"(($2::date + 1)::timestamp AT TIME ZONE $3)"
#define IN_DAY(col) col " >= " DAY_LO " AND " col " < " DAY_HI

static struct dbq q_totals = DBQ(
    "WITH pay AS (SELECT status, amount_cents FROM payments"
    "  WHERE department_id = $1::bigint AND " IN_DAY("created_at") "),"
    " ref AS (SELECT f.status, f.amount_cents FROM payment_refunds f"
    "  JOIN payments p ON p.id = f.payment_id"
    "  WHERE p.department_id = $1::bigint AND " IN_DAY("f.created_at") "),"
    " s AS (SELECT"
    "  (SELECT count(*) FROM pay WHERE status = 'success') AS paid_n,"
    "  (SELECT coalesce(sum(amount_cents), 0) FROM pay"
    "   WHERE status = 'success')::bigint AS paid,"
    "  (SELECT count(*) FROM pay WHERE status <> 'success') AS unpaid_n,"
    "  (SELECT count(*) FROM ref WHERE status = 'success') AS refunded_n,"
    "  (SELECT coalesce(sum(amount_cents), 0) FROM ref"
    "   WHERE status = 'success')::bigint AS refunded,"
    "  (SELECT count(*) FROM ref WHERE status = 'pending') AS pending_n)"
    " SELECT paid_n, payment_euros(paid, $4), unpaid_n, refunded_n,"
    "  payment_euros(refunded, $4), pending_n,"
    "  payment_euros(paid - refunded, $4) FROM s");
static const char *const total_cols[] = { "paid_n", "paid", "unpaid_n",
    "refunded_n", "refunded", "pending_n", "net" };

/* By procedure (its version's title), and by certificate type. */
static struct dbq q_fees = DBQ(
    "SELECT coalesce(d.procedure_id::text, ''),"
    "  coalesce(d.procedure_version::text, ''), count(*),"
    "  payment_euros(sum(p.amount_cents)::bigint, $4),"
    "  payment_euros(sum(p.refunded_cents)::bigint, $4),"
    "  coalesce(t.definition->'titles'->>$4, t.definition->'titles'->>'fr',"
    "   '')"
    "  FROM payments p LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN certificate_requests c ON c.id = p.certificate_request_id"
    "  LEFT JOIN certificate_types t ON t.id = c.type_id"
    " WHERE p.department_id = $1::bigint AND p.status = 'success'"
    "   AND " IN_DAY("p.created_at")
    " GROUP BY 1, 2, 6 ORDER BY 1, 2, 6");

static struct dbq q_payments = DBQ(
    "SELECT p.created_at, p.reference, coalesce(d.reference, c.reference, ''),"
    "  coalesce(d.id::text, ''), p.status, payment_euros(p.amount_cents, $4),"
    "  payment_euros(p.refunded_cents, $4), coalesce(p.provider_id, ''),"
    "  coalesce(p.method, ''), coalesce(c.id::text, '')"
    "  FROM payments p LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN certificate_requests c ON c.id = p.certificate_request_id"
    " WHERE p.department_id = $1::bigint AND " IN_DAY("p.created_at")
    " ORDER BY p.created_at, p.id LIMIT 1000");
static const char *const payment_cols[] = { "at", "reference", "dossier",
    "dossier_id", "status", "amount", "refunded", "provider_id", "method",
    "cert_id" };

static struct dbq q_refunds = DBQ(
    "SELECT f.created_at, p.reference, coalesce(d.reference, c.reference, ''),"
    "  coalesce(d.id::text, ''), payment_euros(f.amount_cents, $4), f.status,"
    "  f.reason, coalesce(trim(pe.given_names || ' ' || pe.surname), ''),"
    "  coalesce(c.id::text, '')"
    "  FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
    "  LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN certificate_requests c ON c.id = p.certificate_request_id"
    "  LEFT JOIN agents a ON a.id = f.agent_id"	/* none: the guichet's */
    "  LEFT JOIN persons pe ON pe.id = a.person_id"
    " WHERE p.department_id = $1::bigint AND " IN_DAY("f.created_at")
    " ORDER BY f.created_at, f.id LIMIT 1000");
static const char *const refund_cols[] = { "at", "reference", "dossier",
    "dossier_id", "amount", "status", "reason", "by", "cert_id" };

static struct dbq q_run = DBQ(
    "SELECT finished_at, seen_provider, seen_ours, fixed, flagged,"
    "  coalesce(last_error, '') FROM payment_reconcile_runs"
    " WHERE provider = $1 AND day = $2::date");
static const char *const run_cols[] = { "finished", "provider", "ours",
    "fixed", "flagged", "error" };

/* The day's differences: the department's, and those nobody's. */
static struct dbq q_differences = DBQ(
    "SELECT x.id, x.kind, coalesce(p.reference, ''), coalesce(d.reference, ''),"
    "  coalesce(d.id::text, ''), x.provider_id,"
    "  coalesce(x.provider_reference, ''), coalesce(x.provider_status, ''),"
    "  coalesce(payment_euros(x.provider_cents, $3), ''),"
    "  coalesce(payment_euros(x.our_cents, $3), ''), x.found_at, x.fixed_at,"
    "  x.resolved_at, coalesce(x.resolution, ''),"
    "  coalesce(trim(pe.given_names || ' ' || pe.surname), '')"
    "  FROM payment_discrepancies x"
    "  LEFT JOIN payments p ON p.id = x.payment_id"
    "  LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN agents a ON a.id = x.resolved_by"
    "  LEFT JOIN persons pe ON pe.id = a.person_id"
    " WHERE x.day = $2::date"
    "   AND (x.department_id = $1::bigint OR x.department_id IS NULL)"
    " ORDER BY x.id");
static const char *const difference_cols[] = { "id", "kind", "reference",
    "dossier", "dossier_id", "provider_id", "provider_reference",
    "provider_status", "provider_amount", "our_amount", "found", "fixed",
    "resolved", "resolution", "resolved_by" };

/* Days with differences left open, for the page's list. */
static struct dbq q_open_days = DBQ(
    "SELECT day, count(*) FROM payment_discrepancies"
    " WHERE (department_id = $1::bigint OR department_id IS NULL)"
    "   AND resolved_at IS NULL AND fixed_at IS NULL"
    " GROUP BY day ORDER BY day DESC LIMIT 31");
static const char *const open_cols[] = { "day", "count" };

/* The department asked for (the agent's first by default), and its role. */
static enum gerr
reconcile_dept(struct req *r, const char **dept, enum role *role)
{
	const struct agent *a = r->agent;
	const char	*s = req_query(r, "dept");
	size_t		 i;

	if (s == NULL && r->method == METHOD_POST)
		s = req_form(r, "dept");
	for (i = 0; i < a->n; i++)
		if (s == NULL || strcmp(s, a->dept[i].id) == 0) {
			*dept = a->dept[i].id;
			*role = a->dept[i].role;
			return GERR_OK;
		}
	return GERR_NOTFOUND;
}

static struct dbq q_yesterday = DBQ(
    "SELECT ((now() AT TIME ZONE $1)::date - 1)::text");

/* A day as typed (ISO or 03/12/2026), as ISO; s NULL: yesterday's. */
static const char *
day_iso(struct req *r, const char *s)
{
	const char	*p[1] = { conf_str("display.timezone") };
	char		 out[16];
	PGresult	*res;

	if (s != NULL)
		return valid_date(s, NULL, out, sizeof(out)) ?
		    pool_strdup(r->pool, out) : NULL;
	if ((res = db_query(r->pool, &q_yesterday, 1, p)) == NULL)
		return NULL;
	return pool_strdup(r->pool, db_value(res, 0, 0));
}

static struct dbq q_neighbours = DBQ(
    "SELECT ($1::date - 1)::text, ($1::date + 1)::text");

static enum gerr
reconcile_fees(struct req *r, const char *const *p)
{
	PGresult	*res;
	const char	*rp;
	int		 i;

	if ((res = db_query(r->pool, &q_fees, 4, p)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++) {
		rp = pool_printf(r->pool, "Fees.%d", i);
		hdf_put(r, rp, "title", *db_value(res, i, 0) == '\0' ?
		    pool_printf(r->pool, "%s — %s", tmpl_str(r->lang,
		    "reconcile.certificates"), db_value(res, i, 5)) :
		    def_title(r, db_value(res, i, 0), db_value(res, i, 1)));
		hdf_put(r, rp, "count", db_value(res, i, 2));
		hdf_put(r, rp, "paid", db_value(res, i, 3));
		hdf_put(r, rp, "refunded", db_value(res, i, 4));
	}
	return GERR_OK;
}

/* Each part of the page, the department's day. */
static enum gerr
reconcile_parts(struct req *r, const char *const *p)
{
	static struct { struct dbq *q; const char *prefix;
	    const char *const *cols; int n; } parts[] = {
		{ &q_totals, "Totals", total_cols, nitems(total_cols) },
		{ &q_payments, "Payments", payment_cols, nitems(payment_cols) },
		{ &q_refunds, "Refunds", refund_cols, nitems(refund_cols) },
	};
	const char	*v[3];
	PGresult	*res;
	size_t		 i;

	for (i = 0; i < nitems(parts); i++) {
		if ((res = db_query(r->pool, parts[i].q, 4, p)) == NULL)
			return db_last_error();
		req_hdf_rows(r, parts[i].prefix, res, parts[i].cols,
		    parts[i].n);
	}
	v[0] = conf_str("payments.provider") ? conf_str("payments.provider") :
	    "";
	v[1] = p[1];
	if ((res = db_query(r->pool, &q_run, 2, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Run", res, run_cols, nitems(run_cols));
	v[0] = p[0];
	v[2] = p[3];
	if ((res = db_query(r->pool, &q_differences, 3, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Differences", res, difference_cols,
	    nitems(difference_cols));
	if ((res = db_query(r->pool, &q_open_days, 1, v)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "OpenDays", res, open_cols, nitems(open_cols));
	return reconcile_fees(r, p);
}

static enum gerr
reconcile_page(struct req *r, const char *dept, enum role role,
    const char *day, int status)
{
	const struct agent *a = r->agent;
	const char	*p[4], *s;
	PGresult	*res;
	size_t		 i;

	p[0] = dept;
	p[1] = day;
	p[2] = conf_str("display.timezone");
	p[3] = lang_codes[r->lang];
	for (i = 0; i < a->n; i++) {
		hdf_put(r, pool_printf(r->pool, "Depts.%zu", i), "id",
		    a->dept[i].id);
		hdf_put(r, pool_printf(r->pool, "Depts.%zu", i), "name",
		    a->dept[i].name);
		if (strcmp(a->dept[i].id, dept) == 0)
			hdf_put(r, "Day", "dept_name", a->dept[i].name);
	}
	hdf_put(r, "Day", "dept", dept);
	hdf_put(r, "Day", "day", day);
	hdf_put(r, "Day", "shown", when_text(r->pool, day, WHEN_DAY));
	hdf_put(r, "Day", "manager", role == ROLE_MANAGER ? "1" : "0");
	if ((s = req_query(r, "done")) != NULL && strcmp(s, "resolved") == 0)
		hdf_put(r, "Day", "done", "resolved");
	if ((res = db_query(r->pool, &q_neighbours, 1, p + 1)) == NULL)
		return db_last_error();
	hdf_put(r, "Day", "before", db_value(res, 0, 0));
	hdf_put(r, "Day", "after", db_value(res, 0, 1));
	if (reconcile_parts(r, p) != GERR_OK)
		return db_last_error();
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/reconcile.cs");
}

/*
 * GET /inbox/payments?dept=&day=: 200; 400 with yesterday's page for a
 * day that is not one; 404 for a department not the agent's.
 */
enum gerr
page_reconcile(struct req *r)
{
	const char	*dept, *day, *s = req_query(r, "day");
	enum role	 role;
	enum gerr	 e;

	if ((e = reconcile_dept(r, &dept, &role)) != GERR_OK)
		return e;
	if (s != NULL && *s == '\0')
		s = NULL;
	if ((day = day_iso(r, s)) != NULL)
		return reconcile_page(r, dept, role, day, 200);
	if (s == NULL)
		return db_last_error();
	form_error(r, "day", "reconcile.err_day");
	hdf_put(r, "Kept", "day", s);
	if ((day = day_iso(r, NULL)) == NULL)
		return db_last_error();
	return reconcile_page(r, dept, role, day, 400);
}

#define UTC(col) "to_char(" col " AT TIME ZONE 'UTC'," \
    " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/*
 * The CSV: payments and refunds of the day, oldest first, amounts in
 * euros with a dot, refunds negative, as settlement files have them.
 */
static struct dbq q_csv = DBQ(
    "SELECT * FROM ("
    " SELECT 'payment', " UTC("p.created_at") " AS at, p.id AS id, p.reference,"
    "  coalesce(p.provider_id, ''), '', coalesce(d.reference, c.reference, ''),"
    "  coalesce(pr.code, ct.code, ''), p.status,"
    "  CASE WHEN p.status = 'success' THEN (p.amount_cents / 100)::text || '.'"
    "   || lpad((p.amount_cents % 100)::text, 2, '0') ELSE '0.00' END,"
    "  (p.amount_cents / 100)::text || '.'"
    "   || lpad((p.amount_cents % 100)::text, 2, '0'),"
    "  coalesce(p.method, ''), ''"
    "  FROM payments p LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN procedures pr ON pr.id = d.procedure_id"
    "  LEFT JOIN certificate_requests c ON c.id = p.certificate_request_id"
    "  LEFT JOIN certificate_types ct ON ct.id = c.type_id"
    "  WHERE p.department_id = $1::bigint AND " IN_DAY("p.created_at")
    " UNION ALL"
    " SELECT 'refund', " UTC("f.created_at") ", f.id, p.reference,"
    "  coalesce(p.provider_id, ''), coalesce(f.provider_refund_id, ''),"
    "  coalesce(d.reference, c.reference, ''), coalesce(pr.code, ct.code, ''),"
    "  f.status,"
    "  CASE WHEN f.status = 'success' THEN '-' || (f.amount_cents / 100)::text"
    "   || '.' || lpad((f.amount_cents % 100)::text, 2, '0') ELSE '0.00' END,"
    "  '-' || (f.amount_cents / 100)::text || '.'"
    "   || lpad((f.amount_cents % 100)::text, 2, '0'), '', f.reason"
    "  FROM payment_refunds f JOIN payments p ON p.id = f.payment_id"
    "  LEFT JOIN dossiers d ON d.id = p.dossier_id"
    "  LEFT JOIN procedures pr ON pr.id = d.procedure_id"
    "  LEFT JOIN certificate_requests c ON c.id = p.certificate_request_id"
    "  LEFT JOIN certificate_types ct ON ct.id = c.type_id"
    "  WHERE p.department_id = $1::bigint AND " IN_DAY("f.created_at")
    ") x ORDER BY at, 1, id");

static const char *const csv_cols[] = { "type", "at_utc", "id", "reference",
    "provider_id", "provider_refund_id", "dossier", "procedure", "status",
    "settled_eur", "amount_eur", "method", "reason" };

struct csvday {
	struct req	*r;
	struct csvout	*o;
	const char	*name;
	int		 started;
	long		 rows;
};

static enum gerr
csv_flush(struct csvday *x, size_t least)
{
	if (x->o->failed)
		return GERR_NOMEM;
	if (x->o->len < least)
		return GERR_OK;
	if (resp_write(x->r, x->o->data, x->o->len) == -1)
		return GERR_SYSTEM;
	x->o->len = 0;
	return GERR_OK;
}

/* The 200 with the first row (or after none): an early failure is an error page. */
static enum gerr
csv_start(struct csvday *x)
{
	enum gerr	 e;
	size_t		 i;

	resp_header(x->r, "Content-Disposition", pool_printf(x->r->pool,
	    "attachment; filename=\"%s\"", x->name));
	x->r->cache = "no-store";
	if ((e = resp_start(x->r, 200, "text/csv; charset=utf-8")) != GERR_OK)
		return e;
	x->started = 1;
	for (i = 0; i < nitems(csv_cols); i++)
		csvout_cell(x->o, csv_cols[i], i == 0);
	csvout_put(x->o, "\r\n", 2);
	return GERR_OK;
}

static enum gerr
csv_row(void *arg, const PGresult *row)
{
	struct csvday	*x = arg;
	enum gerr	 e;
	int		 i;

	if (!x->started && (e = csv_start(x)) != GERR_OK)
		return e;
	for (i = 0; i < (int)nitems(csv_cols); i++)
		csvout_cell(x->o, PQgetvalue(row, 0, i), i == 0);
	csvout_put(x->o, "\r\n", 2);
	x->rows++;
	return csv_flush(x, 65536);
}

/*
 * GET /inbox/payments/export.csv?dept=&day=: 200 with the CSV; 400 for a
 * day that is not one; 404 for a department not the agent's.  A failure
 * once the 200 is out drops the connection: never a file seen whole that
 * is not.
 */
enum gerr
page_reconcile_csv(struct req *r)
{
	struct csvday	 x;
	const char	*dept, *day, *s = req_query(r, "day"), *p[3];
	enum role	 role;
	enum gerr	 e;

	if ((e = reconcile_dept(r, &dept, &role)) != GERR_OK)
		return e;
	if ((day = day_iso(r, s != NULL && *s != '\0' ? s : NULL)) == NULL)
		return GERR_INPUT;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.name = pool_printf(r->pool, "payments-%s-%s.csv", dept, day);
	if ((x.o = pool_calloc(r->pool, 1, sizeof(*x.o))) == NULL ||
	    pool_defer(r->pool, csvout_free, x.o) == -1)
		return GERR_NOMEM;
	p[0] = dept;
	p[1] = day;
	p[2] = conf_str("display.timezone");
	e = db_stream(r->pool, &q_csv, 3, p, csv_row, &x);
	if (e == GERR_OK && !x.started)
		e = csv_start(&x);
	if (e == GERR_OK)
		e = csv_flush(&x, 0);
	if (e != GERR_OK && x.started) {
		log_warnx("reconciliation: %s cut short at row %ld, connection "
		    "dropped", x.name, x.rows);
		resp_abort(r);
	}
	return e;
}

static struct dbq q_resolve = DBQ(
    "UPDATE payment_discrepancies SET resolved_at = now(),"
    "  resolved_by = $3::bigint, resolution = $4"
    " WHERE id = $1::bigint AND resolved_at IS NULL AND fixed_at IS NULL"
    "   AND (department_id = $2::bigint OR department_id IS NULL)"
    " RETURNING day::text");

/*
 * POST /inbox/payments/differences/:id (dept, body): a manager marks a
 * difference resolved, with what was done.  303 to its day; 400 without
 * a note; 403 for another role; 404 for a difference not of the
 * department (or resolved already).
 */
enum gerr
page_difference_resolve(struct req *r)
{
	const char	*dept, *note, *v[4], *day;
	enum role	 role;
	PGresult	*res;
	enum gerr	 e;

	if ((e = reconcile_dept(r, &dept, &role)) != GERR_OK)
		return e;
	if (role != ROLE_MANAGER)
		return GERR_AUTH;
	if (r->csrf_failed)
		return GERR_AUTH;
	if (form_text(r->pool, req_form(r, "body"), 2000, &note) != 0) {
		form_error(r, "body", "reconcile.err_note");
		day = day_iso(r, req_form(r, "day"));
		return day == NULL ? GERR_INPUT :
		    reconcile_page(r, dept, role, day, 400);
	}
	v[0] = r->args[0];
	v[1] = dept;
	v[2] = r->agent->id;
	v[3] = note;
	if ((res = db_query(r->pool, &q_resolve, 4, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/inbox/payments?dept=%s&day=%s&done=resolved", dept,
	    db_value(res, 0, 0)));
}
