/*
 * test_expand.c: unit tests of the rule expander (lib/expand.c) through
 * tzf_db_compile_zone().
 *
 * Part 1: the hard zones of docs/zic.md section 11 and more.  For each,
 * only its Zone block and the Rule lines it uses are pulled out of the
 * 2026c source ($TZF_SHARED/tzdb/2026c), compiled slim and fat, and
 * compared byte for byte with the reference zic's output in
 * $TZF_SHARED/golden; then a few facts are checked on the bytes
 * (footer, version, counts) so that a failure says what went wrong.
 *
 * Part 2: hand-written zones for what real data never does, or does
 * only once: all-year DST through rules, negative DST, -r and -R,
 * %z beyond 99 hours, simultaneous rules, an undeterminable
 * abbreviation, ruleless SAVE forms, no TZ string, extreme years and
 * offsets, Feb 29 in a common year.
 */
#include "tzf_test.h"

#define NSRC 10
static const char *const src_names[NSRC] = {
	"africa", "antarctica", "asia", "australasia", "europe",
	"northamerica", "southamerica", "etcetera", "factory", "backward"
};
static char *srcs[NSRC];

static int
load_sources(void **state)
{
	char rel[64];
	int i;

	(void)state;
	for (i = 0; i < NSRC; i++) {
		snprintf(rel, sizeof rel, "tzdb/2026c/%s", src_names[i]);
		srcs[i] = tt_shared_slurp(rel, NULL);
	}
	return 0;
}

static int
free_sources(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < NSRC; i++) {
		free(srcs[i]);
		srcs[i] = NULL;
	}
	return 0;
}

static const char *
source(const char *name)
{
	int i;

	for (i = 0; i < NSRC; i++)
		if (strcmp(src_names[i], name) == 0)
			return srcs[i];
	fail_msg("no source file %s", name);
	return NULL;
}

/* The Zone block of ZONE from FILE plus its rules, as zic input. */
static void
extract(struct tzf_buf *out, const char *file, const char *zone)
{
	int n = tt_zone_extract(out, source(file), zone,
	    (const char *const *)srcs, NSRC);

	if (n == 0)
		fail_msg("zone %s not found in %s", zone, file);
	assert_false(out->oom);
}

static void
compile_snippet(struct tt_run *r, const char *text, const char *zone,
    bool fat)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;

	o.fat = fat;
	tt_compile(r, &o, NULL, text, zone);
}

/* ------------------------------------------------------------------ */
/* Part 1: golden zones */

struct hz {
	const char *name, *file;
	char version;
	const char *footer;
	/* 0 means "not checked" */
	uint32_t slim_time, slim_type, slim_char;
	uint32_t fat_time, fat_type;
};

