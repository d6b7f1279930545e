#!/usr/bin/env bash
# The edge as browsers and scanners meet it: HSTS on every response, the TLS
# suites offered, the anti-forgery Origin check over HTTPS; then the shipped
# production site (conf/nginx/guichet.conf) run for real in front of this
# stack's programs, and what both shipped configurations must hold.  TAP.
. "$(dirname "$0")/lib.sh"

HSTS="max-age=31536000"
EID_PORT=${EID_BASE##*:}

get() {	# get URL [curl args]: status; headers in $TMP/headers
	local url=$1
	shift
	curl -s "${CA[@]}" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$url"
}
hsts_once() {	# hsts_once NAME: exactly one HSTS header in the last response
	is "$(grep -ci '^strict-transport-security:' "$TMP/headers")" 1 "$1: one HSTS header"
	is "$(header Strict-Transport-Security)" "$HSTS" "$1: HSTS, a year"
}

# --- HSTS on every response of every server ---------------------------------------
is "$(get "$BASE/static/guichet.css")" 200 "a file under /static/"
hsts_once "/static/ (a location with add_header of its own)"
is "$(header X-Content-Type-Options)" nosniff "/static/ keeps its own header"
is "$(get "$BASE/no-such-page")" 404 "a page nginx does not know"
hsts_once "nginx's error page"
is "$(get "$BASE/help/articles/no-such-article")" 404 "an article the help centre does not know"
hsts_once "a program's error page"
is "$(get "$BASE/account/sessions")" 302 "a personal page without a session"
hsts_once "the module's redirect to the login"
is "$(get "$BASE/help")" 200 "a program's page"
hsts_once "a program's page"
is "$(get "$EID_BASE/login/eid" --cert "$cards/elise.pem")" 303 "the eID host's login"
hsts_once "the eID host's login"
is "$(get "$EID_BASE/login/eid")" 403 "the eID host without a card"
hsts_once "the eID host's refusal page"
is "$(get "$EID_BASE/static/guichet.css")" 200 "the eID host's stylesheet"
hsts_once "the eID host's /static/"
is "$(get "$EID_BASE/anything-else")" 404 "the eID host serves nothing else"
hsts_once "the eID host's 404"
is "$(get "https://localhost:$API_PORT/")" 404 "the API port outside /api/"
hsts_once "the API port"

# --- TLS: AEAD suites only ------------------------------------------------------------
tls() {	# tls PORT CIPHERS [s_client args]: s_client's status, its output in $TMP/tls
	openssl s_client -connect "127.0.0.1:$1" -servername localhost -tls1_2 \
		-cipher "$2" "${@:3}" </dev/null >"$TMP/tls" 2>&1
	echo $?
}
for p in "$PORT:site" "$EID_PORT:eID host" "$API_PORT:API port"; do
	port=${p%%:*} name=${p#*:}
	ok "$([ "$(tls "$port" 'AES128-SHA:CAMELLIA128-SHA:ARIA128-GCM-SHA256')" != 0 ] && echo 0 || echo 1)" \
		"$name: TLS 1.2 with CBC, CAMELLIA and ARIA suites only does not connect"
	ok "$([ "$(tls "$port" 'ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384')" != 0 ] && echo 0 || echo 1)" \
		"$name: nor with ECDHE but CBC"
	is "$(tls "$port" 'ECDHE-RSA-AES128-GCM-SHA256')" 0 "$name: ECDHE with AES-GCM connects"
	contains "$TMP/tls" "Cipher is ECDHE-RSA-AES128-GCM-SHA256" "$name: on that suite"
	is "$(tls "$port" 'ECDHE-RSA-CHACHA20-POLY1305')" 0 "$name: ECDHE with ChaCha20-Poly1305 connects"
done

# --- the anti-forgery Origin check: scheme, host and port exactly ------------------
J=$TMP/elise.jar
is "$(eid_login elise /account/sessions "$J")" 303 "logged in with the eID card"
is "$(as "$J" GET /account/sessions)" 200 "the account page"
tok=$(csrf_token)
logout() {	# logout ORIGIN: status of a logout with a good token
	as "$J" POST /logout -H "Origin: $1" --data-urlencode "csrf=$tok"
}
is "$(logout "http://localhost:$PORT")" 403 "attack: the site's host and port over plain HTTP: 403"
is "$(logout "https://localhost:$PORT.evil.example")" 403 "attack: the site's port followed by another domain: 403"
is "$(logout "https://localhost:$EID_PORT")" 403 "another port of the same host: 403"
is "$(logout "https://localhost")" 403 "the default port, which is not the site's: 403"
is "$(logout "https://localhost:$PORT/")" 403 "an origin with a path: 403"
is "$(as "$J" GET /account/sessions)" 200 "the session survived the forged logouts"
is "$(logout "https://LOCALHOST:$PORT")" 303 "the site's origin, host in capitals: the logout is done"
is "$(as "$J" GET /account/sessions)" 302 "and the session is over"

# --- the production site, run in front of this stack's programs -------------------
# Its paths become this stack's; its three TLS servers share one port as
# they share 443 in production, told apart by name.
PP=$((PORT + 60))
P80=$((PORT + 61))
PROD=$TMP/prod
prod_conf guichet
trap 'prod_stop; rm -rf "$TMP"' EXIT
nginx -t -q -c "$PROD/nginx.conf" -p "$PROD" >"$TMP/nginx-t.log" 2>&1
ok $? "nginx -t accepts the production site with the module"
sed 's/^/# /' "$TMP/nginx-t.log"
nginx -c "$PROD/nginx.conf" -p "$PROD" 2>>"$TMP/nginx-t.log"
ok $? "the production site starts"

prod() {	# prod HOST PATH [curl args]: status of https://HOST/PATH on the production site
	curl -sk --connect-to "::127.0.0.1:$PP" -o "$TMP/body" -D "$TMP/headers" \
		-w '%{http_code}' "${@:3}" "https://$1$2"
}
S=guichet.example.be E=eid.guichet.example.be A=api.guichet.example.be
is "$(prod $S /static/guichet.css)" 200 "production: a file under /static/"
hsts_once "production /static/"
is "$(header X-Content-Type-Options)" nosniff "production /static/ keeps its own header"
is "$(prod $S /help)" 200 "production: the help centre"
hsts_once "production, a program's page"
is "$(prod $S /no-such-page)" 404 "production: a page nginx does not know"
hsts_once "production, nginx's error page"
is "$(prod $A /api/v1/nothing)" 404 "production: the API host, a route it does not have"
hsts_once "production, the API host"
is "$(prod $E /login/eid --cert "$cards/lukasz.pem")" 303 \
	"production: a foreigner's card (the foreigners' policy) logs in"
hsts_once "production, the eID host"
case $(header Location) in
"$BASE/login/complete?ticket="*) ok 0 "production: handed to the site with a ticket" ;;
*) ok 1 "production: handed to the site with a ticket"; echo "#   $(header Location)" ;;
esac
is "$(prod $E /login/eid --cert "$cards/expired.pem" -H 'Accept-Language: en')" 403 \
	"production: an expired card is refused"
