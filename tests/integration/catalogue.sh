#!/usr/bin/env bash
# The catalogue of procedures: what fits whom, search (accents and case
# aside), themes, public pages.
# Prints TAP.
. "$(dirname "$0")/lib.sh"

admin() { "$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" "$@"; }

is "$(http GET /procedures)" 200 "the catalogue"
contains "$TMP/body" '/procedures/EBIKE' "lists an online procedure"
contains "$TMP/body" 'Prime pour l&#39;achat d&#39;un vélo' "with its title in the user's language"
contains "$TMP/body" '<option value="mobility">Primes mobilité</option>' "themes are the procedure families"
is "$(http GET '/procedures?lang=de')" 200 "in German"
contains "$TMP/body" 'Prämie für den Kauf eines Elektrofahrrads' "German title"
rm -f "$JAR"
http GET '/procedures?q=v%C3%A9lo' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "search by a word of the title"
http GET '/procedures?q=velo' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "'velo' finds 'vélo': accents aside"
http GET '/procedures?q=V%C3%89LO' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "'VÉLO' too: case aside"
http GET '/procedures?q=pramie&lang=de' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "'pramie' finds 'Prämie' in German"
rm -f "$JAR"
http GET '/procedures?q=vel%C3%B6' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "a wrong accent is no accent: 'velö'"
http GET '/procedures?q=piscine' >/dev/null
lacks "$TMP/body" '/procedures/EBIKE' "a search that matches nothing"
contains "$TMP/body" 'Aucune démarche ne correspond' "says so"
http GET '/procedures?q=%5F%5F' >/dev/null
lacks "$TMP/body" '/procedures/EBIKE' "_ is a character, not a wildcard"
http GET '/procedures?theme=sesam' >/dev/null
lacks "$TMP/body" '/procedures/EBIKE' "another theme"
http GET '/procedures?theme=mobility' >/dev/null
contains "$TMP/body" '/procedures/EBIKE' "its own theme"
is "$(http GET "/procedures?q=$(head -c 101 /dev/zero | tr '\0' a)")" 400 "a search over 100 characters is 400"
contains "$TMP/body" '100 caractères' "with a message"

is "$(http GET /procedures/EBIKE)" 200 "the public page of a procedure"
contains "$TMP/body" 'Service Mobilité' "the department"
contains "$TMP/body" 'carte eID ou code reçu par courriel' "the login level it asks"
contains "$TMP/body" 'La facture d&#39;achat au format PDF.' "what to prepare"
contains "$TMP/body" 'Dans les 6 mois' "the deadline"
is "$(http GET /procedures/NOPE)" 404 "an unknown procedure is 404"
is "$(http GET '/procedures/%3Cscript%3E')" 404 "so is markup"

admin procedure offline EBIKE
is "$(http GET /procedures/EBIKE)" 404 "an offline procedure has no page"
http GET /procedures >/dev/null
lacks "$TMP/body" '/procedures/EBIKE' "and is not listed"
admin procedure online EBIKE

# What fits whom: EBIKE is for citizens; someone acting for a company does
# not see it.
J=$TMP/jan
curl -s --cacert "$DIR/pki/ca.crt" --cert "$DIR/eid/cards/jan.pem" -o /dev/null -D "$TMP/h" "$EID_BASE/login/eid?return=/procedures"
curl -s --cacert "$DIR/pki/ca.crt" -c "$J" -o /dev/null "$(grep -i '^Location:' "$TMP/h" | cut -d' ' -f2 | tr -d '\r')"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -b "$J" -o "$TMP/body" -w '%{http_code}' "$BASE/procedures")" 200 "a logged-in citizen"
contains "$TMP/body" '/procedures/EBIKE' "sees the procedures for citizens"
org_member 0876543270 company 'Peeters BV' 90010100123
psql_q "UPDATE sessions SET acting_org_id = (SELECT id FROM organisations WHERE bce = '0876543270') WHERE person_id = (SELECT id FROM persons WHERE nrn = '90010100123') AND ended_at IS NULL" >/dev/null
curl -s --cacert "$DIR/pki/ca.crt" -b "$J" -o "$TMP/body" "$BASE/procedures"
lacks "$TMP/body" '/procedures/EBIKE' "acting for a company, not the citizens' procedures"
contains "$TMP/body" 'Peeters BV' "and the page says for whom"

done_testing
