/*
 * test_parse.c: unit tests of the zic input parser (lib/parse.c).
 *
 * Every syntax form of docs/zic.md section 3 and every diagnostic it
 * lists, each checked for its exact text, file, line and severity, and
 * for whether it stops the run (tzf_db_parse() returns TZF_EINVAL: zic
 * exits at once) or is only counted (zic reads on, then exits 1 before
 * writing anything; docs/zic.md section 6.2).  Then zic's associate step
 * (rule sets versus fixed SAVE amounts) and the leap-second file.  The
 * parsed model (lib/model.h) is inspected directly, so that a form that
 * parses to the wrong value fails as surely as a wrong message.
 */
#include "tzf_test.h"
#include "model.h"

struct fx {
	struct tzf_zic_opts o;
	struct tzf_db *db;
	struct tt_diag d;
};

static int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	if (f == NULL)
		return -1;
	f->o = (struct tzf_zic_opts)TZF_ZIC_OPTS_INIT;
	tt_diag_init(&f->d);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;

	tzf_db_free(f->db);
	tt_diag_free(&f->d);
	free(f);
	return 0;
}

/* The fixture's db, made on first use with the options set so far. */
static struct tzf_db *
fx_db(struct fx *f)
{
	if (f->db == NULL)
		assert_int_equal(tzf_db_new(&f->db, &f->o, &f->d.dg), TZF_OK);
	return f->db;
}

static int
parse_len(struct fx *f, const char *name, const char *text, size_t len,
    bool leapfile)
{
	return tzf_db_parse(fx_db(f), name, text, len, leapfile);
}

static int
parse_as(struct fx *f, const char *name, const char *text)
{
	return parse_len(f, name, text, strlen(text), false);
}

static int
parse(struct fx *f, const char *text)
{
	return parse_as(f, "in.zi", text);
}

static int
parse_leap(struct fx *f, const char *text)
{
	return parse_len(f, "leapseconds", text, strlen(text), true);
}

static const struct tzf_rule *
rule(struct fx *f, size_t i)
{
	assert_in_range(i, 0, f->db->nrules - 1);
	return &f->db->rules[i];
}

static const struct tzf_zline *
zline(struct fx *f, size_t i)
{
	assert_in_range(i, 0, f->db->nzlines - 1);
	return &f->db->zlines[i];
}

/* The first line of zone NAME. */
static const struct tzf_zline *
zone(struct fx *f, const char *name)
{
	size_t i = tt_zone_index(f->db, name);

	if (i == (size_t)-1) {
		print_error("no zone %s\n", name);
		fail();
	}
	return &f->db->zlines[f->db->zones[i].first];
}

#define E(i, line, text) \
	tt_expect_msg(&f->d, (i), TZF_SEV_ERR, "in.zi", (line), (text))
#define W(i, line, text) \
	tt_expect_msg(&f->d, (i), TZF_SEV_WARN, "in.zi", (line), (text))
#define LE(i, line, text) \
	tt_expect_msg(&f->d, (i), TZF_SEV_ERR, "leapseconds", (line), (text))
#define NMSG(n) tt_expect_nmsg(&f->d, (n))

/* ------------------------------------------------------------------ */
/* Line types */

static void
line_keywords_unique_prefixes(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "R r 2000 o - Ja 1 0 0 -\n"
	    "Ru r 2001 o - Ja 1 0 0 -\n"
	    "rULE r 2002 o - Ja 1 0 0 -\n"
	    "Z A 0 - A\n"
	    "Zo B 0 - B\n"
	    "zOnE C 0 - C\n"
	    "L A D\n"
	    "Li A E\n"
	    "LINK A F\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->nrules, 3);
	assert_int_equal(rule(f, 2)->loyear, 2002);
	assert_int_equal(tzf_db_nzones(f->db), 3);
	assert_string_equal(tzf_db_zone_name(f->db, 2), "C");
	assert_int_equal(f->db->nlinks, 3);
	assert_string_equal(f->db->links[0].target, "A");
	assert_string_equal(f->db->links[0].linkname, "D");
	assert_string_equal(f->db->links[2].linkname, "F");
	assert_int_equal(f->db->links[2].line, 9);
}

static void
line_unknown_type(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "LinkX A B\n"
	    "Leap 2016 Dec 31 23:59:60 + S\n"
	    "Expires 2027 Jun 28 00:00:00\n"
	    "- A B\n"			/* "" prefixes all three */
	    "Zones A 0 - A\n"
	    "\"\" A B\n"
	    "Zone A 0 - A\n"), TZF_OK);
	NMSG(6);
	E(0, 1, "input line of unknown type");
	E(1, 2, "input line of unknown type");
	E(2, 3, "input line of unknown type");
	E(3, 4, "input line of unknown type");
	E(4, 5, "input line of unknown type");
	E(5, 6, "input line of unknown type");
	assert_int_equal(f->d.dg.nerr, 6);
	assert_int_equal(tzf_db_nzones(f->db), 1);
	assert_int_equal(f->db->nleaps, 0);
}

static void
leapfile_line_types(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "Zone A 0 - A\n"
	    "L 1972 Jun 30 23:59:60 + S\n"
	    "Le 1973 Dec 31 23:59:60 + S\n"
	    "E 2027 Jun 28 00:00:00\n"
	    "Rule r 2000 o - Ja 1 0 0 -\n"
	    "Link A B\n"), TZF_OK);
	NMSG(3);
	LE(0, 1, "input line of unknown type");
	LE(1, 5, "input line of unknown type");
	LE(2, 6, "input line of unknown type");
	assert_int_equal(f->db->nleaps, 2);
	assert_int_equal(f->db->leaps[0].trans, 78796800);
	assert_int_equal(f->db->leaps[1].trans, 126230400);
	assert_int_equal(f->db->leapexpires, 1814140800);
	assert_int_equal(tzf_db_nzones(f->db), 0);
	assert_int_equal(f->db->nrules, 0);
}

/* ------------------------------------------------------------------ */
/* Months and weekdays */

static void
months_prefixes(void **state)
{
	static const struct { const char *in; int month; } m[] = {
		{ "Ja", 0 }, { "F", 1 }, { "Mar", 2 }, { "Ap", 3 },
		{ "May", 4 }, { "Jun", 5 }, { "Jul", 6 }, { "Au", 7 },
		{ "S", 8 }, { "O", 9 }, { "N", 10 }, { "D", 11 },
		{ "JANUARY", 0 }, { "sep", 8 }, { "dEcEmBeR", 11 },
		{ "march", 2 },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof m / sizeof m[0]; i++)
		tzf_buf_printf(&b, "Rule r 2000 o - %s 1 0 0 -\n", m[i].in);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(0);
	assert_int_equal(f->db->nrules, sizeof m / sizeof m[0]);
	for (i = 0; i < sizeof m / sizeof m[0]; i++)
		assert_int_equal(rule(f, i)->month, m[i].month);
}

static void
months_ambiguous(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Ma 1 0 0 -\n"	/* March, May */
	    "Rule r 2000 o - Ju 1 0 0 -\n"	/* June, July */
	    "Rule r 2000 o - j 1 0 0 -\n"
	    "Rule r 2000 o - M 1 0 0 -\n"
	    "Rule r 2000 o - Jan. 1 0 0 -\n"
	    "Rule r 2000 o - - 1 0 0 -\n"),	/* "" prefixes all */
	    TZF_OK);
	NMSG(6);
	E(0, 1, "invalid month name");
	E(1, 2, "invalid month name");
	E(2, 3, "invalid month name");
	E(3, 4, "invalid month name");
	E(4, 5, "invalid month name");
	E(5, 6, "invalid month name");
	assert_int_equal(f->db->nrules, 0);
}

