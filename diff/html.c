/*
 * html.c: tzdiff's HTML report, one self-contained page: inline CSS and
 * SVG, no script, no external resource, readable in any browser and in
 * print.  It holds the provenance and summary, a table of the changes
 * to time zone names, then per zone that differs a chart of the UT
 * offset of both sides (lib/chart.c) with the differing episodes shaded,
 * the episodes and the source lines behind them, and the changes to the
 * table files.  Everything from the trees goes through
 * tzf_buf_put_html().
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const char style[] =
    "body{font:14px/1.45 sans-serif;margin:1.5em auto;max-width:60em;"
    "padding:0 1em;color:#1a1a1a;background:#fff}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;"
    "margin-top:2em}h3{font-size:1.05em;margin:1.6em 0 .3em}\n"
    "table{border-collapse:collapse;margin:.5em 0}\n"
    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#f1f3f5}code,pre{font:12px/1.4 monospace}\n"
    "pre{margin:.2em 0 .6em;padding:.4em;background:#f8f9fa;"
    "white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".also{font-weight:normal;color:#555}\n"
    "svg.chart{display:block;max-width:100%;height:auto;"
    "font:11px sans-serif}\n"
    "svg.chart .grid{stroke:#e9ecef}svg.chart .xaxis line,"
    "svg.chart .yaxis line{stroke:#adb5bd}\n"
    "svg.chart .band{fill:#f59f00;fill-opacity:.22}\n"
    "svg.chart path{stroke-width:2}svg.chart path.s1{stroke-dasharray:6 3}\n";

static void
h(struct tzf_buf *b, const char *s)
{
	tzf_buf_put_html(b, s ? s : "");
}

/* A row of two cells: a label and a value that is already HTML. */
static void
row(struct tzf_buf *b, const char *label, const char *html)
{
	tzf_buf_printf(b, "<tr><th>%s</th><td>%s</td></tr>\n", label, html);
}

static void
side_row(struct tzf_buf *b, const char *label, const struct tzf_cmp_side *s)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	const char *cm = tzf_tree_commit(t);
	struct tzf_buf v = TZF_BUF_INIT;
	size_t i, n = tzf_cmp_side_nheader(s);

	tzf_buf_puts(&v, "<code>");
	h(&v, tzf_tree_spec(t));
	tzf_buf_printf(&v, "</code> (%s, version ",
	    tzf_tree_kind_name(tzf_tree_kind(t)));
	h(&v, tzf_tree_version(t) ? tzf_tree_version(t) : "unknown");
	if (cm != NULL)
		tzf_buf_printf(&v, ", commit <code>%.12s</code>", cm);
	tzf_buf_puts(&v, ")");
	for (i = 0; i < n; i++) {
		tzf_buf_puts(&v, i ? "; " : "<br><code>");
		h(&v, tzf_cmp_side_header(s, i));
	}
	tzf_buf_puts(&v, n ? "</code>" : "");
	row(b, label, v.ptr);
	b->oom |= v.oom;
	tzf_buf_dispose(&v);
}

static void
provenance(struct tzf_buf *b, const struct tzf_cmp *c)
{
	const struct tzf_cmp_opts *o = tzf_cmp_opts(c);
	struct tzf_switches sw;
	struct tzf_buf v = TZF_BUF_INIT;
	bool known;
	int64_t split = tzf_cmp_split(c, &known);

	tzf_buf_puts(b, "<table class=\"provenance\">\n");
	side_row(b, "old", tzf_cmp_old(c));
	side_row(b, "new", tzf_cmp_new(c));
	tzf_cmp_side_switches(&sw, tzf_cmp_old(c));
	tzf_buf_printf(&v, "dataform %s, %s, %s", sw.dataform ? sw.dataform :
	    "main", sw.backward ? "backward" : "no backward", sw.backzone ?
	    "backzone" : "no backzone");
	if (sw.packratlist != NULL) {
		tzf_buf_puts(&v, ", packratlist ");
		h(&v, sw.packratlist);
	}
	row(b, "build", v.ptr);
	v.len = 0;
	if (o->from == INT64_MIN)
		tzf_buf_puts(&v, "all of the past");
	else
		put_time(&v, o->from);
	tzf_buf_puts(&v, " to ");
	put_time(&v, o->until);
	row(b, "range", v.ptr);
	v.len = 0;
	put_time(&v, split);
	tzf_buf_puts(&v, known ? ", the date of the new release" :
	    " (the new tree names no release date)");
	row(b, "past and future split at", v.ptr);
	tzf_buf_puts(b, "</table>\n");
	b->oom |= v.oom;
	tzf_buf_dispose(&v);
}

