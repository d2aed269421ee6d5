#!/bin/bash
# tests/bench/tzdb.sh: benchmark of data/tzdb (not a test; `make bench`).
# Prints, with the targets of issues 4 and 12:
#   - time and database size to load all releases of both bundles, with
#     the footer's transitions stored as rows through 2100 (target
#     <= 30 s, <= 50 MB);
#   - `tzdb at --releases all` for one question over those releases
#     (target <= 0.1 s; median of 11);
#   - wall time of one `tzdb at` process (target <= 5 ms; median of 41);
#   - in-process lookups per second through the library (>= 1,000,000/s);
#   - tzvalidate dump of one release from the database (<= 0.2 s);
#   - tzdb at --source on 100,000 links (< 2 s).
# Needs tests/repos/*.git (make repos), build/tools/tzdb_lookups and
# build/tools/spawntime.
prog=${TZDB:-}
. "$(dirname "$0")/../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
LOOKUPS=${LOOKUPS:-$top/build/tools/tzdb_lookups}
SPAWNTIME=$top/build/tools/spawntime
UP=$top/tests/repos/upstream.git
GTZ=$top/tests/repos/global-tz.git
db=$tmp/bench.db

now() { date +%s%N; }
ms() { echo "$(( ($2 - $1) / 1000000 ))"; }

specs=()
for tag in $(git -C "$UP" tag); do specs+=("$UP@$tag"); done
for tag in $(git -C "$GTZ" tag); do specs+=("$GTZ@$tag"); done
t0=$(now)
"$TZDB" load --db "$db" "${specs[@]}" 2>/dev/null || echo "load failed"
t1=$(now)
"$TZDB" releases --db "$db" >/dev/null	# checkpoints the WAL
size=$(( $(stat -c %s "$db") + $( [ -f "$db-wal" ] && stat -c %s "$db-wal" || echo 0) ))
printf 'load %d releases (rows through 2100): %d ms, %.1f MB  (target <= 30000 ms, <= 50 MB)\n' \
    "${#specs[@]}" "$(ms "$t0" "$t1")" "$(echo "$size / 1048576" | bc -l)"
printf 'rows in transition: %s, of which implied by footers: %s\n' \
    "$(sqlite3 "$db" 'SELECT count(*) FROM transition')" \
    "$(sqlite3 "$db" 'SELECT count(*) FROM transition WHERE implied')"

read -r rel_med rel_best _ <<<"$("$SPAWNTIME" -n 11 -- "$TZDB" at --db "$db" \
    --releases all Europe/Oslo 1940-08-10T12:00:00Z)"
printf 'at --releases all (%d releases, one question): %s ms median, %s ms fastest of 11  (target <= 100 ms)\n' \
    "${#specs[@]}" "$rel_med" "$rel_best"

# One process, started with posix_spawn() (see spawntime.c): median and
# fastest of 41 runs, beside /bin/true for the cost of any process here.
read -r t_med t_best _ <<<"$("$SPAWNTIME" -n 41 -- /bin/true)"
read -r at_med at_best _ <<<"$("$SPAWNTIME" -n 41 -- "$TZDB" at --db "$db" \
    --release 2026c Europe/Oslo 1940-08-10T12:00:00Z)"
printf 'one tzdb at process: %s ms median, %s ms fastest of 41 (target <= 5 ms; /bin/true: %s ms median, %s fastest)\n' \
    "$at_med" "$at_best" "$t_med" "$t_best"

if [ -x "$LOOKUPS" ]; then
	printf 'in-process: %s  (target >= 1000000/s)\n' "$("$LOOKUPS" "$db" 2026c)"
else
	echo "in-process: $LOOKUPS not built (make tools)"
fi

a=$(now)
"$TZDB" dump --format tzvalidate --db "$db" --release 2026c >/dev/null
b=$(now)
printf 'tzvalidate dump of 2026c from the database: %d ms (target <= 200 ms)\n' "$(ms "$a" "$b")"
a=$(now)
"$TZDB" dump --format tzvalidate "$SHARED/tzdb/2026c" >/dev/null
b=$(now)
printf 'tzvalidate dump of 2026c from the source tree: %d ms\n' "$(ms "$a" "$b")"

# No quadratic path (issue 12): one query on a zic input of 100,000 links
# in shuffled order, beside zic compiling the same input.  tests/cli/tzdb/
# scale.sh checks the growth from 10,000 to 100,000 links; the absolute
# target is this line's.
links_zi 100000 >"$tmp/links.zi"
read -r l_med _ <<<"$("$SPAWNTIME" -n 5 -- "$TZDB" at --source "$tmp/links.zi" \
    L/n000001 @0)"
read -r z_med _ <<<"$("$SPAWNTIME" -n 5 -- "$ZIC" -d "$tmp/links.out" \
    "$tmp/links.zi")"
printf 'tzdb at --source on 100,000 links: %s ms median of 5 (target < 2000 ms; zic/zic compiling them: %s ms)\n' \
    "$l_med" "$z_med"
