/*
 * "Mes dossiers": the dossiers sent by the user (or, acting for an
 * organisation, the organisation's), newest change first, filtered by
 * status and procedure, archived ones apart, twenty a page with a keyset
 * cursor both ways (older, newer); and "Mes documents", every official
 * document received.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "dossiers.h"
#include "upload.h"
#include "valid.h"
#include "when.h"

#define PAGE_ROWS	20

/*
 * One statement for a person, one for an organisation: each follows its
 * own index (dossiers_person_idx, dossiers_org_idx) in order, so a page
 * reads twenty-one rows whatever the number of dossiers.  Which of those
 * rows the caller sees is the row-level-security policy's decision
 * (lib/dossier.c): the statements only say where to look.  One variant per
 * combination of filters, assembled from declared pieces (db_sql) and
 * prepared on first use: a statement with "($3 IS NULL OR ...)" has a
 * generic plan the planner rightly finds worse than one for the values,
 * so PostgreSQL planned it again on every page (with the policies'
 * functions inlined anew), which cost more than running it.
 */
#define LIST_SELECT \
    "SELECT d.id, d.reference, d.procedure_id, d.procedure_version, p.code," \
    "  d.status, d.updated_at," \
    "  d.waiting_since IS NOT NULL," \
    "  (extract(epoch FROM d.updated_at) * 1000000)::bigint," \
    "  EXISTS (SELECT 1 FROM messages m WHERE m.dossier_id = d.id" \
    "   AND m.author_person_id IS NULL AND m.read_at IS NULL)," \
    "  d.due_on" \
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"

enum { LIST_STATUS = 1, LIST_CODE = 2, LIST_AFTER = 4, LIST_BEFORE = 8,
    LIST_VARIANTS = 16 };

static struct dbq	q_lists[2][LIST_VARIANTS];

/* [0] a person's own dossiers, [1] an organisation's */
static const struct dbpiece q_list_whose[2] = {
	DBPIECE(LIST_SELECT " WHERE d.owner_person_id = $1::bigint"
	    " AND d.reference IS NOT NULL AND d.archived = $2::boolean", 2),
	DBPIECE(LIST_SELECT " WHERE d.acting_org_id = $1::bigint"
	    " AND d.reference IS NOT NULL AND d.archived = $2::boolean", 2),
};
static const struct dbpiece q_list_status = DBPIECE(" AND d.status = $1", 1);
static const struct dbpiece q_list_code = DBPIECE(" AND p.code = $1", 1);
static const struct dbpiece q_list_after = DBPIECE(
    " AND (d.updated_at, d.id) < (timestamptz 'epoch'"
    " + $1::bigint * interval '1 microsecond', $2::bigint)", 2);
static const struct dbpiece q_list_order = DBPIECE(
    " ORDER BY d.updated_at DESC, d.id DESC LIMIT 21", 0);
/* newer than a cursor: the twenty-one nearest, read upwards */
static const struct dbpiece q_list_before = DBPIECE(
    " AND (d.updated_at, d.id) > (timestamptz 'epoch'"
    " + $1::bigint * interval '1 microsecond', $2::bigint)", 2);
static const struct dbpiece q_list_order_up = DBPIECE(
    " ORDER BY d.updated_at, d.id LIMIT 21", 0);

/* The procedures the user has dossiers of, for the filter. */
static struct dbq q_procs_person = DBQ(
    "SELECT DISTINCT ON (p.code) p.code, d.procedure_id, d.procedure_version"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE d.owner_person_id = $1::bigint"
    "   AND d.reference IS NOT NULL ORDER BY p.code, d.procedure_version DESC");
static struct dbq q_procs_org = DBQ(
    "SELECT DISTINCT ON (p.code) p.code, d.procedure_id, d.procedure_version"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE d.acting_org_id = $1::bigint"
    "   AND d.reference IS NOT NULL ORDER BY p.code, d.procedure_version DESC");

static const char *const statuses[] = { "soumis", "receptionne",
    "en_traitement", "cloture" };

static const char *
status_param(struct req *r)
{
	const char	*s = req_query(r, "status");
	size_t		 i;

	for (i = 0; s != NULL && i < nitems(statuses); i++)
		if (strcmp(s, statuses[i]) == 0)
			return s;
	return NULL;
}

