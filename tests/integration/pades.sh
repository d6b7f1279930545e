#!/usr/bin/env bash
# The PDFs the counter issues carry their seal (PAdES, lib/pades.c): a
# receipt and a decision letter downloaded over HTTP verify with pdfsig
# (poppler-utils, without OCSP) as signed, unmodified and whole, with
# openssl cms over their /ByteRange against the seal's CA, and carry a
# timestamp of the stack's TSA (B-T) with its certificate; a copy with a
# byte changed inside the signed range, and one with an incremental
# update appended after the signature, fail; with the TSA down a letter is
# sealed all the same, B-B.
. "$(dirname "$0")/lib.sh"
J=$TMP/jan A=$TMP/agathe
make_pdfs

# --- the receipt ---------------------------------------------------------------------------------
eid_login jan /procedures/RESIDENCE "$J" >/dev/null
ID=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID" fr --form-string purpose=bank >/dev/null
is "$(form_submit "$J" "$ID")" 303 "Jan sends a residence request"
REF=$(dossier "$ID" reference)
is "$(as "$J" GET "/forms/$ID/receipt.pdf")" 200 "he downloads the PDF receipt"
cp "$TMP/body" "$TMP/receipt.pdf"
pades_ok receipt "$TMP/receipt.pdf"
pdftotext "$TMP/receipt.pdf" - 2>/dev/null | grep -q "$REF"
is "$?" 0 "the receipt still reads (its reference)"
tampered receipt "$TMP/receipt.pdf"

# --- the decision letter ---------------------------------------------------------------------------
eid_login agathe /inbox "$A" >/dev/null
# close: the decision, once the dossier is acknowledged and in processing
close() {	# close ID [curl -F args]: status
	local id=$1
	shift
	act "$A" "$id" receive >/dev/null
	act "$A" "$id" process >/dev/null
	act "$A" "$id" close "$@"
}
is "$(close "$ID" -F 'decision=granted' -F 'body=Domicile établi.')" 303 \
	"Agathe closes it: granted"
DOC=$(psql_q "SELECT id FROM documents WHERE dossier_id = $ID AND kind = 'decision'")
is "$(as "$J" GET "/documents/$DOC")" 200 "Jan downloads the decision letter"
cp "$TMP/body" "$TMP/letter.pdf"
is "$(psql_q "SELECT encode(sha256, 'hex') || ' ' || size FROM documents WHERE id = $DOC")" \
	"$(sha256sum "$TMP/letter.pdf" | cut -d' ' -f1) $(stat -c %s "$TMP/letter.pdf")" \
	"the vault holds the sealed bytes, its digest and size theirs"
pades_ok letter "$TMP/letter.pdf"
psql_q "SELECT encode(seal, 'base64') FROM documents WHERE id = $DOC" | base64 -d >"$TMP/letter.p7s"
check "the detached seal stored beside it covers the sealed PDF too" openssl cms -verify -binary \
	-inform DER -in "$TMP/letter.p7s" -content "$TMP/letter.pdf" -CAfile "$DIR/pki/seal-ca.crt" \
	-purpose any -out /dev/null
tampered letter "$TMP/letter.pdf"

# --- an uploaded letter that cannot take the seal keeps its bytes ------------------------------------
ID2=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID2" fr --form-string purpose=bank >/dev/null
form_submit "$J" "$ID2" >/dev/null
is "$(close "$ID2" -F 'decision=granted' -F 'body=Voir la lettre.' \
	-F "file=@$TMP/ok.pdf;type=application/pdf")" 303 "a letter of the agent's own, without an xref table"
DOC2=$(psql_q "SELECT id FROM documents WHERE dossier_id = $ID2 AND kind = 'decision'")
as "$J" GET "/documents/$DOC2" >/dev/null
check "it is stored as it came" cmp -s "$TMP/body" "$TMP/ok.pdf"
is "$(psql_q "SELECT seal IS NOT NULL FROM documents WHERE id = $DOC2")" t "with the detached seal"

# --- the TSA down: sealed all the same, without a timestamp ----------------------------------------------
kill "$(cat "$DIR/run/tsa.pid")"
sleep 0.5
ID3=$(form_start "$J" RESIDENCE)
residence_page "$J" "$ID3" fr --form-string purpose=bank >/dev/null
form_submit "$J" "$ID3" >/dev/null
is "$(as "$J" GET "/forms/$ID3/receipt.pdf")" 200 "with the TSA down, the receipt comes all the same"
cp "$TMP/body" "$TMP/bb.pdf"
pdfsig -no-ocsp "$TMP/bb.pdf" >"$TMP/sig" 2>&1
contains "$TMP/sig" "Signature is Valid" "sealed, valid"
admin_cmd pdf check "$TMP/bb.pdf" >"$TMP/check" 2>&1
contains "$TMP/check" ": ok, no timestamp" "without a timestamp (B-B)"
grep -q '"pades: no timestamp' "$DIR"/log/forms.log
is "$?" 0 "and the forms program logged it"
(. "$SRC/conf/dev/stack"; stack_ports; tsa_start) >/dev/null 2>&1
done_testing
