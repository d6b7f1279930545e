/* Outgoing mail through SMTP with libcurl. */
#ifndef GUICHET_MAIL_H
#define GUICHET_MAIL_H

#include "gerr.h"
#include "pool.h"

/* A part after the text: an invitation (text/calendar; method=REQUEST). */
struct mail_part {
	const char	*ctype;		/* with its parameters, no CR or LF */
	const char	*filename;	/* [A-Za-z0-9._-] only */
	const char	*data;
};

int		 mail_header_ok(const char *);
char		*mail_message(struct pool *, const char *from, const char *to,
		    const char *subject, const char *body, const char *msgid);
/* The same with a part attached (multipart/mixed); part NULL: plain. */
char		*mail_message_part(struct pool *, const char *from,
		    const char *to, const char *subject, const char *body,
		    const char *msgid, const struct mail_part *);

struct mailer;
struct mailer	*mailer_open(void);
void		 mailer_close(struct mailer *);
enum gerr	 mailer_send(struct mailer *, struct pool *, const char *to,
		    const char *subject, const char *body, const char *msgid,
		    const struct mail_part *, char *err, size_t errlen);
enum gerr	 mail_send(struct pool *, const char *to, const char *subject,
		    const char *body);

#endif
