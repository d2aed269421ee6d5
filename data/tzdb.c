/*
 * tzdb.c: the commands of data/tzdb, the SQLite store of zone histories.
 *
 * This file parses the command line (one table of options, shared by
 * every command and by its --help), opens a database (--db FILE, else
 * $TZFORGE_DB, else the XDG data path) or compiles a source tree into a
 * private in-memory one (--source SPEC), asks the library, hands the
 * answers to print.c, prints diagnostics as "tzdb: file:line: message"
 * and picks the exit status: 0 an answer, 1 none (unknown name, a gap
 * or overlap under --policy reject, nothing in range), 2 trouble.  Domain
 * logic lives in lib/ (store*.c, query.c, dump.c); see tzdb.1.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tzdb.h"
#include "tzforge/program.h"

#define PREFAULT_BYTES ((size_t)256 << 10)	/* a query's working set */

enum cmd {
	C_LOAD, C_AT, C_LOCAL, C_TRANSITIONS, C_ZONES, C_HISTORY,
	C_RELEASES, C_CHECK, C_DUMP, C_EXPORT, C_FETCH, C_BLAME, NCMDS
};

static const struct {
	const char *name, *synopsis;
} cmds[NCMDS] = {
	[C_LOAD] = { "load", "[--db FILE] [SWITCHES] [--release NAME] "
	    "[--replace] [--until YEAR] SPEC..." },
	[C_AT] = { "at", "[DATA] [--release L | --releases RANGE] "
	    "[--format F] [--batch] ZONE TIME..." },
	[C_LOCAL] = { "local", "[DATA] [--release L] [--format F] "
	    "[--policy P] ZONE LOCALTIME" },
	[C_TRANSITIONS] = { "transitions", "[DATA] [--release L] "
	    "[--format F] [--from T] [--until T] ZONE" },
	[C_ZONES] = { "zones", "[DATA] [--release L] [--format F] "
	    "[--country CC]" },
	[C_HISTORY] = { "history", "[--db FILE] [--format F] [--all] NAME" },
	[C_RELEASES] = { "releases", "[--db FILE] [--format F]" },
	[C_CHECK] = { "check", "[--db FILE] [--format F]" },
	[C_DUMP] = { "dump", "--format tzvalidate|zdump [--from Y] "
	    "[--until Y] [DATA | SPEC] [NAME...]" },
	[C_EXPORT] = { "export", "--mysql [--until YEAR] [DATA | SPEC]" },
	[C_FETCH] = { "fetch", "[--url URL] FORK" },
	[C_BLAME] = { "blame", "--source REPO[@REF] [SWITCHES] [--format F] "
	    "NAME TIME" },
};

#define B(c)	(1u << (c))
#define QUERIES	(B(C_AT) | B(C_LOCAL) | B(C_TRANSITIONS) | B(C_ZONES))
#define TREES	(QUERIES | B(C_DUMP) | B(C_EXPORT))	/* --source, SPEC */
#define FORMAT	(QUERIES | B(C_HISTORY) | B(C_RELEASES) | B(C_CHECK) | \
		 B(C_BLAME))
#define ALL	((1u << NCMDS) - 1)

/* The options of every command. */
struct opts {
	const char *db, *source, *release, *releases, *label, *policy;
	const char *from, *until, *to, *country, *format, *url;
	const char *dataform, *packratlist;
	bool backzone, no_backward, json, batch, all, mysql, replace, help;
	char **args;
	int nargs;
};

