/*
 * tzif_read.c: read, validate, re-encode and query TZif files (RFC 9636),
 * and parse and evaluate the POSIX TZ strings of their footers.
 *
 * tzf_tzif_parse() turns the bytes of a TZif file into a struct
 * tzf_tzif.  It checks every count against the bytes that remain before
 * trusting it, so hostile input can neither make it read out of bounds
 * nor allocate much more than the input's own size.  tzf_tzif_encode()
 * writes the structure back; because the result must equal the input
 * byte for byte, the parser refuses what it could not reproduce: nonzero
 * reserved bytes, booleans other than 0 and 1, and trailing data.
 * tzf_tzif_lookup() tells what is in effect at an instant, turning to the
 * footer after the last transition.  The TZ string code (tzf_tz_*) lives
 * here because the store and the diff tool evaluate footers on their own.
 *
 * Calendar arithmetic is done by hand on int64_t in the proleptic
 * Gregorian calendar, so results never depend on the host's time zone
 * or time_t, and any int64_t instant is safe.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_int.h"

#define TZIF_MAX	((size_t)16 << 20)	/* larger input is refused */
#define HDR_LEN		44	/* magic, version, zeros, counts */
#define SECSPERDAY	86400
#define MAXHOURS	167	/* RFC 9636 3.3.1 allows up to 167 hours */
#define MIN_LEAP_GAP	2419199	/* 28 days less a leap second */
#define YEAR_LIMIT	((int64_t)1000000000000)	/* far past int64_t */

/* ------------------------------------------------------------------ */
/* Decoding */

/* A cursor over the input plus what diagnostics need. */
struct rd {
	const unsigned char *p;	/* next unread byte */
	size_t left;		/* bytes from p to the end */
	const char *name;	/* for diagnostics; may be NULL */
	struct tzf_diag *dg;
};

/* The six counts of a header, in file order, and its version. */
struct hdr {
	int version;
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static int
reject(struct rd *r, const char *why)
{
	tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0, "%s", why);
	return TZF_EINVAL;
}

static int
nomem(struct rd *r)
{
	tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0, "out of memory");
	return TZF_ENOMEM;
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Two's complement by arithmetic, to avoid implementation-defined casts. */
static int32_t
get32s(const unsigned char *p)
{
	uint32_t u = get32(p);

	if (u <= INT32_MAX)
		return (int32_t)u;
	return (int32_t)(u - 0x80000000u) + INT32_MIN;
}

static int64_t
get64s(const unsigned char *p)
{
	uint64_t u = (uint64_t)get32(p) << 32 | get32(p + 4);

	if (u <= INT64_MAX)
		return (int64_t)u;
	return (int64_t)(u - 0x8000000000000000u) + INT64_MIN;
}

static int64_t
get_time(const unsigned char *p, int tsize)
{
	return tsize == 4 ? get32s(p) : get64s(p);
}

static int
read_header(struct rd *r, struct hdr *h, const char *which)
{
	static const unsigned char zero[15];
	const unsigned char *p = r->p;

	if (memcmp(p, "TZif", r->left < 4 ? r->left : 4) != 0) {
		tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0,
		    "bad magic in %s header: not a TZif file", which);
		return TZF_EINVAL;
	}
	if (r->left < HDR_LEN) {
		tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0, "truncated %s header",
		    which);
		return TZF_EINVAL;
	}
	if (p[4] == '\0')
		h->version = 1;
	else if (p[4] >= '2' && p[4] <= '4')
		h->version = p[4] - '0';
	else {
		tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0,
		    "bad version byte 0x%02x in %s header", p[4], which);
		return TZF_EINVAL;
	}
	if (memcmp(p + 5, zero, sizeof zero) != 0)
		return reject(r, "nonzero reserved header bytes");
	h->isutcnt = get32(p + 20);
	h->isstdcnt = get32(p + 24);
	h->leapcnt = get32(p + 28);
	h->timecnt = get32(p + 32);
	h->typecnt = get32(p + 36);
	h->charcnt = get32(p + 40);
	r->p += HDR_LEN;
	r->left -= HDR_LEN;
	return TZF_OK;
}

