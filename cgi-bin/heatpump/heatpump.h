/* guichet-heatpump: Wallonia's heat-pump premium, a procedure with its own program. */
#ifndef GUICHET_HEATPUMP_H
#define GUICHET_HEATPUMP_H

#include <stddef.h>

#include "answers.h"
#include "app.h"
#include "dossier.h"
#include "scale.h"

#define HEATPUMP_CODE	"HEATPUMP"	/* the procedure this program serves */
#define HEATPUMP_PATH	"/heat-pump"	/* its definition's "program" */

/* pages.c: the form's pages, what the answers make, sending */
enum gerr	 page_step(struct req *);
enum gerr	 page_step_post(struct req *);
enum gerr	 page_overview(struct req *);
enum gerr	 page_send(struct req *);

#endif
