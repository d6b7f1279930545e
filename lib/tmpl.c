/* Templates and language strings: one parse per template per process. */
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "tmpl.h"

#define TMPL_CACHE_MAX	64

const char *const lang_codes[LANG__MAX] = { "fr", "nl", "de", "en" };

struct tmpl_entry {
	char	*name;
	CSPARSE	*cs;
};

static HDF			*tmpl_base;	/* Config and load path */
static HDF			*tmpl_lang[LANG__MAX];
static struct tmpl_entry	 tmpl_cache[TMPL_CACHE_MAX];
static size_t			 tmpl_ncache;

static enum gerr
tmpl_neoerr(NEOERR *err, const char *what)
{
	STRING	 s;

	string_init(&s);
	nerr_error_string(err, &s);
	log_warnx("template %s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
	return GERR_SYSTEM;
}

enum gerr
tmpl_init(const char *dir)
{
	NEOERR	*err;
	char	 path[4096];
	int	 i;

	if (tmpl_base != NULL)
		return GERR_OK;		/* the master did, before the fork */
	if ((err = hdf_init(&tmpl_base)) != STATUS_OK)
		return tmpl_neoerr(err, "init");
	/* Every var: is HTML-escaped unless a template says otherwise. */
	if ((err = hdf_set_value(tmpl_base, "Config.VarEscapeMode", "html")) ||
	    (err = hdf_set_value(tmpl_base, "hdf.loadpaths.0", dir)))
		return tmpl_neoerr(err, "config");
	for (i = 0; i < LANG__MAX; i++) {
		snprintf(path, sizeof(path), "%s/lang/%s.hdf", dir,
		    lang_codes[i]);
		if ((err = hdf_init(&tmpl_lang[i])) != STATUS_OK ||
		    (err = hdf_read_file(tmpl_lang[i], path)) != STATUS_OK)
			return tmpl_neoerr(err, path);
		if ((err = hdf_set_value(tmpl_lang[i], "Lang.code",
		    lang_codes[i])) != STATUS_OK)
			return tmpl_neoerr(err, path);
	}
	return GERR_OK;
}

void
tmpl_free(void)
{
	size_t	i;

	for (i = 0; i < tmpl_ncache; i++) {
		cs_destroy(&tmpl_cache[i].cs);
		free(tmpl_cache[i].name);
	}
	tmpl_ncache = 0;
	for (i = 0; i < LANG__MAX; i++)
		hdf_destroy(&tmpl_lang[i]);
	hdf_destroy(&tmpl_base);
}

static NEOERR *
tmpl_url_escape(const char *in, char **out)
{
	return neos_url_escape(in, out, NULL);
}

static CSPARSE *tmpl_get(const char *);

/*
 * The error page and the page templates in dir/folder (a program's own,
 * named after it), parsed by the master before it forks: its workers then
 * share the parse trees and the language strings, one copy in memory and
 * in the caches rather than one per worker.  A template that does not
 * parse is reported here and again when a page asks for it.
 */
void
tmpl_preload(const char *dir, const char *folder)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[4096], name[512];
	size_t		 n;

	(void)tmpl_get("error.cs");
	if (folder == NULL || strchr(folder, '/') != NULL ||
	    snprintf(path, sizeof(path), "%s/%s", dir, folder) >=
	    (int)sizeof(path) || (d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n <= 3 ||
		    strcmp(e->d_name + n - 3, ".cs") != 0 ||
		    snprintf(name, sizeof(name), "%s/%s", folder, e->d_name) >=
		    (int)sizeof(name))
			continue;
		(void)tmpl_get(name);
	}
	closedir(d);
}

/* The parse of name if it is made already, NULL otherwise. */
static CSPARSE *
tmpl_find(const char *name)
{
	size_t	i;

	for (i = 0; i < tmpl_ncache; i++)
		if (strcmp(tmpl_cache[i].name, name) == 0)
			return tmpl_cache[i].cs;
	return NULL;
}

/* Whether name is parsed already (for the tests). */
int
tmpl_cached(const char *name)
{
	return tmpl_find(name) != NULL;
}

static CSPARSE *
tmpl_get(const char *name)
{
	CSPARSE	*cs;
	NEOERR	*err;

	if ((cs = tmpl_find(name)) != NULL)
		return cs;
	if (tmpl_ncache == TMPL_CACHE_MAX) {
		log_warnx("template cache full at %s", name);
		return NULL;
	}
	if ((err = cs_init(&cs, tmpl_base)) != STATUS_OK) {
		tmpl_neoerr(err, name);
		return NULL;
	}
	if ((err = cs_register_esc_strfunc(cs, "url_escape",
	    tmpl_url_escape)) != STATUS_OK ||
	    (err = cs_parse_file(cs, name)) != STATUS_OK) {
		tmpl_neoerr(err, name);
		cs_destroy(&cs);
		return NULL;
	}
	tmpl_cache[tmpl_ncache].name = strdup(name);
	tmpl_cache[tmpl_ncache].cs = cs;
	if (tmpl_cache[tmpl_ncache].name == NULL) {
		cs_destroy(&cs);
		return NULL;
	}
	tmpl_ncache++;
	return cs;
}

