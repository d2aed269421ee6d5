/*
 * zic.c: the zic front end, a drop-in replacement for zic (tzcode 2026c).
 *
 * It parses zic's options, reads the inputs, and hands them to
 * libtzforge, which parses, expands and lays out TZif bytes.  This file
 * owns only what touches the outside world: messages on stderr, exit
 * status, the output directory, atomic file replacement and links.
 */
#define _GNU_SOURCE		/* getopt_long, linkat, getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tzforge.h"
#include "pool.h"

#define TZDIR_DEFAULT "/usr/share/zoneinfo"
#define TZDEFAULT "/etc/localtime"
#define TZDEFRULES "posixrules"
#define MKDIR_PERMS 0755
#define CREAT_PERMS 0644
#define MAX_INPUT_BYTES ((size_t)256 << 20)	/* refuse absurd input files */

static const char *progname;
static const char *directory;
static bool directory_ends_in_slash;
static bool skip_mkdir;
static mode_t creat_perms = CREAT_PERMS;
static mode_t output_mode = (mode_t)-1;
static uid_t output_owner = (uid_t)-1;
static gid_t output_group = (gid_t)-1;
static struct tzf_diag diag;
static bool warnings_seen;
/* The parsed input, reachable from here so that leak checkers do not
 * flag the early exits of zic's fatal errors.  Volatile: a static that is
 * only written is otherwise optimized away, and LeakSanitizer with it. */
static struct tzf_db *volatile the_db;
/* The same for the block in hand when a writer dies (a temporary name,
 * a path being checked). */
static void *volatile dying_block;

/* ------------------------------------------------------------------ */
/* Messages */

static void
print_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	if (m->sev == TZF_WARN) {
		fputs("warning: ", stderr);
		warnings_seen = true;
	}
	if (m->sys)
		fprintf(stderr, "%s: ", progname);
	if (m->file != NULL)
		fprintf(stderr, "\"%s\", line %ld: ", m->file, m->line);
	fputs(m->text, stderr);
	if (m->rfile != NULL)
		fprintf(stderr, " (rule from \"%s\", line %ld)", m->rfile,
		    m->rline);
	fputc('\n', stderr);
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_FAILURE);
}

/* An error with no location, as zic reports option conflicts. */
static void
plain_error(const char *text)
{
	fprintf(stderr, "%s\n", text);
	diag.nerr++;
}

static void
plain_warning(const char *text)
{
	fprintf(stderr, "warning: %s\n", text);
	warnings_seen = true;
}

