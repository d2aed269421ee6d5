/*
 * source.c: SPEC resolution.
 *
 * tzf_tree_open() turns a SPEC (directory, tarball, single file, zoneinfo
 * directory, REPO@REF, FORK@REF) into a struct tzf_tree (tree.c): the
 * tree's top-level files plus their provenance and version.  Git reading
 * lives in gitsrc.c (the only file that sees libgit2), fork manifests in
 * forks.c, and the build that turns a tree into zic input in release.c.
 * Tarballs are read in memory with libarchive and never extracted, and
 * every file and every tree is size-capped, so a hostile SPEC cannot
 * make us write to disk or exhaust memory.
 */
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzf_source.h"

/*
 * libarchive is loaded on first use (see dynload.c): calls below go through
 * these pointers, which the macros make look like the real functions.
 */
#ifndef TZF_LIBARCHIVE_SONAME
#define TZF_LIBARCHIVE_SONAME "libarchive.so.13"
#endif

static __typeof__(&archive_entry_filetype) dl_archive_entry_filetype;
static __typeof__(&archive_entry_pathname) dl_archive_entry_pathname;
static __typeof__(&archive_entry_size) dl_archive_entry_size;
static __typeof__(&archive_entry_size_is_set) dl_archive_entry_size_is_set;
static __typeof__(&archive_error_string) dl_archive_error_string;
static __typeof__(&archive_filter_bytes) dl_archive_filter_bytes;
static __typeof__(&archive_read_data) dl_archive_read_data;
static __typeof__(&archive_read_free) dl_archive_read_free;
static __typeof__(&archive_read_new) dl_archive_read_new;
static __typeof__(&archive_read_next_header) dl_archive_read_next_header;
static __typeof__(&archive_read_open_fd) dl_archive_read_open_fd;
static __typeof__(&archive_read_support_filter_all) dl_archive_read_support_filter_all;
static __typeof__(&archive_read_support_format_tar) dl_archive_read_support_format_tar;

static int
load_libarchive(struct tzf_diag *dg)
{
	static void *handle;
	static const char *const names[] = {
		"archive_entry_filetype",
		"archive_entry_pathname",
		"archive_entry_size",
		"archive_entry_size_is_set",
		"archive_error_string",
		"archive_filter_bytes",
		"archive_read_data",
		"archive_read_free",
		"archive_read_new",
		"archive_read_next_header",
		"archive_read_open_fd",
		"archive_read_support_filter_all",
		"archive_read_support_format_tar",
	};
	void **const slots[] = {
		(void **)&dl_archive_entry_filetype,
		(void **)&dl_archive_entry_pathname,
		(void **)&dl_archive_entry_size,
		(void **)&dl_archive_entry_size_is_set,
		(void **)&dl_archive_error_string,
		(void **)&dl_archive_filter_bytes,
		(void **)&dl_archive_read_data,
		(void **)&dl_archive_read_free,
		(void **)&dl_archive_read_new,
		(void **)&dl_archive_read_next_header,
		(void **)&dl_archive_read_open_fd,
		(void **)&dl_archive_read_support_filter_all,
		(void **)&dl_archive_read_support_format_tar,
	};

	return tzf__dynload(&handle, TZF_LIBARCHIVE_SONAME, names, slots,
	    sizeof names / sizeof names[0], dg);
}

#define archive_entry_filetype dl_archive_entry_filetype
#define archive_entry_pathname dl_archive_entry_pathname
#define archive_entry_size dl_archive_entry_size
#define archive_entry_size_is_set dl_archive_entry_size_is_set
#define archive_error_string dl_archive_error_string
#define archive_filter_bytes dl_archive_filter_bytes
#define archive_read_data dl_archive_read_data
#define archive_read_free dl_archive_read_free
#define archive_read_new dl_archive_read_new
#define archive_read_next_header dl_archive_read_next_header
#define archive_read_open_fd dl_archive_read_open_fd
#define archive_read_support_filter_all dl_archive_read_support_filter_all
#define archive_read_support_format_tar dl_archive_read_support_format_tar

/* ------------------------------------------------------------------ */
/* Version */

/* Length of the first line of S (up to LEN), without trailing blanks. */
static size_t
line_len(const char *s, size_t len)
{
	size_t n;

	for (n = 0; n < len && s[n] != '\n'; n++)
		continue;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	return n;
}

