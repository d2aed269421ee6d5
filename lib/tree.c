/*
 * tree.c: a tzdb source tree held in memory (struct tzf_tree): its
 * files, indexed by name, with the checks every source kind shares
 * (size caps, NUL bytes, a later copy replacing an earlier one), the
 * accessors of tzforge.h, and reading a regular file from disk without
 * ever blocking on a FIFO.  source.c, gitsrc.c and forks.c fill and read
 * trees through it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzf_source.h"

/* The files that make a directory or git tree a tzdb tree. */
static const char *const data_markers[] = {
	"africa", "europe", "northamerica", "etcetera", "tzdata.zi", NULL
};

/* ------------------------------------------------------------------ */
/* Construction */

int
tzf__tree_set_str(char **field, const char *s, size_t len)
{
	char *p;

	p = tzf__malloc(len + 1);
	if (p == NULL)
		return TZF_ENOMEM;
	memcpy(p, s, len);
	p[len] = '\0';
	tzf__free(*field);
	*field = p;
	return TZF_OK;
}

int
tzf__tree_new(struct tzf_tree **out, const char *spec,
    enum tzf_tree_kind kind)
{
	struct tzf_tree *t;

	*out = NULL;
	t = tzf__calloc(1, sizeof *t);
	if (t == NULL)
		return TZF_ENOMEM;
	t->kind = kind;
	if (tzf__tree_set_str(&t->spec, spec, strlen(spec)) < 0) {
		tzf__free(t);
		return TZF_ENOMEM;
	}
	*out = t;
	return TZF_OK;
}

/* File NAME of T, found through the index of names (a tree may hold
 * 100,000 files). */
static struct tzf__file *
find_file(const struct tzf_tree *t, const char *name)
{
	const struct tzf__ent *e = tzf__map_get(&t->index, name);

	return e != NULL && e->num > 0 ? &t->files[e->num - 1] : NULL;
}

/* Index the files anew, after they were sorted. */
static int
reindex(struct tzf_tree *t)
{
	struct tzf__ent *e;
	size_t i;

	tzf__map_free(&t->index);
	for (i = 0; i < t->nfiles; i++) {
		e = tzf__map_put(&t->index, t->files[i].name,
		    strlen(t->files[i].name));
		if (e == NULL)
			return TZF_ENOMEM;
		e->num = i + 1;
	}
	return TZF_OK;
}

int
tzf__check_nul(const char *name, const char *data, size_t len,
    struct tzf_diag *dg)
{
	const char *nul = memchr(data, '\0', len), *p;
	long line = 1;

	if (nul == NULL)
		return TZF_OK;
	for (p = data; (p = memchr(p, '\n', (size_t)(nul - p))) != NULL; p++)
		line++;
	tzf__diag(dg, TZF_SEV_ERR, name, line, "NUL input byte");
	return TZF_EINVAL;
}

/* Whether a file of LEN bytes may join the tree; diagnosed when not. */
static int
check_caps(const struct tzf_tree *t, const char *name, size_t len,
    struct tzf_diag *dg)
{
	if (len > TZF_FILE_MAX) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "file '%s' of '%s' is larger than %zu MiB", name, t->spec,
		    TZF_FILE_MAX >> 20);
		return TZF_EINVAL;
	}
	if (len > TZF_TREE_MAX - t->total) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "tree '%s' is larger than %zu MiB", t->spec,
		    TZF_TREE_MAX >> 20);
		return TZF_EINVAL;
	}
	return TZF_OK;
}

/*
 * Add file NAME with the LEN bytes at DATA, a NUL-terminated block from
 * tzf__malloc that the tree takes over (and frees at once when it is
 * refused).  A second file of the same name replaces the first, as the
 * last copy of a tarball member does for tar -x.
 */
int
tzf__tree_take(struct tzf_tree *t, const char *name, char *data, size_t len,
    struct tzf_diag *dg)
{
	struct tzf__file *f;
	struct tzf__ent *e;
	int rc;

	rc = check_caps(t, name, len, dg);
	if (rc == TZF_OK)
		rc = tzf__check_nul(name, data, len, dg);
	if (rc < 0)
		goto drop;
	rc = TZF_ENOMEM;
	e = tzf__map_put(&t->index, name, strlen(name));
	if (e == NULL)
		goto drop;
	if (e->num > 0) {
		f = &t->files[e->num - 1];
		t->total -= f->len;
		tzf__free(f->data);
		f->data = data;
		f->len = len;
		t->total += len;
		return TZF_OK;
	}
	if (!tzf__grow(&t->files, &t->nalloc, t->nfiles + 1, sizeof *t->files))
		goto drop;
	f = &t->files[t->nfiles];
	f->name = NULL;
	if (tzf__tree_set_str(&f->name, name, strlen(name)) < 0)
		goto drop;
	f->data = data;
	f->len = len;
	e->num = ++t->nfiles;
	t->total += len;
	return TZF_OK;
drop:
	tzf__free(data);
	return rc;
}

