/*
 * A dossier's fee paid online (issue 19, docs/payments.md), for the form
 * engine's pages and the notification worker's payments job alike: the
 * payment created at the provider with an idempotency key (one open
 * payment per dossier: a double click finds the first), read from the
 * provider and recorded, and cancelled.  The provider's word is fetched,
 * never believed from the browser: nothing here takes a status, an
 * amount or an id from a request.  A success of a fee due at submission
 * submits the draft in the transaction that records it, so no paid
 * dossier stays a draft: if that transaction fails (a crash, the
 * database away), the payment is still open here and the next read
 * (the worker's) records it.
 */
#include <stdlib.h>
#include <string.h>

#include "apptfield.h"
#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "formdef.h"
#include "log.h"
#include "paydossier.h"
#include "session.h"
#include "submit.h"

#define OPEN_STATUSES	"('created', 'started', 'submitted')"
#define PAY_COLS \
    "p.id, p.dossier_id, p.person_id, p.status, p.due, p.reference," \
    " p.provider, p.provider_id, p.next_url, p.lang, p.failure, p.method," \
    " p.finished_at, p.amount_cents, p.lines::text, p.expires_at <= now()," \
    " p.certificate_request_id"

/* Its open payment first, else the newest. */
static struct dbq q_latest = DBQ(
    "SELECT " PAY_COLS " FROM payments p WHERE p.dossier_id = $1::bigint"
    " ORDER BY p.status IN " OPEN_STATUSES " DESC, p.created_at DESC,"
    "  p.id DESC LIMIT 1");

static struct dbq q_latest_cert = DBQ(
    "SELECT " PAY_COLS " FROM payments p"
    " WHERE p.certificate_request_id = $1::bigint"
    " ORDER BY p.status IN " OPEN_STATUSES " DESC, p.created_at DESC,"
    "  p.id DESC LIMIT 1");

static struct dbq q_by_id = DBQ(
    "SELECT " PAY_COLS " FROM payments p WHERE p.id = $1::bigint");

/*
 * A new payment, unless one is open (the partial unique index of
 * sql/0044): then nothing, and the caller reads the one that is.
 */
static struct dbq q_insert = DBQ(
    "INSERT INTO payments (dossier_id, department_id, person_id, due,"
    "  reference, amount_cents, lines, lang, provider, idempotency_key,"
    "  expires_at, next_read_at)"
    " SELECT d.id, pr.department_id, $2::bigint, $3,"
    "  'PAY-' || upper(substr(md5(gen_random_uuid()::text), 1, 12)),"
    "  $4::bigint, $5::jsonb, $6, $7, gen_random_uuid(),"
    "  now() + make_interval(mins => $8::int),"
    "  now() + interval '2 minutes'"
    " FROM dossiers d JOIN procedures pr ON pr.id = d.procedure_id"
    " WHERE d.id = $1::bigint"
    " ON CONFLICT DO NOTHING RETURNING id, idempotency_key::text");

/* A certificate's order still unpaid: its price as shown when ordered. */
static struct dbq q_insert_cert = DBQ(
    "INSERT INTO payments (certificate_request_id, department_id, person_id,"
    "  due, reference, amount_cents, lines, lang, provider, idempotency_key,"
    "  expires_at, next_read_at)"
    " SELECT c.id, t.department_id, c.person_id, 'certificate',"
    "  'PAY-' || upper(substr(md5(gen_random_uuid()::text), 1, 12)),"
    "  c.fee_cents, c.fee_lines, $2, $3, gen_random_uuid(),"
    "  now() + make_interval(mins => $4::int),"
    "  now() + interval '2 minutes'"
    " FROM certificate_requests c JOIN certificate_types t ON t.id = c.type_id"
    " WHERE c.id = $1::bigint AND c.status = 'unpaid'"
    " ON CONFLICT DO NOTHING RETURNING id, idempotency_key::text");

static struct dbq q_created = DBQ(
    "UPDATE payments SET provider_id = $2, next_url = $3"
    " WHERE id = $1::bigint AND provider_id IS NULL");

