/*
 * Unit tests of the heat-pump premium's computation (cgi-bin/heatpump/
 * scale.c, included): amounts in cents, the scales as published in
 * sql/seed/0006_housing.sql read from that file (so the figures tested
 * are the ones loaded), each bracket's edges, dependent children, the
 * ceiling, and scales refused for what is wrong with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi-bin/heatpump/scale.c"
#include "tap.h"

/* The n-th scale literal of the seed file ('{"deduction_per_dependent" ... }'). */
static int
seed_scale(const char *seed, int n, struct scale *s)
{
	const char	*p = seed, *end;
	char		 err[200];
	int		 i;

	for (i = 0; i <= n; i++)
		if ((p = strstr(i == 0 ? p : p + 1, "'{\"deduction_per_dependent\""))
		    == NULL)
			return -1;
	if ((end = strstr(p, "}'")) == NULL)
		return -1;
	if (scale_parse(p + 1, (size_t)(end - p), s, err, sizeof(err)) == -1) {
		printf("# %s\n", err);
		return -1;
	}
	return 0;
}

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*b;
	long	 n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (b = malloc((size_t)n + 1)) == NULL)
		return NULL;
	b[fread(b, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return b;
}

/* The category code of an income (euros as text) with dependents. */
static const char *
category(const struct scale *s, const char *income, int dependents)
{
	static struct premium	p;
	long long		c;

	if (cents_parse(income, &c) == -1 ||
	    premium_compute(s, c, dependents, "heating", 10000000, &p) == -1)
		return "error";
	return p.category->code;
}

static void
test_cents(void)
{
	long long	c = -1;
	char		b[32];

	ok(cents_parse("1234", &c) == 0 && c == 123400, "1234 is 123400 cents");
	ok(cents_parse("1234.5", &c) == 0 && c == 123450, "1234.5");
	ok(cents_parse("0.01", &c) == 0 && c == 1, "0.01 is a cent");
	ok(cents_parse("12.", &c) == -1, "12. refused");
	ok(cents_parse("1.234", &c) == -1, "three decimals refused");
	ok(cents_parse("-1", &c) == -1, "a sign refused");
	ok(cents_parse("", &c) == -1 && cents_parse(NULL, &c) == -1,
	    "nothing refused");
	ok(cents_parse("1 000", &c) == -1, "a space refused (answers are stored "
	    "normalised)");
	ok(cents_parse("99999999999999999999", &c) == -1, "too big refused, "
	    "not wrapped");
	ok(cents_text(123450, b, sizeof(b)) == 0 && strcmp(b, "1234.50") == 0,
	    "123450 cents written 1234.50");
	ok(cents_text(5, b, sizeof(b)) == 0 && strcmp(b, "0.05") == 0, "0.05");
	ok(cents_text(123450, b, 4) == -1, "a buffer too small says so");
}

/* Each bracket's edges in 2023, and dependent children. */
static const struct {
	const char	*income;
	int		 dependents;
	const char	*category, *name;
} edges[] = {
	{ "24600.00", 0, "r1", "2023: 24,600.00 is R1" },
	{ "24600.01", 0, "r2", "24,600.01 is R2" },
	{ "34900.00", 0, "r2", "34,900.00 is R2" },
	{ "34900.01", 0, "r3", "34,900.01 is R3" },
	{ "46200.00", 0, "r3", "46,200.00 is R3" },
	{ "46200.01", 0, "r4", "46,200.01 is R4" },
	{ "104400.00", 0, "r4", "104,400.00 is R4" },
	{ "104400.01", 0, "r5", "104,400.01 is R5" },
	{ "1000000.00", 0, "r5", "a million is R5" },
	{ "44500.00", 2, "r2", "44,500 less 2 x 5,000 is R2" },
	{ "39900.01", 1, "r3", "39,900.01 less 5,000 is R3" },
	{ "3000.00", 2, "r1", "less than the deduction: R1" },
};

static void
test_2023(const struct scale *s)
{
	struct premium	p;
	size_t		i;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		is_str(category(s, edges[i].income, edges[i].dependents),
		    edges[i].category, edges[i].name);
	ok(premium_compute(s, 3000 * 100, 2, "heating", 100000000, &p) == 0 &&
	    p.reference == 0, "the income taken into account is never "
	    "negative");
	ok(premium_compute(s, 4450000, 2, "heating", 500000, &p) == 0 &&
	    p.deduction == 1000000 && p.reference == 3450000 &&
	    p.category->multiplier == 4 && p.base == 100000 &&
	    p.computed == 400000 && p.cap == 350000 && p.amount == 350000 &&
	    p.capped, "heating, R2, invoice 5,000: 4,000 capped at 3,500");
	ok(premium_compute(s, 4450000, 2, "heating", 980000, &p) == 0 &&
	    p.amount == 400000 && !p.capped, "invoice 9,800: 4,000");
	ok(premium_compute(s, 2000000, 0, "hot_water", 1000000, &p) == 0 &&
	    p.category->multiplier == 6 && p.amount == 300000,
	    "hot water, R1: 500 x 6");
	ok(premium_compute(s, 20000000, 0, "hot_water", 1000000, &p) == 0 &&
	    p.amount == 50000, "hot water, R5: 500 x 1");
	ok(premium_compute(s, 0, 0, "heating", 1, &p) == 0 && p.cap == 0 &&
	    p.amount == 0, "70 % of a cent is no cent (rounded down)");
	ok(premium_compute(s, 0, 0, "boiler", 100, &p) == -1,
	    "a work the scale does not know");
	ok(premium_compute(s, 0, -1, "heating", 100, &p) == -1 &&
	    premium_compute(s, -1, 0, "heating", 100, &p) == -1 &&
	    premium_compute(s, 0, 0, "heating", CENTS_MAX + 1, &p) == -1,
	    "values out of range refused");
}

static void
test_refused(void)
{
	static const struct {
		const char	*json, *why;
	} bad[] = {
		{ "[]", "not an object" },
		{ "{", "not JSON" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 70,"
		  " \"categories\": [{\"code\": \"r1\", \"up_to\": \"20\","
		  " \"multiplier\": 2}, {\"code\": \"r2\", \"up_to\": \"10\","
		  " \"multiplier\": 1}, {\"code\": \"r3\", \"multiplier\": 1}],"
		  " \"works\": [{\"code\": \"a\", \"base\": \"1\"}]}",
		  "categories[1]: \"up_to\" must go up" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 70,"
		  " \"categories\": [{\"code\": \"r1\", \"up_to\": \"20\","
		  " \"multiplier\": 2}], \"works\": [{\"code\": \"a\","
		  " \"base\": \"1\"}]}",
		  "categories[0]: \"up_to\" on every category but the last" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 0,"
		  " \"categories\": [{\"code\": \"r1\", \"multiplier\": 2}],"
		  " \"works\": [{\"code\": \"a\", \"base\": \"1\"}]}",
		  "\"cap_percent\": from 1 to 100" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 70,"
		  " \"categories\": [{\"code\": \"r1\", \"multiplier\": 0}],"
		  " \"works\": [{\"code\": \"a\", \"base\": \"1\"}]}",
		  "categories[0]: multiplier from 1 to 100" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 70,"
		  " \"categories\": [{\"code\": \"R1\", \"multiplier\": 1}],"
		  " \"works\": [{\"code\": \"a\", \"base\": \"1\"}]}",
		  "categories[0]: bad code" },
		{ "{\"deduction_per_dependent\": \"5000\", \"cap_percent\": 70,"
		  " \"categories\": [{\"code\": \"r1\", \"multiplier\": 1}],"
		  " \"works\": [{\"code\": \"a\", \"base\": \"1\"},"
		  " {\"code\": \"a\", \"base\": \"2\"}]}",
		  "works[1]: code used twice" },
		{ "{\"deduction_per_dependent\": 5000, \"cap_percent\": 70}",
		  "\"deduction_per_dependent\": an amount" },
	};
	struct scale	s;
	char		err[200];
	size_t		i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ok(scale_parse(bad[i].json, strlen(bad[i].json), &s, err,
		    sizeof(err)) == -1, bad[i].why);
		is_str(err, bad[i].why, "  with why");
	}
}

