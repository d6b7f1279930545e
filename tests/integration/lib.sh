# Helpers for integration tests: TAP output and HTTP against the running stack.
# The runner exports BASE, DIR, SRC, BUILD.
set -u
T_N=0
T_FAILED=0

ok() {	# ok STATUS NAME: STATUS 0 is a pass
	T_N=$((T_N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $T_N - $2"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "not ok $T_N - $2"
	fi
}

check() {	# check NAME COMMAND...: passes when the command succeeds
	local name=$1
	shift
	if "$@" >/dev/null 2>&1; then ok 0 "$name"; else ok 1 "$name"; fi
}

is() {	# is GOT WANT NAME
	if [ "$1" = "$2" ]; then ok 0 "$3"; else ok 1 "$3"; echo "#   got: '$1'"; echo "#   want: '$2'"; fi
}

contains() {	# contains FILE TEXT NAME
	if grep -qF -- "$2" "$1"; then ok 0 "$3"; else ok 1 "$3"; echo "#   '$2' not in $1"; fi
}

lacks() {	# lacks FILE TEXT NAME
	if grep -qF -- "$2" "$1"; then ok 1 "$3"; echo "#   '$2' found in $1"; else ok 0 "$3"; fi
}

done_testing() {
	echo "1..$T_N"
	[ "$T_FAILED" = 0 ]
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
JAR=$TMP/jar

# http METHOD PATH [curl args...]: body in $TMP/body, headers in $TMP/headers,
# prints the status code.
http() {
	local method=$1 path=$2
	shift 2
	curl -s --cacert "$DIR/pki/ca.crt" -X "$method" -o "$TMP/body" \
		-D "$TMP/headers" -w '%{http_code}' -b "$JAR" -c "$JAR" \
		"$@" "$BASE$path"
}

header() {	# header NAME: its value in the last response
	grep -i "^$1:" "$TMP/headers" | head -1 | cut -d: -f2- | sed 's/^ //; s/\r$//'
}

psql_q() {	# psql_q SQL: one value
	local pg=(psql -h "$DIR/pg" -U postgres -d guichet -Atqc "$1")
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${pg[@]}"; else "${pg[@]}"; fi
}

pg_ctl_as() {
	local pgc=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pgc" -D "$DIR/pg/data" "$@"
	else "$pgc" -D "$DIR/pg/data" "$@"; fi
}

csrf_token() {	# the token of the form in the last body
	grep -o 'name="csrf" value="[0-9a-f]*"' "$TMP/body" | head -1 | sed 's/.*value="//; s/"$//'
}

location() {	# the Location of the last response, as a path (nginx makes it absolute)
	header Location | sed 's|^https\{0,1\}://[^/]*||'
}

# The demo eID cards of the test PKI, as PEM (certificate and key).
cards=$DIR/eid/cards
CA=(--cacert "$DIR/pki/ca.crt")

# eid_login CARD RETURN JAR: the card on the eID host, then the ticket on
# the site; prints the site's status, its headers in $TMP/headers.
eid_login() {
	local loc
	curl -s "${CA[@]}" --cert "$cards/$1.pem" -b "$3" -c "$3" -o /dev/null \
		-D "$TMP/headers" "$EID_BASE/login/eid?return=$2"
	loc=$(header Location)
	echo "$loc" >"$TMP/ticket-url"
	case $loc in
	"$BASE/login/complete?ticket="*) ;;
	*) echo "eid-host-said-$loc"; return ;;
	esac
	curl -s "${CA[@]}" -b "$3" -c "$3" -o /dev/null -D "$TMP/headers" \
		-w '%{http_code}' "$loc"
}
as() {	# as JAR METHOD PATH [curl args]: status, body in $TMP/body
	local jar=$1 m=$2 path=$3
	shift 3
	curl -s "${CA[@]}" -b "$jar" -c "$jar" -X "$m" -o "$TMP/body" -D "$TMP/headers" \
		-w '%{http_code}' "$@" "$BASE$path"
}

# The shipped production site files (conf/nginx/NAME.conf) under nginx with
# the module, on loopback: port 443 becomes $PP, 80 $P80, a listen of its
# own address (192.0.2.10:443) $PE, the monitoring's (127.0.0.1:9180) $PM
# (default $PP + 5), the terminals' network 127.0.0.1, and
# the paths the stack's.  Writes $PROD/nginx.conf; prod_stop stops it.
prod_conf() {	# prod_conf NAME...
	local f user=
	mkdir -p "$PROD"
	chmod 0755 "$TMP" "$PROD"	# nginx's workers run as nobody when we are root
	cp "$SRC"/conf/nginx/guichet-fastcgi.conf "$SRC"/conf/nginx/guichet-tls.conf \
		"$SRC"/conf/nginx/guichet-hsts.conf "$SRC"/conf/nginx/guichet-api-errors.conf "$PROD/"
	for f in "$@"; do
		sed -e "s|listen 443 ssl|listen 127.0.0.1:$PP ssl|" -e "s|listen 80;|listen 127.0.0.1:$P80;|" \
			-e "s|listen 192.0.2.10:443 ssl|listen 127.0.0.1:${PE:-0} ssl|" \
			-e '/listen \[::\]/d' -e "s|allow 10.20.30.0/24;|allow 127.0.0.1;|" \
			-e "s|listen 127.0.0.1:9180;|listen 127.0.0.1:${PM:-$((PP + 5))};|" \
			-e "s|unix:/run/guichet/|unix:$DIR/run/|" \
			-e "s|/etc/guichet/tls/[a-z-]*\.crt|$DIR/pki/server.crt|" \
			-e "s|/etc/guichet/tls/[a-z-]*\.key|$DIR/pki/server.key|" \
			-e "s|/etc/guichet/eid/belgium-roots-and-cas.pem|$DIR/eid/eid-roots.pem|" \
			-e "s|/etc/guichet/secret|$DIR/secret|" \
			-e "s|/usr/share/guichet/templates/|$SRC/templates/|" \
			-e "s|/var/log/nginx/|$PROD/|" \
			"$SRC/conf/nginx/$f.conf" >"$PROD/$f.site"
	done
	[ "$(id -u)" = 0 ] && user='user nobody nogroup;'
	{
		printf 'load_module %s;\n%s\nworker_processes 1;\n' \
			"$BUILD/modules/ngx_http_eid_module.so" "$user"
		printf 'pid %s/nginx.pid;\nerror_log %s/error.log info;\n' "$PROD" "$PROD"
		printf 'events { worker_connections 64; }\nhttp {\n'
		printf '    include /etc/nginx/mime.types;\n'
		for f in body fastcgi proxy scgi uwsgi; do
			printf '    %s_temp_path %s/%s;\n' "${f/body/client_body}" "$PROD" "$f"
		done
		for f in "$@"; do printf '    include %s/%s.site;\n' "$PROD" "$f"; done
		printf '}\n'
	} >"$PROD/nginx.conf"
}
prod_stop() {
	[ -f "$PROD/nginx.pid" ] && kill -QUIT "$(cat "$PROD/nginx.pid")" 2>/dev/null
	local _
	for _ in $(seq 50); do [ -f "$PROD/nginx.pid" ] || break; sleep 0.1; done
}

# OpenID Connect logins against the stack's LemonLDAP::NG (oidc.sh, kiosk.sh).
# idp_login URL USER CHOICE: the provider's login form answered with a
# fresh provider session; prints where the provider sends the browser.
idp_login() {
	rm -f "$TMP/idp"
	curl -s "${CA[@]}" -b "$TMP/idp" -c "$TMP/idp" -o /dev/null -D "$TMP/idp-headers" \
		--data-urlencode "user=$2" --data-urlencode password=test --data "lmAuth=$3" "$1"
	grep -i '^location:' "$TMP/idp-headers" | head -1 | cut -d' ' -f2- | tr -d '\r'
}
# oidc_login JAR PROVIDER USER CHOICE [RETURN]: the whole login; prints the
# status of the callback (its URL in $TMP/callback, its page in $TMP/body).
oidc_login() {
	local cb
	as "$1" GET "/login/oidc/$2?return=${5:-%2Faccount%2Fsessions}" >/dev/null
	cb=$(idp_login "$(header Location)" "$3" "$4")
	echo "$cb" >"$TMP/callback"
	case $cb in
	"$BASE/login/oidc/$2/callback?"*) as "$1" GET "${cb#"$BASE"}" ;;
	*) echo "provider-said-$cb" ;;
	esac
}

