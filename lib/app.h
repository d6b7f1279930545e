/*
 * A FastCGI program's request, routes and server, and the functions of the
 * files that serve it: server.c (prefork master and workers), input.c
 * (what a request brings), guard.c (session, anti-forgery, preconditions),
 * route.c (routing and the request's course), resp.c (responses).
 */
#ifndef GUICHET_APP_H
#define GUICHET_APP_H

#include <fcgiapp.h>
#include <libpq-fe.h>
#include <time.h>

#include "gerr.h"
#include "pool.h"
#include "req.h"
#include "session.h"
#include "tmpl.h"

struct agent;

enum method {
	METHOD_GET,	/* also serves HEAD */
	METHOD_POST,
	METHOD__MAX
};

#define ROUTE_ARGS_MAX	4

struct req {
	struct pool	*pool;
	FCGX_Request	*fcgx;
	enum method	 method;
	int		 head;		/* HEAD: headers only */
	const char	*method_name;
	const char	*path;
	const char	*route;		/* the pattern, for the access log */
	size_t		 route_i;	/* its index in the table, for metrics */
	const char	*args[ROUTE_ARGS_MAX];
	struct kvlist	 query;
	struct kvlist	 form;		/* POST body fields and files */
	struct kvlist	 cookies;
	enum lang	 lang;
	const char	*rid;
	HDF		*hdf;
	const char	*tmpl;		/* rendered when the handler returns OK */
	int		 status;
	const char	*cache;		/* Cache-Control */
	struct kvlist	 headers;	/* extra response headers */
	int		 responded;
	int		 body_unread;	/* some of the body was left unread */
	const char	*body;		/* a JSON body, as sent (ROUTE_API) */
	size_t		 body_len;
	int		 api;		/* errors in JSON, no session */
	int		 kiosk;		/* a kiosk's server block (docs/kiosk.md) */
	size_t		 bytes;
	struct session	*session;	/* NULL: nobody logged in */
	struct agent	*agent;		/* ROUTE_AGENT: the agent */
	const char	*csrf_seed;
	int		 csrf_failed;
	const char	*login_return;	/* where a login goes on to */
	struct timespec	 start;
};

typedef enum gerr	(*route_fn)(struct req *);

/*
 * What a page needs, checked before it runs (lib/guard.c), so that its
 * function starts with what it does:
 *
 * ROUTE_LOGIN: a session; nobody is sent to the login page (303), which
 * comes back here.
 * ROUTE_HIGH: a session of assurance "high" (the eID card); a lower one
 * gets 403 with a way to log in again with the card.  Implies ROUTE_LOGIN.
 * ROUTE_AGENT: ROUTE_HIGH, and an agent of a department (r->agent); other
 * people get 403.
 * ROUTE_FORM: on a POST whose anti-forgery check fails, the handler still
 * runs with csrf_failed set, so it can show the form again with what the
 * user typed (and must not act on it).  Other POST routes answer 403.
 * ROUTE_API: for applications, not browsers.  No session and no
 * anti-forgery check (the handler authenticates the caller by key); a
 * JSON body is kept as sent in r->body; errors are answered in JSON.
 * ROUTE_SERVER: a POST from another server that authenticates itself by
 * what its body carries, signed (an OpenID provider's logout token): no
 * session and no anti-forgery check; the handler checks the signature.
 * ROUTE_DOWNLOAD: a file to keep (a PDF): refused at a kiosk (403), where
 * nothing is downloaded (docs/kiosk.md).
 * ROUTE_PASSIVE: a page the browser loads by itself (the kiosk's idle
 * warning): it does not count as activity and keeps no session alive.
 * ROUTE_READ: a page that only reads and may show data a few seconds old
 * (searches, figures, exports): its statements go to a fresh standby when
 * the program has a read connection (db_read_begin, lib/dbread.c).  Its
 * session and agent are read before, on the primary.
 *
 * A pattern's placeholders are typed by their names (lib/route.c): ":id"
 * a database id, ":ref" a dossier's reference, ":code" a procedure's code,
 * ":bce" an enterprise number, ":qref" a question to the help desk; a
 * segment of another form is a 404.
 */
#define ROUTE_FORM	0x01
#define ROUTE_API	0x02
#define ROUTE_LOGIN	0x04
#define ROUTE_HIGH	0x08
#define ROUTE_AGENT	0x10
#define ROUTE_SERVER	0x20
#define ROUTE_DOWNLOAD	0x40
#define ROUTE_PASSIVE	0x80
#define ROUTE_READ	0x100

struct route {
	const char	*pattern;	/* "/help/articles/:slug" */
	enum method	 method;
	route_fn	 fn;
	int		 flags;
};

/* A program's own lines in /metrics (lib/ops.c): 0, or -1 on error. */
typedef int	(*ops_extra_fn)(struct req *, struct buf *);

struct app {
	const char	*prog;
	const char	*listen_path;
	int		 listen_fd;
	int		 workers;
	int		 (*worker_init)(void);
	int		 staff;		/* agents' and applications' program */
	ops_extra_fn	 metrics_extra;	/* NULL: the common counters only */
};

/* server.c */
void		 signals_install(void);
int		 signal_term(void);
int		 signal_hup_take(void);
int		 app_init(struct app *, const char *prog, int, char *[]);
int		 app_serve(struct app *, const struct route *, size_t);

/* input.c */
void		 input_limits_load(void);
int		 input_setup(struct req *);
int		 input_body(struct req *);
const char	*req_param(struct req *, const char *);
const char	*req_query(struct req *, const char *);
const char	*req_form(struct req *, const char *);
const char	*req_tr(struct req *, const char *key);
const char	*req_remote_addr(struct req *);
const char	*req_site_url(struct req *);
const char	*req_eid_url(struct req *);
int		 kiosk_warning_seconds(void);

/* guard.c */
void		 guard_init(int staff);
int		 guard_request(struct req *, const struct route *);
enum gerr	 guard_db_back(int begun);
int		 req_csrf_form(struct req *);
void		 req_session_hdf(struct req *);
enum gerr	 resp_need_login(struct req *);
int		 resp_session_clear(struct req *);

/* ops.c */
void		 ops_init(ops_extra_fn);
int		 ops_request(struct req *, const struct route *, size_t);
int		 ops_outbox_metrics(struct req *, struct buf *);

/* route.c */
int		 route_match(const char *pattern, const char *path,
		    const char **args, size_t nargs, struct pool *);
void		 route_request(struct req *, const struct route *, size_t);

/* resp.c */
const char	*status_text(int);
int		 resp_header(struct req *, const char *, const char *);
int		 resp_cookie(struct req *, const char *name, const char *value,
		    int max_age);
enum gerr	 resp_redirect(struct req *, int status, const char *);
enum gerr	 resp_send(struct req *, int status, const char *ctype,
		    const char *, size_t);
enum gerr	 resp_render(struct req *, int status, const char *tmpl);
enum gerr	 resp_start(struct req *, int status, const char *ctype);
int		 resp_write(struct req *, const char *, size_t);
void		 resp_abort(struct req *);
void		 resp_error(struct req *, int status);
int		 req_hdf_rows(struct req *, const char *prefix, const PGresult *,
		    const char *const *names, int n);

#endif
