/*
 * test_gitsrc.c: cmocka tests of lib/gitsrc.c and the fork side of
 * lib/source.c: REPO@REF for tags, branches and commits, resolved and
 * described as the git command line does, versions as each release's
 * Makefile derives them, the bad-ref messages, and FORK@REF after
 * tzf_fork_fetch() clones from a local bare repository.
 *
 * Needs tests/repos/upstream.git and tests/repos/global-tz.git (the
 * Makefile clones them from ../shared/tzdb/bundles) and the manifests
 * in tzdb-forks/; run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzf_test.h"

#define UPSTREAM "tests/repos/upstream.git"
#define GLOBALTZ "tests/repos/global-tz.git"

static char tmpdir[] = "/tmp/test_gitsrc.XXXXXX";
static char lastmsg[1024];

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static void
expect_fail(const char *spec, int rc, const char *want)
{
	struct tzf_tree *t = (struct tzf_tree *)&t;

	lastmsg[0] = '\0';
	assert_int_equal(tzf_tree_open(&t, spec, &dg), rc);
	assert_null(t);
	if (strstr(lastmsg, want) == NULL)
		fail_msg("message '%s' lacks '%s'", lastmsg, want);
}

static bool
is_hex40(const char *s)
{
	return s != NULL && strlen(s) == 40 &&
	    strspn(s, "0123456789abcdef") == 40;
}

static void
test_tag(void **state)
{
	struct tzf_tree *t;
	const char *s;
	size_t len;

	(void)state;
	assert_int_equal(tzf_tree_open(&t, UPSTREAM "@2026c", &dg), TZF_OK);
	assert_int_equal(tzf_tree_kind(t), TZF_TREE_GIT);
	assert_true(is_hex40(tzf_tree_commit(t)));
	assert_string_equal(tzf_tree_version(t), "2026c");
	assert_int_equal(tzf_tree_file(&s, &len, t, "europe"), TZF_OK);
	assert_int_equal(len, 187231);	/* style.md's figure */
	assert_int_equal(tzf_tree_file(&s, &len, t, "backzone"), TZF_OK);
	tzf_tree_free(t);
}

/* The same text from git as from the plain directory. */
static void
test_same_as_dir(void **state)
{
	struct tzf_buf a = TZF_BUF_INIT, b = TZF_BUF_INIT;
	struct tzf_tree *t;
	char dir[4096];
	const char *sh = getenv("TZF_SHARED");

	(void)state;
	snprintf(dir, sizeof dir, "%s/tzdb/2026c", sh ? sh : "../shared");
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	assert_int_equal(tzf_tree_zic_input(&a, t, NULL, &dg), TZF_OK);
	tzf_tree_free(t);
	assert_int_equal(tzf_tree_open(&t, UPSTREAM "@2026c", &dg), TZF_OK);
	assert_int_equal(tzf_tree_zic_input(&b, t, NULL, &dg), TZF_OK);
	tzf_tree_free(t);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	tzf_buf_dispose(&a);
	tzf_buf_dispose(&b);
}

/* What the git command line says of REF in REPO: its commit, and the
 * upstream Makefile's `git describe`. */
static void
git_says(char commit[64], char described[128], const char *repo,
    const char *ref)
{
	char cmd[512];

	snprintf(cmd, sizeof cmd, "git -C %s rev-parse -q --verify "
	    "'%s^{commit}' 2>/dev/null", repo, ref);
	tt_shell_line(commit, 64, cmd);
	snprintf(cmd, sizeof cmd, "git -C %s describe --match "
	    "'[0-9][0-9][0-9][0-9][a-z]*' --abbrev=7 '%s' 2>/dev/null",
	    repo, ref);
	tt_shell_line(described, 128, cmd);
}

/* REPO@REF is the commit git resolves REF to, with git's describe as
 * its version. */
static void
expect_as_git(const char *repo, const char *ref, const char *gitref)
{
	char spec[512], commit[64], described[128];
	struct tzf_tree *t;

	git_says(commit, described, repo, gitref);
	assert_true(is_hex40(commit));
	assert_true(described[0] != '\0');
	snprintf(spec, sizeof spec, "%s@%s", repo, ref);
	assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
	assert_string_equal(tzf_tree_commit(t), commit);
	assert_string_equal(tzf_tree_version(t), described);
	tzf_tree_free(t);
}

/*
 * Branches, full and abbreviated commit ids, an untagged commit and the
 * lightweight tags of global-tz (which git describe, without --tags,
 * passes over) resolve and are described as the git command line does.
 */
