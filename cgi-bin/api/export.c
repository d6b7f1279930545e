/*
 * Exports of a procedure's sent dossiers, as CSV or as a JSON array,
 * streamed: libpq hands over one row at a time (single-row mode), each
 * row is written out and forgotten, so memory stays the same for ten
 * dossiers or a million.  The CSV has fixed columns, then one per
 * question of the procedure's current version (groups as JSON); a cell
 * that a spreadsheet would take for a formula is prefixed with a quote.
 * Every exported dossier is logged, in one statement, for its user.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "db.h"
#include "log.h"
#include "valid.h"

/* A growable buffer of its own: the request's pool would grow per row. */
struct out {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

static void
out_free(void *arg)
{
	struct out	*o = arg;

	free(o->data);
}

static int
out_put(struct out *o, const char *s, size_t n)
{
	char	*d;
	size_t	 cap;

	if (o->len + n + 1 > o->cap) {
		cap = o->cap ? o->cap : 4096;
		while (cap < o->len + n + 1)
			cap *= 2;
		if ((d = realloc(o->data, cap)) == NULL)
			return -1;
		o->data = d;
		o->cap = cap;
	}
	memcpy(o->data + o->len, s, n);
	o->len += n;
	return 0;
}

static void
csv_cell(struct out *o, const char *s, int first)
{
	const char	*p;

	if (!first)
		out_put(o, ",", 1);
	if (s == NULL || *s == '\0')
		return;
	out_put(o, "\"", 1);
	if (strchr("=+-@\t\r", *s) != NULL)
		out_put(o, "'", 1);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			out_put(o, "\"", 1);
		out_put(o, p, 1);
	}
	out_put(o, "\"", 1);
}

static const char *const fixed_cols[] = { "reference", "status",
    "submitted_at", "updated_at", "closed_at", "applicant_nrn",
    "applicant_given_names", "applicant_surname", "organisation_bce",
    "organisation_name" };

#define EXPORT_SELECT \
    "SELECT d.reference, d.status," \
    "  to_char(d.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')," \
    "  to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')," \
    "  to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')," \
    "  pe.nrn, pe.given_names, pe.surname, o.bce, o.name, d.data::text" \
    "  FROM dossiers d JOIN persons pe ON pe.id = d.owner_person_id" \
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id" \
    " WHERE d.procedure_id = $1::bigint AND d.reference IS NOT NULL" \
    "   AND ($2::text IS NULL OR d.status = $2)"

static const char export_sql[] = EXPORT_SELECT " ORDER BY d.id";

static struct dbq q_log = DBQ(
    "INSERT INTO access_log (person_id, organisation_id, dossier_id,"
    "  api_client_id, department_id, purpose)"
    " SELECT d.owner_person_id, d.acting_org_id, d.id, $3::bigint,"
    "  $4::bigint, 'export' FROM dossiers d"
    " WHERE d.procedure_id = $1::bigint AND d.reference IS NOT NULL"
    "   AND ($2::text IS NULL OR d.status = $2)");

static struct dbq q_procedure = DBQ(
    "SELECT p.id, v.definition::text FROM procedures p"
    "  JOIN procedure_versions v ON v.procedure_id = p.id"
    "   AND v.version = p.current_version"
    " WHERE p.code = $1 AND p.department_id = $2::bigint");

/* The current version's questions, in page order: the CSV's columns. */
static json_t *
question_names(const char *definition)
{
	json_t		*def = json_loads(definition, 0, NULL), *names;
	const json_t	*page, *f;
	const char	*t, *n;
	size_t		 i, k;

	names = json_array();
	json_array_foreach(json_object_get(def, "pages"), i, page)
		json_array_foreach(json_object_get(page, "fields"), k, f) {
			t = json_string_value(json_object_get(f, "type"));
			n = json_string_value(json_object_get(f, "name"));
			if (n == NULL || t == NULL || strcmp(t, "section") == 0 ||
			    strcmp(t, "notice") == 0 || strcmp(t, "pdf") == 0)
				continue;
			json_array_append_new(names, json_string(n));
		}
	json_decref(def);
	return names;
}

static void
names_free(void *v)
{
	json_decref(v);
}

/* One answer as a cell: strings as they are, the rest as JSON. */
static void
answer_cell(struct out *o, const json_t *v)
{
	char	*s;

	if (v == NULL || json_is_null(v)) {
		csv_cell(o, NULL, 0);
		return;
	}
	if (json_is_string(v)) {
		csv_cell(o, json_string_value(v), 0);
		return;
	}
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	csv_cell(o, s, 0);
	free(s);
}

