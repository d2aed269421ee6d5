#!/bin/bash
# tests/cli/tzdb/tzvalidate_published.sh: `tzdb dump --format tzvalidate` against the
# published tzvalidate files (../shared/conformance/tzvalidate): the
# SHA-256 of our body must equal the published Body-SHA-256.  make check
# runs a sample covering each era of the file set (pacificnew in the
# input by TDATA, pacificnew only in the published set, no pacificnew);
# TZV_ALL=1 (tests/full/tzdb_tzvalidate_all.sh) runs all 52 releases.
# Also: a database loaded without pacificnew refuses to write a body
# that would differ from the published one.  Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
PUB=$SHARED/conformance/tzvalidate/body-sha256.txt
UP=$top/tests/repos/upstream.git
[ -f "$PUB" ] || skip_all "no published tzvalidate hashes"
[ -d "$UP" ] || skip_all "no $UP (make repos)"

body_sha() { awk 'b { print; next } /^$/ { b = 1 }' | sha256sum | cut -c1-64; }

if [ "${TZV_ALL:-0}" = 1 ]; then
	cp "$PUB" "$tmp/want"
else
	grep -E '^(2016j|2017c|2018e|2020a|2020b|2022b|2024a|2026b) ' "$PUB" >"$tmp/want"
fi
n=0 good=0
while read -r rel sum; do
	n=$((n + 1))
	got=$("$TZDB" dump --format tzvalidate "$UP@$rel" 2>"$tmp/err" | body_sha)
	if [ "$got" = "$sum" ]; then
		good=$((good + 1))
	else
		not_ok "$rel: body SHA-256 $got, published $sum"
	fi
done <"$tmp/want"
check "tzvalidate bodies equal the published ones: $good of $n" test "$good" -eq "$n"

# 2020a stored as its Makefile builds it lacks US/Pacific-New: a dump
# from the database is refused rather than different.
"$TZDB" load --db "$tmp/t.db" "$UP@2020a" 2>/dev/null
"$TZDB" dump --format tzvalidate --db "$tmp/t.db" >"$tmp/out" 2>"$tmp/err"
check "2020a from a database without pacificnew: exit 2" test $? -eq 2
check "and the message says why" grep -q \
    "release '2020a' was stored without pacificnew, which its published tzvalidate file includes; dump from its source tree instead" "$tmp/err"
check "and nothing is written" test ! -s "$tmp/out"
finish
