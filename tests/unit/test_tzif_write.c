/*
 * test_tzif_write.c: unit tests of the TZif writer (lib/tzif_write.c)
 * and the abbreviation table it shares with the expander.
 *
 *   - tzf__abbr_add/find: suffix reuse, in-place replacement of an entry
 *     that ends the new string (later entries shift), the 256-byte limit;
 *   - layout: the 51-byte slim v1 block, the fat v1 pre-transition at
 *     -2^31 and the 2^31 wrap quirk, type 0 swapped in while the
 *     isstd/isut arrays and the abbreviation table keep the unswapped
 *     order, Ho_Chi_Minh's shared LMT/PLMT (golden bytes);
 *   - leap seconds (-L) with and without an Expires line, with -r;
 *   - limits: 256 types, 256 bytes of abbreviations.
 *
 * Inputs come from $TZF_SHARED (default ../shared): tzdb/2026c source,
 * its leapseconds file (whose Expires line is commented out; an
 * uncommented copy is made in memory) and the golden trees.
 */
#include "tzf_test.h"
#include "model.h"

/* ------------------------------------------------------------------ */
/* The abbreviation table */

static void
abbr_suffix_reuse(void **state)
{
	struct tzf_abbrtab t;

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(tzf__abbr_add(&t, "LMT"), TZF_ABBR_NEW);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.size, 4);
	assert_memory_equal(t.bytes, "LMT", 4);
	assert_int_equal(tzf__abbr_find(&t, "LMT"), 0);
	assert_int_equal(tzf__abbr_find(&t, "MT"), 1);
	assert_int_equal(tzf__abbr_find(&t, "T"), 2);
	assert_int_equal(tzf__abbr_find(&t, ""), 3);	/* the NUL */
	assert_int_equal(tzf__abbr_find(&t, "LM"), -1);
	assert_int_equal(tzf__abbr_find(&t, "PLMT"), -1);
	/* a suffix of an entry takes no room */
	assert_int_equal(tzf__abbr_add(&t, "MT"), TZF_ABBR_FOUND);
	assert_int_equal(tzf__abbr_add(&t, ""), TZF_ABBR_FOUND);
	assert_int_equal(tzf__abbr_add(&t, "LMT"), TZF_ABBR_FOUND);
	assert_int_equal(t.size, 4);
	assert_int_equal(t.n, 1);
}

static void
abbr_in_place_replacement(void **state)
{
	struct tzf_abbrtab t;
	char out[TZF_MAX_CHARS];

	(void)state;
	memset(&t, 0, sizeof t);
	assert_int_equal(tzf__abbr_add(&t, "LMT"), TZF_ABBR_NEW);
	assert_int_equal(tzf__abbr_add(&t, "PLMT"), TZF_ABBR_NEW);
	assert_int_equal(t.n, 1);
	assert_int_equal(t.size, 5);
	assert_memory_equal(t.bytes, "PLMT", 5);
	assert_int_equal(tzf__abbr_find(&t, "PLMT"), 0);
	assert_int_equal(tzf__abbr_find(&t, "LMT"), 1);

	/* replacing a middle entry shifts the later ones */
	memset(&t, 0, sizeof t);
	assert_int_equal(tzf__abbr_add(&t, "EST"), TZF_ABBR_NEW);
	assert_int_equal(tzf__abbr_add(&t, "EDT"), TZF_ABBR_NEW);
	assert_int_equal(tzf__abbr_add(&t, "GMT"), TZF_ABBR_NEW);
	assert_int_equal(tzf__abbr_find(&t, "GMT"), 8);
	assert_int_equal(tzf__abbr_add(&t, "AEDT"), TZF_ABBR_NEW);
	assert_int_equal(t.n, 3);
	assert_int_equal(t.size, 13);
	assert_memory_equal(t.bytes, "EST\0AEDT\0GMT", 13);
	assert_int_equal(t.starts[0], 0);
	assert_int_equal(t.starts[1], 4);
	assert_int_equal(t.starts[2], 9);
	assert_int_equal(tzf__abbr_find(&t, "GMT"), 9);
	assert_int_equal(tzf__abbr_find(&t, "EDT"), 5);
	assert_int_equal(tzf__abbr_find(&t, "AEDT"), 4);
	/* a prefix is not a suffix: appended */
	assert_int_equal(tzf__abbr_add(&t, "ESTX"), TZF_ABBR_NEW);
	assert_int_equal(t.n, 4);
	assert_int_equal(t.starts[3], 13);
	assert_int_equal(t.size, 18);
	tzf__abbr_bytes(&t, out);
	assert_memory_equal(out, "EST\0AEDT\0GMT\0ESTX", 18);
}

