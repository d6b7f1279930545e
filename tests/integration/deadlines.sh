#!/usr/bin/env bash
# Decision deadlines (issue 20, docs/deadlines.md): the period counted as
# the law counts it (holidays of Belgium and of each region, month and
# year ends, a last day moved off a weekend or holiday, pauses and
# restarts) by deadline_due(); the clock recorded from the dossier's
# events; the same date on the receipt (page and PDF), the dossier page,
# the inbox and the API; suspended while a complement is awaited; the
# queue's flags, filters and sorting and the managers' counts; the daily
# job's tacit decisions (a sealed letter, the user told), run for a day
# given, twice, after a gap, and on two hosts at once; and the importer
# refusing a negative or absurd period in the importer's language.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan A=$TMP/agathe
RUN=$$

due() {	# due RULE KINDS DAYS: deadline_due's answer ("" when NULL)
	psql_q "SELECT deadline_due('$1', '$2', '$3')"
}
CAL='"count": "calendar"' WORK='"count": "working"'

# --- the period as the law counts it -----------------------------------------
is "$(due "{\"days\": 30, $CAL, \"region\": \"brussels\"}" '{start}' '{2026-01-30}')" 2026-03-02 \
	"30 days from 30 January end on Sunday 1 March: moved to Monday 2 March"
is "$(due "{\"days\": 5, $CAL, \"region\": \"brussels\"}" '{start}' '{2026-04-01}')" 2026-04-07 \
	"a last day on Easter Monday moves to the Tuesday"
is "$(due "{\"days\": 7, $CAL, \"region\": \"brussels\"}" '{start}' '{2026-05-01}')" 2026-05-11 \
	"8 May is a holiday in Brussels (Iris Day): Monday 11 May"
is "$(due "{\"days\": 7, $CAL, \"region\": \"wallonia\"}" '{start}' '{2026-05-01}')" 2026-05-08 \
	"but not in Wallonia: Friday 8 May"
is "$(due "{\"days\": 5, $WORK, \"region\": \"brussels\"}" '{start}' '{2026-04-30}')" 2026-05-11 \
	"5 working days over 1 May and Iris Day, in Brussels"
is "$(due "{\"days\": 5, $WORK, \"region\": \"flanders\"}" '{start}' '{2026-04-30}')" 2026-05-08 \
	"and in Flanders, where 8 May is worked"
is "$(due "{\"days\": 7, $CAL, \"region\": \"belgium\"}" '{start}' '{2026-12-24}')" 2026-12-31 \
	"a year's last day"
is "$(due "{\"days\": 8, $CAL, \"region\": \"belgium\"}" '{start}' '{2026-12-24}')" 2027-01-04 \
	"New Year's Day, a Friday, moves over the weekend to Monday 4 January"
is "$(due "{\"days\": 2, $WORK, \"region\": \"german\"}" '{start}' '{2027-11-12}')" 2027-11-17 \
	"15 November is the German-speaking Community's day off"
is "$(due "{\"days\": 2, $WORK, \"region\": \"belgium\"}" '{start}' '{2027-11-12}')" 2027-11-16 \
	"and no one else's"
is "$(due "{\"days\": 30, $CAL, \"region\": \"brussels\"}" '{start,pause,resume}' \
	'{2026-03-02,2026-03-12,2026-03-20}')" 2026-04-09 \
	"a pause of 8 days keeps the 10 run: 20 left from 20 March"
is "$(due "{\"days\": 30, $CAL, \"region\": \"brussels\"}" '{start,pause,restart}' \
	'{2026-03-02,2026-03-12,2026-03-20}')" 2026-04-20 \
	"a restart counts 30 again from the answer (19 April, a Sunday: the 20th)"
is "$(due "{\"days\": 10, $WORK, \"region\": \"wallonia\"}" '{start,pause,resume}' \
	'{2026-06-01,2026-06-05,2026-06-15}')" 2026-06-23 \
	"in working days: 4 run before the pause, 6 after the answer"
is "$(due "{\"days\": 10, $CAL, \"region\": \"belgium\"}" '{start,pause,resume,pause,resume}' \
	'{2026-03-02,2026-03-05,2026-03-09,2026-03-10,2026-03-16}')" 2026-03-23 \
	"two pauses: 3 and 1 days run, 6 left from 16 March: Sunday 22, so Monday 23"
is "$(due "{\"days\": 10, $CAL, \"region\": \"belgium\"}" '{start,pause,resume}' \
	'{2026-03-02,2026-03-20,2026-03-25}')" 2026-03-25 \
	"a pause asked after the deadline: due the day of the answer"
