/*
 * parse.c: tzdb source text -> struct tzf_db (Rule, Zone, Link, Leap and
 * Expires lines with provenance), then zic's "associate" step.
 *
 * The grammar and every diagnostic follow zic 2026c, including its
 * documented quirks (docs/zic.md section 3): any field that is exactly
 * "-" is empty, keywords match unique case-insensitive prefixes, and the
 * time syntax is the one zic's sscanf pattern accepts.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define MAX_FIELDS 10
#define LINE_MAX_BYTES 2048	/* zic's buffer: 2047 bytes + NUL */
#define SECSPERMIN 60
#define MINSPERHOUR 60
#define HOURSPERDAY 24
#define SECSPERHOUR 3600
#define SECSPERDAY 86400
#define DAYSPERWEEK 7
#define EPOCH_YEAR 1970
#define EPOCH_WDAY 4		/* 1970-01-01 was a Thursday */
#define YEARSPERREPEAT 400
#define DAYSPERREPEAT 146097
/* Years from 1 to this have a day count far inside int64_t. */
#define DIRECT_YEAR_MAX ((int64_t)1000000000000)
#define YEAR_MINIMUM 1900	/* what "minimum" as FROM now means */

const int tzf__len_months[2][12] = {
	{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
};

static const int len_years[2] = { 365, 366 };

/* ------------------------------------------------------------------ */
/* String pool: every string of the model lives until tzf_db_free. */

struct tzf_strpool {
	struct tzf_strpool *next;
	size_t used, size;
	char data[];
};

char *
tzf__pool_strdup(struct tzf_strpool *pool, const char *s)
{
	size_t n = strlen(s) + 1;
	struct tzf_strpool *chunk;

	for (chunk = pool->next; chunk != NULL; chunk = chunk->next)
		if (chunk->size - chunk->used >= n)
			break;
	if (chunk == NULL) {
		size_t size = n > 16384 ? n : 16384;

		chunk = tzf__malloc(sizeof *chunk + size);
		if (chunk == NULL)
			return NULL;
		chunk->used = 0;
		chunk->size = size;
		chunk->next = pool->next;
		pool->next = chunk;
	}
	memcpy(chunk->data + chunk->used, s, n);
	chunk->used += n;
	return chunk->data + chunk->used - n;
}

static void
pool_free(struct tzf_strpool *pool)
{
	struct tzf_strpool *next;

	while (pool != NULL) {
		next = pool->next;
		tzf__free(pool);
		pool = next;
	}
}

/* ------------------------------------------------------------------ */
/* Character classes of the C locale, independent of setlocale(). */

static bool
is_space(char c)
{
	return c == ' ' || c == '\f' || c == '\n' || c == '\r' || c == '\t'
	    || c == '\v';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lowerit(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool
tzf__isleap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/* ------------------------------------------------------------------ */
/* Keyword tables and zic's prefix matching. */

struct lookup {
	const char *word;
	int value;
};

enum { LC_RULE, LC_ZONE, LC_LINK, LC_LEAP, LC_EXPIRES };

static const struct lookup zi_line_codes[] = {
	{ "Rule", LC_RULE }, { "Zone", LC_ZONE }, { "Link", LC_LINK },
	{ NULL, 0 }
};

static const struct lookup leap_line_codes[] = {
	{ "Leap", LC_LEAP }, { "Expires", LC_EXPIRES }, { NULL, 0 }
};

static const struct lookup mon_names[] = {
	{ "January", 0 }, { "February", 1 }, { "March", 2 },
	{ "April", 3 }, { "May", 4 }, { "June", 5 }, { "July", 6 },
	{ "August", 7 }, { "September", 8 }, { "October", 9 },
	{ "November", 10 }, { "December", 11 }, { NULL, 0 }
};

static const struct lookup wday_names[] = {
	{ "Sunday", 0 }, { "Monday", 1 }, { "Tuesday", 2 },
	{ "Wednesday", 3 }, { "Thursday", 4 }, { "Friday", 5 },
	{ "Saturday", 6 }, { NULL, 0 }
};

static const struct lookup lasts[] = {
	{ "last-Sunday", 0 }, { "last-Monday", 1 }, { "last-Tuesday", 2 },
	{ "last-Wednesday", 3 }, { "last-Thursday", 4 },
	{ "last-Friday", 5 }, { "last-Saturday", 6 }, { NULL, 0 }
};

enum { YR_MINIMUM, YR_MAXIMUM, YR_ONLY };

static const struct lookup begin_years[] = {
	{ "minimum", YR_MINIMUM }, { NULL, 0 }
};

static const struct lookup end_years[] = {
	{ "maximum", YR_MAXIMUM }, { "only", YR_ONLY }, { NULL, 0 }
};

static const struct lookup leap_types[] = {
	{ "Rolling", 1 }, { "Stationary", 0 }, { NULL, 0 }
};

static bool
ciequal(const char *a, const char *b)
{
	while (lowerit(*a) == lowerit(*b++))
		if (*a++ == '\0')
			return true;
	return false;
}

static bool
ciprefix(const char *abbr, const char *word)
{
	do
		if (*abbr == '\0')
			return true;
	while (lowerit(*abbr++) == lowerit(*word++));
	return false;
}

/* The pre-2017c rule: letters of ABBR appear in order within WORD. */
static bool
itsabbr(const char *abbr, const char *word)
{
	if (lowerit(*abbr) != lowerit(*word))
		return false;
	++word;
	while (*++abbr != '\0')
		do {
			if (*word == '\0')
				return false;
		} while (lowerit(*word++) != lowerit(*abbr));
	return true;
}

/* Parsing context: where diagnostics point. */
struct ctx {
	struct tzf_db *db;
	const char *file;
	long line;
	bool fatal;		/* a fatal error stopped the file */
	bool oom;		/* ... and it was running out of memory */
	/* For generated text: where each of its lines came from, and the
	 * one last looked at (its file name copied into the pool). */
	const struct tzf_origin *map;
	size_t nmap;
	const char *mapfile;
};

#define ERR(c, ...) tzf__diag((c)->db->dg, TZF_SEV_ERR, (c)->file, \
	(c)->line, __VA_ARGS__)
#define WARN(c, ...) tzf__diag((c)->db->dg, TZF_SEV_WARN, (c)->file, \
	(c)->line, __VA_ARGS__)

/* The first-letter test that rules out most of a table at once (an
 * empty WORD is a prefix of every entry). */
static bool
may_match(const char *word, const char *entry)
{
	return *word == '\0' || lowerit(*word) == lowerit(*entry);
}

static const struct lookup *
byword(struct ctx *c, const char *word, const struct lookup *table)
{
	const struct lookup *lp, *found;

	if (table == lasts && ciprefix("last", word) && word[4] != '\0') {
		if (word[4] == '-')
			WARN(c, "\"%s\" is undocumented; use \"last%s\" instead",
			    word, word + 5);
		else {
			word += 4;
			table = wday_names;
		}
	}
	for (lp = table; lp->word != NULL; ++lp)
		if (may_match(word, lp->word) && ciequal(word, lp->word))
			return lp;
	found = NULL;
	for (lp = table; lp->word != NULL; ++lp)
		if (may_match(word, lp->word) && ciprefix(word, lp->word)) {
			if (found != NULL)
				return NULL;	/* ambiguous */
			found = lp;
		}
	if (found != NULL && c->db->opts.noise) {
		bool seen = false;

		for (lp = table; lp->word != NULL; lp++)
			if (itsabbr(word, lp->word)) {
				if (seen) {
					WARN(c, "\"%s\" is ambiguous in "
					    "pre-2017c zic", word);
					break;
				}
				seen = true;
			}
	}
	return found;
}

/* ------------------------------------------------------------------ */
/* Numbers, with the leniency of the scanf conversions zic uses. */

static void
skip_space(const char **p)
{
	while (is_space(**p))
		(*p)++;
}

/* Like %ld / %d: optional space, sign and digits; clamps on overflow. */
static bool
scan_int64(const char **p, int64_t *out)
{
	const char *s = *p;
	bool neg = false;
	int64_t v = 0;
	bool clamped = false;

	skip_space(&s);
	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	if (!is_digit(*s))
		return false;
	for (; is_digit(*s); s++) {
		int d = *s - '0';

		/* v * 10 + d > INT64_MAX, without a division per digit */
		if (!clamped && (__builtin_mul_overflow(v, 10, &v)
		    || __builtin_add_overflow(v, d, &v)))
			clamped = true;
	}
	if (clamped)
		v = neg ? INT64_MIN : INT64_MAX;
	else if (neg)
		v = -v;
	*out = v;
	*p = s;
	return true;
}

static bool
scan_int(const char **p, int *out)
{
	int64_t v;

	if (!scan_int64(p, &v))
		return false;
	*out = v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int)v;
	return true;
}