static void
summary(struct tzf_buf *b, const struct tzf_cmp *c)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);

	tzf_buf_printf(b, "<h2 id=\"summary\">Summary</h2>\n"
	    "<table class=\"summary\">\n"
	    "<tr><th>names old / new</th><td>%zu / %zu</td></tr>\n"
	    "<tr><th>added / removed</th><td>%zu / %zu</td></tr>\n"
	    "<tr><th>zone → link / link → zone</th><td>%zu / %zu</td></tr>\n"
	    "<tr><th>links retargeted</th><td>%zu</td></tr>\n"
	    "<tr><th>names that differ (zones)</th><td>%zu (%zu)</td></tr>\n"
	    "<tr><th>… before 1970 only / reaching 1970</th><td>%zu / %zu"
	    "</td></tr>\n"
	    "<tr><th>… in the past / in the future</th><td>%zu / %zu"
	    "</td></tr>\n"
	    "<tr><th>… LMT only</th><td>%zu</td></tr>\n"
	    "<tr><th>TZ footer changes</th><td>%zu</td></tr>\n"
	    "<tr><th>table file changes</th><td>%zu</td></tr>\n"
	    "</table>\n", s->names_old, s->names_new, s->added, s->removed,
	    s->zone_to_link, s->link_to_zone, s->link_retargeted,
	    s->behaviour_changed, s->zones_changed,
	    s->changed_before_1970_only, s->changed_since_1970,
	    s->changed_past, s->changed_future, s->lmt_only,
	    s->footer_changed, s->table_changes + s->table_files_changed);
}

/* A source line as "file:line: text". */
static void
src_html(struct tzf_buf *b, const char *side, const struct tzf_cmp_src *s)
{
	tzf_buf_printf(b, "%s ", side);
	h(b, s->file);
	tzf_buf_printf(b, ":%ld: ", s->line);
	if (s->text != NULL)
		put_src_line(b, s->text, true);
	else
		tzf_buf_puts(b, "(text not available)");
	tzf_buf_puts(b, "\n");
}

static const char *
event(const struct tzf_cmp_name *e)
{
	if (e->flags & TZF_CMP_ADDED)
		return "added";
	if (e->flags & TZF_CMP_REMOVED)
		return "removed";
	if (e->flags & (TZF_CMP_ZONE_TO_LINK | TZF_CMP_LINK_TO_ZONE))
		return merge_text(e->merge);
	return "link retargeted";
}

static void
name_cell(struct tzf_buf *b, const struct tzf_name *n)
{
	tzf_buf_puts(b, "<td>");
	if (n == NULL)
		tzf_buf_puts(b, "—");
	else if (n->islink) {
		tzf_buf_puts(b, "link to <code>");
		h(b, n->target);
		tzf_buf_puts(b, "</code>");
	} else
		tzf_buf_puts(b, "zone");
	tzf_buf_puts(b, "</td>");
}

