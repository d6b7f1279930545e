/*
 * Exports of a procedure's sent dossiers, as CSV or as a JSON array,
 * streamed: the database layer hands over one row at a time (db_stream),
 * each row is written out and forgotten, so memory stays the same for ten
 * dossiers or a million.  The CSV has fixed columns, then one per
 * question of the procedure's current version (groups as JSON); a cell
 * that a spreadsheet would take for a formula is prefixed with a quote.
 * Every exported dossier is logged, in one statement, for its user.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "csvout.h"
#include "db.h"
#include "formdef.h"
#include "log.h"
#include "valid.h"

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
    " WHERE d.procedure_id = $1::bigint AND d.reference IS NOT NULL"

/* One statement with the status and one without: each its own plan. */
static struct dbq q_export = DBQ(EXPORT_SELECT " ORDER BY d.id");
static struct dbq q_export_status = DBQ(
    EXPORT_SELECT " AND d.status = $2 ORDER BY d.id");

static struct dbq q_log = DBQ(
    "INSERT INTO access_log (person_id, organisation_id, dossier_id,"
    "  api_client_id, department_id, purpose)"
    " SELECT d.owner_person_id, d.acting_org_id, d.id, $3::bigint,"
    "  $4::bigint, 'export' FROM dossiers d"
    " WHERE d.procedure_id = $1::bigint AND d.reference IS NOT NULL"
    "   AND ($2::text IS NULL OR d.status = $2)");

static struct dbq q_procedure = DBQ(
    "SELECT p.id, v.version FROM procedures p"
    "  JOIN procedure_versions v ON v.procedure_id = p.id"
    "   AND v.version = p.current_version"
    " WHERE p.code = $1 AND p.department_id = $2::bigint");

/* The current version's questions, in page order: the CSV's columns. */
static json_t *
question_names(const struct fdef *def)
{
	const struct ffield	*f;
	json_t			*names = json_array();
	size_t			 i;

	for (i = 0; names != NULL && i < def->npages; i++)
		fblock_foreach(&def->pages[i].block, f)
			if (f->answer != ANSWER_NONE && f->answer != ANSWER_FILES)
				json_array_append_new(names, json_string(f->name));
	return names;
}

static void
names_free(void *v)
{
	json_decref(v);
}

/* One answer as a cell: strings as they are, the rest as JSON. */
static void
answer_cell(struct csvout *o, const json_t *v)
{
	char	*s;

	if (v == NULL || json_is_null(v)) {
		csvout_cell(o, NULL, 0);
		return;
	}
	if (json_is_string(v)) {
		csvout_cell(o, json_string_value(v), 0);
		return;
	}
	if ((s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY)) == NULL)
		o->failed = 1;		/* an empty cell would be wrong */
	csvout_cell(o, s, 0);
	free(s);
}

static void
csv_row(struct csvout *o, const PGresult *res, const json_t *names)
{
	json_t		*answers;
	const json_t	*n;
	size_t		 i;

	for (i = 0; i < nitems(fixed_cols); i++)
		csvout_cell(o, PQgetisnull(res, 0, (int)i) ? NULL :
		    PQgetvalue(res, 0, (int)i), i == 0);
	/* jsonb's text parses, unless memory fails or it nests deeper
	 * than jansson goes */
	if ((answers = json_loads(PQgetvalue(res, 0, 10), 0, NULL)) == NULL)
		o->failed = 1;
	json_array_foreach(names, i, n)
		answer_cell(o, json_object_get(answers,
		    json_string_value(n)));
	json_decref(answers);
	csvout_put(o, "\r\n", 2);
}

static void
json_row(struct csvout *o, const PGresult *res, int first)
{
	json_t	*row, *answers;
	char	*s = NULL;
	size_t	 i;
	int	 set = 0;

	answers = json_loads(PQgetvalue(res, 0, 10), 0, NULL);
	if ((row = json_object()) != NULL) {
		for (i = 0; i < nitems(fixed_cols); i++)
			set |= json_object_set_new(row, fixed_cols[i],
			    PQgetisnull(res, 0, (int)i) ? json_null() :
			    json_string(PQgetvalue(res, 0, (int)i)));
		set |= json_object_set_new(row, "answers", answers);
		if (set == 0)
			s = json_dumps(row, JSON_COMPACT | JSON_ENSURE_ASCII);
	} else
		json_decref(answers);
	json_decref(row);
	/* a field left out would be wrong: no row at all */
	if (s == NULL) {
		o->failed = 1;
		return;
	}
	if (!first)
		csvout_put(o, ",\n", 2);
	csvout_put(o, s, strlen(s));
	free(s);
}