static void
csv_row(struct out *o, const PGresult *res, const json_t *names)
{
	json_t		*answers;
	const json_t	*n;
	size_t		 i;

	for (i = 0; i < nitems(fixed_cols); i++)
		csv_cell(o, PQgetisnull(res, 0, (int)i) ? NULL :
		    PQgetvalue(res, 0, (int)i), i == 0);
	answers = json_loads(PQgetvalue(res, 0, 10), 0, NULL);
	json_array_foreach(names, i, n)
		answer_cell(o, json_object_get(answers,
		    json_string_value(n)));
	json_decref(answers);
	out_put(o, "\r\n", 2);
}

static void
json_row(struct out *o, const PGresult *res, int first)
{
	json_t	*row, *answers;
	char	*s;
	size_t	 i;

	answers = json_loads(PQgetvalue(res, 0, 10), 0, NULL);
	row = json_object();
	for (i = 0; i < nitems(fixed_cols); i++)
		json_object_set_new(row, fixed_cols[i], PQgetisnull(res, 0,
		    (int)i) ? json_null() : json_string(PQgetvalue(res, 0,
		    (int)i)));
	json_object_set_new(row, "answers", answers != NULL ? answers :
	    json_object());
	s = json_dumps(row, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(row);
	if (!first)
		out_put(o, ",\n", 2);
	if (s != NULL)
		out_put(o, s, strlen(s));
	free(s);
}

/*
 * GET /api/v1/procedures/CODE/export.csv|.json[?status=S]: every sent
 * dossier of the procedure, oldest first.
 */
enum gerr
page_export(struct req *r)
{
	struct client	 c;
	struct out	*o;
	const char	*p[4], *status = req_query(r, "status"), *proc;
	PGconn		*conn;
	PGresult	*res;
	json_t		*names;
	const json_t	*n;
	enum gerr	 e;
	size_t		 i;
	int		 csv, rows = 0, failed = 0;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	csv = strstr(r->route, ".csv") != NULL;
	p[0] = r->args[0];
	p[1] = c.department_id;
	if ((res = db_query(r->pool, &q_procedure, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	proc = PQgetvalue(res, 0, 0);
	if ((names = question_names(PQgetvalue(res, 0, 1))) == NULL ||
	    pool_defer(r->pool, names_free, names) == -1)
		return GERR_NOMEM;
	if (status != NULL && *status == '\0')
		status = NULL;
	if (status != NULL && strspn(status, "abcdefghijklmnopqrstuvwxyz_") !=
	    strlen(status))
		return GERR_INPUT;
	p[0] = proc;
	p[1] = status;
	p[2] = c.id;
	p[3] = c.department_id;
	if (db_query(r->pool, &q_log, 4, p) == NULL)
		return db_last_error();
	if ((o = pool_calloc(r->pool, 1, sizeof(*o))) == NULL ||
	    pool_defer(r->pool, out_free, o) == -1)
		return GERR_NOMEM;
	conn = db_conn();
	if (!PQsendQueryParams(conn, export_sql, 2, NULL, p, NULL, NULL, 0) ||
	    !PQsetSingleRowMode(conn)) {
		log_warnx("export: %s", PQerrorMessage(conn));
		while ((res = PQgetResult(conn)) != NULL)
			PQclear(res);
		return GERR_DB;
	}
	resp_header(r, "Content-Disposition", pool_printf(r->pool,
	    "attachment; filename=\"%s.%s\"", r->args[0], csv ? "csv" : "json"));
	r->cache = "no-store";
	resp_start(r, 200, csv ? "text/csv; charset=utf-8" :
	    "application/json");
	if (csv) {
		for (i = 0; i < nitems(fixed_cols); i++)
			csv_cell(o, fixed_cols[i], i == 0);
		json_array_foreach(names, i, n)
			csv_cell(o, json_string_value(n), 0);
		out_put(o, "\r\n", 2);
	} else
		out_put(o, "[\n", 2);
	while ((res = PQgetResult(conn)) != NULL) {
		if (PQresultStatus(res) == PGRES_SINGLE_TUPLE && !failed) {
			if (csv)
				csv_row(o, res, names);
			else
				json_row(o, res, rows == 0);
			rows++;
		} else if (PQresultStatus(res) != PGRES_TUPLES_OK &&
		    PQresultStatus(res) != PGRES_SINGLE_TUPLE) {
			log_warnx("export: %s", PQresultErrorMessage(res));
			failed = 1;
		}
		PQclear(res);
		/* out in 64 KB pieces: the buffer never holds more */
		if (o->len >= 65536 || (failed && o->len > 0)) {
			if (resp_write(r, o->data, o->len) == -1)
				failed = 1;
			o->len = 0;
		}
	}
	if (!failed && !csv)
		out_put(o, "\n]\n", 3);
	/* a failure half-way leaves the body cut short, never wrong */
	if (!failed && o->len > 0)
		resp_write(r, o->data, o->len);
	return GERR_OK;
}
