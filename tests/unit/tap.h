/* A tiny TAP producer for the unit tests: "ok N - name" lines and a plan. */
#ifndef GUICHET_TAP_H
#define GUICHET_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	tap_n, tap_failed;

static inline void
tap_ok(int cond, const char *name, const char *file, int line)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	for (; *name != '\0'; name++)
		putchar((unsigned char)*name < 0x20 ? '?' : *name);
	putchar('\n');
	if (!cond)
		printf("#   failed at %s:%d\n", file, line);
}

#define ok(cond, name)	tap_ok((cond) != 0, (name), __FILE__, __LINE__)
#define is_str(got, want, name) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ == NULL && w_ == NULL) ||			\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	tap_ok(same_, (name), __FILE__, __LINE__);			\
	if (!same_)							\
		printf("#   got: '%s'\n#   want: '%s'\n",		\
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");		\
} while (0)
#define is_int(got, want, name) do {					\
	long long g_ = (got), w_ = (want);				\
	tap_ok(g_ == w_, (name), __FILE__, __LINE__);			\
	if (g_ != w_)							\
		printf("#   got: %lld\n#   want: %lld\n", g_, w_);	\
} while (0)

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* Where the sources are, for golden files: make check sets it. */
static inline const char *
srcdir(void)
{
	const char	*d = getenv("GUICHET_SRCDIR");

	return d != NULL ? d : ".";
}

#endif
