#!/usr/bin/env bash
# guichet-admin and how programs are started: migrations twice, the socket
# inherited on fd 0 as systemd and spawn-fcgi pass it, and kept for the
# next instance as systemd keeps it.  Prints TAP.
. "$(dirname "$0")/lib.sh"

admin=$BUILD/cgi-bin/guichet-admin/guichet-admin
n=$(ls "$SRC"/sql/[0-9][0-9][0-9][0-9]_*.sql | wc -l)
is "$(psql_q "SELECT count(*) FROM schema_migrations")" "$n" "every migration recorded"
out=$("$admin" -c "$DIR/guichet.conf" migrate "$SRC/sql" 2>&1)
is "$?:$out" "0:" "migrate again: nothing to do, no error"
is "$(psql_q "SELECT count(*) FROM schema_migrations")" "$n" "nothing recorded twice"
check "status lists the migrations" bash -c "'$admin' -c '$DIR/guichet.conf' status | grep -q 0001_people.sql"
out=$("$admin" -c "$DIR/guichet.conf" seed "$SRC"/sql/seed/*.sql 2>&1)
is "$?" 0 "seed again: it upserts"
is "$(psql_q "SELECT count(*) FROM faq_article_texts")" 84 "still 21 articles in 4 languages"
is "$(psql_q "SELECT count(*) FROM faq_articles")" 21 "21 articles"
is "$(psql_q "SELECT count(DISTINCT code) FROM postal_codes")" 1145 "1145 postal codes loaded"
is "$(psql_q "SELECT string_agg(locality, ',' ORDER BY locality) FROM postal_codes WHERE code = '4000'")" \
	"Glain,Liège,Rocourt" "localities of 4000"
"$admin" -c "$DIR/guichet.conf" frobnicate >/dev/null 2>&1
is "$?" 2 "an unknown command is a usage error"

# The statuses of a dossier change only along dossier_transitions, whoever
# tries; the block ends with an error on purpose, so nothing stays behind.
out=$(psql_q "DO \$\$
DECLARE pid bigint; dep bigint; proc bigint; dos bigint;
BEGIN
	INSERT INTO persons (nrn) VALUES ('90010100123') RETURNING id INTO pid;
	INSERT INTO procedure_families VALUES ('t_fam', '{\"fr\": \"t\"}');
	INSERT INTO departments (code, names) VALUES ('TDEP', '{}') RETURNING id INTO dep;
	INSERT INTO procedures (code, family_code, department_id)
		VALUES ('TPROC', 't_fam', dep) RETURNING id INTO proc;
	INSERT INTO procedure_versions VALUES (proc, 1, '{}', sha256('x'));
	INSERT INTO dossiers (procedure_id, procedure_version, owner_person_id)
		VALUES (proc, 1, pid) RETURNING id INTO dos;
	BEGIN
		UPDATE dossiers SET status = 'en_traitement' WHERE id = dos;
		RAISE EXCEPTION 'skipped a step';
	EXCEPTION WHEN check_violation THEN NULL;
	END;
	UPDATE dossiers SET status = 'complet' WHERE id = dos;
	BEGIN
		UPDATE dossiers SET status = 'soumis' WHERE id = dos;
		RAISE EXCEPTION 'submitted without a reference';
	EXCEPTION WHEN check_violation THEN NULL;
	END;
	UPDATE dossiers SET status = 'soumis', reference = '2026-TPROC-000001' WHERE id = dos;
	BEGIN
		UPDATE dossiers SET status = 'en_cours', reference = NULL WHERE id = dos;
		RAISE EXCEPTION 'went back to a draft';
	EXCEPTION WHEN check_violation THEN NULL;
	END;
	RAISE EXCEPTION 'all transitions checked';
END \$\$" 2>&1)
case "$out" in
*"all transitions checked"*) ok 0 "the schema allows only the declared status changes" ;;
*) ok 1 "the schema allows only the declared status changes"; echo "# $out" ;;
esac
out=$(psql_q "INSERT INTO audit_log (action) VALUES ('test'); UPDATE audit_log SET action = 'changed'" 2>&1)
case "$out" in
*"append-only"*) ok 0 "append-only tables refuse updates" ;;
*) ok 1 "append-only tables refuse updates"; echo "# $out" ;;
esac

# The socket on fd 0: the program serves what it inherits.
sock=$TMP/inherited.sock
python3 - "$sock" "$BUILD/cgi-bin/help/guichet-help" "$DIR/guichet.conf" <<'PY' &
import os, socket, sys
path, prog, conf = sys.argv[1:4]
s = socket.socket(socket.AF_UNIX)
s.bind(path)
s.listen(16)
os.dup2(s.fileno(), 0)
os.execv(prog, [prog, '--conf', conf, '--workers', '1', '--log', path + '.log'])
PY
inh=$!
for i in $(seq 50); do [ -S "$sock" ] && grep -qs listening "$sock.log" && break; sleep 0.1; done
is "$("$(dirname "$0")/fcgi-client" "$sock" /help - 0 "$TMP/m")" "Status: 200 OK" "a program serves the socket it inherits on fd 0"
is "$("$(dirname "$0")/fcgi-client" "$sock" /help/nope - 0 "$TMP/m")" "Status: 404 Not Found" "and routes as usual"
kill -TERM "$inh"
wait "$inh"
is "$?" 0 "it stops cleanly on SIGTERM"
check "an inherited socket file is left to its owner" test -S "$sock"

# As systemd restarts a socket-activated program (an upgrade): the socket
# outlives the first instance, a client that connects between the two
# waits in its queue, and the second instance answers it.  A stop that
# shut the socket down would have refused it (docs/packaging.md).
sock=$TMP/held.sock
out=$(python3 - "$sock" "$BUILD/cgi-bin/help/guichet-help" "$DIR/guichet.conf" \
	"$(dirname "$0")/fcgi-client" "$TMP/m" <<'PY'
import socket, subprocess, sys, time
path, prog, conf, client, marker = sys.argv[1:6]
s = socket.socket(socket.AF_UNIX)
s.bind(path)
s.listen(16)
def instance(n):
    p = subprocess.Popen([prog, '--conf', conf, '--workers', '2', '--log',
                          '%s.%d.log' % (path, n)], stdin=s.fileno())
    for _ in range(50):
        try:
            if 'listening' in open('%s.%d.log' % (path, n)).read():
                break
        except OSError:
            pass
        time.sleep(0.1)
    return p
def get():
    return subprocess.Popen([client, path, '/help', '-', '0', marker],
                            stdout=subprocess.PIPE, text=True)
first = instance(1)
print('first:', get().communicate(timeout=20)[0].strip())
first.terminate()
print('first stopped:', first.wait())
waiting = get()
time.sleep(1)
print('queued:', 'yes' if waiting.poll() is None else 'no')
second = instance(2)
print('answered:', waiting.communicate(timeout=20)[0].strip())
second.terminate()
second.wait()
PY
)
is "$(echo "$out" | sed -n 's/^first: //p')" "Status: 200 OK" "a held socket: the first instance serves"
is "$(echo "$out" | sed -n 's/^first stopped: //p')" 0 "and stops cleanly"
is "$(echo "$out" | sed -n 's/^queued: //p')" yes "a client between the two instances waits, not refused"
is "$(echo "$out" | sed -n 's/^answered: //p')" "Status: 200 OK" "the next instance answers it"

done_testing
