/* guichet-admin: migrations, reference and seed data, from the command line. */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "admin.h"
#include "cert.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "dossier.h"
#include "gerr.h"
#include "log.h"
#include "pades.h"
#include "procdef.h"
#include "seal.h"
#include "tmpl.h"

#define MIGRATION_LOCK	"7311"	/* advisory lock key: one migrator at a time */

static int	cmd_status(int, char *[]);
static int	cmd_procedure(int, char *[]);
static int	cmd_dossier(int, char *[]);
static int	cmd_api_client(int, char *[]);
static int	cmd_conf(int, char *[]);
static int	cmd_pdf(int, char *[]);
static int	cmd_error_pages(int, char *[]);

/* want_db: the configuration is loaded and the database opened first. */
static const struct command {
	const char	*name;
	int		(*fn)(int, char *[]);
	int		 want_db;
	const char	*usage;
} commands[] = {
	{ "migrate",	admin_migrate,	1, "migrate [SQLDIR]" },
	{ "status",	cmd_status,	1, "status" },
	{ "seed",	admin_seed,	1, "seed FILE.sql..." },
	{ "postcodes",	admin_postcodes,	1, "postcodes FILE.csv" },
	{ "procedure",	cmd_procedure,	1, "procedure import FILE.json... | "
	    "online CODE | offline CODE | retire CODE PATH" },
	{ "certificate", cmd_certificate, 1, "certificate import FILE.json... "
	    "| online CODE | offline CODE" },
	{ "dossier",	cmd_dossier,	1, "dossier verify REFERENCE" },
	{ "office",	cmd_office,	1, "office define FILE.json... | show "
	    "OFFICE | closures OFFICE FILE.ics... | feed OFFICE DESK | "
	    "feed-revoke OFFICE DESK" },
	{ "api-client",	cmd_api_client,	1, "api-client create DEPARTMENT NAME "
	    "[CERT.pem] | revoke ID | list" },
	{ "department",	cmd_department,	1, "department add CODE FR NL DE EN "
	    "[EMAIL] | list" },
	{ "family",	cmd_family,	1, "family add CODE FR NL DE EN | "
	    "list" },
	{ "agent",	cmd_agent,	1, "agent grant DEPARTMENT NRN "
	    "reader|processor|manager | revoke DEPARTMENT NRN | "
	    "list DEPARTMENT" },
	{ "setup",	cmd_setup,	0, "setup [--test-site] [--seal CERT KEY] "
	    "[--department CODE [NAME]] [--manager NRN] [--superuser CONNINFO]" },
	{ "check",	cmd_check,	0, "check" },
	{ "conf",	cmd_conf,	0, "conf check [FILE] | reference" },
	{ "pdf",	cmd_pdf,	0, "pdf check FILE.pdf..." },
	{ "error-pages", cmd_error_pages, 0, "error-pages DIR" },
};

static const char	*admin_conf;	/* -c FILE, else $GUICHET_CONF */

/* The configuration setup and check read: -c, else the installed one. */
const char *
admin_conf_path(void)
{
	return admin_conf != NULL ? admin_conf : "/etc/guichet/guichet.conf";
}

/* The file's bytes, NUL-terminated, their number in *len. */
static char *
file_read_len(const char *path, size_t *len)
{
	FILE	*f;
	char	*s = NULL;
	long	 n;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "guichet-admin: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) != NULL) {
		if (fread(s, 1, (size_t)n, f) != (size_t)n) {
			free(s);
			s = NULL;
		} else {
			s[n] = '\0';
			*len = (size_t)n;
		}
	}
	fclose(f);
	return s;
}

static char *
file_read(const char *path)
{
	size_t	len;

	return file_read_len(path, &len);
}

/* Runs trusted SQL from our own files; user input never comes here. */
static int
exec_script(PGconn *c, const char *sql, const char *what)
{
	PGresult	*res = PQexec(c, sql);
	int		 ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
			    PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "guichet-admin: %s: %s", what,
		    PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : -1;
}