static const struct hz hard_zones[] = {
	/* docs/zic.md section 11 */
	{ "Europe/Dublin", "europe", '2', "IST-1GMT0,M10.5.0,M3.5.0/1",
	    145, 8, 20, 228, 9 },
	{ "Africa/Casablanca", "africa", '2', "<+00>0", 72, 5, 12, 72, 6 },
	{ "Africa/El_Aaiun", "africa", '2', "<+00>0", 0, 0, 0, 0, 0 },
	{ "Africa/Windhoek", "africa", '2', "CAT-2", 53, 6, 23, 53, 6 },
	{ "Europe/Prague", "europe", '2', "CET-1CEST,M3.5.0,M10.5.0/3",
	    0, 0, 0, 0, 0 },
	{ "America/Nuuk", "europe", '3', "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
	    89, 4, 12, 116, 7 },
	{ "America/Scoresbysund", "europe", '3',
	    "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 0, 0, 0, 0, 0 },
	{ "Antarctica/Troll", "antarctica", '2',
	    "<+00>0<+02>-2,M3.5.0/1,M10.5.0/3", 1, 2, 8, 67, 4 },
	{ "Antarctica/Casey", "antarctica", '2', "<+08>-8", 0, 0, 0, 0, 0 },
	{ "Antarctica/Vostok", "antarctica", '2', "<+05>-5", 0, 0, 0, 0, 0 },
	{ "Antarctica/Macquarie", "australasia", '2',
	    "AEST-10AEDT,M10.1.0,M4.1.0/3", 91, 3, 14, 144, 7 },
	{ "Asia/Tehran", "asia", '2', "<+0330>-3:30", 71, 6, 28, 71, 8 },
	{ "Pacific/Apia", "australasia", '2', "<+13>-13", 26, 7, 26, 26, 7 },
	{ "Pacific/Kiritimati", "australasia", '2', "<+14>-14",
	    0, 0, 0, 0, 0 },
	{ "Pacific/Fakaofo", "australasia", '2', "<+13>-13", 0, 0, 0, 0, 0 },
	{ "Pacific/Kwajalein", "australasia", '2', "<+12>-12",
	    0, 0, 0, 0, 0 },
	{ "America/Juneau", "northamerica", '2', "AKST9AKDT,M3.2.0,M11.1.0",
	    83, 10, 38, 144, 10 },
	{ "America/Sitka", "northamerica", '2', "AKST9AKDT,M3.2.0,M11.1.0",
	    0, 0, 0, 0, 0 },
	{ "America/Metlakatla", "northamerica", '2',
	    "AKST9AKDT,M3.2.0,M11.1.0", 0, 0, 0, 0, 0 },
	{ "Asia/Manila", "asia", '2', "PST-8", 0, 0, 0, 0, 0 },
	{ "Europe/Moscow", "europe", '2', "MSK-3", 78, 11, 38, 78, 17 },
	{ "Europe/Volgograd", "europe", '2', "MSK-3", 0, 0, 0, 0, 0 },
	{ "Europe/Kyiv", "europe", '2', "EET-2EEST,M3.5.0/3,M10.5.0/4",
	    0, 0, 0, 0, 0 },
	{ "America/Santiago", "southamerica", '3',
	    "<-04>4<-03>,M9.1.6/24,M4.1.6/24", 130, 6, 20, 159, 8 },
	{ "Pacific/Easter", "southamerica", '3',
	    "<-06>6<-05>,M9.1.6/22,M4.1.6/22", 0, 0, 0, 0, 0 },
	{ "Asia/Jerusalem", "asia", '3', "IST-2IDT,M3.4.4/26,M10.5.0",
	    100, 5, 21, 149, 9 },
	{ "Asia/Gaza", "asia", '3', "EET-2EEST,M3.4.4/50,M10.4.4/50",
	    308, 5, 21, 308, 10 },
	{ "Asia/Hebron", "asia", '3', "EET-2EEST,M3.4.4/50,M10.4.4/50",
	    0, 0, 0, 0, 0 },
	{ "Africa/Cairo", "africa", '2', "EET-2EEST,M4.5.5/0,M10.5.4/24",
	    128, 3, 13, 157, 4 },
	{ "Asia/Dhaka", "asia", '2', "<+06>-6", 0, 0, 0, 0, 0 },
	{ "America/Belize", "northamerica", '2', "CST6", 0, 0, 0, 0, 0 },
	{ "Atlantic/Bermuda", "northamerica", '2', "AST4ADT,M3.2.0,M11.1.0",
	    0, 0, 0, 0, 0 },
	{ "America/St_Johns", "northamerica", '2',
	    "NST3:30NDT,M3.2.0,M11.1.0", 187, 8, 25, 239, 9 },
	{ "Australia/Lord_Howe", "australasia", '2',
	    "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 56, 5, 25, 115, 5 },
	{ "Pacific/Chatham", "australasia", '2',
	    "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
	    69, 4, 22, 129, 5 },
	{ "Europe/London", "europe", '2', "GMT0BST,M3.5.0/1,M10.5.0",
	    159, 5, 17, 242, 8 },
	{ "Europe/Lisbon", "europe", '2', "WET0WEST,M3.5.0/1,M10.5.0",
	    0, 0, 0, 0, 0 },
	{ "Asia/Tbilisi", "asia", '2', "<+04>-4", 51, 6, 21, 51, 11 },
	{ "Asia/Ho_Chi_Minh", "asia", '2', "<+07>-7", 9, 5, 17, 9, 6 },
	{ "America/Vancouver", "northamerica", '2', "MST7",
	    168, 6, 24, 168, 6 },
	{ "America/Edmonton", "northamerica", '2', "CST6",
	    128, 6, 24, 128, 6 },
	{ "America/Moncton", "northamerica", '2', "AST4ADT,M3.2.0,M11.1.0",
	    146, 6, 24, 207, 6 },
	{ "America/Matamoros", "northamerica", '2', "CST6CDT,M3.2.0,M11.1.0",
	    0, 0, 0, 0, 0 },
	{ "America/Goose_Bay", "northamerica", '2', "AST4ADT,M3.2.0,M11.1.0",
	    0, 0, 0, 0, 0 },
	{ "Factory", "factory", '2', "<-00>0", 0, 1, 4, 0, 1 },
	{ "Etc/GMT+5", "etcetera", '2', "<-05>5", 0, 1, 4, 0, 1 },
	{ "Etc/GMT-14", "etcetera", '2', "<+14>-14", 0, 1, 4, 0, 1 },
	{ "Etc/UTC", "etcetera", '2', "UTC0", 0, 1, 4, 0, 1 },
	{ "America/New_York", "northamerica", '2', "EST5EDT,M3.2.0,M11.1.0",
	    175, 5, 20, 236, 6 },
	{ "Asia/Kolkata", "asia", '2', "IST-5:30", 7, 5, 22, 7, 5 },
	{ "Asia/Kathmandu", "asia", '2', "<+0545>-5:45", 0, 0, 0, 0, 0 },
	{ "Australia/Eucla", "australasia", '2', "<+0845>-8:45",
	    0, 0, 0, 0, 0 },
	{ "America/Caracas", "southamerica", '2', "<-04>4", 0, 0, 0, 0, 0 },
	{ "Africa/Monrovia", "africa", '2', "GMT0", 0, 0, 0, 0, 0 },
	{ "Europe/Zurich", "europe", '2', "CET-1CEST,M3.5.0,M10.5.0/3",
	    0, 0, 0, 0, 0 },
	{ "Asia/Tokyo", "asia", '2', "JST-9", 0, 0, 0, 0, 0 },
};

static void
check_golden(const struct hz *z, bool fat)
{
	struct tzf_buf in = TZF_BUF_INIT;
	struct tt_run r;
	struct tt_tzif t;
	char rel[256];

	extract(&in, z->file, z->name);
	compile_snippet(&r, in.ptr, z->name, fat);
	tzf_buf_dispose(&in);
	tt_expect_done(&r);
	if (r.d.dg.nerr != 0 || r.d.dg.nwarn != 0)
		tt_diag_dump(&r.d);
	assert_int_equal(r.d.dg.nerr, 0);
	assert_int_equal(r.d.dg.nwarn, 0);

	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, z->version);
	assert_int_equal(t.version2, z->version);
	assert_string_equal(t.footer, z->footer);
	if (!fat) {
		/* the minimal v1 block (docs/zic.md 5.3) */
		assert_int_equal(t.v1.size, 51);
		if (z->slim_time || z->slim_type) {
			assert_int_equal(t.v2.timecnt, z->slim_time);
			assert_int_equal(t.v2.typecnt, z->slim_type);
			assert_int_equal(t.v2.charcnt, z->slim_char);
		}
		assert_int_equal(t.v2.isstdcnt, 0);
		assert_int_equal(t.v2.isutcnt, 0);
	} else if (z->fat_time || z->fat_type) {
		assert_int_equal(t.v2.timecnt, z->fat_time);
		assert_int_equal(t.v2.typecnt, z->fat_type);
	}
	tt_tzif_free(&t);

	snprintf(rel, sizeof rel, "golden/2026c-main-%s/%s",
	    fat ? "fat" : "slim", z->name);
	tt_expect_golden(&r.out, rel);
	tt_run_free(&r);
}

static void
golden_zone(void **state)
{
	const struct hz *z = *state;

	check_golden(z, false);
	check_golden(z, true);
}

/* Compile one golden zone (slim unless FAT) into R, which must work. */
static void
compile_real(struct tt_run *r, const char *file, const char *zone,
    const struct tzf_zic_opts *o)
{
	struct tzf_buf in = TZF_BUF_INIT;

	extract(&in, file, zone);
	tt_compile(r, o, NULL, in.ptr, zone);
	tzf_buf_dispose(&in);
	tt_expect_done(r);
}

/* What the project's TZif reader makes of our output at UT. */
static void
expect_local(const struct tzf_buf *b, int64_t ut, int32_t utoff, bool isdst,
    const char *abbr)
{
	struct tzf_tzif *t = NULL;
	struct tzf_local l;
	struct tt_diag d;

	tt_diag_init(&d);
	assert_int_equal(tzf_tzif_parse(&t, b->ptr, b->len, "out", &d.dg),
	    TZF_OK);
	assert_int_equal(tzf_tzif_lookup(&l, t, ut), TZF_OK);
	if (l.utoff != utoff || l.isdst != isdst || strcmp(l.abbr, abbr) != 0)
		print_error("at %lld: got %d %d %s\n", (long long)ut,
		    (int)l.utoff, (int)l.isdst, l.abbr);
	assert_int_equal(l.utoff, utoff);
	assert_int_equal(l.isdst, isdst);
	assert_string_equal(l.abbr, abbr);
	tzf_tzif_free(t);
	tt_diag_free(&d);
}

/* Negative DST: Irish winter time is GMT with isdst=1. */
static void
dublin_negative_dst_semantics(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;

	(void)state;
	compile_real(&r, "europe", "Europe/Dublin", &o);
	expect_local(&r.out, 1705320000, 0, true, "GMT");	/* 2024-01 */
	expect_local(&r.out, 1721044800, 3600, false, "IST"); /* 2024-07 */
	expect_local(&r.out, 4105166400, 0, true, "GMT");	/* 2100-02 */
	tt_run_free(&r);
}

/* Apia skipped 2011-12-30 going from -10 (DST) to +14 (DST). */
static void
apia_dateline_semantics(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;

	(void)state;
	compile_real(&r, "australasia", "Pacific/Apia", &o);
	expect_local(&r.out, 1325239199, -36000, true, "-10");
	expect_local(&r.out, 1325239200, 50400, true, "+14");
	tt_run_free(&r);
}

/* Juneau's LMT was 15:02:19 ahead until Alaska moved back a day. */
static void
juneau_lmt_semantics(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;

	(void)state;
	compile_real(&r, "northamerica", "America/Juneau", &o);
	expect_local(&r.out, -3225223728, 54139, false, "LMT");
	expect_local(&r.out, -3225223727, -32261, false, "LMT");
	tt_run_free(&r);
}

/* Troll: one explicit transition from -00, then the footer's 2h DST. */
static void
troll_semantics(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	compile_real(&r, "antarctica", "Antarctica/Troll", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 1);
	assert_int_equal(tt_time(&t.v2, 0), 1108166400);	/* 2005-02-12 */
	assert_string_equal(tt_type_abbr(&t.v2, 0), "-00");
	tt_tzif_free(&t);
	expect_local(&r.out, 1108166399, 0, false, "-00");
	expect_local(&r.out, 1108166400, 0, false, "+00");
	expect_local(&r.out, 1111885200, 7200, true, "+02"); /* 2005-03-27 */
	tt_run_free(&r);
}

/* -v: Nuuk's footer needs a negative time, which pre-2013 clients lack. */
static void
nuuk_noise_pre2013(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;

	(void)state;
	o.noise = true;
	compile_real(&r, "europe", "America/Nuuk", &o);
	if (tt_count(&r.d, TZF_WARN, "America/Nuuk: pre-2013 clients may "
	    "mishandle distant timestamps") != 1)
		tt_diag_dump(&r.d);
	assert_int_equal(tt_count(&r.d, TZF_WARN, "America/Nuuk: pre-2013 "
	    "clients may mishandle distant timestamps"), 1);
	assert_int_equal(r.d.dg.nerr, 0);
	tt_run_free(&r);
}

/* fat: generated through 2037 only (docs/zic.md 4.2). */
static void
new_york_fat_ends_2037(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.fat = true;
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(tt_time(&t.v2, t.v2.timecnt - 1), 2140668000);
	/* two EST types differing only in isstd/isut (the 1883 'u') */
	assert_int_equal(t.v2.typecnt, 6);
	assert_int_equal(t.v2.isstdcnt, 6);
	assert_int_equal(t.v2.isutcnt, 6);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Part 2: hand-written zones */

/* Compile TEXT's zone X with OPTS (NULL: slim, no -r). */
static void
snippet(struct tt_run *r, const struct tzf_zic_opts *o, const char *text)
{
	tt_compile(r, o, NULL, text, "X");
}

/* The last transition of a block, with its type's utoff and isdst. */
static void
expect_last(const struct tt_block *b, int64_t at, int32_t utoff, int isdst)
{
	uint8_t ty;

	assert_true(b->timecnt > 0);
	ty = b->idxs[b->timecnt - 1];
	assert_int_equal(tt_time(b, b->timecnt - 1), at);
	assert_int_equal(tt_type_utoff(b, ty), utoff);
	assert_int_equal(tt_type_isdst(b, ty), isdst);
}

/*
 * Slim and fat mean the same: the project's reader gives the same offset,
 * isdst and abbreviation at every 6 hours of [FROM, TO).
 */
static void
expect_same_meaning(const struct tzf_buf *slim, const struct tzf_buf *fat,
    int64_t from, int64_t to)
{
	struct tzf_tzif *ts = NULL, *tf = NULL;
	struct tzf_local ls, lf;
	struct tt_diag d;
	int64_t ut;

	tt_diag_init(&d);
	assert_int_equal(tzf_tzif_parse(&ts, slim->ptr, slim->len, "slim",
	    &d.dg), TZF_OK);
	assert_int_equal(tzf_tzif_parse(&tf, fat->ptr, fat->len, "fat",
	    &d.dg), TZF_OK);
	for (ut = from; ut < to; ut += 6 * 3600) {
		assert_int_equal(tzf_tzif_lookup(&ls, ts, ut), TZF_OK);
		assert_int_equal(tzf_tzif_lookup(&lf, tf, ut), TZF_OK);
		if (ls.utoff != lf.utoff || ls.isdst != lf.isdst
		    || strcmp(ls.abbr, lf.abbr) != 0)
			fail_msg("at %lld: slim %d %d %s, fat %d %d %s",
			    (long long)ut, (int)ls.utoff, (int)ls.isdst, ls.abbr,
			    (int)lf.utoff, (int)lf.isdst, lf.abbr);
	}
	tzf_tzif_free(ts);
	tzf_tzif_free(tf);
	tt_diag_free(&d);
}

/*
 * A snippet's zone X compiled four ways: slim and fat as zic 2026c
 * writes them (its quirks copied, the default), and slim and fat with
 * --fix-quirks.
 */
struct four {
	struct tt_run slim, fat, fixed_slim, fixed_fat;
};

static void
four_compile(struct four *f, const char *text)
{
	struct tt_run *r[4] = { &f->slim, &f->fat, &f->fixed_slim,
	    &f->fixed_fat };
	struct tzf_zic_opts o;
	int i;

	for (i = 0; i < 4; i++) {
		o = (struct tzf_zic_opts)TZF_ZIC_OPTS_INIT;
		o.fat = i % 2 == 1;
		o.fix_quirks = i >= 2;
		snippet(r[i], &o, text);
		tt_expect_done(r[i]);
		tt_expect_nmsg(&r[i]->d, 0);
	}
}

static void
four_free(struct four *f)
{
	tt_run_free(&f->slim);
	tt_run_free(&f->fat);
	tt_run_free(&f->fixed_slim);
	tt_run_free(&f->fixed_fat);
}

/* --fix-quirks leaves a file that needs no correction as it was. */
static void
expect_same_bytes(const struct tzf_buf *a, const struct tzf_buf *b)
{
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->ptr, b->ptr, a->len);
}

/*
 * B's footer is FOOTER, its 64-bit data N transitions (0: any number),
 * the last at AT to a type of UTOFF and ISDST.
 */
static void
expect_tail(const struct tzf_buf *b, const char *footer, uint32_t n,
    int64_t at, int32_t utoff, int isdst)
{
	struct tt_tzif t;

	tt_tzif_decode(&t, b->ptr, b->len);
	assert_string_equal(t.footer, footer);
	if (n != 0)
		assert_int_equal(t.v2.timecnt, n);
	expect_last(&t.v2, at, utoff, isdst);
	tt_tzif_free(&t);
}

#define ALLYEAR_DST \
	"Rule R 2000 max - Mar Sun>=8 2:00 1:00 D\n" \
	"Rule R 2000 2010 - Nov Sun>=1 2:00 0 S\n" \
	"Zone X -5:00 R E%sT\n"

/*
 * All-year DST through rules: the XXX footer, version 2.  zic 2026c's
 * slim file stops at the last numeric TO year, on a std transition, and
 * its footer then says DST from 2010-11-07 on (docs/zic.md 4.7's quirk,
 * copied by default); fat goes on to the next DST transition.  With
 * --fix-quirks slim does as fat does.
 */
static void
allyear_dst_through_rules(void **state)
{
	static const char footer[] = "XXX3EDT4,0/0,J365/23";
	struct four f;
	struct tt_tzif t;

	(void)state;
	four_compile(&f, ALLYEAR_DST);
	tt_tzif_decode(&t, f.slim.out.ptr, f.slim.out.len);
	assert_int_equal(t.version, '2');
	tt_tzif_free(&t);
	expect_tail(&f.slim.out, footer, 22, 1289109600, -18000, 0);
	/* 2011-01: the quirk */
	expect_local(&f.slim.out, 1293840000, -14400, true, "EDT");
	/* fat ends on 2011-03-13 EDT */
	expect_tail(&f.fat.out, footer, 23, 1299999600, -14400, 1);
	expect_local(&f.fat.out, 1293840000, -18000, false, "EST");

	expect_tail(&f.fixed_slim.out, footer, 23, 1299999600, -14400, 1);
	expect_local(&f.fixed_slim.out, 1293840000, -18000, false, "EST");
	expect_same_bytes(&f.fixed_fat.out, &f.fat.out);
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 946684800,
	    2145916800);
	four_free(&f);
}

