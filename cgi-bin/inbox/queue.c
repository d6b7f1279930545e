/*
 * The agent's queues over the dossiers of their departments: new (sent,
 * not yet acknowledged), mine, unassigned in processing, waiting for the
 * user, closed, or all; filtered by procedure, status, dates of
 * submission and assigned agent; searched by reference, national or BCE
 * number, name (accents and case aside) or address, and by decision
 * deadline (past, within 7 days, running; due by a day: docs/deadlines.md);
 * twenty a page with a keyset cursor, oldest or newest first, or the
 * soonest due first.  The statement is assembled from
 * declared pieces (db_sql), each value a parameter, so that PostgreSQL
 * plans each combination for its index.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "inbox.h"
#include "valid.h"
#include "when.h"

#define PAGE_ROWS	20
#define PAGE_FETCH	"21"	/* one more tells there is a next page */

/* The due date as a number for the cursor: none, last. */
#define DUE_KEY "coalesce(d.due_on - date '1970-01-01', 2147483647)"

/*
 * The page's rows are chosen from dossiers alone, then the names joined
 * to those twenty-one only.
 */
static const struct dbpiece q_head = DBPIECE(
    "SELECT d.id, d.reference, d.procedure_id, d.procedure_version,"
    "  d.status, d.submitted_at,"
    "  d.waiting_since IS NOT NULL,"
    "  coalesce(o.name, person_label(pe.given_names, pe.surname, pe.email),"
    "   ''),"
    "  coalesce(trim(ap.given_names || ' ' || ap.surname), ''),"
    "  (extract(epoch FROM d.submitted_at) * 1000000)::bigint,"
    "  d.due_on, coalesce(deadline_flag(d.due_on), ''), " DUE_KEY
    "  FROM (SELECT d.* FROM dossiers d"
    "   JOIN procedures p ON p.id = d.procedure_id"
    "  WHERE p.department_id = ANY($1::bigint[])"
    "   AND d.status NOT IN ('en_cours', 'complet')", 1);

static const char *const queues[] = { "new", "mine", "unassigned",
    "waiting", "closed", "all" };
static const struct dbpiece queue_conds[] = {
	DBPIECE(" AND d.status = 'soumis'", 0),
	/* mine: the agent's id */
	DBPIECE(" AND d.assigned_agent_id = $1::bigint"
	    " AND d.status <> 'cloture'", 1),
	DBPIECE(" AND d.status IN ('receptionne', 'en_traitement')"
	    " AND d.assigned_agent_id IS NULL", 0),
	DBPIECE(" AND d.waiting_since IS NOT NULL", 0),
	DBPIECE(" AND d.status = 'cloture'", 0),
	DBPIECE(" AND d.status NOT IN ('en_cours', 'complet')", 0),
};

/* a value, not a join: the queue index is then read in order */
static const struct dbpiece q_procedure = DBPIECE(
    " AND d.procedure_id = (SELECT id FROM procedures WHERE code = $1)", 1);
static const struct dbpiece q_status = DBPIECE(" AND d.status = $1", 1);
static const struct dbpiece q_from = DBPIECE(
    " AND d.submitted_at >= $1::date", 1);
static const struct dbpiece q_to = DBPIECE(
    " AND d.submitted_at < $1::date + 1", 1);
/* The decision deadline (sql/0049's deadline_flag, the pages' flags). */
static const char *const dues[] = { "past", "near", "running" };
static const struct dbpiece due_conds[] = {
	DBPIECE(" AND d.due_on < deadline_today()", 0),
	DBPIECE(" AND d.due_on BETWEEN deadline_today()"
	    " AND deadline_today() + 7", 0),
	DBPIECE(" AND d.due_on IS NOT NULL", 0),
};
static const struct dbpiece q_due_to = DBPIECE(
    " AND d.due_on <= $1::date", 1);
static const struct dbpiece q_assignee = DBPIECE(
    " AND d.assigned_agent_id = $1::bigint", 1);
static const struct dbpiece q_nrn = DBPIECE(
    " AND d.owner_person_id = (SELECT id FROM persons WHERE nrn = $1)", 1);
static const struct dbpiece q_bce = DBPIECE(
    " AND d.acting_org_id = (SELECT id FROM organisations WHERE bce = $1)",
    1);
static const struct dbpiece q_reference = DBPIECE(
    " AND d.reference = $1", 1);
