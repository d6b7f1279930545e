/* Pure validators for typed input fields, after kcgi's validator table. */
#ifndef GUICHET_VALID_H
#define GUICHET_VALID_H

#include <stddef.h>

enum vtype {
	VT_TEXT,	/* one line of UTF-8, no control characters */
	VT_LONGTEXT,	/* UTF-8 with line breaks and tabs */
	VT_INT,
	VT_DATE,	/* a real calendar day, ISO or 15/11/2026; stored ISO */
	VT_EMAIL,
	VT_PHONE,	/* Belgian or international, normalised to +CC... */
	VT_IBAN,	/* normalised to upper case without spaces */
	VT_POSTCODE,	/* Belgian postal code, 4 digits 1000-9999 */
	VT_NRN,		/* national register number, normalised to 11 digits */
	VT_BCE,		/* BCE/KBO enterprise number, normalised to 10 digits */
	VT_DECIMAL,	/* 1 234,5 or 1234.5: normalised to 1234.5 */
	VT_MONEY,	/* euros and cents: normalised to 1234.50 */
	VT__MAX
};

struct vlimits {
	size_t		 minlen;	/* in characters, for text */
	size_t		 maxlen;	/* 0: the type's own bound */
	long long	 min;		/* for VT_INT, when min < max */
	long long	 max;
};

struct validator {
	const char	*name;
	int		(*check)(const char *, const struct vlimits *,
			    char *, size_t);
	const char	*errkey;	/* language key of the message */
};

extern const struct validator	validators[VT__MAX];

int	valid_field(enum vtype, const char *, const struct vlimits *,
	    char *, size_t);
int	valid_vtype_from_name(const char *, enum vtype *);

int	valid_utf8(const char *, size_t);
int	valid_id(const char *);
int	valid_code(const char *);
int	valid_reference(const char *);
int	valid_question_ref(const char *);
int	valid_bce_number(const char *);
size_t	valid_utf8_chars(const char *, size_t);
int	valid_text(const char *, const struct vlimits *, char *, size_t);
int	valid_longtext(const char *, const struct vlimits *, char *, size_t);
int	valid_int(const char *, const struct vlimits *, char *, size_t);
int	valid_date(const char *, const struct vlimits *, char *, size_t);
int	valid_digits(const char *, size_t n);
int	valid_email(const char *, const struct vlimits *, char *, size_t);
int	valid_phone(const char *, const struct vlimits *, char *, size_t);
int	valid_iban(const char *, const struct vlimits *, char *, size_t);
int	valid_postcode(const char *, const struct vlimits *, char *, size_t);
int	valid_nrn(const char *, const struct vlimits *, char *, size_t);
int	valid_decimal(const char *, const struct vlimits *, char *, size_t);
int	valid_money(const char *, const struct vlimits *, char *, size_t);
int	valid_bce(const char *, const struct vlimits *, char *, size_t);

#endif
