/*
 * zic.c: the zic front end, a drop-in replacement for zic (tzcode 2026c).
 *
 * It parses zic's options, reads the inputs, and hands them to
 * libtzforge, which parses, expands and lays out TZif bytes.  This file
 * owns messages on stderr, exit status and the order of the run; the
 * output directory, atomic file replacement and links are output.c's.
 */
#define _GNU_SOURCE		/* getopt_long */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "pool.h"
#include "zic.h"
#include "tzforge/program.h"

#define TZDIR_DEFAULT "/usr/share/zoneinfo"
#define TZDEFAULT "/etc/localtime"
#define TZDEFRULES "posixrules"
#define MAX_INPUT_BYTES ((size_t)256 << 20)	/* refuse absurd input files */
#ifndef TZF_BUGEMAIL
#define TZF_BUGEMAIL "tzforge-bugs@example.org"	/* make BUGEMAIL=... */
#endif

const char *progname;
static struct tzf_diag diag;
bool warnings_seen;
/* The parsed input, reachable from here so that leak checkers do not
 * flag the early exits of zic's fatal errors.  Volatile: a static that is
 * only written is otherwise optimized away, and LeakSanitizer with it. */
static struct tzf_db *volatile the_db;
static struct tzf_tree *volatile the_tree;	/* --source's, likewise */
void *volatile dying_block;

/* ------------------------------------------------------------------ */
/* Messages */

/*
 * Every line for stderr is formatted whole and written with one write()
 * under this lock, so that a writer thread's message never lands inside
 * another line; a dying thread keeps the lock until exit, so that only
 * the first fatal message is printed.
 */
static pthread_mutex_t stderr_lock = PTHREAD_MUTEX_INITIALIZER;
static bool stderr_failed;

static void
put_text(const char *text, size_t len, bool dying)
{
	pthread_mutex_lock(&stderr_lock);
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, text, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			stderr_failed = true;
			break;
		}
		text += n;
		len -= (size_t)n;
	}
	if (!dying)
		pthread_mutex_unlock(&stderr_lock);
}

/* PREFIX, then FMT's text and a newline, as one line on stderr. */
static void __attribute__((format(printf, 3, 0)))
vput_line(bool dying, const char *prefix, const char *fmt, va_list ap)
{
	char line[4 * PATH_MAX];
	int n = snprintf(line, sizeof line - 1, "%s", prefix);

	if (n < 0 || (size_t)n >= sizeof line - 1)
		n = 0;
	n += vsnprintf(line + n, sizeof line - 1 - (size_t)n, fmt, ap);
	if (n < 0 || (size_t)n >= sizeof line - 1)
		n = (int)sizeof line - 2;	/* truncated, but one line */
	line[n++] = '\n';
	put_text(line, (size_t)n, dying);
}

static void __attribute__((format(printf, 2, 3)))
put_line(const char *prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput_line(false, prefix, fmt, ap);
	va_end(ap);
}

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	char where[PATH_MAX + 64] = "", rule[PATH_MAX + 64] = "";

	(void)payload;
	if (m->sev == TZF_SEV_WARN)
		warnings_seen = true;
	if (m->file != NULL)
		snprintf(where, sizeof where, "\"%s\", line %ld: ", m->file,
		    m->line);
	if (m->rfile != NULL)
		snprintf(rule, sizeof rule, " (rule from \"%s\", line %ld)",
		    m->rfile, m->rline);
	put_line("", "%s%s%s%s%s%s", m->sev == TZF_SEV_WARN ? "warning: " : "",
	    m->sys ? progname : "", m->sys ? ": " : "", where, m->text, rule);
}

void
die(const char *fmt, ...)
{
	char prefix[PATH_MAX];
	va_list ap;

	pool_finish_unless_worker();
	snprintf(prefix, sizeof prefix, "%s: ", progname);
	va_start(ap, fmt);
	vput_line(true, prefix, fmt, ap);
	va_end(ap);
	exit(EXIT_FAILURE);
}

/* The end of a library call that failed: its message was printed,
 * except for running out of memory. */
static void
fail_on(int rc)
{
	if (rc == TZF_ENOMEM)
		die("Memory exhausted");
	if (rc < 0)
		exit(EXIT_FAILURE);
}

/* The same for the source layer, whose failures exit 2; OOM also when a
 * buffer it filled ran out of memory. */
static void
fail_source_on(int rc, bool oom)
{
	if (rc == TZF_ENOMEM || (rc >= 0 && oom))
		die("Memory exhausted");
	if (rc < 0)
		exit(2);
}

void
warn_line(const char *fmt, ...)
{
	va_list ap;

	warnings_seen = true;
	va_start(ap, fmt);
	vput_line(false, "warning: ", fmt, ap);
	va_end(ap);
}