/* One option: ARG names its value (NULL: a flag); OFF is the field. */
static const struct optdef {
	const char *name, *arg;
	unsigned cmds;
	size_t off;
	const char *help;
} optdefs[] = {
#define V(n, f, a, c, h) { "--" n, a, c, offsetof(struct opts, f), h }
#define F(n, f, c, h) { "--" n, NULL, c, offsetof(struct opts, f), h }
	V("db", db, "FILE", ALL & ~B(C_FETCH), "the database (default "
	    "$TZFORGE_DB, else $XDG_DATA_HOME/tzforge/tz.db)"),
	V("source", source, "SPEC", TREES | B(C_BLAME), "answer from a "
	    "source tree compiled in memory instead (blame: a git "
	    "repository at a ref)"),
	V("release", release, "LABEL", TREES, "the release to read "
	    "(default: the newest upstream release)"),
	V("releases", releases, "RANGE", B(C_AT), "answer once per "
	    "release: all, A..B or one label"),
	V("dataform", dataform, "FORM", TREES | B(C_LOAD) | B(C_BLAME),
	    "main, vanguard or rearguard (the Makefile's DATAFORM)"),
	F("backzone", backzone, TREES | B(C_LOAD) | B(C_BLAME),
	    "PACKRATDATA=backzone"),
	V("packratlist", packratlist, "FILE", TREES | B(C_LOAD) | B(C_BLAME),
	    "PACKRATLIST, e.g. zone.tab (with --backzone)"),
	F("no-backward", no_backward, TREES | B(C_LOAD) | B(C_BLAME),
	    "BACKWARD= (leave out the file backward)"),
	V("release", label, "NAME", B(C_LOAD), "the new release's label "
	    "(default: the tree's version)"),
	V("label", label, "NAME", B(C_LOAD), "the same as --release"),
	F("replace", replace, B(C_LOAD), "replace a label loaded from "
	    "another source, commit or switches"),
	V("until", until, "T", B(C_LOAD) | B(C_TRANSITIONS) | B(C_DUMP) |
	    B(C_EXPORT), "the end, exclusive (load, dump, export: a year)"),
	V("from", from, "T", B(C_TRANSITIONS) | B(C_DUMP), "the start "
	    "(dump: a year)"),
	V("to", to, "T", B(C_TRANSITIONS), "the end of the period T names, "
	    "inclusive (alias of --until)"),
	V("format", format, "F", FORMAT | B(C_DUMP), "text or json (dump: "
	    "tzvalidate or zdump; history: also html)"),
	F("json", json, FORMAT, "--format json"),
	F("batch", batch, B(C_AT), "read NAME TIME lines from standard "
	    "input, answer in TSV"),
	V("policy", policy, "P", B(C_LOCAL), "reject, earlier, later or "
	    "shift"),
	V("country", country, "CC", B(C_ZONES), "the zone.tab rows of one "
	    "ISO 3166 code"),
	F("all", all, B(C_HISTORY), "list every release, not only changes"),
	F("mysql", mysql, B(C_EXPORT), "SQL for MySQL's and MariaDB's time "
	    "zone tables"),
	V("url", url, "URL", B(C_FETCH), "fetch from URL instead of the "
	    "manifest's"),
	F("help", help, ALL, "this help"),
#undef V
#undef F
};
#define NOPTS (sizeof optdefs / sizeof optdefs[0])

static struct tzf_diag diag;
static struct tzf_switches sw = TZF_SWITCHES_INIT;
static char *default_db;

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	struct tzf_buf b = TZF_BUF_INIT;

	(void)payload;
	tzf_buf_puts(&b, "tzdb: ");
	if (m->file != NULL) {
		tzf_buf_put_text(&b, m->file);
		if (m->line > 0)
			tzf_buf_printf(&b, ":%ld", m->line);
		tzf_buf_puts(&b, ": ");
	}
	if (m->sev == TZF_SEV_WARN)
		tzf_buf_puts(&b, "warning: ");
	tzf_buf_put_text(&b, m->text);
	tzf_buf_puts(&b, "\n");
	if (!b.oom)
		fputs(b.ptr, stderr);
	tzf_buf_dispose(&b);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("tzdb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_TROUBLE);
}

static void
usage(FILE *fp)
{
	int c;

	fputs("usage: tzdb COMMAND [OPTION...] [ARG...]\n", fp);
	for (c = 0; c < NCMDS; c++)
		fprintf(fp, "       tzdb %s %s\n", cmds[c].name,
		    cmds[c].synopsis);
	fputs("DATA is --db FILE or --source SPEC; SWITCHES are --dataform, "
	    "--backzone,\n--packratlist and --no-backward.  "
	    "'tzdb COMMAND --help' lists a command's options.\n", fp);
}

/* A build switch given on the command line, parsed by the library as
 * zic and tzdiff parse it. */
static void
set_switch(bool given, const char *name, const char *arg)
{
	if (given && tzf_switches_option(&sw, name, arg, &diag) != TZF_OK)
		exit(EXIT_TROUBLE);
}

static void
command_help(enum cmd c)
{
	size_t i;

	printf("usage: tzdb %s %s\n", cmds[c].name, cmds[c].synopsis);
	for (i = 0; i < NOPTS; i++) {
		char left[40];

		if (!(optdefs[i].cmds & B(c)))
			continue;
		snprintf(left, sizeof left, "%s%s%s", optdefs[i].name,
		    optdefs[i].arg ? " " : "", optdefs[i].arg ?
		    optdefs[i].arg : "");
		printf("  %-22s %s\n", left, optdefs[i].help);
	}
}

