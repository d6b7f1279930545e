/* Unit tests of lib/fee.c: fees checked and computed from the answers. */
#include "fee.h"
#include "tap.h"

static json_t *
fees(void)
{
	return json_loads("{\"due\": \"submission\", \"lines\": ["
	    "{\"label\": {\"fr\": \"Copie\", \"nl\": \"Kopie\", \"de\": \"Kopie\","
	    " \"en\": \"Copy\"}, \"cents\": 500, \"quantity\": \"copies\"},"
	    "{\"label\": {\"fr\": \"Urgent\", \"nl\": \"Dringend\", \"de\":"
	    " \"Dringend\", \"en\": \"Urgent\"}, \"cents\": 1000,"
	    " \"condition\": \"urgent\"}]}", 0, NULL);
}

static int64_t
total(const json_t *f, const char *answers, enum gerr *e, size_t *nlines)
{
	json_t		*a = json_loads(answers, 0, NULL);
	struct fee	 fee;

	*e = fee_compute(f, a, &fee);
	*nlines = json_array_size(fee.lines);
	json_decref(fee.lines);
	json_decref(a);
	return fee.total_cents;
}

int
main(void)
{
	json_t		*f = fees(), *names, *a;
	struct fee	 fee;
	char		 err[300], buf[40];
	size_t		 n;
	enum gerr	 e;

	names = json_pack("{s:b, s:b}", "copies", 1, "urgent", 1);
	ok(fee_check(f, names, err, sizeof(err)) == 0, "valid fees");
	is_int(total(f, "{\"copies\": 3, \"urgent\": \"yes\"}", &e, &n), 2500,
	    "3 copies × 5 € + urgent 10 €");
	is_int(n, 2, "two lines");
	is_int(total(f, "{\"copies\": 2, \"urgent\": \"no\"}", &e, &n), 1000,
	    "2 copies, not urgent");
	is_int(n, 1, "the urgent line left out");
	is_int(total(f, "{\"copies\": 0, \"urgent\": \"no\"}", &e, &n), 0,
	    "nothing asked: nothing due");
	ok(fee_compute(f, NULL, &fee) == GERR_OK && fee.due == FEE_NONE,
	    "no answers: nothing due");
	json_decref(fee.lines);
	total(f, "{\"copies\": 2.5}", &e, &n);
	is_int(e, GERR_INPUT, "half a copy refused");
	total(f, "{\"copies\": -1}", &e, &n);
	is_int(e, GERR_INPUT, "a negative quantity refused");
	total(f, "{\"copies\": 1001}", &e, &n);
	is_int(e, GERR_INPUT, "beyond 1000 refused");
	a = json_loads("{\"copies\": 1}", 0, NULL);
	ok(fee_compute(f, a, &fee) == GERR_OK && fee.due == FEE_SUBMISSION &&
	    fee.total_cents == 500, "due at submission");
	json_decref(fee.lines);
	ok(fee_compute(NULL, NULL, &fee) == GERR_OK && fee.due == FEE_NONE &&
	    fee.lines == NULL, "no fees");
	json_object_set_new(f, "due", json_string("acceptance"));
	ok(fee_check(f, names, err, sizeof(err)) == 0, "due at acceptance");
	ok(fee_compute(f, a, &fee) ==
	    GERR_OK && fee.due == FEE_ACCEPTANCE && fee.remind_days == 7 &&
	    fee.close_days == 30, "acceptance: reminded after 7, closed after 30");
	json_decref(fee.lines);
	json_object_del(names, "copies");
	ok(fee_check(f, names, err, sizeof(err)) == -1 &&
	    strstr(err, "copies") != NULL, "a quantity naming no field");
	is_str(fee_amount_text(1250, "fr", buf, sizeof(buf)), "12,50\xc2\xa0€",
	    "amount in French");
	is_str(fee_amount_text(1234567, "en", buf, sizeof(buf)),
	    "12,345.67\xc2\xa0€", "amount in English");
	json_decref(f);
	json_decref(a);
	json_decref(names);
	return tap_done();
}
