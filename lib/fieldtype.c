/*
 * The types of a form's fields, once, after kcgi's tables: the name a
 * definition writes, the form of the answer, the validator, the limits
 * that apply, how a form page shows it and how the summary says it.
 * lib/procdef.c checks definitions against it and lib/fdef.c resolves
 * each field's type through it when a definition is loaded, so nothing
 * compares a type's name at request time.
 */
#include <stdio.h>
#include <string.h>

#include "fieldtype.h"
#include "gerr.h"

#define NUMBER		(FT_RANGE | FT_NUMBER | FT_TYPED)

const struct field_type_info field_types[FIELD__MAX] = {
	[FIELD_TEXT] = { "text", ANSWER_TEXT, VT_TEXT, 200,
	    FT_LENGTH | FT_TYPED, "text", "text", NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_LONGTEXT] = { "longtext", ANSWER_TEXT, VT_LONGTEXT, 5000,
	    FT_LENGTH | FT_TYPED, "longtext", "text", NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_INTEGER] = { "integer", ANSWER_TEXT, VT_INT, 0,
	    NUMBER, "text", "text", "numeric", NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NUMBER, 0 },
	[FIELD_DECIMAL] = { "decimal", ANSWER_TEXT, VT_DECIMAL, 0,
	    NUMBER, "text", "text", "decimal", NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NUMBER, 6 },
	[FIELD_MONEY] = { "money", ANSWER_TEXT, VT_MONEY, 0,
	    NUMBER, "text", "text", "decimal", NULL, NULL,
	    WORDS_AS_IS, " €", BOUNDS_NUMBER, 2 },
	[FIELD_DATE] = { "date", ANSWER_TEXT, VT_DATE, 0,
	    FT_TYPED, "text", "text", NULL, NULL, NULL,
	    WORDS_DATE, NULL, BOUNDS_DATE, 0 },
	[FIELD_EMAIL] = { "email", ANSWER_TEXT, VT_EMAIL, 0,
	    FT_TYPED, "text", "email", NULL, "email", NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_PHONE] = { "phone", ANSWER_TEXT, VT_PHONE, 0,
	    FT_TYPED, "text", "tel", NULL, "tel", NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_IBAN] = { "iban", ANSWER_TEXT, VT_IBAN, 0,
	    FT_TYPED, "text", "text", NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_NRN] = { "nrn", ANSWER_TEXT, VT_NRN, 0,
	    FT_TYPED, "text", "text", NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_BCE] = { "bce", ANSWER_TEXT, VT_BCE, 0,
	    FT_TYPED, "text", "text", NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_POSTCODE] = { "postcode", ANSWER_TEXT, VT_POSTCODE, 0,
	    FT_TYPED, "text", "text", "numeric", "postal-code", "4",
	    WORDS_LOCALITY, NULL, BOUNDS_NONE, 0 },
	[FIELD_ADDRESS] = { "address", ANSWER_ADDRESS, VT__MAX, 0,
	    0, "address", NULL, NULL, NULL, NULL,
	    WORDS_ADDRESS, NULL, BOUNDS_NONE, 0 },
	[FIELD_CHOICE] = { "choice", ANSWER_TEXT, VT__MAX, 0,
	    FT_OPTIONS, "choices", NULL, NULL, NULL, NULL,
	    WORDS_OPTIONS, NULL, BOUNDS_NONE, 0 },
	[FIELD_YESNO] = { "yesno", ANSWER_TEXT, VT__MAX, 0,
	    FT_TRUTH, "yesno", NULL, NULL, NULL, NULL,
	    WORDS_YESNO, NULL, BOUNDS_NONE, 0 },
	[FIELD_DECLARATION] = { "declaration", ANSWER_TEXT, VT__MAX, 0,
	    FT_TRUTH, "declaration", NULL, NULL, NULL, NULL,
	    WORDS_YESNO, NULL, BOUNDS_NONE, 0 },
	[FIELD_PDF] = { "pdf", ANSWER_FILES, VT__MAX, 0,
	    FT_RANGE, "pdf", NULL, NULL, NULL, NULL,
	    WORDS_FILES, NULL, BOUNDS_COUNT, 0 },
	[FIELD_GROUP] = { "group", ANSWER_BLOCKS, VT__MAX, 0,
	    FT_RANGE, "group", NULL, NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_COUNT, 0 },
	[FIELD_SECTION] = { "section", ANSWER_NONE, VT__MAX, 0,
	    0, "section", NULL, NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_NOTICE] = { "notice", ANSWER_NONE, VT__MAX, 0,
	    0, "notice", NULL, NULL, NULL, NULL,
	    WORDS_AS_IS, NULL, BOUNDS_NONE, 0 },
	[FIELD_APPOINTMENT] = { "appointment", ANSWER_APPOINTMENT, VT__MAX, 0,
	    0, "appointment", NULL, NULL, NULL, NULL,
	    WORDS_APPOINTMENT, NULL, BOUNDS_NONE, 0 },
};

/*
 * Other spellings a definition may use, each for one type: "int" is the
 * validator's name (lib/valid.c), which a form author may well write.
 * An alias loads as its type; docs/procedures.md lists them.
 */
static const struct {
	const char	*name;
	enum field_type	 type;
} aliases[] = {
	{ "int", FIELD_INTEGER },
};

/* The type a definition names, by its name or an alias; 0 if none. */
int
field_type_from_name(const char *name, enum field_type *t)
{
	size_t	i;

	if (name == NULL)
		return 0;
	for (i = 0; i < FIELD__MAX; i++)
		if (strcmp(field_types[i].name, name) == 0) {
			*t = (enum field_type)i;
			return 1;
		}
	for (i = 0; i < nitems(aliases); i++)
		if (strcmp(aliases[i].name, name) == 0) {
			*t = aliases[i].type;
			return 1;
		}
	return 0;
}

int
field_type_display_only(enum field_type t)
{
	return field_types[t].answer == ANSWER_NONE;
}

/*
 * The type of a field's "type" member; -1 with the message both the
 * checker of definitions and the loader give when it names no type.
 */
int
field_type_of(const json_t *type, enum field_type *t, char *err,
    size_t errsz)
{
	if (field_type_from_name(json_string_value(type), t))
		return 0;
	if (json_is_string(type))
		snprintf(err, errsz, "\"type\" \"%s\" is not a field type",
		    json_string_value(type));
	else
		snprintf(err, errsz, "\"type\" (missing) is not a field type");
	return -1;
}

/*
 * A file's size as a definition writes it ("max_size"): digits and k or
 * m, in 1024s, as guichet.conf writes sizes ("500k", "2m").  -1 if the
 * value is not one, or is 0.
 */
int
field_size_parse(const json_t *v, size_t *out)
{
	const char		*s = json_string_value(v);
	unsigned long long	 n = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((n = n * 10 + (unsigned)(*s - '0')) > 1024 * 1024)
			return -1;
	if ((*s != 'k' && *s != 'm') || s[1] != '\0' || n == 0)
		return -1;
	*out = (size_t)n * (*s == 'k' ? 1024 : 1024 * 1024);
	return 0;
}