/*
 * The same in fat, past 2038-01-19: Africa/Casablanca in 2013g falls back
 * for the last time on 2037-10-11 and springs forward for good on
 * 2038-03-28, after the years fat expands.  zic 2026c's files, slim and
 * fat, end on the fall-back and their footer says DST from there on;
 * with --fix-quirks both end on the spring-forward.
 */
static void
allyear_dst_after_2037(void **state)
{
	static const char text[] =
	    "Rule M 2026 max - Mar lastSun 2:00 1:00 S\n"
	    "Rule M 2036 only - Oct 21 3:00 0 -\n"
	    "Rule M 2037 only - Oct 11 3:00 0 -\n"
	    "Zone X 0:00 M WE%sT\n";
	static const char footer[] = "XXX-2WEST-1,0/0,J365/23";
	struct four f;

	(void)state;
	four_compile(&f, text);
	/* both end on 2037-10-11 WET; 2038-01-01: the quirk, in both */
	expect_tail(&f.fat.out, footer, 0, 2138839200, 0, 0);
	expect_tail(&f.slim.out, footer, 0, 2138839200, 0, 0);
	expect_local(&f.fat.out, 2145916800, 3600, true, "WEST");
	expect_local(&f.slim.out, 2145916800, 3600, true, "WEST");

	/* 2038-03-28 WEST */
	expect_tail(&f.fixed_fat.out, footer, 0, 2153354400, 3600, 1);
	expect_local(&f.fixed_fat.out, 2145916800, 0, false, "WET");
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 1735689600,
	    2208988800);
	four_free(&f);
}

