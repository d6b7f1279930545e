/*
 * What sealing a PDF costs, per second on one core, and where the time
 * goes: drawing a one-page certificate (lib/pdf.c), sealing it PAdES B-B
 * (lib/pades.c: the update written, SHA-256 over the file, the CMS and
 * its ECDSA signature), the signature alone, and B-T, which adds a round
 * trip to the time-stamping authority (lib/tsa.c) for each document.
 * The keys are conf/dev/seal-pki's, the TSA conf/dev/tsa-responder
 * ("openssl ts -reply", a process per request) unless TSA_URL names
 * another.
 *
 *   tests/bench/pades-seal [seconds per measure, default 3]
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "pades.h"
#include "pdf.h"
#include "pool.h"
#include "seal.h"
#include "tsa.h"

static double	 seconds = 3;
static char	 dir[] = "/tmp/guichet-bench-pades-XXXXXX";

static double
now_s(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A certificate's page: a title, a dozen register values, the mention. */
static enum gerr
draw(struct pool *pool, char **pdf, size_t *len)
{
	struct pdfdoc	*p = pdf_open(pool, "Certificat de résidence");
	int		 i;

	pdf_line(p, 9, "Commune de Saint-Gilles — Population");
	pdf_line(p, 18, "Certificat de résidence avec historique");
	for (i = 0; i < 12; i++)
		pdf_pair(p, "Adresse", "Rue de la Victoire 12, 1060 Saint-Gilles");
	pdf_text(p, 8, "Délivré sur la base du Registre national. Ce document "
	    "porte le cachet électronique de la commune.");
	return pdf_close(p, pdf, len);
}

typedef enum gerr (*step_fn)(struct pool *, const char *, size_t);

static enum gerr
step_draw(struct pool *pool, const char *pdf, size_t len)
{
	char	*out;
	size_t	 n;

	(void)pdf;
	(void)len;
	return draw(pool, &out, &n);
}

static enum gerr
step_seal(struct pool *pool, const char *pdf, size_t len)
{
	char	*out;
	size_t	 n;

	return pades_seal(pool, pdf, len, &out, &n);
}

static enum gerr
step_sign(struct pool *pool, const char *pdf, size_t len)
{
	unsigned char	sig[1024];
	size_t		siglen = sizeof(sig);

	(void)pool;
	return seal_raw_sign(pdf, len < 200 ? len : 200, sig, &siglen) == 0 ?
	    GERR_OK : GERR_SYSTEM;
}

static enum gerr
step_stamp(struct pool *pool, const char *pdf, size_t len)
{
	struct der	token;

	return tsa_stamp(pool, pdf, len < 72 ? len : 72, &token);
}

static double
measure(const char *name, step_fn fn, const char *pdf, size_t len)
{
	struct pool	*pool = pool_new(1 << 16);
	double		 t0 = now_s(), t;
	long		 n = 0;

	do {
		if (fn(pool, pdf, len) != GERR_OK) {
			printf("%-34s failed\n", name);
			return 0;
		}
		pool_reset(pool);
		n++;
	} while ((t = now_s() - t0) < seconds);
	pool_free(pool);
	printf("%-34s %8.0f /s   %8.3f ms each\n", name, n / t, 1000 * t / n);
	return n / t;
}

static pid_t
tsa_start(char *url, size_t size)
{
	char	 cmd[1024], port[16] = "";
	FILE	*f;
	int	 pid;

	snprintf(cmd, sizeof(cmd), "%s/conf/dev/tsa-responder 0 %s/tsa.crt"
	    " %s/tsa.key %s/seal-ca.crt & echo $! >%s/tsa.pid; wait",
	    getenv("GUICHET_SRCDIR"), dir, dir, dir, dir);
	if ((f = popen(cmd, "r")) == NULL || fgets(port, sizeof(port), f) ==
	    NULL)
		return -1;
	port[strcspn(port, "\n")] = '\0';
	snprintf(url, size, "http://127.0.0.1:%s/", port);
	snprintf(cmd, sizeof(cmd), "%s/tsa.pid", dir);
	if ((f = fopen(cmd, "r")) == NULL || fscanf(f, "%d", &pid) != 1)
		return -1;
	fclose(f);
	return pid;
}

static void
bench_path(const char *key, const char *file)
{
	char	path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	conf_set(key, path);
}

int
main(int argc, char *argv[])
{
	struct pool	*pool = pool_new(1 << 16);
	char		 cmd[1024], url[128], *pdf;
	size_t		 len;
	double		 d, bb, sign, bt, stamp;
	pid_t		 tsa = -1;

	if (argc > 1)
		seconds = atof(argv[1]);
	if (getenv("GUICHET_SRCDIR") == NULL || mkdtemp(dir) == NULL) {
		fprintf(stderr, "usage: GUICHET_SRCDIR=... %s [seconds]\n",
		    argv[0]);
		return 2;
	}
	snprintf(cmd, sizeof(cmd), "%s/conf/dev/seal-pki %s",
	    getenv("GUICHET_SRCDIR"), dir);
	if (system(cmd) != 0)
		return 1;
	conf_set("receipt.font", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
	bench_path("seal.cert", "seal.crt");
	bench_path("seal.key", "seal.key");
	bench_path("seal.chain", "seal-chain.pem");
	bench_path("tsa.cacert", "seal-ca.crt");
	if (draw(pool, &pdf, &len) != GERR_OK)
		return 1;
	printf("a one-page certificate: %zu bytes; one core, %.0f s a measure\n",
	    len, seconds);
	d = measure("draw (lib/pdf.c)", step_draw, NULL, 0);
	sign = measure("ECDSA P-256 signature alone", step_sign, pdf, len);
	bb = measure("seal B-B (lib/pades.c)", step_seal, pdf, len);
	if (getenv("TSA_URL") != NULL)
		snprintf(url, sizeof(url), "%s", getenv("TSA_URL"));
	else
		tsa = tsa_start(url, sizeof(url));
	conf_set("tsa.url", url);
	stamp = measure("timestamp alone (TSA round trip)", step_stamp, pdf,
	    len);
	bt = measure("seal B-T (B-B + timestamp)", step_seal, pdf, len);
	printf("draw + seal B-B: %.0f /s; draw + seal B-T: %.0f /s\n",
	    1 / (1 / d + 1 / bb), bt > 0 ? 1 / (1 / d + 1 / bt) : 0);
	printf("B-B: signature %.0f %%, the rest (update, SHA-256, CMS) %.0f %%\n",
	    100 * bb / sign, 100 - 100 * bb / sign);
	if (bt > 0 && stamp > 0)
		printf("B-T: the TSA round trip is %.0f %% of a seal\n",
		    100 * bt / stamp);
	if (tsa > 0) {
		kill(tsa, SIGTERM);
		waitpid(tsa, NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	pool_free(pool);
	return 0;
}
