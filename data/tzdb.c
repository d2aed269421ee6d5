/*
 * tzdb.c: front end of the SQLite store of zone histories (data/tzdb).
 *
 * It parses the command line, opens a database (--db FILE) or compiles a
 * source tree into a private in-memory one (--source SPEC), calls the
 * library, formats answers as text or JSON, prints diagnostics as
 * "tzdb: file:line: message" and picks the exit status: 0 match, 1 no
 * match (unknown name, gap or overlap under --policy reject, nothing in
 * range), 2 trouble.  All domain logic lives in lib/ (store.c, query.c,
 * dump.c); see tzdb.1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzforge.h"

#define EXIT_MATCH	0
#define EXIT_NOMATCH	1
#define EXIT_TROUBLE	2

#define PREFAULT_BYTES ((size_t)256 << 10)	/* a query's working set */

static const char usage_text[] =
"usage: tzdb load --db FILE [--dataform FORM] [--backzone]\n"
"            [--packratlist FILE] [--no-backward] [--label NAME] SPEC...\n"
"       tzdb at [DB] [--release L] [--json] [--batch] ZONE TIME...\n"
"       tzdb local [DB] [--release L] [--json] [--policy P] ZONE LOCALTIME\n"
"       tzdb transitions [DB] [--release L] [--json] [--from T] [--to T] ZONE\n"
"       tzdb zones [DB] [--release L] [--json] [--country CC]\n"
"       tzdb history [DB] [--json] [--all] NAME\n"
"       tzdb releases [DB] [--json]\n"
"       tzdb dump --format tzvalidate|zdump [--from Y] [--to Y]\n"
"            [DB [--release L] | SPEC] [NAME...]\n"
"       tzdb export --mysql [--until YEAR] [DB [--release L] | SPEC]\n"
"       tzdb fetch [--url URL] NAME\n"
"DB is --db FILE, or --source SPEC (with the switches of load)\n";

/* Options: all long, anywhere after the command. */
struct opts {
	const char *db, *source, *release, *label, *policy, *from, *to;
	const char *country, *format, *until, *url;
	struct tzf_switches sw;
	bool json, batch, all, mysql;
	char **args;
	int nargs;
};

static struct tzf_diag diag;

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	fputs("tzdb: ", stderr);
	if (m->file != NULL && m->line > 0)
		fprintf(stderr, "%s:%ld: ", m->file, m->line);
	else if (m->file != NULL)
		fprintf(stderr, "%s: ", m->file);
	if (m->sev == TZF_WARN)
		fputs("warning: ", stderr);
	fprintf(stderr, "%s\n", m->text);
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)))
    __attribute__((noreturn));

static void
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
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_TROUBLE);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("%s", "out of memory");
	return p;
}

/*
 * A build-switch option at ARGV[*I] (--dataform, --packratlist, with
 * their value as the next word or after '='; --backzone, --no-backward),
 * parsed by the library as zic and tzdiff parse it; false if it is none.
 */
static bool
switch_opt(struct opts *o, int argc, char **argv, int *i)
{
	static const char *const valued[] = { "dataform", "packratlist" };
	const char *a = argv[*i] + 2, *arg = NULL, *eq = strchr(a, '=');
	char name[16];
	size_t n = eq != NULL ? (size_t)(eq - a) : strlen(a), k;
	int rc;

	if (n >= sizeof name)
		return false;
	memcpy(name, a, n);
	name[n] = '\0';
	for (k = 0; k < sizeof valued / sizeof valued[0]; k++)
		if (strcmp(name, valued[k]) == 0) {
			if (eq == NULL && *i + 1 >= argc)
				die("option '%s' needs a value", argv[*i]);
			arg = eq != NULL ? eq + 1 : argv[++*i];
		}
	if (arg == NULL && eq != NULL)
		return false;
	rc = tzf_switches_option(&o->sw, name, arg, &diag);
	if (rc == TZF_EINVAL)
		exit(EXIT_TROUBLE);
	return rc == TZF_OK;
}

