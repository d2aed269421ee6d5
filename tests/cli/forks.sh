#!/bin/bash
# forks.sh: named forks end to end.  "tzdb fetch NAME --url URL" makes
# the bare clone in $TZFORGE_FORKS, and NAME@REF then works as a SPEC in
# all three tools: zic compiles it, tzdb answers from it, tzdiff
# compares upstream@2026c with global-tz@2026cgtz.
. "$(dirname "$0")/../lib.sh"
need_zic
TZDB=$top/data/tzdb
TZDIFF=$top/diff/tzdiff
UP=$top/tests/repos/upstream.git
GTZ=$top/tests/repos/global-tz.git
[ -d "$UP" ] && [ -d "$GTZ" ] || skip_all "bare clones missing (make repos)"
export TZFORGE_FORKS=$tmp/forks
export TZFORGE_MANIFESTS=$top/tzdb-forks

"$ZIC" -d "$tmp/none" --source global-tz@2026cgtz 2>"$tmp/err"
check "before fetch: exit 2" test $? -eq 2
check "before fetch: says it is not fetched" grep -q "not fetched" "$tmp/err"
check "fetch upstream" "$TZDB" fetch upstream --url "$UP"
check "fetch global-tz" "$TZDB" fetch global-tz --url "$GTZ"
check "the bare clone is in TZFORGE_FORKS" test -d "$tmp/forks/global-tz.git"
check "fetch again updates in place" "$TZDB" fetch global-tz --url "$GTZ"
check "zic --source global-tz@2026cgtz" "$ZIC" -d "$tmp/gtz" \
	--source global-tz@2026cgtz
check "same bytes as the 2026cgtz directory" bash -c '
	"$1" -d "$2/dir" --source "$3" && diff -r "$2/dir" "$2/gtz" >/dev/null' _ \
	"$ZIC" "$tmp" "$SHARED/tzdb/2026cgtz"
"$TZDB" at --source global-tz@2026cgtz Europe/Oslo 1940-08-10T12:00:00Z \
	>"$tmp/at" 2>&1
check "tzdb at from a fork: Oslo is CET" grep -q '^abbr: CET$' "$tmp/at"
"$TZDIFF" upstream@2026c global-tz@2026cgtz >"$tmp/diff" 2>&1
check "tzdiff upstream@2026c global-tz@2026cgtz: exit 1" test $? -eq 1
check "tzdiff: 95 link->zone" grep -q "link->zone 95" "$tmp/diff"
"$ZIC" -d "$tmp/none" --source nosuchfork@x 2>"$tmp/err"
check "unknown fork: exit 2" test $? -eq 2
finish
