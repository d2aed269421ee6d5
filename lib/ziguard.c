/*
 * ziguard.c: the data forms and build switches of the upstream
 * ziguard.awk, in C, for each version of that script a release carries.
 *
 * tzf__ziguard() makes what a release's `make FORM.zi` writes: its
 * ziguard.awk run over TDATA and PACKRATDATA, honouring DATAFORM,
 * PACKRATDATA, PACKRATLIST and VANGUARD_SUBSECONDS.  Thirteen versions
 * of ziguard.awk exist (2018d to 2026c); the code is that of the
 * newest, with each behaviour an older version lacks or does otherwise
 * behind a feature bit of the table below, and a tree's script is
 * recognised by the SHA-256 of its bytes.  It follows the awk's
 * observable behaviour line by line, quirks included (e.g. the
 * cut_link_chains_short discrepancy of docs/forks.md §2.5), because the
 * goal is byte-identical zic output, not a cleaner reinterpretation.
 * The vanguard/rearguard rewrites come last; the comment there says
 * what they cover.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* What a version of ziguard.awk does beyond the 2018d one. */
enum {
	ZG_CZ_NA = 1 << 0,	/* 2018e: Prague 1947 and Namibia pairs */
	ZG_JAPAN = 1 << 1,	/* 2018g: rearguard's Japan rule */
	ZG_MOROCCO = 1 << 2,	/* 2018h: rearguard's Morocco rules */
	ZG_OFFSET = 1 << 3,	/* 2020f: Prague, Windhoek lines by offset */
	ZG_RELINK = 1 << 4,	/* 2021b: a Link overrides an earlier Link */
	ZG_MA_LINE = 1 << 5,	/* 2022a: rearguard Morocco adds a line */
	ZG_PCTZ = 1 << 6,	/* 2022b: %z, #STDOFF, PACKRATLIST, Portugal
				 * pairs; Japan and Morocco both ways */
	ZG_CHAINS = 1 << 7,	/* 2022f: Zone GMT pair; link chains cut
				 * short outside vanguard form */
	ZG_W_EUR = 1 << 8,	/* 2024b: Portugal pairs with W-Eur too */
	ZG_MA_2026 = 1 << 9	/* 2026c: Morocco lines known by 2026 */
};

#define ZG_2018H (ZG_CZ_NA | ZG_JAPAN | ZG_MOROCCO)
#define ZG_2022A (ZG_2018H | ZG_OFFSET | ZG_RELINK | ZG_MA_LINE)
#define ZG_2022F (ZG_2022A | ZG_PCTZ | ZG_CHAINS)

struct tzf__guard {
	const char *first;	/* the first release with this script */
	const char *sha256;	/* of its bytes */
	unsigned ft;
};

/* Every ziguard.awk of a release, oldest first.  2020c and 2022c only
 * reworded comments and spelled "/re/" as "$0 ~ /re/". */