/*
 * Search by name: the start of a surname, of "given names surname" or of
 * an organisation's name, accents and case aside (search_fold, sql/0030),
 * or of the address shown for a person known by it alone; with an "@",
 * the start of anyone's address.  A few: their dossiers fetched by owner;
 * many: the queue read in order, each dossier checked (name_search).
 * "Starts with" is a range of a text_pattern_ops index rather than a
 * LIKE: LIKE is checked again on every row the index gives, calling
 * search_fold() for each, where the range is exact (two to three times
 * faster for a name thousands of persons share: docs/benchmarks.md).
 */
#define STARTS(expr, p) \
    "(" expr " ~>=~ " p " AND " expr " ~<~ prefix_end(" p "))"
#define NAMED \
    STARTS("search_fold(surname)", "search_fold($1)") " OR " \
    STARTS("search_fold(given_names || ' ' || surname)", "search_fold($1)") \
    " OR (" STARTS("lower(email)", "lower($1)") \
    "  AND trim(given_names || ' ' || surname) = '')"
#define ADDRESSED STARTS("lower(email)", "lower($1)")
#define ORGS_NAMED STARTS("search_fold(name)", "search_fold($1)")
static const struct dbpiece q_name_few = DBPIECE(
    " AND (d.owner_person_id = ANY (ARRAY(SELECT id FROM persons"
    "  WHERE " NAMED "))"
    " OR d.acting_org_id = ANY (ARRAY(SELECT id FROM organisations"
    "  WHERE " ORGS_NAMED ")))", 1);
static const struct dbpiece q_name_many = DBPIECE(
    " AND (d.owner_person_id IN (SELECT id FROM persons WHERE " NAMED ")"
    " OR d.acting_org_id IN (SELECT id FROM organisations"
    "  WHERE " ORGS_NAMED "))", 1);
static const struct dbpiece q_address_few = DBPIECE(
    " AND d.owner_person_id = ANY (ARRAY(SELECT id FROM persons"
    "  WHERE " ADDRESSED "))", 1);
static const struct dbpiece q_address_many = DBPIECE(
    " AND d.owner_person_id IN (SELECT id FROM persons"
    "  WHERE " ADDRESSED ")", 1);

/*
 * The keyset cursor and the order: [0] newest first, [1] oldest first,
 * [2] the soonest due first (those without a running deadline last).
 */
#define AFTER(op) \
    " AND (d.submitted_at, d.id) " op " (timestamptz 'epoch'" \
    " + $1::bigint * interval '1 microsecond', $2::bigint)"
static const struct dbpiece q_after[3] = {
	DBPIECE(AFTER("<"), 2),
	DBPIECE(AFTER(">"), 2),
	DBPIECE(" AND (" DUE_KEY ", d.id) > ($1::integer, $2::bigint)", 2),
};
#define TAIL(dir) TAIL_BY("d.submitted_at " dir ", d.id " dir)
#define TAIL_BY(order) \
    " ORDER BY " order " LIMIT " PAGE_FETCH ") d" \
    "  JOIN persons pe ON pe.id = d.owner_person_id" \
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id" \
    "  LEFT JOIN agents ag ON ag.id = d.assigned_agent_id" \
    "  LEFT JOIN persons ap ON ap.id = ag.person_id" \
    " ORDER BY " order
static const struct dbpiece q_tail[3] = {
	DBPIECE(TAIL("DESC"), 0),
	DBPIECE(TAIL("ASC"), 0),
	DBPIECE(TAIL_BY(DUE_KEY ", d.id"), 0),
};

static const char *const statuses[] = { "soumis", "receptionne",
    "en_traitement", "cloture" };

static int
pick(const char *s, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return (int)i;
	return -1;
}

#define FEW_PERSONS(who) \
    "SELECT count(*) FROM (SELECT 1 FROM persons WHERE " who " LIMIT 1000) x"
static struct dbq q_name_count = DBQ(FEW_PERSONS(NAMED));
static struct dbq q_address_count = DBQ(FEW_PERSONS(ADDRESSED));

/*
 * A name or an address: the persons (and organisations) whose name or
 * address starts so, then their dossiers.  A rare one: its few dossiers
 * fetched by owner and sorted.  A common one (a thousand persons or
 * more): the queue read in order, each dossier checked, which finds a
 * page's worth at once.
 */
