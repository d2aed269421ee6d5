/*
 * model.h: the parsed tzdb model (rules, zone lines, links, leap seconds,
 * each with file:line provenance) and the expanded history of one zone.
 *
 * These are the project's central data structures: parse.c fills a
 * struct tzf_db, expand.c turns one zone of it into a struct tzf_hist,
 * and tzif_write.c lays a history out as TZif bytes exactly as zic
 * 2026c does.  Internal to lib/; front ends use the accessors declared
 * in tzforge.h.
 */
#ifndef TZF_MODEL_H
#define TZF_MODEL_H

#include "tzf_int.h"

#define TZF_MAX_TYPES 256	/* TZif limit on local time types */
#define TZF_MAX_CHARS 256	/* zic 2026a+ limit on abbreviation bytes */
/*
 * Transitions one zone may generate before expansion gives up: far
 * beyond any real zone (Gaza has about 300), well short of exhausting
 * memory on hostile input such as a rule repeated for a billion years.
 */
#define TZF_MAX_GENERATED (1 << 22)
#define TZF_ETOOMANY (-100)	/* internal: the limit above was hit */

/* How a rule's ON field names its day. */
enum tzf_dycode {
	TZF_DC_DOM,		/* day of month: 1..31 */
	TZF_DC_DOWGEQ,		/* first WDAY on or after DAY */
	TZF_DC_DOWLEQ		/* last WDAY on or before DAY */
};

struct tzf_rule {
	const char *file;
	long line;
	const char *name;

	int64_t loyear, hiyear;
	bool hiwasnum;		/* TO was a number, not max/only */

	int month;		/* 0..11 */
	enum tzf_dycode dycode;
	int dayofmonth;
	int wday;		/* 0..6, Sunday first */

	int64_t tod;		/* AT, seconds from local midnight */
	bool todisstd;		/* AT is standard time (s, or u) */
	bool todisut;		/* AT is UT (u, g, z) */
	bool isdst;
	int64_t save;
	const char *abbrvar;	/* LETTER/S */
};

/* One line of a Zone: the Zone line itself or a continuation line. */
struct tzf_zline {
	const char *file;
	long line;
	const char *name;	/* NULL on continuation lines */

	int64_t stdoff;
	const char *rule;	/* RULES field as written */
	const char *format;	/* %z already rewritten to %s */
	char format_spec;	/* 's', 'z' or 0 */

	bool isdst;		/* ruleless lines: RULES parsed as SAVE */
	int64_t save;

	struct tzf_rule *rules;	/* into db->rules after association */
	size_t nrules;

	bool hasuntil;
	struct tzf_rule untilrule;
	int64_t untiltime;	/* local date-time of UNTIL, no offsets */
};

struct tzf_link {
	const char *file;
	long line;
	size_t filenum;		/* order of the input file, for sorting */
	const char *target;
	const char *linkname;
};

struct tzf_leap {
	int64_t trans;
	int64_t corr;
	bool roll;
};

/* A zone: a run of zone lines, the first one naming it. */
struct tzf_zone {
	size_t first, count;	/* into db->zlines */
};

struct tzf_strpool;

struct tzf_db {
	struct tzf_diag *dg;
	struct tzf_zic_opts opts;
	struct tzf_strpool *pool;

	struct tzf_rule *rules;
	size_t nrules, nrules_alloc;
	struct tzf_zline *zlines;
	size_t nzlines, nzlines_alloc;
	struct tzf_zone *zones;
	size_t nzones, nzones_alloc;
	/* Zone names seen, for the duplicate check: an open-addressing
	 * table of zone index + 1 (0 free), zhash_cap a power of two; NULL
	 * when out of memory, and the check then scans the zones. */
	size_t *zhash;
	size_t zhash_cap;
	struct tzf_link *links;
	size_t nlinks, nlinks_alloc;
	struct tzf_leap *leaps;
	size_t nleaps, nleaps_alloc;

	int64_t leapexpires;	/* negative if none */
	bool leapseen;
	int64_t leapminyear, leapmaxyear;