/* The definition of option A (N bytes) for command C, else the first of
 * that name, else NOPTS: --release reads a release in most commands but
 * names the new one in load. */
static size_t
find_opt(const char *a, size_t n, enum cmd c)
{
	size_t k, first = NOPTS;

	for (k = 0; k < NOPTS; k++)
		if (strlen(optdefs[k].name) == n &&
		    strncmp(a, optdefs[k].name, n) == 0) {
			if (optdefs[k].cmds & B(c))
				return k;
			if (first == NOPTS)
				first = k;
		}
	return first;
}

static void
parse_opts(struct opts *o, enum cmd c, int argc, char **argv)
{
	bool dashdash = false;
	int i;
	size_t k;

	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (o->args == NULL)
		die("%s", "out of memory");
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t n;

		if (dashdash || a[0] != '-' || a[1] == '\0' ||
		    (a[1] >= '0' && a[1] <= '9')) {
			o->args[o->nargs++] = argv[i];	/* -0500: a year */
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		if (strcmp(a, "-h") == 0)
			a = "--help";
		eq = strchr(a, '=');
		n = eq != NULL ? (size_t)(eq - a) : strlen(a);
		k = find_opt(a, n, c);
		if (k == NOPTS || !(optdefs[k].cmds & B(c)))
			die("%s option '%.*s' (see 'tzdb %s --help')",
			    k == NOPTS ? "unknown" : "this command has no",
			    (int)n, a, cmds[c].name);
		if (optdefs[k].arg == NULL) {
			if (eq != NULL)
				die("option '%s' takes no value", optdefs[k].name);
			*(bool *)((char *)o + optdefs[k].off) = true;
			continue;
		}
		if (eq == NULL && i + 1 >= argc)
			die("option '%s' needs a value", optdefs[k].name);
		*(const char **)((char *)o + optdefs[k].off) =
		    eq != NULL ? eq + 1 : argv[++i];
	}
	if (o->help) {
		command_help(c);
		if (fflush(stdout) != 0)
			die("write error: %s", strerror(errno));
		exit(EXIT_MATCH);
	}
	if (o->json) {
		if (o->format != NULL && strcmp(o->format, "json") != 0)
			die("%s", "--json and --format disagree");
		o->format = "json";
	}
	if (o->to != NULL && o->until != NULL)
		die("%s", "give --until or --to, not both");
	set_switch(o->dataform != NULL, "dataform", o->dataform);
	set_switch(o->backzone, "backzone", NULL);
	set_switch(o->packratlist != NULL, "packratlist", o->packratlist);
	set_switch(o->no_backward, "no-backward", NULL);
	if (tzf_switches_finish(&sw, getenv("VANGUARD_SUBSECONDS"),
	    &diag) < 0)
		exit(EXIT_TROUBLE);
}

/* --format text|json for the queries; history also html. */
static void
start_output(const struct opts *o, enum cmd c)
{
	const char *f = o->format != NULL ? o->format : "text";

	if (c == C_HISTORY && strcmp(f, "html") == 0) {
		out_start(false);
		return;
	}
	if (strcmp(f, "text") != 0 && strcmp(f, "json") != 0)
		die("unknown format '%s' (text, json%s)", f, c == C_HISTORY ?
		    ", html" : "");
	out_start(strcmp(f, "json") == 0);
}

/* ------------------------------------------------------------------ */
/* Opening the data */

/* $TZFORGE_DB, else $XDG_DATA_HOME/tzforge/tz.db, else
 * ~/.local/share/tzforge/tz.db. */
static const char *
db_path(const struct opts *o)
{
	const char *e, *home;
	size_t n;

	if (o->db != NULL)
		return o->db;
	e = getenv("TZFORGE_DB");
	if (e != NULL)
		return e;	/* "" is refused by the store, not ignored */
	e = getenv("XDG_DATA_HOME");
	home = getenv("HOME");
	if ((e == NULL || *e != '/') && (home == NULL || *home == '\0'))
		die("%s", "no database: give --db FILE or set TZFORGE_DB");
	n = strlen(e && *e == '/' ? e : home) + 40;
	default_db = malloc(n);
	if (default_db == NULL)
		die("%s", "out of memory");
	if (e != NULL && *e == '/')
		snprintf(default_db, n, "%s/tzforge/tz.db", e);
	else
		snprintf(default_db, n, "%s/.local/share/tzforge/tz.db", home);
	return default_db;
}

