/* guichet-notify: the outbox's rows made into emails. */
#ifndef GUICHET_NOTIFY_H
#define GUICHET_NOTIFY_H

#include "gerr.h"
#include "pool.h"
#include "tmpl.h"

/* One outbox row, and the message made of it. */
struct notice {
	const char	*id;
	const char	*kind;		/* dossier_submitted, dossier_status, ... */
	enum lang	 lang;
	const char	*to;
	const char	*reference;
	const char	*status;	/* the new status, for dossier_status */
	const char	*site;		/* https://guichet.example.be */
	const char	*subject;
	const char	*body;
	const char	*msgid;
};

enum gerr	 notice_compose(struct pool *, struct notice *);

#endif
