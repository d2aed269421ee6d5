/*
 * dump.c: writers of the exchange formats other tools read, from a
 * release of the store or one name of it:
 *   - tzvalidate-0.1 (nodatime/tzvalidate; docs/peers.md 6.1);
 *   - zdump -i interval format (docs/peers.md 6.2), reproducing
 *     /usr/bin/zdump -i -c LO,HI byte for byte, including its 12-hour
 *     sampling and binary search, so that even the changes zdump would
 *     miss are missed alike;
 *   - SQL for MySQL's five time zone tables (docs/peers.md 4.1).
 * Writers append to a struct tzf_buf; nothing here prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"
#include "tzf_store.h"

#define HALFDAY		43200

/* ------------------------------------------------------------------ */
/* tzvalidate */

struct tzv {
	struct tzf_buf *body;
	int64_t lo, hi;		/* [lo, hi): the range 1-2035 */
	int rc;
};

static void
tzv_offset(struct tzf_buf *b, int32_t off)
{
	int64_t a = off < 0 ? -(int64_t)off : off;

	tzf_buf_printf(b, "%c%02lld:%02lld:%02lld", off < 0 ? '-' : '+',
	    (long long)(a / 3600), (long long)(a / 60 % 60),
	    (long long)(a % 60));
}

static void
tzv_state(struct tzf_buf *b, const struct tzf_local *l)
{
	tzv_offset(b, l->utoff);
	tzf_buf_printf(b, " %s %s\n", l->isdst ? "daylight" : "standard",
	    l->abbr);
}

/* The type in force before the first transition, as the tzvalidate
 * generator takes it: the first standard-time type, else type 0. */
static int
initial(struct tzf_local *out, const struct tzf_zinfo *z)
{
	const struct tzf_tzif *t = z->tzif;
	const struct tzf_tzif_block *b = t->version >= 2 ? &t->v2 : &t->v1;
	uint32_t i;

	if (b->timecnt == 0)
		return tzf_zinfo_at(out, NULL, z, INT64_MIN);
	for (i = 0; i < b->typecnt && b->types[i].isdst; i++)
		continue;
	if (i == b->typecnt)
		i = 0;
	out->utoff = b->types[i].utoff;
	out->isdst = b->types[i].isdst;
	snprintf(out->abbr, sizeof out->abbr, "%s",
	    b->chars + b->types[i].abbrind);
	return TZF_OK;
}

static int
tzv_change(void *payload, const struct tzf_change *c)
{
	struct tzv *v = payload;
	char when[64];

	if (c->at < v->lo)
		return 0;
	tzf_time_format(when, sizeof when, c->at, false);
	when[10] = ' ';
	tzf_buf_printf(v->body, "%sZ ", when);
	tzv_state(v->body, &c->after);
	return 0;
}

static int
tzv_zone(void *payload, const struct tzf_zinfo *z)
{
	struct tzv *v = payload;
	struct tzf_local l;
	int rc;

	if (z->tzif == NULL || strcmp(z->name, "Factory") == 0)
		return 0;
	rc = initial(&l, z);
	if (rc < 0)
		return rc;
	tzf_buf_printf(v->body, "%s\nInitially:           ", z->name);
	tzv_state(v->body, &l);
	rc = tzf_zinfo_changes(z, INT64_MIN, v->hi - 1, tzv_change, v);
	if (rc < 0)
		return rc;
	tzf_buf_add(v->body, "\n", 1);
	return 0;
}

/*
 * The published tzvalidate files were made from every data file of a
 * release, pacificnew included where the release ships it (its one
 * link, US/Pacific-New, is in the published 2016a-2020a bodies), though
 * since 2017c the Makefile's TDATA leaves it out.  A release stored
 * without it cannot give the published body: say so rather than write
 * a body that differs.
 */
static int
tzv_file_set(struct tzf_store *st, const char *label, struct tzf_diag *dg)
{
	bool hasfile, hasname;
	int rc;

	rc = tzf__store_has(&hasfile, &hasname, st, label, "pacificnew",
	    "US/Pacific-New", dg);
	if (rc == TZF_OK && hasfile && !hasname) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "release '%s' was stored "
		    "without pacificnew, which its published tzvalidate file "
		    "includes; dump from its source tree instead", label);
		rc = TZF_EINVAL;
	}
	return rc;
}

