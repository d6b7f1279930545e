# shellcheck shell=bash
# The cluster tests' helpers (tests/ha/cluster-failover, cluster-bench):
# the cluster's commands, SQL on its primary, the front's namespace, a
# citizen's session through the front, complete drafts to submit.
# Sourced; expects SRC, CL, CDIR, DRAFTS.
NET=${CLUSTER_NET:-10.250.22}
PG="host=$NET.11,$NET.12,$NET.13 dbname=guichet user=postgres target_session_attrs=read-write"
CA=$CDIR/pki/ca.crt
BASE=https://localhost:8443
JAR=$CDIR/ha-jar

cl() { local c=$1; shift; "$CL" "$c" --dir "$CDIR" "$@"; }
q() { cl exec app1 psql -X -Atq -d "$PG" -c "$1"; }
F() { cl exec front "$@"; }

# Élise's session by her eID card, through the front: SESSION, TOKEN, and
# what drafts need, PROC and PERSON.  Fails if any is missing.
ha_login() {
	local ticket
	rm -f "$JAR"
	ticket=$(F curl -s --cacert "$CA" --cert "$CDIR/eid/cards/elise.pem" -o /dev/null \
		-w '%{redirect_url}' "https://localhost:8444/login/eid?return=/forms")
	F curl -s --cacert "$CA" -b "$JAR" -c "$JAR" -o /dev/null "$ticket"
	SESSION=$(awk '$6 == "__Host-guichet" { print $7 }' "$JAR")
	TOKEN=$(F curl -s --cacert "$CA" -H "Cookie: __Host-guichet=$SESSION" "$BASE/procedures/RESIDENCE" |
		grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"$//')
	PROC=$(q "SELECT id || ' ' || current_version FROM procedures WHERE code = 'RESIDENCE'")
	PERSON=$(q "SELECT id FROM persons WHERE nrn = '85073003328'")
	[ -n "$SESSION" ] && [ -n "$TOKEN" ] && [ -n "$PERSON" ] && [ -n "$PROC" ]
}

drafts() {	# drafts N: N complete drafts to submit; prints the first id
	q "INSERT INTO dossiers (procedure_id, procedure_version, owner_person_id, status, data)
		SELECT ${PROC% *}, ${PROC#* }, $PERSON, 'complet',
		  '{\"address\": {\"street\": \"Rue des Guillemins\", \"number\": \"12\", \"postcode\": \"4000\",
		    \"locality\": \"Liège\"}, \"purpose\": \"bank\", \"certificate_language\": \"fr\",
		    \"with_household\": \"no\"}'
		FROM generate_series(1, $1) RETURNING id" | sort -n | head -1
}
