/*
 * release.c: the release builder and the build-switch parser.
 *
 * tzf_build_release() turns a tree and the build switches into what
 * that release's own Makefile would compile: it reads the Makefile's
 * variables (makefile.c) with the switches set as on make's command
 * line, refuses a switch the Makefile does not have, picks the
 * ziguard.awk behaviour of the tree (ziguard.c) and keeps, beside the
 * zic input it makes, the file and line each input line came from.
 * zic, the store and the diff engine all build releases here, and the
 * three front ends parse the switches with tzf_switches_option().
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* The release that gave the Makefile each switch's variable. */
static const struct {
	const char *var, *option, *since;
} switch_vars[] = {
	{ "PACKRATDATA", "--backzone", "2016a" },
	{ "BACKWARD", "--no-backward", "2017c" },
	{ "DATAFORM", "--dataform", "2018d" },
	{ "PACKRATLIST", "--packratlist", "2022b" },
};

/* TDATA of a tree without a Makefile: the newest Makefiles' list. */
static const char *const default_tdata[] = {
	"africa", "antarctica", "asia", "australasia", "europe",
	"northamerica", "southamerica", "etcetera", NULL
};

/* ------------------------------------------------------------------ */
/* Switches */

/* Whether S reads as a number equal to 0, as awk reads an environment
 * value (ENVIRON["VANGUARD_SUBSECONDS"] is then false). */
static bool
is_number_zero(const char *s)
{
	char *end;
	double v;

	s += strspn(s, " \t\n");
	if (*s == '\0' || strchr("+-.0123456789", *s) == NULL ||
	    strncmp(s, "0x", 2) == 0 || strncmp(s, "0X", 2) == 0)
		return false;
	v = strtod(s, &end);
	end += strspn(end, " \t\n");
	return *end == '\0' && v == 0;
}

/* A name make and tzdata.zi's header can carry: no blank, no control
 * character, not empty. */
static bool
plain_file_name(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

int
tzf_switches_option(struct tzf_switches *sw, const char *name,
    const char *arg, struct tzf_diag *dg)
{
	if (strcmp(name, "dataform") == 0) {
		if (arg == NULL || (strcmp(arg, "main") != 0 &&
		    strcmp(arg, "vanguard") != 0 &&
		    strcmp(arg, "rearguard") != 0)) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "--dataform '%s': not "
			    "main, vanguard or rearguard", arg ? arg : "");
			return TZF_EINVAL;
		}
		sw->dataform = arg;
	} else if (strcmp(name, "backzone") == 0) {
		sw->backzone = true;
	} else if (strcmp(name, "packratlist") == 0) {
		if (arg == NULL || !plain_file_name(arg)) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "--packratlist: an "
			    "empty file name or one with a blank or control "
			    "character");
			return TZF_EINVAL;
		}
		sw->packratlist = arg;
	} else if (strcmp(name, "no-backward") == 0) {
		sw->backward = false;
	} else {
		return TZF_ENOTFOUND;
	}
	return TZF_OK;
}

int
tzf_switches_finish(struct tzf_switches *sw, const char *subseconds,
    struct tzf_diag *dg)
{
	sw->subseconds = subseconds != NULL && *subseconds != '\0' &&
	    !is_number_zero(subseconds);
	if (sw->packratlist != NULL && !sw->backzone) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "--packratlist needs --backzone");
		return TZF_EINVAL;
	}
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Building */

/* A copy of S into *KEEP, which owns it; NULL stays NULL. */
static int
keep_str(const char **out, char **keep, const char *s)
{
	*out = NULL;
	if (s == NULL)
		return TZF_OK;
	*keep = tzf__strdup(s);
	if (*keep == NULL)
		return TZF_ENOMEM;
	*out = *keep;
	return TZF_OK;
}

static int
take_switches(struct tzf_build *r, const struct tzf_switches *sw,
    struct tzf_diag *dg)
{
	const char *form = sw->dataform ? sw->dataform : "main";
	int rc;

