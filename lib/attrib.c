/*
 * attrib.c: which commit changed compiled behaviour.
 *
 * tzf_attrib_commits() walks a range of commits along first parents
 * (lib/gitsrc.c) and compares each commit that matters with the state
 * before it (lib/compare.c); tzf_attrib_blame() walks back from a ref to
 * the last commit that changed one name's answer at one instant, a
 * behavioural "git blame".  Both skip work in two steps: a commit that
 * touches no file the build reads is passed over on object ids alone,
 * and one whose zic input, comments and blank lines left out, equals
 * the previous state's is passed over without compiling.  In tz's
 * history most commits change NEWS, code or commentary only.
 */
#include <string.h>

#include "tzf_source.h"

/* The top-level files a build reads (the data of every era, the guard
 * that converts it, the Makefile that says how), sorted as trees hold
 * their files.  Table files are not compiled. */
static const char *const watched[] = {
	"Makefile", "africa", "antarctica", "asia", "australasia",
	"backward", "backzone", "etcetera", "europe", "factory",
	"northamerica", "pacificnew", "southamerica", "systemv", "version",
	"ziguard.awk", "zone.tab", NULL
};

/*
 * The zic input with what cannot change behaviour left out: comments
 * (but a Link's "#=" alias note, which ziguard writes and the diff
 * reads), blanks at the end of lines, empty lines.
 */
static void
strip_input(struct tzf_buf *out, const char *p, size_t len)
{
	const char *end = p + len;

	tzf_buf_reset(out);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *c = memchr(p, '#',
		    (size_t)(le - p));

		if (c != NULL && !(c + 1 < le && c[1] == '='))
			le = c;
		while (le > p && (le[-1] == ' ' || le[-1] == '\t' ||
		    le[-1] == '\r'))
			le--;
		if (le > p) {
			tzf_buf_add(out, p, (size_t)(le - p));
			tzf_buf_add(out, "\n", 1);
		}
		p = nl ? nl + 1 : end;
	}
}

/* One state of the repository: a commit's tree and its build. */
struct state {
	struct tzf_tree *tree;
	struct tzf_build *build;	/* the release built as its Makefile
					 * builds it */
	struct tzf_buf key;		/* its zic input without comments */
};

static void
state_dispose(struct state *st)
{
	tzf_build_free(st->build);
	tzf_tree_free(st->tree);
	tzf_buf_dispose(&st->key);
	memset(st, 0, sizeof *st);
}

/* The repository being walked. */
struct repo {
	const char *name;		/* as the user gave it */
	struct tzf__gitreader *reader;
	struct tzf_buf guard;		/* the last ziguard.awk tzforge knows */
	size_t nguard;			/* states built with it instead of
					 * their own */
	char warned[65];		/* the unknown one last warned about */
};

/* Is the ziguard.awk of T one tzforge knows?  (True without one.)
 * HEX receives its SHA-256. */
static bool
known_guard(char hex[65], const struct tzf_tree *t)
{
	return tzf_tree_sha256(hex, t, "ziguard.awk") != TZF_OK ||
	    tzf__guard_by_sha256(hex) != NULL;
}

/*
 * The tree of commit ID.  Between releases ziguard.awk is often a
 * version no release carried, which tzforge does not reproduce; such a
 * commit is built with the last known version read (each such commit
 * says so in a warning and is counted), since the data's meaning, not
 * the script's development, is what a commit walk follows.
 */
static int
read_tree(struct tzf_tree **out, struct repo *repo, const char *spec,
    const char *id, struct tzf_diag *dg)
{
	struct tzf__file_text alt = { "ziguard.awk", NULL, 0 };
	const char *text;
	char hex[65];
	size_t len;
	int rc;

	rc = tzf__gitreader_tree(out, repo->reader, spec, id, watched, NULL,
	    dg);
	if (rc < 0)
		return rc;
	if (known_guard(hex, *out)) {
		if (tzf_tree_file(&text, &len, *out, "ziguard.awk") ==
		    TZF_OK) {
			repo->guard.len = 0;
			tzf_buf_add(&repo->guard, text, len);
		}
		return repo->guard.oom ? TZF_ENOMEM : TZF_OK;
	}
	if (repo->guard.len == 0)
		return TZF_OK;	/* the build says it cannot */
	tzf_tree_free(*out);
	alt.data = repo->guard.ptr;
	alt.len = repo->guard.len;
	rc = tzf__gitreader_tree(out, repo->reader, spec, id, watched, &alt,
	    dg);
	if (rc == TZF_OK)
		repo->nguard++;
	/* Once per script: a run of commits shares one. */
	if (rc == TZF_OK && strcmp(hex, repo->warned) != 0) {
		tzf__diag(dg, TZF_SEV_WARN, NULL, 0, "'%s': its ziguard.awk "
		    "(SHA-256 %.12s...) is a version tzforge does not know; "
		    "commits with it are built with the last one it knows",
		    spec, hex);
		memcpy(repo->warned, hex, sizeof repo->warned);
	}
	return rc;
}

