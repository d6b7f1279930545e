#!/usr/bin/env bash
# A public kiosk through HTTP (docs/kiosk.md): the mode comes from nginx's
# server block and from nothing a client sends; a session opened there is
# a kiosk session with its short idle time on the server; the idle warning
# and its end work without JavaScript; "End my session" ends it on the
# server and in the browser (Clear-Site-Data); downloads are refused, even
# one a route forgot to declare; the site's origin cannot post to it; and
# the kiosk's eID host never resumes a TLS session.
. "$(dirname "$0")/lib.sh"
SITE=$BASE
KIOSK=https://localhost:$KIOSK_PORT
KIOSK_EID=https://localhost:$KIOSK_EID_PORT
IDLE=$KIOSK_IDLE_SECONDS WARN=$KIOSK_WARNING_SECONDS
J=$TMP/jan
make_pdfs

# --- the mode: the server block's, nobody else's ----------------------------------------
is "$(http GET /help)" 200 "the site's help centre"
lacks "$TMP/body" 'class="kiosk"' "is not a kiosk"
lacks "$TMP/body" 'http-equiv="refresh"' "and never reloads by itself"
is "$(http GET '/help?kiosk=1' -H 'Guichet-Kiosk: 1' -H 'GUICHET_KIOSK: 1')" 200 \
	"the site asked to be a kiosk by a parameter and headers"
lacks "$TMP/body" 'class="kiosk"' "stays the site"
BASE=$KIOSK
is "$(http GET /help)" 200 "the kiosk's help centre"
contains "$TMP/body" '<html lang="fr" class="kiosk">' "is a kiosk (larger type)"
contains "$TMP/body" "<meta http-equiv=\"refresh\" content=\"$IDLE;url=/\">" \
	"an anonymous page left alone goes back to the start after the idle time"
is "$(http GET /)" 302 "the kiosk's start"
is "$(location)" /login "is the login page"
is "$(http GET /login)" 200 "the login page"
lacks "$TMP/body" 'http-equiv="refresh"' "the start page stays"
contains "$TMP/body" "href=\"$KIOSK_EID/login/eid?return=" "its eID button leads to the kiosk's eID host"
is "$(http GET /inbox)" 404 "no back office at a kiosk"
is "$(http GET /api/v1/dossiers)" 404 "no API"

# --- a kiosk session ------------------------------------------------------------------------
EID_BASE=$KIOSK_EID
is "$(eid_login jan /dossiers "$J")" 303 "Jan logs in with his card at the kiosk"
is "$(psql_q "SELECT kiosk FROM sessions ORDER BY id DESC LIMIT 1")" t "a kiosk session"
is "$(as "$J" GET /dossiers)" 200 "his dossiers"
contains "$TMP/body" "<meta http-equiv=\"refresh\" content=\"$((IDLE - WARN));url=/login/idle?return=%2Fdossiers\">" \
	"the page reloads to the idle warning $WARN seconds before the end"
contains "$TMP/body" '<form method="post" action="/logout" class="kiosk-end">' "End my session, on the page"
contains "$TMP/body" "Terminer ma session" "in the user's language"
TOKEN=$(csrf_token)
is "$(as "$J" POST /login/idle --data-urlencode "csrf=$TOKEN" --data return=/dossiers -H "Origin: $SITE")" 403 \
	"a POST from the site's origin is refused at the kiosk"

# --- the idle warning: loading it keeps nothing alive ------------------------------------
psql_q "UPDATE sessions SET last_seen_at = now() - interval '$((IDLE - WARN + 1)) seconds'
	WHERE id = (SELECT max(id) FROM sessions)" >/dev/null
is "$(as "$J" GET '/login/idle?return=%2Fdossiers')" 200 "the warning"
contains "$TMP/body" "Êtes-vous toujours là ?" "asks whether the user is still there"
contains "$TMP/body" "<strong>$WARN</strong> secondes" "says how long is left"
contains "$TMP/body" "<meta http-equiv=\"refresh\" content=\"$WARN;url=/login/ended?return=%2Fdossiers\">" \
	"and ends by itself when nobody answers"