int
main(void)
{
	struct scale	s2019, s2023;
	char		path[600], *seed;

	test_cents();
	snprintf(path, sizeof(path), "%s/sql/seed/0006_housing.sql", srcdir());
	seed = slurp(path);
	ok(seed != NULL, "the seed file is read");
	ok(seed != NULL && seed_scale(seed, 0, &s2019) == 0, "scale 2019-06 "
	    "parses");
	ok(seed != NULL && seed_scale(seed, 1, &s2023) == 0, "scale 2023-01 "
	    "parses");
	ok(seed != NULL && seed_scale(seed, 2, &s2023) == -1, "and only those");
	if (seed != NULL && seed_scale(seed, 1, &s2023) == 0)
		test_2023(&s2023);
	if (seed != NULL && seed_scale(seed, 0, &s2019) == 0) {
		is_str(category(&s2019, "23000.00", 0), "r1", "2019: 23,000 is R1");
		is_str(category(&s2019, "24000.00", 0), "r2", "2019: 24,000 is "
		    "R2 (R1 in 2023)");
		is_str(category(&s2019, "97700.01", 0), "r5", "2019: 97,700.01 "
		    "is R5");
		ok(s2019.cap_percent == 70 && s2019.deduction == 500000,
		    "2019: 70 %, 5,000 per child");
	}
	test_refused();
	free(seed);
	return tap_done();
}
