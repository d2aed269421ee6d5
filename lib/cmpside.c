/*
 * cmpside.c: a side of a comparison (lib/compare.c): one tree built as
 * its release builds it (lib/release.c), with what a diff needs beside
 * the compiled histories: the Zones of its backzone file (read by the
 * tzdb parser), its table files (lib/tables.c), the "#= NAME" alias
 * notes ziguard leaves where it cuts a link chain short, the header of
 * the tzdata.zi the build would install (made on first use), the date
 * of its release from NEWS, and the text of any source line by file
 * and line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_cmp.h"
#include "tzf_text.h"

/* The start of every line of one file, made on first use. */
struct srcfile {
	const char *name;	/* borrowed from the tree or the side */
	const char *text;
	size_t len;
	size_t *off;		/* start of line i + 1 */
	size_t n;
};

struct srccache {
	struct srcfile *f;
	size_t n, nalloc;
};

/* ------------------------------------------------------------------ */
/* Small helpers */

static char *
dup0(const char *s)
{
	return s == NULL ? NULL : tzf__strdup(s);
}

/* ------------------------------------------------------------------ */
/* The text of source lines */

static void
srccache_free(struct srccache *sc)
{
	size_t i;

	if (sc == NULL)
		return;
	for (i = 0; i < sc->n; i++)
		tzf__free(sc->f[i].off);
	tzf__free(sc->f);
	tzf__free(sc);
}

static int
index_lines(struct srcfile *f)
{
	size_t i, n = 1, k = 0;

	for (i = 0; i < f->len; i++)
		n += f->text[i] == '\n';
	f->off = tzf__calloc(n, sizeof *f->off);
	if (f->off == NULL)
		return TZF_ENOMEM;
	f->off[k++] = 0;
	for (i = 0; i < f->len; i++)
		if (f->text[i] == '\n' && i + 1 < f->len)
			f->off[k++] = i + 1;
	f->n = k;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Sides */

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

	return r != 0 ? r : x->line < y->line ? -1 : x->line > y->line;
}

struct tabctx {
	struct table *t;
	int keycol;
};

static int
table_row(void *payload, const struct tzf__tabline *l)
{
	struct tabctx *x = payload;
	struct table *t = x->t;
	struct tabent *e;
	int k = x->keycol < l->nf ? x->keycol : l->nf - 1;

	if (!tzf__grow(&t->e, &t->nalloc, t->n + 1, sizeof *t->e))
		return TZF_ENOMEM;
	e = &t->e[t->n];
	e->key = tzf__strndup(l->f[k], l->fl[k]);
	e->val = tzf__strndup(l->text, l->len);
	e->line = l->line;
	if (e->key == NULL || e->val == NULL) {
		tzf__free(e->key);
		tzf__free(e->val);
		return TZF_ENOMEM;
	}
	t->n++;
	return TZF_OK;
}

/*
 * Read a table file into T: one entry per data line, keyed by the TZ
 * column (the code in iso3166.tab).  A key that comes back gets " #2",
 * " #3"... so that no line is lost.
 */
static int
table_read(struct table *t, const char *file, const char *text, size_t len)
{
	struct tabctx x = { t, tzf__table_keycol(file) };
	size_t i;
	int rc;

	t->present = true;
	rc = tzf__table_each(text, len, table_row, &x);
	if (rc < 0 || t->n == 0)
		return rc;
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
			t->e[k].key = tzf_buf_detach(&b);
		}
		i = j;
	}
	qsort(t->e, t->n, sizeof *t->e, tabcmp);
	return TZF_OK;
}

static const struct tzf_cmp_side *bzsort_side;	/* qsort has no payload */

static int
bzcmp(const void *a, const void *b)
{
	const struct tzf_db *db = bzsort_side->bz;

	return strcmp(tzf_db_zone_name(db, *(const size_t *)a),
	    tzf_db_zone_name(db, *(const size_t *)b));
}

/* The Zones of the backzone file, read by the tzdb parser alone (its
 * messages are not the build's: backzone may not be part of it). */
static int
read_backzone(struct tzf_cmp_side *s)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	const char *text;
	size_t len, i, n;
	int rc;

	if (tzf_tree_file(&text, &len, s->tree, "backzone") != TZF_OK)
		return TZF_OK;
	rc = tzf_db_new(&s->bz, &o, &s->quiet);
	if (rc < 0)
		return rc;
	rc = tzf_db_parse(s->bz, "backzone", text, len, false);
	if (rc == TZF_ENOMEM)
		return rc;
	n = tzf_db_nzones(s->bz);
	s->bzsorted = tzf__calloc(n ? n : 1, sizeof *s->bzsorted);
	if (s->bzsorted == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < n; i++)
		s->bzsorted[i] = i;
	bzsort_side = s;
	qsort(s->bzsorted, n, sizeof *s->bzsorted, bzcmp);
	return TZF_OK;
}

