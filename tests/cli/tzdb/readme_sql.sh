#!/bin/bash
# tests/cli/tzdb/readme_sql.sh: the SQL queries of the README, taken from the README
# itself, run with the sqlite3 shell against a database holding 2026c and
# 2026cgtz; their answers are checked against what is true (New York on
# 2026-01-15 is on EST, 2024 has its two changes, ...), which needs the
# transitions the TZ footer implies stored as rows.  Also the horizon:
# rows reach 2100 by default and --until YEAR at load.  Exit 0 pass, 1
# fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd sqlite3
db=$tmp/t.db

"$TZDB" load --db "$db" --label 2026c "$SHARED/tzdb/2026c" 2>/dev/null &&
    "$TZDB" load --db "$db" --label 2026cgtz "$SHARED/tzdb/2026cgtz" 2>/dev/null ||
    { not_ok "loading 2026c and 2026cgtz"; finish; }

# The README's queries: the indented lines after the line naming this
# test, one query
# per "  -- " comment line.
awk 'index($0, "tzdb/readme_sql.sh runs them") { on = 1; next }
     on && /^[^ ]/ && !/^$/ { exit }
     on && /^  -- / { n++; next }
     on && /^  / { print > (dir "/q" n ".sql") }' dir="$tmp" "$top/README"
check "the README has five queries" test -f "$tmp/q5.sql" -a ! -f "$tmp/q6.sql"
q() { sqlite3 "$db" <"$tmp/q$1.sql"; }

check "1: New York at 2026-01-15T12:00Z is EST" test "$(q 1)" = "-18000|EST|0"
check "2: zones of Norway" eval 'q 2 | grep -qx "zone.tab|Europe/Oslo|+5955+01045"'
check "3: New York's two changes of 2024" test "$(q 3 | tr '\n' ' ')" = \
    "1710054000|-14400|EDT 1730613600|-18000|EST "
check "4: 95 names are links in 2026c and zones in 2026cgtz" test "$(q 4 | wc -l)" -eq 95
check "5: abbreviations of 1975 include EST, EDT, CET, CEST" \
    eval 'test "$(q 5 | grep -cxE "EST|EDT|CET|CEST")" -eq 4'

# The rows the footer implies reach the horizon, marked as such.
last() { sqlite3 "$1" "SELECT max(t.at) FROM transition t JOIN name n
    ON n.history_id = t.history_id JOIN release r ON r.id = n.release_id
    WHERE r.label = '2026c' AND n.name = 'America/New_York' AND t.implied"; }
check "default horizon: New York's last row is 2100-11-07T06:00Z" \
    test "$(last "$db")" = 4129250400
check "explicit rows are not marked implied" test "$(sqlite3 "$db" \
    "SELECT count(*) FROM transition t JOIN name n ON n.history_id = t.history_id
     JOIN release r ON r.id = n.release_id WHERE r.label = '2026c' AND
     n.name = 'America/New_York' AND NOT t.implied AND t.at > 1200000000")" -eq 0
"$TZDB" load --db "$tmp/u.db" --label 2026c --until 2030 "$SHARED/tzdb/2026c" 2>/dev/null
check "load --until 2030: rows stop at 2030-11-03T06:00Z" \
    test "$(last "$tmp/u.db")" = 1919916000
check "release records its horizon" test "$(sqlite3 "$tmp/u.db" \
    "SELECT horizon FROM release")" = 1924992000
"$TZDB" load --db "$tmp/u.db" --label again --until 2040 "$SHARED/tzdb/2026c" 2>/dev/null
check "a later load with a farther horizon extends shared histories" \
    test "$(last "$tmp/u.db")" = 2235621600
"$TZDB" at --db "$tmp/u.db" --release 2026c America/New_York 2300-07-01 >"$tmp/out"
check "tzdb at answers past the horizon" grep -qx "abbr: EDT" "$tmp/out"
finish
