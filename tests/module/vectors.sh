#!/usr/bin/env bash
# The eID module against the vectors it shares with lib/ (tests/vectors/),
# through a real nginx: each session cookie to a location with "eid_session
# on", each national number as the serialNumber of a card from a CA of its
# own to a location with "eid on".  nginx-dev ships headers, not nginx's
# sources, so the module's checks cannot be linked into a test program; and
# this way the .so that nginx loads is the one tested.  Then why cards are
# refused ($eid_refusal, where error_page sends the refusal, and the error
# log's level), and that only "eid on" gives the identity.  TAP.
#
#   tests/module/vectors.sh MODULE.so PORT [NGINX]
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VECTORS=$HERE/../vectors
DIR=${DIR:-}	# lib.sh names the stack's files; this test runs no stack
# shellcheck source=../integration/lib.sh
. "$HERE/../integration/lib.sh"

MODULE=$1
PORT=$2
NGINX=${3:-nginx}
POLICY=2.16.56.12.1.1.2.2
FOREIGNER_POLICY=2.16.56.12.1.1.7.2
COOKIE=__Host-vectors	# not the default: eid_session_cookie is read

nginx_stop() {
	[ -f "$TMP/nginx.pid" ] && kill -QUIT "$(cat "$TMP/nginx.pid")" 2>/dev/null
	local _
	for _ in $(seq 50); do
		[ -f "$TMP/nginx.pid" ] || return 0
		sleep 0.1
	done
}
trap 'nginx_stop; rm -rf "$TMP"' EXIT
chmod 0755 "$TMP"	# nginx's workers run as nobody when we are root

# --- a CA, the server's certificate, and a card per national number ---------
cd "$TMP" || exit 1
cat >ext.cnf <<EOF
[auth]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
certificatePolicies = $POLICY

[foreigner]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
certificatePolicies = $FOREIGNER_POLICY

[sign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, nonRepudiation
certificatePolicies = $POLICY
EOF
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -days 2 -subj "/C=BE/CN=Vectors CA" \
	-keyout ca.key -out ca.crt -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=localhost" \
	-keyout server.key -out server.crt 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out card.key

card() {	# card NUMBER [EXTENSIONS]: card.crt, an authentication certificate
	openssl req -new -key card.key </dev/null \
		-subj "/C=BE/CN=Test Vector (Authentication)/SN=Vector/GN=Test/serialNumber=$1" |
		openssl x509 -req -CA ca.crt -CAkey ca.key -days 2 -out card.crt \
			-extfile ext.cnf -extensions "${2:-auth}" 2>/dev/null
}

mkdir www
echo session >www/session
echo card >www/card
echo refused >www/refused
echo citizens >www/citizens
echo anyone >www/anyone
secret=$(sed -n 's/^secret //p' "$VECTORS/session-cookies.txt")
printf '%s' "$secret" >secret

user=
[ "$(id -u)" = 0 ] && user='user nobody nogroup;'
cat >nginx.conf <<EOF
load_module $MODULE;
$user
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/error.log info;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $TMP/temp-body;
    fastcgi_temp_path $TMP/temp-fastcgi;
    proxy_temp_path $TMP/temp-proxy;
    scgi_temp_path $TMP/temp-scgi;
    uwsgi_temp_path $TMP/temp-uwsgi;
    server {
        listen 127.0.0.1:$PORT ssl;
        ssl_certificate $TMP/server.crt;
        ssl_certificate_key $TMP/server.key;
        ssl_client_certificate $TMP/ca.crt;
        ssl_verify_client optional;
        eid_session_secret $TMP/secret;
        eid_session_cookie $COOKIE;
        eid_login_url /vectors-login;
        # files, not "return": that answers before the access phase
        root $TMP/www;
        location /session {
            eid_session on;
            add_header X-Vector "\$eid_session_id \$eid_session_expires";
        }
        location /card {
            eid on;
            eid_issuer "CN=Vectors CA,C=BE";
            eid_policy $POLICY;
            add_header X-Vector \$eid_nrn;
        }
        # nginx's own refusals (before any location), then the module's
        error_page 495 496 =403 /refused;
        # the citizens' policy only; a refusal goes to /refused
        location /citizens {
            eid on;
            eid_issuer "CN=Vectors CA,C=BE";
            eid_policy $POLICY;
            error_page 403 /refused;
        }
        location = /refused {
            internal;
            eid_issuer "CN=Vectors CA,C=BE";
            eid_policy $POLICY;
            add_header X-Vector "\$eid_refusal|\$eid_issuer|\$eid_nrn" always;
        }
        # no "eid on": the card is judged, but no identity is given
        location /anyone {
            eid_issuer "CN=Vectors CA,C=BE";
            eid_policy $POLICY;
            add_header X-Vector "\$eid_refusal|\$eid_issuer|\$eid_nrn|\$eid_assurance";
        }
    }
}
EOF
version=$("$NGINX" -v 2>&1 | sed 's|.*nginx/||')
"$NGINX" -t -q -p "$TMP/" -c "$TMP/nginx.conf" >nginx-t.log 2>&1
ok $? "nginx $version loads the module with each of its directives (nginx -t)"
sed 's/^/# /' nginx-t.log
"$NGINX" -p "$TMP/" -c "$TMP/nginx.conf" 2>>nginx-t.log
ok $? "nginx $version starts"