static void
weekdays_prefixes(void **state)
{
	static const struct { const char *on; int wday; int dc; } w[] = {
		{ "Su>=1", 0, TZF_DC_DOWGEQ }, { "M>=1", 1, TZF_DC_DOWGEQ },
		{ "Tu>=1", 2, TZF_DC_DOWGEQ }, { "W>=1", 3, TZF_DC_DOWGEQ },
		{ "Th>=1", 4, TZF_DC_DOWGEQ }, { "F>=1", 5, TZF_DC_DOWGEQ },
		{ "Sa>=1", 6, TZF_DC_DOWGEQ },
		{ "sunday<=7", 0, TZF_DC_DOWLEQ },
		{ "SATURDAY>=2", 6, TZF_DC_DOWGEQ },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		tzf_buf_printf(&b, "Rule r 2000 o - Jan %s 0 0 -\n", w[i].on);
	tzf_buf_puts(&b,
	    "Rule r 2000 o - Jan S>=1 0 0 -\n"
	    "Rule r 2000 o - Jan T>=1 0 0 -\n"
	    "Rule r 2000 o - Jan Xy>=1 0 0 -\n"
	    "Rule r 2000 o - Jan <=1 0 0 -\n");
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(4);
	for (i = 0; i < 4; i++)
		E((int)i, 10 + (long)i, "invalid weekday name");
	assert_int_equal(f->db->nrules, sizeof w / sizeof w[0]);
	for (i = 0; i < sizeof w / sizeof w[0]; i++) {
		assert_int_equal(rule(f, i)->wday, w[i].wday);
		assert_int_equal(rule(f, i)->dycode, w[i].dc);
	}
	assert_int_equal(rule(f, 7)->dayofmonth, 7);
	assert_int_equal(rule(f, 8)->dayofmonth, 2);
}

/* -v: abbreviations that matched several words under pre-2017c rules. */
static void
weekdays_ambiguous_pre2017c(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan Sa>=1 0 0 -\n"
	    "Rule r 2000 o - Jan Su>=1 0 0 -\n"
	    "Rule r 2000 o - Jan Tu>=1 0 0 -\n"
	    "Rule r 2000 o - Jan Th>=1 0 0 -\n"
	    "Rule r 2000 o - Jan M>=1 0 0 -\n"
	    "Rule r 2000 o - Jan Sat>=1 0 0 -\n"), TZF_OK);
	NMSG(3);
	W(0, 1, "\"Sa\" is ambiguous in pre-2017c zic");
	W(1, 2, "\"Su\" is ambiguous in pre-2017c zic");
	W(2, 3, "\"Tu\" is ambiguous in pre-2017c zic");
	assert_int_equal(f->db->nrules, 6);
	assert_int_equal(f->d.dg.nerr, 0);
}

/* ------------------------------------------------------------------ */
/* The ON field */

static void
on_last_forms(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Mar lastSun 0 0 -\n"
	    "Rule r 2000 o - Feb lastsa 0 0 -\n"
	    "Rule r 2000 o - Apr LASTSUN 0 0 -\n"
	    "Rule r 2000 o - Mar lastSu 0 0 -\n"
	    "Rule r 2000 o - Mar last-Sunday 0 0 -\n"
	    "Rule r 2000 o - Mar last-sat 0 0 -\n"
	    "Rule r 2000 o - Mar last 0 0 -\n"
	    "Rule r 2000 o - Mar lastFoo 0 0 -\n"
	    "Rule r 2000 o - Mar last-Foo 0 0 -\n"), TZF_OK);
	NMSG(6);
	W(0, 5, "\"last-Sunday\" is undocumented; use \"lastSunday\" "
	    "instead");
	W(1, 6, "\"last-sat\" is undocumented; use \"lastsat\" instead");
	E(2, 7, "invalid day of month");
	E(3, 8, "invalid day of month");
	W(4, 9, "\"last-Foo\" is undocumented; use \"lastFoo\" instead");
	E(5, 9, "invalid day of month");
	assert_int_equal(f->db->nrules, 6);
	assert_int_equal(rule(f, 0)->dycode, TZF_DC_DOWLEQ);
	assert_int_equal(rule(f, 0)->wday, 0);
	assert_int_equal(rule(f, 0)->dayofmonth, 31);
	/* Feb counts 29 days: the length in a leap year */
	assert_int_equal(rule(f, 1)->wday, 6);
	assert_int_equal(rule(f, 1)->dayofmonth, 29);
	assert_int_equal(rule(f, 2)->dayofmonth, 30);
	assert_int_equal(rule(f, 3)->wday, 0);
	assert_int_equal(rule(f, 4)->dycode, TZF_DC_DOWLEQ);
	assert_int_equal(rule(f, 4)->wday, 0);
	assert_int_equal(rule(f, 5)->wday, 6);
}

static void
on_geq_leq(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Apr Sun>=8 0 0 -\n"
	    "Rule r 2000 o - Mar Sat<=25 0 0 -\n"
	    "Rule r 2000 o - Mar Fri>=23 0 0 -\n"
	    "Rule r 2000 o - Oct Thu<=31 0 0 -\n"
	    "Rule r 2000 o - Apr 30 0 0 -\n"
	    "Rule r 2000 o - Feb 29 0 0 -\n"
	    "Rule r 2000 o - Feb Sun>=29 0 0 -\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(rule(f, 0)->dycode, TZF_DC_DOWGEQ);
	assert_int_equal(rule(f, 0)->dayofmonth, 8);
	assert_int_equal(rule(f, 0)->wday, 0);
	assert_int_equal(rule(f, 1)->dycode, TZF_DC_DOWLEQ);
	assert_int_equal(rule(f, 1)->dayofmonth, 25);
	assert_int_equal(rule(f, 1)->wday, 6);
	assert_int_equal(rule(f, 2)->wday, 5);
	assert_int_equal(rule(f, 3)->wday, 4);
	assert_int_equal(rule(f, 4)->dycode, TZF_DC_DOM);
	assert_int_equal(rule(f, 4)->dayofmonth, 30);
	assert_int_equal(rule(f, 5)->dayofmonth, 29);
	assert_int_equal(rule(f, 6)->dayofmonth, 29);
}

static void
on_bad_days(void **state)
{
	struct fx *f = *state;
	int i;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan Sun>8 0 0 -\n"
	    "Rule r 2000 o - Apr 31 0 0 -\n"
	    "Rule r 2000 o - Feb 30 0 0 -\n"
	    "Rule r 2000 o - Jan 0 0 0 -\n"
	    "Rule r 2000 o - Jan 32 0 0 -\n"
	    "Rule r 2000 o - Jan Sun>=32 0 0 -\n"
	    "Rule r 2000 o - Jan Sun>=0 0 0 -\n"
	    "Rule r 2000 o - Jan 1x 0 0 -\n"
	    "Rule r 2000 o - Jan Sun<8 0 0 -\n"
	    "Rule r 2000 o - Apr Sun<=31 0 0 -\n"), TZF_OK);
	NMSG(10);
	for (i = 0; i < 10; i++)
		E(i, i + 1, "invalid day of month");
	assert_int_equal(f->db->nrules, 0);
}

/* ------------------------------------------------------------------ */
/* FROM and TO */

static void
years_from_to(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r min 2000 - Jan 1 0 0 -\n"
	    "Rule r mi max - Jan 1 0 0 -\n"
	    "Rule r minimum ma - Jan 1 0 0 -\n"
	    "Rule r m o - Jan 1 0 0 -\n"
	    "Rule r 2000 only - Jan 1 0 0 -\n"
	    "Rule r 2000 maximum - Jan 1 0 0 -\n"
	    "Rule r -5 o - Jan 1 0 0 -\n"
	    "Rule r 0002000 2010 - Jan 1 0 0 -\n"
	    "Rule r +2000 m - Jan 1 0 0 -\n"), TZF_OK);
	NMSG(4);
	W(0, 1, "FROM year \"min\" is obsolete; treated as 1900");
	W(1, 2, "FROM year \"mi\" is obsolete; treated as 1900");
	W(2, 3, "FROM year \"minimum\" is obsolete; treated as 1900");
	W(3, 4, "FROM year \"m\" is obsolete; treated as 1900");
	assert_int_equal(f->db->nrules, 9);
	assert_int_equal(rule(f, 0)->loyear, 1900);
	assert_int_equal(rule(f, 0)->hiyear, 2000);
	assert_true(rule(f, 0)->hiwasnum);
	assert_int_equal(rule(f, 1)->hiyear, INT64_MAX);
	assert_false(rule(f, 1)->hiwasnum);
	assert_int_equal(rule(f, 2)->hiyear, INT64_MAX);
	assert_int_equal(rule(f, 3)->hiyear, 1900);
	assert_false(rule(f, 3)->hiwasnum);
	assert_int_equal(rule(f, 4)->loyear, 2000);
	assert_int_equal(rule(f, 4)->hiyear, 2000);
	assert_false(rule(f, 4)->hiwasnum);
	assert_int_equal(rule(f, 5)->hiyear, INT64_MAX);
	assert_int_equal(rule(f, 6)->loyear, -5);
	assert_int_equal(rule(f, 6)->hiyear, -5);
	assert_int_equal(rule(f, 7)->loyear, 2000);	/* not octal */
	assert_int_equal(rule(f, 7)->hiyear, 2010);
	assert_true(rule(f, 7)->hiwasnum);
	assert_int_equal(rule(f, 8)->loyear, 2000);
	assert_int_equal(rule(f, 8)->hiyear, INT64_MAX);	/* m: maximum */
}

