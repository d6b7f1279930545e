/*
 * Procedure definitions are data a form author writes and reviews: every
 * key is known, every text exists in the four languages, every field has a
 * type of lib/fieldtype.c's table (the one the runtime reads) and limits
 * that apply to it.  The first problem found is reported with its place
 * in the file.
 */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cond.h"
#include "conf.h"
#include "crypto.h"
#include "fee.h"
#include "csrf.h"
#include "fdef.h"
#include "fieldtype.h"
#include "gerr.h"
#include "procdef.h"
#include "valid.h"

static const char *const langs[] = { "fr", "nl", "de", "en" };

/* Where pre-filled values may come from: docs/procedures.md. */
const char *const procdef_sources[] = {
	"profile.given_names", "profile.surname", "profile.nrn", "profile.email",
	"profile.phone", "register.address", "register.postcode",
	"register.birth_date", "company.bce", "company.name",
	"company.legal_form", "company.address", "company.postcode",
	"previous", "company.legal_representatives", "register.household",
};
/* Sources of lists: they fill a group, one block per person. */
static const char *const list_sources[] = {
	"company.legal_representatives", "register.household",
};
const size_t procdef_nsources = nitems(procdef_sources);

struct check {
	char	*err;
	size_t	 errsz;
	char	 where[256];
	json_t	*all;		/* every field name, for conditions */
	const char *key;	/* the language files' key of a translated problem */
};

static int
fail(struct check *c, const char *fmt, ...)
{
	va_list	ap;
	char	msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(c->err, c->errsz, "%s%s%s", c->where, *c->where ? ": " : "",
	    msg);
	return -1;
}

