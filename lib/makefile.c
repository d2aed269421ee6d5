/*
 * makefile.c: the variables of a tzdb release's own Makefile, read the
 * way GNU make reads them, so that the release builder (release.c) takes
 * TDATA, PACKRATDATA, BACKWARD, VERSION... from the release itself
 * rather than from a table of eras.
 *
 * Only what those Makefiles use for these variables is understood:
 * "NAME= value" assignments (also ":=", "?=" and "+=") with backslash
 * continuations and comments, and $(NAME) or ${NAME} references.  An
 * assignment of the command line (make BACKWARD=) overrides the file's,
 * as in make.  A reference to anything else (a function, a substitution
 * reference) is refused rather than guessed at.
 */
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* Where a value came from, in the entry's num field. */
enum { MK_FILE = 1, MK_OVERRIDE = 2 };

/* References nest at most this deep (make reports a loop instead). */
#define MK_DEPTH 32

struct tzf__mk {
	struct tzf__map vars;	/* name -> unexpanded value */
};

static bool
name_char(char c)
{
	return tzf__is_alpha(c) || tzf__is_digit(c) || c == '_' || c == '.'
	    || c == '-';
}

/*
 * The next logical line of TEXT at *P (backslash-newline pairs joined
 * with the blanks around them made one space, as make does), as a new
 * string; NULL at the end of TEXT or on OOM (*OOM set).
 */
static char *
logical_line(const char **p, const char *end, bool *oom)
{
	struct tzf_buf b = TZF_BUF_INIT;
	const char *s = *p, *nl;
	char *line;
	size_t n;

	if (s >= end)
		return NULL;
	for (;;) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		if (n > 0 && s[n - 1] == '\\' && nl != NULL) {
			while (n > 1 && (s[n - 2] == ' ' || s[n - 2] == '\t'))
				n--;
			tzf_buf_add(&b, s, n - 1);
			tzf_buf_add(&b, " ", 1);
			for (s = nl + 1; s < end && (*s == ' ' || *s == '\t');)
				s++;
			continue;
		}
		tzf_buf_add(&b, s, n);
		*p = nl != NULL ? nl + 1 : end;
		break;
	}
	line = tzf_buf_detach(&b);
	if (line == NULL)
		*oom = true;
	return line;
}

/* Cut LINE at an unescaped '#', turning "\#" into '#'. */
static void
strip_comment(char *line)
{
	char *r, *w;

	for (r = w = line; *r != '\0'; r++) {
		if (r[0] == '\\' && r[1] == '#')
			r++;
		else if (*r == '#')
			break;
		*w++ = *r;
	}
	*w = '\0';
}

static int expand(struct tzf_buf *out, const struct tzf__mk *mk,
    const char *s, int depth);

/* NAME := VALUE: expanded now, kept with its '$' signs doubled so that
 * expanding it again gives the same text. */
static int
assign_simple(struct tzf__mk *mk, struct tzf__ent *e, const char *value)
{
	struct tzf_buf x = TZF_BUF_INIT, q = TZF_BUF_INIT;
	size_t i;
	int rc;

	rc = expand(&x, mk, value, 0);
	for (i = 0; rc == TZF_OK && i < x.len; i++)
		tzf_buf_add(&q, x.ptr[i] == '$' ? "$$" : &x.ptr[i],
		    x.ptr[i] == '$' ? 2 : 1);
	if (rc == TZF_OK)
		rc = q.oom ? TZF_ENOMEM : tzf__map_setval(e, q.ptr,
		    q.len);
	tzf_buf_dispose(&x);
	tzf_buf_dispose(&q);
	return rc;
}

/* Record NAME (LEN bytes) = VALUE with operator OP ('=', ':', '?' or
 * '+'); a command-line override keeps its value. */
static int
assign(struct tzf__mk *mk, const char *name, size_t len, char op,
    const char *value)
{
	struct tzf__ent *e;
	bool had;
	char *v;

	e = tzf__map_put(&mk->vars, name, len);
	if (e == NULL)
		return TZF_ENOMEM;
	had = e->val != NULL;
	if (e->num == MK_OVERRIDE || (op == '?' && had))
		return TZF_OK;
	e->num = MK_FILE;
	if (op == ':')
		return assign_simple(mk, e, value);
	if (op == '+' && had && *e->val != '\0') {
		v = tzf__cat4(e->val, " ", value, "");
		if (v == NULL)
			return TZF_ENOMEM;
		tzf__free(e->val);
		e->val = v;
		return TZF_OK;
	}
	return tzf__map_setval(e, value, strlen(value));
}

