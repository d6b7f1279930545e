/* A dossier's answers: taken as posted, checked once, and as submitted. */
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
void		 answers_take(struct req *, struct dossier *,
		    const struct fpage *, struct problems *);
size_t		 blocks_max(const struct ffield *);
void		 answers_take_item(struct req *, struct dossier *,
		    const struct fpage *, const struct ffield *group, size_t k,
		    struct problems *);
void		 answers_check_item(struct req *, struct dossier *,
		    const struct fpage *, const struct ffield *group, size_t k,
		    struct problems *);
/* A PDF field asked, its key in the files, and its block if in a group. */
typedef void	(*annex_fn)(void *, const struct ffield *, const char *key,
		    const struct ffield *group, size_t k);
void		 answers_page_files(struct req *, const struct dossier *,
		    const struct fpage *, annex_fn, void *);
const struct ffield *answers_file_field(const struct dossier *,
		    const struct fpage *, const char *key, const json_t **block);
void		 answers_check(struct req *, struct dossier *,
		    const struct fpage *, struct problems *);
json_t		*answers_submitted(const struct dossier *);

#endif