/* A whole field that is one integer and nothing else ("%ld%c" == 1). */
static bool
whole_int64(const char *s, int64_t *out)
{
	return scan_int64(&s, out) && *s == '\0';
}

static bool
whole_int(const char *s, int *out)
{
	return scan_int(&s, out) && *s == '\0';
}

static void
time_overflow(struct ctx *c)
{
	ERR(c, "time overflow");
	c->fatal = true;
}

/*
 * How many of zic's conversions
 * "%ld%c%d%c%d%c%1d%*[0]%c%*[0123456789]%c" succeed on S.
 */
struct hms {
	int64_t hh;
	int mm, ss, tenths;
	char hhx, mmx, ssx, xr;
};

static int
scan_hms(const char *s, struct hms *h)
{
	if (!scan_int64(&s, &h->hh))
		return 0;
	if (*s == '\0')
		return 1;
	h->hhx = *s++;
	if (!scan_int(&s, &h->mm))
		return 2;
	if (*s == '\0')
		return 3;
	h->mmx = *s++;
	if (!scan_int(&s, &h->ss))
		return 4;
	if (*s == '\0')
		return 5;
	h->ssx = *s++;
	skip_space(&s);
	if (!is_digit(*s))
		return 6;
	h->tenths = *s++ - '0';
	if (*s != '0')
		return 7;
	while (*s == '0')
		s++;
	if (*s == '\0')
		return 7;
	h->xr = *s++;
	if (!is_digit(*s))
		return 8;
	while (is_digit(*s))
		s++;
	if (*s == '\0')
		return 8;
	return 9;
}

/*
 * zic's gethms: "[-]h[:mm[:ss[.frac]]]" to seconds, "" is 0.  Returns
 * false only when a fatal overflow stopped the run; bad syntax is
 * reported as ERRSTRING and yields 0, as in zic.
 */
static bool
gethms(struct ctx *c, const char *string, const char *errstring,
    int64_t *out)
{
	struct hms h = { 0, 0, 0, 0, 0, 0, 0, '0' };
	int sign = 1;
	bool ok = true;
	int64_t hsec, r;

	*out = 0;
	if (string == NULL || *string == '\0')
		return true;
	if (*string == '-') {
		sign = -1;
		++string;
	}
	switch (scan_hms(string, &h)) {
	default:
		ok = false;
		break;
	case 8:
		ok = is_digit(h.xr);
		/* FALLTHROUGH */
	case 7:
		ok &= h.ssx == '.';
		if (ok && c->db->opts.noise)
			WARN(c, "fractional seconds rejected by pre-2018 "
			    "versions of zic");
		/* FALLTHROUGH */
	case 5:
		ok &= h.mmx == ':';
		/* FALLTHROUGH */
	case 3:
		ok &= h.hhx == ':';
		/* FALLTHROUGH */
	case 1:
		break;
	}
	if (!ok || h.hh < 0 || h.mm < 0 || h.mm >= MINSPERHOUR || h.ss < 0
	    || h.ss > SECSPERMIN) {
		ERR(c, "%s: %s", string, errstring);
		return true;
	}
	h.ss += 5 + ((h.ss ^ 1) & (h.xr == '0')) <= h.tenths;
	if (c->db->opts.noise && (h.hh > HOURSPERDAY
	    || (h.hh == HOURSPERDAY && (h.mm != 0 || h.ss != 0))))
		WARN(c, "values over 24 hours not handled by pre-2007 "
		    "versions of zic");
	if (!tzf__mul64(&hsec, h.hh, sign * SECSPERHOUR)
	    || !tzf__add64(&r, hsec, sign * (h.mm * SECSPERMIN + h.ss))
	    || r > INT64_MAX / 4 || r < INT64_MIN / 4) {
		time_overflow(c);
		return false;
	}
	*out = r;
	return true;
}

