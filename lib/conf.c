/* Configuration: flat dotted keys; a later line wins over an earlier one. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "log.h"

struct conf_entry {
	char			*key;
	char			*value;
	struct conf_entry	*next;
};

static struct conf_entry	*conf_entries;
static char			*conf_file;

static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int
conf_set(const char *key, const char *value)
{
	struct conf_entry	*e;
	char			*v;

	if ((v = strdup(value)) == NULL)
		return -1;
	for (e = conf_entries; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0) {
			free(e->value);
			e->value = v;
			return 0;
		}
	if ((e = calloc(1, sizeof(*e))) == NULL ||
	    (e->key = strdup(key)) == NULL) {
		free(e);
		free(v);
		return -1;
	}
	e->value = v;
	e->next = conf_entries;
	conf_entries = e;
	return 0;
}

enum gerr
conf_load(const char *path)
{
	FILE		*f;
	char		 line[4096], *p, *eq;
	unsigned	 lineno = 0;
	enum gerr	 rc = GERR_OK;

	free(conf_file);
	conf_file = strdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		log_warn("%s", path);
		return GERR_SYSTEM;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		p = trim(line);
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			log_warnx("%s:%u: expected key = value", path, lineno);
			rc = GERR_INPUT;
			break;
		}
		*eq = '\0';
		if (conf_set(trim(p), trim(eq + 1)) == -1) {
			rc = GERR_NOMEM;
			break;
		}
	}
	fclose(f);
	return rc;
}

void
conf_free(void)
{
	struct conf_entry	*e, *next;

	for (e = conf_entries; e != NULL; e = next) {
		next = e->next;
		free(e->key);
		free(e->value);
		free(e);
	}
	conf_entries = NULL;
	free(conf_file);
	conf_file = NULL;
}

const char *
conf_path(void)
{
	return conf_file;
}

const char *
conf_get(const char *key, const char *dfl)
{
	struct conf_entry	*e;

	for (e = conf_entries; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->value;
	return dfl;
}

long long
conf_get_int(const char *key, long long dfl)
{
	const char	*v = conf_get(key, NULL);
	char		*end;
	long long	 n;

	if (v == NULL)
		return dfl;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || end == v) {
		log_warnx("configuration %s: not a number, using %lld", key, dfl);
		return dfl;
	}
	return n;
}
