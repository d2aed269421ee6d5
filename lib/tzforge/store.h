/*
 * tzforge/store.h: the store, the questions asked of it and the exchange
 * formats (lib/store*.c, query.c, dump.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_STORE_H
#define TZFORGE_STORE_H

#include "tzforge/core.h"
#include "tzforge/tzif.h"
#include "tzforge/source.h"
#include "tzforge/zic.h"

/* ------------------------------------------------------------------ */
/* Store (lib/store*.c), queries (lib/query.c), dumps (lib/dump.c) */
/*
 * The store is an SQLite database (schema: data/schema.sql) holding
 * releases: every name of a tzdb source tree compiled as zic does, with
 * provenance, countries and leap seconds.  Histories are shared between
 * releases.  Each load is one transaction; the database runs in WAL mode
 * so readers keep working during a load.
 */
struct tzf_store;

#define TZF_STORE_RDONLY 0
#define TZF_STORE_RDWR 1	/* load into an existing database */
#define TZF_STORE_CREATE 3	/* RDWR, creating the file if need be */

/*
 * Open PATH, or a private in-memory database when PATH is NULL.  A
 * handle opened without TZF_STORE_RDWR reads one snapshot of the
 * database for its whole life: loads committed meanwhile are not seen
 * until it is closed and opened again.
 */
int tzf_store_open(struct tzf_store **out, const char *path, int flags,
    struct tzf_diag *dg);
void tzf_store_close(struct tzf_store *st);

struct tzf_load_stats {
	size_t nnames;		/* names of the release */
	size_t nhist_new;	/* histories added to the store */
	size_t nhist_shared;	/* histories already there */
	bool replaced;		/* the label existed and was replaced */
	char label[64];		/* the label stored (cut to 63 bytes) */
};

/* How a tree is stored. */
struct tzf_load_opts {
	const char *label;	/* NULL: the tree's version */
	bool replace;		/* replace a label loaded from another
				 * source, commit or switches */
	int64_t until_year;	/* transitions the TZ footer implies are
				 * stored as rows through this year */
	const char *const *extra_files;	/* NULL-terminated: files of the
				 * tree appended to the zic input when it
				 * lacks them (tzvalidate: "pacificnew") */
};
#define TZF_LOAD_OPTS_INIT { NULL, false, 2100, NULL }

/*
 * Compile tree T with switches SW (NULL: defaults) and store it as one
 * release, all in one transaction (OPTS NULL: the defaults).  Loading
 * a label again replaces it when it comes from the same source, commit
 * and switches; a label loaded from elsewhere is refused (TZF_EINVAL,
 * with a message) unless OPTS->replace.  When the database file did not
 * exist, the first load is written to a private file that takes its name
 * only once committed, so a failed first load leaves no file and two
 * first loads cannot mix.  STATS may be NULL.
 */
int tzf_store_load(struct tzf_store *st, const struct tzf_tree *t,
    const struct tzf_switches *sw, const struct tzf_load_opts *opts,
    struct tzf_load_stats *stats, struct tzf_diag *dg);

/*
 * Is SPEC compiled data rather than a source tree: a TZif file, or a
 * directory without tzdb source files (no africa, europe or tzdata.zi)?
 */
bool tzf_spec_is_compiled(const char *spec);
/*
 * Store compiled data as one release labelled OPTS->label (required): a
 * TZif file as one zone named by its base name, or every TZif file below
 * a directory as a zone named by its path there (which names were links
 * is not known).  Queries that need only compiled data answer from it;
 * it has no zone lines, tables or leap seconds.
 */
int tzf_store_load_compiled(struct tzf_store *st, const char *spec,
    const struct tzf_load_opts *opts, struct tzf_load_stats *stats,
    struct tzf_diag *dg);

/*
 * Check the whole database: SQLite's integrity and foreign key checks,
 * and each history's SHA-256 against its bytes.  One message per
 * problem; TZF_EINVAL if any.
 */
int tzf_store_check(struct tzf_store *st, struct tzf_diag *dg);

/* A loaded release. */
struct tzf_release {
	char *label, *version, *spec, *origin, *kind, *commit;
	char *switches;		/* e.g. "dataform=main backward" */
	long seq;		/* load order */
	long nnames;
	bool isdefault;		/* the release queries read by default */
};
/* Every release, by origin and switches, then version (the order of
 * tzf_version_cmp).  Free with tzf_releases_free(). */
