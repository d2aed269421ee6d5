/*
 * compare.c: the diff engine behind diff/tzdiff.  It compares two tzdb
 * trees by their compiled behaviour, not their text.
 *
 * A side (struct tzf_cmp_side) is one tree built with the build switches:
 * its histories (lib/history.c: every name, slim TZif data exactly as
 * zic writes it), the Zone names of its backzone file, its table files
 * (zone.tab, zone1970.tab, zonenow.tab, iso3166.tab), the "#= NAME"
 * alias notes ziguard leaves on links whose chain it cut, and the header
 * of the tzdata.zi the build would install.  tzf_compare() sets two
 * sides against each other:
 *
 *   - name sets: names added and removed;
 *   - Zone/Link changes: Zone on one side, Link on the other, with the
 *     kind of merge (history moved to backzone, rename, history
 *     discarded, link split back into a zone); Links whose target
 *     changed; link chains; names that should be aliases (a "#=" note)
 *     but compile differently;
 *   - behaviour of every name present on both sides, over [from, until):
 *     each side's history becomes a sequence of intervals of constant
 *     (UT offset, isdst, abbreviation) from its transitions and, after
 *     the last one, the transitions its TZ footer generates up to the
 *     bound; a merge walk of both sequences finds the differing
 *     intervals, their first and last instants, the largest offset
 *     difference, whether any reaches 1970, and whether the difference
 *     is in the offset, the abbreviation only or isdst only.  Footer
 *     (future rule) changes are reported separately;
 *   - table files: entries added, removed or changed.
 *
 * The library never prints: the results are structs, and lib/report.c
 * turns them into text, markdown or JSON.  Dates come from lib/civil.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tzf_int.h"

#define NTABLES 4

static const char *const table_files[NTABLES] = {
	"zone.tab", "zone1970.tab", "zonenow.tab", "iso3166.tab"
};

/* ------------------------------------------------------------------ */
/* Small helpers */


static char *
dup0(const char *s)
{
	return s == NULL ? NULL : tzf__strndup(s, strlen(s));
}

static bool
streq(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static int
strpcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Is the field [p, p+n) a case-insensitive abbreviation of keyword KW? */
static bool
is_keyword(const char *p, size_t n, const char *kw)
{
	size_t i;

	if (n == 0 || n > strlen(kw))
		return false;
	for (i = 0; i < n; i++)
		if (lower(p[i]) != kw[i])
			return false;
	return true;
}

/* Split LINE[0..len) into whitespace-separated fields, stopping at '#'.
 * Returns the number of fields (at most max). */
static int
fields(const char *line, size_t len, const char **f, size_t *fl, int max)
{
	size_t i = 0;
	int n = 0;

	while (n < max) {
		while (i < len && (line[i] == ' ' || line[i] == '\t' ||
		    line[i] == '\r'))
			i++;
		if (i == len || line[i] == '#')
			break;
		f[n] = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t' &&
		    line[i] != '\r' && line[i] != '#')
			i++;
		fl[n] = (size_t)(line + i - f[n]);
		n++;
	}
	return n;
}

/* A growable array of strings (owned). */
struct strvec {
	char **v;
	size_t n, nalloc;
};

static int
strvec_push(struct strvec *sv, char *s)
{
	if (s == NULL)
		return TZF_ENOMEM;
	if (sv->n == sv->nalloc) {
		size_t na = sv->nalloc ? 2 * sv->nalloc : 16;
		char **v = tzf__realloc(sv->v, na * sizeof *v);

		if (v == NULL) {
			tzf__free(s);
			return TZF_ENOMEM;
		}
		sv->v = v;
		sv->nalloc = na;
	}
	sv->v[sv->n++] = s;
	return TZF_OK;
}

static void
strvec_free(struct strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		tzf__free(sv->v[i]);
	tzf__free(sv->v);
	sv->v = NULL;
	sv->n = sv->nalloc = 0;
}

static bool
strvec_has(const struct strvec *sv, const char *s)
{
	return sv->n > 0 && bsearch(&s, sv->v, sv->n, sizeof *sv->v,
	    strpcmp) != NULL;
}

/* ------------------------------------------------------------------ */
/* Sides */

struct tabent {
	char *key, *val;
};

struct table {
	bool present;
	struct tabent *e;	/* sorted by key */
	size_t n;
};

struct alias {
	char *name, *alias_of;
};

struct tzf_cmp_side {
	struct tzf_tree *tree;		/* owned */
	struct tzf_histset *hs;		/* owned */
	char *dataform, *packratlist;
	bool backzone, backward;
	struct strvec header;		/* tzdata.zi "# ..." header lines */
	struct strvec bzzones;		/* Zone names in backzone, sorted */
	bool hasbackzone;
	struct table tabs[NTABLES];
	struct alias *aliases;		/* "#= NAME" notes, sorted by name */
	size_t naliases;
};

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		tzf__free(t->e[i].key);
		tzf__free(t->e[i].val);
	}
	tzf__free(t->e);
	memset(t, 0, sizeof *t);
}

static int
tabcmp(const void *a, const void *b)
{
	const struct tabent *x = a, *y = b;
	int r = strcmp(x->key, y->key);

	return r != 0 ? r : strcmp(x->val, y->val);
}

/*
 * Parse a table file: every line not starting with '#', fields separated
 * by tabs.  The key is field KEYCOL (0-based), the value the whole line.
 * Later duplicates of a key get " #2", " #3"... appended so that none is
 * lost.
 */