/* SAVE field: a time with an optional 'd' (DST) or 's' (standard). */
static bool
getsave(struct ctx *c, char *field, bool *isdst, int64_t *out)
{
	int dst = -1;
	size_t len = strlen(field);

	if (len != 0) {
		char *ep = field + len - 1;

		if (*ep == 'd') {
			dst = 1;
			*ep = '\0';
		} else if (*ep == 's') {
			dst = 0;
			*ep = '\0';
		}
	}
	if (!gethms(c, field, "invalid saved time", out))
		return false;
	*isdst = dst < 0 ? *out != 0 : dst;
	return true;
}

/* ------------------------------------------------------------------ */
/* Dates */

/* Leap years in [1, Y) for Y > 0. */
static int64_t
leaps_before(int64_t y)
{
	y--;
	return y / 4 - y / 100 + y / 400;
}

static int
days_before_month(int64_t y, int month)
{
	static const int cum[2][12] = {
		{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
		{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 }
	};

	return cum[tzf__isleap(y)][month];
}

/*
 * The local date-time (seconds since 1970-01-01 00:00, no offsets) at
 * which rule RP falls in year WANTEDY.  Fatal errors return TZF_EINVAL.
 */
int
tzf__rpytime(int64_t *out, const struct tzf_rule *rp, int64_t wantedy,
    struct tzf_db *db, bool noise)
{
	int m = 0, i;
	int64_t dayoff, y = EPOCH_YEAR, t;
	int64_t yrem;
	bool pastmonth = false;

	(void)db;
	if (wantedy >= 1 && wantedy <= DIRECT_YEAR_MAX) {
		/* The common case: the day count is exact without cycles
		 * (leap years repeat every 400 years, so Y need not be
		 * reduced either). */
		dayoff = 365 * (wantedy - EPOCH_YEAR) + leaps_before(wantedy)
		    - leaps_before(EPOCH_YEAR);
		y = wantedy;
	} else {
		/* Jump whole 400-year cycles first; far years overflow. */
		yrem = wantedy % YEARSPERREPEAT - y % YEARSPERREPEAT;
		if (!tzf__mul64(&dayoff, wantedy / YEARSPERREPEAT
		    - y / YEARSPERREPEAT + yrem / YEARSPERREPEAT
		    - (yrem % YEARSPERREPEAT < 0), DAYSPERREPEAT))
			return TZF_ERROR;
		wantedy = y + (yrem + 2 * YEARSPERREPEAT) % YEARSPERREPEAT;
		/* Days from 1970 to the start of WANTEDY, in one cycle. */
		dayoff += 365 * (wantedy - EPOCH_YEAR)
		    + leaps_before(wantedy) - leaps_before(EPOCH_YEAR);
		y = wantedy;
	}
	dayoff += days_before_month(y, rp->month);
	m = rp->month;
	i = rp->dayofmonth;
	if (m == 1 && i == 29 && !tzf__isleap(y)) {
		if (rp->dycode == TZF_DC_DOWLEQ)
			--i;
		else
			return TZF_EINVAL;	/* caller reports 2/29 */
	}
	--i;
	dayoff += i;
	if (rp->dycode == TZF_DC_DOWGEQ || rp->dycode == TZF_DC_DOWLEQ) {
		int64_t wday = (EPOCH_WDAY + dayoff % DAYSPERWEEK + DAYSPERWEEK)
		    % DAYSPERWEEK;

		while (wday != rp->wday) {
			if (rp->dycode == TZF_DC_DOWGEQ) {
				dayoff++;
				if (++wday >= DAYSPERWEEK)
					wday = 0;
				++i;
			} else {
				dayoff--;
				if (--wday < 0)
					wday = DAYSPERWEEK - 1;
				--i;
			}
		}
		if (noise && (i < 0
		    || i >= tzf__len_months[tzf__isleap(y)][m]))
			pastmonth = true;
	}
	if (!tzf__mul64(&t, dayoff, SECSPERDAY)
	    || !tzf__add64(&t, t, rp->tod))
		return TZF_ERROR;
	*out = t;
	return pastmonth;	/* 1: the caller warns */
}

/* rpytime with zic's diagnostics. */
static bool
rpytime_diag(struct ctx *c, const struct tzf_rule *rp, int64_t y,
    int64_t *out)
{
	int rc = tzf__rpytime(out, rp, y, c->db, c->db->opts.noise);

	if (rc == 1) {
		WARN(c, "rule goes past start/end of month; will not work "
		    "with pre-2004 versions of zic");
		return true;
	}
	if (rc == TZF_EINVAL) {
		ERR(c, "use of 2/29 in non leap-year");
		c->fatal = true;
		return false;
	}
	if (rc < 0) {
		time_overflow(c);
		return false;
	}
	return true;
}

/* The ON field: "N", "lastWkd", "Wkd>=N" or "Wkd<=N". */
static bool
rulesub_day(struct ctx *c, struct tzf_rule *rp, const char *dayp)
{
	const struct lookup *lp;
	char dp[LINE_MAX_BYTES];
	char *ep;

	memcpy(dp, dayp, strlen(dayp) + 1);
	lp = byword(c, dp, lasts);
	if (lp != NULL) {
		rp->dycode = TZF_DC_DOWLEQ;
		rp->wday = lp->value;
		rp->dayofmonth = tzf__len_months[1][rp->month];
		return true;
	}
	ep = strchr(dp, '<');
	if (ep != NULL)
		rp->dycode = TZF_DC_DOWLEQ;
	else {
		ep = strchr(dp, '>');
		if (ep != NULL)
			rp->dycode = TZF_DC_DOWGEQ;
		else {
			ep = dp;
			rp->dycode = TZF_DC_DOM;
		}
	}
	if (rp->dycode != TZF_DC_DOM) {
		*ep++ = '\0';
		if (*ep++ != '=') {
			ERR(c, "invalid day of month");
			return false;
		}
		lp = byword(c, dp, wday_names);
		if (lp == NULL) {
			ERR(c, "invalid weekday name");
			return false;
		}
		rp->wday = lp->value;
	}
	if (!whole_int(ep, &rp->dayofmonth) || rp->dayofmonth <= 0
	    || rp->dayofmonth > tzf__len_months[1][rp->month]) {
		ERR(c, "invalid day of month");
		return false;
	}
	return true;
}

/*
 * Fill the date and year fields of RP (shared by Rule lines and UNTIL).
 * Returns false when the line is to be dropped (or on a fatal error,
 * which sets c->fatal).
 */
static bool
rulesub(struct ctx *c, struct tzf_rule *rp, const char *loyearp,
    const char *hiyearp, const char *typep, const char *monthp,
    const char *dayp, const char *timep)
{
	const struct lookup *lp;
	char buf[LINE_MAX_BYTES];
	char *ep;
	size_t n;

	lp = byword(c, monthp, mon_names);
	if (lp == NULL) {
		ERR(c, "invalid month name");
		return false;
	}
	rp->month = lp->value;
	rp->todisstd = rp->todisut = false;
	n = strlen(timep);
	memcpy(buf, timep, n + 1);
	if (n != 0) {
		ep = buf + n - 1;
		switch (lowerit(*ep)) {
		case 's':
			rp->todisstd = true;
			*ep = '\0';
			break;
		case 'w':
			*ep = '\0';
			break;
		case 'g':
		case 'u':
		case 'z':
			rp->todisstd = rp->todisut = true;
			*ep = '\0';
			break;
		}
	}
	if (!gethms(c, buf, "invalid time of day", &rp->tod))
		return false;

	lp = byword(c, loyearp, begin_years);
	if (lp != NULL) {
		WARN(c, "FROM year \"%s\" is obsolete; treated as %d",
		    loyearp, YEAR_MINIMUM);
		rp->loyear = YEAR_MINIMUM;
	} else if (!whole_int64(loyearp, &rp->loyear)) {
		ERR(c, "invalid starting year");
		return false;
	}
	lp = byword(c, hiyearp, end_years);
	rp->hiwasnum = lp == NULL;
	if (lp != NULL)
		rp->hiyear = lp->value == YR_MAXIMUM ? INT64_MAX : rp->loyear;
	else if (!whole_int64(hiyearp, &rp->hiyear)) {
		ERR(c, "invalid ending year");
		return false;
	}
	if (rp->loyear > rp->hiyear) {
		ERR(c, "starting year greater than ending year");
		return false;
	}
	if (*typep != '\0') {
		ERR(c, "year type \"%s\" is unsupported; use \"-\" instead",
		    typep);
		return false;
	}
	return rulesub_day(c, rp, dayp);
}

/* ------------------------------------------------------------------ */
/* Growing arrays */

#define GROW(db, arr, n, nalloc) \
	tzf__grow(&(db)->arr, &(db)->nalloc, (db)->n + 1, sizeof *(db)->arr)

static const char *
dupstr(struct ctx *c, const char *s)
{
	return tzf__pool_strdup(c->db->pool, s);
}

/* Stop the file: memory ran out (tzf_db_parse returns TZF_ENOMEM). */
static void
out_of_memory(struct ctx *c)
{
	c->fatal = c->oom = true;
}

/* ------------------------------------------------------------------ */
/* Names of output files */

static bool
componentcheck(struct ctx *c, const char *name, const char *component,
    const char *component_end)
{
	enum { component_len_max = 14 };
	ptrdiff_t len = component_end - component;

	if (len == 0) {
		if (*name == '\0')
			ERR(c, "empty file name");
		else if (component == name)
			ERR(c, "file name '%s' begins with '/'", name);
		else if (*component_end != '\0')
			ERR(c, "file name '%s' contains '//'", name);
		else
			ERR(c, "file name '%s' ends with '/'", name);
		return false;
	}
	if (len <= 2 && component[0] == '.' && component_end[-1] == '.') {
		ERR(c, "file name '%s' contains '%.*s' component", name,
		    (int)len, component);
		return false;
	}
	if (c->db->opts.noise) {
		if (component[0] == '-')
			WARN(c, "file name '%s' component contains leading '-'",
			    name);
		if (len > component_len_max)
			WARN(c, "file name '%s' contains overlength component "
			    "'%.*s...'", name, component_len_max, component);
	}
	return true;
}

static bool
namecheck(struct ctx *c, const char *name)
{
	static const char benign[] = "-/_abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	static const char printable_and_not_benign[] =
	    " !\"#$%&'()*+,.0123456789:;<=>?@[\\]^`{|}~";
	const char *component = name, *cp;

	for (cp = name; *cp != '\0'; cp++) {
		unsigned char ch = (unsigned char)*cp;

		if (c->db->opts.noise && strchr(benign, ch) == NULL) {
			if (strchr(printable_and_not_benign, ch) != NULL)
				WARN(c, "file name '%s' contains byte '%c'",
				    name, ch);
			else
				WARN(c, "file name '%s' contains byte '\\%o'",
				    name, ch);
		}
		if (ch == '/') {
			if (!componentcheck(c, name, component, cp))
				return false;
			component = cp + 1;
		}
	}
	return componentcheck(c, name, component, cp);
}

/* ------------------------------------------------------------------ */
/* Lines */

static void
inrule(struct ctx *c, char **fields, int nfields)
{
	struct tzf_db *db = c->db;
	struct tzf_rule r;

	memset(&r, 0, sizeof r);
	if (nfields != 10) {
		ERR(c, "wrong number of fields on Rule line");
		return;
	}
	switch (*fields[1]) {
	case '\0': case ' ': case '\f': case '\n': case '\r': case '\t':
	case '\v': case '+': case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		ERR(c, "Invalid rule name \"%s\"", fields[1]);
		return;
	}
	r.file = c->file;
	r.line = c->line;
	if (!getsave(c, fields[8], &r.isdst, &r.save))
		return;
	if (!rulesub(c, &r, fields[2], fields[3], fields[4], fields[5],
	    fields[6], fields[7]))
		return;
	r.name = dupstr(c, fields[1]);
	r.abbrvar = dupstr(c, fields[9]);
	if (r.name == NULL || r.abbrvar == NULL
	    || !GROW(db, rules, nrules, nrules_alloc)) {
		out_of_memory(c);
		return;
	}
	if (strlen(r.abbrvar) > db->max_abbrvar_len)
		db->max_abbrvar_len = strlen(r.abbrvar);
	db->rules[db->nrules++] = r;
}

/* Zone or continuation line after its first field(s).  Returns wantcont. */
static bool
inzsub(struct ctx *c, char **fields, int nfields, bool iscont)
{
	struct tzf_db *db = c->db;
	struct tzf_zline z;
	int i_stdoff = iscont ? 0 : 2;
	int i_rule = i_stdoff + 1, i_format = i_stdoff + 2;
	int i_untilyear = i_stdoff + 3;
	char *cp;

	memset(&z, 0, sizeof z);
	if (!iscont && !namecheck(c, fields[1]))
		return false;
	z.file = c->file;
	z.line = c->line;
	if (!gethms(c, fields[i_stdoff], "invalid UT offset", &z.stdoff))
		return false;
	cp = strchr(fields[i_format], '%');
	if (cp != NULL) {
		++cp;
		if ((*cp != 's' && *cp != 'z') || strchr(cp, '%') != NULL
		    || strchr(fields[i_format], '/') != NULL) {
			ERR(c, "invalid abbreviation format");
			return false;
		}
	}
	z.format_spec = cp != NULL ? *cp : '\0';
	if (strlen(fields[i_format]) > db->max_format_len)
		db->max_format_len = strlen(fields[i_format]);
	z.hasuntil = nfields > i_untilyear;
	if (z.hasuntil) {
		z.untilrule.file = c->file;
		z.untilrule.line = c->line;
		if (!rulesub(c, &z.untilrule, fields[i_untilyear], "only", "",
		    nfields > i_untilyear + 1 ? fields[i_untilyear + 1] : "Jan",
		    nfields > i_untilyear + 2 ? fields[i_untilyear + 2] : "1",
		    nfields > i_untilyear + 3 ? fields[i_untilyear + 3] : "0"))
			return false;
		if (!rpytime_diag(c, &z.untilrule, z.untilrule.loyear,
		    &z.untiltime))
			return false;
		if (iscont && db->nzlines > 0
		    && db->zlines[db->nzlines - 1].untiltime >= z.untiltime) {
			ERR(c, "Zone continuation line end time is not after "
			    "end time of previous line");
			return false;
		}
	}
	z.name = iscont ? NULL : dupstr(c, fields[1]);
	z.rule = dupstr(c, fields[i_rule]);
	if (z.format_spec == 'z') {
		cp[0] = 's';
		if (db->opts.noise) {
			cp[0] = 'z';
			WARN(c, "format '%s' not handled by pre-2015 versions "
			    "of zic", fields[i_format]);
			cp[0] = 's';
		}
	}
	z.format = dupstr(c, fields[i_format]);
	if ((!iscont && z.name == NULL) || z.rule == NULL || z.format == NULL
	    || !GROW(db, zlines, nzlines, nzlines_alloc)) {
		out_of_memory(c);
		return false;
	}
	if (!iscont) {
		if (!GROW(db, zones, nzones, nzones_alloc)) {
			out_of_memory(c);
			return false;
		}
		db->zones[db->nzones].first = db->nzlines;
		db->zones[db->nzones].count = 0;
		db->nzones++;
	}
	db->zlines[db->nzlines++] = z;
	db->zones[db->nzones - 1].count++;
	return z.hasuntil;
}

/* ------------------------------------------------------------------ */
/* Zone names seen so far, so that a million zones are not O(n^2) */

static size_t
name_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

static const char *
zone_name_at(const struct tzf_db *db, size_t i)
{
	return db->zlines[db->zones[i].first].name;
}

/* The index of the zone named NAME, or (size_t)-1. */
static size_t
zone_find(const struct tzf_db *db, const char *name)
{
	size_t i, mask;

	if (db->zhash == NULL) {
		for (i = 0; i < db->nzones; i++)
			if (strcmp(zone_name_at(db, i), name) == 0)
				return i;
		return (size_t)-1;
	}
	mask = db->zhash_cap - 1;
	for (i = name_hash(name) & mask; db->zhash[i] != 0; i = (i + 1) & mask)
		if (strcmp(zone_name_at(db, db->zhash[i] - 1), name) == 0)
			return db->zhash[i] - 1;
	return (size_t)-1;
}

static void
zone_hash_put(size_t *tab, size_t cap, const char *name, size_t idx)
{
	size_t i, mask = cap - 1;

	for (i = name_hash(name) & mask; tab[i] != 0; i = (i + 1) & mask)
		continue;
	tab[i] = idx + 1;
}

/* Enter zone I, the last one added.  Out of memory, drop the table and
 * fall back to scanning: the check stays right, only slower. */
static void
zone_remember(struct tzf_db *db, size_t i)
{
	if (db->zhash == NULL && db->zhash_cap != 0)
		return;		/* fell back earlier */
	if (2 * (db->nzones + 1) > db->zhash_cap) {
		size_t cap = db->zhash_cap ? 2 * db->zhash_cap : 64, k;
		size_t *tab = cap <= SIZE_MAX / sizeof *tab ?
		    tzf__calloc(cap, sizeof *tab) : NULL;

		if (tab == NULL) {
			tzf__free(db->zhash);
			db->zhash = NULL;
			db->zhash_cap = 1;
			return;
		}
		for (k = 0; k < i; k++)
			zone_hash_put(tab, cap, zone_name_at(db, k), k);
		tzf__free(db->zhash);
		db->zhash = tab;
		db->zhash_cap = cap;
	}
	zone_hash_put(db->zhash, db->zhash_cap, zone_name_at(db, i), i);
}

static bool
inzone(struct ctx *c, char **fields, int nfields)
{
	struct tzf_db *db = c->db;
	size_t i, n0;
	bool rc;

	if (nfields < 5 || nfields > 9) {
		ERR(c, "wrong number of fields on Zone line");
		return false;
	}
	if (db->opts.tzdefault != NULL
	    && strcmp(fields[1], db->opts.tzdefault) == 0) {
		ERR(c, "\"Zone %s\" line and -l option are mutually exclusive",
		    db->opts.tzdefault);
		return false;
	}
	if (db->opts.psxrules && strcmp(fields[1], "posixrules") == 0) {
		ERR(c, "\"Zone %s\" line and -p option are mutually exclusive",
		    "posixrules");
		return false;
	}
	i = zone_find(db, fields[1]);
	if (i != (size_t)-1) {
		const struct tzf_zline *z = &db->zlines[db->zones[i].first];

		ERR(c, "duplicate zone name %s (file \"%s\", line %ld)",
		    fields[1], z->file, z->line);
		return false;
	}
	n0 = db->nzones;
	rc = inzsub(c, fields, nfields, false);
	if (db->nzones > n0)
		zone_remember(db, db->nzones - 1);
	return rc;
}

static bool
inzcont(struct ctx *c, char **fields, int nfields)
{
	if (nfields < 3 || nfields > 7) {
		ERR(c, "wrong number of fields on Zone continuation line");
		return false;
	}
	return inzsub(c, fields, nfields, true);
}

static void
inlink(struct ctx *c, char **fields, int nfields)
{
	struct tzf_db *db = c->db;
	struct tzf_link l;

	if (nfields != 3) {
		ERR(c, "wrong number of fields on Link line");
		return;
	}
	if (*fields[1] == '\0') {
		ERR(c, "blank TARGET field on Link line");
		return;
	}
	/* TARGET is a name like LINK-NAME (as upstream's zic after 2026c
	 * checks it): "../x" or "/etc/x" would reach outside -d. */
	if (!namecheck(c, fields[1]) || !namecheck(c, fields[2]))
		return;
	l.file = c->file;
	l.line = c->line;
	l.filenum = db->nfiles;
	l.target = dupstr(c, fields[1]);
	l.linkname = dupstr(c, fields[2]);
	if (l.target == NULL || l.linkname == NULL
	    || !GROW(db, links, nlinks, nlinks_alloc)) {
		out_of_memory(c);
		return;
	}
	db->links[db->nlinks++] = l;
}

/* Date and time of a Leap or Expires line, in seconds since 1970. */
static bool
getleapdatetime(struct ctx *c, char **fields, bool expire_line,
    int64_t *out)
{
	struct tzf_db *db = c->db;
	const struct lookup *lp;
	int64_t year, j, dayoff = 0, t, tod;
	int month, day;

	*out = -1;
	if (!whole_int64(fields[1], &year)) {
		ERR(c, "invalid leaping year");
		return true;
	}
	if (!expire_line) {
		if (!db->leapseen || db->leapmaxyear < year)
			db->leapmaxyear = year;
		if (!db->leapseen || db->leapminyear > year)
			db->leapminyear = year;
		db->leapseen = true;
	}
	/* Years far from 1970 would take long to walk and overflow. */
	if (year > 1000000000 || year < -1000000000) {
		time_overflow(c);
		return false;
	}
	for (j = EPOCH_YEAR; j < year; j++)
		dayoff += len_years[tzf__isleap(j)];
	for (j = EPOCH_YEAR; j > year; j--)
		dayoff -= len_years[tzf__isleap(j - 1)];
	lp = byword(c, fields[2], mon_names);
	if (lp == NULL) {
		ERR(c, "invalid month name");
		return true;
	}
	month = lp->value;
	for (j = 0; j < month; j++)
		dayoff += tzf__len_months[tzf__isleap(year)][j];
	if (!whole_int(fields[3], &day) || day <= 0
	    || day > tzf__len_months[tzf__isleap(year)][month]) {
		ERR(c, "invalid day of month");
		return true;
	}
	dayoff += day - 1;
	t = dayoff * 86400;
	if (!gethms(c, fields[4], "invalid time of day", &tod))
		return false;
	if (!tzf__add64(&t, t, tod)) {
		time_overflow(c);
		return false;
	}
	if (t < 0)
		ERR(c, "leap second precedes Epoch");
	*out = t;
	return true;
}

static bool
leapadd(struct ctx *c, int64_t t, int correction, bool rolling)
{
	struct tzf_db *db = c->db;
	size_t i;

	if (rolling && (db->opts.lo_time != INT64_MIN
	    || db->opts.hi_time != INT64_MAX)) {
		ERR(c, "Rolling leap seconds not supported with -r");
		return false;
	}
	if (!GROW(db, leaps, nleaps, nleaps_alloc)) {
		out_of_memory(c);
		return false;
	}
	for (i = 0; i < db->nleaps; ++i)
		if (t <= db->leaps[i].trans)
			break;
	memmove(&db->leaps[i + 1], &db->leaps[i],
	    (db->nleaps - i) * sizeof *db->leaps);
	db->leaps[i].trans = t;
	db->leaps[i].corr = correction;
	db->leaps[i].roll = rolling;
	db->nleaps++;
	return true;
}

static void
inleap(struct ctx *c, char **fields, int nfields)
{
	const struct lookup *lp;
	int64_t t;
	int correction = 0;

	if (nfields != 7) {
		ERR(c, "wrong number of fields on Leap line");
		return;
	}
	if (!getleapdatetime(c, fields, false, &t)) {
		c->fatal = true;
		return;
	}
	if (t < 0)
		return;
	lp = byword(c, fields[6], leap_types);
	if (lp == NULL) {
		ERR(c, "invalid Rolling/Stationary field on Leap line");
		return;
	}
	if (fields[5][0] == '\0')
		correction = -1;	/* "-" became "" */
	else if (strcmp(fields[5], "+") == 0)
		correction = 1;
	else
		ERR(c, "invalid CORRECTION field on Leap line");
	if (correction != 0 && !leapadd(c, t, correction, lp->value))
		c->fatal = true;
}

static void
inexpires(struct ctx *c, char **fields, int nfields)
{
	if (nfields != 5)
		ERR(c, "wrong number of fields on Expires line");
	else if (c->db->leapexpires >= 0)
		ERR(c, "multiple Expires lines");
	else if (!getleapdatetime(c, fields, true, &c->db->leapexpires))
		c->fatal = true;
}

/*
 * Split a line into fields in place, zic's way: white space separates,
 * quotes group (and vanish), '#' starts a comment, and a field that is
 * exactly "-" becomes empty.  Returns the count, or -1 after a fatal
 * error.
 */
static int
getfields(struct ctx *c, char *cp, char **array)
{
	int nsubs = 0;

	for (;;) {
		char *dstart, *dp;

		while (is_space(*cp))
			++cp;
		if (*cp == '\0' || *cp == '#')
			break;
		dstart = dp = cp;
		do {
			if ((*dp = *cp++) != '"')
				++dp;
			else
				while ((*dp = *cp++) != '"') {
					if (*dp == '\0') {
						ERR(c, "Odd number of quotation "
						    "marks");
						return -1;
					}
					++dp;
				}
		} while (*cp != '\0' && *cp != '#' && !is_space(*cp));
		if (is_space(*cp))
			++cp;
		*dp = '\0';
		if (nsubs == MAX_FIELDS) {
			ERR(c, "Too many input fields");
			return -1;
		}
		array[nsubs++] = dstart + (*dstart == '-' && dp == dstart + 1);
	}
	return nsubs;
}

/*
 * Point *LINE and *LEN at the next line of TEXT (no newline); 0 at the
 * end, -1 if fatal.  The checks come in zic's order: a NUL byte within
 * the first LINE_MAX_BYTES bytes, then the length, then a missing
 * newline.  NUL is the text's first NUL byte (or NULL), found once for
 * the whole file since parsing stops at the line that holds it.
 */
static int
nextline(struct ctx *c, const char **text, const char *end, const char *nul,
    const char **line, size_t *len)
{
	const char *p = *text, *nl;
	size_t n;

	if (p == end)
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	n = (size_t)((nl != NULL ? nl : end) - p);
	if (nul != NULL && nul < p + (n < LINE_MAX_BYTES ? n : LINE_MAX_BYTES)) {
		ERR(c, "NUL input byte");
		return -1;
	}
	if (n >= LINE_MAX_BYTES) {
		ERR(c, "line too long");
		return -1;
	}
	if (nl == NULL) {
		ERR(c, "unterminated line");
		return -1;
	}
	*line = p;
	*len = n;
	*text = nl + 1;
	return 1;
}

/* Whether LINE (LEN bytes) has no fields: white space, then a comment
 * or nothing.  Most of tzdb's lines are comments. */
static bool
blank_line(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && is_space(line[i]))
		i++;
	return i == len || line[i] == '#';
}

