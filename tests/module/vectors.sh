#!/usr/bin/env bash
# The eID module against the vectors it shares with lib/ (tests/vectors/),
# through a real nginx: each session cookie to a location with "eid_session
# on", each national number as the serialNumber of a card from a CA of its
# own to a location with "eid on".  nginx-dev ships headers, not nginx's
# sources, so the module's checks cannot be linked into a test program; and
# this way the .so that nginx loads is the one tested.  TAP.
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
EOF
ec=(-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes)
openssl req -x509 "${ec[@]}" -days 2 -subj "/C=BE/CN=Vectors CA" \
	-keyout ca.key -out ca.crt -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -x509 "${ec[@]}" -days 2 -subj "/CN=localhost" \
	-keyout server.key -out server.crt 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out card.key

card() {	# card NUMBER: card.crt, an authentication certificate
	openssl req -new -key card.key </dev/null \
		-subj "/C=BE/CN=Test Vector (Authentication)/SN=Vector/GN=Test/serialNumber=$1" |
		openssl x509 -req -CA ca.crt -CAkey ca.key -days 2 -out card.crt \
			-extfile ext.cnf -extensions auth 2>/dev/null
}

mkdir www
echo session >www/session
echo card >www/card
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
done_testing
