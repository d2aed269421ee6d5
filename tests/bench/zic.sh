#!/bin/bash
# tests/bench/zic.sh: "make bench".  Compile the 2026c main data (the ten
# files of the golden README) with zic/zic and with /usr/sbin/zic, slim and
# fat, RUNS times each into a fresh directory on tmpfs, and print the median
# wall time, median user+system CPU time and peak RSS of each, and the
# ratios ours/system.  Issue 2's targets: at most half the system zic's wall
# time in each mode, and at most 16 MB peak RSS.  Not a test: it always
# exits 0 once it has measured.
#
# Environment: RUNS (default 21), ZIC (default zic/zic), SYS_ZIC,
# BENCH_DIR (default /dev/shm, else $TMPDIR).  Wall time comes from
# bash's $EPOCHREALTIME around each run (median; no extra process in the
# timed span); CPU time (mean) and peak RSS (the
# highest) from /usr/bin/time, when Debian's "time" package is there.

. "$(dirname "$0")/../lib.sh"
need_zic
[ -x "$SYS_ZIC" ] || { echo "bench: $SYS_ZIC not installed"; exit 1; }

runs=${RUNS:-21}
base=${BENCH_DIR:-/dev/shm}
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/tzforge-bench.XXXXXX") || exit 1
trap '[ "$BASHPID" = "$$" ] && rm -rf "$tmp" "$work"' EXIT
fs=$(stat -f -c %T "$work" 2>/dev/null)
inputs=$(main_inputs)

# measure TOOL MODE: print "WALL_MS CPU_MS RSS_KB": the median wall time,
# the mean CPU time and the highest peak RSS.
measure() {
	local tool=$1 mode=$2 i t0 t1
	: >"$tmp/wall" ; : >"$tmp/usage"
	"$tool" -b "$mode" -d "$work/warm" $inputs >/dev/null 2>&1 # warm cache
	for ((i = 0; i < runs; i++)); do
		rm -rf "$work/out"
		t0=${EPOCHREALTIME/./}
		"$tool" -b "$mode" -d "$work/out" $inputs >/dev/null 2>&1
		t1=${EPOCHREALTIME/./}
		echo $((t1 - t0)) >>"$tmp/wall"
	done
	# CPU time and peak RSS from /usr/bin/time, in separate runs: its own
	# start-up must not count in the wall times above.  %U and %S come in
	# 10 ms steps, so CPU time is the mean over the runs.
	local wall cpu=n/a rss=n/a
	if [ -x /usr/bin/time ]; then
		for ((i = 0; i < runs; i++)); do
			rm -rf "$work/out"
			/usr/bin/time -f '%U %S %M' -o "$tmp/one" \
			    "$tool" -b "$mode" -d "$work/out" $inputs \
			    >/dev/null 2>&1
			cat "$tmp/one" >>"$tmp/usage"
		done
		cpu=$(awk '{ t += $1 + $2 } END { printf "%.1f", t * 1000 / NR }' \
		    "$tmp/usage")
		rss=$(cut -d ' ' -f 3 "$tmp/usage" | sort -n | tail -n 1)
	fi
	wall=$(sort -n "$tmp/wall" | awk '{ v[NR] = $1 }
	    END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }')
	echo "$wall $cpu $rss"
}

echo "tzforge bench: 2026c main data ($(echo $inputs | wc -w) files, 598 names)"
echo "output on $base ($fs), $runs runs per tool and mode"
echo "ours:   $ZIC ($("$ZIC" --version 2>&1 | head -n 1))"
echo "system: $SYS_ZIC ($("$SYS_ZIC" --version 2>&1 | head -n 1))"
[ -x /usr/bin/time ] || echo "(no /usr/bin/time: CPU time and RSS not measured)"
echo
printf '%-5s %-8s %10s %10s %12s\n' mode tool 'wall ms' 'cpu ms' 'peak RSS KB'
printf '%-5s %-8s %10s %10s %12s\n' '' '' '(median)' '(mean)' '(max)'
summary=
for mode in slim fat; do
	read -r ow oc orss <<<"$(measure "$ZIC" "$mode")"
	read -r sw sc srss <<<"$(measure "$SYS_ZIC" "$mode")"
	printf '%-5s %-8s %10s %10s %12s\n' "$mode" ours "$ow" "$oc" "$orss"
	printf '%-5s %-8s %10s %10s %12s\n' "$mode" system "$sw" "$sc" "$srss"
	ratios=$(awk -v ow="$ow" -v sw="$sw" -v oc="$oc" -v sc="$sc" \
	    -v orss="$orss" -v srss="$srss" 'BEGIN {
		printf "%.2f %s %s", ow / sw, (sc > 0 ? sprintf("%.2f", oc / sc) : "n/a"),
		    (srss > 0 ? sprintf("%.2f", orss / srss) : "n/a") }')
	read -r rw rc rr <<<"$ratios"
	printf '%-5s %-8s %10s %10s %12s\n' "$mode" ratio "$rw" "$rc" "$rr"
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
	local i t0 t1
	: >"$tmp/swall"
	"$ZIC" -d "$work/warm" --source "$1" >/dev/null 2>&1
	for ((i = 0; i < runs; i++)); do
		rm -rf "$work/out"
		t0=${EPOCHREALTIME/./}
		"$ZIC" -d "$work/out" --source "$1" >/dev/null 2>&1
		t1=${EPOCHREALTIME/./}
		echo $((t1 - t0)) >>"$tmp/swall"
	done
	sort -n "$tmp/swall" | awk '{ v[NR] = $1 }
	    END { printf "%.2f", v[int((NR + 1) / 2)] / 1000 }'
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
