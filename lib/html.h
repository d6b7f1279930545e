/* Escaping helpers for the rare output that is not a template, after cgit's html.c. */
#ifndef GUICHET_HTML_H
#define GUICHET_HTML_H

#include "pool.h"

int	html_text(struct buf *, const char *);
int	html_attr(struct buf *, const char *);
int	url_escape(struct buf *, const char *);
int	url_is_local_path(const char *);
int	header_value_ok(const char *);

#endif
