#!/usr/bin/env bash
# The SESAM employment subsidy through HTTP, for a company: the company's
# data pre-filled from the company register, one repeated block per worker
# (added, removed, each checked, a question revealed inside a block),
# several contracts at once, and what was typed before pre-filling the next.
. "$(dirname "$0")/lib.sh"
make_pdfs
cp "$TMP/ok.pdf" "$TMP/contract-1.pdf"
cp "$TMP/ok.pdf" "$TMP/contract-2.pdf"
E=$TMP/elise

eid_login elise /procedures "$E" >/dev/null
as "$E" GET /procedures >/dev/null
lacks "$TMP/body" '/procedures/SESAM"' "acting for herself, SESAM is not offered (companies only)"
org_member 0203201340 company 'Boulangerie Dubois SRL' 85073003328
is "$(act_for "$E" 0203201340)" 303 "acting for Boulangerie Dubois SRL"
as "$E" GET /procedures >/dev/null
contains "$TMP/body" '/procedures/SESAM"' "SESAM is offered to the company"
ID=$(form_start "$E" SESAM)
check "a draft" test -n "$ID"

# --- the company, from the register ----------------------------------------------
is "$(answer "$ID" bce)|$(answer "$ID" company_name)|$(answer "$ID" legal_form)" \
	"0203201340|Boulangerie Dubois SRL|SRL" "number, name and legal form from the company register"
is "$(answer "$ID" registered_office,street) $(answer "$ID" registered_office,number), $(answer "$ID" registered_office,postcode)" \
	"Place Saint-Lambert 7, 4000" "its address too"
is "$(answer "$ID" registered_office,box)" "" "no box where the register has none"
is "$(answer "$ID" representatives,0,given_names) $(answer "$ID" representatives,0,surname), $(answer "$ID" representatives,0,capacity)" \
	"Élise Marie Dubois-Lefèvre, gérante" "the legal representatives, one block each, from the register"
is "$(answer "$ID" representatives,0,nrn)" "" "without their national numbers, which the form does not ask"
is "$(answer "$ID" contact_given_names) $(answer "$ID" contact_surname)" "Élise Marie Dubois-Lefèvre" \
	"the contact person from the eID card"
as "$E" GET "/forms/$ID/pages/company" >/dev/null
contains "$TMP/body" 'value="Boulangerie Dubois SRL"' "shown in the form"
contains "$TMP/body" 'Étape 1 sur 6' "five pages and the summary"
contains "$TMP/body" 'name="representatives.0.capacity" value="gérante"' "the representative's block is filled"
company=(--form-string 'bce=0203201340' --form-string 'company_name=Boulangerie Dubois SRL' \
	--form-string 'legal_form=SRL' --form-string 'registered_office.street=Place Saint-Lambert' \
	--form-string 'registered_office.number=7' --form-string 'registered_office.postcode=4000' \
	--form-string 'registered_office.locality=Liège' --form-string 'sector=retail' \
	--form-string 'representatives._blocks=1' --form-string 'representatives.0.given_names=Élise Marie' \
	--form-string 'representatives.0.surname=Dubois-Lefèvre' --form-string 'representatives.0.capacity=gérante')
is "$(form_page "$E" "$ID" company "${company[@]}" --form-string 'workforce=300')" 400 "300 people is not an SME: 400"
contains "$TMP/body" 'Entre 0 et 249' "the limit is told"
is "$(form_page "$E" "$ID" company "${company[@]}" --form-string 'workforce=12,5')" 303 "12,5 FTE: 303"
is "$(answer "$ID" workforce)" 12.5 "stored as a number"
is "$(form_page "$E" "$ID" contact --form-string 'contact_given_names=Élise' --form-string 'contact_surname=Dubois' \
	--form-string 'email=rh@boulangerie-dubois.be' --form-string 'contact_phone=+32 4 222 33 44')" 303 "the contact: 303"

