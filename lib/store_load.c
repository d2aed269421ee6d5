/*
 * store_load.c: loading the store (lib/store.c opens it).
 * tzf_store_load() compiles a source tree exactly as zic does (through
 * lib/history.c) and writes it as one release, in one transaction:
 * names with provenance, the source lines of zones and rules, shared
 * content-addressed histories (TZif bytes plus their transitions),
 * countries and leap seconds; tzf_store_load_compiled() stores TZif
 * files that have no source.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tzf_storedb.h"

/* ------------------------------------------------------------------ */
/* Loading: where each line of the zic input came from */

struct linemap {
	const char **starts;	/* start of each line of the zic input */
	size_t *lens;
	long nlines;
	const struct tzf_origin *origins;	/* where each line came from */
	struct tzf_origin *own;	/* origins when extra files were added */
	size_t nown;
};

static long
count_lines(const char *s, size_t len)
{
	long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n + (len > 0 && s[len - 1] != '\n');
}

static int
map_lines(struct linemap *m, const char *text, size_t len)
{
	size_t i, n = 0, start = 0;

	m->nlines = count_lines(text, len);
	m->starts = tzf__calloc((size_t)m->nlines + 1, sizeof *m->starts);
	m->lens = tzf__calloc((size_t)m->nlines + 1, sizeof *m->lens);
	if (m->starts == NULL || m->lens == NULL)
		return TZF_ENOMEM;
	for (i = 0; i <= len && n < (size_t)m->nlines; i++)
		if (i == len || text[i] == '\n') {
			m->starts[n] = text + start;
			m->lens[n++] = i - start;
			start = i + 1;
		}
	return TZF_OK;
}

/*
 * The line of the zic input that line LINE of FILE became, 0-based, or
 * -1.  A file's lines are one run of the input in increasing order
 * (release.c), so a binary search within the run finds it.
 */
static long
map_find(const struct linemap *m, const char *file, long line)
{
	long lo = 0, hi, mid;

	while (lo < m->nlines && strcmp(m->origins[lo].file, file) != 0)
		lo++;
	for (hi = lo; hi < m->nlines && strcmp(m->origins[hi].file, file) ==
	    0; hi++)
		continue;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->origins[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nlines && strcmp(m->origins[lo].file, file) == 0 &&
	    m->origins[lo].line == line ? lo : -1;
}

static void
map_free(struct linemap *m)
{
	tzf__free(m->starts);
	tzf__free(m->lens);
	tzf__free(m->own);
}

/* ------------------------------------------------------------------ */
/* Loading: compile, with zic's messages passed on */

struct cmsg {
	struct tzf_msg m;
	char *file, *rfile, *text;
};

/* A sink that keeps messages until we know which attempt counts. */
struct capture {
	struct tzf_diag dg;
	struct cmsg *v;
	size_t n, nalloc;
	bool oom;
};

static void
capture_fn(void *payload, const struct tzf_msg *m)
{
	struct capture *c = payload;
	struct cmsg *e;

	if (!tzf__grow(&c->v, &c->nalloc, c->n + 1, sizeof *c->v)) {
		c->oom = true;
		return;
	}
	e = &c->v[c->n++];
	e->m = *m;
	e->file = tzf__strdup(m->file);
	e->rfile = tzf__strdup(m->rfile);
	e->text = tzf__strdup(m->text);
	e->m.file = e->file;
	e->m.rfile = e->rfile;
	e->m.text = e->text != NULL ? e->text : "out of memory";
}

/* Pass the kept messages on (they name the source files already). */
static void
capture_replay(struct capture *c, struct tzf_diag *dg)
{
	size_t i;

	for (i = 0; i < c->n && dg != NULL; i++) {
		if (c->v[i].m.sev == TZF_SEV_ERR)
			dg->nerr++;
		else if (c->v[i].m.sev == TZF_SEV_WARN)
			dg->nwarn++;
		if (dg->fn != NULL)
			dg->fn(dg->payload, &c->v[i].m);
	}
}

static void
capture_free(struct capture *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		tzf__free(c->v[i].file);
		tzf__free(c->v[i].rfile);
		tzf__free(c->v[i].text);
	}
	tzf__free(c->v);
	memset(c, 0, sizeof *c);
}

/* Comment out the Zone Factory line(s) of a zic input, keeping lines. */
static bool
drop_factory(char *text, size_t len)
{
	size_t i = 0;
	bool found = false;

	while (i < len) {
		char *p = text + i, *nl = memchr(p, '\n', len - i);
		size_t n = nl ? (size_t)(nl - p) : len - i;

		if (!found && n > 12 && strncmp(p, "Zone", 4) == 0 &&
		    (p[4] == ' ' || p[4] == '\t')) {
			char *q = p + 4;

			while (*q == ' ' || *q == '\t')
				q++;
			if (strncmp(q, "Factory", 7) == 0 &&
			    (q[7] == ' ' || q[7] == '\t')) {
				p[0] = '#';
				found = true;
			}
		}
		i += n + 1;
	}
	return found;
}

/* Whether an error points into a file whose name starts with the N bytes
 * of FILE (N counting the NUL: that file exactly): the Zone Factory line,
 * or the solar87-89 files of old releases. */
static bool
blames(const struct capture *c, const char *file, size_t n)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i].m.sev == TZF_SEV_ERR && c->v[i].m.file != NULL &&
		    strncmp(c->v[i].m.file, file, n) == 0)
			return true;
	return false;
}

/* Comment out every line of TEXT that came from solar87-89. */
static bool
drop_solar(const struct linemap *m)
{
	bool found = false;
	long i;

	for (i = 0; i < m->nlines; i++)
		if (strncmp(m->origins[i].file, "solar8", 6) == 0 &&
		    m->lens[i] > 0 && m->starts[i][0] != '#') {
			*(char *)m->starts[i] = '#';
			found = true;
		}
	return found;
}

