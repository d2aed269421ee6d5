#!/bin/bash
# tests/cli/tzdiff/options.sh: every option of diff/tzdiff with its
# effect asserted, the exit statuses tzdiff.1 documents (0 same, 1
# different, 2 trouble: link errors, bad options, write errors), and the
# help and version texts.  The reports' contents are checked by
# report.sh and fork.sh, their JSON by json.sh.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
[ -d "$OLD" ] && [ -d "$NEW" ] || skip_all "shared 2026c/2026cgtz missing"
REPO=$top/tests/repos/upstream.git

# summary FILE KEY...: the values of those summary members.
summary() {
	local f=$1
	shift
	python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(" ".join(str(s[k]) for k in sys.argv[2:]))' "$f" "$@"
}
# is WHAT GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1: got '$2', want '$3'"; fi
}
# status WHAT WANT COMMAND...: COMMAND exits with WANT.
status() {
	local what=$1 want=$2 rc
	shift 2
	"$@" >/dev/null 2>"$tmp/err"
	rc=$?
	is "$what: exit $want" "$rc" "$want"
}

# --help: one line per option of the man page's synopsis; --version.
"$TZDIFF" --help >"$tmp/help"
check "--help: exit 0" [ $? -eq 0 ]
for opt in $(sed -n 's/^\.Op Fl \\-\([a-z-]*\).*/\1/p; s/^\.Fl \\-\([a-z]*\) Ar .*/\1/p' \
    "$top/diff/tzdiff.1" | sed 's/\\//g' | sort -u); do
	check "--help lists --$opt" grep -q -- "^  --$opt\\b" "$tmp/help"
done
v=$(sed -n 's/^#define TZF_VERSION "\(.*\)"/\1/p' "$top/lib/tzforge/core.h")
z=$(sed -n 's/^#define TZF_ZIC_VERSION "\([^"]*\)".*/\1/p' "$top/lib/tzforge/core.h")
is "--version" "$("$TZDIFF" --version)" "tzdiff (tzforge $v) $z"

# Formats: --json is --format json; each format has its own shape.
"$TZDIFF" --format json "$OLD" "$NEW" >"$tmp/f.json"
"$TZDIFF" --json "$OLD" "$NEW" >"$tmp/j.json"
check "--json is --format json" cmp -s "$tmp/f.json" "$tmp/j.json"
is "json: 110 names differ" "$(summary "$tmp/j.json" behaviour_changed)" 110
"$TZDIFF" --format markdown "$OLD" "$NEW" >"$tmp/f.md"
check "--format markdown: a markdown title" grep -q '^# tzdiff report$' \
    "$tmp/f.md"
"$TZDIFF" --format md "$OLD" "$NEW" >"$tmp/f2.md"
check "--format md is markdown" cmp -s "$tmp/f.md" "$tmp/f2.md"
"$TZDIFF" --format news "$OLD" "$NEW" >"$tmp/f.news"
check "--format news: NEWS sections" grep -q '^  Changes to past timestamps$' \
    "$tmp/f.news"
"$TZDIFF" --format html "$OLD" "$NEW" >"$tmp/f.html"
check "--format html: a page" grep -qi '^<!DOCTYPE html>' "$tmp/f.html"
"$TZDIFF" --format text "$OLD" "$NEW" >"$tmp/f.txt"
"$TZDIFF" "$OLD" "$NEW" >"$tmp/d.txt"
check "--format text is the default" cmp -s "$tmp/f.txt" "$tmp/d.txt"
status "--format yaml" 2 "$TZDIFF" --format yaml "$OLD" "$NEW"
check "--format yaml: says so in one line" [ "$(cat "$tmp/err")" = \
    "tzdiff: unknown format 'yaml'" ]

# --from/--until narrow the range: nothing of the fork's pre-1970 data
# differs from 1970 on; up to 1900, Oslo has only its LMT episode.
"$TZDIFF" --json --from 1970 "$OLD" "$NEW" >"$tmp/r.json"
is "--from 1970: no behaviour differs, links still do" \
    "$(summary "$tmp/r.json" behaviour_changed link_to_zone)" "0 95"
"$TZDIFF" --json --until 1900-01-01T00:00Z --zone Europe/Oslo "$OLD" \
    "$NEW" >"$tmp/u.json"