static void
years_errors(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r max 2001 - Jan 1 0 0 -\n"
	    "Rule r 2000x 2001 - Jan 1 0 0 -\n"
	    "Rule r 2000 2001x - Jan 1 0 0 -\n"
	    "Rule r 2000 mi - Jan 1 0 0 -\n"
	    "Rule r 2001 2000 - Jan 1 0 0 -\n"
	    "Rule r 2000 o X Jan 1 0 0 -\n"
	    "Rule r 0x7d0 o - Jan 1 0 0 -\n"), TZF_OK);
	NMSG(7);
	E(0, 1, "invalid starting year");
	E(1, 2, "invalid starting year");
	E(2, 3, "invalid ending year");
	E(3, 4, "invalid ending year");
	E(4, 5, "starting year greater than ending year");
	E(5, 6, "year type \"X\" is unsupported; use \"-\" instead");
	E(6, 7, "invalid starting year");
	assert_int_equal(f->db->nrules, 0);
	assert_int_equal(f->d.dg.nerr, 7);
}

/* ------------------------------------------------------------------ */
/* Times (docs/zic.md section 3.6) */

static void
times_forms(void **state)
{
	static const struct { const char *at; int64_t tod; } t[] = {
		{ "24:00", 86400 }, { "25:00", 90000 }, { "-1:00", -3600 },
		{ "0:30", 1800 }, { "2", 7200 }, { "-", 0 },
		{ "1:00:30", 3630 }, { "167:59:59", 604799 },
		{ "0:0:60", 60 }, { "08:09", 29340 }, { "1:+30", 5400 },
		{ "+1", 3600 }, { "+1:+30:+15", 5415 }, { "-0:30", -1800 },
		{ "-+1", -3600 }, { "\"\"", 0 },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		tzf_buf_printf(&b, "Rule r 2000 o - Jan 1 %s 0 -\n", t[i].at);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(0);
	assert_int_equal(f->db->nrules, sizeof t / sizeof t[0]);
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_int_equal(rule(f, i)->tod, t[i].tod);
}

/* -v warns for times above 24:00, but not for exactly 24:00. */
static void
times_over_24h_noise(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan 1 24:00 0 -\n"
	    "Rule r 2000 o - Jan 1 24:00:00 0 -\n"
	    "Rule r 2000 o - Jan 1 24:00:01 0 -\n"
	    "Rule r 2000 o - Jan 1 25:00 0 -\n"
	    "Rule r 2000 o - Jan 1 -25:00 0 -\n"
	    "Rule r 2000 o - Jan 1 23:59:60 0 -\n"), TZF_OK);
	NMSG(3);
	W(0, 3, "values over 24 hours not handled by pre-2007 versions of "
	    "zic");
	W(1, 4, "values over 24 hours not handled by pre-2007 versions of "
	    "zic");
	W(2, 5, "values over 24 hours not handled by pre-2007 versions of "
	    "zic");
	assert_int_equal(rule(f, 4)->tod, -90000);
	assert_int_equal(rule(f, 5)->tod, 86400);
}

/*
 * Bad times: "STRING: invalid UT offset", the string shown after its
 * leading '-' was stripped (docs/zic.md 3.6, verified).  The line is
 * kept, with offset 0.
 */
static void
times_errors(void **state)
{
	static const struct { const char *in, *msg; } t[] = {
		{ "-1:-30", "1:-30: invalid UT offset" },
		{ "1:60", "1:60: invalid UT offset" },
		{ "0:0:61", "0:0:61: invalid UT offset" },
		{ "0x10", "0x10: invalid UT offset" },
		{ "1.5", "1.5: invalid UT offset" },
		{ "1:30.5", "1:30.5: invalid UT offset" },
		{ "0:00:00.", "0:00:00.: invalid UT offset" },
		{ "--1", "-1: invalid UT offset" },
		{ "1:2:3:4", "1:2:3:4: invalid UT offset" },
		{ "1h", "1h: invalid UT offset" },
		{ "1:", "1:: invalid UT offset" },
		{ "1:00:-1", "1:00:-1: invalid UT offset" },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i, n = sizeof t / sizeof t[0];

	for (i = 0; i < n; i++)
		tzf_buf_printf(&b, "Zone Z%zu %s - Z\n", i, t[i].in);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG((int)n);
	for (i = 0; i < n; i++)
		E((int)i, (long)i + 1, t[i].msg);
	assert_int_equal(tzf_db_nzones(f->db), n);
	for (i = 0; i < n; i++)
		assert_int_equal(zline(f, i)->stdoff, 0);
}

/* The other contexts of a bad time name themselves. */
static void
times_errors_contexts(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan 1 2:00x 0 -\n"
	    "Rule r 2000 o - Jan 1 2:00us 0 -\n"
	    "Rule r 2000 o - Jan 1 0 1:00x -\n"
	    "Rule r 2000 o - Jan 1 0 -1:00D -\n"
	    "Rule r 2000 o - Foo 1 0 x -\n"), TZF_OK);
	NMSG(6);
	E(0, 1, "2:00x: invalid time of day");
	E(1, 2, "2:00u: invalid time of day");	/* one suffix only */
	E(2, 3, "1:00x: invalid saved time");
	E(3, 4, "1:00D: invalid saved time");	/* 'd' is case-sensitive */
	E(4, 5, "x: invalid saved time");	/* SAVE is read first */
	E(5, 5, "invalid month name");
	/* bad times leave the rule in, with 0 */
	assert_int_equal(f->db->nrules, 4);
	assert_int_equal(rule(f, 0)->tod, 0);
	assert_int_equal(rule(f, 2)->save, 0);
	assert_false(rule(f, 2)->isdst);
}

static void
times_overflow_is_fatal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 640511947003803 - A\n"
	    "Zone B -640511947003803 - B\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(zone(f, "A")->stdoff, INT64_C(2305843009213690800));
	assert_int_equal(zone(f, "B")->stdoff, -INT64_C(2305843009213690800));

	/* 4 * r must fit in 64 bits */
	assert_int_equal(parse_as(f, "b.zi",
	    "Zone C 640511947003804 - C\n"
	    "Zone D 0 - D\n"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 1, "time overflow");
	assert_int_equal(tzf_db_nzones(f->db), 2);	/* D never read */

	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "c.zi",
	    "\n"
	    "Zone E -2562047788015215:30:08 - LMT\n"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "c.zi", 2, "time overflow");

	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "d.zi",
	    "Rule r 2000 o - Jan 1 99999999999999999999 0 -\n"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "d.zi", 1, "time overflow");
	assert_int_equal(f->db->nrules, 0);
}

/* Fractional seconds: docs/zic.md 3.6 rounding, all verified cases. */
static void
fractions_rounding(void **state)
{
	static const struct { const char *in; int64_t secs; } t[] = {
		{ "0:00:00.5", 0 },		/* exact half: to even */
		{ "0:00:01.5", 2 },
		{ "0:00:02.5", 2 },
		{ "0:00:00.51", 0 },		/* 2nd digit not examined */
		{ "0:00:00.5x", 0 },		/* ... nor validated */
		{ "0:00:01.5x", 2 },
		{ "0:00:00.50001", 1 },		/* digit after a 0 run */
		{ "0:00:00.5001x", 1 },
		{ "0:00:00.500", 0 },
		{ "0:00:01.500", 2 },
		{ "0:00:00.6", 1 },
		{ "0:00:00.4999", 0 },
		{ "-0:00:00.6", -1 },		/* by magnitude */
		{ "-0:00:01.5", -2 },
		{ "0:29:45.500", 1786 },	/* vanguard Zurich-style */
		{ "-4:16:48.25", -15408 },
		{ "0:19:32.13", 1172 },
		{ "0:00:59.9", 60 },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i, n = sizeof t / sizeof t[0];

	for (i = 0; i < n; i++)
		tzf_buf_printf(&b, "Zone Z%zu %s - Z\n", i, t[i].in);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(0);
	for (i = 0; i < n; i++) {
		if (zline(f, i)->stdoff != t[i].secs)
			print_error("%s\n", t[i].in);
		assert_int_equal(zline(f, i)->stdoff, t[i].secs);
	}
}

static void
fractions_bad(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Zone A 0:00:00.500x - A\n"
	    "Zone B 0:00:00.50012x - B\n"
	    "Zone C 0:00:00.x - C\n"
	    "Zone D 0:00:00.5 - D\n"
	    "Zone E 0:00:01 - E\n"), TZF_OK);
	NMSG(4);
	E(0, 1, "0:00:00.500x: invalid UT offset");
	E(1, 2, "0:00:00.50012x: invalid UT offset");
	E(2, 3, "0:00:00.x: invalid UT offset");
	W(3, 4, "fractional seconds rejected by pre-2018 versions of zic");
}

