#!/bin/bash
# tests/cli/common/options_all_tested.sh: every option that tzdb's per-command
# --help and tzdiff's --help list is used by at least one of that tool's
# shell tests (issue 16: "every option exercised"), so that a new option
# cannot arrive without a test.  Whether the effect is asserted is for
# the review of that test; this only catches the option nobody runs.
. "$(dirname "$0")/../../lib.sh"

TZDB_BIN=$top/data/tzdb
need_tzdiff
[ -x "$TZDB_BIN" ] || { not_ok "no $TZDB_BIN"; finish; }

# options_of HELPTEXT-FILE: the long options its "  --name" lines list.
options_of() { sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' "$1"; }

# used OPTION SCRIPT...: some script names OPTION as a word.
used() {
	local o=$1
	shift
	grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" "$@"
}

"$TZDB_BIN" --help >"$tmp/cmds" 2>&1
cmds=$(sed -n 's/^\(usage:\)\{0,1\} *tzdb \([a-z][a-z]*\) .*/\2/p' "$tmp/cmds")
check "tzdb --help lists its commands" [ "$(echo "$cmds" | wc -w)" -ge 10 ]
for c in $cmds; do
	"$TZDB_BIN" "$c" --help >>"$tmp/tzdb.help" 2>&1
done
tzdb_tests=$(ls "$top"/tests/cli/tzdb/*.sh)
n=0
for o in $(options_of "$tmp/tzdb.help" | sort -u); do
	n=$((n + 1))
	used "$o" $tzdb_tests || not_ok "tzdb $o: no tests/cli/tzdb/*.sh uses it"
done
check "tzdb: $n options, each used by a test" [ "$n" -ge 20 ]

"$TZDIFF" --help >"$tmp/tzdiff.help" 2>&1
n=0
for o in $(options_of "$tmp/tzdiff.help" | sort -u); do
	n=$((n + 1))
	used "$o" "$top"/tests/cli/tzdiff/*.sh ||
	    not_ok "tzdiff $o: no tests/cli/tzdiff/*.sh uses it"
done
check "tzdiff: $n options, each used by a test" [ "$n" -ge 15 ]
finish
