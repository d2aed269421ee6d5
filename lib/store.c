/*
 * store.c: the SQLite store of zone histories behind data/tzdb: its
 * schema (data/schema.sql, compiled in as lib/schema.h), opening and
 * closing a database safely, and the SQL plumbing the other store files
 * share through tzf_storedb.h.  Loading is store_load.c, reading
 * store_read.c, the view across releases store_history.c.  Only these
 * files use SQLite.  Every statement is prepared and bound; foreign
 * errors are copied into the diagnostics sink.
 */
#define _GNU_SOURCE		/* renameat2 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tzf_storedb.h"

#define STORE_VERSION	2		/* PRAGMA user_version */
#define STORE_APPID	0x747a6462	/* "tzdb" */

static const char schema_sql[] =
#include "schema.h"
    ;

const char *const tzf__stmt_sql[S_MAX] = {
	"SELECT id, label FROM release WHERE label = ?1",
	"SELECT kind, target, zone, history_id, file, line FROM name "
	    "WHERE release_id = ?1 AND name = ?2",
	"SELECT sha256, tzif FROM history WHERE id = ?1",
	"SELECT z.start, z.file, z.line, s.text FROM zone_line z "
	    "JOIN source_text s ON s.id = z.text_id "
	    "WHERE z.release_id = ?1 AND z.zone = ?2 ORDER BY z.seq",
	"SELECT id, horizon FROM history WHERE sha256 = ?1",
	"INSERT INTO history (sha256, tzif, footer, ntrans, horizon) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO transition (history_id, at, utoff, isdst, abbr, "
	    "implied) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO name (release_id, name, kind, target, zone, history_id, "
	    "file, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"SELECT id FROM source_text WHERE text = ?1",
	"INSERT INTO source_text (text) VALUES (?1)",
	"INSERT INTO zone_line (release_id, zone, seq, start, file, line, "
	    "text_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO rule_line (release_id, rule, seq, file, line, text_id) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"INSERT INTO input_file (release_id, name, sha256) "
	    "VALUES (?1, ?2, ?3)",
	"INSERT OR REPLACE INTO country (release_id, code, name) "
	    "VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO zone_tab (release_id, tab, seq, country, "
	    "coordinates, zone, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT OR REPLACE INTO leap_second (release_id, at, correction) "
	    "VALUES (?1, ?2, ?3)",
	"SELECT name FROM name WHERE release_id = ?1 ORDER BY name",
};

/* ------------------------------------------------------------------ */
/* Plumbing */

int
tzf__sqlerr(struct tzf_store *st, struct tzf_diag *dg, const char *what)
{
	int code = sqlite3_errcode(st->db);

	tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "%s: %s", what,
	    sqlite3_errmsg(st->db));
	return code == SQLITE_NOMEM ? TZF_ENOMEM : TZF_ERROR;
}

sqlite3_stmt *
tzf__stmt(struct tzf_store *st, enum stmt_id id, struct tzf_diag *dg)
{
	sqlite3_stmt *s = st->stmts[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, tzf__stmt_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
			tzf__sqlerr(st, dg, "cannot prepare statement");
			return NULL;
		}
		st->stmts[id] = s;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int
tzf__sqlexec(struct tzf_store *st, const char *sql, struct tzf_diag *dg)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "database error");
	return TZF_OK;
}

/* Step a statement that returns no rows. */
int
tzf__sqlrun(struct tzf_store *st, sqlite3_stmt *s, struct tzf_diag *dg)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return tzf__sqlerr(st, dg, "database error");
	return TZF_OK;
}

void
tzf__bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* A text column as a malloc'd string (NULL for NULL); *OOM on failure. */
char *
tzf__col_dup(sqlite3_stmt *s, int i, bool *oom)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	char *p;

	if (v == NULL)
		return NULL;
	p = tzf__strdup((const char *)v);
	if (p == NULL)
		*oom = true;
	return p;
}

void
tzf__hex64(char out[65], const unsigned char d[TZF__SHA256_LEN])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < TZF__SHA256_LEN; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = '\0';
}

/* ------------------------------------------------------------------ */
/* Open and close */

