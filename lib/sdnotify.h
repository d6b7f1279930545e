/*
 * systemd's notification protocol (sd_notify(3)), our few lines of it: a
 * state line as a datagram to $NOTIFY_SOCKET, and the watchdog's period
 * from $WATCHDOG_USEC.  Outside systemd every call does nothing.
 */
#ifndef GUICHET_SDNOTIFY_H
#define GUICHET_SDNOTIFY_H

#include <stdint.h>

int		 sdnotify(const char *state);
uint64_t	 sdnotify_watchdog_usec(void);
void		 sdnotify_alive(void);

#endif