/* Check the counts among themselves and against the bytes left. */
static int
check_counts(struct rd *r, const struct hdr *h, int tsize, const char *which)
{
	uint64_t need;

	if (h->typecnt == 0)
		return reject(r, "no local time types (typecnt is 0)");
	if (h->charcnt == 0)
		return reject(r, "no abbreviation characters (charcnt is 0)");
	if (h->isstdcnt != 0 && h->isstdcnt != h->typecnt)
		return reject(r, "isstdcnt is neither 0 nor typecnt");
	if (h->isutcnt != 0 && h->isutcnt != h->typecnt)
		return reject(r, "isutcnt is neither 0 nor typecnt");
	/* Each term is below 2^36, so the sum cannot overflow. */
	need = (uint64_t)h->timecnt * (unsigned)(tsize + 1) +
	    (uint64_t)h->typecnt * 6 + h->charcnt +
	    (uint64_t)h->leapcnt * (unsigned)(tsize + 4) +
	    h->isstdcnt + h->isutcnt;
	if (need > r->left) {
		tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0,
		    "truncated %s data block: counts need %llu bytes, %zu left",
		    which, (unsigned long long)need, r->left);
		return TZF_EINVAL;
	}
	return TZF_OK;
}

/* tzf__calloc() for n elements; NULL without failure when n is 0. */
static void *
array(size_t n, size_t size, bool *oom)
{
	void *p;

	if (n == 0)
		return NULL;
	p = tzf__calloc(n, size);
	if (p == NULL)
		*oom = true;
	return p;
}

static int
alloc_block(struct tzf_tzif_block *b)
{
	bool oom = false;

	b->times = array(b->timecnt, sizeof *b->times, &oom);
	b->idxs = array(b->timecnt, 1, &oom);
	b->types = array(b->typecnt, sizeof *b->types, &oom);
	b->chars = array(b->charcnt, 1, &oom);
	b->leaps = array(b->leapcnt, sizeof *b->leaps, &oom);
	b->isstd = array(b->isstdcnt, 1, &oom);
	b->isut = array(b->isutcnt, 1, &oom);
	return oom ? TZF_ENOMEM : TZF_OK;
}

/* Copy n bytes from the cursor; the caller has checked they are there. */
static void
take(struct rd *r, void *dst, size_t n)
{
	if (n)
		memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
}

/*
 * Decode a data block whose counts check_counts() accepted.  Booleans are
 * kept raw in a uint8_t first so that values other than 0 and 1 can be
 * refused afterwards rather than silently folded.
 */
static void
decode_block(struct rd *r, struct tzf_tzif_block *b, int tsize,
    uint8_t *rawdst)
{
	uint32_t i;

	for (i = 0; i < b->timecnt; i++) {
		b->times[i] = get_time(r->p, tsize);
		r->p += tsize;
		r->left -= tsize;
	}
	take(r, b->idxs, b->timecnt);
	for (i = 0; i < b->typecnt; i++) {
		b->types[i].utoff = get32s(r->p);
		rawdst[i] = r->p[4];
		b->types[i].isdst = r->p[4] != 0;
		b->types[i].abbrind = r->p[5];
		r->p += 6;
		r->left -= 6;
	}
	take(r, b->chars, b->charcnt);
	for (i = 0; i < b->leapcnt; i++) {
		b->leaps[i].occur = get_time(r->p, tsize);
		b->leaps[i].corr = get32s(r->p + tsize);
		r->p += tsize + 4;
		r->left -= tsize + 4;
	}
	take(r, b->isstd, b->isstdcnt);
	take(r, b->isut, b->isutcnt);
}

/*
 * Transition times must be strictly ascending.  One exception, in the v1
 * block of a version 2+ file only (readers ignore that block): zic keeps
 * a last transition at exactly 2^31 there and writes it as 0x80000000,
 * which reads back as -2^31.  Refusing it would refuse zic's own output.
 */
static int
check_times(struct rd *r, const struct tzf_tzif_block *b, bool v1_of_v2)
{
	uint32_t i;

	for (i = 1; i < b->timecnt; i++) {
		if (b->times[i] > b->times[i - 1])
			continue;
		if (v1_of_v2 && i == b->timecnt - 1 &&
		    b->times[i] == INT32_MIN)
			continue;
		return reject(r, "transition times not in ascending order");
	}
	for (i = 0; i < b->timecnt; i++)
		if (b->idxs[i] >= b->typecnt)
			return reject(r, "transition type index out of range");
	return TZF_OK;
}

