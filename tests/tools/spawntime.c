/*
 * spawntime.c: benchmark helper for the scripts in tests/bench: the wall time, CPU
 * time and peak RSS of a command, run many times.  Not a test.
 *
 * usage: spawntime [-n RUNS] [-f DIR] [-x STATUS] -- COMMAND [ARG...]
 *            [-- COMMAND [ARG...]]...
 *
 * Runs each COMMAND once to warm caches, then RUNS times (default 21),
 * with standard output and error on /dev/null; each run must exit with
 * STATUS (default 0).  Several commands take turns, one run each, so that
 * a machine that slows down for a while (a busy neighbour on the host)
 * slows them alike and their ratios stay honest.  With -f, DIR is
 * removed before every run, untimed, so that each run writes a fresh
 * tree.
 * Prints one line per command: the median and the fastest wall time in
 * ms, the mean user+system CPU time in ms and the highest peak RSS in
 * KiB.
 *
 * Timing from a shell ($EPOCHREALTIME around each run) adds the cost of
 * forking the shell itself, several milliseconds on a virtual machine
 * and the same for every tool measured, which blurs the ratios between
 * them.  posix_spawn() starts the command without copying this small
 * process, so the times are the command's own: exec, run and exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_RUNS 1000

static int want_status;

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void
remove_tree(const char *dir)
{
	if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0
	    && errno != ENOENT) {
		fprintf(stderr, "spawntime: cannot remove %s: %s\n", dir,
		    strerror(errno));
		exit(2);
	}
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double
tv_ms(struct timeval tv)
{
	return (double)tv.tv_sec * 1e3 + (double)tv.tv_usec / 1e3;
}

/* Run ARGV once; return its wall time, add its CPU time and RSS. */
static double
run_once(char **argv, double *cpu, long *maxrss)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int status, err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	if (err != 0) {
		fprintf(stderr, "spawntime: %s: %s\n", argv[0], strerror(err));
		exit(2);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("spawntime: wait4");
		exit(2);
	}
	t1 = now_ms();
	posix_spawn_file_actions_destroy(&fa);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want_status) {
		fprintf(stderr, "spawntime: %s failed (status %#x)\n",
		    argv[0], (unsigned)status);
		exit(2);
	}
	*cpu += tv_ms(ru.ru_utime) + tv_ms(ru.ru_stime);
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return t1 - t0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAX_CMDS 8

/* One of the commands being timed. */
struct cmd {
	char **argv;
	double wall[MAX_RUNS];
	double cpu;
	long maxrss;
};

/* Split ARGV (the operands) at each "--" into up to MAX_CMDS commands. */
static int
split_commands(struct cmd *cmds, int argc, char **argv)
{
	int n = 0, i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			continue;
		}
		if (i == 0 || argv[i - 1] == NULL) {
			if (n == MAX_CMDS)
				return -1;
			cmds[n++].argv = &argv[i];
		}
	}
	return n;
}

int
main(int argc, char *argv[])
{
	static struct cmd cmds[MAX_CMDS];
	const char *fresh = NULL;
	double warm_cpu = 0;
	long warm_rss = 0;
	int runs = 21, c, i, k, ncmds;

	while ((c = getopt(argc, argv, "n:f:x:")) != -1) {
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'f':
			fresh = optarg;
			break;
		case 'x':
			want_status = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc || runs < 1 || runs > MAX_RUNS)
		goto usage;
	ncmds = split_commands(cmds, argc - optind, argv + optind);
	if (ncmds < 1)
		goto usage;
	for (k = 0; k < ncmds; k++) {
		if (fresh != NULL)
			remove_tree(fresh);
		run_once(cmds[k].argv, &warm_cpu, &warm_rss);
	}
	for (i = 0; i < runs; i++)
		for (k = 0; k < ncmds; k++) {
			if (fresh != NULL)
				remove_tree(fresh);
			cmds[k].wall[i] = run_once(cmds[k].argv, &cmds[k].cpu,
			    &cmds[k].maxrss);
		}
	for (k = 0; k < ncmds; k++) {
		struct cmd *m = &cmds[k];

		qsort(m->wall, (size_t)runs, sizeof m->wall[0], cmp_double);
		printf("%.2f %.2f %.1f %ld\n", m->wall[runs / 2], m->wall[0],
		    m->cpu / runs, m->maxrss);
	}
	return 0;
usage:
	fputs("usage: spawntime [-n RUNS] [-f DIR] [-x STATUS] -- COMMAND "
	    "[ARG...] [-- COMMAND [ARG...]]...\n", stderr);
	return 2;
}
