/*
 * test_oom.c: allocation failure.  A test allocator (installed with
 * tzf_set_allocator) fails the Nth allocation; for every N from 1 until
 * a run completes without reaching N, a whole job is run again:
 *
 *   - compiling a real zone (parse, associate, compile, spans, links):
 *     Europe/Dublin with its rules, America/New_York, Asia/Gaza with
 *     -r and with -b fat;
 *   - tzf_tzif_parse() and tzf_tzif_encode() of a golden TZif file;
 *   - tzf_histset_from_text() of a small input of several zones and links;
 *   - tzf_tree_open() of a small source directory and its vanguard
 *     zic input with backzone (tzf_tree_zic_input, ziguard).
 *
 * Every run must end in one of two ways: an error code (TZF_ENOMEM or
 * another negative code, or an error counted in the sink) or success
 * with exactly the output of a run without failures.  Either way, once
 * everything is freed no allocation may remain: the allocator keeps a
 * header on every block and counts live blocks, and refuses (aborts on)
 * a free or realloc of a block it did not hand out.
 */
#include <unistd.h>

#include "tzf_test.h"

/* ------------------------------------------------------------------ */
/* The failing, counting allocator */

#define MAGIC 0x7a666f6f6d21ULL	/* "zfoom!" */

struct hdr {
	unsigned long long magic;
	size_t size;
};

static long nlive;		/* blocks handed out and not freed */
static long ncalls;		/* malloc and realloc calls so far */
static long fail_at;		/* fail call number fail_at (0: never) */
static bool failed;		/* the failure was injected in this run */

static bool
should_fail(void)
{
	ncalls++;
	if (fail_at != 0 && ncalls >= fail_at && !failed) {
		failed = true;
		return true;
	}
	return false;
}

static void *
t_malloc(size_t n)
{
	struct hdr *h;

	if (should_fail())
		return NULL;
	h = malloc(sizeof *h + n);
	if (h == NULL)
		return NULL;
	h->magic = MAGIC;
	h->size = n;
	nlive++;
	return h + 1;
}

static struct hdr *
hdr_of(void *p)
{
	struct hdr *h = (struct hdr *)p - 1;

	if (h->magic != MAGIC) {
		fprintf(stderr, "test_oom: block %p not from the test "
		    "allocator\n", p);
		abort();
	}
	return h;
}

static void *
t_realloc(void *p, size_t n)
{
	struct hdr *h;

	if (p == NULL)
		return t_malloc(n);
	h = hdr_of(p);
	if (should_fail())
		return NULL;
	h = realloc(h, sizeof *h + n);
	if (h == NULL)
		return NULL;
	h->size = n;
	return h + 1;
}

static void
t_free(void *p)
{
	struct hdr *h;

	if (p == NULL)
		return;
	h = hdr_of(p);
	h->magic = 0;
	nlive--;
	free(h);
}

static const struct tzf_allocator test_alloc = { t_malloc, t_realloc,
	t_free };

/* Arm the allocator to fail call N of the next run (0: never). */
static void
arm(long n)
{
	ncalls = 0;
	fail_at = n;
	failed = false;
}

/* ------------------------------------------------------------------ */
/* Jobs */

/* One run of a job: TZF_OK and its output, or an error code. */
typedef int job_fn(struct tzf_buf *out, const void *arg);

struct zone_job {
	const char *text;
	const char *zone;
	struct tzf_zic_opts opts;
};

