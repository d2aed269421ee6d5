/*
 * test_ziguard.c: cmocka tests of lib/ziguard.c: the FORM.zi text that
 * `make FORM.zi` writes for each build switch, and the compact
 * tzdata.zi of `make install`.
 *
 * Uses $TZF_SHARED/tzdb/2026c (default ../shared) and small synthetic
 * trees written to a temporary directory.  Byte-for-byte agreement with
 * ziguard.awk over whole releases is checked outside the unit tests
 * (see the source layer's verification notes); these tests pin down the
 * behaviours one by one.
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

#include "tzforge_test.h"

static char tmpdir[] = "/tmp/test_ziguard.XXXXXX";
static char lastmsg[1024];
static struct tzf_tree *tree2026c;

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static int
count(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* FORM.zi of the 2026c tree with SW into OUT. */
static void
zi2026c(struct tzf_buf *out, const struct tzf_switches *sw)
{
	out->len = 0;
	assert_int_equal(tzf_tree_zic_input(out, tree2026c, sw, &dg), TZF_OK);
}

/* The default main form is the data files concatenated in TDATA order. */
static void
test_main_is_concatenation(void **state)
{
	static const char *const files[] = {
		"africa", "antarctica", "asia", "australasia", "europe",
		"northamerica", "southamerica", "etcetera", "factory",
		"backward", NULL
	};
	struct tzf_buf a = TZF_BUF_INIT, b = TZF_BUF_INIT;
	const char *s;
	size_t len;
	int i;

	(void)state;
	for (i = 0; files[i] != NULL; i++) {
		assert_int_equal(tzf_tree_file(&s, &len, tree2026c, files[i]),
		    TZF_OK);
		tzf_buf_add(&a, s, len);
	}
	zi2026c(&b, NULL);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_int_equal(count(b.ptr, "#="), 14);
	tzf_buf_dispose(&a);
	tzf_buf_dispose(&b);
}

/* PACKRATDATA=backzone PACKRATLIST=zone.tab, quirks included. */
static void
test_packratlist(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	sw.backzone = true;
	sw.packratlist = "zone.tab";
	zi2026c(&b, &sw);
	/* 29 "#=" lines, as docs/forks.md §2.5 measured upstream. */
	assert_int_equal(count(b.ptr, "#="), 29);
	assert_non_null(strstr(b.ptr, "\nZone\tEurope/Oslo\t"));
	assert_non_null(strstr(b.ptr, "\n#Link\tEurope/Berlin\t\tEurope/Oslo"));
	/* Hanoi is not in zone.tab: its backzone entry stays commented. */
	assert_non_null(strstr(b.ptr, "\n#Zone\tAsia/Hanoi\t"));
	/* The cut_link_chains_short discrepancy, reproduced on purpose. */
	assert_non_null(strstr(b.ptr,
	    "\nLink\tEurope/Berlin\tArctic/Longyearbyen\t#= Europe/Oslo\n"));
	/* "#PACKRATLIST zone.tab Link ..." lines come alive, and then are
	 * cut short too, through the stale backward target of Bamako. */
	assert_non_null(strstr(b.ptr,
	    "\nLink\tAfrica/Abidjan\tAfrica/Timbuktu\t#= Africa/Bamako\n"));
	tzf_buf_dispose(&b);
}

static void
test_backzone_all(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	sw.backzone = true;
	zi2026c(&b, &sw);
	assert_non_null(strstr(b.ptr, "\nZone\tAsia/Hanoi\t"));
	assert_non_null(strstr(b.ptr, "\nZone\tEurope/Oslo\t"));
	assert_null(strstr(b.ptr, "\n#PACKRATLIST zone.tab Link\t"));
	tzf_buf_dispose(&b);
}

static void
test_no_backward(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	sw.backward = false;
	zi2026c(&b, &sw);
	assert_null(strstr(b.ptr, "Australia/ACT"));
	assert_non_null(strstr(b.ptr, "Zone\tEurope/Berlin"));
	tzf_buf_dispose(&b);
}