static const char *
code_param(struct req *r)
{
	const char	*s = req_query(r, "procedure");

	return valid_code(s) ? s : NULL;
}

/* "after=MICROS.ID" (or "before="): where the page next to it ended. */
static int
cursor_param(struct req *r, const char *name, const char **micros,
    const char **id)
{
	const char	*s = req_query(r, name), *dot;

	*micros = *id = NULL;
	if (s == NULL || (dot = strchr(s, '.')) == NULL)
		return 0;
	*micros = pool_strndup(r->pool, s, (size_t)(dot - s));
	*id = dot + 1;
	if (!valid_id(*micros) || !valid_id(*id)) {
		*micros = *id = NULL;
		return 0;
	}
	return 1;
}

/*
 * The page's statement: whose, the filters, and the cursor's side
 * (LIST_AFTER: older than it, LIST_BEFORE: newer, read upwards).
 */
static PGresult *
list_query(struct req *r, int archived, const char *status, const char *code,
    int side, const char *micros, const char *id)
{
	const struct session	*s = r->session;
	const char		*org = s->acting_org_id;
	struct dbsql		 q;
	int			 filters = side;

	db_sql_init(&q, r->pool);
	db_sql_add(&q, &q_list_whose[org != NULL], org != NULL ? org :
	    s->person_id, archived ? "true" : "false");
	if (status != NULL) {
		db_sql_add(&q, &q_list_status, status);
		filters |= LIST_STATUS;
	}
	if (code != NULL) {
		db_sql_add(&q, &q_list_code, code);
		filters |= LIST_CODE;
	}
	if (side != 0)
		db_sql_add(&q, side == LIST_AFTER ? &q_list_after :
		    &q_list_before, micros, id);
	db_sql_put(&q, side == LIST_BEFORE ? &q_list_order_up :
	    &q_list_order);
	return db_sql_query(r->pool, &q_lists[org != NULL][filters], &q);
}

static void
list_row(struct req *r, HDF *row, const PGresult *res, int i)
{
	tmpl_set(row, "reference", PQgetvalue(res, i, 1));
	tmpl_set(row, "title", def_title(r, PQgetvalue(res, i, 2),
	    PQgetvalue(res, i, 3)));
	tmpl_set(row, "status", PQgetvalue(res, i, 5));
	tmpl_set(row, "updated", when_cell(r->pool, res, i, 6));
	tmpl_set(row, "waiting", *PQgetvalue(res, i, 7) == 't' ? "1" : "0");
	tmpl_set(row, "unread", *PQgetvalue(res, i, 9) == 't' ? "1" : "0");
	/* the decision deadline's date, as every page gives it (sql/0049) */
	if (!PQgetisnull(res, i, 10))
		tmpl_set(row, "due", when_cell(r->pool, res, i, 10));
}

static const char *
row_cursor(struct req *r, const PGresult *res, int i)
{
	return pool_printf(r->pool, "%s.%s", PQgetvalue(res, i, 8),
	    PQgetvalue(res, i, 0));
}

/*
 * 200 with twenty dossiers, newest change first, and the links to the
 * pages older (List.next) and newer (List.newer) when there are.  A page
 * reached going back that would show fewer than twenty is the first page.
 */
