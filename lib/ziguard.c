/*
 * ziguard.c: the upstream build switches, in C.
 *
 * tzf_tree_zic_input() produces what the upstream Makefile's `make
 * FORM.zi` writes: ziguard.awk run over the tree's data files (and
 * backzone), honouring DATAFORM, PACKRATDATA, PACKRATLIST and BACKWARD.
 * zishrink.c turns the same lines into tzdata.zi.  The code follows the
 * awk script's observable behaviour line by line, quirks included (e.g.
 * the cut_link_chains_short discrepancy of docs/forks.md §2.5), because
 * the goal is byte-identical zic output, not a cleaner reinterpretation.
 * The vanguard/rearguard rewrites come last; the comment there says what
 * they cover.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* The data files in the order of the Makefile's TDATA. */
static const char *const primary_files[] = {
	"africa", "antarctica", "asia", "australasia", "europe",
	"northamerica", "southamerica", "etcetera", NULL
};

/* Replace *LINE by NEW (which may be NULL on OOM). */
static bool
replace(char **line, char *new)
{
	if (new == NULL)
		return false;
	tzf__free(*line);
	*line = new;
	return true;
}

/* awk's sub(/^Link/, "#Link", S) and sub(/^/, "#", S). */
static bool
comment_out(char **line)
{
	return replace(line, tzf__cat4("#", *line, "", ""));
}

/* ------------------------------------------------------------------ */
/* ziguard.awk */

struct guard {
	enum tzf__form form;
	const char *packratdata;	/* "backzone" or NULL */
	const char *packratlist;	/* the name as given, or NULL */
	struct tzf__map plist;		/* names in PACKRATLIST's 3rd column */
	struct tzf__map links;		/* link name -> line number, target */
	struct tzf__lines out;
	char *zone;			/* current Zone name */
	bool packrat_ignored;
	bool subseconds;		/* VANGUARD_SUBSECONDS */
	/* The #STDOFF substitution under way: Zone and continuation
	 * lines whose STDOFF is stdoff_from get stdoff_to instead. */
	char stdoff_from[64], stdoff_to[64];
	struct tzf_diag *dg;
};

/* Defined with the data-form rewrites at the end of the file. */
static int form_rewrite(struct guard *g, char **line);

/* Read PACKRATLIST: the third field of every line not starting '#'. */
static int
read_packratlist(struct guard *g, const char *text)
{
	struct tzf__fld f[TZF__MAXF];
	const char *p, *nl;
	char *line;
	int nf;

	for (p = text; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (*p == '#')
			continue;
		line = tzf__strndup(p, (size_t)(nl - p));
		if (line == NULL)
			return TZF_ENOMEM;
		nf = tzf__split(f, line);
		/* awk's $3 is "" on short lines, and "" enters the list. */
		if (tzf__map_put(&g->plist, nf >= 3 ? f[2].p : "",
		    nf >= 3 ? f[2].len : 0) == NULL) {
			tzf__free(line);
			return TZF_ENOMEM;
		}
		tzf__free(line);
	}
	return TZF_OK;
}

/*
 * ziguard.awk's make_linkline(): LINE, which links OLDTARGET to
 * LINKNAME, relinked to TARGET.  When LINE starts "Link<TAB>OLDTARGET<TAB>"
 * the link name keeps its tab column and any comment is replaced by
 * COMMENT; any other layout is rebuilt as "Link<TAB>TARGET<TAB>LINKNAME"
 * (which also turns a commented-out "#Link" line back into a Link, as
 * the awk script does).
 */
static char *
relink(const char *line, const char *target, const char *linkname,
    const char *oldtarget, const char *comment)
{
	size_t olen = strlen(oldtarget), k, oldtabs, tabs, pad = 0;
	const char *sfx;
	char *mid, *res;

	if (!(tzf__starts(line, "Link\t") && strncmp(line + 5, oldtarget, olen) == 0
	    && line[5 + olen] == '\t')) {
		mid = tzf__strndup(linkname, strlen(linkname));
	} else {
		sfx = line + 6 + olen;
		/* sub(/[\t ]*#.*\/, "", suffix): cut at the blanks before
		 * the first '#'. */
		k = strcspn(sfx, "#");
		if (sfx[k] == '#')
			while (k > 0 && (sfx[k - 1] == ' ' || sfx[k - 1] == '\t'))
				k--;
		oldtabs = olen / 8 + 1;
		tabs = strlen(target) / 8 + 1;
		for (; tabs < oldtabs; tabs++)
			pad++;
		for (; oldtabs < tabs && pad == 0 && k > 0 && sfx[0] == '\t';
		    tabs--) {
			sfx++;
			k--;
		}
		mid = tzf__malloc(pad + k + 1);
		if (mid != NULL) {
			memset(mid, '\t', pad);
			memcpy(mid + pad, sfx, k);
			mid[pad + k] = '\0';
		}
	}
	if (mid == NULL)
		return NULL;
	res = tzf__cat4("Link\t", target, "\t", mid);
	tzf__free(mid);
	if (res != NULL && *comment != '\0') {
		mid = res;
		res = tzf__cat4(mid, comment, "", "");
		tzf__free(mid);
	}
	return res;
}

