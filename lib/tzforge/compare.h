/*
 * tzforge/compare.h: the diff engine, release lists, charts, commits and
 * behavioural blame (lib/compare.c, cmpside.c, releases.c, chart.c,
 * attrib.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_COMPARE_H
#define TZFORGE_COMPARE_H

#include "tzforge/core.h"
#include "tzforge/tzif.h"
#include "tzforge/source.h"
#include "tzforge/zic.h"
#include "tzforge/store.h"

/* ------------------------------------------------------------------ */
/* Compare (lib/compare.c) */
/*
 * The diff engine of diff/tzdiff: two trees compared by compiled
 * behaviour.  A side is one tree built with build switches; a comparison
 * sets an old side against a new one.  Names and strings in the results
 * are borrowed from the sides and the comparison; the sides must outlive
 * the comparison.  The reports themselves are written by diff/tzdiff.
 */
struct tzf_cmp_side;
struct tzf_cmp;

/*
 * Build side *OUT from the tree SPEC names (see tzf_tree_open) with
 * switches SW (NULL: the defaults): its histories, the Zones of its
 * backzone file, its table files, the "#= NAME" alias notes of its zic
 * input, the header of its tzdata.zi and its release date.  TZF_EINVAL
 * when building reported errors (a link cycle, a link to nowhere zic
 * refuses): a report on such a side would be wrong.
 */
int tzf_cmp_side_open(struct tzf_cmp_side **out, const char *spec,
    const struct tzf_switches *sw, struct tzf_diag *dg);
void tzf_cmp_side_free(struct tzf_cmp_side *s);
const struct tzf_tree *tzf_cmp_side_tree(const struct tzf_cmp_side *s);
const struct tzf_histset *tzf_cmp_side_histset(const struct tzf_cmp_side *s);
/* The switches the side was built with (strings borrowed). */
void tzf_cmp_side_switches(struct tzf_switches *out,
    const struct tzf_cmp_side *s);
/* tzdata.zi header lines ("# version 2026c", "# ddeps backzone ..."). */
size_t tzf_cmp_side_nheader(const struct tzf_cmp_side *s);
const char *tzf_cmp_side_header(const struct tzf_cmp_side *s, size_t i);
/* The date of the release the side holds: the first dated "Release"
 * line of its NEWS.  False when the tree says none. */
bool tzf_cmp_side_date(int64_t *out, const struct tzf_cmp_side *s);

/* 2100-01-01T00:00:00Z, the default end of the compared time range. */
#define TZF_CMP_UNTIL_DEFAULT INT64_C(4102444800)

/* The range of UT instants compared: [from, until). */
struct tzf_cmp_opts {
	int64_t from;		/* INT64_MIN: all of the past */
	int64_t until;
};
#define TZF_CMP_OPTS_INIT { INT64_MIN, TZF_CMP_UNTIL_DEFAULT }

/* Zone <-> Link events. */
enum tzf_cmp_merge {
	TZF_CMP_MERGE_NONE,
	TZF_CMP_MERGE_BACKZONE,	/* Zone -> Link, history moved to backzone */
	TZF_CMP_MERGE_RENAME,	/* Zone -> Link to a zone new on that side */
	TZF_CMP_MERGE_DISCARDED,	/* Zone -> Link, no backzone entry */
	TZF_CMP_MERGE_SPLIT	/* Link -> Zone: link split back into a zone */
};

/* What differs, for a name or an interval. */
enum tzf_cmp_class {
	TZF_CMP_SAME,
	TZF_CMP_OFFSET,		/* the UT offset */
	TZF_CMP_ABBR,		/* abbreviation (and maybe isdst) only */
	TZF_CMP_ISDST		/* isdst only */
};

/* Flags of a struct tzf_cmp_name. */
#define TZF_CMP_ADDED		0x01u
#define TZF_CMP_REMOVED		0x02u
#define TZF_CMP_ZONE_TO_LINK	0x04u
#define TZF_CMP_LINK_TO_ZONE	0x08u
#define TZF_CMP_RETARGETED	0x10u	/* a link on both sides, new target */
#define TZF_CMP_BEHAVIOUR	0x20u	/* compiled data differs in range */
#define TZF_CMP_FOOTER		0x40u	/* TZ footer strings differ */

