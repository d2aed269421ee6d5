/*
 * test_store.c: cmocka tests of the store (lib/store.c), the queries on
 * one name (lib/query.c): the policies, the end of a period, how two
 * histories differ, the default release, label refusal.  The 2026c
 * source tree
 * is loaded into an in-memory store once; every name's answers are then
 * checked against our own TZif reader (tzf_tzif_lookup) on the golden
 * slim files of the reference zic.
 */
#include <unistd.h>

#include "tzf_test.h"

static struct tzf_store *st;
static struct tt_diag dgs;

static int
setup(void **state)
{
	char path[4096];
	struct tzf_tree *t;
	struct tzf_load_stats stats;

	(void)state;
	tt_diag_init(&dgs);
	tt_shared_path(path, sizeof path, "tzdb/2026c");
	if (tzf_tree_open(&t, path, &dgs.dg) != TZF_OK)
		return -1;
	if (tzf_store_open(&st, NULL, TZF_STORE_CREATE, &dgs.dg) != TZF_OK ||
	    tzf_store_load(st, t, NULL, &(struct tzf_load_opts){ .label = "2026c", .until_year = 2100 }, &stats, &dgs.dg) != TZF_OK)
		return -1;
	tzf_tree_free(t);
	return stats.nnames == 598 && stats.nhist_new == 341 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	tzf_store_close(st);
	tt_diag_free(&dgs);
	return 0;
}

/* Every name: the store's answer equals tzf_tzif_lookup on the golden
 * slim file, at 1000 instants over 1800-2100 and a few far away. */
static void
all_names_match_golden(void **state)
{
	char **names;
	size_t n, i;
	uint64_t x = 88172645463325252ull;

	(void)state;
	assert_int_equal(tzf_store_names(&names, &n, st, NULL, &dgs.dg), 0);
	assert_int_equal(n, 598);
	for (i = 0; i < n; i++) {
		char rel[512];
		struct tzf_zinfo *z;
		struct tzf_tzif *g;
		size_t len = 0;
		char *bytes;
		int k;

		snprintf(rel, sizeof rel, "golden/2026c-main-slim/%s",
		    names[i]);
		bytes = tt_shared_slurp(rel, &len);
		assert_int_equal(tzf_tzif_parse(&g, bytes, len, names[i],
		    NULL), 0);
		assert_int_equal(tzf_store_zinfo(&z, st, "2026c", names[i],
		    &dgs.dg), 0);
		for (k = 0; k < 1010; k++) {
			struct tzf_local a, b;
			int64_t ut;

			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			ut = k < 1000 ? -5364662400 +
			    (int64_t)(x % 9467107200u) :
			    (int64_t)(x >> 2) - (INT64_MAX >> 3);
			assert_int_equal(tzf_zinfo_at(&a, NULL, z, ut), 0);
			assert_int_equal(tzf_tzif_lookup(&b, g, ut), 0);
			if (a.utoff != b.utoff || a.isdst != b.isdst ||
			    strcmp(a.abbr, b.abbr) != 0) {
				print_error("%s at %lld\n", names[i],
				    (long long)ut);
				fail();
			}
		}
		tzf_zinfo_free(z);
		tzf_tzif_free(g);
		free(bytes);
	}
	tzf_strv_free(names, n);
}

static void
link_and_lines(void **state)
{
	struct tzf_zinfo *z;
	const struct tzf_zoneline *l;
	struct tzf_local lo;

	(void)state;
	assert_int_equal(tzf_store_zinfo(&z, st, NULL, "Europe/Oslo",
	    &dgs.dg), 0);
	assert_true(z->islink);
	assert_string_equal(z->target, "Europe/Berlin");
	assert_string_equal(z->zone, "Europe/Berlin");
	assert_string_equal(z->file, "backward");
	assert_int_equal(tzf_zinfo_at(&lo, &l, z, -927547200), 0);
	assert_int_equal(lo.utoff, 7200);
	assert_string_equal(lo.abbr, "CEST");
	assert_non_null(l);
	assert_string_equal(l->file, "europe");
	assert_non_null(strstr(l->text, "C-Eur"));
	tzf_zinfo_free(z);
	tt_diag_reset(&dgs);
	assert_int_equal(tzf_store_zinfo(&z, st, NULL, "No/Where", &dgs.dg),
	    TZF_ENOTFOUND);
	assert_null(z);
	assert_int_equal(dgs.n, 1);
	tt_diag_reset(&dgs);
}

