/*
 * report.c: tzdiff's text, markdown and NEWS-shaped reports of a
 * comparison made by lib/compare.c, and the helpers the other writers
 * (report_json.c, html.c) share.
 *
 * Text and markdown have the same sections: provenance, a summary, then
 * the changes as tzdb's NEWS groups them (time zone names, future
 * timestamps, past timestamps, past time zone abbreviations), each name
 * that differs listed once with its aliases under it, each difference
 * as an episode with the values on both sides in UT and local time and
 * the source lines behind it.  The NEWS format says the same in tz's
 * own layout.  Past and future are split at the new release's date.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

/* Rule lines shown per side and episode in text and markdown (JSON has
 * them all). */
#define MAX_RULE_LINES 4

/* ------------------------------------------------------------------ */
/* Formatting helpers */

void
put_time(struct tzf_buf *b, int64_t t)
{
	char buf[40];

	if (t == INT64_MIN || t == INT64_MAX) {
		tzf_buf_puts(b, "-");
		return;
	}
	tzf_time_format(buf, sizeof buf, t, true);
	tzf_buf_puts(b, buf);
}

void
put_local_time(struct tzf_buf *b, int64_t t, int32_t utoff)
{
	char buf[40];

	tzf_time_format(buf, sizeof buf, t + utoff, false);
	tzf_buf_puts(b, buf);
}

void
put_offset(struct tzf_buf *b, int32_t off)
{
	char buf[16];
	size_t n;

	tzf_offset_format(buf, sizeof buf, off);
	/* "+01:00" is written "+01", as zdump and NEWS do. */
	n = strlen(buf);
	if (n == 6 && strcmp(buf + 3, ":00") == 0)
		buf[3] = '\0';
	tzf_buf_puts(b, buf);
}

void
put_delta(struct tzf_buf *b, int32_t d)
{
	tzf_buf_printf(b, "%ld:%02ld", (long)d / 3600, (long)d / 60 % 60);
	if (d % 60)
		tzf_buf_printf(b, ":%02ld", (long)d % 60);
}

/* Is ABBR the numeric form of OFF ("-03", "+0530", "+063624"), which
 * zdump -i leaves out too? */
static bool
abbr_is_offset(const char *abbr, int32_t off)
{
	long a = off < 0 ? -(long)off : off;
	char buf[16];

	snprintf(buf, sizeof buf, "%c%02ld", off < 0 ? '-' : '+', a / 3600);
	if (a % 3600 != 0)
		snprintf(buf + 3, sizeof buf - 3, "%02ld", a / 60 % 60);
	if (a % 60 != 0)
		snprintf(buf + 5, sizeof buf - 5, "%02ld", a % 60);
	return strcmp(abbr, buf) == 0;
}

void
put_local(struct tzf_buf *b, const struct tzf_local *l)
{
	put_offset(b, l->utoff);
	if (!abbr_is_offset(l->abbr, l->utoff)) {
		tzf_buf_puts(b, " ");
		tzf_buf_put_text(b, l->abbr);
	}
	if (l->isdst)
		tzf_buf_puts(b, " dst");
}

void
put_src_text(struct tzf_buf *b, const char *text)
{
	put_src_line(b, text, false);
}

void
put_src_line(struct tzf_buf *b, const char *text, bool html)
{
	const char *p = text + strspn(text, " \t");
	struct tzf_buf word = TZF_BUF_INIT;

	while (*p != '\0') {
		size_t n = strcspn(p, " \t");

		word.len = 0;
		tzf_buf_add(&word, p, n);
		if (html)
			tzf_buf_put_html(b, word.ptr);
		else
			tzf_buf_put_text(b, word.ptr);
		p += n;
		p += strspn(p, " \t");
		if (*p != '\0')
			tzf_buf_puts(b, " ");
	}
	if (word.oom)
		b->oom = true;
	tzf_buf_dispose(&word);
}

const char *
merge_name(enum tzf_cmp_merge m)
{
	switch (m) {
	case TZF_CMP_MERGE_BACKZONE:
		return "backzone";
	case TZF_CMP_MERGE_RENAME:
		return "rename";
	case TZF_CMP_MERGE_DISCARDED:
		return "discarded";
	case TZF_CMP_MERGE_SPLIT:
		return "split";
	default:
		return "none";
	}
}

const char *
merge_text(enum tzf_cmp_merge m)
{
	switch (m) {
	case TZF_CMP_MERGE_BACKZONE:
		return "history moved to backzone";
	case TZF_CMP_MERGE_RENAME:
		return "rename";
	case TZF_CMP_MERGE_DISCARDED:
		return "history discarded";
	case TZF_CMP_MERGE_SPLIT:
		return "link split back into a zone";
	default:
		return "";
	}
}

const char *
class_name(enum tzf_cmp_class c)
{
	switch (c) {
	case TZF_CMP_OFFSET:
		return "offset";
	case TZF_CMP_ABBR:
		return "abbreviation";
	case TZF_CMP_ISDST:
		return "isdst";
	default:
		return "same";
	}
}

const char *
class_text(enum tzf_cmp_class c)
{
	switch (c) {
	case TZF_CMP_OFFSET:
		return "offset";
	case TZF_CMP_ABBR:
		return "abbreviation only";
	case TZF_CMP_ISDST:
		return "isdst only";
	default:
		return "footer only";
	}
}

bool
episode_abbr_only(const struct tzf_cmp_episode *ep)
{
	return !ep->future && ep->cls != TZF_CMP_OFFSET;
}

const char *
side_label(const struct tzf_cmp_side *s)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	const char *v = tzf_tree_version(t);

	return v != NULL ? v : tzf_tree_spec(t);
}

