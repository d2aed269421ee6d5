/*
 * test_leapsec.c: cmocka tests of lib/leapsec.c, the `leapseconds` file
 * of `make install`: a tree's own file is kept; otherwise the tree's
 * leapseconds.awk (one version of 2013e, one of 2018f, one of 2025c,
 * taken from the upstream bundle's tags) is followed on small lists
 * written here, and what it cannot be followed on is refused with the
 * line named.  tests/oracle/leapseconds.sh compares every tag with
 * gawk; these tests pin down single behaviours.
 */
#include <sys/stat.h>

#include "tzf_test.h"

static char tmpdir[] = "/tmp/test_leapsec.XXXXXX";
static char lastmsg[1024];
static long lastline;
static int ntrees;

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
	lastline = m->line;
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

/* A new directory (in DIR) for a tree, with one data file in it. */
static void
new_tree_dir(char dir[4200])
{
	snprintf(dir, 4200, "%s/t%d", tmpdir, ntrees++);
	assert_int_equal(mkdir(dir, 0755), 0);
	tt_write_file(dir, "etcetera", "Zone Etc/UTC 0 - UTC\n", 21);
}

static struct tzf_tree *
open_dir(const char *dir)
{
	struct tzf_tree *t;

	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	return t;
}

/* A directory tree holding the leapseconds.awk of upstream tag TAG (or
 * none), LIST as leap-seconds.list (or none) and one data file. */
static struct tzf_tree *
tree_with(const char *tag, const char *list, size_t list_len)
{
	struct tzf_tree *up;
	const char *s;
	char dir[4200], spec[256];
	size_t len;

	new_tree_dir(dir);
	if (tag != NULL) {
		snprintf(spec, sizeof spec, "tests/repos/upstream.git@%s", tag);
		assert_int_equal(tzf_tree_open(&up, spec, &dg), TZF_OK);
		assert_int_equal(tzf_tree_file(&s, &len, up, "leapseconds.awk"),
		    TZF_OK);
		tt_write_file(dir, "leapseconds.awk", s, len);
		tzf_tree_free(up);
	}
	if (list != NULL)
		tt_write_file(dir, "leap-seconds.list", list, list_len);
	return open_dir(dir);
}

/* Three leap seconds: the first line only sets TAI - UTC; 1 Mar 2000
 * makes a leap second on the leap day before it. */
static const char list_mar[] =
    "#$\t3676924800\n"
    "#@\t3881174400\n"
    "2272060800\t10\t# 1 Jan 1972\n"
    "2287785600\t11\t# 1 Jul 1972\n"
    "3160857600\t12\t# 1 Mar 2000\n"
    "3171398400\t11\t# 1 Jul 2000\n"
    "#\tUpdated through IERS Bulletin C 99\n";

/* The text of lines starting "Leap" in B, then the other lines that
 * start "#u", "#e", "#E" or "Ex". */
