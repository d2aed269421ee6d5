#!/bin/bash
# tests/cli/zic/hostile.sh: zic/zic on hostile input and a hostile output
# directory (issue 6): names that escape -d, a symlink planted in -d that
# leads out of it, 1 MB lines, a million zones, a Rule over the whole year
# range, 10,000 nested links and link cycles, a read-only output directory
# and a full disk (ulimit -f).  Each case checks the exact message and exit
# status, and that nothing was written where it must not be.

. "$(dirname "$0")/../../lib.sh"
. "$(dirname "$0")/../common/hostile_lib.inc"
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
# Link targets get the same check (upstream's zic after 2026c: "Reject
# invalid Link targets"): a target can no longer hard-link a readable
# file from outside -d into the tree.
echo secret >"$T/names/secret"
printf 'Zone Etc/Z 0 - Z\nLink ../secret Etc/Leak\nLink %s Etc/Leak2\n' \
    "$T/names/secret" >"$T/names/targets.zi"
expect "Link targets outside -d" 1 "\"$T/names/targets.zi\", line 2: file name '../secret' contains '..' component
\"$T/names/targets.zi\", line 3: file name '$T/names/secret' begins with '/'" \
    "$ZIC" -d "$T/names/tout" "$T/names/targets.zi"
check "Link targets outside -d: nothing written" test ! -e "$T/names/tout"

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

# --- a directory swapped for a symlink while zic runs -----------------------
# zic built with test hooks stops after its first file (SIGSTOP); the test
# then swaps the directory for a symbolic link leading out of -d and lets
# zic go on.  Every later file must be refused, none written outside.
HOOKED=${HOOKED_ZIC:-$top/build/zic-hooks/zic}
# stopped PID: wait (10 s at most) until PID is stopped.
stopped() {
	local i
	for i in $(seq 1000); do
		[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = T ] &&
		    return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.01
	done
	return 1
}
# swap_run NAME EVENT IN: run the hooked zic on IN into $T/NAME/out,
# stopped after its first EVENT, with Europe swapped for a link to
# $T/NAME/outside in between; stderr in $T/NAME/err, status in swap_rc.
swap_run() {
	local d=$T/$1 pid
	mkdir -p "$d/out/Europe" "$d/outside"
	ZIC_TEST_STOP=$2:1 "$HOOKED" -d "$d/out" "$3" 2>"$d/err" &
	pid=$!
	if stopped "$pid"; then
		mv "$d/out/Europe" "$d/out/Europe.old"
		ln -s ../outside "$d/out/Europe"
		kill -CONT "$pid"
	else
		note "$1: zic did not stop"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid"
	swap_rc=$?
}
if [ "$ZIC" != "$top/zic/zic" ] && [ -z "${HOOKED_ZIC:-}" ]; then
	note "swap races: ZIC is not this tree's zic; cases skipped"
elif [ ! -x "$HOOKED" ]; then
	not_ok "swap races: $HOOKED missing (make tools)"
else
	printf 'Zone Europe/A 1 - A\nZone Europe/B 2 - B\nZone Europe/C 3 - C\n' \
	    >"$T/swap.zi"
	swap_run swapz file "$T/swap.zi"
	check "swapped after the first file: exit status 1" test "$swap_rc" -eq 1
	check "swapped after the first file: zic's message" grep -qx \
	    "$HOOKED: Can't create $T/swapz/out/Europe/B: 'Europe' is a symbolic link leading outside $T/swapz/out" \
	    "$T/swapz/err"
	check "swapped after the first file: nothing written outside -d" \
	    test -z "$(ls -A "$T/swapz/outside")"
	check "swapped after the first file: the first file is in place" \
	    test -f "$T/swapz/out/Europe.old/A"
	# links are made after all zones: the window is the whole zone phase
	printf 'Zone Etc/Z 1 - Z\nLink Etc/Z Europe/L1\nLink Etc/Z Europe/L2\n' \
	    >"$T/swapl.zi"
	swap_run swapl link "$T/swapl.zi"
	check "swapped after the first link: exit status 1" test "$swap_rc" -eq 1
	check "swapped after the first link: zic's message" grep -qx \
	    "$HOOKED: Can't create $T/swapl/out/Europe/L2: 'Europe' is a symbolic link leading outside $T/swapl/out" \
	    "$T/swapl/err"
	check "swapped after the first link: nothing written outside -d" \
	    test -z "$(ls -A "$T/swapl/outside")"
