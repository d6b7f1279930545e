/* A dossier's PDF annexes: judged against their field's and dossier's limits, stored. */
#ifndef GUICHET_ANNEX_H
#define GUICHET_ANNEX_H

#include "dossier.h"
#include "req.h"

const char	*annex_problem(struct req *, const struct dossier *,
		    const struct ffield *, const char *key, const struct kv *,
		    const char **text);
enum gerr	 annex_store(struct req *, struct dossier *, const char *field,
		    const struct kv *);
enum gerr	 annex_delete(struct req *, struct dossier *, const char *id);

#endif