static void
abbr_256_byte_limit(void **state)
{
	struct tzf_abbrtab t;
	char a[TZF_MAX_CHARS + 2];
	int i;

	(void)state;
	/* 64 distinct 3-letter strings fill exactly 256 bytes */
	memset(&t, 0, sizeof t);
	for (i = 0; i < 64; i++) {
		snprintf(a, sizeof a, "%c%c%c", 'A' + i / 26, 'A' + i % 26,
		    'Q');
		assert_int_equal(tzf__abbr_add(&t, a), TZF_ABBR_NEW);
	}
	assert_int_equal(t.size, 256);
	assert_int_equal(tzf__abbr_add(&t, "ZZZ"), TZF_ABBR_FULL);
	assert_int_equal(tzf__abbr_add(&t, "Z"), TZF_ABBR_FULL);
	/* growing an entry in place needs room too */
	assert_int_equal(tzf__abbr_add(&t, "XAAQ"), TZF_ABBR_FULL);
	/* what is there can still be found */
	assert_int_equal(tzf__abbr_add(&t, "AQ"), TZF_ABBR_FOUND);
	assert_int_equal(t.size, 256);
	assert_int_equal(t.n, 64);
	assert_int_equal(tzf__abbr_find(&t, "CLQ"), 252);

	/* one string of 255 bytes fits, 256 does not */
	memset(&t, 0, sizeof t);
	memset(a, 'x', sizeof a);
	a[256] = '\0';
	assert_int_equal(tzf__abbr_add(&t, a), TZF_ABBR_FULL);
	assert_int_equal(t.size, 0);
	a[255] = '\0';
	assert_int_equal(tzf__abbr_add(&t, a), TZF_ABBR_NEW);
	assert_int_equal(t.size, 256);
}

/* ------------------------------------------------------------------ */
/* Real zones */

static char *
zone_input(const char *file, const char *zone)
{
	static const char *const names[] = { "northamerica", "asia",
	    "europe", "etcetera" };
	char *srcs[4], rel[64];
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i;

	for (i = 0; i < 4; i++) {
		snprintf(rel, sizeof rel, "tzdb/2026c/%s", names[i]);
		srcs[i] = tt_shared_slurp(rel, NULL);
	}
	for (i = 0; i < 4; i++)
		if (strcmp(names[i], file) == 0)
			break;
	assert_true(i < 4);
	assert_true(tt_zone_extract(&b, srcs[i], zone,
	    (const char *const *)srcs, 4) > 0);
	for (i = 0; i < 4; i++)
		free(srcs[i]);
	assert_false(b.oom);
	return b.ptr;		/* the caller frees */
}

static void
compile_real(struct tt_run *r, const struct tzf_zic_opts *o,
    const char *leap, const char *file, const char *zone)
{
	char *in = zone_input(file, zone);

	tt_compile(r, o, leap, in, zone);
	free(in);
	tt_expect_done(r);
}