static void
at_suffixes(void **state)
{
	static const struct {
		const char *at;
		int64_t tod;
		bool std, ut;
	} t[] = {
		{ "2:00", 7200, false, false }, { "2:00w", 7200, false, false },
		{ "2:00s", 7200, true, false }, { "2:00u", 7200, true, true },
		{ "2:00g", 7200, true, true }, { "2:00z", 7200, true, true },
		{ "2:00S", 7200, true, false }, { "2:00U", 7200, true, true },
		{ "2:00W", 7200, false, false }, { "u", 0, true, true },
		{ "-2:00u", -7200, true, true },
		{ "25:00s", 90000, true, false },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i, n = sizeof t / sizeof t[0];

	for (i = 0; i < n; i++)
		tzf_buf_printf(&b, "Rule r 2000 o - Jan 1 %s 0 -\n", t[i].at);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(0);
	for (i = 0; i < n; i++) {
		assert_int_equal(rule(f, i)->tod, t[i].tod);
		assert_int_equal(rule(f, i)->todisstd, t[i].std);
		assert_int_equal(rule(f, i)->todisut, t[i].ut);
	}
}

static void
save_forms(void **state)
{
	static const struct { const char *save; int64_t v; bool dst; } t[] = {
		{ "-1:00", -3600, true }, { "0d", 0, true },
		{ "1:00s", 3600, false }, { "0", 0, false },
		{ "-", 0, false }, { "1:00d", 3600, true },
		{ "0:30", 1800, true }, { "2:00", 7200, true },
		{ "-0:30s", -1800, false }, { "0s", 0, false },
		{ "d", 0, true },
	};
	struct fx *f = *state;
	struct tzf_buf b = TZF_BUF_INIT;
	size_t i, n = sizeof t / sizeof t[0];

	for (i = 0; i < n; i++)
		tzf_buf_printf(&b, "Rule r 2000 o - Jan 1 0 %s S\n", t[i].save);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	tzf_buf_dispose(&b);
	NMSG(0);
	for (i = 0; i < n; i++) {
		assert_int_equal(rule(f, i)->save, t[i].v);
		assert_int_equal(rule(f, i)->isdst, t[i].dst);
		assert_string_equal(rule(f, i)->abbrvar, "S");
	}
}

/* ------------------------------------------------------------------ */
/* FORMAT */

static void
format_forms(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - %s\n"
	    "Zone B 0 - %z\n"
	    "Zone C 0 - A/B\n"
	    "Zone D 0 - \"\"\n"
	    "Zone E 0 - X%sY\n"
	    "Zone F 0 - UT%z\n"
	    "Zone G 0 - GMT\n"), TZF_OK);
	NMSG(0);
	assert_string_equal(zone(f, "A")->format, "%s");
	assert_int_equal(zone(f, "A")->format_spec, 's');
	assert_string_equal(zone(f, "B")->format, "%s");	/* rewritten */
	assert_int_equal(zone(f, "B")->format_spec, 'z');
	assert_string_equal(zone(f, "C")->format, "A/B");
	assert_int_equal(zone(f, "C")->format_spec, 0);
	assert_string_equal(zone(f, "D")->format, "");
	assert_int_equal(zone(f, "E")->format_spec, 's');
	assert_string_equal(zone(f, "F")->format, "UT%s");
	assert_int_equal(zone(f, "F")->format_spec, 'z');
	assert_int_equal(zone(f, "G")->format_spec, 0);
}

/* A bad FORMAT drops the zone line, so its continuation is orphaned. */
static void
format_bad(void **state)
{
	struct fx *f = *state;
	int i;

	assert_int_equal(parse(f,
	    "Zone A 0 - %%\n"
	    "Zone B 0 - %s/x\n"
	    "Zone C 0 - %d\n"
	    "Zone D 0 - A%sB%s\n"
	    "Zone E 0 - A%\n"
	    "Zone F 0 - A/%s\n"
	    "Zone G 0 - %z/x\n"
	    "Zone H 0 - %d 2000\n"
	    "\t1 - H\n"
	    "Zone I 0 - I\n"), TZF_OK);
	NMSG(9);
	for (i = 0; i < 8; i++)
		E(i, i + 1, "invalid abbreviation format");
	E(8, 9, "input line of unknown type");
	assert_int_equal(tzf_db_nzones(f->db), 1);
	assert_string_equal(tzf_db_zone_name(f->db, 0), "I");
}

static void
format_z_noise(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Zone A 0 - %z\n"
	    "Zone B 0 - UT%z\n"
	    "Zone C 0 - %s\n"), TZF_OK);
	NMSG(2);
	W(0, 1, "format '%z' not handled by pre-2015 versions of zic");
	W(1, 2, "format 'UT%z' not handled by pre-2015 versions of zic");
	assert_string_equal(zone(f, "B")->format, "UT%s");
}

/* ------------------------------------------------------------------ */
/* Fields: quotes, "-", comments, white space */

static void
quoted_fields(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone U\"T\"C 0 - \"A B\"\n"
	    "Zone X 0 - \"\"\n"
	    "Zone \"Y#1\" 0 - Y\n"
	    "Zone \"Z\" \"1\" \"-\" \"Z\"\n"
	    "Zone W 0 - W\"#\"X # comment\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_nzones(f->db), 5);
	assert_string_equal(zone(f, "UTC")->format, "A B");
	assert_string_equal(zone(f, "X")->format, "");
	assert_string_equal(zone(f, "Y#1")->format, "Y");
	assert_string_equal(zone(f, "Z")->rule, "");	/* "-" quoted */
	assert_int_equal(zone(f, "Z")->stdoff, 3600);
	assert_string_equal(zone(f, "W")->format, "W#X");
}

static void
quotes_odd_is_fatal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A\n"
	    "Zone \"B 0 - B\n"
	    "Zone C 0 - C\n"), TZF_EINVAL);
	NMSG(1);
	E(0, 2, "Odd number of quotation marks");
	assert_int_equal(tzf_db_nzones(f->db), 1);
}

static void
dash_fields_are_empty(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan 1 - - -\n"
	    "Zone A - r %s\n"
	    "Zone B 0 - B\n"
	    "Zone C 0 -- C\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(rule(f, 0)->tod, 0);
	assert_int_equal(rule(f, 0)->save, 0);
	assert_false(rule(f, 0)->isdst);
	assert_string_equal(rule(f, 0)->abbrvar, "");
	assert_int_equal(zone(f, "A")->stdoff, 0);
	assert_string_equal(zone(f, "B")->rule, "");
	assert_string_equal(zone(f, "C")->rule, "--");
}

static void
comments_and_blank_lines(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "# leading comment\n"
	    "      \n"
	    "\t# indented comment\n"
	    "Zone A 0 - A # trailing comment\n"
	    "Zone B 0 - B#glued\n"
	    "Rule r 2000 o - Jan 1 0 0 S # a b c d e f g h i j k\n"
	    "\n"), TZF_OK);
	NMSG(0);
	assert_string_equal(zone(f, "A")->format, "A");
	assert_int_equal(zone(f, "A")->line, 4);
	assert_string_equal(zone(f, "B")->format, "B");
	assert_int_equal(zone(f, "B")->line, 5);
	assert_string_equal(rule(f, 0)->abbrvar, "S");
	assert_int_equal(rule(f, 0)->line, 6);
}

static void
crlf_and_c_locale_space(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 1 - A 2000\r\n"
	    "\t2 - B\r\n"
	    "\r\n"
	    "Zone C 0 - C\r\n"
	    "Zone\vD\f0\t-\tD \r\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->nzlines, 4);
	assert_string_equal(zline(f, 0)->format, "A");
	assert_int_equal(zline(f, 0)->stdoff, 3600);
	assert_string_equal(zline(f, 1)->format, "B");
	assert_int_equal(zline(f, 1)->stdoff, 7200);
	assert_int_equal(zone(f, "C")->line, 4);
	assert_string_equal(zone(f, "D")->format, "D");
}

/* ------------------------------------------------------------------ */
/* Field counts and physical lines */