static int
compile_once(struct tzf_histset **out, const char *text, size_t len,
    const char *name, const struct linemap *m, struct capture *c)
{
	int rc;

	memset(c, 0, sizeof *c);
	c->dg.fn = capture_fn;
	c->dg.payload = c;
	rc = tzf_histset_from_mapped(out, name, text, len, m->origins,
	    (size_t)m->nlines, &c->dg);
	if (rc == TZF_OK && c->dg.nerr > 0) {
		tzf_histset_free(*out);
		*out = NULL;
		rc = TZF_EINVAL;
	}
	return rc;
}

/*
 * The histories of zic input TEXT (lines from where M says).  zic 2026c
 * cannot compile two things of old releases that the zic of their day
 * did: an old Factory zone's long abbreviation, which it writes into a
 * footer RFC 9636 readers refuse (releases before 2016g), and the
 * solar87 zone of the Makefile's SDATA (up to 2013h).  Such a release
 * is loaded without them, with a warning.
 */
static int
compile(struct tzf_histset **out, char *text, size_t len, const char *name,
    const struct linemap *m, struct tzf_diag *dg)
{
	struct capture c;
	int rc;

	for (;;) {
		rc = compile_once(out, text, len, name, m, &c);
		if (rc >= 0 || rc == TZF_ENOMEM)
			break;
		if (blames(&c, "Factory", sizeof "Factory") &&
		    drop_factory(text, len))
			tzf__diag(dg, TZF_SEV_WARN, name, 0, "zone 'Factory' "
			    "left out: its abbreviation cannot be written in a "
			    "TZ string");
		else if (blames(&c, "solar8", 6) && drop_solar(m))
			tzf__diag(dg, TZF_SEV_WARN, name, 0, "solar87, solar88 "
			    "and solar89 left out: zic 2026c rejects their "
			    "zones");
		else
			break;
		capture_free(&c);
	}
	capture_replay(&c, dg);
	if (c.oom && rc == TZF_OK)
		rc = TZF_ENOMEM;
	capture_free(&c);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Loading: writing rows */

struct loader {
	struct tzf_store *st;
	struct tzf_diag *dg;
	sqlite3_int64 rel;
	struct linemap map;
	const struct tzf_histset *hs;
	struct tzf_load_stats stats;
	int64_t horizon;	/* implied rows before this instant */
	/* where the release comes from (columns of table release) */
	const char *spec, *version, *kind, *commit;
	char *origin;
};

static int
text_id(sqlite3_int64 *out, struct loader *L, const char *p, size_t len)
{
	sqlite3_stmt *s = tzf__stmt(L->st, S_TEXT_FIND, L->dg);
	int rc;

	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_text(s, 1, p, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		return TZF_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return tzf__sqlerr(L->st, L->dg, "database error");
	s = tzf__stmt(L->st, S_TEXT_INS, L->dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_text(s, 1, p, (int)len, SQLITE_STATIC);
	rc = tzf__sqlrun(L->st, s, L->dg);
	*out = sqlite3_last_insert_rowid(L->st->db);
	return rc;
}

/* The text of line LINE of FILE as it reached zic (after the data form
 * conversion). */
static int
line_text(sqlite3_int64 *out, struct loader *L, const char *file, long line)
{
	long i = map_find(&L->map, file, line);

	if (i < 0)
		return text_id(out, L, "", 0);
	return text_id(out, L, L->map.starts[i], L->map.lens[i]);
}

static int
add_row(struct loader *L, sqlite3_int64 hid, int64_t at,
    const struct tzf_local *lo, bool implied)
{
	sqlite3_stmt *s = tzf__stmt(L->st, S_TRANS_INS, L->dg);

	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, hid);
	sqlite3_bind_int64(s, 2, at);
	sqlite3_bind_int(s, 3, lo->utoff);
	sqlite3_bind_int(s, 4, lo->isdst);
	tzf__bind_text(s, 5, lo->abbr);
	sqlite3_bind_int(s, 6, implied);
	return tzf__sqlrun(L->st, s, L->dg);
}

struct implied {
	struct loader *L;
	sqlite3_int64 hid;
};

static int
add_implied(void *payload, const struct tzf_change *c)
{
	struct implied *im = payload;

	return add_row(im->L, im->hid, c->at, &c->after, true);
}

/* The changes TZ's footer implies after its last explicit transition,
 * from FROM (or that transition) up to the horizon. */
static int
add_footer_rows(struct loader *L, sqlite3_int64 hid,
    const struct tzf_tzif *tz, int64_t from)
{
	const struct tzf_tzif_block *b = tz->version >= 2 ? &tz->v2 : &tz->v1;
	struct tzf_timeline tl;
	struct implied im = { L, hid };
	int rc;

	if (b->timecnt > 0 && from <= b->times[b->timecnt - 1])
		from = b->times[b->timecnt - 1] + 1;
	if (from >= L->horizon)
		return TZF_OK;
	rc = tzf_timeline_init(&tl, tz);
	if (rc < 0 || !tl.rules)
		return rc;
	/* a footer alone: its changes from the start of its walk */
	return tzf_timeline_changes(&tl, from, L->horizon - 1, add_implied,
	    &im);
}

static int
add_transitions(struct loader *L, sqlite3_int64 hid,
    const struct tzf_tzif *tz)
{
	const struct tzf_tzif_block *b = tz->version >= 2 ? &tz->v2 : &tz->v1;
	struct tzf_zinfo z;
	struct tzf_local lo;
	uint32_t i;
	int rc;

	memset(&z, 0, sizeof z);
	z.tzif = (struct tzf_tzif *)tz;
	for (i = 0; i <= b->timecnt; i++) {
		int64_t at = i == 0 ? INT64_MIN : b->times[i - 1];

		/* lookups without the footer: each row is the TZif type */
		rc = tzf_zinfo_at(&lo, NULL, &z, at);
		if (rc == TZF_OK)
			rc = add_row(L, hid, at, &lo, false);
		if (rc < 0)
			return rc;
	}
	return add_footer_rows(L, hid, tz, INT64_MIN + 1);
}

/* A history stored by an earlier load with a nearer horizon: the rows
 * up to this load's horizon. */
static int
extend_history(struct loader *L, sqlite3_int64 hid, int64_t horizon,
    const struct tzf_tzif *tz)
{
	sqlite3_stmt *s;
	int rc;

	rc = add_footer_rows(L, hid, tz, horizon);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(L->st->db, "UPDATE history SET horizon = ?1 "
	    "WHERE id = ?2", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(L->st, L->dg, "cannot prepare statement");
	sqlite3_bind_int64(s, 1, L->horizon);
	sqlite3_bind_int64(s, 2, hid);
	rc = tzf__sqlrun(L->st, s, L->dg);
	sqlite3_finalize(s);
	return rc;
}

static int
history_id(sqlite3_int64 *out, char sha[65], struct loader *L,
    const void *bytes, size_t len, const struct tzf_tzif *tz)
{
	unsigned char d[TZF__SHA256_LEN];
	const struct tzf_tzif_block *b;
	sqlite3_stmt *s;
	int rc;

	tzf__sha256(d, bytes, len);
	tzf__hex64(sha, d);
	s = tzf__stmt(L->st, S_HIST_FIND, L->dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_text(s, 1, sha, 64, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		int64_t horizon = sqlite3_column_int64(s, 1);

		*out = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		L->stats.nhist_shared++;
		if (horizon < L->horizon)
			return extend_history(L, *out, horizon, tz);
		return TZF_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return tzf__sqlerr(L->st, L->dg, "database error");
	b = tz->version >= 2 ? &tz->v2 : &tz->v1;
	s = tzf__stmt(L->st, S_HIST_INS, L->dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_text(s, 1, sha, 64, SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, bytes, (int)len, SQLITE_STATIC);
	tzf__bind_text(s, 3, tz->footer != NULL ? tz->footer : "");
	sqlite3_bind_int64(s, 4, b->timecnt);
	sqlite3_bind_int64(s, 5, L->horizon);
	rc = tzf__sqlrun(L->st, s, L->dg);
	if (rc < 0)
		return rc;
	*out = sqlite3_last_insert_rowid(L->st->db);
	L->stats.nhist_new++;
	return add_transitions(L, *out, tz);
}

static int
add_zone_lines(struct loader *L, size_t i, const char *zone)
{
	const struct tzf_span *sp;
	sqlite3_int64 tid;
	sqlite3_stmt *s;
	const char *file;
	long line;
	size_t n, k;
	int rc;

	sp = tzf_histset_spans(&n, L->hs, i);
	for (k = 0; k < n; k++) {
		file = sp[k].file;
		line = sp[k].line;
		rc = line_text(&tid, L, file, line);
		if (rc < 0)
			return rc;
		s = tzf__stmt(L->st, S_ZLINE_INS, L->dg);
		if (s == NULL)
			return TZF_ERROR;
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, zone);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)k);
		if (sp[k].start == INT64_MIN)
			sqlite3_bind_null(s, 4);
		else
			sqlite3_bind_int64(s, 4, sp[k].start);
		tzf__bind_text(s, 5, file);
		sqlite3_bind_int64(s, 6, line);
		sqlite3_bind_int64(s, 7, tid);
		rc = tzf__sqlrun(L->st, s, L->dg);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

static int
add_names(struct loader *L)
{
	size_t i, n = tzf_histset_count(L->hs), len;
	sqlite3_int64 hid;
	char sha[65];
	int rc;

	for (i = 0; i < n; i++) {
		const struct tzf_name *nm = tzf_histset_name(L->hs, i);
		const struct tzf_tzif *tz = tzf_histset_tzif(L->hs, i);
		const void *bytes = tzf_histset_bytes(&len, L->hs, i);
		const char *file;
		sqlite3_stmt *s;
		long line;

		hid = 0;
		if (tz != NULL) {
			rc = history_id(&hid, sha, L, bytes, len, tz);
			if (rc < 0)
				return rc;
		}
		file = nm->file;
		line = nm->line;
		s = tzf__stmt(L->st, S_NAME_INS, L->dg);
		if (s == NULL)
			return TZF_ERROR;
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, nm->name);
		tzf__bind_text(s, 3, nm->islink ? "link" : "zone");
		tzf__bind_text(s, 4, nm->islink ? nm->target : NULL);
		tzf__bind_text(s, 5, tz != NULL ? nm->zone : NULL);
		if (tz != NULL)
			sqlite3_bind_int64(s, 6, hid);
		tzf__bind_text(s, 7, file);
		sqlite3_bind_int64(s, 8, line);
		rc = tzf__sqlrun(L->st, s, L->dg);
		if (rc < 0)
			return rc;
		if (!nm->islink) {
			rc = add_zone_lines(L, i, nm->name);
			if (rc < 0)
				return rc;
		}
		L->stats.nnames++;
	}
	return TZF_OK;
}

static int
rulecmp(const void *a, const void *b)
{
	const struct tzf_rule *x = *(const struct tzf_rule *const *)a;
	const struct tzf_rule *y = *(const struct tzf_rule *const *)b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
add_rules(struct loader *L)
{
	const struct tzf_db *db = tzf_histset_db(L->hs);
	const struct tzf_rule **v;
	sqlite3_int64 tid;
	size_t i, seq = 0;
	int rc = TZF_OK;

	if (db->nrules == 0)
		return TZF_OK;
	v = tzf__malloc(db->nrules * sizeof *v);
	if (v == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < db->nrules; i++)
		v[i] = &db->rules[i];
	qsort(v, db->nrules, sizeof *v, rulecmp);
	for (i = 0; i < db->nrules && rc == TZF_OK; i++) {
		const char *file;
		sqlite3_stmt *s;
		long line;

		if (i > 0 && strcmp(v[i]->name, v[i - 1]->name) == 0)
			seq++;
		else
			seq = 0;
		file = v[i]->file;
		line = v[i]->line;
		rc = line_text(&tid, L, file, line);
		if (rc < 0)
			break;
		s = tzf__stmt(L->st, S_RLINE_INS, L->dg);
		if (s == NULL) {
			rc = TZF_ERROR;
			break;
		}
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, v[i]->name);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)seq);
		tzf__bind_text(s, 4, file);
		sqlite3_bind_int64(s, 5, line);
		sqlite3_bind_int64(s, 6, tid);
		rc = tzf__sqlrun(L->st, s, L->dg);
	}
	tzf__free(v);
	return rc;
}

static int
add_files(struct loader *L, const struct tzf_tree *t)
{
	size_t i;
	char sha[65];
	int rc;

	for (i = 0; i < tzf_tree_nfiles(t); i++) {
		const char *name = tzf_tree_name(t, i);
		sqlite3_stmt *s;

		if (tzf_tree_sha256(sha, t, name) < 0)
			continue;
		s = tzf__stmt(L->st, S_FILE_INS, L->dg);
		if (s == NULL)
			return TZF_ERROR;
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, name);
		tzf__bind_text(s, 3, sha);
		rc = tzf__sqlrun(L->st, s, L->dg);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

static int
bind_len(sqlite3_stmt *s, int i, const char *p, size_t len)
{
	return sqlite3_bind_text(s, i, p, (int)len, SQLITE_TRANSIENT);
}

/* Where the rows of one table file go. */
struct tab_load {
	struct loader *L;
	const char *tab;
	long seq;		/* data lines stored so far */
};

/* An iso3166.tab line: a country and its name. */
static int
add_country(struct tab_load *T, const struct tzf__tabline *l)
{
	struct loader *L = T->L;
	sqlite3_stmt *s;

	if (l->nf < 2)
		return TZF_OK;
	s = tzf__stmt(L->st, S_COUNTRY_INS, L->dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, L->rel);
	bind_len(s, 2, l->f[0], l->fl[0]);
	bind_len(s, 3, l->f[1], l->fl[1]);
	return tzf__sqlrun(L->st, s, L->dg);
}

/* A zone table line: one row per country code of its first field. */
static int
add_tab_line(void *payload, const struct tzf__tabline *l)
{
	struct tab_load *T = payload;
	struct loader *L = T->L;
	const char *cc;
	size_t k;
	int rc;

	if (tzf__table_is_countries(T->tab))
		return add_country(T, l);
	if (l->nf < 3)
		return TZF_OK;
	for (cc = l->f[0], k = 0; k <= l->fl[0]; k++) {
		sqlite3_stmt *s;

		if (k < l->fl[0] && l->f[0][k] != ',')
			continue;
		s = tzf__stmt(L->st, S_TAB_INS, L->dg);
		if (s == NULL)
			return TZF_ERROR;
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, T->tab);
		sqlite3_bind_int64(s, 3, T->seq);
		bind_len(s, 4, cc, (size_t)(l->f[0] + k - cc));
		bind_len(s, 5, l->f[1], l->fl[1]);
		bind_len(s, 6, l->f[2], l->fl[2]);
		bind_len(s, 7, l->nf > 3 ? l->f[3] : "",
		    l->nf > 3 ? l->fl[3] : 0);
		rc = tzf__sqlrun(L->st, s, L->dg);
		if (rc < 0)
			return rc;
		cc = l->f[0] + k + 1;
	}
	T->seq++;
	return TZF_OK;
}

/* Store table file TAB of T (lib/tables.c reads it), if T has it. */
static int
add_tab(struct loader *L, const struct tzf_tree *t, const char *tab)
{
	struct tab_load T = { L, tab, 0 };
	const char *text;
	size_t len;

	if (tzf_tree_file(&text, &len, t, tab) != TZF_OK)
		return TZF_OK;
	return tzf__table_each(text, len, add_tab_line, &T);
}

static bool
parse_i64(const char **sp, int64_t *out)
{
	const char *s = *sp;
	int64_t v = 0;
	bool neg = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s++ - '0');
	}
	*out = neg ? -v : v;
	*sp = s;
	return true;
}