/* Asia/Ho_Chi_Minh: LMT is stored as the tail of PLMT (2026b+). */
static void
ho_chi_minh_shares_lmt(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	const char *rel[2] = { "golden/2026c-main-slim/Asia/Ho_Chi_Minh",
	    "golden/2026c-main-fat/Asia/Ho_Chi_Minh" };
	struct tt_run r;
	struct tt_tzif t;
	int fat;

	(void)state;
	for (fat = 0; fat < 2; fat++) {
		uint32_t i, j, naive = 0, plmt = 99, lmt = 99;

		o.fat = fat;
		compile_real(&r, &o, NULL, "asia", "Asia/Ho_Chi_Minh");
		tt_expect_golden(&r.out, rel[fat]);
		tt_tzif_decode(&t, r.out.ptr, r.out.len);
		/* what the table would take without sharing */
		for (i = 0; i < t.v2.typecnt; i++) {
			const char *a = tt_type_abbr(&t.v2, i);

			for (j = 0; j < i; j++)
				if (strcmp(tt_type_abbr(&t.v2, j), a) == 0)
					break;
			if (j == i)
				naive += (uint32_t)strlen(a) + 1;
			if (strcmp(a, "PLMT") == 0)
				plmt = t.v2.types[6 * i + 5];
			if (strcmp(a, "LMT") == 0)
				lmt = t.v2.types[6 * i + 5];
		}
		assert_int_equal(t.v2.charcnt, 17);
		assert_int_equal(t.v2.charcnt, naive - 4);
		assert_int_equal(plmt, 0);
		assert_int_equal(lmt, 1);
		assert_memory_equal(t.v2.chars, "PLMT\0+07\0+08\0+09", 17);
		tt_tzif_free(&t);
		tt_run_free(&r);
	}
}

/* Slim: the v1 block is a fixed 51-byte stub; version in both headers. */
static void
slim_v1_block_is_51_bytes(void **state)
{
	static const struct { const char *file, *zone; char v; } z[] = {
		{ "northamerica", "America/New_York", '2' },
		{ "europe", "America/Nuuk", '3' },
		{ "etcetera", "Etc/UTC", '2' },
	};
	unsigned char want[51];
	struct tt_run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof z / sizeof z[0]; i++) {
		memset(want, 0, sizeof want);
		memcpy(want, "TZif", 4);
		want[4] = (unsigned char)z[i].v;
		want[20 + 16 + 3] = 1;		/* typecnt */
		want[20 + 20 + 3] = 1;		/* charcnt */
		compile_real(&r, NULL, NULL, z[i].file, z[i].zone);
		assert_true(r.out.len > 51 + 44);
		assert_memory_equal(r.out.ptr, want, 51);
		assert_memory_equal(r.out.ptr + 51, "TZif", 4);
		assert_int_equal(r.out.ptr[51 + 4], z[i].v);
		tt_run_free(&r);
	}
}

/*
 * Fat v1: type 0 is the 64-bit default type (LMT), and the transitions
 * dropped before -2^31 are replaced by one at -2^31 to the type then in
 * effect (EST).
 */
static void
fat_v1_pre_transition(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.fat = true;
	compile_real(&r, &o, NULL, "northamerica", "America/New_York");
	tt_expect_golden(&r.out, "golden/2026c-main-fat/America/New_York");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v1.timecnt, 236);
	assert_int_equal(tt_time(&t.v1, 0), INT32_MIN);
	assert_int_equal(tt_time(&t.v2, 0), INT64_C(-2717650800));
	assert_string_equal(tt_type_abbr(&t.v1, 0), "LMT");
	assert_string_equal(tt_type_abbr(&t.v1, t.v1.idxs[0]), "EST");
	assert_int_equal(tt_type_utoff(&t.v1, t.v1.idxs[0]), -18000);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/*
 * Fat v1 keeps a transition at exactly 2^31, written as 0x80000000 (a
 * quirk of zic 2026c, copied by default); --fix-quirks leaves it out of
 * the 32-bit data, which then holds only A.
 */