/* The provider never took it: the draft stays free. */
static struct dbq q_create_failed = DBQ(
    "UPDATE payments SET status = 'error', failure = 'unreachable'"
    " WHERE id = $1::bigint AND status = 'created' AND provider_id IS NULL");

/*
 * What the provider said, if the change is legal (payment_transitions:
 * a later state, or money taken after we gave up); a read never moves a
 * payment backwards (an older answer arriving late).  One statement: the
 * row locked (o), recorded, the read's event; the status before it says
 * whether this read is the one that turns the payment into a success
 * (and so submits or queues what it pays for, in its transaction).
 */
static struct dbq q_record = DBQ(
    "WITH o AS (SELECT id, status FROM payments WHERE id = $1::bigint"
    "   FOR UPDATE),"
    " u AS (UPDATE payments p SET status = CASE WHEN EXISTS (SELECT 1"
    "    FROM payment_transitions t WHERE t.from_status = o.status"
    "    AND t.to_status = $2) THEN $2 ELSE o.status END,"
    "   method = coalesce($3, p.method), failure = coalesce($4, p.failure),"
    "   read_at = now(), next_read_at = now() + interval '2 minutes',"
    "   claimed_by = NULL"
    "  FROM o WHERE p.id = o.id RETURNING p.id, p.status, o.status AS before),"
    " e AS (INSERT INTO payment_events (payment_id, kind, detail)"
    "  SELECT id, 'read', jsonb_build_object('status', $2::text,"
    "   'amount', $5::bigint) FROM u)"
    " SELECT status, before FROM u");

static struct dbq q_read_later = DBQ(
    "UPDATE payments SET next_read_at = now() + interval '30 seconds',"
    "  claimed_by = NULL WHERE id = $1::bigint");

/* A fee due after acceptance, paid: in the success's transaction. */
static struct dbq q_fee_paid = DBQ(
    "UPDATE dossier_fees SET paid_at = now()"
    " WHERE dossier_id = $1::bigint AND paid_at IS NULL");

/* Asked when the dossier is granted; the person told through the outbox. */
static struct dbq q_fee_ask = DBQ(
    "WITH f AS (INSERT INTO dossier_fees (dossier_id, amount_cents, lines,"
    "   remind_at, close_at)"
    "  VALUES ($1::bigint, $2::bigint, $3::jsonb,"
    "   now() + make_interval(days => $4::int),"
    "   now() + make_interval(days => $5::int))"
    "  ON CONFLICT DO NOTHING RETURNING dossier_id)"
    " INSERT INTO notification_outbox (kind, dossier_id, person_id, lang,"
    "   payload)"
    " SELECT 'payment_due', d.id, d.owner_person_id, $6,"
    "   json_build_object('reference', d.reference)"
    "  FROM f JOIN dossiers d ON d.id = f.dossier_id");

/*
 * A certificate's order, paid: queued for sealing in the success's
 * transaction, never before (sql/0052 refuses a paid_at-less queue).
 */
static struct dbq q_cert_paid = DBQ(
    "UPDATE certificate_requests SET status = 'queued', paid_at = now(),"
    "  next_attempt_at = now() WHERE id = $1::bigint AND status = 'unpaid'");

static struct dbq q_fee_due = DBQ(
    "SELECT amount_cents, lines::text, paid_at IS NOT NULL,"
    "  lapsed_at IS NOT NULL FROM dossier_fees WHERE dossier_id = $1::bigint");

static struct dbq q_end = DBQ(
    "UPDATE payments SET status = $2, claimed_by = NULL"
    " WHERE id = $1::bigint AND status IN " OPEN_STATUSES);

