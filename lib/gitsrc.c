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
#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
static __typeof__(&git_clone) dl_git_clone;
static __typeof__(&git_clone_options_init) dl_git_clone_options_init;
static __typeof__(&git_error_last) dl_git_error_last;
static __typeof__(&git_fetch_options_init) dl_git_fetch_options_init;
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
static __typeof__(&git_remote_create_with_fetchspec) dl_git_remote_create_with_fetchspec;
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
		"git_clone",
		"git_clone_options_init",
		"git_error_last",
		"git_fetch_options_init",
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
		"git_remote_create_with_fetchspec",
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
		(void **)&dl_git_clone,
		(void **)&dl_git_clone_options_init,
		(void **)&dl_git_error_last,
		(void **)&dl_git_fetch_options_init,
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
		(void **)&dl_git_remote_create_with_fetchspec,
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
#define git_clone dl_git_clone
#define git_clone_options_init dl_git_clone_options_init
#define git_error_last dl_git_error_last
#define git_fetch_options_init dl_git_fetch_options_init
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
#define git_remote_create_with_fetchspec dl_git_remote_create_with_fetchspec
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot initialise libgit2");
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "not a git repository '%s'",
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
 * says of COMMIT (annotated tags only, as git describe without --tags),
 * or for a NULL COMMIT of REPO's work tree with --dirty.  *OUT stays NULL
 * when no tag matches: git describe fails then, and the Makefile falls
 * back to its VERSION.
 */
static int
describe(char **out, git_repository *repo, git_object *commit,
    const char *pattern)
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
	rc = describe(out, repo, NULL, TZF__DESCRIBE_MATCH);
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
		tzf__diag(dg, TZF_ERR, NULL, 0,
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
	tzf__diag(dg, TZF_ERR, NULL, 0, "cannot read '%s' from '%s': %s", name,
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot read the tree of '%s' "
		    "from '%s': tree object missing or corrupt", ref, t->spec);
		return TZF_EIO;
	}
	tzf__diag(dg, TZF_ERR, NULL, 0, "no tzdb data at that ref '%s'", ref);
	return TZF_ENOTFOUND;
}

int
tzf__git_load(struct tzf_tree *t, const char *path, const char *ref,
    const char *pattern, struct tzf_diag *dg)
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown ref '%s'", ref);
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
		rc = describe(&t->described, repo, commit, pattern);
	if (rc == TZF_OK)
		rc = add_tree(t, repo, (git_tree *)tree, dg);
	if (rc == TZF_OK && !tzf__tree_has_data(t)) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "no tzdb data at that ref '%s'",
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
/* Fetching a fork */

struct progress {
	void (*fn)(void *payload, size_t done, size_t total);
	void *payload;
};

static int
transfer_cb(const git_indexer_progress *st, void *payload)
{
	struct progress *p = payload;

	if (p->fn != NULL)
		p->fn(p->payload, st->received_objects, st->total_objects);
	return 0;
}

/* A mirror: every ref of the source, so tags and branches all resolve. */
static int
mirror_remote(git_remote **out, git_repository *repo, const char *name,
    const char *url, void *payload)
{
	(void)payload;
	return git_remote_create_with_fetchspec(out, repo, name, url,
	    "+refs/*:refs/*");
}

static void
set_callbacks(git_fetch_options *fo, struct progress *p)
{
	fo->callbacks.transfer_progress = transfer_cb;
	fo->callbacks.payload = p;
	fo->download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL;
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

/* Clone into DIR.tmp.PID, then rename, so a failed or interrupted
 * clone never leaves a half-made DIR that later looks fetched. */
static int
clone_fork(const char *dir, const char *url, struct progress *p,
    struct tzf_diag *dg)
{
	struct tzf_buf tmp = TZF_BUF_INIT;
	git_repository *repo = NULL;
	git_clone_options co;
	int rc = TZF_OK;

	/* The _init functions, not the INIT macros, which trip
	 * -Wmissing-field-initializers. */
	git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);

	tzf_buf_printf(&tmp, "%s.tmp.%ld", dir, (long)getpid());
	if (tmp.oom)
		return TZF_ENOMEM;
	if (make_parents(dir) < 0) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot create '%s': %s", dir,
		    strerror(errno));
		rc = TZF_EIO;
		goto out;
	}
	co.bare = 1;
	/* Even a local source goes through the git transport: the clone
	 * gets its own objects (no hard links into the source) and the
	 * progress callback sees the transfer. */
	co.local = GIT_CLONE_NO_LOCAL;
	co.remote_cb = mirror_remote;
	set_callbacks(&co.fetch_opts, p);
	if (git_clone(&repo, url, tmp.ptr, &co) < 0) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot clone '%s': %s", url,
		    git_msg());
		rc = TZF_EIO;
	} else if (rename(tmp.ptr, dir) != 0) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot rename to '%s': %s",
		    dir, strerror(errno));
		rc = TZF_EIO;
	}
	git_repository_free(repo);
	if (rc < 0)
		nftw(tmp.ptr, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
out:
	tzf_buf_dispose(&tmp);
	return rc;
}

static int
update_fork(const char *dir, const char *url, struct progress *p,
    struct tzf_diag *dg)
{
	static char spec0[] = "+refs/*:refs/*";
	char *specs[] = { spec0 };
	git_strarray refspecs = { specs, 1 };
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	git_fetch_options fo;
	int rc;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	rc = open_repo(&repo, dir, dg);
	if (rc < 0)
		return rc;
	set_callbacks(&fo, p);
	fo.prune = GIT_FETCH_PRUNE;
	if (git_remote_create_anonymous(&remote, repo, url) < 0 ||
	    git_remote_fetch(remote, &refspecs, &fo, "tzforge fetch") < 0) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot fetch '%s': %s", url,
		    git_msg());
		rc = TZF_EIO;
	}
	git_remote_free(remote);
	git_repository_free(repo);
	return rc;
}

int
tzf_fork_fetch(const char *name, const char *url,
    void (*progress)(void *payload, size_t done, size_t total),
    void *payload, struct tzf_diag *dg)
{
	struct tzf_buf man = TZF_BUF_INIT, murl = TZF_BUF_INIT;
	struct tzf_buf dir = TZF_BUF_INIT;
	struct progress p = { progress, payload };

	if (need_libgit2(dg) < 0)
		return TZF_ERROR;
	struct stat st;
	int rc;

	rc = tzf__fork_manifest(&man, name, dg);
	if (rc == TZF_OK && url == NULL) {
		rc = tzf__manifest_get(&murl, man.ptr ? man.ptr : "", "url");
		if (rc == TZF_ENOTFOUND)
			tzf__diag(dg, TZF_ERR, NULL, 0,
			    "manifest of fork '%s' has no url", name);
		url = murl.ptr;
	}
	if (rc == TZF_OK)
		rc = tzf__fork_clone_dir(&dir, name);
	if (rc == TZF_OK && stat(dir.ptr, &st) == 0)
		rc = update_fork(dir.ptr, url, &p, dg);
	else if (rc == TZF_OK)
		rc = clone_fork(dir.ptr, url, &p, dg);
	tzf_buf_dispose(&man);
	tzf_buf_dispose(&murl);
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown revision '%s'", rev);
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot walk '%s' in '%s': %s",
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "cannot read '%s' from '%s': "
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
			tzf__diag(dg, TZF_ERR, NULL, 0, "file '%s' of '%s' is "
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
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown revision '%s'", id);
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
