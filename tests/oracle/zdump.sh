#!/bin/bash
# tests/oracle/zdump.sh: an independent check of meaning.  Compile the 2026c
# main data with the system's /usr/sbin/zic and with $ZIC (both -b fat), then
# read every name of both trees back with /usr/bin/zdump -i over 1800-2100
# and require identical output for every name.  zdump samples every 12
# hours, so this sees offsets, abbreviations and isdst, not bytes (golden.sh
# checks bytes).  Takes about 35 s on 2 cores: zdump is slow.
#
# Then hand-made edges that real data does not reach (issue 16): %z of
# offsets with seconds and no minutes and of negative offsets, and
# Rolling leap seconds in zones away from UT, compiled by both zics
# (-b fat, with and without -L): the same bytes for every zone without
# rules, and the same zdump -v (which shows a leap second as 23:59:60
# local time) for every zone.

. "$(dirname "$0")/../lib.sh"
need_zic
[ -x "$SYS_ZIC" ] || skip_all "$SYS_ZIC not installed"
[ -x "$SYS_ZDUMP" ] || skip_all "$SYS_ZDUMP not installed"

range=${ZDUMP_RANGE:-1800,2100}

for who in sys ours; do
	if [ $who = sys ]; then z=$SYS_ZIC; else z=$ZIC; fi
	if ! "$z" -b fat -d "$tmp/$who" $(main_inputs) >"$tmp/$who.err" 2>&1; then
		not_ok "$who: $z failed"
		sed 's/^/#   /' "$tmp/$who.err" | head -n 20
		finish
	fi
done

names_of "$tmp/sys" >"$tmp/sys.names"
names_of "$tmp/ours" >"$tmp/ours.names"
if cmp -s "$tmp/sys.names" "$tmp/ours.names"; then
	ok "same $(wc -l <"$tmp/sys.names") names in both trees"
else
	not_ok "name sets differ (- $SYS_ZIC, + ours)"
	show_diff "$tmp/sys.names" "$tmp/ours.names"
fi
sort -u "$tmp/sys.names" "$tmp/ours.names" >"$tmp/names"
total=$(wc -l <"$tmp/names")

# zdump every name of a tree, in two halves run side by side; one output
# line per name: NAME, a tab, then zdump's lines joined with " | " (their
# tabs made spaces).
half=$(( (total + 1) / 2 ))
split -l "$half" "$tmp/names" "$tmp/part."
for who in sys ours; do
	for part in "$tmp"/part.*; do
		sed "s|^|$tmp/$who/|" "$part" |
		    xargs "$SYS_ZDUMP" -i -c "$range" >"$part.$who" 2>&1 &
	done
done
wait