static int
create_schema(struct tzf_store *st, struct tzf_diag *dg)
{
	char sql[128];
	int rc;

	rc = tzf__sqlexec(st, "BEGIN IMMEDIATE", dg);
	if (rc < 0)
		return rc;
	rc = tzf__sqlexec(st, schema_sql, dg);
	if (rc == TZF_OK) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; "
		    "PRAGMA application_id = %d", STORE_VERSION, STORE_APPID);
		rc = tzf__sqlexec(st, sql, dg);
	}
	if (rc == TZF_OK)
		return tzf__sqlexec(st, "COMMIT", dg);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

static int
pragma_int(struct tzf_store *st, const char *sql, int *out,
    struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot read the database");
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return tzf__sqlerr(st, dg, "cannot read the database");
	return TZF_OK;
}

/*
 * Refuse what is not a plain database file before SQLite sees it: ""
 * (an unset variable), SQLite's special names and URIs (":memory:",
 * "file:..."), which would store nothing or elsewhere, FIFOs and
 * devices (a FIFO hangs; /dev/null would get a /dev/null-journal), and
 * a file with several hard links (two loads through two names corrupt
 * it: SQLite's locks are per name).  *EXISTS tells whether PATH exists.
 */
static int
check_path(const char *path, bool *exists, struct tzf_diag *dg)
{
	struct stat sb;

	*exists = false;
	if (*path == '\0') {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "database file name is empty");
		return TZF_EINVAL;
	}
	if (*path == ':' || strncmp(path, "file:", 5) == 0) {
		tzf__diag(dg, TZF_SEV_ERR, path, 0, "not a database file name "
		    "(SQLite's special names and URIs are refused; write "
		    "./%s for a file of that name)", path);
		return TZF_EINVAL;
	}
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return TZF_OK;
		tzf__diag(dg, TZF_SEV_ERR, path, 0, "cannot open database: %s",
		    strerror(errno));
		return TZF_EIO;
	}
	*exists = true;
	if (!S_ISREG(sb.st_mode)) {
		tzf__diag(dg, TZF_SEV_ERR, path, 0, "not a regular file");
		return TZF_EINVAL;
	}
	if (sb.st_nlink > 1) {
		tzf__diag(dg, TZF_SEV_ERR, path, 0,
		    "database file has %lu hard "
		    "links; SQLite cannot lock it safely (copy it instead)",
		    (unsigned long)sb.st_nlink);
		return TZF_EINVAL;
	}
	if (access(path, R_OK) != 0) {
		tzf__diag(dg, TZF_SEV_ERR, path, 0,
		    "cannot read the database: %s",
		    strerror(errno));
		return TZF_EIO;
	}
	return TZF_OK;
}

/* Can this process write PATH and the directory holding it (where
 * SQLite's -wal and -shm files go)? */
static bool
writable(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	bool ok;

	if (access(path, W_OK) != 0)
		return false;
	if (slash == NULL)
		return access(".", W_OK) == 0;
	dir = tzf__strndup(path, slash == path ? 1 : (size_t)(slash - path));
	ok = dir != NULL && access(dir, W_OK) == 0;
	tzf__free(dir);
	return ok;
}

/* "file:PATH?immutable=1" with PATH percent-encoded where URIs need it:
 * a database nobody here may write is read without locks, -wal or -shm
 * files (which could not be created, or would lock its owner out). */
static char *
immutable_uri(const char *path)
{
	struct tzf_buf b = TZF_BUF_INIT;
	const char *p;

	tzf_buf_puts(&b, "file:");
	for (p = path; *p != '\0'; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			tzf_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			tzf_buf_add(&b, p, 1);
	tzf_buf_puts(&b, "?immutable=1");
	return tzf_buf_detach(&b);
}

static void remove_db_files(const char *path);

/*
 * Remove the private files of first loads into PATH whose process is
 * gone (killed before it could clean up): PATH.new-PID-N, with their
 * -wal and -shm.  A live process's file is left alone.
 */
static void
sweep_private_files(const char *path)
{
	const char *slash = strrchr(path, '/'), *base;
	struct tzf_buf dir = TZF_BUF_INIT, stale = TZF_BUF_INIT;
	struct dirent *e;
	size_t blen;
	DIR *d;

	base = slash != NULL ? slash + 1 : path;
	blen = strlen(base);
	if (slash == NULL)
		tzf_buf_puts(&dir, ".");
	else
		tzf_buf_add(&dir, path, slash == path ? 1 :
		    (size_t)(slash - path));
	d = dir.oom ? NULL : opendir(dir.ptr);
	while (d != NULL && (e = readdir(d)) != NULL) {
		const char *p = e->d_name + blen;
		char *end;
		long pid;

		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(p, ".new-", 5) != 0)
			continue;
		pid = strtol(p + 5, &end, 10);
		if (pid <= 0 || *end != '-' || strchr(end, '.') != NULL ||
		    strstr(end, "-wal") != NULL || strstr(end, "-shm") != NULL ||
		    (kill((pid_t)pid, 0) != 0 ? errno != ESRCH : true))
			continue;
		stale.len = 0;
		tzf_buf_printf(&stale, "%s/%s", dir.ptr, e->d_name);
		if (!stale.oom)
			remove_db_files(stale.ptr);
	}
	if (d != NULL)
		closedir(d);
	tzf_buf_dispose(&dir);
	tzf_buf_dispose(&stale);
}

