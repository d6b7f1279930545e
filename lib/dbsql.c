/*
 * Statement text assembled at run time from declared pieces only (db_sql,
 * lib/db.h), each piece's parameters counted, renumbered and checked.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db-int.h"
#include "log.h"

/*
 * Statement text from declared pieces (db.h).  A piece's "$k" becomes
 * "$(n + k)", n the number of values before it.  A '$' that is not a
 * parameter (dollar quoting) has no place in a piece.
 */
void
db_sql_init(struct dbsql *s, struct pool *p)
{
	buf_init(&s->text, p);
	s->n = 0;
	s->err = GERR_OK;
}

static int
db_sql_refuse(struct dbsql *s, enum gerr e, const char *why, const char *sql)
{
	if (s->err == GERR_OK)
		log_warnx("statement text refused: %s: \"%.60s\"", why, sql);
	s->err = e;
	return -1;
}

/* Whether the text's parameters are $1 to $count, each at least once. */
static int
db_params_are(const char *sql, int count)
{
	unsigned long	 seen = 0, k;
	const char	*at;
	char		*end;

	if (count < 0 || count > DBSQL_PARAMS_MAX)
		return 0;
	for (at = sql; (at = strchr(at, '$')) != NULL; at = end) {
		if (!isdigit((unsigned char)at[1]))
			return 0;
		k = strtoul(at + 1, &end, 10);
		if (k == 0 || k > (unsigned long)count)
			return 0;
		seen |= 1UL << (k - 1);
	}
	return seen == (1UL << count) - 1;
}

int
db_sql_addv(struct dbsql *s, const struct dbpiece *piece,
    const char *const *values, int n)
{
	const char	*from, *at;
	char		*end, num[12];
	unsigned long	 k;
	size_t		 i;

	if (s->err != GERR_OK)
		return -1;
	if (n != piece->nparams)
		return db_sql_refuse(s, GERR_SYSTEM, "values not as declared",
		    piece->sql);
	if (!db_params_are(piece->sql, piece->nparams))
		return db_sql_refuse(s, GERR_SYSTEM, "parameters not as "
		    "declared", piece->sql);
	if (s->n + n > DBSQL_PARAMS_MAX)
		return db_sql_refuse(s, GERR_SYSTEM, "too many parameters",
		    piece->sql);
	for (from = piece->sql; (at = strchr(from, '$')) != NULL; from = end) {
		k = strtoul(at + 1, &end, 10) + (unsigned long)s->n;
		/* the parameter's number, written backwards then turned */
		i = sizeof(num);
		do
			num[--i] = (char)('0' + k % 10);
		while ((k /= 10) > 0);
		if (buf_append(&s->text, from, (size_t)(at - from) + 1) == -1 ||
		    buf_append(&s->text, num + i, sizeof(num) - i) == -1)
			return db_sql_refuse(s, GERR_NOMEM, "out of memory",
			    piece->sql);
	}
	if (buf_puts(&s->text, from) == -1)
		return db_sql_refuse(s, GERR_NOMEM, "out of memory", piece->sql);
	for (i = 0; i < (size_t)n; i++)
		s->v[s->n++] = values[i];
	return 0;
}

/* A piece without parameters. */
int
db_sql_put(struct dbsql *s, const struct dbpiece *piece)
{
	return db_sql_addv(s, piece, NULL, 0);
}

/* The text so far; NULL once refused. */
const char *
db_sql_text(struct dbsql *s)
{
	if (s->err != GERR_OK)
		return NULL;
	return buf_cstr(&s->text);
}

PGresult *
db_sql_query(struct pool *p, struct dbq *q, struct dbsql *s)
{
	const char	*text = db_sql_text(s);

	if (text == NULL) {
		db_err = s->err != GERR_OK ? s->err : GERR_NOMEM;
		return NULL;
	}
	/* what was appended is what is sent, and all of it */
	if (!db_params_are(text, s->n)) {
		log_warnx("statement text refused: %d values for \"%.60s\"",
		    s->n, text);
		db_err = GERR_SYSTEM;
		return NULL;
	}
	if (q == NULL)
		return db_exec_params(p, text, s->n, s->v);
	if (q->sql == NULL) {
		/* kept for the process, as the other statements' text is */
		if ((q->sql = strdup(text)) == NULL) {
			db_err = GERR_NOMEM;
			return NULL;
		}
	} else if (strcmp(q->sql, text) != 0) {
		log_warnx("statement text refused: not the text of its "
		    "variant: \"%.60s\"", text);
		db_err = GERR_SYSTEM;
		return NULL;
	}
	return db_query(p, q, s->n, s->v);
}
