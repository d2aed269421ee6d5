/*
 * query.c: questions asked of one name's history (struct tzf_zinfo, made
 * by lib/store.c): what is in effect at an instant and which zone line
 * governs, local time to UT with gaps and overlaps, the changes within a
 * range including those the footer TZ string generates; and the calendar
 * arithmetic and ISO 8601 parsing and formatting the front end needs.
 *
 * Everything is int64_t seconds in the proleptic Gregorian calendar,
 * done by hand: no localtime(), gmtime() or mktime(), so answers never
 * depend on the host's time zone.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tzf_int.h"

#define SECSPERDAY	86400
/* Local times are resolved within this distance: footers allow offsets
 * and rule times up to 167 hours. */
#define RESOLVE_WINDOW	((int64_t)8 * SECSPERDAY)
/* Footer candidates without a change before the walk gives up. */
#define MAX_IDLE	8

/* ------------------------------------------------------------------ */
/* Calendar */

static int64_t
fdiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return a % b < 0 ? q - 1 : q;
}

/* Days since 1970-01-01 of a civil date (Hinnant's days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = fdiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
isleap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

void
tzf_civil_from_secs(struct tzf_civil *out, int64_t secs)
{
	/* Floor division without forming days * SECSPERDAY, which
	 * overflows for the earliest instants. */
	int64_t days = secs / SECSPERDAY - (secs % SECSPERDAY < 0);
	int64_t sod = secs % SECSPERDAY + (secs % SECSPERDAY < 0) * SECSPERDAY;
	int64_t z = days + 719468, era = fdiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int64_t y = yoe + era * 400 + (m <= 2);

	out->year = y;
	out->mon = m;
	out->mday = d;
	out->hour = (int)(sod / 3600);
	out->min = (int)(sod / 60 % 60);
	out->sec = (int)(sod % 60);
	out->wday = (int)((days % 7 + 7 + 4) % 7);
	out->yday = (int)(days - days_from_civil(y, 1, 1));
}

int
tzf_civil_to_secs(int64_t *out, int64_t year, int mon, int mday, int hour,
    int min, int sec)
{
	static const int mlen[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int64_t d, v;

	if (year < -292277022657 || year > 292277026596 || mon < 1 ||
	    mon > 12 || mday < 1 ||
	    mday > mlen[mon - 1] + (mon == 2 && isleap(year)) ||
	    hour < 0 || hour > 24 || min < 0 || min > 59 || sec < 0 ||
	    sec > 60)
		return TZF_EINVAL;
	d = days_from_civil(year, mon, mday);
	if (__builtin_mul_overflow(d, SECSPERDAY, &v) ||
	    __builtin_add_overflow(v, (int64_t)hour * 3600 + min * 60 + sec,
	    &v))
		return TZF_EINVAL;
	*out = v;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* ISO 8601 */

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly N digits (N > 0), or at least N when MORE. */
static bool
num(const char **sp, int n, bool more, int64_t *out)
{
	const char *s = *sp;
	int64_t v = 0;
	int k = 0;

	while (digit(*s) && (more || k < n)) {
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s++ - '0');
		k++;
	}
	if (k < n)
		return false;
	*sp = s;
	*out = v;
	return true;
}

static int
parse_zone(const char **sp, int64_t *off)
{
	const char *s = *sp;
	int64_t h, m = 0, sec = 0;
	int sign;

	if (*s == 'Z' || *s == 'z') {
		*off = 0;
		*sp = s + 1;
		return TZF_OK;
	}
	if (*s != '+' && *s != '-')
		return TZF_EINVAL;
	sign = *s++ == '-' ? -1 : 1;
	if (!num(&s, 2, false, &h))
		return TZF_EINVAL;
	if (*s == ':' || digit(*s)) {
		if (*s == ':')
			s++;
		if (!num(&s, 2, false, &m))
			return TZF_EINVAL;
		if (*s == ':' || digit(*s)) {
			if (*s == ':')
				s++;
			if (!num(&s, 2, false, &sec))
				return TZF_EINVAL;
		}
	}
	if (h > 167 || m > 59 || sec > 59)
		return TZF_EINVAL;
	*off = sign * (h * 3600 + m * 60 + sec);
	*sp = s;
	return TZF_OK;
}

int
tzf_time_parse(int64_t *out, bool *haszone, const char *s)
{
	int64_t y, mo, d, h = 0, mi = 0, sec = 0, off = 0, v;
	bool neg = false;

	if (*s == '@') {
		s++;
		if (*s == '-' || *s == '+')
			neg = *s++ == '-';
		if (!num(&s, 1, true, &v) || *s != '\0')
			return TZF_EINVAL;
		*out = neg ? -v : v;
		*haszone = true;
		return TZF_OK;
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!num(&s, 4, true, &y) || *s++ != '-' ||
	    !num(&s, 2, false, &mo) || *s++ != '-' ||
	    !num(&s, 2, false, &d))
		return TZF_EINVAL;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (!num(&s, 2, false, &h) || *s++ != ':' ||
		    !num(&s, 2, false, &mi))
			return TZF_EINVAL;
		if (*s == ':') {
			s++;
			if (!num(&s, 2, false, &sec))
				return TZF_EINVAL;
		}
	}
	*haszone = *s != '\0';
	if (*haszone && parse_zone(&s, &off) < 0)
		return TZF_EINVAL;
	if (*s != '\0' || h > 24 || mi > 59 || sec > 60)
		return TZF_EINVAL;
	if (tzf_civil_to_secs(&v, neg ? -y : y, (int)mo, (int)d, (int)h,
	    (int)mi, (int)sec) < 0 || __builtin_sub_overflow(v, off, &v))
		return TZF_EINVAL;
	*out = v;
	return TZF_OK;
}

