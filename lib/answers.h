/* A dossier's answers: taken as posted, checked once, and as submitted. */
#ifndef GUICHET_ANSWERS_H
#define GUICHET_ANSWERS_H

#include <jansson.h>

#include "dossier.h"

/*
 * What is wrong with the answers: HTML field name -> language key, and
 * the message in words where it says more than its key (the limit
 * passed, a rule's own message).
 */
struct problems {
	json_t		*by_key;
	json_t		*text;		/* key -> message, when not the key's */
	json_t		*labels;	/* key -> the field's name, as the page
					   drawing the problems calls it */
	json_t		*by_page;	/* page id -> count */
	int		 count;
	json_t		*revealed;	/* keys shown for the first time */
};

extern const char *const address_parts[5];

void		 problems_init(struct problems *, struct req *);
void		 problem_add(struct problems *, const char *page,
		    const char *key, const char *errkey);
void		 problem_add_text(struct problems *, const char *page,
		    const char *key, const char *errkey, const char *text);
void		 problem_add_limit(struct req *, struct problems *,
		    const char *page, const char *key, const char *errkey,
		    const char *limit);
const char	*problem_message(struct req *, const struct problems *,
		    const char *key);
const char	*limit_key(const struct ffield *, const struct bound *);
const char	*limit_words(struct req *, const struct ffield *,
		    const struct bound *, char *buf, size_t bufsz);
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
enum gerr	 answers_save(struct req *, struct dossier *);

#endif
