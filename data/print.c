/*
 * print.c: everything data/tzdb writes on standard output, as text or
 * as JSON (schema TZDB_JSON_SCHEMA, documented in tzdb.1).
 *
 * Names, abbreviations and file names come from trees the user may not
 * trust, so text goes through tzf_buf_put_text() (control bytes
 * escaped) and JSON through lib/json.c (valid by construction, valid
 * UTF-8).  Every JSON document is one object opened by doc_begin() with
 * the schema number and the command; its shape depends only on the
 * command and its options, never on the number of arguments.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tzdb.h"

static struct tzf_buf buf = TZF_BUF_INIT;
static struct tzf_json js;
static bool json;

void
out_start(bool as_json)
{
	json = as_json;
	tzf_json_init(&js, &buf, false);
}

static void
write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("write error: %s", w < 0 ? strerror(errno) :
			    "nothing written");
		p += w;
		n -= (size_t)w;
	}
}

void
out_flush(void)
{
	if (buf.oom)
		die("%s", "out of memory");
	write_all(buf.ptr, buf.len);
	buf.len = 0;
}

void
out_raw(const struct tzf_buf *b)
{
	if (b->oom)
		die("%s", "out of memory");
	out_flush();
	write_all(b->ptr, b->len);
}

/* ------------------------------------------------------------------ */
/* Text pieces */

static void
put(const char *s)
{
	tzf_buf_puts(&buf, s);
}

static void putf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
putf(const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	tzf_buf_puts(&buf, line);
}

/* Untrusted text: names, abbreviations, file names, source lines. */
static void
txt(const char *s)
{
	tzf_buf_put_text(&buf, s != NULL ? s : "-");
}

static const char *
ut_str(char *b, size_t size, int64_t ut)
{
	tzf_time_format(b, size, ut, true);
	return b;
}

static const char *
local_str(char *b, size_t size, int64_t ut, int32_t off)
{
	int64_t t;

	if (__builtin_add_overflow(ut, (int64_t)off, &t))
		t = off < 0 ? INT64_MIN : INT64_MAX;
	tzf_time_format(b, size, t, false);
	return b;
}

static const char *
off_str(char *b, size_t size, int32_t off)
{
	tzf_offset_format(b, size, off);
	return b;
}

/* A source line without its leading and trailing white space; tabs
 * between its fields are kept. */
static void
txt_trimmed(const char *s)
{
	char *t, *p, *tab;
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	t = strndup(s, n);
	if (t == NULL)
		die("%s", "out of memory");
	for (p = t; (tab = strchr(p, '\t')) != NULL; p = tab + 1) {
		*tab = '\0';
		txt(p);
		put("\t");
	}
	txt(p);
	free(t);
}

static void
text_name(const struct tzf_zinfo *z)
{
	put("name: "), txt(z->name), put("\n");
	if (z->islink) {
		put("link: "), txt(z->name), put(" -> "), txt(z->target);
		put(" ("), txt(z->file), putf(":%ld), answers as ", z->line);
		txt(z->zone ? z->zone : "nothing"), put("\n");
	} else {
		put("zone: "), txt(z->name), put(" ("), txt(z->file);
		if (z->line > 0)	/* 0: compiled data, no source line */
			putf(":%ld", z->line);
		put(")\n");
	}
	put("release: "), txt(z->release), put("\n");
}

static void
text_state(const char *key, const struct tzf_local *l, int64_t ut)
{
	char b[64], c[64];

	putf("%s: %s %s ", key, ut_str(b, sizeof b, ut),
	    off_str(c, sizeof c, l->utoff));
	txt(l->abbr);
	putf(" isdst=%d\n", l->isdst);
}

/* ------------------------------------------------------------------ */
/* JSON pieces */

static void
doc_begin(const char *command)
{
	tzf_json_object(&js, NULL);
	tzf_json_int(&js, "schema", TZDB_JSON_SCHEMA);
	tzf_json_str(&js, "command", command);
}

