/*
 * Tests of the API's export rows (cgi-bin/api/export.c, included to reach
 * its static functions): a buffer that cannot grow, or answers that do
 * not parse, refuse the row whole instead of writing it cut short.
 */
#include "../../cgi-bin/api/export.c"
#include "tap.h"

/* export.c's caller is authenticated elsewhere (auth.c, not linked). */
enum gerr
client_load(struct req *r, struct client *c)
{
	(void)r;
	(void)c;
	return GERR_AUTH;
}

static int	allocs_left = -1;	/* -1: every allocation succeeds */

static void *
realloc_failing(void *p, size_t n)
{
	if (allocs_left == 0)
		return NULL;
	if (allocs_left > 0)
		allocs_left--;
	return realloc(p, n);
}

/* One row as libpq hands it over: the 10 fixed columns and the answers. */
static PGresult *
row_make(const char *ref, const char *answers)
{
	PGresAttDesc	 cols[11];
	PGresult	*res = PQmakeEmptyPGresult(NULL, PGRES_SINGLE_TUPLE);
	int		 i;

	memset(cols, 0, sizeof(cols));
	for (i = 0; i < 11; i++) {
		cols[i].name = (char *)"c";
		cols[i].typid = 25;	/* text */
		cols[i].typlen = -1;
		cols[i].atttypmod = -1;
	}
	PQsetResultAttrs(res, 11, cols);
	PQsetvalue(res, 0, 0, (char *)ref, (int)strlen(ref));
	for (i = 1; i < 10; i++)
		PQsetvalue(res, 0, i, (char *)"v", 1);
	PQsetvalue(res, 0, 10, (char *)answers, (int)strlen(answers));
	return res;
}

int
main(void)
{
	struct csvout	 o;
	struct export	 x;
	struct req	 r;
	json_t		*names = json_pack("[s, s]", "name", "kind");
	PGresult	*row = row_make("2026-X-000001",
			    "{\"name\": \"Gîte \\\"du lac\\\"\", \"kind\": [1, 2]}");
	PGresult	*deep;
	char		*nested;
	size_t		 len, n, depth = 3000;

	csvout_realloc = realloc_failing;
	memset(&o, 0, sizeof(o));
	csv_row(&o, row, names);
	ok(!o.failed && o.len > 0, "a row is written");
	ok(o.len > 2 && memcmp(o.data + o.len - 2, "\r\n", 2) == 0 &&
	    memmem(o.data, o.len, "\"Gîte \"\"du lac\"\"\",\"[1,2]\"", 26) !=
	    NULL, "whole, with its answers");
	len = o.len;
	free(o.data);

	/* room for the first cells, none after: the row is half written */
	memset(&o, 0, sizeof(o));
	o.data = malloc(16);
	o.cap = 16;
	allocs_left = 0;
	csv_row(&o, row, names);
	ok(o.failed, "a buffer that cannot grow: the row is marked failed");
	ok(o.len < len, "(it was cut short)");
	n = o.len;
	csvout_put(&o, "more", 4);
	ok(o.len == n, "and nothing more goes in");

	memset(&x, 0, sizeof(x));
	memset(&r, 0, sizeof(r));
	x.r = &r;		/* no FastCGI stream: a write would crash */
	x.o = &o;
	x.code = "TEST";
	ok(export_flush(&x, 0) == GERR_NOMEM,
	    "it is never flushed: the export fails with GERR_NOMEM");
	free(o.data);

	memset(&o, 0, sizeof(o));
	allocs_left = 0;
	json_row(&o, row, 1);
	ok(o.failed && o.len == 0, "JSON: a row that cannot go in is "
	    "refused");
	free(o.data);
	allocs_left = -1;

	/* deeper than jansson reads: the answers cannot be written */
	nested = malloc(2 * depth + 16);
	memcpy(nested, "{\"kind\": ", 9);
	memset(nested + 9, '[', depth);
	memset(nested + 9 + depth, ']', depth);
	strcpy(nested + 9 + 2 * depth, "}");
	deep = row_make("2026-X-000002", nested);
	memset(&o, 0, sizeof(o));
	csv_row(&o, deep, names);
	ok(o.failed, "CSV: answers that do not parse fail the row, not "
	    "left empty");
	o.failed = 0;
	o.len = 0;
	json_row(&o, deep, 0);
	ok(o.failed && o.len == 0, "JSON: nor left out");
	free(o.data);
	free(nested);

	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	x.r = &r;
	x.o = &o;
	x.names = names;
	x.csv = 1;
	x.started = 1;
	ok(export_row(&x, row) == GERR_OK && x.rows == 1,
	    "export_row: a row goes in");
	ok(export_row(&x, deep) == GERR_NOMEM && x.rows == 2,
	    "one that cannot be written stops the stream");
	free(o.data);
	PQclear(deep);
	PQclear(row);
	json_decref(names);
	return tap_done();
}