/* The changes to time zone names and link merges, as a table. */
static void
names(struct tzf_buf *b, const struct tzf_cmp *c)
{
	const unsigned kinds = TZF_CMP_ADDED | TZF_CMP_REMOVED |
	    TZF_CMP_ZONE_TO_LINK | TZF_CMP_LINK_TO_ZONE | TZF_CMP_RETARGETED;
	size_t i, n = tzf_cmp_count(c);
	bool any = false;
	int k;

	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (!(e->flags & kinds))
			continue;
		if (!any)
			tzf_buf_puts(b, "<h2 id=\"names\">Changes to time zone "
			    "names</h2>\n<table class=\"merges\">\n<tr><th>name"
			    "</th><th>old</th><th>new</th><th>event</th>"
			    "<th>lines</th></tr>\n");
		any = true;
		tzf_buf_puts(b, "<tr><td><code>");
		h(b, e->name);
		tzf_buf_puts(b, "</code></td>");
		name_cell(b, e->old);
		name_cell(b, e->new);
		tzf_buf_printf(b, "<td>%s</td><td><pre>", event(e));
		for (k = 0; k < 2; k++)
			if (e->where[k].kind != 0)
				src_html(b, k ? "new" : "old", &e->where[k]);
		if (e->bzwhere.kind != 0)
			src_html(b,
			    e->merge == TZF_CMP_MERGE_SPLIT ? "old" : "new",
			    &e->bzwhere);
		tzf_buf_puts(b, "</pre></td></tr>\n");
	}
	if (any)
		tzf_buf_puts(b, "</table>\n");
}

/* ------------------------------------------------------------------ */
/* One zone: chart and episodes */

#define YEAR INT64_C(31556952)

/*
 * The time axis for E's chart: its episodes with room around them, ten
 * years more on a side where an episode is open, within the compared
 * range.  Instants are those of real data, far from int64_t's limits.
 */
static void
window(int64_t *from, int64_t *until, const struct tzf_cmp *c,
    const struct tzf_cmp_name *e)
{
	const struct tzf_cmp_opts *o = tzf_cmp_opts(c);
	int64_t lo = INT64_MAX, hi = INT64_MIN, pad;
	bool open_lo = false, open_hi = false;
	size_t k;

	for (k = 0; k < e->nepisodes; k++) {
		const struct tzf_cmp_episode *ep = &e->episodes[k];
		int64_t a = ep->start, z = ep->end;

		open_lo |= a == INT64_MIN;
		open_hi |= z == INT64_MAX;
		if (a != INT64_MIN && a < lo)
			lo = a;
		if (a != INT64_MIN && a > hi)
			hi = a;
		if (z != INT64_MAX && z < lo)
			lo = z;
		if (z != INT64_MAX && z > hi)
			hi = z;
	}
	if (lo > hi) {		/* nothing finite: a footer change */
		lo = hi = o->until < TZF_CMP_UNTIL_DEFAULT ? o->until - YEAR :
		    0;
		open_hi = true;
	}
	pad = (hi - lo) / 10 > 86400 ? (hi - lo) / 10 : 86400;
	*from = lo - (open_lo ? (pad > 10 * YEAR ? pad : 10 * YEAR) : pad);
	*until = hi + (open_hi ? (pad > 10 * YEAR ? pad : 10 * YEAR) : pad);
	if (o->from != INT64_MIN && *from < o->from)
		*from = o->from;
	if (*until > o->until)
		*until = o->until;
	if (*from >= *until)
		*from = *until - 86400;
}

/* The steps of one side from the rows of E, into *OUT. */
static size_t
side_steps(struct tzf_chart_step *out, const struct tzf_cmp_row *rows,
    size_t n, bool new)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		bool has = new ? rows[i].has_new : rows[i].has_old;
		int32_t off = new ? rows[i].new.utoff : rows[i].old.utoff;

		if (!has || (k > 0 && out[k - 1].utoff == off))
			continue;
		out[k].start = rows[i].start;
		out[k++].utoff = off;
	}
	return k;
}

