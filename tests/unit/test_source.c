/*
 * test_source.c: cmocka tests of lib/source.c: SPEC resolution for
 * directories, single files and tarballs, provenance, SHA-256, and the
 * refusals (bad paths, corrupt archives, unsafe members, bombs).
 *
 * Tarballs are built here with libarchive's writer, in a temporary
 * directory.  Data comes from $TZF_SHARED/tzdb/2026c (default
 * ../shared); run from the repository root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzf_test.h"

static char tmpdir[] = "/tmp/test_source.XXXXXX";
static char lastmsg[1024];

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	snprintf(lastmsg, sizeof lastmsg, "%s", m->text);
}

static struct tzf_diag dg = { sink, NULL, 0, 0 };

static const char *
shared_2026c(void)
{
	static char path[4096];
	const char *s = getenv("TZF_SHARED");

	snprintf(path, sizeof path, "%s/tzdb/2026c", s ? s : "../shared");
	return path;
}

static char *
tmp_path(const char *name)
{
	static char path[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof path[i], "%s/%s", tmpdir, name);
	return path[i];
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

/* Open SPEC expecting failure RC and a message containing WANT. */
static void
expect_fail(const char *spec, int rc, const char *want)
{
	struct tzf_tree *t = (struct tzf_tree *)&t;	/* must be reset */

	lastmsg[0] = '\0';
	assert_int_equal(tzf_tree_open(&t, spec, &dg), rc);
	assert_null(t);
	if (strstr(lastmsg, want) == NULL)
		fail_msg("message '%s' lacks '%s'", lastmsg, want);
}

static void
zic_input(struct tzf_buf *out, const char *spec)
{
	struct tzf_tree *t;

	assert_int_equal(tzf_tree_open(&t, spec, &dg), TZF_OK);
	assert_int_equal(tzf_tree_zic_input(out, t, NULL, &dg), TZF_OK);
	tzf_tree_free(t);
}

/* ------------------------------------------------------------------ */
/* Writing test archives */

struct member {
	const char *name;
	const char *data;	/* NULL: SIZE zero bytes */
	size_t size;
};

static void
write_tar(const char *path, int filter, const struct member *m, size_t n)
{
	static char fill[65536];	/* '#': text, so no NUL stops us first */
	struct archive *a = archive_write_new();
	struct archive_entry *e;
	size_t i, done, k;

	memset(fill, '#', sizeof fill);
	archive_write_set_format_pax_restricted(a);
	if (filter == 'z')
		archive_write_add_filter_gzip(a);
	else if (filter == 'l')
		archive_write_add_filter_lzip(a);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, m[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)m[i].size);
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		if (m[i].data != NULL)
			archive_write_data(a, m[i].data, m[i].size);
		for (done = 0; m[i].data == NULL && done < m[i].size;
		    done += k) {
			k = m[i].size - done < sizeof fill ?
			    m[i].size - done : sizeof fill;
			archive_write_data(a, fill, k);
		}
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
}

/* A tarball of the 2026c directory with a top-level directory, as
 * `tar czf t.tar.gz 2026c` makes it. */
static void
tar_2026c(const char *path, int filter)
{
	struct member m[64];
	struct tzf_tree *t;
	char names[64][64];
	const char *data;
	size_t i, n, len;

	assert_int_equal(tzf_tree_open(&t, shared_2026c(), &dg), TZF_OK);
	n = tzf_tree_nfiles(t);
	assert_true(n < 64);
	for (i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], "2026c/%s",
		    tzf_tree_name(t, i));
		tzf_tree_file(&data, &len, t, tzf_tree_name(t, i));
		m[i].name = names[i];
		m[i].data = data;
		m[i].size = len;
	}
	write_tar(path, filter, m, n);
	tzf_tree_free(t);
}

/* ------------------------------------------------------------------ */
/* Tests */

