#!/bin/bash
# tests/cli/tzdiff/report.sh: what tzdiff's reports say, in every format:
#   - each kind of difference on two small hand-made trees (the lines
#     that define each name and the lines behind each episode, both
#     sides, in text, markdown and JSON);
#   - --format news for 2026b->2026c: Morocco and Alberta (Yellowknife
#     and Canada/Mountain under Edmonton) under "Changes to future
#     timestamps", nothing in the past; the default text splits alike;
#     Asia/Tehran 2022a->2022b in both sections (three episodes);
#     Asia/Choibalsan 2015a->2015b from 2015 only (the quirks fixed);
#   - offsets with seconds (Oslo's LMT +00:53:28) in every text output;
#   - hostile names and paths (quote, backslash, control bytes, invalid
#     UTF-8): no control byte reaches text, JSON stays valid and exact;
#   - every table file in a diff of releases where it changed (2026b->
#     2026c for the zone tables, 2025b->2025c "CI Côte d'Ivoire" for
#     iso3166.tab, 2023c->2023d for the new zonenow.tab).
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3
REPO=$top/tests/repos/upstream.git
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz

# has FILE TEXT WHAT: FILE holds the line TEXT exactly.
has() {
	if grep -qxF -- "$2" "$1"; then ok "$3"; else
		not_ok "$3: no line '$2'"; fi
}
# section FILE TITLE: the lines of NEWS section TITLE, joined by spaces.
section() {
	awk -v t="  $2" '$0 == t { on = 1; next } /^  [A-Z]/ { on = 0 }
	    on' "$1" | tr -s ' \n' '  '
}

# ---------------------------------------------------------------------
# Two small trees with one difference of each kind.
empty="africa antarctica asia australasia northamerica southamerica
	etcetera factory"
for side in old new; do
	mkdir -p "$tmp/$side"
	for f in $empty; do : >"$tmp/$side/$f"; done
done
rules='Rule	Xr	1800	max	-	Mar	lastSun	1:00u	1:00	S
Rule	Xr	1800	max	-	Oct	lastSun	1:00u	0	-'
cat >"$tmp/old/europe" <<EOF
$rules
Zone	Eu/A	1:00	Xr	CE%sT
Zone	Eu/B	0:53:28	-	LMT	1900
			1:00	Xr	CE%sT
Zone	Eu/Old	0:10	-	LMT	1900
			1:00	Xr	CE%sT
Zone	Eu/C	1:00	-	XET	1950
			1:00	Xr	CE%sT
Zone	Eu/D	1:00	Xr	CE%sT
EOF
printf 'Link\tEu/A\tEu/L1\nLink\tEu/D\tEu/DL\n' >"$tmp/old/backward"
cat >"$tmp/new/europe" <<EOF
$rules
Zone	Eu/A	1:00	Xr	CE%sT
Zone	Eu/New	0:10	-	LMT	1900
			1:00	Xr	CE%sT
Zone	Eu/C	1:00	-	CET	1950
			1:00	Xr	CE%sT
Zone	Eu/D	1:00	Xr	CE%sT	2000
			1:00	-	CET
EOF
printf 'Link\tEu/A\tEu/B\nLink\tEu/New\tEu/Old\nLink\tEu/C\tEu/L1\nLink\tEu/D\tEu/DL\n' \
    >"$tmp/new/backward"
printf 'Zone\tEu/B\t0:53:28\t-\tLMT\t1900\n\t\t\t1:00\tXr\tCE%%sT\n' \
    >"$tmp/new/backzone"

"$TZDIFF" "$tmp/old" "$tmp/new" >"$tmp/k.txt"
check "small trees: exit 1" [ $? -eq 1 ]
k=$tmp/k.txt
has "$k" "    Eu/B -> Eu/A: history moved to backzone" "zone->link, backzone"
has "$k" "    Eu/Old -> Eu/New: rename" "zone->link, rename"
has "$k" "    Eu/L1: Eu/A -> Eu/C" "link retargeted"
has "$k" "    Eu/New: zone" "name added"
has "$k" "      new backzone:1: Zone Eu/B 0:53:28 - LMT 1900" \
    "the backzone line of a merged zone"
# Eu/D and its link differ alike: one zone, the link under it; the end
# of DST in 2000 is a future change (the trees name no release date, so
# the split is 1970) that goes on: "from ... on", no window edge.
has "$k" "  Eu/D (also Eu/DL)" "alias under its zone"
has "$k" "    from 2000-03-26T01:00:00Z on: offset, 100 intervals, max 1:00" \
    "open episode"
