/*
 * tzforge/source.h: source trees, forks, build switches, release builds
 * and make install (lib/source.c, tree.c, gitsrc.c, forks.c, release.c,
 * ziguard.c, zishrink.c, install.c, leapsec.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_SOURCE_H
#define TZFORGE_SOURCE_H

#include "tzforge/core.h"

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
 * A bad SPEC gets one TZF_SEV_ERR message and TZF_ENOTFOUND ("no such path",
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
/* Where each line of the text came from (*N lines). */
const struct tzf_origin *tzf_build_origins(const struct tzf_build *r,
    size_t *n);

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
 * [0-9][0-9][0-9][0-9][a-z] and a plain suffix: "gtz", or "" upstream),
 * branch (where its development goes on)
 * and profile (the Makefile settings its releases are built with).  An
 * unknown, repeated or missing key or a bad value is refused with one
 * message naming the manifest.
 */
struct tzf_fork;

int tzf_fork_open(struct tzf_fork **out, const char *name,
    struct tzf_diag *dg);
void tzf_fork_free(struct tzf_fork *f);
const char *tzf_fork_tags(const struct tzf_fork *f);
const char *tzf_fork_branch(const struct tzf_fork *f);

/*
 * The tags of the git repository REPO (a path, bare or not, or a fork's
 * name, read from its clone) that match the fnmatch PATTERN (NULL: a
 * fork's tag family, else every tag), sorted by name, through libgit2.
 * Free *OUT with tzf_release_list_free().
 */
int tzf_git_tags(char ***out, size_t *n, const char *repo,
    const char *pattern, struct tzf_diag *dg);

#endif /* TZFORGE_SOURCE_H */