fi
# The same race without hooks, on the zic under test: a loop swaps a
# directory of the main data back and forth while zic compiles it, for
# three seconds at most.  Whatever each run says, nothing may land
# outside -d.
mkdir -p "$T/loop/out" "$T/loop/outside"
"$ZIC" -d "$T/loop/out" $(main_inputs) 2>/dev/null
( cd "$T/loop/out" || exit
  end=$((SECONDS + 3))
  while [ $SECONDS -lt $end ]; do
	[ -L America ] || mv -T America America.real
	ln -s ../outside America
	[ -L America ] && rm America
	[ -d America.real ] &&
	    { mv -T America.real America || rm -rf America.real; }
  done 2>/dev/null ) &
swapper=$!
runs=0 refused=0
while kill -0 "$swapper" 2>/dev/null; do
	"$ZIC" -d "$T/loop/out" $(main_inputs) 2>"$T/loop/err" ||
	    refused=$((refused + 1))
	runs=$((runs + 1))
done
wait "$swapper"
note "swap loop: $runs runs, $refused refused"
check "swap loop: nothing written outside -d ($runs runs)" \
    test -z "$(ls -A "$T/loop/outside")"

# --- the sweep of stale temporaries through a planted symlink ---------------
mkdir -p "$T/sweep/out" "$T/sweep/outside/Arg"
ln -s ../outside "$T/sweep/out/Amer"
touch "$T/sweep/outside/Arg/.zicAbCdEf" "$T/sweep/outside/.zicAbCdEf"
printf 'Zone Amer/Arg/X 0 - X\n' >"$T/sweep/in.zi"
expect "sweep through a planted symlink" 1 \
    "$ZIC: Can't create $T/sweep/out/Amer/Arg/X: 'Amer' is a symbolic link leading outside $T/sweep/out" \
    "$ZIC" -d "$T/sweep/out" "$T/sweep/in.zi"
check "sweep: temporaries outside -d untouched" \
    test -e "$T/sweep/outside/Arg/.zicAbCdEf" -a -e "$T/sweep/outside/.zicAbCdEf"

# --- -l and -p targets through a planted symlink ----------------------------
mkdir -p "$T/lp/out/Etc" "$T/lp/secret" "$T/lp/lt"
echo secret >"$T/lp/secret/Oslo"
ln -s ../secret "$T/lp/out/Europe"
ln -s ../../secret/Oslo "$T/lp/out/Etc/Secret"
printf 'Zone Etc/Z 0 - Z\n' >"$T/lp/in.zi"
expect "-l through a planted directory symlink" 1 \
    "$ZIC: Can't link $T/lp/out/Europe/Oslo to $T/lp/lt/localtime: 'Europe' is a symbolic link leading outside $T/lp/out" \
    "$ZIC" -d "$T/lp/out" -t "$T/lp/lt/localtime" -l Europe/Oslo "$T/lp/in.zi"
expect "-l to a planted file symlink" 1 \
    "$ZIC: Can't link $T/lp/out/Etc/Secret to $T/lp/lt/localtime: 'Etc/Secret' is a symbolic link leading outside $T/lp/out" \
    "$ZIC" -d "$T/lp/out" -t "$T/lp/lt/localtime" -l Etc/Secret "$T/lp/in.zi"
check "-l: no localtime made" test ! -e "$T/lp/lt/localtime"
expect "-p through a planted directory symlink" 1 \
    "warning: -p is obsolete and likely ineffective
