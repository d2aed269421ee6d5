#!/bin/sh
# sources_all_tags.sh: every release tag of the upstream and global-tz
# bare clones must resolve as REPO@TAG and yield zic input that the
# system zic compiles with exit status 0.  Prints the counts.
#
# Needs tests/repos/{upstream,global-tz}.git (the Makefile makes them
# from ../shared/tzdb/*.bundle) and the dev tool tests/tools/zisource.
# Run from the repository root.  ZISOURCE and ZIC override the tools.
set -u
ZISOURCE=${ZISOURCE:-tests/tools/zisource}
ZIC=${ZIC:-/usr/sbin/zic}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

fail=0
total=0
for repo in upstream global-tz; do
	git=tests/repos/$repo.git
	[ -d "$git" ] || { echo "missing $git" >&2; exit 2; }
	n=0
	for tag in $(git -C "$git" tag); do
		if ! "$ZISOURCE" "$git@$tag" >"$tmp/in.zi"; then
			echo "FAIL $repo@$tag: no zic input" >&2
			fail=$((fail + 1))
			continue
		fi
		rm -rf "$tmp/out"
		if ! "$ZIC" -d "$tmp/out" "$tmp/in.zi" 2>"$tmp/err"; then
			echo "FAIL $repo@$tag: zic exit status $?" >&2
			head -3 "$tmp/err" >&2
			fail=$((fail + 1))
			continue
		fi
		n=$((n + 1))
	done
	echo "$repo: $n tags compiled"
	total=$((total + n))
done
echo "total: $total tags compiled, $fail failed"
[ "$fail" -eq 0 ]
