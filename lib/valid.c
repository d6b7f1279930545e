/* Pure validators: each checks one typed field and writes its normal form. */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gerr.h"
#include "valid.h"

#define TEXT_MAX	200
#define LONGTEXT_MAX	5000

const struct validator validators[VT__MAX] = {
	[VT_TEXT] =	{ "text",	valid_text,	"err.text" },
	[VT_LONGTEXT] =	{ "longtext",	valid_longtext,	"err.text" },
	[VT_INT] =	{ "int",	valid_int,	"err.int" },
	[VT_DATE] =	{ "date",	valid_date,	"err.date" },
	[VT_EMAIL] =	{ "email",	valid_email,	"err.email" },
	[VT_PHONE] =	{ "phone",	valid_phone,	"err.phone" },
	[VT_IBAN] =	{ "iban",	valid_iban,	"err.iban" },
	[VT_POSTCODE] =	{ "postcode",	valid_postcode,	"err.postcode" },
	[VT_NRN] =	{ "nrn",	valid_nrn,	"err.nrn" },
	[VT_BCE] =	{ "bce",	valid_bce,	"err.bce" },
	[VT_DECIMAL] =	{ "decimal",	valid_decimal,	"err.decimal" },
	[VT_MONEY] =	{ "money",	valid_money,	"err.money" },
};

int
valid_field(enum vtype t, const char *in, const struct vlimits *lim,
    char *out, size_t outsz)
{
	if (t >= VT__MAX || in == NULL)
		return 0;
	return validators[t].check(in, lim, out, outsz);
}

int
valid_vtype_from_name(const char *name, enum vtype *t)
{
	size_t	i;

	for (i = 0; i < VT__MAX; i++)
		if (strcmp(validators[i].name, name) == 0) {
			*t = (enum vtype)i;
			return 1;
		}
	return 0;
}

/* Copies the normal form out, if the caller wants it and it fits. */
static int
put(const char *s, char *out, size_t outsz)
{
	size_t	n;

	if (out == NULL)
		return 1;
	n = strlen(s);
	if (n >= outsz)
		return 0;
	memcpy(out, s, n + 1);
	return 1;
}

/* Strict UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
int
valid_utf8(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	uint32_t		 cp;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 1;
			cp = s[i] & 0x1f;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = s[i] & 0x0f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			cp = s[i] & 0x07;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Counts code points of a string already known to be valid UTF-8. */
size_t
valid_utf8_chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static int
text_check(const char *in, const struct vlimits *lim, int multiline,
    size_t dflmax, char *out, size_t outsz)
{
	size_t			 len = strlen(in), chars, i, max;
	const unsigned char	*s = (const unsigned char *)in;

	if (!valid_utf8(in, len))
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == 0x7f)
			return 0;
		if (s[i] >= 0x20)
			continue;
		if (s[i] == '\t' ||
		    (multiline && (s[i] == '\n' || s[i] == '\r')))
			continue;
		return 0;
	}
	chars = valid_utf8_chars(in, len);
	max = lim != NULL && lim->maxlen ? lim->maxlen : dflmax;
	if (chars > max || (lim != NULL && chars < lim->minlen))
		return 0;
	return put(in, out, outsz);
}

int
valid_text(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	return text_check(in, lim, 0, TEXT_MAX, out, outsz);
}

int
valid_longtext(const char *in, const struct vlimits *lim, char *out,
    size_t outsz)
{
	return text_check(in, lim, 1, LONGTEXT_MAX, out, outsz);
}

