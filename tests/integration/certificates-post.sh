#!/usr/bin/env bash
# Certificates delivered by post (docs/certificates.md, "Delivery"): the
# agents' worklist lists those issued by post and not yet posted, with the
# address (the register's at issue, or the one typed); the certificate is
# printed from its sealed PDF, served inline; the batch's address sheets
# come as one PDF, a page per certificate; "posted" takes a day (not one
# to come, not one before the issue) for one or for the batch shown; the
# person's page then says "posted on". Another department sees none of it;
# a bad postal code is refused in the user's language.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise A=$TMP/agathe B=$TMP/bruno

post_form() {	# post_form JAR [curl args]: POST /inbox/certificates/post from the worklist
	local jar=$1
	shift
	as "$jar" GET /inbox/certificates/post >/dev/null
	as "$jar" POST /inbox/certificates/post -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" "$@"
}
TODAY=$(psql_q "SELECT to_char(now() AT TIME ZONE 'Europe/Brussels', 'DD/MM/YYYY')")

eid_login elise /certificates "$E" >/dev/null
# anything left from other suites is posted first, so the worklist is ours
psql_q "UPDATE certificate_requests SET posted_on = issued_at::date, posted_at = now(),
	posted_by = (SELECT a.id FROM agents a JOIN persons p ON p.id = a.person_id WHERE p.nrn = '78021400167')
	WHERE delivery = 'post' AND status = 'issued' AND posted_on IS NULL" >/dev/null

is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=registered)" 303 \
	"Élise asks for a residence certificate by post to her registered address"
R1=$(cref)
is "$(cert_request "$E" HOUSEHOLD --data lang=nl --data delivery=post --data address_choice=other \
	--data-urlencode 'street=Rue Haute' --data number=5 --data box=3 --data postcode=1000 --data locality=Bruxelles)" 303 \
	"and a household composition in Dutch to another address"
R2=$(cref)
is "$(cert_request "$E" LIFE --data lang=fr --data delivery=vault)" 303 "and a life certificate in her vault only"
R3=$(cref)
is "$(req_col "$R1" status) $(req_col "$R2" status) $(req_col "$R1" "posted_on IS NULL")" "issued issued t" \
	"both issued at once, neither posted yet"
as "$E" GET "/certificates/requests/$R1" >/dev/null
contains "$TMP/body" "Un exemplaire papier est envoyé par la poste" "her page says a paper copy will be posted"

# --- the worklist ---------------------------------------------------------------------------------
eid_login agathe /inbox/certificates/post "$A" >/dev/null
is "$(as "$A" GET /inbox/certificates)" 200 "the certificates' inbox"
contains "$TMP/body" 'href="/inbox/certificates/post"' "links to the certificates to post"
is "$(as "$A" GET /inbox/certificates/post)" 200 "Agathe's certificates to post: 200"
contains "$TMP/body" "$R1" "the registered address's request is listed"
contains "$TMP/body" "$R2" "and the other address's"
lacks "$TMP/body" "$R3" "not the one for the vault only"
contains "$TMP/body" "Rue des Guillemins 12 bte B" "with the register's address at issue"
contains "$TMP/body" "Rue Haute 5 bte 3" "and the address typed"
contains "$TMP/body" "1000 Bruxelles" "with its postal code and municipality"
contains "$TMP/body" "Élise Marie Dubois-Lefèvre" "addressed to the person"
[ "$(grep -n "$R1" "$TMP/body" | head -1 | cut -d: -f1)" -lt "$(grep -n "$R2" "$TMP/body" | head -1 | cut -d: -f1)" ]
ok $? "oldest first"
UPTO=$(grep -o 'name="upto" value="[0-9]*"' "$TMP/body" | grep -o '[0-9]*')
ID1=$(req_col "$R1" id) ID2=$(req_col "$R2" id)
is "$UPTO" "$ID2" "the batch goes up to the last one shown"

# print each: the sealed certificate itself, inline
is "$(as "$A" GET "/inbox/certificates/$ID1/pdf")" 200 "the certificate to print: 200"
is "$(header Content-Type)" application/pdf "a PDF"
case $(header Content-Disposition) in inline*) ok 0 "shown inline, for the browser to print" ;;
*) ok 1 "inline: $(header Content-Disposition)" ;; esac
cp "$TMP/body" "$TMP/print.pdf"
psql_q "SELECT encode(content, 'base64') FROM documents WHERE id = $(req_col "$R1" document_id)" | base64 -d >"$TMP/vault.pdf"
check "the very PDF in the person's vault" cmp -s "$TMP/print.pdf" "$TMP/vault.pdf"
pdfsig -no-ocsp "$TMP/print.pdf" >"$TMP/sig" 2>&1
contains "$TMP/sig" "Signature is Valid" "sealed: pdfsig says so"