$ZIC: Can't link $T/lp/out/Europe/Oslo to $T/lp/out/posixrules: 'Europe' is a symbolic link leading outside $T/lp/out" \
    "$ZIC" -d "$T/lp/out" -p Europe/Oslo "$T/lp/in.zi"
check "-p: no posixrules made" test ! -e "$T/lp/out/posixrules"
printf 'Zone Etc/Z 0 - Z\nLink Europe/Oslo Etc/Leak\n' >"$T/lp/link.zi"
expect "Link target through a planted directory symlink" 1 \
    "$ZIC: Can't link $T/lp/out/Europe/Oslo to $T/lp/out/Etc/Leak: 'Europe' is a symbolic link leading outside $T/lp/out" \
    "$ZIC" -d "$T/lp/out" "$T/lp/link.zi"
check "Link target: no Etc/Leak made" test ! -e "$T/lp/out/Etc/Leak"
# a symlink that stays inside -d still works as a -l target
ln -s Z "$T/lp/out/Etc/Alias"
expect "-l to a symlink inside -d" 0 "" \
    "$ZIC" -d "$T/lp/out" -t "$T/lp/lt/localtime" -l Etc/Alias "$T/lp/in.zi"
check "-l to a symlink inside -d: linked to its zone" \
    test "$T/lp/lt/localtime" -ef "$T/lp/out/Etc/Z"
no_temps "-l and -p targets" "$T/lp"

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

# --- failures that must say what failed -------------------------------------------
# Each prints one line naming what failed and exits 1 (issue 14).
expect "--version to a full device" 1 \
    "$ZIC: standard output: No space left on device" \
    sh -c 'exec "$0" --version >/dev/full' "$ZIC"
expect "--help to a full device" 1 \
    "$ZIC: standard output: No space left on device" \
    sh -c 'exec "$0" --help >/dev/full' "$ZIC"
expect "--version with standard output closed" 1 \
    "$ZIC: standard output: Bad file descriptor" \
    sh -c 'exec "$0" --version >&-' "$ZIC"
# (stderr through a pipe: past the limit, no file can take the message)
expect "--version past a file-size limit" 1 \
    "$ZIC: standard output: File too large" \
    bash -c 'set -o pipefail
	(ulimit -f 0; exec "$0" --version >"$1") 2>&1 | cat >&2' \
    "$ZIC" "$T/full/version"
# Out of memory: the hooked zic fails the library's Nth allocation, for
# every N up to 300 (a small input with rules, links and leap seconds
# makes about 45); each run either writes exactly the tree a clean run
# writes or says "Memory exhausted" in one line.
mkdir -p "$T/oom"
printf 'Rule R 2000 max - Mar lastSun 1:00u 1:00 S\nRule R 2000 max - Oct lastSun 1:00u 0 -\nZone A/B 1:00 R A%%sT\nZone A/C 0:30 - %%z\nLink A/B L/D\nLink L/D L/E\n' \
    >"$T/oom/in.zi"
printf 'Leap 2016 Dec 31 23:59:60 + S\nExpires 2030 Jan 1 0:00:00\n' >"$T/oom/leap"
if [ "$ZIC" != "$top/zic/zic" ] || [ ! -x "$HOOKED" ]; then
	note "out of memory: no hooked zic for this ZIC; cases skipped"
