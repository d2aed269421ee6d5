/*
 * test_civil.c: cmocka tests of lib/civil.c, the library's one calendar
 * and one time grammar.  The calendar is checked against glibc's
 * gmtime_r() (an independent implementation, allowed here though banned
 * in lib/) over a wide sample, and at the ends of int64_t time where
 * glibc cannot go; the grammar against hand-computed instants.  Needs no
 * shared data.
 */
#include <stdio.h>
#include <time.h>

#include "tzf_test.h"

/* A fixed pseudo-random sequence (xorshift64), so runs are repeatable. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
check_against_gmtime(int64_t t)
{
	struct tzf_civil c;
	struct tm tm;
	time_t tt = (time_t)t;

	assert_non_null(gmtime_r(&tt, &tm));
	tzf_civil_from_secs(&c, t);
	assert_true(c.year == (int64_t)tm.tm_year + 1900);
	assert_int_equal(c.mon, tm.tm_mon + 1);
	assert_int_equal(c.mday, tm.tm_mday);
	assert_int_equal(c.hour, tm.tm_hour);
	assert_int_equal(c.min, tm.tm_min);
	assert_int_equal(c.sec, tm.tm_sec);
	assert_int_equal(c.wday, tm.tm_wday);
	assert_int_equal(c.yday, tm.tm_yday);
}

/* 200,000 instants over years -9999..9999, and every day of 1600..2400. */
static void
civil_matches_gmtime(void **state)
{
	uint64_t s = 0x9e3779b97f4a7c15u;
	int64_t lo = INT64_C(-377705116800), span = INT64_C(693595958400);
	int64_t t;
	int i;

	(void)state;
	for (i = 0; i < 200000; i++)
		check_against_gmtime(lo + (int64_t)(next_rand(&s) % (uint64_t)span));
	for (t = INT64_C(-11676096000); t < INT64_C(13569465600); t += 86400)
		check_against_gmtime(t + 86399);
}

static void
civil_roundtrip(void **state)
{
	static const int64_t v[] = { 0, -1, 86399, 951782400, -62135596800,
		-927547200, 4102444800, INT64_MIN / 2, INT64_MAX / 2 };
	struct tzf_civil c;
	int64_t back;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		tzf_civil_from_secs(&c, v[i]);
		assert_int_equal(tzf_civil_to_secs(&back, c.year, c.mon,
		    c.mday, c.hour, c.min, c.sec), TZF_OK);
		assert_true(back == v[i]);
		assert_true(tzf_civil_year(v[i]) == c.year);
	}
	assert_int_equal(tzf_civil_to_secs(&back, 2001, 2, 29, 0, 0, 0),
	    TZF_EINVAL);
	assert_int_equal(tzf_civil_to_secs(&back, 2000, 2, 29, 0, 0, 0),
	    TZF_OK);
	assert_int_equal(tzf_civil_month_days(1900, 2), 28);
	assert_int_equal(tzf_civil_month_days(2000, 2), 29);
	assert_true(tzf_civil_days(1970, 1, 1) == 0);
	assert_true(tzf_civil_days(-1, 12, 31) == INT64_C(-719529));
	/* The ends of time (a fuzz find: days * 86400 overflowed). */
	tzf_civil_from_secs(&c, INT64_MIN);
	assert_true(c.year == -292277022657 && c.mon == 1 && c.mday == 27);
	assert_true(c.hour == 8 && c.min == 29 && c.sec == 52);
	tzf_civil_from_secs(&c, INT64_MAX);
	assert_true(c.year == 292277026596 && c.mon == 12 && c.mday == 4);
	assert_true(c.hour == 15 && c.min == 30 && c.sec == 7);
}

static int64_t
parsed(const char *s, bool want_zone)
{
	int64_t t;
	bool z;

	assert_int_equal(tzf_time_parse(&t, &z, s), TZF_OK);
	assert_int_equal(z, want_zone);
	return t;
}

