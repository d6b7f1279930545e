/*
 * The texts of notification emails: one subject and one paragraph per
 * kind, in the user's language (templates/lang/ files, "notify."), with
 * {reference}, {status} or {org} filled in, then the link to the dossier
 * (or to the mandates) and a footer.  Plain text: nothing here is HTML,
 * nothing of a dossier but its reference goes out, and of a mandate only
 * the beneficiary's name and number, public in the company register.
 */
#include <ctype.h>
#include <string.h>

#include "helpdesk.h"
#include "notify.h"
#include "valid.h"

/*
 * Kinds the outbox holds, with the profile's switch that turns them off
 * (persons.notify_kinds; NULL: always sent, as a mandate's steps are) and
 * what they are about.
 */
static const struct kind {
	const char	*name;		/* notify.NAME.subject, .body */
	const char	*pref;
	int		 mandate;	/* {org}, else a dossier's {reference} */
} kinds[] = {
	{ "dossier_submitted",	"status",	0 },
	{ "dossier_status",	"status",	0 },
	{ "complement_request",	"status",	0 },
	{ "message",		"message",	0 },
	{ "document",		"document",	0 },
	{ "mandate_requested",	NULL,		1 },
	{ "mandate_given",	NULL,		1 },
	{ "mandate_accepted",	NULL,		1 },
	{ "mandate_refused",	NULL,		1 },
	{ "mandate_revoked",	NULL,		1 },
	{ "helpdesk_ack",	NULL,		0 },	/* answers to a question */
	{ "helpdesk_answer",	NULL,		0 },
	{ "certificate_issued",	"document",	0 },	/* a certificate's request */
	{ "certificate_unknown", "document",	0 },
	{ "certificate_unknown_refunded", "document", 0 },	/* and its payment */
	{ "certificate_refused", "document",	0 },
	{ "payment_due",	"status",	0 },	/* a fee after acceptance */
	{ "payment_reminder",	"status",	0 },
	{ "payment_lapsed",	"status",	0 },
	/* the certificate itself, asked for by email: always sent */
	{ "certificate_email",	NULL,		0 },
};

static const struct kind *
kind_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(kinds); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

/*
 * Whether the person wants this kind by email: prefs is PostgreSQL's text
 * of their notify_kinds ("{status,message}"), NULL for a row of no one.
 * An unknown kind is "wanted", to be refused by notice_compose.
 */
int
notice_wanted(const char *kind, const char *prefs)
{
	const struct kind	*k = kind_find(kind);
	const char		*p;
	size_t			 n;

	if (prefs == NULL || k == NULL || k->pref == NULL)
		return 1;
	n = strlen(k->pref);
	for (p = prefs; (p = strstr(p, k->pref)) != NULL; p += n)
		if (p > prefs && (p[-1] == '{' || p[-1] == ',') &&
		    (p[n] == '}' || p[n] == ','))
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

/*
 * The beneficiary as the mail names it, "Name (0203.201.340)": the
 * number ten digits, the name UTF-8 without control characters, cut at
 * 120 bytes on a character's boundary.  NULL when they are not that.
 */
static const char *
org_label(struct pool *p, const char *bce, const char *name)
{
	size_t	n;

	if (bce == NULL || strlen(bce) != 10 ||
	    strspn(bce, "0123456789") != 10 || name == NULL)
		return NULL;
	n = strlen(name);
	if (!valid_utf8(name, n))
		return NULL;
	for (n = 0; name[n] != '\0'; n++)
		if ((unsigned char)name[n] < 0x20 || name[n] == 0x7f)
			return NULL;
	if (n > 120)
		for (n = 120; n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80;)
			n--;
	return pool_printf(p, "%.*s (%.4s.%.3s.%.3s)", (int)n, name, bce,
	    bce + 4, bce + 7);
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
		} else if (strncmp(at, "{org}", 5) == 0) {
			buf_puts(&b, reference);
			text = at + 5;
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

/* A mandate's step: the beneficiary named, the link to the mandates. */
static enum gerr
compose_mandate(struct pool *p, struct notice *n)
{
	const char	*org = org_label(p, n->org, n->org_name);
	char		 key[96];

	if (org == NULL)
		return GERR_INPUT;
	snprintf(key, sizeof(key), "notify.%s.subject", n->kind);
	n->subject = fill(p, tmpl_str(n->lang, key), org, "");
	snprintf(key, sizeof(key), "notify.%s.body", n->kind);
	n->body = pool_printf(p, "%s\n\n%s\n\n%s\n%s/login/acting"
	    "?return=%%2Forg%%2Fmandates\n\n-- \n%s\n",
	    tmpl_str(n->lang, "notify.greeting"),
	    fill(p, tmpl_str(n->lang, key), org, ""),
	    tmpl_str(n->lang, "notify.link_mandates"), n->site,
	    tmpl_str(n->lang, "notify.footer"));
	return GERR_OK;
}

/*
 * Where the email sends its reader, and the words before the link: the
 * dossier in the user's space, a certificate's request, or a question
 * to the help desk through the link that opens it without logging in
 * (lib/helpdesk.c).
 */
static const char *
notice_link(struct pool *p, const struct notice *n, const char **label)
{
	char	qkey[HELPDESK_KEY_HEX + 1];

	if (strncmp(n->kind, "certificate_", 12) == 0) {
		*label = tmpl_str(n->lang, "notify.link");
		return pool_printf(p, "%s/certificates/requests/%s", n->site,
		    n->reference);
	}
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
	const struct kind	*k = kind_find(n->kind);
	const char		*status = "", *link, *label;
	char			 key[96];

	if (k == NULL)
		return GERR_INPUT;
	n->msgid = pool_printf(p, "notification-%s", n->id);
	if (k->mandate) {
		if (compose_mandate(p, n) != GERR_OK)
			return GERR_INPUT;
		return n->subject != NULL && n->body != NULL &&
		    n->msgid != NULL ? GERR_OK : GERR_NOMEM;
	}
	if (n->reference == NULL || !reference_ok(n->reference))
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
	return n->subject != NULL && n->body != NULL && n->msgid != NULL ?
	    GERR_OK : GERR_NOMEM;
}
