/*
 * Login sessions.  The cookie is "id.expiry.mac": a 256-bit random id in
 * hex, the absolute expiry, and HMAC-SHA256 over "sess|id.expiry" under the
 * secret file shared with nginx's eID module, which checks it first.  The
 * database keeps only SHA-256 of the id, the idle timer and the logout.
 * A session opened at a kiosk (docs/kiosk.md) has the kiosk's short idle
 * time, checked in the database at every request.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "metrics.h"
#include "session.h"

static void
session_mac(const char *id, time_t expires, char hex[65])
{
	char	msg[128];

	snprintf(msg, sizeof(msg), "sess|%s.%lld", id, (long long)expires);
	secret_mac_hex(msg, strlen(msg), hex);
}

int
session_cookie_make(const char *id, time_t expires, char *out, size_t outsz)
{
	char	mac[65];

	session_mac(id, expires, mac);
	return snprintf(out, outsz, "%s.%lld.%s", id, (long long)expires,
	    mac) < (int)outsz ? 0 : -1;
}

/*
 * The parts of a cookie "id.expires.mac" if its form is right and it has
 * not expired: the id copied out, the MAC where it stands.  Not checked.
 * The expiry is digits as session_cookie_make writes them, without sign,
 * space or leading zero: the MAC is made over that spelling, and nginx's
 * module reads the same ones (tests/vectors/session-cookies.txt).
 */
static int
session_cookie_split(const char *v, char *id, time_t *exp, const char **mac)
{
	const char	*d1, *d2;
	char		*end;
	long long	 e;

	if (v == NULL || (d1 = strchr(v, '.')) == NULL ||
	    (d2 = strchr(d1 + 1, '.')) == NULL ||
	    d1 - v != SESSION_ID_HEX || strlen(d2 + 1) != 64 ||
	    strspn(v, "0123456789abcdef") != SESSION_ID_HEX ||
	    d1[1] < '1' || d1[1] > '9' ||
	    strspn(d1 + 1, "0123456789") != (size_t)(d2 - d1 - 1))
		return -1;
	errno = 0;
	e = strtoll(d1 + 1, &end, 10);
	if (end != d2 || errno == ERANGE || e <= (long long)time(NULL))
		return -1;
	memcpy(id, v, SESSION_ID_HEX);
	id[SESSION_ID_HEX] = '\0';
	*exp = (time_t)e;
	*mac = d2 + 1;
	return 0;
}

static int
session_cookie_verify(const char *id, time_t exp, const char *mac)
{
	char	want[65];

	session_mac(id, exp, want);
	return CRYPTO_memcmp(want, mac, 64) == 0 ? 0 : -1;
}

/* 0 and the id if the cookie is ours and unexpired; -1 otherwise. */
int
session_cookie_parse(const char *v, char *id, time_t *exp)
{
	const char	*mac;
	time_t		 e;

	if (session_cookie_split(v, id, &e, &mac) == -1 ||
	    session_cookie_verify(id, e, mac) == -1)
		return -1;
	*exp = e;
	return 0;
}

void
session_token_hash(const char *id, char hex[65])
{
	sha256_hex(id, hex);
}

static struct dbq q_create = DBQ(
    "INSERT INTO sessions (token_hash, person_id, assurance, method,"
    "  expires_at, user_agent, ip, kiosk)"
    " VALUES (decode($1, 'hex'), $2, $3, $4, to_timestamp($5::bigint),"
    "  left($6, 300), $7::inet, $8::bool)"
    " RETURNING id, extract(epoch FROM last_seen_at)::bigint");

/*
 * Seconds without a request after which the session ends: the kiosk's
 * short time for a session opened there, 30 minutes otherwise.
 */
int
session_idle_seconds(const struct session *s)
{
	return s->kiosk ? conf_int("kiosk.idle_seconds") : SESSION_IDLE;
}

/*
 * A new session; the id is random and only its hash is stored.  kiosk:
 * opened through a kiosk's server block (req.kiosk), never the user's
 * choice.
 */
