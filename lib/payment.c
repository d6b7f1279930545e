/* The payment providers' registry, their states' names, and their settings from guichet.conf. */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "log.h"
#include "payment.h"

const char *const pay_status_names[PAY__MAX] = {
	[PAY_CREATED] = "created",
	[PAY_STARTED] = "started",
	[PAY_SUBMITTED] = "submitted",
	[PAY_SUCCESS] = "success",
	[PAY_FAILED] = "failed",
	[PAY_CANCELLED] = "cancelled",
	[PAY_ERROR] = "error",
	[PAY_EXPIRED] = "expired",
};

int
pay_status_final(enum pay_status s)
{
	return s == PAY_SUCCESS || s == PAY_FAILED || s == PAY_CANCELLED ||
	    s == PAY_ERROR || s == PAY_EXPIRED;
}

/* Every adapter, by the name payments.provider gives. */
static const struct payprovider *const payproviders[] = {
	&pay_govuk,
	&payprovider_stripe,
};

const struct payprovider *
payprovider_find(const char *name)
{
	size_t	 i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < nitems(payproviders); i++)
		if (strcmp(payproviders[i]->name, name) == 0)
			return payproviders[i];
	return NULL;
}

/*
 * A secret's first line, read at each use (it may rotate); NULL with the
 * cause logged, never the secret.
 */
static const char *
payconf_secret(struct pool *p, const char *key, const char *path)
{
	FILE		*f;
	char		 line[512];
	size_t		 n;

	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		log_warnx("payments: %s: no readable file", key);
		return NULL;
	}
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0') {
		log_warnx("payments: %s: the file is empty", key);
		return NULL;
	}
	return pool_strdup(p, line);
}

const struct payprovider *
payconf_load(struct pool *p, struct payconf *pc)
{
	const struct payprovider *pp;
	const char	*name = conf_str("payments.provider");

	memset(pc, 0, sizeof(*pc));
	if (name == NULL || (pp = payprovider_find(name)) == NULL) {
		log_warnx("payments: payments.provider names no adapter");
		return NULL;
	}
	pc->url = conf_str("payments.url");
	pc->cacert = conf_str("payments.cacert");
	pc->timeout_ms = conf_int("payments.timeout_ms");
	if (pc->url == NULL) {
		log_warnx("payments: payments.url is not set");
		return NULL;
	}
	if ((pc->key = payconf_secret(p, "payments.key_file",
	    conf_str("payments.key_file"))) == NULL ||
	    (pc->webhook_secret = payconf_secret(p,
	    "payments.webhook_secret_file",
	    conf_str("payments.webhook_secret_file"))) == NULL)
		return NULL;
	return pp;
}
