/* Appends to audit_log; the details are JSON built by the caller, no secrets. */
#include "audit.h"
#include "db.h"

static struct dbq q_audit = DBQ(
    "INSERT INTO audit_log (action, actor_person_id, ip, details)"
    " VALUES ($1, $2::bigint, $3::inet, $4::jsonb)");

enum gerr
audit(struct pool *p, const char *action, const char *person_id,
    const char *ip, const char *details)
{
	const char	*params[4] = { action, person_id, ip, details };

	return db_query(p, &q_audit, 4, params) ? GERR_OK : db_last_error();
}
