/*
 * The contact page: a question for the help desk, stored with a reference
 * and acknowledged by email (sql/0031, helpdesk_ask), for its agents to
 * answer in the inbox.
 */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "form.h"
#include "help.h"
#include "helpdesk.h"

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

static struct dbq q_reference = DBQ("SELECT helpdesk_reference()");

static struct dbq q_ask = DBQ(
    "SELECT helpdesk_ask($1, decode($2, 'hex'), $3, $4, $5, $6, $7, $8)");

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
 * The question stored under a new reference, with the hash of the key of
 * its link (lib/helpdesk.c) and its acknowledgement queued; the reference
 * in *ref.
 */
static enum gerr
contact_store(struct req *r, const char **v, const char **ref)
{
	char		 key[HELPDESK_KEY_HEX + 1], hash[65];
	const char	*p[8];
	PGresult	*res;

	if ((res = db_query(r->pool, &q_reference, 0, NULL)) == NULL)
		return db_last_error();
	*ref = PQgetvalue(res, 0, 0);
	helpdesk_key(*ref, key);
	sha256_hex(key, hash);
	p[0] = *ref;
	p[1] = hash;
	p[2] = lang_codes[r->lang];
	p[3] = v[F_THEME];
	p[4] = v[F_NAME];
	p[5] = v[F_EMAIL];
	p[6] = v[F_SUBJECT];
	p[7] = v[F_MESSAGE];
	return db_query(r->pool, &q_ask, 8, p) == NULL ? db_last_error() :
	    GERR_OK;
}

/*
 * 303 to the thank-you page, which gives the reference, once stored; 400
 * with the form, the user's text and a message per field otherwise (also
 * when the page expired).
 */
enum gerr
page_contact_post(struct req *r)
{
	const char	*v[F__MAX];
	const char	*ref = NULL;
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
	if ((e = contact_store(r, v, &ref)) != GERR_OK)
		return e;
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/help/contact/sent?ref=%s", ref));
}

/* 200 with the thanks, and the reference when ?ref= is one. */
enum gerr
page_contact_sent(struct req *r)
{
	const char	*ref = req_query(r, "ref");

	if (valid_question_ref(ref))
		tmpl_set(r->hdf, "Question.reference", ref);
	r->tmpl = "help/sent.cs";
	return GERR_OK;
}
