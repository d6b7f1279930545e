/* Unit tests of lib/tmpl.c: escaping by default, reuse of parsed templates,
 * language strings and negotiation. */
#include "pool.h"
#include "tap.h"
#include "tmpl.h"

static const char *
render(struct pool *p, enum lang l, const char *title, const char *text)
{
	HDF		*h = tmpl_hdf_new(p);
	struct buf	 b;

	buf_init(&b, p);
	tmpl_set(h, "Error.title", title);
	tmpl_set(h, "Error.text", text);
	tmpl_set(h, "Error.status", "404");
	tmpl_set(h, "Page.lang", lang_codes[l]);
	if (tmpl_render(h, l, "error.cs", &b) != GERR_OK)
		return "(render failed)";
	return buf_cstr(&b);
}

/*
 * The layout at a kiosk (docs/kiosk.md): the kiosk's class, the reload to
 * the idle warning with the page to come back to, the start page's none,
 * a page's own reload (the warning's), "End my session" in place of the
 * logout, and none of it off a kiosk.
 */
static const char *
render_kiosk(struct pool *p, int kiosk, int session, const char *path,
    const char *refresh_url)
{
	HDF		*h = tmpl_hdf_new(p);
	struct buf	 b;

	buf_init(&b, p);
	tmpl_set(h, "Error.title", "T");
	tmpl_set(h, "Error.status", "404");
	tmpl_set(h, "Page.lang", "fr");
	tmpl_set(h, "Page.path", path);
	if (kiosk) {
		tmpl_set(h, "Kiosk", "1");
		tmpl_set(h, "Kiosk.idle", "180");
		tmpl_set(h, "Kiosk.warning", "60");
		tmpl_set(h, "Kiosk.warn_after", "120");
	}
	if (refresh_url != NULL) {
		tmpl_set(h, "Kiosk.refresh_after", "60");
		tmpl_set(h, "Kiosk.refresh_url", refresh_url);
	}
	if (session) {
		tmpl_set(h, "Session.on", "1");
		tmpl_set(h, "Session.name", "Jan Peeters");
		tmpl_set(h, "Csrf.field", "csrf");
		tmpl_set(h, "Csrf.token", "abc");
	}
	if (tmpl_render(h, LANG_FR, "error.cs", &b) != GERR_OK)
		return "(render failed)";
	return buf_cstr(&b);
}

static void
kiosk_layout(struct pool *p)
{
	const char	*out;
	enum lang	 l;

	out = render_kiosk(p, 1, 1, "/dossiers/2026-X&y", NULL);
	ok(strstr(out, "<html lang=\"fr\" class=\"kiosk\">") != NULL,
	    "kiosk: the page has the kiosk's class");
	ok(strstr(out, "<meta http-equiv=\"refresh\" content=\"120;url=/login/"
	    "idle?return=%2Fdossiers%2F2026-X%26y\">") != NULL,
	    "kiosk: reloads to the warning, coming back to this page");
	ok(strstr(out, "class=\"kiosk-end\"") != NULL &&
	    strstr(out, "Terminer ma session") != NULL,
	    "kiosk: End my session in the session bar");
	ok(strstr(out, "class=\"link\">Se déconnecter") == NULL,
	    "kiosk: instead of the logout link");
	out = render_kiosk(p, 1, 1, "/login/idle", "/login/ended?return=%2Fa");
	ok(strstr(out, "content=\"60;url=/login/ended?return=%2Fa\"") != NULL &&
	    strstr(out, "url=/login/idle") == NULL,
	    "kiosk: a page's own reload replaces the warning's");
	out = render_kiosk(p, 1, 0, "/help", NULL);
	ok(strstr(out, "content=\"180;url=/\"") != NULL,
	    "kiosk: without a session, back to the start after the idle time");
	out = render_kiosk(p, 1, 0, "/login", NULL);
	ok(strstr(out, "http-equiv=\"refresh\"") == NULL,
	    "kiosk: the start page stays");
	out = render_kiosk(p, 0, 1, "/dossiers", NULL);
	ok(strstr(out, "http-equiv=\"refresh\"") == NULL &&
	    strstr(out, "kiosk") == NULL, "off a kiosk: none of it");
	for (l = 0; l < LANG__MAX; l++)
		ok(strcmp(tmpl_str(l, "kiosk.end"), "kiosk.end") != 0 &&
		    strcmp(tmpl_str(l, "kiosk.idle_title"), "kiosk.idle_title")
		    != 0 && strcmp(tmpl_str(l, "error.kiosk_download"),
		    "error.kiosk_download") != 0,
		    pool_printf(p, "kiosk: its texts in %s", lang_codes[l]));
}

