/*
 * store_history.c: the store across releases: the releases in lineage
 * and version order, a name's history through them (tzdb history) and
 * one instant answered by each release (tzdb at --releases).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_storedb.h"

void
tzf_releases_free(struct tzf_release *r, size_t n)
{
	size_t i;

	for (i = 0; r != NULL && i < n; i++) {
		tzf__free(r[i].label);
		tzf__free(r[i].version);
		tzf__free(r[i].spec);
		tzf__free(r[i].origin);
		tzf__free(r[i].kind);
		tzf__free(r[i].commit);
		tzf__free(r[i].switches);
	}
	tzf__free(r);
}

/* Lineage (origin, then switches), then version, then load order. */
static int
relcmp(const void *pa, const void *pb)
{
	const struct tzf_release *a = pa, *b = pb;
	int c = strcmp(a->origin, b->origin);

	if (c == 0)
		c = strcmp(a->switches, b->switches);
	if (c == 0)
		c = tzf_version_cmp(a->label, b->label);
	if (c == 0)
		c = a->seq < b->seq ? -1 : a->seq > b->seq;
	return c;
}

int
tzf_store_releases(struct tzf_release **out, size_t *n,
    struct tzf_store *st, struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	struct tzf_release *v = NULL;
	char *dflt = NULL;
	size_t nalloc = 0, i;
	bool oom = false;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT label, version, spec, origin, "
	    "kind, commit_id, 'dataform=' || dataform || "
	    "CASE WHEN backward THEN ' backward' ELSE '' END || "
	    "CASE WHEN backzone THEN ' backzone' ELSE '' END || "
	    "coalesce(' packratlist=' || packratlist, ''), seq, "
	    "(SELECT count(*) FROM name n WHERE n.release_id = r.id) "
	    "FROM release r", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tzf_release *r;

		if (!tzf__grow(&v, &nalloc, *n + 1, sizeof *v)) {
			oom = true;
			break;
		}
		r = &v[(*n)++];
		memset(r, 0, sizeof *r);
		r->label = tzf__col_dup(s, 0, &oom);
		r->version = tzf__col_dup(s, 1, &oom);
		r->spec = tzf__col_dup(s, 2, &oom);
		r->origin = tzf__col_dup(s, 3, &oom);
		r->kind = tzf__col_dup(s, 4, &oom);
		r->commit = tzf__col_dup(s, 5, &oom);
		r->switches = tzf__col_dup(s, 6, &oom);
		r->seq = (long)sqlite3_column_int64(s, 7);
		r->nnames = (long)sqlite3_column_int64(s, 8);
		oom |= r->label == NULL || r->origin == NULL ||
		    r->switches == NULL;
	}
	sqlite3_finalize(s);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		tzf_releases_free(v, *n);
		*n = 0;
		return oom ? TZF_ENOMEM : tzf__sqlerr(st, dg, "database error");
	}
	if (*n > 0) {
		qsort(v, *n, sizeof *v, relcmp);
		rc = tzf_store_default(&dflt, st, dg);
		if (rc < 0) {
			tzf_releases_free(v, *n);
			*n = 0;
			return rc;
		}
		for (i = 0; i < *n; i++)
			v[i].isdefault = strcmp(v[i].label, dflt) == 0;
		tzf__free(dflt);
	}
	*out = v;
	return TZF_OK;
}

void
tzf_hist_rows_free(struct tzf_hist_row *r, size_t n)
{
	size_t i;

	for (i = 0; r != NULL && i < n; i++) {
		tzf__free(r[i].release);
		tzf__free(r[i].origin);
		tzf__free(r[i].switches);
		tzf__free(r[i].target);
		tzf__free(r[i].zone);
	}
	tzf__free(r);
}

