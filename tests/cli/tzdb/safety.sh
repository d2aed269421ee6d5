#!/bin/bash
# tests/cli/tzdb/safety.sh: a release is never lost or silently replaced, and the
# database is handled safely (issue 12): label refusal and --replace;
# refused database paths ("", :memory:, URIs, a FIFO, /dev/null, a file
# with two hard links); a failed first load leaves no file; concurrent
# first loads all land; a flipped byte in a stored history is caught by
# the query and by tzdb check; a reader that may not write the database
# (another user, a directory it cannot write) answers without leaving
# -wal or -shm files; the default database and release.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd sqlite3 timeout
A=$SHARED/tzdb/2026c G=$SHARED/tzdb/2026cgtz
UP=$top/tests/repos/upstream.git
cd "$tmp" || exit 2
t() { "$TZDB" "$@" >out 2>err; }
err_is() { printf '%s\n' "$1" | cmp -s - err || { note "stderr: $(cat err)"; false; }; }

# Labels.  A directory without a version file states no version, as
# the Makefile would write "unknown": it needs --label.  A label loaded
# from one source is not replaced by another without --replace.
t load --db l.db "$G"
check "a tree that states no version needs a label: exit 2" test $? -eq 2
check "saying so" grep -q "does not say its version; give a label" err
t load --db l.db "$UP@2026c"
t load --db l.db --label 2026c "$G"
check "global-tz's 2026c does not replace upstream's: exit 2" test $? -eq 2
check "the refusal names where 2026c came from" err_is \
    "tzdb: l.db: release '2026c' was loaded from '$UP@2026c'; give another label (--release) or --replace"
t at --db l.db Europe/Oslo 1940-08-10T12Z
check "2026c still answers as upstream (+02:00)" grep -qx "offset: +02:00" out
t load --db l.db "$UP@2026c"
rc=$?
check "loading the same source again replaces it quietly" \
    eval 'test $rc -eq 0 && grep -q "(replaced)" err'
t load --db l.db --backzone "$UP@2026c"
check "the same source with other switches is refused" test $? -eq 2
t load --db l.db --replace --label 2026c "$G"
check "--replace replaces" eval 't at --db l.db Europe/Oslo 1940-08-10T12Z; grep -qx "offset: +01:00" out'
t releases --db l.db
check "one release left" test "$(wc -l <out)" -eq 1
t load --db l.db --label "$(printf 'a\nb')" "$A"
rc=$?
check "a label with a control byte is refused, shown escaped" eval \
    'test $rc -eq 2 && test "$(cat err)" = "tzdb: label '"'"'a\\x0ab'"'"' is empty or holds a control byte"'

# Refused database paths.
mkfifo fifo
for p in "" ":memory:" "file:x.db" "fifo" "/dev/null"; do
	timeout 10 "$TZDB" load --db "$p" "$A" >out 2>err
	rc=$?
	check "load --db '$p' refused: exit 2, one line" \
	    eval 'test $rc -eq 2 && test "$(wc -l <err)" -eq 1'
	timeout 10 "$TZDB" at --db "$p" UTC @0 >out 2>err
	check "at --db '$p' refused: exit 2" test $? -eq 2
done
check "no file named :memory: or file:x.db was made" test ! -e :memory: -a ! -e file:x.db
check "no /dev/null-journal" test ! -e /dev/null-journal -a ! -e /dev/null-wal
TZFORGE_DB= "$TZDB" at UTC @0 >out 2>err
rc=$?
check "TZFORGE_DB set but empty is refused" \
    eval 'test $rc -eq 2 && grep -q "database file name is empty" err'
cp l.db one.db && ln one.db two.db
t load --db two.db --label x "$A"
rc=$?
check "a database with two hard links is refused" \
    eval 'test $rc -eq 2 && grep -q "has 2 hard links" err'

# A failed first load leaves nothing; concurrent first loads all land.
t load --db new.db /no/such/tree
rc=$?
check "a failed first load: exit 2 and no file" \
    eval 'test $rc -eq 2 && test -z "$(ls new.db* 2>/dev/null)"'