static void
fat_v1_wraps_2_pow_31(void **state)
{
	static const char text[] = "Zone X 0 - A 2038 Jan 19 3:14:08u\n"
	    "\t1:00 - B\n";
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.fat = true;
	tt_compile(&r, &o, NULL, text, "X");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 1);
	assert_int_equal(tt_time(&t.v2, 0), INT64_C(2147483648));
	assert_int_equal(t.v1.timecnt, 1);
	assert_memory_equal(t.v1.times, "\x80\0\0\0", 4);
	assert_int_equal(tt_time(&t.v1, 0), INT32_MIN);	/* wrapped */
	assert_int_equal(tt_type_utoff(&t.v1, t.v1.idxs[0]), 3600);
	tt_tzif_free(&t);
	tt_run_free(&r);

	o.fix_quirks = true;
	tt_compile(&r, &o, NULL, text, "X");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 1);
	assert_int_equal(tt_time(&t.v2, 0), INT64_C(2147483648));
	assert_int_equal(tt_type_utoff(&t.v2, t.v2.idxs[0]), 3600);
	assert_int_equal(t.v1.timecnt, 0);
	assert_int_equal(t.v1.typecnt, 1);
	assert_string_equal(tt_type_abbr(&t.v1, 0), "A");
	tt_tzif_free(&t);
	tt_run_free(&r);
	o.fix_quirks = false;

	/* one second later it is out of the 32-bit block */
	tt_compile(&r, &o, NULL,
	    "Zone X 0 - A 2038 Jan 19 3:14:09u\n"
	    "\t1:00 - B\n", "X");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v1.timecnt, 0);
	assert_int_equal(t.v2.timecnt, 1);
	assert_int_equal(tt_time(&t.v2, 0), INT64_C(2147483649));
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/*
 * The default type is swapped into type 0, but the isstd/isut arrays
 * and the abbreviation table keep the unswapped order (docs/zic.md 5.4);
 * with --fix-quirks the arrays follow the types.  The first type made
 * here is CEST (from a 'u' rule), the default CET (from a wall-clock
 * rule).
 */
static void
type0_swap_keeps_indicator_order(void **state)
{
	static const char text[] =
	    "Rule R 2000 max - Mar lastSun 1:00u 1:00 S\n"
	    "Rule R 2000 max - Oct lastSun 2:00 0 -\n"
	    "Zone X 1:00 R CE%sT\n";
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.fat = true;
	tt_compile(&r, &o, NULL, text, "X");
	tt_expect_done(&r);
	tt_expect_nmsg(&r.d, 0);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(t.footer, "CET-1CEST,M3.5.0,M10.5.0");
	assert_true(t.v2.typecnt >= 2);
	assert_int_equal(tt_type_utoff(&t.v2, 0), 3600);
	assert_int_equal(tt_type_isdst(&t.v2, 0), 0);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "CET");
	assert_int_equal(tt_type_utoff(&t.v2, 1), 7200);
	assert_string_equal(tt_type_abbr(&t.v2, 1), "CEST");
	/* table in creation order: CEST first */
	assert_memory_equal(t.v2.chars, "CEST\0CET", 9);
	assert_int_equal(t.v2.types[5], 5);
	assert_int_equal(t.v2.types[11], 0);
	/* indicators unswapped: entry 0 is CEST's ('u' rule) */
	assert_int_equal(t.v2.isstdcnt, t.v2.typecnt);
	assert_int_equal(t.v2.isutcnt, t.v2.typecnt);
	assert_int_equal(t.v2.isstd[0], 1);
	assert_int_equal(t.v2.isut[0], 1);
	assert_int_equal(t.v2.isstd[1], 0);
	assert_int_equal(t.v2.isut[1], 0);
	/* the first transition goes to CEST */
	assert_int_equal(t.v2.idxs[0], 1);
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* --fix-quirks: entry 0 is CET's, entry 1 CEST's; the rest alike */
	o.fix_quirks = true;
	tt_compile(&r, &o, NULL, text, "X");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "CET");
	assert_string_equal(tt_type_abbr(&t.v2, 1), "CEST");
	assert_memory_equal(t.v2.chars, "CEST\0CET", 9);
	assert_int_equal(t.v2.isstdcnt, t.v2.typecnt);
	assert_int_equal(t.v2.isstd[0], 0);
	assert_int_equal(t.v2.isut[0], 0);
	assert_int_equal(t.v2.isstd[1], 1);
	assert_int_equal(t.v2.isut[1], 1);
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* slim: flags forced off, counts 0 */
	tt_compile(&r, NULL, NULL, text, "X");
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.isstdcnt, 0);
	assert_int_equal(t.v2.isutcnt, 0);
	assert_string_equal(tt_type_abbr(&t.v2, 0), "CET");
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Leap seconds */

