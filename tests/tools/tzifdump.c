/*
 * tzifdump.c: print a deterministic text dump of TZif files, one fact
 * per line, so that two files that differ in bytes can be compared with
 * diff(1) to see how they differ.  A test tool built on libtzforge's
 * TZif reader (lib/tzif_read.c); not installed.
 *
 * usage: tzifdump [-l T]... FILE...
 *
 * Without -l, each FILE is dumped: "file NAME", "version N", then for
 * each block (v1, then v2+ when present) its counts, one line per
 * transition "BLK trans TIME ISO8601Z IDX", per type "BLK type N: UTOFF
 * ISDST ABBRIND "ABBR"", the raw character table, leap records, the
 * isstd and isut arrays; last the footer.  With -l T (seconds since 1970
 * UT, or "now"; may be repeated) it prints instead, for each FILE and T,
 * what is in effect: "UTOFF ISDST ABBR", preceded by "FILE: " when there
 * are several files.  Exit status 0, or 1 if a file could not be read or
 * parsed (the reason goes to stderr).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tzforge.h"

#define MAXFILE	((size_t)16 << 20)
#define MAXLOOK	64

static const char *progname = "tzifdump";

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-l T]... FILE...\n", progname);
	exit(2);
}

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	if (m->file != NULL)
		fprintf(stderr, "%s: %s: %s\n", progname, m->file, m->text);
	else
		fprintf(stderr, "%s: %s\n", progname, m->text);
}

/* Read the whole of path into b; 0 or -1 with a message. */
static int
slurp(struct tzf_buf *b, const char *path)
{
	char chunk[8192];
	FILE *fp;
	size_t n;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
		    strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 &&
	    b->len <= MAXFILE)
		tzf_buf_add(b, chunk, n);
	if (ferror(fp) || b->oom || b->len > MAXFILE) {
		fprintf(stderr, "%s: %s: %s\n", progname, path,
		    ferror(fp) ? "read error" : "file too large");
		fclose(fp);
		return -1;
	}
	fclose(fp);
	return 0;
}

/* Floor division by a positive divisor. */
static int64_t
fdiv(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/*
 * Format t as YYYY-MM-DDTHH:MM:SSZ in the proleptic Gregorian calendar,
 * for any int64_t: shift to years starting in March so the leap day ends
 * the year, then split into 400-year eras of 146097 days.
 */
static void
iso8601(char *out, size_t size, int64_t t)
{
	int64_t day = fdiv(t, 86400), sod, era, doe, yoe, y, doy, mp, d, m;

	sod = t % 86400;
	if (sod < 0)
		sod += 86400;
	day += 719468;			/* days from 0000-03-01 */
	era = fdiv(day, 146097);
	doe = day - era * 146097;	/* 0..146096 */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;	/* 0 for March */
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	snprintf(out, size, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02dZ", y,
	    (int)m, (int)d, (int)(sod / 3600), (int)(sod / 60 % 60),
	    (int)(sod % 60));
}

/* Print s[0..n) in double quotes, NUL as \0 and other odd bytes as \ooo. */
static void
quoted(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	putchar('"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\0')
			fputs("\\0", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < ' ' || c > '~')
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
dump_flags(const char *blk, const char *what, const uint8_t *v, uint32_t n)
{
	uint32_t i;

	printf("%s %s", blk, what);
	for (i = 0; i < n; i++)
		printf(" %u", v[i]);
	putchar('\n');
}

static void
dump_block(const char *blk, const struct tzf_tzif_block *b)
{
	const struct tzf_tzif_type *ty;
	char iso[40];
	uint32_t i;

	printf("%s counts isut %" PRIu32 " isstd %" PRIu32 " leap %" PRIu32
	    " time %" PRIu32 " type %" PRIu32 " char %" PRIu32 "\n", blk,
	    b->isutcnt, b->isstdcnt, b->leapcnt, b->timecnt, b->typecnt,
	    b->charcnt);
	for (i = 0; i < b->timecnt; i++) {
		iso8601(iso, sizeof iso, b->times[i]);
		printf("%s trans %" PRId64 " %s %u\n", blk, b->times[i], iso,
		    b->idxs[i]);
	}
	for (i = 0; i < b->typecnt; i++) {
		ty = &b->types[i];
		printf("%s type %" PRIu32 ": %" PRId32 " %d %u ", blk, i,
		    ty->utoff, ty->isdst, ty->abbrind);
		quoted(b->chars + ty->abbrind, strlen(b->chars + ty->abbrind));
		putchar('\n');
	}
	printf("%s chars ", blk);
	quoted(b->chars, b->charcnt);
	putchar('\n');
	for (i = 0; i < b->leapcnt; i++) {
		iso8601(iso, sizeof iso, b->leaps[i].occur);
		printf("%s leap %" PRId64 " %s %" PRId32 "\n", blk,
		    b->leaps[i].occur, iso, b->leaps[i].corr);
	}
	dump_flags(blk, "isstd", b->isstd, b->isstdcnt);
	dump_flags(blk, "isut", b->isut, b->isutcnt);
}

static void
dump(const char *path, const struct tzf_tzif *t)
{
	printf("file %s\nversion %d\n", path, t->version);
	dump_block("v1", &t->v1);
	if (t->version < 2)
		return;
	dump_block("v2", &t->v2);
	printf("footer ");
	quoted(t->footer, strlen(t->footer));
	putchar('\n');
}

/* Print what is in effect at each instant, after prefix. */
static int
lookups(const struct tzf_tzif *t, const char *prefix, const int64_t *when,
    int nwhen)
{
	struct tzf_local loc;
	int i;

	for (i = 0; i < nwhen; i++) {
		if (tzf_tzif_lookup(&loc, t, when[i]) != TZF_OK)
			return -1;
		printf("%s%" PRId32 " %d %s\n", prefix, loc.utoff, loc.isdst,
		    loc.abbr);
	}
	return 0;
}

static int
one_file(const char *path, bool named, const int64_t *when, int nwhen)
{
	struct tzf_diag dg = { print_msg, NULL, 0, 0 };
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tzif *t = NULL;
	char prefix[4096] = "";
	int rc = -1;

	if (slurp(&b, path) < 0)
		goto out;
	if (tzf_tzif_parse(&t, b.ptr, b.len, path, &dg) != TZF_OK)
		goto out;
	if (nwhen == 0) {
		dump(path, t);
		rc = 0;
		goto out;
	}
	if (named)
		snprintf(prefix, sizeof prefix, "%s: ", path);
	rc = lookups(t, prefix, when, nwhen);
	if (rc < 0)
		fprintf(stderr, "%s: %s: lookup failed\n", progname, path);
out:
	tzf_tzif_free(t);
	tzf_buf_dispose(&b);
	return rc;
}

static int64_t
parse_time(const char *s)
{
	char *end;
	long long v;

	if (strcmp(s, "now") == 0)
		return (int64_t)time(NULL);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0') {
		fprintf(stderr, "%s: bad time '%s'\n", progname, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	int64_t when[MAXLOOK];
	int ch, i, nwhen = 0, status = 0;

	while ((ch = getopt(argc, argv, "l:")) != -1) {
		switch (ch) {
		case 'l':
			if (nwhen == MAXLOOK)
				usage();
			when[nwhen++] = parse_time(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	for (i = 0; i < argc; i++)
		if (one_file(argv[i], argc > 1, when, nwhen) < 0)
			status = 1;
	return status;
}