/* One line of tzdb source behind a difference. */
struct tzf_cmp_src {
	char kind;		/* 'Z' a Zone or continuation line, 'R' a
				 * Rule line, 'L' a Link line */
	const char *file;
	long line;
	const char *text;	/* the line as written; NULL if unknown */
};

/*
 * Differing intervals less than TZF_CMP_EPISODE_GAP apart make one
 * episode: a yearly difference (a DST rule changed) is one episode, two
 * changes decades apart are two.
 */
#define TZF_CMP_EPISODE_GAP INT64_C(31622400)	/* 366 days */

struct tzf_cmp_episode {
	int64_t start;		/* INT64_MIN: from the earliest data */
	int64_t end;		/* the sides agree again; INT64_MAX: open,
				 * the difference goes on past the range */
	struct tzf_local old, new;	/* in effect at START on each side */
	bool has_after;		/* AFTER is known (not open) */
	struct tzf_local after;	/* in effect at END on both sides */
	enum tzf_cmp_class cls;	/* the strongest class among intervals */
	bool lmt_only;		/* LMT on one side in every interval */
	bool future;		/* ends after the split date, or open */
	size_t ndiff, noffset, nabbr, nisdst;	/* differing intervals */
	int32_t maxdelta;	/* largest |UT offset difference| */
	int32_t maxdelta_nolmt;	/* the same where neither side is LMT */
	const struct tzf_cmp_src *src[2];	/* lines behind it: old, new */
	size_t nsrc[2];
};

/* A name about which there is something to say. */
struct tzf_cmp_name {
	const char *name;
	const struct tzf_name *old, *new;	/* NULL when absent there */
	struct tzf_cmp_src where[2];	/* its Zone or Link line; kind 0
					 * on a side without the name */
	unsigned flags;			/* TZF_CMP_* */
	enum tzf_cmp_merge merge;	/* Zone <-> Link events */
	bool in_backzone;	/* the Link side's backzone has this Zone */
	struct tzf_cmp_src bzwhere;	/* that Zone's line (kind 0: none) */
	/* Behaviour over [from, until), when TZF_CMP_BEHAVIOUR: */
	enum tzf_cmp_class cls;	/* the strongest class among intervals */
	bool lmt_only;		/* every differing interval involves LMT */
	size_t ndiff;		/* differing intervals */
	size_t noffset, nabbr, nisdst;	/* of which offset, abbr, isdst */
	int64_t first;		/* start of the first (INT64_MIN: unbounded) */
	int64_t first_finite;	/* first finite bound of a difference */
	int64_t last;		/* end of the last differing interval */
	int32_t maxdelta;	/* largest |UT offset difference|, seconds */
	int32_t maxdelta_nolmt;	/* the same without intervals of LMT */
	bool since1970;		/* reaches 1970-01-01T00:00Z, or footer */
	bool past, future;	/* has episodes before / after the split */
	const char *footer_old, *footer_new;	/* TZ strings */
	const struct tzf_cmp_episode *episodes;
	size_t nepisodes;
	/*
	 * Aliases: names whose data comes from the same zones on both sides
	 * differ alike and form a group, listed under its head (the name
	 * that is the zone on the new side, else on the old side, else the
	 * first).  GROUP is the head's name; NGROUP counts the members,
	 * head included, and is set on the head only.
	 */
	const char *group;
	size_t ngroup;
};

/* A link chain (a Link whose target is a Link) or a name that should be
 * an alias (ziguard's "#= TARGET" note) but compiles differently. */
struct tzf_cmp_alias {
	int side;		/* 0 old, 1 new */
	bool chain;		/* true: chain; false: alias mismatch */
	const char *name;
	const char *target;	/* chain: the link's target; else the alias */
	const char *zone;	/* the zone NAME's data comes from */
	const char *const *hops;	/* chain: NAME, TARGET, ... ZONE */
	size_t nhops;
};

/* One changed entry of a table file. */
struct tzf_cmp_tab {
	const char *file;	/* "zone.tab", ... */
	const char *key;	/* TZ column; code for iso3166.tab */
	const char *old, *new;	/* the whole lines; NULL when absent */
	long old_line, new_line;	/* their line numbers, 0 if absent */
};

/* A table file present on one side only. */
struct tzf_cmp_tabfile {
	const char *file;
	int side;		/* 0: only the old side has it; 1: the new */
	size_t entries;
};