static void
doc_end(void)
{
	tzf_json_end(&js);
	put("\n");
}

static void
json_time(const char *key, int64_t ut)
{
	char b[64];

	if (ut == INT64_MIN)
		tzf_json_null(&js, key);
	else
		tzf_json_str(&js, key, ut_str(b, sizeof b, ut));
}

/* utoff, offset, abbr, isdst */
static void
json_local(const struct tzf_local *l)
{
	char b[64];

	tzf_json_int(&js, "utoff", l->utoff);
	tzf_json_str(&js, "offset", off_str(b, sizeof b, l->utoff));
	tzf_json_str(&js, "abbr", l->abbr);
	tzf_json_bool(&js, "isdst", l->isdst);
}

/* A state at an instant: ut, epoch, local, utoff, offset, abbr, isdst. */
static void
json_state(const char *key, const struct tzf_local *l, int64_t ut)
{
	char b[64];

	tzf_json_object(&js, key);
	json_time("ut", ut);
	tzf_json_int(&js, "epoch", ut);
	tzf_json_str(&js, "local", local_str(b, sizeof b, ut, l->utoff));
	json_local(l);
	tzf_json_end(&js);
}

/* The "name" object: name, release, kind, target, zone, defined. */
static void
json_name(const char *key, const struct tzf_zinfo *z)
{
	tzf_json_object(&js, key);
	tzf_json_str(&js, "name", z->name);
	tzf_json_str(&js, "release", z->release);
	tzf_json_str(&js, "kind", z->islink ? "link" : "zone");
	tzf_json_str(&js, "target", z->target);
	tzf_json_str(&js, "zone", z->zone);
	tzf_json_object(&js, "defined");
	tzf_json_str(&js, "file", z->file);
	tzf_json_int(&js, "line", z->line);
	tzf_json_end(&js);
	tzf_json_end(&js);
}

/* ------------------------------------------------------------------ */
/* Commands */

void
print_at(const struct tzf_zinfo *z, const struct at_answer *a, size_t n)
{
	char b[64];
	size_t i;

	if (json) {
		doc_begin("at");
		tzf_json_str(&js, "release", z->release);
		json_name("name", z);
		tzf_json_array(&js, "answers");
		for (i = 0; i < n; i++) {
			tzf_json_object(&js, NULL);
			json_time("ut", a[i].ut);
			tzf_json_int(&js, "epoch", a[i].ut);
			tzf_json_str(&js, "local", local_str(b, sizeof b,
			    a[i].ut, a[i].l.utoff));
			json_local(&a[i].l);
			if (a[i].line == NULL)
				tzf_json_null(&js, "line");
			else {
				tzf_json_object(&js, "line");
				tzf_json_str(&js, "file", a[i].line->file);
				tzf_json_int(&js, "line", a[i].line->line);
				tzf_json_str(&js, "text", a[i].line->text);
				tzf_json_end(&js);
			}
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
		return;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			put("\n");
		text_name(z);
		putf("ut: %s\n", ut_str(b, sizeof b, a[i].ut));
		putf("local: %s\n", local_str(b, sizeof b, a[i].ut,
		    a[i].l.utoff));
		putf("offset: %s\n", off_str(b, sizeof b, a[i].l.utoff));
		put("abbr: "), txt(a[i].l.abbr);
		putf("\nisdst: %d\n", a[i].l.isdst);
		if (a[i].line != NULL) {
			put("line: "), txt(a[i].line->file);
			putf(":%ld: ", a[i].line->line);
			txt_trimmed(a[i].line->text);
			put("\n");
		}
	}
}

void
print_at_batch(const char *name, const struct at_answer *a)
{
	txt(name);
	putf("\t%lld\t%ld\t", (long long)a->ut, (long)a->l.utoff);
	txt(a->l.abbr);
	putf("\t%d\t", a->l.isdst);
	txt(a->line ? a->line->file : "-");
	putf(":%ld\n", a->line ? a->line->line : 0L);
	if (buf.len > (1 << 16))
		out_flush();
}

static bool
same_answer(const struct tzf_rel_answer *a, const struct tzf_rel_answer *b)
{
	if (a->present != b->present)
		return false;
	return !a->present || (a->l.utoff == b->l.utoff &&
	    a->l.isdst == b->l.isdst && strcmp(a->l.abbr, b->l.abbr) == 0);
}

static bool
same_lineage(const struct tzf_rel_answer *a, const struct tzf_rel_answer *b)
{
	return strcmp(a->origin, b->origin) == 0 &&
	    strcmp(a->switches, b->switches) == 0;
}

/* The end of the run of equal answers of one lineage starting at I. */
static size_t
run_end(const struct tzf_rel_answer *a, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && same_lineage(&a[i], &a[j]) && same_answer(&a[i], &a[j]))
		j++;
	return j;
}

