#!/usr/bin/env bash
# The runtime under trouble: the database restarting, a worker dying, a
# graceful stop.  Prints TAP.
. "$(dirname "$0")/lib.sh"

sock=$DIR/run/help.sock
pidf=$DIR/run/help.pid
master=$(cat "$pidf")

is "$(http GET /help/articles/eid-pin-code)" 200 "article before trouble"

# --- the database goes away and comes back -------------------------------------------
pg_ctl_as -m fast -w stop >/dev/null
is "$(http GET /help/articles/eid-pin-code)" 503 "database down: 503"
contains "$TMP/body" 'momentanément indisponible' "a clean, translated 503 page"
pg_ctl_as -l "$DIR/pg/server.log" -w start >/dev/null
is "$(http GET /help/articles/eid-pin-code)" 200 "database back: the next request works"

# Away for a moment (a failover's promotion): a request waits for it, up to
# db.failover_wait_ms (4 s in the test stack), rather than answering 503.
pg_ctl_as -m fast -w stop >/dev/null
(sleep 1; pg_ctl_as -l "$DIR/pg/server.log" -w start >/dev/null) &
is "$(http GET /help/articles/eid-pin-code)" 200 "database back within db.failover_wait_ms: the request waited, and is served"
wait

# A restart while every worker holds an open connection: each notices the
# closed socket before its next query and reconnects.
for i in 1 2 3 4; do http GET /help >/dev/null; done
pg_ctl_as -m fast -w restart -l "$DIR/pg/server.log" >/dev/null
codes=""
for i in 1 2 3 4 5 6; do codes="$codes $(http GET /help/articles/drafts)"; done
is "$codes" " 200 200 200 200 200 200" "after a restart every worker reconnects before its next request"

# --- a worker dies ----------------------------------------------------------------------
workers=$(pgrep -P "$master" | tr '\n' ' ')
n=$(echo $workers | wc -w)
is "$n" 2 "the master runs two workers"
victim=$(echo $workers | awk '{print $1}')
kill -9 "$victim"
sleep 1.5
after=$(pgrep -P "$master" | tr '\n' ' ')
is "$(echo $after | wc -w)" 2 "a killed worker is replaced"
case " $after " in *" $victim "*) ok 1 "by a new process" ;; *) ok 0 "by a new process" ;; esac
codes=""
for i in 1 2 3 4; do codes="$codes $(http GET /help)"; done
is "$codes" " 200 200 200 200" "and every request works"

# --- SIGHUP reopens the log -----------------------------------------------------------------
mv "$DIR/log/help.log" "$DIR/log/help.log.1"
kill -HUP "$master"
sleep 0.5
http GET /help >/dev/null
sleep 0.2
check "SIGHUP: the log file is reopened" test -s "$DIR/log/help.log"

# --- graceful stop: a request in flight finishes -------------------------------------------
# A request whose body is still arriving holds a worker while SIGTERM comes.
"$(dirname "$0")/fcgi-client" "$sock" /help/contact "name=a&email=b&subject=c&message=slow" \
	1.5 "$TMP/marker" >"$TMP/slow.status" &
bg=$!
for i in $(seq 50); do [ -e "$TMP/marker" ] && break; sleep 0.1; done
kill -TERM "$master"
wait "$bg"
for i in $(seq 50); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops the master" bash -c "! kill -0 $master 2>/dev/null"
check "no worker is left" bash -c "! pgrep -P $master"
check "the socket is removed" test ! -e "$sock"
is "$(cat "$TMP/slow.status")" "Status: 400 Bad Request with the form" "the request in flight was answered in full"

# Restart it for the tests that follow.
"$BUILD/cgi-bin/help/guichet-help" --conf "$DIR/guichet.conf" --listen "$sock" \
	--log "$DIR/log/help.log" </dev/null >/dev/null 2>&1 &
echo $! >"$pidf"
for i in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
is "$(http GET /help)" 200 "restarted"

done_testing