static int
migration_file(const struct dirent *d)
{
	size_t	n = strlen(d->d_name);

	return n > 9 && strspn(d->d_name, "0123456789") == 4 &&
	    d->d_name[4] == '_' && strcmp(d->d_name + n - 4, ".sql") == 0;
}

static int
migration_applied(PGconn *c, const char *version)
{
	const char	*p[1] = { version };
	PGresult	*res;
	int		 applied;

	res = PQexecParams(c, "SELECT 1 FROM schema_migrations "
	    "WHERE version = $1::int", 1, NULL, p, NULL, NULL, 0);
	applied = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0;
	PQclear(res);
	return applied;
}

static int
migration_apply(PGconn *c, const char *dir, const char *name)
{
	char		 path[4096], version[5];
	const char	*p[2] = { version, name };
	char		*sql;
	PGresult	*res;
	int		 rc = -1;

	snprintf(version, sizeof(version), "%.4s", name);
	if (migration_applied(c, version))
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((sql = file_read(path)) == NULL)
		return -1;
	if (exec_script(c, "BEGIN", name) == 0 &&
	    exec_script(c, sql, name) == 0) {
		res = PQexecParams(c, "INSERT INTO schema_migrations "
		    "(version, name) VALUES ($1::int, $2)", 2, NULL, p, NULL,
		    NULL, 0);
		if (PQresultStatus(res) == PGRES_COMMAND_OK &&
		    exec_script(c, "COMMIT", name) == 0) {
			printf("applied %s\n", name);
			rc = 0;
		}
		PQclear(res);
	}
	if (rc == -1)
		exec_script(c, "ROLLBACK", name);
	free(sql);
	return rc;
}

/*
 * A database migrated by a newer guichet than this one (a downgrade):
 * these programs do not know its schema, so nothing is applied.  -1,
 * said, if so.
 */
static int
migrations_newer(PGconn *c, const char *last)
{
	char		 version[5];
	const char	*p[1] = { version };
	PGresult	*res;
	int		 newer;

	snprintf(version, sizeof(version), "%.4s", last);
	res = PQexecParams(c, "SELECT version, name FROM schema_migrations"
	    " WHERE version > $1::int ORDER BY version DESC LIMIT 1", 1, NULL,
	    p, NULL, NULL, 0);
	newer = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0;
	if (newer)
		fprintf(stderr, "guichet-admin: the database has migration %s, "
		    "which this version of guichet does not know: a newer "
		    "version migrated it, and downgrades are refused; install "
		    "that version again\n", PQgetvalue(res, 0, 1));
	PQclear(res);
	return newer ? -1 : 0;
}