/* An error with no location, as zic reports option conflicts. */
static void
plain_error(const char *text)
{
	put_line("", "%s", text);
	diag.nerr++;
}

/* Close stdout; if that fails, say so on one line and exit. */
static void
close_stdout(void)
{
	const char *e = ferror(stdout) ? "I/O error"
	    : fclose(stdout) != 0 ? strerror(errno) : NULL;

	if (e != NULL)
		die("standard output: %s", e);
}

/* The options, one line each, after zic's usage lines: every option
 * getopt_long() below accepts is here. */
static const char option_help[] =
    "\nOptions:\n"
    "  --version              print the version and exit\n"
    "  --help                 print this help and exit\n"
    "  -v                     more warnings\n"
    "  -b slim|fat            size of the output (default slim)\n"
    "  -d directory           output directory (default "
    TZDIR_DEFAULT ")\n"
    "  -D                     create no directories\n"
    "  -l localtime           link the -t file to this zone ('-': remove it)\n"
    "  -L leapseconds         leap-second file\n"
    "  -m mode                permission bits of the files, octal\n"
    "  -p posixrules          obsolete: link posixrules to this zone\n"
    "  -r '[@lo][/@hi]'       only the data from lo up to hi (seconds)\n"
    "  -R @hi                 explicit transitions up to hi, for old readers\n"
    "  -t localtime-link      where -l links (default " TZDEFAULT ")\n"
    "  -u 'owner[:group]'     owner and group of the files\n"
    "  --fix-quirks           correct the files zic 2026c gets wrong "
    "(zic(8), BUGS)\n"
    "  -g group               group of the files (as FreeBSD's zic)\n"
    "  -s                     ignored, with a warning\n"
    "  -y command             ignored, with a warning\n"
    "Source-tree options (build from a tzdb tree as its Makefile does):\n"
    "  --source SPEC          the tree: DIR, FILE.tar[.gz|.lz], FILE,\n"
    "                         REPO@REF or FORK@REF\n"
    "  --dataform FORM        main, vanguard or rearguard (DATAFORM)\n"
    "  --backzone             add backzone (PACKRATDATA=backzone)\n"
    "  --packratlist FILE     keep the backzone zones FILE names "
    "(PACKRATLIST)\n"
    "  --no-backward          leave out backward (BACKWARD=)\n"
    "  --install              also write what 'make install' adds\n"
    "  --redo REDO            with --install: posix_only, right_only,\n"
    "                         posix_right or right_posix (REDO)\n"
    "\nExit status: 0 success, 1 error, 2 a source tree that cannot be\n"
    "read or built as asked.\n"
    "\nReport bugs to " TZF_BUGEMAIL ".\n";

/*
 * zic's usage lines (argv[0] in them, as zic prints them), then the
 * options one per line and the bug address: on stdout for --help, on
 * stderr for a usage error.
 */
static void __attribute__((noreturn))
usage(FILE *stream, int status)
{
	struct tzf_buf b = TZF_BUF_INIT;

	tzf_buf_printf(&b,
	    "%s: usage is %s [ --version ] [ --help ] [ -v ] \\\n"
	    "\t[ -b {slim|fat} ] [ -d directory ] [ -D ] \\\n"
	    "\t[ -l localtime ] [ -L leapseconds ] [ -m mode ] \\\n"
	    "\t[ -p posixrules ] [ -r '[@lo][/@hi]' ] [ -R @hi ] \\\n"
	    "\t[ -t localtime-link ] [ -u 'owner[:group]' ] [ --fix-quirks ] \\\n"
	    "\t[ --source SPEC [ source-tree options ] ] [ filename ... ]\n",
	    progname, progname);
	tzf_buf_add(&b, option_help, sizeof option_help - 1);
	if (b.oom)
		die("Memory exhausted");
	if (stream == stderr) {
		put_text(b.ptr, b.len, false);
		tzf_buf_dispose(&b);
		exit(status);
	}
	fwrite(b.ptr, 1, b.len, stream);
	tzf_buf_dispose(&b);
	close_stdout();
	exit(status);
}

/* ------------------------------------------------------------------ */
/* Signals: finish the file in hand, then die of the signal. */

static volatile sig_atomic_t got_signal;

static void
signal_handler(int sig)
{
	got_signal = sig;
}

