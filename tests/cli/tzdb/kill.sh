#!/bin/bash
# tests/cli/tzdb/kill.sh: a load killed with SIGKILL leaves the database intact and
# as it was: each trial starts loading a new release, kills the loader
# after a random delay, then checks PRAGMA integrity_check and that the
# database holds exactly what it held before (or, if the kill came after
# the commit, the whole new release).  A few trials; issue 6 has the
# long version.  Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd sqlite3
SRC=$SHARED/tzdb/2026c
db=$tmp/k.db
TRIALS=${TRIALS:-5}

"$TZDB" load --db "$db" --label base "$SRC" 2>/dev/null
"$TZDB" dump --format tzvalidate --db "$db" --release base >"$tmp/ref.tzv"
state() {
	sqlite3 "$db" .dump | sha256sum
}
before=$(state)
RANDOM=7
for i in $(seq 1 "$TRIALS"); do
	delay=$(printf '0.%03d' $((RANDOM % 250 + 10)))
	"$TZDB" load --db "$db" --label "new$i" "$SRC" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check; PRAGMA foreign_key_check;')
	check "trial $i (kill after ${delay}s): integrity_check ok" test "$ic" = ok
	if "$TZDB" releases --db "$db" | grep -q "^new$i	"; then
		"$TZDB" dump --format tzvalidate --db "$db" --release "new$i" >"$tmp/got.tzv"
		check "trial $i: the load had committed, release complete" \
		    cmp -s "$tmp/ref.tzv" "$tmp/got.tzv"
		before=$(state)
	else
		check "trial $i: database unchanged" test "$(state)" = "$before"
	fi
done
finish
