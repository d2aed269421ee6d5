#!/bin/bash
# tests/run-all.sh: run tzforge's test suites and print one closing line,
# "N passed, N failed" (", N skipped" when some were skipped), which CI
# reads.  Called by "make check" from the top directory after the build.
#
# What runs, in this order:
#   build/tests/test_*   cmocka programs: each test case counts once
#   build/fuzz/fuzz_*    standalone fuzz drivers over tests/fuzz/corpus/NAME
#   tests/cli/**.sh, tests/oracle/**.sh
#                        shell suites (subdirectories included): each
#                        script counts once; exit 0 is a pass, 77 a skip,
#                        anything else a failure
#   tests/full/**.sh     the slow oracle matrices: only when named as an
#                        argument (make check-full)
# Arguments, if given, restrict the run to those directories or files.
# Logs go to build/test-logs/; a failure prints the end of its log.  Before
# the closing line: the ten slowest programs and scripts, wall and CPU
# time, and the totals (the budget: make check in 10 minutes on 2 cores).
#
# Environment: ZIC (zic under test, default zic/zic), VERBOSE=1 (print
# every log), SANITIZE (set by make; only reported).

set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 2

# Sanitized builds: the unit tests' LeakSanitizer suppressions (leaks of
# system libraries), and stack traces from UBSan.
if [ -f tests/unit/lsan.supp ]; then
	export LSAN_OPTIONS="suppressions=$PWD/tests/unit/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

logdir=build/test-logs
mkdir -p "$logdir"
npass=0 nfail=0 nskip=0
failed=()
timings=()	# "WALL CPU NAME" per program or script, for the slowest ten

