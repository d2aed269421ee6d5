#!/bin/bash
# tests/cli/common/snapshots.sh: the text and JSON outputs of the three tools on
# the shared data, compared with the snapshots in tests/snapshots/.
#
# The snapshots hold what the tools printed when they were last changed
# on purpose, so that a refactoring that changes an output by accident
# fails here, and an intended change shows up as a reviewed diff of the
# snapshot in the same commit.  Small outputs are kept whole; large ones
# (tzvalidate, the MySQL export) as their SHA-256 and line count.
#
#   UPDATE=1 bash tests/cli/common/snapshots.sh    rewrite the snapshots
#
# Every command runs from the top directory with relative paths, so the
# outputs do not depend on where the work tree is.

. "$(dirname "$0")/../../lib.sh"
cd "$top" || exit 2
TZDB=data/tzdb
TZDIFF=diff/tzdiff
S=${SHARED#"$top"/}
case $S in /*) S=$(realpath --relative-to="$top" "$SHARED") ;; esac
UP=tests/repos/upstream.git
for p in "$TZDB" "$TZDIFF" "$ZIC"; do
	[ -x "$p" ] || { not_ok "missing $p (make)"; finish; }
done
[ -d "$UP" ] || skip_all "no $UP (make repos)"
snapdir=tests/snapshots
db=$tmp/tz.db

# snap NAME [hash] -- COMMAND...: run COMMAND (stdout, then stderr with
# each line marked, then its exit status) and compare with snapshot NAME; "tzforge 0.2" in its
# output is compared as "tzforge VERSION".
snap() {
	local name=$1 mode=whole out=$tmp/out.txt
	shift
	if [ "$1" = hash ]; then mode=hash; shift; fi
	[ "$1" = -- ] && shift
	# Standard output, then standard error (kept apart: their order
	# when mixed depends on buffering), then the exit status.  The
	# version of tzforge in generator lines is not what is compared.
	{ "$@" 2>"$tmp/err.txt"; echo "exit $?"; } >"$out.raw"
	{ head -n -1 "$out.raw"; [ -s "$tmp/err.txt" ] &&
	    sed 's/^/stderr: /' "$tmp/err.txt"; tail -n 1 "$out.raw"; } |
	    sed 's/tzforge[ )(]*[0-9][0-9.]*/tzforge VERSION/g' >"$out"
	if [ "$mode" = hash ]; then
		printf 'sha256 %s\nlines %s\n' \
		    "$(head -n -1 "$out" | sha256sum | cut -d' ' -f1)" \
		    "$(wc -l <"$out")" >"$out.h"
		tail -n 1 "$out" >>"$out.h"
		mv "$out.h" "$out"
	fi
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out" "$snapdir/$name"
		ok "$name: snapshot written"
	elif [ ! -f "$snapdir/$name" ]; then
		not_ok "$name: no snapshot (UPDATE=1 to write it)"
	elif cmp -s "$out" "$snapdir/$name"; then
		ok "$name: as in the snapshot"
	else
		not_ok "$name: differs from tests/snapshots/$name"
		diff -u "$snapdir/$name" "$out" | head -n 30 | sed 's/^/# /'
	fi
}

mkdir -p "$snapdir"
A=$S/tzdb/2026c G=$S/tzdb/2026cgtz

# tzdiff
snap tzdiff-fork.txt -- $TZDIFF "$A" "$G"
snap tzdiff-fork.md -- $TZDIFF --format markdown "$A" "$G"
snap tzdiff-fork.json -- $TZDIFF --format json "$A" "$G"
snap tzdiff-oslo.txt -- $TZDIFF --zone Europe/Oslo "$A" "$G"
snap tzdiff-walk.txt -- $TZDIFF --releases "$UP" 2022a..2022c
snap tzdiff-walk.json -- $TZDIFF --format json --releases "$UP" 2022f..2022g
snap tzdiff-since1970.txt -- $TZDIFF --from 1970 "$UP@2022a" "$UP@2022b"
snap tzdiff-news.txt -- $TZDIFF --format news "$UP@2022a" "$UP@2022b"
snap tzdiff-summary.txt -- $TZDIFF --summary --releases "$UP" 2021a..2022g
snap tzdiff-commits.txt -- $TZDIFF --commits "$UP" 2026b..2026c

# tzdb, straight from a tree
snap tzdb-at.txt -- $TZDB at --source "$A" Europe/Oslo 1940-08-10T12:00:00Z
snap tzdb-at.json -- $TZDB at --source "$A" --json Europe/Oslo \
    1940-08-10T12:00:00Z 2026-01-15T12:00:00Z
snap tzdb-local.txt -- $TZDB local --source "$A" --policy later \
    America/New_York 2026-03-08T02:30
snap tzdb-local.json -- $TZDB local --source "$A" --json \
    Europe/Berlin 2024-10-27T02:30:00
snap tzdb-transitions.txt -- $TZDB transitions --source "$A" \
    --from 2020-01-01T00:00Z --to 2030-01-01T00:00Z America/New_York
snap tzdb-transitions.json -- $TZDB transitions --source "$A" --json \
    --from 1890-01-01T00:00Z --to 1950-01-01T00:00Z Europe/Oslo
snap tzdb-zones.txt -- $TZDB zones --source "$A" --country NO
snap tzdb-zones.json -- $TZDB zones --source "$A" --json --country DE
snap tzdb-zdump.txt -- $TZDB dump --format zdump --source "$A" Europe/Oslo
snap tzdb-tzvalidate hash -- $TZDB dump --format tzvalidate "$A"
snap tzdb-mysql hash -- $TZDB export --mysql "$A"

# tzdb, from a database
$TZDB load --db "$db" --label 2026c "$A" >/dev/null 2>&1 &&
    $TZDB load --db "$db" --label 2026cgtz "$G" >/dev/null 2>&1 ||
    not_ok "loading 2026c and 2026cgtz"
snap tzdb-history.txt -- $TZDB history --db "$db" Europe/Oslo
snap tzdb-history.json -- $TZDB history --db "$db" --json Europe/Oslo
snap tzdb-releases.txt -- $TZDB releases --db "$db"
snap tzdb-db-at.txt -- $TZDB at --db "$db" --release 2026cgtz Europe/Oslo \
    1960-07-01T10:00:00Z

finish
