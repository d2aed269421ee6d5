/*
 * install.c: what `make install` does in TZDIR, read from the tree's own
 * Makefile (tzf_tree_install()).
 *
 * zic --install follows this plan instead of one release's way: which
 * REDO is the default and how posix_right and right_posix lay out the
 * sibling directories (two compiled trees before 2013e, a symbolic link
 * and a tree since); whether the TZif files are compiled from tzdata.zi
 * (2017c on) or from the data files; whether the install rule's zic -l
 * writes TZDIR/localtime (before 2018a; later it writes TZDEFAULT, which
 * is outside TZDIR) and whether it passes -p $(POSIXRULES); and which
 * files its cp puts into TZDIR.  Each is decided from the rule or the
 * variable that says it, so an untagged commit between two releases gets
 * what its own Makefile says; a Makefile whose rules do not have one of
 * the shapes the releases of 2012e to 2026c have is refused.
 *
 * The variables are read by makefile.c, as the release builder reads
 * them; the recipes of the rules are read here as text.
 */
#include <stdio.h>
#include <string.h>

#include "tzf_source.h"

/* ------------------------------------------------------------------ */
/* Reading the Makefile */

/* A Makefile: its text for the recipes, its variables. */
struct mk {
	const char *text;
	size_t len;
	struct tzf__mk *vars;
	const char *release;	/* for messages */
	struct tzf_diag *dg;
};

/* The logical line at P into OUT (backslash-newlines become a space);
 * returns where the next one starts. */
static const char *
logical_line(struct tzf_buf *out, const char *p, const char *end)
{
	out->len = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl != NULL ? nl : end;

		if (e > p && e[-1] == '\\') {
			tzf_buf_add(out, p, (size_t)(e - 1 - p));
			tzf_buf_add(out, " ", 1);
			p = e + 1;
			continue;
		}
		tzf_buf_add(out, p, (size_t)(e - p));
		return nl != NULL ? nl + 1 : end;
	}
	return end;
}

static const char *
str(const struct tzf_buf *b)
{
	return b->ptr;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The value of variable NAME onto OUT; one message when makefile.c
 * cannot expand it (a loop, a function). */
static int
value_of(struct tzf_buf *out, const struct mk *m, const char *name)
{
	int rc = tzf__mk_value(out, m->vars, name);

	if (rc == TZF_EINVAL)
		tzf__diag(m->dg, TZF_SEV_ERR, NULL, 0, "the Makefile of %s: "
		    "variable '%s' refers to itself or to a function tzforge "
		    "does not evaluate", m->release, name);
	return rc;
}

/* Append S (LEN bytes) with each $(NAME) replaced by the variable's
 * value. */
static int
expand_refs(struct tzf_buf *out, const struct mk *m, const char *s,
    size_t len)
{
	const char *end = s + len, *close;
	char name[64];
	int rc;

	while (s < end) {
		close = s + 1 < end && s[0] == '$' && s[1] == '(' ?
		    memchr(s, ')', (size_t)(end - s)) : NULL;
		if (close == NULL || (size_t)(close - s - 2) >= sizeof name) {
			tzf_buf_add(out, s++, 1);
			continue;
		}
		memcpy(name, s + 2, (size_t)(close - s - 2));
		name[close - s - 2] = '\0';
		rc = value_of(out, m, name);
		if (rc < 0)
			return rc;
		s = close + 1;
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* Whether LINE is a rule line naming TARGET among its targets. */
static bool
rule_for(const char *line, const char *target)
{
	const char *colon = strchr(line, ':'), *p = line;
	size_t n = strlen(target);

	if (colon == NULL || colon[1] == '=' || blank(*line) || *line == '#')
		return false;
	while (p < colon) {
		size_t w;

		while (p < colon && blank(*p))
			p++;
		w = strcspn(p, " \t:");
		if (w == n && strncmp(p, target, n) == 0)
			return true;
		p += w;
	}
	return false;
}

/*
 * The recipe of TARGET into OUT, one command per line (continuations
 * joined), unexpanded; make runs the last rule that has one.  Returns
 * whether the Makefile has a rule for TARGET at all.
 */
static bool
mk_recipe(struct tzf_buf *out, const struct mk *m, const char *target)
{
	struct tzf_buf line = TZF_BUF_INIT, recipe = TZF_BUF_INIT;
	const char *p = m->text, *end = m->text + m->len;
	bool found = false, in_rule = false;

	out->len = 0;
	while (p < end) {
		p = logical_line(&line, p, end);
		if (str(&line)[0] == '\t') {
			if (in_rule) {
				tzf_buf_puts(&recipe, str(&line) +
				    strspn(str(&line), " \t"));
				tzf_buf_add(&recipe, "\n", 1);
			}
			continue;
		}
		if (in_rule && recipe.len > 0) {
			out->len = 0;
			tzf_buf_add(out, str(&recipe), recipe.len);
		}
		in_rule = rule_for(str(&line), target);
		found |= in_rule;
		recipe.len = 0;
	}
	if (in_rule && recipe.len > 0) {
		out->len = 0;
		tzf_buf_add(out, str(&recipe), recipe.len);
	}
	out->oom |= line.oom || recipe.oom;
	tzf_buf_dispose(&line);
	tzf_buf_dispose(&recipe);
	return found;
}

/* The command of RECIPE that contains NEEDLE (NULL if none), as a copy
 * in OUT. */
static const char *
command_with(struct tzf_buf *out, const char *recipe, const char *needle)
{
	const char *hit = strstr(recipe, needle), *start, *nl;

	if (hit == NULL)
		return NULL;
	for (start = hit; start > recipe && start[-1] != '\n'; start--)
		continue;
	nl = strchr(hit, '\n');
	out->len = 0;
	tzf_buf_add(out, start, nl ? (size_t)(nl - start) : strlen(start));
	return str(out);
}

/* Whether WORD stands alone in CMD, between blanks or at an end. */
static bool
has_word(const char *cmd, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(cmd, word); p != NULL; p = strstr(p + 1, word))
		if ((p == cmd || blank(p[-1])) && (p[n] == '\0' ||
		    blank(p[n])))
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* The plan */

static int
refuse(const struct mk *m, const char *what)
{
	tzf__diag(m->dg, TZF_SEV_ERR, NULL, 0,
	    "the Makefile of %s: %s; tzforge "
	    "knows the install rules of tzdb 2012e to 2026c", m->release,
	    what);
	return TZF_EINVAL;
}

/* Copy the value into FIELD; refuse what does not fit or would put a
 * blank or control character into a name. */
static int
set_name(const struct mk *m, char *field, size_t size, const char *v,
    size_t len, const char *what)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] <= ' ' || v[i] == 0x7f)
			return refuse(m, what);
	if (len >= size)
		return refuse(m, what);
	memcpy(field, v, len);
	field[len] = '\0';
	return TZF_OK;
}

