/*
 * fuzz_dump.c: the exchange-format writers (lib/dump.c) and the queries
 * under them (lib/query.c).  zic input text is compiled into a history
 * set; for every name, zdump -i output is written over a year range
 * chosen by the options byte, and changes and local-time resolutions are
 * queried, each policy picks from the resolutions, and a history compared
 * with itself must not differ.  When the options byte asks for it (bit
 * 2), the text is also loaded into an in-memory store (footer rows to
 * 2100), dumped in tzvalidate format and as MySQL SQL, checked (it must
 * be sound), and its first name's history and answers by release read.
 *
 * Input: an options byte when the first byte is below 0x10 (bits 0-1
 * year range: 1-2035, -500-2500, 1900-2100, 2030-2040; bit 2 tzvalidate
 * through the store), then zic input.  Inputs over 16 KiB are skipped.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz_common.h"

static int
count_change(void *payload, const struct tzf_change *c)
{
	size_t *n = payload;

	(void)c;
	return ++*n > 5000;
}

static void
one_name(const struct tzf_histset *hs, size_t i, int64_t lo, int64_t hi)
{
	const struct tzf_name *nm = tzf_histset_name(hs, i);
	const struct tzf_span *sp;
	struct tzf_zoneline lines[64];
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_resolved r;
	struct tzf_zinfo z;
	size_t n, k, nch = 0;
	int64_t t0, t1;

	memset(&z, 0, sizeof z);
	z.release = (char *)"fuzz";
	z.name = (char *)nm->name;
	z.islink = nm->islink;
	z.tzif = (struct tzf_tzif *)tzf_histset_tzif(hs, i);
	if (z.tzif == NULL)
		return;
	sp = tzf_histset_spans(&n, hs, i);
	for (k = 0; k < n && k < 64; k++) {
		lines[k].file = (char *)sp[k].file;
		lines[k].line = sp[k].line;
		lines[k].start = sp[k].start;
		lines[k].text = (char *)"";
	}
	z.lines = lines;
	z.nlines = k;
	if (z.tzif->footer != NULL && z.tzif->footer[0] != '\0' &&
	    tzf_tz_parse(&z.tz, z.tzif->footer, NULL) == TZF_OK)
		z.hasrules = true;
	tzf_dump_zdump(&b, &z, lo, hi);
	tzf_buf_dispose(&b);
	if (tzf_civil_to_secs(&t0, lo, 1, 1, 0, 0, 0) == TZF_OK &&
	    tzf_civil_to_secs(&t1, hi, 1, 1, 0, 0, 0) == TZF_OK) {
		tzf_zinfo_changes(&z, t0, t1, count_change, &nch);
		tzf_zinfo_resolve(&r, &z, t0);
		tzf_zinfo_resolve(&r, &z, t1);
	}
	tzf_zinfo_resolve(&r, &z, INT64_MIN);
	tzf_zinfo_resolve(&r, &z, INT64_MAX);
	if (tzf_zinfo_resolve(&r, &z, 0) == TZF_OK) {
		enum tzf_policy p;
		int64_t ut;

		for (p = TZF_POLICY_REJECT; p <= TZF_POLICY_SHIFT; p++)
			tzf_policy_pick(&ut, &r, 0, p);
	}
	{
		struct tzf_zdiff d;

		FUZZ_CHECK(tzf_zinfo_diff(&d, &z, &z, INT64_C(4102444800)) ==
		    TZF_OK && !d.differ);
	}
}

/* The store's readers over a loaded fuzz release. */
static void
read_back(struct tzf_store *st, struct tzf_diag *dg)
{
	struct tzf_hist_row *h = NULL;
	struct tzf_rel_answer *a = NULL;
	struct tzf_buf b = TZF_BUF_INIT;
	char **names = NULL;
	size_t n = 0, nh = 0, na = 0;

	tzf_export_mysql(&b, st, NULL, 2040, dg);
	tzf_buf_dispose(&b);
	FUZZ_CHECK(tzf_store_check(st, dg) == TZF_OK);
	if (tzf_store_names(&names, &n, st, NULL, dg) != TZF_OK || n == 0) {
		tzf_strv_free(names, n);
		return;
	}
	tzf_store_history(&h, &nh, st, names[0], dg);
	tzf_hist_rows_free(h, nh);
	tzf_store_at_releases(&a, &na, st, "all", names[0], 0, dg);
	tzf_rel_answers_free(a, na);
	tzf_strv_free(names, n);
}

static void
tzvalidate(const char *text, size_t len)
{
	struct tzf_store *st = NULL;
	struct tzf_tree *t = NULL;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_diag dg;
	char path[80];
	const char *tmp = getenv("TMPDIR");
	int fd;

	snprintf(path, sizeof path, "%s/fuzz_dump.%ld.zi",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp", (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		unlink(path);
		return;
	}
	close(fd);
	fuzz_diag_init(&dg);
	if (tzf_tree_open(&t, path, &dg) == TZF_OK &&
	    tzf_store_open(&st, NULL, TZF_STORE_CREATE, &dg) == TZF_OK &&
	    tzf_store_load(st, t, NULL, &(struct tzf_load_opts){
	    .label = "fuzz", .until_year = 2100 }, NULL, &dg) == TZF_OK) {
		tzf_dump_tzvalidate(&b, st, NULL, &dg);
		read_back(st, &dg);
	}
	tzf_buf_dispose(&b);
	tzf_store_close(st);
	tzf_tree_free(t);
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t ranges[4][2] = { { 1, 2035 }, { -500, 2500 },
		{ 1900, 2100 }, { 2030, 2040 } };
	struct tzf_histset *hs = NULL;
	struct tzf_diag dg;
	const char *text = (const char *)data;
	size_t len = size, i, n;
	unsigned opts = 0;

	if (size > 16384)
		return 0;
	if (size > 0 && data[0] < 0x10) {
		opts = data[0];
		text++;
		len--;
	}
	fuzz_diag_init(&dg);
	if (tzf_histset_from_text(&hs, "in.zi", text, len, &dg) != TZF_OK) {
		FUZZ_CHECK(hs == NULL);
		return 0;
	}
	n = tzf_histset_count(hs);
	for (i = 0; i < n; i++)
		one_name(hs, i, ranges[opts & 3][0], ranges[opts & 3][1]);
	tzf_histset_free(hs);
	if (opts & 4)
		tzvalidate(text, len);
	return 0;
}