const char *
cmp_label(const struct tzf_cmp *c, int side)
{
	const struct tzf_cmp_side *o = tzf_cmp_old(c), *n = tzf_cmp_new(c);
	const char *a = side_label(o), *b = side_label(n);

	if (strcmp(a, b) == 0)
		return tzf_tree_spec(tzf_cmp_side_tree(side ? n : o));
	return side ? b : a;
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ------------------------------------------------------------------ */
/* The writer's state: text or markdown */

struct w {
	struct tzf_buf *b;
	bool md;
	const struct tzf_cmp *c;
};

/* A name: as it is in text, in a code span in markdown (a backquote in
 * it written \x60 so that the span holds). */
static void
name_q(struct w *w, const char *name)
{
	const char *p = name;

	if (!w->md) {
		tzf_buf_put_text(w->b, name);
		return;
	}
	tzf_buf_puts(w->b, "`");
	while (*p != '\0') {
		size_t n = strcspn(p, "`");
		struct tzf_buf seg = TZF_BUF_INIT;

		tzf_buf_add(&seg, p, n);
		tzf_buf_put_text(w->b, seg.ptr);
		tzf_buf_dispose(&seg);
		p += n;
		if (*p == '`') {
			tzf_buf_puts(w->b, "\\x60");
			p++;
		}
	}
	tzf_buf_puts(w->b, "`");
}

/* "  " or "- " at nesting LEVEL (0 the top). */
static void
bullet(struct w *w, int level)
{
	int i;

	for (i = 0; i < level; i++)
		tzf_buf_puts(w->b, "  ");
	tzf_buf_puts(w->b, w->md ? "- " : "  ");
}

static void
heading(struct w *w, const char *title)
{
	tzf_buf_printf(w->b, "\n%s%s\n%s", w->md ? "## " : "", title,
	    w->md ? "\n" : "");
}

/* One source line: "old europe:1569: Zone ...". */
static void
src_line(struct w *w, int level, const char *side,
    const struct tzf_cmp_src *s)
{
	bullet(w, level);
	if (w->md)
		tzf_buf_puts(w->b, "`");
	tzf_buf_printf(w->b, "%s ", side);
	tzf_buf_put_text(w->b, s->file);
	tzf_buf_printf(w->b, ":%ld: ", s->line);
	if (s->text != NULL)
		put_src_text(w->b, s->text);
	else
		tzf_buf_puts(w->b, "(text not available)");
	tzf_buf_puts(w->b, w->md ? "`\n" : "\n");
}

/* The source lines of one side of an episode, Rule lines capped. */
static void
src_lines(struct w *w, int level, int side, const struct tzf_cmp_src *v,
    size_t n)
{
	const char *label = side ? "new" : "old";
	size_t i, nrules = 0;

	for (i = 0; i < n; i++) {
		if (v[i].kind == 'R' && ++nrules > MAX_RULE_LINES)
			continue;
		src_line(w, level, label, &v[i]);
	}
	if (nrules > MAX_RULE_LINES) {
		bullet(w, level);
		tzf_buf_printf(w->b, "%s: %zu more Rule lines\n", label,
		    nrules - MAX_RULE_LINES);
	}
}

/* ------------------------------------------------------------------ */
/* Provenance and summary */

static void
side_text(struct w *w, const char *label, const struct tzf_cmp_side *s)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	const char *v = tzf_tree_version(t), *cm = tzf_tree_commit(t);
	size_t i, n = tzf_cmp_side_nheader(s);

	tzf_buf_printf(w->b, w->md ? "- **%s**: " : "%s: ", label);
	name_q(w, tzf_tree_spec(t));
	tzf_buf_printf(w->b, " (%s, version ",
	    tzf_tree_kind_name(tzf_tree_kind(t)));
	tzf_buf_put_text(w->b, v ? v : "unknown");
	tzf_buf_printf(w->b, "%s%.12s)\n", cm ? ", commit " : "",
	    cm ? cm : "");
	tzf_buf_puts(w->b, w->md ? "  - tzdata.zi header: " : "  tzdata.zi: ");
	for (i = 0; i < n; i++) {
		tzf_buf_puts(w->b, i ? "; " : "");
		if (w->md)
			name_q(w, tzf_cmp_side_header(s, i));
		else
			tzf_buf_put_text(w->b, tzf_cmp_side_header(s, i));
	}
	tzf_buf_puts(w->b, n ? "\n" : "(none)\n");
}

static void
switches_text(struct tzf_buf *b, const struct tzf_cmp_side *s)
{
	struct tzf_switches sw;

	tzf_cmp_side_switches(&sw, s);
	tzf_buf_printf(b, "dataform %s, %s, %s",
	    sw.dataform ? sw.dataform : "main",
	    sw.backward ? "backward" : "no backward",
	    sw.backzone ? "backzone" : "no backzone");
	if (sw.packratlist != NULL) {
		tzf_buf_puts(b, ", packratlist ");
		tzf_buf_put_text(b, sw.packratlist);
	}
}

static void
range_text(struct tzf_buf *b, const struct tzf_cmp_opts *o)
{
	if (o->from == INT64_MIN)
		tzf_buf_puts(b, "all of the past");
	else
		put_time(b, o->from);
	tzf_buf_puts(b, " to ");
	put_time(b, o->until);
}

static void
split_text(struct tzf_buf *b, const struct tzf_cmp *c)
{
	bool known;
	int64_t t = tzf_cmp_split(c, &known);

	put_time(b, t);
	tzf_buf_puts(b, known ? ", the date of the new release (its NEWS)" :
	    " (the new tree names no release date)");
}

static void
provenance(struct w *w)
{
	const struct tzf_cmp *c = w->c;

	if (w->md)
		tzf_buf_puts(w->b, "# tzdiff report\n\n");
	side_text(w, "old", tzf_cmp_old(c));
	side_text(w, "new", tzf_cmp_new(c));
	tzf_buf_puts(w->b, w->md ? "- **build**: " : "build: ");
	switches_text(w->b, tzf_cmp_old(c));
	tzf_buf_puts(w->b, w->md ? "\n- **range**: " : "\nrange: ");
	range_text(w->b, tzf_cmp_opts(c));
	tzf_buf_puts(w->b, w->md ? "\n- **split**: " : "\nsplit: ");
	split_text(w->b, c);
	tzf_buf_puts(w->b, "\n");
}

static void
behaviour_summary(struct tzf_buf *b, const struct tzf_cmp_summary *s)
{
	if (s->behaviour_changed == 0) {
		tzf_buf_puts(b, "no name behaves differently");
		return;
	}
	tzf_buf_printf(b, "%zu %s in %zu %s differ: %zu before 1970 only, "
	    "%zu reaching 1970 or later; %zu in the past, %zu in the "
	    "future; %zu offset, %zu abbreviation only, %zu isdst only, "
	    "%zu LMT only; %zu TZ footer %s",
	    s->behaviour_changed, plural(s->behaviour_changed, "name",
	    "names"), s->zones_changed, plural(s->zones_changed, "zone",
	    "zones"), s->changed_before_1970_only, s->changed_since_1970,
	    s->changed_past, s->changed_future, s->offset_changed,
	    s->abbreviation_only, s->isdst_only, s->lmt_only,
	    s->footer_changed, plural(s->footer_changed, "change",
	    "changes"));
}

/* One row of the summary: "  LABEL: VALUE" or "| LABEL | VALUE |". */
static void
summary_row(struct w *w, const char *label, const char *value)
{
	tzf_buf_printf(w->b, w->md ? "| %s | %s |\n" : "  %s: %s\n", label,
	    value);
}