static void
parse_opts(struct opts *o, int argc, char **argv)
{
	static const struct { const char *name; size_t off; } valued[] = {
#define V(f) { "--" #f, offsetof(struct opts, f) }
		V(db), V(source), V(release), V(label), V(policy), V(from),
		V(to), V(country), V(format), V(until), V(url),
#undef V
	};
	bool dashdash = false;
	int i;
	size_t k;

	o->args = xmalloc((size_t)argc * sizeof *o->args);
	for (i = 0; i < argc; i++) {
		char *a = argv[i], *eq;
		bool done = false;

		if (dashdash || a[0] != '-' || a[1] == '\0' ||
		    (a[1] != '-' && a[1] != 'h')) {
			o->args[o->nargs++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		eq = strchr(a, '=');
		for (k = 0; k < sizeof valued / sizeof valued[0]; k++) {
			size_t n = strlen(valued[k].name);

			if (strncmp(a, valued[k].name, n) != 0 ||
			    (a[n] != '\0' && a[n] != '='))
				continue;
			if (eq == NULL && i + 1 >= argc)
				die("option '%s' needs a value", a);
			*(const char **)((char *)o + valued[k].off) =
			    eq != NULL ? eq + 1 : argv[++i];
			done = true;
			break;
		}
		if (done || switch_opt(o, argc, argv, &i))
			continue;
		if (strcmp(a, "--json") == 0)
			o->json = true;
		else if (strcmp(a, "--batch") == 0)
			o->batch = true;
		else if (strcmp(a, "--all") == 0)
			o->all = true;
		else if (strcmp(a, "--mysql") == 0)
			o->mysql = true;
		else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(EXIT_MATCH);
		} else
			die("unknown option '%s'", a);
	}
}

/* ------------------------------------------------------------------ */
/* Output helpers */

static void
json_str(const char *s)
{
	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* ,"KEY":VALUE, the next member of a JSON object being printed. */
static void
json_kv(const char *key, const char *value)
{
	printf(",\"%s\":", key);
	json_str(value);
}

static void
json_key(const char *k, bool first)
{
	if (!first)
		putchar(',');
	json_str(k);
	putchar(':');
}

static const char *
ut_str(char *buf, size_t size, int64_t ut)
{
	tzf_time_format(buf, size, ut, true);
	return buf;
}

static const char *
local_str(char *buf, size_t size, int64_t ut, int32_t off)
{
	tzf_time_format(buf, size, ut + off, false);
	return buf;
}

static const char *
off_str(char *buf, size_t size, int32_t off)
{
	tzf_offset_format(buf, size, off);
	return buf;
}

/* A source line without its leading and trailing white space. */
static void
print_trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	fwrite(s, 1, n, stdout);
}

static void
json_state(const char *key, const struct tzf_local *l, int64_t ut,
    bool first)
{
	char b[64];

	json_key(key, first);
	printf("{\"ut\":");
	json_str(ut_str(b, sizeof b, ut));
	printf(",\"epoch\":%lld,\"local\":", (long long)ut);
	json_str(local_str(b, sizeof b, ut, l->utoff));
	printf(",\"utoff\":%ld,\"offset\":", (long)l->utoff);
	json_str(off_str(b, sizeof b, l->utoff));
	json_kv("abbr", l->abbr);
	printf(",\"isdst\":%s}", l->isdst ? "true" : "false");
}

static void
json_name(const struct tzf_zinfo *z)
{
	printf("\"name\":");
	json_str(z->name);
	json_kv("release", z->release);
	printf(",\"kind\":\"%s\",\"target\":", z->islink ? "link" : "zone");
	json_str(z->target);
	json_kv("zone", z->zone);
	printf(",\"defined\":{\"file\":");
	json_str(z->file);
	printf(",\"line\":%ld}", z->line);
}

static void
text_name(const struct tzf_zinfo *z)
{
	printf("name: %s\n", z->name);
	if (z->islink)
		printf("link: %s -> %s (%s:%ld), answers as %s\n", z->name,
		    z->target, z->file, z->line, z->zone ? z->zone : "nothing");
	else
		printf("zone: %s (%s:%ld)\n", z->name, z->file, z->line);
	printf("release: %s\n", z->release);
}

/* ------------------------------------------------------------------ */
/* Opening the data */

static int
load_one(struct tzf_store *st, const char *spec, const struct opts *o,
    const char *label, struct tzf_load_stats *stats)
{
	struct tzf_tree *t;
	int rc;

	rc = tzf_tree_open(&t, spec, &diag);
	if (rc < 0)
		return rc;
	rc = tzf_store_load(st, t, &o->sw, label, stats, &diag);
	tzf_tree_free(t);
	return rc;
}

/* The store a query reads: --db, or --source compiled in memory. */
static struct tzf_store *
open_data(const struct opts *o, const char *spec)
{
	struct tzf_store *st;

	if (o->db != NULL && (o->source != NULL || spec != NULL))
		die("%s", "give either --db or a source, not both");
	if (o->db != NULL) {
		if (tzf_store_open(&st, o->db, TZF_STORE_RDONLY, &diag) < 0)
			exit(EXIT_TROUBLE);
		return st;
	}
	if (spec == NULL)
		spec = o->source;
	if (spec == NULL)
		die("%s", "no data: give --db FILE or --source SPEC");
	if (tzf_store_open(&st, NULL, TZF_STORE_CREATE, &diag) < 0 ||
	    load_one(st, spec, o, o->label ? o->label : "source", NULL) < 0)
		exit(EXIT_TROUBLE);
	return st;
}

/* A release to read: --release, else the latest (--source: the tree). */
static const char *
release_of(const struct opts *o)
{
	if (o->db == NULL && o->release != NULL)
		die("%s", "--release needs --db");
	return o->release;
}

static int
get_zinfo(struct tzf_zinfo **z, struct tzf_store *st, const struct opts *o,
    const char *name)
{
	int rc = tzf_store_zinfo(z, st, release_of(o), name, &diag);

	if (rc == TZF_ENOTFOUND)
		return EXIT_NOMATCH;
	return rc < 0 ? EXIT_TROUBLE : EXIT_MATCH;
}

/* TIME as an instant; a bare year means its first second (or, for an
 * upper bound, its last). */
static int64_t
parse_instant(const char *s, bool upper)
{
	int64_t v;
	bool haszone;
	size_t n = strspn(s, "0123456789");

	if (n > 0 && n <= 6 && s[n] == '\0') {
		if (tzf_civil_to_secs(&v, strtoll(s, NULL, 10) + upper, 1, 1,
		    0, 0, 0) < 0)
			die("bad year '%s'", s);
		return v - upper;
	}
	if (tzf_time_parse(&v, &haszone, s) < 0)
		die("bad time '%s' (want e.g. 1940-08-10T12:00:00Z, "
		    "2024-01-01T12:00+01:00 or @EPOCH)", s);
	if (!haszone)
		die("time '%s' needs a zone: Z or an offset such as +01:00", s);
	return v;
}

/* ------------------------------------------------------------------ */
/* Commands */

/* Load SPEC as LABEL (NULL: its version); warn when an earlier SPEC of
 * this run had the same label (SEEN holds the labels so far). */
static int
load_spec(struct tzf_store *st, const char *spec, const struct opts *o,
    char **seen, int nseen, struct tzf_load_stats *stats, char **label_out)
{
	struct tzf_tree *t;
	const char *label;
	int i, rc;

	*label_out = NULL;
	rc = tzf_tree_open(&t, spec, &diag);
	if (rc < 0)
		return rc;
	label = o->label != NULL ? o->label : tzf_tree_version(t);
	for (i = 0; label != NULL && i < nseen; i++)
		if (seen[i] != NULL && strcmp(seen[i], label) == 0)
			fprintf(stderr, "tzdb: warning: '%s' is release '%s' "
			    "again and replaces it (use --label)\n", spec,
			    label);
	rc = tzf_store_load(st, t, &o->sw, label, stats, &diag);
	if (rc == TZF_OK && label != NULL)
		*label_out = strdup(label);
	tzf_tree_free(t);
	return rc;
}

static int
cmd_load(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_load_stats stats;
	bool tty = isatty(STDERR_FILENO) && o->nargs > 1;
	char **seen;
	int i, rc = 0;

	if (o->db == NULL || o->nargs < 1)
		usage();
	if (o->label != NULL && o->nargs > 1)
		die("%s", "--label names one release: give one SPEC");
	if (tzf_store_open(&st, o->db, TZF_STORE_CREATE, &diag) < 0)
		return EXIT_TROUBLE;
	seen = xmalloc((size_t)o->nargs * sizeof *seen);
	for (i = 0; i < o->nargs; i++) {
		if (tty) {
			fprintf(stderr, "\rtzdb: loading %d/%d %s\033[K", i + 1,
			    o->nargs, o->args[i]);
			fflush(stderr);
		}
		if (load_spec(st, o->args[i], o, seen, i, &stats,
		    &seen[i]) < 0) {
			if (tty)
				fputc('\n', stderr);
			rc = EXIT_TROUBLE;
			continue;
		}
		if (!tty && o->nargs == 1)
			fprintf(stderr, "tzdb: loaded %s: %zu names, %zu new "
			    "histories, %zu shared%s\n", o->args[i],
			    stats.nnames, stats.nhist_new, stats.nhist_shared,
			    stats.replaced ? " (replaced)" : "");
	}
	if (tty)
		fprintf(stderr, "\rtzdb: loaded %d releases\033[K\n",
		    o->nargs);
	for (i = 0; i < o->nargs; i++)
		free(seen[i]);
	free(seen);
	tzf_store_close(st);
	return rc;
}

static void
print_at(const struct opts *o, const struct tzf_zinfo *z, int64_t ut,
    const struct tzf_local *l, const struct tzf_zoneline *zl, bool first)
{
	char b[64];

	if (o->json) {
		printf("%s{", first ? "" : ",\n");
		json_name(z);
		json_state("at", l, ut, false);
		printf(",\"line\":");
		if (zl == NULL)
			printf("null");
		else {
			printf("{\"file\":");
			json_str(zl->file);
			printf(",\"line\":%ld,\"text\":", zl->line);
			json_str(zl->text);
			printf("}");
		}
		printf("}");
		return;
	}
	if (!first)
		putchar('\n');
	text_name(z);
	printf("ut: %s\n", ut_str(b, sizeof b, ut));
	printf("local: %s\n", local_str(b, sizeof b, ut, l->utoff));
	printf("offset: %s\n", off_str(b, sizeof b, l->utoff));
	printf("abbr: %s\nisdst: %d\n", l->abbr, l->isdst);
	if (zl != NULL) {
		printf("line: %s:%ld: ", zl->file, zl->line);
		print_trimmed(zl->text);
		putchar('\n');
	}
}

/* --batch: "NAME TIME" per input line -> one TSV line per answer. */
static int
at_batch(struct tzf_store *st, const struct opts *o)
{
	struct tzf_zinfo *z = NULL;
	char line[1024], *name, *when, *sp;
	int rc = EXIT_MATCH;

	while (fgets(line, sizeof line, stdin) != NULL) {
		struct tzf_local l;
		const struct tzf_zoneline *zl;
		int64_t ut;
		bool haszone;

		line[strcspn(line, "\r\n")] = '\0';
		name = line + strspn(line, " \t");
		sp = name + strcspn(name, " \t");
		if (*name == '\0')
			continue;
		if (*sp == '\0')
			die("batch line '%s' needs NAME TIME", name);
		*sp = '\0';
		when = sp + 1 + strspn(sp + 1, " \t");
		if (tzf_time_parse(&ut, &haszone, when) < 0 || !haszone)
			die("bad time '%s'", when);
		if (z == NULL || strcmp(z->name, name) != 0) {
			tzf_zinfo_free(z);
			z = NULL;
			if (get_zinfo(&z, st, o, name) != EXIT_MATCH) {
				rc = EXIT_NOMATCH;
				continue;
			}
		}
		if (tzf_zinfo_at(&l, &zl, z, ut) < 0) {
			rc = EXIT_NOMATCH;
			continue;
		}
		printf("%s\t%lld\t%ld\t%s\t%d\t%s:%ld\n", name, (long long)ut,
		    (long)l.utoff, l.abbr, l.isdst, zl ? zl->file : "-",
		    zl ? zl->line : 0L);
	}
	tzf_zinfo_free(z);
	return rc;
}

static int
cmd_at(struct opts *o)
{
	struct tzf_store *st = open_data(o, NULL);
	struct tzf_zinfo *z = NULL;
	int i, rc;

	if (o->batch) {
		rc = at_batch(st, o);
		tzf_store_close(st);
		return rc;
	}
	if (o->nargs < 2)
		usage();
	rc = get_zinfo(&z, st, o, o->args[0]);
	if (rc == EXIT_MATCH && z->tzif == NULL) {
		fprintf(stderr, "tzdb: link '%s' leads nowhere\n", z->name);
		rc = EXIT_NOMATCH;
	}
	if (o->json && rc == EXIT_MATCH && o->nargs > 2)
		putchar('[');
	for (i = 1; rc == EXIT_MATCH && i < o->nargs; i++) {
		const struct tzf_zoneline *zl;
		struct tzf_local l;
		int64_t ut = parse_instant(o->args[i], false);

		if (tzf_zinfo_at(&l, &zl, z, ut) < 0) {
			rc = EXIT_TROUBLE;
			break;
		}
		print_at(o, z, ut, &l, zl, i == 1);
	}
	if (o->json && rc == EXIT_MATCH)
		printf("%s\n", o->nargs > 2 ? "]" : "");
	tzf_zinfo_free(z);
	tzf_store_close(st);
	return rc;
}

static void
text_state(const char *key, const struct tzf_local *l, int64_t ut)
{
	char b[64], c[64];

	printf("%s: %s %s %s isdst=%d\n", key, ut_str(b, sizeof b, ut),
	    off_str(c, sizeof c, l->utoff), l->abbr, l->isdst);
}

static int
cmd_local(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_zinfo *z = NULL;
	struct tzf_resolved r;
	const char *policy = o->policy ? o->policy : "reject";
	int64_t local, ut = 0;
	bool haszone, chosen = true;
	char b[64], c[64];
	int rc, pick = 0;

	if (o->nargs != 2)
		usage();
	if (strcmp(policy, "reject") != 0 && strcmp(policy, "earlier") != 0 &&
	    strcmp(policy, "later") != 0 && strcmp(policy, "shift") != 0)
		die("unknown policy '%s' (reject, earlier, later, shift)",
		    policy);
	if (tzf_time_parse(&local, &haszone, o->args[1]) < 0 || haszone)
		die("bad local time '%s' (want e.g. 2024-03-31T02:30:00)",
		    o->args[1]);
	st = open_data(o, NULL);
	rc = get_zinfo(&z, st, o, o->args[0]);
	if (rc == EXIT_MATCH && tzf_zinfo_resolve(&r, z, local) < 0) {
		fprintf(stderr, "tzdb: cannot resolve '%s'\n", o->args[1]);
		rc = EXIT_TROUBLE;
	}
	if (rc != EXIT_MATCH)
		goto out;
	switch (r.kind) {
	case TZF_LOCAL_UNIQUE:
		ut = r.ut[0];
		break;
	case TZF_LOCAL_OVERLAP:
		pick = strcmp(policy, "later") == 0 ? r.n - 1 : 0;
		ut = r.ut[pick];
		chosen = strcmp(policy, "reject") != 0;
		break;
	case TZF_LOCAL_GAP:
		/* earlier/later: the transition instant (C++ choose);
		 * shift: moved forward by the gap (Java, Noda) */
		ut = strcmp(policy, "shift") == 0 ?
		    local - r.before.utoff : r.trans;
		chosen = strcmp(policy, "reject") != 0;
		break;
	}
	if (o->json) {
		int i;

		printf("{");
		json_name(z);
		json_kv("localtime", local_str(b, sizeof b, local, 0));
		json_kv("policy", policy);
		printf(",\"result\":\"%s\"", r.kind == TZF_LOCAL_UNIQUE ?
		    "unique" : r.kind == TZF_LOCAL_GAP ? "gap" : "overlap");
		if (r.kind == TZF_LOCAL_GAP) {
			printf(",\"gap\":{\"from\":");
			json_str(local_str(b, sizeof b, r.gap_start, 0));
			json_kv("to", local_str(b, sizeof b, r.gap_end, 0));
			json_state("before", &r.before, r.trans - 1, false);
			json_state("after", &r.after, r.trans, false);
			printf("}");
		} else {
			printf(",\"candidates\":[");
			for (i = 0; i < r.n; i++) {
				printf("%s", i ? "," : "");
				json_state("x", &r.st[i], r.ut[i], true);
			}
			printf("]");
		}
		if (chosen) {
			struct tzf_local l;

			tzf_zinfo_at(&l, NULL, z, ut);
			json_state("chosen", &l, ut, false);
		} else
			printf(",\"chosen\":null");
		printf("}\n");
	} else {
		text_name(z);
		printf("localtime: %s\npolicy: %s\n",
		    local_str(b, sizeof b, local, 0), policy);
		if (r.kind == TZF_LOCAL_UNIQUE) {
			printf("result: unique\n");
		} else if (r.kind == TZF_LOCAL_OVERLAP) {
			printf("result: overlap\n");
			text_state("earlier", &r.st[0], r.ut[0]);
			text_state("later", &r.st[r.n - 1], r.ut[r.n - 1]);
		} else {
			printf("result: gap\ngap: %s to ", local_str(b,
			    sizeof b, r.gap_start, 0));
			printf("%s skipped ", local_str(b, sizeof b,
			    r.gap_end, 0));
			printf("at %s ", ut_str(b, sizeof b, r.trans));
			printf("(%s %s -> ", off_str(c, sizeof c,
			    r.before.utoff), r.before.abbr);
			printf("%s %s)\n", off_str(c, sizeof c,
			    r.after.utoff), r.after.abbr);
		}
		if (chosen) {
			struct tzf_local l;

			tzf_zinfo_at(&l, NULL, z, ut);
			text_state("ut", &l, ut);
		}
	}
	rc = chosen ? EXIT_MATCH : EXIT_NOMATCH;
out:
	tzf_zinfo_free(z);
	tzf_store_close(st);
	return rc;
}

struct trans_out {
	const struct opts *o;
	long n;
};

static int
print_change(void *payload, const struct tzf_change *c)
{
	struct trans_out *t = payload;
	char b[64], d[64], e[64];

	if (t->o->json) {
		printf("%s{\"ut\":", t->n ? ",\n" : "");
		json_str(ut_str(b, sizeof b, c->at));
		printf(",\"epoch\":%lld", (long long)c->at);
		printf(",\"before\":{\"utoff\":%ld,\"abbr\":",
		    (long)c->before.utoff);
		json_str(c->before.abbr);
		printf(",\"isdst\":%s}", c->before.isdst ? "true" : "false");
		json_state("after", &c->after, c->at, false);
		printf("}");
	} else
		printf("%s %s %s %s %d\n", ut_str(b, sizeof b, c->at),
		    local_str(d, sizeof d, c->at, c->after.utoff),
		    off_str(e, sizeof e, c->after.utoff), c->after.abbr,
		    c->after.isdst);
	t->n++;
	return 0;
}

static int
cmd_transitions(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_zinfo *z = NULL;
	struct trans_out t = { o, 0 };
	int64_t from = INT64_MIN, to;
	int rc;

	if (o->nargs != 1)
		usage();
	tzf_civil_to_secs(&to, 2038, 1, 1, 0, 0, 0);
	to--;
	if (o->from != NULL)
		from = parse_instant(o->from, false);
	if (o->to != NULL)
		to = parse_instant(o->to, true);
	st = open_data(o, NULL);
	rc = get_zinfo(&z, st, o, o->args[0]);
	if (rc == EXIT_MATCH) {
		if (o->json) {
			printf("{");
			json_name(z);
			printf(",\"transitions\":[");
		} else {
			text_name(z);
			printf("# ut local offset abbr isdst\n");
		}
		if (tzf_zinfo_changes(z, from, to, print_change, &t) < 0)
			rc = EXIT_TROUBLE;
		if (o->json)
			printf("]}\n");
		if (rc == EXIT_MATCH && t.n == 0)
			rc = EXIT_NOMATCH;
	}
	tzf_zinfo_free(z);
	tzf_store_close(st);
	return rc;
}

static int
cmd_zones(struct opts *o)
{
	struct tzf_store *st = open_data(o, NULL);
	struct tzf_tab_row *r = NULL;
	size_t n = 0, i;
	int rc = EXIT_MATCH;

	if (o->nargs != 0)
		usage();
	if (o->country == NULL) {
		char **names = NULL;

		if (tzf_store_names(&names, &n, st, release_of(o), &diag) < 0)
			rc = EXIT_TROUBLE;
		if (o->json)
			printf("[");
		for (i = 0; rc == EXIT_MATCH && i < n; i++) {
			struct tzf_zinfo *z;

			if (get_zinfo(&z, st, o, names[i]) != EXIT_MATCH) {
				rc = EXIT_TROUBLE;
				break;
			}
			if (o->json) {
				printf("%s{", i ? ",\n" : "");
				json_name(z);
				printf("}");
			} else if (z->islink)
				printf("%s\tlink\t%s\n", z->name, z->target);
			else
				printf("%s\tzone\n", z->name);
			tzf_zinfo_free(z);
		}
		if (o->json)
			printf("]\n");
		tzf_strv_free(names, n);
		tzf_store_close(st);
		return rc == EXIT_MATCH && n == 0 ? EXIT_NOMATCH : rc;
	}
	if (tzf_store_tab(&r, &n, st, release_of(o), o->country, &diag) < 0)
		rc = EXIT_TROUBLE;
	if (o->json && rc == EXIT_MATCH) {
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s{\"tab\":", i ? ",\n" : "");
			json_str(r[i].tab);
			json_kv("country", r[i].country);
			json_kv("country_name", r[i].country_name);
			json_kv("coordinates", r[i].coordinates);
			json_kv("zone", r[i].zone);
			json_kv("comment", r[i].comment);
			printf("}");
		}
		printf("]\n");
	} else if (rc == EXIT_MATCH) {
		if (n > 0)
			printf("%s %s\n", r[0].country, r[0].country_name ?
			    r[0].country_name : "");
		for (i = 0; i < n; i++)
			printf("%s\t%s\t%s%s%s\n", r[i].tab, r[i].zone,
			    r[i].coordinates, *r[i].comment ? "\t" : "",
			    r[i].comment);
	}
	tzf_tab_rows_free(r, n);
	tzf_store_close(st);
	return rc == EXIT_MATCH && n == 0 ? EXIT_NOMATCH : rc;
}

