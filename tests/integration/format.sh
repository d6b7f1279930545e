#!/usr/bin/env bash
# What the definition format says, through HTTP, with a test procedure
# (tests/procedures/FORMATTEST.json) that says all of it: its department
# and family described in the file and added at import, read-only answers
# a posted change does not touch, bounds relative to today, exclusive and
# decimal bounds (0 is not "at least 0,01"), rules across fields and
# within each block of a group, a total over a group, a sworn answer and
# a declaration to tick, messages naming the limit and the field; then
# guichet-admin's department, family and agent commands.
. "$(dirname "$0")/lib.sh"
DEF=$SRC/tests/procedures/FORMATTEST.json
E=$TMP/elise
NBSP=$(printf '\302\240')
THIS_YEAR=$(TZ=Europe/Brussels date +%Y)
TODAY=$(TZ=Europe/Brussels date +%Y-%m-%d)
# days counted from today's noon in Brussels: GNU date adds months to the
# instant, so at 23:30 in December "+6 months" is already the next day in
# summer time (CI saw 04/06 for 03/06); the hour first, or "+6" after
# it is read as a time zone
from_today() { TZ=Europe/Brussels date -d "12:00 $TODAY $1" "+${2:-%Y-%m-%d}"; }
TOMORROW=$(from_today '+1 day')
IN_A_MONTH=$(from_today '+1 month')
IN_A_YEAR=$(from_today '+1 year')

# --- the import adds the department and the family the file describes ------------------
known=$(psql_q "SELECT count(*) FROM departments WHERE code = 'FORMAT'")
out=$(admin_cmd procedure import "$DEF" 2>&1)
is "$?" 0 "a definition describing its department and family is imported"
if [ "$known" = 0 ]; then
	case $out in *"department FORMAT added"*"procedure family format_test added"*) ok 0 "both are added, and said so" ;;
	*) ok 1 "both are added, and said so"; echo "# $out" ;; esac
else
	ok 0 "both known already (a stack used twice)"
fi
is "$(psql_q "SELECT (d.names->>'nl') || ' / ' || (f.titles->>'de') FROM procedures p JOIN departments d ON d.id = p.department_id JOIN procedure_families f ON f.code = p.family_code WHERE p.code = 'FORMATTEST'")" \
	"Testdienst van het formaat / Testverfahren des Formats" "with their names in the four languages, no SQL written"
admin_cmd procedure online FORMATTEST

# --- read-only answers --------------------------------------------------------------------
eid_login elise /procedures/FORMATTEST "$E" >/dev/null
NRN=$(psql_q "SELECT nrn FROM persons WHERE given_names LIKE 'Élise%'")
ID=$(form_start "$E" FORMATTEST)
check "a draft" test -n "$ID"
is "$(answer "$ID" nrn)" "$NRN" "the national number comes from the eID card"
as "$E" GET "/forms/$ID/pages/you" >/dev/null
contains "$TMP/body" "id=\"nrn\" value=\"$NRN\" readonly" "it is shown read-only"
lacks "$TMP/body" 'name="nrn"' "with no name: a browser posts nothing of it"
lacks "$TMP/body" 'name="surname"' "nor of the surname"
is "$(form_page "$E" "$ID" you --form-string 'nrn=85073003328' --form-string 'surname=Janssens')" 400 \
	"another person's number and name posted, no phone nor email: 400"
is "$(answer "$ID" nrn) $(answer "$ID" surname)" "$NRN $(psql_q "SELECT surname FROM persons WHERE nrn = '$NRN'")" \
	"the posted number and name are not taken"
contains "$TMP/body" "Téléphone : Indiquez un téléphone ou une adresse électronique.</a>" \
	"a rule across fields (one of phone or email), its message at its field, named in the summary"
is "$(form_page "$E" "$ID" you --form-string 'email=elise@example.be')" 303 "an email is enough: 303"
# a read-only answer its source did not give at the start (a register
# that did not answer) is asked again when the draft is read
psql_q "UPDATE dossiers SET data = data - 'nrn', prefill_sources = prefill_sources - 'nrn' WHERE id = $ID" >/dev/null
is "$(as "$E" GET "/forms/$ID/pages/you")/$(answer "$ID" nrn)" "200/$NRN" \
	"a read-only answer missing is filled from its source again, and kept"
contains "$TMP/body" "id=\"nrn\" value=\"$NRN\" readonly" "and shown"

# --- bounds: relative, exclusive, decimal; rules across fields --------------------------------
is "$(form_page "$E" "$ID" facts --form-string "built=$((THIS_YEAR + 1))" --form-string "bought=$TOMORROW" \
	--form-string "visit=$TODAY" --form-string 'start_date=2026-05-02' --form-string 'end_date=2026-05-01' \
	--form-string 'surface=0' --form-string 'price=0')" 400 "every bound passed: 400"
