/*
 * PAdES (ETSI EN 319 142-1) baseline signatures embedded in our PDFs.
 *
 * The document lib/pdf.c made is kept byte for byte, and an incremental
 * update is appended: a signature dictionary (/SubFilter
 * /ETSI.CAdES.detached, /M the claimed signing time, /ByteRange, and
 * /Contents reserved in hexadecimal), an invisible signature field that is
 * also the widget annotation of page 1, new revisions of the catalog
 * (/AcroForm with /SigFlags 3, the ESIC extension) and of page 1
 * (/Annots), a classic xref section and a trailer with /Prev.  The
 * bytes signed are the whole file but /Contents.
 *
 * The CMS is written here like lib/seal.c's (lib/der.c), with its key:
 * detached SignedData, SHA-256, signed attributes content-type,
 * message-digest and ESS signing-certificate-v2 (RFC 5035) and no
 * signing-time (B-B puts the time in /M only), the seal's certificate and
 * seal.chain embedded.  B-T adds the unsigned attribute
 * signatureTimeStampToken, an RFC 3161 token over the signature value
 * (lib/tsa.c); when the authority fails the PDF is sealed B-B all the
 * same and the failure logged: a document is never held back for a
 * timestamp (docs/decisions.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "der.h"
#include "log.h"
#include "pades.h"
#include "pdfread.h"
#include "seal.h"
#include "tsa.h"

#define BR_WIDTH	40	/* "0 a b c" of /ByteRange, padded with spaces */
#define CMS_FIXED	512	/* a CMS's bytes beyond its certificates and signature */
#define TOKEN_ROOM	2560	/* a timestamp token with its authority's certificate */
#define SIG_MAX		1024

#define OID(...)	{ (const unsigned char[]){ __VA_ARGS__ }, \
			  sizeof((const unsigned char[]){ __VA_ARGS__ }) }
static const struct der	oid_data = OID(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
    0xf7, 0x0d, 0x01, 0x07, 0x01);
static const struct der	oid_signed_data = OID(0x06, 0x09, 0x2a, 0x86, 0x48,
    0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02);
static const struct der	oid_content_type = OID(0x06, 0x09, 0x2a, 0x86, 0x48,
    0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03);
static const struct der	oid_message_digest = OID(0x06, 0x09, 0x2a, 0x86,
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04);
static const struct der	oid_signing_cert_v2 = OID(0x06, 0x0b, 0x2a, 0x86,
    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2f);
static const struct der	oid_ts_token = OID(0x06, 0x0b, 0x2a, 0x86, 0x48,
    0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x0e);
static const struct der	alg_sha256 = OID(0x30, 0x0b, 0x06, 0x09, 0x60,
    0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01);
static const struct der	version_1 = OID(0x02, 0x01, 0x01);

#define W(tag, ...)	der_wrap(pool, tag, (const struct der[]){ __VA_ARGS__ }, \
			    sizeof((const struct der[]){ __VA_ARGS__ }) / \
			    sizeof(struct der))

/* Attribute ::= SEQUENCE { type, SET { value } } */
static struct der
attribute(struct pool *pool, struct der oid, struct der value)
{
	return W(0x30, oid, W(0x31, value));
}

/* ESS signing-certificate-v2: the seal certificate's SHA-256 (the
 * default algorithm, so not written), its issuer and serial. */
static struct der
signing_cert_v2(struct pool *pool, const struct seal_id *id)
{
	struct der	hash = W(0x04, { id->cert_sha256, 32 });
	struct der	issuer_serial = W(0x30, W(0x30, W(0xa4, id->issuer)),
			    id->serial);

	return attribute(pool, oid_signing_cert_v2,
	    W(0x30, W(0x30, W(0x30, hash, issuer_serial))));
}

/* DER order of a SET OF: as octet strings, the shorter first on a tie. */
static int
der_cmp(const void *a, const void *b)
{
	const struct der	*x = a, *y = b;
	int			 c;

	c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	return c != 0 ? c : (x->n > y->n) - (x->n < y->n);
}

/* The signed attributes' content, in DER order. */
static struct der
signed_attrs(struct pool *pool, const struct seal_id *id,
    const unsigned char digest[32])
{
	struct der	a[3];

	a[0] = attribute(pool, oid_content_type, oid_data);
	a[1] = attribute(pool, oid_message_digest, W(0x04, { digest, 32 }));
	a[2] = signing_cert_v2(pool, id);
	if (a[0].p == NULL || a[1].p == NULL || a[2].p == NULL)
		return (struct der){ NULL, 0 };
	qsort(a, 3, sizeof(a[0]), der_cmp);
	return W(0x31, a[0], a[1], a[2]);
}

