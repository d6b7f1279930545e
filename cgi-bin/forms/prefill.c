/*
 * Pre-filling ("only once"): a field's "source" names where its value
 * comes from: the person's profile (the eID card, the login), the national
 * register, the company register for the organisation acted for, or the
 * user's own earlier dossiers.  Each value keeps its origin, shown beside
 * the field while the user leaves it unchanged.  A register that does not
 * answer never blocks the form: the user types, and a note says why.  A
 * register that answered without the value (it does not know the person,
 * or has nothing of the kind) says so beside the empty field: the names
 * of such fields and the register are kept under "_missing".
 */
#include <string.h>

#include "connector.h"
#include "db.h"
#include "forms.h"

struct origin {
	const char	*name;		/* "register", ... as shown */
	int		 tried;
	int		 asked;		/* a register was asked, and answered */
	enum gerr	 err;
	json_t		*data;
};

static struct dbq q_profile = DBQ(
    "SELECT json_build_object('given_names', nullif(given_names, ''),"
    "  'surname', nullif(surname, ''), 'nrn', nrn, 'email', email,"
    "  'phone', phone)::text FROM persons WHERE id = $1::bigint");

static struct dbq q_org = DBQ(
    "SELECT bce FROM organisations WHERE id = $1::bigint");

static struct dbq q_previous = DBQ(
    "SELECT d.data->$3 FROM dossiers d"
    " WHERE d.data ? $3"
    "   AND " DOSSIERS_OF_SCOPE("$1::bigint", "$2::bigint")
    " ORDER BY d.updated_at DESC LIMIT 1");

static void
origin_profile(struct req *r, struct origin *o)
{
	const char	*p[1] = { r->session->person_id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_profile, 1, p)) == NULL) {
		o->err = db_last_error();
		return;
	}
	o->data = json_pooled(r, json_loads(PQgetvalue(res, 0, 0), 0, NULL));
	if (o->data != NULL && r->session->email != NULL &&
	    json_is_null(json_object_get(o->data, "email")))
		json_object_set_new(o->data, "email",
		    json_string(r->session->email));
}

static void
origin_register(struct req *r, struct origin *o, const char *nrn)
{
	json_t		*a;

	if (nrn == NULL)
		return;			/* logged in by email: no number */
	o->err = connector_get(r->pool, "persons", nrn, &o->data);
	if (o->err == GERR_NOTFOUND)
		o->err = GERR_OK;	/* it does not know the person */
	o->asked = o->err == GERR_OK;
	if (o->data == NULL)
		return;
	/* the shape of an "address" field: no null box */
	if ((a = json_object_get(o->data, "address")) != NULL &&
	    json_is_null(json_object_get(a, "box")))
		json_object_del(a, "box");
	json_object_del(a, "country");
}

static void
origin_company(struct req *r, struct origin *o)
{
	const char	*p[1] = { r->session->acting_org_id };
	PGresult	*res;
	json_t		*a;

	if (p[0] == NULL)
		return;
	if ((res = db_query(r->pool, &q_org, 1, p)) == NULL) {
		o->err = db_last_error();
		return;
	}
	if (PQntuples(res) != 1)
		return;
	o->err = connector_get(r->pool, "enterprises", PQgetvalue(res, 0, 0),
	    &o->data);
	if (o->err == GERR_NOTFOUND)
		o->err = GERR_OK;
	o->asked = o->err == GERR_OK;
	if ((a = json_object_get(o->data, "address")) != NULL) {
		if (json_is_null(json_object_get(a, "box")))
			json_object_del(a, "box");
		json_object_del(a, "country");
	}
}

/* The value at "a.b" of an origin's data. */
static const json_t *
path_get(const json_t *data, const char *path)
{
	char		 first[64];
	const char	*dot = strchr(path, '.');

	if (dot == NULL)
		return json_object_get(data, path);
	snprintf(first, sizeof(first), "%.*s", (int)(dot - path), path);
	return json_object_get(json_object_get(data, first), dot + 1);
}