/* Read commit ID of REPO and build its release. */
static int
state_read(struct state *st, struct repo *repo, const char *id,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	struct tzf_buf spec = TZF_BUF_INIT;
	int rc;

	memset(st, 0, sizeof *st);
	tzf_buf_printf(&spec, "%s@%s", repo->name, id);
	rc = spec.oom ? TZF_ENOMEM : read_tree(&st->tree, repo, spec.ptr, id,
	    dg);
	if (rc == TZF_OK)
		rc = tzf_build_release(&st->build, st->tree, sw, dg);
	if (rc == TZF_OK) {
		const char *text;
		size_t len;

		text = tzf_build_text(st->build, &len);
		strip_input(&st->key, text, len);
		if (st->key.oom)
			rc = TZF_ENOMEM;
	}
	tzf_buf_dispose(&spec);
	if (rc < 0)
		state_dispose(st);
	return rc;
}

static bool
same_key(const struct state *a, const struct state *b)
{
	return a->key.len == b->key.len &&
	    memcmp(a->key.ptr, b->key.ptr, a->key.len) == 0;
}

/* The bare clone of fork NAME when REPO is no path, else REPO. */
static int
repo_path(struct tzf_buf *out, const char *repo, struct tzf_diag *dg)
{
	if (strchr(repo, '/') == NULL && strcmp(repo, ".") != 0 &&
	    strcmp(repo, "..") != 0) {
		struct tzf_diag quiet = { NULL, NULL, 0, 0 };

		if (tzf_fork_dir(out, repo, &quiet) == TZF_OK)
			return TZF_OK;
	}
	(void)dg;
	out->len = 0;
	tzf_buf_puts(out, repo);
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* Open REPO for reading and list the commits of RANGE. */
static int
log_of(struct tzf_commit **out, size_t *n, struct repo *r,
    const char *range, struct tzf_diag *dg)
{
	struct tzf_buf path = TZF_BUF_INIT;
	int rc = repo_path(&path, r->name, dg);

	*out = NULL;
	*n = 0;
	if (rc == TZF_OK)
		rc = tzf_git_log(out, n, path.ptr, range, watched, dg);
	if (rc == TZF_OK)
		rc = tzf__gitreader_open(&r->reader, path.ptr, dg);
	tzf_buf_dispose(&path);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Commits that changed behaviour */

struct walker {
	struct tzf_attrib_stats *stats;
	struct repo repo;
	const struct tzf_switches *sw;
	const struct tzf_cmp_opts *opts;
	struct tzf_diag *dg;
	struct state cur;		/* the last state compiled */
	struct tzf_cmp_side *side;	/* ... and its side */
};

/* Does the comparison show a change of names or of compiled data?
 * (Table files and link chains are not compiled behaviour.) */
static bool
changes_behaviour(const struct tzf_cmp *cmp)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(cmp);

	return s->added || s->removed || s->zone_to_link || s->link_to_zone ||
	    s->link_retargeted || s->behaviour_changed;
}

/* Compile state ST into a side (the state's tree and build move). */
static int
make_side(struct tzf_cmp_side **out, struct state *st,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	struct tzf_tree *t = st->tree;
	struct tzf_build *b = st->build;

	st->tree = NULL;
	st->build = NULL;
	return tzf__cmp_side_from_build(out, t, b, sw, dg);
}

/* The walk's starting point: the first commit's parent. */
static int
walker_start(struct walker *w, const struct tzf_commit *first)
{
	const char *base = *first->parent ? first->parent : first->id;
	int rc = state_read(&w->cur, &w->repo, base, w->sw, w->dg);

	if (rc == TZF_OK)
		rc = make_side(&w->side, &w->cur, w->sw, w->dg);
	return rc;
}

/* Commit C against the last state: FN when behaviour changed. */
static int
walker_step(struct walker *w, const struct tzf_commit *c,
    int (*fn)(void *, const struct tzf_commit *, const struct tzf_cmp *),
    void *payload)
{
	struct tzf_cmp_side *side = NULL;
	struct tzf_cmp *cmp = NULL;
	struct state st;
	int rc;

	rc = state_read(&st, &w->repo, c->id, w->sw, w->dg);
	if (rc < 0)
		return rc;
	if (same_key(&st, &w->cur)) {
		state_dispose(&st);
		return TZF_OK;	/* comments only */
	}
	w->stats->nbuilt++;
	rc = make_side(&side, &st, w->sw, w->dg);
	if (rc == TZF_OK)
		rc = tzf_compare(&cmp, w->side, side, w->opts, w->dg);
	if (rc == TZF_OK && changes_behaviour(cmp)) {
		w->stats->nchanged++;
		rc = fn(payload, c, cmp);
	}
	tzf_cmp_free(cmp);
	if (rc != TZF_OK) {
		tzf_cmp_side_free(side);
		state_dispose(&st);
		return rc;
	}
	tzf_cmp_side_free(w->side);
	w->side = side;
	tzf_buf_dispose(&w->cur.key);
	w->cur.key = st.key;
	st.key = (struct tzf_buf)TZF_BUF_INIT;
	state_dispose(&st);
	return TZF_OK;
}

int
tzf_attrib_commits(struct tzf_attrib_stats *stats, const char *repo,
    const char *range, const struct tzf_switches *sw,
    const struct tzf_cmp_opts *opts,
    int (*fn)(void *payload, const struct tzf_commit *c,
	const struct tzf_cmp *cmp),
    void *payload, struct tzf_diag *dg)
{
	struct tzf_attrib_stats own;
	struct walker w = { stats ? stats : &own, { repo, NULL,
		TZF_BUF_INIT, 0, "" }, sw, opts, dg, { NULL, NULL,
		TZF_BUF_INIT }, NULL };
	struct tzf_commit *log;
	size_t n, i;
	int rc;

	memset(w.stats, 0, sizeof *w.stats);
	rc = log_of(&log, &n, &w.repo, range, dg);
	w.stats->ncommits = n;
	if (rc == TZF_OK && n > 0)
		rc = walker_start(&w, &log[0]);
	for (i = 0; rc == TZF_OK && i < n; i++)
		if (log[i].touches) {
			w.stats->ntouching++;
			rc = walker_step(&w, &log[i], fn, payload);
		}
	w.stats->nguard = w.repo.nguard;
	tzf_cmp_side_free(w.side);
	state_dispose(&w.cur);
	tzf_commits_free(log, n);
	tzf__gitreader_close(w.repo.reader);
	tzf_buf_dispose(&w.repo.guard);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Blame */

static void
answer_dispose(struct tzf_answer *a)
{
	tzf__free(a->zone);
	tzf__free(a->file);
	tzf__free(a->text);
	memset(a, 0, sizeof *a);
}

static bool
same_answer(const struct tzf_answer *a, const struct tzf_answer *b)
{
	if (a->present != b->present)
		return false;
	return !a->present || (a->l.utoff == b->l.utoff &&
	    a->l.isdst == b->l.isdst && strcmp(a->l.abbr, b->l.abbr) == 0);
}

/* Line LINE of TEXT[0..LEN) as a new string; NULL for no such line. */
static char *
nth_line(const char *text, size_t len, long line)
{
	const char *p = text, *end = text + len, *nl;
	long ln;

	for (ln = 1; p < end && ln < line; ln++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end || line < 1)
		return NULL;
	nl = memchr(p, '\n', (size_t)(end - p));
	return tzf__strndup(p, (size_t)((nl ? nl : end) - p));
}

/* The zone line of NAME's data in effect at T (name I of HS), into A. */
static int
answer_line(struct tzf_answer *a, const struct tzf_histset *hs, size_t i,
    const struct state *st, int64_t t)
{
	const struct tzf_span *sp;
	const char *text;
	size_t n, k, len;

	sp = tzf_histset_spans(&n, hs, i);
	if (n == 0)
		return TZF_OK;
	for (k = 0; k + 1 < n && sp[k + 1].start <= t; k++)
		continue;
	a->file = tzf__strdup(sp[k].file);
	a->line = sp[k].line;
	if (a->file == NULL)
		return TZF_ENOMEM;
	if (tzf__source_text(&text, &len, st->build, sp[k].file))
		a->text = nth_line(text, len, sp[k].line);
	return TZF_OK;
}

/* What NAME has at T in state ST (compiled here). */
static int
answer_of(struct tzf_answer *a, const struct state *st, const char *name,
    int64_t t, struct tzf_diag *dg)
{
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	struct tzf_histset *hs;
	const struct tzf_tzif *tz;
	ptrdiff_t i;
	int rc;

	(void)dg;
	memset(a, 0, sizeof *a);
	rc = tzf_histset_from_build(&hs, st->build, &quiet);
	if (rc < 0)
		return rc;
	i = tzf_histset_find(hs, name);
	tz = i >= 0 ? tzf_histset_tzif(hs, (size_t)i) : NULL;
	if (tz != NULL) {
		const struct tzf_name *nm = tzf_histset_name(hs, (size_t)i);

		rc = tzf_tzif_lookup(&a->l, tz, t);
		a->present = rc == TZF_OK;
		a->islink = nm->islink;
		a->zone = tzf__strdup(nm->zone);
		if (rc == TZF_OK && a->zone == NULL)
			rc = TZF_ENOMEM;
		if (rc == TZF_OK)
			rc = answer_line(a, hs, (size_t)i, st, t);
	}
	tzf_histset_free(hs);
	return rc;
}

static int
copy_commit(struct tzf_commit *out, const struct tzf_commit *c)
{
	*out = *c;
	out->author = tzf__strdup(c->author);
	out->subject = tzf__strdup(c->subject);
	return out->author && out->subject ? TZF_OK : TZF_ENOMEM;
}

/*
 * Walk LOG back from its end.  CUR is the answer of the newest state
 * compiled so far, KEY its input without comments.  At each commit that
 * touches the build's files, read its parent; when the input differs,
 * compile it: a different answer blames the commit.
 */
static int
blame_walk(struct tzf_blame *out, const struct tzf_commit *log, size_t n,
    struct repo *repo, const char *name, int64_t t,
    const struct tzf_switches *sw, struct state *cur, struct tzf_diag *dg)
{
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	size_t i;
	int rc = TZF_OK;

	for (i = n; rc == TZF_OK && i-- > 0;) {
		struct tzf_answer before;
		struct state st;

		out->nwalked++;
		if (!log[i].touches || *log[i].parent == '\0')
			continue;
		/* Quiet: a parent that cannot be built (a file its Makefile
		 * names is missing, say) ends the walk like one that does not
		 * compile, and its script warnings are counted in nguard. */
		rc = state_read(&st, repo, log[i].parent, sw, &quiet);
		if (rc == TZF_ENOTFOUND || rc == TZF_EINVAL) {
			out->stopped = true;
			return copy_commit(&out->commit, &log[i]);
		}
		if (rc < 0)
			break;
		if (same_key(&st, cur)) {
			state_dispose(&st);
			continue;
		}
		out->nbuilt++;
		rc = answer_of(&before, &st, name, t, dg);
		if (rc == TZF_EINVAL) {
			/* Older data that does not compile: the answer is
			 * known back to here only. */
			out->stopped = true;
			state_dispose(&st);
			return copy_commit(&out->commit, &log[i]);
		}
		if (rc == TZF_OK && !same_answer(&before, &out->after)) {
			out->found = true;
			out->before = before;
			state_dispose(&st);
			return copy_commit(&out->commit, &log[i]);
		}
		answer_dispose(&before);
		state_dispose(cur);
		*cur = st;
	}
	return rc;
}

int
tzf_attrib_blame(struct tzf_blame *out, const char *repo, const char *ref,
    const char *name, int64_t t, const struct tzf_switches *sw,
    struct tzf_diag *dg)
{
	struct repo r = { repo, NULL, TZF_BUF_INIT, 0, "" };
	struct tzf_commit *log = NULL;
	struct state cur;
	size_t n = 0;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&cur, 0, sizeof cur);
	rc = log_of(&log, &n, &r, ref, dg);
	if (rc == TZF_OK && n == 0)
		rc = TZF_ENOTFOUND;
	if (rc == TZF_OK)
		rc = state_read(&cur, &r, log[n - 1].id, sw, dg);
	if (rc == TZF_OK) {
		out->nbuilt++;
		rc = answer_of(&out->after, &cur, name, t, dg);
	}
	if (rc == TZF_OK)
		rc = blame_walk(out, log, n, &r, name, t, sw, &cur, dg);
	out->nguard = r.nguard;
	state_dispose(&cur);
	tzf_commits_free(log, n);
	tzf__gitreader_close(r.reader);
	tzf_buf_dispose(&r.guard);
	if (rc < 0)
		tzf_blame_dispose(out);
	return rc;
}

void
tzf_blame_dispose(struct tzf_blame *b)
{
	if (b == NULL)
		return;
	tzf__free(b->commit.author);
	tzf__free(b->commit.subject);
	answer_dispose(&b->before);
	answer_dispose(&b->after);
	memset(b, 0, sizeof *b);
}
