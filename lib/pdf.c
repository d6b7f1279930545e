/*
 * Plain A4 documents made with libharu (Debian's libhpdf): lines, label
 * and value pairs, and paragraphs wrapped at word boundaries across as
 * many pages as they need.  The font is a TrueType file (conf's
 * receipt.font, DejaVu Sans by default), so every Latin name prints
 * (Łukasz, Dubois-Lefèvre).  What a document says is recorded first and
 * drawn when it is closed: only then are its characters known, and the
 * font embedded is a subset of the file with just those (HarfBuzz's
 * hb-subset; libharu alone embeds every table of the file).  The streams
 * are compressed, and the font's ToUnicode map is ours: libharu's says
 * "begincidrange" where a ToUnicode map needs "beginbfrange", which
 * poppler refuses.  A one-page receipt weighs about 15 KB, not 300.
 */
#include <sys/mman.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <hb.h>
#include <hb-subset.h>
#include <hpdf.h>
#include <hpdf_objects.h>	/* the font's ToUnicode stream, replaced */
#include <qrencode.h>

#include "conf.h"
#include "log.h"
#include "pdf.h"
#include "tmpl.h"

#define LEFT		60.0f
#define RIGHT		540.0f
#define TOP		780.0f
#define BOTTOM		60.0f
#define VALUE_X		200.0f
/*
 * A QR code's module: 2.4 points (0.85 mm), so the code of a verification
 * address (version 4, 33 modules) is 28 mm wide, what a phone reads at
 * arm's length from paper; four modules of white around it.
 */
#define QR_MODULE	2.4f
#define QR_QUIET	4

/* What the callers asked for, drawn in order at pdf_close. */
enum pdfop_kind { OP_LINE, OP_PAIR, OP_TEXT, OP_GAP, OP_VERIFY, OP_PAGE };

struct pdfop {
	enum pdfop_kind	 kind;
	float		 size;
	const char	*a;		/* the text, or the pair's label */
	const char	*b;		/* the pair's value */
	const char	*c;		/* a verification's address */
	const char	*d;		/* and what it is for */
	struct pdfop	*next;
};

struct pdfdoc {
	struct pool	*pool;
	const char	*title;
	struct pdfop	*ops;
	struct pdfop	**tail;
	HPDF_Doc	 doc;
	HPDF_Page	 page;
	HPDF_Font	 font;
	float		 y;
	int		 failed;
};

static void
pdf_error(HPDF_STATUS err, HPDF_STATUS detail, void *arg)
{
	struct pdfdoc	*p = arg;

	if (!p->failed)
		log_warnx("pdf: libharu error %04x (%u)", (unsigned)err,
		    (unsigned)detail);
	p->failed = 1;
}

static void
new_page(struct pdfdoc *p)
{
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->y = TOP;
}

static void
pdf_free(void *arg)
{
	struct pdfdoc	*p = arg;

	if (p->doc != NULL)
		HPDF_Free(p->doc);
	p->doc = NULL;
}

struct pdfdoc *
pdf_open(struct pool *pool, const char *title)
{
	struct pdfdoc	*p;

	if ((p = pool_calloc(pool, 1, sizeof(*p))) == NULL ||
	    (p->title = pool_strdup(pool, title)) == NULL)
		return NULL;
	p->pool = pool;
	p->tail = &p->ops;
	return p;
}

static struct pdfop *
record(struct pdfdoc *p, enum pdfop_kind kind, float size, const char *a,
    const char *b)
{
	struct pdfop	*op;

	if ((op = pool_calloc(p->pool, 1, sizeof(*op))) == NULL ||
	    (a != NULL && (op->a = pool_strdup(p->pool, a)) == NULL) ||
	    (b != NULL && (op->b = pool_strdup(p->pool, b)) == NULL)) {
		p->failed = 1;
		return NULL;
	}
	op->kind = kind;
	op->size = size;
	*p->tail = op;
	p->tail = &op->next;
	return op;
}

void
pdf_line(struct pdfdoc *p, float size, const char *text)
{
	record(p, OP_LINE, size, text, NULL);
}

void
pdf_gap(struct pdfdoc *p, float h)
{
	record(p, OP_GAP, h, NULL, NULL);
}

/* What follows starts a new page (a batch's next letter). */
void
pdf_page(struct pdfdoc *p)
{
	record(p, OP_PAGE, 0, NULL, NULL);
}

void
pdf_text(struct pdfdoc *p, float size, const char *text)
{
	record(p, OP_TEXT, size, text, NULL);
}

