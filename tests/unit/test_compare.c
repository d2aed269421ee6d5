/*
 * test_compare.c: cmocka tests of lib/compare.c, the diff engine of
 * diff/tzdiff (its reports are tested through the program, in
 * the scripts of tests/cli/tzdiff).
 *
 *   - hand-made trees (written to a temporary directory) with one case of
 *     each kind: names added and removed, Zone->Link with history moved to
 *     backzone, renamed and discarded, Link->Zone split, retargeted link,
 *     abbreviation-only, isdst-only and footer changes, table entries;
 *   - the figures of forks.md for upstream 2026c against global-tz
 *     2026cgtz ($TZF_SHARED/tzdb, default ../shared);
 *   - upstream 2022a->2022b from tests/repos/upstream.git: the merged
 *     zones are those NEWS for 2022b lists (read from the tree itself);
 *   - episodes (Asia/Tehran and America/Santiago 2022a->2022b), groups of
 *     aliases (America/Edmonton 2026b->2026c), LMT-only differences and
 *     the source lines behind each difference;
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

#include "tzf_test.h"

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
	assert_int_equal(e->merge, TZF_CMP_MERGE_BACKZONE);
	assert_true(e->in_backzone);
	assert_string_equal(e->new->target, "Eu/A");
	assert_true(e->flags & TZF_CMP_BEHAVIOUR);
	/* Eu/A has no transitions, so its footer governs all of time (RFC
	 * 9636 3.2; the engine generates footer transitions from 1800 on):
	 * LMT 0:30 against CET/CEST, one interval before 1800 and 200 from
	 * 1800 to 1900. */
	assert_int_equal(e->ndiff, 201);
	assert_int_equal(e->first, INT64_MIN);
	assert_int_equal(e->first_finite, tt_at("1800-03-30T01:00:00Z"));
	assert_int_equal(e->last, tt_at("1899-12-31T23:30:00Z"));
	assert_int_equal(e->maxdelta, 5400);
	assert_false(e->since1970);
	assert_int_equal(e->cls, TZF_CMP_OFFSET);

	e = need(p.c, "Eu/Old");
	assert_int_equal(e->merge, TZF_CMP_MERGE_RENAME);
	assert_false(e->flags & TZF_CMP_BEHAVIOUR);	/* same data */

	e = need(p.c, "Eu/Gone");
	assert_int_equal(e->merge, TZF_CMP_MERGE_DISCARDED);
	assert_false(e->in_backzone);

	e = need(p.c, "Eu/S");
	assert_true(e->flags & TZF_CMP_LINK_TO_ZONE);
	assert_int_equal(e->merge, TZF_CMP_MERGE_SPLIT);
	assert_true(e->in_backzone);	/* the old side's backzone */

	e = need(p.c, "Eu/L1");
	assert_true(e->flags & TZF_CMP_RETARGETED);
	assert_string_equal(e->old->target, "Eu/A");
	assert_string_equal(e->new->target, "Eu/C");
	assert_int_equal(e->cls, TZF_CMP_OFFSET);	/* Eu/A had DST */

	e = need(p.c, "Eu/C");
	assert_int_equal(e->cls, TZF_CMP_ABBR);
	assert_int_equal(e->nabbr, e->ndiff);
	assert_int_equal(e->last, tt_at("1949-12-31T23:00:00Z"));
	assert_false(e->since1970);

	e = need(p.c, "Eu/I");
	assert_int_equal(e->cls, TZF_CMP_ISDST);
	assert_int_equal(e->maxdelta, 0);

	e = need(p.c, "Eu/D");
	assert_true(e->flags & TZF_CMP_FOOTER);
	assert_true(e->since1970);
	assert_string_equal(e->footer_new, "CET-1");
	assert_int_equal(e->first_finite, tt_at("2000-03-26T01:00:00Z"));
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
	o.from = tt_at("2050-01-01");
	pair_open(&p, tmp("old"), tmp("new"), NULL, &o);
	e = need(p.c, "Eu/D");
	assert_int_equal(e->ndiff, 50);
	assert_int_equal(e->first, tt_at("2050-03-27T01:00:00Z"));
	e = need(p.c, "Eu/B");	/* still a Zone->Link change */
	assert_false(e->flags & TZF_CMP_BEHAVIOUR);
	assert_int_equal(tzf_cmp_summary(p.c)->behaviour_changed, 1);
	pair_close(&p);
}