static void __attribute__((noreturn))
usage(FILE *stream, int status)
{
	fprintf(stream,
	    "%s: usage is %s [ --version ] [ --help ] [ -v ] \\\n"
	    "\t[ -b {slim|fat} ] [ -d directory ] [ -D ] \\\n"
	    "\t[ -l localtime ] [ -L leapseconds ] [ -m mode ] \\\n"
	    "\t[ -p posixrules ] [ -r '[@lo][/@hi]' ] [ -R @hi ] \\\n"
	    "\t[ -t localtime-link ] [ -u 'owner[:group]' ] \\\n"
	    "\t[ filename ... ]\n\n"
	    "Report bugs to tz@iana.org.\n", progname, progname);
	if (status == EXIT_SUCCESS && (fflush(stream) != 0
	    || ferror(stream)))
		status = EXIT_FAILURE;
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

	/* Past a file-size limit (ulimit -f), let write() fail with EFBIG
	 * so that the temporary file is removed and the old file kept. */
	signal(SIGXFSZ, SIG_IGN);

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

static void
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
		fprintf(stderr, "multiple groups specified");
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
		fprintf(stderr, "multiple owners specified");
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
/* Directories and atomic output */

static const char *
diagdir(const char *name)
{
	return *name == '/' ? "" : directory;
}

static const char *
diagslash(const char *name)
{
	return &"/"[*name == '/' || directory_ends_in_slash];
}

/* Make the missing directories of NAME (its ancestors only if asked). */
static void
mkdirs(const char *argname, bool ancestors)
{
	char *name, *cp;

	if (skip_mkdir)
		return;
	name = strdup(argname);
	if (name == NULL)
		die("Memory exhausted");
	cp = name;
	while (*cp == '/')
		cp++;
	while (cp && ((cp = strchr(cp, '/')) || !ancestors)) {
		if (cp)
			*cp = '\0';
		if (mkdir(name, MKDIR_PERMS) < 0) {
			int err = errno;

			/* An existing directory is fine, and so is EACCES on
			 * a parent someone else made. */
			if (err == ELOOP || err == ENAMETOOLONG || err == ENOENT
			    || err == ENOTDIR)
				die("Can't create directory %s: %s", name,
				    strerror(err));
		}
		if (cp)
			*cp++ = '/';
	}
	free(name);
}

static void
change_directory(const char *dir)
{
	if (chdir(dir) != 0) {
		int err = errno;

		if (err == ENOENT) {
			mkdirs(dir, false);
			err = chdir(dir) == 0 ? 0 : errno;
		}
		if (err != 0)
			die("Can't chdir to %s: %s", dir, strerror(err));
	}
}

/* Random bytes for temporary names, fetched from the kernel in batches. */
static void
random_bytes(unsigned char *out, size_t n)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static unsigned char pool[256];
	static size_t avail;

	pthread_mutex_lock(&lock);
	while (n > 0) {
		if (avail == 0) {
			ssize_t got = getrandom(pool, sizeof pool, 0);

			if (got <= 0) {
				size_t i;

				for (i = 0; i < sizeof pool; i++)
					pool[i] = (unsigned char)rand();
				got = sizeof pool;
			}
			avail = (size_t)got;
		}
		*out++ = pool[--avail];
		n--;
	}
	pthread_mutex_unlock(&lock);
}

/* Point *NAME at a fresh ".zicXXXXXX" in the directory of the original. */
static void
random_dirent(const char **name, char **namealloc, const char *orig)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	const char *lastslash = strrchr(orig, '/');
	size_t dirlen = lastslash ? (size_t)(lastslash + 1 - orig) : 0;
	unsigned char r[6];
	char *dst = *namealloc;
	int i;

	if (dst == NULL) {
		dst = malloc(dirlen + sizeof ".zic" + 6);
		if (dst == NULL)
			die("Memory exhausted");
		memcpy(dst, orig, dirlen);
		memcpy(dst + dirlen, ".zic", 4);
		dst[dirlen + 4 + 6] = '\0';
		*namealloc = dst;
		*name = dst;
	}
	random_bytes(r, sizeof r);
	for (i = 0; i < 6; i++)
		dst[dirlen + 4 + i] = alphabet[r[i] % (sizeof alphabet - 1)];
}

/* ------------------------------------------------------------------ */
/* Staying inside the output directory */

/* realpath() of the output directory, once zic has changed into it. */
static char *outdir_real;
static size_t outdir_real_len;

/*
 * Refuse to write NAME (relative to the output directory) when one of
 * its directory components is a symbolic link that leads outside the
 * output directory, e.g. one planted there to make zic write elsewhere.
 * Symbolic links that stay inside it (posix -> .) are fine.  Absolute
 * names (-l, -p targets outside -d) are what the user asked for.
 */
/*
 * Parent directories already found safe: each is checked once per run,
 * not once per file (a few dozen directories against 600 names).
 */
#define MAX_CHECKED 256
static char *checked[MAX_CHECKED];
static size_t nchecked;
static pthread_mutex_t checked_lock = PTHREAD_MUTEX_INITIALIZER;

/* Whether the directory part of NAME (LEN bytes) is known to be safe;
 * with ADD, record it. */
static bool
checked_dir(const char *name, size_t len, bool add)
{
	bool found = false;
	size_t i;

	pthread_mutex_lock(&checked_lock);
	for (i = 0; i < nchecked && !found; i++)
		found = strlen(checked[i]) == len
		    && memcmp(checked[i], name, len) == 0;
	if (!found && add && nchecked < MAX_CHECKED) {
		checked[nchecked] = strndup(name, len);
		if (checked[nchecked] != NULL)
			nchecked++;
	}
	pthread_mutex_unlock(&checked_lock);
	return found;
}