static void
catch_signals(void)
{
	static const int signals[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
	size_t i;

	for (i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction act, act0;

		act.sa_handler = signal_handler;
		sigemptyset(&act.sa_mask);
		act.sa_flags = 0;
		if (sigaction(signals[i], &act, &act0) == 0
		    && act0.sa_handler == SIG_IGN) {
			sigaction(signals[i], &act0, NULL);
			got_signal = 0;
		}
	}
}

void
check_for_signal(void)
{
	int sig = got_signal;

	if (sig) {
		/* Let the writer threads finish the files in hand. */
		pool_finish();
		signal(sig, SIG_DFL);
		raise(sig);
		abort();
	}
}

/* ------------------------------------------------------------------ */
/* Options */

static unsigned long
arg2num(const char *arg, int base, unsigned long maxval, const char *what)
{
	unsigned long n;
	char *ep;

	errno = 0;
	n = strtoul(arg, &ep, base);
	if (ep == arg || *ep || maxval < n || errno)
		die("%s", what);
	return n;
}

static void
mode_option(const char *arg)
{
	char what[300];

	snprintf(what, sizeof what, "-m '%s': invalid mode", arg);
	output_mode = (mode_t)arg2num(arg, 8, 07777, what);
}

static void
group_option(const char *arg)
{
	struct group *gr;
	char what[300];

	if (*arg == '\0')
		return;
	if (output_group != (gid_t)-1) {
		put_text("multiple groups specified", 25, false);
		exit(EXIT_FAILURE);
	}
	gr = getgrnam(arg);
	snprintf(what, sizeof what, "invalid group: %s", arg);
	output_group = gr ? gr->gr_gid
	    : (gid_t)arg2num(arg, 10, (gid_t)-1 - 1, what);
}

static void
owner_option(const char *arg)
{
	struct passwd *pw;
	char what[300];

	if (*arg == '\0')
		return;
	if (output_owner != (uid_t)-1) {
		put_text("multiple owners specified", 25, false);
		exit(EXIT_FAILURE);
	}
	pw = getpwnam(arg);
	snprintf(what, sizeof what, "invalid owner: %s", arg);
	output_owner = pw ? pw->pw_uid
	    : (uid_t)arg2num(arg, 10, (uid_t)-1 - 1, what);
}

/* Parse a signed decimal like strtoimax, clamping on overflow. */
static bool
parse_time(const char *s, char **end, int64_t *out, bool *overflowed)
{
	long long v;

	errno = 0;
	v = strtoll(s, end, 10);
	if (*end == s)
		return false;
	*overflowed = errno == ERANGE;
	*out = v;
	return true;
}

/* -r '[@lo][/@hi]' */
static bool
timerange_option(struct tzf_zic_opts *o, char *arg)
{
	int64_t lo = INT64_MIN, hi = INT64_MAX;
	char *lo_end = arg, *hi_end;
	bool ovf;

	if (*arg == '@') {
		if (!parse_time(arg + 1, &lo_end, &lo, &ovf)
		    || (lo == INT64_MAX && ovf))
			return false;
	}
	hi_end = lo_end;
	if (lo_end[0] == '/' && lo_end[1] == '@') {
		if (!parse_time(lo_end + 2, &hi_end, &hi, &ovf)
		    || hi == INT64_MIN)
			return false;
		hi -= !(hi == INT64_MAX && ovf);
	}
	if (*hi_end || hi < lo)
		return false;
	o->lo_time = lo;
	o->hi_time = hi;
	return true;
}

static bool
redundant_time_option(struct tzf_zic_opts *o, char *arg)
{
	int64_t t;
	char *end;
	bool ovf;

	if (*arg != '@' || !parse_time(arg + 1, &end, &t, &ovf) || *end)
		return false;
	if (o->redundant_time < t)
		o->redundant_time = t;
	return true;
}

static void
duplicate_option(const char *opt)
{
	die("More than one %s option specified", opt);
}

/* ------------------------------------------------------------------ */
/* Input */

/* Read NAME ("-": standard input) whole into B. */
static void
read_input(struct tzf_buf *b, const char *name)
{
	int fd = 0, err;

	if (strcmp(name, "-") != 0) {
		fd = open(name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("Can't open %s: %s", name, strerror(errno));
	}
	err = tzf_buf_read_fd(b, fd, MAX_INPUT_BYTES);
	if (err == EFBIG)
		die("%s: input file too large", name);
	if (err == ENOMEM)
		die("Memory exhausted");
	if (err != 0)
		die("%s: input error", name);
	if (fd != 0)
		close(fd);
}

/* Parse TEXT as the input file NAME; stop as zic does on a fatal error. */
static void
parse_text(struct tzf_db *db, const char *name, const char *text, size_t len,
    bool leapfile)
{
	fail_on(tzf_db_parse(db, name, text ? text : "", len, leapfile));
}

static void
parse_file(struct tzf_db *db, const char *name, bool leapfile)
{
	struct tzf_buf b = TZF_BUF_INIT;
	const char *shown = strcmp(name, "-") == 0 ? "standard input" : name;

	read_input(&b, name);
	parse_text(db, shown, b.ptr, b.len, leapfile);
	tzf_buf_dispose(&b);
}

/* If -u is used, create files with modes safe against races. */
static void
use_safe_temp_permissions(void)
{
	mode_t omode;

	if (output_owner == (uid_t)-1 && output_group == (gid_t)-1)
		return;
	if (output_mode == (mode_t)-1) {
		mode_t cmask = umask(0);

		umask(cmask);
		omode = CREAT_PERMS & ~cmask;
	} else
		omode = output_mode;
	creat_perms = ((omode & 0444) == 0444 ? 0444 : 0)
	    | ((omode & 0222) == 0222 ? 0222 : 0);
	if (creat_perms != omode)
		output_mode = omode;
}

/* ------------------------------------------------------------------ */
/* Source trees (--source and the upstream Makefile's build switches) */

enum {
	OPT_SOURCE = 256, OPT_DATAFORM, OPT_BACKZONE, OPT_PACKRATLIST,
	OPT_NO_BACKWARD, OPT_INSTALL, OPT_REDO, OPT_FIX_QUIRKS
};

struct source_opts {
	const char *spec;
	struct tzf_switches sw;
	bool install;
	const char *redo;	/* --redo, or NULL for the Makefile's REDO */
	bool switches_given;
};

/* Trouble with a source tree: exit status 2, like tzdb and tzdiff. */
static void __attribute__((noreturn, format(printf, 1, 2)))
die_source(const char *fmt, ...)
{
	char prefix[PATH_MAX];
	va_list ap;

	pool_finish_unless_worker();
	snprintf(prefix, sizeof prefix, "%s: ", progname);
	va_start(ap, fmt);
	vput_line(true, prefix, fmt, ap);
	va_end(ap);
	exit(2);
}

/* Source-layer messages name the problem in one line: "zic: TEXT". */
static void
print_source_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	if (m->sev == TZF_SEV_ERR && m->file == NULL)
		put_line("", "%s: %s", progname, m->text);
	else
		print_msg(NULL, m);
}

/* The build switches are parsed by the library, as tzdb and tzdiff
 * parse them. */
static void
source_option(struct source_opts *src, int c, const char *arg)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	const char *name = c == OPT_DATAFORM ? "dataform" :
	    c == OPT_BACKZONE ? "backzone" : c == OPT_PACKRATLIST ?
	    "packratlist" : "no-backward";

	switch (c) {
	case OPT_SOURCE:
		if (src->spec != NULL)
			duplicate_option("--source");
		src->spec = arg;
		return;
	case OPT_INSTALL:
		src->install = true;
		break;
	case OPT_REDO:
		if (src->redo != NULL)
			duplicate_option("--redo");
		src->redo = arg;
		break;
	default:
		if (tzf_switches_option(&src->sw, name, arg, &dg) < 0)
			exit(2);
		break;
	}
	src->switches_given = true;
}

