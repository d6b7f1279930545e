/*
 * The texts of notification emails: one subject and one paragraph per
 * kind, in the user's language (templates/lang/ files, "notify."), with
 * {reference} and {status} filled in, then the link to the dossier and a
 * footer.  Plain text: nothing here is HTML, and nothing of the dossier
 * but its reference goes out.
 */
#include <ctype.h>
#include <string.h>

#include "helpdesk.h"
#include "notify.h"

/* Kinds the outbox holds, with the key of their texts. */
static const char *const kinds[] = {
	"dossier_submitted", "dossier_status", "complement_request",
	"message", "document", "helpdesk_ack", "helpdesk_answer",
};

static int
kind_known(const char *kind)
{
	size_t	i;

	for (i = 0; i < nitems(kinds); i++)
		if (strcmp(kinds[i], kind) == 0)
			return 1;
	return 0;
}

/*
 * References look like 2026-SESAM-000123 (a dossier) or Q-2026-000042 (a
 * question to the help desk); anything else is refused.
 */
static int
reference_ok(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if (!isupper((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '-')
			return 0;
	return n > 0 && n <= 40;
}

static int
status_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

static char *
fill(struct pool *p, const char *text, const char *reference,
    const char *status)
{
	struct buf	 b;
	const char	*at;

	buf_init(&b, p);
	while ((at = strchr(text, '{')) != NULL) {
		buf_append(&b, text, (size_t)(at - text));
		if (strncmp(at, "{reference}", 11) == 0) {
			buf_puts(&b, reference);
			text = at + 11;
		} else if (strncmp(at, "{status}", 8) == 0) {
			buf_puts(&b, status);
			text = at + 8;
		} else {
			buf_putc(&b, '{');
			text = at + 1;
		}
	}
	buf_puts(&b, text);
	return buf_cstr(&b);
}

/*
 * Where the email sends its reader, and the words before the link: the
 * dossier in the user's space, or a question to the help desk through
 * the link that opens it without logging in (lib/helpdesk.c).
 */
static const char *
notice_link(struct pool *p, const struct notice *n, const char **label)
{
	char	qkey[HELPDESK_KEY_HEX + 1];

	if (strncmp(n->kind, "helpdesk_", 9) != 0) {
		*label = tmpl_str(n->lang, "notify.link");
		return pool_printf(p, "%s/dossiers/%s", n->site, n->reference);
	}
	*label = tmpl_str(n->lang, "notify.helpdesk_link");
	helpdesk_key(n->reference, qkey);
	return pool_printf(p, "%s/help/questions/%s?key=%s", n->site,
	    n->reference, qkey);
}

enum gerr
notice_compose(struct pool *p, struct notice *n)
{
	const char	*status = "", *link, *label;
	char		 key[96];

	if (!kind_known(n->kind) || n->reference == NULL ||
	    !reference_ok(n->reference))
		return GERR_INPUT;
	if (n->status != NULL) {
		if (!status_ok(n->status) || strlen(n->status) > 40)
			return GERR_INPUT;
		snprintf(key, sizeof(key), "dossier.status.%s", n->status);
		status = tmpl_str(n->lang, key);
	}
	snprintf(key, sizeof(key), "notify.%s.subject", n->kind);
	n->subject = fill(p, tmpl_str(n->lang, key), n->reference, status);
	snprintf(key, sizeof(key), "notify.%s.body", n->kind);
	if ((link = notice_link(p, n, &label)) == NULL)
		return GERR_NOMEM;
	n->body = pool_printf(p, "%s\n\n%s\n\n%s\n%s\n\n-- \n%s\n",
	    tmpl_str(n->lang, "notify.greeting"),
	    fill(p, tmpl_str(n->lang, key), n->reference, status), label, link,
	    tmpl_str(n->lang, "notify.footer"));
	n->msgid = pool_printf(p, "notification-%s", n->id);
	return n->subject != NULL && n->body != NULL ? GERR_OK : GERR_NOMEM;
}
