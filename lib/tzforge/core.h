/*
 * tzforge/core.h: the version, error codes, the allocator, diagnostics,
 * buffers, output escaping and the JSON writer (lib/alloc.c, diag.c,
 * buf.c, escape.c, json.c).
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_CORE_H
#define TZFORGE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZF_VERSION "0.2"
#define TZF_ZIC_VERSION "2026c"	/* the zic whose output we reproduce */

enum {
	TZF_OK = 0,
	TZF_ERROR = -1,		/* generic failure; the sink has details */
	TZF_ENOMEM = -2,
	TZF_ENOTFOUND = -3,	/* expected miss: zone, ref or path */
	TZF_EINVAL = -4,	/* malformed tzdb text, TZif data or spec */
	TZF_EIO = -5		/* a system call failed */
};

/* ------------------------------------------------------------------ */
/* Memory */

/*
 * Every allocation of the library goes through these three functions.
 * Install replacements before any other call (tests use one that fails
 * on the Nth call); NULL restores malloc, realloc and free.
 */
struct tzf_allocator {
	void *(*malloc)(size_t n);
	void *(*realloc)(void *p, size_t n);
	void (*free)(void *p);
};
void tzf_set_allocator(const struct tzf_allocator *a);

/* Release memory the library handed over (e.g. zone spans). */
void tzf_free(void *p);

/* ------------------------------------------------------------------ */
/* Diagnostics */

enum tzf_sev { TZF_SEV_NOTE, TZF_SEV_WARN, TZF_SEV_ERR };

/*
 * One diagnostic.  When file is non-NULL the message is tied to an input
 * line ("FILE", line N: TEXT), optionally also to the rule that caused
 * it (rfile/rline).  When file is NULL the message is about the run as a
 * whole; sys is then true when zic prefixes it with its program name.
 */
struct tzf_msg {
	enum tzf_sev sev;
	const char *file;	/* NULL if not tied to input */
	long line;
	const char *rfile;	/* rule provenance, or NULL */
	long rline;
	bool sys;		/* "PROG: TEXT" form */
	const char *text;	/* one line, no newline */
};

struct tzf_diag {
	void (*fn)(void *payload, const struct tzf_msg *msg);
	void *payload;
	int nerr, nwarn;	/* counted by the library */
};

/* Growable byte buffer with a sticky out-of-memory flag. */
/*
 * PTR is never NULL and always NUL-terminated: until the first
 * allocation (CAP 0) it points at tzf_buf_empty, a shared empty string
 * that must not be written, as git's strbuf does.
 */
struct tzf_buf {
	char *ptr;
	size_t len, cap;
	bool oom;
};
extern char tzf_buf_empty[];
#define TZF_BUF_INIT { tzf_buf_empty, 0, 0, false }
/* Room for EXTRA more bytes and the NUL, contents unchanged; false
 * (and oom set) when memory runs out. */
bool tzf_buf_reserve(struct tzf_buf *b, size_t extra);
/* Append all that can be read from FD.  0, else an errno value: EFBIG
 * once more than MAX bytes are held, ENOMEM, or read()'s error. */
int tzf_buf_read_fd(struct tzf_buf *b, int fd, size_t max);
void tzf_buf_add(struct tzf_buf *b, const void *data, size_t len);
void tzf_buf_puts(struct tzf_buf *b, const char *s);
void tzf_buf_printf(struct tzf_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Free the memory; B is TZF_BUF_INIT again. */
void tzf_buf_dispose(struct tzf_buf *b);
/* Empty B, keeping its memory for reuse (and its sticky oom). */
void tzf_buf_reset(struct tzf_buf *b);
/* Hand over B's text as a malloc'd string (the caller frees it) and make
 * B TZF_BUF_INIT again; NULL, B disposed, if B ran out of memory. */
char *tzf_buf_detach(struct tzf_buf *b);

/*
 * Untrusted text made safe to print (lib/escape.c).  tzf_buf_put_text
 * appends S for a terminal: printable ASCII and valid UTF-8 of printable
 * characters as they are, every other byte as \xHH and a backslash as
 * \\.  tzf_buf_put_json_str appends S as a JSON string (null for NULL),
 * always valid UTF-8: controls escaped, invalid bytes as U+FFFD.
 */
void tzf_buf_put_text(struct tzf_buf *b, const char *s);
void tzf_buf_put_json_str(struct tzf_buf *b, const char *s);
/* tzf_buf_put_text for HTML and SVG: & < > " ' as entities too. */
void tzf_buf_put_html(struct tzf_buf *b, const char *s);

/*
 * A JSON writer (lib/json.c) that cannot produce malformed JSON: open
 * containers with tzf_json_object/array, close them with tzf_json_end;
 * KEY names a member inside an object and must be NULL elsewhere.
 * Compact, or PRETTY with one member per line.  At most 62 levels.
 */
struct tzf_json {
	struct tzf_buf *out;
	unsigned depth;
	bool pretty;
	uint64_t object, nonempty;	/* bit d: about level d */
};
void tzf_json_init(struct tzf_json *j, struct tzf_buf *out, bool pretty);
void tzf_json_object(struct tzf_json *j, const char *key);
void tzf_json_array(struct tzf_json *j, const char *key);
void tzf_json_end(struct tzf_json *j);
void tzf_json_str(struct tzf_json *j, const char *key, const char *v);
void tzf_json_int(struct tzf_json *j, const char *key, int64_t v);
void tzf_json_bool(struct tzf_json *j, const char *key, bool v);
void tzf_json_null(struct tzf_json *j, const char *key);

#endif /* TZFORGE_CORE_H */
