#!/bin/bash
# tests/oracle/release_compare.sh: the comparisons of the Makefile oracle
# (tests/oracle/release-lib.inc) must see every kind of difference they
# claim to, so that an "identical" from release_*.sh means something.  A
# small tree compiled by the zic under test is copied (cp -a: identical),
# then changed one way at a time, and each change must be reported:
# bytes, a name on one side only, mode, type, symlink target, a hard link
# broken; text_compare must name the first differing line.

. "$(dirname "$0")/../lib.sh"
. "$top/tests/oracle/release-lib.inc"
need_zic
need_cmd gawk cmp diff find join
ORACLE_TMP=$tmp

cat >"$tmp/in.zi" <<'EOF'
Zone Test/Zone 1:00 - TST
Zone Test/Other 2:00 - OST
Link Test/Zone Test/Link
Link Test/Zone Test/Link2
EOF
"$ZIC" -d "$tmp/a" "$tmp/in.zi" || { not_ok "zic compiles the test tree"; finish; }
ln -s Zone "$tmp/a/Test/Sym"
printf 'text\n' >"$tmp/a/zone.tab"

# expect WHAT PATTERN COMPARE: after a change, COMPARE must fail with
# PATTERN in its summary.
expect() {
	local what=$1 pattern=$2
	shift 2
	if "$@"; then
		not_ok "$what: not seen ($CMP_SUMMARY)"
	elif printf '%s\n' "$CMP_SUMMARY" | grep -q -- "$pattern"; then
		ok "$what: $CMP_SUMMARY"
	else
		not_ok "$what: '$pattern' not in: $CMP_SUMMARY"
	fi
}

# fresh: b is a cp -a copy of a again.
fresh() { rm -rf "$tmp/b"; cp -a "$tmp/a" "$tmp/b"; }

fresh
check "install_compare: a copy is identical" install_compare "$tmp/a" "$tmp/b"
check "tree_compare: a copy is identical" tree_compare "$tmp/a" "$tmp/b"

fresh; printf 'x' >>"$tmp/b/Test/Other"
expect "install_compare: bytes" 'bytes differ: 1 (Test/Other)' \
    install_compare "$tmp/a" "$tmp/b"
expect "tree_compare: bytes" '^1 differ' tree_compare "$tmp/a" "$tmp/b"

fresh; rm "$tmp/b/Test/Other"
expect "install_compare: a name only in make's" "only in make's: 1 (Test/Other)" \
    install_compare "$tmp/a" "$tmp/b"
expect "tree_compare: a name only in make's" "1 only in make's" \
    tree_compare "$tmp/a" "$tmp/b"

fresh; cp "$tmp/b/Test/Other" "$tmp/b/Test/Extra"
expect "install_compare: a name only in ours" 'only in ours: 1 (Test/Extra)' \
    install_compare "$tmp/a" "$tmp/b"
expect "tree_compare: a name only in ours" '1 only in ours' \
    tree_compare "$tmp/a" "$tmp/b"

fresh; chmod 600 "$tmp/b/zone.tab"
expect "install_compare: mode" 'mode differs: 1 (zone.tab)' \
    install_compare "$tmp/a" "$tmp/b"

fresh; rm "$tmp/b/Test/Sym"; ln -s Other "$tmp/b/Test/Sym"
expect "install_compare: symlink target" 'symlink target differs: 1 (Test/Sym)' \
    install_compare "$tmp/a" "$tmp/b"

fresh; rm "$tmp/b/Test/Sym"; cp "$tmp/a/Test/Zone" "$tmp/b/Test/Sym"
expect "install_compare: type" 'type differs: 1 (Test/Sym)' \
    install_compare "$tmp/a" "$tmp/b"

# The same bytes, but Test/Link2 no longer one file with Test/Zone.
fresh; cp "$tmp/b/Test/Link2" "$tmp/b/x"; mv "$tmp/b/x" "$tmp/b/Test/Link2"
expect "install_compare: a hard link broken" 'hard links differ' \
    install_compare "$tmp/a" "$tmp/b"

printf 'a\nb\nc\n' >"$tmp/t1"
printf 'a\nB\nc\n' >"$tmp/t2"
printf 'a\nb\n' >"$tmp/t3"
expect "text_compare: a changed line" "line 2 of 3, 2 lines differ (make: 'b'; ours: 'B')" \
    text_compare "$tmp/t1" "$tmp/t2"
expect "text_compare: a missing last line" "line 3 of 3, 1 lines differ (make: 'c'; ours: '(end of file)')" \
    text_compare "$tmp/t1" "$tmp/t3"
check "text_compare: the same text is identical" text_compare "$tmp/t1" "$tmp/t1"
finish
