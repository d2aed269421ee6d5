#!/bin/bash
# tests/cli/tzdiff/provenance.sh: tzdiff's JSON names the real file and
# line behind a difference.  In a copy of 2026c, one difference is
# planted in each data file (the first Zone line's FORMAT changed, or in
# backward the first Link's target); the JSON report must give that file
# and line, and that line's new text, as the name's location on the new
# side and among the lines behind its episode, and the original file and
# line on the old side.  backzone is checked with --backzone.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3 awk
SRC=$SHARED/tzdb/2026c
[ -d "$SRC" ] || skip_all "no $SRC"

cp -r "$SRC" "$tmp/new"
files="africa antarctica asia australasia europe northamerica southamerica
	etcetera factory backward backzone"
for f in $files; do
	kw=Zone
	[ "$f" = backward ] && kw=Link
	# The first Zone (Link) line: its number and name.
	read -r n name <<<"$(awk -v kw="$kw" '$1 == kw {
		print NR, (kw == "Link" ? $3 : $2); exit }' "$SRC/$f")"
	if [ -z "$n" ]; then
		not_ok "$f: no $kw line"
		continue
	fi
	# Plant: a Zone's FORMAT (field 5) becomes QQQ; a Link points to
	# Europe/Paris.
	awk -v n="$n" -v kw="$kw" 'BEGIN { OFS = "\t" }
	    NR == n && kw == "Zone" { $5 = "QQQ" }
	    NR == n && kw == "Link" { $2 = "Europe/Paris" }
	    { print }' "$SRC/$f" >"$tmp/new/$f"
	printf '%s %s %s\n' "$f" "$n" "$name" >>"$tmp/planted"
done

"$TZDIFF" --json "$SRC" "$tmp/new" >"$tmp/r.json"
check "main build: exit 1" [ $? -eq 1 ]
"$TZDIFF" --json --backzone "$SRC" "$tmp/new" >"$tmp/bz.json"
check "--backzone build: exit 1" [ $? -eq 1 ]

python3 - "$tmp/planted" "$tmp/r.json" "$tmp/bz.json" "$tmp/new" \
    >"$tmp/log" <<'EOF'
import json, sys
planted, main_json, bz_json, newdir = sys.argv[1:]
reports = {"main": json.load(open(main_json)), "bz": json.load(open(bz_json))}
for line in open(planted):
    f, n, name = line.split()
    n = int(n)
    d = reports["bz" if f == "backzone" else "main"]
    names = {e["name"]: e for e in d["names"]}
    text = open(f"{newdir}/{f}").read().split("\n")[n - 1]
    e = names.get(name)
    problems = []
    if e is None:
        problems.append("not in the report")
    else:
        new, old = e["new"], e["old"]
        if (new["file"], new["line"]) != (f, n):
            problems.append(f"new side at {new['file']}:{new['line']}")
        if new["text"] != text:
            problems.append(f"new text {new['text']!r}")
        if (old["file"], old["line"]) != (f, n):
            problems.append(f"old side at {old['file']}:{old['line']}")
        if f != "backward":
            srcs = [s for ep in e["behaviour"]["episodes"]
                    for s in ep["sources"]["new"]]
            if not any((s["file"], s["line"], s["text"]) == (f, n, text)
                       for s in srcs):
                problems.append("not among the lines behind its episode")
    if problems:
        print(f"not ok - {f}:{n} {name}: " + "; ".join(problems))
    else:
        print(f"ok - {f}:{n} {name}: file, line and text in the JSON report")
EOF
cat "$tmp/log"
nok=$((nok + $(grep -c '^ok' "$tmp/log")))
nnot=$((nnot + $(grep -c '^not ok' "$tmp/log")))
check "a difference planted in each of the 11 data files" \
    [ "$(grep -c ' - ' "$tmp/log")" -eq 11 ]
finish
