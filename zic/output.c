/*
 * output.c: zic's output directory: where every file and link goes.
 *
 * zic.8 promises that no input makes zic write or delete outside -d.
 * So every name is resolved inside -d through directory descriptors,
 * one component at a time (openat with O_NOFOLLOW and O_DIRECTORY),
 * each time it is used: a symbolic link met on the way is followed only
 * while it stays inside -d, and a directory swapped for a symbolic link
 * after one file is seen at the next.  Nothing about a directory is
 * remembered from one file to the next.
 *
 * Files are written under a temporary name (".zic" and six random
 * letters) in their final directory and renamed into place.  Links are
 * hard links, else symbolic links, else copies, as zic does.  Paths
 * typed on the command line (-t, -l, -p) that are absolute or climb out
 * with ".." are taken as typed, as zic takes them.
 */
#define _GNU_SOURCE		/* getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#define MAX_SYMLINKS 40		/* as Linux's path walk allows */
#define MAX_DEPTH (PATH_MAX / 2)	/* directories a walk can stack */
#define MAX_COPY_BYTES ((size_t)64 << 20)	/* a link copied, at most */
#define OUTSIDE (-1)		/* resolve(): the name leads outside -d */

bool skip_mkdir;
mode_t creat_perms = CREAT_PERMS;
mode_t output_mode = (mode_t)-1;
uid_t output_owner = (uid_t)-1;
gid_t output_group = (gid_t)-1;

static const char *directory;	/* -d, as typed */
static bool directory_ends_in_slash;
static int root_fd = -1;	/* the -d directory */
static char *root_real;		/* its realpath(), for absolute symlinks */
static size_t root_real_len;

/* ------------------------------------------------------------------ */
/* Names in messages: DIR/NAME, or NAME when it is absolute. */

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

/* ------------------------------------------------------------------ */
/* The output directory itself */

/*
 * Make the missing directories of NAME, a path as typed (-d, or a -t
 * taken as typed): its ancestors only, or the whole of it.
 */
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
			    || err == ENOTDIR) {
				dying_block = name;
				die("Can't create directory %s: %s", name,
				    strerror(err));
			}
		}
		if (cp)
			*cp++ = '/';
	}
	free(name);
}

/* Change into DIR (making it if missing) and hold it open, as -d. */
void
out_open_dir(const char *dir)
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
	directory = dir;
	directory_ends_in_slash = dir[strlen(dir) - 1] == '/';
	root_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		die("Can't open %s: %s", dir, strerror(errno));
	root_real = realpath(".", NULL);
	if (root_real == NULL)
		die("Can't find %s: %s", dir, strerror(errno));
	root_real_len = strlen(root_real);
	if (root_real_len == 1)
		root_real_len = 0;	/* "/": every absolute path is inside */
}

void
out_close(void)
{
	free(root_real);
	root_real = NULL;
	if (root_fd >= 0)
		close(root_fd);
	root_fd = -1;
}

/* ------------------------------------------------------------------ */
/* Resolving a name */

/* Where a name's last component lives. */
struct place {
	int dir;		/* an open directory, root_fd, or -1 */
	bool borrowed;		/* dir belongs to another place */
	const char *base;	/* the last component (in buf) */
	int linkflags;		/* linkat() flags for it as a link target */
	char culprit[PATH_MAX];	/* after OUTSIDE: the symlink to blame */
	char buf[2 * PATH_MAX];	/* the components still to walk */
};

static void
place_close(struct place *pl)
{
	if (pl->dir >= 0 && pl->dir != root_fd && !pl->borrowed)
		close(pl->dir);
	pl->dir = -1;
}

/* Whether NAME, typed on the command line, is taken as typed. */
static bool
taken_as_typed(const char *name)
{
	const char *p = name;

	if (*name == '/')
		return true;
	for (;;) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return true;
		if (p[n] == '\0')
			return false;
		p += n + 1;
	}
}

