#!/bin/bash
# tests/oracle/release_tzdata.sh: the tzdata.zi tzforge makes against the
# one that release's own Makefile makes ("make tzdata.zi", zishrink.awk
# run with gawk over the Makefile's FORM.zi, or over TDATA in 2017c-2018c),
# byte for byte, header lines (# version, # dataform, # redo, # ddeps)
# included: build/tools/zisource -z with the same form and switches and
# no -r, so that the release's own default REDO is expected.
#
#   [tzdata]  one line per release x form x switch that release's
#             Makefile has (releases from 2017c, forms from 2018d); the
#             refusal of the others is release_forms.sh's.
#
# make check runs a release of every zishrink.awk and Makefile era
# (RELEASES.md); tests/full every tag (ORACLE_MATRIX=full).

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
oracle_need

SAMPLE="2017c 2018a 2018c 2018d 2018f 2018g 2019b 2020b 2021b 2022b
	2022f 2024a 2024b 2026a 2026c main 2022agtz 2026cgtz"

tzdata_one() {
	local ref=$1 form=$2 sw=$3 name mk d=$ORACLE_TMP/tzdata.$BASHPID
	name="$ref $form $(sw_name "$sw")"
	if ! mk=$(oracle_tzdata_zi "$form" "$sw"); then
		not_ok "[tzdata] $name: make tzdata.zi fails"
		oracle_fail_log "tzdata.$form.$sw.zi"
		return
	fi
	mkdir -p "$d"
	if ! "$ZISOURCE" -z -f "$form" $(sw_zisource "$sw") \
	    "$(oracle_spec "$ref")" >"$d/ours.zi" 2>"$d/err"; then
		not_ok "[tzdata] $name: zisource -z fails: $(head -n 1 "$d/err")"
	elif text_compare "$mk" "$d/ours.zi"; then
		ok "[tzdata] $name: tzdata.zi $CMP_SUMMARY"
	else
		not_ok "[tzdata] $name: tzdata.zi: $CMP_SUMMARY"
	fi
	rm -rf "$d"
}

tzdata_ref() {
	if ! oracle_dir "$1"; then
		not_ok "[tzdata] $1: no such ref, or no checkout"
	elif ! oracle_has tzdata.zi; then
		note "$1: no tzdata.zi target (before 2017c)"
	else
		each_build tzdata_one "$1"
	fi
}

oracle_matrix tzdata_ref $(oracle_pick_refs "$SAMPLE")
figures tzdata
finish