void
tzf_time_format(char *buf, size_t size, int64_t secs, bool z)
{
	struct tzf_civil c;

	tzf_civil_from_secs(&c, secs);
	snprintf(buf, size, "%s%04lld-%02d-%02dT%02d:%02d:%02d%s",
	    c.year < 0 ? "-" : "", (long long)(c.year < 0 ? -c.year : c.year),
	    c.mon, c.mday, c.hour, c.min, c.sec, z ? "Z" : "");
}

void
tzf_offset_format(char *buf, size_t size, int32_t off)
{
	int64_t a = off < 0 ? -(int64_t)off : off;

	if (a % 60)
		snprintf(buf, size, "%c%02lld:%02lld:%02lld", off < 0 ? '-' : '+',
		    (long long)(a / 3600), (long long)(a / 60 % 60),
		    (long long)(a % 60));
	else
		snprintf(buf, size, "%c%02lld:%02lld", off < 0 ? '-' : '+',
		    (long long)(a / 3600), (long long)(a / 60 % 60));
}

/* ------------------------------------------------------------------ */
/* Lookups */

static const struct tzf_tzif_block *
block_of(const struct tzf_tzif *t)
{
	return t->version >= 2 ? &t->v2 : &t->v1;
}

static int
type_local(struct tzf_local *out, const struct tzf_tzif_block *b, uint32_t i)
{
	const struct tzf_tzif_type *ty;
	size_t n;

	if (i >= b->typecnt)
		return TZF_EINVAL;
	ty = &b->types[i];
	if (ty->abbrind >= b->charcnt)
		return TZF_EINVAL;
	out->utoff = ty->utoff;
	out->isdst = ty->isdst;
	n = strnlen(b->chars + ty->abbrind, b->charcnt - ty->abbrind);
	if (n >= sizeof out->abbr)
		n = sizeof out->abbr - 1;
	memcpy(out->abbr, b->chars + ty->abbrind, n);
	out->abbr[n] = '\0';
	return TZF_OK;
}

/* Number of transitions at or before UT. */
static uint32_t
count_le(const struct tzf_tzif_block *b, int64_t ut)
{
	uint32_t lo = 0, hi = b->timecnt, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (b->times[mid] <= ut)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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
	const struct tzf_tzif_block *b;
	uint32_t n;

	if (line != NULL)
		*line = NULL;
	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	if (line != NULL)
		*line = line_at(z, ut);
	b = block_of(z->tzif);
	if (b->timecnt == 0)
		return z->hasrules ? tzf_tz_eval(out, &z->tz, ut) :
		    type_local(out, b, 0);
	n = count_le(b, ut);
	if (n == 0)
		return type_local(out, b, 0);
	if (n == b->timecnt && z->hasrules)
		return tzf_tz_eval(out, &z->tz, ut);
	return type_local(out, b, b->idxs[n - 1]);
}

static bool
same(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

/*
 * The first instant after T at which the state may change; *INFOOTER
 * tells whether it comes from the footer.  False if there is none.
 */
static bool
next_candidate(int64_t *out, bool *infooter, const struct tzf_zinfo *z,
    int64_t t)
{
	const struct tzf_tzif_block *b = block_of(z->tzif);
	struct tzf_civil c;
	int64_t last, y, s, e, best = 0;
	bool found = false;
	uint32_t n;

	n = count_le(b, t);
	if (n < b->timecnt) {
		*out = b->times[n];
		*infooter = false;
		return true;
	}
	if (!z->hasrules || !z->tz.hasdst)
		return false;
	last = b->timecnt ? b->times[b->timecnt - 1] : INT64_MIN;
	tzf_civil_from_secs(&c, t);
	for (y = c.year - 1; y <= c.year + 2; y++) {
		if (tzf_tz_transitions(&s, &e, &z->tz, y) < 0)
			continue;
		if (s > t && s > last && (!found || s < best))
			best = s, found = true;
		if (e > t && e > last && (!found || e < best))
			best = e, found = true;
	}
	*out = best;
	*infooter = true;
	return found;
}

int
tzf_zinfo_changes(const struct tzf_zinfo *z, int64_t from, int64_t to,
    int (*fn)(void *payload, const struct tzf_change *c), void *payload)
{
	struct tzf_change ch;
	struct tzf_local prev, cur;
	int64_t t, c;
	bool infooter;
	int rc, idle = 0;

	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	if (from > to)
		return TZF_OK;
	t = from == INT64_MIN ? from : from - 1;
	rc = tzf_zinfo_at(&prev, NULL, z, t);
	if (rc < 0)
		return rc;
	while (next_candidate(&c, &infooter, z, t) && c <= to) {
		rc = tzf_zinfo_at(&cur, NULL, z, c);
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
			break;	/* a footer that never changes anything */
		prev = cur;
		t = c;
	}
	return TZF_OK;
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
