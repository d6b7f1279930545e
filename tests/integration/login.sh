#!/usr/bin/env bash
# The login program through the real stack: eID login on the eID port,
# one-time codes through the local mail server, sessions, acting for an
# organisation, logout, and the attacks the issue lists.  Prints TAP.
. "$(dirname "$0")/lib.sh"
# Rerunnable: Élise and Jan start as users of no organisation (orgs.sh and the
# company procedures make them users), so that their logins go where they say.
psql_q "UPDATE org_members SET removed_at = now() WHERE removed_at IS NULL AND person_id IN (SELECT id FROM persons WHERE nrn IN ('85073003328', '90010100123'))" >/dev/null
psql_q "UPDATE mandates SET status = 'revoked' WHERE status = 'accepted' AND mandatary_org_id IN (SELECT organisation_id FROM org_members m JOIN persons p ON p.id = m.person_id WHERE p.nrn IN ('85073003328', '90010100123'))" >/dev/null
# (and an earlier run's sessions and audit records do not count)
psql_q "UPDATE sessions SET ended_at = now() WHERE ended_at IS NULL AND person_id IN (SELECT id FROM persons WHERE nrn IN ('85073003328', '90010100123'))" >/dev/null
psql_q "DELETE FROM login_codes" >/dev/null	# counted per address and per IP address
START=$(psql_q "SELECT clock_timestamp()")

cookie_of() { awk '$6 == "__Host-guichet" { print $7 }' "$1"; }

# --- eID login ---------------------------------------------------------------------
E1=$TMP/elise1
is "$(eid_login elise /help/articles/drafts "$E1")" 303 "eID login answers 303"
is "$(location)" "/help/articles/drafts" "back to where the user was going, on the site"
case "$(grep -i '^Set-Cookie: __Host-guichet=' "$TMP/headers")" in
*"Path=/"*"Secure"*"HttpOnly"*"SameSite=Lax"*) ok 0 "session cookie: __Host-, Secure, HttpOnly, SameSite=Lax" ;;
*) ok 1 "session cookie: __Host-, Secure, HttpOnly, SameSite=Lax" ;;
esac
is "$(curl -s "${CA[@]}" -o /dev/null -D "$TMP/headers" -w '%{http_code}' "$(cat "$TMP/ticket-url")")" 303 "a used ticket"
is "$(location)" "/login?failed=1" "opens nothing the second time"
check "the eID host sets no cookie of its own" bash -c "! curl -s ${CA[*]} --cert '$cards/jan.pem' -D - -o /dev/null '$EID_BASE/login/eid' | grep -qi '^set-cookie'"
is "$(psql_q "SELECT given_names || ' ' || surname FROM persons WHERE nrn = '85073003328'")" \
	"Élise Marie Dubois-Lefèvre" "the person is created from the certificate, accents intact"
c1=$(cookie_of "$E1")
id1=${c1%%.*}
is "$(psql_q "SELECT count(*) FROM sessions WHERE encode(token_hash, 'hex') = encode(sha256('$id1'), 'hex') AND assurance = 'high' AND method = 'eid'")" 1 \
	"the session is stored by the hash of its id, assurance high"