/* The word that starts at S, up to a blank or end of line. */
static size_t
word_len(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0' && s[n] != ' ' && s[n] != '\t' &&
	    s[n] != '\n' && s[n] != '\r'; n++)
		continue;
	return n;
}

/* Version from a tzdata.zi "# version X" first line. */
static int
zi_version(char **out, const char *zi)
{
	if (strncmp(zi, "# version ", 10) != 0 || word_len(zi + 10) == 0)
		return TZF_ENOTFOUND;
	return tzf__tree_set_str(out, zi + 10, word_len(zi + 10));
}

/* The VERSION the tree's Makefile states, if it states one (releases
 * up to 2016f; later ones say "unknown" and derive it). */
static int
makefile_version(char **out, const struct tzf_tree *t)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf__mk *mk;
	const char *s;
	size_t len;
	int rc;

	if (tzf_tree_file(&s, &len, t, "Makefile") != TZF_OK)
		return TZF_ENOTFOUND;
	rc = tzf__mk_read(&mk, s, len);
	if (rc == TZF_OK && tzf__mk_value(&b, mk, "VERSION") == TZF_OK &&
	    word_len(b.ptr) > 0 &&
	    strncmp(b.ptr, "unknown", word_len(b.ptr)) != 0)
		rc = tzf__tree_set_str(out, b.ptr, word_len(b.ptr));
	else if (rc == TZF_OK)
		rc = b.oom ? TZF_ENOMEM : TZF_ENOTFOUND;
	tzf__mk_free(mk);
	tzf_buf_dispose(&b);
	return rc;
}

/*
 * The release version as the tree's own Makefile derives it: the
 * VERSION it states (up to 2016f), else `git describe` for a repository
 * (gitsrc.c), else the `version` file of a tarball or directory, else
 * "unknown", as the Makefile then writes.  A single zic input file has
 * the version of its "# version" header, or none.  NEWS is not asked: a
 * fork's NEWS names the upstream release it follows.
 */
static int
set_version(struct tzf_tree *t)
{
	const char *s;
	size_t len;
	int rc;

	if (t->kind == TZF_TREE_FILE) {
		rc = t->nfiles > 0 ? zi_version(&t->version, t->files[0].data)
		    : TZF_ENOTFOUND;
		return rc == TZF_ENOTFOUND ? TZF_OK : rc;
	}
	rc = makefile_version(&t->version, t);
	if (rc != TZF_ENOTFOUND)
		return rc;
	if (t->described != NULL)
		return tzf__tree_set_str(&t->version, t->described,
		    strlen(t->described));
	if (tzf_tree_file(&s, &len, t, "version") == TZF_OK &&
	    line_len(s, len) > 0)
		return tzf__tree_set_str(&t->version, s, line_len(s, len));
	return tzf__tree_set_str(&t->version, "unknown", 7);
}

/* ------------------------------------------------------------------ */
/* Files on disk */

static int
add_disk_file(struct tzf_tree *t, const char *path, const char *name,
    struct tzf_diag *dg)
{
	struct tzf_buf b = TZF_BUF_INIT;
	size_t len;
	char *data;
	int rc;

	rc = tzf__read_regular(&b, path, path, dg);
	if (rc < 0) {
		tzf_buf_dispose(&b);
		return rc;
	}
	len = b.len;
	data = tzf_buf_detach(&b);
	if (data == NULL)
		return TZF_ENOMEM;
	return tzf__tree_take(t, name, data, len, dg);
}

/* Read the regular top-level files of directory DIR (dot files and
 * subdirectories are skipped: a tzdb tree is flat). */
static int
load_dir(struct tzf_tree *t, const char *dir, struct tzf_diag *dg)
{
	struct tzf_buf path = TZF_BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = TZF_OK;

	d = opendir(dir);
	if (d == NULL) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot read '%s': %s", dir,
		    strerror(errno));
		return TZF_EIO;
	}
	while (rc == TZF_OK && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path.len = 0;
		tzf_buf_printf(&path, "%s/%s", dir, de->d_name);
		if (path.oom) {
			rc = TZF_ENOMEM;
			break;
		}
		if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		rc = add_disk_file(t, path.ptr, de->d_name, dg);
	}
	closedir(d);
	tzf_buf_dispose(&path);
	return rc;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

/* ------------------------------------------------------------------ */
/* Tarballs */

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool
is_tarball_name(const char *path)
{
	static const char *const sfx[] = {
		".tar", ".tar.gz", ".tgz", ".tar.lz", ".tar.xz", ".tar.bz2",
		".tar.zst", NULL
	};
	int i;

	for (i = 0; sfx[i] != NULL; i++)
		if (has_suffix(path, sfx[i]))
			return true;
	return false;
}