# The form engine as a user drives it: start a draft, post a page with the
# page's own token, submit from the summary.
form_start() {	# form_start JAR CODE: prints the new draft's id
	as "$1" GET "/procedures/$2" >/dev/null
	as "$1" POST "/procedures/$2/start" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" >/dev/null
	location | sed -n 's|^/forms/\([0-9]*\)/.*|\1|p'
}
form_page() {	# form_page JAR ID PAGE [curl -F args]: prints the status
	local jar=$1 id=$2 page=$3
	shift 3
	as "$jar" GET "/forms/$id/pages/$page" >/dev/null
	as "$jar" POST "/forms/$id/pages/$page" -H "Origin: $BASE" \
		-F "csrf=$(csrf_token)" "$@"
}
form_submit() {	# form_submit JAR ID: prints the status
	local key
	as "$1" GET "/forms/$2/summary" >/dev/null
	key=$(grep -o 'name="submit_key" value="[0-9a-f]*"' "$TMP/body" | sed 's/.*value="//; s/"$//')
	as "$1" POST "/forms/$2/submit" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" --data "submit_key=$key"
}
# The residence certificate's one page, answered for Jan's Gent address;
# the purpose answers (purpose=..., purpose_other=...) and the
# certificate's language vary with the test.
residence_page() {	# residence_page JAR ID LANG [curl -F args]: the status
	local jar=$1 id=$2 lang=$3
	shift 3
	form_page "$jar" "$id" request --form-string 'address.street=Grote Markt' \
		--form-string 'address.number=1' --form-string 'address.postcode=9000' \
		--form-string 'address.locality=Gent' --form-string "certificate_language=$lang" \
		--form-string 'with_household=no' "$@"
}
answer() {	# answer ID NAME: the stored answer (JSON path a,b,c allowed)
	psql_q "SELECT data #>> '{$2}' FROM dossiers WHERE id = $1"
}
dossier() {	# dossier ID COLUMN
	psql_q "SELECT $2 FROM dossiers WHERE id = $1"
}
# A small valid PDF, a file that is not one, a PDF over the 5 MB limit.
make_pdfs() {
	printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >"$TMP/ok.pdf"
	printf 'MZ this is an executable renamed .pdf\n' >"$TMP/fake.pdf"
	{ printf '%%PDF-1.7\n'; head -c 5300000 /dev/zero; printf '\n%%%%EOF\n'; } >"$TMP/big.pdf"
}
admin_cmd() { "$BUILD/cgi-bin/guichet-admin/guichet-admin" -c "$DIR/guichet.conf" "$@"; }

