/* Unit tests of lib/valid.c: every validator, accepted and refused forms. */
#include "tap.h"
#include "gerr.h"
#include "valid.h"
#include "vectors.h"

struct vcase {
	enum vtype	 type;
	const char	*in;
	const char	*norm;	/* NULL: must be refused */
};

static const struct vcase cases[] = {
	{ VT_INT, "42", "42" }, { VT_INT, "-7", "-7" }, { VT_INT, "007", "7" },
	{ VT_INT, "", NULL }, { VT_INT, "4x", NULL }, { VT_INT, " 4", NULL },
	{ VT_INT, "99999999999999999999", NULL },
	{ VT_DATE, "2024-02-29", "2024-02-29" }, { VT_DATE, "2023-02-29", NULL },
	{ VT_DATE, "1900-02-29", NULL }, { VT_DATE, "2000-02-29", "2000-02-29" },
	{ VT_DATE, "2024-13-01", NULL }, { VT_DATE, "2024-04-31", NULL },
	{ VT_DATE, "24-01-01", NULL }, { VT_DATE, "2024/01/01", NULL },
	{ VT_DATE, "15/11/2026", "2026-11-15" }, { VT_DATE, "5/1/2026", "2026-01-05" },
	{ VT_DATE, "29.02.2024", "2024-02-29" }, { VT_DATE, "29/02/2023", NULL },
	{ VT_DATE, "31/04/2026", NULL }, { VT_DATE, "15/13/2026", NULL },
	{ VT_DATE, "15/11/26", NULL }, { VT_DATE, "15/11.2026", NULL },
	{ VT_DATE, "015/11/2026", NULL }, { VT_DATE, "15-11-2026", NULL },
	{ VT_DATE, "0/11/2026", NULL }, { VT_DATE, "15/11/2026 ", NULL },
	{ VT_DATE, "11/15/2026", NULL },
	{ VT_EMAIL, "marie@example.be", "marie@example.be" },
	{ VT_EMAIL, "Jan.Peeters+gov@Voorbeeld.BE", "Jan.Peeters+gov@voorbeeld.be" },
	{ VT_EMAIL, "a@b", NULL }, { VT_EMAIL, "@example.be", NULL },
	{ VT_EMAIL, "a..b@example.be", NULL }, { VT_EMAIL, "a@-x.be", NULL },
	{ VT_EMAIL, "a b@example.be", NULL }, { VT_EMAIL, "a@example.b3", NULL },
	{ VT_EMAIL, "a@exa_mple.be", NULL },
	{ VT_PHONE, "02 123 45 67", "+3221234567" },
	{ VT_PHONE, "0470/12.34.56", "+32470123456" },
	{ VT_PHONE, "+32 470 12 34 56", "+32470123456" },
	{ VT_PHONE, "0033 1 23 45 67 89", "+33123456789" },
	{ VT_PHONE, "12345", NULL }, { VT_PHONE, "0470 12 34 5x", NULL },
	{ VT_PHONE, "+32 12", NULL },
	{ VT_IBAN, "BE68 5390 0754 7034", "BE68539007547034" },
	{ VT_IBAN, "be68539007547034", "BE68539007547034" },
	{ VT_IBAN, "BE68 5390 0754 7035", NULL },
	{ VT_IBAN, "FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606" },
	{ VT_IBAN, "DE89 3704 0044 0532 0130 00", "DE89370400440532013000" },
	{ VT_IBAN, "BE68 5390 0754 703", NULL }, { VT_IBAN, "XX68539007547034", NULL },
	{ VT_POSTCODE, "1000", "1000" }, { VT_POSTCODE, "9992", "9992" },
	{ VT_POSTCODE, "0999", NULL }, { VT_POSTCODE, "100", NULL },
	{ VT_POSTCODE, "10000", NULL }, { VT_POSTCODE, "1o00", NULL },
	/* the rule itself: tests/vectors/nrn.txt, shared with the module */
	{ VT_NRN, "85.07.30-033.28", "85073003328" },
	{ VT_NRN, "85 07 30 033 29", NULL },
	{ VT_NRN, "85/07/30 033 28", NULL },
	{ VT_BCE, "0203.201.340", "0203201340" },
	{ VT_BCE, "BE 0203 201 340", "0203201340" },
	{ VT_BCE, "203201340", "0203201340" },
	{ VT_BCE, "1001234592", "1001234592" },
	{ VT_BCE, "0203.201.341", NULL }, { VT_BCE, "2203201340", NULL },
	{ VT_BCE, "02032013", NULL },
	{ VT_TEXT, "Dupont-Lemaître", "Dupont-Lemaître" },
	{ VT_TEXT, "line\nbreak", NULL }, { VT_TEXT, "bell\a", NULL },
	{ VT_TEXT, "\xc3\x28", NULL }, { VT_TEXT, "\xed\xa0\x80", NULL },
	{ VT_TEXT, "\xc0\xaf", NULL }, { VT_TEXT, "\xf4\x90\x80\x80", NULL },
	{ VT_LONGTEXT, "two\nlines\r\n\ttab", "two\nlines\r\n\ttab" },
	{ VT_LONGTEXT, "nul\x01", NULL },
};