else
	"$ZIC" -d "$T/oom/clean" -L "$T/oom/leap" "$T/oom/in.zi"
	failed=0 silent=0 wrong=0
	for n in $(seq 300); do
		rm -rf "$T/oom/out"
		if ZIC_TEST_FAIL_ALLOC=$n "$HOOKED" -d "$T/oom/out" \
		    -L "$T/oom/leap" "$T/oom/in.zi" 2>"$T/oom/err"; then
			diff -r "$T/oom/clean" "$T/oom/out" >/dev/null ||
			    wrong=$((wrong + 1))
		else
			failed=$((failed + 1))
			[ "$(cat "$T/oom/err")" = "$HOOKED: Memory exhausted" ] ||
			    { silent=$((silent + 1)); note "n=$n: $(head -c 200 "$T/oom/err")"; }
		fi
	done
	note "out of memory: $failed of 300 runs failed"
	check "out of memory: some runs failed" test "$failed" -gt 10
	check "out of memory: each failure says 'Memory exhausted', alone" \
	    test "$silent" -eq 0
	check "out of memory: each run that succeeds writes the clean tree" \
	    test "$wrong" -eq 0
	# --source: the whole 2026c tree (about 30,000 allocations), failed
	# at 60 points spread over them
	failed=0 silent=0
	for n in $(seq 1 20) $(seq 37 571 30000); do
		rm -rf "$T/oom/src"
		ZIC_TEST_FAIL_ALLOC=$n "$HOOKED" -d "$T/oom/src" \
		    --source "$TZDB" 2>"$T/oom/err" && continue
		failed=$((failed + 1))
		[ "$(cat "$T/oom/err")" = "$HOOKED: Memory exhausted" ] ||
		    { silent=$((silent + 1)); note "--source n=$n: $(head -c 200 "$T/oom/err")"; }
	done
	note "out of memory with --source: $failed of 73 runs failed"
	check "out of memory with --source: each failure says 'Memory exhausted', alone" \
	    test "$failed" -gt 50 -a "$silent" -eq 0
fi
# Every line on stderr is one write(), so that a writer thread's message
# cannot land inside another line (strace shows the calls): warnings of
# -v from the compiler, then a writer that fails (Etc is a file).
if command -v strace >/dev/null; then
	mkdir -p "$T/lines/out"
	touch "$T/lines/out/A"
	strace -f -qq -e trace=write -s 9999 -o "$T/lines/trace" \
	    "$ZIC" -v -d "$T/lines/out" -L "$T/oom/leap" "$T/oom/in.zi" \
	    2>"$T/lines/err"
	check "stderr lines: zic failed (exit 1)" test $? -eq 1
	# three warnings come before the first file is handed to a writer
	check "stderr lines: warnings and the failure were printed" \
	    test "$(grep -c 'write(2, ' "$T/lines/trace")" -ge 4
	check "stderr lines: every write to stderr is one whole line" \
	    test -z "$(grep 'write(2, ' "$T/lines/trace" |
	    grep -v 'write(2, ".*\\n", [0-9]*) = [0-9]*$'
	    grep 'write(2, ' "$T/lines/trace" | grep '\\n[^"]')"
	check "stderr lines: the failure names the file" grep -q \
	    "^$ZIC: Can't create $T/lines/out/A/.zic[A-Za-z0-9]\{6\}: Not a directory\$" \
	    "$T/lines/err"
else
	note "strace not installed: stderr lines not checked"
fi

# --- a file system that allows only two hard links to a file -------------------
# The hooked zic plays such a file system (ZIC_TEST_LINK_MAX=2: linkat
# fails with EMLINK).  zic 2026c stops there ("Can't link ...: Too many
# links"); ours falls back to a symbolic link as for EXDEV, with zic's
# warning, and the tree reads the same.
if [ "$ZIC" = "$top/zic/zic" ] && [ -x "$HOOKED" ]; then
	mkdir -p "$T/emlink"
	"$ZIC" -d "$T/emlink/ref" $(main_inputs)
	ZIC_TEST_LINK_MAX=2 "$HOOKED" -d "$T/emlink/out" $(main_inputs) \
	    2>"$T/emlink/err"
	check "EMLINK: exit status 0" test $? -eq 0
	nw=$(grep -c '^warning: "[^"]*", line [0-9]*: symbolic link used because hard link failed: Too many links$' "$T/emlink/err")
	note "EMLINK: $nw symbolic links"
	check "EMLINK: a warning per symbolic link, nothing else" \
	    test "$nw" -gt 100 -a "$nw" -eq "$(wc -l <"$T/emlink/err")" \
	    -a "$nw" -eq "$(find "$T/emlink/out" -type l | wc -l)"
	check "EMLINK: no file has more than two names" \
	    test -z "$(find "$T/emlink/out" -type f -links +2)"
	check "EMLINK: the same names, each with the same bytes" \
	    diff -r "$T/emlink/ref" "$T/emlink/out"
	check "EMLINK: every symbolic link is relative" \
	    test -z "$(find "$T/emlink/out" -type l -lname '/*')"
	ZIC_TEST_LINK_MAX=2 "$HOOKED" -d "$T/emlink/out" $(main_inputs) \
	    2>/dev/null
	check "EMLINK: a rerun over the tree reads the same" \
	    diff -r "$T/emlink/ref" "$T/emlink/out"
	no_temps "EMLINK" "$T/emlink"