/* A label, and its value wrapped within the right column. */
void
pdf_pair(struct pdfdoc *p, const char *label, const char *value)
{
	record(p, OP_PAIR, 0, label, value);
}

/*
 * The document's verification code (lib/vcode.c, as shown), the QR code of
 * the address where anyone checks it, and the sentence that tells the
 * holder so, in the holder's language (lang: "fr", "nl", "de", "en").
 */
void
pdf_verification(struct pdfdoc *p, const char *code, const char *url,
    const char *lang)
{
	struct pdfop	*op;
	enum lang	 l = LANG_FR;

	lang_parse(lang, &l);
	if ((op = record(p, OP_VERIFY, 0, tmpl_str(l, "verify.pdf_label"),
	    code)) == NULL)
		return;
	/* the language file's string lives as long as the process */
	op->d = tmpl_str(l, "verify.pdf_explain");
	if ((op->c = pool_strdup(p->pool, url)) == NULL)
		p->failed = 1;
}

/* The font file, read once per process (mapped: shared by the workers). */
static hb_face_t *
font_face(void)
{
	static hb_face_t	*face;
	static char		 face_path[512];
	const char		*path = conf_str("receipt.font");
	hb_blob_t		*blob;

	if (face != NULL && strcmp(face_path, path) == 0)
		return face;
	hb_face_destroy(face);
	face = NULL;
	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		log_warnx("pdf: cannot read the font %s", path);
		return NULL;
	}
	face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(face) == 0) {
		log_warnx("pdf: %s is not a font", path);
		hb_face_destroy(face);
		face = NULL;
		return NULL;
	}
	snprintf(face_path, sizeof(face_path), "%s", path);
	return face;
}

/* The characters of s (UTF-8; a byte that is not one is left out). */
static void
chars_of(hb_set_t *set, const char *s)
{
	hb_buffer_t	*b;
	hb_glyph_info_t	*info;
	unsigned int	 i, n;

	if (s == NULL || (b = hb_buffer_create()) == NULL)
		return;
	hb_buffer_add_utf8(b, s, -1, 0, -1);
	info = hb_buffer_get_glyph_infos(b, &n);
	for (i = 0; i < n; i++)
		if (info[i].codepoint != 0xfffd)
			hb_set_add(set, info[i].codepoint);
	hb_buffer_destroy(b);
}

/* The characters the document prints, and the space. */
static hb_set_t *
doc_chars(const struct pdfdoc *p)
{
	const struct pdfop	*op;
	hb_set_t		*set;

	if ((set = hb_set_create()) == NULL)
		return NULL;
	hb_set_add(set, ' ');
	for (op = p->ops; op != NULL; op = op->next) {
		chars_of(set, op->a);
		chars_of(set, op->b);
		chars_of(set, op->c);
		chars_of(set, op->d);
	}
	return set;
}

/*
 * The font with the document's characters only, in a memory file whose
 * descriptor is returned (-1 on failure): libharu 2.3 loads fonts from a
 * path, here /proc/self/fd/N.  The tables libharu does not embed (the
 * layout tables) are dropped first, which also spares their closure.
 */
static int
font_subset(const hb_set_t *chars)
{
	static const hb_tag_t	 drop[] = { HB_TAG('G','S','U','B'),
				    HB_TAG('G','P','O','S'),
				    HB_TAG('G','D','E','F'),
				    HB_TAG('k','e','r','n'),
				    HB_TAG('M','A','T','H') };
	hb_face_t		*face, *sub = NULL;
	hb_subset_input_t	*in;
	hb_blob_t		*blob = NULL;
	const char		*data;
	unsigned int		 len = 0, i;
	int			 fd = -1;

	if ((face = font_face()) == NULL ||
	    (in = hb_subset_input_create_or_fail()) == NULL)
		return -1;
	hb_set_union(hb_subset_input_unicode_set(in), chars);
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(hb_subset_input_set(in,
		    HB_SUBSET_SETS_DROP_TABLE_TAG), drop[i]);
	if ((sub = hb_subset_or_fail(face, in)) != NULL &&
	    (blob = hb_face_reference_blob(sub)) != NULL &&
	    (data = hb_blob_get_data(blob, &len)) != NULL && len > 0 &&
	    (fd = memfd_create("guichet-font", MFD_CLOEXEC)) != -1 &&
	    write(fd, data, len) != (ssize_t)len) {
		close(fd);
		fd = -1;
	}
	if (fd == -1)
		log_warnx("pdf: the font could not be subset");
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return fd;
}

