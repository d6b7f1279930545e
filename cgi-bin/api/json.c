/* JSON in and out: bodies parsed with jansson, answers written with it. */
#include <stdlib.h>
#include <string.h>

#include "api.h"

static void
json_free_str(void *s)
{
	free(s);
}

enum gerr
json_send(struct req *r, int status, json_t *v)
{
	char	*s;

	if (v == NULL)
		return GERR_NOMEM;
	s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(v);
	if (s == NULL || pool_defer(r->pool, json_free_str, s) == -1) {
		free(s);
		return GERR_NOMEM;
	}
	r->cache = "no-store";
	return resp_send(r, status, "application/json", s, strlen(s));
}

static void
json_free(void *v)
{
	json_decref(v);
}

/* The request's JSON object, freed with the request; NULL if it is none. */
json_t *
json_body(struct req *r)
{
	json_t		*v;
	json_error_t	 err;

	if (r->body == NULL)
		return NULL;
	v = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &err);
	if (v == NULL)
		return NULL;
	if (!json_is_object(v) || pool_defer(r->pool, json_free, v) == -1) {
		json_decref(v);
		return NULL;
	}
	return v;
}

const char *
json_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}
