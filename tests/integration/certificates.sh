#!/usr/bin/env bash
# Certificates on demand through HTTP (docs/certificates.md): each of the
# ten types asked, issued (at once, or after an agent's check), in the
# vault as a sealed PDF whose text carries the register's values, with
# the data used stored beside it; the agents' check, refusal with grounds
# and revocation; the figures; and the bad input: a person the register
# does not know, a type whose data the register lacks, a postal address
# with a postal code that does not exist.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise J=$TMP/jan N=$TMP/nadia A=$TMP/agathe B=$TMP/bruno

# pdf_text REF: the text of the request's certificate, from the vault over HTTP.
pdf_text() {
	local jar=$1 ref=$2 doc
	doc=$(req_col "$ref" document_id)
	as "$jar" GET "/documents/$doc" >/dev/null
	cp "$TMP/body" "$TMP/cert.pdf"
	pdftotext -q "$TMP/cert.pdf" - | tr '\n' ' ' | tr -s ' '
}

START=$(psql_q "SELECT now()")
is "$(eid_login elise /certificates "$E")" 303 "Élise logs in with her card"
is "$(as "$E" GET /certificates)" 200 "the catalogue: 200"
is "$(grep -o 'href="/certificates/[A-Z_]*"' "$TMP/body" | sort -u | wc -l)" 10 "ten types online"
contains "$TMP/body" "Composition de ménage" "named in the user's language"

# --- the seven automatic types, issued while Élise waits -------------------------------
declare -A WANT=(
	[RESIDENCE]="Rue des Guillemins 12 bte B, 4000 Liège"
	[RESIDENCE_HISTORY]="Boulevard d'Avroy 88, 4000 Liège"
	[HOUSEHOLD]="Łukasz Wójcik"
	[NATIONALITY]="nationalité belge"
	[LIFE]="est en vie à la date du présent certificat"
	[COHABITATION]="12/06/2021 à Liège"
	[POPULATION_EXTRACT]="Lieu de naissance Liège"
)
for code in RESIDENCE RESIDENCE_HISTORY HOUSEHOLD NATIONALITY LIFE COHABITATION POPULATION_EXTRACT; do
	is "$(cert_request "$E" "$code" --data lang=fr --data delivery=vault)" 303 "$code: asked, 303"
	ref=$(cref)
	is "$(req_col "$ref" status) $(req_col "$ref" automatic)" "issued t" "$code: issued at once, automatically"
	as "$E" GET "/certificates/requests/$ref" >/dev/null
	contains "$TMP/body" 'data-status="issued"' "$code: its page says issued"
	lacks "$TMP/headers" "Refresh:" "$code: and does not refresh itself"
	text=$(pdf_text "$E" "$ref")
	case $text in *"${WANT[$code]}"*) ok 0 "$code: the PDF prints the register's value (${WANT[$code]})" ;;
	*) ok 1 "$code: the PDF prints the register's value (${WANT[$code]}): $text" ;; esac
	case $text in *"Élise Marie Dubois-Lefèvre"*"$ref"*|*"$ref"*"Élise Marie Dubois-Lefèvre"*) ok 0 "$code: names the person and the reference" ;;
	*) ok 1 "$code: names the person and the reference" ;; esac
	is "$(req_col "$ref" "register_data->'address'->>'street'")" "Rue des Guillemins" "$code: the register's data stored with it"
	is "$(psql_q "SELECT kind || ' ' || (seal IS NOT NULL) || ' ' || (dossier_id IS NULL) FROM documents WHERE id = $(req_col "$ref" document_id)")" \
		"certificate true true" "$code: a sealed certificate in the vault"
done
check "the household lists both members with their relation" grep -q "partenaire" <(pdf_text "$E" "$ref")
as "$E" GET /documents >/dev/null
contains "$TMP/body" "Extrait des registres de la population" "the vault lists them"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_issued' AND created_at >= '$START' AND person_id = (SELECT id FROM persons WHERE nrn = '85073003328')")" 7 "and the user is notified of each"

