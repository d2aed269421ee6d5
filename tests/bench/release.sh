#!/bin/bash
# tests/bench/release.sh: benchmark of the release builder (issue 11),
# not a test.  The whole release x data form matrix (every upstream tag,
# main, every global-tz tag and global-tz's head; main, vanguard and
# rearguard where the release has them) built two ways, side by side:
#
#   --source    zic -d DIR --source REPO@REF [--dataform FORM]
#   Makefile    the release's own "make FORM.zi" with gawk in a checkout
#               (tests/oracle/release-lib.inc, uncached), then zic -d DIR
#               FORM.zi; releases without .zi targets: the zic runs of
#               "make posix_only" (recorded, then replayed)
#
# One line per year of upstream tags, for main and for global-tz, then
# the totals and their ratio.
# The checkouts are made before the clock starts (they are cached under
# build/oracle-cache).  Trees go to tmpfs when there is one.  Always
# exits 0 once it has measured (1 if a tool is missing).
#
# Environment: ZIC (default zic/zic), ORACLE_REFS (refs, default all).

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
[ -x "$ZIC" ] || { echo "bench: $ZIC not built"; exit 1; }
for t in gawk make git flock; do
	command -v "$t" >/dev/null || { echo "bench: $t not installed"; exit 1; }
done
[ -d "$UP_REPO" ] && [ -d "$GTZ_REPO" ] || { echo "bench: make repos first"; exit 1; }
ORACLE_TMP=
oracle_need >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# via_source REF FORM: zic --source, once.
via_source() {
	rm -rf "$ORACLE_TMP/s"
	"$ZIC" -d "$ORACLE_TMP/s" $(ours_args "$1" "$2" default) >/dev/null 2>&1
}

# via_makefile REF FORM: the Makefile's FORM.zi (or posix_only's zic
# runs), made afresh, then compiled.
via_makefile() {
	local form=$1 log=$ORACLE_TMP/make.log
	rm -rf "$ORACLE_TMP/m" "$ORACLE_TMP/rec" "$ODIR"/src/*.zi
	if oracle_has forms; then
		oracle_make "$log" "$form.zi" &&
		    "$ZIC" -d "$ORACLE_TMP/m" "$ODIR/src/$form.zi" >/dev/null 2>&1
	else
		ORACLE_ZIC=$top/tests/oracle/record-zic ORACLE_REC=$ORACLE_TMP/rec \
		    oracle_make "$log" DESTDIR="$ORACLE_TMP/stage" posix_only &&
		    replay "$ORACLE_TMP/rec" "$ORACLE_TMP/m" 2>/dev/null
	fi
}

refs=${ORACLE_REFS:-$(oracle_refs)}
echo "release x form matrix, --source against the Makefile oracle" \
    "($(nproc) CPUs, load $(cut -d ' ' -f 1 /proc/loadavg))"
for ref in $refs; do
	oracle_dir "$ref" || { echo "bench: no checkout of $ref"; exit 1; }
done

total_s=0 total_m=0 builds=0 failed_s=0 failed_m=0 group= gs=0 gm=0 gn=0
printf '%-12s %6s %12s %12s\n' releases builds '--source ms' 'Makefile ms'
for ref in $refs "<end>"; do
	# one line per year of upstream tags, main, and global-tz
	case $ref in
	"<end>") g= ;;
	*gtz | global-tz*) g=global-tz ;;
	[0-9][0-9][0-9][0-9]?) g=${ref%?} ;;
	*) g=$ref ;;
	esac
	if [ "$g" != "$group" ]; then
		[ -n "$group" ] && printf '%-12s %6d %12d %12d\n' "$group" "$gn" "$gs" "$gm"
		group=$g gs=0 gm=0 gn=0
	fi
	[ "$ref" = "<end>" ] && break
	oracle_dir "$ref"
	forms=main
	oracle_has forms && forms="main vanguard rearguard"
	for form in $forms; do
		t0=$(now_ms)
		via_source "$ref" "$form" || failed_s=$((failed_s + 1))
		t1=$(now_ms)
		(
			flock 9
			via_makefile "$form"
		) 9>"$ODIR/lock" || failed_m=$((failed_m + 1))
		t2=$(now_ms)
		gs=$((gs + t1 - t0)) gm=$((gm + t2 - t1)) gn=$((gn + 1))
		total_s=$((total_s + t1 - t0)) total_m=$((total_m + t2 - t1))
		builds=$((builds + 1))
	done
done
printf '%-12s %6d %12d %12d\n' total "$builds" "$total_s" "$total_m"
echo "builds that failed: --source $failed_s, Makefile $failed_m" \
    "(a failing build is timed all the same)"
if [ "$total_s" -gt 0 ]; then
	echo "Makefile oracle / --source: $(awk -v a="$total_m" -v b="$total_s" \
	    'BEGIN { printf "%.1f", a / b }') times the time"
fi
exit 0
