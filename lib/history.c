/*
 * history.c: the expanded history of every name of a tzdb, the common
 * input of the SQLite store (data/tzdb) and the diff engine
 * (diff/tzdiff).
 *
 * Each Zone is compiled exactly as "zic --fix-quirks" writes it (slim
 * TZif, no -r) and read back with the TZif reader, so that every answer
 * derived from a history agrees bit for bit with that TZif file.  The
 * store and the diff engine answer what the data means, so they take
 * the corrections of zic 2026c's quirks (zic.8, BUGS): in a few old
 * releases zic 2026c's own files misstate some years.  Links get
 * the data of the zone they end at, resolved the way zic's links end
 * up on disk: the last Link of a name wins, a Link replaces a Zone of
 * the same name, and chains are followed.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

struct entry {
	struct tzf_name n;
	ptrdiff_t zone;		/* index into zones[] of the data, or -1 */
	size_t order;		/* zones first, then links, in input order */
};

struct zonedata {
	struct tzf_buf bytes;
	struct tzf_tzif *tzif;
	struct tzf_span *spans;
	size_t nspans;
};

struct tzf_histset {
	struct tzf_db *db;	/* owned: names and provenance point into it */
	struct entry *ents;	/* sorted by name */
	size_t nents;
	struct zonedata *zones;	/* parallel to db->zones */
	size_t nzones;
};

static int
entcmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return strcmp(x->n.name, y->n.name);
}

