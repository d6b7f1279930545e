/*
 * lib/connector.c against the register stub of tests/registers, which the
 * runner starts; GUICHET_TEST_REGISTERS gives its address (without it,
 * nothing is run).
 */
#include <time.h>

#include "conf.h"
#include "connector.h"
#include "tap.h"

int
main(void)
{
	const char	*url = getenv("GUICHET_TEST_REGISTERS");
	struct pool	*p = pool_new(4096);
	json_t		*j;
	struct timespec	 a, b;
	double		 ms;

	if (url == NULL) {
		printf("1..0 # SKIP GUICHET_TEST_REGISTERS not set\n");
		return 0;
	}
	conf_set("registers.url", url);
	conf_set("registers.timeout_ms", "800");

	ok(connector_get(p, "persons", "85073003328", &j) == GERR_OK, "a person");
	is_str(json_string_value(json_object_get(j, "given_names")),
	    "Élise Marie", "names in UTF-8");
	is_str(json_string_value(json_object_get(json_object_get(j, "address"),
	    "locality")), "Liège", "address");
	is_int((long long)json_array_size(json_object_get(j, "household")), 2,
	    "household");
	ok(connector_get(p, "enterprises", "0203201340", &j) == GERR_OK,
	    "an enterprise");
	is_str(json_string_value(json_object_get(j, "name")),
	    "Boulangerie Dubois SRL", "its name");
	ok(connector_get(p, "persons", "11111111111", &j) == GERR_NOTFOUND &&
	    j == NULL, "an unknown number is not found");
	ok(connector_get(p, "persons", "88888888888", &j) == GERR_UPSTREAM &&
	    j == NULL, "garbage is an upstream failure, not a crash");
	clock_gettime(CLOCK_MONOTONIC, &a);
	ok(connector_get(p, "persons", "99999999999", &j) == GERR_UPSTREAM,
	    "a register too slow is an upstream failure");
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	ok(ms < 2000, "after the configured timeout, not the register's delay");
	ok(connector_get(p, "persons", "8507/../x", &j) == GERR_UPSTREAM,
	    "a key that is not a number never reaches the register");
	conf_set("registers.url", "http://127.0.0.1:1");
	ok(connector_get(p, "persons", "85073003328", &j) == GERR_UPSTREAM,
	    "a register that is away is an upstream failure");
	pool_free(p);
	conf_free();
	return tap_done();
}
