/*
 * The canonical form of a submitted dossier.  The forms program seals it
 * at submission; guichet-admin rebuilds it from the database to show that
 * nothing changed since.  docs/procedures.md gives an example.
 */
#include "dossier.h"

char *
dossier_canonical(const char *code, long long version, const char *id,
    const char *reference, const char *submitted_at, const json_t *answers,
    const json_t *annexes)
{
	json_t	*c = json_pack("{s:s, s:I, s:s, s:s, s:s, s:O, s:O}",
		    "procedure", code, "version", (json_int_t)version,
		    "dossier", id, "reference", reference, "submitted_at",
		    submitted_at, "answers", answers, "annexes", annexes);
	char	*s;

	if (c == NULL)
		return NULL;
	s = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(c);
	return s;
}
