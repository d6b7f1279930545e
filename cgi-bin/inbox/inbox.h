/* guichet-inbox: the agents' back office. */
#ifndef GUICHET_INBOX_H
#define GUICHET_INBOX_H

#include "../forms/forms.h"

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

/* agent.c */
enum gerr	 agent_load(struct req *, struct agent *);
enum role	 agent_role(const struct agent *, const char *dept_id);

/* queue.c: the queues, filters and search */
enum gerr	 page_queue(struct req *);

/* work.c: working one dossier */
enum gerr	 page_work(struct req *);
enum gerr	 page_act(struct req *);
enum gerr	 page_work_file(struct req *);

/* decision.c: the decision letter, made and sealed */
enum gerr	 decision_letter(struct req *, const struct dossier *,
		    enum lang, const char *decision, const char *motivation,
		    char **pdf, size_t *len);

/* stats.c: the department's figures, for managers */
enum gerr	 page_stats(struct req *);

#endif