/*
 * Asia/Choibalsan in 2016j: the final line starts in 2008 and its DST
 * rules only in 2015.  zic 2026c's slim file ends at the line's start and
 * lets the TZ string put DST in 2008-2014; with --fix-quirks it keeps
 * the transitions up to the first one the string predicts (2015-03-27),
 * and means what fat means.
 */
#define LATE_RULES \
	"Rule M 2001 2006 - Mar lastSat 2:00 1:00 S\n" \
	"Rule M 2001 2006 - Sep lastSat 2:00 0 -\n" \
	"Rule M 2015 max - Mar lastSat 2:00 1:00 S\n" \
	"Rule M 2015 max - Sep lastSat 0:00 0 -\n" \
	"Zone X 9:00 M CHO%sT 2008 Mar 31\n" \
	"\t8:00 M CHO%sT\n"

#define JANUARY_RULES \
	"Rule M 2015 max - Jan 1 2:00 1:00 S\n" \
	"Rule M 2015 max - Jul 1 2:00 0 -\n" \
	"Zone X 9:00 - X9 2008 Mar 31\n" \
	"\t8:00 M CHO%sT\n"

static void
string_takes_over_late_slim(void **state)
{
	static const char footer[] = "CHOT-8CHOST,M3.5.6,M9.5.6/0";
	struct four f;
	struct tt_tzif t;

	(void)state;
	four_compile(&f, LATE_RULES);
	/* 2008-03-30 CHOT; 2010-07: the quirk */
	expect_tail(&f.slim.out, footer, 13, 1206889200, 28800, 0);
	expect_local(&f.slim.out, 1278000000, 32400, true, "CHOST");
	expect_local(&f.fat.out, 1278000000, 28800, false, "CHOT");

	/* 2015-03-27 CHOST */
	expect_tail(&f.fixed_slim.out, footer, 14, 1427479200, 32400, 1);
	tt_tzif_decode(&t, f.fixed_slim.out.ptr, f.fixed_slim.out.len);
	assert_int_equal(tt_time(&t.v2, 12), 1206889200);	/* 2008-03-30 */
	tt_tzif_free(&t);
	expect_local(&f.fixed_slim.out, 1278000000, 28800, false, "CHOT");
	expect_same_bytes(&f.fixed_fat.out, &f.fat.out);
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 946684800,
	    2145916800);
	four_free(&f);

	/* East of Greenwich, a rule of January 1 fires on December 31 in
	 * UT: the year after the last one expanded starts before it ends,
	 * which must not hide the years the string gets wrong. */
	four_compile(&f, JANUARY_RULES);
	/* 2010-03-01: the quirk */
	expect_local(&f.slim.out, 1267401600, 32400, true, "CHOST");
	expect_local(&f.fat.out, 1267401600, 28800, false, "CHOT");
	/* 2014-12-31T18Z */
	expect_tail(&f.fixed_slim.out, "CHOT-8CHOST,0,J182", 0, 1420048800,
	    32400, 1);
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 946684800,
	    2145916800);
	four_free(&f);
}

