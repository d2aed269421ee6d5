#!/bin/bash
# tests/cli/zic_install.sh: "make install" honours PREFIX and DESTDIR and
# writes nothing outside DESTDIR: zic goes to SBINDIR, zic.8 to man8, the
# other programs (once built) to BINDIR and their pages to man1, the fork
# manifests to DATADIR/tzforge/tzdb-forks.  Uses the
# programs make check has just built; installs only into scratch dirs.

. "$(dirname "$0")/../lib.sh"
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

finish
