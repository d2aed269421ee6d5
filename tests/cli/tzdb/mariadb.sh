#!/bin/bash
# tests/cli/tzdb/mariadb.sh: `tzdb export --mysql` loaded into a real MariaDB server
# (Debian's mariadb-server), started by this test as root on a private
# socket in its scratch directory (mariadb-install-db, mariadbd
# --skip-networking) and stopped on every way out:
#   - CONVERT_TZ agrees with `tzdb at` on 10,000 instants over 1970-2037
#     spread over all 598 names of 2026c;
#   - the hostile name Etc/X\', 99);DROP TABLE time_zone;--  (with the
#     quote and backslash MySQL treats specially) is stored as it is and
#     every time zone table is left in place;
#   - a name with bytes outside printable ASCII is refused, nothing written.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd mariadb-install-db mariadbd mariadb python3
[ "$(id -u)" = 0 ] || skip_all "the server is started as root (--user=root)"
A=$SHARED/tzdb/2026c
my=$tmp/mariadb
sock=$my/sock
pid=

stop_server() {
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null
	for _ in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	pid=
}
trap '[ "$BASHPID" = "$$" ] && { stop_server; rm -rf "$tmp"; }' EXIT

mkdir -p "$my"
mariadb-install-db --no-defaults --datadir="$my/data" --user=root \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$my/install.log" 2>&1 || { not_ok "mariadb-install-db"; tail "$my/install.log"; finish; }
mariadbd --no-defaults --datadir="$my/data" --socket="$sock" \
    --skip-networking --user=root --pid-file="$my/pid" \
    --log-error="$my/err.log" --skip-grant-tables &
pid=$!
for _ in $(seq 1 300); do
	[ -S "$sock" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
[ -S "$sock" ] || { not_ok "mariadbd did not start"; tail "$my/err.log"; finish; }
sql() { mariadb --no-defaults --socket="$sock" -u root -N -B -r "$@"; }
note "$(sql -e 'SELECT version()')"

"$TZDB" export --mysql "$A" >"$tmp/tz.sql" 2>"$tmp/err"
check "export exits 0" test $? -eq 0
sql mysql <"$tmp/tz.sql" 2>"$tmp/err"
check "the export loads into MariaDB" test $? -eq 0 -a ! -s "$tmp/err"
check "598 names" test "$(sql -e 'SELECT count(*) FROM mysql.time_zone_name')" -eq 598

# 10,000 instants over 1970-2037, each name in turn, fixed seed.
sql -e 'SELECT Name FROM mysql.time_zone_name ORDER BY Name' >"$tmp/names"
python3 - "$tmp/names" >"$tmp/queries" <<'PY'
import random, sys
names = [l.rstrip('\n') for l in open(sys.argv[1])]
r = random.Random(2026)
for i in range(10000):
    print(names[i % len(names)], '@%d' % r.randrange(0, 2145916800))
PY
"$TZDB" at --batch --source "$A" <"$tmp/queries" >"$tmp/at.tsv" 2>"$tmp/err"
check "tzdb at answers all 10,000" test "$(wc -l <"$tmp/at.tsv")" -eq 10000
# want: NAME<TAB>local time as MariaDB prints it
python3 - "$tmp/at.tsv" >"$tmp/want" <<'PY'
import datetime, sys
e = datetime.datetime(1970, 1, 1)
for l in open(sys.argv[1]):
    name, t, off = l.split('\t')[:3]
    print('%s\t%s' % (name, e + datetime.timedelta(seconds=int(t) + int(off))))
PY
python3 - "$tmp/queries" >"$tmp/q.sql" <<'PY'
import sys
print("SET time_zone = '+00:00';")
for l in open(sys.argv[1]):
    name, t = l.split()
    q = name.replace("'", "''")
    print("SELECT '%s', CONVERT_TZ(FROM_UNIXTIME(%s), '+00:00', '%s');" % (q, t[1:], q))
PY
sql <"$tmp/q.sql" >"$tmp/got" 2>"$tmp/err"
if cmp -s "$tmp/want" "$tmp/got"; then
	ok "CONVERT_TZ agrees with tzdb at on 10000 instants over 1970-2037, all 598 names"
else
	not_ok "CONVERT_TZ disagrees with tzdb at ($(diff "$tmp/want" "$tmp/got" | grep -c '^<') of 10000)"
	show_diff "$tmp/want" "$tmp/got"
fi

# The hostile name.
hostile="Etc/X\\', 99);DROP TABLE time_zone;-- "
python3 - "$tmp/hostile.zi" <<'PY'
import sys
open(sys.argv[1], 'w').write('Zone\t"Etc/X\\\', 99);DROP TABLE time_zone;-- "\t2:00\t-\tQ\'Q\\\n'
    'Zone\tEtc/Back\\slash\t-1:00\t-\tB\\S\n')
PY
"$TZDB" export --mysql "$tmp/hostile.zi" >"$tmp/h.sql" 2>"$tmp/err"
check "export of the hostile names exits 0" test $? -eq 0
sql mysql <"$tmp/h.sql" 2>"$tmp/err"
check "and loads without error" test $? -eq 0 -a ! -s "$tmp/err"
check "every time zone table is still there" test "$(sql -e "SELECT count(*)
    FROM information_schema.tables WHERE table_schema = 'mysql' AND
    table_name LIKE 'time_zone%'")" -eq 5
sql -e 'SELECT Name FROM mysql.time_zone_name ORDER BY Name' >"$tmp/got"
# CHAR(64): MariaDB drops the trailing space when it reads the name back
printf '%s\n' 'Etc/Back\slash' "${hostile% }" >"$tmp/want"
check "the names are stored as written (CHAR drops the trailing space)" \
    cmp -s "$tmp/want" "$tmp/got"
check "the abbreviations too" test "$(sql -e 'SELECT group_concat(Abbreviation
    ORDER BY Abbreviation) FROM mysql.time_zone_transition_type')" = "B\\S,Q'Q\\"
check "and the hostile zone converts" test "$(sql -e "SET time_zone = '+00:00';
    SELECT CONVERT_TZ('2024-01-01 00:00:00', '+00:00', 'Etc/X\\\\'', 99);DROP TABLE time_zone;-- ')")" = "2024-01-01 02:00:00"

printf 'Zone\tEtc/Bad\377\t0:00\t-\tBAD\n' >"$tmp/bad.zi"
"$TZDB" export --mysql "$tmp/bad.zi" >"$tmp/out" 2>"$tmp/err"
check "a name outside printable ASCII is refused: exit 2" test $? -eq 2
check "with one line naming it" grep -qx "tzdb: name 'Etc/Bad\\\\xff' holds a byte that is not printable ASCII; not exported" "$tmp/err"
check "and nothing written" test ! -s "$tmp/out"
stop_server
check "the server is stopped" test -z "$pid"
finish
