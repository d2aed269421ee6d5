/*
 * ziguard.c: the upstream build switches, in C.
 *
 * tzf_tree_zic_input() produces what the upstream Makefile's `make
 * FORM.zi` writes: ziguard.awk run over the tree's data files (and
 * backzone), honouring DATAFORM, PACKRATDATA, PACKRATLIST and BACKWARD.
 * tzf_tree_tzdata_zi() then produces the compact tzdata.zi that `make
 * install` writes, as zishrink.awk does.  Both follow the awk scripts'
 * observable behaviour line by line, quirks included (e.g. the
 * cut_link_chains_short discrepancy of docs/forks.md §2.5), because the
 * goal is byte-identical zic output, not a cleaner reinterpretation.
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

enum form { FORM_MAIN, FORM_VANGUARD, FORM_REARGUARD };

/* ------------------------------------------------------------------ */
/* Small string helpers */

/* A field of a line, as awk splits with its default FS. */
struct fld {
	const char *p;
	size_t len;
};

#define MAXF 16

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Split S into at most MAXF fields; return the field count (awk's NF,
 * capped: the scripts never look past field 10). */
static int
split(struct fld f[MAXF], const char *s)
{
	int n = 0;

	while (*s != '\0') {
		while (blank(*s))
			s++;
		if (*s == '\0')
			break;
		f[n].p = s;
		while (*s != '\0' && !blank(*s))
			s++;
		f[n].len = (size_t)(s - f[n].p);
		if (++n == MAXF)
			break;
	}
	return n;
}

/* Field I (1-based, as awk's $I) equals S; absent fields are "". */
static bool
feq(const struct fld *f, int nf, int i, const char *s)
{
	size_t n = strlen(s);

	if (i < 1 || i > nf)
		return n == 0;
	return f[i - 1].len == n && memcmp(f[i - 1].p, s, n) == 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}


/* Concatenate up to four pieces into a new string. */
static char *
cat4(const char *a, const char *b, const char *c, const char *d)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
	char *p = tzf__malloc(la + lb + lc + ld + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc);
	memcpy(p + la + lb + lc, d, ld);
	p[la + lb + lc + ld] = '\0';
	return p;
}

/* ------------------------------------------------------------------ */
/* A string-keyed hash map (awk's associative arrays) */

struct ent {
	char *key;
	char *val;	/* owned, may be NULL */
	size_t num;	/* a line number, 0 for none */
	size_t seq;	/* insertion order */
};

struct map {
	struct ent *e;
	size_t n, cap;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static void
map_free(struct map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		tzf__free(m->e[i].key);
		tzf__free(m->e[i].val);
	}
	tzf__free(m->e);
	m->e = NULL;
	m->n = m->cap = 0;
}

static struct ent *
map_get(const struct map *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = hash(key) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	return NULL;
}

static bool
map_grow(struct map *m)
{
	struct map bigger;
	size_t i, j;

	bigger.cap = m->cap ? 2 * m->cap : 256;
	bigger.n = m->n;
	bigger.e = tzf__calloc(bigger.cap, sizeof *bigger.e);
	if (bigger.e == NULL)
		return false;
	for (i = 0; i < m->cap; i++) {
		if (m->e[i].key == NULL)
			continue;
		for (j = hash(m->e[i].key) & (bigger.cap - 1);
		    bigger.e[j].key != NULL; j = (j + 1) & (bigger.cap - 1))
			continue;
		bigger.e[j] = m->e[i];
	}
	tzf__free(m->e);
	*m = bigger;
	return true;
}

