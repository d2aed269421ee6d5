#!/bin/bash
# tests/oracle/verbose.sh: zic -v's warnings on the whole 2026c main data
# against the system's zic, line for line.  -v makes zic talk about most
# zones (abbreviations, file names, clients that may mishandle the data),
# each message pointing at the file, line and rule that zic's scan had
# reached, so this checks where expansion leaves that position as well
# as the wording.  The system zic is older than 2026c in one phrase only:
# it says "no POSIX environment variable" where 2026c says "no proleptic
# TZ string"; that phrase is mapped before comparing.
#
# Then -v on hand-made %z edges (issue 16): offsets with seconds and no
# minutes, negative ones, a rule whose save has seconds.

. "$(dirname "$0")/../lib.sh"
need_zic
[ -x "$SYS_ZIC" ] || skip_all "$SYS_ZIC not installed"

# run WHO OPTIONS...: messages of one zic, its name made "zic".
run() {
	local who=$1 z rc
	shift
	if [ "$who" = sys ]; then z=$SYS_ZIC; else z=$ZIC; fi
	rm -rf "$tmp/out"
	"$z" "$@" -d "$tmp/out" $(main_inputs) 2>"$tmp/$who.raw"
	rc=$?
	sed -e "s|$z|zic|g" -e "s|$tmp/out|OUT|g" \
	    -e 's/no POSIX environment variable for zone/no proleptic TZ string for zone/' \
	    "$tmp/$who.raw" >"$tmp/$who.err"
	echo "$rc" >"$tmp/$who.rc"
}

for opts in "-v" "-v -b fat" "-v -r @0/@2000000000" "-v -b fat -r @-1000000000"; do
	# shellcheck disable=SC2086
	run sys $opts
	# shellcheck disable=SC2086
	run ours $opts
	n=$(wc -l <"$tmp/ours.err")
	if cmp -s "$tmp/sys.rc" "$tmp/ours.rc" && cmp -s "$tmp/sys.err" "$tmp/ours.err"
	then
		ok "zic $opts: the same $n messages and exit status as $SYS_ZIC"
	else
		not_ok "zic $opts: messages or exit status differ (- $SYS_ZIC, + ours)"
		show_diff "$tmp/sys.err" "$tmp/ours.err"
	fi
	check "zic $opts: at least 800 messages (so -v was heard)" test "$n" -ge 800
done

cat >"$tmp/edges.zi" <<'EOF'
Zone	Test/Sec	0:00:30	-	%z
Zone	Test/NegSec	-0:00:30	-	%z
Zone	Test/NegMin	-0:30	-	%z
Zone	Test/HourSec	-1:00:05	-	%z
Rule	Half	2000	max	-	Mar	lastSun	2:00	0:00:30	-
Rule	Half	2000	max	-	Oct	lastSun	2:00	0	-
Zone	Test/RuleSec	-0:00:30 Half	%z
EOF
for who in sys ours; do
	if [ "$who" = sys ]; then z=$SYS_ZIC; else z=$ZIC; fi
	rm -rf "$tmp/out"
	"$z" -v -d "$tmp/out" "$tmp/edges.zi" 2>"$tmp/$who.raw"
	echo $? >"$tmp/$who.rc"
	sed "s|$z|zic|g" "$tmp/$who.raw" >"$tmp/$who.err"
done
if cmp -s "$tmp/sys.rc" "$tmp/ours.rc" && cmp -s "$tmp/sys.err" "$tmp/ours.err"
then
	ok "zic -v on %z edges: the same $(wc -l <"$tmp/ours.err") messages as $SYS_ZIC"
else
	not_ok "zic -v on %z edges: messages differ (- $SYS_ZIC, + ours)"
	show_diff "$tmp/sys.err" "$tmp/ours.err"
fi
check "zic -v on %z edges: Test/Sec is warned about as +000030" grep -qx \
    "warning: \"$tmp/edges.zi\", line 1: time zone abbreviation has too many characters (+000030)" \
    "$tmp/ours.err"
finish
