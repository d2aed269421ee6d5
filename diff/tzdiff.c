/*
 * tzdiff.c: the tzdiff front end.  It compares two tzdb source trees by
 * their compiled behaviour (names, Zone/Link changes, per-name history,
 * table files), walks the consecutive releases of a repository, or
 * names the commits of a range that changed compiled behaviour.
 *
 * The comparisons are made by libtzforge (lib/compare.c, lib/attrib.c);
 * the reports are written by diff/report.c, report_json.c and html.c.
 * This file parses options, prints the reports and the library's
 * diagnostics ("tzdiff: ..."), and picks the exit status as diff(1)
 * does: 0 same, 1 different, 2 trouble.
 */
#define _GNU_SOURCE		/* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char *progname = "tzdiff";
static bool verbose;
static bool write_failed;

struct opts {
	struct tzf_switches sw;
	struct tzf_cmp_opts range;
	const char *zone;
	enum report_format fmt;
	const char *releases;	/* REPO of --releases */
	const char *commits;	/* REPO of --commits */
	bool summary;
};

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	struct tzf_buf b = TZF_BUF_INIT;

	(void)payload;
	if (m->sev != TZF_SEV_ERR && !verbose)
		return;
	tzf_buf_printf(&b, "%s: ", progname);
	if (m->sev == TZF_SEV_WARN)
		tzf_buf_puts(&b, "warning: ");
	if (m->file != NULL) {
		tzf_buf_put_text(&b, m->file);
		tzf_buf_printf(&b, ":%ld: ", m->line);
	}
	tzf_buf_put_text(&b, m->text);
	tzf_buf_puts(&b, "\n");
	if (!b.oom)
		fputs(b.ptr, stderr);
	tzf_buf_dispose(&b);
}

static struct tzf_diag diag = { print_msg, NULL, 0, 0 };

/* One line per option, in the order of the man page's SYNOPSIS. */
static const char usage_text[] =
    "usage: tzdiff [options] old new\n"
    "       tzdiff [options] --releases repo tag1..tag2|tag,tag,...\n"
    "       tzdiff [options] --commits repo rev1..rev2\n"
    "Compare tzdb trees by their compiled behaviour.\n"
    "\n"
    "  --format text|markdown|json|news|html|brief\n"
    "                      the report's format (default text)\n"
    "  --json              the same as --format json\n"
    "  --zone NAME         only NAME, with both histories side by side\n"
    "  --from TIME         compare from TIME on (default: all of the past)\n"
    "  --until TIME        compare up to TIME (default 2100-01-01T00:00Z)\n"
    "  --releases REPO     walk the releases of a git repository\n"
    "  --summary           one row per step (--releases) or comparison\n"
    "  --commits REPO      the commits of a range that changed behaviour\n"
    "  --dataform FORM     build with DATAFORM=main|vanguard|rearguard\n"
    "  --backzone          build with PACKRATDATA=backzone\n"
    "  --packratlist FILE  build with PACKRATLIST=FILE\n"
    "  --no-backward       build without the backward file\n"
    "  -v, --verbose       also print warnings from building the trees\n"
    "  --help              print this and exit\n"
    "  --version           print the version and exit\n"
    "Exit status: 0 same, 1 different, 2 trouble.\n"
    "TIME: @SECONDS or YYYY[-MM[-DD[THH[:MM[:SS]]]]][Z|+HH:MM], UT unless "
    "a zone is given.\n";

/* Standard output flushed, or one "write error" line and exit 2. */
static void
flush_or_die(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error\n", progname);
		exit(2);
	}
}

