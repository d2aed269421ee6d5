/*
 * releases.c: the releases of a git repository in tzdb version order,
 * for tzdiff's walks (--releases REPO A..B), and the order of tzdb
 * version strings itself.
 *
 * Tags are read from the repository's packed-refs and refs/tags; the
 * release helper's tag listing through libgit2 is to replace that.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tzf_int.h"

/* A growable array of owned strings. */
struct strvec {
	char **v;
	size_t n, nalloc;
};

static int
strvec_push(struct strvec *sv, char *s)
{
	if (s == NULL)
		return TZF_ENOMEM;
	if (!tzf__grow(&sv->v, &sv->nalloc, sv->n + 1, sizeof *sv->v)) {
		tzf__free(s);
		return TZF_ENOMEM;
	}
	sv->v[sv->n++] = s;
	return TZF_OK;
}

static void
strvec_free(struct strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		tzf__free(sv->v[i]);
	tzf__free(sv->v);
	sv->v = NULL;
	sv->n = sv->nalloc = 0;
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
	/* A release letter run: "b", "zz"... but "agtz" is "a" + "gtz":
	 * take one letter, then more only while a known family suffix
	 * does not start. */
	while (p[*nletters] >= 'a' && p[*nletters] <= 'z' &&
	    strncmp(p + *nletters, "gtz", 3) != 0)
		(*nletters)++;
	if (*nletters == 0)
		*nletters = 1;
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

/* The suffix after a version's letters ("" or "gtz"), or NULL. */
static const char *
family(const char *tag)
{
	const char *rest;
	size_t nl;
	long y;

	return version_split(tag, &y, &nl, &rest) ? rest : NULL;
}

static int
read_packed_refs(struct strvec *sv, const char *path)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char chunk[8192];
	const char *p;
	size_t got;
	FILE *fp = fopen(path, "r");
	int rc = TZF_OK;

	if (fp == NULL)
		return TZF_OK;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		tzf_buf_add(&b, chunk, got);
	fclose(fp);
	if (b.oom) {
		tzf_buf_dispose(&b);
		return TZF_ENOMEM;
	}
	for (p = b.ptr; rc == TZF_OK && p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n'), *sp = strchr(p, ' ');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		if (*p != '#' && *p != '^' && sp != NULL && sp < p + n &&
		    strncmp(sp + 1, "refs/tags/", 10) == 0)
			rc = strvec_push(sv, tzf__strndup(sp + 11,
			    (size_t)(p + n - (sp + 11))));
		p = nl ? nl + 1 : NULL;
	}
	tzf_buf_dispose(&b);
	return rc;
}

static int
read_loose_tags(struct strvec *sv, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = TZF_OK;

	if (d == NULL)
		return TZF_OK;
	while (rc == TZF_OK && (de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			rc = strvec_push(sv, tzf__strdup(de->d_name));
	closedir(d);
	return rc;
}

/*
 * The tags of the git repository at REPO (bare or not; or a fork name of
 * tzdb-forks/), read from packed-refs and refs/tags.
 */
static int
repo_tags(struct strvec *sv, const char *repo, struct tzf_diag *dg)
{
	struct tzf_buf dir = TZF_BUF_INIT, p = TZF_BUF_INIT;
	struct stat st;
	int rc = TZF_OK;

	tzf_buf_puts(&dir, repo);
	if (stat(repo, &st) != 0 && strchr(repo, '/') == NULL) {
		tzf_buf_dispose(&dir);
		rc = tzf_fork_dir(&dir, repo, dg);
		if (rc < 0)
			goto out;
	}
	tzf_buf_printf(&p, "%s/.git", dir.ptr);
	if (!p.oom && stat(p.ptr, &st) == 0 && S_ISDIR(st.st_mode))
		tzf_buf_puts(&dir, "/.git");
	if (dir.oom || p.oom) {
		rc = TZF_ENOMEM;
		goto out;
	}
	if (stat(dir.ptr, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "not a git repository: '%s'",
		    repo);
		rc = TZF_ENOTFOUND;
		goto out;
	}
	p.len = 0;
	tzf_buf_printf(&p, "%s/packed-refs", dir.ptr);
	rc = p.oom ? TZF_ENOMEM : read_packed_refs(sv, p.ptr);
	if (rc < 0)
		goto out;
	p.len = 0;
	tzf_buf_printf(&p, "%s/refs/tags", dir.ptr);
	rc = p.oom ? TZF_ENOMEM : read_loose_tags(sv, p.ptr);
out:
	tzf_buf_dispose(&dir);
	tzf_buf_dispose(&p);
	return rc;
}

int
tzf_release_list(char ***out, size_t *n, const char *repo,
    const char *range, struct tzf_diag *dg)
{
	struct strvec all = { NULL, 0, 0 }, sel = { NULL, 0, 0 };
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
				rc = strvec_push(&sel, tzf__strndup(p, len));
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
			rc = strvec_push(&sel, tzf__strdup(all.v[i]));
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
	strvec_free(&all);
	if (rc < 0) {
		strvec_free(&sel);
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
