#!/bin/bash
# tests/cli/tzdiff/releases.sh: diff/tzdiff on consecutive upstream
# releases read from the bare clone tests/repos/upstream.git: 2022a->2022b
# lists the zones NEWS for 2022b says were merged, and the walk from 2021a
# to 2026c completes with exit status 0 or 1 and prints a count.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
REPO=$top/tests/repos/upstream.git
[ -d "$REPO" ] || skip_all "no $REPO (make repos)"
need_cmd git

# The merged zones as NEWS for 2022b lists them ("In this round the
# affected zones are A, B, ... and Z, and the affected links are ...").
git --git-dir="$REPO" show 2022b:NEWS |
    sed -n '/^Release 2022b/,/^Release 2022a/p' |
    sed -n '/In this round the affected zones are/,/affected links are/p' |
    tr -s ' \n' '  ' |
    sed -e 's/.*affected zones are //' -e 's/, and the affected links.*//' \
	-e 's/ and /, /g' | tr ',' '\n' | sed 's/^ *//; s/ *$//' |
    grep . | sort >"$tmp/news"
check "NEWS 2022b names 21 merged zones" [ "$(wc -l <"$tmp/news")" -eq 21 ]

"$TZDIFF" "$REPO@2022a" "$REPO@2022b" >"$tmp/r.txt"
check "2022a->2022b: exit 1" [ $? -eq 1 ]
sed -n '/^  Zones that became links/,/^  [A-Z]/p' "$tmp/r.txt" |
    sed -n 's/^    \([^ ]*\) -> .*: history moved to backzone$/\1/p' |
    sort >"$tmp/got"
if cmp -s "$tmp/news" "$tmp/got"; then
	ok "2022a->2022b: the zones NEWS lists, merged into backzone"
else
	not_ok "2022a->2022b: merged zones differ from NEWS"
	show_diff "$tmp/news" "$tmp/got"
fi
check "2022a->2022b: Kiev renamed" grep -q \
    '^    Europe/Kiev -> Europe/Kyiv: rename$' "$tmp/r.txt"
check "2022a->2022b: Kyiv added" grep -q '^    Europe/Kyiv: zone$' "$tmp/r.txt"
check "2022a->2022b: 6 links retargeted" grep -q \
    'links retargeted 6$' "$tmp/r.txt"
# forks.md section 1.4: 32 names changed before 1970 only, 7 later.
check "2022a->2022b: 32 before 1970, 7 later" grep -q \
    '39 names in 28 zones differ: 32 before 1970 only, 7 reaching 1970 or later' \
    "$tmp/r.txt"

"$TZDIFF" --releases "$REPO" 2021a..2026c >"$tmp/walk.txt" 2>"$tmp/walk.err"
rc=$?
check "walk 2021a..2026c: exit 0 or 1 (got $rc)" [ "$rc" -le 1 ]
check "walk: 23 steps" [ "$(grep -c '^=== ' "$tmp/walk.txt")" -eq 23 ]
check "walk: count printed" grep -q \
    '^tzdiff: 24 releases, 23 steps: [0-9]* differ, [0-9]* same, 0 trouble$' \
    "$tmp/walk.txt"
check "walk: in release order" [ "$(sed -n 's/^=== \(.*\) -> .*/\1/p' \
    "$tmp/walk.txt" | sed -n '4,6p' | tr '\n' ' ')" = "2021d 2021e 2022a " ]
check "walk: 2022c->2022d changes Uzhgorod after 1970" grep -q \
    '^    1990-03-24T23:00:00Z .. 1991-09-29T00:00:00Z: offset, ' \
    "$tmp/walk.txt"

# forks.md section 1.4: for each merge release, the names that differ
# before 1970 only and those that reach 1970, as --summary rows give them.
sed -n 's/^| \(20[0-9][0-9][a-z]\)→\(20[0-9][0-9][a-z]\) | \([0-9]*\)[^|]*| \([0-9]*\).*/\1 \2 \3 \4/p' \
    "$SHARED/docs/forks.md" >"$tmp/merges"
check "forks.md lists 7 merge releases" [ "$(wc -l <"$tmp/merges")" -eq 7 ]
"$TZDIFF" --summary --releases "$REPO" 2021a..2024b >"$tmp/sum.txt" 2>/dev/null
while read -r a b before after; do
	row=$(awk -v s="$a -> $b" 'substr($0, 1, length(s)) == s' "$tmp/sum.txt")
	got=$(printf '%s\n' "$row" | awk '{ print $9, $10 }')
	if [ "$got" = "$before $after" ]; then
		ok "--summary $a->$b: $before before 1970 only, $after later"
	else
		not_ok "--summary $a->$b: got '$got', forks.md '$before $after'"
	fi
done <"$tmp/merges"

"$TZDIFF" --releases "$REPO" 2022b,2022c >"$tmp/list.txt"
check "list 2022b,2022c: same (exit 0)" [ $? -eq 0 ]
"$TZDIFF" --releases "$REPO" 2021a..2099z >/dev/null 2>"$tmp/err"
check "unknown tag: exit 2" [ $? -eq 2 ]
finish
