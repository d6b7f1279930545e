/*
 * The dossiers of a department's procedures for its business
 * applications: what changed since a cursor, one dossier whole (answers,
 * annexes, thread, history, documents), its files, and the two things an
 * application may do: move the status on and write to the user (or ask
 * for a complement), through the same SQL functions as the agents' inbox.
 * Every read of a dossier goes to the access log its user reads.  A
 * procedure or dossier of another department is a 404.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "conf.h"
#include "db.h"
#include "upload.h"
#include "valid.h"

#define CHANGES_MAX	500

static struct dbq q_scope = DBQ(
    "SELECT d.id FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE d.reference = $1 AND p.department_id = $2::bigint");

/* The id of a dossier of the client's department, or GERR_NOTFOUND. */
enum gerr
dossier_scope(struct req *r, const struct client *c, const char *ref,
    const char **id)
{
	const char	*p[2] = { ref, c->department_id };
	PGresult	*res;

	if (strlen(ref) > 40)
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_scope, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	*id = PQgetvalue(res, 0, 0);
	return GERR_OK;
}

/*
 * Changes settle for api.settle_seconds before they are listed: a
 * transaction stamps updated_at when it starts and is seen when it
 * commits, so a cursor must not run past rows still being written.
 */
static struct dbq q_changes = DBQ(
    "SELECT d.reference, d.status,"
    "  to_char(d.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    "  d.waiting_since IS NOT NULL,"
    "  (extract(epoch FROM d.updated_at) * 1000000)::bigint, d.id"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE p.code = $1 AND p.department_id = $2::bigint"
    "   AND d.reference IS NOT NULL"
    "   AND d.updated_at < now() - make_interval(secs => $6::float8)"
    "   AND (d.updated_at, d.id) > (timestamptz 'epoch'"
    "    + $3::bigint * interval '1 microsecond', $4::bigint)"
    " ORDER BY d.updated_at, d.id LIMIT $5::int");

static struct dbq q_procedure = DBQ(
    "SELECT 1 FROM procedures WHERE code = $1 AND department_id = $2::bigint");

/* GET /api/v1/procedures/CODE/dossiers?since=CURSOR&limit=N */
enum gerr
page_changes(struct req *r)
{
	struct client	 c;
	const char	*p[6], *since = req_query(r, "since"), *dot, *lim;
	PGresult	*res;
	json_t		*list, *out;
	enum gerr	 e;
	int		 i, rows, limit = 100;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	p[0] = r->args[0];
	p[1] = c.department_id;
	if ((res = db_query(r->pool, &q_procedure, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	p[2] = "0";
	p[3] = "0";
	if (since != NULL && *since != '\0') {
		if ((dot = strchr(since, '.')) == NULL ||
		    !valid_id(p[3] = dot + 1) ||
		    !valid_id(p[2] = pool_strndup(r->pool, since,
		    (size_t)(dot - since))))
			return GERR_INPUT;
	}
	if ((lim = req_query(r, "limit")) != NULL) {
		if (!valid_id(lim) || (limit = atoi(lim)) > CHANGES_MAX)
			return GERR_INPUT;
	}
	p[4] = pool_printf(r->pool, "%d", limit);
	p[5] = pool_printf(r->pool, "%d", conf_int("api.settle_seconds"));
	if ((res = db_query(r->pool, &q_changes, 6, p)) == NULL)
		return db_last_error();
	rows = PQntuples(res);
	list = json_array();
	for (i = 0; i < rows; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b,"
		    " s:s}", "reference", PQgetvalue(res, i, 0),
		    "status", PQgetvalue(res, i, 1),
		    "submitted_at", PQgetvalue(res, i, 2),
		    "updated_at", PQgetvalue(res, i, 3),
		    "waiting_for_user", *PQgetvalue(res, i, 4) == 't',
		    "href", pool_printf(r->pool, "/api/v1/dossiers/%s",
		    PQgetvalue(res, i, 0))));
	out = json_pack("{s:o, s:s, s:b}", "dossiers", list,
	    "next", rows > 0 ? pool_printf(r->pool, "%s.%s",
	    PQgetvalue(res, rows - 1, 5), PQgetvalue(res, rows - 1, 6)) :
	    (since != NULL ? since : ""), "more", rows == limit);
	return json_send(r, 200, out);
}

static struct dbq q_dossier = DBQ(
    "SELECT d.reference, p.code, d.procedure_version, d.status,"
    "  to_char(d.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  to_char(d.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  to_char(d.waiting_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  pe.nrn, pe.given_names, pe.surname, pe.email, o.bce, o.name,"
    "  d.data::text, encode(d.receipt_digest, 'hex'),"
    "  d.owner_person_id, d.acting_org_id"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    " WHERE d.id = $1::bigint");

static struct dbq q_annexes = DBQ(
    "SELECT id, coalesce(field, ''), filename, size, encode(sha256, 'hex'),"
    "  coalesce(message_id::text, '')"
    "  FROM attachments WHERE dossier_id = $1::bigint ORDER BY id");

static struct dbq q_messages = DBQ(
    "SELECT m.id, m.kind,"
    "  CASE WHEN m.author_person_id IS NOT NULL THEN 'user'"
    "   WHEN m.author_agent_id IS NOT NULL THEN 'agent' ELSE 'application' END,"
    "  m.body,"
    "  to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    "  FROM messages m WHERE m.dossier_id = $1::bigint ORDER BY m.id");

static struct dbq q_events = DBQ(
    "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  kind, coalesce(from_status, ''), coalesce(to_status, ''),"
    "  coalesce(reason, '')"
    "  FROM dossier_events WHERE dossier_id = $1::bigint ORDER BY at, id");

/* The decision deadline: its rule, due date and clock (docs/deadlines.md). */
static struct dbq q_deadline = DBQ(
    "SELECT v.decision_deadline::text, d.due_on::text,"
    "  d.waiting_since IS NOT NULL"
    "  FROM dossiers d JOIN procedure_versions v"
    "    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version"
    " WHERE d.id = $1::bigint AND v.decision_deadline IS NOT NULL");
static struct dbq q_clock = DBQ(
    "SELECT kind,"
    "  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  day::text, reason"
    "  FROM dossier_clock WHERE dossier_id = $1::bigint ORDER BY id");

static json_t	*str_or_null(const PGresult *, int, int);

/* "deadline": null, or the rule with the due date and the clock's log. */
static json_t *
deadline_json(struct req *r, const char *id)
{
	const char	*p[1] = { id };
	PGresult	*res;
	json_t		*o, *a;
	int		 i;

	if ((res = db_query(r->pool, &q_deadline, 1, p)) == NULL)
		return NULL;
	if (PQntuples(res) == 0)
		return json_null();
	if ((o = json_loads(PQgetvalue(res, 0, 0), 0, NULL)) == NULL)
		return NULL;
	json_object_set_new(o, "due", str_or_null(res, 0, 1));
	json_object_set_new(o, "paused", json_boolean(*PQgetvalue(res, 0, 2) ==
	    't'));
	if ((res = db_query(r->pool, &q_clock, 1, p)) == NULL) {
		json_decref(o);
		return NULL;
	}
	a = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}",
		    "kind", PQgetvalue(res, i, 0), "at", PQgetvalue(res, i, 1),
		    "day", PQgetvalue(res, i, 2),
		    "reason", PQgetvalue(res, i, 3)));
	json_object_set_new(o, "clock", a);
	return o;
}