check "no window edge shown as an end" sh -c \
    "! grep -q '\.\. 2100-01-01T00:00:00Z' '$k'"
has "$k" "      start: old +02 CEST dst (2000-03-26T03:00:00 local), new +01 CET (2000-03-26T02:00:00 local)" \
    "episode start in UT and local time, both sides"
has "$k" "    until 1899-12-31T23:06:32Z: offset, LMT only, 201 intervals, max 1:06:32" \
    "LMT episode"
# The LMT offset with seconds, in every text format.
has "$k" "      before: old +00:53:28 LMT, new +01 CET" "offset seconds: text"
"$TZDIFF" --format markdown "$tmp/old" "$tmp/new" >"$tmp/k.md"
has "$tmp/k.md" "    - before: old +00:53:28 LMT, new +01 CET" \
    "offset seconds: markdown"
check "markdown: a source line in a code span" grep -q \
    '^    - `old .*:4: Zone Eu/B 0:53:28 - LMT 1900`$' "$tmp/k.md"
"$TZDIFF" --format news "$tmp/old" "$tmp/new" >"$tmp/k.news"
check "offset seconds: news" grep -q 'before 1899-12-31 23:06:32 UT, +00:53:28 LMT becomes' \
    "$tmp/k.news"
"$TZDIFF" --zone Eu/B "$tmp/old" "$tmp/new" >"$tmp/kz.txt"
check "offset seconds: --zone rows" grep -q \
    '^\* -                     1800-03-30T01:00:00Z  +00:53:28 LMT          +01 CET$' \
    "$tmp/kz.txt"
"$TZDIFF" --json "$tmp/old" "$tmp/new" >"$tmp/k.json"
got=$(python3 - "$tmp/k.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
n = {e["name"]: e for e in d["names"]}
ep = n["Eu/B"]["behaviour"]["episodes"][0]
src = lambda side: [(s["kind"], s["text"]) for s in ep["sources"][side]]
print(ep["old"]["utoff"], ep["start"], ep["end"], ep["lmt_only"],
      n["Eu/DL"]["group"], n["Eu/D"]["behaviour"]["episodes"][0]["open"])
print(src("old"))
print(src("new"))
EOF
)
want="3208 None 1899-12-31T23:06:32Z True Eu/D True
[('zone', 'Zone\tEu/B\t0:53:28\t-\tLMT\t1900'), ('zone', '\t\t\t1:00\tXr\tCE%sT')]
[('link', 'Link\tEu/A\tEu/B'), ('zone', 'Zone\tEu/A\t1:00\tXr\tCE%sT'), ('rule', 'Rule\tXr\t1800\tmax\t-\tMar\tlastSun\t1:00u\t1:00\tS'), ('rule', 'Rule\tXr\t1800\tmax\t-\tOct\tlastSun\t1:00u\t0\t-')]"
if [ "$got" = "$want" ]; then ok "JSON: Eu/B's episode and the lines behind it"
else not_ok "JSON: Eu/B's episode: got '$got'"; fi

