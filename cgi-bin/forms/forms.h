/* guichet-forms: the catalogue of procedures and the form pages. */
#ifndef GUICHET_FORMS_H
#define GUICHET_FORMS_H

#include <jansson.h>

#include "answers.h"
#include "app.h"
#include "dossier.h"
#include "form.h"
#include "formdef.h"
#include "summary.h"

/* catalogue.c */
enum gerr	page_catalogue(struct req *);
enum gerr	page_procedure(struct req *);

/* render.c: what a form page's templates read */
void		 page_hdf(struct req *, const struct dossier *,
		    const struct fpage *, const struct problems *);
void		 progress_hdf(struct req *, const struct dossier *,
		    const struct fpage *);

/* draft.c: starting, filling and leaving a form */
enum gerr	page_start(struct req *);
enum gerr	page_drafts(struct req *);
enum gerr	page_form(struct req *);
enum gerr	page_form_post(struct req *);
enum gerr	page_summary(struct req *);
enum gerr	page_delete(struct req *);
enum gerr	page_file(struct req *);

/* prefill.c: "only once" */
enum gerr	prefill(struct req *, const struct fdef *, json_t *data,
		    json_t *sources);

/* submit.c: seal, reference, receipt */
enum gerr	page_submit(struct req *);
enum gerr	page_receipt(struct req *);
enum gerr	receipt_load(struct req *, struct dossier *, const char **digest);

/* receipt.c: the PDF receipt */
enum gerr	page_receipt_pdf(struct req *);

#endif
