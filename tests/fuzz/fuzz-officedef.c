/*
 * libFuzzer target: offices' definitions (lib/officedef.c).  Nothing may
 * crash, and a definition accepted has what guichet-admin's statements
 * read without a further check: its weekdays known, its spans of eleven
 * bytes.
 */
#include <stdint.h>
#include <string.h>

#include "officedef.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t		*j, *spans, *s;
	const char	*day;
	char		 err[300];
	size_t		 i;

	if ((j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES,
	    NULL)) == NULL)
		return 0;
	if (officedef_check(j, err, sizeof(err)) == 0)
		json_object_foreach(json_object_get(j, "hours"), day, spans) {
			if (officedef_weekday(day) == 0)
				__builtin_trap();
			json_array_foreach(spans, i, s)
				if (strlen(json_string_value(s)) != 11)
					__builtin_trap();
		}
	else if (err[0] == '\0' || strlen(err) >= sizeof(err))
		__builtin_trap();
	json_decref(j);
	return 0;
}
