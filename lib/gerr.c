/* The error codes of lib functions: their names and their HTTP statuses. */
#include "gerr.h"

int
gerr_http_status(enum gerr e)
{
	static const int	map[GERR__MAX] = {
		[GERR_OK] = 200, [GERR_INPUT] = 400, [GERR_TOOBIG] = 413,
		[GERR_AUTH] = 403, [GERR_NOTFOUND] = 404,
		[GERR_CONFLICT] = 409, [GERR_DB] = 503,
		[GERR_UPSTREAM] = 502, [GERR_NOMEM] = 500,
		[GERR_SYSTEM] = 500,
	};

	return (unsigned)e < GERR__MAX ? map[e] : 500;
}

const char *
gerr_name(enum gerr e)
{
	static const char *const	names[GERR__MAX] = {
		"ok", "input", "toobig", "auth", "notfound", "conflict", "db",
		"upstream", "nomem", "system",
	};

	return (unsigned)e < GERR__MAX ? names[e] : "?";
}
