/*
 * store_read.c: reading the store: the default release, one name's
 * data (tzf_store_zinfo), the names, the table rows and the integrity
 * check.  lib/query.c and lib/dump.c answer from what it hands back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_storedb.h"

/* ------------------------------------------------------------------ */
/* Reading */

/* A label that is a plain upstream version: 4 digits and 1-2 letters. */
static bool
upstream_label(const char *l)
{
	size_t i, n = strlen(l);

	if (n < 5 || n > 6)
		return false;
	for (i = 0; i < n; i++)
		if (i < 4 ? l[i] < '0' || l[i] > '9' : l[i] < 'a' || l[i] > 'z')
			return false;
	return true;
}

int
tzf_store_default(char **out, struct tzf_store *st, struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	char *best = NULL;
	bool best_up = false, oom = false;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT label, dataform = 'main' AND "
	    "backward AND NOT backzone AND packratlist IS NULL FROM release "
	    "ORDER BY seq", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(s, 0);
		bool up = upstream_label(l) && sqlite3_column_int(s, 1);

		if (best != NULL && (best_up > up || (best_up == up &&
		    tzf_version_cmp(l, best) < 0)))
			continue;
		tzf__free(best);
		best = tzf__strdup(l);
		best_up = up;
		if (best == NULL) {
			oom = true;
			break;
		}
	}
	sqlite3_finalize(s);
	if (oom)
		return TZF_ENOMEM;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		tzf__free(best);
		return tzf__sqlerr(st, dg, "database error");
	}
	if (best == NULL) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "no release loaded");
		return TZF_ENOTFOUND;
	}
	*out = best;
	return TZF_OK;
}

/* The id and label of RELEASE (NULL: the default release). */
int
tzf__release_id(sqlite3_int64 *id, char **label, struct tzf_store *st,
    const char *release, struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	char *dflt = NULL;
	bool oom = false;
	int rc;

	if (release == NULL) {
		rc = tzf_store_default(&dflt, st, dg);
		if (rc < 0)
			return rc;
		release = dflt;
	}
	s = tzf__stmt(st, S_REL_BY_LABEL, dg);
	if (s == NULL) {
		tzf__free(dflt);
		return TZF_ERROR;
	}
	tzf__bind_text(s, 1, release);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (label != NULL)
			*label = tzf__col_dup(s, 1, &oom);
		sqlite3_reset(s);
		tzf__free(dflt);
		return oom ? TZF_ENOMEM : TZF_OK;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		rc = tzf__sqlerr(st, dg, "database error");
	else {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "no release '%s'",
		    release);
		rc = TZF_ENOTFOUND;
	}
	tzf__free(dflt);
	return rc;
}

void
tzf_zinfo_free(struct tzf_zinfo *z)
{
	size_t i;

	if (z == NULL)
		return;
	tzf__free(z->release);
	tzf__free(z->name);
	tzf__free(z->target);
	tzf__free(z->zone);
	tzf__free(z->file);
	tzf_tzif_free(z->tzif);
	for (i = 0; i < z->nlines; i++) {
		tzf__free(z->lines[i].file);
		tzf__free(z->lines[i].text);
	}
	tzf__free(z->lines);
	tzf__free(z);
}

static bool
sha_matches(const char *want, const void *data, size_t len)
{
	unsigned char d[TZF__SHA256_LEN];
	char got[65];

	tzf__sha256(d, data != NULL ? data : "", len);
	tzf__hex64(got, d);
	return strcmp(want, got) == 0;
}

