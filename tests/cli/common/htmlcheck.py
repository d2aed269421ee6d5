# tests/cli/common/htmlcheck.py: read an HTML page with Python's html.parser and
# print on the first line the number of <svg> elements and of
# <section class="zone">, then one line per problem: an element closed
# out of order or never, a script, an external resource (src, href to
# anything but #..., a resource element, CSS url() or @import), "http" in
# any attribute.  Used by tests/cli/tzdiff/html.sh and tzdb/blame.sh.
import re, sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base",
        "wbr", "source", "track", "embed", "param",
        # SVG elements written self-closed
        "line", "rect", "path", "circle"}
RESOURCE_TAGS = {"script", "link", "img", "iframe", "object", "embed",
                 "audio", "video", "source", "image", "use", "foreignobject"}

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.svgs = self.zones = 0
        self.in_style = False
        self.style = ""

    def attrs_ok(self, tag, attrs):
        for k, v in attrs:
            if k in ("src", "href", "xlink:href", "action", "data",
                     "srcset", "poster", "background") and \
                    not (k == "href" and v and v.startswith("#")):
                self.problems.append(f"<{tag}> has {k}={v!r}")
            if v and "http" in v.lower():
                self.problems.append(f"<{tag}> {k}={v!r} names http")
            if k.startswith("on"):
                self.problems.append(f"<{tag}> has a script attribute {k}")

    def handle_starttag(self, tag, attrs):
        self.attrs_ok(tag, attrs)
        if tag in RESOURCE_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "svg":
            self.svgs += 1
        if tag == "section" and ("class", "zone") in attrs:
            self.zones += 1
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.attrs_ok(tag, attrs)
        if tag in RESOURCE_TAGS:
            self.problems.append(f"<{tag}> element")

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            want = self.stack[-1] if self.stack else None
            self.problems.append(f"</{tag}> at {self.getpos()} closes "
                                 f"{want}")
            return
        self.stack.pop()
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data

p = Check()
text = open(sys.argv[1], encoding="utf-8").read()
if not text.startswith("<!DOCTYPE html>"):
    p.problems.append("no doctype")
p.feed(text)
p.close()
if p.stack:
    p.problems.append(f"unclosed: {p.stack[:3]}")
if re.search(r"url\(|@import", p.style, re.I):
    p.problems.append("CSS loads something")
print(p.svgs, p.zones)
for x in p.problems[:10]:
    print(x)
