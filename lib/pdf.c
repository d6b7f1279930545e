/*
 * Plain A4 documents made with libharu (Debian's libhpdf): lines, label
 * and value pairs, and paragraphs wrapped at word boundaries across as
 * many pages as they need.  The font is a TrueType file (conf's
 * receipt.font, DejaVu Sans by default) embedded whole, so every Latin
 * name prints (Łukasz, Dubois-Lefèvre).
 */
#include <string.h>

#include <hpdf.h>

#include "conf.h"
#include "log.h"
#include "pdf.h"

#define LEFT		60.0f
#define RIGHT		540.0f
#define TOP		780.0f
#define BOTTOM		60.0f
#define VALUE_X		200.0f

struct pdfdoc {
	struct pool	*pool;
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
	const char	*font;

	if ((p = pool_calloc(pool, 1, sizeof(*p))) == NULL)
		return NULL;
	p->pool = pool;
	if ((p->doc = HPDF_New(pdf_error, p)) == NULL)
		return NULL;
	if (pool_defer(pool, pdf_free, p) == -1) {
		HPDF_Free(p->doc);
		return NULL;
	}
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	font = HPDF_LoadTTFontFromFile(p->doc, conf_str("receipt.font"),
	    HPDF_TRUE);
	if (font == NULL || (p->font = HPDF_GetFont(p->doc, font, "UTF-8"))
	    == NULL)
		p->failed = 1;
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title);
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Guichet");
	new_page(p);
	return p;
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

void
pdf_line(struct pdfdoc *p, float size, const char *text)
{
	room_for(p, size * 1.6f);
	text_at(p, LEFT, size, text);
	p->y -= size * 1.6f;
}

void
pdf_gap(struct pdfdoc *p, float h)
{
	p->y -= h;
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
 * Words of text laid out between x and RIGHT, a line at a time; a word
 * longer than the line (a digest, an address) is cut where it must.
 */
static void
wrap(struct pdfdoc *p, float x, float size, const char *text)
{
	const char	*s = text, *end, *brk;
	size_t		 n;

	while (*s != '\0') {
		if (*s == '\n') {
			p->y -= size * 1.4f;
			s++;
			continue;
		}
		end = s + strcspn(s, "\n");
		/* the longest prefix up to a space that fits */
		brk = NULL;
		for (n = 1; s + n <= end; n++) {
			if (s + n < end && s[n] != ' ')
				continue;
			if (width_of(p, size, s, n) > RIGHT - x)
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

void
pdf_text(struct pdfdoc *p, float size, const char *text)
{
	wrap(p, LEFT, size, text);
	p->y -= size * 0.6f;
}

/* A label, and its value wrapped within the right column. */
void
pdf_pair(struct pdfdoc *p, const char *label, const char *value)
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

/* The document's bytes, in the pool; the document is gone after. */
enum gerr
pdf_close(struct pdfdoc *p, char **bytes, size_t *len)
{
	HPDF_UINT32	 size;

	*bytes = NULL;
	*len = 0;
	if (p->failed || HPDF_SaveToStream(p->doc) != HPDF_OK ||
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
