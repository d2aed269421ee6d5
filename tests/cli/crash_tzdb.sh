#!/bin/bash
# tests/cli/crash_tzdb.sh: crash consistency of tzdb load (issue 6).  A
# database holding release 2026c is loaded with 2026cgtz and the loader is
# killed with SIGKILL after a random delay (fixed seed), 50 times (TRIALS).
# After each kill: PRAGMA integrity_check and foreign_key_check are clean,
# and the database holds exactly what it held before (its full SQL dump is
# the same) -- or, when the kill came after the commit, exactly what a
# complete load gives.  No -journal file may be left that is not SQLite's
# own (-wal/-shm are part of a WAL database).

prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../lib.sh"
TZDBP=${prog:-data/tzdb}
case $TZDBP in /*) ;; *) TZDBP=$top/$TZDBP ;; esac
[ -x "$TZDBP" ] || { not_ok "no $TZDBP"; finish; }
need_cmd sqlite3
TRIALS=${TRIALS:-50}
NEW=$SHARED/tzdb/2026cgtz

"$TZDBP" load --db "$tmp/base.db" --label base "$TZDB" 2>/dev/null ||
    { not_ok "cannot make the base database"; finish; }
sqlite3 "$tmp/base.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
state() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
before=$(state "$tmp/base.db")
cp "$tmp/base.db" "$tmp/full.db"
t0=$(date +%s%N)
"$TZDBP" load --db "$tmp/full.db" --label new "$NEW" 2>/dev/null ||
    { not_ok "reference load failed"; finish; }
span=$(( ($(date +%s%N) - t0) / 1000000 + 20 ))
after=$(state "$tmp/full.db")
check "a complete load changes the database" test "$before" != "$after"
note "a full load takes about $((span - 20)) ms; kills within ${span} ms"

RANDOM=2026
nbefore=0 nafter=0 nbad=0
for i in $(seq 1 "$TRIALS"); do
	db=$tmp/k.db
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	cp "$tmp/base.db" "$db"
	delay=$(printf '0.%03d' $((RANDOM % span)))
	"$TZDBP" load --db "$db" --label new "$NEW" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check; PRAGMA foreign_key_check;' 2>&1)
	if [ "$ic" != ok ]; then
		nbad=$((nbad + 1))
		not_ok "trial $i (kill after ${delay}s): integrity_check: $ic"
		continue
	fi
	s=$(state "$db")
	if [ "$s" = "$before" ]; then
		nbefore=$((nbefore + 1))
	elif [ "$s" = "$after" ]; then
		nafter=$((nafter + 1))
	else
		nbad=$((nbad + 1))
		not_ok "trial $i (kill after ${delay}s): neither the old nor the complete new database"
	fi
	if [ -e "$db-journal" ]; then
		nbad=$((nbad + 1))
		not_ok "trial $i: a rollback journal was left behind"
	fi
	# the database stays usable: a query and a new load work
	if ! "$TZDBP" at --db "$db" --release base Europe/Dublin @0 >/dev/null; then
		nbad=$((nbad + 1))
		not_ok "trial $i: query after the kill failed"
	fi
done
note "$TRIALS kills: $nbefore left the database as it was, $nafter after the commit"
if [ "$nbad" -eq 0 ]; then
	ok "$TRIALS kills of tzdb load: database intact, old or complete every time"
fi
check "at least 50 trials" test "$TRIALS" -ge 50
check "most kills landed before the commit" test "$nbefore" -ge $((TRIALS / 2))
finish