# the seal verifies over the PDF as stored
doc=$(req_col "$ref" document_id)
psql_q "SELECT encode(seal, 'base64') FROM documents WHERE id = $doc" | base64 -d >"$TMP/seal.der"
psql_q "SELECT encode(content, 'base64') FROM documents WHERE id = $doc" | base64 -d >"$TMP/stored.pdf"
check "the CMS seal verifies over the PDF" openssl cms -verify -binary -inform DER -in "$TMP/seal.der" \
	-content "$TMP/stored.pdf" -noverify -out /dev/null
pdfsig -no-ocsp "$TMP/stored.pdf" >"$TMP/sig" 2>&1
contains "$TMP/sig" "Signature is Valid" "the certificate carries its seal: pdfsig says it is valid"
contains "$TMP/sig" "Total document signed" "and that it covers the whole document"
CCODE=$(pdftotext "$TMP/stored.pdf" - 2>/dev/null |
	grep -oE '[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}' | head -1)
is "$(psql_q "SELECT verify_code FROM documents WHERE id = $doc")" "${CCODE//-/}" \
	"the verification code printed on the certificate is its own"
is "$(as "$TMP/stranger" GET "/verify/$CCODE")" 200 "its public page answers without login"
contains "$TMP/body" "Valable" "and says it is valid"
lacks "$TMP/body" "Dubois" "without the holder's name"
contains <(pdftotext "$TMP/stored.pdf" - 2>/dev/null | tr '\n' ' ') "Toute personne à qui vous montrez ce document" \
	"the certificate explains its code to the holder"
pdftoppm -r 150 -png "$TMP/stored.pdf" "$TMP/cert-page" 2>/dev/null
is "$(zbarimg -q --raw "$TMP"/cert-page*.png 2>/dev/null | head -1)" "$BASE/verify/$CCODE" \
	"its QR code, read from the page at 150 dpi, is its page's address"
as "$TMP/stranger" GET "/verify/$CCODE" >/dev/null
is "$(as "$TMP/stranger" POST "/verify/$CCODE" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode "birth_date=30/07/1985")" 200 "its code with Élise's date of birth"
contains "$TMP/body" "née à cette date" "matches"
contains "$TMP/body" "Dubois-Lefèvre" "names the holder"
contains "$TMP/body" "<strong class=\"reference\">$ref</strong>" "with the certificate's reference, printed on it"
printf 'x' >>"$TMP/stored.pdf"
check "and not over a changed one" bash -c "! openssl cms -verify -binary -inform DER -in '$TMP/seal.der' -content '$TMP/stored.pdf' -noverify -out /dev/null 2>/dev/null"

# --- in another language ------------------------------------------------------------------
is "$(cert_request "$E" RESIDENCE --data lang=nl --data delivery=vault)" 303 "in Dutch: 303"
text=$(pdf_text "$E" "$(cref)")
case $text in *"Bewijs van woonst"*"Dienst Bevolking"*"30/07/1985"*) ok 0 "the certificate is in Dutch, issuer included" ;;
*) ok 1 "the certificate is in Dutch: $text" ;; esac

# --- delivery by post --------------------------------------------------------------------
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=other \
	--data-urlencode 'street=Rue Haute' --data number=5 --data postcode=1234 --data locality=Nulle-part)" 400 \
	"by post to a postal code that does not exist: 400"
contains "$TMP/body" "Ce code postal n" "the form says why"
contains "$TMP/body" 'value="Rue Haute"' "and keeps what was typed"
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=other \
	--data-urlencode 'street=Rue Haute' --data number=5 --data postcode=12 --data locality=X)" 400 \
	"a postal code of two digits: 400"
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=other \
	--data-urlencode 'street=Rue Haute' --data number=5 --data postcode=1000 --data locality=Bruxelles)" 303 \
	"by post to a real postal code: 303"
ref=$(cref)
is "$(req_col "$ref" "postal_address->>'postcode'") $(req_col "$ref" status)" "1000 issued" "the address kept, the certificate issued"
is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=registered)" 303 \
	"by post to the registered address: 303"
is "$(req_col "$(cref)" "postal_address->>'registered'")" true "kept as the registered address"
is "$(cert_request "$E" RESIDENCE --data lang=xx --data delivery=drone)" 400 "an unknown language and delivery: 400"

