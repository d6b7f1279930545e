/*
 * Certificate types as data (docs/certificates.md): a definition's checks
 * at import, and its texts filled with the register's values.
 */
#ifndef GUICHET_CERTDEF_H
#define GUICHET_CERTDEF_H

#include <stddef.h>

#include <jansson.h>

#include "gerr.h"
#include "pool.h"

/* 0 if the definition is one we can publish; -1 with why in err. */
int		 certdef_check(const json_t *def, char *err, size_t errlen);

/*
 * What an order costs with that delivery and language (f->due FEE_NONE:
 * free); the caller frees f->lines.  GERR_INPUT when a quantity is not
 * a whole number.
 */
struct fee;
enum gerr	 certdef_fee(const json_t *def, const char *delivery,
		    const char *lang, struct fee *f);

/* The definition's text under key in lang ("fr", ...), or "". */
const char	*certdef_text(const json_t *def, const char *key,
		    const char *lang);

/* Whether the definition offers lang, and a delivery ("vault", "post"). */
int		 certdef_offers(const json_t *def, const char *list,
		    const char *value);

/* Whether the array of strings list holds s. */
int		 certdef_offers_list(const json_t *list, const char *s);

/* Whether every path of "requires" has a value in the register's data. */
int		 certdef_requires_met(const json_t *def, const json_t *data);

/*
 * What fills a text: the register's data, the row of a table being drawn
 * (or NULL), the language, and the words of the language files
 * ("certs.word.head", "certs.box"), looked up by word().
 */
struct certfill {
	const json_t	*data;
	const json_t	*row;
	const char	*lang;
	const char	*(*word)(const char *lang, const char *key);
};

/*
 * text with each {path} or {path|filter} replaced: a path of the data
 * ("address.postcode"), "person" for the data itself, "row" for the
 * table's row; filters "date" (YYYY-MM-DD as the language writes it),
 * "address", "name" (given names and surname), "word" (a code said in
 * the language).  A path without a value prints as "-".
 */
char		*certdef_fill(struct pool *, const char *text,
		    const struct certfill *);

/* The value at path, or NULL. */
const json_t	*certdef_value(const struct certfill *, const char *path);

#endif
