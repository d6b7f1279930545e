/*
 * Payments' chores (issue 19, docs/payments.md): refunds the provider has
 * not settled, sent again (lib/payrefund.c), and the daily
 * reconciliation of the provider's list of payments with ours.
 *
 * A day (display.timezone) is reconciled once it has been over for an
 * hour, and every day missed within payments.reconcile_days is caught up,
 * oldest first.  Its run is claimed in payment_reconcile_runs (a lease,
 * as the outbox's), so two workers on two hosts never run the same day at
 * once; a finished day is not run again, unless asked from the command
 * line (guichet-notify --reconcile DAY), which is harmless: what a run
 * fixes is fixed once, what it flags is one row per difference.
 *
 * Paid at the provider but not recorded here: the payment is read (the
 * provider's word is fetched, never taken from a list) and recorded, and
 * its dossier submitted in the same transaction (lib/paydossier.c).
 * Recorded here but unknown to the provider, at the provider and unknown
 * here, other amounts or refunds: flagged for a human on the
 * reconciliation page.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "paydossier.h"
#include "payment.h"
#include "payrefund.h"

#define RECONCILE_LEASE		600	/* seconds a run may take */
#define RECONCILE_RETRY		300	/* after a failure, seconds */
#define RECONCILE_MARGIN	600	/* the provider's clock and ours */
#define RECONCILE_PAGES		1000	/* of PAY_LIST_MAX at most */

struct run {
	struct pool		*p;
	const struct payprovider *pp;
	struct payconf		 pc;
	const char		*day;
	const char		*me;
	time_t			 lo, hi;	/* the day, as times */
	struct buf		 seen;		/* {id,id,...} */
	int			 nseen;
	int			 provider, fixed, flagged;
};

/* The oldest day due: over for an hour, not done, not held. */
static struct dbq q_due = DBQ(
    "SELECT d::date FROM generate_series("
    "  ((now() AT TIME ZONE $2)::date - $3::integer)::timestamp,"
    "  ((now() AT TIME ZONE $2)::date - 1)::timestamp, interval '1 day') d"
    " WHERE ((d::date + 1)::timestamp AT TIME ZONE $2) + interval '1 hour'"
    "  <= now() AND NOT EXISTS (SELECT 1 FROM payment_reconcile_runs r"
    "  WHERE r.provider = $1 AND r.day = d::date"
    "   AND (r.finished_at IS NOT NULL OR r.claimed_until > now()))"
    " ORDER BY 1 LIMIT 1");

/* Claimed unless another holds it; a finished day only when forced. */
static struct dbq q_claim = DBQ(
    "INSERT INTO payment_reconcile_runs (provider, day, claimed_by,"
    "  claimed_until) VALUES ($1, $2::date, $3,"
    "  now() + make_interval(secs => $4))"
    " ON CONFLICT (provider, day) DO UPDATE SET claimed_by = $3,"
    "  claimed_until = now() + make_interval(secs => $4), started_at = now(),"
    "  finished_at = NULL, last_error = NULL"
    " WHERE payment_reconcile_runs.claimed_until <= now()"
    "  AND (payment_reconcile_runs.finished_at IS NULL OR $5::boolean)"
    " RETURNING extract(epoch FROM $2::date::timestamp AT TIME ZONE $6)"
    "  ::bigint, extract(epoch FROM ($2::date + 1)::timestamp"
    "  AT TIME ZONE $6)::bigint");

static struct dbq q_finish = DBQ(
    "UPDATE payment_reconcile_runs SET finished_at = now(),"
    "  claimed_until = now(), seen_provider = $4, seen_ours = $5,"
    "  fixed = $6, flagged = $7"
    " WHERE provider = $1 AND day = $2::date AND claimed_by = $3");

static struct dbq q_failed = DBQ(
    "UPDATE payment_reconcile_runs SET last_error = $4,"
    "  claimed_until = now() + make_interval(secs => $5)"
    " WHERE provider = $1 AND day = $2::date AND claimed_by = $3");