#define NTP_TO_POSIX ((int64_t)2208988800)

static int
insert_leap(struct loader *L, int64_t when, int64_t total)
{
	sqlite3_stmt *s = tzf__stmt(L->st, S_LEAP_INS, L->dg);

	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, L->rel);
	sqlite3_bind_int64(s, 2, when);
	sqlite3_bind_int64(s, 3, total);
	return tzf__sqlrun(L->st, s, L->dg);
}

/* Leap seconds from leap-seconds.list (NTP times, TAI - UTC). */
static int
leaps_from_list(struct loader *L, const char *text, int64_t *expires)
{
	const char *p;
	int64_t ntp, tai;
	int rc;

	for (p = text; p != NULL && *p != '\0'; ) {
		const char *q = p;

		if (strncmp(p, "#@", 2) == 0) {
			q = p + 2;
			if (parse_i64(&q, &ntp))
				*expires = ntp - NTP_TO_POSIX;
		} else if (*p != '#' && parse_i64(&q, &ntp) &&
		    parse_i64(&q, &tai) && tai > 10) {
			rc = insert_leap(L, ntp - NTP_TO_POSIX, tai - 10);
			if (rc < 0)
				return rc;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return TZF_OK;
}

/*
 * Leap seconds from the zic-format leapseconds file, which is all that
 * releases before 2014a ship: parsed as zic -L parses it, each Leap
 * line's instant and the running total of corrections.
 */
static int
leaps_from_zic_file(struct loader *L, const char *text, size_t len,
    int64_t *expires)
{
	static const struct tzf_zic_opts opts = TZF_ZIC_OPTS_INIT;
	struct tzf_db *db;
	int64_t total = 0;
	size_t i;
	int rc;

	rc = tzf_db_new(&db, &opts, L->dg);
	if (rc < 0)
		return rc;
	rc = tzf_db_parse(db, "leapseconds", text, len, true);
	for (i = 0; rc == TZF_OK && i < db->nleaps; i++) {
		total += db->leaps[i].corr;
		rc = insert_leap(L, db->leaps[i].trans, total);
	}
	if (rc == TZF_OK && db->leapexpires >= 0)
		*expires = db->leapexpires;
	tzf_db_free(db);
	return rc;
}

/* The tree's leap seconds: leap-seconds.list, else leapseconds. */
static int
add_leaps(struct loader *L, const struct tzf_tree *t, int64_t *expires)
{
	const char *text;
	size_t len;

	*expires = INT64_MIN;
	if (tzf_tree_file(&text, &len, t, "leap-seconds.list") == TZF_OK)
		return leaps_from_list(L, text, expires);
	if (tzf_tree_file(&text, &len, t, "leapseconds") == TZF_OK)
		return leaps_from_zic_file(L, text, len, expires);
	return TZF_OK;
}

/* Where a release comes from: REPO or FORK of REPO@REF, else "". */
static char *
origin_of(const struct tzf_tree *t)
{
	const char *spec = tzf_tree_spec(t), *at;
	enum tzf_tree_kind k = tzf_tree_kind(t);
	char *o;

	if (k != TZF_TREE_GIT && k != TZF_TREE_FORK)
		return tzf__strdup("");
	at = strrchr(spec, '@');
	if (at == NULL)
		return tzf__strdup(spec);
	o = tzf__malloc((size_t)(at - spec) + 1);
	if (o != NULL) {
		memcpy(o, spec, (size_t)(at - spec));
		o[at - spec] = '\0';
	}
	return o;
}

static int
add_release(struct loader *L, const struct tzf_switches *sw,
    const char *label, const char *zisha)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(L->st->db, "INSERT INTO release (label, seq, "
	    "version, spec, origin, kind, commit_id, dataform, backzone, "
	    "packratlist, backward, zic_sha256, horizon) VALUES (?1, "
	    "(SELECT coalesce(max(seq), 0) + 1 FROM release), ?2, ?3, ?4, "
	    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", -1, &s, NULL) !=
	    SQLITE_OK)
		return tzf__sqlerr(L->st, L->dg, "cannot prepare statement");
	tzf__bind_text(s, 1, label);
	tzf__bind_text(s, 2, L->version);
	tzf__bind_text(s, 3, L->spec);
	tzf__bind_text(s, 4, L->origin);
	tzf__bind_text(s, 5, L->kind);
	tzf__bind_text(s, 6, L->commit);
	tzf__bind_text(s, 7, sw->dataform != NULL ? sw->dataform : "main");
	sqlite3_bind_int(s, 8, sw->backzone);
	tzf__bind_text(s, 9, sw->packratlist);
	sqlite3_bind_int(s, 10, sw->backward);
	tzf__bind_text(s, 11, zisha);
	sqlite3_bind_int64(s, 12, L->horizon);
	rc = tzf__sqlrun(L->st, s, L->dg);
	sqlite3_finalize(s);
	L->rel = sqlite3_last_insert_rowid(L->st->db);
	return rc;
}

static int
set_expiry(struct loader *L, int64_t expires)
{
	sqlite3_stmt *s;
	int rc;

	if (expires == INT64_MIN)
		return TZF_OK;
	if (sqlite3_prepare_v2(L->st->db, "UPDATE release SET leap_expires = "
	    "?1 WHERE id = ?2", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(L->st, L->dg, "cannot prepare statement");
	sqlite3_bind_int64(s, 1, expires);
	sqlite3_bind_int64(s, 2, L->rel);
	rc = tzf__sqlrun(L->st, s, L->dg);
	sqlite3_finalize(s);
	return rc;
}

/*
 * Drop an existing release LABEL (true in *GONE if there was one): when
 * it came from the same spec or commit with the same switches, or with
 * REPLACE; otherwise refuse, naming where it came from.
 */
static int
drop_release(struct loader *L, const struct tzf_switches *sw,
    const char *label, bool replace, bool *gone)
{
	sqlite3_stmt *s;
	char *spec = NULL;
	bool oom = false, same;
	int rc;

	*gone = false;
	if (sqlite3_prepare_v2(L->st->db, "SELECT spec, "
	    "(commit_id IS NOT NULL AND commit_id = ?2) OR spec = ?3, "
	    "dataform = ?4 AND backzone = ?5 AND packratlist IS ?6 AND "
	    "backward = ?7 FROM release WHERE label = ?1", -1, &s, NULL) !=
	    SQLITE_OK)
		return tzf__sqlerr(L->st, L->dg, "cannot prepare statement");
	tzf__bind_text(s, 1, label);
	tzf__bind_text(s, 2, L->commit);
	tzf__bind_text(s, 3, L->spec);
	tzf__bind_text(s, 4, sw->dataform != NULL ? sw->dataform : "main");
	sqlite3_bind_int(s, 5, sw->backzone);
	tzf__bind_text(s, 6, sw->packratlist);
	sqlite3_bind_int(s, 7, sw->backward);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		spec = tzf__col_dup(s, 0, &oom);
		same = sqlite3_column_int(s, 1) && sqlite3_column_int(s, 2);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return TZF_OK;
	if (rc != SQLITE_ROW || oom) {
		tzf__free(spec);
		return oom ? TZF_ENOMEM : tzf__sqlerr(L->st, L->dg,
		    "database error");
	}
	if (!same && !replace) {
		tzf__diag(L->dg, TZF_SEV_ERR, L->st->path, 0,
		    "release '%s' was "
		    "loaded from '%s'%s; give another label (--release) or "
		    "--replace", label, spec, "");
		tzf__free(spec);
		return TZF_EINVAL;
	}
	tzf__free(spec);
	if (sqlite3_prepare_v2(L->st->db, "DELETE FROM release WHERE label = "
	    "?1", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(L->st, L->dg, "cannot prepare statement");
	tzf__bind_text(s, 1, label);
	rc = tzf__sqlrun(L->st, s, L->dg);
	sqlite3_finalize(s);
	*gone = sqlite3_changes(L->st->db) > 0;
	return rc;
}

/* Histories and source lines nothing refers to any more. */
static int
collect_garbage(struct loader *L)
{
	return tzf__sqlexec(L->st, "DELETE FROM history WHERE id NOT IN "
	    "(SELECT history_id FROM name WHERE history_id IS NOT NULL); "
	    "DELETE FROM source_text WHERE id NOT IN "
	    "(SELECT text_id FROM zone_line UNION "
	    "SELECT text_id FROM rule_line)", L->dg);
}

/* The first Link line of TEXT (without its newline), or NULL. */
static const char *
first_link(const char *text, size_t *len)
{
	const char *p;

	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, "Link", 4) == 0 && (p[4] == ' ' ||
		    p[4] == '\t')) {
			*len = strcspn(p, "\n");
			return p;
		}
	return NULL;
}

/* Does TEXT hold the line LINE[0..N)? */
static bool
has_line(const char *text, const char *line, size_t n)
{
	const char *p;

	for (p = text; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

/*
 * Append to the zic input ZI (build B's text) each file of NAMES that the
 * tree has and the input lacks (judged by the file's first Link line),
 * and set M's origins to cover them: the file set of the published
 * tzvalidate files includes pacificnew where a release ships it, though
 * its Makefile's TDATA may not.
 */
static int
add_extra_files(struct tzf_buf *zi, struct linemap *m,
    const struct tzf_build *b, const char *const *names)
{
	const struct tzf_tree *t = tzf_build_tree(b);
	const char *text, *link;
	size_t len, ll, n, nlines, i;
	const struct tzf_origin *o = tzf_build_origins(b, &n);

	/* Where each line comes from: the build's lines, then the files'. */
	nlines = n;
	for (; names != NULL && *names != NULL; names++) {
		if (tzf_tree_file(&text, &len, t, *names) != TZF_OK)
			continue;
		link = first_link(text, &ll);
		if (link == NULL || has_line(zi->ptr, link, ll))
			continue;
		if (zi->len > 0 && zi->ptr[zi->len - 1] != '\n')
			tzf_buf_add(zi, "\n", 1);
		tzf_buf_add(zi, text, len);
		if (!tzf__grow(&m->own, &m->nown, nlines +
		    (size_t)count_lines(text, len), sizeof *m->own))
			return TZF_ENOMEM;
		if (nlines == n && n > 0)
			memcpy(m->own, o, n * sizeof *o);
		for (i = 0; i < (size_t)count_lines(text, len); i++) {
			m->own[nlines].file = *names;
			m->own[nlines++].line = (long)i + 1;
		}
	}
	m->origins = m->own != NULL ? m->own : o;
	return zi->oom ? TZF_ENOMEM : TZF_OK;
}

/* A label is a name to type and print: no control bytes, not empty. */
static int
check_label(const char *label, struct tzf_diag *dg)
{
	const unsigned char *p;

	for (p = (const unsigned char *)label; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			break;
	if (*label != '\0' && *p == '\0')
		return TZF_OK;
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "label '%s' is empty or holds a "
	    "control byte", label);
	return TZF_EINVAL;
}

/* The rows of one compiled release, in one transaction. */
static int
write_release(struct loader *L, const struct tzf_tree *t,
    const struct tzf_switches *sw, const struct tzf_load_opts *o,
    const char *label, const char *zisha)
{
	struct tzf_store *st = L->st;
	int64_t expires;
	bool gone = false;
	int i, rc;

	memset(&L->stats, 0, sizeof L->stats);
	rc = tzf__sqlexec(st, "BEGIN IMMEDIATE", L->dg);
	if (rc < 0)
		return rc;
	rc = drop_release(L, sw, label, o->replace, &gone);
	if (rc == TZF_OK)
		rc = add_release(L, sw, label, zisha);
	if (rc == TZF_OK)
		rc = add_files(L, t);
	if (rc == TZF_OK)
		rc = add_names(L);
	if (rc == TZF_OK)
		rc = add_rules(L);
	for (i = 0; rc == TZF_OK && i < TZF__NTABLES; i++)
		rc = add_tab(L, t, tzf__table_files[i]);
	if (rc == TZF_OK)
		rc = add_leaps(L, t, &expires);
	if (rc == TZF_OK)
		rc = set_expiry(L, expires);
	if (rc == TZF_OK && gone)
		rc = collect_garbage(L);
	if (rc == TZF_OK)
		rc = tzf__sqlexec(st, "COMMIT", L->dg);
	if (rc < 0)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	L->stats.replaced = gone;
	snprintf(L->stats.label, sizeof L->stats.label, "%s", label);
	return rc;
}

int
tzf_store_load(struct tzf_store *st, const struct tzf_tree *t,
    const struct tzf_switches *sw, const struct tzf_load_opts *opts,
    struct tzf_load_stats *stats, struct tzf_diag *dg)
{
	static const struct tzf_switches defaults = TZF_SWITCHES_INIT;
	static const struct tzf_load_opts dflt_opts = TZF_LOAD_OPTS_INIT;
	struct tzf_buf zi = TZF_BUF_INIT;
	struct tzf_histset *hs = NULL;
	struct tzf_build *b = NULL;
	const char *text;
	size_t len;
	struct loader L;
	unsigned char d[TZF__SHA256_LEN];
	const char *label;
	char zisha[65];
	bool raced = false;
	int rc;

	memset(&L, 0, sizeof L);
	L.st = st;
	L.dg = dg;
	if (sw == NULL)
		sw = &defaults;
	if (opts == NULL)
		opts = &dflt_opts;
	label = opts->label != NULL ? opts->label : tzf_tree_version(t);
	/* "unknown" is what the Makefile writes when nothing says the
	 * version: not a name for a release. */
	if (label == NULL || *label == '\0' || strcmp(label, "unknown") == 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "'%s' does not say its "
		    "version; give a label", tzf_tree_spec(t));
		return TZF_EINVAL;
	}
	if (check_label(label, dg) < 0)
		return TZF_EINVAL;
	if (tzf_civil_to_secs(&L.horizon, opts->until_year + 1, 1, 1, 0, 0,
	    0) < 0 || opts->until_year < 1970) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "year %lld out of range "
		    "(1970 or later)", (long long)opts->until_year);
		return TZF_EINVAL;
	}
	rc = tzf_build_release(&b, t, sw, dg);
	if (rc < 0)
		goto out;
	text = tzf_build_text(b, &len);
	tzf_buf_add(&zi, text, len);
	rc = add_extra_files(&zi, &L.map, b, opts->extra_files);
	if (rc < 0)
		goto out;
	tzf__sha256(d, zi.ptr, zi.len);
	tzf__hex64(zisha, d);
	rc = map_lines(&L.map, zi.ptr, zi.len);
	if (rc < 0)
		goto out;
	rc = compile(&hs, zi.ptr, zi.len, tzf_build_name(b), &L.map, dg);
	if (rc < 0)
		goto out;
	L.hs = hs;
	L.spec = tzf_tree_spec(t);
	L.version = tzf_tree_version(t);
	L.kind = tzf_tree_kind_name(tzf_tree_kind(t));
	L.commit = tzf_tree_commit(t);
	L.origin = origin_of(t);
	if (L.origin == NULL) {
		rc = TZF_ENOMEM;
		goto out;
	}
	rc = write_release(&L, t, sw, opts, label, zisha);
	/* A first load lands under the database's name; if another first
	 * load was quicker, this one goes into its file instead. */
	if (rc == TZF_OK && st->tmp != NULL)
		rc = tzf__store_publish(st, &raced, dg);
	if (rc == TZF_OK && raced)
		rc = write_release(&L, t, sw, opts, label, zisha);
	if (rc == TZF_OK && stats != NULL)
		*stats = L.stats;
out:
	tzf__free(L.origin);
	tzf_histset_free(hs);
	map_free(&L.map);
	tzf_buf_dispose(&zi);
	tzf_build_free(b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Loading compiled data: TZif files and trees of them */

#define COMPILED_MAX_FILES	100000
#define COMPILED_MAX_DEPTH	16

struct tzfile {
	char *name;		/* path below the SPEC, or its base name */
	struct tzf_buf bytes;
};

struct tzfiles {
	struct tzfile *v;
	size_t n, nalloc;
};

static void
tzfiles_free(struct tzfiles *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		tzf__free(f->v[i].name);
		tzf_buf_dispose(&f->v[i].bytes);
	}
	tzf__free(f->v);
}

/* PATH's bytes when it is a regular file starting with "TZif"; 0 when it
 * is something else, 1 when it is TZif, negative on failure. */
static int
read_tzif_file(struct tzf_buf *out, const char *path, struct tzf_diag *dg)
{
	char magic[4];
	int fd, e;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (read(fd, magic, 4) != 4 || memcmp(magic, "TZif", 4) != 0) {
		close(fd);
		return 0;
	}
	tzf_buf_add(out, magic, 4);
	e = tzf_buf_read_fd(out, fd, TZF_FILE_MAX);
	close(fd);
	if (e != 0) {
		tzf__diag(dg, TZF_SEV_ERR, path, 0, "cannot read: %s",
		    strerror(e));
		return e == ENOMEM ? TZF_ENOMEM : TZF_EIO;
	}
	return 1;
}

static int
tzfiles_add(struct tzfiles *f, const char *path, const char *name,
    struct tzf_diag *dg)
{
	struct tzfile t = { NULL, TZF_BUF_INIT };
	int rc = read_tzif_file(&t.bytes, path, dg);

	if (rc <= 0) {
		tzf_buf_dispose(&t.bytes);
		return rc;
	}
	if (f->n == COMPILED_MAX_FILES) {
		tzf_buf_dispose(&t.bytes);
		tzf__diag(dg, TZF_SEV_ERR, path, 0, "more than %d TZif files",
		    COMPILED_MAX_FILES);
		return TZF_EINVAL;
	}
	t.name = tzf__strdup(name);
	if (t.name == NULL || t.bytes.oom ||
	    !tzf__grow(&f->v, &f->nalloc, f->n + 1, sizeof *f->v)) {
		tzf__free(t.name);
		tzf_buf_dispose(&t.bytes);
		return TZF_ENOMEM;
	}
	f->v[f->n++] = t;
	return TZF_OK;
}

/* Every TZif file below DIR (PREFIX: its path below the top). */
static int
walk_tzif(struct tzfiles *f, const char *dir, const char *prefix, int depth,
    struct tzf_diag *dg)
{
	struct tzf_buf path = TZF_BUF_INIT, name = TZF_BUF_INIT;
	struct dirent *e;
	struct stat sb;
	DIR *d;
	int rc = TZF_OK;

	if (depth > COMPILED_MAX_DEPTH)
		return TZF_OK;
	d = opendir(dir);
	if (d == NULL)
		return TZF_OK;
	while (rc == TZF_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path.len = name.len = 0;
		tzf_buf_printf(&path, "%s/%s", dir, e->d_name);
		tzf_buf_printf(&name, "%s%s%s", prefix, *prefix ? "/" : "",
		    e->d_name);
		if (path.oom || name.oom)
			rc = TZF_ENOMEM;
		else if (lstat(path.ptr, &sb) != 0)
			continue;
		else if (S_ISDIR(sb.st_mode))
			rc = walk_tzif(f, path.ptr, name.ptr, depth + 1, dg);
		else if (S_ISREG(sb.st_mode) || (S_ISLNK(sb.st_mode) &&
		    stat(path.ptr, &sb) == 0 && S_ISREG(sb.st_mode)))
			rc = tzfiles_add(f, path.ptr, name.ptr, dg);
	}
	closedir(d);
	tzf_buf_dispose(&path);
	tzf_buf_dispose(&name);
	return rc;
}

static bool
has_file(const char *dir, const char *name)
{
	char path[4096];

	return (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) <
	    sizeof path && access(path, F_OK) == 0;
}

bool
tzf_spec_is_compiled(const char *spec)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct stat sb;
	bool yes;

	if (stat(spec, &sb) != 0)
		return false;
	if (S_ISDIR(sb.st_mode))
		return !has_file(spec, "africa") && !has_file(spec,
		    "tzdata.zi") && !has_file(spec, "europe");
	yes = S_ISREG(sb.st_mode) && read_tzif_file(&b, spec, NULL) == 1;
	tzf_buf_dispose(&b);
	return yes;
}

static int
tzfile_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tzfile *)a)->name,
	    ((const struct tzfile *)b)->name);
}

