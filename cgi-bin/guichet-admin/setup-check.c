/*
 * guichet-admin setup's checks, one line each ("ok - ..." or "FAIL -
 * ... what to do"): the configuration, who may read the secret and the
 * seal key, the programs' roles in the database, each program answering
 * on its socket (a FastCGI request), nginx's configuration and the eID
 * module.  Also "guichet-admin check" alone.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "admin.h"
#include "conf.h"

#define RUN_DIR		"/run/guichet"
#define FCGI_TIMEOUT	20	/* seconds: socket activation starts it */

static const char *const programs[] = { "help", "login", "forms",
    "dossiers", "inbox", "api", "orgs", "heatpump", "verify", "certs",
    "appointments" };

static int	failed;

static void
verdict(int ok, const char *fmt, ...)
{
	va_list	ap;

	printf(ok ? "ok - " : "FAIL - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed += !ok;
}

/*
 * A key file: root's, the programs' group may read it, nobody else;
 * what is wrong, or NULL.
 */
static const char *
key_file_problem(const char *path)
{
	struct group	*g = getgrnam("guichet");
	struct stat	 st;

	if (stat(path, &st) == -1)
		return "missing";
	if (!S_ISREG(st.st_mode) || st.st_uid != 0)
		return "not a file of root's";
	if (g == NULL || st.st_gid != g->gr_gid)
		return "its group is not guichet";
	if ((st.st_mode & 0777) != 0640)
		return "its mode is not 0640 (root writes, guichet reads)";
	return NULL;
}

static void
check_files(void)
{
	const char	*secret = conf_str("secret.file");
	const char	*key = conf_str("seal.key"), *why;

	why = key_file_problem(secret);
	verdict(why == NULL, "the secret %s is readable by root and the "
	    "programs only%s%s", secret, why ? ": " : "", why ? why : "");
	if (key == NULL) {
		verdict(0, "no seal.key in guichet.conf: submissions cannot be "
		    "sealed (guichet-admin setup --seal CERT KEY)");
		return;
	}
	why = key_file_problem(key);
	verdict(why == NULL, "the seal key %s is readable by root and the "
	    "programs only%s%s", key, why ? ": " : "", why ? why : "");
	verdict(access(conf_str("seal.cert"), R_OK) == 0, "the seal's "
	    "certificate %s", conf_str("seal.cert"));
}

/* Each program's role logs in (peer) and reads the migrations table. */
static void
check_role(const char *role, const char *conninfo)
{
	PGconn		*c = admin_connect_as(role, conninfo);
	PGresult	*res;
	int		 ok = 0;

	if (c != NULL) {
		res = PQexec(c, "SELECT count(*) FROM schema_migrations");
		ok = PQresultStatus(res) == PGRES_TUPLES_OK;
		PQclear(res);
		PQfinish(c);
	}
	verdict(ok, "the role %s connects and reads the schema", role);
}

/* One FastCGI record's header and body. */
static int
fcgi_record(int fd, int type, const void *body, size_t len)
{
	unsigned char	h[8] = { 1, (unsigned char)type, 0, 1,
			    (unsigned char)(len >> 8), (unsigned char)len, 0, 0 };

	return write(fd, h, 8) == 8 && (len == 0 ||
	    write(fd, body, len) == (ssize_t)len) ? 0 : -1;
}

/* A name-value pair, both shorter than 128 bytes. */
static size_t
fcgi_param(unsigned char *p, const char *name, const char *value)
{
	size_t	nl = strlen(name), vl = strlen(value);

	p[0] = (unsigned char)nl;
	p[1] = (unsigned char)vl;
	memcpy(p + 2, name, nl);
	memcpy(p + 2 + nl, value, vl);
	return 2 + nl + vl;
}

/* Sends GET PATH; the response's first bytes (its headers) in out. */
static int
fcgi_get(int fd, const char *path, char *out, size_t outsz)
{
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	unsigned char	 params[512], h[8];
	size_t		 n = 0, got = 0, len;
	char		 skip[65536 + 256];

	n += fcgi_param(params + n, "REQUEST_METHOD", "GET");
	n += fcgi_param(params + n, "DOCUMENT_URI", path);
	n += fcgi_param(params + n, "QUERY_STRING", "");
	n += fcgi_param(params + n, "REMOTE_ADDR", "127.0.0.1");
	n += fcgi_param(params + n, "REQUEST_ID", "guichet-admin-check");
	if (fcgi_record(fd, 1, begin, 8) == -1 ||
	    fcgi_record(fd, 4, params, n) == -1 ||
	    fcgi_record(fd, 4, NULL, 0) == -1 || fcgi_record(fd, 5, NULL, 0))
		return -1;
	while (read(fd, h, 8) == 8) {
		len = ((size_t)h[4] << 8 | h[5]) + h[6];
		if (len > 0 && recv(fd, skip, len, MSG_WAITALL) !=
		    (ssize_t)len)
			return -1;
		if (h[1] == 6 && got + 1 < outsz) {	/* FCGI_STDOUT */
			len = len - h[6] < outsz - 1 - got ? len - h[6] :
			    outsz - 1 - got;
			memcpy(out + got, skip, len);
			got += len;
		}
		if (h[1] == 3) {			/* FCGI_END_REQUEST */
			out[got] = '\0';
			return 0;
		}
	}
	return -1;
}

/* The program on /run/guichet/NAME.sock answers a request (a 404 for
 * a path it does not serve is an answer). */
static void
check_socket(const char *name)
{
	struct sockaddr_un	 sun = { .sun_family = AF_UNIX };
	struct timeval		 tv = { FCGI_TIMEOUT, 0 };
	char			 out[1024], *status;
	int			 fd, ok = 0;

	snprintf(sun.sun_path, sizeof(sun.sun_path), RUN_DIR "/%s.sock",
	    name);
	out[0] = '\0';
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) != -1 &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0 &&
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0 &&
	    fcgi_get(fd, "/guichet-admin-check", out, sizeof(out)) == 0)
		ok = 1;
	if (fd != -1)
		close(fd);
	status = strstr(out, "Status: ");
	verdict(ok && status != NULL && status[8] != '5', "guichet-%s "
	    "answers on %s (%.3s)", name, sun.sun_path, status ? status + 8 :
	    "no answer");
}