static int
table_parse(struct table *t, const char *text, size_t len, int keycol)
{
	const char *p = text, *end = text + len;
	size_t nalloc = 0, i;

	t->present = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *k = p, *ke;
		int col;

		if (le > p && le[-1] == '\r')
			le--;
		if (p == le || *p == '#')
			goto next;
		for (col = 0; col < keycol && k < le; col++) {
			const char *tab = memchr(k, '\t', (size_t)(le - k));

			k = tab ? tab + 1 : le;
		}
		ke = memchr(k, '\t', (size_t)(le - k));
		if (ke == NULL)
			ke = le;
		if (!tzf__grow(&t->e, &nalloc, t->n + 1,
		    sizeof *t->e))
		return TZF_ENOMEM;
		t->e[t->n].key = tzf__strndup(k, (size_t)(ke - k));
		t->e[t->n].val = tzf__strndup(p, (size_t)(le - p));
		if (t->e[t->n].key == NULL || t->e[t->n].val == NULL) {
			tzf__free(t->e[t->n].key);
			tzf__free(t->e[t->n].val);
			return TZF_ENOMEM;
		}
		t->n++;
next:
		p = nl ? nl + 1 : end;
	}
	/* Sort by key (then line), then number repeated keys. */
	if (t->n == 0)
		return TZF_OK;
	qsort(t->e, t->n, sizeof *t->e, tabcmp);
	for (i = 0; i < t->n;) {
		size_t j = i + 1, k;

		while (j < t->n && strcmp(t->e[j].key, t->e[i].key) == 0)
			j++;
		for (k = i + 1; k < j; k++) {
			struct tzf_buf b = TZF_BUF_INIT;

			tzf_buf_printf(&b, "%s #%zu", t->e[k].key, k - i + 1);
			if (b.oom)
				return TZF_ENOMEM;
			tzf__free(t->e[k].key);
			t->e[k].key = b.ptr;
		}
		i = j;
	}
	qsort(t->e, t->n, sizeof *t->e, tabcmp);
	return TZF_OK;
}

static int
scan_backzone(struct tzf_cmp_side *s)
{
	const char *text, *p, *end, *f[2];
	size_t len, fl[2];
	int rc;

	if (tzf_tree_file(&text, &len, s->tree, "backzone") != TZF_OK)
		return TZF_OK;
	s->hasbackzone = true;
	for (p = text, end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (fields(p, (size_t)(le - p), f, fl, 2) == 2 &&
		    is_keyword(f[0], fl[0], "zone")) {
			rc = strvec_push(&s->bzzones, tzf__strndup(f[1], fl[1]));
			if (rc < 0)
				return rc;
		}
		p = nl ? nl + 1 : end;
	}
	if (s->bzzones.n > 0)
		qsort(s->bzzones.v, s->bzzones.n, sizeof *s->bzzones.v,
		    strpcmp);
	return TZF_OK;
}

static int
aliascmp(const void *a, const void *b)
{
	const struct alias *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* The "Link TARGET NAME #= ALIAS" notes of the zic input. */
static int
scan_aliases(struct tzf_cmp_side *s, const char *text, size_t len)
{
	const char *p, *end, *f[3];
	size_t fl[3], nalloc = 0;

	for (p = text, end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *c;

		if (fields(p, (size_t)(le - p), f, fl, 3) == 3 &&
		    is_keyword(f[0], fl[0], "link") &&
		    (c = memchr(p, '#', (size_t)(le - p))) != NULL &&
		    c + 1 < le && c[1] == '=') {
			const char *a = c + 2, *ae;
			struct alias *al;

			while (a < le && (*a == ' ' || *a == '\t'))
				a++;
			for (ae = a; ae < le && *ae != ' ' && *ae != '\t' &&
			    *ae != '\r'; ae++)
				continue;
			if (ae == a)
				goto next;
			if (s->naliases == nalloc) {
				size_t na = nalloc ? 2 * nalloc : 32;

				al = tzf__realloc(s->aliases, na * sizeof *al);
				if (al == NULL)
					return TZF_ENOMEM;
				s->aliases = al;
				nalloc = na;
			}
			al = &s->aliases[s->naliases];
			al->name = tzf__strndup(f[2], fl[2]);
			al->alias_of = tzf__strndup(a, (size_t)(ae - a));
			if (al->name == NULL || al->alias_of == NULL) {
				tzf__free(al->name);
				tzf__free(al->alias_of);
				return TZF_ENOMEM;
			}
			s->naliases++;
		}
next:
		p = nl ? nl + 1 : end;
	}
	if (s->naliases > 0)
		qsort(s->aliases, s->naliases, sizeof *s->aliases,
		    aliascmp);
	return TZF_OK;
}

/* The "# version", "# dataform", "# redo" and "# ddeps" header lines of
 * the tzdata.zi this build would install. */
static int
scan_header(struct tzf_cmp_side *s, const struct tzf_switches *sw,
    struct tzf_diag *dg)
{
	static const char *const keys[] = {
		"# version", "# dataform", "# redo", "# ddeps"
	};
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	struct tzf_buf b = TZF_BUF_INIT;
	const char *p;
	int rc;

	(void)dg;
	/*
	 * The header is provenance only: when the compact form cannot be
	 * made (old releases whose rule names zishrink cannot shorten),
	 * the report goes on without it.
	 */
	rc = tzf_tree_tzdata_zi(&b, s->tree, sw, &quiet);
	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc < 0 && rc != TZF_ENOMEM)
		rc = TZF_OK;
	for (p = b.ptr; rc == TZF_OK && p != NULL && *p == '#';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), k;
		bool want = false;

		for (k = 0; k < sizeof keys / sizeof *keys; k++)
			if (n > strlen(keys[k]) &&
			    strncmp(p, keys[k], strlen(keys[k])) == 0 &&
			    p[strlen(keys[k])] == ' ')
				want = true;
		if (!want)
			break;
		rc = strvec_push(&s->header, tzf__strndup(p, n));
		p = nl ? nl + 1 : NULL;
	}
	tzf_buf_dispose(&b);
	return rc;
}

