#!/usr/bin/env bash
# Procedure definitions as data: import, versions, immutability, online
# and offline, and precise refusals.  Prints TAP.
. "$(dirname "$0")/lib.sh"

admin() { "$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" "$@"; }
def=$SRC/conf/procedures/EBIKE.json

is "$(psql_q "SELECT current_version FROM procedures WHERE code = 'EBIKE'")" 1 "the stack imported EBIKE as version 1"
is "$(admin procedure import "$def")" "EBIKE: unchanged" "importing the same definition again changes nothing"
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
out=$(psql_q "UPDATE procedure_versions SET definition = '{}' WHERE version = 1" 2>&1)
case "$out" in *append-only*) ok 0 "a published version cannot be changed" ;; *) ok 1 "a published version cannot be changed"; echo "# $out" ;; esac
out=$(psql_q "DELETE FROM procedure_versions WHERE version = 1" 2>&1)
case "$out" in *append-only*) ok 0 "nor deleted" ;; *) ok 1 "nor deleted"; echo "# $out" ;; esac

is "$(admin procedure online EBIKE; echo $?)" 0 "online"
is "$(psql_q "SELECT online FROM procedures WHERE code = 'EBIKE'")" t "the procedure is online"
admin procedure offline EBIKE
is "$(psql_q "SELECT online FROM procedures WHERE code = 'EBIKE'")" f "and offline again"
admin procedure online NOPE 2>/dev/null
is "$?" 1 "an unknown procedure cannot be put online"

sed 's/"type": "money"/"type": "mony"/' "$def" >"$TMP/bad.json"
out=$(admin procedure import "$TMP/bad.json" 2>&1)
is "$?" 1 "an invalid definition is refused"
is "$out" "$TMP/bad.json: pages[1].fields[1] \"price\": \"type\" \"mony\" is not a field type" \
	"saying which file, which field and what is wrong"
sed 's/"department": "MOBILITY"/"department": "NOWHERE"/' "$def" >"$TMP/nodept.json"
out=$(admin procedure import "$TMP/nodept.json" 2>&1)
is "$out" "$TMP/nodept.json: no department NOWHERE" "an unknown department is named"
sed 's/"family": "mobility"/"family": "nofamily"/' "$def" >"$TMP/nofam.json"
admin procedure import "$TMP/nofam.json" >/dev/null 2>&1
is "$?" 1 "an unknown family is refused"
is "$(psql_q "SELECT family_code || ' ' || current_version FROM procedures WHERE code = 'EBIKE'")" "mobility 2" \
	"and nothing of a refused import remains"
printf '{"code": "X",\n' >"$TMP/syntax.json"
out=$(admin procedure import "$TMP/syntax.json" 2>&1)
case "$out" in "$TMP/syntax.json:2:"*) ok 0 "a JSON syntax error names file and line" ;; *) ok 1 "a JSON syntax error names file and line"; echo "# $out" ;; esac

done_testing