static void
check_inside(const char *name)
{
	char *prefix, *cp, *real;
	const char *lastslash;
	struct stat st;

	if (*name == '/' || outdir_real == NULL)
		return;
	lastslash = strrchr(name, '/');
	if (lastslash == NULL
	    || checked_dir(name, (size_t)(lastslash - name), false))
		return;
	prefix = strdup(name);
	if (prefix == NULL)
		die("Memory exhausted");
	for (cp = strchr(prefix, '/'); cp != NULL; cp = strchr(cp + 1, '/')) {
		*cp = '\0';
		if (lstat(prefix, &st) == 0 && S_ISLNK(st.st_mode)) {
			real = realpath(prefix, NULL);
			bool outside = real == NULL ||
			    strncmp(real, outdir_real, outdir_real_len) != 0 ||
			    (real[outdir_real_len] != '/' &&
			    real[outdir_real_len] != '\0' &&
			    outdir_real_len > 1);

			free(real);
			if (outside) {
				dying_block = prefix;
				die("Can't create %s%s%s: '%s' is a symbolic "
				    "link leading outside %s", diagdir(name),
				    diagslash(name), name, prefix, directory);
			}
		}
		*cp = '/';
	}
	free(prefix);
	checked_dir(name, (size_t)(lastslash - name), true);
}

/* A temporary name of random_dirent(): ".zic" and six of its letters. */
static bool
is_temp_name(const char *s)
{
	int i;

	if (strncmp(s, ".zic", 4) != 0)
		return false;
	for (i = 4; i < 10; i++)
		if (s[i] == '\0' || strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", s[i]) == NULL)
			return false;
	return s[10] == '\0';
}

/*
 * Remove the ".zicXXXXXX" temporaries that a zic killed before its
 * rename left in directory DIR.  Only called when no other zic of ours
 * is writing into the output directory (see lock_output_dir()).
 */
static void
remove_stale_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (!is_temp_name(e->d_name))
			continue;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
		    e->d_name) >= sizeof path || lstat(path, &st) != 0)
			continue;
		if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
			unlink(path);
	}
	closedir(d);
}

/*
 * Each zic of ours holds a shared flock() on the output directory (the
 * current directory by now) until it exits; the descriptor stays open
 * for that purpose.  Return whether this run got it exclusively first,
 * i.e. no other run is writing here, so that temporaries found now are
 * stale.  Where flock() does not work, stale files are left alone.
 */
