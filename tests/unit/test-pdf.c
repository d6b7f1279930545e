/*
 * Unit tests of lib/pdf.c: the documents poppler reads without a warning
 * (pdftotext, pdffonts from poppler-utils), their text as written, the
 * font embedded as a subset with its Unicode map, and their weight; the
 * font's maps (CIDToGIDMap, ToUnicode) made for the document's characters
 * alone, the highest of them included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "tap.h"
#include "conf.h"
#include "pdf.h"
#include "pool.h"
#include "tmpl.h"

static const char	*dir;

/* The document's bytes into dir/name. */
static int
save(struct pool *pool, struct pdfdoc *p, const char *name, size_t *len)
{
	char	*bytes, path[512];
	FILE	*f;

	if (pdf_close(p, &bytes, len) != GERR_OK)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fwrite(bytes, 1, *len, f);
	fclose(f);
	(void)pool;
	return 0;
}

/* A command's output (stdout and stderr) in a file of dir, and its status. */
static int
run(const char *cmd, const char *out)
{
	char	line[1024];

	snprintf(line, sizeof(line), "cd %s && %s >%s 2>&1", dir, cmd, out);
	return system(line);
}

static int
file_has(const char *name, const char *text)
{
	char	 path[512], buf[65536];
	size_t	 n;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

/*
 * The inflated stream of the object that key ("/ToUnicode") refers to in
 * dir/name, in buf; its length, or -1.
 */
static long
stream_of(const char *name, const char *key, unsigned char *buf, size_t size)
{
	char		 path[512], obj[32], *pdf, *s, *e;
	uLongf		 n = size;
	size_t		 len;
	long		 r = -1;
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	pdf = calloc(1, 1 << 20);
	len = pdf == NULL ? 0 : fread(pdf, 1, (1 << 20) - 1, f);
	fclose(f);
	if (len == 0 || (s = memmem(pdf, len, key, strlen(key))) == NULL)
		goto out;
	snprintf(obj, sizeof(obj), "\n%ld 0 obj", strtol(s + strlen(key), NULL,
	    10));
	if ((s = memmem(pdf, len, obj, strlen(obj))) == NULL ||
	    (s = memmem(s, len - (size_t)(s - pdf), "stream\r\n", 8)) == NULL ||
	    (e = memmem(s, len - (size_t)(s - pdf), "endstream", 9)) == NULL)
		goto out;
	s += 8;
	if (uncompress(buf, &n, (const Bytef *)s, (uLong)(e - s)) == Z_OK ||
	    uncompress(buf, &n, (const Bytef *)s, (uLong)(e - s - 2)) == Z_OK)
		r = (long)n;
out:
	free(pdf);
	return r;
}

int
main(void)
{
	char		 tmp[] = "/tmp/guichet-pdf-XXXXXX", cmd[600];
	struct pool	*pool = pool_new(4096);
	struct pdfdoc	*p;
	static unsigned char	 map[1 << 18];
	size_t		 len;
	long		 n;
	int		 i;

	if ((dir = mkdtemp(tmp)) == NULL)
		return 1;
	conf_set("receipt.font", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
	p = pdf_open(pool, "2026-RESIDENCE-000001");
	pdf_line(p, 9, "Guichet électronique");
	pdf_line(p, 18, "Accusé de réception");
	pdf_gap(p, 6);
	pdf_pair(p, "Envoyée par", "Łukasz Dubois-Lefèvre");
	pdf_pair(p, "Montant", "1 500,50 € — ½ “cité”");
	pdf_pair(p, "Empreinte (SHA-256)",
	    "7e8829e14a03d6f80686d3e3d032eb9b9e9748aab2c7829b35e7488bac1b8488");
	pdf_text(p, 8, "Cet accusé prouve ce qui a été envoyé.");
	ok(save(pool, p, "one.pdf", &len) == 0, "a one-page receipt is made");
	ok(len > 2000 && len < 30000, "it weighs under 30 KB (the font was 300)");
	printf("# %zu bytes\n", len);
	ok(run("pdftotext one.pdf one.txt", "one.err") == 0, "pdftotext reads it");
	ok(!file_has("one.err", "Warning") && !file_has("one.err", "Error"),
	    "without a warning (no 'begincidrange' in the ToUnicode map)");
	ok(file_has("one.txt", "Łukasz Dubois-Lefèvre"), "names print whole");
	ok(file_has("one.txt", "1 500,50 € — ½ “cité”"),
	    "and every character its map says");
	ok(file_has("one.txt", "7e8829e14a03d6f80686d3e3d032eb9b"), "digests too");
	ok(run("pdffonts one.pdf", "one.fonts") == 0, "pdffonts reads it");
	ok(file_has("one.fonts", "DejaVuSans") &&
	    file_has("one.fonts", "CID TrueType      Identity-H       yes yes yes"),
	    "one font, embedded, a subset, with its Unicode map");
	ok(!file_has("one.fonts", "Warning") && !file_has("one.fonts", "Error"),
	    "pdffonts has nothing to say either");
	/* its highest character is the euro sign, U+20AC */
	n = stream_of("one.pdf", "/CIDToGIDMap ", map, sizeof(map));
	printf("# CIDToGIDMap: %ld bytes\n", n);
	ok(n == 2 * (0x20ac + 1), "the CIDToGIDMap ends at the document's "
	    "last character (not libharu's 131,070 bytes)");
	ok(n > 2 * 0x20ac && (map[2 * 0x20ac] | map[2 * 0x20ac + 1]) != 0 &&
	    (map[2 * 'L'] | map[2 * 'L' + 1]) != 0 &&
	    (map[2 * 'X'] | map[2 * 'X' + 1]) == 0,
	    "a glyph for the last character and the others, none for the rest");
	n = stream_of("one.pdf", "/ToUnicode ", map, sizeof(map) - 1);
	map[n > 0 ? n : 0] = '\0';
	ok(n > 0 && n < 2000 && strstr((char *)map, "<20AC> <20AC> <20AC>") &&
	    strstr((char *)map, "<0141> <0141> <0141>") &&
	    !strstr((char *)map, "<4E00>"),
	    "the ToUnicode map names the document's characters, runs as ranges");

	p = pdf_open(pool, "long");
	for (i = 0; i < 120; i++)
		pdf_text(p, 10, "Une motivation longue, écrite par l'agent, qui "
		    "tient sur plusieurs pages : chaque mot reste entier.");
	pdf_line(p, 10, "Fin.");
	ok(save(pool, p, "long.pdf", &len) == 0, "a long letter is made");
	ok(run("pdfinfo long.pdf | grep -q '^Pages: *[3-9]'", "long.info") == 0,
	    "over several pages");
	ok(run("pdftotext long.pdf long.txt", "long.err") == 0 &&
	    !file_has("long.err", "Warning") && file_has("long.txt", "Fin."),
	    "read to its end without a warning");

	/* the verification block, low on a page: moved whole to the next */
	snprintf(cmd, sizeof(cmd), "%s/templates", srcdir());
	ok(tmpl_init(cmd) == GERR_OK, "the language files load");
	p = pdf_open(pool, "verify");
	for (i = 0; i < 44; i++)
		pdf_line(p, 10, "Une ligne du document.");
	pdf_verification(p, "7KQM-2X4R-9PZBN",
	    "https://guichet.example.be/verify/7KQM-2X4R-9PZBN", "nl");
	ok(save(pool, p, "verify.pdf", &len) == 0, "a document with its code");
	ok(run("pdftotext verify.pdf verify.txt", "verify.err") == 0 &&
	    !file_has("verify.err", "Warning"), "read without a warning");
	ok(file_has("verify.txt", "Verificatiecode") &&
	    file_has("verify.txt", "7KQM-2X4R-9PZBN"), "the code, labelled in Dutch");
	ok(file_has("verify.txt", "Iedereen aan wie u dit document toont"),
	    "the sentence for the holder, in Dutch");
	ok(file_has("verify.txt",
	    "https://guichet.example.be/verify/7KQM-2X4R-9PZBN"), "the address");
	ok(run("pdfinfo verify.pdf | grep -q '^Pages: *2'", "verify.info") == 0,
	    "kept whole: on a second page when the first has no room");
	ok(run("pdftoppm -r 150 -png verify.pdf page && zbarimg -q --raw "
	    "page-2.png", "verify.qr") == 0 && file_has("verify.qr",
	    "https://guichet.example.be/verify/7KQM-2X4R-9PZBN"),
	    "its QR code, read at 150 dpi, is the address");

	p = pdf_open(pool, "bad");
	pdf_line(p, 10, "\xff\xfe not UTF-8 \xc3");
	ok(save(pool, p, "bad.pdf", &len) == 0, "bytes that are not UTF-8 do not stop it");
	conf_set("receipt.font", "/nonexistent.ttf");
	p = pdf_open(pool, "nofont");
	pdf_line(p, 10, "x");
	ok(save(pool, p, "nofont.pdf", &len) == -1, "no font: no document, an error");

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	pool_free(pool);
	return tap_done();
}
