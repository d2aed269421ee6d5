#!/bin/bash
# tests/cli/tzdiff/zdump.sh: for a sample of names, the differences tzdiff
# reports between 2026c and 2026cgtz agree with a comparison of
# /usr/bin/zdump -i output of both trees compiled with zic/zic: number of
# differing intervals, first and last differing instants, largest offset
# difference, over [1800, 2100).
. "$(dirname "$0")/../../lib.sh"

TZDIFF=${TZDIFF:-diff/tzdiff}
case $TZDIFF in /*) ;; *) TZDIFF=$top/$TZDIFF ;; esac
need_zic
[ -x "$TZDIFF" ] || { not_ok "tzdiff not found: $TZDIFF"; finish; }
[ -x "$SYS_ZDUMP" ] || skip_all "$SYS_ZDUMP not installed"
need_cmd python3
OLD=$SHARED/tzdb/2026c NEW=$SHARED/tzdb/2026cgtz
[ -d "$OLD" ] && [ -d "$NEW" ] || skip_all "shared 2026c/2026cgtz missing"

for side in old new; do
	src=$OLD
	[ $side = new ] && src=$NEW
	mkdir "$tmp/$side"
	(cd "$src" && "$ZIC" -d "$tmp/$side" $MAIN_FILES) ||
	    { not_ok "zic/zic compiles $src"; finish; }
done

# zdump -i of one name -> lines "UT<TAB>offset|abbr|isdst", UT "-" first.
# zdump gives local date and time just after each transition.  (printf
# %.0f: mawk prints large numbers in %.6g otherwise.)
zdump_ivals() {
	"$SYS_ZDUMP" -i -c 1800,2100 "$1" | awk -F '\t' '
	function days(y, m, d,   era, yoe, doy, doe) {
		y -= (m <= 2)
		era = int((y >= 0 ? y : y - 399) / 400)
		yoe = y - era * 400
		doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
		doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
		return era * 146097 + doe - 719468
	}
	function secs(s,   n, a, sg) {	# +HH[MM[SS]] or HH[:MM[:SS]]
		sg = 1
		if (s ~ /^[-+]/) { sg = (substr(s, 1, 1) == "-") ? -1 : 1
			s = substr(s, 2) }
		gsub(/:/, "", s)
		n = substr(s, 1, 2) * 3600
		if (length(s) >= 4) n += substr(s, 3, 2) * 60
		if (length(s) >= 6) n += substr(s, 5, 2)
		return sg * n
	}
	NF >= 3 && $1 != "" {
		abbr = (NF >= 4 && $4 != "") ? $4 : $3
		v = secs($3) "|" abbr "|" (NF >= 5 && $5 == "1" ? 1 : 0)
		if ($1 == "-") { print "-\t" v; next }
		split($1, d, "-")
		printf "%.0f\t%s\n", days(d[1], d[2] + 0, d[3] + 0) * 86400 + \
		    secs($2) - secs($3), v
	}'
}

# Merge-walk two interval files over [lo, hi): "N first last maxdelta".
compare_ivals() {
	awk -F '\t' -v lo="$3" -v hi="$4" '
	function iso(t,   z, era, doe, yoe, doy, mp, d, m, y, s) {
		z = int(t / 86400); if (z * 86400 > t) z--
		s = t - z * 86400
		z += 719468
		era = int((z >= 0 ? z : z - 146096) / 146097)
		doe = z - era * 146097
		yoe = int((doe - int(doe / 1460) + int(doe / 36524) - \
		    int(doe / 146096)) / 365)
		doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
		mp = int((5 * doy + 2) / 153)
		d = doy - int((153 * mp + 2) / 5) + 1
		m = mp < 10 ? mp + 3 : mp - 9
		y = yoe + era * 400 + (m <= 2)
		return sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
		    int(s / 3600), int(s / 60) % 60, s % 60)
	}
	FNR == 1 { f++ }
	f == 1 { na++; as[na] = ($1 == "-") ? lo : $1; av[na] = $2 }
	f == 2 { nb++; bs[nb] = ($1 == "-") ? lo : $1; bv[nb] = $2 }
	END {
		i = j = 1; t = lo; n = 0; max = 0
		while (t < hi) {
			e = hi
			if (i < na && as[i + 1] < e) e = as[i + 1]
			if (j < nb && bs[j + 1] < e) e = bs[j + 1]
			if (av[i] != bv[j]) {
				n++
				if (n == 1) first = t
				last = e
				split(av[i], x, "|"); split(bv[j], y, "|")
				dd = x[1] - y[1]; if (dd < 0) dd = -dd
				if (dd > max) max = dd
			}
			t = e
			if (i < na && as[i + 1] == t) i++
			if (j < nb && bs[j + 1] == t) j++
		}
		if (n == 0) print "0 - - 0"
		else print n, iso(first), iso(last), max
	}' "$1" "$2"
}

LO=-5364662400		# 1800-01-01T00:00:00Z
HI=4102444800		# 2100-01-01T00:00:00Z
for name in Europe/Oslo Atlantic/Reykjavik Europe/Amsterdam \
    Asia/Kuala_Lumpur Africa/Accra America/Creston Pacific/Majuro \
    Europe/Copenhagen Arctic/Longyearbyen Iceland Africa/Asmera \
    Europe/Berlin America/New_York Australia/Lord_Howe; do
	zdump_ivals "$tmp/old/$name" >"$tmp/a"
	zdump_ivals "$tmp/new/$name" >"$tmp/b"
	want=$(compare_ivals "$tmp/a" "$tmp/b" $LO $HI)
	json=$("$TZDIFF" --format json --from 1800-01-01 --until 2100-01-01 \
	    --zone "$name" "$OLD" "$NEW")
	rc=$?
	got=$(printf '%s\n' "$json" | python3 -c 'import json, sys
for e in json.load(sys.stdin)["names"]:
    b = e.get("behaviour")
    if b and b["intervals"]:
        print(b["intervals"], b["first_finite"], b["last"],
              b["max_offset_delta"])')
	[ -n "$got" ] || got="0 - - 0"
	if [ "$got" = "$want" ]; then
		ok "$name: $got"
	else
		not_ok "$name: tzdiff '$got', zdump '$want'"
	fi
	exp_rc=0
	[ "${want%% *}" = 0 ] || exp_rc=1
	check "$name: exit status $exp_rc" [ "$rc" -eq "$exp_rc" ]
done
finish
