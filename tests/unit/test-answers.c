/*
 * Unit tests of lib/answers.c (included, to count the values it checks):
 * a page's answers taken as posted are stored normalised when valid, and
 * each value is checked once per request, however many checks follow
 * (the whole draft when it is saved, then the page).  The format's
 * limits: decimal and exclusive bounds, bounds relative to today, "must
 * be true", read-only answers, rules across fields and blocks, each
 * message naming its limit in the real language files.
 */
#include "../../lib/answers.c"

#include "tap.h"

#define LABEL	"\"label\": {\"fr\": \"l\", \"nl\": \"l\", \"de\": \"l\", " \
		"\"en\": \"l\"}"

static const char definition[] = "{\"code\": \"TEST\", \"pages\": ["
    "{\"id\": \"one\", \"fields\": ["
    " {\"name\": \"amount\", \"type\": \"money\", \"required\": true,"
    "  \"min\": 1, \"max\": 5000, " LABEL "},"
    " {\"name\": \"count\", \"type\": \"int\", " LABEL "},"
    " {\"name\": \"email\", \"type\": \"email\", " LABEL "},"
    " {\"name\": \"kind\", \"type\": \"choice\", \"options\": ["
    "  {\"value\": \"a\", " LABEL "}, {\"value\": \"b\", " LABEL "}], " LABEL "},"
    " {\"name\": \"ticks\", \"type\": \"choice\", \"display\": \"checkboxes\","
    "  \"options\": [{\"value\": \"a\", " LABEL "}, {\"value\": \"b\", " LABEL
    "}], " LABEL "},"
    " {\"name\": \"staff\", \"type\": \"yesno\", " LABEL "},"
    " {\"name\": \"note\", \"type\": \"notice\"},"
    " {\"name\": \"home\", \"type\": \"address\", " LABEL "},"
    " {\"name\": \"workers\", \"type\": \"group\", " LABEL ", \"fields\": ["
    "  {\"name\": \"hours\", \"type\": \"integer\", \"required\": true, "
    LABEL "},"
    "  {\"name\": \"payslip\", \"type\": \"pdf\", \"max_size\": \"1m\", "
    LABEL "}]},"
    " {\"name\": \"invoice\", \"type\": \"pdf\", " LABEL "},"
    " {\"name\": \"asked_later\", \"type\": \"text\", \"condition\":"
    "  \"staff = 'no'\", " LABEL "}]},"
    "{\"id\": \"two\", \"fields\": ["
    " {\"name\": \"iban\", \"type\": \"iban\", \"required\": true, " LABEL "}"
    "]}]}";

/* What a browser posts for page one; the box "home.box" left empty. */
static const char *const posted[][2] = {
	{ "amount", "1 500,5" }, { "count", "+12" }, { "email", "x@" },
	{ "kind", "a" }, { "ticks", "a" }, { "ticks", "b" }, { "staff", "yes" },
	{ "home.street", "Rue Haute" }, { "home.number", "12" },
	{ "home.box", "" }, { "home.postcode", "" },
	{ "home.locality", "Bruxelles" }, { "workers._blocks", "2" },
	{ "workers.0.hours", "38" }, { "workers.1.hours", "many" },
	{ "asked_later", "not shown, not taken" },
};

/* Values of page one the checks read: none is blank but the box. */
#define POSTED_VALUES	10

static const char *
stored(const struct dossier *d, const char *name)
{
	return json_string_value(json_object_get(d->data, name));
}

static const char *
problem(const struct problems *pr, const char *key)
{
	return json_string_value(json_object_get(pr->by_key, key));
}

