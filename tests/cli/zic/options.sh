#!/bin/bash
# tests/cli/zic/options.sh: zic's command line, diagnostics and output
# safety, against the zic 2026c behaviour recorded in ../shared/docs/zic.md
# (sections 2, 3, 5.8 and 6).  Each case runs $ZIC in its own scratch
# directory with relative input names, so messages are predictable.  Run it
# with ZIC=/usr/sbin/zic to see which checks are about 2026c behaviour that
# glibc's older zic lacks.

. "$(dirname "$0")/../../lib.sh"
need_zic

# newcase NAME: a fresh directory $case to run in.
newcase() {
	case=$tmp/cases/$1
	mkdir -p "$case"
}

# run ARGS...: run $ZIC in $case (stdin from /dev/null unless STDIN names a
# file); sets rc; $tmp/out and $tmp/err hold stdout and stderr.
run() {
	(cd "$case" && "$ZIC" "$@" <"${STDIN:-/dev/null}" >"$tmp/out" \
	    2>"$tmp/err")
	rc=$?
}

# lines FILE LINE...: write FILE (relative to $case), one LINE per line; a
# "\t" in a LINE becomes a tab.
lines() {
	local f=$case/$1 l
	shift
	: >"$f"
	for l in "$@"; do printf '%s\n' "${l//\\t/	}" >>"$f"; done
}

expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok "$2: exit status $1"
	else
		not_ok "$2: exit status $rc, want $1"
		sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
	fi
}

# expect_line STREAM LINE WHAT: STREAM (out or err) has LINE exactly.
expect_line() {
	if grep -Fxq -e "$2" "$tmp/$1"; then
		ok "$3"
	else
		not_ok "$3: std$1 lacks: $2"
		sed "s/^/#   std$1: /" "$tmp/$1" | head -n 8
	fi
}

# expect_text STREAM FILE WHAT: STREAM is exactly the contents of FILE.
expect_text() {
	if cmp -s "$2" "$tmp/$1"; then
		ok "$3"
	else
		not_ok "$3: std$1 differs (- want, + got)"
		show_diff "$2" "$tmp/$1" 30
	fi
}

expect_empty() {
	if [ ! -s "$tmp/$1" ]; then
		ok "$2: std$1 empty"
	else
		not_ok "$2: std$1 not empty"
		sed "s/^/#   std$1: /" "$tmp/$1" | head -n 5
	fi
}

# expect_no_output WHAT: $case holds nothing but its *.zi inputs (empty
# directories aside).
expect_no_output() {
	local extra
	extra=$(cd "$case" && find . -mindepth 1 ! -type d ! -name '*.zi' |
	    head -n 5)
	if [ -z "$extra" ]; then
		ok "$1: nothing written"
	else
		not_ok "$1: wrote $(echo $extra)"
	fi
}

# expect_no_temps DIR WHAT: no .zic* temporary file anywhere under DIR.
expect_no_temps() {
	local left
	left=$(find "$1" -name '.zic*' | head -n 5)
	if [ -z "$left" ]; then
		ok "$2: no temporary files left"
	else
		not_ok "$2: temporary files left: $(echo $left)"
	fi
}

is_tzif() { [ "$(head -c 4 "$1" 2>/dev/null)" = TZif ]; }
differ() { is_tzif "$1" && is_tzif "$2" && ! cmp -s "$1" "$2"; }

# zic's usage lines of zic.md section 2 (PROG is argv[0]) with the
# source-tree options, then a line per option, the exit statuses and the
# project's bug address (issue 15: not tz@iana.org).
cat >"$tmp/usage" <<EOF
$ZIC: usage is $ZIC [ --version ] [ --help ] [ -v ] \\
	[ -b {slim|fat} ] [ -d directory ] [ -D ] \\
	[ -l localtime ] [ -L leapseconds ] [ -m mode ] \\
	[ -p posixrules ] [ -r '[@lo][/@hi]' ] [ -R @hi ] \\
	[ -t localtime-link ] [ -u 'owner[:group]' ] [ --fix-quirks ] \\
	[ --source SPEC [ source-tree options ] ] [ filename ... ]