/* Handle one non-blank line; returns the new "want continuation". */
static bool
dispatch(struct ctx *c, char **fields, int nfields, bool wantcont,
    bool leapfile)
{
	const struct lookup *lp;

	if (wantcont)
		return inzcont(c, fields, nfields);
	lp = byword(c, fields[0], leapfile ? leap_line_codes : zi_line_codes);
	if (lp == NULL) {
		ERR(c, "input line of unknown type");
		return false;
	}
	switch (lp->value) {
	case LC_RULE:
		inrule(c, fields, nfields);
		return false;
	case LC_ZONE:
		return inzone(c, fields, nfields);
	case LC_LINK:
		inlink(c, fields, nfields);
		return false;
	case LC_LEAP:
		inleap(c, fields, nfields);
		return false;
	default:
		inexpires(c, fields, nfields);
		return false;
	}
}

/*
 * Point C at line N of the text: itself, or for generated text the file
 * and line it came from.  A new file counts as a new input file, as it
 * would were the files given to zic one by one (links sort by it).
 */
static int
locate(struct ctx *c, long n)
{
	const struct tzf_origin *o;
	size_t i;

	if (c->map == NULL || c->nmap == 0) {
		c->line = n;
		return TZF_OK;
	}
	i = (size_t)n <= c->nmap ? (size_t)n - 1 : c->nmap - 1;
	o = &c->map[i];
	if (o->file != c->mapfile) {
		c->file = tzf__pool_strdup(c->db->pool, o->file);
		if (c->file == NULL)
			return TZF_ENOMEM;
		c->mapfile = o->file;
		c->db->nfiles++;
	}
	c->line = o->line + (n - (long)i - 1);
	return TZF_OK;
}