static void
summary(struct w *w)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(w->c);
	struct tzf_buf v = TZF_BUF_INIT;

	heading(w, "Summary");
	if (w->md)
		tzf_buf_puts(w->b, "| | |\n|---|---|\n");
	tzf_buf_printf(&v, "%zu old, %zu new; %zu added, %zu removed",
	    s->names_old, s->names_new, s->added, s->removed);
	summary_row(w, "names", v.ptr);
	v.len = 0;
	tzf_buf_printf(&v, "zone->link %zu, link->zone %zu, links "
	    "retargeted %zu", s->zone_to_link, s->link_to_zone,
	    s->link_retargeted);
	summary_row(w, "zones and links", v.ptr);
	v.len = 0;
	tzf_buf_printf(&v, "%zu old, %zu new; alias mismatches %zu",
	    s->link_chains_old, s->link_chains_new, s->alias_mismatch);
	summary_row(w, "link chains", v.ptr);
	v.len = 0;
	behaviour_summary(&v, s);
	summary_row(w, "behaviour", v.ptr);
	v.len = 0;
	if (s->table_changes + s->table_files_changed == 0)
		tzf_buf_puts(&v, "no change");
	else
		tzf_buf_printf(&v, "%zu entry %s, %zu %s on one side only",
		    s->table_changes, plural(s->table_changes, "change",
		    "changes"), s->table_files_changed,
		    plural(s->table_files_changed, "file", "files"));
	summary_row(w, "table files", v.ptr);
	if (v.oom)
		w->b->oom = true;
	tzf_buf_dispose(&v);
}

/* ------------------------------------------------------------------ */
/* Time zone names */

static void
name_kind(struct w *w, const struct tzf_name *n)
{
	if (n == NULL) {
		tzf_buf_puts(w->b, "absent");
		return;
	}
	if (!n->islink) {
		tzf_buf_puts(w->b, "zone");
		return;
	}
	tzf_buf_puts(w->b, "link to ");
	tzf_buf_put_text(w->b, n->target);
	tzf_buf_puts(w->b, " (zone ");
	tzf_buf_put_text(w->b, n->zone ? n->zone : "none");
	tzf_buf_puts(w->b, ")");
}

static void
detail_added(struct w *w, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(w->b, ": ");
	name_kind(w, e->new);
}

static void
detail_removed(struct w *w, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(w->b, ": was ");
	name_kind(w, e->old);
}

static void
detail_zone_to_link(struct w *w, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(w->b, " -> ");
	tzf_buf_put_text(w->b, e->new->target);
	tzf_buf_printf(w->b, ": %s%s", merge_text(e->merge),
	    e->merge != TZF_CMP_MERGE_BACKZONE && e->in_backzone ?
	    " (also in backzone)" : "");
}

static void
detail_link_to_zone(struct w *w, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(w->b, " (was -> ");
	tzf_buf_put_text(w->b, e->old->target);
	tzf_buf_printf(w->b, "): %s%s", merge_text(e->merge),
	    e->in_backzone ? "; old backzone has this zone" : "");
}

static void
detail_retargeted(struct w *w, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(w->b, ": ");
	tzf_buf_put_text(w->b, e->old->target);
	tzf_buf_puts(w->b, " -> ");
	tzf_buf_put_text(w->b, e->new->target);
}

/* A subsection of the names section: one item per name with FLAG,
 * with the lines that define it on each side. */
static void
name_list(struct w *w, const char *title, size_t count, unsigned flag,
    void (*detail)(struct w *, const struct tzf_cmp_name *))
{
	size_t i, n = tzf_cmp_count(w->c);

	int lv = w->md ? 0 : 1;

	if (count == 0)
		return;
	if (w->md && !(w->b->len >= 2 && strcmp(w->b->ptr + w->b->len - 2,
	    "\n\n") == 0))
		tzf_buf_puts(w->b, "\n");
	tzf_buf_printf(w->b, w->md ? "### %s (%zu)\n\n" : "  %s (%zu)\n",
	    title, count);
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(w->c, i);
		int k;

		if (!(e->flags & flag))
			continue;
		bullet(w, lv);
		name_q(w, e->name);
		detail(w, e);
		tzf_buf_puts(w->b, "\n");
		for (k = 0; k < 2; k++)
			if (e->where[k].kind != 0)
				src_line(w, lv + 1, k ? "new" : "old",
				    &e->where[k]);
		if (e->bzwhere.kind != 0)
			src_line(w, lv + 1, e->merge == TZF_CMP_MERGE_SPLIT ?
			    "old" : "new", &e->bzwhere);
	}
}

static void
names_section(struct w *w)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(w->c);

	if (s->added + s->removed + s->zone_to_link + s->link_to_zone +
	    s->link_retargeted == 0)
		return;
	heading(w, "Changes to time zone names");
	name_list(w, "Names added", s->added, TZF_CMP_ADDED, detail_added);
	name_list(w, "Names removed", s->removed, TZF_CMP_REMOVED,
	    detail_removed);
	name_list(w, "Zones that became links", s->zone_to_link,
	    TZF_CMP_ZONE_TO_LINK, detail_zone_to_link);
	name_list(w, "Links that became zones", s->link_to_zone,
	    TZF_CMP_LINK_TO_ZONE, detail_link_to_zone);
	name_list(w, "Links retargeted", s->link_retargeted,
	    TZF_CMP_RETARGETED, detail_retargeted);
}

/* ------------------------------------------------------------------ */
/* Episodes */

enum section { SEC_FUTURE, SEC_PAST, SEC_ABBR };

static bool
in_section(const struct tzf_cmp_episode *ep, enum section sec)
{
	switch (sec) {
	case SEC_FUTURE:
		return ep->future;
	case SEC_PAST:
		return !ep->future && !episode_abbr_only(ep);
	default:
		return episode_abbr_only(ep);
	}
}

/* Does group head E have something for section SEC? */
static bool
group_in_section(const struct tzf_cmp_name *e, enum section sec)
{
	size_t k;

	if (e->group != e->name || !(e->flags & TZF_CMP_BEHAVIOUR))
		return false;
	if (sec == SEC_FUTURE && e->nepisodes == 0)
		return true;	/* a footer change, or data on one side */
	for (k = 0; k < e->nepisodes; k++)
		if (in_section(&e->episodes[k], sec))
			return true;
	return false;
}

/* "2026-11-01 08:00 UT" (seconds only when not zero). */
static void
news_time(struct tzf_buf *b, int64_t t)
{
	char buf[40];

	tzf_time_format(buf, sizeof buf, t, false);
	buf[10] = ' ';
	if (strcmp(buf + 16, ":00") == 0)
		buf[16] = '\0';
	tzf_buf_printf(b, "%s UT", buf);
}

/*
 * When EP happens: "from X on", "until Y", "X .. Y", "at all times";
 * in NEWS "before Y" and "from X to Y", times as NEWS writes them.
 */
static void
episode_span(struct tzf_buf *b, const struct tzf_cmp_episode *ep,
    bool news)
{
	void (*put)(struct tzf_buf *, int64_t) = news ? news_time : put_time;

	if (ep->start == INT64_MIN && ep->end == INT64_MAX)
		tzf_buf_puts(b, "at all times");
	else if (ep->start == INT64_MIN) {
		tzf_buf_puts(b, news ? "before " : "until ");
		put(b, ep->end);
	} else if (ep->end == INT64_MAX) {
		tzf_buf_puts(b, "from ");
		put(b, ep->start);
		tzf_buf_puts(b, " on");
	} else {
		tzf_buf_puts(b, news ? "from " : "");
		put(b, ep->start);
		tzf_buf_puts(b, news ? " to " : " .. ");
		put(b, ep->end);
	}
}

