/* Unit tests of lib/mail.c: the message we hand to SMTP. */
#include <string.h>

#include <openssl/evp.h>

#include "mail.h"
#include "pool.h"
#include "tap.h"

/* A message with an invitation attached (appointments' emails). */
static void
test_part(struct pool *p)
{
	static const char	 ics[] =
	    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
	struct mail_attachment	 part = { "invite.ics",
	    "text/calendar; charset=utf-8; method=REQUEST", ics,
	    sizeof(ics) - 1 };
	char			*m, *b;

	m = mail_message_with(p, "a@b.be", "x@y.be", "Rendez-vous", "Bonjour",
	    "notification-7", &part);
	ok(m != NULL && (b = strstr(m, "Content-Type: multipart/mixed; boundary=\"=_")) != NULL,
	    "with a part: multipart/mixed");
	ok(m != NULL && strstr(m, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\nBonjour\r\n") != NULL,
	    "the text first, as it is");
	ok(m != NULL && strstr(m, "Content-Type: text/calendar; charset=utf-8; "
	    "method=REQUEST; name=\"invite.ics\"\r\n"
	    "Content-Disposition: attachment; filename=\"invite.ics\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n"
	    "QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KRU5EOlZDQUxFTkRBUg0K\r\n") != NULL,
	    "then the invitation, base64, named");
	ok(m != NULL && strstr(m, "--\r\n") != NULL, "the multipart closed");
	part.filename = "../x\r\n.ics";
	ok(mail_message_with(p, "a@b.be", "x@y.be", "s", "b", NULL, &part) == NULL,
	    "a file name with a path or a line break is refused");
	part.filename = "invite.ics";
	part.ctype = "text/calendar\r\nBcc: e@v.l";
	ok(mail_message_with(p, "a@b.be", "x@y.be", "s", "b", NULL, &part) == NULL,
	    "a part's type with a line break is refused");
}

int
main(void)
{
	struct pool	*p = pool_new(4096);
	char		*m;

	m = mail_message(p, "guichet@example.be", "élise@example.be",
	    "Votre code de connexion", "Bonjour,\n\n    123456\n", NULL);
	ok(m != NULL, "a message");
	ok(strstr(m, "\r\nTo: élise@example.be\r\n") != NULL, "To");
	ok(strstr(m, "Subject: =?UTF-8?B?Vm90cmUgY29kZSBkZSBjb25uZXhpb24=?=\r\n")
	    != NULL, "the subject is RFC 2047 encoded");
	ok(strstr(m, "Content-Type: text/plain; charset=utf-8\r\n") != NULL,
	    "plain text in UTF-8");
	ok(strstr(m, "Auto-Submitted: auto-generated\r\n") != NULL,
	    "marked as automatic (no vacation replies)");
	ok(strstr(m, "\r\n\r\nBonjour,\n\n    123456\n") != NULL, "body after a blank line");
	ok(strncmp(m, "Date: ", 6) == 0, "dated");
	ok(mail_message(p, "a@b.be", "x@y.be\r\nBcc: all@evil.example", "s", "b",
	    NULL)
	    == NULL, "CR LF in an address is refused");
	ok(mail_message(p, "a@b.be", "x@y.be", "s\nBcc: all@evil.example", "b",
	    NULL)
	    == NULL, "LF in a subject is refused");
	m = mail_message(p, "a@b.be", "x@y.be", "s", "b", "notification-42");
	ok(m != NULL && strstr(m, "\r\nMessage-ID: <notification-42@") != NULL,
	    "the Message-ID given: the same notification, the same id");
	ok(mail_message(p, "a@b.be", "x@y.be", "s", "b", "x>\r\nBcc: e@v.l")
	    == NULL && mail_message(p, "a@b.be", "x@y.be", "s", "b", "a@b")
	    == NULL, "a Message-ID that could break the header is refused");
	/* a certificate sent by email: the PDF as a second part, in base64 */
	{
		static const char	 pdf[] = "%PDF-1.4\n\x01\x02\xff"
		    "0123456789012345678901234567890123456789012345678901234567"
		    "89";
		struct mail_attachment	 a = { "certificate-C-2026-000042.pdf",
		    "application/pdf", pdf, sizeof(pdf) - 1 };
		const char		*b;
		unsigned char		 back[128];
		int			 n;

		m = mail_message_with(p, "a@b.be", "x@y.be", "s", "Bonjour",
		    "notification-7", &a);
		ok(m != NULL && strstr(m, "Content-Type: multipart/mixed; "
		    "boundary=\"=_guichet_") != NULL, "with a file: multipart");
		ok(m != NULL && strstr(m, "Content-Type: text/plain; "
		    "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
		    "Bonjour\r\n--=_guichet_") != NULL, "the text first");
		ok(m != NULL && strstr(m, "Content-Disposition: attachment; "
		    "filename=\"certificate-C-2026-000042.pdf\"\r\n") != NULL,
		    "then the file, named");
		b = m != NULL ? strstr(m, "base64\r\n\r\n") : NULL;
		ok(b != NULL && strchr(b + 10, '\r') - (b + 10) == 76,
		    "base64 in lines of 76");
		/* the first line decodes back to the first 57 bytes */
		n = b != NULL ? EVP_DecodeBlock(back, (const unsigned char *)b +
		    10, 76) : -1;
		ok(n == 57 && memcmp(back, pdf, 57) == 0, "the bytes themselves");
		ok(m != NULL && strstr(m, "--\r\n") != NULL &&
		    strcmp(m + strlen(m) - 4, "--\r\n") == 0, "closed");
		a.filename = "x\"; y.exe";
		ok(mail_message_with(p, "a@b.be", "x@y.be", "s", "b", NULL, &a)
		    == NULL, "a file name that could break the header: refused");
	}
	ok(mail_header_ok("plain") && !mail_header_ok("a\rb") &&
	    !mail_header_ok(NULL), "header check");
	test_part(p);
	pool_free(p);
	return tap_done();
}
