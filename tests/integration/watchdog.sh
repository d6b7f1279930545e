#!/usr/bin/env bash
# systemd's notification protocol and watchdog, with a real program and a
# stand-in for systemd (its socket on fd 0, $NOTIFY_SOCKET, WATCHDOG_USEC
# of one second): READY=1 once the workers are forked, WATCHDOG=1 while
# they answer, none while they are all stopped or the master is, again
# when they come back, STOPPING=1 at SIGTERM.  The real systemd's kill and
# restart is tests/package/run's.  Prints TAP.
. "$(dirname "$0")/lib.sh"

python3 - "$TMP" "$BUILD/cgi-bin/help/guichet-help" "$DIR/guichet.conf" \
	"$(dirname "$0")/fcgi-client" >"$TMP/seen" 2>"$TMP/py.err" <<'PY'
import os, signal, socket, subprocess, sys, time
tmp, prog, conf, client = sys.argv[1:5]
path = tmp + '/help.sock'
s = socket.socket(socket.AF_UNIX)
s.bind(path)
s.listen(16)
n = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
n.bind(tmp + '/notify')
env = dict(os.environ, NOTIFY_SOCKET=tmp + '/notify', WATCHDOG_USEC='1000000')
p = subprocess.Popen([prog, '--conf', conf, '--workers', '2', '--log',
                      tmp + '/help.log'], stdin=s.fileno(), env=env)

def heard(seconds):
    """The datagrams received within SECONDS."""
    got, end = [], time.time() + seconds
    while time.time() < end:
        n.settimeout(max(end - time.time(), 0.001))
        try:
            got.append(n.recv(256).decode())
        except socket.timeout:
            break
    return got

def say(name, value):
    print(name, value, flush=True)

first = heard(10)[:1]
say('ready', first[0] if first else 'none')
say('pings', sum(1 for m in heard(1.6) if m == 'WATCHDOG=1') >= 4)
status = subprocess.run([client, path, '/help', '-', '0', tmp + '/m'],
                        capture_output=True, text=True).stdout.strip()
say('served', status)
kids = [int(k) for k in open('/proc/%d/task/%d/children' % (p.pid, p.pid)).read().split()]
say('workers', len(kids))
for k in kids:
    os.kill(k, signal.SIGSTOP)
heard(0.9)			# stale after half a period, and a tick
say('stopped', len(heard(1.5)))
for k in kids:
    os.kill(k, signal.SIGCONT)
say('continued', 'WATCHDOG=1' in heard(1))
os.kill(p.pid, signal.SIGSTOP)
heard(0.1)
say('master_stopped', len(heard(1.5)))
os.kill(p.pid, signal.SIGCONT)
say('master_continued', 'WATCHDOG=1' in heard(1))
p.send_signal(signal.SIGTERM)
say('stopping', 'STOPPING=1' in heard(5))
say('exit', p.wait(timeout=40))
PY
val() { sed -n "s/^$1 //p" "$TMP/seen"; }
is "$(val ready)" "READY=1" "READY=1 first, once the socket and the workers are there"
is "$(val pings)" "True" "WATCHDOG=1 four times a period while the workers answer"
is "$(val served)" "Status: 200 OK" "the workers' timer does not disturb a request"
is "$(val workers)" 2 "two workers"
is "$(val stopped)" 0 "every worker stopped: no ping (systemd would kill it)"
is "$(val continued)" "True" "the workers back: pinged again"
is "$(val master_stopped)" 0 "the master stopped: no ping"
is "$(val master_continued)" "True" "the master back: pinged again"
is "$(val stopping)" "True" "STOPPING=1 at SIGTERM"
is "$(val exit)" 0 "and a clean exit"
contains "$TMP/help.log" "no worker answers (2 of 2 alive)" "the log says why it stopped pinging"
[ -s "$TMP/py.err" ] && sed 's/^/# /' "$TMP/py.err"
done_testing