static char *leap_plain, *leap_expires;

static int
load_leaps(void **state)
{
	char *p;

	(void)state;
	leap_plain = tt_shared_slurp("tzdb/2026c/leapseconds", NULL);
	leap_expires = tt_strdup(leap_plain);
	p = strstr(leap_expires, "\n#Expires");
	if (p == NULL)
		return -1;
	memmove(p + 1, p + 2, strlen(p + 2) + 1);	/* drop the '#' */
	return 0;
}

static int
free_leaps(void **state)
{
	(void)state;
	free(leap_plain);
	free(leap_expires);
	return 0;
}

static void
expect_leap(const struct tt_block *b, uint32_t i, int64_t at, int32_t corr)
{
	assert_true(i < b->leapcnt);
	assert_int_equal(tt_leap_time(b, i), at);
	assert_int_equal(tt_leap_corr(b, i), corr);
}

static void
leaps_without_expires(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	compile_real(&r, &o, leap_plain, "etcetera", "Etc/UTC");
	tt_expect_nmsg(&r.d, 0);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, '2');
	assert_int_equal(t.v1.size, 51);
	assert_int_equal(t.v1.leapcnt, 0);
	assert_int_equal(t.v2.leapcnt, 27);
	expect_leap(&t.v2, 0, 78796800, 1);
	expect_leap(&t.v2, 1, 94694401, 2);
	expect_leap(&t.v2, 26, 1483228826, 27);
	assert_string_equal(t.footer, "UTC0");
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* fat: the v1 block has them too */
	o.fat = true;
	compile_real(&r, &o, leap_plain, "etcetera", "Etc/UTC");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, '2');
	assert_int_equal(t.v1.leapcnt, 27);
	expect_leap(&t.v1, 26, 1483228826, 27);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/*
 * A Rolling leap second happens at local midnight, a Stationary one at UT
 * midnight (issue 16): with a zone at +05:00 the record of 2016-12-31
 * 23:59:60 R is at 2016-12-31T19:00:00Z, at -03:00 at 2017-01-01T03:00Z.
 * tests/oracle/zdump.sh compares such files with the system zic's bytes.
 */
static void
rolling_leap_local_midnight(void **state)
{
	static const struct { const char *zone, *rs; int64_t at; } c[] = {
		{ "Zone X 5:00 - X\n", "R", 1483228800 - 5 * 3600 },
		{ "Zone X -3:00 - X\n", "R", 1483228800 + 3 * 3600 },
		{ "Zone X 5:00 - X\n", "S", 1483228800 },
		{ "Zone X 0:00:30 - X\n", "R", 1483228800 - 30 },
	};
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;
	char leap[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		snprintf(leap, sizeof leap, "Leap 2016 Dec 31 23:59:60 + %s\n",
		    c[i].rs);
		tt_compile(&r, &o, leap, c[i].zone, "X");
		tt_expect_done(&r);
		tt_tzif_decode(&t, r.out.ptr, r.out.len);
		assert_int_equal(t.v2.leapcnt, 1);
		expect_leap(&t.v2, 0, c[i].at, 1);
		tt_tzif_free(&t);
		tt_run_free(&r);
	}
}

/* Expires: version 4 and an expiry record with the last correction. */
static void
leaps_with_expires(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	compile_real(&r, &o, leap_expires, "etcetera", "Etc/UTC");
	tt_expect_nmsg(&r.d, 0);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, '4');
	assert_int_equal(t.version2, '4');
	assert_int_equal(t.v2.leapcnt, 28);
	expect_leap(&t.v2, 26, 1483228826, 27);
	expect_leap(&t.v2, 27, 1814140827, 27);	/* 2027-06-28 + 27 */
	tt_tzif_free(&t);
	tt_run_free(&r);

	o.noise = true;
	compile_real(&r, &o, leap_expires, "etcetera", "Etc/UTC");
	assert_int_equal(tt_count(&r.d, TZF_WARN, "Etc/UTC: pre-2021b "
	    "clients may mishandle leap second expiry"), 1);
	tt_run_free(&r);
}

