/*
 * A user's professional address for an organisation: asked on first use,
 * confirmed by a link with a single-use token sent through SMTP (only its
 * SHA-256 is stored), where the organisation's notifications go from then
 * on (sql/0020, outbox_org_address).
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "html.h"
#include "mail.h"
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

static struct dbq q_token = DBQ(
    "INSERT INTO org_email_tokens (member_id, email, token_hash, expires_at)"
    " SELECT m.id, $3, decode($4, 'hex'),"
    "  now() + make_interval(hours => $5::int)"
    "  FROM org_members m WHERE m.organisation_id = $1::bigint"
    "   AND m.person_id = $2::bigint AND m.removed_at IS NULL"
    " RETURNING id");

static struct dbq q_recent = DBQ(
    "SELECT count(*) FROM org_email_tokens t JOIN org_members m"
    "  ON m.id = t.member_id WHERE m.person_id = $1::bigint"
    "   AND t.created_at > now() - interval '1 hour'");

/* 200 "sent, open the link"; 400 with the form; 502 if no mail went. */
enum gerr
page_email_post(struct req *r)
{
	const struct session	*s = r->session;
	const char		*email, *p[5];
	char			 token[65], hash[65];
	struct buf		 body;
	PGresult		*res;
	enum gerr		 e;

	if ((e = email_start(r)) != GERR_OK || r->responded)
		return e;
	if (form_check(r, email_field, 1, &email) > 0 || r->csrf_failed) {
		if (r->csrf_failed)
			form_error(r, "email", "err.expired");
		return email_render(r, 400);
	}
	p[0] = s->person_id;
	if ((res = db_query(r->pool, &q_recent, 1, p)) == NULL)
		return db_last_error();
	if (atoi(PQgetvalue(res, 0, 0)) >= 5) {
		form_error(r, "email", "orgs.err_too_many");
		return email_render(r, 429);
	}
	if (random_hex(token, 32) == -1)
		return GERR_SYSTEM;
	sha256_hex(token, hash);
	p[0] = s->acting_org_id;
	p[1] = s->person_id;
	p[2] = email;
	p[3] = hash;
	p[4] = "24";
	if ((res = db_query(r->pool, &q_token, 5, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	buf_init(&body, r->pool);
	buf_puts(&body, req_tr(r, "orgs.mail_intro"));
	buf_puts(&body, "\r\n\r\n    ");
	buf_puts(&body, conf_str("site.url"));
	buf_puts(&body, "/org/email/confirm?token=");
	buf_puts(&body, token);
	/* where they were going when asked, to go on once confirmed */
	if (strcmp(email_return(r), "/org") != 0) {
		buf_puts(&body, "&return=");
		url_escape(&body, email_return(r));
	}
	buf_puts(&body, "\r\n\r\n");
	buf_puts(&body, req_tr(r, "orgs.mail_outro"));
	buf_puts(&body, "\r\n");
	if (mail_send(r->pool, email, req_tr(r, "orgs.mail_subject"),
	    buf_cstr(&body)) != GERR_OK) {
		form_error(r, "email", "orgs.err_mail");
		return email_render(r, 502);
	}
	tmpl_set(r->hdf, "Email.sent", email);
	return email_render(r, 200);
}

static int
token_ok(const char *t)
{
	return t != NULL && strlen(t) == 64 &&
	    strspn(t, "0123456789abcdef") == 64;
}

/* 200 with a button to confirm: a link followed by a mail scanner is harmless. */
enum gerr
page_email_confirm(struct req *r)
{
	const char	*t = req_query(r, "token");

	if (!token_ok(t))
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Email.token", t);
	tmpl_set(r->hdf, "Email.return", email_return(r));
	return org_render(r, 200, "orgs/email_confirm.cs");
}

/* Used once, unexpired, by the person it was sent for. */
static struct dbq q_confirm = DBQ(
    "WITH t AS (UPDATE org_email_tokens t SET used_at = now()"
    "  FROM org_members m WHERE t.token_hash = decode($1, 'hex')"
    "   AND t.used_at IS NULL AND t.expires_at > now()"
    "   AND m.id = t.member_id AND m.person_id = $2::bigint"
    "   AND m.removed_at IS NULL"
    "  RETURNING m.id, m.organisation_id, t.email),"
    " u AS (UPDATE org_members m SET pro_email = t.email,"
    "  pro_email_confirmed_at = now() FROM t WHERE m.id = t.id RETURNING m.id)"
    " SELECT t.organisation_id, org_audit('org_email_confirmed', $2::bigint,"
    "  t.organisation_id, 'member', t.id, $3::inet, '{}') FROM t");

/*
 * 303 to where they were going when asked, or to the workspace, confirmed;
 * 404 for a token used, expired or not theirs.
 */
enum gerr
page_email_confirm_post(struct req *r)
{
	const char	*t = req_form(r, "token"), *p[3];
	char		 hash[65];
	PGresult	*res;

	if (!token_ok(t))
		return GERR_NOTFOUND;
	sha256_hex(t, hash);
	p[0] = hash;
	p[1] = r->session->person_id;
	p[2] = req_remote_addr(r);
	if ((res = db_query(r->pool, &q_confirm, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (strcmp(email_return(r), "/org") != 0)
		return resp_redirect(r, 303, email_return(r));
	return resp_redirect(r, 303, "/org?confirmed=1");
}
