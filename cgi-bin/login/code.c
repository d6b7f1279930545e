/*
 * One-time codes by email, for procedures that accept the low assurance
 * level.  A code has 6 digits, lives 10 minutes, serves once, and survives
 * 5 wrong tries; only an HMAC of address and code is stored.  At most 5
 * codes per address and 20 per IP address in 15 minutes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "audit.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "form.h"
#include "identity.h"
#include "login.h"
#include "mail.h"
#include "metrics.h"

#define CODE_TTL_MIN		"10"
#define CODE_TRIES		5
#define CODES_PER_ADDRESS	5
#define CODES_PER_IP		20

static const struct field email_field[] = {
	{ "email", VT_EMAIL, { 0, 0, 0, 0 }, 1 },
};

static void
code_hash(const char *email, const char *code, char hex[65])
{
	char	msg[400];
	size_t	i;

	snprintf(msg, sizeof(msg), "code|%s|%s", email, code);
	/* Addresses compare without case. */
	for (i = 5; msg[i] != '|' && msg[i] != '\0'; i++)
		if (msg[i] >= 'A' && msg[i] <= 'Z')
			msg[i] += 'a' - 'A';
	secret_mac_hex(msg, strlen(msg), hex);
}

/* Six uniformly random digits. */
static int
code_new(char code[7])
{
	uint32_t	v;

	do {
		if (RAND_bytes((unsigned char *)&v, sizeof(v)) != 1)
			return -1;
	} while (v >= 4294000000U);	/* a multiple of 10^6: no bias */
	snprintf(code, 7, "%06u", v % 1000000U);
	return 0;
}

static struct dbq q_recent = DBQ(
    "SELECT (SELECT count(*) FROM login_codes WHERE lower(email) = lower($1)"
    "   AND created_at > now() - interval '15 minutes'),"
    "  (SELECT count(*) FROM login_codes WHERE ip = $2::inet"
    "   AND created_at > now() - interval '15 minutes')");
static struct dbq q_code_new = DBQ(
    "INSERT INTO login_codes (email, code_hash, ip, expires_at)"
    " VALUES ($1, decode($2, 'hex'), $3::inet,"
    "  now() + interval '" CODE_TTL_MIN " minutes')");

static enum gerr
code_page(struct req *r, int status, const char *email, const char *error)
{
	tmpl_set(r->hdf, "Code.email", email);
	tmpl_set(r->hdf, "Login.return", login_return(r));
	if (error != NULL)
		tmpl_set(r->hdf, "Code.error", req_tr(r, error));
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return resp_render(r, status, "login/code.cs");
}

/*
 * 200 with the code form once a code is sent; 400 with the login page for
 * an invalid address; 429 over the limits; 502 if the mail server cannot
 * take the message now.  The page says the same whether or not the address
 * is known to us.
 */
enum gerr
page_code_request(struct req *r)
{
	const char	*email, *p[3];
	char		 code[7], hash[65];
	PGresult	*res;
	enum gerr	 e;

	login_page_hdf(r);
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	if (form_check(r, email_field, 1, &email) > 0 || r->csrf_failed) {
		if (r->csrf_failed)
			tmpl_set(r->hdf, "Form.expired", req_tr(r, "err.expired"));
		return resp_render(r, 400, "login/login.cs");
	}
	p[0] = email;
	p[1] = req_remote_addr(r);
	if ((res = db_query(r->pool, &q_recent, 2, p)) == NULL)
		return db_last_error();
	if (atoi(PQgetvalue(res, 0, 0)) >= CODES_PER_ADDRESS ||
	    atoi(PQgetvalue(res, 0, 1)) >= CODES_PER_IP) {
		form_error(r, "email", "login.too_many_codes");
		return resp_render(r, 429, "login/login.cs");
	}
	if (code_new(code) == -1)
		return GERR_SYSTEM;
	code_hash(email, code, hash);
	p[1] = hash;
	p[2] = req_remote_addr(r);
	if (db_query(r->pool, &q_code_new, 3, p) == NULL)
		return db_last_error();
	e = mail_send(r->pool, email, req_tr(r, "login.mail_subject"),
	    pool_printf(r->pool, "%s\n\n    %s\n\n%s\n", req_tr(r,
	    "login.mail_intro"), code, req_tr(r, "login.mail_outro")));
	if (e != GERR_OK) {
		form_error(r, "email", "login.mail_failed");
		return resp_render(r, 502, "login/login.cs");
	}
	return code_page(r, 200, email, NULL);
}

