#!/usr/bin/env bash
# The help centre through the real stack: nginx with the module, the FastCGI
# program, PostgreSQL.  Prints TAP.
. "$(dirname "$0")/lib.sh"

# --- pages and languages -----------------------------------------------------
is "$(http GET /help)" 200 "index answers 200"
contains "$TMP/body" '<html lang="fr">' "French by default"
contains "$TMP/body" 'Connexion et carte eID' "themes listed"
is "$(grep -c '/help/articles/' "$TMP/body")" 21 "21 articles on the index"
is "$(header Content-Language)" fr "Content-Language header"
case "$(header Content-Security-Policy)" in
*"script-src 'self'"*"frame-ancestors 'none'"*) ok 0 "CSP without inline script, no framing" ;;
*) ok 1 "CSP without inline script, no framing" ;;
esac
is "$(header X-Content-Type-Options)" nosniff "nosniff"
is "$(header Referrer-Policy)" same-origin "Referrer-Policy"
is "$(header Cache-Control)" no-store "dynamic pages are not stored by default"
is "$(header Set-Cookie)" "" "a page without a form sets no cookie"

rm -f "$JAR"
http GET /help -H 'Accept-Language: nl-BE,nl;q=0.9,en;q=0.5' >/dev/null
contains "$TMP/body" '<html lang="nl">' "Accept-Language picks Dutch"
contains "$TMP/body" 'Helpcentrum' "Dutch strings"
http GET '/help?lang=de' >/dev/null
contains "$TMP/body" '<html lang="de">' "?lang=de picks German"
case "$(header Set-Cookie)" in
guichet_lang=de*Secure*HttpOnly*) ok 0 "language choice kept in a secure cookie" ;;
*) ok 1 "language choice kept in a secure cookie" ;;
esac
http GET /help -H 'Accept-Language: en' >/dev/null
contains "$TMP/body" '<html lang="de">' "the cookie wins over Accept-Language"
http GET '/help?lang=en' >/dev/null
contains "$TMP/body" 'Help centre' "English"
rm -f "$JAR"

is "$(http GET /help/articles/eid-pin-code)" 200 "article page"
contains "$TMP/body" "Qu&#39;est-ce que le code PIN" "article title, escaped"
contains "$TMP/body" 'PUK' "article body"
contains "$TMP/body" '/help/articles/login-with-eid' "related articles"
is "$(http GET '/help/articles/eid-pin-code?lang=nl')" 200 "same article in Dutch"
contains "$TMP/body" 'Wat is de pincode' "Dutch article"
http GET '/help?lang=fr' >/dev/null
is "$(http GET /help/articles/login-with-eid)" 200 "article with a list"
contains "$TMP/body" '<li>un lecteur de carte eID' "list items from '- ' lines"
is "$(http GET /help/themes/companies)" 200 "theme page"
contains "$TMP/body" 'gestionnaire principal' "theme articles"
is "$(http GET /help/themes/nope)" 404 "unknown theme is 404"

# --- cached help content follows changes ------------------------------------------
old=$(psql_q "SELECT title FROM faq_article_texts t JOIN faq_articles a ON a.id = t.article_id WHERE slug = 'drafts' AND lang = 'fr'")
http GET '/help/articles/drafts?lang=fr' >/dev/null
http GET '/help/articles/drafts?lang=fr' >/dev/null
psql_q "UPDATE faq_article_texts SET title = 'Titre modifié' FROM faq_articles a WHERE a.id = article_id AND slug = 'drafts' AND lang = 'fr'" >/dev/null
sleep $((${CACHE_SECONDS:-1} + 1))
http GET '/help/articles/drafts?lang=fr' >/dev/null
contains "$TMP/body" 'Titre modifié' "an edited article shows once the cache expires (worker 1)"
http GET '/help/articles/drafts?lang=fr' >/dev/null
contains "$TMP/body" 'Titre modifié' "an edited article shows once the cache expires (worker 2)"
psql_q "UPDATE faq_article_texts SET title = \$\$$old\$\$ FROM faq_articles a WHERE a.id = article_id AND slug = 'drafts' AND lang = 'fr'" >/dev/null
rm -f "$JAR"

