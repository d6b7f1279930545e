/*
 * Unit tests of lib/pades.c, lib/pdfread.c and lib/tsa.c with the test
 * PKI of conf/dev/seal-pki: a PDF of lib/pdf.c sealed B-B, then B-T with
 * the local TSA (conf/dev/tsa-responder on a free port), read back by
 * pdfsig (poppler-utils) and openssl cms over its /ByteRange, and by our
 * own check; a byte changed inside the signed range, an incremental
 * update appended after the signature and a signature copied onto
 * another PDF fail; a TSA that is down costs one timeout and the PDF is
 * sealed B-B.
 */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "conf.h"
#include "pades.h"
#include "pdf.h"
#include "pdfread.h"
#include "pool.h"
#include "seal.h"
#include "tsa.h"

static char	 dir[] = "/tmp/guichet-pades-XXXXXX";

static int
save(const char *name, const char *bytes, size_t len)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fwrite(bytes, 1, len, f);
	return fclose(f);
}

/* A command run in dir, its output in dir/out; its exit status. */
static int
run(const char *cmd)
{
	char	line[2048];
	int	rc;

	snprintf(line, sizeof(line), "cd %s && (%s) >out 2>&1", dir, cmd);
	rc = system(line);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int
out_has(const char *text)
{
	char	 path[512], buf[65536];
	size_t	 n;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/out", dir);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

static char *
document(struct pool *pool, const char *title, size_t *len)
{
	struct pdfdoc	*p = pdf_open(pool, title);
	char		*bytes;

	pdf_line(p, 18, title);
	pdf_pair(p, "Envoyée par", "Łukasz Dubois-Lefèvre");
	pdf_text(p, 10, "Ce document porte le cachet de la plateforme.");
	return pdf_close(p, &bytes, len) == GERR_OK ? bytes : NULL;
}

/*
 * openssl cms -verify over the bytes /ByteRange names of dir/name, against
 * the seal's CA: the signed bytes and the signature cut out with dd.
 */
static int
cms_verifies(const char *name)
{
	char	cmd[1024];

	snprintf(cmd, sizeof(cmd),
	    "set -e; br=$(grep -ao '/ByteRange \\[[0-9 ]*' %s | head -1 |"
	    " tr -dc '0-9 \\n' | xargs); set -- $br;"
	    " { head -c $2 %s; tail -c +$(($3 + 1)) %s | head -c $4; } >signed;"
	    " tail -c +$(($2 + 2)) %s | head -c $(($3 - $2 - 2)) | xxd -r -p >sig.der;"
	    " openssl cms -verify -binary -inform DER -in sig.der -content signed"
	    " -CAfile pki/seal-ca.crt -purpose any -out /dev/null",
	    name, name, name, name);
	return run(cmd) == 0;
}

/* The local TSA on a free port; its pid, its URL in url. */
static pid_t
tsa_start(char *url, size_t n)
{
	char	 cmd[1024], port[16] = "";
	FILE	*f;

	snprintf(cmd, sizeof(cmd), "%s/conf/dev/tsa-responder 0 %s/pki/tsa.crt"
	    " %s/pki/tsa.key %s/pki/seal-ca.crt & echo $! >%s/tsa.pid; wait",
	    getenv("GUICHET_SRCDIR"), dir, dir, dir, dir);
	if ((f = popen(cmd, "r")) == NULL || fgets(port, sizeof(port), f) ==
	    NULL)
		return -1;
	port[strcspn(port, "\n")] = '\0';
	snprintf(url, n, "http://127.0.0.1:%s/", port);
	snprintf(cmd, sizeof(cmd), "%s/tsa.pid", dir);
	/* f stays open: the responder writes nothing more */
	if ((f = fopen(cmd, "r")) == NULL || fscanf(f, "%d", (int *)&n) != 1)
		return -1;
	fclose(f);
	return (pid_t)n;
}

/* Our signature's hexadecimal, for copying onto another file. */
static char *
contents_of(char *pdf, size_t len, size_t *n)
{
	char	*p = memmem(pdf, len, "/Contents <", 11), *e;

	if (p == NULL || (e = memchr(p, '>', len - (size_t)(p - pdf))) == NULL)
		return NULL;
	*n = (size_t)(e - p);
	return p;
}

/* The seal of dir/sub (a conf/dev/seal-pki directory), loaded afresh. */
static void
use_seal(const char *sub)
{
	char	path[512];

	snprintf(path, sizeof(path), "%s/%s/seal.crt", dir, sub);
	conf_set("seal.cert", path);
	snprintf(path, sizeof(path), "%s/%s/seal.key", dir, sub);
	conf_set("seal.key", path);
	snprintf(path, sizeof(path), "%s/%s/seal-chain.pem", dir, sub);
	conf_set("seal.chain", path);
	seal_free();
}

int
main(void)
{
	struct pool	*pool = pool_new(1 << 16);
	char		 cmd[1024], url[128], *pdf, *sealed, *other, *osealed;
	char		*copy, *sc, *oc, *grown, *tail;
	size_t		 len, slen, olen, oslen, sn, on;
	int		 ts;
	time_t		 t0;
	pid_t		 tsa;
	struct pdfread	 rd;

	if (mkdtemp(dir) == NULL || getenv("GUICHET_SRCDIR") == NULL)
		return 1;
	snprintf(cmd, sizeof(cmd), "%s/conf/dev/seal-pki %s/pki",
	    getenv("GUICHET_SRCDIR"), dir);
	ok(system(cmd) == 0, "the test PKI is made (seal CA, seal, TSA)");
	conf_set("receipt.font", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
	use_seal("pki");
	snprintf(cmd, sizeof(cmd), "%s/pki/seal-ca.crt", dir);
	conf_set("tsa.cacert", cmd);

	/* --- B-B ---------------------------------------------------------- */
	pdf = document(pool, "Décision 2026-RESIDENCE-000001", &len);
	ok(pdf != NULL, "a letter is drawn");
	ok(pdfread_open(&rd, pdf, len) == 0 && rd.root > 0,
	    "its xref, trailer and catalog are found");
	ok(pades_seal(pool, pdf, len, &sealed, &slen) == GERR_OK,
	    "it is sealed (B-B)");
	ok(slen > len && memcmp(sealed, pdf, len) == 0,
	    "by an update after its bytes, which stay as they were");
	printf("# %zu bytes, %zu sealed\n", len, slen);
	ok(slen - len < 8000, "the update weighs under 8 KB");
	save("bb.pdf", sealed, slen);
	ok(run("pdfsig -no-ocsp bb.pdf") == 0 &&
	    out_has("Signature is Valid") &&
	    out_has("Signature Type: ETSI.CAdES.detached") &&
	    out_has("Total document signed"),
	    "pdfsig: signed, valid, the whole document");
	ok(out_has("Guichet test seal"), "by the seal");
	ok(run("pdftotext bb.pdf - | grep -q 'Łukasz Dubois-Lefèvre'") == 0,
	    "and it still reads");
	ok(run("pdfinfo bb.pdf 2>&1 | grep -q Syntax") != 0,
	    "pdfinfo has no syntax error to report");
	ok(cms_verifies("bb.pdf"), "openssl cms verifies it over /ByteRange, "
	    "with the chain embedded");
	ok(run("openssl cms -cmsout -print -inform DER -in sig.der") == 0 &&
	    out_has("signingCertificateV2") && out_has("messageDigest") &&
	    !out_has("signingTime"), "ESS signing-certificate-v2, no signing time");
	ok(out_has("Guichet test seal CA"), "the CA's certificate is embedded");
	ok(pades_check(sealed, slen, &ts) == PADES_OK && ts == 0,
	    "our check: our seal over the whole file, no timestamp");
	ok(pades_check(pdf, len, NULL) == PADES_NONE, "the unsealed file: none");

	/* --- tampered copies ---------------------------------------------- */
	copy = pool_alloc(pool, slen);
	memcpy(copy, sealed, slen);
	copy[len - 40] ^= 1;
	save("byte.pdf", copy, slen);
	ok(pades_check(copy, slen, NULL) == PADES_BROKEN,
	    "one byte changed in the signed range: broken");
	ok(run("pdfsig -no-ocsp byte.pdf") != 0 || !out_has("Signature is Valid"),
	    "pdfsig does not call it valid");
	ok(!cms_verifies("byte.pdf"), "nor does openssl cms");

	/* an incremental update: a new Info dictionary after the signature */
	ok(pdfread_open(&rd, sealed, slen) == 0,
	    "the sealed file is read back, as a new revision");
	tail = pool_printf(pool, "9999 0 obj\n<< /Title (forged) >>\n"
	    "endobj\n");
	tail = pool_printf(pool, "%sxref\n9999 1\n%010zu 00000 n\r\ntrailer\n"
	    "<< /Size 10000 /Root %ld 0 R /Info 9999 0 R /Prev %zu >>\n"
	    "startxref\n%zu\n%%%%EOF\n", tail, slen, rd.root, rd.startxref,
	    slen + strlen(tail));
	olen = slen + strlen(tail);
	grown = pool_alloc(pool, olen);
	memcpy(grown, sealed, slen);
	memcpy(grown + slen, tail, olen - slen);
	save("grown.pdf", grown, olen);
	ok(pades_check(grown, olen, NULL) == PADES_APPENDED,
	    "an update appended after the seal: appended");
	ok(run("pdfsig -no-ocsp grown.pdf") == 0 &&
	    !out_has("Total document signed"),
	    "pdfsig: not the total document");
	ok(run("pdfinfo grown.pdf | grep -q 'Title: *forged'") == 0,
	    "(the update is a real one: readers take its title)");

	/* our signature copied onto another PDF of the same shape */
	other = document(pool, "Décision 2026-RESIDENCE-000002", &olen);
	ok(pades_seal(pool, other, olen, &osealed, &oslen) == GERR_OK,
	    "another letter is sealed");
	sc = contents_of(sealed, slen, &sn);
	oc = contents_of(osealed, oslen, &on);
	ok(sc != NULL && oc != NULL && sn == on, "with a signature of the same room");
	if (sc != NULL && oc != NULL && sn == on)
		memcpy(oc, sc, sn);
	save("copied.pdf", osealed, oslen);
	ok(pades_check(osealed, oslen, NULL) == PADES_BROKEN,
	    "the first's signature copied onto it: broken");
	ok(run("pdfsig -no-ocsp copied.pdf") != 0 ||
	    !out_has("Signature is Valid"), "pdfsig agrees");

	/* --- B-T, with the local TSA ---------------------------------------- */
	tsa = tsa_start(url, sizeof(url));
	ok(tsa > 0, "the local TSA runs");
	conf_set("tsa.url", url);
	ok(pades_seal(pool, pdf, len, &sealed, &slen) == GERR_OK,
	    "the letter is sealed with a timestamp (B-T)");
	save("bt.pdf", sealed, slen);
	ok(pades_check(sealed, slen, &ts) == PADES_OK && ts == 1,
	    "our check: our seal, timestamped by the TSA");
	printf("# %zu bytes sealed B-T\n", slen);
	ok(run("pdfsig -no-ocsp bt.pdf") == 0 && out_has("Signature is Valid") &&
	    out_has("Total document signed"), "pdfsig: valid, whole");
	ok(cms_verifies("bt.pdf"), "openssl cms verifies it");
	ok(run("openssl cms -cmsout -print -inform DER -in sig.der") == 0 &&
	    out_has("id-smime-aa-timeStampToken") &&
	    out_has("Guichet test TSA"),
	    "the unsigned attribute signatureTimeStampToken, the TSA's certificate");
	copy = pool_alloc(pool, slen);
	memcpy(copy, sealed, slen);
	copy[100] ^= 1;
	ok(pades_check(copy, slen, NULL) == PADES_BROKEN, "tampered: broken");

	kill(tsa, SIGTERM);
	waitpid(tsa, NULL, 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:1/");
	conf_set("tsa.url", url);
	tsa_free();
	t0 = time(NULL);
	ok(pades_seal(pool, pdf, len, &sealed, &slen) == GERR_OK &&
	    pades_check(sealed, slen, &ts) == PADES_OK && ts == 0,
	    "the TSA down: sealed all the same, B-B");
	ok(pades_seal(pool, pdf, len, &sealed, &slen) == GERR_OK &&
	    time(NULL) - t0 < 3, "and it is not asked again at once");

	/* --- other shapes (the TSA still down: B-B) ------------------------------ */
	{
		struct pdfdoc	*p = pdf_open(pool, "long");
		int		 i;

		for (i = 0; i < 120; i++)
			pdf_text(p, 10, "Une motivation longue, sur plusieurs "
			    "pages, écrite par l'agent.");
		ok(pdf_close(p, &other, &olen) == GERR_OK &&
		    pades_seal(pool, other, olen, &osealed, &oslen) == GERR_OK &&
		    pades_check(osealed, oslen, NULL) == PADES_OK,
		    "a letter of several pages is sealed");
		save("long.pdf", osealed, oslen);
		ok(run("pdfsig -no-ocsp long.pdf") == 0 &&
		    out_has("Signature is Valid") &&
		    run("pdfinfo long.pdf | grep -q '^Pages: *[3-9]'") == 0,
		    "pdfsig calls it valid, every page is there");
	}
	ok(pades_seal(pool, sealed, slen, &other, &olen) == GERR_OK,
	    "a sealed PDF sealed again (its annotations an array: one more)");
	save("twice.pdf", other, olen);
	ok(pades_check(other, olen, NULL) == PADES_OK &&
	    run("pdfsig -no-ocsp twice.pdf") == 0 &&
	    out_has("Signature #2") && !out_has("Signature is Invalid"),
	    "both signatures valid, the second over the whole file");
	tail = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
	    "2 0 obj\n<< /Type /XRef /Size 3 /W [1 2 1] /Length 0 >>\nstream\n"
	    "\nendstream\nendobj\nstartxref\n58\n%%EOF\n";
	ok(pades_seal(pool, tail, strlen(tail), &other, &olen) == GERR_INPUT,
	    "a PDF with an xref stream: refused, for the caller to seal otherwise");
	tail = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
	    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
	    "3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n"
	    "xref\n0 4\n0000000000 65535 f\r\n0000000009 00000 n\r\n"
	    "0000000058 00000 n\r\n0000000115 00000 n\r\ntrailer\n"
	    "<< /Size 4 /Root 1 0 R /Encrypt 9 0 R >>\nstartxref\n161\n%%EOF\n";
	ok(pades_seal(pool, tail, strlen(tail), &other, &olen) == GERR_INPUT,
	    "an encrypted PDF: refused");

	/* another platform's seal (a PKI of its own): valid, but not ours */
	snprintf(cmd, sizeof(cmd), "%s/conf/dev/seal-pki %s/other",
	    getenv("GUICHET_SRCDIR"), dir);
	ok(system(cmd) == 0, "another seal is made");
	use_seal("other");
	ok(pades_seal(pool, pdf, len, &other, &olen) == GERR_OK,
	    "a letter sealed with it");
	use_seal("pki");
	ok(pades_check(other, olen, NULL) == PADES_FOREIGN,
	    "our check: signed, valid, but not by our seal");

	/* --- what cannot be sealed ------------------------------------------ */
	ok(pades_seal(pool, "%PDF-1.7\nnot a pdf", 18, &sealed, &slen) ==
	    GERR_INPUT, "a file without an xref table: refused");
	conf_set("seal.key", "/nonexistent");
	seal_free();
	ok(pades_seal(pool, pdf, len, &sealed, &slen) == GERR_SYSTEM,
	    "no seal key: an error, nothing sealed");

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (getenv("KEEP") == NULL && system(cmd) != 0)
		return 1;
	pool_free(pool);
	return tap_done();
}
