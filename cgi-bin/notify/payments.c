/*
 * The payments' job (issue 19, docs/payments.md): open payments whose
 * read is due (a webhook hinted at a change, a return found the provider
 * away, or simply a few minutes passed) are read from the provider and
 * recorded, and a success submits its draft in the same transaction
 * (lib/paydossier.c): a guichet killed between the provider's success
 * and its own commit leaves the payment open here, and this read repairs
 * it.  Payments past their deadline (payments.expiry_minutes) are
 * cancelled at the provider and read once more (money taken meanwhile
 * wins: sql/0044 allows expired -> success), which unlocks the draft.
 * Claimed like the outbox (a lease, FOR UPDATE SKIP LOCKED), so two
 * workers on two hosts never read the same payment at once.  Fees due
 * after acceptance are reminded, then lapse (fees_batch).
 */
#include <string.h>

#include "app.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "paydossier.h"

static struct dbq q_claim = DBQ(
    "UPDATE payments p"
    " SET next_read_at = now() + make_interval(secs => $2), claimed_by = $3"
    " FROM (SELECT id FROM payments"
    "  WHERE status IN ('created', 'started', 'submitted')"
    "   AND (next_read_at <= now() OR expires_at <= now())"
    "  ORDER BY next_read_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) c"
    " WHERE p.id = c.id RETURNING p.id");

/*
 * Fees due after acceptance (sql/0046 dossier_fees): reminded once at
 * remind_at, and at close_at, still unpaid, the grant lapses; each told
 * through the outbox in the transaction that marks it.  A payment under
 * way at that moment is not cut short: the fee lapses only with no open
 * payment, so money taken at the last minute is never refused.
 */
static struct dbq q_remind = DBQ(
    "WITH due AS (SELECT dossier_id FROM dossier_fees"
    "  WHERE paid_at IS NULL AND lapsed_at IS NULL AND reminded_at IS NULL"
    "   AND remind_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED),"
    " u AS (UPDATE dossier_fees f SET reminded_at = now() FROM due"
    "  WHERE f.dossier_id = due.dossier_id RETURNING f.dossier_id)"
    " INSERT INTO notification_outbox (kind, dossier_id, person_id, lang,"
    "   payload)"
    " SELECT 'payment_reminder', d.id, d.owner_person_id, pe.lang,"
    "   json_build_object('reference', d.reference)"
    "  FROM u JOIN dossiers d ON d.id = u.dossier_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id");

static struct dbq q_lapse = DBQ(
    "WITH due AS (SELECT dossier_id FROM dossier_fees f"
    "  WHERE paid_at IS NULL AND lapsed_at IS NULL AND close_at <= now()"
    "   AND NOT EXISTS (SELECT 1 FROM payments p"
    "    WHERE p.dossier_id = f.dossier_id"
    "     AND p.status IN ('created', 'started', 'submitted'))"
    "  LIMIT $1 FOR UPDATE SKIP LOCKED),"
    " u AS (UPDATE dossier_fees f SET lapsed_at = now() FROM due"
    "  WHERE f.dossier_id = due.dossier_id RETURNING f.dossier_id)"
    " INSERT INTO notification_outbox (kind, dossier_id, person_id, lang,"
    "   payload)"
    " SELECT 'payment_lapsed', d.id, d.owner_person_id, pe.lang,"
    "   json_build_object('reference', d.reference)"
    "  FROM u JOIN dossiers d ON d.id = u.dossier_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id");

static int
fees_batch(struct pool *p, const struct notify_conf *cf)
{
	const char	*v[1];

	v[0] = pool_printf(p, "%lld", cf->batch);
	if (db_query(p, &q_remind, 1, v) == NULL ||
	    db_query(p, &q_lapse, 1, v) == NULL)
		return -1;
	return 0;
}

static void
payment_work(struct pool *pool, const char *id)
{
	struct req		 r;
	struct paydossier	 p;
	enum gerr		 e;

	memset(&r, 0, sizeof(r));
	r.pool = pool;
	if ((e = paydossier_by_id(&r, id, &p)) != GERR_OK)
		return;
	if (!paydossier_open(&p))
		return;
	e = p.past_expiry ? paydossier_cancel(&r, &p, 1) :
	    paydossier_settle(&r, &p);
	if (e != GERR_OK)
		log_warnx("payment %s: %s, read again later", id, gerr_name(e));
}

int
payments_batch(struct pool *p, const struct notify_conf *cf)
{
	PGresult	*res;
	int		 i, rows;

	if (fees_batch(p, cf) == -1 ||
	    (res = notify_claim(p, cf, &q_claim)) == NULL)
		return -1;
	rows = PQntuples(res);
	for (i = 0; i < rows && !signal_term(); i++)
		payment_work(p, pool_strdup(p, PQgetvalue(res, i, 0)));
	return rows;
}