int
tzf_dump_tzvalidate(struct tzf_buf *out, struct tzf_store *st,
    const char *release, struct tzf_diag *dg)
{
	struct tzf_buf body = TZF_BUF_INIT;
	unsigned char d[TZF__SHA256_LEN];
	char *label = NULL, *version = NULL;
	struct tzv v;
	int i, rc;

	memset(&v, 0, sizeof v);
	v.body = &body;
	tzf_civil_to_secs(&v.lo, 1, 1, 1, 0, 0, 0);
	tzf_civil_to_secs(&v.hi, 2035, 1, 1, 0, 0, 0);
	rc = tzf__store_each(st, release, tzv_zone, &v, &label, dg);
	if (rc == TZF_OK)
		rc = tzv_file_set(st, label, dg);
	if (rc == TZF_OK)
		rc = tzf__store_version(&version, st, label, dg);
	if (rc == TZF_OK && body.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK) {
		tzf__sha256(d, body.ptr, body.len);
		tzf_buf_printf(out, "Version: %s\nBody-SHA-256: ", version);
		for (i = 0; i < TZF__SHA256_LEN; i++)
			tzf_buf_printf(out, "%02x", d[i]);
		tzf_buf_printf(out, "\nFormat: tzvalidate-0.1\n"
		    "Range: 1-2035\nGenerator: tzforge tzdb %s\n\n",
		    TZF_VERSION);
		tzf_buf_add(out, body.ptr, body.len);
		if (out->oom)
			rc = TZF_ENOMEM;
	}
	tzf__free(label);
	tzf__free(version);
	tzf_buf_dispose(&body);
	return rc;
}

/* ------------------------------------------------------------------ */
/* zdump -i */

/* What glibc's localtime() says at UT: before the first transition the
 * first standard-time type (else type 0), otherwise the TZif lookup. */
static void
zstate(struct tzf_local *out, const struct tzf_zinfo *z, int64_t ut)
{
	const struct tzf_tzif *t = z->tzif;
	const struct tzf_tzif_block *b = t->version >= 2 ? &t->v2 : &t->v1;

	if (b->timecnt > 0 && ut < b->times[0]) {
		initial(out, z);
		return;
	}
	if (tzf_zinfo_at(out, NULL, z, ut) < 0)
		memset(out, 0, sizeof *out);
}