static bool
streq0(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static bool
same_lineage(const struct tzf_hist_row *a, const struct tzf_hist_row *b)
{
	return strcmp(a->origin, b->origin) == 0 &&
	    strcmp(a->switches, b->switches) == 0;
}

/* How NAME's data in release P differs from that in R (both present). */
static int
data_diff(struct tzf_zdiff *out, struct tzf_store *st, const char *name,
    const struct tzf_hist_row *p, const struct tzf_hist_row *r,
    struct tzf_diag *dg)
{
	struct tzf_zinfo *a = NULL, *b = NULL;
	sqlite3_int64 ra, rb;
	int rc;

	memset(out, 0, sizeof *out);
	rc = tzf__release_id(&ra, NULL, st, p->release, dg);
	if (rc == TZF_OK)
		rc = tzf__release_id(&rb, NULL, st, r->release, dg);
	if (rc == TZF_OK)
		rc = tzf__zinfo_in(&a, st, ra, p->release, name, false, dg);
	if (rc == TZF_OK)
		rc = tzf__zinfo_in(&b, st, rb, r->release, name, false, dg);
	if (rc == TZF_OK && a->tzif != NULL && b->tzif != NULL)
		rc = tzf_zinfo_diff(out, a, b, INT64_C(4102444800));
	tzf_zinfo_free(a);
	tzf_zinfo_free(b);
	return rc;
}

/* What changed in row R against the row before it in its lineage. */
static int
row_changes(struct tzf_hist_row *r, const struct tzf_hist_row *p,
    struct tzf_store *st, const char *name, struct tzf_diag *dg)
{
	if (p == NULL || !same_lineage(p, r)) {
		r->changed = r->present ? TZF_HIST_FIRST : 0;
		return TZF_OK;
	}
	if (!r->present) {
		r->changed = p->present ? TZF_HIST_REMOVED : 0;
		return TZF_OK;
	}
	if (!p->present) {
		r->changed = TZF_HIST_ADDED;
		return TZF_OK;
	}
	if (p->islink != r->islink)
		r->changed |= TZF_HIST_KIND;
	if (!streq0(p->target, r->target))
		r->changed |= TZF_HIST_TARGET;
	if (strcmp(p->sha256, r->sha256) != 0) {
		r->changed |= TZF_HIST_DATA;
		if (*p->sha256 != '\0' && *r->sha256 != '\0')
			return data_diff(&r->diff, st, name, p, r, dg);
	}
	return TZF_OK;
}

int
tzf_store_history(struct tzf_hist_row **out, size_t *n,
    struct tzf_store *st, const char *name, struct tzf_diag *dg)
{
	struct tzf_release *rel = NULL;
	struct tzf_hist_row *v = NULL;
	sqlite3_stmt *s = NULL;
	size_t nrel = 0, i;
	bool oom = false, any = false;
	int rc;

	*out = NULL;
	*n = 0;
	rc = tzf_store_releases(&rel, &nrel, st, dg);
	if (rc < 0)
		return rc;
	v = tzf__calloc(nrel + 1, sizeof *v);
	if (v == NULL || sqlite3_prepare_v2(st->db, "SELECT n.kind, n.target, "
	    "n.zone, h.sha256 FROM release r JOIN name n ON n.release_id = "
	    "r.id AND n.name = ?2 LEFT JOIN history h ON h.id = n.history_id "
	    "WHERE r.label = ?1", -1, &s, NULL) != SQLITE_OK) {
		tzf_releases_free(rel, nrel);
		tzf__free(v);
		return v == NULL ? TZF_ENOMEM :
		    tzf__sqlerr(st, dg, "cannot prepare statement");
	}
	for (i = 0; i < nrel && !oom; i++) {
		struct tzf_hist_row *r = &v[(*n)++];
		const unsigned char *kind, *sha;

		r->release = tzf__strdup(rel[i].label);
		r->origin = tzf__strdup(rel[i].origin);
		r->switches = tzf__strdup(rel[i].switches);
		oom = r->release == NULL || r->origin == NULL ||
		    r->switches == NULL;
		sqlite3_reset(s);
		tzf__bind_text(s, 1, rel[i].label);
		tzf__bind_text(s, 2, name);
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW) {
			if (rc != SQLITE_DONE)
				break;
			continue;
		}
		kind = sqlite3_column_text(s, 0);
		r->present = true;
		any = true;
		r->islink = kind != NULL && strcmp((const char *)kind,
		    "link") == 0;
		r->target = tzf__col_dup(s, 1, &oom);
		r->zone = tzf__col_dup(s, 2, &oom);
		sha = sqlite3_column_text(s, 3);
		snprintf(r->sha256, sizeof r->sha256, "%s",
		    sha ? (const char *)sha : "");
	}
	sqlite3_finalize(s);
	tzf_releases_free(rel, nrel);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		tzf_hist_rows_free(v, *n);
		*n = 0;
		return oom ? TZF_ENOMEM : tzf__sqlerr(st, dg, "database error");
	}
	rc = TZF_OK;
	for (i = 0; rc == TZF_OK && i < *n; i++)
		rc = row_changes(&v[i], i ? &v[i - 1] : NULL, st, name, dg);
	if (rc == TZF_OK && !any) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "no zone or link '%s' in any "
		    "release", name);
		rc = TZF_ENOTFOUND;
	}
	if (rc < 0) {
		tzf_hist_rows_free(v, *n);
		*n = 0;
		return rc;
	}
	*out = v;
	return TZF_OK;
}

