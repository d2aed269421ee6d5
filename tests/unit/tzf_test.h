/*
 * tzf_test.h: shared support for the cmocka unit tests of the core
 * (test_parse.c, test_expand.c, test_tzif_write.c).
 *
 *   - cmocka 1.1.5's include order, done once;
 *   - struct tt_diag: a struct tzf_diag sink that keeps every message
 *     (severity, file, line, rule provenance, text) for assertions, and
 *     tt_expect_msg() to check one of them exactly;
 *   - tt_compile(): zic input text (plus an optional leap-second file)
 *     -> parse, associate, compile one zone -> TZif bytes, with the stage
 *     that failed;
 *   - shared data: tt_shared_path() finds ../shared (or $TZF_SHARED)
 *     relative to the current directory, which is the repository root
 *     when make runs the tests; tt_slurp() reads a file;
 *   - tt_zone_extract(): the Zone block of one zone and the Rule lines it
 *     uses, pulled out of tzdb source text;
 *   - struct tt_tzif: a small hand decoder of TZif bytes (header counts,
 *     both blocks, footer), independent of lib/tzif_read.c.
 *
 * The code is in support.c, compiled once and linked into every unit
 * program (the Makefile links in each tests/unit C file that is not a
 * test program).
 */
#ifndef TZF_TEST_H
#define TZF_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "tzforge_test.h"

/* ------------------------------------------------------------------ */
/* Diagnostics capture */

struct tt_msg {
	enum tzf_sev sev;
	char *file;		/* NULL if not tied to input */
	long line;
	char *rfile;		/* NULL if no rule provenance */
	long rline;
	bool sys;
	char *text;
};

struct tt_diag {
	struct tzf_diag dg;	/* hand &d->dg to the library */
	struct tt_msg *msgs;
	int n, alloc;
};

char *
tt_strdup(const char *s);

void
tt_collect(void *payload, const struct tzf_msg *m);

void
tt_diag_init(struct tt_diag *d);

/* Forget the messages and counts collected so far. */
void
tt_diag_reset(struct tt_diag *d);

void
tt_diag_free(struct tt_diag *d);

const char *
tt_sevname(enum tzf_sev sev);

/* Print every message, zic style, to help read a failure. */
void
tt_diag_dump(const struct tt_diag *d);

/* Index of the first message with severity SEV and text TEXT, or -1. */
int
tt_find(const struct tt_diag *d, enum tzf_sev sev, const char *text);

/* How many messages have severity SEV and text TEXT. */
int
tt_count(const struct tt_diag *d, enum tzf_sev sev, const char *text);

bool
tt_streq_null(const char *a, const char *b);

/*
 * Message I must be exactly SEV, FILE (NULL: not tied to input), LINE
 * (ignored when FILE is NULL) and TEXT.  On mismatch all messages are
 * printed and the test fails at the caller's line.
 */
void
tt_expect_msg_at(const struct tt_diag *d, int i, enum tzf_sev sev,
    const char *file, long line, const char *text, const char *cfile,
    int cline);
#define tt_expect_msg(d, i, sev, file, line, text) \
	tt_expect_msg_at((d), (i), (sev), (file), (line), (text), \
	    __FILE__, __LINE__)

/* Exactly N messages, else dump them and fail at the caller's line. */
void
tt_expect_nmsg_at(const struct tt_diag *d, int n, const char *cfile,
    int cline);
#define tt_expect_nmsg(d, n) tt_expect_nmsg_at((d), (n), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Running the library on text */

/* The stage of tt_compile() that failed, or TT_DONE. */
enum tt_stage { TT_NEW, TT_LEAPPARSE, TT_LEAPSDONE, TT_PARSE, TT_ERRORS,
	TT_ASSOCIATE, TT_NOZONE, TT_COMPILE, TT_DONE };

struct tt_run {
	struct tzf_db *db;
	struct tt_diag d;
	enum tt_stage stage;	/* where it stopped */
	int rc;			/* that stage's return code */
	struct tzf_buf out;	/* TZif bytes when stage == TT_DONE */
};

size_t
tt_zone_index(const struct tzf_db *db, const char *zone);

/*
 * What zic would do with OPTS, leap-second file LEAP (NULL for none,
 * named "leapseconds") and input TEXT (named "in.zi") for zone ZONE:
 * parse, stop if errors were counted (zic's "exit 1 before any output"),
 * associate, compile.  ZONE NULL stops after associate.  r->stage says
 * how far it got; release with tt_run_free().
 */
void
tt_compile(struct tt_run *r, const struct tzf_zic_opts *opts,
    const char *leap, const char *text, const char *zone);

