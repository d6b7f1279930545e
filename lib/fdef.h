/* A definition's pages and fields with their types resolved, as walked. */
#ifndef GUICHET_FDEF_H
#define GUICHET_FDEF_H

#include <jansson.h>

#include "fieldtype.h"
#include "pool.h"
#include "valid.h"

struct ffield;

/*
 * A rule across fields of a page or of one block of a group ("end_date
 * >= start_date"), in the condition language: when false, its message
 * is shown at its field.
 */
struct frule {
	const char		*check;
	const char		*field;
	const json_t		*message;	/* in the four languages */
};

/* The fields of a page or of one block of a group, in order. */
struct fblock {
	const struct ffield	*fields;
	size_t			 n;
	const struct frule	*rules;
	size_t			 nrules;
};

#define fblock_foreach(b, f) \
	for ((f) = (b)->fields; (f) < (b)->fields + (b)->n; (f)++)

enum field_display {
	DISPLAY_RADIO,
	DISPLAY_SELECT,
	DISPLAY_CHECKBOXES,
};

/*
 * A field as the runtime reads it: what the walks ask of every field is
 * resolved once, when the definition is loaded; its texts and options
 * stay in its JSON, which the definition holds.
 */
struct ffield {
	const char		*name;
	enum field_type		 type;		/* as declared (an alias resolved) */
	enum field_type		 as;		/* as it behaves: a choice among
						   postal codes is a postcode */
	enum field_answer	 answer;	/* of `as`, or a list of boxes */
	enum field_display	 display;	/* of a choice */
	const char		*kind;		/* what the page's template tests */
	const json_t		*json;		/* label, help, text, options */
	const json_t		*options;	/* a choice's own, or NULL */
	const char		*condition;	/* NULL: always shown */
	const char		*source;	/* pre-filled from, or NULL */
	int			 required;
	int			 readonly;	/* only its source fills it */
	int			 must_be_true;	/* "yes", or ticked */
	struct bound		 lo;		/* a number's or a date's */
	struct bound		 hi;
	size_t			 count_min;	/* blocks or files: min, or 0 */
	size_t			 count_max;	/* max; files: 1 by default */
	size_t			 size_max;	/* a file's bytes at most, or 0:
						   the platform's (forms.pdf_max) */
	int			 by_item;	/* a group shown item by item */
	struct vlimits		 lim;		/* for its validator */
	struct fblock		 block;		/* a group's fields */
};

struct fpage {
	const char		*id;
	const json_t		*titles;
	const char		*condition;
	struct fblock		 block;
};

/* A procedure version's definition: its JSON and its compiled pages. */
struct fdef {
	json_t			*json;
	const char		*code;
	const char		*assurance;
	const json_t		*titles;
	const char		*program;	/* the path of the program that
						   serves its pages, or NULL:
						   the form engine's */
	const struct fpage	*pages;
	size_t			 npages;
	unsigned		 pins;		/* lib/formdef.c's cache's */
	struct pool		*pool;		/* what the pages are made of */
};

/*
 * A group whose blocks could hold more fields than this is shown item by
 * item, each block on a page of its own: a page's POST never carries
 * more parts than limits.parts_max allows (200 by default).
 */
#define GROUP_INLINE_PARTS	100

/* Blocks of one group at most, whatever its "max": more are not taken. */
#define BLOCKS_MAX	50

struct fdef		*fdef_compile(json_t *, char *err, size_t errsz);
void			 fdef_free(struct fdef *);
const struct ffield	*fblock_field(const struct fblock *, const char *name);

#endif