static void
test_refs_as_git(void **state)
{
	char commit[64], described[128], abbrev[16];

	(void)state;
	expect_as_git(UPSTREAM, "main", "main");
	expect_as_git(UPSTREAM, "2026c", "refs/tags/2026c");
	expect_as_git(UPSTREAM, "main~3", "main~3");
	expect_as_git(UPSTREAM, "2021a", "refs/tags/2021a");
	expect_as_git(GLOBALTZ, "global-tz", "global-tz");
	expect_as_git(GLOBALTZ, "2022bgtz", "refs/tags/2022bgtz");
	git_says(commit, described, UPSTREAM, "main~3");
	expect_as_git(UPSTREAM, commit, commit);
	snprintf(abbrev, sizeof abbrev, "%.10s", commit);
	expect_as_git(UPSTREAM, abbrev, commit);
}

/* The figures of ../shared/tzdb/README.md, from git's own describe. */
static void
test_describe_figures(void **state)
{
	char commit[64], described[128];

	(void)state;
	git_says(commit, described, UPSTREAM, "main");
	assert_string_equal(described, "2026c-10-gb41b681");
	git_says(commit, described, GLOBALTZ, "global-tz");
	assert_string_equal(described, "2026cgtz-50-g690d831");
}

/* A branch name is never the version: REPO@main is described. */
static void
test_branch_is_not_the_version(void **state)
{
	struct tzf_tree *t;

	(void)state;
	assert_int_equal(tzf_tree_open(&t, UPSTREAM "@main", &dg), TZF_OK);
	assert_string_not_equal(tzf_tree_version(t), "main");
	assert_string_equal(tzf_tree_version(t), "2026c-10-gb41b681");
	tzf_tree_free(t);
}

/* "2018f" is also an abbreviated object id in the bundle; the tag wins,
 * as it does for git. */
static void
test_tag_wins_over_object_id(void **state)
{
	char commit[64], described[128];
	struct tzf_tree *t;

	(void)state;
	git_says(commit, described, UPSTREAM, "refs/tags/2018f");
	assert_int_equal(tzf_tree_open(&t, UPSTREAM "@2018f", &dg), TZF_OK);
	assert_string_equal(tzf_tree_commit(t), commit);
	assert_string_equal(tzf_tree_version(t), "2018f");
	tzf_tree_free(t);
}

/*
 * Versions as each Makefile derives them: the VERSION an old Makefile
 * states (2012e, which has no NEWS), `git describe` for later ones, and
 * "unknown" for a directory without a version file, as the Makefile
 * writes then -- never NEWS, which in global-tz names upstream's 2026c.
 */
static void
test_versions(void **state)
{
	char dir[4096];
	struct tzf_tree *t;
	const char *s, *sh = getenv("TZF_SHARED");

	(void)state;
	assert_int_equal(tzf_tree_open(&t, UPSTREAM "@2012e", &dg), TZF_OK);
	assert_int_equal(tzf_tree_file(&s, NULL, t, "NEWS"), TZF_ENOTFOUND);
	assert_string_equal(tzf_tree_version(t), "2012e");
	tzf_tree_free(t);
	assert_int_equal(tzf_tree_open(&t, GLOBALTZ "@2026cgtz", &dg), TZF_OK);
	assert_string_equal(tzf_tree_version(t), "2026cgtz");
	tzf_tree_free(t);
	snprintf(dir, sizeof dir, "%s/tzdb/2026cgtz", sh ? sh : "../shared");
	assert_int_equal(tzf_tree_open(&t, dir, &dg), TZF_OK);
	assert_string_equal(tzf_tree_version(t), "unknown");
	tzf_tree_free(t);
}

static void
test_bad_specs(void **state)
{
	char spec[4200];

	(void)state;
	snprintf(spec, sizeof spec, "%s@2026c", tmpdir);
	expect_fail(spec, TZF_ENOTFOUND, "not a git repository");
	expect_fail(UPSTREAM "@nosuchref", TZF_ENOTFOUND,
	    "unknown ref 'nosuchref'");
	/* A ref naming a blob has no tree of tzdb data. */
	expect_fail(UPSTREAM "@2026c:africa", TZF_ENOTFOUND,
	    "no tzdb data at that ref");
	expect_fail("nosuchfork@2026c", TZF_ENOTFOUND,
	    "unknown fork 'nosuchfork'");
	expect_fail("../evil@2026c", TZF_ENOTFOUND, "no such path");
}

/* A known fork whose clone is missing says so. */
static void
test_fork_not_fetched(void **state)
{
	char dir[4200];

	(void)state;
	snprintf(dir, sizeof dir, "%s/empty", tmpdir);
	setenv("TZFORGE_FORKS", dir, 1);
	expect_fail("upstream@2026c", TZF_ENOTFOUND, "not fetched");
}

static void
progress(void *payload, size_t done, size_t total)
{
	size_t *calls = payload;

	assert_true(done <= total);
	(*calls)++;
}

/* Fetch clones into $TZFORGE_FORKS/NAME.git, then FORK@REF reads it;
 * a second fetch updates the existing clone. */
