#!/bin/bash
# tests/cli/tzdb/mysql.sh: `tzdb export --mysql` writes SQL for MySQL's five time
# zone tables that loads into sqlite3 once the column types are mapped
# (docs/peers.md 4.1), in one transaction, and answers like `tzdb at`:
# the usual "last transition at or before T" query, type 0 before the
# first, at 200 instants per name for 40 names up to the --until year.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd sqlite3
SRC=$SHARED/tzdb/2026c

"$TZDB" export --mysql --until 2037 "$SRC" >"$tmp/tz.sql" 2>"$tmp/err"
check "export exits 0" test $? -eq 0
check "one transaction" eval 'test "$(grep -c "^BEGIN;$" "$tmp/tz.sql")" -eq 1 && tail -n 1 "$tmp/tz.sql" | grep -qx "COMMIT;"'

# MySQL's tables with the types mapped for SQLite.
cat >"$tmp/schema.sql" <<'SQL'
CREATE TABLE time_zone (Time_zone_id INTEGER PRIMARY KEY,
    Use_leap_seconds TEXT NOT NULL DEFAULT 'N' CHECK (Use_leap_seconds IN ('Y','N')));
CREATE TABLE time_zone_name (Name TEXT NOT NULL PRIMARY KEY,
    Time_zone_id INTEGER NOT NULL);
CREATE TABLE time_zone_transition (Time_zone_id INTEGER NOT NULL,
    Transition_time INTEGER NOT NULL, Transition_type_id INTEGER NOT NULL,
    PRIMARY KEY (Time_zone_id, Transition_time));
CREATE TABLE time_zone_transition_type (Time_zone_id INTEGER NOT NULL,
    Transition_type_id INTEGER NOT NULL, `Offset` INTEGER NOT NULL DEFAULT 0,
    Is_DST INTEGER NOT NULL DEFAULT 0, Abbreviation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (Time_zone_id, Transition_type_id));
CREATE TABLE time_zone_leap_second (Transition_time INTEGER NOT NULL PRIMARY KEY,
    Correction INTEGER NOT NULL);
SQL
sqlite3 "$tmp/my.db" <"$tmp/schema.sql"
# sqlite3 has no sql_mode (the quoting is for NO_BACKSLASH_ESCAPES, which
# is also SQLite's own)
grep -v '^SET @@SESSION.sql_mode' "$tmp/tz.sql" | sqlite3 "$tmp/my.db" 2>"$tmp/err"
check "the SQL loads into sqlite3" test $? -eq 0 -a ! -s "$tmp/err"
n=$(sqlite3 "$tmp/my.db" 'SELECT count(*) FROM time_zone_name')
check "598 names (links included)" test "$n" -eq 598

# 40 names, 200 instants each over 1850-2037, fixed seed.
sqlite3 "$tmp/my.db" 'SELECT Name FROM time_zone_name ORDER BY Name' |
    awk 'NR % 15 == 1' >"$tmp/names"
awk -v seed=4 'BEGIN { srand(seed); lo = -3786825600; hi = 2145916800 }
{ for (i = 0; i < 200; i++) printf "%s @%d\n", $0, lo + int(rand() * (hi - lo)) }' \
    "$tmp/names" >"$tmp/queries"
"$TZDB" at --batch --source "$SRC" <"$tmp/queries" | cut -f1-5 >"$tmp/want"
while read -r name when; do
	t=${when#@}
	printf "SELECT '%s', %s, tt.\`Offset\`, tt.Abbreviation, tt.Is_DST FROM time_zone_name n JOIN time_zone_transition_type tt ON tt.Time_zone_id = n.Time_zone_id WHERE n.Name = '%s' AND tt.Transition_type_id = coalesce((SELECT Transition_type_id FROM time_zone_transition t WHERE t.Time_zone_id = n.Time_zone_id AND t.Transition_time <= %s ORDER BY Transition_time DESC LIMIT 1), 0);\n" \
	    "$name" "$t" "$name" "$t"
done <"$tmp/queries" >"$tmp/q.sql"
sqlite3 -separator '	' "$tmp/my.db" <"$tmp/q.sql" >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then
	ok "MySQL tables answer like tzdb at ($(wc -l <"$tmp/got") queries)"
else
	not_ok "MySQL tables disagree with tzdb at"
	show_diff "$tmp/want" "$tmp/got"
fi
finish