static void
episode_figures(struct tzf_buf *b, const struct tzf_cmp_episode *ep)
{
	tzf_buf_puts(b, class_text(ep->cls));
	if (ep->lmt_only)
		tzf_buf_puts(b, ", LMT only");
	if (ep->ndiff > 1)
		tzf_buf_printf(b, ", %zu intervals", ep->ndiff);
	if (ep->maxdelta > 0) {
		tzf_buf_puts(b, ", max ");
		put_delta(b, ep->maxdelta);
		if (ep->maxdelta_nolmt != ep->maxdelta && !ep->lmt_only) {
			tzf_buf_puts(b, " (");
			put_delta(b, ep->maxdelta_nolmt);
			tzf_buf_puts(b, " without LMT)");
		}
	}
}

void
episode_words(struct tzf_buf *b, const struct tzf_cmp_episode *ep)
{
	episode_span(b, ep, false);
	tzf_buf_puts(b, ": ");
	episode_figures(b, ep);
}

void
value_at(struct tzf_buf *b, const char *side, const struct tzf_local *l,
    int64_t t)
{
	tzf_buf_printf(b, "%s", side);
	put_local(b, l);
	if (t != INT64_MIN && t != INT64_MAX) {
		tzf_buf_puts(b, " (");
		put_local_time(b, t, l->utoff);
		tzf_buf_puts(b, " local)");
	}
}

static void
episode_block(struct w *w, const struct tzf_cmp_episode *ep)
{
	int k;

	bullet(w, 1);
	episode_span(w->b, ep, false);
	tzf_buf_puts(w->b, ": ");
	episode_figures(w->b, ep);
	tzf_buf_puts(w->b, "\n");
	bullet(w, 2);
	tzf_buf_puts(w->b, ep->start == INT64_MIN ? "before: " : "start: ");
	value_at(w->b, "old ", &ep->old, ep->start);
	value_at(w->b, ", new ", &ep->new, ep->start);
	tzf_buf_puts(w->b, "\n");
	if (ep->has_after) {
		bullet(w, 2);
		value_at(w->b, "end: ", &ep->after, ep->end);
		tzf_buf_puts(w->b, " on both sides\n");
	}
	for (k = 0; k < 2; k++)
		src_lines(w, 2, k, ep->src[k], ep->nsrc[k]);
}

/* The group head E's line: its name and the names under it. */
static void
group_line(struct w *w, const struct tzf_cmp_name *e)
{
	size_t i, n = tzf_cmp_count(w->c), k = 0;

	bullet(w, 0);
	name_q(w, e->name);
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *m = tzf_cmp_name(w->c, i);

		if (m == e || m->group != e->name)
			continue;
		tzf_buf_puts(w->b, k++ ? ", " : " (also ");
		name_q(w, m->name);
	}
	tzf_buf_puts(w->b, k ? ")\n" : "\n");
}

/* What a name with no episode has: a footer change or data on one
 * side only. */
static void
no_episode(struct w *w, const struct tzf_cmp_name *e)
{
	bullet(w, 1);
	if (!(e->flags & TZF_CMP_FOOTER)) {
		tzf_buf_puts(w->b, "data on one side only (a broken link)\n");
		return;
	}
	tzf_buf_puts(w->b, "TZ footer ");
	name_q(w, e->footer_old ? e->footer_old : "");
	tzf_buf_puts(w->b, " -> ");
	name_q(w, e->footer_new ? e->footer_new : "");
	tzf_buf_puts(w->b, "\n");
}

static void
episode_section(struct w *w, enum section sec, const char *title)
{
	size_t i, n = tzf_cmp_count(w->c), ngroups = 0, nnames = 0, k;
	struct tzf_buf t = TZF_BUF_INIT;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(w->c, i);

		if (group_in_section(e, sec)) {
			ngroups++;
			nnames += e->ngroup;
		}
	}
	if (ngroups == 0)
		return;
	tzf_buf_printf(&t, "%s (%zu %s, %zu %s)", title, ngroups,
	    plural(ngroups, "zone", "zones"), nnames,
	    plural(nnames, "name", "names"));
	heading(w, t.oom ? title : t.ptr);
	tzf_buf_dispose(&t);
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(w->c, i);

		if (!group_in_section(e, sec))
			continue;
		group_line(w, e);
		if (e->nepisodes == 0)
			no_episode(w, e);
		for (k = 0; k < e->nepisodes; k++)
			if (in_section(&e->episodes[k], sec))
				episode_block(w, &e->episodes[k]);
		if (sec == SEC_FUTURE && (e->flags & TZF_CMP_FOOTER) &&
		    e->nepisodes > 0)
			no_episode(w, e);
	}
}

/* ------------------------------------------------------------------ */
/* Tables and links */

static void
tables_section(struct w *w)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(w->c);
	const char *q = w->md ? "`" : "\"";
	size_t i;

	if (s->table_changes + s->table_files_changed == 0)
		return;
	heading(w, "Changes to data (table files)");
	for (i = 0; i < tzf_cmp_ntabfiles(w->c); i++) {
		const struct tzf_cmp_tabfile *f = tzf_cmp_tabfile(w->c, i);

		bullet(w, 0);
		tzf_buf_printf(w->b, "%s: only on the %s side (%zu %s)\n",
		    f->file, f->side ? "new" : "old", f->entries,
		    plural(f->entries, "entry", "entries"));
	}
	for (i = 0; i < tzf_cmp_ntabs(w->c); i++) {
		const struct tzf_cmp_tab *t = tzf_cmp_tab(w->c, i);

		bullet(w, 0);
		tzf_buf_printf(w->b, "%s:%ld: ", t->file, t->new ? t->new_line :
		    t->old_line);
		tzf_buf_put_text(w->b, t->key);
		tzf_buf_printf(w->b, " %s: %s", t->old == NULL ? "added" :
		    t->new == NULL ? "removed" : "changed", q);
		put_src_text(w->b, t->old ? t->old : t->new);
		tzf_buf_puts(w->b, q);
		if (t->old != NULL && t->new != NULL) {
			tzf_buf_printf(w->b, " -> %s", q);
			put_src_text(w->b, t->new);
			tzf_buf_puts(w->b, q);
		}
		tzf_buf_puts(w->b, "\n");
	}
}

/* Is chain A (one side) also on the other side, hop for hop? */
static bool
chain_on_both(const struct tzf_cmp *c, const struct tzf_cmp_alias *a)
{
	size_t i, k;

	for (i = 0; i < tzf_cmp_nlinks(c); i++) {
		const struct tzf_cmp_alias *b = tzf_cmp_link(c, i);

		if (!b->chain || b->side == a->side || b->nhops != a->nhops)
			continue;
		for (k = 0; k < a->nhops; k++)
			if (strcmp(a->hops[k], b->hops[k]) != 0)
				break;
		if (k == a->nhops)
			return true;
	}
	return false;
}

