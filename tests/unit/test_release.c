/*
 * test_release.c: cmocka tests of the release builder (lib/release.c,
 * lib/makefile.c, the version table of lib/ziguard.c), checked against
 * the outside world where there is one:
 *
 *   - the Makefile reader against GNU make on every Makefile of both
 *     bundles (TDATA, PACKRATDATA, VERSION, with the switches' overrides);
 *   - the table of ziguard.awk versions against the scripts the tags
 *     carry;
 *   - the zic input of releases with systemv against what their own
 *     Makefile makes (issue 16, item 3);
 *   - origins: each line of the input is where the files say it is.
 *
 * Needs tests/repos/{upstream,global-tz}.git (make repos) and make; the
 * tests that need them are skipped without.
 */
#include "tzf_test.h"

#include <sys/stat.h>

#include <unistd.h>

#include "tzf_source.h"

#define UP "tests/repos/upstream.git"
#define GTZ "tests/repos/global-tz.git"

static char tmpdir[] = "/tmp/test_release.XXXXXX";

/* A Makefile that prints variables: make -f Makefile -f print.mk
 * print-VAR. */
static const char print_mk[] = "print-%:\n\t@printf '%s\\n' \"$($*)\"\n";

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	fprintf(stderr, "# %s\n", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static bool
have_repos(void)
{
	struct stat st;

	return stat(UP, &st) == 0 && stat(GTZ, &st) == 0;
}

/* The output of shell command CMD, whole; NULL if it failed. */
static char *
run(const char *cmd)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		tzf_buf_add(&b, chunk, n);
	if (pclose(p) != 0) {
		tzf_buf_dispose(&b);
		return NULL;
	}
	return tzf_buf_detach(&b);
}

/* Every tag of REPO, as REPO@TAG specs, one a line. */
static char *
tags(const char *repo)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "git -C %s tag | sed 's|^|%s@|'", repo,
	    repo);
	return run(cmd);
}