/* The national numbers both lib/ and the nginx module must judge alike. */
static void
nrn_vectors(void)
{
	struct vector	 v = { .lineno = 0 };
	char		 out[16], name[600];
	FILE		*f;
	int		 want, n = 0;

	if ((f = vectors_open("nrn.txt")) == NULL)
		return;
	while (vector_next(f, &v)) {
		want = vector_verdict(&v);
		snprintf(name, sizeof(name), "nrn.txt:%d %s %s: %s", v.lineno,
		    v.input, v.key, v.why);
		if (want == -1) {
			ok(0, name);
			continue;
		}
		out[0] = '\0';
		ok(valid_nrn(v.input, NULL, out, sizeof(out)) == want, name);
		if (want)
			is_str(out, v.input, "  the number as it came");
		n++;
	}
	fclose(f);
	ok(n >= 20, "nrn.txt holds the vectors");
}

int
main(void)
{
	char		 out[128], name[160];
	size_t		 i;
	int		 r;
	struct vlimits	 lim = { 2, 5, 0, 0 }, ilim = { 0, 0, 1, 10 };
	enum vtype	 t;

	for (i = 0; i < nitems(cases); i++) {
		out[0] = '\0';
		r = valid_field(cases[i].type, cases[i].in, NULL, out,
		    sizeof(out));
		snprintf(name, sizeof(name), "%s '%s' %s",
		    validators[cases[i].type].name, cases[i].in,
		    cases[i].norm ? "accepted" : "refused");
		if (cases[i].norm == NULL)
			ok(!r, name);
		else {
			ok(r, name);
			is_str(out, cases[i].norm, "  normalised");
		}
	}
	ok(valid_text("ééé", &lim, NULL, 0), "text: 3 characters within 2..5");
	ok(!valid_text("éééééé", &lim, NULL, 0), "text: 6 characters over 5");
	ok(!valid_text("é", &lim, NULL, 0), "text: 1 character under 2");
	{
		static const struct { const char *in, *want; int money; } nums[] = {
			{ "1234.5", "1234.5", 0 }, { "1 234,5", "1234.5", 0 },
			{ "1.234,56", "1234.56", 0 }, { "1,234.56", "1234.56", 0 },
			{ "-3", "-3", 0 }, { "0,000001", "0.000001", 0 },
			{ "1500", "1500.00", 1 }, { "1 500,5", "1500.50", 1 },
			{ "1.500,50", "1500.50", 1 }, { "19.99", "19.99", 1 },
			{ "1,5,0", NULL, 0 }, { "1,234,567", NULL, 0 },
			{ "1.2.3", NULL, 0 }, { "12,", NULL, 0 }, { ",5", NULL, 0 },
			{ "1e5", NULL, 0 }, { "abc", NULL, 0 }, { "", NULL, 0 },
			{ "1,999", NULL, 1 }, { "0x10", NULL, 1 },
			{ "1,5.000", NULL, 0 }, { "--1", NULL, 0 },
			{ "003295629568166133338166133336", NULL, 1 },
			{ "123456789012345", "123456789012345", 0 },
			{ "1234567890123456", NULL, 0 },
		};
		static const struct vlimits mlim = { 0, 0, 1, 20000 };
		char num[64];
		size_t k;

		for (k = 0; k < nitems(nums); k++) {
			int got = (nums[k].money ? valid_money : valid_decimal)(
			    nums[k].in, NULL, num, sizeof(num));

			if (nums[k].want == NULL)
				ok(!got, nums[k].in);
			else {
				ok(got, nums[k].in);
				is_str(got ? num : NULL, nums[k].want, nums[k].in);
			}
		}
		ok(valid_money("20000", &mlim, NULL, 0), "money at the maximum");
		ok(!valid_money("20000,01", &mlim, NULL, 0), "money over it");
		ok(!valid_money("0,99", &mlim, NULL, 0), "money under the minimum");
	}
	ok(valid_int("10", &ilim, NULL, 0), "int: 10 within 1..10");
	ok(!valid_int("11", &ilim, NULL, 0), "int: 11 over 1..10");
	ok(!valid_int("0", &ilim, NULL, 0), "int: 0 under 1..10");
	ok(!valid_nrn("85073003328", NULL, out, 5), "a normal form too big for out is refused");
	nrn_vectors();
	ok(valid_vtype_from_name("iban", &t) && t == VT_IBAN, "type by name");
	ok(!valid_vtype_from_name("nope", &t), "unknown type name");
	is_int((long long)valid_utf8_chars("aé€😀", strlen("aé€😀")), 4,
	    "code points counted");
	/* lib/valid.c: the typed route placeholders' validators */
	ok(valid_reference("2026-EBIKE-000001"), "a reference");
	ok(valid_reference("2026-AB-1234567890"), "a reference, long number");
	ok(!valid_reference("2026-EBIKE-00001"), "five digits are too few");
	ok(!valid_reference("26-EBIKE-000001"), "a two-digit year");
	ok(!valid_reference("2026-E-000001"), "a one-letter code");
	ok(!valid_reference("2026-EBIKE-000001-"), "a trailing dash");
	ok(!valid_reference("2026--000001"), "no code");
	ok(!valid_reference("2026-1BIKE-000001"), "a code starting with a digit");
	ok(!valid_reference(NULL), "NULL is no reference");
	ok(valid_code("EBIKE") && valid_code("B2"), "codes");
	ok(!valid_code("E") && !valid_code("EBIKE-") && !valid_code("ebike") &&
	    !valid_code("ABCDEFGHIJKLMNOPQRSTU") && !valid_code(NULL), "not codes");
	ok(valid_bce_number("0417563422"), "an enterprise number");
	ok(!valid_bce_number("417563422") && !valid_bce_number("0417563423") &&
	    !valid_bce_number("BE0417563422"), "not an enterprise number in a path");
	ok(valid_question_ref("Q-2026-000042") &&
	    valid_question_ref("Q-2026-123456789012"), "questions' references");
	ok(!valid_question_ref("Q-2026-00042") &&
	    !valid_question_ref("Q-2026-1234567890123") &&
	    !valid_question_ref("q-2026-000042") &&
	    !valid_question_ref("Q-26-000042") &&
	    !valid_question_ref("Q-2026-000042-") &&
	    !valid_question_ref("2026-Q-000042") && !valid_question_ref(NULL),
	    "not a question's reference");
	ok(!valid_reference("Q-2026-000042") &&
	    !valid_question_ref("2026-EBIKE-000001"),
	    "a question's reference is never a dossier's, nor the reverse");
	return tap_done();
}