enum gerr
page_list(struct req *r)
{
	const struct session	*s = r->session;
	const char		*p[1], *rp, *status, *code, *micros, *id;
	const char		*org;
	PGresult		*res;
	HDF			*row;
	int			 i, k, rows, shown, side = 0, archived;

	org = s->acting_org_id;
	archived = req_query(r, "archived") != NULL &&
	    strcmp(req_query(r, "archived"), "1") == 0;
	status = status_param(r);
	code = code_param(r);
	if (cursor_param(r, "after", &micros, &id))
		side = LIST_AFTER;
	else if (cursor_param(r, "before", &micros, &id))
		side = LIST_BEFORE;
	if ((res = list_query(r, archived, status, code, side, micros,
	    id)) == NULL)
		return db_last_error();
	if (side == LIST_BEFORE && PQntuples(res) <= PAGE_ROWS) {
		/* nothing newer beyond these: the first page */
		side = 0;
		if ((res = list_query(r, archived, status, code, 0, NULL,
		    NULL)) == NULL)
			return db_last_error();
	}
	rows = PQntuples(res);
	shown = rows < PAGE_ROWS ? rows : PAGE_ROWS;
	for (i = 0; i < shown; i++) {
		/* read upwards, shown newest first */
		k = side == LIST_BEFORE ? shown - 1 - i : i;
		if ((row = tmpl_node(r->hdf, pool_printf(r->pool, "Dossiers.%d",
		    i))) == NULL)
			return GERR_NOMEM;
		list_row(r, row, res, k);
	}
	if (shown > 0 && (side == LIST_BEFORE || rows > PAGE_ROWS))
		tmpl_set(r->hdf, "List.next", row_cursor(r, res,
		    side == LIST_BEFORE ? 0 : shown - 1));
	if (shown > 0 && side != 0)
		tmpl_set(r->hdf, "List.newer", row_cursor(r, res,
		    side == LIST_BEFORE ? shown - 1 : 0));
	tmpl_setf(r->hdf, "List.count", "%d", shown);
	tmpl_set(r->hdf, "List.archived", archived ? "1" : "0");
	tmpl_set(r->hdf, "List.status", status != NULL ? status : "");
	tmpl_set(r->hdf, "List.procedure", code != NULL ? code : "");
	tmpl_set(r->hdf, "List.paged", side != 0 ? "1" : "0");
	for (i = 0; i < (int)nitems(statuses); i++)
		tmpl_set(r->hdf, pool_printf(r->pool, "Statuses.%d", i),
		    statuses[i]);
	/*
	 * The filter's procedures change only when a dossier is sent: kept
	 * ten seconds by the worker, one query fewer per page.
	 */
	p[0] = org != NULL ? org : s->person_id;
	if ((res = db_query_cached(r->pool, org != NULL ? &q_procs_org :
	    &q_procs_person, 1, p, 10)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++) {
		rp = pool_printf(r->pool, "Procedures.%d", i);
		hdf_put(r, rp, "code", PQgetvalue(res, i, 0));
		hdf_put(r, rp, "title", def_title(r, PQgetvalue(res, i, 1),
		    PQgetvalue(res, i, 2)));
	}
	if (mail_call_hdf(r, NULL) != GERR_OK)
		return db_last_error();
	r->cache = "private, no-store";
	return resp_render(r, 200, "dossiers/list.cs");
}

/* The vault: documents addressed to the person, or to the organisation. */
static struct dbq q_documents = DBQ(
    "SELECT doc.id, doc.title, doc.kind, doc.filename,"
    "  ceil(doc.size / 1024.0)::bigint, doc.issued_at::date,"
    "  coalesce(dep.names->>$3, dep.names->>'fr', ''), coalesce(d.reference, ''),"
    "  coalesce(substr(doc.verify_code, 1, 4) || '-' ||"
    "   substr(doc.verify_code, 5, 4) || '-' || substr(doc.verify_code, 9), ''),"
    "  doc.revoked_at, coalesce(doc.revoked_reason, '')"
    "  FROM documents doc"
    "  LEFT JOIN departments dep ON dep.id = doc.issuer_department_id"
    "  LEFT JOIN dossiers d ON d.id = doc.dossier_id"
    " WHERE (doc.person_id = $1::bigint OR doc.organisation_id = $2::bigint)"
    " ORDER BY doc.issued_at DESC, doc.id DESC");

static const char *const document_cols[] = { "id", "title", "kind",
    "filename", "kb", "issued", "issuer", "reference", "code", "revoked",
    "revoked_reason" };

enum gerr
page_documents(struct req *r)
{
	const char	*p[3];
	PGresult	*res;

	dossier_scope_params(r, &p[0], &p[1]);
	p[2] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_documents, 3, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Documents", res, document_cols, nitems(document_cols));
	r->cache = "private, no-store";
	return resp_render(r, 200, "dossiers/documents.cs");
}

static struct dbq q_document_file = DBQ(
    "SELECT doc.filename, doc.content FROM documents doc"
    " WHERE doc.id = $1::bigint");

/* A document of the vault, as a download; 404 if it is not the caller's. */
enum gerr
page_document_file(struct req *r)
{
	const char	*p[1] = { r->args[0] };

	/* the policy on documents says whose it is (lib/dossier.c) */
	return resp_download_row(r, db_query(r->pool, &q_document_file, 1, p));
}
