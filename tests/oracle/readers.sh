#!/bin/bash
# tests/oracle/readers.sh: real TZif readers agree on our output.  Compile the
# 2026c main data with $ZIC (slim, the default, and -b fat), then for a set of
# hard zones and sample instants (before 1970, 2026, after 2038) require that
#   zdump -i -t T,T+1            (glibc's zdump, on the file by absolute path)
#   TZDIR=tree TZ=Zone date -d @T (glibc's localtime through TZDIR)
#   Python zoneinfo               (its TZPATH reset to the tree)
#   build/tools/tzifdump -l T     (the project's own reader, once built)
# give the same UT offset and abbreviation.  Everything runs with LC_ALL=C
# and TZ/TZDIR removed from the caller's environment.

. "$(dirname "$0")/../lib.sh"
need_zic
need_cmd python3 date
TZIFDUMP=${TZIFDUMP:-$top/build/tools/tzifdump}
[ -x "$SYS_ZDUMP" ] || skip_all "$SYS_ZDUMP not installed"

zones="America/New_York Europe/Dublin Africa/Casablanca America/Nuuk
	Asia/Gaza Antarctica/Troll Pacific/Apia Australia/Lord_Howe
	America/St_Johns Europe/Moscow Asia/Kolkata America/Santiago
	Asia/Jerusalem Africa/Cairo Asia/Tehran Pacific/Chatham Europe/London
	America/Juneau Asia/Ho_Chi_Minh America/Vancouver Etc/GMT+5
	Pacific/Kiritimati Africa/Windhoek Asia/Kathmandu Antarctica/Macquarie
	America/Scoresbysund Asia/Manila"

# 1900-01-01, 1921-07-01 12:00, 1938-04-24, 1955-07-01 12:00, 1970,
# 2001-09-09, 2026-07-01, 2026-11-23, 2038-01-19 03:14:08 (2^31),
# 2040-07-01 12:00, 2045-01-15 12:00, 2086-06-01 12:00, 2100-07-01 12:00
instants="-2208988800 -1530619200 -1000000000 -457704000 0 1000000000
	1782864000 1795392000 2147483648 2224756800 2368094400 3673771200
	4118126400"

# zdump's -i output for many zones at instant T, one line per zone: ZONE T
# +-hh:mm:ss ABBR.  The offset field reads +05, -0330, -045602, or -00 for
# the "-00" abbreviation; a missing abbreviation is the offset field itself.
zdump_norm() {
	awk -v pfx="TZ=\"$1/" -v t="$2" '
	index($0, pfx) == 1 {
		zone = substr($0, length(pfx) + 1); sub(/"$/, "", zone)
		want = 1
		next
	}
	want && $1 == "-" && $2 == "-" {
		off = $3; abbr = (NF >= 4 && $4 != "1") ? $4 : off
		sign = substr(off, 1, 1); d = substr(off, 2)
		hh = substr(d, 1, 2); mm = substr(d, 3, 2); ss = substr(d, 5, 2)
		if (mm == "") mm = "00"
		if (ss == "") ss = "00"
		if (off == "-00") sign = "+"
		printf "%s %s %s%s:%s:%s %s\n", zone, t, sign, hh, mm, ss, abbr
		want = 0
	}'
}

# GNU date prints an offset of -00:00:00 for the "-00" abbreviation (the
# RFC 3339 "unknown offset" convention); the UT offset is zero.
date_norm() {
	awk -v zone="$1" '{
		t = $1; sub(/^@/, "", t)
		off = $2; if (off == "-00:00:00") off = "+00:00:00"
		print zone, t, off, $3
	}'
}

