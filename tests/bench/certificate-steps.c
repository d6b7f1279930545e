/*
 * Where an automatic certificate's time goes, one step at a time on one
 * core, as lib/certificate.c does them: the register asked (the stand-in
 * of the stack, over HTTP), the PDF drawn from its answer with its
 * verification code and QR code, sealed in the PDF (PAdES: B-T with the
 * stack's TSA, its round trip included; B-B without one), and the
 * detached seal over the sealed bytes.  The store (one statement) is
 * measured by tests/bench/
 * certificates end to end.  Élise's residence certificate, the type's
 * definition from conf/certificates/.
 *
 *   tests/bench/certificate-steps GUICHET.CONF [iterations, default 300]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "certificate.h"
#include "conf.h"
#include "document.h"
#include "pades.h"
#include "seal.h"
#include "tmpl.h"

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct certreq	 c;
	struct pool	*p;
	struct doccode	 code;
	char		*pdf, *sealed, path[1024];
	unsigned char	*der;
	size_t		 len, sealed_len = 0, derlen;
	double		 t, lookup = 0, draw = 0, pades = 0, seal = 0;
	int		 i, n = argc > 2 ? atoi(argv[2]) : 300;

	if (argc < 2 || conf_load(argv[1]) != GERR_OK ||
	    tmpl_init(conf_str("templates.dir")) != GERR_OK)
		return 1;
	snprintf(path, sizeof(path), "%s/../conf/certificates/RESIDENCE.json",
	    conf_str("templates.dir"));
	p = pool_new(1 << 16);
	for (i = 0; i < n; i++) {
		pool_reset(p);
		memset(&c, 0, sizeof(c));
		c.def = json_load_file(path, 0, NULL);
		c.code = "RESIDENCE";
		c.issuer = "Service Population";
		c.nrn = "85073003328";
		c.reference = "C-2026-000001";
		c.lang = LANG_FR;
		t = now_ms();
		if (c.def == NULL || certificate_lookup(p, &c) != GERR_OK) {
			fprintf(stderr, "the register or the definition failed\n");
			return 1;
		}
		lookup += now_ms() - t;
		t = now_ms();
		if (document_code(p, &code) != GERR_OK ||
		    certificate_draw(p, &c, &code, &pdf, &len) != GERR_OK)
			return 1;
		draw += now_ms() - t;
		t = now_ms();
		if (pades_seal(p, pdf, len, &sealed, &sealed_len) != GERR_OK)
			return 1;
		pades += now_ms() - t;
		t = now_ms();
		if (seal_sign(p, sealed, sealed_len, &der, &derlen) != GERR_OK)
			return 1;
		seal += now_ms() - t;
		json_decref(c.def);
	}
	printf("  register lookup %.2f ms, PDF drawn with its codes %.2f ms "
	    "(%zu bytes), PAdES %s %.2f ms (%zu bytes), detached seal %.2f ms, "
	    "per certificate (%d)\n", lookup / n, draw / n, len,
	    conf_str("tsa.url") != NULL ? "B-T" : "B-B", pades / n, sealed_len,
	    seal / n, n);
	printf("  one core: %.0f certificates/s for these steps\n",
	    1000.0 * n / (lookup + draw + pades + seal));
	pool_free(p);
	return 0;
}