int tzf_store_releases(struct tzf_release **out, size_t *n,
    struct tzf_store *st, struct tzf_diag *dg);
void tzf_releases_free(struct tzf_release *r, size_t n);

/* One line of a zone and the UT instant from which it governs. */
struct tzf_zoneline {
	char *file;
	long line;
	int64_t start;		/* INT64_MIN for the first line */
	char *text;		/* the source line */
};

/* One name of one release with its data; everything owned. */
struct tzf_zinfo {
	char *release;		/* label */
	char *name;
	bool islink;
	char *target;		/* Link target as written; NULL for zones */
	char *zone;		/* zone whose data it has; NULL if broken */
	char *file;		/* where the name is defined */
	long line;
	char sha256[65];	/* of the TZif bytes; "" if broken */
	struct tzf_tzif *tzif;	/* NULL if broken */
	struct tzf_zoneline *lines;
	size_t nlines;
	bool hasrules;		/* footer parsed into tz */
	struct tzf_tz tz;
};

/*
 * Name NAME of release RELEASE (NULL: the default release, the newest
 * upstream release by version, see tzf_store_default).  The history's
 * SHA-256 is checked against its bytes (TZF_EINVAL on a mismatch).
 * TZF_ENOTFOUND (with a message) if there is no such release or name.
 */
int tzf_store_zinfo(struct tzf_zinfo **out, struct tzf_store *st,
    const char *release, const char *name, struct tzf_diag *dg);
void tzf_zinfo_free(struct tzf_zinfo *z);
/*
 * The label queries read when none is given: the newest release by
 * version among those whose label is a plain upstream version (2026c)
 * built with the default switches; else the newest by version.
 */
int tzf_store_default(char **out, struct tzf_store *st, struct tzf_diag *dg);
/* Every name of a release, sorted; free with tzf_strv_free(). */
int tzf_store_names(char ***out, size_t *n, struct tzf_store *st,
    const char *release, struct tzf_diag *dg);
void tzf_strv_free(char **v, size_t n);

/* What changed for a name from one release to the next of its origin. */
#define TZF_HIST_FIRST	0x01	/* first release of its origin */
#define TZF_HIST_ADDED	0x02	/* absent from the previous release */
#define TZF_HIST_KIND	0x04	/* zone <-> link */
#define TZF_HIST_TARGET	0x08	/* link target */
#define TZF_HIST_DATA	0x10	/* compiled behaviour */
#define TZF_HIST_REMOVED 0x20	/* absent from this release */

/* How the data of two histories differ (tzf_zinfo_diff). */
struct tzf_zdiff {
	bool differ;
	int64_t first;		/* start of the first differing interval */
	int64_t last;		/* end of the last one */
	size_t nintervals;
	int32_t maxdelta;	/* largest |UT offset difference|, seconds */
	int64_t at_max;		/* where it starts */
};

struct tzf_hist_row {
	char *release, *origin;
	char *switches;		/* as in struct tzf_release */
	bool present;
	bool islink;
	char *target, *zone;	/* NULL when absent or a zone */
	char sha256[65];
	unsigned changed;	/* TZF_HIST_* */
	struct tzf_zdiff diff;	/* when TZF_HIST_DATA: against the row
				 * before, over all time to 2100 */
};
/* NAME in every release, by lineage (origin and switches) then version;
 * each row's changes are against the row before in its lineage. */
int tzf_store_history(struct tzf_hist_row **out, size_t *n,
    struct tzf_store *st, const char *name, struct tzf_diag *dg);
void tzf_hist_rows_free(struct tzf_hist_row *r, size_t n);

/* NAME at instant UT in every release of RANGE ("all", "A..B" with
 * either end empty, or one label), ordered as tzf_store_releases. */
struct tzf_rel_answer {
	char *release, *origin, *switches;
	bool present;		/* the release has the name with data */
	struct tzf_local l;
};
int tzf_store_at_releases(struct tzf_rel_answer **out, size_t *n,
    struct tzf_store *st, const char *range, const char *name, int64_t ut,
    struct tzf_diag *dg);
void tzf_rel_answers_free(struct tzf_rel_answer *a, size_t n);