/*
 * The font's ToUnicode map: with the UTF-8 encoder, a character's code
 * in the content is its Unicode value (basic plane), so each run of the
 * document's characters maps to itself, a range per run (within a block
 * of 256, as a range must be).  Only the characters the document prints:
 * a few hundred bytes, not the 5.6 KB of the whole plane deflated again
 * for every document.
 */
static void
to_unicode(struct pdfdoc *p, const hb_set_t *chars)
{
	HPDF_Dict	 cmap;
	hb_codepoint_t	 u = HB_SET_VALUE_INVALID, from[100], to[100];
	char		 line[32];
	int		 i, n = 0, more;

	if ((cmap = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref)) == NULL)
		return;
	cmap->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream_WriteStr(cmap->stream,
	    "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS)"
	    " /Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	do {
		more = hb_set_next(chars, &u) && u <= 0xffff;
		if (more && n > 0 && u == to[n - 1] + 1 && (u & 0xff) != 0) {
			to[n - 1] = u;
			continue;
		}
		/* at most 100 entries a section */
		if (n == 100 || (!more && n > 0)) {
			snprintf(line, sizeof(line), "%d beginbfrange\n", n);
			HPDF_Stream_WriteStr(cmap->stream, line);
			for (i = 0; i < n; i++) {
				snprintf(line, sizeof(line),
				    "<%04X> <%04X> <%04X>\n", from[i], to[i],
				    from[i]);
				HPDF_Stream_WriteStr(cmap->stream, line);
			}
			HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
			n = 0;
		}
		if (more) {
			from[n] = to[n] = u;
			n++;
		}
	} while (more);
	HPDF_Stream_WriteStr(cmap->stream, "endcmap\n"
	    "CMapName currentdict /CMap defineresource pop\nend\nend\n");
	if (HPDF_Dict_Add(p->font, "ToUnicode", cmap) != HPDF_OK)
		p->failed = 1;
}

/*
 * libharu 2.3 makes the font's CIDToGIDMap and widths (/W) by asking the
 * font for each of the 65,536 codes of the UTF-8 encoder, then writes and
 * deflates a 128 KB map of which a hundred entries are not zero: half
 * the cost of a one-page document.  When the encoder has the table
 * encoders' stock to_unicode_fn, libharu asks only for the codes its
 * cid_map holds, so for the font's making the encoder gets that function
 * and a cid_map with the document's characters alone (CID = Unicode
 * value, as the UTF-8 encoder has it), and after it both back: text is
 * encoded and measured as before.  The map then ends at the document's
 * last character; libharu leaves its highest CID out of the map (i <
 * max), so a CID past them all, on no glyph, closes it.  The same glyphs
 * and widths, a map of a few KB; row 0 of cid_map is the UTF-8
 * encoder's parsing state, kept aside meanwhile.
 */
struct cidswap {
	HPDF_Encoder			 enc;
	HPDF_Encoder_ToUnicode_Func	 to_unicode;
	HPDF_UINT16			 row0[256];
	HPDF_UINT			 n;
};

static int
cids_set(struct cidswap *sw, HPDF_Encoder enc, const hb_set_t *chars)
{
	HPDF_CMapEncoderAttr	 a;
	hb_codepoint_t		 u = HB_SET_VALUE_INVALID, last = 0;
	HPDF_UINT		 k = 0;

	if (enc == NULL || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
	    (a = enc->attr) == NULL)
		return -1;
	sw->enc = enc;
	sw->to_unicode = enc->to_unicode_fn;
	memcpy(sw->row0, a->cid_map[0], sizeof(sw->row0));
	memset(a->cid_map[0], 0, sizeof(a->cid_map[0]));
	/* rows 1 to 255: room for 65,280 characters, far more than a font */
	while (hb_set_next(chars, &u) && u <= 0xffff && k < 255 * 256 - 1) {
		if (u < 0x20)
			continue;
		a->cid_map[1 + k / 256][k % 256] = (HPDF_UINT16)u;
		a->unicode_map[1 + k / 256][k % 256] = (HPDF_UNICODE)u;
		last = u;
		k++;
	}
	if (last < 0xffff) {
		a->cid_map[1 + k / 256][k % 256] = (HPDF_UINT16)(last + 1);
		a->unicode_map[1 + k / 256][k % 256] = 0;
		k++;
	}
	sw->n = k;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	return 0;
}