# --- bad input: the register does not know the person, or lacks the data ---------------------
before=$(psql_q "SELECT count(*) FROM certificate_requests")
is "$(eid_login nadia /certificates "$N")" 303 "Nadia, whom the register does not know, logs in"
is "$(cert_request "$N" RESIDENCE --data lang=fr --data delivery=vault)" 404 "her request: 404"
contains "$TMP/body" "ne connaît pas votre numéro national" "with a clear message"
contains "$TMP/body" "été délivré et votre demande n" "saying nothing was issued"
is "$(cert_request "$E" MARRIAGE_EXTRACT --data lang=fr --data delivery=vault)" 409 \
	"a marriage extract for Élise, who has no marriage act: 409"
contains "$TMP/body" "ne contient pas de données pour ce certificat" "said so"
is "$(psql_q "SELECT count(*) FROM certificate_requests")" "$before" "nothing stored for either"
as "$E" GET /certificates/LIFE >/dev/null
is "$(as "$E" POST /certificates/LIFE -H "Origin: $BASE" --data lang=fr --data delivery=vault)" 403 \
	"a request without the form's token: 403"
is "$(psql_q "SELECT count(*) FROM certificate_requests")" "$before" "stores nothing"
is "$(psql_q "SELECT count(*) FROM documents d JOIN persons p ON p.id = d.person_id WHERE p.nrn = '92041512329'")" 0 \
	"nothing in Nadia's vault"

# --- the three checked types: the agent checks, issues, refuses, revokes --------------------
is "$(cert_request "$E" BIRTH_EXTRACT --data lang=fr --data delivery=vault)" 303 "a birth extract: 303"
BIRTH=$(cref)
is "$(req_col "$BIRTH" status)" checking "it waits for an agent"
as "$E" GET "/certificates/requests/$BIRTH" >/dev/null
contains "$TMP/body" "Un agent vérifie" "the page says so"
eid_login jan /certificates "$J" >/dev/null
is "$(cert_request "$J" MARRIAGE_EXTRACT --data lang=nl --data delivery=vault)" 303 "Jan asks a marriage extract"
MARRIAGE=$(cref)
is "$(cert_request "$J" DEATH_EXTRACT --data lang=nl --data delivery=vault)" 303 "and a death extract"
DEATH=$(cref)
is "$(cert_request "$J" BIRTH_EXTRACT --data lang=en --data delivery=vault)" 303 "and a birth extract, in English"
JBIRTH=$(cref)

eid_login agathe /inbox/certificates "$A" >/dev/null
is "$(as "$A" GET /inbox/certificates)" 200 "Agathe's certificates to check: 200"
for r in "$BIRTH" "$MARRIAGE" "$DEATH" "$JBIRTH"; do contains "$TMP/body" "$r" "lists $r"; done
id=$(req_col "$MARRIAGE" id)
is "$(as "$A" GET "/inbox/certificates/$id")" 200 "the marriage extract's request: 200"
contains "$TMP/body" "Sofie Claes" "the agent sees the register's data as printed"
contains "$TMP/body" "civil_status.marriage.act" "and the data themselves"
is "$(psql_q "SELECT count(*) FROM access_log WHERE purpose = 'certificate_check' AND at >= '$START' AND person_id = (SELECT id FROM persons WHERE nrn = '90010100123')")" 1 \
	"the opening is in Jan's access log"
is "$(as "$A" POST "/inbox/certificates/$id/issue" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 303 "issued: 303"
is "$(req_col "$MARRIAGE" "status || ' ' || automatic || ' ' || (agent_id IS NOT NULL)")" "issued false true" "issued, checked, by her"
text=$(pdf_text "$J" "$MARRIAGE")
case $text in *"Uittreksel uit de huwelijksakte"*"2018/0311"*"Sofie Claes"*"26/05/2018"*) ok 0 "Jan's marriage extract prints the act" ;;
*) ok 1 "Jan's marriage extract prints the act: $text" ;; esac
as "$A" GET "/inbox/certificates/$id" >/dev/null
is "$(as "$A" POST "/inbox/certificates/$id/issue" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 409 "issued twice: 409"
is "$(psql_q "SELECT count(*) FROM documents WHERE title LIKE 'Uittreksel uit de huwelijksakte%' AND issued_at >= '$START'")" 1 "one document only"

