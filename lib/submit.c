/*
 * Signing and submitting a draft, for every program that sends dossiers
 * (the form engine, a procedure's own program): the answers and annexes
 * are frozen, their canonical form is hashed and sealed, the dossier gets
 * its reference and moves to "soumis", and its event and notification
 * are written in the same statement.  A double click or a replayed POST
 * finds the dossier already sent (GERR_CONFLICT), and the caller shows
 * the same receipt.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/sha.h>

#include "answers.h"
#include "crypto.h"
#include "db.h"
#include "formdef.h"
#include "metrics.h"
#include "seal.h"
#include "submit.h"

/*
 * The number of its reference, taken only when the submission goes on
 * (its caller found everything right: answers, login level, its own
 * rules), so a refused submission leaves no gap in the references: a
 * draft found all right where its last save said otherwise (rare) is
 * marked complete in the same statement; a complete one, still as it
 * was read, just takes its number.  Both update the row, whose lock makes
 * a second click in the same instant wait and then find the dossier
 * changed (updated_at), taking no number; the number stays on the
 * dossier (ref_number), so a submission retried after a failure reuses
 * it.  COALESCE evaluates nextval only when there is none yet.
 */
#define TAKE_NUMBER \
    " ref_number = coalesce(ref_number," \
    "  nextval(('dossier_ref_' || procedure_id)::regclass))"
static struct dbq q_complete = DBQ(
    "UPDATE dossiers SET status = 'complet'," TAKE_NUMBER
    " WHERE id = $1::bigint AND status = 'en_cours' AND updated_at = $2"
    " RETURNING updated_at::text, ref_number");
static struct dbq q_number = DBQ(
    "UPDATE dossiers SET" TAKE_NUMBER
    " WHERE id = $1::bigint AND status = 'complet' AND updated_at = $2"
    " RETURNING updated_at::text, ref_number");

/*
 * The submission in one statement: it applies only if the dossier is
 * still as it was read (updated_at), so no transaction stays open while
 * the seal is made; a second click finds it submitted.  Few relations:
 * PostgreSQL takes its cheap locks for 16 of them per transaction.
 */
#define SUBMIT_CTE \
    "WITH d AS (UPDATE dossiers SET status = 'soumis', reference = $2," \
    "   submitted_at = $3::timestamptz, submit_key = $4::uuid," \
    "   receipt_digest = decode($5, 'hex'), receipt_seal = $6::bytea," \
    "   data = $7::jsonb" \
    "  WHERE id = $1::bigint AND status = 'complet'" \
    "   AND updated_at = $10::timestamptz RETURNING id)," \
    " ev AS (INSERT INTO dossier_events (dossier_id, kind, from_status," \
    "   to_status, actor_person_id)" \
    "  SELECT id, 'status', 'complet', 'soumis', $8::bigint FROM d)," \
    " ob AS (INSERT INTO notification_outbox (kind, dossier_id, person_id," \
    "   lang, payload)" \
    "  SELECT 'dossier_submitted', d.id, $8::bigint, $9," \
    "   json_build_object('reference', $2::text) FROM d)"

static struct dbq q_submit = DBQ(SUBMIT_CTE
    " SELECT count(*) FROM d");

/* The same, deleting the annexes of questions no longer asked. */
static struct dbq q_submit_drop = DBQ(SUBMIT_CTE
    ", dropped AS (DELETE FROM attachments a USING d"
    "  WHERE a.dossier_id = d.id AND a.message_id IS NULL"
    "   AND NOT (a.field = ANY($11::text[])))"
    " SELECT count(*) FROM d");

/* Whether a field is one of ",a,b,", whatever its length. */
static int
field_listed(const char *fields, const char *field)
{
	size_t		 n = strlen(field);
	const char	*p;

	for (p = fields; n > 0 && (p = strstr(p, field)) != NULL; p++)
		if (p > fields && p[-1] == ',' && p[n] == ',')
			return 1;
	return 0;
}

/* Whether some annex belongs to a question no longer asked. */
static int
annexes_to_drop(const struct dossier *d, const char *fields)
{
	const char	*field;
	json_t		*l;

	json_object_foreach(d->files, field, l)
		if (json_array_size(l) > 0 && !field_listed(fields, field))
			return 1;
	return 0;
}

/* The annexes of the questions asked, in the order they came. */
static json_t *
annexes_sent(struct req *r, const struct dossier *d, const char *fields)
{
	json_t		*l = json_pooled(r, json_array()), *a;
	const char	*field;
	size_t		 i;

	json_array_foreach(d->annexes, i, a) {
		field = json_string_value(json_object_get(a, "field"));
		if (field == NULL || !field_listed(fields, field))
			continue;
		json_array_append_new(l, json_pack("{sOsOsOsO}",
		    "field", json_object_get(a, "field"),
		    "filename", json_object_get(a, "filename"),
		    "size", json_object_get(a, "size"),
		    "sha256", json_object_get(a, "sha256")));
	}
	return l;
}

static void
pdf_field_listed(void *arg, const struct ffield *f, const char *key,
    const struct ffield *group, size_t k)
{
	struct buf	*b = arg;

	(void)f;
	(void)group;
	(void)k;
	buf_printf(b, "%s%s", b->len > 1 ? "," : "", key);
}