	r->sw = *sw;
	if (strcmp(form, "main") == 0)
		r->form = TZF__FORM_MAIN;
	else if (strcmp(form, "vanguard") == 0)
		r->form = TZF__FORM_VANGUARD;
	else if (strcmp(form, "rearguard") == 0)
		r->form = TZF__FORM_REARGUARD;
	else {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown data form '%s'",
		    form);
		return TZF_EINVAL;
	}
	if (sw->packratlist != NULL && !plain_file_name(sw->packratlist)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "--packratlist: an empty "
		    "file name or one with a blank or control character");
		return TZF_EINVAL;
	}
	rc = keep_str(&r->sw.dataform, &r->dataform, form);
	if (rc == TZF_OK)
		rc = keep_str(&r->sw.packratlist, &r->packratlist,
		    sw->packratlist);
	if (rc == TZF_OK)
		rc = keep_str(&r->sw.redo, &r->redo, sw->redo);
	snprintf(r->name, sizeof r->name, "%s.zi", r->sw.dataform);
	return rc;
}

static bool
default_switches(const struct tzf_switches *sw)
{
	return strcmp(sw->dataform, "main") == 0 && !sw->backzone &&
	    sw->packratlist == NULL && sw->backward;
}

/* The lines of file number I of R, each a record of its own. */
static int
push_lines(struct tzf_build *r, size_t i)
{
	const char *s, *end, *nl;
	size_t len;
	long line;
	int rc;

	tzf_tree_file(&s, &len, r->tree, r->files.v[i]);
	for (end = s + len, line = 1; s < end; s = nl + 1, line++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		rc = tzf__recs_push(&r->recs, tzf__strndup(s, (size_t)(nl - s)), i,
		    line);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

/* A single-file tree: the file itself, line by line. */
static int
single_file(struct tzf_build *r, struct tzf_diag *dg)
{
	const char *name = tzf_tree_name(r->tree, 0);

	r->single = true;
	if (!default_switches(&r->sw)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "build switches need a tzdb "
		    "source tree, not the single file '%s'",
		    tzf_tree_spec(r->tree));
		return TZF_EINVAL;
	}
	snprintf(r->name, sizeof r->name, "%.31s", name);
	if (!tzf__lines_push(&r->files, tzf__strdup(name)))
		return TZF_ENOMEM;
	return push_lines(r, 0);
}

/* The release the tree names without a Makefile: its version file's
 * first line, else the first "Release" line of NEWS; NULL if none. */
static int
named_release(char **out, const struct tzf_tree *t)
{
	const char *s, *p = NULL;
	size_t n = 0;

	*out = NULL;
	if (tzf_tree_file(&s, NULL, t, "version") == TZF_OK) {
		p = s;
		n = strcspn(s, "\n");
	} else if (tzf_tree_file(&s, NULL, t, "NEWS") == TZF_OK) {
		for (p = s; p != NULL; p = strchr(p, '\n')) {
			p += *p == '\n';
			if (strncmp(p, "Release ", 8) == 0)
				break;
		}
		if (p != NULL)
			n = strcspn(p += 8, " \t\n");
	}
	if (p == NULL || n == 0)
		return TZF_OK;
	*out = tzf__strndup(p, n);
	return *out != NULL ? TZF_OK : TZF_ENOMEM;
}

/*
 * The ziguard.awk behaviour: the tree's own script, known by its
 * SHA-256; without one, that of the release the tree names, else the
 * newest.  R->guard stays NULL for releases before data forms, and for
 * a Makefile without DATAFORM.
 */
static int
pick_guard(struct tzf_build *r, const struct tzf__mk *mk,
    struct tzf_diag *dg)
{
	const char *spec = tzf_tree_spec(r->tree);
	char hex[65], *named;
	int rc;

	if (mk != NULL && !tzf__mk_has(mk, "DATAFORM"))
		return TZF_OK;
	if (tzf_tree_sha256(hex, r->tree, "ziguard.awk") == TZF_OK) {
		r->guard = tzf__guard_by_sha256(hex);
		if (r->guard != NULL)
			return TZF_OK;
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "'%s': tzforge does not know "
		    "this version of 'ziguard.awk' (SHA-256 %.12s...) and "
		    "cannot make its data forms", spec, hex);
		return TZF_EINVAL;
	}
	if (mk != NULL) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no file 'ziguard.awk' in "
		    "'%s', which its Makefile needs", spec);
		return TZF_ENOTFOUND;
	}
	rc = named_release(&named, r->tree);
	if (rc == TZF_OK)
		r->guard = tzf__guard_by_release(named);
	tzf__free(named);
	return rc;
}