id=$(req_col "$DEATH" id)
as "$A" GET "/inbox/certificates/$id" >/dev/null
as "$A" POST "/inbox/certificates/$id/issue" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" >/dev/null
text=$(pdf_text "$J" "$DEATH")
case $text in *"Pieter Peeters"*"10/02/2024"*"(ouder)"*) ok 0 "Jan's death extract prints the deceased, the date and his relation" ;;
*) ok 1 "the death extract: $text" ;; esac
id=$(req_col "$BIRTH" id)
as "$A" GET "/inbox/certificates/$id" >/dev/null
as "$A" POST "/inbox/certificates/$id/issue" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" >/dev/null
text=$(pdf_text "$E" "$BIRTH")
case $text in *"1985/2214"*"Henri Dubois"*"Claire Lefèvre"*) ok 0 "Élise's birth extract prints the act and her parents" ;;
*) ok 1 "the birth extract: $text" ;; esac

id=$(req_col "$JBIRTH" id)
as "$A" GET "/inbox/certificates/$id" >/dev/null
is "$(as "$A" POST "/inbox/certificates/$id/refuse" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" --data grounds=)" 400 \
	"refused without grounds: 400"
contains "$TMP/body" "Écrivez les motifs" "asked for them"
is "$(as "$A" POST "/inbox/certificates/$id/refuse" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode "grounds=The act is kept in Antwerp; ask there.")" 303 "refused with grounds: 303"
is "$(req_col "$JBIRTH" "status || ' ' || (document_id IS NULL)")" "refused true" "refused, nothing issued"
as "$J" GET "/certificates/requests/$JBIRTH" >/dev/null
contains "$TMP/body" "The act is kept in Antwerp; ask there." "Jan reads the grounds"
is "$(psql_q "SELECT count(*) FROM notification_outbox WHERE kind = 'certificate_refused' AND payload->>'reference' = '$JBIRTH'")" 1 "and is notified"

id=$(req_col "$MARRIAGE" id)
is "$(as "$A" POST "/inbox/certificates/$id/revoke" -H "Origin: $BASE" --data-urlencode "revoke_reason=Forged")" 403 \
	"a revocation without the form's token: 403"
is "$(req_col "$MARRIAGE" "revoked_at IS NULL")" t "revokes nothing"
as "$A" GET "/inbox/certificates/$id" >/dev/null
is "$(as "$A" POST "/inbox/certificates/$id/revoke" -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
	--data-urlencode "revoke_reason=Issued on a wrong act")" 303 "revoked with a reason: 303"
as "$J" GET "/certificates/requests/$MARRIAGE" >/dev/null
contains "$TMP/body" "Issued on a wrong act" "Jan's page says it was revoked, and why"
MCODE=$(psql_q "SELECT verify_code FROM documents WHERE id = $(req_col "$MARRIAGE" document_id)")
is "$(as "$TMP/stranger" GET "/verify/$MCODE")" 200 "the revoked certificate's public page"
contains "$TMP/body" "Révoqué le" "says it is revoked"
as "$J" GET "/documents/$(req_col "$MARRIAGE" document_id)" >/dev/null
cp "$TMP/body" "$TMP/marriage.pdf"
is "$(verify_upload "$TMP/stranger" "/verify/$MCODE" "$TMP/marriage.pdf")" 200 \
	"the revoked certificate, as Jan downloaded it, uploaded on its page"
contains "$TMP/body" "Ce document est exactement celui que nous avons délivré." "is the one issued"
contains "$TMP/body" "Il a cependant été révoqué depuis" "but no longer valid"
printf 'X' | dd of="$TMP/marriage.pdf" bs=1 seek=300 conv=notrunc 2>/dev/null
is "$(verify_upload "$TMP/stranger" "/verify/$MCODE" "$TMP/marriage.pdf")" 200 "with one byte changed"
lacks "$TMP/body" "exactement celui que nous avons délivré" "it is not"

eid_login bruno /inbox/certificates "$B" >/dev/null
is "$(as "$B" GET "/inbox/certificates/$id")" 404 "an agent of another department: 404"
as "$B" GET /inbox/certificates >/dev/null
is "$(as "$B" POST "/inbox/certificates/$(req_col "$DEATH" id)/revoke" -H "Origin: $BASE" \
	--data-urlencode "csrf=$(csrf_token)" --data-urlencode "revoke_reason=Not mine")" 404 "nor can he revoke one: 404"
