/*
 * libFuzzer target: certificate definitions and the register's answers
 * (lib/certdef.c).  The input is checked as a definition; then used as
 * the register's data to fill texts with every filter, and as a text to
 * fill (a definition's, once accepted).  Nothing may crash, and an
 * accepted definition's texts always fill and its fee always computes.
 */
#include <stdint.h>
#include <string.h>

#include "certdef.h"
#include "fee.h"

static const char *
word(const char *lang, const char *key)
{
	(void)lang;
	return strcmp(key, "certs.box") == 0 ? "bte" : "";
}

static const char *const deliveries[] = { "vault", "post", "email" };

static const char *const texts[] = {
	"{person|name} {birth_date|date} {address|address} {nationality|word}",
	"{row.from|date} {row|name} {household|address} {a.b.c.d} {x|word}",
	"{civil_status.marriage.spouse|name} {civil_status.marriage.date|date}",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certfill	 f = { NULL, NULL, "de", word };
	struct pool	*p;
	json_t		*j;
	struct fee	 fee;
	char		 err[300], *text;
	size_t		 i;

	if ((p = pool_new(4096)) == NULL)
		return 0;
	if ((text = pool_strndup(p, (const char *)data, size)) != NULL) {
		f.data = NULL;
		certdef_fill(p, text, &f);
	}
	if ((j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL)) != NULL) {
		f.data = j;
		f.row = json_array_get(json_object_get(j, "household"), 0);
		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
			certdef_fill(p, texts[i], &f);
		certdef_requires_met(j, j);
		if (certdef_check(j, err, sizeof(err)) == 0) {
			if (certdef_fill(p, certdef_text(j, "body", "fr"),
			    &f) == NULL)
				__builtin_trap();
			/* an accepted fee always computes, never below 0 */
			for (i = 0; i < 3; i++) {
				if (certdef_fee(j, deliveries[i], "fr", &fee) !=
				    GERR_OK || fee.total_cents < 0)
					__builtin_trap();
				json_decref(fee.lines);
			}
		}
		json_decref(j);
	}
	pool_free(p);
	return 0;
}
