#!/usr/bin/env bash
# Nothing typed is ever lost (issue 17): a large group filled item by item,
# a crafted count of blocks refused with the stored blocks kept, files sent
# apart from the answers (and too big ones costing nothing), per-field file
# limits, annexes inside a group's blocks, and refused submissions taking
# no reference number.  The procedure is tests/integration/data/VOLUNTEERS.json.
. "$(dirname "$0")/lib.sh"
make_pdfs
admin() { admin_cmd "$@"; }
admin procedure import "$SRC/tests/integration/data/VOLUNTEERS.json" >/dev/null
admin procedure online VOLUNTEERS >/dev/null
PROC=$(psql_q "SELECT id FROM procedures WHERE code = 'VOLUNTEERS'")
seq_value() { psql_q "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM dossier_ref_$PROC"; }
L=$TMP/lukasz
eid_login lukasz /help "$L" >/dev/null
act_for "$L" self >/dev/null
ID=$(form_start "$L" VOLUNTEERS)
check "a draft of the volunteers' declaration ($ID)" test -n "$ID"
post() {	# post PAGE [curl args]: the page's form sent as a browser does (urlencoded)
	local page=$1
	shift
	as "$L" GET "/forms/$ID/pages/$page" >/dev/null
	as "$L" POST "/forms/$ID/pages/$page" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" "$@"
}

# -- The first page: two sites (an inline group), each with its permit.
is "$(post event --data-urlencode 'event_name=Fête du quartier' --data-urlencode 'event_date=2026-06-21' \
	--data-urlencode 'sites._blocks=0' --data-urlencode '_action=add:sites')" 303 "a site added"
is "$(post event --data-urlencode 'event_name=Fête du quartier' --data-urlencode 'event_date=2026-06-21' \
	--data-urlencode 'sites._blocks=1' --data-urlencode 'sites.0.place=Place Flagey' \
	--data-urlencode '_action=add:sites')" 303 "a second site added"
is "$(post event --data-urlencode 'event_name=Fête du quartier' --data-urlencode 'event_date=2026-06-21' \
	--data-urlencode 'sites._blocks=2' --data-urlencode 'sites.0.place=Place Flagey' \
	--data-urlencode 'sites.1.place=Parc Tenbosch' --data-urlencode '_action=attach:sites.1.permit')" 303 \
	"'Add a file' for the second site's permit saves the page first"
is "$(location)" "/forms/$ID/pages/event/files/sites.1.permit" "and opens the file's own page"
is "$(answer "$ID" sites,1,place)" "Parc Tenbosch" "the answers typed are saved before any file is sent"
as "$L" GET "/forms/$ID/pages/event" >/dev/null
lacks "$TMP/body" 'type="file"' "the form page itself has no file input: files travel apart"
lacks "$TMP/body" 'multipart/form-data' "and it is not sent as multipart"

# The file's page: the field's limits told, a file too big for the field refused.
is "$(as "$L" GET "/forms/$ID/pages/event/files/sites.1.permit")" 200 "the file's page"
contains "$TMP/body" '1 Mo au maximum' "it tells the field's own size limit"
contains "$TMP/body" 'enctype="multipart/form-data"' "its form sends the file"
{ printf '%%PDF-1.7\n'; head -c 1200000 /dev/zero; printf '\n%%%%EOF\n'; } >"$TMP/1200k.pdf"
attach() {	# attach KEY FILE [PAGE]: the file sent from its page; prints the status
	local page=${3:-event}
	as "$L" GET "/forms/$ID/pages/$page/files/$1" >/dev/null
	as "$L" POST "/forms/$ID/pages/$page/files/$1" -H "Origin: $BASE" \
		-F "csrf=$(csrf_token)" -F "$1=@$2;type=application/pdf"
}
is "$(attach sites.1.permit "$TMP/1200k.pdf")" 400 "a 1.2 MB permit is refused: the field takes 1 MB"
contains "$TMP/body" 'Ce fichier dépasse 1 Mo' "the message names the field's limit"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID")" 0 "nothing stored"
is "$(attach sites.1.permit "$TMP/ok.pdf")" 303 "a small permit for the second site"
is "$(location)" "/forms/$ID/pages/event#sites.1.permit" "back to the page, at the field"
is "$(psql_q "SELECT field FROM attachments WHERE dossier_id = $ID")" "sites.1.permit" \
	"stored for the second site's block"