/* Refuse member paths that would escape the tree if extracted. */
static bool
unsafe_path(const char *p)
{
	const char *c;
	size_t n;

	if (p[0] == '/' || p[0] == '\\')
		return true;
	for (c = p; *c != '\0'; c += n + (c[n] == '/')) {
		n = strcspn(c, "/");
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return true;
	}
	return false;
}

/* Read the data of the current member into B, under the file cap. */
static int
read_member(struct tzf_buf *b, struct archive *a, const char *name,
    const char *spec, struct tzf_diag *dg)
{
	la_ssize_t n;

	for (;;) {
		if (b->cap - b->len < 2 && !tzf_buf_reserve(b, 65536))
			return TZF_ENOMEM;
		n = archive_read_data(a, b->ptr + b->len, b->cap - b->len - 1);
		if (n == 0)
			break;
		if (n < 0) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "unsupported or corrupt archive '%s': %s", spec,
			    archive_error_string(a));
			return TZF_EINVAL;
		}
		if ((size_t)n > TZF_FILE_MAX - b->len) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "member '%s' of '%s' "
			    "inflates beyond %zu MiB", name, spec,
			    TZF_FILE_MAX >> 20);
			return TZF_EINVAL;
		}
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
	}
	return TZF_OK;
}

/* Check one member's header; 1 means skip it, 0 read it, <0 refuse. */
static int
check_member(struct archive *a, struct archive_entry *e, const char *spec,
    struct tzf_diag *dg)
{
	const char *name = archive_entry_pathname(e);

	if (name == NULL || unsafe_path(name)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "unsafe member path '%s' in archive '%s'",
		    name ? name : "(null)", spec);
		return TZF_EINVAL;
	}
	/* archive_filter_bytes(a, 0) counts uncompressed bytes consumed so
	 * far, which also covers members we skip without reading. */
	if (archive_filter_bytes(a, 0) > (la_int64_t)TZF_TREE_MAX ||
	    (archive_entry_size_is_set(e) &&
	    archive_entry_size(e) > (la_int64_t)TZF_FILE_MAX)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "member '%s' of '%s' "
		    "inflates beyond %zu MiB", name, spec, TZF_FILE_MAX >> 20);
		return TZF_EINVAL;
	}
	return archive_entry_filetype(e) == AE_IFREG ? 0 : 1;
}

/*
 * Strip "./" and the one top-level directory release tarballs may have
 * (tzdb-2026c/africa); return NULL for members below that level.  *TOP
 * and *TOPLEN say which top-level directory the member is in (length 0:
 * none).
 */
static const char *
member_name(const char *path, const char **top, size_t *toplen)
{
	const char *s;

	while (strncmp(path, "./", 2) == 0)
		path += 2;
	*top = path;
	*toplen = 0;
	s = strchr(path, '/');
	if (s == NULL)
		return path;
	*toplen = (size_t)(s - path);
	if (strchr(s + 1, '/') != NULL || s[1] == '\0')
		return NULL;
	return s + 1;
}

/* A tarball's files all come from one place: the top level, or one
 * top-level directory.  *FIRST (NULL at the start) keeps the first. */
static int
same_top(char **first, const char *top, size_t toplen, const char *spec,
    struct tzf_diag *dg)
{
	if (*first == NULL) {
		*first = tzf__strndup(top, toplen);
		return *first != NULL ? TZF_OK : TZF_ENOMEM;
	}
	if (strlen(*first) == toplen && strncmp(*first, top, toplen) == 0)
		return TZF_OK;
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "archive '%s' has files in several "
	    "top-level directories ('%s', '%.*s'); give one tree", spec,
	    **first ? *first : ".", toplen ? (int)toplen : 1,
	    toplen ? top : ".");
	return TZF_EINVAL;
}

/*
 * Read the tarball at PATH in memory, as tar -x would extract it: a
 * member appended again (tar -u) replaces the earlier copy.  Its files
 * must all sit at the top level or in one top-level directory.
 */
