/*
 * systemd's watchdog (WatchdogSec=) for a prefork server.  Each worker
 * notes in a shared page when its loop last turned (a timer wakes it from
 * accept() a few times a period) and since when it serves a request; the
 * master, woken by its own timer, pings systemd only while one worker at
 * least answers: alive, and either idle with a fresh note or inside a
 * request begun less than a period ago.  A master stuck in a loop or
 * stopped pings no more either, and systemd kills and restarts the unit.
 * Without WATCHDOG_USEC (the dev stack, tests) nothing here does anything.
 */
#include <sys/mman.h>
#include <sys/time.h>

#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "sdnotify.h"
#include "watchdog.h"

struct watchdog_slot {
	int64_t		beat_ms;	/* the worker's loop last turned */
	int64_t		busy_ms;	/* in a request since; 0: idle */
};

static struct watchdog_slot	*slots;
static int			 nslots;
static int			 me = -1;	/* a worker's slot */
static int64_t			 period_ms;
static int			 failing;	/* said so in the log */

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Nothing but waking the process: accept() and waitpid() end in EINTR. */
static void
on_alarm(int sig)
{
	(void)sig;
}

/* A quarter of a period: the master pings twice as often as asked. */
static void
alarm_arm(void)
{
	struct itimerval	 it;

	memset(&it, 0, sizeof(it));
	it.it_interval.tv_sec = period_ms / 4 / 1000;
	it.it_interval.tv_usec = (period_ms / 4 % 1000) * 1000;
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * The master, before it forks: 1 with a watchdog to feed, 0 without one,
 * -1 if its page cannot be mapped (then it is not fed, and systemd
 * restarts the program: better than a watchdog that lies).
 */
int
watchdog_init(int workers)
{
	struct sigaction	 sa;
	uint64_t		 usec;
	void			*p;

	if ((usec = sdnotify_watchdog_usec()) == 0)
		return 0;
	p = mmap(NULL, (size_t)workers * sizeof(*slots),
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		log_warn("watchdog: mmap");
		return -1;
	}
	slots = p;
	nslots = workers;
	period_ms = (int64_t)(usec / 1000);
	if (period_ms < 40)
		period_ms = 40;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	alarm_arm();
	log_info("watchdog: every %lld ms", (long long)period_ms);
	return 1;
}

/* The master, at a fork: the new worker counts as fresh until it turns. */
void
watchdog_spawned(int slot)
{
	if (slots == NULL || slot < 0 || slot >= nslots)
		return;
	__atomic_store_n(&slots[slot].busy_ms, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&slots[slot].beat_ms, now_ms(), __ATOMIC_RELAXED);
}

/* A worker, once forked (timers are not inherited): its slot, its timer. */
void
watchdog_worker(int slot)
{
	if (slots == NULL || slot < 0 || slot >= nslots)
		return;
	me = slot;
	alarm_arm();
}

/*
 * A worker between requests.  Its timer armed again if a library's
 * alarm() took it (libcurl's resolver would without CURLOPT_NOSIGNAL,
 * which every handle of ours sets): a worker without it would look stuck.
 */
void
watchdog_idle(void)
{
	struct itimerval	 it;

	if (me < 0)
		return;
	if (getitimer(ITIMER_REAL, &it) == 0 &&
	    it.it_interval.tv_sec == 0 && it.it_interval.tv_usec == 0)
		alarm_arm();
	__atomic_store_n(&slots[me].busy_ms, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&slots[me].beat_ms, now_ms(), __ATOMIC_RELAXED);
}

/* A worker that has accepted a request. */
void
watchdog_busy(void)
{
	if (me >= 0)
		__atomic_store_n(&slots[me].busy_ms, now_ms(), __ATOMIC_RELAXED);
}

static int
slot_answers(int i, int64_t now)
{
	int64_t	 busy = __atomic_load_n(&slots[i].busy_ms, __ATOMIC_RELAXED);
	int64_t	 beat = __atomic_load_n(&slots[i].beat_ms, __ATOMIC_RELAXED);

	if (busy != 0)
		return now - busy < period_ms;
	return now - beat < period_ms / 2;
}

/*
 * The master, at each wake: WATCHDOG=1 if a worker answers; otherwise
 * nothing, and the reason in the log once (systemd acts a period later).
 */
void
watchdog_tick(const pid_t *pids, int n)
{
	int64_t	 now;
	int	 i, alive = 0, answering = 0;

	if (slots == NULL)
		return;
	now = now_ms();
	for (i = 0; i < n && i < nslots; i++) {
		if (pids[i] <= 0)
			continue;
		alive++;
		answering += slot_answers(i, now);
	}
	if (answering > 0) {
		if (failing)
			log_info("watchdog: %d of %d workers answer again",
			    answering, n);
		failing = 0;
		(void)sdnotify("WATCHDOG=1");
		return;
	}
	if (!failing)
		log_warnx("watchdog: no worker answers (%d of %d alive): "
		    "systemd is no longer told all is well", alive, n);
	failing = 1;
}