/* Copy LEN bytes of DATA into the tree as file NAME, enforcing caps. */
int
tzf__tree_add(struct tzf_tree *t, const char *name, const void *data,
    size_t len, struct tzf_diag *dg)
{
	char *copy = NULL;
	int rc = check_caps(t, name, len, dg);

	if (rc < 0)
		return rc;
	if (tzf__tree_set_str(&copy, data, len) < 0)
		return TZF_ENOMEM;
	return tzf__tree_take(t, name, copy, len, dg);
}

bool
tzf__tree_has_data(const struct tzf_tree *t)
{
	int i;

	for (i = 0; data_markers[i] != NULL; i++)
		if (find_file(t, data_markers[i]) != NULL)
			return true;
	return false;
}

void
tzf_tree_free(struct tzf_tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nfiles; i++) {
		tzf__free(t->files[i].name);
		tzf__free(t->files[i].data);
	}
	tzf__free(t->files);
	tzf__map_free(&t->index);
	tzf__free(t->spec);
	tzf__free(t->commit);
	tzf__free(t->tag);
	tzf__free(t->described);
	tzf__free(t->version);
	tzf__free(t);
}

/* ------------------------------------------------------------------ */
/* Accessors */

int
tzf_tree_file(const char **out, size_t *out_len, const struct tzf_tree *t,
    const char *name)
{
	const struct tzf__file *f;

	f = find_file(t, name);
	if (f == NULL)
		return TZF_ENOTFOUND;
	*out = f->data;
	if (out_len != NULL)
		*out_len = f->len;
	return TZF_OK;
}

const char *
tzf_tree_spec(const struct tzf_tree *t)
{
	return t->spec;
}

enum tzf_tree_kind
tzf_tree_kind(const struct tzf_tree *t)
{
	return t->kind;
}

const char *
tzf_tree_kind_name(enum tzf_tree_kind kind)
{
	switch (kind) {
	case TZF_TREE_DIR:
		return "dir";
	case TZF_TREE_TARBALL:
		return "tarball";
	case TZF_TREE_FILE:
		return "file";
	case TZF_TREE_GIT:
		return "git";
	case TZF_TREE_FORK:
		return "fork";
	}
	return "unknown";
}

const char *
tzf_tree_commit(const struct tzf_tree *t)
{
	return t->commit;
}

const char *
tzf_tree_version(const struct tzf_tree *t)
{
	return t->version;
}

size_t
tzf_tree_nfiles(const struct tzf_tree *t)
{
	return t->nfiles;
}

const char *
tzf_tree_name(const struct tzf_tree *t, size_t i)
{
	return i < t->nfiles ? t->files[i].name : NULL;
}

int
tzf_tree_sha256(char out[65], const struct tzf_tree *t, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[TZF__SHA256_LEN];
	const struct tzf__file *f;
	int i;

	f = find_file(t, name);
	if (f == NULL)
		return TZF_ENOTFOUND;
	/* Computed on demand: most callers never ask, and hashing every
	 * file up front would tax every compile. */
	tzf__sha256(md, f->data, f->len);
	for (i = 0; i < TZF__SHA256_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	return TZF_OK;
}

static int
cmp_files(const void *a, const void *b)
{
	const struct tzf__file *fa = a, *fb = b;

	return strcmp(fa->name, fb->name);
}

int
tzf__tree_finish(struct tzf_tree *t)
{
	qsort(t->files, t->nfiles, sizeof *t->files, cmp_files);
	return reindex(t);
}

/*
 * Open PATH for reading if it is a regular file: opened without
 * blocking, so that a FIFO put in its place never hangs us, and checked
 * on the descriptor itself.
 */
int
tzf__open_regular(int *out, const char *path, const char *shown,
    struct tzf_diag *dg)
{
	struct stat st;
	int fd;

	*out = -1;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot read '%s': %s",
		    shown,
		    strerror(errno));
		return errno == ENOENT ? TZF_ENOTFOUND : TZF_EIO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "'%s' is not a regular file",
		    shown);
		close(fd);
		return TZF_EINVAL;
	}
	*out = fd;
	return TZF_OK;
}

int
tzf__read_regular(struct tzf_buf *out, const char *path, const char *shown,
    struct tzf_diag *dg)
{
	int fd, err, rc;

	rc = tzf__open_regular(&fd, path, shown, dg);
	if (rc < 0)
		return rc;
	err = tzf_buf_read_fd(out, fd, TZF_FILE_MAX);
	close(fd);
	if (err == 0)
		return TZF_OK;
	if (err == ENOMEM)
		return TZF_ENOMEM;
	if (err == EFBIG) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "file '%s' is larger than %zu MiB", shown,
		    TZF_FILE_MAX >> 20);
		return TZF_EINVAL;
	}
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot read '%s': %s", shown,
	    strerror(err));
	return TZF_EIO;
}
