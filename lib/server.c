/*
 * The FastCGI server: a prefork master that opens (or inherits) the unix
 * socket and keeps its workers alive, and workers that accept requests
 * one at a time with one pool each, reset after every request.  Signals:
 * SIGTERM and SIGINT stop gracefully, SIGHUP reopens the log.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "bound.h"
#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "log.h"
#include "metrics.h"
#include "sdnotify.h"
#include "watchdog.h"
#include "when.h"

#define WORKERS_MAX	64

static volatile sig_atomic_t	 got_term;
static volatile sig_atomic_t	 got_hup;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_term = 1;
}

/*
 * SIGTERM and SIGINT ask to stop, SIGHUP to reopen the log; SIGPIPE is
 * ignored.  Also for the programs that are not FastCGI (guichet-notify).
 */
void
signals_install(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must break accept() and waitpid(). */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

int
signal_term(void)
{
	return got_term;
}

int
signal_hup_take(void)
{
	if (!got_hup)
		return 0;
	got_hup = 0;
	return 1;
}

static int
listen_unix(const char *path)
{
	struct sockaddr_un	 sun;
	struct group		*gr;
	const char		*group;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("socket path too long: %s", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("socket");
		return -1;
	}
	(void)unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(path, 0660) == -1 || listen(fd, 128) == -1) {
		log_warn("listen %s", path);
		close(fd);
		return -1;
	}
	/* nginx's workers reach the socket through its group. */
	group = conf_str("fastcgi.socket_group");
	if (group != NULL && *group != '\0') {
		if ((gr = getgrnam(group)) == NULL ||
		    chown(path, (uid_t)-1, gr->gr_gid) == -1)
			log_warn("socket group %s", group);
	}
	return fd;
}

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [--conf file] [--listen socket] "
	    "[--workers n] [--log file] [--access-log file]\n", prog);
}

/*
 * Reads the options and the configuration, and opens the socket.  Without
 * --listen the socket is inherited on fd 0, as spawn-fcgi and systemd
 * socket units pass it.
 */
