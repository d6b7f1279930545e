/*
 * The local RFC 3161 time-stamping authority of the dev and test stacks,
 * on loopback: OpenSSL's own TS responder (TS_RESP_CTX, the code that
 * "openssl ts -reply" runs) kept in long-lived processes, behind the
 * HTTP of RFC 3161 section 3.4 (POST application/timestamp-query, answer
 * application/timestamp-reply). It replaces one "openssl ts" process per
 * token (about 13 ms of processor each) by a signature (under 1 ms), so
 * that the stack's PAdES B-T costs what a real authority's answer costs:
 * the wait, not the stand-in (docs/benchmarks.md).
 *
 *   tsa-server [-d DELAY_MS] [-w WORKERS] PORT TSA_CERT TSA_KEY CHAIN
 *
 * With PORT 0 it takes a free port and prints it on its first line.
 * WORKERS processes (2 by default) accept on the same socket, each
 * keeping many connections open (HTTP/1.1 keep-alive) in one poll.
 * DELAY_MS holds every reply that long, as a distant authority's round
 * trip (tests/bench/certificates --tsa-delay).
 */
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ts.h>

#include "tsa-http.h"

#define POLICY		"1.3.6.1.4.1.99999.1.1"
#define POLICY_OTHER	"1.3.6.1.4.1.99999.1.2"
#define WORKERS_MAX	16
#define CONNS_MAX	256	/* per worker */

static volatile sig_atomic_t	 stopping;
static pid_t			 workers[WORKERS_MAX];
static int			 nworkers = 2;
static int			 delay_ms;	/* -d: each reply held */

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* A random 128-bit serial, as the Python responder gave each token. */
static ASN1_INTEGER *
serial(TS_RESP_CTX *ctx, void *data)
{
	unsigned char	 rnd[16];
	BIGNUM		*bn;
	ASN1_INTEGER	*s = NULL;

	(void)data;
	if (RAND_bytes(rnd, sizeof(rnd)) == 1 &&
	    (bn = BN_bin2bn(rnd, sizeof(rnd), NULL)) != NULL) {
		s = BN_to_ASN1_INTEGER(bn, NULL);
		BN_free(bn);
	}
	if (s == NULL)
		TS_RESP_CTX_set_status_info(ctx, TS_STATUS_REJECTION,
		    "no serial number");
	return s;
}

static STACK_OF(X509) *
read_chain(const char *path)
{
	STACK_OF(X509)	*sk = sk_X509_new_null();
	BIO		*b = BIO_new_file(path, "r");
	X509		*x;

	if (sk == NULL || b == NULL) {
		BIO_free(b);
		sk_X509_free(sk);
		return NULL;
	}
	while ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
		sk_X509_push(sk, x);
	ERR_clear_error();
	BIO_free(b);
	return sk;
}

/*
 * The responder as openssl.cnf's [tsa] section of the old script set it:
 * sha256 signer digest, the two policies, sha256/384/512 imprints,
 * accuracy one second, no ordering, no TSA name, ESS certificate id v2
 * with sha256 for the signer only.
 */
