/*
 * output.c: zic's output directory: creating it, atomic file
 * replacement (a temporary file renamed into place), links (hard, else
 * symbolic, else a copy, as zic does) and the sweep of temporaries a
 * killed run left behind.
 */
#define _GNU_SOURCE		/* linkat, getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "zic.h"

#define MKDIR_PERMS 0755

const char *directory;
bool directory_ends_in_slash;
bool skip_mkdir;
mode_t creat_perms = CREAT_PERMS;
mode_t output_mode = (mode_t)-1;
uid_t output_owner = (uid_t)-1;
gid_t output_group = (gid_t)-1;


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

void
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
void
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
void
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
const char *link_file;
long link_line;

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
void
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

int
link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	(void)payload;
	link_file = file;
	link_line = line;
	dolink(target, linkname, false);
	return TZF_OK;
}


/* After the last file: the real path of the output directory is no
 * longer needed. */
void
finish_output(void)
{
	free(outdir_real);
	outdir_real = NULL;
}
