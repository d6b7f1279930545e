/*
 * libFuzzer target: a definition's fees (lib/fee.c), checked as the import
 * checks them and computed against answers.  The input is one JSON object
 * {"fees": ..., "answers": ...}.  Fees that pass the check always compute
 * (or refuse the answers with GERR_INPUT), to a total that is the sum of
 * its lines, never negative, within the limits the check enforces.
 */
#include <stdint.h>
#include <string.h>

#include "fee.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t	*names;
	json_t		*j, *line;
	struct fee	 f;
	char		 err[600];
	int64_t		 sum = 0;
	enum gerr	 e;
	size_t		 i;

	if (names == NULL)
		names = json_pack("{s:b, s:b, s:b, s:b}", "copies", 1,
		    "urgent", 1, "children", 1, "kind", 1);
	if ((j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL)) == NULL)
		return 0;
	if (fee_check(json_object_get(j, "fees"), names, err, sizeof(err))
	    == 0) {
		e = fee_compute(json_object_get(j, "fees"),
		    json_object_get(j, "answers"), &f);
		if (e != GERR_OK && e != GERR_INPUT)
			__builtin_trap();
		if (e == GERR_OK) {
			json_array_foreach(f.lines, i, line)
				sum += json_integer_value(json_object_get(line,
				    "cents"));
			if (sum != f.total_cents || f.total_cents < 0 ||
			    f.total_cents > (int64_t)FEE_LINES_MAX *
			    FEE_QUANTITY_MAX * FEE_CENTS_MAX ||
			    (f.due == FEE_NONE) != (f.total_cents == 0))
				__builtin_trap();
			json_decref(f.lines);
		}
	}
	json_decref(j);
	return 0;
}