# --- a question revealed on the same page ---------------------------------------------
is "$(form_page "$E" "$ID" project --form-string 'project=Ouverture d'"'"'un second atelier.' \
	--form-string 'de_minimis=yes')" 200 "other aid: yes reveals the amount (200, no error)"
contains "$TMP/body" 'name="de_minimis_amount"' "the amount is asked"
is "$(form_page "$E" "$ID" project --form-string 'project=Ouverture d'"'"'un second atelier.' \
	--form-string 'de_minimis=yes')" 400 "left empty once seen: 400"
contains "$TMP/body" 'Ce champ est obligatoire' "required"
is "$(form_page "$E" "$ID" project --form-string 'project=Ouverture d'"'"'un second atelier.' \
	--form-string 'de_minimis=yes' --form-string 'de_minimis_amount=12.000,00')" 303 "given: 303"
is "$(answer "$ID" de_minimis_amount)" 12000.00 "stored in euros and cents"

# --- one block per worker --------------------------------------------------------------
is "$(form_page "$E" "$ID" employees --form-string 'employees._blocks=0')" 400 "no worker: 400"
contains "$TMP/body" "Ajoutez au moins le nombre d&#39;entrées demandé." "at least one is asked"
is "$(form_page "$E" "$ID" employees --form-string 'employees._blocks=0' --form-string '_action=add:employees')" 303 \
	"add a worker: 303"
is "$(location)" "/forms/$ID/pages/employees" "back on the page"
as "$E" GET "/forms/$ID/pages/employees" >/dev/null
contains "$TMP/body" 'name="employees.0.given_names"' "a block to fill"
lacks "$TMP/body" 'name="employees.0.weekly_hours"' "hours are asked only for part time"
form_page "$E" "$ID" employees --form-string 'employees._blocks=1' --form-string '_action=add:employees' \
	--form-string 'employees.0.given_names=Marc' >/dev/null
is "$(psql_q "SELECT jsonb_array_length(data->'employees') FROM dossiers WHERE id = $ID")" 2 "two blocks"
is "$(answer "$ID" employees,0,given_names)" Marc "what was typed in the first is kept"
w1=(--form-string 'employees.0.given_names=Marc' --form-string 'employees.0.surname=Lambert' \
	--form-string 'employees.0.nrn=85.07.30-033.28' --form-string 'employees.0.job=Boulanger' \
	--form-string 'employees.0.start_date=2026-09-01' --form-string 'employees.0.contract=full_time' \
	--form-string 'employees.0.monthly_salary=2 800')
is "$(form_page "$E" "$ID" employees --form-string 'employees._blocks=2' "${w1[@]}" \
	--form-string 'employees.1.given_names=Sofia' --form-string 'employees.1.surname=Rossi' \
	--form-string 'employees.1.nrn=90010100123' --form-string 'employees.1.job=Vendeuse' \
	--form-string 'employees.1.start_date=2026-09-15' --form-string 'employees.1.contract=part_time' \
	--form-string 'employees.1.monthly_salary=1 600')" 200 "part time in the second block reveals the hours (200)"
contains "$TMP/body" 'name="employees.1.weekly_hours"' "asked in that block only"
lacks "$TMP/body" 'name="employees.0.weekly_hours"' "not in the other"
w2=(--form-string 'employees.1.given_names=Sofia' --form-string 'employees.1.surname=Rossi' \
	--form-string 'employees.1.job=Vendeuse' --form-string 'employees.1.start_date=2026-09-15' \
	--form-string 'employees.1.contract=part_time' --form-string 'employees.1.monthly_salary=1 600')
is "$(form_page "$E" "$ID" employees --form-string 'employees._blocks=2' "${w1[@]}" "${w2[@]}" \
	--form-string 'employees.1.nrn=90010100124' --form-string 'employees.1.weekly_hours=10')" 400 \
	"a wrong national number and too few hours: 400"