/* "#PACKRATLIST zone.tab Link A B" becomes "Link A B" for that list. */
static bool
packratlist_uncomment(struct guard *g, char **line)
{
	struct tzf__fld f[TZF__MAXF];
	const char *p;
	int nf;

	if (g->packratlist == NULL)
		return true;
	nf = tzf__split(f, *line);
	if (!tzf__feq(f, nf, 1, "#PACKRATLIST") || !tzf__feq(f, nf, 2, g->packratlist))
		return true;
	/* sub(/^#PACKRATLIST[\t ]+[^\t ]+[\t ]+/, "") */
	p = *line + 12;
	if (*p != ' ' && *p != '\t')
		return true;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t')
		p++;
	if (*p != ' ' && *p != '\t')
		return true;
	while (*p == ' ' || *p == '\t')
		p++;
	return replace(line, tzf__cat4(p, "", "", ""));
}

/* sub(/^Link/, "#Link", line[N]) for the record numbered N (1-based). */
static bool
comment_link(struct guard *g, size_t n)
{
	if (n == 0 || n > g->out.n || !tzf__starts(g->out.v[n - 1], "Link"))
		return true;
	return comment_out(&g->out.v[n - 1]);
}

/*
 * A Link or Zone line comments out an earlier Link of the same name:
 * this is how a backzone Zone or Link replaces a backward Link.  The
 * link's target is remembered and never forgotten, even when a Zone
 * later replaces the link (the root of the cut_link_chains_short
 * discrepancy that docs/forks.md §2.5 describes).
 */
static int
override_links(struct guard *g, const char *line, const struct tzf__fld *f,
    int nf)
{
	struct tzf__ent *e;
	char *name;

	if (tzf__starts(line, "Zone")) {
		name = tzf__fdup(f, nf, 2);
		if (name == NULL)
			return TZF_ENOMEM;
		e = tzf__map_get(&g->links, name);
		tzf__free(name);
		if (e != NULL && !comment_link(g, e->num))
			return TZF_ENOMEM;
	}
	if (tzf__starts(line, "Link")) {
		e = tzf__map_put(&g->links, nf >= 3 ? f[2].p : "",
		    nf >= 3 ? f[2].len : 0);
		if (e == NULL || !comment_link(g, e->num))
			return TZF_ENOMEM;
		e->num = g->out.n + 1;
		return tzf__map_setval(e, nf >= 2 ? f[1].p : "",
		    nf >= 2 ? f[1].len : 0);
	}
	return TZF_OK;
}

/*
 * The fields of LINE as guard_line() needs them: it looks at the fields
 * of Zone and Link lines only, and most lines are comments and rules.
 */
static int
record_fields(struct tzf__fld f[TZF__MAXF], const char *line)
{
	return tzf__starts(line, "Zone") || tzf__starts(line, "Link") ? tzf__split(f, line)
	    : 0;
}

/* One input record of file FNAME (the awk body, rule by rule). */
static int
guard_line(struct guard *g, const char *fname, char *line)
{
	struct tzf__fld f[TZF__MAXF];
	char *s;
	int nf, rc;

	if (!packratlist_uncomment(g, &line))
		goto oom;
	nf = record_fields(f, line);
	if (tzf__starts(line, "Zone")) {
		tzf__free(g->zone);
		g->zone = tzf__fdup(f, nf, 2);
		if (g->zone == NULL)
			goto oom;
	}
	if (g->form != TZF__FORM_MAIN) {
		rc = form_rewrite(g, &line);
		if (rc < 0) {
			tzf__free(line);
			return rc;
		}
		nf = record_fields(f, line);
	}
	if (tzf__starts(line, "Zone")) {
		s = tzf__fdup(f, nf, 2);
		if (s == NULL)
			goto oom;
		g->packrat_ignored = g->packratdata != NULL &&
		    strcmp(fname, g->packratdata) == 0 &&
		    g->packratlist != NULL && tzf__map_get(&g->plist, s) == NULL;
		tzf__free(s);
	}
	if (g->packrat_ignored && !tzf__starts(line, "Rule")) {
		if (!comment_out(&line))
			goto oom;
		nf = record_fields(f, line);
	}
	if (tzf__starts(line, "Link") && tzf__feq(f, nf, 4, "#=") &&
	    g->form == TZF__FORM_VANGUARD) {
		char *t5 = tzf__fdup(f, nf, 5), *t3 = tzf__fdup(f, nf, 3);
		char *t2 = tzf__fdup(f, nf, 2);
		bool ok = t5 && t3 && t2 &&
		    replace(&line, relink(line, t5, t3, t2, ""));

		tzf__free(t5);
		tzf__free(t3);
		tzf__free(t2);
		if (!ok)
			goto oom;
		nf = record_fields(f, line);
	}
	rc = override_links(g, line, f, nf);
	if (rc < 0) {
		tzf__free(line);
		return rc;
	}
	return tzf__lines_push(&g->out, line) ? TZF_OK : TZF_ENOMEM;
oom:
	tzf__free(line);
	return TZF_ENOMEM;
}