static void
changes_text(char *buf, size_t size, unsigned c)
{
	static const struct { unsigned bit; const char *name; } bits[] = {
		{ TZF_HIST_FIRST, "first" }, { TZF_HIST_ADDED, "added" },
		{ TZF_HIST_REMOVED, "removed" }, { TZF_HIST_KIND, "kind" },
		{ TZF_HIST_TARGET, "target" }, { TZF_HIST_DATA, "data" },
	};
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof bits / sizeof bits[0]; i++)
		if (c & bits[i].bit)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len ? "," : "", bits[i].name);
	if (len == 0)
		snprintf(buf, size, "-");
}

static int
cmd_history(struct opts *o)
{
	struct tzf_store *st;
	struct tzf_hist_row *r = NULL;
	size_t n = 0, i;
	char ch[80];
	int rc = EXIT_MATCH;
	bool first = true;

	if (o->nargs != 1)
		usage();
	st = open_data(o, NULL);
	i = (size_t)tzf_store_history(&r, &n, st, o->args[0], &diag);
	if ((int)i == TZF_ENOTFOUND)
		rc = EXIT_NOMATCH;
	else if ((int)i < 0)
		rc = EXIT_TROUBLE;
	if (o->json && rc == EXIT_MATCH)
		printf("{\"name\":"), json_str(o->args[0]),
		    printf(",\"releases\":[");
	else if (rc == EXIT_MATCH)
		printf("# %s: release, kind, target, data (SHA-256), what "
		    "changed\n", o->args[0]);
	for (i = 0; rc == EXIT_MATCH && i < n; i++) {
		const struct tzf_hist_row *h = &r[i];

		if (!o->all && h->changed == 0)
			continue;
		changes_text(ch, sizeof ch, h->changed);
		if (o->json) {
			printf("%s{\"release\":", first ? "" : ",\n");
			json_str(h->release);
			json_kv("origin", h->origin);
			json_kv("kind", !h->present ? NULL : h->islink ? "link" :
			    "zone");
			json_kv("target", h->target);
			json_kv("zone", h->zone);
			json_kv("sha256", h->present ? h->sha256 : NULL);
			printf(",\"changed\":\"%s\"}", ch);
		} else {
			if (i == 0 || strcmp(r[i - 1].origin, h->origin) != 0)
				printf("origin %s\n", *h->origin ? h->origin :
				    "(local trees)");
			printf("  %-10s %-5s %-22s %.12s %s\n", h->release,
			    !h->present ? "-" : h->islink ? "link" : "zone",
			    h->target ? h->target : "-",
			    h->present ? h->sha256 : "-", ch);
		}
		first = false;
	}
	if (o->json && rc == EXIT_MATCH)
		printf("]}\n");
	tzf_hist_rows_free(r, n);
	tzf_store_close(st);
	return rc;
}