/* Find KEY (of length LEN), adding it if absent; NULL on OOM. */
static struct ent *
map_put(struct map *m, const char *key, size_t len)
{
	struct ent *e;
	char *k;
	size_t i;

	k = tzf__strndup(key, len);
	if (k == NULL)
		return NULL;
	e = map_get(m, k);
	if (e != NULL) {
		tzf__free(k);
		return e;
	}
	if (2 * (m->n + 1) > m->cap && !map_grow(m)) {
		tzf__free(k);
		return NULL;
	}
	for (i = hash(k) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		continue;
	m->e[i].key = k;
	m->e[i].seq = m->n++;
	return &m->e[i];
}

static int
map_setval(struct ent *e, const char *s, size_t len)
{
	char *v = tzf__strndup(s, len);

	if (v == NULL)
		return TZF_ENOMEM;
	tzf__free(e->val);
	e->val = v;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Lines */

struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		tzf__free(l->v[i]);
	tzf__free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* Append S, taking ownership; false on OOM (S is freed). */
static bool
lines_push(struct lines *l, char *s)
{
	char **v;
	size_t cap;

	if (s == NULL)
		return false;
	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 1024;
		v = tzf__realloc(l->v, cap * sizeof *v);
		if (v == NULL) {
			tzf__free(s);
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return true;
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
	return replace(line, cat4("#", *line, "", ""));
}

/* ------------------------------------------------------------------ */
/* ziguard.awk */

struct guard {
	enum form form;
	const char *packratdata;	/* "backzone" or NULL */
	const char *packratlist;	/* the name as given, or NULL */
	struct map plist;		/* names in PACKRATLIST's 3rd column */
	struct map links;		/* link name -> line number, target */
	struct lines out;
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
	struct fld f[MAXF];
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
		nf = split(f, line);
		/* awk's $3 is "" on short lines, and "" enters the list. */
		if (map_put(&g->plist, nf >= 3 ? f[2].p : "",
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

	if (!(starts(line, "Link\t") && strncmp(line + 5, oldtarget, olen) == 0
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
	res = cat4("Link\t", target, "\t", mid);
	tzf__free(mid);
	if (res != NULL && *comment != '\0') {
		mid = res;
		res = cat4(mid, comment, "", "");
		tzf__free(mid);
	}
	return res;
}

/* "#PACKRATLIST zone.tab Link A B" becomes "Link A B" for that list. */
static bool
packratlist_uncomment(struct guard *g, char **line)
{
	struct fld f[MAXF];
	const char *p;
	int nf;

	if (g->packratlist == NULL)
		return true;
	nf = split(f, *line);
	if (!feq(f, nf, 1, "#PACKRATLIST") || !feq(f, nf, 2, g->packratlist))
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
	return replace(line, cat4(p, "", "", ""));
}

/* Field I of F as a new string ("" when absent). */
static char *
fdup(const struct fld *f, int nf, int i)
{
	return i <= nf ? tzf__strndup(f[i - 1].p, f[i - 1].len) : tzf__strndup("", 0);
}

/* sub(/^Link/, "#Link", line[N]) for the record numbered N (1-based). */
static bool
comment_link(struct guard *g, size_t n)
{
	if (n == 0 || n > g->out.n || !starts(g->out.v[n - 1], "Link"))
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
override_links(struct guard *g, const char *line, const struct fld *f,
    int nf)
{
	struct ent *e;
	char *name;

	if (starts(line, "Zone")) {
		name = fdup(f, nf, 2);
		if (name == NULL)
			return TZF_ENOMEM;
		e = map_get(&g->links, name);
		tzf__free(name);
		if (e != NULL && !comment_link(g, e->num))
			return TZF_ENOMEM;
	}
	if (starts(line, "Link")) {
		e = map_put(&g->links, nf >= 3 ? f[2].p : "",
		    nf >= 3 ? f[2].len : 0);
		if (e == NULL || !comment_link(g, e->num))
			return TZF_ENOMEM;
		e->num = g->out.n + 1;
		return map_setval(e, nf >= 2 ? f[1].p : "",
		    nf >= 2 ? f[1].len : 0);
	}
	return TZF_OK;
}

/*
 * The fields of LINE as guard_line() needs them: it looks at the fields
 * of Zone and Link lines only, and most lines are comments and rules.
 */
static int
record_fields(struct fld f[MAXF], const char *line)
{
	return starts(line, "Zone") || starts(line, "Link") ? split(f, line)
	    : 0;
}

/* One input record of file FNAME (the awk body, rule by rule). */
static int
guard_line(struct guard *g, const char *fname, char *line)
{
	struct fld f[MAXF];
	char *s;
	int nf, rc;

	if (!packratlist_uncomment(g, &line))
		goto oom;
	nf = record_fields(f, line);
	if (starts(line, "Zone")) {
		tzf__free(g->zone);
		g->zone = fdup(f, nf, 2);
		if (g->zone == NULL)
			goto oom;
	}
	if (g->form != FORM_MAIN) {
		rc = form_rewrite(g, &line);
		if (rc < 0) {
			tzf__free(line);
			return rc;
		}
		nf = record_fields(f, line);
	}
	if (starts(line, "Zone")) {
		s = fdup(f, nf, 2);
		if (s == NULL)
			goto oom;
		g->packrat_ignored = g->packratdata != NULL &&
		    strcmp(fname, g->packratdata) == 0 &&
		    g->packratlist != NULL && map_get(&g->plist, s) == NULL;
		tzf__free(s);
	}
	if (g->packrat_ignored && !starts(line, "Rule")) {
		if (!comment_out(&line))
			goto oom;
		nf = record_fields(f, line);
	}
	if (starts(line, "Link") && feq(f, nf, 4, "#=") &&
	    g->form == FORM_VANGUARD) {
		char *t5 = fdup(f, nf, 5), *t3 = fdup(f, nf, 3);
		char *t2 = fdup(f, nf, 2);
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
	return lines_push(&g->out, line) ? TZF_OK : TZF_ENOMEM;
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
	struct ent *e, *te;
	const char *t;
	size_t i, steps;
	char *cmt;
	bool ok;

	for (i = 0; i < g->links.cap; i++) {
		e = &g->links.e[i];
		if (e->key == NULL || e->val == NULL || *e->val == '\0')
			continue;
		te = map_get(&g->links, e->val);
		if (te == NULL || te->val == NULL || *te->val == '\0')
			continue;
		t = te->val;
		for (steps = 0; (te = map_get(&g->links, t)) != NULL &&
		    te->val != NULL && *te->val != '\0'; steps++) {
			if (steps > g->links.n) {
				tzf__diag(g->dg, TZF_ERR, NULL, 0,
				    "link cycle through '%s'", e->key);
				return TZF_EINVAL;
			}
			t = te->val;
		}
		cmt = cat4("\t#= ", e->val, "", "");
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
parse_form(enum form *out, const char *s, struct tzf_diag *dg)
{
	if (s == NULL || strcmp(s, "main") == 0)
		*out = FORM_MAIN;
	else if (strcmp(s, "vanguard") == 0)
		*out = FORM_VANGUARD;
	else if (strcmp(s, "rearguard") == 0)
		*out = FORM_REARGUARD;
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
	map_free(&g->plist);
	map_free(&g->links);
	lines_free(&g->out);
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
	if (g->form != FORM_VANGUARD)
		return cut_link_chains_short(g);
	return TZF_OK;
}

/* The only file of a single-file tree. */
static int
single_file(const char **out, size_t *out_len, const struct tzf_tree *t,
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
		rc = single_file(&s, &len, t, sw, dg);
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
awk_cmp_num(const struct fld *f, int nf, int i, long n)
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

	if (!starts(p, kw))
		return false;
	p += strlen(kw);
	n = strspn(p, " \t");
	if (n == 0)
		return false;
	p += n;
	return starts(p, name) && (p[strlen(name)] == ' ' ||
	    p[strlen(name)] == '\t');
}

/* Blanks then WORD at *P, advancing *P past them. */
static bool
eat(const char **p, const char *word)
{
	size_t n = strspn(*p, " \t");

	if (n == 0 || !starts(*p + n, word))
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
	struct fld f[MAXF];
	bool ic = *s == '#', rg = g->form == FORM_REARGUARD, eire, dub, nam;
	bool wnd;
	int nf = split(f, s), c = ic;

	if (g->zone && strcmp(g->zone, "Europe/Prague") == 0 &&
	    lead_offset(s, "01") && strstr(s, "1947 Feb 23") != NULL)
		pick(!feq(f, nf, c + 2, "-") == !rg, ic, un, co);
	eire = keyword_name(s, "Rule", "Eire");
	dub = g->zone && strcmp(g->zone, "Europe/Dublin") == 0 &&
	    lead_offset(s, "01") && (awk_cmp_num(f, nf, c + 4, 0) == 0 ||
	    awk_cmp_num(f, nf, c + 4, 1968) > 0);
	if (eire || dub)
		pick((eire || (dub && feq(f, nf, c + 3, "IST/GMT"))) == !rg,
		    ic, un, co);
	nam = keyword_name(s, "Rule", "Namibia");
	wnd = g->zone && strcmp(g->zone, "Africa/Windhoek") == 0 &&
	    lead_offset(s, "12") && (feq(f, nf, c + 2, "Namibia") ||
	    (feq(f, nf, c + 2, "-") && feq(f, nf, c + 3, "CAT") &&
	    ((awk_cmp_num(f, nf, c + 4, 1994) >= 0 &&
	    awk_cmp_num(f, nf, c + 4, 2017) <= 0) || c + 3 == nf)));
	if (nam || wnd)
		pick((nam ? (nf >= 9 && f[8].p[0] == '-') ||
		    (awk_cmp_num(f, nf, 9, 0) == 0 && feq(f, nf, 10, "CAT")) :
		    feq(f, nf, c + 1, "2:00") && feq(f, nf, c + 2, "Namibia"))
		    == !rg, ic, un, co);
	if (portugal_line(s))
		pick((strstr(s, "%z") != NULL) != rg, ic, un, co);
	if (gmt_line(s))
		pick(feq(f, nf, 2, "GMT") == (g->form == FORM_VANGUARD), ic,
		    un, co);
}

/* get_minutes(): "-0:30" -> -30, "5:45" -> 345. */
static long
get_minutes(const char *s, size_t len)
{
	long sign = *s == '-' ? -1 : 1, h = 0, m = 0;
	size_t i = *s == '-' || *s == '+';

	for (; i < len && is_digit(s[i]); i++)
		h = h * 10 + (s[i] - '0');
	for (; i < len && s[i] != ':'; i++)
		continue;
	for (i++; i < len && is_digit(s[i]); i++)
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
	    replace(s, cat4(head, to, p + strlen(from), ""));
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
	struct fld f[MAXF];
	char abbr[64], std[24], dst[24], *rules;
	long stdoff;
	int nf, col;
	bool ok;

	if (strstr(*line, "%z") == NULL ||
	    strcspn(*line, "#") < (size_t)(strstr(*line, "%z") - *line))
		return true;
	nf = split(f, *line);
	col = starts(*line, "Zone") ? 3 : 1;
	if (col > nf)
		return true;
	stdoff = get_minutes(f[col - 1].p, f[col - 1].len);
	rules = fdup(f, nf, col + 1);
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

	if (starts(p, "Zone")) {
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
	ok = head != NULL && replace(line, cat4(head, "%z", p, ""));
	tzf__free(head);
	return ok;
}

/* The unsigned digits at *P as a number (0 if none); *P moves past. */
static long
leading_digits(const char **p, int *ndigits)
{
	long v = 0;

	for (*ndigits = 0; is_digit(**p) && *ndigits < 12; (*ndigits)++)
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
	ok = head != NULL && replace(s, cat4(head, to, *s + i + m, ""));
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
	struct fld f[MAXF];
	char field[64], rounded[64];
	int nf = split(f, *line), col;

	if (feq(f, nf, 1, "#STDOFF")) {
		snprintf(field, sizeof field, "%.*s", nf >= 2 ? (int)f[1].len
		    : 0, nf >= 2 ? f[1].p : "");
		round_to_second(rounded, sizeof rounded, field);
		if (g->form == FORM_VANGUARD && g->subseconds) {
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
	col = starts(*line, "Zone") ? 3 : 1;
	if (feq(f, nf, col, g->stdoff_from))
		return sub_offset(line, g->stdoff_from, g->stdoff_to);
	if (!feq(f, nf, col, g->stdoff_to))
		g->stdoff_from[0] = '\0';
	return true;
}

static bool
japan_rule(char **line, enum form form)
{
	struct fld f[MAXF];
	int nf = split(f, *line);

	if (!starts(*line, "Rule") || !feq(f, nf, 2, "Japan"))
		return true;
	if (form == FORM_REARGUARD && feq(f, nf, 7, "Sat>=8") &&
	    feq(f, nf, 8, "25:00"))
		return sub_lit(line, "Sat>=8", "Sun>=9") &&
		    sub_lit(line, "25:00", " 1:00");
	if (form != FORM_REARGUARD && feq(f, nf, 7, "Sun>=9") &&
	    feq(f, nf, 8, "1:00"))
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
	ok = head != NULL && replace(s, cat4(head, to, "", ""));
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
	ok = head != NULL && replace(s, cat4(head, "\t+01/+00", "", ""));
	tzf__free(head);
	return ok;
}

static bool
morocco(char **line, enum form form)
{
	bool rg = form == FORM_REARGUARD, ok = true;
	struct fld f[MAXF];
	int nf = split(f, *line);

	if (!feq(f, nf, 2, "Morocco"))
		return true;
	if (starts(*line, "Rule")) {
		if ((feq(f, nf, 4, "2017") || feq(f, nf, 4, "2018")) &&
		    feq(f, nf, 6, "Oct"))
			ok = rg ? sub_lit(line, "\t2018\t", "\t2017\t") :
			    sub_lit(line, "\t2017\t", "\t2018\t");
		nf = split(f, *line);
		if (ok && awk_cmp_num(f, nf, 3, 2019) >= 0) {
			if (feq(f, nf, 8, "2:00"))
				ok = rg ? sub_lit(line, "\t0\t", "\t1:00\t") :
				    sub_lit(line, "\t1:00\t", "\t0\t");
			else
				ok = rg ? sub_lit(line, "\t-1:00\t", "\t0\t") :
				    sub_lit(line, "\t0\t", "\t-1:00\t");
		}
	}
	nf = split(f, *line);
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
	if (g->form == FORM_REARGUARD ? !expand_pct_z(line) :
	    !introduce_pct_z(line))
		return TZF_ENOMEM;
	if (!stdoff_subst(g, line) || !japan_rule(line, g->form)
	    || !morocco(line, g->form))
		return TZF_ENOMEM;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* zishrink.awk: the compact tzdata.zi */

/* zishrink.awk's fixed rule-name abbreviations. */
static const char *const rule_abbrs[][2] = {
	{ "Arg", "A" }, { "Brazil", "B" }, { "Canada", "C" },
	{ "Denmark", "D" }, { "EU", "E" }, { "France", "F" },
	{ "GB-Eire", "G" }, { "Halifax", "H" }, { "Italy", "I" },
	{ "Jordan", "J" }, { "Egypt", "K" }, { "Libya", "L" },
	{ "Morocco", "M" }, { "Neth", "N" }, { "Poland", "O" },
	{ "Palestine", "P" }, { "Cuba", "Q" }, { "Russia", "R" },
	{ "Syria", "S" }, { "Turkey", "T" }, { "Uruguay", "U" },
	{ "Vincennes", "V" }, { "Winn", "W" }, { "Mongol", "X" },
	{ "NT_YK", "Y" }, { "Zion", "Z" }, { "Austria", "a" },
	{ "Belgium", "b" }, { "C-Eur", "c" }, { "Algeria", "d" },
	{ "E-Eur", "e" }, { "Taiwan", "f" }, { "Greece", "g" },
	{ "Hungary", "h" }, { "Iran", "i" }, { "StJohns", "j" },
	{ "Chatham", "k" }, { "Lebanon", "l" }, { "Mexico", "m" },
	{ "Tunisia", "n" }, { "Moncton", "o" }, { "Port", "p" },
	{ "Albania", "q" }, { "Regina", "r" }, { "Spain", "s" },
	{ "Toronto", "t" }, { "US", "u" }, { "Louisville", "v" },
	{ "Iceland", "w" }, { "Chile", "x" }, { "Para", "y" },
	{ "Romania", "z" }, { "Macau", "_" }, { "Armenia", "AM" },
	{ "Aus", "AU" }, { "Azer", "AZ" }, { "Barb", "BB" },
	{ "Dhaka", "BD" }, { "Bulg", "BG" }, { "Bahamas", "BS" },
	{ "Belize", "BZ" }, { "Swiss", "CH" }, { "Cook", "CK" },
	{ "PRC", "CN" }, { "Cyprus", "CY" }, { "Czech", "CZ" },
	{ "Germany", "DE" }, { "DR", "DO" }, { "Ecuador", "EC" },
	{ "Finland", "FI" }, { "Fiji", "FJ" }, { "Falk", "FK" },
	{ "Ghana", "GH" }, { "Guat", "GT" }, { "Hond", "HN" },
	{ "Haiti", "HT" }, { "Eire", "IE" }, { "Iraq", "IQ" },
	{ "Japan", "JP" }, { "Kyrgyz", "KG" }, { "ROK", "KR" },
	{ "Latvia", "LV" }, { "Lux", "LX" }, { "Moldova", "MD" },
	{ "Malta", "MT" }, { "Mauritius", "MU" }, { "Namibia", "NA" },
	{ "Nic", "NI" }, { "Norway", "NO" }, { "Peru", "PE" },
	{ "Phil", "PH" }, { "Pakistan", "PK" }, { "Sudan", "SD" },
	{ "Salv", "SV" }, { "Tonga", "TO" }, { "Vanuatu", "VU" },
	{ "Detroit", "Dt" },
};

/* The files tzdata.zi's "# ddeps" line treats as defaults. */
static const char *const default_deps[] = {
	"africa", "antarctica", "asia", "australasia", "backward",
	"etcetera", "europe", "factory", "northamerica", "southamerica",
	"ziguard.awk", "zishrink.awk", NULL
};

struct shrink {
	enum form form;
	struct lines rules;	/* R lines in input order ("" = dropped) */
	struct lines links;	/* L lines in input order */
	struct map zonedef;	/* zone name -> its lines, '\n'-joined */
	struct map linkdef;	/* vanguard: link name -> target */
	struct map used;	/* rule names some zone uses */
	struct map abbr;	/* rule name -> abbreviation */
	struct map hashes;	/* abbreviation -> rule name */
	char *zonename;
	struct tzf_diag *dg;
};

static void
shrink_free(struct shrink *z)
{
	lines_free(&z->rules);
	lines_free(&z->links);
	map_free(&z->zonedef);
	map_free(&z->linkdef);
	map_free(&z->used);
	map_free(&z->abbr);
	map_free(&z->hashes);
	tzf__free(z->zonename);
}

static void
erase(char *s, size_t pos, size_t n)
{
	memmove(s + pos, s + pos + n, strlen(s + pos + n) + 1);
}

/* Remove comments, squeeze blanks to one space, end with a space. */
static char *
normalize(const char *in)
{
	size_t n = strcspn(in, "#"), i, j = 0;
	char *s = tzf__malloc(n + 2);

	if (s == NULL)
		return NULL;
	for (i = 0; i <= n; i++) {
		bool b = i == n || in[i] == ' ' || in[i] == '\t';

		if (!b)
			s[j++] = in[i];
		else if (j == 0 || s[j - 1] != ' ')
			s[j++] = ' ';
	}
	s[j] = '\0';
	return s;
}

/* Abbreviate times: "2:00" -> "2", "0:30" -> "0:30", "01:00" -> "1". */
static void
shrink_times(char *s)
{
	size_t i, z;
	bool again = true;

	while (again) {		/* while (match(line, /[: ]0+[0-9]/)) */
		again = false;
		for (i = 0; s[i] != '\0'; i++) {
			if (s[i] != ':' && s[i] != ' ')
				continue;
			for (z = 0; s[i + 1 + z] == '0'; z++)
				continue;
			if (z >= 1 && is_digit(s[i + 1 + z])) {
				erase(s, i + 1, z);
				again = true;
				break;
			}
			if (z >= 2) {
				erase(s, i + 1, z - 1);
				again = true;
				break;
			}
		}
	}
	for (i = 0; s[i] != '\0'; i++) {	/* /:0[^:]/ */
		if (s[i] == ':' && s[i + 1] == '0' && s[i + 2] != '\0' &&
		    s[i + 2] != ':') {
			erase(s, i, 2);
			i = (size_t)-1;	/* rescan, as the awk loop does */
		}
	}
}

/* Abbreviate the weekday names in DAYS (3-letter, '|'-less list) to
 * KEEP letters when followed by ' ', '<' or '>'. */
static void
shrink_days(char *s, const char *const *days, size_t keep)
{
	size_t i, d, p;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] != ' ')
			continue;
		p = i + 1 + (starts(s + i + 1, "last") ? 4 : 0);
		for (d = 0; days[d] != NULL; d++) {
			if (strncmp(s + p, days[d], 3) == 0 &&
			    s[p + 3] != '\0' && strchr(" <>", s[p + 3]) != NULL) {
				erase(s, p + keep, 3 - keep);
				break;
			}
		}
	}
}

/* gsub() of a literal FROM by a no longer TO. */
static void
gsub_lit(char *s, const char *from, const char *to)
{
	size_t lf = strlen(from), lt = strlen(to), i = 0;

	while (s[i] != '\0') {
		if (strncmp(s + i, from, lf) == 0) {
			memcpy(s + i, to, lt);
			erase(s, i + lt, lf - lt);
			i += lt;
		} else {
			i++;
		}
	}
}

/* The line rewriting of zishrink.awk's process_input_line(). */
static void
shrink_text(char *s, enum form form)
{
	static const char *const d1[] = { "Mon", "Wed", "Fri", NULL };
	static const char *const d2[] = { "Sun", "Tue", "Thu", "Sat", NULL };
	size_t len, j;

	shrink_times(s);
	shrink_days(s, d1, 1);
	shrink_days(s, d2, 2);
	gsub_lit(s, " max ", form == FORM_VANGUARD ? " m " : " ma ");
	gsub_lit(s, " min ", form == FORM_VANGUARD ? " m " : " mi ");
	gsub_lit(s, " only ", " o ");
	gsub_lit(s, " Jan ", " Ja ");
	gsub_lit(s, " Feb ", " F ");
	gsub_lit(s, " Apr ", " Ap ");
	gsub_lit(s, " Aug ", " Au ");
	gsub_lit(s, " Sep ", " S ");
	gsub_lit(s, " Oct ", " O ");
	gsub_lit(s, " Nov ", " N ");
	gsub_lit(s, " Dec ", " D ");
	if (s[0] == ' ')
		erase(s, 0, 1);
	len = strlen(s);
	if (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	for (j = len; j > 0 && s[j - 1] == '0'; j--)	/* / 0+$/ */
		continue;
	if (j < len && j > 0 && s[j - 1] == ' ')
		s[len = j - 1] = '\0';
	if (len >= 3 && s[len - 1] == '1' && s[len - 2] == ' ' &&
	    is_alpha(s[len - 3]))
		s[len -= 2] = '\0';
	if (len >= 3 && strcmp(s + len - 3, " Ja") == 0)
		s[len - 3] = '\0';
}

/* A rule-name field: starts with neither a sign nor a digit. */
static bool
rule_name(const struct fld *f, int nf, int i)
{
	return i >= 1 && i <= nf && f[i - 1].len > 0 &&
	    strchr("-+0123456789", f[i - 1].p[0]) == NULL;
}

/* Record the line S (shrunk, one space between fields). */
static int
shrink_store(struct shrink *z, char *s, bool link, bool rule, bool zone)
{
	struct fld f[MAXF];
	struct ent *e;
	char *v;
	int nf, fi;

	nf = split(f, s);
	fi = zone ? 4 : link || rule ? 0 : 2;
	if (rule_name(f, nf, fi) &&
	    map_put(&z->used, f[fi - 1].p, f[fi - 1].len) == NULL)
		goto oom;
	if (zone || link) {
		tzf__free(z->zonename);
		z->zonename = fdup(f, nf, zone ? 2 : 3);
		if (z->zonename == NULL)
			goto oom;
	} else if (rule) {
		z->zonename[0] = '\0';
	}
	if (rule)
		return lines_push(&z->rules, s) ? TZF_OK : TZF_ENOMEM;
	if (link && z->form == FORM_VANGUARD) {
		/* zishrink.awk under gawk: links sorted by target later. */
		e = map_put(&z->linkdef, z->zonename, strlen(z->zonename));
		if (e == NULL || map_setval(e, nf >= 2 ? f[1].p : "",
		    nf >= 2 ? f[1].len : 0) < 0)
			goto oom;
		tzf__free(s);
		return TZF_OK;
	}
	if (link)
		return lines_push(&z->links, s) ? TZF_OK : TZF_ENOMEM;
	e = map_put(&z->zonedef, z->zonename, strlen(z->zonename));
	if (e == NULL)
		goto oom;
	v = zone || e->val == NULL ? cat4(s, "", "", "") :
	    cat4(e->val, "\n", s, "");
	if (v == NULL)
		goto oom;
	tzf__free(e->val);
	e->val = v;
	tzf__free(s);
	return TZF_OK;
oom:
	tzf__free(s);
	return TZF_ENOMEM;
}

static int
shrink_line(struct shrink *z, const char *in)
{
	bool link, rule, zone;
	char *s, *a;

	s = normalize(in);
	if (s == NULL)
		return TZF_ENOMEM;
	link = starts(s, "Link ");
	rule = starts(s, "Rule ");
	zone = starts(s, "Zone ");
	if (link)
		erase(s, 1, 3);
	else if (rule || zone)
		erase(s, 1, 3);
	/* FooAsia rules duplicate Foo: drop them, use Foo instead. */
	for (a = strstr(s, "Asia "); a != NULL; a = strstr(a + 1, "Asia ")) {
		if (a > s && a[-1] != ' ') {
			if (rule) {
				tzf__free(s);
				return TZF_OK;
			}
			erase(s, (size_t)(a - s), 4);
			break;
		}
	}
	shrink_text(s, z->form);
	return shrink_store(z, s, link, rule, zone);
}

/* Rule lines no zone uses are omitted. */
static void
omit_unused_rules(struct shrink *z)
{
	struct fld f[MAXF];
	char *key;
	size_t i;
	int nf;

	for (i = 0; i < z->rules.n; i++) {
		nf = split(f, z->rules.v[i]);
		key = fdup(f, nf, 2);
		if (key != NULL && map_get(&z->used, key) == NULL)
			z->rules.v[i][0] = '\0';
		tzf__free(key);
	}
}

static int
record_hash(struct shrink *z, const char *abbr, const char *name)
{
	struct ent *e = map_put(&z->hashes, abbr, strlen(abbr));

	if (e == NULL)
		return TZF_ENOMEM;
	if (e->val != NULL) {
		tzf__diag(z->dg, TZF_ERR, NULL, 0, "rule names '%s' and '%s' "
		    "abbreviate alike", e->val, name);
		return TZF_EINVAL;
	}
	return map_setval(e, name, strlen(name));
}

static int
prehash_rule_names(struct shrink *z)
{
	struct ent *e;
	size_t i;
	int rc;

	for (i = 0; i < sizeof rule_abbrs / sizeof rule_abbrs[0]; i++) {
		e = map_put(&z->abbr, rule_abbrs[i][0],
		    strlen(rule_abbrs[i][0]));
		if (e == NULL || map_setval(e, rule_abbrs[i][1],
		    strlen(rule_abbrs[i][1])) < 0)
			return TZF_ENOMEM;
		rc = record_hash(z, rule_abbrs[i][1], rule_abbrs[i][0]);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

/* Rebuild line *S with field I replaced by V. */
static int
set_field(char **s, int i, const char *v)
{
	struct fld f[MAXF];
	struct tzf_buf b = TZF_BUF_INIT;
	int nf, k;

	nf = split(f, *s);
	for (k = 1; k <= nf; k++) {
		if (k > 1)
			tzf_buf_add(&b, " ", 1);
		if (k == i)
			tzf_buf_puts(&b, v);
		else
			tzf_buf_add(&b, f[k - 1].p, f[k - 1].len);
	}
	if (b.oom || b.ptr == NULL) {
		tzf_buf_dispose(&b);
		return TZF_ENOMEM;
	}
	tzf__free(*s);
	*s = b.ptr;
	return TZF_OK;
}

/* The abbreviation of rule NAME, made from its first two letters when
 * the table has none. */
static int
abbr_of(const char **out, struct shrink *z, const char *name)
{
	struct ent *e = map_get(&z->abbr, name);
	char two[3];
	int rc;

	if (e != NULL && e->val != NULL && *e->val != '\0') {
		*out = e->val;
		return TZF_OK;
	}
	snprintf(two, sizeof two, "%s", name);
	rc = record_hash(z, two, name);
	if (rc < 0)
		return rc;
	e = map_put(&z->abbr, name, strlen(name));
	if (e == NULL || map_setval(e, two, strlen(two)) < 0)
		return TZF_ENOMEM;
	*out = e->val;
	return TZF_OK;
}

static int
abbreviate_zone(struct shrink *z, struct ent *zd)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct fld f[MAXF];
	const char *p, *nl;
	struct ent *e;
	char *line, *key;
	int nf, fi, rc = TZF_OK;

	for (p = zd->val, fi = 4; rc == TZF_OK; p = nl + 1, fi = 2) {
		nl = strchr(p, '\n');
		line = tzf__strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		if (line == NULL)
			return TZF_ENOMEM;
		nf = split(f, line);
		key = fdup(f, nf, fi);
		e = key ? map_get(&z->abbr, key) : NULL;
		if (e != NULL && e->val != NULL && *e->val != '\0')
			rc = set_field(&line, fi, e->val);
		if (*line != '\0' || b.len > 0) {
			if (b.len > 0)
				tzf_buf_add(&b, "\n", 1);
			tzf_buf_puts(&b, line);
		}
		tzf__free(key);
		tzf__free(line);
		if (nl == NULL)
			break;
	}
	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK) {
		tzf__free(zd->val);
		zd->val = b.ptr ? b.ptr : tzf__strndup("", 0);
	} else {
		tzf_buf_dispose(&b);
	}
	return rc;
}

static int
abbreviate_rule_names(struct shrink *z)
{
	struct fld f[MAXF];
	const char *abbr;
	char *name;
	size_t i;
	int nf, rc;

	for (i = 0; i < z->rules.n; i++) {
		nf = split(f, z->rules.v[i]);
		if (!rule_name(f, nf, 2))
			continue;
		name = fdup(f, nf, 2);
		if (name == NULL)
			return TZF_ENOMEM;
		rc = abbr_of(&abbr, z, name);
		tzf__free(name);
		if (rc == TZF_OK)
			rc = set_field(&z->rules.v[i], 2, abbr);
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < z->zonedef.cap; i++) {
		if (z->zonedef.e[i].key == NULL)
			continue;
		rc = abbreviate_zone(z, &z->zonedef.e[i]);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct ent *const *x = a, *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* gawk's @val_type_asc: by value, ties by index. */
static int
cmp_val(const void *a, const void *b)
{
	const struct ent *const *x = a, *const *y = b;
	int c = strcmp((*x)->val, (*y)->val);

	return c != 0 ? c : strcmp((*x)->key, (*y)->key);
}

/* Entries of M with a value, sorted by CMP. */
static struct ent **
sorted(const struct map *m, int (*cmp)(const void *, const void *),
    size_t *out_n)
{
	struct ent **v;
	size_t i, n = 0;

	v = tzf__malloc((m->n + 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	for (i = 0; i < m->cap; i++)
		if (m->e[i].key != NULL && m->e[i].val != NULL)
			v[n++] = &m->e[i];
	qsort(v, n, sizeof *v, cmp);
	*out_n = n;
	return v;
}

/* Rules in input order, zones sorted by name, then links (zishrink.awk
 * run by gawk under LC_ALL=C, as the Makefile does). */
static int
shrink_output(struct tzf_buf *out, struct shrink *z)
{
	struct ent **v;
	size_t i, n;

	for (i = 0; i < z->rules.n; i++)
		if (z->rules.v[i][0] != '\0')
			tzf_buf_printf(out, "%s\n", z->rules.v[i]);
	v = sorted(&z->zonedef, cmp_key, &n);
	if (v == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < n; i++)
		tzf_buf_printf(out, "%s\n", v[i]->val);
	tzf__free(v);
	for (i = 0; i < z->links.n; i++)
		tzf_buf_printf(out, "%s\n", z->links.v[i]);
	if (z->links.n > 0)
		return TZF_OK;
	v = sorted(&z->linkdef, cmp_val, &n);
	if (v == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < n; i++)
		tzf_buf_printf(out, "L %s %s\n", v[i]->val, v[i]->key);
	tzf__free(v);
	return TZF_OK;
}

static bool
is_default_dep(const char *name)
{
	int i;

	for (i = 0; default_deps[i] != NULL; i++)
		if (strcmp(default_deps[i], name) == 0)
			return true;
	return false;
}

/* The header: version, dataform, redo, ddeps. */
static void
shrink_header(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, const char *const *deps)
{
	const char *redo = sw->redo ? sw->redo : "posix_only";
	const char *form = sw->dataform ? sw->dataform : "main";
	struct tzf_buf dd = TZF_BUF_INIT;
	int i, j;

	for (i = 0; deps[i] != NULL; i++)
		if (!is_default_dep(deps[i]))
			tzf_buf_printf(&dd, " %s", deps[i]);
	for (i = 0; default_deps[i] != NULL; i++) {
		for (j = 0; deps[j] != NULL; j++)
			if (strcmp(deps[j], default_deps[i]) == 0)
				break;
		if (deps[j] == NULL)
			tzf_buf_printf(&dd, " !%s", default_deps[i]);
	}
	tzf_buf_printf(out, "# version %s\n", tzf_tree_version(t) ?
	    tzf_tree_version(t) : "unknown");
	if (strcmp(form, "main") != 0)
		tzf_buf_printf(out, "# dataform %s\n", form);
	if (strcmp(redo, "posix_right") != 0)
		tzf_buf_printf(out, "# redo %s\n", redo);
	if (dd.len > 0)
		tzf_buf_printf(out, "# ddeps%s\n", dd.ptr);
	tzf_buf_puts(out, "# This zic input file is in the public domain.\n");
	out->oom |= dd.oom;
	tzf_buf_dispose(&dd);
}

/* Shrink LINES (the FORM.zi text) into OUT. */
static int
shrink(struct tzf_buf *out, const struct lines *lines, enum form form,
    struct tzf_diag *dg)
{
	struct shrink z;
	const char *p;
	size_t i;
	int rc;

	memset(&z, 0, sizeof z);
	z.form = form;
	z.dg = dg;
	z.zonename = tzf__strndup("", 0);
	rc = z.zonename ? prehash_rule_names(&z) : TZF_ENOMEM;
	for (i = 0; rc == TZF_OK && i < lines->n; i++) {
		/* Only lines matching /^[\t ]*[^#\t ]/ are data. */
		p = lines->v[i] + strspn(lines->v[i], " \t");
		if (*p != '\0' && *p != '#')
			rc = shrink_line(&z, lines->v[i]);
	}
	if (rc == TZF_OK) {
		omit_unused_rules(&z);
		rc = abbreviate_rule_names(&z);
	}
	if (rc == TZF_OK)
		rc = shrink_output(out, &z);
	shrink_free(&z);
	return rc;
}

/* Split a single file's text into lines for shrink(). */
static int
file_lines(struct lines *out, const char *s, size_t len)
{
	const char *end = s + len, *nl;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		if (!lines_push(out, tzf__strndup(s, (size_t)(nl - s))))
			return TZF_ENOMEM;
		s = nl + 1;
	}
	return TZF_OK;
}

int
tzf_tree_tzdata_zi(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	static const struct tzf_switches defaults = TZF_SWITCHES_INIT;
	const char *deps[24], *files[16], *s;
	struct guard g;
	size_t len;
	int i, n, rc;

	if (sw == NULL)
		sw = &defaults;
	memset(&g, 0, sizeof g);
	if (tzf_tree_kind(t) == TZF_TREE_FILE) {
		/* An installed tzdata.zi is already in final form. */
		rc = single_file(&s, &len, t, sw, dg);
		if (rc == TZF_OK && starts(s, "# version ")) {
			tzf_buf_add(out, s, len);
			return out->oom ? TZF_ENOMEM : TZF_OK;
		}
		if (rc == TZF_OK)
			rc = file_lines(&g.out, s, len);
		n = 0;
	} else {
		rc = run_guard(&g, t, sw, dg);
		n = rc == TZF_OK ? tdata(files, t, sw, dg) : 0;
	}
	deps[0] = "ziguard.awk";
	for (i = 0; i < n; i++)
		deps[i + 1] = files[i];
	if (sw->packratlist != NULL)
		deps[++n] = sw->packratlist;
	deps[n + 1] = "zishrink.awk";
	deps[n + 2] = NULL;
	if (tzf_tree_kind(t) == TZF_TREE_FILE)
		deps[0] = NULL;	/* unknown: say nothing */
	if (rc == TZF_OK) {
		if (deps[0] != NULL)
			shrink_header(out, t, sw, deps);
		else
			shrink_header(out, t, sw, default_deps);
		rc = shrink(out, &g.out, g.form, dg);
	}
	guard_free(&g);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	return rc;
}