/* -r keeps the last leap <= lo: the first record's correction is 22. */
static void
leaps_with_range(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	o.fat = true;
	o.lo_time = 1000000000;
	compile_real(&r, &o, leap_expires, "etcetera", "Etc/UTC");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, '4');
	assert_int_equal(t.v2.leapcnt, 7);
	expect_leap(&t.v2, 0, 915148821, 22);
	expect_leap(&t.v2, 6, 1814140827, 27);
	assert_int_equal(t.v1.leapcnt, 7);
	expect_leap(&t.v1, 0, 915148821, 22);
	assert_int_equal(t.v2.timecnt, 1);
	assert_int_equal(tt_time(&t.v2, 0), 1000000000);
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* truncation alone also makes version 4 */
	o.fat = false;
	o.noise = true;
	compile_real(&r, &o, leap_plain, "etcetera", "Etc/UTC");
	assert_int_equal(tt_count(&r.d, TZF_WARN, "Etc/UTC: pre-2021b "
	    "clients may mishandle leap second table truncation"), 1);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.version, '4');
	assert_int_equal(t.v2.leapcnt, 6);
	expect_leap(&t.v2, 0, 915148821, 22);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* With -L, transition times move to the leap-adjusted time scale. */
static void
leaps_shift_transitions(void **state)
{
	struct tt_run r;
	struct tt_tzif t;

	(void)state;
	compile_real(&r, NULL, leap_plain, "northamerica",
	    "America/New_York");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.timecnt, 175);
	assert_int_equal(tt_time(&t.v2, 0), INT64_C(-2717650800));
	/* 2007-03-11 07:00 UT, after 23 leap seconds */
	assert_int_equal(tt_time(&t.v2, 174), 1173596400 + 23);
	tt_tzif_free(&t);
	tt_run_free(&r);
}

/* ------------------------------------------------------------------ */
/* Limits */

/* N zone lines, line I with STDOFF and FORMAT from fn(I). */
static char *
many_lines(int n, void (*fn)(int, char *, char *))
{
	struct tzf_buf b = TZF_BUF_INIT;
	char off[32], fmt[32];
	int i;

	for (i = 0; i < n; i++) {
		fn(i, off, fmt);
		tzf_buf_printf(&b, "%s%s - %s", i == 0 ? "Zone X " : "\t", off,
		    fmt);
		if (i < n - 1)
			tzf_buf_printf(&b, " %d", 1800 + i);
		tzf_buf_puts(&b, "\n");
	}
	assert_false(b.oom);
	return b.ptr;
}

static void
distinct_abbrs(int i, char *off, char *fmt)
{
	snprintf(off, 32, "0");
	snprintf(fmt, 32, "A%c%cAA", 'A' + i / 26, 'A' + i % 26);
}

static void
distinct_offsets(int i, char *off, char *fmt)
{
	snprintf(off, 32, "0:%02d:%02d", i / 60, i % 60);
	snprintf(fmt, 32, "XYZ");
}

static void
abbreviation_bytes_limit(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tt_run r;
	struct tt_tzif t;
	char *text;

	(void)state;
	/* 42 x 6 bytes = 252: fits; -v warns about pre-2026 readers */
	o.noise = true;
	text = many_lines(42, distinct_abbrs);
	tt_compile(&r, &o, NULL, text, "X");
	free(text);
	tt_expect_done(&r);
	assert_int_equal(r.d.dg.nerr, 0);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_WARN, "in.zi", 42,
	    "X: pre-2026 reference clients mishandle more than 50 bytes of "
	    "abbreviations");
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.charcnt, 252);
	assert_int_equal(t.v2.typecnt, 42);
	tt_tzif_free(&t);
	tt_run_free(&r);

	/* 43 x 6 = 258: fatal */
	text = many_lines(43, distinct_abbrs);
	tt_compile(&r, NULL, NULL, text, "X");
	free(text);
	assert_int_equal(r.stage, TT_COMPILE);
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 43,
	    "too many, or too long, time zone abbreviations");
	tt_run_free(&r);
}

