/*
 * Working one dossier: everything about it on one page (the applicant,
 * the answers and annexes as sealed, the thread, internal notes, the
 * history, documents, payments) and the actions the agent's role allows:
 * acknowledge receipt, take it or assign it, start processing, ask for a
 * complement, write to the user, write an internal note, close with a
 * decision and its letter, refund a payment (payments.c).  Every change goes through the SQL functions of 0013 and
 * 0014; every view writes the access log the user reads in "Mes données".
 * A dossier of another department is a 404, like one that does not exist.
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "deadline.h"
#include "form.h"
#include "inbox.h"
#include "paydossier.h"
#include "pades.h"
#include "seal.h"
#include "upload.h"
#include "valid.h"

#define TEXT_CHARS	5000

struct work {
	const struct agent *a;
	struct dossier	 d;
	const char	*dept;
	enum role	 role;
	enum lang	 user_lang;	/* for the decision letter */
};

/* Its department, and the language its user filed it in. */
static struct dbq q_scope = DBQ(
    "SELECT p.department_id,"
    "  coalesce((SELECT n.lang FROM notification_outbox n"
    "   WHERE n.dossier_id = d.id AND n.kind = 'dossier_submitted'"
    "   ORDER BY n.id LIMIT 1), pe.lang)"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id"
    " WHERE d.id = $1::bigint AND d.reference IS NOT NULL"
    "   AND p.department_id = ANY($2::bigint[])");

