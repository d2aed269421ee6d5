#!/bin/bash
# tests/cli/common/ziguard_versions.sh: each of the 13 versions of ziguard.awk
# (2018d ... 2026c) that lib/ziguard.c reproduces, run by gawk over data
# it was not written for, against what tzforge makes with the same
# script.  A release's own data exercises only part of its script (the
# oracle, tests/oracle/release_forms.sh, checks those pairs); older
# scripts over newer data and the reverse reach the rest: Namibia's
# commented-out rules, Portugal's and W-Eur's pairs, Morocco's lines of
# every era.  A few lines of our own add pairs no release has (W-Eur
# with -1:00).  For each version, data set, form and switch set, the
# text must be byte-identical.
. "$(dirname "$0")/../../lib.sh"
ZISOURCE=$top/build/tools/zisource
UP=$top/tests/repos/upstream.git
[ -x "$ZISOURCE" ] || skip_all "no $ZISOURCE (make tools)"
[ -d "$UP" ] || skip_all "no $UP (make repos)"
need_cmd gawk git

VERSIONS="2018d 2018e 2018g 2018h 2020c 2020f 2021b 2022a 2022b 2022c 2022f
	2024b 2026c"
DATA=${ZIGUARD_DATA:-"2018e 2022a 2026c"}
FILES="africa antarctica asia australasia europe northamerica southamerica
	etcetera systemv factory backward"

# Lines no release has, for pairs the scripts know.
extra() {
	printf 'Zone\tTest/WEur\t0\t-\tLMT\t1900\n'
	printf '\t\t\t-1:00\tW-Eur\t%%z\t1992 Sep 27  1:00s\n'
	printf '#\t\t\t-1:00\tW-Eur\t-01/+00\t1992 Sep 27  1:00s\n'
	printf '#\t\t\t-2:00\tPort\t-02/-01\t1950\n'
	printf '#Rule\tNamibia\t1994\tonly\t-\tMar\t21\t0:00\t-1:00\tWAT\n'
	printf 'Rule\tNamibia\t1994\tonly\t-\tMar\t21\t0:00\t0\tCAT\n'
}

n=0 same=0
for data in $DATA; do
	src=$tmp/data.$data
	mkdir -p "$src"
	git -C "$UP" archive "refs/tags/$data" | tar -x -C "$src"
	extra >>"$src/europe"
	files=
	for f in $FILES; do [ -f "$src/$f" ] && files="$files $f"; done
	for v in $VERSIONS; do
		d=$tmp/tree.$data.$v
		mkdir -p "$d"
		for f in $files backzone zone.tab NEWS; do
			[ -f "$src/$f" ] && cp "$src/$f" "$d/"
		done
		git -C "$UP" show "refs/tags/$v:ziguard.awk" >"$d/ziguard.awk"
		for form in main vanguard rearguard; do
			for sw in default backzone packrat; do
				case $sw in
				default) ours=; theirs="-v PACKRATDATA=" ;;
				backzone) ours=-b; theirs="-v PACKRATDATA=backzone" ;;
				packrat)
					# PACKRATLIST came with 2022b's script
					[[ $v < 2022b ]] && continue
					ours="-b -l zone.tab"
					theirs="-v PACKRATDATA=backzone -v PACKRATLIST=zone.tab" ;;
				esac
				bz=
				[ "$sw" != default ] && bz=backzone
				if [ "$v" = 2018d ]; then
					set -- -v outfile="$form.zi"
				else
					set -- -v DATAFORM="$form"
				fi
				(cd "$d" && gawk "$@" $theirs -f ziguard.awk $files \
				    $bz) >"$d/theirs" 2>/dev/null
				"$ZISOURCE" -f "$form" $ours "$d" >"$d/ours" 2>"$d/err"
				n=$((n + 1))
				if cmp -s "$d/theirs" "$d/ours"; then
					same=$((same + 1))
				else
					not_ok "ziguard.awk of $v over $data's data, $form, $sw: $(diff "$d/theirs" "$d/ours" | grep -c '^[<>]') lines differ"
					diff "$d/theirs" "$d/ours" | head -n 4 |
					    sed 's/^/#   /'
					head -n 2 "$d/err" | sed 's/^/#   zisource: /'
				fi
			done
		done
		rm -rf "$d"
	done
done
note "$same of $n texts identical"
check "every version over every data set: identical to gawk's" \
    test "$same" -eq "$n" -a "$n" -gt 0
finish