static void
field_counts(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule r 2000 o - Jan 1 0 0\n"
	    "Zone A 0 -\n"
	    "Zone B 0 - B 2000 Jan 1 0 x\n"
	    "Link A\n"
	    "Link A B C\n"
	    "Zone C 0 - C 2000\n"
	    "\t0 -\n"
	    "Zone D 0 - D 2000\n"
	    "\t0 - D 2001 Jan 1 0 x\n"
	    "Zone E 0 - E\n"
	    "Rule r 2000 o - Jan 1 0 0 - # ten fields\n"), TZF_OK);
	NMSG(7);
	E(0, 1, "wrong number of fields on Rule line");
	E(1, 2, "wrong number of fields on Zone line");
	E(2, 3, "wrong number of fields on Zone line");
	E(3, 4, "wrong number of fields on Link line");
	E(4, 5, "wrong number of fields on Link line");
	E(5, 7, "wrong number of fields on Zone continuation line");
	E(6, 9, "wrong number of fields on Zone continuation line");
	assert_int_equal(tzf_db_nzones(f->db), 3);	/* C, D, E */
	assert_int_equal(f->db->nzlines, 3);
	assert_int_equal(f->db->nrules, 1);
	assert_int_equal(f->db->nlinks, 0);

	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 +\n"
	    "Expires 2027 Jun 28\n"
	    "Leap 1972 Jun 30 23:59:60 + S x\n"
	    "Expires 2027 Jun 28 00:00:00 x\n"), TZF_OK);
	NMSG(11);
	LE(7, 1, "wrong number of fields on Leap line");
	LE(8, 2, "wrong number of fields on Expires line");
	LE(9, 3, "wrong number of fields on Leap line");
	LE(10, 4, "wrong number of fields on Expires line");
	assert_int_equal(f->db->nleaps, 0);
	assert_true(f->db->leapexpires < 0);
}

static void
too_many_fields_is_fatal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A\n"
	    "Rule r 2000 o - Jan 1 0 0 S x\n"
	    "Zone B 0 - B\n"), TZF_EINVAL);
	NMSG(1);
	E(0, 2, "Too many input fields");
	assert_int_equal(tzf_db_nzones(f->db), 1);
	assert_int_equal(f->db->nrules, 0);
}

/* zic's line buffer holds 2047 bytes plus the newline. */
static void
line_length_limit(void **state)
{
	struct fx *f = *state;
	char line[2100];
	struct tzf_buf b = TZF_BUF_INIT;

	/* a 2047-byte comment, then a 2047-byte zone line */
	memset(line, 'x', sizeof line);
	line[0] = '#';
	line[2047] = '\0';
	tzf_buf_printf(&b, "%s\n", line);
	memset(line, ' ', sizeof line);
	memcpy(line, "Zone A 0 - A", 12);
	line[2047] = '\0';
	tzf_buf_printf(&b, "%s\n", line);
	assert_int_equal(parse(f, b.ptr), TZF_OK);
	NMSG(0);
	assert_int_equal(zone(f, "A")->line, 2);
	assert_string_equal(zone(f, "A")->format, "A");

	/* 2048 bytes: fatal */
	tzf_buf_dispose(&b);
	memset(line, 'x', sizeof line);
	line[0] = '#';
	line[2048] = '\0';
	tzf_buf_printf(&b, "Zone B 0 - B\n%s\nZone C 0 - C\n", line);
	assert_int_equal(parse_as(f, "b.zi", b.ptr), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 2, "line too long");
	assert_int_equal(tzf_db_nzones(f->db), 2);

	/* a CR counts: 2047 bytes + CR + LF is too long */
	tzf_buf_dispose(&b);
	tt_diag_reset(&f->d);
	line[2047] = '\0';
	tzf_buf_printf(&b, "%s\r\n", line);
	assert_int_equal(parse_as(f, "c.zi", b.ptr), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "c.zi", 1, "line too long");
	tzf_buf_dispose(&b);
}

static void
nul_byte_is_fatal(void **state)
{
	struct fx *f = *state;
	static const char text[] =
	    "Zone A 0 - A\nZone B\0 0 - B\nZone C 0 - C\n";

	assert_int_equal(parse_len(f, "in.zi", text, sizeof text - 1, false),
	    TZF_EINVAL);
	NMSG(1);
	E(0, 2, "NUL input byte");
	assert_int_equal(tzf_db_nzones(f->db), 1);

	/* even inside a comment */
	tt_diag_reset(&f->d);
	assert_int_equal(parse_len(f, "b.zi", "# a\0b\n", 6, false),
	    TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 1, "NUL input byte");
}

static void
unterminated_last_line_is_fatal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f, "Zone A 0 - A\nZone B 0 - B"), TZF_EINVAL);
	NMSG(1);
	E(0, 2, "unterminated line");
	assert_int_equal(tzf_db_nzones(f->db), 1);

	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "b.zi", "\n# comment"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 2, "unterminated line");

	/* empty input is fine */
	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "c.zi", ""), TZF_OK);
	assert_int_equal(parse_as(f, "d.zi", "\n\n"), TZF_OK);
	NMSG(0);
}

/* ------------------------------------------------------------------ */
/* Zone continuation lines and UNTIL */

static void
continuation_not_found(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f, "Zone A 0 - A 2000\n"), TZF_OK);
	NMSG(1);
	E(0, 2, "expected continuation line not found");

	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "b.zi",
	    "Zone B 0 - B 2000\n"
	    "# comment\n"
	    "\n"), TZF_OK);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 4,
	    "expected continuation line not found");

	/* a continuation never carries over into the next file */
	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "c.zi", "Zone C 0 - C 2000\n"), TZF_OK);
	assert_int_equal(parse_as(f, "d.zi", "\t0 - D\n"), TZF_OK);
	NMSG(2);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "c.zi", 2,
	    "expected continuation line not found");
	tt_expect_msg(&f->d, 1, TZF_SEV_ERR, "d.zi", 1,
	    "input line of unknown type");
}

/* UNTILs must increase, compared as raw local date-times. */
static void
continuation_until_order(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A 2000 Jan 1 1:00u\n"
	    "\t0 - B 2000 Jan 1 0:30\n"
	    "\t0 - C\n"
	    "Zone D 0 - D 1999 Dec 31 24:00\n"
	    "\t0 - E 2000\n"
	    "\t0 - F\n"
	    "Zone G 0 - G 2000 Jan 1 0:30\n"
	    "\t0 - H 2000 Jan 1 1:00u\n"
	    "\t0 - I\n"), TZF_OK);
	NMSG(4);
	E(0, 2, "Zone continuation line end time is not after end time of "
	    "previous line");
	E(1, 3, "input line of unknown type");
	E(2, 5, "Zone continuation line end time is not after end time of "
	    "previous line");
	E(3, 6, "input line of unknown type");
	assert_int_equal(tzf_db_nzones(f->db), 3);
	assert_int_equal(f->db->zones[2].count, 3);
}

/* After an UNTIL the next line is a continuation, whatever it says. */
static void
continuation_takes_any_line(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A 2000\n"
	    "Rule r 2000 o - Jan 1 0 0 -\n"
	    "Zone B 0 - B 2000\n"
	    "Link B C\n"), TZF_OK);
	NMSG(2);
	E(0, 2, "wrong number of fields on Zone continuation line");
	E(1, 4, "Link: invalid UT offset");
	assert_int_equal(f->db->nrules, 0);
	assert_int_equal(f->db->nlinks, 0);
	assert_int_equal(f->db->nzlines, 3);
	assert_null(zline(f, 2)->name);
	assert_string_equal(zline(f, 2)->rule, "B");
	assert_string_equal(zline(f, 2)->format, "C");
}

static void
until_forms(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A 2000\n"
	    "\t0 - B 2000 Mar lastSun 2:00u\n"
	    "\t0 - C 2000 Apr\n"
	    "\t0 - D 2000 Apr 1 1\n"
	    "\t0 - E 2000 Apr Sun>=2 3:00s\n"
	    "\t0 - F\n"
	    "Zone G 0 - G mi\n"
	    "\t0 - H 2000 Feb 29\n"
	    "\t0 - I\n"), TZF_OK);
	NMSG(1);
	W(0, 7, "FROM year \"mi\" is obsolete; treated as 1900");
	assert_true(zline(f, 0)->hasuntil);
	assert_int_equal(zline(f, 0)->untiltime, 946684800);
	assert_int_equal(zline(f, 1)->untiltime, 954036000);
	assert_true(zline(f, 1)->untilrule.todisut);
	assert_int_equal(zline(f, 2)->untiltime, 954547200);
	assert_int_equal(zline(f, 3)->untiltime, 954550800);
	assert_int_equal(zline(f, 4)->untiltime, 954644400);
	assert_true(zline(f, 4)->untilrule.todisstd);
	assert_false(zline(f, 4)->untilrule.todisut);
	assert_false(zline(f, 5)->hasuntil);
	assert_int_equal(zline(f, 6)->untiltime, -2208988800);
	assert_int_equal(zline(f, 7)->untiltime, 951782400);
}

static void
until_errors(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone H 0 - H 2000 Foo\n"
	    "Zone I 0 - I 2000x\n"
	    "Zone J 0 - J 2000 Jan 32\n"
	    "Zone K 0 - K 2000 Jan 1 25:00\n"
	    "\t0 - K\n"
	    "Zone L 0 - L 2000 Jan 1 1:00x\n"
	    "\t0 - L\n"), TZF_OK);
	NMSG(4);
	E(0, 1, "invalid month name");
	E(1, 2, "invalid starting year");
	E(2, 3, "invalid day of month");
	E(3, 6, "1:00x: invalid time of day");
	assert_int_equal(tzf_db_nzones(f->db), 2);	/* K and L */
	assert_int_equal(zone(f, "K")->untiltime, 946684800 + 90000);
	assert_int_equal(zone(f, "L")->untiltime, 946684800);
}