# --- search in each language, with stemming ------------------------------------
search_first() {	# search_first LANG QUERY: slug of the first result
	http GET "/help/search?lang=$1&q=$2" >/dev/null
	grep -o 'href="/help/articles/[a-z0-9-]*"' "$TMP/body" | head -1 |
		sed 's|.*/||; s/"$//'
}
is "$(search_first fr 'carte+bloqu%C3%A9e')" eid-pin-code "French: 'bloquée' finds 'bloquée'/'bloqué'"
is "$(search_first fr 'mandataires')" mandates "French stemming: 'mandataires'"
is "$(search_first nl 'kaartlezers')" card-reader-problems "Dutch stemming: 'kaartlezers'"
is "$(search_first de 'Mandate+widerrufen')" mandates "German: 'widerrufen'"
is "$(search_first de 'Zertifikate')" card-reader-problems "German stemming: 'Zertifikate'"
is "$(search_first en 'logging+out')" session-security "English stemming: 'logging out'"
is "$(search_first en 'attaching+PDFs')" attach-pdf "no article has every word: any word ranks"
# accents and case aside, stemming and ranking kept
results() {	# results LANG QUERY: the slugs found, in order
	http GET "/help/search?lang=$1&q=$2" >/dev/null
	grep -o 'href="/help/articles/[a-z0-9-]*"' "$TMP/body" | sed 's|.*/||; s/"$//' | tr '\n' ' '
}
is "$(results fr 'BLOQUEE')" "eid-pin-code " "French without accents, in capitals: 'BLOQUEE' finds 'bloquée'"
is "$(results fr 'TELECHARGEABLE')" "$(results fr 't%C3%A9l%C3%A9chargeable')" \
	"'TELECHARGEABLE' finds what 'téléchargeable' finds, in the same order"
check "and that is something" test -n "$(results fr 'TELECHARGEABLE')"
is "$(results fr 'numero+national')" "$(results fr 'num%C3%A9ro+national')" \
	"'numero national' finds what 'numéro national' finds, in the same order"
check "'numéro national' finds something" test -n "$(results fr 'num%C3%A9ro+national')"
is "$(results fr 'carte+bloqu%C3%A9e')" "eid-pin-code card-reader-problems " \
	"typed with its accent, 'bloquée' still finds 'bloquer' (stemmed as written)"
is "$(search_first nl 'kaartlez%C3%ABrs')" card-reader-problems "a stray accent is ignored: 'kaartlezërs'"
is "$(http GET '/help/search?lang=fr&q=xyzzyplugh')" 200 "no result is still 200"
contains "$TMP/body" 'Aucun article ne correspond' "no-result message"
is "$(http GET '/help/search')" 200 "empty search shows the form"

# --- hostile input -----------------------------------------------------------
is "$(http GET '/help/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27')" 200 "hostile search answered"
lacks "$TMP/body" '<script>' "no script tag comes back"
contains "$TMP/body" '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;' "the query is escaped"
is "$(http GET '/help/search?q=%zz')" 400 "a broken escape is 400"
contains "$TMP/body" 'Demande incorrecte' "400 page is translated"
is "$(http GET '/help/search?q=%ff%fe')" 400 "invalid UTF-8 is 400"
long=$(head -c 201 /dev/zero | tr '\0' 'a')
is "$(http GET "/help/search?q=$long")" 400 "a 201-character search is 400"
contains "$TMP/body" '200 caract' "with a message saying why"
contains "$TMP/body" "value=\"$long\"" "and the query kept in the box"
is "$(http GET "/help/articles/%3Cb%3E")" 404 "markup in a slug is just not found"
lacks "$TMP/body" '<b>' "and not echoed raw"

# --- errors ----------------------------------------------------------------------
is "$(http GET /help/nope)" 404 "unknown page is 404"
contains "$TMP/body" 'Page introuvable' "404 page in French"
is "$(http GET '/help/nope?lang=nl')" 404 "404 in Dutch"
contains "$TMP/body" 'Pagina niet gevonden' "404 page in Dutch"
rm -f "$JAR"
is "$(http POST /help -d x=1)" 405 "POST on a GET page is 405"
is "$(header Allow)" "GET, HEAD, POST" "with an Allow header"
is "$(http PUT /help)" 405 "PUT is 405"
contains "$TMP/body" 'Méthode non autorisée' "405 page is translated"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -I -o /dev/null -w '%{http_code} %{size_download}' \
	"$BASE/help/articles/eid-pin-code")" "200 0" "HEAD answers without a body"
