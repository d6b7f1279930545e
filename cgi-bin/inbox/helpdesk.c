/*
 * The help desk's queue in the back office: questions people asked
 * through the contact page (sql/0005, 0031), open ones oldest first, and
 * an answer to each, once, sent to the asker by email in their language.
 * Only agents of the help-desk department (helpdesk.department) see it:
 * its readers read, its processors and managers answer.  Questions are
 * not any department's dossiers, and hold what people chose to tell, so
 * other agents do not see them.
 */
#include <string.h>

#include "conf.h"
#include "db.h"
#include "form.h"
#include "inbox.h"

#define ANSWER_CHARS	5000
#define LIST_ROWS	"100"

static struct dbq q_open = DBQ(
    "SELECT q.reference, to_char(q.created_at, 'YYYY-MM-DD HH24:MI'),"
    "  q.subject, q.lang, coalesce(tt.title, ''), ''"
    "  FROM helpdesk_questions q"
    "  LEFT JOIN faq_theme_texts tt ON tt.theme_code = q.theme_code"
    "   AND tt.lang = $1"
    " WHERE q.handled_at IS NULL ORDER BY q.created_at, q.id"
    " LIMIT " LIST_ROWS);

static struct dbq q_answered = DBQ(
    "SELECT q.reference, to_char(q.created_at, 'YYYY-MM-DD HH24:MI'),"
    "  q.subject, q.lang, coalesce(tt.title, ''),"
    "  to_char(q.answered_at, 'YYYY-MM-DD HH24:MI')"
    "  FROM helpdesk_questions q"
    "  LEFT JOIN faq_theme_texts tt ON tt.theme_code = q.theme_code"
    "   AND tt.lang = $1"
    " WHERE q.answered_at IS NOT NULL ORDER BY q.answered_at DESC, q.id DESC"
    " LIMIT " LIST_ROWS);

static const char *const list_cols[] = { "reference", "asked", "subject",
    "lang", "theme", "answered" };

static struct dbq q_question = DBQ(
    "SELECT q.id, q.reference, to_char(q.created_at, 'YYYY-MM-DD HH24:MI'),"
    "  q.name, q.email, q.lang, coalesce(tt.title, ''), q.subject, q.body,"
    "  coalesce(q.answer, ''),"
    "  coalesce(to_char(q.answered_at, 'YYYY-MM-DD HH24:MI'), ''),"
    "  coalesce(trim(p.given_names || ' ' || p.surname), ''),"
    "  CASE WHEN q.person_id IS NULL THEN '0' ELSE '1' END"
    "  FROM helpdesk_questions q"
    "  LEFT JOIN faq_theme_texts tt ON tt.theme_code = q.theme_code"
    "   AND tt.lang = $1"
    "  LEFT JOIN agents a ON a.id = q.answered_by"
    "  LEFT JOIN persons p ON p.id = a.person_id"
    " WHERE q.reference = $2");

static const char *const question_cols[] = { "id", "reference", "asked",
    "name", "email", "lang", "theme", "subject", "body", "answer",
    "answered", "answered_by", "logged_in" };

static struct dbq q_answer = DBQ(
    "SELECT helpdesk_answer($1::bigint, $2::bigint, $3)");

/* The agent's role in the help-desk department; ROLE_NONE: not in it. */
static enum role
helpdesk_role(const struct agent *a)
{
	const char	*code = conf_str("helpdesk.department");
	size_t		 i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->dept[i].code, code) == 0)
			return a->dept[i].role;
	return ROLE_NONE;
}

/* GERR_OK for a member of the help desk; else 403, saying why. */
static enum gerr
helpdesk_member(struct req *r)
{
	enum role	role = helpdesk_role(r->agent);

	if (role == ROLE_NONE) {
		tmpl_set(r->hdf, "Error.reason", "inbox.helpdesk.not_member");
		return GERR_AUTH;
	}
	if (role >= ROLE_PROCESSOR)
		tmpl_set(r->hdf, "Helpdesk.may_answer", "1");
	return GERR_OK;
}