is "$(psql_q "SELECT count(*) FROM sessions WHERE encode(token_hash, 'hex') = '$id1'")" 0 "the id itself is stored nowhere"
is "$(as "$E1" GET /account/sessions)" 200 "the session opens the account pages"
contains "$TMP/body" "Élise Marie Dubois-Lefèvre" "every page shows who is logged in"
contains "$TMP/body" "(celle-ci)" "the current session is marked"
# The programs keep the sessions they read, and the cookie last verified
# for each: a cookie that differs from it in anything is verified afresh.
# /procedures is not behind the module's check: the program alone decides.
with_cookie() { curl -s "${CA[@]}" -H "Cookie: __Host-guichet=$1" -o "$TMP/body" "$BASE/procedures"; }
for i in 1 2 3 4 5 6; do with_cookie "$c1"; done
contains "$TMP/body" "Élise Marie Dubois-Lefèvre" "a program knows the session by its cookie"
exp1=${c1#*.}
exp1=${exp1%%.*}
mac1=${c1##*.}
[ "${mac1: -1}" = 0 ] && flip=1 || flip=0
for forged in "$id1.$((exp1 + 86400)).$mac1" "$id1.$exp1.${mac1%?}$flip"; do
	for i in 1 2 3 4 5 6; do with_cookie "$forged"; lacks "$TMP/body" "Élise Marie Dubois-Lefèvre" "a cookie changed after a program read its session is refused ($i)"; done
done
with_cookie "$c1"
contains "$TMP/body" "Élise Marie Dubois-Lefèvre" "the real cookie still works"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'login' AND at >= '$START' AND actor_person_id = (SELECT id FROM persons WHERE nrn = '85073003328')")" 1 "the login is audited"

# Logging in again rotates the session: the old cookie stops working.
cp "$E1" "$TMP/elise-old"
is "$(eid_login elise /help "$E1")" 303 "a second eID login"
c2=$(cookie_of "$E1")
check "the session id changed" test "${c1%%.*}" != "${c2%%.*}"
is "$(as "$TMP/elise-old" GET /account/sessions)" 303 "the old session was ended at the new login"

# Return addresses that would leave the site are replaced.
is "$(eid_login jan 'https%3A%2F%2Fevil.example%2F' "$TMP/jan")" 303 "return=https://evil.example"
is "$(location)" "/account/sessions" "goes to the account page instead"
is "$(eid_login jan '%2F%2Fevil.example' "$TMP/jan")" 303 "return=//evil.example"
is "$(location)" "/account/sessions" "goes to the account page too"
is "$(eid_login jan '%2F%5Cevil.example' "$TMP/jan")" 303 "return=/\\evil.example"
is "$(location)" "/account/sessions" "goes to the account page too"

# Identity arrives only from the module, on the eID port.
is "$(as "$TMP/spoof" GET /login/eid -H 'Eid-Nrn: 85073003328' -H 'EID_NRN: 85073003328' \
	-H 'Eid-Given-Names: X' -H 'Eid-Assurance: high')" 403 "headers named like the module's parameters log nobody in"
is "$(cookie_of "$TMP/spoof")" "" "and set no session"
is "$(curl -s "${CA[@]}" --cert "$cards/elise-sign.pem" -o /dev/null -w '%{http_code}' "$EID_BASE/login/eid")" 403 \
	"the signature certificate cannot log in"

# --- sessions: list, end one, idle expiry ---------------------------------------------
E2=$TMP/elise2
eid_login elise /help "$E2" >/dev/null
as "$E1" GET /account/sessions >/dev/null
tok=$(csrf_token)
other=$(psql_q "SELECT id FROM sessions WHERE encode(token_hash, 'hex') = encode(sha256('$(cookie_of "$E2" | cut -d. -f1)'), 'hex')")
is "$(grep -c '/account/sessions/[0-9]*/end' "$TMP/body")" 2 "two open sessions listed"
is "$(as "$E1" POST "/account/sessions/$other/end" --data-urlencode "csrf=$tok")" 303 "ending the other session"
is "$(as "$E2" GET /account/sessions)" 303 "the other session no longer works"
jan_session=$(psql_q "SELECT s.id FROM sessions s JOIN persons p ON p.id = s.person_id WHERE p.nrn = '90010100123' AND ended_at IS NULL LIMIT 1")
is "$(as "$E1" POST "/account/sessions/$jan_session/end" --data-urlencode "csrf=$tok")" 404 "someone else's session: 404"
is "$(psql_q "SELECT ended_at IS NULL FROM sessions WHERE id = $jan_session")" t "and it stays open"
is "$(as "$E1" POST "/account/sessions/abc/end" --data-urlencode "csrf=$tok")" 404 "a session id that is not a number: 404"
is "$(as "$E1" POST "/account/sessions/$other/end")" 403 "ending a session without the CSRF token is refused"
E3=$TMP/elise3
eid_login elise /help "$E3" >/dev/null
psql_q "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE encode(token_hash, 'hex') = encode(sha256('$(cookie_of "$E3" | cut -d. -f1)'), 'hex')" >/dev/null
is "$(as "$E3" GET /account/sessions)" 303 "30 minutes idle: the session has expired"
is "$(location)" "/login?return=%2Faccount%2Fsessions" "and the user is asked to log in again"

# --- acting for an organisation -----------------------------------------------------------
psql_q "INSERT INTO organisations (bce, kind, name) VALUES ('0203201340', 'company', 'Boulangerie Dubois SRL'), ('0417563422', 'nonprofit', 'ASBL Les Amis') ON CONFLICT DO NOTHING" >/dev/null
org_member 0203201340 company 'Boulangerie Dubois SRL' 85073003328
E4=$TMP/elise4
is "$(eid_login elise /help/contact "$E4")" 303 "login of someone with a role"
is "$(location)" "/login/acting?return=%2Fhelp%2Fcontact" "is asked whom they act for"
is "$(as "$E4" GET '/login/acting?return=/help/contact')" 200 "the choice page"
contains "$TMP/body" "Boulangerie Dubois SRL" "lists the organisation"
lacks "$TMP/body" "ASBL Les Amis" "and not one they have no role in"
tok=$(csrf_token)
org=$(psql_q "SELECT id FROM organisations WHERE bce = '0203201340'")
not_mine=$(psql_q "SELECT id FROM organisations WHERE bce = '0417563422'")
is "$(as "$E4" POST /login/acting --data-urlencode "csrf=$tok" --data-urlencode "org=$not_mine" --data-urlencode return=/help)" 404 \
	"acting for an organisation without a role: 404"
is "$(as "$E4" POST /login/acting --data-urlencode "csrf=$tok" --data-urlencode "org=$org" --data-urlencode return=/help/contact)" 303 \
	"acting for the organisation"
is "$(location)" /help/contact "then on to the page"
as "$E4" GET /help >/dev/null
contains "$TMP/body" "pour <strong>Boulangerie Dubois SRL</strong>" "every page shows for whom the user acts"
is "$(as "$E4" POST /login/acting --data-urlencode "csrf=$tok" --data-urlencode org=self --data-urlencode return=/help)" 303 "back to acting for oneself"
as "$E4" GET /help >/dev/null
lacks "$TMP/body" "Boulangerie Dubois SRL" "no organisation shown any more"

# --- logout -------------------------------------------------------------------------------
as "$E4" GET /help >/dev/null
tok=$(csrf_token)
cp "$E4" "$TMP/elise4-copy"
is "$(as "$E4" POST /logout)" 403 "logout without the CSRF token is refused"
as "$E1" GET /help >/dev/null
is "$(as "$E4" POST /logout --data-urlencode "csrf=$(csrf_token)")" 403 "logout with another session's token is refused"
is "$(as "$E4" POST /logout --data-urlencode "csrf=$tok")" 303 "logout"
is "$(location)" "/login?logged_out=1" "to the login page, which says so"
is "$(as "$TMP/elise4-copy" GET /account/sessions)" 303 "the session is ended on the server, not just forgotten"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'logout' AND at >= '$START'")" 1 "the logout is audited"

# --- one-time codes by email ---------------------------------------------------------------
M=$TMP/marie
is "$(request_code "$M" marie@example.be)" 200 "a code is asked for"
contains "$TMP/body" 'autocomplete="one-time-code"' "the page asks for it"
f=$(mail_for marie@example.be)
check "the code arrives by real SMTP" test -n "$f"
code=$(code_in "$f")
is "${#code}" 6 "six digits"
contains "$f" "Subject: =?UTF-8?B?" "the subject is encoded for UTF-8"
is "$(psql_q "SELECT count(*) FROM login_codes WHERE email = 'marie@example.be' AND encode(code_hash, 'escape') LIKE '%$code%'")" 0 \
	"only a hash of the code is stored"
as "$M" GET /login >/dev/null
is "$(verify_code "$M" marie@example.be "$code")" 303 "the right code logs in"
is "$(location)" "/help" "to the page asked for"
is "$(psql_q "SELECT assurance || ' ' || method FROM sessions ORDER BY id DESC LIMIT 1")" "low email" "at assurance level low"
as "$M" GET /help >/dev/null
contains "$TMP/body" "code par courriel" "the level shows on the page"
M2=$TMP/marie2
as "$M2" GET /login >/dev/null
is "$(verify_code "$M2" marie@example.be "$code")" 400 "a replayed code is refused"
contains "$TMP/body" "est pas valable" "with a message"

request_code "$M2" paul@example.be >/dev/null
pcode=$(code_in "$(mail_for paul@example.be)")
is "$(verify_code "$M2" marie@example.be "$pcode")" 400 "a code sent to another address is refused"
is "$(verify_code "$M2" paul@example.be "$pcode")" 303 "and works for its own"

request_code "$M2" zoe@example.be >/dev/null
zcode=$(code_in "$(mail_for zoe@example.be)")
wrong=$(printf '%06d' $(( (10#$zcode + 1) % 1000000 )))
codes=""
for i in $(seq 20); do codes="$codes$(verify_code "$M2" zoe@example.be "$wrong") "; done
is "$codes" "$(printf '400 %.0s' $(seq 20))" "20 wrong codes in a row are all refused"
is "$(verify_code "$M2" zoe@example.be "$zcode")" 400 "after them even the right code is refused"
contains "$TMP/body" "essais pour ce code" "the code has had its tries"
is "$(psql_q "SELECT attempts FROM login_codes WHERE email = 'zoe@example.be'")" 5 "it stopped counting at 5"
check "failed logins are audited" test "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'login_failed'")" -ge 20

for i in 1 2 3 4; do request_code "$M2" zoe@example.be >/dev/null; done
is "$(request_code "$M2" zoe@example.be)" 429 "a sixth code within 15 minutes is refused"
contains "$TMP/body" "Trop de codes" "with a message saying why"
contains "$TMP/body" 'value="zoe@example.be"' "keeping the address typed"

is "$(request_code "$M2" 'pas une adresse')" 400 "an invalid address is refused"
contains "$TMP/body" "adresse électronique valide" "with a translated message"

smtp_pid=$(cat "$DIR/run/smtp.pid")
kill "$smtp_pid"; sleep 0.3
is "$(request_code "$M2" ann@example.be)" 502 "the mail server away: the user is told"
contains "$TMP/body" "pas pu être envoyé" "to try again in a moment"
contains "$TMP/body" 'value="ann@example.be"' "with the address kept"
"$SRC/conf/dev/smtp-sink" "$SMTP_PORT" "$DIR/mail" </dev/null >>"$DIR/log/smtp.log" 2>&1 &
echo $! >"$DIR/run/smtp.pid"
for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.1; done

# More than 20 codes from one IP address in 15 minutes.
n=$(psql_q "SELECT count(*) FROM login_codes WHERE ip = '127.0.0.1'")
for i in $(seq $((20 - n))); do request_code "$M2" "ip$i@example.be" >/dev/null; done
is "$(request_code "$M2" another@example.be)" 429 "the 21st code from one IP address is refused"

lacks "$DIR/log/login.log" "85073003328" "no national number in the program's log"
lacks "$DIR/log/nginx-access.log" "ticket=" "no login ticket in nginx's access log"
lacks "$DIR/log/nginx-access.log" "85073003328" "no national number in nginx's access log"
lacks "$DIR/log/login.log" "marie@example.be" "no address in the program's log"

done_testing
