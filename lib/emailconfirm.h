/*
 * Confirming that an email address is the user's: a single-use link sent
 * through SMTP, of which only the SHA-256 is stored, valid for
 * email.confirm_hours.  The profile's contact address (cgi-bin/login) and
 * a professional address for an organisation (cgi-bin/orgs) both use it.
 */
#ifndef GUICHET_EMAILCONFIRM_H
#define GUICHET_EMAILCONFIRM_H

#include "app.h"

/* Links one person may ask for within an hour, all addresses together. */
#define EMAILCONFIRM_PER_HOUR	5

struct emailconfirm {
	const char	*member_id;	/* org_members.id; NULL: the profile */
	const char	*email;		/* checked already (VT_EMAIL) */
	const char	*path;		/* the confirmation page */
	const char	*ret;		/* where to go on once confirmed, or NULL */
	const char	*texts;		/* "orgs": orgs.mail_subject, ... */
};

/*
 * Stores a new link for the session's person and mails it.  GERR_CONFLICT
 * when too many were asked within the hour, GERR_NOTFOUND when the
 * membership is not theirs, GERR_UPSTREAM when the mail did not go (the
 * link is then useless: nobody has it).
 */
enum gerr	 emailconfirm_send(struct req *, const struct emailconfirm *);

/* The shape of a token (64 hex digits) before anything is looked up. */
int		 emailconfirm_token_ok(const char *);

/*
 * Whether the token is the session's person's, for a membership (member
 * 1) or the profile (0), unused and unexpired, without using it:
 * GERR_OK, or GERR_NOTFOUND.
 */
enum gerr	 emailconfirm_check(struct req *, const char *token, int member);

/*
 * Uses the token: its address becomes the profile's or the member's
 * professional one (sql/0027, email_token_use).  GERR_NOTFOUND, with
 * nothing changed, when it was used, has expired, is of the other kind
 * or is not theirs.  For a membership, *org_id is its organisation.
 */
enum gerr	 emailconfirm_use(struct req *, const char *token, int member,
		    const char **org_id);

/* A language string with "{hours}" made the lifetime of a link. */
const char	*emailconfirm_text(struct req *, const char *key);

#endif