static int
cmd_releases(struct opts *o)
{
	struct tzf_store *st = open_data(o, NULL);
	struct tzf_release *r = NULL;
	size_t n = 0, i;
	int rc = EXIT_MATCH;

	if (tzf_store_releases(&r, &n, st, &diag) < 0)
		rc = EXIT_TROUBLE;
	if (o->json && rc == EXIT_MATCH)
		printf("[");
	for (i = 0; rc == EXIT_MATCH && i < n; i++) {
		if (o->json) {
			printf("%s{\"label\":", i ? ",\n" : "");
			json_str(r[i].label);
			json_kv("version", r[i].version);
			json_kv("spec", r[i].spec);
			json_kv("origin", r[i].origin);
			json_kv("kind", r[i].kind);
			json_kv("commit", r[i].commit);
			json_kv("switches", r[i].switches);
			printf(",\"seq\":%ld,\"names\":%ld}", r[i].seq,
			    r[i].nnames);
		} else
			printf("%s\t%s\t%ld names\t%s\t%s\n", r[i].label,
			    r[i].spec, r[i].nnames, r[i].switches,
			    r[i].commit ? r[i].commit : "-");
	}
	if (o->json && rc == EXIT_MATCH)
		printf("]\n");
	tzf_releases_free(r, n);
	tzf_store_close(st);
	return rc == EXIT_MATCH && n == 0 ? EXIT_NOMATCH : rc;
}