/* Name, then input order (zones before links): a stable sort. */
static int
entcmp_stable(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->n.name, y->n.name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static struct entry *
find_entry(const struct tzf_histset *hs, const char *name)
{
	struct entry key;

	memset(&key, 0, sizeof key);
	key.n.name = name;
	return bsearch(&key, hs->ents, hs->nents, sizeof key, entcmp);
}

static int
compile_zones(struct tzf_histset *hs, struct tzf_diag *dg)
{
	size_t i;
	int rc;

	hs->nzones = tzf_db_nzones(hs->db);
	hs->zones = tzf__calloc(hs->nzones ? hs->nzones : 1, sizeof *hs->zones);
	if (hs->zones == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < hs->nzones; i++) {
		struct zonedata *z = &hs->zones[i];

		rc = tzf_db_compile_zone_spans(&z->bytes, &z->spans,
		    &z->nspans, hs->db, i);
		if (rc < 0)
			return rc;
		if (z->bytes.oom)
			return TZF_ENOMEM;
		rc = tzf_tzif_parse(&z->tzif, z->bytes.ptr, z->bytes.len,
		    tzf_db_zone_name(hs->db, i), dg);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

/* One entry per name: zones first, then links (the last of a name wins,
 * replacing a zone of the same name as zic's links replace files). */
static int
collect_names(struct tzf_histset *hs)
{
	const struct tzf_db *db = hs->db;
	size_t i, j, n = 0;

	hs->ents = tzf__calloc(db->nzones + db->nlinks + 1, sizeof *hs->ents);
	if (hs->ents == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < db->nzones; i++) {
		struct entry *e = &hs->ents[n++];
		const struct tzf_zline *z = &db->zlines[db->zones[i].first];

		e->n.name = z->name;
		e->n.zone = z->name;
		e->n.file = z->file;
		e->n.line = z->line;
		e->zone = (ptrdiff_t)i;
		e->order = n - 1;
	}
	for (i = 0; i < db->nlinks; i++) {
		struct entry *e = &hs->ents[n++];
		const struct tzf_link *l = &db->links[i];

		e->n.name = l->linkname;
		e->n.islink = true;
		e->n.target = l->target;
		e->n.file = l->file;
		e->n.line = l->line;
		e->zone = -1;
		e->order = n - 1;
	}
	/* n log n, not an insertion sort: 100,000 shuffled links took 35 s */
	qsort(hs->ents, n, sizeof *hs->ents, entcmp_stable);
	/* Keep the last entry of each name. */
	for (i = j = 0; i < n; i++) {
		while (i + 1 < n && strcmp(hs->ents[i].n.name,
		    hs->ents[i + 1].n.name) == 0)
			i++;
		hs->ents[j++] = hs->ents[i];
	}
	hs->nents = j;
	return TZF_OK;
}

/* tzf_db_links() calls this for each link once its target is made:
 * the link gets the data its target has by then. */
static int
resolve_link(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	struct tzf_histset *hs = payload;
	struct entry *e = find_entry(hs, linkname), *t = find_entry(hs, target);

	if (e == NULL)
		return TZF_OK;
	if (t == NULL || t->zone < 0) {
		tzf__diag(hs->db->dg, TZF_ERR, file, line,
		    "link %s targets %s, which does not exist", linkname,
		    target);
		return TZF_OK;
	}
	e->zone = t->zone;
	e->n.zone = t->n.zone;
	return TZF_OK;
}

/*
 * Follow each link to the zone whose data it ends up with, in the order
 * and by the rules with which zic makes links (lib/links.c): chains of
 * any length, zic's messages for self links and cycles.
 */
static int
resolve_links(struct tzf_histset *hs)
{
	return tzf_db_links(hs->db, resolve_link, hs);
}

int
tzf_histset_from_db(struct tzf_histset **out, struct tzf_db *db,
    struct tzf_diag *dg)
{
	struct tzf_histset *hs;
	int rc;

	*out = NULL;
	hs = tzf__calloc(1, sizeof *hs);
	if (hs == NULL) {
		tzf_db_free(db);
		return TZF_ENOMEM;
	}
	hs->db = db;
	rc = compile_zones(hs, dg);
	if (rc == TZF_OK)
		rc = collect_names(hs);
	if (rc < 0) {
		tzf_histset_free(hs);
		return rc;
	}
	rc = resolve_links(hs);
	if (rc < 0) {
		tzf_histset_free(hs);
		return rc;
	}
	*out = hs;
	return TZF_OK;
}

int
tzf_histset_from_mapped(struct tzf_histset **out, const char *name,
    const char *text, size_t len, const struct tzf_origin *origins,
    size_t norigins, struct tzf_diag *dg)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tzf_db *db;
	int rc;

	*out = NULL;
	o.fix_quirks = true;	/* what the data means (see the top) */
	rc = tzf_db_new(&db, &o, dg);
	if (rc < 0)
		return rc;
	rc = tzf_db_parse_mapped(db, name, text, len, origins, norigins);
	if (rc == TZF_OK && dg != NULL && dg->nerr > 0)
		rc = TZF_EINVAL;
	if (rc == TZF_OK)
		rc = tzf_db_associate(db);
	if (rc < 0) {
		tzf_db_free(db);
		return rc;
	}
	return tzf_histset_from_db(out, db, dg);
}

int
tzf_histset_from_text(struct tzf_histset **out, const char *name,
    const char *text, size_t len, struct tzf_diag *dg)
{
	return tzf_histset_from_mapped(out, name, text, len, NULL, 0, dg);
}

int
tzf_histset_from_build(struct tzf_histset **out, const struct tzf_build *b,
    struct tzf_diag *dg)
{
	const struct tzf_origin *origins;
	const char *text;
	size_t len, n;

	text = tzf_build_text(b, &len);
	origins = tzf_build_origins(b, &n);
	return tzf_histset_from_mapped(out, tzf_build_name(b), text, len,
	    origins, n, dg);
}

void
tzf_histset_free(struct tzf_histset *hs)
{
	size_t i;

	if (hs == NULL)
		return;
	for (i = 0; hs->zones != NULL && i < hs->nzones; i++) {
		tzf_buf_dispose(&hs->zones[i].bytes);
		tzf_tzif_free(hs->zones[i].tzif);
		tzf__free(hs->zones[i].spans);
	}
	tzf__free(hs->zones);
	tzf__free(hs->ents);
	tzf_db_free(hs->db);
	tzf__free(hs);
}

size_t
tzf_histset_count(const struct tzf_histset *hs)
{
	return hs->nents;
}

const struct tzf_name *
tzf_histset_name(const struct tzf_histset *hs, size_t i)
{
	return &hs->ents[i].n;
}

ptrdiff_t
tzf_histset_find(const struct tzf_histset *hs, const char *name)
{
	struct entry *e = find_entry(hs, name);

	return e == NULL ? -1 : e - hs->ents;
}

static const struct zonedata *
data_of(const struct tzf_histset *hs, size_t i)
{
	ptrdiff_t z = hs->ents[i].zone;

	return z < 0 ? NULL : &hs->zones[z];
}

const struct tzf_tzif *
tzf_histset_tzif(const struct tzf_histset *hs, size_t i)
{
	const struct zonedata *z = data_of(hs, i);

	return z == NULL ? NULL : z->tzif;
}

const void *
tzf_histset_bytes(const struct tzf_histset *hs, size_t i, size_t *len)
{
	const struct zonedata *z = data_of(hs, i);

	*len = z == NULL ? 0 : z->bytes.len;
	return z == NULL ? NULL : z->bytes.ptr;
}

const struct tzf_span *
tzf_histset_spans(const struct tzf_histset *hs, size_t i, size_t *n)
{
	const struct zonedata *z = data_of(hs, i);

	*n = z == NULL ? 0 : z->nspans;
	return z == NULL ? NULL : z->spans;
}

const struct tzf_db *
tzf_histset_db(const struct tzf_histset *hs)
{
	return hs->db;
}