# ---------------------------------------------------------------------
# 2026b -> 2026c as NEWS: all of it in the future of 2026c's release.
if [ -d "$REPO" ]; then
	"$TZDIFF" --format news "$REPO@2026b" "$REPO@2026c" >"$tmp/n.txt"
	check "news 2026b->2026c: exit 1" [ $? -eq 1 ]
	fut=$(section "$tmp/n.txt" "Changes to future timestamps")
	case $fut in
	*"Africa/Casablanca and Africa/El_Aaiun: from 2026-09-20 01:00 UT on, +01 becomes +00"*)
		ok "news: Casablanca and El_Aaiun under future timestamps" ;;
	*)	not_ok "news: Morocco missing from future timestamps: $fut" ;;
	esac
	case $fut in
	*"America/Edmonton (also America/Yellowknife and Canada/Mountain): from 2026-11-01 08:00 UT on, -07 MST becomes -06 CST"*)
		ok "news: Edmonton with Yellowknife and Canada/Mountain under it" ;;
	*)	not_ok "news: Edmonton missing from future timestamps: $fut" ;;
	esac
	check "news: nothing in the past" sh -c \
	    "! grep -q '^  Changes to past' '$tmp/n.txt'"
	check "news: split at 2026c's date" grep -q \
	    '2026-07-08T17:23:58Z, the date of the new' "$tmp/n.txt"
	"$TZDIFF" "$REPO@2026b" "$REPO@2026c" >"$tmp/t.txt"
	has "$tmp/t.txt" "Changes to future timestamps (3 zones, 5 names)" \
	    "text: the same split"
	has "$tmp/t.txt" "  America/Edmonton (also America/Yellowknife, Canada/Mountain)" \
	    "text: Edmonton's group"
	check "text: nothing in the past" sh -c \
	    "! grep -q '^Changes to past' '$tmp/t.txt'"

	# Tehran 2022a->2022b: two past episodes, one future one.
	"$TZDIFF" --format news "$REPO@2022a" "$REPO@2022b" >"$tmp/n2.txt"
	past=$(section "$tmp/n2.txt" "Changes to past timestamps")
	fut=$(section "$tmp/n2.txt" "Changes to future timestamps")
	case $past in
	*"Asia/Tehran (also Iran): from 1935-06-12 20:34:16 UT to 1945-12-31 20:34:16 UT, +03:25:44 TMT becomes +03:30 (offset, max 0:04:16); from 1977-03-21 19:30 UT to 1979-05-26 20:30 UT,"*)
		ok "news: Tehran's two past episodes" ;;
	*)	not_ok "news: Tehran's past episodes: $past" ;;
	esac
	case $fut in
	*"Asia/Tehran (also Iran): from 2023-03-21 20:30 UT on, +04:30 dst becomes +03:30"*)
		ok "news: Tehran's open future episode" ;;
	*)	not_ok "news: Tehran's future episode: $fut" ;;
	esac
	case $past in
	*"America/Santiago (also Chile/Continental): from 1946-08-29 03:00 UT to 1947-04-01 04:00 UT"*)
		ok "news: Santiago's 1946 episode in the past" ;;
	*)	not_ok "news: Santiago's past episode: $past" ;;
	esac
	case $fut in
	*"America/Santiago (also Chile/Continental): from 2022-09-04 04:00 UT to 2022-09-11 04:00 UT"*)
		ok "news: Santiago's 2022 episode after 2022b's date" ;;
	*)	not_ok "news: Santiago's future episode: $fut" ;;
	esac

	# Choibalsan 2015a->2015b: DST from 2015 on, and nothing earlier.
	# tzdiff compiles as zic --fix-quirks: zic 2026c's slim 2015b file
	# would put DST in 2008-2014 too (zic.8, BUGS).
	"$TZDIFF" --zone Asia/Choibalsan "$REPO@2015a" "$REPO@2015b" \
	    >"$tmp/cho.txt"
	has "$tmp/cho.txt" "  behaviour: 1 episode, reaches 1970 or later" \
	    "Choibalsan 2015a->2015b: one episode (compiled with the quirks fixed)"
	has "$tmp/cho.txt" "    from 2015-03-27T18:00:00Z on: offset, 85 intervals, max 1:00" \
	    "Choibalsan 2015a->2015b: from 2015-03-27 on"
else
	note "no $REPO (make repos): release checks skipped"
fi

# ---------------------------------------------------------------------
# Oslo's LMT with seconds against the fork, in each format.
if [ -d "$OLD" ] && [ -d "$NEW" ]; then
	"$TZDIFF" --zone Europe/Oslo "$OLD" "$NEW" >"$tmp/o.txt"
	has "$tmp/o.txt" "      before: old +00:53:28 LMT, new +00:43 LMT" \
	    "Oslo text: +00:53:28 LMT"
	"$TZDIFF" --zone Europe/Oslo --format markdown "$OLD" "$NEW" \
	    >"$tmp/o.md"
	has "$tmp/o.md" "| * | - | 1893-03-31T23:06:32Z | +00:53:28 LMT | +00:43 LMT |" \
	    "Oslo markdown row: +00:53:28 LMT"
	"$TZDIFF" --format news "$OLD" "$NEW" >"$tmp/o.news"
	past=$(section "$tmp/o.news" "Changes to past timestamps")
	case $past in
	*"Europe/Oslo (also Arctic/Longyearbyen and Atlantic/Jan_Mayen): before 1894-12-31 23:17 UT, +00:53:28 LMT becomes +00:43 LMT (offset, LMT only, 2 intervals, max 0:17)"*)
		ok "Oslo news: +00:53:28 LMT" ;;
	*)	not_ok "Oslo news: $past" ;;
	esac
fi

# The brief audit (make demo's): link merges and the zones that differ.
if [ -d "$OLD" ] && [ -d "$NEW" ]; then
	"$TZDIFF" --format brief "$OLD" "$NEW" >"$tmp/b.txt"
	check "brief: exit 1" [ $? -eq 1 ]
	has "$tmp/b.txt" "link merges: 0 zones became links, 95 links became zones, 15 links retargeted" \
	    "brief: the link merges"
	has "$tmp/b.txt" "  zones differing before 1970 only (95):" \
	    "brief: 95 zones before 1970"
	check "brief: Oslo and its two aliases, to 1965" sh -c \
	    "tr -s ' \\n' '  ' <'$tmp/b.txt' | grep -q 'Europe/Oslo (+2, to 1965)'"
	check "brief: none at or after 1970" sh -c \
	    "! grep -q 'at or after 1970 (' '$tmp/b.txt'"
