/*
 * releases.c: the releases of a git repository in tzdb version order,
 * for tzdiff's walks (--releases REPO A..B), and the order of tzdb
 * version strings itself.
 *
 * Tags are listed through libgit2 (tzf_git_tags, lib/gitsrc.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* Does S start with the suffix of a fork's tag family? */
static bool
at_family_suffix(const char *s)
{
	const char *const *v;
	size_t i, n;

	v = tzf__fork_suffixes(&n);
	for (i = 0; i < n; i++)
		if (strncmp(s, v[i], strlen(v[i])) == 0)
			return true;
	return false;
}

/*
 * Split a tzdb version such as 2022b, 2022agtz or 2022ag-beta1 into its
 * year, its letters (the longest run of a-z right after the year, minus
 * a family suffix) and the rest.  Returns false if TAG is no version.
 */
static bool
version_split(const char *tag, long *year, size_t *nletters,
    const char **rest)
{
	const char *p = tag;
	long y = 0;
	int i;

	for (i = 0; i < 4; i++, p++) {
		if (*p < '0' || *p > '9')
			return false;
		y = y * 10 + (*p - '0');
	}
	if (*p < 'a' || *p > 'z')
		return false;
	*year = y;
	*rest = p;
	*nletters = 0;
	/* A release letter run: "b", "za"... but "agtz" is "a" + "gtz":
	 * take one letter, then more only while the suffix of a fork's
	 * tag family (tzdb-forks/) does not start. */
	*nletters = 1;
	while (p[*nletters] >= 'a' && p[*nletters] <= 'z' &&
	    !at_family_suffix(p + *nletters))
		(*nletters)++;
	*rest = p + *nletters;
	return true;
}

int
tzf_version_cmp(const char *a, const char *b)
{
	const char *ra, *rb;
	size_t la, lb;
	long ya, yb;
	int r;

	if (!version_split(a, &ya, &la, &ra) ||
	    !version_split(b, &yb, &lb, &rb))
		return strcmp(a, b);
	if (ya != yb)
		return ya < yb ? -1 : 1;
	if (la != lb)
		return la < lb ? -1 : 1;
	r = strncmp(ra - la, rb - lb, la);
	if (r != 0)
		return r;
	return strcmp(ra, rb);
}

static int
vcmp(const void *a, const void *b)
{
	return tzf_version_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

/* The suffix after a version's letters ("" or a fork's, "gtz"), or
 * NULL. */
static const char *
family(const char *tag)
{
	const char *rest;
	size_t nl;
	long y;

	return version_split(tag, &y, &nl, &rest) ? rest : NULL;
}

static int
push(struct tzf__lines *l, char *s)
{
	return tzf__lines_push(l, s) ? TZF_OK : TZF_ENOMEM;
}

/* The tags of REPO (a path or a fork's name), through libgit2. */
static int
repo_tags(struct tzf__lines *sv, const char *repo, struct tzf_diag *dg)
{
	char **tags;
	size_t n;
	int rc;

	rc = tzf_git_tags(&tags, &n, repo, "*", dg);
	if (rc < 0)
		return rc;
	sv->v = tags;
	sv->n = sv->cap = n;
	return TZF_OK;
}

int
tzf_release_list(char ***out, size_t *n, const char *repo,
    const char *range, struct tzf_diag *dg)
{
	struct tzf__lines all = { NULL, 0, 0 }, sel = { NULL, 0, 0 };
	const char *dots = strstr(range, "..");
	size_t i;
	int rc = TZF_OK;

	*out = NULL;
	*n = 0;
	if (dots == NULL) {
		/* A comma-separated list, taken as given. */
		const char *p = range;

		while (rc == TZF_OK) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);

			if (len > 0)
				rc = push(&sel, tzf__strndup(p, len));
			if (comma == NULL)
				break;
			p = comma + 1;
		}
	} else {
		char *lo = tzf__strndup(range, (size_t)(dots - range));
		const char *hi = dots + 2, *fam;

		if (lo == NULL)
			return TZF_ENOMEM;
		fam = family(*lo ? lo : hi);
		if (fam == NULL || (*hi && (family(hi) == NULL || strcmp(family(hi), fam) != 0))) {
			tzf__diag(dg, TZF_ERR, NULL, 0,
			    "not a release range: '%s'", range);
			tzf__free(lo);
			return TZF_EINVAL;
		}
		rc = repo_tags(&all, repo, dg);
		for (i = 0; rc == TZF_OK && i < all.n; i++) {
			const char *f = family(all.v[i]);

			if (f == NULL || strcmp(f, fam) != 0)
				continue;
			if (*lo && tzf_version_cmp(all.v[i], lo) < 0)
				continue;
			if (*hi && tzf_version_cmp(all.v[i], hi) > 0)
				continue;
			rc = push(&sel, tzf__strdup(all.v[i]));
		}
		if (rc == TZF_OK && sel.n > 0)
			qsort(sel.v, sel.n, sizeof *sel.v, vcmp);
		/* Drop duplicates (a tag both packed and loose). */
		for (i = 1; rc == TZF_OK && i < sel.n;)
			if (strcmp(sel.v[i], sel.v[i - 1]) == 0) {
				tzf__free(sel.v[i]);
				memmove(&sel.v[i], &sel.v[i + 1],
				    (sel.n - i - 1) * sizeof *sel.v);
				sel.n--;
			} else
				i++;
		if (rc == TZF_OK && (*lo && (sel.n == 0 ||
		    strcmp(sel.v[0], lo) != 0))) {
			tzf__diag(dg, TZF_ERR, NULL, 0, "unknown tag '%s'", lo);
			rc = TZF_ENOTFOUND;
		} else if (rc == TZF_OK && *hi && (sel.n == 0 ||
		    strcmp(sel.v[sel.n - 1], hi) != 0)) {
			tzf__diag(dg, TZF_ERR, NULL, 0, "unknown tag '%s'", hi);
			rc = TZF_ENOTFOUND;
		}
		tzf__free(lo);
	}
	tzf__lines_free(&all);
	if (rc < 0) {
		tzf__lines_free(&sel);
		return rc;
	}
	*out = sel.v;
	*n = sel.n;
	return TZF_OK;
}

void
tzf_release_list_free(char **list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		tzf__free(list[i]);
	tzf__free(list);
}
