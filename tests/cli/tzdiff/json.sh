#!/bin/bash
# tests/cli/tzdiff/json.sh: every JSON output of diff/tzdiff parsed back
# and checked, object by object and key by key, against the schema lines
# of tzdiff.1's JSON OUTPUT section (".Dl OBJECT: key key [optional]"):
# a pair report, --zone, the JSON Lines of --releases and --summary, and
# --commits; then the values' types (times as strings or null, counts as
# integers) and names with quotes, backslashes and control bytes.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
[ -d "$OLD" ] && [ -d "$NEW" ] || skip_all "shared 2026c/2026cgtz missing"
REPO=$top/tests/repos/upstream.git

sed -n 's/^\.Dl \([a-z_]*\): /\1 /p' "$top/diff/tzdiff.1" >"$tmp/schema"
check "tzdiff.1 has the schema lines" [ "$(wc -l <"$tmp/schema")" -ge 18 ]

# validate KIND FILE: check every document of FILE (one per line when
# KIND ends in "lines") against the schema; prints problems, one a line.
cat >"$tmp/validate.py" <<'EOF'
import json, re, sys

schema = {}
for line in open(sys.argv[1]):
    name, *keys = line.split()
    need = {k for k in keys if not k.startswith("[")}
    opt = {k.strip("[]") for k in keys if k.startswith("[")}
    schema[name] = (need, opt)
kind, path = sys.argv[2], sys.argv[3]
problems = []
seen = set()
TIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
LOCAL = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d$")

def obj(o, name, where):
    seen.add(name)
    if not isinstance(o, dict):
        problems.append(f"{where}: {name} is not an object")
        return
    need, opt = schema[name]
    got = set(o)
    for k in sorted(need - got):
        problems.append(f"{where}: {name} lacks '{k}'")
    for k in sorted(got - need - opt):
        problems.append(f"{where}: {name} has undocumented '{k}'")

def time(v, where, local=False):
    if v is not None and not (LOCAL if local else TIME).match(v):
        problems.append(f"{where}: bad time {v!r}")

def ints(o, keys, where):
    for k in keys:
        if k in o and not (isinstance(o[k], int) and
                           not isinstance(o[k], bool)):
            problems.append(f"{where}: {k} is not an integer")

def local(o, where):
    if o is None:
        return
    obj(o, "local", where)
    ints(o, ["utoff"], where)
    time(o.get("local"), where, local=True)

def source(s, where):
    obj(s, "source", where)
    if s["kind"] not in ("zone", "rule", "link"):
        problems.append(f"{where}: source kind {s['kind']!r}")
    ints(s, ["line"], where)

def head(d, where):
    for side in ("old", "new"):
        obj(d[side], "side", f"{where}.{side}")
        time(d[side]["release_date"], where)
    obj(d["switches"], "switches", where)
    obj(d["range"], "range", where)
    time(d["range"]["from"], where)
    time(d["range"]["until"], where)
    obj(d["split"], "split", where)
    obj(d["summary"], "summary", where)
    ints(d["summary"], [k for k in d["summary"] if k != "differ"], where)
    if d["tzdiff_schema"] != 2:
        problems.append(f"{where}: tzdiff_schema {d['tzdiff_schema']}")

def report(d, where):
    obj(d, "report", where)
    head(d, where)
    for e in d["names"]:
        w = f"{where}:{e['name']}"
        obj(e, "name", w)
        for side in ("old", "new"):
            if e[side] is not None:
                obj(e[side], "name_side", w)
        if e.get("backzone") is not None:
            source(e["backzone"], w)
        b = e.get("behaviour")
        if b is None:
            continue
        obj(b, "behaviour", w)
        for k in ("first", "first_finite", "last"):
            time(b[k], w)
        for ep in b["episodes"]:
            obj(ep, "episode", w)
            time(ep["start"], w)
            time(ep["end"], w)
            if (ep["end"] is None) != ep["open"]:
                problems.append(f"{w}: open and end disagree")
            for k in ("old", "new", "after"):
                local(ep[k], w)
            obj(ep["sources"], "sources", w)
            for side in ("old", "new"):
                for s in ep["sources"][side]:
                    source(s, w)
    for l in d["links"]:
        obj(l, "link", where)
    for t in d["tables"]:
        obj(t, "table", where)
    for t in d["table_files"]:
        obj(t, "table_file", where)
    if "zone" in d:
        obj(d["zone"], "zone", where)
        for r in d["zone"]["rows"]:
            obj(r, "row", where)
            local(r["old"], where)
            local(r["new"], where)

