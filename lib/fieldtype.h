/* The types of a form's fields, once: the checker and the runtime share it. */
#ifndef GUICHET_FIELDTYPE_H
#define GUICHET_FIELDTYPE_H

#include <stddef.h>

#include <jansson.h>

#include "bound.h"
#include "valid.h"

/* Every type a definition's field may have (docs/procedures.md). */
enum field_type {
	FIELD_TEXT,
	FIELD_LONGTEXT,
	FIELD_INTEGER,
	FIELD_DECIMAL,
	FIELD_MONEY,
	FIELD_DATE,
	FIELD_EMAIL,
	FIELD_PHONE,
	FIELD_IBAN,
	FIELD_NRN,
	FIELD_BCE,
	FIELD_POSTCODE,
	FIELD_ADDRESS,
	FIELD_CHOICE,
	FIELD_YESNO,
	FIELD_DECLARATION,
	FIELD_PDF,
	FIELD_GROUP,
	FIELD_SECTION,
	FIELD_NOTICE,
	FIELD_APPOINTMENT,
	FIELD__MAX
};

/* The form of a field's answer in a dossier's data. */
enum field_answer {
	ANSWER_NONE,		/* display only: no answer */
	ANSWER_FILES,		/* annexes, kept beside the answers */
	ANSWER_TEXT,		/* a string */
	ANSWER_LIST,		/* a list of strings (boxes ticked) */
	ANSWER_ADDRESS,		/* an object of address_parts */
	ANSWER_BLOCKS,		/* a list of objects, one per block */
	ANSWER_APPOINTMENT,	/* a held or booked slot's uid, set by its
				   buttons, never typed (lib/apptfield.c) */
};

/* How the summary puts an answer in words. */
enum field_words {
	WORDS_AS_IS,		/* the value, then the type's unit if any */
	WORDS_YESNO,		/* translated */
	WORDS_OPTIONS,		/* the labels of the options chosen */
	WORDS_LOCALITY,		/* the postal code and its localities */
	WORDS_ADDRESS,		/* on one line */
	WORDS_FILES,		/* the files' names */
	WORDS_DATE,		/* a day, as people read it (lib/when.c) */
	WORDS_APPOINTMENT,	/* the slot's day, time and office */
};

#define FT_RANGE	0x01	/* "min"/"max" numbers apply (value, count) */
#define FT_NUMBER	0x02	/* a number typed: its range is told in words */
#define FT_LENGTH	0x04	/* "maxlength" applies */
#define FT_OPTIONS	0x08	/* "options" or "options_from", "display" */
#define FT_TYPED	0x10	/* typed into a box: input attributes apply */
#define FT_TRUTH	0x20	/* "must_be_true" applies: yes, or ticked */

struct field_type_info {
	const char		*name;		/* as definitions write it */
	enum field_answer	 answer;
	enum vtype		 vtype;		/* VT__MAX: not by a validator */
	size_t			 maxlen;	/* characters, without maxlength */
	unsigned		 flags;		/* FT_* */
	const char		*kind;		/* what a form page's template tests */
	const char		*input_type;	/* <input type>, for FT_TYPED */
	const char		*inputmode;	/* the keyboard, or NULL */
	const char		*autocomplete;	/* what a browser may fill, or NULL */
	const char		*input_max;	/* a fixed maxlength, or NULL */
	enum field_words	 words;
	const char		*unit;		/* after a value and a range, or NULL */
	enum bounds		 bounds;	/* what "min" and "max" limit */
	int			 places;	/* decimals of a value */
};

extern const struct field_type_info	field_types[FIELD__MAX];

int	field_type_from_name(const char *, enum field_type *);
int	field_type_display_only(enum field_type);
int	field_type_of(const json_t *type, enum field_type *, char *err,
	    size_t errsz);
int	field_size_parse(const json_t *, size_t *);

#endif
