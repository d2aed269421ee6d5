/*
 * gitsrc.c: tzdb trees from git, through libgit2.
 *
 * The only file of the project that includes git2.h.  It reads the
 * top-level files of a commit straight from the object database (no
 * checkout, no git subprocess), clones or updates a fork's bare clone,
 * and wraps libgit2's global init.  libgit2 errors are translated here
 * into tzf_diag messages and TZF_E* codes; nothing above sees them.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* nftw */
#endif
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tzf_source.h"

/*
 * libgit2 is loaded on first use (see dynload.c): calls below go through
 * these pointers, which the macros make look like the real functions.
 */
#ifndef TZF_LIBGIT2_SONAME
#define TZF_LIBGIT2_SONAME "libgit2.so.1.5"
#endif

static __typeof__(&git_blob_free) dl_git_blob_free;
static __typeof__(&git_blob_lookup) dl_git_blob_lookup;
static __typeof__(&git_blob_rawcontent) dl_git_blob_rawcontent;
static __typeof__(&git_blob_rawsize) dl_git_blob_rawsize;
static __typeof__(&git_buf_dispose) dl_git_buf_dispose;
static __typeof__(&git_describe_commit) dl_git_describe_commit;
static __typeof__(&git_describe_format) dl_git_describe_format;
static __typeof__(&git_describe_format_options_init) dl_git_describe_format_options_init;
static __typeof__(&git_describe_options_init) dl_git_describe_options_init;
static __typeof__(&git_describe_result_free) dl_git_describe_result_free;
static __typeof__(&git_describe_workdir) dl_git_describe_workdir;
static __typeof__(&git_repository_init) dl_git_repository_init;
static __typeof__(&git_repository_set_head) dl_git_repository_set_head;
static __typeof__(&git_strarray_dispose) dl_git_strarray_dispose;
static __typeof__(&git_tag_list_match) dl_git_tag_list_match;
static __typeof__(&git_error_last) dl_git_error_last;
static __typeof__(&git_fetch_options_init) dl_git_fetch_options_init;
static __typeof__(&git_libgit2_opts) dl_git_libgit2_opts;
static __typeof__(&git_libgit2_init) dl_git_libgit2_init;
static __typeof__(&git_libgit2_shutdown) dl_git_libgit2_shutdown;
static __typeof__(&git_object_free) dl_git_object_free;
static __typeof__(&git_object_id) dl_git_object_id;
static __typeof__(&git_object_peel) dl_git_object_peel;
static __typeof__(&git_odb_free) dl_git_odb_free;
static __typeof__(&git_odb_read_header) dl_git_odb_read_header;
static __typeof__(&git_oid_tostr) dl_git_oid_tostr;
static __typeof__(&git_reference_dwim) dl_git_reference_dwim;
static __typeof__(&git_reference_free) dl_git_reference_free;
static __typeof__(&git_reference_is_tag) dl_git_reference_is_tag;
static __typeof__(&git_reference_shorthand) dl_git_reference_shorthand;
static __typeof__(&git_remote_create_anonymous) dl_git_remote_create_anonymous;
static __typeof__(&git_remote_fetch) dl_git_remote_fetch;
static __typeof__(&git_remote_free) dl_git_remote_free;
static __typeof__(&git_repository_free) dl_git_repository_free;
static __typeof__(&git_repository_odb) dl_git_repository_odb;
static __typeof__(&git_repository_open_ext) dl_git_repository_open_ext;
static __typeof__(&git_revparse_single) dl_git_revparse_single;
static __typeof__(&git_tree_entry_byindex) dl_git_tree_entry_byindex;
static __typeof__(&git_tree_entry_filemode) dl_git_tree_entry_filemode;
static __typeof__(&git_tree_entry_id) dl_git_tree_entry_id;
static __typeof__(&git_tree_entry_name) dl_git_tree_entry_name;
static __typeof__(&git_tree_entry_type) dl_git_tree_entry_type;
static __typeof__(&git_tree_entrycount) dl_git_tree_entrycount;

static int
load_libgit2(struct tzf_diag *dg)
{
	static void *handle;
	static const char *const names[] = {
		"git_blob_free",
		"git_blob_lookup",
		"git_blob_rawcontent",
		"git_blob_rawsize",
		"git_buf_dispose",
		"git_describe_commit",
		"git_describe_format",
		"git_describe_format_options_init",
		"git_describe_options_init",
		"git_describe_result_free",
		"git_describe_workdir",
		"git_repository_init",
		"git_repository_set_head",
		"git_strarray_dispose",
		"git_tag_list_match",
		"git_error_last",
		"git_fetch_options_init",
		"git_libgit2_opts",
		"git_libgit2_init",
		"git_libgit2_shutdown",
		"git_object_free",
		"git_object_id",
		"git_object_peel",
		"git_odb_free",
		"git_odb_read_header",
		"git_oid_tostr",
		"git_reference_dwim",
		"git_reference_free",
		"git_reference_is_tag",
		"git_reference_shorthand",
		"git_remote_create_anonymous",
		"git_remote_fetch",
		"git_remote_free",
		"git_repository_free",
		"git_repository_odb",
		"git_repository_open_ext",
		"git_revparse_single",
		"git_tree_entry_byindex",
		"git_tree_entry_filemode",
		"git_tree_entry_id",
		"git_tree_entry_name",
		"git_tree_entry_type",
		"git_tree_entrycount",
	};
	void **const slots[] = {
		(void **)&dl_git_blob_free,
		(void **)&dl_git_blob_lookup,
		(void **)&dl_git_blob_rawcontent,
		(void **)&dl_git_blob_rawsize,
		(void **)&dl_git_buf_dispose,
		(void **)&dl_git_describe_commit,
		(void **)&dl_git_describe_format,
		(void **)&dl_git_describe_format_options_init,
		(void **)&dl_git_describe_options_init,
		(void **)&dl_git_describe_result_free,
		(void **)&dl_git_describe_workdir,
		(void **)&dl_git_repository_init,
		(void **)&dl_git_repository_set_head,
		(void **)&dl_git_strarray_dispose,
		(void **)&dl_git_tag_list_match,
		(void **)&dl_git_error_last,
		(void **)&dl_git_fetch_options_init,
		(void **)&dl_git_libgit2_opts,
		(void **)&dl_git_libgit2_init,
		(void **)&dl_git_libgit2_shutdown,
		(void **)&dl_git_object_free,
		(void **)&dl_git_object_id,
		(void **)&dl_git_object_peel,
		(void **)&dl_git_odb_free,
		(void **)&dl_git_odb_read_header,
		(void **)&dl_git_oid_tostr,
		(void **)&dl_git_reference_dwim,
		(void **)&dl_git_reference_free,
		(void **)&dl_git_reference_is_tag,
		(void **)&dl_git_reference_shorthand,
		(void **)&dl_git_remote_create_anonymous,
		(void **)&dl_git_remote_fetch,
		(void **)&dl_git_remote_free,
		(void **)&dl_git_repository_free,
		(void **)&dl_git_repository_odb,
		(void **)&dl_git_repository_open_ext,
		(void **)&dl_git_revparse_single,
		(void **)&dl_git_tree_entry_byindex,
		(void **)&dl_git_tree_entry_filemode,
		(void **)&dl_git_tree_entry_id,
		(void **)&dl_git_tree_entry_name,
		(void **)&dl_git_tree_entry_type,
		(void **)&dl_git_tree_entrycount,
	};

	return tzf__dynload(&handle, TZF_LIBGIT2_SONAME, names, slots,
	    sizeof names / sizeof names[0], dg);
}