static void
cids_restore(struct cidswap *sw)
{
	HPDF_CMapEncoderAttr	 a = sw->enc->attr;
	HPDF_UINT		 k;

	for (k = 0; k < sw->n; k++) {
		a->cid_map[1 + k / 256][k % 256] = 0;
		a->unicode_map[1 + k / 256][k % 256] = 0x25a1;
	}
	memcpy(a->cid_map[0], sw->row0, sizeof(sw->row0));
	sw->enc->to_unicode_fn = sw->to_unicode;
}

/* The libharu document, with the subset font; 0, or -1 if it failed. */
static int
doc_start(struct pdfdoc *p)
{
	struct cidswap	 sw;
	char		 path[40];
	const char	*font;
	hb_set_t	*chars;
	int		 fd;

	if ((p->doc = HPDF_New(pdf_error, p)) == NULL)
		return -1;
	if (pool_defer(p->pool, pdf_free, p) == -1) {
		HPDF_Free(p->doc);
		p->doc = NULL;
		return -1;
	}
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	if ((chars = doc_chars(p)) == NULL)
		return -1;
	if ((fd = font_subset(chars)) == -1) {
		hb_set_destroy(chars);
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	/* libharu opens the file for itself: ours can go */
	font = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	close(fd);
	if (font == NULL ||
	    cids_set(&sw, HPDF_GetEncoder(p->doc, "UTF-8"), chars) == -1) {
		hb_set_destroy(chars);
		return -1;
	}
	p->font = HPDF_GetFont(p->doc, font, "UTF-8");
	cids_restore(&sw);
	if (p->font != NULL)
		to_unicode(p, chars);
	hb_set_destroy(chars);
	if (p->font == NULL)
		return -1;
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, p->title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Guichet");
	new_page(p);
	return p->failed ? -1 : 0;
}

static void
text_at(struct pdfdoc *p, float x, float size, const char *text)
{
	if (p->failed)
		return;
	HPDF_Page_BeginText(p->page);
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	HPDF_Page_TextOut(p->page, x, p->y, text);
	HPDF_Page_EndText(p->page);
}

static void
room_for(struct pdfdoc *p, float h)
{
	if (p->y - h < BOTTOM)
		new_page(p);
}

static void
draw_line(struct pdfdoc *p, float size, const char *text)
{
	room_for(p, size * 1.6f);
	text_at(p, LEFT, size, text);
	p->y -= size * 1.6f;
}

static float
width_of(struct pdfdoc *p, float size, const char *s, size_t n)
{
	char	*t = pool_strndup(p->pool, s, n);

	if (p->failed || t == NULL)
		return 0;
	HPDF_Page_SetFontAndSize(p->page, p->font, size);
	return HPDF_Page_TextWidth(p->page, t);
}

/*
 * The width of n bytes of whole characters in the font's units: what
 * HPDF_Page_TextWidth sums before it scales (no character or word
 * spacing here), so a line's width is summed a word at a time and scaled
 * by points() to the same float as HPDF_Page_TextWidth's, not measured
 * again from its start for each word.
 */
static HPDF_UINT
units_of(struct pdfdoc *p, const char *s, size_t n)
{
	if (p->failed || n == 0)
		return 0;
	return HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)s,
	    (HPDF_UINT)n).width;
}

static float
points(HPDF_UINT units, float size)
{
	return (HPDF_REAL)units * size / 1000;
}

/*
 * Words of text laid out between x and RIGHT, a line at a time; a word
 * longer than the line (a digest, an address) is cut where it must.
 */
static void
wrap(struct pdfdoc *p, float x, float size, const char *text)
{
	const char	*s = text, *end, *brk;
	size_t		 n, m;
	HPDF_UINT	 w;

	while (*s != '\0') {
		if (*s == '\n') {
			p->y -= size * 1.4f;
			s++;
			continue;
		}
		end = s + strcspn(s, "\n");
		/* the longest prefix up to a space that fits */
		brk = NULL;
		for (n = 1, m = 0, w = 0; s + n <= end; n++) {
			if (s + n < end && s[n] != ' ')
				continue;
			w += units_of(p, s + m, n - m);
			m = n;
			if (points(w, size) > RIGHT - x)
				break;
			brk = s + n;
		}
		if (brk == NULL) {
			/* one word too long: as many bytes as fit, whole characters */
			for (n = 1; s + n < end && width_of(p, size, s, n + 1) <=
			    RIGHT - x; n++)
				;
			while (s + n < end && ((unsigned char)s[n] & 0xc0) == 0x80)
				n++;
			brk = s + n;
		}
		room_for(p, size * 1.4f);
		text_at(p, x, size, pool_strndup(p->pool, s, (size_t)(brk - s)));
		p->y -= size * 1.4f;
		for (s = brk; *s == ' '; s++)
			;
	}
}

