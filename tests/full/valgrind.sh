#!/bin/bash
# tests/full/valgrind.sh: the three programs under valgrind's memcheck on
# the main jobs and on early failures: no invalid access, no use of
# uninitialised memory, no leak (definitely, indirectly or possibly
# lost), including when zic exits on an error while its writer threads
# run.  For make check-full (a few minutes).  Exit 0 pass, 1 fail, 77 skip.
. "$(dirname "$0")/../lib.sh"
need_cmd valgrind
[ -n "${SANITIZE:-}" ] && skip_all "valgrind and the sanitizers do not mix"

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --log-file="$tmp/vg.log" "$@"
}

# memcheck WHAT STATUS COMMAND...: COMMAND exits STATUS under valgrind,
# which found nothing.
memcheck() {
	local what=$1 want=$2 rc
	shift 2
	vg "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ] && [ ! -s "$tmp/vg.log" ]; then
		ok "$what: exit $rc, valgrind clean"
	else
		not_ok "$what: exit $rc (want $want)"
		head -n 12 "$tmp/vg.log" "$tmp/err" | sed 's/^/#   /'
	fi
}

cd "$TZDB" || exit 2
memcheck "zic compiles 2026c" 0 "$ZIC" -d "$tmp/tz" $MAIN_FILES
memcheck "zic -b fat -L leapseconds" 0 "$ZIC" -b fat -L leapseconds \
    -d "$tmp/right" europe
memcheck "zic: missing input file" 1 "$ZIC" -d "$tmp/tz2" "$tmp/none.zi"
printf 'Zone X 0 - %%\n' >"$tmp/bad.zi"
memcheck "zic: invalid input" 1 "$ZIC" -d "$tmp/tz3" "$tmp/bad.zi"
cd "$top" || exit 2
memcheck "zic --source upstream@2026c --backzone --install" 0 "$ZIC" \
    --source tests/repos/upstream.git@2026c --backzone --install \
    -d "$tmp/inst"
memcheck "tzdb at --source" 0 data/tzdb at --source "$TZDB" Europe/Oslo \
    1940-08-10T12:00Z
memcheck "tzdb local (gap, --policy later)" 0 data/tzdb local \
    --source "$TZDB" --policy later Europe/Berlin 2024-03-31T02:30:00
memcheck "tzdb load into a new store" 0 data/tzdb load --db "$tmp/s.db" --label 2026c \
    "$TZDB"
memcheck "tzdb transitions --json from the store" 0 data/tzdb \
    transitions --db "$tmp/s.db" --json America/New_York
memcheck "tzdiff 2026c against 2026cgtz" 1 diff/tzdiff "$TZDB" \
    "$SHARED/tzdb/2026cgtz"
memcheck "tzdiff --format json" 1 diff/tzdiff --format json "$TZDB" \
    "$SHARED/tzdb/2026cgtz"
memcheck "tzdiff: missing tree" 2 diff/tzdiff "$TZDB" "$tmp/none"
finish
