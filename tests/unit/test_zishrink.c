/*
 * test_zishrink.c: cmocka tests of lib/zishrink.c around the release
 * comparisons of tests/oracle/tzdata_zi.sh: which zishrink.awk a tree
 * gets (its own, known by SHA-256; the newest when it has none; refused
 * when unknown), the REDO of the header (asked for, else the tree's
 * Makefile's), the PACKRATLIST value that reaches the header, and the
 * rule names of the counted scheme of 2017c-2018e past one character.
 * Trees are the upstream bundle's tags and small directories written
 * here.
 */
#include <sys/stat.h>

#include "tzf_test.h"

static char tmpdir[] = "/tmp/test_zishrink.XXXXXX";
static char lastmsg[1024];
static int ndirs;

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

/* A new directory DIR with the data files of the default build, empty. */
static void
data_dir(char dir[4200])
{
	static const char *const files[] = {
		"africa", "antarctica", "asia", "australasia", "europe",
		"northamerica", "southamerica", "etcetera", "factory",
		"backward", NULL
	};
	int i;

	snprintf(dir, 4200, "%s/t%d", tmpdir, ndirs++);
	assert_int_equal(mkdir(dir, 0755), 0);
	for (i = 0; files[i] != NULL; i++)
		tt_write_file(dir, files[i], "", 0);
	tt_write_file(dir, "version", "2099a\n", 6);
}

/* A directory tree with the data files and NAME, TEXT pairs (NULL-ended)
 * written over them. */
static struct tzf_tree *
tree_of(const char *first, ...)
{
	struct tzf_tree *t;
	const char *name, *text;
	char dir[4200];
	va_list ap;

	data_dir(dir);
	va_start(ap, first);
	for (name = first; name != NULL; name = va_arg(ap, const char *)) {
		text = va_arg(ap, const char *);
		tt_write_file(dir, name, text, strlen(text));
	}
	va_end(ap);
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	return t;
}

static bool
has_line(const struct tzf_buf *b, const char *line)
{
	const char *p = b->ptr;
	size_t n = strlen(line);

	for (; p != NULL; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
			return true;
	return false;
}

/* Without a zishrink.awk or a Makefile: the newest script and its REDO
 * (posix_only: a "# redo" line); REDO asked for wins. */
static void
test_no_script(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = tree_of("etcetera", "Zone Etc/UTC 0 - UTC\n", NULL);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_true(has_line(&b, "# redo posix_only"));
	assert_true(has_line(&b, "Z Etc/UTC 0 - UTC"));
	b.len = 0;
	sw.redo = "posix_right";
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, &sw, &dg), TZF_OK);
	assert_false(has_line(&b, "# redo posix_right"));
	assert_null(strstr(b.ptr, "# redo"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* A script that is none of the ten is refused, with nothing written. */
static void
test_unknown_script(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = tree_of("etcetera", "Zone Etc/UTC 0 - UTC\n",
	    "zishrink.awk", "BEGIN { print \"mine\" }\n", NULL);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "unknown 'zishrink.awk'"));
	assert_int_equal(b.len, 0);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* The header's REDO comes from the tree's Makefile: 2020a's default is
 * posix_right (no line), 2026c's posix_only. */
static void
test_makefile_redo(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	assert_int_equal(tzf_tree_open(&t, "tests/repos/upstream.git@2020a",
	    &dg), TZF_OK);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_null(strstr(b.ptr, "# redo"));
	tzf_tree_free(t);
	b.len = 0;
	assert_int_equal(tzf_tree_open(&t, "tests/repos/upstream.git@2026c",
	    &dg), TZF_OK);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_true(has_line(&b, "# redo posix_only"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* PACKRATLIST goes into "# ddeps" as given; a value with a newline or a
 * blank, which would make header lines of its own, is refused. */
static void
test_packratlist(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char list[4300];

	(void)state;
	t = tree_of("etcetera", "Zone Etc/UTC 0 - UTC\n",
	    "backzone", "Zone Etc/Old 0 - OLD\n",
	    "zone.tab", "XX\t+0000+00000\tEtc/Old\n", NULL);
	sw.backzone = true;
	sw.packratlist = "zone.tab";
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, &sw, &dg), TZF_OK);
	assert_true(has_line(&b, "# ddeps backzone zone.tab"));
	snprintf(list, sizeof list, "%s/list\n# redo evil", tmpdir);
	sw.packratlist = list;
	b.len = 0;
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, &sw, &dg), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "packratlist"));
	assert_null(b.ptr != NULL ? strstr(b.ptr, "evil") : NULL);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* The number of errors zic's parser reports on B's text. */