static void
test_vanguard_rearguard(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	const char *p;

	(void)state;
	sw.dataform = "vanguard";
	zi2026c(&b, &sw);
	/* Real links to links, and Zone GMT instead of Zone Etc/GMT. */
	assert_non_null(strstr(b.ptr,
	    "\nLink\tAustralia/Canberra\tAustralia/ACT\n"));
	assert_non_null(strstr(b.ptr, "\nZone\tGMT\t"));
	assert_int_equal(count(b.ptr, "\n#="), 0);

	sw.dataform = "rearguard";
	zi2026c(&b, &sw);
	/* No %z left on data lines; Japan's rule in pre-2007 form. */
	for (p = b.ptr; (p = strstr(p, "%z")) != NULL; p++) {
		const char *bol = p;

		while (bol > b.ptr && bol[-1] != '\n')
			bol--;
		assert_true(memchr(bol, '#', (size_t)(p - bol)) != NULL);
	}
	assert_non_null(strstr(b.ptr, "Sun>=9\t 1:00"));
	assert_non_null(strstr(b.ptr, "\nZone\tEtc/GMT\t"));

	sw.dataform = "postguard";
	assert_int_equal(tzf_tree_zic_input(&b, tree2026c, &sw, &dg),
	    TZF_EINVAL);
	assert_non_null(strstr(lastmsg, "unknown data form 'postguard'"));
	tzf_buf_dispose(&b);
}

/* ------------------------------------------------------------------ */
/* Synthetic trees */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A tree whose data is BACKWARD and BACKZONE (other files empty). */
static struct tzf_tree *
synthetic(const char *name, const char *etcetera, const char *backward,
    const char *backzone)
{
	static const char *const empty[] = {
		"africa", "antarctica", "asia", "australasia", "europe",
		"northamerica", "southamerica", "factory", NULL
	};
	struct tzf_tree *t;
	char dir[4200];
	int i;

	snprintf(dir, sizeof dir, "%s/%s", tmpdir, name);
	assert_int_equal(mkdir(dir, 0755), 0);
	for (i = 0; empty[i] != NULL; i++)
		write_file(dir, empty[i], "");
	write_file(dir, "etcetera", etcetera);
	write_file(dir, "backward", backward);
	if (backzone != NULL)
		write_file(dir, "backzone", backzone);
	write_file(dir, "version", "2099a\n");
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	return t;
}

