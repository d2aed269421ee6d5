#!/bin/bash
# tests/oracle/release_forms.sh: each release's data forms and build
# switches against what that release's own Makefile and ziguard.awk make
# (run with gawk, tests/oracle/release-lib.inc).  For a release, each form
# it has (main, vanguard, rearguard from 2018d on) and each switch
# (default, --backzone, --backzone --packratlist zone.tab, --no-backward):
#
#   [text]    the FORM.zi the Makefile writes against build/tools/zisource
#             -f FORM with the same switches, byte for byte (releases
#             with .zi targets);
#   [tree]    the TZif tree the zic under test compiles from that FORM.zi
#             (older releases: from the files, order and zic runs of
#             "make posix_only") against zic --source REPO@REF with the
#             same switches, byte for byte; where the Makefile's own form
#             does not compile, zic --source must fail too, with the
#             messages zic gives on the Makefile's file;
#   [refuse]  a switch or form whose Makefile variable the release lacks
#             must be refused: exit 2, one line naming the release that
#             introduced it.
#
# make check runs a sample with a release of every Makefile, ziguard.awk
# and zishrink.awk era (RELEASES.md), main and global-tz; tests/full runs
# every tag of both bundles (ORACLE_MATRIX=full).  ORACLE_REFS="A B"
# picks refs by hand.

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
oracle_need

SAMPLE="2012e 2013i 2014g 2016a 2017c 2018a 2018c 2018d 2018e 2018f
	2018g 2018h 2019b 2020b 2020c 2020e 2020f 2021b 2022a 2022b 2022c
	2022f 2024a 2024b 2026c main 2022agtz 2022fgtz 2026cgtz"

forms_one() {
	local ref=$1 form=$2 sw=$3 name d=$ORACLE_TMP/forms.$BASHPID mk rc what sys
	name="$ref $form $(sw_name "$sw")"
	rm -rf "$d"
	mkdir -p "$d"
	if oracle_has forms; then
		if mk=$(oracle_zi "$form" "$sw"); then
			"$ZISOURCE" -f "$form" $(sw_zisource "$sw") \
			    "$(oracle_spec "$ref")" >"$d/ours.zi" 2>"$d/zs.err"
			if text_compare "$mk" "$d/ours.zi"; then
				ok "[text] $name: $form.zi $CMP_SUMMARY"
			else
				not_ok "[text] $name: $form.zi: $CMP_SUMMARY"
				head -n 2 "$d/zs.err" | sed 's/^/#   zisource: /'
			fi
		else
			not_ok "[text] $name: make $form.zi failed"
			oracle_fail_log "$form.$sw.zi"
		fi
	fi

	oracle_tree "$form" "$sw" "$d/make" "$d/make.err"
	rc=$?
	if [ "$rc" = 2 ]; then
		not_ok "[tree] $name: the Makefile failed"
		oracle_fail_log "$form.$sw.zi"
		oracle_fail_log "rec.$sw"
	elif [ "$rc" = 1 ]; then
		# What the Makefile makes does not compile: --source must fail
		# too.  The system zic's opinion is noted, to tell a fault of
		# the release from one of the zic under test.
		what=$(oracle_build_name "$form")
		sys=rejects
		[ -x "$SYS_ZIC" ] &&
		    oracle_tree "$form" "$sw" "$d/sys" /dev/null "$SYS_ZIC" &&
		    sys=accepts
		"$ZIC" -d "$d/ours" $(ours_args "$ref" "$form" "$sw") \
		    >/dev/null 2>"$d/ours.err"
		rc=$?
		# zic's own messages, without the file and line: zic says
		# the same of make's file.
		diag_texts "$d/make.err" >"$d/make.msg"
		diag_texts "$d/ours.err" >"$d/ours.msg"
		if [ "$rc" != 0 ] && [ -s "$d/ours.msg" ] &&
		    cmp -s "$d/make.msg" "$d/ours.msg"; then
			ok "[tree] $name: fails as $what fails ($(first_error "$d/make.err"); $SYS_ZIC $sys it); zic --source: $(first_error "$d/ours.err")"
		else
			not_ok "[tree] $name: $what does not compile ($(first_error "$d/make.err"); $SYS_ZIC $sys it) but zic --source exits $rc with other messages"
			diff "$d/make.msg" "$d/ours.msg" | head -n 5 | sed 's/^/#   /'
			first_error "$d/ours.err" | sed 's/^/#   zic: /'
		fi
	elif ! "$ZIC" -d "$d/ours" $(ours_args "$ref" "$form" "$sw") \
	    >/dev/null 2>"$d/ours.err"; then
		not_ok "[tree] $name: zic --source fails: $(first_error "$d/ours.err")"
	elif tree_compare "$d/make" "$d/ours"; then
		ok "[tree] $name: $CMP_SUMMARY"
	else
		not_ok "[tree] $name: $CMP_SUMMARY"
	fi
	rm -rf "$d"
}

forms_ref() {
	if oracle_dir "$1"; then
		each_build forms_one "$1" refuse
	else
		not_ok "[tree] $1: no such ref, or no checkout"
	fi
}

oracle_matrix forms_ref $(oracle_pick_refs "$SAMPLE")
figures text tree refuse
finish