int
main(void)
{
	struct pool	*p = pool_new(8192);
	char		 dir[512];
	const char	*out;
	enum lang	 l;

	snprintf(dir, sizeof(dir), "%s/templates", srcdir());
	ok(tmpl_init(dir) == GERR_OK, "templates and four languages load");
	ok(!tmpl_cached("forms/page.cs"), "no template parsed before it is asked");
	tmpl_preload(dir, "forms");
	ok(tmpl_cached("forms/page.cs") && tmpl_cached("forms/summary.cs") &&
	    tmpl_cached("error.cs"), "preloading parses a program's templates");
	ok(!tmpl_cached("help/article.cs"), "and not another program's");
	tmpl_preload(dir, "../lang");
	ok(!tmpl_cached("lang/fr.hdf") && !tmpl_cached("../lang/fr.hdf"),
	    "a folder is one name, not a path");
	ok(tmpl_init(dir) == GERR_OK, "a second init (a worker after the "
	    "master's) keeps what is loaded");
	ok(tmpl_cached("forms/page.cs"), "the parsed templates stay");

	out = render(p, LANG_FR, "<script>alert(1)</script>", "a & \"b\"");
	ok(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL,
	    "data is HTML-escaped by default");
	ok(strstr(out, "<script>") == NULL, "no raw script tag");
	ok(strstr(out, "a &amp; &quot;b&quot;") != NULL, "quotes escaped");
	ok(strstr(out, "<html lang=\"fr\">") != NULL, "language attribute");
	ok(strstr(out, "Retour au centre d&#39;aide") != NULL,
	    "French strings from the global HDF");

	out = render(p, LANG_NL, "Titel", "Tekst");
	ok(strstr(out, "Terug naar het helpcentrum") != NULL,
	    "the same parsed template renders Dutch next");
	ok(strstr(out, "&lt;script&gt;") == NULL,
	    "nothing of the previous request remains");
	out = render(p, LANG_DE, "T", "x");
	ok(strstr(out, "Zurück zum Hilfezentrum") != NULL, "German");
	out = render(p, LANG_EN, "T", "x");
	ok(strstr(out, "Back to the help centre") != NULL, "English");

	kiosk_layout(p);

	is_str(tmpl_str(LANG_NL, "err.required"), "Dit veld is verplicht.",
	    "string by key");
	is_str(tmpl_str(LANG_FR, "no.such.key"), "no.such.key",
	    "a missing key shows itself");

	is_int(lang_negotiate("nl-BE,nl;q=0.9,en;q=0.8"), LANG_NL, "nl-BE");
	is_int(lang_negotiate("en-GB,en;q=0.9,fr;q=0.95"), LANG_EN,
	    "en first with q=1");
	is_int(lang_negotiate("es,fr;q=0.2,de;q=0.5"), LANG_DE,
	    "highest q among ours");
	is_int(lang_negotiate("es, it"), LANG_FR, "none of ours: French");
	is_int(lang_negotiate(NULL), LANG_FR, "no header: French");
	is_int(lang_negotiate("de;q=0"), LANG_FR, "q=0 means not wanted");
	ok(lang_parse("NL", &l) && l == LANG_NL, "parse is case-insensitive");
	ok(!lang_parse("es", &l), "unknown language");
	tmpl_free();
	pool_free(p);
	return tap_done();
}
