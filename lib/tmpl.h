/* ClearSilver templates parsed once per process, rendered with html escaping. */
#ifndef GUICHET_TMPL_H
#define GUICHET_TMPL_H

#include <ClearSilver.h>

#include "gerr.h"
#include "pool.h"

enum lang { LANG_FR, LANG_NL, LANG_DE, LANG_EN, LANG__MAX };

extern const char *const lang_codes[LANG__MAX];

enum gerr	 tmpl_init(const char *dir);
void		 tmpl_preload(const char *dir, const char *folder);
int		 tmpl_cached(const char *name);
void		 tmpl_free(void);
HDF		*tmpl_hdf_new(struct pool *);
enum gerr	 tmpl_render(HDF *, enum lang, const char *, struct buf *);
const char	*tmpl_str(enum lang, const char *key);
const char	*tmpl_with(struct pool *, const char *fmt, const char *name,
		    const char *value);
int		 tmpl_set(HDF *, const char *name, const char *value);
HDF		*tmpl_node(HDF *, const char *name);
int		 tmpl_setf(HDF *, const char *name, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

int		 lang_parse(const char *, enum lang *);
enum lang	 lang_negotiate(const char *accept_language);

#endif