/*
 * Africa/Casablanca in 2016j: a one-off fall-back on 2037-10-04 and the
 * recurring one on 10-25, a no-op that zic 2026c's fat file merges away,
 * letting the TZ string put DST back until 10-25.  With --fix-quirks
 * fat keeps the no-op, as slim always does.
 */
#define ONE_OFF_LAST_YEAR \
	"Rule M 2013 max - Mar lastSun 2:00 1:00 S\n" \
	"Rule M 2013 max - Oct lastSun 3:00 0 -\n" \
	"Rule M 2037 only - Oct 4 3:00 0 -\n" \
	"Zone X 0:00 M WE%sT\n"

static void
string_takes_over_late_fat(void **state)
{
	static const char footer[] = "WET0WEST,M3.5.0,M10.5.0/3";
	struct four f;
	struct tt_tzif t;

	(void)state;
	four_compile(&f, ONE_OFF_LAST_YEAR);
	/* 2037-10-04 WET; 2037-10-13: the quirk */
	expect_tail(&f.fat.out, footer, 0, 2138234400, 0, 0);
	expect_local(&f.fat.out, 2139000000, 3600, true, "WEST");
	expect_local(&f.slim.out, 2139000000, 0, false, "WET");

	/* 2037-10-25 WET, a no-op */
	expect_tail(&f.fixed_fat.out, footer, 0, 2140052400, 0, 0);
	tt_tzif_decode(&t, f.fixed_fat.out.ptr, f.fixed_fat.out.len);
	assert_int_equal(tt_time(&t.v2, t.v2.timecnt - 2), 2138234400);
	tt_tzif_free(&t);
	expect_local(&f.fixed_fat.out, 2139000000, 0, false, "WET");
	expect_same_bytes(&f.fixed_slim.out, &f.slim.out);
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 1356998400,
	    2177452800);
	four_free(&f);
}

/*
 * Eire-style negative SAVE: the DST rule sorts first in the footer.  The
 * winter rule starts only in 1996: zic 2026c's slim file ends in 1981
 * and lets the footer put GMT in the winters of 1981-1995; with
 * --fix-quirks it keeps the transitions up to the spring before the
 * first winter.
 */
static void
negative_dst_rules(void **state)
{
	static const char text[] =
	    "Rule E 1981 max - Mar lastSun 1:00u 0 -\n"
	    "Rule E 1996 max - Oct lastSun 1:00u -1:00 -\n"
	    "Zone X 1:00 E IST/GMT\n";
	static const char footer[] = "IST-1GMT0,M10.5.0,M3.5.0/1";
	struct four f;
	struct tt_tzif t;
	uint32_t i;
	bool gmt_dst = false;

	(void)state;
	four_compile(&f, text);
	/* 1981-03-29 IST; 1983-01: the quirk */
	expect_tail(&f.slim.out, footer, 1, 354675600, 3600, 0);
	expect_local(&f.slim.out, 410227200, 0, true, "GMT");
	tt_tzif_decode(&t, f.fat.out.ptr, f.fat.out.len);
	for (i = 0; i < t.v2.typecnt; i++)
		if (tt_type_utoff(&t.v2, i) == 0 && tt_type_isdst(&t.v2, i)
		    && strcmp(tt_type_abbr(&t.v2, i), "GMT") == 0)
			gmt_dst = true;
	assert_true(gmt_dst);
	tt_tzif_free(&t);
	expect_local(&f.fat.out, 410227200, 3600, false, "IST");

	/* 1996-03-31 IST, a no-op, after 1981-03-29 */
	expect_tail(&f.fixed_slim.out, footer, 2, 828234000, 3600, 0);
	tt_tzif_decode(&t, f.fixed_slim.out.ptr, f.fixed_slim.out.len);
	assert_int_equal(tt_time(&t.v2, 0), 354675600);
	tt_tzif_free(&t);
	expect_local(&f.fixed_slim.out, 410227200, 3600, false, "IST");
	expect_same_bytes(&f.fixed_fat.out, &f.fat.out);
	expect_same_meaning(&f.fixed_slim.out, &f.fixed_fat.out, 0, 2145916800);
	four_free(&f);
}