EOF
# tzcode's form: the package version in parentheses
ver=$(sed -n 's/^#define TZF_VERSION "\(.*\)"$/\1/p' "$top/lib/tzforge/core.h")
printf 'zic (tzforge %s) 2026c\n' "$ver" >"$tmp/version"
BUGEMAIL=$(sed -n 's/^BUGEMAIL *?= *//p' "$top/Makefile")

VALID='Zone\tTest/Valid\t1:00\t-\tVST'

# --- --version and --help -------------------------------------------------

newcase version
run --version
expect_rc 0 "--version"
expect_text out "$tmp/version" "--version prints 'zic (tzforge $ver) 2026c'"
expect_empty err "--version"

newcase help
run --help
expect_rc 0 "--help"
head -n 6 "$tmp/out" >"$tmp/out.head"
if cmp -s "$tmp/usage" "$tmp/out.head"; then
	ok "--help starts with zic's usage lines on stdout"
else
	not_ok "--help: usage lines differ (- want, + got)"
	show_diff "$tmp/usage" "$tmp/out.head"
fi
expect_empty err "--help"
# every option zic.c gives getopt_long (its short options and its long
# option table), on a line of its own
opts="--version --help"
for o in $(sed -n 's/.*getopt_long(argc, argv, "\([^"]*\)".*/\1/p' \
    "$top/zic/zic.c" | tr -d ':' | fold -w 1); do
	opts="$opts -$o"
done
for o in $(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [a-z_]*_argument,.*/\1/p' \
    "$top/zic/zic.c"); do
	opts="$opts --$o"
done
note "--help: options of zic.c: $opts"
for opt in $opts; do
	grep -q -- "^  $opt[ ,]" "$tmp/out" || missing="${missing:-} $opt"
done
check "--help has a line for every option${missing:+ (not:$missing)}" \
    test -z "${missing:-}"
expect_line out "Report bugs to $BUGEMAIL." \
    "--help: bugs go to the project's address (BUGEMAIL)"
check "--help: not to tz@iana.org" sh -c "! grep -q 'tz@iana.org' '$tmp/out'"
expect_line out "Exit status: 0 success, 1 error, 2 a source tree that cannot be" \
    "--help: the exit statuses"
cp "$tmp/out" "$tmp/help"

newcase first-wins
run -b bogus -Q --help --version
expect_rc 0 "--help after bad options"
expect_text out "$tmp/help" "--help is found before getopt runs"
run --version --help
expect_text out "$tmp/version" "the first of --version/--help wins"

# --- usage errors -----------------------------------------------------------

newcase unknown
run -Q
expect_rc 1 "unknown option -Q"
expect_line err "$ZIC: invalid option -- 'Q'" "unknown option: getopt's message"
expect_line err "$(head -n 1 "$tmp/usage")" "unknown option: usage on stderr"
expect_empty out "unknown option"

newcase equals
run =
expect_rc 1 "lone '=' operand"
expect_text err "$tmp/help" "lone '=': the usage text on stderr"
expect_empty out "lone '='"

newcase b-both
lines in.zi "$VALID"
run -b slim -b fat -d out in.zi
expect_rc 1 "-b slim -b fat"
expect_line err "incompatible -b options" "-b slim -b fat: message"
expect_no_output "-b slim -b fat"

newcase b-bad
lines in.zi "$VALID"
run -b medium -d out in.zi
expect_rc 1 "-b medium"
expect_line err "invalid option: -b 'medium'" "-b medium: message"
expect_no_output "-b medium"

newcase b-same
lines in.zi "$VALID"
run -b slim -b slim -d out in.zi
expect_rc 0 "-b slim -b slim"
check "-b slim -b slim: file written" is_tzif "$case/out/Test/Valid"

for opt in d l t r; do
	newcase "twice-$opt"
	case $opt in
	r) a=@0 b=@1 ;;
	*) a=a b=b ;;
	esac
	run -$opt $a -$opt $b
	expect_rc 1 "-$opt given twice"
	expect_line err "$ZIC: More than one -$opt option specified" \
	    "-$opt given twice: message"
	expect_no_output "-$opt given twice"
done

newcase range
lines in.zi "$VALID"
for r in @5/@3 @x 5 @; do
	run -r "$r" -d out in.zi
	expect_rc 1 "-r '$r'"
	expect_line err "$ZIC: invalid time range: $r" "-r '$r': message"