static int
parses(const struct tzf_buf *b)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	struct tzf_db *db;
	int n;

	assert_int_equal(tzf_db_new(&db, &o, &quiet), TZF_OK);
	tzf_db_parse(db, "tzdata.zi", b->ptr, b->len, false);
	n = quiet.nerr > 0;
	tzf_db_free(db);
	return n;
}

static size_t
count_lines(const struct tzf_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++)
		n += b->ptr[i] == '\n';
	return n;
}

/* A version with a control character (a tree's own "version" file) does
 * not reach the header either. */
static void
test_bad_version(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = tree_of("etcetera", "Zone Etc/UTC 0 - UTC\n",
	    "version", "2099a\033[2J\n", NULL);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "the version of"));
	assert_int_equal(b.len, 0);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/*
 * 2017c's counted rule names: the 82nd rule name used is "AA" and the
 * 83rd "AB" (81 characters, then two; gawk's zishrink.awk gives the same
 * on this input).  Zones here use 85 rules in turn.
 */
static void
test_counted_names(void **state)
{
	struct tzf_tree *up, *t;
	struct tzf_buf b = TZF_BUF_INIT, rules = TZF_BUF_INIT;
	struct tzf_buf zones = TZF_BUF_INIT, plain = TZF_BUF_INIT;
	const char *awk;
	char dir[4200];
	size_t len;
	int i;

	(void)state;
	assert_int_equal(tzf_tree_open(&up, "tests/repos/upstream.git@2017c",
	    &dg), TZF_OK);
	assert_int_equal(tzf_tree_file(&awk, &len, up, "zishrink.awk"),
	    TZF_OK);
	data_dir(dir);
	for (i = 0; i < 85; i++) {
		tzf_buf_printf(&rules, "Rule\tR%02d\t2000\tonly\t-\tMar\t1\t"
		    "0:00\t1:00\tS\n", i);
		tzf_buf_printf(&zones, "Zone\tEtc/Z%02d\t0\tR%02d\tZ%%s\n", i,
		    i);
	}
	tt_write_file(dir, "etcetera", zones.ptr, strlen(zones.ptr));
	tt_write_file(dir, "europe", rules.ptr, strlen(rules.ptr));
	tt_write_file(dir, "zishrink.awk", awk, strlen(awk));
	tzf_tree_free(up);
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_true(has_line(&b, "Z Etc/Z00 0 A Z%s"));
	assert_true(has_line(&b, "Z Etc/Z80 0 ~ Z%s"));
	assert_true(has_line(&b, "Z Etc/Z81 0 AA Z%s"));
	assert_true(has_line(&b, "Z Etc/Z84 0 AD Z%s"));
	/* zic refuses "~" as a rule name; the text for zic has letters
	 * only and compiles, line for line the same otherwise. */
	assert_int_equal(parses(&b), 1);
	assert_int_equal(tzf_tree_tzdata_zi_for_zic(&plain, t, NULL, &dg),
	    TZF_OK);
	assert_int_equal(parses(&plain), 0);
	assert_int_equal(count_lines(&plain), count_lines(&b));
	assert_true(has_line(&plain, "Z Etc/Z00 0 A Z%s"));
	tzf_buf_dispose(&plain);
	tzf_buf_dispose(&b);
	tzf_buf_dispose(&rules);
	tzf_buf_dispose(&zones);
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
		cmocka_unit_test(test_no_script),
		cmocka_unit_test(test_unknown_script),
		cmocka_unit_test(test_makefile_redo),
		cmocka_unit_test(test_packratlist),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_counted_names),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
