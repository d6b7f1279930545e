/*
 * systemd's watchdog for a prefork server: the master pings while at
 * least one worker answers, and stops when none does or when the master
 * itself is stuck (docs/packaging.md, "Watchdog").
 */
#ifndef GUICHET_WATCHDOG_H
#define GUICHET_WATCHDOG_H

#include <sys/types.h>

int		 watchdog_init(int workers);
void		 watchdog_spawned(int slot);
void		 watchdog_worker(int slot);
void		 watchdog_idle(void);
void		 watchdog_busy(void);
void		 watchdog_tick(const pid_t *pids, int n);

#endif