/* A row of zone.tab, zone1970.tab or zonenow.tab. */
struct tzf_tab_row {
	char *tab, *country, *country_name, *coordinates, *zone, *comment;
};
/* Rows of RELEASE for COUNTRY (NULL: all), by tab then position. */
int tzf_store_tab(struct tzf_tab_row **out, size_t *n, struct tzf_store *st,
    const char *release, const char *country, struct tzf_diag *dg);
void tzf_tab_rows_free(struct tzf_tab_row *r, size_t n);

/* Queries on one name (lib/query.c). */

/* What is in effect at UT, and the zone line then governing (*LINE may
 * be NULL when no line is known; LINE itself may be NULL). */
int tzf_zinfo_at(struct tzf_local *out, const struct tzf_zoneline **line,
    const struct tzf_zinfo *z, int64_t ut);

enum tzf_lkind { TZF_LKIND_UNIQUE, TZF_LKIND_GAP, TZF_LKIND_OVERLAP };
/*
 * Local time LOCAL (seconds since 1970-01-01 00:00 on the local clock)
 * to UT.  UNIQUE: ut[0]/st[0].  OVERLAP: n (2 or more, at most 4)
 * candidates in ut[]/st[], earliest first.  GAP: the local time was
 * skipped by the transition at TRANS, from BEFORE to AFTER; gap_start
 * and gap_end are the local times the clock skipped ([start, end)).
 */
struct tzf_resolved {
	enum tzf_lkind kind;
	int n;
	int64_t ut[4];
	struct tzf_local st[4];
	int64_t trans, gap_start, gap_end;
	struct tzf_local before, after;
};
int tzf_zinfo_resolve(struct tzf_resolved *out, const struct tzf_zinfo *z,
    int64_t local);

/* What to answer for a local time in a gap or an overlap. */
enum tzf_policy {
	TZF_POLICY_REJECT,	/* nothing */
	TZF_POLICY_EARLIER,	/* overlap: the earlier; gap: the transition */
	TZF_POLICY_LATER,	/* overlap: the later; gap: the transition */
	TZF_POLICY_SHIFT	/* overlap: the earlier; gap: moved forward by
				 * the length of the gap */
};
/* "reject", "earlier", "later" or "shift"; TZF_EINVAL otherwise. */
int tzf_policy_parse(enum tzf_policy *out, const char *s);
/* The UT instant policy P picks for LOCAL resolved as R; false when it
 * picks none (reject in a gap or an overlap). */
bool tzf_policy_pick(int64_t *out, const struct tzf_resolved *r,
    int64_t local, enum tzf_policy p);

/* How A and B differ over [INT64_MIN, UNTIL). */
int tzf_zinfo_diff(struct tzf_zdiff *out, const struct tzf_zinfo *a,
    const struct tzf_zinfo *b, int64_t until);

/*
 * The end of the period time S names, exclusive: "2030" gives
 * 2031-01-01T00:00, "2030-03" 2030-04-01, "2030-03-31T02" 03:00, a time
 * with seconds (or @SECONDS) the next second.  *HASZONE as for
 * tzf_time_parse.
 */
int tzf_time_parse_end(int64_t *out, bool *haszone, const char *s);

/*
 * Call FN for every change in [FROM, TO], explicit or generated by the
 * footer, in time order.  FN returns 0 to go on; any other value stops
 * the walk and is returned.
 */
int tzf_zinfo_changes(const struct tzf_zinfo *z, int64_t from, int64_t to,
    int (*fn)(void *payload, const struct tzf_change *c), void *payload);

/* Exchange formats (lib/dump.c); writers append to OUT. */

/* tzvalidate-0.1 (docs/peers.md 6.1) of RELEASE: range 1-2035, every
 * name but Factory, consecutive identical entries merged. */
int tzf_dump_tzvalidate(struct tzf_buf *out, struct tzf_store *st,
    const char *release, struct tzf_diag *dg);
/* zdump -i -c LOYEAR,HIYEAR output for one name, byte for byte. */
int tzf_dump_zdump(struct tzf_buf *out, const struct tzf_zinfo *z,
    int64_t loyear, int64_t hiyear);
/* SQL for MySQL's five time zone tables, one transaction, footer rules
 * expanded into rows before UNTIL_YEAR. */
int tzf_export_mysql(struct tzf_buf *out, struct tzf_store *st,
    const char *release, int64_t until_year, struct tzf_diag *dg);

#endif /* TZFORGE_STORE_H */