/* Refuse a switch whose variable the release's Makefile lacks. */
static int
check_switch(const struct tzf_build *r, const struct tzf__mk *mk,
    const char *var, bool wanted, struct tzf_diag *dg)
{
	size_t i;

	if (!wanted || tzf__mk_has(mk, var))
		return TZF_OK;
	for (i = 0; strcmp(switch_vars[i].var, var) != 0; i++)
		continue;
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
	    "%s: the Makefile of '%s' has no %s "
	    "(it came in release %s)", switch_vars[i].option,
	    tzf_tree_spec(r->tree), var, switch_vars[i].since);
	return TZF_EINVAL;
}

static int
check_switches(const struct tzf_build *r, const struct tzf__mk *mk,
    struct tzf_diag *dg)
{
	const struct tzf_switches *sw = &r->sw;
	int rc = TZF_OK;

	if (mk != NULL) {
		rc = check_switch(r, mk, "DATAFORM", r->form != TZF__FORM_MAIN,
		    dg);
		if (rc == TZF_OK)
			rc = check_switch(r, mk, "PACKRATDATA", sw->backzone,
			    dg);
		if (rc == TZF_OK)
			rc = check_switch(r, mk, "PACKRATLIST",
			    sw->packratlist != NULL, dg);
		if (rc == TZF_OK)
			rc = check_switch(r, mk, "BACKWARD", !sw->backward, dg);
	} else if (r->guard == NULL && r->form != TZF__FORM_MAIN) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "--dataform: '%s' is a release "
		    "from before data forms (they came in release %s)",
		    tzf_tree_spec(r->tree), switch_vars[2].since);
		rc = TZF_EINVAL;
	}
	if (rc == TZF_OK && r->guard != NULL && sw->packratlist != NULL &&
	    tzf__release_cmp(tzf__guard_first(r->guard), "2022b") < 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "--packratlist: the "
		    "ziguard.awk of '%s' has no PACKRATLIST (it came in release "
		    "%s)", tzf_tree_spec(r->tree), switch_vars[3].since);
		rc = TZF_EINVAL;
	}
	return rc;
}

/* Append the words of TEXT to FILES; *LAST is the last one added. */
static int
add_words(struct tzf__lines *files, const char *text, const char **last)
{
	const char *p = text;
	size_t n;

	for (;;) {
		p += strspn(p, " \t\n");
		n = strcspn(p, " \t\n");
		if (n == 0)
			return TZF_OK;
		if (!tzf__lines_push(files, tzf__strndup(p, n)))
			return TZF_ENOMEM;
		*last = files->v[files->n - 1];
		p += n;
	}
}

/* TDATA then PACKRATDATA as MK expands them, into FILES; *PACKRAT is
 * PACKRATDATA's file among them, or NULL. */