/* VANGUARD_SUBSECONDS comes from the environment, as the upstream
 * Makefile hands it to ziguard.awk. */
static void
check_source_options(struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };

	if (src->switches_given && src->spec == NULL)
		die_source("--dataform, --backzone, --packratlist, "
		    "--no-backward, --install and --redo need --source");
	if (tzf_switches_finish(&src->sw, getenv("VANGUARD_SUBSECONDS"),
	    &dg) < 0)
		exit(2);
	if (src->redo != NULL && !src->install)
		die_source("--redo needs --install");
}

static struct tzf_tree *
open_source(const struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	struct tzf_tree *t;
	int rc;

	if (tzf_init() < 0)
		die_source("cannot initialise libgit2");
	rc = tzf_tree_open(&t, src->spec, &dg);
	if (rc == TZF_ENOMEM && dg.nerr == 0)
		die("Memory exhausted");
	if (rc < 0) {
		if (dg.nerr == 0)
			die_source("%s: cannot read source tree", src->spec);
		exit(2);
	}
	return t;
}

/* ------------------------------------------------------------------ */
/* --install: what `make install` does in TZDIR, with -d as TZDIR */

/*
 * The plan read from the release's Makefile and the generated files it
 * needs, all made before anything is written.  A REDO of posix_right or
 * right_posix also makes DIR-posix and DIR-leaps beside -d DIR, as the
 * Makefile does beside TZDIR; a sibling tree is built by a child
 * process, as make runs zic once more for it.
 */
static struct install_job {
	struct tzf_install plan;
	struct tzf_buf tzdata_zi;
	struct tzf_buf tzdata_zi_zic;	/* what zic compiles of it */
	struct tzf_buf leapseconds;
	bool sibling;		/* this process builds a sibling tree */
	bool leaps;		/* the tree in hand counts leap seconds */
	const char *tzdir;	/* -d as given */
	int start_fd;		/* the directory zic started in */
	char *link_path;	/* the sibling that is a link, from there */
	char *link_base;	/* what it links to */
} job = { .tzdata_zi = TZF_BUF_INIT, .tzdata_zi_zic = TZF_BUF_INIT,
	.leapseconds = TZF_BUF_INIT };

