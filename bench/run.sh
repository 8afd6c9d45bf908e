#!/usr/bin/env bash
# bench/run.sh - mailtutor against nc and swaks, on loopback only.
#
# Measures, RUNS times each (default 5), and prints a markdown table of the
# medians with the ratio of mailtutor to each peer measured in the same run:
#   data    a SIZE-byte message (default 100 MB) through DATA in scripted mode,
#           vs `nc -C` driving the same lines and `swaks --data @FILE`,
#           all three sending to the same sink SMTP server (bench/sink);
#   noop    NOOPS NOOP round trips (default 10,000) vs `nc -C` (nc does not
#           wait for replies, mailtutor does: see docs/benchmarks.md) and
#           vs bench/lockstep, a bare client that waits for each reply;
#   retr    RETR of the same message from bench/pop3sink, vs `nc -C` with the
#           same script and `curl pop3://127.0.0.1:PORT/1`: time and peak RSS;
#   fetch   IMAP FETCH 1 BODY[] of the same message from bench/imapsink, vs
#           `nc -C` sending the same tagged lines and curl's
#           imap://HOST/INBOX;UID=1: time and peak RSS;
#   replay  transcripts: `mailtutor replay --no-wait` of STEPS mixed steps
#           and of NOOP_STEPS NOOP steps; `transcript check`, `replay
#           --no-wait` and `transcript export` of BIG_STEPS NOOP steps (made
#           by bench/gentranscript); each also with the build of
#           MAILTUTOR_BEFORE when it is set;
#   startup `mailtutor --version` with hyperfine.
#
# Environment: RUNS, SIZE, NOOPS, STEPS, TIMEOUT (seconds a run may take
# before it counts as hung, default 300), NOOP_TIMEOUT (the same for the
# NOOP benchmark, default 10), WORK (scratch directory, default a
# new temporary one), MAILTUTOR_SRC (source tree to build mailtutor from,
# default this checkout), MAILTUTOR_BEFORE (another tree to compare the
# replay benchmarks with, built too), NOOP_STEPS, BIG_STEPS, BIG_RUNS (runs
# of the BIG_STEPS benchmarks, default RUNS), BEFORE_SKIP (replay benchmarks
# not to measure with MAILTUTOR_BEFORE), ONLY (space-separated subset
# of the benchmarks).
# Not part of CI.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
SIZE=${SIZE:-100000000}
NOOPS=${NOOPS:-10000}
STEPS=${STEPS:-100000}
NOOP_STEPS=${NOOP_STEPS:-200000}
BIG_STEPS=${BIG_STEPS:-3000000}
BIG_RUNS=${BIG_RUNS:-$RUNS}
# replay benchmarks not to measure with MAILTUTOR_BEFORE (a build that
# loads a transcript whole takes GBs for the big ones): any of replay
# noops check hugereplay export
BEFORE_SKIP=${BEFORE_SKIP:-}
TIMEOUT=${TIMEOUT:-300}
NOOP_TIMEOUT=${NOOP_TIMEOUT:-10}
ONLY=${ONLY:-data noop retr fetch replay startup}
MAILTUTOR_SRC=${MAILTUTOR_SRC:-$ROOT}
BIN=$ROOT/bench/.bin
WORK=${WORK:-$(mktemp -d /tmp/mailtutor-bench.XXXXXX)}
export GOFLAGS=-mod=mod
mkdir -p "$BIN" "$WORK"

PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { printf '%s\n' "$*" >&2; }

