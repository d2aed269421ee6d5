#!/bin/bash
# tests/cli/tzdiff/fork.sh: diff/tzdiff on upstream 2026c against global-tz
# 2026cgtz reproduces the figures of forks.md (sections 2.4, 2.5 and 5),
# in every output format, with diff(1)'s exit statuses.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
[ -d "$OLD" ] && [ -d "$NEW" ] || skip_all "shared 2026c/2026cgtz missing"

# json FILE EXPR: evaluate a Python expression over the report d.
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
n = {e["name"]: e for e in d["names"]}
print(eval(sys.argv[2]))' "$1" "$2"
}
# is FILE EXPR WANT: one check that EXPR prints WANT.
is() {
	local got
	got=$(json "$1" "$2" 2>&1)
	if [ "$got" = "$3" ]; then ok "$2 = $3"; else
		not_ok "$2: got '$got', want '$3'"; fi
}

"$TZDIFF" --format json "$OLD" "$NEW" >"$tmp/r.json"
check "2026c vs 2026cgtz: exit 1" [ $? -eq 1 ]
r=$tmp/r.json
is "$r" 'd["summary"]["names_old"], d["summary"]["names_new"]' '(598, 598)'
is "$r" 'd["summary"]["added"], d["summary"]["removed"]' '(0, 0)'
is "$r" 'd["summary"]["link_to_zone"]' 95
is "$r" 'd["summary"]["zone_to_link"]' 0
is "$r" 'd["summary"]["link_retargeted"]' 15
is "$r" 'd["summary"]["behaviour_changed"]' 110
is "$r" 'd["summary"]["changed_before_1970_only"]' 110
is "$r" 'd["summary"]["changed_since_1970"]' 0
is "$r" 'd["summary"]["footer_changed"], d["summary"]["table_changes"]' \
    '(0, 0)'
# Europe/Oslo: a link to Berlin upstream, a zone in global-tz, whose
# history differs from 1893 to 1965 by at most 2 hours.
is "$r" 'n["Europe/Oslo"]["old"]["kind"], n["Europe/Oslo"]["old"]["target"]' \
    "('link', 'Europe/Berlin')"
is "$r" 'n["Europe/Oslo"]["new"]["kind"]' zone
is "$r" 'n["Europe/Oslo"]["merge"], n["Europe/Oslo"]["in_backzone"]' \
    "('split', True)"
is "$r" 'n["Europe/Oslo"]["behaviour"]["first_finite"][:4], n["Europe/Oslo"]["behaviour"]["last"][:4]' \
    "('1893', '1965')"
is "$r" 'n["Europe/Oslo"]["behaviour"]["max_offset_delta"]' 7200
is "$r" 'n["Europe/Oslo"]["behaviour"]["intervals"]' 22
# forks.md section 5: Reykjavik, Amsterdam, Kuala Lumpur.
is "$r" '[n["Atlantic/Reykjavik"]["behaviour"][k] for k in ("intervals", "offset_intervals", "first_finite", "last", "max_offset_delta")]' \
    "[69, 36, '1908-01-01T01:28:00Z', '1968-04-07T02:00:00Z', 4312]"
is "$r" 'n["Europe/Amsterdam"]["behaviour"]["intervals"]' 107
is "$r" '[n["Asia/Kuala_Lumpur"]["behaviour"][k] for k in ("intervals", "first_finite", "last")]' \
    "[2, '1900-12-31T17:04:35Z', '1900-12-31T17:13:14Z']"
is "$r" 'max(e["behaviour"]["last"] for e in d["names"] if "behaviour" in e)' \
    1969-09-30T13:00:00Z
is "$r" 'n["Iceland"]["old"]["target"], n["Iceland"]["new"]["target"]' \
    "('Africa/Abidjan', 'Atlantic/Reykjavik')"
is "$r" 'sorted(e["name"] for e in d["names"] if "link_retargeted" in e["changes"])[:3]' \
    "['Africa/Asmera', 'Africa/Timbuktu', 'America/Coral_Harbour']"

