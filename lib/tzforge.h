/*
 * tzforge.h: the one public header of libtzforge, the core shared by
 * zic/zic, data/tzdb and diff/tzdiff.
 *
 * Conventions (see README):
 *   - functions that can fail return int: TZF_OK (0) or a negative TZF_E*;
 *   - output parameters come first and are named out;
 *   - what comes back through out belongs to the caller and is released
 *     with the matching tzf_*_free(); tzf_*_free(NULL) does nothing;
 *   - the library never prints and never exits: explanations go to a
 *     struct tzf_diag sink the caller supplies.
 */
#ifndef TZFORGE_H
#define TZFORGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZF_VERSION "0.2"
#define TZF_ZIC_VERSION "2026c"	/* the zic whose output we reproduce */

enum {
	TZF_OK = 0,
	TZF_ERROR = -1,		/* generic failure; the sink has details */
	TZF_ENOMEM = -2,
	TZF_ENOTFOUND = -3,	/* expected miss: zone, ref or path */
	TZF_EINVAL = -4,	/* malformed tzdb text, TZif data or spec */
	TZF_EIO = -5		/* a system call failed */
};

/* ------------------------------------------------------------------ */
/* Memory */

/*
 * Every allocation of the library goes through these three functions.
 * Install replacements before any other call (tests use one that fails
 * on the Nth call); NULL restores malloc, realloc and free.
 */
struct tzf_allocator {
	void *(*malloc)(size_t n);
	void *(*realloc)(void *p, size_t n);
	void (*free)(void *p);
};
void tzf_set_allocator(const struct tzf_allocator *a);

/*
 * For command-line programs, at start-up: map the first BYTES of the
 * malloc heap at once and keep it, because page faults cost more than
 * the work of a short run on virtual machines.  Changes glibc's malloc
 * settings for the whole process, so a library user should not call it.
 */
void tzf_prefault_heap(size_t bytes);
/* Release memory the library handed over (e.g. tzf_db_zone_spans). */
void tzf_free(void *p);

/* ------------------------------------------------------------------ */
/* Diagnostics */

enum tzf_sev { TZF_NOTE, TZF_WARN, TZF_ERR };

/*
 * One diagnostic.  When file is non-NULL the message is tied to an input
 * line ("FILE", line N: TEXT), optionally also to the rule that caused
 * it (rfile/rline).  When file is NULL the message is about the run as a
 * whole; sys is then true when zic prefixes it with its program name.
 */
struct tzf_msg {
	enum tzf_sev sev;
	const char *file;	/* NULL if not tied to input */
	long line;
	const char *rfile;	/* rule provenance, or NULL */
	long rline;
	bool sys;		/* "PROG: TEXT" form */
	const char *text;	/* one line, no newline */
};

struct tzf_diag {
	void (*fn)(void *payload, const struct tzf_msg *msg);
	void *payload;
	int nerr, nwarn;	/* counted by the library */
};

/* Growable byte buffer with a sticky out-of-memory flag. */
struct tzf_buf {
	char *ptr;		/* always NUL-terminated when non-NULL */
	size_t len, cap;
	bool oom;
};
#define TZF_BUF_INIT { NULL, 0, 0, false }
/* Room for EXTRA more bytes and the NUL, contents unchanged; false
 * (and oom set) when memory runs out. */
bool tzf_buf_reserve(struct tzf_buf *b, size_t extra);
/* Append all that can be read from FD.  0, else an errno value: EFBIG
 * once more than MAX bytes are held, ENOMEM, or read()'s error. */
