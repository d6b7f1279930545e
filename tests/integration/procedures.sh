#!/usr/bin/env bash
# Procedure definitions as data: import, versions, immutability, online
# and offline, and precise refusals.  Prints TAP.
. "$(dirname "$0")/lib.sh"

admin() { "$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" "$@"; }
def=$SRC/conf/procedures/EBIKE.json

is "$(psql_q "SELECT current_version FROM procedures WHERE code = 'EBIKE'")" 1 "the stack imported EBIKE as version 1"
is "$(admin procedure import "$def")" "EBIKE: unchanged" "importing the same definition again changes nothing"
# A draft in flight on version 1, with an answer to a field version 2 drops.
E=$TMP/elise
eid_login elise /procedures/EBIKE "$E" >/dev/null
make_pdfs
ID=$(form_start "$E" EBIKE)
form_page "$E" "$ID" applicant --form-string 'email=elise@example.be' --form-string 'postcode=4000' \
	--form-string 'iban=BE68539007547034' >/dev/null
python3 -c "
import json, sys
d = json.load(open('$def'))
d['pages'][0]['fields'] = [f for f in d['pages'][0]['fields'] if f['name'] != 'postcode']
d['titles']['fr'] = 'Prime vélo électrique (nouvelle version)'
json.dump(d, open('$TMP/EBIKE.json', 'w'), ensure_ascii=False)"
is "$(admin procedure import "$TMP/EBIKE.json")" "EBIKE: version 2 published" "a changed definition is the next version"
is "$(psql_q "SELECT current_version FROM procedures WHERE code = 'EBIKE'")" 2 "which becomes current"
is "$(psql_q "SELECT definition->'pages'->0->'fields'->1->>'name' FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id WHERE code = 'EBIKE' AND version = 1")" \
	postcode "version 1 keeps the field version 2 removed"
as "$E" GET "/forms/$ID/pages/applicant" >/dev/null
contains "$TMP/body" 'name="postcode"' "a draft started on version 1 still asks the field version 2 removed"
is "$(answer "$ID" postcode)" 4000 "its answer is kept"
ID2=$(form_start "$E" EBIKE)
is "$(dossier "$ID2" procedure_version)" 2 "a new draft starts on version 2"
as "$E" GET "/forms/$ID2/pages/applicant" >/dev/null
lacks "$TMP/body" 'name="postcode"' "without the removed field"
form_page "$E" "$ID" purchase --form-string 'purchase_date=2026-10-01' --form-string 'price=800' \
	--form-string 'kind=city' -F "invoice=@$TMP/ok.pdf" >/dev/null
is "$(form_submit "$E" "$ID")" 303 "the draft on version 1 is submitted while version 2 is current"
is "$(dossier "$ID" "status || ' ' || procedure_version || ' ' || (data->>'postcode')")" "soumis 1 4000" \
	"on version 1, with the answer version 2 no longer asks"
out=$(psql_q "UPDATE procedure_versions SET definition = '{}' WHERE version = 1" 2>&1)
case "$out" in *append-only*) ok 0 "a published version cannot be changed" ;; *) ok 1 "a published version cannot be changed"; echo "# $out" ;; esac
out=$(psql_q "DELETE FROM procedure_versions WHERE version = 1" 2>&1)
case "$out" in *append-only*) ok 0 "nor deleted" ;; *) ok 1 "nor deleted"; echo "# $out" ;; esac

is "$(admin procedure online EBIKE; echo $?)" 0 "online"
is "$(psql_q "SELECT online FROM procedures WHERE code = 'EBIKE'")" t "the procedure is online"
admin procedure offline EBIKE
is "$(psql_q "SELECT online FROM procedures WHERE code = 'EBIKE'")" f "and offline again"
as "$E" GET /procedures >/dev/null
is "$(as "$E" POST /procedures/EBIKE/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 404 \
	"an offline procedure cannot be started"
is "$(as "$E" GET "/forms/$ID2/pages/applicant")" 200 "but a draft already started goes on"
admin procedure online NOPE 2>/dev/null
is "$?" 1 "an unknown procedure cannot be put online"

sed 's/"type": "money"/"type": "mony"/' "$def" >"$TMP/bad.json"
out=$(admin procedure import "$TMP/bad.json" 2>&1)
is "$?" 1 "an invalid definition is refused"
is "$out" "$TMP/bad.json: pages[1].fields[1] \"price\": \"type\" \"mony\" is not a field type" \
	"saying which file, which field and what is wrong"
sed 's/"department": "MOBILITY"/"department": "NOWHERE"/' "$def" >"$TMP/nodept.json"
out=$(admin procedure import "$TMP/nodept.json" 2>&1)
is "$out" "$TMP/nodept.json: no department NOWHERE (add it with guichet-admin department add, or describe it in the file)" \
	"an unknown department is named, with the two ways to add it"
sed 's/"family": "mobility"/"family": "nofamily"/' "$def" >"$TMP/nofam.json"
out=$(admin procedure import "$TMP/nofam.json" 2>&1)
is "$?" 1 "an unknown family is refused"
is "$out" "$TMP/nofam.json: no procedure family nofamily (add it with guichet-admin family add, or describe it in the file)" \
	"as an unknown family, not as a foreign key's error"
is "$(psql_q "SELECT family_code || ' ' || current_version FROM procedures WHERE code = 'EBIKE'")" "mobility 2" \
	"and nothing of a refused import remains"
printf '{"code": "X",\n' >"$TMP/syntax.json"
out=$(admin procedure import "$TMP/syntax.json" 2>&1)
case "$out" in "$TMP/syntax.json:2:"*) ok 0 "a JSON syntax error names file and line" ;; *) ok 1 "a JSON syntax error names file and line"; echo "# $out" ;; esac
admin procedure online EBIKE

done_testing