/*
 * END of ziguard.awk for main and rearguard forms: a link whose target
 * is itself a link is relinked to the end of the chain, with the old
 * target kept in a "#= TARGET" comment.
 */
static int
cut_link_chains_short(struct guard *g)
{
	struct tzf__ent *e, *te;
	const char *t;
	size_t i, steps;
	char *cmt;
	bool ok;

	for (i = 0; i < g->links.cap; i++) {
		e = &g->links.e[i];
		if (e->key == NULL || e->val == NULL || *e->val == '\0')
			continue;
		te = tzf__map_get(&g->links, e->val);
		if (te == NULL || te->val == NULL || *te->val == '\0')
			continue;
		t = te->val;
		for (steps = 0; (te = tzf__map_get(&g->links, t)) != NULL &&
		    te->val != NULL && *te->val != '\0'; steps++) {
			if (steps > g->links.n) {
				tzf__diag(g->dg, TZF_ERR, NULL, 0,
				    "link cycle through '%s'", e->key);
				return TZF_EINVAL;
			}
			t = te->val;
		}
		cmt = tzf__cat4("\t#= ", e->val, "", "");
		ok = cmt != NULL && replace(&g->out.v[e->num - 1],
		    relink(g->out.v[e->num - 1], t, e->key, e->val, cmt));
		tzf__free(cmt);
		if (!ok)
			return TZF_ENOMEM;
	}
	return TZF_OK;
}

/* Feed every record of file NAME (its text TEXT, LEN bytes) to G. */
static int
guard_file(struct guard *g, const char *name, const char *text, size_t len)
{
	const char *p = text, *end = text + len, *nl;
	char *line;
	int rc;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line = tzf__strndup(p, (size_t)(nl - p));
		if (line == NULL)
			return TZF_ENOMEM;
		rc = guard_line(g, name, line);
		if (rc < 0)
			return rc;
		p = nl + 1;
	}
	return TZF_OK;
}

static int
parse_form(enum tzf__form *out, const char *s, struct tzf_diag *dg)
{
	if (s == NULL || strcmp(s, "main") == 0)
		*out = TZF__FORM_MAIN;
	else if (strcmp(s, "vanguard") == 0)
		*out = TZF__FORM_VANGUARD;
	else if (strcmp(s, "rearguard") == 0)
		*out = TZF__FORM_REARGUARD;
	else {
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown data form '%s'", s);
		return TZF_EINVAL;
	}
	return TZF_OK;
}

static bool
default_switches(const struct tzf_switches *sw)
{
	return (sw->dataform == NULL || strcmp(sw->dataform, "main") == 0) &&
	    !sw->backzone && sw->packratlist == NULL && sw->backward;
}

/*
 * The files of TDATA and PACKRATDATA, in the Makefile's order.  systemv
 * (present until 2020a) is included where the 2019-2020a Makefiles had
 * it; pacificnew was no longer in their TDATA and is left out.
 */
static int
tdata(const char *out[16], const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	const char *s;
	int i, n = 0;

	for (i = 0; primary_files[i] != NULL; i++)
		out[n++] = primary_files[i];
	if (tzf_tree_file(&s, NULL, t, "systemv") == TZF_OK)
		out[n++] = "systemv";
	out[n++] = "factory";
	if (sw->backward)
		out[n++] = "backward";
	if (sw->backzone)
		out[n++] = "backzone";
	out[n] = NULL;
	for (i = 0; i < n; i++) {
		if (tzf_tree_file(&s, NULL, t, out[i]) != TZF_OK) {
			tzf__diag(dg, TZF_ERR, NULL, 0, "no file '%s' in '%s'",
			    out[i], tzf_tree_spec(t));
			return TZF_ENOTFOUND;
		}
	}
	return n;
}

static void
guard_free(struct guard *g)
{
	tzf__map_free(&g->plist);
	tzf__map_free(&g->links);
	tzf__lines_free(&g->out);
	tzf__free(g->zone);
}

/* PACKRATLIST names a file of the tree, or else one on disk (as the
 * Makefile reads it relative to the build directory). */
