/* conf/guichet.conf: "key = value" lines read once by every program. */
#ifndef GUICHET_CONF_H
#define GUICHET_CONF_H

#include "gerr.h"

enum gerr	 conf_load(const char *path);
void		 conf_free(void);
int		 conf_set(const char *key, const char *value);
const char	*conf_get(const char *key, const char *dfl);
long long	 conf_get_int(const char *key, long long dfl);
const char	*conf_path(void);

#endif