static void
resolve_gap_overlap(void **state)
{
	struct tzf_zinfo *z;
	struct tzf_resolved r;
	int64_t l;
	bool hz;

	(void)state;
	assert_int_equal(tzf_store_zinfo(&z, st, NULL, "Europe/Berlin",
	    &dgs.dg), 0);
	tzf_time_parse(&l, &hz, "2024-03-31T02:30:00");
	assert_int_equal(tzf_zinfo_resolve(&r, z, l), 0);
	assert_int_equal(r.kind, TZF_LKIND_GAP);
	assert_true(r.trans == 1711846800);
	assert_true(r.gap_end - r.gap_start == 3600);
	tzf_time_parse(&l, &hz, "2024-10-27T02:30:00");
	assert_int_equal(tzf_zinfo_resolve(&r, z, l), 0);
	assert_int_equal(r.kind, TZF_LKIND_OVERLAP);
	assert_int_equal(r.n, 2);
	assert_true(r.ut[1] - r.ut[0] == 3600);
	assert_string_equal(r.st[0].abbr, "CEST");
	tzf_time_parse(&l, &hz, "2024-07-01T12:00:00");
	assert_int_equal(tzf_zinfo_resolve(&r, z, l), 0);
	assert_int_equal(r.kind, TZF_LKIND_UNIQUE);
	assert_true(r.ut[0] == l - 7200);
	tzf_zinfo_free(z);
}

static int
count(void *payload, const struct tzf_change *c)
{
	(void)c;
	++*(int *)payload;
	return 0;
}

static void
footer_changes(void **state)
{
	struct tzf_zinfo *z;
	int64_t a, b;
	int n = 0;

	(void)state;
	assert_int_equal(tzf_store_zinfo(&z, st, NULL, "America/New_York",
	    &dgs.dg), 0);
	tzf_civil_to_secs(&a, 2100, 1, 1, 0, 0, 0);
	tzf_civil_to_secs(&b, 2200, 1, 1, 0, 0, 0);
	assert_int_equal(tzf_zinfo_changes(z, a, b - 1, count, &n), 0);
	assert_int_equal(n, 200);
	tzf_zinfo_free(z);
}

static void
reload_replaces(void **state)
{
	char path[4096];
	struct tzf_tree *t;
	struct tzf_load_stats s;
	struct tzf_release *r;
	size_t n;

	(void)state;
	tt_shared_path(path, sizeof path, "tzdb/2026cgtz");
	assert_int_equal(tzf_tree_open(&t, path, &dgs.dg), 0);
	assert_int_equal(tzf_store_load(st, t, NULL, &(struct tzf_load_opts){ .label = "gtz", .until_year = 2100 }, &s, &dgs.dg), 0);
	assert_false(s.replaced);
	assert_int_equal(s.nhist_new, 95);	/* 95 restored zones */
	assert_int_equal(tzf_store_load(st, t, NULL, &(struct tzf_load_opts){ .label = "gtz", .until_year = 2100 }, &s, &dgs.dg), 0);
	assert_true(s.replaced);
	assert_int_equal(s.nhist_new, 0);
	tzf_tree_free(t);
	assert_int_equal(tzf_store_releases(&r, &n, st, &dgs.dg), 0);
	assert_int_equal(n, 2);
	tzf_releases_free(r, n);
}