static void
usage(void)
{
	fputs(usage_text, stdout);
	flush_or_die();
	exit(0);
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
parse_format(enum report_format *out, const char *s)
{
	static const struct { const char *name; enum report_format f; } t[] = {
		{ "text", FMT_TEXT }, { "markdown", FMT_MARKDOWN },
		{ "md", FMT_MARKDOWN }, { "json", FMT_JSON },
		{ "news", FMT_NEWS }, { "html", FMT_HTML },
		{ "brief", FMT_BRIEF },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (strcmp(s, t[i].name) == 0) {
			*out = t[i].f;
			return 0;
		}
	fprintf(stderr, "%s: unknown format '%s'\n", progname, s);
	return -1;
}

/* Write B to standard output; the first failure is reported once. */
static int
print_buf(struct tzf_buf *b)
{
	if (b->oom) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return -1;
	}
	if (write_failed)
		return -1;
	if (b->len > 0 && fwrite(b->ptr, 1, b->len, stdout) != b->len) {
		fprintf(stderr, "%s: write error\n", progname);
		write_failed = true;
		return -1;
	}
	return 0;
}

static int
print_str(const char *s)
{
	struct tzf_buf b = TZF_BUF_INIT;
	int rc;

	tzf_buf_puts(&b, s);
	rc = print_buf(&b);
	tzf_buf_dispose(&b);
	return rc;
}

/* Status of a comparison: what differs (or ZONE), as diff(1). */
static int
cmp_status(const struct tzf_cmp *c, const struct opts *o)
{
	if (o->zone == NULL)
		return tzf_cmp_differ(c);
	return tzf_cmp_find(c, o->zone) != NULL;
}

/* Compare two built sides and print the report: 0, 1 or 2. */
static int
compare_print(const struct tzf_cmp_side *a, const struct tzf_cmp_side *b,
    const struct opts *o, const char *from, const char *to)
{
	struct tzf_buf out = TZF_BUF_INIT;
	struct tzf_cmp *c;
	int rc, status;

	rc = tzf_compare(&c, a, b, &o->range, &diag);
	if (rc < 0)
		return 2;
	if (o->summary) {
		report_summary_row(&out, c, from, to, o->fmt);
		rc = out.oom ? TZF_ENOMEM : TZF_OK;
	} else if (o->fmt == FMT_JSON && o->releases != NULL) {
		report_json(&out, c, o->zone, false);	/* JSON Lines */
		rc = out.oom ? TZF_ENOMEM : TZF_OK;
	} else
		rc = report_write(&out, c, o->fmt, o->zone);
	status = rc < 0 || print_buf(&out) < 0 ? 2 : cmp_status(c, o);
	tzf_buf_dispose(&out);
	tzf_cmp_free(c);
	return status;
}

static int
run_pair(const char *old, const char *new, const struct opts *o)
{
	struct tzf_cmp_side *a = NULL, *b = NULL;
	struct tzf_buf head = TZF_BUF_INIT;
	int status = 2;

	if (tzf_cmp_side_open(&a, old, &o->sw, &diag) < 0)
		goto out;
	if (tzf_cmp_side_open(&b, new, &o->sw, &diag) < 0)
		goto out;
	if (o->summary) {
		report_summary_head(&head, o->fmt);
		if (print_buf(&head) < 0)
			goto out;
	}
	status = compare_print(a, b, o, side_label(a), side_label(b));
out:
	tzf_buf_dispose(&head);
	tzf_cmp_side_free(a);
	tzf_cmp_side_free(b);
	return status;
}

static struct tzf_cmp_side *
open_release(const char *repo, const char *tag, const struct opts *o)
{
	struct tzf_buf spec = TZF_BUF_INIT;
	struct tzf_cmp_side *s;

	tzf_buf_printf(&spec, "%s@%s", repo, tag);
	if (spec.oom || tzf_cmp_side_open(&s, spec.ptr, &o->sw, &diag) < 0) {
		fprintf(stderr, "%s: cannot build '%s'\n", progname,
		    spec.oom ? tag : spec.ptr);
		s = NULL;
	}
	tzf_buf_dispose(&spec);
	return s;
}

/* The heading of one step of a walk in text or markdown. */
static int
step_heading(const char *a, const char *b, size_t i, const struct opts *o)
{
	struct tzf_buf h = TZF_BUF_INIT;
	int rc;

	if (o->summary || o->fmt == FMT_JSON)
		return 0;
	tzf_buf_printf(&h, "%s%s ", i > 1 ? "\n" : "",
	    o->fmt == FMT_MARKDOWN ? "#" : "===");
	tzf_buf_put_text(&h, a);
	tzf_buf_puts(&h, " -> ");
	tzf_buf_put_text(&h, b);
	tzf_buf_puts(&h, o->fmt == FMT_MARKDOWN ? "\n\n" : " ===\n\n");
	rc = print_buf(&h);
	tzf_buf_dispose(&h);
	return rc;
}

/* The walk's last line: to standard output, to standard error when the
 * output is JSON (it would not be JSON Lines). */
static void
walk_count(size_t n, size_t ndiff, size_t nsame, size_t ntrouble,
    const struct opts *o)
{
	char line[200];

	snprintf(line, sizeof line, "%s%s: %zu releases, %zu steps: %zu "
	    "differ, %zu same, %zu trouble\n", o->fmt == FMT_JSON ||
	    o->summary ? "" : "\n", progname, n, n - 1, ndiff, nsame,
	    ntrouble);
	if (o->fmt == FMT_JSON || o->summary)
		fputs(line, stderr);
	else
		print_str(line);
}

/* Walk consecutive releases: one report (or row) per step. */
static int
run_releases(const char *repo, const char *range, const struct opts *o)
{
	struct tzf_cmp_side *prev, *cur;
	size_t n, i, count[3] = { 0, 0, 0 };
	struct tzf_buf head = TZF_BUF_INIT;
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
	if (o->summary)
		report_summary_head(&head, o->fmt);
	if (print_buf(&head) < 0)
		status = 2;
	prev = open_release(repo, tags[0], o);
	for (i = 1; i < n && !write_failed; i++) {
		int st;

		cur = open_release(repo, tags[i], o);
		st = step_heading(tags[i - 1], tags[i], i, o) < 0 ||
		    prev == NULL || cur == NULL ? 2 :
		    compare_print(prev, cur, o, tags[i - 1], tags[i]);
		count[st]++;
		if (st > status)
			status = st;
		tzf_cmp_side_free(prev);
		prev = cur;
	}
	tzf_cmp_side_free(prev);
	if (!write_failed)
		walk_count(n, count[1], count[0], count[2], o);
	tzf_buf_dispose(&head);
	tzf_release_list_free(tags, n);
	return status;
}

struct commits_ctx {
	const struct opts *o;
	bool failed;
};

static int
print_commit(void *payload, const struct tzf_commit *c,
    const struct tzf_cmp *cmp)
{
	struct commits_ctx *x = payload;
	struct tzf_buf out = TZF_BUF_INIT;
	int rc;

	report_commit(&out, c, cmp, x->o->fmt);
	rc = print_buf(&out);
	tzf_buf_dispose(&out);
	x->failed |= rc < 0;
	return rc < 0 ? TZF_ERROR : TZF_OK;
}

/* The commits of RANGE that changed compiled behaviour: 1 if any. */
static int
run_commits(const char *repo, const char *range, const struct opts *o)
{
	struct commits_ctx x = { o, false };
	struct tzf_attrib_stats st;
	struct tzf_buf head = TZF_BUF_INIT;
	char line[200];
	int rc;

	if (o->fmt != FMT_JSON) {
		tzf_buf_puts(&head, o->fmt == FMT_MARKDOWN ? "# " : "");
		tzf_buf_puts(&head, "Commits of ");
		tzf_buf_put_text(&head, repo);
		tzf_buf_puts(&head, " ");
		tzf_buf_put_text(&head, range);
		tzf_buf_puts(&head, " that change compiled behaviour\n");
		if (print_buf(&head) < 0) {
			tzf_buf_dispose(&head);
			return 2;
		}
	}
	tzf_buf_dispose(&head);
	rc = tzf_attrib_commits(&st, repo, range, &o->sw, &o->range,
	    print_commit, &x, &diag);
	if (rc < 0 || x.failed)
		return 2;
	snprintf(line, sizeof line, "%s%s: %zu commits, %zu touch the "
	    "build's files, %zu compiled, %zu change behaviour%s\n",
	    o->fmt == FMT_JSON ? "" : "\n", progname, st.ncommits,
	    st.ntouching, st.nbuilt, st.nchanged, st.nguard == 0 ? "" :
	    " (some built with an earlier ziguard.awk; -v says which)");
	if (o->fmt == FMT_JSON)
		fputs(line, stderr);
	else if (print_str(line) < 0)
		return 2;
	return st.nchanged > 0;
}

static void
version(void)
{
	printf("tzdiff (tzforge %s) %s\n", TZF_VERSION, TZF_ZIC_VERSION);
	flush_or_die();
	exit(0);
}

/* A build switch, parsed by the library as zic and tzdb parse it. */
static int
parse_switch(struct opts *o, int ch, const char *arg)
{
	const char *name = ch == 'B' ? "backzone" : ch == 'D' ? "dataform" :
	    ch == 'N' ? "no-backward" : "packratlist";

	return tzf_switches_option(&o->sw, name, arg, &diag) < 0 ? -1 : 0;
}

/* Options into O; the index of the first operand, or -1 (exit 2). */
static int
parse_options(struct opts *o, int argc, char *argv[])
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
		{ "json", no_argument, NULL, 'J' },
		{ "releases", required_argument, NULL, 'r' },
		{ "commits", required_argument, NULL, 'c' },
		{ "summary", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, bad = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":v", longopts, NULL)) != -1) {
		switch (ch) {
		case 'B':
		case 'D':
		case 'N':
		case 'P':
			bad |= parse_switch(o, ch, optarg);
			break;
		case 'F': bad |= parse_format(&o->fmt, optarg); break;
		case 'J': o->fmt = FMT_JSON; break;
		case 'f':
			bad |= parse_time(&o->range.from, optarg, "from");
			break;
		case 'u':
			bad |= parse_time(&o->range.until, optarg, "until");
			break;
		case 'r': o->releases = optarg; break;
		case 'c': o->commits = optarg; break;
		case 's': o->summary = true; break;
		case 'v': verbose = true; break;
		case 'z': o->zone = optarg; break;
		case 'h': usage(); break;
		case 'V': version(); break;
		case ':':
			fprintf(stderr, "%s: option '%s' needs a value\n",
			    progname, argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, "%s: unknown option '%s' (see 'tzdiff "
			    "--help')\n", progname, argv[optind - 1]);
			return -1;
		}
		if (bad)
			return -1;
	}
	return optind;
}

