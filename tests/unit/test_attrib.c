/*
 * test_attrib.c: cmocka tests of lib/attrib.c (which commits changed
 * compiled behaviour, and the behavioural blame) and of the commit walk
 * of lib/gitsrc.c, on the bare clone of the shared upstream bundle
 * (tests/repos/upstream.git; skipped without it), checked against git's
 * own log of the same ranges.  Run from the repository root.
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

#include "tzf_test.h"

#define REPO "tests/repos/upstream.git"

static char lastmsg[1024];

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static void
need_repo(void)
{
	struct stat st;

	if (stat(REPO, &st) != 0)
		skip();		/* make repos */
}

/* tzf_git_log agrees with "git rev-list --first-parent" on a range. */
static void
test_log(void **state)
{
	static const char *const watch[] = { "africa", NULL };
	struct tzf_commit *c;
	char want[256], got[64];
	size_t n;

	(void)state;
	need_repo();
	assert_int_equal(tzf_git_log(&c, &n, REPO, "2026b..2026c", watch,
	    &dg), TZF_OK);
	tt_shell_line(want, sizeof want, "git --git-dir=" REPO
	    " rev-list --count --first-parent 2026b..2026c");
	snprintf(got, sizeof got, "%zu", n);
	assert_string_equal(got, want);
	/* Oldest first; the last is the release commit. */
	tt_shell_line(want, sizeof want, "git --git-dir=" REPO
	    " rev-parse '2026c^{commit}'");
	assert_string_equal(c[n - 1].id, want);
	assert_string_equal(c[n - 1].subject, "Release 2026c");
	tt_shell_line(want, sizeof want, "git --git-dir=" REPO
	    " rev-list --first-parent --reverse 2026b..2026c | head -n 1");
	assert_string_equal(c[0].id, want);
	/* Morocco's change touches africa; the release commit does not. */
	{
		size_t i, k = n;

		for (i = 0; i < n; i++)
			if (strstr(c[i].subject, "Morocco goes to plain UTC"))
				k = i;
		assert_true(k < n);
		assert_true(c[k].touches);
		assert_false(c[n - 1].touches);
		assert_string_equal(c[k].author, "Paul Eggert");
	}
	tzf_commits_free(c, n);
	assert_int_equal(tzf_git_log(&c, &n, REPO, "2026b..no-such-rev",
	    watch, &dg), TZF_ENOTFOUND);
	assert_string_equal(lastmsg, "unknown revision 'no-such-rev'");
}

struct seen {
	char subjects[64][128];
	size_t n;
	bool edmonton, morocco;
};

static int
note(void *payload, const struct tzf_commit *c, const struct tzf_cmp *cmp)
{
	struct seen *s = payload;

	if (s->n < 64)
		snprintf(s->subjects[s->n++], sizeof s->subjects[0], "%s",
		    c->subject);
	if (strcmp(c->subject, "Alberta has stopped changing clocks") == 0)
		s->edmonton = tzf_cmp_find(cmp, "America/Edmonton") != NULL;
	if (strcmp(c->subject, "Morocco goes to plain UTC on 2026-09-20") ==
	    0)
		s->morocco = tzf_cmp_find(cmp, "Africa/Casablanca") != NULL &&
		    tzf_cmp_find(cmp, "Africa/El_Aaiun") != NULL;
	return 0;
}

static bool
has_subject(const struct seen *s, const char *subject)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->subjects[i], subject) == 0)
			return true;
	return false;
}

/* 2026b..2026c: the commits that changed behaviour, and no others. */
static void
test_commits(void **state)
{
	struct tzf_attrib_stats st;
	struct seen s;

	(void)state;
	need_repo();
	memset(&s, 0, sizeof s);
	assert_int_equal(tzf_attrib_commits(&st, REPO, "2026b..2026c", NULL,
	    NULL, note, &s, &dg), TZF_OK);
	assert_true(has_subject(&s, "Alberta has stopped changing clocks"));
	assert_true(has_subject(&s,
	    "Morocco goes to plain UTC on 2026-09-20"));
	assert_true(s.edmonton);
	assert_true(s.morocco);
	/* Commentary and code commits are not named. */
	assert_false(has_subject(&s, "Update now-obsolete Morocco comments"));
	assert_false(has_subject(&s, "Release 2026c"));
	assert_int_equal(st.ncommits, 50);
	assert_int_equal(st.nchanged, s.n);
	assert_true(st.nbuilt < st.ntouching);	/* comments passed over */
}

/* Oslo at 1940-08-10T12:00Z: CEST by way of Berlin since the 2022 move
 * of its history to backzone, CET before.  From 2022b, a short walk
 * (tests/cli/tzdb/blame.sh walks from main). */
static void
test_blame(void **state)
{
	struct tzf_blame b;
	char want[256];

	(void)state;
	need_repo();
	assert_int_equal(tzf_attrib_blame(&b, REPO, "2022b", "Europe/Oslo",
	    tt_at("1940-08-10T12:00:00Z"), NULL, &dg), TZF_OK);
	assert_true(b.found);
	tt_shell_line(want, sizeof want, "git --git-dir=" REPO " log -1 "
	    "--format=%H --first-parent -G'^Zone[[:space:]]+Europe/Oslo' "
	    "2022b -- europe");
	assert_string_equal(b.commit.id, want);
	assert_true(strstr(b.commit.subject, "backzone") != NULL);
	assert_true(b.commit.time >= tt_at("2022-01-01") &&
	    b.commit.time < tt_at("2023-01-01"));
	assert_true(b.before.present);
	assert_string_equal(b.before.l.abbr, "CET");
	assert_int_equal(b.before.l.utoff, 3600);
	assert_false(b.before.islink);
	assert_string_equal(b.after.l.abbr, "CEST");
	assert_int_equal(b.after.l.utoff, 7200);
	assert_true(b.after.islink);
	assert_string_equal(b.after.zone, "Europe/Berlin");
	assert_non_null(b.after.text);
	assert_non_null(strstr(b.after.text, "C-Eur"));
	tzf_blame_dispose(&b);

	/* Tehran in mid-2024: +0330 since Iran's DST was abolished in
	 * 2022, found at the commit that says so. */
	assert_int_equal(tzf_attrib_blame(&b, REPO, "2022b", "Asia/Tehran",
	    tt_at("2024-06-01T12:00:00Z"), NULL, &dg), TZF_OK);
	assert_true(b.found);
	tt_shell_line(want, sizeof want, "git --git-dir=" REPO " log -1 "
	    "--format=%H --first-parent -G'^Rule[[:space:]]+Iran[[:space:]]"
	    "+2021[[:space:]]+2022' 2022b -- asia");
	assert_string_equal(b.commit.id, want);
	assert_int_equal(b.before.l.utoff, 4 * 3600 + 1800);
	assert_int_equal(b.after.l.utoff, 3 * 3600 + 1800);
	tzf_blame_dispose(&b);
	assert_int_equal(tzf_attrib_blame(&b, REPO, "no-such-ref",
	    "Europe/Oslo", 0, NULL, &dg), TZF_ENOTFOUND);
	tzf_blame_dispose(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_commits),
		cmocka_unit_test(test_blame),
	};
	int rc;

	if (tzf_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	tzf_shutdown();
	return rc;
}