struct tzf_cmp_summary {
	size_t names_old, names_new, added, removed;
	size_t zone_to_link, link_to_zone, link_retargeted;
	size_t link_chains_old, link_chains_new, alias_mismatch;
	size_t behaviour_changed, changed_before_1970_only, changed_since_1970;
	size_t offset_changed, abbreviation_only, isdst_only, footer_changed;
	size_t lmt_only;	/* names whose differences all involve LMT */
	size_t zones_changed;	/* groups of names that differ alike */
	size_t changed_past, changed_future;	/* names, by the split */
	size_t table_changes, table_files_changed;
};

/* Compare OLD with NEW over OPTS (NULL: all of time to 2100). */
int tzf_compare(struct tzf_cmp **out, const struct tzf_cmp_side *old,
    const struct tzf_cmp_side *new, const struct tzf_cmp_opts *opts,
    struct tzf_diag *dg);
void tzf_cmp_free(struct tzf_cmp *c);
const struct tzf_cmp_summary *tzf_cmp_summary(const struct tzf_cmp *c);
bool tzf_cmp_differ(const struct tzf_cmp *c);	/* anything to report */
const struct tzf_cmp_side *tzf_cmp_old(const struct tzf_cmp *c);
const struct tzf_cmp_side *tzf_cmp_new(const struct tzf_cmp *c);
const struct tzf_cmp_opts *tzf_cmp_opts(const struct tzf_cmp *c);
/* Where past ends and future begins: the new side's release date, else
 * 1970-01-01T00:00Z (*KNOWN false). */
int64_t tzf_cmp_split(const struct tzf_cmp *c, bool *known);
/* Names with any difference, sorted. */
size_t tzf_cmp_count(const struct tzf_cmp *c);
const struct tzf_cmp_name *tzf_cmp_name(const struct tzf_cmp *c, size_t i);
const struct tzf_cmp_name *tzf_cmp_find(const struct tzf_cmp *c,
    const char *name);
/* Link chains and alias mismatches, old side first. */
size_t tzf_cmp_nlinks(const struct tzf_cmp *c);
const struct tzf_cmp_alias *tzf_cmp_link(const struct tzf_cmp *c, size_t i);
/* Table file entry changes, by file then key. */
size_t tzf_cmp_ntabs(const struct tzf_cmp *c);
const struct tzf_cmp_tab *tzf_cmp_tab(const struct tzf_cmp *c, size_t i);
/* Table files present on one side only. */
size_t tzf_cmp_ntabfiles(const struct tzf_cmp *c);
const struct tzf_cmp_tabfile *tzf_cmp_tabfile(const struct tzf_cmp *c,
    size_t i);

/* NAME side by side: one row per interval in which neither side
 * changes.  Release *OUT with tzf_free().  TZF_ENOTFOUND if NAME has
 * data on neither side. */
struct tzf_cmp_row {
	int64_t start, end;	/* start INT64_MIN: unbounded */
	bool has_old, has_new;
	struct tzf_local old, new;
	bool differ;
};
int tzf_cmp_rows(struct tzf_cmp_row **out, size_t *n,
    const struct tzf_cmp *c, const char *name);

/*
 * Releases of the git repository REPO (or fork name): RANGE is
 * "TAG1..TAG2" (every tag of TAG1's family, 2022b or 2022bgtz, from TAG1
 * to TAG2 in tzdb version order; either end may be empty) or a comma
 * list taken as given.  Free with tzf_release_list_free().
 * (lib/releases.c)
 */
int tzf_release_list(char ***out, size_t *n, const char *repo,
    const char *range, struct tzf_diag *dg);
void tzf_release_list_free(char **list, size_t n);
/* Order of tzdb versions: 2012e < 2012j < 2013a ... < 2022b < 2022bgtz. */
int tzf_version_cmp(const char *a, const char *b);

/* ------------------------------------------------------------------ */
/* Charts (lib/chart.c): UT offset over time as inline SVG */

