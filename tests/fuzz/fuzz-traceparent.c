/* libFuzzer target: a traceparent as lib/log.c checks it before logging it. */
#include <stdint.h>
#include <string.h>

#include "log.h"

/*
 * What passes is exactly 55 bytes of the W3C form, lower-case hex, and
 * log_trace gives it back as set; anything else leaves no trace set.
 */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 in[128];
	const char	*t;
	size_t		 i;

	if (size >= sizeof(in))
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	log_trace_set(in);
	t = log_trace();
	if (log_traceparent_valid(in) == NULL) {
		if (t != NULL)
			__builtin_trap();
		return 0;
	}
	if (t == NULL || strcmp(t, in) != 0 || strlen(t) != 55)
		__builtin_trap();
	for (i = 0; i < 55; i++)
		if (strchr("0123456789abcdef-", t[i]) == NULL || t[i] == '\0')
			__builtin_trap();
	return 0;
}