is "$(http POST /help/contact -H 'Content-Type: text/plain' --data-binary hello)" 415 "unknown body type is 415"
head -c 1100000 /dev/zero | tr '\0' 'a' >"$TMP/big"
is "$(http POST /help/contact -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big")" 413 "a form over 1 MB is 413"
contains "$TMP/body" 'Envoi trop volumineux' "413 page is translated" || head -c 600 "$TMP/body" | sed 's/^/# /'
is "$(http POST /help/contact -H 'Content-Type: multipart/form-data; boundary=zz' --data-binary $'--zz\r\nbroken')" 400 "malformed multipart is 400"
is "$(http POST /help -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big")" 405 "a big body to a GET page is a clean 405"
is "$(http POST /help/nope -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big")" 404 "a big body to no page is a clean 404"
head -c 11000000 /dev/zero >"$TMP/big.pdf"
# A file over limits.file_max is read through and dropped: the text sent
# with it comes back with the form (issue 17), not a bare 413.
is "$(http POST /help/contact -F "big=@$TMP/big.pdf" -F 'name=Gros fichier' -F 'email=')" 400 \
	"a multipart file over 10 MB: dropped, the form comes back"
contains "$TMP/body" 'value="Gros fichier"' "with what was typed beside it"
head -c 27000000 /dev/zero >"$TMP/huge.pdf"
is "$(http POST /help/contact -F "big=@$TMP/huge.pdf")" 413 "a body over nginx's limit is 413"

# --- static files ------------------------------------------------------------------
is "$(http GET /static/guichet.css)" 200 "stylesheet"
is "$(header X-Content-Type-Options)" nosniff "static files are nosniff too"

# --- contact form --------------------------------------------------------------------
rm -f "$JAR"
is "$(http GET '/help/contact?theme=companies')" 200 "contact form"
contains "$TMP/body" '<option value="companies" selected>' "theme from the link preselected"
tok=$(csrf_token)
is "${#tok}" 64 "the form carries a CSRF token"
case "$(header Set-Cookie)" in
__Host-guichet-csrf=*"Path=/"*Secure*HttpOnly*SameSite=Lax) ok 0 "the form sets a __Host- anti-forgery cookie" ;;
*) ok 1 "the form sets a __Host- anti-forgery cookie"; echo "# $(header Set-Cookie)" ;;
esac
before=$(psql_q "SELECT count(*) FROM helpdesk_questions")
is "$(http POST /help/contact --data-urlencode "csrf=$tok" --data-urlencode 'name=Marie Dupont' \
	--data-urlencode 'email=marie@example.be' --data-urlencode 'subject=Lecteur' \
	--data-urlencode 'theme=login' --data-urlencode $'message=Mon lecteur <ne> marche pas.\nMerci')" 303 "question accepted"
case "$(header Location)" in
/help/contact/sent\?ref=Q-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]) ok 0 "redirect after POST, with the question's reference" ;;
*) ok 1 "redirect after POST, with the question's reference"; echo "# $(header Location)" ;;
esac
is "$(http POST /help/contact --data-urlencode "csrf=$tok" -H "Origin: $BASE" -H 'Sec-Fetch-Site: same-origin' \
	--data-urlencode 'name=Browser' --data-urlencode 'email=browser.help@example.be' \
	--data-urlencode 'subject=S' --data-urlencode 'message=As a browser sends it')" 303 "a browser's same-origin POST is accepted"
is "$(psql_q "SELECT name || '|' || email || '|' || theme_code || '|' || body FROM helpdesk_questions WHERE name <> 'Browser' ORDER BY id DESC LIMIT 1")" \
	$'Marie Dupont|marie@example.be|login|Mon lecteur <ne> marche pas.\nMerci' "question stored as typed"