static int
add_compiled_names(struct loader *L, const struct tzfiles *f)
{
	size_t i;
	int rc = TZF_OK;

	for (i = 0; rc == TZF_OK && i < f->n; i++) {
		struct tzf_tzif *tz = NULL;
		sqlite3_int64 hid;
		sqlite3_stmt *s;
		char sha[65];

		rc = tzf_tzif_parse(&tz, f->v[i].bytes.ptr, f->v[i].bytes.len,
		    f->v[i].name, L->dg);
		if (rc == TZF_OK)
			rc = history_id(&hid, sha, L, f->v[i].bytes.ptr,
			    f->v[i].bytes.len, tz);
		tzf_tzif_free(tz);
		if (rc < 0)
			break;
		s = tzf__stmt(L->st, S_NAME_INS, L->dg);
		if (s == NULL)
			return TZF_ERROR;
		sqlite3_bind_int64(s, 1, L->rel);
		tzf__bind_text(s, 2, f->v[i].name);
		tzf__bind_text(s, 3, "zone");
		tzf__bind_text(s, 5, f->v[i].name);
		sqlite3_bind_int64(s, 6, hid);
		tzf__bind_text(s, 7, f->v[i].name);
		sqlite3_bind_int64(s, 8, 0);
		rc = tzf__sqlrun(L->st, s, L->dg);
		L->stats.nnames++;
	}
	return rc;
}