#define git_blob_free dl_git_blob_free
#define git_blob_lookup dl_git_blob_lookup
#define git_blob_rawcontent dl_git_blob_rawcontent
#define git_blob_rawsize dl_git_blob_rawsize
#define git_buf_dispose dl_git_buf_dispose
#define git_describe_commit dl_git_describe_commit
#define git_describe_format dl_git_describe_format
#define git_describe_format_options_init dl_git_describe_format_options_init
#define git_describe_options_init dl_git_describe_options_init
#define git_describe_result_free dl_git_describe_result_free
#define git_describe_workdir dl_git_describe_workdir
#define git_repository_init dl_git_repository_init
#define git_repository_set_head dl_git_repository_set_head
#define git_strarray_dispose dl_git_strarray_dispose
#define git_tag_list_match dl_git_tag_list_match
#define git_error_last dl_git_error_last
#define git_fetch_options_init dl_git_fetch_options_init
#define git_libgit2_opts dl_git_libgit2_opts
#define git_libgit2_init dl_git_libgit2_init
#define git_libgit2_shutdown dl_git_libgit2_shutdown
#define git_object_free dl_git_object_free
#define git_object_id dl_git_object_id
#define git_object_peel dl_git_object_peel
#define git_odb_free dl_git_odb_free
#define git_odb_read_header dl_git_odb_read_header
#define git_oid_tostr dl_git_oid_tostr
#define git_reference_dwim dl_git_reference_dwim
#define git_reference_free dl_git_reference_free
#define git_reference_is_tag dl_git_reference_is_tag
#define git_reference_shorthand dl_git_reference_shorthand
#define git_remote_create_anonymous dl_git_remote_create_anonymous
#define git_remote_fetch dl_git_remote_fetch
#define git_remote_free dl_git_remote_free
#define git_repository_free dl_git_repository_free
#define git_repository_odb dl_git_repository_odb
#define git_repository_open_ext dl_git_repository_open_ext
#define git_revparse_single dl_git_revparse_single
#define git_tree_entry_byindex dl_git_tree_entry_byindex
#define git_tree_entry_filemode dl_git_tree_entry_filemode
#define git_tree_entry_id dl_git_tree_entry_id
#define git_tree_entry_name dl_git_tree_entry_name
#define git_tree_entry_type dl_git_tree_entry_type
#define git_tree_entrycount dl_git_tree_entrycount

static bool git_ready;

/* Load libgit2 and initialise it, once. */
static int
need_libgit2(struct tzf_diag *dg)
{
	if (git_ready)
		return TZF_OK;
	if (load_libgit2(dg) < 0)
		return TZF_ERROR;
	if (git_libgit2_init() < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot initialise libgit2");
		return TZF_ERROR;
	}
	git_ready = true;
	return TZF_OK;
}

/* libgit2 is set up lazily by the first git source; nothing to do. */
int
tzf_init(void)
{
	return TZF_OK;
}

void
tzf_shutdown(void)
{
	if (git_ready)
		git_libgit2_shutdown();
	git_ready = false;
}

static const char *
git_msg(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/* ------------------------------------------------------------------ */
/* Reading a tree */

static int
open_repo(git_repository **out, const char *path, struct tzf_diag *dg)
{
	/* NO_SEARCH: REPO names the repository itself, bare or not; we must
	 * not wander up to an enclosing repository. */
	if (git_repository_open_ext(out, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "not a git repository '%s'",
		    path);
		return TZF_ENOTFOUND;
	}
	return TZF_OK;
}

/* Record the commit id and, when REF names a tag, the tag. */
static int
note_provenance(struct tzf_tree *t, git_repository *repo, git_object *obj,
    const char *ref)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_object *commit = NULL;
	git_reference *r = NULL;
	int rc = TZF_OK;

	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
		git_oid_tostr(hex, sizeof hex, git_object_id(commit));
		rc = tzf__tree_set_str(&t->commit, hex, strlen(hex));
		git_object_free(commit);
	}
	if (rc == TZF_OK && git_reference_dwim(&r, repo, ref) == 0 &&
	    git_reference_is_tag(r)) {
		const char *tag = git_reference_shorthand(r);

		rc = tzf__tree_set_str(&t->tag, tag, strlen(tag));
	}
	git_reference_free(r);
	return rc;
}