as "$L" GET "/forms/$ID/pages/event" >/dev/null
contains "$TMP/body" "/forms/$ID/files/" "the page lists it in the block"
is "$(attach nosuch "$TMP/ok.pdf")" 404 "a key that is no PDF field of the page: 404"
is "$(attach sites.7.permit "$TMP/ok.pdf")" 404 "nor a block that does not exist"

# An inline group's crafted count beyond its max: refused, the blocks kept.
is "$(post event --data-urlencode 'event_name=Fête du quartier' --data-urlencode 'event_date=2026-06-21' \
	--data-urlencode 'sites._blocks=4' --data-urlencode 'sites.0.place=X' --data-urlencode 'sites.1.place=Y' \
	--data-urlencode 'sites.2.place=Z' --data-urlencode 'sites.3.place=W')" 400 "four sites posted where three are allowed: 400"
contains "$TMP/body" 'au plus 3' "the message names the limit"
is "$(answer "$ID" sites,0,place)/$(answer "$ID" sites,1,place)/$(psql_q "SELECT jsonb_array_length(data->'sites') FROM dossiers WHERE id = $ID")" \
	"Place Flagey/Parc Tenbosch/2" "the stored sites are kept as they were"

# -- The volunteers: a group of up to 50, filled item by item.
as "$L" GET "/forms/$ID/pages/people" >/dev/null
contains "$TMP/body" 'value="add:volunteers"' "the list offers to add a volunteer"
lacks "$TMP/body" 'volunteers._blocks' "the page does not carry the blocks' fields"
is "$(post people --data-urlencode '_action=add:volunteers')" 303 "add a volunteer"
is "$(location)" "/forms/$ID/pages/people/items/volunteers/1" "the new volunteer's own page"
item() {	# item N [curl args]: volunteer N's page sent; prints the status
	local n=$1
	shift
	as "$L" GET "/forms/$ID/pages/people/items/volunteers/$n" >/dev/null
	as "$L" POST "/forms/$ID/pages/people/items/volunteers/$n" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" "$@"
}
k=$((0))
is "$(item 1 --data-urlencode 'volunteers.0.given_names=Anne' --data-urlencode 'volunteers.0.surname=Dupont' \
	--data-urlencode 'volunteers.0.birth_date=1990-13-01' --data-urlencode 'volunteers.0.role=reception' \
	--data-urlencode '_action=add')" 400 "a wrong date: the volunteer's page again"
contains "$TMP/body" 'value="1990-13-01"' "with what was typed"
contains "$TMP/body" 'Bénévole 1 — Date de naissance : ' "the error summary names the volunteer and the field"
is "$(answer "$ID" volunteers,0,surname)" Dupont "and saved all the same"
failed=0
for n in $(seq 1 50); do
	i=$((n - 1))
	action=add
	[ "$n" = 50 ] && action=next
	s=$(item "$n" --data-urlencode "volunteers.$i.given_names=Prénom $n" \
		--data-urlencode "volunteers.$i.surname=Nom$n" --data-urlencode 'volunteers.$i.phone=' \
		--data-urlencode "volunteers.$i.birth_date=1990-01-$(printf %02d $(( (n % 28) + 1 )))" \
		--data-urlencode "volunteers.$i.role=catering" --data-urlencode "_action=$action")
	want="/forms/$ID/pages/people/items/volunteers/$((n + 1))"
	[ "$n" = 50 ] && want="/forms/$ID/pages/people#volunteers-49"
	[ "$s" = 303 ] && [ "$(location)" = "$want" ] || { failed=$((failed + 1)); echo "# volunteer $n: $s $(location)"; }
