#!/bin/bash
# tests/oracle/golden.sh: the byte-identity acceptance test.  For each
# golden tree of reference zic 2026c in ../shared/golden, compile the inputs
# its README names with $ZIC into a scratch directory and require the same
# names and the same bytes for every file: contents against the golden tree
# (diff -rq, which compares bytes as cmp does; our links are hard links, the
# golden tree's plain files) and sha256 against its NAME.sha256 list.
# Prints "identical: N/598" per tree.
#
# 2026c-packrat-slim is compiled from the main.zi that the upstream Makefile
# makes with PACKRATDATA=backzone PACKRATLIST=zone.tab.  That selection is
# made by, in order of preference: zic itself (zic --source DIR --backzone
# --packratlist zone.tab, once zic has these options), build/tools/zisource
# -b -l zone.tab (the library's source layer, once built), else
# tests/oracle/packrat.awk.  PACKRAT_VIA=zic|zisource|awk
# forces one; golden.sh runs the awk selection as well whenever another
# was used, so both stay checked.

. "$(dirname "$0")/../lib.sh"
need_zic
need_cmd cmp sha256sum

# The main.zi selection of backzone for zone.tab, on stdout.
packrat_awk() {
	(cd "$TZDB" && awk -v packratdata=backzone -v packratlist=zone.tab \
	    -f "$top/tests/oracle/packrat.awk" $MAIN_FILES backzone)
}

# Does the zic under test have the source-tree options?  (Its --help keeps
# zic 2026c's usage text, so ask getopt instead.)
zic_has_packratlist() {
	! "$ZIC" -d "$tmp/probe" --packratlist zone.tab 2>&1 |
	    grep -q -e 'unrecognized option' -e 'invalid option'
}

packrat_via=${PACKRAT_VIA:-}
if [ -z "$packrat_via" ]; then
	if zic_has_packratlist; then
		packrat_via=zic
	elif [ -x "$top/build/tools/zisource" ]; then
		packrat_via=zisource
	else
		packrat_via=awk
	fi
fi

# compile FOLDER OUTDIR [VIA]: run $ZIC on the golden README's inputs for
# FOLDER; VIA says who makes the packrat selection.
compile() {
	local folder=$1 out=$2 via=${3:-awk}
	case $folder in
	2026c-main-slim)
		"$ZIC" -d "$out" $(main_inputs) ;;
	2026c-main-fat)
		"$ZIC" -b fat -d "$out" $(main_inputs) ;;
	2026c-packrat-slim)
		case $via in
		zic)
			"$ZIC" -d "$out" --source "$TZDB" --backzone \
			    --packratlist zone.tab ;;
		zisource)
			"$top/build/tools/zisource" -b -l zone.tab "$TZDB" \
			    >"$tmp/main.zi" &&
			"$ZIC" -d "$out" "$tmp/main.zi" ;;
		*)
			packrat_awk >"$tmp/main.zi" &&
			"$ZIC" -d "$out" "$tmp/main.zi" ;;
		esac ;;
	esac
}

runs="2026c-main-slim 2026c-main-fat 2026c-packrat-slim:$packrat_via"
[ "$packrat_via" = awk ] || runs="$runs 2026c-packrat-slim:awk"
for run in $runs; do
	folder=${run%%:*} via=${run#*:}
	[ "$via" = "$run" ] && via=
	label=$folder${via:+ ($via)}
	gold=$GOLDEN/$folder
	out=$tmp/$run
	if [ ! -d "$gold" ] || [ ! -f "$gold.sha256" ]; then
		not_ok "$label: golden tree or list missing in $GOLDEN"
		continue
	fi
	[ -n "$via" ] && note "packrat selection made by: $via"
	if ! compile "$folder" "$out" "$via" >"$tmp/$run.err" 2>&1; then
		not_ok "$label: zic failed"
		sed 's/^/#   /' "$tmp/$run.err" | head -n 20
		continue
	fi
	if [ -s "$tmp/$run.err" ]; then
		not_ok "$label: zic printed diagnostics"
		sed 's/^/#   /' "$tmp/$run.err" | head -n 20
	fi

	# Name sets.
	names_of "$gold" >"$tmp/$run.gold-names"
	names_of "$out" >"$tmp/$run.our-names"
	total=$(wc -l <"$tmp/$run.gold-names")
	if cmp -s "$tmp/$run.gold-names" "$tmp/$run.our-names"; then
		ok "$label: same $total names"
	else
		not_ok "$label: name sets differ (- golden, + ours)"
		show_diff "$tmp/$run.gold-names" "$tmp/$run.our-names"
	fi

	# Bytes, file by file (diff -rq compares contents, as cmp does).
	diff -rq "$gold" "$out" >"$tmp/$run.diff" 2>&1
	grep '^Files .* differ$' "$tmp/$run.diff" |
	    sed "s|^Files $gold/\\(.*\\) and .*|\\1|" >"$tmp/$run.differ"
	ndiffer=$(wc -l <"$tmp/$run.differ")
	nboth=$(comm -12 "$tmp/$run.gold-names" "$tmp/$run.our-names" | wc -l)
	same=$((nboth - ndiffer))
	head -n 10 "$tmp/$run.differ" | sed 's/^/# differs: /'
	echo "$label: identical: $same/$total"
	if [ "$same" -eq "$total" ] && [ "$total" -gt 0 ]; then
		ok "$label: every file byte-identical to the golden tree"
	else
		not_ok "$label: $((total - same)) of $total files differ or are missing"
	fi

	# The published checksums (paths "./NAME", sorted).
	(cd "$out" && find . \( -type f -o -type l \) | sort |
	    xargs -r sha256sum) >"$tmp/$run.sha256"
	if cmp -s "$gold.sha256" "$tmp/$run.sha256"; then
		ok "$label: matches $folder.sha256"
	else
		not_ok "$label: differs from $folder.sha256"
		show_diff "$gold.sha256" "$tmp/$run.sha256" 10
	fi
done

finish
