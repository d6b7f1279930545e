/*
 * Unit tests of the notification worker's texts (cgi-bin/notify/compose.c)
 * with the real language files: which kinds a person's wishes let
 * through, a dossier's email, a mandate's email and its beneficiary's
 * label, and what is refused.
 */
#include <string.h>

#include "notify.h"
#include "pool.h"
#include "tap.h"

static struct notice
mandate(const char *kind, const char *bce, const char *name)
{
	struct notice	n;

	memset(&n, 0, sizeof(n));
	n.id = "7";
	n.kind = kind;
	n.lang = LANG_EN;
	n.org = bce;
	n.org_name = name;
	n.site = "https://guichet.example.be";
	return n;
}

int
main(void)
{
	struct pool	*p = pool_new(8192);
	struct notice	 n;
	char		 dir[512], longname[300];

	snprintf(dir, sizeof(dir), "%s/templates", srcdir());
	ok(tmpl_init(dir) == GERR_OK, "the language files load");

	ok(notice_wanted("dossier_status", "{status,message}") &&
	    notice_wanted("complement_request", "{status}") &&
	    notice_wanted("dossier_submitted", "{document,status}"),
	    "status: the submission, a status, a complement asked");
	ok(!notice_wanted("dossier_status", "{message,document}") &&
	    !notice_wanted("message", "{status}") &&
	    !notice_wanted("document", "{}"), "a kind turned off is not wanted");
	ok(!notice_wanted("message", "{messages}") &&
	    !notice_wanted("message", "{xmessage}"), "only whole words count");
	ok(notice_wanted("mandate_revoked", "{}"),
	    "a mandate's step cannot be turned off");
	ok(notice_wanted("message", NULL), "a row of no one: sent");

	memset(&n, 0, sizeof(n));
	n.id = "42";
	n.kind = "dossier_status";
	n.lang = LANG_DE;
	n.reference = "2026-RESIDENCE-000001";
	n.status = "receptionne";
	n.site = "https://guichet.example.be";
	ok(notice_compose(p, &n) == GERR_OK, "a status change composes");
	is_str(n.subject, "Antrag 2026-RESIDENCE-000001: Eingegangen",
	    "in German, with the status in words");
	ok(strstr(n.body, "https://guichet.example.be/dossiers/"
	    "2026-RESIDENCE-000001\n") != NULL, "with the dossier's link");
	is_str(n.msgid, "notification-42", "the Message-ID is the row's");

	n = mandate("mandate_accepted", "0417563422", "ASBL Les Amis");
	ok(notice_compose(p, &n) == GERR_OK, "a mandate's step composes");
	is_str(n.subject, "Mandate accepted by ASBL Les Amis (0417.563.422)",
	    "naming the beneficiary and its number");
	ok(strstr(n.body, "https://guichet.example.be/login/acting?return="
	    "%2Forg%2Fmandates\n") != NULL, "with the link to the mandates");
	n = mandate("mandate_given", "0417563422", "ASBL Les Amis");
	n.lang = LANG_FR;
	ok(notice_compose(p, &n) == GERR_OK &&
	    strcmp(n.subject, "Mandat donné par ASBL Les Amis (0417.563.422)")
	    == 0, "in French");

	memset(longname, 0, sizeof(longname));
	memset(longname, 'a', 119);
	strcat(longname, "éééééééé");	/* é straddles byte 120 */
	n = mandate("mandate_refused", "0417563422", longname);
	ok(notice_compose(p, &n) == GERR_OK &&
	    strstr(n.subject, "aaaa (0417") != NULL,
	    "a long name is cut before a character, not inside it");
	n = mandate("mandate_refused", "0417563422", "Evil\r\nBcc: x@y.z");
	ok(notice_compose(p, &n) != GERR_OK, "a name with a line break: refused");
	n = mandate("mandate_refused", "04175634", "ASBL");
	ok(notice_compose(p, &n) != GERR_OK, "a number that is not one: refused");
	n = mandate("mandate_refused", "0417563422", "\xff\xfe");
	ok(notice_compose(p, &n) != GERR_OK, "a name that is not UTF-8: refused");
	n = mandate("reminder", NULL, NULL);
	n.reference = "2026-X-000001";
	ok(notice_compose(p, &n) != GERR_OK,
	    "a kind without texts (reminders, not sent yet): refused");

	tmpl_free();
	pool_free(p);
	return tap_done();
}
