#!/usr/bin/env bash
# The database layer through a failover, on two plain PostgreSQL servers of
# this machine (tests/ha/pg-pair: a primary and its synchronous standby):
# tests/unit/test-failover kills the primary, promotes the standby, makes a
# node read-only; with "failover.sh test-dbread", reads go to the standby
# while it is fresh, to the primary while its replay is paused or it is
# down.  Prints TAP.  The runner exports SRC and BUILD; the pair lives in
# $HA_DIR (default $SRC/var/test-ha) and is removed at the end.
set -u
SRC=${SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BUILD=${BUILD:-$SRC/build}
HA_DIR=${HA_DIR:-$SRC/var/test-ha}
PROGRAM=${1:-test-failover}
PAIR=$SRC/tests/ha/pg-pair

trap '"$PAIR" down "$HA_DIR" >/dev/null 2>&1; rm -rf "$HA_DIR"' EXIT
if ! "$PAIR" up "$HA_DIR" >"$HA_DIR.log" 2>&1; then
	echo "not ok 1 - the primary and its standby start"
	sed 's/^/# /' "$HA_DIR.log" | tail -20
	exit 1
fi
SRC=$SRC GUICHET_TEST_PAIR_CONNINFO=$("$PAIR" conninfo "$HA_DIR") \
GUICHET_TEST_PAIR=$PAIR GUICHET_TEST_PAIR_DIR=$HA_DIR \
	"$BUILD/tests/unit/$PROGRAM"