static int
list_files(struct tzf__lines *files, const char **packrat,
    const struct tzf__mk *mk)
{
	struct tzf_buf b = TZF_BUF_INIT, p = TZF_BUF_INIT;
	const char *last = NULL;
	int rc;

	rc = tzf__mk_value(&b, mk, "TDATA");
	if (rc == TZF_OK)
		rc = add_words(files, b.ptr, &last);
	if (rc == TZF_OK)
		rc = tzf__mk_value(&p, mk, "PACKRATDATA");
	last = NULL;
	if (rc == TZF_OK)
		rc = add_words(files, p.ptr, &last);
	*packrat = last;
	tzf_buf_dispose(&b);
	tzf_buf_dispose(&p);
	return rc;
}

/*
 * The next word of shell text *P, unquoted, into OUT; false at the end.
 * Enough of sh for what a Makefile's INSTALLARGS holds: blanks,
 * '...', "..." and backslashes.
 */
static bool
shell_word(struct tzf_buf *out, const char **p)
{
	const char *s = *p + strspn(*p, " \t\n");
	char q = 0;

	tzf_buf_reset(out);
	if (*s == '\0')
		return false;
	for (; *s != '\0' && (q != 0 || strchr(" \t\n", *s) == NULL); s++) {
		if (q == 0 && (*s == '\'' || *s == '"'))
			q = *s;
		else if (q != 0 && *s == q)
			q = 0;
		else if (*s == '\\' && q != '\'' && s[1] != '\0')
			tzf_buf_add(out, ++s, 1);
		else
			tzf_buf_add(out, s, 1);
	}
	*p = s;
	return true;
}

/*
 * Before data forms, `make install` compiled its input in a second make
 * run given $(INSTALLARGS), which 2017c did not quote: its BACKWARD of
 * "backward pacificnew" reached that run as BACKWARD=backward (and a
 * goal "pacificnew"), so US/Pacific-New was never installed.  Apply the
 * BACKWARD and PACKRATDATA the second run sees.
 */
static int
second_run(struct tzf__mk *mk)
{
	struct tzf_buf args = TZF_BUF_INIT, w = TZF_BUF_INIT;
	const char *p;
	int rc;

	rc = tzf__mk_value(&args, mk, "INSTALLARGS");
	for (p = args.ptr; rc == TZF_OK && shell_word(&w, &p);)
		if (tzf__starts(w.ptr, "BACKWARD=") ||
		    tzf__starts(w.ptr, "PACKRATDATA="))
			rc = tzf__mk_override(mk, w.ptr[0] == 'B' ?
			    "BACKWARD" : "PACKRATDATA", strchr(w.ptr, '=') + 1);
	if (rc == TZF_OK && (args.oom || w.oom))
		rc = TZF_ENOMEM;
	tzf_buf_dispose(&args);
	tzf_buf_dispose(&w);
	return rc;
}

/*
 * TDATA and PACKRATDATA as make, given the switches, expands them: what
 * `make tzdata.zi` reads (R->tdata_files) and what the Makefile gives
 * zic (R->files), which differ only where second_run() says.
 */
static int
makefile_files(struct tzf_build *r, struct tzf__mk *mk,
    struct tzf_diag *dg)
{
	const char *unused;
	int rc = TZF_OK;

	if (tzf__mk_has(mk, "BACKWARD") && !r->sw.backward)
		rc = tzf__mk_override(mk, "BACKWARD", "");
	if (rc == TZF_OK && tzf__mk_has(mk, "PACKRATDATA"))
		rc = tzf__mk_override(mk, "PACKRATDATA", r->sw.backzone ?
		    "backzone" : "");
	if (rc == TZF_OK)
		rc = list_files(&r->tdata_files, &unused, mk);
	if (rc == TZF_OK && !tzf__mk_has(mk, "DATAFORM") &&
	    tzf__mk_has(mk, "INSTALLARGS"))
		rc = second_run(mk);
	if (rc == TZF_OK)
		rc = list_files(&r->files, &r->packratdata, mk);
	if (rc == TZF_EINVAL)
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot evaluate TDATA or "
		    "PACKRATDATA in the Makefile of '%s'",
		    tzf_tree_spec(r->tree));
	return rc;
}

