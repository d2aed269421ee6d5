/*
 * tzf_source.h: internal interface of the source layer (source.c,
 * gitsrc.c, ziguard.c, zishrink.c, sha256.c).  Front ends never include this; they
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
	char *version;		/* release version, or NULL */
	struct tzf__file *files;
	size_t nfiles, nalloc;
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

/* gitsrc.c: fill T with the top-level files of REF in the repository
 * at PATH (bare or not), with T's commit and tag. */
int tzf__git_load(struct tzf_tree *t, const char *path, const char *ref,
    struct tzf_diag *dg);

/* source.c: where the manifests and the bare clone of fork NAME are. */
int tzf__fork_manifest(struct tzf_buf *out, const char *name,
    struct tzf_diag *dg);
int tzf__fork_clone_dir(struct tzf_buf *out, const char *name);
int tzf__manifest_get(struct tzf_buf *out, const char *text, const char *key);

/* The data forms of ziguard.awk (DATAFORM). */
enum tzf__form { TZF__FORM_MAIN, TZF__FORM_VANGUARD, TZF__FORM_REARGUARD };

/* What `make FORM.zi` makes of a multi-file tree (ziguard.c). */
struct tzf__zi {
	struct tzf__lines lines;	/* FORM.zi, one line per entry */
	enum tzf__form form;
	const char *files[16];	/* TDATA and PACKRATDATA read, in order */
	int nfiles;
};

/* Run ziguard over tree T with switches SW (not NULL) into *OUT; free
 * *OUT with tzf__zi_free() whatever the result. */
int tzf__ziguard(struct tzf__zi *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);
void tzf__zi_free(struct tzf__zi *z);

/* The only file of a single-file tree; TZF_EINVAL (with a message) when
 * SW asks for anything but the default build. */
int tzf__single_file(const char **out, size_t *out_len,
    const struct tzf_tree *t, const struct tzf_switches *sw,
    struct tzf_diag *dg);

/* sha256.c */
#define TZF__SHA256_LEN 32
void tzf__sha256(unsigned char out[TZF__SHA256_LEN], const void *data,
    size_t len);

#endif /* TZF_SOURCE_H */