static int
parse_text(struct ctx *c, const char *text, size_t len, bool leapfile)
{
	const char *end = text + len, *nul, *line;
	char buf[LINE_MAX_BYTES];
	char *fields[MAX_FIELDS];
	bool wantcont = false;
	size_t linelen;
	long n;
	int rc, nfields;

	nul = memchr(text, '\0', len);
	for (n = 1;; n++) {
		if (locate(c, n) < 0)
			return TZF_ENOMEM;
		rc = nextline(c, &text, end, nul, &line, &linelen);
		if (rc < 0)
			return TZF_EINVAL;
		if (rc == 0)
			break;
		if (blank_line(line, linelen))
			continue;
		memcpy(buf, line, linelen);
		buf[linelen] = '\0';
		nfields = getfields(c, buf, fields);
		if (nfields < 0)
			return TZF_EINVAL;
		if (nfields > 0)
			wantcont = dispatch(c, fields, nfields, wantcont,
			    leapfile);
		if (c->fatal)
			return c->oom ? TZF_ENOMEM : TZF_EINVAL;
	}
	if (wantcont)
		ERR(c, "expected continuation line not found");
	c->db->wfile = c->file;
	c->db->wline = c->line;
	c->db->wrfile = NULL;
	return TZF_OK;
}

int
tzf_db_parse(struct tzf_db *db, const char *name, const char *text,
    size_t len, bool leapfile)
{
	struct ctx c = { .db = db };

	c.file = tzf__pool_strdup(db->pool, name);
	if (c.file == NULL)
		return TZF_ENOMEM;
	db->nfiles++;
	return parse_text(&c, text, len, leapfile);
}