/* The documented list of a tree without a Makefile. */
static int
default_files(struct tzf_build *r)
{
	const char *s;
	int i;

	for (i = 0; default_tdata[i] != NULL; i++)
		if (!tzf__lines_push(&r->files, tzf__strdup(default_tdata[i])))
			return TZF_ENOMEM;
	if (tzf_tree_file(&s, NULL, r->tree, "systemv") == TZF_OK &&
	    !tzf__lines_push(&r->files, tzf__strdup("systemv")))
		return TZF_ENOMEM;
	if (!tzf__lines_push(&r->files, tzf__strdup("factory")))
		return TZF_ENOMEM;
	if (r->sw.backward &&
	    !tzf__lines_push(&r->files, tzf__strdup("backward")))
		return TZF_ENOMEM;
	if (r->sw.backzone) {
		if (!tzf__lines_push(&r->files, tzf__strdup("backzone")))
			return TZF_ENOMEM;
		r->packratdata = r->files.v[r->files.n - 1];
	}
	return TZF_OK;
}

static int
check_files(const struct tzf_build *r, struct tzf_diag *dg)
{
	const char *s;
	size_t i;

	for (i = 0; i < r->files.n; i++) {
		if (tzf_tree_file(&s, NULL, r->tree, r->files.v[i]) !=
		    TZF_OK) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "no file '%s' in '%s'",
			    r->files.v[i], tzf_tree_spec(r->tree));
			return TZF_ENOTFOUND;
		}
	}
	return TZF_OK;
}

/* PACKRATLIST names a file of the tree, or else one on disk (as the
 * Makefile reads it relative to the build directory). */
static int
load_packratlist(struct tzf_build *r, struct tzf_diag *dg)
{
	const char *name = r->sw.packratlist, *s;
	struct tzf_buf b = TZF_BUF_INIT;
	struct stat st;
	int rc;

	if (name == NULL)
		return TZF_OK;
	if (tzf_tree_file(&s, NULL, r->tree, name) == TZF_OK) {
		r->plist_text = tzf__strdup(s);
		return r->plist_text != NULL ? TZF_OK : TZF_ENOMEM;
	}
	if (stat(name, &st) != 0) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "no file '%s' in '%s' for "
		    "PACKRATLIST", name, tzf_tree_spec(r->tree));
		return TZF_ENOTFOUND;
	}
	rc = tzf__read_regular(&b, name, name, dg);
	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK)
		rc = tzf__check_nul(name, b.ptr, b.len, dg);
	if (rc == TZF_OK) {
		r->plist_text = tzf_buf_detach(&b);
		return r->plist_text != NULL ? TZF_OK : TZF_ENOMEM;
	}
	tzf_buf_dispose(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Releases without ziguard.awk */

/* The keyword of record S if it is a Zone or Link line, else 0. */
static char
definition(const char *s, const char **name, size_t *len)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, s), i;
	char kind;

	if (nf < 3 || *s == '#' || *s == ' ' || *s == '\t')
		return 0;
	if (tzf__feq(f, nf, 1, "Zone"))
		kind = 'Z', i = 1;
	else if (tzf__feq(f, nf, 1, "Link"))
		kind = 'L', i = 2;
	else
		return 0;
	*name = f[i].p;
	*len = f[i].len;
	return kind;
}

/* Whether a Zone line or continuation S (fields after comments are
 * cut) has an UNTIL, i.e. wants a continuation after it. */
static bool
wants_continuation(const char *s, bool zone_line)
{
	struct tzf__fld f[TZF__MAXF];
	char *line = tzf__strndup(s, strcspn(s, "#"));
	int nf;

	if (line == NULL)
		return false;
	nf = tzf__split(f, line);
	tzf__free(line);
	return nf > (zone_line ? 5 : 3);
}