static void
test_same(void **state)
{
	struct pair p;

	(void)state;
	pair_open(&p, tmp("old"), tmp("old"), NULL, NULL);
	assert_false(tzf_cmp_differ(p.c));
	assert_int_equal(tzf_cmp_count(p.c), 0);
	assert_int_equal(tzf_cmp_summary(p.c)->zones_changed, 0);
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
	o.until = tt_at("1951");
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

/* The text of source line SRC is TEXT, and FILE:LINE of SIDE holds it. */
static void
is_line(const struct tzf_cmp_src *src, char kind, const char *text)
{
	if (src->text == NULL || strcmp(src->text, text) != 0)
		print_error("want '%s', got '%s'\n", text,
		    src->text ? src->text : "(null)");
	assert_non_null(src->text);
	assert_string_equal(src->text, text);
	assert_int_equal(src->kind, kind);
	assert_true(src->line > 0);
	assert_non_null(src->file);
}

/* Episodes, LMT and the lines behind a difference, on the small trees. */
static void
test_episodes(void **state)
{
	const struct tzf_cmp_episode *ep;
	const struct tzf_cmp_name *e;
	struct pair p;

	(void)state;
	pair_open(&p, tmp("old"), tmp("new"), NULL, NULL);
	/* Eu/B: LMT 0:30 until 1900 against Eu/A's CET/CEST from 1800:
	 * 201 intervals less than a year apart, one episode, LMT only. */
	e = need(p.c, "Eu/B");
	assert_int_equal(e->nepisodes, 1);
	ep = &e->episodes[0];
	assert_int_equal(ep->start, INT64_MIN);
	assert_int_equal(ep->end, tt_at("1899-12-31T23:30:00Z"));
	assert_int_equal(ep->ndiff, 201);
	assert_true(ep->lmt_only);
	assert_true(e->lmt_only);
	assert_int_equal(ep->maxdelta, 5400);
	assert_int_equal(ep->maxdelta_nolmt, 0);
	assert_false(ep->future);
	assert_string_equal(ep->old.abbr, "LMT");
	assert_true(ep->has_after);
	assert_string_equal(ep->after.abbr, "CET");
	/* old: Eu/B's LMT line and the line whose start ends the episode;
	 * new: the Link, Eu/A's line, the Rule lines that fire. */
	assert_int_equal(ep->nsrc[0], 2);
	is_line(&ep->src[0][0], 'Z', "Zone\tEu/B\t0:30\t-\tLMT\t1900");
	is_line(&ep->src[0][1], 'Z', "\t\t\t1:00\tXr\tCE%sT");
	assert_int_equal(ep->nsrc[1], 4);
	is_line(&ep->src[1][0], 'L', "Link\tEu/A\tEu/B");
	is_line(&ep->src[1][1], 'Z', "Zone\tEu/A\t1:00\tXr\tCE%sT");
	is_line(&ep->src[1][2], 'R',
	    "Rule\tXr\t1800\tmax\t-\tMar\tlastSun\t1:00u\t1:00\tS");
	is_line(&ep->src[1][3], 'R',
	    "Rule\tXr\t1800\tmax\t-\tOct\tlastSun\t1:00u\t0\t-");
	is_line(&e->where[0], 'Z', "Zone\tEu/B\t0:30\t-\tLMT\t1900");
	is_line(&e->where[1], 'L', "Link\tEu/A\tEu/B");
	is_line(&e->bzwhere, 'Z', "Zone\tEu/B\t0:30\t-\tLMT\t1900");
	assert_string_equal(e->bzwhere.file, "backzone");
	assert_int_equal(e->bzwhere.line, 1);

	/* Eu/D: DST ends in 2000 on the new side: one open episode, in the
	 * future of a tree that names no release date (split 1970). */
	e = need(p.c, "Eu/D");
	assert_int_equal(e->nepisodes, 1);
	ep = &e->episodes[0];
	assert_int_equal(ep->start, tt_at("2000-03-26T01:00:00Z"));
	assert_int_equal(ep->end, INT64_MAX);
	assert_false(ep->has_after);
	assert_true(ep->future);
	assert_false(ep->lmt_only);
	assert_true(e->future);
	assert_false(e->past);
	is_line(&ep->src[1][0], 'Z', "\t\t\t1:00\t-\tCET");

	/* Eu/C: abbreviation only, before 1950: one closed episode that
	 * ends where the new side's next line starts. */
	e = need(p.c, "Eu/C");
	assert_int_equal(e->nepisodes, 1);
	ep = &e->episodes[0];
	assert_int_equal(ep->cls, TZF_CMP_ABBR);
	assert_int_equal(ep->end, tt_at("1949-12-31T23:00:00Z"));
	assert_string_equal(ep->old.abbr, "XET");
	assert_string_equal(ep->new.abbr, "CET");
	assert_int_equal(tzf_cmp_split(p.c, NULL), 0);
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
		assert_true(e->last <= tt_at("1969-09-30T13:00:00Z"));
		/* every link->zone is backzone history restored */
		if (e->flags & TZF_CMP_LINK_TO_ZONE)
			assert_true(e->in_backzone);
	}

	e = need(p.c, "Europe/Oslo");
	assert_true(e->old->islink);
	assert_string_equal(e->old->target, "Europe/Berlin");
	assert_false(e->new->islink);
	assert_int_equal(e->ndiff, 22);
	assert_int_equal(e->first_finite, tt_at("1893-03-31T23:06:32Z"));
	assert_int_equal(e->last, tt_at("1965-09-19T01:00:00Z"));
	assert_int_equal(e->maxdelta, 2 * 3600);

	e = need(p.c, "Atlantic/Reykjavik");
	assert_int_equal(e->ndiff, 69);
	assert_int_equal(e->noffset, 36);
	assert_int_equal(e->nabbr + e->nisdst, 33);
	assert_int_equal(e->maxdelta, 3600 + 11 * 60 + 52);

	e = need(p.c, "Asia/Kuala_Lumpur");
	assert_int_equal(e->ndiff, 2);
	assert_int_equal(e->first_finite, tt_at("1900-12-31T17:04:35Z"));
	assert_int_equal(e->last, tt_at("1900-12-31T17:13:14Z"));
	assert_int_equal(e->maxdelta, 8 * 60 + 39);

	assert_int_equal(need(p.c, "Europe/Amsterdam")->ndiff, 107);
	/* 16 of the 110 differ only where one side is LMT; Midway's 24:26:40
	 * is an LMT window across the date line, 1:00 without it. */
	assert_int_equal(s->lmt_only, 16);
	assert_true(need(p.c, "Asia/Kuala_Lumpur")->lmt_only);
	e = need(p.c, "Pacific/Midway");
	assert_int_equal(e->maxdelta, 24 * 3600 + 26 * 60 + 40);
	assert_int_equal(e->maxdelta_nolmt, 3600);
	assert_false(e->lmt_only);
	/* Oslo heads Longyearbyen and Jan_Mayen: 110 names, 95 zones. */
	assert_string_equal(need(p.c, "Arctic/Longyearbyen")->group,
	    "Europe/Oslo");
	assert_string_equal(need(p.c, "Atlantic/Jan_Mayen")->group,
	    "Europe/Oslo");
	assert_int_equal(need(p.c, "Europe/Oslo")->ngroup, 3);
	assert_int_equal(s->zones_changed, 95);
	e = need(p.c, "Arctic/Longyearbyen");
	assert_true(e->flags & TZF_CMP_RETARGETED);
	assert_string_equal(e->new->target, "Europe/Oslo");
	pair_close(&p);
}

