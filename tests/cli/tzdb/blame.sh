#!/bin/bash
# tests/cli/tzdb/blame.sh: tzdb blame, the behavioural git blame, and
# tzdb history --format html, on the shared upstream bundle.
#   - Europe/Oslo at 1940-08-10T12:00Z from main: CEST by way of Berlin,
#     changed by the 2022 commit that moved Oslo's history to backzone,
#     the one git names as the last to take Oslo's Zone line out of
#     europe; CET before it.  From 2022a: CET, changed by the 2021
#     revert of the alike-since-1970 merges (the one before it, by git).
#   - text and JSON, exit statuses;
#   - the history page: well formed, one chart, no resource.
. "$(dirname "$0")/../../lib.sh"

TZDB=$top/data/tzdb
[ -x "$TZDB" ] || { not_ok "no $TZDB (make)"; finish; }
need_cmd git python3
REPO=$top/tests/repos/upstream.git
[ -d "$REPO" ] || skip_all "no $REPO (make repos)"

# last_oslo_zone_commit REF: what git says last touched Oslo's Zone line.
last_oslo_zone_commit() {
	git --git-dir="$REPO" log -1 --first-parent --format='%h %s' \
	    --abbrev=10 -G'^Zone[[:space:]]+Europe/Oslo' "$1" -- europe
}

"$TZDB" blame --source "$REPO@main" Europe/Oslo 1940-08-10T12:00:00Z \
    >"$tmp/b.txt"
check "blame from main: exit 0" [ $? -eq 0 ]
want=$(last_oslo_zone_commit main)
check "git names a commit" [ -n "$want" ]
check "blame names '$want' (2022)" grep -q \
    "^changed by: ${want%% *} 2022-[0-9-]* Paul Eggert: ${want#* }\$" \
    "$tmp/b.txt"
check "its subject says backzone" sh -c \
    "grep '^changed by:' '$tmp/b.txt' | grep -q backzone"
check "now: CEST by way of Berlin" grep -q \
    '^answer: +02:00 CEST isdst=1, link to Europe/Berlin$' "$tmp/b.txt"
check "before: CET, Oslo's own zone" grep -q \
    '^before: +01:00 CET isdst=0, zone$' "$tmp/b.txt"
check "before: Norway's zone line" grep -q \
    '^  line: .*1:00	Norway	CE%sT	1940 Aug 10 23:00$' "$tmp/b.txt"

"$TZDB" blame --format json --source "$REPO@2022a" Europe/Oslo \
    1940-08-10T12:00:00Z >"$tmp/b.json"
check "blame from 2022a: exit 0" [ $? -eq 0 ]
want=$(last_oslo_zone_commit 2022a)
got=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["command"] == "blame" and d["found"], d
print(d["commit"]["id"][:10], d["commit"]["subject"])
print(d["answer"]["abbr"], d["answer"]["link"], d["before"]["abbr"],
      d["before"]["link"])' "$tmp/b.json")
if [ "$got" = "$want
CET False CEST True" ]; then
	ok "blame from 2022a: '$want', CET now, CEST via a link before"
else
	not_ok "blame from 2022a: got '$got', want '$want'"
fi

"$TZDB" blame Europe/Oslo 1940 >/dev/null 2>"$tmp/err"
check "no --source: exit 2" [ $? -eq 2 ]
"$TZDB" blame --source "$REPO@nonesuch" Europe/Oslo 1940 >/dev/null \
    2>"$tmp/err"
check "unknown ref: exit 2" [ $? -eq 2 ]
check "unknown ref: says so" grep -q "unknown revision 'nonesuch'" \
    "$tmp/err"
"$TZDB" blame --source "$REPO@main" Europe/Oslo yesterday >/dev/null \
    2>"$tmp/err"
check "bad time: exit 2" [ $? -eq 2 ]
"$TZDB" blame --source "$REPO@2026c" Europe/Oslo 1940-08-10T12:00Z \
    >/dev/full 2>"$tmp/err"
rc=$?
check "> /dev/full: exit 2, one 'write error' line (warnings aside)" eval \
    'test $rc -eq 2 && test "$(grep -vc "^tzdb: warning: " "$tmp/err")" -eq 1 &&
     grep -q "^tzdb: write error: No space left on device$" "$tmp/err"'

# A name unchanged since the oldest commits: the walk reaches commits
# that do not build (their Makefile names solar87, gone since 2013), and
# must stop there with the commit git names as solar87's removal, not
# fail.  Berlin's LMT has been the same since 2012.
"$TZDB" blame --source "$REPO@main" Europe/Berlin 1800-01-01 \
    >"$tmp/old.txt" 2>"$tmp/old.err"
rc=$?
check "blame back to unbuildable data: exit 1, no message" \
    test $rc -eq 1 -a ! -s "$tmp/old.err"
want=$(git --git-dir="$REPO" log -1 --first-parent --format='%h' \
    --abbrev=10 --diff-filter=D main -- solar87)
check "... stops at solar87's removal ($want)" grep -q \
    "^unchanged back to: $want " "$tmp/old.txt"
check "... and says the older data does not build" grep -q \
    '^before: older data does not build or compile$' "$tmp/old.txt"

# blame's text on an LMT offset with seconds: Oslo in 1850 answers as
# Berlin's +00:53:28, before the 2022 move, Oslo's own +00:43.
"$TZDB" blame --source "$REPO@main" Europe/Oslo 1850-01-01 >"$tmp/lmt.txt" \
    2>/dev/null
check "blame text: +00:53:28 LMT with its seconds" grep -q \
    '^answer: +00:53:28 LMT isdst=0, link to Europe/Berlin$' "$tmp/lmt.txt"
check "blame text: before, +00:43 LMT" grep -q \
    '^before: +00:43 LMT isdst=0, zone$' "$tmp/lmt.txt"

# The history page.
db=$tmp/h.db
"$TZDB" load --db "$db" --label 2026c "$SHARED/tzdb/2026c" >/dev/null 2>&1 ||
    not_ok "load 2026c"
for spec in "$REPO@2021a" "$REPO@2022b"; do
	"$TZDB" load --db "$db" "$spec" >/dev/null 2>&1 ||
	    not_ok "load $spec"
done
"$TZDB" history --db "$db" --format html Europe/Oslo >"$tmp/h.html"
check "history --format html: exit 0" [ $? -eq 0 ]
out=$(python3 "$top/tests/cli/common/htmlcheck.py" "$tmp/h.html")
check "history page: well formed, one chart, nothing external" \
    [ "$out" = "1 0" ]
check "history page: both histories in the legend" grep -q \
    '>2021a</text>' "$tmp/h.html"
"$TZDB" history --db "$db" --format yaml Europe/Oslo >/dev/null 2>&1
check "history --format yaml: exit 2" [ $? -eq 2 ]
"$TZDB" at --db "$db" --format html Europe/Oslo 2000 >/dev/null 2>&1
check "at --format html: refused, exit 2" [ $? -eq 2 ]
finish
