#!/usr/bin/env bash
# The stack's time-stamping authority (conf/dev/tsa-server, OpenSSL's TS
# responder in long-lived processes) speaks RFC 3161 over HTTP like any
# real one: its tokens are checked by "openssl ts -verify" against the
# query's data and the seal CA, each has a serial of its own, many asked
# at once are all granted, a token does not verify another file, and
# anything that is not a timestamp query is refused with 400.
. "$(dirname "$0")/lib.sh"

URL=$(sed -n 's/^tsa\.url *= *//p' "$DIR/guichet.conf" | tail -1)
PKI=$DIR/pki
check "the stack names its authority" test -n "$URL"

# stamp NAME: NAME.tsq for NAME (a file), NAME.tsr the reply; the status
stamp() {
	openssl ts -query -data "$TMP/$1" -sha256 -cert -out "$TMP/$1.tsq" 2>/dev/null
	curl -s -o "$TMP/$1.tsr" -w '%{http_code}' -H 'Content-Type: application/timestamp-query' \
		--data-binary "@$TMP/$1.tsq" "$URL"
}
verify() {	# verify DATA REPLY
	openssl ts -verify -data "$TMP/$1" -in "$TMP/$2" -CAfile "$PKI/seal-ca.crt" \
		-untrusted "$PKI/tsa.crt" 2>&1
}

echo "the letter of $(date)" >"$TMP/a"
is "$(stamp a)" 200 "a timestamp query is answered"
curl -s -D "$TMP/h" -o /dev/null -H 'Content-Type: application/timestamp-query' \
	--data-binary "@$TMP/a.tsq" "$URL"
contains "$TMP/h" "application/timestamp-reply" "as application/timestamp-reply"
is "$(verify a a.tsr | tail -1)" "Verification: OK" "openssl ts -verify: the token is the TSA's, for this data"
openssl ts -reply -in "$TMP/a.tsr" -text >"$TMP/a.txt" 2>/dev/null
contains "$TMP/a.txt" "Status: Granted." "granted"
contains "$TMP/a.txt" "Policy OID: 1.3.6.1.4.1.99999.1.1" "under the stack's policy"
contains "$TMP/a.txt" "Hash Algorithm: sha256" "over the SHA-256 imprint asked"
contains "$TMP/a.txt" "Accuracy: 0x01 seconds" "accurate to the second"
contains "$TMP/a.txt" "Nonce: 0x" "the query's nonce returned"
# the token's signed attributes: ESS signing-certificate-v2 (RFC 5816)
openssl ts -reply -in "$TMP/a.tsr" -token_out -out "$TMP/a.tok" 2>/dev/null
openssl cms -cmsout -print -inform DER -in "$TMP/a.tok" >"$TMP/a.cms" 2>/dev/null
contains "$TMP/a.cms" "id-smime-aa-signingCertificateV2" "the signer named by ESS signing-certificate-v2"

echo "another letter" >"$TMP/b"
is "$(stamp b)" 200 "a second query"
verify b a.tsr >"$TMP/ba" ; lacks "$TMP/ba" "Verification: OK" "the first token does not verify the second file"
serial() { openssl ts -reply -in "$TMP/$1" -text 2>/dev/null | sed -n 's/^Serial number: //p'; }
[ -n "$(serial a.tsr)" ] && [ "$(serial a.tsr)" != "$(serial b.tsr)" ]
ok $? "each token has a serial of its own"

# two queries on one kept connection (as libcurl sends them from a guichet
# process): both answered, the second without a new connection
q=(-H 'Content-Type: application/timestamp-query' --data-binary "@$TMP/a.tsq" "$URL")
curl -s -o "$TMP/k1.tsr" -w '%{num_connects} ' "${q[@]}" --next -s -o "$TMP/k2.tsr" \
	-w '%{num_connects}' "${q[@]}" >"$TMP/connects"
is "$(cat "$TMP/connects")" "1 0" "a second query on the same connection"
is "$(verify a k2.tsr | tail -1)" "Verification: OK" "answered with a good token"

# many at once: all granted, all verified, serials distinct
for i in $(seq 40); do echo "letter $i" >"$TMP/m$i"; done
for i in $(seq 40); do (stamp "m$i" >"$TMP/m$i.code") & done
wait
good=0
for i in $(seq 40); do
	[ "$(cat "$TMP/m$i.code")" = 200 ] && verify "m$i" "m$i.tsr" | grep -q '^Verification: OK' &&
		good=$((good + 1))
	serial "m$i.tsr"
done >"$TMP/serials"
is "$good" 40 "40 queries at once: all granted and verified"
is "$(sort -u "$TMP/serials" | wc -l)" 40 "with 40 serials"

# the HTTP side refuses what is not a timestamp query
code() { curl -s -o /dev/null -w '%{http_code}' "$@" "$URL"; }
is "$(code)" 400 "GET: 400"
is "$(code --data-binary "@$TMP/a.tsq" -H 'Content-Type: text/plain')" 400 "another Content-Type: 400"
is "$(code --data-binary 'x' -H 'Content-Type: application/timestamp-query' -H 'Content-Length: 99999')" 400 \
	"a body beyond the limit: 400"
head -c 300 /dev/urandom >"$TMP/junk"
is "$(code --data-binary "@$TMP/junk" -H 'Content-Type: application/timestamp-query')" 200 \
	"junk DER: answered (RFC 3161: a rejection, not a token)"
curl -s -o "$TMP/junk.tsr" -H 'Content-Type: application/timestamp-query' --data-binary "@$TMP/junk" "$URL"
openssl ts -reply -in "$TMP/junk.tsr" -text 2>/dev/null | grep -q 'Status: Rejected'
ok $? "the reply to junk says Rejected"
is "$(stamp a)" 200 "and it still answers after all that"

done_testing
