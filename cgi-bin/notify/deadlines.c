/*
 * The daily job of decision deadlines (issue 20, docs/deadlines.md): a
 * dossier whose deadline passed in silence, with a rule that says the
 * silence is an acceptance or a refusal, is closed with a decision letter
 * that says so and on which legal basis, drawn in the language the user
 * filed it in, sealed (PAdES, and the detached seal beside it) and put in
 * their vault; the user is told as of any decision (dossier_document and
 * dossier_set_status, through dossier_tacit, sql/0049).
 *
 * State, not dates, drives it: every dossier due before the day given is
 * taken, however many days the job did not run, and a closed one is never
 * taken again, so a second run, or a second host, closes nothing twice.
 * Each dossier is one transaction holding its row (FOR UPDATE SKIP
 * LOCKED: another host takes the next one), checked again by
 * dossier_tacit under that lock.  A dossier waiting for a complement has
 * no due date: nothing happens to it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "document.h"
#include "log.h"
#include "notify.h"
#include "pades.h"
#include "pdf.h"
#include "seal.h"
#include "when.h"

/* The next dossier due before $1, after the cursor ($2, $3). */
static struct dbq q_next = DBQ(
    "SELECT d.id, d.reference, d.due_on, v.decision_deadline->>'silence',"
    "  coalesce((SELECT n.lang FROM notification_outbox n"
    "   WHERE n.dossier_id = d.id AND n.kind = 'dossier_submitted'"
    "   ORDER BY n.id LIMIT 1), pe.lang),"
    "  d.submitted_at, v.decision_deadline::text"
    "  FROM dossiers d JOIN procedure_versions v"
    "    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version"
    "  JOIN persons pe ON pe.id = d.owner_person_id"
    " WHERE d.due_on < $1::date AND d.status <> 'cloture'"
    "   AND d.waiting_since IS NULL"
    "   AND v.decision_deadline->>'silence' IN ('acceptance', 'refusal')"
    "   AND (d.due_on, d.id) > ($2::date, $3::bigint)"
    " ORDER BY d.due_on, d.id LIMIT 1 FOR UPDATE OF d SKIP LOCKED");

/* What the letter names, in the user's language ($2). */
static struct dbq q_letter = DBQ(
    "SELECT coalesce(dep.names->>$2, dep.names->>'fr'),"
    "  coalesce(person_label(pe.given_names, pe.surname, pe.email), ''),"
    "  coalesce(o.name, ''), coalesce(o.bce, ''),"
    "  coalesce(v.definition->'titles'->>$2, v.definition->'titles'->>'fr'),"
    "  coalesce(v.decision_deadline->'basis'->>$2,"
    "   v.decision_deadline->'basis'->>'fr')"
    "  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
    "  JOIN procedure_versions v"
    "    ON v.procedure_id = d.procedure_id AND v.version = d.procedure_version"
    "  JOIN departments dep ON dep.id = p.department_id"
    "  JOIN persons pe ON pe.id = d.owner_person_id"
    "  LEFT JOIN organisations o ON o.id = d.acting_org_id"
    " WHERE d.id = $1::bigint");

static struct dbq q_tacit = DBQ(
    "SELECT dossier_tacit($1::bigint, $2::date, $3, $4, $5::bytea,"
    "  $6::bytea, $7, decode($8, 'hex'), $9)");

/* One dossier taken: what its letter needs. */
struct tacit {
	const char	*id, *reference, *due, *silence, *submitted_at;
	enum lang	 lang;
};

static const char *
tr(struct pool *p, enum lang l, const char *key, const char *sub)
{
	return tmpl_str(l, pool_printf(p, "%s.%s", key, sub));
}

/* The letter, drawn and sealed into *pdf. */
static enum gerr
tacit_letter(struct pool *p, const struct tacit *t, const struct doccode *c,
    const char *title, char **pdf, size_t *len)
{
	struct pdfdoc	*doc;
	const char	*v[2];
	char		*bytes;
	size_t		 n;
	PGresult	*res;
	enum gerr	 e;

	v[0] = t->id;
	v[1] = lang_codes[t->lang];
	if ((res = db_query(p, &q_letter, 2, v)) == NULL)
		return db_last_error();
	if (PQntuples(res) != 1)
		return GERR_NOTFOUND;
	if ((doc = pdf_open(p, pool_printf(p, "%s %s", title,
	    t->reference))) == NULL)
		return GERR_NOMEM;
	pdf_line(doc, 9, tmpl_str(t->lang, "site.name"));
	pdf_line(doc, 11, db_value(res, 0, 0));
	pdf_gap(doc, 8);
	pdf_line(doc, 18, title);
	pdf_gap(doc, 6);
	pdf_pair(doc, tmpl_str(t->lang, "receipt.procedure"),
	    db_value(res, 0, 4));
	pdf_pair(doc, tmpl_str(t->lang, "receipt.reference"), t->reference);
	pdf_pair(doc, tmpl_str(t->lang, "receipt.submitted_at"),
	    when_text(p, t->submitted_at, WHEN_MINUTE));
	pdf_pair(doc, tmpl_str(t->lang, "receipt.by"), db_value(res, 0, 1));
	if (*db_value(res, 0, 2) != '\0')
		pdf_pair(doc, tmpl_str(t->lang, "receipt.for"), pool_printf(p,
		    "%s (%s)", db_value(res, 0, 2), db_value(res, 0, 3)));
	pdf_pair(doc, tmpl_str(t->lang, "deadline.letter.due"),
	    when_text(p, t->due, WHEN_DAY));
	pdf_pair(doc, tmpl_str(t->lang, "inbox.letter_date"),
	    when_time(p, time(NULL), WHEN_DAY));
	pdf_gap(doc, 10);
	pdf_line(doc, 12, tmpl_str(t->lang, "inbox.letter_decision"));
	pdf_text(doc, 11, tr(p, t->lang, "deadline.letter.decision",
	    t->silence));
	pdf_gap(doc, 6);
	pdf_text(doc, 10, tr(p, t->lang, "deadline.letter.text", t->silence));
	pdf_gap(doc, 6);
	pdf_line(doc, 12, tmpl_str(t->lang, "deadline.letter.basis"));
	pdf_text(doc, 10, db_value(res, 0, 5));
	pdf_gap(doc, 10);
	pdf_text(doc, 8, pool_printf(p, "%s %s — %s",
	    tmpl_str(t->lang, "inbox.letter_sealed"), seal_holder(p),
	    tmpl_str(t->lang, "receipt.seal_kind")));
	pdf_gap(doc, 10);
	pdf_verification(doc, c->shown, c->url, lang_codes[t->lang]);
	if ((e = pdf_close(doc, &bytes, &n)) != GERR_OK)
		return e;
	e = pades_seal(p, bytes, n, pdf, len);
	return e == GERR_INPUT ? GERR_SYSTEM : e;
}

