/*
 * test_compare.c: cmocka tests of lib/compare.c and lib/report.c, the
 * diff engine of diff/tzdiff.
 *
 *   - hand-made trees (written to a temporary directory) with one case of
 *     each kind: names added and removed, Zone->Link with history moved to
 *     backzone, renamed and discarded, Link->Zone split, retargeted link,
 *     abbreviation-only, isdst-only and footer changes, table entries;
 *   - the figures of forks.md for upstream 2026c against global-tz
 *     2026cgtz ($TZF_SHARED/tzdb, default ../shared);
 *   - upstream 2022a->2022b from tests/repos/upstream.git: the merged
 *     zones are those NEWS for 2022b lists (read from the tree itself);
 *   - dates, time parsing, tzdb version order and release lists.
 * Run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzforge.h"

static char tmpdir[] = "/tmp/test_compare.XXXXXX";
static char lastmsg[1024];

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static const char *
shared(const char *rel)
{
	static char path[2][4096];
	static int i;
	const char *s = getenv("TZF_SHARED");

	i = !i;
	snprintf(path[i], sizeof path[i], "%s/%s", s ? s : "../shared", rel);
	return path[i];
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s/%s", tmpdir, dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static const char rules[] =
    "Rule\tXr\t1800\tmax\t-\tMar\tlastSun\t1:00u\t1:00\tS\n"
    "Rule\tXr\t1800\tmax\t-\tOct\tlastSun\t1:00u\t0\t-\n";

/* Two small trees with one difference of each kind. */
static void
make_trees(void)
{
	static const char *const empty[] = { "africa", "antarctica", "asia",
		"australasia", "northamerica", "southamerica", "etcetera",
		"factory" };
	char path[4096], text[4096];
	size_t i;

	for (i = 0; i < 2; i++) {
		size_t k;

		snprintf(path, sizeof path, "%s/%s", tmpdir, i ? "new" : "old");
		assert_int_equal(mkdir(path, 0755), 0);
		for (k = 0; k < sizeof empty / sizeof *empty; k++)
			write_file(i ? "new" : "old", empty[k], "");
	}
	snprintf(text, sizeof text, "%s%s", rules,
	    "Zone\tEu/A\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/B\t0:30\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/Old\t0:10\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/Gone\t0:20\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/C\t1:00\t-\tXET\t1950\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/I\t1:00\t-\tXST\t1950\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/D\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/Rem\t1:00\tXr\tCE%sT\n");
	write_file("old", "europe", text);
	write_file("old", "backward",
	    "Link\tEu/A\tEu/L1\n"
	    "Link\tEu/A\tEu/S\n");
	write_file("old", "zone.tab",
	    "# comment\n"
	    "XA\t+0000+00000\tEu/A\n"
	    "XB\t+0000+00000\tEu/B\tbee\n"
	    "XR\t+0000+00000\tEu/Rem\n");
	write_file("old", "backzone",
	    "Zone\tEu/S\t0:40\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n");
	snprintf(text, sizeof text, "%s%s", rules,
	    "Zone\tEu/A\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/New\t0:10\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/C\t1:00\t-\tCET\t1950\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/I\t0:00\t1:00\tXST\t1950\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/D\t1:00\tXr\tCE%sT\t2000\n"
	    "\t\t\t1:00\t-\tCET\n"
	    "Zone\tEu/S\t0:40\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n"
	    "Zone\tEu/Z\t1:00\t-\tCET\n");
	write_file("new", "europe", text);
	write_file("new", "backward",
	    "Link\tEu/A\tEu/B\n"
	    "Link\tEu/New\tEu/Old\n"
	    "Link\tEu/A\tEu/Gone\n"
	    "Link\tEu/C\tEu/L1\n");
	write_file("new", "backzone",
	    "Zone\tEu/B\t0:30\t-\tLMT\t1900\n"
	    "\t\t\t1:00\tXr\tCE%sT\n");
	write_file("new", "zone.tab",
	    "XA\t+0000+00000\tEu/A\n"
	    "XB\t+0000+00000\tEu/B\tbees\n"
	    "XN\t+0000+00000\tEu/New\n");
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	make_trees();
	return 0;
}

