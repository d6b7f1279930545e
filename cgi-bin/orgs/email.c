/*
 * A user's professional address for an organisation: asked on first use,
 * confirmed by a single-use link sent through SMTP (lib/emailconfirm.c),
 * where the organisation's notifications go from then on (sql/0027,
 * notify_address).
 */
#include <string.h>

#include "emailconfirm.h"
#include "html.h"
#include "orgs.h"
#include "valid.h"

static const struct field email_field[] = {
	{ "email", VT_EMAIL, { 0, 0, 0, 0 }, 1 },
};

static const char *
email_return(struct req *r)
{
	const char	*ret = req_form(r, "return");

	if (ret == NULL)
		ret = req_query(r, "return");
	return url_is_local_path(ret) ? ret : "/org";
}

static enum gerr
email_render(struct req *r, int status)
{
	tmpl_set(r->hdf, "Email.return", email_return(r));
	tmpl_set(r->hdf, "Email.hint", emailconfirm_text(r, "orgs.email_hint"));
	return org_render(r, status, "orgs/email.cs");
}

/* The page is for a user of the organisation acted for, as its user. */
static enum gerr
email_start(struct req *r)
{
	int	manager;

	return org_start(r, &manager, 1);
}

enum gerr
page_email(struct req *r)
{
	enum gerr	e;

	if ((e = email_start(r)) != GERR_OK || r->responded)
		return e;
	return email_render(r, 200);
}

/* The membership of the organisation acted for, the session's. */
static struct dbq q_member = DBQ(
    "SELECT id FROM org_members WHERE organisation_id = $1::bigint"
    "   AND person_id = $2::bigint AND removed_at IS NULL");

/*
 * 200 "sent, open the link"; 400 with the form; 429 after too many links
 * within the hour; 502 if no mail went.
 */
enum gerr
page_email_post(struct req *r)
{
	struct emailconfirm	 c;
	const char		*p[2];
	PGresult		*res;
	enum gerr		 e;

	if ((e = email_start(r)) != GERR_OK || r->responded)
		return e;
	memset(&c, 0, sizeof(c));
	if (form_check(r, email_field, 1, &c.email) > 0 || r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "email", "err.expired");
		return email_render(r, 400);
	}
	p[0] = r->session->acting_org_id;
	p[1] = r->session->person_id;
	if ((res = db_query(r->pool, &q_member, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	c.member_id = PQgetvalue(res, 0, 0);
	c.path = "/org/email/confirm";
	/* where they were going when asked, to go on once confirmed */
	c.ret = strcmp(email_return(r), "/org") != 0 ? email_return(r) : NULL;
	c.texts = "orgs";
	switch ((e = emailconfirm_send(r, &c))) {
	case GERR_OK:
		tmpl_set(r->hdf, "Email.sent", c.email);
		return email_render(r, 200);
	case GERR_CONFLICT:
		form_error(r, "email", "orgs.err_too_many");
		return email_render(r, 429);
	case GERR_UPSTREAM:
		form_error(r, "email", "orgs.err_mail");
		return email_render(r, 502);
	default:
		return e;
	}
}

/* 200 with a button to confirm: a link followed by a mail scanner is harmless. */
enum gerr
page_email_confirm(struct req *r)
{
	const char	*t = req_query(r, "token");

	if (!emailconfirm_token_ok(t))
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Email.token", t);
	tmpl_set(r->hdf, "Email.return", email_return(r));
	return org_render(r, 200, "orgs/email_confirm.cs");
}

/*
 * 303 to where they were going when asked, or to the workspace, confirmed;
 * 404 for a token used, expired or not theirs.
 */
enum gerr
page_email_confirm_post(struct req *r)
{
	const char	*org;
	enum gerr	 e;

	if ((e = emailconfirm_use(r, req_form(r, "token"), 1, &org)) != GERR_OK)
		return e;
	if (strcmp(email_return(r), "/org") != 0)
		return resp_redirect(r, 303, email_return(r));
	return resp_redirect(r, 303, "/org?confirmed=1");
}