static void
test_fetch_and_fork(void **state)
{
	struct tzf_buf dir = TZF_BUF_INIT;
	char url[PATH_MAX], forks[4200];
	struct tzf_tree *t;
	size_t calls = 0;

	(void)state;
	assert_non_null(realpath(GLOBALTZ, url));
	snprintf(forks, sizeof forks, "%s/forks", tmpdir);
	setenv("TZFORGE_FORKS", forks, 1);
	assert_int_equal(tzf_fork_fetch("global-tz", url, progress, &calls,
	    &dg), TZF_OK);
	assert_true(calls > 0);
	assert_int_equal(tzf_fork_dir(&dir, "global-tz", &dg), TZF_OK);
	assert_true(strstr(dir.ptr, "/forks/global-tz.git") != NULL);
	assert_int_equal(access(dir.ptr, F_OK), 0);

	assert_int_equal(tzf_tree_open(&t, "global-tz@2026cgtz", &dg), TZF_OK);
	assert_int_equal(tzf_tree_kind(t), TZF_TREE_FORK);
	assert_string_equal(tzf_tree_kind_name(TZF_TREE_FORK), "fork");
	assert_string_equal(tzf_tree_version(t), "2026cgtz");
	assert_true(is_hex40(tzf_tree_commit(t)));
	tzf_tree_free(t);
	assert_int_equal(tzf_tree_open(&t, "global-tz@2022agtz", &dg), TZF_OK);
	tzf_tree_free(t);

	assert_int_equal(tzf_fork_fetch("global-tz", url, NULL, NULL, &dg),
	    TZF_OK);
	assert_int_equal(tzf_fork_fetch("nosuchfork", url, NULL, NULL, &dg),
	    TZF_ENOTFOUND);
	tzf_buf_dispose(&dir);
}

/* Tags through libgit2: a pattern, and a fork's own tag family. */
static void
test_tags(void **state)
{
	char url[PATH_MAX], forks[4200], cmd[512], count[32];
	char **v;
	size_t n;

	(void)state;
	assert_int_equal(tzf_git_tags(&v, &n, UPSTREAM, "2026*", &dg), TZF_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0], "2026a");
	assert_string_equal(v[2], "2026c");
	tzf_release_list_free(v, n);
	snprintf(cmd, sizeof cmd, "git -C %s tag | wc -l", UPSTREAM);
	tt_shell_line(count, sizeof count, cmd);
	assert_int_equal(tzf_git_tags(&v, &n, UPSTREAM, NULL, &dg), TZF_OK);
	assert_int_equal(n, (size_t)atoi(count));
	tzf_release_list_free(v, n);

	assert_non_null(realpath(GLOBALTZ, url));
	snprintf(forks, sizeof forks, "%s/forks-tags", tmpdir);
	setenv("TZFORGE_FORKS", forks, 1);
	assert_int_equal(tzf_fork_fetch("global-tz", url, NULL, NULL, &dg),
	    TZF_OK);
	assert_int_equal(tzf_git_tags(&v, &n, "global-tz", NULL, &dg), TZF_OK);
	assert_int_equal(n, 19);	/* 2022agtz ... 2026cgtz */
	assert_string_equal(v[0], "2022agtz");
	assert_string_equal(v[n - 1], "2026cgtz");
	tzf_release_list_free(v, n);
}

/* The manifests, read in full. */
static void
test_manifests(void **state)
{
	struct tzf_fork *f;

	(void)state;
	assert_int_equal(tzf_fork_open(&f, "global-tz", &dg), TZF_OK);
	assert_string_equal(tzf_fork_tags(f), "[0-9][0-9][0-9][0-9][a-z]gtz");
	assert_string_equal(tzf_fork_suffix(f), "gtz");
	assert_string_equal(tzf_fork_branch(f), "global-tz");
	assert_string_equal(tzf_fork_profile(f)->dataform, "main");
	assert_true(tzf_fork_profile(f)->backward);
	assert_false(tzf_fork_profile(f)->backzone);
	tzf_fork_free(f);
	assert_int_equal(tzf_fork_open(&f, "upstream", &dg), TZF_OK);
	assert_string_equal(tzf_fork_suffix(f), "");
	assert_string_equal(tzf_fork_branch(f), "main");
	tzf_fork_free(f);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	/* Manifests from the source tree, whatever TZF_FORKS_DIR says. */
	return setenv("TZFORGE_MANIFESTS", "tzdb-forks", 1);
}

static int
teardown(void **state)
{
	char cmd[4200];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_same_as_dir),
		cmocka_unit_test(test_refs_as_git),
		cmocka_unit_test(test_describe_figures),
		cmocka_unit_test(test_branch_is_not_the_version),
		cmocka_unit_test(test_tag_wins_over_object_id),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_fork_not_fetched),
		cmocka_unit_test(test_fetch_and_fork),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_manifests),
	};
	int rc;

	if (tzf_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