static int
load_packratlist(struct guard *g, const struct tzf_tree *t, const char *name,
    struct tzf_diag *dg)
{
	struct tzf_buf b = TZF_BUF_INIT;
	const char *s;
	char chunk[8192];
	size_t n;
	FILE *f;
	int rc;

	if (tzf_tree_file(&s, NULL, t, name) == TZF_OK)
		return read_packratlist(g, s);
	f = fopen(name, "r");
	if (f == NULL) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "no file '%s' in '%s' for "
		    "PACKRATLIST", name, tzf_tree_spec(t));
		return TZF_ENOTFOUND;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 &&
	    b.len + n <= TZF_FILE_MAX)
		tzf_buf_add(&b, chunk, n);
	rc = ferror(f) || n > 0 ? TZF_EIO : b.oom ? TZF_ENOMEM : TZF_OK;
	fclose(f);
	if (rc == TZF_EIO)
		tzf__diag(dg, TZF_ERR, NULL, 0,
		    "cannot read PACKRATLIST '%s' (unreadable or too large)",
		    name);
	if (rc == TZF_OK)
		rc = read_packratlist(g, b.ptr ? b.ptr : "");
	tzf_buf_dispose(&b);
	return rc;
}

/* Run ziguard over the tree's files into G->out. */
static int
run_guard(struct guard *g, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	const char *files[16], *s;
	size_t len;
	int i, n, rc;

	rc = parse_form(&g->form, sw->dataform, dg);
	if (rc < 0)
		return rc;
	g->dg = dg;
	g->packratdata = sw->backzone ? "backzone" : NULL;
	g->subseconds = sw->subseconds;
	g->packratlist = sw->packratlist;
	if (sw->packratlist != NULL) {
		rc = load_packratlist(g, t, sw->packratlist, dg);
		if (rc < 0)
			return rc;
	}
	n = tdata(files, t, sw, dg);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		tzf_tree_file(&s, &len, t, files[i]);
		rc = guard_file(g, files[i], s, len);
		if (rc < 0)
			return rc;
	}
	if (g->form != TZF__FORM_VANGUARD)
		return cut_link_chains_short(g);
	return TZF_OK;
}

int
tzf__ziguard(struct tzf__zi *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	struct guard g;
	int n, rc;

	memset(out, 0, sizeof *out);
	memset(&g, 0, sizeof g);
	rc = run_guard(&g, t, sw, dg);
	n = rc == TZF_OK ? tdata(out->files, t, sw, dg) : 0;
	if (n < 0)
		rc = n;
	if (rc == TZF_OK) {
		out->lines = g.out;
		memset(&g.out, 0, sizeof g.out);
		out->form = g.form;
		out->nfiles = n;
	}
	guard_free(&g);
	return rc;
}

void
tzf__zi_free(struct tzf__zi *z)
{
	tzf__lines_free(&z->lines);
}

int
tzf__single_file(const char **out, size_t *out_len, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	if (!default_switches(sw)) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "build switches need a tzdb "
		    "source tree, not the single file '%s'", tzf_tree_spec(t));
		return TZF_EINVAL;
	}
	return tzf_tree_file(out, out_len, t, tzf_tree_name(t, 0));
}