static size_t
count_releases(struct tzf_store *s)
{
	struct tzf_release *r;
	size_t n;

	assert_int_equal(tzf_store_releases(&r, &n, s, &dgs.dg), 0);
	tzf_releases_free(r, n);
	return n;
}

/* A read-only handle answers from the snapshot it started with. */
static void
reader_keeps_snapshot(void **state)
{
	char dir[] = "/tmp/test_store.XXXXXX", db[64], path[4096];
	struct tzf_store *w, *r;
	struct tzf_tree *t;
	struct tzf_load_stats s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof db, "%s/t.db", dir);
	tt_shared_path(path, sizeof path, "tzdb/2026c");
	assert_int_equal(tzf_tree_open(&t, path, &dgs.dg), 0);
	assert_int_equal(tzf_store_open(&w, db, TZF_STORE_CREATE, &dgs.dg), 0);
	assert_int_equal(tzf_store_load(w, t, NULL, &(struct tzf_load_opts){ .label = "one", .until_year = 2100 }, &s, &dgs.dg), 0);
	assert_int_equal(tzf_store_open(&r, db, TZF_STORE_RDONLY, &dgs.dg), 0);
	assert_int_equal(count_releases(r), 1);
	assert_int_equal(tzf_store_load(w, t, NULL, &(struct tzf_load_opts){ .label = "two", .until_year = 2100 }, &s, &dgs.dg), 0);
	assert_int_equal(count_releases(w), 2);
	assert_int_equal(count_releases(r), 1);
	tzf_store_close(r);
	assert_int_equal(tzf_store_open(&r, db, TZF_STORE_RDONLY, &dgs.dg), 0);
	assert_int_equal(count_releases(r), 2);
	tzf_store_close(r);
	tzf_store_close(w);
	tzf_tree_free(t);
	unlink(db);
	rmdir(dir);
}

static int64_t
end_of(const char *s)
{
	int64_t t;
	bool z;

	assert_int_equal(tzf_time_parse_end(&t, &z, s), TZF_OK);
	return t;
}

/* The end of the period a time names, exclusive. */
static void
period_end(void **state)
{
	(void)state;
	assert_true(end_of("2030") == tt_at("2031-01-01T00:00Z"));
	assert_true(end_of("2024-02") == tt_at("2024-03-01T00:00Z"));
	assert_true(end_of("2023-02") == tt_at("2023-03-01T00:00Z"));
	assert_true(end_of("2024-02-28") == tt_at("2024-02-29T00:00Z"));
	assert_true(end_of("2024-03-31T02") == tt_at("2024-03-31T03:00Z"));
	assert_true(end_of("2024-03-31T02:30") == tt_at("2024-03-31T02:31Z"));
	assert_true(end_of("2024-03-31T02:30:15") ==
	    tt_at("2024-03-31T02:30:16Z"));
	assert_true(end_of("@5") == 6);
	assert_true(end_of("2030+01:00") == tt_at("2030-12-31T23:00Z"));
	assert_true(end_of("2030-12Z") == tt_at("2031-01-01T00:00Z"));
}

/* What each policy picks in a gap, an overlap and a unique time. */
static void
policies(void **state)
{
	struct tzf_resolved r;
	enum tzf_policy p;
	int64_t ut;

	(void)state;
	assert_int_equal(tzf_policy_parse(&p, "shift"), TZF_OK);
	assert_int_equal(p, TZF_POLICY_SHIFT);
	assert_int_equal(tzf_policy_parse(&p, "Shift"), TZF_EINVAL);
	memset(&r, 0, sizeof r);
	r.kind = TZF_LKIND_GAP;
	r.trans = 1000;
	r.before.utoff = 3600;
	assert_false(tzf_policy_pick(&ut, &r, 5000, TZF_POLICY_REJECT));
	assert_true(tzf_policy_pick(&ut, &r, 5000, TZF_POLICY_EARLIER));
	assert_true(ut == 1000);
	assert_true(tzf_policy_pick(&ut, &r, 5000, TZF_POLICY_LATER));
	assert_true(ut == 1000);
	assert_true(tzf_policy_pick(&ut, &r, 5000, TZF_POLICY_SHIFT));
	assert_true(ut == 1400);
	r.kind = TZF_LKIND_OVERLAP;
	r.n = 2;
	r.ut[0] = 10;
	r.ut[1] = 20;
	assert_false(tzf_policy_pick(&ut, &r, 0, TZF_POLICY_REJECT));
	assert_true(tzf_policy_pick(&ut, &r, 0, TZF_POLICY_LATER));
	assert_true(ut == 20);
	assert_true(tzf_policy_pick(&ut, &r, 0, TZF_POLICY_SHIFT));
	assert_true(ut == 10);
	r.kind = TZF_LKIND_UNIQUE;
	r.n = 1;
	assert_true(tzf_policy_pick(&ut, &r, 0, TZF_POLICY_REJECT));
	assert_true(ut == 10);
}