done
expect_no_output "bad -r ranges"

newcase big-r
lines in.zi "$VALID"
run -R 5 -d out in.zi
expect_rc 1 "-R 5"
expect_line err "$ZIC: invalid time: 5" "-R 5: message"
run -r /@100 -R @200 -d out in.zi
expect_rc 1 "-R beyond the -r cutoff"
expect_line err "$ZIC: -R time exceeds -r cutoff" "-R beyond -r: message"
expect_no_output "-R errors"

newcase obsolete
lines in.zi "$VALID"
run -s -y ignored-arg -d out in.zi
expect_rc 0 "-s and -y are accepted"
expect_line err "warning: -s ignored" "-s: warning"
expect_line err "warning: -y ignored" "-y: warning"
check "-s -y: file still written" is_tzif "$case/out/Test/Valid"

newcase missing-file
run -d out nosuch.zi
expect_rc 1 "missing input file"
expect_line err "$ZIC: Can't open nosuch.zi: No such file or directory" \
    "missing input file: message"

# --- operands and output ----------------------------------------------------

newcase no-operands
run -d newdir
expect_rc 0 "no operands"
check "no operands: the -d directory is created" test -d "$case/newdir"

newcase permute
lines in.zi "$VALID"
run in.zi -d out
expect_rc 0 "options after operands (getopt permutes)"
check "options after operands: file written" is_tzif "$case/out/Test/Valid"

newcase stdin
lines in.zi "$VALID"
STDIN=$case/in.zi run -d out -
expect_rc 0 "'-' reads standard input"
check "'-': file written" is_tzif "$case/out/Test/Valid"
lines bad.zi 'Zone\tTest/S\t2:xx\t-\tX'
STDIN=$case/bad.zi run -d out2 -
expect_rc 1 "bad standard input"
expect_line err '"standard input", line 1: 2:xx: invalid UT offset' \
    "diagnostics name 'standard input'"

newcase modes
lines in.zi "$VALID"
run -d slim in.zi
run -b slim -d slim2 in.zi
run -b fat -d fat in.zi
check "default output is -b slim" \
    cmp -s "$case/slim/Test/Valid" "$case/slim2/Test/Valid"
check "-b fat output differs from slim" \
    differ "$case/fat/Test/Valid" "$case/slim/Test/Valid"
check "files are mode 0644 under umask 022" \
    test "$(stat -c %a "$case/slim/Test/Valid" 2>&1)" = 644
check "directories are mode 0755 under umask 022" \
    test "$(stat -c %a "$case/slim/Test" 2>&1)" = 755

# --- --fix-quirks -----------------------------------------------------------
# Asia/Choibalsan as 2016j has it: its final line from 2008, its DST rules
# from 2015.  By default the slim file is zic 2026c's, whose TZ string
# puts DST in 2008-2014 (zic.8, BUGS); with --fix-quirks slim means what
# fat means, as the system's zdump reads them, and fat is unchanged.

newcase fix-quirks
lines cho.zi 'Rule\tM\t2001\t2006\t-\tMar\tlastSat\t2:00\t1:00\tS' \
    'Rule\tM\t2001\t2006\t-\tSep\tlastSat\t2:00\t0\t-' \
    'Rule\tM\t2015\tmax\t-\tMar\tlastSat\t2:00\t1:00\tS' \
    'Rule\tM\t2015\tmax\t-\tSep\tlastSat\t0:00\t0\t-' \
    'Zone\tTest/Cho\t9:00\tM\tCHO%sT\t2008 Mar 31' \
    '\t\t\t8:00\tM\tCHO%sT'
run -d slim cho.zi
run -b fat -d fat cho.zi
run --fix-quirks -b fat -d ffat cho.zi
run -d fslim cho.zi --fix-quirks
expect_rc 0 "--fix-quirks"
expect_empty err "--fix-quirks"
check "--fix-quirks: fat, which needs no correction, is unchanged" \
    cmp -s "$case/fat/Test/Cho" "$case/ffat/Test/Cho"
check "--fix-quirks: slim differs from zic 2026c's" \
    differ "$case/slim/Test/Cho" "$case/fslim/Test/Cho"