is "--until 1900: one Oslo episode" "$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
b = d["names"][0]["behaviour"]
print(len(b["episodes"]), d["range"]["until"])' "$tmp/u.json")" \
    "1 1900-01-01T00:00:00Z"
"$TZDIFF" --json --from @-2209075200 --until 1900-01-01T01:00:00+01:00 \
    "$OLD" "$NEW" >"$tmp/u2.json"
is "--from @SECONDS, --until with an offset" "$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["range"]
print(r["from"], r["until"])' "$tmp/u2.json")" \
    "1899-12-31T00:00:00Z 1900-01-01T00:00:00Z"
status "--from after --until" 2 "$TZDIFF" --from 2000 --until 1990 "$OLD" \
    "$NEW"
status "--until bad time" 2 "$TZDIFF" --until yesterday "$OLD" "$NEW"
check "--until bad time: says so" grep -qx \
    "tzdiff: bad until time 'yesterday'" "$tmp/err"

# --zone: the exit status is the name's.
status "--zone Europe/Oslo" 1 "$TZDIFF" --zone Europe/Oslo "$OLD" "$NEW"
status "--zone Europe/Berlin" 0 "$TZDIFF" --zone Europe/Berlin "$OLD" "$NEW"

# Build switches.  --no-backward: 342 names, not 598.
"$TZDIFF" --json --no-backward "$OLD" "$OLD" >"$tmp/nb.json"
is "--no-backward: 342 names" "$(summary "$tmp/nb.json" names_old names_new)" \
    "342 342"
"$TZDIFF" --json "$OLD" "$OLD" >"$tmp/b.json"
is "with backward: 598 names" "$(summary "$tmp/b.json" names_old)" 598
# --backzone on both sides: upstream's backzone restores every zone the
# fork has, so no Link becomes a Zone; Asia/Hanoi is the 599th name.
"$TZDIFF" --json --backzone "$OLD" "$NEW" >"$tmp/bz.json"
is "--backzone: 599 names, no link->zone" \
    "$(summary "$tmp/bz.json" names_old link_to_zone)" "599 0"
"$TZDIFF" --json --backzone --packratlist zone.tab "$OLD" "$NEW" >"$tmp/p.json"
is "--packratlist zone.tab: 15 alias mismatches" \
    "$(summary "$tmp/p.json" alias_mismatch)" 15
"$TZDIFF" --json --dataform vanguard --backzone --packratlist zone.tab \
    "$OLD" "$NEW" >"$tmp/v.json"
is "--dataform vanguard: no alias mismatch" \
    "$(summary "$tmp/v.json" alias_mismatch differ)" "0 False"
status "--dataform bogus" 2 "$TZDIFF" --dataform bogus "$OLD" "$NEW"

# -v prints the build's warnings, which are otherwise quiet.
mkdir -p "$tmp/w"
for f in africa antarctica asia australasia northamerica southamerica \
    etcetera factory backward; do : >"$tmp/w/$f"; done
printf 'Rule\tR\tminimum\t1900\t-\tMar\tlastSun\t1:00\t1:00\tS\nZone\tEu/W\t1:00\tR\tCE%%sT\n' \
    >"$tmp/w/europe"
"$TZDIFF" "$tmp/w" "$tmp/w" >/dev/null 2>"$tmp/quiet"
"$TZDIFF" -v "$tmp/w" "$tmp/w" >/dev/null 2>"$tmp/loud"
check "without -v: no warning" [ ! -s "$tmp/quiet" ]
check "-v: the build's warnings, file and line" grep -q \
    '^tzdiff: warning: .*:1: FROM year "minimum" is obsolete; treated as 1900$' \
    "$tmp/loud"
"$TZDIFF" --verbose "$tmp/w" "$tmp/w" >/dev/null 2>"$tmp/loud2"
check "--verbose is -v" cmp -s "$tmp/loud" "$tmp/loud2"

# Exit statuses: 0 same, 1 different, 2 trouble.
status "same tree" 0 "$TZDIFF" "$OLD" "$OLD"
status "fork" 1 "$TZDIFF" "$OLD" "$NEW"
status "missing tree" 2 "$TZDIFF" "$OLD" "$tmp/nonexistent"
status "one operand" 2 "$TZDIFF" "$OLD"
status "unknown option" 2 "$TZDIFF" --frobnicate "$OLD" "$NEW"
check "unknown option: says so in one line" grep -qx \
    "tzdiff: unknown option '--frobnicate' (see 'tzdiff --help')" "$tmp/err"
