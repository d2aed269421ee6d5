#!/bin/bash
# tests/bench/zic.sh: "make bench".  Compile the 2026c main data (the ten
# files of the golden README) with zic/zic and with /usr/sbin/zic, slim and
# fat, RUNS times each into a fresh directory on tmpfs, and print the median
# wall time, mean user+system CPU time and peak RSS of each, and the
# ratios ours/system.  Issue 2's targets: at most half the system zic's wall
# time in each mode, and at most 16 MB peak RSS.  Not a test: it always
# exits 0 once it has measured.
#
# Environment: RUNS (default 21), ZIC (default zic/zic), SYS_ZIC,
# BENCH_DIR (default /dev/shm, else $TMPDIR).  Every figure comes from
# build/tools/spawntime, which starts each run with posix_spawn() (a
# shell's own fork would add milliseconds to every run of both tools)
# and reads CPU time and peak RSS from wait4(): the median wall time,
# the mean user+system CPU time and the highest peak RSS of RUNS runs,
# each into a fresh output directory.  The two zics take turns, run by
# run, so that a slow spell of a shared host weighs on both alike.

. "$(dirname "$0")/../lib.sh"
need_zic
[ -x "$SYS_ZIC" ] || { echo "bench: $SYS_ZIC not installed"; exit 1; }
SPAWNTIME=$top/build/tools/spawntime
[ -x "$SPAWNTIME" ] || { echo "bench: $SPAWNTIME not built (make tools)"; exit 1; }

runs=${RUNS:-21}
base=${BENCH_DIR:-/dev/shm}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/tzforge-bench.XXXXXX") || exit 1
trap '[ "$BASHPID" = "$$" ] && rm -rf "$tmp" "$work"' EXIT
fs=$(stat -f -c %T "$work" 2>/dev/null)
inputs=$(main_inputs)

# measure MODE: two lines "WALL_MS BEST_MS CPU_MS RSS_KB" (the median and
# fastest wall time, the mean CPU time and the highest peak RSS), ours
# then the system's.  The two tools take turns, so that a slow spell of
# the machine slows both alike.  A busy host still weighs more on ours,
# which runs on two CPUs; the fastest runs show what the tools do when
# the host leaves them alone.
measure() {
	"$SPAWNTIME" -n "$runs" -f "$work/out" \
	    -- "$ZIC" -b "$1" -d "$work/out" $inputs \
	    -- "$SYS_ZIC" -b "$1" -d "$work/out" $inputs
}

echo "tzforge bench: 2026c main data ($(echo $inputs | wc -w) files, 598 names)"
echo "output on $base ($fs), $runs runs per tool and mode"
echo "ours:   $ZIC ($("$ZIC" --version 2>&1 | head -n 1))"
echo "system: $SYS_ZIC ($("$SYS_ZIC" --version 2>&1 | head -n 1))"
echo "process start alone (/bin/true): $("$SPAWNTIME" -n "$runs" -- /bin/true | cut -d ' ' -f 1) ms"
echo
printf '%-5s %-8s %10s %10s %10s %12s\n' mode tool 'wall ms' 'wall ms' \
    'cpu ms' 'peak RSS KB'
printf '%-5s %-8s %10s %10s %10s %12s\n' '' '' '(median)' '(fastest)' \
    '(mean)' '(max)'
summary=
for mode in slim fat; do
	{ read -r ow ob oc orss; read -r sw sb sc srss; } <<<"$(measure "$mode")"
	printf '%-5s %-8s %10s %10s %10s %12s\n' "$mode" ours "$ow" "$ob" "$oc" \
	    "$orss"
	printf '%-5s %-8s %10s %10s %10s %12s\n' "$mode" system "$sw" "$sb" "$sc" \
	    "$srss"
	ratios=$(awk -v ow="$ow" -v sw="$sw" -v ob="$ob" -v sb="$sb" \
	    -v oc="$oc" -v sc="$sc" -v orss="$orss" -v srss="$srss" 'BEGIN {
		printf "%.2f %.2f %s %s", ow / sw, ob / sb,
		    (sc > 0 ? sprintf("%.2f", oc / sc) : "n/a"),
		    (srss > 0 ? sprintf("%.2f", orss / srss) : "n/a") }')
	read -r rw rb rc rr <<<"$ratios"
	printf '%-5s %-8s %10s %10s %10s %12s\n' "$mode" ratio "$rw" "$rb" "$rc" \
	    "$rr"
	met=$(awk -v r="$rw" -v m="$orss" 'BEGIN {
		print (r <= 0.5 ? "met" : "NOT met") " (wall ratio " r " <= 0.50), " \
		    (m == "n/a" ? "unknown" : m <= 16384 ? "met" : "NOT met") \
		    " (peak RSS " m " KB <= 16384)" }')
	summary="$summary$mode: $met
"
done
echo
echo "targets:"
printf '%s' "$summary"

# Issue 3: the same 2026c tree read as a directory, from git and from a
# tarball (zic --source), median wall time of each and the ratio to the
# directory; target at most 1.20.
src_wall() {	# SPEC: median wall ms of zic --source SPEC
	"$SPAWNTIME" -n "$runs" -f "$work/out" -- \
	    "$ZIC" -d "$work/out" --source "$1" | cut -d ' ' -f 1
}
repo=$top/tests/repos/upstream.git
if [ -d "$repo" ]; then
	tar -C "$SHARED/tzdb" -czf "$work/tzdata2026c.tar.gz" 2026c
	dw=$(src_wall "$TZDB")
	gw=$(src_wall "$repo@2026c")
	tw=$(src_wall "$work/tzdata2026c.tar.gz")
	echo
	printf '%-22s %10s %8s\n' 'zic --source' 'wall ms' ratio
	printf '%-22s %10s %8s\n' directory "$dw" 1.00
	for x in "REPO@2026c $gw" "tarball (.tar.gz) $tw"; do
		w=${x##* }
		printf '%-22s %10s %8s\n' "${x% *}" "$w" \
		    "$(awk -v a="$w" -v b="$dw" 'BEGIN { printf "%.2f", a / b }')"
	done
	echo "target: REPO@REF and tarball at most 1.20 x the directory"
fi
exit 0
