/*
 * tzforge_test.h: entry points that exist for the tests only (unit
 * tests, fuzz targets and the tools of tests/tools), on top of the
 * public API.  The programs may not include it (tests/lint.sh).
 */
#ifndef TZFORGE_TEST_H
#define TZFORGE_TEST_H

#include "tzforge.h"

/*
 * Append the TZif bytes of t to out.  For anything tzf_tzif_parse()
 * accepted they are the parsed bytes exactly.  TZF_EINVAL if t cannot be
 * written (bad version, a v1 time beyond 32 bits, a footer holding a
 * newline, a count without its array); nothing is appended then.
 * TZF_ENOMEM if out ran out of memory.
 */
int tzf_tzif_encode(struct tzf_buf *out, const struct tzf_tzif *t);

/* Append to OUT the text zic should compile (tzf_build_text of the
 * build tzf_build_release makes). */
int tzf_tree_zic_input(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);

/* A fork's tag family suffix ("gtz", "" upstream) and the switches its
 * releases are built with (its manifest's profile). */
const char *tzf_fork_suffix(const struct tzf_fork *f);
const struct tzf_switches *tzf_fork_profile(const struct tzf_fork *f);

/*
 * The lines of zone I with their start instants, as the expander
 * computes them (a line's UNTIL converted with that line's offsets).
 * Release *OUT with tzf_free(); *N is the number of lines.
 */
int tzf_db_zone_spans(struct tzf_span **out, size_t *n, struct tzf_db *db,
    size_t i);

/* The histories of every name of zic input TEXT (NAME is used in
 * diagnostics). */
int tzf_histset_from_text(struct tzf_histset **out, const char *name,
    const char *text, size_t len, struct tzf_diag *dg);

#endif /* TZFORGE_TEST_H */