is "$(psql_q "SELECT now() - last_seen_at > interval '$((IDLE - WARN)) seconds' FROM sessions ORDER BY id DESC LIMIT 1")" t \
	"loading the warning is no sign of life"
is "$(as "$J" POST /login/idle --data-urlencode "csrf=$(csrf_token)" --data return=/dossiers -H "Origin: $KIOSK")" 303 \
	"I am still here"
is "$(location)" /dossiers "back where the user was"
is "$(psql_q "SELECT now() - last_seen_at < interval '5 seconds' FROM sessions ORDER BY id DESC LIMIT 1")" t \
	"the idle time starts anew"
is "$(as "$J" GET '/login/ended?return=%2Fdossiers')" 303 "a session used since the warning does not end"
is "$(psql_q "SELECT ended_at IS NULL FROM sessions ORDER BY id DESC LIMIT 1")" t "it is still open"

# --- the warning ran out: ended, and the terminal forgets ---------------------------------
idle_ends() { psql_q "SELECT count(*) FROM audit_log WHERE action = 'logout' AND details->>'why' = 'kiosk_idle'"; }
BEFORE=$(idle_ends)
psql_q "UPDATE sessions SET last_seen_at = now() - interval '$((IDLE - WARN + 2)) seconds'
	WHERE id = (SELECT max(id) FROM sessions)" >/dev/null
is "$(as "$J" GET '/login/ended?return=%2Fdossiers')" 200 "the end once the warning ran out"
is "$(header Clear-Site-Data)" '"cache", "cookies", "storage"' "the browser clears all the site left"
contains "$TMP/headers" "Set-Cookie: __Host-guichet=; Path=/; Max-Age=0" "the session cookie goes"
contains "$TMP/body" "Votre session est terminée" "the page says so"
lacks "$TMP/body" "Peeters" "and shows nothing of the person"
is "$(psql_q "SELECT ended_at IS NOT NULL FROM sessions ORDER BY id DESC LIMIT 1")" t "ended on the server"
is "$(idle_ends)" $((BEFORE + 1)) "audited as an idle end"

# --- the server's own idle limit, whatever the browser does ---------------------------------
J2=$TMP/jan2
eid_login jan /dossiers "$J2" >/dev/null
is "$(as "$J2" GET /dossiers)" 200 "a new kiosk session"
psql_q "UPDATE sessions SET last_seen_at = now() - interval '$((IDLE + 1)) seconds'
	WHERE id = (SELECT max(id) FROM sessions)" >/dev/null
is "$(as "$J2" GET /dossiers)" 303 "past the kiosk's idle time, the cookie opens nothing"
is "$(header Clear-Site-Data)" '"cache", "cookies", "storage"' "and the browser is told to forget"
S=$TMP/site
BASE=$SITE EID_BASE=https://localhost:$((PORT + 1))
eid_login jan /dossiers "$S" >/dev/null
psql_q "UPDATE sessions SET last_seen_at = now() - interval '$((IDLE + 1)) seconds'
	WHERE id = (SELECT max(id) FROM sessions)" >/dev/null
is "$(as "$S" GET /dossiers)" 200 "a site session idle as long lives on (30 minutes)"
BASE=$KIOSK
is "$(as "$S" GET /dossiers)" 303 "a session opened elsewhere opens nothing at a kiosk"
is "$(psql_q "SELECT ended_at IS NULL FROM sessions ORDER BY id DESC LIMIT 1")" t "nor is it ended there"

