#!/usr/bin/env bash
# Offices defined from JSON (guichet-admin office define, docs/appointments.md):
# the shipped example stored whole and offered to the citizen with slots only
# inside its hours; shown back as the same definition; defined again with a
# desk and a meeting type left out (withdrawn, the appointments on them kept,
# the withdrawn type no longer offered) and put back; and the bad input: a
# mistake named by its place in the file, an unknown department, a file that
# is not JSON, none of which stores anything.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise
CODE=TEST-OFF-$RANDOM
# def [PYTHON]: the shipped example under this test's code, changed by PYTHON (d is the definition)
def() { python3 - "$SRC/conf/offices/NAMUR-POP.json" "$CODE" "${1:-}" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["code"] = sys.argv[2]
exec(sys.argv[3])
print(json.dumps(d, ensure_ascii=False, indent=1))
PY
}
office_q() { psql_q "SELECT $1 FROM offices o WHERE o.code = '$CODE'"; }

def >"$TMP/office.json"
check "the definition is stored" admin_cmd office define "$TMP/office.json"
admin_cmd office define "$TMP/office.json" >"$TMP/out" 2>&1
contains "$TMP/out" "office $CODE defined: 2 meeting type(s), 3 desk(s)" "defining it again says what it holds"
is "$(psql_q "SELECT count(*) FROM offices WHERE code = '$CODE'")" 1 "one office, however often defined"
OFFICE=$(office_q id)
is "$(office_q "(SELECT string_agg(name, ',' ORDER BY name) FROM desks WHERE office_id = o.id AND active)")" "Guichet 1,Guichet 2,Guichet 3" "its three desks"
is "$(office_q "(SELECT string_agg(code || ':' || duration_minutes || ':' || position, ',' ORDER BY position) FROM meeting_types WHERE office_id = o.id AND online)")" "ID_CARD:15:1,DRIVING_LICENCE:20:2" "its meeting types, durations and order"
is "$(office_q "(SELECT string_agg(weekday || ' ' || opens || '-' || closes, ',' ORDER BY weekday, opens) FROM opening_rules WHERE office_id = o.id)")" \
	"1 08:30:00-12:30:00,2 08:30:00-12:30:00,2 13:30:00-16:00:00,3 08:30:00-12:30:00,4 08:30:00-12:30:00,4 13:30:00-19:00:00,5 08:30:00-12:30:00" "its hours, Tuesday's and Thursday's afternoons included"
is "$(office_q "min_delay_minutes || ' ' || max_delay_days || ' ' || region || ' ' || online")" "60 45 wallonia true" "its delays and region; online unless said"
is "$(office_q "names->>'de'")" "Rathaus Namür — Bevölkerung" "its names in four languages"

# --- what the citizen sees --------------------------------------------------------------
TYPE=$(psql_q "SELECT id FROM meeting_types WHERE office_id = $OFFICE AND code = 'DRIVING_LICENCE'")
IDTYPE=$(psql_q "SELECT id FROM meeting_types WHERE office_id = $OFFICE AND code = 'ID_CARD'")
is "$(eid_login elise /appointments "$E")" 303 "Élise logs in with her card"
is "$(as "$E" GET /appointments)" 200 "the offices: 200"
contains "$TMP/body" "Esplanade de l&#39;Hôtel de Ville 1, 5000 Namur" "the defined office is offered, with its address"
contains "$TMP/body" "type=$TYPE" "and its driving licence meetings"
is "$(as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE")" 200 "its slots: 200"
# three weeks of them: a week's Thursday may be a holiday (Ascension; Christmas and New Year's Day in a row)
: >"$TMP/starts"
for week in 1 2 3; do
	grep -o 'name="start" value="[0-9T:-]*"' "$TMP/body" | sed 's/.*value="//; s/"$//' >>"$TMP/starts"
	NEXT=$(grep -o 'from=[0-9-]*' "$TMP/body" | tail -1 | cut -d= -f2)
	[ $week = 3 ] || as "$E" GET "/appointments/slots?office=$OFFICE&type=$TYPE&from=$NEXT" >/dev/null
done
check "slots are offered" test -s "$TMP/starts"
# every start opens a 20-minute meeting inside a span of its weekday, on its grid (lib/slots.h)
python3 - "$TMP/office.json" "$TMP/starts" >"$TMP/outside" <<'PY'
import datetime, json, sys
hours = json.load(open(sys.argv[1]))["hours"]
days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
for s in open(sys.argv[2]).read().split():
    t = datetime.datetime.fromisoformat(s)
    m = t.hour * 60 + t.minute
    ok = False
    for span in hours.get(days[t.weekday()], []):
        a, b = (int(x[:2]) * 60 + int(x[3:]) for x in span.split("-"))
        ok |= a <= m and m + 20 <= b and (m - a) % 15 == 0  # starts every min(duration, 15) minutes
    if not ok:
        print(s)
PY
is "$(wc -l <"$TMP/outside")" 0 "every slot lies inside the defined hours ($(wc -l <"$TMP/starts") slots; outside: $(head -3 "$TMP/outside" | tr '\n' ' '))"

check "Thursday's late opening offered to its last start, 18:30" grep -q 'T18:30$' "$TMP/starts"
check "and not a start that would end after 19:00" sh -c "! grep -q 'T18:45$' '$TMP/starts'"

