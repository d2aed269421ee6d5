/*
 * pool.h: a small pool of threads that write finished TZif files while
 * the main thread compiles the next zones.  Writing is kernel work
 * (create, write, rename) that runs well beside the compiler on a
 * second core; the order of the files on disk does not matter, so the
 * output is the same as a serial run's.
 */
#ifndef ZIC_POOL_H
#define ZIC_POOL_H

#include <stddef.h>

/* WRITE is called for each queued file, on a worker thread or, when the
 * workers are behind, on the caller's thread inside pool_put(). */
typedef void pool_write_fn(const char *name, const void *data, size_t len);

void pool_start(int nthreads, pool_write_fn *write);
/* Queue (or write) a file; takes ownership of NAME and DATA (malloc'd). */
void pool_put(char *name, void *data, size_t len);
/* Wait until every queued file is written, then stop the threads. */
void pool_finish(void);

#endif /* ZIC_POOL_H */