static const struct tzf__guard guards[] = {
	{ "2018d", "1d7671530e3954b4a29f9db99859be26"
	    "20400cbe9333e0b2e5c08322fe715817", 0 },
	{ "2018e", "5fc474f9c849095f7b79ae8b1d5f92cb"
	    "27d59638235f8bdea684e84b56417f47", ZG_CZ_NA },
	{ "2018g", "009fac322a75577fa2c72c02466fa496"
	    "c459749ac5f6c4b22d87966141961f54", ZG_CZ_NA | ZG_JAPAN },
	{ "2018h", "38d750dbdec9796dc8098a545eef95b9"
	    "878d8a9fb47f8be3dd03f883775a7132", ZG_2018H },
	{ "2020c", "2a9e77bea2862650d3a730b6a70e5660"
	    "0bf526bfd8181e9d0c54bb36b6993e25", ZG_2018H },
	{ "2020f", "27f0e4696706d6485b3191849cc71c0d"
	    "0bfde7323c1de32c02fdc48509271410", ZG_2018H | ZG_OFFSET },
	{ "2021b", "b2a3486258c126ac03eb838406545864"
	    "38e7ffc44dd09e454e216e9d3610ca56",
	    ZG_2018H | ZG_OFFSET | ZG_RELINK },
	{ "2022a", "c828581160b3e3e2c610dbf6fd3f7a0d"
	    "a52c2763877c7e14d79d599a621b8695", ZG_2022A },
	{ "2022b", "4b99219962af1d9261fb59f89ac51cb3"
	    "91432798808abbaebaf5e3b50b147da7", ZG_2022A | ZG_PCTZ },
	{ "2022c", "2719a1fbc98009e69d0d6f8d06c75aff"
	    "2e96958ce5bded97b82d1d33337e664c", ZG_2022A | ZG_PCTZ },
	{ "2022f", "0fead2a1b51bf3d5e452860be873d67d"
	    "55baa20910a13350a0085ef723b00eff", ZG_2022F },
	{ "2024b", "e4600a2360b692242d6da76666411ece"
	    "8ada76b61e6f8fb69cec79592b261785", ZG_2022F | ZG_W_EUR },
	{ "2026c", "d01a09ded697379bc6df555fa6ce9b97"
	    "6dfb502df01c3741fca69fbd07f27569",
	    ZG_2022F | ZG_W_EUR | ZG_MA_2026 },
};

#define NGUARDS (sizeof guards / sizeof guards[0])

const struct tzf__guard *
tzf__guard_by_sha256(const char *hex)
{
	size_t i;

	for (i = 0; i < NGUARDS; i++)
		if (strcmp(guards[i].sha256, hex) == 0)
			return &guards[i];
	return NULL;
}

const struct tzf__guard *
tzf__guard_by_release(const char *release)
{
	size_t i;

	if (release == NULL)
		return &guards[NGUARDS - 1];
	for (i = NGUARDS; i > 0; i--)
		if (tzf__release_cmp(guards[i - 1].first, release) <= 0)
			return &guards[i - 1];
	return NULL;
}

const char *
tzf__guard_first(const struct tzf__guard *g)
{
	return g->first;
}

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
	struct tzf_build *r;		/* records go to r->recs */
	unsigned ft;			/* the script's features */
	enum tzf__form form;
	const char *packratdata;	/* the PACKRATDATA file, or NULL */
	const char *packratlist;	/* the name as given, or NULL */
	struct tzf__map plist;		/* names in PACKRATLIST's 3rd column */
	struct tzf__map links;		/* link name -> line number, target */
	char *zone;			/* current Zone name */
	bool packrat_ignored;
	bool subseconds;		/* VANGUARD_SUBSECONDS */
	/* The #STDOFF substitution under way: Zone and continuation
	 * lines whose STDOFF is stdoff_from get stdoff_to instead. */
	char stdoff_from[64], stdoff_to[64];
	/* The last std-time date of rearguard's Morocco rules (2022a). */
	char ma_date[64];
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
	struct tzf__lines *out = &g->r->recs.lines;

	if (n == 0 || n > out->n || !tzf__starts(out->v[n - 1], "Link"))
		return true;
	return comment_out(&out->v[n - 1]);
}

/*
 * A Zone line comments out an earlier Link of the same name (from
 * 2021b a Link line does too): this is how a backzone Zone or Link
 * replaces a backward Link.  The link's target is remembered and never
 * forgotten, even when a Zone later replaces the link (the root of the
 * cut_link_chains_short discrepancy that docs/forks.md §2.5 describes).
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
		if (e == NULL || ((g->ft & ZG_RELINK) &&
		    !comment_link(g, e->num)))
			return TZF_ENOMEM;
		e->num = g->r->recs.lines.n + 1;
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

/* Vanguard's "Link T L #= X" becomes "Link X L" again (2022f). */
static bool
vanguard_relink(char **line, const struct tzf__fld *f, int nf)
{
	char *t5 = tzf__fdup(f, nf, 5), *t3 = tzf__fdup(f, nf, 3);
	char *t2 = tzf__fdup(f, nf, 2);
	bool ok = t5 && t3 && t2 && replace(line, relink(*line, t5, t3, t2,
	    ""));

	tzf__free(t5);
	tzf__free(t3);
	tzf__free(t2);
	return ok;
}