enum gerr
session_create(struct pool *p, const char *person_id, const char *assurance,
    const char *method, const char *ua, const char *ip, int kiosk,
    struct session *s)
{
	char		 hash[65], exp[24];
	const char	*params[8];
	PGresult	*res;

	memset(s, 0, sizeof(*s));
	if (random_hex(s->id, 32) == -1)
		return GERR_SYSTEM;
	s->expires = time(NULL) + SESSION_ABSOLUTE;
	session_token_hash(s->id, hash);
	snprintf(exp, sizeof(exp), "%lld", (long long)s->expires);
	params[0] = hash;
	params[1] = person_id;
	params[2] = assurance;
	params[3] = method;
	params[4] = exp;
	params[5] = ua;
	params[6] = ip;
	params[7] = kiosk ? "true" : "false";
	if ((res = db_query(p, &q_create, 8, params)) == NULL)
		return db_last_error();
	s->row_id = pool_strdup(p, PQgetvalue(res, 0, 0));
	s->seen = (time_t)strtoll(PQgetvalue(res, 0, 1), NULL, 10);
	s->kiosk = kiosk;
	s->person_id = person_id;
	s->assurance = assurance;
	s->method = method;
	csrf_token(s->id, s->csrf);
	metrics_count(MEV_LOGIN, method, NULL);
	return GERR_OK;
}

/*
 * The session behind a cookie, if it is still open: not ended, not past
 * its absolute expiry, used within the idle time ($2, or the kiosk's $3
 * for a session opened at a kiosk).  Touching it ($4) moves the idle
 * timer, at most once a minute: the other requests only read, so they
 * neither lock the row nor wait for a commit to reach the disk.  A kiosk
 * session's timer moves every 2 seconds: its idle time is short, and
 * requests of one page view (a page, its redirect) then write it once.
 * Its last activity is read as it was before this request.
 */
static struct dbq q_load = DBQ(
    "WITH s AS (SELECT s.id, s.person_id, s.assurance, s.method,"
    "   s.acting_org_id, s.acting_mandate_id,"
    "   acting_families(s.person_id, s.acting_org_id, s.acting_mandate_id)"
    "    AS fam, p.given_names, p.surname, p.email, s.last_seen_at,"
    "   s.kiosk"
    "  FROM sessions s JOIN persons p ON p.id = s.person_id"
    " WHERE s.token_hash = decode($1, 'hex')"
    "   AND s.ended_at IS NULL AND s.expires_at > now()"
    "   AND s.last_seen_at > now() - make_interval(secs =>"
    "    CASE WHEN s.kiosk THEN $3::int ELSE $2::int END)),"
    " touched AS (UPDATE sessions t SET last_seen_at = now() FROM s"
    "  WHERE t.id = s.id AND $4::bool"
    "   AND s.last_seen_at < now() - CASE WHEN s.kiosk"
    "    THEN interval '2 seconds' ELSE interval '1 minute' END)"
    " SELECT id, person_id, assurance, method,"
    "  CASE WHEN fam IS NOT NULL THEN acting_org_id END,"
    "  (SELECT name FROM organisations o"
    "    WHERE o.id = s.acting_org_id AND fam IS NOT NULL),"
    "  given_names, surname, email,"
    "  CASE WHEN fam IS NOT NULL THEN acting_mandate_id END,"
    "  CASE WHEN fam IS NOT NULL THEN ARRAY(SELECT pr.id FROM procedures pr"
    "   WHERE pr.family_code = ANY (fam) ORDER BY pr.id)::text END,"
    "  array_to_string(fam, ','),"
    "  (SELECT m.pro_email FROM org_members m"
    "    WHERE m.organisation_id = s.acting_org_id AND fam IS NOT NULL"
    "     AND m.person_id = s.person_id AND m.removed_at IS NULL"
    "     AND m.pro_email_confirmed_at IS NOT NULL),"
    "  extract(epoch FROM acting_until(person_id, acting_org_id,"
    "   acting_mandate_id))::bigint,"
    "  kiosk, extract(epoch FROM last_seen_at)::bigint"
    " FROM s");

