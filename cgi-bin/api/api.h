/* guichet-api: JSON for the departments' business applications. */
#ifndef GUICHET_API_H
#define GUICHET_API_H

#include <jansson.h>

#include "app.h"

/* The application calling, known by its key. */
struct client {
	const char	*id;
	const char	*department_id;
	const char	*name;
};

/* auth.c */
enum gerr	 client_load(struct req *, struct client *);
void		 api_key_hash(const char *key, char hex[65]);

/* json.c: answers and request bodies */
enum gerr	 json_send(struct req *, int status, json_t *);
json_t		*json_body(struct req *);
const char	*json_str(const json_t *, const char *key);

/* dossiers.c */
enum gerr	 page_changes(struct req *);
enum gerr	 page_dossier(struct req *);
enum gerr	 page_file(struct req *);
enum gerr	 page_status(struct req *);
enum gerr	 page_message(struct req *);
enum gerr	 dossier_scope(struct req *, const struct client *,
		    const char *ref, const char **id);

/* export.c: CSV and JSON of a procedure's dossiers, streamed */
enum gerr	 page_export(struct req *);

/* hooks.c: webhooks */
enum gerr	 page_hooks(struct req *);
enum gerr	 page_hook_add(struct req *);
enum gerr	 page_hook_delete(struct req *);

#endif
