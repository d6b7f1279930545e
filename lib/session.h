/* Login sessions: the signed cookie, the row behind it, CSRF bound to it. */
#ifndef GUICHET_SESSION_H
#define GUICHET_SESSION_H

#include <time.h>

#include "gerr.h"
#include "pool.h"

#define SESSION_COOKIE		"__Host-guichet"
#define SESSION_ID_HEX		64
#define SESSION_IDLE		(30 * 60)
#define SESSION_ABSOLUTE	(12 * 60 * 60)

/* session_load: the request is no sign of life (a kiosk's idle warning). */
#define SESSION_PASSIVE		0x01

struct session {
	char		 id[SESSION_ID_HEX + 1];	/* the secret token */
	const char	*row_id;			/* sessions.id */
	const char	*person_id;
	const char	*assurance;			/* "low" or "high" */
	const char	*method;			/* "eid" or "email" */
	const char	*acting_org_id;			/* NULL: as themselves */
	const char	*acting_org_name;
	const char	*given_names;
	const char	*surname;
	const char	*email;
	const char	*acting_mandate_id;		/* through a mandate */
	const char	*acting_procs;			/* "{1,4}": may act on */
	const char	*acting_families;		/* "sesam,tourism" */
	const char	*pro_email;			/* confirmed, or NULL */
	time_t		 expires;
	time_t		 acting_until;			/* 0: no end */
	int		 kiosk;				/* opened at a kiosk */
	time_t		 seen;				/* last activity */
	char		 csrf[65];			/* its anti-forgery token */
};

int		 session_cookie_make(const char *id, time_t expires, char *out,
		    size_t outsz);
int		 session_cookie_parse(const char *value, char *id, time_t *exp);
enum gerr	 session_create(struct pool *, const char *person_id,
		    const char *assurance, const char *method, const char *ua,
		    const char *ip, int kiosk, struct session *);
enum gerr	 session_load(struct pool *, const char *cookie, int flags,
		    struct session *);
enum gerr	 session_touch(struct pool *, const struct session *);
int		 session_idle_seconds(const struct session *);
enum gerr	 session_end(struct pool *, const char *row_id,
		    const char *person_id);
void		 session_token_hash(const char *id, char hex[65]);
void		 session_cache_clear(void);

#endif