/* The fee as the summary shows it: lines in the page's language, total. */
void
paydossier_fee_hdf(struct req *r, const struct fee *f)
{
	const json_t	*line;
	const char	*lang = lang_codes[r->lang];
	char		 buf[40], key[64];
	size_t		 i;

	if (f->due == FEE_NONE)
		return;
	json_array_foreach(f->lines, i, line) {
		snprintf(key, sizeof(key), "Fee.lines.%zu.label", i);
		tmpl_set(r->hdf, key, json_string_value(json_object_get(
		    json_object_get(line, "label"), lang)));
		snprintf(key, sizeof(key), "Fee.lines.%zu.quantity", i);
		tmpl_setf(r->hdf, key, "%lld", (long long)json_integer_value(
		    json_object_get(line, "quantity")));
		snprintf(key, sizeof(key), "Fee.lines.%zu.amount", i);
		tmpl_set(r->hdf, key, fee_amount_text(json_integer_value(
		    json_object_get(line, "cents")), lang, buf, sizeof(buf)));
	}
	tmpl_set(r->hdf, "Fee.total", fee_amount_text(f->total_cents, lang,
	    buf, sizeof(buf)));
	tmpl_set(r->hdf, "Fee.due", fee_due_name(f->due));
}

int
paydossier_open(const struct paydossier *p)
{
	return strcmp(p->status, "created") == 0 ||
	    strcmp(p->status, "started") == 0 ||
	    strcmp(p->status, "submitted") == 0;
}

static const char *
cell(struct req *r, PGresult *res, int col)
{
	return PQgetisnull(res, 0, col) ? NULL :
	    pool_strdup(r->pool, PQgetvalue(res, 0, col));
}

static enum gerr
from_row(struct req *r, PGresult *res, struct paydossier *p)
{
	memset(p, 0, sizeof(*p));
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	p->id = cell(r, res, 0);
	p->dossier_id = cell(r, res, 1);
	p->person_id = cell(r, res, 2);
	p->status = cell(r, res, 3);
	p->due = cell(r, res, 4);
	p->reference = cell(r, res, 5);
	p->provider = cell(r, res, 6);
	p->provider_id = cell(r, res, 7);
	p->next_url = cell(r, res, 8);
	p->lang = cell(r, res, 9);
	p->failure = cell(r, res, 10);
	p->method = cell(r, res, 11);
	p->finished_at = cell(r, res, 12);
	p->amount_cents = strtoll(PQgetvalue(res, 0, 13), NULL, 10);
	p->lines = json_pooled(r, json_loads(PQgetvalue(res, 0, 14), 0,
	    NULL));
	p->past_expiry = *PQgetvalue(res, 0, 15) == 't';
	p->cert_request_id = cell(r, res, 16);
	return GERR_OK;
}

enum gerr
paydossier_latest(struct req *r, const char *dossier_id,
    struct paydossier *p)
{
	const char	*v[1] = { dossier_id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_latest, 1, v)) == NULL)
		return db_last_error();
	return from_row(r, res, p);
}

enum gerr
paydossier_latest_cert(struct req *r, const char *request_id,
    struct paydossier *p)
{
	const char	*v[1] = { request_id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_latest_cert, 1, v)) == NULL)
		return db_last_error();
	return from_row(r, res, p);
}

enum gerr
paydossier_by_id(struct req *r, const char *id, struct paydossier *p)
{
	const char	*v[1] = { id };
	PGresult	*res;

	if ((res = db_query(r->pool, &q_by_id, 1, v)) == NULL)
		return db_last_error();
	return from_row(r, res, p);
}

/* The provider's side of a new payment; the row records its id and page. */
static enum gerr
create_at_provider(struct req *r, const char *title, struct paydossier *p,
    const char *key, const char *return_path)
{
	struct payconf		 pc;
	const struct payprovider *pp;
	struct pay_create	 c;
	struct pay_state	 st;
	const char		*v[3], *site = conf_str("site.url");
	enum gerr		 e;

	memset(&c, 0, sizeof(c));
	memset(&st, 0, sizeof(st));
	c.reference = p->reference;
	c.amount_cents = p->amount_cents;
	c.description = pool_printf(r->pool, "%s (%s)", title, p->reference);
	c.lang = p->lang;
	c.return_url = pool_printf(r->pool, "%s%s", site != NULL ? site : "",
	    return_path);
	c.idempotency_key = key;
	if ((pp = payconf_load(r->pool, &pc)) == NULL)
		e = GERR_UPSTREAM;
	else
		e = pp->create(r->pool, &pc, &c, &st);
	v[0] = p->id;
	if (e != GERR_OK || st.provider_id == NULL || st.next_url == NULL) {
		log_warnx("payment %s: the provider did not take it (%s)",
		    p->id, gerr_name(e));
		if (db_query(r->pool, &q_create_failed, 1, v) == NULL)
			return db_last_error();
		return GERR_UPSTREAM;
	}
	v[1] = st.provider_id;
	v[2] = st.next_url;
	if (db_query(r->pool, &q_created, 3, v) == NULL)
		return db_last_error();
	p->provider_id = st.provider_id;
	p->next_url = st.next_url;
	return GERR_OK;
}

