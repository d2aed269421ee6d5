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

#include "tzf_int.h"
#include "tzf_text.h"

/*
 * Versions are a release, "YYYYx" as the stem [0-9][0-9][0-9][0-9][a-z]
 * that every fork manifest's tag family starts with (lib/forks.c), and
 * the rest: the family's suffix ("gtz"), a describe's "-10-g1234567".
 * Releases are ordered by year and letter, then the rest by strcmp, so
 * that 2022a < 2022agtz < 2022b; strings that are no version by strcmp.
 */
int
tzf_version_cmp(const char *a, const char *b)
{
	int r;

	if (!tzf__is_release(a) || !tzf__is_release(b))
		return strcmp(a, b);
	r = tzf__release_cmp(a, b);
	return r != 0 ? r : strcmp(a + 5, b + 5);
}

static int
vcmp(const void *a, const void *b)
{
	return tzf_version_cmp(*(const char *const *)a,
	    *(const char *const *)b);
}

/* The suffix after a version's release ("" or a fork's, "gtz"), or
 * NULL. */
static const char *
family(const char *tag)
{
	return tzf__is_release(tag) ? tag + 5 : NULL;
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
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
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
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown tag '%s'",
			    lo);
			rc = TZF_ENOTFOUND;
		} else if (rc == TZF_OK && *hi && (sel.n == 0 ||
		    strcmp(sel.v[sel.n - 1], hi) != 0)) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown tag '%s'",
			    hi);
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