	/*
	 * Where zic's next unlocated diagnostic would point: zic keeps one
	 * global "current line" that expansion inherits from earlier work.
	 */
	const char *wfile, *wrfile;
	long wline, wrline;

	size_t max_abbrvar_len, max_format_len;
	size_t nfiles;		/* files parsed so far */
	bool associated;
};

/* One transition of an expanded history. */
struct tzf_attype {
	int64_t at;
	bool dontmerge;
	uint8_t type;
};

/*
 * A table of NUL-terminated abbreviations sharing storage the way zic
 * 2026b+ does: a string that ends another is stored only once, as that
 * entry's tail.  No entry is ever a suffix of another.
 */
struct tzf_abbrtab {
	int n;			/* entries */
	int size;		/* bytes including NULs */
	int starts[TZF_MAX_CHARS];	/* offset of each entry */
	char bytes[TZF_MAX_CHARS];
};

/* Outcome of tzf__abbr_add. */
enum { TZF_ABBR_FOUND, TZF_ABBR_NEW, TZF_ABBR_FULL };

int tzf__abbr_add(struct tzf_abbrtab *t, const char *abbr);
int tzf__abbr_find(const struct tzf_abbrtab *t, const char *abbr);
void tzf__abbr_bytes(const struct tzf_abbrtab *t, char *out);

/* The expanded history of one zone, before TZif layout. */
struct tzf_hist {
	const char *name;
	struct tzf_attype *attypes;
	size_t timecnt, timecnt_alloc;

	int typecnt;
	int32_t utoffs[TZF_MAX_TYPES];
	int8_t isdsts[TZF_MAX_TYPES];
	char *abbrs[TZF_MAX_TYPES];	/* into abbrpool */
	bool ttisstds[TZF_MAX_TYPES];
	bool ttisuts[TZF_MAX_TYPES];
	struct tzf_abbrtab chars;	/* zic's global table, for limits */
	char *abbrpool[TZF_MAX_TYPES];	/* distinct strings, malloc'd */
	int nabbrpool;

	int defaulttype;
	int unspecifiedtype;	/* -00 when -r cuts, else -1 */
	char *tzstring;		/* footer, "" when none */
	int64_t *starts;	/* UT start of each zone line, or NULL */
	/* Where zic's diagnostics pointed when expansion ended. */
	const char *file, *rfile;
	long line, rline;
	char version;		/* '2' or '3' before leap checks */
};

/* parse.c */
char *tzf__pool_strdup(struct tzf_strpool *pool, const char *s);
int tzf__rpytime(int64_t *out, const struct tzf_rule *rp, int64_t wantedy,
    struct tzf_db *db, bool noise);
bool tzf__isleap(int64_t y);
extern const int tzf__len_months[2][12];

/* Where expansion diagnostics point (zic's eat/eats). */
struct tzf_where {
	struct tzf_diag *dg;
	const char *file, *rfile;
	long line, rline;
};

/* hist.c */
void tzf__say(struct tzf_where *w, enum tzf_sev sev, const char *text);
/* zic's addtype: the index of a type with these properties, made if
 * new; negative on a fatal error (reported through W). */
int tzf__addtype(struct tzf_hist *h, struct tzf_where *w, bool fat,
    bool noise, int64_t utoff, const char *abbr, bool isdst, bool ttisstd,
    bool ttisut);
/* The same, reporting through DB's sink with no location. */
int tzf__hist_addtype(struct tzf_hist *h, const struct tzf_db *db,
    int64_t utoff, const char *abbr, bool isdst, bool ttisstd, bool ttisut);
void tzf__hist_free(struct tzf_hist *h);

/* expand.c */
int tzf__expand(struct tzf_db *db, struct tzf_hist *h,
    const struct tzf_zline *zpfirst, size_t zonecount);

/* tzif_write.c */
/* Sort H's transitions by time, stably, as zic's qsort does in glibc. */
int tzf__sort_attypes(struct tzf_hist *h);
int tzf__tzif_write(struct tzf_buf *out, struct tzf_hist *h,
    const struct tzf_db *db);

#endif /* TZF_MODEL_H */