static int
write_compiled(struct loader *L, const struct tzfiles *f,
    const struct tzf_load_opts *o, const char *label)
{
	static const struct tzf_switches sw = TZF_SWITCHES_INIT;
	bool gone = false;
	int rc;

	memset(&L->stats, 0, sizeof L->stats);
	rc = tzf__sqlexec(L->st, "BEGIN IMMEDIATE", L->dg);
	if (rc < 0)
		return rc;
	rc = drop_release(L, &sw, label, o->replace, &gone);
	if (rc == TZF_OK)
		rc = add_release(L, &sw, label, "");
	if (rc == TZF_OK)
		rc = add_compiled_names(L, f);
	if (rc == TZF_OK && gone)
		rc = collect_garbage(L);
	if (rc == TZF_OK)
		rc = tzf__sqlexec(L->st, "COMMIT", L->dg);
	if (rc < 0)
		sqlite3_exec(L->st->db, "ROLLBACK", NULL, NULL, NULL);
	L->stats.replaced = gone;
	snprintf(L->stats.label, sizeof L->stats.label, "%s", label);
	return rc;
}

int
tzf_store_load_compiled(struct tzf_store *st, const char *spec,
    const struct tzf_load_opts *opts, struct tzf_load_stats *stats,
    struct tzf_diag *dg)
{
	static const struct tzf_load_opts dflt_opts = TZF_LOAD_OPTS_INIT;
	struct tzfiles f = { NULL, 0, 0 };
	struct loader L;
	struct stat sb;
	const char *base;
	bool raced = false;
	int rc;

