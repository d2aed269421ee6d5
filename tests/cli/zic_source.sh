#!/bin/bash
# zic_source.sh: zic --source reads every kind of SPEC (issue 3).
#  - 2026c as REPO@2026c, as a tarball made here, as the directory and as
#    the tzdata.zi that --install wrote (from REPO@2026c: --install needs
#    the release's Makefile): four trees equal to the golden slim tree;
#  - --backzone --packratlist zone.tab equals the packrat golden tree;
#  - every release tag of both bundles compiles from REPO@TAG, exit 0;
#  - bad SPECs: one line naming the problem, exit 2, nothing written.
. "$(dirname "$0")/../lib.sh"
need_zic
UP=$top/tests/repos/upstream.git
GTZ=$top/tests/repos/global-tz.git
[ -d "$UP" ] && [ -d "$GTZ" ] || skip_all "bare clones missing (make tests/repos/upstream.git)"

# same_as_golden DIR GOLDEN: every golden file is byte-identical in DIR.
same_as_golden() {
	local n=0 bad=0 f
	while read -r f; do
		if cmp -s "$1/$f" "$2/$f"; then n=$((n + 1)); else bad=$((bad + 1)); fi
	done < <(names_of "$2")
	[ "$(names_of "$1" | grep -v -e '^tzdata.zi$' -e '\.tab$' \
	    -e '^leap' | wc -l)" -eq "$(names_of "$2" | wc -l)" ] || bad=$((bad + 1))
	note "$(basename "$1"): identical $n, different $bad"
	[ "$bad" -eq 0 ]
}

tar -C "$SHARED/tzdb" -czf "$tmp/tzdata2026c.tar.gz" 2026c
check "directory" "$ZIC" -d "$tmp/dir" --source "$TZDB"
check "directory tree = golden slim" same_as_golden "$tmp/dir" "$GOLDEN/2026c-main-slim"
# --install needs the release's Makefile, which the directory lacks.
check "REPO@2026c with --install" "$ZIC" -d "$tmp/inst" --source "$UP@2026c" --install
check "--install wrote tzdata.zi and zone.tab" test -s "$tmp/inst/tzdata.zi" -a -s "$tmp/inst/zone.tab"
check "REPO@2026c" "$ZIC" -d "$tmp/git" --source "$UP@2026c"
check "REPO@2026c tree = golden slim" same_as_golden "$tmp/git" "$GOLDEN/2026c-main-slim"
check "tarball" "$ZIC" -d "$tmp/tar" --source "$tmp/tzdata2026c.tar.gz"
check "tarball tree = golden slim" same_as_golden "$tmp/tar" "$GOLDEN/2026c-main-slim"
check "installed tzdata.zi" "$ZIC" -d "$tmp/zi" --source "$tmp/inst/tzdata.zi"
check "tzdata.zi tree = golden slim" same_as_golden "$tmp/zi" "$GOLDEN/2026c-main-slim"
check "--backzone --packratlist zone.tab" "$ZIC" -d "$tmp/pr" --source "$TZDB" \
	--backzone --packratlist zone.tab
check "packrat tree = golden packrat" same_as_golden "$tmp/pr" "$GOLDEN/2026c-packrat-slim"
# VANGUARD_SUBSECONDS (from the environment, as the Makefile passes it):
# the #STDOFF subsecond offsets reach zic, which rounds them back, so the
# TZif files are main's; tzdata.zi keeps the fractions.
check "vanguard with VANGUARD_SUBSECONDS=1" env VANGUARD_SUBSECONDS=1 \
    "$ZIC" -d "$tmp/sub" --source "$UP@2026c" --dataform vanguard --install
check "... tree = golden slim" same_as_golden "$tmp/sub" "$GOLDEN/2026c-main-slim"
check "... tzdata.zi has the subsecond offsets" \
    grep -q '^Z Africa/Cairo 2:5:8.9 ' "$tmp/sub/tzdata.zi"

# Every tag of both bundles, two at a time, on tmpfs when there is one
# (600 files per tag make this file-system bound).
fast=$tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && fast=$(mktemp -d /dev/shm/tzforge.XXXXXX)
compile_tag() {	# SPEC: prints "ok" or "FAIL SPEC: first error line"
	local d
	d=$(mktemp -d "$fast/t.XXXXXX")
	if "$ZIC" -d "$d/out" --source "$1" 2>"$d/err"; then
		echo ok
	else
		echo "FAIL $1: $(head -1 "$d/err")"
	fi
	rm -rf "$d"
}
export -f compile_tag
export fast
for repo in "$UP" "$GTZ"; do
	git -C "$repo" tag | sed "s|^|$repo@|"
done | xargs -P 2 -I{} bash -c 'compile_tag "$1"' _ {} >"$tmp/tags"
[ "$fast" != "$tmp" ] && rm -rf "$fast"
total=$(grep -c '^ok$' "$tmp/tags")
failed=$(grep -c '^FAIL' "$tmp/tags")
grep '^FAIL' "$tmp/tags" | head -5 | sed 's/^/# /'
note "tags compiled: $total, failed: $failed"
check "all 106 release tags compile from REPO@TAG" test "$total" -eq 106 -a "$failed" -eq 0

# bad_spec SPEC MESSAGE: exit 2, exactly one line containing MESSAGE,
# and no output directory.
bad_spec() {
	local rc
	rm -rf "$tmp/bad"
	"$ZIC" -d "$tmp/bad" --source "$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	    grep -qF -- "$2" "$tmp/err" && [ ! -e "$tmp/bad" ] && [ ! -s "$tmp/out" ] ||
	    { note "got rc=$rc: $(cat "$tmp/err")"; return 1; }
}
mkdir "$tmp/empty"
printf 'not an archive' >"$tmp/junk.tar.gz"
check "no such path" bad_spec "$tmp/nonexistent" "no such path"
check "not a git repository" bad_spec "$tmp/empty@2026c" "not a git repository"
check "unknown ref" bad_spec "$UP@nosuchref" "unknown ref 'nosuchref'"
git init -q "$tmp/nodata" && printf 'hello\n' >"$tmp/nodata/README" &&
    git -C "$tmp/nodata" add README &&
    git -C "$tmp/nodata" -c user.name=t -c user.email=t@t commit -qm x
check "no tzdb data at that ref" bad_spec "$tmp/nodata@HEAD" "no tzdb data"
check "corrupt archive" bad_spec "$tmp/junk.tar.gz" "archive"
check "unknown fork" bad_spec "nosuchfork@2026c" "unknown fork 'nosuchfork'"
finish