if [ -x "$SYS_ZDUMP" ]; then
	# zdump_of TREE: the zone's changes in 2000-2030, its path left out
	zdump_of() {
		"$SYS_ZDUMP" -v -c 2000,2030 "$case/$1/Test/Cho" |
		    sed 's/^[^ ]*  *//'
	}
	if zdump_of slim | grep -q ' 2009 UT = .* CHOST isdst=1'; then
		ok "by default slim is zic 2026c's: DST in 2009 ($SYS_ZDUMP -v)"
	else
		not_ok "by default slim has no DST in 2009, unlike zic 2026c's"
	fi
	if cmp -s <(zdump_of fslim) <(zdump_of fat); then
		ok "--fix-quirks: slim means what fat means ($SYS_ZDUMP -v)"
	else
		not_ok "--fix-quirks: slim and fat differ ($SYS_ZDUMP -v)"
		show_diff <(zdump_of fat) <(zdump_of fslim)
	fi
fi

# A ruleless line whose SAVE counts as standard time ("1:00s"): zic
# 2026c's TZ string says +01 where the one type says +02, and with no
# transition glibc reads the type and Python's zoneinfo the string;
# with --fix-quirks the string says +02 too and the two readers agree.
lines s.zi 'Zone\tTest/S\t1:00\t1:00s\t%z'
run -d sq s.zi
run --fix-quirks -d sf s.zi
if [ -x "$SYS_ZIC" ] && "$SYS_ZIC" -d "$case/sys" "$case/s.zi" 2>/dev/null
then
	check "1:00s: the footer is $SYS_ZIC's by default (<+01>-1)" \
	    test "$(tail -n 1 "$case/sq/Test/S")" = \
	    "$(tail -n 1 "$case/sys/Test/S")"
fi
if command -v python3 >/dev/null 2>&1; then
	# readers TREE: "glibc-offset python-offset" at 2020-09-13T12:26:40Z
	readers() {
		printf '%s %s\n' "$(TZ=$case/$1/Test/S date -d @1600000000 +%z)" \
		    "$(python3 -c 'import sys, zoneinfo, datetime as d
z = zoneinfo.ZoneInfo.from_file(open(sys.argv[1], "rb"))
print(d.datetime.fromtimestamp(1600000000, z).strftime("%z"))' \
			"$case/$1/Test/S")"
	}
	check "1:00s: zic 2026c's footer, read by Python, says +01, glibc +02" \
	    test "$(readers sq)" = "+0200 +0100"
	check "1:00s with --fix-quirks: glibc and Python both say +02" \
	    test "$(readers sf)" = "+0200 +0200"
fi

# Two quirks of fat files: a transition at 2^31 kept in the 32-bit data
# (where it reads back as 1901), and the isstd/isut arrays in the type
# order before the type 0 swap.  By default the bytes are the system
# zic's, which has both quirks too; --fix-quirks changes them.
lines fat.zi 'Zone\tTest/Wrap\t0\t-\tA\t2038 Jan 19 3:14:08u' '\t\t\t1:00\t-\tB' \
    'Rule\tR\t2000\tmax\t-\tMar\tlastSun\t1:00u\t1:00\tS' \
    'Rule\tR\t2000\tmax\t-\tOct\tlastSun\t2:00\t0\t-' \
    'Zone\tTest/Swap\t1:00\tR\tCE%sT'
run -b fat -d fq fat.zi
run --fix-quirks -b fat -d ff fat.zi
for z in Wrap Swap; do
	check "--fix-quirks: fat Test/$z differs from zic 2026c's" \
	    differ "$case/fq/Test/$z" "$case/ff/Test/$z"
done
if [ -x "$SYS_ZIC" ] && "$SYS_ZIC" -b fat -d "$case/fsys" "$case/fat.zi" \
    2>/dev/null; then
	for z in Wrap Swap; do
		check "fat Test/$z is $SYS_ZIC's byte for byte by default" \
		    cmp -s "$case/fq/Test/$z" "$case/fsys/Test/$z"
	done
fi

# --- names that would escape -d ---------------------------------------------