/*
 * The CMS over digest into *cms; with a timestamp when stamp is set and
 * the authority gives one (*stamped).
 */
static enum gerr
cades(struct pool *pool, const unsigned char digest[32], int stamp,
    struct der *cms, int *stamped)
{
	const struct seal_id	*id;
	unsigned char		 sig[SIG_MAX], *sigc;
	size_t			 siglen = sizeof(sig);
	struct der		 attrs, si, unsigned_attrs = { NULL, 0 }, token;
	struct der		 certs, sd;

	*stamped = 0;
	if ((id = seal_id()) == NULL || id->sig_max > sizeof(sig))
		return GERR_SYSTEM;
	if ((attrs = signed_attrs(pool, id, digest)).p == NULL)
		return GERR_NOMEM;
	if (seal_raw_sign(attrs.p, attrs.n, sig, &siglen) == -1) {
		log_warnx("pades: signature failed");
		return GERR_SYSTEM;
	}
	if ((sigc = pool_alloc(pool, siglen)) == NULL)
		return GERR_NOMEM;
	memcpy(sigc, sig, siglen);
	if (stamp && tsa_stamp(pool, sigc, siglen, &token) == GERR_OK) {
		unsigned_attrs = W(0xa1, attribute(pool, oid_ts_token, token));
		*stamped = unsigned_attrs.p != NULL;
	} else if (stamp)
		log_warnx("pades: no timestamp, the PDF is sealed B-B");
	/* signed under the tag SET, written under [0] IMPLICIT (RFC 5652 5.4) */
	((unsigned char *)attrs.p)[0] = 0xa0;
	si = W(0x30, version_1, id->sid, alg_sha256, attrs, id->sig_alg,
	    W(0x04, { sigc, siglen }), unsigned_attrs);
	certs = W(0xa0, id->cert, id->chain);
	sd = W(0x30, version_1, W(0x31, alg_sha256), W(0x30, oid_data), certs,
	    W(0x31, si));
	*cms = W(0x30, oid_signed_data, W(0xa0, sd));
	return cms->p == NULL || si.p == NULL ? GERR_NOMEM : GERR_OK;
}

/* The incremental update being written, and where its blanks are. */
struct update {
	struct buf	 b;
	size_t		 byterange;	/* the BR_WIDTH blanks of /ByteRange */
	size_t		 contents;	/* the '<' of /Contents */
	size_t		 room;		/* bytes of DER /Contents holds */
};

struct copy_except {
	struct buf	*b;
	const char	*const *drop;
};

static void
copy_pair(struct pdfspan key, struct pdfspan val, void *arg)
{
	struct copy_except	*c = arg;
	const char *const	*d;

	for (d = c->drop; *d != NULL; d++)
		if (pdfspan_is(key, *d))
			return;
	buf_putc(c->b, '\n');
	buf_append(c->b, key.p, key.n);
	buf_putc(c->b, ' ');
	buf_append(c->b, val.p, val.n);
}

/* "num gen obj <<" and the dictionary's entries but those of drop. */
static int
object_start(struct buf *b, long num, long gen, struct pdfspan dict,
    const char *const *drop)
{
	struct copy_except	c = { b, drop };

	buf_printf(b, "%ld %ld obj\n<<", num, gen);
	return pdfdict_each(dict, copy_pair, &c);
}

struct xref_entry {
	long		 num, gen;
	size_t		 off;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct xref_entry	*x = a, *y = b;

	return (x->num > y->num) - (x->num < y->num);
}

/* The xref section of the update's objects, in runs of numbers. */
static void
xref_write(struct buf *b, struct xref_entry *e, size_t n)
{
	size_t	i, j;

	qsort(e, n, sizeof(*e), entry_cmp);
	buf_puts(b, "xref\n");
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && e[j].num == e[j - 1].num + 1; j++)
			;
		buf_printf(b, "%ld %zu\n", e[i].num, j - i);
		for (; i < j; i++)
			buf_printf(b, "%010zu %05ld n\r\n", e[i].off, e[i].gen);
	}
}