static void
chart(struct tzf_buf *b, const struct tzf_cmp *c, const struct tzf_cmp_name *e)
{
	struct tzf_chart_series series[2];
	struct tzf_chart_band *bands = NULL;
	struct tzf_chart_step *steps = NULL;
	struct tzf_cmp_row *rows;
	struct tzf_buf lo = TZF_BUF_INIT, ln = TZF_BUF_INIT;
	struct tzf_chart ch;
	size_t n, k;

	memset(&ch, 0, sizeof ch);
	if (tzf_cmp_rows(&rows, &n, c, e->name) != TZF_OK)
		return;
	steps = n ? malloc(2 * n * sizeof *steps) : NULL;
	bands = e->nepisodes ? malloc(e->nepisodes * sizeof *bands) : NULL;
	if ((n && steps == NULL) || (e->nepisodes && bands == NULL)) {
		b->oom = true;
		goto out;
	}
	tzf_buf_puts(&lo, "old ");
	tzf_buf_puts(&lo, cmp_label(c, 0));
	tzf_buf_puts(&ln, "new ");
	tzf_buf_puts(&ln, cmp_label(c, 1));
	series[0].label = lo.ptr;
	series[0].steps = steps;
	series[0].n = side_steps(steps, rows, n, false);
	series[1].label = ln.ptr;
	series[1].steps = steps + n;
	series[1].n = side_steps(steps + n, rows, n, true);
	for (k = 0; k < e->nepisodes; k++) {
		bands[k].start = e->episodes[k].start;
		bands[k].end = e->episodes[k].end;
	}
	window(&ch.from, &ch.until, c, e);
	ch.title = e->name;
	ch.series = series;
	ch.nseries = 2;
	ch.bands = bands;
	ch.nbands = e->nepisodes;
	if (tzf_chart_svg(b, &ch) == TZF_ENOMEM)
		b->oom = true;
out:
	b->oom |= lo.oom || ln.oom;
	tzf_buf_dispose(&lo);
	tzf_buf_dispose(&ln);
	free(steps);
	free(bands);
	tzf_free(rows);
}

static void
episode(struct tzf_buf *b, const struct tzf_cmp_episode *ep)
{
	struct tzf_buf t = TZF_BUF_INIT;
	size_t i;
	int k;

	tzf_buf_puts(b, "<li><b>");
	episode_words(&t, ep);
	h(b, t.ptr);
	tzf_buf_puts(b, "</b><br>");
	t.len = 0;
	value_at(&t, ep->start == INT64_MIN ? "before: old " : "start: old ",
	    &ep->old, ep->start);
	value_at(&t, ", new ", &ep->new, ep->start);
	if (ep->has_after) {
		tzf_buf_puts(&t, "; end: ");
		put_local(&t, &ep->after);
		tzf_buf_puts(&t, " on both sides");
	}
	h(b, t.ptr);
	tzf_buf_puts(b, "<pre>");
	for (k = 0; k < 2; k++)
		for (i = 0; i < ep->nsrc[k]; i++)
			src_html(b, k ? "new" : "old", &ep->src[k][i]);
	tzf_buf_puts(b, "</pre></li>\n");
	b->oom |= t.oom;
	tzf_buf_dispose(&t);
}

/* The names listed under group head E. */
static void
also(struct tzf_buf *b, const struct tzf_cmp *c, const struct tzf_cmp_name *e)
{
	size_t i, k = 0;

	for (i = 0; i < tzf_cmp_count(c); i++) {
		const struct tzf_cmp_name *m = tzf_cmp_name(c, i);

		if (m == e || m->group != e->name)
			continue;
		tzf_buf_puts(b, k++ ? ", " : " <span class=\"also\">also ");
		h(b, m->name);
	}
	if (k > 0)
		tzf_buf_puts(b, "</span>");
}

