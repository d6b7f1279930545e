/* guichet-forms: the catalogue of procedures and the form engine. */
#ifndef GUICHET_FORMS_H
#define GUICHET_FORMS_H

#include <jansson.h>

#include "app.h"

/* A dossier as the form engine sees it, loaded for its owner only. */
struct dossier {
	const char	*id;
	const char	*status;	/* en_cours, complet, soumis, ... */
	const char	*proc_id;
	const char	*version;
	const char	*code;		/* of the procedure */
	const char	*reference;	/* once submitted */
	const char	*submitted_at;
	const char	*updated_at;	/* to the minute, to show */
	const char	*stamp;		/* updated_at exactly, to compare */
	const char	*owner_id;
	const char	*org_id;
	json_t		*data;		/* the answers, freed with the pool */
	json_t		*sources;	/* prefill_sources */
	json_t		*annexes;	/* [{id, field, filename, size, sha256}] */
	json_t		*files;		/* the same by field */
	const char	*number;	/* of its reference, to submit it */
	const json_t	*def;		/* the definition of its version */
};

/* What is wrong with the answers: HTML field name -> language key. */
struct problems {
	json_t		*by_key;
	json_t		*by_page;	/* page id -> count */
	int		 count;
	json_t		*revealed;	/* keys shown for the first time */
};

/* catalogue.c */
enum gerr	page_catalogue(struct req *);
enum gerr	page_procedure(struct req *);

/* engine.c: definitions, answers, checks, HDF for the templates */
const json_t	*def_load(struct req *, const char *proc_id, const char *version);
const char	*def_text(struct req *, const json_t *texts);
const char	*def_title(struct req *, const char *proc_id,
		    const char *version);
enum gerr	 dossier_load(struct req *, const char *id, struct dossier *,
		    int how);
#define LOAD_READ	0
#define LOAD_LOCK	1	/* FOR UPDATE */
#define LOAD_SUBMIT	2	/* and take its reference's number */
enum gerr	 dossier_load_any(struct req *, const char *id,
		    struct dossier *);
int		 is_draft(const struct dossier *);
json_t		*json_pooled(struct req *, json_t *);
int		 page_visible(const json_t *page, const json_t *answers);
int		 field_visible(const json_t *f, const json_t *answers,
		    const json_t *block);
const char	*field_type(const json_t *);
int		 is_type(const json_t *, const char *);
int		 answer_is_empty(const json_t *);
const char	*scalar_problem(struct req *, const json_t *f, const char *v,
		    const char **norm);
const char	*postcode_localities(struct req *, const char *code);
extern const char *const address_parts[5];
const json_t	*page_find(const json_t *def, const char *id, size_t *index);
void		 problems_init(struct problems *, struct req *);
void		 problem_add(struct problems *, const char *page,
		    const char *key, const char *errkey);
void		 answers_check(struct req *, const struct dossier *,
		    const json_t *page, struct problems *);
json_t		*answers_submitted(const struct dossier *);

/* render.c: what the templates read */
void		 hdf_put(struct req *, const char *prefix, const char *name,
		    const char *value);
void		 thread_hdf(struct req *, const PGresult *);
void		 page_hdf(struct req *, const struct dossier *, const json_t *page,
		    const struct problems *);
void		 progress_hdf(struct req *, const struct dossier *,
		    const json_t *page);
void		 dossier_hdf(struct req *, const struct dossier *);
void		 summary_hdf(struct req *, const struct dossier *,
		    const struct problems *);

/* draft.c: starting, filling and leaving a form */
enum gerr	page_start(struct req *);
enum gerr	page_drafts(struct req *);
enum gerr	page_form(struct req *);
enum gerr	page_form_post(struct req *);
enum gerr	page_summary(struct req *);
enum gerr	page_delete(struct req *);
enum gerr	page_file(struct req *);

/* prefill.c: "only once" */
enum gerr	prefill(struct req *, const json_t *def, json_t *data,
		    json_t *sources);

/* submit.c: seal, reference, receipt */
enum gerr	page_submit(struct req *);
enum gerr	page_receipt(struct req *);
enum gerr	receipt_load(struct req *, struct dossier *, const char **digest);

/* receipt.c: the PDF receipt */
enum gerr	page_receipt_pdf(struct req *);

#endif