/*
 * What the upstream Makefile's `git describe --match PATTERN --abbrev=7`
 * says of COMMIT (annotated tags only, as git describe without --tags,
 * unless ANY_TAG: a fork's family, whose tags may be lightweight), or for
 * a NULL COMMIT of REPO's work tree with --dirty.  *OUT stays NULL when
 * no tag matches: git describe fails then, and the Makefile falls back
 * to its VERSION.
 */
static int
describe(char **out, git_repository *repo, git_object *commit,
    const char *pattern, bool any_tag)
{
	git_describe_format_options f;
	git_describe_result *res = NULL;
	git_describe_options o;
	git_buf b = { NULL, 0, 0 };
	int rc = TZF_OK;

	git_describe_options_init(&o, GIT_DESCRIBE_OPTIONS_VERSION);
	git_describe_format_options_init(&f,
	    GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
	o.pattern = pattern;
	if (any_tag)
		o.describe_strategy = GIT_DESCRIBE_TAGS;
	f.abbreviated_size = 7;
	if (commit == NULL)
		f.dirty_suffix = "-dirty";
	if ((commit != NULL ? git_describe_commit(&res, commit, &o) :
	    git_describe_workdir(&res, repo, &o)) < 0)
		return TZF_OK;
	if (git_describe_format(&b, res, &f) == 0 && b.ptr != NULL)
		rc = tzf__tree_set_str(out, b.ptr, strlen(b.ptr));
	git_buf_dispose(&b);
	git_describe_result_free(res);
	return rc;
}

int
tzf__git_describe_dir(char **out, const char *dir, struct tzf_diag *dg)
{
	git_repository *repo = NULL;
	int rc;

	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) < 0)
		return TZF_OK;
	rc = describe(out, repo, NULL, TZF__DESCRIBE_MATCH, false);
	git_repository_free(repo);
	return rc;
}

/* Copy one blob into the tree, checking its size before inflating it. */
static int
add_blob(struct tzf_tree *t, git_repository *repo, const git_tree_entry *te,
    struct tzf_diag *dg)
{
	const char *name = git_tree_entry_name(te);
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	git_object_t type;
	size_t size;
	int rc;

	if (git_repository_odb(&odb, repo) < 0 ||
	    git_odb_read_header(&size, &type, odb, git_tree_entry_id(te)) < 0)
		goto fail;
	if (size > TZF_FILE_MAX) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "file '%s' of '%s' is larger than %zu MiB", name, t->spec,
		    TZF_FILE_MAX >> 20);
		rc = TZF_EINVAL;
		goto out;
	}
	if (git_blob_lookup(&blob, repo, git_tree_entry_id(te)) < 0)
		goto fail;
	rc = tzf__tree_add(t, name, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob), dg);
	goto out;
fail:
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot read '%s' from '%s': %s",
	    name,
	    t->spec, git_msg());
	rc = TZF_EIO;
out:
	git_blob_free(blob);
	git_odb_free(odb);
	return rc;
}

/* The regular files at the top of TREE; subtrees are not tzdb data. */
static int
add_tree(struct tzf_tree *t, git_repository *repo, git_tree *tree,
    struct tzf_diag *dg)
{
	const git_tree_entry *te;
	size_t i, n;
	int rc = TZF_OK;

	n = git_tree_entrycount(tree);
	for (i = 0; i < n && rc == TZF_OK; i++) {
		te = git_tree_entry_byindex(tree, i);
		if (git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
		    git_tree_entry_filemode(te) == GIT_FILEMODE_LINK)
			continue;
		rc = add_blob(t, repo, te, dg);
	}
	return rc;
}

/*
 * REF has no tree.  A commit always has one, so then the repository is
 * damaged (libgit2's own message names only the commit); a tag of a
 * blob simply holds no tzdb data.
 */
static int
missing_tree(const struct tzf_tree *t, git_object *obj, const char *ref,
    struct tzf_diag *dg)
{
	git_object *commit = NULL;
	int is_commit = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0;

	git_object_free(commit);
	if (is_commit) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot read the tree of '%s' "
		    "from '%s': tree object missing or corrupt", ref, t->spec);
		return TZF_EIO;
	}
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no tzdb data at that ref '%s'",
	    ref);
	return TZF_ENOTFOUND;
}

int
tzf__git_load(struct tzf_tree *t, const char *path, const char *ref,
    const char *family, struct tzf_diag *dg)
{
	git_repository *repo = NULL;
	git_object *obj = NULL, *tree = NULL, *commit = NULL;
	int rc;

	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	rc = open_repo(&repo, path, dg);
	if (rc < 0)
		return rc;
	if (git_revparse_single(&obj, repo, ref) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown ref '%s'", ref);
		rc = TZF_ENOTFOUND;
		goto out;
	}
	if (git_object_peel(&tree, obj, GIT_OBJECT_TREE) < 0) {
		rc = missing_tree(t, obj, ref, dg);
		goto out;
	}
	rc = note_provenance(t, repo, obj, ref);
	if (rc == TZF_OK && git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) ==
	    0)
		rc = family != NULL ?
		    describe(&t->described, repo, commit, family, true) :
		    describe(&t->described, repo, commit, TZF__DESCRIBE_MATCH,
		    false);
	if (rc == TZF_OK)
		rc = add_tree(t, repo, (git_tree *)tree, dg);
	if (rc == TZF_OK && !tzf__tree_has_data(t)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "no tzdb data at that ref '%s'",
		    ref);
		rc = TZF_ENOTFOUND;
	}
out:
	git_object_free(commit);
	git_object_free(tree);
	git_object_free(obj);
	git_repository_free(repo);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Tags */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* REPO's directory: REPO itself, or a fork's clone (*FORK then set). */
static int
repo_dir(struct tzf_buf *out, struct tzf_fork **fork, const char *repo,
    struct tzf_diag *dg)
{
	struct stat st;
	int rc;

	*fork = NULL;
	if (stat(repo, &st) == 0 || strchr(repo, '/') != NULL) {
		tzf_buf_puts(out, repo);
		return out->oom ? TZF_ENOMEM : TZF_OK;
	}
	rc = tzf_fork_open(fork, repo, dg);
	if (rc == TZF_OK)
		rc = tzf__fork_clone_dir(out, repo);
	return rc;
}

