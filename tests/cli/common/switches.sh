#!/bin/bash
# tests/cli/common/switches.sh: the build switches mean the same to zic, tzdb
# and tzdiff, parsed by one library function (issue 15):
#  - --packratlist without --backzone, a bad --dataform and a PACKRATLIST
#    name with a newline are refused alike: exit 2, one line, the same
#    text after the program's name, no zic output;
#  - a switch the release's Makefile lacks is refused alike;
#  - VANGUARD_SUBSECONDS is honoured alike: zic's vanguard tzdata.zi
#    keeps the #STDOFF fractions, and the store records the SHA-256 of
#    the same zic input that zisource prints with -s.
. "$(dirname "$0")/../../lib.sh"
need_zic
TZDB_BIN=$top/data/tzdb
TZDIFF=$top/diff/tzdiff
ZISOURCE=$top/build/tools/zisource
UP=$top/tests/repos/upstream.git
for p in "$TZDB_BIN" "$TZDIFF" "$ZISOURCE"; do
	[ -x "$p" ] || skip_all "$p not built"
done
need_cmd sqlite3 sha256sum

# refused_alike ARG...: each tool, given ARG... on the same tree, exits 2
# with one line, and the three lines agree once the program names are
# taken off.
refused_alike() {
	local rc1 rc2 rc3
	"$ZIC" -d "$tmp/zic.out" --source "$TZDB" "$@" 2>"$tmp/e1" >/dev/null
	rc1=$?
	"$TZDB_BIN" load --db "$tmp/r.db" "$@" "$TZDB" 2>"$tmp/e2" >/dev/null
	rc2=$?
	"$TZDIFF" "$@" "$TZDB" "$TZDB" 2>"$tmp/e3" >/dev/null
	rc3=$?
	sed -i 's/^[^:]*: //' "$tmp/e1" "$tmp/e2" "$tmp/e3"
	note "zic $rc1, tzdb $rc2, tzdiff $rc3: $(head -n 1 "$tmp/e1")"
	[ "$rc1$rc2$rc3" = 222 ] && [ "$(cat "$tmp/e1" "$tmp/e2" "$tmp/e3" |
	    wc -l)" -eq 3 ] && cmp -s "$tmp/e1" "$tmp/e2" &&
	    cmp -s "$tmp/e1" "$tmp/e3" && [ ! -e "$tmp/zic.out" ]
}
check "--packratlist without --backzone" refused_alike --packratlist zone.tab
check "--dataform sideways" refused_alike --dataform sideways
check "a PACKRATLIST name with a newline" refused_alike --backzone \
    --packratlist "$(printf 'zone.tab\nLink Etc/UTC Evil')"

# The same for a switch the release's Makefile lacks (2016j, PACKRATLIST).
TZDB=$UP@2016j
if [ -d "$UP" ]; then
	check "2016j --backzone --packratlist zone.tab" refused_alike \
	    --backzone --packratlist zone.tab
	check "... naming the release PACKRATLIST came in" \
	    grep -q "PACKRATLIST (it came in release 2022b)" "$tmp/e1"
fi
TZDB=$SHARED/tzdb/2026c

# VANGUARD_SUBSECONDS: zic --install writes what the vanguard form
# keeps (from REPO@2026c: --install needs the release's Makefile); the
# store's zic input is zisource -s's.
VANGUARD_SUBSECONDS=1 "$ZIC" -d "$tmp/sub" --source "$UP@2026c" \
    --dataform vanguard --install
check "zic: VANGUARD_SUBSECONDS=1 keeps Cairo's 2:05:08.9" \
    grep -q '^Z Africa/Cairo 2:5:8.9 ' "$tmp/sub/tzdata.zi"
zisha() {
	sqlite3 "$1" "SELECT zic_sha256 FROM release WHERE label = 'x'"
}
VANGUARD_SUBSECONDS=1 "$TZDB_BIN" load --db "$tmp/sub.db" --label x \
    --dataform vanguard "$TZDB" 2>/dev/null
"$TZDB_BIN" load --db "$tmp/plain.db" --label x --dataform vanguard \
    "$TZDB" 2>/dev/null
want=$("$ZISOURCE" -s -f vanguard "$TZDB" | sha256sum | cut -d' ' -f1)
check "tzdb: VANGUARD_SUBSECONDS=1 stores zisource -s's input" \
    test "$(zisha "$tmp/sub.db")" = "$want"
check "... which differs from the input without it" \
    test "$(zisha "$tmp/plain.db")" != "$want"
VANGUARD_SUBSECONDS=0 "$TZDB_BIN" load --db "$tmp/zero.db" --label x \
    --dataform vanguard "$TZDB" 2>/dev/null
check "tzdb: VANGUARD_SUBSECONDS=0 is off, as for ziguard.awk" \
    test "$(zisha "$tmp/zero.db")" = "$(zisha "$tmp/plain.db")"
finish
