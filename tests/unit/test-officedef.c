/* lib/officedef.c: offices' definitions checked before guichet-admin stores them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "officedef.h"
#include "tap.h"

static json_t *
shipped(void)
{
	char	 path[1024];

	snprintf(path, sizeof(path), "%s/conf/offices/NAMUR-POP.json",
	    getenv("GUICHET_SRCDIR") ? getenv("GUICHET_SRCDIR") : ".");
	return json_load_file(path, JSON_REJECT_DUPLICATES, NULL);
}

/*
 * The shipped definition with the value at "key" or "key.sub" (an
 * object's member, or an array's index) set, or removed (v NULL); 0 if
 * it is accepted.
 */
static int
changed(const char *key, const char *sub, json_t *v, char *err, size_t len)
{
	json_t	*d = shipped(), *o = d;
	int	 rc;

	if (sub != NULL) {
		o = json_object_get(d, key);
		key = sub;
	}
	if (json_is_array(o) && v == NULL)
		json_array_remove(o, (size_t)atoi(key));
	else if (json_is_array(o))
		json_array_set_new(o, (size_t)atoi(key), v);
	else if (v == NULL)
		json_object_del(o, key);
	else
		json_object_set_new(o, key, v);
	err[0] = '\0';
	rc = officedef_check(d, err, len);
	json_decref(d);
	return rc;
}

/* Refused, and the message says where and what. */
static void
refused(const char *key, const char *sub, json_t *v, const char *where,
    const char *what, const char *name)
{
	char	err[300];
	int	rc = changed(key, sub, v, err, sizeof(err));

	ok(rc == -1 && strncmp(err, where, strlen(where)) == 0 &&
	    strstr(err, what) != NULL, name);
	if (rc == 0 || strncmp(err, where, strlen(where)) != 0 ||
	    strstr(err, what) == NULL)
		printf("# got \"%s\"\n", err);
}

static json_t *
type(const char *code, int minutes)
{
	return json_pack("{sss{ssssssss}si}", "code", code, "labels", "fr",
	    "a", "nl", "b", "de", "c", "en", "d", "duration_minutes", minutes);
}