# --- "my sessions" from another device ---------------------------------------------------
J5=$TMP/jan5
EID_BASE=$KIOSK_EID
eid_login jan /dossiers "$J5" >/dev/null
K5=$(psql_q "SELECT max(id) FROM sessions")
BASE=$SITE EID_BASE=https://localhost:$((PORT + 1))
S5=$TMP/site5
eid_login jan /account/sessions "$S5" >/dev/null
is "$(as "$S5" GET /account/sessions)" 200 "Jan's sessions, on the site"
contains "$TMP/body" "/account/sessions/$K5/end" "list the kiosk's, with a way to end it"
contains "$TMP/body" "borne publique" "named as a public kiosk"
psql_q "UPDATE sessions SET last_seen_at = now() - interval '$((IDLE + 1)) seconds' WHERE id = $K5" >/dev/null
is "$(as "$S5" GET /account/sessions)" 200 "once it idled out"
lacks "$TMP/body" "/account/sessions/$K5/end" "it is no longer listed as open"
BASE=$KIOSK

# --- the next person logs in while the last one's session is open ---------------------------
EID_BASE=$KIOSK_EID
N=$TMP/next
eid_login jan /dossiers "$N" >/dev/null
JAN_S=$(psql_q "SELECT max(id) FROM sessions")
is "$(eid_login elise /dossiers "$N")" 303 "Élise logs in where Jan left his session open: no conflict page"
is "$(psql_q "SELECT ended_at IS NOT NULL FROM sessions WHERE id = $JAN_S")" t "Jan's session ends"
is "$(psql_q "SELECT p.nrn FROM sessions s JOIN persons p ON p.id = s.person_id ORDER BY s.id DESC LIMIT 1")" \
	85073003328 "the new one is Élise's"
as "$N" GET /dossiers >/dev/null
lacks "$TMP/body" "Peeters" "nothing of Jan on her pages"

# --- no downloads ---------------------------------------------------------------------------
J3=$TMP/jan3
eid_login jan /dossiers "$J3" >/dev/null
ID=$(form_start "$J3" RESIDENCE)
residence_page "$J3" "$ID" fr --form-string 'purpose=bank' >/dev/null
is "$(form_submit "$J3" "$ID")" 303 "a request sent at the kiosk"
REF=$(dossier "$ID" reference)
is "$(as "$J3" GET "/forms/$ID/receipt")" 200 "its receipt page"
lacks "$TMP/body" "receipt.pdf" "without the PDF's link"
contains "$TMP/body" "Pas de téléchargement sur cette borne" "but says where to find it"
is "$(as "$J3" GET "/forms/$ID/receipt.pdf")" 403 "the PDF itself: 403"
contains "$TMP/body" "ne peuvent pas être téléchargés sur cette borne" "saying why"
lacks "$TMP/headers" "Content-Disposition" "and nothing to save"
DOC=$(psql_q "SELECT dossier_document($ID, NULL, NULL, 'certificate', 'Certificat de résidence', 'certificat.pdf',
	decode('$(xxd -p "$TMP/ok.pdf" | tr -d '\n')', 'hex'), NULL)")
is "$(as "$J3" GET "/dossiers/$REF")" 200 "the dossier's page"
contains "$TMP/body" "Certificat de résidence" "names the document"
lacks "$TMP/body" "href=\"/documents/$DOC\"" "without a link to download it"
is "$(as "$J3" GET /documents)" 200 "the vault"
lacks "$TMP/body" "href=\"/documents/$DOC\"" "lists it without a link"
is "$(as "$J3" GET "/documents/$DOC")" 403 "the document itself: 403"
BASE=$SITE
is "$(as "$J3" GET "/documents/$DOC")" 200 "the same cookie on the site downloads it (the person's own device)"

BASE=$KIOSK
is "$(http GET /login/oidc/jwks)" 403 "a file a route did not declare a download is refused at the kiosk too"
BASE=$SITE
is "$(http GET /login/oidc/jwks)" 200 "(the site serves it)"
BASE=$KIOSK