static void
data_lines(char *out, size_t size, const struct tzf_buf *b)
{
	const char *p = b->ptr;
	size_t n = 0;

	out[0] = '\0';
	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);

		if ((strncmp(p, "Leap", 4) == 0 || strncmp(p, "#u", 2) == 0 ||
		    strncmp(p, "#e", 2) == 0 || strncmp(p, "#E", 2) == 0 ||
		    strncmp(p, "Ex", 2) == 0) && n + len < size) {
			memcpy(out + n, p, len);
			n += len;
			out[n] = '\0';
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* 2025c's script works the date out of the NTP timestamp: the second
 * before 1 Mar 2000 is on 29 Feb; the stamps give #updated and #expires
 * and a commented-out Expires line (EXPIRES_LINE=0), and a drop in
 * TAI - UTC is a negative leap second. */
static void
test_ntp_dates(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char got[1024];

	(void)state;
	t = tree_with("2026c", list_mar, sizeof list_mar - 1);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg), TZF_OK);
	data_lines(got, sizeof got, &b);
	assert_string_equal(got,
	    "Leap\t1972\tJun\t30\t23:59:60\t+\tS\n"
	    "Leap\t2000\tFeb\t29\t23:59:60\t+\tS\n"
	    "Leap\t2000\tJun\t30\t23:59:59\t-\tS\n"
	    "#Expires 2022\tDec\t28\t00:00:00\n"
	    "#updated 1467936000 (2016-07-08 00:00:00 UTC)\n"
	    "#expires 1672185600 (2022-12-28 00:00:00 UTC)\n");
	assert_non_null(strstr(b.ptr, "\n\n#\tUpdated through IERS Bulletin "
	    "C 99\n"));
	b.len = 0;
	assert_int_equal(tzf_tree_leapseconds(&b, t, true, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nExpires 2022\tDec\t28\t00:00:00\n"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* 2018f's script takes the month before the one named and knows leap
 * years; without "#$" it prints #updated for a time of 0. */
static void
test_month_table(void **state)
{
	static const char list[] =
	    "2272060800\t10\t# 1 Jan 1972\n"
	    "3160857600\t11\t# 1 Mar 2000\n"
	    "3187296000\t12\t# 1 Jan 2001\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char got[1024];

	(void)state;
	t = tree_with("2018f", list, sizeof list - 1);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg), TZF_OK);
	data_lines(got, sizeof got, &b);
	assert_string_equal(got,
	    "Leap\t2000\tFeb\t29\t23:59:60\t+\tS\n"
	    "Leap\t2000\tDec\t31\t23:59:60\t+\tS\n"
	    "#updated -2208988800\n"
	    "#expires -2208988800\n");
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* 2013e's script knows only January and July: anything else is refused
 * with the line named. */
static void
test_refusals(void **state)
{
	static const char mar[] =
	    "2272060800\t10\t# 1 Jan 1972\n"
	    "# a comment\n"
	    "3160857600\t11\t# 1 Mar 2000\n";
	static const char nul[] = "# ok\n# not\0ok\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char dir[4200];

	(void)state;
	t = tree_with("2013e", mar, sizeof mar - 1);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg), TZF_EINVAL);
	assert_int_equal(lastline, 3);
	assert_non_null(strstr(lastmsg, "January and July"));
	tzf_tree_free(t);
	/* A NUL byte in any file of a tree stops it at tzf_tree_open(),
	 * reported at its file and line as zic reports it. */
	new_tree_dir(dir);
	tt_write_file(dir, "leap-seconds.list", nul, sizeof nul - 1);
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_EINVAL);
	assert_int_equal(lastline, 2);
	assert_string_equal(lastmsg, "NUL input byte");
	tzf_buf_dispose(&b);
}

/* A script changed by one byte is unknown: refused, nothing made. */
static void
test_unknown_script(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char dir[4200];

	(void)state;
	new_tree_dir(dir);
	tt_write_file(dir, "leapseconds.awk", "BEGIN { print \"x\" }\n", 20);
	tt_write_file(dir, "leap-seconds.list", list_mar, sizeof list_mar - 1);
	t = open_dir(dir);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "unknown 'leapseconds.awk'"));
	assert_int_equal(b.len, 0);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* A tree's own leapseconds wins; a tree with nothing to make one from
 * says so. */
static void
test_own_file_and_none(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char dir[4200];

	(void)state;
	new_tree_dir(dir);
	tt_write_file(dir, "leapseconds", "# mine\n", 7);
	t = open_dir(dir);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg), TZF_OK);
	assert_string_equal(b.ptr, "# mine\n");
	tzf_tree_free(t);
	t = tree_with(NULL, list_mar, sizeof list_mar - 1);
	assert_int_equal(tzf_tree_leapseconds(&b, t, false, &dg),
	    TZF_ENOTFOUND);
	assert_non_null(strstr(lastmsg, "has no 'leapseconds'"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

static int
setup(void **state)
{
	(void)state;
	return tt_scratch_setup(tmpdir);
}

static int
teardown(void **state)
{
	(void)state;
	return tt_scratch_teardown(tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ntp_dates),
		cmocka_unit_test(test_month_table),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_unknown_script),
		cmocka_unit_test(test_own_file_and_none),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