/*
 * Sessions read recently, per worker: most requests of a page view need
 * no query for who is asking.  An entry lives SESSION_CACHE_TTL seconds;
 * every change that matters to a session (logout, ended from another
 * device, acting for someone else, a name) notifies "guichet_sessions"
 * from a trigger (sql/0010), and every worker drops its entries at the
 * start of its next request (db_listen).  The idle timer is still moved
 * in the database, when an entry is read again.
 */
#define SESSION_CACHE		64
#define SESSION_CACHE_TTL	10

static struct session_entry {
	char		 hash[65];
	time_t		 fetched;
	/*
	 * The cookie last verified for it: the same id (same hash), expiry
	 * and MAC are the same cookie, whose MAC need not be made again.
	 */
	time_t		 cookie_expires;
	char		 cookie_mac[65];
	struct session	 s;		/* strings in block */
	char		*block;
} session_cache[SESSION_CACHE];
static unsigned		 session_cache_next;

void
session_cache_clear(void)
{
	size_t	i;

	for (i = 0; i < SESSION_CACHE; i++) {
		free(session_cache[i].block);
		memset(&session_cache[i], 0, sizeof(session_cache[i]));
	}
}

/* Copies the strings of a loaded session into one block of its own. */
static void
session_cache_put(const char *hash, const struct session *s, const char *mac)
{
	const char		*const *src[] = { &s->row_id, &s->person_id,
				    &s->assurance, &s->method, &s->acting_org_id,
				    &s->acting_org_name, &s->given_names,
				    &s->surname, &s->email, &s->acting_mandate_id,
				    &s->acting_procs, &s->acting_families,
				    &s->pro_email };
	struct session_entry	*e = &session_cache[session_cache_next++ %
				    SESSION_CACHE];
	const char		**dst[nitems(src)];
	size_t			 i, len = 0, n;
	char			*p;

	for (i = 0; i < nitems(src); i++)
		len += *src[i] != NULL ? strlen(*src[i]) + 1 : 0;
	free(e->block);
	memset(e, 0, sizeof(*e));
	if ((p = e->block = malloc(len + 1)) == NULL)
		return;
	e->s = *s;
	dst[0] = &e->s.row_id; dst[1] = &e->s.person_id;
	dst[2] = &e->s.assurance; dst[3] = &e->s.method;
	dst[4] = &e->s.acting_org_id; dst[5] = &e->s.acting_org_name;
	dst[6] = &e->s.given_names; dst[7] = &e->s.surname;
	dst[8] = &e->s.email; dst[9] = &e->s.acting_mandate_id;
	dst[10] = &e->s.acting_procs; dst[11] = &e->s.acting_families;
	dst[12] = &e->s.pro_email;
	for (i = 0; i < nitems(src); i++) {
		if (*src[i] == NULL)
			continue;
		n = strlen(*src[i]) + 1;
		memcpy(p, *src[i], n);
		*dst[i] = p;
		p += n;
	}
	memset(e->s.id, 0, sizeof(e->s.id));	/* the secret stays out */
	strcpy(e->hash, hash);
	e->cookie_expires = s->expires;
	memcpy(e->cookie_mac, mac, 64);
	e->cookie_mac[64] = '\0';
	e->fetched = time(NULL);
}

/*
 * The entry of the session whose token hashes to hash, if fresh; NULL
 * otherwise.  *known tells whether this very cookie was verified for it.
 */
static struct session_entry *
session_cache_find(const char *hash, time_t expires, const char *mac,
    int *known)
{
	time_t	now = time(NULL);
	size_t	i;

	for (i = 0; i < SESSION_CACHE; i++) {
		struct session_entry *e = &session_cache[i];

		if (e->block == NULL || strcmp(e->hash, hash) != 0)
			continue;
		/* a kiosk's idle time is kept to the second: no cache */
		if (now - e->fetched >= SESSION_CACHE_TTL || now < e->fetched ||
		    e->s.kiosk ||
		    (e->s.acting_until != 0 && now >= e->s.acting_until))
			return NULL;
		*known = e->cookie_expires == expires &&
		    CRYPTO_memcmp(e->cookie_mac, mac, 64) == 0;
		return e;
	}
	return NULL;
}

