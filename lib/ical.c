/*
 * iCalendar in the small (RFC 5545, RFC 5546): the events of an office's
 * closures file read, one appointment written as an invitation or its
 * cancellation.  The reader takes untrusted bytes (tests/fuzz/fuzz-ical.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "ical.h"
#include "valid.h"

#define ICAL_LINES_MAX	100000
#define ICAL_LINE_MAX	65536
#define ICAL_DEPTH_MAX	8

/* What the reader knows of the event being read. */
struct ev_state {
	struct ical_event	 ev;
	int			 has_start, has_end, recurs;
	long			 dur_secs;	/* DURATION, -1 if none */
};

struct reader {
	struct pool	*pool;
	const char	*p, *end;
	int		 lineno;
	struct buf	 line;
};

/* The next logical line (unfolded) into r->line; 0 at the end, -1 if too long. */
static int
line_next(struct reader *r)
{
	const char	*nl;
	size_t		 n;

	if (r->p >= r->end)
		return 0;
	buf_init(&r->line, r->pool);
	for (;;) {
		nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
		n = (nl != NULL ? nl : r->end) - r->p;
		if (n > 0 && r->p[n - 1] == '\r')
			n--;
		if (r->line.len + n > ICAL_LINE_MAX)
			return -1;
		buf_append(&r->line, r->p, n);
		r->lineno++;
		r->p = nl != NULL ? nl + 1 : r->end;
		/* a line starting with a space or a tab continues this one */
		if (r->p >= r->end || (*r->p != ' ' && *r->p != '\t'))
			break;
		r->p++;
	}
	buf_putc(&r->line, '\0');
	return 1;
}

/* Splits "NAME;PARAMS:VALUE": the colon outside quoted parameter values. */
static int
line_split(char *s, char **params, char **value)
{
	int	quoted = 0;

	*params = NULL;
	for (; *s != '\0'; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ';' && *params == NULL) {
			*s = '\0';
			*params = s + 1;
		} else if (!quoted && *s == ':') {
			*s = '\0';
			*value = s + 1;
			return 0;
		}
	}
	return -1;
}

/* "20261225" or "20261225T090000" with an optional "Z": 0, or -1. */
static int
time_parse(const char *s, struct ical_time *t)
{
	size_t	n = strlen(s);
	int	y, m, d;

	memset(t, 0, sizeof(*t));
	if (n < 8 || (y = valid_digits(s, 4)) < 1900 || y > 2999 ||
	    (m = valid_digits(s + 4, 2)) < 1 || m > 12 ||
	    (d = valid_digits(s + 6, 2)) < 1 || d > 31)
		return -1;
	cal_civil(cal_day(y, m, d), &t->y, &t->m, &t->d);
	if (t->y != y || t->m != m || t->d != d)
		return -1;	/* 31 February */
	if (n == 8) {
		t->date_only = 1;
		return 0;
	}
	if ((n != 15 && n != 16) || s[8] != 'T' ||
	    (t->hh = valid_digits(s + 9, 2)) < 0 || t->hh > 23 ||
	    (t->mm = valid_digits(s + 11, 2)) < 0 || t->mm > 59 ||
	    (t->ss = valid_digits(s + 13, 2)) < 0 || t->ss > 60)
		return -1;
	if (n == 16) {
		if (s[15] != 'Z')
			return -1;
		t->utc = 1;
	}
	return 0;
}

/* A DURATION such as "PT1H30M", "P1D", "P2W": seconds, or -1. */
static long
duration_parse(const char *s)
{
	long	total = 0, v;
	int	in_time = 0, any = 0;

	if (*s == '+')
		s++;
	if (*s++ != 'P')
		return -1;
	while (*s != '\0') {
		if (*s == 'T' && !in_time) {
			in_time = 1;
			s++;
			continue;
		}
		for (v = 0; isdigit((unsigned char)*s); s++)
			if ((v = v * 10 + (*s - '0')) > 1000000)
				return -1;
		switch (*s++) {
		case 'W': if (in_time) return -1; total += v * 604800; break;
		case 'D': if (in_time) return -1; total += v * 86400; break;
		case 'H': if (!in_time) return -1; total += v * 3600; break;
		case 'M': if (!in_time) return -1; total += v * 60; break;
		case 'S': if (!in_time) return -1; total += v; break;
		default: return -1;
		}
		any = 1;
		if (total > 366L * 86400)
			return -1;
	}
	return any ? total : -1;
}

/* t plus secs, on the same clock (UTC or local wall time). */
static void
time_add(struct ical_time *t, long secs)
{
	long	day = cal_day(t->y, t->m, t->d);
	long	s = t->hh * 3600L + t->mm * 60L + t->ss + secs;

	day += s / 86400;
	s %= 86400;
	cal_civil(day, &t->y, &t->m, &t->d);
	t->hh = (int)(s / 3600);
	t->mm = (int)(s / 60 % 60);
	t->ss = (int)(s % 60);
}