is "$(http GET /help/contact/sent)" 200 "thank-you page"

is "$(http POST /help/contact --data-urlencode "csrf=$tok" --data-urlencode 'name=' \
	--data-urlencode 'email=pas-une-adresse' --data-urlencode 'subject=Sujet gardé' \
	--data-urlencode 'message=Texte <gardé> & conservé')" 400 "invalid answers: 400 with the form"
contains "$TMP/body" 'Le formulaire contient des erreurs' "error summary at the top"
contains "$TMP/body" 'href="#name"' "summary links to the field"
contains "$TMP/body" 'id="email-error"' "message beside the field"
contains "$TMP/body" 'aria-invalid="true" aria-describedby="name-error"' "field marked invalid"
contains "$TMP/body" 'value="pas-une-adresse"' "typed email kept"
contains "$TMP/body" 'value="Sujet gardé"' "typed subject kept"
contains "$TMP/body" 'Texte &lt;gardé&gt; &amp; conservé</textarea>' "typed message kept, escaped"

n=$(psql_q "SELECT count(*) FROM helpdesk_questions")
is "$(http POST /help/contact --data-urlencode 'name=X' --data-urlencode 'email=x@example.be' \
	--data-urlencode 'subject=S' --data-urlencode 'message=Forged')" 400 "POST without a token is refused"
contains "$TMP/body" 'La page a expiré' "and says the page expired"
contains "$TMP/body" 'Forged</textarea>' "keeping what was typed"
is "$(http POST /help/contact --data-urlencode "csrf=$tok" -H 'Origin: https://evil.example' \
	--data-urlencode 'name=X' --data-urlencode 'email=x@example.be' \
	--data-urlencode 'subject=S' --data-urlencode 'message=Cross-site')" 400 "cross-site POST with a good token is refused"
is "$(http POST /help/contact --data-urlencode "csrf=$tok" -H 'Sec-Fetch-Site: cross-site' \
	--data-urlencode 'name=X' --data-urlencode 'email=x@example.be' \
	--data-urlencode 'subject=S' --data-urlencode 'message=Cross-site')" 400 "Sec-Fetch-Site cross-site refused"
other=$(mktemp)
curl -s --cacert "$DIR/pki/ca.crt" -c "$other" -o /dev/null "$BASE/help/contact"
is "$(curl -s --cacert "$DIR/pki/ca.crt" -b "$other" -o /dev/null -w '%{http_code}' \
	--data-urlencode "csrf=$tok" --data-urlencode 'name=X' --data-urlencode 'email=x@example.be' \
	--data-urlencode 'subject=S' --data-urlencode 'message=Stolen' "$BASE/help/contact")" 400 "another browser's token is refused"
rm -f "$other"
is "$(psql_q "SELECT count(*) FROM helpdesk_questions")" "$n" "no refused POST stored anything"
is "$(http POST /help/contact -F "csrf=$tok" -F 'name=Multi Part' -F 'email=mp@example.be' \
	-F 'subject=Multipart' -F 'message=Sent as multipart')" 303 "multipart form accepted"
is "$(psql_q "SELECT count(*) FROM helpdesk_questions WHERE email = 'mp@example.be'")" 1 "multipart question stored"