int
app_init(struct app *app, const char *prog, int argc, char *argv[])
{
	static const struct option	 opts[] = {
		{ "conf",	required_argument, NULL, 'c' },
		{ "listen",	required_argument, NULL, 'l' },
		{ "workers",	required_argument, NULL, 'w' },
		{ "log",	required_argument, NULL, 'L' },
		{ "access-log",	required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*confpath = getenv("GUICHET_CONF"), *logpath = NULL;
	const char	*accesspath = NULL;
	int		 c, type;
	socklen_t	 len = sizeof(type);

	memset(app, 0, sizeof(*app));
	app->prog = prog;
	app->workers = -1;
	while ((c = getopt_long(argc, argv, "c:l:w:L:A:", opts, NULL)) != -1) {
		switch (c) {
		case 'c': confpath = optarg; break;
		case 'l': app->listen_path = optarg; break;
		case 'w': app->workers = atoi(optarg); break;
		case 'L': logpath = optarg; break;
		case 'A': accesspath = optarg; break;
		default:
			usage(prog);
			return GERR_INPUT;
		}
	}
	log_init(prog, logpath);
	if (accesspath != NULL && log_access_init(accesspath) == -1)
		return GERR_SYSTEM;
	if (confpath == NULL)
		confpath = "/etc/guichet/guichet.conf";
	if (conf_load(confpath) != GERR_OK)
		return GERR_SYSTEM;
	if (app->workers < 0)
		app->workers = conf_int("fastcgi.workers");
	/* --workers is not checked by the table of keys */
	if (app->workers < 1 || app->workers > WORKERS_MAX) {
		log_warnx("workers must be 1 to %d", WORKERS_MAX);
		return GERR_INPUT;
	}
	input_limits_load();
	if (app->listen_path != NULL) {
		if ((app->listen_fd = listen_unix(app->listen_path)) == -1)
			return GERR_SYSTEM;
	} else if (getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &len) == -1) {
		log_warnx("no --listen and fd 0 is not a socket");
		return GERR_INPUT;
	} else
		app->listen_fd = 0;
	return GERR_OK;
}

static int
worker_setup(struct app *app)
{
	if (tmpl_init(conf_str("templates.dir")) != GERR_OK ||
	    secret_load(conf_str("secret.file")) != GERR_OK)
		return -1;
	if (app->worker_init != NULL && app->worker_init() != 0)
		return -1;
	/*
	 * A database still starting is not fatal: each request retries.
	 * Sessions read are kept a few seconds, dropped on notice (session.c).
	 */
	db_listen("guichet_sessions", session_cache_clear);
	db_timezone_set(conf_str("display.timezone"));
	(void)when_zone(conf_str("display.timezone"));
	bound_timezone_set(conf_str("display.timezone"));	/* "today" */
	/*
	 * The programs for citizens run under row-level security, in the
	 * scope of each request's session (sql/0021); the staff's do not.
	 */
	guard_init(app->staff);
	if (!app->staff)
		db_require_rls();
	(void)db_open(app->staff ? conf_str("db.staff_conninfo") :
	    conf_str("db.conninfo"));
	return 0;
}

/*
 * Reads the input up to its end (the empty STDIN record nginx sends right
 * after the parameters or the body), so that closing at once can never
 * meet a record still on its way.  A body left unread is not drained here.
 */
static int
input_drained(FCGX_Request *fcgx)
{
	char	buf[512];
	int	n, total = 0;

	while ((n = FCGX_GetStr(buf, sizeof(buf), fcgx->in)) > 0)
		if ((total += n) > 4096)
			return 0;
	return FCGX_GetError(fcgx->in) == 0;
}

/*
 * SIGTERM and SIGHUP are blocked while a request is served: a signal must
 * not interrupt a read of its body.  They arrive between requests, or wake
 * accept(); the master's shutdown() of the socket covers the last gap.
 */
static void
worker_main(struct app *app, const struct route *routes, size_t n, int slot)
{
	FCGX_Request	 fcgx;
	struct req	 r;
	struct pool	*pool;
	sigset_t	 sigs;

	if (worker_setup(app) == -1 ||
	    (pool = pool_new(64 * 1024)) == NULL)
		_exit(1);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGALRM);	/* the watchdog's: between requests */
	FCGX_Init();
	FCGX_InitRequest(&fcgx, app->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	watchdog_worker(slot);
	for (;;) {
		sigprocmask(SIG_UNBLOCK, &sigs, NULL);
		watchdog_idle();
		if (got_hup) {
			got_hup = 0;
			log_reopen();
		}
		if (got_term)
			break;
		if (FCGX_Accept_r(&fcgx) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		sigprocmask(SIG_BLOCK, &sigs, NULL);
		watchdog_busy();
		memset(&r, 0, sizeof(r));
		r.pool = pool;
		r.fcgx = &fcgx;
		route_request(&r, routes, n);
		/*
		 * Without the detach, libfcgi half-closes the socket and waits
		 * for nginx to close its end before taking the next request.
		 * Over a unix socket (the only kind we use) close() loses no
		 * data already written, so the worker need not wait.  It must
		 * wait when it answered before reading the whole body (413,
		 * 415): nginx is still sending, and would see a reset.
		 */
		if (!r.body_unread && input_drained(&fcgx))
			FCGX_Detach(&fcgx);
		FCGX_Finish_r(&fcgx);
		pool_reset(pool);
	}
	pool_free(pool);
	db_close();
	tmpl_free();
	conf_free();
	_exit(0);
}

static pid_t
worker_spawn(struct app *app, const struct route *routes, size_t n, int slot)
{
	pid_t	pid;

	watchdog_spawned(slot);
	if ((pid = fork()) == -1) {
		log_warn("fork");
		return -1;
	}
	if (pid == 0)
		worker_main(app, routes, n, slot);
	return pid;
}

static void
workers_signal(const pid_t *pids, int n, int sig)
{
	int	i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], sig);
}

static int
workers_alive(const pid_t *pids, int n)
{
	int	i, alive = 0;

	for (i = 0; i < n; i++)
		alive += pids[i] > 0;
	return alive;
}

