#!/usr/bin/env bash
# Backups as docs/operations.md has a hosting team make them: continuous
# WAL archiving and a base backup with pg_basebackup; then a restore to a
# point in time, in a cluster of its own: a dossier submitted after the
# base backup is there, one submitted after the chosen moment is not.
# The stack's PostgreSQL archives for the length of this test, then no
# more.  Prints TAP.
. "$(dirname "$0")/lib.sh"

PGB=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
chmod 0755 "$TMP"
# PostgreSQL's own directory: the archive, the backup, the restored cluster
W=$TMP/pg
ARCH=$W/archive BASEB=$W/base RESTORE=$W/restore RSOCK=$W/sock
mkdir -p "$ARCH" "$RSOCK"
[ "$(id -u)" = 0 ] && chown -R postgres: "$W"
restored_stop() {
	[ -f "$RESTORE/postmaster.pid" ] && as_pg "$PGB/pg_ctl" -D "$RESTORE" -m immediate -w stop >/dev/null 2>&1
}
archiving_off() {
	psql_q "ALTER SYSTEM RESET archive_mode" >/dev/null
	psql_q "ALTER SYSTEM RESET archive_command" >/dev/null
	pg_ctl_as -m fast -w restart -l "$DIR/pg/server.log" >/dev/null
}
trap 'restored_stop; archiving_off; rm -rf "$TMP"' EXIT

# --- continuous archiving, as the docs set it ---------------------------------------------
psql_q "ALTER SYSTEM SET archive_mode = on" >/dev/null
psql_q "ALTER SYSTEM SET archive_command = 'test ! -f $ARCH/%f && cp %p $ARCH/%f'" >/dev/null
pg_ctl_as -m fast -w restart -l "$DIR/pg/server.log" >/dev/null
is "$(psql_q "SHOW archive_mode")" on "WAL archiving on"
is "$(http GET /help)" 200 "the site serves on"

# --- the base backup -----------------------------------------------------------------------
t0=$(date +%s%N)
as_pg "$PGB/pg_basebackup" -h "$DIR/pg" -U postgres -D "$BASEB" -X stream -c fast \
	>"$TMP/basebackup.log" 2>&1
ok $? "pg_basebackup takes a base backup while the site serves" || sed 's/^/# /' "$TMP/basebackup.log"
echo "# base backup: $(du -sh "$BASEB" | cut -f1) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# --- a dossier after it, the moment, a dossier after the moment --------------------------
J=$TMP/jan
eid_login jan /help "$J" >/dev/null
draft() {	# a residence certificate answered, not yet submitted: its id
	local id
	id=$(form_start "$J" RESIDENCE)
	residence_page "$J" "$id" fr --form-string 'purpose=bank' >/dev/null
	echo "$id"
}
KEPT=$(draft)
is "$(form_submit "$J" "$KEPT")" 303 "a dossier submitted after the base backup"
KEPT_REF=$(dossier "$KEPT" reference)
LOST=$(draft)
is "$(dossier "$LOST" status)" complet "another answered"
sleep 1
TARGET=$(psql_q "SELECT now()")
sleep 1
is "$(form_submit "$J" "$LOST")" 303 "and submitted after the moment to restore to"
LOST_REF=$(dossier "$LOST" reference)
# the WAL segment in progress goes to the archive now, not when full
seg=$(psql_q "SELECT pg_walfile_name(pg_switch_wal())")
check "the WAL up to now is archived" wait_for 30 \
	"SELECT last_archived_wal >= '$seg' FROM pg_stat_archiver" t
is "$(psql_q "SELECT failed_count FROM pg_stat_archiver")" 0 "no archiving failed"

# --- the restore, to the moment, in a cluster of its own ---------------------------------
t0=$(date +%s%N)
as_pg cp -a "$BASEB" "$RESTORE"
chmod 0700 "$RESTORE"
as_pg touch "$RESTORE/recovery.signal"
as_pg tee -a "$RESTORE/postgresql.auto.conf" >/dev/null <<EOF
restore_command = 'cp $ARCH/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
EOF
as_pg "$PGB/pg_ctl" -D "$RESTORE" -l "$W/restore.log" -w -t 120 \
	-o "-c unix_socket_directories=$RSOCK -c listen_addresses='' -c archive_mode=off -c shared_buffers=32MB" \
	start >/dev/null
ok $? "the restored cluster starts" || tail -20 "$W/restore.log" | sed 's/^/# /'
rq() { as_pg "$PGB/psql" -h "$RSOCK" -U postgres -d guichet -Atqc "$1"; }
for i in $(seq 300); do [ "$(rq "SELECT pg_is_in_recovery()")" = f ] && break; sleep 0.2; done
is "$(rq "SELECT pg_is_in_recovery()")" f "recovery reaches the moment and ends"
echo "# restored in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
contains "$W/restore.log" "recovery stopping before commit" "it stopped at the first commit after the moment"
is "$(rq "SELECT status || ' ' || reference FROM dossiers WHERE id = $KEPT")" "soumis $KEPT_REF" \
	"the dossier submitted after the base backup is there, submitted"
is "$(rq "SELECT count(*) FROM notification_outbox WHERE dossier_id = $KEPT")" \
	"$(psql_q "SELECT count(*) FROM notification_outbox WHERE dossier_id = $KEPT")" \
	"with what it queued"
is "$(rq "SELECT status FROM dossiers WHERE id = $LOST")" complet \
	"the one submitted after the moment is as it was then: answered, not submitted"
check "its reference is not taken" test -z "$(rq "SELECT 1 FROM dossiers WHERE reference = '$LOST_REF'")"
is "$(rq "SELECT count(*) FROM schema_migrations")" "$(psql_q "SELECT count(*) FROM schema_migrations")" \
	"every migration is there"

done_testing