# --- End my session ----------------------------------------------------------------------------
as "$J3" GET /dossiers >/dev/null
is "$(as "$J3" POST /logout --data-urlencode "csrf=$(csrf_token)" -H "Origin: $KIOSK")" 303 "End my session"
is "$(location)" "/login?logged_out=1" "back to the kiosk's start"
is "$(header Clear-Site-Data)" '"cache", "cookies", "storage"' "the browser clears all the site left"
is "$(psql_q "SELECT ended_at IS NOT NULL FROM sessions ORDER BY id DESC LIMIT 1")" t "ended on the server"
as "$J3" GET /dossiers >/dev/null
case $(location) in /login*) ok 0 "the next request is nobody's" ;;
*) ok 1 "the next request is nobody's (got $(location))" ;; esac

# --- a certificate at the kiosk: in the vault, not downloaded, checked there by its code --------
BASE=$KIOSK
EK=$TMP/elise-kiosk
eid_login elise /certificates "$EK" >/dev/null
as "$EK" GET /certificates/RESIDENCE >/dev/null
is "$(as "$EK" POST /certificates/RESIDENCE -H "Origin: $KIOSK" --data-urlencode "csrf=$(csrf_token)" \
	--data lang=fr --data delivery=vault)" 303 "Élise asks for a residence certificate at the kiosk"
CREF=$(location | sed -n 's|^/certificates/requests/||p')
as "$EK" GET "/certificates/requests/$CREF" >/dev/null
contains "$TMP/body" 'data-status="issued"' "it is issued at once"
lacks "$TMP/body" 'href="/documents/' "its page has no link to download it"
contains "$TMP/body" "imprimante de la borne" "but says where it is, and that it prints here"
contains "$TMP/body" "href=\"/certificates/requests/$CREF/print\"" "with the way to print it"
is "$(as "$EK" GET "/certificates/requests/$CREF/print")" 200 "the print view at the kiosk: 200"
case $(header Content-Type) in text/html*) ok 0 "a page, not a file: nothing to save" ;;
*) ok 1 "a page: $(header Content-Type)" ;; esac
lacks "$TMP/headers" "Content-Disposition" "nothing offered as a download"
contains "$TMP/body" 'class="kiosk"' "a kiosk page (its session's idle time and End my session)"
contains "$TMP/body" 'id="certificate" lang="fr"' "the certificate, in its language"
contains "$TMP/body" "Rue des Guillemins 12 bte B, 4000 Liège" "what it certifies, from the data it was issued with"
contains "$TMP/body" "<dd class=\"reference\">$CREF</dd>" "its reference"
contains "$TMP/body" "Service Population" "its issuer"
contains "$TMP/body" "touche d&#39;impression de la borne" "and how to print it at the terminal"
contains "$TMP/body" 'src="/static/print.js"' "a Print button, from a script of the site's own (CSP)"
contains "$TMP/body" 'data-print hidden' "hidden until that script runs: without scripts the page says how"
# the QR code drawn in the page decodes to the certificate's verification page
python3 - "$TMP/body" "$TMP/qr.pbm" <<'PY'
import re, sys
h = open(sys.argv[1], encoding='utf-8').read()
svg = re.search(r'<svg class="qr" viewBox="0 0 (\d+) \d+".*?</svg>', h, re.S)
n, scale = int(svg.group(1)), 8
px = [[0] * (n * scale) for _ in range(n * scale)]
for x, y, w in re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="1"/>', svg.group(0)):
    for yy in range(int(y) * scale, (int(y) + 1) * scale):
        for xx in range(int(x) * scale, (int(x) + int(w)) * scale):
            px[yy][xx] = 1
with open(sys.argv[2], 'w') as f:
    f.write('P1\n%d %d\n' % (n * scale, n * scale))
    for row in px:
        f.write(' '.join(map(str, row)) + '\n')