verify_upload() {	# verify_upload JAR PATH FILE: a PDF posted from the verification page at PATH
	as "$1" GET "$2" >/dev/null
	as "$1" POST "$2" -H "Origin: $BASE" -F "csrf=$(csrf_token)" -F "file=@$3;type=application/pdf"
}

# Sealed PDFs (PAdES, lib/pades.c; pades.sh, certificates.sh).
# pades_ok NAME FILE: the checks every sealed PDF passes
pades_ok() {
	local name=$1 f=$2 br
	pdfsig -no-ocsp "$f" >"$TMP/sig" 2>&1
	contains "$TMP/sig" "Signature is Valid" "$name: pdfsig says the signature is valid"
	contains "$TMP/sig" "Total document signed" "$name: over the whole document"
	contains "$TMP/sig" "Signature Type: ETSI.CAdES.detached" "$name: a PAdES signature"
	contains "$TMP/sig" "Guichet test seal" "$name: by the seal"
	br=$(grep -ao '/ByteRange \[[0-9 ]*' "$f" | tail -1 | tr -dc '0-9 ' | xargs)
	set -- $br 0 0 0 0
	{ head -c "$2" "$f"; tail -c +$(($3 + 1)) "$f" | head -c "$4"; } >"$TMP/signed"
	tail -c +$(($2 + 2)) "$f" | head -c $(($3 - $2 - 2)) | xxd -r -p >"$TMP/sig.der"
	check "$name: openssl cms verifies it over /ByteRange, to the seal's CA" \
		openssl cms -verify -binary -inform DER -in "$TMP/sig.der" -content "$TMP/signed" \
		-CAfile "$DIR/pki/seal-ca.crt" -purpose any -out /dev/null
	is "$(($4 + $3))" "$(stat -c %s "$f")" "$name: the ranges end where the file ends"
	openssl cms -cmsout -print -inform DER -in "$TMP/sig.der" >"$TMP/cms.txt" 2>&1
	contains "$TMP/cms.txt" "signingCertificateV2" "$name: ESS signing-certificate-v2"
	contains "$TMP/cms.txt" "id-smime-aa-timeStampToken" "$name: a signature timestamp (B-T)"
	contains "$TMP/cms.txt" "Guichet test TSA" "$name: by the stack's TSA"
	admin_cmd pdf check "$f" >"$TMP/check" 2>&1
	contains "$TMP/check" ": ok, timestamped" "$name: guichet-admin pdf check agrees"
}

