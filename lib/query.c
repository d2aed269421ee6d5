/*
 * query.c: questions asked of one name's history (struct tzf_zinfo, made
 * by lib/store_read.c): what is in effect at an instant and which zone line
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
		out->kind = TZF_LKIND_UNIQUE;
		return TZF_OK;
	}
	if (out->n > 1) {
		out->kind = TZF_LKIND_OVERLAP;
		return TZF_OK;
	}
	out->kind = TZF_LKIND_GAP;
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

/* ------------------------------------------------------------------ */
/* Policies for local times that are skipped or repeated */

int
tzf_policy_parse(enum tzf_policy *out, const char *s)
{
	static const char *const names[] = { "reject", "earlier", "later",
		"shift" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum tzf_policy)i;
			return TZF_OK;
		}
	return TZF_EINVAL;
}

bool
tzf_policy_pick(int64_t *out, const struct tzf_resolved *r, int64_t local,
    enum tzf_policy p)
{
	switch (r->kind) {
	case TZF_LKIND_UNIQUE:
		*out = r->ut[0];
		return true;
	case TZF_LKIND_OVERLAP:
		*out = r->ut[p == TZF_POLICY_LATER ? r->n - 1 : 0];
		break;
	case TZF_LKIND_GAP:
		/* earlier and later: the transition instant (C++'s choose);
		 * shift: moved forward by the gap (Java, Noda Time) */
		*out = p == TZF_POLICY_SHIFT ?
		    tzf__sat_add(local, -(int64_t)r->before.utoff) : r->trans;
		break;
	}
	return p != TZF_POLICY_REJECT;
}

/* ------------------------------------------------------------------ */
/* The end of the period a time names */

/* How many fields of the time grammar S spells out: 1 year, 2 month,
 * 3 day, 4 hour, 5 minute, 6 second (an @SECONDS counts 6). */
static int
time_fields(const char *s, int64_t *year, int *mon)
{
	int n = 1;

	if (*s == '@')
		return 6;
	*year = 0;
	*mon = 1;
	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		*year = *year * 10 + (*s++ - '0');
	if (*s == '-' && s[1] >= '0' && s[1] <= '9') {
		n = 2;
		s++;
		*mon = 0;
		while (*s >= '0' && *s <= '9')
			*mon = *mon * 10 + (*s++ - '0');
		if (*s == '-' && s[1] >= '0' && s[1] <= '9') {
			n = 3;
			s += 3;
		}
	}
	if (n == 3 && (*s == 'T' || *s == 't' || *s == ' ')) {
		n = 4;
		s += 3;
		while (n < 6 && *s == ':' && s[1] >= '0' && s[1] <= '9') {
			n++;
			s += 3;
		}
	}
	return n;
}

int
tzf_time_parse_end(int64_t *out, bool *haszone, const char *s)
{
	static const int64_t unit[] = { 0, 0, 0, 86400, 3600, 60, 1 };
	int64_t v, year, len;
	int mon, n, rc;

	rc = tzf_time_parse(&v, haszone, s);
	if (rc < 0)
		return rc;
	n = time_fields(s, &year, &mon);
	if (*s == '-')
		year = -year;
	if (n == 1)
		len = (tzf_civil_days(year + 1, 1, 1) -
		    tzf_civil_days(year, 1, 1)) * 86400;
	else if (n == 2)
		len = (int64_t)tzf_civil_month_days(year, mon) * 86400;
	else
		len = unit[n];
	if (!tzf__add64(out, v, len))
		return TZF_EINVAL;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* How two histories differ */

static int
first_change(void *payload, const struct tzf_change *c)
{
	int64_t *at = payload;

	*at = c->at;
	return 1;
}

/* The next change of Z after T, before UNTIL; false if none. */
static bool
next_change(int64_t *out, const struct tzf_zinfo *z, int64_t t,
    int64_t until)
{
	if (t >= until - 1)
		return false;
	/* first_change stops the walk at the first change: the walk
	 * returns 1 then, 0 when there was none */
	return tzf_zinfo_changes(z, t + 1, until - 1, first_change, out) == 1;
}

static bool
local_same(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

int
tzf_zinfo_diff(struct tzf_zdiff *out, const struct tzf_zinfo *a,
    const struct tzf_zinfo *b, int64_t until)
{
	struct tzf_local la, lb;
	int64_t t = INT64_MIN, na, nb;
	bool ha, hb, in = false;
	int rc;

	memset(out, 0, sizeof *out);
	if (a->tzif == NULL || b->tzif == NULL)
		return TZF_ENOTFOUND;
	for (;;) {
		rc = tzf_zinfo_at(&la, NULL, a, t);
		if (rc == TZF_OK)
			rc = tzf_zinfo_at(&lb, NULL, b, t);
		if (rc < 0)
			return rc;
		if (!local_same(&la, &lb)) {
			int32_t d = la.utoff > lb.utoff ? la.utoff - lb.utoff :
			    lb.utoff - la.utoff;

			if (!out->differ) {
				out->differ = true;
				out->first = t;
			}
			if (d > out->maxdelta) {
				out->maxdelta = d;
				out->at_max = t;
			}
			out->nintervals += !in;
			in = true;
		} else if (in) {
			out->last = t;
			in = false;
		}
		ha = next_change(&na, a, t, until);
		hb = next_change(&nb, b, t, until);
		if (!ha && !hb)
			break;
		t = !hb || (ha && na < nb) ? na : nb;
	}
	if (in)
		out->last = until;
	return TZF_OK;
}