PY
PCODE=$(grep -o '<strong class="code" id="code">[^<]*' "$TMP/body" | sed 's/.*>//')
is "$(zbarimg -q --raw "$TMP/qr.pbm" 2>/dev/null | head -1)" "https://localhost:$PORT/verify/$PCODE" \
	"its QR code, read by a scanner, is the certificate's public verification page (the site's)"
is "$(psql_q "SELECT verify_code FROM documents d JOIN certificate_requests r ON r.document_id = d.id
	WHERE r.reference = '$CREF'")" "${PCODE//-/}" "the code printed is the certificate's own"
is "$(as "$EK" GET "/certificates/requests/C-2026-999999/print")" 404 "no one's: 404"
CDOC=$(psql_q "SELECT document_id FROM certificate_requests WHERE reference = '$CREF'")
is "$(as "$EK" GET "/documents/$CDOC")" 403 "the certificate itself: 403 at the kiosk"
CCODE=$(psql_q "SELECT substr(verify_code, 1, 4) || '-' || substr(verify_code, 5, 4) || '-' || substr(verify_code, 9)
	FROM documents WHERE id = $CDOC")
as "$EK" GET /documents >/dev/null
contains "$TMP/body" "href=\"/verify/$CCODE\"" "the vault links to its verification page"
is "$(as "$EK" GET "/verify/$CCODE")" 200 "which the kiosk serves (no 404 at the terminal)"
contains "$TMP/body" 'class="kiosk"' "as a kiosk page"
contains "$TMP/body" "Certificat de résidence" "naming the certificate"
check "the kiosk's access log has no code either" \
	sh -c "! grep -q '$CCODE' '$DIR/log/nginx-access.log'"
# the register away: the request's page reloads itself, and is left there
REGISTER=http://127.0.0.1:$((PORT + 83))
curl -s -o /dev/null -X POST "$REGISTER/_mode/down"
as "$EK" GET /certificates/HOUSEHOLD >/dev/null
as "$EK" POST /certificates/HOUSEHOLD -H "Origin: $KIOSK" --data-urlencode "csrf=$(csrf_token)" \
	--data lang=fr --data delivery=vault >/dev/null
QREF=$(location | sed -n 's|^/certificates/requests/||p')
as "$EK" GET "/certificates/requests/$QREF/wait" >/dev/null
is "$(header Refresh)" "2; url=/certificates/requests/$QREF/wait" \
	"a queued request's page at the kiosk reloads itself, passively"
KS=$(psql_q "SELECT max(id) FROM sessions WHERE kiosk AND ended_at IS NULL")
psql_q "UPDATE sessions SET last_seen_at = now() - make_interval(secs => $((IDLE - WARN + 1))) WHERE id = $KS" >/dev/null
as "$EK" GET "/certificates/requests/$QREF/wait" >/dev/null
is "$(header Refresh)" "2; url=/login/idle?return=%2Fcertificates%2Frequests%2F$QREF" \
	"left alone until the warning is due, it reloads to the idle warning"
is "$(psql_q "SELECT now() - last_seen_at > make_interval(secs => $((IDLE - WARN))) FROM sessions WHERE id = $KS")" t \
	"its reloads kept nothing alive"
curl -s -o /dev/null -X POST "$REGISTER/_mode/normal"

# --- a login through the OpenID provider ends there too -----------------------------------
IDP=https://localhost:$OIDC_PORT
O=$TMP/oidc
is "$(as "$O" GET '/login/oidc/fas?return=%2Fdossiers')" 303 "FAS's login from the kiosk"
case $(header Location) in *"redirect_uri=https%3A%2F%2Flocalhost%3A$KIOSK_PORT%2Flogin%2Foidc%2Ffas%2Fcallback"*)
	ok 0 "comes back to the kiosk" ;;
*) ok 1 "comes back to the kiosk ($(header Location))" ;; esac
is "$(oidc_login "$O" fas elise 5_eid /dossiers)" 303 "Élise logs in through the provider at the kiosk"
is "$(psql_q "SELECT kiosk::text || ' ' || method FROM sessions ORDER BY id DESC LIMIT 1")" "true oidc" \
	"a kiosk session"