done
is "$failed" 0 "fifty volunteers filled one after the other, each page saving and opening the next"
is "$(psql_q "SELECT jsonb_array_length(data->'volunteers') FROM dossiers WHERE id = $ID")" 50 "fifty volunteers stored"
is "$(answer "$ID" volunteers,49,surname)/$(answer "$ID" volunteers,0,surname)" "Nom50/Nom1" "the first and the last as typed"
as "$L" GET "/forms/$ID/pages/people/items/volunteers/50" >/dev/null
lacks "$TMP/body" 'value="add"' "the fiftieth offers no other"
as "$L" GET "/forms/$ID/pages/people" >/dev/null
lacks "$TMP/body" 'value="add:volunteers"' "nor does the list"
contains "$TMP/body" 'Prénom 50 Nom50' "the list names each volunteer"
is "$(as "$L" GET "/forms/$ID/pages/people/items/volunteers/51")" 404 "no 51st"
is "$(post people --data-urlencode '_action=next')" 303 "the list page goes on"
is "$(psql_q "SELECT jsonb_array_length(data->'volunteers') FROM dossiers WHERE id = $ID")" 50 \
	"a page sent without the blocks' fields keeps every block"

# A crafted POST claiming 51 volunteers, with their fields: refused, the 50 kept.
crafted=(--data-urlencode 'volunteers._blocks=51')
for i in $(seq 0 50); do crafted+=(--data-urlencode "volunteers.$i.surname=X$i" --data-urlencode "volunteers.$i.given_names=Y"); done
is "$(post people "${crafted[@]}")" 400 "a crafted POST of 51 volunteers: 400"
contains "$TMP/body" 'au plus 50' "it says at most 50"
contains "$TMP/body" 'Bénévole : Plus d' "the error summary names the group"
lacks "$TMP/body" 'Ajoutez au moins' "not 'add at least the number asked'"
is "$(psql_q "SELECT jsonb_array_length(data->'volunteers') FROM dossiers WHERE id = $ID")/$(answer "$ID" volunteers,0,surname)/$(answer "$ID" volunteers,49,surname)" \
	"50/Nom1/Nom50" "every stored volunteer kept as it was"

# An annex in the second volunteer's block, from that block's page.
is "$(item 2 --data-urlencode 'volunteers.1.given_names=Prénom 2' --data-urlencode 'volunteers.1.surname=Nom2' \
	--data-urlencode 'volunteers.1.birth_date=1990-01-03' --data-urlencode 'volunteers.1.role=security' \
	--data-urlencode '_action=attach:volunteers.1.certificate')" 303 "the second volunteer's certificate: its file page"
is "$(answer "$ID" volunteers,1,role)" security "the block's answers saved first"
is "$(location)" "/forms/$ID/pages/people/files/volunteers.1.certificate" "for that block"
is "$(attach volunteers.1.certificate "$TMP/ok.pdf" people)" 303 "the certificate sent"
is "$(location)" "/forms/$ID/pages/people/items/volunteers/2" "back to the second volunteer"
as "$L" GET "/forms/$ID/pages/people/items/volunteers/2" >/dev/null
contains "$TMP/body" "/forms/$ID/files/" "the block's page lists its certificate"
# -- Files too big never cost the answers.
# A 12 MB file sent with the page's answers (as an old form or a script
# would): the file is read through and dropped, the answers are kept.
{ printf '%%PDF-1.7\n'; head -c 12000000 /dev/zero; printf '\n%%%%EOF\n'; } >"$TMP/12m.pdf"
is "$(form_page "$L" "$ID" insurance --form-string 'insurer=Ethias' -F "policy=@$TMP/12m.pdf;type=application/pdf")" 400 \
	"a 12 MB policy sent with the page's answers: the page again"
