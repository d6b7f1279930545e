/*
 * A dossier's decision deadline, read from what the clock's log left on
 * the dossier (sql/0049): one statement for every page that shows it.
 */
#include <string.h>

#include "db.h"
#include "deadline.h"
#include "summary.h"
#include "when.h"

static struct dbq q_deadline = DBQ(
    "SELECT d.due_on, v.decision_deadline->>'silence',"
    "  v.decision_deadline->'basis'->>$2, v.decision_deadline->>'count',"
    "  v.decision_deadline->>'days', coalesce(deadline_flag(d.due_on), ''),"
    "  d.waiting_since IS NOT NULL, d.status = 'cloture'"
    "  FROM dossiers d JOIN procedure_versions v"
    "    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version"
    " WHERE d.id = $1::bigint AND v.decision_deadline IS NOT NULL");

enum gerr
deadline_load(struct pool *p, const char *dossier_id, enum lang l,
    struct deadline *dl)
{
	const char	*v[2];
	PGresult	*res;

	memset(dl, 0, sizeof(*dl));
	v[0] = dossier_id;
	v[1] = lang_codes[l];
	if ((res = db_query(p, &q_deadline, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;
	dl->has = 1;
	if (!PQgetisnull(res, 0, 0)) {
		dl->due = db_value(res, 0, 0);
		dl->due_shown = when_cell(p, res, 0, 0);
	}
	dl->silence = db_value(res, 0, 1);
	dl->basis = db_value(res, 0, 2);
	dl->count = db_value(res, 0, 3);
	dl->days = db_value(res, 0, 4);
	dl->flag = db_value(res, 0, 5);
	dl->paused = *db_value(res, 0, 6) == 't';
	dl->closed = *db_value(res, 0, 7) == 't';
	return GERR_OK;
}

void
deadline_hdf(struct req *r, const struct deadline *dl)
{
	if (!dl->has)
		return;
	hdf_put(r, "Deadline", "silence", dl->silence);
	hdf_put(r, "Deadline", "basis", dl->basis != NULL ? dl->basis : "");
	hdf_put(r, "Deadline", "count", dl->count);
	hdf_put(r, "Deadline", "days", dl->days);
	hdf_put(r, "Deadline", "flag", dl->flag);
	hdf_put(r, "Deadline", "paused", dl->paused ? "1" : "0");
	hdf_put(r, "Deadline", "closed", dl->closed ? "1" : "0");
	if (dl->due != NULL) {
		hdf_put(r, "Deadline", "due", dl->due);
		hdf_put(r, "Deadline", "due_shown", dl->due_shown);
	}
}
