#!/bin/bash
# tests/cli/zic/install.sh: installing.
#
# 1. tzforge's own "make install" honours PREFIX and DESTDIR and writes
#    nothing outside DESTDIR: zic goes to SBINDIR, zic.8 to man8, the
#    other programs (once built) to BINDIR and their pages to man1, the
#    fork manifests to DATADIR/tzforge/tzdb-forks.
# 2. zic --source SPEC --install [--redo REDO]: the options and what each
#    release's Makefile decides (localtime and posixrules in TZDIR before
#    2018a and 2020b, the files copied, the REDO siblings DIR-posix and
#    DIR-leaps), the refusals (one line, exit 2, nothing written) and
#    nothing the user had lost.  tests/oracle/release_install.sh compares
#    whole trees with the releases' own make install.
#
# Uses the programs make check has just built; writes only into scratch
# dirs.

. "$(dirname "$0")/../../lib.sh"
need_cmd make install

# The make that runs us passes its variables (SANITIZE=...) in MAKEFLAGS,
# so the sub-make sees the same flags and rebuilds nothing.
mk() { ${MAKE:-make} -s -C "$top" "$@" >"$tmp/make.log" 2>&1; }

# files_under DIR: what DIR holds, relative, sorted (files and symlinks).
files_under() { (cd "$1" && find . ! -type d | sed 's|^\./||' | sort); }

# expected PREFIX-RELATIVE...: the list install should produce.
expected() {
	local p=$1
	{
		echo "$p/sbin/zic"
		echo "$p/share/man/man8/zic.8"
		[ -x "$top/data/tzdb" ] && echo "$p/bin/tzdb"
		[ -x "$top/diff/tzdiff" ] && echo "$p/bin/tzdiff"
		[ -f "$top/data/tzdb.1" ] && echo "$p/share/man/man1/tzdb.1"
		[ -f "$top/diff/tzdiff.1" ] && echo "$p/share/man/man1/tzdiff.1"
		echo "$p/share/tzforge/tzdb-forks/global-tz"
		echo "$p/share/tzforge/tzdb-forks/upstream"
	} | sed 's|^/||' | sort
}

