#!/bin/bash
# tests/cli/common/hostile_source.sh: zic --source on hostile tarballs and a
# broken git repository (issue 6): members named ../evil and /abs/evil, a
# member that inflates beyond the 16 MiB file cap, a tarball whose members
# together inflate beyond the 64 MiB tree cap, a corrupt archive, and a
# loose-object repository with a blob deleted.  Each must be refused with
# its exact message and exit status 2, nothing written, nothing extracted.
# Bad content (issue 11): a NUL byte in a directory, tarball or git tree
# is reported at its file and line as zic reports it; a member appended
# with tar -r replaces the earlier copy as tar -x would; files in two
# top-level directories are refused; a FIFO as SPEC, as a tarball or as
# PACKRATLIST is refused at once; a zoneinfo directory is read through
# its tzdata.zi.

. "$(dirname "$0")/../../lib.sh"
. "$(dirname "$0")/hostile_lib.inc"
need_zic
need_cmd tar gzip git
T=$tmp
cd "$T" || exit 2

# A small good tree: the 2026c main files.
mkdir -p tree/tzdb-2026c
for f in $MAIN_FILES; do cp "$TZDB/$f" tree/tzdb-2026c/; done
echo 2026c >tree/tzdb-2026c/version
(cd tree && tar cf - tzdb-2026c | gzip -1) >good.tar.gz
expect "a good tarball" 0 "" "$ZIC" -d out-good --source good.tar.gz
check "a good tarball: compiled" test -f out-good/Europe/Dublin

# ../ and absolute members (GNU tar keeps them with -P / --transform).
mkdir -p ev && echo evil >ev/f
(cd ev && tar cf - --transform 's|^f|../evil|' f) >dotdot.tar 2>/dev/null
(cd ev && tar cPf - --transform 's|^f|/abs/evil|' f) >absolute.tar 2>/dev/null
(cd tree && tar cf - tzdb-2026c && true) >/dev/null
expect "member ../evil" 2 "$ZIC: unsafe member path '../evil' in archive 'dotdot.tar'" \
    "$ZIC" -d out --source dotdot.tar
expect "member /abs/evil" 2 "$ZIC: unsafe member path '/abs/evil' in archive 'absolute.tar'" \
    "$ZIC" -d out --source absolute.tar
# a good tree with a ../ member appended in the middle of the list
cp -r tree tree2 && mkdir -p tree2/x && echo evil >tree2/x/e
(cd tree2 && tar cf - tzdb-2026c --transform 's|^x/e|tzdb-2026c/../../evil2|' x/e) \
    >mixed.tar 2>/dev/null
expect "../ member after good ones" 2 \
    "$ZIC: unsafe member path 'tzdb-2026c/../../evil2' in archive 'mixed.tar'" \
    "$ZIC" -d out --source mixed.tar
check "nothing extracted or written" \
    test ! -e "$T/../evil" -a ! -e /abs/evil -a ! -e "$T/evil2" -a ! -e out

# Decompression bombs: 17 MiB of zeros in one member (17 KB gzipped);
# five members of 15 MiB (75 MiB in all, each under the file cap).
mkdir -p bomb/tzdb-2026c
head -c $((17 << 20)) /dev/zero >bomb/tzdb-2026c/europe
(cd bomb && tar cf - tzdb-2026c | gzip -9) >bomb1.tar.gz
rm -f bomb/tzdb-2026c/europe
# (text, not zeros: a NUL byte would be refused before the tree cap)
for i in 1 2 3 4 5; do
	head -c $((15 << 20)) /dev/zero | tr '\0' x >bomb/tzdb-2026c/f$i
done
(cd bomb && tar cf - tzdb-2026c | gzip -9) >bomb2.tar.gz
rm -rf bomb
expect "one member inflating beyond 16 MiB" 2 \
    "$ZIC: member 'tzdb-2026c/europe' of 'bomb1.tar.gz' inflates beyond 16 MiB" \
    "$ZIC" -d out --source bomb1.tar.gz
expect "members inflating beyond 64 MiB" 2 \
    "$ZIC: tree 'bomb2.tar.gz' is larger than 64 MiB" \
    "$ZIC" -d out --source bomb2.tar.gz
check "bombs: nothing written" test ! -e out