static const char format[] = "{\"code\": \"TEST\", \"pages\": ["
    "{\"id\": \"one\", \"rules\": ["
    "  {\"check\": \"not answered(start) or not answered(end) or "
    "end >= start\", \"field\": \"end\", \"message\": {\"fr\": "
    "\"fin avant début\", \"nl\": \"n\", \"de\": \"d\", \"en\": \"e\"}},"
    "  {\"check\": \"answered(phone) or answered(mail)\", \"field\": "
    "\"phone\", \"message\": {\"fr\": \"un des deux\", \"nl\": \"n\", "
    "\"de\": \"d\", \"en\": \"e\"}},"
    "  {\"check\": \"sum(costs.amount) <= 20000\", \"field\": \"costs\","
    "   \"message\": {\"fr\": \"total trop haut\", \"nl\": \"n\", "
    "\"de\": \"d\", \"en\": \"e\"}}],"
    " \"fields\": ["
    " {\"name\": \"price\", \"type\": \"money\", \"min\": 0.01, " LABEL "},"
    " {\"name\": \"rate\", \"type\": \"decimal\", \"exclusive_min\": 0,"
    "  \"exclusive_max\": 1.5, " LABEL "},"
    " {\"name\": \"year\", \"type\": \"integer\", \"min\": 2000, "
    "  \"max\": \"this_year\", " LABEL "},"
    " {\"name\": \"bought\", \"type\": \"date\", \"max\": \"today\", "
    LABEL "},"
    " {\"name\": \"visit\", \"type\": \"date\", \"exclusive_min\": "
    "  \"today\", \"max\": \"today+6m\", " LABEL "},"
    " {\"name\": \"start\", \"type\": \"date\", " LABEL "},"
    " {\"name\": \"end\", \"type\": \"date\", " LABEL "},"
    " {\"name\": \"phone\", \"type\": \"phone\", " LABEL "},"
    " {\"name\": \"mail\", \"type\": \"email\", " LABEL "},"
    " {\"name\": \"sworn\", \"type\": \"yesno\", \"must_be_true\": true, "
    LABEL "},"
    " {\"name\": \"declared\", \"type\": \"declaration\", "
    "  \"must_be_true\": true, " LABEL "},"
    " {\"name\": \"nrn\", \"type\": \"nrn\", \"readonly\": true, "
    "  \"source\": \"profile.nrn\", \"required\": true, " LABEL "},"
    " {\"name\": \"costs\", \"type\": \"group\", " LABEL ", \"fields\": ["
    "  {\"name\": \"amount\", \"type\": \"money\", " LABEL "},"
    "  {\"name\": \"from\", \"type\": \"date\", " LABEL "},"
    "  {\"name\": \"to\", \"type\": \"date\", " LABEL "}],"
    "  \"rules\": [{\"check\": \"to >= from\", \"field\": \"to\", "
    "  \"message\": {\"fr\": \"période à l'envers\", \"nl\": \"n\", "
    "\"de\": \"d\", \"en\": \"e\"}}]}"
    "]}]}";

/* A date n days (or months) from today in Brussels, as YYYY-MM-DD. */
static const char *
day(struct req *r, int days, int months)
{
	struct bound	 b;
	char		 v[16];

	memset(&b, 0, sizeof(b));
	b.kind = BOUND_TODAY;
	b.d = days;
	b.m = months;
	snprintf(v, sizeof(v), "%.0f", bound_value(&b));
	return pool_printf(r->pool, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
}

/* The problem of each answer of the format's page, in French. */
static void
test_format(struct req *r)
{
	struct dossier	 d;
	struct problems	 pr;
	struct fdef	*def;
	json_t		*j;
	char		 err[300], year[8];
	const char	*next_year;

	j = json_loads(format, 0, NULL);
	def = fdef_compile(j, err, sizeof(err));
	json_decref(j);
	ok(def != NULL, "the format's definition compiles");
	if (def == NULL) {
		printf("# %s\n", err);
		return;
	}
	snprintf(year, sizeof(year), "%.0f", bound_value(&fblock_field(
	    &def->pages[0].block, "year")->hi));
	next_year = pool_printf(r->pool, "%d", atoi(year) + 1);
	memset(&d, 0, sizeof(d));
	d.def = def;
	d.files = json_pooled(r, json_object());
	d.data = json_pooled(r, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}]}",
	    "price", "0", "rate", "0", "year", next_year, "bought",
	    day(r, 1, 0), "visit", day(r, 0, 0), "start", "2026-05-02",
	    "end", "2026-05-01", "sworn", "no", "declared", "no", "nrn", "",
	    "mail", "", "costs", "amount", "15000", "from", "2026-01-01", "to",
	    "2026-02-01", "amount", "5000.01", "from", "2026-03-01", "to",
	    "2026-02-01"));
	problems_init(&pr, r);
	answers_check(r, &d, &def->pages[0], &pr);
	is_str(problem(&pr, "price"), "err.at_least", "0 is below min 0.01 on "
	    "an amount (it was cut to 0 once)");
	is_str(problem_message(r, &pr, "price"), "Indiquez au minimum "
	    "0,01\xc2\xa0€.", "the message says 0,01 €");
	is_str(problem(&pr, "rate"), "err.more_than", "0 is not above an "
	    "exclusive 0");
	is_str(problem(&pr, "year"), "err.at_most", "next year is after "
	    "this_year");
	is_str(problem_message(r, &pr, "year"), pool_printf(r->pool,
	    "Indiquez au maximum %s.", year), "the year said without a "
	    "thousands separator");
	is_str(problem(&pr, "bought"), "err.date_future", "tomorrow is in the "
	    "future");
	is_str(problem(&pr, "visit"), "err.date_after", "today is not after "
	    "today");
	is_str(problem_message(r, &pr, "end"), "fin avant début", "a rule's "
	    "own message at its field");
	is_str(problem_message(r, &pr, "phone"), "un des deux", "at least one "
	    "of phone or email");
	is_str(problem(&pr, "sworn"), "err.must_be_yes", "a sworn statement "
	    "answered no");
	is_str(problem(&pr, "declared"), "err.choice", "a declaration not "
	    "ticked but posted otherwise");
	is_str(problem(&pr, "nrn"), "err.readonly_missing", "a read-only "
	    "answer its source did not give");
	is_str(problem_message(r, &pr, "costs"), "total trop haut", "a total "
	    "over a group's blocks (20 000,01)");
	is_str(problem_message(r, &pr, "costs.1.to"), "période à l'envers",
	    "a group's rule, per block");
	ok(problem(&pr, "costs.0.to") == NULL, "and only the block it fails");

	json_object_set_new(d.data, "price", json_string("0.01"));
	json_object_set_new(d.data, "rate", json_string("1.49"));
	json_object_set_new(d.data, "year", json_string(year));
	json_object_set_new(d.data, "bought", json_string(day(r, 0, 0)));
	json_object_set_new(d.data, "visit", json_string(day(r, 0, 6)));
	json_object_set_new(d.data, "end", json_string("2026-05-02"));
	json_object_set_new(d.data, "phone", json_string("+3224567890"));
	json_object_set_new(d.data, "sworn", json_string("yes"));
	json_object_set_new(d.data, "declared", json_string("yes"));
	json_object_set_new(d.data, "nrn", json_string("85073003328"));
	json_array_remove(json_object_get(d.data, "costs"), 1);
	problems_init(&pr, r);
	answers_check(r, &d, &def->pages[0], &pr);
	is_int(pr.count, 0, "each at its limit passes: 0,01, below an "
	    "exclusive 1.5, this year, today, in six months, a rule true");
	if (pr.count != 0) {
		char *s = json_dumps(pr.by_key, 0);

		printf("# %s\n", s);
		free(s);
	}
	json_object_del(d.data, "declared");
	problems_init(&pr, r);
	answers_check(r, &d, &def->pages[0], &pr);
	is_str(problem(&pr, "declared"), "err.declaration", "a declaration "
	    "not ticked");

	/* what is posted for a read-only field is not taken */
	kvlist_init(&r->form);
	kvlist_add(r->pool, &r->form, "nrn", "93051822361", 11);
	answers_take(r, &d, &def->pages[0], NULL);
	is_str(stored(&d, "nrn"), "85073003328", "another national number "
	    "posted is not taken");
	fdef_free(def);
}