/* A sink that forwards to the caller's and counts on its own, so that
 * errors reported before (another side, an earlier release) do not make
 * this build fail. */
static void
forward(void *payload, const struct tzf_msg *m)
{
	struct tzf_diag *up = payload;

	if (up == NULL)
		return;
	if (m->sev == TZF_ERR)
		up->nerr++;
	else if (m->sev == TZF_WARN)
		up->nwarn++;
	if (up->fn != NULL)
		up->fn(up->payload, m);
}

int
tzf_cmp_side_new(struct tzf_cmp_side **out, struct tzf_tree *tree,
    const struct tzf_switches *sw, struct tzf_diag *updg)
{
	struct tzf_diag own = { forward, updg, 0, 0 }, *dg = &own;
	struct tzf_switches def = TZF_SWITCHES_INIT;
	struct tzf_build *b = NULL;
	struct tzf_cmp_side *s;
	const char *text;
	size_t len;
	int rc, i;

	*out = NULL;
	if (sw == NULL)
		sw = &def;
	s = tzf__calloc(1, sizeof *s);
	if (s == NULL) {
		tzf_tree_free(tree);
		return TZF_ENOMEM;
	}
	s->tree = tree;
	s->dataform = dup0(sw->dataform ? sw->dataform : "main");
	s->packratlist = dup0(sw->packratlist);
	s->backzone = sw->backzone;
	s->backward = sw->backward;
	if (s->dataform == NULL || (sw->packratlist && !s->packratlist)) {
		rc = TZF_ENOMEM;
		goto out;
	}
	rc = tzf_build_release(&b, tree, sw, dg);
	if (rc < 0)
		goto out;
	rc = tzf_histset_from_build(&s->hs, b, dg);
	if (rc < 0)
		goto out;
	text = tzf_build_text(b, &len);
	rc = scan_aliases(s, text, len);
	if (rc < 0)
		goto out;
	rc = scan_backzone(s);
	if (rc < 0)
		goto out;
	for (i = 0; i < NTABLES; i++)
		if (tzf_tree_file(&text, &len, tree, table_files[i]) ==
		    TZF_OK) {
			rc = table_parse(&s->tabs[i], text, len,
			    i == NTABLES - 1 ? 0 : 2);
			if (rc < 0)
				goto out;
		}
	if (tzf_tree_kind(tree) != TZF_TREE_FILE)
		rc = scan_header(s, sw, dg);
	else if (tzf_tree_file(&text, &len, tree, tzf_tree_name(tree, 0)) ==
	    TZF_OK) {
		/* A single zic input file: its own header, if any. */
		const char *p = text;

		while (rc == TZF_OK && p < text + len && *p == '#' &&
		    (strncmp(p, "# version ", 10) == 0 ||
		    strncmp(p, "# dataform ", 11) == 0 ||
		    strncmp(p, "# redo ", 7) == 0 ||
		    strncmp(p, "# ddeps ", 8) == 0)) {
			const char *nl = memchr(p, '\n',
			    (size_t)(text + len - p));
			size_t n = nl ? (size_t)(nl - p) :
			    (size_t)(text + len - p);

			rc = strvec_push(&s->header, tzf__strndup(p, n));
			p = nl ? nl + 1 : text + len;
		}
	}
out:
	tzf_build_free(b);
	if (rc < 0) {
		tzf_cmp_side_free(s);
		return rc;
	}
	*out = s;
	return TZF_OK;
}

int
tzf_cmp_side_open(struct tzf_cmp_side **out, const char *spec,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	struct tzf_tree *t;
	int rc;

	*out = NULL;
	rc = tzf_tree_open(&t, spec, dg);
	if (rc < 0)
		return rc;
	return tzf_cmp_side_new(out, t, sw, dg);
}

void
tzf_cmp_side_free(struct tzf_cmp_side *s)
{
	size_t i;

	if (s == NULL)
		return;
	tzf_histset_free(s->hs);
	tzf_tree_free(s->tree);
	tzf__free(s->dataform);
	tzf__free(s->packratlist);
	strvec_free(&s->header);
	strvec_free(&s->bzzones);
	for (i = 0; i < NTABLES; i++)
		table_free(&s->tabs[i]);
	for (i = 0; i < s->naliases; i++) {
		tzf__free(s->aliases[i].name);
		tzf__free(s->aliases[i].alias_of);
	}
	tzf__free(s->aliases);
	tzf__free(s);
}

const struct tzf_tree *
tzf_cmp_side_tree(const struct tzf_cmp_side *s)
{
	return s->tree;
}

const struct tzf_histset *
tzf_cmp_side_histset(const struct tzf_cmp_side *s)
{
	return s->hs;
}

void
tzf_cmp_side_switches(struct tzf_switches *out, const struct tzf_cmp_side *s)
{
	out->dataform = s->dataform;
	out->backzone = s->backzone;
	out->packratlist = s->packratlist;
	out->backward = s->backward;
	out->redo = NULL;
}

size_t
tzf_cmp_side_nheader(const struct tzf_cmp_side *s)
{
	return s->header.n;
}

const char *
tzf_cmp_side_header(const struct tzf_cmp_side *s, size_t i)
{
	return i < s->header.n ? s->header.v[i] : NULL;
}

bool
tzf_cmp_side_in_backzone(const struct tzf_cmp_side *s, const char *name)
{
	return strvec_has(&s->bzzones, name);
}

/* ------------------------------------------------------------------ */
/* Histories as interval sequences */

