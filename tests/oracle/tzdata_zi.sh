#!/bin/bash
# tests/oracle/tzdata_zi.sh: tzforge's tzdata.zi against upstream's.
#
# 1. zishrink, release by release: each release's own Makefile runs
#    "make tzdata.zi" with gawk, for every data form and build switch it
#    has, with an awk that also runs build/tools/zishrink_run (our
#    lib/zishrink.c) on the same command line and input; the two outputs
#    must be the same bytes, header lines (# version, # dataform,
#    # redo, # ddeps) included, and where gawk's zishrink.awk fails ours
#    must fail too.  make check takes one release of each of the ten
#    zishrink.awk versions and 2026c and 2026cgtz; TZDATA_ZI_REFS="A B"
#    picks refs, TZDATA_ZI_REFS=all every tag and both branch heads
#    (tests/full/tzdata_zi.sh).
# 2. The whole chain on real data: Debian builds
#    /usr/share/zoneinfo/tzdata.zi with the upstream Makefile (ziguard.awk,
#    then zishrink.awk); we build the same release from the upstream
#    bundle with the switches its header names (build/tools/zisource -z)
#    and require the same bytes, after taking out Debian's own change:
#    its tzdata package turns the legacy names below back from Links into
#    Zones.  Skipped when the machine's release is not a tag of the bundle.

. "$(dirname "$0")/../lib.sh"
need_cmd gawk make git
SYSZI=${SYSZI:-/usr/share/zoneinfo/tzdata.zi}
ZISOURCE=$top/build/tools/zisource
ZISHRINK=$top/build/tools/zishrink_run
UP=$top/tests/repos/upstream.git
GTZ=$top/tests/repos/global-tz.git
for x in "$ZISOURCE" "$ZISHRINK"; do
	[ -x "$x" ] || { not_ok "no $x (make tools)"; finish; }
done
for r in "$UP" "$GTZ"; do
	[ -d "$r" ] || { not_ok "no $r (make repos)"; finish; }
done

# ------------------------------------------------------------------
# 1. make tzdata.zi with gawk's zishrink.awk and ours side by side

# The awk the Makefile runs: a zishrink.awk run is made twice, by gawk
# (whose output make keeps) and by zishrink_run, into $CMP.
cat >"$tmp/awk" <<EOF
#!/bin/bash
for a; do [ "\$a" = zishrink.awk ] && z=1; done
[ -n "\${z:-}" ] || exec gawk "\$@"
gawk "\$@" >"\$CMP/gawk.out"
rg=\$?
"$ZISHRINK" "\$@" >"\$CMP/ours.out" 2>"\$CMP/ours.err"
echo \$rg \$? >"\$CMP/rc"
cat "\$CMP/gawk.out"
exit \$rg
EOF
chmod +x "$tmp/awk"
export CMP=$tmp/cmp
mkdir -p "$CMP"

# checkout REPO COMMIT DIR NAME: the files of COMMIT, with NAME in the
# version file that "make version" would write (its rule needs tzcode's
# C sources).
checkout() {
	rm -rf "$3"
	mkdir -p "$3"
	git -C "$1" archive "$2" | tar -x -C "$3" &&
	    printf '%s\n' "$4" >"$3/version"
}

