/* guichet-admin: what its command files share. */
#ifndef GUICHET_ADMIN_H
#define GUICHET_ADMIN_H

#include <jansson.h>
#include <libpq-fe.h>

#include "gerr.h"

/* One parameterised statement; NULL (reported after what) on error. */
PGresult	*admin_step(const char *what, const char *sql, int n,
		    const char *const *p);

/* main.c: commands setup runs too; the configuration's path */
int		 admin_migrate(int, char *[]);
int		 admin_seed(int, char *[]);
int		 admin_postcodes(int, char *[]);
const char	*admin_conf_path(void);

/* setup.c: a fresh host to a running guichet; setup-check.c: its checks */
PGconn		*admin_connect_as(const char *role, const char *conninfo);
enum gerr	 admin_db_open(const char *conninfo);
int		 cmd_setup(int, char *[]);
int		 cmd_check(int, char *[]);
int		 setup_check(const char *conf, const char *web,
		    const char *back);

/* owners.c: departments, families, agents' roles */
int		 owners_import(const char *path, const json_t *def);
int		 cmd_department(int, char *[]);
int		 cmd_family(int, char *[]);
int		 cmd_agent(int, char *[]);

/* certificates.c: certificate types */
int		 cmd_certificate(int, char *[]);

/* offices.c: appointments' closures from iCalendar, desks' feeds */
int		 cmd_office(int, char *[]);
/* a definition's appointment fields: their offices and meeting types exist */
int		 offices_fields_check(const char *path, const json_t *def);
/* holidays.c: the public holidays deadlines count (sql/0049) */
int		 holidays_write(void);

#endif
