/*
 * tzdiff.c: the tzdiff front end.  It compares two tzdb source trees by
 * their compiled behaviour (names, Zone/Link changes, per-name history,
 * table files), or walks the consecutive releases of a repository.
 *
 * Everything is done by libtzforge (lib/compare.c, lib/report.c); this
 * file parses options, prints the report and the library's diagnostics
 * ("tzdiff: ..."), and picks the exit status as diff(1) does: 0 same,
 * 1 different, 2 trouble.
 */
#define _GNU_SOURCE		/* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzforge.h"

static const char *progname = "tzdiff";
static bool verbose;

struct opts {
	struct tzf_switches sw;
	struct tzf_cmp_opts range;
	const char *zone;
	enum tzf_cmp_format fmt;
	const char *releases;	/* REPO of --releases */
};

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	if (m->sev != TZF_ERR && !verbose)
		return;
	fprintf(stderr, "%s: ", progname);
	if (m->sev == TZF_WARN)
		fputs("warning: ", stderr);
	if (m->file != NULL)
		fprintf(stderr, "%s:%ld: ", m->file, m->line);
	fprintf(stderr, "%s\n", m->text);
}

static struct tzf_diag diag = { print_msg, NULL, 0, 0 };

static void
usage(int status)
{
	FILE *fp = status ? stderr : stdout;

	fprintf(fp,
	    "usage: %s [--dataform form] [--backzone] [--packratlist file]\n"
	    "              [--no-backward] [--from time] [--until time] "
	    "[--zone name]\n"
	    "              [--format text|markdown|json] [-v] old new\n"
	    "       %s [options] --releases repo tag1..tag2|tag,tag,...\n",
	    progname, progname);
	exit(status);
}

static int
parse_time(int64_t *out, const char *s, const char *what)
{
	bool haszone;

	/* A time without a zone is UT: the range is compared in UT. */
	if (tzf_time_parse(out, &haszone, s) == TZF_OK)
		return 0;
	fprintf(stderr, "%s: bad %s time '%s'\n", progname, what, s);
	return -1;
}

static int
print_buf(struct tzf_buf *b)
{
	if (b->oom) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return -1;
	}
	if (b->len > 0 && fwrite(b->ptr, 1, b->len, stdout) != b->len) {
		fprintf(stderr, "%s: write error\n", progname);
		return -1;
	}
	return 0;
}

/* Compare two built sides and print the report: 0, 1 or 2. */
static int
compare_print(const struct tzf_cmp_side *a, const struct tzf_cmp_side *b,
    const struct opts *o)
{
	struct tzf_buf out = TZF_BUF_INIT;
	struct tzf_cmp *c;
	int rc, status;

	rc = tzf_compare(&c, a, b, &o->range, &diag);
	if (rc < 0)
		return 2;
	rc = tzf_cmp_report(&out, c, o->fmt, o->zone);
	status = rc < 0 || print_buf(&out) < 0 ? 2 :
	    o->zone != NULL ? tzf_cmp_find(c, o->zone) != NULL :
	    tzf_cmp_differ(c);
	tzf_buf_dispose(&out);
	tzf_cmp_free(c);
	return status;
}

static int
run_pair(const char *old, const char *new, const struct opts *o)
{
	struct tzf_cmp_side *a = NULL, *b = NULL;
	int status = 2;

	if (tzf_cmp_side_open(&a, old, &o->sw, &diag) < 0)
		goto out;
	if (tzf_cmp_side_open(&b, new, &o->sw, &diag) < 0)
		goto out;
	status = compare_print(a, b, o);
out:
	tzf_cmp_side_free(a);
	tzf_cmp_side_free(b);
	return status;
}

static struct tzf_cmp_side *
open_release(const char *repo, const char *tag, const struct opts *o)
{
	struct tzf_cmp_side *s;
	char *spec;
	size_t n = strlen(repo) + strlen(tag) + 2;

	spec = malloc(n);
	if (spec == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		exit(2);
	}
	snprintf(spec, n, "%s@%s", repo, tag);
	if (tzf_cmp_side_open(&s, spec, &o->sw, &diag) < 0) {
		fprintf(stderr, "%s: cannot build '%s'\n", progname, spec);
		s = NULL;
	}
	free(spec);
	return s;
}

