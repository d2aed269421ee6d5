#!/bin/bash
# tests/cli/tzdb/tzvalidate.sh: `tzdb dump --format tzvalidate` of the 2026c source
# must equal a tzvalidate-0.1 file derived independently from the golden
# fat TZif tree of the reference zic (../shared/golden/2026c-main-fat):
# od(1) dumps each file's bytes and awk decodes the 64-bit block (never
# the footer), as the tzvalidate zic generator does (docs/peers.md 6.1):
# every name but Factory, range 1-2035, Initially from the first
# standard-time type, consecutive identical entries merged, body hashed
# with sha256sum.  Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
FAT=$GOLDEN/2026c-main-fat
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
[ -d "$FAT" ] || skip_all "no golden fat tree"
need_cmd od sha256sum awk

# One "=NAME" line, then the file's bytes as decimals, per name.
(cd "$FAT" && find . -type f ! -name Factory ! -name '*.tab' \
    ! -name tzdata.zi ! -name leapseconds ! -name leap-seconds.list |
    sed 's|^\./||' | LC_ALL=C sort) >"$tmp/names"
while read -r n; do
	printf '=%s\n' "$n"
	od -An -v -tu1 "$FAT/$n"
done <"$tmp/names" >"$tmp/bytes"

awk '
function be32(o,  v) { v = b[o]*16777216 + b[o+1]*65536 + b[o+2]*256 + b[o+3]
	return v >= 2147483648 ? v - 4294967296 : v }
function be64(o,  hi, lo) { hi = be32(o); lo = b[o+4]*16777216 + b[o+5]*65536 + b[o+6]*256 + b[o+7]
	return hi * 4294967296 + lo }
# civil date of a day count (days since 1970-01-01), Hinnant
function civil(d,  z, era, doe, yoe, doy, mp) {
	z = d + 719468; era = int(z / 146097); if (z < 0 && era * 146097 != z) era--
	if (z < 0) era = -int((-z + 146096) / 146097)
	doe = z - era * 146097; yoe = int((doe - int(doe/1460) + int(doe/36524) - int(doe/146096)) / 365)
	doy = doe - (365*yoe + int(yoe/4) - int(yoe/100)); mp = int((5*doy + 2)/153)
	D = doy - int((153*mp + 2)/5) + 1; M = mp < 10 ? mp + 3 : mp - 9; Y = yoe + era*400 + (M <= 2) }
function fdiv(a, q,  r) { r = int(a / q); if (r * q > a) r--; return r }
function off(s,  a, sg) { sg = s < 0 ? "-" : "+"; a = s < 0 ? -s : s
	return sprintf("%s%02d:%02d:%02d", sg, int(a/3600), int(a/60)%60, a%60) }
function state(t) { return off(uo[t]) " " (ds[t] ? "daylight" : "standard") " " ab[t] }
function flush(  h1, v1, o, tc, ty, cc, i, t, s, prev, d, sec, line, first) {
	if (name == "") return
	tc = be32(32); ty = be32(36); cc = be32(40)
	v1 = 44 + tc*5 + ty*6 + cc + be32(28)*8 + be32(24) + be32(20)
	h1 = v1
	tc = be32(h1+32); ty = be32(h1+36); cc = be32(h1+40)
	o = h1 + 44
	for (i = 0; i < tc; i++) tm[i] = be64(o + 8*i)
	for (i = 0; i < tc; i++) ix[i] = b[o + 8*tc + i]
	o += 9*tc
	for (i = 0; i < ty; i++) { uo[i] = be32(o + 6*i); ds[i] = b[o+6*i+4]; ai[i] = b[o+6*i+5] }
	o += 6*ty
	for (i = 0; i < ty; i++) { s = ""; for (k = o + ai[i]; b[k] != 0; k++) s = s sprintf("%c", b[k]); ab[i] = s }
	first = 0; while (first < ty && ds[first]) first++; if (first == ty) first = 0
	printf "%s\nInitially:           %s\n", name, state(first)
	prev = state(first)
	for (i = 0; i < tc; i++) {
		s = state(ix[i]); if (s == prev) continue
		d = fdiv(tm[i], 86400); sec = tm[i] - d * 86400; civil(d)
		if (Y < 1) { prev = s; continue }
		if (Y >= 2035) break
		printf "%04d-%02d-%02d %02d:%02d:%02dZ %s\n", Y, M, D, int(sec/3600), int(sec/60)%60, sec%60, s
		prev = s
	}
	printf "\n"
}
/^=/ { flush(); name = substr($0, 2); n = 0; delete b; next }
{ for (i = 1; i <= NF; i++) b[n++] = $i + 0 }
END { flush() }' "$tmp/bytes" >"$tmp/body"

sum=$(sha256sum <"$tmp/body" | cut -d' ' -f1)
{
	printf 'Version: 2026c\nBody-SHA-256: %s\nFormat: tzvalidate-0.1\n' "$sum"
	printf 'Range: 1-2035\n'
} >"$tmp/want.head"

start=$(date +%s%N)
# The shared directory states no version; a tarball's version file
# would say 2026c.
cp -r "$SHARED/tzdb/2026c" "$tmp/2026c"
echo 2026c >"$tmp/2026c/version"
"$TZDB" dump --format tzvalidate "$tmp/2026c" >"$tmp/got" 2>"$tmp/err" ||
    { not_ok "tzdb dump exits 0"; cat "$tmp/err"; }
note "dump took $(( ($(date +%s%N) - start) / 1000000 )) ms"
# the body after the header's empty line
awk 'body { print; next } /^$/ { body = 1 }' "$tmp/got" >"$tmp/got.body"
if cmp -s "$tmp/got.body" "$tmp/body"; then
	ok "tzvalidate body equals the one derived from the fat tree ($(grep -c . "$tmp/names") names, $(wc -l <"$tmp/body") lines)"
else
	not_ok "tzvalidate body differs"
	show_diff "$tmp/body" "$tmp/got.body" 30
fi
check "header has the same Body-SHA-256, Format and Range" \
    cmp -s <(grep -E '^(Version|Body-SHA-256|Format|Range):' "$tmp/got") "$tmp/want.head"
check "body ends in an empty line" \
    test "$(tail -c 2 "$tmp/got" | od -An -c | tr -d ' ')" = '\n\n'
finish