# tampered NAME FILE: a byte changed inside the signed range, an update appended
tampered() {
	local name=$1 f=$2
	cp "$f" "$TMP/byte.pdf"
	printf 'X' | dd of="$TMP/byte.pdf" bs=1 seek=300 conv=notrunc 2>/dev/null
	pdfsig -no-ocsp "$TMP/byte.pdf" >"$TMP/sig" 2>&1
	lacks "$TMP/sig" "Signature is Valid" "$name, one byte changed: pdfsig does not call it valid"
	admin_cmd pdf check "$TMP/byte.pdf" >"$TMP/check" 2>&1
	is "$?" 1 "$name, one byte changed: the check fails"
	contains "$TMP/check" ": broken" "as broken"
	local size start root
	size=$(stat -c %s "$f")
	start=$(tail -c 40 "$f" | sed -n '/startxref/{n;p}')
	root=$(grep -ao '/Root [0-9]* 0 R' "$f" | tail -1 | cut -d' ' -f2)
	cp "$f" "$TMP/grown.pdf"
	{
		printf '9999 0 obj\n<< /Title (changed) >>\nendobj\n'
		printf 'xref\n9999 1\n%010d 00000 n\r\n' "$size"
		printf 'trailer\n<< /Size 10000 /Root %s 0 R /Info 9999 0 R /Prev %s >>\n' "$root" "$start"
		printf 'startxref\n%d\n%%%%EOF\n' $((size + 41))
	} >>"$TMP/grown.pdf"
	pdfinfo "$TMP/grown.pdf" >"$TMP/info" 2>&1
	contains "$TMP/info" "changed" "$name, an update appended: readers take it"
	pdfsig -no-ocsp "$TMP/grown.pdf" >"$TMP/sig" 2>&1
	lacks "$TMP/sig" "Total document signed" "$name, an update appended: pdfsig says not all is signed"
	admin_cmd pdf check "$TMP/grown.pdf" >"$TMP/check" 2>&1
	contains "$TMP/check" ": appended" "$name, an update appended: the check says so"
}

