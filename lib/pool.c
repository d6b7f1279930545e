/* Per-request arena with deferred cleanups, after PostgreSQL's memory contexts. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

#define POOL_ALIGN	16

struct chunk {
	struct chunk	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	max_align_t	 data[];
};

struct cleanup {
	struct cleanup	*next;
	pool_cleanup_fn	 fn;
	void		*arg;
};

struct pool {
	struct chunk	*head;		/* current chunk, first in list */
	struct chunk	*first;		/* kept across resets */
	struct cleanup	*cleanups;
	size_t		 chunk;
	size_t		 total;
};

static struct chunk *
chunk_new(size_t size)
{
	struct chunk	*c;

	if ((c = malloc(sizeof(*c) + size)) == NULL)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

struct pool *
pool_new(size_t chunk)
{
	struct pool	*p;

	if (chunk < 1024)
		chunk = 1024;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if ((p->first = chunk_new(chunk)) == NULL) {
		free(p);
		return NULL;
	}
	p->head = p->first;
	p->chunk = chunk;
	return p;
}

static void
pool_run_cleanups(struct pool *p)
{
	struct cleanup	*c;

	/* Newest first, so a cleanup may rely on what was deferred before it. */
	for (c = p->cleanups; c != NULL; c = c->next)
		c->fn(c->arg);
	p->cleanups = NULL;
}

void
pool_reset(struct pool *p)
{
	struct chunk	*c, *next;

	pool_run_cleanups(p);
	for (c = p->head; c != NULL; c = next) {
		next = c->next;
		if (c != p->first)
			free(c);
	}
	p->head = p->first;
	p->first->next = NULL;
	p->first->used = 0;
	p->total = 0;
}

void
pool_free(struct pool *p)
{
	if (p == NULL)
		return;
	pool_reset(p);
	free(p->first);
	free(p);
}

void *
pool_alloc(struct pool *p, size_t n)
{
	struct chunk	*c;
	size_t		 need;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - POOL_ALIGN - sizeof(struct chunk))
		return NULL;
	need = (n + POOL_ALIGN - 1) & ~(size_t)(POOL_ALIGN - 1);
	c = p->head;
	if (c->size - c->used < need) {
		if (need > p->chunk / 4) {
			/* A big block gets a chunk of its own behind the head,
			 * so the head keeps its free room for small ones. */
			if ((c = chunk_new(need)) == NULL)
				return NULL;
			c->next = p->head->next;
			p->head->next = c;
		} else {
			if ((c = chunk_new(p->chunk)) == NULL)
				return NULL;
			c->next = p->head;
			p->head = c;
		}
	}
	c->used += need;
	p->total += need;
	return (char *)c->data + c->used - need;
}

void *
pool_calloc(struct pool *p, size_t nmemb, size_t size)
{
	void	*ptr;

	if (size != 0 && nmemb > SIZE_MAX / size)
		return NULL;
	if ((ptr = pool_alloc(p, nmemb * size)) != NULL)
		memset(ptr, 0, nmemb * size);
	return ptr;
}

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	char	*d;

	if ((d = pool_alloc(p, n + 1)) == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return pool_strndup(p, s, strlen(s));
}

/*
 * a, sep and b end to end: the "%s.%s" of keys and labels, without
 * printf.  NULL counts as empty.
 */
char *
pool_join(struct pool *p, const char *a, const char *sep, const char *b)
{
	size_t	 na, ns, nb;
	char	*d;

	a = a != NULL ? a : "";
	sep = sep != NULL ? sep : "";
	b = b != NULL ? b : "";
	na = strlen(a);
	ns = strlen(sep);
	nb = strlen(b);
	if ((d = pool_alloc(p, na + ns + nb + 1)) == NULL)
		return NULL;
	memcpy(d, a, na);
	memcpy(d + na, sep, ns);
	memcpy(d + na + ns, b, nb + 1);
	return d;
}

/*
 * Formatted once, into the head chunk's free room, when it fits (nearly
 * always): pages build hundreds of these, and measuring first doubled
 * the cost of each.  The room is counted in whole alignment units, so
 * that pool_alloc then hands back the very bytes just written.
 */
static char *
pool_vprintf(struct pool *p, const char *fmt, va_list ap)
{
	struct chunk	*c = p->head;
	size_t		 room = (c->size - c->used) & ~(size_t)(POOL_ALIGN - 1);
	va_list		 ap2;
	char		*d;
	int		 n;

	va_copy(ap2, ap);
	n = vsnprintf(room > 0 ? (char *)c->data + c->used : NULL, room, fmt,
	    ap2);
	va_end(ap2);
	if (n < 0 || (d = pool_alloc(p, (size_t)n + 1)) == NULL)
		return NULL;
	if ((size_t)n >= room)
		vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *
pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*d;

	va_start(ap, fmt);
	d = pool_vprintf(p, fmt, ap);
	va_end(ap);
	return d;
}

int
pool_defer(struct pool *p, pool_cleanup_fn fn, void *arg)
{
	struct cleanup	*c;

	if ((c = pool_alloc(p, sizeof(*c))) == NULL)
		return -1;
	c->fn = fn;
	c->arg = arg;
	c->next = p->cleanups;
	p->cleanups = c;
	return 0;
}

size_t
pool_used(const struct pool *p)
{
	return p->total;
}

void
buf_init(struct buf *b, struct pool *p)
{
	b->pool = p;
	b->data = NULL;
	b->len = b->cap = 0;
}

static int
buf_grow(struct buf *b, size_t more)
{
	size_t	 cap;
	char	*d;

	if (b->len + more + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1) {
		if (cap > SIZE_MAX / 2)
			return -1;
		cap *= 2;
	}
	if ((d = pool_alloc(b->pool, cap)) == NULL)
		return -1;
	if (b->len)
		memcpy(d, b->data, b->len);
	b->data = d;
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const void *s, size_t n)
{
	if (buf_grow(b, n) == -1)
		return -1;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = pool_vprintf(b->pool, fmt, ap);
	va_end(ap);
	return s == NULL ? -1 : buf_puts(b, s);
}

char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL && buf_grow(b, 0) == -1)
		return NULL;
	b->data[b->len] = '\0';
	return b->data;
}