static int
matches(const char *s, const char *re)
{
	regex_t	r;
	int	ok;

	if (regcomp(&r, re, REG_EXTENDED | REG_NOSUB) != 0)
		return 0;
	ok = regexec(&r, s, 0, NULL, 0) == 0;
	regfree(&r);
	return ok;
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Every key of obj must be one of allowed: a typo is an error, not silence. */
static int
known_keys(struct check *c, const json_t *obj, const char *const *allowed,
    size_t n)
{
	const char	*key;
	json_t		*v;

	json_object_foreach((json_t *)obj, key, v) {
		(void)v;
		if (!in_list(key, allowed, n))
			return fail(c, "unknown key \"%s\"", key);
	}
	return 0;
}

/* A text in the four languages, each non-empty and at most max characters. */
static int
texts(struct check *c, const json_t *obj, const char *key, int required,
    size_t max)
{
	const json_t	*t = json_object_get(obj, key), *v;
	size_t		 i;

	if (t == NULL)
		return required ? fail(c, "\"%s\" is missing", key) : 0;
	if (!json_is_object(t) || json_object_size(t) != nitems(langs))
		return fail(c, "\"%s\" must have exactly fr, nl, de and en", key);
	for (i = 0; i < nitems(langs); i++) {
		v = json_object_get(t, langs[i]);
		if (!json_is_string(v) || json_string_length(v) == 0)
			return fail(c, "\"%s\" has no %s text", key, langs[i]);
		if (json_string_length(v) > max)
			return fail(c, "\"%s\" in %s is longer than %zu bytes",
			    key, langs[i], max);
	}
	return 0;
}

static int
string_key(struct check *c, const json_t *obj, const char *key,
    const char *re, const char *what)
{
	const json_t	*v = json_object_get(obj, key);

	if (!json_is_string(v))
		return fail(c, "\"%s\" is missing or not a string", key);
	if (!matches(json_string_value(v), re))
		return fail(c, "\"%s\" \"%s\" is not %s", key,
		    json_string_value(v), what);
	return 0;
}

static int check_fields(struct check *, const json_t *, json_t *, int);
static int check_definition(struct check *, const json_t *);

static int
check_options(struct check *c, const json_t *f)
{
	static const char *const displays[] = { "radio", "select", "checkboxes" };
	static const char *const lists[] = { "postal_codes" };
	static const char *const okeys[] = { "value", "label" };
	const json_t	*opts = json_object_get(f, "options");
	const json_t	*from = json_object_get(f, "options_from");
	const json_t	*d = json_object_get(f, "display"), *o;
	size_t		 i, j;
	char		 saved[256];

	if (d != NULL && (!json_is_string(d) ||
	    !in_list(json_string_value(d), displays, nitems(displays))))
		return fail(c, "\"display\" must be radio, select or checkboxes");
	if ((opts == NULL) == (from == NULL))
		return fail(c, "a choice needs \"options\" or \"options_from\", "
		    "not both");
	if (from != NULL)
		return json_is_string(from) && in_list(json_string_value(from),
		    lists, nitems(lists)) ? 0 :
		    fail(c, "\"options_from\" must be postal_codes");
	if (!json_is_array(opts) || json_array_size(opts) == 0)
		return fail(c, "\"options\" must be a non-empty list");
	strcpy(saved, c->where);
	json_array_foreach(opts, i, o) {
		snprintf(c->where, sizeof(c->where), "%s.options[%zu]", saved, i);
		if (!json_is_object(o) || known_keys(c, o, okeys, 2) ||
		    string_key(c, o, "value", "^[a-z0-9_-]{1,40}$",
		    "a short lower-case value") || texts(c, o, "label", 1, 200))
			return -1;
		for (j = 0; j < i; j++)
			if (json_equal(json_object_get(o, "value"), json_object_get(
			    json_array_get(opts, j), "value")))
				return fail(c, "value \"%s\" appears twice",
				    json_string_value(json_object_get(o, "value")));
	}
	strcpy(c->where, saved);
	return 0;
}

/*
 * A PDF field's own limit on a file's size, below the platform's
 * (forms.pdf_max): a form may ask for a smaller scan, never a bigger one.
 */
static int
check_size(struct check *c, const json_t *f, enum field_type t)
{
	const json_t	*v = json_object_get(f, "max_size");
	size_t		 n, platform = conf_size("forms.pdf_max");

	if (v == NULL)
		return 0;
	if (field_types[t].answer != ANSWER_FILES)
		return fail(c, "\"max_size\" applies to pdf fields only");
	if (field_size_parse(v, &n) == -1)
		return fail(c, "\"max_size\" must be a size such as \"500k\" or "
		    "\"2m\"");
	if (n > platform)
		return fail(c, "\"max_size\" %s is above the platform's limit "
		    "of %zu bytes (forms.pdf_max)", json_string_value(v),
		    platform);
	return 0;
}

/* One bound of a number or a date: "min", "exclusive_min", ... */
static int
check_bound(struct check *c, const json_t *f, enum field_type t,
    const char *key, struct bound *b)
{
	const struct field_type_info	*ti = &field_types[t];
	const json_t			*j = json_object_get(f, key);
	char				 msg[200];

	memset(b, 0, sizeof(*b));
	if (j == NULL)
		return 0;
	if (ti->bounds == BOUNDS_NONE)
		return fail(c, "\"%s\" does not apply to type %s", key,
		    ti->name);
	if (ti->bounds == BOUNDS_COUNT && strncmp(key, "exclusive_", 10) == 0)
		return fail(c, "\"%s\" does not apply to a count: write "
		    "\"min\" or \"max\"", key);
	if (bound_parse(j, ti->bounds, ti->places, b, msg, sizeof(msg)) == -1)
		return fail(c, "\"%s\" %s", key, msg);
	b->exclusive = key[0] == 'e';
	return 0;
}

static int
check_limits(struct check *c, const json_t *f, enum field_type t)
{
	const char	*type = field_types[t].name;
	const char	*lk = "min", *hk = "max";
	const json_t	*ml = json_object_get(f, "maxlength");
	struct bound	 lo, hi, b;
	double		 l, h;

	if ((json_object_get(f, "min") || json_object_get(f, "max")) &&
	    field_types[t].bounds == BOUNDS_NONE)
		return fail(c, "\"min\"/\"max\" do not apply to type %s", type);
	if (json_object_get(f, "min") && json_object_get(f, "exclusive_min"))
		return fail(c, "\"min\" or \"exclusive_min\", not both");
	if (json_object_get(f, "max") && json_object_get(f, "exclusive_max"))
		return fail(c, "\"max\" or \"exclusive_max\", not both");
	if (check_bound(c, f, t, "min", &lo) == -1 ||
	    check_bound(c, f, t, "max", &hi) == -1)
		return -1;
	if (lo.kind == BOUND_NONE) {
		lk = "exclusive_min";
		if (check_bound(c, f, t, lk, &lo) == -1)
			return -1;
	}
	if (hi.kind == BOUND_NONE) {
		hk = "exclusive_max";
		if (check_bound(c, f, t, hk, &b) == -1)
			return -1;
		hi = b;
	}
	if (lo.kind != BOUND_NONE && hi.kind != BOUND_NONE) {
		l = bound_value(&lo);
		h = bound_value(&hi);
		if (l > h)
			return fail(c, "\"%s\" is above \"%s\"", lk, hk);
		if (l == h && (lo.exclusive || hi.exclusive))
			return fail(c, "\"%s\" and \"%s\" leave no value "
			    "between them", lk, hk);
	}
	if (ml && (!json_is_integer(ml) || json_integer_value(ml) < 1 ||
	    json_integer_value(ml) > 5000))
		return fail(c, "\"maxlength\" must be a whole number from 1 to 5000");
	if (ml && !(field_types[t].flags & FT_LENGTH))
		return fail(c, "\"maxlength\" applies to text only");
	if (field_types[t].answer == ANSWER_BLOCKS &&
	    hi.kind != BOUND_NONE && bound_value(&hi) > BLOCKS_MAX)
		return fail(c, "a group takes at most %d blocks", BLOCKS_MAX);
	return check_size(c, f, t);
}

/*
 * A read-only field shows what its source gave, and nothing posted
 * changes it: it needs a source, and an answer of one value.
 */
static int
check_readonly(struct check *c, const json_t *f, enum field_type t)
{
	const json_t	*ro = json_object_get(f, "readonly");
	const json_t	*mt = json_object_get(f, "must_be_true");

	if (ro != NULL && !json_is_boolean(ro))
		return fail(c, "\"readonly\" must be true or false");
	if (json_is_true(ro) && (field_types[t].answer == ANSWER_NONE ||
	    field_types[t].answer == ANSWER_FILES ||
	    field_types[t].answer == ANSWER_BLOCKS ||
	    field_types[t].answer == ANSWER_APPOINTMENT))
		return fail(c, "\"readonly\" does not apply to type %s",
		    field_types[t].name);
	if (json_is_true(ro) && json_object_get(f, "source") == NULL)
		return fail(c, "a \"readonly\" field needs a \"source\" to "
		    "fill it");
	if (mt != NULL && !json_is_boolean(mt))
		return fail(c, "\"must_be_true\" must be true or false");
	if (mt != NULL && !(field_types[t].flags & FT_TRUTH))
		return fail(c, "\"must_be_true\" applies to yesno and "
		    "declaration only");
	if (json_is_true(mt) && json_is_true(ro))
		return fail(c, "a \"must_be_true\" field is the user's to "
		    "answer: not \"readonly\"");
	return 0;
}

/*
 * An appointment field offers one office's meeting type (their codes, as
 * sql/seed/0007 writes them): whether they exist is the importer's to
 * ask the database (guichet-admin).  Its slot is a person's and a
 * dossier's, once: not in a group's blocks, not pre-filled.
 */
static int
check_appointment(struct check *c, const json_t *f, enum field_type t,
    int depth)
{
	static const char *const keys[] = { "office", "meeting_type" };
	size_t	i;

	if (t != FIELD_APPOINTMENT) {
		for (i = 0; i < nitems(keys); i++)
			if (json_object_get(f, keys[i]) != NULL)
				return fail(c, "\"%s\" applies to appointment "
				    "fields only", keys[i]);
		return 0;
	}
	if (depth > 0)
		return fail(c, "an appointment field cannot be in a group");
	if (json_object_get(f, "source") != NULL)
		return fail(c, "\"source\" does not apply to type appointment");
	for (i = 0; i < nitems(keys); i++)
		if (string_key(c, f, keys[i], "^[A-Z][A-Z0-9_-]{1,29}$",
		    "the code of an office or of its meeting type "
		    "(capitals, digits, _ and -)") == -1)
			return -1;
	return 0;
}

static int
check_field(struct check *c, const json_t *f, json_t *names, int depth)
{
	static const char *const keys[] = { "name", "type", "label", "help",
	    "text", "required", "min", "max", "exclusive_min", "exclusive_max",
	    "maxlength", "options", "options_from", "display", "condition",
	    "source", "readonly", "must_be_true", "fields", "rules",
	    "max_size", "office", "meeting_type" };
	enum field_type	 t;
	const char	*name;
	char		 msg[200];
	int		 display_only, group;

	if (!json_is_object(f))
		return fail(c, "a field must be an object");
	if (known_keys(c, f, keys, nitems(keys)) == -1)
		return -1;
	if (field_type_of(json_object_get(f, "type"), &t, msg,
	    sizeof(msg)) == -1)
		return fail(c, "%s", msg);
	display_only = field_type_display_only(t);
	group = field_types[t].answer == ANSWER_BLOCKS;
	if (string_key(c, f, "name", "^[a-z][a-z0-9_]{0,39}$",
	    "a lower-case name of letters, digits and _") == -1)
		return -1;
	name = json_string_value(json_object_get(f, "name"));
	if (json_object_get(names, name) != NULL)
		return fail(c, "the name \"%s\" is used twice", name);
	json_object_set_new(names, name, json_true());
	json_object_set_new(c->all, name, json_true());
	if (display_only) {
		if (texts(c, f, "text", 1, 5000) == -1)
			return -1;
	} else if (texts(c, f, "label", 1, 300) == -1 ||
	    texts(c, f, "help", 0, 2000) == -1)
		return -1;
	if (json_object_get(f, "required") &&
	    !json_is_boolean(json_object_get(f, "required")))
		return fail(c, "\"required\" must be true or false");
	if (json_object_get(f, "condition") &&
	    !json_is_string(json_object_get(f, "condition")))
		return fail(c, "\"condition\" must be an expression in a string");
	if (json_object_get(f, "source") && (!json_is_string(json_object_get(f,
	    "source")) || !in_list(json_string_value(json_object_get(f,
	    "source")), procdef_sources, procdef_nsources)))
		return fail(c, "\"source\" is not a known source (see "
		    "docs/procedures.md)");
	if (json_object_get(f, "source") && group !=
	    in_list(json_string_value(json_object_get(f, "source")),
	    list_sources, nitems(list_sources)))
		return fail(c, "\"source\" %s %s", json_string_value(
		    json_object_get(f, "source")), group ?
		    "cannot fill a group" : "fills a group only");
	if (check_limits(c, f, t) == -1 || check_readonly(c, f, t) == -1)
		return -1;
	if (json_object_get(f, "rules") != NULL && !group)
		return fail(c, "\"rules\" apply to pages and groups only");
	if (check_appointment(c, f, t, depth) == -1)
		return -1;
	if (field_types[t].flags & FT_OPTIONS)
		return check_options(c, f);
	if (json_object_get(f, "options") || json_object_get(f, "display"))
		return fail(c, "\"options\" apply to choices only");
	if (group) {
		json_t	*scope;
		int	 rc;

		if (depth > 0)
			return fail(c, "a group cannot hold another group");
		/* a block's names are its own: "given_names" per worker */
		scope = json_object();
		rc = check_fields(c, f, scope, depth + 1);
		json_decref(scope);
		return rc;
	}
	if (json_object_get(f, "fields"))
		return fail(c, "\"fields\" apply to groups only");
	return 0;
}

static int
check_fields(struct check *c, const json_t *holder, json_t *names, int depth)
{
	const json_t	*fields = json_object_get(holder, "fields"), *f;
	size_t		 i;
	char		 saved[256];

	if (!json_is_array(fields) || json_array_size(fields) == 0)
		return fail(c, "\"fields\" must be a non-empty list");
	strcpy(saved, c->where);
	json_array_foreach(fields, i, f) {
		const json_t *n = json_is_object(f) ? json_object_get(f, "name") : NULL;

		snprintf(c->where, sizeof(c->where), "%s.fields[%zu]%s%s%s",
		    saved, i, json_is_string(n) ? " \"" : "",
		    json_is_string(n) ? json_string_value(n) : "",
		    json_is_string(n) ? "\"" : "");
		if (check_field(c, f, names, depth) == -1)
			return -1;
	}
	strcpy(c->where, saved);
	return 0;
}

static int
check_condition(struct check *c, const json_t *holder, const json_t *names)
{
	const json_t	*e = json_object_get(holder, "condition");
	char		 msg[300];

	if (e == NULL)
		return 0;
	if (!json_is_string(e))
		return fail(c, "\"condition\" must be an expression in a string");
	if (cond_check(json_string_value(e), names, msg, sizeof(msg)) == -1)
		return fail(c, "\"condition\": %s", msg);
	return 0;
}

/* The field of holder's "fields" named name, or NULL. */
static const json_t *
field_named(const json_t *holder, const char *name)
{
	const json_t	*f;
	size_t		 i;

	json_array_foreach(json_object_get(holder, "fields"), i, f)
		if (json_is_string(json_object_get(f, "name")) &&
		    strcmp(json_string_value(json_object_get(f, "name")),
		    name) == 0)
			return f;
	return NULL;
}

/*
 * The rules across the fields of a page, or of each block of a group:
 * an expression of the condition language that must be true, the field
 * whose answer it is shown at, a message in the four languages.
 */
static int
check_rules(struct check *c, const json_t *holder, const json_t *names)
{
	static const char *const rkeys[] = { "check", "field", "message" };
	const json_t	*rules = json_object_get(holder, "rules"), *r, *f;
	const char	*field;
	char		 saved[256], msg[300];
	enum field_type	 t;
	size_t		 i;

	if (rules == NULL)
		return 0;
	if (!json_is_array(rules) || json_array_size(rules) == 0 ||
	    json_array_size(rules) > 20)
		return fail(c, "\"rules\" must be a list of 1 to 20 rules");
	strcpy(saved, c->where);
	json_array_foreach(rules, i, r) {
		snprintf(c->where, sizeof(c->where), "%s.rules[%zu]", saved, i);
		if (!json_is_object(r) || known_keys(c, r, rkeys,
		    nitems(rkeys)) == -1)
			return json_is_object(r) ? -1 :
			    fail(c, "a rule must be an object");
		if (!json_is_string(json_object_get(r, "check")))
			return fail(c, "\"check\" must be an expression in a "
			    "string");
		if (cond_check(json_string_value(json_object_get(r, "check")),
		    names, msg, sizeof(msg)) == -1)
			return fail(c, "\"check\": %s", msg);
		field = json_string_value(json_object_get(r, "field"));
		if (field == NULL || (f = field_named(holder, field)) == NULL)
			return fail(c, "\"field\" must name a field of the %s "
			    "the rule belongs to", json_object_get(holder,
			    "type") != NULL ? "group" : "page");
		if (field_type_of(json_object_get(f, "type"), &t, msg,
		    sizeof(msg)) == -1 || field_type_display_only(t))
			return fail(c, "\"field\" %s shows no answer", field);
		if (texts(c, r, "message", 1, 300) == -1)
			return -1;
	}
	strcpy(c->where, saved);
	return 0;
}

/* The conditions of the fields of a page or of a group's block. */
static int
check_conditions(struct check *c, const json_t *holder, const json_t *names)
{
	const json_t	*f;
	size_t		 i;
	char		 saved[256];

	strcpy(saved, c->where);
	json_array_foreach(json_object_get(holder, "fields"), i, f) {
		snprintf(c->where, sizeof(c->where), "%s.fields[%zu] \"%s\"",
		    saved, i, json_string_value(json_object_get(f, "name")));
		if (check_condition(c, f, names) == -1 ||
		    (json_object_get(f, "fields") != NULL &&
		    (check_conditions(c, f, names) == -1 ||
		    check_rules(c, f, names) == -1)))
			return -1;
	}
	strcpy(c->where, saved);
	return 0;
}

/*
 * The statuses the user sees on the dossier's timeline, in order: sending
 * and the decision always, receipt and processing if the department wants
 * them shown.
 */
static int
check_statuses(struct check *c, const json_t *l)
{
	static const char *const codes[] = { "soumis", "receptionne",
	    "en_traitement", "cloture" };
	const json_t	*v;
	size_t		 i, k, last = 0;

	if (l == NULL)
		return 0;
	if (!json_is_array(l))
		return fail(c, "\"statuses\" must be a list");
	json_array_foreach(l, i, v) {
		for (k = 0; k < nitems(codes); k++)
			if (json_is_string(v) && strcmp(json_string_value(v),
			    codes[k]) == 0)
				break;
		if (k == nitems(codes))
			return fail(c, "\"statuses\" lists soumis, receptionne, "
			    "en_traitement, cloture");
		if (i > 0 && k <= last)
			return fail(c, "\"statuses\" must be in order, each "
			    "once");
		last = k;
	}
	if (json_array_size(l) == 0 || strcmp(json_string_value(
	    json_array_get(l, 0)), "soumis") != 0 || last != nitems(codes) - 1)
		return fail(c, "\"statuses\" must show soumis and cloture");
	return 0;
}

/* The regular expressions of department and family codes (sql/0001, 0002). */
#define DEPARTMENT_CODE	"^[A-Z][A-Z0-9_-]{1,19}$"
#define FAMILY_CODE	"^[a-z][a-z0-9_]{1,39}$"

/*
 * The department or the family a procedure belongs to: its code, of one
 * the database knows (guichet-admin department|family add), or an object
 * describing it, which the import adds if missing, so a department ports
 * a procedure without writing SQL.
 */
static int
check_owner(struct check *c, const json_t *d, const char *key)
{
	static const char *const dkeys[] = { "code", "names", "email" };
	static const char *const fkeys[] = { "code", "titles" };
	int		 dept = strcmp(key, "department") == 0;
	const json_t	*o = json_object_get(d, key), *email;
	int		 rc;

	if (!json_is_object(o))
		return string_key(c, d, key, dept ? DEPARTMENT_CODE :
		    FAMILY_CODE, dept ? "a department code" :
		    "a procedure family code");
	snprintf(c->where, sizeof(c->where), "%s", key);
	email = json_object_get(o, "email");
	rc = known_keys(c, o, dept ? dkeys : fkeys, dept ? nitems(dkeys) :
	    nitems(fkeys)) == -1 || string_key(c, o, "code", dept ?
	    DEPARTMENT_CODE : FAMILY_CODE, dept ? "a department code" :
	    "a procedure family code") == -1 || texts(c, o, dept ? "names" :
	    "titles", 1, 200) == -1 ? -1 : 0;
	if (rc == 0 && email != NULL && (!json_is_string(email) ||
	    !valid_email(json_string_value(email), NULL, NULL, 0)))
		rc = fail(c, "\"email\" must be an email address");
	*c->where = '\0';
	return rc;
}

/* The code of a definition's department or family, however written. */
const char *
procdef_owner_code(const json_t *d, const char *key)
{
	const json_t	*o = json_object_get(d, key);

	return json_string_value(json_is_object(o) ? json_object_get(o,
	    "code") : o);
}

/*
 * A decision deadline (docs/deadlines.md): its problems are also said in
 * the four languages (deadline.err.* in the language files), since the
 * person importing is told which rule of law a definition breaks.
 */
#define DEADLINE_CALENDAR_MAX	730	/* two years */
#define DEADLINE_WORKING_MAX	520	/* about two years of working days */

static int
deadline_fail(struct check *c, const char *key, const char *msg)
{
	c->key = key;
	return fail(c, "%s", msg);
}

static int
one_of(const json_t *o, const char *key, const char *const *list, size_t n)
{
	const char	*v = json_string_value(json_object_get(o, key));

	return v != NULL && in_list(v, list, n);
}

static int
check_deadline(struct check *c, const json_t *dl)
{
	static const char *const keys[] = { "days", "count", "region",
	    "silence", "complement", "basis" };
	static const char *const counts[] = { "calendar", "working" };
	static const char *const silences[] = { "acceptance", "refusal",
	    "none" };
	static const char *const complements[] = { "suspend", "restart" };
	const json_t	*days = json_object_get(dl, "days");
	const char	*count = json_string_value(json_object_get(dl, "count"));
	int		 working = count != NULL && strcmp(count, "working") == 0;
	int		 rc;

	if (dl == NULL)
		return 0;
	snprintf(c->where, sizeof(c->where), "decision_deadline");
	if (!json_is_object(dl))
		rc = deadline_fail(c, "deadline.err.object",
		    "must be an object");
	else if (known_keys(c, dl, keys, nitems(keys)) == -1)
		rc = -1;
	else if (!one_of(dl, "count", counts, nitems(counts)))
		rc = deadline_fail(c, "deadline.err.count",
		    "\"count\" must be calendar or working");
	else if (!json_is_integer(days))
		rc = deadline_fail(c, "deadline.err.period",
		    "\"days\" must be a whole number of days");
	else if (json_integer_value(days) < 1)
		rc = deadline_fail(c, "deadline.err.period",
		    "\"days\" must be at least 1");
	else if (json_integer_value(days) > (working ? DEADLINE_WORKING_MAX :
	    DEADLINE_CALENDAR_MAX))
		rc = deadline_fail(c, working ? "deadline.err.working_max" :
		    "deadline.err.calendar_max", working ?
		    "\"days\" is more than 520 working days" :
		    "\"days\" is more than 730 calendar days");
	else if (cal_region(json_string_value(json_object_get(dl,
	    "region"))) == -1)
		rc = deadline_fail(c, "deadline.err.region", "\"region\" must "
		    "be belgium, brussels, wallonia, flanders or german");
	else if (!one_of(dl, "silence", silences, nitems(silences)))
		rc = deadline_fail(c, "deadline.err.silence", "\"silence\" "
		    "must be acceptance, refusal or none");
	else if (!one_of(dl, "complement", complements, nitems(complements)))
		rc = deadline_fail(c, "deadline.err.complement",
		    "\"complement\" must be suspend or restart");
	else if ((rc = texts(c, dl, "basis", 1, 1000)) == -1)
		c->key = "deadline.err.basis";
	*c->where = '\0';
	return rc;
}

/* Paths the platform's own programs serve: no procedure's program. */
static const char *const engine_paths[] = { "/account", "/api", "/dossiers",
    "/documents", "/forms", "/help", "/inbox", "/login", "/logout",
    "/my-data", "/org", "/procedures", "/static" };

int
procdef_check(const json_t *d, char *err, size_t errsz)
{
	return procdef_check_keyed(d, err, errsz, NULL);
}

int
procdef_check_keyed(const json_t *d, char *err, size_t errsz,
    const char **key)
{
	struct check	 c = { err, errsz, "", NULL, NULL };
	int		 rc;

	rc = check_definition(&c, d);
	if (key != NULL)
		*key = rc == -1 ? c.key : NULL;
	return rc;
}

static int
check_definition(struct check *cp, const json_t *d)
{
	static const char *const keys[] = { "code", "family", "department",
	    "audience", "assurance", "payment", "titles", "summary",
	    "documents", "deadline", "decision_deadline", "themes",
	    "statuses", "program", "pages", "fees" };
	static const char *const audiences[] = { "citizen", "company",
	    "nonprofit" };
	static const char *const pkeys[] = { "id", "titles", "fields",
	    "condition", "rules" };
	struct check	 c = *cp;
	const json_t	*a, *pages, *p, *v;
	json_t		*names, *ids;
	size_t		 i;
	int		 rc = -1;

	if (!json_is_object(d))
		return fail(&c, "a definition is a JSON object");
	if (known_keys(&c, d, keys, nitems(keys)) == -1 ||
	    string_key(&c, d, "code", "^[A-Z][A-Z0-9]{1,19}$",
	    "2 to 20 capitals and digits") == -1 ||
	    check_owner(&c, d, "family") == -1 ||
	    check_owner(&c, d, "department") == -1 ||
	    string_key(&c, d, "assurance", "^(low|substantial|high)$",
	    "low, substantial or high") == -1 ||
	    texts(&c, d, "titles", 1, 200) == -1 ||
	    texts(&c, d, "summary", 1, 2000) == -1 ||
	    texts(&c, d, "documents", 0, 5000) == -1 ||
	    texts(&c, d, "deadline", 0, 500) == -1)
		return -1;
	if ((v = json_object_get(d, "payment")) != NULL && !json_is_boolean(v))
		return fail(&c, "\"payment\" must be true or false");
	if (json_object_get(d, "program") != NULL && string_key(&c, d,
	    "program", "^/[a-z][a-z0-9-]{1,30}$", "a program's path") == -1)
		return -1;
	if ((v = json_object_get(d, "program")) != NULL && in_list(
	    json_string_value(v), engine_paths, nitems(engine_paths)))
		return fail(&c, "\"program\" \"%s\" is served by another "
		    "program", json_string_value(v));
	if (check_statuses(&c, json_object_get(d, "statuses")) == -1)
		return -1;
	if (check_deadline(&c, json_object_get(d, "decision_deadline")) == -1) {
		cp->key = c.key;
		return -1;
	}
	a = json_object_get(d, "audience");
	if (!json_is_array(a) || json_array_size(a) == 0)
		return fail(&c, "\"audience\" must list citizen, company or nonprofit");
	json_array_foreach(a, i, v)
		if (!json_is_string(v) || !in_list(json_string_value(v),
		    audiences, nitems(audiences)))
			return fail(&c, "\"audience\" must list citizen, company "
			    "or nonprofit");
	pages = json_object_get(d, "pages");
	if (!json_is_array(pages) || json_array_size(pages) == 0)
		return fail(&c, "\"pages\" must be a non-empty list");
	names = json_object();
	ids = json_object();
	c.all = json_object();
	json_array_foreach(pages, i, p) {
		snprintf(c.where, sizeof(c.where), "pages[%zu]", i);
		if (!json_is_object(p) || known_keys(&c, p, pkeys, nitems(pkeys)) == -1 ||
		    string_key(&c, p, "id", "^[a-z][a-z0-9_]{0,39}$",
		    "a lower-case page id") == -1 ||
		    texts(&c, p, "titles", 1, 200) == -1)
			goto out;
		if (json_object_get(ids, json_string_value(json_object_get(p,
		    "id"))) != NULL) {
			fail(&c, "the page id is used twice");
			goto out;
		}
		json_object_set_new(ids, json_string_value(json_object_get(p,
		    "id")), json_true());
		if (check_fields(&c, p, names, 0) == -1)
			goto out;
	}
	/* Conditions last: they may name a field of a later page. */
	json_array_foreach(pages, i, p) {
		snprintf(c.where, sizeof(c.where), "pages[%zu]", i);
		if (check_condition(&c, p, c.all) == -1 ||
		    check_conditions(&c, p, c.all) == -1 ||
		    check_rules(&c, p, c.all) == -1)
			goto out;
	}
	*c.where = '\0';
	if ((v = json_object_get(d, "fees")) != NULL) {
		if (json_is_false(json_object_get(d, "payment"))) {
			fail(&c, "\"fees\" with \"payment\": false");
			goto out;
		}
		if (fee_check(v, c.all, c.err, c.errsz) == -1)
			goto out;
	}
	rc = 0;
out:
	json_decref(names);
	json_decref(ids);
	json_decref(c.all);
	return rc;
}

char *
procdef_canonical(const json_t *d)
{
	return json_dumps(d, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENSURE_ASCII);
}

void
procdef_digest(const char *canonical, char hex[65])
{
	sha256_hex(canonical, hex);
}
