/*
 * libFuzzer target: the verification code's reader (lib/vcode.c), fed
 * what anyone types or puts in a URL.  A code it accepts is canonical,
 * reads back as itself in its shown form, and has a right check symbol.
 */
#include <stdint.h>
#include <string.h>

#include "vcode.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	code[VCODE_LEN + 1], shown[VCODE_SHOWN + 1];
	char	again[VCODE_LEN + 1];
	int	rc;

	rc = vcode_parse((const char *)data, size, code);
	if (rc != 0 && rc != -1 && rc != -2)
		__builtin_trap();
	if (rc != 0)
		return 0;
	if (strlen(code) != VCODE_LEN ||
	    strspn(code, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") != VCODE_LEN ||
	    vcode_check(code, VCODE_DATA) != code[VCODE_DATA])
		__builtin_trap();
	vcode_format(code, shown);
	if (vcode_parse(shown, strlen(shown), again) != 0 ||
	    strcmp(again, code) != 0)
		__builtin_trap();
	return 0;
}