/* Make the directories leading to the default database for a load. */
static void
make_parents(const char *path)
{
	char *p = strdup(path), *s;

	if (p == NULL)
		die("%s", "out of memory");
	for (s = strchr(p + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			die("cannot create '%s': %s", p, strerror(errno));
		*s = '/';
	}
	free(p);
}

static int
load_tree(struct tzf_store *st, const char *spec,
    const struct tzf_load_opts *lo, struct tzf_load_stats *stats)
{
	struct tzf_tree *t;
	int rc;

	if (tzf_spec_is_compiled(spec))
		return tzf_store_load_compiled(st, spec, lo, stats, &diag);
	rc = tzf_tree_open(&t, spec, &diag);
	if (rc < 0)
		return rc;
	rc = tzf_store_load(st, t, &sw, lo, stats, &diag);
	tzf_tree_free(t);
	return rc;
}

/* The store a command reads: --source (or SPEC) compiled in memory,
 * with EXTRA files appended to its zic input (NULL: none), or the
 * database. */
static struct tzf_store *
open_data_with(const struct opts *o, const char *spec,
    const char *const *extra)
{
	struct tzf_load_opts lo = TZF_LOAD_OPTS_INIT;
	struct tzf_store *st;

	if (o->db != NULL && (o->source != NULL || spec != NULL))
		die("%s", "give either --db or a source, not both");
	if (spec == NULL)
		spec = o->source;
	if (spec == NULL) {
		if (tzf_store_open(&st, db_path(o), TZF_STORE_RDONLY,
		    &diag) < 0)
			exit(EXIT_TROUBLE);
		return st;
	}
	if (o->release != NULL)
		die("%s", "--release reads a database, not a source");
	lo.label = "source";
	lo.extra_files = extra;
	if (tzf_store_open(&st, NULL, TZF_STORE_CREATE, &diag) < 0 ||
	    load_tree(st, spec, &lo, NULL) < 0)
		exit(EXIT_TROUBLE);
	return st;
}

static struct tzf_store *
open_data(const struct opts *o, const char *spec)
{
	return open_data_with(o, spec, NULL);
}

/* NAME of the release asked for; 1 when there is no such name. */
static int
get_zinfo(struct tzf_zinfo **z, struct tzf_store *st, const struct opts *o,
    const char *name)
{
	int rc = tzf_store_zinfo(z, st, o->release, name, &diag);

	if (rc == TZF_ENOTFOUND)
		return EXIT_NOMATCH;
	return rc < 0 ? EXIT_TROUBLE : EXIT_MATCH;
}

/* A time argument; without a zone it is UT. */
static int64_t
parse_time(const char *s)
{
	int64_t v;
	bool haszone;

	if (tzf_time_parse(&v, &haszone, s) < 0)
		die("bad time '%s' (want e.g. 1940-08-10T12:00:00Z, 2024, "
		    "2024-01-01T12:00+01:00 or @SECONDS)", s);
	return v;
}

static long long
year_arg(const char *s, long long dflt)
{
	char *end;
	long long v;

	if (s == NULL)
		return dflt;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || v < -100000 || v > 100000)
		die("bad year '%s'", s);
	return v;
}

/* ------------------------------------------------------------------ */
/* Commands */

static int
cmd_load(struct opts *o)
{
	struct tzf_load_opts lo = TZF_LOAD_OPTS_INIT;
	struct tzf_store *st;
	struct tzf_load_stats stats;
	const char *db = db_path(o);
	bool tty = isatty(STDERR_FILENO) && o->nargs > 1;
	int i, rc = EXIT_MATCH;

	if (o->nargs < 1)
		die("%s", "load needs a SPEC (see 'tzdb load --help')");
	if (o->label != NULL && o->nargs > 1)
		die("%s", "--release names one release: give one SPEC");
	lo.label = o->label;
	lo.replace = o->replace;
	lo.until_year = year_arg(o->until, lo.until_year);
	if (o->db == NULL && default_db != NULL)
		make_parents(db);
	if (tzf_store_open(&st, db, TZF_STORE_CREATE, &diag) < 0)
		return EXIT_TROUBLE;
	for (i = 0; i < o->nargs; i++) {
		if (tty) {
			fprintf(stderr, "\rtzdb: loading %d/%d %s\033[K", i + 1,
			    o->nargs, o->args[i]);
			fflush(stderr);
		}
		if (load_tree(st, o->args[i], &lo, &stats) < 0) {
			if (tty)
				fputc('\n', stderr);
			rc = EXIT_TROUBLE;
			continue;
		}
		if (!tty)
			fprintf(stderr, "tzdb: loaded %s as %s: %zu names, %zu "
			    "new histories, %zu shared%s\n", o->args[i],
			    stats.label, stats.nnames, stats.nhist_new,
			    stats.nhist_shared, stats.replaced ?
			    " (replaced)" : "");
	}
	if (tty)
		fprintf(stderr, "\rtzdb: loaded %d releases\033[K\n",
		    o->nargs);
	tzf_store_close(st);
	return rc;
}

