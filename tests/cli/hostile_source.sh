#!/bin/bash
# tests/cli/hostile_source.sh: zic --source on hostile tarballs and a
# broken git repository (issue 6): members named ../evil and /abs/evil, a
# member that inflates beyond the 16 MiB file cap, a tarball whose members
# together inflate beyond the 64 MiB tree cap, a corrupt archive, and a
# loose-object repository with a blob deleted.  Each must be refused with
# its exact message and exit status 2, nothing written, nothing extracted.

. "$(dirname "$0")/../lib.sh"
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
for i in 1 2 3 4 5; do head -c $((15 << 20)) /dev/zero >bomb/tzdb-2026c/f$i; done
(cd bomb && tar cf - tzdb-2026c | gzip -9) >bomb2.tar.gz
rm -rf bomb
expect "one member inflating beyond 16 MiB" 2 \
    "$ZIC: member 'tzdb-2026c/europe' of 'bomb1.tar.gz' inflates beyond 16 MiB" \
    "$ZIC" -d out --source bomb1.tar.gz
expect "members inflating beyond 64 MiB" 2 \
    "$ZIC: tree 'bomb2.tar.gz' is larger than 64 MiB" \
    "$ZIC" -d out --source bomb2.tar.gz
check "bombs: nothing written" test ! -e out

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