get() {	# get PATH [curl args]: status; the module's variables in "vector"
	curl -sk -o /dev/null -D headers -w '%{http_code}' "${@:2}" \
		"https://127.0.0.1:$PORT$1" </dev/null
	sed -n 's/^X-Vector: //p' headers | tr -d '\r' >vector
}

# vectors FILE: "KEYWORD INPUT WHY" lines, each to check_KEYWORD
vectors() {
	local key input why n=0
	while read -r key input why; do
		case $key in
		'#'* | '') continue ;;
		secret) ;;
		valid | invalid) "check_$1" "$key" "$input" "$why"; n=$((n + 1)) ;;
		*) ok 1 "$1.txt: unknown keyword $key" ;;
		esac
	done <"$VECTORS/$1.txt"
	[ "$n" -ge 20 ]
	ok $? "$1.txt holds the vectors ($n)"
}

check_session-cookies() {	# VERDICT COOKIE WHY
	local id=${2:0:64} expiry
	expiry=$(echo "$2" | cut -d. -f2)
	if [ "$1" = valid ]; then
		is "$(get /session -H "Cookie: a=1; $COOKIE=$2")" 200 "cookie valid: $3"
		is "$(cat vector)" "$id $((10#$expiry))" "  its id and expiry"
	else
		is "$(get /session -H "Cookie: a=1; $COOKIE=$2")" 302 "cookie invalid: $3"
	fi
}

check_nrn() {	# VERDICT NUMBER WHY
	local before
	card "$2" || { ok 1 "a card for $2"; return; }
	before=$(grep -c 'is not a national register number' error.log)
	if [ "$1" = valid ]; then
		is "$(get /card --cert card.crt --key card.key)" 200 "nrn $2 valid: $3"
		is "$(cat vector)" "$2" "  \$eid_nrn"
	else
		is "$(get /card --cert card.crt --key card.key)" 403 "nrn $2 invalid: $3"
		is "$(grep -c 'is not a national register number' error.log)" \
			$((before + 1)) "  refused for its number"
	fi
}

vectors session-cookies
vectors nrn

# --- why a card is refused, where error_page sends it ---------------------------
card 85073003328 foreigner
is "$(get /citizens --cert card.crt --key card.key)" 403 "a policy not listed: 403"
is "$(cat vector)" "no_auth_policy|CN=Vectors CA,C=BE|" \
	"  \$eid_refusal and \$eid_issuer after error_page, and no number"
grep -F 'card refused: no eID authentication policy' error.log >policy.log
grep -qF '[error]' policy.log
ok $? "  logged at level error (Debian's default error log keeps it)"
grep -qF "policy \"$FOREIGNER_POLICY\"" policy.log
ok $? "  with the card's policy"
grep -qF 'issuer "CN=Vectors CA,C=BE"' policy.log
ok $? "  and its issuer"
is "$(get /citizens)" 403 "no certificate: 403"
is "$(cat vector)" "no_certificate||" "  \$eid_refusal no_certificate"
openssl req -new -key card.key </dev/null \
	-subj "/C=BE/CN=Test Vector (Signature)/serialNumber=85073003328" |
	openssl x509 -req -CA ca.crt -CAkey ca.key -days 2 -out card.crt \
		-extfile ext.cnf -extensions sign 2>/dev/null
is "$(get /citizens --cert card.crt --key card.key)" 403 "a signature certificate: 403"
is "$(cat vector)" "signature_certificate|CN=Vectors CA,C=BE|" \
	"  \$eid_refusal signature_certificate (nginx's verdict or the module's)"
card 85073003328
is "$(get /anyone --cert card.crt --key card.key)" 200 "without \"eid on\", a good card passes"
is "$(cat vector)" "|CN=Vectors CA,C=BE||" "  judged, but no number and no assurance"
is "$(grep -c '85073003328' error.log)" 0 "no national number in the error log"
done_testing