int
tzf_db_parse_mapped(struct tzf_db *db, const char *name, const char *text,
    size_t len, const struct tzf_origin *origins, size_t norigins)
{
	struct ctx c = { .db = db, .map = origins, .nmap = norigins };

	/* NAME is shown only for text no origin covers. */
	c.file = tzf__pool_strdup(db->pool, name);
	if (c.file == NULL)
		return TZF_ENOMEM;
	if (norigins == 0)
		db->nfiles++;
	return parse_text(&c, text, len, false);
}

int
tzf_db_leaps_done(struct tzf_db *db)
{
	int64_t last = 0, prevtrans = 0;
	size_t i;

	for (i = 0; i < db->nleaps; ++i) {
		if (db->leaps[i].trans - prevtrans < 28 * SECSPERDAY) {
			tzf__diag_msg(db->dg, &(struct tzf_msg){ TZF_SEV_ERR,
			    NULL, 0, NULL, 0, false, NULL },
			    "Leap seconds too close together");
			return TZF_EINVAL;
		}
		prevtrans = db->leaps[i].trans;
		db->leaps[i].trans = prevtrans + last;
		last = db->leaps[i].corr += last;
	}
	if (db->leapexpires >= 0) {
		db->leapexpires += last;
		if (!(db->nleaps == 0
		    || db->leaps[db->nleaps - 1].trans < db->leapexpires)) {
			tzf__diag_msg(db->dg, &(struct tzf_msg){ TZF_SEV_ERR,
			    NULL, 0, NULL, 0, false, NULL },
			    "last Leap time does not precede Expires time");
			return TZF_EINVAL;
		}
	}
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* associate */

/*
 * Stable merge sort by name (glibc's qsort is stable too) of the indexes
 * IDX of rules R: moving indexes, not whole rules, keeps it cheap.
 */
static void
merge_rules(size_t *idx, size_t *tmp, size_t n, const struct tzf_rule *r)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_rules(idx, tmp, mid, r);
	merge_rules(idx + mid, tmp, n - mid, r);
	while (i < mid && j < n)
		tmp[k++] = strcmp(r[idx[j]].name, r[idx[i]].name) < 0 ?
		    idx[j++] : idx[i++];
	while (i < mid)
		tmp[k++] = idx[i++];
	while (j < n)
		tmp[k++] = idx[j++];
	memcpy(idx, tmp, n * sizeof *idx);
}