/*
 * The letter made, sealed and stored, and the dossier closed;
 * GERR_CONFLICT when dossier_tacit found nothing (any more) to do.
 */
static enum gerr
tacit_close(struct pool *p, const struct tacit *t, const char *today)
{
	struct doccode	 c;
	const char	*v[9], *title;
	char		*pdf;
	unsigned char	*der;
	size_t		 len, derlen;
	PGresult	*res;
	enum gerr	 e;

	title = tr(p, t->lang, "deadline.letter.title", t->silence);
	if ((e = document_code(p, &c)) != GERR_OK ||
	    (e = tacit_letter(p, t, &c, title, &pdf, &len)) != GERR_OK ||
	    (e = seal_sign(p, pdf, len, &der, &derlen)) != GERR_OK)
		return e;
	v[0] = t->id;
	v[1] = today;
	v[2] = title;
	v[3] = pool_printf(p, "decision-%s.pdf", t->reference);
	v[4] = db_bytea(p, pdf, len);
	v[5] = db_bytea(p, der, derlen);
	v[6] = c.code;
	v[7] = c.key;
	v[8] = lang_codes[t->lang];
	if (v[4] == NULL || v[5] == NULL)
		return GERR_NOMEM;
	if ((res = db_query(p, &q_tacit, 9, v)) == NULL)
		return db_last_error();
	return *db_value(res, 0, 0) == 't' ? GERR_OK : GERR_CONFLICT;
}

/*
 * Applies the rule to every dossier due before today ("2026-12-03", the
 * Brussels day): the number closed, or -1 when the database failed.  A
 * dossier whose letter cannot be made is left for the next run, logged.
 */
int
deadlines_run(struct pool *p, const char *day)
{
	const char	*v[3];
	char		 today[16], due[16] = "-infinity", id[24] = "0";
	struct tacit	 t;
	PGresult	*res;
	enum gerr	 e;
	int		 closed = 0;

	snprintf(today, sizeof(today), "%s", day);
	while (!signal_term()) {
		/* the pool is the worker's scratch: each dossier starts afresh */
		pool_reset(p);
		v[0] = today;
		v[1] = due;
		v[2] = id;
		if (db_begin(p) != GERR_OK)
			return -1;
		if ((res = db_query(p, &q_next, 3, v)) == NULL) {
			db_rollback(p);
			return -1;
		}
		if (PQntuples(res) == 0) {
			db_rollback(p);
			break;
		}
		memset(&t, 0, sizeof(t));
		t.id = db_value(res, 0, 0);
		t.reference = db_value(res, 0, 1);
		t.due = db_value(res, 0, 2);
		t.silence = db_value(res, 0, 3);
		if (!lang_parse(db_value(res, 0, 4), &t.lang))
			t.lang = LANG_FR;
		t.submitted_at = db_value(res, 0, 5);
		snprintf(due, sizeof(due), "%s", t.due);
		snprintf(id, sizeof(id), "%s", t.id);
		if ((e = tacit_close(p, &t, today)) == GERR_CONFLICT) {
			db_rollback(p);
			continue;
		}
		if (e != GERR_OK) {
			db_rollback(p);
			log_warnx("deadlines: %s not closed (%s), left for the "
			    "next run", t.reference, gerr_name(e));
			continue;
		}
		if (db_commit(p) != GERR_OK)
			return -1;
		log_info("deadlines: %s closed, tacit %s", t.reference,
		    t.silence);
		closed++;
	}
	return closed;
}

static struct dbq q_today = DBQ("SELECT deadline_today()::text");

/*
 * The job once a day: at the worker's start, then at the first pass of
 * each new day (the Brussels day, as deadlines count).  The number
 * closed, or -1 when the database failed (tried again at the next pass).
 */
int
deadlines_daily(struct pool *p)
{
	static char	 last[16];
	PGresult	*res;
	int		 n;

	if ((res = db_query(p, &q_today, 0, NULL)) == NULL)
		return -1;
	if (strcmp(last, db_value(res, 0, 0)) == 0)
		return 0;
	snprintf(last, sizeof(last), "%s", db_value(res, 0, 0));
	if ((n = deadlines_run(p, last)) < 0)
		*last = '\0';
	return n;
}
