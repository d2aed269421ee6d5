# tests/oracle/packrat.awk: make the main-form zic input that tzdb 2026c's
# "make PACKRATDATA=backzone PACKRATLIST=zone.tab main.zi" makes, so that
# tests/oracle/golden.sh can check the 2026c-packrat-slim golden tree before
# zic/zic has source-tree options of its own.  Written for this project from
# the description in ../shared/docs/forks.md section 3.1; it handles the
# main data form only.
#
# usage: awk -v packratdata=DIR/backzone -v packratlist=DIR/zone.tab \
#            -f packrat.awk DIR/africa ... DIR/backward DIR/backzone
#
# What it does, in input order:
#  1. "#PACKRATLIST zone.tab Link ..." lines become real Link lines;
#  2. in the packratdata file, every line other than a Rule line is
#     commented out from a Zone line whose name the list's third column does
#     not name up to the next Zone line;
#  3. a Link line is commented out when a later (uncommented) Zone or Link
#     line defines the same name, which is how backzone overrides backward;
#  4. at the end, a Link whose target was ever the name of a Link is pointed
#     at the end of that chain and labelled "#= old-target".  Targets are
#     remembered even after step 3 commented their Link out; upstream does
#     the same, and the golden tree depends on it (Arctic/Longyearbyen
#     comes out equal to Europe/Berlin, not to backzone's Europe/Oslo).

BEGIN {
	listname = packratlist
	sub(/^.*\//, "", listname)
	if (packratlist != "") {
		while ((rc = (getline entry < packratlist)) > 0) {
			if (entry ~ /^#/)
				continue
			split(entry, f, "\t")
			listed[f[3]] = 1
		}
		if (rc < 0) {
			print "packrat.awk: cannot read " packratlist > "/dev/stderr"
			failed = 1
			exit 1
		}
		close(packratlist)
	}
}

$1 == "#PACKRATLIST" && $2 == listname {
	sub(/^#PACKRATLIST[ \t]+[^ \t]+[ \t]+/, "")
}

/^Zone/ {
	skipping = (FILENAME == packratdata && packratlist != "" && !listed[$2])
}

skipping && !/^Rule/ {
	$0 = "#" $0
}

/^Zone/ {
	if ($2 in defline)
		sub(/^Link/, "#Link", out[defline[$2]])
}

/^Link/ {
	if ($3 in defline)
		sub(/^Link/, "#Link", out[defline[$3]])
	defline[$3] = NR
	target[$3] = $2
}

{
	out[NR] = $0
}

END {
	if (failed)
		exit 1
	for (name in target) {
		if (!(target[name] in target))
			continue
		t = target[target[name]]
		for (n = 0; (t in target) && n < 100; n++)
			t = target[t]	# n: a link cycle must not hang us
		out[defline[name]] = "Link\t" t "\t" name "\t#= " target[name]
	}
	for (i = 1; i <= NR; i++)
		print out[i]
}
