/*
 * Unit tests of lib/ical.c: the reader on an office's closures as
 * calendar programs export them (folded lines, all-day events, UTC and
 * local times, DURATION, escapes, recurring events skipped, a VALARM
 * inside an event) and on what is not iCalendar; the writer's invitation
 * and cancellation (RFC 5546: METHOD, UID, SEQUENCE), escaping and folding.
 */
#include "tap.h"
#include "ical.h"

struct got {
	int	n;
	char	line[8][200];
	struct pool	*p;
};

static void
collect(void *arg, const struct ical_event *e)
{
	struct got	*g = arg;

	if (g->n < 8)
		snprintf(g->line[g->n], sizeof(g->line[0]), "%s|%s|%s|%s", e->uid,
		    e->summary, ical_time_text(g->p, &e->start),
		    ical_time_text(g->p, &e->end));
	g->n++;
}

static void
test_read(struct pool *p)
{
	const char	*ics =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Commune//FR\r\n"
	    "BEGIN:VEVENT\r\nUID:closure-1@commune.be\r\n"
	    "DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261225\r\n"
	    "SUMMARY:Fermeture\\, r\xc3\xa9veillon\r\n"
	    "BEGIN:VALARM\r\nTRIGGER:-PT15M\r\nSUMMARY:not this\r\nEND:VALARM\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:training\r\n DAY-2\r\n"	/* folded */
	    "DTSTART:20260112T120000Z\r\nDURATION:PT3H\r\nSUMMARY:Formation\r\n"
	    "END:VEVENT\r\n"
	    "BEGIN:VEVENT\nUID:fair\nDTSTART;TZID=Europe/Brussels:20260915T080000\n"
	    "DTEND;TZID=Europe/Brussels:20260915T130000\nEND:VEVENT\n"
	    "BEGIN:VEVENT\r\nUID:weekly\r\nDTSTART:20260105T090000\r\n"
	    "DTEND:20260105T100000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:backwards\r\nDTSTART:20260105T090000\r\n"
	    "DTEND:20260105T080000\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20260105\r\nEND:VEVENT\r\n"
	    "BEGIN:VEVENT\r\nUID:oneday\r\nDTSTART;VALUE=DATE:20261231\r\nEND:VEVENT\r\n"
	    "END:VCALENDAR\r\n";
	struct got	 g = { 0, { { 0 } }, p };
	char		 err[80];
	int		 skipped;

	ok(ical_read(p, ics, strlen(ics), collect, &g, &skipped, err,
	    sizeof(err)) == GERR_OK, "a closures file is read");
	is_int(g.n, 4, "four usable events");
	is_int(skipped, 3, "a recurring event, one ending before it starts, one without UID: skipped");
	is_str(g.line[0], "closure-1@commune.be|Fermeture, r\xc3\xa9veillon|2026-12-24|2026-12-25",
	    "an all-day event, its summary unescaped; the alarm's summary ignored");
	is_str(g.line[1], "trainingDAY-2|Formation|2026-01-12T12:00:00Z|2026-01-12T15:00:00Z",
	    "a folded UID unfolded; UTC; DURATION gives the end");
	is_str(g.line[2], "fair||2026-09-15T08:00:00|2026-09-15T13:00:00",
	    "bare LF lines; a TZID time is local");
	is_str(g.line[3], "oneday||2026-12-31|2027-01-01",
	    "a date without end is one day, across the year's end");
}

static void
test_refused(struct pool *p)
{
	static const char *const bad[] = {
		"",
		"hello world\r\n",
		"BEGIN:VEVENT\r\nEND:VEVENT\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260231\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026010\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T250000\r\n"
		    "END:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\n",
	};
	struct got	 g = { 0, { { 0 } }, p };
	char		 err[80], name[64];
	int		 skipped;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "not iCalendar refused (%zu)", i);
		ok(ical_read(p, bad[i], strlen(bad[i]), collect, &g, &skipped,
		    err, sizeof(err)) == GERR_INPUT && err[0] != '\0', name);
	}
	is_int(g.n, 0, "and no event passed on from them");
}