/* Every form of the grammar, with and without a zone. */
static void
time_grammar(void **state)
{
	(void)state;
	assert_true(parsed("1940-08-10T12:00:00Z", true) == -927547200);
	assert_true(parsed("1940-08-10t12:00:00z", true) == -927547200);
	assert_true(parsed("1940-08-10T14:00+02:00", true) == -927547200);
	assert_true(parsed("1940-08-10T14:00+0200", true) == -927547200);
	assert_true(parsed("1940-08-10T14+02", true) == -927547200);
	assert_true(parsed("1940-08-10T12:16:08+00:16:08", true) ==
	    -927547200);
	assert_true(parsed("@-927547200", true) == -927547200);
	assert_true(parsed("@+5", true) == 5);
	assert_true(parsed("2024-03-31 02:30", false) == INT64_C(1711852200));
	assert_true(parsed("1970", false) == 0);
	assert_true(parsed("1970Z", true) == 0);
	assert_true(parsed("2024-01", false) == INT64_C(1704067200));
	assert_true(parsed("2024-01-01", false) == INT64_C(1704067200));
	assert_true(parsed("2100-01-01", false) == INT64_C(4102444800));
	assert_true(parsed("1893-03-31T23:06:32Z", true) ==
	    INT64_C(-2422054408));
	assert_true(parsed("1969-12-31T23:59:59", false) == -1);
	assert_true(parsed("1969-12-31T24:00", false) == 0);
	assert_true(parsed("2000-02-29 12:00", false) == INT64_C(951825600));
	assert_true(parsed("-0001-01-01", false) == INT64_C(-62198755200));
	assert_true(parsed("10000-01-01T00:00Z", true) ==
	    INT64_C(253402300800));
}

static void
time_grammar_rejects(void **state)
{
	static const char *const bad[] = { "", "noon", "yesterday", "70",
		"1970-13-01", "1970-01-32", "2023-02-29", "1970-01-01X",
		"1970-1-01", "1970-01-01T", "1970-01-01T1", "1970-01-01T25:00",
		"1970-01-01T12:60", "1970-01-01T12:00:61", "1970-01-01T12:00+",
		"1970-01-01T12:00+2", "1970-01-01T12:00+168", "1970-01-01T12:00+01:60",
		"@", "@x", "@1x", "@99999999999999999999", "1970-01-01 12:00 Z",
		"99999999999999999999-01-01" };
	int64_t t;
	bool z;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (tzf_time_parse(&t, &z, bad[i]) != TZF_EINVAL)
			fail_msg("accepted '%s'", bad[i]);
}

/* What tzf_time_format writes tzf_time_parse reads back. */
static void
time_format_roundtrip(void **state)
{
	static const int64_t v[] = { 0, -1, -927547200, INT64_C(-62198755200),
		INT64_C(253402300800), INT64_C(-2422054408) };
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof v / sizeof *v; i++) {
		tzf_time_format(buf, sizeof buf, v[i], true);
		assert_true(parsed(buf, true) == v[i]);
	}
	tzf_time_format(buf, sizeof buf, -927547200, true);
	assert_string_equal(buf, "1940-08-10T12:00:00Z");
	tzf_time_format(buf, sizeof buf, INT64_C(-62198755200), false);
	assert_string_equal(buf, "-0001-01-01T00:00:00");
	tzf_offset_format(buf, sizeof buf, -968);
	assert_string_equal(buf, "-00:16:08");
	tzf_offset_format(buf, sizeof buf, 19800);
	assert_string_equal(buf, "+05:30");
	tzf_offset_format(buf, sizeof buf, 3208);
	assert_string_equal(buf, "+00:53:28");
	tzf_offset_format(buf, sizeof buf, 30);
	assert_string_equal(buf, "+00:00:30");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(civil_matches_gmtime),
		cmocka_unit_test(civil_roundtrip),
		cmocka_unit_test(time_grammar),
		cmocka_unit_test(time_grammar_rejects),
		cmocka_unit_test(time_format_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