/* An array (or none) with a reference to field added: "[... field 0 R]". */
static void
array_plus(struct buf *b, struct pdfspan a, long field)
{
	buf_putc(b, '[');
	if (a.p != NULL)
		buf_append(b, a.p + 1, a.n - 2);
	buf_printf(b, " %ld 0 R]", field);
}

/*
 * The catalog's form with the signature field added: a PDF signed before
 * keeps its fields.  A form or a list of fields that is an object of its
 * own is refused (we write the catalog's revision only).
 */
static int
acroform_write(struct buf *b, struct pdfspan cat, long field)
{
	static const char *const	 drop[] = { "/Fields", "/SigFlags",
					    NULL };
	struct copy_except		 c = { b, drop };
	struct pdfspan			 form = { NULL, 0 }, f = { NULL, 0 };

	if (pdfdict_get(cat, "/AcroForm", &form) == 0 && (form.p[0] != '<' ||
	    (pdfdict_get(form, "/Fields", &f) == 0 && f.p[0] != '['))) {
		log_warnx("pades: the PDF's form is not written in its catalog");
		return -1;
	}
	buf_puts(b, "\n/AcroForm <<");
	if (form.p != NULL && pdfdict_each(form, copy_pair, &c) == -1)
		return -1;
	buf_puts(b, "\n/Fields ");
	array_plus(b, f, field);
	buf_puts(b, " /SigFlags 3 >>");
	return 0;
}

/* The catalog's new revision: its entries, the form, the ESIC extension. */
static int
catalog_write(struct buf *b, const struct pdfread *rd, long gen,
    struct pdfspan cat, long field)
{
	static const char *const	 drop[] = { "/AcroForm", NULL };
	struct pdfspan			 v;
	int				 old;

	if (object_start(b, rd->root, gen, cat, drop) == -1 ||
	    acroform_write(b, cat, field) == -1)
		return -1;
	/* PAdES is PDF 1.7's extension level 2 (ETSI EN 319 142-1, 5.1) */
	old = rd->len > 8 && rd->pdf[5] == '1' && rd->pdf[7] < '7';
	if (old && pdfdict_get(cat, "/Version", &v) == -1)
		buf_puts(b, "\n/Version /1.7");
	if (pdfdict_get(cat, "/Extensions", &v) == -1)
		buf_puts(b, "\n/Extensions << /ESIC << /BaseVersion /1.7"
		    " /ExtensionLevel 2 >> >>");
	buf_puts(b, "\n>>\nendobj\n");
	return 0;
}

/* Page 1's new revision: the field's widget among its annotations. */
static int
page_write(struct buf *b, long num, long gen, struct pdfspan page,
    long field)
{
	static const char *const	 drop[] = { "/Annots", NULL };
	struct pdfspan			 v = { NULL, 0 };

	if (pdfdict_get(page, "/Annots", &v) == 0 && v.p[0] != '[') {
		log_warnx("pades: page 1's annotations are not an array");
		return -1;
	}
	if (object_start(b, num, gen, page, drop) == -1)
		return -1;
	buf_puts(b, "\n/Annots ");
	array_plus(b, v, field);
	buf_puts(b, "\n>>\nendobj\n");
	return 0;
}

/* n bytes c, a block at a time (a /Contents is thousands of them). */
static void
fill(struct buf *b, int c, size_t n)
{
	char	block[1024];
	size_t	k;

	memset(block, c, sizeof(block));
	for (; n > 0; n -= k) {
		k = n < sizeof(block) ? n : sizeof(block);
		buf_append(b, block, k);
	}
}

/* The signature dictionary, its /ByteRange and /Contents blank. */
static void
sigdict_write(struct update *u, long num, time_t now)
{
	struct tm	 tm;
	char		 m[32];

	gmtime_r(&now, &tm);
	strftime(m, sizeof(m), "D:%Y%m%d%H%M%SZ", &tm);
	buf_printf(&u->b, "%ld 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite"
	    " /SubFilter /ETSI.CAdES.detached /M (%s)\n/ByteRange [", num, m);
	u->byterange = u->b.len;
	fill(&u->b, ' ', BR_WIDTH);
	buf_puts(&u->b, "]\n/Contents <");
	u->contents = u->b.len - 1;
	fill(&u->b, '0', 2 * u->room);
	buf_puts(&u->b, ">\n>>\nendobj\n");
}

