# tests/lib.sh: helpers shared by the shell suites (tests/cli, tests/oracle,
# tests/bench).  Source it; it sets:
#   top      the top of the work tree (absolute)
#   SHARED   the shared data beside the repository (../shared)
#   ZIC      the zic under test, absolute (default $top/zic/zic)
#   tmp      a scratch directory, removed on exit
# and defines ok/not_ok/skip_all/finish, which print one line per check
# and set the script's exit status: 0 all passed, 1 some failed, 77 skipped.
# Scripts use bash with set -u, LC_ALL=C and no TZ from the caller.

set -u
export LC_ALL=C
unset TZ TZDIR POSIXLY_CORRECT
umask 022

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$top/../shared}
case $SHARED in /*) ;; *) SHARED=$top/$SHARED ;; esac

# The zic under test: a bare command name is looked up in PATH; a relative
# path is taken from the top directory (where make runs).
ZIC=${ZIC:-zic/zic}
case $ZIC in
/*)	;;
*/*)	ZIC=$top/$ZIC ;;
*)	ZIC=$(command -v "$ZIC" || printf '%s' "$top/$ZIC") ;;
esac
export ZIC

# Reference tools from Debian's libc-bin.
SYS_ZIC=${SYS_ZIC:-/usr/sbin/zic}
SYS_ZDUMP=${SYS_ZDUMP:-/usr/bin/zdump}

TZDB=$SHARED/tzdb/2026c
GOLDEN=$SHARED/golden
# The main data files, in the order the golden README gives.
MAIN_FILES="africa antarctica asia australasia europe northamerica
	southamerica etcetera factory backward"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tzforge-test.XXXXXX") || exit 2
# Only the script's own shell cleans up: a forked child that has not yet
# exec'd (a background job a test is about to kill) must not.
trap '[ "$BASHPID" = "$$" ] && rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

nok=0 nnot=0

ok() { nok=$((nok + 1)); printf 'ok - %s\n' "$*"; }
not_ok() { nnot=$((nnot + 1)); printf 'not ok - %s\n' "$*"; }
note() { printf '# %s\n' "$*"; }

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# links_zi N: a zic input of one zone and N links to it in shuffled
# order (fixed seed), for the scale test and the benchmark.
links_zi() {
	python3 - "$1" <<'PY'
import random, sys
n = int(sys.argv[1])
links = ['Link\tEtc/Z\tL/n%06d' % i for i in range(n)]
random.Random(1).shuffle(links)
print('Zone\tEtc/Z\t0:00\t-\tUTC')
print('\n'.join(links))
PY
}

# skip_all REASON: the whole script is skipped.
skip_all() { printf 'skip: %s\n' "$*"; exit 77; }

# finish: exit status from the counts.
finish() {
	printf '# %d ok, %d not ok\n' "$nok" "$nnot"
	[ "$nnot" -eq 0 ] && [ "$nok" -gt 0 ] && exit 0
	exit 1
}

# need_zic: the zic under test must exist; otherwise that is a failure
# (not a skip: a missing zic/zic is a broken build).
need_zic() {
	if [ ! -x "$ZIC" ]; then
		not_ok "zic under test not found: $ZIC"
		finish
	fi
}

# need_tzdiff: TZDIFF, the tzdiff under test (default diff/tzdiff), made
# absolute; a missing one is a failure, as for zic.
need_tzdiff() {
	TZDIFF=${TZDIFF:-diff/tzdiff}
	case $TZDIFF in /*) ;; *) TZDIFF=$top/$TZDIFF ;; esac
	if [ ! -x "$TZDIFF" ]; then
		not_ok "tzdiff not found: $TZDIFF"
		finish
	fi
}

# need_cmd CMD...: skip the script when a tool it needs is absent.
need_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip_all "$c not installed"
	done
}

# main_inputs: absolute paths of the 2026c main data files, in order.
main_inputs() {
	local f
	for f in $MAIN_FILES; do printf '%s\n' "$TZDB/$f"; done
}

# names_of DIR: every file or symlink under DIR, relative, sorted.
names_of() {
	(cd "$1" && find . \( -type f -o -type l \) | sed 's|^\./||' | sort)
}

# show_diff A B [N]: the first N lines of diff -u.
show_diff() { diff -u "$1" "$2" | head -n "${3:-20}" | sed 's/^/#   /'; }
