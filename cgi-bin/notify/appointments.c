/*
 * Appointments' emails (docs/appointments.md): the confirmation, change,
 * cancellation and reminders of an appointment, each with its iCalendar
 * part (RFC 5546: METHOD REQUEST, or CANCEL for a cancellation; the
 * appointment's stable UID and its SEQUENCE, so calendar programs update
 * the event they hold), and the reminders' rows written when due: the day
 * before (24 hours) and two hours before.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "appointment.h"
#include "conf.h"
#include "db.h"
#include "ical.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "when.h"

/* The payload's text in the person's language, or French. */
static const char *
lang_text(json_t *obj, enum lang l)
{
	const char	*s = json_string_value(json_object_get(obj,
	    lang_codes[l]));

	if (s == NULL)
		s = json_string_value(json_object_get(obj, "fr"));
	return s != NULL ? s : "";
}

/* {type} {when} {office} {address} filled in. */
static char *
fill(struct pool *p, const char *text, const char *const vars[4])
{
	static const char *const names[4] = { "{type}", "{when}", "{office}",
	    "{address}" };
	struct buf	 b;
	const char	*at;
	size_t		 i, n;

	buf_init(&b, p);
	while ((at = strchr(text, '{')) != NULL) {
		buf_append(&b, text, (size_t)(at - text));
		for (i = 0; i < 4; i++)
			if (strncmp(at, names[i], n = strlen(names[i])) == 0)
				break;
		if (i < 4) {
			buf_puts(&b, vars[i]);
			text = at + n;
		} else {
			buf_putc(&b, '{');
			text = at + 1;
		}
	}
	buf_puts(&b, text);
	return buf_cstr(&b);
}

/* The site's host, for the UID's right-hand side. */
static const char *
site_host(struct pool *p, const char *site)
{
	const char	*h = strstr(site, "://"), *end;

	h = h != NULL ? h + 3 : site;
	end = h + strcspn(h, ":/");
	return pool_strndup(p, h, (size_t)(end - h));
}

static const char *
str(json_t *pl, const char *k)
{
	const char	*s = json_string_value(json_object_get(pl, k));

	return s != NULL ? s : "";
}

/* Text with no control character, for a subject. */
static int
one_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

enum gerr
appt_compose(struct pool *p, struct notice *n, const char *payload)
{
	json_t			*pl;
	struct ical_invite	 iv;
	struct mail_attachment	*part;
	char			*ics;
	const char		*vars[4], *uid, *method;
	char			 key[96], sig[65], seq[16];
	enum gerr		 e = GERR_INPUT;

	if (payload == NULL || (pl = json_loads(payload, 0, NULL)) == NULL)
		return GERR_INPUT;
	uid = str(pl, "uid");
	if (!appt_uid_syntax(uid) ||
	    !json_is_integer(json_object_get(pl, "sequence")) ||
	    !json_is_integer(json_object_get(pl, "start")) ||
	    !json_is_integer(json_object_get(pl, "end")))
		goto out;
	memset(&iv, 0, sizeof(iv));
	iv.method = strcmp(n->kind, "appointment_cancelled") == 0 ?
	    ICAL_CANCEL : ICAL_REQUEST;
	iv.uid = pool_strdup(p, uid);
	iv.domain = site_host(p, n->site);
	iv.sequence = (int)json_integer_value(json_object_get(pl, "sequence"));
	iv.start = (time_t)json_integer_value(json_object_get(pl, "start"));
	iv.end = (time_t)json_integer_value(json_object_get(pl, "end"));
	iv.stamp = time(NULL);
	vars[0] = pool_strdup(p, lang_text(json_object_get(pl, "type"), n->lang));
	vars[1] = when_time(p, iv.start, WHEN_MINUTE);
	vars[2] = pool_strdup(p, lang_text(json_object_get(pl, "office"),
	    n->lang));
	vars[3] = pool_strdup(p, str(pl, "address"));
	iv.summary = pool_printf(p, "%s — %s", vars[0], vars[2]);
	iv.location = vars[3];
	iv.organizer = conf_str("smtp.from");
	iv.attendee = n->to;
	snprintf(key, sizeof(key), "appt.mail.%s.subject", n->kind);
	n->subject = fill(p, tmpl_str(n->lang, key), vars);
	if (!one_line(n->subject))
		goto out;
	snprintf(seq, sizeof(seq), "%d", iv.sequence);
	appt_link_sig(iv.uid, seq, sig);
	snprintf(key, sizeof(key), "appt.mail.%s.body", n->kind);
	n->body = pool_printf(p, "%s\n\n%s\n\n%s\n%s/appointments/%s?seq=%s"
	    "&sig=%s\n\n-- \n%s\n", tmpl_str(n->lang, "appt.mail.greeting"),
	    fill(p, tmpl_str(n->lang, key), vars),
	    tmpl_str(n->lang, "appt.mail.link"), n->site, iv.uid, seq, sig,
	    tmpl_str(n->lang, "appt.mail.footer"));
	n->msgid = pool_printf(p, "notification-%s", n->id);
	method = iv.method == ICAL_CANCEL ? "CANCEL" : "REQUEST";
	if ((part = pool_calloc(p, 1, sizeof(*part))) == NULL ||
	    (ics = ical_write(p, &iv)) == NULL) {
		e = GERR_NOMEM;
		goto out;
	}
	part->data = ics;
	part->len = strlen(ics);
	part->ctype = pool_printf(p, "text/calendar; charset=utf-8; method=%s",
	    method);
	part->filename = iv.method == ICAL_CANCEL ? "cancel.ics" : "invite.ics";
	n->part = part;
	e = GERR_OK;
out:
	json_decref(pl);
	return e;
}

/*
 * The reminders due: the day before (24 hours ahead) and two hours
 * before, each once (reminded_*_at, set in the same statement), for
 * booked appointments of someone with an address.
 */
static struct dbq q_remind = DBQ(
    "WITH due AS (UPDATE appointments a SET"
    "  reminded_day_at = coalesce(a.reminded_day_at, now()),"
    "  reminded_hours_at = CASE WHEN lower(a.during) <= now() +"
    "   interval '2 hours' THEN coalesce(a.reminded_hours_at, now())"
    "   ELSE a.reminded_hours_at END"
    " WHERE a.status = 'booked' AND lower(a.during) > now()"
    "  AND ((a.reminded_day_at IS NULL"
    "    AND lower(a.during) <= now() + interval '1 day')"
    "   OR (a.reminded_hours_at IS NULL"
    "    AND lower(a.during) <= now() + interval '2 hours'))"
    " RETURNING a.*)"
    " INSERT INTO notification_outbox (kind, person_id, email, lang, payload)"
    " SELECT 'appointment_reminder', a.person_id, a.contact_email, a.lang, "
    APPT_PAYLOAD
    "  FROM due a JOIN offices o ON o.id = a.office_id"
    "  JOIN meeting_types t ON t.id = a.meeting_type_id"
    " WHERE a.person_id IS NOT NULL OR a.contact_email IS NOT NULL");

/* Rows written, or -1 when the database failed. */
int
appt_reminders(struct pool *p)
{
	PGresult	*res;

	if ((res = db_query(p, &q_remind, 0, NULL)) == NULL)
		return -1;
	return atoi(PQcmdTuples(res));
}