int
main(void)
{
	json_t	*d = shipped();
	char	 err[300] = "";

	ok(d != NULL && officedef_check(d, err, sizeof(err)) == 0,
	    "the shipped example is accepted");
	if (err[0] != '\0')
		printf("# %s\n", err);
	json_decref(d);
	ok(changed("accessibility", NULL, NULL, err, sizeof(err)) == 0 &&
	    changed("online", NULL, json_false(), err, sizeof(err)) == 0 &&
	    changed("min_delay_minutes", NULL, NULL, err, sizeof(err)) == 0,
	    "accessibility, online and the delays may be left out");
	ok(changed("accessibility", NULL, json_pack("{ss}", "fr", "Rampe."),
	    err, sizeof(err)) == 0, "accessibility in some languages only");
	refused("colour", NULL, json_string("blue"), "colour:",
	    "not a key", "an unknown key is refused, named");
	refused("hours", "lundi", json_pack("[s]", "08:00-12:00"), "hours:",
	    "monday", "a weekday in another language is refused");
	refused("code", NULL, json_string("namur"), "code:", "A-Z",
	    "a code in small letters is refused");
	refused("code", NULL, json_string("N"), "code:", "2 to 30",
	    "a code of one letter is refused");
	refused("department", NULL, json_integer(3), "department:", "code",
	    "a department is a code");
	refused("names", "de", NULL, "names:", "each of",
	    "a name in each language");
	refused("names", "es", json_string("Población"), "names:", "\"fr\"",
	    "no fifth language");
	refused("names", "fr", json_string("Deux\nlignes"), "names:",
	    "one line", "a name of two lines is refused");
	refused("address", NULL, json_string(""), "address:", "one line",
	    "an empty address is refused");
	refused("region", NULL, json_string("namur"), "region:", "wallonia",
	    "an unknown region is refused, the regions listed");
	refused("min_delay_minutes", NULL, json_integer(-5),
	    "min_delay_minutes:", "between 0 and 43200",
	    "a negative delay is refused");
	refused("max_delay_days", NULL, json_integer(400), "max_delay_days:",
	    "366", "more than a year ahead is refused");
	refused("max_delay_days", NULL, json_real(30.5), "max_delay_days:",
	    "whole days", "a delay of half days is refused");
	refused("online", NULL, json_string("yes"), "online:", "true or false",
	    "online is a boolean");
	refused("desks", NULL, json_array(), "desks:", "1 to 50",
	    "an office without a desk is refused");
	refused("desks", "2", json_string("Guichet 1"), "desks:",
	    "same name", "two desks of one name are refused");
	refused("desks", "0", json_string(""), "desks:", "1 to 60",
	    "a desk without a name is refused");
	refused("meeting_types", NULL, json_array(), "meeting_types:",
	    "1 to 50", "an office without a meeting type is refused");
	refused("meeting_types", "1", type("ID_CARD", 20), "meeting_types:",
	    "same code", "two meeting types of one code are refused");
	refused("meeting_types", "1", type("PASS", 7),
	    "meeting_types[1].duration_minutes:", "multiple of 5",
	    "a duration of 7 minutes is refused, the item named");
	refused("meeting_types", "1", type("PASS", 300),
	    "meeting_types[1].duration_minutes:", "240",
	    "a duration of 5 hours is refused");
	refused("meeting_types", "0", type("id", 15), "meeting_types[0]:",
	    "\"code\"", "a meeting type's code is checked");
	refused("meeting_types", "0", json_pack("{sss{ss}si}", "code", "X1",
	    "labels", "fr", "a", "duration_minutes", 15),
	    "meeting_types[0].labels:", "each of",
	    "a meeting type's label in each language");
	refused("meeting_types", "0", json_pack("{sss{ssssssss}sisi}", "code",
	    "X1", "labels", "fr", "a", "nl", "b", "de", "c", "en", "d",
	    "duration_minutes", 15, "price", 5), "meeting_types[0].price:",
	    "not a key", "an unknown key of a meeting type is named");
	refused("hours", "monday", json_pack("[s]", "12:00-08:00"),
	    "hours.monday:", "close after", "a span closing before it opens");
	refused("hours", "monday", json_pack("[ss]", "08:00-12:00",
	    "11:00-14:00"), "hours.monday:", "overlapping",
	    "overlapping spans are refused");
	refused("hours", "monday", json_pack("[ss]", "13:00-16:00",
	    "08:00-12:00"), "hours.monday:", "overlapping",
	    "spans out of order are refused");
	refused("hours", "friday", json_pack("[s]", "8:30-12:00"),
	    "hours.friday:", "08:30-12:00", "a time of one digit is refused");
	refused("hours", "friday", json_pack("[s]", "08:30-24:00"),
	    "hours.friday:", "24-hour", "24:00 is refused");
	refused("hours", "friday", json_pack("[s]", "08:60-12:00"),
	    "hours.friday:", "24-hour", "minute 60 is refused");
	refused("hours", NULL, json_object(), "hours:", "online\": false",
	    "an office never open is refused, the way to close it said");
	ok(changed("hours", "saturday", json_pack("[s]", "09:00-12:00"), err,
	    sizeof(err)) == 0, "a Saturday morning is accepted");
	ok(changed("hours", "sunday", json_array(), err, sizeof(err)) == 0,
	    "a day without spans is accepted");
	ok(officedef_weekday("monday") == 1 && officedef_weekday("sunday") ==
	    7 && officedef_weekday("Monday") == 0 && officedef_weekday("") == 0,
	    "weekdays in ISO numbers");
	d = json_array();
	ok(officedef_check(d, err, sizeof(err)) == -1, "an array is refused");
	json_decref(d);
	return tap_done();
}