/* Ours, by the provider's id, or by reference when its id never came. */
static struct dbq q_ours = DBQ(
    "SELECT id, status, amount_cents, provider_id IS NULL,"
    "  (SELECT coalesce(sum(f.amount_cents), 0) FROM payment_refunds f"
    "   WHERE f.payment_id = p.id AND (f.status = 'success'"
    "   OR f.status = 'pending' AND f.provider_refund_id IS NOT NULL)),"
    "  (SELECT count(*) FROM payment_refunds f WHERE f.payment_id = p.id"
    "   AND f.status = 'pending')"
    "  FROM payments p WHERE provider = $1"
    "  AND (provider_id = $2 OR provider_id IS NULL AND reference = $3)"
    " ORDER BY provider_id NULLS LAST LIMIT 1");

static struct dbq q_adopt = DBQ(
    "UPDATE payments SET provider_id = $2 WHERE id = $1::bigint"
    "  AND provider_id IS NULL");

/* What a read said of a payment not a dossier's (0044's trigger checks it). */
static struct dbq q_record = DBQ(
    "UPDATE payments SET status = $2, read_at = now(),"
    "  method = coalesce($3, method), failure = coalesce($4, failure)"
    " WHERE id = $1::bigint AND status <> $2 AND $5::text IS NOT NULL");

static struct dbq q_flag = DBQ(
    "INSERT INTO payment_discrepancies (provider, day, kind, payment_id,"
    "  department_id, provider_id, provider_reference, provider_status,"
    "  provider_cents, our_cents, fixed_at)"
    " SELECT $1, $2::date, $3, $4::bigint,"
    "  (SELECT department_id FROM payments WHERE id = $4::bigint), $5, $6,"
    "  $7, $8::bigint, (SELECT amount_cents FROM payments"
    "   WHERE id = $4::bigint), CASE WHEN $9::boolean THEN now() END"
    " ON CONFLICT DO NOTHING RETURNING id");

/* Ours of the day that the provider's list did not name. */
static struct dbq q_unknown = DBQ(
    "INSERT INTO payment_discrepancies (provider, day, kind, payment_id,"
    "  department_id, provider_id, our_cents)"
    " SELECT $1, $2::date, 'unknown_at_provider', p.id, p.department_id,"
    "  p.provider_id, p.amount_cents FROM payments p"
    " WHERE p.provider = $1 AND p.provider_id IS NOT NULL"
    "  AND p.created_at >= to_timestamp($3) AND p.created_at < to_timestamp($4)"
    "  AND NOT (p.provider_id = ANY ($5::text[]))"
    " ON CONFLICT DO NOTHING RETURNING id");

static struct dbq q_ours_count = DBQ(
    "SELECT count(*) FROM payments WHERE provider = $1"
    "  AND created_at >= to_timestamp($2) AND created_at < to_timestamp($3)");

static const char *
num(struct pool *p, long long n)
{
	return pool_printf(p, "%lld", n);
}

static int
flag(struct run *r, const char *kind, const char *ours,
    const struct pay_state *st, int fixed)
{
	const char	*v[9];
	PGresult	*res;

	v[0] = r->pp->name;
	v[1] = r->day;
	v[2] = kind;
	v[3] = ours;
	v[4] = st->provider_id;
	v[5] = st->reference;
	v[6] = pay_status_names[st->status];
	v[7] = num(r->p, st->amount_cents);
	v[8] = fixed ? "true" : "false";
	if ((res = db_query(r->p, &q_flag, 9, v)) == NULL)
		return -1;
	if (PQntuples(res) > 0) {
		log_info("payments: reconciliation %s: %s %s", r->day, kind,
		    st->provider_id);
		if (fixed)
			r->fixed++;
		else
			r->flagged++;
	}
	return 0;
}

static struct dbq q_status = DBQ(
    "SELECT status FROM payments WHERE id = $1::bigint");

static struct dbq q_reconciled = DBQ(
    "INSERT INTO payment_events (payment_id, kind, to_status, detail)"
    " VALUES ($1::bigint, 'reconcile', $2, jsonb_build_object('day', $3::text))");

/*
 * A payment read and recorded by lib/paydossier.c, which submits the
 * dossier (or queues the certificate's order) in the transaction
 * recording a success; one it cannot load recorded here.  The read's
 * state, or NULL.
 */