static void
links_section(struct w *w)
{
	size_t i, k, n = tzf_cmp_nlinks(w->c), nchain = 0;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_alias *a = tzf_cmp_link(w->c, i);

		nchain += a->chain && !chain_on_both(w->c, a);
	}
	if (nchain > 0) {
		heading(w, "Link chains on one side only");
		for (i = 0; i < n; i++) {
			const struct tzf_cmp_alias *a = tzf_cmp_link(w->c, i);

			if (!a->chain || chain_on_both(w->c, a))
				continue;
			bullet(w, 0);
			tzf_buf_printf(w->b, "%s: ", a->side ? "new" : "old");
			for (k = 0; k < a->nhops; k++) {
				tzf_buf_puts(w->b, k ? " -> " : "");
				name_q(w, a->hops[k]);
			}
			tzf_buf_puts(w->b, "\n");
		}
	}
	if (tzf_cmp_summary(w->c)->alias_mismatch == 0)
		return;
	heading(w, "Names that should be aliases but compile differently");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_alias *a = tzf_cmp_link(w->c, i);

		if (a->chain)
			continue;
		bullet(w, 0);
		tzf_buf_printf(w->b, "%s: ", a->side ? "new" : "old");
		name_q(w, a->name);
		tzf_buf_puts(w->b, " (#= ");
		tzf_buf_put_text(w->b, a->target);
		tzf_buf_puts(w->b, ") has the data of ");
		tzf_buf_put_text(w->b, a->zone ? a->zone : "no zone");
		tzf_buf_puts(w->b, "\n");
	}
}

/* ------------------------------------------------------------------ */
/* One name (--zone) */

static void
zone_rows(struct w *w, const char *zone)
{
	struct tzf_cmp_row *rows;
	size_t n, i;

	if (tzf_cmp_rows(&rows, &n, w->c, zone) != TZF_OK) {
		tzf_buf_puts(w->b, w->md ? "\n## " : "\n");
		tzf_buf_put_text(w->b, zone);
		tzf_buf_puts(w->b, ": no data on either side\n");
		return;
	}
	tzf_buf_puts(w->b, w->md ? "\n## " : "\n");
	tzf_buf_put_text(w->b, zone);
	tzf_buf_printf(w->b, " side by side (%zu rows)\n", n);
	if (w->md)
		tzf_buf_puts(w->b, "\n| | from | until | old | new |\n"
		    "|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_row *r = &rows[i];
		const char *sep = w->md ? " | " : " ";
		size_t mark;

		tzf_buf_puts(w->b, w->md ? (r->differ ? "| * | " : "| | ") :
		    (r->differ ? "* " : "  "));
		mark = w->b->len;
		put_time(w->b, r->start);
		while (!w->md && w->b->len < mark + 21)
			tzf_buf_puts(w->b, " ");
		tzf_buf_puts(w->b, sep);
		mark = w->b->len;
		put_time(w->b, r->end);
		while (!w->md && w->b->len < mark + 21)
			tzf_buf_puts(w->b, " ");
		tzf_buf_puts(w->b, sep);
		mark = w->b->len;
		if (r->has_old)
			put_local(w->b, &r->old);
		else
			tzf_buf_puts(w->b, "(none)");
		while (!w->md && w->b->len < mark + 22)
			tzf_buf_puts(w->b, " ");
		tzf_buf_puts(w->b, sep);
		if (r->has_new)
			put_local(w->b, &r->new);
		else
			tzf_buf_puts(w->b, "(none)");
		tzf_buf_puts(w->b, w->md ? " |\n" : "\n");
	}
	tzf_free(rows);
}

static void
one_zone(struct w *w, const char *zone)
{
	const struct tzf_cmp_name *e = tzf_cmp_find(w->c, zone);
	const struct tzf_histset *ho = tzf_cmp_side_histset(tzf_cmp_old(w->c));
	const struct tzf_histset *hn = tzf_cmp_side_histset(tzf_cmp_new(w->c));
	ptrdiff_t io = tzf_histset_find(ho, zone), in = tzf_histset_find(hn,
	    zone);
	size_t k;

	tzf_buf_puts(w->b, w->md ? "\n## " : "\n");
	tzf_buf_put_text(w->b, zone);
	tzf_buf_puts(w->b, w->md ? "\n\n" : "\n");
	bullet(w, 0);
	tzf_buf_puts(w->b, "old: ");
	name_kind(w, io < 0 ? NULL : tzf_histset_name(ho, (size_t)io));
	tzf_buf_puts(w->b, "\n");
	bullet(w, 0);
	tzf_buf_puts(w->b, "new: ");
	name_kind(w, in < 0 ? NULL : tzf_histset_name(hn, (size_t)in));
	tzf_buf_puts(w->b, "\n");
	bullet(w, 0);
	if (e == NULL || !(e->flags & TZF_CMP_BEHAVIOUR)) {
		tzf_buf_puts(w->b, "behaviour: same\n");
	} else {
		tzf_buf_printf(w->b, "behaviour: %zu %s%s%s\n", e->nepisodes,
		    plural(e->nepisodes, "episode", "episodes"),
		    e->lmt_only ? ", LMT only" : "", e->since1970 ?
		    ", reaches 1970 or later" : ", before 1970 only");
		for (k = 0; k < e->nepisodes; k++)
			episode_block(w, &e->episodes[k]);
		if (e->nepisodes == 0 || (e->flags & TZF_CMP_FOOTER))
			no_episode(w, e);
	}
	zone_rows(w, zone);
}

static void
report_text(struct tzf_buf *b, const struct tzf_cmp *c, bool md,
    const char *zone)
{
	struct w w = { b, md, c };

	provenance(&w);
	if (zone != NULL) {
		one_zone(&w, zone);
		return;
	}
	summary(&w);
	names_section(&w);
	episode_section(&w, SEC_FUTURE, "Changes to future timestamps");
	episode_section(&w, SEC_PAST, "Changes to past timestamps");
	episode_section(&w, SEC_ABBR,
	    "Changes to past time zone abbreviations");
	tables_section(&w);
	links_section(&w);
	if (!tzf_cmp_differ(c))
		tzf_buf_puts(b, "\nNo differences.\n");
}

/* ------------------------------------------------------------------ */
/* NEWS */

/* Append paragraph P to B, wrapped at 72 columns, each line indented
 * by INDENT spaces. */