static int
read_history(struct tzf_zinfo *z, struct tzf_store *st, sqlite3_int64 hid,
    struct tzf_diag *dg)
{
	sqlite3_stmt *s = tzf__stmt(st, S_HIST, dg);
	const unsigned char *sha;
	int rc;

	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, hid);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return tzf__sqlerr(st, dg, "history missing");
	}
	sha = sqlite3_column_text(s, 0);
	snprintf(z->sha256, sizeof z->sha256, "%s", sha ? (const char *)sha :
	    "");
	if (!sha_matches(z->sha256, sqlite3_column_blob(s, 1),
	    (size_t)sqlite3_column_bytes(s, 1))) {
		sqlite3_reset(s);
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "history of '%s' is "
		    "corrupt: its SHA-256 does not match its data (run "
		    "'tzdb check')", z->name);
		return TZF_EINVAL;
	}
	rc = tzf_tzif_parse(&z->tzif, sqlite3_column_blob(s, 1),
	    (size_t)sqlite3_column_bytes(s, 1), z->name, dg);
	sqlite3_reset(s);
	if (rc < 0)
		return rc;
	if (z->tzif->footer != NULL && z->tzif->footer[0] != '\0' &&
	    tzf_tz_parse(&z->tz, z->tzif->footer, NULL) == TZF_OK)
		z->hasrules = true;
	return TZF_OK;
}

static int
read_lines(struct tzf_zinfo *z, struct tzf_store *st, sqlite3_int64 rel,
    struct tzf_diag *dg)
{
	sqlite3_stmt *s = tzf__stmt(st, S_ZLINES, dg);
	size_t nalloc = 0;
	bool oom = false;
	int rc;

	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, rel);
	tzf__bind_text(s, 2, z->zone);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tzf_zoneline *l;

		if (!tzf__grow(&z->lines, &nalloc, z->nlines + 1,
		    sizeof *z->lines)) {
			oom = true;
			break;
		}
		l = &z->lines[z->nlines++];
		l->start = sqlite3_column_type(s, 0) == SQLITE_NULL ?
		    INT64_MIN : sqlite3_column_int64(s, 0);
		l->file = tzf__col_dup(s, 1, &oom);
		l->line = (long)sqlite3_column_int64(s, 2);
		l->text = tzf__col_dup(s, 3, &oom);
	}
	sqlite3_reset(s);
	if (oom)
		return TZF_ENOMEM;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return tzf__sqlerr(st, dg, "database error");
	return TZF_OK;
}

int
tzf__zinfo_in(struct tzf_zinfo **out, struct tzf_store *st, sqlite3_int64 rel,
    const char *label, const char *name, bool lines, struct tzf_diag *dg)
{
	struct tzf_zinfo *z;
	sqlite3_stmt *s;
	sqlite3_int64 hid = 0;
	bool oom = false, hashist = false;
	int rc;

	*out = NULL;
	s = tzf__stmt(st, S_NAME, dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, rel);
	tzf__bind_text(s, 2, name);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return tzf__sqlerr(st, dg, "database error");
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no zone or link '%s' in "
		    "release '%s'", name, label);
		return TZF_ENOTFOUND;
	}
	z = tzf__calloc(1, sizeof *z);
	if (z == NULL) {
		sqlite3_reset(s);
		return TZF_ENOMEM;
	}
	z->release = tzf__strdup(label);
	z->name = tzf__strdup(name);
	z->islink = strcmp((const char *)sqlite3_column_text(s, 0), "link") ==
	    0;
	z->target = tzf__col_dup(s, 1, &oom);
	z->zone = tzf__col_dup(s, 2, &oom);
	hashist = sqlite3_column_type(s, 3) != SQLITE_NULL;
	hid = sqlite3_column_int64(s, 3);
	z->file = tzf__col_dup(s, 4, &oom);
	z->line = (long)sqlite3_column_int64(s, 5);
	sqlite3_reset(s);
	rc = oom || z->release == NULL || z->name == NULL ? TZF_ENOMEM :
	    TZF_OK;
	if (rc == TZF_OK && hashist)
		rc = read_history(z, st, hid, dg);
	if (rc == TZF_OK && z->zone != NULL && lines)
		rc = read_lines(z, st, rel, dg);
	if (rc < 0) {
		tzf_zinfo_free(z);
		return rc;
	}
	*out = z;
	return TZF_OK;
}

