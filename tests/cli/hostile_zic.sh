#!/bin/bash
# tests/cli/hostile_zic.sh: zic/zic on hostile input and a hostile output
# directory (issue 6): names that escape -d, a symlink planted in -d that
# leads out of it, 1 MB lines, a million zones, a Rule over the whole year
# range, 10,000 nested links and link cycles, a read-only output directory
# and a full disk (ulimit -f).  Each case checks the exact message and exit
# status, and that nothing was written where it must not be.

. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/hostile_lib.inc"
need_zic

T=$tmp
tab=$(printf '\t')

# --- names that escape the output directory --------------------------------
mkdir -p "$T/names"
printf 'Zone ../x 0 - UTC\nZone /abs 0 - UTC\nZone a//b 0 - UTC\n%s\n' \
    'Zone ok/y 0 - UTC' >"$T/names/in.zi"
printf 'Link ok/y ../lnk\nLink ok/y /tmp/abs-link\n' >>"$T/names/in.zi"
expect "escaping names" 1 "\"$T/names/in.zi\", line 1: file name '../x' contains '..' component
\"$T/names/in.zi\", line 2: file name '/abs' begins with '/'
\"$T/names/in.zi\", line 3: file name 'a//b' contains '//'
\"$T/names/in.zi\", line 5: file name '../lnk' contains '..' component
\"$T/names/in.zi\", line 6: file name '/tmp/abs-link' begins with '/'" \
    "$ZIC" -d "$T/names/out" "$T/names/in.zi"
check "escaping names: nothing written" \
    test ! -e "$T/names/out" -a ! -e "$T/names/x" -a ! -e "$T/x" -a ! -e "$T/lnk"

# --- a symlink planted in the output directory -----------------------------
mkdir -p "$T/plant/out" "$T/plant/outside"
ln -s ../outside "$T/plant/out/Europe"
printf 'Zone Europe/Victim 0 - UTC\n' >"$T/plant/in.zi"
expect "planted symlink (zone)" 1 \
    "$ZIC: Can't create $T/plant/out/Europe/Victim: 'Europe' is a symbolic link leading outside $T/plant/out" \
    "$ZIC" -d "$T/plant/out" "$T/plant/in.zi"
printf 'Zone Etc/Real 0 - UTC\nLink Etc/Real Europe/Victim\n' >"$T/plant/in2.zi"
expect "planted symlink (link)" 1 \
    "$ZIC: Can't create $T/plant/out/Europe/Victim: 'Europe' is a symbolic link leading outside $T/plant/out" \
    "$ZIC" -d "$T/plant/out" "$T/plant/in2.zi"
check "planted symlink: nothing written outside -d" \
    test -z "$(ls -A "$T/plant/outside")"
# an absolute planted link, and one to a sibling whose name extends -d's
ln -s "$T/plant/outside" "$T/plant/out/Asia"
mkdir -p "$T/plant/out2"
ln -s ../out2 "$T/plant/out/Africa"
printf 'Zone Asia/V 0 - UTC\n' >"$T/plant/in3.zi"
expect "planted absolute symlink" 1 \
    "$ZIC: Can't create $T/plant/out/Asia/V: 'Asia' is a symbolic link leading outside $T/plant/out" \
    "$ZIC" -d "$T/plant/out" "$T/plant/in3.zi"
printf 'Zone Africa/V 0 - UTC\n' >"$T/plant/in4.zi"
expect "planted symlink to a look-alike sibling" 1 \
    "$ZIC: Can't create $T/plant/out/Africa/V: 'Africa' is a symbolic link leading outside $T/plant/out" \
    "$ZIC" -d "$T/plant/out" "$T/plant/in4.zi"
check "look-alike sibling untouched" test -z "$(ls -A "$T/plant/out2")"
# a symlink that stays inside (Debian's posix -> .) is fine
ln -s . "$T/plant/out/posix"
printf 'Zone posix/Inside 0 - UTC\n' >"$T/plant/in5.zi"
expect "symlink inside -d" 0 "" "$ZIC" -d "$T/plant/out" "$T/plant/in5.zi"
check "symlink inside -d: written" test -f "$T/plant/out/Inside"
no_temps "planted symlinks" "$T/plant"

# --- 1 MB lines ------------------------------------------------------------
mkdir -p "$T/long"
{ printf 'Zone A 0 - UTC\n# '; head -c 1048576 /dev/zero | tr '\0' x; printf '\n'; } \
    >"$T/long/comment.zi"
expect "1 MB comment line" 1 "\"$T/long/comment.zi\", line 2: line too long" \
    "$ZIC" -d "$T/long/out" "$T/long/comment.zi"
{ printf 'Zone A 0 - '; head -c 1048576 /dev/zero | tr '\0' Y; printf '\n'; } \
    >"$T/long/field.zi"
expect "1 MB field" 1 "\"$T/long/field.zi\", line 1: line too long" \
    "$ZIC" -d "$T/long/out" "$T/long/field.zi"