/* Applies, in order, every sql/NNNN_*.sql not yet recorded.  Safe to rerun. */
int
admin_migrate(int argc, char *argv[])
{
	const char	*dir = argc > 1 ? argv[1] : conf_str("sql.dir");
	struct dirent	**names;
	PGconn		*c = db_conn();
	int		 n, i, rc = 0;

	if (exec_script(c, "SELECT pg_advisory_lock(" MIGRATION_LOCK ")",
	    "lock") == -1 ||
	    exec_script(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version integer PRIMARY KEY, name text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())", "init") == -1)
		return 1;
	if ((n = scandir(dir, &names, migration_file, alphasort)) == -1) {
		fprintf(stderr, "guichet-admin: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (migrations_newer(c, n > 0 ? names[n - 1]->d_name : "0000") == -1)
		rc = 1;
	for (i = 0; i < n; i++) {
		if (rc == 0 && migration_apply(c, dir, names[i]->d_name) == -1)
			rc = 1;
		free(names[i]);
	}
	free(names);
	/* data the SQL cannot compute: lib/calendar.c's holidays */
	if (rc == 0 && holidays_write() != 0)
		rc = 1;
	exec_script(c, "SELECT pg_advisory_unlock(" MIGRATION_LOCK ")",
	    "unlock");
	return rc;
}

static int
cmd_status(int argc, char *argv[])
{
	PGresult	*res;
	int		 i;

	(void)argc;
	(void)argv;
	res = PQexec(db_conn(), "SELECT version, name, applied_at "
	    "FROM schema_migrations ORDER BY version");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "guichet-admin: no migrations applied\n");
		PQclear(res);
		return 1;
	}
	for (i = 0; i < PQntuples(res); i++)
		printf("%s %s %s\n", PQgetvalue(res, i, 0),
		    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
	PQclear(res);
	return 0;
}

/* Seed files are written to be rerun: they upsert. */
int
admin_seed(int argc, char *argv[])
{
	char	*sql;
	int	 i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: guichet-admin seed FILE.sql...\n");
		return 1;
	}
	for (i = 1; i < argc && rc == 0; i++) {
		if ((sql = file_read(argv[i])) == NULL)
			return 1;
		if (exec_script(db_conn(), "BEGIN", argv[i]) == -1 ||
		    exec_script(db_conn(), sql, argv[i]) == -1 ||
		    exec_script(db_conn(), "COMMIT", argv[i]) == -1) {
			exec_script(db_conn(), "ROLLBACK", argv[i]);
			rc = 1;
		} else
			printf("seeded %s\n", argv[i]);
		free(sql);
	}
	return rc;
}

/* Loads code,locality,longitude,latitude rows, replacing what was there. */
int
admin_postcodes(int argc, char *argv[])
{
	PGconn		*c = db_conn();
	PGresult	*res;
	char		*csv;
	int		 ok;

	if (argc != 2) {
		fprintf(stderr, "usage: guichet-admin postcodes FILE.csv\n");
		return 1;
	}
	if ((csv = file_read(argv[1])) == NULL)
		return 1;
	ok = exec_script(c, "BEGIN", "postcodes") == 0 &&
	    exec_script(c, "CREATE TEMP TABLE pc (LIKE postal_codes) "
	    "ON COMMIT DROP", "postcodes") == 0;
	if (ok) {
		res = PQexec(c, "COPY pc FROM STDIN WITH (FORMAT csv)");
		ok = PQresultStatus(res) == PGRES_COPY_IN;
		PQclear(res);
	}
	if (ok) {
		ok = PQputCopyData(c, csv, (int)strlen(csv)) == 1 &&
		    PQputCopyEnd(c, NULL) == 1;
		res = PQgetResult(c);
		ok = ok && PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok)
			fprintf(stderr, "guichet-admin: %s",
			    PQresultErrorMessage(res));
		PQclear(res);
	}
	ok = ok && exec_script(c, "DELETE FROM postal_codes", "postcodes") == 0 &&
	    exec_script(c, "INSERT INTO postal_codes SELECT DISTINCT ON "
	    "(code, locality) * FROM pc", "postcodes") == 0 &&
	    exec_script(c, "COMMIT", "postcodes") == 0;
	if (!ok)
		exec_script(c, "ROLLBACK", "postcodes");
	free(csv);
	return ok ? 0 : 1;
}

/*
 * Publishes a definition as the procedure's next version, unless it is the
 * same as the current one.  A published version is never changed: the
 * dossiers started on it keep it.
 */
static const char *const q_proc_upsert =
    "INSERT INTO procedures (code, family_code, department_id)"
    " SELECT $1, $2, d.id FROM departments d WHERE d.code = $3"
    " ON CONFLICT (code) DO UPDATE SET family_code = EXCLUDED.family_code,"
    "  department_id = EXCLUDED.department_id"
    " RETURNING id";