int
valid_int(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char		*end;
	long long	 v;
	char		 norm[32];

	if (*in == '\0' || strlen(in) > 20 || isspace((unsigned char)*in))
		return 0;
	errno = 0;
	v = strtoll(in, &end, 10);
	if (errno != 0 || *end != '\0')
		return 0;
	if (lim != NULL && lim->min < lim->max && (v < lim->min || v > lim->max))
		return 0;
	snprintf(norm, sizeof(norm), "%lld", v);
	return put(norm, out, outsz);
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const int	 days[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* n digits at s as a number, or -1 (also lib/ical.c's dates). */
int
valid_digits(const char *s, size_t n)
{
	int	 v = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * The Belgian habit, day first: "15/11/2026", "5/1/2026" or "15.11.2026"
 * (one or two digits for the day and the month, four for the year).
 */
static int
day_first(const char *in, int *y, int *m, int *d)
{
	const char	*s = in;
	char		 sep;
	size_t		 n;

	if ((n = strspn(s, "0123456789")) < 1 || n > 2 ||
	    (s[n] != '/' && s[n] != '.'))
		return 0;
	*d = valid_digits(s, n);
	sep = s[n];
	s += n + 1;
	if ((n = strspn(s, "0123456789")) < 1 || n > 2 || s[n] != sep)
		return 0;
	*m = valid_digits(s, n);
	s += n + 1;
	if (strspn(s, "0123456789") != 4 || s[4] != '\0')
		return 0;
	*y = valid_digits(s, 4);
	return 1;
}

/* A real calendar day, as YYYY-MM-DD or day first; stored as ISO. */
int
valid_date(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char	iso[40];	/* 11 used; room for what -O0 cannot bound */
	int	y, m, d;

	(void)lim;
	if (strlen(in) == 10 && in[4] == '-' && in[7] == '-') {
		y = valid_digits(in, 4);
		m = valid_digits(in + 5, 2);
		d = valid_digits(in + 8, 2);
	} else if (!day_first(in, &y, &m, &d))
		return 0;
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
	return put(iso, out, outsz);
}

static int
email_local_char(int c)
{
	return isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~-.", c) != NULL;
}

static int
valid_domain(const char *d)
{
	size_t		 label = 0, labels = 0;
	const char	*p, *tld = d;

	if (*d == '\0' || strlen(d) > 253)
		return 0;
	for (p = d; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63 || p[-1] == '-')
				return 0;
			labels++;
			if (*p == '\0')
				break;
			tld = p + 1;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && *p != '-')
			return 0;
		if (label == 0 && *p == '-')
			return 0;
		label++;
	}
	if (labels < 2 || strlen(tld) < 2)
		return 0;
	for (p = tld; *p != '\0'; p++)
		if (!isalpha((unsigned char)*p))
			return 0;
	return 1;
}

int
valid_email(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	const char	*at, *p;
	char		 norm[256];
	size_t		 llen, i;

	(void)lim;
	if (strlen(in) > 254 || (at = strrchr(in, '@')) == NULL)
		return 0;
	llen = (size_t)(at - in);
	if (llen == 0 || llen > 64 || in[0] == '.' || at[-1] == '.')
		return 0;
	for (p = in; p < at; p++)
		if (!email_local_char((unsigned char)*p) ||
		    (*p == '.' && p[1] == '.'))
			return 0;
	if (!valid_domain(at + 1))
		return 0;
	/* The domain is case-insensitive; the local part is kept as typed. */
	memcpy(norm, in, llen + 1);
	for (i = llen + 1; in[i] != '\0'; i++)
		norm[i] = (char)tolower((unsigned char)in[i]);
	norm[i] = '\0';
	return put(norm, out, outsz);
}

/* Collects the digits of in, skipping the separators in seps. */
static int
collect_digits(const char *in, const char *seps, char *d, size_t dsz)
{
	size_t	n = 0;

	for (; *in != '\0'; in++) {
		if (isdigit((unsigned char)*in)) {
			if (n + 1 >= dsz)
				return -1;
			d[n++] = *in;
		} else if (strchr(seps, *in) == NULL)
			return -1;
	}
	d[n] = '\0';
	return (int)n;
}

int
valid_phone(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char		 d[32], norm[40];
	const char	*p = in;
	int		 n, intl = 0;

	(void)lim;
	while (*p == ' ')
		p++;
	if (*p == '+') {
		intl = 1;
		p++;
	}
	if ((n = collect_digits(p, " ./-()", d, sizeof(d))) < 8)
		return 0;
	if (!intl && strncmp(d, "00", 2) == 0) {
		memmove(d, d + 2, (size_t)n - 1);
		n -= 2;
		intl = 1;
	}
	if (intl) {
		if (d[0] == '0' || n < 8 || n > 15)
			return 0;
		if (strncmp(d, "32", 2) == 0 && (n < 10 || n > 11))
			return 0;
		snprintf(norm, sizeof(norm), "+%s", d);
	} else {
		/* A national Belgian number: 0 then 8 or 9 digits. */
		if (d[0] != '0' || n < 9 || n > 10)
			return 0;
		snprintf(norm, sizeof(norm), "+32%s", d + 1);
	}
	return put(norm, out, outsz);
}

static const struct {
	char	cc[3];
	int	len;
} iban_lengths[] = {
	{ "AD", 24 }, { "AT", 20 }, { "BE", 16 }, { "BG", 22 }, { "CH", 21 },
	{ "CY", 28 }, { "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "EE", 20 },
	{ "ES", 24 }, { "FI", 18 }, { "FR", 27 }, { "GB", 22 }, { "GI", 23 },
	{ "GR", 27 }, { "HR", 21 }, { "HU", 28 }, { "IE", 22 }, { "IS", 26 },
	{ "IT", 27 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 },
	{ "MC", 27 }, { "MT", 31 }, { "NL", 18 }, { "NO", 15 }, { "PL", 28 },
	{ "PT", 25 }, { "RO", 24 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 },
	{ "SM", 27 }, { "VA", 22 },
};

static int
iban_length(const char *cc)
{
	size_t	i;

	for (i = 0; i < nitems(iban_lengths); i++)
		if (memcmp(iban_lengths[i].cc, cc, 2) == 0)
			return iban_lengths[i].len;
	return 0;
}

int
valid_iban(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char		 iban[40];
	size_t		 n = 0, i;
	unsigned	 rem = 0;
	int		 c;

	(void)lim;
	for (; *in != '\0'; in++) {
		if (*in == ' ')
			continue;
		if (!isalnum((unsigned char)*in) || n + 1 >= sizeof(iban))
			return 0;
		iban[n++] = (char)toupper((unsigned char)*in);
	}
	iban[n] = '\0';
	if (n < 15 || !isalpha((unsigned char)iban[0]) ||
	    !isalpha((unsigned char)iban[1]) ||
	    !isdigit((unsigned char)iban[2]) || !isdigit((unsigned char)iban[3]))
		return 0;
	if ((size_t)iban_length(iban) != n)
		return 0;
	/* Mod 97 over the rearranged number, letters as 10..35 (ISO 13616). */
	for (i = 0; i < n; i++) {
		c = iban[(i + 4) % n];
		if (isdigit(c))
			rem = (rem * 10 + (unsigned)(c - '0')) % 97;
		else
			rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	if (rem != 1)
		return 0;
	return put(iban, out, outsz);
}

int
valid_postcode(const char *in, const struct vlimits *lim, char *out,
    size_t outsz)
{
	int	v;

	(void)lim;
	if (strlen(in) != 4 || (v = valid_digits(in, 4)) < 1000)
		return 0;
	return put(in, out, outsz);
}

/*
 * National register number: YYMMDD, a 3-digit sequence, and 2 check digits
 * that are 97 - (first nine digits mod 97), with a 2 put in front of the
 * nine for people born from 2000.  Bis numbers add 20 or 40 to the month;
 * month and day may be 0 when the birth date is unknown.
 */
int
valid_nrn(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char		 d[16];
	long long	 base;
	int		 mm, dd, seq, check;

	(void)lim;
	if (collect_digits(in, " .-", d, sizeof(d)) != 11)
		return 0;
	mm = valid_digits(d + 2, 2);
	dd = valid_digits(d + 4, 2);
	seq = valid_digits(d + 6, 3);
	check = valid_digits(d + 9, 2);
	if (mm >= 40)
		mm -= 40;
	else if (mm >= 20)
		mm -= 20;
	if (mm > 12 || dd > 31 || seq < 1 || seq > 998)
		return 0;
	base = atoll(d) / 100;
	if (check != 97 - (int)(base % 97) &&
	    check != 97 - (int)((2000000000LL + base) % 97))
		return 0;
	return put(d, out, outsz);
}

/* BCE/KBO number: 10 digits starting with 0 or 1, last two = 97 - (first
 * eight mod 97).  Old nine-digit numbers get their leading 0 back. */
int
valid_bce(const char *in, const struct vlimits *lim, char *out, size_t outsz)
{
	char	d[16];
	int	n;
	long	base;

	(void)lim;
	while (*in == ' ')
		in++;
	if (strncasecmp(in, "BE", 2) == 0)
		in += 2;
	if ((n = collect_digits(in, " .-", d, sizeof(d))) == 9) {
		memmove(d + 1, d, 10);
		d[0] = '0';
	} else if (n != 10)
		return 0;
	if (d[0] != '0' && d[0] != '1')
		return 0;
	base = atol(d) / 100;
	if (valid_digits(d + 8, 2) != 97 - (int)(base % 97))
		return 0;
	return put(d, out, outsz);
}

/*
 * A number as Belgians type it: spaces and thousands separators allowed;
 * with both "." and ",", the last one is the decimal mark; with one kind
 * only, it is the decimal mark.  At most places decimals.
 */
static int
valid_number(const char *in, const struct vlimits *lim, char *out,
    size_t outsz, int places, int fixed)
{
	char		 digits[40], norm[48], *end;
	const char	*dot = strrchr(in, '.'), *comma = strrchr(in, ',');
	const char	*mark = dot > comma ? dot : comma, *p;
	size_t		 n = 0, dec = 0;
	int		 seen_mark = 0;
	double		 v;

	if (strlen(in) > 30)
		return 0;
	for (p = in; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (p == mark) {
			digits[n++] = '.';
			seen_mark = 1;
		} else if (*p == '.' || *p == ',') {
			/*
			 * A thousands separator: only with a decimal mark of
			 * the other kind after it, and before three digits.
			 */
			if (dot == NULL || comma == NULL || *p == *mark ||
			    seen_mark || strspn(p + 1, "0123456789") != 3)
				return 0;
		} else if (*p == '-' && n == 0)
			digits[n++] = '-';
		else if (isdigit((unsigned char)*p)) {
			digits[n++] = *p;
			dec += seen_mark;
		} else
			return 0;
	}
	digits[n] = '\0';
	if (n == 0 || !isdigit((unsigned char)digits[n - 1]) ||
	    (int)dec > places || digits[digits[0] == '-'] == '.')
		return 0;
	errno = 0;
	v = strtod(digits, &end);
	if (errno != 0 || *end != '\0')
		return 0;
	if (lim != NULL && lim->min < lim->max &&
	    (v < (double)lim->min || v > (double)lim->max))
		return 0;
	if (fixed)
		snprintf(norm, sizeof(norm), "%.*f", places, v);
	else
		snprintf(norm, sizeof(norm), "%s", digits);
	/* 15 digits at most, as stored: what a double holds exactly */
	for (p = norm, n = 0; *p != '\0'; p++)
		n += isdigit((unsigned char)*p) != 0;
	if (n > 15)
		return 0;
	return put(norm, out, outsz);
}

int
valid_decimal(const char *in, const struct vlimits *lim, char *out,
    size_t outsz)
{
	return valid_number(in, lim, out, outsz, 6, 0);
}

int
valid_money(const char *in, const struct vlimits *lim, char *out,
    size_t outsz)
{
	return valid_number(in, lim, out, outsz, 2, 1);
}

/* A database id as it comes in a URL: 1 to 18 digits, no leading zero. */
int
valid_id(const char *s)
{
	size_t	n;

	if (s == NULL)
		return 0;
	n = strspn(s, "0123456789");
	return n > 0 && n <= 18 && s[n] == '\0' && s[0] != '0';
}

/* A procedure's code, as its definition declares it: ^[A-Z][A-Z0-9]{1,19}$. */
int
valid_code(const char *s)
{
	size_t	n;

	if (s == NULL || *s < 'A' || *s > 'Z')
		return 0;
	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
	return n >= 2 && n <= 20 && s[n] == '\0';
}

/* A dossier's reference, as submission makes it: 2026-EBIKE-000042. */
int
valid_reference(const char *s)
{
	const char	*code, *dash;
	size_t		 n;

	if (s == NULL || strspn(s, "0123456789") != 4 || s[4] != '-')
		return 0;
	code = s + 5;
	if ((dash = strchr(code, '-')) == NULL || dash - code < 2 ||
	    dash - code > 20 || *code < 'A' || *code > 'Z' ||
	    strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") !=
	    (size_t)(dash - code))
		return 0;
	n = strspn(dash + 1, "0123456789");
	return n >= 6 && n <= 12 && dash[1 + n] == '\0';
}

/*
 * A question to the help desk, "Q-2026-000042": Q, the year, then six to
 * twelve digits (sql/0031).
 */
int
valid_question_ref(const char *s)
{
	size_t	n;

	if (s == NULL || strncmp(s, "Q-", 2) != 0 ||
	    strspn(s + 2, "0123456789") != 4 || s[6] != '-')
		return 0;
	n = strspn(s + 7, "0123456789");
	return n >= 6 && n <= 12 && s[7 + n] == '\0';
}

/* An enterprise number in a path: its ten digits exactly, checksum right. */
int
valid_bce_number(const char *s)
{
	char	norm[16];

	return s != NULL && strlen(s) == 10 && strspn(s, "0123456789") == 10 &&
	    valid_bce(s, NULL, norm, sizeof(norm));
}