static void
test_dir(void **state)
{
	struct tzf_tree *t;
	const char *s;
	size_t len;

	(void)state;
	assert_int_equal(tzf_tree_open(&t, shared_2026c(), &dg), TZF_OK);
	assert_int_equal(tzf_tree_kind(t), TZF_TREE_DIR);
	assert_string_equal(tzf_tree_kind_name(tzf_tree_kind(t)), "dir");
	assert_string_equal(tzf_tree_spec(t), shared_2026c());
	assert_null(tzf_tree_commit(t));
	/* No version file and no Makefile: "unknown", as the Makefile
	 * would write; NEWS is no version (global-tz's names 2026c). */
	assert_string_equal(tzf_tree_version(t), "unknown");
	assert_int_equal(tzf_tree_file(&s, &len, t, "europe"), TZF_OK);
	assert_int_equal(len, 187231);
	assert_int_equal(s[len], '\0');
	assert_int_equal(tzf_tree_file(&s, &len, t, "nope"), TZF_ENOTFOUND);
	assert_int_equal(tzf_tree_nfiles(t), 19);
	assert_string_equal(tzf_tree_name(t, 0), "NEWS");	/* sorted */
	assert_null(tzf_tree_name(t, 19));
	tzf_tree_free(t);
	tzf_tree_free(NULL);
}

static void
test_sha256(void **state)
{
	static const char *const vec[][2] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb924"
		    "27ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223"
		    "b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		    "248d6a61d20638b8e5c026930c3e6039"
		    "a33ce45964ff2167f6ecedd419db06c1" },
	};
	struct tzf_tree *t;
	char hex[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		write_file(tmp_path("v"), vec[i][0], strlen(vec[i][0]));
		assert_int_equal(tzf_tree_open(&t, tmp_path("v"), &dg),
		    TZF_OK);
		assert_int_equal(tzf_tree_sha256(hex, t, "v"), TZF_OK);
		assert_string_equal(hex, vec[i][1]);
		assert_int_equal(tzf_tree_sha256(hex, t, "w"), TZF_ENOTFOUND);
		tzf_tree_free(t);
	}
}

