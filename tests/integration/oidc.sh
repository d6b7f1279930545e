#!/usr/bin/env bash
# OpenID Connect logins through the real stack: LemonLDAP::NG stands for
# FAS (its client reached through tests/oidc/tamper, which can spoil the
# token endpoint's and the key set's answers) and for itsme (direct).
# Logins at each level, the step-up from an email code keeping the draft,
# every refusal a "log in again" page (never a 500), RP-initiated and
# back-channel logout, and our public keys.
. "$(dirname "$0")/lib.sh"
IDP=https://localhost:$OIDC_PORT
MODE=$DIR/oidc/mode
BACKCHANNEL_EVENT='"events":{"http://schemas.openid.net/event/backchannel-logout":{}}'
rm -f "$MODE"

last_session() {	# the newest session: assurance and method
	psql_q "SELECT assurance || ' ' || method FROM sessions ORDER BY id DESC LIMIT 1"
}
sessions_count() { psql_q "SELECT count(*) FROM sessions"; }
signed() {	# signed KEY.pem KID JSON: a compact JWS
	"$SRC/tests/oidc/tamper" sign "$@"
}
jti() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# --- the login page offers both, without JavaScript -----------------------------------
is "$(http GET '/login?return=/help')" 200 "the login page"
contains "$TMP/body" 'href="/login/oidc/fas?return=%2Fhelp"' "links to the FAS login, keeping where to go"
contains "$TMP/body" 'href="/login/oidc/itsme?return=%2Fhelp"' "and to the itsme login"
contains "$TMP/body" "Se connecter avec CSAM" "in the user's language"
is "$(http GET /login/oidc/google)" 404 "a provider that is not configured: 404"

# --- the authorization request ---------------------------------------------------------
J=$TMP/start
is "$(as "$J" GET '/login/oidc/fas?return=%2Fhelp')" 303 "the FAS login starts with a redirect"
A=$(header Location)
case $A in "$IDP/oauth2/authorize?"*) ok 0 "to the provider's authorization endpoint" ;;
*) ok 1 "to the provider's authorization endpoint (got $A)" ;; esac
for p in response_type=code client_id=guichet-fas \
	"redirect_uri=https%3A%2F%2Flocalhost%3A$PORT%2Flogin%2Foidc%2Ffas%2Fcallback" \
	code_challenge_method=S256 'scope=openid%20profile%20egovnrn' 'acr_values=urn%3Abe'; do
	case $A in *"$p"*) ok 0 "asks with $p" ;; *) ok 1 "asks with $p" ;; esac
done
check "with a state, a nonce and a PKCE challenge" sh -c "echo '$A' | grep -q 'state=[0-9a-f]\{64\}' && echo '$A' | grep -q 'nonce=[0-9a-f]\{64\}' && echo '$A' | grep -q 'code_challenge=[A-Za-z0-9_-]\{43\}&'"
contains "$TMP/headers" "__Host-guichet_oidc=" "binds the browser with a host-only cookie"
is "$(psql_q "SELECT count(*) FROM oidc_requests WHERE provider = 'fas' AND used_at IS NULL AND return_to = '/help'")" 1 \
	"the request in flight is stored by its state's hash"
is "$(as "$J" GET '/login/oidc/fas?return=%2Fhelp&level=high')" 303 "a step-up to high"
case $(header Location) in *Level400* | *Level200*) ok 1 "asks only for the acr that reach high" ;;
*acr_values=urn%3Abe%3Afedict%3Aiam%3Afas%3ALevel500%20urn%3Abe%3Afedict%3Aiam%3Afas%3ALevel450*)
	ok 0 "asks only for the acr that reach high" ;; *) ok 1 "asks only for the acr that reach high: $(header Location)" ;; esac

# --- a login at each level, FAS-like and itsme-like --------------------------------------
level() {	# level PROVIDER CHOICE WANT
	local jar=$TMP/level-$1-$2
	is "$(oidc_login "$jar" "$1" elise "$2")" 303 "$1 with $2: logged in"
	case $(location) in	# by the choice of whom to act for, if she holds roles
	/account/sessions | "/login/acting?return=%2Faccount%2Fsessions") ok 0 "$1 with $2: where the user was going" ;;
	*) ok 1 "$1 with $2: where the user was going (went to $(location))" ;;
	esac
	is "$(last_session)" "$3 oidc" "$1 with $2: a session at $3"
	is "$(as "$jar" GET /account/sessions)" 200 "$1 with $2: the session works"
}
level fas 5_eid high
level fas 4_token substantial
level fas 2_password low
level itsme 6_itsme_advanced high
level itsme 3_itsme_basic substantial
ELISE=$(psql_q "SELECT id FROM persons WHERE nrn = '85073003328'")
is "$(psql_q "SELECT string_agg(issuer || ':' || subject || ':' || person_id, ' ' ORDER BY issuer) FROM authenticators WHERE kind = 'oidc'")" \
	"fas:elise:$ELISE itsme:elise:$ELISE" "each provider's subject is a way in to the person of the national number"