/* The agent, and the dossier if it is of one of their departments. */
static enum gerr
work_load(struct req *r, struct work *w)
{
	const char	*p[2];
	PGresult	*res;

	memset(w, 0, sizeof(*w));
	w->a = r->agent;
	p[0] = r->args[0];
	p[1] = w->a->depts;
	if ((res = db_query(r->pool, &q_scope, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	w->dept = PQgetvalue(res, 0, 0);
	w->role = agent_role(w->a, w->dept);
	if (!lang_parse(PQgetvalue(res, 0, 1), &w->user_lang))
		w->user_lang = LANG_FR;
	return dossier_load(r, r->args[0], &w->d, LOAD_READ);
}

static struct dbq q_facts = DBQ(
    "SELECT coalesce(person_label(pe.given_names, pe.surname, pe.email), ''),"
    "  pe.nrn,"
    "  coalesce(o.name, ''), coalesce(o.bce, ''),"
    "  coalesce(d.assigned_agent_id::text, ''),"
    "  coalesce(trim(ap.given_names || ' ' || ap.surname), ''),"
    "  d.waiting_since::date,"
    "  extract(day FROM now() - d.waiting_since)::int,"
    "  coalesce(dep.names->>$2, dep.names->>'fr'),"
    "  extract(day FROM d.waiting_total"
    "   + coalesce(now() - d.waiting_since, '0'))::int"
    "  FROM dossiers d JOIN persons pe ON pe.id = d.owner_person_id"
    "  JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN departments dep ON dep.id = p.department_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    "  LEFT JOIN agents ag ON ag.id = d.assigned_agent_id"
    "  LEFT JOIN persons ap ON ap.id = ag.person_id"
    " WHERE d.id = $1::bigint");
static const char *const fact_cols[] = { "applicant", "nrn", "org",
    "bce", "assignee_id", "assignee", "waiting_since", "waiting_days",
    "department", "waited_days" };

static struct dbq q_access = DBQ(
    "INSERT INTO access_log (person_id, organisation_id, dossier_id,"
    "  agent_id, department_id, purpose)"
    " SELECT d.owner_person_id, d.acting_org_id, d.id, $2::bigint,"
    "  $3::bigint, 'processing' FROM dossiers d WHERE d.id = $1::bigint");

static struct dbq q_thread = DBQ(
    "SELECT m.id, m.kind, m.body, m.created_at,"
    "  CASE WHEN m.author_person_id IS NOT NULL THEN 'user'"
    "   WHEN m.author_agent_id IS NOT NULL THEN 'agent' ELSE 'application' END,"
    "  coalesce(person_label(pu.given_names, pu.surname, pu.email),"
    "   trim(pa.given_names || ' ' || pa.surname), c.name, ''),"
    "  a.id, a.filename, ceil(a.size / 1024.0)::bigint"
    "  FROM messages m"
    "  LEFT JOIN persons pu ON pu.id = m.author_person_id"
    "  LEFT JOIN agents ag ON ag.id = m.author_agent_id"
    "  LEFT JOIN persons pa ON pa.id = ag.person_id"
    "  LEFT JOIN api_clients c ON c.id = m.author_api_client_id"
    "  LEFT JOIN attachments a ON a.message_id = m.id"
    " WHERE m.dossier_id = $1::bigint ORDER BY m.created_at, m.id, a.id");

static struct dbq q_notes = DBQ(
    "SELECT n.body, n.created_at,"
    "  trim(pe.given_names || ' ' || pe.surname)"
    "  FROM agent_notes n JOIN agents a ON a.id = n.agent_id"
    "  JOIN persons pe ON pe.id = a.person_id"
    " WHERE n.dossier_id = $1::bigint ORDER BY n.created_at, n.id");
static const char *const note_cols[] = { "body", "at", "by" };

static struct dbq q_events = DBQ(
    "SELECT e.at, e.kind, e.from_status,"
    "  e.to_status, CASE WHEN e.kind = 'assign' THEN"
    "   (SELECT trim(px.given_names || ' ' || px.surname) FROM agents ax"
    "    JOIN persons px ON px.id = ax.person_id"
    "    WHERE ax.id::text = e.reason) ELSE e.reason END,"
    "  coalesce(person_label(pu.given_names, pu.surname, pu.email),"
    "   trim(pa.given_names || ' ' || pa.surname), c.name, '')"
    "  FROM dossier_events e"
    "  LEFT JOIN persons pu ON pu.id = e.actor_person_id"
    "  LEFT JOIN agents ag ON ag.id = e.actor_agent_id"
    "  LEFT JOIN persons pa ON pa.id = ag.person_id"
    "  LEFT JOIN api_clients c ON c.id = e.actor_api_client_id"
    " WHERE e.dossier_id = $1::bigint ORDER BY e.at, e.id");
static const char *const event_cols[] = { "at", "kind", "from", "to",
    "reason", "by" };

static struct dbq q_documents = DBQ(
    "SELECT id, title, kind, filename, ceil(size / 1024.0)::bigint,"
    "  issued_at::date, seal IS NOT NULL,"
    "  coalesce(substr(verify_code, 1, 4) || '-' || substr(verify_code, 5, 4)"
    "   || '-' || substr(verify_code, 9), ''),"
    "  revoked_at, coalesce(revoked_reason, '')"
    "  FROM documents WHERE dossier_id = $1::bigint ORDER BY issued_at, id");
static const char *const document_cols[] = { "id", "title", "kind",
    "filename", "kb", "issued", "sealed", "code", "revoked", "revoked_reason" };

/* Colleagues a manager may hand the dossier to. */
static struct dbq q_colleagues = DBQ(
    "SELECT a.id, trim(pe.given_names || ' ' || pe.surname)"
    "  FROM agent_departments ad JOIN agents a ON a.id = ad.agent_id"
    "  JOIN persons pe ON pe.id = a.person_id"
    " WHERE ad.department_id = $1::bigint AND a.disabled_at IS NULL"
    "   AND ad.role IN ('processor', 'manager') ORDER BY 2");
static const char *const colleague_cols[] = { "id", "name" };

static enum gerr
work_page(struct req *r, struct work *w, int status)
{
	struct problems	 pr;
	struct deadline	 dl;
	const char	*p[3], *s;
	PGresult	*res;
	enum gerr	 e;
	int		 i;

	dossier_hdf(r, &w->d);
	if (deadline_load(r->pool, w->d.id, r->lang, &dl) != GERR_OK)
		return db_last_error();
	deadline_hdf(r, &dl);
	tmpl_setf(r->hdf, "Dossier.files", "/inbox/dossiers/%s/files",
	    w->d.id);
	problems_init(&pr, r);
	summary_hdf(r, &w->d, &pr);
	p[0] = w->d.id;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_facts, 2, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Facts", res, fact_cols, nitems(fact_cols));
	hdf_put(r, "Work", "mine", strcmp(PQgetvalue(res, 0, 4), w->a->id) == 0 ?
	    "1" : "0");
	hdf_put(r, "Work", "can_act", w->role >= ROLE_PROCESSOR ? "1" : "0");
	hdf_put(r, "Work", "can_assign", w->role >= ROLE_MANAGER ? "1" : "0");
	hdf_put(r, "Work", "waiting", PQgetisnull(res, 0, 6) ? "0" : "1");
	if (r->method == METHOD_GET) {
		/* the user sees every opening of their dossier */
		p[1] = w->a->id;
		p[2] = w->dept;
		if (db_query(r->pool, &q_access, 3, p) == NULL)
			return db_last_error();
	}
	if ((res = db_query(r->pool, &q_thread, 1, p)) == NULL)
		return db_last_error();
	thread_hdf(r, res);
	if ((res = db_query(r->pool, &q_notes, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Notes", res, note_cols, nitems(note_cols));
	if ((res = db_query(r->pool, &q_events, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Events", res, event_cols, nitems(event_cols));
	if ((res = db_query(r->pool, &q_documents, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Documents", res, document_cols,
	    nitems(document_cols));
	for (i = 0; i < PQntuples(res); i++)
		if (PQgetisnull(res, i, 8))
			hdf_put(r, "Work", "revocable", "1");
	if ((e = payments_hdf(r, &(struct payowner){ w->d.id, NULL },
	    payments_may_refund(w->role, w->d.status))) != GERR_OK)
		return e;
	if (w->role >= ROLE_MANAGER) {
		p[0] = w->dept;
		if ((res = db_query(r->pool, &q_colleagues, 1, p)) == NULL)
			return db_last_error();
		req_hdf_rows(r, "Colleagues", res, colleague_cols,
		    nitems(colleague_cols));
	}
	if ((s = req_query(r, "done")) != NULL &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz") == strlen(s))
		hdf_put(r, "Work", "done", s);
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/dossier.cs");
}

enum gerr
page_work(struct req *r)
{
	struct work	 w;
	enum gerr	 e;

	if ((e = work_load(r, &w)) != GERR_OK)
		return e;
	return work_page(r, &w, 200);
}

/* The action's text, kept for the page; NULL with an error if unfit. */
static const char *
text_field(struct req *r, const char *action, int required)
{
	const char	*s = req_form(r, "body"), *field;

	field = pool_printf(r->pool, "%s_body", action);
	hdf_put(r, "Kept", action, s != NULL ? s : "");
	switch (form_text(r->pool, s, TEXT_CHARS, &s)) {
	case 0:
		return s;
	case 1:
		if (!required)
			return s;
		form_error(r, field, "inbox.err_text_required");
		return NULL;
	default:
		form_error(r, field, "inbox.err_text");
		return NULL;
	}
}

/* The PDF chosen in the form, if any: checked by its bytes and size. */
static int
pdf_field(struct req *r, const char *action, const struct kv **out)
{
	const char	*why;

	if ((*out = upload_file(r, "file")) == NULL)
		return 0;
	if (upload_pdf_problem(r, *out, 0, &why) != NULL) {
		form_error_text(r, pool_printf(r->pool, "%s_file", action),
		    why);
		*out = NULL;
		return -1;
	}
	return 0;
}

static struct dbq q_status = DBQ(
    "SELECT dossier_set_status($1::bigint, $2, $3::bigint, NULL, $4)");
static struct dbq q_assign = DBQ(
    "SELECT dossier_assign($1::bigint, $2::bigint, $3::bigint)");
static struct dbq q_message = DBQ(
    "SELECT dossier_message($1::bigint, NULL, $2::bigint, NULL, $3,"
    "  $4::boolean, $5, $6::bytea)");
static struct dbq q_note = DBQ(
    "INSERT INTO agent_notes (dossier_id, agent_id, body)"
    " VALUES ($1::bigint, $2::bigint, $3)");
static struct dbq q_document = DBQ(
    "SELECT dossier_document($1::bigint, $2::bigint, NULL, 'decision', $3,"
    "  $4, $5::bytea, $6::bytea, $7, decode($8, 'hex'), $9)");

static const char *const decisions[] = { "granted", "refused", "partial" };

/* The role in the department of the agent a dossier is given to. */
static struct dbq q_assignee_role = DBQ(
    "SELECT ad.role FROM agent_departments ad"
    "  JOIN agents a ON a.id = ad.agent_id"
    " WHERE ad.agent_id = $1::bigint AND ad.department_id = $2::bigint"
    "   AND a.disabled_at IS NULL");

/*
 * Take the dossier, or give it to a colleague (managers): the one it goes
 * to must process dossiers of the department.  A reader, or someone who
 * is no active agent of it, gets why (409: the choices on the page were
 * processors and managers, so the form was made before a change).
 * dossier_assign checks again in the transaction.
 */
static enum gerr
act_assign(struct req *r, struct work *w, const char **v, int take)
{
	PGresult	*res;

	v[1] = take ? w->a->id : req_form(r, "agent");
	v[2] = w->dept;
	if (!take && w->role < ROLE_MANAGER)
		return GERR_AUTH;
	if (!valid_id(v[1]))
		return GERR_INPUT;
	if (!take) {
		if ((res = db_query(r->pool, &q_assignee_role, 2, v + 1)) ==
		    NULL)
			return db_last_error();
		if (PQntuples(res) != 1 ||
		    strcmp(PQgetvalue(res, 0, 0), "reader") == 0) {
			form_error(r, "assign_agent", PQntuples(res) != 1 ?
			    "inbox.err_assign_agent" : "inbox.err_assign_reader");
			return GERR_CONFLICT;
		}
	}
	v[2] = w->a->id;
	return db_query(r->pool, &q_assign, 3, v) ? GERR_OK : db_last_error();
}

/*
 * The letter with the seal embedded (PAdES, lib/pades.c).  An uploaded
 * letter that cannot take it (an xref stream, a form of its own) keeps
 * its bytes: the detached seal stored beside it covers it all the same.
 */
static enum gerr
letter_seal(struct req *r, char **pdf, size_t *len, int uploaded)
{
	char		*sealed;
	size_t		 n;
	enum gerr	 e;

	e = pades_seal(r->pool, *pdf, *len, &sealed, &n);
	if (e == GERR_INPUT && uploaded)
		return GERR_OK;
	if (e != GERR_OK)
		return e == GERR_INPUT ? GERR_SYSTEM : e;
	*pdf = sealed;
	*len = n;
	return GERR_OK;
}

/* Close with a decision: its letter (uploaded, or made here) sealed. */
static enum gerr
act_close(struct req *r, struct work *w, const char **v)
{
	const char	*body, *decision = req_form(r, "decision"), *title;
	const struct kv	*file;
	struct doccode	 code;
	char		*pdf;
	size_t		 len, i;
	unsigned char	*der;
	size_t		 derlen;
	enum gerr	 e;
	int		 bad = 0;

	for (i = 0; decision != NULL && i < nitems(decisions); i++)
		if (strcmp(decision, decisions[i]) == 0)
			break;
	hdf_put(r, "Kept", "decision", decision != NULL ? decision : "");
	if (decision == NULL || i == nitems(decisions)) {
		form_error(r, "close_decision", "inbox.err_decision");
		bad = 1;
	}
	if ((body = text_field(r, "close", 1)) == NULL)
		bad = 1;
	if (pdf_field(r, "close", &file) == -1)
		bad = 1;
	if (bad)
		return GERR_INPUT;
	title = tmpl_str(w->user_lang, pool_printf(r->pool,
	    "inbox.letter_title.%s", decision));
	/* an uploaded letter is not drawn: its code is in the vault only */
	if ((e = document_code(r->pool, &code)) != GERR_OK)
		return e;
	if (file != NULL) {
		pdf = (char *)file->value;
		len = file->len;
	} else if ((e = decision_letter(r, &w->d, w->user_lang, decision,
	    body, &code, &pdf, &len)) != GERR_OK)
		return e;
	if ((e = letter_seal(r, &pdf, &len, file != NULL)) != GERR_OK ||
	    (e = seal_sign(r->pool, pdf, len, &der, &derlen)) != GERR_OK)
		return e;
	if ((e = db_begin(r->pool)) != GERR_OK)
		return e;
	v[1] = w->a->id;
	v[2] = title;
	v[3] = file != NULL ? upload_name(r->pool, file->filename,
	    "decision.pdf") : pool_printf(r->pool, "decision-%s.pdf",
	    w->d.reference);
	v[4] = db_bytea(r->pool, pdf, len);
	v[5] = db_bytea(r->pool, der, derlen);
	v[6] = code.code;
	v[7] = code.key;
	v[8] = lang_codes[w->user_lang];
	if (v[4] == NULL || v[5] == NULL ||
	    db_query(r->pool, &q_document, 9, v) == NULL) {
		e = v[4] == NULL || v[5] == NULL ? GERR_NOMEM : db_last_error();
		db_rollback(r->pool);
		return e;
	}
	v[1] = "cloture";
	v[2] = w->a->id;
	v[3] = title;
	if (db_query(r->pool, &q_status, 4, v) == NULL) {
		e = db_last_error();
		db_rollback(r->pool);
		return e;
	}
	/* granted: a fee due after acceptance is asked now (docs/payments.md) */
	if (strcmp(decision, "granted") == 0 &&
	    (e = paydossier_ask(r, &w->d, w->user_lang)) != GERR_OK) {
		db_rollback(r->pool);
		return e;
	}
	return db_commit(r->pool);
}

/*
 * Revoke a document issued in error, with the reason (shown to the
 * holder; the public page says only that it was revoked, and when).
 */
static enum gerr
act_revoke(struct req *r, struct work *w)
{
	const char	*doc = req_form(r, "document"), *reason;

	if ((reason = text_field(r, "revoke", 1)) == NULL)
		return GERR_INPUT;
	if (!valid_id(doc))
		return GERR_NOTFOUND;
	return document_revoke(r->pool, w->d.id, doc, w->a->id, reason);
}

/* One action of the page; GERR_INPUT: errors are set for the page. */
static enum gerr
act(struct req *r, struct work *w, const char *action)
{
	const char	*v[9], *body;
	const struct kv	*file;

	v[0] = w->d.id;
	if (strcmp(action, "receive") == 0 || strcmp(action, "process") == 0) {
		v[1] = action[0] == 'r' ? "receptionne" : "en_traitement";
		v[2] = w->a->id;
		v[3] = NULL;
		return db_query(r->pool, &q_status, 4, v) ? GERR_OK :
		    db_last_error();
	}
	if (strcmp(action, "take") == 0 || strcmp(action, "assign") == 0)
		return act_assign(r, w, v, action[0] == 't');
	if (strcmp(action, "note") == 0) {
		if ((body = text_field(r, action, 1)) == NULL)
			return GERR_INPUT;
		v[1] = w->a->id;
		v[2] = body;
		return db_query(r->pool, &q_note, 3, v) ? GERR_OK :
		    db_last_error();
	}
	if (strcmp(action, "complement") == 0 || strcmp(action, "message") == 0) {
		body = text_field(r, action, 1);
		if (pdf_field(r, action, &file) == -1 || body == NULL)
			return GERR_INPUT;
		v[1] = w->a->id;
		v[2] = body;
		v[3] = action[0] == 'c' ? "true" : "false";
		v[4] = file != NULL ? upload_name(r->pool, file->filename,
		    "document.pdf") : NULL;
		v[5] = file != NULL ? db_bytea(r->pool, file->value, file->len) :
		    NULL;
		return db_query(r->pool, &q_message, 6, v) ? GERR_OK :
		    db_last_error();
	}
	if (strcmp(action, "close") == 0)
		return act_close(r, w, v);
	if (strcmp(action, "revoke") == 0)
		return act_revoke(r, w);
	if (strcmp(action, "refund") == 0)
		return act_refund(r, &(struct payowner){ w->d.id, NULL },
		    w->a->id, payments_may_refund(w->role, w->d.status));
	return GERR_NOTFOUND;
}

/* The field of the action's form an error is shown beside. */
static const char *
action_field(struct req *r, const char *action)
{
	if (strcmp(action, "assign") == 0)
		return "assign_agent";
	if (strcmp(action, "refund") == 0)
		return "refund_amount";
	return pool_printf(r->pool, "%s_body", action);
}

/*
 * POST /inbox/dossiers/:id/:action.  Done: back to the page (303).  A
 * problem with what was typed: the page again with it (400); the dossier
 * not in a state for it, or given to a reader: the page with why (409);
 * a reader acting: 403.
 */
enum gerr
page_act(struct req *r)
{
	static const char *const actions[] = { "receive", "process", "take",
	    "assign", "complement", "message", "note", "close", "revoke",
	    "refund" };
	const char	*action = r->args[1];
	struct work	 w;
	enum gerr	 e;
	size_t		 i;

	for (i = 0; i < nitems(actions); i++)
		if (strcmp(action, actions[i]) == 0)
			break;
	if (i == nitems(actions))
		return GERR_NOTFOUND;
	if ((e = work_load(r, &w)) != GERR_OK)
		return e;
	if (w.role < ROLE_PROCESSOR)
		return GERR_AUTH;
	if (r->csrf_failed) {
		text_field(r, action, 0);
		form_error(r, pool_printf(r->pool, "%s_body", action),
		    "err.expired");
		return work_page(r, &w, 403);
	}
	switch ((e = act(r, &w, action))) {
	case GERR_OK:
		/* an action may say how it ended: a refund still pending */
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/inbox/dossiers/%s?done=%s", w.d.id,
		    hdf_get_value(r->hdf, "Work.done_as", action)));
	case GERR_INPUT:
		if (hdf_get_int_value(r->hdf, "Errors.count", 0) == 0)
			form_error(r, action_field(r, action), "inbox.err_state");
		return work_page(r, &w, 400);
	case GERR_CONFLICT:
		if (hdf_get_int_value(r->hdf, "Errors.count", 0) == 0)
			form_error(r, action_field(r, action), "inbox.err_state");
		/* what was typed stays */
		text_field(r, action, 0);
		return work_page(r, &w, 409);
	default:
		return e;
	}
}

static struct dbq q_file = DBQ(
    "SELECT filename, content FROM attachments"
    " WHERE id = $2::bigint AND dossier_id = $1::bigint");
static struct dbq q_document_file = DBQ(
    "SELECT filename, content FROM documents"
    " WHERE id = $2::bigint AND dossier_id = $1::bigint");

/* An annex, an attachment of the thread or a document, as a download. */
enum gerr
page_work_file(struct req *r)
{
	struct work	 w;
	const char	*p[2];
	PGresult	*res;
	enum gerr	 e;

	if ((e = work_load(r, &w)) != GERR_OK)
		return e;
	p[0] = w.d.id;
	p[1] = r->args[1];
	if ((res = db_query(r->pool, strstr(r->route, "/documents/") ?
	    &q_document_file : &q_file, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return resp_download(r, "application/pdf", PQgetvalue(res, 0, 0),
	    PQgetvalue(res, 0, 1));
}