fi

# --- no stray temporaries: repeated -l, concurrent runs --------------------------
# A second "zic -l" found the old link to be the same file and rename()
# of two names of one file does nothing: .zicXXXXXX stayed beside
# /etc/localtime.  Here -t points into the scratch directory.
mkdir -p "$T/stray/etc"
printf 'Zone Etc/S 0 - S\nZone Etc/T 1 - T\n' >"$T/stray/in.zi"
for i in 1 2 3; do
	"$ZIC" -d "$T/stray/out" -t "$T/stray/etc/localtime" -l Etc/S \
	    "$T/stray/in.zi"
	"$ZIC" -d "$T/stray/out" -t localtime -l Etc/S -p Etc/T \
	    "$T/stray/in.zi" 2>/dev/null
	"$ZIC" -d "$T/stray/out" -t localtime -l Etc/S
done
check "repeated -l: the links are made" \
    cmp -s "$T/stray/etc/localtime" "$T/stray/out/Etc/S"
check "repeated -l: the last one is a hard link" \
    test "$T/stray/out/localtime" -ef "$T/stray/out/Etc/S"
no_temps "repeated -l (-t outside -d)" "$T/stray/etc"
no_temps "repeated -l and -p (-t inside -d)" "$T/stray/out"
# four runs at once into one -d, three times
for round in 1 2 3; do
	for k in 1 2 3 4; do
		"$ZIC" -d "$T/stray/conc" $(main_inputs) 2>"$T/stray/err.$k" &
	done
	wait
done
check "concurrent runs: no message" test ! -s "$T/stray/err.1" -a \
    ! -s "$T/stray/err.2" -a ! -s "$T/stray/err.3" -a ! -s "$T/stray/err.4"
check "concurrent runs: 598 names" \
    test "$(find "$T/stray/conc" ! -type d | wc -l)" -eq 598
