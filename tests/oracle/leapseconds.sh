#!/bin/bash
# tests/oracle/leapseconds.sh: the `leapseconds` file tzforge makes for a
# tree that lacks one (every git tag) against what that tag's own
# leapseconds.awk makes of its leap-seconds.list under gawk, as the
# tag's Makefile runs it ("awk -v EXPIRES_LINE=N -f leapseconds.awk
# leap-seconds.list"): every tag of both bundles and both branch heads,
# EXPIRES_LINE 0 and 1, byte for byte.
#
# Then each distinct script against lists the releases never shipped:
# without the "#$"/"#@" stamp lines (the "unknown" branches of 2023a on),
# with a negative leap second on 1 July 2017, with blanks instead of the
# tab in the "Updated through" and "File expires on" comments (which only
# the scripts of 2019c on repeat then), and with CRLF line ends
# (stripped from 2019c on; refused, with the line named, by the scripts
# before, which copy the CR into the output).

. "$(dirname "$0")/../lib.sh"
need_cmd gawk git
ZISOURCE=$top/build/tools/zisource
[ -x "$ZISOURCE" ] || { not_ok "no $ZISOURCE (make tools)"; finish; }

# ours SPEC [-e]: tzforge's leapseconds for SPEC into $tmp/ours.
ours() { "$ZISOURCE" -L "${@:2}" "$1" >"$tmp/ours" 2>"$tmp/err"; }

# theirs DIR EXPIRES_LINE: the script in DIR run on the list in DIR.
theirs() {
	(cd "$1" && gawk -v EXPIRES_LINE="$2" -f leapseconds.awk \
	    leap-seconds.list) >"$tmp/theirs" 2>/dev/null
}

declare -A scripts		# SHA-256 of a script -> a tree that has it
declare -A label		# the same -> that tree's tag or branch
for repo in upstream global-tz; do
	R=$top/tests/repos/$repo.git
	[ -d "$R" ] || { not_ok "no $R (make repos)"; continue; }
	head=main
	[ $repo = global-tz ] && head=global-tz
	same=0 differ=() refs=0
	for ref in $(git -C "$R" tag) $head; do
		git -C "$R" cat-file -e "refs/tags/$ref:leapseconds.awk" \
		    2>/dev/null || git -C "$R" cat-file -e \
		    "refs/heads/$ref:leapseconds.awk" 2>/dev/null || continue
		d=$tmp/$repo-$ref
		mkdir -p "$d"
		rev=$(git -C "$R" rev-parse -q --verify "refs/tags/$ref" ||
		    git -C "$R" rev-parse "refs/heads/$ref")
		for f in leapseconds.awk leap-seconds.list; do
			git -C "$R" show "$rev:$f" >"$d/$f"
		done
		sha=$(sha256sum <"$d/leapseconds.awk" | cut -c1-64)
		scripts[$sha]=$d
		label[$sha]=$ref
		refs=$((refs + 1))
		for e in 0 1; do
			theirs "$d" $e
			opt=()
			[ $e = 1 ] && opt=(-e)
			if ours "$R@$rev" "${opt[@]}" &&
			    cmp -s "$tmp/ours" "$tmp/theirs"; then
				same=$((same + 1))
			else
				differ+=("$ref/EXPIRES_LINE=$e")
				[ ${#differ[@]} = 1 ] && show_diff \
				    "$tmp/theirs" "$tmp/ours" && sed \
				    's/^/#   /' "$tmp/err"
			fi
		done
	done
	if [ ${#differ[@]} = 0 ] && [ $same -gt 0 ]; then
		ok "$repo: leapseconds identical to leapseconds.awk's: $same/$((refs * 2)) (tags and $head, EXPIRES_LINE 0 and 1)"
	else
		not_ok "$repo: leapseconds differ: ${differ[*]:0:8} (identical $same/$((refs * 2)))"
	fi
done
note "distinct leapseconds.awk scripts: ${#scripts[@]}"
check "all 16 versions of leapseconds.awk were compared" test ${#scripts[@]} -eq 16

# The variants, one tree per script: the script, the list and one data
# file (a directory tree needs one).
for sha in "${!scripts[@]}"; do
	src=${scripts[$sha]}
	v=${label[$sha]}
	d=$tmp/variant-$v
	mkdir -p "$d"
	cp "$src/leapseconds.awk" "$d/"
	cp "$TZDB/etcetera" "$d/"
	for variant in nostamps negative blanks crlf; do
		case $variant in
		nostamps) grep -v '^#[$@]' "$src/leap-seconds.list" ;;
		negative) cat "$src/leap-seconds.list"
			printf '3707856000\t36\t# 1 Jul 2017\n' ;;
		blanks) sed 's/^#\t\(Updated\|File\)/#  \1/' \
			    "$src/leap-seconds.list" ;;
		crlf) sed 's/$/\r/' "$src/leap-seconds.list" ;;
		esac >"$d/leap-seconds.list"
		theirs "$d" 0
		if [ $variant = crlf ] && ! grep -q '\\r' "$d/leapseconds.awk"; then
			# Before 2019c: refused, naming the first data line.
			line=$(grep -n '^[0-9]' "$d/leap-seconds.list" | head -n 1 | cut -d: -f1)
			if ! ours "$d" && grep -q "carriage return" "$tmp/err" &&
			    ! cmp -s "$tmp/ours" "$tmp/theirs"; then
				ok "$v, CRLF list: refused (leapseconds.awk copies the CR; first data line $line)"
			else
				not_ok "$v, CRLF list: not refused: $(head -c 200 "$tmp/err")"
			fi
			continue
		fi
		if ours "$d" && cmp -s "$tmp/ours" "$tmp/theirs"; then
			ok "$v, $variant list: identical to leapseconds.awk's"
		else
			not_ok "$v, $variant list: differs from leapseconds.awk's"
			show_diff "$tmp/theirs" "$tmp/ours"
			sed 's/^/#   /' "$tmp/err"
		fi
	done
done

# A tree that has a leapseconds file keeps it: a tarball's is installed
# as it is, even where the script would make something else.
d=$tmp/has-file
mkdir -p "$d"
cp "$TZDB/etcetera" "$TZDB/leap-seconds.list" "$d/"
printf '# not what leapseconds.awk writes\n' >"$d/leapseconds"
check "a tree's own leapseconds file is used as it is" \
    sh -c '"$1" -L "$2" | cmp -s - "$2/leapseconds"' sh "$ZISOURCE" "$d"
# An unknown script is refused with one line.
cp "${scripts[$sha]}/leapseconds.awk" "$d/"
rm "$d/leapseconds"
printf '# a local change\n' >>"$d/leapseconds.awk"
if ! ours "$d" && [ "$(wc -l <"$tmp/err")" = 1 ] &&
    grep -q "unknown 'leapseconds.awk'" "$tmp/err"; then
	ok "an unknown leapseconds.awk is refused: $(cat "$tmp/err")"
else
	not_ok "an unknown leapseconds.awk: $(head -c 300 "$tmp/err")"
fi
finish