/* Comment out record I. */
static int
comment_out_record(struct tzf_build *r, size_t i)
{
	char *s = tzf__cat4("#", r->recs.lines.v[i], "", "");

	if (s == NULL)
		return TZF_ENOMEM;
	tzf__free(r->recs.lines.v[i]);
	r->recs.lines.v[i] = s;
	return TZF_OK;
}

/*
 * Comment out the definition starting at record I: a Link line, or a
 * Zone line and its continuation lines, or with LAST_ONLY just the last
 * of these.
 */
static int
comment_out_definition(struct tzf_build *r, size_t i, bool last_only)
{
	bool more = r->recs.lines.v[i][0] == 'Z', zone = true;
	size_t last = i;
	int rc;

	for (; i < r->recs.lines.n; i++) {
		const char *p = r->recs.lines.v[i] + strspn(r->recs.lines.v[i], " \t");

		if (*p == '\0' || *p == '#')
			continue;
		last = i;
		if (more)
			more = wants_continuation(r->recs.lines.v[i], zone);
		zone = false;
		if (!last_only) {
			rc = comment_out_record(r, i);
			if (rc < 0)
				return rc;
		}
		if (!more)
			break;
	}
	return last_only ? comment_out_record(r, last) : TZF_OK;
}

/*
 * Without ziguard.awk, backzone's Zones and Links replace earlier ones
 * of the same name.  Before 2017c the Makefile ran zic a second time
 * over backzone, whose files replaced the first run's: the earlier
 * definition is commented out whole.  In 2017c-2018c zic read
 * zishrink.awk's tzdata.zi, and zishrink.awk removed only the last line
 * of a Zone defined again (it keeps the line where the name was last
 * seen), so zic then fails on what is left, as it does here; for a
 * Link that is the whole definition.
 */
static int
later_definitions_win(struct tzf_build *r, bool zishrink)
{
	struct tzf__map seen = { NULL, 0, 0 };
	struct tzf__ent *e;
	const char *name;
	size_t i, len;
	int rc = TZF_OK;

	for (i = 0; rc == TZF_OK && i < r->recs.lines.n; i++) {
		if (definition(r->recs.lines.v[i], &name, &len) == 0)
			continue;
		e = tzf__map_put(&seen, name, len);
		if (e == NULL) {
			rc = TZF_ENOMEM;
			break;
		}
		if (e->num != 0)
			rc = comment_out_definition(r, e->num - 1, zishrink);
		e->num = i + 1;
	}
	tzf__map_free(&seen);
	return rc;
}

/* The files, one after the other, as the Makefile hands them to zic;
 * ZISHRINK when it hands zic zishrink.awk's output of them. */
static int
concatenate(struct tzf_build *r, bool zishrink)
{
	size_t i;
	int rc;

	for (i = 0; i < r->files.n; i++) {
		rc = push_lines(r, i);
		if (rc < 0)
			return rc;
	}
	return r->packratdata != NULL ? later_definitions_win(r, zishrink) :
	    TZF_OK;
}

/* ------------------------------------------------------------------ */

/* The records as one text, with each line's origin. */
static int
make_text(struct tzf_build *r)
{
	size_t i, n = 0, k;
	const char *p;

	for (i = 0; i < r->recs.lines.n; i++) {
		n++;
		for (p = r->recs.lines.v[i]; (p = strchr(p, '\n')) != NULL; p++)
			n++;
	}
	r->origins = tzf__calloc(n + 1, sizeof *r->origins);
	if (r->origins == NULL)
		return TZF_ENOMEM;
	for (i = 0, k = 0; i < r->recs.lines.n; i++) {
		r->origins[k].file = r->files.v[r->recs.where[i].file];
		r->origins[k++].line = r->recs.where[i].line;
		for (p = r->recs.lines.v[i]; (p = strchr(p, '\n')) != NULL; p++) {
			r->origins[k] = r->origins[k - 1];
			k++;
		}
		tzf_buf_puts(&r->text, r->recs.lines.v[i]);
		tzf_buf_add(&r->text, "\n", 1);
	}
	r->norigins = n;
	return r->text.oom ? TZF_ENOMEM : TZF_OK;
}