/* The original and its update, blanks left for the signature. */
static enum gerr
update_write(struct pool *pool, const struct pdfread *rd, struct update *u)
{
	struct pdfspan		 cat, page, kept;
	struct xref_entry	 e[4];
	size_t			 xref;
	long			 sig = rd->size, field = rd->size + 1;
	long			 pn, pg, cg;

	if (pdfread_object(rd, rd->root, &cg, &cat) == -1 ||
	    pdfread_first_page(rd, &pn, &pg, &page) == -1) {
		log_warnx("pades: cannot find the PDF's catalog or first page");
		return GERR_INPUT;
	}
	buf_init(&u->b, pool);
	buf_append(&u->b, rd->pdf, rd->len);
	if (rd->pdf[rd->len - 1] != '\n' && rd->pdf[rd->len - 1] != '\r')
		buf_putc(&u->b, '\n');
	e[0] = (struct xref_entry){ sig, 0, u->b.len };
	sigdict_write(u, sig, time(NULL));
	e[1] = (struct xref_entry){ field, 0, u->b.len };
	buf_printf(&u->b, "%ld 0 obj\n<< /Type /Annot /Subtype /Widget"
	    " /FT /Sig /T (Seal) /V %ld 0 R /P %ld %ld R /Rect [0 0 0 0]"
	    " /F 132 >>\nendobj\n", field, sig, pn, pg);
	e[2] = (struct xref_entry){ rd->root, cg, u->b.len };
	if (catalog_write(&u->b, rd, cg, cat, field) == -1)
		return GERR_INPUT;
	e[3] = (struct xref_entry){ pn, pg, u->b.len };
	if (page_write(&u->b, pn, pg, page, field) == -1)
		return GERR_INPUT;
	xref = u->b.len;
	xref_write(&u->b, e, 4);
	buf_printf(&u->b, "trailer\n<< /Size %ld /Root %ld %ld R", field + 1,
	    rd->root, cg);
	if (pdfdict_get(rd->trailer, "/Info", &kept) == 0) {
		buf_puts(&u->b, " /Info ");
		buf_append(&u->b, kept.p, kept.n);
	}
	if (pdfdict_get(rd->trailer, "/ID", &kept) == 0) {
		buf_puts(&u->b, " /ID ");
		buf_append(&u->b, kept.p, kept.n);
	}
	buf_printf(&u->b, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n",
	    rd->startxref, xref);
	return u->b.data == NULL ? GERR_NOMEM : GERR_OK;
}

/* The ranges filled in, the digest of what they cover. */
static void
update_ranges(struct update *u, unsigned char digest[32])
{
	size_t		 end = u->contents + 2 * u->room + 2;
	char		 br[BR_WIDTH + 1];
	EVP_MD_CTX	*c;
	int		 n;

	n = snprintf(br, sizeof(br), "0 %zu %zu %zu", u->contents, end,
	    u->b.len - end);
	memcpy(u->b.data + u->byterange, br, (size_t)n);
	c = EVP_MD_CTX_new();
	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	EVP_DigestUpdate(c, u->b.data, u->contents);
	EVP_DigestUpdate(c, u->b.data + end, u->b.len - end);
	EVP_DigestFinal_ex(c, digest, NULL);
	EVP_MD_CTX_free(c);
}

static void
hex_put(char *dst, const unsigned char *p, size_t n)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i;

	for (i = 0; i < n; i++) {
		dst[2 * i] = hex[p[i] >> 4];
		dst[2 * i + 1] = hex[p[i] & 15];
	}
}

/* Room for the CMS: its certificates, a signature, perhaps a token. */
static size_t
room_for(const struct seal_id *id, int stamp)
{
	return id->cert.n + id->chain.n + id->sid.n + id->issuer.n +
	    id->serial.n + id->sig_max + CMS_FIXED + (stamp ? TOKEN_ROOM : 0);
}