# build DIR NAME VAR=VALUE...: one "make tzdata.zi" and its comparison.
build() {
	local d=$1 name=$2 rg ro
	shift 2
	rm -f "$d"/*.zi "$CMP"/*
	(cd "$d" && make -o version AWK="$tmp/awk" "$@" tzdata.zi) \
	    >"$tmp/make.log" 2>&1
	if [ ! -f "$CMP/rc" ]; then
		not_ok "$name: make ran no zishrink.awk"
		tail -n 3 "$tmp/make.log" | sed 's/^/#   /'
		return
	fi
	read -r rg ro <"$CMP/rc"
	if [ "$rg" != 0 ]; then
		if [ "$ro" != 0 ] && [ -s "$CMP/ours.err" ]; then
			ok "$name: zishrink.awk fails, and so do we: $(head -n 1 "$CMP/ours.err")"
		else
			not_ok "$name: zishrink.awk fails (exit $rg), ours does not"
		fi
	elif [ "$ro" = 0 ] && cmp -s "$CMP/gawk.out" "$CMP/ours.out"; then
		same=$((same + 1))
		lines=$((lines + $(wc -l <"$CMP/ours.out")))
	else
		not_ok "$name: tzdata.zi differs (exit $ro: $(head -c 200 "$CMP/ours.err"))"
		show_diff "$CMP/gawk.out" "$CMP/ours.out" 10
	fi
}

# each_build DIR REF: every form and switch the ref's Makefile has.
each_build() {
	local d=$1 ref=$2 form forms=main sws=("")
	grep -q '^DATAFORM' "$d/Makefile" && forms="main vanguard rearguard"
	grep -q '^PACKRATDATA' "$d/Makefile" && sws+=("PACKRATDATA=backzone")
	grep -q '^PACKRATLIST' "$d/Makefile" &&
	    sws+=("PACKRATDATA=backzone PACKRATLIST=zone.tab")
	grep -q '^BACKWARD' "$d/Makefile" && sws+=("BACKWARD=")
	for form in $forms; do
		for sw in "${sws[@]}"; do
			# shellcheck disable=SC2086
			build "$d" "$ref $form ${sw:-default}" DATAFORM=$form $sw
		done
	done
}

SAMPLE="2017c 2018a 2018c 2018d 2018f 2018g 2019b 2020b 2022b 2024a 2026c
	2026cgtz"
refs=${TZDATA_ZI_REFS:-$SAMPLE}
if [ "$refs" = all ]; then
	refs="$(git -C "$UP" tag) main $(git -C "$GTZ" tag) global-tz"
fi
declare -A scripts
for ref in $refs; do
	repo=$UP
	case $ref in *gtz | global-tz) repo=$GTZ ;; esac
	rev=$(git -C "$repo" rev-parse -q --verify "refs/tags/$ref" ||
	    git -C "$repo" rev-parse -q --verify "refs/heads/$ref") || {
		not_ok "$ref: no such tag or branch"
		continue
	}
	git -C "$repo" cat-file -e "$rev:zishrink.awk" 2>/dev/null || continue
	if ! checkout "$repo" "$rev" "$tmp/src" "$ref"; then
		not_ok "$ref: no checkout"
		continue
	fi
	scripts[$(sha256sum <"$tmp/src/zishrink.awk" | cut -c1-16)]=$ref
	same=0 lines=0 before=$nnot
	each_build "$tmp/src" "$ref"
	[ $nnot = "$before" ] &&
	    ok "$ref: tzdata.zi identical to zishrink.awk's in $same builds ($lines lines)"
done
note "zishrink.awk versions compared: ${#scripts[@]} (${scripts[*]})"
[ "$refs" = "$SAMPLE" ] &&
    check "each of the ten zishrink.awk versions was compared" \
    test ${#scripts[@]} -eq 10

# ------------------------------------------------------------------
# 2. Debian's tzdata.zi

# Debian's tzdata keeps these as Zones (upstream made them Links in 2024b).
DEBIAN_ZONES="CET CST6CDT EET EST EST5EDT HST MET MST MST7MDT PST8PDT WET"

debian() {
	local version args key val d pat n
	version=$(sed -n '1s/^# version //p' "$SYSZI")
	if ! git -C "$UP" rev-parse -q --verify "refs/tags/$version" \
	    >/dev/null; then
		note "Debian's tzdata $version is not a tag of the upstream bundle: not compared"
		return
	fi
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
	note "Debian's tzdata $version, switches: ${args[*]}"

	"$ZISOURCE" -z "${args[@]}" "$UP@$version" >"$tmp/ours.zi" 2>"$tmp/err"
	check "zisource builds $version" test -s "$tmp/ours.zi"

	# Without Debian's change on either side: its Zone lines for the
	# legacy names, and our Link lines that name them.
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
	# The cut must take out exactly Debian's change, no more: one Zone
	# line there and one Link line here per legacy name.
	n=$(echo $DEBIAN_ZONES | wc -w)
	check "the cut is one line per legacy name on each side ($n)" \
	    test "$(($(wc -l <"$SYSZI") - $(wc -l <"$tmp/sys.zi")))" -eq "$n" -a \
	    "$(($(wc -l <"$tmp/ours.zi") - $(wc -l <"$tmp/ours-cut.zi")))" -eq "$n"
}
if [ -f "$SYSZI" ]; then
	debian
else
	note "no $SYSZI: Debian's tzdata.zi not compared"
fi
finish