newcase escape
evil=$case/abs-evil
lines in.zi \
    'Zone\t../evil\t0\t-\tX' \
    "Zone\\t$evil\\t0\\t-\\tX" \
    'Zone\tTest//Two\t0\t-\tX' \
    'Zone\tTest/End/\t0\t-\tX' \
    'Zone\tTest/./Dot\t0\t-\tX' \
    'Zone\tTest/Ok\t0\t-\tX' \
    'Link\tTest/Ok\t../evil-link' \
    "Link\\tTest/Ok\\t$evil-link" \
    'Zone\t-\t0\t-\tX'
mkdir -p "$case/run"
(cd "$case/run" && "$ZIC" -d out ../in.zi >"$tmp/out" 2>"$tmp/err")
rc=$?
expect_rc 1 "names escaping -d"
cat >"$tmp/want" <<EOF
"../in.zi", line 1: file name '../evil' contains '..' component
"../in.zi", line 2: file name '$evil' begins with '/'
"../in.zi", line 3: file name 'Test//Two' contains '//'
"../in.zi", line 4: file name 'Test/End/' ends with '/'
"../in.zi", line 5: file name 'Test/./Dot' contains '.' component
"../in.zi", line 7: file name '../evil-link' contains '..' component
"../in.zi", line 8: file name '$evil-link' begins with '/'
"../in.zi", line 9: empty file name
EOF
expect_text err "$tmp/want" "names escaping -d: one message per bad name"
expect_no_output "names escaping -d (inside or outside -d)"

# --- diagnostics for bad input ------------------------------------------------

# Errors found while reading: zic reports them all, then writes nothing.
newcase bad
lines bad.zi \
    'Rule\tX\t2000\t1999\t-\tJan\t1\t0\t0\t-' \
    'Rule\tX\t2000x\tonly\t-\tJan\t1\t0\t0\t-' \
    'Foo\tbar\tbaz' \
    'Zone\tTest/Bad\t2:xx\t-\tXST' \
    '# a comment, then a blank line' \
    '' \
    'Rule\tY\t2000\tonly\t-\tJan' \
    'Zone\tTest/Dup\t0\t-\tXST' \
    'Zone\tTest/Dup\t0\t-\tXST'
run -d out bad.zi
expect_rc 1 "bad input"
cat >"$tmp/want" <<'EOF'
"bad.zi", line 1: starting year greater than ending year
"bad.zi", line 2: invalid starting year
"bad.zi", line 3: input line of unknown type
"bad.zi", line 4: 2:xx: invalid UT offset
"bad.zi", line 7: wrong number of fields on Rule line
"bad.zi", line 9: duplicate zone name Test/Dup (file "bad.zi", line 8)
EOF
expect_text err "$tmp/want" "bad input: every error, with file and line"
expect_no_output "bad input"

# Errors found when rules are associated with zones, after reading.
newcase ruleless
lines r.zi 'Zone\tTest/Fmt\t0\t-\tX%sT' 'Zone\tTest/Undef\t0\tNope\tXST'
run -d out r.zi
expect_rc 1 "rules checked after reading"
cat >"$tmp/want" <<'EOF'
"r.zi", line 1: %s in ruleless zone
"r.zi", line 2: Nope: invalid saved time
EOF
expect_text err "$tmp/want" "'%s in ruleless zone' and an undefined rule"
expect_no_output "rules checked after reading"

# Errors that stop zic at once.
newcase fatal
lines q.zi 'Zone\tTest/Q\t0\t-\t"X'
run -d out q.zi
expect_rc 1 "odd quotes"
expect_line err '"q.zi", line 1: Odd number of quotation marks' \
    "odd quotes: message"
printf 'Zone\tTest/T\t0\t-\tX' >"$case/t.zi"
run -d out t.zi
expect_rc 1 "last line without newline"
expect_line err '"t.zi", line 1: unterminated line' \
    "unterminated line: message"
lines c.zi 'Zone\tTest/C\t0\t-\tX\t2000'
run -d out c.zi
expect_rc 1 "missing continuation line"
expect_line err '"c.zi", line 2: expected continuation line not found' \
    "missing continuation: message"
expect_no_output "fatal input errors"

# --- atomic output ------------------------------------------------------------

# A file that was there stays intact when zic fails on its zone: Test/B
# fails while zic computes its transitions (Feb 29 used in 2001).
newcase keep
mkdir -p "$case/out/Test"
echo sentinel >"$case/out/Test/B"
lines l.zi 'Rule\tL\t2001\tonly\t-\tFeb\t29\t0\t1:00\tD' \
    'Zone\tTest/A\t0\t-\tX' 'Zone\tTest/B\t0\tL\tX%sT'
