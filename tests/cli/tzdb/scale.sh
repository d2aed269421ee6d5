#!/bin/bash
# tests/cli/tzdb/scale.sh: no quadratic path from source text to answer: `tzdb at
# --source` on a zic input with 100,000 links in shuffled order takes
# at most 25 times the CPU that 10,000 take (linear work gives about 10,
# the old insertion sort of lib/history.c about 100: it took 35 s).  The
# bound is aimed from what this run measures, in CPU time, not wall time,
# so neither a busy machine nor a sanitizer build fails it; absolute
# speed is make bench's business.  Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd python3

for n in 10000 100000; do
	links_zi "$n" >"$tmp/l$n.zi"
done
# cpu N: CPU milliseconds of one query on N links
cpu() {
	local TIMEFORMAT='%3U %3S' t
	t=$( { time "$TZDB" at --source "$tmp/l$1.zi" L/n000001 @0 >"$tmp/out" 2>&1; } 2>&1 )
	awk '{ printf "%d\n", ($1 + $2) * 1000 }' <<<"$t"
}
c1=$(cpu 10000)
c2=$(cpu 100000)
check "100,000 links answer" grep -q "^link: L/n000001 -> Etc/Z (l100000.zi:[0-9]*), answers as Etc/Z$" "$tmp/out"
note "CPU: 10,000 links $c1 ms, 100,000 links $c2 ms"
check "10 times the links, at most 25 times the CPU ($c1 -> $c2 ms)" \
    test "$c2" -le $(( (c1 > 20 ? c1 : 20) * 25 ))
finish
