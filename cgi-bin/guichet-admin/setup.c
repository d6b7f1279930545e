/*
 * guichet-admin setup: a fresh Debian host to a running guichet, and
 * again at will (every step is skipped when already done): PostgreSQL's
 * roles and database, the migrations, reference data, the seal key, the
 * first department and its manager, then a check of what can be checked.
 * docs/install.md walks through it; docs/packaging.md says why each
 * choice.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "admin.h"
#include "conf.h"
#include "db.h"
#include "gerr.h"

#define SETUP_GROUP	"guichet"	/* reads the secret and the seal key */
#define SETUP_DONE	"/var/lib/guichet/setup-done"
#define SUPERUSER	"host=/run/postgresql dbname=postgres user=postgres"

struct setup {
	const char	*conf;
	const char	*superuser;	/* conninfo, peer as postgres */
	const char	*seal_cert, *seal_key;	/* to import */
	int		 test_site;	/* self-signed seal and TLS */
	const char	*dept, *dept_name, *manager;
	int		 failed;	/* checks that failed */
};

/*
 * PostgreSQL knows a local client by its effective uid (peer): root
 * takes the ids of the system user that bears the role's name, if there
 * is one, for the time of the connection.  1 if it did, 0 if there was
 * nothing to do, -1 if it could not.
 */
static int
peer_enter(const char *role)
{
	struct passwd	*pw = getuid() == 0 && role != NULL ?
			    getpwnam(role) : NULL;

	if (pw == NULL)
		return 0;
	if (setegid(pw->pw_gid) == -1 || seteuid(pw->pw_uid) == -1) {
		fprintf(stderr, "guichet-admin: cannot act as %s\n", role);
		return -1;
	}
	return 1;
}

static void
peer_leave(int entered)
{
	if (entered == 1 && (seteuid(0) == -1 || setegid(0) == -1)) {
		fprintf(stderr, "guichet-admin: cannot become root again\n");
		exit(1);
	}
}

/* The value of a conninfo's keyword ("user", "dbname"), malloc'd. */
static char *
conninfo_get(const char *conninfo, const char *key)
{
	PQconninfoOption	*o = PQconninfoParse(conninfo, NULL), *i;
	char			*v = NULL;

	for (i = o; i != NULL && i->keyword != NULL; i++)
		if (strcmp(i->keyword, key) == 0 && i->val != NULL)
			v = strdup(i->val);
	PQconninfoFree(o);
	return v;
}

/* A connection as ROLE's system user; NULL (said why) on failure. */
PGconn *
admin_connect_as(const char *role, const char *conninfo)
{
	PGconn	*c;
	int	 as;

	if ((as = peer_enter(role)) == -1)
		return NULL;
	c = PQconnectdb(conninfo);
	peer_leave(as);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "guichet-admin: %s", PQerrorMessage(c));
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* db_open for guichet-admin: as the conninfo's user when root. */
enum gerr
admin_db_open(const char *conninfo)
{
	char		*user = conninfo_get(conninfo, "user");
	enum gerr	 rc = GERR_SYSTEM;
	int		 as;

	if ((as = peer_enter(user)) != -1) {
		rc = db_open(conninfo);
		peer_leave(as);
	}
	free(user);
	return rc;
}