static int
write_buf(struct tzf_buf *b)
{
	int rc = EXIT_MATCH;

	if (b->oom)
		die("%s", "out of memory");
	if (b->len > 0 && fwrite(b->ptr, 1, b->len, stdout) != b->len)
		rc = EXIT_TROUBLE;
	tzf_buf_dispose(b);
	return rc;
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

static int
cmd_dump(struct opts *o)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_store *st;
	const char *spec = NULL;
	int first = 0, i, rc = EXIT_MATCH;

	if (o->format == NULL)
		die("%s", "dump needs --format tzvalidate or --format zdump");
	if (o->db == NULL && o->source == NULL) {
		if (o->nargs < 1)
			usage();
		spec = o->args[0];
		first = 1;
	}
	if (strcmp(o->format, "tzvalidate") == 0) {
		if (o->nargs > first)
			usage();
		st = open_data(o, spec);
		if (tzf_dump_tzvalidate(&b, st, release_of(o), &diag) < 0)
			rc = EXIT_TROUBLE;
	} else if (strcmp(o->format, "zdump") == 0) {
		long long lo = year_arg(o->from, -500);
		long long hi = year_arg(o->to, 2500);
		char **names = NULL;
		size_t n = 0, k;

		st = open_data(o, spec);
		if (o->nargs > first) {
			n = (size_t)(o->nargs - first);
			names = xmalloc(n * sizeof *names);
			for (i = first; i < o->nargs; i++)
				names[i - first] = o->args[i];
		} else if (tzf_store_names(&names, &n, st, release_of(o),
		    &diag) < 0)
			rc = EXIT_TROUBLE;
		for (k = 0; rc == EXIT_MATCH && k < n; k++) {
			struct tzf_zinfo *z;

			rc = get_zinfo(&z, st, o, names[k]);
			if (rc != EXIT_MATCH)
				break;
			if (z->tzif != NULL &&
			    tzf_dump_zdump(&b, z, lo, hi) < 0)
				rc = EXIT_TROUBLE;
			tzf_zinfo_free(z);
			if (b.len > (1 << 20) && write_buf(&b) != EXIT_MATCH)
				rc = EXIT_TROUBLE;
		}
		if (o->nargs > first)
			free(names);
		else
			tzf_strv_free(names, n);
	} else
		die("unknown format '%s' (tzvalidate, zdump)", o->format);
	if (write_buf(&b) != EXIT_MATCH)
		rc = EXIT_TROUBLE;
	tzf_store_close(st);
	return rc;
}