/* --batch: "NAME TIME" per input line -> one TSV line per answer. */
static int
at_batch(struct tzf_store *st, const struct opts *o)
{
	struct tzf_zinfo *z = NULL;
	char line[1024], *name, *when, *sp;
	int rc = EXIT_MATCH;

	while (fgets(line, sizeof line, stdin) != NULL) {
		struct at_answer a;

		line[strcspn(line, "\r\n")] = '\0';
		name = line + strspn(line, " \t");
		sp = name + strcspn(name, " \t");
		if (*name == '\0')
			continue;
		if (*sp == '\0')
			die("batch line '%s' needs NAME TIME", name);
		*sp = '\0';
		when = sp + 1 + strspn(sp + 1, " \t");
		a.ut = parse_time(when);
		if (z == NULL || strcmp(z->name, name) != 0) {
			tzf_zinfo_free(z);
			z = NULL;
			if (get_zinfo(&z, st, o, name) != EXIT_MATCH) {
				rc = EXIT_NOMATCH;
				continue;
			}
		}
		if (tzf_zinfo_at(&a.l, &a.line, z, a.ut) < 0) {
			rc = EXIT_NOMATCH;
			continue;
		}
		print_at_batch(name, &a);
	}
	tzf_zinfo_free(z);
	return rc;
}

static int
at_releases(struct tzf_store *st, const struct opts *o)
{
	struct tzf_rel_answer *a = NULL;
	size_t n = 0;
	int64_t ut;
	int rc;

	if (o->nargs != 2)
		die("%s", "--releases takes one ZONE and one TIME");
	if (o->release != NULL)
		die("%s", "give --release or --releases, not both");
	ut = parse_time(o->args[1]);
	rc = tzf_store_at_releases(&a, &n, st, o->releases, o->args[0], ut,
	    &diag);
	if (rc < 0)
		return rc == TZF_ENOTFOUND ? EXIT_NOMATCH : EXIT_TROUBLE;
	print_at_releases(o->args[0], ut, a, n);
	tzf_rel_answers_free(a, n);
	return EXIT_MATCH;
}

static int
cmd_at(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_zinfo *z = NULL;
	struct at_answer *a;
	int i, rc;

	if (o->batch && (o->nargs > 0 || o->releases != NULL))
		die("%s", "--batch reads its questions from standard input");
	if (o->batch && o->format != NULL && strcmp(o->format, "text") != 0)
		die("%s", "--batch answers in TSV only");
	if (!o->batch && o->nargs < 2)
		die("%s", "at needs ZONE TIME... (see 'tzdb at --help')");
	a = calloc((size_t)o->nargs + 1, sizeof *a);
	if (a == NULL)
		die("%s", "out of memory");
	for (i = 1; !o->batch && o->releases == NULL && i < o->nargs; i++)
		a[i - 1].ut = parse_time(o->args[i]);
	st = open_data(o, NULL);
	if (o->batch)
		rc = at_batch(st, o);
	else if (o->releases != NULL)
		rc = at_releases(st, o);
	else {
		rc = get_zinfo(&z, st, o, o->args[0]);
		if (rc == EXIT_MATCH && z->tzif == NULL) {
			fprintf(stderr, "tzdb: link '%s' leads nowhere\n",
			    z->name);
			rc = EXIT_NOMATCH;
		}
		for (i = 1; rc == EXIT_MATCH && i < o->nargs; i++)
			if (tzf_zinfo_at(&a[i - 1].l, &a[i - 1].line, z,
			    a[i - 1].ut) < 0)
				rc = EXIT_TROUBLE;
		if (rc == EXIT_MATCH)
			print_at(z, a, (size_t)o->nargs - 1);
	}
	out_flush();
	tzf_zinfo_free(z);
	tzf_store_close(st);
	free(a);
	return rc;
}

