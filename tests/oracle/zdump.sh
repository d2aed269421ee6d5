#!/bin/bash
# tests/oracle/zdump.sh: an independent check of meaning.  Compile the 2026c
# main data with the system's /usr/sbin/zic and with $ZIC (both -b fat), then
# read every name of both trees back with /usr/bin/zdump -i over 1800-2100
# and require identical output for every name.  zdump samples every 12
# hours, so this sees offsets, abbreviations and isdst, not bytes (golden.sh
# checks bytes).  Takes about 35 s on 2 cores: zdump is slow.

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

finish
