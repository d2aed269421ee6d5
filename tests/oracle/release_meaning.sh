#!/bin/bash
# tests/oracle/release_meaning.sh: what every name means, release by
# release.  For a tag of the shared bundles, the zic under test compiles
# the release (zic --source REPO@TAG) slim and fat, and the system's
# /usr/sbin/zic compiles the same input (build/tools/zisource) fat; then
# /usr/bin/zdump -i -c 1800,2100 reads every name of the trees, and
#
#   [slim]  our slim and fat files with --fix-quirks must mean the same,
#           every name, no exceptions;
#   [sys]   our fat files with --fix-quirks must mean what the system
#           zic's do, except the differences below that tzcode's NEWS
#           documents as changes of zic after glibc's (about 2020a);
#   [quirks] our slim and fat files without --fix-quirks (zic 2026c's
#           bytes) must mean what those with it mean, except exactly the
#           quirk cases listed below (zic.8, BUGS): a new difference
#           fails, and so does a listed one that is gone;
#   [zic]   zic --source must succeed, or fail exactly as zic 2026c does.
#
# zdump samples every 12 hours, so this compares offsets, isdst and
# abbreviations, not bytes (tests/oracle/golden.sh checks bytes for
# 2026c).  Its output for a file depends only on the file's bytes: it is
# kept in build/zdump-cache, by SHA-256, so each distinct file is read
# once (about 2,700 for all releases; the trees of a release share most).
#
# make check runs a tag of every Makefile era (tests/oracle/RELEASES.md)
# plus tags where zic 2026c's own files misstate a zone (zic.8, BUGS);
# tests/full/release_meaning.sh runs every tag and branch of both
# bundles (ORACLE_MATRIX=full); ORACLE_REFS="A B" picks refs by hand.

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
oracle_need
[ -x "$SYS_ZIC" ] || skip_all "$SYS_ZIC not installed"
[ -x "$SYS_ZDUMP" ] || skip_all "$SYS_ZDUMP not installed"
need_cmd sha256sum md5sum

SAMPLE="2012e 2013e 2013g 2013i 2014f 2016a 2016g 2017c 2018a 2018d 2018e
	2019b 2020b 2022b 2024b 2026a 2026cgtz"

RANGE=${ZDUMP_RANGE:-1800,2100}
ZDUMP_CACHE=${ZDUMP_CACHE:-$top/build/zdump-cache}
# zdump's output depends on zdump and the range too.
ZDUMP_CACHE=$ZDUMP_CACHE/$(printf '%s %s\n' \
    "$(sha256sum <"$SYS_ZDUMP" | cut -c1-16)" "$RANGE" | md5sum | cut -c1-12)
mkdir -p "$ZDUMP_CACHE"
POOL=$ORACLE_TMP/pool
mkdir -p "$POOL"

# Where the system zic (glibc 2.36, about tzcode 2020a) and zic 2026c
# differ by design, with the NEWS entry that documents the change: ref
# pattern, tree (always fat), name, reason.  Each must still differ (a
# stale entry fails), and nothing else may.
KNOWN='
2012[e-j] 2013[a-d]|fat|America/Argentina/San_Luis|all-year DST from 2009-10: zic 2021b+ writes the POSIX TZ string "XXX2WARST3,0/0,J365/23" where older zic wrote "WART4WARST,0/0,J365/25" (NEWS 2021b); glibc 2.36 reads the new one as XXX (-02) at 2100-01-01T00:00Z
2022[abc]gtz|fat|Africa/Freetown|global-tz data: "+01" (+00:20, isdst) from 1941-12-07 on, through rules, so all-year DST: zic 2021b+ writes "XXX-0:40<+01>-0:20,0/0,J365/23:40" (NEWS 2021b), which glibc 2.36 reads as XXX (+00:40) from 1941-12-07 to 1970 and for an hour in 1971 (Python zoneinfo and tzforge read +00:20 throughout)
'