static int
cmd_local(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_zinfo *z = NULL;
	struct tzf_resolved r;
	struct tzf_local l;
	enum tzf_policy policy;
	const char *pname = o->policy ? o->policy : "reject";
	int64_t local, ut = 0;
	bool haszone, chosen;
	int rc;

	if (o->nargs != 2)
		die("%s", "local needs ZONE LOCALTIME");
	if (tzf_policy_parse(&policy, pname) < 0)
		die("unknown policy '%s' (reject, earlier, later, shift)",
		    pname);
	if (tzf_time_parse(&local, &haszone, o->args[1]) < 0 || haszone)
		die("bad local time '%s' (want e.g. 2024-03-31T02:30:00, "
		    "without a zone)", o->args[1]);
	st = open_data(o, NULL);
	rc = get_zinfo(&z, st, o, o->args[0]);
	if (rc == EXIT_MATCH && tzf_zinfo_resolve(&r, z, local) < 0) {
		fprintf(stderr, "tzdb: cannot resolve '%s'\n", o->args[1]);
		rc = EXIT_TROUBLE;
	}
	if (rc == EXIT_MATCH) {
		chosen = tzf_policy_pick(&ut, &r, local, policy);
		if (chosen && tzf_zinfo_at(&l, NULL, z, ut) < 0)
			rc = EXIT_TROUBLE;
	}
	if (rc == EXIT_MATCH) {
		print_local(z, local, pname, &r, chosen, ut, &l);
		rc = chosen ? EXIT_MATCH : EXIT_NOMATCH;
	}
	out_flush();
	tzf_zinfo_free(z);
	tzf_store_close(st);
	return rc;
}

struct changes {
	struct tzf_change *v;
	size_t n, nalloc;
};

static int
keep_change(void *payload, const struct tzf_change *c)
{
	struct changes *k = payload;

	if (k->n == k->nalloc) {
		size_t na = k->nalloc ? 2 * k->nalloc : 256;
		struct tzf_change *v = realloc(k->v, na * sizeof *v);

		if (v == NULL)
			die("%s", "out of memory");
		k->v = v;
		k->nalloc = na;
	}
	k->v[k->n++] = *c;
	return 0;
}

static int
cmd_transitions(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_zinfo *z = NULL;
	struct changes k = { NULL, 0, 0 };
	int64_t from = INT64_MIN, until;
	bool haszone;
	int rc;

	if (o->nargs != 1)
		die("%s", "transitions needs one ZONE");
	tzf_civil_to_secs(&until, 2038, 1, 1, 0, 0, 0);
	if (o->from != NULL)
		from = parse_time(o->from);
	if (o->until != NULL)
		until = parse_time(o->until);
	if (o->to != NULL && tzf_time_parse_end(&until, &haszone, o->to) < 0)
		die("bad time '%s'", o->to);
	st = open_data(o, NULL);
	rc = get_zinfo(&z, st, o, o->args[0]);
	if (rc == EXIT_MATCH && from < until &&
	    tzf_zinfo_changes(z, from, until - 1, keep_change, &k) < 0)
		rc = EXIT_TROUBLE;
	if (rc == EXIT_MATCH) {
		print_transitions(z, from, until, k.v, k.n);
		if (k.n == 0)
			rc = EXIT_NOMATCH;
	}
	out_flush();
	free(k.v);
	tzf_zinfo_free(z);
	tzf_store_close(st);
	return rc;
}

static int
zones_list(struct tzf_store *st, const struct opts *o)
{
	struct tzf_zinfo **z;
	char **names = NULL;
	size_t n = 0, i;
	int rc = EXIT_MATCH;

	if (tzf_store_names(&names, &n, st, o->release, &diag) < 0)
		return EXIT_TROUBLE;
	z = calloc(n + 1, sizeof *z);
	if (z == NULL)
		die("%s", "out of memory");
	for (i = 0; rc == EXIT_MATCH && i < n; i++)
		if (get_zinfo(&z[i], st, o, names[i]) != EXIT_MATCH)
			rc = EXIT_TROUBLE;
	if (rc == EXIT_MATCH && n > 0)
		print_zones(z[0]->release, z, n);
	for (i = 0; i < n; i++)
		tzf_zinfo_free(z[i]);
	free(z);
	tzf_strv_free(names, n);
	return rc == EXIT_MATCH && n == 0 ? EXIT_NOMATCH : rc;
}

static int
cmd_zones(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_tab_row *r = NULL;
	char *label = NULL;
	size_t n = 0;
	int rc = EXIT_MATCH;

	if (o->nargs != 0)
		die("%s", "zones takes no arguments");
	st = open_data(o, NULL);
	if (o->country == NULL)
		rc = zones_list(st, o);
	else {
		if (o->release == NULL &&
		    tzf_store_default(&label, st, &diag) < 0)
			rc = EXIT_TROUBLE;
		if (rc == EXIT_MATCH && tzf_store_tab(&r, &n, st, o->release,
		    o->country, &diag) < 0)
			rc = EXIT_TROUBLE;
		if (rc == EXIT_MATCH)
			print_tab(o->release ? o->release : label, o->country,
			    r, n);
		if (rc == EXIT_MATCH && n == 0)
			rc = EXIT_NOMATCH;
		tzf_tab_rows_free(r, n);
		free(label);
	}
	out_flush();
	tzf_store_close(st);
	return rc;
}