static int
time_cmp(const struct ical_time *a, const struct ical_time *b)
{
	const int	x[] = { a->y, a->m, a->d, a->hh, a->mm, a->ss };
	const int	y[] = { b->y, b->m, b->d, b->hh, b->mm, b->ss };
	size_t		i;

	for (i = 0; i < 6; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

/* TEXT values: \\ \; \, \n and \N unescaped, in place. */
static char *
text_unescape(char *s)
{
	char	*w = s, *r = s;

	for (; *r != '\0'; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = (*r == 'n' || *r == 'N') ? '\n' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return s;
}

/* One property of a VEVENT: -1 for a date that is not one. */
static int
event_property(struct pool *p, struct ev_state *st, const char *name,
    char *value)
{
	if (strcasecmp(name, "UID") == 0)
		st->ev.uid = pool_strdup(p, value);
	else if (strcasecmp(name, "SUMMARY") == 0)
		st->ev.summary = pool_strdup(p, text_unescape(value));
	else if (strcasecmp(name, "DTSTART") == 0) {
		if (time_parse(value, &st->ev.start) == -1)
			return -1;
		st->has_start = 1;
	} else if (strcasecmp(name, "DTEND") == 0) {
		if (time_parse(value, &st->ev.end) == -1)
			return -1;
		st->has_end = 1;
	} else if (strcasecmp(name, "DURATION") == 0)
		st->dur_secs = duration_parse(value);
	else if (strcasecmp(name, "RRULE") == 0 ||
	    strcasecmp(name, "RDATE") == 0)
		st->recurs = 1;
	return 0;
}

/* The event, complete: 1 if it can be used, 0 if it is skipped. */
static int
event_finish(struct ev_state *st)
{
	struct ical_event	*e = &st->ev;

	if (e->uid == NULL || *e->uid == '\0' || !st->has_start || st->recurs)
		return 0;
	if (e->summary == NULL)
		e->summary = "";
	if (!st->has_end) {
		e->end = e->start;
		if (st->dur_secs > 0)
			time_add(&e->end, st->dur_secs);
		else if (e->start.date_only)
			time_add(&e->end, 86400);
		else
			return 0;
	}
	if (e->end.date_only != e->start.date_only ||
	    time_cmp(&e->end, &e->start) <= 0)
		return 0;
	return 1;
}

enum gerr
ical_read(struct pool *p, const char *text, size_t len, ical_event_fn fn,
    void *arg, int *skipped, char *err, size_t errlen)
{
	struct reader	 r = { p, text, text + len, 0, { 0 } };
	struct ev_state	 st;
	char		*stack[ICAL_DEPTH_MAX], *params, *value, *name;
	int		 depth = 0, got, seen_cal = 0;

	*skipped = 0;
	memset(&st, 0, sizeof(st));
	while ((got = line_next(&r)) != 0) {
		if (got == -1 || r.lineno > ICAL_LINES_MAX) {
			snprintf(err, errlen, "line %d: too long", r.lineno);
			return GERR_INPUT;
		}
		name = r.line.data;
		if (*name == '\0')
			continue;	/* a blank line, as some exporters end */
		if (line_split(name, &params, &value) == -1) {
			snprintf(err, errlen, "line %d: no colon", r.lineno);
			return GERR_INPUT;
		}
		if (strcasecmp(name, "BEGIN") == 0) {
			if (depth == ICAL_DEPTH_MAX || (depth == 0 &&
			    strcasecmp(value, "VCALENDAR") != 0)) {
				snprintf(err, errlen, "line %d: unexpected "
				    "BEGIN", r.lineno);
				return GERR_INPUT;
			}
			stack[depth++] = pool_strdup(p, value);
			seen_cal = 1;
			if (strcasecmp(value, "VEVENT") == 0) {
				memset(&st, 0, sizeof(st));
				st.dur_secs = -1;
			}
			continue;
		}
		if (strcasecmp(name, "END") == 0) {
			if (depth == 0 || strcasecmp(stack[depth - 1],
			    value) != 0) {
				snprintf(err, errlen, "line %d: END without "
				    "its BEGIN", r.lineno);
				return GERR_INPUT;
			}
			if (strcasecmp(value, "VEVENT") == 0) {
				if (event_finish(&st))
					fn(arg, &st.ev);
				else
					(*skipped)++;
			}
			depth--;
			continue;
		}
		if (depth == 0) {
			snprintf(err, errlen, "line %d: outside VCALENDAR",
			    r.lineno);
			return GERR_INPUT;
		}
		if (strcasecmp(stack[depth - 1], "VEVENT") == 0 &&
		    event_property(p, &st, name, value) == -1) {
			snprintf(err, errlen, "line %d: not a date", r.lineno);
			return GERR_INPUT;
		}
	}
	if (!seen_cal || depth != 0) {
		snprintf(err, errlen, "%s", seen_cal ? "VCALENDAR not closed" :
		    "not an iCalendar file");
		return GERR_INPUT;
	}
	return GERR_OK;
}

char *
ical_time_text(struct pool *p, const struct ical_time *t)
{
	if (t->date_only)
		return pool_printf(p, "%04d-%02d-%02d", t->y, t->m, t->d);
	return pool_printf(p, "%04d-%02d-%02dT%02d:%02d:%02d%s", t->y, t->m,
	    t->d, t->hh, t->mm, t->ss > 59 ? 59 : t->ss, t->utc ? "Z" : "");
}

/* --- writing ---------------------------------------------------------- */

/* One content line, folded at 75 octets, never inside a UTF-8 sequence. */
static void
put_line(struct buf *b, const char *line)
{
	size_t	n = strlen(line), col = 0, i, k;

	for (i = 0; i < n; i += k) {
		/* the length of the character that starts at i */
		for (k = 1; i + k < n &&
		    ((unsigned char)line[i + k] & 0xc0) == 0x80; k++)
			;
		if (col + k > 75) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_append(b, line + i, k);
		col += k;
	}
	buf_puts(b, "\r\n");
}

/* A TEXT value escaped: \\ \; \, and newlines; other controls dropped. */
static char *
text_escape(struct pool *p, const char *s)
{
	struct buf	b;

	buf_init(&b, p);
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			buf_putc(&b, '\\');
			buf_putc(&b, *s);
		} else if (*s == '\n')
			buf_puts(&b, "\\n");
		else if ((unsigned char)*s >= 0x20 && *s != 0x7f)
			buf_putc(&b, *s);
	}
	return buf_cstr(&b);
}

static const char *
utc_text(struct pool *p, time_t t)
{
	struct tm	tm;
	char		s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y%m%dT%H%M%SZ", &tm);
	return pool_strdup(p, s);
}

/* An address for mailto: only what an address holds, never a CR or a ';'. */
static int
address_ok(const char *s)
{
	return s != NULL && *s != '\0' && strlen(s) < 255 &&
	    strpbrk(s, "\r\n;:,\" <>\\") == NULL;
}

static void
put_calendar(struct buf *b, const char *method)
{
	put_line(b, "BEGIN:VCALENDAR");
	put_line(b, "VERSION:2.0");
	put_line(b, "PRODID:-//Guichet//Appointments//EN");
	put_line(b, "CALSCALE:GREGORIAN");
	put_line(b, method);
}

static void
put_event(struct pool *p, struct buf *b, const struct ical_invite *iv)
{
	int	cancel = iv->method == ICAL_CANCEL;

	put_line(b, "BEGIN:VEVENT");
	put_line(b, pool_printf(p, "UID:%s@%s", text_escape(p, iv->uid),
	    text_escape(p, iv->domain)));
	put_line(b, pool_printf(p, "SEQUENCE:%d", iv->sequence));
	put_line(b, pool_printf(p, "DTSTAMP:%s", utc_text(p, iv->stamp)));
	put_line(b, pool_printf(p, "DTSTART:%s", utc_text(p, iv->start)));
	put_line(b, pool_printf(p, "DTEND:%s", utc_text(p, iv->end)));
	put_line(b, pool_printf(p, "SUMMARY:%s", text_escape(p, iv->summary)));
	if (iv->location != NULL)
		put_line(b, pool_printf(p, "LOCATION:%s",
		    text_escape(p, iv->location)));
	if (iv->description != NULL)
		put_line(b, pool_printf(p, "DESCRIPTION:%s",
		    text_escape(p, iv->description)));
	if (address_ok(iv->organizer))
		put_line(b, pool_printf(p, "ORGANIZER:mailto:%s",
		    iv->organizer));
	if (address_ok(iv->attendee))
		put_line(b, pool_printf(p, "ATTENDEE;ROLE=REQ-PARTICIPANT:"
		    "mailto:%s", iv->attendee));
	put_line(b, cancel ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
	put_line(b, "TRANSP:OPAQUE");
	put_line(b, "END:VEVENT");
}

char *
ical_write(struct pool *p, const struct ical_invite *iv)
{
	struct buf	b;

	buf_init(&b, p);
	put_calendar(&b, iv->method == ICAL_CANCEL ? "METHOD:CANCEL" :
	    "METHOD:REQUEST");
	put_event(p, &b, iv);
	put_line(&b, "END:VCALENDAR");
	return buf_cstr(&b);
}

char *
ical_feed(struct pool *p, const char *name, const struct ical_invite *iv,
    size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, p);
	put_calendar(&b, "METHOD:PUBLISH");
	put_line(&b, pool_printf(p, "X-WR-CALNAME:%s", text_escape(p, name)));
	for (i = 0; i < n; i++)
		put_event(p, &b, &iv[i]);
	put_line(&b, "END:VCALENDAR");
	return buf_cstr(&b);
}
