/* guichet-login: eID and one-time-code logins, sessions, acting for whom. */
#ifndef GUICHET_LOGIN_H
#define GUICHET_LOGIN_H

#include "app.h"

enum gerr	page_login(struct req *);
enum gerr	page_eid(struct req *);
enum gerr	page_eid_refused(struct req *);
enum gerr	page_login_complete(struct req *);
enum gerr	page_code_request(struct req *);
enum gerr	page_code_verify(struct req *);
enum gerr	page_acting(struct req *);
enum gerr	page_acting_post(struct req *);
enum gerr	page_sessions(struct req *);
enum gerr	page_session_end(struct req *);
enum gerr	page_logout(struct req *);

/* kiosk.c: a kiosk session's idle warning and end (docs/kiosk.md) */
enum gerr	page_kiosk_idle(struct req *);
enum gerr	page_kiosk_continue(struct req *);
enum gerr	page_kiosk_ended(struct req *);

/* oidc.c: logins through FAS and itsme, their logout, our keys */
enum gerr	page_oidc_start(struct req *);
enum gerr	page_oidc_callback(struct req *);
enum gerr	page_oidc_backchannel(struct req *);
enum gerr	page_oidc_jwks(struct req *);
void		login_oidc_hdf(struct req *);
const char	*login_oidc_logout(struct req *);

/* profile.c: /account, the contact address, language, notifications */
enum gerr	page_profile(struct req *);
enum gerr	page_profile_post(struct req *);
enum gerr	page_profile_confirm(struct req *);
enum gerr	page_profile_confirm_post(struct req *);

const char	*login_return(struct req *);
void		 login_page_hdf(struct req *);
enum gerr	 login_conflict(struct req *);
enum gerr	 login_session(struct req *, const char *person_id,
		    const char *assurance, const char *method, const char **to,
		    const char **row_id);
enum gerr	 login_finish(struct req *, const char *person_id,
		    const char *assurance, const char *method);

#endif
