#!/bin/bash
# tests/cli/zic/source.sh: zic --source reads every kind of SPEC (issue 3).
#  - 2026c as REPO@2026c, as a tarball made here, as the directory and as
#    the tzdata.zi that --install wrote (from REPO@2026c: --install needs
#    the release's Makefile): four trees equal to the golden slim tree;
#  - --backzone --packratlist zone.tab equals the packrat golden tree;
#  - every release tag of both bundles compiles from REPO@TAG, exit 0,
#    but those whose Makefile gives zic solar87, which zic 2026c rejects;
#  - zic's messages name the file and line the input came from;
#  - a build switch the release's Makefile lacks is refused (one line
#    naming the release that brought it, exit 2, nothing written);
#  - bad SPECs: one line naming the problem, exit 2, nothing written.
. "$(dirname "$0")/../../lib.sh"
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
compile_tag() {	# SPEC: prints "ok SPEC" or "FAIL SPEC: first error line"
	local d
	d=$(mktemp -d "$fast/t.XXXXXX")
	if "$ZIC" -d "$d/out" --source "$1" 2>"$d/err"; then
		echo "ok $1"
	else
		echo "FAIL $1: $(grep -v -m 1 'warning: ' "$d/err")"
	fi
	rm -rf "$d"
}
export -f compile_tag
export fast
for repo in "$UP" "$GTZ"; do
	git -C "$repo" tag | sed "s|^|$repo@|"
done | xargs -P 2 -I{} bash -c 'compile_tag "$1"' _ {} >"$tmp/tags"
[ "$fast" != "$tmp" ] && rm -rf "$fast"
# The releases up to 2013h give zic solar87-89 (their Makefile's SDATA),
# and zic 2026c rejects solar87 as it rejects it when given the files.
for tag in $(git -C "$UP" tag); do
	git -C "$UP" show "$tag:Makefile" | grep -q '^SDATA=.*solar87' &&
	    echo "$UP@$tag"
done | sort >"$tmp/solar"
grep '^FAIL' "$tmp/tags" | sed 's/^FAIL \([^:]*\):.*/\1/' | sort >"$tmp/failed"
total=$(grep -c '^ok ' "$tmp/tags")
note "tags compiled: $total, failed: $(wc -l <"$tmp/failed"), with solar87: $(wc -l <"$tmp/solar")"
grep '^FAIL' "$tmp/tags" | grep -v '"solar87", line 387: ' | head -5 |
    sed 's/^/# /'
check "every release tag compiles from REPO@TAG but those with solar87" \
    test "$total" -eq $((106 - $(wc -l <"$tmp/solar"))) -a \
    "$(grep '^FAIL' "$tmp/tags" | grep -vc '"solar87", line 387: ')" -eq 0
check "... and those fail as zic fails on solar87" cmp -s "$tmp/solar" "$tmp/failed"
# Messages point into the files: a bad line planted in a copy of
# northamerica is reported there, not at its line of the whole input.
cp -r "$TZDB" "$tmp/planted"
line=$(grep -n '^Zone America/Edmonton' "$tmp/planted/northamerica" | cut -d: -f1)
sed -i "${line}s/^Zone America\/Edmonton\t/Zone America\/Edmonton\tx/" \
    "$tmp/planted/northamerica"
"$ZIC" -d "$tmp/planted.out" --source "$tmp/planted" 2>"$tmp/planted.err"
rc=$?
note "planted: exit $rc, $(head -n 1 "$tmp/planted.err")"
check "a bad line is reported at its own file and line" \
    grep -q "^\"northamerica\", line $line: " "$tmp/planted.err"
check "... and zic fails" test "$rc" -ne 0
# 2020e's own rearguard.zi does not compile (its ziguard.awk uncomments
# a comment line of africa); --source fails on the same line.
"$ZIC" -d "$tmp/r2020e" --source "$UP@2020e" --dataform rearguard \
    2>"$tmp/r2020e.err"
rc=$?
note "2020e rearguard: exit $rc: $(head -n 1 "$tmp/r2020e.err")"
check "2020e rearguard fails as its rearguard.zi fails, in africa" \
    test "$rc" -ne 0 -a "$(grep -c '^"africa", line 1352: input line of unknown type' "$tmp/r2020e.err")" -eq 1

# refused VAR SINCE ARG...: zic ARG... exits 2 with one line that
# names VAR and the release SINCE, and writes nothing.
refused() {
	local rc var=$1 since=$2
	shift 2
	rm -rf "$tmp/refused"
	"$ZIC" -d "$tmp/refused" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	    grep -q "$var.*$since" "$tmp/err" && [ ! -e "$tmp/refused" ] ||
	    { note "got rc=$rc: $(cat "$tmp/err")"; return 1; }
}
check "2016j has no PACKRATLIST (2022b)" refused PACKRATLIST 2022b \
    --source "$UP@2016j" --backzone --packratlist zone.tab
check "2015g has no PACKRATDATA (2016a)" refused PACKRATDATA 2016a \
    --source "$UP@2015g" --backzone
check "2017b has no BACKWARD (2017c)" refused BACKWARD 2017c \
    --source "$UP@2017b" --no-backward
check "2018c has no DATAFORM (2018d)" refused DATAFORM 2018d \
    --source "$UP@2018c" --dataform vanguard
check "2022a has no PACKRATLIST (2022b)" refused PACKRATLIST 2022b \
    --source "$UP@2022a" --backzone --packratlist zone.tab

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