/* Whether a file under DIR holds NEEDLE (a modules-enabled entry). */
static int
dir_mentions(const char *dir, const char *needle)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	char		 path[4096], buf[4096];
	int		 fd, found = 0;
	ssize_t		 n;

	while (d != NULL && !found && (e = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_name[0] == '.' || (fd = open(path, O_RDONLY)) == -1)
			continue;
		if ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
			buf[n] = '\0';
			found = strstr(buf, needle) != NULL;
		}
		close(fd);
	}
	if (d != NULL)
		closedir(d);
	return found;
}

/* nginx -t, quietly; its exit status. */
static int
nginx_test(void)
{
	pid_t	pid;
	int	st, fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, 1);
		execlp("nginx", "nginx", "-t", "-q", (char *)NULL);
		_exit(127);
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ?
	    WEXITSTATUS(st) : -1;
}

static void
check_nginx(void)
{
	verdict(dir_mentions("/etc/nginx/modules-enabled",
	    "ngx_http_eid_module.so"), "nginx loads the eID module "
	    "(libnginx-mod-http-eid)");
	verdict(nginx_test() == 0, "nginx -t accepts the configuration");
	if (access("/etc/nginx/sites-enabled/guichet", F_OK) == 0)
		verdict(1, "the guichet site is enabled");
	else
		printf("note - the site is not enabled yet: set its names and "
		    "certificates in /etc/nginx/sites-available/guichet, then "
		    "ln -s ../sites-available/guichet /etc/nginx/sites-enabled/"
		    " && systemctl reload nginx (docs/install.md)\n");
}

/* Every check; 0 when none failed. */
int
setup_check(const char *conf, const char *web, const char *back)
{
	size_t	i;

	failed = 0;
	verdict(conf_check(conf, stdout) == GERR_OK, "%s is valid", conf);
	check_files();
	check_role(web, conf_str("db.conninfo"));
	check_role(back, conf_str("db.staff_conninfo"));
	for (i = 0; i < nitems(programs); i++)
		check_socket(programs[i]);
	check_nginx();
	printf("%d check%s failed\n", failed, failed == 1 ? "" : "s");
	return failed == 0 ? 0 : -1;
}