static int
cmd_history(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_hist_row *r = NULL;
	size_t n = 0;
	int rc;

	if (o->nargs != 1)
		die("%s", "history needs one NAME");
	st = open_data(o, NULL);
	rc = tzf_store_history(&r, &n, st, o->args[0], &diag);
	if (rc == TZF_OK && o->format != NULL && strcmp(o->format, "html") == 0)
		rc = html_history(st, o->args[0], r, n, &diag);
	else if (rc == TZF_OK)
		print_history(o->args[0], r, n, o->all);
	out_flush();
	tzf_hist_rows_free(r, n);
	tzf_store_close(st);
	return rc == TZF_OK ? EXIT_MATCH : rc == TZF_ENOTFOUND ?
	    EXIT_NOMATCH : EXIT_TROUBLE;
}

static int
cmd_releases(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_release *r = NULL;
	size_t n = 0;
	int rc = EXIT_MATCH;

	if (o->nargs != 0)
		die("%s", "releases takes no arguments");
	st = open_data(o, NULL);
	if (tzf_store_releases(&r, &n, st, &diag) < 0)
		rc = EXIT_TROUBLE;
	else
		print_releases(r, n);
	out_flush();
	tzf_releases_free(r, n);
	tzf_store_close(st);
	return rc == EXIT_MATCH && n == 0 ? EXIT_NOMATCH : rc;
}

static int
cmd_check(struct opts *o)
{
	struct tzf_store *st;
	int rc;

	if (o->nargs != 0)
		die("%s", "check takes no arguments");
	st = open_data(o, NULL);
	rc = tzf_store_check(st, &diag);
	if (rc == TZF_OK || rc == TZF_EINVAL)
		print_check(db_path(o), rc == TZF_OK);
	out_flush();
	tzf_store_close(st);
	return rc == TZF_OK ? EXIT_MATCH : EXIT_TROUBLE;
}

/* dump and export read --db, --source, or a SPEC as first argument. */
static const char *
spec_arg(const struct opts *o, int *first)
{
	*first = 0;
	if (o->db != NULL || o->source != NULL || o->nargs == 0)
		return NULL;
	*first = 1;
	return o->args[0];
}

static int
dump_zdump(struct tzf_buf *b, struct tzf_store *st, const struct opts *o,
    int first)
{
	long long lo = year_arg(o->from, -500);
	long long hi = year_arg(o->until, 2500);
	char **names = NULL;
	size_t n = 0, k;
	int rc = EXIT_MATCH;

	if (o->nargs > first) {
		n = (size_t)(o->nargs - first);
		names = o->args + first;
	} else if (tzf_store_names(&names, &n, st, o->release, &diag) < 0)
		return EXIT_TROUBLE;
	for (k = 0; rc == EXIT_MATCH && k < n; k++) {
		struct tzf_zinfo *z;

		rc = get_zinfo(&z, st, o, names[k]);
		if (rc != EXIT_MATCH)
			break;
		if (z->tzif != NULL && tzf_dump_zdump(b, z, lo, hi) < 0)
			rc = EXIT_TROUBLE;
		tzf_zinfo_free(z);
		if (b->len > (1 << 20)) {
			out_raw(b);
			b->len = 0;
		}
	}
	if (o->nargs <= first)
		tzf_strv_free(names, n);
	return rc;
}

static int
cmd_dump(struct opts *o)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_store *st;
	const char *spec;
	int first, rc = EXIT_MATCH;

	if (o->format == NULL)
		die("%s", "dump needs --format tzvalidate or --format zdump");
	spec = spec_arg(o, &first);
	if (strcmp(o->format, "tzvalidate") == 0) {
		/* the file set the published tzvalidate files were made from */
		static const char *const tzv_files[] = { "pacificnew", NULL };

		if (o->nargs > first)
			die("%s", "tzvalidate dumps every name");
		st = open_data_with(o, spec, tzv_files);
		if (tzf_dump_tzvalidate(&b, st, o->release, &diag) < 0)
			rc = EXIT_TROUBLE;
	} else if (strcmp(o->format, "zdump") == 0) {
		st = open_data(o, spec);
		rc = dump_zdump(&b, st, o, first);
	} else
		die("unknown format '%s' (tzvalidate, zdump)", o->format);
	if (rc == EXIT_MATCH)
		out_raw(&b);
	tzf_buf_dispose(&b);
	tzf_store_close(st);
	return rc;
}

