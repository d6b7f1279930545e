/* guichet-forms: the catalogue of procedures and the form pages. */
#ifndef GUICHET_FORMS_H
#define GUICHET_FORMS_H

#include <jansson.h>

#include "answers.h"
#include "app.h"
#include "dossier.h"
#include "formdef.h"
#include "render.h"
#include "summary.h"

/* catalogue.c */
enum gerr	page_catalogue(struct req *);
enum gerr	page_procedure(struct req *);

/* items.c: a large group's blocks, one page each */
enum gerr	page_item(struct req *);
enum gerr	page_item_post(struct req *);
const char	*item_path(struct req *, const struct dossier *,
		    const struct fpage *, const struct ffield *, size_t k);

/* draft.c: starting, filling and leaving a form */
const char	*json_text(struct req *, const json_t *);
enum gerr	 draft_load(struct req *, struct dossier *, int lock, int *gone);
void		 revealed_keys(struct req *, const struct dossier *,
		    const struct fblock *, const char *prefix, const json_t *before,
		    const json_t *block, const json_t *oldblock, json_t *out);
void		 problems_drop_revealed(struct problems *);
enum gerr	page_start(struct req *);
enum gerr	page_drafts(struct req *);
enum gerr	page_form(struct req *);
enum gerr	page_form_post(struct req *);
enum gerr	page_summary(struct req *);
enum gerr	page_delete(struct req *);

/* annex.c: a form's PDF files */
enum gerr	 store_uploads(struct req *, struct dossier *,
		    const struct fpage *, struct problems *);
enum gerr	 file_remove(struct req *, struct dossier *, const char *id);
enum gerr	 block_files_remove(struct req *, struct dossier *,
		    const char *group, size_t k);
enum gerr	 page_file(struct req *);
enum gerr	 page_attach(struct req *);
enum gerr	 page_attach_post(struct req *);

/* prefill.c: "only once" */
enum gerr	prefill(struct req *, const struct fdef *, json_t *data,
		    json_t *sources);
enum gerr	prefill_missing(struct req *, struct dossier *);

/* submit.c: seal, reference, receipt */
enum gerr	page_submit(struct req *);
enum gerr	page_receipt(struct req *);
enum gerr	receipt_load(struct req *, struct dossier *, const char **digest);

/* payment.c: a fee paid to send the dossier */
struct fee;
enum gerr	 fee_of(struct req *, const struct dossier *, struct fee *);
enum gerr	 pay_and_send(struct req *, struct dossier *, const struct fee *);
enum gerr	 page_payment(struct req *);
enum gerr	 page_payment_cancel(struct req *);
enum gerr	 page_payment_webhook(struct req *);

/* receipt.c: the PDF receipt */
enum gerr	page_receipt_pdf(struct req *);

#endif
