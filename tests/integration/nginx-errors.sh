#!/usr/bin/env bash
# The errors nginx makes itself (issue 17): a request it cannot read, a path
# no program serves, a body or an address too long, a program away, busy or
# too slow get the guichet's own page, in the user's language, with the
# programs' security headers, as the programs' error pages have them.
. "$(dirname "$0")/lib.sh"

# The programs' own headers, from a page they make, to compare with.
http GET /help >/dev/null
CSP=$(header Content-Security-Policy)
check "the programs send a CSP" test -n "$CSP"

page_is() {	# page_is STATUS LANG TITLE NAME: the last response is our page
	is "$(grep -o '<html lang="[a-z]*">' "$TMP/body")" "<html lang=\"$2\">" "$4: html lang=$2"
	contains "$TMP/body" "$3" "$4: the guichet's page, in its language"
	contains "$TMP/body" "/static/guichet.css" "$4: with the site's stylesheet"
	contains "$TMP/body" "$1" "$4: the code told"
	is "$(header Content-Security-Policy)" "$CSP" "$4: the programs' CSP"
	is "$(header X-Content-Type-Options)" nosniff "$4: nosniff"
	is "$(header X-Frame-Options)" DENY "$4: not framed"
	is "$(header Cache-Control)" no-store "$4: not kept"
	lacks "$TMP/body" "<center>nginx</center>" "$4: not nginx's bare page"
}

is "$(http GET /no/program/serves/this)" 404 "a path no program serves: 404"
page_is 404 fr "Page introuvable" "404, no language asked"
is "$(http GET /no/program/serves/this -H 'Accept-Language: nl-BE,nl;q=0.9,en;q=0.5')" 404 "404 for a Dutch browser"
page_is 404 nl "Pagina niet gevonden" "404 in Dutch"
is "$(http GET '/nothing-here?lang=de')" 404 "404 with ?lang=de"
page_is 404 de "Seite nicht gefunden" "404 in German"
is "$(http GET /nothing-here -H 'Cookie: guichet_lang=en' -H 'Accept-Language: nl')" 404 \
	"404 with the language cookie"
page_is 404 en "Page not found" "404: the cookie wins over the browser"

is "$(http GET /help -H 'Host: a/b')" 400 "a request nginx cannot read: 400"
page_is 400 fr "Demande incorrecte" "400"

long=$(head -c 20000 /dev/zero | tr '\0' a)
is "$(http GET "/help?q=$long" -H 'Accept-Language: en')" 414 "an address too long: 414"
# nginx refuses the request line before it reads any header: French
page_is 414 fr "Adresse trop longue" "414"

head -c 31000000 /dev/zero >"$TMP/30m.bin"
is "$(http POST /procedures/EBIKE/start -H 'Accept-Language: de' -F "f=@$TMP/30m.bin")" 413 \
	"a 30 MB body, over nginx's limit: 413"
page_is 413 de "Sendung zu groß" "413"

is "$(http GET /_test/upstream-down -H 'Accept-Language: nl')" 502 "a program away: 502"
page_is 502 nl "Externe dienst onbeschikbaar" "502"
is "$(http GET /_test/status-503)" 503 "503 from nginx"
page_is 503 fr "Service momentanément indisponible" "503"
is "$(http GET /_test/status-504 -H 'Accept-Language: en')" 504 "504 from nginx"
page_is 504 en "Service too slow" "504"

# A program's own 404 stays the program's (with its language switcher
# pointing back to the same page), not nginx's.
is "$(http GET /help/articles/nope)" 404 "a program's own 404"
contains "$TMP/body" 'href="/help/articles/nope?lang=nl"' "is still the program's page"

# Each page exists in the four languages, in step with the language files.
for s in 400 404 413 414 502 503 504; do
	for l in fr nl de en; do
		[ -s "$DIR/errors/$s.$l.html" ] || { ok 1 "$s.$l.html rendered"; continue 2; }
	done
	ok 0 "the $s page rendered in the four languages"
done
done_testing
