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

#include "tzforge.h"

/* WRITE is called for each queued file, on a worker thread or, when the
 * workers are behind, on the caller's thread inside pool_put(). */
typedef void pool_write_fn(const char *name, const void *data, size_t len);

void pool_start(int nthreads, pool_write_fn *write);
/*
 * An empty buffer to compile the next file into, for pool_put().  The
 * pool recycles buffers (and frees them itself), so that the writer
 * threads never free memory the main thread allocated: that would make
 * them contend for malloc's lock.
 */
struct tzf_buf *pool_buffer(void);
/* Queue (or write) BUF's bytes as NAME, which must stay valid until
 * pool_finish(); BUF goes back to the pool. */
void pool_put(const char *name, struct tzf_buf *buf);
/* Wait until every queued file is written, then stop the threads. */
void pool_finish(void);
/*
 * The same, except on a writer thread (which cannot wait for itself).
 * Every exit calls it (pool_start registers it with atexit), and a fatal
 * message calls it before it takes the lock on stderr for good: files
 * queued before the failure are written, as zic's serial run writes
 * them, no thread is cut off mid-file, and none is left running for
 * valgrind to call its stack lost.
 */
void pool_finish_unless_worker(void);

#endif /* ZIC_POOL_H */
