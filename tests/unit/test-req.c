/*
 * Unit tests of lib/req.c: the parsers of untrusted bytes, against golden
 * files in tests/golden/{urlencoded,cookies,multipart}/.  Each NAME.in is
 * parsed and printed as NAME.out has it; multipart bodies are also fed in
 * small pieces, which must change nothing.  GOLDEN_UPDATE=1 rewrites .out.
 */
#include <sys/types.h>

#include <dirent.h>

#include "gerr.h"
#include "pool.h"
#include "req.h"
#include "tap.h"

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*s;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

static void
print_escaped(struct buf *b, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\')
			buf_puts(b, "\\\\");
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, (char)c);
	}
}

static void
print_list(struct buf *b, const struct kvlist *l, enum gerr e)
{
	const struct kv	*kv;

	if (e != GERR_OK) {
		buf_printf(b, "error: %s\n", gerr_name(e));
		return;
	}
	for (kv = l->head; kv != NULL; kv = kv->next) {
		buf_puts(b, kv->name);
		if (kv->filename != NULL || kv->ctype != NULL)
			buf_printf(b, "[%s;%s]", kv->filename ? kv->filename :
			    "-", kv->ctype ? kv->ctype : "-");
		buf_putc(b, '=');
		print_escaped(b, kv->value, kv->len);
		if (kv->dropped > 0)
			buf_printf(b, "(%zu bytes dropped)", kv->dropped);
		buf_putc(b, '\n');
	}
}

static enum gerr
parse_multipart(struct pool *p, char *in, size_t len, size_t piece,
    struct kvlist *l)
{
	static const struct mp_limits	 lim = { 64, 256, 8 };
	struct mp			 mp;
	char				*nl = memchr(in, '\n', len);
	size_t				 off, n;
	enum gerr			 e;

	/* First line: the boundary; the body follows. */
	if (nl == NULL)
		return GERR_INPUT;
	*nl = '\0';
	off = (size_t)(nl - in) + 1;
	if ((e = mp_init(&mp, p, in, &lim, l)) != GERR_OK)
		return e;
	*nl = '\n';
	while (off < len) {
		n = len - off < piece ? len - off : piece;
		if ((e = mp_feed(&mp, in + off, n)) != GERR_OK)
			return e;
		off += n;
	}
	return mp_finish(&mp);
}

static void
golden(const char *kind, const char *name, struct pool *p)
{
	char		 path[512], label[600];
	char		*in, *want, *copy;
	size_t		 len, wlen, piece;
	struct buf	 b;
	struct kvlist	 l;
	enum gerr	 e = GERR_OK;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/tests/golden/%s/%s", srcdir(), kind,
	    name);
	if ((in = slurp(path, &len)) == NULL) {
		ok(0, path);
		return;
	}
	buf_init(&b, p);
	kvlist_init(&l);
	if (strcmp(kind, "urlencoded") == 0) {
		if (len > 0 && in[len - 1] == '\n')
			len--;
		e = req_parse_urlencoded(p, in, len, &l);
	} else if (strcmp(kind, "cookies") == 0) {
		in[strcspn(in, "\n")] = '\0';
		e = req_parse_cookies(p, in, &l);
	} else
		e = parse_multipart(p, in, len, len, &l);
	print_list(&b, &l, e);
	buf_cstr(&b);
	strcpy(path + strlen(path) - 3, ".out");
	if (getenv("GOLDEN_UPDATE") != NULL && (f = fopen(path, "w")) != NULL) {
		fputs(b.data, f);
		fclose(f);
	}
	want = slurp(path, &wlen);
	snprintf(label, sizeof(label), "%s/%s", kind, name);
	is_str(b.data, want ? want : "(no .out file)", label);
	if (strcmp(kind, "multipart") == 0 && want != NULL) {
		/* The same body in pieces of 1, 3 and 17 bytes. */
		for (piece = 1; piece < 20; piece += piece < 3 ? 2 : 14) {
			copy = pool_strndup(p, in, len);
			buf_init(&b, p);
			kvlist_init(&l);
			e = parse_multipart(p, copy, len, piece, &l);
			print_list(&b, &l, e);
			snprintf(label, sizeof(label), "%s/%s in %zu-byte pieces",
			    kind, name, piece);
			is_str(buf_cstr(&b), want, label);
		}
	}
	free(want);
	free(in);
}

static void
golden_dir(const char *kind, struct pool *p)
{
	char		  path[512];
	struct dirent	**names;
	int		  n, i;
	size_t		  len;

	snprintf(path, sizeof(path), "%s/tests/golden/%s", srcdir(), kind);
	n = scandir(path, &names, NULL, alphasort);
	ok(n > 2, path);
	for (i = 0; i < n; i++) {
		len = strlen(names[i]->d_name);
		if (len > 3 && strcmp(names[i]->d_name + len - 3, ".in") == 0)
			golden(kind, names[i]->d_name, p);
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

int
main(void)
{
	struct pool	*p = pool_new(4096);
	char		 s[32];
	size_t		 n;

	golden_dir("urlencoded", p);
	golden_dir("cookies", p);
	golden_dir("multipart", p);

	strcpy(s, "a%20b+c");
	n = strlen(s);
	ok(req_url_decode(s, &n, 1) && strcmp(s, "a b c") == 0, "decode");
	strcpy(s, "a%2");
	n = strlen(s);
	ok(!req_url_decode(s, &n, 1), "truncated escape refused");
	strcpy(s, "%00");
	n = strlen(s);
	ok(!req_url_decode(s, &n, 1), "NUL refused");
	is_str(req_multipart_boundary(p, "multipart/form-data; boundary=abc"),
	    "abc", "boundary");
	is_str(req_multipart_boundary(p,
	    "multipart/form-data; charset=utf-8; boundary=\"a b:c\""), "a b:c",
	    "quoted boundary after another parameter");
	ok(req_multipart_boundary(p, "multipart/form-data") == NULL,
	    "no boundary");
	ok(req_multipart_boundary(p, "multipart/form-data; boundary=a\"b") ==
	    NULL, "boundary with a quote refused");
	ok(req_multipart_boundary(p, "text/plain; boundary=abc") == NULL,
	    "not multipart");
	pool_free(p);
	return tap_done();
}