/* Walk consecutive releases: one report per step, then a count. */
static int
run_releases(const char *repo, const char *range, const struct opts *o)
{
	struct tzf_cmp_side *prev = NULL, *cur;
	size_t n, i, ndiff = 0, nsame = 0, ntrouble = 0;
	char **tags;
	int status = 0;

	if (tzf_release_list(&tags, &n, repo, range, &diag) < 0)
		return 2;
	if (n < 2) {
		fprintf(stderr, "%s: '%s' names fewer than two releases\n",
		    progname, range);
		tzf_release_list_free(tags, n);
		return 2;
	}
	prev = open_release(repo, tags[0], o);
	for (i = 1; i < n; i++) {
		int st;

		cur = open_release(repo, tags[i], o);
		if (o->fmt == TZF_FMT_JSON)
			;	/* one JSON document per step */
		else
			printf("%s%s %s -> %s %s\n\n", i > 1 ? "\n" : "",
			    o->fmt == TZF_FMT_MARKDOWN ? "#" : "===",
			    tags[i - 1], tags[i],
			    o->fmt == TZF_FMT_MARKDOWN ? "" : "===");
		st = prev == NULL || cur == NULL ? 2 :
		    compare_print(prev, cur, o);
		if (st == 2)
			ntrouble++;
		else if (st == 1)
			ndiff++;
		else
			nsame++;
		if (st > status)
			status = st;
		tzf_cmp_side_free(prev);
		prev = cur;
	}
	tzf_cmp_side_free(prev);
	fprintf(o->fmt == TZF_FMT_JSON ? stderr : stdout,
	    "%s%s: %zu releases, %zu steps: %zu differ, %zu same, "
	    "%zu trouble\n", o->fmt == TZF_FMT_JSON ? "" : "\n", progname, n,
	    n - 1, ndiff, nsame, ntrouble);
	tzf_release_list_free(tags, n);
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "dataform", required_argument, NULL, 'D' },
		{ "backzone", no_argument, NULL, 'B' },
		{ "packratlist", required_argument, NULL, 'P' },
		{ "no-backward", no_argument, NULL, 'N' },
		{ "from", required_argument, NULL, 'f' },
		{ "until", required_argument, NULL, 'u' },
		{ "zone", required_argument, NULL, 'z' },
		{ "format", required_argument, NULL, 'F' },
		{ "releases", required_argument, NULL, 'r' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	int ch, status;

	memset(&o, 0, sizeof o);
	o.sw = (struct tzf_switches)TZF_SWITCHES_INIT;
	o.range = (struct tzf_cmp_opts)TZF_CMP_OPTS_INIT;
	o.fmt = TZF_FMT_TEXT;
	while ((ch = getopt_long(argc, argv, "f:hu:vz:", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'B':
		case 'D':
		case 'N':
		case 'P':
			/* Build switches: parsed by the library, as zic and
			 * tzdb parse them. */
			if (tzf_switches_option(&o.sw, ch == 'B' ? "backzone" :
			    ch == 'D' ? "dataform" : ch == 'N' ? "no-backward" :
			    "packratlist", optarg, &diag) < 0)
				return 2;
			break;
		case 'F':
			if (strcmp(optarg, "text") == 0)
				o.fmt = TZF_FMT_TEXT;
			else if (strcmp(optarg, "markdown") == 0 ||
			    strcmp(optarg, "md") == 0)
				o.fmt = TZF_FMT_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				o.fmt = TZF_FMT_JSON;
			else {
				fprintf(stderr, "%s: unknown format '%s'\n",
				    progname, optarg);
				return 2;
			}
			break;
		case 'f':
			if (parse_time(&o.range.from, optarg, "from") < 0)
				return 2;
			break;
		case 'u':
			if (parse_time(&o.range.until, optarg, "until") < 0)
				return 2;
			break;
		case 'r':
			o.releases = optarg;
			break;
		case 'v':
			verbose = true;
			break;
		case 'z':
			o.zone = optarg;
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.releases != NULL ? argc != 1 : argc != 2)
		usage(2);
	if (tzf_switches_finish(&o.sw, getenv("VANGUARD_SUBSECONDS"),
	    &diag) < 0)
		return 2;
	if (o.range.from >= o.range.until) {
		fprintf(stderr, "%s: empty time range\n", progname);
		return 2;
	}
	if (tzf_init() < 0) {
		fprintf(stderr, "%s: cannot initialize libgit2\n", progname);
		return 2;
	}
	status = o.releases != NULL ? run_releases(o.releases, argv[0], &o) :
	    run_pair(argv[0], argv[1], &o);
	tzf_shutdown();
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error\n", progname);
		status = 2;
	}
	return status;
}
