/*
 * tzforge/zic.h: the parsed model, compiling, links and the histories
 * of every name (lib/parse.c, expand.c, tzif_write.c, compile.c,
 * links.c, history.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_ZIC_H
#define TZFORGE_ZIC_H

#include "tzforge/core.h"
#include "tzforge/tzif.h"
#include "tzforge/source.h"

/* ------------------------------------------------------------------ */
/* Parsed model, expander and TZif writer (lib/parse.c, lib/expand.c,
 * lib/tzif_write.c) */

/* Options of a zic run that change what is parsed or written. */
struct tzf_zic_opts {
	bool fat;		/* -b fat */
	bool noise;		/* -v: extra warnings */
	int64_t lo_time;	/* -r @lo (inclusive); INT64_MIN if none */
	int64_t hi_time;	/* -r /@hi minus 1; INT64_MAX if none */
	int64_t redundant_time;	/* -R @hi, raised to lo_time; INT64_MIN */
	const char *tzdefault;	/* -t path when -l was given, else NULL */
	bool psxrules;		/* -p was given */
	/* --fix-quirks: correct the files zic 2026c gets wrong (zic.8,
	 * BUGS); false writes zic 2026c's bytes, quirks included. */
	bool fix_quirks;
};
#define TZF_ZIC_OPTS_INIT { false, false, INT64_MIN, INT64_MAX, \
	INT64_MIN, NULL, false, false }

/*
 * A parsed tzdb: Rule, Zone and Link lines (and Leap/Expires lines from
 * a leap-second file), each with its file:line.  Parse every input, then
 * associate, then compile zones one by one.
 */
struct tzf_db;

int tzf_db_new(struct tzf_db **out, const struct tzf_zic_opts *opts,
    struct tzf_diag *dg);
void tzf_db_free(struct tzf_db *db);

/*
 * Parse one input file held in memory; NAME is used in diagnostics
 * ("standard input" for stdin).  LEAPFILE selects the -L grammar.
 * Errors zic treats as fatal return TZF_EINVAL (stop the run); others
 * are only counted in dg->nerr, as zic reads on and fails later.
 */
int tzf_db_parse(struct tzf_db *db, const char *name, const char *text,
    size_t len, bool leapfile);

/* Where a line of generated zic input came from (a release's main.zi:
 * see tzf_build_release). */
struct tzf_origin {
	const char *file;	/* a file of the tree, e.g. "northamerica" */
	long line;		/* its line there, 1-based */
};

/* The zic input of release R, parsed with its origins. */
int tzf_db_parse_build(struct tzf_db *db, const struct tzf_build *r);

/* After the leap-second file: accumulate corrections, check spacing. */
int tzf_db_leaps_done(struct tzf_db *db);

/* Attach rules to zones (zic's associate step).  Fails on errors. */
int tzf_db_associate(struct tzf_db *db);

size_t tzf_db_nzones(const struct tzf_db *db);
const char *tzf_db_zone_name(const struct tzf_db *db, size_t i);
void tzf_db_zone_where(const char **file, long *line,
    const struct tzf_db *db, size_t i);

/*
 * Expand zone I and lay it out as a TZif file in OUT, byte for byte as
 * zic 2026c writes it.  Output-phase errors (zic still writes the file)
 * are counted in dg->nerr; fatal ones return a negative code.
 */
int tzf_db_compile_zone(struct tzf_buf *out, struct tzf_db *db, size_t i);

/* One line of a zone, and the UT instant from which it governs. */
struct tzf_span {
	const char *file;	/* borrowed from the db */
	long line;
	int64_t start;		/* INT64_MIN for the first line */
};


/* Each Link line: in input order until tzf_db_links() sorts them. */
size_t tzf_db_nlinks(const struct tzf_db *db);
void tzf_db_link_at(const char **target, const char **linkname,
    const char **file, long *line, const struct tzf_db *db, size_t i);

/*
 * Links in the order zic makes them: sorted by name, later duplicates
 * winning, each after its target when that is itself a link.  FN is
 * called once per link to make; it returns TZF_OK or a negative code
 * that stops the walk.  Self links and cycles are reported as errors.
 */
int tzf_db_links(struct tzf_db *db,
    int (*fn)(void *payload, const char *target, const char *linkname,
	const char *file, long line),
    void *payload);


/* ------------------------------------------------------------------ */
/* Histories of every name of a tzdb (lib/history.c) */

/* One name of a tzdb, after zic's link rules. */
struct tzf_name {
	const char *name;
	bool islink;
	const char *target;	/* Link TARGET as written; NULL for zones */
	const char *zone;	/* the Zone whose data the name has, or NULL
				 * when its link leads nowhere */
	const char *file;	/* where the name is defined */
	long line;
};

struct tzf_histset;

void tzf_histset_free(struct tzf_histset *hs);

/* Names sorted by strcmp; index-based accessors, all borrowed. */
size_t tzf_histset_count(const struct tzf_histset *hs);
const struct tzf_name *tzf_histset_name(const struct tzf_histset *hs,
    size_t i);
ptrdiff_t tzf_histset_find(const struct tzf_histset *hs, const char *name);
/* The name's data (its zone's for a link); NULL if the link is broken. */
const struct tzf_tzif *tzf_histset_tzif(const struct tzf_histset *hs,
    size_t i);
/* The name's TZif bytes (*LEN of them) and its zone's lines (*N); NULL
 * and 0 if the link is broken. */
const void *tzf_histset_bytes(size_t *len, const struct tzf_histset *hs,
    size_t i);
const struct tzf_span *tzf_histset_spans(size_t *n,
    const struct tzf_histset *hs, size_t i);

#endif /* TZFORGE_ZIC_H */