static int
load_tarball(struct tzf_tree *t, const char *path, struct tzf_diag *dg)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct archive_entry *e;
	struct archive *a;
	const char *name, *top;
	char *first = NULL;
	size_t toplen;
	int r, fd, rc;

	if (load_libarchive(dg) < 0)
		return TZF_ERROR;
	rc = tzf__open_regular(&fd, path, path, dg);
	if (rc < 0)
		return rc;
	a = archive_read_new();
	if (a == NULL) {
		close(fd);
		return TZF_ENOMEM;
	}
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	/* libarchive reads with blocking reads: clear O_NONBLOCK. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (archive_read_open_fd(a, fd, 65536) != ARCHIVE_OK)
		goto corrupt;
	while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK) {
		rc = check_member(a, e, path, dg);
		if (rc < 0)
			goto out;
		name = member_name(archive_entry_pathname(e), &top, &toplen);
		if (rc == 1 || (name != NULL && (*name == '\0' ||
		    *name == '.'))) {
			rc = TZF_OK;
			continue;
		}
		rc = same_top(&first, top, toplen, path, dg);
		if (rc < 0)
			goto out;
		if (name == NULL)
			continue;
		/* Sized from the header when it is sane; read_member()
		 * still enforces the cap on what actually inflates. */
		if (archive_entry_size_is_set(e) && archive_entry_size(e) >= 0
		    && archive_entry_size(e) <= (la_int64_t)TZF_FILE_MAX)
			tzf_buf_reserve(&b, (size_t)archive_entry_size(e) + 1);
		rc = read_member(&b, a, name, path, dg);
		if (rc == TZF_OK && b.cap == 0 && !tzf_buf_reserve(&b, 1))
			rc = TZF_ENOMEM;	/* an empty member: owned memory */
		if (rc == TZF_OK) {
			rc = tzf__tree_take(t, name, b.ptr, b.len, dg);
			b = (struct tzf_buf)TZF_BUF_INIT;
		}
		if (rc < 0)
			goto out;
	}
	if (r == ARCHIVE_EOF)
		goto out;
corrupt:
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
	    "unsupported or corrupt archive '%s': "
	    "%s", path, archive_error_string(a) ? archive_error_string(a) :
	    "unknown error");
	rc = TZF_EINVAL;
out:
	archive_read_free(a);
	close(fd);
	tzf__free(first);
	tzf_buf_dispose(&b);
	return rc;
}

/* FORK@REF: the fork's bare clone at REF, described within the fork's
 * tag family; an empty REF is the fork's branch. */
static int
load_fork(struct tzf_tree *t, const char *name, const char *ref,
    struct tzf_diag *dg)
{
	struct tzf_buf dir = TZF_BUF_INIT;
	struct tzf_fork *f;
	struct stat st;
	int rc;

	rc = tzf_fork_open(&f, name, dg);
	if (rc == TZF_OK)
		rc = tzf__fork_clone_dir(&dir, name);
	if (rc == TZF_OK && stat(dir.ptr, &st) != 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "fork '%s' not fetched: no clone at '%s'", name, dir.ptr);
		rc = TZF_ENOTFOUND;
	}
	if (rc == TZF_OK)
		rc = tzf__git_load(t, dir.ptr, *ref != '\0' ? ref :
		    tzf_fork_branch(f), tzf_fork_tags(f), dg);
	tzf_fork_free(f);
	tzf_buf_dispose(&dir);
	return rc;
}

/* ------------------------------------------------------------------ */
/* SPEC resolution */

/*
 * Split REPO@REF at the last '@'.  A SPEC that names an existing path
 * is a path even if it contains '@'.
 */
static int
open_at(struct tzf_tree **out, const char *spec, const char *at,
    struct tzf_diag *dg)
{
	struct tzf_buf lhs = TZF_BUF_INIT;
	struct stat st;
	bool fork;
	int rc;

	tzf_buf_add(&lhs, spec, (size_t)(at - spec));
	if (lhs.oom)
		return TZF_ENOMEM;
	fork = stat(lhs.ptr, &st) != 0;
	if (fork && strchr(lhs.ptr, '/') != NULL) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no such path '%s'",
		    lhs.ptr);
		tzf_buf_dispose(&lhs);
		return TZF_ENOTFOUND;
	}
	rc = tzf__tree_new(out, spec, fork ? TZF_TREE_FORK : TZF_TREE_GIT);
	if (rc == TZF_OK && fork)
		rc = load_fork(*out, lhs.ptr, at + 1, dg);
	else if (rc == TZF_OK)
		rc = tzf__git_load(*out, lhs.ptr, at[1] != '\0' ? at + 1 :
		    "HEAD", NULL, dg);
	tzf_buf_dispose(&lhs);
	return rc;
}