static void
test_single_file(void **state)
{
	static const char zi[] = "# version 2099z\n"
	    "# This zic input file is in the public domain.\n"
	    "Z Etc/Test 1 - X\n";
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_tree *t;

	(void)state;
	write_file(tmp_path("tzdata.zi"), zi, sizeof zi - 1);
	assert_int_equal(tzf_tree_open(&t, tmp_path("tzdata.zi"), &dg),
	    TZF_OK);
	assert_int_equal(tzf_tree_kind(t), TZF_TREE_FILE);
	assert_string_equal(tzf_tree_version(t), "2099z");
	assert_int_equal(tzf_tree_zic_input(&b, t, NULL, &dg), TZF_OK);
	assert_string_equal(b.ptr, zi);
	/* A lone file cannot honour build switches. */
	sw.backzone = true;
	assert_int_equal(tzf_tree_zic_input(&b, t, &sw, &dg), TZF_EINVAL);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

/* The same text from a .tar.gz and a .tar.lz as from the directory. */
static void
test_tarball_same_as_dir(void **state)
{
	struct tzf_buf a = TZF_BUF_INIT, b = TZF_BUF_INIT, c = TZF_BUF_INIT;
	struct tzf_tree *t;

	(void)state;
	tar_2026c(tmp_path("t.tar.gz"), 'z');
	tar_2026c(tmp_path("t.tar.lz"), 'l');
	zic_input(&a, shared_2026c());
	zic_input(&b, tmp_path("t.tar.gz"));
	zic_input(&c, tmp_path("t.tar.lz"));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_int_equal(a.len, c.len);
	assert_memory_equal(a.ptr, c.ptr, a.len);
	assert_int_equal(tzf_tree_open(&t, tmp_path("t.tar.gz"), &dg), TZF_OK);
	assert_int_equal(tzf_tree_kind(t), TZF_TREE_TARBALL);
	assert_string_equal(tzf_tree_version(t), "unknown");
	assert_int_equal(tzf_tree_nfiles(t), 19);
	tzf_tree_free(t);
	tzf_buf_dispose(&a);
	tzf_buf_dispose(&b);
	tzf_buf_dispose(&c);
}

static void
test_no_such_path(void **state)
{
	(void)state;
	expect_fail("/nonexistent/tzdb", TZF_ENOTFOUND, "no such path");
	expect_fail("/nonexistent/repo@2026c", TZF_ENOTFOUND, "no such path");
}

static void
test_no_data_in_dir(void **state)
{
	(void)state;
	assert_int_equal(mkdir(tmp_path("empty"), 0755), 0);
	write_file(tmp_path("empty/README"), "x\n", 2);
	expect_fail(tmp_path("empty"), TZF_ENOTFOUND, "no tzdb data");
}

static void
test_corrupt_archive(void **state)
{
	(void)state;
	write_file(tmp_path("bad.tar.gz"), "this is not gzip\n", 17);
	expect_fail(tmp_path("bad.tar.gz"), TZF_EINVAL,
	    "unsupported or corrupt archive");
}

static void
test_dotdot_member(void **state)
{
	struct member m[] = {
		{ "africa", "# x\n", 4 },
		{ "../x", "evil\n", 5 },
	};

	(void)state;
	write_tar(tmp_path("dotdot.tar.gz"), 'z', m, 2);
	expect_fail(tmp_path("dotdot.tar.gz"), TZF_EINVAL, "unsafe");
	m[1].name = "tzdb/../../x";
	write_tar(tmp_path("dotdot2.tar"), 0, m, 2);
	expect_fail(tmp_path("dotdot2.tar"), TZF_EINVAL, "unsafe");
}

static void
test_absolute_member(void **state)
{
	struct member m[] = {
		{ "africa", "# x\n", 4 },
		{ "/etc/evil", "evil\n", 5 },
	};

	(void)state;
	write_tar(tmp_path("abs.tar.gz"), 'z', m, 2);
	expect_fail(tmp_path("abs.tar.gz"), TZF_EINVAL, "unsafe");
}

/* A ~17 KB gzip that inflates to 17 MiB: one member past the cap. */
static void
test_bomb_member(void **state)
{
	struct member m[] = { { "africa", NULL, TZF_FILE_MAX + 1 } };
	FILE *f;
	long size;

	(void)state;
	write_tar(tmp_path("bomb.tar.gz"), 'z', m, 1);
	f = fopen(tmp_path("bomb.tar.gz"), "rb");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	assert_true(size < 100000);
	expect_fail(tmp_path("bomb.tar.gz"), TZF_EINVAL, "MiB");
}

/* Members each under the file cap but together past the tree cap. */
static void
test_bomb_total(void **state)
{
	struct member m[6];
	char names[6][16];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		snprintf(names[i], sizeof names[i], "f%d", i);
		m[i].name = names[i];
		m[i].data = NULL;
		m[i].size = TZF_FILE_MAX - 1;
	}
	write_tar(tmp_path("bomb2.tar.gz"), 'z', m, 6);
	expect_fail(tmp_path("bomb2.tar.gz"), TZF_EINVAL, "MiB");
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
		cmocka_unit_test(test_dir),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_single_file),
		cmocka_unit_test(test_tarball_same_as_dir),
		cmocka_unit_test(test_no_such_path),
		cmocka_unit_test(test_no_data_in_dir),
		cmocka_unit_test(test_corrupt_archive),
		cmocka_unit_test(test_dotdot_member),
		cmocka_unit_test(test_absolute_member),
		cmocka_unit_test(test_bomb_member),
		cmocka_unit_test(test_bomb_total),
	};
	int rc;

	if (tzf_init() < 0)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	tzf_shutdown();
	return rc;
}