enum gerr
paydossier_start(struct req *r, const struct dossier *d, const struct fee *f,
    const char *return_path, struct paydossier *p)
{
	const char	*v[8], *key;
	char		 mins[16];
	PGresult	*res;
	enum gerr	 e;
	char		*lines;

	if ((e = paydossier_latest(r, d->id, p)) == GERR_OK &&
	    paydossier_open(p) && p->next_url != NULL)
		return GERR_OK;		/* a second click: the first one */
	if (e != GERR_OK && e != GERR_NOTFOUND)
		return e;
	if ((lines = json_dumps(f->lines, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, free, lines);
	snprintf(mins, sizeof(mins), "%d", conf_int("payments.expiry_minutes"));
	v[0] = d->id;
	v[1] = r->session->person_id;
	v[2] = fee_due_name(f->due);
	v[3] = pool_printf(r->pool, "%lld", (long long)f->total_cents);
	v[4] = lines;
	v[5] = lang_codes[r->lang];
	v[6] = conf_str("payments.provider");
	v[7] = mins;
	if (v[6] == NULL)
		return GERR_UPSTREAM;
	if ((res = db_query(r->pool, &q_insert, 8, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		/* another click made it meanwhile: that one */
		if ((e = paydossier_latest(r, d->id, p)) != GERR_OK)
			return e;
		return paydossier_open(p) && p->next_url != NULL ? GERR_OK :
		    GERR_CONFLICT;
	}
	key = pool_strdup(r->pool, PQgetvalue(res, 0, 1));
	if ((e = paydossier_by_id(r, PQgetvalue(res, 0, 0), p)) != GERR_OK)
		return e;
	return create_at_provider(r, def_text(r, d->def->titles), p, key,
	    return_path);
}

enum gerr
paydossier_start_cert(struct req *r, const char *request_id,
    const char *title, const char *return_path, struct paydossier *p)
{
	const char	*v[4];
	char		 mins[16];
	PGresult	*res;
	enum gerr	 e;

	if ((e = paydossier_latest_cert(r, request_id, p)) == GERR_OK &&
	    paydossier_open(p) && p->next_url != NULL)
		return GERR_OK;		/* a second click: the first one */
	if (e != GERR_OK && e != GERR_NOTFOUND)
		return e;
	snprintf(mins, sizeof(mins), "%d", conf_int("payments.expiry_minutes"));
	v[0] = request_id;
	v[1] = lang_codes[r->lang];
	v[2] = conf_str("payments.provider");
	v[3] = mins;
	if (v[2] == NULL)
		return GERR_UPSTREAM;
	if ((res = db_query(r->pool, &q_insert_cert, 4, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1) {
		/* another click made it meanwhile, or it was paid: that one */
		if ((e = paydossier_latest_cert(r, request_id, p)) != GERR_OK)
			return e;
		return paydossier_open(p) && p->next_url != NULL ? GERR_OK :
		    GERR_CONFLICT;
	}
	if ((e = paydossier_by_id(r, PQgetvalue(res, 0, 0), p)) != GERR_OK)
		return e;
	return create_at_provider(r, title, p, pool_strdup(r->pool,
	    PQgetvalue(res, 0, 1)), return_path);
}

/*
 * The person a submission made by the worker is recorded for: the one
 * who paid (a page's request has its own session).
 */
static void
session_for(struct req *r, const struct paydossier *p)
{
	struct session	*s;
	size_t		 l;

	if (r->session != NULL || (s = pool_alloc(r->pool, sizeof(*s))) ==
	    NULL)
		return;
	memset(s, 0, sizeof(*s));
	s->person_id = p->person_id;
	s->assurance = "high";
	r->session = s;
	for (l = 0; l < LANG__MAX; l++)
		if (strcmp(lang_codes[l], p->lang) == 0)
			r->lang = (enum lang)l;
}

/* The draft a paid fee sends, in the transaction that records it. */
static enum gerr
submit_paid(struct req *r, const struct paydossier *p)
{
	struct dossier	 d;
	char		 key[33];
	enum gerr	 e;

	if (strcmp(p->due, "submission") != 0)
		return GERR_OK;
	session_for(r, p);
	/*
	 * The page's own copy, read in this request: the payment's row lock
	 * (q_record) orders two reads of it, and the submission applies only
	 * to the draft as it was read (updated_at), else this transaction
	 * fails whole and the payment stays open for the next read.
	 */
	if (p->draft != NULL && strcmp(p->draft->id, p->dossier_id) == 0)
		d = *p->draft;
	else if ((e = dossier_load(r, p->dossier_id, &d, LOAD_LOCK)) !=
	    GERR_OK)
		return e;
	if (!is_draft(&d))
		return GERR_OK;		/* sent by an earlier read */
	if (random_hex(key, 16) == -1)
		return GERR_SYSTEM;
	if ((e = apptfield_book_paid(r, &d)) != GERR_OK ||
	    (e = dossier_submit(r, &d, key)) != GERR_OK)
		log_warnx("payment %s: paid, its dossier not submitted (%s)",
		    p->id, gerr_name(e));
	return e;
}

struct record {
	struct req		*r;
	struct paydossier	*p;
	const struct pay_state	*st;
};

static enum gerr
record_txn(struct pool *pool, void *arg)
{
	struct record	*x = arg;
	struct paydossier before;
	const char	*v[5];
	PGresult	*res;

	(void)pool;
	v[0] = x->p->id;
	v[1] = pay_status_names[x->st->status];
	v[2] = x->st->method;
	v[3] = x->st->failure;
	v[4] = pool_printf(x->r->pool, "%lld", (long long)x->st->amount_cents);
	if ((res = db_query(x->r->pool, &q_record, 5, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	x->p->status = pool_strdup(x->r->pool, PQgetvalue(res, 0, 0));
	v[0] = x->p->dossier_id;
	/* just ended unpaid: a draft's slots no longer wait for it */
	if (strcmp(x->p->status, "success") != 0) {
		before.status = PQgetvalue(res, 0, 1);
		if (!paydossier_open(x->p) && paydossier_open(&before) &&
		    strcmp(x->p->due, "submission") == 0)
			return apptfield_release(x->r->pool, x->p->dossier_id);
		return GERR_OK;
	}
	/* only the read that turns it into a success acts on it */
	if (strcmp(PQgetvalue(res, 0, 1), "success") == 0)
		return GERR_OK;
	if (strcmp(x->p->due, "certificate") == 0) {
		v[0] = x->p->cert_request_id;
		return db_query(x->r->pool, &q_cert_paid, 1, v) == NULL ?
		    db_last_error() : GERR_OK;
	}
	if (strcmp(x->p->due, "acceptance") == 0)
		return db_query(x->r->pool, &q_fee_paid, 1, v) == NULL ?
		    db_last_error() : GERR_OK;
	return submit_paid(x->r, x->p);
}

/*
 * Reads p at the provider and records it; ending (cancelling) records
 * that end instead of whatever the provider says, unless it took the
 * money: a success always wins.
 */
static enum gerr
settle(struct req *r, struct paydossier *p, enum pay_status ending)
{
	struct payconf		 pc;
	const struct payprovider *pp;
	struct pay_state	 st;
	struct record		 x = { r, p, &st };
	const char		*v[1] = { p->id };
	enum gerr		 e;

	if (p->provider_id == NULL)
		return GERR_OK;		/* never reached the provider */
	memset(&st, 0, sizeof(st));
	if ((pp = payconf_load(r->pool, &pc)) == NULL ||
	    strcmp(pp->name, p->provider) != 0)
		e = GERR_UPSTREAM;
	else
		e = pp->read(r->pool, &pc, p->provider_id, &st);
	if (e == GERR_OK && st.amount_cents != p->amount_cents) {
		log_warnx("payment %s: the provider's amount is not ours",
		    p->id);
		e = GERR_CONFLICT;
	}
	if (e != GERR_OK) {
		if (db_query(r->pool, &q_read_later, 1, v) == NULL)
			return db_last_error();
		return e;
	}
	if (ending != PAY__MAX && st.status != PAY_SUCCESS)
		st.status = ending;
	return db_transaction(r->pool, record_txn, &x);
}

enum gerr
paydossier_settle(struct req *r, struct paydossier *p)
{
	return settle(r, p, PAY__MAX);
}

enum gerr
paydossier_cancel(struct req *r, struct paydossier *p, int expire)
{
	struct payconf		 pc;
	const struct payprovider *pp;
	const char		*v[2];
	enum gerr		 e = GERR_OK;

	if (p->provider_id != NULL) {
		if ((pp = payconf_load(r->pool, &pc)) == NULL)
			return GERR_UPSTREAM;
		if ((e = pp->cancel(r->pool, &pc, p->provider_id)) ==
		    GERR_UPSTREAM)
			return e;
		/* ended meanwhile (paid?), or cancelled: read it */
		if ((e = settle(r, p, expire ? PAY_EXPIRED : PAY_CANCELLED)) !=
		    GERR_OK)
			return e;
	}
	if (!paydossier_open(p))
		return GERR_OK;
	v[0] = p->id;
	v[1] = expire ? "expired" : "cancelled";
	if (db_query(r->pool, &q_end, 2, v) == NULL)
		return db_last_error();
	p->status = v[1];
	return GERR_OK;
}

enum gerr
paydossier_ask(struct req *r, const struct dossier *d, enum lang lang)
{
	struct fee	 f;
	const char	*v[6];
	char		*lines;
	enum gerr	 e;

	e = fee_compute(json_object_get(d->def->json, "fees"), d->data, &f);
	if (f.lines != NULL)
		json_pooled(r, f.lines);
	if (e != GERR_OK || f.due != FEE_ACCEPTANCE)
		return GERR_OK;		/* nothing due after acceptance */
	if ((lines = json_dumps(f.lines, JSON_COMPACT)) == NULL)
		return GERR_NOMEM;
	pool_defer(r->pool, free, lines);
	v[0] = d->id;
	v[1] = pool_printf(r->pool, "%lld", (long long)f.total_cents);
	v[2] = lines;
	v[3] = pool_printf(r->pool, "%ld", f.remind_days);
	v[4] = pool_printf(r->pool, "%ld", f.close_days);
	v[5] = lang_codes[lang];
	return db_query(r->pool, &q_fee_ask, 6, v) == NULL ? db_last_error() :
	    GERR_OK;
}

enum gerr
paydossier_fee_due(struct req *r, const char *dossier_id, struct fee *f,
    int *paid, int *lapsed)
{
	const char	*v[1] = { dossier_id };
	PGresult	*res;

	memset(f, 0, sizeof(*f));
	*paid = *lapsed = 0;
	if ((res = db_query(r->pool, &q_fee_due, 1, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	f->due = FEE_ACCEPTANCE;
	f->total_cents = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	f->lines = json_pooled(r, json_loads(PQgetvalue(res, 0, 1), 0, NULL));
	*paid = *PQgetvalue(res, 0, 2) == 't';
	*lapsed = *PQgetvalue(res, 0, 3) == 't';
	return f->lines != NULL ? GERR_OK : GERR_NOMEM;
}
