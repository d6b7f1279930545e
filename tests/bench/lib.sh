# What the benchmarks share: options, their own stack under var/bench
# (port 9545, or GUICHET_BENCH_PORT beside another checkout's), wrk runs
# that keep each target's best round, ratios.
# shellcheck source=../../conf/dev/stack
. "$SRC/conf/dev/stack"
set +e

DURATION=${DURATION:-10} CONNS=${CONNS:-32} ROUNDS=${ROUNDS:-3}
while [ $# -gt 0 ]; do
	case $1 in
	--duration) DURATION=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	--rounds) ROUNDS=$2; shift 2 ;;
	*) echo "usage: $0 [--duration s] [--connections n] [--rounds n]" >&2; exit 2 ;;
	esac
done

DIR=${BENCH_DIR:-$SRC/var/bench} PORT=${GUICHET_BENCH_PORT:-9545} BUILD=$SRC/build DEBUG=0 WORKERS=${WORKERS:-4}
stack_ports
export DIR PORT BUILD SRC WORKERS EID_PORT API_PORT OCSP_PORT SMTP_PORT REGISTER_PORT
(stack_up) >/dev/null || { echo "the stack did not start" >&2; exit 1; }
trap 'stack_down >/dev/null 2>&1' EXIT
BASE="https://localhost:$PORT"

# ms NUMBER-WITH-UNIT: wrk prints 1.23ms, 850.00us or 1.02s
ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
		else if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 }
		else print "?" }'
}

# wrk_run NAME PATH [wrk args]: requests/s and p99 (ms) into R_<NAME> and
# P_<NAME>, the best round kept: the machine's neighbours only slow us down.
wrk_run() {
	local name=$1 path=$2 out rps p99 non2xx prev
	shift 2
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "$@" "$BASE$path" >"$DIR/wrk-$name.txt" 2>&1
	out=$(cat "$DIR/wrk-$name.txt")
	rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
	p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
	non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
	printf '%-28s %10s req/s   p99 %8s ms%s\n' "$name" "$rps" "$p99" \
		"${non2xx:+   NON-2XX: $non2xx}"
	prev="R_$name"
	if [ -z "${!prev:-}" ] || awk -v a="$rps" -v b="${!prev}" 'BEGIN { exit !(a > b) }'; then
		printf -v "R_$name" '%s' "$rps"
		printf -v "P_$name" '%s' "$p99"
	fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", 100 * a / b }'; }

bench_psql() { as_pg "$PG_BIN/psql" -h "$DIR/pg" -U postgres -d "${DB:-guichet}" -Atqc "$1"; }