static int
check_types(struct rd *r, const struct tzf_tzif_block *b,
    const uint8_t *rawdst)
{
	const struct tzf_tzif_type *ty;
	uint32_t i;

	for (i = 0; i < b->typecnt; i++) {
		ty = &b->types[i];
		if (ty->utoff == INT32_MIN)
			return reject(r, "UT offset -2^31 not allowed");
		if (rawdst[i] > 1)
			return reject(r, "isdst value neither 0 nor 1");
		if (ty->abbrind >= b->charcnt)
			return reject(r, "abbreviation index out of range");
		if (memchr(b->chars + ty->abbrind, '\0',
		    b->charcnt - ty->abbrind) == NULL)
			return reject(r, "unterminated abbreviation");
	}
	return TZF_OK;
}

/*
 * RFC 9636 3.2: leap times nonnegative and at least 28 days apart (less
 * a negative leap second); corrections start at +1 or -1 and move by
 * exactly one.  Version 4 relaxes both ends: the first correction may be
 * anything (a truncated table), and a last record with the previous
 * correction marks when the table expires.
 */
static int
check_leaps(struct rd *r, const struct tzf_tzif_block *b, int version)
{
	const struct tzf_tzif_leap *l, *prev;
	int64_t step;
	uint32_t i;

	for (i = 0; i < b->leapcnt; i++) {
		l = &b->leaps[i];
		if (i == 0) {
			if (l->occur < 0)
				return reject(r, "negative leap second time");
			if (version < 4 && l->corr != 1 && l->corr != -1)
				return reject(r, "first leap second "
				    "correction not +1 or -1");
			continue;
		}
		prev = &b->leaps[i - 1];
		if (l->occur < prev->occur ||
		    l->occur - prev->occur < MIN_LEAP_GAP)
			return reject(r, "leap second times out of order "
			    "or less than 28 days apart");
		step = (int64_t)l->corr - prev->corr;
		if (step == 1 || step == -1)
			continue;
		if (step == 0 && version >= 4 && i == b->leapcnt - 1)
			continue;
		return reject(r, "leap second corrections do not step by one");
	}
	return TZF_OK;
}

static int
check_indicators(struct rd *r, const struct tzf_tzif_block *b)
{
	uint32_t i;

	for (i = 0; i < b->isstdcnt; i++)
		if (b->isstd[i] > 1)
			return reject(r,
			    "standard/wall indicator neither 0 nor 1");
	for (i = 0; i < b->isutcnt; i++) {
		if (b->isut[i] > 1)
			return reject(r, "UT/local indicator neither 0 nor 1");
		if (b->isut[i] && (b->isstdcnt == 0 || !b->isstd[i]))
			return reject(r, "UT indicator set on a type "
			    "whose standard/wall indicator is not");
	}
	return TZF_OK;
}

/*
 * Read and validate the data block that follows header h: the v1 block
 * (4-byte times) or the v2+ block (8-byte times).
 */
static int
read_block(struct rd *r, const struct hdr *h, int version,
    struct tzf_tzif_block *b, int tsize)
{
	bool v1_of_v2 = tsize == 4 && version >= 2;
	uint8_t *rawdst;
	int rc;

	rc = check_counts(r, h, tsize, tsize == 4 ? "v1" : "v2+");
	if (rc < 0)
		return rc;
	b->timecnt = h->timecnt;
	b->typecnt = h->typecnt;
	b->charcnt = h->charcnt;
	b->leapcnt = h->leapcnt;
	b->isstdcnt = h->isstdcnt;
	b->isutcnt = h->isutcnt;
	rawdst = tzf__malloc(h->typecnt);
	if (rawdst == NULL || alloc_block(b) < 0) {
		tzf__free(rawdst);
		return nomem(r);
	}
	decode_block(r, b, tsize, rawdst);
	rc = check_types(r, b, rawdst);
	tzf__free(rawdst);
	if (rc == TZF_OK)
		rc = check_times(r, b, v1_of_v2);
	if (rc == TZF_OK)
		rc = check_leaps(r, b, version);
	if (rc == TZF_OK)
		rc = check_indicators(r, b);
	return rc;
}

