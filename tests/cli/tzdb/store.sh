#!/bin/bash
# tests/cli/tzdb/store.sh: data/tzdb end to end on the shared 2026c trees and the
# two bundles: Oslo in 1940 upstream (a link to Berlin) and in global-tz
# (a zone), links answering as their target, local time gaps and
# overlaps under each policy, footer-generated transitions, countries,
# `tzdb history` over every release of both bundles, --json, --source,
# and readers working during a load.  Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
UP=$top/tests/repos/upstream.git
GTZ=$top/tests/repos/global-tz.git
db=$tmp/t.db

t() { "$TZDB" "$@" 2>"$tmp/err"; }
# has PATTERN: the last output holds a line matching PATTERN
has() { grep -q -- "$1" "$tmp/out"; }

# A plain directory does not say its version (its NEWS is not one).
t load --db "$db" "$SHARED/tzdb/2026cgtz"
rc=$?
check "a directory without version or label is refused" \
    eval 'test $rc -eq 2 && grep -q "does not say its version" "$tmp/err"'
check "load 2026c" t load --db "$db" --label 2026c "$SHARED/tzdb/2026c"
check "load 2026cgtz with a label" \
    t load --db "$db" --label 2026cgtz "$SHARED/tzdb/2026cgtz"
t releases --db "$db" >"$tmp/out"
check "two releases" test "$(wc -l <"$tmp/out")" -eq 2

t at --db "$db" --release 2026c Europe/Oslo 1940-08-10T12:00:00Z >"$tmp/out"
check "upstream Oslo 1940-08-10T12Z is +02:00 CEST" \
    eval 'has "^offset: +02:00$" && has "^abbr: CEST$" && has "^isdst: 1$"'
check "upstream Oslo answers as Europe/Berlin and says so" \
    has "^link: Europe/Oslo -> Europe/Berlin (backward:[0-9]*), answers as Europe/Berlin$"
check "the zone line in force is Berlin's C-Eur line" \
    has "^line: europe:[0-9]*: 1:00	C-Eur	CE%sT	1945 May 24  2:00$"
t at --db "$db" --release 2026cgtz Europe/Oslo 1940-08-10T12:00:00Z >"$tmp/out"
check "global-tz Oslo 1940-08-10T12Z is +01:00 CET" \
    eval 'has "^offset: +01:00$" && has "^abbr: CET$" && has "^zone: Europe/Oslo (europe:"'
t at --db "$db" --release 2026cgtz --json Europe/Oslo 1940-08-10T14:00:00+02:00 >"$tmp/out"
check "--json, and a time with an offset" \
    has '"utoff":3600,"offset":"+01:00","abbr":"CET","isdst":false'
t at --source "$SHARED/tzdb/2026c" Europe/Oslo @-927547200 >"$tmp/out"
check "--source and @EPOCH" has "^offset: +02:00$"
t at --db "$db" --release 2026c America/New_York 2300-07-01T00:00:00Z >"$tmp/out"
check "centuries ahead: the footer rules" has "^abbr: EDT$"
t at --db "$db" --release 2026c Europe/Berlin 1000-01-01T00:00:00Z >"$tmp/out"
check "before the first transition: LMT" has "^offset: +00:53:28$"
t at --db "$db" No/Such_Zone 2000-01-01T00:00:00Z >"$tmp/out"
check "unknown zone: exit 1" test $? -eq 1
t at --db "$db" Europe/Oslo yesterday >"$tmp/out"
check "bad time: exit 2" test $? -eq 2

t local --db "$db" Europe/Berlin 2024-03-31T02:30:00 >"$tmp/out"
check "gap rejected by default: exit 1" test $? -eq 1
check "the gap is reported" \
    has "^gap: 2024-03-31T02:00:00 to 2024-03-31T03:00:00 skipped at 2024-03-31T01:00:00Z (+01:00 CET -> +02:00 CEST)$"
t local --db "$db" --policy shift Europe/Berlin 2024-03-31T02:30:00 >"$tmp/out"
check "gap, shift: forward by the gap" has "^ut: 2024-03-31T01:30:00Z +02:00 CEST isdst=1$"
t local --db "$db" --policy earlier Europe/Berlin 2024-03-31T02:30:00 >"$tmp/out"
check "gap, earlier: the transition instant" has "^ut: 2024-03-31T01:00:00Z +02:00 CEST"
t local --db "$db" Europe/Berlin 2024-10-27T02:30:00 >"$tmp/out"
check "overlap rejected: exit 1" test $? -eq 1
check "overlap reports both" eval 'has "^earlier: 2024-10-27T00:30:00Z +02:00 CEST isdst=1$" && has "^later: 2024-10-27T01:30:00Z +01:00 CET isdst=0$"'
t local --db "$db" --policy later Europe/Berlin 2024-10-27T02:30:00 >"$tmp/out"
check "overlap, later" has "^ut: 2024-10-27T01:30:00Z +01:00 CET"
t local --db "$db" --json Europe/Berlin 2024-07-01T12:00:00 >"$tmp/out"
check "unique, --json" has '"result":"unique".*"chosen":{"ut":"2024-07-01T10:00:00Z"'