for who in sys ours; do
	cat "$tmp"/part.??."$who" |
	    awk -v pfx="TZ=\"$tmp/$who/" '
		index($0, pfx) == 1 {
			if (name != "") print name "\t" text
			name = substr($0, length(pfx) + 1)
			sub(/"$/, "", name)
			text = ""
			next
		}
		$0 != "" { gsub(/\t/, " "); text = text " | " $0 }
		END { if (name != "") print name "\t" text }
	    ' | sort >"$tmp/$who.dump"
done

if [ "$(wc -l <"$tmp/sys.dump")" -ne "$total" ]; then
	not_ok "zdump printed $(wc -l <"$tmp/sys.dump") of $total names"
fi
join -t '	' "$tmp/sys.dump" "$tmp/ours.dump" |
    awk -F '\t' '$2 == $3 { n++ } END { print n + 0 }' >"$tmp/nsame"
same=$(cat "$tmp/nsame")
echo "zdump -i -c $range: identical for $same/$total names"
if [ "$same" -eq "$total" ] && [ "$total" -gt 0 ]; then
	ok "zdump output identical for every name"
else
	not_ok "zdump output differs for $((total - same)) names"
	diff "$tmp/sys.dump" "$tmp/ours.dump" | grep '^[<>]' | cut -f1 |
	    sed 's/^\(.\) /\1 /' | head -n 20 | sed 's/^/#   /'
	# The first differing name, line by line.
	first=$(diff "$tmp/sys.dump" "$tmp/ours.dump" | grep -m1 '^[<>]' |
	    sed 's/^. //' | cut -f1)
	if [ -n "$first" ]; then
		note "first difference, $first (- system zic, + ours):"
		"$SYS_ZDUMP" -i -c "$range" "$tmp/sys/$first" >"$tmp/a" 2>&1
		"$SYS_ZDUMP" -i -c "$range" "$tmp/ours/$first" >"$tmp/b" 2>&1
		sed -i '/^TZ=/d; /^$/d' "$tmp/a" "$tmp/b"
		show_diff "$tmp/a" "$tmp/b" 30
	fi
fi

# --- hand-made edges ---------------------------------------------------------
cat >"$tmp/edges.zi" <<'EOF'
# %z of offsets with seconds and no minutes, and of negative offsets
Zone	Test/Sec	0:00:30	-	%z
Zone	Test/NegSec	-0:00:30	-	%z
Zone	Test/NegMin	-0:30	-	%z
Zone	Test/NegHMS	-1:02:03	-	%z
Zone	Test/HourSec	-1:00:05	-	%z
Zone	Test/Zero	0	-	%z
Rule	Half	2000	max	-	Mar	lastSun	2:00	0:00:30	-
Rule	Half	2000	max	-	Oct	lastSun	2:00	0	-
Zone	Test/RuleSec	-0:00:30 Half	%z
# zones away from UT, for Rolling leap seconds
Zone	Test/Plus5	5:00	-	%z
Zone	Test/Minus3	-3:00	-	%z
Rule	EU	1981	max	-	Mar	lastSun	1:00u	1:00	S
Rule	EU	1996	max	-	Oct	lastSun	1:00u	0	-
Zone	Test/CET	1:00	EU	CE%sT
EOF
printf 'Leap 2015 Jun 30 23:59:60 + S\nLeap 2016 Dec 31 23:59:60 + R\n' \
    >"$tmp/edges.leap"
for L in "" "-L $tmp/edges.leap"; do
	what="edges${L:+ with -L (a Rolling leap second)}"
	rm -rf "$tmp/esys" "$tmp/eours"
	# shellcheck disable=SC2086
	"$SYS_ZIC" -b fat -d "$tmp/esys" $L "$tmp/edges.zi" 2>/dev/null
	# shellcheck disable=SC2086
	"$ZIC" -b fat -d "$tmp/eours" $L "$tmp/edges.zi" 2>/dev/null
	nbytes=0 bad_bytes= nzd=0 bad_zd=
	for z in Sec NegSec NegMin NegHMS HourSec Zero RuleSec Plus5 Minus3 CET; do
		case $z in
		RuleSec|CET) ;;	# glibc's zic adds a v1 transition at 2^31-1
		*)	nbytes=$((nbytes + 1))
			cmp -s "$tmp/esys/Test/$z" "$tmp/eours/Test/$z" ||
			    bad_bytes="$bad_bytes $z" ;;
		esac
		nzd=$((nzd + 1))
		for who in esys eours; do
			"$SYS_ZDUMP" -v -c 1990,2040 "$tmp/$who/Test/$z" 2>&1 |
			    sed "s|$tmp/$who/||" >"$tmp/$who.v"
		done
		cmp -s "$tmp/esys.v" "$tmp/eours.v" || {
			bad_zd="$bad_zd $z"
			show_diff "$tmp/esys.v" "$tmp/eours.v" 6
		}
	done
	check "$what: the system zic's bytes for $nbytes zones${bad_bytes:+ (not:$bad_bytes)}" \
	    test -z "$bad_bytes"
	check "$what: the system zic's zdump -v for $nzd zones${bad_zd:+ (not:$bad_zd)}" \
	    test -z "$bad_zd"
done
if "$SYS_ZDUMP" -v -c 2016,2018 "$tmp/eours/Test/Plus5" |
    grep -q 'Sat Dec 31 18:59:60 2016 UT = Sat Dec 31 23:59:60 2016 +05'; then
	ok "edges: the Rolling leap second of Test/Plus5 is at local midnight"
else
	not_ok "edges: the Rolling leap second of Test/Plus5 is not at 18:59:60 UT"
fi

finish