no_temps "concurrent runs" "$T/stray/conc"
# The same race made certain: run A, the first, holds its lock alone and
# is stopped (hook "locked") before its sweep; run B starts and is to
# stop at its first temporary file.  B must wait for A's sweep: a B that
# got its shared lock at once had its temporary swept by A, and then
# "rename to ...: No such file or directory".  B stopping within 3 s
# means it did not wait.
if [ "$ZIC" = "$top/zic/zic" ] && [ -x "$HOOKED" ]; then
	rm -rf "$T/stray/ab"
	mkdir -p "$T/stray/ab"
	ZIC_TEST_STOP=locked:1 "$HOOKED" -d "$T/stray/ab" "$T/swap.zi" \
	    2>"$T/stray/errA" &
	pa=$!
	stopped "$pa" || note "run A did not stop"
	ZIC_TEST_STOP=temp:1 "$HOOKED" -d "$T/stray/ab" "$T/swap.zi" \
	    2>"$T/stray/errB" &
	pb=$!
	waited=yes
	for i in $(seq 300); do
		[ "$(awk '{ print $3 }' "/proc/$pb/stat" 2>/dev/null)" = T ] &&
		    { waited=no; break; }
		sleep 0.01
	done
	kill -CONT "$pa"
	wait "$pa"
	rca=$?
	stopped "$pb" && kill -CONT "$pb"
	wait "$pb"
	rcb=$?
	check "a run starting during another's sweep waits for it" \
	    test "$waited" = yes
	check "... and both runs succeed, silently" test "$rca" -eq 0 -a \
	    "$rcb" -eq 0 -a ! -s "$T/stray/errA" -a ! -s "$T/stray/errB"
	no_temps "a run starting during another's sweep" "$T/stray/ab"
	# The race behind the stray temporaries of concurrent runs, made
	# certain: the run is stopped (hook "linked") after it hard-linked
	# its temporary to Etc/S and before the rename over Etc/L; meanwhile
	# "another run" makes Etc/L that same file.  rename() then succeeds
	# and does nothing: the temporary must still go.
	mkdir -p "$T/stray/same"
	printf 'Zone Etc/S 0 - S\nLink Etc/S Etc/L\n' >"$T/stray/same.zi"
	"$ZIC" -d "$T/stray/same" "$T/stray/same.zi"
	rm -f "$T/stray/same/Etc/L"
	echo old >"$T/stray/same/Etc/L"
	ZIC_TEST_STOP=linked:1 "$HOOKED" -d "$T/stray/same" \
	    "$T/stray/same.zi" 2>"$T/stray/errS" &
	ps=$!
	if stopped "$ps"; then
		ln -f "$T/stray/same/Etc/S" "$T/stray/same/Etc/L"
		kill -CONT "$ps"
	else
		note "the run did not stop at its link"
	fi
	wait "$ps"
	check "a link made the same file meanwhile: exit 0, silently" \
	    test "$?" -eq 0 -a ! -s "$T/stray/errS"
	check "... Etc/L is Etc/S" \
	    test "$T/stray/same/Etc/L" -ef "$T/stray/same/Etc/S"
	no_temps "a link made the same file meanwhile" "$T/stray/same/Etc"
fi

# --- odd file types where output goes, and as input --------------------------
# Where a TZif file goes: a FIFO, a socket, a symbolic link leading out
# of -d and a dangling one are replaced by the new file (rename: nothing
# is opened through them, the file outside stays as it was); a directory,
# empty or not, stays and zic says so, as zic 2026c's rename does (the
# system's older zic removed an empty directory first).
mkdir -p "$T/odd/outside"
printf 'Zone Etc/F 0 - F\n' >"$T/odd/f.zi"
for kind in fifo socket symlink-out dangling; do
	rm -rf "$T/odd/out"
	mkdir -p "$T/odd/out/Etc"
	echo keep >"$T/odd/outside/secret"
	case $kind in
	fifo)	mkfifo "$T/odd/out/Etc/F" ;;
	socket)	python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T/odd/out/Etc/F" ;;
	symlink-out) ln -s ../../outside/secret "$T/odd/out/Etc/F" ;;
	dangling) ln -s nowhere "$T/odd/out/Etc/F" ;;
	esac
	expect "a $kind where a file goes" 0 "" \
	    timeout 10 "$ZIC" -d "$T/odd/out" "$T/odd/f.zi"
	check "a $kind where a file goes: now a TZif file" \
	    test -f "$T/odd/out/Etc/F" -a ! -L "$T/odd/out/Etc/F"
	check "a $kind where a file goes: the file outside untouched" \
	    test "$(cat "$T/odd/outside/secret")" = keep
done
for kind in directory empty-directory; do
	rm -rf "$T/odd/out"
	mkdir -p "$T/odd/out/Etc/F"
	[ $kind = directory ] && touch "$T/odd/out/Etc/F/x"
	expect "a $kind where a file goes" 1 \
	    "$ZIC: rename to $T/odd/out/Etc/F: Is a directory" \
	    "$ZIC" -d "$T/odd/out" "$T/odd/f.zi"
	no_temps "a $kind where a file goes" "$T/odd/out"
done
# -t naming a directory, a component longer than NAME_MAX, a name 1000
# directories deep
rm -rf "$T/odd/out"
mkdir -p "$T/odd/out/Etc/T/x"
expect "-t naming a directory" 1 \
    "$ZIC: rename to $T/odd/out/Etc/T: Is a directory" \
    "$ZIC" -d "$T/odd/out" -l Etc/F -t Etc/T "$T/odd/f.zi"
