/*
 * The organisation's shared workspace: who it is, what one may do for it,
 * its dossiers and who works on which, and the audit trail of every role
 * and mandate change.  Helpers the other pages share.
 */
#include <string.h>

#include "html.h"
#include "orgs.h"
#include "when.h"

static struct dbq q_org = DBQ(
    "SELECT o.name, o.bce, coalesce(o.legal_form, ''), o.kind,"
    "  coalesce(o.address->>'street', '') || ' ' ||"
    "  coalesce(o.address->>'number', '') || ', ' ||"
    "  coalesce(o.address->>'postcode', '') || ' ' ||"
    "  coalesce(o.address->>'locality', ''),"
    "  $3::bigint IS NULL AND EXISTS (SELECT 1 FROM org_members m"
    "   WHERE m.organisation_id = o.id AND m.person_id = $2::bigint"
    "    AND m.access_manager AND m.removed_at IS NULL),"
    "  coalesce((SELECT coalesce(mo.name, person_label(md.mandatary_person_id))"
    "   FROM mandates md LEFT JOIN organisations mo"
    "    ON mo.id = md.mandatary_org_id WHERE md.id = $3::bigint), ''),"
    "  (SELECT md.ends_on FROM mandates md WHERE md.id = $3::bigint)"
    "  FROM organisations o WHERE o.id = $1::bigint");

/*
 * The organisation acted for, as Org.* for the pages; *manager tells
 * whether the caller is its main access manager (acting as its user, not
 * through a mandate).  GERR_AUTH without a session (the caller sends to
 * the login), GERR_NOTFOUND when acting for no organisation.
 */
