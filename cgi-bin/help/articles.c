/* Help centre pages: themes, articles and search. */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "help.h"
#include "valid.h"
#include "when.h"

#define SEARCH_MAX	200	/* characters of a search query */

/* Seconds a worker keeps help content it read; searches are not cached. */
static int
cache_ttl(void)
{
	return conf_int("help.cache_seconds");
}
#define RESULTS_MAX	"20"

static struct dbq q_index = DBQ(
    "SELECT th.code, tt.title, tt.intro, a.slug, x.title, x.summary"
    "  FROM faq_themes th"
    "  JOIN faq_theme_texts tt ON tt.theme_code = th.code AND tt.lang = $1"
    "  LEFT JOIN faq_articles a ON a.theme_code = th.code"
    "  LEFT JOIN faq_article_texts x ON x.article_id = a.id AND x.lang = $1"
    " WHERE $2::text IS NULL OR th.code = $2"
    " ORDER BY th.position, a.position, a.id");

static struct dbq q_article = DBQ(
    "SELECT x.title, x.summary, x.body, a.theme_code, tt.title,"
    "       a.updated_at::date, a.id"
    "  FROM faq_articles a"
    "  JOIN faq_article_texts x ON x.article_id = a.id AND x.lang = $2"
    "  JOIN faq_theme_texts tt ON tt.theme_code = a.theme_code"
    "   AND tt.lang = $2"
    " WHERE a.slug = $1");

static struct dbq q_related = DBQ(
    "SELECT a.slug, x.title"
    "  FROM faq_articles a"
    "  JOIN faq_article_texts x ON x.article_id = a.id AND x.lang = $2"
    " WHERE a.theme_code = $3 AND a.id <> $1::bigint"
    " ORDER BY a.position, a.id LIMIT 5");

/*
 * websearch syntax: words, "phrases", -excluded, or.  All words must match;
 * when none does, the second query takes articles with any of the words,
 * best first, so "attaching PDFs" still finds the article on annexes.
 */
#define SEARCH_SQL(query)						\
    "SELECT a.slug, x.title, x.summary, tt.title,"			\
    "       ts_rank_cd(x.search, q) AS rank"				\
    "  FROM faq_article_texts x"					\
    "  JOIN faq_articles a ON a.id = x.article_id"			\
    "  JOIN faq_theme_texts tt ON tt.theme_code = a.theme_code"		\
    "   AND tt.lang = x.lang, (SELECT " query " AS q) s"		\
    " WHERE x.lang = $1 AND x.search @@ q"				\
    " ORDER BY rank DESC, a.position, a.id LIMIT " RESULTS_MAX

static struct dbq q_search = DBQ(SEARCH_SQL(
    "websearch_to_tsquery(lang_regconfig($1::lang_code), $2)"));
static struct dbq q_search_any = DBQ(SEARCH_SQL(
    "replace(websearch_to_tsquery(lang_regconfig($1::lang_code), $2)::text,"
    " ' & ', ' | ')::tsquery"));

static void
hdf_themes(struct req *r, PGresult *res)
{
	int		 i, t = -1, a = 0;
	const char	*code, *prev = "";

	for (i = 0; i < PQntuples(res); i++) {
		code = PQgetvalue(res, i, 0);
		if (strcmp(code, prev) != 0) {
			t++;
			a = 0;
			prev = code;
			tmpl_setf(r->hdf, pool_printf(r->pool,
			    "Themes.%d.code", t), "%s", code);
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Themes.%d.title", t), PQgetvalue(res, i, 1));
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Themes.%d.intro", t), PQgetvalue(res, i, 2));
		}
		if (PQgetisnull(res, i, 4))
			continue;
		tmpl_set(r->hdf, pool_printf(r->pool,
		    "Themes.%d.articles.%d.slug", t, a), PQgetvalue(res, i, 3));
		tmpl_set(r->hdf, pool_printf(r->pool,
		    "Themes.%d.articles.%d.title", t, a), PQgetvalue(res, i, 4));
		tmpl_set(r->hdf, pool_printf(r->pool,
		    "Themes.%d.articles.%d.summary", t, a),
		    PQgetvalue(res, i, 5));
		a++;
	}
}

static const char *const related_cols[] = { "slug", "title" };
static const char *const result_cols[] = { "slug", "title", "summary",
    "theme" };

/* 200 with every theme and its articles. */
enum gerr
page_index(struct req *r)
{
	const char	*p[2] = { lang_codes[r->lang], NULL };
	PGresult	*res;

	if ((res = db_query_cached(r->pool, &q_index, 2, p, cache_ttl())) ==
	    NULL)
		return db_last_error();
	hdf_themes(r, res);
	r->tmpl = "help/index.cs";
	return GERR_OK;
}