static bool
same(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

/* zdump's format_quoted_string */
static void
quoted(struct tzf_buf *b, const char *s)
{
	tzf_buf_add(b, "\"", 1);
	for (; *s != '\0'; s++) {
		char c = *s, e = 0;

		switch (c) {
		case '"': case '\\': e = c; break;
		case ' ': e = 's'; break;
		case '\f': e = 'f'; break;
		case '\n': e = 'n'; break;
		case '\r': e = 'r'; break;
		case '\t': e = 't'; break;
		case '\v': e = 'v'; break;
		default: break;
		}
		if (e) {
			char esc[2] = { '\\', e };

			tzf_buf_add(b, esc, 2);
		} else
			tzf_buf_add(b, &c, 1);
	}
	tzf_buf_add(b, "\"", 1);
}

static bool
alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* zdump's %Q: offset, then the abbreviation unless it reads the same,
 * then the isdst flag when set. */
static void
interval(struct tzf_buf *b, const struct tzf_local *l)
{
	char off[32];
	const char *p;
	long long a = l->utoff < 0 ? -(long long)l->utoff : l->utoff;
	long long hh = a / 3600;
	int mm = (int)(a / 60 % 60), ss = (int)(a % 60);
	char sign = l->utoff < 0 || (l->utoff == 0 && (l->abbr[0] == '-' ||
	    strcmp(l->abbr, "zzz") == 0)) ? '-' : '+';
	bool show;

	if (ss || hh >= 100)
		snprintf(off, sizeof off, "%c%02lld%02d%02d", sign, hh, mm, ss);
	else if (mm)
		snprintf(off, sizeof off, "%c%02lld%02d", sign, hh, mm);
	else
		snprintf(off, sizeof off, "%c%02lld", sign, hh);
	tzf_buf_puts(b, off);
	show = strcmp(off, l->abbr) != 0;
	if (show) {
		tzf_buf_add(b, "\t", 1);
		for (p = l->abbr; alpha(*p); p++)
			continue;
		if (*p == '\0' && l->abbr[0] != '\0')
			tzf_buf_puts(b, l->abbr);
		else
			quoted(b, l->abbr);
	}
	if (l->isdst)
		tzf_buf_puts(b, show ? "\t1" : "\t\t1");
	tzf_buf_add(b, "\n", 1);
}

static void
trans_line(struct tzf_buf *b, int64_t ut, const struct tzf_local *l)
{
	struct tzf_civil c;

	tzf_civil_from_secs(&c, tzf__sat_add(ut, l->utoff));
	tzf_buf_printf(b, "%lld-%02d-%02d\t", (long long)c.year, c.mon,
	    c.mday);
	if (c.sec)
		tzf_buf_printf(b, "%02d:%02d:%02d\t", c.hour, c.min, c.sec);
	else if (c.min)
		tzf_buf_printf(b, "%02d:%02d\t", c.hour, c.min);
	else
		tzf_buf_printf(b, "%02d\t", c.hour);
	interval(b, l);
}

/* zdump's hunt(): binary search for a change between LOT and HIT. */
static int64_t
hunt(const struct tzf_zinfo *z, int64_t lot, int64_t hit)
{
	struct tzf_local lo, m;

	zstate(&lo, z, lot);
	for (;;) {
		int64_t diff = hit - lot, t;

		if (diff < 2)
			break;
		t = lot + diff / 2;
		if (t <= lot)
			++t;
		else if (t >= hit)
			--t;
		zstate(&m, z, t);
		if (same(&m, &lo)) {
			lot = t;
			lo = m;
		} else
			hit = t;
	}
	return hit;
}

struct firstc {
	int64_t at;
	bool found;
};

static int
take_first(void *payload, const struct tzf_change *c)
{
	struct firstc *f = payload;

	f->at = c->at;
	f->found = true;
	return 1;
}

int
tzf_dump_zdump(struct tzf_buf *out, const struct tzf_zinfo *z,
    int64_t loyear, int64_t hiyear)
{
	struct tzf_local cur, s;
	int64_t lo, hi, t;

	if (z->tzif == NULL)
		return TZF_ENOTFOUND;
	if (tzf_civil_to_secs(&lo, loyear, 1, 1, 0, 0, 0) < 0 ||
	    tzf_civil_to_secs(&hi, hiyear, 1, 1, 0, 0, 0) < 0)
		return TZF_EINVAL;
	t = lo;
	zstate(&cur, z, t);
	tzf_buf_puts(out, "\nTZ=");
	quoted(out, z->name);
	tzf_buf_puts(out, "\n-\t-\t");
	interval(out, &cur);
	while (t < hi) {
		struct firstc f = { 0, false };
		int64_t k, g, p;

		/* The state can differ from cur only from the next change
		 * on (changes also include the glibc initial type's end). */
		if (tzf_zinfo_changes(z, t + 1, hi, take_first, &f) < 0)
			return TZF_EINVAL;
		{
			const struct tzf_tzif_block *b =
			    z->tzif->version >= 2 ? &z->tzif->v2 : &z->tzif->v1;

			if (b->timecnt > 0 && t < b->times[0] &&
			    (!f.found || b->times[0] < f.at)) {
				f.at = b->times[0];
				f.found = true;
			}
		}
		if (!f.found)
			break;
		k = (f.at - t + HALFDAY - 1) / HALFDAY;
		p = t + (k - 1) * HALFDAY;
		g = t + k * HALFDAY;
		if (g >= hi || g < t)
			g = hi;
		zstate(&s, z, g);
		if (!same(&s, &cur)) {
			int64_t nt = hunt(z, p, g);

			zstate(&s, z, nt);
			trans_line(out, nt, &s);
			t = nt;
			cur = s;
		} else
			t = g;
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* ------------------------------------------------------------------ */
/* MySQL */

struct my {
	struct tzf_buf *out;
	struct tzf_diag *dg;
	long id;
	int64_t until;
	/* per zone */
	struct tzf_local types[256];
	int ntypes;
	struct tzf_buf rows;
	long nrows;
	int rc;
};

/*
 * S as an SQL string.  The script turns on NO_BACKSLASH_ESCAPES, so a
 * quote is the only byte special inside quotes and is doubled.  Bytes
 * outside printable ASCII are refused rather than written: MySQL's
 * tables hold utf8mb3 and tzdb names and abbreviations are ASCII.
 */
static bool
sql_str(struct tzf_buf *b, const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return false;
	tzf_buf_add(b, "'", 1);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			tzf_buf_add(b, "'", 1);
		tzf_buf_add(b, s, 1);
	}
	tzf_buf_add(b, "'", 1);
	return true;
}

static int
sql_refused(struct my *m, const char *what, const char *name)
{
	tzf__diag(m->dg, TZF_SEV_ERR, NULL, 0, "%s '%s' holds a byte that is "
	    "not printable ASCII; not exported", what, name);
	return TZF_EINVAL;
}

static int
my_type(struct my *m, const struct tzf_local *l)
{
	int i;

	for (i = 0; i < m->ntypes; i++)
		if (same(&m->types[i], l))
			return i;
	if (m->ntypes == 256)
		return -1;
	m->types[m->ntypes] = *l;
	return m->ntypes++;
}

static void
my_row(struct my *m, int64_t at, int type)
{
	tzf_buf_printf(&m->rows, "%s(%ld,%lld,%d)", m->nrows ? ",\n" : "",
	    m->id, (long long)at, type);
	m->nrows++;
}

static int
my_change(void *payload, const struct tzf_change *c)
{
	struct my *m = payload;
	int ty = my_type(m, &c->after);

	if (ty < 0)
		return TZF_EINVAL;
	my_row(m, c->at, ty);
	return 0;
}

/* One transition of the file, copied as it stands. */
static int
my_record(void *payload, int64_t at, uint32_t type)
{
	my_row(payload, at, (int)type);
	return 0;
}

static int
my_zone(void *payload, const struct tzf_zinfo *z)
{
	struct my *m = payload;
	const struct tzf_tzif_block *b;
	struct tzf_timeline tl;
	struct tzf_buf *o = m->out;
	int64_t from;
	uint32_t i;
	int rc;

	if (z->tzif == NULL)
		return 0;
	rc = tzf_timeline_init(&tl, z->tzif);
	if (rc < 0)
		return rc;
	b = tl.b;
	m->id++;
	m->ntypes = 0;
	m->nrows = 0;
	m->rows.len = 0;
	for (i = 0; i < b->typecnt; i++) {
		struct tzf_local *l = &m->types[m->ntypes++];

		l->utoff = b->types[i].utoff;
		l->isdst = b->types[i].isdst;
		snprintf(l->abbr, sizeof l->abbr, "%s",
		    b->chars + b->types[i].abbrind);
	}
	rc = tzf_timeline_records(&tl, m->until, my_record, m);
	if (rc != 0)
		return rc;
	if (b->timecnt > 0)
		from = b->times[b->timecnt - 1] + 1;
	else
		tzf_civil_to_secs(&from, 1900, 1, 1, 0, 0, 0);
	if (z->hasrules && from < m->until) {
		rc = tzf_zinfo_changes(z, from, m->until - 1, my_change, m);
		if (rc != 0)
			return rc < 0 ? rc : TZF_EINVAL;
	}
	tzf_buf_printf(o, "INSERT INTO time_zone (Time_zone_id, "
	    "Use_leap_seconds) VALUES (%ld, 'N');\n"
	    "INSERT INTO time_zone_name (Name, Time_zone_id) VALUES (", m->id);
	if (!sql_str(o, z->name))
		return sql_refused(m, "name", z->name);
	tzf_buf_printf(o, ", %ld);\nINSERT INTO time_zone_transition_type "
	    "(Time_zone_id, Transition_type_id, `Offset`, Is_DST, "
	    "Abbreviation) VALUES\n", m->id);
	for (i = 0; i < (uint32_t)m->ntypes; i++) {
		tzf_buf_printf(o, "%s(%ld,%u,%ld,%d,", i ? ",\n" : "", m->id,
		    i, (long)m->types[i].utoff, m->types[i].isdst);
		if (!sql_str(o, m->types[i].abbr))
			return sql_refused(m, "abbreviation", m->types[i].abbr);
		tzf_buf_add(o, ")", 1);
	}
	tzf_buf_puts(o, ";\n");
	if (m->nrows > 0) {
		tzf_buf_puts(o, "INSERT INTO time_zone_transition "
		    "(Time_zone_id, Transition_time, Transition_type_id) "
		    "VALUES\n");
		tzf_buf_add(o, m->rows.ptr, m->rows.len);
		tzf_buf_puts(o, ";\n");
	}
	return m->rows.oom || o->oom ? TZF_ENOMEM : 0;
}

int
tzf_export_mysql(struct tzf_buf *out, struct tzf_store *st,
    const char *release, int64_t until_year, struct tzf_diag *dg)
{
	struct my *m;
	char *label = NULL;
	int rc;

	m = tzf__calloc(1, sizeof *m);
	if (m == NULL)
		return TZF_ENOMEM;
	m->out = out;
	m->dg = dg;
	if (tzf_civil_to_secs(&m->until, until_year + 1, 1, 1, 0, 0, 0) < 0) {
		tzf__free(m);
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "year %lld out of range",
		    (long long)until_year);
		return TZF_EINVAL;
	}
	tzf_buf_printf(out, "-- MySQL/MariaDB time zone tables, written by "
	    "tzforge tzdb %s\n-- footer rules expanded to explicit "
	    "transitions through %lld\n"
	    "-- strings are quoted for NO_BACKSLASH_ESCAPES, set here\n"
	    "SET @@SESSION.sql_mode = TRIM(BOTH ',' FROM "
	    "CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES'));\n"
	    "BEGIN;\n"
	    "DELETE FROM time_zone;\nDELETE FROM time_zone_name;\n"
	    "DELETE FROM time_zone_transition;\n"
	    "DELETE FROM time_zone_transition_type;\n"
	    "DELETE FROM time_zone_leap_second;\n", TZF_VERSION,
	    (long long)until_year);
	rc = tzf__store_each(st, release, my_zone, m, &label, dg);
	if (rc == TZF_OK)
		tzf_buf_puts(out, "COMMIT;\n");
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	tzf_buf_dispose(&m->rows);
	tzf__free(label);
	tzf__free(m);
	return rc;
}