# forks.md section 2.5: PACKRATLIST main form cuts link chains short,
# vanguard form does not.
"$TZDIFF" --format json --backzone --packratlist zone.tab "$OLD" "$NEW" \
    >"$tmp/p.json"
check "packratlist main: exit 1" [ $? -eq 1 ]
is "$tmp/p.json" 'd["summary"]["behaviour_changed"], d["summary"]["alias_mismatch"]' \
    '(15, 15)'
is "$tmp/p.json" '[l["target"] for l in d["links"] if l["name"] == "Arctic/Longyearbyen"]' \
    "['Europe/Oslo']"
"$TZDIFF" --dataform vanguard --backzone --packratlist zone.tab "$OLD" "$NEW" \
    >"$tmp/v.txt"
check "packratlist vanguard: same (exit 0)" [ $? -eq 0 ]

# Same tree twice: exit 0 and "No differences".
"$TZDIFF" "$OLD" "$OLD" >"$tmp/same.txt"
check "same tree: exit 0" [ $? -eq 0 ]
check "same tree: says so" grep -q '^No differences' "$tmp/same.txt"

# Text and markdown carry the same figures.
"$TZDIFF" "$OLD" "$NEW" >"$tmp/r.txt"
check "text: summary" grep -q \
    'behaviour: 110 names in 95 zones differ: 110 before 1970 only, 0 reaching' \
    "$tmp/r.txt"
# Oslo heads its group, Longyearbyen and Jan_Mayen under it; its first
# episode is the LMT one, reaching back to the start of time.
check "text: Oslo group" grep -q \
    '^  Europe/Oslo (also Arctic/Longyearbyen, Atlantic/Jan_Mayen)$' \
    "$tmp/r.txt"
check "text: Oslo's LMT episode" grep -q \
    '^    until 1894-12-31T23:17:00Z: offset, LMT only, 2 intervals, max 0:17$' \
    "$tmp/r.txt"
"$TZDIFF" --format markdown "$OLD" "$NEW" >"$tmp/r.md"
check "markdown: heading" grep -q '^### Links that became zones (95)$' "$tmp/r.md"
check "markdown: summary row" grep -q \
    '^| zones and links | zone->link 0, link->zone 95, links retargeted 15 |$' \
    "$tmp/r.md"

# --zone: rows side by side, differing ones marked.
"$TZDIFF" --zone Europe/Oslo --until 1970 "$OLD" "$NEW" >"$tmp/z.txt"
check "--zone Europe/Oslo: exit 1" [ $? -eq 1 ]
check "--zone: 22 marked rows" [ "$(grep -c '^\* ' "$tmp/z.txt")" -eq 22 ]
"$TZDIFF" --zone Europe/Berlin "$OLD" "$NEW" >/dev/null
check "--zone Europe/Berlin: exit 0" [ $? -eq 0 ]

# Output does not depend on the host's time zone.
TZ=Asia/Kolkata "$TZDIFF" "$OLD" "$NEW" >"$tmp/tz.txt"
check "independent of TZ" cmp -s "$tmp/r.txt" "$tmp/tz.txt"

# Trouble: exit 2 with a "tzdiff: " message.
"$TZDIFF" "$OLD" "$tmp/nonexistent" >/dev/null 2>"$tmp/err"
check "missing tree: exit 2" [ $? -eq 2 ]
check "missing tree: message" grep -q '^tzdiff: ' "$tmp/err"
"$TZDIFF" --format yaml "$OLD" "$NEW" >/dev/null 2>&1
check "bad format: exit 2" [ $? -eq 2 ]
"$TZDIFF" --from 2000 --until 1990 "$OLD" "$NEW" >/dev/null 2>&1
check "empty range: exit 2" [ $? -eq 2 ]
"$TZDIFF" "$OLD" >/dev/null 2>&1
check "one operand: exit 2" [ $? -eq 2 ]
finish