run -d out l.zi
expect_rc 1 "failing zone"
if grep -q '^"l.zi", line 3: use of 2/29 in non leap-year' "$tmp/err"; then
	ok "failing zone: message at the zone's line"
else
	not_ok "failing zone: message"
	sed 's/^/#   stderr: /' "$tmp/err" | head -n 5
fi
check "the zone before it was written" is_tzif "$case/out/Test/A"
check "the old file of the failing zone is intact" \
    test "$(cat "$case/out/Test/B")" = sentinel
expect_no_temps "$case/out" "failing zone"

# Replacement is temporary file then rename: a hard link to the old file
# keeps the old contents.
newcase rename
lines in.zi "$VALID"
mkdir -p "$case/out/Test"
echo old >"$case/out/Test/Valid"
ln "$case/out/Test/Valid" "$case/keep"
run -d out in.zi
expect_rc 0 "replacing a file"
check "the new file is complete" is_tzif "$case/out/Test/Valid"
check "the old inode is untouched (rename, not rewrite)" \
    test "$(cat "$case/keep")" = old
expect_no_temps "$case/out" "replacing a file"

# Killed runs: compile slim, then kill a fat compile of the same data into
# the same tree at several moments.  Every zone file must then be complete,
# its slim or its fat version, never a truncated one.  SIGKILL may leave
# hidden .zicXXXXXX temporary files (nothing can remove them); SIGTERM, which
# zic catches, must leave none.
newcase killed
"$ZIC" -b slim -d "$case/slim" $(main_inputs) >/dev/null 2>&1
"$ZIC" -b fat -d "$case/fat" $(main_inputs) >/dev/null 2>&1
names_of "$case/slim" >"$case/names"
# sums DIR: "NAME SHA256" for every name, sorted by name.
sums() {
	(cd "$1" && xargs -r -d '\n' sha256sum -- <"$case/names" 2>/dev/null) |
	    awk '{ print $2, $1 }' | sort
}
if [ ! -s "$case/names" ]; then
	not_ok "killed runs: zic could not compile the main data"
else
	# Every acceptable (name, contents) pair: slim or fat.
	{ sums "$case/slim"; sums "$case/fat"; } | sort -u >"$case/allowed"
	cp -a "$case/slim" "$case/out"
	bad=0 stray=0
	for sig in KILL TERM; do
		for delay in 0.002 0.005 0.01 0.02 0.04; do
			"$ZIC" -b fat -d "$case/out" $(main_inputs) \
			    >/dev/null 2>&1 &
			pid=$!
			sleep "$delay"
			kill -s "$sig" "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			sums "$case/out" | comm -23 - "$case/allowed" |
			    cut -d ' ' -f 1 >"$case/incomplete"
			# a missing file is as bad as a truncated one
			comm -23 "$case/names" <(names_of "$case/out") \
			    >>"$case/incomplete"
			if [ -s "$case/incomplete" ]; then
				bad=$((bad + 1))
				echo "SIG$sig after ${delay}s: incomplete: $(head -n 3 "$case/incomplete" | tr '\n' ' ')" >>"$case/notes.bad"
			fi
			left=$(names_of "$case/out" | comm -23 - "$case/names")
			if [ -n "$left" ]; then
				if [ "$sig" = TERM ] || printf '%s\n' "$left" |
				    grep -qv '\(^\|/\)\.zic[A-Za-z0-9]\{6\}$'; then
					stray=$((stray + 1))
					echo "SIG$sig after ${delay}s left: $(echo $left | head -c 200)" >>"$case/notes.stray"
				fi
				find "$case/out" -name '.zic*' -delete
			fi
			cp -a "$case/slim/." "$case/out/"
		done
	done
	check "killed runs leave every zone file complete" test "$bad" -eq 0
	[ -f "$case/notes.bad" ] && sed 's/^/#   /' "$case/notes.bad"
	check "killed runs leave no stray files (SIGKILL: hidden temporaries only)" \
	    test "$stray" -eq 0
	[ -f "$case/notes.stray" ] && sed 's/^/#   /' "$case/notes.stray"
fi

finish
