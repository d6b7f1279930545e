/*
 * The profile (/account): the contact address, confirmed by a single-use
 * link before anything is mailed to it (lib/emailconfirm.c), the mobile
 * number, the preferred language (that of emails) and which kinds of
 * notification go by email.  A new address keeps the confirmed one in use
 * until its link is opened.  docs/user-space.md.
 */
#include <string.h>
#include <strings.h>

#include "db.h"
#include "emailconfirm.h"
#include "form.h"
#include "login.h"

/* The kinds a person may turn off, in the order of the form and of q_profile. */
static const char *const kinds[] = { "status", "message", "document",
    "reminder" };

enum { F_EMAIL, F_PHONE, F__MAX };

static const struct field fields[F__MAX] = {
	{ "email", VT_EMAIL, { 0, 0, 0, 0 }, 0 },
	{ "phone", VT_PHONE, { 0, 0, 0, 0 }, 0 },
};

/* The newest link still open stands for the address waiting. */
static struct dbq q_profile = DBQ(
    "SELECT coalesce(p.email, ''), p.email_verified_at IS NOT NULL,"
    "  coalesce(p.phone, ''), p.lang, p.nrn IS NULL,"
    "  (SELECT t.email FROM email_tokens t WHERE t.person_id = p.id"
    "    AND t.member_id IS NULL AND t.used_at IS NULL"
    "    AND t.expires_at > now() ORDER BY t.id DESC LIMIT 1),"
    "  'status' = ANY (p.notify_kinds), 'message' = ANY (p.notify_kinds),"
    "  'document' = ANY (p.notify_kinds), 'reminder' = ANY (p.notify_kinds)"
    "  FROM persons p WHERE p.id = $1::bigint");
#define COL_KINDS	6

static struct dbq q_save = DBQ(
    "UPDATE persons SET phone = $2, lang = $3, lang_chosen = true,"
    "  notify_kinds = $4::text[], updated_at = now()"
    " WHERE id = $1::bigint");

/* A person known by national number may go without a contact address. */
static struct dbq q_forget = DBQ(
    "UPDATE persons SET email = NULL, email_verified_at = NULL,"
    "  updated_at = now() WHERE id = $1::bigint AND nrn IS NOT NULL");