enum gerr
pades_seal(struct pool *pool, const char *pdf, size_t len, char **out,
    size_t *outlen)
{
	const struct seal_id	*id;
	struct pdfread		 rd;
	struct update		 u;
	struct der		 cms;
	unsigned char		 digest[32];
	int			 stamp = tsa_configured(), stamped, tries;
	enum gerr		 e;

	*out = NULL;
	*outlen = 0;
	if ((id = seal_id()) == NULL)
		return GERR_SYSTEM;
	if (pdfread_open(&rd, pdf, len) == -1) {
		log_warnx("pades: not a PDF with a classic xref table");
		return GERR_INPUT;
	}
	/* our strings would have to be encrypted too */
	if (pdfdict_get(rd.trailer, "/Encrypt", &(struct pdfspan){ 0 }) == 0) {
		log_warnx("pades: the PDF is encrypted");
		return GERR_INPUT;
	}
	u.room = room_for(id, stamp);
	for (tries = 0; tries < 2; tries++) {
		if ((e = update_write(pool, &rd, &u)) != GERR_OK)
			return e;
		update_ranges(&u, digest);
		if ((e = cades(pool, digest, stamp, &cms, &stamped)) != GERR_OK)
			return e;
		if (cms.n <= u.room) {
			hex_put(u.b.data + u.contents + 1, cms.p, cms.n);
			*out = u.b.data;
			*outlen = u.b.len;
			return GERR_OK;
		}
		/* a token bigger than foreseen: once more, with its room */
		u.room = cms.n + 256;
	}
	log_warnx("pades: the signature does not fit its room");
	return GERR_SYSTEM;
}

/* What the check found over all the signatures of a file. */
struct check {
	const char		*pdf;
	enum pades_verdict	 verdict;
	int			 timestamped;
};

/* Our certificate signed it. */
static int
signer_is_ours(CMS_ContentInfo *cms)
{
	const struct seal_id	*id = seal_id();
	STACK_OF(X509)		*signers;
	unsigned char		*der = NULL;
	int			 n, ours = 0;

	if (id == NULL || (signers = CMS_get0_signers(cms)) == NULL)
		return 0;
	if (sk_X509_num(signers) == 1 &&
	    (n = i2d_X509(sk_X509_value(signers, 0), &der)) > 0)
		ours = (size_t)n == id->cert.n &&
		    memcmp(der, id->cert.p, id->cert.n) == 0;
	OPENSSL_free(der);
	sk_X509_free(signers);
	return ours;
}

/* The signature timestamp of the (only) signer checks. */
static int
timestamp_checks(CMS_ContentInfo *cms)
{
	CMS_SignerInfo		*si;
	X509_ATTRIBUTE		*a;
	ASN1_TYPE		*t;
	ASN1_OCTET_STRING	*sig;
	int			 i;

	si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms), 0);
	if (si == NULL || (i = CMS_unsigned_get_attr_by_NID(si,
	    NID_id_smime_aa_timeStampToken, -1)) < 0 ||
	    (a = CMS_unsigned_get_attr(si, i)) == NULL ||
	    (t = X509_ATTRIBUTE_get0_type(a, 0)) == NULL ||
	    t->type != V_ASN1_SEQUENCE ||
	    (sig = CMS_SignerInfo_get0_signature(si)) == NULL)
		return 0;
	return tsa_token_check(t->value.sequence->data,
	    (size_t)t->value.sequence->length, sig->data, (size_t)sig->length);
}

static void
check_one(const struct pdfsig *s, void *arg)
{
	struct check		*c = arg;
	const unsigned char	*p = s->der;
	CMS_ContentInfo		*cms;
	BIO			*in = NULL;
	enum pades_verdict	 v = PADES_BROKEN;
	int			 ts = 0;

	if ((cms = d2i_CMS_ContentInfo(NULL, &p, (long)s->derlen)) != NULL &&
	    (in = BIO_new(BIO_s_mem())) != NULL &&
	    BIO_write(in, c->pdf, (int)s->range[1]) == (int)s->range[1] &&
	    BIO_write(in, c->pdf + s->range[2], (int)s->range[3]) ==
	    (int)s->range[3] &&
	    CMS_verify(cms, NULL, NULL, in, NULL, CMS_BINARY | CMS_DETACHED |
	    CMS_NO_SIGNER_CERT_VERIFY) == 1) {
		if (!signer_is_ours(cms))
			v = PADES_FOREIGN;
		else {
			v = s->whole ? PADES_OK : PADES_APPENDED;
			ts = timestamp_checks(cms);
		}
	}
	ERR_clear_error();
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	if (v > c->verdict) {
		c->verdict = v;
		c->timestamped = ts;
	}
}

enum pades_verdict
pades_check(const char *pdf, size_t len, int *timestamped)
{
	struct check	c = { pdf, PADES_NONE, 0 };

	pdfread_signatures(pdf, len, check_one, &c);
	if (timestamped != NULL)
		*timestamped = c.timestamped;
	return c.verdict;
}

const char *
pades_verdict_name(enum pades_verdict v)
{
	static const char *const	 names[] = { "none", "broken", "foreign",
					    "appended", "ok" };

	return v <= PADES_OK ? names[v] : "?";
}
