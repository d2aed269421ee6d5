#!/bin/bash
# tests/cli/tzdb/options.sh: every option of data/tzdb exercised with its effect
# asserted; `tzdb local` at both edges of a gap and of an overlap under
# every policy; every text output that shows an offset checked on an LMT
# offset with seconds (+00:53:28, Berlin); `> /dev/full` gives one "write
# error" line and exit 2 for each command; `at --releases` over both
# bundles (Oslo 1940: 2012e-2022a +01:00, 2022b-2026c +02:00, global-tz
# +01:00 throughout); --version and per-command --help.
# Exit 0 pass, 1 fail, 77 skip.
prog=${TZDB:-}		# lib.sh uses TZDB for the 2026c data directory
. "$(dirname "$0")/../../lib.sh"
TZDB=${prog:-data/tzdb}
case $TZDB in /*) ;; *) TZDB=$top/$TZDB ;; esac
[ -x "$TZDB" ] || { not_ok "no $TZDB"; finish; }
A=$SHARED/tzdb/2026c G=$SHARED/tzdb/2026cgtz
UP=$top/tests/repos/upstream.git GTZ=$top/tests/repos/global-tz.git
db=$tmp/t.db
cd "$tmp" || exit 2
t() { "$TZDB" "$@" >out 2>err; }
has() { grep -q -- "$1" out; }
"$TZDB" load --db "$db" --label 2026c "$A" 2>/dev/null &&
    "$TZDB" load --db "$db" --label 2026cgtz "$G" 2>/dev/null ||
    { not_ok "load"; finish; }

# local: both edges of Berlin's 2024 gap (02:00-03:00 skipped at 01:00Z)
# and overlap (02:00-03:00 twice, from 00:00Z and 01:00Z), every policy.
# Each line: local time, policy, exit status, the ut line ("-": none).
while read -r when pol want ut; do
	t local --db "$db" --policy "$pol" Europe/Berlin "$when"
	rc=$?
	got=$(sed -n 's/^ut: //p' out)
	[ -n "$got" ] || got=-
	if [ "$rc" -eq "$want" ] && [ "$got" = "${ut//_/ }" ]; then
		ok "local $when --policy $pol: exit $rc, $got"
	else
		not_ok "local $when --policy $pol: exit $rc, '$got' (want $want, '${ut//_/ }')"
		sed 's/^/#   /' out err
	fi
done <<'EDGES'
2024-03-31T01:59:59 reject 0 2024-03-31T00:59:59Z_+01:00_CET_isdst=0
2024-03-31T02:00:00 reject 1 -
2024-03-31T02:00:00 earlier 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-03-31T02:00:00 later 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-03-31T02:00:00 shift 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-03-31T02:59:59 reject 1 -
2024-03-31T02:59:59 earlier 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-03-31T02:59:59 later 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-03-31T02:59:59 shift 0 2024-03-31T01:59:59Z_+02:00_CEST_isdst=1
2024-03-31T03:00:00 shift 0 2024-03-31T01:00:00Z_+02:00_CEST_isdst=1
2024-10-27T01:59:59 reject 0 2024-10-26T23:59:59Z_+02:00_CEST_isdst=1
2024-10-27T02:00:00 reject 1 -
2024-10-27T02:00:00 earlier 0 2024-10-27T00:00:00Z_+02:00_CEST_isdst=1
2024-10-27T02:00:00 later 0 2024-10-27T01:00:00Z_+01:00_CET_isdst=0
2024-10-27T02:00:00 shift 0 2024-10-27T00:00:00Z_+02:00_CEST_isdst=1
2024-10-27T02:59:59 reject 1 -
2024-10-27T02:59:59 earlier 0 2024-10-27T00:59:59Z_+02:00_CEST_isdst=1
2024-10-27T02:59:59 later 0 2024-10-27T01:59:59Z_+01:00_CET_isdst=0
2024-10-27T02:59:59 shift 0 2024-10-27T00:59:59Z_+02:00_CEST_isdst=1
2024-10-27T03:00:00 earlier 0 2024-10-27T02:00:00Z_+01:00_CET_isdst=0
EDGES
t local --db "$db" Europe/Berlin 2024-03-31T02:00:00
check "the first instant of the gap is reported as the gap" \
    has "^gap: 2024-03-31T02:00:00 to 2024-03-31T03:00:00 skipped at 2024-03-31T01:00:00Z"
t local --db "$db" --policy sideways Europe/Berlin 2024-03-31T02:00
check "--policy: an unknown policy is refused" eval 'grep -q "unknown policy" err'

# An LMT offset with seconds in every text output that shows offsets.
t at --db "$db" Europe/Berlin 1800-01-01
check "at: +00:53:28 LMT" eval 'has "^offset: +00:53:28$" && has "^local: 1800-01-01T00:53:28$"'
t local --db "$db" Europe/Berlin 1800-01-01T00:53:28
check "local: +00:53:28 LMT" has "^ut: 1800-01-01T00:00:00Z +00:53:28 LMT isdst=0$"
t transitions --db "$db" --until 1894 Europe/Berlin
check "transitions: the change from +00:53:28 is shown" has "^1893-03-31T23:06:32Z 1893-04-01T00:06:32 +01:00 CET 0$"
t transitions --db "$db" --format json --until 1894 Europe/Berlin
check "transitions --format json: before +00:53:28" has '"before":{"utoff":3208,"offset":"+00:53:28","abbr":"LMT"'
t at --db "$db" --releases all Europe/Berlin 1800-01-01
check "at --releases: +00:53:28 LMT" has "^  2026c.*: +00:53:28 LMT isdst=0$"
t local --db "$db" Europe/Berlin 1893-04-01T00:03:00
check "local: the gap after LMT shows +00:53:28" has \
    "^gap: 1893-04-01T00:00:00 to 1893-04-01T00:06:32 skipped at 1893-03-31T23:06:32Z (+00:53:28 LMT -> +01:00 CET)$"

# Every option, with its effect.
t at --db "$db" --release 2026cgtz Europe/Oslo 1940-08-10T12Z
check "--release picks the release" eval 'has "^release: 2026cgtz$" && has "^offset: +01:00$"'
t at --source "$G" Europe/Oslo 1940-08-10T12Z
check "--source answers from a tree" eval 'has "^release: source$" && has "^offset: +01:00$"'
t at --source "$A" --backzone Europe/Oslo 1940-08-10T12Z
check "--backzone (with --source) compiles backzone: Oslo is a zone" has "^zone: Europe/Oslo (backzone:"
t at --source "$A" --backzone --packratlist zone.tab Africa/Timbuktu 1909-01-01
check "--packratlist: Timbuktu stays a link to Abidjan" has "answers as Africa/Abidjan"
t at --source "$A" --no-backward Europe/Oslo @0
check "--no-backward: no backward links, exit 1" test $? -eq 1
t at --source "$A" --dataform rearguard Europe/Dublin 2024-01-01
check "--dataform rearguard: Dublin's winter is standard time" has "^isdst: 0$"
t at --source "$A" --dataform vanguard Europe/Dublin 2024-01-01
check "--dataform vanguard: Dublin's winter is negative DST" has "^isdst: 1$"
t at --source "$A" --packratlist zone.tab UTC @0
check "--packratlist without --backzone is refused" grep -q "needs --backzone" err
t at --db "$db" --format json UTC @0
check "--format json" has '^{"schema":1,"command":"at"'
t at --db "$db" --json UTC @0
check "--json is --format json" has '^{"schema":1,"command":"at"'
t at --db "$db" --format yaml UTC @0
check "--format: an unknown format is refused" grep -q "unknown format 'yaml'" err
printf 'Europe/Oslo @-927547200\nAmerica/New_York 2026-01-15T12Z\n' >q
"$TZDB" at --db "$db" --batch <q >out 2>err
check "--batch answers in TSV" eval 'test "$(cat out)" = "$(printf "Europe/Oslo\t-927547200\t7200\tCEST\t1\teurope:1569\nAmerica/New_York\t1768478400\t-18000\tEST\t0\tnorthamerica:")$(sed -n 2p out | sed "s/.*northamerica://")"'
t transitions --db "$db" --from 2024 --until 2025 America/New_York
check "--from/--until: the two changes of 2024" test "$(grep -c '^2024' out)" -eq 2
t transitions --db "$db" --from 2024 --until 2024-11-03T06:00Z America/New_York
check "--until is exclusive" test "$(grep -c '^2024' out)" -eq 1
t transitions --db "$db" --from 2024 --to 2024 America/New_York
check "--to YEAR: through the end of that year" test "$(grep -c '^2024' out)" -eq 2
t transitions --db "$db" --to 2024 --until 2025 UTC
check "--to and --until together are refused" test $? -eq 2
t zones --db "$db" --country NO
check "--country: Norway's rows" has "^zone.tab	Europe/Oslo	+5955+01045$"
t history --db "$db" Europe/Oslo
n1=$(grep -c '^  ' out)
t history --db "$db" --all Europe/Oslo
check "--all lists every release" test "$(grep -c '^  ' out)" -eq 2 -a "$n1" -eq 2
"$TZDB" load --db "$db" --label 2026c-debian --backzone --packratlist zone.tab "$A" 2>/dev/null
t history --db "$db" Europe/Oslo
check "history: a Debian-style build is its own lineage, not a change" eval \
    'has "^lineage (local trees), dataform=main backward backzone packratlist=zone.tab$" &&
     has "^  2026c-debian zone  -                      [0-9a-f]* first$"'
t at --db "$db" UTC @0
check "and it does not become the default release" has "^release: 2026c$"
t history --db "$db" UTC
n1=$(grep -c '^  ' out)
t history --db "$db" --all UTC
check "--all shows releases without changes too" test "$(grep -c '^  ' out)" -gt "$n1"
t dump --format zdump --from 2024 --until 2025 --db "$db" America/New_York
check "dump --from/--until: zdump -c 2024,2025" test "$(grep -c '^2024-' out)" -eq 2
t dump --format tzvalidate --db "$db" --release 2026cgtz
check "dump --release: the release loaded from a directory without version" grep -q "^Version: unknown$" out
t export --mysql --until 2030 --db "$db"
check "export --until 2030: no row after 2030" eval \
    '! grep -qE "\(1,(19[3-9][0-9]|2[0-9])[0-9]{7}," out && grep -q "through 2030" out'
t export --db "$db"
check "export needs --mysql" grep -q "export needs --mysql" err
t load --db u.db --until 2030 --label u "$A"
check "load --until: the horizon" test "$("$TZDB" releases --db u.db --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["releases"][0]["label"])')" = u
t load --db r.db --release r "$A"
check "load --release NAME labels the new release, as --label does" \
    eval '"$TZDB" releases --db r.db | cut -f1 | grep -qx r'
t at --db r.db --release r Europe/Oslo 2024-07-01
check "at --release reads it" grep -q "^abbr: CEST$" out
t fetch --url "file://$tmp/nowhere.git" no-such-fork
check "fetch --url: an unknown fork is refused" test $? -eq 2
t load --db "$db" --label a --label-typo x "$A"
check "an unknown option is refused" grep -q "unknown option '--label-typo'" err
t zones --db "$db" --policy later
check "an option of another command is refused" grep -q "this command has no option '--policy'" err

# The build switches reach every command that takes them, not only at:
# --no-backward leaves out backward's links (Europe/Kiev), --dataform
# rearguard makes Dublin's winter standard time (main: negative DST).
for c in local transitions; do
	if [ $c = local ]; then w=2024-07-01T12:00; else w=; fi
	t $c --source "$A" --no-backward Europe/Kiev $w
	rc=$?
	check "$c --no-backward: Europe/Kiev unknown, exit 1" eval \
	    'test $rc -eq 1 && grep -q "no zone or link .Europe/Kiev." err'
done
t zones --source "$A"
n1=$(grep -c '	link	' out)
t zones --source "$A" --no-backward
check "zones --no-backward: fewer links ($n1 without it)" \
    test "$(grep -c '	link	' out)" -lt "$n1"
t export --mysql --source "$A" --no-backward
check "export --no-backward: no Europe/Kiev row" eval \
    '! grep -q "Europe/Kiev" out && grep -q "Europe/Kyiv" out'
t load --db nb.db --label nb --no-backward "$A"
check "load --no-backward: 342 names" grep -q ": 342 names" err
t local --source "$A" --dataform rearguard Europe/Dublin 2024-01-15T12:00
check "local --dataform rearguard: Dublin's winter isdst=0" \
    has "^ut: 2024-01-15T12:00:00Z +00:00 GMT isdst=0$"
t transitions --source "$A" --dataform rearguard --from 2024 --until 2025 \
    Europe/Dublin
check "transitions --dataform rearguard: GMT winter, IST summer" eval \
    'has "^2024-03-31T01:00:00Z 2024-03-31T02:00:00 +01:00 IST 1$" &&
     has "^2024-10-27T01:00:00Z 2024-10-27T01:00:00 +00:00 GMT 0$"'
t load --db rg.db --label rg --dataform rearguard "$A" &&
    t at --db rg.db Europe/Dublin 2024-01-15
check "load --dataform rearguard: the store holds rearguard" has "^isdst: 0$"

# --version, --help
t --version
check "--version" test "$(cat out)" = "tzdb (tzforge 0.2) 2026c"
for c in load at local transitions zones history releases check dump export fetch blame; do
	t "$c" --help
	rc=$?
	check "$c --help: exit 0, its usage and a line per option" eval \
	    'test $rc -eq 0 && head -n 1 out | grep -q "^usage: tzdb $c " && test "$(grep -c "^  --" out)" -ge 2'
done
t at --help
check "at --help lists --releases and not --policy" eval 'has "^  --releases RANGE" && ! has "--policy"'

# Write errors: one line, exit 2.
for args in "at --db $db UTC @0" "local --db $db UTC 2024-01-01T00:00" \
    "transitions --db $db Europe/Berlin" "zones --db $db" \
    "history --db $db UTC" "releases --db $db" "check --db $db" \
    "dump --format tzvalidate --db $db" "export --mysql --db $db" \
    "--version" "--help" "at --help"; do
	# shellcheck disable=SC2086
	"$TZDB" $args >/dev/full 2>err
	rc=$?
	check "$args >/dev/full: exit 2, one 'write error' line" eval \
	    'test $rc -eq 2 && test "$(wc -l <err)" -eq 1 && grep -q "^tzdb: write error: No space left on device$" err'
done

# at --releases over every release of both bundles.
if [ -d "$UP" ] && [ -d "$GTZ" ]; then
	specs=()
	for tag in $(git -C "$UP" tag); do specs+=("$UP@$tag"); done
	for tag in $(git -C "$GTZ" tag); do specs+=("$GTZ@$tag"); done
	"$TZDB" load --db all.db "${specs[@]}" 2>/dev/null
	t at --db all.db --releases all Europe/Oslo 1940-08-10T12:00:00Z
	cat out | sed 's/^/#   /'
	check "upstream: 2012e–2022a +01:00 CET, 2022b–2026c +02:00 CEST" eval \
	    'sed -n "/upstream.git/,/^lineage/p" out | grep -v lineage | tr "\n" ";" | grep -qx "  2012e–2022a: +01:00 CET isdst=0;  2022b–2026c: +02:00 CEST isdst=1;"'
	check "global-tz: 2022agtz–2026cgtz +01:00 CET" \
	    has "^  2022agtz–2026cgtz: +01:00 CET isdst=0$"
	t at --db all.db --releases 2022a..2022c Europe/Oslo 1940-08-10T12:00:00Z
	sed "s/^/#   /" out
	check "--releases A..B: a range in version order" \
	    eval 'has "^  2022a: +01:00 CET isdst=0$" && has "^  2022b–2022c: +02:00 CEST isdst=1$" && has "^  2022agtz.*: +01:00 CET isdst=0$" && ! has "2021" && ! has "2022d"'
fi
finish