/*
 * The keys of the PDF fields asked (a block's own too), as a PostgreSQL
 * array literal: names of letters, digits, _ and dots need no quoting.
 */
static const char *
pdf_fields(struct req *r, const struct dossier *d)
{
	const struct fpage	*p;
	struct buf		 b;
	size_t			 i;

	buf_init(&b, r->pool);
	buf_putc(&b, '{');
	for (i = 0; i < d->def->npages; i++) {
		p = &d->def->pages[i];
		if (page_visible(p, d->data))
			answers_page_files(r, d, p, pdf_field_listed, &b);
	}
	buf_putc(&b, '}');
	return buf_cstr(&b);
}

static enum gerr
seal_and_send(struct req *r, struct dossier *d, const char *number,
    const char *key)
{
	const char	*p[11], *fields = pdf_fields(r, d), *listed;
	char		 at[32], ref[64], hex[65];
	unsigned char	 md[SHA256_DIGEST_LENGTH], *der;
	size_t		 derlen;
	json_t		*answers = json_pooled(r, answers_submitted(d)), *annexes;
	PGresult	*res;
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		*canon;
	enum gerr	 e;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* ",a,b," from "{a,b}" */
	listed = pool_printf(r->pool, ",%.*s,", (int)strlen(fields) - 2,
	    fields + 1);
	if ((annexes = annexes_sent(r, d, listed)) == NULL)
		return GERR_NOMEM;
	snprintf(ref, sizeof(ref), "%d-%s-%06lld", tm.tm_year + 1900, d->code,
	    atoll(number));
	if ((canon = dossier_canonical(d->code, atoll(d->version), d->id, ref,
	    at, answers, annexes)) == NULL)
		return GERR_NOMEM;
	SHA256((unsigned char *)canon, strlen(canon), md);
	hex_encode(md, sizeof(md), hex);
	e = seal_sign(r->pool, canon, strlen(canon), &der, &derlen);
	free(canon);
	if (e != GERR_OK)
		return e;
	p[0] = d->id;
	p[1] = ref;
	p[2] = at;
	p[3] = key;
	p[4] = hex;
	if ((p[5] = db_bytea(r->pool, der, derlen)) == NULL ||
	    (p[6] = json_dumps(answers, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, free, (void *)p[6]);
	p[7] = r->session->person_id;
	/* the address is the worker's to find when it sends (sql/0027) */
	p[8] = lang_codes[r->lang];
	p[9] = d->stamp;
	p[10] = fields;
	if ((res = annexes_to_drop(d, listed) ?
	    db_query(r->pool, &q_submit_drop, 11, p) :
	    db_query(r->pool, &q_submit, 10, p)) == NULL)
		return db_last_error();
	return atoi(PQgetvalue(res, 0, 0)) == 1 ? GERR_OK : GERR_CONFLICT;
}

/*
 * The number of d's reference, once its submission goes on: NULL in
 * *number if it changed meanwhile (sent by a second click, or saved in
 * another tab).
 */
static enum gerr
take_number(struct req *r, struct dossier *d, const char **number)
{
	const char	*p[2] = { d->id, d->stamp };
	int		 complete = strcmp(d->status, "complet") == 0;
	PGresult	*res;

	*number = NULL;
	if ((res = db_query(r->pool, complete ? &q_number : &q_complete, 2,
	    p)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_OK;
	d->stamp = pool_strdup(r->pool, PQgetvalue(res, 0, 0));
	*number = pool_strdup(r->pool, PQgetvalue(res, 0, 1));
	return GERR_OK;
}

static int
is_key(const char *k)
{
	return k != NULL && strlen(k) == 32 && strspn(k, "0123456789abcdef")
	    == 32;
}

/*
 * The key the summary page gave its submit button (submit_key, so a
 * dossier records which page sent it), or a fresh one; NULL without
 * randomness.
 */
const char *
submit_key(struct req *r)
{
	const char	*key = req_form(r, "submit_key");
	char		*fresh;

	if (is_key(key))
		return key;
	if ((fresh = pool_alloc(r->pool, 33)) == NULL ||
	    random_hex(fresh, 16) == -1)
		return NULL;
	return fresh;
}

/*
 * Seals and submits d, a draft whose answers the caller checked
 * (answers_check found nothing, and its own rules, and the login's
 * level): GERR_OK once submitted; GERR_CONFLICT if it was sent meanwhile
 * (a second click) or changed in another tab, which the caller tells by
 * loading it again.  Its reference's number is taken here, not before,
 * so a submission refused by its caller takes none.  The answers sealed
 * are those asked (answers_submitted), with whatever the caller put in
 * d->data.
 */
enum gerr
dossier_submit(struct req *r, struct dossier *d, const char *key)
{
	const char	*number;
	enum gerr	 e;

	if ((e = take_number(r, d, &number)) != GERR_OK)
		return e;
	if (number == NULL)
		return GERR_CONFLICT;
	if ((e = seal_and_send(r, d, number, key)) == GERR_OK)
		metrics_count(MEV_SUBMISSION, d->code, NULL);
	return e;
}