int
tzf_store_zinfo(struct tzf_zinfo **out, struct tzf_store *st,
    const char *release, const char *name, struct tzf_diag *dg)
{
	sqlite3_int64 rel;
	char *label = NULL;
	int rc;

	*out = NULL;
	rc = tzf__release_id(&rel, &label, st, release, dg);
	if (rc == TZF_OK)
		rc = tzf__zinfo_in(out, st, rel, label, name, true, dg);
	tzf__free(label);
	return rc;
}

void
tzf_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		tzf__free(v[i]);
	tzf__free(v);
}

int
tzf_store_names(char ***out, size_t *n, struct tzf_store *st,
    const char *release, struct tzf_diag *dg)
{
	sqlite3_int64 rel;
	sqlite3_stmt *s;
	char **v = NULL;
	size_t nalloc = 0;
	bool oom = false;
	int rc;

	*out = NULL;
	*n = 0;
	rc = tzf__release_id(&rel, NULL, st, release, dg);
	if (rc < 0)
		return rc;
	s = tzf__stmt(st, S_NAMES, dg);
	if (s == NULL)
		return TZF_ERROR;
	sqlite3_bind_int64(s, 1, rel);
	while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!tzf__grow(&v, &nalloc, *n + 1, sizeof *v)) {
			oom = true;
			break;
		}
		v[(*n)++] = tzf__col_dup(s, 0, &oom);
	}
	sqlite3_reset(s);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		tzf_strv_free(v, *n);
		*n = 0;
		return oom ? TZF_ENOMEM : tzf__sqlerr(st, dg, "database error");
	}
	*out = v;
	return TZF_OK;
}

int
tzf__store_each(struct tzf_store *st, const char *release,
    int (*fn)(void *payload, const struct tzf_zinfo *z), void *payload,
    char **label_out, struct tzf_diag *dg)
{
	sqlite3_int64 rel;
	char **names = NULL, *label = NULL;
	size_t i, n = 0;
	int rc;

	if (label_out != NULL)
		*label_out = NULL;
	rc = tzf__release_id(&rel, &label, st, release, dg);
	if (rc == TZF_OK)
		rc = tzf_store_names(&names, &n, st, label, dg);
	for (i = 0; rc == TZF_OK && i < n; i++) {
		struct tzf_zinfo *z;

		rc = tzf__zinfo_in(&z, st, rel, label, names[i], false, dg);
		if (rc == TZF_OK) {
			rc = fn(payload, z);
			tzf_zinfo_free(z);
		}
	}
	tzf_strv_free(names, n);
	if (rc == TZF_OK && label_out != NULL)
		*label_out = label;
	else
		tzf__free(label);
	return rc;
}

int
tzf__store_version(char **out, struct tzf_store *st, const char *label,
    struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	bool oom = false;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT coalesce(version, label) FROM "
	    "release WHERE label = ?1", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	tzf__bind_text(s, 1, label);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = tzf__col_dup(s, 0, &oom);
	sqlite3_finalize(s);
	if (oom)
		return TZF_ENOMEM;
	return rc == SQLITE_ROW ? TZF_OK : TZF_ENOTFOUND;
}