head -c 1048576 /dev/zero | tr '\0' '\n' >"$T/long/blank.zi"
printf 'Zone Etc/Far 0 - UTC\n' >>"$T/long/blank.zi"
expect "a million blank lines" 0 "" "$ZIC" -d "$T/long/out" "$T/long/blank.zi"
check "nothing written by refused input" test ! -e "$T/long/out/A"

# --- a million zones ---------------------------------------------------------
# A duplicate at the end makes zic stop before writing (it would be a
# million files); the duplicate check must not be quadratic.
n=1000000
[ -n "${SANITIZE:-}" ] && n=200000
mkdir -p "$T/million"
awk -v n=$n 'BEGIN { for (i = 0; i < n; i++) printf "Zone Z/%07d 0 - UTC\n", i
	printf "Zone Z/%07d 0 - UTC\n", 7 }' >"$T/million/in.zi"
t0=$SECONDS
expect "$n zones" 1 \
    "\"$T/million/in.zi\", line $((n + 1)): duplicate zone name Z/0000007 (file \"$T/million/in.zi\", line 8)" \
    "$ZIC" -d "$T/million/out" "$T/million/in.zi"
took=$((SECONDS - t0))
if [ "$took" -le 30 ]; then ok "$n zones: ${took}s"
else not_ok "$n zones: ${took}s, more than 30s"; fi
rm -f "$T/million/in.zi"

# --- a Rule over the whole year range ------------------------------------------
mkdir -p "$T/wide"
printf 'Rule X min max - Mar lastSun 2:00 1:00 D\nRule X min max - Oct lastSun 2:00 0 S\nZone W 0:00 X W%%sT\n' \
    >"$T/wide/minmax.zi"
expect "Rule min max" 0 "warning: \"$T/wide/minmax.zi\", line 1: FROM year \"min\" is obsolete; treated as 1900
warning: \"$T/wide/minmax.zi\", line 2: FROM year \"min\" is obsolete; treated as 1900" \
    "$ZIC" -d "$T/wide/out" "$T/wide/minmax.zi"
check "Rule min max: footer" \
    sh -c "tail -n 1 '$T/wide/out/W' | grep -qx 'WST0WDT,M3.5.0,M10.5.0'"
printf 'Rule X -9223372036854775808 9223372036854775807 - Mar lastSun 2:00 1:00 D\nRule X 1 2 - Oct lastSun 2:00 0 S\nZone W 0:00 X W%%sT\n' \
    >"$T/wide/int64.zi"
expect "Rule over all int64 years" 1 \
    "\"$T/wide/int64.zi\", line 3: time overflow (rule from \"$T/wide/int64.zi\", line 1)" \
    "$ZIC" -d "$T/wide/out" "$T/wide/int64.zi"
printf 'Rule X 1 2000000000 - Mar lastSun 2:00 1:00 D\nRule X 1 2000000000 - Oct lastSun 2:00 0 S\nZone W 0:00 X W%%sT 2000000000\n\t0 - Z\n' \
    >"$T/wide/billions.zi"
expect "Rule over two billion years" 1 \
    "\"$T/wide/billions.zi\", line 3: too many transition times (rule from \"$T/wide/billions.zi\", line 1)" \
    "$ZIC" -d "$T/wide/out" "$T/wide/billions.zi"

# --- link chains and cycles ------------------------------------------------------
mkdir -p "$T/links"
awk 'BEGIN { print "Zone L/0 0 - UTC"
	for (i = 1; i <= 10000; i++) printf "Link L/%d L/%d\n", i - 1, i }' \
    >"$T/links/chain.zi"
expect "10,000 nested links" 0 "" "$ZIC" -d "$T/links/out" "$T/links/chain.zi"
check "10,000 nested links: all made" \
    test "$(ls "$T/links/out/L" | wc -l)" -eq 10001
check "10,000 nested links: the last has the zone's data" \
    cmp -s "$T/links/out/L/0" "$T/links/out/L/10000"
# the same chain written backwards: each link before its target
awk 'BEGIN { for (i = 10000; i >= 1; i--) printf "Link R/%d R/%d\n", i - 1, i
	print "Zone R/0 0 - UTC" }' >"$T/links/back.zi"
expect "10,000 nested links, backwards" 0 "" \
    "$ZIC" -d "$T/links/out" "$T/links/back.zi"
check "backwards chain: the last has the zone's data" \
    cmp -s "$T/links/out/R/0" "$T/links/out/R/10000"
printf 'Zone A 0 - UTC\nLink B C\nLink C D\nLink D B\nLink E E\n' >"$T/links/cycle.zi"
expect "link cycles" 1 "\"$T/links/cycle.zi\", line 5: link E targets itself
\"$T/links/cycle.zi\", line 4: \"Link D B\" is part of a link cycle" \
    "$ZIC" -d "$T/links/cout" "$T/links/cycle.zi"
