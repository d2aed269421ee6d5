/*
 * json.c: a small JSON writer, so that every JSON document the tools
 * print is well formed by construction: members are separated, keys
 * appear in objects and only there, containers are closed in order, and
 * strings go through tzf_buf_put_json_str() (lib/escape.c).
 *
 * Output is compact, or with PRETTY one member per line indented by two
 * spaces per level; either way the bytes depend only on the calls made.
 */
#include <assert.h>
#include <inttypes.h>

#include "tzf_int.h"

void
tzf_json_init(struct tzf_json *j, struct tzf_buf *out, bool pretty)
{
	j->out = out;
	j->depth = 0;
	j->pretty = pretty;
	j->object = j->nonempty = 0;
}

static uint64_t
bit(unsigned depth)
{
	return (uint64_t)1 << depth;
}

static void
newline(struct tzf_json *j)
{
	unsigned i;

	if (!j->pretty)
		return;
	tzf_buf_puts(j->out, "\n");
	for (i = 0; i < j->depth; i++)
		tzf_buf_puts(j->out, "  ");
}

/* The separator, indentation and key before a value.  KEY must be
 * given inside an object and only there. */
static void
begin_value(struct tzf_json *j, const char *key)
{
	bool in_object = j->depth > 0 && (j->object & bit(j->depth));

	assert(in_object == (key != NULL));
	if (j->depth > 0) {
		if (j->nonempty & bit(j->depth))
			tzf_buf_puts(j->out, ",");
		j->nonempty |= bit(j->depth);
		newline(j);
	}
	if (key != NULL) {
		tzf_buf_put_json_str(j->out, key);
		tzf_buf_puts(j->out, j->pretty ? ": " : ":");
	}
}

static void
open_container(struct tzf_json *j, const char *key, bool object)
{
	begin_value(j, key);
	assert(j->depth + 1 < 64);
	j->depth++;
	j->nonempty &= ~bit(j->depth);
	if (object)
		j->object |= bit(j->depth);
	else
		j->object &= ~bit(j->depth);
	tzf_buf_puts(j->out, object ? "{" : "[");
}

void
tzf_json_object(struct tzf_json *j, const char *key)
{
	open_container(j, key, true);
}

void
tzf_json_array(struct tzf_json *j, const char *key)
{
	open_container(j, key, false);
}

void
tzf_json_end(struct tzf_json *j)
{
	bool object = j->object & bit(j->depth), nonempty;

	assert(j->depth > 0);
	nonempty = j->nonempty & bit(j->depth);
	j->depth--;
	if (nonempty)
		newline(j);
	tzf_buf_puts(j->out, object ? "}" : "]");
	if (j->depth == 0 && j->pretty)
		tzf_buf_puts(j->out, "\n");
}

void
tzf_json_str(struct tzf_json *j, const char *key, const char *v)
{
	begin_value(j, key);
	tzf_buf_put_json_str(j->out, v);
}

void
tzf_json_int(struct tzf_json *j, const char *key, int64_t v)
{
	begin_value(j, key);
	tzf_buf_printf(j->out, "%" PRId64, v);
}

void
tzf_json_bool(struct tzf_json *j, const char *key, bool v)
{
	begin_value(j, key);
	tzf_buf_puts(j->out, v ? "true" : "false");
}

void
tzf_json_null(struct tzf_json *j, const char *key)
{
	begin_value(j, key);
	tzf_buf_puts(j->out, "null");
}
