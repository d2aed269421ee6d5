/*
 * tzif_write.c: lay out an expanded history (struct tzf_hist) as a TZif
 * file (RFC 9636), byte for byte as zic 2026c's writezone does: the
 * transition merge pass, leap-second correction, -r/-R range limits,
 * version choice, type 0 swap, per-block abbreviation tables, slim and
 * fat layouts (docs/zic.md sections 4.6 and 5).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define ZIC32_MIN (-(int64_t)1 - INT32_MAX)
#define ZIC32_MAX ((int64_t)INT32_MAX)
#define MAX_TIMES_WARN 2000
#define MAX_LEAPS_WARN 50

/* A diagnostic where zic's would point: the zone's last position. */
static void
hdiag(const struct tzf_hist *h, const struct tzf_db *db, enum tzf_sev sev,
    const char *fmt, ...)
{
	struct tzf_msg m = { sev, h->file, h->line, h->rfile, h->rline, false,
	    NULL };
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	tzf__diag_msg(db->dg, &m, "%s", text);
}

static void
put32(struct tzf_buf *b, int64_t v)
{
	unsigned char c[4];
	uint32_t u = (uint32_t)(uint64_t)v;

	c[0] = (unsigned char)(u >> 24);
	c[1] = (unsigned char)(u >> 16);
	c[2] = (unsigned char)(u >> 8);
	c[3] = (unsigned char)u;
	tzf__buf_put(b, c, 4);
}

static void
put64(struct tzf_buf *b, int64_t v)
{
	put32(b, (int64_t)((uint64_t)v >> 32));
	put32(b, v);
}

static void
puttime(struct tzf_buf *b, int64_t v, int pass)
{
	if (pass == 1)
		put32(b, v);
	else
		put64(b, v);
}

static void
putbyte(struct tzf_buf *b, int c)
{
	unsigned char u = (unsigned char)c;

	tzf__buf_put(b, &u, 1);
}

/*
 * Stable sort of transitions by time (glibc's qsort is a merge sort).
 * Zones mostly emit them in order, so halves already in order are left
 * as they are.
 */
