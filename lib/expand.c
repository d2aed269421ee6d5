/*
 * expand.c: the rule expander.  Turns one zone of a struct tzf_db into
 * a struct tzf_hist (transitions, time types, abbreviations, default
 * type and the POSIX TZ footer), following zic 2026c's outzone and
 * stringzone step by step, since their order of work decides the bytes
 * of the TZif file (docs/zic.md sections 4 and 5.7).  Time types and
 * abbreviation tables are hist.c's; compile.c runs this, then the TZif
 * writer.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define SECSPERMIN 60
#define MINSPERHOUR 60
#define SECSPERHOUR 3600
#define SECSPERDAY 86400
#define DAYSPERWEEK 7
#define HOURSPERDAY 24
#define EPOCH_YEAR 1970
#define YEARS_OF_OBSERVATIONS 402	/* 400-year cycle plus slop */
#define YEAR_32BIT_MIN 1901
#define YEAR_32BIT_MAX 2038
#define ABBR_BUF 256

/* ------------------------------------------------------------------ */
/* Transitions */

static int
addtt(struct tzf_hist *h, int64_t at, int type)
{
	if (h->timecnt >= TZF_MAX_GENERATED)
		return TZF_ETOOMANY;
	if (h->timecnt == h->timecnt_alloc) {
		size_t n = h->timecnt_alloc * 2 + 64;
		struct tzf_attype *p = tzf__realloc(h->attypes, n * sizeof *p);

		if (p == NULL)
			return TZF_ENOMEM;
		h->attypes = p;
		h->timecnt_alloc = n;
	}
	h->attypes[h->timecnt].at = at;
	h->attypes[h->timecnt].dontmerge = false;
	h->attypes[h->timecnt].type = (uint8_t)type;
	h->timecnt++;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Abbreviations from formats */

/* %z: the offset as +hh, +hhmm or +hhmmss; NULL if 100 hours or more. */
static const char *
abbroffset(char *buf, int64_t offset)
{
	char sign = '+';
	int seconds, minutes;
	char *p = buf;

	if (offset < 0) {
		offset = -offset;
		sign = '-';
	}
	seconds = (int)(offset % SECSPERMIN);
	offset /= SECSPERMIN;
	minutes = (int)(offset % MINSPERHOUR);
	offset /= MINSPERHOUR;
	if (offset >= 100)
		return NULL;
	*p++ = sign;
	*p++ = (char)('0' + offset / 10);
	*p++ = (char)('0' + offset % 10);
	if (minutes | seconds) {
		*p++ = (char)('0' + minutes / 10);
		*p++ = (char)('0' + minutes % 10);
		if (seconds) {
			*p++ = (char)('0' + seconds / 10);
			*p++ = (char)('0' + seconds % 10);
		}
	}
	*p = '\0';
	return buf;
}

/* A zone line as the footer generator sees it (zic fakes some). */
struct fmtzone {
	int64_t stdoff;
	const char *format;
	char format_spec;
};

static const char disable_percent_s[] = "";

/* Append up to N bytes of S at *P, keeping room for a NUL before END. */
static void
append(char **p, const char *end, const char *s, size_t n)
{
	size_t room = (size_t)(end - *p) - 1;

	if (n > room)
		n = room;
	memcpy(*p, s, n);
	*p += n;
	**p = '\0';
}

/* Replace the first "%s" of FORMAT with LETTERS, into ABBR. */
static void
format_abbr(char *abbr, size_t size, const char *format, const char *letters)
{
	const char *ps = strstr(format, "%s");
	char *p = abbr, *end = abbr + size;

	if (ps == NULL) {
		append(&p, end, format, strlen(format));
		return;
	}
	append(&p, end, format, (size_t)(ps - format));
	append(&p, end, letters, strlen(letters));
	append(&p, end, ps + 2, strlen(ps + 2));
}

/*
 * zic's doabbr: the abbreviation for zone line ZP with rule letters
 * LETTERS, quoted <...> for a TZ string when DOQUOTES.  Returns the
 * length, or 0 when letters == disable_percent_s and the format has %s.
 */
static size_t
doabbr(char *abbr, struct tzf_where *w, const struct fmtzone *zp,
    const char *letters, bool isdst, int64_t save, bool doquotes)
{
	const char *slashp = strchr(zp->format, '/');
	char letterbuf[16];
	size_t len;
	const char *cp;

	if (slashp == NULL) {
		if (zp->format_spec == 'z') {
			letters = abbroffset(letterbuf, zp->stdoff + save);
			if (letters == NULL) {
				tzf__say(w, TZF_ERR, "%z UT offset magnitude "
				    "exceeds 99:59:59");
				letters = "%z";
			}
		} else if (letters == NULL)
			letters = "%s";
		else if (letters == disable_percent_s)
			return 0;
		format_abbr(abbr, ABBR_BUF, zp->format, letters);
	} else if (isdst)
		format_abbr(abbr, ABBR_BUF, slashp + 1, "");
	else {
		char *p = abbr;

		append(&p, abbr + ABBR_BUF, zp->format,
		    (size_t)(slashp - zp->format));
	}
	len = strlen(abbr);
	if (!doquotes)
		return len;
	for (cp = abbr; (*cp >= 'a' && *cp <= 'z') || (*cp >= 'A' && *cp <= 'Z');
	    cp++)
		continue;
	if (len > 0 && *cp == '\0')
		return len;
	if (len + 3 > ABBR_BUF)
		len = ABBR_BUF - 3;
	memmove(abbr + 1, abbr, len);
	abbr[0] = '<';
	abbr[len + 1] = '>';
	abbr[len + 2] = '\0';
	return len + 2;
}

static void
zline_fmt(struct fmtzone *f, const struct tzf_zline *zp)
{
	f->stdoff = zp->stdoff;
	f->format = zp->format;
	f->format_spec = zp->format_spec;
}

/* ------------------------------------------------------------------ */
/* The TZ footer (stringzone) */

/* [-]h[:mm[:ss]]; 0 if the hours reach a week (POSIX's limit). */
static size_t
stringoffset(char *result, size_t size, int64_t offset)
{
	bool negative = offset < 0;
	int64_t hours;
	int minutes, seconds;
	int n;

	if (negative)
		offset = -offset;
	seconds = (int)(offset % SECSPERMIN);
	offset /= SECSPERMIN;
	minutes = (int)(offset % MINSPERHOUR);
	hours = offset / MINSPERHOUR;
	if (hours >= HOURSPERDAY * DAYSPERWEEK) {
		result[0] = '\0';
		return 0;
	}
	if (seconds != 0)
		n = snprintf(result, size, "%s%d:%02d:%02d", negative ? "-" : "",
		    (int)hours, minutes, seconds);
	else if (minutes != 0)
		n = snprintf(result, size, "%s%d:%02d", negative ? "-" : "",
		    (int)hours, minutes);
	else
		n = snprintf(result, size, "%s%d", negative ? "-" : "",
		    (int)hours);
	return (size_t)n;
}

/* One rule date/time for the footer; compat year, or -1 if impossible. */
static int
stringrule(char *result, size_t size, const struct tzf_rule *rp, int64_t save,
    int64_t stdoff)
{
	int64_t tod = rp->tod;
	int compat = 0;
	size_t n;

	if (rp->dycode == TZF_DC_DOM) {
		int month, total = 0;

		if (rp->dayofmonth == 29 && rp->month == 1)
			return -1;
		for (month = 0; month < rp->month; ++month)
			total += tzf__len_months[0][month];
		/* Jan and Feb need no "J": the 0-based form is shorter. */
		if (rp->month <= 1)
			n = (size_t)snprintf(result, size, "%d",
			    total + rp->dayofmonth - 1);
		else
			n = (size_t)snprintf(result, size, "J%d",
			    total + rp->dayofmonth);
	} else {
		int week, wday = rp->wday, wdayoff;

		if (rp->dycode == TZF_DC_DOWGEQ) {
			wdayoff = (rp->dayofmonth - 1) % DAYSPERWEEK;
			if (wdayoff)
				compat = 2013;
			wday -= wdayoff;
			tod += (int64_t)wdayoff * SECSPERDAY;
			week = 1 + (rp->dayofmonth - 1) / DAYSPERWEEK;
		} else if (rp->dayofmonth == tzf__len_months[1][rp->month])
			week = 5;
		else {
			wdayoff = rp->dayofmonth % DAYSPERWEEK;
			if (wdayoff)
				compat = 2013;
			wday -= wdayoff;
			tod += (int64_t)wdayoff * SECSPERDAY;
			week = rp->dayofmonth / DAYSPERWEEK;
		}
		if (wday < 0)
			wday += DAYSPERWEEK;
		n = (size_t)snprintf(result, size, "M%d.%d.%d", rp->month + 1,
		    week, wday);
	}
	if (rp->todisut)
		tod += stdoff;
	if (rp->todisstd && !rp->isdst)
		tod += save;
	if (tod != 2 * SECSPERHOUR) {
		result[n++] = '/';
		if (stringoffset(result + n, size - n, tod) == 0)
			return -1;
		if (tod < 0) {
			if (compat < 2013)
				compat = 2013;
		} else if (tod >= SECSPERDAY) {
			if (compat < 1994)
				compat = 1994;
		}
	}
	return compat;
}

static int
rule_cmp(const struct tzf_rule *a, const struct tzf_rule *b)
{
	if (a == NULL)
		return -(b != NULL);
	if (b == NULL)
		return 1;
	if (a->hiyear != b->hiyear)
		return a->hiyear < b->hiyear ? -1 : 1;
	if (a->hiyear == INT64_MAX)
		return 0;
	if (a->month != b->month)
		return a->month - b->month;
	return a->dayofmonth - b->dayofmonth;
}

/*
 * The proleptic TZ string for the last line of a zone, into RESULT.
 * Returns a compatibility year (0, 1994 or 2013) or -1 if there is none.
 */
static int
stringzone(char *result, size_t size, struct tzf_where *w, const struct tzf_db *db,
    const struct tzf_zline *zp)
{
	const struct tzf_rule *stdrp, *dstrp, *lastrp[2] = { NULL, NULL };
	struct tzf_rule stdr, dstr;
	struct fmtzone zstr[2], zself;
	const struct fmtzone *stdzp, *dstzp;
	size_t i, len, offsetlen;
	int compat = 0, c, dstcmp;

	result[0] = '\0';
	/* RFC 9636 section 6.1: no TZ string when the future is cut off. */
	if (db->opts.hi_time < INT64_MAX)
		return -1;
	for (i = 0; i < zp->nrules; ++i) {
		const struct tzf_rule *rp = &zp->rules[i];
		const struct tzf_rule **last = &lastrp[rp->isdst];
		int cmp = rule_cmp(*last, rp);

		if (cmp < 0)
			*last = rp;
		else if (cmp == 0)
			return -1;
	}
	stdrp = lastrp[false];
	dstrp = lastrp[true];
	dstcmp = zp->nrules ? rule_cmp(dstrp, stdrp) : zp->isdst ? 1 : -1;
	zline_fmt(&zself, zp);
	/*
	 * A ruleless line whose SAVE counts as standard time ("1:00s"):
	 * zic 2026c's string gives the STDOFF alone, where the line's one
	 * type has STDOFF + SAVE (docs/zic.md 5.7); --fix-quirks gives the
	 * type's offset and abbreviation.
	 */
	if (zp->nrules == 0 && !zp->isdst && db->opts.fix_quirks)
		zself.stdoff += zp->save;
	stdzp = dstzp = &zself;

	if (dstcmp < 0)
		dstrp = NULL;	/* standard time all year */
	else if (dstcmp > 0) {
		/* DST all year: "XXX3EDT4,0/0,J365/23" for EDT all year. */
		int64_t save = dstrp ? dstrp->save : zp->save;

		if (save >= 0) {
			stdzp = &zstr[0];
			dstzp = &zstr[1];
			zstr[0].stdoff = zp->stdoff + 2 * save;
			zstr[0].format = "XXX";
			zstr[0].format_spec = 0;
			zstr[1].stdoff = zstr[0].stdoff;
			zstr[1].format = zp->format;
			zstr[1].format_spec = zp->format_spec;
		}
		memset(&dstr, 0, sizeof dstr);
		dstr.month = 0;
		dstr.dycode = TZF_DC_DOM;
		dstr.dayofmonth = 1;
		dstr.tod = 0;
		dstr.isdst = true;
		dstr.save = save < 0 ? save : -save;
		dstr.abbrvar = dstrp ? dstrp->abbrvar : NULL;
		memset(&stdr, 0, sizeof stdr);
		stdr.month = 11;
		stdr.dycode = TZF_DC_DOM;
		stdr.dayofmonth = 31;
		stdr.tod = SECSPERDAY + dstr.save;
		stdr.isdst = false;
		stdr.save = 0;
		stdr.abbrvar = save < 0 && stdrp ? stdrp->abbrvar : NULL;
		dstrp = &dstr;
		stdrp = &stdr;
	}
	len = doabbr(result, w, stdzp, stdrp ? stdrp->abbrvar : NULL, false, 0,
	    true);
	offsetlen = stringoffset(result + len, size - len, -stdzp->stdoff);
	if (offsetlen == 0) {
		result[0] = '\0';
		return -1;
	}
	len += offsetlen;
	if (dstrp == NULL)
		return compat;
	len += doabbr(result + len, w, dstzp, dstrp->abbrvar, dstrp->isdst,
	    dstrp->save, true);
	if (dstrp->save != SECSPERHOUR) {
		offsetlen = stringoffset(result + len, size - len,
		    -(dstzp->stdoff + dstrp->save));
		if (offsetlen == 0) {
			result[0] = '\0';
			return -1;
		}
		len += offsetlen;
	}
	result[len++] = ',';
	c = stringrule(result + len, size - len, dstrp, dstrp->save,
	    stdzp->stdoff);
	if (c < 0) {
		result[0] = '\0';
		return -1;
	}
	if (compat < c)
		compat = c;
	len += strlen(result + len);
	result[len++] = ',';
	c = stringrule(result + len, size - len, stdrp, dstrp->save,
	    stdzp->stdoff);
	if (c < 0) {
		result[0] = '\0';
		return -1;
	}
	if (compat < c)
		compat = c;
	return compat;
}

/* ------------------------------------------------------------------ */
/* outzone */

/* State of one zone's expansion, shared by the helpers below. */
struct xz {
	struct tzf_db *db;
	struct tzf_hist *h;
	const struct tzf_zline *final;	/* the zone's last line */
	struct tzf_where w;
	bool fat, noise;
	int64_t min_year, max_year, max_year0;
	int64_t nonTZlimtime;
	int nonTZlimtype;
	int defaulttype;
	int64_t starttime;
	bool startttisstd, startttisut;
	char envvar[4 * ABBR_BUF];
};

static void
eat(struct xz *x, const char *file, long line)
{
	x->w.file = file;
	x->w.line = line;
	x->w.rfile = NULL;
	x->w.rline = 0;
}

static void
eats(struct xz *x, const struct tzf_zline *zp, const struct tzf_rule *rp)
{
	x->w.file = zp->file;
	x->w.line = zp->line;
	x->w.rfile = rp->file;
	x->w.rline = rp->line;
}

static int
overflow(struct xz *x)
{
	tzf__say(&x->w, TZF_ERR, "time overflow");
	return TZF_EINVAL;
}

static int
tadd(struct xz *x, int64_t *out, int64_t a, int64_t b)
{
	if (!tzf__add64(out, a, b))
		return overflow(x);
	return TZF_OK;
}

static int
rpytime(struct xz *x, int64_t *out, const struct tzf_rule *rp, int64_t y)
{
	int rc = tzf__rpytime(out, rp, y, x->db, x->noise);

	if (rc == 1)
		tzf__say(&x->w, TZF_WARN, "rule goes past start/end of month; will "
		    "not work with pre-2004 versions of zic");
	else if (rc == TZF_EINVAL) {
		tzf__say(&x->w, TZF_ERR, "use of 2/29 in non leap-year");
		return rc;
	} else if (rc < 0)
		return overflow(x);
	return TZF_OK;
}

static void
updateminmax(struct xz *x, int64_t y)
{
	if (x->min_year > y)
		x->min_year = y;
	if (x->max_year < y)
		x->max_year = y;
}

/* The span of years whose rule transitions get generated (4.2). */
static void
year_range(struct xz *x, const struct tzf_zline *zpfirst, size_t zonecount,
    bool do_extend)
{
	const struct tzf_db *db = x->db;
	int64_t rt = db->opts.redundant_time, ry;
	size_t i, j;

	x->min_year = x->max_year = EPOCH_YEAR;
	if (db->leapseen) {
		updateminmax(x, db->leapminyear);
		updateminmax(x, db->leapmaxyear + (db->leapmaxyear < INT64_MAX));
	}
	for (i = 0; i < zonecount; ++i) {
		const struct tzf_zline *zp = &zpfirst[i];

		if (i < zonecount - 1)
			updateminmax(x, zp->untilrule.loyear);
		for (j = 0; j < zp->nrules; ++j) {
			updateminmax(x, zp->rules[j].loyear);
			if (zp->rules[j].hiwasnum)
				updateminmax(x, zp->rules[j].hiyear);
		}
	}
	if (do_extend) {
		if (x->min_year >= INT64_MIN + YEARS_OF_OBSERVATIONS)
			x->min_year -= YEARS_OF_OBSERVATIONS;
		else
			x->min_year = INT64_MIN;
		if (x->max_year <= INT64_MAX - YEARS_OF_OBSERVATIONS)
			x->max_year += YEARS_OF_OBSERVATIONS;
		else
			x->max_year = INT64_MAX;
	}
	ry = rt / (SECSPERDAY * 365) + EPOCH_YEAR + 1;
	if (x->max_year < ry)
		x->max_year = ry;
	x->max_year0 = x->max_year;
	if (x->fat) {
		/* For older readers, cover 1900 through 2038. */
		if (x->min_year > YEAR_32BIT_MIN - 1)
			x->min_year = YEAR_32BIT_MIN - 1;
		if (x->max_year < YEAR_32BIT_MAX)
			x->max_year = YEAR_32BIT_MAX;
	}
}

/* Per-line state of the rule loop. */
struct zl {
	const struct tzf_zline *zp;
	struct fmtzone fz;
	bool usestart, useuntil;
	int64_t save, stdoff, startoff, untiltime;
	char startbuf[ABBR_BUF], ab[ABBR_BUF];
	bool *todo;
	int64_t *temp;
	size_t *active;		/* rules that fall in the current year */
	size_t nactive;
	/* Each rule's abbreviation on this line, made once: 1 + its
	 * offset in abbrs, or 0 while not made yet. */
	size_t *abbr_at;
	struct tzf_buf *abbrs;
};

/* Whether doabbr could report an error for this line and SAVE, so
 * that its result must not stand in for later calls. */
static bool
abbr_may_complain(const struct fmtzone *fz, int64_t save)
{
	int64_t off;

	return fz->format_spec == 'z' && (!tzf__add64(&off, fz->stdoff, save)
	    || off <= -100 * SECSPERHOUR || off >= 100 * SECSPERHOUR);
}

/*
 * doabbr for rule K of the line, into OUT (ABBR_BUF bytes): a line's
 * rules recur every year, and their abbreviations do not change.
 */
static void
rule_abbr(struct xz *x, struct zl *l, size_t k, char *out)
{
	const struct tzf_rule *rp = &l->zp->rules[k];
	size_t len, before;

	if (l->abbr_at[k] != 0) {
		const char *s = l->abbrs->ptr + l->abbr_at[k] - 1;

		memcpy(out, s, strlen(s) + 1);
		return;
	}
	len = doabbr(out, &x->w, &l->fz, rp->abbrvar, rp->isdst, rp->save,
	    false);
	if (abbr_may_complain(&l->fz, rp->save))
		return;
	before = l->abbrs->len;
	tzf_buf_add(l->abbrs, out, len + 1);
	if (l->abbrs->len == before + len + 1)
		l->abbr_at[k] = before + 1;
}

/* Mark the rules that fall in YEAR and compute their local times. */
static int
mark_year(struct xz *x, struct zl *l, int64_t year)
{
	const int64_t y2038_boundary = (int64_t)1 << 31;
	const struct tzf_rule *rules = l->zp->rules;
	size_t j, n = l->zp->nrules;
	int rc;

	l->nactive = 0;
	for (j = 0; j < n; ++j) {
		const struct tzf_rule *rp = &rules[j];

		/* Rules outside YEAR are not looked at again this year
		 * (only l->active is), so they need no todo mark. */
		if (year < rp->loyear || year > rp->hiyear)
			continue;
		eats(x, l->zp, rp);
		rc = rpytime(x, &l->temp[j], rp, year);
		if (rc < 0)
			return rc;
		l->todo[j] = l->temp[j] < y2038_boundary || year <= x->max_year0;
		if (l->todo[j])
			l->active[l->nactive++] = j;
	}
	/* zic's loop leaves its diagnostics at the last rule. */
	if (n > 0)
		eats(x, l->zp, &rules[n - 1]);
	return TZF_OK;
}

/* The earliest pending rule of the year in UT; -1 when none is left. */
static int
earliest_rule(struct xz *x, struct zl *l, int64_t *ktime_out, ptrdiff_t *k_out)
{
	/* zic points its diagnostics at each rule it looks at; only the
	 * last one matters unless something is said on the way. */
	const struct tzf_rule *where = NULL;
	ptrdiff_t k = -1;
	int64_t ktime = 0, jtime, offset;
	size_t a, j;

	for (a = 0; a < l->nactive; ++a) {
		const struct tzf_rule *r;

		j = l->active[a];
		if (!l->todo[j])
			continue;
		r = where = &l->zp->rules[j];
		offset = r->todisut ? 0 : l->stdoff;
		if ((!r->todisstd && !tzf__add64(&offset, offset, l->save))
		    || !tzf__add64(&jtime, l->temp[j], -offset)) {
			eats(x, l->zp, r);
			return overflow(x);
		}
		if (k < 0 || jtime < ktime) {
			k = (ptrdiff_t)j;
			ktime = jtime;
		} else if (jtime == ktime) {
			eats(x, l->zp, r);
			tzf__say(&x->w, TZF_WARN, "two rules for same instant");
			where = &l->zp->rules[k];
			eats(x, l->zp, where);
			tzf__say(&x->w, TZF_ERR, "two rules for same instant");
		}
	}
	if (where != NULL)
		eats(x, l->zp, where);
	*k_out = k;
	*ktime_out = ktime;
	return TZF_OK;
}

/*
 * The next year after YEAR in which some rule of the line starts, or
 * INT64_MAX: years in between have nothing to do, and skipping them
 * keeps rules like "2000 only" against a far UNTIL cheap.
 */
static int64_t
next_rule_year(const struct zl *l, int64_t year)
{
	int64_t next = INT64_MAX;
	size_t j;

	for (j = 0; j < l->zp->nrules; ++j) {
		const struct tzf_rule *rp = &l->zp->rules[j];

		if (rp->loyear > year && rp->loyear < next)
			next = rp->loyear;
	}
	return next;
}

/* Emit the rule transitions of one zone line, year by year. */
static int
rule_years(struct xz *x, struct zl *l)
{
	const struct tzf_zline *zp = l->zp;
	int64_t year, ktime, offset;
	ptrdiff_t k;
	int rc, type;

	for (year = x->min_year; year <= x->max_year; ++year) {
		if (l->useuntil && year > zp->untilrule.hiyear)
			break;
		rc = mark_year(x, l, year);
		if (rc < 0)
			return rc;
		if (l->nactive == 0) {
			int64_t next = next_rule_year(l, year);

			if (next == INT64_MAX)
				break;
			year = next - 1;
			continue;
		}
		for (;;) {
			const struct tzf_rule *rp;

			if (l->useuntil) {
				/* UNTIL in UT with the current stdoff, save. */
				l->untiltime = zp->untiltime;
				if (!zp->untilrule.todisut && tadd(x,
				    &l->untiltime, l->untiltime, -l->stdoff) < 0)
					return TZF_EINVAL;
				if (!zp->untilrule.todisstd && tadd(x,
				    &l->untiltime, l->untiltime, -l->save) < 0)
					return TZF_EINVAL;
			}
			rc = earliest_rule(x, l, &ktime, &k);
			if (rc < 0)
				return rc;
			if (k < 0)
				break;	/* on to next year */
			rp = &zp->rules[k];
			l->todo[k] = false;
			if (l->useuntil && ktime >= l->untiltime) {
				if (l->startbuf[0] == '\0'
				    && zp->stdoff + rp->save == l->startoff)
					rule_abbr(x, l, (size_t)k,
					    l->startbuf);
				break;
			}
			l->save = rp->save;
			if (l->usestart && ktime == x->starttime)
				l->usestart = false;
			if (l->usestart) {
				if (ktime < x->starttime) {
					l->startoff = zp->stdoff + l->save;
					rule_abbr(x, l, (size_t)k,
					    l->startbuf);
					continue;
				}
				if (l->startbuf[0] == '\0'
				    && l->startoff == zp->stdoff + l->save)
					rule_abbr(x, l, (size_t)k,
					    l->startbuf);
			}
			eats(x, zp, rp);
			rule_abbr(x, l, (size_t)k, l->ab);
			offset = zp->stdoff + rp->save;
			type = tzf__addtype(x->h, &x->w, x->fat, x->noise, offset,
			    l->ab, rp->isdst, rp->todisstd, rp->todisut);
			if (type < 0)
				return type;
			if (x->defaulttype < 0 && !rp->isdst)
				x->defaulttype = type;
			rc = addtt(x->h, ktime, type);
			if (rc < 0)
				return rc;
			if (x->nonTZlimtime < ktime
			    && (l->useuntil || rp->hiyear != INT64_MAX)) {
				x->nonTZlimtime = ktime;
				x->nonTZlimtype = type;
			}
		}
	}
	return TZF_OK;
}

/* A ruleless line: one type, started at the line start if any. */
static int
ruleless_line(struct xz *x, struct zl *l)
{
	const struct tzf_zline *zp = l->zp;
	int type, rc;

	l->save = zp->save;
	doabbr(l->startbuf, &x->w, &l->fz, NULL, zp->isdst, l->save, false);
	type = tzf__addtype(x->h, &x->w, x->fat, x->noise, zp->stdoff + l->save,
	    l->startbuf, zp->isdst, x->startttisstd, x->startttisut);
	if (type < 0)
		return type;
	if (l->usestart) {
		rc = addtt(x->h, x->starttime, type);
		if (rc < 0)
			return rc;
		/* 2026b: a final ruleless line's start counts too. */
		if (x->nonTZlimtime < x->starttime) {
			x->nonTZlimtime = x->starttime;
			x->nonTZlimtype = type;
		}
		l->usestart = false;
	} else
		x->defaulttype = type;
	return TZF_OK;
}

/* The transition at a line's start, when no rule provided it. */
static int
line_start(struct xz *x, struct zl *l)
{
	const struct tzf_zline *zp = l->zp;
	bool isdst = l->startoff != zp->stdoff;
	int type;

	if (l->startbuf[0] == '\0' && zp->format != NULL)
		doabbr(l->startbuf, &x->w, &l->fz, disable_percent_s, isdst,
		    l->save, false);
	eat(x, zp->file, zp->line);
	if (l->startbuf[0] == '\0') {
		tzf__say(&x->w, TZF_ERR, "can't determine time zone abbreviation "
		    "to use just after until time");
		return TZF_OK;
	}
	type = tzf__addtype(x->h, &x->w, x->fat, x->noise, l->startoff, l->startbuf,
	    isdst, x->startttisstd, x->startttisut);
	if (type < 0)
		return type;
	if (x->defaulttype < 0 && !isdst)
		x->defaulttype = type;
	return addtt(x->h, x->starttime, type);
}

/* Per-rule work space of outzone, sized for its longest rule list. */
struct scratch {
	bool *todo;
	int64_t *temp;
	size_t *active;
	size_t *abbr_at;
	struct tzf_buf abbrs;
};

static int
scratch_init(struct scratch *sc, size_t maxrules)
{
	sc->todo = tzf__malloc(maxrules * sizeof *sc->todo);
	sc->temp = tzf__malloc(maxrules * sizeof *sc->temp);
	sc->active = tzf__malloc(maxrules * sizeof *sc->active);
	sc->abbr_at = tzf__malloc(maxrules * sizeof *sc->abbr_at);
	sc->abbrs = (struct tzf_buf)TZF_BUF_INIT;
	return sc->todo && sc->temp && sc->active && sc->abbr_at ? TZF_OK
	    : TZF_ENOMEM;
}

static void
scratch_free(struct scratch *sc)
{
	tzf__free(sc->todo);
	tzf__free(sc->temp);
	tzf__free(sc->active);
	tzf__free(sc->abbr_at);
	tzf_buf_dispose(&sc->abbrs);
}

static int
one_line(struct xz *x, const struct tzf_zline *zpfirst, size_t i,
    size_t zonecount, struct scratch *sc)
{
	const struct tzf_zline *zp = &zpfirst[i];
	struct zl l;
	int rc;

	memset(&l, 0, sizeof l);
	if (x->h->starts != NULL)
		x->h->starts[i] = i == 0 ? INT64_MIN : x->starttime;
	l.zp = zp;
	zline_fmt(&l.fz, zp);
	l.todo = sc->todo;
	l.temp = sc->temp;
	l.active = sc->active;
	l.abbr_at = sc->abbr_at;
	memset(l.abbr_at, 0, zp->nrules * sizeof *l.abbr_at);
	sc->abbrs.len = 0;
	l.abbrs = &sc->abbrs;
	l.usestart = i > 0 && zpfirst[i - 1].untiltime > INT64_MIN;
	l.useuntil = i < zonecount - 1;
	l.stdoff = l.startoff = zp->stdoff;
	if (l.useuntil && zp->untiltime <= INT64_MIN)
		return TZF_OK;
	eat(x, zp->file, zp->line);
	rc = zp->nrules == 0 ? ruleless_line(x, &l) : rule_years(x, &l);
	if (rc < 0)
		return rc;
	if (l.usestart) {
		rc = line_start(x, &l);
		if (rc < 0)
			return rc;
	}
	if (l.useuntil) {
		/* The next line starts where this one ends. */
		x->startttisstd = zp->untilrule.todisstd;
		x->startttisut = zp->untilrule.todisut;
		x->starttime = zp->untiltime;
		if (!x->startttisstd
		    && tadd(x, &x->starttime, x->starttime, -l.save) < 0)
			return TZF_EINVAL;
		if (!x->startttisut
		    && tadd(x, &x->starttime, x->starttime, -l.stdoff) < 0)
			return TZF_EINVAL;
	}
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Where the TZ string takes over */

/*
 * zic 2026c lets the TZ string speak for every instant after the last
 * transition it writes (slim: the first transition after nonTZlimtime;
 * fat: the last change of type) without asking whether the string says
 * there what the zone's lines say.  It nearly always does; in some old
 * releases it does not, and zic 2026c's file then misstates the past.
 * In 2016j, Asia/Choibalsan's final line starts in 2008 and its DST
 * rules in 2015: slim puts DST in 2008-2014.  Africa/Casablanca's
 * one-off 2037 fall-back is followed by the recurring one, merged away
 * as a no-op: fat puts DST back from 2037-10-04 to 10-25.
 *
 * zic copies that by default, to stay byte-identical to zic 2026c for
 * every input.  With --fix-quirks (opts.fix_quirks, always on for the
 * store and the diff engine) the expanded transitions are checked
 * against the string from that last one up to the end of the years
 * expanded, and where the string disagrees, transitions are kept up to
 * the first one from which on it agrees.  A file that passes the check,
 * every file of 2026c among them, is zic 2026c's byte for byte.
 */

/* Does TZ put type TYPE of H in effect at T? */
static bool
string_says(const struct tzf_tz *tz, const struct tzf_hist *h, int type,
    int64_t t)
{
	struct tzf_local loc;

	return tzf_tz_eval(&loc, tz, t) == TZF_OK
	    && loc.utoff == h->utoffs[type] && loc.isdst == (h->isdsts[type] > 0)
	    && strncmp(loc.abbr, h->abbrs[type], sizeof loc.abbr - 1) == 0;
}

/* Does TZ put type TYPE of H in effect throughout [FROM, TO)? */
static bool
string_agrees(const struct tzf_tz *tz, const struct tzf_hist *h, int type,
    int64_t from, int64_t to)
{
	int64_t y, last, s, e;

	if (!string_says(tz, h, type, from))
		return false;
	if (!tz->hasdst)
		return true;
	/* The string's changes repeat with the calendar, every 400 years. */
	y = tzf_civil_year(from) - 1;
	last = tzf_civil_year(to - 1) + 1;
	if (last - y > 402)
		last = y + 402;
	for (; y <= last; y++) {
		if (tzf_tz_transitions(&s, &e, tz, y) < 0)
			continue;
		if ((from < s && s < to && !string_says(tz, h, type, s))
		    || (from < e && e < to && !string_says(tz, h, type, e)))
			return false;
	}
	return true;
}

/*
 * The end of the years expanded in full, a week early: the next year,
 * not expanded, may start its changes days before January 1 in UT.
 */
static int64_t
expanded_end(const struct xz *x)
{
	int64_t t;

	if (x->max_year0 == INT64_MAX || tzf_civil_to_secs(&t,
	    x->max_year0 + 1, 1, 1, 0, 0, 0) < 0)
		return INT64_MAX;
	return t - 8 * SECSPERDAY;
}

/*
 * The final line's first transition after its last one expanded, when
 * the TZ string disagrees with the zone right after that last one: the
 * expansion ended too early.  With all-year DST reached through rules
 * (a "max" DST rule, the standard-time rule ending), the years expanded
 * end on standard time, and the string says DST from there on; the DST
 * rule fires once more after that, and from then on the string is
 * right.  The transition is added, and its instant returned; INT64_MIN
 * if there is none, or if the string disagrees after it too.
 */
static int64_t
extend_final(struct xz *x, const struct tzf_tz *tz)
{
	const struct tzf_zline *zp = x->final;
	struct tzf_hist *h = x->h;
	const struct tzf_attype *last = &h->attypes[h->timecnt - 1];
	const struct tzf_rule *best = NULL;
	const int64_t y2038_boundary = (int64_t)1 << 31;
	int64_t y, save, t, at = INT64_MAX;
	struct fmtzone fz;
	char abbr[ABBR_BUF];
	size_t k;
	int type;

	/* The rules' firings that mark_year left out: the years after
	 * max_year0, less those fat expanded before 2038-01-19. */
	if (x->max_year0 > INT64_MAX - 2)
		return INT64_MIN;
	save = h->utoffs[last->type] - zp->stdoff;
	for (y = x->max_year0 + 1; y <= x->max_year0 + 2; y++)
		for (k = 0; k < zp->nrules; k++) {
			const struct tzf_rule *rp = &zp->rules[k];
			int64_t off = rp->todisut ? 0 : zp->stdoff, local;

			if (y < rp->loyear || y > rp->hiyear
			    || tzf__rpytime(&local, rp, y, x->db, false) != 0
			    || (y <= x->max_year && local < y2038_boundary)
			    || (!rp->todisstd && !tzf__add64(&off, off, save))
			    || !tzf__add64(&t, local, -off) || t <= last->at
			    || t >= at)
				continue;
			at = t;
			best = rp;
		}
	if (best == NULL)
		return INT64_MIN;
	zline_fmt(&fz, zp);
	doabbr(abbr, &x->w, &fz, best->abbrvar, best->isdst, best->save,
	    false);
	type = tzf__addtype(h, &x->w, x->fat, x->noise,
	    zp->stdoff + best->save, abbr, best->isdst, best->todisstd,
	    best->todisut);
	if (type < 0 || !string_agrees(tz, h, type, at, at + 400 * SECSPERDAY)
	    || addtt(h, at, type) < 0)
		return INT64_MIN;
	return at;
}

/*
 * X's transitions are sorted, and the TZ string TZ takes over after the
 * one at index FIRST.  The instant of the earliest later transition
 * from which on TZ agrees with them (extend_final's when it disagrees
 * after the last one), or INT64_MIN when TZ agrees from FIRST on
 * already.
 */
static int64_t
string_handover(struct xz *x, const struct tzf_tz *tz, size_t first)
{
	const struct tzf_attype *a = x->h->attypes;
	size_t n = x->h->timecnt, i;
	int64_t end = expanded_end(x), to;

	for (i = n; i-- > first;) {
		to = i + 1 < n && a[i + 1].at < end ? a[i + 1].at : end;
		if (a[i].at < to
		    && !string_agrees(tz, x->h, a[i].type, a[i].at, to))
			return i + 1 < n ? a[i + 1].at : extend_final(x, tz);
	}
	return INT64_MIN;
}

/* Parse the footer into TZ and, if that worked (*PARSED), sort the
 * transitions. */
static int
prepare_check(struct xz *x, struct tzf_tz *tz, bool *parsed)
{
	*parsed = x->h->timecnt > 0 && tzf_tz_parse(tz, x->envvar, NULL) == 0;
	return *parsed ? tzf__sort_attypes(x->h) : TZF_OK;
}

/* The index of the last transition at or before KEEP_AT_MAX: slim's
 * last one (H's transitions are sorted). */
static size_t
last_kept(const struct tzf_hist *h, int64_t keep_at_max)
{
	size_t i;

	for (i = 0; i + 1 < h->timecnt && h->attypes[i + 1].at <= keep_at_max;
	    i++)
		continue;
	return i;
}

/* The index of H's last change of type: fat's last transition. */
static size_t
last_change(const struct tzf_hist *h)
{
	const struct tzf_attype *a = h->attypes;
	size_t i;

	for (i = h->timecnt - 1; i > 0; i--)
		if (h->utoffs[a[i].type] != h->utoffs[a[i - 1].type]
		    || h->isdsts[a[i].type] != h->isdsts[a[i - 1].type]
		    || strcmp(h->abbrs[a[i].type], h->abbrs[a[i - 1].type]))
			break;
	return i;
}

/*
 * --fix-quirks: the instant up to which transitions must be kept for the
 * TZ string to be right after them, when zic 2026c's last one is not
 * enough (slim: the last at or before KEEP_AT_MAX; fat: the last change
 * of type); else INT64_MIN.
 */
static int
find_handover(struct xz *x, int64_t keep_at_max, int64_t *out)
{
	struct tzf_tz tz;
	bool parsed;
	int rc;

	*out = INT64_MIN;
	rc = prepare_check(x, &tz, &parsed);
	if (rc < 0 || !parsed)
		return rc;
	*out = string_handover(x, &tz, x->fat ? last_change(x->h)
	    : last_kept(x->h, keep_at_max));
	return TZF_OK;
}

/* Slim output: drop transitions the TZ string can deduce (4.7). */
static int
trim_slim(struct xz *x)
{
	struct tzf_hist *h = x->h;
	int64_t keep_at_max, handover = INT64_MIN, TZstarttime = INT64_MAX;
	size_t i, j;
	int rc;

	for (i = 0; i < h->timecnt; i++) {
		int64_t at = h->attypes[i].at;

		if (x->nonTZlimtime < at && at < TZstarttime)
			TZstarttime = at;
	}
	if (TZstarttime == INT64_MAX)
		TZstarttime = x->nonTZlimtime;
	keep_at_max = TZstarttime > x->db->opts.redundant_time ? TZstarttime
	    : x->db->opts.redundant_time;
	if (x->db->opts.fix_quirks) {
		rc = find_handover(x, keep_at_max, &handover);
		if (rc < 0)
			return rc;
		if (keep_at_max < handover)
			keep_at_max = handover;
	}
	for (i = j = 0; i < h->timecnt; i++)
		if (h->attypes[i].at <= keep_at_max) {
			int64_t at = h->attypes[i].at;

			h->attypes[j].at = at;
			h->attypes[j].dontmerge = (at == TZstarttime
			    && (x->nonTZlimtype != h->attypes[i].type
				|| strchr(x->envvar, ',') != NULL))
			    || (handover != INT64_MIN && at == handover);
			h->attypes[j].type = h->attypes[i].type;
			j++;
		}
	h->timecnt = j;
	return TZF_OK;
}

/* --fix-quirks, fat: every transition is kept, but a no-op one may be
 * needed where the TZ string takes over. */
static int
fat_handover(struct xz *x)
{
	struct tzf_attype *a = x->h->attypes;
	int64_t handover;
	size_t i;
	int rc;

	rc = find_handover(x, INT64_MAX, &handover);
	for (i = 0; rc == TZF_OK && handover != INT64_MIN
	    && i < x->h->timecnt; i++)
		if (a[i].at == handover)
			a[i].dontmerge = true;
	return rc;
}

/* No TZ string: mark the end of the 400-year extension (4.8). */
static int
extend_end(struct xz *x)
{
	struct tzf_hist *h = x->h;
	struct tzf_rule xr;
	struct tzf_attype *lastat = NULL;
	int64_t t1, t2;
	size_t i;
	int rc;

	memset(&xr, 0, sizeof xr);
	xr.dycode = TZF_DC_DOM;
	xr.dayofmonth = 1;
	if (h->timecnt > 0)
		lastat = &h->attypes[0];
	for (i = 1; i < h->timecnt; i++)
		if (h->attypes[i].at > lastat->at)
			lastat = &h->attypes[i];
	rc = rpytime(x, &t1, &xr, x->max_year - 1);
	if (rc < 0)
		return rc;
	if (lastat == NULL || lastat->at < t1) {
		int type = lastat ? lastat->type : x->defaulttype;

		rc = rpytime(x, &t2, &xr, x->max_year + 1);
		if (rc < 0)
			return rc;
		rc = addtt(h, t2, type);
		if (rc == TZF_ETOOMANY) {
			tzf__say(&x->w, TZF_ERR, "too many transition times");
			return TZF_EINVAL;
		}
		if (rc < 0)
			return rc;
		h->attypes[h->timecnt - 1].dontmerge = true;
	}
	return TZF_OK;
}

/*
 * Expand ZPFIRST[0..ZONECOUNT) into H.  Follows zic's outzone; returns
 * a negative code on fatal errors (already reported).
 */
int
tzf__expand(struct tzf_db *db, struct tzf_hist *h,
    const struct tzf_zline *zpfirst, size_t zonecount)
{
	struct xz x;
	size_t i, maxrules = 1;
	bool do_extend;
	struct scratch sc;
	int compat, rc;

	memset(&x, 0, offsetof(struct xz, envvar));
	x.envvar[0] = '\0';
	x.db = db;
	x.h = h;
	x.final = &zpfirst[zonecount - 1];
	x.w.dg = db->dg;
	x.w.file = db->wfile;
	x.w.line = db->wline;
	x.w.rfile = db->wrfile;
	x.w.rline = db->wrline;
	x.fat = db->opts.fat;
	x.noise = db->opts.noise;
	x.nonTZlimtime = INT64_MIN;
	x.nonTZlimtype = -1;
	x.defaulttype = -1;
	h->name = zpfirst->name;
	h->unspecifiedtype = -1;

	compat = stringzone(x.envvar, sizeof x.envvar, &x.w, db,
	    &zpfirst[zonecount - 1]);
	h->version = compat < 2013 ? '2' : '3';
	do_extend = compat < 0;
	if (x.noise) {
		if (x.envvar[0] == '\0')
			tzf__diag_msg(db->dg, &(struct tzf_msg){ TZF_WARN,
			    x.w.file, x.w.line, x.w.rfile, x.w.rline, false,
			    NULL }, "no proleptic TZ string for zone %s",
			    zpfirst->name);
		else if (compat != 0)
			tzf__diag_msg(db->dg, &(struct tzf_msg){ TZF_WARN,
			    x.w.file, x.w.line, x.w.rfile, x.w.rline, false,
			    NULL }, "%s: pre-%d clients may mishandle distant "
			    "timestamps", zpfirst->name, compat);
	}
	year_range(&x, zpfirst, zonecount, do_extend);
	if (db->opts.lo_time > INT64_MIN || db->opts.hi_time < INT64_MAX) {
		h->unspecifiedtype = tzf__addtype(h, &x.w, x.fat, x.noise, 0, "-00",
		    false, false, false);
		if (h->unspecifiedtype < 0)
			return h->unspecifiedtype;
	}
	for (i = 0; i < zonecount; i++)
		if (zpfirst[i].nrules > maxrules)
			maxrules = zpfirst[i].nrules;
	rc = scratch_init(&sc, maxrules);
	for (i = 0; rc == TZF_OK && i < zonecount; ++i)
		rc = one_line(&x, zpfirst, i, zonecount, &sc);
	scratch_free(&sc);
	if (rc == TZF_ETOOMANY) {
		tzf__say(&x.w, TZF_ERR, "too many transition times");
		return TZF_EINVAL;
	}
	if (rc < 0)
		return rc;
	if (x.defaulttype < 0)
		x.defaulttype = 0;
	rc = TZF_OK;
	if (do_extend)
		rc = extend_end(&x);
	else if (!x.fat)
		rc = trim_slim(&x);
	else if (db->opts.fix_quirks)
		rc = fat_handover(&x);
	if (rc < 0)
		return rc;
	h->defaulttype = x.defaulttype;
	db->wfile = x.w.file;
	db->wline = x.w.line;
	db->wrfile = x.w.rfile;
	db->wrline = x.w.rline;
	h->file = x.w.file;
	h->line = x.w.line;
	h->rfile = x.w.rfile;
	h->rline = x.w.rline;
	h->tzstring = tzf__strdup(x.envvar);
	return h->tzstring == NULL ? TZF_ENOMEM : TZF_OK;
}