# One-time codes by email, read from the local mail sink.
mail_for() {	# mail_for ADDRESS: the newest message to it, not a notification
	ls -t "$DIR"/mail/*.eml 2>/dev/null | while read -r f; do
		grep -qi "^X-Envelope-To: $1" "$f" &&
			! grep -q '^Message-ID: <notification-' "$f" && { echo "$f"; break; }
	done
}
notices_for() {	# notices_for ADDRESS: the notifications sent to it, oldest first
	ls -tr "$DIR"/mail/*.eml 2>/dev/null | while read -r f; do
		grep -qi "^X-Envelope-To: $1" "$f" &&
			grep -q '^Message-ID: <notification-' "$f" && echo "$f"
	done
}
# A mail's subject, decoded; a query polled until it gives what is wanted.
decode() { python3 -c 'import email.header,sys; print(str(email.header.make_header(email.header.decode_header(sys.argv[1]))))' "$1"; }
subject() { decode "$(sed -n 's/^Subject: //p' "$1" | tr -d '\r')"; }
wait_for() {	# wait_for SECONDS SQL WANT: polls until the query gives WANT
	local i
	for i in $(seq $(($1 * 10))); do
		[ "$(psql_q "$2")" = "$3" ] && return 0
		sleep 0.1
	done
	return 1
}
code_in() { grep -oE '^    [0-9]{6}' "$1" | tr -d ' '; }
request_code() {	# request_code JAR ADDRESS: status
	as "$1" GET /login >/dev/null
	as "$1" POST /login/code --data-urlencode "csrf=$(csrf_token)" \
		--data-urlencode "email=$2" --data-urlencode return=/help
}
verify_code() {	# verify_code JAR ADDRESS CODE: status
	as "$1" POST /login/code/verify --data-urlencode "csrf=$(csrf_token)" \
		--data-urlencode "email=$2" --data-urlencode "code=$3" --data-urlencode return=/help
}
code_login() {	# code_login JAR ADDRESS: a low-level session by email code
	request_code "$1" "$2" >/dev/null
	verify_code "$1" "$2" "$(code_in "$(mail_for "$2")")"
}

# Organisations of the register stand-in, with NRN's person as a user
# holding every role (or those of FAMILIES, "sesam,tourism"), their
# professional address confirmed: as the access manager would have made
# them through /org/users (orgs.sh does it that way).
org_member() {	# org_member BCE KIND NAME NRN [FAMILIES]
	local fam=${5:-}
	psql_q "INSERT INTO organisations (bce, kind, name) VALUES ('$1', '$2', '$3') ON CONFLICT DO NOTHING" >/dev/null
	psql_q "INSERT INTO org_members (organisation_id, person_id, pro_email, pro_email_confirmed_at) SELECT o.id, p.id, 'pro-$4@example.be', now() FROM organisations o, persons p WHERE o.bce = '$1' AND p.nrn = '$4' ON CONFLICT DO NOTHING" >/dev/null
	psql_q "INSERT INTO org_member_roles (member_id, family_code) SELECT m.id, f.code FROM org_members m JOIN organisations o ON o.id = m.organisation_id JOIN persons p ON p.id = m.person_id, procedure_families f WHERE o.bce = '$1' AND p.nrn = '$4' AND m.removed_at IS NULL AND ('$fam' = '' OR f.code = ANY (string_to_array('$fam', ','))) ON CONFLICT DO NOTHING" >/dev/null
}
act_for() {	# act_for JAR BCE|self: prints the status
	local org=self
	[ "$2" = self ] || org=$(psql_q "SELECT id FROM organisations WHERE bce = '$2'")
	as "$1" GET /login/acting >/dev/null
	as "$1" POST /login/acting -H "Origin: $BASE" --data-urlencode "csrf=$(csrf_token)" \
		--data-urlencode "org=$org" --data-urlencode return=/procedures
}

# An agent's action on a dossier of the inbox, with the page's own token.
act() {	# act JAR ID ACTION [curl -F args]: status
	local jar=$1 id=$2 action=$3
	shift 3
	as "$jar" GET "/inbox/dossiers/$id" >/dev/null
	as "$jar" POST "/inbox/dossiers/$id/$action" -H "Origin: $BASE" -F "csrf=$(csrf_token)" "$@"
}

# A procedure with its own program (docs/porting.md): started from the
# catalogue as any other, its draft handed to the program's first page.
program_start() {	# program_start JAR CODE: the new draft's id
	form_start "$1" "$2" >/dev/null
	location | sed -n 's|^/[a-z][a-z0-9-]*/\([0-9]*\)/[a-z][a-z0-9_]*$|\1|p'
}