# A link to nowhere and a link cycle are errors of the data: exit 2, the
# file and line named.
mkdir -p "$tmp/l"
cp "$tmp/w"/* "$tmp/l/"
printf 'Zone\tEu/W\t1:00\t-\tCET\nLink\tEu/Nowhere\tEu/L\n' >"$tmp/l/europe"
status "link to nowhere" 2 "$TZDIFF" "$tmp/w" "$tmp/l"
check "link to nowhere: file and line" grep -q \
    '^tzdiff: .*:2: link Eu/L targets Eu/Nowhere, which does not exist$' \
    "$tmp/err"
printf 'Zone\tEu/W\t1:00\t-\tCET\nLink\tEu/B\tEu/A\nLink\tEu/A\tEu/B\n' \
    >"$tmp/l/europe"
status "link cycle" 2 "$TZDIFF" "$tmp/l" "$tmp/w"
check "link cycle: says so" grep -q 'link cycle' "$tmp/err"

# Write errors: one line, exit 2, whatever the format and mode.
for args in "" "--json" "--format news" "--format html" "--summary"; do
	# shellcheck disable=SC2086
	"$TZDIFF" $args "$OLD" "$NEW" >/dev/full 2>"$tmp/full"
	rc=$?
	is "> /dev/full ${args:-text}: exit 2" "$rc" 2
	is "> /dev/full ${args:-text}: one line" "$(cat "$tmp/full")" \
	    "tzdiff: write error"
done
for args in --version --help; do
	"$TZDIFF" $args >/dev/full 2>"$tmp/full"
	is "$args > /dev/full: exit 2" "$?" 2
	is "$args > /dev/full: one line" "$(cat "$tmp/full")" \
	    "tzdiff: write error"
done

# Walks: --releases, --summary, JSON Lines.
if [ -d "$REPO" ]; then
	"$TZDIFF" --summary --releases "$REPO" 2022a..2022d >"$tmp/s.txt" \
	    2>"$tmp/s.err"
	is "--summary --releases: exit 1" "$?" 1
	is "--summary: a heading and one row per step" \
	    "$(wc -l <"$tmp/s.txt")" 4
	check "--summary: 2022a->2022b's row" grep -q \
	    '^2022a -> 2022b         2022-08-10     +1/-0    22     0     6     32      7     2     40$' \
	    "$tmp/s.txt"
	check "--summary: the count on standard error" grep -q \
	    '^tzdiff: 4 releases, 3 steps: 2 differ, 1 same, 0 trouble$' \
	    "$tmp/s.err"
	"$TZDIFF" --summary --format markdown --releases "$REPO" 2022a..2022c \
	    >"$tmp/s.md" 2>/dev/null
	check "--summary markdown: a table" grep -q \
	    '^| 2022b -> 2022c | 2022-08-16 | +0/-0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |$' \
	    "$tmp/s.md"
	"$TZDIFF" --json --releases "$REPO" 2022a..2022d >"$tmp/w.jsonl" \
	    2>/dev/null
	is "--releases --json: JSON Lines, one per step" "$(python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
print(len(lines), [json.loads(l)["new"]["version"] for l in lines])' \
	    "$tmp/w.jsonl")" "3 ['2022b', '2022c', '2022d']"
	"$TZDIFF" --summary "$REPO@2026b" "$REPO@2026c" >"$tmp/p.txt"
	is "--summary of a pair: one row" "$(sed -n 2p "$tmp/p.txt")" \
	    "2026b -> 2026c         2026-07-08     +0/-0     0     0     0      0      5     5      6"
	"$TZDIFF" --releases "$REPO" 2022a..2022d >/dev/full 2>"$tmp/full"
	is "--releases > /dev/full: exit 2" "$?" 2
	is "--releases > /dev/full: one line" "$(cat "$tmp/full")" \
	    "tzdiff: write error"
	status "--releases unknown tag" 2 "$TZDIFF" --releases "$REPO" \
	    2021a..2099z
	status "--summary with --zone" 2 "$TZDIFF" --summary --zone Europe/Oslo \
	    "$OLD" "$NEW"
	status "--format news with --zone" 2 "$TZDIFF" --format news \
	    --zone Europe/Oslo "$OLD" "$NEW"
fi
finish
