/* JSON-line logging; personal data never goes in: callers log routes, not paths. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char	*log_progname = "guichet";
static const char	*log_path;
static const char	*log_access_path;	/* NULL: with the rest */
static int		 log_access_fd = STDERR_FILENO;
static pid_t		 log_pid;	/* getpid(2) is a system call: once */
static char		 log_trace_id[56];	/* the request's traceparent */

static void
log_forked(void)
{
	log_pid = getpid();
}

void
log_init(const char *prog, const char *path)
{
	log_progname = prog;
	log_path = path;
	(void)pthread_atfork(NULL, NULL, log_forked);
	log_reopen();
}

static long
log_getpid(void)
{
	if (log_pid == 0)
		log_pid = getpid();
	return (long)log_pid;
}

const char *
log_prog(void)
{
	return log_progname;
}

/*
 * A W3C traceparent ("00-" 32 hex "-" 16 hex "-" 2 hex, lower case, ids not
 * all zeros), or NULL.  What nginx sends is checked again: a log line
 * carries nothing but what this allows.
 */
const char *
log_traceparent_valid(const char *t)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	if (t == NULL || strlen(t) != 55 || strncmp(t, "00-", 3) != 0 ||
	    t[35] != '-' || t[52] != '-')
		return NULL;
	for (i = 3; i < 55; i++)
		if (i != 35 && i != 52 && strchr(hex, t[i]) == NULL)
			return NULL;
	if (strspn(t + 3, "0") >= 32 || strspn(t + 36, "0") >= 16)
		return NULL;
	return t;
}

/* Every line logged until the next call carries it ("trace"); NULL: none. */
void
log_trace_set(const char *t)
{
	if ((t = log_traceparent_valid(t)) == NULL)
		log_trace_id[0] = '\0';
	else
		memcpy(log_trace_id, t, 56);
}

const char *
log_trace(void)
{
	return log_trace_id[0] != '\0' ? log_trace_id : NULL;
}

/* Called at start and on SIGHUP, so logrotate can move the file away. */
void
log_reopen(void)
{
	int	fd;

	if (log_access_path != NULL && (fd = open(log_access_path,
	    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) != -1) {
		if (log_access_fd != STDERR_FILENO)
			close(log_access_fd);
		log_access_fd = fd;
	}
	if (log_path == NULL)
		return;
	if ((fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0640)) == -1)
		return;
	dup2(fd, STDERR_FILENO);
	close(fd);
}

/*
 * The access lines to a file of their own, the rest staying on stderr:
 * under systemd, a line per request through journald costs more CPU than
 * the request (half the help page's throughput in the container) and is
 * dropped past journald's rate limit; the warnings stay in the journal
 * and "systemctl status".  0, or -1 if the file cannot be opened (logged).
 */
int
log_access_init(const char *path)
{
	log_access_path = path;
	log_reopen();
	if (log_access_fd == STDERR_FILENO) {
		log_warn("access log %s", path);
		return -1;
	}
	return 0;
}

/*
 * Escapes s for a JSON string body (without the quotes) into out, cutting
 * short rather than overflowing; returns the length written.
 */
size_t
json_escape_to(const char *s, char *out, size_t outsz)
{
	const unsigned char	*p;
	size_t			 j = 0;

	for (p = (const unsigned char *)s; *p != '\0' && j + 7 < outsz; p++) {
		if (*p == '"' || *p == '\\') {
			out[j++] = '\\';
			out[j++] = (char)*p;
		} else if (*p == '\n') {
			out[j++] = '\\';
			out[j++] = 'n';
		} else if (*p < 0x20 || *p == 0x7f)
			j += (size_t)snprintf(out + j, 7, "\\u%04x", *p);
		else
			out[j++] = (char)*p;
	}
	if (outsz > 0)
		out[j] = '\0';
	return j;
}

int
json_escape(struct buf *b, const char *s)
{
	size_t	 room = 6 * strlen(s) + 8;
	char	*esc;

	if ((esc = pool_alloc(b->pool, room)) == NULL)
		return -1;
	return buf_append(b, esc, json_escape_to(s, esc, room));
}

static void
log_timestamp(char *ts, size_t sz)
{
	struct timespec	 now;
	struct tm	 tm;
	char		 base[24];

	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(ts, sz, "%.20s.%03dZ", base, (int)(now.tv_nsec / 1000000) % 1000);
}

/* Writes the whole line with one write(2), so lines of workers never mix. */
static void
log_line(const char *level, const char *fmt, va_list ap, const char *err)
{
	char	 msg[1024], esc[2200], line[2600], ts[48];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	json_escape_to(msg, esc, sizeof(esc));
	log_timestamp(ts, sizeof(ts));
	snprintf(line, sizeof(line),
	    "{\"ts\":\"%s\",\"level\":\"%s\",\"prog\":\"%s\",\"pid\":%ld,"
	    "%s%s%s\"msg\":\"%s%s%s\"}\n", ts, level, log_progname,
	    log_getpid(), log_trace_id[0] ? "\"trace\":\"" : "", log_trace_id,
	    log_trace_id[0] ? "\"," : "", esc, err ? ": " : "", err ? err : "");
	(void)!write(STDERR_FILENO, line, strlen(line));
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("warn", fmt, ap, NULL);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_line("warn", fmt, ap, strerror(saved));
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap, NULL);
	va_end(ap);
}

void
log_request(const char *rid, const char *method, const char *route,
    int status, double ms, size_t bytes)
{
	char	ts[48], line[512], meth[8 * 6 + 8];
	int	n;

	log_timestamp(ts, sizeof(ts));
	/*
	 * rid comes from nginx ($request_id, hex) and route from our table;
	 * the method is the client's (a 405 logs whatever it sent).
	 */
	json_escape_to(method, meth, sizeof(meth));
	n = snprintf(line, sizeof(line),
	    "{\"ts\":\"%s\",\"level\":\"info\",\"prog\":\"%s\",\"pid\":%ld,"
	    "\"rid\":\"%.32s\",%s%s%s\"method\":\"%s\",\"route\":\"%.80s\","
	    "\"status\":%d,\"ms\":%.3f,\"bytes\":%zu}\n",
	    ts, log_progname, log_getpid(), rid,
	    log_trace_id[0] ? "\"trace\":\"" : "", log_trace_id,
	    log_trace_id[0] ? "\"," : "", meth, route, status, ms, bytes);
	if (n > 0)
		(void)!write(log_access_fd, line,
		    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