/* Combinations the options do not allow; false after a message. */
static bool
check_options(const struct opts *o, int nargs)
{
	const char *why = NULL;

	if (o->releases != NULL && o->commits != NULL)
		why = "--releases and --commits exclude each other";
	else if ((o->releases != NULL || o->commits != NULL) ? nargs != 1 :
	    nargs != 2)
		why = o->releases != NULL || o->commits != NULL ?
		    "give one range" : "give two trees, old and new";
	else if (o->range.from >= o->range.until)
		why = "empty time range";
	else if (o->summary && (o->zone != NULL || o->fmt == FMT_NEWS ||
	    o->fmt == FMT_HTML || o->fmt == FMT_BRIEF || o->commits != NULL))
		why = "--summary is a table: text, markdown or json";
	else if (o->fmt == FMT_HTML && (o->releases || o->commits))
		why = "--format html shows one comparison";
	else if ((o->fmt == FMT_BRIEF || o->fmt == FMT_NEWS) &&
	    (o->zone != NULL || o->commits))
		why = "--format brief and news are about all names of one "
		    "comparison";
	if (why != NULL)
		fprintf(stderr, "%s: %s\n", progname, why);
	return why == NULL;
}

int
main(int argc, char *argv[])
{
	struct opts o;
	int first, status;

	memset(&o, 0, sizeof o);
	o.sw = (struct tzf_switches)TZF_SWITCHES_INIT;
	o.range = (struct tzf_cmp_opts)TZF_CMP_OPTS_INIT;
	o.fmt = FMT_TEXT;
	first = parse_options(&o, argc, argv);
	if (first < 0)
		return 2;	/* after one line saying why */
	argc -= first;
	argv += first;
	if (!check_options(&o, argc))
		return 2;
	if (tzf_switches_finish(&o.sw, getenv("VANGUARD_SUBSECONDS"),
	    &diag) < 0)
		return 2;
	if (tzf_init() < 0) {
		fprintf(stderr, "%s: cannot initialize libgit2\n", progname);
		return 2;
	}
	if (o.releases != NULL)
		status = run_releases(o.releases, argv[0], &o);
	else if (o.commits != NULL)
		status = run_commits(o.commits, argv[0], &o);
	else
		status = run_pair(argv[0], argv[1], &o);
	tzf_shutdown();
	if ((fflush(stdout) != 0 || ferror(stdout)) && !write_failed) {
		fprintf(stderr, "%s: write error\n", progname);
		write_failed = true;
	}
	return write_failed ? 2 : status;
}
