#!/usr/bin/env bash
# guichet.conf refused at start: a program, the notification worker and
# guichet-admin given a file with an unknown key or a value out of range
# say file:line and do not start; guichet-admin conf check says the same
# without starting anything.  Prints TAP.
. "$(dirname "$0")/lib.sh"

admin=$BUILD/cgi-bin/guichet-admin/guichet-admin
good=$DIR/guichet.conf

# bad_conf NAME LINE...: the stack's file with LINEs appended, in $TMP/NAME
bad_conf() {
	local name=$1
	shift
	{ cat "$good"; printf '%s\n' "$@"; } >"$TMP/$name"
	echo "$TMP/$name"
}
lines=$(wc -l <"$good")
unknown=$(bad_conf unknown.conf 'languages = fr nl de en')
twice=$(bad_conf twice.conf 'fastcgi.workers = 3')
huge=$TMP/huge.conf
sed 's/^limits\.form_max = .*/limits.form_max = 3000000000/' "$good" >"$huge"
at=$(grep -n '^limits\.form_max' "$huge" | cut -d: -f1)

"$admin" conf check "$good" 2>"$TMP/err"
is "$?" 0 "conf check accepts the stack's file"
is "$(cat "$TMP/err")" "" "and says nothing"
"$admin" -c "$good" conf check 2>/dev/null
is "$?" 0 "conf check reads -c's file when given none"

"$admin" conf check "$unknown" 2>"$TMP/err"
is "$?" 1 "conf check refuses an unknown key"
is "$(cat "$TMP/err")" "$unknown:$((lines + 1)): unknown key \"languages\"" \
	"with its file and line"
"$admin" conf check "$huge" 2>"$TMP/err"
is "$?" 1 "conf check refuses limits.form_max past its maximum"
is "$(cat "$TMP/err")" "$huge:$at: limits.form_max: 3000000000 is above the maximum, 67108864" \
	"with its file, line and range"
"$admin" conf check "$twice" 2>"$TMP/err"
is "$?" 1 "conf check refuses a key given twice"
contains "$TMP/err" "$twice:$((lines + 1)): fastcgi.workers set again (first at line" \
	"naming the first line"
"$admin" conf check "$TMP/nonexistent.conf" 2>/dev/null
is "$?" 1 "conf check fails on a missing file"

"$admin" conf reference >"$TMP/reference.md"
check "conf reference prints docs/configuration.md" cmp -s "$TMP/reference.md" "$SRC/docs/configuration.md"

# A FastCGI program given the bad file exits at once, without a socket.
sock=$TMP/help.sock
timeout 10 "$BUILD/cgi-bin/help/guichet-help" --conf "$unknown" --listen "$sock" \
	--workers 1 --log "$TMP/help.log" </dev/null >/dev/null 2>&1
rc=$?
ok "$([ "$rc" != 0 ] && [ "$rc" != 124 ] && echo 0 || echo 1)" \
	"guichet-help refuses to start with an unknown key (exit $rc)"
check "and opens no socket" test ! -e "$sock"
contains "$TMP/help.log" "$unknown:$((lines + 1)): unknown key" "its log says file and line"

timeout 10 "$BUILD/cgi-bin/forms/guichet-forms" --conf "$huge" --listen "$sock" \
	--workers 1 --log "$TMP/forms.log" </dev/null >/dev/null 2>&1
rc=$?
ok "$([ "$rc" != 0 ] && [ "$rc" != 124 ] && echo 0 || echo 1)" \
	"guichet-forms refuses to start with limits.form_max too large (exit $rc)"
contains "$TMP/forms.log" "limits.form_max: 3000000000 is above the maximum, 67108864" \
	"its log says why"

timeout 10 "$BUILD/cgi-bin/notify/guichet-notify" --conf "$twice" --once \
	--log "$TMP/notify.log" </dev/null >/dev/null 2>&1
rc=$?
ok "$([ "$rc" != 0 ] && [ "$rc" != 124 ] && echo 0 || echo 1)" \
	"guichet-notify refuses to start with a key given twice (exit $rc)"
contains "$TMP/notify.log" "fastcgi.workers set again" "its log says why"

"$admin" -c "$unknown" status >/dev/null 2>"$TMP/err"
is "$?" 1 "guichet-admin refuses the file before touching the database"
contains "$TMP/err" "unknown key" "and says why"

done_testing