static struct dbq q_documents = DBQ(
    "SELECT id, kind, title, filename, size, encode(sha256, 'hex'),"
    "  to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  substr(verify_code, 1, 4) || '-' || substr(verify_code, 5, 4) || '-'"
    "   || substr(verify_code, 9),"
    "  to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    "  FROM documents WHERE dossier_id = $1::bigint ORDER BY id");

static struct dbq q_access = DBQ(
    "INSERT INTO access_log (person_id, organisation_id, dossier_id,"
    "  api_client_id, department_id, purpose)"
    " VALUES ($1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6)");

/* The read, for the citizen's "Mes données". */
static enum gerr
log_read(struct req *r, const struct client *c, const char *id,
    const PGresult *res, int owner_col)
{
	const char	*p[6];

	p[0] = PQgetvalue(res, 0, owner_col);
	p[1] = PQgetisnull(res, 0, owner_col + 1) ? NULL :
	    PQgetvalue(res, 0, owner_col + 1);
	p[2] = id;
	p[3] = c->id;
	p[4] = c->department_id;
	p[5] = "api_read";
	return db_query(r->pool, &q_access, 6, p) ? GERR_OK : db_last_error();
}

static json_t *
str_or_null(const PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? json_null() :
	    json_string(PQgetvalue(res, row, col));
}

static json_t *
dossier_json(struct req *r, const char *ref, const char *id,
    const PGresult *d)
{
	const char	*p[1] = { id };
	PGresult	*res;
	json_t		*o, *a, *answers;
	int		 i;

	answers = json_loads(PQgetvalue(d, 0, 14), 0, NULL);
	o = json_pack("{s:s, s:{s:s, s:i}, s:s, s:o, s:o, s:o, s:o,"
	    " s:{s:s, s:s, s:s, s:o}, s:o, s:o, s:o}",
	    "reference", ref,
	    "procedure", "code", PQgetvalue(d, 0, 1), "version",
	    atoi(PQgetvalue(d, 0, 2)),
	    "status", PQgetvalue(d, 0, 3),
	    "submitted_at", str_or_null(d, 0, 4),
	    "updated_at", str_or_null(d, 0, 5),
	    "closed_at", str_or_null(d, 0, 6),
	    "waiting_since", str_or_null(d, 0, 7),
	    "applicant", "nrn", PQgetvalue(d, 0, 8),
	    "given_names", PQgetvalue(d, 0, 9),
	    "surname", PQgetvalue(d, 0, 10),
	    "email", str_or_null(d, 0, 11),
	    "organisation", PQgetisnull(d, 0, 12) ? json_null() :
	    json_pack("{s:s, s:s}", "bce", PQgetvalue(d, 0, 12), "name",
	    PQgetvalue(d, 0, 13)),
	    "answers", answers != NULL ? answers : json_object(),
	    "receipt_digest", str_or_null(d, 0, 15));
	if (o == NULL)
		return NULL;
	if ((res = db_query(r->pool, &q_annexes, 1, p)) == NULL)
		goto fail;
	a = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:s, s:I,"
		    " s:s, s:s}", "id", (json_int_t)atoll(PQgetvalue(res, i, 0)),
		    "field", *PQgetvalue(res, i, 1) ? json_string(
		    PQgetvalue(res, i, 1)) : json_null(),
		    "message", *PQgetvalue(res, i, 5) ? json_integer(
		    atoll(PQgetvalue(res, i, 5))) : json_null(),
		    "filename", PQgetvalue(res, i, 2),
		    "size", (json_int_t)atoll(PQgetvalue(res, i, 3)),
		    "sha256", PQgetvalue(res, i, 4),
		    "href", pool_printf(r->pool, "/api/v1/dossiers/%s/files/%s",
		    ref, PQgetvalue(res, i, 0))));
	json_object_set_new(o, "files", a);
	if ((res = db_query(r->pool, &q_messages, 1, p)) == NULL)
		goto fail;
	a = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}",
		    "id", (json_int_t)atoll(PQgetvalue(res, i, 0)),
		    "kind", PQgetvalue(res, i, 1), "from", PQgetvalue(res, i, 2),
		    "body", PQgetvalue(res, i, 3),
		    "created_at", PQgetvalue(res, i, 4)));
	json_object_set_new(o, "messages", a);
	if ((res = db_query(r->pool, &q_events, 1, p)) == NULL)
		goto fail;
	a = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "at", PQgetvalue(res, i, 0), "kind", PQgetvalue(res, i, 1),
		    "from", PQgetvalue(res, i, 2), "to", PQgetvalue(res, i, 3),
		    "reason", PQgetvalue(res, i, 4)));
	json_object_set_new(o, "events", a);
	if ((a = deadline_json(r, id)) == NULL)
		goto fail;
	json_object_set_new(o, "deadline", a);
	if ((res = db_query(r->pool, &q_documents, 1, p)) == NULL)
		goto fail;
	a = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:I,"
		    " s:s, s:s, s:s?, s:s?}",
		    "id", (json_int_t)atoll(PQgetvalue(res, i, 0)),
		    "kind", PQgetvalue(res, i, 1), "title", PQgetvalue(res, i, 2),
		    "filename", PQgetvalue(res, i, 3),
		    "size", (json_int_t)atoll(PQgetvalue(res, i, 4)),
		    "sha256", PQgetvalue(res, i, 5),
		    "issued_at", PQgetvalue(res, i, 6),
		    "verify_code", PQgetisnull(res, i, 7) ? NULL :
		    PQgetvalue(res, i, 7),
		    "revoked_at", PQgetisnull(res, i, 8) ? NULL :
		    PQgetvalue(res, i, 8)));
	json_object_set_new(o, "documents", a);
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* GET /api/v1/dossiers/REF: the whole dossier; logged for its user. */
enum gerr
page_dossier(struct req *r)
{
	struct client	 c;
	const char	*id, *p[1];
	PGresult	*d;
	json_t		*o;
	enum gerr	 e;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	if ((e = dossier_scope(r, &c, r->args[0], &id)) != GERR_OK)
		return e;
	p[0] = id;
	if ((d = db_query(r->pool, &q_dossier, 1, p)) == NULL)
		return db_last_error();
	if ((e = log_read(r, &c, id, d, 16)) != GERR_OK)
		return e;
	if ((o = dossier_json(r, r->args[0], id, d)) == NULL)
		return db_last_error() != GERR_OK ? db_last_error() : GERR_NOMEM;
	return json_send(r, 200, o);
}

