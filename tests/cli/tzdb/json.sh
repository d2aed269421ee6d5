#!/bin/bash
# tests/cli/tzdb/json.sh: every JSON output of data/tzdb parsed back with Python's
# json module (after a strict UTF-8 decode) and checked key by key and type
# by type against the shapes tzdb.1 documents in its JSON section, on the
# shared 2026c data and on a hostile tree whose names hold a backslash,
# terminal escape codes, control bytes and invalid UTF-8, read from a file
# whose name holds a quote.  One shape whatever the number of arguments.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
need_cmd python3
db=$tmp/t.db
hz=$tmp/hos\"tile.zi

python3 - "$hz" <<'PY'
import sys
lines = [
 b'Zone\tEtc/Back\\slash\t0:00\t-\tXYZ',
 b'Zone\tEtc/Esc\x1b[31mRed\t1:00\t-\tABC',
 b'Link\tEtc/Back\\slash\tEtc/Bad\xff\xfe',
 b'Zone\t"Etc/X\\\', 99);DROP TABLE time_zone;-- "\t2:00\t-\tQQQ',
 b'Zone\tEtc/Ctl\x01\x7f\t0:00:30\t-\tCTL',
]
open(sys.argv[1], 'wb').write(b'\n'.join(lines) + b'\n')
PY
t() { "$TZDB" "$@" 2>>"$tmp/err"; }
t load --db "$db" --label 2026c "$SHARED/tzdb/2026c" &&
    t load --db "$db" --label 2026cgtz "$SHARED/tzdb/2026cgtz" &&
    t load --db "$db" --label hostile "$hz" ||
    { not_ok "loading the data"; cat "$tmp/err"; finish; }

# run SHAPE NAME ARGS...: tzdb ARGS --json into $tmp/json/NAME.json
mkdir "$tmp/json"
run() {
	local shape=$1 name=$2
	shift 2
	"$TZDB" "$@" --json >"$tmp/json/$name.json" 2>>"$tmp/err"
	printf '%s %s\n' "$shape" "$name" >>"$tmp/runs"
}
esc=$(printf 'Etc/Esc\033[31mRed')
bad=$(printf 'Etc/Bad\377\376')
ctl=$(printf 'Etc/Ctl\001\177')
run at at-one at --db "$db" Europe/Oslo 1940-08-10T12Z
run at at-three at --db "$db" Europe/Oslo 1940-08-10T12Z 2026-01-15 @0
run at at-esc at --db "$db" --release hostile "$esc" @0
run at at-bad at --db "$db" --release hostile "$bad" @0
run at at-source at --source "$hz" 'Etc/X\'"'"', 99);DROP TABLE time_zone;-- ' @0
run at-releases at-rel at --db "$db" --releases all Europe/Oslo 1940-08-10T12Z
run at-releases at-rel-ctl at --db "$db" --releases hostile "$ctl" @0
run local local-unique local --db "$db" Europe/Berlin 2024-07-01T12:00
run local local-gap local --db "$db" --policy shift Europe/Berlin 2024-03-31T02:30
run local local-overlap local --db "$db" Europe/Berlin 2024-10-27T02:30
run local local-esc local --db "$db" --release hostile "$esc" 2024-07-01T12:00
run transitions trans transitions --db "$db" --from 2020 --until 2030 America/New_York
run transitions trans-all transitions --db "$db" Europe/Oslo
run transitions trans-bad transitions --db "$db" --release hostile "$ctl"
run zones zones zones --db "$db"
run zones zones-hostile zones --db "$db" --release hostile
run zones-country zones-de zones --db "$db" --country DE
run history history history --db "$db" Europe/Oslo
run history history-bad history --db "$db" --all "$bad"
run releases releases releases --db "$db"
run check check check --db "$db"
if [ -d "$top/tests/repos/upstream.git" ]; then
	run blame blame blame --source "$top/tests/repos/upstream.git@2026c" \
	    Europe/Oslo 1940-08-10T12Z
	# A name new in 2025b: no answer before the commit that added it.
	run blame blame-new blame --source "$top/tests/repos/upstream.git@2026c" \
	    America/Coyhaique 1900
fi

python3 - "$top/data/tzdb.1" "$tmp/runs" "$tmp/json" >"$tmp/log" <<'PY'
import json, re, sys
man, runs, outdir = sys.argv[1:]
text = open(man, encoding='utf-8').read()
shapes = {}
for m in re.finditer(r'^\.\\" json: (\S+)\n\.Bd -literal[^\n]*\n(.*?)^\.Ed$',
                     text, re.S | re.M):
    shapes[m.group(1)] = json.loads(m.group(2))
types = {'string': str, 'integer': int, 'boolean': bool}
def check(shape, v, path, errs):
    if isinstance(shape, dict):
        if not isinstance(v, dict):
            errs.append(f'{path}: not an object'); return
        want = {k.rstrip('?'): k for k in shape}
        for k in v:
            if k not in want: errs.append(f'{path}.{k}: not documented')
        for k, sk in want.items():
            if k not in v:
                errs.append(f'{path}.{k}: missing'); continue
            if v[k] is None and sk.endswith('?'): continue
            check(shape[sk], v[k], f'{path}.{k}', errs)
    elif isinstance(shape, list):
        if not isinstance(v, list):
            errs.append(f'{path}: not an array'); return
        for i, e in enumerate(v): check(shape[0], e, f'{path}[{i}]', errs)
    else:
        t = types[shape]
        if not isinstance(v, t) or (t is int and isinstance(v, bool)):
            errs.append(f'{path}: {v!r} is not {shape}')
nbad = 0
for line in open(runs):
    shape, name = line.split()
    raw = open(f'{outdir}/{name}.json', 'rb').read()
    errs = []
    try:
        doc = json.loads(raw.decode('utf-8', 'strict'))
        if raw.count(b'\n') != 1 or not raw.endswith(b'\n'):
            errs.append('not one line')
        check(shapes[shape], doc, '$', errs)
        if doc.get('schema') != 1: errs.append('schema is not 1')
    except Exception as e:
        errs.append(f'invalid: {e}')
    if errs:
        nbad += 1
        print(f'not ok - {name}: ' + '; '.join(errs[:5]))
    else:
        print(f'ok - {name}: valid, keys and types as tzdb.1 documents ({shape})')
print(f'ok - tzdb.1 documents {len(shapes)} shapes' if len(shapes) == 10
      else f'not ok - tzdb.1 documents {len(shapes)} shapes, not 10')
PY
cat "$tmp/log"
nok=$((nok + $(grep -c '^ok' "$tmp/log")))
nnot=$((nnot + $(grep -c '^not ok' "$tmp/log")))
check "the three answers of one at are one document" test \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["answers"]))' "$tmp/json/at-three.json")" = 3
check "the escape byte reaches JSON only escaped" \
    grep -qF 'Etc/Esc\u001b[31mRed' "$tmp/json/zones-hostile.json"
finish
