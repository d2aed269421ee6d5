#!/bin/bash
# tests/cli/zic/links.sh: how zic/zic makes links and sets file modes, as zic 2026c
# does (docs/zic.md sections 3.5, 5.8 and 5.9): hard links where it can,
# else symlinks, else copies; the -l, -t and -p links; link chains,
# duplicates, self links and cycles; -m and the umask.
. "$(dirname "$0")/../../lib.sh"
need_zic

# The main data: 598 names on 341 inodes, every link a hard link.
"$ZIC" -d "$tmp/main" $(main_inputs)
check "main data compiles" test $? -eq 0
names=$(find "$tmp/main" -type f | wc -l)
inodes=$(find "$tmp/main" -type f -printf '%i\n' | sort -u | wc -l)
note "names $names, inodes $inodes"
check "598 names on 341 inodes (links are hard links)" \
	test "$names" -eq 598 -a "$inodes" -eq 341
check "Europe/Oslo is a hard link to Europe/Berlin" \
	test "$tmp/main/Europe/Oslo" -ef "$tmp/main/Europe/Berlin"

# Chains, a later duplicate winning, a link replacing a zone.
cat >"$tmp/links.zi" <<'EOF'
Zone	Z/A	1:00	-	AAA
Zone	Z/B	2:00	-	BBB
Link	L/C	L/D
Link	L/B	L/C
Link	Z/A	L/B
Link	Z/A	L/E
Link	Z/B	L/E
Link	Z/A	Z/B
EOF
"$ZIC" -d "$tmp/l" "$tmp/links.zi" 2>"$tmp/err"
check "chains and duplicates: exit 0, no message" test $? -eq 0 -a ! -s "$tmp/err"
check "a chain L/D -> L/C -> L/B -> Z/A ends at Z/A" test "$tmp/l/L/D" -ef "$tmp/l/Z/A"
check "the later of two Links of one name wins" test "$tmp/l/L/E" -ef "$tmp/l/Z/B"
check "a Link replaces a Zone of the same name" test "$tmp/l/Z/B" -ef "$tmp/l/Z/A"

# Links into directories no zone uses, a rerun over the tree, and names
# in the way: the cases where when and how a link is made shows.
cat >"$tmp/early.zi" <<'EOF'
Zone	Z/A	1:00	-	AAA
Zone	Z/B	2:00	-	BBB
Link	Z/A	New/Deep/Dir/N
Link	Z/A	L/Twice
Link	Z/B	L/Twice
EOF
"$ZIC" -d "$tmp/e" "$tmp/early.zi" 2>"$tmp/err"
check "links into new directories: exit 0, no message" test $? -eq 0 -a ! -s "$tmp/err"
check "a link into three new directories" test "$tmp/e/New/Deep/Dir/N" -ef "$tmp/e/Z/A"
check "the later of two Links of one name wins, again" \
	test "$tmp/e/L/Twice" -ef "$tmp/e/Z/B"
# A second run with changed zones: every link must follow the new files.
sed 's/1:00/1:30/' "$tmp/early.zi" >"$tmp/early2.zi"
"$ZIC" -d "$tmp/e" "$tmp/early2.zi" 2>"$tmp/err"
check "rerun over the tree: exit 0, no message" test $? -eq 0 -a ! -s "$tmp/err"
check "rerun: the link follows the rewritten zone" \
	test "$tmp/e/New/Deep/Dir/N" -ef "$tmp/e/Z/A"
check "rerun: no temporaries left" test -z "$(find "$tmp/e" -name '.zic*')"
# A directory in the way of a link, and a link named like the directory
# of a zone: zic's messages, and the zones are written.
mkdir -p "$tmp/d/L/Twice"
"$ZIC" -d "$tmp/d" "$tmp/early.zi" 2>"$tmp/err"
check "a directory in the way of a link: exit 1" test $? -eq 1
check "a directory in the way of a link: zic's message" grep -qx \
	"$ZIC: rename to $tmp/d/L/Twice: Is a directory" "$tmp/err"
printf 'Zone\tZ/A\t1:00\t-\tAAA\nLink\tZ/A\tY\nZone\tY/Later\t2:00\t-\tBBB\n' \
	>"$tmp/pardir.zi"
"$ZIC" -d "$tmp/pd" "$tmp/pardir.zi" 2>"$tmp/err"
check "a link named like a zone's directory: exit 1" test $? -eq 1
check "a link named like a zone's directory: zic's message" grep -qx \
	"$ZIC: rename to $tmp/pd/Y: Is a directory" "$tmp/err"
check "... and the zones are written" test -f "$tmp/pd/Z/A" -a -f "$tmp/pd/Y/Later"

printf 'Zone\tZ/A\t0\t-\tA\nLink\tL/S\tL/S\nLink\tL/Y\tL/X\nLink\tL/X\tL/Y\n' \
	>"$tmp/bad.zi"
"$ZIC" -d "$tmp/b" "$tmp/bad.zi" 2>"$tmp/err"
rc=$?
cat >"$tmp/want" <<EOF
"$tmp/bad.zi", line 2: link L/S targets itself
"$tmp/bad.zi", line 3: "Link L/Y L/X" is part of a link cycle
EOF
check "self link and cycle: exit 1" test "$rc" -eq 1
check "self link and cycle: zic's messages" cmp -s "$tmp/want" "$tmp/err"
cmp -s "$tmp/want" "$tmp/err" || show_diff "$tmp/want" "$tmp/err"
check "the zone is still written" test -f "$tmp/b/Z/A"

