/*
 * tzforge/tzif.h: TZif files: the reader, validator and encoder, TZ
 * strings and timelines (lib/tzif_read.c, lib/timeline.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_TZIF_H
#define TZFORGE_TZIF_H

#include "tzforge/core.h"

/* ------------------------------------------------------------------ */
/* TZif files (RFC 9636): reader, validator, encoder, lookups */

struct tzf_tzif_type {
	int32_t utoff;
	bool isdst;
	uint8_t abbrind;	/* index into chars */
};

struct tzf_tzif_leap {
	int64_t occur;
	int32_t corr;
};

/* One data block: the v1 (32-bit) block or the v2+ (64-bit) block. */
struct tzf_tzif_block {
	uint32_t timecnt, typecnt, charcnt, leapcnt, isstdcnt, isutcnt;
	int64_t *times;		/* timecnt */
	uint8_t *idxs;		/* timecnt */
	struct tzf_tzif_type *types;	/* typecnt */
	char *chars;		/* charcnt, NUL-separated */
	struct tzf_tzif_leap *leaps;	/* leapcnt */
	uint8_t *isstd;		/* isstdcnt */
	uint8_t *isut;		/* isutcnt */
};

struct tzf_tzif {
	int version;		/* 1 (the v1 '\0' byte), 2, 3 or 4; the
				 * encoder also takes 0 as version 1 */
	struct tzf_tzif_block v1;
	struct tzf_tzif_block v2;	/* empty when version == 1 */
	char *footer;		/* TZ string, "" if empty; NULL for v1 */
};

/* What is in effect at an instant. */
struct tzf_local {
	int32_t utoff;
	bool isdst;
	char abbr[16];
};

/* TZif reader API (lib/tzif_read.c) */
/*
 * Parse and fully validate the TZif file in data[0..len).  Nothing in
 * the input is trusted before it is checked: every count against the
 * bytes that remain, magic, version, indexes, abbreviations, order of
 * times, leap records, and the footer TZ string (POSIX syntax with the
 * RFC 9636 version 3 extensions).  On success *out is a new structure
 * whose version is 1 for a '\0' version byte, else 2, 3 or 4; release it
 * with tzf_tzif_free().  On failure *out is NULL, one TZF_SEV_ERR naming the
 * problem goes to dg (tied to name, which may be NULL), and TZF_EINVAL
 * (or TZF_ENOMEM) comes back.
 */
int tzf_tzif_parse(struct tzf_tzif **out, const void *data, size_t len,
    const char *name, struct tzf_diag *dg);
void tzf_tzif_free(struct tzf_tzif *t);


/* POSIX TZ strings such as TZif footers (RFC 9636 section 3.3) */

enum tzf_tz_datekind {
	TZF_TZ_JULIAN,		/* Jn: day 1-365, February 29 never counted */
	TZF_TZ_YDAY,		/* n: day 0-365, February 29 counted */
	TZF_TZ_MWD		/* Mm.w.d: weekday d of week w of month m */
};

/* When DST starts or ends, in the local time in effect just before. */
struct tzf_tz_rule {
	enum tzf_tz_datekind kind;
	int mon;		/* TZF_TZ_MWD: 1-12 */
	int week;		/* TZF_TZ_MWD: 1-5, 5 meaning the last */
	int day;		/* Jn 1-365, n 0-365, or weekday 0-6 (Sunday 0) */
	int32_t secs;		/* time of day, -167:59:59 to 167:59:59 */
};

struct tzf_tz {
	char stdname[16];	/* without <>; longer names cut to 15 bytes */
	char dstname[16];	/* "" when !hasdst */
	int32_t stdoff;		/* UT offsets, seconds east of Greenwich: */
	int32_t dstoff;		/* the POSIX sign inverted */
	bool hasdst;
	struct tzf_tz_rule start, end;	/* when hasdst */
};