contains "$TMP/body" 'href="#employees.1.nrn"' "the error points at the second worker's number"
contains "$TMP/body" 'id="employees.1.weekly_hours-error"' "and at the hours"
is "$(form_page "$E" "$ID" employees --form-string 'employees._blocks=2' "${w1[@]}" "${w2[@]}" \
	--form-string 'employees.1.nrn=90010100123' --form-string 'employees.1.weekly_hours=19')" 303 "right: 303"
is "$(answer "$ID" employees,0,nrn)|$(answer "$ID" employees,1,weekly_hours)|$(answer "$ID" employees,0,monthly_salary)" \
	"85073003328|19|2800.00" "each worker stored, normalised"
form_page "$E" "$ID" employees --form-string 'employees._blocks=2' "${w1[@]}" "${w2[@]}" \
	--form-string 'employees.1.nrn=90010100123' --form-string 'employees.1.weekly_hours=19' \
	--form-string '_action=add:employees' >/dev/null
form_page "$E" "$ID" employees --form-string 'employees._blocks=3' "${w1[@]}" "${w2[@]}" \
	--form-string 'employees.1.nrn=90010100123' --form-string 'employees.1.weekly_hours=19' \
	--form-string '_action=remove:employees:2' >/dev/null
is "$(psql_q "SELECT jsonb_array_length(data->'employees') FROM dossiers WHERE id = $ID")" 2 \
	"a third block added and removed again"

# --- documents: a condition, several files at once --------------------------------------
is "$(form_page "$E" "$ID" annexes --form-string 'has_accounts=yes' -F "plan=@$TMP/ok.pdf" \
	-F "contracts=@$TMP/contract-1.pdf" -F "contracts=@$TMP/contract-2.pdf")" 200 \
	"accounts announced: the page asks for them (200)"
contains "$TMP/body" 'value="attach:accounts"' "the accounts' file field (its own page's button)"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID AND field = 'contracts'")" 2 \
	"the two contracts sent at once are both kept"
is "$(form_page "$E" "$ID" annexes --form-string 'has_accounts=yes')" 400 "and not given: 400"
contains "$TMP/body" 'id="accounts-error"' "the accounts are missing"
cp "$TMP/ok.pdf" "$TMP/accounts.pdf"
is "$(form_page "$E" "$ID" annexes --form-string 'has_accounts=yes' -F "accounts=@$TMP/accounts.pdf")" 303 \
	"the accounts given: 303"
is "$(form_page "$E" "$ID" annexes --form-string 'has_accounts=no')" 303 "then no accounts after all: 303"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID AND field = 'accounts'")" 1 \
	"the accounts' file stays with the draft meanwhile"
is "$(dossier "$ID" status)" complet "complet"
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" 'Travailleur 2 — Heures par semaine' "the summary names each worker's answers"
contains "$TMP/body" 'contract-2.pdf' "and lists the annexes"
is "$(form_submit "$E" "$ID")" 303 "signed and sent"
REF=$(dossier "$ID" reference)
check "reference $REF" bash -c "[[ '$REF' =~ ^[0-9]{4}-SESAM-[0-9]{6}$ ]]"
is "$(answer "$ID" employees,0,weekly_hours)" "" "the full-time worker has no hours in the dossier"
is "$(answer "$ID" employees,1,weekly_hours)" 19 "the part-time one has"
is "$(psql_q "SELECT count(*) FROM attachments WHERE dossier_id = $ID")" 3 \
	"plan and two contracts go with it; the accounts no longer asked are deleted"
is "$(admin_cmd dossier verify "$REF" | cut -d: -f2 | cut -d, -f1)" " intact" "the seal verifies"

# --- only once: the next application starts with what was given ------------------------
ID2=$(form_start "$E" SESAM)
is "$(answer "$ID2" email) $(answer "$ID2" contact_phone)" "rh@boulangerie-dubois.be +3242223344" \
	"the contact's email and phone come from the earlier application"
as "$E" GET "/forms/$ID2/pages/contact" >/dev/null
contains "$TMP/body" 'une de vos demandes précédentes' "and say so"

done_testing
