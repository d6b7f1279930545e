/* Outgoing mail through SMTP with libcurl. */
#ifndef GUICHET_MAIL_H
#define GUICHET_MAIL_H

#include "gerr.h"
#include "pool.h"

#include <stddef.h>

/* A file sent with a message: our name for it, its type, its bytes. */
struct mail_attachment {
	const char	*filename;	/* ASCII, no quote: certificate-C-2026-000042.pdf */
	const char	*ctype;		/* application/pdf */
	const void	*data;
	size_t		 len;
};

int		 mail_header_ok(const char *);
char		*mail_message(struct pool *, const char *from, const char *to,
		    const char *subject, const char *body, const char *msgid);
char		*mail_message_with(struct pool *, const char *from,
		    const char *to, const char *subject, const char *body,
		    const char *msgid, const struct mail_attachment *);

struct mailer;
struct mailer	*mailer_open(void);
void		 mailer_close(struct mailer *);
enum gerr	 mailer_send(struct mailer *, struct pool *, const char *to,
		    const char *subject, const char *body, const char *msgid,
		    const struct mail_attachment *, char *err, size_t errlen);
enum gerr	 mail_send(struct pool *, const char *to, const char *subject,
		    const char *body);

#endif
