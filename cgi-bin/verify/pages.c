/*
 * The public verification of a document we issued (docs/verify.md): its
 * code says what it is (kind, procedure, issuer, date) and whether it was
 * revoked, and no personal data; a PDF uploaded is compared with what we
 * issued by its SHA-256; the code with the holder's date of birth names
 * the holder, whom the verifier's copy names too.
 *
 * Whether a code exists is not told by timing: a document is found by the
 * code's HMAC (lib/vcode.c), in one statement that returns one row found
 * or not (sql/0038, document_facts), and the page is the same template
 * either way.  nginx limits the requests per client address.  The log
 * says how a check was made and its verdict, with a prefix of the code's
 * HMAC (never the code, a date or a name).
 */
#include <string.h>

#include "crypto.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "upload.h"
#include "valid.h"
#include "vcode.h"
#include "verify.h"

/*
 * A document's facts by its code's key (sql/0038, document_facts): one
 * row, found or not.  $2: an uploaded file's digest, compared.
 */
static struct dbq q_check = DBQ(
    "SELECT f.verify_key IS NOT NULL, f.kind,"
    "  coalesce(f.about->>$3, f.about->>'fr', ''),"
    "  coalesce(dep.names->>$3, dep.names->>'fr', ''), f.issued_at,"
    "  f.revoked_at, CASE WHEN $2::text IS NOT NULL"
    "   THEN f.sha256 = decode($2, 'hex') END"
    "  FROM (VALUES (1)) one"
    "  LEFT JOIN document_facts f ON f.verify_key = decode($1, 'hex')"
    "  LEFT JOIN departments dep ON dep.id = f.issuer_department_id");

/* With a date of birth: compared, and counted when wrong. */
static struct dbq q_birth = DBQ(
    "SELECT found, kind, coalesce(about->>$3, about->>'fr', ''),"
    "  coalesce(issuer_names->>$3, issuer_names->>'fr', ''),"
    "  issued_at, revoked_at, birth_matches, locked, holder, reference"
    "  FROM document_check_birth(decode($1, 'hex'), $2::date)");

/* A file uploaded without its code: the document with these bytes. */
static struct dbq q_digest = DBQ(
    "SELECT true, f.kind, coalesce(f.about->>$2, f.about->>'fr', ''),"
    "  coalesce(dep.names->>$2, dep.names->>'fr', ''), f.issued_at,"
    "  f.revoked_at"
    "  FROM document_facts f"
    "  LEFT JOIN departments dep ON dep.id = f.issuer_department_id"
    " WHERE f.sha256 = decode($1, 'hex')"
    " ORDER BY f.issued_at LIMIT 1");

static const char *const doc_cols[] = { "found", "kind", "procedure",
    "issuer", "issued", "revoked" };

/* One line per check: how, the verdict, and whose (a prefix of a hash). */
static void
verify_log(const char *how, const char *verdict, const char *hash)
{
	log_info("verify: by %s, %s (%.12s)", how, verdict, hash);
}

/* The page, with the anti-forgery token of its forms. */
static enum gerr
verify_render(struct req *r, int status)
{
	if (req_csrf_form(r) == -1)
		return GERR_NOMEM;
	r->cache = "no-store";
	return resp_render(r, status, "verify/page.cs");
}

/*
 * The code in a path or a field, canonical in code; the shown form in the
 * page.  0, or -1 with the error set at field.
 */
static int
code_take(struct req *r, const char *typed, const char *field,
    char code[VCODE_LEN + 1])
{
	char	shown[VCODE_SHOWN + 1];
	int	rc;

	if ((rc = vcode_parse(typed, strlen(typed), code)) != 0) {
		tmpl_set(r->hdf, pool_printf(r->pool, "Form.%s.value", field),
		    typed);
		form_error(r, field, rc == -2 ? "verify.err_check" :
		    "verify.err_code");
		return -1;
	}
	vcode_format(code, shown);
	tmpl_set(r->hdf, "Verify.code", shown);
	return 0;
}

/*
 * The document of a code, with what was given to compare (a file's
 * digest, or a date of birth, counted when wrong: sql/0038; NULL if
 * neither).  Its facts go to Doc.*; NULL with the error if the statement
 * failed.
 */
static PGresult *
check(struct req *r, const char *code, const char *sha, const char *birth,
    char key[65])
{
	const char	*p[3];
	PGresult	*res;

	vcode_key_hex(code, key);
	p[0] = key;
	p[1] = birth != NULL ? birth : sha;
	p[2] = lang_codes[r->lang];
	if ((res = db_query(r->pool, birth != NULL ? &q_birth : &q_check, 3,
	    p)) == NULL)
		return NULL;
	if (*PQgetvalue(res, 0, 0) == 't')
		req_hdf_rows(r, "Doc", res, doc_cols, nitems(doc_cols));
	return res;
}

/* 200 with the form; a code typed in it: 303 to its page, or 400. */
enum gerr
page_verify(struct req *r)
{
	const char	*typed = req_query(r, "code");
	char		 code[VCODE_LEN + 1], shown[VCODE_SHOWN + 1];

	if (typed == NULL)
		return verify_render(r, 200);
	if (code_take(r, typed, "code", code) == -1)
		return verify_render(r, 400);
	vcode_format(code, shown);
	return resp_redirect(r, 303, pool_printf(r->pool, "/verify/%s",
	    shown));
}