is "$(due "{\"days\": 30, $CAL, \"region\": \"brussels\"}" '{start,pause}' '{2026-03-02,2026-03-12}')" "" \
	"paused: no due date"
is "$(due "{\"days\": 30, $CAL, \"region\": \"brussels\"}" '{start,stop}' '{2026-03-02,2026-03-12}')" "" \
	"stopped (closed): none"
is "$(psql_q "SELECT deadline_due('{\"days\": 3, $CAL}', '{start}', '{2101-01-01}')" 2>&1 |
	grep -c 'no public holidays known for 2101')" 1 \
	"a year without known holidays is refused, not counted as without any"
is "$(psql_q "SELECT count(*) FROM public_holidays WHERE region = 'brussels' AND extract(year FROM day) = 2026")" 11 \
	"Brussels: the ten legal holidays and Iris Day, written from lib/calendar.c"
is "$(psql_q "SELECT string_agg(day::text, ' ' ORDER BY day) FROM public_holidays WHERE region = 'belgium' AND name IN ('easter_monday', 'ascension', 'whit_monday') AND extract(year FROM day) = 2027")" \
	"2027-03-29 2027-05-06 2027-05-17" "Easter's holidays of 2027"

# --- a dossier's clock, and the same date in the four places -----------------------
key_for() { admin_cmd api-client create "$1" "$2 $RUN" | cut -d' ' -f2; }
api() {	# api KEY PATH: status, body in $TMP/body
	curl -s "${CA[@]}" -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$BASE$2"
}
jq_() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMP/body" "$1"; }
shown() { date -d "$1" +%d/%m/%Y; }	# a day as the pages write it
TODAY=$(TZ=Europe/Brussels date +%F)

eid_login jan /help "$J" >/dev/null
eid_login agathe /inbox "$A" >/dev/null
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string 'purpose=bank' >/dev/null
is "$(form_submit "$J" "$ID")" 303 "Jan sends a residence request (5 working days, Brussels)"
REF=$(dossier "$ID" reference)
is "$(psql_q "SELECT kind || ' ' || reason || ' ' || day FROM dossier_clock WHERE dossier_id = $ID")" \
	"start submitted $TODAY" "its clock started at the submission, today"
DUE=$(dossier "$ID" due_on)
is "$DUE" "$(psql_q "SELECT cal_add_working('brussels', '$TODAY', 5)")" \
	"due 5 Brussels working days after today: $DUE"
check "a working day after today" test "$(psql_q "SELECT '$DUE'::date > '$TODAY' AND cal_working('brussels', '$DUE')")" = t
SHOWN=$(shown "$DUE")

as "$J" GET "/forms/$ID/receipt" >/dev/null
contains "$TMP/body" "Décision attendue au plus tard le" "the receipt says a decision is due"
contains "$TMP/body" "<strong class=\"due-date\">$SHOWN</strong>" "by $SHOWN"
contains "$TMP/body" "rien n&#39;est décidé pour autant" "and what silence would mean"
contains "$TMP/body" "Règlement communal de démonstration" "on which basis"
as "$J" GET "/forms/$ID/receipt.pdf" >/dev/null
check "the receipt's PDF says the same date" grep -q "$SHOWN" <(pdftotext -q "$TMP/body" -)
as "$J" GET "/dossiers/$REF" >/dev/null
contains "$TMP/body" "<strong class=\"due-date\">$SHOWN</strong>" "the dossier page: the same date"
contains "$TMP/body" "Sans décision dans le délai" "with what silence means"
as "$J" GET "/dossiers/$REF?lang=nl" >/dev/null
contains "$TMP/body" "Beslissing verwacht uiterlijk op" "in Dutch too"
as "$A" GET "/inbox/dossiers/$ID" >/dev/null
contains "$TMP/body" "<strong class=\"due-date\">$SHOWN</strong>" "the agent's dossier page: the same date"
as "$A" GET "/inbox?queue=all&q=$REF" >/dev/null
contains "$TMP/body" "<time datetime=\"$DUE\">$SHOWN</time>" "the agent's queue: the same date"
POP=$(key_for POPULATION "Registre communal")
is "$(api "$POP" "/api/v1/dossiers/$REF")" 200 "the API reads the dossier"
is "$(jq_ 'd["deadline"]["due"]')" "$DUE" "the API: the same date"
is "$(jq_ 'd["deadline"]["count"] + " " + str(d["deadline"]["days"]) + " " + d["deadline"]["silence"] + " " + d["deadline"]["complement"]')" \
	"working 5 none suspend" "with its rule"
