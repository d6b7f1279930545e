/* Outgoing mail through SMTP with libcurl. */
#ifndef GUICHET_MAIL_H
#define GUICHET_MAIL_H

#include "gerr.h"
#include "pool.h"

int		 mail_header_ok(const char *);
char		*mail_message(struct pool *, const char *from, const char *to,
		    const char *subject, const char *body, const char *msgid);

struct mailer;
struct mailer	*mailer_open(void);
void		 mailer_close(struct mailer *);
enum gerr	 mailer_send(struct mailer *, struct pool *, const char *to,
		    const char *subject, const char *body, const char *msgid,
		    char *err, size_t errlen);
enum gerr	 mail_send(struct pool *, const char *to, const char *subject,
		    const char *body);

#endif
