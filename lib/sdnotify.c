/*
 * systemd's notification protocol, written here rather than linked from
 * libsystemd: it is one datagram on a unix socket (READY=1, WATCHDOG=1,
 * STOPPING=1), and libsystemd would bring a library and its dependencies
 * into every program for it (docs/packaging.md, "Watchdog").
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "sdnotify.h"

/*
 * Sends one state line to the service manager: 1 sent, 0 not under a
 * manager that listens ($NOTIFY_SOCKET unset), -1 on an error (logged).
 * A name that starts with '@' is in the abstract namespace.
 */
int
sdnotify(const char *state)
{
	struct sockaddr_un	 sun;
	const char		*path = getenv("NOTIFY_SOCKET");
	size_t			 len;
	socklen_t		 salen;
	int			 fd, rc = 1;

	if (path == NULL || *path == '\0')
		return 0;
	len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof(sun.sun_path)) {
		log_warnx("NOTIFY_SOCKET: not a unix socket's path");
		return -1;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, len);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len +
	    (path[0] == '/'));
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1) {
		log_warn("sdnotify: socket");
		return -1;
	}
	while (sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	    (struct sockaddr *)&sun, salen) == -1) {
		if (errno == EINTR)
			continue;
		log_warn("sdnotify: %s", path);
		rc = -1;
		break;
	}
	close(fd);
	return rc;
}

/*
 * The watchdog's period in microseconds, 0 when there is none: systemd
 * sets WATCHDOG_USEC with WatchdogSec=, and WATCHDOG_PID to the process
 * it expects the pings from (a worker forked later is not that one).
 */
uint64_t
sdnotify_watchdog_usec(void)
{
	const char		*usec = getenv("WATCHDOG_USEC");
	const char		*pid = getenv("WATCHDOG_PID");
	char			*end;
	unsigned long long	 v;

	if (usec == NULL || getenv("NOTIFY_SOCKET") == NULL)
		return 0;
	if (pid != NULL && strtol(pid, &end, 10) != (long)getpid())
		return 0;
	errno = 0;
	v = strtoull(usec, &end, 10);
	if (errno != 0 || end == usec || *end != '\0' || v == 0)
		return 0;
	return (uint64_t)v;
}

/*
 * A single-process program's ping (guichet-notify), at each turn of its
 * work: sent at most four times a period, nothing without a watchdog.
 */
void
sdnotify_alive(void)
{
	static int64_t	 last_ms, period_ms = -1;
	struct timespec	 ts;
	int64_t		 now;

	if (period_ms == -1)
		period_ms = (int64_t)(sdnotify_watchdog_usec() / 1000);
	if (period_ms == 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (last_ms != 0 && now - last_ms < period_ms / 4)
		return;
	last_ms = now;
	(void)sdnotify("WATCHDOG=1");
}
