/*
 * tzdb.h: what the two halves of data/tzdb share: tzdb.c (the commands
 * and their options) and print.c (every byte the program writes on
 * standard output, as text or JSON).
 */
#ifndef TZDB_H
#define TZDB_H

#include "tzforge.h"

/* Exit statuses (tzdb.1, EXIT STATUS). */
#define EXIT_MATCH	0	/* an answer */
#define EXIT_NOMATCH	1	/* no answer: unknown name, rejected time... */
#define EXIT_TROUBLE	2	/* bad usage, bad data, a failed write */

/* The version of the JSON documents tzdb writes (tzdb.1, JSON). */
#define TZDB_JSON_SCHEMA 1

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
    __attribute__((noreturn));

/* Output: everything goes to one buffer, written out by out_flush()
 * (a failed write: one "write error" line, exit 2). */
void out_start(bool json);
void out_flush(void);
/* Exchange formats made by the library, written as they are. */
void out_raw(const struct tzf_buf *b);

/* One answer of tzdb at. */
struct at_answer {
	int64_t ut;
	struct tzf_local l;
	const struct tzf_zoneline *line;
};

void print_at(const struct tzf_zinfo *z, const struct at_answer *a,
    size_t n);
void print_at_batch(const char *name, const struct at_answer *a);
void print_at_releases(const char *name, int64_t ut,
    const struct tzf_rel_answer *a, size_t n);
void print_local(const struct tzf_zinfo *z, int64_t local,
    const char *policy, const struct tzf_resolved *r, bool chosen,
    int64_t ut, const struct tzf_local *l);
void print_transitions(const struct tzf_zinfo *z, int64_t from,
    int64_t until, const struct tzf_change *c, size_t n);
void print_zones(const char *release, struct tzf_zinfo *const *z,
    size_t n);
void print_tab(const char *release, const char *country,
    const struct tzf_tab_row *r, size_t n);
void print_history(const char *name, const struct tzf_hist_row *r,
    size_t n, bool all);
void print_releases(const struct tzf_release *r, size_t n);
void print_check(const char *db, bool ok);
void print_blame(const char *name, int64_t ut, const char *repo,
    const char *ref, const struct tzf_blame *b);

/* html.c: the history of NAME as an HTML page with a chart of each
 * distinct history (rows R as tzf_store_history gives them). */
int html_history(struct tzf_store *st, const char *name,
    const struct tzf_hist_row *r, size_t n, struct tzf_diag *dg);

#endif /* TZDB_H */