static void
sort_attypes(struct tzf_attype *a, struct tzf_attype *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	sort_attypes(a, tmp, mid);
	sort_attypes(a + mid, tmp, n - mid);
	if (a[mid - 1].at <= a[mid].at)
		return;
	while (i < mid && j < n)
		tmp[k++] = a[j].at < a[i].at ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

int
tzf__sort_attypes(struct tzf_hist *h)
{
	struct tzf_attype *tmp;

	if (h->timecnt < 2)
		return TZF_OK;
	tmp = tzf__malloc(h->timecnt * sizeof *tmp);
	if (tmp == NULL)
		return TZF_ENOMEM;
	sort_attypes(h->attypes, tmp, h->timecnt);
	tzf__free(tmp);
	return TZF_OK;
}

static bool
same_type(const struct tzf_hist *h, int a, int b)
{
	return h->utoffs[a] == h->utoffs[b] && h->isdsts[a] == h->isdsts[b]
	    && strcmp(h->abbrs[a], h->abbrs[b]) == 0;
}

/* zic's "optimize" pass: drop no-ops and transitions that go backward. */
static void
merge_transitions(struct tzf_hist *h)
{
	struct tzf_attype *at = h->attypes;
	size_t fromi, toi = 0;

	for (fromi = 0; fromi < h->timecnt; ++fromi) {
		if (toi != 0) {
			int type_2 = toi == 1 ? 0 : at[toi - 2].type;

			if (at[fromi].at + h->utoffs[at[toi - 1].type]
			    <= at[toi - 1].at + h->utoffs[type_2]) {
				if (at[fromi].type == type_2)
					toi--;
				else
					at[toi - 1].type = at[fromi].type;
				continue;
			}
		}
		if (toi == 0 || at[fromi].dontmerge
		    || !same_type(h, at[toi - 1].type, at[fromi].type))
			at[toi++] = at[fromi];
	}
	h->timecnt = toi;
}

struct timerange {
	int defaulttype;
	size_t base, count;
	size_t leapbase, leapcount;
	bool leapexpiry;
};

static struct timerange
limitrange(struct timerange r, int64_t lo, int64_t hi, const int64_t *ats,
    const uint8_t *types, const struct tzf_db *db)
{
	const struct tzf_leap *leap = db->leaps;

	/* Omit ordinary transitions < LO. */
	while (r.count > 0 && ats[r.base] < lo) {
		r.defaulttype = types[r.base];
		r.count--;
		r.base++;
	}
	/*
	 * Keep the last leap second <= LO, going back further if needed so
	 * that the first one's sign matches its correction's: readers
	 * commonly assume that.
	 */
	while (r.leapcount > 1 && leap[r.leapbase + 1].trans <= lo) {
		r.leapcount--;
		r.leapbase++;
	}
	while (r.leapbase > 0
	    && ((leap[r.leapbase - 1].corr < leap[r.leapbase].corr)
		!= (leap[r.leapbase].corr > 0))) {
		r.leapcount++;
		r.leapbase--;
	}
	/* Omit ordinary and leap transitions greater than HI + 1. */
	if (hi < INT64_MAX) {
		while (r.count > 0 && hi + 1 < ats[r.base + r.count - 1])
			r.count--;
		while (r.leapcount > 0
		    && hi + 1 < leap[r.leapbase + r.leapcount - 1].trans)
			r.leapcount--;
	}
	r.leapexpiry = db->leapexpires >= 0 && db->leapexpires - 1 <= hi;
	return r;
}

/* Everything one pass (v1 or v2+ block) needs. */
struct pass {
	int pass;
	struct timerange r;
	int64_t thismin, thismax;
	bool omittype[TZF_MAX_TYPES];
	int typemap[TZF_MAX_TYPES];
	int old0, thisdefaulttype, pretranstype, thistypecnt;
	bool locut, hicut;
	struct tzf_abbrtab chars;
};

static int
swapped(const struct pass *p, int i)
{
	return i == p->old0 ? p->thisdefaulttype
	    : i == p->thisdefaulttype ? p->old0 : i;
}

/*
 * For some pre-2011 readers (fat only): if the last standard or DST
 * type written differs in offset from the most recently used one,
 * append an unused copy of the latter.
 */
static int
add_pre2011_types(struct tzf_hist *h, const struct tzf_db *db, struct pass *p,
    const uint8_t *types)
{
	int mrudst = -1, mrustd = -1, hidst = -1, histd = -1, type, i;
	size_t t, lim = p->r.base + p->r.count;

	if (p->pretranstype >= 0) {
		if (h->isdsts[p->pretranstype])
			mrudst = p->pretranstype;
		else
			mrustd = p->pretranstype;
	}
	for (t = p->r.base; t < lim; t++)
		if (h->isdsts[types[t]])
			mrudst = types[t];
		else
			mrustd = types[t];
	for (i = p->old0; i < h->typecnt; i++) {
		int hh = swapped(p, i);

		if (!p->omittype[hh]) {
			if (h->isdsts[hh])
				hidst = i;
			else
				histd = i;
		}
	}
	if (hidst >= 0 && mrudst >= 0 && hidst != mrudst
	    && h->utoffs[hidst] != h->utoffs[mrudst]) {
		h->isdsts[mrudst] = -1;
		type = tzf__hist_addtype(h, db, h->utoffs[mrudst],
		    h->abbrs[mrudst], true, h->ttisstds[mrudst],
		    h->ttisuts[mrudst]);
		h->isdsts[mrudst] = 1;
		if (type < 0)
			return type;
		p->omittype[type] = false;
	}
	if (histd >= 0 && mrustd >= 0 && histd != mrustd
	    && h->utoffs[histd] != h->utoffs[mrustd]) {
		h->isdsts[mrustd] = -1;
		type = tzf__hist_addtype(h, db, h->utoffs[mrustd],
		    h->abbrs[mrustd], false, h->ttisstds[mrustd],
		    h->ttisuts[mrustd]);
		h->isdsts[mrustd] = 0;
		if (type < 0)
			return type;
		p->omittype[type] = false;
	}
	return TZF_OK;
}

/* Decide which types this block uses and how they are numbered. */
static int
plan_types(struct tzf_hist *h, const struct tzf_db *db, struct pass *p,
    const struct timerange *range64, const int64_t *ats,
    const uint8_t *types)
{
	const struct tzf_zic_opts *o = &db->opts;
	size_t i, lim = p->r.base + p->r.count;
	int k, rc;

	p->locut = p->thismin < o->lo_time && o->lo_time <= p->thismax;
	p->hicut = p->thismin <= o->hi_time && o->hi_time < p->thismax;
	for (k = 0; k < TZF_MAX_TYPES; k++)
		p->omittype[k] = true;
	p->pretranstype = -1;
	p->thisdefaulttype = p->r.defaulttype;
	/*
	 * A transition before the first one in range is needed when the
	 * output is cut at the start, and helps old 32-bit readers.
	 */
	if ((p->locut || (p->pass == 1 && p->r.base != 0))
	    && !(p->r.count != 0 && ats[p->r.base] == o->lo_time)) {
		p->pretranstype = p->thisdefaulttype;
		p->omittype[p->pretranstype] = false;
	}
	/* zic's tradition: the 32-bit default is the indefinite past's. */
	if (p->pass == 1 && o->lo_time <= p->thismin)
		p->thisdefaulttype = range64->defaulttype;
	if (p->locut)
		p->thisdefaulttype = h->unspecifiedtype;
	p->omittype[p->thisdefaulttype] = false;
	for (i = p->r.base; i < lim; i++)
		p->omittype[types[i]] = false;
	if (p->hicut)
		p->omittype[h->unspecifiedtype] = false;
	for (p->old0 = 0; p->omittype[p->old0]; p->old0++)
		continue;
	if (o->fat) {
		rc = add_pre2011_types(h, db, p, types);
		if (rc < 0)
			return rc;
	}
	p->thistypecnt = 0;
	for (k = p->old0; k < h->typecnt; k++)
		if (!p->omittype[k])
			p->typemap[swapped(p, k)] = p->thistypecnt++;
	return TZF_OK;
}

/* The block's abbreviation table, in unswapped type order (5.4). */
static int
plan_chars(struct tzf_hist *h, struct pass *p, const struct tzf_db *db)
{
	int k;

	p->chars.n = p->chars.size = 0;
	for (k = p->old0; k < h->typecnt; k++) {
		if (p->omittype[k])
			continue;
		if (tzf__abbr_add(&p->chars, h->abbrs[k]) == TZF_ABBR_FULL) {
			hdiag(h, db, TZF_ERR, "too many, or too long, "
			    "time zone abbreviations");
			return TZF_EINVAL;
		}
	}
	return TZF_OK;
}

static void
write_header(struct tzf_buf *b, char version, int utcnt, int stdcnt,
    size_t leapcnt, size_t timecnt, int typecnt, int charcnt)
{
	static const char zeros[15];

	tzf__buf_put(b, "TZif", 4);
	putbyte(b, version);
	tzf__buf_put(b, zeros, sizeof zeros);
	put32(b, utcnt);
	put32(b, stdcnt);
	put32(b, (int64_t)leapcnt);
	put32(b, (int64_t)timecnt);
	put32(b, typecnt);
	put32(b, charcnt);
}

/* The time of a leap record, converting rolling leaps to local time. */
static int64_t
leap_time(const struct tzf_hist *h, const struct tzf_leap *lp,
    const int64_t *ats, const uint8_t *types, size_t timecnt)
{
	size_t j;
	int t = 0;

	if (!lp->roll)
		return lp->trans;
	if (timecnt == 0 || lp->trans < ats[0]) {
		while (h->isdsts[t])
			if (++t >= h->typecnt) {
				t = 0;
				break;
			}
	} else {
		j = 1;
		while (j < timecnt && ats[j] <= lp->trans)
			++j;
		t = types[j - 1];
	}
	return lp->trans - h->utoffs[t];
}

/*
 * The standard/wall or UT/local indicators FLAGS of the block's types.
 * zic 2026c writes them in the order of the types before the type 0
 * swap (docs/zic.md 5.4), so that the entries of the swapped types
 * belong to each other; --fix-quirks writes them in the order of the
 * types they belong to.
 */
static void
put_indicators(struct tzf_buf *b, const struct tzf_hist *h,
    const struct pass *p, const bool *flags, bool fix_quirks)
{
	int k, t;

	for (k = p->old0; k < h->typecnt; k++) {
		t = fix_quirks ? swapped(p, k) : k;
		if (!p->omittype[t])
			putbyte(b, flags[t]);
	}
}

static void
write_block(struct tzf_buf *b, const struct tzf_hist *h,
    const struct tzf_db *db, struct pass *p, char version, const int64_t *ats,
    const uint8_t *types, size_t timecnt)
{
	const struct tzf_zic_opts *o = &db->opts;
	size_t i, lim = p->r.base + p->r.count;
	size_t leaplim = p->r.leapbase + p->r.leapcount;
	int stdcnt = 0, utcnt = 0, k;
	int64_t lo;
	char chars[TZF_MAX_CHARS];

	for (k = p->old0; k < h->typecnt; k++) {
		if (p->omittype[k])
			continue;
		if (h->ttisstds[k])
			stdcnt = p->thistypecnt;
		if (h->ttisuts[k])
			utcnt = p->thistypecnt;
	}
	write_header(b, version, utcnt, stdcnt,
	    p->r.leapcount + p->r.leapexpiry,
	    (p->pretranstype >= 0) + p->r.count + p->hicut, p->thistypecnt,
	    p->chars.size);
	if (p->pass == 2 && o->noise && p->chars.size > 50)
		hdiag(h, db, TZF_WARN, "%s: pre-2026 reference "
		    "clients mishandle more than 50 bytes of abbreviations",
		    h->name);
	lo = p->pass == 1 && o->lo_time < ZIC32_MIN ? ZIC32_MIN : o->lo_time;
	if (p->pretranstype >= 0)
		puttime(b, lo, p->pass);
	for (i = p->r.base; i < lim; i++)
		puttime(b, ats[i], p->pass);
	if (p->hicut)
		puttime(b, o->hi_time + 1, p->pass);
	if (p->pretranstype >= 0)
		putbyte(b, p->typemap[p->pretranstype]);
	for (i = p->r.base; i < lim; i++)
		putbyte(b, p->typemap[types[i]]);
	if (p->hicut)
		putbyte(b, p->typemap[h->unspecifiedtype]);
	for (k = p->old0; k < h->typecnt; k++) {
		int hh = swapped(p, k);

		if (p->omittype[hh])
			continue;
		put32(b, h->utoffs[hh]);
		putbyte(b, h->isdsts[hh]);
		putbyte(b, tzf__abbr_find(&p->chars, h->abbrs[hh]));
	}
	tzf__abbr_bytes(&p->chars, chars);
	tzf__buf_put(b, chars, (size_t)p->chars.size);
	for (i = p->r.leapbase; i < leaplim; ++i) {
		puttime(b, leap_time(h, &db->leaps[i], ats, types, timecnt),
		    p->pass);
		put32(b, db->leaps[i].corr);
	}
	if (p->r.leapexpiry) {
		/* A no-op correction marks when the leap table expires. */
		puttime(b, db->leapexpires, p->pass);
		put32(b, leaplim ? db->leaps[leaplim - 1].corr : 0);
	}
	if (stdcnt != 0)
		put_indicators(b, h, p, h->ttisstds, o->fix_quirks);
	if (utcnt != 0)
		put_indicators(b, h, p, h->ttisuts, o->fix_quirks);
}

/* Slim files carry a minimal v1 block: one type, one empty abbreviation. */
static void
write_slim_v1(struct tzf_buf *b, char version)
{
	write_header(b, version, 0, 0, 0, 0, 1, 1);
	put32(b, 0);
	putbyte(b, 0);
	putbyte(b, 0);
	putbyte(b, 0);
}

/* TZif version 4 when the leap table is truncated or has an expiry. */
static char
choose_version(const struct tzf_hist *h, const struct tzf_db *db,
    const struct timerange *r32, const struct timerange *r64)
{
	char version = h->version;
	int pass;

	for (pass = 1; pass <= 2; pass++) {
		const struct timerange *r = pass == 1 ? r32 : r64;

		if (pass == 1 && !db->opts.fat)
			continue;
		if (r->leapexpiry) {
			if (db->opts.noise)
				hdiag(h, db, TZF_WARN, "%s: pre-2021b "
				    "clients may mishandle leap second expiry",
				    h->name);
			version = '4';
		}
		if (r->leapcount > 0 && db->leaps[r->leapbase].corr != 1
		    && db->leaps[r->leapbase].corr != -1) {
			if (db->opts.noise)
				hdiag(h, db, TZF_WARN, "%s: pre-2021b "
				    "clients may mishandle leap second table "
				    "truncation", h->name);
			version = '4';
		}
		if (version == '4')
			break;
	}
	return version;
}

/* Leap-adjusted times and type indexes of the merged transitions. */
static int
transfer(const struct tzf_hist *h, const struct tzf_db *db, int64_t **ats_out,
    uint8_t **types_out)
{
	size_t n = h->timecnt ? h->timecnt : 1, i;
	int64_t *ats = tzf__malloc(n * sizeof *ats);
	uint8_t *types = tzf__malloc(n);
	ptrdiff_t j;

	if (ats == NULL || types == NULL) {
		tzf__free(ats);
		tzf__free(types);
		return TZF_ENOMEM;
	}
	for (i = 0; i < h->timecnt; ++i) {
		ats[i] = h->attypes[i].at;
		types[i] = h->attypes[i].type;
		for (j = (ptrdiff_t)db->nleaps - 1; j >= 0; j--)
			if (db->leaps[j].trans - db->leaps[j].corr < ats[i]) {
				ats[i] += db->leaps[j].corr;
				break;
			}
	}
	*ats_out = ats;
	*types_out = types;
	return TZF_OK;
}

static void
warn_counts(const struct tzf_hist *h, const struct tzf_db *db)
{
	if (!db->opts.noise)
		return;
	if (h->timecnt > 1200) {
		if (h->timecnt > MAX_TIMES_WARN)
			hdiag(h, db, TZF_WARN, "reference clients "
			    "mishandle more than %d transition times",
			    MAX_TIMES_WARN);
		else
			hdiag(h, db, TZF_WARN, "pre-2014 clients "
			    "may mishandle more than 1200 transition times");
	}
	if (db->nleaps > MAX_LEAPS_WARN)
		hdiag(h, db, TZF_WARN, "reference clients "
		    "mishandle more than %d leap seconds", MAX_LEAPS_WARN);
}

/* At least the size of the file: reserved at once, so that the small
 * appends of write_block never have to grow the buffer. */
static size_t
size_bound(const struct tzf_hist *h, const struct tzf_db *db)
{
	size_t block = 44 + (h->timecnt + 2) * 9 + (size_t)h->typecnt * 8
	    + TZF_MAX_CHARS + (db->nleaps + 1) * 12;

	return 2 * block + strlen(h->tzstring) + 2;
}

int
tzf__tzif_write(struct tzf_buf *out, struct tzf_hist *h,
    const struct tzf_db *db)
{
	const struct tzf_zic_opts *o = &db->opts;
	struct timerange rangeall, range32, range64;
	struct pass *p = NULL;
	int64_t *ats = NULL, hi64;
	uint8_t *types = NULL;
	char version;
	int pass, rc;

	rc = tzf__sort_attypes(h);
	if (rc < 0)
		return rc;
	merge_transitions(h);
	warn_counts(h, db);
	rc = transfer(h, db, &ats, &types);
	if (rc < 0)
		return rc;

	memset(&rangeall, 0, sizeof rangeall);
	rangeall.defaulttype = h->defaulttype;
	rangeall.count = h->timecnt;
	rangeall.leapcount = db->nleaps;
	hi64 = o->redundant_time - (o->redundant_time > INT64_MIN);
	if (hi64 < o->hi_time)
		hi64 = o->hi_time;
	range64 = limitrange(rangeall, o->lo_time, hi64, ats, types, db);
	/*
	 * zic 2026c keeps a transition (or leap-second expiry) at 2^31 in
	 * the 32-bit data, where it reads back as -2^31 (docs/zic.md 5.3);
	 * --fix-quirks leaves it to the 64-bit data.
	 */
	range32 = limitrange(range64, ZIC32_MIN,
	    o->fix_quirks ? ZIC32_MAX - 1 : ZIC32_MAX, ats, types, db);
	version = choose_version(h, db, &range32, &range64);

	p = tzf__malloc(sizeof *p);
	if (p == NULL || !tzf_buf_reserve(out, size_bound(h, db))) {
		rc = TZF_ENOMEM;
		goto out;
	}
	for (pass = 1; pass <= 2; ++pass) {
		if (pass == 1 && !o->fat) {
			write_slim_v1(out, version);
			continue;
		}
		p->pass = pass;
		p->r = pass == 1 ? range32 : range64;
		p->thismin = pass == 1 ? ZIC32_MIN : INT64_MIN;
		p->thismax = pass == 1 ? ZIC32_MAX : INT64_MAX;
		rc = plan_types(h, db, p, &range64, ats, types);
		if (rc == TZF_OK)
			rc = plan_chars(h, p, db);
		if (rc < 0)
			goto out;
		write_block(out, h, db, p, version, ats, types, h->timecnt);
	}
	tzf_buf_printf(out, "\n%s\n", h->tzstring);
	rc = out->oom ? TZF_ENOMEM : TZF_OK;
out:
	tzf__free(p);
	tzf__free(ats);
	tzf__free(types);
	return rc;
}