t transitions --db "$db" Europe/Berlin --from 2030 --to 2030 >"$tmp/out"
check "footer-generated transitions in 2030" eval \
    'has "^2030-03-31T01:00:00Z 2030-03-31T03:00:00 +02:00 CEST 1$" && has "^2030-10-27T01:00:00Z 2030-10-27T02:00:00 +01:00 CET 0$" && test "$(grep -c "^2030" "$tmp/out")" -eq 2'
t transitions --db "$db" --release 2026cgtz --json Europe/Oslo --to 1900 >"$tmp/out"
check "transitions --json" has '"ut":"1894-12-31T23:17:00Z"'
t transitions --db "$db" Etc/UTC >"$tmp/out"
check "no transitions: exit 1" test $? -eq 1

t zones --db "$db" --release 2026c --country NO >"$tmp/out"
check "zones --country NO" eval 'has "^NO Norway$" && has "^zone.tab	Europe/Oslo	" && has "^zone1970.tab	Europe/Berlin	"'
t zones --db "$db" --release 2026c >"$tmp/out"
check "zones lists 598 names" test "$(grep -vc '^#' "$tmp/out")" -eq 598
check "zones says which release answered" has "^# release: 2026c$"
check "zones shows links" has "^Europe/Oslo	link	Europe/Berlin$"

# Every release of both bundles; a reader runs during the load.
if [ -d "$UP" ] && [ -d "$GTZ" ]; then
	specs=()
	for tag in $(git -C "$UP" tag); do specs+=("$UP@$tag"); done
	for tag in $(git -C "$GTZ" tag); do specs+=("$GTZ@$tag"); done
	# 2026c and 2026cgtz are there already, loaded from directories
	t load --db "$db" "$UP@2026c" >"$tmp/out"
	check "a label loaded from another source is not replaced: exit 2" \
	    test $? -eq 2
	check "and the refusal says where it came from" grep -q \
	    "release '2026c' was loaded from '$SHARED/tzdb/2026c'; give another label (--release) or --replace" "$tmp/err"
	"$TZDB" load --db "$db" --replace "${specs[@]}" 2>"$tmp/load.err" &
	pid=$!
	sleep 1
	t at --db "$db" --release 2026cgtz Europe/Oslo 1940-08-10T12:00:00Z >"$tmp/out"
	check "a reader works during a load" has "^offset: +01:00$"
	wait "$pid"
	check "load of ${#specs[@]} releases exits 0" test $? -eq 0
	t releases --db "$db" >"$tmp/out"
	check "106 releases (2026c and 2026cgtz replaced)" test "$(wc -l <"$tmp/out")" -eq 106
	# 2013a ships only the zic-format leapseconds file, 2014a also
	# leap-seconds.list: both give the same 25 leap seconds.
	leaps() { sqlite3 "$db" "SELECT group_concat(at || ':' || correction)
	    FROM (SELECT at, correction FROM leap_second JOIN release
	    ON id = release_id WHERE label = '$1' ORDER BY at)"; }
	check "2013a's leap seconds, read from its leapseconds file" \
	    test "$(leaps 2013a | tr ',' '\n' | wc -l)" -eq 25
	check "equal those of 2014a's leap-seconds.list" \
	    test "$(leaps 2013a)" = "$(leaps 2014a)"
	t history --db "$db" Europe/Oslo >"$tmp/out"
	sed 's/^/#   /' "$tmp/out"
	check "history: upstream made Oslo a link in 2022b" \
	    has "^  2022b      link  Europe/Berlin          [0-9a-f]* kind,target,data: "
	check "history: and says how the data changed" has \
	    "^  2022b .*: differs from the start to 1965-09-19T01:00:00Z in 19 intervals, by up to +02:00 (from 1947-05-11T01:00:00Z)$"
	check "history: global-tz keeps it a zone" eval \
	    '! sed -n "/global-tz.git/,/upstream.git/p" "$tmp/out" | grep -q link'
	t history --db "$db" --json --all Europe/Oslo >"$tmp/out"
	check "history --json --all lists every release" \
	    test "$(grep -o '"release":' "$tmp/out" | wc -l)" -eq 106
	t at --db "$db" --release 2022a Europe/Oslo 1940-08-10T12:00:00Z >"$tmp/out"
	check "Oslo in 2022a was still its own zone" has "^offset: +01:00$"
else
	note "no bare clones (make repos): history over the bundles not checked"
fi
finish
