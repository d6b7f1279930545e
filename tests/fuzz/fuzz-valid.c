/*
 * libFuzzer target: every field validator, and idempotent normal forms;
 * the typed path segments apart.
 */
#include <stdint.h>
#include <string.h>

#include "pool.h"
#include "valid.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 in[512], out[512], again[512];
	enum vtype	 t;

	if (size < 1 || size > sizeof(in))
		return 0;
	t = (enum vtype)(data[0] % VT__MAX);
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	/* Path segments: a question's reference is never a dossier's. */
	if (valid_question_ref(in) && (valid_reference(in) || strlen(in) > 19))
		__builtin_trap();
	if (!valid_field(t, in, NULL, out, sizeof(out)))
		return 0;
	/* A normal form is valid and normalises to itself. */
	if (!valid_field(t, out, NULL, again, sizeof(again)) ||
	    strcmp(out, again) != 0)
		__builtin_trap();
	return 0;
}
