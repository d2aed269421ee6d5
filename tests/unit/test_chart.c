/*
 * test_chart.c: cmocka tests of lib/chart.c, the UT offset timeline as
 * SVG: the steps land where the time and offset axes put them, the time
 * axis ticks at round civil dates whatever the span (a century, a few
 * months, nine minutes), text is escaped, and a chart with an empty time
 * axis is refused.  Needs no shared data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tzf_test.h"

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

/* Draw one series over [FROM, UNTIL) and return the SVG in B. */
static void
draw(struct tzf_buf *b, const char *from, const char *until,
    const struct tzf_chart_step *st, size_t n)
{
	struct tzf_chart_series s = { "one <&>", st, n };
	struct tzf_chart_band band = { INT64_MIN, tt_at("1900-01-01") };
	struct tzf_chart c;

	memset(&c, 0, sizeof c);
	c.title = "Eu/\"T\"";
	c.from = tt_at(from);
	c.until = tt_at(until);
	c.series = &s;
	c.nseries = 1;
	c.bands = &band;
	c.nbands = 1;
	assert_int_equal(tzf_chart_svg(b, &c), TZF_OK);
}

static void
test_century(void **state)
{
	const struct tzf_chart_step st[] = {
		{ INT64_MIN, 3208 }, { tt_at("1893-04-01"), 3600 },
		{ tt_at("1940-04-01"), 7200 }, { tt_at("1942-11-02"), 3600 },
	};
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	draw(&b, "1880-01-01", "1980-01-01", st, 4);
	/* 720 wide, plot from x 56 to 708; offsets +00 .. +03 from y 160
	 * (bottom) to 24: +00:53:28 at 160 - 3208/10800 * 136. */
	assert_non_null(strstr(b.ptr, "<svg class=\"chart\" viewBox=\"0 0 720 "
	    "200\""));
	assert_non_null(strstr(b.ptr, "d=\"M56.0 119.6H"));
	assert_non_null(strstr(b.ptr, ">+00</text>"));
	assert_non_null(strstr(b.ptr, ">+03</text>"));
	assert_null(strstr(b.ptr, ">+04</text>"));
	/* Ticks every 20 years at 1880, 1900 ... 1960. */
	assert_non_null(strstr(b.ptr, ">1900</text>"));
	assert_non_null(strstr(b.ptr, ">1960</text>"));
	assert_null(strstr(b.ptr, ">1910</text>"));
	assert_int_equal(count(b.ptr, "<rect class=\"band\""), 1);
	/* Escaped title and legend; no script, no namespace URL. */
	assert_non_null(strstr(b.ptr, "<title>Eu/&quot;T&quot;</title>"));
	assert_non_null(strstr(b.ptr, ">one &lt;&amp;&gt;</text>"));
	assert_null(strstr(b.ptr, "http"));
	assert_null(strstr(b.ptr, "<script"));
	tzf_buf_dispose(&b);
}

static void
test_short_spans(void **state)
{
	const struct tzf_chart_step st[] = {
		{ INT64_MIN, 24406 }, { tt_at("1900-12-31T17:04:35Z"), 24925 },
	};
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	/* Months: ticks at the first of a month. */
	draw(&b, "1940-02-10", "1940-09-20", st, 2);
	assert_non_null(strstr(b.ptr, ">1940-03</text>"));
	assert_non_null(strstr(b.ptr, ">1940-09</text>"));
	tzf_buf_dispose(&b);
	/* Nine minutes (Kuala Lumpur's 1901): ticks every minute or two. */
	draw(&b, "1900-12-31T17:04:00Z", "1900-12-31T17:14:00Z", st, 2);
	assert_non_null(strstr(b.ptr, ">1900-12-31 17:05</text>"));
	assert_non_null(strstr(b.ptr, "+06</text>"));
	assert_non_null(strstr(b.ptr, "+07</text>"));
	tzf_buf_dispose(&b);
}

static void
test_refused(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_chart c;

	(void)state;
	memset(&c, 0, sizeof c);
	c.from = c.until = 0;
	assert_int_equal(tzf_chart_svg(&b, &c), TZF_EINVAL);
	assert_int_equal(b.len, 0);
	tzf_buf_dispose(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_century),
		cmocka_unit_test(test_short_spans),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