static bool
lock_output_dir(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool alone;

	if (fd < 0)
		return false;
	alone = flock(fd, LOCK_EX | LOCK_NB) == 0;
	if (flock(fd, LOCK_SH) != 0) {
		close(fd);
		return false;
	}
	return alone;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Before writing: note where the output directory really is, lock it,
 * and, when no other run is writing there, clear stale temporaries from
 * every directory this run writes into (the output directory and the
 * parents of each zone and link name).
 */
static void
prepare_output(struct tzf_db *db)
{
	size_t i, n, nz = tzf_db_nzones(db), nl = tzf_db_nlinks(db);
	char **dirs;

	outdir_real = realpath(".", NULL);
	if (outdir_real == NULL)
		die("Can't find %s: %s", directory, strerror(errno));
	outdir_real_len = strlen(outdir_real);
	if (!lock_output_dir())
		return;
	dirs = malloc((nz + nl + 1) * sizeof *dirs);
	if (dirs == NULL)
		die("Memory exhausted");
	n = 0;
	dirs[n++] = strdup(".");
	for (i = 0; i < nz + nl; i++) {
		const char *name, *target, *file, *slash;
		long line;

		if (i < nz)
			name = tzf_db_zone_name(db, i);
		else
			tzf_db_link_at(db, i - nz, &target, &name, &file, &line);
		slash = strrchr(name, '/');
		if (*name == '/' || slash == NULL)
			continue;
		dirs[n++] = strndup(name, (size_t)(slash - name));
	}
	for (i = 0; i < n; i++)
		if (dirs[i] == NULL)
			die("Memory exhausted");
	qsort(dirs, n, sizeof *dirs, cmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(dirs[i], dirs[i - 1]) != 0) {
			struct stat st;

			/* Never follow a planted link out of the tree. */
			if (lstat(dirs[i], &st) == 0 && S_ISDIR(st.st_mode))
				remove_stale_temps(dirs[i]);
		}
	}
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

static int
open_outfile(const char **outname, char **tempname, const char *orig)
{
	bool dirs_made = false;

	check_inside(orig);
	if (*tempname == NULL)
		random_dirent(outname, tempname, orig);
	for (;;) {
		int fd = open(*outname, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    creat_perms);
		int err;

		if (fd >= 0)
			return fd;
		err = errno;
		if (err == ENOENT && !dirs_made) {
			mkdirs(*outname, true);
			dirs_made = true;
		} else if (err == EEXIST)
			random_dirent(outname, tempname, orig);
		else {
			dying_block = *tempname;
			die("Can't create %s%s%s: %s", diagdir(*outname),
			    diagslash(*outname), *outname, strerror(err));
		}
	}
}

static int
chmetadata(int fd)
{
	if (output_owner != (uid_t)-1 || output_group != (gid_t)-1)
		if (fchown(fd, output_owner, output_group) < 0)
			return -1;
	return output_mode == (mode_t)-1 ? 0 : fchmod(fd, output_mode);
}

/* Write, set metadata and close FD; on failure remove TEMPNAME and die. */
static void
finish_file(int fd, const void *data, size_t len, const char *name,
    const char *tempname)
{
	const char *p = data;
	const char *e = NULL;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = strerror(errno);
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (e == NULL && chmetadata(fd) < 0)
		e = strerror(errno);
	if (close(fd) < 0 && e == NULL)
		e = strerror(errno);
	if (e != NULL) {
		remove(tempname);
		dying_block = (void *)tempname;
		if (*name == '/')
			die("%s: %s", name, e);
		die("%s/%s: %s", directory, name, e);
	}
}

static void
rename_dest(char *tempname, const char *name)
{
	if (tempname == NULL)
		return;
	if (rename(tempname, name) != 0) {
		int err = errno;

		remove(tempname);
		dying_block = tempname;
		die("rename to %s%s%s: %s", diagdir(name), diagslash(name),
		    name, strerror(err));
	}
	free(tempname);
}

/* Replace NAME with DATA atomically: a temporary file, then rename. */
static void
write_atomically(const char *name, const void *data, size_t len)
{
	char *tempname = NULL;
	const char *outname = name;
	int fd = open_outfile(&outname, &tempname, name);

	finish_file(fd, data, len, name, tempname);
	rename_dest(tempname, name);
}

/* ------------------------------------------------------------------ */
/* Links */

/* 1 if NAME is an absolute symlink, -1 if relative, 0 if not a symlink. */
static int
itssymlink(const char *name, int *cache)
{
	if (*cache == -2) {
		char c = '\0';

		*cache = readlink(name, &c, 1) < 0 ? 0 : c == '/' ? 1 : -1;
	}
	return *cache;
}

/* Symlink contents leading from LINKNAME to TARGET (relative to -d). */
static char *
relname(const char *target, const char *linkname)
{
	size_t i, taillen, dir_len = 0, dotdots = 0, linksize = SIZE_MAX;
	const char *f = target;
	char *result = NULL, *cp;

	if (*linkname == '/') {
		size_t len = strlen(directory);
		bool needs_slash = len && directory[len - 1] != '/';

		if (*directory != '/')
			return NULL;
		linksize = len + needs_slash + strlen(target) + 1;
		result = malloc(linksize);
		if (result == NULL)
			die("Memory exhausted");
		memcpy(result, directory, len);
		result[len] = '/';
		strcpy(result + len + needs_slash, target);
		f = result;
	}
	for (i = 0; f[i] && f[i] == linkname[i]; i++)
		if (f[i] == '/')
			dir_len = i + 1;
	for (; linkname[i]; i++)
		dotdots += linkname[i] == '/' && linkname[i - 1] != '/';
	taillen = strlen(f + dir_len);
	if (dotdots * 3 + taillen + 1 <= linksize) {
		char *buf = malloc(dotdots * 3 + taillen + 1);

		if (buf == NULL)
			die("Memory exhausted");
		cp = buf;
		for (i = 0; i < dotdots; i++, cp += 3)
			memcpy(cp, "../", 3);
		memcpy(cp, f + dir_len, taillen + 1);
		free(result);
		result = buf;
	}
	return result;
}

static bool
same_parent_dirs(const char *a, const char *b)
{
	for (; *a == *b; a++, b++)
		if (!*a)
			return true;
	return !(strchr(a, '/') || strchr(b, '/'));
}

static void
copy_file(const char *target, const char *linkname, const char **outname,
    char **tempname)
{
	struct tzf_buf b = TZF_BUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *fp = fopen(target, "rb");
	int fd;

	if (fp == NULL)
		die("Can't read %s%s%s: %s", diagdir(target), diagslash(target),
		    target, strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		tzf_buf_add(&b, chunk, n);
	if (ferror(fp) || b.oom)
		die("%s/%s: I/O error", directory, target);
	fclose(fp);
	fd = open_outfile(outname, tempname, linkname);
	finish_file(fd, b.ptr, b.len, linkname, *tempname);
	tzf_buf_dispose(&b);
}

/* Where link diagnostics point: the Link line, or the command line. */
static const char *link_file;
static long link_line;

static void __attribute__((format(printf, 1, 2)))
link_warning(const char *fmt, ...)
{
	va_list ap;

	fputs("warning: ", stderr);
	if (link_file != NULL)
		fprintf(stderr, "\"%s\", line %ld: ", link_file, link_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	warnings_seen = true;
}

/* Hard link, else symlink, else copy, as zic does. */
static void
dolink(const char *target, const char *linkname, bool staysymlink)
{
	bool linkdirs_made = false;
	int link_errno, symlink_errno = -1;
	char *tempname = NULL, *linkalloc;
	const char *outname = linkname, *contents;
	int targetissym = -2, linknameissym = -2;

	check_for_signal();
	check_inside(linkname);
	if (strcmp(target, "-") == 0) {
		if (remove(linkname) == 0 || errno == ENOENT || errno == ENOTDIR)
			return;
		die("Can't remove %s%s%s: %s", diagdir(linkname),
		    diagslash(linkname), linkname, strerror(errno));
	}
	for (;;) {
		if (linkat(AT_FDCWD, target, AT_FDCWD, outname,
		    AT_SYMLINK_FOLLOW) == 0) {
			link_errno = 0;
			break;
		}
		link_errno = errno;
		if (link_errno == EINVAL)
			link_errno = ENOTSUP;
		if (link_errno == ENOTSUP && (same_parent_dirs(target, outname)
		    || 0 <= itssymlink(target, &targetissym))) {
			if (link(target, outname) == 0) {
				link_errno = 0;
				break;
			}
			link_errno = errno;
		}
		if (link_errno == EXDEV || link_errno == ENOTSUP)
			break;
		if (link_errno == EEXIST) {
			staysymlink &= tempname == NULL;
			random_dirent(&outname, &tempname, linkname);
			if (staysymlink && itssymlink(linkname, &linknameissym))
				break;
		} else if (link_errno == ENOENT && !linkdirs_made) {
			mkdirs(linkname, true);
			linkdirs_made = true;
		} else
			die("Can't link %s%s%s to %s%s%s: %s", diagdir(target),
			    diagslash(target), target, diagdir(outname),
			    diagslash(outname), outname, strerror(link_errno));
	}
	if (link_errno == 0) {
		rename_dest(tempname, linkname);
		return;
	}
	linkalloc = *target == '/' ? NULL : relname(target, linkname);
	contents = *target == '/' ? target : linkalloc;
	if (contents != NULL) {
		for (;;) {
			if (symlink(contents, outname) == 0) {
				symlink_errno = 0;
				break;
			}
			symlink_errno = errno;
			if (symlink_errno == EEXIST)
				random_dirent(&outname, &tempname, linkname);
			else if (symlink_errno == ENOENT && !linkdirs_made) {
				mkdirs(linkname, true);
				linkdirs_made = true;
			} else
				break;
		}
	}
	free(linkalloc);
	if (symlink_errno == 0) {
		if (link_errno != ENOTSUP && link_errno != EEXIST)
			link_warning("symbolic link used because hard link "
			    "failed: %s", strerror(link_errno));
	} else {
		copy_file(target, linkname, &outname, &tempname);
		if (link_errno != ENOTSUP)
			link_warning("copy used because hard link failed: %s",
			    strerror(link_errno));
		else if (symlink_errno < 0)
			link_warning("copy used because symbolic link not "
			    "obvious");
		else if (symlink_errno != ENOTSUP)
			link_warning("copy used because symbolic link failed: "
			    "%s", strerror(symlink_errno));
	}
	rename_dest(tempname, linkname);
}

static int
link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	(void)payload;
	link_file = file;
	link_line = line;
	dolink(target, linkname, false);
	return TZF_OK;
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
	int rc = tzf_db_parse(db, name, text ? text : "", len, leapfile);

	if (rc == TZF_ENOMEM)
		die("Memory exhausted");
	if (rc < 0)
		exit(EXIT_FAILURE);
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
	OPT_NO_BACKWARD, OPT_INSTALL, OPT_REDO
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
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static void
source_option(struct source_opts *src, int c, const char *arg)
{
	switch (c) {
	case OPT_SOURCE:
		if (src->spec != NULL)
			duplicate_option("--source");
		src->spec = arg;
		return;
	case OPT_DATAFORM:
		if (strcmp(arg, "main") != 0 && strcmp(arg, "vanguard") != 0
		    && strcmp(arg, "rearguard") != 0)
			die_source("--dataform '%s': not main, vanguard or "
			    "rearguard", arg);
		src->sw.dataform = arg;
		break;
	case OPT_BACKZONE:
		src->sw.backzone = true;
		break;
	case OPT_PACKRATLIST:
		src->sw.packratlist = arg;
		break;
	case OPT_NO_BACKWARD:
		src->sw.backward = false;
		break;
	case OPT_INSTALL:
		src->install = true;
		break;
	case OPT_REDO:
		if (src->redo != NULL)
			duplicate_option("--redo");
		src->redo = arg;
		break;
	}
	src->switches_given = true;
}

/* VANGUARD_SUBSECONDS from the environment, which is how the upstream
 * Makefile hands it to ziguard.awk (an empty value or 0 is off). */
static bool
env_subseconds(void)
{
	const char *v = getenv("VANGUARD_SUBSECONDS");

	return v != NULL && *v != '\0' && strcmp(v, "0") != 0;
}

static void
check_source_options(const struct source_opts *src)
{
	if (src->switches_given && src->spec == NULL)
		die_source("--dataform, --backzone, --packratlist, "
		    "--no-backward, --install and --redo need --source");
	if (src->sw.packratlist != NULL && !src->sw.backzone)
		die_source("--packratlist needs --backzone");
	if (src->redo != NULL && !src->install)
		die_source("--redo needs --install");
}

/* Source-layer messages name the problem in one line: "zic: TEXT". */
static void
print_source_msg(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	if (m->sev == TZF_ERR && m->file == NULL)
		fprintf(stderr, "%s: %s\n", progname, m->text);
	else
		print_msg(NULL, m);
}

static struct tzf_tree *
open_source(const struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	struct tzf_tree *t;

	if (tzf_init() < 0)
		die_source("cannot initialise libgit2");
	if (tzf_tree_open(&t, src->spec, &dg) < 0) {
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

	if (tzf_tree_install(&job.plan, t, src->redo, &dg) < 0)
		exit(2);
	src->sw.redo = p->redo;
	job.leaps = p->leaps;
	if ((p->from_tzdata_zi || plan_has_file("tzdata.zi")) &&
	    (tzf_tree_tzdata_zi(&job.tzdata_zi, t, &src->sw, &dg) < 0 ||
	    job.tzdata_zi.oom))
		exit(2);
	if (p->from_tzdata_zi && (tzf_tree_tzdata_zi_for_zic(&job.tzdata_zi_zic,
	    t, &src->sw, &dg) < 0 || job.tzdata_zi_zic.oom))
		exit(2);
	if ((p->leaps || p->posix_dir == TZF_SIBLING_TREE ||
	    p->leaps_dir == TZF_SIBLING_TREE ||
	    plan_has_file("leapseconds")) &&
	    (tzf_tree_leapseconds(&job.leapseconds, t, p->expires_line,
	    &dg) < 0 || job.leapseconds.oom))
		exit(2);
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
	size_t n = strlen(directory);
	char *path;

	while (n > 1 && directory[n - 1] == '/')
		n--;
	path = malloc(n + strlen(suffix) + 1);
	if (path == NULL)
		die("Memory exhausted");
	memcpy(path, directory, n);
	strcpy(path + n, suffix);
	return path;
}

/* TZDIR-posix (or -leaps) as a symbolic link to TZDIR's base name.  An
 * old link is replaced; anything else there is left alone and refused
 * (make would remove it). */
static void
sibling_link(const char *suffix)
{
	char *tzdir = sibling_path(""), *path = sibling_path(suffix), *tmp;
	const char *base = strrchr(tzdir, '/');
	struct stat st;

	base = base != NULL ? base + 1 : tzdir;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		die_source("--redo %s: -d '%s' has no name to link to",
		    job.plan.redo, directory);
	mkdirs(tzdir, false);	/* make install has compiled it by now */
	if (lstat(path, &st) == 0 && !S_ISLNK(st.st_mode))
		die_source("--redo %s: '%s' is in the way of the symbolic link "
		    "make install puts there; remove it first", job.plan.redo,
		    path);
	tmp = malloc(strlen(path) + 32);
	if (tmp == NULL)
		die("Memory exhausted");
	snprintf(tmp, strlen(path) + 32, "%s.zic%ld", path, (long)getpid());
	if (symlink(base, tmp) != 0 || rename(tmp, path) != 0) {
		int err = errno;

		unlink(tmp);
		die("Can't create %s: %s", path, strerror(err));
	}
	free(tmp);
	free(path);
	free(tzdir);
}

/* Build TZDIR-posix (or -leaps) as a tree of its own in a child process,
 * which returns to go on as zic for that directory; the parent waits
 * and stops if it failed. */
static void
sibling_tree(const char *suffix, bool leaps)
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
		directory = path;
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

/* The REDO siblings, the tree in hand last (in a child, it returns from
 * the first sibling_tree()). */
static void
install_siblings(void)
{
	if (job.plan.posix_dir == TZF_SIBLING_LINK)
		sibling_link("-posix");
	if (job.plan.leaps_dir == TZF_SIBLING_LINK)
		sibling_link("-leaps");
	if (job.plan.posix_dir == TZF_SIBLING_TREE) {
		sibling_tree("-posix", false);
		if (job.sibling)
			return;
	}
	if (job.plan.leaps_dir == TZF_SIBLING_TREE)
		sibling_tree("-leaps", true);
}

/* The leap seconds of the tree in hand, as `-L leapseconds`. */
static void
parse_install_leaps(struct tzf_db *db)
{
	parse_text(db, "leapseconds", job.leapseconds.ptr, job.leapseconds.len,
	    true);
	if (tzf_db_leaps_done(db) < 0)
		exit(EXIT_FAILURE);
}

/* The files the install rule copies into TZDIR. */
static void
install_files(const struct tzf_tree *t)
{
	const char *data;
	size_t i, len;

	for (i = 0; i < job.plan.nfiles; i++) {
		const char *name = job.plan.files[i];

		if (strcmp(name, "tzdata.zi") == 0)
			write_atomically(name, job.tzdata_zi.ptr,
			    job.tzdata_zi.len);
		else if (strcmp(name, "leapseconds") == 0)
			write_atomically(name, job.leapseconds.ptr,
			    job.leapseconds.len);
		else if (tzf_tree_file(&data, &len, t, name) == TZF_OK)
			write_atomically(name, data, len);
	}
}

/* Compile what `make FORM.zi` would hold, named as that file; with
 * --install, what make install compiles. */
static void
parse_tree(struct tzf_db *db, const struct tzf_tree *t,
    const struct source_opts *src)
{
	struct tzf_diag dg = { print_source_msg, NULL, 0, 0 };
	struct tzf_buf b = TZF_BUF_INIT;
	char name[64];

	if (src->install && job.plan.from_tzdata_zi) {
		parse_text(db, "tzdata.zi", job.tzdata_zi_zic.ptr,
		    job.tzdata_zi_zic.len, false);
		return;
	}
	if (tzf_tree_zic_input(&b, t, &src->sw, &dg) < 0 || b.oom)
		exit(2);
	snprintf(name, sizeof name, "%s.zi",
	    src->sw.dataform ? src->sw.dataform : "main");
	parse_text(db, name, b.ptr, b.len, false);
	tzf_buf_dispose(&b);
}

/*
 * Start the writer threads before parsing: a new thread can wait
 * milliseconds for a CPU of its own (the scheduler first queues it
 * beside its busy parent), and parsing hides that wait.
 */
static void
start_writers(void)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	pool_start(ncpu > 1 ? (int)(ncpu < 3 ? ncpu - 1 : 2) : 0,
	    write_atomically);
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
		{ NULL, 0, NULL, 0 }
	};
	struct source_opts src = { NULL, TZF_SWITCHES_INIT, false, NULL,
	    false };
	struct tzf_tree *tree = NULL;
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	const char *lcltime = NULL, *psxrules = NULL, *leapsec = NULL;
	const char *tzdefault = NULL;
	struct tzf_db *db;
	bool timerange_given = false;
	int bloat = 0, c, k;

	progname = argv[0] ? argv[0] : "zic";
	diag.fn = print_msg;
	for (k = 1; k < argc; k++)
		if (strcmp(argv[k], "--version") == 0) {
			printf("zic (tzcode) %s\n", TZF_ZIC_VERSION);
			return fflush(stdout) || ferror(stdout) ? EXIT_FAILURE
			    : EXIT_SUCCESS;
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
				fprintf(stderr, "invalid option: -b '%s'\n",
				    optarg);
				diag.nerr++;
			}
			break;
		case 'd':
			if (directory)
				duplicate_option("-d");
			directory = optarg;
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
				plain_warning("-p is obsolete and likely "
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
			plain_warning("-y ignored");
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
			plain_warning("-s ignored");
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
	src.sw.subseconds = env_subseconds();
	if (optind == argc - 1 && strcmp(argv[optind], "=") == 0)
		usage(stderr, EXIT_FAILURE);
	if (o.hi_time + (o.hi_time < INT64_MAX) < o.redundant_time)
		die("-R time exceeds -r cutoff");
	if (o.redundant_time < o.lo_time)
		o.redundant_time = o.lo_time;
	o.fat = bloat > 0;
	if (directory == NULL)
		directory = TZDIR_DEFAULT;
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
		tree = open_source(&src);
	if (src.install) {
		plan_install(tree, &src);
		install_siblings();	/* may fork: before the threads */
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
		if (tzf_db_leaps_done(db) < 0)
			return EXIT_FAILURE;
	}
	if (tree != NULL)
		parse_tree(db, tree, &src);
	for (k = optind; k < argc; k++)
		parse_file(db, argv[k], false);
	if (diag.nerr)
		return EXIT_FAILURE;
	if (tzf_db_associate(db) < 0)
		return EXIT_FAILURE;
	use_safe_temp_permissions();
	change_directory(directory);
	directory_ends_in_slash = directory[strlen(directory) - 1] == '/';
	catch_signals();
	prepare_output(db);
	write_zones(db);
	if (tzf_db_links(db, link_cb, NULL) == TZF_ENOMEM)
		die("Memory exhausted");
	link_file = "command line";
	link_line = 1;
	if (lcltime != NULL)
		dolink(lcltime, tzdefault, true);
	if (psxrules != NULL)
		dolink(psxrules, TZDEFRULES, true);
	if (tree != NULL && src.install && !job.sibling)
		install_files(tree);
	tzf_db_free(db);
	tzf_tree_free(tree);
	free(outdir_real);
	if (src.spec != NULL)
		tzf_shutdown();
	if (warnings_seen && (ferror(stderr) || fclose(stderr) != 0))
		return EXIT_FAILURE;
	return diag.nerr ? EXIT_FAILURE : EXIT_SUCCESS;
}
