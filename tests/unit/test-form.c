/* Unit tests of lib/form.c: declared fields, translated messages, values kept. */
#include "form.h"
#include "tap.h"

enum { F_NAME, F_EMAIL, F_NRN, F_AGE, F__MAX };

static const struct field fields[F__MAX] = {
	[F_NAME] =	{ "name",	VT_TEXT,	{ 1, 10, 0, 0 }, 1 },
	[F_EMAIL] =	{ "email",	VT_EMAIL,	{ 0, 0, 0, 0 }, 1 },
	[F_NRN] =	{ "nrn",	VT_NRN,		{ 0, 0, 0, 0 }, 0 },
	[F_AGE] =	{ "age",	VT_INT,		{ 0, 0, 0, 130 }, 0 },
};

static void
req_with(struct req *r, struct pool *p, enum lang l, const char *body)
{
	memset(r, 0, sizeof(*r));
	r->pool = p;
	r->lang = l;
	r->hdf = tmpl_hdf_new(p);
	kvlist_init(&r->form);
	req_parse_urlencoded(p, body, strlen(body), &r->form);
}

int
main(void)
{
	struct pool	*p = pool_new(8192);
	struct req	 r;
	const char	*v[F__MAX];
	char		 dir[512];

	snprintf(dir, sizeof(dir), "%s/templates", srcdir());
	ok(tmpl_init(dir) == GERR_OK, "languages load");

	req_with(&r, p, LANG_FR, "name=Ana%C3%AFs&email=ana@EXAMPLE.be&"
	    "nrn=85.07.30-033.28&age=41&unknown=x");
	is_int(form_check(&r, fields, F__MAX, v), 0, "valid answers: no error");
	is_str(v[F_NAME], "Anaïs", "text kept");
	is_str(v[F_EMAIL], "ana@example.be", "email normalised");
	is_str(v[F_NRN], "85073003328", "national number normalised");
	is_str(v[F_AGE], "41", "int");
	is_str(hdf_get_value(r.hdf, "Form.nrn.value", NULL),
	    "85.07.30-033.28", "the page shows what was typed");
	pool_reset(p);

	req_with(&r, p, LANG_NL, "name=&email=nope&nrn=85073003329&age=200");
	is_int(form_check(&r, fields, F__MAX, v), 4, "four errors");
	ok(v[F_NAME] == NULL && v[F_EMAIL] == NULL && v[F_NRN] == NULL &&
	    v[F_AGE] == NULL, "no value for an invalid field");
	is_str(hdf_get_value(r.hdf, "Form.name.error", NULL),
	    "Dit veld is verplicht.", "required, in Dutch");
	is_str(hdf_get_value(r.hdf, "Form.nrn.error", NULL),
	    "Dit rijksregisternummer is niet geldig: controleer de 11 cijfers.",
	    "the validator's own message");
	is_str(hdf_get_value(r.hdf, "Errors.list.0.field", NULL), "name",
	    "summary in field order");
	is_str(hdf_get_value(r.hdf, "Errors.count", NULL), "4", "summary count");
	is_str(hdf_get_value(r.hdf, "Form.email.value", NULL), "nope",
	    "the invalid value is kept for the page");
	pool_reset(p);

	req_with(&r, p, LANG_EN, "name=%20%20&email=a@b.be");
	is_int(form_check(&r, fields, F__MAX, v), 1, "blank counts as empty");
	ok(v[F_NRN] == NULL, "an optional empty field has no value and no error");
	ok(hdf_get_value(r.hdf, "Form.nrn.error", NULL) == NULL, "no message");
	pool_reset(p);
	/* form_text: the free text of messages and notes */
	{
		const char	*out;

		ok(form_text(p, "\n  Bonjour,\r\n\tà vous.  \n\n", 100, &out) == 0 &&
		    strcmp(out, "Bonjour,\r\n\tà vous.") == 0,
		    "form_text trims blank lines and spaces, keeps inner breaks");
		ok(form_text(p, " \r\n\t ", 10, &out) == 1 && *out == '\0',
		    "form_text: only blanks is empty");
		ok(form_text(p, NULL, 10, &out) == 1, "form_text: nothing is empty");
		ok(form_text(p, "ééééé", 5, &out) == 0 &&
		    form_text(p, "éééééé", 5, &out) == -1,
		    "form_text counts characters, not bytes");
		ok(form_text(p, "a\x01b", 10, &out) == -1,
		    "form_text refuses control characters");
		ok(form_text(p, "a\xc3(", 10, &out) == -1,
		    "form_text refuses broken UTF-8");
	}
	tmpl_free();
	pool_free(p);
	return tap_done();
}