contains "$TMP/body" "Année de construction : Indiquez au maximum $THIS_YEAR.</a>" "a year up to this one, said as a year"
contains "$TMP/body" "Date d&#39;achat : La date ne peut pas être dans le futur.</a>" "a date not in the future"
contains "$TMP/body" "Date de la visite souhaitée : Indiquez une date après le $(TZ=Europe/Brussels date +%d/%m/%Y).</a>" \
	"a date after today, said the Belgian way"
contains "$TMP/body" "Fin : La date de fin doit suivre la date de début.</a>" "end date before start date"
contains "$TMP/body" "Surface en m² : Indiquez plus de 0.</a>" "an exclusive bound: 0 is not more than 0"
contains "$TMP/body" "Prix : Indiquez au minimum 0,01${NBSP}€.</a>" "0 is not at least 0,01 € (it passed once, cut to 0)"
contains "$TMP/body" "Entre 0,01${NBSP}€ et 20${NBSP}000,00${NBSP}€." "the hint says the amounts"
contains "$TMP/body" "Plus de 0, au maximum 1000,5." "and an exclusive bound with a decimal one"
contains "$TMP/body" "Après le $(TZ=Europe/Brussels date +%d/%m/%Y), au plus tard le $(from_today '+6 months' %d/%m/%Y)." \
	"and the dates of today, as they are today"
is "$(answer "$ID" price)" 0 "what was typed is kept"
is "$(form_page "$E" "$ID" facts --form-string "built=2000" --form-string "bought=$TODAY" \
	--form-string "visit=$IN_A_YEAR" --form-string 'start_date=2026-05-01' --form-string 'end_date=2026-05-01' \
	--form-string 'surface=1000,6' --form-string 'price=20 000,01')" 400 "just beyond the upper bounds: 400"
contains "$TMP/body" "Date de la visite souhaitée : Indiquez une date au plus tard le" "six months from today at most"
contains "$TMP/body" "Surface en m² : Indiquez au maximum 1000,5.</a>" "a decimal bound, said with its decimal comma"
contains "$TMP/body" "Prix : Indiquez au maximum 20${NBSP}000,00${NBSP}€.</a>" "an amount's bound, with its cents"
lacks "$TMP/body" "Année de construction :" "2000 is within 2000 and this year"
lacks "$TMP/body" "Date d&#39;achat :" "today is not in the future"
lacks "$TMP/body" "Fin :" "an end date equal to the start date passes the rule"
is "$(form_page "$E" "$ID" facts --form-string "built=$THIS_YEAR" --form-string "bought=$TODAY" \
	--form-string "visit=$IN_A_MONTH" --form-string 'start_date=2026-05-01' --form-string 'end_date=2026-05-31' \
	--form-string 'surface=0,5' --form-string 'price=0,01')" 303 "each at or within its limits: 303"
is "$(answer "$ID" price) $(answer "$ID" surface)" "0.01 0.5" "stored normalised"

# --- a group: a rule within each block, a total over the blocks ----------------------------
block0=(--form-string 'costs._blocks=2' --form-string 'costs.0.amount=15 000'
	--form-string 'costs.0.paid_from=2026-01-01' --form-string 'costs.0.paid_to=2026-02-01')
# two blocks kept first, as "Add another" makes them (a block's first
# showing reports nothing: its questions are new, docs/procedures.md)
form_page "$E" "$ID" costs "${block0[@]}" --form-string '_action=save' >/dev/null
is "$(form_page "$E" "$ID" costs "${block0[@]}" --form-string 'costs.1.amount=5000,01' \
	--form-string 'costs.1.paid_from=2026-03-01' --form-string 'costs.1.paid_to=2026-02-01')" 400 \
	"a block's period the wrong way round, a total over 20 000: 400"
contains "$TMP/body" "Frais 2 — Au : La période est à l&#39;envers.</a>" "the block's rule, named with its block"
lacks "$TMP/body" "Frais 1 — Au :" "only the block it fails"
contains "$TMP/body" "Frais : Le total des frais ne peut dépasser 20 000 €.</a>" "the total over the blocks"
is "$(form_page "$E" "$ID" costs "${block0[@]}" --form-string 'costs.1.amount=0' \
	--form-string 'costs.1.paid_from=2026-03-01' --form-string 'costs.1.paid_to=2026-03-31')" 400 "a cost of 0: 400"
contains "$TMP/body" "Frais 2 — Montant : Indiquez plus de 0,00${NBSP}€.</a>" "an amount more than 0, in a block"
is "$(form_page "$E" "$ID" costs "${block0[@]}" --form-string 'costs.1.amount=5000' \
	--form-string 'costs.1.paid_from=2026-03-01' --form-string 'costs.1.paid_to=2026-03-31')" 303 \
	"a total of 20 000: 303"

# --- a sworn answer, a declaration to tick --------------------------------------------------
is "$(form_page "$E" "$ID" sworn --form-string 'first_request=no')" 400 "answered no, not ticked: 400"
contains "$TMP/body" "Est-ce votre première demande ? : Cette demande n&#39;est possible que si vous répondez « Oui ».</a>" \
	"yes is the only answer that sends"
