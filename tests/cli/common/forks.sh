#!/bin/bash
# forks.sh: named forks end to end.  "tzdb fetch NAME --url URL" makes
# the bare clone in $TZFORGE_FORKS, and NAME@REF then works as a SPEC in
# all three tools: zic compiles it, tzdb answers from it, tzdiff
# compares upstream@2026c with global-tz@2026cgtz.  The manifest is read
# in full: its tag family describes the fork's commits and lists its
# tags, its branch is what FORK@ reads.  A fetch from a hostile server
# (tests/cli/common/fetch_server.py) ends: a stalled one at the timeout, a
# flooding one at the memory bound, an interrupted or killed fetch
# leaves no temporary clone behind.
. "$(dirname "$0")/../../lib.sh"
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

# The manifest's branch and tag family.
"$ZIC" -d "$tmp/head" --source global-tz@ 2>"$tmp/err" &&
    "$ZIC" -d "$tmp/branch" --source global-tz@global-tz
check "global-tz@ is the manifest's branch, global-tz" \
    diff -r "$tmp/head" "$tmp/branch"
version() { "$top/build/tools/zisource" -v "$1" 2>&1 >/dev/null | sed -n 's/^version //p'; }
if [ -x "$top/build/tools/zisource" ]; then
	check "global-tz@global-tz described in the gtz family" \
	    test "$(version global-tz@global-tz)" = "$(git -C "$GTZ" describe \
	    --tags --match '[0-9][0-9][0-9][0-9][a-z]gtz' --abbrev=7 global-tz)"
	# 2022bgtz is a lightweight tag: the Makefile's annotated-only
	# describe says 2022agtz-166-ged481f7, the fork's release 2022bgtz.
	for tag in $(git -C "$GTZ" for-each-ref --format='%(refname:short)' \
	    refs/tags); do
		want=$(git -C "$GTZ" describe --tags \
		    --match '[0-9][0-9][0-9][0-9][a-z]gtz' --abbrev=7 "$tag")
		got=$(version "global-tz@$tag")
		[ "$got" = "$want" ] || break
	done
	check "global-tz@TAG is TAG for every tag, lightweight ones too ($tag)" \
	    test "$got" = "$want"
	check "global-tz@2022bgtz is 2022bgtz" \
	    test "$(version global-tz@2022bgtz)" = 2022bgtz
	check "a bare clone@2022bgtz keeps the Makefile's describe" \
	    test "$(version "$GTZ@2022bgtz")" = "$(git -C "$GTZ" describe \
	    --match '[0-9][0-9][0-9][0-9][a-z]*' --abbrev=7 2022bgtz)"
fi
"$TZDB" load --db "$tmp/f.db" global-tz@2022bgtz 2>/dev/null
check "tzdb load global-tz@2022bgtz is labelled 2022bgtz" \
    eval '"$TZDB" releases --db "$tmp/f.db" | cut -f1 | grep -qx 2022bgtz'
mkdir -p "$tmp/man" && cp "$top/tzdb-forks/"* "$tmp/man/"
printf 'tag [0-9]*\n' >>"$tmp/man/global-tz"
TZFORGE_MANIFESTS=$tmp/man "$ZIC" -d "$tmp/none" --source global-tz@2026cgtz \
    2>"$tmp/err"
rc=$?
check "a manifest with an unknown key is refused, naming it" \
    eval 'test $rc -eq 2 && grep -q "manifest of fork .global-tz., line [0-9]*: unknown key .tag." "$tmp/err"'

# Fetching from hostile servers, bounded.
if command -v python3 >/dev/null 2>&1; then
	serve() {	# MODE: start fetch_server.py, set port
		python3 "$top/tests/cli/common/fetch_server.py" "$1" >"$tmp/port.$1" &
		servers="${servers:-} $!"
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			[ -s "$tmp/port.$1" ] && break
			sleep 0.2
		done
		port=$(cat "$tmp/port.$1")
	}
	trap '[ "$BASHPID" = "$$" ] && { kill ${servers:-} 2>/dev/null; rm -rf "$tmp"; }' EXIT
	export TZFORGE_FORKS=$tmp/hostile
	temps() { find "$tmp/hostile" -maxdepth 1 -name '*.tmp.*' 2>/dev/null | wc -l; }
	serve stall
	start=$(date +%s)
	TZFORGE_FETCH_TIMEOUT=2 timeout 30 "$TZDB" fetch global-tz \
	    --url "http://127.0.0.1:$port/x.git" 2>"$tmp/err"
	rc=$?
	note "stalled server: exit $rc after $(( $(date +%s) - start )) s: $(cat "$tmp/err")"
	check "a stalled server: the fetch times out (exit 2)" \
	    eval 'test $rc -eq 2 && grep -q "timed out" "$tmp/err"'
	check "... and leaves no temporary clone" test "$(temps)" -eq 0
	# (a 3 GB address-space cap and 90 s keep a failing tzdb from
	# harming the machine; /usr/bin/time gives the peak of tzdb and of
	# its fetch process)
	serve flood
	if grep -q 'fsanitize=[a-z,]*address' "$top/build/flags" 2>/dev/null; then
		note "an AddressSanitizer build reserves terabytes of address space: no memory bound to check"
	else
	( ulimit -v 3000000
	  TZFORGE_FETCH_MAX=100000000 TZFORGE_FETCH_TIMEOUT=60 timeout 90 \
	      /usr/bin/time -f '%M' -o "$tmp/rss" "$TZDB" fetch global-tz \
	      --url "http://127.0.0.1:$port/x.git" 2>"$tmp/err" )
	rc=$?
	rss=$(tail -n 1 "$tmp/rss" 2>/dev/null)
	note "flooding server: exit $rc, peak ${rss:-?} KB: $(cat "$tmp/err")"
	check "a flooding server: the fetch stops (exit 2)" test "$rc" -eq 2
	check "... within its memory bound (100 MB + 256 MB; peak under 600 MB)" \
	    test "${rss:-999999999}" -lt 600000
	fi
	check "... and leaves no temporary clone" test "$(temps)" -eq 0
	# Interrupted: SIGTERM (SIGINT is ignored in a script's background
	# job) stops the fetch, which removes its clone.
	TZFORGE_FETCH_TIMEOUT=60 "$TZDB" fetch global-tz \
	    --url "http://127.0.0.1:$(cat "$tmp/port.stall")/x.git" 2>"$tmp/err" &
	pid=$!
	sleep 1
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	check "SIGTERM: the fetch ends (exit 2, interrupted)" \
	    eval 'test $rc -eq 2 && grep -q interrupted "$tmp/err"'
	check "... and leaves no temporary clone" test "$(temps)" -eq 0
	# Killed: nothing can clean up then; the next fetch does.
	TZFORGE_FETCH_TIMEOUT=60 "$TZDB" fetch global-tz \
	    --url "http://127.0.0.1:$(cat "$tmp/port.stall")/x.git" 2>/dev/null &
	pid=$!
	sleep 1
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	sleep 0.5
	note "after SIGKILL: $(temps) temporary clone(s)"
	"$TZDB" fetch global-tz --url "$GTZ"
	check "after a SIGKILL, the next fetch succeeds and removes the stale clone" \
	    eval 'test $? -eq 0 && test "$(temps)" -eq 0 && test -d "$tmp/hostile/global-tz.git"'
fi
finish