/* A series holds UTOFF from START until the next step's start. */
struct tzf_chart_step {
	int64_t start;		/* INT64_MIN: from the earliest data */
	int32_t utoff;
};
struct tzf_chart_series {
	const char *label;	/* for the legend */
	const struct tzf_chart_step *steps;
	size_t n;
};
/* A shaded span, such as a differing episode. */
struct tzf_chart_band {
	int64_t start, end;
};
struct tzf_chart {
	const char *title;	/* the SVG's title element */
	int64_t from, until;	/* the time axis */
	const struct tzf_chart_series *series;
	size_t nseries;
	const struct tzf_chart_band *bands;
	size_t nbands;
	int width, height;	/* 0: 720 by 200 */
};
/* Append an svg element drawing C, for inline use in HTML.  TZF_EINVAL
 * if the time axis is empty. */
int tzf_chart_svg(struct tzf_buf *out, const struct tzf_chart *c);

/* ------------------------------------------------------------------ */
/* Commits (lib/gitsrc.c) and what they changed (lib/attrib.c) */

/* One commit of a repository. */
struct tzf_commit {
	char id[41];		/* hex */
	char parent[41];	/* first parent, "" for a root commit */
	int64_t time;		/* author time, seconds since 1970 UT */
	char *author;		/* author's name */
	char *subject;		/* first paragraph of the message, one line */
	bool touches;		/* changes a watched file against PARENT */
};
/*
 * The commits of the repository at PATH along first parents, oldest
 * first: RANGE is "A..B" (B's, not A's; B empty for HEAD) or "B" (B and
 * all before it).  TOUCHES tells whether a commit changes one of the
 * top-level files WATCH (NULL-terminated; NULL for none) against its
 * first parent, by object id, without reading them.  Free with
 * tzf_commits_free().
 */
int tzf_git_log(struct tzf_commit **out, size_t *n, const char *path,
    const char *range, const char *const *watch, struct tzf_diag *dg);
void tzf_commits_free(struct tzf_commit *c, size_t n);

/* What a walk over commits did. */
struct tzf_attrib_stats {
	size_t ncommits;	/* in the range */
	size_t ntouching;	/* touching a file the build reads */
	size_t nbuilt;		/* compiled: more than comments changed */
	size_t nchanged;	/* changing compiled behaviour */
	size_t nguard;		/* built with the last ziguard.awk tzforge
				 * knows, their own being one it does not */
};
/*
 * Call FN for each commit of RANGE in REPO (a path or a fork name) that
 * changes compiled behaviour, with the comparison of its first parent
 * and itself (both built with SW, compared over OPTS; either may be
 * NULL).  Commits that touch no file the build reads are passed over
 * without reading them, and commits that change only comments without
 * compiling anything.  FN returns 0 to go on; any other value stops the
 * walk and is returned.  STATS, when not NULL, receives the counts.
 * A commit between releases whose ziguard.awk is a version tzforge
 * does not know is built with the last version it read that it knows,
 * with a warning, and counted.
 */
int tzf_attrib_commits(struct tzf_attrib_stats *stats, const char *repo,
    const char *range,
    const struct tzf_switches *sw, const struct tzf_cmp_opts *opts,
    int (*fn)(void *payload, const struct tzf_commit *c,
	const struct tzf_cmp *cmp),
    void *payload, struct tzf_diag *dg);

/* What NAME has at an instant in one state of a repository. */
struct tzf_answer {
	bool present;		/* the name exists and has data */
	bool islink;
	struct tzf_local l;
	char *zone;		/* the zone whose data it has */
	char *file;		/* the zone line in effect then */
	long line;
	char *text;
};
/* The blame of NAME at T: the last commit that changed the answer. */
struct tzf_blame {
	bool found;		/* false: the same since the first commit */
	bool stopped;		/* not found: the state before COMMIT, and
				 * so all older ones, do not compile */
	struct tzf_commit commit;
	struct tzf_answer before, after;	/* at its parent, at it */
	size_t nwalked, nbuilt;	/* commits looked at, states compiled */
	size_t nguard;		/* built with another ziguard.awk, as
				 * tzf_attrib_commits says */
};
/*
 * A behavioural git blame: walk back from REF (along first parents) to
 * the last commit after which NAME no longer gave the answer it gives
 * at REF for the UT instant T.  The walk ends early, not found, where
 * older data no longer compiles.  TZF_ENOTFOUND if REF is unknown.
 */
int tzf_attrib_blame(struct tzf_blame *out, const char *repo,
    const char *ref, const char *name, int64_t t,
    const struct tzf_switches *sw, struct tzf_diag *dg);
void tzf_blame_dispose(struct tzf_blame *b);

#endif /* TZFORGE_COMPARE_H */
