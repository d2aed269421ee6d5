/*
 * query.c: questions asked of one name's history (struct tzf_zinfo, made
 * by lib/store.c): what is in effect at an instant and which zone line
 * governs, local time to UT with gaps and overlaps, the changes within a
 * range including those the footer TZ string generates.  Dates come from
 * lib/civil.c, so answers never depend on the host's time zone.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tzf_int.h"

#define SECSPERDAY	86400
/* Local times are resolved within this distance: footers allow offsets
 * and rule times up to 167 hours. */
#define RESOLVE_WINDOW	((int64_t)8 * SECSPERDAY)

/* ------------------------------------------------------------------ */
/* Lookups */

/* The zone's compiled data as a timeline (the footer already parsed). */
static void
timeline_of(struct tzf_timeline *out, const struct tzf_zinfo *z)
{
	out->b = z->tzif->version >= 2 ? &z->tzif->v2 : &z->tzif->v1;
	out->rules = z->hasrules;
	out->tz = z->tz;
}

/* Index of the zone line governing at UT. */
static const struct tzf_zoneline *
line_at(const struct tzf_zinfo *z, int64_t ut)
{
	size_t lo = 0, hi = z->nlines, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (z->lines[mid].start <= ut)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? (z->nlines ? &z->lines[0] : NULL) : &z->lines[lo - 1];
}

int
tzf_zinfo_at(struct tzf_local *out, const struct tzf_zoneline **line,
    const struct tzf_zinfo *z, int64_t ut)
{
	struct tzf_timeline tl;

	if (line != NULL)
		*line = NULL;
	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	if (line != NULL)
		*line = line_at(z, ut);
	timeline_of(&tl, z);
	return tzf_timeline_at(out, &tl, ut);
}

int
tzf_zinfo_changes(const struct tzf_zinfo *z, int64_t from, int64_t to,
    int (*fn)(void *payload, const struct tzf_change *c), void *payload)
{
	struct tzf_timeline tl;

	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	timeline_of(&tl, z);
	return tzf_timeline_changes(&tl, from, to, fn, payload);
}

/* ------------------------------------------------------------------ */
/* Local time to UT */

struct collect {
	int32_t offs[64];
	int noffs;
	struct tzf_change gaps[64];
	int ngaps;
};

static void
add_off(struct collect *k, int32_t off)
{
	int i;

	for (i = 0; i < k->noffs; i++)
		if (k->offs[i] == off)
			return;
	if (k->noffs < 64)
		k->offs[k->noffs++] = off;
}

static int
collect_change(void *payload, const struct tzf_change *c)
{
	struct collect *k = payload;

	add_off(k, c->after.utoff);
	if (k->ngaps < 64)
		k->gaps[k->ngaps++] = *c;
	return 0;
}

int
tzf_zinfo_resolve(struct tzf_resolved *out, const struct tzf_zinfo *z,
    int64_t local)
{
	struct collect k;
	struct tzf_local st;
	int64_t u, lo, hi;
	int i, j, rc;

	memset(out, 0, sizeof *out);
	memset(&k, 0, sizeof k);
	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	lo = tzf__sat_add(local, -RESOLVE_WINDOW);
	hi = tzf__sat_add(local, RESOLVE_WINDOW);
	rc = tzf_zinfo_at(&st, NULL, z, lo);
	if (rc < 0)
		return rc;
	add_off(&k, st.utoff);
	rc = tzf_zinfo_changes(z, lo, hi, collect_change, &k);
	if (rc < 0)
		return rc;
	for (i = 0; i < k.noffs; i++) {
		if (__builtin_sub_overflow(local, (int64_t)k.offs[i], &u))
			continue;
		if (tzf_zinfo_at(&st, NULL, z, u) < 0 || st.utoff != k.offs[i])
			continue;
		for (j = 0; j < out->n && out->ut[j] != u; j++)
			continue;
		if (j < out->n || out->n == 4)
			continue;
		/* insert in order */
		for (j = out->n; j > 0 && out->ut[j - 1] > u; j--) {
			out->ut[j] = out->ut[j - 1];
			out->st[j] = out->st[j - 1];
		}
		out->ut[j] = u;
		out->st[j] = st;
		out->n++;
	}
	if (out->n == 1) {
		out->kind = TZF_LOCAL_UNIQUE;
		return TZF_OK;
	}
	if (out->n > 1) {
		out->kind = TZF_LOCAL_OVERLAP;
		return TZF_OK;
	}
	out->kind = TZF_LOCAL_GAP;
	for (i = 0; i < k.ngaps; i++) {
		const struct tzf_change *c = &k.gaps[i];
		int64_t a = tzf__sat_add(c->at, c->before.utoff);
		int64_t b = tzf__sat_add(c->at, c->after.utoff);

		if (a <= local && local < b) {
			out->trans = c->at;
			out->gap_start = a;
			out->gap_end = b;
			out->before = c->before;
			out->after = c->after;
			return TZF_OK;
		}
	}
	return TZF_EINVAL;	/* out of the representable range */
}