static const json_t *
previous(struct req *r, const char *name)
{
	const char	*p[3];
	PGresult	*res;

	dossier_scope_params(r, &p[0], &p[1]);
	p[2] = name;
	if ((res = db_query(r->pool, &q_previous, 3, p)) == NULL ||
	    PQntuples(res) != 1)
		return NULL;
	return json_pooled(r, json_loads(PQgetvalue(res, 0, 0),
	    JSON_DECODE_ANY, NULL));
}

/*
 * A list of people (legal representatives, household) as the blocks of a
 * group: each block takes the values whose names are the group's fields.
 */
static json_t *
as_blocks(const struct ffield *f, const json_t *list)
{
	json_t			*blocks = json_array(), *b;
	const json_t		*e;
	const struct ffield	*sub;
	size_t			 i;

	json_array_foreach(list, i, e) {
		b = json_object();
		fblock_foreach(&f->block, sub)
			if (json_is_string(json_object_get(e, sub->name)))
				json_object_set(b, sub->name, json_object_get(e,
				    sub->name));
		json_array_append_new(blocks, b);
	}
	return blocks;
}

static void
unavailable(json_t *sources, const char *origin)
{
	json_t	*l = json_object_get(sources, "_unavailable");

	if (l == NULL)
		json_object_set_new(sources, "_unavailable", l = json_array());
	json_array_append_new(l, json_string(origin));
}

/* A register answered without the field's value: said beside it. */
static void
missing(json_t *sources, const char *field, const char *origin)
{
	json_t	*m = json_object_get(sources, "_missing");

	if (m == NULL)
		json_object_set_new(sources, "_missing", m = json_object());
	json_object_set_new(m, field, json_string(origin));
}

enum gerr
prefill(struct req *r, const struct fdef *def, json_t *data, json_t *sources)
{
	struct origin		 o[3] = { { "profile", 0, 0, GERR_OK, NULL },
				    { "register", 0, 0, GERR_OK, NULL },
				    { "company", 0, 0, GERR_OK, NULL } };
	const struct ffield	*f;
	const json_t		*v;
	const char		*src, *name, *what;
	size_t			 i, n;

	for (i = 0; i < def->npages; i++)
	fblock_foreach(&def->pages[i].block, f) {
		if ((src = f->source) == NULL)
			continue;
		name = f->name;
		if (strcmp(src, "previous") == 0) {
			if ((v = previous(r, name)) != NULL && !answer_is_empty(v)) {
				json_object_set(data, name, (json_t *)v);
				json_object_set_new(sources, name, json_pack(
				    "{s:s, s:O}", "from", "previous", "value", v));
			}
			continue;
		}
		what = strchr(src, '.') + 1;
		n = strncmp(src, "profile.", 8) == 0 ? 0 :
		    strncmp(src, "register.", 9) == 0 ? 1 : 2;
		if (!o[n].tried) {
			o[n].tried = 1;
			if (n == 0)
				origin_profile(r, &o[0]);
			else if (n == 1) {
				if (!o[0].tried) {
					o[0].tried = 1;
					origin_profile(r, &o[0]);
				}
				origin_register(r, &o[1], json_string_value(
				    json_object_get(o[0].data, "nrn")));
			} else
				origin_company(r, &o[2]);
			if (o[n].err == GERR_DB)
				return GERR_DB;
			if (o[n].err != GERR_OK)
				unavailable(sources, o[n].name);
		}
		/* register.postcode and company.postcode: of the address */
		if (strcmp(what, "postcode") == 0)
			what = "address.postcode";
		if ((v = path_get(o[n].data, what)) == NULL || answer_is_empty(v)) {
			if (o[n].asked)
				missing(sources, name, o[n].name);
			continue;
		}
		if (f->answer == ANSWER_BLOCKS &&
		    (v = json_pooled(r, as_blocks(f, v))) == NULL)
			return GERR_NOMEM;
		json_object_set(data, name, (json_t *)v);
		json_object_set_new(sources, name, json_pack("{s:s, s:O}",
		    "from", o[n].name, "value", v));
	}
	return GERR_OK;
}