static const char *tz_parse(struct tzf_tz *tz, const char *s);
static void show(char *dst, size_t size, const char *s, size_t len);

/* Check a nonempty footer: POSIX syntax, and v3 features only in v3+. */
static int
check_footer(struct rd *r, const char *footer, size_t len, int version)
{
	struct tzf_tz tz;
	const char *why;
	char shown[80];

	why = memchr(footer, '\0', len) != NULL ? "contains a NUL byte" :
	    tz_parse(&tz, footer);
	if (why == NULL && version < 3 && tz.hasdst &&
	    (tz.start.secs < 0 || tz.end.secs < 0))
		why = "negative rule time needs version 3";
	if (why == NULL)
		return TZF_OK;
	show(shown, sizeof shown, footer, len);
	tzf__diag(r->dg, TZF_SEV_ERR, r->name, 0,
	    "bad footer TZ string '%s': %s",
	    shown, why);
	return TZF_EINVAL;
}

/* The footer: "\n", a TZ string, "\n", and nothing after it. */
static int
read_footer(struct rd *r, struct tzf_tzif *t)
{
	const unsigned char *nl;
	size_t len;

	if (r->left == 0 || r->p[0] != '\n')
		return reject(r, "missing footer after v2+ data block");
	nl = memchr(r->p + 1, '\n', r->left - 1);
	if (nl == NULL)
		return reject(r, "unterminated footer");
	len = (size_t)(nl - (r->p + 1));
	t->footer = tzf__malloc(len + 1);
	if (t->footer == NULL)
		return nomem(r);
	memcpy(t->footer, r->p + 1, len);
	t->footer[len] = '\0';
	r->p = nl + 1;
	r->left -= len + 2;
	if (len > 0 && check_footer(r, t->footer, len, t->version) < 0)
		return TZF_EINVAL;
	if (r->left != 0)
		return reject(r, "trailing data after footer");
	return TZF_OK;
}

static int
parse_tzif(struct rd *r, struct tzf_tzif *t)
{
	struct hdr h1, h2;
	int rc;

	rc = read_header(r, &h1, "v1");
	if (rc < 0)
		return rc;
	t->version = h1.version;
	rc = read_block(r, &h1, t->version, &t->v1, 4);
	if (rc < 0)
		return rc;
	if (t->version == 1) {
		if (r->left != 0)
			return reject(r, "trailing data after v1 data block");
		return TZF_OK;
	}
	if (r->left == 0)
		return reject(r, "missing v2+ header in a version 2+ file");
	rc = read_header(r, &h2, "v2+");
	if (rc < 0)
		return rc;
	if (h2.version != h1.version)
		return reject(r, "version bytes of the two headers differ");
	rc = read_block(r, &h2, t->version, &t->v2, 8);
	if (rc < 0)
		return rc;
	return read_footer(r, t);
}

int
tzf_tzif_parse(struct tzf_tzif **out, const void *data, size_t len,
    const char *name, struct tzf_diag *dg)
{
	static const unsigned char empty[1];
	struct rd r = { data, len, name, dg };
	struct tzf_tzif *t;
	int rc;

	*out = NULL;
	if (data == NULL) {	/* taken as empty input */
		r.p = empty;
		r.left = 0;
	}
	if (r.left > TZIF_MAX)
		return reject(&r, "file too large for TZif data");
	t = tzf__calloc(1, sizeof *t);
	if (t == NULL)
		return nomem(&r);
	rc = parse_tzif(&r, t);
	if (rc < 0) {
		tzf_tzif_free(t);
		return rc;
	}
	*out = t;
	return TZF_OK;
}

static void
free_block(struct tzf_tzif_block *b)
{
	tzf__free(b->times);
	tzf__free(b->idxs);
	tzf__free(b->types);
	tzf__free(b->chars);
	tzf__free(b->leaps);
	tzf__free(b->isstd);
	tzf__free(b->isut);
}

void
tzf_tzif_free(struct tzf_tzif *t)
{
	if (t == NULL)
		return;
	free_block(&t->v1);
	free_block(&t->v2);
	tzf__free(t->footer);
	tzf__free(t);
}

/* ------------------------------------------------------------------ */
/* Encoding */

