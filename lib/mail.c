/*
 * Outgoing mail: one plain-text UTF-8 message to one address, through the
 * SMTP server of smtp.url (libcurl; smtps:// or STARTTLS where configured).
 * Callers queue what must survive a mail server that is away (the outbox);
 * this sends now or says it could not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "conf.h"
#include "crypto.h"
#include "csrf.h"
#include "log.h"
#include "mail.h"

/* Header values come from our code and templates, but never trust a CR. */
int
mail_header_ok(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* RFC 2047 "B" encoding of a UTF-8 subject. */
static char *
mail_encode_word(struct pool *p, const char *s)
{
	size_t		 n = strlen(s);
	char		*out;

	if ((out = pool_alloc(p, 12 + 4 * ((n + 2) / 3) + 3)) == NULL)
		return NULL;
	memcpy(out, "=?UTF-8?B?", 10);
	EVP_EncodeBlock((unsigned char *)out + 10, (const unsigned char *)s,
	    (int)n);
	strcat(out, "?=");
	return out;
}

/* The part base64-encoded in lines of 76, as RFC 2045 wants. */
static char *
mail_base64(struct pool *p, const char *s)
{
	size_t		 n = strlen(s), i, k;
	struct buf	 b;
	unsigned char	 line[80];

	buf_init(&b, p);
	for (i = 0; i < n; i += 57) {
		k = n - i < 57 ? n - i : 57;
		EVP_EncodeBlock(line, (const unsigned char *)s + i, (int)k);
		buf_puts(&b, (const char *)line);
		buf_puts(&b, "\r\n");
	}
	return buf_cstr(&b);
}

/* The body of a message with a part: text, then the part, in multipart/mixed. */
static char *
mail_mixed(struct pool *p, const char *body, const struct mail_part *part,
    const char **ctype)
{
	char	boundary[33];

	if (part == NULL) {
		*ctype = "text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: 8bit";
		return (char *)body;
	}
	if (!mail_header_ok(part->ctype) || part->filename == NULL ||
	    strspn(part->filename, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
	    strlen(part->filename) || random_hex(boundary, 16) == -1)
		return NULL;
	*ctype = pool_printf(p, "multipart/mixed; boundary=\"=_%s\"", boundary);
	return pool_printf(p, "--=_%s\r\nContent-Type: text/plain; "
	    "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n%s\r\n"
	    "--=_%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64"
	    "\r\nContent-Disposition: attachment; filename=\"%s\"\r\n\r\n%s"
	    "--=_%s--", boundary, body, boundary, part->ctype, part->filename,
	    mail_base64(p, part->data), boundary);
}

char *
mail_message(struct pool *p, const char *from, const char *to,
    const char *subject, const char *body, const char *msgid)
{
	return mail_message_part(p, from, to, subject, body, msgid, NULL);
}

char *
mail_message_part(struct pool *p, const char *from, const char *to,
    const char *subject, const char *body, const char *msgid,
    const struct mail_part *part)
{
	char		 date[64], id[33], host[128];
	struct tm	 tm;
	time_t		 now = time(NULL);
	const char	*subj, *ctype, *trace;

	if ((body = mail_mixed(p, body, part, &ctype)) == NULL ||
	    !mail_header_ok(from) || !mail_header_ok(to) ||
	    !mail_header_ok(subject) ||
	    (msgid != NULL && (!mail_header_ok(msgid) ||
	    strpbrk(msgid, "<>@ ") != NULL)) ||
	    (subj = mail_encode_word(p, subject)) == NULL ||
	    (msgid == NULL && random_hex(id, 16) == -1))
		return NULL;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (gethostname(host, sizeof(host)) == -1)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	/* the request's (or the queued row's) W3C traceparent, checked */
	trace = log_trace();
	return pool_printf(p,
	    "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n"
	    "Message-ID: <%s@%s>\r\n%s%s%sMIME-Version: 1.0\r\n"
	    "Content-Type: %s\r\nAuto-Submitted: auto-generated\r\n"
	    "\r\n%s\r\n", date, from, to, subj, msgid != NULL ? msgid : id,
	    host, trace != NULL ? "Traceparent: " : "",
	    trace != NULL ? trace : "", trace != NULL ? "\r\n" : "", ctype,
	    body);
}

struct mail_reader {
	const char	*data;
	size_t		 left;
};

static size_t
mail_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct mail_reader	*m = arg;
	size_t			 n = size * nitems;

	if (n > m->left)
		n = m->left;
	memcpy(buf, m->data, n);
	m->data += n;
	m->left -= n;
	return n;
}

/*
 * A libcurl handle kept between messages: libcurl keeps the SMTP
 * connection open and sends the next message on it, and makes a new one
 * when the server has closed it.
 */
struct mailer {
	CURL		*curl;
};

struct mailer *
mailer_open(void)
{
	struct mailer	*m;

	if ((m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	if ((m->curl = curl_easy_init()) == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void
mailer_close(struct mailer *m)
{
	if (m == NULL)
		return;
	curl_easy_cleanup(m->curl);
	free(m);
}

/*
 * GERR_UPSTREAM: the server could not be reached or failed (try again
 * later, and not with the next message either); GERR_INPUT: it refused
 * this message or address for good (5xx); GERR_SYSTEM: anything else.
 * err gets curl's words, never the address.
 */
enum gerr
mailer_send(struct mailer *mm, struct pool *p, const char *to,
    const char *subject, const char *body, const char *msgid,
    const struct mail_part *part, char *err, size_t errlen)
{
	const char		*from = conf_str("smtp.from");
	const char		*url = conf_str("smtp.url");
	struct curl_slist	*rcpt = NULL;
	struct mail_reader	 m;
	CURL			*c = mm->curl;
	CURLcode		 rc;
	long			 code = 0;
	char			*msg;

	snprintf(err, errlen, "%s", "");
	if ((msg = mail_message_part(p, from, to, subject, body, msgid,
	    part)) == NULL) {
		snprintf(err, errlen, "unusable address or header");
		return GERR_INPUT;
	}
	m.data = msg;
	m.left = strlen(msg);
	if ((rcpt = curl_slist_append(rcpt, to)) == NULL)
		return GERR_NOMEM;
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &m);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
	    (long)conf_int("smtp.timeout"));
	if (conf_bool("smtp.starttls"))
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	if (rc == CURLE_OK)
		return GERR_OK;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	/* The address is personal data: the log names the error only. */
	snprintf(err, errlen, "%s (%ld)", curl_easy_strerror(rc), code);
	if (rc == CURLE_OUT_OF_MEMORY)
		return GERR_SYSTEM;
	/* a 5xx to the recipient or the data is for good */
	if (code >= 500 && code < 600)
		return GERR_INPUT;
	return GERR_UPSTREAM;
}

enum gerr
mail_send(struct pool *p, const char *to, const char *subject,
    const char *body)
{
	struct mailer	*m;
	enum gerr	 e;
	char		 err[160];

	if ((m = mailer_open()) == NULL)
		return GERR_NOMEM;
	e = mailer_send(m, p, to, subject, body, NULL, NULL, err, sizeof(err));
	mailer_close(m);
	if (e != GERR_OK)
		log_warnx("smtp: %s", err);
	return e;
}