/*
 * The session of a cookie, GERR_AUTH if there is none open.  flags:
 * SESSION_PASSIVE, the request does not count as activity (a page the
 * browser loads by itself, such as the kiosk's idle warning).
 */
enum gerr
session_load(struct pool *p, const char *cookie, int flags,
    struct session *s)
{
	char			 hash[65], idle[16], kidle[16];
	char			 id[SESSION_ID_HEX + 1];
	const char		*params[4] = { hash, idle, kidle, NULL };
	const char		*mac;
	struct session_entry	*e;
	PGresult		*res;
	time_t			 expires;
	int			 known = 0;

	memset(s, 0, sizeof(*s));
	if (session_cookie_split(cookie, s->id, &s->expires, &mac) == -1)
		return GERR_AUTH;
	session_token_hash(s->id, hash);
	e = session_cache_find(hash, s->expires, mac, &known);
	if (!known && session_cookie_verify(s->id, s->expires, mac) == -1)
		return GERR_AUTH;
	if (e != NULL) {
		memcpy(id, s->id, sizeof(id));
		expires = s->expires;
		*s = e->s;
		memcpy(s->id, id, sizeof(id));
		s->expires = expires;
		/* this cookie, verified, is the one to know next time */
		e->cookie_expires = expires;
		memcpy(e->cookie_mac, mac, 64);
		return GERR_OK;
	}
	snprintf(idle, sizeof(idle), "%d", SESSION_IDLE);
	snprintf(kidle, sizeof(kidle), "%d", conf_int("kiosk.idle_seconds"));
	params[3] = flags & SESSION_PASSIVE ? "false" : "true";
	if ((res = db_query(p, &q_load, 4, params)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 0)
		return GERR_AUTH;
	s->row_id = PQgetvalue(res, 0, 0);
	s->person_id = PQgetvalue(res, 0, 1);
	s->assurance = PQgetvalue(res, 0, 2);
	s->method = PQgetvalue(res, 0, 3);
	s->acting_org_id = db_value(res, 0, 4);
	s->acting_org_name = db_value(res, 0, 5);
	s->given_names = PQgetvalue(res, 0, 6);
	s->surname = PQgetvalue(res, 0, 7);
	s->email = db_value(res, 0, 8);
	s->acting_mandate_id = db_value(res, 0, 9);
	s->acting_procs = db_value(res, 0, 10);
	s->acting_families = db_value(res, 0, 11);
	s->pro_email = db_value(res, 0, 12);
	s->acting_until = PQgetisnull(res, 0, 13) ? 0 :
	    (time_t)strtoll(PQgetvalue(res, 0, 13), NULL, 10);
	s->kiosk = strcmp(PQgetvalue(res, 0, 14), "t") == 0;
	s->seen = (time_t)strtoll(PQgetvalue(res, 0, 15), NULL, 10);
	/* made once per entry: every page with a form shows it */
	csrf_token(s->id, s->csrf);
	session_cache_put(hash, s, mac);
	return GERR_OK;
}

static struct dbq q_end = DBQ(
    "UPDATE sessions SET ended_at = now()"
    " WHERE id = $1::bigint AND person_id = $2::bigint AND ended_at IS NULL"
    " RETURNING id");

/* Ends one of a person's sessions; GERR_NOTFOUND if it is not theirs. */
enum gerr
session_end(struct pool *p, const char *row_id, const char *person_id)
{
	const char	*params[2] = { row_id, person_id };
	PGresult	*res;

	if ((res = db_query(p, &q_end, 2, params)) == NULL)
		return db_last_error();
	return PQntuples(res) == 1 ? GERR_OK : GERR_NOTFOUND;
}

static struct dbq q_touch = DBQ(
    "UPDATE sessions SET last_seen_at = now()"
    " WHERE id = $1::bigint AND ended_at IS NULL");

/* The user said they are still there (the kiosk's idle warning). */
enum gerr
session_touch(struct pool *p, const struct session *s)
{
	const char	*params[1] = { s->row_id };

	return db_query(p, &q_touch, 1, params) == NULL ? db_last_error() :
	    GERR_OK;
}