# The stack's stand-in payment provider (docs/payments.md): its API with the
# stack's key (body in $TMP/pbody), a field of that body, its controls.
pay_api() {	# pay_api METHOD PATH [curl args]: status
	local m=$1 path=$2
	shift 2
	curl -s -X "$m" -o "$TMP/pbody" -w '%{http_code}' \
		-H "Authorization: Bearer $(cat "$DIR/payments/key")" "$@" \
		"http://127.0.0.1:$PAYMENTS_PORT$path"
}
pay_field() { python3 -c "import json; d=json.load(open('$TMP/pbody')); print($1)"; }
pay_control() {	# pay_control WHAT [JSON]: the stand-in provider's control (faults, webhooks' URL)
	curl -s -o /dev/null -X POST -d "${2:-{\}}" "http://127.0.0.1:$PAYMENTS_PORT/_control/$1"
}
new_uuid() { python3 -c 'import uuid; print(uuid.uuid4())'; }

# Certificates (docs/certificates.md).
cert_request() {	# cert_request JAR CODE [curl --data args]: the form, then the request; the status
	local jar=$1 code=$2
	shift 2
	as "$jar" GET "/certificates/$code" >/dev/null
	as "$jar" POST "/certificates/$code" -H "Origin: $BASE" \
		--data-urlencode "csrf=$(csrf_token)" "$@"
}
cref() { location | sed -n 's|^/certificates/requests/||p'; }	# the request's reference, from the 303
req_col() { psql_q "SELECT $2 FROM certificate_requests WHERE reference = '$1'"; }	# req_col REF SQL
# Appointments (docs/appointments.md): an office of the population
# department of its own, open every day 07:00-21:00, booked from 30
# minutes ahead to a year, in Wallonia, with N desks named "Desk 1"...
# and one meeting type of MINUTES; sets OFFICE and TYPE.
appt_office() {	# appt_office CODE N MINUTES
	OFFICE=$(psql_q "INSERT INTO offices (code, department_id, names, address, region, min_delay_minutes, max_delay_days)
		SELECT '$1', id, '{\"fr\": \"Bureau d''essai $1\", \"en\": \"Test office $1\"}', 'Rue de l''Essai 1, 4000 Liège', 'wallonia', 30, 366
		FROM departments WHERE code = 'POPULATION' RETURNING id")
	TYPE=$(psql_q "INSERT INTO meeting_types (office_id, code, labels, duration_minutes)
		VALUES ($OFFICE, 'ID_CARD', '{\"fr\": \"Carte d''identité\", \"nl\": \"Identiteitskaart\", \"de\": \"Personalausweis\", \"en\": \"Identity card\"}', $3) RETURNING id")
	psql_q "INSERT INTO desks (office_id, name) SELECT $OFFICE, 'Desk ' || n FROM generate_series(1, $2) n" >/dev/null
	psql_q "INSERT INTO opening_rules (office_id, weekday, opens, closes) SELECT $OFFICE, d, '07:00', '21:00' FROM generate_series(1, 7) d" >/dev/null
}

# The stand-in payment provider's page (tests/payments/provider), whose
# address the last "pay" step left in $TMP/next: the person opens it and
# chooses (success, decline, cancel ...); prints where it sends back.
choose() {
	local next
	next=$(cat "$TMP/next")
	curl -s -o /dev/null "$next"
	curl -s -o /dev/null -w '%{redirect_url}' -X POST -d "choice=$1" "$next"
}

# provider_payment ID EXPR: what the stand-in provider holds of payment ID
# (its JSON as d), e.g. provider_payment "$PID" "d['state']['status']"
provider_payment() {
	curl -s -H "Authorization: Bearer $(cat "$DIR/payments/key")" \
		"http://127.0.0.1:$PAYMENTS_PORT/v1/payments/$1" |
		python3 -c "import json,sys; d=json.load(sys.stdin); print($2)"
}
