/* Procedure definitions: JSON files checked field by field before import. */
#ifndef GUICHET_PROCDEF_H
#define GUICHET_PROCDEF_H

#include <jansson.h>

#include "pool.h"

/*
 * Checks a definition; on the first problem returns -1 with a message
 * naming where ("pages[1].fields[3] \"amount\": ...").  0 when valid.
 */
extern const char *const	procdef_sources[];
extern const size_t		procdef_nsources;

int	procdef_check(const json_t *, char *err, size_t errsz);
/* The same; a problem said in the four languages also gives its key. */
int	procdef_check_keyed(const json_t *, char *err, size_t errsz,
	    const char **key);
/* "department" or "family": a code, or the code of the object given. */
const char *procdef_owner_code(const json_t *, const char *key);
/* The canonical text (sorted keys, compact) that a version's digest covers. */
char	*procdef_canonical(const json_t *);
void	 procdef_digest(const char *canonical, char hex[65]);

#endif