static void
put32(struct tzf_buf *out, uint32_t v)
{
	unsigned char b[4];

	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
	tzf_buf_add(out, b, sizeof b);
}

static void
put_time(struct tzf_buf *out, int64_t v, int tsize)
{
	uint64_t u = (uint64_t)v;	/* well defined: reduction mod 2^64 */

	if (tsize == 8)
		put32(out, (uint32_t)(u >> 32));
	put32(out, (uint32_t)u);
}

/* Can b be written with tsize-byte times?  Checked before any output. */
static bool
block_ok(const struct tzf_tzif_block *b, int tsize)
{
	uint32_t i;

	if ((b->timecnt && (b->times == NULL || b->idxs == NULL)) ||
	    (b->typecnt && b->types == NULL) ||
	    (b->charcnt && b->chars == NULL) ||
	    (b->leapcnt && b->leaps == NULL) ||
	    (b->isstdcnt && b->isstd == NULL) ||
	    (b->isutcnt && b->isut == NULL))
		return false;
	if (tsize == 8)
		return true;
	/* INT32_MIN..UINT32_MAX: zic's 2^31 quirk writes 0x80000000. */
	for (i = 0; i < b->timecnt; i++)
		if (b->times[i] < INT32_MIN || b->times[i] > UINT32_MAX)
			return false;
	for (i = 0; i < b->leapcnt; i++)
		if (b->leaps[i].occur < INT32_MIN ||
		    b->leaps[i].occur > INT32_MAX)
			return false;
	return true;
}

static void
put_header(struct tzf_buf *out, char vbyte, const struct tzf_tzif_block *b)
{
	static const unsigned char zero[15];

	tzf_buf_add(out, "TZif", 4);
	tzf_buf_add(out, &vbyte, 1);
	tzf_buf_add(out, zero, sizeof zero);
	put32(out, b->isutcnt);
	put32(out, b->isstdcnt);
	put32(out, b->leapcnt);
	put32(out, b->timecnt);
	put32(out, b->typecnt);
	put32(out, b->charcnt);
}

static void
put_block(struct tzf_buf *out, const struct tzf_tzif_block *b, int tsize)
{
	unsigned char rec[2];
	uint32_t i;

	for (i = 0; i < b->timecnt; i++)
		put_time(out, b->times[i], tsize);
	if (b->timecnt)
		tzf_buf_add(out, b->idxs, b->timecnt);
	for (i = 0; i < b->typecnt; i++) {
		put32(out, (uint32_t)b->types[i].utoff);
		rec[0] = b->types[i].isdst;
		rec[1] = b->types[i].abbrind;
		tzf_buf_add(out, rec, sizeof rec);
	}
	if (b->charcnt)
		tzf_buf_add(out, b->chars, b->charcnt);
	for (i = 0; i < b->leapcnt; i++) {
		put_time(out, b->leaps[i].occur, tsize);
		put32(out, (uint32_t)b->leaps[i].corr);
	}
	if (b->isstdcnt)
		tzf_buf_add(out, b->isstd, b->isstdcnt);
	if (b->isutcnt)
		tzf_buf_add(out, b->isut, b->isutcnt);
}