static const char *
fix_read(struct run *r, const char *ours, const struct pay_state *listed)
{
	struct req	 rq;
	struct paydossier pd;
	struct pay_state st;
	const char	*v[5];
	PGresult	*res;

	memset(&rq, 0, sizeof(rq));
	rq.pool = r->p;
	if (paydossier_by_id(&rq, ours, &pd) == GERR_OK) {
		if (paydossier_settle(&rq, &pd) != GERR_OK)
			return NULL;
	} else {
		if (r->pp->read(r->p, &r->pc, listed->provider_id, &st) !=
		    GERR_OK)
			return NULL;
		v[0] = ours;
		v[1] = pay_status_names[st.status];
		v[2] = st.method;
		v[3] = st.failure;
		v[4] = r->day;
		if (db_query(r->p, &q_record, 5, v) == NULL &&
		    db_last_error() != GERR_CONFLICT)
			return NULL;
	}
	v[0] = ours;
	if ((res = db_query(r->p, &q_status, 1, v)) == NULL)
		return NULL;
	return pool_strdup(r->p, db_value(res, 0, 0));
}

/*
 * Ended at the provider, open or otherwise here: the payment read (the
 * provider's word is fetched, never taken from a list) and recorded.
 * Paid there and now paid here: fixed.  Paid there and still not here
 * (failed here: the transitions refuse it; or the read failed): for a
 * human.  -1 when the database failed.
 */
static int
fix(struct run *r, const char *ours, const char *was,
    const struct pay_state *listed)
{
	const char	*now, *v[3];

	if ((now = fix_read(r, ours, listed)) == NULL)
		return listed->status == PAY_SUCCESS ?
		    flag(r, "paid_here_late", ours, listed, 0) : 0;
	if (strcmp(now, was) == 0 && listed->status != PAY_SUCCESS)
		return 0;
	if (strcmp(now, was) != 0) {
		v[0] = ours;
		v[1] = now;
		v[2] = r->day;
		if (db_query(r->p, &q_reconciled, 3, v) == NULL)
			return -1;
	}
	if (listed->status != PAY_SUCCESS)
		return 0;
	return flag(r, "paid_here_late", ours, listed,
	    strcmp(now, "success") == 0);
}

/* One payment of the provider's list against ours. */
static int
compare(struct run *r, const struct pay_state *st)
{
	const char	*v[3], *ours;
	PGresult	*res;
	int		 in_day = st->created >= r->lo && st->created < r->hi;

	buf_printf(&r->seen, "%s\"%s\"", r->nseen++ ? "," : "",
	    st->provider_id);
	if (in_day)
		r->provider++;
	v[0] = r->pp->name;
	v[1] = st->provider_id;
	v[2] = st->reference != NULL ? st->reference : "";
	if ((res = db_query(r->p, &q_ours, 3, v)) == NULL)
		return -1;
	if (PQntuples(res) == 0)
		return in_day ? flag(r, "unknown_here", NULL, st, 0) : 0;
	ours = pool_strdup(r->p, db_value(res, 0, 0));
	/* the guichet stopped between the provider's answer and its own */
	v[0] = ours;
	if (*db_value(res, 0, 3) == 't' && db_query(r->p, &q_adopt, 2, v) ==
	    NULL)
		return -1;
	if (strtoll(db_value(res, 0, 2), NULL, 10) != st->amount_cents)
		return flag(r, "amount_differs", ours, st, 0);
	if (strcmp(db_value(res, 0, 1), pay_status_names[st->status]) != 0 &&
	    pay_status_final(st->status) && fix(r, ours,
	    pool_strdup(r->p, db_value(res, 0, 1)), st) == -1)
		return -1;
	if (st->status == PAY_SUCCESS && strcmp(db_value(res, 0, 5), "0") == 0 &&
	    strtoll(db_value(res, 0, 4), NULL, 10) != st->refunded_cents)
		return flag(r, "refunds_differ", ours, st, 0);
	return 0;
}

/* Every page of the provider's list around the day. */
static enum gerr
walk(struct run *r)
{
	struct pay_list	 l;
	const char	*cursor = NULL;
	enum gerr	 e;
	size_t		 i;
	int		 pages = 0;

	do {
		if ((e = r->pp->list(r->p, &r->pc, r->lo - RECONCILE_MARGIN,
		    r->hi + RECONCILE_MARGIN, cursor, &l)) != GERR_OK)
			return e;
		for (i = 0; i < l.n; i++)
			if (compare(r, &l.items[i]) == -1)
				return GERR_DB;
		cursor = l.next;
	} while (cursor != NULL && ++pages < RECONCILE_PAGES);
	return cursor == NULL ? GERR_OK : GERR_UPSTREAM;
}