int tzf_buf_read_fd(struct tzf_buf *b, int fd, size_t max);
void tzf_buf_add(struct tzf_buf *b, const void *data, size_t len);
void tzf_buf_puts(struct tzf_buf *b, const char *s);
void tzf_buf_printf(struct tzf_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void tzf_buf_dispose(struct tzf_buf *b);

/*
 * Untrusted text made safe to print (lib/escape.c).  tzf_buf_put_text
 * appends S for a terminal: printable ASCII and valid UTF-8 of printable
 * characters as they are, every other byte as \xHH and a backslash as
 * \\.  tzf_buf_put_json_str appends S as a JSON string (null for NULL),
 * always valid UTF-8: controls escaped, invalid bytes as U+FFFD.
 */
void tzf_buf_put_text(struct tzf_buf *b, const char *s);
void tzf_buf_put_json_str(struct tzf_buf *b, const char *s);
/* tzf_buf_put_text for HTML and SVG: & < > " ' as entities too. */
void tzf_buf_put_html(struct tzf_buf *b, const char *s);

/*
 * A JSON writer (lib/json.c) that cannot produce malformed JSON: open
 * containers with tzf_json_object/array, close them with tzf_json_end;
 * KEY names a member inside an object and must be NULL elsewhere.
 * Compact, or PRETTY with one member per line.  At most 62 levels.
 */
struct tzf_json {
	struct tzf_buf *out;
	unsigned depth;
	bool pretty;
	uint64_t object, nonempty;	/* bit d: about level d */
};
void tzf_json_init(struct tzf_json *j, struct tzf_buf *out, bool pretty);
void tzf_json_object(struct tzf_json *j, const char *key);
void tzf_json_array(struct tzf_json *j, const char *key);
void tzf_json_end(struct tzf_json *j);
void tzf_json_str(struct tzf_json *j, const char *key, const char *v);
void tzf_json_int(struct tzf_json *j, const char *key, int64_t v);
void tzf_json_bool(struct tzf_json *j, const char *key, bool v);
void tzf_json_null(struct tzf_json *j, const char *key);

/* ------------------------------------------------------------------ */
/* TZif files (RFC 9636): reader, validator, encoder, lookups */

struct tzf_tzif_type {
	int32_t utoff;
	bool isdst;
	uint8_t abbrind;	/* index into chars */
};

struct tzf_tzif_leap {
	int64_t occur;
	int32_t corr;
};

/* One data block: the v1 (32-bit) block or the v2+ (64-bit) block. */
struct tzf_tzif_block {
	uint32_t timecnt, typecnt, charcnt, leapcnt, isstdcnt, isutcnt;
	int64_t *times;		/* timecnt */
	uint8_t *idxs;		/* timecnt */
	struct tzf_tzif_type *types;	/* typecnt */
	char *chars;		/* charcnt, NUL-separated */
	struct tzf_tzif_leap *leaps;	/* leapcnt */
	uint8_t *isstd;		/* isstdcnt */
	uint8_t *isut;		/* isutcnt */
};

struct tzf_tzif {
	int version;		/* 1 (the v1 '\0' byte), 2, 3 or 4; the
				 * encoder also takes 0 as version 1 */
	struct tzf_tzif_block v1;
	struct tzf_tzif_block v2;	/* empty when version == 1 */
	char *footer;		/* TZ string, "" if empty; NULL for v1 */
};

/* What is in effect at an instant. */
struct tzf_local {
	int32_t utoff;
	bool isdst;
	char abbr[16];
};

/* TZif reader API (lib/tzif_read.c) */
/*
 * Parse and fully validate the TZif file in data[0..len).  Nothing in
 * the input is trusted before it is checked: every count against the
 * bytes that remain, magic, version, indexes, abbreviations, order of
 * times, leap records, and the footer TZ string (POSIX syntax with the
 * RFC 9636 version 3 extensions).  On success *out is a new structure
 * whose version is 1 for a '\0' version byte, else 2, 3 or 4; release it
 * with tzf_tzif_free().  On failure *out is NULL, one TZF_ERR naming the
 * problem goes to dg (tied to name, which may be NULL), and TZF_EINVAL
 * (or TZF_ENOMEM) comes back.
 */
int tzf_tzif_parse(struct tzf_tzif **out, const void *data, size_t len,
    const char *name, struct tzf_diag *dg);
void tzf_tzif_free(struct tzf_tzif *t);

/*
 * Append the TZif bytes of t to out.  For anything tzf_tzif_parse()
 * accepted they are the parsed bytes exactly.  TZF_EINVAL if t cannot be
 * written (bad version, a v1 time beyond 32 bits, a footer holding a
 * newline, a count without its array); nothing is appended then.
 * TZF_ENOMEM if out ran out of memory.
 */
int tzf_tzif_encode(struct tzf_buf *out, const struct tzf_tzif *t);

/* POSIX TZ strings such as TZif footers (RFC 9636 section 3.3) */

enum tzf_tz_datekind {
	TZF_TZ_JULIAN,		/* Jn: day 1-365, February 29 never counted */
	TZF_TZ_YDAY,		/* n: day 0-365, February 29 counted */
	TZF_TZ_MWD		/* Mm.w.d: weekday d of week w of month m */
};

/* When DST starts or ends, in the local time in effect just before. */
struct tzf_tz_rule {
	enum tzf_tz_datekind kind;
	int mon;		/* TZF_TZ_MWD: 1-12 */
	int week;		/* TZF_TZ_MWD: 1-5, 5 meaning the last */
	int day;		/* Jn 1-365, n 0-365, or weekday 0-6 (Sunday 0) */
	int32_t secs;		/* time of day, -167:59:59 to 167:59:59 */
};

struct tzf_tz {
	char stdname[16];	/* without <>; longer names cut to 15 bytes */
	char dstname[16];	/* "" when !hasdst */
	int32_t stdoff;		/* UT offsets, seconds east of Greenwich: */
	int32_t dstoff;		/* the POSIX sign inverted */
	bool hasdst;
	struct tzf_tz_rule start, end;	/* when hasdst */
};

/*
 * Parse the TZ string s.  Accepted: std offset [dst [offset] ,rule,rule]
 * with abbreviations of letters or <[A-Za-z0-9+-]*>, hours up to 167 and
 * signed rule times (version 3 extensions).  DST without rules is refused
 * because its meaning is implementation-defined.  TZF_EINVAL with a
 * message to dg (which may be NULL) if s is malformed.
 */
int tzf_tz_parse(struct tzf_tz *out, const char *s, struct tzf_diag *dg);

/*
 * What tz puts in effect at ut, for any int64_t, proleptic Gregorian.
 * DST is in effect from each start to the next end; an end and a start
 * at the same instant chain, so "XXX3EDT4,0/0,J365/23" is DST all year.
 */
int tzf_tz_eval(struct tzf_local *out, const struct tzf_tz *tz, int64_t ut);

/*
 * The UT instants at which tz's DST start and end rules fire in year
 * (they may fall in a neighbouring year).  TZF_EINVAL if tz has no DST or
 * an instant lies outside int64_t.
 */
int tzf_tz_transitions(int64_t *start_out, int64_t *end_out,
    const struct tzf_tz *tz, int64_t year);

/* ------------------------------------------------------------------ */
/* Timelines (lib/timeline.c): what a TZif file puts in effect over time */

/*
 * A TZif file seen as a step function of UT: type 0 before the first
 * transition, each transition's type from its instant on, and from the
 * last one on the footer TZ string when it has rules (RFC 9636 3.2).
 * Borrows the file's 64-bit block (the v1 block of a version 1 file).
 */
struct tzf_timeline {
	const struct tzf_tzif_block *b;
	bool rules;		/* the footer has a TZ string */
	struct tzf_tz tz;	/* the footer, when rules */
};
/* TZF_EINVAL if T is inconsistent (not made by tzf_tzif_parse()). */
int tzf_timeline_init(struct tzf_timeline *out, const struct tzf_tzif *t);
/* What is in effect at UT, for any int64_t.  Abbreviations longer than
 * 15 bytes are cut. */
int tzf_timeline_at(struct tzf_local *out, const struct tzf_timeline *tl,
    int64_t ut);

/* A change of offset, isdst or abbreviation. */
struct tzf_change {
	int64_t at;
	struct tzf_local before, after;
};
/*
 * Call FN for every change in [FROM, TO], explicit or generated by the
 * footer, in time order.  FN returns 0 to go on; any other value stops
 * the walk and is returned.  A footer alone generates changes from 1800
 * on when FROM is earlier.
 */
int tzf_timeline_changes(const struct tzf_timeline *tl, int64_t from,
    int64_t to, int (*fn)(void *payload, const struct tzf_change *c),
    void *payload);
/*
 * What is in effect at ut (seconds since 1970-01-01 00:00 UT, compared
 * with the file's transition times as they stand: no leap-second
 * correction).  Uses the 64-bit block (the v1 block of a version 1 file):
 * type 0 before the first transition; the footer TZ string on or after
 * the last one, or the last transition's type if the footer is empty; and
 * with no transitions, the footer if any, else type 0 (RFC 9636 3.2).
 * Safe for any int64_t.  Abbreviations longer than 15 bytes are cut.
 * TZF_EINVAL if t is inconsistent (not made by tzf_tzif_parse()).
 * tzf_timeline_init() and tzf_timeline_at() in one call.
 */
int tzf_tzif_lookup(struct tzf_local *out, const struct tzf_tzif *t,
    int64_t ut);


/* ------------------------------------------------------------------ */
/* Source trees (lib/source.c, lib/gitsrc.c, lib/ziguard.c) */
/*
 * A tzdb source tree: the files of one tzdb release held in memory,
 * with where they came from.  SPEC is one of
 *   DIR                     a source directory (tarball layout or a
 *                           checkout of the IANA repository)
 *   FILE.tar[.gz|.lz|...], FILE.tgz
 *                           a release tarball, read in memory with
 *                           libarchive and never extracted
 *   FILE                    one zic input file, e.g. tzdata.zi
 *   REPO@REF                a git repository (bare or not) at a tag,
 *                           branch or commit (HEAD if REF is empty),
 *                           read from its object database (no checkout)
 *   FORK@REF                a fork named in tzdb-forks/, read from its
 *                           bare clone (see tzf_fork_fetch); an empty
 *                           REF is the branch its manifest names
 * Fork manifests are looked up in $TZFORGE_MANIFESTS, else in the
 * compiled-in TZF_FORKS_DIR.  Bare clones live in $TZFORGE_FORKS/NAME.git,
 * else $XDG_CACHE_HOME/tzforge/forks/NAME.git, else
 * ~/.cache/tzforge/forks/NAME.git.
 *
 * A bad SPEC gets one TZF_ERR message and TZF_ENOTFOUND ("no such path",
 * "not a git repository", "unknown ref", "no tzdb data at that ref",
 * "unknown fork", fork not fetched) or TZF_EINVAL ("unsupported or
 * corrupt archive", unsafe or oversized archive member).
 */
struct tzf_tree;

enum tzf_tree_kind {
	TZF_TREE_DIR,		/* a source directory */
	TZF_TREE_TARBALL,	/* a tarball read in memory */
	TZF_TREE_FILE,		/* a single zic input file */
	TZF_TREE_GIT,		/* REPO@REF */
	TZF_TREE_FORK		/* FORK@REF */
};

/* Size caps: any one file, and all files of a tree together. */
#define TZF_FILE_MAX ((size_t)16 << 20)
#define TZF_TREE_MAX ((size_t)64 << 20)

/* libgit2's global state; front ends and test main()s call these once. */
int tzf_init(void);
void tzf_shutdown(void);

int tzf_tree_open(struct tzf_tree **out, const char *spec,
    struct tzf_diag *dg);
void tzf_tree_free(struct tzf_tree *t);

/* Contents of file NAME (borrowed, NUL-terminated); TZF_ENOTFOUND if
 * the tree has no such file.  A single-file tree holds one file whose
 * name is the SPEC's base name. */
int tzf_tree_file(const char **out, size_t *out_len,
    const struct tzf_tree *t, const char *name);

/* Provenance.  Strings are borrowed from the tree. */
const char *tzf_tree_spec(const struct tzf_tree *t);
enum tzf_tree_kind tzf_tree_kind(const struct tzf_tree *t);
const char *tzf_tree_kind_name(enum tzf_tree_kind kind); /* "dir", ... */
const char *tzf_tree_commit(const struct tzf_tree *t);	/* hex or NULL */
/*
 * Release version, as the tree's own Makefile derives it: the VERSION
 * an old Makefile states (up to 2016f); else for REPO@REF and FORK@REF
 * `git describe --match '[0-9][0-9][0-9][0-9][a-z]*' --abbrev=7` (a
 * fork: its manifest's tag family), and for a directory that is a git
 * checkout the same with --dirty; else the `version` file; else
 * "unknown", as the Makefile writes then.  A single zic input file has
 * its "# version" header's, or NULL.
 */
const char *tzf_tree_version(const struct tzf_tree *t);
size_t tzf_tree_nfiles(const struct tzf_tree *t);
const char *tzf_tree_name(const struct tzf_tree *t, size_t i); /* sorted */
/* Lowercase hex SHA-256 of file NAME; TZF_ENOTFOUND if absent. */
int tzf_tree_sha256(char out[65], const struct tzf_tree *t,
    const char *name);

/*
 * Build switches, with the meaning of the upstream Makefile variables:
 * DATAFORM, PACKRATDATA=backzone, PACKRATLIST, BACKWARD and REDO (the
 * last only shows in the tzdata.zi header).
 */
struct tzf_switches {
	const char *dataform;	/* "main" (also NULL), "vanguard", "rearguard" */
	bool backzone;		/* PACKRATDATA=backzone */
	const char *packratlist; /* PACKRATLIST: a file of the tree such as
				  * "zone.tab" (else a path); NULL for none */
	bool backward;		/* BACKWARD=backward */
	const char *redo;	/* REDO; NULL means posix_only */
	bool subseconds;	/* VANGUARD_SUBSECONDS: vanguard form keeps
				 * the #STDOFF subsecond offsets */
};
#define TZF_SWITCHES_INIT { "main", false, NULL, true, NULL, false }

/*
 * The build-switch options of zic, tzdb and tzdiff, one parser for all
 * three.  NAME is the long option without its dashes ("dataform",
 * "backzone", "packratlist" or "no-backward"), ARG its argument (NULL
 * for the flags).  TZF_ENOTFOUND, silently, when NAME is no build
 * switch; TZF_EINVAL with one message for a bad value: a data form
 * other than main, vanguard and rearguard, or a PACKRATLIST name with a
 * blank or control character (it ends up in tzdata.zi's header).
 */
int tzf_switches_option(struct tzf_switches *sw, const char *name,
    const char *arg, struct tzf_diag *dg);

/*
 * After the options: VANGUARD_SUBSECONDS, the environment's value (or
 * NULL), is taken as ziguard.awk takes it (set, and not a number equal
 * to 0), and the switches are checked together: --packratlist needs
 * --backzone (TZF_EINVAL with one message).
 */
int tzf_switches_finish(struct tzf_switches *sw, const char *subseconds,
    struct tzf_diag *dg);

/*
 * A build of a release: tree T built with switches SW (NULL: the defaults) the way
 * that release's own Makefile builds it.  The Makefile's TDATA,
 * PACKRATDATA and PACKRATLIST name the files (with BACKWARD and
 * PACKRATDATA set as make's command line would set them); the tree's
 * ziguard.awk, recognised by its SHA-256, says how each data form is
 * made.  A switch the Makefile lacks, a ziguard.awk tzforge does not
 * know and a missing file are refused with one message (TZF_EINVAL or
 * TZF_ENOTFOUND).  A tree without a Makefile reads africa antarctica asia
 * australasia europe northamerica southamerica etcetera [systemv]
 * factory [backward] [backzone], and without ziguard.awk uses the one of
 * the release its version file or NEWS names, else the newest.  A
 * single-file tree is the file itself and takes no switches.
 */
struct tzf_build;

int tzf_build_release(struct tzf_build **out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);
void tzf_build_free(struct tzf_build *r);

/* What zic compiles: `make FORM.zi`'s text (older releases: the files
 * make gives zic, one after the other), as one NUL-terminated text. */
const char *tzf_build_text(const struct tzf_build *r, size_t *len);
/* The name of that text ("main.zi", "rearguard.zi"... or the single
 * file's name). */
const char *tzf_build_name(const struct tzf_build *r);
/* Where each line of the text came from (*N lines). */
const struct tzf_origin *tzf_build_origins(const struct tzf_build *r,
    size_t *n);
const struct tzf_tree *tzf_build_tree(const struct tzf_build *r);
/* The switches as the release was built with them (strings borrowed). */
const struct tzf_switches *tzf_build_switches(const struct tzf_build *r);
/* The files read, TDATA then PACKRATDATA, in the Makefile's order. */
size_t tzf_build_nfiles(const struct tzf_build *r);
const char *tzf_build_file(const struct tzf_build *r, size_t i);

/*
 * Append to OUT the text zic should compile (tzf_build_text of the
 * build tzf_build_release makes).
 */
int tzf_tree_zic_input(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);

/* Append the tzdata.zi that `make install` writes (zishrink.awk form,
 * with its # version, # dataform, # redo and # ddeps header). */
int tzf_tree_tzdata_zi(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);
/* The same text as zic can compile it: the zishrink.awk of 2017c to 2018e
 * names rules with punctuation ("+", "%"...) that zic now refuses; here
 * those names are letters.  Otherwise identical. */
int tzf_tree_tzdata_zi_for_zic(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg);

/*
 * Append the `leapseconds` file that `make install` installs: the tree's
 * own if it has one (a release tarball does), else what the tree's
 * leapseconds.awk makes of its leap-seconds.list (lib/leapsec.c), with
 * the Makefile's EXPIRES_LINE.  TZF_ENOTFOUND if the tree has neither;
 * TZF_EINVAL for a script tzforge does not know or a list it cannot
 * read as the script would.
 */
int tzf_tree_leapseconds(struct tzf_buf *out, const struct tzf_tree *t,
    bool expires_line, struct tzf_diag *dg);

/*
 * What `make install` does in TZDIR, as the tree's Makefile says
 * (lib/install.c), for REDO (NULL: the Makefile's default).  zic
 * --install follows it with -d as TZDIR.  TZF_ENOTFOUND without a
 * Makefile; TZF_EINVAL for an unknown REDO or rules of an unknown shape.
 */
enum tzf_sibling {
	TZF_SIBLING_NONE,
	TZF_SIBLING_LINK,	/* a symbolic link to TZDIR's base name */
	TZF_SIBLING_TREE	/* a compiled tree of its own */
};
#define TZF_INSTALL_MAXFILES 8
struct tzf_install {
	char redo[16];		/* posix_only, right_only, posix_right, ... */
	bool leaps;		/* TZDIR's own files count leap seconds */
	enum tzf_sibling posix_dir; /* TZDIR-posix: POSIX time */
	enum tzf_sibling leaps_dir; /* TZDIR-leaps: with leap seconds */
	bool from_tzdata_zi;	/* TZif files compiled from tzdata.zi (2017c
				 * on), not from the data files */
	char localtime[64];	/* TZDIR/localtime links to this ("" none:
				 * since 2018a -l writes /etc/localtime) */
	char posixrules[64];	/* TZDIR/posixrules links to this; "-"
				 * removes it; "" leaves it alone */
	char files[TZF_INSTALL_MAXFILES][32]; /* copied into TZDIR */
	size_t nfiles;
	bool expires_line;	/* EXPIRES_LINE=1 */
};
int tzf_tree_install(struct tzf_install *out, const struct tzf_tree *t,
    const char *redo, struct tzf_diag *dg);

/*
 * Clone (first time) or update the bare clone of fork NAME from its
 * manifest's url, or from URL when non-NULL.  PROGRESS, when non-NULL,
 * is called with objects received so far and the total.
 */
int tzf_fork_fetch(const char *name, const char *url,
    void (*progress)(void *payload, size_t done, size_t total),
    void *payload, struct tzf_diag *dg);
/* Append the path of fork NAME's bare clone to OUT. */
int tzf_fork_dir(struct tzf_buf *out, const char *name, struct tzf_diag *dg);

/*
 * A fork's manifest (tzdb-forks/NAME, "key value" lines), read in full:
 * description, url, tags (the fnmatch pattern of its release tags,
 * [0-9][0-9][0-9][0-9][a-z] and a plain suffix, which tzf_fork_suffix
 * gives: "gtz", or "" upstream), branch (where its development goes on)
 * and profile (the Makefile settings its releases are built with).  An
 * unknown, repeated or missing key or a bad value is refused with one
 * message naming the manifest.
 */
struct tzf_fork;

int tzf_fork_open(struct tzf_fork **out, const char *name,
    struct tzf_diag *dg);
void tzf_fork_free(struct tzf_fork *f);
const char *tzf_fork_description(const struct tzf_fork *f);
const char *tzf_fork_url(const struct tzf_fork *f);
const char *tzf_fork_tags(const struct tzf_fork *f);
const char *tzf_fork_suffix(const struct tzf_fork *f);
const char *tzf_fork_branch(const struct tzf_fork *f);
const struct tzf_switches *tzf_fork_profile(const struct tzf_fork *f);

/*
 * The tags of the git repository REPO (a path, bare or not, or a fork's
 * name, read from its clone) that match the fnmatch PATTERN (NULL: a
 * fork's tag family, else every tag), sorted by name, through libgit2.
 * Free *OUT with tzf_release_list_free().
 */
int tzf_git_tags(char ***out, size_t *n, const char *repo,
    const char *pattern, struct tzf_diag *dg);

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

/*
 * tzf_db_parse for generated text: line N of TEXT (1-based) is line
 * ORIGINS[N - 1] of its file, and diagnostics and the parsed records
 * carry that file and line (NAME only where no origin covers a line).
 * Each file counts as an input file of its own, as zic given the files
 * one by one would count them.
 */
int tzf_db_parse_mapped(struct tzf_db *db, const char *name,
    const char *text, size_t len, const struct tzf_origin *origins,
    size_t norigins);
/* The zic input of release R, parsed with its origins. */
int tzf_db_parse_build(struct tzf_db *db, const struct tzf_build *r);

/* After the leap-second file: accumulate corrections, check spacing. */
int tzf_db_leaps_done(struct tzf_db *db);

/* Attach rules to zones (zic's associate step).  Fails on errors. */
int tzf_db_associate(struct tzf_db *db);

size_t tzf_db_nzones(const struct tzf_db *db);
const char *tzf_db_zone_name(const struct tzf_db *db, size_t i);
void tzf_db_zone_where(const struct tzf_db *db, size_t i, const char **file,
    long *line);

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

/*
 * The lines of zone I with their start instants, as the expander
 * computes them (a line's UNTIL converted with that line's offsets).
 * Release *OUT with tzf_free(); *N is the number of lines.
 */
int tzf_db_zone_spans(struct tzf_span **out, size_t *n, struct tzf_db *db,
    size_t i);
/* Both at once, from one expansion (OUT or SPANS may be NULL). */
int tzf_db_compile_zone_spans(struct tzf_buf *out, struct tzf_span **spans,
    size_t *n, struct tzf_db *db, size_t i);

/* Each Link line: in input order until tzf_db_links() sorts them. */
size_t tzf_db_nlinks(const struct tzf_db *db);
void tzf_db_link_at(const struct tzf_db *db, size_t i, const char **target,
    const char **linkname, const char **file, long *line);

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

/*
 * Expand every Zone of DB (parsed and associated; ownership passes to
 * the set, even on failure) into slim TZif data, and resolve links.
 */
int tzf_histset_from_db(struct tzf_histset **out, struct tzf_db *db,
    struct tzf_diag *dg);
/* The same from zic input text (NAME is used in diagnostics). */
int tzf_histset_from_text(struct tzf_histset **out, const char *name,
    const char *text, size_t len, struct tzf_diag *dg);
/* The same from generated text whose lines came from ORIGINS (see
 * tzf_db_parse_mapped), and from a release's build. */
int tzf_histset_from_mapped(struct tzf_histset **out, const char *name,
    const char *text, size_t len, const struct tzf_origin *origins,
    size_t norigins, struct tzf_diag *dg);
int tzf_histset_from_build(struct tzf_histset **out, const struct tzf_build *b,
    struct tzf_diag *dg);
void tzf_histset_free(struct tzf_histset *hs);

/* Names sorted by strcmp; index-based accessors, all borrowed. */
size_t tzf_histset_count(const struct tzf_histset *hs);
const struct tzf_name *tzf_histset_name(const struct tzf_histset *hs,
    size_t i);
ptrdiff_t tzf_histset_find(const struct tzf_histset *hs, const char *name);
/* The name's data (its zone's for a link); NULL if the link is broken. */
const struct tzf_tzif *tzf_histset_tzif(const struct tzf_histset *hs,
    size_t i);
const void *tzf_histset_bytes(const struct tzf_histset *hs, size_t i,
    size_t *len);
const struct tzf_span *tzf_histset_spans(const struct tzf_histset *hs,
    size_t i, size_t *n);
const struct tzf_db *tzf_histset_db(const struct tzf_histset *hs);

/* ------------------------------------------------------------------ */
/* Store (lib/store.c), queries (lib/query.c), dumps (lib/dump.c) */
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

enum tzf_lkind { TZF_LOCAL_UNIQUE, TZF_LOCAL_GAP, TZF_LOCAL_OVERLAP };
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

/* The calendar and the time grammar (lib/civil.c): any int64_t instant,
 * proleptic Gregorian, never the host's time zone. */
struct tzf_civil {
	int64_t year;
	int mon, mday, hour, min, sec;	/* 1-12, 1-31, 0-23, 0-59, 0-59 */
	int wday, yday;		/* 0-6 (Sunday 0), 0-365 */
};
void tzf_civil_from_secs(struct tzf_civil *out, int64_t secs);
/* The date of day DAYS since 1970-01-01 (time fields 0). */
void tzf_civil_from_days(struct tzf_civil *out, int64_t days);
/* Days since 1970-01-01 of YEAR-MON-MDAY (MON 1-12, MDAY 1-31). */
int64_t tzf_civil_days(int64_t year, int mon, int mday);
/* The year in which instant SECS falls. */
int64_t tzf_civil_year(int64_t secs);
bool tzf_civil_isleap(int64_t year);
int tzf_civil_month_days(int64_t year, int mon);	/* MON 1-12 */
int tzf_civil_weekday(int64_t days);	/* 0-6, Sunday 0 */
/* Seconds of a civil time; TZF_EINVAL if out of range. */
int tzf_civil_to_secs(int64_t *out, int64_t year, int mon, int mday,
    int hour, int min, int sec);
/*
 * Parse a time in the one grammar of the three tools:
 *   @[+-]SECONDS, or [+-]YYYY[-MM[-DD[(T| )HH[:MM[:SS]]]]][ZONE]
 * with ZONE Z or (+|-)HH[[:]MM[[:]SS]].  Missing parts are the start of
 * the period (2024 is 2024-01-01T00:00).  *HASZONE tells whether the text
 * fixed the clock (ZONE or @); when false, *OUT counts seconds on an
 * unspecified clock and the caller decides whether that is UT or local.
 */
int tzf_time_parse(int64_t *out, bool *haszone, const char *s);
/* "YYYY-MM-DDTHH:MM:SS" of SECS, then "Z" when Z, into BUF. */
void tzf_time_format(char *buf, size_t size, int64_t secs, bool z);
/* "+HH:MM" or "+HH:MM:SS" */
void tzf_offset_format(char *buf, size_t size, int32_t off);

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
 * Build side *OUT from TREE (ownership passes to the side, even on
 * failure) with switches SW (NULL: the defaults): its histories, the
 * Zones of its backzone file, its table files, the "#= NAME" alias
 * notes of its zic input, the header of its tzdata.zi and its release
 * date.  TZF_EINVAL when building reported errors (a link cycle, a
 * link to nowhere zic refuses): a report on such a side would be wrong.
 */
int tzf_cmp_side_new(struct tzf_cmp_side **out, struct tzf_tree *tree,
    const struct tzf_switches *sw, struct tzf_diag *dg);
/* The same from a SPEC (see tzf_tree_open). */
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
/* Does the side's backzone file hold a Zone named NAME? */
bool tzf_cmp_side_in_backzone(const struct tzf_cmp_side *s,
    const char *name);
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
	TZF_MERGE_NONE,
	TZF_MERGE_BACKZONE,	/* Zone -> Link, history moved to backzone */
	TZF_MERGE_RENAME,	/* Zone -> Link to a zone new on that side */
	TZF_MERGE_DISCARDED,	/* Zone -> Link, no backzone entry */
	TZF_MERGE_SPLIT		/* Link -> Zone: link split back into a zone */
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

#endif /* TZFORGE_H */
