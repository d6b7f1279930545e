/*
 * Who logs in.  A person is anchored on the national number when one is
 * known (eID card, FAS, itsme) and may have several ways in, its
 * authenticators: an eID card, an OpenID Connect subject per provider, a
 * verified email address.  A login resolves an identity to its person here,
 * then opens the session with login_finish() (cgi-bin/login), which carries
 * an email-only person's drafts, dossiers and messages over when the same
 * browser steps up to a national-number login.
 */
#ifndef GUICHET_IDENTITY_H
#define GUICHET_IDENTITY_H

#include "app.h"

/* eIDAS levels of assurance, in order: a higher one satisfies a lower. */
enum assurance {
	ASSURANCE_NONE = 0,
	ASSURANCE_LOW,
	ASSURANCE_SUBSTANTIAL,
	ASSURANCE_HIGH
};

enum assurance	 assurance_parse(const char *);	/* NONE if unknown */
const char	*assurance_name(enum assurance);	/* "low", ... */
/* Whether the session reaches a definition's floor ("low" if NULL). */
int		 assurance_meets(const struct session *, const char *floor);

struct identity {
	const char	*kind;		/* "eid", "oidc" or "email" */
	const char	*issuer;	/* the provider's name for "oidc", else "" */
	const char	*subject;	/* card, "sub", or the lower-case address */
	const char	*nrn;		/* checked national number, or NULL */
	const char	*given_names;	/* NULL: unknown, kept as it is */
	const char	*surname;
	const char	*email;		/* a verified address, or NULL */
};

/*
 * Finds or creates the person an identity leads to, records the
 * authenticator, and sets *person_id.  GERR_CONFLICT if the identity's
 * national number differs from the one of the person already logged in
 * in this request's session, or if the authenticator is bound to another
 * national number: two national-number identities are never merged.
 */
enum gerr	 identity_resolve(struct req *, const struct identity *,
		    const char **person_id);

#endif
