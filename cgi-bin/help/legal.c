/*
 * The pages every public site owes its visitors: the privacy statement,
 * the accessibility statement and the legal notice.  Their words are the
 * language files' ("legal."); who publishes, whom to write to and how
 * long data are kept come from guichet.conf's legal.* keys, so an
 * operator states them once and every page says the same.
 */
#include "conf.h"
#include "help.h"

/* A key's value under Legal., left out when unset or empty. */
static void
legal_set(struct req *r, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		tmpl_set(r->hdf, pool_printf(r->pool, "Legal.%s", name), value);
}

static void
legal_hdf(struct req *r)
{
	legal_set(r, "publisher", conf_str("legal.publisher"));
	legal_set(r, "address", conf_str("legal.address"));
	legal_set(r, "bce", conf_str("legal.bce"));
	legal_set(r, "email", conf_str("legal.email"));
	legal_set(r, "hosting", conf_str("legal.hosting"));
	legal_set(r, "dpo_name", conf_str("legal.dpo_name"));
	legal_set(r, "dpo_email", conf_str("legal.dpo_email"));
	legal_set(r, "accessibility_email",
	    conf_str("legal.accessibility_email"));
	legal_set(r, "accessibility_reviewed",
	    conf_str("legal.accessibility_reviewed"));
	legal_set(r, "ombudsman_url", conf_str("legal.ombudsman_url"));
	tmpl_setf(r->hdf, "Legal.retention.dossier_years", "%d",
	    conf_int("legal.retention_dossier_years"));
	tmpl_setf(r->hdf, "Legal.retention.helpdesk_months", "%d",
	    conf_int("legal.retention_helpdesk_months"));
	tmpl_setf(r->hdf, "Legal.retention.log_days", "%d",
	    conf_int("legal.retention_log_days"));
}

/* 200 with the privacy statement. */
enum gerr
page_privacy(struct req *r)
{
	legal_hdf(r);
	r->tmpl = "help/privacy.cs";
	return GERR_OK;
}

/* 200 with the accessibility statement. */
enum gerr
page_accessibility(struct req *r)
{
	legal_hdf(r);
	r->tmpl = "help/accessibility.cs";
	return GERR_OK;
}

/* 200 with the legal notice. */
enum gerr
page_legal_notice(struct req *r)
{
	legal_hdf(r);
	r->tmpl = "help/legal.cs";
	return GERR_OK;
}
