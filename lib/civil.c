/*
 * civil.c: the one calendar and the one time grammar of the library.
 *
 * Every conversion between seconds since 1970-01-01 00:00 UT and civil
 * dates in the proleptic Gregorian calendar happens here, for any
 * int64_t instant, without the C library's time zone functions, so no
 * answer depends on the host's time zone.  The zic core (parse.c,
 * expand.c) keeps zic's own rule-date arithmetic, because its overflow
 * behaviour is part of what zic's output depends on.
 *
 * The time grammar, shared by every option and argument of the three
 * tools that takes a time:
 *
 *   @[+-]SECONDS
 *   [+-]YYYY[-MM[-DD[(T|t| )HH[:MM[:SS]]]]][ZONE]
 *   ZONE = Z | z | (+|-)HH[[:]MM[[:]SS]]
 *
 * A year has four digits or more; a missing month or day is 1, a
 * missing hour, minute or second 0.  Without ZONE the time is on no
 * particular clock and the caller decides (an instant in UT, or a local
 * time).
 */
#include <assert.h>
#include <stdio.h>

#include "tzf_int.h"

#define SECSPERDAY	86400

/* Floor division for b > 0; C's division truncates toward zero. */
static int64_t
fdiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return a % b < 0 ? q - 1 : q;
}

bool
tzf_civil_isleap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int
tzf_civil_month_days(int64_t year, int mon)
{
	static const int mlen[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	assert(mon >= 1 && mon <= 12);	/* the header's contract */
	return mlen[mon - 1] + (mon == 2 && tzf_civil_isleap(year));
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm,
 * in 400-year eras). */
int64_t
tzf_civil_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = fdiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
tzf_civil_weekday(int64_t days)
{
	return (int)((days % 7 + 7 + 4) % 7);	/* 1970-01-01 a Thursday */
}

void
tzf_civil_from_days(struct tzf_civil *out, int64_t days)
{
	int64_t z = days + 719468, era = fdiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	int64_t y = yoe + era * 400 + (m <= 2);

	out->year = y;
	out->mon = m;
	out->mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->hour = out->min = out->sec = 0;
	out->wday = tzf_civil_weekday(days);
	out->yday = (int)(days - tzf_civil_days(y, 1, 1));
}

void
tzf_civil_from_secs(struct tzf_civil *out, int64_t secs)
{
	/* Floor division without forming days * SECSPERDAY, which
	 * overflows for the earliest instants. */
	int64_t days = secs / SECSPERDAY - (secs % SECSPERDAY < 0);
	int64_t sod = secs % SECSPERDAY + (secs % SECSPERDAY < 0) * SECSPERDAY;

	tzf_civil_from_days(out, days);
	out->hour = (int)(sod / 3600);
	out->min = (int)(sod / 60 % 60);
	out->sec = (int)(sod % 60);
}

int64_t
tzf_civil_year(int64_t secs)
{
	struct tzf_civil c;

	tzf_civil_from_secs(&c, secs);
	return c.year;
}

int
tzf_civil_to_secs(int64_t *out, int64_t year, int mon, int mday, int hour,
    int min, int sec)
{
	int64_t v;

	if (year < -292277022657 || year > 292277026596 || mon < 1 ||
	    mon > 12 || mday < 1 || mday > tzf_civil_month_days(year, mon) ||
	    hour < 0 || hour > 24 || min < 0 || min > 59 || sec < 0 ||
	    sec > 60)
		return TZF_EINVAL;
	if (!tzf__mul64(&v, tzf_civil_days(year, mon, mday), SECSPERDAY) ||
	    !tzf__add64(&v, v, (int64_t)hour * 3600 + min * 60 + sec))
		return TZF_EINVAL;
	*out = v;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* The time grammar */

static bool
digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly N digits, or at least N when MORE; advances *SP. */
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

/* ":NN" or "NN" after an hour or minute: true when present and read. */
static bool
more_field(const char **sp, int64_t *out, bool *bad)
{
	const char *s = *sp;

	if (*s == ':')
		s++;
	else if (!digit(*s))
		return false;
	if (!num(&s, 2, false, out)) {
		*bad = true;
		return false;
	}
	*sp = s;
	return true;
}

/* Z, or (+|-)HH[[:]MM[[:]SS]], as seconds east of UT. */
static int
parse_zone(const char **sp, int64_t *off)
{
	const char *s = *sp;
	int64_t h, m = 0, sec = 0;
	bool bad = false;
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
	if (more_field(&s, &m, &bad))
		more_field(&s, &sec, &bad);
	if (bad || h > 167 || m > 59 || sec > 59)
		return TZF_EINVAL;
	*off = sign * (h * 3600 + m * 60 + sec);
	*sp = s;
	return TZF_OK;
}

static int
parse_epoch(int64_t *out, const char *s)
{
	int64_t v;
	bool neg = false;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!num(&s, 1, true, &v) || *s != '\0')
		return TZF_EINVAL;
	*out = neg ? -v : v;
	return TZF_OK;
}

/* Parse "-MM", "-DD", ":MM", ":SS" if present; false on bad syntax. */
static bool
opt_part(const char **sp, char sep, int64_t *out, bool *present)
{
	*present = **sp == sep;
	if (!*present)
		return true;
	(*sp)++;
	return num(sp, 2, false, out);
}

int
tzf_time_parse(int64_t *out, bool *haszone, const char *s)
{
	int64_t y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, off = 0, v;
	bool neg = false, more = false;

	if (*s == '@') {
		*haszone = true;
		return parse_epoch(out, s + 1);
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!num(&s, 4, true, &y) || !opt_part(&s, '-', &mo, &more))
		return TZF_EINVAL;
	if (more && !opt_part(&s, '-', &d, &more))
		return TZF_EINVAL;
	if (more && (*s == 'T' || *s == 't' || *s == ' ')) {
		s++;
		if (!num(&s, 2, false, &h) || !opt_part(&s, ':', &mi, &more) ||
		    (more && !opt_part(&s, ':', &sec, &more)))
			return TZF_EINVAL;
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

/* ------------------------------------------------------------------ */
/* Formatting */

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
