/*
 * report.h: tzdiff's reports, shared by the files of diff/.
 *
 * Each program renders its own reports: lib/compare.c computes, these
 * files write.  report.c writes text, markdown and the NEWS-shaped
 * report, report_json.c JSON, html.c the HTML page (its charts come
 * from lib/chart.c).  Everything is appended to a struct tzf_buf and is
 * deterministic: names sorted, dates through lib/civil.c, untrusted
 * text through lib/escape.c.
 */
#ifndef TZDIFF_REPORT_H
#define TZDIFF_REPORT_H

#include "tzforge.h"

enum report_format {
	FMT_TEXT, FMT_MARKDOWN, FMT_JSON, FMT_NEWS, FMT_HTML, FMT_BRIEF
};

/* The JSON schema number tzdiff.1 documents. */
#define TZDIFF_SCHEMA 2

/* One report of comparison C; ZONE non-NULL: that name alone. */
int report_write(struct tzf_buf *out, const struct tzf_cmp *c,
    enum report_format fmt, const char *zone);

/* The walk summary (--summary): a heading, then one row per step. */
void report_summary_head(struct tzf_buf *out, enum report_format fmt);
void report_summary_row(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *from, const char *to, enum report_format fmt);

/* One commit that changed behaviour (--commits): a heading line with
 * its short id, date, author and subject, then what changed. */
void report_commit(struct tzf_buf *out, const struct tzf_commit *c,
    const struct tzf_cmp *cmp, enum report_format fmt);

/* report_json.c */
void report_json(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *zone, bool pretty);
void report_json_summary(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *from, const char *to);
void report_json_commit(struct tzf_buf *out, const struct tzf_commit *c,
    const struct tzf_cmp *cmp);

/* html.c */
void report_html(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *zone);

/* Helpers shared by the writers (report.c). */
void put_time(struct tzf_buf *b, int64_t t);	/* ...Z, "-" unbounded */
void put_local_time(struct tzf_buf *b, int64_t t, int32_t utoff);
void put_offset(struct tzf_buf *b, int32_t off);	/* +01, +00:53:28 */
void put_delta(struct tzf_buf *b, int32_t d);		/* 2:00, 0:08:39 */
void put_local(struct tzf_buf *b, const struct tzf_local *l);
/* A source line's text for a terminal: runs of blanks as one space. */
void put_src_text(struct tzf_buf *b, const char *text);
/* The same for HTML when HTML, escaped as tzf_buf_put_html does. */
void put_src_line(struct tzf_buf *b, const char *text, bool html);
const char *merge_name(enum tzf_cmp_merge m);
const char *merge_text(enum tzf_cmp_merge m);
const char *class_name(enum tzf_cmp_class c);
const char *class_text(enum tzf_cmp_class c);
/* "1916-04-30T22:00:00Z .. 1918-09-16T01:00:00Z: offset, 4 intervals,
 * max 1:00": when an episode happens and its figures. */
void episode_words(struct tzf_buf *b, const struct tzf_cmp_episode *ep);
/* SIDE, then what L is, then its local time at T when T is finite:
 * "old +02 CEST dst (1916-05-01T00:00:00 local)". */
void value_at(struct tzf_buf *b, const char *side, const struct tzf_local *l,
    int64_t t);
/* Does EP belong under "Changes to past time zone abbreviations"? */
bool episode_abbr_only(const struct tzf_cmp_episode *ep);
/* The release a side holds, for headings: version, else the spec. */
const char *side_label(const struct tzf_cmp_side *s);
/* The label of side SIDE (0 old, 1 new) of C: its version, or its spec
 * when both sides have the same version. */
const char *cmp_label(const struct tzf_cmp *c, int side);

#endif /* TZDIFF_REPORT_H */