fi
if [ -d "$REPO" ]; then
	"$TZDIFF" --format brief "$REPO@2026b" "$REPO@2026c" >"$tmp/b2.txt"
	has "$tmp/b2.txt" "    America/Edmonton (+2, from 2026)" \
	    "brief: Edmonton and its aliases, from 2026 on"
fi

# ---------------------------------------------------------------------
# Hostile names and paths.
h=$tmp/$(printf 'q"b\\s\007')
mkdir -p "$tmp/ha" "$h"
for f in $empty backward; do : >"$tmp/ha/$f"; : >"$h/$f"; done
printf 'Zone\tX/Q\\o\033[31m\t0:53:28\t-\tLMT\t1900\n\t\t\t1:00\t-\tCET\nZone\tX/Bad\377\t1:00\t-\tCET\n' \
    >"$tmp/ha/europe"
printf 'Zone\tX/Q\\o\033[31m\t0:43\t-\tLMT\t1900\n\t\t\t1:00\t-\tCET\nZone\tX/Bad\377\t1:00\t-\tCET\t1950\n\t\t\t2:00\t-\tEET\n' \
    >"$h/europe"
for fmt in text markdown news brief; do
	"$TZDIFF" --format $fmt "$tmp/ha" "$h" >"$tmp/h.$fmt"
	check "hostile names, $fmt: exit 1" [ $? -eq 1 ]
	check "hostile names, $fmt: no control or invalid byte" python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
try:
    s = b.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(1)
sys.exit(any(ord(c) < 32 and c != "\n" for c in s))' "$tmp/h.$fmt"
	check "hostile names, $fmt: escaped" grep -qF 'X/Q\\o\x1b[31m' \
	    "$tmp/h.$fmt"
done
"$TZDIFF" --json "$tmp/ha" "$h" >"$tmp/h.json"
check "hostile names, json: valid, names and spec exact" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
names = sorted(e["name"] for e in d["names"])
assert names == ["X/Bad\ufffd", "X/Q\\o\x1b[31m"], names
assert d["new"]["spec"].endswith("/q\"b\\s\x07"), d["new"]["spec"]
' "$tmp/h.json"

# ---------------------------------------------------------------------
# Every table file, in a diff of releases where it changed.
if [ -d "$REPO" ]; then
	"$TZDIFF" --json "$REPO@2026b" "$REPO@2026c" >"$tmp/t1.json"
	"$TZDIFF" --json "$REPO@2025b" "$REPO@2025c" >"$tmp/t2.json"
	"$TZDIFF" --json "$REPO@2023c" "$REPO@2023d" >"$tmp/t3.json"
	got=$(python3 - "$tmp/t1.json" "$tmp/t2.json" "$tmp/t3.json" <<'EOF'
import json, sys
t1, t2, t3 = (json.load(open(f)) for f in sys.argv[1:])
keys = lambda d, f: sorted((t["key"], t["change"]) for t in d["tables"]
                           if t["file"] == f)
print(keys(t1, "zone.tab"), keys(t1, "zone1970.tab"))
print([t["new"] for t in t2["tables"] if t["file"] == "iso3166.tab"])
print(t3["table_files"])
EOF
)
	want="[('America/Edmonton', 'changed')] [('America/Edmonton', 'changed')]
['CI\tCôte d’Ivoire']
[{'file': 'zonenow.tab', 'side': 'new', 'entries': 91}]"
	if [ "$got" = "$want" ]; then
		ok "table files: zone.tab, zone1970.tab, iso3166.tab (CI), zonenow.tab"
	else
		not_ok "table files: got '$got'"
	fi
	"$TZDIFF" "$REPO@2025b" "$REPO@2025c" >"$tmp/t2.txt"
	check "text: iso3166.tab's CI change" grep -q \
	    "^  iso3166.tab:[0-9]*: CI changed: \"CI Côte d'Ivoire\" -> \"CI Côte d’Ivoire\"\$" \
	    "$tmp/t2.txt"
	"$TZDIFF" "$REPO@2023c" "$REPO@2023d" >"$tmp/t3.txt"
	has "$tmp/t3.txt" "  zonenow.tab: only on the new side (91 entries)" \
	    "text: a table file on one side only"
fi
finish
