#!/usr/bin/env bash
# The eID module in the real nginx, in the manner of nginx's own tests: each
# card of the test PKI against the eID port, then session cookies.  TAP.
. "$(dirname "$0")/lib.sh"

cards=$DIR/eid/cards
# the audit rows of this test are those after the last one before it
audit0=$(psql_q "SELECT coalesce(max(id), 0) FROM audit_log")

# card_get CARD PATH [curl args]: status; headers in $TMP/headers
card_get() {
	local card=$1 path=$2
	shift 2
	curl -s --cacert "$DIR/pki/ca.crt" ${card:+--cert "$cards/$card.pem"} \
		-o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$@" "$EID_BASE$path"
}

# --- accepted cards, and what the programs are told ----------------------------
is "$(card_get elise /_test/whoami)" 200 "a citizen's authentication certificate is accepted"
is "$(header X-Eid-Nrn)" 85073003328 "national number from the subject serialNumber"
is "$(header X-Eid-Given-Names)" "Élise Marie" "given names in UTF-8, accents intact"
is "$(header X-Eid-Surname)" "Dubois-Lefèvre" "surname in UTF-8"
is "$(header X-Eid-Assurance)" high "assurance level high"
is "$(header X-Eid-Issuer)" "serialNumber=201801,CN=Citizen CA,C=BE" "issuer"
fp=$(openssl x509 -in "$cards/elise.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr A-F a-f)
is "$(header X-Eid-Fingerprint)" "$fp" "SHA-256 fingerprint of the certificate"
openssl x509 -in "$cards/lukasz.crt" -noout -text >"$TMP/lukasz.txt"
contains "$TMP/lukasz.txt" "Policy: 2.16.56.12.1.1.7.2" "the foreigner's card carries the foreigners' authentication policy"
lacks "$TMP/lukasz.txt" "Policy: 2.16.56.12.1.1.2.2" "and not the citizens' one"
is "$(card_get lukasz /_test/whoami)" 200 "a Foreigner CA card with the foreigners' policy is accepted"
is "$(header X-Eid-Given-Names) $(header X-Eid-Surname)" "Łukasz Wójcik" "non-Latin-1 letters intact"
is "$(header X-Eid-Nrn)" 05031212360 "a number of someone born after 2000 (the 2-prefixed check)"
is "$(card_get jan /_test/whoami -H 'Eid-Nrn: 12345678901' -H 'EID_NRN: 12345678901' \
	-H 'X-Eid-Nrn: 12345678901')" 200 "headers named like the module's variables"
is "$(header X-Eid-Nrn)" 90010100123 "change nothing: the identity is the card's"

# --- a foreigner logs in ---------------------------------------------------------------
F=$TMP/foreigner.jar
is "$(eid_login lukasz /account/sessions "$F")" 303 "a foreigner's card logs in (ticket taken by the site)"
is "$(curl -s "${CA[@]}" -b "$F" -o "$TMP/body" -w '%{http_code}' "$BASE/account/sessions")" 200 \
	"the foreigner's session opens their account"
contains "$TMP/body" "Łukasz Wójcik" "under the card's names"
is "$(psql_q "SELECT count(*) FROM persons WHERE nrn = '05031212360'")" 1 "the foreigner is a person, by national number"

# --- refused cards: one clear page in the user's language, status 403, the reason
# in the log and in the audit trail --------------------------------------------------
declare -A title=(
	[fr]="Votre carte n&#39;a pas été acceptée" [nl]="Uw kaart werd niet aanvaard"
	[de]="Ihre Karte wurde nicht angenommen" [en]="Your card was not accepted")
refused() {	# refused CARD NAME LOG-TEXT REASON LANG WHY-TEXT
	local before
	before=$(wc -l <"$DIR/log/nginx-error.log")
	is "$(card_get "$1" /_test/whoami -H "Accept-Language: $5")" 403 "$2: 403"
	contains "$TMP/body" "${title[$5]}" "$2: the refusal page, from the login program, in $5"
	contains "$TMP/body" "$6" "$2: says in plain words which case it is"
	is "$(header X-Eid-Nrn)" "" "$2: no identity passed on"
	is "$(psql_q "SELECT details->>'reason' FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1")" \
		"$4" "$2: the audit says why ($4)"
	local i found=1
	# the worker that refused may write its line a moment after answering
	for i in $(seq 30); do
		if tail -n +"$((before + 1))" "$DIR/log/nginx-error.log" | grep -qF -- "$3"; then
			found=0
			break
		fi
		sleep 0.1
	done
	ok $found "$2: reason logged ($3)"
}
refused "" "no certificate" "eid: card refused: no client certificate" no_certificate \
	nl "Er bereikte ons geen certificaat van uw kaart"
refused elise-sign "the signature certificate" "unsuitable certificate purpose" signature_certificate \
	fr "Vous avez choisi le certificat « Signature »"
refused expired "an expired card" "certificate has expired" expired \
	de "Die Zertifikate Ihrer Karte sind abgelaufen"
refused revoked "a revoked card (local OCSP responder)" "certificate revoked" revoked \
	en "The certificates on your card have been revoked"
refused wrong-policy "the signature policy on an authentication key" "no eID authentication policy" \
	no_auth_policy fr "Cette carte ou ce certificat n&#39;est pas accepté ici"
refused bad-checksum "a national number failing mod 97" "serialNumber is not a national register number" \
	invalid_number de "Diese Karte oder dieses Zertifikat wird hier nicht angenommen"
refused other-ca "a CA under the root but not on the allow-list" "issuer not on the allow-list" \
	issuer_not_allowed nl "Deze kaart of dit certificaat wordt hier niet aanvaard"
refused evil "a card from an unrelated CA" "unable to verify" unknown_issuer \
	en "This card or certificate is not accepted here"
# What the operator must act on is kept by Debian's default error log (level
# error): a card refused for its issuer or policy, with the issuer and the
# policy to read; what the holder did is a notice.
grep -F 'eid: card refused: issuer not on the allow-list' "$DIR/log/nginx-error.log" >"$TMP/issuer.log"
contains "$TMP/issuer.log" '[error]' "the issuer not on the allow-list is logged at level error"
contains "$TMP/issuer.log" 'issuer "CN=Test Other CA,C=BE"' "with the issuer seen, as eid_issuer writes it"
grep -F 'eid: card refused: no eID authentication policy' "$DIR/log/nginx-error.log" >"$TMP/policy.log"
contains "$TMP/policy.log" '[error]' "a policy not listed is logged at level error"
contains "$TMP/policy.log" 'policy "2.16.56.12.1.1.2.1"' "with the card's policy"
grep -F 'eid: card refused: serialNumber' "$DIR/log/nginx-error.log" >"$TMP/number.log"
contains "$TMP/number.log" '[notice]' "a refusal for the card's own fault is a notice"
is "$(psql_q "SELECT details->>'issuer' FROM audit_log WHERE id > $audit0 AND action = 'login_failed' AND details->>'reason' = 'issuer_not_allowed'")" \
	"CN=Test Other CA,C=BE" "the audit keeps the issuer seen"
is "$(psql_q "SELECT details->>'verify' FROM audit_log WHERE id > $audit0 AND action = 'login_failed' AND details->>'reason' = 'no_auth_policy'")" \
	"SUCCESS" "where nginx's verdict said SUCCESS, the reason says why the module refused"
lacks "$DIR/log/nginx-error.log" 85073003329 "the refused card's number is not in the log"
is "$(psql_q "SELECT count(*) FROM audit_log WHERE id > $audit0 AND action = 'login_failed' AND details->>'method' = 'eid'")" 8 \
	"every refusal is in the audit trail"
is "$(psql_q "SELECT details->>'verify' FROM audit_log WHERE id > $audit0 AND action = 'login_failed' AND details->>'verify' LIKE '%revoked%'")" \
	"FAILED:certificate revoked" "with nginx's verdict"
is "$(card_get revoked /_test/whoami -H 'Accept-Language: nl')" 403 "a refusal in Dutch"
contains "$TMP/body" "Uw kaart werd niet aanvaard" "is explained in Dutch"
kill "$(cat "$DIR/run/login.pid")"
sleep 0.5
is "$(card_get evil /_test/whoami)" 403 "with the login program away, still 403"
contains "$TMP/body" "Your card was not accepted" "and the static page in four languages"
"$BUILD/cgi-bin/login/guichet-login" --conf "$DIR/guichet.conf" --listen "$DIR/run/login.sock" \
	--log "$DIR/log/login.log" </dev/null >/dev/null 2>&1 &
echo $! >"$DIR/run/login.pid"
for i in $(seq 50); do [ -S "$DIR/run/login.sock" ] && break; sleep 0.1; done
lacks "$DIR/log/nginx-error.log" 85073003328 "no card's national number is in the log"
lacks "$DIR/log/nginx-error.log" 90010100123 "not even of cards that were refused"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -o "$TMP/body" -w '%{http_code}' "$EID_BASE/static/guichet.css")" 200 \
	"the refusal page's stylesheet loads without a card"