/* Chains are cut to their end, keeping the link name's tab column. */
static void
test_link_chains(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = synthetic("chains", "Zone\tA/Bb\t0\t-\tX\n"
	    "Zone\tZz/Loooooooong\t0\t-\tY\n",
	    "Link\tA/Bb\tC/Dd\n"
	    "Link\tC/Dd\tE/Ff\t# old comment\n"
	    "Link\tZz/Loooooooong\tG/Hh\n"
	    "Link\tG/Hh\t\tI/Jj\n", NULL);
	assert_int_equal(tzf_tree_zic_input(&b, t, NULL, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nLink\tA/Bb\tE/Ff\t#= C/Dd\n"));
	assert_non_null(strstr(b.ptr,
	    "\nLink\tZz/Loooooooong\tI/Jj\t#= G/Hh\n"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/*
 * #STDOFF: with VANGUARD_SUBSECONDS, vanguard form puts the subsecond
 * offset on the Zone and continuation lines that carry its rounded
 * value, up to the first line that carries neither; otherwise a line
 * with the subsecond value gets the rounded one.  An exact half rounds
 * up (the awk's parity test sees the fraction).
 */
static void
test_stdoff(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = synthetic("stdoff", "\t\t#STDOFF\t-0:36:44.68\n"
	    "Zone\tA/Bb\t-0:36:45 -\tLMT\t1900\n"
	    "\t\t\t-0:36:45 -\tLMT\t1901\n"
	    "\t\t\t0:00\t-\tX\t1902\n"
	    "\t\t\t-0:36:45 -\tY\n"
	    "\t\t#STDOFF\t0:19:32.5\n"
	    "Zone\tC/Dd\t0:19:32.5 -\tLMT\n", "", NULL);
	sw.dataform = "vanguard";
	sw.subseconds = true;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nZone\tA/Bb\t-0:36:44.68 -\tLMT\t1900\n"
	    "\t\t\t-0:36:44.68 -\tLMT\t1901\n\t\t\t0:00\t-\tX\t1902\n"
	    "\t\t\t-0:36:45 -\tY\n"));
	assert_non_null(strstr(b.ptr, "\nZone\tC/Dd\t0:19:32.5 -\tLMT\n"));

	/* Rearguard (and vanguard without the switch): the reverse. */
	sw.dataform = "rearguard";
	b.len = 0;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nZone\tA/Bb\t-0:36:45 -\tLMT\t1900\n"
	    "\t\t\t-0:36:45 -\tLMT\t1901\n"));
	assert_non_null(strstr(b.ptr, "\nZone\tC/Dd\t0:19:33 -\tLMT\n"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* A later Zone or Link of the same name comments out the Link. */
static void
test_override(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char list[4200];

	(void)state;
	t = synthetic("override", "Zone\tA/Bb\t0\t-\tX\n",
	    "Link\tA/Bb\tC/Dd\nLink\tA/Bb\tE/Ff\n",
	    "Zone\tC/Dd\t1\t-\tY\nLink\tC/Dd\tE/Ff\n"
	    "Zone\tG/Hh\t2\t-\tZ\nRule\tR\t1970\tonly\t-\tJan\t1\t0\t0\t-\n");
	sw.backzone = true;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\n#Link\tA/Bb\tC/Dd\n"));
	assert_non_null(strstr(b.ptr, "\n#Link\tA/Bb\tE/Ff\n"));
	/* C/Dd's backward target A/Bb is remembered after the Zone
	 * replaced it, so the backzone link is cut short (as upstream). */
	assert_non_null(strstr(b.ptr, "\nLink\tA/Bb\tE/Ff\t#= C/Dd\n"));

	/* With a list naming only C/Dd, G/Hh's block is commented out, its
	 * Rule lines excepted. */
	write_file(tmpdir, "override/list", "#c\tc\tc\nXX\t+0\tC/Dd\n");
	snprintf(list, sizeof list, "%s/override/list", tmpdir);
	sw.packratlist = list;	/* not in the tree: read from disk */
	b.len = 0;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_OK);
	assert_non_null(strstr(b.ptr, "\nZone\tC/Dd\t1"));
	assert_non_null(strstr(b.ptr, "\n#Zone\tG/Hh\t2"));
	assert_non_null(strstr(b.ptr, "\nRule\tR\t1970"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

static void
test_missing_files(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = synthetic("missing", "", "", NULL);
	sw.backzone = true;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_ENOTFOUND);
	assert_non_null(strstr(lastmsg, "no file 'backzone'"));
	sw.backzone = false;
	sw.packratlist = "zone.tab";
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_ENOTFOUND);
	assert_non_null(strstr(lastmsg, "zone.tab"));
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* ------------------------------------------------------------------ */
/* tzdata.zi */

static void
test_tzdata_zi_compact(void **state)
{
	static const char want[] =
	    "# version 2099a\n"
	    "# redo posix_only\n"
	    "# This zic input file is in the public domain.\n"
	    "R u 1967 2006 - O lastSu 2 0 S\n"
	    "R u 1987 2006 - Ap Su>=1 2 1 D\n"
	    "R Zq 2000 ma - Mar 1 1:30 0:30 -\n"
	    "Z Etc/Test -4:56:2 - LMT 1883 N 18 12:3:58\n"
	    "-5 u E%sT 1990\n"
	    "-5 Zq %z\n"
	    "L Etc/Test Etc/Alias\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	t = synthetic("shrink",
	    "# comment\n"
	    "Rule\tUS\t1967\t2006\t-\tOct\tlastSun\t2:00\t0\tS\n"
	    "Rule\tUS\t1987\t2006\t-\tApr\tSun>=1\t2:00\t1:00\tD\n"
	    "Rule\tUnused\t1990\tonly\t-\tJan\t1\t0:00\t0\t-\n"
	    "Rule\tZqAsia\t2000\tmax\t-\tMar\t1\t1:30\t0:30\t-\n"
	    "Rule\tZq\t2000\tmax\t-\tMar\t1\t1:30\t0:30\t-\n"
	    "Zone\tEtc/Test\t-4:56:02 -\tLMT\t1883 Nov 18 12:03:58\n"
	    "\t\t\t-5:00\tUS\tE%sT\t1990 Jan  1\n"
	    "\t\t\t-5:00\tZqAsia\t%z\n",
	    "Link\tEtc/Test\tEtc/Alias\t# why\n", NULL);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_string_equal(b.ptr, want);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

static void
test_tzdata_zi_headers(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;

	(void)state;
	sw.backzone = true;
	sw.packratlist = "zone.tab";
	assert_int_equal(tzf_tree_tzdata_zi(&b, tree2026c, &sw, &dg), TZF_OK);
	/* the shared directory has no version file: "unknown" */
	assert_true(has_prefix(b.ptr, "# version unknown\n# redo posix_only\n"
	    "# ddeps backzone zone.tab\n"
	    "# This zic input file is in the public domain.\n"));
	assert_non_null(strstr(b.ptr, "\nZ Europe/Oslo "));

	b.len = 0;
	sw = (struct tzf_switches)TZF_SWITCHES_INIT;
	sw.backward = false;
	sw.dataform = "vanguard";
	sw.redo = "posix_right";
	assert_int_equal(tzf_tree_tzdata_zi(&b, tree2026c, &sw, &dg), TZF_OK);
	assert_true(has_prefix(b.ptr, "# version unknown\n# dataform vanguard\n"
	    "# ddeps !backward\n"));
	assert_null(strstr(b.ptr, "\nZ Europe/Oslo "));
	tzf_buf_dispose(&b);
}

/* An installed tzdata.zi passes through unchanged. */
static void
test_tzdata_zi_single(void **state)
{
	static const char zi[] = "# version 2099z\nZ Etc/X 1 - X\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char path[4200];

	(void)state;
	write_file(tmpdir, "tzdata.zi", zi);
	snprintf(path, sizeof path, "%s/tzdata.zi", tmpdir);
	assert_int_equal(tzf_tree_open(&t, path, &dg), TZF_OK);
	assert_int_equal(tzf_tree_tzdata_zi(&b, t, NULL, &dg), TZF_OK);
	assert_string_equal(b.ptr, zi);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

static int
setup(void **state)
{
	char dir[4096];
	const char *s = getenv("TZF_SHARED");

	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(dir, sizeof dir, "%s/tzdb/2026c", s ? s : "../shared");
	return tzf_tree_open(&tree2026c, dir, &dg) == TZF_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[4200];

	(void)state;
	tzf_tree_free(tree2026c);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_main_is_concatenation),
		cmocka_unit_test(test_packratlist),
		cmocka_unit_test(test_backzone_all),
		cmocka_unit_test(test_no_backward),
		cmocka_unit_test(test_vanguard_rearguard),
		cmocka_unit_test(test_link_chains),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_stdoff),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_tzdata_zi_compact),
		cmocka_unit_test(test_tzdata_zi_headers),
		cmocka_unit_test(test_tzdata_zi_single),
	};
	int rc;

	if (tzf_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