/* America/New_York under -r and -R: docs/zic.md 5.6's table. */
static void
range_options_new_york(void **state)
{
	struct tzf_zic_opts o;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	/* -r @0 */
	o = (struct tzf_zic_opts)TZF_ZIC_OPTS_INIT;
	o.lo_time = 0;
	compile_real(&r, "northamerica", "America/New_York", &o);
	assert_int_equal(r.out.len, 833);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 76);
	assert_int_equal(t.v2.typecnt, 3);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "-00");	/* type 0 */
	assert_string_equal(tt_type_abbr(&t.v2, 1), "EDT");
	assert_string_equal(tt_type_abbr(&t.v2, 2), "EST");
	assert_int_equal(tt_time(&t.v2, 0), 0);
	assert_string_equal(t.footer, "EST5EDT,M3.2.0,M11.1.0");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* -r @1700000000 */
	o.lo_time = 1700000000;
	compile_real(&r, "northamerica", "America/New_York", &o);
	assert_int_equal(r.out.len, 148);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 1);
	expect_last(&t.v2, 1700000000, -18000, 0);
	assert_string_equal(t.footer, "EST5EDT,M3.2.0,M11.1.0");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* -r @0/@2147483648: a high cut empties the footer */
	o.lo_time = 0;
	o.hi_time = INT64_C(2147483648) - 1;
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 138);
	expect_last(&t.v2, INT64_C(2147483648), 0, 0);
	assert_string_equal(tt_type_abbr(&t.v2,
	    t.v2.idxs[t.v2.timecnt - 1]), "-00");
	assert_string_equal(t.footer, "");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* -r /@9223372036854775807: no TZ string, the 402-year extension */
	o = (struct tzf_zic_opts)TZF_ZIC_OPTS_INIT;
	o.hi_time = INT64_MAX - 1;
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 981);
	assert_string_equal(t.footer, "");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* -r @-9223372036854775808 is no -r at all */
	o = (struct tzf_zic_opts)TZF_ZIC_OPTS_INIT;
	o.lo_time = INT64_MIN;
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_expect_golden(&r.out, "golden/2026c-main-slim/America/New_York");
	tt_run_free(&r);

	/* -R @4102444800: slim keeps transitions up to 2099 */
	o.redundant_time = INT64_C(4102444800);
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 360);
	expect_last(&t.v2, INT64_C(4097196000), -18000, 0);	/* 2099-11 */
	assert_string_equal(t.footer, "EST5EDT,M3.2.0,M11.1.0");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* -b fat -R @4102444800: fat's end year moves too */
	o.fat = true;
	compile_real(&r, "northamerica", "America/New_York", &o);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 364);
	expect_last(&t.v2, INT64_C(4160700000), -18000, 0);	/* 2101-11 */
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* %z beyond 99:59:59 is reported twice; the abbreviation stays "%z". */
static void
percent_z_over_99_hours(void **state)
{
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	snippet(&r, NULL, "Zone X 100 - %z\n");
	tt_expect_done(&r);	/* output phase: still written */
	assert_int_equal(r.d.dg.nerr, 2);
	assert_int_equal(tt_count(&r.d, TZF_ERR,
	    "%z UT offset magnitude exceeds 99:59:59"), 2);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1,
	    "%z UT offset magnitude exceeds 99:59:59");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.typecnt, 1);
	assert_int_equal(tt_type_utoff(&t.v2, 0), 360000);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "%z");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* With rules, every transition that reaches 100 hours reports it
	 * again: a rule's abbreviation is not reused when it complained. */
	snippet(&r, NULL,
	    "Rule R 2000 2003 - Mar lastSun 1:00 1:00 S\n"
	    "Rule R 2000 2003 - Oct lastSun 1:00 0 -\n"
	    "Zone X 99:30 R %z\n");
	tt_expect_done(&r);
	assert_int_equal(tt_count(&r.d, TZF_ERR,
	    "%z UT offset magnitude exceeds 99:59:59"), 4);
	tt_run_free(&r);

	/* 99:59:59 itself is fine, if long */
	snippet(&r, NULL, "Zone X 99:59:59 - %z\n");
	tt_expect_done(&r);
	assert_int_equal(r.d.dg.nerr, 0);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 1,
	    "time zone abbreviation has too many characters (+995959)");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "+995959");
	assert_string_equal(t.footer, "<+995959>-99:59:59");
	tt_tzif_free(&t);
	tt_run_free(&r);
}

static void
percent_z_forms(void **state)
{
	static const struct { const char *off, *abbr; } z[] = {
		{ "0", "+00" }, { "5:30", "+0530" }, { "-0:44:30", "-004430" },
		{ "-3", "-03" }, { "12:45", "+1245" }, { "-0:30", "-0030" },
		/* seconds with no minutes: all six digits (issue 16) */
		{ "0:00:30", "+000030" }, { "-0:00:30", "-000030" },
		{ "-1:00:05", "-010005" }, { "99:00:01", "+990001" },
	};
	struct tt_run r;
	struct tt_tzif t;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof z / sizeof z[0]; i++) {
		snprintf(text, sizeof text, "Zone X %s - %%z\n", z[i].off);
		snippet(&r, NULL, text);
		tt_expect_done(&r);
		assert_int_equal(r.d.dg.nerr, 0);
		tt_tzif_decode(&t, r.out.ptr, r.out.len);
		assert_string_equal(tt_type_abbr(&t.v2, 0), z[i].abbr);
		tt_tzif_free(&t);
		tt_run_free(&r);
	}
}

/*
 * %z of an offset with seconds but no minutes, Zone Test/Sec 0:00:30: the
 * abbreviation "+000030", and with -v the two warnings the system zic
 * gives for it (tests/oracle/verbose.sh compares them with it).
 */
static void
percent_z_seconds_only(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.noise = true;
	snippet(&r, &o, "Zone X 0:00:30 - %z\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 2);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 1,
	    "format '%z' not handled by pre-2015 versions of zic");
	tt_expect_msg(&r.d, 1, TZF_WARN, "in.zi", 1,
	    "time zone abbreviation has too many characters (+000030)");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "+000030");
	assert_string_equal(t.footer, "<+000030>-0:00:30");
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* Two rules at one instant: a warning for one, an error for the other. */
static void
two_rules_same_instant(void **state)
{
	struct tt_run r;

	(void)state;
	snippet(&r, NULL,
	    "Rule R 2000 only - Mar 1 0:00u 1:00 D\n"
	    "Rule R 2000 only - Mar 1 0:00u 0 S\n"
	    "Zone X 0 R X%sT\n");
	tt_expect_done(&r);	/* the file is still written */
	assert_true(r.out.len > 0);
	tt_expect_nmsg(&r.d, 2);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 3,
	    "two rules for same instant");
	assert_string_equal(r.d.msgs[0].rfile, "in.zi");
	assert_int_equal(r.d.msgs[0].rline, 2);
	tt_expect_msg(&r.d, 1, TZF_ERR, "in.zi", 3,
	    "two rules for same instant");
	assert_string_equal(r.d.msgs[1].rfile, "in.zi");
	assert_int_equal(r.d.msgs[1].rline, 1);
	assert_int_equal(r.d.dg.nerr, 1);
	assert_int_equal(r.d.dg.nwarn, 1);
	tt_run_free(&r);
}

