/* Unit tests of lib/cond.c: the condition language of definitions. */
#include "cond.h"
#include "tap.h"

static json_t	*answers, *block, *names;

static void
is_eval(const char *expr, int want)
{
	is_int(cond_eval(expr, answers, block), want, expr);
}

static void
check_fails(const char *expr, const char *want)
{
	char	err[200] = "";

	ok(cond_check(expr, names, err, sizeof(err)) == -1 &&
	    strstr(err, want) != NULL, expr);
	if (strstr(err, want) == NULL)
		printf("#   got: '%s'\n", err);
}

int
main(void)
{
	char	err[200];

	answers = json_pack("{s:s, s:s, s:s, s:s, s:[s,s], s:[{s:s, s:s},"
	    "{s:s, s:s}, {s:s}], s:s, s:{s:s}}",
	    "kind", "cargo", "has_staff", "yes", "price", "1500.50",
	    "since", "2024-03-01", "reasons", "vacancy", "works",
	    "employees", "name", "A", "salary", "15000", "name", "B",
	    "salary", "5000.01", "name", "C", "empty", "",
	    "address", "street", "Rue");
	block = json_pack("{s:s}", "contract", "full_time");
	names = json_pack("{s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b, s:b,"
	    " s:b, s:b}", "kind", 1, "has_staff", 1, "price", 1, "since", 1,
	    "reasons", 1, "employees", 1, "empty", 1, "address", 1,
	    "contract", 1, "absent", 1, "salary", 1);

	/* Equality, yes/no and strings. */
	is_eval("kind = \"cargo\"", 1);
	is_eval("kind == 'cargo'", 1);
	is_eval("kind != \"cargo\"", 0);
	is_eval("kind = \"city\"", 0);
	is_eval("has_staff", 1);
	is_eval("has_staff = true", 1);
	is_eval("has_staff = false", 0);
	is_eval("not has_staff", 0);
	/* Numbers compare as numbers, dates as ISO strings. */
	is_eval("price > 1000", 1);
	is_eval("price >= 1500.5", 1);
	is_eval("price < 999", 0);
	is_eval("since >= \"2024-01-01\"", 1);
	is_eval("since < \"2024-01-01\"", 0);
	/* Lists: checkboxes contain, in [...] */
	is_eval("reasons = \"works\"", 1);
	is_eval("reasons in [\"sale\", \"works\"]", 1);
	is_eval("reasons in [\"sale\"]", 0);
	is_eval("kind in [\"city\", \"cargo\"]", 1);
	is_eval("kind in []", 0);
	is_eval("count(employees) = 3", 1);
	is_eval("count(employees) > 3", 0);
	is_eval("count(absent) = 0", 1);
	/* Missing and empty answers. */
	is_eval("absent", 0);
	is_eval("absent = null", 1);
	is_eval("absent > 3", 0);
	is_eval("absent != \"x\"", 1);
	is_eval("answered(empty)", 0);
	is_eval("answered(kind)", 1);
	is_eval("answered(address)", 1);
	is_eval("address", 1);
	/* Block first, then answers; precedence. */
	is_eval("contract = \"full_time\" and has_staff", 1);
	is_eval("kind = \"city\" or contract = \"full_time\"", 1);
	is_eval("kind = \"city\" or kind = \"cargo\" and not has_staff", 0);
	is_eval("(kind = \"city\" or kind = \"cargo\") and has_staff", 1);
	is_eval("not not has_staff", 1);
	is_eval("andrew", 0);			/* a name, not "and" */
	is_eval("  kind  =  \"cargo\"  ", 1);
	is_eval("-1 < 0", 1);
	/* Totals: over a group's blocks, and + - (unanswered counts 0). */
	is_eval("sum(employees.salary) > 20000", 1);
	is_eval("sum(employees.salary) <= 20000.01", 1);
	is_eval("sum(absent.salary) = 0", 1);
	is_eval("sum(kind.salary) = 0", 1);
	is_eval("price + 500 = 2000.5", 1);
	is_eval("price - 500.5 - 1000 = 0", 1);
	is_eval("price + absent = 1500.5", 1);
	is_eval("absent + absent = 0", 1);
	is_eval("kind + 1 = 1", 0);		/* text: no total */
	is_eval("price + sum(employees.salary) > 21500", 1);
	is_eval("price+1>price", 1);
	is_eval("price -1 < price", 1);
	is_eval("0.1 + 0.2 = 0.3", 1);		/* as written, not as doubles */

	/* Checks: syntax and names, with where it went wrong. */
	ok(cond_check("kind = \"cargo\" and count(employees) > 1", names,
	    err, sizeof(err)) == 0, "valid expression checks");
	check_fails("kindd = \"x\"", "no field is named");
	check_fails("count(nowhere) > 1", "no field is named");
	/* a name cut by the end: the message is read from the end, not past it */
	check_fails("sum( i", "near \"the end\"");
	check_fails("kind = ", "a value or a field name expected");
	check_fails("kind = \"cargo", "unterminated string");
	check_fails("(kind = \"cargo\"", "\")\" expected");
	check_fails("kind in \"cargo\"", "\"[\" expected");
	check_fails("kind in [\"a\" \"b\"]", "\"]\" expected");
	check_fails("kind \"cargo\"", "unexpected text");
	check_fails("Kind = 1", "a value or a field name expected");
	check_fails("count(1)", "a field name expected");
	check_fails("sum(employees) > 1", "a group's name, a dot");
	check_fails("sum(employees.wage) > 1", "no field is named \"wage\"");
	check_fails("sum(staff.salary) > 1", "no field is named \"staff\"");
	check_fails("price + > 1", "a value or a field name expected");
	check_fails("", "a value or a field name expected");
	{
		char deep[200];

		memset(deep, '(', 60);
		strcpy(deep + 60, "kind");
		check_fails(deep, "nested too deeply");
	}
	{
		char *big = calloc(1, COND_MAX_LEN + 10);

		memset(big, ' ', COND_MAX_LEN + 5);
		check_fails(big, "longer than 1000");
		free(big);
	}
	is_int(cond_eval("kind = ", answers, NULL), -1, "eval of a bad one");
	json_decref(answers);
	json_decref(block);
	json_decref(names);
	return tap_done();
}