int
tzf__store_has(bool *hasfile, bool *hasname, struct tzf_store *st,
    const char *label, const char *file, const char *name,
    struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	int rc;

	*hasfile = *hasname = false;
	if (sqlite3_prepare_v2(st->db, "SELECT EXISTS (SELECT 1 FROM "
	    "input_file f JOIN release r ON r.id = f.release_id WHERE "
	    "r.label = ?1 AND f.name = ?2), EXISTS (SELECT 1 FROM name n "
	    "JOIN release r ON r.id = n.release_id WHERE r.label = ?1 AND "
	    "n.name = ?3)", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	tzf__bind_text(s, 1, label);
	tzf__bind_text(s, 2, file);
	tzf__bind_text(s, 3, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*hasfile = sqlite3_column_int(s, 0);
		*hasname = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? TZF_OK : tzf__sqlerr(st, dg, "database error");
}

int
tzf_store_check(struct tzf_store *st, struct tzf_diag *dg)
{
	sqlite3_stmt *s;
	int rc, nbad = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT 'integrity_check: ' || "
	    "integrity_check FROM pragma_integrity_check "
	    "WHERE integrity_check <> 'ok' UNION ALL "
	    "SELECT 'foreign key from ' || \"table\" || ' to ' || parent "
	    "FROM pragma_foreign_key_check", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		nbad++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return tzf__sqlerr(st, dg, "database error");
	if (sqlite3_prepare_v2(st->db, "SELECT h.sha256, h.tzif, (SELECT "
	    "group_concat(DISTINCT r.label) FROM name n JOIN release r ON "
	    "r.id = n.release_id WHERE n.history_id = h.id) FROM history h "
	    "ORDER BY h.id", -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(s, 0);

		if (sha_matches(sha ? sha : "", sqlite3_column_blob(s, 1),
		    (size_t)sqlite3_column_bytes(s, 1)))
			continue;
		tzf__diag(dg, TZF_SEV_ERR, st->path, 0,
		    "history %.12s is corrupt "
		    "(SHA-256 mismatch), used by releases %s", sha ? sha : "",
		    sqlite3_column_text(s, 2) ? (const char *)
		    sqlite3_column_text(s, 2) : "(none)");
		nbad++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return tzf__sqlerr(st, dg, "database error");
	return nbad > 0 ? TZF_EINVAL : TZF_OK;
}

void
tzf_tab_rows_free(struct tzf_tab_row *r, size_t n)
{
	size_t i;

	for (i = 0; r != NULL && i < n; i++) {
		tzf__free(r[i].tab);
		tzf__free(r[i].country);
		tzf__free(r[i].country_name);
		tzf__free(r[i].coordinates);
		tzf__free(r[i].zone);
		tzf__free(r[i].comment);
	}
	tzf__free(r);
}

int
tzf_store_tab(struct tzf_tab_row **out, size_t *n, struct tzf_store *st,
    const char *release, const char *country, struct tzf_diag *dg)
{
	sqlite3_int64 rel;
	sqlite3_stmt *s;
	struct tzf_tab_row *v = NULL;
	size_t nalloc = 0;
	bool oom = false;
	int rc;

	*out = NULL;
	*n = 0;
	rc = tzf__release_id(&rel, NULL, st, release, dg);
	if (rc < 0)
		return rc;
	if (sqlite3_prepare_v2(st->db, "SELECT z.tab, z.country, c.name, "
	    "z.coordinates, z.zone, z.comment FROM zone_tab z "
	    "LEFT JOIN country c ON c.release_id = z.release_id AND "
	    "c.code = z.country WHERE z.release_id = ?1 AND "
	    "(?2 IS NULL OR z.country = ?2) ORDER BY z.tab, z.seq, z.country",
	    -1, &s, NULL) != SQLITE_OK)
		return tzf__sqlerr(st, dg, "cannot prepare statement");
	sqlite3_bind_int64(s, 1, rel);
	tzf__bind_text(s, 2, country);
	while (!oom && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tzf_tab_row *r;

		if (!tzf__grow(&v, &nalloc, *n + 1,
		    sizeof *v)) {
			oom = true;
			break;
		}
		r = &v[(*n)++];
		r->tab = tzf__col_dup(s, 0, &oom);
		r->country = tzf__col_dup(s, 1, &oom);
		r->country_name = tzf__col_dup(s, 2, &oom);
		r->coordinates = tzf__col_dup(s, 3, &oom);
		r->zone = tzf__col_dup(s, 4, &oom);
		r->comment = tzf__col_dup(s, 5, &oom);
	}
	sqlite3_finalize(s);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		tzf_tab_rows_free(v, *n);
		*n = 0;
		return oom ? TZF_ENOMEM : tzf__sqlerr(st, dg, "database error");
	}
	*out = v;
	return TZF_OK;
}