/* Stops gracefully: in-flight requests finish, then the workers leave. */
static void
master_stop(struct app *app, pid_t *pids)
{
	pid_t	pid;
	int	i, waited;

	(void)sdnotify("STOPPING=1");
	workers_signal(pids, app->workers, SIGTERM);
	/*
	 * Wakes the workers blocked in accept(); queued clients are refused.
	 * Not a socket inherited from systemd: it outlives us and the next
	 * instance accepts on it (a shut-down unix socket refuses every
	 * connection for good), so clients queued there wait for it.  The
	 * workers are signalled again instead, every round, which also wakes
	 * one that was between its check and accept() at the first signal.
	 */
	if (app->listen_path != NULL)
		shutdown(app->listen_fd, SHUT_RDWR);
	for (waited = 0; workers_alive(pids, app->workers) && waited < 300;
	    waited++) {
		if (app->listen_path == NULL && waited > 0)
			workers_signal(pids, app->workers, SIGTERM);
		while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
			for (i = 0; i < app->workers; i++)
				if (pids[i] == pid)
					pids[i] = 0;
		if (workers_alive(pids, app->workers))
			usleep(100000);
	}
	workers_signal(pids, app->workers, SIGKILL);
	if (app->listen_path != NULL)
		unlink(app->listen_path);
	log_info("stopped");
}

/* The metrics' word for how a worker ended: its signal's name, or "exit". */
static const char *
worker_end_cause(int st)
{
	if (!WIFSIGNALED(st))
		return "exit";
	switch (WTERMSIG(st)) {
	case SIGKILL:	return "SIGKILL";	/* the OOM killer, an admin */
	case SIGSEGV:	return "SIGSEGV";
	case SIGABRT:	return "SIGABRT";
	case SIGBUS:	return "SIGBUS";
	case SIGTERM:	return "SIGTERM";
	default:	return "signal";
	}
}

int
app_serve(struct app *app, const struct route *routes, size_t n)
{
	pid_t		 pids[WORKERS_MAX] = { 0 }, pid;
	time_t		 born[WORKERS_MAX] = { 0 };
	int		 i, st;

	signals_install();
	/* parsed once, shared by the workers: guichet-help's are help/ */
	if (tmpl_init(conf_str("templates.dir")) == GERR_OK)
		tmpl_preload(conf_str("templates.dir"),
		    strncmp(app->prog, "guichet-", 8) == 0 ? app->prog + 8 :
		    app->prog);
	/* before the fork: the workers share them (lib/metrics.c) */
	(void)metrics_init(app->workers, n);
	ops_init(app->metrics_extra);
	/* its timer wakes waitpid() below */
	(void)watchdog_init(app->workers);
	log_info("listening with %d workers", app->workers);
	for (i = 0; i < app->workers; i++) {
		pids[i] = worker_spawn(app, routes, n, i);
		born[i] = time(NULL);
	}
	metrics_workers_alive(workers_alive(pids, app->workers));
	/* Type=notify: the socket is ours and the workers are forked */
	(void)sdnotify("READY=1");
	while (!got_term) {
		watchdog_tick(pids, app->workers);
		if (got_hup) {
			got_hup = 0;
			log_reopen();
			workers_signal(pids, app->workers, SIGHUP);
		}
		if ((pid = waitpid(-1, &st, 0)) == -1)
			continue;
		for (i = 0; i < app->workers; i++) {
			if (pids[i] != pid)
				continue;
			log_warnx("worker %ld ended (%s %d), restarting",
			    (long)pid, WIFSIGNALED(st) ? "signal" : "status",
			    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			pids[i] = 0;
			metrics_workers_alive(workers_alive(pids,
			    app->workers));
			metrics_count(MEV_WORKER_RESTART, worker_end_cause(st),
			    NULL);
			/* A worker that dies at once must not fork-bomb us. */
			if (time(NULL) - born[i] < 1)
				sleep(1);
			if (got_term) {
				pids[i] = 0;
				break;
			}
			pids[i] = worker_spawn(app, routes, n, i);
			born[i] = time(NULL);
			metrics_workers_alive(workers_alive(pids,
			    app->workers));
		}
	}
	master_stop(app, pids);
	conf_free();
	return 0;
}
