/*
 * tzf_source.h: internal interface of the source layer (tree.c,
 * source.c, gitsrc.c, forks.c, release.c, makefile.c, ziguard.c,
 * zishrink.c, sha256.c).  Front ends never include this; they
 * see struct tzf_tree only through tzforge.h.
 *
 * A separate header (rather than tzf_int.h) keeps the source layer's
 * private plumbing next to the files that use it.
 */
#ifndef TZF_SOURCE_H
#define TZF_SOURCE_H

#include "tzf_int.h"
#include "tzf_text.h"

/* One file of a tree, held in memory. */
struct tzf__file {
	char *name;		/* path relative to the tree's top */
	char *data;		/* NUL-terminated copy of the contents */
	size_t len;
};

struct tzf_tree {
	char *spec;		/* the SPEC as given */
	enum tzf_tree_kind kind;
	char *commit;		/* hex commit id, or NULL */
	char *tag;		/* tag the ref named, or NULL */
	char *described;	/* `git describe` of a git tree, or NULL */
	char *version;		/* release version, or NULL */
	struct tzf__file *files;
	size_t nfiles, nalloc;
	struct tzf__map index;	/* name -> position in files + 1 */
	size_t total;		/* bytes held, checked against TZF_TREE_MAX */
};

/* Tree construction, shared by source.c and gitsrc.c. */
int tzf__tree_new(struct tzf_tree **out, const char *spec,
    enum tzf_tree_kind kind);
int tzf__tree_take(struct tzf_tree *t, const char *name, char *data,
    size_t len, struct tzf_diag *dg);
int tzf__tree_add(struct tzf_tree *t, const char *name, const void *data,
    size_t len, struct tzf_diag *dg);
int tzf__tree_set_str(char **field, const char *s, size_t len);
bool tzf__tree_has_data(const struct tzf_tree *t);
/* Sort the files by name, as the accessors give them. */
int tzf__tree_finish(struct tzf_tree *t);

/* The --match pattern of the upstream Makefile's `git describe`. */
#define TZF__DESCRIBE_MATCH "[0-9][0-9][0-9][0-9][a-z]*"

/* tree.c: zic's check of file NAME's LEN bytes at DATA: the first
 * NUL byte is reported at its line ("NUL input byte"), TZF_EINVAL. */
int tzf__check_nul(const char *name, const char *data, size_t len,
    struct tzf_diag *dg);

/* tree.c: open PATH (SHOWN in messages) for reading if it is a
 * regular file, never blocking on a FIFO; or read it whole, up to
 * TZF_FILE_MAX. */
int tzf__open_regular(int *out, const char *path, const char *shown,
    struct tzf_diag *dg);
int tzf__read_regular(struct tzf_buf *out, const char *path,
    const char *shown, struct tzf_diag *dg);

/* gitsrc.c: fill T with the top-level files of REF in the repository
 * at PATH (bare or not), with T's commit, tag, and its version: the
 * Makefile's `git describe --match TZF__DESCRIBE_MATCH --abbrev=7` (a
 * NULL FAMILY), or for a fork `git describe --tags --match FAMILY
 * --abbrev=7` (its manifest's tags, lightweight ones included, as the
 * fork's releases are built with VERSION=<tag>). */
int tzf__git_load(struct tzf_tree *t, const char *path, const char *ref,
    const char *family, struct tzf_diag *dg);
/* `git describe --dirty` of the work tree at DIR (*OUT stays NULL if
 * DIR is no repository or no tag matches). */
int tzf__git_describe_dir(char **out, const char *dir, struct tzf_diag *dg);

/* forks.c: where the manifests and the bare clone of fork NAME are. */
int tzf__fork_manifest(struct tzf_buf *out, const char *name,
    struct tzf_diag *dg);
int tzf__fork_clone_dir(struct tzf_buf *out, const char *name);
int tzf__manifest_get(struct tzf_buf *out, const char *text, const char *key);


/* ------------------------------------------------------------------ */
/* The release builder (release.c, makefile.c, ziguard.c) */

/* makefile.c: the variables of a Makefile as GNU make expands them. */
struct tzf__mk;
int tzf__mk_read(struct tzf__mk **out, const char *text, size_t len);
void tzf__mk_free(struct tzf__mk *mk);
/* Whether the file assigns NAME. */
bool tzf__mk_has(const struct tzf__mk *mk, const char *name);
/* NAME=VALUE as on make's command line: the file's assignments lose. */
int tzf__mk_override(struct tzf__mk *mk, const char *name,
    const char *value);
/* Append NAME's expanded value to OUT ("" if undefined); TZF_EINVAL if
 * it needs what the reader does not evaluate (functions, $@...). */
int tzf__mk_value(struct tzf_buf *out, const struct tzf__mk *mk,
    const char *name);

/* The data forms of ziguard.awk (DATAFORM). */
enum tzf__form { TZF__FORM_MAIN, TZF__FORM_VANGUARD, TZF__FORM_REARGUARD };

/* ziguard.c: the versions of ziguard.awk tzforge reproduces. */
struct tzf__guard;
/* The version whose bytes hash to HEX (lowercase SHA-256), or NULL. */
const struct tzf__guard *tzf__guard_by_sha256(const char *hex);
/* The version release RELEASE ("2021a") carried: NULL before 2018d;
 * the newest for a NULL RELEASE. */
const struct tzf__guard *tzf__guard_by_release(const char *release);
const char *tzf__guard_first(const struct tzf__guard *g);

/*
 * A release as its own Makefile builds it (see tzf_build_release): the
 * switches as validated, the files it reads, the records of its zic
 * input with their origins, and that input as one text.
 */
struct tzf_build {
	const struct tzf_tree *tree;	/* borrowed */
	struct tzf_switches sw;		/* strings point into owned below */
	char *dataform, *packratlist, *redo;
	enum tzf__form form;
	const struct tzf__guard *guard;	/* NULL: files are concatenated */
	bool single;			/* a single-file tree */
	struct tzf__lines files;	/* TDATA then PACKRATDATA, as zic gets
					 * them through make install */
	struct tzf__lines tdata_files;	/* the same for `make tzdata.zi`
					 * (empty: as files) */
	const char *packratdata;	/* PACKRATDATA's file, or NULL */
	char *plist_text;		/* PACKRATLIST's text, or NULL */
	struct tzf__recs recs;		/* records; one may hold a '\n';
					 * file: an index into files */
	struct tzf_buf text;		/* the records as lines */
	struct tzf_origin *origins;	/* one per line of text */
	size_t norigins;
	char name[32];			/* "main.zi", "vanguard.zi"... */
};

/* Run R's ziguard.awk over its files into R->recs (ziguard.c). */
int tzf__ziguard(struct tzf_build *r, struct tzf_diag *dg);

/* install.c: the REDO of the tree's Makefile into OUT; TZF_ENOTFOUND
 * without a Makefile. */
int tzf__makefile_redo(char out[16], const struct tzf_tree *t);

/* sha256.c */
#define TZF__SHA256_LEN 32
void tzf__sha256(unsigned char out[TZF__SHA256_LEN], const void *data,
    size_t len);

#endif /* TZF_SOURCE_H */