static void
cannot_determine_abbreviation(void **state)
{
	struct tt_run r;

	(void)state;
	snippet(&r, NULL,
	    "Rule R 2010 max - Mar Sun>=8 2:00 1:00 D\n"
	    "Zone X 0 - A 2000\n"
	    "\t0 R B%s\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 3,
	    "can't determine time zone abbreviation to use just after until "
	    "time");
	assert_null(r.d.msgs[0].rfile);
	tt_run_free(&r);

	/* a slashed format gives the standard-time abbreviation */
	snippet(&r, NULL,
	    "Rule R 2010 max - Mar Sun>=8 2:00 1:00 D\n"
	    "Zone X 0 - A 2000\n"
	    "\t0 R B/BD\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_run_free(&r);
}

/*
 * Ruleless lines with a SAVE: the footer of each SAVE form, as zic 2026c
 * writes it and with --fix-quirks.  zic 2026c's footer ignores an 's'
 * SAVE (docs/zic.md 5.7), though the one type has it: with no
 * transition, readers that take the footer (Python's zoneinfo) say
 * +01 and readers that take the type (glibc) +02.
 */
static void
ruleless_save_footers(void **state)
{
	static const struct {
		const char *save, *format, *footer, *fixed;
		int32_t utoff;
		int isdst;
	} s[] = {
		{ "1:00s", "ABC", "ABC-1", "ABC-2", 7200, 0 },
		{ "1:00s", "%z", "<+01>-1", "<+02>-2", 7200, 0 },
		{ "-0:30s", "%z", "<+01>-1", "<+0030>-0:30", 1800, 0 },
		{ "1:00", "ABC", "XXX-3ABC-2,0/0,J365/23", NULL, 7200, 1 },
		{ "0d", "ABC", "XXX-1ABC-1,0/0,J365/24", NULL, 3600, 1 },
		{ "-1:00", "ABC", "ABC-1ABC0,0/0,J365/23", NULL, 0, 1 },
		{ "0", "ABC", "ABC-1", NULL, 3600, 0 },
	};
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < 2 * sizeof s / sizeof s[0]; i++) {
		size_t k = i / 2;

		o.fix_quirks = i % 2 == 1;
		snprintf(text, sizeof text, "Zone X 1:00 %s %s\n", s[k].save,
		    s[k].format);
		snippet(&r, &o, text);
		tt_expect_done(&r);
		tt_expect_nmsg(&r.d, 0);
		tt_tzif_decode(&t, r.out.ptr, r.out.len);
		assert_string_equal(t.footer, o.fix_quirks && s[k].fixed
		    ? s[k].fixed : s[k].footer);
		assert_int_equal(t.version, '2');
		assert_int_equal(t.v2.typecnt, 1);
		assert_int_equal(t.v2.timecnt, 0);
		assert_int_equal(tt_type_utoff(&t.v2, 0), s[k].utoff);
		assert_int_equal(tt_type_isdst(&t.v2, 0), s[k].isdst);
		tt_tzif_free(&t);
		tt_run_free(&r);
	}
}

/* No TZ string (offset >= 168 h): empty footer, 402 more years. */
static void
no_tz_string_extension(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.noise = true;
	snippet(&r, &o, "Zone X 168 - XYZ\n");
	tt_expect_done(&r);
	assert_int_equal(r.d.dg.nerr, 0);
	assert_int_equal(tt_count(&r.d, TZF_WARN,
	    "no proleptic TZ string for zone X"), 1);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(t.footer, "");
	/* redundant transition at 1 Jan of max_year + 1 = 2373 */
	assert_int_equal(t.v2.timecnt, 1);
	expect_last(&t.v2, INT64_C(12717475200), 604800, 0);
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* 167:59:59 still has one */
	snippet(&r, NULL, "Zone X 167:59:59 - XYZ\n");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(t.footer, "XYZ-167:59:59");
	assert_int_equal(t.v2.timecnt, 0);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* A first line with rules that never fire adds no type of its own. */
static void
first_line_rules_never_fire(void **state)
{
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	snippet(&r, NULL,
	    "Rule R 2010 max - Mar lastSun 1:00u 1:00 S\n"
	    "Rule R 2010 max - Oct lastSun 1:00u 0 -\n"
	    "Zone X 1:00 R C%sT 2000\n"
	    "\t2:00 - EET\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.typecnt, 1);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "EET");
	assert_int_equal(t.v2.timecnt, 1);	/* kept though a no-op */
	expect_last(&t.v2, 946681200, 7200, 0);
	assert_string_equal(t.footer, "EET-2");
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* Feb 29 reached in a common year stops zic (docs/zic.md 3.3). */
static void
feb29_in_common_year_is_fatal(void **state)
{
	static const char *const on[] = { "29", "Sun>=29" };
	struct tt_run r;
	char text[160];
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		snprintf(text, sizeof text,
		    "Rule R 2000 2001 - Feb %s 0 1:00 D\n"
		    "Zone X 0 R X%%sT\n", on[i]);
		snippet(&r, NULL, text);
		assert_int_equal(r.stage, TT_COMPILE);
		assert_int_equal(r.rc, TZF_EINVAL);
		tt_expect_nmsg(&r.d, 1);
		tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 2,
		    "use of 2/29 in non leap-year");
		assert_int_equal(r.d.msgs[0].rline, 1);
		tt_run_free(&r);
	}

	/* Sun<=29 steps back to the 28th instead */
	snippet(&r, NULL,
	    "Rule R 2000 2001 - Feb Sun<=29 0 1:00 D\n"
	    "Rule R 2000 2001 - Oct 1 0 0 S\n"
	    "Zone X 0 R X%sT\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_run_free(&r);
}

/* Outlandish years and offsets fail cleanly (no crash, no overflow). */
static void
extreme_years(void **state)
{
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	snippet(&r, NULL,
	    "Rule R -4611686018427387904 4611686018427387904 - Jan 1 0 1:00 D\n"
	    "Rule R -4611686018427387904 4611686018427387904 - Jul 1 0 0 S\n"
	    "Zone X 0 R X%sT\n");
	assert_int_equal(r.stage, TT_COMPILE);
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 3, "time overflow");
	tt_run_free(&r);

	/* min max: FROM minimum means 1900 */
	snippet(&r, NULL,
	    "Rule R min max - Mar lastSun 1:00u 1:00 D\n"
	    "Rule R min max - Oct lastSun 1:00u 0 S\n"
	    "Zone X 0 R X%sT\n");
	tt_expect_done(&r);
	assert_int_equal(r.d.dg.nerr, 0);
	assert_int_equal(r.d.dg.nwarn, 2);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(t.footer, "XST0XDT,M3.5.0/1,M10.5.0");
	assert_int_equal(t.v2.timecnt, 1);
	expect_last(&t.v2, -2201814000, 3600, 1);	/* 1900-03-25 */
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* zic 2026c NEWS: these no longer overflow */
	snippet(&r, NULL, "Zone Ouch 0 - LMT 9223372036854775807\n\t0 - X\n");
	assert_int_equal(r.stage, TT_PARSE);
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1, "time overflow");
	tt_run_free(&r);
	snippet(&r, NULL, "Zone Ouch 0 - LMT -9223372036854775807\n\t0 - X\n");
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1, "time overflow");
	tt_run_free(&r);
	snippet(&r, NULL, "Zone X 0 2562047788015215 LMT\n");
	assert_int_equal(r.stage, TT_ASSOCIATE);
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1, "time overflow");
	tt_run_free(&r);
	snippet(&r, NULL, "Zone X -2562047788015215:30:08 - LMT\n");
	assert_int_equal(r.stage, TT_PARSE);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1, "time overflow");
	tt_run_free(&r);
}

