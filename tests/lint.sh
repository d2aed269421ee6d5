#!/bin/bash
# tests/lint.sh: "make lint".  Checks what the compiler does not:
#   1. man pages (arguments) with mandoc -Tlint, when mandoc is installed;
#      the same words rendered by groff -man -Tutf8 as by mandoc -Tutf8,
#      when groff is installed too; and two mdoc traps both renderers fall
#      into alike: a double quote or an mdoc macro name ("No", "Pa"...) in
#      the text of a .Dl or .D1 line, and two Dq, Sq or Qq on one line,
#      which nest;
#   2. layering: zic/, data/ and diff/ include nothing from lib/ but
#      tzforge.h and its parts tzforge/*.h (not the test hooks of
#      tzforge_test.h); git2.h appears only in lib/gitsrc.c, sqlite3.h only in
#      lib/tzf_storedb.h, which only the store's files lib/store*.c
#      include (tests/unit may use them to mock those two modules);
#   3. functions banned in lib/ (style.md C11): unsafe string functions,
#      host time-zone functions, and printing or exiting;
#   4. no import cycle among lib/*.c: file A uses file B when A calls a
#      function B defines without static (issue 15); and each file uses
#      and includes only what the layer table of lib/README allows;
#   5. one home per concept (issue 15): the code that only one file may
#      hold, found by a pattern in the C text of lib/ and the front ends
#      (comments left out): the civil calendar, the walk over a TZif
#      file's transitions, ziguard's caller, the build-switch names, the
#      table files, output escapes.
# Exit status 0 when clean, 1 otherwise.

set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 2
status=0
scratch=$(mktemp "${TMPDIR:-/tmp}/tzforge-lint.XXXXXX") || exit 2
trap 'rm -f "$scratch"' EXIT
problem() { printf 'lint: %s\n' "$*"; status=1; }
# flush: what a check wrote to $scratch, one problem a line.
flush() { if [ -s "$scratch" ]; then cat "$scratch"; status=1; fi; }

# 1. Man pages.  Style-level notes are left out: they include references
# to our own pages, which mandoc cannot find until they are installed.
if command -v mandoc >/dev/null 2>&1; then
	for page in "$@"; do
		out=$(mandoc -Tlint -W warning "$page" 2>&1 |
		    grep -v 'outdated mandoc.db')
		if [ -n "$out" ]; then
			problem "mandoc: $page"
			printf '%s\n' "$out"
		fi
	done
else
	echo "lint: mandoc not installed, man pages not checked"
fi

# rendered PAGE: the words of PAGE as a renderer prints it (stdin), one
# per line: page header and footer left out, overstrikes removed, words
# that groff hyphenates at a line's end joined, dashes made plain.
rendered() {
	python3 -c '
import re, sys
t = sys.stdin.buffer.read().decode("utf-8", "replace")
t = re.sub(".\x08", "", t)
lines = [l for l in t.split("\n") if l.strip()][1:-1]
t = re.sub("\u2010\n\\s*", "", "\n".join(lines))
t = t.replace("\u2014", "-").replace("\u2013", "-")
print("\n".join(t.split()))'
}
if command -v groff >/dev/null 2>&1 && command -v mandoc >/dev/null 2>&1
then
	for page in "$@"; do
		mandoc -Tutf8 "$page" 2>/dev/null | rendered >"$scratch.m"
		groff -man -Tutf8 -ww "$page" 2>"$scratch.e" | rendered \
		    >"$scratch.g"
		if ! cmp -s "$scratch.m" "$scratch.g"; then
			problem "$page: groff renders other words than mandoc" \
			    "(- mandoc, + groff)"
			diff "$scratch.m" "$scratch.g" | head -n 20
		fi
		if [ -s "$scratch.e" ]; then
			problem "$page: groff warns"
			head -n 10 "$scratch.e"
		fi
	done
	rm -f "$scratch.m" "$scratch.g" "$scratch.e"
else
	echo "lint: groff or mandoc not installed, renderings not compared"
fi
macros='Ac|Ad|An|Ao|Ap|Aq|Ar|At|Bc|Bo|Bq|Brc|Bro|Brq|Bsx|Bx|Cd|Cm|Dc|Do|Dq'
macros="$macros|Dv|Dx|Ec|Em|En|Eo|Er|Es|Ev|Fa|Fc|Fl|Fn|Fo|Fr|Ft|Fx|Ic|Li|Lk"
macros="$macros|Ms|Mt|Nm|No|Ns|Nx|Oc|Oo|Op|Ox|Pa|Pc|Pf|Po|Pq|Qc|Ql|Qo|Qq|Sc"
macros="$macros|So|Sq|St|Sx|Sy|Ta|Tn|Ux|Va|Vt|Xc|Xo|Xr"
for page in "$@"; do
	grep -nE "^\.D[l1] .*(\"|(^| )($macros)( |\$))" "$page" |
	    sed "s|^|lint: $page: a quote or macro name in a display line: |"
	grep -nE "(^|[ .])(Dq|Sq|Qq) .* (Dq|Sq|Qq)( |\$)" "$page" |
	    sed "s|^|lint: $page: quotes that nest: |"
