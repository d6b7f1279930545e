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

# pades_ok NAME FILE: the checks every sealed PDF passes
pades_ok() {
	local name=$1 f=$2 br
	pdfsig -no-ocsp "$f" >"$TMP/sig" 2>&1
	contains "$TMP/sig" "Signature is Valid" "$name: pdfsig says the signature is valid"
	contains "$TMP/sig" "Total document signed" "$name: over the whole document"
	contains "$TMP/sig" "Signature Type: ETSI.CAdES.detached" "$name: a PAdES signature"
	contains "$TMP/sig" "Guichet test seal" "$name: by the seal"
	br=$(grep -ao '/ByteRange \[[0-9 ]*' "$f" | tail -1 | tr -dc '0-9 ' | xargs)
	set -- $br 0 0 0 0
	{ head -c "$2" "$f"; tail -c +$(($3 + 1)) "$f" | head -c "$4"; } >"$TMP/signed"
	tail -c +$(($2 + 2)) "$f" | head -c $(($3 - $2 - 2)) | xxd -r -p >"$TMP/sig.der"
	check "$name: openssl cms verifies it over /ByteRange, to the seal's CA" \
		openssl cms -verify -binary -inform DER -in "$TMP/sig.der" -content "$TMP/signed" \
		-CAfile "$DIR/pki/seal-ca.crt" -purpose any -out /dev/null
	is "$(($4 + $3))" "$(stat -c %s "$f")" "$name: the ranges end where the file ends"
	openssl cms -cmsout -print -inform DER -in "$TMP/sig.der" >"$TMP/cms.txt" 2>&1
	contains "$TMP/cms.txt" "signingCertificateV2" "$name: ESS signing-certificate-v2"
	contains "$TMP/cms.txt" "id-smime-aa-timeStampToken" "$name: a signature timestamp (B-T)"
	contains "$TMP/cms.txt" "Guichet test TSA" "$name: by the stack's TSA"
	admin_cmd pdf check "$f" >"$TMP/check" 2>&1
	contains "$TMP/check" ": ok, timestamped" "$name: guichet-admin pdf check agrees"
}

# tampered NAME FILE: a byte changed inside the signed range, an update appended
tampered() {
	local name=$1 f=$2
	cp "$f" "$TMP/byte.pdf"
	printf 'X' | dd of="$TMP/byte.pdf" bs=1 seek=300 conv=notrunc 2>/dev/null
	pdfsig -no-ocsp "$TMP/byte.pdf" >"$TMP/sig" 2>&1
	lacks "$TMP/sig" "Signature is Valid" "$name, one byte changed: pdfsig does not call it valid"
	admin_cmd pdf check "$TMP/byte.pdf" >"$TMP/check" 2>&1
	is "$?" 1 "$name, one byte changed: the check fails"
	contains "$TMP/check" ": broken" "as broken"
	local size start root
	size=$(stat -c %s "$f")
	start=$(tail -c 40 "$f" | sed -n '/startxref/{n;p}')
	root=$(grep -ao '/Root [0-9]* 0 R' "$f" | tail -1 | cut -d' ' -f2)
	cp "$f" "$TMP/grown.pdf"
	{
		printf '9999 0 obj\n<< /Title (changed) >>\nendobj\n'
		printf 'xref\n9999 1\n%010d 00000 n\r\n' "$size"
		printf 'trailer\n<< /Size 10000 /Root %s 0 R /Info 9999 0 R /Prev %s >>\n' "$root" "$start"
		printf 'startxref\n%d\n%%%%EOF\n' $((size + 41))
	} >>"$TMP/grown.pdf"
	pdfinfo "$TMP/grown.pdf" >"$TMP/info" 2>&1
	contains "$TMP/info" "changed" "$name, an update appended: readers take it"
	pdfsig -no-ocsp "$TMP/grown.pdf" >"$TMP/sig" 2>&1
	lacks "$TMP/sig" "Total document signed" "$name, an update appended: pdfsig says not all is signed"
	admin_cmd pdf check "$TMP/grown.pdf" >"$TMP/check" 2>&1
	contains "$TMP/check" ": appended" "$name, an update appended: the check says so"
}

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