/* An UNTIL on Feb 29 of a common year stops zic at once. */
static void
until_feb29_nonleap_is_fatal(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - A 2001 Feb lastSun\n"
	    "\t0 - A 2001 Mar Sun<=29\n"
	    "\t0 - A\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(parse_as(f, "b.zi",
	    "Zone B 0 - B 2001 Feb 29\n"
	    "\t0 - B\n"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "b.zi", 1,
	    "use of 2/29 in non leap-year");

	tt_diag_reset(&f->d);
	assert_int_equal(parse_as(f, "c.zi",
	    "Zone C 0 - C 2001 Feb Sun>=29\n"
	    "\t0 - C\n"), TZF_EINVAL);
	NMSG(1);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "c.zi", 1,
	    "use of 2/29 in non leap-year");
}

static void
until_past_month_noise(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Zone A 0 - A 2000 Mar Sun>=31\n"
	    "\t0 - B 2000 Jul Sat<=1\n"
	    "\t0 - C 2000 Oct Fri<=1\n"
	    "\t0 - D\n"), TZF_OK);
	NMSG(2);
	W(0, 1, "rule goes past start/end of month; will not work with "
	    "pre-2004 versions of zic");
	W(1, 3, "rule goes past start/end of month; will not work with "
	    "pre-2004 versions of zic");
	assert_int_equal(zline(f, 0)->untiltime, 954633600);	/* Apr 2 */
	assert_int_equal(zline(f, 1)->untiltime, 962409600);	/* Jul 1 */
	assert_int_equal(zline(f, 2)->untiltime, 970185600);	/* Sep 29 */
}

/* ------------------------------------------------------------------ */
/* Names */

static void
duplicate_zone(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_as(f, "a.zi",
	    "Zone X 0 - X\n"
	    "Zone X 1 - Y\n"), TZF_OK);
	assert_int_equal(parse_as(f, "b.zi", "\nZone X 2 - Z\n"), TZF_OK);
	NMSG(2);
	tt_expect_msg(&f->d, 0, TZF_SEV_ERR, "a.zi", 2,
	    "duplicate zone name X (file \"a.zi\", line 1)");
	tt_expect_msg(&f->d, 1, TZF_SEV_ERR, "b.zi", 2,
	    "duplicate zone name X (file \"a.zi\", line 1)");
	assert_int_equal(tzf_db_nzones(f->db), 1);
	assert_string_equal(zone(f, "X")->format, "X");
}

static void
zone_name_errors(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone /abs 0 - X\n"
	    "Zone a//b 0 - X\n"
	    "Zone a/ 0 - X\n"
	    "Zone a/../b 0 - X\n"
	    "Zone ./a 0 - X\n"
	    "Zone . 0 - X\n"
	    "Zone .. 0 - X\n"
	    "Zone \"\" 0 - X\n"
	    "Zone - 0 - X\n"
	    "Zone / 0 - X\n"
	    "Zone .../x 0 - X\n"
	    "Zone a/.b 0 - X\n"
	    "Zone Etc/GMT+11 0 - X\n"), TZF_OK);
	NMSG(10);
	E(0, 1, "file name '/abs' begins with '/'");
	E(1, 2, "file name 'a//b' contains '//'");
	E(2, 3, "file name 'a/' ends with '/'");
	E(3, 4, "file name 'a/../b' contains '..' component");
	E(4, 5, "file name './a' contains '.' component");
	E(5, 6, "file name '.' contains '.' component");
	E(6, 7, "file name '..' contains '..' component");
	E(7, 8, "empty file name");
	E(8, 9, "empty file name");
	E(9, 10, "file name '/' begins with '/'");
	assert_int_equal(tzf_db_nzones(f->db), 3);
}

static void
zone_name_noise(void **state)
{
	struct fx *f = *state;

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Zone Etc/GMT+11 0 - X\n"
	    "Zone a/-b 0 - X\n"
	    "Zone Abcdefghijklmno 0 - X\n"
	    "Zone Abcdefghijklmn 0 - X\n"
	    "Zone Caf\xe9 0 - X\n"
	    "Link Etc/GMT+11 Etc/GMT-0\n"
	    "Zone a.b 0 - X\n"), TZF_OK);
	NMSG(11);
	W(0, 1, "file name 'Etc/GMT+11' contains byte '+'");
	W(1, 1, "file name 'Etc/GMT+11' contains byte '1'");
	W(2, 1, "file name 'Etc/GMT+11' contains byte '1'");
	W(3, 2, "file name 'a/-b' component contains leading '-'");
	W(4, 3, "file name 'Abcdefghijklmno' contains overlength component "
	    "'Abcdefghijklmn...'");
	W(5, 5, "file name 'Caf\xe9' contains byte '\\351'");
	/* the Link's TARGET is checked first, then its LINK-NAME */
	W(6, 6, "file name 'Etc/GMT+11' contains byte '+'");
	W(7, 6, "file name 'Etc/GMT+11' contains byte '1'");
	W(8, 6, "file name 'Etc/GMT+11' contains byte '1'");
	W(9, 6, "file name 'Etc/GMT-0' contains byte '0'");
	W(10, 7, "file name 'a.b' contains byte '.'");
	assert_int_equal(f->d.dg.nerr, 0);
	assert_int_equal(tzf_db_nzones(f->db), 6);
	assert_int_equal(f->db->nlinks, 1);
}

/*
 * LINK-NAME and TARGET get the name check of a Zone NAME, TARGET first:
 * 2026c checked TARGET only for being non-blank, upstream's zic after it
 * ("Reject invalid Link targets") checks it fully, so that no Link can
 * reach a file outside -d.
 */
static void
link_checks(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Link \"\" Y\n"
	    "Link X /abs\n"
	    "Link /abs Y\n"
	    "Link X a/../b\n"
	    "Link X \"\"\n"
	    "Link ../x Z\n"
	    "Link a//b ../y\n"
	    "Link Etc/UTC Etc/UCT\n"), TZF_OK);
	NMSG(7);
	E(0, 1, "blank TARGET field on Link line");
	E(1, 2, "file name '/abs' begins with '/'");
	E(2, 3, "file name '/abs' begins with '/'");
	E(3, 4, "file name 'a/../b' contains '..' component");
	E(4, 5, "empty file name");
	E(5, 6, "file name '../x' contains '..' component");
	E(6, 7, "file name 'a//b' contains '//'");
	assert_int_equal(f->db->nlinks, 1);
	assert_string_equal(f->db->links[0].target, "Etc/UTC");
}

static void
rule_names(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Rule \"\" 2000 o - Jan 1 0 0 -\n"
	    "Rule - 2000 o - Jan 1 0 0 -\n"
	    "Rule +R 2000 o - Jan 1 0 0 -\n"
	    "Rule 1R 2000 o - Jan 1 0 0 -\n"
	    "Rule \" R\" 2000 o - Jan 1 0 0 -\n"
	    "Rule -R 2000 o - Jan 1 0 0 -\n"
	    "Rule R- 2000 o - Jan 1 0 0 -\n"
	    "Rule \"R S\" 2000 o - Jan 1 0 0 -\n"), TZF_OK);
	NMSG(6);
	E(0, 1, "Invalid rule name \"\"");
	E(1, 2, "Invalid rule name \"\"");
	E(2, 3, "Invalid rule name \"+R\"");
	E(3, 4, "Invalid rule name \"1R\"");
	E(4, 5, "Invalid rule name \" R\"");
	E(5, 6, "Invalid rule name \"-R\"");
	assert_int_equal(f->db->nrules, 2);
	assert_string_equal(rule(f, 0)->name, "R-");
	assert_string_equal(rule(f, 1)->name, "R S");
}

static void
zone_vs_l_and_p_options(void **state)
{
	struct fx *f = *state;

	f->o.tzdefault = "localtime";
	f->o.psxrules = true;
	assert_int_equal(parse(f,
	    "Zone localtime 0 - X\n"
	    "Zone posixrules 0 - X\n"
	    "Zone other 0 - X\n"), TZF_OK);
	NMSG(2);
	E(0, 1, "\"Zone localtime\" line and -l option are mutually "
	    "exclusive");
	E(1, 2, "\"Zone posixrules\" line and -p option are mutually "
	    "exclusive");
	assert_int_equal(tzf_db_nzones(f->db), 1);
}

static void
zone_named_like_options_without_them(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone localtime 0 - X\n"
	    "Zone posixrules 0 - X\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_nzones(f->db), 2);
}

