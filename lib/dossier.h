/* A dossier as every program loads it, and its canonical form for the seal. */
#ifndef GUICHET_DOSSIER_H
#define GUICHET_DOSSIER_H

#include <jansson.h>

#include "app.h"
#include "fdef.h"

/* A dossier, loaded for its owner (dossier_load) or the back office. */
struct dossier {
	const char	*id;
	const char	*status;	/* en_cours, complet, soumis, ... */
	const char	*proc_id;
	const char	*version;
	const char	*code;		/* of the procedure */
	const char	*reference;	/* once submitted */
	const char	*submitted_at;
	const char	*updated_at;	/* to the minute, to show */
	const char	*stamp;		/* updated_at exactly, to compare */
	const char	*owner_id;
	const char	*org_id;
	json_t		*data;		/* the answers, freed with the pool */
	json_t		*sources;	/* prefill_sources */
	json_t		*annexes;	/* [{id, field, filename, size, sha256}] */
	json_t		*files;		/* the same by field */
	const struct fdef *def;		/* the definition of its version */
	struct verdicts	*checked;	/* values checked in this request
					   (lib/answers.c) */
};

#define LOAD_READ	0
#define LOAD_LOCK	1	/* FOR UPDATE */

enum gerr	 dossier_load(struct req *, const char *id, struct dossier *,
		    int how);
enum gerr	 dossier_load_ref(struct req *, const char *ref,
		    struct dossier *);
void		 dossier_scope_params(const struct req *, const char **person,
		    const char **org);

/*
 * Which rows a statement reads to find the caller's dossiers: the
 * person's own or the organisation's, by their indexes, with the values
 * of dossier_scope_params().  Only where to look: who may see which is the
 * row-level-security policy's decision (lib/dossier.c).
 */
#define DOSSIERS_OF_SCOPE(person, org) \
    "(d.owner_person_id = " person " OR d.acting_org_id = " org ")"
int		 is_draft(const struct dossier *);
const char	*dossier_program_url(struct req *, const struct dossier *,
		    const char *page);

/*
 * The canonical form a submission's digest and seal cover: keys sorted,
 * no spaces, ASCII; answers as submitted and annexes as
 * [{field, filename, size, sha256}] in upload order.  malloc'ed.
 */
char	*dossier_canonical(const char *code, long long version,
	    const char *id, const char *reference, const char *submitted_at,
	    const json_t *answers, const json_t *annexes);

#endif