int
tzf_git_tags(char ***out, size_t *n, const char *repo, const char *pattern,
    struct tzf_diag *dg)
{
	struct tzf_buf dir = TZF_BUF_INIT;
	git_strarray tags = { NULL, 0 };
	git_repository *r = NULL;
	struct tzf_fork *fork;
	char **v = NULL;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	rc = repo_dir(&dir, &fork, repo, dg);
	if (rc == TZF_OK)
		rc = open_repo(&r, dir.ptr, dg);
	if (pattern == NULL)
		pattern = fork != NULL ? tzf_fork_tags(fork) : "*";
	if (rc == TZF_OK && git_tag_list_match(&tags, pattern, r) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot list the tags of '%s': "
		    "%s", repo, git_msg());
		rc = TZF_EIO;
	}
	if (rc == TZF_OK && (v = tzf__calloc(tags.count + 1, sizeof *v)) ==
	    NULL)
		rc = TZF_ENOMEM;
	for (i = 0; rc == TZF_OK && i < tags.count; i++)
		if ((v[i] = tzf__strdup(tags.strings[i])) == NULL)
			rc = TZF_ENOMEM;
	if (rc == TZF_OK) {
		qsort(v, tags.count, sizeof *v, cmp_str);
		*out = v;
		*n = tags.count;
	} else if (v != NULL) {
		for (i = 0; i < tags.count; i++)
			tzf__free(v[i]);
		tzf__free(v);
	}
	git_strarray_dispose(&tags);
	git_repository_free(r);
	tzf_fork_free(fork);
	tzf_buf_dispose(&dir);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Fetching a fork */

/*
 * A fetch runs in a child process, so that a hostile or broken server
 * cannot hold us for ever or fill memory: libgit2 has no timeouts and
 * keeps whatever a server sends while it lists refs.  The child's
 * address space is limited (setrlimit) and the parent kills it when the
 * time is up; it reports messages and progress through a pipe.  Bounds:
 * seconds in all, and bytes of address space and of data received;
 * $TZFORGE_FETCH_TIMEOUT and $TZFORGE_FETCH_MAX override them.
 */
#define FETCH_TIMEOUT 600
#define FETCH_MAX ((size_t)1 << 30)

/* The user's signals, which stop a fetch rather than the process while
 * it runs, so that its temporary clone is removed. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define NSTOP (sizeof stop_signals / sizeof stop_signals[0])

static volatile sig_atomic_t stop_signal;

static void
on_stop_signal(int sig)
{
	stop_signal = sig;
}

struct progress {
	bool want;		/* the caller asked for progress */
	int out;		/* child: the pipe to the parent */
	size_t max_bytes;
	bool over;		/* child: more than max_bytes came */
};

/* Child: a line to the parent ("P done total", "E text", "W text"). */
static void
tell_parent(int fd, const char *line, size_t len)
{
	ssize_t n;

	while (len > 0 && ((n = write(fd, line, len)) > 0 || errno == EINTR))
		if (n > 0) {
			line += n;
			len -= (size_t)n;
		}
}

static int
transfer_cb(const git_indexer_progress *st, void *payload)
{
	struct progress *p = payload;
	char line[64];
	int n;

	if (st->received_bytes > p->max_bytes) {
		p->over = true;
		return -1;
	}
	if (p->want) {
		n = snprintf(line, sizeof line, "P %u %u\n",
		    st->received_objects, st->total_objects);
		tell_parent(p->out, line, (size_t)n);
	}
	return 0;
}

static void
child_sink(void *payload, const struct tzf_msg *m)
{
	struct progress *p = payload;
	char line[1100];
	int n;

	n = snprintf(line, sizeof line, "%c %.1000s\n", m->sev == TZF_SEV_ERR ?
	    'E' : 'W', m->text);
	tell_parent(p->out, line, n < (int)sizeof line ? (size_t)n :
	    sizeof line - 1);
}

static size_t
env_size(const char *name, size_t dflt)
{
	const char *s = getenv(name);
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0')
		return dflt;
	v = strtoull(s, &end, 10);
	return *end == '\0' && v > 0 ? (size_t)v : dflt;
}

/* mkdir -p of the parent directories of PATH. */
static int
make_parents(const char *path)
{
	char *p, *s;
	int rc = TZF_OK;

	p = tzf__strdup(path);
	if (p == NULL)
		return TZF_ENOMEM;
	for (s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = TZF_EIO;
		*s = '/';
	}
	tzf__free(p);
	return rc;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/*
 * Remove the temporary clones DIR.tmp.PID that a fetch killed outright
 * (SIGKILL, a crash) left: those whose process is gone.
 */
static void
sweep_stale(const char *dir)
{
	struct tzf_buf parent = TZF_BUF_INIT, path = TZF_BUF_INIT;
	const char *base = strrchr(dir, '/');
	struct dirent *de;
	size_t blen;
	char *end;
	DIR *d;
	long pid;

	base = base != NULL ? base + 1 : dir;
	blen = strlen(base);
	tzf_buf_add(&parent, dir, (size_t)(base - dir));
	tzf_buf_puts(&parent, ".");
	d = parent.oom ? NULL : opendir(parent.ptr);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, blen) != 0 ||
		    strncmp(de->d_name + blen, ".tmp.", 5) != 0)
			continue;
		pid = strtol(de->d_name + blen + 5, &end, 10);
		if (*end != '\0' || pid <= 0 || (pid != (long)getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno != ESRCH)))
			continue;	/* not ours, or its fetch still runs */
		path.len = 0;
		tzf_buf_printf(&path, "%s/%s", parent.ptr, de->d_name);
		if (!path.oom)
			nftw(path.ptr, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	if (d != NULL)
		closedir(d);
	tzf_buf_dispose(&parent);
	tzf_buf_dispose(&path);
}

/* Child: fetch FORK's branch and tags into the repository at DIR (made
 * bare first when INIT) from URL. */
