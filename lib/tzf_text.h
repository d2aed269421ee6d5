/*
 * tzf_text.h: the text helpers of the source layer (lib/text.c): awk's
 * default field splitting, a string-keyed map (awk's associative
 * arrays) and a vector of owned lines.  ziguard.c and zishrink.c, which
 * follow awk scripts statement by statement, share them.
 */
#ifndef TZF_TEXT_H
#define TZF_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "tzf_int.h"

/* A field of a line, as awk splits with its default FS. */
struct tzf__fld {
	const char *p;
	size_t len;
};

#define TZF__MAXF 16

/* Split S into at most TZF__MAXF fields; return the field count (awk's
 * NF, capped: the scripts never look past field 10). */
int tzf__split(struct tzf__fld f[TZF__MAXF], const char *s);
/* Field I (1-based, as awk's $I) equals S; absent fields are "". */
bool tzf__feq(const struct tzf__fld *f, int nf, int i, const char *s);
/* Field I of F as a new string ("" when absent); NULL on OOM. */
char *tzf__fdup(const struct tzf__fld *f, int nf, int i);
bool tzf__starts(const char *s, const char *prefix);
/* Concatenate up to four pieces into a new string; NULL on OOM. */
char *tzf__cat4(const char *a, const char *b, const char *c, const char *d);

static inline bool
tzf__is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
tzf__is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A string-keyed hash map; zero-initialised it is empty. */
struct tzf__ent {
	char *key;
	char *val;	/* owned, may be NULL */
	size_t num;	/* a line number, 0 for none */
	size_t seq;	/* insertion order */
};

struct tzf__map {
	struct tzf__ent *e;	/* open addressing; unused slots have no key */
	size_t n, cap;
};

void tzf__map_free(struct tzf__map *m);
struct tzf__ent *tzf__map_get(const struct tzf__map *m, const char *key);
/* Find KEY (of length LEN), adding it if absent; NULL on OOM. */
struct tzf__ent *tzf__map_put(struct tzf__map *m, const char *key,
    size_t len);
/* Set E's value to a copy of S (LEN bytes). */
int tzf__map_setval(struct tzf__ent *e, const char *s, size_t len);

/* A vector of owned strings; zero-initialised it is empty. */
struct tzf__lines {
	char **v;
	size_t n, cap;
};

void tzf__lines_free(struct tzf__lines *l);
/* Append S, taking ownership; false on OOM or a NULL S (S is freed). */
bool tzf__lines_push(struct tzf__lines *l, char *s);

/* Order of tzdb versions by their release, the "YYYYx" they start
 * with (2022agtz and 2022a-10-g1234567 are 2022a): <0, 0 or >0; other
 * strings by strcmp. */
int tzf__release_cmp(const char *a, const char *b);
/* Does V start with a release, "YYYYx"? */
bool tzf__is_release(const char *v);

/* Lines that remember where they came from: file number and line. */
struct tzf__where {
	size_t file;
	long line;
};

struct tzf__recs {
	struct tzf__lines lines;
	struct tzf__where *where;	/* one per line */
	size_t nalloc;
};

/* Append REC (taken over, freed on failure), line LINE of file FILE. */
int tzf__recs_push(struct tzf__recs *r, char *rec, size_t file, long line);
void tzf__recs_free(struct tzf__recs *r);

#endif /* TZF_TEXT_H */
