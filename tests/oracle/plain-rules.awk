# tests/oracle/plain-rules.awk: zic input with every rule name replaced by
# a plain one (Ra, Rb, ...).  zishrink.awk of 2017c-2018e names rules
# with punctuation ("+", "!", ...) that zic has rejected since ("Invalid
# rule name"); a rule's name never reaches a TZif file, so compiling the
# renamed text gives the tree that release's tzdata.zi stands for.
# Usage: gawk -f plain-rules.awk FILE FILE (two passes: the names are
# those of the Rule lines, wherever they are used).

function plain(n,  s)
{
	s = ""
	do {
		s = substr("abcdefghijklmnopqrstuvwxyz", n % 26 + 1, 1) s
		n = int(n / 26)
	} while (n)
	return "R" s
}

FNR == NR {
	if (($1 == "R" || $1 == "Rule") && !($2 in new))
		new[$2] = plain(count++)
	next
}

{
	# the RULES field: of a Rule line, a Zone line, a continuation line
	i = ($1 == "R" || $1 == "Rule") ? 2 : ($1 == "Z" || $1 == "Zone") ? 4 :
	    ($1 ~ /^[-+0-9]/) ? 2 : 0
	if (i && ($i in new))
		$i = new[$i]
	print
}