/* LINE as an assignment, if it is one. */
static int
read_assignment(struct tzf__mk *mk, char *line)
{
	const char *p = line, *name;
	size_t len;
	char op;

	if (*p == '\t')
		return TZF_OK;	/* a recipe line */
	strip_comment(line);
	p += strspn(p, " ");
	name = p;
	while (name_char(*p))
		p++;
	len = (size_t)(p - name);
	p += strspn(p, " \t");
	if (len == 0)
		return TZF_OK;
	if (*p == '=')
		op = '=';
	else if (strchr(":?+", *p) != NULL && p[1] == '=')
		op = *p++;
	else if (strncmp(p, "::=", 3) == 0)
		op = ':', p += 2;
	else
		return TZF_OK;	/* a rule or a directive */
	p++;
	p += strspn(p, " \t");
	return assign(mk, name, len, op, p);
}

int
tzf__mk_read(struct tzf__mk **out, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	struct tzf__mk *mk;
	bool oom = false;
	char *line;
	int rc = TZF_OK;

	*out = NULL;
	mk = tzf__calloc(1, sizeof *mk);
	if (mk == NULL)
		return TZF_ENOMEM;
	while (rc == TZF_OK && (line = logical_line(&p, end, &oom)) != NULL) {
		rc = read_assignment(mk, line);
		tzf__free(line);
	}
	if (rc == TZF_OK && oom)
		rc = TZF_ENOMEM;
	if (rc < 0) {
		tzf__mk_free(mk);
		return rc;
	}
	*out = mk;
	return TZF_OK;
}

void
tzf__mk_free(struct tzf__mk *mk)
{
	if (mk == NULL)
		return;
	tzf__map_free(&mk->vars);
	tzf__free(mk);
}

int
tzf__mk_override(struct tzf__mk *mk, const char *name, const char *value)
{
	struct tzf__ent *e = tzf__map_put(&mk->vars, name, strlen(name));

	if (e == NULL)
		return TZF_ENOMEM;
	e->num = MK_OVERRIDE;
	return tzf__map_setval(e, value, strlen(value));
}

bool
tzf__mk_has(const struct tzf__mk *mk, const char *name)
{
	const struct tzf__ent *e = tzf__map_get(&mk->vars, name);

	return e != NULL && e->num == MK_FILE;
}

/* The reference "$(" or "${" at S: its name expanded into OUT; *END is
 * set past the closing bracket. */
static int
reference(struct tzf_buf *out, const struct tzf__mk *mk, const char *s,
    const char **end, int depth)
{
	char close = s[1] == '(' ? ')' : '}';
	const struct tzf__ent *e;
	const char *p = s + 2;
	char *name;
	int rc;

	while (name_char(*p))
		p++;
	if (*p != close || p == s + 2)
		return TZF_EINVAL;	/* a function or substitution */
	*end = p + 1;
	name = tzf__strndup(s + 2, (size_t)(p - (s + 2)));
	if (name == NULL)
		return TZF_ENOMEM;
	e = tzf__map_get(&mk->vars, name);
	tzf__free(name);
	if (e == NULL || e->val == NULL)
		return TZF_OK;	/* undefined: empty */
	rc = expand(out, mk, e->val, depth + 1);
	return rc;
}

static int
expand(struct tzf_buf *out, const struct tzf__mk *mk, const char *s,
    int depth)
{
	const char *end;
	size_t n;
	int rc;

	if (depth > MK_DEPTH)
		return TZF_EINVAL;
	while (*s != '\0') {
		n = strcspn(s, "$");
		tzf_buf_add(out, s, n);
		s += n;
		if (*s == '\0')
			break;
		if (s[1] == '$') {
			tzf_buf_add(out, "$", 1);
			s += 2;
		} else if (s[1] == '(' || s[1] == '{') {
			rc = reference(out, mk, s, &end, depth);
			if (rc < 0)
				return rc;
			s = end;
		} else {
			return TZF_EINVAL;	/* $X, $@ and the like */
		}
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

int
tzf__mk_value(struct tzf_buf *out, const struct tzf__mk *mk,
    const char *name)
{
	const struct tzf__ent *e = tzf__map_get(&mk->vars, name);

	if (e == NULL || e->val == NULL)
		return out->oom ? TZF_ENOMEM : TZF_OK;
	return expand(out, mk, e->val, 0);
}
