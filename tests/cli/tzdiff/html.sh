#!/bin/bash
# tests/cli/tzdiff/html.sh: tzdiff --format html for 2026c against
# 2026cgtz is one self-contained page: well formed (every element closed
# in order, read with Python's html.parser), one SVG chart per zone that
# differs (as many as the JSON report's zones_changed), no script and no
# external resource; and headless Chromium renders it to a PNG that is
# not blank and shows both sides' lines in their colours.  The PNG stays
# in build/tzdiff-report.png for a person to look at.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
need_cmd python3
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
[ -d "$OLD" ] && [ -d "$NEW" ] || skip_all "shared 2026c/2026cgtz missing"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}

"$TZDIFF" --format html "$OLD" "$NEW" >"$tmp/r.html"
check "html: exit 1" [ $? -eq 1 ]
"$TZDIFF" --json "$OLD" "$NEW" >"$tmp/r.json"
zones=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["summary"]["zones_changed"])' "$tmp/r.json")

out=$(python3 "$top/tests/cli/common/htmlcheck.py" "$tmp/r.html")
first=$(printf '%s\n' "$out" | head -n 1)
rest=$(printf '%s\n' "$out" | tail -n +2)
if [ -z "$rest" ]; then ok "html.parser: well formed, no script, no external resource"
else not_ok "html.parser: $rest"; fi
is_svgs="$zones $zones"
if [ "$first" = "$is_svgs" ]; then ok "one SVG per differing zone ($zones)"
else not_ok "SVGs and zone sections '$first', zones_changed $zones"; fi
check "95 zones differ (forks.md: 110 names)" [ "$zones" = 95 ]
check "Oslo's chart and its episodes" grep -q \
    '<section class="zone" id="zone-Europe/Oslo">' "$tmp/r.html"

# A planted name with markup in it stays text.
mkdir -p "$tmp/a" "$tmp/b"
for f in africa antarctica asia australasia northamerica southamerica \
    etcetera factory backward; do : >"$tmp/a/$f"; : >"$tmp/b/$f"; done
printf "Zone\tX/<b>&'x\t1:00\t-\tCET\n" >"$tmp/a/europe"
printf "Zone\tX/<b>&'x\t2:00\t-\tEET\n" >"$tmp/b/europe"
"$TZDIFF" --format html "$tmp/a" "$tmp/b" >"$tmp/h.html"
out=$(python3 "$top/tests/cli/common/htmlcheck.py" "$tmp/h.html")
check "markup in a name: still well formed, one chart" [ "$out" = "1 1" ]
check "markup in a name: escaped" grep -qF 'X/&lt;b&gt;&amp;&#39;x' \
    "$tmp/h.html"

# Headless Chromium renders the page.
if [ -z "$CHROMIUM" ]; then
	not_ok "chromium not installed (make deps)"
	finish
fi
mkdir -p "$top/build"
png=$top/build/tzdiff-report.png
rm -f "$png"
timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync \
    --user-data-dir="$tmp/chromium" --window-size=1000,1600 \
    --screenshot="$png" "file://$tmp/r.html" >"$tmp/chromium.log" 2>&1
check "chromium: a PNG" [ -s "$png" ]
cat >"$tmp/png.py" <<'EOF'
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, None, []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        prev = prev or bytearray(stride)
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows

w, h, bpp, rows = pixels(sys.argv[1])
white = blue = red = 0
for line in rows:
    for x in range(0, len(line), bpp):
        r, g, b = line[x], line[x + 1], line[x + 2]
        if r > 245 and g > 245 and b > 245:
            white += 1
        if abs(r - 0x1b) < 40 and abs(g - 0x6a) < 40 and abs(b - 0xc9) < 40:
            blue += 1
        if abs(r - 0xd9) < 40 and abs(g - 0x48) < 40 and abs(b - 0x0f) < 40:
            red += 1
print(w, h, round(1 - white / (w * h), 3), blue, red)
EOF
read -r pw ph ink blue red < <(python3 "$tmp/png.py" "$png")
note "PNG ${pw}x${ph}: ${ink} not white, $blue old-side and $red new-side pixels"
check "PNG: not blank (over 2% ink)" python3 -c "import sys; sys.exit(not $ink > 0.02)"
check "PNG: the old side's line drawn" [ "${blue:-0}" -gt 200 ]
check "PNG: the new side's line drawn" [ "${red:-0}" -gt 200 ]
finish