int
tzf_tzif_encode(struct tzf_buf *out, const struct tzf_tzif *t)
{
	const char *footer;
	char vbyte;

	if (t->version < 0 || t->version > 4)
		return TZF_EINVAL;
	vbyte = t->version <= 1 ? '\0' : (char)('0' + t->version);
	footer = t->footer != NULL ? t->footer : "";
	if (!block_ok(&t->v1, 4))
		return TZF_EINVAL;
	if (t->version >= 2 &&
	    (!block_ok(&t->v2, 8) || strchr(footer, '\n') != NULL))
		return TZF_EINVAL;
	put_header(out, vbyte, &t->v1);
	put_block(out, &t->v1, 4);
	if (t->version >= 2) {
		put_header(out, vbyte, &t->v2);
		put_block(out, &t->v2, 8);
		tzf_buf_add(out, "\n", 1);
		tzf_buf_puts(out, footer);
		tzf_buf_add(out, "\n", 1);
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Rule dates (the calendar itself is lib/civil.c) */

/* Day number of January 1 of year y, for |y| below YEAR_LIMIT. */
static int64_t
jan1(int64_t y)
{
	return tzf_civil_days(y, 1, 1);
}

/* Day of year y (0 for January 1) on which rule r falls. */
static int64_t
rule_yday(const struct tzf_tz_rule *r, int64_t y)
{
	int64_t first;
	int mlen, dom;

	switch (r->kind) {
	case TZF_TZ_JULIAN:
		return r->day - 1 + (tzf_civil_isleap(y) && r->day >= 60);
	case TZF_TZ_YDAY:
		return r->day;
	case TZF_TZ_MWD:
	default:
		first = tzf_civil_days(y, r->mon, 1);
		mlen = tzf_civil_month_days(y, r->mon);
		dom = (r->day - tzf_civil_weekday(first) + 7) % 7 +
		    (r->week - 1) * 7;
		if (dom >= mlen)	/* week 5 means the last */
			dom -= 7;
		return first - jan1(y) + dom;
	}
}

/*
 * When the start and end rules fire in year y, as UT seconds counted
 * from January 1 00:00 UT of year y0 (|y - y0| small, so no overflow).
 * A start is in standard time, an end in DST: the time in effect before.
 */
static void
changes(int64_t *start, int64_t *end, const struct tzf_tz *tz, int64_t y,
    int64_t y0)
{
	int64_t base = jan1(y) - jan1(y0);

	*start = (base + rule_yday(&tz->start, y)) * SECSPERDAY +
	    tz->start.secs - tz->stdoff;
	*end = (base + rule_yday(&tz->end, y)) * SECSPERDAY +
	    tz->end.secs - tz->dstoff;
}

/* ------------------------------------------------------------------ */
/* POSIX TZ strings.  Cursor functions return NULL or why they failed. */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Unsigned decimal of mindig to maxdig digits, at most max. */
static const char *
get_num(const char **sp, int mindig, int maxdig, int max, int *out)
{
	const char *s = *sp;
	int n = 0, v = 0;

	while (is_digit(s[n]) && n < maxdig) {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n < mindig || is_digit(s[n]))
		return n == 0 ? "number expected" : "bad number of digits";
	if (v > max)
		return "number out of range";
	*sp = s + n;
	*out = v;
	return NULL;
}

/* [+-]hhh[:mm[:ss]] with hours up to 167 and two-digit mm and ss. */
static const char *
get_hms(const char **sp, int32_t *out)
{
	const char *s = *sp, *why;
	int sign = 1, h = 0, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	why = get_num(&s, 1, 3, MAXHOURS, &h);
	if (why == NULL && *s == ':') {
		s++;
		why = get_num(&s, 2, 2, 59, &m);
		if (why == NULL && *s == ':') {
			s++;
			why = get_num(&s, 2, 2, 59, &sec);
		}
	}
	if (why != NULL)
		return why;
	*out = sign * (h * 3600 + m * 60 + sec);
	*sp = s;
	return NULL;
}

/*
 * An abbreviation: letters, or <...>.  POSIX wants three or more
 * letters, digits, '+' or '-' inside the quotes, but zic writes what it
 * is given (even "<>", or Factory's "<Local time zone must be set--see
 * zic manual page>" in releases before 2016g), so anything but '>' and
 * control characters is accepted, as tzcode accepts it.
 */
static const char *
get_name(const char **sp, char *name, size_t size)
{
	const char *s = *sp, *b, *e;
	size_t n;

	if (*s == '<') {
		b = ++s;
		while (*s != '>' && (unsigned char)*s >= ' ' && *s != 0x7f)
			s++;
		if (*s != '>')
			return "bad character in <quoted> abbreviation";
		e = s++;
	} else {
		b = s;
		while (is_alpha(*s))
			s++;
		if (s == b)
			return "abbreviation expected";
		e = s;
	}
	n = (size_t)(e - b) < size - 1 ? (size_t)(e - b) : size - 1;
	memcpy(name, b, n);
	name[n] = '\0';
	*sp = s;
	return NULL;
}

/* Jn, n or Mm.w.d, then an optional /time (02:00 by default). */
static const char *
get_rule(const char **sp, struct tzf_tz_rule *r)
{
	const char *s = *sp, *why;

	if (*s == 'J') {
		s++;
		r->kind = TZF_TZ_JULIAN;
		why = get_num(&s, 1, 3, 365, &r->day);
		if (why == NULL && r->day == 0)
			why = "Julian day 0";
	} else if (*s == 'M') {
		s++;
		r->kind = TZF_TZ_MWD;
		why = get_num(&s, 1, 2, 12, &r->mon);
		if (why == NULL && r->mon == 0)
			why = "month 0";
		if (why == NULL && *s++ != '.')
			why = "'.' expected after month";
		if (why == NULL)
			why = get_num(&s, 1, 1, 5, &r->week);
		if (why == NULL && r->week == 0)
			why = "week 0";
		if (why == NULL && *s++ != '.')
			why = "'.' expected after week";
		if (why == NULL)
			why = get_num(&s, 1, 1, 6, &r->day);
	} else if (is_digit(*s)) {
		r->kind = TZF_TZ_YDAY;
		why = get_num(&s, 1, 3, 365, &r->day);
	} else
		why = "rule date expected";
	if (why != NULL)
		return why;
	r->secs = 2 * 3600;
	if (*s == '/') {
		s++;
		why = get_hms(&s, &r->secs);
		if (why != NULL)
			return why;
	}
	*sp = s;
	return NULL;
}

/* The grammar of tzf_tz_parse(); returns NULL or why s is malformed. */
static const char *
tz_parse(struct tzf_tz *tz, const char *s)
{
	const char *why;
	int32_t off;

	memset(tz, 0, sizeof *tz);
	if (get_name(&s, tz->stdname, sizeof tz->stdname) != NULL)
		return "bad standard time abbreviation";
	if (get_hms(&s, &off) != NULL)
		return "bad standard time offset";
	tz->stdoff = -off;	/* POSIX counts west of Greenwich */
	if (*s == '\0')
		return NULL;
	if (get_name(&s, tz->dstname, sizeof tz->dstname) != NULL)
		return "bad DST abbreviation";
	tz->hasdst = true;
	tz->dstoff = tz->stdoff + 3600;
	if (*s != ',' && *s != '\0') {
		if (get_hms(&s, &off) != NULL)
			return "bad DST offset";
		tz->dstoff = -off;
	} else if (tz->dstoff > MAXHOURS * 3600 + 59 * 60 + 59) {
		/* std 167:59:59 west-negative: DST an hour later is out of
		 * range, and tzf_tz_eval() would refuse it */
		return "DST offset out of range";
	}
	if (*s == '\0')
		return "DST without rules";
	if (*s++ != ',')
		return "',' expected before DST start rule";
	why = get_rule(&s, &tz->start);
	if (why != NULL)
		return why;
	if (*s++ != ',')
		return "',' expected before DST end rule";
	why = get_rule(&s, &tz->end);
	if (why != NULL)
		return why;
	if (*s != '\0')
		return "trailing characters";
	return NULL;
}

/* Printable excerpt of s[0..len) for a message: no control bytes. */
static void
show(char *dst, size_t size, const char *s, size_t len)
{
	size_t i, n = len < size - 4 ? len : size - 4;

	for (i = 0; i < n; i++)
		dst[i] = s[i] >= ' ' && s[i] <= '~' ? s[i] : '?';
	if (n < len) {
		dst[n++] = '.';
		dst[n++] = '.';
		dst[n++] = '.';
	}
	dst[n] = '\0';
}

int
tzf_tz_parse(struct tzf_tz *out, const char *s, struct tzf_diag *dg)
{
	const char *why;
	char shown[80];

	why = tz_parse(out, s);
	if (why == NULL)
		return TZF_OK;
	show(shown, sizeof shown, s, strlen(s));
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "bad TZ string '%s': %s", shown,
	    why);
	return TZF_EINVAL;
}

static void
set_local(struct tzf_local *out, int32_t utoff, bool isdst, const char *abbr,
    size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && n < sizeof out->abbr - 1 && abbr[n] != '\0')
		n++;
	memcpy(out->abbr, abbr, n);
	out->abbr[n] = '\0';
	out->utoff = utoff;
	out->isdst = isdst;
}