/* One input record of file FNAME (the awk body, rule by rule). */
static int
guard_line(struct guard *g, const char *fname, char *line, size_t file,
    long lineno)
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
		    g->packratlist != NULL &&
		    tzf__map_get(&g->plist, s) == NULL;
		tzf__free(s);
	}
	if (g->packrat_ignored && !tzf__starts(line, "Rule")) {
		if (!comment_out(&line))
			goto oom;
		nf = record_fields(f, line);
	}
	if ((g->ft & ZG_CHAINS) && g->form == TZF__FORM_VANGUARD &&
	    tzf__starts(line, "Link") && tzf__feq(f, nf, 4, "#=")) {
		if (!vanguard_relink(&line, f, nf))
			goto oom;
		nf = record_fields(f, line);
	}
	rc = override_links(g, line, f, nf);
	if (rc < 0) {
		tzf__free(line);
		return rc;
	}
	return tzf__recs_push(&g->r->recs, line, file, lineno);
oom:
	tzf__free(line);
	return TZF_ENOMEM;
}

/*
 * END of ziguard.awk for main and rearguard forms (2022f on): a link
 * whose target is itself a link is relinked to the end of the chain,
 * with the old target kept in a "#= TARGET" comment.
 */
static int
cut_link_chains_short(struct guard *g)
{
	struct tzf__lines *out = &g->r->recs.lines;
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
				tzf__diag(g->dg, TZF_SEV_ERR, NULL, 0,
				    "link cycle through '%s'", e->key);
				return TZF_EINVAL;
			}
			t = te->val;
		}
		cmt = tzf__cat4("\t#= ", e->val, "", "");
		ok = cmt != NULL && replace(&out->v[e->num - 1],
		    relink(out->v[e->num - 1], t, e->key, e->val, cmt));
		tzf__free(cmt);
		if (!ok)
			return TZF_ENOMEM;
	}
	return TZF_OK;
}

