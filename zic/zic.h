/*
 * zic.h: what the files of the zic front end share: the program name,
 * the output settings taken from the options, and the fatal-error and
 * signal helpers of zic.c.  zic.c parses options and drives the run;
 * output.c writes files and makes links in the output directory;
 * pool.c runs the writer threads.
 */
#ifndef ZIC_ZIC_H
#define ZIC_ZIC_H

#include <stdbool.h>
#include <sys/types.h>

#include "tzforge.h"

#define CREAT_PERMS 0644

extern const char *progname;
extern bool skip_mkdir;			/* -D */
extern mode_t creat_perms;
extern mode_t output_mode;		/* -m, or (mode_t)-1 */
extern uid_t output_owner;		/* -u, or (uid_t)-1 */
extern gid_t output_group;		/* -u :group or -g, or (gid_t)-1 */
extern bool warnings_seen;
/* The block in hand when a writer dies (a temporary name, a path being
 * checked), reachable so that leak checkers do not flag it. */
extern void *volatile dying_block;

/* "PROG: TEXT" on stderr, then exit 1. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* "warning: TEXT" on stderr. */
void warn_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Die of a signal caught earlier, once the files in hand are written. */
void check_for_signal(void);

/*
 * Test hooks, honoured only by the test build of zic (make tools:
 * build/zic-hooks/zic, compiled with ZIC_TEST_HOOKS):
 *   ZIC_TEST_STOP=EVENT:N  stop (SIGSTOP) after the Nth EVENT: "locked"
 *                          (-d locked, before the sweep), "temp" (a
 *                          temporary file created), "file" (a file put
 *                          in place), "link" (a link made); no writer
 *                          threads, so events come in input order
 *   ZIC_TEST_LINK_MAX=N    play a file system that allows N hard links
 *                          to a file (linkat fails with EMLINK)
 *   ZIC_TEST_FAIL_ALLOC=N  fail the library's Nth allocation
 */
#ifdef ZIC_TEST_HOOKS
void test_hooks_init(void);
void test_stop(const char *event);
long test_link_max(void);
#else
static inline void test_hooks_init(void) { }
static inline void test_stop(const char *event) { (void)event; }
static inline long test_link_max(void) { return 0; }
#endif

#endif /* ZIC_ZIC_H */
