#!/bin/bash
# tests/cli/common/hostile_tzif.sh: truncated and lying TZif files fed to the
# project's TZif reader through build/tools/tzifdump (issue 6): a
# truncated header and data block, counts that exceed the file, a bad
# magic, a bad version byte, type indexes and abbreviation indexes out of
# range, a bad footer TZ string and an unterminated footer.  Each must be
# refused with its exact message and exit status 1, never crash.

. "$(dirname "$0")/../../lib.sh"
. "$(dirname "$0")/hostile_lib.inc"

TD=$top/build/tools/tzifdump
[ -x "$TD" ] || { not_ok "tzifdump not built: $TD"; finish; }
need_cmd python3
T=$tmp
good=$GOLDEN/2026c-main-slim/Europe/Dublin
cd "$T" || exit 2

# Mutations of Dublin's slim file (version 2: an empty v1 block, then
# the 64-bit block with its own header at offset 44).
python3 - "$good" <<'PY'
import sys
d = bytes(open(sys.argv[1], 'rb').read())
def put(name, b): open(name, 'wb').write(bytes(b))
def be32(v): return v.to_bytes(4, 'big')
def counts(off):
    return [int.from_bytes(d[off+20+4*k:off+24+4*k], 'big') for k in range(6)]
isut, isstd, leap, time, typ, char = counts(0)
h2 = 44 + time*5 + typ*6 + char + leap*8 + isstd + isut   # v2+ header
isut2, isstd2, leap2, time2, typ2, char2 = counts(h2)
put('trunc_hdr', d[:30])
put('trunc_v2hdr', d[:h2 + 10])
put('trunc_mid', d[:1000])
b = bytearray(d); b[0:4] = b'TZiX'; put('bad_magic', b)
b = bytearray(d); b[4] = ord('9'); put('bad_version', b)
b = bytearray(d); b[h2+4] = ord('3'); put('bad_v2_version', b)
b = bytearray(d); b[32:36] = be32(0x7fffffff); put('lie_v1_timecnt', b)
b = bytearray(d); b[h2+32:h2+36] = be32(0x7fffffff); put('lie_v2_timecnt', b)
b = bytearray(d); b[h2+36:h2+40] = be32(300); put('lie_v2_typecnt', b)
b = bytearray(d); b[h2+40:h2+44] = be32(0xffffffff); put('lie_v2_charcnt', b)
b = bytearray(d); b[h2+44 + 8*time2] = 250; put('bad_type_index', b)
i = d.rindex(b'\n', 0, len(d) - 1)
put('bad_footer', d[:i+1] + b'IST-1GMT0,M10.5.0,M99.5.0/1\n')
put('footer_unterminated', d[:-1])
put('footer_missing', d[:i])
put('empty', b'')
PY

T_=$T
expect "truncated header" 1 "tzifdump: trunc_hdr: truncated v1 header" \
    "$TD" trunc_hdr
expect "truncated v2+ header" 1 "tzifdump: trunc_v2hdr: truncated v2+ header" \
    "$TD" trunc_v2hdr
expect "truncated data block" 1 \
    "tzifdump: trunc_mid: truncated v2+ data block: counts need 1373 bytes, 905 left" \
    "$TD" trunc_mid
expect "bad magic" 1 "tzifdump: bad_magic: bad magic in v1 header: not a TZif file" \
    "$TD" bad_magic
expect "bad version" 1 "tzifdump: bad_version: bad version byte 0x39 in v1 header" \
    "$TD" bad_version
expect "v2 header version differs" 1 \
    "tzifdump: bad_v2_version: version bytes of the two headers differ" \
    "$TD" bad_v2_version
expect "v1 timecnt beyond the file" 1 \
    "tzifdump: lie_v1_timecnt: truncated v1 data block: counts need 10737418242 bytes, 1452 left" \
    "$TD" lie_v1_timecnt
expect "v2 timecnt beyond the file" 1 \
    "tzifdump: lie_v2_timecnt: truncated v2+ data block: counts need 19327352891 bytes, 1401 left" \
    "$TD" lie_v2_timecnt
expect "v2 typecnt beyond the file" 1 \
    "tzifdump: lie_v2_typecnt: truncated v2+ data block: counts need 3125 bytes, 1401 left" \
    "$TD" lie_v2_typecnt
expect "v2 charcnt beyond the file" 1 \
    "tzifdump: lie_v2_charcnt: truncated v2+ data block: counts need 4294968648 bytes, 1401 left" \
    "$TD" lie_v2_charcnt
expect "type index out of range" 1 \
    "tzifdump: bad_type_index: transition type index out of range" \
    "$TD" bad_type_index
expect "bad footer" 1 \
    "tzifdump: bad_footer: bad footer TZ string 'IST-1GMT0,M10.5.0,M99.5.0/1': number out of range" \
    "$TD" bad_footer
expect "unterminated footer" 1 "tzifdump: footer_unterminated: unterminated footer" \
    "$TD" footer_unterminated
expect "missing footer" 1 "tzifdump: footer_missing: missing footer after v2+ data block" \
    "$TD" footer_missing
expect "empty file" 1 "tzifdump: empty: truncated v1 header" "$TD" empty
expect "the untouched file" 0 "" "$TD" "$good"
# lookups on a refused file fail the same way
expect "lookup in a lying file" 1 \
    "tzifdump: lie_v2_timecnt: truncated v2+ data block: counts need 19327352891 bytes, 1401 left" \
    "$TD" -l 0 lie_v2_timecnt
finish