static void
wrap(struct tzf_buf *b, const char *p, int indent)
{
	int col = 0;

	int gap = 1;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (col > indent && col + gap + (int)n > 72) {
			tzf_buf_puts(b, "\n");
			col = 0;
		}
		if (col == 0) {
			tzf_buf_printf(b, "%*s", indent, "");
			col = indent;
		} else {
			tzf_buf_printf(b, "%*s", gap, "");
			col += gap;
		}
		tzf_buf_add(b, p, n);
		col += (int)n;
		p += n;
		/* Two spaces after a sentence, as NEWS has them. */
		gap = strncmp(p, "  ", 2) == 0 ? 2 : 1;
		while (*p == ' ')
			p++;
	}
	tzf_buf_puts(b, "\n");
}

static bool
streq_ok(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

static bool
same_local(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

/* "Europe/Oslo (also A and B)" */
static void
news_group(struct tzf_buf *b, const struct tzf_cmp *c,
    const struct tzf_cmp_name *e)
{
	size_t i, n = tzf_cmp_count(c), k = 0, left = e->ngroup - 1;

	tzf_buf_put_text(b, e->name);
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *m = tzf_cmp_name(c, i);

		if (m == e || m->group != e->name)
			continue;
		tzf_buf_puts(b, k++ == 0 ? " (also " : left == 1 ? " and " :
		    ", ");
		tzf_buf_put_text(b, m->name);
		left--;
	}
	if (k > 0)
		tzf_buf_puts(b, ")");
}

static void
news_episode(struct tzf_buf *b, const struct tzf_cmp_episode *ep)
{
	episode_span(b, ep, true);
	tzf_buf_puts(b, ", ");
	put_local(b, &ep->old);
	tzf_buf_puts(b, " becomes ");
	put_local(b, &ep->new);
	if (ep->ndiff > 1 || ep->lmt_only || ep->maxdelta != 0) {
		tzf_buf_puts(b, " (");
		episode_figures(b, ep);
		tzf_buf_puts(b, ")");
	}
}

/* Do group heads E and F change alike in section SEC (the same
 * episodes there, the same footers)? */
static bool
same_news(const struct tzf_cmp_name *e, const struct tzf_cmp_name *f,
    enum section sec)
{
	size_t i = 0, j = 0;

	if (!streq_ok(e->footer_old, f->footer_old) ||
	    !streq_ok(e->footer_new, f->footer_new) ||
	    (e->flags & TZF_CMP_FOOTER) != (f->flags & TZF_CMP_FOOTER))
		return false;
	for (;;) {
		const struct tzf_cmp_episode *a, *b;

		while (i < e->nepisodes && !in_section(&e->episodes[i], sec))
			i++;
		while (j < f->nepisodes && !in_section(&f->episodes[j], sec))
			j++;
		if (i == e->nepisodes || j == f->nepisodes)
			return i == e->nepisodes && j == f->nepisodes;
		a = &e->episodes[i++];
		b = &f->episodes[j++];
		if (a->start != b->start || a->end != b->end ||
		    a->ndiff != b->ndiff || a->maxdelta != b->maxdelta ||
		    !same_local(&a->old, &b->old) ||
		    !same_local(&a->new, &b->new))
			return false;
	}
}

/* The heads that change like E in SEC and come after it, in a list;
 * false when E itself comes after one such head. */
static bool
news_heads(struct tzf_buf *b, const struct tzf_cmp *c, size_t at,
    enum section sec)
{
	const struct tzf_cmp_name *e = tzf_cmp_name(c, at);
	size_t i, n = tzf_cmp_count(c), more = 0;

	for (i = 0; i < at; i++)
		if (group_in_section(tzf_cmp_name(c, i), sec) &&
		    same_news(tzf_cmp_name(c, i), e, sec))
			return false;
	news_group(b, c, e);
	for (i = at + 1; i < n; i++)
		more += group_in_section(tzf_cmp_name(c, i), sec) &&
		    same_news(tzf_cmp_name(c, i), e, sec);
	for (i = at + 1; i < n; i++) {
		const struct tzf_cmp_name *f = tzf_cmp_name(c, i);

		if (!group_in_section(f, sec) || !same_news(f, e, sec))
			continue;
		tzf_buf_puts(b, --more == 0 ? " and " : ", ");
		news_group(b, c, f);
	}
	return true;
}

static void
news_section(struct tzf_buf *b, const struct tzf_cmp *c, enum section sec,
    const char *title)
{
	size_t i, k, n = tzf_cmp_count(c);
	bool any = false;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);
		struct tzf_buf p = TZF_BUF_INIT;
		size_t nk = 0;

		if (!group_in_section(e, sec) || !news_heads(&p, c, i, sec)) {
			tzf_buf_dispose(&p);
			continue;
		}
		if (!any)
			tzf_buf_printf(b, "\n  %s\n", title);
		any = true;
		tzf_buf_puts(&p, ":");
		for (k = 0; k < e->nepisodes; k++) {
			if (!in_section(&e->episodes[k], sec))
				continue;
			tzf_buf_puts(&p, nk++ ? "; " : " ");
			news_episode(&p, &e->episodes[k]);
		}
		if (sec == SEC_FUTURE && (e->flags & TZF_CMP_FOOTER)) {
			tzf_buf_puts(&p, nk ? ".  The TZ string \"" :
			    " the TZ string \"");
			tzf_buf_put_text(&p, e->footer_old ? e->footer_old :
			    "");
			tzf_buf_puts(&p, "\" becomes \"");
			tzf_buf_put_text(&p, e->footer_new ? e->footer_new :
			    "");
			tzf_buf_puts(&p, "\"");
		} else if (e->nepisodes == 0)
			tzf_buf_puts(&p, " data on one side only");
		tzf_buf_puts(&p, ".");
		tzf_buf_puts(b, "\n");
		wrap(b, p.ptr, 4);
		tzf_buf_dispose(&p);
	}
}

static void
news_name(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	struct tzf_buf p = TZF_BUF_INIT;

	tzf_buf_put_text(&p, e->name);
	if (e->flags & TZF_CMP_ADDED) {
		tzf_buf_puts(&p, e->new->islink ? " is a new Link to " :
		    " is a new Zone");
		if (e->new->islink)
			tzf_buf_put_text(&p, e->new->target);
	} else if (e->flags & TZF_CMP_REMOVED)
		tzf_buf_puts(&p, " has been removed");
	else if (e->flags & TZF_CMP_ZONE_TO_LINK) {
		tzf_buf_puts(&p, " is now a Link to ");
		tzf_buf_put_text(&p, e->new->target);
		tzf_buf_printf(&p, " (%s)", merge_text(e->merge));
	} else if (e->flags & TZF_CMP_LINK_TO_ZONE) {
		tzf_buf_puts(&p, " is a Zone again, no longer a Link to ");
		tzf_buf_put_text(&p, e->old->target);
		if (e->in_backzone)
			tzf_buf_puts(&p, " (the old backzone has its data)");
	} else {
		tzf_buf_puts(&p, " now links to ");
		tzf_buf_put_text(&p, e->new->target);
		tzf_buf_puts(&p, ", not ");
		tzf_buf_put_text(&p, e->old->target);
	}
	tzf_buf_puts(&p, ".");
	wrap(b, p.ptr, 4);
	tzf_buf_dispose(&p);
}

