/*
 * Whom procedures belong to, from the command line: departments,
 * procedure families, and agents' roles in a department; and the
 * department and family a definition describes, added at its import.
 * A department ports a procedure without writing SQL (docs/procedures.md).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "procdef.h"
#include "valid.h"

static const char *const q_dept_add =
    "INSERT INTO departments (code, names, email) VALUES ($1, $2::jsonb, $3)"
    " ON CONFLICT (code) DO NOTHING RETURNING id";
static const char *const q_dept_set =
    "INSERT INTO departments (code, names, email) VALUES ($1, $2::jsonb, $3)"
    " ON CONFLICT (code) DO UPDATE SET names = EXCLUDED.names,"
    "  email = coalesce(EXCLUDED.email, departments.email) RETURNING id";
static const char *const q_family_add =
    "INSERT INTO procedure_families (code, titles) VALUES ($1, $2::jsonb)"
    " ON CONFLICT (code) DO NOTHING RETURNING code";
static const char *const q_family_set =
    "INSERT INTO procedure_families (code, titles) VALUES ($1, $2::jsonb)"
    " ON CONFLICT (code) DO UPDATE SET titles = EXCLUDED.titles"
    " RETURNING code";
static const char *const q_dept_known =
    "SELECT 1 FROM departments WHERE code = $1";
static const char *const q_family_known =
    "SELECT 1 FROM procedure_families WHERE code = $1";

/* One statement's rows, or -1 (reported); *n the number of rows. */
static int
rows(const char *what, const char *sql, int n, const char *const *p)
{
	PGresult	*res = admin_step(what, sql, n, p);
	int		 count;

	if (res == NULL)
		return -1;
	count = PQntuples(res);
	PQclear(res);
	return count;
}

/* The four texts of an object as the jsonb the table keeps. */
static char *
texts_json(const json_t *texts)
{
	return json_dumps(texts, JSON_SORT_KEYS | JSON_COMPACT);
}

/*
 * The department or family a definition describes (an object rather
 * than a code) is added if missing; one that exists keeps its names
 * (guichet-admin department add changes them).  Then both must exist:
 * an unknown one is named, never a foreign key's error.
 */
int
owners_import(const char *path, const json_t *d)
{
	static const struct {
		const char	*key, *texts, *add, *known, *what, *cmd;
	} owners[] = {
		{ "department", "names", q_dept_add, q_dept_known,
		    "department", "department" },
		{ "family", "titles", q_family_add, q_family_known,
		    "procedure family", "family" },
	};
	const json_t	*o;
	const char	*p[3];
	char		*texts;
	size_t		 i;
	int		 n;

	for (i = 0; i < nitems(owners); i++) {
		o = json_object_get(d, owners[i].key);
		p[0] = procdef_owner_code(d, owners[i].key);
		if (json_is_object(o)) {
			texts = texts_json(json_object_get(o, owners[i].texts));
			p[1] = texts;
			p[2] = json_string_value(json_object_get(o, "email"));
			n = rows(path, owners[i].add, i == 0 ? 3 : 2, p);
			free(texts);
			if (n == -1)
				return -1;
			if (n == 1)
				printf("%s: %s %s added\n", path,
				    owners[i].what, p[0]);
		}
		if ((n = rows(path, owners[i].known, 1, p)) == -1)
			return -1;
		if (n == 0) {
			fprintf(stderr, "%s: no %s %s (add it with "
			    "guichet-admin %s add, or describe it in the "
			    "file)\n", path, owners[i].what, p[0],
			    owners[i].cmd);
			return -1;
		}
	}
	return 0;
}

/* The four languages' texts given on the command line, as JSON. */
static char *
texts_args(char *argv[])
{
	json_t	*t = json_pack("{s:s, s:s, s:s, s:s}", "fr", argv[0], "nl",
		    argv[1], "de", argv[2], "en", argv[3]);
	char	*s = t != NULL ? texts_json(t) : NULL;
	size_t	 i;

	for (i = 0; s != NULL && i < 4; i++)
		if (*argv[i] == '\0' || !valid_utf8(argv[i], strlen(argv[i]))) {
			free(s);
			s = NULL;
		}
	json_decref(t);
	return s;
}

static void
list(const char *sql, int n, const char *const *p)
{
	PGresult	*res = admin_step("list", sql, n, p);
	int		 i, j;

	for (i = 0; res != NULL && i < PQntuples(res); i++)
		for (j = 0; j < PQnfields(res); j++)
			printf("%s%s", PQgetvalue(res, i, j),
			    j + 1 < PQnfields(res) ? "\t" : "\n");
	PQclear(res);
}