/* UT offsets must lie in [-2^31 + 1, 2^31 - 1] (since 2026a). */
static void
utoff_limits(void **state)
{
	static const struct { const char *off; bool ok; int32_t v; } u[] = {
		{ "596523:14:07", true, INT32_MAX },
		{ "-596523:14:07", true, -INT32_MAX },
		{ "596523:14:08", false, 0 },
		{ "-596523:14:08", false, 0 },
	};
	struct tt_run r;
	struct tt_tzif t;
	char text[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof u / sizeof u[0]; i++) {
		snprintf(text, sizeof text, "Zone X %s - XYZ\n", u[i].off);
		snippet(&r, NULL, text);
		if (u[i].ok) {
			tt_expect_done(&r);
			tt_tzif_decode(&t, r.out.ptr, r.out.len);
			assert_int_equal(tt_type_utoff(&t.v2, 0), u[i].v);
			assert_string_equal(t.footer, "");	/* >= 168 h */
			tt_tzif_free(&t);
		} else {
			assert_int_equal(r.stage, TT_COMPILE);
			assert_int_equal(r.rc, TZF_EINVAL);
			tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 1,
			    "UT offset out of range");
		}
		tt_run_free(&r);
	}
}

/* zic's checkabbr: warnings for abbreviations POSIX frowns on. */
static void
abbreviation_warnings(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;

	(void)state;
	snippet(&r, NULL, "Zone X 0 - ABCDEFG\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 1,
	    "time zone abbreviation has too many characters (ABCDEFG)");
	tt_run_free(&r);

	snippet(&r, NULL, "\nZone X 0 - A_B\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 2,
	    "time zone abbreviation differs from POSIX standard (A_B)");
	tt_run_free(&r);

	snippet(&r, NULL, "Zone X 0 - AB\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_run_free(&r);

	o.noise = true;
	snippet(&r, &o, "Zone X 0 - AB\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 1,
	    "time zone abbreviation has fewer than 3 characters (AB)");
	tt_run_free(&r);

	snippet(&r, &o, "Zone X 0 - ABCDEF\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_run_free(&r);

	/* the grandparented string is exempt */
	snippet(&r, &o, "Zone X 0 - "
	    "\"Local time zone must be set--see zic manual page\"\n");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_run_free(&r);
}

int
main(void)
{
	static const struct CMUnitTest snippets[] = {
		cmocka_unit_test(dublin_negative_dst_semantics),
		cmocka_unit_test(apia_dateline_semantics),
		cmocka_unit_test(juneau_lmt_semantics),
		cmocka_unit_test(troll_semantics),
		cmocka_unit_test(nuuk_noise_pre2013),
		cmocka_unit_test(new_york_fat_ends_2037),
		cmocka_unit_test(allyear_dst_through_rules),
		cmocka_unit_test(allyear_dst_after_2037),
		cmocka_unit_test(string_takes_over_late_slim),
		cmocka_unit_test(string_takes_over_late_fat),
		cmocka_unit_test(negative_dst_rules),
		cmocka_unit_test(range_options_new_york),
		cmocka_unit_test(percent_z_over_99_hours),
		cmocka_unit_test(percent_z_forms),
		cmocka_unit_test(percent_z_seconds_only),
		cmocka_unit_test(two_rules_same_instant),
		cmocka_unit_test(cannot_determine_abbreviation),
		cmocka_unit_test(ruleless_save_footers),
		cmocka_unit_test(no_tz_string_extension),
		cmocka_unit_test(first_line_rules_never_fire),
		cmocka_unit_test(feb29_in_common_year_is_fatal),
		cmocka_unit_test(extreme_years),
		cmocka_unit_test(utoff_limits),
		cmocka_unit_test(abbreviation_warnings),
	};
	enum { NHARD = sizeof hard_zones / sizeof hard_zones[0] };
	struct CMUnitTest golden[NHARD];
	size_t i;
	int failed;

	for (i = 0; i < NHARD; i++) {
		golden[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    golden_zone, (void *)&hard_zones[i]);
		golden[i].name = hard_zones[i].name;
	}
	failed = _cmocka_run_group_tests("expand_golden", golden, NHARD,
	    load_sources, free_sources);
	failed += _cmocka_run_group_tests("expand", snippets,
	    sizeof snippets / sizeof snippets[0], load_sources, free_sources);
	return failed;
}