/* ------------------------------------------------------------------ */
/* associate */

static void
rules_in_several_files(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_as(f, "a.zi",
	    "Rule R 2000 o - Jan 1 0 0 -\n"
	    "Rule Q 2000 o - Jan 1 0 0 -\n"
	    "Rule Q 2001 o - Jan 1 0 0 -\n"
	    "Zone X 0 R X\n"
	    "Zone Y 0 Q Y\n"), TZF_OK);
	assert_int_equal(parse_as(f, "b.zi",
	    "# b\n"
	    "Rule R 2001 o - Jan 1 0 0 -\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_associate(f->db), TZF_OK);
	NMSG(2);
	tt_expect_msg(&f->d, 0, TZF_SEV_WARN, "a.zi", 1,
	    "same rule name in multiple files");
	tt_expect_msg(&f->d, 1, TZF_SEV_WARN, "b.zi", 2,
	    "same rule name in multiple files");
	assert_int_equal(zone(f, "X")->nrules, 2);	/* still combined */
	assert_int_equal(zone(f, "X")->rules[0].loyear, 2000);
	assert_int_equal(zone(f, "X")->rules[1].loyear, 2001);
	assert_int_equal(zone(f, "Y")->nrules, 2);
}

/* A RULES field naming no rule set is read as a SAVE after all input. */
static void
associate_undefined_rule(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone X 0 Foo X\n"
	    "Zone Y 0 EUs Y\n"
	    "Zone Z 0 - Z 2000\n"
	    "\t0 Bar Z\n"
	    "Zone W 0 r W\n"
	    "Rule r 2000 o - Jan 1 0 0 -\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_associate(f->db), TZF_EINVAL);
	NMSG(3);
	E(0, 1, "Foo: invalid saved time");
	E(1, 2, "EU: invalid saved time");	/* getsave ate the 's' */
	E(2, 4, "Bar: invalid saved time");
	assert_int_equal(zone(f, "W")->nrules, 1);	/* defined later */
}

static void
associate_percent_s_ruleless(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 0 - %s\n"
	    "Zone B 0 1:00 B%sT\n"
	    "Rule r 2000 o - Jan 1 0 0 -\n"
	    "Zone C 0 r C%s\n"
	    "Zone D 0 - %z\n"), TZF_OK);
	assert_int_equal(tzf_db_associate(f->db), TZF_EINVAL);
	NMSG(2);
	E(0, 1, "%s in ruleless zone");
	E(1, 2, "%s in ruleless zone");
}

static void
associate_fixed_save(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse(f,
	    "Zone A 1 1:00 A\n"
	    "Zone B 1 1:00s B\n"
	    "Zone C 1 0d C\n"
	    "Zone D 1 - D\n"
	    "Zone E 1 -1:00 E\n"), TZF_OK);
	assert_int_equal(tzf_db_associate(f->db), TZF_OK);
	NMSG(0);
	assert_true(zone(f, "A")->isdst);
	assert_int_equal(zone(f, "A")->save, 3600);
	assert_false(zone(f, "B")->isdst);
	assert_int_equal(zone(f, "B")->save, 3600);
	assert_true(zone(f, "C")->isdst);
	assert_int_equal(zone(f, "C")->save, 0);
	assert_false(zone(f, "D")->isdst);
	assert_int_equal(zone(f, "D")->save, 0);
	assert_true(zone(f, "E")->isdst);
	assert_int_equal(zone(f, "E")->save, -3600);
	assert_int_equal(zone(f, "E")->nrules, 0);
}

/* ------------------------------------------------------------------ */
/* The leap-second file */

static void
leap_accumulate(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "# comment\n"
	    "Leap 1972 Dec 31 23:59:60 + S\n"
	    "Leap 1972 Jun 30 23:59:60 + S\n"	/* out of order: sorted */
	    "Expires 2027 Jun 28 00:00:00\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->nleaps, 2);
	assert_int_equal(f->db->leaps[0].trans, 78796800);
	assert_int_equal(f->db->leaps[1].trans, 94694400);
	assert_int_equal(f->db->leaps[0].corr, 1);
	assert_int_equal(f->db->leapexpires, 1814140800);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->leaps[0].trans, 78796800);
	assert_int_equal(f->db->leaps[1].trans, 94694401);
	assert_int_equal(f->db->leaps[0].corr, 1);
	assert_int_equal(f->db->leaps[1].corr, 2);
	assert_int_equal(f->db->leapexpires, 1814140802);
}

static void
leap_negative_and_rolling(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + R\n"
	    "Leap 1972 Dec 31 23:59:59 - Ro\n"
	    "Leap 1973 Dec 31 23:59:60 + Stat\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->nleaps, 3);
	assert_true(f->db->leaps[0].roll);
	assert_int_equal(f->db->leaps[1].corr, -1);
	assert_int_equal(f->db->leaps[1].trans, 94694399);
	assert_true(f->db->leaps[1].roll);
	assert_false(f->db->leaps[2].roll);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_OK);
	assert_int_equal(f->db->leaps[1].corr, 0);
	assert_int_equal(f->db->leaps[2].corr, 1);
	assert_true(f->db->leapexpires < 0);
}

static void
leap_too_close(void **state)
{
	struct fx *f = *state;

	/* exactly 28 days apart is fine */
	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + S\n"
	    "Leap 1972 Jul 28 23:59:60 + S\n"), TZF_OK);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_OK);
	NMSG(0);

	tzf_db_free(f->db);
	f->db = NULL;
	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + S\n"
	    "Leap 1972 Jul 27 23:59:60 + S\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_EINVAL);
	NMSG(1);
	assert_int_equal(f->d.msgs[0].sev, TZF_SEV_ERR);
	assert_string_equal(f->d.msgs[0].text,
	    "Leap seconds too close together");
}

/* The first leap is measured against time 0. */
static void
leap_at_epoch_too_close(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f, "Leap 1969 Dec 31 23:59:60 + S\n"),
	    TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->nleaps, 1);
	assert_int_equal(f->db->leaps[0].trans, 0);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_EINVAL);
	NMSG(1);
	assert_string_equal(f->d.msgs[0].text,
	    "Leap seconds too close together");
}

static void
leap_precedes_epoch(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "Leap 1969 Dec 31 23:59:59 + S\n"
	    "Leap 1972 Jun 30 23:59:60 + S\n"), TZF_OK);
	NMSG(1);
	LE(0, 1, "leap second precedes Epoch");
	assert_int_equal(f->d.dg.nerr, 1);
	assert_int_equal(f->db->nleaps, 1);	/* dropped */
}

static void
leap_expires_order(void **state)
{
	struct fx *f = *state;

	/* Expires is shifted by the final correction first */
	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + S\n"
	    "Expires 1972 Jun 30 23:59:60\n"), TZF_OK);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_OK);
	NMSG(0);
	assert_int_equal(f->db->leapexpires, 78796801);

	tzf_db_free(f->db);
	f->db = NULL;
	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + S\n"
	    "Expires 1972 Jun 30 23:59:59\n"), TZF_OK);
	assert_int_equal(tzf_db_leaps_done(f->db), TZF_EINVAL);
	NMSG(1);
	assert_int_equal(f->d.msgs[0].sev, TZF_SEV_ERR);
	assert_string_equal(f->d.msgs[0].text,
	    "last Leap time does not precede Expires time");
}

static void
leap_multiple_expires(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "Expires 2027 Jun 28 00:00:00\n"
	    "Expires 2028 Jun 28 00:00:00\n"), TZF_OK);
	NMSG(1);
	LE(0, 2, "multiple Expires lines");
	assert_int_equal(f->db->leapexpires, 1814140800);
}

static void
leap_field_errors(void **state)
{
	struct fx *f = *state;

	assert_int_equal(parse_leap(f,
	    "Leap 19x2 Jun 30 23:59:60 + S\n"
	    "Leap 1972 Foo 30 23:59:60 + S\n"
	    "Leap 1972 Jun 31 23:59:60 + S\n"
	    "Leap 1972 Jun 30 23:59:60 * S\n"
	    "Leap 1972 Jun 30 23:59:60 + X\n"
	    "Leap 1972 Jun 30 23:59:60 ++ S\n"), TZF_OK);
	NMSG(6);
	LE(0, 1, "invalid leaping year");
	LE(1, 2, "invalid month name");
	LE(2, 3, "invalid day of month");
	LE(3, 4, "invalid CORRECTION field on Leap line");
	LE(4, 5, "invalid Rolling/Stationary field on Leap line");
	LE(5, 6, "invalid CORRECTION field on Leap line");
	assert_int_equal(f->db->nleaps, 0);
}

