/* The heat-pump premium's scale and computation: pure, no request, no database. */
#ifndef GUICHET_HEATPUMP_SCALE_H
#define GUICHET_HEATPUMP_SCALE_H

#include <stddef.h>

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

int		 cents_parse(const char *, long long *);
int		 cents_text(long long, char *, size_t);
int		 scale_parse(const char *json, size_t len, struct scale *,
		    char *err, size_t errsz);
int		 premium_compute(const struct scale *, long long income,
		    long long dependents, const char *work, long long invoice,
		    struct premium *);

#endif
