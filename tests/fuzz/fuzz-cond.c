/* libFuzzer target: the condition language, checked and evaluated. */
#include <stdint.h>
#include <string.h>

#include "cond.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static json_t	*answers, *names;
	char		 in[COND_MAX_LEN + 2], err[200];
	int		 checked, r;

	if (answers == NULL) {
		answers = json_pack("{s:s, s:[s], s:[{s:s}], s:{s:s}, s:i}",
		    "a", "yes", "b", "x", "c", "d", "1", "e", "f", "g", "n", 3);
		names = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b}", "a", 1,
		    "b", 1, "c", 1, "d", 1, "e", 1, "n", 1);
	}
	if (size > COND_MAX_LEN + 1)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	checked = cond_check(in, names, err, sizeof(err));
	r = cond_eval(in, answers, json_object_get(answers, "e"));
	/* What passes the check always evaluates to true or false. */
	if (checked == 0 && r != 0 && r != 1)
		__builtin_trap();
	return 0;
}
