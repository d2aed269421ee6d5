/*
 * text.c: the small text helpers of the source layer: awk-style field
 * splitting, a string-keyed hash map (awk's associative arrays) and a
 * growable vector of owned lines.  ziguard.c and zishrink.c follow awk
 * scripts line by line and share these so that neither keeps private
 * containers.
 */
#include <stdint.h>
#include <string.h>

#include "tzf_text.h"

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int
tzf__split(struct tzf__fld f[TZF__MAXF], const char *s)
{
	int n = 0;

	while (*s != '\0') {
		while (blank(*s))
			s++;
		if (*s == '\0')
			break;
		f[n].p = s;
		while (*s != '\0' && !blank(*s))
			s++;
		f[n].len = (size_t)(s - f[n].p);
		if (++n == TZF__MAXF)
			break;
	}
	return n;
}

bool
tzf__feq(const struct tzf__fld *f, int nf, int i, const char *s)
{
	size_t n = strlen(s);

	if (i < 1 || i > nf)
		return n == 0;
	return f[i - 1].len == n && memcmp(f[i - 1].p, s, n) == 0;
}

bool
tzf__starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

char *
tzf__cat4(const char *a, const char *b, const char *c, const char *d)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
	char *p = tzf__malloc(la + lb + lc + ld + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc);
	memcpy(p + la + lb + lc, d, ld);
	p[la + lb + lc + ld] = '\0';
	return p;
}

/* ------------------------------------------------------------------ */
/* A string-keyed hash map (awk's associative arrays) */

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

void
tzf__map_free(struct tzf__map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		tzf__free(m->e[i].key);
		tzf__free(m->e[i].val);
	}
	tzf__free(m->e);
	m->e = NULL;
	m->n = m->cap = 0;
}

struct tzf__ent *
tzf__map_get(const struct tzf__map *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = hash(key) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	return NULL;
}

static bool
map_grow(struct tzf__map *m)
{
	struct tzf__map bigger;
	size_t i, j;

	bigger.cap = m->cap ? 2 * m->cap : 256;
	bigger.n = m->n;
	bigger.e = tzf__calloc(bigger.cap, sizeof *bigger.e);
	if (bigger.e == NULL)
		return false;
	for (i = 0; i < m->cap; i++) {
		if (m->e[i].key == NULL)
			continue;
		for (j = hash(m->e[i].key) & (bigger.cap - 1);
		    bigger.e[j].key != NULL; j = (j + 1) & (bigger.cap - 1))
			continue;
		bigger.e[j] = m->e[i];
	}
	tzf__free(m->e);
	*m = bigger;
	return true;
}

struct tzf__ent *
tzf__map_put(struct tzf__map *m, const char *key, size_t len)
{
	struct tzf__ent *e;
	char *k;
	size_t i;

	k = tzf__strndup(key, len);
	if (k == NULL)
		return NULL;
	e = tzf__map_get(m, k);
	if (e != NULL) {
		tzf__free(k);
		return e;
	}
	if (2 * (m->n + 1) > m->cap && !map_grow(m)) {
		tzf__free(k);
		return NULL;
	}
	for (i = hash(k) & (m->cap - 1); m->e[i].key != NULL;
	    i = (i + 1) & (m->cap - 1))
		continue;
	m->e[i].key = k;
	m->e[i].seq = m->n++;
	return &m->e[i];
}

int
tzf__map_setval(struct tzf__ent *e, const char *s, size_t len)
{
	char *v = tzf__strndup(s, len);

	if (v == NULL)
		return TZF_ENOMEM;
	tzf__free(e->val);
	e->val = v;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Lines */

void
tzf__lines_free(struct tzf__lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		tzf__free(l->v[i]);
	tzf__free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

bool
tzf__lines_push(struct tzf__lines *l, char *s)
{
	if (s == NULL)
		return false;
	if (!tzf__grow(&l->v, &l->cap, l->n + 1, sizeof *l->v)) {
		tzf__free(s);
		return false;
	}
	l->v[l->n++] = s;
	return true;
}

char *
tzf__fdup(const struct tzf__fld *f, int nf, int i)
{
	return i <= nf ? tzf__strndup(f[i - 1].p, f[i - 1].len) :
	    tzf__strndup("", 0);
}

int
tzf__recs_push(struct tzf__recs *r, char *rec, size_t file, long line)
{
	size_t n = r->lines.n;

	if (!tzf__grow(&r->where, &r->nalloc, n + 1, sizeof *r->where)) {
		tzf__free(rec);
		return TZF_ENOMEM;
	}
	if (!tzf__lines_push(&r->lines, rec))
		return TZF_ENOMEM;
	r->where[n].file = file;
	r->where[n].line = line;
	return TZF_OK;
}

void
tzf__recs_free(struct tzf__recs *r)
{
	tzf__lines_free(&r->lines);
	tzf__free(r->where);
	r->where = NULL;
	r->nalloc = 0;
}

/* The year and release letter at the start of a tzdb version. */
static bool
version_start(const char *v, long *year, char *letter)
{
	long y = 0;
	int i;

	for (i = 0; i < 4; i++) {
		if (!tzf__is_digit(v[i]))
			return false;
		y = y * 10 + (v[i] - '0');
	}
	if (v[4] < 'a' || v[4] > 'z')
		return false;
	*year = y;
	*letter = v[4];
	return true;
}

bool
tzf__is_release(const char *v)
{
	long y;
	char l;

	return version_start(v, &y, &l);
}

int
tzf__release_cmp(const char *a, const char *b)
{
	char la, lb;
	long ya, yb;

	if (!version_start(a, &ya, &la) || !version_start(b, &yb, &lb))
		return strcmp(a, b);
	if (ya != yb)
		return ya < yb ? -1 : 1;
	return (la > lb) - (la < lb);
}