# Where zic 2026c's own files (ours without --fix-quirks) misstate the
# zone, so that they mean something else than ours with it (zic.8, BUGS):
# ref pattern, tree (slim or fat), name, reason.  Each must still differ
# (a stale entry fails), and nothing else may.
QUIRKS='
2012[e-j] 2013[a-i] 2014[a-j] 2015[a-g] 2016[a-j] 2017[ab]|slim|Africa/Windhoek|final line from 1994-04-03 whose rules start in 1994 (DST) and 1995 (standard time): the slim file hands over at the line start, and the TZ string says +02 WAST for two hours (1994-04-02T22Z to 04-03T00Z) where the data has +01 WAT
2012[h-j] 2013[a-e]|slim|Asia/Amman|no fall-back in 2012 (Jordan rules 2006-2011 and 2013-max): the slim file hands over after the 2011 fall-back, and the TZ string says +02 EET from 2012-10-26 to 2013-03-29 where the data has +03 EEST
2015[b-g] 2016[a-j]|slim|Asia/Choibalsan|final line from 2008-03-31 whose DST rules start in 2015: the slim file hands over at the line start, and the TZ string puts +09 CHOST (DST) in 2008-2014 where the data has +08 CHOT
2013g|slim|Africa/Casablanca|all-year DST through rules (docs/zic.md 4.7): the years generated end on the last fall-back, 2037-10-11, after which the TZ string says +01 WEST where the data has +00 WET until 2038-03-28
2013g|fat|Africa/Casablanca|as in slim: the last spring-forward, 2038-03-28, is after the 2037 that fat generates
2014[e-j] 2015[a-g] 2016[a-j] 2017[a-c] 2018[a-f]|fat|Africa/Casablanca|a one-off fall-back in 2037 (Oct 10, later Oct 4), then the recurring one on Oct 25, a no-op merged away: the fat file hands over after the one-off, and the TZ string says +01 WEST until 2037-10-25 where the data has +00 WET
2014[e-j] 2015[a-g] 2016[a-j] 2017[a-c] 2018[a-f]|fat|Africa/El_Aaiun|as Africa/Casablanca in the same releases
'

# The input zic 2026c rejects (exit 1, files still written), and why.
# Of solar87..89 (in TDATA until 2013h), only solar87: the line of
# Asia/Riyadh87 that uses the rules sol87 starts on 1987-01-01 and every
# sol87 rule has a non-zero SAVE, so no rule names the abbreviation just
# after that start (solar88 and solar89 have days with SAVE 0:00:00,
# whose rule names it).  zic.c of 2026a
# (JodaOrg/global-tz's copy, the one with the Tbilisi no-op fix and the
# "pre-2026 ... 50 bytes" warning) then calls doabbr with
# disable_percent_s, which returns nothing even for a FORMAT without %s
# ("zzz"), and reports "can't determine time zone abbreviation to use
# just after until time"; NEWS 2026b and 2026c change nothing there.  The
# system zic (about 2020a) copied a FORMAT without % or / instead; the
# change is most likely 2022b's (NEWS 2022b: zic "no longer complains
# ... when a transition to a new standard time occurs simultaneously
# with the first DST fallback transition").  Either way the transition
# left out is a no-op, so the files mean the same.
SOLAR_ERR='^"solar87", line [0-9]*: can'"'"'t determine time zone abbreviation to use just after until time$'

# listed_reason REF TREE NAME: the reason of the entry of a
# "refs|tree|name|reason" list on stdin for REF, TREE and NAME, if any.
listed_reason() {
	while IFS='|' read -r refs tree name why; do
		[ "$name" = "$3" ] || continue
		[ "$tree" = "$2" ] || continue
		for pat in $refs; do
			# shellcheck disable=SC2254
			case $1 in $pat) printf '%s\n' "$why"; return ;; esac
		done
	done
}

# zic_as_2026c RC ERRFILE SOLAR: zic --source exited RC with stderr
# ERRFILE as zic 2026c would: warnings only and status 0, or, when the
# input holds solar87..89 (SOLAR=1), their three errors and status 1.
zic_as_2026c() {
	grep -v -q -e '^warning: ' -e "$SOLAR_ERR" "$2" && return 1
	if [ "$3" = 1 ]; then
		[ "$1" = 1 ] && [ "$(grep -c "$SOLAR_ERR" "$2")" = 1 ]
	else
		[ "$1" = 0 ]
	fi
}