static void
tmpl_hdf_destroy(void *arg)
{
	HDF	*hdf = arg;

	hdf_destroy(&hdf);
}

HDF *
tmpl_hdf_new(struct pool *p)
{
	HDF	*hdf;

	if (hdf_init(&hdf) != STATUS_OK)
		return NULL;
	if (pool_defer(p, tmpl_hdf_destroy, hdf) == -1) {
		hdf_destroy(&hdf);
		return NULL;
	}
	return hdf;
}

static NEOERR *
tmpl_out(void *ctx, char *s)
{
	if (buf_puts(ctx, s) == -1)
		return nerr_raise(NERR_NOMEM, "out of memory");
	return STATUS_OK;
}

/*
 * The parse tree is the process's; the data is the request's.  The
 * language strings hang under it as the global HDF, so "Lang.x" resolves
 * without copying them into every request.
 */
enum gerr
tmpl_render(HDF *data, enum lang lang, const char *name, struct buf *out)
{
	CSPARSE	*cs;
	NEOERR	*err;

	if ((cs = tmpl_get(name)) == NULL)
		return GERR_SYSTEM;
	cs->hdf = data;
	cs->global_hdf = tmpl_lang[lang];
	err = cs_render(cs, out, tmpl_out);
	cs->hdf = tmpl_base;
	cs->global_hdf = NULL;
	if (err != STATUS_OK)
		return tmpl_neoerr(err, name);
	return GERR_OK;
}

const char *
tmpl_str(enum lang lang, const char *key)
{
	char		 name[256];
	const char	*v;
	size_t		 n = strlen(key);

	/* "Lang." and the key, without printf: a page asks for dozens */
	if (n + 6 > sizeof(name))
		return key;
	memcpy(name, "Lang.", 5);
	memcpy(name + 5, key, n + 1);
	if ((v = hdf_get_value(tmpl_lang[lang], name, NULL)) == NULL &&
	    (v = hdf_get_value(tmpl_lang[LANG_EN], name, NULL)) == NULL)
		v = key;
	return v;
}

/*
 * A language's text with "{name}" replaced by value (the first one):
 * "Indiquez au maximum {limit}.".  fmt itself if it has none.
 */
const char *
tmpl_with(struct pool *p, const char *fmt, const char *name,
    const char *value)
{
	char		 mark[40];
	const char	*at;

	snprintf(mark, sizeof(mark), "{%s}", name);
	if (value == NULL || (at = strstr(fmt, mark)) == NULL)
		return fmt;
	return pool_printf(p, "%.*s%s%s", (int)(at - fmt), fmt, value,
	    at + strlen(mark));
}

/* The node at name, made if missing: to set many values under it. */
HDF *
tmpl_node(HDF *hdf, const char *name)
{
	HDF	*node;
	NEOERR	*err;

	if ((err = hdf_get_node(hdf, name, &node)) != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	return node;
}

int
tmpl_set(HDF *hdf, const char *name, const char *value)
{
	NEOERR	*err;

	if ((err = hdf_set_value(hdf, name, value)) != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

int
tmpl_setf(HDF *hdf, const char *name, const char *fmt, ...)
{
	va_list	 ap;
	char	 v[1024];

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return tmpl_set(hdf, name, v);
}

int
lang_parse(const char *s, enum lang *l)
{
	int	i;

	if (s == NULL)
		return 0;
	for (i = 0; i < LANG__MAX; i++)
		if (strcasecmp(s, lang_codes[i]) == 0) {
			*l = (enum lang)i;
			return 1;
		}
	return 0;
}

/*
 * Accept-Language (RFC 9110 section 12.5.4): the highest q among ours wins,
 * ties by order in the header; "nl-BE" counts as "nl".  French otherwise.
 */
enum lang
lang_negotiate(const char *h)
{
	enum lang	 best = LANG_FR, l;
	double		 bestq = 0, q;
	char		 tag[16];
	size_t		 n;
	const char	*p, *qs;

	while (h != NULL && *h != '\0') {
		while (*h == ' ' || *h == ',')
			h++;
		for (n = 0; h[n] != '\0' && h[n] != ',' && h[n] != ';' &&
		    h[n] != ' '; n++)
			;
		p = h + n;
		snprintf(tag, sizeof(tag), "%.*s", (int)(n < 15 ? n : 15), h);
		tag[strcspn(tag, "-_")] = '\0';
		q = 1.0;
		while (*p != '\0' && *p != ',') {
			if ((qs = strstr(p, "q=")) != NULL &&
			    (strchr(p, ',') == NULL || qs < strchr(p, ',')))
				q = strtod(qs + 2, NULL);
			p = strchr(p, ',') ? strchr(p, ',') : p + strlen(p);
		}
		if (lang_parse(tag, &l) && q > bestq && q <= 1.0) {
			best = l;
			bestq = q;
		}
		h = p;
	}
	return best;
}
