/*
 * libFuzzer target for the heat-pump premium's scale and computation
 * (cgi-bin/heatpump/scale.c): whatever bytes a scale is read from, a
 * scale parsed computes, for any income, children, work and invoice, an
 * amount within its ceiling and its base amount multiplied, from a
 * category of the scale; an amount read as text is read back the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../cgi-bin/heatpump/scale.c"

static void
compute_all(const struct scale *s, const uint8_t *data, size_t size)
{
	static const long long	 incomes[] = { 0, 1, 2299999, 2460000,
				    2460001, 10440001, CENTS_MAX };
	struct premium		 p;
	size_t			 i, w;
	long long		 dep = size > 0 ? data[0] % 8 : 0;

	for (i = 0; i < sizeof(incomes) / sizeof(incomes[0]); i++)
		for (w = 0; w < s->nwork; w++) {
			if (premium_compute(s, incomes[i], dep, s->work[w].code,
			    incomes[i] / 3, &p) == -1)
				abort();
			if (p.category == NULL || p.reference < 0 ||
			    p.amount > p.cap || p.amount > p.computed ||
			    p.computed != p.base * p.category->multiplier)
				abort();
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scale	 s;
	char		 err[200], text[64], *copy;
	long long	 c, back;

	if (scale_parse((const char *)data, size, &s, err, sizeof(err)) == 0)
		compute_all(&s, data, size);
	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (cents_parse(copy, &c) == 0 && (cents_text(c, text,
	    sizeof(text)) != 0 || cents_parse(text, &back) != 0 || back != c))
		abort();
	free(copy);
	return 0;
}
