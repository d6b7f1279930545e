/* guichet.conf: "key = value" lines, every key declared in lib/confkeys.c. */
#ifndef GUICHET_CONF_H
#define GUICHET_CONF_H

#include <stdio.h>

#include "gerr.h"

enum conf_type {
	CONF_STRING,	/* one line of text, possibly empty */
	CONF_INT,	/* a decimal integer within min..max */
	CONF_SIZE,	/* bytes: digits, then k, m or g for 1024s */
	CONF_BOOL,	/* yes/no, on/off, true/false, 1/0 */
	CONF_PATH,	/* an absolute path */
	CONF_URL,	/* scheme://host..., without spaces */
	CONF_EMAIL,	/* local@domain */
	CONF_HOSTPORTS,	/* host:port pairs separated by spaces */
	CONF__MAX
};

/* One key the programs read: its type, default, range and reference. */
struct conf_key {
	const char	*name;
	enum conf_type	 type;
	const char	*dfl;		/* as written in the file; NULL: unset */
	const char	*same_as;	/* when unset, this other key's value */
	long long	 min;		/* CONF_INT, CONF_SIZE */
	long long	 max;
	const char	*doc;		/* one line of docs/configuration.md */
};

/* Sorted by name (a unit test checks it): looked up by bsearch. */
extern const struct conf_key	conf_keys[];
extern const size_t		conf_nkeys;

enum gerr	 conf_load(const char *path);
enum gerr	 conf_check(const char *path, FILE *out);
enum gerr	 conf_set(const char *key, const char *value);
void		 conf_free(void);
const char	*conf_path(void);

/*
 * The value in the file, else the table's default.  A key that is not
 * declared, or read with the getter of another type, aborts: that is a
 * bug, and test-conf finds every call in the tree before it ships.
 */
const char	*conf_str(const char *key);	/* NULL when unset */
int		 conf_int(const char *key);
size_t		 conf_size(const char *key);
int		 conf_bool(const char *key);

const struct conf_key	*conf_key_find(const char *name);
void		 conf_reference(FILE *out);

#endif