/*
 * 200 with the open questions, oldest first (?state=answered: the
 * answered ones, newest answer first), a hundred at most; 403 for an
 * agent of another department.
 */
enum gerr
page_helpdesk(struct req *r)
{
	const char	*state = req_query(r, "state"), *p[1];
	int		 answered = state != NULL && strcmp(state, "answered") == 0;
	PGresult	*res;
	enum gerr	 e;

	if ((e = helpdesk_member(r)) != GERR_OK)
		return e;
	p[0] = lang_codes[r->lang];
	if ((res = db_query(r->pool, answered ? &q_answered : &q_open, 1, p))
	    == NULL)
		return db_last_error();
	tmpl_set(r->hdf, "Helpdesk.state", answered ? "answered" : "open");
	if (req_hdf_rows(r, "Questions", res, list_cols,
	    nitems(list_cols)) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	r->tmpl = "inbox/helpdesk.cs";
	return GERR_OK;
}

/* The question of the route into Question.*; GERR_NOTFOUND if none. */
static enum gerr
question_load(struct req *r)
{
	const char	*p[2] = { lang_codes[r->lang], r->args[0] };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_question, 2, p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	return req_hdf_rows(r, "Question", res, question_cols,
	    nitems(question_cols)) == -1 ? GERR_NOMEM : GERR_OK;
}

static enum gerr
question_page(struct req *r, int status)
{
	const char	*done = req_query(r, "done");

	if (done != NULL && strcmp(done, "answer") == 0)
		tmpl_set(r->hdf, "Helpdesk.done", "1");
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "private, no-store";
	return resp_render(r, status, "inbox/helpdesk_question.cs");
}

/* 200 with the question, its asker and the answer or the form to write it. */
enum gerr
page_helpdesk_question(struct req *r)
{
	enum gerr	e;

	if ((e = helpdesk_member(r)) != GERR_OK ||
	    (e = question_load(r)) != GERR_OK)
		return e;
	return question_page(r, 200);
}

/*
 * POST /inbox/helpdesk/:qref/answer.  Sent: 303 back to the question,
 * which says so.  The page expired: 403 with the text kept; the text
 * empty, too long or with control characters: 400 with it kept; answered
 * already (by a colleague meanwhile): 409 with it kept; a reader of the
 * help desk: 403; an agent of another department: 403.
 */
enum gerr
page_helpdesk_answer(struct req *r)
{
	const char	*text = req_form(r, "answer"), *p[3];
	enum gerr	 e;

	if ((e = helpdesk_member(r)) != GERR_OK ||
	    (e = question_load(r)) != GERR_OK)
		return e;
	if (helpdesk_role(r->agent) < ROLE_PROCESSOR)
		return GERR_AUTH;
	tmpl_set(r->hdf, "Kept.answer", text != NULL ? text : "");
	if (r->csrf_failed) {
		form_error(r, "answer", "err.expired");
		return question_page(r, 403);
	}
	switch (form_text(r->pool, text, ANSWER_CHARS, &text)) {
	case 0:
		break;
	case 1:
		form_error(r, "answer", "inbox.err_text_required");
		return question_page(r, 400);
	default:
		form_error(r, "answer", "inbox.err_text");
		return question_page(r, 400);
	}
	p[0] = hdf_get_value(r->hdf, "Question.0.id", "0");
	p[1] = r->agent->id;
	p[2] = text;
	if (db_query(r->pool, &q_answer, 3, p) != NULL)
		return resp_redirect(r, 303, pool_printf(r->pool,
		    "/inbox/helpdesk/%s?done=answer", r->args[0]));
	if ((e = db_last_error()) != GERR_CONFLICT)
		return e;
	/* a colleague answered meanwhile: show theirs, keep this one */
	if ((e = question_load(r)) != GERR_OK)
		return e;
	form_error(r, "answer", "inbox.helpdesk.already");
	return question_page(r, 409);
}