def commit(d, where):
    obj(d, "commit", where)
    time(d["date"], where)

text = open(path, encoding="utf-8").read()
docs = [json.loads(l) for l in text.splitlines()] if kind.endswith("lines") \
    else [json.loads(text)]
for i, d in enumerate(docs):
    where = f"{kind}[{i}]"
    if kind == "summary-lines":
        obj(d, "summary_line", where)
        head(d, where)
    elif kind == "commit-lines":
        commit(d, where)
    else:
        report(d, where)
print("\n".join(problems[:20]))
print("objects:", " ".join(sorted(seen)), file=sys.stderr)
EOF

# validate WHAT KIND FILE
validate() {
	local out
	out=$(python3 "$tmp/validate.py" "$tmp/schema" "$2" "$3" \
	    2>>"$tmp/seen")
	if [ $? -eq 0 ] && [ -z "$out" ]; then ok "$1: as tzdiff.1 says"; else
		not_ok "$1"
		printf '%s\n' "$out" | head -n 10 | sed 's/^/# /'
	fi
}

"$TZDIFF" --json "$OLD" "$NEW" >"$tmp/fork.json"
validate "2026c vs 2026cgtz" report "$tmp/fork.json"
"$TZDIFF" --json --zone Europe/Oslo "$OLD" "$NEW" >"$tmp/zone.json"
validate "--zone Europe/Oslo" report "$tmp/zone.json"
"$TZDIFF" --json --backzone --packratlist zone.tab "$OLD" "$NEW" \
    >"$tmp/pr.json"
validate "--packratlist (alias mismatches)" report "$tmp/pr.json"
if [ -d "$REPO" ]; then
	"$TZDIFF" --json "$REPO@2026b" "$REPO@2026c" >"$tmp/c.json"
	validate "2026b->2026c (footers, tables)" report "$tmp/c.json"
	"$TZDIFF" --json "$REPO@2023c" "$REPO@2023d" >"$tmp/d.json"
	validate "2023c->2023d (a new table file)" report "$tmp/d.json"
	"$TZDIFF" --json --releases "$REPO" 2022a..2022d >"$tmp/w.jsonl" \
	    2>/dev/null
	validate "--releases: JSON Lines" report-lines "$tmp/w.jsonl"
	"$TZDIFF" --json --summary --releases "$REPO" 2022a..2022d \
	    >"$tmp/s.jsonl" 2>/dev/null
	validate "--summary --releases: JSON Lines" summary-lines "$tmp/s.jsonl"
	"$TZDIFF" --json --commits "$REPO" 2026b..2026c >"$tmp/cm.jsonl" \
	    2>/dev/null
	validate "--commits: JSON Lines" commit-lines "$tmp/cm.jsonl"
	check "--commits: one object per behaviour change" [ -s "$tmp/cm.jsonl" ]
fi

# Every object of the schema appeared in some output.
for o in $(cut -d ' ' -f 1 "$tmp/schema"); do
	case $o in commit) [ -d "$REPO" ] || continue ;; esac
	check "schema object '$o' seen in an output" grep -q " $o\\b" \
	    "$tmp/seen"
done

# Strings with quotes, backslashes and control bytes stay exact.
mkdir -p "$tmp/ha"
for f in africa antarctica asia australasia northamerica southamerica \
    etcetera factory backward; do : >"$tmp/ha/$f"; done
printf 'Zone\tX/a\\b\001\t1:00\t-\tCET\nZone\tX/c\t1:00\t-\t"C T"\n' \
    >"$tmp/ha/europe"
h=$tmp/$(printf 'h"\\\t')
cp -r "$tmp/ha" "$h"
printf 'Zone\tX/a\\b\001\t2:00\t-\tEET\nZone\tX/c\t1:00\t-\tCET\n' >"$h/europe"
"$TZDIFF" --json "$tmp/ha" "$h" >"$tmp/h.json"
validate "hostile strings" report "$tmp/h.json"
check "hostile strings: exact after parsing" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = [e["name"] for e in d["names"]]
assert names == ["X/a\\b\x01", "X/c"], names
ep = d["names"][1]["behaviour"]["episodes"][0]
assert (ep["old"]["abbr"], ep["new"]["abbr"]) == ("C T", "CET"), ep
assert d["new"]["spec"].endswith("/h\"\\\t"), d["new"]["spec"]
src = d["names"][0]["behaviour"]["episodes"][0]["sources"]["new"][0]
assert src["text"] == "Zone\tX/a\\b\x01\t2:00\t-\tEET", src
' "$tmp/h.json"
finish