/* Feed every record of file number FILE of the release to G. */
static int
guard_file(struct guard *g, size_t file)
{
	const char *name = g->r->files.v[file], *p, *end, *nl;
	long lineno = 1;
	size_t len;
	char *line;
	int rc;

	tzf_tree_file(&p, &len, g->r->tree, name);
	for (end = p + len; p < end; p = nl + 1, lineno++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		line = tzf__strndup(p, (size_t)(nl - p));
		if (line == NULL)
			return TZF_ENOMEM;
		rc = guard_line(g, name, line, file, lineno);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

static void
guard_free(struct guard *g)
{
	tzf__map_free(&g->plist);
	tzf__map_free(&g->links);
	tzf__free(g->zone);
}

int
tzf__ziguard(struct tzf_build *r, struct tzf_diag *dg)
{
	struct guard g;
	size_t i;
	int rc = TZF_OK;

	memset(&g, 0, sizeof g);
	g.r = r;
	g.ft = r->guard->ft;
	g.form = r->form;
	g.dg = dg;
	g.packratdata = r->packratdata;
	g.packratlist = r->sw.packratlist;
	g.subseconds = r->sw.subseconds;
	if (r->plist_text != NULL)
		rc = read_packratlist(&g, r->plist_text);
	for (i = 0; rc == TZF_OK && i < r->files.n; i++)
		rc = guard_file(&g, i);
	if (rc == TZF_OK && (g.ft & ZG_CHAINS) && g.form != TZF__FORM_VANGUARD)
		rc = cut_link_chains_short(&g);
	guard_free(&g);
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

/* The Portugal %z pairing line of ziguard.awk; from 2024b also W-Eur
 * and the line with no rules that leads to 1982 Mar 28. */
static bool
portugal_line(const char *s, unsigned ft)
{
	const char *p = s + (*s == '#'), *q;

	if (!(eat(&p, "-1:00") || eat(&p, "-2:00")))
		return false;
	q = p;
	if ((eat(&q, "Port") || ((ft & ZG_W_EUR) && eat(&q, "W-Eur"))) &&
	    *q != '\0') {
		q += strspn(q, " \t");
		if (q > p && *q != '\0' && strchr("%+-", *q) != NULL &&
		    (q[-1] == ' ' || q[-1] == '\t'))
			return true;
	}
	q = p;
	return (ft & ZG_W_EUR) && eat(&q, "-") && (eat(&q, "%z") ||
	    eat(&q, "-01")) && eat(&q, "1982 Mar 28");
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

static bool
in_zone(const struct guard *g, const char *name)
{
	return g->zone != NULL && strcmp(g->zone, name) == 0;
}

/* Field I (awk's $I) as a year between 1994 and 2017. */
static bool
namibia_years(const struct tzf__fld *f, int nf, int i)
{
	return awk_cmp_num(f, nf, i, 1994) >= 0 &&
	    awk_cmp_num(f, nf, i, 2017) <= 0;
}

/* The Windhoek zone lines paired with Namibia's rules; from 2020f they
 * must also start with a 1:00 or 2:00 offset and have no rules. */
static bool
windhoek_line(const struct guard *g, const char *s, const struct tzf__fld *f,
    int nf, int c)
{
	if (!in_zone(g, "Africa/Windhoek"))
		return false;
	if (!(g->ft & ZG_OFFSET))
		return tzf__feq(f, nf, c + 2, "Namibia") ||
		    namibia_years(f, nf, c + 4) || c + 3 == nf;
	return lead_offset(s, "12") && (tzf__feq(f, nf, c + 2, "Namibia") ||
	    (tzf__feq(f, nf, c + 2, "-") && tzf__feq(f, nf, c + 3, "CAT") &&
	    (namibia_years(f, nf, c + 4) || c + 3 == nf)));
}

/* Namibia's negative-SAVE pairs (2018e).  A Rule's SAVE is field 9,
 * counted from the '#' of a commented-out line until 2022b. */
static void
pair_namibia(const struct guard *g, const char *s, const struct tzf__fld *f,
    int nf, bool *un, bool *co)
{
	bool ic = *s == '#', rg = g->form == TZF__FORM_REARGUARD, want;
	int c = ic, r = (g->ft & ZG_PCTZ) ? 0 : c;

	if (keyword_name(s, "Rule", "Namibia"))
		want = (nf >= r + 9 && f[r + 8].p[0] == '-') ||
		    (awk_cmp_num(f, nf, r + 9, 0) == 0 &&
		    tzf__feq(f, nf, r + 10, "CAT"));
	else if (windhoek_line(g, s, f, nf, c))
		want = tzf__feq(f, nf, c + 1, "2:00") &&
		    tzf__feq(f, nf, c + 2, "Namibia");
	else
		return;
	pick(want == !rg, ic, un, co);
}

/* Europe/Prague's 1946-47 pair (2018e); from 2020f the line must also
 * start with a 0:00 or 1:00 offset. */
static void
pair_prague(const struct guard *g, const char *s, const struct tzf__fld *f,
    int nf, bool *un, bool *co)
{
	bool ic = *s == '#', rg = g->form == TZF__FORM_REARGUARD;

	if (!in_zone(g, "Europe/Prague") || strstr(s, "1947 Feb 23") == NULL ||
	    ((g->ft & ZG_OFFSET) && !lead_offset(s, "01")))
		return;
	pick(!tzf__feq(f, nf, ic + 2, "-") == !rg, ic, un, co);
}

/* Ireland's pair, in every version. */
static void
pair_eire(const struct guard *g, const char *s, const struct tzf__fld *f,
    int nf, bool *un, bool *co)
{
	bool ic = *s == '#', rg = g->form == TZF__FORM_REARGUARD, eire, dub;
	int c = ic;

	eire = keyword_name(s, "Rule", "Eire");
	dub = in_zone(g, "Europe/Dublin") && lead_offset(s, "01") &&
	    (awk_cmp_num(f, nf, c + 4, 0) == 0 ||
	    awk_cmp_num(f, nf, c + 4, 1968) > 0);
	if (eire || dub)
		pick((eire || (dub && tzf__feq(f, nf, c + 3, "IST/GMT"))) ==
		    !rg, ic, un, co);
}

/* Which line of each commented-out pair this form keeps. */
static void
pairings(struct guard *g, const char *s, bool *un, bool *co)
{
	struct tzf__fld f[TZF__MAXF];
	bool ic = *s == '#', rg = g->form == TZF__FORM_REARGUARD;
	int nf = tzf__split(f, s);

	if (g->ft & ZG_CZ_NA)
		pair_prague(g, s, f, nf, un, co);
	pair_eire(g, s, f, nf, un, co);
	if (g->ft & ZG_CZ_NA)
		pair_namibia(g, s, f, nf, un, co);
	if ((g->ft & ZG_PCTZ) && portugal_line(s, g->ft))
		pick((strstr(s, "%z") != NULL) != rg, ic, un, co);
	if ((g->ft & ZG_CHAINS) && gmt_line(s))
		pick(tzf__feq(f, nf, 2, "GMT") ==
		    (g->form == TZF__FORM_VANGUARD), ic, un, co);
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

/* Morocco's line of negative DST: the last one, until 2026c; from
 * then the one whose UNTIL starts with 2026. */
static bool
morocco_negative(unsigned ft, const struct tzf__fld *f, int nf)
{
	return (ft & ZG_MA_2026) ? awk_cmp_num(f, nf, 4, 2026) == 0 : nf == 3;
}

/* The DST offset ziguard.awk assumes when expanding %z. */
static long
dst_minutes(unsigned ft, const char *rules, const char *line,
    const struct tzf__fld *f, int nf)
{
	bool uy = strcmp(rules, "Uruguay") == 0;

	if (strcmp(rules, "Morocco") == 0 && morocco_negative(ft, f, nf))
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
expand_pct_z(char **line, unsigned ft)
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
		offset_abbr(dst, stdoff + dst_minutes(ft, rules, *line, f,
		    nf));
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

/* Japan's "Sat>=8 25:00" rule: "Sun>=9 1:00" in rearguard form, and
 * from 2022b back again in the other forms.  Until then any Rule with
 * those fields was rewritten. */
static bool
japan_rule(char **line, enum tzf__form form, unsigned ft)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, *line);
	bool rg = form == TZF__FORM_REARGUARD;

	if (!(ft & ZG_PCTZ)) {
		if (!rg || !(ft & ZG_JAPAN) || !tzf__feq(f, nf, 1, "Rule"))
			return true;
	} else if (!tzf__starts(*line, "Rule") || !tzf__feq(f, nf, 2, "Japan"))
		return true;
	if (rg && tzf__feq(f, nf, 7, "Sat>=8") && tzf__feq(f, nf, 8, "25:00"))
		return sub_lit(line, "Sat>=8", "Sun>=9") &&
		    sub_lit(line, "25:00", " 1:00");
	if (!rg && tzf__feq(f, nf, 7, "Sun>=9") && tzf__feq(f, nf, 8, "1:00"))
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

/* The first match of "\t+00" then '/'s then "01" in S from START,
 * ending at the end of S when ANCHORED; its offset and length, or false. */
static bool
find_slashes(const char *s, bool anchored, size_t *at, size_t *len)
{
	const char *p, *q;

	for (p = strstr(s, "\t+00"); p != NULL; p = strstr(p + 1, "\t+00")) {
		q = p + 4 + strspn(p + 4, "/");
		if (q > p + 4 && strncmp(q, "01", 2) == 0 &&
		    (!anchored || q[2] == '\0')) {
			*at = (size_t)(p - s);
			*len = (size_t)(q + 2 - p);
			return true;
		}
	}
	return false;
}

/* ziguard.awk's sub(/\t\+00\/+01$/, "\t+01/+00") (unanchored from
 * 2026c): in that regex "\/+" means one or more '/', so it matches
 * "\t+00/01", not "\t+00/+01"; reproduce that literally. */
static bool
sub_slashes(char **s, bool anchored)
{
	size_t at, len;
	char *head;
	bool ok;

	if (!find_slashes(*s, anchored, &at, &len))
		return true;
	head = tzf__strndup(*s, at);
	ok = head != NULL && replace(s, tzf__cat4(head, "\t+01/+00",
	    *s + at + len, ""));
	tzf__free(head);
	return ok;
}

/*
 * Rearguard's Morocco rules until 2022b: the 2018 October rule moved to
 * 2017, the SAVE of the rules from 2019 on made nonnegative, and the
 * zone line that uses them turned around; 2022a adds after it a line
 * from the last standard-time date of the rules to a plain +01.
 */
static bool
morocco_rearguard(struct guard *g, char **line)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, *line);
	bool ok = true, rule;
	char *to;

	rule = tzf__feq(f, nf, 1, "Rule") && tzf__feq(f, nf, 2, "Morocco");
	if (rule && awk_cmp_num(f, nf, 4, 2018) == 0 &&
	    tzf__feq(f, nf, 6, "Oct")) {
		ok = sub_lit(line, "\t2018\t", "\t2017\t");
		nf = tzf__split(f, *line);
	}
	if (ok && rule && awk_cmp_num(f, nf, 3, 2019) >= 0) {
		if (tzf__feq(f, nf, 9, "0")) {
			/* last_std_date = $3 " " $6 " " $7 "  " $8
			 * ($9 exists, so do they) */
			snprintf(g->ma_date, sizeof g->ma_date, "%.*s %.*s "
			    "%.*s  %.*s", (int)f[2].len, f[2].p,
			    (int)f[5].len, f[5].p, (int)f[6].len, f[6].p,
			    (int)f[7].len, f[7].p);
			ok = sub_lit(line, "\t0\t", "\t1:00\t");
		} else {
			ok = sub_lit(line, "\t-1:00\t", "\t0\t");
		}
		nf = tzf__split(f, *line);
	}
	if (!ok || !tzf__feq(f, nf, 1, "1:00") ||
	    !tzf__feq(f, nf, 2, "Morocco") || !tzf__feq(f, nf, 3, "+01/+00"))
		return ok;
	if (!(g->ft & ZG_MA_LINE))
		return sub_tail(line, "1:00\tMorocco\t+01/+00",
		    "0:00\tMorocco\t+00/+01");
	to = tzf__cat4("0:00\tMorocco\t+00/+01\t", g->ma_date,
	    "\n\t\t\t 1:00\t-\t+01", "");
	ok = to != NULL && sub_tail(line, "1:00\tMorocco\t+01/+00", to);
	tzf__free(to);
	return ok;
}

/* Morocco's negative SAVE from 2022b, rewritten both ways. */
static bool
morocco(char **line, enum tzf__form form, unsigned ft)
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
	if (!ok || nf == 0 || strchr("+-0123456789", f[0].p[0]) == NULL ||
	    !morocco_negative(ft, f, nf))
		return ok;
	if (rg)
		return sub_lit(line, "1:00\tMorocco", "0:00\tMorocco") &&
		    ((ft & ZG_MA_2026) ? sub_lit(line, "\t+01/+00", "\t+00/+01")
		    : sub_tail(line, "\t+01/+00", "\t+00/+01"));
	return sub_lit(line, "0:00\tMorocco", "1:00\tMorocco") &&
	    sub_slashes(line, !(ft & ZG_MA_2026));
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
	if (!(g->ft & ZG_PCTZ)) {
		if (!japan_rule(line, g->form, g->ft) ||
		    (g->form == TZF__FORM_REARGUARD && (g->ft & ZG_MOROCCO) &&
		    !morocco_rearguard(g, line)))
			return TZF_ENOMEM;
		return TZF_OK;
	}
	if (g->form == TZF__FORM_REARGUARD ? !expand_pct_z(line, g->ft) :
	    !introduce_pct_z(line))
		return TZF_ENOMEM;
	if (!stdoff_subst(g, line) || !japan_rule(line, g->form, g->ft) ||
	    !morocco(line, g->form, g->ft))
		return TZF_ENOMEM;
	return TZF_OK;
}
