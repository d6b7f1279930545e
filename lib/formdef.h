/* Procedure definitions as read: cached, pinned per request, in words. */
#ifndef GUICHET_FORMDEF_H
#define GUICHET_FORMDEF_H

#include <jansson.h>

#include "app.h"

json_t		*json_pooled(struct req *, json_t *);
const json_t	*def_load(struct req *, const char *proc_id, const char *version);
const char	*def_text(struct req *, const json_t *texts);
const char	*def_title(struct req *, const char *proc_id,
		    const char *version);
const json_t	*page_find(const json_t *def, const char *id, size_t *index);
int		 page_visible(const json_t *page, const json_t *answers);
int		 field_visible(const json_t *f, const json_t *answers,
		    const json_t *block);
const char	*field_type(const json_t *);
int		 is_type(const json_t *, const char *);
int		 is_display_only(const json_t *);
const char	*postcode_localities(struct req *, const char *code);

#endif