int
tzf_tree_zic_input(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	static const struct tzf_switches defaults = TZF_SWITCHES_INIT;
	struct guard g;
	const char *s;
	size_t i, len;
	int rc;

	if (sw == NULL)
		sw = &defaults;
	if (tzf_tree_kind(t) == TZF_TREE_FILE) {
		rc = tzf__single_file(&s, &len, t, sw, dg);
		if (rc == TZF_OK)
			tzf_buf_add(out, s, len);
		return rc < 0 ? rc : out->oom ? TZF_ENOMEM : TZF_OK;
	}
	memset(&g, 0, sizeof g);
	rc = run_guard(&g, t, sw, dg);
	for (i = 0, len = 0; rc == TZF_OK && i < g.out.n; i++)
		len += strlen(g.out.v[i]) + 1;
	tzf_buf_reserve(out, len);
	for (i = 0; rc == TZF_OK && i < g.out.n; i++) {
		tzf_buf_puts(out, g.out.v[i]);
		tzf_buf_add(out, "\n", 1);
	}
	guard_free(&g);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Vanguard and rearguard forms */

/*
 * The DATAFORM != "main" block of ziguard.awk: paired lines (one of
 * them commented out) for Prague, Dublin, Windhoek, Portugal and GMT
 * are switched; %z is introduced (vanguard) or expanded to explicit
 * abbreviations (rearguard); a "#STDOFF" comment's subsecond offset
 * replaces the rounded STDOFF of the zone lines after it (vanguard with
 * VANGUARD_SUBSECONDS), or the reverse; the Japan and Morocco rules are
 * rewritten.
 */
/* awk's comparison of a field with a number: numeric when the field
 * looks like one, else as strings against the number's text. */
static int
awk_cmp_num(const struct tzf__fld *f, int nf, int i, long n)
{
	char num[32], str[64];
	size_t k = 0, len;
	long v = 0;

	len = i >= 1 && i <= nf ? f[i - 1].len : 0;
	snprintf(str, sizeof str, "%.*s", (int)len, len ? f[i - 1].p : "");
	if (str[0] == '-' || str[0] == '+')
		k++;
	if (len == 0)		/* a missing field is both "" and 0 */
		return n > 0 ? -1 : n < 0;
	if (str[k] != '\0' && strspn(str + k, "0123456789") == strlen(str + k)) {
		for (; str[k] != '\0'; k++)
			v = v * 10 + (str[k] - '0');
		v = str[0] == '-' ? -v : v;
		return v < n ? -1 : v > n;
	}
	snprintf(num, sizeof num, "%ld", n);
	return strcmp(str, num);
}

/* /^#?[\t ]+D:00[\t ]/ with D one of DIGITS. */
static bool
lead_offset(const char *s, const char *digits)
{
	const char *p = s + (*s == '#');

	if (*p != ' ' && *p != '\t')
		return false;
	p += strspn(p, " \t");
	return *p != '\0' && strchr(digits, *p) != NULL &&
	    strncmp(p + 1, ":00", 3) == 0 && (p[4] == ' ' || p[4] == '\t');
}

/* /^#?KEYWORD[\t ]+NAME[\t ]/ */
static bool
keyword_name(const char *s, const char *kw, const char *name)
{
	const char *p = s + (*s == '#');
	size_t n;

	if (!tzf__starts(p, kw))
		return false;
	p += strlen(kw);
	n = strspn(p, " \t");
	if (n == 0)
		return false;
	p += n;
	return tzf__starts(p, name) && (p[strlen(name)] == ' ' ||
	    p[strlen(name)] == '\t');
}

/* Blanks then WORD at *P, advancing *P past them. */
static bool
eat(const char **p, const char *word)
{
	size_t n = strspn(*p, " \t");

	if (n == 0 || !tzf__starts(*p + n, word))
		return false;
	*p += n + strlen(word);
	return true;
}

/* The Portugal/W-Eur %z pairing line of ziguard.awk. */
static bool
portugal_line(const char *s)
{
	const char *p = s + (*s == '#'), *q;

	if (!(eat(&p, "-1:00") || eat(&p, "-2:00")))
		return false;
	q = p;
	if ((eat(&q, "Port") || eat(&q, "W-Eur")) && *q != '\0') {
		q += strspn(q, " \t");
		if (q > p && *q != '\0' && strchr("%+-", *q) != NULL &&
		    (q[-1] == ' ' || q[-1] == '\t'))
			return true;
	}
	q = p;
	return eat(&q, "-") && (eat(&q, "%z") || eat(&q, "-01")) &&
	    eat(&q, "1982 Mar 28");
}

/* /^#?(Zone|Link)[\t ]+(Etc\/)?GMT[\t ]/ */
static bool
gmt_line(const char *s)
{
	return keyword_name(s, "Zone", "GMT") ||
	    keyword_name(s, "Zone", "Etc/GMT") ||
	    keyword_name(s, "Link", "GMT") ||
	    keyword_name(s, "Link", "Etc/GMT");
}

/* Which paired line to keep: sets *UN (uncomment) or *CO. */
static void
pick(bool want, bool ic, bool *un, bool *co)
{
	if (want)
		*un = ic;
	else
		*co = !ic;
}

static void
pairings(struct guard *g, const char *s, bool *un, bool *co)
{
	struct tzf__fld f[TZF__MAXF];
	bool ic = *s == '#', rg = g->form == TZF__FORM_REARGUARD, eire, dub, nam;
	bool wnd;
	int nf = tzf__split(f, s), c = ic;

	if (g->zone && strcmp(g->zone, "Europe/Prague") == 0 &&
	    lead_offset(s, "01") && strstr(s, "1947 Feb 23") != NULL)
		pick(!tzf__feq(f, nf, c + 2, "-") == !rg, ic, un, co);
	eire = keyword_name(s, "Rule", "Eire");
	dub = g->zone && strcmp(g->zone, "Europe/Dublin") == 0 &&
	    lead_offset(s, "01") && (awk_cmp_num(f, nf, c + 4, 0) == 0 ||
	    awk_cmp_num(f, nf, c + 4, 1968) > 0);
	if (eire || dub)
		pick((eire || (dub && tzf__feq(f, nf, c + 3, "IST/GMT"))) == !rg,
		    ic, un, co);
	nam = keyword_name(s, "Rule", "Namibia");
	wnd = g->zone && strcmp(g->zone, "Africa/Windhoek") == 0 &&
	    lead_offset(s, "12") && (tzf__feq(f, nf, c + 2, "Namibia") ||
	    (tzf__feq(f, nf, c + 2, "-") && tzf__feq(f, nf, c + 3, "CAT") &&
	    ((awk_cmp_num(f, nf, c + 4, 1994) >= 0 &&
	    awk_cmp_num(f, nf, c + 4, 2017) <= 0) || c + 3 == nf)));
	if (nam || wnd)
		pick((nam ? (nf >= 9 && f[8].p[0] == '-') ||
		    (awk_cmp_num(f, nf, 9, 0) == 0 && tzf__feq(f, nf, 10, "CAT")) :
		    tzf__feq(f, nf, c + 1, "2:00") && tzf__feq(f, nf, c + 2, "Namibia"))
		    == !rg, ic, un, co);
	if (portugal_line(s))
		pick((strstr(s, "%z") != NULL) != rg, ic, un, co);
	if (gmt_line(s))
		pick(tzf__feq(f, nf, 2, "GMT") == (g->form == TZF__FORM_VANGUARD), ic,
		    un, co);
}

/* get_minutes(): "-0:30" -> -30, "5:45" -> 345. */
static long
get_minutes(const char *s, size_t len)
{
	long sign = *s == '-' ? -1 : 1, h = 0, m = 0;
	size_t i = *s == '-' || *s == '+';

	for (; i < len && tzf__is_digit(s[i]); i++)
		h = h * 10 + (s[i] - '0');
	for (; i < len && s[i] != ':'; i++)
		continue;
	for (i++; i < len && tzf__is_digit(s[i]); i++)
		m = m * 10 + (s[i] - '0');
	return 60 * sign * h + sign * m;
}

/* offset_abbr(): 330 -> "+0530", -300 -> "-05". */
static void
offset_abbr(char out[24], long off)
{
	long h = off / 60, m = off % 60;

	if (m != 0)
		snprintf(out, 24, "%+.4ld", h * 100 + m);
	else
		snprintf(out, 24, "%+.2ld", h);
}

/* Replace the first occurrence of FROM in *S by TO. */
static bool
sub_lit(char **s, const char *from, const char *to)
{
	char *p = strstr(*s, from), *head;
	bool ok;

	if (p == NULL)
		return true;
	head = tzf__strndup(*s, (size_t)(p - *s));
	ok = head != NULL &&
	    replace(s, tzf__cat4(head, to, p + strlen(from), ""));
	tzf__free(head);
	return ok;
}

/* /[\t ]WORDS$/ */
static bool
ends_with_words(const char *line, const char *words)
{
	size_t n = strlen(line), m = strlen(words);

	return n > m && strcmp(line + n - m, words) == 0 &&
	    (line[n - m - 1] == ' ' || line[n - m - 1] == '\t');
}

/* The DST offset ziguard.awk assumes when expanding %z. */
static long
dst_minutes(const char *rules, const char *line, int nf)
{
	bool uy = strcmp(rules, "Uruguay") == 0;

	if (strcmp(rules, "Morocco") == 0 && nf == 3)
		return -60;
	if (strcmp(rules, "NBorneo") == 0)
		return 20;
	if (((strcmp(rules, "Cook") == 0 || strcmp(rules, "LH") == 0) &&
	    nf == 3) || (uy && (ends_with_words(line, "1942 Dec 14") ||
	    ends_with_words(line, "1960") || ends_with_words(line, "1970") ||
	    ends_with_words(line, "1974 Dec 22"))))
		return 30;
	if (uy && ends_with_words(line, "1974 Mar 10"))
		return 90;
	return 60;
}

/* Rearguard: replace %z by the explicit abbreviation. */
static bool
expand_pct_z(char **line)
{
	struct tzf__fld f[TZF__MAXF];
	char abbr[64], std[24], dst[24], *rules;
	long stdoff;
	int nf, col;
	bool ok;

	if (strstr(*line, "%z") == NULL ||
	    strcspn(*line, "#") < (size_t)(strstr(*line, "%z") - *line))
		return true;
	nf = tzf__split(f, *line);
	col = tzf__starts(*line, "Zone") ? 3 : 1;
	if (col > nf)
		return true;
	stdoff = get_minutes(f[col - 1].p, f[col - 1].len);
	rules = tzf__fdup(f, nf, col + 1);
	if (rules == NULL)
		return false;
	offset_abbr(std, stdoff);
	if (strcmp(rules, "-") == 0) {
		snprintf(abbr, sizeof abbr, "%s", std);
	} else if (*rules != '\0' && strchr("+-0123456789", *rules)) {
		offset_abbr(dst, stdoff + get_minutes(rules, strlen(rules)));
		snprintf(abbr, sizeof abbr, "%s", dst);
	} else {
		offset_abbr(dst, stdoff + dst_minutes(rules, *line, nf));
		snprintf(abbr, sizeof abbr, "%s/%s", std, dst);
	}
	tzf__free(rules);
	ok = sub_lit(line, "%z", abbr);
	return ok;
}

/* Vanguard: FORMAT fields like "+05" or "+05/+06" become "%z". */
static bool
introduce_pct_z(char **line)
{
	const char *p = *line, *tok;
	char *head;
	size_t n;
	bool ok;
	int i;

	if (tzf__starts(p, "Zone")) {
		p += 4;
		if ((n = strspn(p, " \t")) == 0)
			return true;
		p += n;
		p += strcspn(p, " \t");
	}
	for (i = 0; i < 3; i++) {
		if ((n = strspn(p, " \t")) == 0)
			return true;
		tok = p += n;
		p += strcspn(p, " \t");
		if (p == tok)
			return true;
	}
	if ((*tok != '-' && *tok != '+') || p - tok < 2)
		return true;
	if (p - tok >= 3 && strncmp(p - 3, "-00", 3) == 0)
		return true;
	head = tzf__strndup(*line, (size_t)(tok - *line));
	ok = head != NULL && replace(line, tzf__cat4(head, "%z", p, ""));
	tzf__free(head);
	return ok;
}

/* The unsigned digits at *P as a number (0 if none); *P moves past. */
static long
leading_digits(const char **p, int *ndigits)
{
	long v = 0;

	for (*ndigits = 0; tzf__is_digit(**p) && *ndigits < 12; (*ndigits)++)
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

/*
 * ziguard.awk's round_to_second(): "[+-]H:MM:SS.fff" to whole seconds;
 * anything else unchanged.  The awk rounds a fraction above one half up
 * and an exact half up as well (its parity test sees the fraction), so
 * the first fractional digit decides.
 */
static void
round_to_second(char *out, size_t size, const char *ts)
{
	const char *p = ts + (*ts == '+' || *ts == '-');
	long hh, mm, ss, secs;
	int n1, n2, n3;

	snprintf(out, size, "%s", ts);
	hh = leading_digits(&p, &n1);
	if (n1 == 0 || *p++ != ':')
		return;
	mm = leading_digits(&p, &n2);
	if (n2 == 0 || *p++ != ':')
		return;
	ss = leading_digits(&p, &n3);
	if (n3 == 0 || *p++ != '.')
		return;
	secs = 3600 * hh + 60 * mm + ss + (*p >= '5' && *p <= '9');
	snprintf(out, size, "%s%ld:%.2ld:%.2ld", *ts == '-' ? "-" : "",
	    secs / 3600, secs / 60 % 60, secs % 60);
}

/* Replace the first match of FROM in *S by TO, '.' in FROM matching any
 * character (awk's sub() with an offset string as the regex). */
static bool
sub_offset(char **s, const char *from, const char *to)
{
	size_t m = strlen(from), i, k;
	char *head;
	bool ok;

	for (i = 0; (*s)[i] != '\0'; i++) {
		for (k = 0; k < m && (*s)[i + k] != '\0'
		    && (from[k] == '.' || from[k] == (*s)[i + k]); k++)
			continue;
		if (k == m)
			break;
	}
	if ((*s)[i] == '\0')
		return true;
	head = tzf__strndup(*s, i);
	ok = head != NULL && replace(s, tzf__cat4(head, to, *s + i + m, ""));
	tzf__free(head);
	return ok;
}

/*
 * The #STDOFF block of ziguard.awk.  A "#STDOFF OFFSET" comment starts a
 * substitution (the subsecond OFFSET for its rounded value in vanguard
 * form with VANGUARD_SUBSECONDS, else the rounded value for OFFSET); it
 * applies to each following line whose STDOFF column holds the value
 * being replaced, and stops at the first line that holds neither.
 */
static bool
stdoff_subst(struct guard *g, char **line)
{
	struct tzf__fld f[TZF__MAXF];
	char field[64], rounded[64];
	int nf = tzf__split(f, *line), col;

	if (tzf__feq(f, nf, 1, "#STDOFF")) {
		snprintf(field, sizeof field, "%.*s", nf >= 2 ? (int)f[1].len
		    : 0, nf >= 2 ? f[1].p : "");
		round_to_second(rounded, sizeof rounded, field);
		if (g->form == TZF__FORM_VANGUARD && g->subseconds) {
			memcpy(g->stdoff_from, rounded, sizeof rounded);
			memcpy(g->stdoff_to, field, sizeof field);
		} else {
			memcpy(g->stdoff_from, field, sizeof field);
			memcpy(g->stdoff_to, rounded, sizeof rounded);
		}
		return true;
	}
	if (g->stdoff_from[0] == '\0')
		return true;
	col = tzf__starts(*line, "Zone") ? 3 : 1;
	if (tzf__feq(f, nf, col, g->stdoff_from))
		return sub_offset(line, g->stdoff_from, g->stdoff_to);
	if (!tzf__feq(f, nf, col, g->stdoff_to))
		g->stdoff_from[0] = '\0';
	return true;
}

static bool
japan_rule(char **line, enum tzf__form form)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, *line);

	if (!tzf__starts(*line, "Rule") || !tzf__feq(f, nf, 2, "Japan"))
		return true;
	if (form == TZF__FORM_REARGUARD && tzf__feq(f, nf, 7, "Sat>=8") &&
	    tzf__feq(f, nf, 8, "25:00"))
		return sub_lit(line, "Sat>=8", "Sun>=9") &&
		    sub_lit(line, "25:00", " 1:00");
	if (form != TZF__FORM_REARGUARD && tzf__feq(f, nf, 7, "Sun>=9") &&
	    tzf__feq(f, nf, 8, "1:00"))
		return sub_lit(line, "Sun>=9", "Sat>=8") &&
		    sub_lit(line, " 1:00", "25:00");
	return true;
}