/* An export under way. */
struct export {
	struct req	*r;
	struct csvout	*o;
	const json_t	*names;
	const char	*code;
	int		 csv;
	int		 started;	/* the 200 and the CSV header are out */
	long		 rows;
};

/*
 * The 200 goes out with the first row (or after the last of none), so a
 * statement that fails at once is still answered with its error.
 */
static enum gerr
export_start(struct export *x)
{
	struct req	*r = x->r;
	const json_t	*n;
	enum gerr	 e;
	size_t		 i;

	resp_header(r, "Content-Disposition", pool_printf(r->pool,
	    "attachment; filename=\"%s.%s\"", x->code, x->csv ? "csv" :
	    "json"));
	r->cache = "no-store";
	if ((e = resp_start(r, 200, x->csv ? "text/csv; charset=utf-8" :
	    "application/json")) != GERR_OK)
		return e;
	x->started = 1;
	if (x->csv) {
		for (i = 0; i < nitems(fixed_cols); i++)
			csvout_cell(x->o, fixed_cols[i], i == 0);
		json_array_foreach(x->names, i, n)
			csvout_cell(x->o, json_string_value(n), 0);
		csvout_put(x->o, "\r\n", 2);
	} else
		csvout_put(x->o, "[\n", 2);
	return GERR_OK;
}

/*
 * Out in 64 KB pieces (all that is left when least is 0): the buffer
 * never holds more than that and a row.  A buffer that failed to grow
 * holds a row cut short: nothing of it goes out.
 */
static enum gerr
export_flush(struct export *x, size_t least)
{
	if (x->o->failed) {
		log_warnx("export: row %ld could not be written whole",
		    x->rows);
		return GERR_NOMEM;
	}
	if (x->o->len < least)
		return GERR_OK;
	if (resp_write(x->r, x->o->data, x->o->len) == -1) {
		log_warnx("export: the client went away at row %ld", x->rows);
		return GERR_SYSTEM;
	}
	x->o->len = 0;
	return GERR_OK;
}

static enum gerr
export_row(void *arg, const PGresult *row)
{
	struct export	*x = arg;
	enum gerr	 e;

	if (!x->started && (e = export_start(x)) != GERR_OK)
		return e;
	if (x->csv)
		csv_row(x->o, row, x->names);
	else
		json_row(x->o, row, x->rows == 0);
	x->rows++;
	return export_flush(x, 65536);
}

/*
 * GET /api/v1/procedures/CODE/export.csv|.json[?status=S]: every sent
 * dossier of the procedure, oldest first.  200 with them; 404 for a
 * procedure not of the caller's department; 400 for a malformed status.
 * A failure once the 200 is out (the database, memory, the client) drops
 * the connection: the transfer is seen incomplete, never whole.
 */
enum gerr
page_export(struct req *r)
{
	struct client		 c;
	struct export		 x;
	const char		*p[4], *status = req_query(r, "status");
	const struct fdef	*def;
	PGresult		*res;
	json_t			*names;
	enum gerr		 e;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.code = r->args[0];
	x.csv = strstr(r->route, ".csv") != NULL;
	p[0] = r->args[0];
	p[1] = c.department_id;
	if ((res = db_query(r->pool, &q_procedure, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if ((def = def_load(r, PQgetvalue(res, 0, 0), PQgetvalue(res, 0,
	    1))) == NULL)
		return GERR_SYSTEM;
	if ((names = question_names(def)) == NULL ||
	    pool_defer(r->pool, names_free, names) == -1)
		return GERR_NOMEM;
	x.names = names;
	if (status != NULL && *status == '\0')
		status = NULL;
	if (status != NULL && strspn(status, "abcdefghijklmnopqrstuvwxyz_") !=
	    strlen(status))
		return GERR_INPUT;
	p[0] = PQgetvalue(res, 0, 0);
	p[1] = status;
	p[2] = c.id;
	p[3] = c.department_id;
	if (db_query(r->pool, &q_log, 4, p) == NULL)
		return db_last_error();
	if ((x.o = pool_calloc(r->pool, 1, sizeof(*x.o))) == NULL ||
	    pool_defer(r->pool, csvout_free, x.o) == -1)
		return GERR_NOMEM;
	e = db_stream(r->pool, status != NULL ? &q_export_status : &q_export,
	    status != NULL ? 2 : 1, p, export_row, &x);
	if (e == GERR_OK && !x.started)
		e = export_start(&x);
	if (e == GERR_OK && !x.csv)
		csvout_put(x.o, "\n]\n", 3);
	if (e == GERR_OK)
		e = export_flush(&x, 0);
	/* the transfer is seen incomplete, never whole (lib/resp.c) */
	if (e != GERR_OK && x.started) {
		log_warnx("export: %s cut short at row %ld, connection dropped",
		    x.code, x.rows);
		resp_abort(r);
	}
	return e;
}