# --- legal pages: privacy, accessibility, legal notice, in every footer ---------------------
conf_value() { sed -n "s/^$1[ \t]*=[ \t]*//p" "$DIR/guichet.conf" | tail -1; }
rm -f "$JAR"
declare -A privacy=([fr]='Vie privée' [nl]='Privacy' [de]='Datenschutz' [en]='Privacy')
declare -A a11y=([fr]='Accessibilité' [nl]='Toegankelijkheid' [de]='Barrierefreiheit' [en]='Accessibility')
declare -A notice=([fr]='Mentions légales' [nl]='Wettelijke vermeldingen' [de]='Impressum' [en]='Legal notice')
declare -A wcag=([fr]='(WCAG) 2.1, niveau AA' [nl]='(WCAG) 2.1, niveau AA' [de]='(WCAG) 2.1, Stufe AA' [en]='(WCAG) 2.1, level AA')
declare -A dpo=([fr]='Délégué à la protection des données' [nl]='Functionaris voor gegevensbescherming' [de]='Datenschutzbeauftragter' [en]='Data protection officer')
for l in fr nl de en; do
	is "$(http GET "/help/privacy?lang=$l")" 200 "$l: the privacy statement"
	contains "$TMP/body" "<h1>${privacy[$l]}</h1>" "$l: privacy statement titled in $l"
	contains "$TMP/body" "<h2>${dpo[$l]}</h2>" "$l: names the data-protection officer"
	is "$(http GET "/help/accessibility?lang=$l")" 200 "$l: the accessibility statement"
	contains "$TMP/body" "<h1>${a11y[$l]}</h1>" "$l: accessibility statement titled in $l"
	contains "$TMP/body" "${wcag[$l]}" "$l: states its WCAG 2.1 AA conformance"
	is "$(http GET "/help/legal-notice?lang=$l")" 200 "$l: the legal notice"
	contains "$TMP/body" "<h1>${notice[$l]}</h1>" "$l: legal notice titled in $l"
	# every program's pages carry the three links, in the page's language
	for path in /help /help/contact /login /procedures /help/nope; do
		http GET "$path" >/dev/null
		sed -n '/<footer/,/<\/footer>/p' "$TMP/body" >"$TMP/footer"
		contains "$TMP/footer" "<a href=\"/help/privacy\">${privacy[$l]}</a>" "$l $path: the footer links the privacy statement"
		contains "$TMP/footer" "<a href=\"/help/accessibility\">${a11y[$l]}</a>" "$l $path: and the accessibility statement"
		contains "$TMP/footer" "<a href=\"/help/legal-notice\">${notice[$l]}</a>" "$l $path: and the legal notice"
	done
done
check "every page template ends with the layout's footer" bash -c \
	"! grep -rL 'page_end()' '$SRC'/templates/*/*.cs '$SRC'/templates/error.cs | grep -v -e fields.cs -e macros.cs"
# what guichet.conf says, the pages say
http GET '/help/privacy?lang=fr' >/dev/null
contains "$TMP/body" "<a href=\"mailto:$(conf_value legal.dpo_email)\">" "the DPO's address comes from guichet.conf"
contains "$TMP/body" "$(conf_value legal.dpo_name)" "and the DPO's name"
contains "$TMP/body" "<strong>$(conf_value legal.publisher)</strong>" "the controller is the publisher of guichet.conf"
contains "$TMP/body" "Dossiers et documents : $(conf_value legal.retention_dossier_years) ans après" "the dossiers' retention from guichet.conf"
contains "$TMP/body" "$(conf_value legal.retention_helpdesk_months) mois après notre réponse" "the questions' retention"
contains "$TMP/body" "$(conf_value legal.retention_log_days) jours." "the logs' retention"
contains "$TMP/body" 'href="/my-data"' "points to Mes données"
http GET '/help/accessibility?lang=fr' >/dev/null
contains "$TMP/body" "<time datetime=\"$(conf_value legal.accessibility_reviewed)\">" "the assessment's date from guichet.conf"
contains "$TMP/body" "mailto:$(conf_value legal.accessibility_email)" "the accessibility contact"
contains "$TMP/body" "href=\"$(conf_value legal.ombudsman_url)\"" "the ombudsman"
contains "$TMP/body" "ne sont pas balisés" "the known gaps"
http GET '/help/legal-notice?lang=fr' >/dev/null
contains "$TMP/body" "$(conf_value legal.bce)" "the publisher's enterprise number"
contains "$TMP/body" "$(conf_value legal.hosting)" "the host"
rm -f "$JAR"

# --- logs ------------------------------------------------------------------------------
log=$DIR/log/help.log
check "every log line is JSON" python3 -c "
import json,sys
[json.loads(l) for l in open('$log') if l.strip()]"
lacks "$log" "xyzzyplugh" "search terms never reach the log"
lacks "$DIR/log/nginx-access.log" "xyzzyplugh" "nor nginx's access log"
lacks "$log" "marie@example.be" "form data never reaches the log"
contains "$log" '"route":"/help/articles/:slug"' "routes are logged as patterns"

done_testing