/* A program run to its end, without a shell; its exit status. */
static int
run(char *const argv[], int quiet)
{
	pid_t	pid;
	int	st, fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if (quiet && (fd = open("/dev/null", O_WRONLY)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * Statements as the superuser, said on error: with parameters one, or
 * without, what format() built (its %I quoted the names).
 */
static int
su_exec(PGconn *c, const char *sql, int n, const char *const *p)
{
	PGresult	*res = n > 0 ? PQexecParams(c, sql, n, NULL, p, NULL,
			    NULL, 0) : PQexec(c, sql);
	int		 ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
			    PQresultStatus(res) == PGRES_TUPLES_OK;

	if (!ok)
		fprintf(stderr, "guichet-admin: %s", PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : -1;
}

/*
 * Roles by the names guichet.conf's conninfos give: the owner (who
 * migrates), and the programs' login roles, each in the group the
 * migrations grant to (sql/0021).  No role may create roles or
 * databases; only the owner owns anything.  format() quotes the names.
 */
static const char *const q_role =
    "DO $$ BEGIN"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guichet_user')"
    " THEN CREATE ROLE guichet_user NOLOGIN; END IF;"
    " IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guichet_staff')"
    " THEN CREATE ROLE guichet_staff NOLOGIN; END IF; END $$";
static const char *const q_login_role =
    "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
    " NOREPLICATION %s', $1::text, CASE WHEN $2 = '' THEN '' ELSE"
    " format('IN ROLE %I', $2::text) END)"
    " WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)";
static const char *const q_database =
    "SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE"
    " template0 LOCALE ''C.UTF-8''', $1::text, $2::text)"
    " WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)";
static const char *const q_database_acl =
    "SELECT format('REVOKE ALL ON DATABASE %1$I FROM PUBLIC;"
    " GRANT CONNECT ON DATABASE %1$I TO %2$I, %3$I', $1::text, $2::text,"
    " $3::text)";

/* Runs the statement a query built (nothing when it built none). */
static int
su_built(PGconn *c, const char *q, int n, const char *const *p)
{
	PGresult	*res = PQexecParams(c, q, n, NULL, p, NULL, NULL, 0);
	int		 rc = 0;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "guichet-admin: %s", PQresultErrorMessage(res));
		rc = -1;
	} else if (PQntuples(res) == 1) {
		printf("  %s\n", PQgetvalue(res, 0, 0));
		rc = su_exec(c, PQgetvalue(res, 0, 0), 0, NULL);
	}
	PQclear(res);
	return rc;
}

struct names {
	char	*owner, *web, *back, *db;
};

static int
names_read(struct names *n)
{
	n->owner = conninfo_get(conf_str("db.admin_conninfo"), "user");
	n->web = conninfo_get(conf_str("db.conninfo"), "user");
	n->back = conninfo_get(conf_str("db.staff_conninfo"), "user");
	n->db = conninfo_get(conf_str("db.admin_conninfo"), "dbname");
	if (n->owner && n->web && n->back && n->db)
		return 0;
	fprintf(stderr, "guichet-admin: db.conninfo, db.staff_conninfo and "
	    "db.admin_conninfo must each name a user, and db.admin_conninfo "
	    "the database\n");
	return -1;
}

static void
names_free(struct names *n)
{
	free(n->owner);
	free(n->web);
	free(n->back);
	free(n->db);
}

/* Roles, the database, its access, and the extension the owner may not
 * create itself; as PostgreSQL's superuser. */
static int
setup_database(struct setup *s, const struct names *n)
{
	const char	*p[3];
	char		 conninfo[512];
	PGconn		*c;
	int		 rc = -1;

	printf("PostgreSQL: roles and database\n");
	if ((c = admin_connect_as("postgres", s->superuser)) == NULL) {
		fprintf(stderr, "guichet-admin: PostgreSQL does not answer as "
		    "its superuser (%s): is it installed and running (apt "
		    "install postgresql; systemctl start postgresql)?  Then run "
		    "guichet-admin setup again.\n", s->superuser);
		return -1;
	}
	p[1] = "";
	if (su_exec(c, q_role, 0, NULL) == -1 ||
	    (p[0] = n->owner, su_built(c, q_login_role, 2, p)) == -1 ||
	    (p[0] = n->web, p[1] = "guichet_user",
	    su_built(c, q_login_role, 2, p)) == -1 ||
	    (p[0] = n->back, p[1] = "guichet_staff",
	    su_built(c, q_login_role, 2, p)) == -1 ||
	    (p[0] = n->db, p[1] = n->owner,
	    su_built(c, q_database, 2, p)) == -1 ||
	    (p[1] = n->web, p[2] = n->back,
	    su_built(c, q_database_acl, 3, p)) == -1)
		goto out;
	PQfinish(c);
	snprintf(conninfo, sizeof(conninfo), "%s dbname=%s", s->superuser,
	    n->db);
	if ((c = admin_connect_as("postgres", conninfo)) == NULL)
		return -1;
	rc = su_exec(c, "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA "
	    "public", 0, NULL);
out:
	PQfinish(c);
	return rc;
}

/* A guichet-admin command of this file's own, as if typed. */
static int
admin_cmd(int (*fn)(int, char *[]), char *argv[])
{
	int	argc;

	for (argc = 0; argv[argc] != NULL; argc++)
		;
	return fn(argc, argv);
}

/* Migrations, then the reference data (postal codes, help centre). */
static int
setup_schema(void)
{
	const char	*dir = conf_str("sql.dir");
	char	 csv[4096], themes[4096], articles[4096];
	char	*mig[] = { "migrate", NULL, NULL };
	char	*pc[] = { "postcodes", csv, NULL };
	char	*seed[] = { "seed", themes, articles, NULL };

	snprintf(csv, sizeof(csv), "%s/data/be-postal-codes.csv", dir);
	snprintf(themes, sizeof(themes), "%s/reference/0001_help_themes.sql",
	    dir);
	snprintf(articles, sizeof(articles),
	    "%s/reference/0002_help_articles.sql", dir);
	printf("migrations and reference data\n");
	return admin_cmd(admin_migrate, mig) || admin_cmd(admin_postcodes, pc)
	    || admin_cmd(admin_seed, seed) ? -1 : 0;
}

/* The first department (its name in the four languages until changed
 * with department add) and its first manager, by national number. */
static int
setup_department(struct setup *s)
{
	char	*name = (char *)(s->dept_name ? s->dept_name : s->dept);
	char	*dept[] = { "department", "add", (char *)s->dept, name, name,
		    name, name, NULL };
	char	*agent[] = { "agent", "grant", (char *)s->dept,
		    (char *)s->manager, "manager", NULL };

	if (s->dept == NULL)
		return 0;
	if (admin_cmd(cmd_department, dept) != 0)
		return -1;
	if (s->manager == NULL)
		return 0;
	if (admin_cmd(cmd_agent, agent) != 0)
		return -1;
	printf("manager of %s: the holder of that card\n", s->dept);
	return 0;
}

static gid_t
group_id(void)
{
	struct group	*g = getgrnam(SETUP_GROUP);

	return g != NULL ? g->gr_gid : (gid_t)-1;
}

/* A directory of /etc/guichet the programs' group may enter, no more. */
static int
dir_private(const char *path)
{
	if (mkdir(path, 0750) == -1 && errno != EEXIST) {
		fprintf(stderr, "guichet-admin: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return chown(path, 0, group_id()) == 0 && chmod(path, 0750) == 0 ?
	    0 : -1;
}

/* root-owned, read by the group (a key) or by all (a certificate). */
static int
file_install(const char *from, const char *to, mode_t mode)
{
	char	*cp[] = { "install", "-o", "root", "-g", SETUP_GROUP, "-m",
		    mode == 0640 ? "0640" : "0644", (char *)from, (char *)to,
		    NULL };

	return run(cp, 0) == 0 ? 0 : -1;
}

/*
 * The seal: imported (kept as they are given), or with --test-site a
 * self-signed EC key whose certificate says it is a test, never made
 * over an existing one.
 */
static int
setup_seal(struct setup *s)
{
	const char	*crt = conf_str("seal.cert"), *key = conf_str("seal.key");
	char		 dir[4096], *slash;
	char		*req[] = { "openssl", "req", "-x509", "-newkey", "ec",
			    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
			    "-days", "825", "-subj", "/O=TEST SITE - NOT FOR "
			    "PRODUCTION/CN=Guichet test seal (guichet-admin "
			    "setup --test-site)", "-keyout", (char *)key, "-out",
			    (char *)crt, NULL };

	if (crt == NULL || key == NULL)
		return 0;
	snprintf(dir, sizeof(dir), "%s", key);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (dir_private(dir) == -1)
			return -1;
	}
	if (s->seal_cert != NULL && s->seal_key != NULL) {
		printf("seal: imported from %s\n", s->seal_cert);
		return file_install(s->seal_cert, crt, 0644) == -1 ||
		    file_install(s->seal_key, key, 0640) == -1 ? -1 : 0;
	}
	if (access(key, F_OK) == 0 || !s->test_site)
		return 0;
	printf("seal: a self-signed TEST seal (not for production)\n");
	if (run(req, 1) != 0)
		return -1;
	return chown(key, 0, group_id()) == 0 && chmod(key, 0640) == 0 &&
	    chmod(crt, 0644) == 0 ? 0 : -1;
}

/* The host of an https URL ("localhost" if none). */
static void
url_host(const char *url, char *host, size_t size)
{
	const char	*p = url != NULL ? strstr(url, "://") : NULL;
	size_t		 n;

	if (p == NULL || (n = strcspn(p + 3, ":/")) == 0 || n >= size) {
		snprintf(host, size, "localhost");
		return;
	}
	memcpy(host, p + 3, n);
	host[n] = '\0';
}

/* With --test-site: a self-signed TLS certificate for the three hosts
 * of the shipped nginx site, unless one is there. */
static int
setup_test_tls(struct setup *s)
{
	static const char *const names[] = { "server", "eid-server",
	    "api-server" };
	char	 crt[256], key[256], san[1024], site[256], eid[256];
	char	*req[] = { "openssl", "req", "-x509", "-newkey", "ec",
		    "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days",
		    "825", "-subj", "/O=TEST SITE - NOT FOR PRODUCTION/CN="
		    "guichet test site", "-addext", san, "-keyout", key, "-out",
		    crt, NULL };
	size_t	 i;

	if (!s->test_site)
		return 0;
	url_host(conf_str("site.url"), site, sizeof(site));
	url_host(conf_str("login.eid_url"), eid, sizeof(eid));
	snprintf(san, sizeof(san), "subjectAltName=DNS:%s,DNS:%s,DNS:api.%s,"
	    "DNS:localhost,IP:127.0.0.1", site, eid, site);
	if (dir_private("/etc/guichet/tls") == -1)
		return -1;
	for (i = 0; i < nitems(names); i++) {
		snprintf(crt, sizeof(crt), "/etc/guichet/tls/%s.crt", names[i]);
		snprintf(key, sizeof(key), "/etc/guichet/tls/%s.key", names[i]);
		if (access(key, F_OK) == 0)
			continue;
		printf("TLS: a self-signed TEST certificate in %s\n", crt);
		if (run(req, 1) != 0 || chmod(key, 0600) == -1)
			return -1;
	}
	return 0;
}

/* The notification worker's first instance, enabled and started. */
static int
setup_units(void)
{
	char	*notify[] = { "systemctl", "enable", "--now", "--quiet",
		    "guichet-notify@1.service", NULL };
	char	*restart[] = { "systemctl", "try-restart", "guichet-*.service",
		    NULL };

	if (access("/run/systemd/system", F_OK) == -1) {
		printf("no systemd: start the programs yourself\n");
		return 0;
	}
	return run(notify, 0) == 0 && run(restart, 0) == 0 ? 0 : -1;
}

static int
usage(void)
{
	fprintf(stderr, "usage: guichet-admin [-c FILE] setup [--test-site] "
	    "[--seal CERT KEY] [--department CODE [NAME]] [--manager NRN] "
	    "[--superuser CONNINFO]\n");
	return 2;
}

static int
options(struct setup *s, int argc, char *argv[])
{
	int	i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--test-site") == 0)
			s->test_site = 1;
		else if (strcmp(argv[i], "--seal") == 0 && i + 2 < argc) {
			s->seal_cert = argv[++i];
			s->seal_key = argv[++i];
		} else if (strcmp(argv[i], "--department") == 0 && i + 1 < argc) {
			s->dept = argv[++i];
			if (i + 1 < argc && argv[i + 1][0] != '-')
				s->dept_name = argv[++i];
		} else if (strcmp(argv[i], "--manager") == 0 && i + 1 < argc)
			s->manager = argv[++i];
		else if (strcmp(argv[i], "--superuser") == 0 && i + 1 < argc)
			s->superuser = argv[++i];
		else
			return -1;
	}
	return s->manager != NULL && s->dept == NULL ? -1 : 0;
}

static void
done_mark(void)
{
	FILE	*f;

	(void)mkdir("/var/lib/guichet", 0755);
	if ((f = fopen(SETUP_DONE, "w")) != NULL) {
		fputs("guichet-admin setup ran: upgrades apply the migrations\n",
		    f);
		fclose(f);
	}
}

/*
 * setup: each step in order, stopping at the first that fails (it says
 * why; rerun once fixed), then the checks (setup-check.c).  Root only:
 * it acts as PostgreSQL's superuser and writes in /etc/guichet.
 */
int
cmd_setup(int argc, char *argv[])
{
	struct setup	 s = { .superuser = SUPERUSER };
	struct names	 n = { 0 };
	int		 rc = 1;

	if (options(&s, argc, argv) == -1)
		return usage();
	if (geteuid() != 0) {
		fprintf(stderr, "guichet-admin: setup runs as root\n");
		return 1;
	}
	s.conf = admin_conf_path();
	if (conf_load(s.conf) != GERR_OK || names_read(&n) == -1)
		goto out;
	if (setup_database(&s, &n) == -1)
		goto out;
	if (admin_db_open(conf_str("db.admin_conninfo")) != GERR_OK) {
		fprintf(stderr, "guichet-admin: cannot connect as %s, the "
		    "database's owner\n", n.owner);
		goto out;
	}
	if (setup_schema() == -1 || setup_department(&s) == -1 ||
	    setup_seal(&s) == -1 || setup_test_tls(&s) == -1)
		goto out;
	db_close();
	done_mark();
	if (setup_units() == -1)
		goto out;
	printf("checks\n");
	rc = setup_check(s.conf, n.web, n.back) == 0 ? 0 : 1;
out:
	names_free(&n);
	return rc;
}

/* check: setup's checks alone, as root (it reads the keys' modes and
 * connects as each role). */
int
cmd_check(int argc, char *argv[])
{
	struct names	 n = { 0 };
	const char	*conf = admin_conf_path();
	int		 rc = 1;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: guichet-admin [-c FILE] check\n");
		return 2;
	}
	if (conf_load(conf) == GERR_OK && names_read(&n) == 0)
		rc = setup_check(conf, n.web, n.back) == 0 ? 0 : 1;
	names_free(&n);
	return rc;
}