enum gerr
org_load(struct req *r, int *manager)
{
	const struct session	*s = r->session;
	const char		*p[3];
	PGresult		*res;

	*manager = 0;
	if (s->acting_org_id == NULL)
		return GERR_NOTFOUND;
	p[0] = s->acting_org_id;
	p[1] = s->person_id;
	p[2] = s->acting_mandate_id;
	if ((res = db_query(r->pool, &q_org, 3, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	tmpl_set(r->hdf, "Org.name", PQgetvalue(res, 0, 0));
	tmpl_set(r->hdf, "Org.bce", PQgetvalue(res, 0, 1));
	tmpl_set(r->hdf, "Org.legal_form", PQgetvalue(res, 0, 2));
	tmpl_set(r->hdf, "Org.kind", PQgetvalue(res, 0, 3));
	tmpl_set(r->hdf, "Org.address", PQgetvalue(res, 0, 4));
	*manager = *PQgetvalue(res, 0, 5) == 't';
	tmpl_set(r->hdf, "Org.manager", *manager ? "1" : "0");
	tmpl_set(r->hdf, "Org.via", PQgetvalue(res, 0, 6));
	tmpl_set(r->hdf, "Org.mandate_until", when_cell(r->pool, res, 0, 7));
	tmpl_set(r->hdf, "Org.mandate", s->acting_mandate_id != NULL ?
	    "1" : "0");
	tmpl_set(r->hdf, "Org.pro_email", s->pro_email != NULL ?
	    s->pro_email : "");
	return GERR_OK;
}

/*
 * How a page of the organisation acted for starts (the route asked for a
 * login): the workspace when acting for none (r->responded); "own": 404 through a
 * mandate (a mandatary acts on dossiers, not on the beneficiary's people).
 */
enum gerr
org_start(struct req *r, int *manager, int own)
{
	enum gerr	e;

	*manager = 0;
	if ((e = org_load(r, manager)) != GERR_OK)
		return e == GERR_NOTFOUND ? resp_redirect(r, 303, "/org") : e;
	if (own && r->session->acting_mandate_id != NULL)
		return GERR_NOTFOUND;
	return GERR_OK;
}

/* A refusal of the database as the form's message; other errors pass. */
enum gerr
org_fail(struct req *r, enum gerr e, const char *field)
{
	if (e == GERR_CONFLICT) {
		form_error(r, field, "orgs.err_conflict");
		r->status = 409;
		return GERR_OK;
	}
	if (e == GERR_INPUT) {
		form_error(r, field, "orgs.err_input");
		r->status = 400;
		return GERR_OK;
	}
	return e;
}

/* A page of forms, never cached; status 0 is 200 (or r->status). */
enum gerr
org_render(struct req *r, int status, const char *tmpl)
{
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	if (status == 0)
		status = r->status != 0 ? r->status : 200;
	return resp_render(r, status, tmpl);
}

static struct dbq q_families = DBQ(
    "SELECT code, coalesce(titles->>$1, titles->>'fr'),"
    "  code = ANY (coalesce($2, '{}')::text[])"
    "  FROM procedure_families ORDER BY 2");

/* Families.N.code|title|held: the closed list of roles, for the forms. */
enum gerr
families_hdf(struct req *r, const char *held)
{
	const char	*p[2] = { lang_codes[r->lang], held };
	PGresult	*res;
	int		 i;

	if ((res = db_query(r->pool, &q_families, 2, p)) == NULL)
		return db_last_error();
	for (i = 0; i < PQntuples(res); i++) {
		const char *rp = pool_printf(r->pool, "Families.%d", i);

		tmpl_set(r->hdf, pool_printf(r->pool, "%s.code", rp),
		    PQgetvalue(res, i, 0));
		tmpl_set(r->hdf, pool_printf(r->pool, "%s.title", rp),
		    PQgetvalue(res, i, 1));
		tmpl_set(r->hdf, pool_printf(r->pool, "%s.held", rp),
		    *PQgetvalue(res, i, 2) == 't' ? "1" : "0");
	}
	return GERR_OK;
}

/*
 * The families ticked on a form ("role_<code>" fields), as a text array
 * "{a,b}"; codes are checked against the list by the database.  NULL if
 * a field name is not a family code's shape.
 */
const char *
families_form(struct req *r)
{
	struct buf	 out;
	const struct kv	*kv;
	size_t		 n = 0;

	buf_init(&out, r->pool);
	buf_putc(&out, '{');
	for (kv = r->form.head; kv != NULL; kv = kv->next) {
		const char *k = kv->name;

		if (strncmp(k, "role_", 5) != 0)
			continue;
		k += 5;
		if (*k == '\0' || strlen(k) > 40 ||
		    k[strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789_")] != '\0')
			return NULL;
		if (n++ > 0)
			buf_putc(&out, ',');
		buf_puts(&out, k);
	}
	buf_putc(&out, '}');
	return buf_cstr(&out);
}

static struct dbq q_dossiers = DBQ(
    "SELECT coalesce(d.reference, ''), d.id, d.status,"
    "  coalesce(v.definition->'titles'->>$2, v.definition->'titles'->>'fr'),"
    "  person_label(d.owner_person_id), d.updated_at,"
    "  d.owner_person_id = $3::bigint,"
    "  d.waiting_since IS NOT NULL"
    "  FROM dossiers d JOIN procedure_versions v"
    "    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version"
    " WHERE d.acting_org_id = $1::bigint AND NOT d.archived"
    " ORDER BY d.updated_at DESC, d.id DESC LIMIT 50");

static const char *const dossier_cols[] = { "reference", "id", "status",
    "title", "by", "updated", "mine", "waiting" };

/*
 * 200 with the workspace of the organisation acted for; acting for
 * oneself, the ways to act for one (a role, a mandate, representing it).
 */
enum gerr
page_space(struct req *r)
{
	const struct session	*s = r->session;
	const char		*p[3];
	PGresult		*res;
	enum gerr		 e;
	int			 manager;

	r->cache = "private, no-store";
	if ((e = org_load(r, &manager)) == GERR_NOTFOUND)
		return resp_render(r, 200, "orgs/none.cs");
	if (e != GERR_OK)
		return e;
	if ((e = families_hdf(r, s->acting_families != NULL ?
	    pool_printf(r->pool, "{%s}", s->acting_families) : "{}")) !=
	    GERR_OK)
		return e;
	/* of its dossiers, those within the session's roles: the policy's say */
	p[0] = s->acting_org_id;
	p[1] = lang_codes[r->lang];
	p[2] = s->person_id;
	if ((res = db_query(r->pool, &q_dossiers, 3, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Dossiers", res, dossier_cols,
	    nitems(dossier_cols)) == -1)
		return GERR_NOMEM;
	if (req_query(r, "confirmed") != NULL)
		tmpl_set(r->hdf, "Query.confirmed", "1");
	return resp_render(r, 200, "orgs/space.cs");
}

static struct dbq q_audit = DBQ(
    "SELECT a.at, a.action,"
    "  coalesce(person_label(a.actor_person_id), ''),"
    "  coalesce(person_label(coalesce((a.details->>'person')::bigint,"
    "   (a.details->>'manager')::bigint)), ''),"
    "  coalesce((SELECT string_agg(coalesce(f.titles->>$2, f.code), ', ')"
    "   FROM jsonb_array_elements_text(coalesce(a.details->'granted',"
    "    a.details->'scope')) g JOIN procedure_families f ON f.code = g), ''),"
    "  coalesce((SELECT string_agg(coalesce(f.titles->>$2, f.code), ', ')"
    "   FROM jsonb_array_elements_text(a.details->'taken') g"
    "   JOIN procedure_families f ON f.code = g), ''),"
    "  CASE WHEN a.details->>'until' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"
    "   THEN (a.details->>'until')::date END,"
    "  CASE WHEN a.object_type = 'mandate' THEN a.object_id::text ELSE '' END,"
    "  coalesce((SELECT o.name FROM organisations o WHERE o.id ="
    "   (a.details->>'beneficiary')::bigint AND o.id <> $1::bigint), '')"
    "  FROM audit_log a"
    " WHERE a.organisation_id = $1::bigint"
    " ORDER BY a.at DESC, a.id DESC LIMIT 200");

static const char *const audit_cols[] = { "at", "action", "actor", "person",
    "granted", "taken", "until", "mandate", "beneficiary" };

/* 200 with the organisation's audit trail, newest first. */
enum gerr
page_audit(struct req *r)
{
	const char	*p[2];
	PGresult	*res;
	enum gerr	 e;
	int		 manager;

	if ((e = org_start(r, &manager, 0)) != GERR_OK || r->responded)
		return e;
	p[0] = r->session->acting_org_id;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_audit, 2, p)) == NULL)
		return db_last_error();
	if (req_hdf_rows(r, "Audit", res, audit_cols, nitems(audit_cols))
	    == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	return resp_render(r, 200, "orgs/audit.cs");
}