contains "$TMP/body" 'Ce fichier dépasse 2 Mo' "the file is refused with the field's limit named"
is "$(answer "$ID" insurer)" Ethias "the answer sent with it is kept"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID AND field = 'policy'")" 0 "the file is not"
# From the file's own page, the answers were saved before: a 30 MB file is
# refused by nginx with the guichet's page, and the answers stay.
is "$(post insurance --data-urlencode 'insurer=Ethias Assurances' --data-urlencode '_action=attach:policy')" 303 \
	"'Add a file' saves the insurer first"
head -c 31000000 /dev/zero >"$TMP/30m.pdf"
is "$(attach policy "$TMP/30m.pdf" insurance)" 413 "a 30 MB file on the file's page: 413"
contains "$TMP/body" "Rien de ce que vous aviez enregistré" "the guichet's page says nothing saved is lost"
is "$(answer "$ID" insurer)" "Ethias Assurances" "and the answers are there"
is "$(attach policy "$TMP/12m.pdf" insurance)" 400 "a 12 MB file on the file's page: the page again"
contains "$TMP/body" 'Ce fichier dépasse 2 Mo' "with the field's limit"
is "$(attach policy "$TMP/ok.pdf" insurance)" 303 "a policy within the limits"

# -- The permit of the first site, then the summary and the submission.
is "$(attach sites.0.permit "$TMP/ok.pdf")" 303 "the first site's permit"
is "$(as "$L" GET "/forms/$ID/summary")" 200 "the summary"
contains "$TMP/body" 'Lieu 2 — Autorisation du lieu' "it lists the second site's permit as an annex"
contains "$TMP/body" 'Bénévole 2 — Certificat de bonne vie et mœurs' "and the second volunteer's certificate"
contains "$TMP/body" "/forms/$ID/pages/people/items/volunteers/3?check=1#volunteers.2.surname" \
	"a volunteer's answer is changed on that volunteer's page"
is "$(dossier "$ID" status)" complet "the declaration is complete"

# -- A submission refused takes no reference number.
before=$(seq_value)
C=$TMP/code
# codes are counted per address and IP over an hour: the earlier tests' age
psql_q "UPDATE login_codes SET created_at = created_at - interval '1 hour'" >/dev/null
is "$(code_login "$C" lost-low@example.be)" 303 "a login by email code (low)"
IDC=$(form_start "$C" VOLUNTEERS)
for i in 1 2 3; do
	psql_q "UPDATE dossiers SET status = 'complet' WHERE id = $IDC" >/dev/null
	form_submit "$C" "$IDC" >/dev/null
done
check "a login by code sent to the eID login, three times ($(location))" bash -c "[[ '$(location)' == /login\?step_up=1* ]]"
is "$(dossier "$IDC" status)/$(seq_value)" "complet/$before" "no reference number was taken"
ID2=$(form_start "$L" VOLUNTEERS)
is "$(form_submit "$L" "$ID2")" 303 "an incomplete declaration sent"
is "$(location)" "/forms/$ID2/summary" "back to its summary"
is "$(seq_value)" "$before" "no number taken either"
is "$(form_submit "$L" "$ID")" 303 "the complete declaration sent"
is "$(location)" "/forms/$ID/receipt" "to its receipt"
REF=$(dossier "$ID" reference)
is "${REF##*-}" "$(printf %06d $((before + 1)))" "its reference is the next number: $REF, no gap"
is "$(psql_q "SELECT string_agg(field, ',' ORDER BY field) FROM attachments WHERE dossier_id = $ID")" \
	"policy,sites.0.permit,sites.1.permit,volunteers.1.certificate" "the annexes of the blocks go with the dossier"
is "$(psql_q "SELECT jsonb_array_length(data->'volunteers') FROM dossiers WHERE id = $ID")" 50 "with its fifty volunteers"
check "the seal verifies" admin dossier verify "$REF"
done_testing
