#!/bin/bash
# tests/cli/zic/crash.sh: crash consistency of zic -d (issue 6).  An
# existing tree (the golden 2026c fat tree) is recompiled slim from the
# 2026c sources, and zic is killed with SIGKILL after a random delay
# (fixed seed).  After each kill the tree must be whole: every name of the
# old tree still there, every file either its old bytes or its new bytes,
# every zone file readable by the project's TZif reader, and no file under
# a name that is neither old nor new.  A kill may leave zic's dot-prefixed
# .zicXXXXXX temporaries behind; the next zic run into the tree must remove
# them, and after it the tree must be exactly the new one.
# TRIALS (default 50) sets the number of kills.

. "$(dirname "$0")/../../lib.sh"
need_zic
TD=$top/build/tools/tzifdump
[ -x "$TD" ] || { not_ok "tzifdump not built: $TD"; finish; }
TRIALS=${TRIALS:-50}
old=$GOLDEN/2026c-main-fat
[ -d "$old" ] || { not_ok "no golden tree $old"; finish; }
inputs=$(main_inputs)

# hashes NAME DIR: "path sha256" of every file and symlink of DIR, sorted
# (a symlink hashes as the file it leads to).
hashes() {
	(cd "$2" && find . \( -type f -o -type l \) ! -name '.zic*' -print0 |
	    xargs -0 sha256sum | awk '{ print substr($2, 3), $1 }' | sort) >"$tmp/$1"
}

# The reference trees: the old one, and the new one made by a full run.
cp -a "$old" "$tmp/newtree"
# shellcheck disable=SC2086
"$ZIC" -d "$tmp/newtree" $inputs || { not_ok "reference run failed"; finish; }
hashes old.h "$old"
hashes new.h "$tmp/newtree"
check "old and new trees differ" sh -c "! cmp -s '$tmp/old.h' '$tmp/new.h'"
# old or new, per name: "name hash" lines of both, for the check below
sort -u "$tmp/old.h" "$tmp/new.h" >"$tmp/either.h"
cut -d' ' -f1 "$tmp/old.h" >"$tmp/old.names"

# Delays up to the time of a full run, so kills land in the parse, the
# compile and the writing of files and links: the fastest of three runs,
# since one slow run (a busy journal) would put most kills after the end.
span=
for _ in 1 2 3; do
	t0=$(date +%s%N)
	# shellcheck disable=SC2086
	"$ZIC" -d "$tmp/newtree" $inputs
	ms=$(( ($(date +%s%N) - t0) / 1000000 + 20 ))
	[ -z "$span" ] || [ "$ms" -lt "$span" ] && span=$ms
done
note "a full run takes about $((span - 20)) ms; kills within ${span} ms"

RANDOM=4242
nkilled=0 ntemps=0 nbad=0
for i in $(seq 1 "$TRIALS"); do
	work=$tmp/work
	rm -rf "$work"
	cp -a "$old" "$work"
	delay=$(printf '0.%03d' $((RANDOM % span)))
	# shellcheck disable=SC2086
	"$ZIC" -d "$work" $inputs 2>/dev/null &
	pid=$!
	sleep "$delay"
	# A run that ended before its kill says runs are faster now (the
	# journal settles): aim the next kills earlier.
	if kill -9 "$pid" 2>/dev/null; then
		nkilled=$((nkilled + 1))
	elif [ "$span" -gt 40 ]; then
		span=$((span * 9 / 10))
	fi
	wait "$pid" 2>/dev/null
	# every file: old bytes or new bytes; every old name present
	hashes got.h "$work"
	bad=$(comm -23 "$tmp/got.h" "$tmp/either.h" | head -n 3)
	missing=$(cut -d' ' -f1 "$tmp/got.h" | comm -13 - "$tmp/old.names" | head -n 3)
	if [ -n "$bad$missing" ]; then
		nbad=$((nbad + 1))
		not_ok "trial $i (kill after ${delay}s): tree not whole"
		[ -n "$bad" ] && note "neither old nor new: $bad"
		[ -n "$missing" ] && note "missing: $missing"
	fi
	# every zone file readable (links share their target's bytes)
	if ! (cd "$work" && find . -type f ! -name '.zic*' -print0 |
	    xargs -0 "$TD" >/dev/null); then
		nbad=$((nbad + 1))
		not_ok "trial $i (kill after ${delay}s): unreadable TZif file"
	fi
	temps=$(find "$work" -name '.zic*' | wc -l)
	[ "$temps" -gt 0 ] && ntemps=$((ntemps + 1))
	# the next run cleans up and completes the tree
	# shellcheck disable=SC2086
	if ! "$ZIC" -d "$work" $inputs 2>/dev/null; then
		nbad=$((nbad + 1))
		not_ok "trial $i: follow-up run failed"
	fi
	left=$(find "$work" -name '.zic*' | head -n 3)
	if [ -n "$left" ]; then
		nbad=$((nbad + 1))
		not_ok "trial $i: temporaries left after the follow-up run: $left"
	fi
	hashes fin.h "$work"
	if ! cmp -s "$tmp/fin.h" "$tmp/new.h"; then
		nbad=$((nbad + 1))
		not_ok "trial $i: tree after the follow-up run is not the new tree"
	fi
done
note "$TRIALS trials, $nkilled killed mid-run, $ntemps left temporaries that the next run removed"
if [ "$nbad" -eq 0 ]; then
	ok "$TRIALS kills of zic -d over an existing tree: tree whole and valid every time"
fi
check "at least 50 trials" test "$TRIALS" -ge 50
check "most kills landed mid-run" test "$nkilled" -ge $((TRIALS / 2))
finish