# --- session cookies --------------------------------------------------------------------
key=$(od -An -tx1 -v "$DIR/secret" | tr -d ' \n')
cookie() {	# cookie ID EXPIRY: a cookie signed with the stack's secret
	local mac
	mac=$(printf 'sess|%s.%s' "$1" "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -r | cut -d' ' -f1)
	echo "$1.$2.$mac"
}
id=$(openssl rand -hex 32)
future=$(($(date +%s) + 3600))
good=$(cookie "$id" "$future")

sess() {	# sess COOKIE [curl args]: status of /_test/session
	curl -s --cacert "$DIR/pki/ca.crt" -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' \
		${1:+-H "Cookie: other=1; __Host-guichet=$1"} "${@:2}" "$BASE/_test/session/page?x=1"
}
is "$(sess "$good")" 200 "a signed, unexpired session cookie passes"
is "$(header X-Eid-Session)" "$id $future" "the session id and expiry are passed on"
is "$(sess "")" 302 "no cookie: a browser is sent to log in"
is "$(header Location | sed 's|^https://[^/]*||')" "/login?return=%2F_test%2Fsession%2Fpage%3Fx%3D1" "with the path to come back to, encoded"
last=${good: -1}
[ "$last" = 0 ] && flip=1 || flip=0
is "$(sess "${good%?}$flip")" 302 "a cookie with a wrong signature is refused"
is "$(sess "$(cookie "$id" $(($(date +%s) - 10)))")" 302 "an expired cookie is refused"
other=$(openssl rand -hex 32)
forged="$other.$future.${good##*.}"
is "$(sess "$forged")" 302 "another id under a stolen signature is refused"
is "$(sess "$id.$((future + 86400)).${good##*.}")" 302 "a lengthened expiry breaks the signature"
is "$(sess "not-a-cookie")" 302 "a malformed cookie is refused"
is "$(sess "$(cookie "$(echo "$id" | tr a-f A-F)" "$future")")" 302 "an id outside lower-case hex is refused"
is "$(sess "" -X POST -d a=1)" 401 "a POST without a session gets 401, not a redirect"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -o /dev/null -D "$TMP/headers" -w '%{http_code}' \
	"$BASE//evil.example/_test/session")" 404 "//host paths do not reach the session check"
contains "$DIR/log/nginx-error.log" "eid: session cookie with a wrong signature" "a forged cookie is logged"

done_testing