/* Oslo upstream (Berlin's data) against Oslo in global-tz. */
static void
history_diff(void **state)
{
	struct tzf_zinfo *a, *b;
	struct tzf_zdiff d;

	(void)state;
	assert_int_equal(tzf_store_zinfo(&a, st, "2026c", "Europe/Oslo",
	    &dgs.dg), 0);
	assert_int_equal(tzf_store_zinfo(&b, st, "gtz", "Europe/Oslo",
	    &dgs.dg), 0);
	assert_int_equal(tzf_zinfo_diff(&d, a, b, INT64_C(4102444800)), 0);
	assert_true(d.differ);
	assert_true(d.first == INT64_MIN);
	assert_true(d.last == tt_at("1965-09-19T01:00Z"));
	assert_int_equal(d.nintervals, 19);
	assert_int_equal(d.maxdelta, 7200);
	assert_true(d.at_max == tt_at("1947-05-11T01:00Z"));
	assert_int_equal(tzf_zinfo_diff(&d, a, a, INT64_C(4102444800)), 0);
	assert_false(d.differ);
	tzf_zinfo_free(a);
	tzf_zinfo_free(b);
}

/* The default release is the newest upstream one, not the last loaded;
 * a label from another source is refused unless replace. */
static void
default_and_refusal(void **state)
{
	char path[4096], *label;
	struct tzf_tree *t;
	struct tzf_load_opts o = TZF_LOAD_OPTS_INIT;

	(void)state;
	assert_int_equal(tzf_store_default(&label, st, &dgs.dg), 0);
	assert_string_equal(label, "2026c");
	free(label);
	tt_shared_path(path, sizeof path, "tzdb/2026cgtz");
	assert_int_equal(tzf_tree_open(&t, path, &dgs.dg), 0);
	o.label = "2026c";
	assert_int_equal(tzf_store_load(st, t, NULL, &o, NULL, &dgs.dg),
	    TZF_EINVAL);
	o.label = "2027zz";
	assert_int_equal(tzf_store_load(st, t, NULL, &o, NULL, &dgs.dg), 0);
	assert_int_equal(tzf_store_default(&label, st, &dgs.dg), 0);
	assert_string_equal(label, "2027zz");
	free(label);
	o.replace = true;
	o.label = "2027zz";
	assert_int_equal(tzf_store_load(st, t, NULL, &o, NULL, &dgs.dg), 0);
	tzf_tree_free(t);
	assert_int_equal(tzf_store_check(st, &dgs.dg), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_names_match_golden),
		cmocka_unit_test(link_and_lines),
		cmocka_unit_test(resolve_gap_overlap),
		cmocka_unit_test(footer_changes),
		cmocka_unit_test(reload_replaces),
		cmocka_unit_test(reader_keeps_snapshot),
		cmocka_unit_test(period_end),
		cmocka_unit_test(policies),
		cmocka_unit_test(history_diff),
		cmocka_unit_test(default_and_refusal),
	};
	int rc;

	tzf_init();
	rc = cmocka_run_group_tests_name("store", tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
