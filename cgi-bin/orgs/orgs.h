/* guichet-orgs: acting for an organisation, its users, roles and mandates. */
#ifndef GUICHET_ORGS_H
#define GUICHET_ORGS_H

#include "app.h"
#include "db.h"
#include "form.h"

/* space.c: the organisation's shared workspace and its audit trail */
enum gerr	page_space(struct req *);
enum gerr	page_audit(struct req *);
enum gerr	org_load(struct req *, int *manager);
enum gerr	org_start(struct req *, int *manager, int own);
enum gerr	org_fail(struct req *, enum gerr, const char *field);
enum gerr	org_render(struct req *, int status, const char *tmpl);
enum gerr	families_hdf(struct req *, const char *held);
const char	*families_form(struct req *);

/* members.c: users and their roles, by the main access manager */
enum gerr	page_users(struct req *);
enum gerr	page_user_add(struct req *);
enum gerr	page_user(struct req *);
enum gerr	page_user_post(struct req *);
enum gerr	page_user_remove(struct req *);

/* mandates.c */
enum gerr	page_mandates(struct req *);
enum gerr	page_mandate_new(struct req *);
enum gerr	page_mandate_act(struct req *);

/* represent.c: a legal representative; email.c: the professional address */
enum gerr	page_represent(struct req *);
enum gerr	page_represent_post(struct req *);
enum gerr	page_represent_org(struct req *);
enum gerr	page_represent_manager(struct req *);
enum gerr	org_by_bce(struct req *, const char *bce, const char **id);
enum gerr	page_email(struct req *);
enum gerr	page_email_post(struct req *);
enum gerr	page_email_confirm(struct req *);
enum gerr	page_email_confirm_post(struct req *);

#endif