static bool
plan_has_file(const char *name)
{
	size_t i;

	for (i = 0; i < job.plan.nfiles; i++)
		if (strcmp(job.plan.files[i], name) == 0)
			return true;
	return false;
}

/* Read the plan and make tzdata.zi and leapseconds if it needs them. */
static void
plan_install(const struct tzf_tree *t, struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	const struct tzf_install *p = &job.plan;
	const char *data;
	size_t i, len;

	fail_source_on(tzf_tree_install(&job.plan, t, src->redo, &dg), false);
	src->sw.redo = p->redo;
	job.leaps = p->leaps;
	if (p->from_tzdata_zi || plan_has_file("tzdata.zi"))
		fail_source_on(tzf_tree_tzdata_zi(&job.tzdata_zi, t, &src->sw,
		    &dg), job.tzdata_zi.oom);
	if (p->from_tzdata_zi)
		fail_source_on(tzf_tree_tzdata_zi_for_zic(&job.tzdata_zi_zic,
		    t, &src->sw, &dg), job.tzdata_zi_zic.oom);
	if (p->leaps || p->posix_dir == TZF_SIBLING_TREE ||
	    p->leaps_dir == TZF_SIBLING_TREE || plan_has_file("leapseconds"))
		fail_source_on(tzf_tree_leapseconds(&job.leapseconds, t,
		    p->expires_line, &dg), job.leapseconds.oom);
	for (i = 0; i < p->nfiles; i++)
		if (strcmp(p->files[i], "tzdata.zi") != 0 &&
		    strcmp(p->files[i], "leapseconds") != 0 &&
		    tzf_tree_file(&data, &len, t, p->files[i]) != TZF_OK)
			die_source("'%s' has no '%s', which make install copies",
			    tzf_tree_spec(t), p->files[i]);
}

/* DIR-posix or DIR-leaps: -d without its trailing slashes, and SUFFIX. */
static char *
sibling_path(const char *suffix)
{
	size_t n = strlen(job.tzdir);
	char *path;

	while (n > 1 && job.tzdir[n - 1] == '/')
		n--;
	path = malloc(n + strlen(suffix) + 1);
	if (path == NULL)
		die("Memory exhausted");
	memcpy(path, job.tzdir, n);
	strcpy(path + n, suffix);
	return path;
}

/*
 * TZDIR-posix (or -leaps) will be a symbolic link to TZDIR's base name,
 * made by finish_siblings() once TZDIR is written, as make does.  An old
 * link is replaced; anything else there is refused now, before anything
 * is written (make would remove it).
 */
static void
plan_sibling_link(const char *suffix)
{
	char *tzdir = sibling_path(""), *path = sibling_path(suffix);
	const char *base = strrchr(tzdir, '/');
	struct stat st;

	base = base != NULL ? base + 1 : tzdir;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		die_source("--redo %s: -d '%s' has no name to link to",
		    job.plan.redo, job.tzdir);
	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
		die_source("--redo %s: '%s' is in the way of the symbolic link "
		    "make install puts there; remove it first", job.plan.redo,
		    path);
	job.link_path = path;
	job.link_base = strdup(base);
	if (job.link_base == NULL)
		die("Memory exhausted");
	free(tzdir);
}

/* Make the planned link, relative to where zic started (zic has changed
 * into -d by now): a new link under a temporary name, renamed over. */
static void
finish_siblings(void)
{
	char *tmp;

	if (job.link_path == NULL)
		return;
	tmp = malloc(strlen(job.link_path) + 32);
	if (tmp == NULL)
		die("Memory exhausted");
	snprintf(tmp, strlen(job.link_path) + 32, "%s.zic%ld", job.link_path,
	    (long)getpid());
	if (symlinkat(job.link_base, job.start_fd, tmp) != 0 ||
	    renameat(job.start_fd, tmp, job.start_fd, job.link_path) != 0) {
		int err = errno;

		unlinkat(job.start_fd, tmp, 0);
		die("Can't create %s: %s", job.link_path, strerror(err));
	}
	free(tmp);
}

/* Build TZDIR-posix (or -leaps) as a tree of its own in a child process,
 * which returns to go on as zic for that directory (*OUTDIR); the parent
 * waits and stops if it failed. */
