/* Per-request arena: everything a request allocates dies at pool_reset(). */
#ifndef GUICHET_POOL_H
#define GUICHET_POOL_H

#include <stddef.h>

struct pool;

typedef void	(*pool_cleanup_fn)(void *);

struct pool	*pool_new(size_t chunk);
void		 pool_free(struct pool *);
void		 pool_reset(struct pool *);
void		*pool_alloc(struct pool *, size_t);
void		*pool_calloc(struct pool *, size_t, size_t);
char		*pool_strdup(struct pool *, const char *);
char		*pool_strndup(struct pool *, const char *, size_t);
char		*pool_join(struct pool *, const char *, const char *,
		    const char *);
char		*pool_printf(struct pool *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
int		 pool_defer(struct pool *, pool_cleanup_fn, void *);
size_t		 pool_used(const struct pool *);

/* A growable byte buffer living in a pool. */
struct buf {
	struct pool	*pool;
	char		*data;
	size_t		 len;
	size_t		 cap;
};

void	buf_init(struct buf *, struct pool *);
int	buf_append(struct buf *, const void *, size_t);
int	buf_puts(struct buf *, const char *);
int	buf_putc(struct buf *, char);
int	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*buf_cstr(struct buf *);

#endif