/* 200 with what the code is; 404 if no document has it, or it is none. */
enum gerr
page_verify_code(struct req *r)
{
	char		 code[VCODE_LEN + 1], key[65];
	PGresult	*res;

	if (code_take(r, r->args[0], "code", code) == -1)
		return verify_render(r, 404);
	if ((res = check(r, code, NULL, NULL, key)) == NULL)
		return db_last_error();
	verify_log("code", *PQgetvalue(res, 0, 0) == 't' ? "found" :
	    "unknown", key);
	if (*PQgetvalue(res, 0, 0) != 't') {
		tmpl_set(r->hdf, "Verify.unknown", "1");
		return verify_render(r, 404);
	}
	return verify_render(r, 200);
}

/* The PDF of the form, checked, its digest in sha; -1 with the error. */
static int
file_take(struct req *r, const struct kv *file, char sha[65])
{
	const char	*why;

	if (upload_pdf_problem(r, file, 0, &why) != NULL) {
		form_error_text(r, "file", why);
		return -1;
	}
	sha256_bytes_hex(file->value, file->len, sha);
	return 0;
}

/* The holder's date of birth as typed, in ISO; NULL with the error. */
static const char *
birth_take(struct req *r, const char *typed)
{
	static const struct vlimits	 any;
	char				*iso;

	tmpl_set(r->hdf, "Form.birth_date.value", typed);
	if ((iso = pool_alloc(r->pool, 16)) == NULL ||
	    !valid_date(typed, &any, iso, 16)) {
		form_error(r, "birth_date", "err.date");
		return NULL;
	}
	return iso;
}

/*
 * The verdict on what was given with a code: a file (the same bytes as
 * issued, or not) or the holder's date of birth (theirs, or not).
 */
static enum gerr
verdict_code(struct req *r, const char *code)
{
	const struct kv	*file = upload_file(r, "file");
	const char	*typed = req_form(r, "birth_date"), *birth = NULL;
	const char	*verdict;
	char		 sha[65], key[65];
	PGresult	*res;

	if (file != NULL) {
		if (file_take(r, file, sha) == -1)
			return GERR_INPUT;
	} else if (typed != NULL && *typed != '\0') {
		if ((birth = birth_take(r, typed)) == NULL)
			return GERR_INPUT;
	} else {
		form_error(r, "file", "verify.err_nothing");
		return GERR_INPUT;
	}
	if ((res = check(r, code, file != NULL ? sha : NULL, birth, key)) ==
	    NULL)
		return db_last_error();
	if (*PQgetvalue(res, 0, 0) != 't') {
		verify_log(file != NULL ? "file+code" : "birth+code", "unknown",
		    key);
		tmpl_set(r->hdf, "Verify.unknown", "1");
		return GERR_NOTFOUND;
	}
	if (file != NULL)
		verdict = *PQgetvalue(res, 0, 6) == 't' ? "same" : "differs";
	else if (*PQgetvalue(res, 0, 7) == 't')
		verdict = "birth_locked";
	else
		verdict = *PQgetvalue(res, 0, 6) == 't' ? "birth_ok" :
		    "birth_no";
	verify_log(file != NULL ? "file+code" : "birth+code", verdict, key);
	tmpl_set(r->hdf, "Verdict.kind", verdict);
	if (strcmp(verdict, "birth_ok") == 0) {
		tmpl_set(r->hdf, "Verdict.holder", PQgetvalue(res, 0, 8));
		tmpl_set(r->hdf, "Verdict.reference", PQgetvalue(res, 0, 9));
	}
	return GERR_OK;
}

/*
 * POST /verify/:vcode: 200 with the verdict; 400 with what to correct;
 * 404 if no document has the code; 403 (the form again) if the form
 * expired.
 */
enum gerr
page_verify_code_post(struct req *r)
{
	char		 code[VCODE_LEN + 1];
	enum gerr	 e;

	if (code_take(r, r->args[0], "code", code) == -1)
		return verify_render(r, 404);
	if (r->csrf_failed) {
		form_error(r, "file", "err.expired");
		return verify_render(r, 403);
	}
	switch ((e = verdict_code(r, code))) {
	case GERR_OK:
		return verify_render(r, 200);
	case GERR_INPUT:
		/* what the code is, beside what to correct */
		return check(r, code, NULL, NULL, (char[65]){ 0 }) == NULL ?
		    db_last_error() : verify_render(r, 400);
	case GERR_NOTFOUND:
		return verify_render(r, 404);
	default:
		return e;
	}
}

/*
 * POST /verify: a file without its code (200: the document with exactly
 * these bytes, or none), or a code with the holder's date of birth (as
 * on the code's page).  400 with what to correct.
 */
enum gerr
page_verify_post(struct req *r)
{
	const struct kv	*file = upload_file(r, "file");
	const char	*typed = req_form(r, "code"), *p[2];
	char		 sha[65];
	PGresult	*res;

	if (r->csrf_failed) {
		form_error(r, file != NULL ? "file" : "code", "err.expired");
		return verify_render(r, 403);
	}
	if (file == NULL && typed != NULL && *typed != '\0') {
		r->args[0] = typed;
		return page_verify_code_post(r);
	}
	if (file == NULL) {
		form_error(r, "file", "err.pdf_required");
		return verify_render(r, 400);
	}
	if (file_take(r, file, sha) == -1)
		return verify_render(r, 400);
	p[0] = sha;
	p[1] = lang_codes[r->lang];
	if ((res = db_query(r->pool, &q_digest, 2, p)) == NULL)
		return db_last_error();
	verify_log("file", PQntuples(res) == 1 ? "same" : "differs", sha);
	if (PQntuples(res) == 1)
		req_hdf_rows(r, "Doc", res, doc_cols, nitems(doc_cols));
	tmpl_set(r->hdf, "Verdict.kind", PQntuples(res) == 1 ? "same" :
	    "differs");
	tmpl_set(r->hdf, "Verdict.nocode", "1");
	return verify_render(r, 200);
}