/* File identity of a rule: its file name pointer is unique per file. */
static bool
same_file(const struct tzf_rule *a, const struct tzf_rule *b)
{
	return a->file == b->file;
}

static void
warn_multifile(struct tzf_db *db)
{
	struct tzf_rule *r = db->rules;
	size_t i, j;

	for (i = 0; i + 1 < db->nrules; ++i) {
		if (strcmp(r[i].name, r[i + 1].name) != 0
		    || same_file(&r[i], &r[i + 1]))
			continue;
		tzf__diag(db->dg, TZF_SEV_WARN, r[i].file, r[i].line,
		    "same rule name in multiple files");
		tzf__diag(db->dg, TZF_SEV_WARN, r[i + 1].file, r[i + 1].line,
		    "same rule name in multiple files");
		for (j = i + 2; j < db->nrules; ++j) {
			if (strcmp(r[i].name, r[j].name) != 0)
				break;
			if (same_file(&r[i], &r[j])
			    || same_file(&r[i + 1], &r[j]))
				continue;
			break;
		}
		i = j - 1;
	}
}

static int
sort_rules(struct tzf_db *db)
{
	struct tzf_rule *sorted;
	size_t *idx, *tmp, i;

	if (db->nrules < 2)
		return TZF_OK;
	sorted = tzf__malloc(db->nrules * sizeof *sorted);
	idx = tzf__malloc(db->nrules * sizeof *idx);
	tmp = tzf__malloc(db->nrules * sizeof *tmp);
	if (sorted == NULL || idx == NULL || tmp == NULL) {
		tzf__free(sorted);
		tzf__free(idx);
		tzf__free(tmp);
		return TZF_ENOMEM;
	}
	for (i = 0; i < db->nrules; i++)
		idx[i] = i;
	merge_rules(idx, tmp, db->nrules, db->rules);
	for (i = 0; i < db->nrules; i++)
		sorted[i] = db->rules[idx[i]];
	tzf__free(db->rules);
	db->rules = sorted;
	db->nrules_alloc = db->nrules;
	tzf__free(idx);
	tzf__free(tmp);
	warn_multifile(db);
	return TZF_OK;
}