static int
build(struct tzf_build *r, struct tzf_diag *dg)
{
	struct tzf__mk *mk = NULL;
	bool zishrink = false;
	const char *s;
	size_t len;
	int rc = TZF_OK;

	if (tzf_tree_file(&s, &len, r->tree, "Makefile") == TZF_OK)
		rc = tzf__mk_read(&mk, s, len);
	if (rc == TZF_OK && mk != NULL)
		zishrink = tzf__mk_has(mk, "TZDATA_ZI_DEPS");
	if (rc == TZF_OK)
		rc = pick_guard(r, mk, dg);
	if (rc == TZF_OK)
		rc = check_switches(r, mk, dg);
	if (rc == TZF_OK)
		rc = mk != NULL ? makefile_files(r, mk, dg) : default_files(r);
	tzf__mk_free(mk);
	if (rc == TZF_OK)
		rc = check_files(r, dg);
	if (rc == TZF_OK)
		rc = load_packratlist(r, dg);
	if (rc == TZF_OK)
		rc = r->guard != NULL ? tzf__ziguard(r, dg) :
		    concatenate(r, zishrink);
	return rc;
}

int
tzf_build_release(struct tzf_build **out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	static const struct tzf_switches defaults = TZF_SWITCHES_INIT;
	struct tzf_build *r;
	int rc;

	*out = NULL;
	r = tzf__calloc(1, sizeof *r);
	if (r == NULL)
		return TZF_ENOMEM;
	r->tree = t;
	rc = take_switches(r, sw != NULL ? sw : &defaults, dg);
	if (rc == TZF_OK)
		rc = tzf_tree_kind(t) == TZF_TREE_FILE ? single_file(r, dg) :
		    build(r, dg);
	if (rc == TZF_OK)
		rc = make_text(r);
	if (rc < 0) {
		tzf_build_free(r);
		return rc;
	}
	*out = r;
	return TZF_OK;
}

void
tzf_build_free(struct tzf_build *r)
{
	if (r == NULL)
		return;
	tzf__free(r->dataform);
	tzf__free(r->packratlist);
	tzf__free(r->redo);
	tzf__lines_free(&r->files);
	tzf__lines_free(&r->tdata_files);
	tzf__free(r->plist_text);
	tzf__recs_free(&r->recs);
	tzf_buf_dispose(&r->text);
	tzf__free(r->origins);
	tzf__free(r);
}

/* ------------------------------------------------------------------ */
/* Accessors */

const char *
tzf_build_text(const struct tzf_build *r, size_t *len)
{
	if (len != NULL)
		*len = r->text.len;
	return r->text.ptr;
}

const char *
tzf_build_name(const struct tzf_build *r)
{
	return r->name;
}

const struct tzf_origin *
tzf_build_origins(const struct tzf_build *r, size_t *n)
{
	*n = r->norigins;
	return r->origins;
}

const struct tzf_tree *
tzf_build_tree(const struct tzf_build *r)
{
	return r->tree;
}

int
tzf_db_parse_build(struct tzf_db *db, const struct tzf_build *r)
{
	return tzf_db_parse_mapped(db, r->name, r->text.ptr, r->text.len,
	    r->origins, r->norigins);
}

int
tzf_tree_zic_input(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	struct tzf_build *r;
	int rc;

	rc = tzf_build_release(&r, t, sw, dg);
	if (rc < 0)
		return rc;
	tzf_buf_add(out, r->text.ptr, r->text.len);
	tzf_build_free(r);
	return out->oom ? TZF_ENOMEM : TZF_OK;
}
