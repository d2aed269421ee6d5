/*
 * buf.c: growable byte buffer with a sticky out-of-memory flag.
 *
 * Writers append freely and check b->oom once at the end; after one
 * failed allocation every later call does nothing.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tzf_int.h"

/* Largest buffer we ever build: far above any TZif or tzdb file. */
#define BUF_MAX ((size_t)1 << 30)

/* What an unallocated buffer points at; only ever holds its NUL. */
char tzf_buf_empty[1];

static bool
buf_grow(struct tzf_buf *b, size_t extra)
{
	size_t want, cap;
	char *p;

	if (b->oom)
		return false;
	if (extra > BUF_MAX - b->len - 1) {
		b->oom = true;
		return false;
	}
	want = b->len + extra + 1;
	if (want <= b->cap)
		return true;
	cap = b->cap ? b->cap : 64;
	while (cap < want)
		cap = cap < BUF_MAX / 2 ? cap * 2 : BUF_MAX;
	p = tzf__realloc(b->cap > 0 ? b->ptr : NULL, cap);
	if (p == NULL) {
		b->oom = true;
		return false;
	}
	b->ptr = p;
	b->cap = cap;
	return true;
}

bool
tzf_buf_reserve(struct tzf_buf *b, size_t extra)
{
	if (!buf_grow(b, extra))
		return false;
	b->ptr[b->len] = '\0';	/* a first allocation is terminated too */
	return true;
}

int
tzf_buf_read_fd(struct tzf_buf *b, int fd, size_t max)
{
	struct stat st;
	ssize_t n;

	/* One buffer sized from fstat(), filled by read() directly: each
	 * byte is copied once and no page is touched twice. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
	    && (uintmax_t)st.st_size <= max)
		tzf_buf_reserve(b, (size_t)st.st_size + 1);
	for (;;) {
		if (b->len > max)
			return EFBIG;
		if (b->cap - b->len < 2 && !tzf_buf_reserve(b, 65536))
			return ENOMEM;
		n = read(fd, b->ptr + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		if (n == 0)
			return b->oom ? ENOMEM : 0;
		b->len += (size_t)n;
		b->ptr[b->len] = '\0';
	}
}

void
tzf_buf_add(struct tzf_buf *b, const void *data, size_t len)
{
	if (!buf_grow(b, len))
		return;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
tzf_buf_puts(struct tzf_buf *b, const char *s)
{
	tzf_buf_add(b, s, strlen(s));
}

void
tzf_buf_printf(struct tzf_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = true;
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
tzf_buf_dispose(struct tzf_buf *b)
{
	if (b->cap > 0)
		tzf__free(b->ptr);
	*b = (struct tzf_buf)TZF_BUF_INIT;
}

void
tzf_buf_reset(struct tzf_buf *b)
{
	b->len = 0;
	if (b->cap > 0)
		b->ptr[0] = '\0';
}

char *
tzf_buf_detach(struct tzf_buf *b)
{
	char *s = NULL;

	if (!b->oom)
		s = b->cap > 0 ? b->ptr : tzf__strdup("");
	if (s == NULL || b->cap == 0)
		tzf_buf_dispose(b);
	else
		*b = (struct tzf_buf)TZF_BUF_INIT;
	return s;
}
