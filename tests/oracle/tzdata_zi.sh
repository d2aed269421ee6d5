#!/bin/bash
# tests/oracle/tzdata_zi.sh: our ziguard and zishrink against a real
# upstream build.  Debian builds /usr/share/zoneinfo/tzdata.zi with the
# upstream Makefile (ziguard.awk, then zishrink.awk); its header names the
# release and the switches (# version, # dataform, # redo, # ddeps).  We
# build the same release from the upstream bundle with the same switches
# through the library (build/tools/zisource -z) and require the same
# bytes, after taking out Debian's own change: its tzdata package turns
# the legacy names below back from Links into Zones.
#
# Skipped when the machine's tzdata release is not a tag of the bundle.

. "$(dirname "$0")/../lib.sh"
SYSZI=${SYSZI:-/usr/share/zoneinfo/tzdata.zi}
ZISOURCE=$top/build/tools/zisource
UP=$top/tests/repos/upstream.git
[ -f "$SYSZI" ] || skip_all "no $SYSZI"
[ -x "$ZISOURCE" ] || { not_ok "no $ZISOURCE (make tools)"; finish; }
[ -d "$UP" ] || skip_all "no $UP (make repos)"

# Debian's tzdata keeps these as Zones (upstream made them Links in 2024b).
DEBIAN_ZONES="CET CST6CDT EET EST EST5EDT HST MET MST MST7MDT PST8PDT WET"

version=$(sed -n '1s/^# version //p' "$SYSZI")
git -C "$UP" rev-parse -q --verify "refs/tags/$version" >/dev/null ||
    skip_all "tzdata $version is not a tag of the upstream bundle"

# The switches from the header lines, as the Makefile takes them.
args=(-r posix_right)
while read -r key val; do
	case $key in
	dataform) args+=(-f "$val") ;;
	redo) args=(-r "$val" "${args[@]:2}") ;;
	ddeps)
		for d in $val; do
			case $d in
			backzone) args+=(-b) ;;
			!backward) args+=(-B) ;;
			!*) ;;
			*) args+=(-l "$d") ;;
			esac
		done ;;
	esac
done < <(sed -n 's/^# \(dataform\|redo\|ddeps\) /\1 /p' "$SYSZI")
note "tzdata $version, switches: ${args[*]}"

"$ZISOURCE" -z "${args[@]}" "$UP@$version" >"$tmp/ours.zi" 2>"$tmp/err"
check "zisource builds $version" test -s "$tmp/ours.zi"

# Without Debian's change on either side: its Zone lines for the legacy
# names, and our Link lines that name them.
pat=$(echo $DEBIAN_ZONES | sed 's/ /|/g')
grep -Ev "^Z ($pat) " "$SYSZI" >"$tmp/sys.zi"
grep -Ev "^L [^ ]+ ($pat)$" "$tmp/ours.zi" >"$tmp/ours-cut.zi"
note "lines: ours $(wc -l <"$tmp/ours.zi"), Debian's $(wc -l <"$SYSZI")"
if cmp -s "$tmp/ours-cut.zi" "$tmp/sys.zi"; then
	ok "tzdata.zi of $version identical to Debian's ($(wc -l <"$tmp/sys.zi") lines, legacy names aside)"
else
	not_ok "tzdata.zi of $version differs from Debian's"
	show_diff "$tmp/sys.zi" "$tmp/ours-cut.zi"
fi
# The cut must take out exactly Debian's change, no more: one Zone line
# there and one Link line here per legacy name.
n=$(echo $DEBIAN_ZONES | wc -w)
check "the cut is one line per legacy name on each side ($n)" \
    test "$(($(wc -l <"$SYSZI") - $(wc -l <"$tmp/sys.zi")))" -eq "$n" -a \
    "$(($(wc -l <"$tmp/ours.zi") - $(wc -l <"$tmp/ours-cut.zi")))" -eq "$n"
finish
