/*
 * Unit tests of lib/sdnotify.c and lib/watchdog.c: the datagrams systemd
 * would read, on a real unix socket, and when a prefork master stops
 * pinging (workers stopped, stuck in a request, dead).
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sdnotify.h"
#include "watchdog.h"
#include "tap.h"

static char	 got[256];

/* A datagram socket as systemd's, bound to PATH ('@': abstract). */
static int
listener(const char *path)
{
	struct sockaddr_un	 sun;
	socklen_t		 len;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    strlen(path));
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	else
		unlink(path);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd == -1 || bind(fd, (struct sockaddr *)&sun, len) == -1)
		return -1;
	return fd;
}

/* The next datagram, "" if none is waiting. */
static const char *
next(int fd)
{
	ssize_t	 n;

	while ((n = recv(fd, got, sizeof(got) - 1, MSG_DONTWAIT)) == -1 &&
	    errno == EINTR)
		;
	got[n < 0 ? 0 : n] = '\0';
	return got;
}

/* Drops what is waiting: the answer to the next question only. */
static void
drain(int fd)
{
	while (*next(fd) != '\0')
		;
}

/* Sleeps through the watchdog's own SIGALRM. */
static void
sleep_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/*
 * A worker of slot SLOT: idle (its loop turns at each alarm) or stuck.
 * Slot 1's timer is taken at each turn, as a library's alarm() would.
 */
static pid_t
worker(int slot, int stuck)
{
	pid_t	 pid;

	if ((pid = fork()) != 0)
		return pid;
	watchdog_worker(slot);
	if (stuck)
		watchdog_busy();
	for (;;) {
		if (!stuck) {
			if (slot == 1)
				alarm(0);	/* a library took the timer */
			watchdog_idle();
		}
		pause();
	}
}

static void
test_protocol(const char *dir)
{
	char	 path[200], abs[64], pid[32];
	int	 fd, afd;

	unsetenv("NOTIFY_SOCKET");
	ok(sdnotify("READY=1") == 0, "outside systemd: nothing sent");
	ok(sdnotify_watchdog_usec() == 0, "and no watchdog");
	snprintf(path, sizeof(path), "%s/notify", dir);
	fd = listener(path);
	setenv("NOTIFY_SOCKET", path, 1);
	ok(sdnotify("READY=1") == 1, "sent to $NOTIFY_SOCKET");
	is_str(next(fd), "READY=1", "systemd reads READY=1");
	snprintf(abs, sizeof(abs), "@guichet-test-%ld", (long)getpid());
	afd = listener(abs);
	setenv("NOTIFY_SOCKET", abs, 1);
	ok(sdnotify("STOPPING=1") == 1 && strcmp(next(afd), "STOPPING=1") == 0,
	    "an abstract socket's name ('@')");
	close(afd);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	ok(sdnotify("READY=1") == -1, "a name that is no socket's: an error");
	setenv("NOTIFY_SOCKET", path, 1);

	setenv("WATCHDOG_USEC", "20000000", 1);
	unsetenv("WATCHDOG_PID");
	is_int(sdnotify_watchdog_usec(), 20000000, "WATCHDOG_USEC read");
	snprintf(pid, sizeof(pid), "%ld", (long)getpid() + 1);
	setenv("WATCHDOG_PID", pid, 1);
	ok(sdnotify_watchdog_usec() == 0, "another process's watchdog is not ours");
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	setenv("WATCHDOG_PID", pid, 1);
	setenv("WATCHDOG_USEC", "20s", 1);
	ok(sdnotify_watchdog_usec() == 0, "a period that is no number: none");
	setenv("WATCHDOG_USEC", "20000000", 1);
	sdnotify_alive();
	is_str(next(fd), "WATCHDOG=1", "a single-process program pings");
	sdnotify_alive();
	is_str(next(fd), "", "but not again within a quarter of the period");
	close(fd);
}

static void
test_master(const char *dir)
{
	char	 path[200];
	pid_t	 pids[2];
	int	 fd, st;

	snprintf(path, sizeof(path), "%s/notify2", dir);
	fd = listener(path);
	setenv("NOTIFY_SOCKET", path, 1);
	unsetenv("WATCHDOG_PID");
	setenv("WATCHDOG_USEC", "400000", 1);	/* beats every 100 ms */
	ok(watchdog_init(2) == 1, "a watchdog of 400 ms for two workers");
	watchdog_spawned(0);
	pids[0] = worker(0, 0);
	watchdog_spawned(1);
	pids[1] = worker(1, 0);
	sleep_ms(150);
	watchdog_tick(pids, 2);
	is_str(next(fd), "WATCHDOG=1", "workers idle and turning: pinged");

	kill(pids[0], SIGSTOP);
	kill(pids[1], SIGSTOP);
	sleep_ms(350);
	drain(fd);
	watchdog_tick(pids, 2);
	is_str(next(fd), "", "both workers stopped: no ping");
	kill(pids[1], SIGCONT);
	sleep_ms(200);
	watchdog_tick(pids, 2);
	is_str(next(fd), "WATCHDOG=1", "one answers again: pinged");

	kill(pids[1], SIGKILL);
	waitpid(pids[1], &st, 0);
	pids[1] = 0;
	watchdog_tick(pids, 2);
	is_str(next(fd), "", "one stopped, the other dead: no ping");

	kill(pids[0], SIGKILL);
	waitpid(pids[0], &st, 0);
	watchdog_spawned(0);
	pids[0] = worker(0, 1);
	sleep_ms(100);
	watchdog_tick(pids, 2);
	is_str(next(fd), "WATCHDOG=1", "a worker in a request just begun answers");
	sleep_ms(400);
	watchdog_tick(pids, 2);
	is_str(next(fd), "", "one in a request for longer than the period does not");
	kill(pids[0], SIGKILL);
	waitpid(pids[0], &st, 0);
	pids[0] = 0;
	watchdog_tick(pids, 2);
	is_str(next(fd), "", "no worker alive: no ping");
	close(fd);
}

int
main(void)
{
	char	 dir[] = "/tmp/test-watchdog.XXXXXX";
	char	 path[64];

	if (mkdtemp(dir) == NULL)
		return 1;
	test_protocol(dir);
	test_master(dir);
	snprintf(path, sizeof(path), "%s/notify", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notify2", dir);
	unlink(path);
	rmdir(dir);
	return tap_done();
}
