#!/bin/bash
# tests/cli/tzdb/compiled.sh: SPECs users already have where a query needs only
# compiled data: the golden TZif tree of the reference zic
# (../shared/golden/2026c-main-slim) and one TZif file of it, given to
# --source or loaded with a label, answer `tzdb at` exactly as the 2026c
# source does (offset, abbreviation, isdst at 2,000 instants over
# 1800-2100 spread over every name) and `transitions` likewise.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
SLIM=$GOLDEN/2026c-main-slim
[ -d "$SLIM" ] || skip_all "no golden slim tree"
need_cmd python3
A=$SHARED/tzdb/2026c

"$TZDB" zones --source "$SLIM" >"$tmp/zones" 2>"$tmp/err"
check "the TZif tree lists its names" test "$(grep -vc '^#' "$tmp/zones")" -eq \
    "$(cd "$SLIM" && find . \( -type f -o -type l \) ! -name '*.tab' ! -name tzdata.zi ! -name 'leap*' | wc -l)"
grep -v '^#' "$tmp/zones" | cut -f1 >"$tmp/names"
python3 - "$tmp/names" >"$tmp/q" <<'PY'
import random, sys
names = [l.strip() for l in open(sys.argv[1])]
r = random.Random(9)
for i in range(2000):
    print(names[i % len(names)], '@%d' % r.randrange(-5364662400, 4102444800))
PY
"$TZDB" at --batch --source "$A" <"$tmp/q" 2>/dev/null | cut -f1-5 >"$tmp/want"
"$TZDB" at --batch --source "$SLIM" <"$tmp/q" 2>"$tmp/err" | cut -f1-5 >"$tmp/got"
check "at --source TZIF-TREE answers as the source (2000 instants)" \
    eval 'test "$(wc -l <"$tmp/want")" -eq 2000 && cmp -s "$tmp/want" "$tmp/got"'
"$TZDB" load --db "$tmp/t.db" --label golden "$SLIM" 2>"$tmp/err"
check "load --label of a TZif tree" test $? -eq 0
"$TZDB" load --db "$tmp/t.db" "$SLIM" 2>"$tmp/err"
rc=$?
check "without --label it is refused (compiled data has no version)" \
    eval 'test $rc -eq 2 && grep -q "give a label" "$tmp/err"'
"$TZDB" transitions --db "$tmp/t.db" --release golden Europe/Oslo | tail -n +4 >"$tmp/got"
"$TZDB" transitions --source "$A" Europe/Oslo | tail -n +4 >"$tmp/want"
check "transitions from the loaded tree equal the source's" cmp -s "$tmp/want" "$tmp/got"
"$TZDB" at --source "$SLIM/America/New_York" New_York 2026-01-15T12Z >"$tmp/out"
check "one TZif file as SPEC, named by its base name" \
    eval 'grep -qx "zone: New_York (New_York)" "$tmp/out" && grep -qx "abbr: EST" "$tmp/out"'
printf 'TZif not really\n' >"$tmp/bad"
"$TZDB" at --source "$tmp/bad" bad @0 >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a damaged TZif file: exit 2 with one message naming it" \
    eval 'test $rc -eq 2 && test "$(wc -l <"$tmp/err")" -eq 1 && grep -q "^tzdb: bad: " "$tmp/err"'
finish
