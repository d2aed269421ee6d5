#!/bin/bash
# tests/bench/tzdiff.sh: benchmark of diff/tzdiff (issue 5), not a test.
#
#   1. 2026c against 2026cgtz, side by side with "the zdump way": compile
#      both trees with /usr/sbin/zic, run /usr/bin/zdump -i on every name
#      of each, diff the two dumps.  Prints both times, the ratio (target:
#      tzdiff at least 100 times faster) and tzdiff's peak RSS (target:
#      under 64 MB), all from build/tools/spawntime.
#   2. The walk over all upstream releases (tests/repos/upstream.git,
#      2012e..; target: at most 20 s).
#   3. --commits over 2022a..main of the upstream bundle (about 850
#      commits; target: at most 10 s).
#   4. The HTML report of 2026c against 2026cgtz (target: at most 0.5 s).
# Always exits 0 once it has measured (1 if a tool is missing).
#
# Environment: TZDIFF (default diff/tzdiff), RUNS (tzdiff runs, median;
# default 5), SYS_ZIC, SYS_ZDUMP.

. "$(dirname "$0")/../lib.sh"
TZDIFF=${TZDIFF:-diff/tzdiff}
case $TZDIFF in /*) ;; *) TZDIFF=$top/$TZDIFF ;; esac
[ -x "$TZDIFF" ] || { echo "bench: $TZDIFF not built"; exit 1; }
[ -x "$top/build/tools/spawntime" ] || { echo "bench: no build/tools/spawntime"; exit 1; }
for t in "$SYS_ZIC" "$SYS_ZDUMP"; do
	[ -x "$t" ] || { echo "bench: $t not installed"; exit 1; }
done
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
runs=${RUNS:-5}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The zdump way, once (it takes tens of seconds).
zdump_way() {
	local side src
	for side in old new; do
		src=$OLD
		[ $side = new ] && src=$NEW
		rm -rf "$tmp/$side"
		(cd "$src" && "$SYS_ZIC" -d "$tmp/$side" $MAIN_FILES) || return 1
		(cd "$tmp/$side" && find . \( -type f -o -type l \) |
		    sed 's|^\./||' | sort | while read -r name; do
			"$SYS_ZDUMP" -i -c 1800,2100 "$tmp/$side/$name" |
			    sed "s|$tmp/$side/||"
		done) >"$tmp/$side.dump"
	done
	diff "$tmp/old.dump" "$tmp/new.dump" >"$tmp/zdump.diff"
	return 0
}

echo "tzdiff benchmark ($(nproc) CPUs, load $(cut -d ' ' -f 1 /proc/loadavg))"
t0=$(now_ms)
zdump_way || { echo "bench: the zdump way failed"; exit 1; }
t1=$(now_ms)
zd=$((t1 - t0))
ndiff=$(grep -c '^TZ=' "$tmp/old.dump")
echo "zdump way: $zd ms ($ndiff names dumped per side," \
    "$(grep -c '^[<>]' "$tmp/zdump.diff") differing dump lines)"

# tzdiff exits 1: the trees differ.  spawntime (see tests/tools) warms
# the cache with one run, then gives the median wall time, the mean CPU
# time and the peak RSS.
read -r td _ cpu rss <<<"$("$top/build/tools/spawntime" -n "$runs" -x 1 -- \
    "$TZDIFF" "$OLD" "$NEW")"
echo "tzdiff:    $td ms wall (median of $runs), $cpu ms CPU, peak RSS $rss KB"
awk -v a="$zd" -v b="$td" 'BEGIN {
	r = b > 0 ? a / b : 0
	verdict = (r >= 100) ? "met" : "NOT met"
	printf "ratio:     %.0fx faster (target >= 100x): %s\n", r, verdict
}'
[ "$rss" -lt 65536 ] && echo "memory:    under 64 MB: met" ||
    echo "memory:    under 64 MB: NOT met"
read -r th _ cpu rss <<<"$("$top/build/tools/spawntime" -n "$runs" -x 1 -- \
    "$TZDIFF" --format html "$OLD" "$NEW")"
echo "html:      $th ms wall (median of $runs), $cpu ms CPU (target <= 500 ms):" \
    "$([ "${th%.*}" -le 500 ] && echo met || echo NOT met)"

REPO=$top/tests/repos/upstream.git
if [ -d "$REPO" ]; then
	t0=$(now_ms)
	"$TZDIFF" --releases "$REPO" 2012e.. >"$tmp/walk" 2>"$tmp/walk.err"
	rc=$?
	t1=$(now_ms)
	echo "walk:      $((t1 - t0)) ms over all upstream releases (exit $rc;" \
	    "target <= 20000 ms): $(tail -n 1 "$tmp/walk")"
	t0=$(now_ms)
	"$TZDIFF" --commits "$REPO" 2022a..main >"$tmp/commits" 2>&1
	rc=$?
	t1=$(now_ms)
	ms=$((t1 - t0))
	echo "commits:   $ms ms for 2022a..main (exit $rc; target <= 10000 ms:" \
	    "$([ $ms -le 10000 ] && echo met || echo NOT met)):" \
	    "$(tail -n 1 "$tmp/commits")"
else
	echo "walk:      skipped, no $REPO (make repos)"
fi
exit 0
