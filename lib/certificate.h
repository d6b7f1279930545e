/*
 * Certificates on demand (docs/certificates.md): a request's type, the
 * register's data, and the one way a certificate is issued
 * (certificate_issue: draw, seal, store in the vault, notify), used by
 * the citizens' program, the queue's worker and the agents' inbox alike.
 */
#ifndef GUICHET_CERTIFICATE_H
#define GUICHET_CERTIFICATE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "gerr.h"
#include "pool.h"
#include "tmpl.h"

struct certreq {
	/* the type */
	const char	*type_id;
	const char	*code;
	json_t		*def;		/* freed with the pool */
	int		 automatic;
	const char	*dept_id;
	const char	*issuer;	/* the department's name, in lang */
	/* the person */
	const char	*person_id;
	const char	*nrn;		/* never logged */
	/* the request, once it exists */
	const char	*id;
	const char	*reference;
	enum lang	 lang;		/* the certificate's */
	json_t		*data;		/* the register's, as printed */
	const char	*agent_id;	/* who issues it; NULL: automatic */
};

/*
 * The columns certreq_from_row reads, in order, from
 * "certificate_types t JOIN departments dep ... persons pe" (the
 * department's name in $lang_param), then optionally the request's id,
 * reference, lang and register_data.
 */
#define CERTREQ_COLS(langparam)						\
	"t.id, t.code, t.definition::text, t.automatic, dep.id,"	\
	" coalesce(dep.names->>" langparam ", dep.names->>'fr'),"	\
	" pe.id, pe.nrn"
#define CERTREQ_NCOLS	8

enum gerr	 certreq_from_row(struct pool *, const PGresult *, int row,
		    struct certreq *);
/* The person's data from the national register (connector_get). */
enum gerr	 certificate_lookup(struct pool *, struct certreq *);
/*
 * What the certificate says, for a page (the agents' preview, the print
 * view at a kiosk): under prefix, title, issuer, body, facts.N.{label,
 * value}, table.head.N and table.rows.N.M, legal, seal_holder; with code
 * (the stored verification code) also code (as printed), code_url and
 * its QR code's dark runs (qr.size, qr.runs.N.{x,y,w}, in modules).
 */
void		 certificate_hdf(struct pool *, HDF *, const char *prefix,
		    const struct certreq *, const char *code);
/*
 * The PDF of the certificate, from c->data, in c->lang, with its
 * verification code and QR code when code is not NULL.
 */
struct doccode;
enum gerr	 certificate_draw(struct pool *, const struct certreq *,
		    const struct doccode *, char **pdf, size_t *len);
/*
 * Draws, seals and stores the certificate of request c->id (queued or
 * checking) with c->data: the document in the vault, the request issued
 * with the data used, the user notified.  GERR_CONFLICT when the request
 * was no longer waiting (issued or refused meanwhile).
 */
enum gerr	 certificate_issue(struct pool *, const struct certreq *);
/* A word of the language files in a certificate's language (certfill). */
const char	*certificate_word(const char *lang, const char *key);
/* The title of the type in a language. */
const char	*certificate_title(const struct certreq *, enum lang);

#endif