static int
link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	struct tzf_buf *out = payload;

	(void)file;
	(void)line;
	tzf_buf_printf(out, "link %s %s\n", target, linkname);
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* Parse, associate, compile one zone, its spans, then the links. */
static int
zone_job(struct tzf_buf *out, const void *arg)
{
	const struct zone_job *j = arg;
	struct tt_diag d;
	struct tzf_db *db = NULL;
	struct tzf_span *sp = NULL;
	size_t i, n, nsp;
	int rc;

	tt_diag_init(&d);
	rc = tzf_db_new(&db, &j->opts, &d.dg);
	if (rc < 0)
		goto out;
	rc = tzf_db_parse(db, "in.zi", j->text, strlen(j->text), false);
	if (rc == TZF_OK && d.dg.nerr > 0)
		rc = TZF_ERROR;
	if (rc == TZF_OK)
		rc = tzf_db_associate(db);
	if (rc < 0)
		goto out;
	n = tzf_db_nzones(db);
	for (i = 0; i < n; i++)
		if (strcmp(tzf_db_zone_name(db, i), j->zone) == 0)
			break;
	assert_true(i < n);
	rc = tzf_db_compile_zone(out, db, i);
	if (rc == TZF_OK && d.dg.nerr > 0)
		rc = TZF_ERROR;
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK)
		rc = tzf_db_zone_spans(&sp, &nsp, db, i);
	if (rc == TZF_OK) {
		for (i = 0; i < nsp; i++)
			tzf_buf_printf(out, "span %s:%ld %lld\n", sp[i].file,
			    sp[i].line, (long long)sp[i].start);
		tzf_free(sp);
	}
	if (rc == TZF_OK)
		rc = tzf_db_links(db, link_cb, out);
	if (rc == TZF_OK && d.dg.nerr > 0)
		rc = TZF_ERROR;
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
out:
	tzf_db_free(db);
	tt_diag_free(&d);
	return rc;
}

struct tzif_job {
	const char *data;
	size_t len;
};

/* Parse a TZif file, encode it back, look a few instants up. */
static int
tzif_job(struct tzf_buf *out, const void *arg)
{
	const struct tzif_job *j = arg;
	struct tzf_tzif *t = NULL;
	struct tzf_local l;
	struct tt_diag d;
	int rc;

	tt_diag_init(&d);
	rc = tzf_tzif_parse(&t, j->data, j->len, "golden", &d.dg);
	if (rc == TZF_OK) {
		assert_non_null(t);
		rc = tzf_tzif_encode(out, t);
	} else
		assert_null(t);
	if (rc == TZF_OK && tzf_tzif_lookup(&l, t, 1700000000) == TZF_OK)
		tzf_buf_printf(out, "%ld %d %s\n", (long)l.utoff, l.isdst,
		    l.abbr);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	tzf_tzif_free(t);
	tt_diag_free(&d);
	return rc;
}

/* A history set of several zones and links; every name's data. */
static int
histset_job(struct tzf_buf *out, const void *arg)
{
	const char *text = arg;
	struct tzf_histset *hs = NULL;
	struct tt_diag d;
	size_t i, n, len;
	int rc;

	tt_diag_init(&d);
	rc = tzf_histset_from_text(&hs, "multi.zi", text, strlen(text),
	    &d.dg);
	if (rc == TZF_OK && d.dg.nerr > 0)
		rc = TZF_ERROR;
	if (rc == TZF_OK) {
		n = tzf_histset_count(hs);
		for (i = 0; i < n; i++) {
			const struct tzf_name *nm = tzf_histset_name(hs, i);
			const void *b = tzf_histset_bytes(&len, hs, i);

			tzf_buf_printf(out, "%s %d %s %zu\n", nm->name,
			    nm->islink, nm->zone ? nm->zone : "-",
			    b ? len : 0);
			if (b != NULL)
				tzf_buf_add(out, b, len);
		}
		if (out->oom)
			rc = TZF_ENOMEM;
	}
	tzf_histset_free(hs);
	tt_diag_free(&d);
	return rc;
}

/* Open a source directory and build zic's input from it (ziguard). */
static int
tree_job(struct tzf_buf *out, const void *arg)
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_tree *t = NULL;
	struct tt_diag d;
	int rc;

	tt_diag_init(&d);
	sw.dataform = "vanguard";
	sw.backzone = true;
	rc = tzf_tree_open(&t, arg, &d.dg);
	if (rc == TZF_OK)
		rc = tzf_tree_zic_input(out, t, &sw, &d.dg);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	tzf_tree_free(t);
	tt_diag_free(&d);
	return rc;
}