static const char *const q_version_new =
    "INSERT INTO procedure_versions (procedure_id, version, definition, digest)"
    " SELECT $1::bigint, coalesce(max(version), 0) + 1, $2::jsonb,"
    "  decode($3, 'hex') FROM procedure_versions WHERE procedure_id = $1::bigint"
    " HAVING NOT EXISTS (SELECT 1 FROM procedures p JOIN procedure_versions v"
    "  ON v.procedure_id = p.id AND v.version = p.current_version"
    "  WHERE p.id = $1::bigint AND v.digest = decode($3, 'hex'))"
    " RETURNING version";
static const char *const q_version_current =
    "UPDATE procedures SET current_version = $2::int WHERE id = $1::bigint";

/* One parameterised statement; NULL (reported after path) on error. */
PGresult *
admin_step(const char *path, const char *sql, int n, const char *const *p)
{
	PGresult	*res = PQexecParams(db_conn(), sql, n, NULL, p, NULL,
			    NULL, 0);

	if (PQresultStatus(res) == PGRES_TUPLES_OK ||
	    PQresultStatus(res) == PGRES_COMMAND_OK)
		return res;
	fprintf(stderr, "%s: %s", path, PQresultErrorMessage(res));
	PQclear(res);
	return NULL;
}

/* Publishes the definition as the next version unless it is the current one. */
static int
procedure_publish(const char *path, const json_t *d, const char *canon,
    const char *digest)
{
	const char	*p[3];
	char		 id[24], version[16];
	PGresult	*res;

	if (owners_import(path, d) == -1 || offices_fields_check(path, d) == -1)
		return -1;
	p[0] = json_string_value(json_object_get(d, "code"));
	p[1] = procdef_owner_code(d, "family");
	p[2] = procdef_owner_code(d, "department");
	if ((res = admin_step(path, q_proc_upsert, 3, p)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		fprintf(stderr, "%s: no department %s\n", path, p[2]);
		PQclear(res);
		return -1;
	}
	snprintf(id, sizeof(id), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	p[0] = id;
	p[1] = canon;
	p[2] = digest;
	if ((res = admin_step(path, q_version_new, 3, p)) == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		printf("%s: unchanged\n", json_string_value(json_object_get(d,
		    "code")));
		PQclear(res);
		return 0;
	}
	snprintf(version, sizeof(version), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	p[1] = version;
	if ((res = admin_step(path, q_version_current, 2, p)) == NULL)
		return -1;
	PQclear(res);
	printf("%s: version %s published\n", json_string_value(
	    json_object_get(d, "code")), version);
	return 0;
}

/*
 * A problem the language files say (a decision deadline's), also in the
 * language of whoever imports: LANG's first two letters, else French.
 */
static void
problem_translated(const char *path, const char *key)
{
	static int	 loaded;
	const char	*env = getenv("LANG");
	enum lang	 l = LANG_FR;
	char		 two[3];

	if (env != NULL && strlen(env) >= 2) {
		memcpy(two, env, 2);
		two[2] = '\0';
		if (!lang_parse(two, &l))
			l = LANG_FR;
	}
	if (!loaded && tmpl_init(conf_str("templates.dir")) == GERR_OK)
		loaded = 1;
	if (loaded)
		fprintf(stderr, "%s: %s\n", path, tmpl_str(l, key));
}

static int
procedure_import(const char *path)
{
	const char	*key;
	json_t		*d;
	json_error_t	 jerr;
	char		 err[600], digest[65], *canon;
	int		 rc = 1;

	if ((d = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr)) == NULL) {
		fprintf(stderr, "%s:%d:%d: %s\n", path, jerr.line, jerr.column,
		    jerr.text);
		return 1;
	}
	if (procdef_check_keyed(d, err, sizeof(err), &key) == -1) {
		fprintf(stderr, "%s: %s\n", path, err);
		if (key != NULL)
			problem_translated(path, key);
		json_decref(d);
		return 1;
	}
	canon = procdef_canonical(d);
	procdef_digest(canon, digest);
	if (exec_script(db_conn(), "BEGIN", path) == 0 &&
	    procedure_publish(path, d, canon, digest) == 0 &&
	    exec_script(db_conn(), "COMMIT", path) == 0)
		rc = 0;
	else
		exec_script(db_conn(), "ROLLBACK", path);
	free(canon);
	json_decref(d);
	return rc;
}

static int
cmd_procedure(int argc, char *argv[])
{
	const char	*p[2];
	PGresult	*res;
	int		 i, rc = 0;

	if (argc >= 3 && strcmp(argv[1], "import") == 0) {
		for (i = 2; i < argc; i++)
			rc |= procedure_import(argv[i]);
		return rc;
	}
	if (argc == 3 && (strcmp(argv[1], "online") == 0 ||
	    strcmp(argv[1], "offline") == 0)) {
		p[0] = argv[2];
		p[1] = strcmp(argv[1], "online") == 0 ? "t" : "f";
		res = PQexecParams(db_conn(), "UPDATE procedures SET online = $2,"
		    " replaced_by = CASE WHEN $2 THEN NULL ELSE replaced_by END"
		    " WHERE code = $1 AND current_version IS NOT NULL RETURNING 1",
		    2, NULL, p, NULL, NULL, 0);
		rc = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 ? 0 : 1;
		if (rc)
			fprintf(stderr, "guichet-admin: no published procedure "
			    "%s\n", argv[2]);
		PQclear(res);
		return rc;
	}
	/* retired: offline, its page sends to what replaces it */
	if (argc == 4 && strcmp(argv[1], "retire") == 0) {
		p[0] = argv[2];
		p[1] = argv[3];
		res = PQexecParams(db_conn(), "UPDATE procedures SET online = false,"
		    " replaced_by = $2 WHERE code = $1 RETURNING 1",
		    2, NULL, p, NULL, NULL, 0);
		rc = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 ? 0 : 1;
		if (rc)
			fprintf(stderr, "guichet-admin: cannot retire %s: %s",
			    argv[2], PQntuples(res) == 0 &&
			    PQresultStatus(res) == PGRES_TUPLES_OK ?
			    "no such procedure\n" : PQresultErrorMessage(res));
		PQclear(res);
		return rc;
	}
	fprintf(stderr, "usage: guichet-admin procedure import FILE.json... | "
	    "online CODE | offline CODE | retire CODE PATH\n");
	return 2;
}

/*
 * A client known by its certificate (lib/cert.c): the file the department
 * gave, PEM; its SHA-256 is what the API compares.  Prints the id and the
 * fingerprint.
 */
static int
api_client_cert(const char *dept, const char *name, const char *path)
{
	const char	*p[3];
	char		 pem[65536], hex[65];
	size_t		 len;
	PGresult	*res;
	FILE		*f;
	int		 rc;

	if ((f = fopen(path, "r")) == NULL) {
		fprintf(stderr, "guichet-admin: %s: cannot read\n", path);
		return 1;
	}
	len = fread(pem, 1, sizeof(pem), f);
	fclose(f);
	if (cert_fingerprint(pem, len, hex) == -1) {
		fprintf(stderr, "guichet-admin: %s: no PEM certificate\n", path);
		return 1;
	}
	p[0] = dept;
	p[1] = name;
	p[2] = hex;
	res = PQexecParams(db_conn(), "INSERT INTO api_clients"
	    " (department_id, name, cert_fingerprint) SELECT id, $2, $3"
	    " FROM departments WHERE code = $1 RETURNING id", 3, NULL, p, NULL,
	    NULL, 0);
	rc = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 ?
	    0 : 1;
	if (rc)
		fprintf(stderr, "guichet-admin: no department %s, or this "
		    "certificate is registered already\n", dept);
	else
		printf("%s sha256:%s\n", PQgetvalue(res, 0, 0), hex);
	PQclear(res);
	return rc;
}

/*
 * Keys of business applications: made here, printed once, stored as
 * their SHA-256 only (cgi-bin/api/auth.c).  A key is "gk_" and 64 hex
 * digits: 256 random bits.
 */
static int
cmd_api_client(int argc, char *argv[])
{
	const char	*p[3];
	char		 key[68], hex[65];
	unsigned char	 md[32];
	PGresult	*res;
	int		 i, rc;

	if (argc == 5 && strcmp(argv[1], "create") == 0)
		return api_client_cert(argv[2], argv[3], argv[4]);
	if (argc == 4 && strcmp(argv[1], "create") == 0) {
		memcpy(key, "gk_", 3);
		if (random_hex(key + 3, 32) == -1)
			return 1;
		SHA256((const unsigned char *)key, strlen(key), md);
		for (i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
		p[0] = argv[2];
		p[1] = argv[3];
		p[2] = hex;
		res = PQexecParams(db_conn(), "INSERT INTO api_clients"
		    " (department_id, name, key_hash) SELECT id, $2,"
		    " decode($3, 'hex') FROM departments WHERE code = $1"
		    " RETURNING id", 3, NULL, p, NULL, NULL, 0);
		rc = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 ? 0 : 1;
		if (rc)
			fprintf(stderr, "guichet-admin: no department %s\n",
			    argv[2]);
		else
			printf("%s %s\n", PQgetvalue(res, 0, 0), key);
		PQclear(res);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "revoke") == 0) {
		p[0] = argv[2];
		res = PQexecParams(db_conn(), "UPDATE api_clients SET revoked_at"
		    " = now() WHERE id::text = $1 AND revoked_at IS NULL"
		    " RETURNING 1", 1, NULL, p, NULL, NULL, 0);
		rc = PQresultStatus(res) == PGRES_TUPLES_OK &&
		    PQntuples(res) == 1 ? 0 : 1;
		if (rc)
			fprintf(stderr, "guichet-admin: no active client %s\n",
			    argv[2]);
		PQclear(res);
		return rc;
	}
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		res = PQexec(db_conn(), "SELECT c.id, d.code, c.name,"
		    " c.created_at::date, coalesce(c.revoked_at::date::text,"
		    " 'active') FROM api_clients c JOIN departments d"
		    " ON d.id = c.department_id ORDER BY c.id");
		for (i = 0; PQresultStatus(res) == PGRES_TUPLES_OK &&
		    i < PQntuples(res); i++)
			printf("%s\t%s\t%s\t%s\t%s\n", PQgetvalue(res, i, 0),
			    PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
			    PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
		PQclear(res);
		return 0;
	}
	fprintf(stderr, "usage: guichet-admin api-client create DEPARTMENT "
	    "NAME [CERT.pem] | revoke ID | list\n");
	return 2;
}

/* Everything the seal of a submitted dossier covers, from the database. */
static const char *const q_sealed =
    "SELECT p.code, d.procedure_version, d.id, d.reference,"
    "  to_char(d.submitted_at AT TIME ZONE 'UTC',"
    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), d.data::text,"
    "  (SELECT coalesce(json_agg(json_build_object('field', a.field,"
    "   'filename', a.filename, 'size', a.size, 'sha256',"
    "   encode(a.sha256, 'hex')) ORDER BY a.id), '[]')"
    "   FROM attachments a WHERE a.dossier_id = d.id"
    "   AND a.message_id IS NULL)::text,"
    "  encode(d.receipt_digest, 'hex'), d.receipt_seal,"
    "  (SELECT bool_and(a.sha256 = sha256(a.content)) FROM attachments a"
    "   WHERE a.dossier_id = d.id AND a.message_id IS NULL)"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    " WHERE d.reference = $1";

/*
 * Rebuilds a submitted dossier's canonical form and checks its digest,
 * the annexes' bytes and the seal: 0 if all hold, 1 otherwise.
 */
static int
dossier_verify(const char *ref)
{
	const char	*p[1] = { ref };
	PGresult	*res = PQexecParams(db_conn(), q_sealed, 1, NULL, p, NULL,
			    NULL, 0);
	json_t		*answers = NULL, *annexes = NULL;
	unsigned char	*seal = NULL;
	char		*canon = NULL, hex[65];
	const char	*why = NULL;
	size_t		 n;
	int		 rc = 1;

	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1) {
		fprintf(stderr, "guichet-admin: no submitted dossier %s\n", ref);
		goto out;
	}
	answers = json_loads(PQgetvalue(res, 0, 5), 0, NULL);
	annexes = json_loads(PQgetvalue(res, 0, 6), 0, NULL);
	canon = dossier_canonical(PQgetvalue(res, 0, 0),
	    atoll(PQgetvalue(res, 0, 1)), PQgetvalue(res, 0, 2),
	    PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 4), answers, annexes);
	if (canon == NULL)
		goto out;
	sha256_hex(canon, hex);
	seal = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 8),
	    &n);
	if (strcmp(hex, PQgetvalue(res, 0, 7)) != 0)
		why = "the answers or annexes differ from what was sealed";
	else if (strcmp(PQgetvalue(res, 0, 9), "f") == 0)
		why = "an annex's bytes no longer match its SHA-256";
	else if (seal == NULL || seal_verify(seal, n, canon, strlen(canon)) ==
	    -1)
		why = "the seal does not verify";
	if (why != NULL)
		printf("%s: NOT INTACT: %s\n", ref, why);
	else {
		printf("%s: intact, sha256 %s, sealed\n", ref, hex);
		rc = 0;
	}