static int
ours_missing(struct run *r, int *ours)
{
	const char	*v[5];
	PGresult	*res;

	buf_putc(&r->seen, '}');
	v[0] = r->pp->name;
	v[1] = r->day;
	v[2] = num(r->p, r->lo);
	v[3] = num(r->p, r->hi);
	v[4] = buf_cstr(&r->seen);
	if ((res = db_query(r->p, &q_unknown, 5, v)) == NULL)
		return -1;
	r->flagged += PQntuples(res);
	v[1] = v[2];
	v[2] = v[3];
	if ((res = db_query(r->p, &q_ours_count, 3, v)) == NULL)
		return -1;
	*ours = atoi(db_value(res, 0, 0));
	return 0;
}

/*
 * Reconciles one day, claimed first.  0 done; 1 not claimed (another
 * holds it, or it is done); -1 failed (the day stays due, retried later).
 */
int
reconcile_day_run(struct pool *p, const char *me, const char *day,
    int force)
{
	struct run	 r;
	const char	*v[7];
	PGresult	*res;
	enum gerr	 e;
	int		 ours = 0;

	memset(&r, 0, sizeof(r));
	r.p = p;
	r.day = day;
	r.me = me;
	if ((r.pp = payconf_load(p, &r.pc)) == NULL || r.pp->list == NULL)
		return -1;
	v[0] = r.pp->name;
	v[1] = day;
	v[2] = me;
	v[3] = num(p, RECONCILE_LEASE);
	v[4] = force ? "true" : "false";
	v[5] = conf_str("display.timezone");
	if ((res = db_query(p, &q_claim, 6, v)) == NULL)
		return -1;
	if (PQntuples(res) != 1)
		return 1;
	r.lo = (time_t)strtoll(db_value(res, 0, 0), NULL, 10);
	r.hi = (time_t)strtoll(db_value(res, 0, 1), NULL, 10);
	buf_init(&r.seen, p);
	buf_putc(&r.seen, '{');
	if ((e = walk(&r)) != GERR_OK || ours_missing(&r, &ours) == -1) {
		log_warnx("payments: reconciliation %s stopped (%s), retried "
		    "later", day, e == GERR_OK || e == GERR_DB ? "database" :
		    "provider");
		v[3] = e == GERR_OK || e == GERR_DB ? "database" : "provider";
		v[4] = num(p, RECONCILE_RETRY);
		db_query(p, &q_failed, 5, v);
		return -1;
	}
	v[3] = num(p, r.provider);
	v[4] = num(p, ours);
	v[5] = num(p, r.fixed);
	v[6] = num(p, r.flagged);
	if (db_query(p, &q_finish, 7, v) == NULL)
		return -1;
	log_info("payments: reconciliation %s: provider %d, ours %d, fixed %d, "
	    "flagged %d", day, r.provider, ours, r.fixed, r.flagged);
	return 0;
}

/*
 * Refunds left pending, then the oldest day due, if any (looked for every
 * ten seconds while none is).  The number of things done, or -1 when the database failed.
 */
int
reconcile_batch(struct pool *p, const struct notify_conf *cf)
{
	static time_t	 next_look;
	const char	*v[3];
	PGresult	*res;
	int		 n;

	if (conf_str("payments.provider") == NULL)
		return 0;
	if ((n = payrefund_batch(p, (int)cf->batch)) < 0)
		return -1;
	if (time(NULL) < next_look)
		return n;
	v[0] = conf_str("payments.provider");
	v[1] = conf_str("display.timezone");
	v[2] = num(p, conf_int("payments.reconcile_days"));
	if ((res = db_query(p, &q_due, 3, v)) == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		next_look = time(NULL) + 10;
		return n;
	}
	if (reconcile_day_run(p, cf->me, pool_strdup(p, db_value(res, 0, 0)),
	    0) == -1)
		next_look = time(NULL) + 60;
	return n + 1;
}
