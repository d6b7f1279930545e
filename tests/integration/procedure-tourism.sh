#!/usr/bin/env bash
# The tourist accommodation declaration through HTTP, acting for a company:
# the enterprise number pre-filled from the company register, the dossier
# the company's (not the person's), and a register that is slow or talks
# garbage never keeps the form from starting.
. "$(dirname "$0")/lib.sh"
make_pdfs
E=$TMP/elise J=$TMP/jan

eid_login elise /procedures "$E" >/dev/null
org_member 0203201340 company 'Boulangerie Dubois SRL' 85073003328
org_member 0999999942 company 'Lenteur SA' 85073003328
org_member 0888888813 company 'Charabia SPRL' 85073003328
is "$(act_for "$E" 0203201340)" 303 "acting for Boulangerie Dubois SRL"

as "$E" GET /procedures >/dev/null
lacks "$TMP/body" '/procedures/EBIKE"' "a citizens' procedure is not offered to a company"
is "$(as "$E" POST /procedures/EBIKE/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 403 \
	"nor can it be started for one (403)"
ID=$(form_start "$E" TOURISM)
check "a draft for the company" test -n "$ID"
is "$(dossier "$ID" "acting_org_id = (SELECT id FROM organisations WHERE bce = '0203201340')")" t \
	"the dossier belongs to the organisation"
is "$(answer "$ID" operator_bce)" 0203201340 "its enterprise number comes from the company register"
as "$E" GET "/forms/$ID/pages/operator" >/dev/null
contains "$TMP/body" 'Banque-Carrefour des Entreprises' "and says so"

is "$(form_page "$E" "$ID" operator --form-string 'operator_bce=0203201340' --form-string 'contact_phone=12')" 400 \
	"a phone number too short: 400"
contains "$TMP/body" 'Indiquez un numéro de téléphone valide' "explained"
is "$(form_page "$E" "$ID" operator --form-string 'operator_bce=0203201341' --form-string 'contact_phone=04 123 45 67')" 400 \
	"an enterprise number with a wrong check: 400"
is "$(form_page "$E" "$ID" operator --form-string 'operator_bce=0203.201.340' --form-string 'contact_phone=04 123 45 67')" 303 \
	"right: 303"
is "$(answer "$ID" contact_phone)" "+3241234567" "the phone number is stored normalised"
is "$(form_page "$E" "$ID" accommodation --form-string 'accommodation_name=Gîte du Val' \
	--form-string 'accommodation_address.street=Rue du Val' --form-string 'accommodation_address.number=3' \
	--form-string 'accommodation_address.postcode=6600' --form-string 'accommodation_address.locality=Bastogne' \
	--form-string 'kind=cottage' --form-string 'capacity=250')" 400 "a capacity over 200 and no fire certificate: 400"
contains "$TMP/body" 'Indiquez au maximum 200.' "the capacity is explained, its limit named"
contains "$TMP/body" 'Ajoutez ce document sous forme de fichier PDF' "the missing certificate too"
is "$(form_page "$E" "$ID" accommodation --form-string 'accommodation_name=Gîte du Val' \
	--form-string 'accommodation_address.street=Rue du Val' --form-string 'accommodation_address.number=3' \
	--form-string 'accommodation_address.postcode=6600' --form-string 'accommodation_address.locality=Bastogne' \
	--form-string 'kind=cottage' --form-string 'capacity=12' -F "fire_certificate=@$TMP/ok.pdf")" 303 "complete: 303"
is "$(form_submit "$E" "$ID")" 303 "submitted"
REF=$(dossier "$ID" reference)
check "reference $REF" bash -c "[[ '$REF' =~ ^[0-9]{4}-TOURISM-[0-9]{6}$ ]]"
is "$(answer "$ID" accommodation_address,locality)" Bastogne "the address is stored as its parts"

# The organisation's dossier is not the person's, nor anyone else's.
is "$(act_for "$E" self)" 303 "back to acting for herself"
is "$(as "$E" GET "/forms/$ID/receipt")" 404 "acting for herself, the company's dossier is 404"
eid_login jan /procedures "$J" >/dev/null
is "$(as "$J" GET "/forms/$ID/receipt")" 404 "someone outside the company: 404"

# A register that does not answer in time, or answers garbage.
is "$(act_for "$E" 0999999942)" 303 "acting for a company whose register entry is slow"
start=$(date +%s)
ID=$(form_start "$E" TOURISM)
took=$(( $(date +%s) - start ))
check "the form starts anyway (in ${took}s, the register's limit is 3 s)" test -n "$ID" -a "$took" -lt 5
is "$(answer "$ID" operator_bce)" "" "nothing pre-filled"
as "$E" GET "/forms/$ID/pages/operator" >/dev/null
contains "$TMP/body" "registre officiel n&#39;a pas répondu" "the user is told to type it"
is "$(act_for "$E" 0888888813)" 303 "acting for a company whose register entry is garbage"
ID=$(form_start "$E" TOURISM)
check "the form starts anyway" test -n "$ID"
as "$E" GET "/forms/$ID/pages/operator" >/dev/null
contains "$TMP/body" "registre officiel n&#39;a pas répondu" "with the same note"

done_testing