static void
name_search(struct req *r, struct dbsql *q, const char *start)
{
	const char	*p[1] = { start };
	int		 address = strchr(start, '@') != NULL;
	PGresult	*res;

	res = db_query(r->pool, address ? &q_address_count : &q_name_count,
	    1, p);
	if (res != NULL && atoi(PQgetvalue(res, 0, 0)) < 1000)
		db_sql_add(q, address ? &q_address_few : &q_name_few, start);
	else
		db_sql_add(q, address ? &q_address_many : &q_name_many, start);
}

/*
 * The search box: a reference, a national number (11 digits), a BCE
 * number (10 digits, dots and spaces allowed), the start of a name, or
 * of an address.
 */
static void
search(struct req *r, struct dbsql *q, const char *s)
{
	char		 digits[16], ref[48];
	size_t		 nd = 0, i;
	int		 only_digits = 1;

	for (i = 0; s[i] != '\0'; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (nd < sizeof(digits) - 1)
				digits[nd++] = s[i];
		} else if (strchr(" .-/", s[i]) == NULL)
			only_digits = 0;
	}
	digits[nd] = '\0';
	if (only_digits && nd == 11) {
		db_sql_add(q, &q_nrn, pool_strdup(r->pool, digits));
		return;
	}
	if (only_digits && nd == 10) {
		db_sql_add(q, &q_bce, pool_strdup(r->pool, digits));
		return;
	}
	for (i = 0; s[i] != '\0' && i < sizeof(ref) - 1; i++)
		ref[i] = (char)toupper((unsigned char)s[i]);
	ref[i] = '\0';
	if (valid_reference(ref)) {
		db_sql_add(q, &q_reference, pool_strdup(r->pool, ref));
		return;
	}
	name_search(r, q, s);
}

/* A filter's day as typed ("15/11/2026" or ISO), as ISO; NULL if none. */
static const char *
date_iso(struct req *r, const char *s)
{
	char	out[16];

	return s != NULL && valid_date(s, NULL, out, sizeof(out)) ?
	    pool_strdup(r->pool, out) : NULL;
}

static struct dbq q_procedures = DBQ(
    "SELECT p.code, p.id, p.current_version FROM procedures p"
    " WHERE p.department_id = ANY($1::bigint[])"
    "   AND p.current_version IS NOT NULL ORDER BY p.code");
static struct dbq q_agents = DBQ(
    "SELECT DISTINCT a.id, trim(pe.given_names || ' ' || pe.surname)"
    "  FROM agents a JOIN agent_departments ad ON ad.agent_id = a.id"
    "  JOIN persons pe ON pe.id = a.person_id"
    " WHERE ad.department_id = ANY($1::bigint[]) AND a.disabled_at IS NULL"
    " ORDER BY 2");
static const char *const agent_cols[] = { "id", "name" };

