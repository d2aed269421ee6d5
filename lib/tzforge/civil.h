/*
 * tzforge/civil.h: the one calendar and time grammar (lib/civil.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_CIVIL_H
#define TZFORGE_CIVIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The calendar and the time grammar (lib/civil.c): any int64_t instant,
 * proleptic Gregorian, never the host's time zone. */
struct tzf_civil {
	int64_t year;
	int mon, mday, hour, min, sec;	/* 1-12, 1-31, 0-23, 0-59, 0-59 */
	int wday, yday;		/* 0-6 (Sunday 0), 0-365 */
};
void tzf_civil_from_secs(struct tzf_civil *out, int64_t secs);
/* The date of day DAYS since 1970-01-01 (time fields 0). */
void tzf_civil_from_days(struct tzf_civil *out, int64_t days);
/* Days since 1970-01-01 of YEAR-MON-MDAY (MON 1-12, MDAY 1-31). */
int64_t tzf_civil_days(int64_t year, int mon, int mday);
/* The year in which instant SECS falls. */
int64_t tzf_civil_year(int64_t secs);
bool tzf_civil_isleap(int64_t year);
int tzf_civil_month_days(int64_t year, int mon);	/* MON 1-12 */
int tzf_civil_weekday(int64_t days);	/* 0-6, Sunday 0 */
/* Seconds of a civil time; TZF_EINVAL if out of range. */
int tzf_civil_to_secs(int64_t *out, int64_t year, int mon, int mday,
    int hour, int min, int sec);
/*
 * Parse a time in the one grammar of the three tools:
 *   @[+-]SECONDS, or [+-]YYYY[-MM[-DD[(T| )HH[:MM[:SS]]]]][ZONE]
 * with ZONE Z or (+|-)HH[[:]MM[[:]SS]].  Missing parts are the start of
 * the period (2024 is 2024-01-01T00:00).  *HASZONE tells whether the text
 * fixed the clock (ZONE or @); when false, *OUT counts seconds on an
 * unspecified clock and the caller decides whether that is UT or local.
 */
int tzf_time_parse(int64_t *out, bool *haszone, const char *s);
/* "YYYY-MM-DDTHH:MM:SS" of SECS, then "Z" when Z, into BUF. */
void tzf_time_format(char *buf, size_t size, int64_t secs, bool z);
/* "+HH:MM" or "+HH:MM:SS" */
void tzf_offset_format(char *buf, size_t size, int32_t off);

#endif /* TZFORGE_CIVIL_H */