static int
cmd_export(struct opts *o)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_store *st;
	const char *spec = NULL;
	int rc = EXIT_MATCH;

	if (!o->mysql)
		die("%s", "export needs --mysql");
	if (o->db == NULL && o->source == NULL) {
		if (o->nargs != 1)
			usage();
		spec = o->args[0];
	} else if (o->nargs != 0)
		usage();
	st = open_data(o, spec);
	if (tzf_export_mysql(&b, st, release_of(o), year_arg(o->until, 2037),
	    &diag) < 0)
		rc = EXIT_TROUBLE;
	if (write_buf(&b) != EXIT_MATCH)
		rc = EXIT_TROUBLE;
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
		usage();
	if (tzf_fork_fetch(o->args[0], o->url, isatty(STDERR_FILENO) ?
	    fetch_progress : NULL, NULL, &diag) < 0)
		return EXIT_TROUBLE;
	return EXIT_MATCH;
}

int
main(int argc, char *argv[])
{
	static const struct {
		const char *name;
		int (*fn)(struct opts *);
	} cmds[] = {
		{ "load", cmd_load }, { "at", cmd_at }, { "local", cmd_local },
		{ "transitions", cmd_transitions }, { "zones", cmd_zones },
		{ "history", cmd_history }, { "releases", cmd_releases },
		{ "dump", cmd_dump }, { "export", cmd_export },
		{ "fetch", cmd_fetch },
	};
	struct opts o;
	size_t i;
	int rc;

	memset(&o, 0, sizeof o);
	o.sw = (struct tzf_switches)TZF_SWITCHES_INIT;
	diag.fn = print_msg;
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return EXIT_MATCH;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("tzdb (tzforge) %s\n", TZF_VERSION);
		return EXIT_MATCH;
	}
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			break;
	if (i == sizeof cmds / sizeof cmds[0])
		die("unknown command '%s'", argv[1]);
	parse_opts(&o, argc - 2, argv + 2);
	if (tzf_switches_finish(&o.sw, getenv("VANGUARD_SUBSECONDS"),
	    &diag) < 0)
		return EXIT_TROUBLE;
	tzf_prefault_heap(PREFAULT_BYTES);
	if (tzf_init() < 0)
		return EXIT_TROUBLE;
	rc = cmds[i].fn(&o);
	tzf_shutdown();
	free(o.args);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = EXIT_TROUBLE;
	return rc;
}
