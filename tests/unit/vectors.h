/*
 * Test vectors shared with the nginx module's tests (tests/vectors/):
 * lines "KEYWORD INPUT WHY", "#" comments and blank lines skipped.
 */
#ifndef GUICHET_VECTORS_H
#define GUICHET_VECTORS_H

#include "tap.h"

struct vector {
	char		 line[512];
	int		 lineno;
	const char	*key;		/* "valid", "invalid", or a setting */
	const char	*input;
	const char	*why;
};

/* The file under tests/vectors/; a missing one is a failed test. */
static inline FILE *
vectors_open(const char *name)
{
	char	 path[512], label[128];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/tests/vectors/%s", srcdir(), name);
	f = fopen(path, "r");
	snprintf(label, sizeof(label), "tests/vectors/%s is readable", name);
	ok(f != NULL, label);
	return f;
}

/* The next vector of f into v; 0 at the end. */
static inline int
vector_next(FILE *f, struct vector *v)
{
	char	*rest;

	while (fgets(v->line, sizeof(v->line), f) != NULL) {
		v->lineno++;
		v->line[strcspn(v->line, "\n")] = '\0';
		if (v->line[0] == '#' || v->line[0] == '\0')
			continue;
		v->key = strtok_r(v->line, " ", &rest);
		v->input = strtok_r(NULL, " ", &rest);
		if (v->input == NULL)
			v->input = "";
		v->why = rest != NULL ? rest : "";
		return 1;
	}
	return 0;
}

/* The verdict a vector asks for: 1 valid, 0 invalid, -1 not a verdict. */
static inline int
vector_verdict(const struct vector *v)
{
	if (strcmp(v->key, "valid") == 0)
		return 1;
	if (strcmp(v->key, "invalid") == 0)
		return 0;
	return -1;
}

#endif