/* A fresh file beside PATH for a first load: PATH.new-PID-N. */
static char *
private_file(const char *path, struct tzf_diag *dg)
{
	struct tzf_buf b = TZF_BUF_INIT;
	int i, fd;

	for (i = 0; i < 100; i++) {
		b.len = 0;
		tzf_buf_printf(&b, "%s.new-%ld-%d", path, (long)getpid(), i);
		if (b.oom)
			break;
		fd = open(b.ptr, O_RDWR | O_CREAT | O_EXCL, 0666);
		if (fd >= 0) {
			close(fd);
			return tzf_buf_detach(&b);
		}
		if (errno != EEXIST) {
			tzf__diag(dg, TZF_SEV_ERR, path, 0, "cannot create "
			    "database: %s", strerror(errno));
			break;
		}
	}
	tzf_buf_dispose(&b);
	return NULL;
}

static void
remove_db_files(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];
	size_t i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
		if ((size_t)snprintf(name, sizeof name, "%s%s", path,
		    sfx[i]) < sizeof name)
			unlink(name);
}

static void
close_db(struct tzf_store *st)
{
	int i;

	for (i = 0; i < S_MAX; i++) {
		sqlite3_finalize(st->stmts[i]);
		st->stmts[i] = NULL;
	}
	if (st->snapshot)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	st->snapshot = false;
	sqlite3_close(st->db);
	st->db = NULL;
}

/* Open FILE (the database or a first load's private file) and check or
 * create the schema. */
static int
open_db(struct tzf_store *st, const char *file, struct tzf_diag *dg)
{
	int oflags, rc, version, ntables, appid, flags = st->flags;
	char *uri = NULL;

	oflags = (flags & TZF_STORE_RDWR) ? SQLITE_OPEN_READWRITE :
	    SQLITE_OPEN_READONLY;
	if (file == NULL)
		oflags |= SQLITE_OPEN_MEMORY | SQLITE_OPEN_CREATE;
	else if (!(flags & TZF_STORE_RDWR) && !writable(file)) {
		uri = immutable_uri(file);
		if (uri == NULL)
			return TZF_ENOMEM;
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri != NULL ? uri : file != NULL ? file :
	    ":memory:", &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	tzf__free(uri);
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			return TZF_ENOMEM;
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0,
		    "cannot open database: %s",
		    sqlite3_errmsg(st->db));
		return TZF_ENOTFOUND;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 0);
	rc = tzf__sqlexec(st, "PRAGMA foreign_keys = ON", dg);
	/* A read-only handle answers from one snapshot, consistent even
	 * while a load commits, and takes the WAL locks once instead of
	 * once per statement. */
	if (rc == TZF_OK && !(flags & TZF_STORE_RDWR)) {
		rc = tzf__sqlexec(st, "BEGIN", dg);
		st->snapshot = rc == TZF_OK;
	}
	if (rc == TZF_OK)
		rc = pragma_int(st, "PRAGMA user_version", &version, dg);
	if (rc == TZF_OK)
		rc = pragma_int(st, "SELECT count(*) FROM sqlite_schema",
		    &ntables, dg);
	if (rc == TZF_OK && version == 0 && ntables == 0) {
		if (!(flags & TZF_STORE_RDWR)) {
			tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "not a tzdb "
			    "database (empty); run 'tzdb load' first");
			rc = TZF_ENOTFOUND;
		} else
			rc = create_schema(st, dg);
		version = STORE_VERSION;
	}
	if (rc == TZF_OK && version != STORE_VERSION) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0,
		    "not a tzdb database of "
		    "schema version %d (it has version %d)%s", STORE_VERSION,
		    version, version == 1 ? "; load its releases into a new "
		    "database" : "");
		rc = TZF_EINVAL;
	}
	/* Another program's database that happens to have user_version 1:
	 * refuse it before anything (journal mode included) is changed. */
	if (rc == TZF_OK)
		rc = pragma_int(st, "PRAGMA application_id", &appid, dg);
	if (rc == TZF_OK && appid != STORE_APPID) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "not a tzdb database "
		    "(application_id %#x, not %#x)", (unsigned)appid,
		    (unsigned)STORE_APPID);
		rc = TZF_EINVAL;
	}
	if (rc == TZF_OK && (flags & TZF_STORE_RDWR) && file != NULL) {
		/* WAL: readers go on during a load; NORMAL is crash-safe
		 * (a kill loses at most the transaction under way). */
		rc = tzf__sqlexec(st, "PRAGMA journal_mode = WAL", dg);
		if (rc == TZF_OK)
			rc = tzf__sqlexec(st, "PRAGMA synchronous = NORMAL", dg);
	}
	return rc;
}