contains "$TMP/body" "Je déclare sur l&#39;honneur que mes réponses sont exactes. : Cochez la case pour confirmer cette déclaration.</a>" \
	"the declaration must be ticked"
contains "$TMP/body" 'type="checkbox" id="honour" name="honour" value="yes"' "a box, without JavaScript"
is "$(form_page "$E" "$ID" sworn --form-string 'first_request=yes' --form-string 'honour=maybe')" 400 \
	"a declaration posted with another value: 400"
is "$(form_page "$E" "$ID" sworn --form-string 'first_request=yes' --form-string 'honour=yes')" 303 "yes, ticked: 303"
is "$(location)" "/forms/$ID/summary" "to the summary"
is "$(dossier "$ID" status)" complet "every answer valid: complet"

# --- the summary, the submission, what is sealed ---------------------------------------------
as "$E" GET "/forms/$ID/summary" >/dev/null
contains "$TMP/body" "$NRN" "the summary shows the national number"
lacks "$TMP/body" "pages/you?check=1#nrn" "without a link to change it"
contains "$TMP/body" "pages/you?check=1#email" "the others have theirs"
is "$(form_submit "$E" "$ID")" 303 "submitted"
is "$(psql_q "SELECT data->>'nrn' = '$NRN' AND data->>'honour' = 'yes' FROM dossiers WHERE id = $ID")" t \
	"the card's number and the declaration are what is submitted"

# --- the checks run again at submission: a draft changed behind the page's back -------------
ID2=$(form_start "$E" FORMATTEST)
psql_q "UPDATE dossiers SET data = (SELECT data FROM dossiers WHERE id = $ID) || '{\"price\": \"0\", \"nrn\": \"85073003328\"}', status = 'complet' WHERE id = $ID2" >/dev/null
as "$E" GET "/forms/$ID2/summary" >/dev/null
contains "$TMP/body" "Indiquez au minimum 0,01${NBSP}€." "the summary finds the amount below its bound"
is "$(form_submit "$E" "$ID2")" 303 "a submission of it"
is "$(dossier "$ID2" "reference IS NULL")" t "is refused: no reference taken"
admin_cmd procedure offline FORMATTEST

# --- guichet-admin: departments, families, agents' roles -------------------------------------
out=$(admin_cmd department add URBANISM "Service Logement" "Dienst Huisvesting" "Dienst Wohnungswesen" "Housing department" logement@example.be 2>&1)
is "$?:$out" "0:department URBANISM" "department add"
check "department list names it" bash -c "'$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' department list | grep -q '^URBANISM	Service Logement	logement@example.be$'"
admin_cmd department add housing a b c d >/dev/null 2>&1
is "$?" 1 "a department's code is in capitals"
admin_cmd department add URBANISM "Service Logement" "" c d >/dev/null 2>&1
is "$?" 1 "each language has its name"
out=$(admin_cmd family add housing "Primes logement" "Huisvestingspremies" "Wohnungsprämien" "Housing premiums" 2>&1)
is "$?:$out" "0:family housing" "family add"
is "$(psql_q "SELECT titles->>'en' FROM procedure_families WHERE code = 'housing'")" "Housing premiums" "with its titles"
out=$(admin_cmd agent grant URBANISM 93051822361 processor 2>&1)
is "$?" 0 "agent grant, for a person who never logged in"
is "$(psql_q "SELECT ad.role FROM agent_departments ad JOIN agents a ON a.id = ad.agent_id JOIN persons p ON p.id = a.person_id JOIN departments d ON d.id = ad.department_id WHERE p.nrn = '93051822361' AND d.code = 'URBANISM'")" \
	processor "the role is granted"
admin_cmd agent grant URBANISM 93051822361 manager >/dev/null
is "$(psql_q "SELECT count(*) || ' ' || max(ad.role) FROM agent_departments ad JOIN agents a ON a.id = ad.agent_id JOIN persons p ON p.id = a.person_id WHERE p.nrn = '93051822361'")" \
	"1 manager" "granted again: changed, not doubled"
out=$(admin_cmd agent list URBANISM)
lacks <(echo "$out") 93051822361 "the list never prints a national number"
is "$(echo "$out" | cut -f2)" manager "it gives the role"
admin_cmd agent grant URBANISM 93051822362 reader >/dev/null 2>&1
is "$?" 1 "a number that is not a national number is refused"
admin_cmd agent grant NOWHERE 93051822361 reader >/dev/null 2>&1
is "$?" 1 "an unknown department is refused"
admin_cmd agent grant URBANISM 93051822361 boss >/dev/null 2>&1
is "$?" 1 "an unknown role is refused"
admin_cmd agent revoke URBANISM 93051822361
is "$?:$(psql_q "SELECT count(*) FROM agent_departments ad JOIN agents a ON a.id = ad.agent_id JOIN persons p ON p.id = a.person_id WHERE p.nrn = '93051822361'")" \
	"0:0" "agent revoke takes the role away"

done_testing