	if (opts == NULL)
		opts = &dflt_opts;
	if (opts->label == NULL) {
		tzf__diag(dg, TZF_SEV_ERR, spec, 0,
		    "compiled data does not say "
		    "its version; give a label");
		return TZF_EINVAL;
	}
	if (check_label(opts->label, dg) < 0)
		return TZF_EINVAL;
	memset(&L, 0, sizeof L);
	L.st = st;
	L.dg = dg;
	L.spec = spec;
	L.kind = "tzif";
	L.origin = tzf__strdup("");
	if (L.origin == NULL ||
	    tzf_civil_to_secs(&L.horizon, opts->until_year + 1, 1, 1, 0, 0,
	    0) < 0)
		rc = L.origin == NULL ? TZF_ENOMEM : TZF_EINVAL;
	else if (stat(spec, &sb) == 0 && S_ISDIR(sb.st_mode))
		rc = walk_tzif(&f, spec, "", 0, dg);
	else {
		base = strrchr(spec, '/');
		rc = tzfiles_add(&f, spec, base != NULL ? base + 1 : spec, dg);
	}
	if (rc == TZF_OK && f.n == 0) {
		tzf__diag(dg, TZF_SEV_ERR, spec, 0, "no TZif file");
		rc = TZF_ENOTFOUND;
	}
	if (rc == TZF_OK) {
		qsort(f.v, f.n, sizeof *f.v, tzfile_cmp);
		rc = write_compiled(&L, &f, opts, opts->label);
	}
	if (rc == TZF_OK && st->tmp != NULL)
		rc = tzf__store_publish(st, &raced, dg);
	if (rc == TZF_OK && raced)
		rc = write_compiled(&L, &f, opts, opts->label);
	if (rc == TZF_OK && stats != NULL)
		*stats = L.stats;
	tzfiles_free(&f);
	tzf__free(L.origin);
	return rc;
}
