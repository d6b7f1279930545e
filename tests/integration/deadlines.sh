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
as "$J" GET "/dossiers?procedure=RESIDENCE" >/dev/null
check "Mes dossiers: the same date beside its status" \
	grep -q "<span class=\"small due\">Décision attendue au plus tard le $SHOWN</span>" <(grep -A3 ">$REF<" "$TMP/body")
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
backdated() {	# backdated CODE START-TIMESTAMP: a dossier sent then, its id
	local pv N
	pv=$(proc "$1")
	N=$(($(cat "$TMP/n" 2>/dev/null || echo 0) + 1))
	echo "$N" >"$TMP/n"	# (a file: each call runs in a subshell)
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

# --- the inbox: flags, filters and the soonest due first; managers' counts ----------
EB_RULE=$(psql_q "SELECT v.decision_deadline FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id AND v.version = p.current_version WHERE p.code = 'EBIKE'")
PAST=$(backdated EBIKE '2025-01-06 10:00+01')
is "$(dossier "$PAST" due_on)" 2025-03-07 "a premium sent on 6 January 2025 was due on 7 March 2025"
NEAR_START=$(psql_q "SELECT s::date FROM generate_series(date '$TODAY' - 75, date '$TODAY' - 50, interval '1 day') s
	WHERE deadline_due('$EB_RULE', '{start}', ARRAY[s::date]) BETWEEN '$TODAY' AND date '$TODAY' + 7 ORDER BY s LIMIT 1")
NEAR=$(backdated EBIKE "$NEAR_START 10:00+01")
FRESH=$(backdated EBIKE "$(date -u +'%F %T')+00")
PREF=$(dossier "$PAST" reference) NREF=$(dossier "$NEAR" reference) FREF=$(dossier "$FRESH" reference)
due_cell() {	# due_cell REFERENCE: the queue row's due cell, from the last page
	grep -A4 ">$1</a>" "$TMP/body" | grep '<td class="due">'
}
as "$A" GET "/inbox?queue=all&procedure=EBIKE&sort=due" >/dev/null
check "past its deadline: flagged" grep -q 'deadline-past">Échéance dépassée' <(due_cell "$PREF")
check "due within 7 days: flagged" grep -q 'deadline-near">Échéance proche' <(due_cell "$NREF")
check "due in 60 days: no flag" bash -c "due=\$(grep -A4 '>$FREF</a>' '$TMP/body' | grep 'class=\"due\"'); [ -n \"\$due\" ] && ! grep -q tag <<<\"\$due\""
refs() { grep -o '>[0-9]\{4\}-[A-Z0-9]*-[0-9]*</a>' "$TMP/body" | tr -d '<>/a' | tr '\n' ' '; }
as "$A" GET "/inbox?queue=all&procedure=EBIKE&sort=due&due_to=$(dossier "$FRESH" due_on)" >/dev/null
check "sorted by due date: past, near, then the fresh one" \
	bash -c "[[ '$(refs)' =~ $PREF.*$NREF.*$FREF ]]"
as "$A" GET "/inbox?queue=all&procedure=EBIKE&sort=newest&due_to=$(dossier "$FRESH" due_on)" >/dev/null
check "the newest first puts the fresh one before them" bash -c "[[ '$(refs)' =~ $FREF.*$NREF ]]"
as "$A" GET "/inbox?queue=all&procedure=EBIKE&due=past" >/dev/null
contains "$TMP/body" ">$PREF</a>" "filter 'past': the overdue dossier"
lacks "$TMP/body" ">$NREF</a>" "not the one due soon"
as "$A" GET "/inbox?queue=all&procedure=EBIKE&due=near" >/dev/null
contains "$TMP/body" ">$NREF</a>" "filter 'within 7 days': the one due soon"
lacks "$TMP/body" ">$PREF</a>" "not the overdue one"
lacks "$TMP/body" ">$FREF</a>" "nor the fresh one"
as "$A" GET "/inbox?queue=all&procedure=EBIKE&due_to=$(dossier "$NEAR" due_on)" >/dev/null
contains "$TMP/body" ">$NREF</a>" "due by a day: those due by then"
lacks "$TMP/body" ">$FREF</a>" "not later ones"
# pages of the soonest due first: twenty-two more, due on days apart
for back in $(seq 19 40); do backdated EBIKE "$(date -d "$TODAY - $back day" +%F) 10:00+01" >/dev/null; done
RUNNING=$(psql_q "SELECT count(*) FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE p.code = 'EBIKE' AND d.due_on IS NOT NULL")
as "$A" GET "/inbox?queue=all&procedure=EBIKE&due=running&sort=due" >/dev/null
grep -o '<time datetime="[0-9-]*"' "$TMP/body" | tr -dc '0-9-\n' >"$TMP/dues"
refs >"$TMP/refs"
NEXT=$(grep -o 'rel="next" href="[^"]*"' "$TMP/body" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
check "a first page of twenty, with a link to the next" test "$(wc -l <"$TMP/dues")" = 20 -a -n "$NEXT"
as "$A" GET "$NEXT" >/dev/null
grep -o '<time datetime="[0-9-]*"' "$TMP/body" | tr -dc '0-9-\n' >>"$TMP/dues"
refs >>"$TMP/refs"
is "$(wc -l <"$TMP/dues")" "$RUNNING" "the next page has the rest: every running deadline once"
check "no dossier twice" test "$(tr ' ' '\n' <"$TMP/refs" | grep . | sort | uniq -d | wc -l)" = 0
check "the soonest first across both pages" sort -c "$TMP/dues"
MOB=$(psql_q "SELECT id FROM departments WHERE code = 'MOBILITY'")
count_of() {	# count_of FLAG: open dossiers of MOBILITY so flagged
	psql_q "SELECT count(*) FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
		WHERE p.department_id = $MOB AND d.status IN ('soumis', 'receptionne', 'en_traitement')
		AND deadline_flag(d.due_on) = '$1'"
}
is "$(as "$A" GET /inbox/stats)" 200 "Agathe manages the mobility department: its figures"
contains "$TMP/body" "Délais de décision" "with its deadlines"
check "the count past their deadline" test "$(grep -o '<td class="due-past">[0-9]*' "$TMP/body" | head -1 | tr -dc 0-9)" = "$(count_of past)"
check "and due within 7 days" test "$(grep -o '<td class="due-near">[0-9]*' "$TMP/body" | head -1 | tr -dc 0-9)" = "$(count_of near)"
check "at least ours" test "$(count_of past)" -ge 1

# --- the daily job: tacit decisions -------------------------------------------------
job() {	# job DAY: the daily job as on that day; prints "N closed"
	"$BUILD/cgi-bin/notify/guichet-notify" -c "$DIR/guichet.conf" --log "$DIR/log/deadlines-test.log" \
		--deadlines "$1"
}
day_after() { date -d "$1 + ${2:-1} day" +%F; }
A1=$PAST	# electric bicycle: silence grants, due 2025-03-07
A2=$(backdated EBIKE '2025-01-07 10:00+01')
A3=$(backdated PROPTAX '2024-09-09 10:00+02')	# property tax: silence refuses
W=$(backdated EBIKE '2025-01-06 11:00+01')	# waits for a complement
event "$W" complement_request '2025-01-20 09:00+01'
psql_q "UPDATE dossiers SET waiting_since = '2025-01-20 09:00+01' WHERE id = $W" >/dev/null
RN=$(backdated RESIDENCE '2025-01-06 10:00+01')	# silence means nothing
is "$(dossier "$A2" due_on)" 2025-03-10 "sent the 7th: due Saturday 8 March, so Monday 10 March"
A3DUE=$(dossier "$A3" due_on)
check "the property-tax complaint is due 180 days later ($A3DUE)" test "$A3DUE" = "$(psql_q "SELECT cal_add_working('wallonia', date '2024-09-09' + 180, 0)")"
is "$(dossier "$W" "coalesce(due_on::text, 'none')")" none "the one waiting for a complement has no due date"
status_of() { for d in "$@"; do printf '%s ' "$(dossier "$d" status)"; done; }

job 2025-03-07 >/dev/null
is "$(status_of "$A1" "$A2")" "soumis soumis " "on its last day, nothing is decided"
check "the next day, the job closes what silence decided" grep -q '^[1-9][0-9]* closed$' <(job 2025-03-08)
is "$(status_of "$A1" "$A2" "$A3")" "cloture soumis soumis " "the premium due the 7th, not those due the 10th"
is "$(job 2025-03-08)" "0 closed" "run twice the same day: nothing more"
check "not run for three days, it catches up" grep -q '^[1-9][0-9]* closed$' <(job 2025-03-14)
is "$(status_of "$A1" "$A2" "$A3" "$W" "$RN")" "cloture cloture cloture soumis soumis " \
	"both closed; not the one waiting for a complement, nor the one whose silence means nothing"
is "$(job 2025-03-14)" "0 closed" "and again: nothing"
is "$(job 2025-06-30)" "0 closed" "nor months later"
for d in "$A1" "$A2" "$A3"; do
	is "$(psql_q "SELECT count(*) FILTER (WHERE kind = 'decision') || ' ' || (SELECT count(*) FROM dossier_events e WHERE e.dossier_id = $d AND e.to_status = 'cloture') FROM documents WHERE dossier_id = $d")" \
		"1 1" "$(dossier "$d" reference): one decision, one closing"
done
is "$(psql_q "SELECT string_agg(kind || ':' || coalesce(payload->>'status', ''), ' ' ORDER BY id) FROM notification_outbox WHERE dossier_id = $A1")" \
	"document: dossier_status:cloture" "Jan is told, as of any decision"
is "$(psql_q "SELECT kind || ' ' || reason FROM dossier_clock WHERE dossier_id = $A1 ORDER BY id DESC LIMIT 1")" \
	"stop closed" "the clock stops"
is "$(psql_q "SELECT e.reason || ' / ' || coalesce(e.actor_agent_id::text, 'nobody') FROM dossier_events e WHERE e.dossier_id = $A1 AND e.to_status = 'cloture'")" \
	"Décision tacite : demande acceptée / nobody" "closed by no agent, with why"
is "$(psql_q "SELECT from_status FROM dossier_events WHERE dossier_id = $A1 AND to_status = 'cloture'")" soumis \
	"from 'sent': nobody had even received it"
DOC=$(psql_q "SELECT id FROM documents WHERE dossier_id = $A1 AND kind = 'decision'")
is "$(as "$J" GET "/documents/$DOC")" 200 "the letter is in Jan's documents"
cp "$TMP/body" "$TMP/tacit.pdf"
pdftotext -q "$TMP/tacit.pdf" - | tr '\n' ' ' | tr -s ' ' >"$TMP/tacit.txt"
contains "$TMP/tacit.txt" "Décision tacite : demande acceptée" "the letter says it is a tacit acceptance"
contains "$TMP/tacit.txt" "vaut acceptation" "that silence counts as acceptance"
contains "$TMP/tacit.txt" "07/03/2025" "when the legal period ended"
contains "$TMP/tacit.txt" "Arrêté de démonstration du 12 juin 2026" "on which legal basis"
contains "$TMP/tacit.txt" "$(dossier "$A1" reference)" "for which dossier"
admin_cmd pdf check "$TMP/tacit.pdf" >"$TMP/check" 2>&1
contains "$TMP/check" ": ok, timestamped" "sealed (PAdES, timestamped)"
is "$(psql_q "SELECT seal IS NOT NULL AND verify_code IS NOT NULL FROM documents WHERE id = $DOC")" t \
	"with its detached seal and verification code"
DOC3=$(psql_q "SELECT id FROM documents WHERE dossier_id = $A3 AND kind = 'decision'")
as "$J" GET "/documents/$DOC3" >/dev/null
pdftotext -q "$TMP/body" - | tr '\n' ' ' | tr -s ' ' >"$TMP/refusal.txt"
contains "$TMP/refusal.txt" "Décision tacite : demande refusée" "the property-tax complaint: a tacit refusal"
contains "$TMP/refusal.txt" "introduire un recours" "which says an appeal is open"
as "$J" GET "/dossiers/$(dossier "$A1" reference)?lang=fr" >/dev/null
contains "$TMP/body" "Décision tacite : demande acceptée" "Jan's dossier page says why it closed"
lacks "$TMP/body" "class=\"due-date\"" "and no longer shows a due date"

# --- two hosts at once ----------------------------------------------------------------
TWO=()
for s in 03 04 05 06 07 10; do TWO+=("$(backdated EBIKE "2025-02-$s 10:00+01")"); done
job 2025-06-30 >"$TMP/one" & job 2025-06-30 >"$TMP/other" & wait
is "$(( $(tr -dc 0-9 <"$TMP/one") + $(tr -dc 0-9 <"$TMP/other") ))" 6 "two hosts at once: six closings between them"
is "$(psql_q "SELECT count(*) FROM documents WHERE kind = 'decision' AND dossier_id IN ($(IFS=,; echo "${TWO[*]}"))")" 6 \
	"one letter each"
is "$(status_of "${TWO[@]}")" "cloture cloture cloture cloture cloture cloture " "all closed"

# --- the importer refuses a deadline the law cannot mean ------------------------------
python3 - "$SRC/conf/procedures/EBIKE.json" "$TMP" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for name, days in (('negative', -10), ('absurd', 36500)):
    d['decision_deadline']['days'] = days
    json.dump(d, open('%s/%s.json' % (sys.argv[2], name), 'w'))
PY
out=$(LANG=nl_BE.UTF-8 admin_cmd procedure import "$TMP/negative.json" 2>&1)
check "a negative period is refused" test $? != 0
contains <(echo "$out") "De beslissingstermijn moet een geheel aantal dagen zijn, minstens 1." \
	"told in the importer's language (Dutch)"
out=$(LANG=de_BE.UTF-8 admin_cmd procedure import "$TMP/absurd.json" 2>&1)
contains <(echo "$out") "730 Kalendertage" "a hundred years: refused, in German"
out=$(LANG=C admin_cmd procedure import "$TMP/absurd.json" 2>&1)
contains <(echo "$out") "ne peut dépasser 730 jours calendrier" "in French when the language is none of the four"
is "$(psql_q "SELECT decision_deadline->>'days' FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id AND v.version = p.current_version WHERE p.code = 'EBIKE'")" \
	60 "the published version keeps its 60 days"

done_testing