static struct dbq q_code_take = DBQ(
    "SELECT id, encode(code_hash, 'hex'), attempts FROM login_codes"
    " WHERE lower(email) = lower($1) AND used_at IS NULL"
    "   AND expires_at > now()"
    " ORDER BY created_at DESC LIMIT 1 FOR UPDATE");
static struct dbq q_code_used = DBQ(
    "UPDATE login_codes SET used_at = now() WHERE id = $1::bigint");
static struct dbq q_code_wrong = DBQ(
    "UPDATE login_codes SET attempts = attempts + 1 WHERE id = $1::bigint");
/* A code tried, in one transaction: taken, or refused and the try kept. */
struct code_try {
	struct req	*r;
	const char	*email;
	const char	*code;
	const char	*refused;	/* why, in words for the page */
	const char	*to;		/* logged in: where the user goes on to */
};

static enum gerr
code_take(struct pool *pool, void *arg)
{
	struct code_try	*t = arg;
	struct identity	 id;
	const char	*p[2], *person_id;
	char		 hash[65], *c;
	PGresult	*res;
	enum gerr	 e;

	p[0] = t->email;
	if ((res = db_query(pool, &q_code_take, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0) {
		t->refused = "login.code_wrong";
		return GERR_OK;
	}
	if (atoi(PQgetvalue(res, 0, 2)) >= CODE_TRIES) {
		t->refused = "login.code_tries";
		return GERR_OK;
	}
	code_hash(t->email, t->code, hash);
	p[0] = PQgetvalue(res, 0, 0);
	if (CRYPTO_memcmp(hash, PQgetvalue(res, 0, 1), 64) != 0) {
		/* counted, and committed with the refusal */
		t->refused = "login.code_wrong";
		return db_query(pool, &q_code_wrong, 1, p) == NULL ?
		    db_last_error() : GERR_OK;
	}
	if (db_query(pool, &q_code_used, 1, p) == NULL)
		return db_last_error();
	memset(&id, 0, sizeof(id));
	id.kind = "email";
	id.email = t->email;
	if ((id.subject = pool_strdup(pool, t->email)) == NULL)
		return GERR_NOMEM;
	for (c = (char *)id.subject; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c += 'a' - 'A';
	if ((e = identity_resolve(t->r, &id, &person_id)) != GERR_OK)
		return e;
	/* the session is stored with the code's use, or neither is */
	return login_session(t->r, person_id, "low", "email", &t->to,
	    NULL);
}

/*
 * 303 after login; 400 with the code form again for a wrong, used,
 * expired or overtried code (the same words for all: nothing to learn).
 */
enum gerr
page_code_verify(struct req *r)
{
	const char	*email, *code = req_form(r, "code");
	struct code_try	 t;
	enum gerr	 e;

	if (form_check(r, email_field, 1, &email) > 0)
		return code_page(r, 400, req_form(r, "email") ?
		    req_form(r, "email") : "", "login.code_wrong");
	if (r->csrf_failed)
		return code_page(r, 400, email, "err.expired");
	if (code == NULL || strlen(code) != 6 || strspn(code, "0123456789") != 6)
		return code_page(r, 400, email, "login.code_wrong");
	memset(&t, 0, sizeof(t));
	t.r = r;
	t.email = email;
	t.code = code;
	if ((e = db_transaction(r->pool, code_take, &t)) == GERR_CONFLICT)
		return login_conflict(r);
	if (e != GERR_OK)
		return e;
	if (t.refused != NULL) {
		(void)audit(r->pool, "login_failed", NULL, req_remote_addr(r),
		    "{\"method\":\"email\"}");
		metrics_count(MEV_LOGIN_REFUSED, "email",
		    strcmp(t.refused, "login.code_tries") == 0 ? "tries" :
		    "wrong_code");
		return code_page(r, 400, email, t.refused);
	}
	return resp_redirect(r, 303, t.to);
}