static TS_RESP_CTX *
responder(const char *certf, const char *keyf, const char *chainf)
{
	TS_RESP_CTX	*ctx = TS_RESP_CTX_new();
	BIO		*b;
	X509		*cert = NULL;
	EVP_PKEY	*key = NULL;
	STACK_OF(X509)	*chain = read_chain(chainf);
	ASN1_OBJECT	*pol = OBJ_txt2obj(POLICY, 1);
	ASN1_OBJECT	*other = OBJ_txt2obj(POLICY_OTHER, 1);
	int		 ok;

	if ((b = BIO_new_file(certf, "r")) != NULL)
		cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	if ((b = BIO_new_file(keyf, "r")) != NULL)
		key = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	BIO_free(b);
	ok = ctx != NULL && cert != NULL && key != NULL && chain != NULL &&
	    pol != NULL && other != NULL &&
	    TS_RESP_CTX_set_signer_cert(ctx, cert) == 1 &&
	    TS_RESP_CTX_set_signer_key(ctx, key) == 1 &&
	    TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256()) == 1 &&
	    TS_RESP_CTX_set_certs(ctx, chain) == 1 &&
	    TS_RESP_CTX_set_def_policy(ctx, pol) == 1 &&
	    TS_RESP_CTX_add_policy(ctx, other) == 1 &&
	    TS_RESP_CTX_add_md(ctx, EVP_sha256()) == 1 &&
	    TS_RESP_CTX_add_md(ctx, EVP_sha384()) == 1 &&
	    TS_RESP_CTX_add_md(ctx, EVP_sha512()) == 1 &&
	    TS_RESP_CTX_set_accuracy(ctx, 1, 0, 0) == 1 &&
	    TS_RESP_CTX_set_ess_cert_id_digest(ctx, EVP_sha256()) == 1;
	if (ok)
		TS_RESP_CTX_set_serial_cb(ctx, serial, NULL);
	X509_free(cert);
	EVP_PKEY_free(key);
	sk_X509_pop_free(chain, X509_free);
	ASN1_OBJECT_free(pol);
	ASN1_OBJECT_free(other);
	if (!ok) {
		ERR_print_errors_fp(stderr);
		TS_RESP_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;
	ssize_t		 w;

	while (n > 0) {
		if ((w = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
answer_status(int fd, const char *status)
{
	char	 h[128];
	int	 n;

	n = snprintf(h, sizeof(h), "HTTP/1.1 %s\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n", status);
	(void)write_all(fd, h, (size_t)n);
}

/*
 * Replies held delay_ms before they go (-d), as a distant authority's
 * round trip would: to measure what concurrency a guichet needs against
 * one.  The delay being the same for all, they are due in arrival order.
 */
#define HELD_MAX	4096

struct held {
	int		 fd;		/* -1: its connection closed meanwhile */
	char		*reply;
	size_t		 len;
	long long	 due;		/* ms, CLOCK_MONOTONIC */
};

static struct held	 held[HELD_MAX];
static size_t		 held_first, held_n;

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
reply_send(int fd, char *reply, size_t len)
{
	struct held	*h;

	if (delay_ms == 0 || held_n == HELD_MAX) {
		if (write_all(fd, reply, len) == -1)
			perror("tsa-server: write");
		free(reply);
		return;
	}
	h = &held[(held_first + held_n++) % HELD_MAX];
	h->fd = fd;
	h->reply = reply;
	h->len = len;
	h->due = now_ms() + delay_ms;
}

/* The held replies now due sent; the poll timeout until the next. */
static int
held_flush(void)
{
	struct held	*h;
	long long	 now = now_ms();

	while (held_n > 0) {
		h = &held[held_first];
		if (h->due > now)
			return (int)(h->due - now);
		if (h->fd != -1 && write_all(h->fd, h->reply, h->len) == -1)
			perror("tsa-server: write");
		free(h->reply);
		held_first = (held_first + 1) % HELD_MAX;
		held_n--;
	}
	return -1;
}

/* A connection closed: its held replies go nowhere. */
static void
held_forget(int fd)
{
	size_t	 i;

	for (i = 0; i < held_n; i++)
		if (held[(held_first + i) % HELD_MAX].fd == fd)
			held[(held_first + i) % HELD_MAX].fd = -1;
}

/* The token for a query's DER in one reply; the HTTP status if none. */
static void
answer_query(int fd, TS_RESP_CTX *ctx, const unsigned char *q, size_t n)
{
	BIO		*in = BIO_new_mem_buf(q, (int)n);
	TS_RESP		*resp = NULL;
	unsigned char	*der = NULL;
	char		 h[160], *reply;
	int		 len = 0, hn;

	if (in != NULL)
		resp = TS_RESP_create_response(ctx, in);
	if (resp == NULL || (len = i2d_TS_RESP(resp, &der)) <= 0) {
		ERR_print_errors_fp(stderr);
		answer_status(fd, "500 Internal Server Error");
		goto out;
	}
	hn = snprintf(h, sizeof(h), "HTTP/1.1 200 OK\r\n"
	    "Content-Type: application/timestamp-reply\r\n"
	    "Content-Length: %d\r\nConnection: keep-alive\r\n\r\n", len);
	/* one write: a second small one would wait for the client's ACK */
	if ((reply = malloc((size_t)(hn + len))) == NULL)
		goto out;
	memcpy(reply, h, (size_t)hn);
	memcpy(reply + hn, der, (size_t)len);
	reply_send(fd, reply, (size_t)(hn + len));
out:
	ERR_clear_error();
	OPENSSL_free(der);
	TS_RESP_free(resp);
	BIO_free(in);
}

/* A client's connection and what it sent that is not answered yet. */
struct conn {
	int		 fd;
	size_t		 have;
	unsigned char	 buf[TSA_HTTP_MAX];
};

/*
 * The requests whole in c's buffer answered in turn; -1 when the
 * connection is to be closed (malformed, or too big).
 */
static int
conn_answer(struct conn *c, TS_RESP_CTX *ctx)
{
	struct tsa_http	 h;
	size_t		 used;

	for (;;) {
		switch (tsa_http_parse(c->buf, c->have, &h)) {
		case TSA_HTTP_MORE:
			if (c->have < sizeof(c->buf))
				return 0;
			answer_status(c->fd, "413 Payload Too Large");
			return -1;
		case TSA_HTTP_BAD:
			answer_status(c->fd, "400 Bad Request");
			return -1;
		case TSA_HTTP_OK:
			break;
		}
		answer_query(c->fd, ctx, c->buf + h.body, h.length);
		used = h.body + h.length;
		memmove(c->buf, c->buf + used, c->have - used);
		c->have -= used;
	}
}

/* What came on c read and answered; -1 when it is closed. */
static int
conn_read(struct conn *c, TS_RESP_CTX *ctx)
{
	ssize_t	 r;

	r = read(c->fd, c->buf + c->have, sizeof(c->buf) - c->have);
	if (r < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (r <= 0)
		return -1;
	c->have += (size_t)r;
	return conn_answer(c, ctx);
}

/*
 * A worker keeps many connections (each guichet process keeps one, and
 * libcurl sends its next query on it): one poll over the listening
 * socket, shared with the other workers, and them.  A reply is a few
 * kilobytes, which the socket's buffer takes whole.
 */
static void
worker(int ls, TS_RESP_CTX *ctx)
{
	static struct conn	 conns[CONNS_MAX];
	struct pollfd		 pfd[CONNS_MAX + 1];
	nfds_t			 n = 1, i;
	int			 fd, one = 1;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	/* a supervisor killed outright takes its workers with it */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	pfd[0].fd = ls;
	pfd[0].events = POLLIN;
	for (;;) {
		if (poll(pfd, n, held_flush()) < 0) {
			if (errno == EINTR)
				continue;
			perror("tsa-server: poll");
			_exit(1);
		}
		for (i = n - 1; i >= 1; i--) {
			if (pfd[i].revents == 0 ||
			    conn_read(&conns[i - 1], ctx) == 0)
				continue;
			held_forget(pfd[i].fd);
			close(pfd[i].fd);
			n--;	/* the last takes its place */
			pfd[i] = pfd[n];
			conns[i - 1].fd = conns[n - 1].fd;
			conns[i - 1].have = conns[n - 1].have;
			memcpy(conns[i - 1].buf, conns[n - 1].buf,
			    conns[n - 1].have);
		}
		if (!(pfd[0].revents & POLLIN))
			continue;
		/* the other workers may have taken it: ls does not block */
		if ((fd = accept(ls, NULL, NULL)) < 0)
			continue;
		if (n == CONNS_MAX + 1) {
			close(fd);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		conns[n - 1].fd = fd;
		conns[n - 1].have = 0;
		pfd[n].fd = fd;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		n++;
	}
}

static int
listen_on(const char *port)
{
	struct sockaddr_in	 sa;
	socklen_t		 len = sizeof(sa);
	int			 s, one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((unsigned short)atoi(port));
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(s, 256) < 0 ||
	    fcntl(s, F_SETFL, O_NONBLOCK) < 0 ||
	    getsockname(s, (struct sockaddr *)&sa, &len) < 0) {
		perror("tsa-server: listen");
		return -1;
	}
	if (strcmp(port, "0") == 0) {
		printf("%u\n", ntohs(sa.sin_port));
		fflush(stdout);
	}
	return s;
}

/* Workers started, and started again should one die, until SIGTERM. */
static int
supervise(int ls, TS_RESP_CTX *ctx)
{
	struct sigaction	 sa;
	int			 i, status;
	pid_t			 pid;

	/* no SA_RESTART: wait() returns on SIGTERM */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < nworkers; i++)
		workers[i] = 0;
	while (!stopping) {
		for (i = 0; i < nworkers; i++) {
			if (workers[i] != 0)
				continue;
			if ((pid = fork()) == 0)
				worker(ls, ctx);
			workers[i] = pid;
		}
		if ((pid = wait(&status)) < 0)
			continue;
		for (i = 0; i < nworkers; i++)
			if (workers[i] == pid)
				workers[i] = 0;
	}
	for (i = 0; i < nworkers; i++)
		if (workers[i] > 0)
			kill(workers[i], SIGTERM);
	while (wait(&status) > 0)
		;
	TS_RESP_CTX_free(ctx);
	return 0;
}

int
main(int argc, char *argv[])
{
	TS_RESP_CTX	*ctx;
	int		 ch, ls;

	while ((ch = getopt(argc, argv, "d:w:")) != -1) {
		if (ch == 'd' && (delay_ms = atoi(optarg)) >= 0 &&
		    delay_ms <= 10000)
			continue;
		if (ch != 'w' || (nworkers = atoi(optarg)) < 1 ||
		    nworkers > WORKERS_MAX)
			goto usage;
	}
	argc -= optind;
	argv += optind;
	if (argc != 4)
		goto usage;
	if ((ctx = responder(argv[1], argv[2], argv[3])) == NULL ||
	    (ls = listen_on(argv[0])) < 0)
		return 1;
	return supervise(ls, ctx);
usage:
	fprintf(stderr, "usage: tsa-server [-d DELAY_MS] [-w WORKERS] PORT TSA_CERT "
	    "TSA_KEY CHAIN\n");
	return 2;
}