# CPU time (user + system, in tenths of a second) used so far by the
# tests this shell waited for, into $cpu_now (not through $(...): a
# subshell's "times" counts only its own children).  On a busy machine
# wall time says little; CPU time is stable.
cpu_tenths() {
	local l
	times >"$logdir/.times"
	l=$(sed -n 2p "$logdir/.times")
	cpu_now=0
	[[ $l =~ ^([0-9]+)m([0-9]+)\.([0-9]).*\ ([0-9]+)m([0-9]+)\.([0-9]) ]] ||
	    return 0
	local r=("${BASH_REMATCH[@]}")
	cpu_now=$(( (10#${r[1]} * 60 + 10#${r[2]}) * 10 + 10#${r[3]} +
	    (10#${r[4]} * 60 + 10#${r[5]}) * 10 + 10#${r[6]} ))
}
# timed NAME COMMAND...: run COMMAND, noting its wall and CPU time.
timed() {
	local name=$1 c0 rc
	shift
	cpu_tenths
	c0=$cpu_now
	t0=$SECONDS
	"$@"
	rc=$?
	took=$((SECONDS - t0))
	cpu_tenths
	cpu=$((cpu_now - c0))
	timings+=("$took $cpu $name")
	return $rc
}

say() { printf '%s\n' "$*"; }

# Show why a test failed: its "not ok" lines with the notes after them (or
# cmocka's failure lines), else the end of its log.
show_log() {
	local log=$1 n
	n=$(wc -l <"$log")
	if [ "${VERBOSE:-0}" = 1 ] || [ "$n" -le 40 ]; then
		sed 's/^/    /' "$log"
	elif grep -q -e '^not ok' -e '^\[  FAILED  \]' -e '^\[  ERROR   \]' "$log"; then
		awk '/^not ok|^\[  (FAILED|ERROR)   ?\]|^\[   LINE   \]/ { show = 1; print; next }
		     show && /^#/ { print; next }
		     { show = 0 }' "$log" | head -n 60 | sed 's/^/    /'
		say "    ... (full log in $log)"
	else
		say "    ... ($n lines, full log in $log)"
		tail -n 40 "$log" | sed 's/^/    /'
	fi
}

# A cmocka program: count its test cases from cmocka's summary lines.
run_cmocka() {
	local bin=$1 name log rc p f
	name=$(basename "$bin")
	log=$logdir/$name.log
	timed "$name" "$bin" >"$log" 2>&1 </dev/null
	rc=$?
	# sum over groups: a program may run several
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\.$/\1/p' "$log" |
	    awk '{ n += $1 } END { print n + 0 }')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s), listed below:$/\1/p' "$log" |
	    awk '{ n += $1 } END { print n + 0 }')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, or failed outside any test case
	fi
	npass=$((npass + p))
	nfail=$((nfail + f))
	if [ "$f" -eq 0 ]; then
		say "PASS: $name ($p cases, ${took}s)"
		[ "${VERBOSE:-0}" = 1 ] && show_log "$log"
	else
		say "FAIL: $name ($p passed, $f failed, exit $rc, ${took}s)"
		failed+=("$name")
		show_log "$log"
	fi
}

# A standalone fuzz driver: replay its corpus; one result per driver.
run_fuzz() {
	local bin=$1 name corpus log rc
	name=$(basename "$bin")
	corpus=tests/fuzz/corpus/${name#fuzz_}
	[ -d "$corpus" ] || corpus=tests/fuzz/corpus/$name
	log=$logdir/$name.log
	if [ ! -d "$corpus" ]; then
		say "SKIP: $name (no corpus)"
		nskip=$((nskip + 1))
		return
	fi
	timed "$name" "$bin" "$corpus"/* >"$log" 2>&1 </dev/null
	rc=$?
	result "$name" "$rc" "$log"
}

result() {
	local name=$1 rc=$2 log=$3
	case $rc in
	0)	npass=$((npass + 1)); say "PASS: $name (${took}s)"
		[ "${VERBOSE:-0}" = 1 ] && show_log "$log" ;;
	77)	nskip=$((nskip + 1))
		say "SKIP: $name ($(grep -m1 '^skip' "$log" || echo skipped))" ;;
	*)	nfail=$((nfail + 1)); failed+=("$name")
		say "FAIL: $name (exit $rc, ${took}s)"
		show_log "$log" ;;
	esac
}

run_script() {
	local script=$1 name log rc
	name=${script#tests/}
	log=$logdir/$(printf '%s' "${name%.sh}" | tr / _).log
	timed "$name" bash "$script" >"$log" 2>&1 </dev/null
	rc=$?
	result "$name" "$rc" "$log"
}

run_path() {
	local p=$1 f
	case $p in
	build/tests/test_*) run_cmocka "$p" ;;
	build/fuzz/fuzz_*)  run_fuzz "$p" ;;
	*.sh)               run_script "$p" ;;
	*)  if [ -d "$p" ]; then
		for f in "$p"/test_* "$p"/fuzz_* "$p"/*.sh "$p"/*/; do
			if [ -d "$f" ]; then
				run_path "${f%/}"
				continue
			fi
			[ -f "$f" ] || continue
			case $f in *.o|*.d) continue ;; esac
			[ -x "$f" ] || [ "${f%.sh}" != "$f" ] || continue
			run_path "$f"
		done
	    else
		say "FAIL: $p (no such test)"
		nfail=$((nfail + 1)); failed+=("$p")
	    fi ;;
	esac
}

start=$(date +%s)
say "tzforge tests: ZIC=${ZIC:-zic/zic}${SANITIZE:+ SANITIZE=$SANITIZE}"
if [ $# -gt 0 ]; then
	for p in "$@"; do run_path "${p%/}"; done
else
	for p in build/tests build/fuzz tests/cli tests/oracle; do
		[ -d "$p" ] && run_path "$p"
	done
fi

# The slowest ten by wall time, with their CPU time and the totals, so
# that the time budget of make check (10 minutes on 2 cores) stays visible.
slowest() {
	[ ${#timings[@]} -gt 0 ] || return 0
	say ""
	say "slowest (wall, CPU):"
	printf '%s\n' "${timings[@]}" | sort -k1,1nr -k3 | head -n 10 |
	    awk '{ printf "  %5ds %7.1fs  %s\n", $1, $2 / 10, $3 }'
	printf '%s\n' "${timings[@]}" | awk '{ w += $1; c += $2 }
	    END { printf "  total: %ds wall, %.1fs CPU in tests\n", w, c / 10 }'
}

slowest
say ""
[ ${#failed[@]} -gt 0 ] && say "failed: ${failed[*]}"
say "time: $(( $(date +%s) - start )) s"
if [ "$nskip" -gt 0 ]; then
	say "$npass passed, $nfail failed, $nskip skipped"
else
	say "$npass passed, $nfail failed"
fi
[ "$nfail" -eq 0 ] && [ $((npass + nskip)) -gt 0 ]