/*
 * Tehran in 2022b: its 1935-1945 Tehran Mean Time, its 1977-1979 DST
 * and, from 2023 on, no more DST: three episodes, the last one open.
 * Santiago: the 1946 DST correction and the 2022 start moved a week.
 */
static void
episodes_2022b(const struct tzf_cmp *c)
{
	const struct tzf_cmp_name *e = need(c, "Asia/Tehran");
	const struct tzf_cmp_episode *ep = e->episodes;

	assert_int_equal(e->nepisodes, 3);
	assert_int_equal(ep[0].start, tt_at("1935-06-12T20:34:16Z"));
	assert_int_equal(ep[0].end, tt_at("1945-12-31T20:34:16Z"));
	assert_string_equal(ep[0].old.abbr, "TMT");
	assert_int_equal(ep[0].new.utoff, 3 * 3600 + 1800);
	assert_int_equal(ep[1].start, tt_at("1977-03-21T19:30:00Z"));
	assert_int_equal(ep[1].end, tt_at("1979-05-26T20:30:00Z"));
	assert_int_equal(ep[1].ndiff, 5);
	assert_int_equal(ep[2].start, tt_at("2023-03-21T20:30:00Z"));
	assert_int_equal(ep[2].end, INT64_MAX);
	assert_true(ep[2].future);
	assert_false(ep[1].future);
	assert_true(e->past && e->future);
	assert_string_equal(need(c, "Iran")->group, "Asia/Tehran");

	e = need(c, "America/Santiago");
	ep = e->episodes;
	assert_int_equal(e->nepisodes, 2);
	assert_int_equal(ep[0].start, tt_at("1946-08-29T03:00:00Z"));
	assert_int_equal(ep[0].end, tt_at("1947-04-01T04:00:00Z"));
	assert_int_equal(ep[0].ndiff, 2);
	assert_false(ep[0].future);
	assert_int_equal(ep[1].start, tt_at("2022-09-04T04:00:00Z"));
	assert_int_equal(ep[1].end, tt_at("2022-09-11T04:00:00Z"));
	assert_true(ep[1].future);	/* after 2022b's 2022-08-10 */
	assert_int_equal(ep[1].old.utoff, -3 * 3600);
	assert_int_equal(ep[1].new.utoff, -4 * 3600);
	assert_true(ep[1].has_after);
	/* Behind it: the zone line and the one Rule line that fires on each
	 * side, September's, not Chile's April rule of the same years. */
	assert_int_equal(ep[1].nsrc[0], 2);
	assert_int_equal(ep[1].src[0][0].kind, 'Z');
	assert_int_equal(ep[1].src[0][1].kind, 'R');
	assert_non_null(strstr(ep[1].src[0][1].text, "2019\tmax\t-\tSep\t"));
	assert_int_equal(ep[1].nsrc[1], 2);
	assert_non_null(strstr(ep[1].src[1][1].text, "2022\tonly\t-\tSep\t"));
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
		assert_int_equal(e->merge, TZF_CMP_MERGE_BACKZONE);
		n++;
	}
	assert_int_equal(n, 21);
	assert_int_equal(tzf_cmp_summary(pr.c)->zone_to_link, 22);
	assert_int_equal(need(pr.c, "Europe/Kiev")->merge,
	    TZF_CMP_MERGE_RENAME);
	assert_int_equal(tzf_cmp_summary(pr.c)->link_retargeted, 6);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_before_1970_only, 32);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_since_1970, 7);
	episodes_2022b(pr.c);
	pair_close(&pr);
}

