#!/bin/bash
# tests/cli/common/source_scale.sh: no quadratic paths in the source layer
# (issue 12): a directory of 100,000 files, a tarball of 60,000 members
# (100,000 would pass the 64 MiB tree cap in tar's 512-byte blocks) and a
# backward of 100,000 links cost about ten times what a tenth of them
# costs.  Each size is timed in this run and compared with the small one
# (a quadratic path costs a hundred times as much), so a slow or busy
# machine does not decide the result.
. "$(dirname "$0")/../../lib.sh"
ZISOURCE=$top/build/tools/zisource
[ -x "$ZISOURCE" ] || skip_all "no $ZISOURCE (make tools)"
need_cmd split tar gzip
work=$tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && work=$(mktemp -d /dev/shm/tzforge-scale.XXXXXX)
trap '[ "$BASHPID" = "$$" ] && rm -rf "$tmp" "$work"' EXIT

# ms CMD...: milliseconds CMD takes (its output discarded); the best of
# two runs, so that one unlucky pause does not count.
ms() {
	local best= i s e
	for i in 1 2; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || return 1
		e=$(date +%s%N)
		e=$(( (e - s) / 1000000 ))
		[ -z "$best" ] || [ "$e" -lt "$best" ] && best=$e
	done
	echo "$best"
}

# linear WHAT SMALL LARGE: LARGE (ten times the data) took less than 30
# times SMALL (plus 200 ms for start-up noise).
linear() {
	note "$1: ${2:-failed} ms, ten times as much: ${3:-failed} ms"
	[ -n "$2" ] && [ -n "$3" ] && [ "$3" -lt $(( 30 * $2 + 200 )) ]
}

# A 2026c tree with N extra files in DIR.
tree_with_files() {
	mkdir -p "$1" && cp "$TZDB"/* "$1"/ &&
	    (cd "$1" && seq "$2" | split -l 1 -a 6 - extra.)
}
tree_with_files "$work/d10k" 10000
tree_with_files "$work/d100k" 100000
small=$(ms "$ZISOURCE" "$work/d10k")
large=$(ms "$ZISOURCE" "$work/d100k")
check "a directory of 100,000 files in linear time" linear files "$small" "$large"

# tar_with DIR N: a tarball of DIR's tzdb files and N of its extra files.
tar_with() {
	(cd "$1" && { ls | grep -v '^extra\.'; ls | grep '^extra\.' |
	    head -n "$2"; } | tar cf - -T - | gzip -1)
}
tar_with "$work/d10k" 6000 >"$work/m6k.tar.gz"
tar_with "$work/d100k" 60000 >"$work/m60k.tar.gz"
small=$(ms "$ZISOURCE" "$work/m6k.tar.gz")
large=$(ms "$ZISOURCE" "$work/m60k.tar.gz")
check "a tarball of 60,000 members in linear time" linear members "$small" "$large"
rm -rf "$work/d10k" "$work/d100k"

# N links in backward, with every build switch the links go through.
tree_with_links() {
	mkdir -p "$1" && cp "$TZDB"/* "$1"/ &&
	    seq "$2" | sed 's|^|Link\tEurope/Berlin\tX/L|' >>"$1/backward"
}
tree_with_links "$work/l10k" 10000
tree_with_links "$work/l100k" 100000
for sw in "" "-f vanguard -b -l zone.tab" "-f rearguard -b"; do
	small=$(ms "$ZISOURCE" $sw "$work/l10k")
	large=$(ms "$ZISOURCE" $sw "$work/l100k")
	check "100,000 links ${sw:+($sw) }in linear time" linear links "$small" "$large"
done
small=$(ms "$ZIC" -d "$work/z10k" --source "$work/l10k")
large=$(ms "$ZIC" -d "$work/z100k" --source "$work/l100k")
check "zic --source with 100,000 links in linear time" linear zic "$small" "$large"
finish