no_temps "-t naming a directory" "$T/odd/out"
long=$(printf 'b%.0s' $(seq 300))
printf 'Zone Etc/%s 0 - B\n' "$long" >"$T/odd/long.zi"
expect "a component of 300 bytes" 1 \
    "$ZIC: rename to $T/odd/out/Etc/$long: File name too long" \
    "$ZIC" -d "$T/odd/out" "$T/odd/long.zi"
no_temps "a component of 300 bytes" "$T/odd/out"
deep=$(printf 'd/%.0s' $(seq 1000))
printf 'Zone %sZ 0 - Z\nLink %sZ Etc/Deep\n' "$deep" "$deep" >"$T/odd/deep.zi"
expect "a name 1000 directories deep" 0 "" \
    "$ZIC" -d "$T/odd/deep" "$T/odd/deep.zi"
check "a name 1000 directories deep: written and linked" \
    test "$T/odd/deep/${deep}Z" -ef "$T/odd/deep/Etc/Deep"
rm -rf "$T/odd/deep"
# inputs: a directory, a symlink loop, a FIFO, /dev/null; -d a file, a FIFO
mkdir -p "$T/odd/indir"
ln -s loop2 "$T/odd/loop1"
ln -s loop1 "$T/odd/loop2"
mkfifo "$T/odd/infifo" "$T/odd/dfifo"
touch "$T/odd/dfile"
expect "a directory as input" 1 "$ZIC: $T/odd/indir: input error" \
    "$ZIC" -d "$T/odd/o2" "$T/odd/indir"
expect "a symlink loop as input" 1 \
    "$ZIC: Can't open $T/odd/loop1: Too many levels of symbolic links" \
    "$ZIC" -d "$T/odd/o2" "$T/odd/loop1"
( printf 'Zone Etc/Q 0 - Q\n' >"$T/odd/infifo" ) &
expect "a FIFO as input" 0 "" timeout 10 "$ZIC" -d "$T/odd/o3" "$T/odd/infifo"
wait
check "a FIFO as input: read" test -f "$T/odd/o3/Etc/Q"
expect "/dev/null as input" 0 "" "$ZIC" -d "$T/odd/o4" /dev/null
expect "-d naming a file" 1 "$ZIC: Can't chdir to $T/odd/dfile: Not a directory" \
    "$ZIC" -d "$T/odd/dfile" "$T/odd/f.zi"
expect "-d naming a FIFO" 1 "$ZIC: Can't chdir to $T/odd/dfifo: Not a directory" \
    timeout 10 "$ZIC" -d "$T/odd/dfifo" "$T/odd/f.zi"
expect "-L naming a directory" 1 "$ZIC: $T/odd/indir: input error" \
    "$ZIC" -d "$T/odd/o5" -L "$T/odd/indir" "$T/odd/f.zi"

# --- a directory removed while zic runs ------------------------------------------
# The hooked zic stops after its first file; the test removes the whole
# directory it wrote into.  The next file walks again, makes it anew and
# goes on: nothing is remembered between files.
if [ "$ZIC" = "$top/zic/zic" ] && [ -x "$HOOKED" ]; then
	mkdir -p "$T/gone"
	ZIC_TEST_STOP=file:1 "$HOOKED" -d "$T/gone/out" "$T/swap.zi" \
	    2>"$T/gone/err" &
	pid=$!
	if stopped "$pid"; then
		rm -rf "$T/gone/out/Europe"
		kill -CONT "$pid"
	fi
	wait "$pid"
	check "directory removed mid-run: exit 0, no message" \
	    test $? -eq 0 -a ! -s "$T/gone/err"
	check "directory removed mid-run: the later files are there" \
	    test -f "$T/gone/out/Europe/B" -a -f "$T/gone/out/Europe/C" \
	    -a ! -e "$T/gone/out/Europe/A"
fi

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