int
main(void)
{
	struct req	 r;
	struct dossier	 d;
	struct problems	 all, page;
	struct fdef	*def;
	json_t		*j;
	char		 err[300];
	size_t		 i;
	unsigned long	 after_take, after_save;

	memset(&r, 0, sizeof(r));
	memset(&d, 0, sizeof(d));
	r.pool = pool_new(4096);
	snprintf(err, sizeof(err), "%s/templates", srcdir());
	ok(tmpl_init(err) == GERR_OK, "the language files load");
	kvlist_init(&r.form);
	for (i = 0; i < nitems(posted); i++)
		kvlist_add(r.pool, &r.form, posted[i][0], posted[i][1],
		    strlen(posted[i][1]));
	j = json_loads(definition, 0, NULL);
	def = fdef_compile(j, err, sizeof(err));
	json_decref(j);
	ok(def != NULL, "the definition compiles");
	if (def == NULL) {
		printf("# %s\n", err);
		return tap_done();
	}
	d.def = def;
	d.data = json_pooled(&r, json_pack("{s:s}", "iban",
	    "BE68539007547034"));
	d.files = json_pooled(&r, json_object());

	/* the page as posted: each value checked as it is taken */
	answers_take(&r, &d, &def->pages[0], NULL);
	after_take = values_checked;
	is_int(after_take, POSTED_VALUES, "each value posted checked once");
	is_str(stored(&d, "amount"), "1500.50", "a valid amount stored "
	    "normalised");
	is_str(stored(&d, "count"), "12", "a whole number too");
	is_str(stored(&d, "email"), "x@", "a wrong address kept as typed");
	is_int(json_array_size(json_object_get(d.data, "ticks")), 2,
	    "the boxes ticked, as a list");
	is_str(json_string_value(json_object_get(json_array_get(json_object_get(
	    d.data, "workers"), 1), "hours")), "many", "a block's wrong value "
	    "kept as typed");
	ok(json_object_get(d.data, "asked_later") == NULL,
	    "a question not shown is not taken");

	/* saving checks the whole draft; then the page's problems */
	problems_init(&all, &r);
	answers_check(&r, &d, NULL, &all);
	after_save = values_checked;
	is_int(after_save - after_take, 1, "saving checks only the value "
	    "stored on another page");
	problems_init(&page, &r);
	answers_check(&r, &d, &def->pages[0], &page);
	is_int(values_checked, after_save, "the page's check reads the "
	    "verdicts: nothing checked again");
	is_str(problem(&page, "email"), "err.email", "its problems still: "
	    "the address");
	is_str(problem(&page, "workers.1.hours"), "err.int", "a block's "
	    "value");
	is_str(problem(&page, "home.postcode"), "err.required", "a part "
	    "missing");
	ok(problem(&page, "amount") == NULL && problem(&page, "count") == NULL &&
	    problem(&page, "home.box") == NULL, "and nothing else wrong");
	is_int(page.count, 3, "three problems on the page");
	is_int(all.count, page.count, "none on the other page");

	/* a value changed since is checked afresh */
	json_object_set_new(d.data, "amount", json_string("9000"));
	problems_init(&page, &r);
	answers_check(&r, &d, &def->pages[0], &page);
	is_int(values_checked, after_save + 1, "a changed value is checked");
	is_str(problem(&page, "amount"), "err.at_most", "and found above its "
	    "maximum");
	is_str(problem_message(&r, &page, "amount"),
	    "Indiquez au maximum 5000,00\xc2\xa0€.", "a message naming the "
	    "limit, in the request's language");
	json_object_del(page.by_key, "amount");
	ok(problem_message(&r, &page, "amount") == NULL, "a problem dropped "
	    "(a question just revealed) says nothing, its limit neither");
	json_object_set_new(d.data, "amount", json_string("abc"));
	problems_init(&page, &r);
	answers_check(&r, &d, &def->pages[0], &page);
	is_str(problem(&page, "amount"), "err.money", "what is not an amount "
	    "keeps the format's message");

	/* the PDF field a posted key names: a block's own needs its block */
	{
		const struct fpage	*p1 = &def->pages[0];
		const struct ffield	*f;
		const json_t		*b;
		static const char *const bad[] = { "workers.2.payslip",
		    "workers.01.payslip", "workers.1.hours", "workers..payslip",
		    "workers.1", "workers.-1.payslip", "", "hours", "amount",
		    "workers.1.payslip.x", "workers.99999999999999999999.payslip" };

		f = answers_file_field(&d, p1, "invoice", &b);
		ok(f != NULL && b == NULL, "a page's PDF field by its name");
		f = answers_file_field(&d, p1, "workers.1.payslip", &b);
		ok(f != NULL && strcmp(f->name, "payslip") == 0 && b ==
		    json_array_get(json_object_get(d.data, "workers"), 1),
		    "a block's PDF field, with its block");
		is_int(f != NULL ? (long)f->size_max : 0, 1024 * 1024,
		    "its max_size resolved");
		for (i = 0; i < nitems(bad); i++)
			if (answers_file_field(&d, p1, bad[i], &b) != NULL)
				break;
		is_int(i, nitems(bad), "no other key names one");
		ok(!fblock_field(&p1->block, "workers")->by_item,
		    "a group of two small fields stays on its page");
	}

	/* a count of blocks beyond the group's maximum: refused, kept */
	kvlist_init(&r.form);
	kvlist_add(r.pool, &r.form, "workers._blocks", "51", 2);
	kvlist_add(r.pool, &r.form, "workers.0.hours", "1", 1);
	problems_init(&page, &r);
	answers_take(&r, &d, &def->pages[0], &page);
	is_int(json_array_size(json_object_get(d.data, "workers")), 2,
	    "51 blocks posted: the two stored kept");
	is_str(json_string_value(json_object_get(json_array_get(json_object_get(
	    d.data, "workers"), 0), "hours")), "38", "as they were");
	is_str(problem(&page, "workers"), "err.group_over", "refused");
	ok(strstr(problem_message(&r, &page, "workers"), "50") != NULL &&
	    strstr(problem_message(&r, &page, "workers"), "{limit}") == NULL,
	    "with the limit named in words");
	kvlist_init(&r.form);
	kvlist_add(r.pool, &r.form, "workers._blocks", "1", 1);
	kvlist_add(r.pool, &r.form, "workers.0.hours", "40", 2);
	answers_take(&r, &d, &def->pages[0], NULL);
	is_int(json_array_size(json_object_get(d.data, "workers")), 2,
	    "one block posted: the second, not on that page, kept");
	kvlist_init(&r.form);
	answers_take(&r, &d, &def->pages[0], NULL);
	is_int(json_array_size(json_object_get(d.data, "workers")), 2,
	    "no count posted: the blocks kept");

	fdef_free(def);
	test_format(&r);
	pool_free(r.pool);
	return tap_done();
}