hsts_once "production, the refusal page"
contains "$TMP/body" "The certificates on your card have expired" "production: the page says it is expired"
is "$(psql_q "SELECT details->>'reason' FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1")" \
	expired "production: the audit says why"
is "$(prod $E /login/eid --cert "$cards/wrong-policy.pem")" 403 "production: a card without an authentication policy is refused"
is "$(psql_q "SELECT details->>'reason' FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1")" \
	no_auth_policy "production: the audit says why"
is "$(prod $E /)" 404 "production: the eID host serves nothing else"
hsts_once "production, the eID host's 404"
for h in $S $E $A; do
	openssl s_client -connect "127.0.0.1:$PP" -servername $h -tls1_2 \
		-cipher 'AES128-SHA:CAMELLIA128-SHA:ARIA128-GCM-SHA256' </dev/null >/dev/null 2>&1
	ok "$([ $? != 0 ] && echo 0 || echo 1)" "production $h: no CBC, CAMELLIA or ARIA suite"
	openssl s_client -connect "127.0.0.1:$PP" -servername $h -tls1_2 \
		-cipher 'ECDHE-RSA-AES256-GCM-SHA384' </dev/null >/dev/null 2>&1
	ok $? "production $h: ECDHE with AES-GCM"
done
is "$(curl -s -o /dev/null -D "$TMP/headers" -w '%{http_code}' --connect-to "::127.0.0.1:$P80" \
	"http://$S/help")" 301 "production: plain HTTP is sent to HTTPS"
is "$(header Location)" "https://$S/help" "production: to the same path"
lacks "$PROD/error.log" 05031212360 "production: no national number in the error log"
prod_stop

# --- what both shipped configurations hold -----------------------------------------
CHECK=$(dirname "$0")/nginx-conf-check
"$CHECK" "$SRC/conf/nginx/guichet.conf" "$SRC/conf/nginx/guichet-kiosk.conf" \
	"$SRC/conf/dev/nginx.conf.in" >"$TMP/check" 2>&1
ok $? "the shipped configurations: TLS and HSTS from their includes, no return under eid on, both policies"
sed 's/^/# /' "$TMP/check"
# the check itself finds what it is for
cat >"$TMP/bad.conf" <<'EOF'
server {
    listen 443 ssl;
    ssl_certificate x.crt;
    ssl_ciphers HIGH;
    include guichet-tls.conf;
    eid_policy 2.16.56.12.1.1.2.2;
    location /a { eid_issuer "CN=x"; eid on; return 200; }
    location /b { add_header X-B b; }
}
EOF
"$CHECK" "$TMP/bad.conf" >"$TMP/check"
contains "$TMP/check" "does not include guichet-hsts.conf" "the check finds a server without HSTS"
contains "$TMP/check" "sets ssl_ciphers itself" "the check finds ciphers set outside the include"
contains "$TMP/check" "location /a answers with return/rewrite under eid on" "the check finds a return under eid on"
contains "$TMP/check" "location /b has add_header without guichet-hsts.conf" "the check finds a location that drops HSTS"
contains "$TMP/check" "lacks the policies 2.16.56.12.1.1.7.2" "the check finds the foreigners' policy missing"
contains "$TMP/check" "sets eid_issuer below the server" "the check finds the issuers set below the server"

done_testing
