/*
 * The asker's side of the help desk: their questions and the answers, in
 * their space when logged in (row-level security shows a person their
 * own, sql/0031), or one question through the link of its emails, whose
 * key is checked by its hash against that question only.
 */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "help.h"
#include "helpdesk.h"
#include "valid.h"

#define QUESTION_COLS \
    "reference, subject, body, to_char(created_at, 'YYYY-MM-DD HH24:MI')," \
    " coalesce(answer, ''), coalesce(to_char(answered_at," \
    " 'YYYY-MM-DD HH24:MI'), '')"

static const char *const question_cols[] = { "reference", "subject", "body",
    "asked", "answer", "answered" };

/* The person's own, newest first (the policy adds nothing to see). */
static struct dbq q_mine = DBQ(
    "SELECT " QUESTION_COLS " FROM helpdesk_questions"
    " WHERE person_id = $1::bigint ORDER BY created_at DESC, id DESC"
    " LIMIT 100");

static struct dbq q_one = DBQ(
    "SELECT " QUESTION_COLS " FROM helpdesk_questions WHERE reference = $1");

static struct dbq q_by_key = DBQ(
    "SELECT " QUESTION_COLS
    " FROM helpdesk_question_by_key($1, decode($2, 'hex'))");

/*
 * 200 with the person's questions, the answered ones marked; acting for
 * an organisation, none (a question is its asker's), and a way back.
 */
enum gerr
page_questions(struct req *r)
{
	const char	*p[1] = { r->session->person_id };
	PGresult	*res;

	r->tmpl = "help/questions.cs";
	if (r->session->acting_org_id != NULL)
		return GERR_OK;
	if ((res = db_query(r->pool, &q_mine, 1, p)) == NULL)
		return db_last_error();
	return req_hdf_rows(r, "Questions", res, question_cols,
	    nitems(question_cols)) == -1 ? GERR_NOMEM : GERR_OK;
}

/*
 * 200 with one question and its answer, for the link's holder (?key=) or
 * the asker logged in; 404 for a key that is not this question's (the
 * same as one that does not exist), and for another person's question;
 * nobody and no key: 303 to the login.
 */
enum gerr
page_question(struct req *r)
{
	const char	*key = req_query(r, "key"), *p[2];
	char		 hash[65];
	PGresult	*res;

	p[0] = r->args[0];
	if (key != NULL) {
		if (!helpdesk_key_syntax(key))
			return GERR_NOTFOUND;
		sha256_hex(key, hash);
		p[1] = hash;
		res = db_query(r->pool, &q_by_key, 2, p);
	} else if (r->session == NULL)
		return resp_need_login(r);
	else
		res = db_query(r->pool, &q_one, 1, p);
	if (res == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if (req_hdf_rows(r, "Question", res, question_cols,
	    nitems(question_cols)) == -1)
		return GERR_NOMEM;
	r->tmpl = "help/question.cs";
	return GERR_OK;
}