# A NUL byte at line 5 of africa: directory, tarball and git, as zic
# given the file reports it.
mkdir -p nul/tzdb-2026c && cp tree/tzdb-2026c/* nul/tzdb-2026c/
{ head -n 4 "$TZDB/africa"; printf 'Zone\0 Bad\n'; tail -n +6 "$TZDB/africa"; } \
    >nul/tzdb-2026c/africa
(cd nul && tar cf - tzdb-2026c | gzip -1) >nul.tar.gz
expect "NUL byte in a directory" 2 '"africa", line 5: NUL input byte' \
    "$ZIC" -d out --source nul/tzdb-2026c
expect "NUL byte in a tarball" 2 '"africa", line 5: NUL input byte' \
    "$ZIC" -d out --source nul.tar.gz
mkdir nulrepo && (cd nulrepo && git init -q . &&
	cp ../nul/tzdb-2026c/* . && git add . &&
	git -c user.name=t -c user.email=t@example.org commit -qm nul)
expect "NUL byte in a git tree" 2 '"africa", line 5: NUL input byte' \
    "$ZIC" -d out --source nulrepo@HEAD
expect "zic given the file says the same" 1 '"africa", line 5: NUL input byte' \
    sh -c 'cd nul/tzdb-2026c && "$1" -d ../../out africa' sh "$ZIC"
check "NUL bytes: nothing written" test ! -e out

# tar -r appends a second europe; tar -x keeps the last, and so do we.
cp good.tar.gz appended.tar.gz && gunzip appended.tar.gz
mkdir -p app/tzdb-2026c
sed 's/^\(Zone\tEurope\/Andorra\t\)0:06:04/\10:06:05/' "$TZDB/europe" \
    >app/tzdb-2026c/europe
(cd app && tar rf ../appended.tar tzdb-2026c/europe)
mkdir -p app/x && tar xf appended.tar -C app/x
"$ZIC" -d out-app --source appended.tar
"$ZIC" -d out-appx --source app/x/tzdb-2026c
check "tar -r appended member: the last copy is read, as tar -x" \
    diff -r out-app out-appx
check "... which differs from the first copy" \
    eval '! cmp -s out-app/Europe/Andorra out-good/Europe/Andorra'
# Two top-level directories (tzdb-2026c and other).
mkdir -p two/tzdb-2026c two/other && cp tree/tzdb-2026c/* two/tzdb-2026c/ &&
    cp "$TZDB/europe" two/other/
(cd two && tar cf - tzdb-2026c other) >two.tar
expect "two top-level directories" 2 \
    "$ZIC: archive 'two.tar' has files in several top-level directories ('tzdb-2026c', 'other'); give one tree" \
    "$ZIC" -d out --source two.tar

# FIFOs: as SPEC, under a tarball's name and as PACKRATLIST, refused at
# once (timeout: a read would block for ever).
mkfifo fifo fifo.tar.gz zone.fifo
expect "a FIFO as SPEC" 2 "$ZIC: 'fifo' is not a regular file or directory" \
    timeout 10 "$ZIC" -d out --source fifo
expect "a FIFO named like a tarball" 2 \
    "$ZIC: 'fifo.tar.gz' is not a regular file or directory" \
    timeout 10 "$ZIC" -d out --source fifo.tar.gz
expect "a FIFO as PACKRATLIST" 2 "$ZIC: 'zone.fifo' is not a regular file" \
    timeout 10 "$ZIC" -d out --source "$TZDB" --backzone --packratlist zone.fifo
check "FIFOs: nothing written" test ! -e out

# A zoneinfo directory: its tzdata.zi, not its TZif files.
"$ZIC" -d zoneinfo "$TZDB/europe" "$TZDB/africa" "$TZDB/etcetera"
{ echo '# version 2026c'; cat "$TZDB/europe" "$TZDB/africa" "$TZDB/etcetera"; } \
    >zoneinfo/tzdata.zi
expect "a zoneinfo directory" 0 "" "$ZIC" -d out-zi --source zoneinfo
check "... compiled from its tzdata.zi" diff -r -x tzdata.zi out-zi zoneinfo
expect "a zoneinfo directory takes no switches" 2 \
    "$ZIC: build switches need a tzdb source tree, not the single file 'zoneinfo'" \
    "$ZIC" -d out --source zoneinfo --backzone
if [ -f /usr/share/zoneinfo/tzdata.zi ]; then
	expect "/usr/share/zoneinfo" 0 "" "$ZIC" -d out-sys --source /usr/share/zoneinfo
	check "... every Zone of its tzdata.zi" test "$(find out-sys -type f | wc -l)" -ge \
	    "$(grep -c '^Z' /usr/share/zoneinfo/tzdata.zi)"
fi

# A corrupt archive: good.tar.gz cut short.
head -c 20000 good.tar.gz >cut.tar.gz
expect "truncated tarball" 2 \
    "$ZIC: unsupported or corrupt archive 'cut.tar.gz': truncated gzip input" \
    "$ZIC" -d out --source cut.tar.gz
printf 'not a tarball at all\n' >junk.tar
expect "not a tarball" 2 \
    "$ZIC: unsupported or corrupt archive 'junk.tar': Unrecognized archive format" \
    "$ZIC" -d out --source junk.tar

# A git repository (loose objects) with one blob deleted.
mkdir repo && (cd repo && git init -q . &&
	cp ../tree/tzdb-2026c/* . && git add . &&
	git -c user.name=t -c user.email=t@example.org commit -qm 2026c &&
	git tag 2026c) || { not_ok "cannot make a git repository"; finish; }
expect "repository intact" 0 "" "$ZIC" -d out-git --source repo@2026c
check "repository intact: same as the tarball" diff -r out-good out-git
blob=$(git -C repo rev-parse 2026c:europe)
africa=$(git -C repo rev-parse 2026c:africa)
rm -f "repo/.git/objects/${blob:0:2}/${blob:2}"
expect "repository with a missing blob" 2 \
    "$ZIC: cannot read 'europe' from 'repo@2026c': object not found - cannot read header for ($blob)" \
    "$ZIC" -d out-missing --source repo@2026c
tree_id=$(git -C repo rev-parse 2026c^{tree})
rm -f "repo/.git/objects/${tree_id:0:2}/${tree_id:2}"
expect "repository with a missing tree" 2 \
    "$ZIC: cannot read the tree of '2026c' from 'repo@2026c': tree object missing or corrupt" \
    "$ZIC" -d out-missing --source repo@2026c
check "broken repository: nothing written" test ! -e out-missing
# A tag of a blob: no tree, and nothing wrong with the repository.
git -C repo tag blobtag "$africa"
expect "tag of a blob" 2 "$ZIC: no tzdb data at that ref 'blobtag'" \
    "$ZIC" -d out-missing --source repo@blobtag
finish
