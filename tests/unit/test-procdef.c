/*
 * Unit tests of lib/procdef.c against tests/golden/procdef/: each NAME.json
 * is checked and the verdict ("ok" or the message) compared with NAME.err.
 * GOLDEN_UPDATE=1 rewrites the .err files.
 */
#include <dirent.h>

#include "procdef.h"
#include "tap.h"

static void
golden(const char *dir, const char *name)
{
	char		 path[600], got[700], want[700] = "", err[600];
	json_t		*d;
	json_error_t	 jerr;
	FILE		*f;
	size_t		 n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((d = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL)
		snprintf(got, sizeof(got), "%d:%d: %s\n", jerr.line, jerr.column,
		    jerr.text);
	else if (procdef_check(d, err, sizeof(err)) == -1)
		snprintf(got, sizeof(got), "%s\n", err);
	else
		strcpy(got, "ok\n");
	json_decref(d);
	strcpy(path + strlen(path) - 5, ".err");
	if (getenv("GOLDEN_UPDATE") && (f = fopen(path, "w")) != NULL) {
		fputs(got, f);
		fclose(f);
	}
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(want, 1, sizeof(want) - 1, f);
		want[n] = '\0';
		fclose(f);
	}
	is_str(got, want, name);
}

/* A decision deadline's problems name their translated message's key. */
static void
deadline_keys(const char *dir)
{
	static const struct {
		const char	*file, *key;
	} cases[] = {
		{ "deadline-negative.json", "deadline.err.period" },
		{ "deadline-zero.json", "deadline.err.period" },
		{ "deadline-absurd-calendar.json", "deadline.err.calendar_max" },
		{ "deadline-absurd-working.json", "deadline.err.working_max" },
		{ "deadline-silence.json", "deadline.err.silence" },
		{ "deadline-basis.json", "deadline.err.basis" },
		{ "deadline-ok.json", NULL },
		{ "statuses-ok.json", NULL },
		{ "bad-code.json", NULL },	/* not a deadline's: no key */
	};
	char		 path[600], err[600];
	const char	*key;
	json_t		*d;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i].file);
		d = json_load_file(path, 0, NULL);
		key = "unset";
		procdef_check_keyed(d, err, sizeof(err), &key);
		json_decref(d);
		is_str(key != NULL ? key : "(none)", cases[i].key != NULL ?
		    cases[i].key : "(none)", cases[i].file);
	}
}

int
main(void)
{
	char		  dir[512];
	struct dirent	**names;
	int		  n, i;
	size_t		  len;
	json_t		 *d;
	char		 *c1, *c2, h1[65], h2[65];

	snprintf(dir, sizeof(dir), "%s/tests/golden/procdef", srcdir());
	n = scandir(dir, &names, NULL, alphasort);
	ok(n > 20, "golden definitions");
	for (i = 0; i < n; i++) {
		len = strlen(names[i]->d_name);
		if (len > 5 && strcmp(names[i]->d_name + len - 5, ".json") == 0)
			golden(dir, names[i]->d_name);
		free(names[i]);
	}
	free(names);

	/* The digest covers meaning, not layout: key order and spaces. */
	d = json_loads("{\"b\": 1, \"a\": [1, 2]}", 0, NULL);
	c1 = procdef_canonical(d);
	json_decref(d);
	d = json_loads("{ \"a\":[1,2],\n\"b\":1 }", 0, NULL);
	c2 = procdef_canonical(d);
	json_decref(d);
	is_str(c1, "{\"a\":[1,2],\"b\":1}", "canonical form");
	procdef_digest(c1, h1);
	procdef_digest(c2, h2);
	is_str(h1, h2, "same meaning, same digest");
	free(c1);
	free(c2);
	deadline_keys(dir);
	return tap_done();
}