static void
leap_rolling_with_r_is_fatal(void **state)
{
	struct fx *f = *state;

	f->o.lo_time = 0;
	assert_int_equal(parse_leap(f,
	    "Leap 1972 Jun 30 23:59:60 + S\n"
	    "Leap 1972 Dec 31 23:59:60 + R\n"
	    "Leap 1973 Dec 31 23:59:60 + S\n"), TZF_EINVAL);
	NMSG(1);
	LE(0, 2, "Rolling leap seconds not supported with -r");
	assert_int_equal(f->db->nleaps, 1);
}

/* ------------------------------------------------------------------ */
/* The order links are made in (lib/links.c, docs/zic.md 5.9) */

struct made {
	char log[512];
	int n, stop_at;
};

static int
made_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	struct made *m = payload;
	size_t len = strlen(m->log);

	snprintf(m->log + len, sizeof m->log - len, "%s%s>%s@%s:%ld",
	    len ? " " : "", linkname, target, file, line);
	return ++m->n == m->stop_at ? TZF_EIO : TZF_OK;
}

static void
links_sorted_later_duplicate_wins(void **state)
{
	struct fx *f = *state;
	struct made m = { "", 0, 0 };

	assert_int_equal(parse_as(f, "a.zi",
	    "Link A C\n"
	    "Link A B\n"
	    "Link A X\n"
	    "Link B X\n"
	    "Link A Y\n"), TZF_OK);
	assert_int_equal(parse_as(f, "b.zi", "Link C Y\n"), TZF_OK);
	assert_int_equal(tzf_db_links(f->db, made_cb, &m), TZF_OK);
	NMSG(0);
	assert_string_equal(m.log,
	    "B>A@a.zi:2 C>A@a.zi:1 X>B@a.zi:4 Y>C@b.zi:1");
}

/* A link to a link is made after its target, in a later pass. */
static void
links_chains(void **state)
{
	struct fx *f = *state;
	struct made m = { "", 0, 0 };

	f->o.noise = true;
	assert_int_equal(parse(f,
	    "Link ZoneA B\n"		/* B -> ZoneA */
	    "Link B C\n"		/* C -> B, which sorts earlier */
	    "Link Z A\n"		/* A -> Z, which sorts later */
	    "Link ZoneB Z\n"), TZF_OK);
	assert_int_equal(tzf_db_links(f->db, made_cb, &m), TZF_OK);
	assert_string_equal(m.log,
	    "B>ZoneA@in.zi:1 C>B@in.zi:2 Z>ZoneB@in.zi:4 A>Z@in.zi:3");
	NMSG(2);
	W(0, 3, "link A targeting link Z mishandled by pre-2023 zic");
	W(1, 2, "link C targeting link B");
}

static void
links_self_and_cycle(void **state)
{
	struct fx *f = *state;
	struct made m = { "", 0, 0 };

	assert_int_equal(parse(f,
	    "Link P Q\n"
	    "Link Q P\n"
	    "Link X X\n"
	    "Link Zone1 Y\n"), TZF_OK);
	NMSG(0);
	assert_int_equal(tzf_db_links(f->db, made_cb, &m), TZF_OK);
	assert_string_equal(m.log, "Y>Zone1@in.zi:4");
	NMSG(2);
	E(0, 3, "link X targets itself");
	E(1, 2, "\"Link Q P\" is part of a link cycle");
}

static void
links_callback_error_stops(void **state)
{
	struct fx *f = *state;
	struct made m = { "", 0, 2 };

	assert_int_equal(parse(f,
	    "Link A B\n"
	    "Link A C\n"
	    "Link A D\n"), TZF_OK);
	assert_int_equal(tzf_db_links(f->db, made_cb, &m), TZF_EIO);
	assert_string_equal(m.log, "B>A@in.zi:1 C>A@in.zi:2");
}

/* ------------------------------------------------------------------ */
/* rpytime: where a rule falls in a year */

/* The civil calendar's answer: the rule's day found by stepping from
 * its ON day, in seconds since 1970 plus the AT time. */
static bool
civil_rule_time(int64_t *out, const struct tzf_rule *r, int64_t year)
{
	struct tzf_civil c;
	int64_t t;

	if (tzf_civil_to_secs(&t, year, r->month + 1, r->dayofmonth, 0, 0, 0)
	    < 0)
		return false;
	tzf_civil_from_secs(&c, t);
	while (r->dycode != TZF_DC_DOM && c.wday != r->wday) {
		t += r->dycode == TZF_DC_DOWGEQ ? 86400 : -86400;
		tzf_civil_from_secs(&c, t);
	}
	*out = t + r->tod;
	return true;
}

/* tzf__rpytime counts days directly for years from 1 on and by 400-year
 * cycles before that; both must agree with the calendar. */
static void
rpytime_matches_civil_calendar(void **state)
{
	static const int64_t years[] = {
		-100001, -2000, -401, -400, -1, 0, 1, 2, 99, 100, 399, 400,
		401, 1582, 1600, 1700, 1900, 1901, 1969, 1970, 1971, 2000,
		2024, 2037, 2038, 2100, 2399, 2400, 9999, 123456789,
		(int64_t)290000000000
	};
	struct tzf_rule rules[4];
	size_t i, k;

	(void)state;
	memset(rules, 0, sizeof rules);
	rules[0].month = 2;	/* Mar lastSun 1:00u, as DOWLEQ 31 */
	rules[0].dycode = TZF_DC_DOWLEQ;
	rules[0].dayofmonth = 31;
	rules[0].tod = 3600;
	rules[1].month = 9;	/* Oct Sun>=8 2:00 */
	rules[1].dycode = TZF_DC_DOWGEQ;
	rules[1].dayofmonth = 8;
	rules[1].wday = 0;
	rules[1].tod = 7200;
	rules[2].month = 1;	/* Feb Sat<=28 */
	rules[2].dycode = TZF_DC_DOWLEQ;
	rules[2].dayofmonth = 28;
	rules[2].wday = 6;
	rules[3].month = 11;	/* Dec 31 24:00 */
	rules[3].dycode = TZF_DC_DOM;
	rules[3].dayofmonth = 31;
	rules[3].tod = 86400;
	for (i = 0; i < sizeof years / sizeof years[0]; i++)
		for (k = 0; k < 4; k++) {
			int64_t got, want;

			assert_true(civil_rule_time(&want, &rules[k], years[i]));
			assert_true(tzf__rpytime(&got, &rules[k], years[i], NULL,
			    false) >= 0);
			if (got != want)
				fail_msg("year %lld rule %zu: %lld, want %lld",
				    (long long)years[i], k, (long long)got,
				    (long long)want);
		}
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(line_keywords_unique_prefixes),
		T(line_unknown_type),
		T(leapfile_line_types),
		T(months_prefixes),
		T(months_ambiguous),
		T(weekdays_prefixes),
		T(weekdays_ambiguous_pre2017c),
		T(on_last_forms),
		T(on_geq_leq),
		T(on_bad_days),
		T(years_from_to),
		T(years_errors),
		T(times_forms),
		T(times_over_24h_noise),
		T(times_errors),
		T(times_errors_contexts),
		T(times_overflow_is_fatal),
		T(fractions_rounding),
		T(fractions_bad),
		T(at_suffixes),
		T(save_forms),
		T(format_forms),
		T(format_bad),
		T(format_z_noise),
		T(quoted_fields),
		T(quotes_odd_is_fatal),
		T(dash_fields_are_empty),
		T(comments_and_blank_lines),
		T(crlf_and_c_locale_space),
		T(field_counts),
		T(too_many_fields_is_fatal),
		T(line_length_limit),
		T(nul_byte_is_fatal),
		T(unterminated_last_line_is_fatal),
		T(continuation_not_found),
		T(continuation_until_order),
		T(continuation_takes_any_line),
		T(until_forms),
		T(until_errors),
		T(until_feb29_nonleap_is_fatal),
		T(until_past_month_noise),
		T(duplicate_zone),
		T(zone_name_errors),
		T(zone_name_noise),
		T(link_checks),
		T(rule_names),
		T(zone_vs_l_and_p_options),
		T(zone_named_like_options_without_them),
		T(rules_in_several_files),
		T(associate_undefined_rule),
		T(associate_percent_s_ruleless),
		T(associate_fixed_save),
		T(leap_accumulate),
		T(leap_negative_and_rolling),
		T(leap_too_close),
		T(leap_at_epoch_too_close),
		T(leap_precedes_epoch),
		T(leap_expires_order),
		T(leap_multiple_expires),
		T(leap_field_errors),
		T(leap_rolling_with_r_is_fatal),
		T(links_sorted_later_duplicate_wins),
		T(links_chains),
		T(links_self_and_cycle),
		T(links_callback_error_stops),
		cmocka_unit_test(rpytime_matches_civil_calendar),
	};
#undef T

	return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