done >"$scratch"
flush

# strip FILE: the C text of FILE without comments and string literals, with
# line numbers kept ("FILE:N: text").
strip() {
	awk -v f="$1" '
	{
		line = $0; out = ""
		while (line != "") {
			if (incomment) {
				i = index(line, "*/")
				if (i == 0) { line = ""; break }
				line = substr(line, i + 2); incomment = 0
				continue
			}
			if (match(line, /\/\*|\/\/|"|\047/) == 0) {
				out = out line; break
			}
			out = out substr(line, 1, RSTART - 1)
			tok = substr(line, RSTART, RLENGTH)
			line = substr(line, RSTART + RLENGTH)
			if (tok == "/*") { incomment = 1; out = out " " }
			else if (tok == "//") { line = "" }
			else {
				# skip a string or character literal
				while (line != "" && substr(line, 1, 1) != tok) {
					if (substr(line, 1, 1) == "\\")
						line = substr(line, 2)
					line = substr(line, 2)
				}
				line = substr(line, 2)
				out = out tok tok
			}
		}
		print f ":" NR ": " out
	}' "$1"
}

# 2. Layering.
for f in zic/*.[ch] data/*.[ch] diff/*.[ch]; do
	[ -f "$f" ] || continue
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
	while IFS= read -r hit; do
		h=$(printf '%s\n' "$hit" | sed 's/.*"\(.*\)".*/\1/')
		base=${h##*/}
		if [ "$base" != tzforge.h ] &&
		    { [ -f "lib/$base" ] || [ "${h#../lib/}" != "$h" ]; }; then
			echo "$f:$hit"
		fi
	done
done >"$scratch" 2>/dev/null
if [ -s "$scratch" ]; then
	problem "front ends may include only tzforge.h and tzforge/*.h from lib/:"
	cat "$scratch"
fi

# only_in HEADER ALLOWED: HEADER (<x.h> or "x.h") is included only in
# the files the basic regular expression ALLOWED matches whole.
only_in() {
	local header=$1 allowed=$2 hits
	hits=$(grep -ln "#[[:space:]]*include[[:space:]]*[<\"]$header[>\"]" \
	    lib/*.[ch] zic/*.[ch] data/*.[ch] diff/*.[ch] tests/tools/*.c \
	    2>/dev/null | grep -vx "$allowed")
	[ -z "$hits" ] || problem "$header included outside $allowed: $hits"
}
only_in git2.h lib/gitsrc.c
only_in sqlite3.h lib/tzf_storedb.h
only_in tzf_storedb.h 'lib/store\(_[a-z]*\)\{0,1\}\.c'

# 3. Banned functions in lib/.
banned='gets|sprintf|vsprintf|strcpy|strcat|strncpy|strtok|atoi|atol|sscanf'
banned="$banned|localtime|gmtime|mktime|tzset"
banned="$banned|printf|fprintf|vprintf|vfprintf|puts|perror|exit|abort"
for f in lib/*.c lib/*.h; do
	[ -f "$f" ] || continue
	strip "$f" | grep -E "[^A-Za-z0-9_.>](${banned})[[:space:]]*\(" |
	    grep -Ev '^[^:]*:[0-9]+: *#[[:space:]]*define' |
	    sed 's/^/lint: banned function: /'
	grep -n 'getenv[[:space:]]*([[:space:]]*"TZ"' "$f" |
	    sed "s|^|lint: banned getenv(\"TZ\"): $f:|"
done >"$scratch"
flush

# 4. Import cycles.  There are none (issue 15); KNOWN_CYCLES may list,
# separated by ";", cycles a branch is still taking apart, which are then
# noted on stderr instead of failing ("lib/a.c lib/b.c", sorted).
KNOWN_CYCLES=${KNOWN_CYCLES-}
python3 - "$KNOWN_CYCLES" lib/*.c >"$scratch" <<'PYEOF2'
import re, sys
known, files = sys.argv[1], sys.argv[2:]

def read_layers(path="lib/README"):
    """The table of lib/README between its two rule lines: LAYER
    HEADERS... FILES... on a line at the margin (more files on deeper
    indented lines), then its "may use" layers two spaces in."""
    rows, layer, rules = {}, None, 0
    for line in open(path):
        if line.startswith("-" * 40):
            rules += 1
            continue
        if rules != 1 or not line.strip():
            continue
        words = [w for w in line.split() if w != "-"]
        if line.split()[0] == "layer" or line.strip() == "may use":
            continue
        if not line[0].isspace():
            layer = words[0]
            rows[layer] = {"h": set(), "f": set(), "use": set()}
            words = words[1:]
        elif not line[2].isspace():
            rows[layer]["use"] = set(words)
            continue
        for w in words:
            rows[layer]["h" if w.endswith(".h") else "f"].add(w)
    return rows

def layer_check(files, uses):
    rows = read_layers()
    of, hdr = {}, {}
    for layer, r in rows.items():
        for f in r["f"]:
            of["lib/%s.c" % f] = layer
        for h in r["h"]:
            hdr[h] = layer
    for f in files:
        if f not in of:
            print("lint: %s is in no layer of lib/README" % f)
    for f in files:
        if f not in of:
            continue
        ok = rows[of[f]]["use"] | {of[f]}
        for g in sorted(uses[f]):
            if of.get(g, of[f]) not in ok:
                print("lint: layering: %s (%s) uses %s (%s)" %
                      (f, of[f], g, of[g]))
        for h in re.findall(r'#\s*include\s*"([a-z_]+\.h)"', open(f).read()):
            if h in hdr and hdr[h] not in ok:
                print("lint: layering: %s (%s) includes %s (%s)" %
                      (f, of[f], h, hdr[h]))
text, defs = {}, {}
for f in files:
    t = open(f).read()
    t = re.sub(r'/\*.*?\*/', ' ', t, flags=re.S)
    t = re.sub(r'"(\\.|[^"\\\n])*"', '""', t)
    text[f] = t
    for m in re.finditer(r'^([a-z_][a-z0-9_]*)\(', t, flags=re.M):
        before = t[:m.start()].rstrip('\n').rsplit('\n', 1)[-1]
        if 'static' not in before and not before.rstrip().endswith(';'):
            defs.setdefault(m.group(1), f)
uses = {f: {g for n, g in defs.items() if g != f
            and re.search(r'\b' + n + r'\s*\(', text[f])} for f in files}
layer_check(files, uses)
# Tarjan's strongly connected components
index, low, stack, on, out = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v); on.add(v)
    for w in sorted(uses[v]):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            out.append(' '.join(sorted(comp)))
sys.setrecursionlimit(10000)
for v in files:
    if v not in index:
        visit(v)
for c in out:
    if c in known.split(';'):
        print('note: known import cycle: ' + c, file=sys.stderr)
    else:
        print('lint: import cycle: ' + c)
PYEOF2
flush

# 5. One home per concept.  Each row: what, a Python regular expression
# over the C text (comments removed, strings kept), the files allowed.
python3 - lib/*.c zic/*.c data/*.c diff/*.c >"$scratch" <<'PYEOF3'
import re, sys
homes = [
    # lib/parse.c: zic's rpytime and Leap lines mirror upstream zic.c,
    # whose range checks make zic's messages (issue 15 keeps that core).
    ("civil calendar (leap rule, day counts)",
     r"%\s*400\b|\b719468\b|\b153\s*\*|/\s*153\b",
     {"lib/civil.c", "lib/parse.c"}),
    # lib/tzif_read.c fills and validates the arrays it parses.
    ("walk over a TZif file's transitions", r"\bidxs\s*\[",
     {"lib/timeline.c", "lib/tzif_read.c"}),
    ("zic input from a tree and switches (ziguard's caller)",
     r"\btzf__ziguard\s*\(", {"lib/release.c", "lib/ziguard.c"}),
    ("build-switch names parsed",
     r"\bstrcmp\s*\([^;]*\"(dataform|backzone|packratlist|no-backward)\"",
     {"lib/release.c"}),
    ("table files named", r"\"(zone1970|zonenow|iso3166)\.tab\"",
     {"lib/tables.c"}),
    ("output escapes", r"\\\\x%02x|\\\\u%04x", {"lib/escape.c"}),
]
for f in sys.argv[1:]:
    t = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"),
               open(f).read(), flags=re.S)
    for what, pat, allowed in homes:
        if f in allowed:
            continue
        for n, line in enumerate(t.split("\n"), 1):
            if re.search(pat, line):
                print("lint: second home of %s: %s:%d: %s" %
                      (what, f, n, line.strip()))
PYEOF3
flush

[ $status -eq 0 ] && echo "lint: clean"
exit $status
