/*
 * test_install.c: cmocka tests of lib/install.c, the plan of `make
 * install` read from a tree's Makefile: one tag of each install era of
 * the upstream bundle (the facts are those of tests/oracle/RELEASES.md,
 * which were read from the same Makefiles), a REDO asked for, and
 * Makefiles written here whose rules tzforge must refuse.  The trees
 * themselves are compared with the releases' make install by
 * tests/oracle/release_install.sh; 2012e cannot be (its solar87 does not
 * compile), so its two compiled siblings are checked only here.
 */
#include <sys/stat.h>

#include "tzf_test.h"

static char tmpdir[] = "/tmp/test_install.XXXXXX";
static char lastmsg[1024];
static int ndirs;

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

/* The plan of upstream tag TAG with REDO (NULL: the default). */
static void
plan_of(struct tzf_install *p, const char *tag, const char *redo)
{
	struct tzf_tree *t;
	char spec[256];

	snprintf(spec, sizeof spec, "tests/repos/upstream.git@%s", tag);
	assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
	assert_int_equal(tzf_tree_install(p, t, redo, &dg), TZF_OK);
	tzf_tree_free(t);
}

/* The copied files, space-separated. */
static const char *
files(const struct tzf_install *p)
{
	static char s[512];
	size_t i;

	s[0] = '\0';
	for (i = 0; i < p->nfiles; i++)
		snprintf(s + strlen(s), sizeof s - strlen(s), "%s%s",
		    i ? " " : "", p->files[i]);
	return s;
}

/* 2012e: no symbolic link yet, other_two compiles both siblings. */
static void
test_2012e(void **state)
{
	struct tzf_install p;

	(void)state;
	plan_of(&p, "2012e", NULL);
	assert_string_equal(p.redo, "posix_right");
	assert_false(p.leaps);
	assert_int_equal(p.posix_dir, TZF_SIBLING_TREE);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_TREE);
	assert_false(p.from_tzdata_zi);
	assert_string_equal(p.localtime, "GMT");
	assert_string_equal(p.posixrules, "America/New_York");
	assert_string_equal(files(&p), "iso3166.tab zone.tab");
	plan_of(&p, "2012e", "right_posix");
	assert_true(p.leaps);
	assert_int_equal(p.posix_dir, TZF_SIBLING_TREE);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_TREE);
}

/* 2013e to 2017b: the sibling like TZDIR is a symbolic link; the data
 * files are compiled; localtime and posixrules are in TZDIR. */
static void
test_2016j(void **state)
{
	struct tzf_install p;

	(void)state;
	plan_of(&p, "2016j", NULL);
	assert_int_equal(p.posix_dir, TZF_SIBLING_LINK);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_TREE);
	assert_false(p.from_tzdata_zi);
	assert_string_equal(p.localtime, "GMT");
	assert_string_equal(files(&p), "iso3166.tab zone1970.tab zone.tab");
	plan_of(&p, "2016j", "right_posix");
	assert_true(p.leaps);
	assert_int_equal(p.posix_dir, TZF_SIBLING_TREE);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_LINK);
}

/* 2017c compiles and installs tzdata.zi; 2018a's -l has -t. */
static void
test_2017c_2018a(void **state)
{
	struct tzf_install p;

	(void)state;
	plan_of(&p, "2017c", NULL);
	assert_true(p.from_tzdata_zi);
	assert_string_equal(p.localtime, "GMT");
	assert_string_equal(files(&p),
	    "iso3166.tab leapseconds tzdata.zi zone1970.tab zone.tab");
	plan_of(&p, "2018a", NULL);
	assert_string_equal(p.localtime, "");
	assert_string_equal(p.posixrules, "America/New_York");
}

/* 2020b: POSIXRULES=- (posixrules removed); 2023d adds zonenow.tab;
 * 2026c: REDO=posix_only and no -p at all. */
static void
test_later(void **state)
{
	struct tzf_install p;

	(void)state;
	plan_of(&p, "2020b", NULL);
	assert_string_equal(p.posixrules, "-");
	assert_false(p.expires_line);
	plan_of(&p, "2023d", NULL);
	assert_string_equal(files(&p), "iso3166.tab leapseconds tzdata.zi "
	    "zone.tab zone1970.tab zonenow.tab");
	plan_of(&p, "2026c", NULL);
	assert_string_equal(p.redo, "posix_only");
	assert_int_equal(p.posix_dir, TZF_SIBLING_NONE);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_NONE);
	assert_string_equal(p.posixrules, "");
	assert_string_equal(p.localtime, "");
	plan_of(&p, "2026c", "right_only");
	assert_true(p.leaps);
	assert_int_equal(p.leaps_dir, TZF_SIBLING_NONE);
}

/* A tree whose Makefile is TEXT; the plan's return code. */
static int
plan_text(const char *text, const char *redo)
{
	struct tzf_install p;
	struct tzf_tree *t;
	char dir[4200];
	int rc;

	snprintf(dir, sizeof dir, "%s/m%d", tmpdir, ndirs++);
	assert_int_equal(mkdir(dir, 0755), 0);
	tt_write_file(dir, "etcetera", "Zone Etc/UTC 0 - UTC\n", 21);
	tt_write_file(dir, "Makefile", text, strlen(text));
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	lastmsg[0] = '\0';
	rc = tzf_tree_install(&p, t, redo, &dg);
	tzf_tree_free(t);
	return rc;
}

#define GOOD_RULES \
	"posix_only:\n\tzic -d $(TZDIR) tzdata.zi\n" \
	"install: $(REDO)\n\tzic -d $(TZDIR) -l $(LOCALTIME) -t x\n" \
	"\tcp -f $(TABDATA) $(TZDIR)/.\n"

static void
test_refusals(void **state)
{
	(void)state;
	assert_int_equal(plan_text("REDO= posix_only\nTABDATA= a b\n"
	    GOOD_RULES, NULL), TZF_OK);
	/* No rule for the REDO asked for. */
	assert_int_equal(plan_text("REDO= posix_only\nTABDATA= a\n"
	    GOOD_RULES, "right_only"), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "has no such rule"));
	/* A copied file with a control character in its name. */
	assert_int_equal(plan_text("REDO= posix_only\nTABDATA= a\001b\n"
	    GOOD_RULES, NULL), TZF_EINVAL);
	/* Too many files to copy. */
	assert_int_equal(plan_text("REDO= posix_only\nTABDATA= a b c d e f g "
	    "h i\n" GOOD_RULES, NULL), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "too many files"));
	/* A variable that refers to itself. */
	assert_int_equal(plan_text("REDO= posix_only\nTABDATA= $(TABDATA)\n"
	    GOOD_RULES, NULL), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "refers to itself"));
	/* No install rule; an install rule without zic -l. */
	assert_int_equal(plan_text("REDO= posix_only\n", NULL), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "no install rule"));
	assert_int_equal(plan_text("REDO= posix_only\nposix_only:\n\tzic "
	    "tzdata.zi\ninstall:\n\tcp a $(TZDIR)/.\n", NULL), TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "no zic -l"));
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
		cmocka_unit_test(test_2012e),
		cmocka_unit_test(test_2016j),
		cmocka_unit_test(test_2017c_2018a),
		cmocka_unit_test(test_later),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