is "$(psql_q "SELECT given_names || ' ' || surname FROM persons WHERE id = '$ELISE'")" "Élise Marie Dubois-Lefèvre" \
	"with the names the provider gave"
is "$(psql_q "SELECT count(*) FROM oidc_sessions o JOIN sessions s ON s.id = o.session_id WHERE o.provider = 'itsme' AND o.subject = 'elise' AND s.method = 'oidc'")" 2 \
	"each session knows its provider session"
n=$(sessions_count)
is "$(oidc_login "$TMP/lvl-x" itsme elise 5_eid)" 400 "an acr the provider's map does not list (FAS's via itsme): refused"
contains "$TMP/body" "niveau de sécurité que le guichet ne connaît pas" "log in again, with why"
is "$(sessions_count)" "$n" "no session opened"

# --- step-up from an email code, the draft kept ---------------------------------------
S=$TMP/step
addr="oidc-step-$$-$(date +%s)@example.be"
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
is "$(code_login "$S" "$addr")" 303 "logged in with an email code"
ID=$(form_start "$S" RESIDENCE)
check "a draft is started" test -n "$ID"
is "$(residence_page "$S" "$ID" fr --form-string purpose=bank)" 303 "answered"
as "$S" GET "/forms/$ID/summary" >/dev/null
lacks "$TMP/body" 'name="submit_key"' "signing needs a higher level"
is "$(oidc_login "$S" fas marc 5_eid "%2Fforms%2F$ID%2Fsummary")" 303 "FAS at Level500 in the same browser"
is "$(location)" "/forms/$ID/summary" "back to the summary"
MARC=$(psql_q "SELECT id FROM persons WHERE nrn = '71041500101'")
is "$(dossier "$ID" owner_person_id)" "$MARC" "the draft belongs to the provider's person"
is "$(answer "$ID" address,street)" "Grote Markt" "with its answers"
is "$(as "$S" GET "/forms/$ID/summary")" 200 "the summary opens"
contains "$TMP/body" 'name="submit_key"' "and offers to sign now"

# --- a national number that fails its check, or is someone else's ------------------------
n=$(sessions_count)
is "$(oidc_login "$TMP/bad" fas badnrn 5_eid)" 400 "a national number that fails its checksum: refused"
contains "$TMP/body" "numéro de registre national valable" "log in again, with why"
is "$(sessions_count)" "$n" "no session opened"
lacks "$DIR/log/login.log" "85073003329" "the number is not in the log"
K=$TMP/conflict
is "$(eid_login jan /help "$K")" 303 "Jan logged in with his card"
is "$(oidc_login "$K" fas elise 5_eid)" 409 "Élise through FAS in Jan's browser: 409"
contains "$TMP/body" "est connecté dans ce navigateur" "the page says someone else is logged in"
is "$(as "$K" GET /account/sessions)" 200 "Jan is still logged in"
contains "$TMP/body" "Jan" "as Jan"