static void
zone(struct tzf_buf *b, const struct tzf_cmp *c, const struct tzf_cmp_name *e)
{
	size_t k;

	tzf_buf_puts(b, "<section class=\"zone\" id=\"zone-");
	h(b, e->name);
	tzf_buf_puts(b, "\">\n<h3><code>");
	h(b, e->name);
	tzf_buf_puts(b, "</code>");
	also(b, c, e);
	tzf_buf_puts(b, "</h3>\n");
	chart(b, c, e);
	if (e->flags & TZF_CMP_FOOTER) {
		tzf_buf_puts(b, "<p>TZ footer <code>");
		h(b, e->footer_old);
		tzf_buf_puts(b, "</code> → <code>");
		h(b, e->footer_new);
		tzf_buf_puts(b, "</code></p>\n");
	}
	tzf_buf_puts(b, "<ol class=\"episodes\">\n");
	for (k = 0; k < e->nepisodes; k++)
		episode(b, &e->episodes[k]);
	tzf_buf_puts(b, "</ol>\n</section>\n");
}

static void
zones(struct tzf_buf *b, const struct tzf_cmp *c, const char *only)
{
	size_t i, n = tzf_cmp_count(c);

	if (tzf_cmp_summary(c)->behaviour_changed == 0)
		return;
	tzf_buf_puts(b, "<h2 id=\"zones\">Zones that behave differently</h2>\n"
	    "<p>Each chart shows the UT offset of both sides over time; the "
	    "shaded spans are where they differ.</p>\n");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (!(e->flags & TZF_CMP_BEHAVIOUR) || e->group != e->name)
			continue;
		if (only == NULL || strcmp(only, e->name) == 0)
			zone(b, c, e);
	}
}

static void
tables(struct tzf_buf *b, const struct tzf_cmp *c)
{
	size_t i;

	if (tzf_cmp_ntabs(c) + tzf_cmp_ntabfiles(c) == 0)
		return;
	tzf_buf_puts(b, "<h2 id=\"tables\">Changes to data (table files)</h2>\n"
	    "<table class=\"tables\">\n<tr><th>file</th><th>key</th>"
	    "<th>change</th><th>old</th><th>new</th></tr>\n");
	for (i = 0; i < tzf_cmp_ntabfiles(c); i++) {
		const struct tzf_cmp_tabfile *f = tzf_cmp_tabfile(c, i);

		tzf_buf_printf(b, "<tr><td>%s</td><td></td><td>only on the %s "
		    "side (%zu entries)</td><td></td><td></td></tr>\n", f->file,
		    f->side ? "new" : "old", f->entries);
	}
	for (i = 0; i < tzf_cmp_ntabs(c); i++) {
		const struct tzf_cmp_tab *t = tzf_cmp_tab(c, i);

		tzf_buf_printf(b, "<tr><td>%s</td><td><code>", t->file);
		h(b, t->key);
		tzf_buf_printf(b, "</code></td><td>%s</td><td><code>",
		    t->old == NULL ? "added" : t->new == NULL ? "removed" :
		    "changed");
		h(b, t->old);
		tzf_buf_puts(b, "</code></td><td><code>");
		h(b, t->new);
		tzf_buf_puts(b, "</code></td></tr>\n");
	}
	tzf_buf_puts(b, "</table>\n");
}

void
report_html(struct tzf_buf *out, const struct tzf_cmp *c, const char *only)
{
	struct tzf_buf title = TZF_BUF_INIT;

	tzf_buf_puts(&title, "tzdiff: ");
	tzf_buf_puts(&title, cmp_label(c, 0));
	tzf_buf_puts(&title, " → ");
	tzf_buf_puts(&title, cmp_label(c, 1));
	tzf_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width\">\n<title>");
	h(out, title.ptr);
	tzf_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>", style);
	h(out, title.ptr);
	tzf_buf_puts(out, "</h1>\n");
	provenance(out, c);
	summary(out, c);
	zones(out, c, only);
	if (only == NULL) {
		names(out, c);
		tables(out, c);
	}
	if (!tzf_cmp_differ(c))
		tzf_buf_puts(out, "<p>No differences.</p>\n");
	tzf_buf_puts(out, "</body>\n</html>\n");
	out->oom |= title.oom;
	tzf_buf_dispose(&title);
}