static int
rm_rf(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static int
teardown(void **state)
{
	(void)state;
	return rm_rf(tmpdir) == 0 ? 0 : -1;
}

struct pair {
	struct tzf_cmp_side *a, *b;
	struct tzf_cmp *c;
};

static void
pair_open(struct pair *p, const char *old, const char *new,
    const struct tzf_switches *sw, const struct tzf_cmp_opts *o)
{
	memset(p, 0, sizeof *p);
	if (tzf_cmp_side_open(&p->a, old, sw, &dg) != TZF_OK ||
	    tzf_cmp_side_open(&p->b, new, sw, &dg) != TZF_OK)
		print_error("cannot build: %s\n", lastmsg);
	assert_non_null(p->a);
	assert_non_null(p->b);
	assert_int_equal(tzf_compare(&p->c, p->a, p->b, o, &dg), TZF_OK);
}

static void
pair_close(struct pair *p)
{
	tzf_cmp_free(p->c);
	tzf_cmp_side_free(p->a);
	tzf_cmp_side_free(p->b);
}

static const char *
tmp(const char *name)
{
	static char path[2][4096];
	static int i;

	i = !i;
	snprintf(path[i], sizeof path[i], "%s/%s", tmpdir, name);
	return path[i];
}

static const struct tzf_cmp_name *
need(const struct tzf_cmp *c, const char *name)
{
	const struct tzf_cmp_name *e = tzf_cmp_find(c, name);

	if (e == NULL)
		print_error("no entry for %s\n", name);
	assert_non_null(e);
	return e;
}

static int64_t
at(const char *s)
{
	int64_t t;
	bool haszone;

	assert_int_equal(tzf_time_parse(&t, &haszone, s), TZF_OK);
	return t;
}

/* ------------------------------------------------------------------ */

static void
test_kinds(void **state)
{
	const struct tzf_cmp_summary *s;
	const struct tzf_cmp_name *e;
	struct pair p;

	(void)state;
	pair_open(&p, tmp("old"), tmp("new"), NULL, NULL);
	s = tzf_cmp_summary(p.c);
	assert_int_equal(s->names_old, 10);
	assert_int_equal(s->names_new, 11);
	assert_int_equal(s->added, 2);		/* Eu/New, Eu/Z */
	assert_int_equal(s->removed, 1);	/* Eu/Rem */
	assert_int_equal(s->zone_to_link, 3);
	assert_int_equal(s->link_to_zone, 1);
	assert_int_equal(s->link_retargeted, 1);
	assert_true(tzf_cmp_differ(p.c));

	assert_int_equal(need(p.c, "Eu/New")->flags, TZF_CMP_ADDED);
	assert_int_equal(need(p.c, "Eu/Rem")->flags, TZF_CMP_REMOVED);
	assert_null(tzf_cmp_find(p.c, "Eu/A"));	/* nothing to say */

	e = need(p.c, "Eu/B");
	assert_true(e->flags & TZF_CMP_ZONE_TO_LINK);
	assert_int_equal(e->merge, TZF_MERGE_BACKZONE);
	assert_true(e->in_backzone);
	assert_string_equal(e->new->target, "Eu/A");
	assert_true(e->flags & TZF_CMP_BEHAVIOUR);
	/* Eu/A has no transitions, so its footer governs all of time (RFC
	 * 9636 3.2; the engine generates footer transitions from 1800 on):
	 * LMT 0:30 against CET/CEST, one interval before 1800 and 200 from
	 * 1800 to 1900. */
	assert_int_equal(e->ndiff, 201);
	assert_int_equal(e->first, INT64_MIN);
	assert_int_equal(e->first_finite, at("1800-03-30T01:00:00Z"));
	assert_int_equal(e->last, at("1899-12-31T23:30:00Z"));
	assert_int_equal(e->maxdelta, 5400);
	assert_false(e->since1970);
	assert_int_equal(e->cls, TZF_CMP_OFFSET);

	e = need(p.c, "Eu/Old");
	assert_int_equal(e->merge, TZF_MERGE_RENAME);
	assert_false(e->flags & TZF_CMP_BEHAVIOUR);	/* same data */

	e = need(p.c, "Eu/Gone");
	assert_int_equal(e->merge, TZF_MERGE_DISCARDED);
	assert_false(e->in_backzone);

	e = need(p.c, "Eu/S");
	assert_true(e->flags & TZF_CMP_LINK_TO_ZONE);
	assert_int_equal(e->merge, TZF_MERGE_SPLIT);
	assert_true(e->in_backzone);	/* the old side's backzone */

	e = need(p.c, "Eu/L1");
	assert_true(e->flags & TZF_CMP_RETARGETED);
	assert_string_equal(e->old->target, "Eu/A");
	assert_string_equal(e->new->target, "Eu/C");
	assert_int_equal(e->cls, TZF_CMP_OFFSET);	/* Eu/A had DST */

	e = need(p.c, "Eu/C");
	assert_int_equal(e->cls, TZF_CMP_ABBR);
	assert_int_equal(e->nabbr, e->ndiff);
	assert_int_equal(e->last, at("1949-12-31T23:00:00Z"));
	assert_false(e->since1970);

	e = need(p.c, "Eu/I");
	assert_int_equal(e->cls, TZF_CMP_ISDST);
	assert_int_equal(e->maxdelta, 0);

	e = need(p.c, "Eu/D");
	assert_true(e->flags & TZF_CMP_FOOTER);
	assert_true(e->since1970);
	assert_string_equal(e->footer_new, "CET-1");
	assert_int_equal(e->first_finite, at("2000-03-26T01:00:00Z"));
	assert_int_equal(e->ndiff, 100);	/* 2000..2099 summers */

	s = tzf_cmp_summary(p.c);
	assert_int_equal(s->footer_changed, 1);
	assert_int_equal(s->abbreviation_only, 1);
	assert_int_equal(s->isdst_only, 1);
	assert_int_equal(s->changed_since_1970, 1);
	assert_int_equal(s->behaviour_changed, 7);
	assert_int_equal(s->changed_before_1970_only, 6);

	/* zone.tab: Eu/B changed, Eu/New added, Eu/Rem removed. */
	assert_int_equal(tzf_cmp_ntabs(p.c), 3);
	assert_string_equal(tzf_cmp_tab(p.c, 0)->key, "Eu/B");
	assert_non_null(tzf_cmp_tab(p.c, 0)->old);
	assert_non_null(tzf_cmp_tab(p.c, 0)->new);
	assert_null(tzf_cmp_tab(p.c, 1)->old);
	assert_null(tzf_cmp_tab(p.c, 2)->new);
	pair_close(&p);
}

static void
test_range(void **state)
{
	struct tzf_cmp_opts o = TZF_CMP_OPTS_INIT;
	const struct tzf_cmp_name *e;
	struct pair p;

	(void)state;
	/* Only 2050 on: Eu/D still differs, the pre-1970 changes do not. */
	o.from = at("2050-01-01");
	pair_open(&p, tmp("old"), tmp("new"), NULL, &o);
	e = need(p.c, "Eu/D");
	assert_int_equal(e->ndiff, 50);
	assert_int_equal(e->first, at("2050-03-27T01:00:00Z"));
	e = need(p.c, "Eu/B");	/* still a Zone->Link change */
	assert_false(e->flags & TZF_CMP_BEHAVIOUR);
	assert_int_equal(tzf_cmp_summary(p.c)->behaviour_changed, 1);
	pair_close(&p);
}

static void
test_same(void **state)
{
	struct pair p;
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	pair_open(&p, tmp("old"), tmp("old"), NULL, NULL);
	assert_false(tzf_cmp_differ(p.c));
	assert_int_equal(tzf_cmp_count(p.c), 0);
	assert_int_equal(tzf_cmp_report(&b, p.c, TZF_FMT_TEXT, NULL), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nNo differences.\n"));
	tzf_buf_dispose(&b);
	pair_close(&p);
}

static void
test_rows(void **state)
{
	struct tzf_cmp_opts o = TZF_CMP_OPTS_INIT;
	struct tzf_cmp_row *rows;
	struct pair p;
	size_t n;

	(void)state;
	o.until = at("1951");
	pair_open(&p, tmp("old"), tmp("new"), NULL, &o);
	assert_int_equal(tzf_cmp_rows(&rows, &n, p.c, "Eu/C"), TZF_OK);
	assert_true(n > 2);
	assert_int_equal(rows[0].start, INT64_MIN);
	assert_true(rows[0].differ);
	assert_string_equal(rows[0].old.abbr, "XET");
	assert_string_equal(rows[0].new.abbr, "CET");
	assert_int_equal(rows[n - 1].end, o.until);
	tzf_free(rows);
	assert_int_equal(tzf_cmp_rows(&rows, &n, p.c, "No/Such"),
	    TZF_ENOTFOUND);
	pair_close(&p);
}

static void
test_reports(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct pair p;

	(void)state;
	pair_open(&p, tmp("old"), tmp("new"), NULL, NULL);
	assert_int_equal(tzf_cmp_report(&b, p.c, TZF_FMT_TEXT, NULL), TZF_OK);
	assert_non_null(strstr(b.ptr, "\n  Eu/B -> Eu/A: history moved to "
	    "backzone\n"));
	assert_non_null(strstr(b.ptr, "\n  Eu/Old -> Eu/New: rename\n"));
	assert_non_null(strstr(b.ptr, "\n  Eu/Gone -> Eu/A: history "
	    "discarded\n"));
	assert_non_null(strstr(b.ptr, "\n  Eu/L1: Eu/A -> Eu/C\n"));
	assert_non_null(strstr(b.ptr, "\"CET-1CEST,M3.5.0,M10.5.0/3\" -> "
	    "\"CET-1\""));
	tzf_buf_dispose(&b);
	assert_int_equal(tzf_cmp_report(&b, p.c, TZF_FMT_JSON, NULL), TZF_OK);
	assert_non_null(strstr(b.ptr, "\"summary\": {\"names_old\": 10, "
	    "\"names_new\": 11, \"added\": 2, \"removed\": 1, "
	    "\"zone_to_link\": 3, \"link_to_zone\": 1, "
	    "\"link_retargeted\": 1,"));
	assert_non_null(strstr(b.ptr, "\"merge\": \"rename\""));
	tzf_buf_dispose(&b);
	assert_int_equal(tzf_cmp_report(&b, p.c, TZF_FMT_MARKDOWN, "Eu/C"),
	    TZF_OK);
	assert_non_null(strstr(b.ptr, "## Eu/C side by side"));
	assert_non_null(strstr(b.ptr, "| * | - | 1949-12-31T23:00:00Z | "
	    "+01 XET | +01 CET |"));
	tzf_buf_dispose(&b);
	pair_close(&p);
}

static void
test_vanguard_chain(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_cmp_side *s;
	struct tzf_cmp *c;

	(void)state;
	write_file("old", "backward",
	    "Link\tEu/A\tEu/L1\n"
	    "Link\tEu/L1\tEu/L2\n"
	    "Link\tEu/A\tEu/S\n");
	sw.dataform = "vanguard";
	assert_int_equal(tzf_cmp_side_open(&s, tmp("old"), &sw, &dg), TZF_OK);
	assert_int_equal(tzf_compare(&c, s, s, NULL, &dg), TZF_OK);
	assert_int_equal(tzf_cmp_summary(c)->link_chains_old, 1);
	assert_int_equal(tzf_cmp_nlinks(c), 2);	/* once per side */
	assert_string_equal(tzf_cmp_link(c, 0)->name, "Eu/L2");
	assert_string_equal(tzf_cmp_link(c, 0)->target, "Eu/L1");
	assert_string_equal(tzf_cmp_link(c, 0)->zone, "Eu/A");
	tzf_cmp_free(c);
	tzf_cmp_side_free(s);
	write_file("old", "backward",
	    "Link\tEu/A\tEu/L1\n"
	    "Link\tEu/A\tEu/S\n");
}

/* forks.md sections 2.4 and 5. */
static void
test_2026c_gtz(void **state)
{
	const struct tzf_cmp_summary *s;
	const struct tzf_cmp_name *e;
	struct pair p;
	size_t i;

	(void)state;
	pair_open(&p, shared("tzdb/2026c"), shared("tzdb/2026cgtz"), NULL,
	    NULL);
	s = tzf_cmp_summary(p.c);
	assert_int_equal(s->names_old, 598);
	assert_int_equal(s->names_new, 598);
	assert_int_equal(s->added, 0);
	assert_int_equal(s->removed, 0);
	assert_int_equal(s->link_to_zone, 95);
	assert_int_equal(s->zone_to_link, 0);
	assert_int_equal(s->link_retargeted, 15);
	assert_int_equal(s->behaviour_changed, 110);
	assert_int_equal(s->changed_before_1970_only, 110);
	assert_int_equal(s->changed_since_1970, 0);
	assert_int_equal(s->footer_changed, 0);
	assert_int_equal(s->table_changes, 0);
	for (i = 0; i < tzf_cmp_count(p.c); i++) {
		e = tzf_cmp_name(p.c, i);
		assert_true(e->last <= at("1969-09-30T13:00:00Z"));
		/* every link->zone is backzone history restored */
		if (e->flags & TZF_CMP_LINK_TO_ZONE)
			assert_true(e->in_backzone);
	}

	e = need(p.c, "Europe/Oslo");
	assert_true(e->old->islink);
	assert_string_equal(e->old->target, "Europe/Berlin");
	assert_false(e->new->islink);
	assert_int_equal(e->ndiff, 22);
	assert_int_equal(e->first_finite, at("1893-03-31T23:06:32Z"));
	assert_int_equal(e->last, at("1965-09-19T01:00:00Z"));
	assert_int_equal(e->maxdelta, 2 * 3600);

	e = need(p.c, "Atlantic/Reykjavik");
	assert_int_equal(e->ndiff, 69);
	assert_int_equal(e->noffset, 36);
	assert_int_equal(e->nabbr + e->nisdst, 33);
	assert_int_equal(e->maxdelta, 3600 + 11 * 60 + 52);

	e = need(p.c, "Asia/Kuala_Lumpur");
	assert_int_equal(e->ndiff, 2);
	assert_int_equal(e->first_finite, at("1900-12-31T17:04:35Z"));
	assert_int_equal(e->last, at("1900-12-31T17:13:14Z"));
	assert_int_equal(e->maxdelta, 8 * 60 + 39);

	assert_int_equal(need(p.c, "Europe/Amsterdam")->ndiff, 107);
	e = need(p.c, "Arctic/Longyearbyen");
	assert_true(e->flags & TZF_CMP_RETARGETED);
	assert_string_equal(e->new->target, "Europe/Oslo");
	pair_close(&p);
}

/* Upstream 2022a->2022b: the zones NEWS for 2022b lists as merged. */
static void
test_2022b_news(void **state)
{
	const char *repo = "tests/repos/upstream.git", *news, *p, *q;
	char spec_a[256], spec_b[256], name[64];
	const struct tzf_cmp_name *e;
	struct pair pr;
	size_t len, n = 0;
	struct stat st;

	(void)state;
	if (stat(repo, &st) != 0)
		skip();		/* make repos */
	snprintf(spec_a, sizeof spec_a, "%s@2022a", repo);
	snprintf(spec_b, sizeof spec_b, "%s@2022b", repo);
	pair_open(&pr, spec_a, spec_b, NULL, NULL);
	assert_int_equal(tzf_tree_file(&news, &len, tzf_cmp_side_tree(pr.b),
	    "NEWS"), TZF_OK);
	/* "In this round the affected zones are A, B, ... and Z, and the
	 * affected links are ..." */
	p = strstr(news, "In this round the affected zones are");
	assert_non_null(p);
	p += strlen("In this round the affected zones are");
	q = strstr(p, ", and the affected links");
	assert_non_null(q);
	while (p < q) {
		size_t k = 0;

		while (p < q && (*p == ' ' || *p == '\n' || *p == ','))
			p++;
		if (q - p > 4 && strncmp(p, "and ", 4) == 0)
			p += 4;
		while (p < q && *p != ',' && *p != ' ' && *p != '\n' &&
		    k + 1 < sizeof name)
			name[k++] = *p++;
		name[k] = '\0';
		if (k == 0)
			continue;
		e = need(pr.c, name);
		assert_true(e->flags & TZF_CMP_ZONE_TO_LINK);
		assert_int_equal(e->merge, TZF_MERGE_BACKZONE);
		n++;
	}
	assert_int_equal(n, 21);
	assert_int_equal(tzf_cmp_summary(pr.c)->zone_to_link, 22);
	assert_int_equal(need(pr.c, "Europe/Kiev")->merge, TZF_MERGE_RENAME);
	assert_int_equal(tzf_cmp_summary(pr.c)->link_retargeted, 6);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_before_1970_only, 32);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_since_1970, 7);
	pair_close(&pr);
}

