/*
 * links.c: the order in which zic makes Link lines' files.  Links are
 * sorted by name (a later duplicate wins), and a link whose target is
 * itself a link not yet made waits for a later pass; a pass that makes
 * no progress is a cycle.  Chains of any length are followed, as zic
 * follows them.  The caller does the file-system work (zic/output.c),
 * or follows each link to its zone (history.c): this file is the one
 * place where the link rules live.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static int
linkcmp(const struct tzf_link *l, const struct tzf_link *m)
{
	int cmp = strcmp(l->linkname, m->linkname);

	if (cmp != 0)
		return cmp;
	if (l->filenum != m->filenum)
		return l->filenum < m->filenum ? -1 : 1;
	return (l->line > m->line) - (l->line < m->line);
}

static int
qsort_linkcmp(const void *a, const void *b)
{
	return linkcmp(a, b);
}

/* The link named NAME within A[0..N), or NULL; A is sorted by name. */
static const struct tzf_link *
find_link(const struct tzf_link *a, size_t n, const char *name)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(name, a[mid].linkname);

		if (cmp == 0)
			return &a[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
tzf_db_links(struct tzf_db *db,
    int (*fn)(void *payload, const char *target, const char *linkname,
	const char *file, long line),
    void *payload)
{
	struct tzf_link *links;
	size_t i, j, n, nalinks, nalloc, pass_size;
	int rc = TZF_OK;

	if (db->nlinks == 0)
		return TZF_OK;
	/* Sorted and deduplicated in a copy: db->links keeps its input
	 * order, and a second call sees the same links.  Links waiting for
	 * their target are copied again to its end. */
	nalloc = db->nlinks * 2;
	links = tzf__malloc(nalloc * sizeof *links);
	if (links == NULL)
		return TZF_ENOMEM;
	memcpy(links, db->links, db->nlinks * sizeof *links);
	qsort(links, db->nlinks, sizeof *links, qsort_linkcmp);
	for (i = j = 0; i < db->nlinks; i++) {
		while (i + 1 < db->nlinks && strcmp(links[i].linkname,
		    links[i + 1].linkname) == 0)
			i++;
		links[j++] = links[i];
	}
	n = pass_size = nalinks = j;

	j = nalinks;
	for (i = 0; i < nalinks; i++) {
		const struct tzf_link *l;

		if (i == j) {
			if (nalinks - i == pass_size) {
				tzf__diag(db->dg, TZF_SEV_ERR, links[i].file,
				    links[i].line, "\"Link %s %s\" is part of a "
				    "link cycle", links[i].target,
				    links[i].linkname);
				break;
			}
			j = nalinks;
			pass_size = nalinks - i;
		}
		if (strcmp(links[i].target, links[i].linkname) == 0) {
			tzf__diag(db->dg, TZF_SEV_ERR, links[i].file,
			    links[i].line,
			    "link %s targets itself", links[i].target);
			continue;
		}
		l = find_link(&links[i + 1], j - (i + 1), links[i].target);
		if (l == NULL)
			l = find_link(&links[j], nalinks - j, links[i].target);
		if (l == NULL) {
			rc = fn(payload, links[i].target, links[i].linkname,
			    links[i].file, links[i].line);
			if (rc < 0)
				break;
		} else {
			if (!tzf__grow(&links, &nalloc, nalinks + 1,
			    sizeof *links)) {
				rc = TZF_ENOMEM;
				break;
			}
			links[nalinks++] = links[i];
		}
		if (db->opts.noise && i < n) {
			if (l != NULL)
				tzf__diag(db->dg, TZF_SEV_WARN, links[i].file,
				    links[i].line, "link %s targeting link %s "
				    "mishandled by pre-2023 zic",
				    links[i].linkname, links[i].target);
			else if (find_link(links, n, links[i].target) != NULL)
				tzf__diag(db->dg, TZF_SEV_WARN, links[i].file,
				    links[i].line, "link %s targeting link %s",
				    links[i].linkname, links[i].target);
		}
	}
	tzf__free(links);
	return rc;
}

size_t
tzf_db_nlinks(const struct tzf_db *db)
{
	return db->nlinks;
}

void
tzf_db_link_at(const char **target, const char **linkname,
    const char **file, long *line, const struct tzf_db *db, size_t i)
{
	const struct tzf_link *l = &db->links[i];

	*target = l->target;
	*linkname = l->linkname;
	*file = l->file;
	*line = l->line;
}
