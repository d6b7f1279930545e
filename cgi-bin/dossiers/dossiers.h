/* guichet-dossiers: the user's space once a dossier is sent. */
#ifndef GUICHET_DOSSIERS_H
#define GUICHET_DOSSIERS_H

#include "app.h"
#include "dossier.h"
#include "formdef.h"
#include "summary.h"

/* list.c: "Mes dossiers" and "Mes documents" */
enum gerr	page_list(struct req *);
enum gerr	page_documents(struct req *);
enum gerr	page_document_file(struct req *);

/* view.c: one dossier, its thread, its documents */
enum gerr	page_dossier(struct req *);
enum gerr	page_message(struct req *);
enum gerr	page_message_file(struct req *);
enum gerr	page_archive(struct req *);
enum gerr	mail_call_hdf(struct req *, const char *dossier_id);

/* pay.c: a fee due after acceptance */
enum gerr	fee_due_hdf(struct req *, const struct dossier *);
enum gerr	page_fee_pay(struct req *);
enum gerr	page_fee_payment(struct req *);
enum gerr	page_fee_payment_cancel(struct req *);

/* data.c: "Mes données" */
enum gerr	page_my_data(struct req *);


#endif
