/*
 * timeline.c: what a compiled zone puts in effect over time, the one
 * walker of the library.
 *
 * A TZif file's local time is a step function of UT: type 0 before the
 * first transition, each transition's type from its instant on, and,
 * from the last transition on, the footer TZ string when it has rules
 * (RFC 9636 section 3.2); a file without transitions follows its footer,
 * or type 0, for all time.  tzf_timeline_at() says what is in effect at
 * an instant; tzf_timeline_changes() walks the instants at which the
 * (UT offset, isdst, abbreviation) triple changes, explicit or generated
 * by the footer.  The store's queries (query.c), the exchange formats
 * (dump.c) and the diff engine (compare.c) all see time through here.
 */
#include <string.h>

#include "tzf_int.h"

/*
 * Footer candidates in a row that change nothing before a walk stops:
 * a footer whose start and end coincide (DST all year) generates
 * instants forever without a change.
 */
#define MAX_IDLE	8
/* Where footer-generated changes begin when neither the file nor the
 * caller bounds them: 1800-01-01T00:00:00Z, before any real data. */
#define FOOTER_FLOOR	INT64_C(-5364662400)

int
tzf_timeline_init(struct tzf_timeline *out, const struct tzf_tzif *t)
{
	const char *footer = t->version >= 2 ? t->footer : NULL;

	memset(out, 0, sizeof *out);
	out->b = t->version >= 2 ? &t->v2 : &t->v1;
	if (out->b->typecnt == 0 || out->b->types == NULL ||
	    (out->b->timecnt > 0 &&
	    (out->b->times == NULL || out->b->idxs == NULL)))
		return TZF_EINVAL;
	out->rules = footer != NULL && footer[0] != '\0';
	if (out->rules && tzf_tz_parse(&out->tz, footer, NULL) != TZF_OK)
		return TZF_EINVAL;
	return TZF_OK;
}

static int
type_local(struct tzf_local *out, const struct tzf_tzif_block *b,
    uint32_t idx)
{
	const struct tzf_tzif_type *ty;
	size_t n;

	if (idx >= b->typecnt)
		return TZF_EINVAL;
	ty = &b->types[idx];
	if (ty->abbrind >= b->charcnt || b->chars == NULL)
		return TZF_EINVAL;
	n = strnlen(b->chars + ty->abbrind, b->charcnt - ty->abbrind);
	if (n >= sizeof out->abbr)
		n = sizeof out->abbr - 1;
	out->utoff = ty->utoff;
	out->isdst = ty->isdst;
	memcpy(out->abbr, b->chars + ty->abbrind, n);
	out->abbr[n] = '\0';
	return TZF_OK;
}

/* Number of transitions at or before UT. */
static uint32_t
count_le(const struct tzf_tzif_block *b, int64_t ut)
{
	uint32_t lo = 0, hi = b->timecnt, mid;

	while (lo < hi) {	/* invariant: times[lo-1] <= ut < times[hi] */
		mid = lo + (hi - lo) / 2;
		if (b->times[mid] <= ut)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
tzf_timeline_at(struct tzf_local *out, const struct tzf_timeline *tl,
    int64_t ut)
{
	const struct tzf_tzif_block *b = tl->b;
	uint32_t n = count_le(b, ut);

	if (b->timecnt == 0 || n == b->timecnt)
		return tl->rules ? tzf_tz_eval(out, &tl->tz, ut) :
		    type_local(out, b, b->timecnt == 0 ? 0 : b->idxs[n - 1]);
	return type_local(out, b, n == 0 ? 0 : b->idxs[n - 1]);
}

int
tzf_tzif_lookup(struct tzf_local *out, const struct tzf_tzif *t, int64_t ut)
{
	struct tzf_timeline tl;
	int rc = tzf_timeline_init(&tl, t);

	return rc == TZF_OK ? tzf_timeline_at(out, &tl, ut) : rc;
}

/*
 * The first instant after T at which the state may change; *INFOOTER
 * tells whether the footer generated it.  False if there is none.
 */
static bool
next_candidate(int64_t *out, bool *infooter, const struct tzf_timeline *tl,
    int64_t t)
{
	const struct tzf_tzif_block *b = tl->b;
	int64_t floor, y, y0, s, e, best = 0;
	bool found = false;
	uint32_t n = count_le(b, t);

	if (n < b->timecnt) {
		*out = b->times[n];
		*infooter = false;
		return true;
	}
	if (!tl->rules || !tl->tz.hasdst)
		return false;
	floor = b->timecnt ? b->times[b->timecnt - 1] : FOOTER_FLOOR - 1;
	if (t < floor)
		t = floor;
	y0 = tzf_civil_year(t);
	for (y = y0 - 1; y <= y0 + 2; y++) {
		if (tzf_tz_transitions(&s, &e, &tl->tz, y) < 0)
			continue;
		if (s > t && (!found || s < best))
			best = s, found = true;
		if (e > t && (!found || e < best))
			best = e, found = true;
	}
	*out = best;
	*infooter = true;
	return found;
}

static bool
same(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

int
tzf_timeline_changes(const struct tzf_timeline *tl, int64_t from, int64_t to,
    int (*fn)(void *payload, const struct tzf_change *c), void *payload)
{
	struct tzf_change ch;
	struct tzf_local prev, cur;
	int64_t t, c;
	bool infooter;
	int rc, idle = 0;

	if (from > to)
		return TZF_OK;
	t = from == INT64_MIN ? from : from - 1;
	rc = tzf_timeline_at(&prev, tl, t);
	if (rc < 0)
		return rc;
	while (next_candidate(&c, &infooter, tl, t) && c <= to) {
		rc = tzf_timeline_at(&cur, tl, c);
		if (rc < 0)
			return rc;
		if (!same(&prev, &cur) && c >= from) {
			ch.at = c;
			ch.before = prev;
			ch.after = cur;
			rc = fn(payload, &ch);
			if (rc != 0)
				return rc;
			idle = 0;
		} else if (infooter && ++idle > MAX_IDLE)
			break;
		prev = cur;
		t = c;
	}
	return TZF_OK;
}

int
tzf_timeline_records(const struct tzf_timeline *tl, int64_t until,
    int (*fn)(void *payload, int64_t at, uint32_t type), void *payload)
{
	const struct tzf_tzif_block *b = tl->b;
	uint32_t i;
	int rc;

	for (i = 0; i < b->timecnt && b->times[i] < until; i++) {
		rc = fn(payload, b->times[i], b->idxs[i]);
		if (rc != 0)
			return rc;
	}
	return TZF_OK;
}
