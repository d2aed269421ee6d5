/*
 * tzf_storedb.h: what the files of the store share (store.c: schema,
 * opening and the SQL plumbing; store_load.c: loading; store_read.c:
 * reading; store_history.c: lineage and history).  The only header that
 * includes sqlite3.h; only lib/store*.c include it.
 */
#ifndef TZF_STOREDB_H
#define TZF_STOREDB_H

#include <sqlite3.h>

#include "model.h"
#include "tzf_source.h"
#include "tzf_store.h"

/* The prepared statements the store keeps, by id. */
enum stmt_id {
	S_REL_BY_LABEL, S_NAME, S_HIST, S_ZLINES,
	S_HIST_FIND, S_HIST_INS, S_TRANS_INS, S_NAME_INS, S_TEXT_FIND,
	S_TEXT_INS, S_ZLINE_INS, S_RLINE_INS, S_FILE_INS, S_COUNTRY_INS,
	S_TAB_INS, S_LEAP_INS, S_NAMES, S_MAX
};

extern const char *const tzf__stmt_sql[S_MAX];

struct tzf_store {
	sqlite3 *db;
	char *path;		/* as given; in messages */
	char *tmp;		/* a first load's private file, until it
				 * takes PATH's name; else NULL */
	sqlite3_stmt *stmts[S_MAX];
	int flags;
	bool snapshot;		/* read-only: one read transaction throughout */
};

/* SQLite's message for WHAT into DG; TZF_ENOMEM or TZF_ERROR. */
int tzf__sqlerr(struct tzf_store *st, struct tzf_diag *dg, const char *what);
/* Statement ID, prepared on first use, reset and unbound; NULL on error. */
sqlite3_stmt *tzf__stmt(struct tzf_store *st, enum stmt_id id,
    struct tzf_diag *dg);
int tzf__sqlexec(struct tzf_store *st, const char *sql, struct tzf_diag *dg);
/* Step a statement that returns no rows. */
int tzf__sqlrun(struct tzf_store *st, sqlite3_stmt *s, struct tzf_diag *dg);
/* Bind V, or NULL for a NULL V. */
void tzf__bind_text(sqlite3_stmt *s, int i, const char *v);
/* A text column as a malloc'd string (NULL for NULL); *OOM on failure. */
char *tzf__col_dup(sqlite3_stmt *s, int i, bool *oom);
/* A SHA-256 digest in lowercase hex. */
void tzf__hex64(char out[65], const unsigned char d[TZF__SHA256_LEN]);

/* store.c: a first load committed into the private file takes the
 * database's name, unless another first load got there first (*RACED:
 * load again into the other's file). */
int tzf__store_publish(struct tzf_store *st, bool *raced,
    struct tzf_diag *dg);

/* store_read.c: the id and label of RELEASE (NULL: the default
 * release); the data of NAME in release REL (LABEL), with its zone
 * lines if LINES. */
int tzf__release_id(sqlite3_int64 *id, char **label, struct tzf_store *st,
    const char *release, struct tzf_diag *dg);
int tzf__zinfo_in(struct tzf_zinfo **out, struct tzf_store *st,
    sqlite3_int64 rel, const char *label, const char *name, bool lines,
    struct tzf_diag *dg);

#endif /* TZF_STOREDB_H */
