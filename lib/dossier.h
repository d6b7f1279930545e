/* What every program agrees on about a submitted dossier's seal. */
#ifndef GUICHET_DOSSIER_H
#define GUICHET_DOSSIER_H

#include <jansson.h>

/*
 * The canonical form a submission's digest and seal cover: keys sorted,
 * no spaces, ASCII; answers as submitted and annexes as
 * [{field, filename, size, sha256}] in upload order.  malloc'ed.
 */
char	*dossier_canonical(const char *code, long long version,
	    const char *id, const char *reference, const char *submitted_at,
	    const json_t *answers, const json_t *annexes);

#endif