# --- stale, replayed and foreign callbacks ---------------------------------------------------
R=$TMP/replay
is "$(oidc_login "$R" fas elise 5_eid)" 303 "a login"
CB=$(cat "$TMP/callback")
is "$(as "$R" GET "${CB#"$BASE"}")" 400 "the same callback again (Back, reload, a replayed code): 400"
contains "$TMP/body" "déjà servi ou a expiré" "log in again"
contains "$TMP/body" 'href="/login/oidc/fas?return=%2Faccount%2Fsessions"' "with a link that starts again"
is "$(as "$R" GET "${CB#"$BASE"}" -H 'Accept-Language: nl')" 400 "in Dutch"
contains "$TMP/body" "Meld u opnieuw aan" "in the user's language"
is "$(as "$R" GET "${CB#"$BASE"}" -H 'Accept-Language: de')" 400 "in German"
contains "$TMP/body" "Melden Sie sich erneut an" "in the user's language"

A1=$TMP/browser-a B1=$TMP/browser-b
as "$A1" GET /login/oidc/fas >/dev/null
CB=$(idp_login "$(header Location)" elise 5_eid)
as "$B1" GET /login/oidc/fas >/dev/null	# B has a binding cookie of its own
n=$(sessions_count)
is "$(as "$B1" GET "${CB#"$BASE"}")" 400 "a state from another browser: 400"
contains "$TMP/body" "commencée dans un autre navigateur" "log in again, in this browser"
is "$(as "$A1" GET "${CB#"$BASE"}")" 400 "and the state is spent for its own browser too"
is "$(curl -s "${CA[@]}" -o "$TMP/body" -w '%{http_code}' "$CB")" 400 "a lost cookie: 400"
is "$(sessions_count)" "$n" "no session opened"

E=$TMP/expired
as "$E" GET /login/oidc/fas >/dev/null
CB=$(idp_login "$(header Location)" elise 5_eid)
psql_q "UPDATE oidc_requests SET expires_at = now() - interval '1 second' WHERE used_at IS NULL" >/dev/null
is "$(as "$E" GET "${CB#"$BASE"}")" 400 "an expired state: 400"
contains "$TMP/body" "déjà servi ou a expiré" "log in again"
as "$E" GET /login/oidc/fas >/dev/null
ST=$(header Location | sed 's/.*state=\([0-9a-f]*\).*/\1/')
is "$(as "$E" GET "/login/oidc/fas/callback?state=$ST&error=access_denied")" 400 "cancelled at the provider: 400"
contains "$TMP/body" "annulée" "says so"
is "$(as "$E" GET "/login/oidc/fas/callback?state=..%2F&code=x")" 400 "a malformed state: 400"
is "$(as "$E" GET "/login/oidc/fas/callback")" 400 "no parameters at all: 400"

# --- ID tokens the provider's answer was made to carry ------------------------------------
spoiled() {	# spoiled MODE NAME
	local n
	echo "$1" >"$MODE"
	n=$(sessions_count)
	is "$(oidc_login "$TMP/spoil-$1" fas elise 5_eid)" 400 "$2: refused"
	contains "$TMP/body" "pas pu être vérifiée" "$2: log in again"
	is "$(sessions_count)" "$n" "$2: no session"
}
spoiled tampered "a tampered ID token"
spoiled expired "an expired ID token"
spoiled audience "an ID token for another client"
spoiled issuer "an ID token from another issuer"
spoiled nonce "an ID token with another nonce"
spoiled unsigned "an unsigned ID token (alg none)"
spoiled wrongkey "an ID token signed with another key"
spoiled hmac "an ID token MACed with the provider's public key"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'login_failed' AND details->>'method' = 'oidc' AND details->>'reason' = 'token'")" 8 \
	"each refusal is audited"
lacks "$DIR/log/login.log" "eyJ" "no token in the log"

# A key rotation: the new kid fetches the key set again, once.  Workers
# fetch at most every 10 s, so the test waits that long first.
sleep 11
echo rotated >"$MODE"
is "$(oidc_login "$TMP/rotated" fas elise 5_eid)" 303 "a token under a new key: the key set is fetched again"
sleep 11
echo jwks-down >"$MODE"
is "$(oidc_login "$TMP/down" fas elise 5_eid)" 502 "the key set is down: 502"
contains "$TMP/body" "injoignable pour le moment" "a clear message"
contains "$TMP/body" "$EID_BASE/login/eid" "with the eID login"
is "$(eid_login elise /help "$TMP/down-eid")" 303 "and the eID login still works"
rm -f "$MODE"

# --- RP-initiated logout ---------------------------------------------------------------------
L=$TMP/logout
is "$(oidc_login "$L" fas elise 5_eid)" 303 "a login"
as "$L" GET /account/sessions >/dev/null
is "$(as "$L" POST /logout --data-urlencode "csrf=$(csrf_token)" -H "Origin: $BASE")" 303 "logging out"
END=$(header Location)
case $END in "$IDP/oauth2/logout?id_token_hint=eyJ"*"&post_logout_redirect_uri=https%3A%2F%2Flocalhost%3A$PORT%2Flogin%3Flogged_out%3D1"*)
	ok 0 "goes to the provider's end-session endpoint with the ID token" ;;
*) ok 1 "goes to the provider's end-session endpoint ($END)" ;; esac
curl -s "${CA[@]}" -b "$TMP/idp" -c "$TMP/idp" -o /dev/null -D "$TMP/idp-headers" "$END"
is "$(grep -i '^location:' "$TMP/idp-headers" | cut -d' ' -f2- | tr -d '\r')" "$BASE/login?logged_out=1" \
	"which ends its session and comes back to the login page"
case $(as "$L" GET /account/sessions) in 30[23]) ok 0 "the session is over here: to the login" ;;
*) ok 1 "the session is over here: to the login" ;; esac
as "$L" GET /login/oidc/fas >/dev/null
curl -s "${CA[@]}" -b "$TMP/idp" -c "$TMP/idp" -o "$TMP/idp-body" -D "$TMP/idp-headers" "$(header Location)"
contains "$TMP/idp-body" 'name="password"' "and at the provider: it asks to log in again"

# --- back-channel logout ---------------------------------------------------------------------
B=$TMP/bc1 C=$TMP/bc2
is "$(oidc_login "$B" fas jan 5_eid)" 303 "Jan logged in through FAS in one browser"
SB=$(psql_q "SELECT max(session_id) FROM oidc_sessions")
is "$(oidc_login "$C" fas jan 4_token)" 303 "and in another"
# LemonLDAP::NG 2.16 gives no sid: the test gives B's session one.
psql_q "UPDATE oidc_sessions SET sid = 'sid-of-b' WHERE session_id = $SB" >/dev/null
now=$(date +%s)
TOK=$(signed "$DIR/oidc/key.pem" llng-test-1 "{\"iss\":\"$IDP\",\"aud\":\"guichet-fas\",\"iat\":$now,\"jti\":\"$(jti)\",\"sid\":\"sid-of-b\",$BACKCHANNEL_EVENT}")
is "$(http POST /login/oidc/fas/backchannel --data-urlencode "logout_token=$TOK")" 200 "a logout token naming one provider session: 200"
is "$(as "$B" GET /account/sessions)" 303 "that session is over at once"
is "$(as "$C" GET /account/sessions)" 200 "the other one is not"
is "$(http POST /login/oidc/fas/backchannel --data-urlencode "logout_token=$TOK")" 400 "the same token again: 400"
contains "$TMP/body" '"error":"invalid_request"' "an OAuth error"
bad() {	# bad NAME KEY KID CLAIMS
	is "$(http POST /login/oidc/fas/backchannel --data-urlencode "logout_token=$(signed "$2" "$3" "$4")")" 400 "$1: 400"
}
openssl genrsa -out "$TMP/other.pem" 2048 2>/dev/null
base="\"iss\":\"$IDP\",\"aud\":\"guichet-fas\",\"iat\":$now,\"sub\":\"jan\""
bad "a logout token signed with another key" "$TMP/other.pem" llng-test-1 "{$base,\"jti\":\"$(jti)\",$BACKCHANNEL_EVENT}"
bad "a logout token without the event" "$DIR/oidc/key.pem" llng-test-1 "{$base,\"jti\":\"$(jti)\"}"
bad "a logout token with a nonce" "$DIR/oidc/key.pem" llng-test-1 "{$base,\"jti\":\"$(jti)\",\"nonce\":\"n\",$BACKCHANNEL_EVENT}"
bad "a logout token for another client" "$DIR/oidc/key.pem" llng-test-1 "{\"iss\":\"$IDP\",\"aud\":\"other\",\"iat\":$now,\"sub\":\"jan\",\"jti\":\"$(jti)\",$BACKCHANNEL_EVENT}"
bad "a logout token without jti" "$DIR/oidc/key.pem" llng-test-1 "{$base,$BACKCHANNEL_EVENT}"
is "$(http POST /login/oidc/fas/backchannel --data-urlencode 'logout_token=not.a.token')" 400 "garbage: 400"
is "$(http POST /login/oidc/fas/backchannel)" 400 "no token: 400"
is "$(as "$C" GET /account/sessions)" 200 "none of them ended anything"
TOK=$(signed "$DIR/oidc/key.pem" llng-test-1 "{$base,\"jti\":\"$(jti)\",$BACKCHANNEL_EVENT}")
is "$(http POST /login/oidc/fas/backchannel --data-urlencode "logout_token=$TOK")" 200 "a logout token naming the subject: 200"
is "$(as "$C" GET /account/sessions)" 303 "every session of the subject is over"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'logout' AND details->>'by' = 'backchannel'")" 2 "audited"
is "$(http POST /login/oidc/nobody/backchannel --data-urlencode "logout_token=$TOK")" 404 "an unknown provider: 404"

# --- our keys ----------------------------------------------------------------------------------
is "$(http GET /login/oidc/jwks)" 200 "our key set is published"
is "$(header Content-Type)" application/json "as JSON"
check "two public keys, one to sign, one to encrypt" python3 -c "
import json, sys
d = json.load(open('$TMP/body'))
assert sorted(k['use'] for k in d['keys']) == ['enc', 'sig']
assert all('d' not in k and 'p' not in k for k in d['keys'])"

done_testing