struct ival {
	int64_t start;		/* the interval runs to the next start */
	struct tzf_local v;
};

struct ivec {
	struct ival *v;
	size_t n, nalloc;
};

static bool
local_eq(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

/* Append [start, ...) = v, merging it into the last interval when the
 * values are equal and replacing it when it starts at the same time. */
static int
ivec_add(struct ivec *iv, int64_t start, const struct tzf_local *v)
{
	if (iv->n > 0 && iv->v[iv->n - 1].start >= start) {
		iv->n--;		/* superseded at the same instant */
	}
	if (iv->n > 0 && local_eq(&iv->v[iv->n - 1].v, v))
		return TZF_OK;
	if (iv->n == iv->nalloc) {
		size_t na = iv->nalloc ? 2 * iv->nalloc : 64;
		struct ival *p = tzf__realloc(iv->v, na * sizeof *p);

		if (p == NULL)
			return TZF_ENOMEM;
		iv->v = p;
		iv->nalloc = na;
	}
	iv->v[iv->n].start = start;
	iv->v[iv->n].v = *v;
	iv->n++;
	return TZF_OK;
}

static int
add_change(void *payload, const struct tzf_change *c)
{
	return ivec_add(payload, c->at, &c->after);
}

/*
 * The intervals of constant (utoff, isdst, abbr) of T up to UNTIL: the
 * first starts at INT64_MIN; the last runs to UNTIL.
 */
static int
build_ivals(struct ivec *iv, const struct tzf_tzif *t, int64_t until)
{
	struct tzf_timeline tl;
	struct tzf_local l;
	int rc;

	iv->n = 0;
	rc = tzf_timeline_init(&tl, t);
	if (rc == TZF_OK)
		rc = tzf_timeline_at(&l, &tl, INT64_MIN);
	if (rc == TZF_OK)
		rc = ivec_add(iv, INT64_MIN, &l);
	if (rc == TZF_OK && until > INT64_MIN)
		rc = tzf_timeline_changes(&tl, INT64_MIN + 1, until - 1,
		    add_change, iv);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The comparison */

struct tzf_cmp {
	const struct tzf_cmp_side *old, *new;
	struct tzf_cmp_opts opts;
	struct tzf_cmp_summary sum;
	struct tzf_cmp_name *names;	/* names with any difference */
	size_t nnames, nnames_alloc;
	struct tzf_cmp_alias *aliases;	/* chains and alias mismatches */
	size_t naliases, naliases_alloc;
	struct tzf_cmp_tab *tabs;
	size_t ntabs, ntabs_alloc;
	struct ivec a, b;		/* scratch */
};

static void *
grow(void *p, size_t *nalloc, size_t n, size_t size)
{
	size_t na;
	void *q;

	if (n < *nalloc)
		return p;
	na = *nalloc ? 2 * *nalloc : 64;
	q = tzf__realloc(p, na * size);
	if (q != NULL)
		*nalloc = na;
	return q;
}

static struct tzf_cmp_name *
new_name(struct tzf_cmp *c)
{
	struct tzf_cmp_name *p = grow(c->names, &c->nnames_alloc, c->nnames,
	    sizeof *p);

	if (p == NULL)
		return NULL;
	c->names = p;
	p = &c->names[c->nnames++];
	memset(p, 0, sizeof *p);
	p->first = p->first_finite = p->last = INT64_MIN;
	return p;
}

static int
add_alias(struct tzf_cmp *c, const struct tzf_cmp_alias *a)
{
	struct tzf_cmp_alias *p = grow(c->aliases, &c->naliases_alloc,
	    c->naliases, sizeof *p);

	if (p == NULL)
		return TZF_ENOMEM;
	c->aliases = p;
	c->aliases[c->naliases++] = *a;
	return TZF_OK;
}

static int
add_tab(struct tzf_cmp *c, const char *file, const char *key,
    const char *o, const char *n)
{
	struct tzf_cmp_tab *p = grow(c->tabs, &c->ntabs_alloc, c->ntabs,
	    sizeof *p);

	if (p == NULL)
		return TZF_ENOMEM;
	c->tabs = p;
	p = &c->tabs[c->ntabs++];
	p->file = file;
	p->key = key;
	p->old = o;
	p->new = n;
	c->sum.table_changes++;
	return TZF_OK;
}

/*
 * Walk the interval sequences A and B over [from, until) and fill the
 * metrics of E.  Each elementary interval (no change on either side
 * within it) whose values differ counts once.
 */
static void
walk(struct tzf_cmp_name *e, const struct ivec *a, const struct ivec *b,
    int64_t from, int64_t until)
{
	size_t i = 0, j = 0;
	int64_t t = from;

	while (i + 1 < a->n && a->v[i + 1].start <= t)
		i++;
	while (j + 1 < b->n && b->v[j + 1].start <= t)
		j++;
	while (t < until) {
		int64_t end = until;
		const struct tzf_local *x = &a->v[i].v, *y = &b->v[j].v;

		if (i + 1 < a->n && a->v[i + 1].start < end)
			end = a->v[i + 1].start;
		if (j + 1 < b->n && b->v[j + 1].start < end)
			end = b->v[j + 1].start;
		if (!local_eq(x, y)) {
			int64_t d = (int64_t)x->utoff - y->utoff;

			e->ndiff++;
			if (d != 0) {
				e->noffset++;
				if (d < 0)
					d = -d;
				if (d > e->maxdelta)
					e->maxdelta = (int32_t)d;
			} else if (strcmp(x->abbr, y->abbr) != 0)
				e->nabbr++;
			else
				e->nisdst++;
			if (e->ndiff == 1) {
				e->first = t;
				e->first_finite = t != INT64_MIN ? t : end;
			}
			e->last = end;
			if (end > 0)
				e->since1970 = true;
		}
		t = end;
		if (i + 1 < a->n && a->v[i + 1].start == t)
			i++;
		if (j + 1 < b->n && b->v[j + 1].start == t)
			j++;
	}
}

static int
behaviour(struct tzf_cmp *c, struct tzf_cmp_name *e,
    const struct tzf_tzif *ta, const struct tzf_tzif *tb)
{
	int rc;

	rc = build_ivals(&c->a, ta, c->opts.until);
	if (rc == TZF_OK)
		rc = build_ivals(&c->b, tb, c->opts.until);
	if (rc < 0)
		return rc;
	walk(e, &c->a, &c->b, c->opts.from, c->opts.until);
	e->footer_old = ta->version >= 2 ? ta->footer : NULL;
	e->footer_new = tb->version >= 2 ? tb->footer : NULL;
	if (!streq(e->footer_old, e->footer_new) && c->opts.until > 0) {
		e->flags |= TZF_CMP_FOOTER;
		e->since1970 = true;
	}
	if (e->ndiff > 0 || (e->flags & TZF_CMP_FOOTER))
		e->flags |= TZF_CMP_BEHAVIOUR;
	e->cls = e->noffset ? TZF_CMP_OFFSET : e->nabbr ? TZF_CMP_ABBR :
	    e->nisdst ? TZF_CMP_ISDST : TZF_CMP_SAME;
	return TZF_OK;
}

/* Link-merge kind for NAME, a Zone on side ZS and a Link on side LS
 * (old_is_zone: ZS is the old side). */
static void
merge_kind(struct tzf_cmp_name *e, const struct tzf_cmp_side *zs,
    const struct tzf_cmp_side *ls, const struct tzf_name *link,
    bool old_is_zone)
{
	e->in_backzone = tzf_cmp_side_in_backzone(ls, e->name);
	if (!old_is_zone) {
		e->merge = TZF_MERGE_SPLIT;
		return;
	}
	/* Zone -> Link: a rename when the link's zone is new. */
	if (link->zone != NULL && tzf_histset_find(zs->hs, link->zone) < 0)
		e->merge = TZF_MERGE_RENAME;
	else if (e->in_backzone)
		e->merge = TZF_MERGE_BACKZONE;
	else
		e->merge = TZF_MERGE_DISCARDED;
}

static int
compare_names(struct tzf_cmp *c)
{
	const struct tzf_histset *ha = c->old->hs, *hb = c->new->hs;
	size_t na = tzf_histset_count(ha), nb = tzf_histset_count(hb);
	size_t i = 0, j = 0;
	int rc;

	c->sum.names_old = na;
	c->sum.names_new = nb;
	while (i < na || j < nb) {
		const struct tzf_name *x = i < na ? tzf_histset_name(ha, i) :
		    NULL;
		const struct tzf_name *y = j < nb ? tzf_histset_name(hb, j) :
		    NULL;
		int cmp = x == NULL ? 1 : y == NULL ? -1 :
		    strcmp(x->name, y->name);
		struct tzf_cmp_name *e;
		const struct tzf_tzif *ta, *tb;

		e = new_name(c);
		if (e == NULL)
			return TZF_ENOMEM;
		if (cmp < 0) {
			e->name = x->name;
			e->old = x;
			e->flags = TZF_CMP_REMOVED;
			c->sum.removed++;
			i++;
			continue;
		}
		if (cmp > 0) {
			e->name = y->name;
			e->new = y;
			e->flags = TZF_CMP_ADDED;
			c->sum.added++;
			j++;
			continue;
		}
		e->name = x->name;
		e->old = x;
		e->new = y;
		if (!x->islink && y->islink) {
			e->flags |= TZF_CMP_ZONE_TO_LINK;
			merge_kind(e, c->old, c->new, y, true);
			c->sum.zone_to_link++;
		} else if (x->islink && !y->islink) {
			e->flags |= TZF_CMP_LINK_TO_ZONE;
			merge_kind(e, c->new, c->old, x, false);
			c->sum.link_to_zone++;
		} else if (x->islink && y->islink &&
		    !streq(x->target, y->target)) {
			e->flags |= TZF_CMP_RETARGETED;
			c->sum.link_retargeted++;
		}
		ta = tzf_histset_tzif(ha, i);
		tb = tzf_histset_tzif(hb, j);
		if (ta != NULL && tb != NULL) {
			size_t la, lb;
			const void *ba = tzf_histset_bytes(ha, i, &la);
			const void *bb = tzf_histset_bytes(hb, j, &lb);

			if (la != lb || memcmp(ba, bb, la) != 0) {
				rc = behaviour(c, e, ta, tb);
				if (rc < 0)
					return rc;
			}
		} else if (ta != NULL || tb != NULL) {
			e->flags |= TZF_CMP_BEHAVIOUR;	/* broken link */
			e->since1970 = true;
		}
		if (e->flags & TZF_CMP_BEHAVIOUR) {
			c->sum.behaviour_changed++;
			if (e->since1970)
				c->sum.changed_since_1970++;
			else
				c->sum.changed_before_1970_only++;
			if (e->flags & TZF_CMP_FOOTER)
				c->sum.footer_changed++;
			if (e->cls == TZF_CMP_OFFSET)
				c->sum.offset_changed++;
			else if (e->cls == TZF_CMP_ABBR)
				c->sum.abbreviation_only++;
			else if (e->cls == TZF_CMP_ISDST)
				c->sum.isdst_only++;
		}
		if (e->flags == 0)
			c->nnames--;	/* nothing to say about it */
		i++;
		j++;
	}
	return TZF_OK;
}

/* Link chains and "#=" aliases that compile differently, on side S. */
static int
check_links(struct tzf_cmp *c, const struct tzf_cmp_side *s, int side)
{
	const struct tzf_histset *hs = s->hs;
	size_t i, n = tzf_histset_count(hs);
	int rc;

	for (i = 0; i < n; i++) {
		const struct tzf_name *x = tzf_histset_name(hs, i);
		ptrdiff_t k;

		if (!x->islink)
			continue;
		k = tzf_histset_find(hs, x->target);
		if (k >= 0 && tzf_histset_name(hs, (size_t)k)->islink) {
			struct tzf_cmp_alias a = { side, true, x->name,
				x->target, x->zone };

			rc = add_alias(c, &a);
			if (rc < 0)
				return rc;
			if (side == 0)
				c->sum.link_chains_old++;
			else
				c->sum.link_chains_new++;
		}
	}
	for (i = 0; i < s->naliases; i++) {
		ptrdiff_t p = tzf_histset_find(hs, s->aliases[i].name);
		ptrdiff_t q = tzf_histset_find(hs, s->aliases[i].alias_of);
		const void *bp, *bq;
		size_t lp, lq;

		if (p < 0 || q < 0)
			continue;
		bp = tzf_histset_bytes(hs, (size_t)p, &lp);
		bq = tzf_histset_bytes(hs, (size_t)q, &lq);
		if (bp != NULL && bq != NULL && lp == lq &&
		    memcmp(bp, bq, lp) == 0)
			continue;
		{
			struct tzf_cmp_alias a = { side, false,
				tzf_histset_name(hs, (size_t)p)->name,
				tzf_histset_name(hs, (size_t)q)->name,
				tzf_histset_name(hs, (size_t)p)->zone };

			rc = add_alias(c, &a);
			if (rc < 0)
				return rc;
			c->sum.alias_mismatch++;
		}
	}
	return TZF_OK;
}

static int
compare_tables(struct tzf_cmp *c)
{
	int k, rc;

	for (k = 0; k < NTABLES; k++) {
		const struct table *a = &c->old->tabs[k], *b = &c->new->tabs[k];
		size_t i = 0, j = 0;

		if (!a->present || !b->present)
			continue;	/* the file is new or gone: not compared */
		while (i < a->n || j < b->n) {
			int cmp = i == a->n ? 1 : j == b->n ? -1 :
			    strcmp(a->e[i].key, b->e[j].key);

			if (cmp < 0) {
				rc = add_tab(c, table_files[k], a->e[i].key,
				    a->e[i].val, NULL);
				i++;
			} else if (cmp > 0) {
				rc = add_tab(c, table_files[k], b->e[j].key,
				    NULL, b->e[j].val);
				j++;
			} else {
				rc = TZF_OK;
				if (strcmp(a->e[i].val, b->e[j].val) != 0)
					rc = add_tab(c, table_files[k],
					    a->e[i].key, a->e[i].val,
					    b->e[j].val);
				i++;
				j++;
			}
			if (rc < 0)
				return rc;
		}
	}
	return TZF_OK;
}

int
tzf_compare(struct tzf_cmp **out, const struct tzf_cmp_side *old,
    const struct tzf_cmp_side *new, const struct tzf_cmp_opts *opts,
    struct tzf_diag *dg)
{
	struct tzf_cmp_opts def = TZF_CMP_OPTS_INIT;
	struct tzf_cmp *c;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &def;
	if (opts->from >= opts->until) {
		tzf__diag(dg, TZF_ERR, NULL, 0,
		    "empty time range: 'from' is not before 'until'");
		return TZF_EINVAL;
	}
	c = tzf__calloc(1, sizeof *c);
	if (c == NULL)
		return TZF_ENOMEM;
	c->old = old;
	c->new = new;
	c->opts = *opts;
	rc = compare_names(c);
	if (rc == TZF_OK)
		rc = check_links(c, old, 0);
	if (rc == TZF_OK)
		rc = check_links(c, new, 1);
	if (rc == TZF_OK)
		rc = compare_tables(c);
	tzf__free(c->a.v);
	tzf__free(c->b.v);
	c->a.v = c->b.v = NULL;
	if (rc < 0) {
		if (rc == TZF_EINVAL)
			tzf__diag(dg, TZF_ERR, NULL, 0,
			    "cannot read back compiled data");
		tzf_cmp_free(c);
		return rc;
	}
	*out = c;
	return TZF_OK;
}

void
tzf_cmp_free(struct tzf_cmp *c)
{
	if (c == NULL)
		return;
	tzf__free(c->names);
	tzf__free(c->aliases);
	tzf__free(c->tabs);
	tzf__free(c->a.v);
	tzf__free(c->b.v);
	tzf__free(c);
}

const struct tzf_cmp_summary *
tzf_cmp_summary(const struct tzf_cmp *c)
{
	return &c->sum;
}

bool
tzf_cmp_differ(const struct tzf_cmp *c)
{
	const struct tzf_cmp_summary *s = &c->sum;

	return s->added || s->removed || s->zone_to_link || s->link_to_zone ||
	    s->link_retargeted || s->behaviour_changed || s->table_changes ||
	    s->alias_mismatch;
}

const struct tzf_cmp_side *
tzf_cmp_old(const struct tzf_cmp *c)
{
	return c->old;
}

const struct tzf_cmp_side *
tzf_cmp_new(const struct tzf_cmp *c)
{
	return c->new;
}

const struct tzf_cmp_opts *
tzf_cmp_opts(const struct tzf_cmp *c)
{
	return &c->opts;
}

size_t
tzf_cmp_count(const struct tzf_cmp *c)
{
	return c->nnames;
}

const struct tzf_cmp_name *
tzf_cmp_name(const struct tzf_cmp *c, size_t i)
{
	return i < c->nnames ? &c->names[i] : NULL;
}

const struct tzf_cmp_name *
tzf_cmp_find(const struct tzf_cmp *c, const char *name)
{
	size_t lo = 0, hi = c->nnames;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->names[mid].name, name);

		if (r == 0)
			return &c->names[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
tzf_cmp_nlinks(const struct tzf_cmp *c)
{
	return c->naliases;
}

const struct tzf_cmp_alias *
tzf_cmp_link(const struct tzf_cmp *c, size_t i)
{
	return i < c->naliases ? &c->aliases[i] : NULL;
}

size_t
tzf_cmp_ntabs(const struct tzf_cmp *c)
{
	return c->ntabs;
}

const struct tzf_cmp_tab *
tzf_cmp_tab(const struct tzf_cmp *c, size_t i)
{
	return i < c->ntabs ? &c->tabs[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* One name side by side */

int
tzf_cmp_rows(struct tzf_cmp_row **out, size_t *n, const struct tzf_cmp *c,
    const char *name)
{
	const struct tzf_histset *ha = c->old->hs, *hb = c->new->hs;
	ptrdiff_t i = tzf_histset_find(ha, name), j = tzf_histset_find(hb,
	    name);
	const struct tzf_tzif *ta = i >= 0 ? tzf_histset_tzif(ha, (size_t)i) :
	    NULL;
	const struct tzf_tzif *tb = j >= 0 ? tzf_histset_tzif(hb, (size_t)j) :
	    NULL;
	struct ivec a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct tzf_cmp_row *rows = NULL;
	size_t nrows = 0, nalloc = 0, x = 0, y = 0;
	int64_t t = c->opts.from, until = c->opts.until;
	int rc = TZF_OK;

	*out = NULL;
	*n = 0;
	if (ta == NULL && tb == NULL)
		return TZF_ENOTFOUND;
	if (ta != NULL)
		rc = build_ivals(&a, ta, until);
	if (rc == TZF_OK && tb != NULL)
		rc = build_ivals(&b, tb, until);
	while (rc == TZF_OK && t < until) {
		int64_t end = until;
		struct tzf_cmp_row *r;

		while (x + 1 < a.n && a.v[x + 1].start <= t)
			x++;
		while (y + 1 < b.n && b.v[y + 1].start <= t)
			y++;
		if (x + 1 < a.n && a.v[x + 1].start < end)
			end = a.v[x + 1].start;
		if (y + 1 < b.n && b.v[y + 1].start < end)
			end = b.v[y + 1].start;
		r = grow(rows, &nalloc, nrows, sizeof *r);
		if (r == NULL) {
			rc = TZF_ENOMEM;
			break;
		}
		rows = r;
		r = &rows[nrows++];
		memset(r, 0, sizeof *r);
		r->start = t;
		r->end = end;
		r->has_old = a.n > 0;
		r->has_new = b.n > 0;
		if (r->has_old)
			r->old = a.v[x].v;
		if (r->has_new)
			r->new = b.v[y].v;
		r->differ = !r->has_old || !r->has_new ||
		    !local_eq(&r->old, &r->new);
		t = end;
	}
	tzf__free(a.v);
	tzf__free(b.v);
	if (rc < 0) {
		tzf__free(rows);
		return rc;
	}
	*out = rows;
	*n = nrows;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Release tags */

/*
 * Split a tzdb version such as 2022b, 2022agtz or 2022ag-beta1 into its
 * year, its letters (the longest run of a-z right after the year, minus
 * a family suffix) and the rest.  Returns false if TAG is no version.
 */
static bool
version_split(const char *tag, long *year, size_t *nletters,
    const char **rest)
{
	const char *p = tag;
	long y = 0;
	int i;

	for (i = 0; i < 4; i++, p++) {
		if (*p < '0' || *p > '9')
			return false;
		y = y * 10 + (*p - '0');
	}
	if (*p < 'a' || *p > 'z')
		return false;
	*year = y;
	*rest = p;
	*nletters = 0;
	/* A release letter run: "b", "zz"... but "agtz" is "a" + "gtz":
	 * take one letter, then more only while a known family suffix
	 * does not start. */
	while (p[*nletters] >= 'a' && p[*nletters] <= 'z' &&
	    strncmp(p + *nletters, "gtz", 3) != 0)
		(*nletters)++;
	if (*nletters == 0)
		*nletters = 1;
	*rest = p + *nletters;
	return true;
}

int
tzf_version_cmp(const char *a, const char *b)
{
	const char *ra, *rb;
	size_t la, lb;
	long ya, yb;
	int r;

	if (!version_split(a, &ya, &la, &ra) ||
	    !version_split(b, &yb, &lb, &rb))
		return strcmp(a, b);
	if (ya != yb)
		return ya < yb ? -1 : 1;
	if (la != lb)
		return la < lb ? -1 : 1;
	r = strncmp(ra - la, rb - lb, la);
	if (r != 0)
		return r;
	return strcmp(ra, rb);
}

static int
vcmp(const void *a, const void *b)
{
	return tzf_version_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

/* The suffix after a version's letters ("" or "gtz"), or NULL. */
static const char *
family(const char *tag)
{
	const char *rest;
	size_t nl;
	long y;

	return version_split(tag, &y, &nl, &rest) ? rest : NULL;
}

static int
read_packed_refs(struct strvec *sv, const char *path)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char chunk[8192];
	const char *p;
	size_t got;
	FILE *fp = fopen(path, "r");
	int rc = TZF_OK;

	if (fp == NULL)
		return TZF_OK;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		tzf_buf_add(&b, chunk, got);
	fclose(fp);
	if (b.oom) {
		tzf_buf_dispose(&b);
		return TZF_ENOMEM;
	}
	for (p = b.ptr; rc == TZF_OK && p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n'), *sp = strchr(p, ' ');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (*p != '#' && *p != '^' && sp != NULL && sp < p + n &&
		    strncmp(sp + 1, "refs/tags/", 10) == 0)
			rc = strvec_push(sv, tzf__strndup(sp + 11,
			    (size_t)(p + n - (sp + 11))));
		p = nl ? nl + 1 : NULL;
	}
	tzf_buf_dispose(&b);
	return rc;
}

static int
read_loose_tags(struct strvec *sv, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = TZF_OK;

	if (d == NULL)
		return TZF_OK;
	while (rc == TZF_OK && (de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			rc = strvec_push(sv, dup0(de->d_name));
	closedir(d);
	return rc;
}

/*
 * The tags of the git repository at REPO (bare or not; or a fork name of
 * tzdb-forks/), read from packed-refs and refs/tags.
 */
static int
repo_tags(struct strvec *sv, const char *repo, struct tzf_diag *dg)
{
	struct tzf_buf dir = TZF_BUF_INIT, p = TZF_BUF_INIT;
	struct stat st;
	int rc = TZF_OK;

	tzf_buf_puts(&dir, repo);
	if (stat(repo, &st) != 0 && strchr(repo, '/') == NULL) {
		tzf_buf_dispose(&dir);
		rc = tzf_fork_dir(&dir, repo, dg);
		if (rc < 0)
			goto out;
	}
	tzf_buf_printf(&p, "%s/.git", dir.ptr);
	if (!p.oom && stat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode))
		tzf_buf_puts(&dir, "/.git");
	if (dir.oom || p.oom) {
		rc = TZF_ENOMEM;
		goto out;
	}
	if (stat(dir.ptr, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "not a git repository: '%s'",
		    repo);
		rc = TZF_ENOTFOUND;
		goto out;
	}
	p.len = 0;
	tzf_buf_printf(&p, "%s/packed-refs", dir.ptr);
	rc = p.oom ? TZF_ENOMEM : read_packed_refs(sv, p.ptr);
	if (rc < 0)
		goto out;
	p.len = 0;
	tzf_buf_printf(&p, "%s/refs/tags", dir.ptr);
	rc = p.oom ? TZF_ENOMEM : read_loose_tags(sv, p.ptr);
out:
	tzf_buf_dispose(&dir);
	tzf_buf_dispose(&p);
	return rc;
}

int
tzf_release_list(char ***out, size_t *n, const char *repo,
    const char *range, struct tzf_diag *dg)
{
	struct strvec all = { NULL, 0, 0 }, sel = { NULL, 0, 0 };
	const char *dots = strstr(range, "..");
	size_t i;
	int rc = TZF_OK;

	*out = NULL;
	*n = 0;
	if (dots == NULL) {
		/* A comma-separated list, taken as given. */
		const char *p = range;

		while (rc == TZF_OK) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);

			if (len > 0)
				rc = strvec_push(&sel, tzf__strndup(p, len));
			if (comma == NULL)
				break;
			p = comma + 1;
		}
	} else {
		char *lo = tzf__strndup(range, (size_t)(dots - range));
		const char *hi = dots + 2, *fam;

		if (lo == NULL)
			return TZF_ENOMEM;
		fam = family(*lo ? lo : hi);
		if (fam == NULL || (*hi && !streq(family(hi), fam))) {
			tzf__diag(dg, TZF_ERR, NULL, 0,
			    "not a release range: '%s'", range);
			tzf__free(lo);
			return TZF_EINVAL;
		}
		rc = repo_tags(&all, repo, dg);
		for (i = 0; rc == TZF_OK && i < all.n; i++) {
			const char *f = family(all.v[i]);

			if (f == NULL || strcmp(f, fam) != 0)
				continue;
			if (*lo && tzf_version_cmp(all.v[i], lo) < 0)
				continue;
			if (*hi && tzf_version_cmp(all.v[i], hi) > 0)
				continue;
			rc = strvec_push(&sel, dup0(all.v[i]));
		}
		if (rc == TZF_OK && sel.n > 0)
			qsort(sel.v, sel.n, sizeof *sel.v, vcmp);
		/* Drop duplicates (a tag both packed and loose). */
		for (i = 1; rc == TZF_OK && i < sel.n;)
			if (strcmp(sel.v[i], sel.v[i - 1]) == 0) {
				tzf__free(sel.v[i]);
				memmove(&sel.v[i], &sel.v[i + 1],
				    (sel.n - i - 1) * sizeof *sel.v);
				sel.n--;
			} else
				i++;
		if (rc == TZF_OK && (*lo && (sel.n == 0 ||
		    strcmp(sel.v[0], lo) != 0))) {
			tzf__diag(dg, TZF_ERR, NULL, 0, "unknown tag '%s'", lo);
			rc = TZF_ENOTFOUND;
		} else if (rc == TZF_OK && *hi && (sel.n == 0 ||
		    strcmp(sel.v[sel.n - 1], hi) != 0)) {
			tzf__diag(dg, TZF_ERR, NULL, 0, "unknown tag '%s'", hi);
			rc = TZF_ENOTFOUND;
		}
		tzf__free(lo);
	}
	strvec_free(&all);
	if (rc < 0) {
		strvec_free(&sel);
		return rc;
	}
	*out = sel.v;
	*n = sel.n;
	return TZF_OK;
}

void
tzf_release_list_free(char **list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		tzf__free(list[i]);
	tzf__free(list);
}