static int
cmd_export(struct opts *o)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_store *st;
	const char *spec;
	int first, rc = EXIT_MATCH;

	if (!o->mysql)
		die("%s", "export needs --mysql");
	spec = spec_arg(o, &first);
	if (o->nargs != first)
		die("%s", "export takes one SPEC at most");
	st = open_data(o, spec);
	if (tzf_export_mysql(&b, st, o->release, year_arg(o->until, 2037),
	    &diag) < 0)
		rc = EXIT_TROUBLE;
	if (rc == EXIT_MATCH)
		out_raw(&b);
	tzf_buf_dispose(&b);
	tzf_store_close(st);
	return rc;
}

static void
fetch_progress(void *payload, size_t done, size_t total)
{
	(void)payload;
	fprintf(stderr, "\rtzdb: received %zu/%zu objects", done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int
cmd_fetch(struct opts *o)
{
	if (o->nargs != 1)
		die("%s", "fetch needs one FORK");
	if (tzf_fork_fetch(o->args[0], o->url, isatty(STDERR_FILENO) ?
	    fetch_progress : NULL, NULL, &diag) < 0)
		return EXIT_TROUBLE;
	return EXIT_MATCH;
}

/* The commit that last changed NAME's answer at TIME (a behavioural
 * git blame); REF defaults to HEAD. */
static int
cmd_blame(struct opts *o)
{
	struct tzf_blame b;
	char *repo, *at;
	int64_t ut;
	int rc;

	if (o->nargs != 2)
		die("%s", "blame needs a NAME and a TIME");
	if (o->source == NULL)
		die("%s", "blame needs --source REPO[@REF]");
	ut = parse_time(o->args[1]);
	repo = strdup(o->source);
	if (repo == NULL)
		die("%s", "out of memory");
	at = strrchr(repo, '@');
	if (at != NULL && at != repo)
		*at++ = '\0';
	else
		at = NULL;
	rc = tzf_attrib_blame(&b, repo, at ? at : "HEAD", o->args[0], ut, &sw,
	    &diag);
	if (rc == TZF_OK)
		print_blame(o->args[0], ut, repo, at ? at : "HEAD", &b);
	out_flush();
	rc = rc < 0 ? EXIT_TROUBLE : b.found ? EXIT_MATCH : EXIT_NOMATCH;
	tzf_blame_dispose(&b);
	free(repo);
	return rc;
}

int
main(int argc, char *argv[])
{
	static int (*const fns[NCMDS])(struct opts *) = {
		[C_LOAD] = cmd_load, [C_AT] = cmd_at, [C_LOCAL] = cmd_local,
		[C_TRANSITIONS] = cmd_transitions, [C_ZONES] = cmd_zones,
		[C_HISTORY] = cmd_history, [C_RELEASES] = cmd_releases,
		[C_CHECK] = cmd_check, [C_DUMP] = cmd_dump,
		[C_EXPORT] = cmd_export, [C_FETCH] = cmd_fetch,
		[C_BLAME] = cmd_blame,
	};
	struct opts o;
	int c, rc;

	memset(&o, 0, sizeof o);
	diag.fn = print_msg;
	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		if (fflush(stdout) != 0)
			die("write error: %s", strerror(errno));
		return EXIT_MATCH;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tzdb (tzforge %s) %s\n", TZF_VERSION, TZF_ZIC_VERSION);
		if (fflush(stdout) != 0)
			die("write error: %s", strerror(errno));
		return EXIT_MATCH;
	}
	for (c = 0; c < NCMDS; c++)
		if (strcmp(argv[1], cmds[c].name) == 0)
			break;
	if (c == NCMDS)
		die("unknown command '%s' (see 'tzdb --help')", argv[1]);
	parse_opts(&o, (enum cmd)c, argc - 2, argv + 2);
	if ((FORMAT & B(c)))
		start_output(&o, (enum cmd)c);
	else
		out_start(false);
	tzf_prefault_heap(PREFAULT_BYTES);
	if (tzf_init() < 0)
		return EXIT_TROUBLE;
	rc = fns[c](&o);
	tzf_shutdown();
	free(o.args);
	free(default_db);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("write error: %s", strerror(errno));
	return rc;
}
