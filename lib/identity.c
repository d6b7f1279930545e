/*
 * Who logs in: identities resolved to persons through their authenticators
 * (identity.h), and the levels of assurance sessions carry.
 */
#include <string.h>

#include "db.h"
#include "identity.h"

static const char *const assurance_names[] = {
	[ASSURANCE_NONE] = "none",
	[ASSURANCE_LOW] = "low",
	[ASSURANCE_SUBSTANTIAL] = "substantial",
	[ASSURANCE_HIGH] = "high",
};

enum assurance
assurance_parse(const char *s)
{
	enum assurance	a;

	if (s == NULL)
		return ASSURANCE_NONE;
	for (a = ASSURANCE_LOW; a <= ASSURANCE_HIGH; a++)
		if (strcmp(s, assurance_names[a]) == 0)
			return a;
	return ASSURANCE_NONE;
}

const char *
assurance_name(enum assurance a)
{
	return a <= ASSURANCE_HIGH ? assurance_names[a] : "none";
}

/* Whether the session's level reaches the one named (a definition's). */
int
assurance_meets(const struct session *s, const char *floor)
{
	enum assurance	need = assurance_parse(floor);

	if (need == ASSURANCE_NONE)
		need = ASSURANCE_LOW;	/* a definition without a floor */
	return s != NULL && assurance_parse(s->assurance) >= need;
}

static struct dbq q_found = DBQ(
    "UPDATE authenticators a SET last_used_at = now() FROM persons p"
    " WHERE a.kind = $1 AND a.issuer = $2 AND a.subject = $3"
    "   AND p.id = a.person_id"
    " RETURNING a.person_id, coalesce(p.nrn, '')");
static struct dbq q_names = DBQ(
    "UPDATE persons SET given_names = $2, surname = $3, updated_at = now()"
    " WHERE id = $1::bigint"
    "   AND (given_names, surname) IS DISTINCT FROM ($2, $3)");
static struct dbq q_person_nrn = DBQ(
    "INSERT INTO persons (nrn, given_names, surname)"
    " VALUES ($1, coalesce($2, ''), coalesce($3, ''))"
    " ON CONFLICT (nrn) DO UPDATE SET"
    "  given_names = coalesce($2, persons.given_names),"
    "  surname = coalesce($3, persons.surname),"
    "  updated_at = CASE WHEN (persons.given_names, persons.surname)"
    "   IS DISTINCT FROM (coalesce($2, persons.given_names),"
    "    coalesce($3, persons.surname)) THEN now()"
    "   ELSE persons.updated_at END"
    " RETURNING id");
static struct dbq q_person_email = DBQ(
    "WITH found AS (SELECT id FROM persons WHERE lower(email) = lower($1)"
    "   AND nrn IS NULL AND merged_into IS NULL),"
    " made AS (INSERT INTO persons (email, email_verified_at, lang)"
    "   SELECT $1, now(), $2 WHERE NOT EXISTS (SELECT 1 FROM found)"
    "   RETURNING id)"
    " SELECT id FROM found UNION ALL SELECT id FROM made");
static struct dbq q_bind = DBQ(
    "INSERT INTO authenticators (person_id, kind, issuer, subject)"
    " VALUES ($1::bigint, $2, $3, $4)"
    " ON CONFLICT (kind, issuer, subject) DO NOTHING");
static struct dbq q_session_nrn = DBQ(
    "SELECT coalesce(nrn, '') FROM persons WHERE id = $1::bigint");

/* The national number of the person logged in in this request, or "". */
static enum gerr
session_nrn(struct req *r, const char **nrn)
{
	const char	*p[1];
	PGresult	*res;

	*nrn = "";
	if (r->session == NULL)
		return GERR_OK;
	p[0] = r->session->person_id;
	if ((res = db_query(r->pool, &q_session_nrn, 1, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1)
		*nrn = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	return *nrn == NULL ? GERR_NOMEM : GERR_OK;
}

/* The person of a way in not seen before: by number, or by address. */
static enum gerr
identity_person(struct req *r, const struct identity *id, const char **pid)
{
	const char	*p[3];
	PGresult	*res;

	if (id->nrn != NULL) {
		p[0] = id->nrn;
		p[1] = id->given_names;
		p[2] = id->surname;
		res = db_query(r->pool, &q_person_nrn, 3, p);
	} else {
		p[0] = id->email;
		p[1] = lang_codes[r->lang];
		res = db_query(r->pool, &q_person_email, 2, p);
	}
	if (res == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_SYSTEM;
	*pid = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	return *pid == NULL ? GERR_NOMEM : GERR_OK;
}

/*
 * The person a known way in leads to (its names refreshed), with its
 * number checked against the identity's; *pid stays NULL if unknown.
 */
static enum gerr
identity_found(struct req *r, const struct identity *id, const char **pid)
{
	const char	*p[3];
	PGresult	*res;

	p[0] = id->kind;
	p[1] = id->issuer != NULL ? id->issuer : "";
	p[2] = id->subject;
	if ((res = db_query(r->pool, &q_found, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;
	if (id->nrn != NULL && strcmp(PQgetvalue(res, 0, 1), id->nrn) != 0)
		return GERR_CONFLICT;
	if ((*pid = pool_strdup(r->pool, PQgetvalue(res, 0, 0))) == NULL)
		return GERR_NOMEM;
	if (id->nrn == NULL || id->given_names == NULL || id->surname == NULL)
		return GERR_OK;
	p[0] = *pid;
	p[1] = id->given_names;
	p[2] = id->surname;
	return db_query(r->pool, &q_names, 3, p) == NULL ? db_last_error() :
	    GERR_OK;
}

enum gerr
identity_resolve(struct req *r, const struct identity *id,
    const char **person_id)
{
	const char	*p[4], *held;
	PGresult	*res;
	enum gerr	 e;

	*person_id = NULL;
	if (id->kind == NULL || id->subject == NULL || *id->subject == '\0' ||
	    (id->nrn == NULL && id->email == NULL))
		return GERR_INPUT;
	if (id->nrn != NULL) {
		/* never two numbers in one session: log out first */
		if ((e = session_nrn(r, &held)) != GERR_OK)
			return e;
		if (*held != '\0' && strcmp(held, id->nrn) != 0)
			return GERR_CONFLICT;
	}
	if ((e = identity_found(r, id, person_id)) != GERR_OK ||
	    *person_id != NULL)
		return e;
	if ((e = identity_person(r, id, person_id)) != GERR_OK)
		return e;
	p[0] = *person_id;
	p[1] = id->kind;
	p[2] = id->issuer != NULL ? id->issuer : "";
	p[3] = id->subject;
	if ((res = db_query(r->pool, &q_bind, 4, p)) == NULL)
		return db_last_error();
	if (strcmp(PQcmdTuples(res), "1") == 0)
		return GERR_OK;
	/* a concurrent first login bound it in between: take theirs */
	*person_id = NULL;
	if ((e = identity_found(r, id, person_id)) != GERR_OK)
		return e;
	return *person_id != NULL ? GERR_OK : GERR_SYSTEM;
}
