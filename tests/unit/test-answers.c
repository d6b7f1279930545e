/*
 * Unit tests of lib/answers.c (included, to count the values it checks):
 * a page's answers taken as posted are stored normalised when valid, and
 * each value is checked once per request, however many checks follow
 * (the whole draft when it is saved, then the page).
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
	is_str(problem(&page, "amount"), "err.money", "and found above its "
	    "maximum");

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
	is_str(problem(&page, "workers"), "err.group_over|50", "refused with "
	    "the limit named");
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
	pool_free(r.pool);
	return tap_done();
}
