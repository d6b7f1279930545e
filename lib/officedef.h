/*
 * Offices that take appointments, as data (docs/appointments.md): the
 * checks a definition passes before guichet-admin stores it.
 */
#ifndef GUICHET_OFFICEDEF_H
#define GUICHET_OFFICEDEF_H

#include <stddef.h>

#include <jansson.h>

/* 0 if the definition is one we can store; -1 with why in err. */
int		 officedef_check(const json_t *def, char *err, size_t errlen);

/* The ISO weekday (1 Monday .. 7 Sunday) of an "hours" key, or 0. */
int		 officedef_weekday(const char *key);

#endif