as "$O" GET /dossiers >/dev/null
is "$(as "$O" POST /logout --data-urlencode "csrf=$(csrf_token)" -H "Origin: $KIOSK")" 303 "End my session"
is "$(header Clear-Site-Data)" '"cache", "cookies", "storage"' "the browser clears all the site left"
END=$(header Location)
case $END in "$IDP/oauth2/logout?id_token_hint=eyJ"*"&post_logout_redirect_uri=https%3A%2F%2Flocalhost%3A$KIOSK_PORT%2Flogin%3Flogged_out%3D1"*)
	ok 0 "to the provider's end-session endpoint, coming back to the kiosk" ;;
*) ok 1 "to the provider's end-session endpoint, coming back to the kiosk ($END)" ;; esac
curl -s "${CA[@]}" -b "$TMP/idp" -c "$TMP/idp" -o /dev/null -D "$TMP/idp-headers" "$END"
is "$(grep -i '^location:' "$TMP/idp-headers" | cut -d' ' -f2- | tr -d '\r')" "$KIOSK/login?logged_out=1" \
	"which ends the provider's session and lands on the kiosk's start"
as "$O" GET /login/oidc/fas >/dev/null
curl -s "${CA[@]}" -b "$TMP/idp" -c "$TMP/idp" -o "$TMP/idp-body" "$(header Location)"
contains "$TMP/idp-body" 'name="password"' "the next person is asked to log in at the provider"

# --- the kiosk's eID host never resumes a TLS session ------------------------------------------
# tls_resumed PORT VERSION: "Reused" if a second handshake resumed the
# first (whose session, and TLS 1.3 ticket, it kept); "New" otherwise
tls_resumed() {
	local s=$TMP/tls-session
	rm -f "$s"
	sleep 1 | timeout 10 openssl s_client -connect "localhost:$1" -CAfile "$DIR/pki/ca.crt" \
		"$2" -sess_out "$s" >/dev/null 2>&1
	local again=()
	[ -s "$s" ] && again=(-sess_in "$s")	# none kept: nothing to resume
	echo | timeout 10 openssl s_client -connect "localhost:$1" -CAfile "$DIR/pki/ca.crt" \
		"$2" "${again[@]}" 2>/dev/null | grep -oE '^(New|Reused)'
}
is "$(tls_resumed "$PORT" -tls1_2)" Reused "(the site resumes TLS 1.2 sessions: the check sees resumption)"
is "$(tls_resumed "$PORT" -tls1_3)" Reused "(and TLS 1.3 ones)"
is "$(tls_resumed "$KIOSK_EID_PORT" -tls1_2)" New "the kiosk's eID host never resumes a TLS 1.2 session"
is "$(tls_resumed "$KIOSK_EID_PORT" -tls1_3)" New "nor a TLS 1.3 one"
R=$(echo | timeout 20 openssl s_client -connect "localhost:$KIOSK_EID_PORT" -CAfile "$DIR/pki/ca.crt" \
	-tls1_2 -reconnect 2>/dev/null | grep -c '^Reused')
is "$R" 0 "openssl s_client -reconnect: no handshake reused"