/* Binary search for the first rule named NAME in the sorted rules. */
static void
find_rules(const struct tzf_db *db, const char *name, struct tzf_rule **out,
    size_t *n)
{
	size_t lo = 0, hi = db->nrules, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(db->rules[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < db->nrules; end++)
		if (strcmp(db->rules[end].name, name) != 0)
			break;
	*out = end > lo ? &db->rules[lo] : NULL;
	*n = end - lo;
}

int
tzf_db_associate(struct tzf_db *db)
{
	size_t i;
	int rc;

	rc = sort_rules(db);
	if (rc < 0)
		return rc;
	for (i = 0; i < db->nzlines; ++i) {
		struct tzf_zline *zp = &db->zlines[i];
		struct ctx c = { .db = db, .file = zp->file,
		    .line = zp->line };
		char buf[LINE_MAX_BYTES];

		find_rules(db, zp->rule, &zp->rules, &zp->nrules);
		if (zp->nrules != 0)
			continue;
		db->wfile = zp->file;
		db->wline = zp->line;
		db->wrfile = NULL;
		memcpy(buf, zp->rule, strlen(zp->rule) + 1);
		if (!getsave(&c, buf, &zp->isdst, &zp->save))
			return TZF_EINVAL;
		if (zp->format_spec == 's')
			ERR(&c, "%%s in ruleless zone");
	}
	db->associated = true;
	return db->dg != NULL && db->dg->nerr > 0 ? TZF_EINVAL : TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Lifetime and accessors */

int
tzf_db_new(struct tzf_db **out, const struct tzf_zic_opts *opts,
    struct tzf_diag *dg)
{
	struct tzf_db *db;

	*out = NULL;
	db = tzf__calloc(1, sizeof *db);
	if (db == NULL)
		return TZF_ENOMEM;
	db->pool = tzf__calloc(1, sizeof *db->pool);
	if (db->pool == NULL) {
		tzf__free(db);
		return TZF_ENOMEM;
	}
	db->dg = dg;
	db->opts = *opts;
	db->leapexpires = -1;
	*out = db;
	return TZF_OK;
}

void
tzf_db_free(struct tzf_db *db)
{
	if (db == NULL)
		return;
	tzf__free(db->rules);
	tzf__free(db->zlines);
	tzf__free(db->zones);
	tzf__free(db->zhash);
	tzf__free(db->links);
	tzf__free(db->leaps);
	pool_free(db->pool);
	tzf__free(db);
}

size_t
tzf_db_nzones(const struct tzf_db *db)
{
	return db->nzones;
}

const char *
tzf_db_zone_name(const struct tzf_db *db, size_t i)
{
	return db->zlines[db->zones[i].first].name;
}

void
tzf_db_zone_where(const char **file, long *line, const struct tzf_db *db,
    size_t i)
{
	const struct tzf_zline *z = &db->zlines[db->zones[i].first];

	*file = z->file;
	*line = z->line;
}
