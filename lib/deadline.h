/*
 * A dossier's decision deadline as everyone reads it (issue 20,
 * docs/deadlines.md): the due date the clock's log gives (sql/0049,
 * dossier_due(), kept in dossiers.due_on), what silence at its end means
 * and on which legal basis.  The user's space, the receipt, the inbox and
 * the daily job read it here; the API reads the same column.
 */
#ifndef GUICHET_DEADLINE_H
#define GUICHET_DEADLINE_H

#include "app.h"
#include "gerr.h"
#include "pool.h"
#include "tmpl.h"

struct deadline {
	int		 has;		/* the dossier's version has one */
	const char	*due;		/* "2026-12-03"; NULL paused or closed */
	const char	*due_shown;	/* "03/12/2026" */
	const char	*silence;	/* acceptance, refusal or none */
	const char	*basis;		/* the legal basis, in the language */
	const char	*count;		/* calendar or working */
	const char	*days;		/* the period */
	const char	*flag;		/* "past", "near" (7 days) or "" */
	int		 paused;	/* a complement is awaited */
	int		 closed;
};

/* The dossier's deadline in language l; has == 0 when it has none. */
enum gerr	 deadline_load(struct pool *, const char *dossier_id,
		    enum lang, struct deadline *);
/* As "Deadline.*" for a page (nothing when it has none). */
void		 deadline_hdf(struct req *, const struct deadline *);

#endif