static int
fetch_into(const char *dir, bool init, const struct tzf_fork *fork,
    const char *url, struct progress *p, struct tzf_diag *dg)
{
	struct tzf_buf branch = TZF_BUF_INIT, head = TZF_BUF_INIT;
	static char tags_spec[] = "+refs/tags/*:refs/tags/*";
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options fo;
	char *specs[2];
	git_strarray refspecs = { specs, 2 };
	int rc = TZF_OK;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.callbacks.transfer_progress = transfer_cb;
	fo.callbacks.payload = p;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
	fo.prune = GIT_FETCH_PRUNE;
	tzf_buf_printf(&head, "refs/heads/%s", tzf_fork_branch(fork));
	tzf_buf_printf(&branch, "+%s:%s", head.ptr, head.ptr);
	if (branch.oom || head.oom) {
		rc = TZF_ENOMEM;
		goto out;
	}
	specs[0] = branch.ptr;
	specs[1] = tags_spec;
	if (init && git_repository_init(&repo, dir, 1) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot create '%s': %s",
		    dir,
		    git_msg());
		rc = TZF_EIO;
	} else if (!init) {
		rc = open_repo(&repo, dir, dg);
	}
	if (rc == TZF_OK && (git_remote_create_anonymous(&remote, repo,
	    url) < 0 || git_remote_fetch(remote, &refspecs, &fo,
	    "tzforge fetch") < 0)) {
		if (p->over)
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "cannot fetch '%s': "
			    "more than %zu bytes received", url, p->max_bytes);
		else
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "cannot fetch '%s': %s",
			    url, git_msg());
		rc = TZF_EIO;
	} else if (rc == TZF_OK && git_repository_set_head(repo,
	    head.ptr) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot fetch '%s': no branch "
		    "'%s' there", url, tzf_fork_branch(fork));
		rc = TZF_ENOTFOUND;
	}
out:
	git_remote_free(remote);
	git_repository_free(repo);
	tzf_buf_dispose(&branch);
	tzf_buf_dispose(&head);
	return rc;
}

/* Child: bound the address space, then fetch; never returns. */
static void __attribute__((noreturn))
fetch_child(int out, pid_t parent, const char *dir, bool init,
    const struct tzf_fork *fork, const char *url, struct progress *p)
{
	struct tzf_diag dg = { child_sink, p, 0, 0 };
	struct rlimit rl;
	int rc;

	p->out = out;
	/* Killed with the parent (a SIGKILL gives it no time to stop us);
	 * the next fetch then removes the temporary clone. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
	/* What libgit2 maps and keeps, within the bound too. */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, p->max_bytes / 4);
#ifndef __SANITIZE_ADDRESS__	/* ASan reserves terabytes of address space */
	if (getrlimit(RLIMIT_AS, &rl) == 0 && (rl.rlim_max == RLIM_INFINITY ||
	    rl.rlim_max > (rlim_t)p->max_bytes + ((rlim_t)256 << 20))) {
		rl.rlim_cur = (rlim_t)p->max_bytes + ((rlim_t)256 << 20);
		setrlimit(RLIMIT_AS, &rl);
	}
#else
	(void)rl;
#endif
	rc = fetch_into(dir, init, fork, url, p, &dg);
	_exit(rc == TZF_OK ? 0 : 1);
}

/* Parent: one line from the child, passed on. */
static void
child_line(const char *line, void (*progress)(void *, size_t, size_t),
    void *payload, bool *said, struct tzf_diag *dg)
{
	unsigned long done, total;
	char *end;

	if (line[0] == 'P' && progress != NULL) {
		done = strtoul(line + 1, &end, 10);
		total = strtoul(end, &end, 10);
		if (*end == '\0')
			progress(payload, done, total);
	} else if ((line[0] == 'E' || line[0] == 'W') && line[1] == ' ') {
		tzf__diag(dg, line[0] == 'E' ? TZF_SEV_ERR : TZF_SEV_WARN, NULL,
		    0,
		    "%s", line + 2);
		*said |= line[0] == 'E';
	}
}

/* Parent: relay the child's lines until it is done or the time is up;
 * the child's exit status, or -1 if it had to be killed (*WHY says). */
static int
watch_child(pid_t pid, int in, unsigned timeout,
    void (*progress)(void *, size_t, size_t), void *payload, bool *said,
    const char **why, struct tzf_diag *dg)
{
	char buf[4096];
	size_t have = 0;
	time_t end = time(NULL) + (time_t)timeout;
	struct pollfd pf = { in, POLLIN, 0 };
	ssize_t n;
	char *nl;
	int status;

	*why = NULL;
	for (;;) {
		long left = (long)(end - time(NULL));

		if (stop_signal != 0)
			*why = "interrupted";
		else if (left <= 0)
			*why = "timed out";
		if (*why != NULL)
			break;
		if (poll(&pf, 1, (int)(left > 1 ? 1000 : left * 1000)) <= 0)
			continue;
		n = read(in, buf + have, sizeof buf - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* the child is done */
		have += (size_t)n;
		buf[have] = '\0';
		while ((nl = strchr(buf, '\n')) != NULL) {
			*nl = '\0';
			child_line(buf, progress, payload, said, dg);
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have + 1);
		}
		if (have == sizeof buf - 1)
			have = 0;	/* an overlong line: dropped */
	}
	if (*why != NULL)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	if (*why != NULL)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* While the child runs, the user's SIGINT, SIGTERM and SIGHUP stop the
 * fetch (signals the program ignores or handles are left alone). */
static void
catch_signals(struct sigaction old[NSTOP], bool caught[NSTOP])
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	for (i = 0; i < NSTOP; i++)
		caught[i] = sigaction(stop_signals[i], NULL, &old[i]) == 0 &&
		    old[i].sa_handler == SIG_DFL &&
		    sigaction(stop_signals[i], &sa, NULL) == 0;
}

static void
release_signals(struct sigaction old[NSTOP], bool caught[NSTOP])
{
	size_t i;

	for (i = 0; i < NSTOP; i++)
		if (caught[i])
			sigaction(stop_signals[i], &old[i], NULL);
}