pids=()
for i in 1 2 3 4; do
	"$TZDB" load --db race.db --label "r$i" "$A" >/dev/null 2>"race$i.err" &
	pids+=($!)
done
nfail=0
for p in "${pids[@]}"; do wait "$p" || nfail=$((nfail + 1)); done
check "four concurrent first loads all exit 0" test "$nfail" -eq 0
t releases --db race.db
check "and all four releases are there" test "$(wc -l <out)" -eq 4
check "no private file is left" test -z "$(ls race.db.new-* 2>/dev/null)"

# A first load killed outright leaves its private file; the next load
# into that database removes it (its process is gone).
"$TZDB" load --db killed.db "$A" 2>/dev/null &
kpid=$!
for _ in $(seq 1 200); do
	[ -n "$(ls killed.db.new-* 2>/dev/null)" ] && break
	sleep 0.01
done
kill -9 "$kpid" 2>/dev/null
wait "$kpid" 2>/dev/null
left=$(ls killed.db.new-* 2>/dev/null | wc -l)
t load --db killed.db --label k "$A"
check "a later load sweeps the private files of a killed first load ($left there)" \
    eval 'test -z "$(ls killed.db.new-* 2>/dev/null)" && test -f killed.db'

# Corruption: flip one byte of one history's TZif data.
cp l.db c.db
sqlite3 c.db "UPDATE history SET tzif = CAST(replace(CAST(tzif AS TEXT),
    'CEST', 'CEXT') AS BLOB) WHERE id = (SELECT history_id FROM name
    WHERE name = 'Europe/Oslo' AND release_id = (SELECT max(id) FROM release))"
t at --db c.db Europe/Oslo 1940-08-10T12Z
check "a query on a corrupt history fails: exit 2" test $? -eq 2
check "saying so" grep -q "history of 'Europe/Oslo' is corrupt: its SHA-256 does not match its data" err
t check --db c.db
rc=$?
check "tzdb check finds it: exit 2" eval 'test $rc -eq 2 && grep -q "SHA-256 mismatch" err'
t check --db l.db
rc=$?
check "tzdb check on a sound database: exit 0, ok" eval 'test $rc -eq 0 && grep -q ": ok$" out'

# Readers that may not write the database.
chmod 755 "$tmp"
mkdir ro && "$TZDB" load --db ro/tz.db --label 2026c "$A" 2>/dev/null
chmod 755 ro && chmod 644 ro/tz.db
setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$TZDB" at --db ro/tz.db Europe/Oslo 1940-08-10T12Z >out 2>err
check "another user reads a database it cannot write" grep -qx "offset: +02:00" out
check "without leaving -wal or -shm files" test -z "$(ls ro/tz.db-* 2>/dev/null)"
t load --db ro/tz.db --label again "$A"
check "the owner can load after that" test $? -eq 0
chmod 600 ro/tz.db
setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$TZDB" at --db ro/tz.db Europe/Oslo 1940-08-10T12Z >out 2>err
rc=$?
check "a database the user may not read: exit 2 and why" eval \
    'test $rc -eq 2 && test "$(cat err)" = "tzdb: ro/tz.db: cannot read the database: Permission denied"'

# The default database and release.
export XDG_DATA_HOME=$tmp/xdg
unset TZFORGE_DB
t load --label 2026c "$A"
check "load without --db goes to \$XDG_DATA_HOME/tzforge/tz.db" test -f xdg/tzforge/tz.db
TZFORGE_DB=l.db "$TZDB" releases >out 2>err
check "TZFORGE_DB names the database" grep -q '^2026c	' out
if [ -d "$UP" ]; then
	"$TZDB" load --db d.db --label 2026d "$A" 2>/dev/null
	"$TZDB" load --db d.db "$UP@2021a" "$UP@2026b" 2>/dev/null
	"$TZDB" load --db d.db --label 2026cgtz "$G" 2>/dev/null
	"$TZDB" load --db d.db --label 2026zz --backzone "$A" 2>/dev/null
	t at --db d.db UTC @0
	check "the default release is the newest upstream one, not the last loaded" \
	    grep -qx "release: 2026d" out
	t releases --db d.db
	check "releases marks it" grep -q "^2026d	.*	default$" out
fi
finish
