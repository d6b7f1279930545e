/* guichet-admin: migrations, reference and seed data, from the command line. */
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "gerr.h"
#include "log.h"

#define MIGRATION_LOCK	"7311"	/* advisory lock key: one migrator at a time */

static int	cmd_migrate(int, char *[]);
static int	cmd_seed(int, char *[]);
static int	cmd_postcodes(int, char *[]);
static int	cmd_status(int, char *[]);

static const struct command {
	const char	*name;
	int		(*fn)(int, char *[]);
	const char	*usage;
} commands[] = {
	{ "migrate",	cmd_migrate,	"migrate [SQLDIR]" },
	{ "status",	cmd_status,	"status" },
	{ "seed",	cmd_seed,	"seed FILE.sql..." },
	{ "postcodes",	cmd_postcodes,	"postcodes FILE.csv" },
};

static char *
file_read(const char *path)
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
		} else
			s[n] = '\0';
	}
	fclose(f);
	return s;
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

/* Applies, in order, every sql/NNNN_*.sql not yet recorded.  Safe to rerun. */
static int
cmd_migrate(int argc, char *argv[])
{
	const char	*dir = argc > 1 ? argv[1] : conf_get("sql.dir", "sql");
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
	for (i = 0; i < n; i++) {
		if (rc == 0 && migration_apply(c, dir, names[i]->d_name) == -1)
			rc = 1;
		free(names[i]);
	}
	free(names);
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
static int
cmd_seed(int argc, char *argv[])
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
static int
cmd_postcodes(int argc, char *argv[])
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
	const char	*confpath = getenv("GUICHET_CONF");
	size_t		 i;
	int		 rc;

	log_init("guichet-admin", NULL);
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		confpath = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		usage();
		return 2;
	}
	if (confpath != NULL && conf_load(confpath) != GERR_OK)
		return 1;
	for (i = 0; i < nitems(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == nitems(commands)) {
		usage();
		return 2;
	}
	if (db_open(conf_get("db.conninfo", "dbname=guichet")) != GERR_OK)
		return 1;
	rc = commands[i].fn(argc - 1, argv + 1);
	db_close();
	conf_free();
	return rc;
}