check_tree() {
	local label=$1 tree=$2 zone t
	: >"$tmp/$label.zdump"
	for t in $instants; do
		"$SYS_ZDUMP" -i -t "$t,$((t + 1))" \
		    $(for zone in $zones; do printf '%s/%s ' "$tree" "$zone"; done) |
		    zdump_norm "$tree" "$t"
	done | sort >"$tmp/$label.zdump"
	printf '@%s\n' $instants >"$tmp/instants"
	for zone in $zones; do
		TZDIR=$tree TZ=$zone date -f "$tmp/instants" +'@%s %::z %Z' |
		    date_norm "$zone"
	done | sort >"$tmp/$label.date"
	TREE=$tree ZONES=$zones INSTANTS=$instants python3 - \
	    2>&1 <<'EOF' | sort >"$tmp/$label.python"
import datetime, os, zoneinfo
tree = os.environ["TREE"]
zoneinfo.reset_tzpath(to=[tree])
for t in os.environ["INSTANTS"].split():
    for zone in os.environ["ZONES"].split():
        # No fallback to a tzdata package: the file must be in our tree.
        assert os.path.isfile(os.path.join(tree, zone)), zone
        zi = zoneinfo.ZoneInfo.no_cache(zone)
        dt = datetime.datetime.fromtimestamp(int(t), tz=zi)
        off = int(dt.utcoffset().total_seconds())
        sign = "-" if off < 0 else "+"
        off = abs(off)
        print("%s %s %s%02d:%02d:%02d %s" % (zone, t, sign, off // 3600,
              off // 60 % 60, off % 60, dt.tzname()))
EOF
	# Anchors: facts about 2026c that no reader may lose (a file that
	# every reader falls back to UTC on would otherwise "agree").
	printf '%s\n' \
	    'America/New_York 1795392000 -05:00:00 EST' \
	    'America/New_York 1782864000 -04:00:00 EDT' \
	    'Europe/Dublin 1782864000 +01:00:00 IST' \
	    'Asia/Kolkata 1795392000 +05:30:00 IST' \
	    'Australia/Lord_Howe 1795392000 +11:00:00 +11' \
	    'America/St_Johns 1782864000 -02:30:00 NDT' \
	    'Antarctica/Troll 1782864000 +02:00:00 +02' \
	    'Antarctica/Troll 0 +00:00:00 -00' \
	    'Africa/Casablanca 4118126400 +00:00:00 +00' \
	    'America/Nuuk 2224756800 -01:00:00 -01' \
	    'Europe/Moscow -2208988800 +02:30:17 MMT' |
	    sort >"$tmp/anchors"
	if comm -23 "$tmp/anchors" "$tmp/$label.zdump" >"$tmp/missing" &&
	    [ ! -s "$tmp/missing" ]; then
		ok "$label: zdump gives the $(wc -l <"$tmp/anchors") known values"
	else
		not_ok "$label: zdump lacks known values:"
		sed 's/^/#   /' "$tmp/missing"
	fi
	# The project's own reader, once built: tzifdump -l T... prints
	# "PATH: UTOFF ISDST ABBR" per file and instant, in -l order.
	readers="date python"
	if [ -x "$TZIFDUMP" ]; then
		readers="$readers tzifdump"
		"$TZIFDUMP" $(printf -- '-l %s ' $instants) \
		    $(for zone in $zones; do printf '%s/%s ' "$tree" "$zone"; done) \
		    2>&1 | awk -v pfx="$tree/" -v inst="$instants" '
		BEGIN { n = split(inst, when, /[ \t\n]+/) }
		{
			zone = $1; sub(/:$/, "", zone)
			zone = substr(zone, length(pfx) + 1)
			if (zone != last) { i = 0; last = zone }
			off = $2 + 0; sign = off < 0 ? "-" : "+"
			if (off < 0) off = -off
			printf "%s %s %s%02d:%02d:%02d %s\n", zone, when[++i],
			    sign, int(off / 3600), int(off / 60) % 60, off % 60, $4
		}' | sort >"$tmp/$label.tzifdump"
	else
		note "build/tools/tzifdump not built: the project's reader is not checked"
	fi
	local n
	n=$(wc -l <"$tmp/$label.zdump")
	note "$label: $n zone/instant samples"
	if [ "$n" -eq 0 ]; then
		not_ok "$label: zdump gave no samples"
		return
	fi
	for reader in $readers; do
		if cmp -s "$tmp/$label.zdump" "$tmp/$label.$reader"; then
			ok "$label: $reader agrees with zdump on all $n samples"
		else
			not_ok "$label: $reader disagrees with zdump (- zdump, + $reader)"
			show_diff "$tmp/$label.zdump" "$tmp/$label.$reader"
		fi
	done
}

for mode in slim fat; do
	if ! "$ZIC" -b "$mode" -d "$tmp/$mode" $(main_inputs) >"$tmp/$mode.err" 2>&1; then
		not_ok "$mode: zic failed"
		sed 's/^/#   /' "$tmp/$mode.err" | head -n 20
		continue
	fi
	check_tree "$mode" "$tmp/$mode"
done

finish