out:
	PQfreemem(seal);
	free(canon);
	json_decref(answers);
	json_decref(annexes);
	PQclear(res);
	return rc;
}

static int
cmd_dossier(int argc, char *argv[])
{
	if (argc == 3 && strcmp(argv[1], "verify") == 0)
		return dossier_verify(argv[2]);
	fprintf(stderr, "usage: guichet-admin dossier verify REFERENCE\n");
	return 2;
}

/*
 * check: the file's problems as file:line, exit 1 if it would be refused;
 * reference: docs/configuration.md, from the table of keys.
 */
static int
cmd_conf(int argc, char *argv[])
{
	const char	*path = argc > 2 ? argv[2] : admin_conf;

	if (argc == 2 && strcmp(argv[1], "reference") == 0) {
		conf_reference(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	if ((argc == 2 || argc == 3) && strcmp(argv[1], "check") == 0 &&
	    path != NULL)
		return conf_check(path, stderr) == GERR_OK ? 0 : 1;
	fprintf(stderr, "usage: guichet-admin [-c FILE] conf check [FILE] | "
	    "conf reference\n");
	return 2;
}

/*
 * The statuses nginx answers itself (a request it cannot read, a path no
 * program serves, a body or an address too long, a program away or too
 * slow): conf/nginx/guichet.conf serves these pages for them.
 */
static const int nginx_statuses[] = { 400, 404, 413, 414, 502, 503, 504 };

/* One error page, as the programs' error page looks, in one language. */
static int
error_page_write(const char *dir, int status, enum lang l)
{
	struct pool	*pool = pool_new(16384);
	HDF		*hdf;
	struct buf	 out;
	char		 key[64], path[4096];
	FILE		*f;
	int		 i, rc = -1;

	if (pool == NULL || (hdf = tmpl_hdf_new(pool)) == NULL)
		goto out;
	tmpl_set(hdf, "Page.lang", lang_codes[l]);
	tmpl_set(hdf, "Page.path", "/help");	/* the switcher's target */
	for (i = 0; i < LANG__MAX; i++) {
		tmpl_set(hdf, pool_printf(pool, "Page.langs.%d.code", i),
		    lang_codes[i]);
		if (i == (int)l)
			tmpl_set(hdf, pool_printf(pool, "Page.langs.%d.current",
			    i), "1");
	}
	tmpl_setf(hdf, "Error.status", "%d", status);
	snprintf(key, sizeof(key), "error.%d.title", status);
	tmpl_set(hdf, "Error.title", tmpl_str(l, key));
	snprintf(key, sizeof(key), "error.%d.text", status);
	tmpl_set(hdf, "Error.text", tmpl_str(l, key));
	buf_init(&out, pool);
	if (tmpl_render(hdf, l, "error.cs", &out) != GERR_OK)
		goto out;
	snprintf(path, sizeof(path), "%s/%d.%s.html", dir, status,
	    lang_codes[l]);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		goto out;
	}
	for (i = 0; (size_t)i < out.len && (out.data[i] == '\n' ||
	    out.data[i] == ' '); i++)
		;	/* the blank lines of the templates' definitions */
	fwrite(out.data + i, 1, out.len - (size_t)i, f);
	rc = fclose(f) == 0 ? 0 : -1;
out:
	pool_free(pool);
	return rc;
}

/*
 * error-pages DIR: the pages nginx serves for its own errors, rendered
 * from templates/error.cs in the four languages (STATUS.LANG.html), so
 * they look, speak and say what the programs' error pages do.
 */
static int
cmd_error_pages(int argc, char *argv[])
{
	size_t	i;
	int	l;

	if (argc != 2) {
		fprintf(stderr, "usage: guichet-admin [-c FILE] error-pages "
		    "DIR\n");
		return 2;
	}
	if (admin_conf != NULL && conf_load(admin_conf) != GERR_OK)
		return 1;
	if (tmpl_init(conf_str("templates.dir")) != GERR_OK)
		return 1;
	for (i = 0; i < nitems(nginx_statuses); i++)
		for (l = 0; l < LANG__MAX; l++)
			if (error_page_write(argv[1], nginx_statuses[i],
			    (enum lang)l) == -1)
				return 1;
	tmpl_free();
	return 0;
}

/*
 * check: what each PDF's signatures say (lib/pades.c): "ok" only for our
 * seal over the whole file, then whether it carries a timestamp that
 * checks; exit 1 unless every file is ok.
 */
static int
cmd_pdf(int argc, char *argv[])
{
	enum pades_verdict	 v;
	char			*pdf;
	size_t			 len = 0;
	int			 i, ts, rc = 0;

	if (argc < 3 || strcmp(argv[1], "check") != 0) {
		fprintf(stderr, "usage: guichet-admin [-c FILE] pdf check "
		    "FILE.pdf...\n");
		return 2;
	}
	if (admin_conf != NULL && conf_load(admin_conf) != GERR_OK)
		return 1;
	for (i = 2; i < argc; i++) {
		if ((pdf = file_read_len(argv[i], &len)) == NULL)
			return 1;
		v = pades_check(pdf, len, &ts);
		printf("%s: %s%s\n", argv[i], pades_verdict_name(v),
		    v == PADES_OK ? (ts ? ", timestamped" : ", no timestamp") :
		    "");
		if (v != PADES_OK)
			rc = 1;
		free(pdf);
	}
	return rc;
}

static void
usage(void)
{
	size_t	i;

	fprintf(stderr, "usage: guichet-admin [-c guichet.conf] command\n");
	for (i = 0; i < nitems(commands); i++)
		fprintf(stderr, "  %s\n", commands[i].usage);
}

int
main(int argc, char *argv[])
{
	size_t		 i;
	int		 rc;

	log_init("guichet-admin", NULL);
	admin_conf = getenv("GUICHET_CONF");
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		admin_conf = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage();
		return 2;
	}
	for (i = 0; i < nitems(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == nitems(commands)) {
		usage();
		return 2;
	}
	if (!commands[i].want_db)
		return commands[i].fn(argc - 1, argv + 1);
	if (admin_conf != NULL && conf_load(admin_conf) != GERR_OK)
		return 1;
	if (admin_db_open(conf_str("db.admin_conninfo")) != GERR_OK)
		return 1;
	rc = commands[i].fn(argc - 1, argv + 1);
	db_close();
	conf_free();
	return rc;
}