static void
sibling_tree(const char *suffix, bool leaps, const char **outdir)
{
	char *path = sibling_path(suffix);
	struct stat st;
	pid_t pid;
	int status;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		die_source("--redo %s: '%s' is a symbolic link, where make "
		    "install compiles a tree; remove it first", job.plan.redo,
		    path);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		*outdir = path;
		job.sibling = true;
		job.leaps = leaps;
		return;
	}
	free(path);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE);
}

/* The REDO siblings of -d *OUTDIR; the tree in hand is built last (in a
 * child, it returns from the first sibling_tree()). */
static void
install_siblings(const char **outdir)
{
	job.tzdir = *outdir;
	job.start_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (job.start_fd < 0)
		die("Can't open the current directory: %s", strerror(errno));
	if (job.plan.posix_dir == TZF_SIBLING_LINK)
		plan_sibling_link("-posix");
	if (job.plan.leaps_dir == TZF_SIBLING_LINK)
		plan_sibling_link("-leaps");
	if (job.plan.posix_dir == TZF_SIBLING_TREE) {
		sibling_tree("-posix", false, outdir);
		if (job.sibling)
			return;
	}
	if (job.plan.leaps_dir == TZF_SIBLING_TREE)
		sibling_tree("-leaps", true, outdir);
}

/* The leap seconds of the tree in hand, as `-L leapseconds`. */
static void
parse_install_leaps(struct tzf_db *db)
{
	parse_text(db, "leapseconds", job.leapseconds.ptr, job.leapseconds.len,
	    true);
	fail_on(tzf_db_leaps_done(db));
}

/* The files the install rule copies into TZDIR.  cp makes them as a
 * checkout or the shell made them (0666 less the umask), and -m and -u,
 * which are zic's, do not apply. */
static void
install_files(const struct tzf_tree *t)
{
	mode_t perms = creat_perms, mode = output_mode;
	uid_t owner = output_owner;
	gid_t group = output_group;
	const char *data;
	size_t i, len;

	creat_perms = 0666;
	output_mode = (mode_t)-1;
	output_owner = (uid_t)-1;
	output_group = (gid_t)-1;
	for (i = 0; i < job.plan.nfiles; i++) {
		const char *name = job.plan.files[i];

		if (strcmp(name, "tzdata.zi") == 0)
			out_write(name, job.tzdata_zi.ptr, job.tzdata_zi.len);
		else if (strcmp(name, "leapseconds") == 0)
			out_write(name, job.leapseconds.ptr,
			    job.leapseconds.len);
		else if (tzf_tree_file(&data, &len, t, name) == TZF_OK)
			out_write(name, data, len);
	}
	creat_perms = perms;
	output_mode = mode;
	output_owner = owner;
	output_group = group;
}

/* Compile what the release's Makefile would compile (`make FORM.zi`),
 * each line where it came from, as zic given the files would say; with
 * --install, what make install compiles (tzdata.zi from 2017c). */
static void
parse_tree(struct tzf_db *db, const struct tzf_tree *t,
    const struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	struct tzf_build *b;
	int rc;

	if (src->install && job.plan.from_tzdata_zi) {
		parse_text(db, "tzdata.zi", job.tzdata_zi_zic.ptr,
		    job.tzdata_zi_zic.len, false);
		return;
	}
	fail_source_on(tzf_build_release(&b, t, &src->sw, &dg), false);
	rc = tzf_db_parse_build(db, b);
	tzf_build_free(b);
	fail_on(rc);
}

/* ------------------------------------------------------------------ */
/* Test hooks (zic.h): only in build/zic-hooks/zic */

#ifdef ZIC_TEST_HOOKS
static const char *stop_event;	/* ZIC_TEST_STOP=EVENT:N */
static long stop_after;
static long link_max;		/* ZIC_TEST_LINK_MAX=N */
static long fail_alloc;		/* ZIC_TEST_FAIL_ALLOC=N */
static long nalloc;
static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;

static bool
alloc_fails(void)
{
	bool fails;

	pthread_mutex_lock(&hook_lock);
	fails = ++nalloc == fail_alloc;
	pthread_mutex_unlock(&hook_lock);
	return fails;
}

static void *
hook_malloc(size_t n)
{
	return alloc_fails() ? NULL : malloc(n);
}

static void *
hook_realloc(void *p, size_t n)
{
	return alloc_fails() ? NULL : realloc(p, n);
}

void
test_hooks_init(void)
{
	static const struct tzf_allocator a = { hook_malloc, hook_realloc,
	    free };
	const char *v = getenv("ZIC_TEST_STOP");

	if (v != NULL && strchr(v, ':') != NULL) {
		stop_event = strndup(v, (size_t)(strchr(v, ':') - v));
		stop_after = atol(strchr(v, ':') + 1);
	}
	if ((v = getenv("ZIC_TEST_LINK_MAX")) != NULL)
		link_max = atol(v);
	if ((v = getenv("ZIC_TEST_FAIL_ALLOC")) != NULL) {
		fail_alloc = atol(v);
		tzf_set_allocator(&a);
	}
}

