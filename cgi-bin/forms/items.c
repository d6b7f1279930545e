/*
 * A large group, item by item: a group whose blocks could not all travel
 * with one page's POST (lib/fdef.c's by_item) is listed on its page, and
 * each block is filled on a page of its own, so any count the group
 * allows works within the request limits that apply to everyone.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "forms.h"

/* Where block k of group g is filled: "/forms/7/pages/people/items/x/3". */
const char *
item_path(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k)
{
	return pool_printf(r->pool, "/forms/%s/pages/%s/items/%s/%zu", d->id,
	    page->id, g->name, k + 1);
}

/*
 * The page, group and block the URL names (the block's number counts
 * from 1); GERR_NOTFOUND unless the group is shown item by item and the
 * block exists.
 */
static enum gerr
item_find(struct req *r, const struct dossier *d, const struct fpage **page,
    const struct ffield **g, size_t *k)
{
	const char	*n = r->args[3];

	if ((*page = page_find(d->def, r->args[1], NULL)) == NULL ||
	    !page_visible(*page, d->data) ||
	    (*g = fblock_field(&(*page)->block, r->args[2])) == NULL ||
	    (*g)->answer != ANSWER_BLOCKS || !(*g)->by_item ||
	    !field_visible(*g, d->data, NULL))
		return GERR_NOTFOUND;
	if (n[0] < '1' || n[0] > '9' || strlen(n) > 3 ||
	    strspn(n, "0123456789") != strlen(n))
		return GERR_NOTFOUND;
	*k = (size_t)atoi(n) - 1;
	return *k < json_array_size(json_object_get(d->data, (*g)->name)) ?
	    GERR_OK : GERR_NOTFOUND;
}

static enum gerr
render_item(struct req *r, const struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k, const struct problems *pr, int status)
{
	dossier_hdf(r, d);
	progress_hdf(r, d, page);
	item_hdf(r, d, page, g, k, pr);
	tmpl_set(r->hdf, "Page.files_apart", "1");
	tmpl_set(r->hdf, "Item.action", item_path(r, d, page, g, k));
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	return resp_render(r, status, "forms/item.cs");
}

/*
 * 200 with one block of a large group (its problems with ?check=1); 404
 * for another's dossier, a group not shown item by item or no such block.
 */
enum gerr
page_item(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const struct ffield	*g;
	size_t			 k;
	enum gerr		 e;
	int			 gone;

	if ((e = draft_load(r, &d, 0, &gone)) != GERR_OK || gone)
		return e;
	if ((e = item_find(r, &d, &page, &g, &k)) != GERR_OK)
		return e;
	problems_init(&pr, r);
	if (req_query(r, "check") != NULL)
		answers_check_item(r, &d, page, g, k, &pr);
	return render_item(r, &d, page, g, k, &pr, 200);
}

/* Where an item's buttons lead once it is saved; 0 to show it again. */
static enum gerr
item_next(struct req *r, struct dossier *d, const struct fpage *page,
    const struct ffield *g, size_t k, const char *action, int added)
{
	json_t	*blocks = json_object_get(d->data, g->name);

	if (added)
		return resp_redirect(r, 303, item_path(r, d, page, g,
		    json_array_size(blocks) - 1));
	if (strncmp(action, "attach:", 7) == 0)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/forms/%s/pages/%s/files/%s", d->id, page->id, action + 7));
	if (strncmp(action, "delfile:", 8) == 0)
		return resp_redirect(r, 303, item_path(r, d, page, g, k));
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/forms/%s/pages/%s#%s-%zu", d->id, page->id, g->name, k));
}

/*
 * Saves the block as sent, then: 303 to the group's list (or to a new
 * block with "add", to a file's page with "attach:KEY"); 400 with the
 * block and a message per problem; 200 when answers revealed more
 * questions; 400 without saving if the page expired.
 */
enum gerr
page_item_post(struct req *r)
{
	struct dossier		 d;
	struct problems		 pr;
	const struct fpage	*page;
	const struct ffield	*g;
	const char		*action = req_form(r, "_action");
	json_t			*before, *blocks;
	size_t			 k;
	enum gerr		 e;
	int			 gone, check, added = 0;

	if (action == NULL)
		action = "next";
	check = strcmp(action, "back") != 0 && strncmp(action, "delfile:", 8)
	    != 0 && strncmp(action, "attach:", 7) != 0;
	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	if ((e = draft_load(r, &d, 1, &gone)) != GERR_OK || gone ||
	    (e = item_find(r, &d, &page, &g, &k)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	problems_init(&pr, r);
	before = json_pooled(r, json_deep_copy(d.data));
	answers_take_item(r, &d, page, g, k, &pr);
	if (r->csrf_failed) {
		db_rollback(r->pool);
		tmpl_set(r->hdf, "Page.expired", req_tr(r, "err.expired"));
		return render_item(r, &d, page, g, k, &pr, 400);
	}
	if ((e = store_uploads(r, &d, page, &pr)) != GERR_OK ||
	    (strncmp(action, "delfile:", 8) == 0 &&
	    (e = file_remove(r, &d, action + 8)) != GERR_OK)) {
		db_rollback(r->pool);
		return e;
	}
	if (check) {
		answers_check_item(r, &d, page, g, k, &pr);
		revealed_keys(r, &d, &g->block, pool_printf(r->pool, "%s.%zu.",
		    g->name, k), before, json_array_get(json_object_get(d.data,
		    g->name), k), json_array_get(json_object_get(before,
		    g->name), k), pr.revealed);
		problems_drop_revealed(&pr);
	}
	blocks = json_object_get(d.data, g->name);
	if (check && pr.count == 0 && json_object_size(pr.revealed) == 0 &&
	    strcmp(action, "add") == 0 && json_array_size(blocks) <
	    blocks_max(g))
		added = json_array_append_new(blocks, json_object()) == 0;
	if ((e = answers_save(r, &d)) != GERR_OK ||
	    (e = db_commit(r->pool)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	if (pr.count > 0)
		return render_item(r, &d, page, g, k, &pr, 400);
	if (json_object_size(pr.revealed) > 0)
		return render_item(r, &d, page, g, k, &pr, 200);
	return item_next(r, &d, page, g, k, action, added);
}
