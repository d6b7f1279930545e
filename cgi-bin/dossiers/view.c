/*
 * One sent dossier as its user sees it: where it stands (status, and
 * "waiting for you" with the time spent waiting), its history, the thread
 * with the administration (with PDF attachments), the documents sent
 * back, and the answers and annexes as they were sealed.  Writing a
 * message while a complement is asked answers the request.
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "deadline.h"
#include "dossiers.h"
#include "form.h"
#include "upload.h"
#include "valid.h"
#include "when.h"

#define MESSAGE_CHARS	5000

static struct dbq q_state = DBQ(
    "SELECT d.waiting_since::date,"
    "  extract(day FROM now() - d.waiting_since)::int,"
    "  extract(day FROM d.waiting_total"
    "   + coalesce(now() - d.waiting_since, '0'))::int,"
    "  d.closed_at::date, d.archived,"
    "  (SELECT m.body FROM messages m WHERE m.dossier_id = d.id"
    "   AND m.kind = 'complement_request' ORDER BY m.id DESC LIMIT 1)"
    "  FROM dossiers d WHERE d.id = $1::bigint");

static struct dbq q_events = DBQ(
    "SELECT e.at, e.kind, e.from_status,"
    "  e.to_status, CASE WHEN e.kind IN ('status', 'document',"
    "   'document_revoked')"
    "   THEN e.reason END,"
    "  CASE WHEN e.actor_person_id IS NOT NULL THEN 'user'"
    "   WHEN e.actor_agent_id IS NOT NULL THEN 'agent'"
    "   WHEN e.actor_api_client_id IS NOT NULL THEN 'application'"
    "   ELSE 'system' END"
    "  FROM dossier_events e WHERE e.dossier_id = $1::bigint"
    " ORDER BY e.at, e.id");
static const char *const event_cols[] = { "at", "kind", "from", "to",
    "reason", "actor" };

static struct dbq q_messages = DBQ(
    "SELECT m.id, m.kind, m.body, m.created_at,"
    "  CASE WHEN m.author_person_id IS NOT NULL THEN 'user' ELSE 'admin' END,"
    "  coalesce(person_label(p.given_names, p.surname, p.email), ''),"
    "  a.id, a.filename, ceil(a.size / 1024.0)::bigint"
    "  FROM messages m"
    "  LEFT JOIN persons p ON p.id = m.author_person_id"
    "  LEFT JOIN attachments a ON a.message_id = m.id"
    " WHERE m.dossier_id = $1::bigint ORDER BY m.created_at, m.id, a.id");

static struct dbq q_read = DBQ(
    "UPDATE messages SET read_at = now() WHERE dossier_id = $1::bigint"
    "   AND author_person_id IS NULL AND read_at IS NULL");

static struct dbq q_dossier_documents = DBQ(
    "SELECT doc.id, doc.title, doc.kind, doc.filename,"
    "  ceil(doc.size / 1024.0)::bigint, doc.issued_at::date"
    "  FROM documents doc WHERE doc.dossier_id = $1::bigint"
    " ORDER BY doc.issued_at, doc.id");
static const char *const document_cols[] = { "id", "title", "kind",
    "filename", "kb", "issued" };

/*
 * Whether the dossier's notifications (or, with no dossier, those of the
 * dossiers listed) would find no address: then the page calls the owner
 * to add one (sql/0027, notify_address).  Its owner only: a colleague of
 * the organisation cannot add an address for them.
 */
static struct dbq q_call_dossier = DBQ(
    "SELECT d.owner_person_id = $2::bigint"
    "  AND notify_address(d.owner_person_id, d.acting_org_id) IS NULL,"
    "  d.acting_org_id IS NOT NULL FROM dossiers d WHERE d.id = $1::bigint");
static struct dbq q_call_mine = DBQ(
    "SELECT notify_address($1::bigint, $2::bigint) IS NULL,"
    "  $2::bigint IS NOT NULL");