/* A department's code (HOUSING) or a family's (housing), as the tables take. */
static int
code_ok(const char *s, int dept)
{
	size_t	n = strlen(s), i;

	if (n < 2 || n > (dept ? 20 : 40) || !(dept ?
	    isupper((unsigned char)*s) : islower((unsigned char)*s)))
		return 0;
	for (i = 1; i < n; i++)
		if (!(dept ? isupper((unsigned char)s[i]) || s[i] == '-' :
		    islower((unsigned char)s[i])) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* add CODE FR NL DE EN [EMAIL]: made, or its names changed; list. */
int
cmd_department(int argc, char *argv[])
{
	const char	*p[3];
	char		*texts;
	int		 n;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		list("SELECT code, names->>'fr', coalesce(email, '')"
		    " FROM departments ORDER BY code", 0, NULL);
		return 0;
	}
	if ((argc != 7 && argc != 8) || strcmp(argv[1], "add") != 0) {
		fprintf(stderr, "usage: guichet-admin department add CODE "
		    "FR NL DE EN [EMAIL] | list\n");
		return 2;
	}
	if (!code_ok(argv[2], 1) || (argc == 8 &&
	    !valid_email(argv[7], NULL, NULL, 0)) ||
	    (texts = texts_args(argv + 3)) == NULL) {
		fprintf(stderr, "guichet-admin: a department is a code "
		    "(HOUSING), its names in fr, nl, de, en, and an email "
		    "address\n");
		return 1;
	}
	p[0] = argv[2];
	p[1] = texts;
	p[2] = argc == 8 ? argv[7] : NULL;
	n = rows("department", q_dept_set, 3, p);
	free(texts);
	if (n != 1)
		return 1;
	printf("department %s\n", argv[2]);
	return 0;
}

/* add CODE FR NL DE EN: made, or its titles changed; list. */
int
cmd_family(int argc, char *argv[])
{
	const char	*p[2];
	char		*texts;
	int		 n;

	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		list("SELECT code, titles->>'fr' FROM procedure_families"
		    " ORDER BY code", 0, NULL);
		return 0;
	}
	if (argc != 7 || strcmp(argv[1], "add") != 0) {
		fprintf(stderr, "usage: guichet-admin family add CODE FR NL DE "
		    "EN | list\n");
		return 2;
	}
	if (!code_ok(argv[2], 0) ||
	    (texts = texts_args(argv + 3)) == NULL) {
		fprintf(stderr, "guichet-admin: a family is a code "
		    "(housing) and its titles in fr, nl, de, en\n");
		return 1;
	}
	p[0] = argv[2];
	p[1] = texts;
	n = rows("family", q_family_set, 2, p);
	free(texts);
	if (n != 1)
		return 1;
	printf("family %s\n", argv[2]);
	return 0;
}

static const char *const q_agent_grant =
    "WITH p AS (INSERT INTO persons (nrn) VALUES ($2)"
    "   ON CONFLICT (nrn) DO UPDATE SET nrn = EXCLUDED.nrn RETURNING id),"
    " a AS (INSERT INTO agents (person_id) SELECT id FROM p"
    "   ON CONFLICT (person_id) DO UPDATE SET disabled_at = NULL"
    "   RETURNING id)"
    " INSERT INTO agent_departments (agent_id, department_id, role)"
    " SELECT a.id, d.id, $3 FROM a, departments d WHERE d.code = $1"
    " ON CONFLICT (agent_id, department_id) DO UPDATE SET role = $3"
    " RETURNING 1";
static const char *const q_agent_list =
    "SELECT coalesce(p.given_names || ' ' || p.surname, '-'), ad.role"
    "  FROM agent_departments ad JOIN agents a ON a.id = ad.agent_id"
    "  JOIN persons p ON p.id = a.person_id"
    "  JOIN departments d ON d.id = ad.department_id"
    " WHERE d.code = $1 ORDER BY 1";
static const char *const q_agent_revoke =
    "DELETE FROM agent_departments ad USING agents a, persons p,"
    "  departments d WHERE ad.agent_id = a.id AND a.person_id = p.id"
    "  AND ad.department_id = d.id AND d.code = $1 AND p.nrn = $2"
    " RETURNING 1";

/*
 * grant DEPARTMENT NRN ROLE: the person (by national number: known
 * before their first login) is an agent of the department with that
 * role; revoke takes it away; list names the agents and their roles
 * (never their numbers).
 */
int
cmd_agent(int argc, char *argv[])
{
	static const char *const roles[] = { "reader", "processor", "manager" };
	const char	*p[3];
	char		 nrn[16];
	size_t		 i;

	if (argc == 3 && strcmp(argv[1], "list") == 0) {
		p[0] = argv[2];
		list(q_agent_list, 1, p);
		return 0;
	}
	if (!((argc == 5 && strcmp(argv[1], "grant") == 0) ||
	    (argc == 4 && strcmp(argv[1], "revoke") == 0))) {
		fprintf(stderr, "usage: guichet-admin agent grant DEPARTMENT "
		    "NRN reader|processor|manager | revoke DEPARTMENT NRN | "
		    "list DEPARTMENT\n");
		return 2;
	}
	if (!valid_nrn(argv[3], NULL, nrn, sizeof(nrn))) {
		fprintf(stderr, "guichet-admin: not a national register "
		    "number\n");
		return 1;
	}
	p[0] = argv[2];
	p[1] = nrn;
	if (argc == 4) {
		if (rows("agent", q_agent_revoke, 2, p) == 1)
			return 0;
		fprintf(stderr, "guichet-admin: no such agent in %s\n",
		    argv[2]);
		return 1;
	}
	for (i = 0; i < nitems(roles); i++)
		if (strcmp(argv[4], roles[i]) == 0)
			break;
	if (i == nitems(roles)) {
		fprintf(stderr, "guichet-admin: a role is reader, processor or "
		    "manager\n");
		return 1;
	}
	p[2] = roles[i];
	if (rows("agent", q_agent_grant, 3, p) == 1)
		return 0;
	fprintf(stderr, "guichet-admin: no department %s\n", argv[2]);
	return 1;
}