void
print_at_releases(const char *name, int64_t ut,
    const struct tzf_rel_answer *a, size_t n)
{
	char b[64];
	size_t i, j, k;

	if (json) {
		doc_begin("at");
		tzf_json_str(&js, "name", name);
		json_time("ut", ut);
		tzf_json_int(&js, "epoch", ut);
		tzf_json_array(&js, "lineages");
	} else {
		put("name: "), txt(name);
		putf("\nut: %s\n", ut_str(b, sizeof b, ut));
	}
	for (i = 0; i < n; i = j) {
		bool start = i == 0 || !same_lineage(&a[i - 1], &a[i]);

		j = run_end(a, n, i);
		if (start && json) {
			if (i > 0) {
				tzf_json_end(&js);
				tzf_json_end(&js);
			}
			tzf_json_object(&js, NULL);
			tzf_json_str(&js, "origin", a[i].origin);
			tzf_json_str(&js, "switches", a[i].switches);
			tzf_json_array(&js, "runs");
		} else if (start) {
			put("lineage: "), txt(*a[i].origin ? a[i].origin :
			    "(local trees)");
			put(", "), txt(a[i].switches), put("\n");
		}
		if (json) {
			tzf_json_object(&js, NULL);
			tzf_json_str(&js, "first", a[i].release);
			tzf_json_str(&js, "last", a[j - 1].release);
			tzf_json_array(&js, "releases");
			for (k = i; k < j; k++)
				tzf_json_str(&js, NULL, a[k].release);
			tzf_json_end(&js);
			tzf_json_bool(&js, "present", a[i].present);
			if (a[i].present)
				json_local(&a[i].l);
			else {
				tzf_json_null(&js, "utoff");
				tzf_json_null(&js, "offset");
				tzf_json_null(&js, "abbr");
				tzf_json_null(&js, "isdst");
			}
			tzf_json_end(&js);
			continue;
		}
		put("  "), txt(a[i].release);
		if (j - 1 > i)
			put("\xe2\x80\x93"), txt(a[j - 1].release);
		if (!a[i].present) {
			put(": absent\n");
			continue;
		}
		putf(": %s ", off_str(b, sizeof b, a[i].l.utoff));
		txt(a[i].l.abbr);
		putf(" isdst=%d\n", a[i].l.isdst);
	}
	if (json) {
		if (n > 0) {
			tzf_json_end(&js);
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
	}
}

void
print_local(const struct tzf_zinfo *z, int64_t local, const char *policy,
    const struct tzf_resolved *r, bool chosen, int64_t ut,
    const struct tzf_local *l)
{
	static const char *const kinds[] = { "unique", "gap", "overlap" };
	char b[64], c[64];
	int i;

	if (json) {
		doc_begin("local");
		tzf_json_str(&js, "release", z->release);
		json_name("name", z);
		tzf_json_str(&js, "localtime", local_str(b, sizeof b, local,
		    0));
		tzf_json_str(&js, "policy", policy);
		tzf_json_str(&js, "result", kinds[r->kind]);
		if (r->kind == TZF_LKIND_GAP) {
			tzf_json_object(&js, "gap");
			tzf_json_str(&js, "from", local_str(b, sizeof b,
			    r->gap_start, 0));
			tzf_json_str(&js, "to", local_str(b, sizeof b,
			    r->gap_end, 0));
			json_state("before", &r->before, r->trans - 1);
			json_state("after", &r->after, r->trans);
			tzf_json_end(&js);
		} else
			tzf_json_null(&js, "gap");
		tzf_json_array(&js, "candidates");
		for (i = 0; r->kind != TZF_LKIND_GAP && i < r->n; i++)
			json_state(NULL, &r->st[i], r->ut[i]);
		tzf_json_end(&js);
		if (chosen)
			json_state("chosen", l, ut);
		else
			tzf_json_null(&js, "chosen");
		doc_end();
		return;
	}
	text_name(z);
	putf("localtime: %s\npolicy: %s\nresult: %s\n", local_str(b,
	    sizeof b, local, 0), policy, kinds[r->kind]);
	if (r->kind == TZF_LKIND_OVERLAP) {
		text_state("earlier", &r->st[0], r->ut[0]);
		text_state("later", &r->st[r->n - 1], r->ut[r->n - 1]);
	} else if (r->kind == TZF_LKIND_GAP) {
		putf("gap: %s to ", local_str(b, sizeof b, r->gap_start, 0));
		putf("%s skipped ", local_str(b, sizeof b, r->gap_end, 0));
		putf("at %s ", ut_str(b, sizeof b, r->trans));
		putf("(%s ", off_str(c, sizeof c, r->before.utoff));
		txt(r->before.abbr);
		putf(" -> %s ", off_str(c, sizeof c, r->after.utoff));
		txt(r->after.abbr);
		put(")\n");
	}
	if (chosen)
		text_state("ut", l, ut);
}

void
print_transitions(const struct tzf_zinfo *z, int64_t from, int64_t until,
    const struct tzf_change *c, size_t n)
{
	char b[64], d[64], e[64];
	size_t i;

	if (json) {
		doc_begin("transitions");
		tzf_json_str(&js, "release", z->release);
		json_name("name", z);
		json_time("from", from);
		json_time("until", until);
		tzf_json_array(&js, "transitions");
		for (i = 0; i < n; i++) {
			tzf_json_object(&js, NULL);
			json_time("ut", c[i].at);
			tzf_json_int(&js, "epoch", c[i].at);
			tzf_json_object(&js, "before");
			json_local(&c[i].before);
			tzf_json_end(&js);
			json_state("after", &c[i].after, c[i].at);
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
		return;
	}
	text_name(z);
	put("# ut local offset abbr isdst\n");
	for (i = 0; i < n; i++) {
		putf("%s %s %s ", ut_str(b, sizeof b, c[i].at),
		    local_str(d, sizeof d, c[i].at, c[i].after.utoff),
		    off_str(e, sizeof e, c[i].after.utoff));
		txt(c[i].after.abbr);
		putf(" %d\n", c[i].after.isdst);
	}
}

void
print_zones(const char *release, struct tzf_zinfo *const *z, size_t n)
{
	size_t i;

	if (json) {
		doc_begin("zones");
		tzf_json_str(&js, "release", release);
		tzf_json_array(&js, "names");
		for (i = 0; i < n; i++)
			json_name(NULL, z[i]);
		tzf_json_end(&js);
		doc_end();
		return;
	}
	put("# release: "), txt(release), put("\n");
	for (i = 0; i < n; i++) {
		txt(z[i]->name);
		if (z[i]->islink)
			put("\tlink\t"), txt(z[i]->target), put("\n");
		else
			put("\tzone\n");
	}
}

void
print_tab(const char *release, const char *country,
    const struct tzf_tab_row *r, size_t n)
{
	size_t i;

	if (json) {
		doc_begin("zones");
		tzf_json_str(&js, "release", release);
		tzf_json_str(&js, "country", country);
		tzf_json_array(&js, "rows");
		for (i = 0; i < n; i++) {
			tzf_json_object(&js, NULL);
			tzf_json_str(&js, "tab", r[i].tab);
			tzf_json_str(&js, "country", r[i].country);
			tzf_json_str(&js, "country_name", r[i].country_name);
			tzf_json_str(&js, "coordinates", r[i].coordinates);
			tzf_json_str(&js, "zone", r[i].zone);
			tzf_json_str(&js, "comment", r[i].comment);
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
		return;
	}
	put("# release: "), txt(release), put("\n");
	if (n > 0) {
		txt(r[0].country), put(" ");
		tzf_buf_put_text(&buf, r[0].country_name ? r[0].country_name :
		    ""), put("\n");
	}
	for (i = 0; i < n; i++) {
		txt(r[i].tab), put("\t"), txt(r[i].zone), put("\t");
		txt(r[i].coordinates);
		if (*r[i].comment)
			put("\t"), txt(r[i].comment);
		put("\n");
	}
}

/* The names of TZF_HIST_* bits, in the order they are printed. */
static const struct {
	unsigned bit;
	const char *name;
} change_names[] = {
	{ TZF_HIST_FIRST, "first" }, { TZF_HIST_ADDED, "added" },
	{ TZF_HIST_REMOVED, "removed" }, { TZF_HIST_KIND, "kind" },
	{ TZF_HIST_TARGET, "target" }, { TZF_HIST_DATA, "data" },
};
#define NCHANGES (sizeof change_names / sizeof change_names[0])

static void
text_changes(unsigned c)
{
	size_t i;
	bool any = false;

	for (i = 0; i < NCHANGES; i++)
		if (c & change_names[i].bit) {
			putf("%s%s", any ? "," : "", change_names[i].name);
			any = true;
		}
	if (!any)
		put("-");
}

static void
text_diff(const struct tzf_zdiff *d)
{
	char b[64], c[64];

	if (!d->differ)
		return;
	putf(": differs from %s", d->first == INT64_MIN ? "the start" :
	    ut_str(b, sizeof b, d->first));
	putf(" to %s in %zu interval%s, by up to %s", ut_str(c, sizeof c,
	    d->last), d->nintervals, d->nintervals == 1 ? "" : "s",
	    off_str(b, sizeof b, d->maxdelta));
	if (d->maxdelta != 0 && d->at_max != INT64_MIN)
		putf(" (from %s)", ut_str(c, sizeof c, d->at_max));
}

static void
json_diff(const struct tzf_zdiff *d)
{
	char b[64];

	if (!d->differ) {
		tzf_json_null(&js, "differs");
		return;
	}
	tzf_json_object(&js, "differs");
	json_time("from", d->first);
	json_time("until", d->last);
	tzf_json_int(&js, "intervals", (int64_t)d->nintervals);
	tzf_json_int(&js, "max_delta", d->maxdelta);
	tzf_json_str(&js, "max_delta_offset", off_str(b, sizeof b,
	    d->maxdelta));
	json_time("max_delta_from", d->at_max);
	tzf_json_end(&js);
}

static bool
new_lineage(const struct tzf_hist_row *r, size_t i)
{
	return i == 0 || strcmp(r[i - 1].origin, r[i].origin) != 0 ||
	    strcmp(r[i - 1].switches, r[i].switches) != 0;
}

static void
json_history_row(const struct tzf_hist_row *h)
{
	size_t k;

	tzf_json_object(&js, NULL);
	tzf_json_str(&js, "release", h->release);
	tzf_json_bool(&js, "present", h->present);
	tzf_json_str(&js, "kind", !h->present ? NULL : h->islink ? "link" :
	    "zone");
	tzf_json_str(&js, "target", h->target);
	tzf_json_str(&js, "zone", h->zone);
	tzf_json_str(&js, "sha256", h->present && *h->sha256 ? h->sha256 :
	    NULL);
	tzf_json_array(&js, "changed");
	for (k = 0; k < NCHANGES; k++)
		if (h->changed & change_names[k].bit)
			tzf_json_str(&js, NULL, change_names[k].name);
	tzf_json_end(&js);
	json_diff(&h->diff);
	tzf_json_end(&js);
}

void
print_history(const char *name, const struct tzf_hist_row *r, size_t n,
    bool all)
{
	size_t i;
	bool open = false;

	if (json) {
		doc_begin("history");
		tzf_json_str(&js, "name", name);
		tzf_json_array(&js, "lineages");
	} else {
		put("# "), txt(name);
		put(": release, kind, target, data (SHA-256), what changed\n");
	}
	for (i = 0; i < n; i++) {
		const struct tzf_hist_row *h = &r[i];

		if (new_lineage(r, i) && json) {
			if (open) {
				tzf_json_end(&js);
				tzf_json_end(&js);
			}
			tzf_json_object(&js, NULL);
			tzf_json_str(&js, "origin", h->origin);
			tzf_json_str(&js, "switches", h->switches);
			tzf_json_array(&js, "releases");
			open = true;
		} else if (new_lineage(r, i)) {
			put("lineage "), txt(*h->origin ? h->origin :
			    "(local trees)");
			put(", "), txt(h->switches), put("\n");
		}
		if (!all && h->changed == 0)
			continue;
		if (json) {
			json_history_row(h);
			continue;
		}
		put("  "), txt(h->release);
		putf("%*s", (int)(strlen(h->release) < 10 ? 10 -
		    strlen(h->release) : 0), "");
		putf(" %-5s ", !h->present ? "-" : h->islink ? "link" : "zone");
		txt(h->target ? h->target : "-");
		if (h->target == NULL || strlen(h->target) < 22)
			putf("%*s", (int)(22 - (h->target ? strlen(h->target) :
			    1)), "");
		putf(" %.12s ", h->present && *h->sha256 ? h->sha256 : "-");
		text_changes(h->changed);
		text_diff(&h->diff);
		put("\n");
	}
	if (json) {
		if (open) {
			tzf_json_end(&js);
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
	}
}

void
print_releases(const struct tzf_release *r, size_t n)
{
	size_t i;

	if (json) {
		const char *dflt = NULL;

		for (i = 0; i < n; i++)
			if (r[i].isdefault)
				dflt = r[i].label;
		doc_begin("releases");
		tzf_json_str(&js, "default", dflt);
		tzf_json_array(&js, "releases");
		for (i = 0; i < n; i++) {
			tzf_json_object(&js, NULL);
			tzf_json_str(&js, "label", r[i].label);
			tzf_json_str(&js, "version", r[i].version);
			tzf_json_str(&js, "spec", r[i].spec);
			tzf_json_str(&js, "origin", r[i].origin);
			tzf_json_str(&js, "kind", r[i].kind);
			tzf_json_str(&js, "commit", r[i].commit);
			tzf_json_str(&js, "switches", r[i].switches);
			tzf_json_int(&js, "seq", r[i].seq);
			tzf_json_int(&js, "names", r[i].nnames);
			tzf_json_bool(&js, "default", r[i].isdefault);
			tzf_json_end(&js);
		}
		tzf_json_end(&js);
		doc_end();
		return;
	}
	for (i = 0; i < n; i++) {
		txt(r[i].label), put("\t"), txt(r[i].spec);
		putf("\t%ld names\t", r[i].nnames);
		txt(r[i].switches), put("\t"), txt(r[i].commit);
		put(r[i].isdefault ? "\tdefault\n" : "\n");
	}
}

void
print_check(const char *db, bool ok)
{
	if (json) {
		doc_begin("check");
		tzf_json_str(&js, "db", db);
		tzf_json_bool(&js, "ok", ok);
		doc_end();
		return;
	}
	txt(db);
	put(ok ? ": ok\n" : ": damaged\n");
}

/* ------------------------------------------------------------------ */
/* tzdb blame */

static void
text_answer(const char *key, const struct tzf_answer *a)
{
	char b[64];

	put(key), put(": ");
	if (!a->present) {
		put("no such name\n");
		return;
	}
	putf("%s ", off_str(b, sizeof b, a->l.utoff));
	txt(a->l.abbr);
	putf(" isdst=%d, %s", a->l.isdst, a->islink ? "link to " : "zone");
	if (a->islink)
		txt(a->zone);
	put("\n");
	if (a->file != NULL) {
		put("  line: "), txt(a->file), putf(":%ld: ", a->line);
		txt_trimmed(a->text != NULL ? a->text : "");
		put("\n");
	}
}

static void
json_answer(const char *key, const struct tzf_answer *a, bool present)
{
	if (!present) {
		tzf_json_null(&js, key);
		return;
	}
	/* One shape: every member, null where there is no answer. */
	tzf_json_object(&js, key);
	tzf_json_bool(&js, "present", a->present);
	if (a->present)
		json_local(&a->l);
	else {
		tzf_json_null(&js, "utoff");
		tzf_json_null(&js, "offset");
		tzf_json_null(&js, "abbr");
		tzf_json_null(&js, "isdst");
	}
	if (a->present)
		tzf_json_bool(&js, "link", a->islink);
	else
		tzf_json_null(&js, "link");
	tzf_json_str(&js, "zone", a->zone);
	tzf_json_str(&js, "file", a->file);
	if (a->file != NULL)
		tzf_json_int(&js, "line", a->line);
	else
		tzf_json_null(&js, "line");
	tzf_json_str(&js, "text", a->text);
	tzf_json_end(&js);
}

static void
json_blame(const char *name, int64_t ut, const char *repo, const char *ref,
    const struct tzf_blame *b)
{
	const struct tzf_commit *c = &b->commit;
	bool named = b->found || b->stopped;

	doc_begin("blame");
	tzf_json_str(&js, "name", name);
	json_time("ut", ut);
	tzf_json_str(&js, "repository", repo);
	tzf_json_str(&js, "ref", ref);
	tzf_json_bool(&js, "found", b->found);
	tzf_json_bool(&js, "stopped", b->stopped);
	if (named) {
		tzf_json_object(&js, "commit");
		tzf_json_str(&js, "id", c->id);
		json_time("date", c->time);
		tzf_json_str(&js, "author", c->author);
		tzf_json_str(&js, "subject", c->subject);
		tzf_json_end(&js);
	} else
		tzf_json_null(&js, "commit");
	json_answer("answer", &b->after, true);
	json_answer("before", &b->before, b->found);
	tzf_json_int(&js, "commits_walked", (int64_t)b->nwalked);
	tzf_json_int(&js, "states_compiled", (int64_t)b->nbuilt);
	doc_end();
}

void
print_blame(const char *name, int64_t ut, const char *repo, const char *ref,
    const struct tzf_blame *b)
{
	const struct tzf_commit *c = &b->commit;
	char t[64];

	if (json) {
		json_blame(name, ut, repo, ref, b);
		return;
	}
	put("name: "), txt(name), put("\n");
	putf("ut: %s\n", ut_str(t, sizeof t, ut));
	put("source: "), txt(repo), put("@"), txt(ref), put("\n");
	text_answer("answer", &b->after);
	if (b->found || b->stopped) {
		tzf_time_format(t, sizeof t, c->time, false);
		t[10] = '\0';
		putf("%s: %.10s %s ", b->found ? "changed by" :
		    "unchanged back to", c->id, t);
		txt(c->author), put(": "), txt(c->subject), put("\n");
	}
	if (b->found)
		text_answer("before", &b->before);
	else if (b->stopped)
		put("before: older data does not build or compile\n");
	else
		put("changed by: no commit (the same since the first one)\n");
	putf("walked: %zu commits, %zu states compiled", b->nwalked,
	    b->nbuilt);
	if (b->nguard > 0)
		putf(", %zu with an earlier ziguard.awk", b->nguard);
	put("\n");
}
