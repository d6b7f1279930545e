/* A dossier's answers: their checks, and what is submitted of them. */
#ifndef GUICHET_ANSWERS_H
#define GUICHET_ANSWERS_H

#include <jansson.h>

#include "dossier.h"

/* What is wrong with the answers: HTML field name -> language key. */
struct problems {
	json_t		*by_key;
	json_t		*by_page;	/* page id -> count */
	int		 count;
	json_t		*revealed;	/* keys shown for the first time */
};

extern const char *const address_parts[5];

void		 problems_init(struct problems *, struct req *);
void		 problem_add(struct problems *, const char *page,
		    const char *key, const char *errkey);
int		 answer_is_empty(const json_t *);
const char	*scalar_problem(struct req *, const json_t *f, const char *v,
		    const char **norm);
void		 answers_check(struct req *, const struct dossier *,
		    const json_t *page, struct problems *);
json_t		*answers_submitted(const struct dossier *);

#endif
