/* The contact page: a question for the helpdesk, stored for its agents. */
#include <string.h>

#include "db.h"
#include "form.h"
#include "help.h"

enum { F_NAME, F_EMAIL, F_SUBJECT, F_THEME, F_MESSAGE, F__MAX };

static const struct field contact_fields[F__MAX] = {
	[F_NAME] =	{ "name",	VT_TEXT,	{ 1, 200, 0, 0 }, 1 },
	[F_EMAIL] =	{ "email",	VT_EMAIL,	{ 0, 0, 0, 0 }, 1 },
	[F_SUBJECT] =	{ "subject",	VT_TEXT,	{ 1, 200, 0, 0 }, 1 },
	[F_THEME] =	{ "theme",	VT_TEXT,	{ 0, 40, 0, 0 }, 0 },
	[F_MESSAGE] =	{ "message",	VT_LONGTEXT,	{ 1, 5000, 0, 0 }, 1 },
};

static struct dbq q_themes = DBQ(
    "SELECT th.code, tt.title FROM faq_themes th"
    "  JOIN faq_theme_texts tt ON tt.theme_code = th.code AND tt.lang = $1"
    " ORDER BY th.position");

static struct dbq q_insert = DBQ(
    "INSERT INTO helpdesk_questions (lang, theme_code, name, email, subject,"
    "  body)"
    " SELECT $1, (SELECT code FROM faq_themes WHERE code = $2), $3, $4, $5,"
    "  $6");

static const char *const theme_cols[] = { "code", "title" };

/* The theme choices, with the one the user picked kept selected. */
enum gerr
help_themes_menu(struct req *r)
{
	const char	*p[1] = { lang_codes[r->lang] };
	const char	*picked = req_form(r, "theme");
	PGresult	*res;
	int		 i;

	if (picked == NULL)
		picked = req_query(r, "theme");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	if ((res = db_query(r->pool, &q_themes, 1, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Choices", res, theme_cols, nitems(theme_cols))
	    == -1)
		return GERR_NOMEM;
	for (i = 0; i < PQntuples(res); i++)
		if (picked != NULL && strcmp(picked, PQgetvalue(res, i, 0)) == 0)
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Choices.%d.selected", i), "1");
	return GERR_OK;
}

/* 200 with the empty form. */
enum gerr
page_contact(struct req *r)
{
	r->tmpl = "help/contact.cs";
	return help_themes_menu(r);
}

/*
 * 303 to the thank-you page once stored; 400 with the form, the user's
 * text and a message per field otherwise (also when the page expired).
 */
enum gerr
page_contact_post(struct req *r)
{
	const char	*v[F__MAX];
	const char	*p[6];
	enum gerr	 e;
	int		 errors;

	errors = form_check(r, contact_fields, F__MAX, v);
	if ((e = help_themes_menu(r)) != GERR_OK)
		return e;
	if (r->csrf_failed) {
		tmpl_set(r->hdf, "Form.expired", req_tr(r, "err.expired"));
		return resp_render(r, 400, "help/contact.cs");
	}
	if (errors > 0)
		return resp_render(r, 400, "help/contact.cs");
	p[0] = lang_codes[r->lang];
	p[1] = v[F_THEME];
	p[2] = v[F_NAME];
	p[3] = v[F_EMAIL];
	p[4] = v[F_SUBJECT];
	p[5] = v[F_MESSAGE];
	if (db_query(r->pool, &q_insert, 6, p) == NULL)
		return db_last_error();
	return resp_redirect(r, 303, "/help/contact/sent");
}

/* 200 with the thanks. */
enum gerr
page_contact_sent(struct req *r)
{
	r->tmpl = "help/sent.cs";
	return GERR_OK;
}