/*
 * Fetch into DIR (INIT: a new bare repository there) in a bounded child;
 * a failure with no message of the child's gets one here.
 */
static int
bounded_fetch(const char *dir, bool init, const struct tzf_fork *fk,
    const char *url, void (*progress)(void *, size_t, size_t),
    void *payload, struct tzf_diag *dg)
{
	struct progress p = { progress != NULL, -1, 0, false };
	struct sigaction old[NSTOP];
	bool caught[NSTOP], said = false;
	unsigned timeout;
	const char *why;
	int fds[2], st;
	pid_t pid, parent;

	p.max_bytes = env_size("TZFORGE_FETCH_MAX", FETCH_MAX);
	timeout = (unsigned)env_size("TZFORGE_FETCH_TIMEOUT", FETCH_TIMEOUT);
	if (pipe(fds) != 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot fetch '%s': %s",
		    url,
		    strerror(errno));
		return TZF_EIO;
	}
	catch_signals(old, caught);
	parent = getpid();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		fetch_child(fds[1], parent, dir, init, fk, url, &p);
	}
	close(fds[1]);
	st = pid < 0 ? -1 : watch_child(pid, fds[0], timeout, progress,
	    payload, &said, &why, dg);
	close(fds[0]);
	release_signals(old, caught);
	if (pid < 0)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot fetch '%s': %s",
		    url,
		    strerror(errno));
	else if (st != 0 && why != NULL)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot fetch '%s': %s after %u "
		    "s or less", url, why, timeout);
	else if (st != 0 && !said)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot fetch '%s': the fetch "
		    "failed (out of its %zu bytes?)", url, p.max_bytes);
	return st == 0 ? TZF_OK : TZF_EIO;
}

/*
 * Clone into DIR.tmp.PID, then rename, so a failed, interrupted or
 * timed-out fetch never leaves a half-made DIR that later looks
 * fetched; the temporary clone is removed when anything fails, and one
 * a killed fetch left is removed by the next.
 */
static int
clone_fork(const char *dir, const struct tzf_fork *fork, const char *url,
    void (*progress)(void *, size_t, size_t), void *payload,
    struct tzf_diag *dg)
{
	struct tzf_buf tmp = TZF_BUF_INIT;
	int rc;

	tzf_buf_printf(&tmp, "%s.tmp.%ld", dir, (long)getpid());
	if (tmp.oom)
		return TZF_ENOMEM;
	rc = make_parents(dir);
	if (rc < 0)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot create '%s': %s",
		    dir,
		    strerror(errno));
	if (rc == TZF_OK)
		rc = bounded_fetch(tmp.ptr, true, fork, url, progress, payload,
		    dg);
	if (rc == TZF_OK && rename(tmp.ptr, dir) != 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot rename to '%s': %s",
		    dir, strerror(errno));
		rc = TZF_EIO;
	}
	if (rc < 0)
		nftw(tmp.ptr, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	tzf_buf_dispose(&tmp);
	return rc;
}

