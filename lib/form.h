/* Declared form fields: each checked by its validator, errors put in HDF. */
#ifndef GUICHET_FORM_H
#define GUICHET_FORM_H

#include "app.h"
#include "valid.h"

struct field {
	const char	*name;
	enum vtype	 type;
	struct vlimits	 lim;
	int		 required;
};

/* Normalised values by field index; NULL where empty or invalid. */
int	form_check(struct req *, const struct field *, size_t,
	    const char **values);
void	form_error(struct req *, const char *field, const char *key);
void	form_error_text(struct req *, const char *field, const char *msg);
int	form_text(struct pool *, const char *, size_t max_chars,
	    const char **out);

#endif
