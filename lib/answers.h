/* A dossier's answers: taken as posted, checked once, and as submitted. */
#ifndef GUICHET_ANSWERS_H
#define GUICHET_ANSWERS_H

#include <jansson.h>

#include "dossier.h"

/* Blocks of one group at most: more are not taken. */
#define BLOCKS_MAX	50

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
void		 answers_take(struct req *, struct dossier *,
		    const struct fpage *);
void		 answers_check(struct req *, struct dossier *,
		    const struct fpage *, struct problems *);
json_t		*answers_submitted(const struct dossier *);
enum gerr	 answers_save(struct req *, struct dossier *);

#endif
