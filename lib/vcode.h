/* Verification codes of issued documents: made, read back, keyed. */
#ifndef GUICHET_VCODE_H
#define GUICHET_VCODE_H

#include <stddef.h>

#include "gerr.h"

#define VCODE_DATA	12	/* random symbols: 60 bits */
#define VCODE_LEN	13	/* and the check symbol */
#define VCODE_SHOWN	15	/* "ABCD-EFGH-JKMNP" */

enum gerr	 vcode_new(char code[VCODE_LEN + 1]);
int		 vcode_parse(const char *, size_t, char code[VCODE_LEN + 1]);
void		 vcode_format(const char *, char shown[VCODE_SHOWN + 1]);
void		 vcode_key_hex(const char *code, char hex[65]);
char		 vcode_check(const char *data, size_t n);

#endif