/* The place of a name taken as typed: its directory opened as the
 * kernel resolves it (cwd is -d), its last component followed when
 * linked to, as zic's linkat(AT_SYMLINK_FOLLOW) does. */
static int
resolve_as_typed(struct place *pl, const char *name, bool make_dirs)
{
	char *slash;

	if (strlen(name) >= sizeof pl->buf)
		return ENAMETOOLONG;
	strcpy(pl->buf, name);
	pl->linkflags = AT_SYMLINK_FOLLOW;
	slash = strrchr(pl->buf, '/');
	if (slash == NULL) {
		pl->dir = root_fd;
		pl->base = pl->buf;
		return 0;
	}
	if (make_dirs)
		mkdirs(name, true);
	*slash = '\0';
	pl->base = slash + 1;
	pl->dir = open(slash == pl->buf ? "/" : pl->buf,
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return pl->dir < 0 ? errno : 0;
}

/* The walk of a name below -d: the directories entered so far. */
struct walk {
	int fds[MAX_DEPTH];	/* fds[0] is root_fd */
	size_t n;
	int nlinks;		/* symbolic links followed */
	bool followed;		/* the components left came from a link */
};

static int
top(const struct walk *w)
{
	return w->fds[w->n - 1];
}

static void
walk_close(struct walk *w, size_t keep)
{
	while (w->n > keep) {
		w->n--;
		if (w->fds[w->n] != root_fd)
			close(w->fds[w->n]);
	}
}

/*
 * The component COMP of PL->buf is a symbolic link: put its contents
 * in front of REST (the components after it) in PL->buf, and climb back
 * to -d itself for an absolute link that leads inside it.  Returns 0,
 * an errno, or OUTSIDE.  NAME is the name being resolved, for the
 * culprit of an escape.
 */
static int
follow(struct place *pl, struct walk *w, const char *name, const char *comp,
    const char *rest)
{
	char target[PATH_MAX + 1];
	const char *t = target;
	ssize_t len;
	size_t restlen = rest ? strlen(rest) : 0;

	len = readlinkat(top(w), comp, target, sizeof target - 1);
	if (len < 0)
		return errno;
	target[len] = '\0';
	if (!w->followed) {
		/* Blame the link as the name shows it. */
		size_t n = (size_t)(comp - pl->buf) + strlen(comp);

		snprintf(pl->culprit, sizeof pl->culprit, "%.*s", (int)n,
		    name);
		w->followed = true;
	}
	if (++w->nlinks > MAX_SYMLINKS)
		return ELOOP;
	if (*t == '/') {
		if (strncmp(t, root_real, root_real_len) != 0
		    || (t[root_real_len] != '/' && t[root_real_len] != '\0'))
			return OUTSIDE;
		t += root_real_len;
		walk_close(w, 1);
	}
	if ((size_t)len + 1 + restlen >= sizeof pl->buf)
		return ENAMETOOLONG;
	/* REST lies in pl->buf: move it first, then put the link before. */
	memmove(pl->buf + strlen(t) + 1, rest ? rest : "", restlen + 1);
	memcpy(pl->buf, t, strlen(t));
	pl->buf[strlen(t)] = rest ? '/' : '\0';
	return 0;
}

/*
 * Enter the directory COMP, making it if asked.  Returns its descriptor,
 * -1 with errno set, or -1 with errno 0 when COMP is a symbolic link.
 * SHOWN's first SHOWNLEN bytes name COMP in mkdir's messages, its first
 * NEXTLEN the directory after it (0: none).
 */
static int
enter(int dir, const char *comp, bool make_dirs, const char *shown,
    int shownlen, int nextlen)
{
	int fd, err;

	fd = openat(dir, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		return fd;
	err = errno;
	if (err == ELOOP || err == ENOTDIR) {
		char c;

		errno = readlinkat(dir, comp, &c, 1) >= 0 ? 0 : err;
		return -1;
	}
	if (err != ENOENT || !make_dirs)
		return -1;
	if (mkdirat(dir, comp, MKDIR_PERMS) != 0 && errno != EEXIST) {
		err = errno;
		if (err == ELOOP || err == ENAMETOOLONG || err == ENOTDIR)
			die("Can't create directory %.*s: %s", shownlen, shown,
			    strerror(err));
		/* As zic: EACCES and the like are not fatal here, but the
		 * next directory cannot be made either; for the last one
		 * the caller's own call reports the failure. */
		if (nextlen > 0)
			die("Can't create directory %.*s: %s", nextlen, shown,
			    strerror(ENOENT));
		errno = ENOENT;
		return -1;
	}
	return openat(dir, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
	    | O_CLOEXEC);
}

/*
 * Resolve NAME below -d into PL: the directory of its last component,
 * open, and that component; the directories on the way are made when
 * MAKE_DIRS (and not -D).  With FOLLOW_LAST, a last component that is a
 * symbolic link is followed too, as a link target is.  Symbolic links
 * are followed only while they stay inside -d.  Returns 0, an errno, or
 * OUTSIDE (PL->culprit names the link to blame; empty when a ".." of
 * the name itself climbs out).
 */
static int
resolve_below(struct place *pl, const char *name, bool make_dirs,
    bool follow_last)
{
	struct walk w;
	char *p = pl->buf;
	int rc = 0;

	if (strlen(name) >= sizeof pl->buf)
		return ENAMETOOLONG;
	strcpy(pl->buf, name);
	pl->culprit[0] = '\0';
	pl->linkflags = 0;
	w.fds[0] = root_fd;
	w.n = 1;
	w.nlinks = 0;
	w.followed = false;
	make_dirs &= !skip_mkdir;
	for (;;) {
		char *slash = strchr(p, '/'), *rest = NULL;
		int fd;

		if (slash != NULL) {
			*slash = '\0';
			rest = slash + 1;
		}
		if (*p == '\0' || strcmp(p, ".") == 0) {
			if (rest == NULL)
				break;
		} else if (strcmp(p, "..") == 0) {
			if (w.n == 1) {
				rc = OUTSIDE;
				break;
			}
			walk_close(&w, w.n - 1);
			if (rest == NULL) {
				p = (char *)".";
				break;
			}
		} else if (rest == NULL) {
			char c;

			if (!follow_last || readlinkat(top(&w), p, &c, 1) < 0)
				break;
			rc = follow(pl, &w, name, p, NULL);
			if (rc != 0)
				break;
			p = pl->buf;
			continue;
		} else {
			if (w.n == MAX_DEPTH) {
				rc = ENAMETOOLONG;
				break;
			}
			fd = w.followed ? enter(top(&w), p, make_dirs, p,
			    (int)strlen(p), 0) : enter(top(&w), p, make_dirs,
			    name, (int)(p - pl->buf + strlen(p)),
			    strchr(rest, '/') == NULL ? 0 : (int)(rest - pl->buf
			    + strcspn(rest, "/")));
			if (fd >= 0) {
				w.fds[w.n++] = fd;
			} else if (errno != 0) {
				rc = errno;
				break;
			} else {
				rc = follow(pl, &w, name, p, rest);
				if (rc != 0)
					break;
				p = pl->buf;
				continue;
			}
		}
		p = rest;
	}
	pl->base = p;
	pl->dir = top(&w);
	w.n--;			/* the place keeps the last directory */
	walk_close(&w, 1);
	if (rc != 0)
		place_close(pl);
	return rc;
}

/*
 * Resolve NAME: below -d, or as typed when it came from the command
 * line (TYPED) and is absolute or climbs with "..".
 */
static int
resolve(struct place *pl, const char *name, bool typed, bool make_dirs,
    bool follow_last)
{
	pl->dir = -1;
	pl->borrowed = false;
	pl->culprit[0] = '\0';
	if (typed && taken_as_typed(name))
		return resolve_as_typed(pl, name, make_dirs);
	return resolve_below(pl, name, make_dirs, follow_last);
}

/* Whether names A and B are in the same directory. */
static bool
same_dir(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t la = sa ? (size_t)(sa - a) : 0, lb = sb ? (size_t)(sb - b) : 0;

	return la == lb && memcmp(a, b, la) == 0;
}

/*
 * Resolve TARGET as a link target.  When it sits in the directory of
 * LINKNAME, whose place LP is, that directory is used again rather than
 * walked twice (most links of tzdb are such); a last component that is
 * a symbolic link still gets the whole walk.
 */
static int
resolve_target(struct place *tp, const char *target, const struct place *lp,
    const char *linkname, bool typed)
{
	const char *slash = strrchr(target, '/');
	char c;

	if (typed && (taken_as_typed(target) || taken_as_typed(linkname)))
		return resolve(tp, target, typed, false, true);
	if (!same_dir(target, linkname) || strlen(target) >= sizeof tp->buf)
		return resolve(tp, target, typed, false, true);
	strcpy(tp->buf, slash ? slash + 1 : target);
	tp->base = tp->buf;
	if (readlinkat(lp->dir, tp->base, &c, 1) >= 0)
		return resolve(tp, target, typed, false, true);
	tp->dir = lp->dir;
	tp->borrowed = true;
	tp->linkflags = 0;
	tp->culprit[0] = '\0';
	return 0;
}

/* Why a name leads outside -d, for a message. */
static void __attribute__((noreturn))
die_outside(const char *what, const char *name, const struct place *pl)
{
	if (pl->culprit[0] != '\0')
		die("%s %s%s%s: '%s' is a symbolic link leading outside %s",
		    what, diagdir(name), diagslash(name), name, pl->culprit,
		    directory);
	die("%s %s%s%s: the name leads outside %s", what, diagdir(name),
	    diagslash(name), name, directory);
}

static void __attribute__((noreturn))
die_link_outside(const char *target, const char *linkname,
    const struct place *pl)
{
	if (pl->culprit[0] != '\0')
		die("Can't link %s%s%s to %s%s%s: '%s' is a symbolic link "
		    "leading outside %s", diagdir(target), diagslash(target),
		    target, diagdir(linkname), diagslash(linkname), linkname,
		    pl->culprit, directory);
	die("Can't link %s%s%s to %s%s%s: the name leads outside %s",
	    diagdir(target), diagslash(target), target, diagdir(linkname),
	    diagslash(linkname), linkname, directory);
}

/* ------------------------------------------------------------------ */
/* Temporary names */

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

static const char temp_letters[] = "abcdefghijklmnopqrstuvwxyz"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* A temporary file's name beside NAME's last component: SHOWN holds
 * the whole path for messages, BASE points at ".zicXXXXXX" in it. */
struct temp {
	char shown[PATH_MAX + 16];
	char *base;
};

/* Make T a fresh ".zicXXXXXX" in the directory of NAME. */
static void
temp_name(struct temp *t, const char *name)
{
	const char *slash = strrchr(name, '/');
	int dirlen = slash ? (int)(slash + 1 - name) : 0;
	unsigned char r[6];
	int i;

	snprintf(t->shown, sizeof t->shown, "%.*s.zicXXXXXX", dirlen, name);
	t->base = t->shown + strlen(t->shown) - 10;
	random_bytes(r, sizeof r);
	for (i = 0; i < 6; i++)
		t->base[4 + i] = temp_letters[r[i] % (sizeof temp_letters - 1)];
}

/* A temporary name of temp_name(): ".zic" and six of its letters. */
static bool
is_temp_name(const char *s)
{
	int i;

	if (strncmp(s, ".zic", 4) != 0)
		return false;
	for (i = 4; i < 10; i++)
		if (s[i] == '\0' || strchr(temp_letters, s[i]) == NULL)
			return false;
	return s[10] == '\0';
}

/* ------------------------------------------------------------------ */
/* Stale temporaries */

/* Remove the ".zicXXXXXX" files and symlinks in the open directory DIR
 * that a zic killed before its rename left. */
static void
remove_stale_temps(int dir)
{
	int fd = dup(dir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (!is_temp_name(e->d_name)
		    || fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
			unlinkat(dir, e->d_name, 0);
	}
	closedir(d);
}

/* Sweep the directory DIRNAME of the output, if it resolves inside. */
static void
sweep_dir(const char *dirname)
{
	struct place pl;
	char name[PATH_MAX];

	/* Resolving DIRNAME/x gives DIRNAME's own descriptor. */
	if ((size_t)snprintf(name, sizeof name, "%s/x", dirname) >= sizeof name
	    || resolve(&pl, name, false, false, false) != 0)
		return;
	remove_stale_temps(pl.dir);
	place_close(&pl);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Remove the stale temporaries of every directory this run writes
 * into: -d itself and the parent of each zone and link name. */
static void
sweep(struct tzf_db *db)
{
	size_t i, n, nz = tzf_db_nzones(db), nl = tzf_db_nlinks(db);
	char **dirs;

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
			tzf_db_link_at(&target, &name, &file, &line, db, i - nz);
		slash = strrchr(name, '/');
		if (*name == '/' || slash == NULL)
			continue;
		dirs[n++] = strndup(name, (size_t)(slash - name));
	}
	for (i = 0; i < n; i++)
		if (dirs[i] == NULL) {
			dying_block = dirs;
			die("Memory exhausted");
		}
	qsort(dirs, n, sizeof *dirs, cmp_str);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(dirs[i], dirs[i - 1]) != 0)
			sweep_dir(dirs[i]);
	for (i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

/*
 * Before writing.  Each zic of ours holds a shared flock() on -d until it
 * exits.  A run that can take it exclusively is alone: no other run is
 * writing here, so the temporaries found are a killed run's, and it
 * removes them while it still holds the lock exclusively (a run that
 * starts meanwhile waits for its shared lock, so none of its temporaries
 * can be taken for stale), then keeps it shared.  Where flock() does not
 * work, stale files are left alone.
 */
void
out_begin(struct tzf_db *db)
{
	bool alone = flock(root_fd, LOCK_EX | LOCK_NB) == 0;

	test_stop("locked");
	if (alone)
		sweep(db);
	flock(root_fd, LOCK_SH);
}

/* ------------------------------------------------------------------ */
/* Files */

/* Create a fresh temporary file beside PL's last component (NAME). */
static int
create_temp(const struct place *pl, struct temp *t, const char *name)
{
	for (;;) {
		int fd;

		temp_name(t, name);
		fd = openat(pl->dir, t->base, O_WRONLY | O_CREAT | O_EXCL
		    | O_NOFOLLOW | O_CLOEXEC, creat_perms);
		if (fd >= 0) {
			test_stop("temp");
			return fd;
		}
		if (errno != EEXIST)
			die("Can't create %s%s%s: %s", diagdir(t->shown),
			    diagslash(t->shown), t->shown, strerror(errno));
	}
}

/* The place of NAME, for a new file or link there; dies if NAME's
 * directory cannot be had. */
static void
place_for_writing(struct place *pl, const char *name, bool typed)
{
	int rc = resolve(pl, name, typed, true, false);

	if (rc == OUTSIDE)
		die_outside("Can't create", name, pl);
	if (rc != 0) {
		struct temp t;

		temp_name(&t, name);
		die("Can't create %s%s%s: %s", diagdir(t.shown),
		    diagslash(t.shown), t.shown, strerror(rc));
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

/* Write DATA, set the metadata and close FD; on failure remove the
 * temporary T and die naming NAME. */
static void
finish_file(int fd, const void *data, size_t len, const char *name,
    const struct place *pl, const struct temp *t)
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
		unlinkat(pl->dir, t->base, 0);
		die("%s%s%s: %s", diagdir(name), diagslash(name), name, e);
	}
}

/*
 * Put the temporary T in place as PL's last component (NAME).  When the
 * two are one file (a hard link made again, here or by a concurrent zic
 * between our link and our rename), rename() succeeds and leaves both
 * names; so after renaming a hard link the temporary's name, which only
 * this run uses, is removed if it is still there.
 */
static void
rename_into_place(const struct place *pl, const struct temp *t,
    const char *name, bool maybe_same)
{
	if (renameat(pl->dir, t->base, pl->dir, pl->base) != 0) {
		int err = errno;

		unlinkat(pl->dir, t->base, 0);
		die("rename to %s%s%s: %s", diagdir(name), diagslash(name),
		    name, strerror(err));
	}
	if (maybe_same)
		unlinkat(pl->dir, t->base, 0);
}

/* Write DATA as NAME (below -d) atomically: a temporary, then rename. */
void
out_write(const char *name, const void *data, size_t len)
{
	struct place pl;
	struct temp t;
	int fd;

	place_for_writing(&pl, name, false);
	fd = create_temp(&pl, &t, name);
	finish_file(fd, data, len, name, &pl, &t);
	rename_into_place(&pl, &t, name, false);
	place_close(&pl);
	test_stop("file");
}

/* ------------------------------------------------------------------ */
/* Links */

/* Where link diagnostics point: the Link line, or the command line. */
static const char *link_file;
static long link_line;

static void __attribute__((format(printf, 1, 2)))
link_warning(const char *fmt, ...)
{
	char text[PATH_MAX * 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (link_file != NULL)
		warn_line("\"%s\", line %ld: %s", link_file, link_line, text);
	else
		warn_line("%s", text);
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

		if (buf == NULL) {
			dying_block = result;
			die("Memory exhausted");
		}
		cp = buf;
		for (i = 0; i < dotdots; i++, cp += 3)
			memcpy(cp, "../", 3);
		memcpy(cp, f + dir_len, taillen + 1);
		free(result);
		result = buf;
	}
	return result;
}

/* A hard link; a test build can play a file system that allows only
 * so many links to a file (ZIC_TEST_LINK_MAX). */
static int
hard_link(const struct place *tp, const struct place *lp, const char *base)
{
	struct stat st;
	long max = test_link_max();

	if (max > 0 && fstatat(tp->dir, tp->base, &st, tp->linkflags
	    ? 0 : AT_SYMLINK_NOFOLLOW) == 0 && (long)st.st_nlink >= max) {
		errno = EMLINK;
		return -1;
	}
	return linkat(tp->dir, tp->base, lp->dir, base, tp->linkflags);
}

static bool
is_symlink(const struct place *pl)
{
	char c;

	return readlinkat(pl->dir, pl->base, &c, 1) >= 0;
}

/* Copy the regular file at TP into a temporary beside LP's name. */
static void
copy_file(const struct place *tp, const char *target, const struct place *lp,
    struct temp *t, const char *linkname)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct stat st;
	int fd, out, err;

	fd = openat(tp->dir, tp->base, O_RDONLY | O_NONBLOCK | O_CLOEXEC
	    | (tp->linkflags ? 0 : O_NOFOLLOW));
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		err = fd < 0 ? errno : EINVAL;
		die("Can't read %s%s%s: %s", diagdir(target),
		    diagslash(target), target, err == EINVAL
		    ? "not a regular file" : strerror(err));
	}
	err = tzf_buf_read_fd(&b, fd, MAX_COPY_BYTES);
	close(fd);
	if (err != 0) {
		dying_block = b.ptr;
		die("%s%s%s: %s", diagdir(target), diagslash(target), target,
		    err == ENOMEM ? "Memory exhausted" : "I/O error");
	}
	out = create_temp(lp, t, linkname);
	dying_block = b.ptr;
	finish_file(out, b.ptr, b.len, linkname, lp, t);
	dying_block = NULL;
	tzf_buf_dispose(&b);
}

/* -l - and -p -: remove LINKNAME, as remove() would. */
static void
remove_link(const char *linkname, bool typed)
{
	struct place pl;
	int rc = resolve(&pl, linkname, typed, false, false);

	if (rc == ENOENT || rc == ENOTDIR)
		return;
	if (rc == OUTSIDE)
		die_outside("Can't remove", linkname, &pl);
	if (rc == 0) {
		if (unlinkat(pl.dir, pl.base, 0) == 0)
			rc = 0;
		else if (errno == EISDIR)
			rc = unlinkat(pl.dir, pl.base, AT_REMOVEDIR) == 0 ? 0
			    : errno;
		else
			rc = errno;
	}
	place_close(&pl);
	if (rc != 0 && rc != ENOENT && rc != ENOTDIR)
		die("Can't remove %s%s%s: %s", diagdir(linkname),
		    diagslash(linkname), linkname, strerror(rc));
}

/* Make the symbolic link fallback; its errno, or 0. */
static int
soft_link(const char *target, const char *linkname, bool typed,
    const struct place *lp, struct temp *t, const char **outbase)
{
	char *contents = typed && *target == '/' ? (char *)target
	    : relname(target, linkname);
	int err = -1;

	if (contents == NULL)
		return -1;	/* no obvious symlink: copy */
	for (;;) {
		if (symlinkat(contents, lp->dir, *outbase) == 0) {
			err = 0;
			break;
		}
		err = errno;
		if (err != EEXIST)
			break;
		temp_name(t, linkname);
		*outbase = t->base;
	}
	if (contents != target)
		free(contents);
	return err;
}

/*
 * Make LINKNAME lead to TARGET: a hard link, else a symbolic link, else
 * a copy, with zic's warnings.  TYPED: the names come from the command
 * line (-l, -p), which also keeps an existing symbolic link one.
 */
void
out_link(const char *target, const char *linkname, bool typed,
    const char *file, long line)
{
	struct place lp, tp;
	struct temp t;
	const char *outbase;
	bool staysymlink = typed, have_temp = false;
	int link_errno, symlink_errno, rc;

	check_for_signal();
	link_file = file;
	link_line = line;
	if (strcmp(target, "-") == 0) {
		remove_link(linkname, typed);
		return;
	}
	place_for_writing(&lp, linkname, typed);
	rc = resolve_target(&tp, target, &lp, linkname, typed);
	if (rc == OUTSIDE)
		die_link_outside(target, linkname, &tp);
	outbase = lp.base;
	for (;;) {
		link_errno = rc != 0 ? rc
		    : hard_link(&tp, &lp, outbase) == 0 ? 0 : errno;
		if (link_errno == EINVAL)
			link_errno = ENOTSUP;
		/* Like a cross-device link, a file that may have no more
		 * hard links is linked to symbolically. */
		if (link_errno == 0 || link_errno == EXDEV
		    || link_errno == ENOTSUP || link_errno == EMLINK)
			break;
		if (link_errno != EEXIST)
			die("Can't link %s%s%s to %s%s%s: %s", diagdir(target),
			    diagslash(target), target, diagdir(linkname),
			    diagslash(linkname), have_temp ? t.shown
			    : linkname, strerror(link_errno));
		staysymlink &= !have_temp;
		temp_name(&t, linkname);
		outbase = t.base;
		have_temp = true;
		if (staysymlink && is_symlink(&lp))
			break;
	}
	if (link_errno == 0) {
		if (have_temp) {
			test_stop("linked");
			rename_into_place(&lp, &t, linkname, true);
		}
		test_stop("link");
		place_close(&tp);
		place_close(&lp);
		return;
	}
	symlink_errno = soft_link(target, linkname, typed, &lp, &t, &outbase);
	have_temp |= outbase != lp.base;
	if (symlink_errno == 0) {
		if (link_errno != ENOTSUP && link_errno != EEXIST)
			link_warning("symbolic link used because hard link "
			    "failed: %s", strerror(link_errno));
	} else {
		copy_file(&tp, target, &lp, &t, linkname);
		have_temp = true;
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
	if (have_temp)
		rename_into_place(&lp, &t, linkname, false);
	test_stop("link");
	place_close(&tp);
	place_close(&lp);
}

int
out_link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	(void)payload;
	out_link(target, linkname, false, file, line);
	return TZF_OK;
}
