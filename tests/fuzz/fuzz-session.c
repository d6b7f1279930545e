/* libFuzzer target: session cookies as the programs parse them. */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "session.h"

/* The secret is not loaded: a zero key, which changes nothing to parsing. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	cookie[512], id[SESSION_ID_HEX + 1];
	time_t	exp;

	if (size >= sizeof(cookie))
		return 0;
	memcpy(cookie, data, size);
	cookie[size] = '\0';
	if (session_cookie_parse(cookie, id, &exp) == 0 &&
	    (strlen(id) != SESSION_ID_HEX || exp <= 0))
		__builtin_trap();
	return 0;
}
