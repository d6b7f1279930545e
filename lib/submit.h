/* Sealing and submitting a draft: reference, digest, seal, event, notification. */
#ifndef GUICHET_SUBMIT_H
#define GUICHET_SUBMIT_H

#include "dossier.h"

const char	*submit_key(struct req *);
enum gerr	 dossier_submit(struct req *, struct dossier *, const char *key);

#endif
