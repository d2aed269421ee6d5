#!/bin/bash
# tests/oracle/release_versions.sh: the version tzforge gives a release
# against the one that release's own Makefile derives.  From 2016g the
# Makefile writes the file "version" with git describe --match
# '[0-9][0-9][0-9][0-9][a-z]*' --abbrev=7 --dirty in a checkout ("make
# version": 2026c, 2026c-10-gb41b681 for upstream main...); 2012g-2016f
# set VERSION= in the Makefile itself.  Ours: what build/tools/zisource -v
# reports ("version ..." on stderr), and the "# version" line of the
# tzdata.zi it makes (releases with a tzdata.zi header: 2018a on).
#
#   [version]  one line per ref and per place tzforge shows the version.
#
# The refs: tags of several eras, untagged commits (main~3, global-tz~2),
# both branch heads and global-tz tags.  ORACLE_REFS="A B" picks refs.

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
oracle_need

SAMPLE="2014c 2016g 2018a 2020a 2026c main~3 main 2022agtz 2026cgtz
	global-tz~2 global-tz"

# make_version: the version ODIR's Makefile gives its checkout.
make_version() {
	if oracle_has version; then
		oracle_version
	elif oracle_has VERSION; then
		oracle_var VERSION
	else
		return 1
	fi
}

version_ref() {
	local ref=$1 want got spec
	if ! oracle_dir "$ref"; then
		not_ok "[version] $ref: no such ref, or no checkout"
		return
	fi
	spec=$(oracle_spec "$ref")
	if ! want=$(make_version); then
		note "$ref: the Makefile has no version (before 2012g)"
		return
	fi
	got=$("$ZISOURCE" -v "$spec" 2>&1 >/dev/null | sed -n 's/^version //p')
	if [ "$got" = "$want" ]; then
		ok "[version] $ref: zisource -v says $got, as make version"
	else
		not_ok "[version] $ref: make version says '$want', zisource -v '$got'"
	fi
	oracle_has tzdata.zi && grep -q '"# version"' "$ODIR/src/zishrink.awk" ||
	    return
	got=$("$ZISOURCE" -z "$spec" 2>/dev/null | sed -n '1s/^# version //p')
	if [ "$got" = "$want" ]; then
		ok "[version] $ref: tzdata.zi says # version $got, as make version"
	else
		not_ok "[version] $ref: make version says '$want', our tzdata.zi '# version $got'"
	fi
}

oracle_matrix version_ref $(oracle_pick_refs "$SAMPLE" "$(oracle_refs) main~3 global-tz~2")
figures version
finish
