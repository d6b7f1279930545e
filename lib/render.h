/* What a form page's templates read: a definition's page, drawn, and the steps. */
#ifndef GUICHET_RENDER_H
#define GUICHET_RENDER_H

#include "answers.h"
#include "dossier.h"

void		 page_hdf(struct req *, const struct dossier *,
		    const struct fpage *, const struct problems *);
void		 progress_hdf(struct req *, const struct dossier *,
		    const struct fpage *);
void		 item_hdf(struct req *, const struct dossier *,
		    const struct fpage *, const struct ffield *group, size_t k,
		    const struct problems *);
void		 file_limits_hdf(struct req *, const struct ffield *, HDF *);
enum gerr	 page_render(struct req *, const struct dossier *,
		    const struct fpage *, const struct problems *, int status,
		    const char *tmpl);

#endif
