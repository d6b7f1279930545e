/* Agents of the back office: the departments they work for, with a role. */
#ifndef GUICHET_AGENT_H
#define GUICHET_AGENT_H

#include "gerr.h"

struct req;

enum role { ROLE_NONE, ROLE_READER, ROLE_PROCESSOR, ROLE_MANAGER };

#define AGENT_DEPTS_MAX	16

/* The logged-in agent and the departments they work for, with a role. */
struct agent {
	const char	*id;
	const char	*depts;		/* "{1,4}": for "= ANY($n::bigint[])" */
	size_t		 n;
	struct {
		const char	*id;
		const char	*code;
		const char	*name;
		enum role	 role;
	} dept[AGENT_DEPTS_MAX];
};

enum gerr	 agent_load(struct req *, struct agent *);
enum role	 agent_role(const struct agent *, const char *dept_id);

#endif