/* The value of NAME into FIELD; "" when unset. */
static int
var_into(const struct mk *m, char *field, size_t size, const char *name)
{
	struct tzf_buf b = TZF_BUF_INIT;
	const char *v;
	size_t len;
	int rc = value_of(&b, m, name);

	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK) {
		v = str(&b) + strspn(str(&b), " \t");
		len = strlen(v);
		while (len > 0 && blank(v[len - 1]))
			len--;
		rc = set_name(m, field, size, v, len, "a value tzforge cannot "
		    "use as a file name");
	}
	tzf_buf_dispose(&b);
	return rc;
}

/* posix_only's recipe, or install_data's when posix_only runs it. */
static int
data_recipe(struct tzf_buf *out, const struct mk *m)
{
	if (!mk_recipe(out, m, "posix_only"))
		return refuse(m, "no posix_only rule");
	if (strstr(str(out), "install_data") != NULL)
		mk_recipe(out, m, "install_data");
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

/* How the TZif files are compiled. */
static int
plan_data(struct tzf_install *p, const struct mk *m, struct tzf_buf *b)
{
	int rc = data_recipe(b, m);

	if (rc < 0)
		return rc;
	if (strstr(str(b), "tzdata.zi") != NULL)
		p->from_tzdata_zi = true;
	else if (strstr(str(b), "$(TDATA)") == NULL)
		return refuse(m, "posix_only compiles neither tzdata.zi nor "
		    "$(TDATA)");
	return TZF_OK;
}

/* The REDO layouts: what goes into TZDIR-posix and TZDIR-leaps. */
static int
plan_redo(struct tzf_install *p, const struct mk *m, struct tzf_buf *b,
    const char *redo)
{
	static const char *const redos[] = {
		"posix_only", "right_only", "posix_right", "right_posix"
	};
	enum tzf_sibling other;
	size_t i;
	int rc;

	if (redo == NULL) {
		rc = var_into(m, p->redo, sizeof p->redo, "REDO");
		if (rc < 0)
			return rc;
	} else {
		snprintf(p->redo, sizeof p->redo, "%s", redo);
	}
	for (i = 0; i < 4; i++)
		if (strcmp(p->redo, redos[i]) == 0)
			break;
	if (i == 4) {
		tzf__diag(m->dg, TZF_SEV_ERR, NULL, 0, "unknown REDO '%s': not "
		    "posix_only, right_only, posix_right or right_posix",
		    redo != NULL ? redo : p->redo);
		return TZF_EINVAL;
	}
	if (!mk_recipe(b, m, p->redo)) {
		tzf__diag(m->dg, TZF_SEV_ERR, NULL, 0,
		    "REDO '%s': the Makefile "
		    "of %s has no such rule", p->redo, m->release);
		return TZF_EINVAL;
	}
	p->leaps = p->redo[0] == 'r';
	if (i < 2)
		return TZF_OK;
	/* Before 2013e other_two compiled both; since, the sibling that
	 * matches TZDIR is a symbolic link to it. */
	if (mk_recipe(b, m, "other_two") && b->len > 0)
		other = TZF_SIBLING_TREE;
	else if (mk_recipe(b, m, p->redo) && strstr(str(b), "ln -s") != NULL)
		other = TZF_SIBLING_LINK;
	else
		return refuse(m, "its posix_right and right_posix rules make "
		    "neither other_two nor a symbolic link");
	p->posix_dir = p->leaps ? TZF_SIBLING_TREE : other;
	p->leaps_dir = p->leaps ? other : TZF_SIBLING_TREE;
	return b->oom ? TZF_ENOMEM : TZF_OK;
}

/* The install rule's zic -l and -p. */
static int
plan_links(struct tzf_install *p, const struct mk *m, const char *install,
    struct tzf_buf *b)
{
	const char *cmd = command_with(b, install, "$(LOCALTIME)");
	int rc;

	if (cmd == NULL)
		return refuse(m, "its install rule runs no zic -l $(LOCALTIME)");
	/* With -t, -l writes TZDEFAULT (/etc/localtime), outside TZDIR. */
	if (!has_word(cmd, "-t")) {
		rc = var_into(m, p->localtime, sizeof p->localtime,
		    "LOCALTIME");
		if (rc < 0)
			return rc;
	}
	if (strstr(cmd, "$(POSIXRULES)") != NULL)
		return var_into(m, p->posixrules, sizeof p->posixrules,
		    "POSIXRULES");
	return TZF_OK;
}

/* The files the install rule's cp puts into $(TZDIR). */
static int
plan_files(struct tzf_install *p, const struct mk *m, const char *install,
    struct tzf_buf *b)
{
	struct tzf_buf words = TZF_BUF_INIT;
	const char *cmd = command_with(b, install, "$(TZDIR)/.");
	const char *s, *e;
	size_t n = 0, len;
	int rc;

	/* cp [-f] FILE... '$(DESTDIR)$(TZDIR)/.' */
	if (cmd == NULL || strncmp(cmd, "cp ", 3) != 0)
		return refuse(m, "its install rule copies no files into "
		    "$(TZDIR)");
	e = strstr(cmd, "$(TZDIR)/.");
	while (e > cmd && !blank(e[-1]))
		e--;
	rc = expand_refs(&words, m, cmd + 3, (size_t)(e - cmd - 3));
	for (s = str(&words); rc == TZF_OK; s += len) {
		s += strspn(s, " \t");
		len = strcspn(s, " \t");
		if (len == 0)
			break;
		if (*s == '-')
			continue;	/* -f */
		if (n == TZF_INSTALL_MAXFILES)
			rc = refuse(m, "its install rule copies too many files");
		else
			rc = set_name(m, p->files[n++], sizeof p->files[0], s,
			    len, "a file name tzforge cannot copy");
	}
	p->nfiles = n;
	tzf_buf_dispose(&words);
	return rc;
}

/* Open the tree's Makefile into M; TZF_ENOTFOUND without one. */
static int
mk_open(struct mk *m, const struct tzf_tree *t, struct tzf_diag *dg)
{
	m->release = tzf_tree_version(t) ? tzf_tree_version(t) :
	    tzf_tree_spec(t);
	m->dg = dg;
	m->vars = NULL;
	if (tzf_tree_file(&m->text, &m->len, t, "Makefile") != TZF_OK)
		return TZF_ENOTFOUND;
	return tzf__mk_read(&m->vars, m->text, m->len);
}

int
tzf_tree_install(struct tzf_install *out, const struct tzf_tree *t,
    const char *redo, struct tzf_diag *dg)
{
	struct tzf_buf b = TZF_BUF_INIT, install = TZF_BUF_INIT;
	char expires[8];
	struct mk m;
	int rc;

	memset(out, 0, sizeof *out);
	rc = mk_open(&m, t, dg);
	if (rc == TZF_ENOTFOUND)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "'%s' has no Makefile to say "
		    "what make install does", tzf_tree_spec(t));
	if (rc < 0)
		return rc;
	if (!mk_recipe(&install, &m, "install") || install.len == 0)
		rc = refuse(&m, "no install rule");
	else
		rc = plan_redo(out, &m, &b, redo);
	if (rc == TZF_OK)
		rc = plan_data(out, &m, &b);
	if (rc == TZF_OK)
		rc = plan_links(out, &m, str(&install), &b);
	if (rc == TZF_OK)
		rc = plan_files(out, &m, str(&install), &b);
	if (rc == TZF_OK)
		rc = var_into(&m, expires, sizeof expires, "EXPIRES_LINE");
	if (rc == TZF_OK)
		out->expires_line = strcmp(expires, "1") == 0;
	if (rc == TZF_OK && (b.oom || install.oom))
		rc = TZF_ENOMEM;
	tzf_buf_dispose(&b);
	tzf_buf_dispose(&install);
	tzf__mk_free(m.vars);
	return rc;
}

int
tzf__makefile_redo(char out[16], const struct tzf_tree *t)
{
	struct tzf_diag quiet = { NULL, NULL, 0, 0 };
	struct mk m;
	int rc = mk_open(&m, t, &quiet);

	if (rc == TZF_OK)
		rc = var_into(&m, out, 16, "REDO");
	tzf__mk_free(m.vars);
	return rc;
}