# the batch's address sheets: one PDF, one page per certificate
is "$(as "$A" GET "/inbox/certificates/post/sheets.pdf?upto=$UPTO")" 200 "the batch's address sheets: 200"
is "$(header Content-Type)" application/pdf "one PDF"
cp "$TMP/body" "$TMP/sheets.pdf"
is "$(pdfinfo "$TMP/sheets.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" 2 "a page per certificate"
pdftotext -layout "$TMP/sheets.pdf" "$TMP/sheets.txt" 2>/dev/null
contains "$TMP/sheets.txt" "Rue des Guillemins 12 bte B" "the first addressed to the register's address"
contains "$TMP/sheets.txt" "4000 Liège" "with its postal code"
contains "$TMP/sheets.txt" "Rue Haute 5 bus 3" "the second to the address typed, in its certificate's language"
contains "$TMP/sheets.txt" "$R1" "each with its reference"
contains "$TMP/sheets.txt" "Bijgevoegd: uw attest" "and what is enclosed, in the certificate's language"
is "$(as "$A" GET "/inbox/certificates/post/sheets.pdf?upto=$((ID1 - 1))")" 404 "a batch before these: nothing to print, 404"

# --- marked posted ------------------------------------------------------------------------------------
is "$(post_form "$A" --data id="$ID1" --data posted_on=31/02/2026)" 400 "a day that does not exist: 400"
contains "$TMP/body" "Indiquez le jour de l" "the page says why"
contains "$TMP/body" 'aria-invalid="true"' "at the field"
is "$(post_form "$A" --data id="$ID1" --data posted_on=01/01/2099)" 409 "a day to come: 409"
is "$(post_form "$A" --data id="$ID1" --data posted_on=01/01/2020)" 409 "a day before the issue: 409"
contains "$TMP/body" "Rien n&#39;a été marqué" "nothing marked, and the page says why"
is "$(req_col "$R1" "posted_on IS NULL")" t "still to post"
is "$(as "$A" POST /inbox/certificates/post -H "Origin: $BASE" --data id="$ID1" --data "posted_on=$TODAY")" 403 \
	"without the form's token: 403"

eid_login bruno /inbox/certificates/post "$B" >/dev/null
is "$(as "$B" GET /inbox/certificates/post)" 200 "Bruno, of another department: his worklist"
lacks "$TMP/body" "$R1" "shows none of the population department's"
is "$(as "$B" GET "/inbox/certificates/$ID1/pdf")" 404 "nor its certificate: 404"
is "$(post_form "$B" --data id="$ID1" --data "posted_on=$TODAY")" 409 "nor can he mark it posted"
is "$(req_col "$R1" "posted_on IS NULL")" t "still to post"
is "$(as "$E" GET /inbox/certificates/post)" 403 "a citizen: 403"

is "$(post_form "$A" --data id="$ID1" --data "posted_on=$TODAY")" 303 "Agathe marks the first posted today: 303"
is "$(req_col "$R1" "to_char(posted_on, 'DD/MM/YYYY') || ' ' || (posted_by IS NOT NULL)")" "$TODAY true" \
	"posted today, by her"
as "$A" GET "$(location)" >/dev/null
lacks "$TMP/body" "$R1" "it leaves the worklist"
contains "$TMP/body" "$R2" "the other stays"
as "$E" GET "/certificates/requests/$R1" >/dev/null
contains "$TMP/body" "La copie papier a été postée le $TODAY." "Élise's page says when it was posted"

# a certificate revoked before it went out is not posted
is "$(cert_request "$E" NATIONALITY --data lang=fr --data delivery=post --data address_choice=registered)" 303 \
	"a third by post"
R4=$(cref)
psql_q "UPDATE certificate_requests SET revoked_at = now(), revoked_reason = 'test',
	revoked_by = (SELECT posted_by FROM certificate_requests WHERE reference = '$R1') WHERE reference = '$R4'" >/dev/null
as "$A" GET /inbox/certificates/post >/dev/null
lacks "$TMP/body" "$R4" "revoked: not in the worklist"
is "$(post_form "$A" --data upto="$UPTO" --data "posted_on=$TODAY")" 303 "the batch marked posted: 303"
is "$(location)" "/inbox/certificates/post?posted=1" "one more marked"
is "$(req_col "$R2" "posted_on IS NOT NULL") $(req_col "$R4" "posted_on IS NULL")" "t t" \
	"the batch's marked, the revoked one not"
as "$A" GET /inbox/certificates/post >/dev/null
contains "$TMP/body" 'id="none"' "nothing left to post"

# --- a bad postal code, refused in the user's language ---------------------------------------------
for l in fr:"Ce code postal n&#39;existe pas" nl:"Deze postcode bestaat niet" de:"Diese Postleitzahl gibt es" \
	en:"This postal code does not exist"; do
	as "$E" GET "/certificates?lang=${l%%:*}" >/dev/null
	is "$(cert_request "$E" RESIDENCE --data lang=fr --data delivery=post --data address_choice=other \
		--data-urlencode 'street=Rue Haute' --data number=5 --data postcode=1234 --data locality=X)" 400 \
		"${l%%:*}: postal code 1234: 400"
	contains "$TMP/body" "${l#*:}" "${l%%:*}: the form says why, in the user's language"
done
as "$E" GET "/certificates?lang=fr" >/dev/null

done_testing
