/*
 * Unit tests of lib/vcode.c: codes made with 60 random bits and a check
 * symbol, read back whatever the case, hyphens and look-alike letters,
 * every single mistyped symbol and every swap of two neighbours (but 0
 * and Z) caught, and the key a document is found by.
 */
#include <unistd.h>

#include "tap.h"
#include "crypto.h"
#include "vcode.h"

static const char	alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Every single-symbol change of a code is refused by its check. */
static int
all_typos_caught(const char *code)
{
	char	t[VCODE_LEN + 1], out[VCODE_LEN + 1];
	size_t	i, k;

	for (i = 0; i < VCODE_LEN; i++)
		for (k = 0; k < 32; k++) {
			if (alphabet[k] == code[i])
				continue;
			memcpy(t, code, sizeof(t));
			t[i] = alphabet[k];
			if (vcode_parse(t, VCODE_LEN, out) != -2)
				return 0;
		}
	return 1;
}

/*
 * Every swap of two different neighbours is refused too, but for 0 and Z
 * (values 0 and 31), the one pair Luhn mod 32 cannot tell apart.
 */
static int
all_swaps_caught(const char *code)
{
	char	t[VCODE_LEN + 1], out[VCODE_LEN + 1], c;
	size_t	i;

	for (i = 0; i + 1 < VCODE_LEN; i++) {
		if (code[i] == code[i + 1] ||
		    (code[i] == '0' && code[i + 1] == 'Z') ||
		    (code[i] == 'Z' && code[i + 1] == '0'))
			continue;
		memcpy(t, code, sizeof(t));
		c = t[i];
		t[i] = t[i + 1];
		t[i + 1] = c;
		if (vcode_parse(t, VCODE_LEN, out) == 0)
			return 0;
	}
	return 1;
}

int
main(void)
{
	char	 code[VCODE_LEN + 1], other[VCODE_LEN + 1];
	char	 out[VCODE_LEN + 1];
	char	 shown[VCODE_SHOWN + 1], typed[40], key[65], key2[65];
	char	 tmp[] = "/tmp/guichet-vcode-XXXXXX";
	int	 i, typos = 1, swaps = 1, distinct = 1;
	FILE	*f;

	ok(vcode_new(code) == GERR_OK, "a code is made");
	is_int((long long)strlen(code), VCODE_LEN, "of 13 symbols");
	ok(strspn(code, alphabet) == VCODE_LEN, "all of Crockford's base32");
	is_int(vcode_parse(code, strlen(code), out), 0, "it reads back");
	is_str(out, code, "as itself");
	vcode_format(code, shown);
	ok(strlen(shown) == 15 && shown[4] == '-' && shown[9] == '-' &&
	    strncmp(shown + 10, code + 8, 5) == 0, "shown in three groups");
	for (i = 0; i < 15; i++)
		typed[i] = shown[i] >= 'A' && shown[i] <= 'Z' ?
		    (char)(shown[i] - 'A' + 'a') : shown[i];
	typed[15] = '\0';
	is_int(vcode_parse(typed, strlen(typed), out), 0,
	    "typed in lower case with its hyphens");
	is_str(out, code, "it is the same code");
	snprintf(typed, sizeof(typed), " %.4s %.4s %.5s ", code, code + 4,
	    code + 8);
	is_int(vcode_parse(typed, strlen(typed), out), 0, "or with spaces");

	/* O, I and L read as 0, 1 and 1 */
	memcpy(other, "0123456789AB", 12);
	other[12] = vcode_check(other, 12);
	other[13] = '\0';
	is_int(vcode_parse("O1234567890AB", 12, out), -1,
	    "12 symbols: not a code");
	snprintf(typed, sizeof(typed), "OI23456789AB%c", other[12]);
	is_int(vcode_parse(typed, strlen(typed), out), 0,
	    "O and I typed for 0 and 1");
	is_str(out, other, "read as 0 and 1");
	snprintf(typed, sizeof(typed), "0l23456789ab%c", other[12]);
	is_int(vcode_parse(typed, strlen(typed), out), 0, "and l for 1");
	is_int(vcode_parse("0123456789ABU", 13, out), -1, "U is no symbol");
	is_int(vcode_parse("0123456789AB!", 13, out), -1, "nor punctuation");
	is_int(vcode_parse("", 0, out), -1, "nothing is no code");
	is_int(vcode_parse("0123456789ABCDEF", 16, out), -1, "16 is too many");
	is_int(vcode_parse("0123456789AB\0C", 14, out), -1,
	    "a NUL inside is refused");
	memset(typed, '-', sizeof(typed));
	is_int(vcode_parse(typed, sizeof(typed), out), -1, "hyphens alone");

	for (i = 0; i < 200; i++) {
		if (vcode_new(code) != GERR_OK)
			return 1;
		typos &= all_typos_caught(code);
		swaps &= all_swaps_caught(code);
		if (vcode_new(other) != GERR_OK)
			return 1;
		distinct &= strcmp(code, other) != 0;
	}
	ok(typos, "every single mistyped symbol is caught (200 codes)");
	ok(swaps, "every swap of two neighbours is caught, but 0 and Z");
	ok(distinct, "200 pairs of new codes all differ");

	/* the key: keyed by the secret, one per code */
	if ((i = mkstemp(tmp)) == -1 || (f = fdopen(i, "w")) == NULL)
		return 1;
	fputs("0123456789abcdef0123456789abcdef0123456789abcdef", f);
	fclose(f);
	ok(secret_load(tmp) == GERR_OK, "a secret");
	vcode_key_hex(code, key);
	vcode_key_hex(code, key2);
	is_str(key, key2, "a code's key is stable");
	ok(strlen(key) == 64 && strspn(key, "0123456789abcdef") == 64,
	    "64 hex digits");
	vcode_key_hex(other, key2);
	ok(strcmp(key, key2) != 0, "another code, another key");
	f = fopen(tmp, "w");
	fputs("another secret, another key for the same code, 32+", f);
	fclose(f);
	secret_load(tmp);
	vcode_key_hex(code, key2);
	ok(strcmp(key, key2) != 0, "the key depends on the secret");
	remove(tmp);
	return tap_done();
}