# --- shown back --------------------------------------------------------------------------
admin_cmd office show "$CODE" >"$TMP/shown.json"
check "show prints the definition, which reads the same as the file (defaults said)" python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
a.setdefault("online", True)
for t in a["meeting_types"]: t.setdefault("online", True)
sys.exit(a != b)' "$TMP/office.json" "$TMP/shown.json"
check "what show prints defines the office again" admin_cmd office define "$TMP/shown.json"
check "an unknown office is said" sh -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' office show NO-SUCH-OFFICE"

# --- defined again without a desk and a meeting type -------------------------------------
DESK3=$(psql_q "SELECT id FROM desks WHERE office_id = $OFFICE AND name = 'Guichet 3'")
# a meeting booked at the counter on desk 3, next Monday at 09:00
psql_q "INSERT INTO appointments (uid, office_id, desk_id, meeting_type_id, status, during, contact_name)
	SELECT substr(md5(random()::text), 1, 24), $OFFICE, $DESK3, $IDTYPE, 'booked',
	tstzrange(t, t + interval '15 minutes'), 'Counter booking'
	FROM (SELECT ((date_trunc('week', now() AT TIME ZONE 'Europe/Brussels') + interval '7 days 9 hours') AT TIME ZONE 'Europe/Brussels') AS t) s" >/dev/null
def 'd["desks"].remove("Guichet 3"); d["meeting_types"].pop(); d["hours"]["monday"] = ["09:00-11:00"]' >"$TMP/smaller.json"
admin_cmd office define "$TMP/smaller.json" >"$TMP/out" 2>&1
contains "$TMP/out" 'desk "Guichet 3" withdrawn (1 appointment(s) to come stay booked on it)' "a withdrawn desk is said, with the appointments it keeps"
contains "$TMP/out" "meeting type DRIVING_LICENCE withdrawn" "a withdrawn meeting type is said"
is "$(psql_q "SELECT active FROM desks WHERE id = $DESK3")" f "the desk left out is inactive, not deleted"
is "$(psql_q "SELECT status FROM appointments WHERE desk_id = $DESK3")" booked "its appointment stays booked"
is "$(psql_q "SELECT online FROM meeting_types WHERE id = $TYPE")" f "the meeting type left out is offline, not deleted"
is "$(office_q "(SELECT string_agg(opens || '-' || closes, ',') FROM opening_rules WHERE office_id = o.id AND weekday = 1)")" "09:00:00-11:00:00" "Monday's hours replaced"
as "$E" GET /appointments >/dev/null
lacks "$TMP/body" "type=$TYPE\"" "the withdrawn meeting type is no longer offered"
contains "$TMP/body" "type=$IDTYPE" "the other one still is"
check "putting the desk back" admin_cmd office define "$TMP/office.json"
is "$(psql_q "SELECT active FROM desks WHERE id = $DESK3")" t "the same desk is active again"
is "$(psql_q "SELECT online FROM meeting_types WHERE id = $TYPE")" t "and the meeting type online again"

# --- bad input ---------------------------------------------------------------------------
BEFORE=$(admin_cmd office show "$CODE" | md5sum)
bad() {	# bad NAME PYTHON WANT: refused, WANT said, nothing changed
	def "$2" >"$TMP/bad.json"
	check "$1: refused" sh -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' office define '$TMP/bad.json' >'$TMP/out' 2>&1"
	contains "$TMP/out" "$3" "$1: says \"$3\""
	is "$(admin_cmd office show "$CODE" | md5sum)" "$BEFORE" "$1: the office unchanged"
}
bad "a duration of 7 minutes" 'd["address"] = "Elsewhere 1"; d["meeting_types"][1]["duration_minutes"] = 7' \
	"meeting_types[1].duration_minutes: a multiple of 5 between 5 and 240"
bad "overlapping spans" 'd["hours"]["friday"] = ["08:00-12:00", "11:30-13:00"]' \
	"hours.friday: spans must follow one another without overlapping"
bad "a misspelt key" 'd["hours"] = {"monday": ["09:00-10:00"]}; d["hours_"] = {}' "hours_: not a key"
bad "an unknown department" 'd["desks"] = ["Only"]; d["department"] = "NO_SUCH_DEPT"' \
	"department: no department NO_SUCH_DEPT"
printf '{"code": "X",\n "names": }' >"$TMP/notjson.json"
check "a file that is not JSON is refused" sh -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' office define '$TMP/notjson.json' >'$TMP/out' 2>&1"
contains "$TMP/out" "notjson.json:2:" "with its line"
NEWCODE=TEST-OFF-NEW-$RANDOM
def "d['code'] = '$NEWCODE'; d['department'] = 'NO_SUCH_DEPT'" >"$TMP/new.json"
admin_cmd office define "$TMP/new.json" >/dev/null 2>&1
is "$(psql_q "SELECT count(*) FROM offices WHERE code = '$NEWCODE'")" 0 "an office refused is not stored"

# closed: no longer offered (and not to the tests that follow)
def 'd["online"] = False' >"$TMP/closed.json"
check "the office closed" admin_cmd office define "$TMP/closed.json"
as "$E" GET /appointments >/dev/null
lacks "$TMP/body" "Esplanade de l&#39;Hôtel de Ville 1, 5000 Namur" "a closed office is not offered"
done_testing
