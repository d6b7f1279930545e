/*
 * A department's webhooks, managed by its applications: list, add (the
 * URL checked against loopback and private addresses, the signing secret
 * given once), and remove.  Deliveries are made by guichet-notify.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "crypto.h"
#include "csrf.h"
#include "db.h"
#include "valid.h"
#include "webhook.h"

static struct dbq q_hooks = DBQ(
    "SELECT id, url,"
    "  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id"
    "   AND d.delivered_at IS NULL AND d.dropped_at IS NULL)"
    "  FROM webhooks w WHERE department_id = $1::bigint"
    "   AND disabled_at IS NULL ORDER BY id");

enum gerr
page_hooks(struct req *r)
{
	struct client	 c;
	const char	*p[1];
	PGresult	*res;
	json_t		*list;
	enum gerr	 e;
	int		 i;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	p[0] = c.department_id;
	if ((res = db_query(r->pool, &q_hooks, 1, p)) == NULL)
		return db_last_error();
	list = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:I}",
		    "id", (json_int_t)strtoll(PQgetvalue(res, i, 0), NULL, 10),
		    "url", PQgetvalue(res, i, 1),
		    "created_at", PQgetvalue(res, i, 2),
		    "pending", (json_int_t)strtoll(PQgetvalue(res, i, 3), NULL,
		    10)));
	return json_send(r, 200, json_pack("{s:o}", "webhooks", list));
}

static struct dbq q_add = DBQ(
    "INSERT INTO webhooks (department_id, url, secret)"
    " SELECT $1::bigint, $2, decode($3, 'hex')"
    "  WHERE (SELECT count(*) FROM webhooks WHERE department_id = $1::bigint"
    "   AND disabled_at IS NULL) < $4::int"
    " RETURNING id");

/* POST /api/v1/webhooks {"url": "https://..."}: 201 with the secret. */
enum gerr
page_hook_add(struct req *r)
{
	struct client	 c;
	const char	*p[4], *url, *why = NULL;
	char		 secret[65];
	PGresult	*res;
	json_t		*b;
	enum gerr	 e;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	if ((b = json_body(r)) == NULL)
		return json_send(r, 400, json_pack("{s:s, s:s}", "error",
		    "bad_request", "message", "the body must be a JSON object"));
	url = json_str(b, "url");
	if (url == NULL || !valid_utf8(url, strlen(url)) ||
	    !webhook_url_ok(r->pool, url, &why))
		return json_send(r, 400, json_pack("{s:s, s:s}", "error",
		    "bad_request", "message", why != NULL ? why :
		    "url: an absolute https URL"));
	if (random_hex(secret, 32) == -1)
		return GERR_SYSTEM;
	p[0] = c.department_id;
	p[1] = url;
	p[2] = secret;
	p[3] = "20";
	if ((res = db_query(r->pool, &q_add, 4, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return json_send(r, 409, json_pack("{s:s, s:s}", "error",
		    "conflict", "message", "at most 20 webhooks a department"));
	return json_send(r, 201, json_pack("{s:I, s:s, s:s}", "id",
	    (json_int_t)strtoll(PQgetvalue(res, 0, 0), NULL, 10), "url", url,
	    "secret", secret));
}

static struct dbq q_delete = DBQ(
    "UPDATE webhooks SET disabled_at = now()"
    " WHERE id = $1::bigint AND department_id = $2::bigint"
    "   AND disabled_at IS NULL RETURNING id");

/* POST /api/v1/webhooks/ID/delete: no more deliveries to it. */
enum gerr
page_hook_delete(struct req *r)
{
	struct client	 c;
	const char	*p[2];
	PGresult	*res;
	enum gerr	 e;

	if ((e = client_load(r, &c)) != GERR_OK)
		return e;
	p[0] = r->args[0];
	p[1] = c.department_id;
	if ((res = db_query(r->pool, &q_delete, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return json_send(r, 200, json_pack("{s:s}", "status", "removed"));
}