void
tt_run_free(struct tt_run *r);

/* r must have reached TT_DONE; else print why and fail. */
void
tt_expect_done_at(const struct tt_run *r, const char *cfile, int cline);
#define tt_expect_done(r) tt_expect_done_at((r), __FILE__, __LINE__)

/* ------------------------------------------------------------------ */
/* Scratch trees (the source-layer tests: leapsec, install, zishrink) */

/* Group setup: the library started and a scratch directory made from
 * TMPL ("/tmp/NAME.XXXXXX", rewritten in place). */
int
tt_scratch_setup(char *tmpl);

/* Group teardown: the scratch directory removed, the library stopped. */
int
tt_scratch_teardown(const char *dir);

/* The first line of what shell command CMD prints, without its newline
 * ("" if it prints nothing). */
void
tt_shell_line(char *out, size_t size, const char *cmd);

/* The instant S names in the one time grammar (tzf_time_parse); S must
 * be valid. */
int64_t
tt_at(const char *s);

/* Write LEN bytes of TEXT to DIR/NAME. */
void
tt_write_file(const char *dir, const char *name, const char *text,
    size_t len);

/* ------------------------------------------------------------------ */
/* Shared data */

/* "$TZF_SHARED/REL", TZF_SHARED defaulting to ../shared. */
void
tt_shared_path(char *out, size_t size, const char *rel);

/* The whole file at PATH, NUL-terminated; NULL if unreadable. */
char *
tt_slurp(const char *path, size_t *len);

/* A shared file that must exist: missing data is a failure, not a skip. */
char *
tt_shared_slurp(const char *rel, size_t *len);

/* ------------------------------------------------------------------ */
/* Pulling one zone out of tzdb source text */

/* Field N (0-based) of LINE, whitespace-separated, into OUT; false if
 * the line has fewer fields or a comment comes first. */
bool
tt_field(const char *line, const char *end, int n, char *out, size_t size);

bool
tt_blank_or_comment(const char *line, const char *end);

/*
 * Append to OUT the Rule lines of SRC[0..nsrc) named in RULES (a list of
 * NUL-terminated names ending with an empty one), then the Zone block of
 * ZONE (its Zone line and continuation lines) from ZSRC.  Returns the
 * number of lines of the zone block, 0 if ZONE is not in ZSRC.  Plain
 * tzdb layout is assumed: continuation lines are indented.
 */
int
tt_zone_extract(struct tzf_buf *out, const char *zsrc, const char *zone,
    const char *const *src, int nsrc);

/* ------------------------------------------------------------------ */
/* Decoding TZif bytes by hand */

struct tt_block {
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
	const unsigned char *times;	/* 4 or 8 bytes each, big-endian */
	const unsigned char *idxs;
	const unsigned char *types;	/* 6 bytes each */
	const unsigned char *chars;
	const unsigned char *leaps;	/* 8 or 12 bytes each */
	const unsigned char *isstd, *isut;
	size_t start, size;		/* offset and length incl. header */
	int tsize;			/* 4 or 8 */
};

struct tt_tzif {
	char version;			/* the byte: '\0', '2', '3', '4' */
	char version2;			/* the second header's byte */
	struct tt_block v1, v2;
	const char *footer;		/* private copy; "" if empty */
	char *footer_buf;
};

uint32_t
tt_be32(const unsigned char *p);

int64_t
tt_be64(const unsigned char *p);

bool
tt_block_decode(struct tt_block *b, const unsigned char *d, size_t len,
    size_t off, int tsize);

/* Decode D[0..LEN); fails the test if it is not well-formed enough. */
void
tt_tzif_decode(struct tt_tzif *t, const void *data, size_t len);

void
tt_tzif_free(struct tt_tzif *t);

/* Transition I of block B. */
int64_t
tt_time(const struct tt_block *b, uint32_t i);

int32_t
tt_type_utoff(const struct tt_block *b, uint32_t i);

int
tt_type_isdst(const struct tt_block *b, uint32_t i);

const char *
tt_type_abbr(const struct tt_block *b, uint32_t i);

int64_t
tt_leap_time(const struct tt_block *b, uint32_t i);

int32_t
tt_leap_corr(const struct tt_block *b, uint32_t i);

/*
 * Compare GOT with the bytes of golden file REL (under $TZF_SHARED);
 * on a difference print the first differing offset and fail at the
 * caller's line.
 */
void
tt_expect_golden_at(const struct tzf_buf *got, const char *rel,
    const char *cfile, int cline);
#define tt_expect_golden(got, rel) \
	tt_expect_golden_at((got), (rel), __FILE__, __LINE__)

#endif /* TZF_TEST_H */