static void
draw_text(struct pdfdoc *p, float size, const char *text)
{
	wrap(p, LEFT, size, text);
	p->y -= size * 0.6f;
}

static void
draw_pair(struct pdfdoc *p, const char *label, const char *value)
{
	float	 y;

	room_for(p, 18);
	text_at(p, LEFT, 9, label);
	y = p->y;
	/* a digest alone on its line, small enough to stay on the page */
	wrap(p, VALUE_X, strchr(value, ' ') == NULL && strlen(value) > 40 ?
	    8 : 10, value);
	if (p->y == y)
		p->y -= 14;
	p->y -= 4;
}

/* The QR code's modules, its top left corner at (x, top). */
static void
draw_qr(struct pdfdoc *p, const QRcode *qr, float x, float top)
{
	const unsigned char	*m;
	int			 w = qr->width, row, col, run;
	float			 y;

	HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
	/* a rectangle per run of dark modules in a row (bit 0: dark) */
	for (row = 0; row < w; row++) {
		m = qr->data + row * w;
		y = top - (row + 1) * QR_MODULE;
		for (col = 0; col < w; col += run > 0 ? run : 1) {
			for (run = 0; col + run < w && (m[col + run] & 1);)
				run++;
			if (run > 0)
				HPDF_Page_Rectangle(p->page,
				    x + col * QR_MODULE, y, run * QR_MODULE,
				    QR_MODULE);
		}
	}
	HPDF_Page_Fill(p->page);
}

/*
 * The verification block: the QR code of the address at the left, and at
 * its right the code, the sentence telling the holder what it is for, and
 * the address to type; kept whole on one page (the sentence takes about
 * as much height as the code's 33 modules: room for both and more).
 */
static void
draw_verification(struct pdfdoc *p, const struct pdfop *op)
{
	QRcode	*qr;
	float	 top, side, x, bottom;

	if ((qr = QRcode_encodeString(op->c, 0, QR_ECLEVEL_M, QR_MODE_8, 1))
	    == NULL) {
		log_warnx("pdf: no QR code for the verification address");
		p->failed = 1;
		return;
	}
	side = (float)qr->width * QR_MODULE;
	room_for(p, side + 2 * QR_QUIET * QR_MODULE + 60);
	top = p->y;
	draw_qr(p, qr, LEFT, top);
	QRcode_free(qr);
	bottom = top - side;
	x = LEFT + side + QR_QUIET * QR_MODULE;
	p->y = top - 9;
	text_at(p, x, 9, op->a);
	p->y -= 17;
	text_at(p, x, 14, op->b);
	p->y -= 14;
	wrap(p, x, 8, op->d);
	p->y -= 2;
	wrap(p, x, 8, op->c);
	if (p->y > bottom)
		p->y = bottom;
	p->y -= QR_QUIET * QR_MODULE;
}

static void
draw(struct pdfdoc *p)
{
	const struct pdfop	*op;

	for (op = p->ops; op != NULL && !p->failed; op = op->next)
		switch (op->kind) {
		case OP_LINE:
			draw_line(p, op->size, op->a);
			break;
		case OP_PAIR:
			draw_pair(p, op->a, op->b);
			break;
		case OP_TEXT:
			draw_text(p, op->size, op->a);
			break;
		case OP_GAP:
			p->y -= op->size;
			break;
		case OP_VERIFY:
			draw_verification(p, op);
			break;
		case OP_PAGE:
			new_page(p);
			break;
		}
}

/* The document's bytes, in the pool; the document is gone after. */
enum gerr
pdf_close(struct pdfdoc *p, char **bytes, size_t *len)
{
	HPDF_UINT32	 size;

	*bytes = NULL;
	*len = 0;
	if (!p->failed && doc_start(p) == 0)
		draw(p);
	else
		p->failed = 1;
	if (p->failed || p->doc == NULL || HPDF_SaveToStream(p->doc) != HPDF_OK ||
	    (size = HPDF_GetStreamSize(p->doc)) == 0 ||
	    (*bytes = pool_alloc(p->pool, size)) == NULL ||
	    HPDF_ReadFromStream(p->doc, (HPDF_BYTE *)*bytes, &size) !=
	    HPDF_OK) {
		pdf_free(p);
		return GERR_SYSTEM;
	}
	*len = size;
	pdf_free(p);
	return GERR_OK;
}