#define MAXSECS	(MAXHOURS * 3600 + 59 * 60 + 59)

static bool
rule_ok(const struct tzf_tz_rule *r)
{
	if (r->secs < -MAXSECS || r->secs > MAXSECS)
		return false;
	switch (r->kind) {
	case TZF_TZ_JULIAN:
		return r->day >= 1 && r->day <= 365;
	case TZF_TZ_YDAY:
		return r->day >= 0 && r->day <= 365;
	case TZF_TZ_MWD:
		return r->mon >= 1 && r->mon <= 12 && r->week >= 1 &&
		    r->week <= 5 && r->day >= 0 && r->day <= 6;
	}
	return false;
}

/*
 * Is tz within what tzf_tz_parse() can produce?  A structure built by
 * hand is held to the same bounds, so evaluation needs no more checks.
 */
static bool
tz_ok(const struct tzf_tz *tz)
{
	if (tz->stdoff < -MAXSECS || tz->stdoff > MAXSECS)
		return false;
	if (!tz->hasdst)
		return true;
	return tz->dstoff >= -MAXSECS && tz->dstoff <= MAXSECS &&
	    rule_ok(&tz->start) && rule_ok(&tz->end);
}

/* Keep the latest change at or before now; ties go to the later one. */
static void
consider(int64_t when, bool dst, int64_t now, int64_t *best, bool *found,
    bool *isdst)
{
	if (when > now || (*found && when < *best))
		return;
	*best = when;
	*found = true;
	*isdst = dst;
}