for prefix in /usr /usr/local; do
	dest=$tmp/dest${prefix//\//_}
	if [ $prefix = /usr/local ]; then
		args=(DESTDIR="$dest")		# PREFIX defaults to /usr/local
	else
		args=(DESTDIR="$dest" PREFIX="$prefix")
	fi
	if ! mk install "${args[@]}"; then
		not_ok "make install ${args[*]} failed"
		sed 's/^/#   /' "$tmp/make.log" | tail -n 20
		continue
	fi
	ok "make install ${args[*]}"
	expected "$prefix" >"$tmp/want"
	files_under "$dest" >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then
		ok "PREFIX=$prefix: installs exactly $(wc -l <"$tmp/want") files under DESTDIR"
	else
		not_ok "PREFIX=$prefix: installed files (- want, + got)"
		show_diff "$tmp/want" "$tmp/got"
	fi
	z=$dest$prefix/sbin/zic
	m=$dest$prefix/share/man/man8/zic.8
	check "PREFIX=$prefix: zic is mode 755" test "$(stat -c %a "$z" 2>&1)" = 755
	check "PREFIX=$prefix: zic.8 is mode 644" test "$(stat -c %a "$m" 2>&1)" = 644
	check "PREFIX=$prefix: zic.8 is the page from zic/zic.8" cmp -s "$m" "$top/zic/zic.8"
	check "PREFIX=$prefix: the installed zic runs" \
	    test "$("$z" --version 2>&1)" = "$("$ZIC" --version 2>&1)"

	if mk uninstall "${args[@]}" && [ -z "$(files_under "$dest")" ]; then
		ok "PREFIX=$prefix: make uninstall removes them"
	else
		not_ok "PREFIX=$prefix: make uninstall left: $(files_under "$dest" | head -n 3)"
	fi
done

# BINDIR, SBINDIR and MANDIR override their defaults.
dest=$tmp/dest-dirs
if mk install DESTDIR="$dest" SBINDIR=/opt/tz/sbin MANDIR=/opt/tz/man; then
	check "SBINDIR is honoured" test -x "$dest/opt/tz/sbin/zic"
	check "MANDIR is honoured" test -f "$dest/opt/tz/man/man8/zic.8"
else
	not_ok "make install with SBINDIR and MANDIR failed"
	sed 's/^/#   /' "$tmp/make.log" | tail -n 20
fi

# ------------------------------------------------------------------
# 2. zic --install and --redo
UP=$top/tests/repos/upstream.git
if [ ! -d "$UP" ]; then
	not_ok "no $UP (make repos)"
	finish
fi
TZIFDUMP=$top/build/tools/tzifdump

# refused WHAT PATTERN ARGS...: exit 2, one line matching PATTERN, and no
# $tmp/r written.
refused() {
	local what=$1 pat=$2 rc
	shift 2
	rm -rf "$tmp/r" "$tmp/r-posix" "$tmp/r-leaps"
	"$ZIC" -d "$tmp/r" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
	    grep -q -- "$pat" "$tmp/err" && [ ! -e "$tmp/r" ] &&
	    [ ! -e "$tmp/r-posix" ] && [ ! -e "$tmp/r-leaps" ]; then
		ok "$what: refused ($(cat "$tmp/err"))"
	else
		not_ok "$what: exit $rc, $(wc -l <"$tmp/err") lines: $(head -c 300 "$tmp/err")"
	fi
}

# leaps FILE: the number of leap-second records of a TZif file.
leaps() { "$TZIFDUMP" "$1" | sed -n 's/^v2 counts .* leap \([0-9]*\) .*/\1/p'; }
same_inode() { [ "$(stat -c %i "$1")" = "$(stat -c %i "$2")" ]; }

refused "--redo without --install" "--redo needs --install" \
    --source "$UP@2026c" --redo posix_right
refused "--redo bogus" "unknown REDO 'bogus'" \
    --source "$UP@2026c" --install --redo bogus
refused "-L with --install" "-L and --install" \
    --source "$UP@2026c" --install -L "$TZDB/leapseconds"
refused "--install on a tree without a Makefile" "has no Makefile" \
    --source "$TZDB" --install

# 2026c: REDO=posix_only; no localtime, posixrules or leap-seconds.list in
# TZDIR; leapseconds made from leap-seconds.list; tzdata.zi says the REDO.
d=$tmp/i26
"$ZIC" -d "$d" --source "$UP@2026c" --install 2>"$tmp/err"
check "2026c --install: exit 0, quiet" test $? = 0 -a ! -s "$tmp/err"
check "2026c: no localtime, posixrules or leap-seconds.list in TZDIR" \
    test ! -e "$d/localtime" -a ! -e "$d/posixrules" -a ! -e "$d/leap-seconds.list"
check "2026c: leapseconds as the tarball's (made from leap-seconds.list)" \
    cmp -s "$d/leapseconds" "$TZDB/leapseconds"
check "2026c: zone.tab, zone1970.tab, zonenow.tab, iso3166.tab copied" \
    cmp -s "$d/zonenow.tab" "$TZDB/zonenow.tab"
check "2026c: tzdata.zi says '# redo posix_only'" \
    grep -qx '# redo posix_only' "$d/tzdata.zi"
check "2026c: no DIR-posix or DIR-leaps with posix_only" \
    test ! -e "$d-posix" -a ! -e "$d-leaps"
check "2026c: TZif files without leap seconds" test "$(leaps "$d/Europe/Oslo")" = 0

# -m applies to the TZif files, not to the files cp installs.
d=$tmp/i26m
"$ZIC" -m 444 -d "$d" --source "$UP@2026c" --install 2>/dev/null
check "-m 444: TZif files 444, copied files 644 (cp's)" \
    test "$(stat -c %a "$d/Europe/Oslo") $(stat -c %a "$d/zone.tab") $(stat -c %a "$d/tzdata.zi")" = "444 644 644"

# --redo posix_right: DIR-posix a symlink to DIR's base name, DIR-leaps a
# tree with leap seconds; run twice (the link is replaced).
d=$tmp/pr/zoneinfo
"$ZIC" -d "$d" --source "$UP@2026c" --install --redo posix_right 2>"$tmp/err" &&
    "$ZIC" -d "$d" --source "$UP@2026c" --install --redo posix_right 2>>"$tmp/err"
check "--redo posix_right twice: exit 0" test $? = 0
check "posix_right: DIR-posix -> zoneinfo" test "$(readlink "$d-posix")" = zoneinfo
check "posix_right: DIR-leaps has leap seconds (27)" test "$(leaps "$d-leaps/Europe/Oslo")" = 27
check "posix_right: DIR has none" test "$(leaps "$d/Europe/Oslo")" = 0
check "posix_right: DIR-leaps has no tab files" test ! -e "$d-leaps/zone.tab"
check "posix_right: tzdata.zi has no redo line" test "$(grep -c '^# redo' "$d/tzdata.zi")" = 0
# right_posix over it: DIR-leaps is now a tree where a link must go, and
# DIR-posix a link where a tree must go: both are refused, not replaced.
refused_keep() {
	local rc
	"$ZIC" -d "$d" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
	    [ "$(leaps "$d-leaps/Europe/Oslo")" = 27 ] &&
	    [ "$(readlink "$d-posix")" = zoneinfo ]; then
		ok "right_posix over posix_right: refused, both kept ($(cat "$tmp/err"))"
	else
		not_ok "right_posix over posix_right: exit $rc: $(head -c 300 "$tmp/err")"
	fi
}
refused_keep --source "$UP@2026c" --install --redo right_posix

# --redo right_only: DIR itself counts leap seconds.
d=$tmp/ro
"$ZIC" -d "$d" --source "$UP@2026c" --install --redo right_only 2>"$tmp/err"
check "--redo right_only: exit 0" test $? = 0
check "right_only: DIR has leap seconds" test "$(leaps "$d/Europe/Oslo")" = 27
check "right_only: tzdata.zi says so" grep -qx '# redo right_only' "$d/tzdata.zi"

# 2016j (before 2018a and 2020b): zic -l GMT and -p America/New_York
# link TZDIR/localtime and TZDIR/posixrules; REDO=posix_right by default;
# no tzdata.zi or leapseconds installed yet (2017c).
d=$tmp/i16/zoneinfo
"$ZIC" -d "$d" --source "$UP@2016j" --install 2>/dev/null
check "2016j --install: exit 0" test $? = 0
check "2016j: localtime is a hard link to GMT" same_inode "$d/localtime" "$d/GMT"
check "2016j: posixrules is a hard link to America/New_York" \
    same_inode "$d/posixrules" "$d/America/New_York"
check "2016j: default REDO posix_right: DIR-posix -> zoneinfo" \
    test "$(readlink "$d-posix")" = zoneinfo
check "2016j: no tzdata.zi, leapseconds or zonenow.tab in TZDIR" \
    test ! -e "$d/tzdata.zi" -a ! -e "$d/leapseconds" -a ! -e "$d/zonenow.tab" \
    -a -s "$d/zone1970.tab"
# 2020a: localtime goes to /etc/localtime (not written), posixrules stays.
d=$tmp/i20
"$ZIC" -d "$d" --source "$UP@2020a" --install 2>/dev/null
check "2020a: posixrules, no localtime" \
    test -e "$d/posixrules" -a ! -e "$d/localtime" -a -s "$d/leapseconds"

finish
