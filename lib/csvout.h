/*
 * A growable buffer for exports written out as they are made (the API's
 * export, the reconciliation's CSV): it never holds more than a piece and
 * a row.  A failure to grow is kept in failed, so the caller refuses the
 * row whole instead of writing it cut short.  CSV cells are quoted, and a
 * cell a spreadsheet would take for a formula is prefixed with a quote
 * (a signed number, "-5.00", stays a number).
 */
#ifndef GUICHET_CSVOUT_H
#define GUICHET_CSVOUT_H

#include <stddef.h>

struct csvout {
	char	*data;
	size_t	 len;
	size_t	 cap;
	int	 failed;
};

/* realloc(3); a unit test puts one that fails in its place */
extern void	*(*csvout_realloc)(void *, size_t);

void	 csvout_free(void *);		/* a pool_defer cleanup: the data */
void	 csvout_put(struct csvout *, const char *, size_t);
void	 csvout_cell(struct csvout *, const char *, int first);

#endif