check "link cycles: no link made" \
    test ! -e "$T/links/cout/B" -a ! -e "$T/links/cout/C" -a ! -e "$T/links/cout/E"

# --- read-only output directory ------------------------------------------------
# root ignores permissions, so as root zic runs as nobody.
mkdir -p "$T/ro/out"
printf 'Zone Etc/RO 0 - UTC\n' >"$T/ro/in.zi"
"$ZIC" -d "$T/ro/out" "$T/ro/in.zi"
cp "$T/ro/out/Etc/RO" "$T/ro/before"
printf 'Zone Etc/RO 1 - ONE\n' >"$T/ro/in.zi"
chmod 755 "$T" "$T/ro"
chmod 555 "$T/ro/out" "$T/ro/out/Etc"
as_user=()
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null; then
		as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	fi
fi
if [ "$(id -u)" = 0 ] && [ ${#as_user[@]} -eq 0 ]; then
	note "read-only directory: root without setpriv, case skipped"
else
	expect "read-only output directory" 1 \
	    "$ZIC: Can't create $T/ro/out/Etc/.zicXXXXXX: Permission denied" \
	    "${as_user[@]}" "$ZIC" -d "$T/ro/out" "$T/ro/in.zi"
	check "read-only output directory: old file intact" \
	    cmp -s "$T/ro/before" "$T/ro/out/Etc/RO"
	no_temps "read-only output directory" "$T/ro/out"
fi
chmod 755 "$T/ro/out" "$T/ro/out/Etc"
chmod 700 "$T"

# --- full disk: a file-size limit ------------------------------------------------
mkdir -p "$T/full"
printf 'Zone Etc/Small 0 - UTC\n' >"$T/full/small.zi"
cat "$TZDB/europe" >"$T/full/europe"
"$ZIC" -d "$T/full/out" "$T/full/europe"
cp -a "$T/full/out" "$T/full/old"
# Europe/Dublin alone, shifted so that the new bytes differ
awk '/^Rule[ \t]+(GB-Eire|Eire)[ \t]/' "$T/full/europe" >"$T/full/dublin.zi"
awk '/^Zone[ \t]+Europe\/Dublin/ { on = 1; print; next }
     on && /^#/ { next } on && /^[ \t]/ { print; next } { on = 0 }' "$T/full/europe" |
    sed 's/^\([ \t]*\)1:00\([ \t]*Eire\)/\11:01\2/' >>"$T/full/dublin.zi"
expect "file-size limit (ulimit -f 1)" 1 \
    "$ZIC: $T/full/out/Europe/Dublin: File too large" \
    bash -c 'ulimit -f 1; exec "$@"' - "$ZIC" -d "$T/full/out" "$T/full/dublin.zi"
check "full disk: the old file survives intact" \
    cmp -s "$T/full/old/Europe/Dublin" "$T/full/out/Europe/Dublin"
check "full disk: the rest of the tree is unchanged" \
    diff -r "$T/full/old" "$T/full/out"
no_temps "full disk" "$T/full/out"
# and the same input without the limit does replace the file
expect "no limit: replaced" 0 "" "$ZIC" -d "$T/full/out" "$T/full/dublin.zi"
check "no limit: new bytes" \
    sh -c "! cmp -s '$T/full/old/Europe/Dublin' '$T/full/out/Europe/Dublin'"

# --- stale temporaries from a killed run are cleaned up --------------------------
mkdir -p "$T/stale/out/Etc"
printf 'Zone Etc/S 0 - UTC\n' >"$T/stale/in.zi"
touch "$T/stale/out/.zicAbCd12" "$T/stale/out/Etc/.zicZZZZZZ" \
    "$T/stale/out/.zicfoo" "$T/stale/out/Etc/.zic1234567"
ln -s /etc/passwd "$T/stale/out/Etc/.zicSymLnk"
# While another run holds its shared lock on the directory, the
# temporaries may be that run's: they are left alone.
expect "temporaries of a live run" 0 "" \
    flock -s "$T/stale/out" "$ZIC" -d "$T/stale/out" "$T/stale/in.zi"
check "live run's temporaries kept" test -e "$T/stale/out/.zicAbCd12" \
    -a -e "$T/stale/out/Etc/.zicZZZZZZ" -a -L "$T/stale/out/Etc/.zicSymLnk"
expect "stale temporaries" 0 "" "$ZIC" -d "$T/stale/out" "$T/stale/in.zi"
check "stale temporaries removed" test ! -e "$T/stale/out/.zicAbCd12" \
    -a ! -e "$T/stale/out/Etc/.zicZZZZZZ" -a ! -L "$T/stale/out/Etc/.zicSymLnk"
check "other dot files kept" test -e "$T/stale/out/.zicfoo" \
    -a -e "$T/stale/out/Etc/.zic1234567"
check "symlinked temporary's target untouched" test -s /etc/passwd

finish