/*
 * Work in seconds since January 1 of ut's own UT year, where every
 * quantity is small.  The state at ut is set by the latest change at or
 * before it among years y-2..y+1: a change of year k lies within about
 * 15 days of year k (rule times and offsets stay below 168 hours), so
 * year y-2 always has changes before ut and y+2 never does.  Changes are
 * taken year by year in time order, so a start that coincides with the
 * previous year's end wins: that is how all-year DST works.
 */
int
tzf_tz_eval(struct tzf_local *out, const struct tzf_tz *tz, int64_t ut)
{
	int64_t day, sod, y, now, s, e, k, best = 0;
	bool found = false, dst = false;

	if (!tz_ok(tz))
		return TZF_EINVAL;
	if (!tz->hasdst) {
		set_local(out, tz->stdoff, false, tz->stdname, SIZE_MAX);
		return TZF_OK;
	}
	y = tzf_civil_year(ut);
	/* ut - jan1(y) * SECSPERDAY, without overflow at the ends of time */
	day = ut / SECSPERDAY - (ut % SECSPERDAY < 0);
	sod = ut - (ut / SECSPERDAY) * SECSPERDAY;
	if (sod < 0)
		sod += SECSPERDAY;
	now = (day - jan1(y)) * SECSPERDAY + sod;
	for (k = y - 2; k <= y + 1; k++) {
		changes(&s, &e, tz, k, y);
		if (s <= e) {
			consider(s, true, now, &best, &found, &dst);
			consider(e, false, now, &best, &found, &dst);
		} else {
			consider(e, false, now, &best, &found, &dst);
			consider(s, true, now, &best, &found, &dst);
		}
	}
	if (dst)
		set_local(out, tz->dstoff, true, tz->dstname, SIZE_MAX);
	else
		set_local(out, tz->stdoff, false, tz->stdname, SIZE_MAX);
	return TZF_OK;
}

/* a * SECSPERDAY + b + c, or false on int64_t overflow. */
static bool
instant(int64_t *out, int64_t day, int64_t b, int64_t c)
{
	int64_t v;

	if (__builtin_mul_overflow(day, SECSPERDAY, &v) ||
	    __builtin_add_overflow(v, b, &v) ||
	    __builtin_add_overflow(v, c, &v))
		return false;
	*out = v;
	return true;
}

int
tzf_tz_transitions(int64_t *start_out, int64_t *end_out,
    const struct tzf_tz *tz, int64_t year)
{
	int64_t d;

	if (!tz_ok(tz) || !tz->hasdst || year <= -YEAR_LIMIT ||
	    year >= YEAR_LIMIT)
		return TZF_EINVAL;
	d = jan1(year);
	if (!instant(start_out, d + rule_yday(&tz->start, year),
	    tz->start.secs, -(int64_t)tz->stdoff) ||
	    !instant(end_out, d + rule_yday(&tz->end, year),
	    tz->end.secs, -(int64_t)tz->dstoff))
		return TZF_EINVAL;
	return TZF_OK;
}