void
tzf_rel_answers_free(struct tzf_rel_answer *a, size_t n)
{
	size_t i;

	for (i = 0; a != NULL && i < n; i++) {
		tzf__free(a[i].release);
		tzf__free(a[i].origin);
		tzf__free(a[i].switches);
	}
	tzf__free(a);
}

/* Is LABEL in RANGE: "all", "A..B" (either end may be empty), or one
 * label? */
static bool
in_range(const char *label, const char *range)
{
	const char *dots = strstr(range, "..");
	char lo[64];
	size_t n;

	if (strcmp(range, "all") == 0)
		return true;
	if (dots == NULL)
		return strcmp(label, range) == 0;
	n = (size_t)(dots - range);
	if (n >= sizeof lo)
		return false;
	memcpy(lo, range, n);
	lo[n] = '\0';
	return (*lo == '\0' || tzf_version_cmp(lo, label) <= 0) &&
	    (dots[2] == '\0' || tzf_version_cmp(label, dots + 2) <= 0);
}

int
tzf_store_at_releases(struct tzf_rel_answer **out, size_t *n,
    struct tzf_store *st, const char *range, const char *name, int64_t ut,
    struct tzf_diag *dg)
{
	struct tzf_release *rel = NULL;
	struct tzf_rel_answer *v;
	size_t nrel = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = tzf_store_releases(&rel, &nrel, st, dg);
	if (rc < 0)
		return rc;
	v = tzf__calloc(nrel + 1, sizeof *v);
	if (v == NULL) {
		tzf_releases_free(rel, nrel);
		return TZF_ENOMEM;
	}
	for (i = 0; rc == TZF_OK && i < nrel; i++) {
		struct tzf_rel_answer *a;
		struct tzf_zinfo *z = NULL;
		sqlite3_int64 id;

		if (!in_range(rel[i].label, range))
			continue;
		a = &v[(*n)++];
		a->release = tzf__strdup(rel[i].label);
		a->origin = tzf__strdup(rel[i].origin);
		a->switches = tzf__strdup(rel[i].switches);
		if (a->release == NULL || a->origin == NULL ||
		    a->switches == NULL) {
			rc = TZF_ENOMEM;
			break;
		}
		rc = tzf__release_id(&id, NULL, st, rel[i].label, dg);
		if (rc == TZF_OK)
			rc = tzf__zinfo_in(&z, st, id, rel[i].label, name, false,
			    NULL);
		if (rc == TZF_ENOTFOUND) {
			rc = TZF_OK;
			continue;
		}
		if (rc == TZF_OK && z->tzif != NULL) {
			rc = tzf_zinfo_at(&a->l, NULL, z, ut);
			a->present = rc == TZF_OK;
		}
		tzf_zinfo_free(z);
	}
	tzf_releases_free(rel, nrel);
	if (rc == TZF_OK && *n == 0) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "no release in '%s'",
		    range);
		rc = TZF_ENOTFOUND;
	}
	if (rc < 0) {
		tzf_rel_answers_free(v, *n);
		*n = 0;
		return rc;
	}
	*out = v;
	return TZF_OK;
}
