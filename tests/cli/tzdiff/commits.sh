#!/bin/bash
# tests/cli/tzdiff/commits.sh: tzdiff --commits on the bare clone of the
# shared upstream bundle.  2026b..2026c must name "Alberta has stopped
# changing clocks" and "Morocco goes to plain UTC on 2026-09-20" with
# the zones they changed, and only commits that git itself says touch a
# data file; a code-only release range names none.
. "$(dirname "$0")/../../lib.sh"

need_tzdiff
REPO=$top/tests/repos/upstream.git
[ -d "$REPO" ] || skip_all "no $REPO (make repos)"
need_cmd git

"$TZDIFF" --commits "$REPO" 2026b..2026c >"$tmp/c.txt"
check "2026b..2026c: exit 1 (something changed)" [ $? -eq 1 ]
# tzdiff gives the author date in UT.
export TZ=UTC0
a=$(git --git-dir="$REPO" log -1 --format='%h %ad %an: %s' --date=format-local:%F \
    --abbrev=10 --grep='^Alberta has stopped changing clocks$' 2026c)
m=$(git --git-dir="$REPO" log -1 --format='%h %ad %an: %s' --date=format-local:%F \
    --abbrev=10 --grep='^Morocco goes to plain UTC on 2026-09-20$' 2026c)
check "git finds both commits" sh -c '[ -n "$1" ] && [ -n "$2" ]' _ "$a" "$m"
check "names '$a'" grep -qxF "$a" "$tmp/c.txt"
check "names '$m'" grep -qxF "$m" "$tmp/c.txt"
check "Alberta's commit: Edmonton with its aliases" sh -c \
    "grep -A1 -xF '$a' '$tmp/c.txt' | grep -q '^  America/Edmonton (also America/Yellowknife and Canada/Mountain): from 2026-11-01 08:00 UT on, '"
check "Morocco's commit: Casablanca and El_Aaiun" sh -c \
    "grep -A2 -xF '$m' '$tmp/c.txt' | grep -q '^  Africa/El_Aaiun: from 2026-09-20 01:00 UT on, +01 becomes +00'"
check "commentary not named" sh -c \
    "! grep -q 'Update now-obsolete Morocco comments' '$tmp/c.txt'"
check "the count" grep -qx \
    "tzdiff: 50 commits, 26 touch the build's files, 4 compiled, 4 change behaviour (some built with an earlier ziguard.awk; -v says which)" \
    "$tmp/c.txt"
# Morocco's ziguard.awk updates between 2026b and 2026c are versions no
# release carried: -v names them.
"$TZDIFF" -v --commits "$REPO" 2026b..2026c 2>"$tmp/v.err" >/dev/null
check "-v: the unknown ziguard.awk versions named" grep -q \
    "ziguard.awk (SHA-256 [0-9a-f]*...) is a version tzforge does not know" \
    "$tmp/v.err"

# Every commit named touches a data file, by git's own account.
git --git-dir="$REPO" log --first-parent --format=%h --abbrev=10 \
    2026b..2026c -- africa antarctica asia australasia europe \
    northamerica southamerica etcetera factory backward >"$tmp/git"
sed -n 's/^\([0-9a-f]\{10\}\) .*/\1/p' "$tmp/c.txt" >"$tmp/named"
check "4 commits named" [ "$(wc -l <"$tmp/named")" -eq 4 ]
check "each touches data, as git says" sh -c \
    "grep -vxFf '$tmp/git' '$tmp/named' | wc -l | grep -qx 0"

# 2022b..2022c was a code-only release.
"$TZDIFF" --commits "$REPO" 2022b..2022c >"$tmp/none.txt"
check "2022b..2022c: exit 0" [ $? -eq 0 ]
check "2022b..2022c: none named" grep -q ', 0 change behaviour$' \
    "$tmp/none.txt"
"$TZDIFF" --commits "$REPO" 2026b..nonesuch >/dev/null 2>"$tmp/err"
check "unknown revision: exit 2" [ $? -eq 2 ]
check "unknown revision: says so" grep -qx \
    "tzdiff: unknown revision 'nonesuch'" "$tmp/err"
"$TZDIFF" --commits "$REPO" 2026b..2026c >/dev/full 2>"$tmp/full"
check "> /dev/full: exit 2" [ $? -eq 2 ]
check "> /dev/full: one line" [ "$(cat "$tmp/full")" = "tzdiff: write error" ]
finish