/*
 * Run JOB once without failures for the reference output, then with
 * call N failing for N = 1, 2, ... until a run no longer reaches call N.
 */
static void
exhaust(const char *what, job_fn *job, const void *arg)
{
	struct tzf_buf ref = TZF_BUF_INIT;
	long n, nerr = 0, nok = 0;
	int rc;

	arm(0);
	rc = job(&ref, arg);
	if (rc != TZF_OK)
		fail_msg("%s: reference run failed (%d)", what, rc);
	assert_false(ref.oom);
	for (n = 1;; n++) {
		struct tzf_buf out = TZF_BUF_INIT;
		long live0;
		bool hit;

		live0 = nlive;
		arm(n);
		rc = job(&out, arg);
		hit = failed;
		arm(0);
		if (!hit) {
			/* Call N never came: the whole job ran. */
			assert_int_equal(rc, TZF_OK);
			tzf_buf_dispose(&out);
			break;
		}
		if (rc == TZF_OK) {
			/* The failure was absorbed; the result must be
			 * exactly the reference. */
			if (out.len != ref.len ||
			    memcmp(out.ptr, ref.ptr, ref.len) != 0)
				fail_msg("%s: allocation %ld failed, yet the "
				    "job succeeded with different output",
				    what, n);
			nok++;
		} else {
			if (rc > 0)
				fail_msg("%s: allocation %ld: return code %d",
				    what, n, rc);
			nerr++;
		}
		tzf_buf_dispose(&out);
		if (nlive != live0)
			fail_msg("%s: allocation %ld failed: %ld block(s) "
			    "leaked", what, n, nlive - live0);
	}
	print_message("%s: %ld allocation points, %ld errors returned, "
	    "%ld absorbed\n", what, n - 1, nerr, nok);
	tzf_buf_dispose(&ref);
}

/* ------------------------------------------------------------------ */
/* Data */

#define NSRC 4
static const char *const src_names[NSRC] = { "europe", "northamerica",
	"asia", "backward" };
static char *srcs[NSRC];

static int
setup(void **state)
{
	size_t len;
	int i;

	(void)state;
	tzf_set_allocator(&test_alloc);
	for (i = 0; i < NSRC; i++) {
		char rel[64];

		snprintf(rel, sizeof rel, "tzdb/2026c/%s", src_names[i]);
		srcs[i] = tt_shared_slurp(rel, &len);
	}
	return 0;
}

static int
teardown(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < NSRC; i++)
		free(srcs[i]);
	tzf_set_allocator(NULL);
	return 0;
}

/* Zone ZONE from source file FILE with its rules, into OUT. */
static void
extract(struct tzf_buf *out, int file, const char *zone)
{
	if (tt_zone_extract(out, srcs[file], zone,
	    (const char *const *)srcs, NSRC) == 0)
		fail_msg("zone %s not found", zone);
	assert_false(out->oom);
}

static void
zone_case(const char *what, int file, const char *zone,
    const struct tzf_zic_opts *opts)
{
	struct tzf_buf text = TZF_BUF_INIT;
	struct zone_job j;
	long live0 = nlive;

	extract(&text, file, zone);
	j.text = text.ptr;
	j.zone = zone;
	j.opts = *opts;
	exhaust(what, zone_job, &j);
	tzf_buf_dispose(&text);
	assert_int_equal(nlive, live0);
}

static void
dublin(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;

	(void)state;
	zone_case("Europe/Dublin", 0, "Europe/Dublin", &o);
}

static void
new_york(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;

	(void)state;
	zone_case("America/New_York", 1, "America/New_York", &o);
}

static void
gaza_range(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;

	(void)state;
	o.lo_time = 0;			/* -r @0/@2147483648 */
	o.hi_time = INT64_C(2147483648) - 1;
	zone_case("Asia/Gaza -r", 2, "Asia/Gaza", &o);
}

static void
gaza_fat(void **state)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;

	(void)state;
	o.fat = true;
	zone_case("Asia/Gaza -b fat", 2, "Asia/Gaza", &o);
}

