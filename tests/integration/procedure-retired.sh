#!/usr/bin/env bash
# The old residence procedure retired in favour of the RESIDENCE
# certificate (docs/certificates.md, "The old procedure"): guichet-admin
# procedure retire puts it offline with what replaces it; the catalogue
# no longer lists it and its search finds the certificate; the
# procedure's page sends to the certificate (301) and no new dossier
# starts; a dossier made before stays readable, receipt included, for
# its person and for the agents; "online" brings the procedure back.
. "$(dirname "$0")/lib.sh"
E=$TMP/elise A=$TMP/agathe
admin() { "$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" "$@"; }

# a dossier of the procedure while it is online
eid_login elise /procedures/RESIDENCE "$E" >/dev/null
ID=$(form_start "$E" RESIDENCE)
residence_page "$E" "$ID" fr --form-string purpose=bank >/dev/null
is "$(form_submit "$E" "$ID")" 303 "a residence dossier submitted before the retirement"
REF=$(psql_q "SELECT reference FROM dossiers WHERE id = $ID")

check "guichet-admin procedure retire RESIDENCE /certificates/RESIDENCE" \
	admin procedure retire RESIDENCE /certificates/RESIDENCE
is "$(psql_q "SELECT online || ' ' || replaced_by FROM procedures WHERE code = 'RESIDENCE'")" \
	"false /certificates/RESIDENCE" "offline, replaced by the certificate"
check "a replacement that is not a path of the site is refused" \
	bash -c "! '$BUILD/cgi-bin/guichet-admin/guichet-admin' -c '$DIR/guichet.conf' procedure retire EBIKE 'https://evil.example/' 2>/dev/null"
is "$(psql_q "SELECT online FROM procedures WHERE code = 'EBIKE'")" t "and leaves that procedure as it was"

# the catalogue and its search
is "$(as "$E" GET /procedures)" 200 "the catalogue"
lacks "$TMP/body" 'href="/procedures/RESIDENCE"' "no longer lists the procedure"
contains "$TMP/body" 'href="/certificates/RESIDENCE"' "lists the certificate instead"
contains "$TMP/body" '<option value="population">' "the population theme stays, for the certificates"
as "$E" GET "/procedures?q=r%C3%A9sidence" >/dev/null
contains "$TMP/body" 'href="/certificates/RESIDENCE"' "a search for 'résidence' finds the certificate"
contains "$TMP/body" 'href="/certificates/RESIDENCE_HISTORY"' "and the residence history"
lacks "$TMP/body" 'href="/procedures/RESIDENCE"' "not the retired procedure"
as "$E" GET "/procedures?q=woonst&lang=nl" >/dev/null
contains "$TMP/body" 'href="/certificates/RESIDENCE"' "in Dutch as well ('woonst')"
as "$E" GET "/procedures?theme=mobility&lang=fr" >/dev/null
lacks "$TMP/body" 'href="/certificates/' "another theme: no certificate"
rm -f "$TMP/anon"
is "$(as "$TMP/anon" GET "/procedures?q=residence")" 200 "anonymous, the catalogue"
contains "$TMP/body" 'href="/certificates/RESIDENCE"' "shows the certificate too"

# its page and its start
is "$(as "$E" GET /procedures/RESIDENCE)" 301 "the procedure's page: 301"
is "$(location)" /certificates/RESIDENCE "to the certificate"
as "$E" GET /procedures >/dev/null
is "$(as "$E" POST /procedures/RESIDENCE/start -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)")" 404 \
	"no new dossier starts"

# the dossier made before
is "$(as "$E" GET "/dossiers/$REF")" 200 "Élise's dossier stays readable"
contains "$TMP/body" "$REF" "with its reference"
is "$(as "$E" GET "/forms/$ID/receipt.pdf")" 200 "its receipt still comes"
is "$(head -c 5 "$TMP/body")" "%PDF-" "as a PDF"
eid_login agathe /inbox "$A" >/dev/null
is "$(as "$A" GET "/inbox/dossiers/$ID")" 200 "the agents still open it"

check "guichet-admin procedure online brings it back" admin procedure online RESIDENCE
is "$(psql_q "SELECT online || ' ' || coalesce(replaced_by, '-') FROM procedures WHERE code = 'RESIDENCE'")" \
	"true -" "online, no longer replaced"
is "$(as "$E" GET /procedures/RESIDENCE)" 200 "its page again"
done_testing