static struct dbq q_file = DBQ(
    "SELECT a.filename, a.content, d.owner_person_id, d.acting_org_id"
    "  FROM attachments a JOIN dossiers d ON d.id = a.dossier_id"
    " WHERE a.id = $2::bigint AND a.dossier_id = $1::bigint");

/* GET /api/v1/dossiers/REF/files/ID: an annex or attachment; logged. */
enum gerr
page_file(struct req *r)
{
	struct client	 c;
	const char	*id, *p[2];
	PGresult	*res;
	enum gerr	 e;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	if ((e = dossier_scope(r, &c, r->args[0], &id)) != GERR_OK)
		return e;
	p[0] = id;
	p[1] = r->args[1];
	if ((res = db_query(r->pool, &q_file, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if ((e = log_read(r, &c, id, res, 2)) != GERR_OK)
		return e;
	return resp_download(r, "application/pdf", PQgetvalue(res, 0, 0),
	    PQgetvalue(res, 0, 1));
}

static enum gerr
conflict(struct req *r, const char *why)
{
	return json_send(r, 409, json_pack("{s:s, s:s}", "error", "conflict",
	    "message", why));
}

static enum gerr
bad_request(struct req *r, const char *why)
{
	return json_send(r, 400, json_pack("{s:s, s:s}", "error",
	    "bad_request", "message", why));
}

/*
 * What both POSTs begin with: the caller, their dossier of that
 * reference, the JSON object sent.  GERR_OK with *b NULL: the body was
 * not a JSON object, and the 400 is sent already.
 */
static enum gerr
post_begin(struct req *r, struct client *c, const char **id, json_t **b)
{
	enum gerr	e;

	*b = NULL;
	if ((e = client_load(r, c)) != GERR_OK)
		return e;
	if ((e = dossier_scope(r, c, r->args[0], id)) != GERR_OK)
		return e;
	if ((*b = json_body(r)) == NULL)
		return bad_request(r, "the body must be a JSON object");
	return GERR_OK;
}

/* A refusal of the SQL functions as a 409 saying why; anything else as is. */
static enum gerr
refused(struct req *r, const char *why)
{
	enum gerr	e = db_last_error();

	return e == GERR_CONFLICT ? conflict(r, why) : e;
}

static struct dbq q_status = DBQ(
    "SELECT dossier_set_status($1::bigint, $2, NULL, $3::bigint, $4)");

static const char *const statuses[] = { "receptionne", "en_traitement",
    "cloture" };

/* POST /api/v1/dossiers/REF/status {"status": ..., "reason": ...} */
enum gerr
page_status(struct req *r)
{
	struct client	 c;
	const char	*id, *p[4], *to, *reason;
	json_t		*b;
	enum gerr	 e;
	size_t		 i;

	if ((e = post_begin(r, &c, &id, &b)) != GERR_OK || b == NULL)
		return e;
	to = json_str(b, "status");
	reason = json_str(b, "reason");
	for (i = 0; to != NULL && i < nitems(statuses); i++)
		if (strcmp(to, statuses[i]) == 0)
			break;
	if (to == NULL || i == nitems(statuses))
		return bad_request(r, "status: receptionne, en_traitement "
		    "or cloture");
	if (reason != NULL && (strlen(reason) > 2000 ||
	    !valid_utf8(reason, strlen(reason))))
		return bad_request(r, "reason: at most 2000 bytes of UTF-8");
	p[0] = id;
	p[1] = to;
	p[2] = c.id;
	p[3] = reason;
	if (db_query(r->pool, &q_status, 4, p) == NULL)
		return refused(r, "the dossier cannot take this status now");
	return json_send(r, 200, json_pack("{s:s, s:s}", "reference",
	    r->args[0], "status", to));
}

static struct dbq q_message = DBQ(
    "SELECT dossier_message($1::bigint, NULL, NULL, $2::bigint, $3,"
    "  $4::boolean, NULL, NULL)");

/* POST /api/v1/dossiers/REF/messages {"body": ..., "complement": bool} */
enum gerr
page_message(struct req *r)
{
	struct client	 c;
	const char	*id, *p[4], *body;
	json_t		*b, *cpl;
	PGresult	*res;
	enum gerr	 e;

	if ((e = post_begin(r, &c, &id, &b)) != GERR_OK || b == NULL)
		return e;
	body = json_str(b, "body");
	cpl = json_object_get(b, "complement");
	if (body == NULL || *body == '\0' || !valid_utf8(body, strlen(body)) ||
	    valid_utf8_chars(body, strlen(body)) > 5000)
		return bad_request(r, "body: 1 to 5000 characters");
	if (cpl != NULL && !json_is_boolean(cpl))
		return bad_request(r, "complement: true or false");
	p[0] = id;
	p[1] = c.id;
	p[2] = body;
	p[3] = json_is_true(cpl) ? "true" : "false";
	if ((res = db_query(r->pool, &q_message, 4, p)) == NULL)
		return refused(r, "the dossier takes no such message now");
	return json_send(r, 201, json_pack("{s:I}", "id",
	    (json_int_t)atoll(PQgetvalue(res, 0, 0))));
}