/* S with runs of blanks made one space, without leading and trailing. */
static void
squeeze(char *s)
{
	char *w = s, *r = s;

	for (; *r != '\0'; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n') {
			if (w > s && w[-1] != ' ')
				*w++ = ' ';
		} else {
			*w++ = *r;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ------------------------------------------------------------------ */
/* The Makefile reader */

static const char *const vars[] = {
	"TDATA", "PACKRATDATA", "PACKRATLIST", "BACKWARD", "VERSION",
	"DATAFORM"
};
#define NVARS (sizeof vars / sizeof vars[0])

/* The overrides the switches make, as on make's command line. */
static const char *const overrides[][2] = {
	{ NULL, NULL }, { "BACKWARD", "" }, { "PACKRATDATA", "backzone" },
};

/* Compare our values of MAKEFILE (LEN bytes) with GNU make's. */
static void
compare_with_make(const char *spec, const char *makefile, size_t len)
{
	char path[512], cmd[1024], *out, *line, *next;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf__mk *mk;
	size_t o, v;

	snprintf(path, sizeof path, "%s/Makefile", tmpdir);
	write_file(path, makefile, len);
	for (o = 0; o < sizeof overrides / sizeof overrides[0]; o++) {
		assert_int_equal(tzf__mk_read(&mk, makefile, len), TZF_OK);
		if (overrides[o][0] != NULL)
			assert_int_equal(tzf__mk_override(mk, overrides[o][0],
			    overrides[o][1]), TZF_OK);
		snprintf(cmd, sizeof cmd, "cd %s && env -u MAKEFLAGS -u "
		    "MAKELEVEL make -s -f Makefile -f print.mk %s%s%s "
		    "print-TDATA print-PACKRATDATA print-PACKRATLIST "
		    "print-BACKWARD print-VERSION print-DATAFORM", tmpdir,
		    overrides[o][0] ? overrides[o][0] : "",
		    overrides[o][0] ? "=" : "",
		    overrides[o][1] ? overrides[o][1] : "");
		out = run(cmd);
		assert_non_null(out);
		for (v = 0, line = out; v < NVARS; v++, line = next) {
			next = strchr(line, '\n');
			assert_non_null(next);
			*next++ = '\0';
			b.len = 0;
			tzf_buf_puts(&b, "");
			assert_int_equal(tzf__mk_value(&b, mk, vars[v]),
			    TZF_OK);
			squeeze(b.ptr);
			squeeze(line);
			if (strcmp(b.ptr, line) != 0)
				fail_msg("%s %s (override %zu): make says "
				    "'%s', we say '%s'", spec, vars[v], o, line,
				    b.ptr);
		}
		free(out);
		tzf__mk_free(mk);
	}
	tzf_buf_dispose(&b);
}

/* Every Makefile of both bundles reads as GNU make reads it. */
static void
test_makefiles_as_make_reads_them(void **state)
{
	const char *const repos[] = { UP, GTZ };
	char *list, *spec, *next, path[512];
	struct tzf_tree *t;
	const char *text;
	size_t len, r;
	int n = 0;

	(void)state;
	if (!have_repos())
		skip();
	snprintf(path, sizeof path, "%s/print.mk", tmpdir);
	write_file(path, print_mk, strlen(print_mk));
	for (r = 0; r < 2; r++) {
		list = tags(repos[r]);
		assert_non_null(list);
		for (spec = list; *spec != '\0'; spec = next) {
			next = strchr(spec, '\n');
			*next++ = '\0';
			assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
			assert_int_equal(tzf_tree_file(&text, &len, t,
			    "Makefile"), TZF_OK);
			compare_with_make(spec, text, len);
			tzf_tree_free(t);
			n++;
		}
		free(list);
	}
	assert_int_equal(n, 106);
}

/* What the tz Makefiles do not use, on a small Makefile of our own. */
static void
test_makefile_syntax(void **state)
{
	static const char mk_text[] =
	    "# comment\n"
	    "A=\tone \\\n\t  two\t\\\n three # trailing comment\n"
	    "B = $(A) ${A} $$x \\# not a comment\n"
	    "C := $(A)\n"
	    "A += four\n"
	    "D ?= first\n"
	    "D ?= second\n"
	    "target: A=ignored\n"
	    "\tE=recipe line\n"
	    "F = $(shell echo no)\n"
	    "G = $(A:one=1)\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf__mk *mk;

	(void)state;
	assert_int_equal(tzf__mk_read(&mk, mk_text, sizeof mk_text - 1),
	    TZF_OK);
	assert_int_equal(tzf__mk_value(&b, mk, "A"), TZF_OK);
	/* What GNU make 4.3 gives: the blanks before a comment stay. */
	assert_string_equal(b.ptr, "one two three  four");
	b.len = 0;
	assert_int_equal(tzf__mk_value(&b, mk, "B"), TZF_OK);
	assert_string_equal(b.ptr, "one two three  four one two three  four "
	    "$x # not a comment");
	b.len = 0;
	assert_int_equal(tzf__mk_value(&b, mk, "C"), TZF_OK);
	assert_string_equal(b.ptr, "one two three ");
	b.len = 0;
	assert_int_equal(tzf__mk_value(&b, mk, "D"), TZF_OK);
	assert_string_equal(b.ptr, "first");
	assert_false(tzf__mk_has(mk, "E"));
	assert_false(tzf__mk_has(mk, "target"));
	assert_int_equal(tzf__mk_value(&b, mk, "F"), TZF_EINVAL);
	assert_int_equal(tzf__mk_value(&b, mk, "G"), TZF_EINVAL);
	assert_int_equal(tzf__mk_override(mk, "A", "x"), TZF_OK);
	b.len = 0;
	assert_int_equal(tzf__mk_value(&b, mk, "B"), TZF_OK);
	assert_string_equal(b.ptr, "x x $x # not a comment");
	assert_false(tzf__mk_has(mk, "A"));	/* the command line's now */
	tzf__mk_free(mk);
	tzf_buf_dispose(&b);
}

/* ------------------------------------------------------------------ */
/* ziguard.awk versions */

/* Each tag's ziguard.awk is a version of the table, and the table says
 * the version first came in the oldest tag that has it. */
static void
test_guard_table(void **state)
{
	char *list, *spec, *next, hex[65], first[64];
	const struct tzf__guard *g;
	struct tzf_tree *t;
	int n = 0;

	(void)state;
	if (!have_repos())
		skip();
	list = run("git -C " UP " tag | sort | sed 's|^|" UP "@|'");
	assert_non_null(list);
	for (spec = list; *spec != '\0'; spec = next) {
		next = strchr(spec, '\n');
		*next++ = '\0';
		assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
		if (tzf_tree_sha256(hex, t, "ziguard.awk") == TZF_OK) {
			g = tzf__guard_by_sha256(hex);
			if (g == NULL)
				fail_msg("%s: ziguard.awk %s not in the table",
				    spec, hex);
			snprintf(first, sizeof first, "%s", tzf__guard_first(g));
			assert_true(tzf__release_cmp(first, strchr(spec, '@') +
			    1) <= 0);
			assert_ptr_equal(tzf__guard_by_release(strchr(spec,
			    '@') + 1), g);
			n++;
		}
		tzf_tree_free(t);
	}
	free(list);
	assert_int_equal(n, 39);	/* 2018d ... 2026c */
	assert_null(tzf__guard_by_release("2018c"));
	assert_null(tzf__guard_by_sha256("00"));
}

/* ------------------------------------------------------------------ */
/* Builds against the releases' own Makefiles */

/* Lines of TEXT. */
static long
nlines(const char *text)
{
	long n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

static long
count_prefix(const char *text, const char *prefix)
{
	long n = 0;
	size_t len = strlen(prefix);

	for (; text != NULL && *text != '\0'; text = strchr(text, '\n')) {
		text += *text == '\n';
		n += strncmp(text, prefix, len) == 0;
	}
	return n;
}

/*
 * The zic input of TAG has as many lines, and as many live "Rule
 * SystemV" lines, as what the release's own Makefile gives zic: `make
 * main.zi`, or before 2018d the files of TDATA one after the other, as
 * the second make run of make install, given $(INSTALLARGS), sees it.
 */
static void
check_systemv(const char *tag)
{
	char spec[256], cmd[1024], *theirs;
	struct tzf_build *b;
	struct tzf_tree *t;
	const char *ours;
	size_t len;

	snprintf(spec, sizeof spec, UP "@%s", tag);
	snprintf(cmd, sizeof cmd, "rm -rf %s/src && mkdir %s/src && "
	    "git -C " UP " archive refs/tags/%s | tar -x -C %s/src && cd "
	    "%s/src && if grep -q '^main.zi' Makefile || grep -q "
	    "'main.zi:' Makefile; then make -s AWK=gawk main.zi >/dev/null "
	    "&& cat main.zi; else args=$(make -s -f Makefile -f ../print.mk "
	    "print-INSTALLARGS); cat $(eval make -s -f Makefile -f "
	    "../print.mk \"$args\" print-TDATA | grep -v '^make'); fi",
	    tmpdir, tmpdir, tag, tmpdir, tmpdir);
	theirs = run(cmd);
	assert_non_null(theirs);
	assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
	assert_int_equal(tzf_build_release(&b, t, NULL, &dg), TZF_OK);
	ours = tzf_build_text(b, &len);
	if (nlines(ours) != nlines(theirs) ||
	    count_prefix(ours, "Rule\tSystemV") !=
	    count_prefix(theirs, "Rule\tSystemV"))
		fail_msg("%s: %ld lines, %ld SystemV rules; the Makefile's "
		    "%ld and %ld", tag, nlines(ours),
		    count_prefix(ours, "Rule\tSystemV"), nlines(theirs),
		    count_prefix(theirs, "Rule\tSystemV"));
	assert_true(count_prefix(ours, "Rule\tSystemV") > 0);
	tzf_build_free(b);
	tzf_tree_free(t);
	free(theirs);
}

/* Releases up to 2020a have systemv, whose Rule lines are live. */
static void
test_systemv_where_the_makefile_has_it(void **state)
{
	char path[512];

	(void)state;
	if (!have_repos() || system("gawk --version >/dev/null 2>&1") != 0)
		skip();
	snprintf(path, sizeof path, "%s/print.mk", tmpdir);
	write_file(path, print_mk, strlen(print_mk));
	check_systemv("2014c");
	check_systemv("2017c");
	check_systemv("2019c");
	check_systemv("2020a");
}

/* Each line of the input is the line its origin names. */
static void
test_origins(void **state)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	const struct tzf_origin *o;
	const char *text, *p, *src, *line;
	struct tzf_build *b;
	struct tzf_tree *t;
	size_t len, n, i, k;
	long l;

	(void)state;
	if (!have_repos())
		skip();
	sw.backzone = true;
	sw.packratlist = "zone.tab";
	assert_int_equal(tzf_tree_open(&t, UP "@2026c", &dg), TZF_OK);
	assert_int_equal(tzf_build_release(&b, t, &sw, &dg), TZF_OK);
	text = tzf_build_text(b, &len);
	o = tzf_build_origins(b, &n);
	assert_int_equal(n, (size_t)nlines(text));
	for (i = 0, p = text; i < n; i++, p = strchr(p, '\n') + 1) {
		assert_int_equal(tzf_tree_file(&src, NULL, t, o[i].file),
		    TZF_OK);
		for (line = src, l = 1; l < o[i].line; l++)
			line = strchr(line, '\n') + 1;
		k = strcspn(p, "\n");
		/* main form changes only "#PACKRATLIST" and '#' prefixes
		 * and a link's target and alignment (#= notes) */
		if (strncmp(p, line, k) != 0 && p[0] != '#' &&
		    strncmp(line, "#PACKRATLIST", 12) != 0 &&
		    strstr(p, "#=") == NULL)
			fail_msg("line %zu: '%.*s' from %s:%ld '%.*s'", i + 1,
			    (int)k, p, o[i].file, o[i].line,
			    (int)strcspn(line, "\n"), line);
	}
	/* Edmonton where northamerica has it, not at its line in main.zi */
	for (i = 0, p = text; strncmp(p, "Zone America/Edmonton", 21) != 0;
	    i++)
		p = strchr(p, '\n') + 1;
	assert_string_equal(o[i].file, "northamerica");
	assert_true((size_t)o[i].line < i);
	tzf_build_free(b);
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
		cmocka_unit_test(test_makefile_syntax),
		cmocka_unit_test(test_makefiles_as_make_reads_them),
		cmocka_unit_test(test_guard_table),
		cmocka_unit_test(test_systemv_where_the_makefile_has_it),
		cmocka_unit_test(test_origins),
	};
	int rc;

	tzf_init();
	rc = cmocka_run_group_tests_name("release", tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