static void
news_names(struct tzf_buf *b, const struct tzf_cmp *c)
{
	const unsigned names = TZF_CMP_ADDED | TZF_CMP_REMOVED |
	    TZF_CMP_ZONE_TO_LINK | TZF_CMP_LINK_TO_ZONE | TZF_CMP_RETARGETED;
	size_t i, n = tzf_cmp_count(c);
	bool any = false;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (!(e->flags & names))
			continue;
		if (!any)
			tzf_buf_puts(b, "\n  Changes to time zone names\n\n");
		any = true;
		news_name(b, e);
	}
}

static void
news_tables(struct tzf_buf *b, const struct tzf_cmp *c)
{
	size_t i;

	if (tzf_cmp_ntabs(c) + tzf_cmp_ntabfiles(c) == 0)
		return;
	tzf_buf_puts(b, "\n  Changes to data\n\n");
	for (i = 0; i < tzf_cmp_ntabfiles(c); i++) {
		const struct tzf_cmp_tabfile *f = tzf_cmp_tabfile(c, i);

		tzf_buf_printf(b, "    %s %s (%zu %s).\n", f->file, f->side ?
		    "is new" : "has been removed", f->entries,
		    plural(f->entries, "entry", "entries"));
	}
	for (i = 0; i < tzf_cmp_ntabs(c); i++) {
		const struct tzf_cmp_tab *t = tzf_cmp_tab(c, i);
		struct tzf_buf p = TZF_BUF_INIT;

		tzf_buf_printf(&p, "%s %s ", t->file, t->old == NULL ? "adds" :
		    t->new == NULL ? "removes" : "changes");
		tzf_buf_put_text(&p, t->key);
		tzf_buf_puts(&p, ": \"");
		put_src_text(&p, t->new ? t->new : t->old);
		tzf_buf_puts(&p, "\".");
		wrap(b, p.ptr, 4);
		tzf_buf_dispose(&p);
	}
}

static void
report_news(struct tzf_buf *b, const struct tzf_cmp *c)
{
	struct tzf_buf head = TZF_BUF_INIT;

	tzf_buf_puts(b, "Changes from ");
	tzf_buf_put_text(b, cmp_label(c, 0));
	tzf_buf_puts(b, " to ");
	tzf_buf_put_text(b, cmp_label(c, 1));
	tzf_buf_puts(b, "\n\n");
	tzf_buf_puts(&head, "Past and future are split at ");
	split_text(&head, c);
	tzf_buf_puts(&head, ".");
	wrap(b, head.ptr, 2);
	tzf_buf_dispose(&head);
	news_section(b, c, SEC_FUTURE, "Changes to future timestamps");
	news_section(b, c, SEC_PAST, "Changes to past timestamps");
	news_section(b, c, SEC_ABBR,
	    "Changes to past time zone abbreviations");
	news_names(b, c);
	news_tables(b, c);
	if (!tzf_cmp_differ(c))
		tzf_buf_puts(b, "\n  No changes.\n");
}

/* ------------------------------------------------------------------ */
/* Brief: the short audit */

/* The year of instant T, or "..." when unbounded. */
static void
put_year(struct tzf_buf *b, int64_t t)
{
	if (t == INT64_MIN || t == INT64_MAX)
		tzf_buf_puts(b, "...");
	else
		tzf_buf_printf(b, "%lld", (long long)tzf_civil_year(t));
}

/* Append one list item for name E of a brief list to P. */
static void
brief_item(struct tzf_buf *p, const struct tzf_cmp_name *e, unsigned flag)
{
	const struct tzf_cmp_episode *ep = e->episodes;

	tzf_buf_put_text(p, e->name);
	if (flag == TZF_CMP_RETARGETED || flag == TZF_CMP_ZONE_TO_LINK) {
		tzf_buf_puts(p, " (to ");
		tzf_buf_put_text(p, e->new->target);
		tzf_buf_puts(p, ")");
	} else if (flag == TZF_CMP_BEHAVIOUR && e->nepisodes > 0) {
		tzf_buf_puts(p, " (");
		if (e->ngroup > 1)
			tzf_buf_printf(p, "+%zu, ", e->ngroup - 1);
		if (ep[0].start == INT64_MIN)
			tzf_buf_puts(p, "to ");
		else
			tzf_buf_puts(p, ep[e->nepisodes - 1].end == INT64_MAX ?
			    "from " : "");
		if (ep[0].start != INT64_MIN)
			put_year(p, ep[0].start);
		if (ep[0].start != INT64_MIN &&
		    ep[e->nepisodes - 1].end != INT64_MAX)
			tzf_buf_puts(p, "-");
		if (ep[e->nepisodes - 1].end != INT64_MAX)
			put_year(p, ep[e->nepisodes - 1].end);
		tzf_buf_puts(p, e->lmt_only ? ", LMT only)" : ")");
	}
}

/* "  TITLE (N): a, b, c" wrapped, the names of C with FLAG for which
 * WANT holds (group heads only for behaviour). */
static void
brief_list(struct tzf_buf *b, const struct tzf_cmp *c, const char *title,
    unsigned flag, bool since1970)
{
	struct tzf_buf p = TZF_BUF_INIT;
	size_t i, n = tzf_cmp_count(c), k = 0;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (!(e->flags & flag))
			continue;
		if (flag == TZF_CMP_BEHAVIOUR && (e->group != e->name ||
		    e->since1970 != since1970))
			continue;
		tzf_buf_puts(&p, k++ ? ", " : "");
		brief_item(&p, e, flag);
	}
	if (k > 0) {
		tzf_buf_printf(b, "  %s (%zu):\n", title, k);
		wrap(b, p.ptr, 4);
	}
	b->oom |= p.oom;
	tzf_buf_dispose(&p);
}

