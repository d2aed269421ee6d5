#!/bin/bash
# tests/cli/tzdb/zdump.sh: the store against the reference tools, for every name of
# the golden 2026c tree (../shared/golden/2026c-main-slim):
#   1. `tzdb dump --format zdump --from 1800 --until 2100` of the 2026c
#      source equals /usr/bin/zdump -i -c 1800,2100 on the golden files,
#      byte for byte;
#   2. `tzdb at` answers (offset, abbreviation, isdst) agree with zdump
#      at 1000 instants per name drawn over 1800-2100 with a fixed seed:
#      awk evaluates zdump's interval listing at each instant.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
SLIM=$GOLDEN/2026c-main-slim
SRC=$SHARED/tzdb/2026c
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
[ -d "$SLIM" ] && [ -d "$SRC" ] || skip_all "no golden tree"
[ -x "$SYS_ZDUMP" ] || skip_all "no $SYS_ZDUMP"

(cd "$SLIM" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/names"
mapfile -t names <"$tmp/names"
n=${#names[@]}
h=$((n / 2))

# zdump samples every 12 hours: the slow part, so two halves at once.
TZDIR=$SLIM "$SYS_ZDUMP" -i -c 1800,2100 "${names[@]:0:h}" >"$tmp/ref1" &
TZDIR=$SLIM "$SYS_ZDUMP" -i -c 1800,2100 "${names[@]:h}" >"$tmp/ref2"
wait
cat "$tmp/ref1" "$tmp/ref2" >"$tmp/ref"

"$TZDB" dump --format zdump --from 1800 --until 2100 "$SRC" "${names[@]}" \
    >"$tmp/got" 2>"$tmp/err" || { not_ok "tzdb dump exits 0"; cat "$tmp/err"; }
if cmp -s "$tmp/ref" "$tmp/got"; then
	ok "dump --format zdump equals zdump -i on all $n names"
else
	not_ok "dump --format zdump differs from zdump -i"
	show_diff "$tmp/ref" "$tmp/got" 30
fi

# 1000 instants per name, uniformly over [1800, 2100), fixed seed.
awk -v seed=20260810 'BEGIN { srand(seed); lo = -5364662400; hi = 4102444800 }
{ for (i = 0; i < 1000; i++) printf "%s @%d\n", $0, lo + int(rand() * (hi - lo)) }' \
    "$tmp/names" | LC_ALL=C sort -k1,1 -s >"$tmp/queries"
"$TZDB" at --batch --source "$SRC" <"$tmp/queries" >"$tmp/answers" \
    2>"$tmp/err" || { not_ok "tzdb at --batch exits 0"; cat "$tmp/err"; }

# Evaluate zdump's intervals at each instant and compare.
awk -F'\t' '
function days(y, m, d,  era, yoe, doy, doe) {
	y -= m <= 2; era = y >= 0 ? int(y / 400) : -int((-y + 399) / 400)
	yoe = y - era * 400; doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468 }
function secs(hms,  p, k) { k = split(hms, p, ":"); return p[1]*3600 + (k > 1 ? p[2]*60 : 0) + (k > 2 ? p[3] : 0) }
function offs(s,  sg, v) { sg = substr(s, 1, 1) == "-" ? -1 : 1; s = substr(s, 2)
	v = substr(s, 1, 2) * 3600 + (length(s) >= 4 ? substr(s, 3, 2) * 60 : 0) + (length(s) >= 6 ? substr(s, 5, 2) : 0)
	return sg * v }
function add(z, f,  k, o, ab, dst, d, t) {
	o = offs(f[3]); ab = f[4]; dst = f[5] == "" ? 0 : f[5]
	if (ab == "") ab = f[3]; gsub(/"/, "", ab)
	if (f[1] == "-") t = -1e18
	else { split(f[1], d, "-"); t = days(d[1], d[2], d[3]) * 86400 + secs(f[2]) - o }
	k = ++cnt[z]; at[z, k] = t; st[z, k] = o "\t" ab "\t" dst }
FNR == NR {
	if ($0 ~ /^TZ=/) { z = substr($0, 5, length($0) - 5); next }
	if ($0 == "") next
	split($0, f, "\t"); add(z, f); next }
{	z = $1; t = $2; k = 1
	while (k < cnt[z] && at[z, k + 1] <= t) k++
	want = st[z, k]; got = $3 "\t" $4 "\t" $5
	nq++
	if (want != got) { if (bad++ < 10) printf "# %s @%s: zdump %s, tzdb %s\n", z, t, want, got }
}
END { printf "%d %d\n", nq, bad }' "$tmp/ref" "$tmp/answers" >"$tmp/cmp"
cat "$tmp/cmp" | grep '^#'
read -r nq bad < <(grep -v '^#' "$tmp/cmp")
if [ "${nq:-0}" -eq $((n * 1000)) ] && [ "${bad:-1}" -eq 0 ]; then
	ok "tzdb at agrees with zdump at $nq instants ($n names x 1000)"
else
	not_ok "tzdb at: $bad of $nq answers differ (want $((n * 1000)))"
fi
finish