/* sub(/FROM$/, TO) for a literal FROM. */
static bool
sub_tail(char **s, const char *from, const char *to)
{
	size_t n = strlen(*s), m = strlen(from);
	char *head;
	bool ok;

	if (n < m || strcmp(*s + n - m, from) != 0)
		return true;
	head = tzf__strndup(*s, n - m);
	ok = head != NULL && replace(s, tzf__cat4(head, to, "", ""));
	tzf__free(head);
	return ok;
}

/* ziguard.awk's sub(/\t\+00\/+01$/, "\t+01/+00"): in that regex "\/+"
 * means one or more '/', so it matches "\t+00/01", not "\t+00/+01";
 * reproduce that literally. */
static bool
sub_slashes(char **s)
{
	size_t n = strlen(*s), k;
	char *head;
	bool ok;

	if (n < 7 || strcmp(*s + n - 2, "01") != 0)
		return true;
	for (k = n - 2; k > 0 && (*s)[k - 1] == '/'; k--)
		continue;
	if (k == n - 2 || k < 4 || strncmp(*s + k - 4, "\t+00", 4) != 0)
		return true;
	head = tzf__strndup(*s, k - 4);
	ok = head != NULL && replace(s, tzf__cat4(head, "\t+01/+00", "", ""));
	tzf__free(head);
	return ok;
}