# --- the terminal's browser policy (conf/kiosk/policies.json) --------------------------------
POLICY=$SRC/conf/kiosk/policies.json
policy() {	# policy KEY/KEY...: a policy's value, as JSON
	python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["policies"]
v=p
for k in sys.argv[2].split("/"): v=v[k]
print(json.dumps(v))' "$POLICY" "$1" 2>/dev/null; }
check "the Firefox policy is JSON" python3 -m json.tool "$POLICY"
HOME_URL=$(policy Homepage/URL | tr -d '"')
is "$HOME_URL" "https://$(sed -n 's/^ *server_name \(borne[^;]*\);/\1/p' "$SRC/conf/nginx/guichet-kiosk.conf" | head -1)/" \
	"its start page is the kiosk site's"
is "$(policy Homepage/StartPage)" '"homepage-locked"' "locked"
is "$(policy PrivateBrowsingModeAvailability)" 2 "no history: private browsing only"
is "$(policy SanitizeOnShutdown/History),$(policy SanitizeOnShutdown/Cookies),$(policy SanitizeOnShutdown/Cache)" \
	true,true,true "and everything cleared when it closes"
is "$(policy PasswordManagerEnabled),$(policy OfferToSaveLogins),$(policy DisableFormHistory)" false,false,true \
	"no password or form saving"
is "$(policy Preferences/security.default_personal_cert/Value)" '"Ask Every Time"' \
	"the card's certificate is asked for at every login"
is "$(policy Preferences/print.always_print_silent/Value),$(policy Preferences/print.always_print_silent/Status)" \
	'true,"locked"' "printing goes straight to the terminal's printer: no dialog, no 'save as PDF'"
is "$(policy PrintingEnabled),$(policy DisableBuiltinPDFViewer)" true,true "printing on, no PDF viewer to save from"
check "only the kiosk's hosts and the providers are reached" \
	grep -q '"https://eid-borne.guichet.example.be/\*"' "$POLICY"

# --- the shipped production site for kiosks, under nginx with the module ------------------
# guichet.conf and guichet-kiosk.conf together, as a hosting team enables
# them: the site and the kiosk share a port by name, the kiosk's eID host
# has an address of its own.
PP=$((PORT + 62)) PE=$((PORT + 63)) P80=$((PORT + 64))
PROD=$TMP/prod
prod_conf guichet guichet-kiosk
trap 'prod_stop; rm -rf "$TMP"' EXIT
nginx -t -q -c "$PROD/nginx.conf" -p "$PROD" >"$TMP/nginx-t.log" 2>&1
ok $? "nginx -t accepts the production site with its kiosks"
sed 's/^/# /' "$TMP/nginx-t.log"
nginx -c "$PROD/nginx.conf" -p "$PROD" 2>>"$TMP/nginx-t.log"
ok $? "and starts"
prod() {	# prod HOST PORT PATH [curl args]: status of https://HOST/PATH
	curl -sk --connect-to "::127.0.0.1:$2" -o "$TMP/body" -D "$TMP/headers" \
		-w '%{http_code}' "${@:4}" "https://$1$3"
}
is "$(prod guichet.example.be "$PP" /help)" 200 "production: the site's help centre"
lacks "$TMP/body" 'class="kiosk"' "is not a kiosk"
is "$(prod borne.guichet.example.be "$PP" /help)" 200 "production: the kiosk's, on the same port by name"
contains "$TMP/body" 'class="kiosk"' "is a kiosk"
is "$(prod borne.guichet.example.be "$PP" /inbox)" 404 "production: no back office at the kiosk"
is "$(prod borne.guichet.example.be "$PP" /verify)" 200 "production: the public verification at the kiosk"
contains "$TMP/body" 'class="kiosk"' "as a kiosk page"
is "$(prod borne.guichet.example.be "$PP" /)" 302 "production: the kiosk's start"
is "$(location)" /login "is its login page"
R=$(echo | timeout 20 openssl s_client -connect "127.0.0.1:$PE" -servername eid-borne.guichet.example.be \
	-tls1_2 -reconnect 2>/dev/null | grep -c '^Reused')
is "$R" 0 "production: the kiosk's eID host never resumes a TLS session"
R=$(echo | timeout 20 openssl s_client -connect "127.0.0.1:$PP" -servername guichet.example.be \
	-tls1_2 -reconnect 2>/dev/null | grep -c '^Reused')
check "(production: the site's port does, so the check sees resumption)" test "$R" -gt 0
prod_stop

done_testing