# trees_one REF: phase 1, in a worker.  Compile the five trees (ours
# with --fix-quirks: slim, fat; without: qslim, qfat; the system zic's:
# sys), check zic's exit status and stderr, list "NAME SHA" per tree in
# $ORACLE_TMP/lists/REF.TREE, put each new file in the pool.
trees_one() {
	local ref=$1 d=$ORACLE_TMP/trees.$BASHPID spec t solar=0 rs=0 rf=0 \
	    rqs=0 rqf=0
	spec=$(oracle_spec "$ref")
	rm -rf "$d"
	mkdir -p "$d" "$ORACLE_TMP/lists"
	if ! "$ZISOURCE" "$spec" >"$d/in.zi" 2>"$d/zs.err"; then
		not_ok "[zic] $ref: zisource fails: $(head -n 1 "$d/zs.err")"
		rm -rf "$d"
		return
	fi
	grep -q '^Rule[[:space:]]*sol87' "$d/in.zi" && solar=1
	"$ZIC" --fix-quirks -d "$d/slim" --source "$spec" 2>"$d/slim.err" ||
	    rs=$?
	"$ZIC" --fix-quirks -b fat -d "$d/fat" --source "$spec" \
	    2>"$d/fat.err" || rf=$?
	"$ZIC" -d "$d/qslim" --source "$spec" 2>"$d/qslim.err" || rqs=$?
	"$ZIC" -b fat -d "$d/qfat" --source "$spec" 2>"$d/qfat.err" || rqf=$?
	if zic_as_2026c "$rs" "$d/slim.err" "$solar" &&
	    zic_as_2026c "$rf" "$d/fat.err" "$solar" &&
	    zic_as_2026c "$rqs" "$d/qslim.err" "$solar" &&
	    zic_as_2026c "$rqf" "$d/qfat.err" "$solar"; then
		ok "[zic] $ref: zic --source exits $rs as zic 2026c$([ "$solar" = 0 ] || echo ' (solar87, see the script)')"
	else
		not_ok "[zic] $ref: zic --source exits $rs (slim), $rf (fat), $rqs and $rqf (without --fix-quirks), not as zic 2026c"
		grep -h -v '^warning: ' "$d"/*.err | head -n 5 |
		    sed 's/^/#   /'
	fi
	if ! "$SYS_ZIC" -b fat -d "$d/sys" "$d/in.zi" >/dev/null 2>&1; then
		not_ok "[sys] $ref: $SYS_ZIC does not compile zisource's input"
	fi
	for t in slim fat qslim qfat sys; do
		[ -d "$d/$t" ] || mkdir "$d/$t"
		(cd "$d/$t" && find . -type f | sed 's|^\./||' | sort |
		    xargs -r sha256sum) >"$d/$t.sha"
		awk '{ print $2, $1 }' "$d/$t.sha" >"$ORACLE_TMP/lists/$ref.$t"
		while read -r sha name; do
			[ -e "$ZDUMP_CACHE/$sha" ] || [ -e "$POOL/$sha" ] ||
			    ln -f "$d/$t/$name" "$POOL/$sha" 2>/dev/null ||
			    cp "$d/$t/$name" "$POOL/$sha"
		done <"$d/$t.sha"
	done
	rm -rf "$d"
}

# zdump_pool: phase 2.  zdump every pooled file not yet cached, in
# batches, ORACLE_JOBS at a time; each file's lines (its TZ= header and
# blank lines dropped) go to the cache under its SHA-256.
zdump_pool() {
	local out=$ORACLE_TMP/zdump n
	mkdir -p "$out"
	n=$(find "$POOL" -type f | wc -l)
	note "zdump -i -c $RANGE: $n new files"
	find "$POOL" -type f | sort |
	    xargs -r -n 40 -P "$ORACLE_JOBS" sh -c \
		'z=$0 r=$1 o=$2; shift 2; "$z" -i -c "$r" "$@" >"$o/$$.out" 2>&1' \
		"$SYS_ZDUMP" "$RANGE" "$out"
	cat "$out"/*.out 2>/dev/null | awk -v c="$ZDUMP_CACHE" -v p="$$" '
		/^TZ="/ { if (f != "") { close(f); print f } n = $0
			  sub(/^.*\//, "", n); sub(/"$/, "", n)
			  f = c "/" n ".tmp" p; printf "" > f; next }
		f != "" && $0 != "" { print > f }
		END { if (f != "") { close(f); print f } }' |
	    while read -r f; do mv -f "$f" "${f%.tmp*}"; done
	rm -rf "$out" "$POOL"
}

# meaning_of LIST: "NAME DIGEST" for each file of a tree's list, the
# digest being that of its zdump output.
meaning_of() {
	awk -v c="$ZDUMP_CACHE" '{ print $1, c "/" $2 }' "$1" | sort >"$1.paths"
	cut -d' ' -f2 "$1.paths" | sort -u | xargs -r md5sum |
	    awk '{ sub(/^.*\//, "", $2); print $2, $1 }' >"$1.md5"
	awk 'NR == FNR { m[$1] = $2; next }
	     { s = $2; sub(/^.*\//, "", s); print $1, (s in m) ? m[s] : "none" }' \
	    "$1.md5" "$1.paths"
}

# first_diff A_LIST B_LIST NAME: the first lines where zdump differs.
first_diff() {
	local a b
	a=$(awk -v n="$3" '$1 == n { print $2 }' "$1")
	b=$(awk -v n="$3" '$1 == n { print $2 }' "$2")
	diff "$ZDUMP_CACHE/$a" "$ZDUMP_CACHE/$b" | grep '^[<>]' | head -n 4 |
	    sed "s|^|#   $3 |"
}

# compare_one REF: phase 3.  The comparisons of the header.
compare_one() {
	local ref=$1 l=$ORACLE_TMP/lists/$1 t bad
	for t in slim fat qslim qfat sys; do
		[ -e "$l.$t" ] || return 0	# phase 1 already failed
		meaning_of "$l.$t" >"$l.$t.m"
	done
	# Names first: the trees must hold the same.
	for t in slim qslim qfat sys; do
		if ! cmp -s <(cut -d' ' -f1 "$l.fat.m") <(cut -d' ' -f1 "$l.$t.m"); then
			not_ok "[${t#q}] $ref: names differ from our fat tree's (- fat, + $t)"
			diff <(cut -d' ' -f1 "$l.fat.m") <(cut -d' ' -f1 "$l.$t.m") |
			    grep '^[<>]' | head -n 5 | sed 's/^/#   /'
		fi
	done
	bad=$(differing "$l.slim.m" "$l.fat.m")
	if [ -z "$bad" ]; then
		ok "[slim] $ref: slim and fat mean the same for all $(wc -l <"$l.fat.m") names"
	else
		not_ok "[slim] $ref: slim and fat differ for $(echo "$bad" | wc -l) names: $(echo $bad | cut -c1-200)"
		first_diff "$l.slim" "$l.fat" "$(echo "$bad" | head -n 1)"
	fi
	compare_listed sys "$ref" fat sys fat "$KNOWN" "known difference"
	compare_listed quirks "$ref" qslim slim slim "$QUIRKS" \
	    "zic 2026c's quirk"
	compare_listed quirks "$ref" qfat fat fat "$QUIRKS" "zic 2026c's quirk"
}

# differing A_M B_M: the names whose meaning differs between the two
# "NAME DIGEST" lists (or is unknown).
differing() {
	join "$1" "$2" | awk '$2 != $3 || $2 == "none" { print $1 }'
}

# compare_listed KIND REF A B TREE LIST WHAT: [KIND], tree A of REF
# against tree B, name by name.  Each name whose meaning differs must
# have an entry of LIST ("refs|tree|name|reason") for REF and TREE, and
# each such entry must still differ: a new difference fails, and so does
# a listed one that is gone.  WHAT names the list in the messages.
compare_listed() {
	local kind=$1 ref=$2 a=$3 b=$4 tree=$5 list=$6 what=$7
	local l=$ORACLE_TMP/lists/$2 name why bad= n=0 stale=
	for name in $(differing "$l.$a.m" "$l.$b.m"); do
		why=$(printf '%s\n' "$list" | listed_reason "$ref" "$tree" "$name")
		if [ -n "$why" ]; then
			n=$((n + 1))
			note "$ref $a $name: $what: $why"
		else
			bad="$bad $name"
		fi
	done
	for name in $(printf '%s\n' "$list" | cut -s -d'|' -f3 | sort -u); do
		why=$(printf '%s\n' "$list" | listed_reason "$ref" "$tree" "$name")
		[ -n "$why" ] || continue
		differing "$l.$a.m" "$l.$b.m" | grep -qxF "$name" ||
		    stale="$stale $name"
	done
	if [ -n "$stale" ]; then
		not_ok "[$kind] $ref: $a and $b the same where listed as $what:$stale"
	elif [ -z "$bad" ]; then
		ok "[$kind] $ref: $a means what $b does for all $(wc -l <"$l.$b.m") names$([ "$n" = 0 ] || echo " but $n listed ($what)")"
	else
		not_ok "[$kind] $ref: $a and $b differ for $(echo $bad | wc -w) names not listed as $what: $(echo $bad | cut -c1-200)"
		first_diff "$l.$a" "$l.$b" "$(echo $bad | cut -d' ' -f1)"
	fi
}

refs=$(oracle_pick_refs "$SAMPLE")
oracle_matrix trees_one $refs
zdump_pool
for ref in $refs; do
	compare_one "$ref" | tee -a "$ORACLE_TMP/matrix.log"
done >"$ORACLE_TMP/compare.out"
cat "$ORACLE_TMP/compare.out"
nok=$((nok + $(grep -c '^ok ' "$ORACLE_TMP/compare.out")))
nnot=$((nnot + $(grep -c '^not ok ' "$ORACLE_TMP/compare.out")))
figures zic slim sys quirks
finish