is "$(req_col "$DEATH" "revoked_at IS NULL")" t "nothing revoked"
# Bruno a reader of the population department for a moment: he reads, he does not act
psql_q "INSERT INTO agent_departments (agent_id, department_id, role)
	SELECT a.id, d.id, 'reader' FROM agents a JOIN persons p ON p.id = a.person_id, departments d
	WHERE p.nrn = '82050600223' AND d.code = 'POPULATION'" >/dev/null
is "$(as "$B" GET "/inbox/certificates/$(req_col "$DEATH" id)")" 200 "a reader of the department opens a request"
lacks "$TMP/body" "/revoke\"" "without the forms to act"
is "$(as "$B" POST "/inbox/certificates/$(req_col "$DEATH" id)/revoke" -H "Origin: $BASE" \
	--data-urlencode "csrf=$(csrf_token)" --data-urlencode "revoke_reason=Read only")" 403 "and cannot revoke it: 403"
is "$(req_col "$DEATH" "revoked_at IS NULL")" t "nothing revoked"
psql_q "DELETE FROM agent_departments WHERE role = 'reader' AND agent_id = (SELECT a.id FROM agents a
	JOIN persons p ON p.id = a.person_id WHERE p.nrn = '82050600223')
	AND department_id = (SELECT id FROM departments WHERE code = 'POPULATION')" >/dev/null
is "$(as "$J" GET "/certificates/requests/$BIRTH")" 404 "Élise's request is not Jan's: 404"

# --- figures -----------------------------------------------------------------------------
is "$(as "$A" GET /inbox/certificates/figures)" 200 "the figures: 200"
row=$(grep -o '<tr data-code="RESIDENCE">.*</tr>' "$TMP/body" | head -1)
n=$(psql_q "SELECT count(*) FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id WHERE t.code = 'RESIDENCE' AND r.status = 'issued' AND (r.issued_at AT TIME ZONE 'Europe/Brussels')::date = (now() AT TIME ZONE 'Europe/Brussels')::date")
case $row in *"class=\"automatic\">$n<"*'class="checked">0<'*) ok 0 "the residence certificates issued today ($n), automatically" ;;
*) ok 1 "residence figures: $row" ;; esac
row=$(grep -o '<tr data-code="MARRIAGE_EXTRACT">.*</tr>' "$TMP/body" | head -1)
n=$(psql_q "SELECT count(*) FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id WHERE t.code = 'MARRIAGE_EXTRACT' AND r.status = 'issued' AND r.revoked_at IS NOT NULL AND NOT r.automatic")
case $row in *'class="automatic">0<'*"class=\"checked\">$n<"*"class=\"revoked\">$n<"*) ok 0 "the marriage extracts ($n): checked, and revoked" ;;
*) ok 1 "marriage figures: $row" ;; esac

# --- every certificate issued here: sealed in the PDF, timestamped, and tampering shows --------
for code in RESIDENCE RESIDENCE_HISTORY HOUSEHOLD NATIONALITY LIFE COHABITATION POPULATION_EXTRACT \
	BIRTH_EXTRACT MARRIAGE_EXTRACT DEATH_EXTRACT; do
	doc=$(psql_q "SELECT r.document_id FROM certificate_requests r JOIN certificate_types t ON t.id = r.type_id
		WHERE t.code = '$code' AND r.status = 'issued' AND r.issued_at >= '$START' ORDER BY r.id LIMIT 1")
	psql_q "SELECT encode(content, 'base64') FROM documents WHERE id = $doc" | base64 -d >"$TMP/$code.pdf"
	pades_ok "$code" "$TMP/$code.pdf"
done
tampered RESIDENCE "$TMP/RESIDENCE.pdf"

# --- no national number in the logs ------------------------------------------------------------
check "no national number in the programs' logs" bash -c "! grep -hE '85073003328|90010100123|92041512329' '$DIR'/log/certs.log '$DIR'/log/inbox.log '$DIR'/log/notify.log"

done_testing