/* 2026c's future changes: Morocco, and Alberta with the two names that
 * are links to Edmonton under it, all after 2026c's release date. */
static void
test_2026b_2026c(void **state)
{
	const char *repo = "tests/repos/upstream.git";
	const struct tzf_cmp_name *e;
	struct pair pr;
	struct stat st;
	int64_t date;

	(void)state;
	if (stat(repo, &st) != 0)
		skip();		/* make repos */
	pair_open(&pr, "tests/repos/upstream.git@2026b",
	    "tests/repos/upstream.git@2026c", NULL, NULL);
	assert_true(tzf_cmp_side_date(&date, pr.b));
	assert_int_equal(date, tt_at("2026-07-08T17:23:58Z"));
	assert_int_equal(tzf_cmp_split(pr.c, NULL), date);
	assert_int_equal(tzf_cmp_summary(pr.c)->behaviour_changed, 5);
	assert_int_equal(tzf_cmp_summary(pr.c)->zones_changed, 3);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_future, 5);
	assert_int_equal(tzf_cmp_summary(pr.c)->changed_past, 0);
	e = need(pr.c, "America/Edmonton");
	assert_string_equal(e->group, "America/Edmonton");
	assert_int_equal(e->ngroup, 3);
	assert_string_equal(need(pr.c, "America/Yellowknife")->group,
	    "America/Edmonton");
	assert_string_equal(need(pr.c, "Canada/Mountain")->group,
	    "America/Edmonton");
	assert_int_equal(e->nepisodes, 1);
	assert_int_equal(e->episodes[0].start, tt_at("2026-11-01T08:00:00Z"));
	assert_int_equal(e->episodes[0].end, INT64_MAX);
	assert_string_equal(e->episodes[0].old.abbr, "MST");
	assert_string_equal(e->episodes[0].new.abbr, "CST");
	e = need(pr.c, "Africa/El_Aaiun");
	assert_string_equal(e->group, "Africa/El_Aaiun");
	assert_int_equal(e->episodes[0].start, tt_at("2026-09-20T01:00:00Z"));
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
		cmocka_unit_test(test_episodes),
		cmocka_unit_test(test_2026b_2026c),
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
