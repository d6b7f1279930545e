/*
 * guichet-admin certificate: publishes certificate types from their JSON
 * definitions (conf/certificates/, docs/certificates.md), checked by
 * lib/certdef.c first, and puts them online or offline.  A type is
 * replaced whole: what an issued certificate said is in its PDF and the
 * register's data stored with it, not in the type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "certdef.h"
#include "db.h"

static const char *const q_type_upsert =
    "INSERT INTO certificate_types (code, department_id, definition,"
    "  automatic, position)"
    " SELECT $1, d.id, $2::jsonb, $3::boolean, $4::int FROM departments d"
    "  WHERE d.code = $5"
    " ON CONFLICT (code) DO UPDATE SET department_id = EXCLUDED.department_id,"
    "  definition = EXCLUDED.definition, automatic = EXCLUDED.automatic,"
    "  position = EXCLUDED.position, imported_at = now()"
    " RETURNING id";

static int
certificate_import(const char *path)
{
	json_t		*d;
	json_error_t	 jerr;
	const char	*p[5];
	char		 err[300], pos[16], *text;
	PGresult	*res;
	int		 rc = 1;

	if ((d = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, jerr.line, jerr.column,
		    jerr.text);
		return 1;
	}
	if (certdef_check(d, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s: %s\n", path, err);
		json_decref(d);
		return 1;
	}
	text = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(pos, sizeof(pos), "%lld", (long long)json_integer_value(
	    json_object_get(d, "position")));
	p[0] = json_string_value(json_object_get(d, "code"));
	p[1] = text;
	p[2] = strcmp(json_string_value(json_object_get(d, "issue")),
	    "automatic") == 0 ? "t" : "f";
	p[3] = pos;
	p[4] = json_string_value(json_object_get(d, "department"));
	if (text != NULL && (res = admin_step(path, q_type_upsert, 5, p)) !=
	    NULL) {
		if (PQntuples(res) == 1) {
			printf("%s: certificate type published\n", p[0]);
			rc = 0;
		} else
			fprintf(stderr, "%s: no department %s\n", path, p[4]);
		PQclear(res);
	}
	free(text);
	json_decref(d);
	return rc;
}

int
cmd_certificate(int argc, char *argv[])
{
	const char	*p[2];
	PGresult	*res;
	int		 i, rc = 0;

	if (argc >= 3 && strcmp(argv[1], "import") == 0) {
		for (i = 2; i < argc; i++)
			rc |= certificate_import(argv[i]);
		return rc;
	}
	if (argc == 3 && (strcmp(argv[1], "online") == 0 ||
	    strcmp(argv[1], "offline") == 0)) {
		p[0] = argv[2];
		p[1] = strcmp(argv[1], "online") == 0 ? "t" : "f";
		if ((res = admin_step(argv[2], "UPDATE certificate_types"
		    " SET online = $2 WHERE code = $1 RETURNING 1", 2, p)) == NULL)
			return 1;
		rc = PQntuples(res) == 1 ? 0 : 1;
		if (rc)
			fprintf(stderr, "guichet-admin: no certificate type %s\n",
			    argv[2]);
		PQclear(res);
		return rc;
	}
	fprintf(stderr, "usage: guichet-admin certificate import FILE.json... "
	    "| online CODE | offline CODE\n");
	return 2;
}