static bool
morocco(char **line, enum tzf__form form)
{
	bool rg = form == TZF__FORM_REARGUARD, ok = true;
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, *line);

	if (!tzf__feq(f, nf, 2, "Morocco"))
		return true;
	if (tzf__starts(*line, "Rule")) {
		if ((tzf__feq(f, nf, 4, "2017") || tzf__feq(f, nf, 4, "2018")) &&
		    tzf__feq(f, nf, 6, "Oct"))
			ok = rg ? sub_lit(line, "\t2018\t", "\t2017\t") :
			    sub_lit(line, "\t2017\t", "\t2018\t");
		nf = tzf__split(f, *line);
		if (ok && awk_cmp_num(f, nf, 3, 2019) >= 0) {
			if (tzf__feq(f, nf, 8, "2:00"))
				ok = rg ? sub_lit(line, "\t0\t", "\t1:00\t") :
				    sub_lit(line, "\t1:00\t", "\t0\t");
			else
				ok = rg ? sub_lit(line, "\t-1:00\t", "\t0\t") :
				    sub_lit(line, "\t0\t", "\t-1:00\t");
		}
	}
	nf = tzf__split(f, *line);
	if (ok && nf == 3 && strchr("+-0123456789", f[0].p[0]) != NULL) {
		if (rg)
			ok = sub_lit(line, "1:00\tMorocco", "0:00\tMorocco") &&
			    sub_tail(line, "\t+01/+00", "\t+00/+01");
		else
			ok = sub_lit(line, "0:00\tMorocco", "1:00\tMorocco") &&
			    sub_slashes(line);
	}
	return ok;
}

static int
form_rewrite(struct guard *g, char **line)
{
	bool un = false, co = false;

	pairings(g, *line, &un, &co);
	if (un && **line == '#')
		memmove(*line, *line + 1, strlen(*line));
	if (co && !comment_out(line))
		return TZF_ENOMEM;
	if (g->form == TZF__FORM_REARGUARD ? !expand_pct_z(line) :
	    !introduce_pct_z(line))
		return TZF_ENOMEM;
	if (!stdoff_subst(g, line) || !japan_rule(line, g->form)
	    || !morocco(line, g->form))
		return TZF_ENOMEM;
	return TZF_OK;
}
