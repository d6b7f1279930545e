/* What the pages showing a dossier read: facts, answers in words, thread. */
#ifndef GUICHET_SUMMARY_H
#define GUICHET_SUMMARY_H

#include "answers.h"
#include "dossier.h"

void		 hdf_put(struct req *, const char *prefix, const char *name,
		    const char *value);
void		 node_put(HDF *, const char *name, const char *value);
HDF		*node_child(HDF *, const char *name);
HDF		*node_child_n(HDF *, size_t);
const char	*option_label(struct req *, const struct ffield *,
		    const char *v);
const char	*answer_words(struct req *, const struct ffield *,
		    const json_t *v, const struct dossier *, const char *key);
void		 files_hdf(struct req *, const struct dossier *, HDF *,
		    const char *key);
void		 dossier_hdf(struct req *, const struct dossier *);
void		 summary_hdf(struct req *, const struct dossier *,
		    const struct problems *);
void		 thread_hdf(struct req *, const PGresult *);

#endif