/* Profile.* from the database; Form.* too unless the form came back. */
static enum gerr
profile_hdf(struct req *r, int sent_back)
{
	const char	*p[1] = { r->session->person_id };
	PGresult	*res;
	size_t		 i;

	if ((res = db_query(r->pool, &q_profile, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (*PQgetvalue(res, 0, 1) == 't')
		tmpl_set(r->hdf, "Profile.email", PQgetvalue(res, 0, 0));
	if (*PQgetvalue(res, 0, 4) == 't')
		tmpl_set(r->hdf, "Profile.login_email", PQgetvalue(res, 0, 0));
	if (!PQgetisnull(res, 0, 5))
		tmpl_set(r->hdf, "Profile.pending", PQgetvalue(res, 0, 5));
	tmpl_set(r->hdf, "Profile.hint", emailconfirm_text(r,
	    "account.email_hint"));
	if (sent_back)
		return GERR_OK;
	if (*PQgetvalue(res, 0, 1) == 't')
		tmpl_set(r->hdf, "Form.email.value", PQgetvalue(res, 0, 0));
	tmpl_set(r->hdf, "Form.phone.value", PQgetvalue(res, 0, 2));
	tmpl_set(r->hdf, "Form.lang.value", PQgetvalue(res, 0, 3));
	for (i = 0; i < nitems(kinds); i++)
		if (*PQgetvalue(res, 0, COL_KINDS + (int)i) == 't')
			tmpl_set(r->hdf, pool_printf(r->pool,
			    "Form.notify_%s.value", kinds[i]), "1");
	return GERR_OK;
}

static enum gerr
profile_render(struct req *r, int status, int sent_back)
{
	enum gerr	e;

	if ((e = profile_hdf(r, sent_back)) != GERR_OK)
		return e;
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	return resp_render(r, status, "login/profile.cs");
}

/* 200 with the profile; ?saved, ?sent, ?verified say what just happened. */
enum gerr
page_profile(struct req *r)
{
	static const char *const notes[] = { "saved", "sent", "verified" };
	size_t	i;

	for (i = 0; i < nitems(notes); i++)
		if (req_query(r, notes[i]) != NULL)
			tmpl_set(r->hdf, "Profile.note", notes[i]);
	return profile_render(r, 200, 0);
}

/* The kinds ticked, as a PostgreSQL array; the boxes stay as ticked. */
static const char *
kinds_form(struct req *r)
{
	struct buf	 b;
	const char	*v;
	size_t		 i;

	buf_init(&b, r->pool);
	buf_putc(&b, '{');
	for (i = 0; i < nitems(kinds); i++) {
		v = req_form(r, pool_printf(r->pool, "notify_%s", kinds[i]));
		if (v == NULL || strcmp(v, "1") != 0)
			continue;
		tmpl_set(r->hdf, pool_printf(r->pool, "Form.notify_%s.value",
		    kinds[i]), "1");
		buf_printf(&b, "%s%s", b.len > 1 ? "," : "", kinds[i]);
	}
	buf_putc(&b, '}');
	return buf_cstr(&b);
}

/* The form's checks: 0, or the number of problems (each on its field). */
static int
profile_check(struct req *r, const char **v, enum lang *lang)
{
	const char	*l = req_form(r, "lang");
	int		 bad;

	bad = form_check(r, fields, F__MAX, v);
	tmpl_set(r->hdf, "Form.lang.value", l != NULL ? l : "");
	if (l == NULL || !lang_parse(l, lang)) {
		form_error(r, "lang", "account.err_lang");
		bad++;
	}
	return bad;
}

/* The address typed, against the one confirmed: a link, or nothing. */
static enum gerr
profile_email(struct req *r, const char *typed, int *sent)
{
	struct emailconfirm	 c;
	const char		*p[1] = { r->session->person_id }, *now;
	PGresult		*res;

	*sent = 0;
	if ((res = db_query(r->pool, &q_profile, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (*PQgetvalue(res, 0, 4) == 't')
		return GERR_OK;		/* the login address: not here */
	now = *PQgetvalue(res, 0, 1) == 't' ? PQgetvalue(res, 0, 0) : NULL;
	if (typed == NULL)
		return now == NULL && *PQgetvalue(res, 0, 0) == '\0' ? GERR_OK :
		    db_query(r->pool, &q_forget, 1, p) != NULL ? GERR_OK :
		    db_last_error();
	if (now != NULL && strcasecmp(now, typed) == 0)
		return GERR_OK;
	memset(&c, 0, sizeof(c));
	c.email = typed;
	c.path = "/account/email/confirm";
	c.texts = "account";
	*sent = 1;
	return emailconfirm_send(r, &c);
}

/*
 * 303 to the profile, saved (and, for a new address, its link sent); 400
 * with what was typed and why; 429 after too many links within the hour
 * and 502 when the link could not be mailed, the rest saved.
 */
enum gerr
page_profile_post(struct req *r)
{
	const char	*v[F__MAX], *p[4];
	enum lang	 lang;
	enum gerr	 e;
	int		 sent;

	p[3] = kinds_form(r);
	if (r->csrf_failed) {
		(void)profile_check(r, v, &lang);
		form_error(r, "email", "err.expired");
		return profile_render(r, 400, 1);
	}
	if (profile_check(r, v, &lang) > 0)
		return profile_render(r, 400, 1);
	p[0] = r->session->person_id;
	p[1] = v[F_PHONE];
	p[2] = lang_codes[lang];
	if (db_query(r->pool, &q_save, 4, p) == NULL)
		return db_last_error();
	switch ((e = profile_email(r, v[F_EMAIL], &sent))) {
	case GERR_OK:
		return resp_redirect(r, 303, sent ? "/account?sent=1" :
		    "/account?saved=1");
	case GERR_CONFLICT:
		form_error(r, "email", "account.err_too_many");
		return profile_render(r, 429, 1);
	case GERR_UPSTREAM:
		form_error(r, "email", "account.err_mail");
		return profile_render(r, 502, 1);
	default:
		return e;
	}
}

/* The page that says a link is spent, and changes nothing: 410. */
static enum gerr
link_spent(struct req *r)
{
	r->cache = "private, no-store";
	return resp_render(r, 410, "login/profile_link.cs");
}

/*
 * 200 with a button to confirm (a mail scanner that follows the link
 * confirms nothing); 410 for a link used, expired or not the person's.
 */
enum gerr
page_profile_confirm(struct req *r)
{
	const char	*t = req_query(r, "token");
	enum gerr	 e;

	if ((e = emailconfirm_check(r, t, 0)) == GERR_NOTFOUND)
		return link_spent(r);
	if (e != GERR_OK)
		return e;
	tmpl_set(r->hdf, "Profile.token", t);
	tmpl_set(r->hdf, "Profile.confirm", "1");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	return resp_render(r, 200, "login/profile_link.cs");
}

/* 303 to the profile, the address confirmed; 410 as above, nothing changed. */
enum gerr
page_profile_confirm_post(struct req *r)
{
	const char	*org;
	enum gerr	 e;

	if ((e = emailconfirm_use(r, req_form(r, "token"), 0, &org)) ==
	    GERR_NOTFOUND)
		return link_spent(r);
	if (e != GERR_OK)
		return e;
	return resp_redirect(r, 303, "/account?verified=1");
}