static void
test_write(struct pool *p)
{
	struct ical_invite	 iv = { ICAL_REQUEST, "0123456789abcdef01234567",
	    "guichet.example.be", 2, 1796292000, 1796292900, 1796200000,
	    "Nouvelle carte d'identit\xc3\xa9; guichet 2, \xc3\xa9tage",
	    "Rue de l'H\xc3\xb4tel de Ville 1, 4000 Li\xc3\xa8ge",
	    "Line one\nline two: bring your old card, a photo (35 x 45 mm) and "
	    "the \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 fee",
	    "rdv@commune.be", "elise@example.be\r\nBCC:x" };
	char	*s = ical_write(p, &iv), *line, *save;
	int	 longest = 0, bad_split = 0;

	ok(s != NULL, "an invitation is written");
	ok(strstr(s, "\r\nMETHOD:REQUEST\r\n") != NULL, "METHOD:REQUEST");
	ok(strstr(s, "\r\nUID:0123456789abcdef01234567@guichet.example.be\r\n") != NULL,
	    "UID: the appointment's uid at the site's domain");
	ok(strstr(s, "\r\nSEQUENCE:2\r\n") != NULL, "SEQUENCE");
	ok(strstr(s, "\r\nDTSTART:20261203T100000Z\r\n") != NULL &&
	    strstr(s, "\r\nDTEND:20261203T101500Z\r\n") != NULL, "start and end in UTC");
	ok(strstr(s, "SUMMARY:Nouvelle carte d'identit\xc3\xa9\\; guichet 2\\, \xc3\xa9tage") != NULL,
	    "text escaped");
	ok(strstr(s, "ATTENDEE") == NULL, "an address with a line break is left out");
	ok(strstr(s, "ORGANIZER:mailto:rdv@commune.be\r\n") != NULL, "the organiser");
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		int	n = (int)strlen(line) - 1;	/* without its CR */

		if (n > longest)
			longest = n;
		if (((unsigned char)line[0] & 0xc0) == 0x80 ||
		    (line[0] == ' ' && ((unsigned char)line[1] & 0xc0) == 0x80))
			bad_split++;
	}
	ok(longest <= 75, "no line longer than 75 octets");
	is_int(bad_split, 0, "no UTF-8 character split by a fold");

	iv.method = ICAL_CANCEL;
	iv.sequence = 3;
	s = ical_write(p, &iv);
	ok(strstr(s, "\r\nMETHOD:CANCEL\r\n") != NULL &&
	    strstr(s, "\r\nSTATUS:CANCELLED\r\n") != NULL &&
	    strstr(s, "\r\nSEQUENCE:3\r\n") != NULL, "a cancellation: METHOD:CANCEL, STATUS, next SEQUENCE");
}

/* The writer's output reads back (its own folding undone). */
static void
test_roundtrip(struct pool *p)
{
	struct ical_invite	 iv = { ICAL_REQUEST, "aaaaaaaaaaaaaaaaaaaaaaaa",
	    "x.be", 0, 1796292000, 1796292900, 1796200000,
	    "A summary long enough to be folded at least once by the writer, "
	    "with a comma, and a semicolon; and more", NULL, NULL, NULL, NULL };
	struct got		 g = { 0, { { 0 } }, p };
	char			*s = ical_write(p, &iv), err[80];
	int			 skipped;

	ok(ical_read(p, s, strlen(s), collect, &g, &skipped, err, sizeof(err))
	    == GERR_OK && g.n == 1, "the writer's output reads back");
	ok(strstr(g.line[0], "with a comma, and a semicolon; and more|2026-12-03T10:00:00Z") != NULL,
	    "its summary and start, unfolded and unescaped");
}

int
main(void)
{
	struct pool	*p = pool_new(4096);

	test_read(p);
	test_refused(p);
	test_write(p);
	test_roundtrip(p);
	pool_free(p);
	return tap_done();
}
