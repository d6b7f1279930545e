/* guichet-admin: what its command files share. */
#ifndef GUICHET_ADMIN_H
#define GUICHET_ADMIN_H

#include <jansson.h>
#include <libpq-fe.h>

/* One parameterised statement; NULL (reported after what) on error. */
PGresult	*admin_step(const char *what, const char *sql, int n,
		    const char *const *p);

/* owners.c: departments, families, agents' roles */
int		 owners_import(const char *path, const json_t *def);
int		 cmd_department(int, char *[]);
int		 cmd_family(int, char *[]);
int		 cmd_agent(int, char *[]);

/* certificates.c: certificate types */
int		 cmd_certificate(int, char *[]);

/* offices.c: appointments' closures from iCalendar, desks' feeds */
int		 cmd_office(int, char *[]);
/* holidays.c: the public holidays deadlines count (sql/0049) */
int		 holidays_write(void);

#endif