/* The filters' choices: the departments' procedures and agents. */
static enum gerr
filter_choices(struct req *r, const struct agent *a)
{
	const char	*p[1] = { a->depts }, *rp;
	PGresult	*res;
	int		 i;

	if ((res = db_query(r->pool, &q_procedures, 1, p)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++) {
		rp = pool_printf(r->pool, "Procedures.%d", i);
		hdf_put(r, rp, "code", PQgetvalue(res, i, 0));
		hdf_put(r, rp, "title", def_title(r, PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2)));
	}
	if ((res = db_query(r->pool, &q_agents, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Agents", res, agent_cols, nitems(agent_cols));
	for (i = 0; i < (int)nitems(statuses); i++)
		tmpl_set(r->hdf, pool_printf(r->pool, "Statuses.%d", i),
		    statuses[i]);
	return GERR_OK;
}

enum gerr
page_queue(struct req *r)
{
	const struct agent *a = r->agent;
	struct dbsql	 q;
	static const char *const sorts[] = { "newest", "oldest", "due" };	/* q_tail */
	const char	*s, *rp, *after_m = NULL, *after_id = NULL, *dot, *iso;
	int		 queue, order, i, rows;
	PGresult	*res;
	enum gerr	 e;

	db_sql_init(&q, r->pool);
	db_sql_add(&q, &q_head, a->depts);

	if ((queue = pick(req_query(r, "queue"), queues, nitems(queues))) < 0)
		queue = 0;
	if (queue == 1)
		db_sql_add(&q, &queue_conds[queue], a->id);
	else
		db_sql_put(&q, &queue_conds[queue]);
	hdf_put(r, "Queue", "name", queues[queue]);
	if (valid_code(s = req_query(r, "procedure"))) {
		db_sql_add(&q, &q_procedure, s);
		hdf_put(r, "Queue", "procedure", s);
	}
	if ((i = pick(req_query(r, "status"), statuses, nitems(statuses))) >= 0) {
		db_sql_add(&q, &q_status, statuses[i]);
		hdf_put(r, "Queue", "status", statuses[i]);
	}
	if ((iso = date_iso(r, s = req_query(r, "from"))) != NULL) {
		db_sql_add(&q, &q_from, iso);
		hdf_put(r, "Queue", "from", s);
	}
	if ((iso = date_iso(r, s = req_query(r, "to"))) != NULL) {
		db_sql_add(&q, &q_to, iso);
		hdf_put(r, "Queue", "to", s);
	}
	if ((i = pick(req_query(r, "due"), dues, nitems(dues))) >= 0) {
		db_sql_put(&q, &due_conds[i]);
		hdf_put(r, "Queue", "due", dues[i]);
	}
	if ((iso = date_iso(r, s = req_query(r, "due_to"))) != NULL) {
		db_sql_add(&q, &q_due_to, iso);
		hdf_put(r, "Queue", "due_to", s);
	}
	if (valid_id(s = req_query(r, "assignee"))) {
		db_sql_add(&q, &q_assignee, s);
		hdf_put(r, "Queue", "assignee", s);
	}
	if ((s = req_query(r, "q")) != NULL && *s != '\0' && strlen(s) <= 100 &&
	    valid_utf8(s, strlen(s))) {
		search(r, &q, s);
		hdf_put(r, "Queue", "q", s);
	}
	/* oldest first, as work is taken; closed ones newest first; or due */
	order = queue != 4;
	if ((s = req_query(r, "sort")) != NULL)
		order = strcmp(s, "due") == 0 ? 2 : strcmp(s, "newest") != 0;
	hdf_put(r, "Queue", "sort", sorts[order]);
	if ((s = req_query(r, "after")) != NULL && (dot = strchr(s, '.')) &&
	    valid_id(after_id = dot + 1) &&
	    valid_id(after_m = pool_strndup(r->pool, s, (size_t)(dot - s)))) {
		db_sql_add(&q, &q_after[order], after_m, after_id);
		hdf_put(r, "Queue", "paged", "1");
	}
	db_sql_put(&q, &q_tail[order]);

	if ((res = db_sql_query(r->pool, NULL, &q)) == NULL)
		return db_last_error();
	rows = PQntuples(res);
	for (i = 0; i < rows && i < PAGE_ROWS; i++) {
		rp = pool_printf(r->pool, "Dossiers.%d", i);
		hdf_put(r, rp, "id", PQgetvalue(res, i, 0));
		hdf_put(r, rp, "reference", PQgetvalue(res, i, 1));
		hdf_put(r, rp, "title", def_title(r, PQgetvalue(res, i, 2),
		    PQgetvalue(res, i, 3)));
		hdf_put(r, rp, "status", PQgetvalue(res, i, 4));
		hdf_put(r, rp, "submitted", when_cell(r->pool, res, i, 5));
		hdf_put(r, rp, "waiting", *PQgetvalue(res, i, 6) == 't' ? "1" : "0");
		hdf_put(r, rp, "applicant", PQgetvalue(res, i, 7));
		hdf_put(r, rp, "assignee", PQgetvalue(res, i, 8));
		hdf_put(r, rp, "due", when_cell(r->pool, res, i, 10));
		hdf_put(r, rp, "due_iso", PQgetvalue(res, i, 10));
		hdf_put(r, rp, "flag", PQgetvalue(res, i, 11));
	}
	if (rows > PAGE_ROWS)
		tmpl_setf(r->hdf, "Queue.next", "%s.%s",
		    PQgetvalue(res, PAGE_ROWS - 1, order == 2 ? 12 : 9),
		    PQgetvalue(res, PAGE_ROWS - 1, 0));
	tmpl_setf(r->hdf, "Queue.count", "%d", rows < PAGE_ROWS ? rows :
	    PAGE_ROWS);
	for (i = 0; i < (int)nitems(queues); i++)
		tmpl_set(r->hdf, pool_printf(r->pool, "Queues.%d", i),
		    queues[i]);
	if ((e = filter_choices(r, a)) != GERR_OK)
		return e;
	r->cache = "private, no-store";
	return resp_render(r, 200, "inbox/queue.cs");
}