# A chain of 100 links: zic has no limit on chains, and neither has
# tzdb, which follows links by the same rules (lib/links.c); it used to
# call every link past the 64th "part of a link cycle".
awk 'BEGIN { print "Zone\tC/0\t1:00\t-\tCZT"
	for (i = 1; i <= 100; i++) printf "Link\tC/%d\tC/%d\n", i - 1, i }' \
	>"$tmp/chain.zi"
"$ZIC" -d "$tmp/ch" "$tmp/chain.zi" 2>"$tmp/err"
check "a chain of 100 links: exit 0, no message" test $? -eq 0 -a ! -s "$tmp/err"
check "a chain of 100 links: the last is the zone's file" \
	test "$tmp/ch/C/100" -ef "$tmp/ch/C/0"
if [ -x "$top/data/tzdb" ]; then
	"$top/data/tzdb" at --source "$tmp/chain.zi" C/100 \
	    2000-01-01T00:00:00Z >"$tmp/out" 2>"$tmp/err"
	check "a chain of 100 links: tzdb answers for the last, silently" \
	    test $? -eq 0 -a ! -s "$tmp/err"
	check "a chain of 100 links: tzdb gives the zone's offset" \
	    grep -qx 'offset: +01:00' "$tmp/out"
fi

printf 'Link\tNo/Such\tL/N\n' >"$tmp/missing.zi"
"$ZIC" -d "$tmp/m" "$tmp/missing.zi" 2>"$tmp/err"
rc=$?
check "link to a missing target: exit 1" test "$rc" -eq 1
check "link to a missing target: Can't link" grep -qx \
	"$ZIC: Can't link $tmp/m/No/Such to $tmp/m/L/N: No such file or directory" \
	"$tmp/err"

# -l and -t: a relative -t is relative to -d; an existing symlink stays one.
"$ZIC" -d "$tmp/t" -l Z/A -t localtime "$tmp/links.zi"
check "-l with relative -t: a hard link inside -d" test "$tmp/t/localtime" -ef "$tmp/t/Z/A"
ln -sf Z/B "$tmp/t/localtime"
"$ZIC" -d "$tmp/t" -l Z/A -t localtime "$tmp/links.zi"
check "-l keeps an existing symlink a symlink" test -L "$tmp/t/localtime"
check "... now pointing at the -l zone" test "$tmp/t/localtime" -ef "$tmp/t/Z/A"
"$ZIC" -d "$tmp/t" -l - -t localtime
check "-l - removes the link" test ! -e "$tmp/t/localtime"
printf 'Zone\tlocaltime\t0\t-\tX\n' >"$tmp/lz.zi"
"$ZIC" -d "$tmp/lz" -l Z/A -t localtime "$tmp/lz.zi" 2>"$tmp/err"
check "Zone named like -t with -l: zic's message" grep -qx \
	"\"$tmp/lz.zi\", line 1: \"Zone localtime\" line and -l option are mutually exclusive" \
	"$tmp/err"

# -p: obsolete, warns, makes posixrules; -p - removes it.
"$ZIC" -d "$tmp/p" -p Z/A "$tmp/links.zi" 2>"$tmp/err"
check "-p warns it is obsolete" grep -qx \
	"warning: -p is obsolete and likely ineffective" "$tmp/err"
check "-p makes posixrules" test "$tmp/p/posixrules" -ef "$tmp/p/Z/A"
"$ZIC" -d "$tmp/p" -p - 2>"$tmp/err"
check "-p - removes posixrules, silently" test ! -e "$tmp/p/posixrules" -a ! -s "$tmp/err"

# Across file systems: a symlink, with zic's warning.
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
    [ "$(stat -f -c %i /dev/shm)" != "$(stat -f -c %i "$tmp")" ]; then
	far=$(mktemp -d /dev/shm/tzforge-links.XXXXXX)
	"$ZIC" -d "$tmp/x" -l Z/A -t "$far/localtime" "$tmp/links.zi" 2>"$tmp/err"
	check "-t on another file system: a symlink" test -L "$far/localtime"
	check "... that leads to the zone" test "$far/localtime" -ef "$tmp/x/Z/A"
	check "... with zic's warning" grep -qx \
	    '"command line", line 1: symbolic link used because hard link failed: Invalid cross-device link' \
	    <(sed 's/^warning: //' "$tmp/err")
	rm -rf "$far"
else
	note "no second file system at /dev/shm: symlink fallback not tested"
fi

# Modes: -m, and the umask for files and the directories zic makes.
"$ZIC" -d "$tmp/m444" -m 444 "$tmp/links.zi"
check "-m 444: files are 0444" test "$(stat -c %a "$tmp/m444/Z/A")" = 444
(umask 077 && "$ZIC" -d "$tmp/u077" "$tmp/links.zi")
check "umask 077: files 0600" test "$(stat -c %a "$tmp/u077/Z/A")" = 600
check "umask 077: directories 0700" test "$(stat -c %a "$tmp/u077/Z")" = 700
"$ZIC" -d "$tmp/mbad" -m u=rw "$tmp/links.zi" 2>"$tmp/err"
check "-m u=rw: invalid mode, exit 1" test $? -eq 1
check "-m u=rw: zic's message" grep -qx "$ZIC: -m 'u=rw': invalid mode" "$tmp/err"
finish