static void
type_count_limit(void **state)
{
	struct tt_run r;
	struct tt_tzif t;
	char *text;

	(void)state;
	text = many_lines(256, distinct_offsets);
	tt_compile(&r, NULL, NULL, text, "X");
	free(text);
	tt_expect_done(&r);
	tt_tzif_decode(&t, r.out.ptr, r.out.len);
	assert_int_equal(t.v2.typecnt, 256);
	assert_int_equal(t.v2.timecnt, 255);
	assert_int_equal(t.v2.charcnt, 4);
	assert_string_equal(t.footer, "XYZ-0:04:15");
	tt_tzif_free(&t);
	tt_run_free(&r);

	text = many_lines(257, distinct_offsets);
	tt_compile(&r, NULL, NULL, text, "X");
	free(text);
	assert_int_equal(r.stage, TT_COMPILE);
	assert_int_equal(r.rc, TZF_EINVAL);
	tt_expect_nmsg(&r.d, 1);
	tt_expect_msg(&r.d, 0, TZF_ERR, "in.zi", 257,
	    "too many local time types");
	tt_run_free(&r);
}

/* Our output reads back through the project's reader and re-encodes
 * to the same bytes. */
static void
round_trip_through_reader(void **state)
{
	static const struct { const char *file, *zone; } z[] = {
		{ "northamerica", "America/New_York" },
		{ "asia", "Asia/Ho_Chi_Minh" },
		{ "europe", "Europe/Dublin" },
	};
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tzf_buf enc = TZF_BUF_INIT;
	struct tzf_tzif *tz;
	struct tt_diag d;
	struct tt_run r;
	size_t i;
	int fat;

	(void)state;
	tt_diag_init(&d);
	for (fat = 0; fat < 2; fat++)
		for (i = 0; i < sizeof z / sizeof z[0]; i++) {
			o.fat = fat;
			compile_real(&r, &o, i == 0 ? leap_expires : NULL,
			    z[i].file, z[i].zone);
			assert_int_equal(tzf_tzif_parse(&tz, r.out.ptr,
			    r.out.len, z[i].zone, &d.dg), TZF_OK);
			assert_int_equal(tzf_tzif_encode(&enc, tz), TZF_OK);
			assert_int_equal(enc.len, r.out.len);
			assert_memory_equal(enc.ptr, r.out.ptr, enc.len);
			tzf_tzif_free(tz);
			tzf_buf_dispose(&enc);
			tt_run_free(&r);
		}
	tt_expect_nmsg(&d, 0);
	tt_diag_free(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abbr_suffix_reuse),
		cmocka_unit_test(abbr_in_place_replacement),
		cmocka_unit_test(abbr_256_byte_limit),
		cmocka_unit_test(ho_chi_minh_shares_lmt),
		cmocka_unit_test(slim_v1_block_is_51_bytes),
		cmocka_unit_test(fat_v1_pre_transition),
		cmocka_unit_test(fat_v1_wraps_2_pow_31),
		cmocka_unit_test(type0_swap_keeps_indicator_order),
		cmocka_unit_test(leaps_without_expires),
		cmocka_unit_test(leaps_with_expires),
		cmocka_unit_test(leaps_with_range),
		cmocka_unit_test(rolling_leap_local_midnight),
		cmocka_unit_test(leaps_shift_transitions),
		cmocka_unit_test(abbreviation_bytes_limit),
		cmocka_unit_test(type_count_limit),
		cmocka_unit_test(round_trip_through_reader),
	};

	return cmocka_run_group_tests_name("tzif_write", tests, load_leaps,
	    free_leaps);
}
