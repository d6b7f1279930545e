/* Request input: query strings, urlencoded and multipart bodies, cookies. */
#ifndef GUICHET_REQ_H
#define GUICHET_REQ_H

#include <stddef.h>

#include "gerr.h"
#include "pool.h"

struct kv {
	const char	*name;
	const char	*value;
	size_t		 len;		/* of value, which may hold NULs if a file */
	const char	*filename;	/* multipart file parts only */
	const char	*ctype;		/* multipart parts only */
	size_t		 dropped;	/* a file part's bytes beyond the
					   limit: none kept, value "" */
	struct kv	*next;
};

struct kvlist {
	struct kv	*head;
	struct kv	*tail;
	size_t		 count;
};

#define REQ_FIELDS_MAX	1000

void		 kvlist_init(struct kvlist *);
int		 kvlist_add(struct pool *, struct kvlist *, const char *,
		    const char *, size_t);
const struct kv	*kvlist_find(const struct kvlist *, const char *);
const char	*kvlist_get(const struct kvlist *, const char *);

enum gerr	 req_parse_urlencoded(struct pool *, const char *, size_t,
		    struct kvlist *);
enum gerr	 req_parse_cookies(struct pool *, const char *, struct kvlist *);
int		 req_url_decode(char *, size_t *, int);
const char	*req_multipart_boundary(struct pool *, const char *);

/* Streamed multipart/form-data (RFC 7578) parser. */
struct mp_limits {
	size_t	field_max;	/* bytes of a field without a filename */
	size_t	file_max;	/* bytes of a file part: beyond, the part is
				   kept empty with its size in "dropped" */
	size_t	parts_max;
};

enum mp_state {
	MP_PREAMBLE,
	MP_AFTER_DELIM,
	MP_AFTER_DELIM_LF,
	MP_AFTER_DASH,
	MP_HEADERS,
	MP_DATA,
	MP_EPILOGUE,
	MP_ERROR
};

struct mp {
	struct pool		*pool;
	struct kvlist		*out;
	struct mp_limits	 lim;
	enum mp_state		 state;
	enum gerr		 err;
	char			*delim;		/* "\r\n--" boundary */
	size_t			 dlen;
	size_t			 match;		/* bytes of delim matched */
	char			 line[1024];	/* current header line */
	size_t			 llen;
	unsigned		 nheaders;
	const char		*name;		/* of the current part */
	const char		*filename;
	const char		*ctype;
	struct buf		 data;
	size_t			 dropped;	/* bytes of a file over its limit */
};

enum gerr	mp_init(struct mp *, struct pool *, const char *boundary,
		    const struct mp_limits *, struct kvlist *);
enum gerr	mp_feed(struct mp *, const char *, size_t);
enum gerr	mp_finish(struct mp *);

#endif