static void
test_versions(void **state)
{
	static const char *const order[] = { "2012e", "2012j", "2013a",
		"2019c", "2021a", "2022a", "2022agtz", "2022b", "2022bgtz",
		"2026c", "2026cgtz", "2026z", "2026za" };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof order / sizeof *order; i++)
		for (j = 0; j < sizeof order / sizeof *order; j++) {
			int r = tzf_version_cmp(order[i], order[j]);

			assert_true(i < j ? r < 0 : i > j ? r > 0 : r == 0);
		}
}

static void
test_release_list(void **state)
{
	char **tags;
	size_t n;
	struct stat st;

	(void)state;
	if (stat("tests/repos/upstream.git", &st) != 0 ||
	    stat("tests/repos/global-tz.git", &st) != 0)
		skip();
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/upstream.git", "2021a..2026c", &dg), TZF_OK);
	assert_int_equal(n, 24);
	assert_string_equal(tags[0], "2021a");
	assert_string_equal(tags[6], "2022b");
	assert_string_equal(tags[23], "2026c");
	tzf_release_list_free(tags, n);
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/upstream.git", "..", &dg), TZF_EINVAL);
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/upstream.git", "2012e..", &dg), TZF_OK);
	assert_int_equal(n, 87);
	tzf_release_list_free(tags, n);
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/global-tz.git", "2022agtz..", &dg), TZF_OK);
	assert_int_equal(n, 19);
	assert_string_equal(tags[18], "2026cgtz");
	tzf_release_list_free(tags, n);
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/upstream.git", "2022b,2021a", &dg), TZF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(tags[0], "2022b");	/* a list is taken as is */
	tzf_release_list_free(tags, n);
	assert_int_equal(tzf_release_list(&tags, &n,
	    "tests/repos/upstream.git", "2021a..2099a", &dg), TZF_ENOTFOUND);
	assert_string_equal(lastmsg, "unknown tag '2099a'");
	assert_int_equal(tzf_release_list(&tags, &n, "/nonexistent/repo",
	    "2021a..2022a", &dg), TZF_ENOTFOUND);
}

static void
test_bad_spec(void **state)
{
	struct tzf_cmp_side *s = (void *)1;

	(void)state;
	assert_int_equal(tzf_cmp_side_open(&s, tmp("nonexistent"), NULL,
	    &dg), TZF_ENOTFOUND);
	assert_null(s);
	tzf_cmp_side_free(NULL);
	tzf_cmp_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_vanguard_chain),
		cmocka_unit_test(test_2026c_gtz),
		cmocka_unit_test(test_2022b_news),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_release_list),
		cmocka_unit_test(test_bad_spec),
	};
	int rc;

	if (tzf_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