/* The backzone Zone named NAME: its index, or -1. */
static ptrdiff_t
bz_find(const struct tzf_cmp_side *s, const char *name)
{
	size_t lo = 0, hi = s->bz ? tzf_db_nzones(s->bz) : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(tzf_db_zone_name(s->bz, s->bzsorted[mid]), name);

		if (r == 0)
			return (ptrdiff_t)s->bzsorted[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
aliascmp(const void *a, const void *b)
{
	const struct alias *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/*
 * The "Link TARGET NAME #= ALIAS" notes ziguard leaves in the zic input
 * where it cut a link chain short (lib/ziguard.c writes them; fields
 * are split as it splits them).
 */
static int
scan_aliases(struct tzf_cmp_side *s, const char *text, size_t len)
{
	struct tzf_buf line = TZF_BUF_INIT;
	struct tzf__fld f[TZF__MAXF];
	const char *p, *end;
	int nf, rc = TZF_OK;

	for (p = text, end = text + len; rc == TZF_OK && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		struct alias *al;

		line.len = 0;
		if (n > 4 && strncmp(p, "Link", 4) == 0)
			tzf_buf_add(&line, p, n);
		p = nl ? nl + 1 : end;
		if (line.len == 0)
			continue;
		if (line.oom) {
			rc = TZF_ENOMEM;
			break;
		}
		nf = tzf__split(f, line.ptr);
		if (nf < 5 || !tzf__feq(f, nf, 4, "#="))
			continue;
		if (!tzf__grow(&s->aliases, &s->naliases_alloc,
		    s->naliases + 1, sizeof *s->aliases)) {
			rc = TZF_ENOMEM;
			break;
		}
		al = &s->aliases[s->naliases];
		al->name = tzf__strndup(f[2].p, f[2].len);
		al->alias_of = tzf__strndup(f[4].p, f[4].len);
		if (al->name == NULL || al->alias_of == NULL) {
			tzf__free(al->name);
			tzf__free(al->alias_of);
			rc = TZF_ENOMEM;
			break;
		}
		s->naliases++;
	}
	tzf_buf_dispose(&line);
	if (rc == TZF_OK && s->naliases > 0)
		qsort(s->aliases, s->naliases, sizeof *s->aliases,
		    aliascmp);
	return rc;
}

static int
add_header(struct header *h, const char *p, size_t n)
{
	return tzf__lines_push(&h->lines, tzf__strndup(p, n)) ? TZF_OK :
	    TZF_ENOMEM;
}

/* Keep the leading "# version", "# dataform", "# redo" and "# ddeps"
 * lines of TEXT. */
static int
take_header(struct header *h, const char *text, size_t len)
{
	static const char *const keys[] = {
		"# version ", "# dataform ", "# redo ", "# ddeps "
	};
	const char *p = text, *end = text + len;
	int rc = TZF_OK;

	while (rc == TZF_OK && p < end && *p == '#') {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p), k;
		bool want = false;

		for (k = 0; k < sizeof keys / sizeof *keys; k++)
			if (n > strlen(keys[k]) &&
			    strncmp(p, keys[k], strlen(keys[k])) == 0)
				want = true;
		if (!want)
			break;
		rc = add_header(h, p, n);
		p = nl ? nl + 1 : end;
	}
	return rc;
}

/* The header of the tzdata.zi this build would install. */
static int
scan_header(struct header *h, const struct tzf_cmp_side *s)
{
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_switches sw;
	const char *text;
	size_t len;
	int rc;

	tzf_cmp_side_switches(&sw, s);
	if (tzf_tree_kind(s->tree) == TZF_TREE_FILE) {
		/* A single zic input file: its own header, if any. */
		if (tzf_tree_file(&text, &len, s->tree,
		    tzf_tree_name(s->tree, 0)) != TZF_OK)
			return TZF_OK;
		return take_header(h, text, len);
	}
	/*
	 * The header is provenance only: when the compact form cannot be
	 * made (old releases whose rule names zishrink cannot shorten),
	 * the report goes on without it.
	 */
	rc = tzf_tree_tzdata_zi(&b, s->tree, &sw, &quiet);
	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK && b.len > 0)
		rc = take_header(h, b.ptr, b.len);
	else if (rc != TZF_ENOMEM)
		rc = TZF_OK;
	tzf_buf_dispose(&b);
	return rc;
}

/* Digits at *P, exactly N of them. */
static bool
num(const char **p, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/*
 * The date of a NEWS line "Release 2026c - 2026-07-08 10:23:58 -0700"
 * (time and offset may be missing).
 */
static bool
release_date(int64_t *out, const char *p, const char *end)
{
	int y, mo, d, h = 0, mi = 0, se = 0, oh = 0, om = 0, sign = 1;

	while (p < end && *p != ' ')
		p++;			/* the version */
	if (end - p < 14 || strncmp(p, " - ", 3) != 0)
		return false;
	p += 3;
	if (!num(&p, 4, &y) || *p++ != '-' || !num(&p, 2, &mo) ||
	    *p++ != '-' || !num(&p, 2, &d))
		return false;
	if (end - p >= 9 && *p == ' ' && p[3] == ':') {
		p++;
		if (!num(&p, 2, &h) || *p++ != ':' || !num(&p, 2, &mi) ||
		    *p++ != ':' || !num(&p, 2, &se))
			return false;
		if (end - p >= 6 && *p == ' ' && (p[1] == '-' || p[1] == '+')) {
			sign = p[1] == '-' ? -1 : 1;
			p += 2;
			if (!num(&p, 2, &oh) || !num(&p, 2, &om))
				return false;
		}
	}
	if (tzf_civil_to_secs(out, y, mo, d, h, mi, se) != TZF_OK)
		return false;
	*out -= sign * (oh * 3600 + om * 60);
	return true;
}

/* The first dated "Release" line of the tree's NEWS. */
static void
scan_date(struct tzf_cmp_side *s)
{
	const char *text, *p, *end;
	size_t len;

	if (tzf_tree_file(&text, &len, s->tree, "NEWS") != TZF_OK)
		return;
	for (p = text, end = text + len; p < end && !s->hasdate;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (le - p > 8 && strncmp(p, "Release ", 8) == 0)
			s->hasdate = release_date(&s->date, p + 8, le);
		p = nl ? nl + 1 : end;
	}
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
	if (m->sev == TZF_SEV_ERR)
		up->nerr++;
	else if (m->sev == TZF_SEV_WARN)
		up->nwarn++;
	if (up->fn != NULL)
		up->fn(up->payload, m);
}

static int
read_tables(struct tzf_cmp_side *s)
{
	const char *text;
	size_t len;
	int i, rc;

	for (i = 0; i < NTABLES; i++) {
		if (tzf_tree_file(&text, &len, s->tree, tzf__table_files[i]) !=
		    TZF_OK)
			continue;
		rc = table_read(&s->tabs[i], tzf__table_files[i], text, len);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

/* Build side S from its tree as its release builds it, or from the
 * build it already holds. */
static int
build_side(struct tzf_cmp_side *s, const struct tzf_switches *sw,
    struct tzf_diag *dg)
{
	const char *text;
	size_t len;
	int rc = TZF_OK;

	if (s->build == NULL)
		rc = tzf_build_release(&s->build, s->tree, sw, dg);
	if (rc == TZF_OK)
		rc = tzf_histset_from_build(&s->hs, s->build, dg);
	/* Errors zic would stop on (a link cycle, a link to nowhere) make
	 * the build unusable for a report. */
	if (rc == TZF_OK && dg->nerr > 0)
		rc = TZF_EINVAL;
	if (rc == TZF_OK) {
		text = tzf_build_text(s->build, &len);
		rc = scan_aliases(s, text, len);
	}
	if (rc == TZF_OK)
		rc = read_backzone(s);
	if (rc == TZF_OK)
		rc = read_tables(s);
	if (rc == TZF_OK)
		scan_date(s);
	return rc;
}

int
tzf__cmp_side_from_build(struct tzf_cmp_side **out, struct tzf_tree *tree,
    struct tzf_build *build, const struct tzf_switches *sw,
    struct tzf_diag *updg)
{
	struct tzf_diag own = { forward, updg, 0, 0 };
	struct tzf_switches def = TZF_SWITCHES_INIT;
	struct tzf_cmp_side *s;
	int rc;

	*out = NULL;
	if (sw == NULL)
		sw = &def;
	s = tzf__calloc(1, sizeof *s);
	if (s == NULL) {
		tzf_build_free(build);
		tzf_tree_free(tree);
		return TZF_ENOMEM;
	}
	s->tree = tree;
	s->build = build;
	s->dataform = dup0(sw->dataform ? sw->dataform : "main");
	s->packratlist = dup0(sw->packratlist);
	s->backzone = sw->backzone;
	s->backward = sw->backward;
	s->src = tzf__calloc(1, sizeof *s->src);
	s->hdr = tzf__calloc(1, sizeof *s->hdr);
	rc = s->dataform == NULL || s->src == NULL || s->hdr == NULL ||
	    (sw->packratlist && !s->packratlist) ? TZF_ENOMEM :
	    build_side(s, sw, &own);
	if (rc < 0) {
		tzf_cmp_side_free(s);
		return rc;
	}
	*out = s;
	return TZF_OK;
}

/* Side *OUT from TREE, which it owns from now on, even on failure. */
static int
side_new(struct tzf_cmp_side **out, struct tzf_tree *tree,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	return tzf__cmp_side_from_build(out, tree, NULL, sw, dg);
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
	return side_new(out, t, sw, dg);
}

void
tzf_cmp_side_free(struct tzf_cmp_side *s)
{
	size_t i;

	if (s == NULL)
		return;
	tzf_histset_free(s->hs);
	tzf_build_free(s->build);	/* before the tree it reads */
	tzf_tree_free(s->tree);
	tzf__free(s->dataform);
	tzf__free(s->packratlist);
	if (s->hdr != NULL)
		tzf__lines_free(&s->hdr->lines);
	tzf__free(s->hdr);
	tzf_db_free(s->bz);
	tzf__free(s->bzsorted);
	for (i = 0; i < NTABLES; i++)
		table_free(&s->tabs[i]);
	for (i = 0; i < s->naliases; i++) {
		tzf__free(s->aliases[i].name);
		tzf__free(s->aliases[i].alias_of);
	}
	tzf__free(s->aliases);
	srccache_free(s->src);
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
	struct tzf_switches def = TZF_SWITCHES_INIT;

	*out = def;
	out->dataform = s->dataform;
	out->backzone = s->backzone;
	out->packratlist = s->packratlist;
	out->backward = s->backward;
}

/* The header, made on first use; empty when it cannot be made. */
static const struct header *
header(const struct tzf_cmp_side *s)
{
	if (!s->hdr->made && scan_header(s->hdr, s) < 0)
		tzf__lines_free(&s->hdr->lines);
	s->hdr->made = true;
	return s->hdr;
}

size_t
tzf_cmp_side_nheader(const struct tzf_cmp_side *s)
{
	return header(s)->lines.n;
}

const char *
tzf_cmp_side_header(const struct tzf_cmp_side *s, size_t i)
{
	const struct header *h = header(s);

	return i < h->lines.n ? h->lines.v[i] : NULL;
}

bool
tzf_cmp_side_date(int64_t *out, const struct tzf_cmp_side *s)
{
	if (s->hasdate)
		*out = s->date;
	return s->hasdate;
}

bool
tzf__source_text(const char **out, size_t *len, const struct tzf_build *b,
    const char *file)
{
	const struct tzf_tree *t = tzf_build_tree(b);

	if (tzf_tree_file(out, len, t, file) == TZF_OK)
		return true;
	/* Lines no origin covers are named after the generated text. */
	if (strcmp(file, tzf_build_name(b)) == 0) {
		*out = tzf_build_text(b, len);
		return true;
	}
	return false;
}

/*
 * Line LINE of FILE as the side holds it: [*OUT, *OUT + *LEN), or false
 * when there is no such line.
 */
bool
tzf__side_line(const char **out, size_t *len, const struct tzf_cmp_side *s,
    const char *file, long line)
{
	struct srccache *sc = s->src;
	struct srcfile *f = NULL;
	size_t i, end;

	if (file == NULL || line < 1)
		return false;
	for (i = 0; i < sc->n && f == NULL; i++)
		if (strcmp(sc->f[i].name, file) == 0)
			f = &sc->f[i];
	if (f == NULL) {
		struct srcfile nf = { file, NULL, 0, NULL, 0 };

		if (s->build == NULL ||
		    !tzf__source_text(&nf.text, &nf.len, s->build, file))
			return false;
		if (!tzf__grow(&sc->f, &sc->nalloc, sc->n + 1, sizeof *sc->f)
		    || index_lines(&nf) < 0)
			return false;
		sc->f[sc->n] = nf;
		f = &sc->f[sc->n++];
	}
	if ((size_t)line > f->n)
		return false;
	*out = f->text + f->off[line - 1];
	end = (size_t)line < f->n ? f->off[line] : f->len;
	*len = end - f->off[line - 1];
	while (*len > 0 && ((*out)[*len - 1] == '\n' ||
	    (*out)[*len - 1] == '\r'))
		(*len)--;
	return true;
}

bool
tzf__side_bz(const char **file, long *line, const struct tzf_cmp_side *s,
    const char *name)
{
	ptrdiff_t k = bz_find(s, name);

	if (k >= 0)
		tzf_db_zone_where(file, line, s->bz, (size_t)k);
	return k >= 0;
}