/* A checkout, where the Makefile's `git describe` would work. */
static bool
is_git_work_tree(const char *dir)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct stat st;
	bool yes;

	tzf_buf_printf(&b, "%s/.git", dir);
	yes = !b.oom && lstat(b.ptr, &st) == 0;
	tzf_buf_dispose(&b);
	return yes;
}

/*
 * A zoneinfo directory, as /usr/share/zoneinfo: a tzdata.zi and none of
 * the source files; *ZI is set to the tzdata.zi's path.
 */
static bool
is_zoneinfo(const char *dir, struct tzf_buf *zi)
{
	static const char *const sources[] = {
		"africa", "europe", "northamerica", "etcetera", NULL
	};
	struct tzf_buf p = TZF_BUF_INIT;
	struct stat st;
	bool source = false;
	int i;

	for (i = 0; sources[i] != NULL && !source; i++) {
		p.len = 0;
		tzf_buf_printf(&p, "%s/%s", dir, sources[i]);
		source = !p.oom && stat(p.ptr, &st) == 0;
	}
	tzf_buf_dispose(&p);
	tzf_buf_printf(zi, "%s/tzdata.zi", dir);
	return !source && !zi->oom && stat(zi->ptr, &st) == 0 &&
	    S_ISREG(st.st_mode);
}

static int
open_path(struct tzf_tree **out, const char *spec, const struct stat *st,
    struct tzf_diag *dg)
{
	struct tzf_buf zi = TZF_BUF_INIT;
	int rc;

	if (S_ISDIR(st->st_mode) && is_zoneinfo(spec, &zi)) {
		/* An installed zoneinfo directory: its tzdata.zi is the
		 * source; the TZif files beside it are not. */
		rc = zi.oom ? TZF_ENOMEM : tzf__tree_new(out, spec,
		    TZF_TREE_FILE);
		if (rc == TZF_OK)
			rc = add_disk_file(*out, zi.ptr, "tzdata.zi", dg);
	} else if (S_ISDIR(st->st_mode)) {
		rc = tzf__tree_new(out, spec, TZF_TREE_DIR);
		if (rc == TZF_OK)
			rc = load_dir(*out, spec, dg);
		if (rc == TZF_OK && is_git_work_tree(spec))
			rc = tzf__git_describe_dir(&(*out)->described, spec, dg);
		if (rc == TZF_OK && !tzf__tree_has_data(*out)) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "no tzdb data in directory '%s'", spec);
			rc = TZF_ENOTFOUND;
		}
	} else if (is_tarball_name(spec)) {
		rc = tzf__tree_new(out, spec, TZF_TREE_TARBALL);
		if (rc == TZF_OK)
			rc = load_tarball(*out, spec, dg);
		if (rc == TZF_OK && !tzf__tree_has_data(*out)) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "no tzdb data in archive '%s'", spec);
			rc = TZF_ENOTFOUND;
		}
	} else {
		rc = tzf__tree_new(out, spec, TZF_TREE_FILE);
		if (rc == TZF_OK)
			rc = add_disk_file(*out, spec, base_name(spec), dg);
	}
	tzf_buf_dispose(&zi);
	return rc;
}

int
tzf_tree_open(struct tzf_tree **out, const char *spec, struct tzf_diag *dg)
{
	struct tzf_tree *t = NULL;
	const char *at;
	struct stat st;
	int rc;

	*out = NULL;
	at = strrchr(spec, '@');
	if (stat(spec, &st) == 0 && !S_ISDIR(st.st_mode) &&
	    !S_ISREG(st.st_mode)) {
		/* A FIFO or device would block or never end: refused at
		 * once, before anything opens it. */
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "'%s' is not a regular file "
		    "or directory", spec);
		rc = TZF_EINVAL;
	} else if (stat(spec, &st) == 0)
		rc = open_path(&t, spec, &st, dg);
	else if (at != NULL && at != spec)
		rc = open_at(&t, spec, at, dg);
	else {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no such path '%s'", spec);
		rc = TZF_ENOTFOUND;
	}
	if (rc == TZF_OK)
		rc = set_version(t);
	if (rc < 0) {
		tzf_tree_free(t);
		return rc;
	}
	rc = tzf__tree_finish(t);
	if (rc < 0) {
		tzf_tree_free(t);
		return rc;
	}
	*out = t;
	return TZF_OK;
}
