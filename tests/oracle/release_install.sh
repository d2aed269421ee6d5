#!/bin/bash
# tests/oracle/release_install.sh: zic --source REPO@REF --install against
# that release's own "make install DESTDIR=..." (run with gawk and with
# the zic under test as the Makefile's zic, tests/oracle/release-lib.inc),
# for the same switches.  Compared: the release's TZDIR tree, file for
# file (names, types, modes, symlink targets, bytes, hard-link groups);
# with a REDO variant also its TZDIR-posix and TZDIR-leaps siblings,
# against DIR-posix and DIR-leaps beside zic's -d DIR.
#
#   [install]  one line per tree compared; where the release's own make
#              install fails, zic --install must fail too (one line);
#   [refuse]   Debian's switches (--backzone --packratlist zone.tab) on a
#              release without PACKRATLIST: zic --install must refuse
#              (that release is then compared with --backzone alone).
#
# make check: 2016j, 2020a, 2023c, 2026c and 2026cgtz, default and
# Debian's switches, and 2026c with REDO=posix_right.  ORACLE_MATRIX=full
# (tests/full): a release of every install era (RELEASES.md) and every
# REDO for three of them.  ORACLE_REFS="A B" picks refs by hand.

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
oracle_need

SAMPLE="2016j 2020a 2023c 2026c 2026cgtz"
SAMPLE_REDO="2026c:posix_right"
FULL="2012e 2013e 2013i 2014f 2016a 2016j 2017c 2018a 2018f 2019c 2020a
	2020b 2021a 2022b 2023c 2023d 2024b 2025c 2026a 2026c main
	2022agtz 2023cgtz 2026cgtz global-tz"
FULL_REDO="2020a:posix_only 2020a:right_only 2020a:right_posix
	2026c:posix_right 2026c:right_only 2026c:right_posix
	2026cgtz:posix_right"

# install_one REF SW [REDO]: make install against zic --install.
install_one() {
	local ref=$1 sw=$2 redo=${3:-} name d=$ORACLE_TMP/inst.$BASHPID tz
	local make_args=() ours_args=() dirs suffix rc orc
	name="$ref $(sw_name "$sw")${redo:+ --redo $redo}"
	if [ -n "$redo" ]; then
		make_args=(REDO="$redo")
		ours_args=(--redo "$redo")
		dirs="'' -posix -leaps"
	else
		dirs="''"
	fi
	rm -rf "$d"
	oracle_install "$d/make" "$sw" "${make_args[@]}"
	rc=$?
	tz=${ITZDIR#"$d/make"}
	"$ZIC" -d "$d/ours$tz" $(ours_args "$ref" main "$sw") --install \
	    "${ours_args[@]}" >/dev/null 2>"$d/ours.err"
	orc=$?
	if [ "$rc" != 0 ]; then
		# The release's own install fails: so must ours, with the same
		# first message as the zic that make ran (diag_texts: without
		# file and line, as make feeds zic a temporary tzdata.zi).
		local want got
		want=$(grep -e '^"' "$d/make.log" | diag_texts /dev/stdin | head -n 1)
		got=$(diag_texts "$d/ours.err" | head -n 1)
		if [ "$orc" = 0 ]; then
			not_ok "[install] $name: make install fails ($want) but zic --install exits 0"
		elif [ -n "$want" ] && [ "$got" != "$want" ]; then
			not_ok "[install] $name: make install fails with: $want; zic --install with: $got"
		else
			ok "[install] $name: fails as make install fails: ${got:-exit $orc}"
		fi
		rm -rf "$d"
		return
	fi
	if [ "$orc" != 0 ]; then
		not_ok "[install] $name: zic --install fails: $(first_error "$d/ours.err")"
		rm -rf "$d"
		return
	fi
	for suffix in $dirs; do
		suffix=${suffix//\'/}
		if [ ! -e "$d/make$tz$suffix" ]; then
			continue
		elif [ -L "$d/make$tz$suffix" ]; then
			# posix_right's TZDIR-posix: a symlink to TZDIR
			if [ "$(readlink "$d/make$tz$suffix")" = \
			    "$(readlink "$d/ours$tz$suffix" 2>/dev/null)" ]; then
				ok "[install] $name ${tz##*/}$suffix: symlink to $(readlink "$d/make$tz$suffix"), as make's"
			else
				not_ok "[install] $name ${tz##*/}$suffix: make's is a symlink to $(readlink "$d/make$tz$suffix"), ours $(readlink "$d/ours$tz$suffix" 2>/dev/null || echo is not)"
			fi
		elif install_compare "$d/make$tz$suffix" "$d/ours$tz$suffix"; then
			ok "[install] $name ${tz##*/}$suffix: $CMP_SUMMARY"
		else
			not_ok "[install] $name ${tz##*/}$suffix: $CMP_SUMMARY"
		fi
	done
	# Outside TZDIR: etc/localtime (2018a on) is noted, not compared:
	# zic --install writes only below -d.
	[ -e "$d/make/etc/localtime" ] &&
	    note "$name: make install also links etc/localtime (not compared)"
	rm -rf "$d"
}

install_ref() {
	local ref=${1%%:*} redo= miss
	case $1 in *:*) redo=${1#*:} ;; esac
	if ! oracle_dir "$ref"; then
		not_ok "[install] $ref: no such ref, or no checkout"
		return
	fi
	if [ -n "$redo" ]; then
		install_one "$ref" default "$redo"
		return
	fi
	install_one "$ref" default
	if miss=$(sw_missing packrat); then
		refusal_check "[refuse] $ref --install $(sw_name packrat)" \
		    "$miss" $(ours_args "$ref" main packrat) --install
		sw_missing backzone >/dev/null || install_one "$ref" backzone
	else
		install_one "$ref" packrat
	fi
}

oracle_matrix install_ref $(oracle_pick_refs "$SAMPLE $SAMPLE_REDO" "$FULL $FULL_REDO")
figures install refuse
finish
