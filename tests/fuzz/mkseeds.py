#!/usr/bin/env python3
# One-off helper kept for reference: cut seed inputs for the parse and
# dump corpora from the 2026c source files (a zone and the rules it uses).
import os, re, sys
tzdb = sys.argv[1]
out = sys.argv[2]
files = "africa antarctica asia australasia europe northamerica southamerica etcetera factory backward".split()
rules, zones = {}, {}
for f in files:
    cur = None
    for line in open(os.path.join(tzdb, f), encoding="utf-8"):
        s = line.split("#", 1)[0].rstrip()
        if not s.strip():
            continue
        w = s.split()
        if s[0] not in " \t" :
            cur = None
            if w[0] == "Rule":
                rules.setdefault(w[1], []).append(s)
            elif w[0] == "Zone":
                cur = w[1]
                zones[cur] = [s]
        elif cur:
            zones[cur].append(s)
def rulesof(z):
    names = set()
    for i, l in enumerate(zones[z]):
        w = l.split()
        r = w[3] if i == 0 else w[1]
        if re.match(r"[A-Za-z]", r) and r != "-":
            names.add(r)
    return [l for n in sorted(names) for l in rules.get(n, [])]
pick = sys.argv[3].split(",")
for z in pick:
    text = "\n".join(rulesof(z) + zones[z]) + "\n"
    open(os.path.join(out, z.replace("/", "_") + ".zi"), "w").write(text)