static void
golden_tzif(void **state)
{
	static const char *const files[] = {
		"golden/2026c-main-slim/Europe/Dublin",
		"golden/2026c-main-fat/America/New_York",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct tzif_job j;
		char *data = tt_shared_slurp(files[i], &j.len);

		j.data = data;
		exhaust(files[i], tzif_job, &j);
		free(data);
	}
}

static void
multi_zone(void **state)
{
	struct tzf_buf text = TZF_BUF_INIT;
	long live0 = nlive;

	(void)state;
	extract(&text, 0, "Europe/Dublin");
	extract(&text, 1, "America/New_York");
	extract(&text, 0, "Europe/Berlin");
	tzf_buf_puts(&text, "Link Europe/Dublin Eire\n"
	    "Link America/New_York US/Eastern\n"
	    "Link US/Eastern EST5EDT\n");
	assert_false(text.oom);
	exhaust("histset of 3 zones, 3 links", histset_job, text.ptr);
	tzf_buf_dispose(&text);
	assert_int_equal(nlive, live0);
}

static void
put_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/* A small source directory: one zone per region file, links, backzone. */
static void
source_tree(void **state)
{
	static const char *const empty[] = { "africa", "antarctica",
		"australasia", "southamerica", "factory" };
	struct tzf_buf b = TZF_BUF_INIT;
	char dir[] = "/tmp/tzf-oom.XXXXXX", path[4096];
	long live0 = nlive;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	extract(&b, 0, "Europe/Dublin");
	put_file(dir, "europe", b.ptr);
	b.len = 0;
	extract(&b, 1, "America/New_York");
	put_file(dir, "northamerica", b.ptr);
	b.len = 0;
	extract(&b, 2, "Asia/Kolkata");
	put_file(dir, "asia", b.ptr);
	tzf_buf_dispose(&b);
	for (i = 0; i < sizeof empty / sizeof empty[0]; i++)
		put_file(dir, empty[i], "# nothing here\n");
	put_file(dir, "etcetera", "Zone Etc/UTC 0 - UTC\n");
	put_file(dir, "backward", "Link Europe/Dublin Eire\n"
	    "Link America/New_York US/Eastern #= America/New_York\n");
	put_file(dir, "backzone", "Zone Europe/Belfast -0:23:40 - LMT "
	    "1880 Aug 2\n\t0:00 - GMT\n");
	put_file(dir, "version", "2026c\n");
	exhaust("small tree, vanguard zic input with backzone", tree_job,
	    dir);
	assert_int_equal(nlive, live0);
	for (i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, empty[i]);
		unlink(path);
	}
	{
		static const char *const more[] = { "europe", "northamerica",
			"asia", "etcetera", "backward", "backzone", "version" };

		for (i = 0; i < sizeof more / sizeof more[0]; i++) {
			snprintf(path, sizeof path, "%s/%s", dir, more[i]);
			unlink(path);
		}
	}
	rmdir(dir);
}

/* The allocator itself: a failure is injected once, at call N. */
static void
allocator_self_test(void **state)
{
	struct tzf_buf b = TZF_BUF_INIT;
	long live0 = nlive;

	(void)state;
	arm(1);
	tzf_buf_puts(&b, "x");
	assert_true(failed);
	assert_true(b.oom);
	arm(0);
	tzf_buf_dispose(&b);
	tzf_buf_puts(&b, "hello");
	assert_false(b.oom);
	assert_int_equal(nlive, live0 + 1);
	tzf_buf_dispose(&b);
	assert_int_equal(nlive, live0);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(allocator_self_test),
		cmocka_unit_test(dublin),
		cmocka_unit_test(new_york),
		cmocka_unit_test(gaza_range),
		cmocka_unit_test(gaza_fat),
		cmocka_unit_test(golden_tzif),
		cmocka_unit_test(multi_zone),
		cmocka_unit_test(source_tree),
	};

	return cmocka_run_group_tests_name("oom", tests, setup, teardown);
}