/* 200 with one theme's articles; 404 if there is no such theme. */
enum gerr
page_theme(struct req *r)
{
	const char	*p[2] = { lang_codes[r->lang], r->args[0] };
	PGresult	*res;

	if ((res = db_query_cached(r->pool, &q_index, 2, p, cache_ttl())) ==
	    NULL)
		return db_last_error();
	if (PQntuples(res) == 0)
		return GERR_NOTFOUND;
	hdf_themes(r, res);
	r->tmpl = "help/theme.cs";
	return GERR_OK;
}

/*
 * An article body is plain text: blank lines part paragraphs, and a
 * paragraph whose lines all start with "- " is a list.  No markup is ever
 * taken from the database.
 */
static void
hdf_body(struct req *r, const char *body)
{
	const char	*p = body, *end, *line, *eol;
	int		 n = 0, items, list;
	size_t		 len;

	while (*p != '\0') {
		while (*p == '\n')
			p++;
		if (*p == '\0')
			break;
		if ((end = strstr(p, "\n\n")) == NULL)
			end = p + strlen(p);
		list = 1;
		for (line = p; line < end; line = eol + 1) {
			if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
				eol = end;
			if (strncmp(line, "- ", 2) != 0)
				list = 0;
		}
		if (!list) {
			len = (size_t)(end - p);
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Article.blocks.%d.text", n),
			    pool_strndup(r->pool, p, len));
		} else {
			items = 0;
			for (line = p; line < end; line = eol + 1) {
				if ((eol = memchr(line, '\n',
				    (size_t)(end - line))) == NULL)
					eol = end;
				tmpl_set(r->hdf, pool_printf(r->pool,
				    "Article.blocks.%d.items.%d", n, items++),
				    pool_strndup(r->pool, line + 2,
				    (size_t)(eol - line - 2)));
			}
		}
		n++;
		p = end;
	}
}

/* 200 with the article in the user's language; 404 if there is none. */
enum gerr
page_article(struct req *r)
{
	const char	*p[3] = { r->args[0], lang_codes[r->lang], NULL };
	PGresult	*res, *rel;

	if ((res = db_query_cached(r->pool, &q_article, 2, p, cache_ttl())) ==
	    NULL)
		return db_last_error();
	if (PQntuples(res) == 0)
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Article.slug", r->args[0]);
	tmpl_set(r->hdf, "Article.title", PQgetvalue(res, 0, 0));
	tmpl_set(r->hdf, "Article.summary", PQgetvalue(res, 0, 1));
	hdf_body(r, PQgetvalue(res, 0, 2));
	tmpl_set(r->hdf, "Article.theme", PQgetvalue(res, 0, 3));
	tmpl_set(r->hdf, "Article.theme_title", PQgetvalue(res, 0, 4));
	tmpl_set(r->hdf, "Article.updated", when_cell(r->pool, res, 0, 5));
	p[0] = PQgetvalue(res, 0, 6);
	p[2] = PQgetvalue(res, 0, 3);
	if ((rel = db_query_cached(r->pool, &q_related, 3, p, cache_ttl())) ==
	    NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Related", rel, related_cols,
	    nitems(related_cols)) == -1)
		return GERR_NOMEM;
	r->cache = "public, max-age=300";
	r->tmpl = "help/article.cs";
	return GERR_OK;
}

/*
 * 200 with the results (or none) for ?q=; an empty query shows the form.
 * A query that is not one line of text up to 200 characters gets the form
 * back with a message and status 400.
 */
enum gerr
page_search(struct req *r)
{
	static const struct vlimits	 lim = { 0, SEARCH_MAX, 0, 0 };
	const char			*q = req_query(r, "q"), *p[2];
	PGresult			*res;

	r->tmpl = "help/search.cs";
	if (q == NULL || q[strspn(q, " \t")] == '\0')
		return GERR_OK;
	tmpl_set(r->hdf, "Search.q", q);
	if (!valid_text(q, &lim, NULL, 0)) {
		tmpl_set(r->hdf, "Search.error", req_tr(r, "help.search_too_long"));
		return resp_render(r, 400, r->tmpl);
	}
	p[0] = lang_codes[r->lang];
	p[1] = q;
	if ((res = db_query(r->pool, &q_search, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0 &&
	    (res = db_query(r->pool, &q_search_any, 2, p)) == NULL)
		return db_last_error();
	tmpl_setf(r->hdf, "Search.count", "%d", PQntuples(res));
	return req_hdf_rows(r, "Results", res, result_cols,
	    nitems(result_cols)) == -1 ? GERR_NOMEM : GERR_OK;
}
