/* Error codes shared by every lib function, and small macros used everywhere. */
#ifndef GUICHET_GERR_H
#define GUICHET_GERR_H

#include <stddef.h>

enum gerr {
	GERR_OK = 0,
	GERR_INPUT,	/* the client sent something invalid: 400 */
	GERR_TOOBIG,	/* over a configured limit: 413 */
	GERR_AUTH,	/* not allowed: 403 */
	GERR_NOTFOUND,	/* no such object, or not the caller's: 404 */
	GERR_CONFLICT,	/* state does not allow it: 409 */
	GERR_DB,	/* the database failed or is away: 503 */
	GERR_UPSTREAM,	/* an outside service failed: 502 */
	GERR_NOMEM,	/* 500 */
	GERR_SYSTEM,	/* any other local failure: 500 */
	GERR__MAX
};

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

const char	*gerr_name(enum gerr);
int		 gerr_http_status(enum gerr);

#endif