enum gerr
mail_call_hdf(struct req *r, const char *dossier_id)
{
	const char	*p[2];
	PGresult	*res;

	p[0] = dossier_id != NULL ? dossier_id : r->session->person_id;
	p[1] = dossier_id != NULL ? r->session->person_id :
	    r->session->acting_org_id;
	if ((res = db_query(r->pool, dossier_id != NULL ? &q_call_dossier :
	    &q_call_mine, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) == 1 && *PQgetvalue(res, 0, 0) == 't') {
		tmpl_set(r->hdf, "MailCall.missing", "1");
		tmpl_set(r->hdf, "MailCall.org", *PQgetvalue(res, 0, 1) == 't' ?
		    "1" : "0");
	}
	return GERR_OK;
}

/* The dossier's emails, and what became of each (docs/notifications.md). */
static struct dbq q_mails = DBQ(
    "SELECT o.created_at, o.kind,"
    "  CASE WHEN o.sent_at IS NOT NULL THEN 'sent'"
    "   WHEN o.dropped_at IS NULL THEN 'waiting'"
    "   WHEN o.last_error = 'no address' THEN 'no_address'"
    "   WHEN o.last_error = 'not wanted' THEN 'not_wanted'"
    "   ELSE 'failed' END"
    "  FROM notification_outbox o JOIN dossiers d ON d.id = o.dossier_id"
    " WHERE o.dossier_id = $1::bigint ORDER BY o.id");
static const char *const mail_cols[] = { "at", "kind", "state" };

/*
 * The appointments its form booked (lib/apptfield.c), each as it stands
 * now: a move keeps the uid, its successor is the current row.
 */
static struct dbq q_appointments = DBQ(
    "SELECT m.uid, m.status, to_char(lower(m.during), 'DD/MM/YYYY HH24:MI'),"
    "  coalesce(o.names->>$2, o.names->>'fr'), o.address,"
    "  coalesce(t.labels->>$2, t.labels->>'fr'), o.id, t.id,"
    "  CASE WHEN lower(m.during) > now() THEN 't' ELSE '' END"
    "  FROM (SELECT DISTINCT ON (a.uid) a.* FROM appointments a"
    "   WHERE a.uid IN (SELECT uid FROM appointments"
    "    WHERE dossier_id = $1::bigint)"
    "   AND a.status NOT IN ('expired', 'moved', 'held')"
    "   ORDER BY a.uid, a.id DESC) m"
    "  JOIN offices o ON o.id = m.office_id"
    "  JOIN meeting_types t ON t.id = m.meeting_type_id"
    " ORDER BY lower(m.during)");
static const char *const appointment_cols[] = { "uid", "status", "when",
    "office", "address", "type", "office_id", "type_id", "upcoming" };

/* Everything the dossier page shows; then the template. */
static enum gerr
dossier_page(struct req *r, const struct dossier *d, int status)
{
	struct problems	 pr;
	struct deadline	 dl;
	const char	*p[1] = { d->id };
	const char	*ap[2] = { d->id, lang_codes[r->lang] };
	PGresult	*res;
	int		 unread = 0, i;

	dossier_hdf(r, d);
	problems_init(&pr, r);
	summary_hdf(r, d, &pr);
	if (fee_due_hdf(r, d) != GERR_OK)
		return GERR_DB;
	if ((res = db_query(r->pool, &q_state, 1, p)) == NULL)
		return db_last_error();
	if (!PQgetisnull(res, 0, 0)) {
		hdf_put(r, "State", "waiting_since", when_cell(r->pool, res, 0,
		    0));
		hdf_put(r, "State", "waiting_days", PQgetvalue(res, 0, 1));
		hdf_put(r, "State", "question", PQgetvalue(res, 0, 5));
	}
	hdf_put(r, "State", "waited_days", PQgetvalue(res, 0, 2));
	hdf_put(r, "State", "closed_at", when_cell(r->pool, res, 0, 3));
	hdf_put(r, "State", "archived", *PQgetvalue(res, 0, 4) == 't' ? "1" : "0");
	hdf_put(r, "State", "open", strcmp(d->status, "cloture") != 0 ? "1" : "0");
	if (deadline_load(r->pool, d->id, r->lang, &dl) != GERR_OK)
		return db_last_error();
	deadline_hdf(r, &dl);
	if ((res = db_query(r->pool, &q_events, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Events", res, event_cols, nitems(event_cols));
	if ((res = db_query(r->pool, &q_messages, 1, p)) == NULL)
		return db_last_error();
	thread_hdf(r, res);
	for (i = 0; i < PQntuples(res); i++)
		unread |= strcmp(PQgetvalue(res, i, 4), "admin") == 0;
	/* read once shown: the list stops flagging it */
	if (unread && r->method == METHOD_GET &&
	    db_query(r->pool, &q_read, 1, p) == NULL)
		return db_last_error();
	if ((res = db_query(r->pool, &q_dossier_documents, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Documents", res, document_cols,
	    nitems(document_cols));
	if ((res = db_query(r->pool, &q_mails, 1, p)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Mails", res, mail_cols, nitems(mail_cols));
	if ((res = db_query(r->pool, &q_appointments, 2, ap)) == NULL)
		return db_last_error();
	req_hdf_rows(r, "Appointments", res, appointment_cols,
	    nitems(appointment_cols));
	if (mail_call_hdf(r, d->id) != GERR_OK)
		return db_last_error();
	r->cache = "private, no-store";
	return resp_render(r, status, "dossiers/dossier.cs");
}

static struct dbq q_elsewhere = DBQ(
    "SELECT org_id, org_name, mandate_id"
    "  FROM dossier_elsewhere($1::bigint, $2)");

/*
 * A dossier of the caller's own that the context they act in does not
 * show (sql/0034): 404 with how to switch to the context that does.
 * GERR_NOTFOUND, the plain 404, for any other reference.
 */
static enum gerr
dossier_elsewhere(struct req *r, const char *ref)
{
	const char	*p[2] = { r->session->person_id, ref };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_elsewhere, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	hdf_put(r, "Elsewhere", "reference", ref);
	if (PQgetisnull(res, 0, 0))
		hdf_put(r, "Elsewhere", "org", "self");
	else {
		hdf_put(r, "Elsewhere", "org", PQgetisnull(res, 0, 2) ?
		    PQgetvalue(res, 0, 0) : pool_join(r->pool, "m",
		    PQgetvalue(res, 0, 2), ""));
		hdf_put(r, "Elsewhere", "name", PQgetvalue(res, 0, 1));
	}
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	return resp_render(r, 404, "dossiers/elsewhere.cs");
}

/*
 * 200 with the dossier; 404 if the caller cannot see it, saying how to
 * switch when it is theirs in another acting context.
 */
enum gerr
page_dossier(struct req *r)
{
	struct dossier	 d;
	enum gerr	 e;

	if ((e = dossier_load_ref(r, r->args[0], &d)) == GERR_NOTFOUND)
		return dossier_elsewhere(r, r->args[0]);
	if (e != GERR_OK)
		return e;
	if (req_query(r, "sent") != NULL)
		hdf_put(r, "Message", "sent", "1");
	return dossier_page(r, &d, 200);
}

static struct dbq q_message = DBQ(
    "SELECT dossier_message($1::bigint, $2::bigint, NULL, NULL, $3, false,"
    "  $4, $5::bytea)");

/*
 * A message from the user, with at most one PDF.  A problem shows the
 * page again with what was typed and why; a closed dossier takes none.
 */
enum gerr
page_message(struct req *r)
{
	struct dossier	 d;
	const struct kv	*file;
	const char	*body = req_form(r, "body"), *p[5], *why;
	enum gerr	 e;
	int		 bad = 0;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK)
		return e;
	if (body == NULL)
		body = "";
	hdf_put(r, "Message", "body", body);
	if (r->csrf_failed) {
		form_error(r, "body", "err.expired");
		return dossier_page(r, &d, 403);
	}
	if (strcmp(d.status, "cloture") == 0) {
		form_error(r, "body", "dossiers.err_closed");
		return dossier_page(r, &d, 409);
	}
	switch (form_text(r->pool, body, MESSAGE_CHARS, &body)) {
	case 1:
		form_error(r, "body", "dossiers.err_body_required");
		bad = 1;
		break;
	case -1:
		form_error(r, "body", "dossiers.err_body");
		bad = 1;
		break;
	}
	if ((file = upload_file(r, "file")) != NULL &&
	    upload_pdf_problem(r, file, 0, &why) != NULL) {
		form_error_text(r, "file", why);
		bad = 1;
	}
	if (bad)
		return dossier_page(r, &d, 400);
	p[0] = d.id;
	p[1] = r->session->person_id;
	p[2] = body;
	p[3] = file != NULL ? upload_name(r->pool, file->filename,
	    "document.pdf") : NULL;
	p[4] = file != NULL ? db_bytea(r->pool, file->value, file->len) : NULL;
	if (file != NULL && p[4] == NULL)
		return GERR_NOMEM;
	if (db_query(r->pool, &q_message, 5, p) == NULL) {
		if ((e = db_last_error()) != GERR_CONFLICT)
			return e;
		/* closed while the user was typing */
		form_error(r, "body", "dossiers.err_closed");
		return dossier_page(r, &d, 409);
	}
	return resp_redirect(r, 303, pool_printf(r->pool,
	    "/dossiers/%s?sent=1#messages", d.reference));
}

static struct dbq q_message_file = DBQ(
    "SELECT filename, content FROM attachments"
    " WHERE id = $2::bigint AND dossier_id = $1::bigint"
    "   AND message_id IS NOT NULL");

/* An attachment of the thread, as a download. */
enum gerr
page_message_file(struct req *r)
{
	struct dossier	 d;
	const char	*p[2];
	enum gerr	 e;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK)
		return e;
	p[0] = d.id;
	p[1] = r->args[1];
	return resp_download_row(r, db_query(r->pool, &q_message_file, 2, p));
}

static struct dbq q_archive = DBQ(
    "SELECT dossier_archive($1::bigint, $2::bigint, $3::boolean)");

/* A closed dossier put away with the archived ones, or taken back. */
enum gerr
page_archive(struct req *r)
{
	struct dossier	 d;
	const char	*p[3], *a = req_form(r, "archived");
	enum gerr	 e;

	if ((e = dossier_load_ref(r, r->args[0], &d)) != GERR_OK)
		return e;
	if (strcmp(d.status, "cloture") != 0)
		return GERR_CONFLICT;
	p[0] = d.id;
	p[1] = r->session->person_id;
	p[2] = a != NULL && strcmp(a, "0") == 0 ? "false" : "true";
	if (db_query(r->pool, &q_archive, 3, p) == NULL)
		return db_last_error();
	return resp_redirect(r, 303, pool_printf(r->pool, "/dossiers/%s",
	    d.reference));
}