void
test_stop(const char *event)
{
	bool stop;

	if (stop_event == NULL || strcmp(event, stop_event) != 0)
		return;
	pthread_mutex_lock(&hook_lock);
	stop = --stop_after == 0;
	pthread_mutex_unlock(&hook_lock);
	if (stop)
		raise(SIGSTOP);
}

long
test_link_max(void)
{
	return link_max;
}

static bool
test_no_threads(void)
{
	return stop_event != NULL;
}
#else
static bool
test_no_threads(void)
{
	return false;
}
#endif

/*
 * Start the writer threads before parsing: a new thread can wait
 * milliseconds for a CPU of its own (the scheduler first queues it
 * beside its busy parent), and parsing hides that wait.
 */
static void
start_writers(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	pool_start(ncpu > 1 && !test_no_threads()
	    ? (int)(ncpu < 3 ? ncpu - 1 : 2) : 0, out_write);
}

/*
 * Compile the zones in input order (so diagnostics come out as zic's
 * do) while writer threads put finished files in place.
 */
static void
write_zones(struct tzf_db *db)
{
	size_t i, n = tzf_db_nzones(db);

	for (i = 0; i < n; i++) {
		struct tzf_buf *b = pool_buffer();
		int rc;

		check_for_signal();
		rc = tzf_db_compile_zone(b, db, i);
		if (rc == TZF_ENOMEM)
			die("Memory exhausted");
		if (rc < 0) {
			pool_finish();
			exit(EXIT_FAILURE);
		}
		pool_put(tzf_db_zone_name(db, i), b);
	}
	pool_finish();
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "source", required_argument, NULL, OPT_SOURCE },
		{ "dataform", required_argument, NULL, OPT_DATAFORM },
		{ "backzone", no_argument, NULL, OPT_BACKZONE },
		{ "packratlist", required_argument, NULL, OPT_PACKRATLIST },
		{ "no-backward", no_argument, NULL, OPT_NO_BACKWARD },
		{ "install", no_argument, NULL, OPT_INSTALL },
		{ "redo", required_argument, NULL, OPT_REDO },
		{ "fix-quirks", no_argument, NULL, OPT_FIX_QUIRKS },
		{ NULL, 0, NULL, 0 }
	};
	struct source_opts src = { NULL, TZF_SWITCHES_INIT, false, NULL,
	    false };
	struct tzf_tree *tree = NULL;
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	const char *lcltime = NULL, *psxrules = NULL, *leapsec = NULL;
	const char *tzdefault = NULL, *outdir = NULL;
	struct tzf_db *db;
	bool timerange_given = false;
	int bloat = 0, c, k;

	progname = argv[0] ? argv[0] : "zic";
	/* Past a file-size limit (ulimit -f), let write() fail with EFBIG,
	 * on standard output too, so that zic can say what failed. */
	signal(SIGXFSZ, SIG_IGN);
	test_hooks_init();
	diag.fn = print_msg;
	for (k = 1; k < argc; k++)
		if (strcmp(argv[k], "--version") == 0) {
			/* tzcode's form, its PKGVERSION in parentheses */
			printf("zic (tzforge %s) %s\n", TZF_VERSION,
			    TZF_ZIC_VERSION);
			close_stdout();
			return EXIT_SUCCESS;
		} else if (strcmp(argv[k], "--help") == 0)
			usage(stdout, EXIT_SUCCESS);
	while ((c = getopt_long(argc, argv, "b:d:Dg:l:L:m:p:r:R:st:u:vy:",
	    longopts, NULL)) != -1) {
		switch (c) {
		default:
			usage(stderr, EXIT_FAILURE);
		case 'b':
			if (strcmp(optarg, "slim") == 0) {
				if (bloat > 0)
					plain_error("incompatible -b options");
				bloat = -1;
			} else if (strcmp(optarg, "fat") == 0) {
				if (bloat < 0)
					plain_error("incompatible -b options");
				bloat = 1;
			} else {
				put_line("", "invalid option: -b '%s'", optarg);
				diag.nerr++;
			}
			break;
		case 'd':
			if (outdir)
				duplicate_option("-d");
			outdir = optarg;
			break;
		case 'D':
			skip_mkdir = true;
			break;
		case 'g':
			/* Undocumented; FreeBSD compatibility. */
			group_option(optarg);
			break;
		case 'l':
			if (lcltime)
				duplicate_option("-l");
			lcltime = optarg;
			break;
		case 'm':
			if (output_mode != (mode_t)-1)
				duplicate_option("-m");
			mode_option(optarg);
			break;
		case 'p':
			if (psxrules)
				duplicate_option("-p");
			if (strcmp(optarg, "-") != 0)
				warn_line("-p is obsolete and likely "
				    "ineffective");
			psxrules = optarg;
			break;
		case 't':
			if (tzdefault)
				duplicate_option("-t");
			tzdefault = optarg;
			break;
		case 'u': {
			char *colon = strchr(optarg, ':');

			if (colon)
				*colon = '\0';
			owner_option(optarg);
			if (colon)
				group_option(colon + 1);
			break;
		}
		case 'y':
			warn_line("-y ignored");
			break;
		case 'L':
			if (leapsec)
				duplicate_option("-L");
			leapsec = optarg;
			break;
		case 'v':
			o.noise = true;
			break;
		case 'r':
			if (timerange_given)
				duplicate_option("-r");
			if (!timerange_option(&o, optarg))
				die("invalid time range: %s", optarg);
			timerange_given = true;
			break;
		case 'R':
			if (!redundant_time_option(&o, optarg))
				die("invalid time: %s", optarg);
			break;
		case 's':
			warn_line("-s ignored");
			break;
		case OPT_FIX_QUIRKS:
			o.fix_quirks = true;
			break;
		case OPT_SOURCE:
		case OPT_DATAFORM:
		case OPT_BACKZONE:
		case OPT_PACKRATLIST:
		case OPT_NO_BACKWARD:
		case OPT_INSTALL:
		case OPT_REDO:
			source_option(&src, c, optarg);
			break;
		}
	}
	check_source_options(&src);
	if (optind == argc - 1 && strcmp(argv[optind], "=") == 0)
		usage(stderr, EXIT_FAILURE);
	if (o.hi_time + (o.hi_time < INT64_MAX) < o.redundant_time)
		die("-R time exceeds -r cutoff");
	if (o.redundant_time < o.lo_time)
		o.redundant_time = o.lo_time;
	o.fat = bloat > 0;
	if (outdir == NULL)
		outdir = TZDIR_DEFAULT;
	if (tzdefault == NULL)
		tzdefault = TZDEFAULT;
	o.tzdefault = lcltime ? tzdefault : NULL;
	o.psxrules = psxrules != NULL;

	if (src.install && leapsec != NULL)
		die_source("-L and --install: make install takes the leap "
		    "seconds from the release's leapseconds");

	/* About what compiling tzdb's main data takes (the heap peaks near
	 * 1.3 MB, and a prefaulted page costs time too: 1 MiB measured
	 * best); a source tree is also held in memory with its zic input. */
	tzf_prefault_heap((size_t)(src.spec != NULL ? 4 : 1) << 20);
	if (tzf_db_new(&db, &o, &diag) < 0)
		die("Memory exhausted");
	the_db = db;
	if (src.spec != NULL)
		the_tree = tree = open_source(&src);
	if (src.install) {
		plan_install(tree, &src);
		install_siblings(&outdir);	/* may fork: before threads */
		if (job.sibling)
			lcltime = psxrules = NULL;
		if (lcltime == NULL && !job.sibling &&
		    job.plan.localtime[0] != '\0') {
			lcltime = job.plan.localtime;
			tzdefault = "localtime";	/* inside TZDIR */
		}
		if (psxrules == NULL && !job.sibling &&
		    job.plan.posixrules[0] != '\0')
			psxrules = job.plan.posixrules;
	}
	start_writers();
	if (job.leaps)
		parse_install_leaps(db);
	if ((optind < argc || tree != NULL) && leapsec != NULL) {
		parse_file(db, leapsec, true);
		fail_on(tzf_db_leaps_done(db));
	}
	if (tree != NULL)
		parse_tree(db, tree, &src);
	for (k = optind; k < argc; k++)
		parse_file(db, argv[k], false);
	if (diag.nerr)
		return EXIT_FAILURE;
	fail_on(tzf_db_associate(db));
	use_safe_temp_permissions();
	out_open_dir(outdir);
	catch_signals();
	out_begin(db);
	write_zones(db);
	fail_on(tzf_db_links(db, out_link_cb, NULL));
	if (lcltime != NULL)
		out_link(lcltime, tzdefault, true, "command line", 1);
	if (psxrules != NULL)
		out_link(psxrules, TZDEFRULES, true, "command line", 1);
	if (tree != NULL && src.install && !job.sibling) {
		install_files(tree);
		finish_siblings();
	}
	tzf_db_free(db);
	tzf_tree_free(tree);
	out_close();
	if (src.spec != NULL)
		tzf_shutdown();
	if (warnings_seen && stderr_failed)
		return EXIT_FAILURE;
	return diag.nerr ? EXIT_FAILURE : EXIT_SUCCESS;
}