is "$(jq_ 'd["deadline"]["clock"][0]["kind"] + " " + d["deadline"]["clock"][0]["day"]')" "start $TODAY" "and its clock"

# --- a complement suspends the clock until the answer -------------------------------
is "$(act "$A" "$ID" receive)" 303 "Agathe acknowledges it"
is "$(act "$A" "$ID" complement -F 'body=Précisez votre adresse.')" 303 "and asks for a complement"
is "$(psql_q "SELECT string_agg(kind || ':' || reason, ' ' ORDER BY id) FROM dossier_clock WHERE dossier_id = $ID")" \
	"start:submitted pause:complement_request" "the clock is paused, with why"
is "$(dossier "$ID" "coalesce(due_on::text, 'none')")" none "no due date while it waits"
as "$J" GET "/dossiers/$REF?lang=fr" >/dev/null
contains "$TMP/body" "Délai suspendu" "Jan reads that the deadline is suspended"
lacks "$TMP/body" "class=\"due-date\"" "and no date"
api "$POP" "/api/v1/dossiers/$REF" >/dev/null
is "$(jq_ 'str(d["deadline"]["due"]) + " " + str(d["deadline"]["paused"])')" "None True" "the API: paused, no date"
as "$J" GET "/dossiers/$REF" >/dev/null
is "$(as "$J" POST "/dossiers/$REF/messages" -H "Origin: $BASE" -F "csrf=$(csrf_token)" -F 'body=Grote Markt 1, 9000 Gent.')" \
	303 "Jan answers"
is "$(psql_q "SELECT string_agg(kind, ' ' ORDER BY id) FROM dossier_clock WHERE dossier_id = $ID")" \
	"start pause resume" "the clock resumes"
is "$(dossier "$ID" due_on)" "$DUE" "paused and resumed the same day: the same date"

# --- a restart, from a history days apart (the trigger on dossier_events) -------------
JAN=$(psql_q "SELECT id FROM persons WHERE nrn = '90010100123'")
proc() { psql_q "SELECT id || ',' || current_version FROM procedures WHERE code = '$1'"; }
N=0
backdated() {	# backdated CODE START-TIMESTAMP: a dossier sent then, its id
	local pv
	pv=$(proc "$1")
	N=$((N + 1))
	psql_q "WITH d AS (INSERT INTO dossiers (reference, procedure_id, procedure_version, status,
			owner_person_id, submitted_at)
		VALUES ('2025-DL$RUN-$(printf %06d $N)', ${pv%,*}, ${pv#*,}, 'soumis', $JAN, '$2')
		RETURNING id),
		e AS (INSERT INTO dossier_events (dossier_id, at, kind, from_status, to_status)
		SELECT id, '$2', 'status', 'complet', 'soumis' FROM d)
		SELECT id FROM d"
}
event() {	# event ID KIND AT: a complement asked or given then
	psql_q "INSERT INTO dossier_events (dossier_id, at, kind) VALUES ($1, '$3', '$2')" >/dev/null
}
R=$(backdated EBIKE '2026-03-02 10:00+01')
is "$(dossier "$R" due_on)" 2026-05-04 "an electric-bicycle premium: 60 days, 1 May a holiday, Monday 4 May"
event "$R" complement_request '2026-03-12 09:00+01'
psql_q "UPDATE dossiers SET waiting_since = '2026-03-12 09:00+01' WHERE id = $R" >/dev/null
event "$R" complement_answer '2026-03-20 15:00+01'
psql_q "UPDATE dossiers SET waiting_since = NULL WHERE id = $R" >/dev/null
is "$(psql_q "SELECT string_agg(kind || ' ' || day, ', ' ORDER BY id) FROM dossier_clock WHERE dossier_id = $R")" \
	"start 2026-03-02, pause 2026-03-12, restart 2026-03-20" "its rule restarts the clock at the answer"
is "$(dossier "$R" due_on)" 2026-05-19 "60 days again from 20 March: 19 May"
is "$(psql_q "SELECT dossier_due($R)")" 2026-05-19 "dossier_due() says the same as the column kept"
is "$(psql_q "DELETE FROM dossier_clock WHERE dossier_id = $R" 2>&1 | grep -c 'dossier_clock is append-only')" 1 \
	"the clock's log cannot be rewritten"
