/* guichet-heatpump: Wallonia's heat-pump premium, a procedure with its own program. */
#ifndef GUICHET_HEATPUMP_H
#define GUICHET_HEATPUMP_H

#include <stddef.h>

#include "answers.h"
#include "app.h"
#include "dossier.h"

#define HEATPUMP_CODE	"HEATPUMP"	/* the procedure this program serves */
#define HEATPUMP_PATH	"/heat-pump"	/* its definition's "program" */

#define SCALE_CATEGORIES_MAX	8
#define SCALE_WORKS_MAX		8
#define SCALE_CODE_MAX		24

/* Amounts are in cents, as long long: no rounding anywhere. */
struct scale_category {
	char		 code[SCALE_CODE_MAX];
	long long	 up_to;		/* reference income at most; -1: above */
	int		 multiplier;
};

struct scale_work {
	char		 code[SCALE_CODE_MAX];
	long long	 base;		/* the work's base amount */
};

/* A version of the procedure's scale (sql/0035), as parsed. */
struct scale {
	long long		 deduction;	/* per dependent child */
	struct scale_category	 cat[SCALE_CATEGORIES_MAX];
	size_t			 ncat;
	struct scale_work	 work[SCALE_WORKS_MAX];
	size_t			 nwork;
	int			 cap_percent;	/* of the invoice */
};

/* What the scale makes of a household's answers, every step kept. */
struct premium {
	long long			 deduction;	/* for all dependents */
	long long			 reference;	/* income less deduction */
	const struct scale_category	*category;
	long long			 base;
	long long			 computed;	/* base x multiplier */
	long long			 cap;		/* share of the invoice */
	long long			 amount;	/* the lower of the two */
	int				 capped;
};

/* scale.c: the scale and the computation, pure */
int		 cents_parse(const char *, long long *);
int		 cents_text(long long, char *, size_t);
int		 scale_parse(const char *json, size_t len, struct scale *,
		    char *err, size_t errsz);
int		 premium_compute(const struct scale *, long long income,
		    long long dependents, const char *work, long long invoice,
		    struct premium *);

/* pages.c: the form's pages, what the answers make, sending */
enum gerr	 page_step(struct req *);
enum gerr	 page_step_post(struct req *);
enum gerr	 page_overview(struct req *);
enum gerr	 page_send(struct req *);

#endif
