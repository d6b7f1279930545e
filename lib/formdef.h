/* Procedure definitions as read: cached, pinned per request, in words. */
#ifndef GUICHET_FORMDEF_H
#define GUICHET_FORMDEF_H

#include <jansson.h>

#include "app.h"
#include "fdef.h"

json_t		*json_pooled(struct req *, json_t *);
const struct fdef *def_load(struct req *, const char *proc_id,
		    const char *version);
const char	*def_text(struct req *, const json_t *texts);
const char	*def_title(struct req *, const char *proc_id,
		    const char *version);
const struct fpage *page_find(const struct fdef *, const char *id,
		    size_t *index);
int		 page_visible(const struct fpage *, const json_t *answers);
int		 field_visible(const struct ffield *, const json_t *answers,
		    const json_t *block);
const char	*postcode_localities(struct req *, const char *code);

#endif