int
tzf_fork_fetch(const char *name, const char *url,
    void (*progress)(void *payload, size_t done, size_t total),
    void *payload, struct tzf_diag *dg)
{
	struct tzf_buf dir = TZF_BUF_INIT;
	struct tzf_fork *fork = NULL;
	struct stat st;
	int rc;

	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	rc = tzf_fork_open(&fork, name, dg);
	if (rc == TZF_OK && url == NULL)
		url = tzf_fork_url(fork);
	if (rc == TZF_OK)
		rc = tzf__fork_clone_dir(&dir, name);
	if (rc == TZF_OK) {
		sweep_stale(dir.ptr);
		if (stat(dir.ptr, &st) == 0)
			rc = bounded_fetch(dir.ptr, false, fork, url, progress,
			    payload, dg);
		else
			rc = clone_fork(dir.ptr, fork, url, progress, payload,
			    dg);
	}
	tzf_fork_free(fork);
	tzf_buf_dispose(&dir);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Commit walks (tzdiff --commits, tzdb blame), through libgit2's
 * revision walk.  This section resolves its own functions, so that the
 * rest of the file is untouched by it. */

static __typeof__(&git_commit_author) dl_git_commit_author;
static __typeof__(&git_commit_free) dl_git_commit_free;
static __typeof__(&git_commit_lookup) dl_git_commit_lookup;
static __typeof__(&git_commit_parent_id) dl_git_commit_parent_id;
static __typeof__(&git_commit_parentcount) dl_git_commit_parentcount;
static __typeof__(&git_commit_summary) dl_git_commit_summary;
static __typeof__(&git_commit_tree) dl_git_commit_tree;
static __typeof__(&git_oid_equal) dl_git_oid_equal;
static __typeof__(&git_revwalk_free) dl_git_revwalk_free;
static __typeof__(&git_revwalk_hide) dl_git_revwalk_hide;
static __typeof__(&git_revwalk_new) dl_git_revwalk_new;
static __typeof__(&git_revwalk_next) dl_git_revwalk_next;
static __typeof__(&git_revwalk_push) dl_git_revwalk_push;
static __typeof__(&git_revwalk_simplify_first_parent)
    dl_git_revwalk_simplify_first_parent;
static __typeof__(&git_revwalk_sorting) dl_git_revwalk_sorting;
static __typeof__(&git_tree_entry_byname) dl_git_tree_entry_byname;
static __typeof__(&git_tree_free) dl_git_tree_free;

static int
load_walk(struct tzf_diag *dg)
{
	static void *handle;
	static const char *const names[] = {
		"git_commit_author", "git_commit_free", "git_commit_lookup",
		"git_commit_parent_id", "git_commit_parentcount",
		"git_commit_summary", "git_commit_tree", "git_oid_equal",
		"git_revwalk_free", "git_revwalk_hide", "git_revwalk_new",
		"git_revwalk_next", "git_revwalk_push",
		"git_revwalk_simplify_first_parent", "git_revwalk_sorting",
		"git_tree_entry_byname", "git_tree_free",
	};
	void **const slots[] = {
		(void **)&dl_git_commit_author, (void **)&dl_git_commit_free,
		(void **)&dl_git_commit_lookup,
		(void **)&dl_git_commit_parent_id,
		(void **)&dl_git_commit_parentcount,
		(void **)&dl_git_commit_summary, (void **)&dl_git_commit_tree,
		(void **)&dl_git_oid_equal, (void **)&dl_git_revwalk_free,
		(void **)&dl_git_revwalk_hide, (void **)&dl_git_revwalk_new,
		(void **)&dl_git_revwalk_next, (void **)&dl_git_revwalk_push,
		(void **)&dl_git_revwalk_simplify_first_parent,
		(void **)&dl_git_revwalk_sorting,
		(void **)&dl_git_tree_entry_byname, (void **)&dl_git_tree_free,
	};

	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	return tzf__dynload(&handle, TZF_LIBGIT2_SONAME, names, slots,
	    sizeof names / sizeof names[0], dg);
}

#define git_commit_author dl_git_commit_author
#define git_commit_free dl_git_commit_free
#define git_commit_lookup dl_git_commit_lookup
#define git_commit_parent_id dl_git_commit_parent_id
#define git_commit_parentcount dl_git_commit_parentcount
#define git_commit_summary dl_git_commit_summary
#define git_commit_tree dl_git_commit_tree
#define git_oid_equal dl_git_oid_equal
#define git_revwalk_free dl_git_revwalk_free
#define git_revwalk_hide dl_git_revwalk_hide
#define git_revwalk_new dl_git_revwalk_new
#define git_revwalk_next dl_git_revwalk_next
#define git_revwalk_push dl_git_revwalk_push
#define git_revwalk_simplify_first_parent dl_git_revwalk_simplify_first_parent
#define git_revwalk_sorting dl_git_revwalk_sorting
#define git_tree_entry_byname dl_git_tree_entry_byname
#define git_tree_free dl_git_tree_free

/* The commit REV names, as an id. */
static int
rev_id(git_oid *out, git_repository *repo, const char *rev,
    struct tzf_diag *dg)
{
	git_object *obj = NULL, *commit = NULL;
	int rc = TZF_OK;

	if (git_revparse_single(&obj, repo, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown revision '%s'",
		    rev);
		rc = TZF_ENOTFOUND;
	} else
		*out = *git_object_id(commit);
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

/* Does file NAME differ between trees A and B (one may lack it)? */
static bool
file_differs(const git_tree *a, const git_tree *b, const char *name)
{
	const git_tree_entry *x = a ? git_tree_entry_byname(a, name) : NULL;
	const git_tree_entry *y = b ? git_tree_entry_byname(b, name) : NULL;

	if (x == NULL || y == NULL)
		return x != y;
	return !git_oid_equal(git_tree_entry_id(x), git_tree_entry_id(y));
}

/* Fill *C from COMMIT; TOUCHES against its first parent's tree. */
static int
note_commit(struct tzf_commit *c, git_repository *repo, git_commit *commit,
    const char *const *watch)
{
	const git_signature *au = git_commit_author(commit);
	const char *subj = git_commit_summary(commit);
	git_commit *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	size_t i;

	memset(c, 0, sizeof *c);
	git_oid_tostr(c->id, sizeof c->id, git_object_id(
	    (const git_object *)commit));
	c->time = au != NULL ? (int64_t)au->when.time : 0;
	c->author = tzf__strdup(au != NULL && au->name ? au->name : "");
	c->subject = tzf__strdup(subj ? subj : "");
	if (c->author == NULL || c->subject == NULL)
		return TZF_ENOMEM;
	if (git_commit_tree(&tree, commit) < 0)
		return TZF_EIO;
	if (git_commit_parentcount(commit) > 0) {
		git_oid_tostr(c->parent, sizeof c->parent,
		    git_commit_parent_id(commit, 0));
		if (git_commit_lookup(&parent, repo,
		    git_commit_parent_id(commit, 0)) == 0)
			(void)git_commit_tree(&ptree, parent);
	}
	for (i = 0; watch != NULL && watch[i] != NULL && !c->touches; i++)
		c->touches = file_differs(tree, ptree, watch[i]);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_tree_free(tree);
	return TZF_OK;
}

/* Set up WALK over RANGE: "A..B" or "B" (B empty: HEAD). */
static int
walk_range(git_revwalk *walk, git_repository *repo, const char *range,
    struct tzf_diag *dg)
{
	const char *dots = strstr(range, "..");
	char *lo = dots ? tzf__strndup(range, (size_t)(dots - range)) : NULL;
	const char *hi = dots ? dots + 2 : range;
	git_oid id;
	int rc;

	if (dots != NULL && lo == NULL)
		return TZF_ENOMEM;
	rc = rev_id(&id, repo, *hi ? hi : "HEAD", dg);
	if (rc == TZF_OK && git_revwalk_push(walk, &id) < 0)
		rc = TZF_EIO;
	if (rc == TZF_OK && lo != NULL && *lo) {
		rc = rev_id(&id, repo, lo, dg);
		if (rc == TZF_OK && git_revwalk_hide(walk, &id) < 0)
			rc = TZF_EIO;
	}
	tzf__free(lo);
	return rc;
}

void
tzf_commits_free(struct tzf_commit *c, size_t n)
{
	size_t i;

	for (i = 0; c != NULL && i < n; i++) {
		tzf__free(c[i].author);
		tzf__free(c[i].subject);
	}
	tzf__free(c);
}

int
tzf_git_log(struct tzf_commit **out, size_t *n, const char *path,
    const char *range, const char *const *watch, struct tzf_diag *dg)
{
	git_repository *repo = NULL;
	git_revwalk *walk = NULL;
	struct tzf_commit *v = NULL;
	size_t nv = 0, nalloc = 0;
	git_oid id;
	int rc;

	*out = NULL;
	*n = 0;
	if (load_walk(dg) < 0)
		return TZF_ERROR;
	rc = open_repo(&repo, path, dg);
	if (rc == TZF_OK && git_revwalk_new(&walk, repo) < 0)
		rc = TZF_EIO;
	if (rc == TZF_OK && (git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_REVERSE) < 0 || git_revwalk_simplify_first_parent(walk)
	    < 0))
		rc = TZF_EIO;
	if (rc == TZF_OK)
		rc = walk_range(walk, repo, range, dg);
	while (rc == TZF_OK && git_revwalk_next(&id, walk) == 0) {
		git_commit *commit;

		if (!tzf__grow(&v, &nalloc, nv + 1, sizeof *v)) {
			rc = TZF_ENOMEM;
			break;
		}
		if (git_commit_lookup(&commit, repo, &id) < 0) {
			rc = TZF_EIO;
			break;
		}
		rc = note_commit(&v[nv++], repo, commit, watch);
		git_commit_free(commit);
	}
	if (rc == TZF_EIO)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot walk '%s' in '%s': %s",
		    range, path, git_msg());
	git_revwalk_free(walk);
	git_repository_free(repo);
	if (rc < 0) {
		tzf_commits_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return TZF_OK;
}

/*
 * A reader of many commits of one repository for the walks: it keeps
 * the repository open and the text of each file it read, so that a
 * file whose blob did not change from one commit to the next is copied,
 * not inflated again.  Trees it makes hold only the files asked for.
 */
struct cached_file {
	char *name;
	git_oid id;
	char *data;
	size_t len;
};

struct tzf__gitreader {
	git_repository *repo;
	struct cached_file *files;
	size_t n, nalloc;
};

int
tzf__gitreader_open(struct tzf__gitreader **out, const char *path,
    struct tzf_diag *dg)
{
	struct tzf__gitreader *r;
	int rc;

	*out = NULL;
	if (load_walk(dg) < 0)
		return TZF_ERROR;
	r = tzf__calloc(1, sizeof *r);
	if (r == NULL)
		return TZF_ENOMEM;
	rc = open_repo(&r->repo, path, dg);
	if (rc < 0) {
		tzf__free(r);
		return rc;
	}
	*out = r;
	return TZF_OK;
}

void
tzf__gitreader_close(struct tzf__gitreader *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		tzf__free(r->files[i].name);
		tzf__free(r->files[i].data);
	}
	tzf__free(r->files);
	git_repository_free(r->repo);
	tzf__free(r);
}