# ensure_tools installs the peers and GNU time with apt-get when missing.
ensure_tools() {
	local missing=()
	command -v nc >/dev/null || missing+=(netcat-openbsd)
	command -v swaks >/dev/null || missing+=(swaks)
	command -v hyperfine >/dev/null || missing+=(hyperfine)
	command -v curl >/dev/null || missing+=(curl)
	[[ -x /usr/bin/time ]] || missing+=(time)
	((${#missing[@]} == 0)) && return
	log "installing ${missing[*]}"
	local sudo=()
	[[ $(id -u) == 0 ]] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() {
	log "building mailtutor from $MAILTUTOR_SRC and the bench tools"
	(cd "$MAILTUTOR_SRC" && go build -o "$BIN/mailtutor" ./cmd/mailtutor)
	rm -f "$BIN/mailtutor-before"
	if [[ -n ${MAILTUTOR_BEFORE:-} ]]; then
		log "building the mailtutor to compare with from $MAILTUTOR_BEFORE"
		(cd "$MAILTUTOR_BEFORE" && go build -o "$BIN/mailtutor-before" ./cmd/mailtutor)
		BEFORE_REV=${BEFORE_REV:-$(cd "$MAILTUTOR_BEFORE" && git rev-parse --short HEAD 2>/dev/null || basename "$MAILTUTOR_BEFORE")}
	fi
	local tool
	for tool in sink pop3sink imapsink genmsg gentranscript lockstep; do
		(cd "$ROOT" && go build -o "$BIN/$tool" "./bench/$tool")
	done
}

# start_server VAR CMD... starts a bench server in the background and sets
# VAR to the port it announced ("listening 127.0.0.1:PORT").
start_server() {
	local var=$1 out i
	shift
	out=$(mktemp "$WORK/server.XXXXXX")
	"$@" >"$out" 2>&1 &
	PIDS+=($!)
	for i in $(seq 100); do
		if grep -q '^listening ' "$out"; then
			printf -v "$var" '%s' "$(sed -n 's/^listening .*:\([0-9]*\)$/\1/p' "$out")"
			return
		fi
		sleep 0.05
	done
	log "server $1 did not start: $(cat "$out")"
	return 1
}

# median reads numbers, one a line, and prints their median.
median() {
	sort -g | awk '{v[NR]=$1} END {if (NR==0) {print "nan"; exit} if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}

# run_once NAME CHECK CMD runs the shell command CMD once; the run is good
# when it exits 0 within TIMEOUT and the shell command CHECK then succeeds.
# The wall time (s, taken before the check) and peak RSS (KB) of a good run
# are appended to $WORK/NAME.wall and $WORK/NAME.rss.
run_once() {
	local name=$1 check=$2 cmd=$3 start end
	start=$(date +%s%N)
	if ! timeout "$TIMEOUT" /usr/bin/time -f '%M' -o "$WORK/rss.one" bash -c "exec $cmd"; then
		return 1
	fi
	end=$(date +%s%N)
	bash -c "$check" || return 1
	awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}' >>"$WORK/$name.wall"
	tail -1 "$WORK/rss.one" >>"$WORK/$name.rss"
}

# measure NAME CHECK CMD [NAME CHECK CMD]... runs each command until RUNS
# of its runs are good (at most 3*RUNS attempts each), taking the commands
# in turn, one run each per round, so that a change in the machine's load
# falls on all of them alike. The number of failed runs of each goes to
# $WORK/NAME.failed.
measure() {
	local -a names=() checks=() cmds=() good=() failed=()
	while (($# >= 3)); do
		names+=("$1") checks+=("$2") cmds+=("$3") good+=(0) failed+=(0)
		: >"$WORK/$1.wall"
		: >"$WORK/$1.rss"
		shift 3
	done
	local round i more=1
	for ((round = 0; more && round < 3 * RUNS; round++)); do
		more=0
		for i in "${!names[@]}"; do
			((good[i] < RUNS)) || continue
			if run_once "${names[i]}" "${checks[i]}" "${cmds[i]}"; then
				good[i]=$((good[i] + 1))
			else
				failed[i]=$((failed[i] + 1))
				log "  ${names[i]}: run $((round + 1)) failed or hung"
			fi
			((good[i] < RUNS)) && more=1
		done
	done
	for i in "${!names[@]}"; do
		echo "${failed[i]}" >"$WORK/${names[i]}.failed"
		log "  ${names[i]}: median $(median <"$WORK/${names[i]}.wall") s over ${good[i]} runs, ${failed[i]} failed"
	done
}

# row BENCH TOOL NAME [PEER [BASE]] prints a table row; PEER is the name of
# the measurement mailtutor (BASE, default mailtutor-BENCH) is compared
# with (ratio = mailtutor / peer).
row() {
	local bench=$1 tool=$2 name=$3 peer=${4:-} base=${5:-mailtutor-$1} wall range rss ratio="" good
	wall=$(median <"$WORK/$name.wall")
	if [[ -f $WORK/$name.range ]]; then
		range=$(cat "$WORK/$name.range")
	else
		range=$(sort -g "$WORK/$name.wall" | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}')
	fi
	rss=$(median <"$WORK/$name.rss" | awk '{if ($1 > 0) printf "%.1f", $1/1024; else print "-"}')
	if [[ -n $peer ]]; then
		ratio=$(awk -v a="$(median <"$WORK/$base.wall")" -v b="$(median <"$WORK/$peer.wall")" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "n/a"}')
	fi
	good=$(wc -l <"$WORK/$name.rss")
	printf '| %s | %s | %s | %s | %s | %s/%s | %s |\n' "$bench" "$tool" "$wall" "$range" "$rss" \
		"$good" "$((good + $(cat "$WORK/$name.failed")))" "$ratio"
}

bench_data() {
	local port=$1
	log "data: $SIZE-byte message through DATA"
	"$BIN/genmsg" -size "$SIZE" >"$WORK/msg.eml"
	{
		printf 'EHLO bench.example.test\nMAIL FROM:<student@example.test>\nRCPT TO:<teacher@example.test>\nDATA\n'
		cat "$WORK/msg.eml"
		printf '.\nQUIT\n'
	} >"$WORK/data.script"
	# shellcheck disable=SC2016 # expanded by the check, after each run
	local grew='[[ $(wc -l <'"$WORK"'/sink.log) -gt $(cat '"$WORK"'/sink.before) ]]'
	local before="wc -l <$WORK/sink.log >$WORK/sink.before"
	eval "$before"
	local -a old=()
	[[ -x $BIN/mailtutor-before ]] && old=(before-data "$grew && $before"
		"$BIN/mailtutor-before connect --no-color --history '' smtp://127.0.0.1:$port <$WORK/data.script >/dev/null")
	measure mailtutor-data "$grew && $before" \
		"$BIN/mailtutor connect --no-color --history '' smtp://127.0.0.1:$port <$WORK/data.script >/dev/null" \
		nc-data "$grew && $before" "nc -C 127.0.0.1 $port <$WORK/data.script >/dev/null" \
		swaks-data "$grew && $before" \
		"swaks --server 127.0.0.1:$port --from student@example.test --to teacher@example.test --ehlo bench.example.test --data @$WORK/msg.eml >/dev/null" \
		"${old[@]}"
	sort "$WORK/sink.log" | uniq -c | sed 's/^/  sink received: /' >&2
}

bench_noop() {
	local port=$1
	log "noop: $NOOPS NOOP round trips"
	{
		for ((i = 0; i < NOOPS; i++)); do echo NOOP; done
		echo QUIT
	} >"$WORK/noop.script"
	local TIMEOUT=$NOOP_TIMEOUT # a hung run (see docs/benchmarks.md) is cut short
	local replies="[[ \$(grep -c '^\(S: \)\?250 ' $WORK/noop.out) -eq $NOOPS ]]"
	measure mailtutor-noop "$replies" \
		"$BIN/mailtutor connect --no-color --history '' smtp://127.0.0.1:$port <$WORK/noop.script >$WORK/noop.out" \
		nc-noop "$replies" "nc -C 127.0.0.1 $port <$WORK/noop.script >$WORK/noop.out" \
		lockstep-noop "$replies" "$BIN/lockstep -addr 127.0.0.1:$port <$WORK/noop.script >$WORK/noop.out"
}

bench_retr() {
	log "retr: RETR of the $SIZE-byte message"
	[[ -f $WORK/msg.eml ]] || "$BIN/genmsg" -size "$SIZE" >"$WORK/msg.eml"
	local port
	start_server port "$BIN/pop3sink" -file "$WORK/msg.eml"
	printf 'USER student\nPASS secret123\nRETR 1\nQUIT\n' >"$WORK/retr.script"
	local last
	last=$(tail -1 "$WORK/msg.eml")
	local complete="tail -c 4096 $WORK/retr.out | tr -d '\\r' | grep -qx '\\(S: \\)\\?\\.' && grep -qF '$last' $WORK/retr.out"
	# curl prints the message without the final "." and takes the same
	# USER/PASS login; the last line must be there and the size right.
	local body="[[ \$(wc -c <$WORK/retr.out) -ge $SIZE ]] && tail -c 4096 $WORK/retr.out | grep -qF '$last'"
	local -a before=()
	[[ -x $BIN/mailtutor-before ]] && before=(before-retr "$complete"
		"$BIN/mailtutor-before connect --no-color --history '' pop3://127.0.0.1:$port <$WORK/retr.script >$WORK/retr.out")
	measure mailtutor-retr "$complete" \
		"$BIN/mailtutor connect --no-color --history '' pop3://127.0.0.1:$port <$WORK/retr.script >$WORK/retr.out" \
		nc-retr "$complete" "nc -C 127.0.0.1 $port <$WORK/retr.script >$WORK/retr.out" \
		curl-retr "$body" "curl -s -u student:secret123 pop3://127.0.0.1:$port/1 >$WORK/retr.out" \
		"${before[@]}"
	rm -f "$WORK/retr.out"
}

bench_fetch() {
	log "fetch: IMAP FETCH 1 BODY[] of the $SIZE-byte message"
	[[ -f $WORK/msg.eml ]] || "$BIN/genmsg" -size "$SIZE" >"$WORK/msg.eml"
	sed 's/$/\r/' "$WORK/msg.eml" >"$WORK/msg.crlf" # the literal imapsink serves
	local port
	start_server port "$BIN/imapsink" -file "$WORK/msg.eml"
	printf 'a1 LOGIN student secret123\na2 SELECT INBOX\na3 FETCH 1 BODY[]\na4 LOGOUT\n' >"$WORK/fetch.script"
	local last
	last=$(tail -1 "$WORK/msg.eml")
	local complete="grep -qF '$last' $WORK/fetch.out && tail -c 4096 $WORK/fetch.out | tr -d '\\r' | grep -q '^\\(S: \\)\\?a4 OK'"
	local -a before=()
	[[ -x $BIN/mailtutor-before ]] && before=(before-fetch "$complete"
		"$BIN/mailtutor-before connect --no-color --history '' imap://127.0.0.1:$port <$WORK/fetch.script >$WORK/fetch.out")
	measure mailtutor-fetch "$complete" \
		"$BIN/mailtutor connect --no-color --history '' imap://127.0.0.1:$port <$WORK/fetch.script >$WORK/fetch.out" \
		nc-fetch "$complete" "nc -C 127.0.0.1 $port <$WORK/fetch.script >$WORK/fetch.out" \
		curl-fetch "cmp -s $WORK/fetch.out $WORK/msg.crlf" \
		"curl -s 'imap://127.0.0.1:$port/INBOX;UID=1' -u student:secret123 -o $WORK/fetch.out" \
		"${before[@]}"
	rm -f "$WORK/fetch.out" "$WORK/msg.crlf"
}

bench_replay() {
	log "replay: transcripts of $STEPS mixed, $NOOP_STEPS and $BIG_STEPS NOOP steps"
	"$BIN/gentranscript" -steps "$STEPS" >"$WORK/big.yaml"
	"$BIN/gentranscript" -mix noop -steps "$NOOP_STEPS" >"$WORK/noops.yaml"
	"$BIN/gentranscript" -mix noop -steps "$BIG_STEPS" >"$WORK/huge.yaml"
	local before=$BIN/mailtutor-before bench check cmd
	for bench in replay noops check hugereplay export; do
		check=true
		case $bench in
		replay) cmd="replay --no-wait $WORK/big.yaml >/dev/null" ;;
		noops) cmd="replay --no-wait $WORK/noops.yaml >/dev/null" ;;
		check)
			cmd="transcript check $WORK/huge.yaml >$WORK/check.out"
			check="grep -q 'ok: $BIG_STEPS steps' $WORK/check.out"
			;;
		hugereplay) cmd="replay --no-wait $WORK/huge.yaml >/dev/null" ;;
		export) cmd="transcript export $WORK/huge.yaml >/dev/null" ;;
		esac
		local RUNS=$RUNS
		[[ $bench == check || $bench == hugereplay || $bench == export ]] && RUNS=$BIG_RUNS
		if [[ -x $before && " $BEFORE_SKIP " != *" $bench "* ]]; then
			measure "mailtutor-$bench" "$check" "$BIN/mailtutor $cmd" "before-$bench" "$check" "$before $cmd"
		else
			measure "mailtutor-$bench" "$check" "$BIN/mailtutor $cmd"
		fi
	done
	rm -f "$WORK/huge.yaml"
}

# replay_rows prints the rows of the replay benchmarks, each build of
# mailtutor against the build of MAILTUTOR_BEFORE when there is one.
replay_rows() {
	local bench name
	for bench in "replay:replay $STEPS mixed steps" "noops:replay $NOOP_STEPS NOOP steps" \
		"check:transcript check, $BIG_STEPS NOOP steps" "hugereplay:replay $BIG_STEPS NOOP steps" \
		"export:transcript export (md), $BIG_STEPS NOOP steps"; do
		name=${bench%%:*}
		row "${bench#*:}" "mailtutor" "mailtutor-$name"
		if [[ -f $WORK/before-$name.wall ]]; then
			row "${bench#*:}" "before ($BEFORE_REV)" "before-$name" "before-$name" "mailtutor-$name"
		fi
	done
}

bench_startup() {
	log "startup: mailtutor --version"
	local runs=$((RUNS * 10)) tool
	hyperfine -N --warmup 5 --runs "$runs" --export-csv "$WORK/startup.csv" \
		-n mailtutor "$BIN/mailtutor --version" -n swaks "swaks --version" -n nc "nc -h" >/dev/null 2>&1
	for tool in mailtutor swaks nc; do
		awk -F, -v t="$tool" 'NR>1 && $1==t {printf "%.4f\n", $4}' "$WORK/startup.csv" >"$WORK/$tool-startup.wall"
		awk -F, -v t="$tool" 'NR>1 && $1==t {printf "%.4f–%.4f\n", $7, $8}' "$WORK/startup.csv" >"$WORK/$tool-startup.range"
		seq "$runs" | sed "s/.*/0/" >"$WORK/$tool-startup.rss"
		echo 0 >"$WORK/$tool-startup.failed"
	done
}

main() {
	ensure_tools
	build
	: >"$WORK/sink.log"
	local smtp_port=""
	if [[ " $ONLY " == *" data "* || " $ONLY " == *" noop "* ]]; then
		start_server smtp_port "$BIN/sink" -log "$WORK/sink.log"
	fi
	local b
	for b in $ONLY; do
		case $b in
		data | noop) "bench_$b" "$smtp_port" ;;
		retr | fetch | replay | startup) "bench_$b" ;;
		*) log "unknown benchmark $b" && exit 2 ;;
		esac
	done
	echo
	echo "| benchmark | tool | median wall (s) | min–max (s) | median peak RSS (MB) | good runs | mailtutor / tool |"
	echo "|---|---|---|---|---|---|---|"
	for b in $ONLY; do
		case $b in
		data)
			row data mailtutor mailtutor-data
			row data "nc -C" nc-data nc-data
			row data swaks swaks-data swaks-data
			[[ -f $WORK/before-data.wall ]] && row data "mailtutor before ($BEFORE_REV)" before-data before-data
			;;
		noop)
			row noop mailtutor mailtutor-noop
			row noop "nc -C (no waiting)" nc-noop nc-noop
			row noop "bench/lockstep (waits, like mailtutor)" lockstep-noop lockstep-noop
			;;
		retr)
			row retr mailtutor mailtutor-retr
			row retr "nc -C" nc-retr nc-retr
			row retr "curl pop3://…/1" curl-retr curl-retr
			[[ -f $WORK/before-retr.wall ]] && row retr "mailtutor before ($BEFORE_REV)" before-retr before-retr
			;;
		fetch)
			row fetch mailtutor mailtutor-fetch
			row fetch "nc -C" nc-fetch nc-fetch
			row fetch "curl imap://…/INBOX;UID=1" curl-fetch curl-fetch
			[[ -f $WORK/before-fetch.wall ]] && row fetch "mailtutor before ($BEFORE_REV)" before-fetch before-fetch
			;;
		replay) replay_rows ;;
		startup)
			row startup "mailtutor --version" mailtutor-startup
			row startup "swaks --version" swaks-startup swaks-startup
			row startup "nc -h" nc-startup nc-startup
			;;
		esac
	done
	echo
	echo "Startup times are hyperfine's; raw data: $WORK"
}

main "$@"