/*
 * Parse the TZ string s.  Accepted: std offset [dst [offset] ,rule,rule]
 * with abbreviations of letters or <[A-Za-z0-9+-]*>, hours up to 167 and
 * signed rule times (version 3 extensions).  DST without rules is refused
 * because its meaning is implementation-defined.  TZF_EINVAL with a
 * message to dg (which may be NULL) if s is malformed.
 */
int tzf_tz_parse(struct tzf_tz *out, const char *s, struct tzf_diag *dg);

/*
 * What tz puts in effect at ut, for any int64_t, proleptic Gregorian.
 * DST is in effect from each start to the next end; an end and a start
 * at the same instant chain, so "XXX3EDT4,0/0,J365/23" is DST all year.
 */
int tzf_tz_eval(struct tzf_local *out, const struct tzf_tz *tz, int64_t ut);

/*
 * The UT instants at which tz's DST start and end rules fire in year
 * (they may fall in a neighbouring year).  TZF_EINVAL if tz has no DST or
 * an instant lies outside int64_t.
 */
int tzf_tz_transitions(int64_t *start_out, int64_t *end_out,
    const struct tzf_tz *tz, int64_t year);

/* ------------------------------------------------------------------ */
/* Timelines (lib/timeline.c): what a TZif file puts in effect over time */

/*
 * A TZif file seen as a step function of UT: type 0 before the first
 * transition, each transition's type from its instant on, and from the
 * last one on the footer TZ string when it has rules (RFC 9636 3.2).
 * Borrows the file's 64-bit block (the v1 block of a version 1 file).
 */
struct tzf_timeline {
	const struct tzf_tzif_block *b;
	bool rules;		/* the footer has a TZ string */
	struct tzf_tz tz;	/* the footer, when rules */
};
/* TZF_EINVAL if T is inconsistent (not made by tzf_tzif_parse()). */
int tzf_timeline_init(struct tzf_timeline *out, const struct tzf_tzif *t);
/* What is in effect at UT, for any int64_t.  Abbreviations longer than
 * 15 bytes are cut. */
int tzf_timeline_at(struct tzf_local *out, const struct tzf_timeline *tl,
    int64_t ut);

/* A change of offset, isdst or abbreviation. */
struct tzf_change {
	int64_t at;
	struct tzf_local before, after;
};
/*
 * Call FN for every change in [FROM, TO], explicit or generated by the
 * footer, in time order.  FN returns 0 to go on; any other value stops
 * the walk and is returned.  A footer alone generates changes from 1800
 * on when FROM is earlier.
 */
int tzf_timeline_changes(const struct tzf_timeline *tl, int64_t from,
    int64_t to, int (*fn)(void *payload, const struct tzf_change *c),
    void *payload);
/*
 * Call FN for each transition the file stores before UNTIL, as stored
 * (its instant and type index), whether it changes anything or not: for
 * exports that copy a file's records (MySQL's time zone tables).  FN
 * returns 0 to go on; any other value stops the walk and is returned.
 */
int tzf_timeline_records(const struct tzf_timeline *tl, int64_t until,
    int (*fn)(void *payload, int64_t at, uint32_t type), void *payload);
/*
 * What is in effect at ut (seconds since 1970-01-01 00:00 UT, compared
 * with the file's transition times as they stand: no leap-second
 * correction).  Uses the 64-bit block (the v1 block of a version 1 file):
 * type 0 before the first transition; the footer TZ string on or after
 * the last one, or the last transition's type if the footer is empty; and
 * with no transitions, the footer if any, else type 0 (RFC 9636 3.2).
 * Safe for any int64_t.  Abbreviations longer than 15 bytes are cut.
 * TZF_EINVAL if t is inconsistent (not made by tzf_tzif_parse()).
 * tzf_timeline_init() and tzf_timeline_at() in one call.
 */
int tzf_tzif_lookup(struct tzf_local *out, const struct tzf_tzif *t,
    int64_t ut);

#endif /* TZFORGE_TZIF_H */