/* The cache slot of NAME, made empty when new. */
static struct cached_file *
cache_slot(struct tzf__gitreader *r, const char *name)
{
	struct cached_file *f;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->files[i].name, name) == 0)
			return &r->files[i];
	if (!tzf__grow(&r->files, &r->nalloc, r->n + 1, sizeof *r->files))
		return NULL;
	f = &r->files[r->n];
	memset(f, 0, sizeof *f);
	f->name = tzf__strdup(name);
	if (f->name == NULL)
		return NULL;
	r->n++;
	return f;
}

/* The text of tree entry TE into the cache slot F, inflated only when
 * its blob is not the one the slot holds. */
static int
cache_read(struct tzf__gitreader *r, struct cached_file *f,
    const git_tree_entry *te, const char *spec, struct tzf_diag *dg)
{
	git_blob *blob = NULL;
	size_t len;

	if (f->data != NULL && git_oid_equal(&f->id, git_tree_entry_id(te)))
		return TZF_OK;
	if (git_blob_lookup(&blob, r->repo, git_tree_entry_id(te)) < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "cannot read '%s' from '%s': "
		    "%s", f->name, spec, git_msg());
		return TZF_EIO;
	}
	len = (size_t)git_blob_rawsize(blob);
	tzf__free(f->data);
	f->data = len > TZF_FILE_MAX ? NULL : tzf__strndup(
	    git_blob_rawcontent(blob), len);
	f->len = len;
	f->id = *git_tree_entry_id(te);
	git_blob_free(blob);
	if (f->data == NULL) {
		if (len > TZF_FILE_MAX)
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "file '%s' of '%s' is "
			    "larger than %zu MiB", f->name, spec,
			    TZF_FILE_MAX >> 20);
		return len > TZF_FILE_MAX ? TZF_EINVAL : TZF_ENOMEM;
	}
	return TZF_OK;
}

int
tzf__gitreader_tree(struct tzf_tree **out, struct tzf__gitreader *r,
    const char *spec, const char *id, const char *const *names,
    const struct tzf__file_text *alt, struct tzf_diag *dg)
{
	git_object *obj = NULL, *tree = NULL;
	struct tzf_tree *t = NULL;
	size_t i;
	int rc;

	*out = NULL;
	rc = tzf__tree_new(&t, spec, TZF_TREE_GIT);
	if (rc == TZF_OK && (git_revparse_single(&obj, r->repo, id) < 0 ||
	    git_object_peel(&tree, obj, GIT_OBJECT_TREE) < 0)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown revision '%s'",
		    id);
		rc = TZF_ENOTFOUND;
	}
	if (rc == TZF_OK)
		rc = tzf__tree_set_str(&t->commit, id, strlen(id));
	for (i = 0; rc == TZF_OK && names[i] != NULL; i++) {
		const git_tree_entry *te = git_tree_entry_byname(
		    (git_tree *)tree, names[i]);
		struct cached_file *f;

		if (te == NULL || git_tree_entry_type(te) != GIT_OBJECT_BLOB)
			continue;
		if (alt != NULL && strcmp(alt->name, names[i]) == 0) {
			rc = tzf__tree_add(t, names[i], alt->data, alt->len,
			    dg);
			continue;
		}
		f = cache_slot(r, names[i]);
		rc = f == NULL ? TZF_ENOMEM : cache_read(r, f, te, spec, dg);
		if (rc == TZF_OK)
			rc = tzf__tree_add(t, names[i], f->data, f->len, dg);
	}
	git_object_free(tree);
	git_object_free(obj);
	if (rc < 0) {
		tzf_tree_free(t);
		return rc;
	}
	*out = t;
	return TZF_OK;
}
