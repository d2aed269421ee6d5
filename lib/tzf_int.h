/*
 * tzf_int.h: internal declarations shared by the files of lib/.
 * Front ends never include this; they see only tzforge.h.
 */
#ifndef TZF_INT_H
#define TZF_INT_H

#include <stdarg.h>
#include <string.h>

#include "tzforge_test.h"	/* the public API and the test hooks */

/* Report a diagnostic tied to FILE:LINE (file may be NULL). */
void tzf__diag(struct tzf_diag *dg, enum tzf_sev sev, const char *file,
    long line, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Report a diagnostic with full control over the record. */
void tzf__diag_msg(struct tzf_diag *dg, const struct tzf_msg *proto,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A "PROG: TEXT" error not tied to input. */
void tzf__diag_sys(struct tzf_diag *dg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Allocation through the hook of tzf_set_allocator() (lib/alloc.c). */
void *tzf__malloc(size_t n);
void *tzf__calloc(size_t n, size_t size);
void *tzf__realloc(void *p, size_t n);
void tzf__free(void *p);
char *tzf__strdup(const char *s);	/* NULL for a NULL S */
char *tzf__strndup(const char *s, size_t n);	/* N bytes of S, plus a NUL */
bool tzf__grow(void *arrp, size_t *nalloc, size_t need, size_t size);

/*
 * Load SONAME once into *HANDLE and store each function NAMES[i] into
 * *SLOTS[i] (lib/dynload.c).  Fails with one message if anything is
 * missing.
 */
int tzf__dynload(void **handle, const char *soname, const char *const *names,
    void **const *slots, size_t n, struct tzf_diag *dg);

/*
 * Table files (lib/tables.c): zone.tab, zone1970.tab, zonenow.tab and
 * iso3166.tab.  tzf__table_each calls FN for each data line (not empty,
 * not '#') with its 1-based number and its tab-separated fields; a
 * non-zero return from FN stops the walk and is returned.
 */
#define TZF__TAB_MAXF 8
struct tzf__tabline {
	long line;
	const char *text;	/* the line, LEN bytes, no newline or CR */
	size_t len;
	int nf;			/* fields found, at most TZF__TAB_MAXF */
	const char *f[TZF__TAB_MAXF];
	size_t fl[TZF__TAB_MAXF];
};
int tzf__table_each(const char *text, size_t len,
    int (*fn)(void *payload, const struct tzf__tabline *l), void *payload);
/* The field that names a row: 0 (the code) in iso3166.tab, else 2 (TZ). */
int tzf__table_keycol(const char *file);
/* Is FILE the table of countries (iso3166.tab), not of zones? */
bool tzf__table_is_countries(const char *file);
/* The table files: zone.tab, zone1970.tab, zonenow.tab, iso3166.tab. */
#define TZF__NTABLES 4
extern const char *const tzf__table_files[TZF__NTABLES];

/*
 * Build a diff side (lib/compare.c) from TREE and, when BUILD is not
 * NULL, the build of the release already made from it.  Ownership of
 * both passes to the side, even on failure.
 */
int tzf__cmp_side_from_build(struct tzf_cmp_side **out, struct tzf_tree *tree,
    struct tzf_build *build, const struct tzf_switches *sw,
    struct tzf_diag *dg);

/*
 * The text that a model's or a diagnostic's FILE names (lib/compare.c):
 * a file of the tree of build B (the origins of its lines), else, for
 * lines no origin covers, B's generated text.  False if neither.
 */
bool tzf__source_text(const char **out, size_t *len, const struct tzf_build *b,
    const char *file);

/*
 * Many commits of one repository, read for the commit walks of
 * lib/attrib.c (lib/gitsrc.c).  tzf__gitreader_tree makes a tree named
 * SPEC of commit ID holding only the top-level files NAMES (sorted,
 * NULL-terminated) that exist there, reusing the text of a file whose
 * blob it read before; ALT, when not NULL, gives the text of one of
 * them instead of the commit's.
 */
struct tzf__file_text {
	const char *name;
	const char *data;
	size_t len;
};
struct tzf__gitreader;
int tzf__gitreader_open(struct tzf__gitreader **out, const char *path,
    struct tzf_diag *dg);
int tzf__gitreader_tree(struct tzf_tree **out, struct tzf__gitreader *r,
    const char *spec, const char *id, const char *const *names,
    const struct tzf__file_text *alt, struct tzf_diag *dg);
void tzf__gitreader_close(struct tzf__gitreader *r);

/* tzf_buf_add for a writer's many small appends: inline while the
 * buffer has room, which a tzf_buf_reserve() up front ensures. */
static inline void
tzf__buf_put(struct tzf_buf *b, const void *data, size_t len)
{
	if (b->cap - b->len > len) {
		memcpy(b->ptr + b->len, data, len);
		b->len += len;
		b->ptr[b->len] = '\0';
	} else
		tzf_buf_add(b, data, len);
}

/* Checked arithmetic: false on overflow. */
static inline bool
tzf__add64(int64_t *out, int64_t a, int64_t b)
{
	return !__builtin_add_overflow(a, b, out);
}

static inline bool
tzf__mul64(int64_t *out, int64_t a, int64_t b)
{
	return !__builtin_mul_overflow(a, b, out);
}

/* A + B, held at INT64_MIN or INT64_MAX instead of overflowing. */
static inline int64_t
tzf__sat_add(int64_t a, int64_t b)
{
	int64_t v;

	if (__builtin_add_overflow(a, b, &v))
		return b < 0 ? INT64_MIN : INT64_MAX;
	return v;
}

/* ------------------------------------------------------------------ */
/* Entry points of the modules that only the library calls (the public
 * ones are in lib/tzforge/). */

/*
 * tzf_db_parse for generated text: line N of TEXT (1-based) is line
 * ORIGINS[N - 1] of its file, and diagnostics and the parsed records
 * carry that file and line (NAME only where no origin covers a line).
 * Each file counts as an input file of its own, as zic given the files
 * one by one would count them.
 */
int tzf_db_parse_mapped(struct tzf_db *db, const char *name,
    const char *text, size_t len, const struct tzf_origin *origins,
    size_t norigins);

/* Zone I compiled, and its lines with their start instants as the
 * expander computes them (OUT or SPANS may be NULL; release *SPANS with
 * tzf_free(), *N lines). */
int tzf_db_compile_zone_spans(struct tzf_buf *out, struct tzf_span **spans,
    size_t *n, struct tzf_db *db, size_t i);

/*
 * Every Zone of generated zic input TEXT whose lines came from ORIGINS
 * (see tzf_db_parse_mapped), or of a release's build, expanded into slim
 * TZif data, with links resolved.
 */
int tzf_histset_from_mapped(struct tzf_histset **out, const char *name,
    const char *text, size_t len, const struct tzf_origin *origins,
    size_t norigins, struct tzf_diag *dg);
int tzf_histset_from_build(struct tzf_histset **out, const struct tzf_build *b,
    struct tzf_diag *dg);
const struct tzf_db *tzf_histset_db(const struct tzf_histset *hs);

/* The name of that text ("main.zi", "rearguard.zi"... or the single
 * file's name). */
const char *tzf_build_name(const struct tzf_build *r);
const struct tzf_tree *tzf_build_tree(const struct tzf_build *r);
/* The url of a fork's manifest. */
const char *tzf_fork_url(const struct tzf_fork *f);

#endif /* TZF_INT_H */
