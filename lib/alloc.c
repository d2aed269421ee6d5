/*
 * alloc.c: the one allocation hook of the library.  Every allocation of
 * lib/ goes through here so that tests can install an allocator that
 * fails on the Nth call and check that each out-of-memory path returns
 * an error without leaking or crashing.  The hook is the library's only
 * global mutable state; set it before using the library, not during.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tzf_int.h"
#include "tzforge/program.h"

static struct tzf_allocator current = { malloc, realloc, free };

void
tzf_set_allocator(const struct tzf_allocator *a)
{
	static const struct tzf_allocator libc = { malloc, realloc, free };

	current = a != NULL ? *a : libc;
}

void *
tzf__malloc(size_t n)
{
	return current.malloc(n ? n : 1);
}

void *
tzf__calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	p = tzf__malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

void *
tzf__realloc(void *p, size_t n)
{
	return current.realloc(p, n ? n : 1);
}

void
tzf__free(void *p)
{
	if (p != NULL)
		current.free(p);
}

void
tzf_free(void *p)
{
	tzf__free(p);
}

char *
tzf__strdup(const char *s)
{
	size_t n;
	char *p;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	p = tzf__malloc(n);
	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

char *
tzf__strndup(const char *s, size_t n)
{
	char *p = tzf__malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/*
 * Make the array whose pointer is at ARRP hold at least NEED items of
 * SIZE bytes, doubling its capacity *NALLOC.  The pointer is passed by
 * address and copied with memcpy so that any object pointer type can be
 * grown without aliasing it as void *.  False (array untouched) when
 * memory runs out or the size would overflow.
 */
bool
tzf__grow(void *arrp, size_t *nalloc, size_t need, size_t size)
{
	size_t n = *nalloc ? *nalloc : 8;
	void *old, *p;

	if (need <= *nalloc)
		return true;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return false;
		n *= 2;
	}
	if (size != 0 && n > SIZE_MAX / size)
		return false;
	memcpy(&old, arrp, sizeof old);
	p = tzf__realloc(old, n * size);
	if (p == NULL)
		return false;
	memcpy(arrp, &p, sizeof p);
	*nalloc = n;
	return true;
}

/*
 * On virtual machines a page fault can cost over ten microseconds, and
 * faults rather than instructions dominated short runs of the tools.
 * Keep glibc's heap in one brk area that is never trimmed and map its
 * first BYTES with a single madvise().  A no-op where that is not
 * available.
 */
void
tzf_prefault_heap(size_t bytes)
{
#if defined M_MMAP_THRESHOLD && defined M_TRIM_THRESHOLD \
    && defined MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;
	char *p;

	if (!mallopt(M_MMAP_THRESHOLD, 32 << 20)
	    || !mallopt(M_TRIM_THRESHOLD, 64 << 20))
		return;
	p = malloc(bytes);
	if (p == NULL)
		return;
	lo = ((uintptr_t)p + page - 1) & ~(page - 1);
	hi = ((uintptr_t)p + bytes) & ~(page - 1);
	if (hi > lo)
		(void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
	free(p);
#else
	(void)bytes;
#endif
}
