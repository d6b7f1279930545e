/* The audit trail: logins, failed logins, logouts, role and mandate changes. */
#ifndef GUICHET_AUDIT_H
#define GUICHET_AUDIT_H

#include "gerr.h"
#include "pool.h"

enum gerr	audit(struct pool *, const char *action, const char *person_id,
		    const char *ip, const char *details_json);

#endif
