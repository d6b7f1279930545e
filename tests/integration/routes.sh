#!/usr/bin/env bash
# What the route tables declare, through the real stack: a page that needs
# a login sends nobody to it, one that needs the eID card refuses a weaker
# login with a way to step up, and a typed placeholder refuses a segment of
# another form before any page runs.  Prints TAP.
. "$(dirname "$0")/lib.sh"
RUN=$$
N=$TMP/nobody C=$TMP/code E=$TMP/elise

# --- ROUTE_LOGIN --------------------------------------------------------------
# nginx's module sends a browser without a session cookie to the login
# (302); a cookie the module accepts whose session has ended reaches the
# programs, and their route tables send it there too.
is "$(as "$N" GET /dossiers)" 302 "no cookie: nginx sends to the login"
code_login "$C" "routes.$RUN@example.be" >/dev/null
cp "$C" "$TMP/ended0"
# each request with the ended cookie (the programs clear it in the answer)
ended() { cp "$TMP/ended0" "$TMP/ended"; as "$TMP/ended" "$@"; }
as "$C" GET /account/sessions >/dev/null
as "$C" POST /logout -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" >/dev/null
is "$(ended GET /dossiers)" 303 "an ended session asks for its dossiers: 303"
is "$(location)" "/login?return=%2Fdossiers" "to the login, which comes back"
is "$(ended GET /forms/1/summary)" 303 "an ended session asks for a draft: 303 before any look-up"
is "$(ended GET /account/sessions)" 303 "and for its sessions: 303"
is "$(ended POST /forms/1/delete -H "Origin: $BASE")" 303 "a POST too"
is "$(as "$N" GET /procedures)" 200 "the catalogue needs no login"

# --- typed placeholders ----------------------------------------------------------
is "$(ended GET /forms/x1/summary)" 404 "a draft id with a letter: 404, not a login"
is "$(ended GET /forms/01/summary)" 404 "a draft id with a leading zero: 404"
is "$(as "$N" GET /procedures/ebike)" 404 "a procedure code in lower case: 404"
is "$(as "$N" GET /procedures/EBIKE)" 200 "the same code as declared: 200"
code_login "$C" "routes.$RUN@example.be" >/dev/null
is "$(as "$C" GET /dossiers/2026-EBIKE-1)" 404 "a reference with too short a number: 404"
is "$(as "$C" GET "/dossiers/2026-EBIKE-000001%27")" 404 "a reference with a quote: 404"
is "$(as "$C" GET /forms/99999999999999999999/summary)" 404 "an id a bigint cannot hold: 404"

# --- ROUTE_HIGH -----------------------------------------------------------------
is "$(as "$C" GET /org/represent)" 403 "a code login may not represent an organisation: 403"
contains "$TMP/body" "/login?step_up=1&amp;level=high&amp;return=%2Forg%2Frepresent" "with a way to log in with the card"
is "$(as "$C" POST /org/mandates -H "Origin: $BASE")" 403 "nor ask for a mandate"
is "$(as "$C" GET /forms)" 200 "but may fill forms"
eid_login elise /org/represent "$E" >/dev/null
is "$(as "$E" GET /org/represent)" 200 "with the eID card: 200"
is "$(as "$E" GET /org/represent/0203201341)" 404 "an enterprise number with a wrong checksum: 404"
is "$(as "$E" GET /org/represent/0203.201.340)" 404 "an enterprise number as typed, not as declared: 404"

# --- ROUTE_AGENT -----------------------------------------------------------------
is "$(as "$E" GET /inbox)" 403 "a citizen who is no agent: 403"
contains "$TMP/body" "agent d&#39;aucun service" "told why"

lacks "$DIR/log/forms.log" "transaction was left open" "no page left a transaction open"
done_testing
