/*
 * tzf_cmp.h: what the two halves of the diff engine share: cmpside.c
 * (a tree built for comparison: its histories, backzone, tables, alias
 * notes, header, release date and source lines) and compare.c (two
 * sides compared).  Front ends see neither; they use tzforge.h.
 */
#ifndef TZF_CMP_H
#define TZF_CMP_H

#include "model.h"
#include "tzf_text.h"

#define NTABLES TZF__NTABLES

struct tabent {
	char *key, *val;
	long line;
};

struct table {
	bool present;
	struct tabent *e;	/* sorted by key */
	size_t n, nalloc;
};

struct alias {
	char *name, *alias_of;
};

/* The "# ..." header lines of the tzdata.zi the build would install:
 * provenance only, and costly (zishrink), so made when first asked. */
struct header {
	bool made;
	struct tzf__lines lines;
};

struct tzf_cmp_side {
	struct tzf_tree *tree;		/* owned */
	struct tzf_histset *hs;		/* owned */
	struct tzf_build *build;	/* owned: its zic input and origins */
	char *dataform, *packratlist;
	bool backzone, backward;
	struct header *hdr;		/* made on first use */
	struct tzf_diag quiet;		/* the backzone parse's sink */
	struct tzf_db *bz;		/* backzone alone, parsed; or NULL */
	size_t *bzsorted;		/* its zones by name */
	struct table tabs[NTABLES];
	struct alias *aliases;		/* "#= NAME" notes, sorted by name */
	size_t naliases, naliases_alloc;
	bool hasdate;
	int64_t date;			/* of the release, from NEWS */
	struct srccache *src;		/* filled as lines are looked up
					 * (cmpside.c) */
};

/*
 * Line LINE of FILE as side S holds it: [*OUT, *OUT + *LEN), no
 * newline.  False when there is no such line.
 */
bool tzf__side_line(const char **out, size_t *len,
    const struct tzf_cmp_side *s, const char *file, long line);
/* Where S's backzone file holds a Zone named NAME; false if it does not. */
bool tzf__side_bz(const char **file, long *line, const struct tzf_cmp_side *s,
    const char *name);

#endif /* TZF_CMP_H */
