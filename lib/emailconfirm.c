/*
 * Single-use links that confirm an email address is the user's: made
 * here, mailed at once (not through the outbox: the mail would hold the
 * token in clear, and the user waits for it on the page), used by
 * email_token_use (sql/0027).  Only the token's SHA-256 is stored.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "emailconfirm.h"
#include "html.h"
#include "mail.h"

/* The membership must be the person's own and current. */
static struct dbq q_token = DBQ(
    "INSERT INTO email_tokens (person_id, member_id, email, token_hash,"
    "  expires_at)"
    " SELECT $1::bigint, $2::bigint, $3, decode($4, 'hex'),"
    "  now() + make_interval(hours => $5::int)"
    " WHERE $2::bigint IS NULL OR EXISTS (SELECT 1 FROM org_members m"
    "  WHERE m.id = $2::bigint AND m.person_id = $1::bigint"
    "   AND m.removed_at IS NULL)"
    " RETURNING id");

static struct dbq q_recent = DBQ(
    "SELECT count(*) FROM email_tokens WHERE person_id = $1::bigint"
    "   AND created_at > now() - interval '1 hour'");

static struct dbq q_check = DBQ(
    "SELECT 1 FROM email_tokens WHERE token_hash = decode($1, 'hex')"
    "   AND person_id = $2::bigint AND (member_id IS NOT NULL) = $3::boolean"
    "   AND used_at IS NULL AND expires_at > now()");

static struct dbq q_use = DBQ(
    "SELECT organisation_id FROM email_token_use($1, $2::bigint,"
    "  $3::boolean, $4::inet)");

const char *
emailconfirm_text(struct req *r, const char *key)
{
	const char	*s = req_tr(r, key), *at;

	if ((at = strstr(s, "{hours}")) == NULL)
		return s;
	return pool_printf(r->pool, "%.*s%d%s", (int)(at - s), s,
	    conf_int("email.confirm_hours"), at + 7);
}

static const char *
text(struct req *r, const struct emailconfirm *c, const char *what)
{
	return emailconfirm_text(r, pool_printf(r->pool, "%s.%s", c->texts,
	    what));
}

/* The mail: why, the link, what to do if it was not them. */
static const char *
mail_body(struct req *r, const struct emailconfirm *c, const char *token)
{
	struct buf	 b;

	buf_init(&b, r->pool);
	buf_puts(&b, text(r, c, "mail_intro"));
	buf_puts(&b, "\r\n\r\n    ");
	buf_puts(&b, conf_str("site.url"));
	buf_puts(&b, c->path);
	buf_puts(&b, "?token=");
	buf_puts(&b, token);
	if (c->ret != NULL) {
		buf_puts(&b, "&return=");
		url_escape(&b, c->ret);
	}
	buf_puts(&b, "\r\n\r\n");
	buf_puts(&b, text(r, c, "mail_outro"));
	buf_puts(&b, "\r\n");
	return buf_cstr(&b);
}

enum gerr
emailconfirm_send(struct req *r, const struct emailconfirm *c)
{
	const char	*p[5];
	char		 token[65], hash[65];
	PGresult	*res;

	p[0] = r->session->person_id;
	if ((res = db_query(r->pool, &q_recent, 1, p)) == NULL)
		return db_last_error();
	if (atoi(PQgetvalue(res, 0, 0)) >= EMAILCONFIRM_PER_HOUR)
		return GERR_CONFLICT;
	if (random_hex(token, 32) == -1)
		return GERR_SYSTEM;
	sha256_hex(token, hash);
	p[1] = c->member_id;
	p[2] = c->email;
	p[3] = hash;
	p[4] = pool_printf(r->pool, "%d", conf_int("email.confirm_hours"));
	if ((res = db_query(r->pool, &q_token, 5, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (mail_send(r->pool, c->email, text(r, c, "mail_subject"),
	    mail_body(r, c, token)) != GERR_OK)
		return GERR_UPSTREAM;
	return GERR_OK;
}

int
emailconfirm_token_ok(const char *t)
{
	return t != NULL && strlen(t) == 64 &&
	    strspn(t, "0123456789abcdef") == 64;
}

/* p[0..2]: the token's hash, the person, the kind; 0 if no token. */
static int
token_params(struct req *r, const char *token, int member, char hash[65],
    const char **p)
{
	if (!emailconfirm_token_ok(token))
		return 0;
	sha256_hex(token, hash);
	p[0] = hash;
	p[1] = r->session->person_id;
	p[2] = member ? "true" : "false";
	return 1;
}

enum gerr
emailconfirm_check(struct req *r, const char *token, int member)
{
	const char	*p[3];
	char		 hash[65];
	PGresult	*res;

	if (!token_params(r, token, member, hash, p))
		return GERR_NOTFOUND;
	if ((res = db_query(r->pool, &q_check, 3, p)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_NOTFOUND;
}

enum gerr
emailconfirm_use(struct req *r, const char *token, int member,
    const char **org_id)
{
	const char	*p[4];
	char		 hash[65];
	PGresult	*res;

	*org_id = NULL;
	if (!token_params(r, token, member, hash, p))
		return GERR_NOTFOUND;
	p[3] = req_remote_addr(r);
	if ((res = db_query(r->pool, &q_use, 4, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (!PQgetisnull(res, 0, 0))
		*org_id = PQgetvalue(res, 0, 0);
	return GERR_OK;
}