static void
report_brief(struct tzf_buf *b, const struct tzf_cmp *c)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);
	struct tzf_buf p = TZF_BUF_INIT;

	tzf_buf_put_text(b, cmp_label(c, 0));
	tzf_buf_puts(b, " -> ");
	tzf_buf_put_text(b, cmp_label(c, 1));
	tzf_buf_printf(b, ": %zu and %zu names, %zu added, %zu removed\n",
	    s->names_old, s->names_new, s->added, s->removed);
	tzf_buf_printf(b, "link merges: %zu %s became %s, %zu %s became %s, "
	    "%zu %s retargeted\n", s->zone_to_link, plural(s->zone_to_link,
	    "zone", "zones"), plural(s->zone_to_link, "a link", "links"),
	    s->link_to_zone, plural(s->link_to_zone, "link", "links"),
	    plural(s->link_to_zone, "a zone", "zones"), s->link_retargeted,
	    plural(s->link_retargeted, "link", "links"));
	brief_list(b, c, "zones that became links", TZF_CMP_ZONE_TO_LINK,
	    false);
	brief_list(b, c, "links that became zones", TZF_CMP_LINK_TO_ZONE,
	    false);
	brief_list(b, c, "links retargeted", TZF_CMP_RETARGETED, false);
	p.len = 0;
	tzf_buf_puts(&p, "behaviour: ");
	behaviour_summary(&p, s);
	wrap(b, p.ptr, 0);
	b->oom |= p.oom;
	tzf_buf_dispose(&p);
	brief_list(b, c, "zones differing before 1970 only", TZF_CMP_BEHAVIOUR,
	    false);
	brief_list(b, c, "zones differing at or after 1970", TZF_CMP_BEHAVIOUR,
	    true);
	tzf_buf_printf(b, "tables: %zu entry %s, %zu %s on one side only\n",
	    s->table_changes, plural(s->table_changes, "change", "changes"),
	    s->table_files_changed, plural(s->table_files_changed, "file",
	    "files"));
}

/* ------------------------------------------------------------------ */
/* Walk summary */

void
report_summary_head(struct tzf_buf *out, enum report_format fmt)
{
	if (fmt == FMT_MARKDOWN)
		tzf_buf_puts(out, "| step | date | names +/- | zone->link | "
		    "link->zone | retargeted | before 1970 | since 1970 | "
		    "footers | tables |\n"
		    "|---|---|---|---|---|---|---|---|---|---|\n");
	else if (fmt != FMT_JSON)
		tzf_buf_printf(out, "%-22s %-10s %9s %5s %5s %5s %6s %6s %5s "
		    "%6s\n", "step", "date", "names+/-", "z->l", "l->z",
		    "retgt", "<1970", ">=1970", "footr", "tables");
}

void
report_summary_row(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *from, const char *to, enum report_format fmt)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);
	struct tzf_buf step = TZF_BUF_INIT, pm = TZF_BUF_INIT;
	char date[40] = "-";
	bool known;
	int64_t t = tzf_cmp_split(c, &known);

	if (fmt == FMT_JSON) {
		report_json_summary(out, c, from, to);
		return;
	}
	if (known) {
		tzf_time_format(date, sizeof date, t, false);
		date[10] = '\0';
	}
	tzf_buf_put_text(&step, from);
	tzf_buf_puts(&step, " -> ");
	tzf_buf_put_text(&step, to);
	tzf_buf_printf(&pm, "+%zu/-%zu", s->added, s->removed);
	tzf_buf_printf(out, fmt == FMT_MARKDOWN ? "| %s | %s | %s | %zu | "
	    "%zu | %zu | %zu | %zu | %zu | %zu |\n" :
	    "%-22s %-10s %9s %5zu %5zu %5zu %6zu %6zu %5zu %6zu\n",
	    step.ptr, date, pm.ptr, s->zone_to_link, s->link_to_zone,
	    s->link_retargeted, s->changed_before_1970_only,
	    s->changed_since_1970, s->footer_changed,
	    s->table_changes + s->table_files_changed);
	tzf_buf_dispose(&step);
	tzf_buf_dispose(&pm);
}

/* ------------------------------------------------------------------ */
/* Commits */

/* "2026-06-18" of instant T. */
static void
put_date(struct tzf_buf *b, int64_t t)
{
	char buf[40];

	tzf_time_format(buf, sizeof buf, t, false);
	buf[10] = '\0';
	tzf_buf_puts(b, buf);
}

/* What changed for name E, in one line after its name. */
static void
commit_change(struct w *w, const struct tzf_cmp_name *e)
{
	size_t k;

	if (e->flags & TZF_CMP_ADDED)
		detail_added(w, e);
	else if (e->flags & TZF_CMP_REMOVED)
		detail_removed(w, e);
	else if (e->flags & TZF_CMP_ZONE_TO_LINK)
		detail_zone_to_link(w, e);
	else if (e->flags & TZF_CMP_LINK_TO_ZONE)
		detail_link_to_zone(w, e);
	else if (e->flags & TZF_CMP_RETARGETED)
		detail_retargeted(w, e);
	else
		tzf_buf_puts(w->b, ":");
	for (k = 0; k < e->nepisodes; k++) {
		tzf_buf_puts(w->b, k ? "; " : e->flags & ~(TZF_CMP_BEHAVIOUR |
		    TZF_CMP_FOOTER) ? "; " : " ");
		news_episode(w->b, &e->episodes[k]);
	}
	if ((e->flags & TZF_CMP_FOOTER) && e->nepisodes == 0) {
		tzf_buf_puts(w->b, " TZ ");
		name_q(w, e->footer_old ? e->footer_old : "");
		tzf_buf_puts(w->b, " -> ");
		name_q(w, e->footer_new ? e->footer_new : "");
	}
	tzf_buf_puts(w->b, "\n");
}

void
report_commit(struct tzf_buf *out, const struct tzf_commit *c,
    const struct tzf_cmp *cmp, enum report_format fmt)
{
	struct w w = { out, fmt == FMT_MARKDOWN, cmp };
	size_t i, n = tzf_cmp_count(cmp);

	if (fmt == FMT_JSON) {
		report_json_commit(out, c, cmp);
		return;
	}
	tzf_buf_printf(out, w.md ? "\n## `%.10s` " : "\n%.10s ", c->id);
	put_date(out, c->time);
	tzf_buf_puts(out, " ");
	tzf_buf_put_text(out, c->author);
	tzf_buf_puts(out, ": ");
	tzf_buf_put_text(out, c->subject);
	tzf_buf_puts(out, w.md ? "\n\n" : "\n");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(cmp, i);

		/* A group's members are named under its head. */
		if (e->flags == TZF_CMP_BEHAVIOUR ||
		    e->flags == (TZF_CMP_BEHAVIOUR | TZF_CMP_FOOTER)) {
			if (e->group != e->name)
				continue;
			bullet(&w, 0);
			news_group(out, cmp, e);
		} else if (e->flags & ~(TZF_CMP_BEHAVIOUR | TZF_CMP_FOOTER)) {
			bullet(&w, 0);
			name_q(&w, e->name);
		} else
			continue;
		commit_change(&w, e);
	}
}

/* ------------------------------------------------------------------ */

int
report_write(struct tzf_buf *out, const struct tzf_cmp *c,
    enum report_format fmt, const char *zone)
{
	switch (fmt) {
	case FMT_TEXT:
	case FMT_MARKDOWN:
		report_text(out, c, fmt == FMT_MARKDOWN, zone);
		break;
	case FMT_NEWS:
		report_news(out, c);
		break;
	case FMT_BRIEF:
		report_brief(out, c);
		break;
	case FMT_JSON:
		report_json(out, c, zone, true);
		break;
	case FMT_HTML:
		report_html(out, c, zone);
		break;
	default:
		return TZF_EINVAL;
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}