int
tzf_store_open(struct tzf_store **out, const char *path, int flags,
    struct tzf_diag *dg)
{
	struct tzf_store *st;
	bool exists = false;
	int rc;

	*out = NULL;
	if (path != NULL) {
		rc = check_path(path, &exists, dg);
		if (rc < 0)
			return rc;
		if (!exists && (flags & TZF_STORE_CREATE) != TZF_STORE_CREATE) {
			tzf__diag(dg, TZF_SEV_ERR, path, 0, "no such database; "
			    "make it with 'tzdb load'");
			return TZF_ENOTFOUND;
		}
	}
	st = tzf__calloc(1, sizeof *st);
	if (st == NULL)
		return TZF_ENOMEM;
	st->flags = path == NULL ? TZF_STORE_CREATE : flags;
	st->path = tzf__strdup(path != NULL ? path : ":memory:");
	rc = st->path == NULL ? TZF_ENOMEM : TZF_OK;
	if (rc == TZF_OK && path != NULL && (flags & TZF_STORE_RDWR))
		sweep_private_files(path);
	if (rc == TZF_OK && path != NULL && !exists) {
		st->tmp = private_file(path, dg);
		if (st->tmp == NULL)
			rc = TZF_EIO;
	}
	if (rc == TZF_OK)
		rc = open_db(st, st->tmp != NULL ? st->tmp : path, dg);
	if (rc < 0) {
		tzf_store_close(st);
		return rc;
	}
	*out = st;
	return TZF_OK;
}

/*
 * A first load committed into the private file: give it the database's
 * name, unless another first load got there first; then reopen by that
 * name.  *RACED tells the caller to load again into the other's file.
 */
int
tzf__store_publish(struct tzf_store *st, bool *raced, struct tzf_diag *dg)
{
	int rc;

	*raced = false;
	close_db(st);
	if (renameat2(AT_FDCWD, st->tmp, AT_FDCWD, st->path,
	    RENAME_NOREPLACE) == 0) {
		tzf__free(st->tmp);
		st->tmp = NULL;
	} else if ((errno == EINVAL || errno == ENOSYS) &&
	    link(st->tmp, st->path) == 0) {
		/* a file system without RENAME_NOREPLACE */
	} else if (errno != EEXIST) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "cannot create "
		    "database: %s", strerror(errno));
		return TZF_EIO;
	} else
		*raced = true;
	if (st->tmp != NULL)
		remove_db_files(st->tmp);
	tzf__free(st->tmp);
	st->tmp = NULL;
	rc = check_path(st->path, &(bool){ false }, dg);
	if (rc == TZF_OK)
		rc = open_db(st, st->path, dg);
	return rc;
}

void
tzf_store_close(struct tzf_store *st)
{
	if (st == NULL)
		return;
	close_db(st);
	if (st->tmp != NULL)
		remove_db_files(st->tmp);	/* never committed */
	tzf__free(st->tmp);
	tzf__free(st->path);
	tzf__free(st);
}
