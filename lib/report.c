/*
 * report.c: write the result of tzf_compare() (lib/compare.c) as text,
 * markdown or JSON into a struct tzf_buf; diff/tzdiff prints it.
 *
 * Text is grouped and concise in the spirit of tzdb NEWS ("Changes to
 * past timestamps"); markdown has the same sections as headings and
 * tables; JSON follows the schema documented in diff/tzdiff.1.  All
 * output is deterministic (names sorted) and independent of the host's
 * time zone and locale: dates go through lib/civil.c.
 */
#include <string.h>

#include "tzforge.h"

/* ------------------------------------------------------------------ */
/* Formatting helpers */

/* An instant as 1965-09-19T01:00:00Z; "-" for an unbounded start. */
static void
put_time(struct tzf_buf *b, int64_t t)
{
	char buf[40];

	if (t == INT64_MIN) {
		tzf_buf_puts(b, "-");
		return;
	}
	tzf_time_format(buf, sizeof buf, t, true);
	tzf_buf_puts(b, buf);
}

/* A UT offset as +01, +00:53:28, -03:30. */
static void
put_offset(struct tzf_buf *b, int32_t off)
{
	long a = off < 0 ? -(long)off : off;

	tzf_buf_printf(b, "%c%02ld", off < 0 ? '-' : '+', a / 3600);
	if (a % 3600)
		tzf_buf_printf(b, ":%02ld", a / 60 % 60);
	if (a % 60)
		tzf_buf_printf(b, ":%02ld", a % 60);
}

/* A duration as 2:00, 0:08:39. */
static void
put_delta(struct tzf_buf *b, int32_t d)
{
	tzf_buf_printf(b, "%ld:%02ld", (long)d / 3600, (long)d / 60 % 60);
	if (d % 60)
		tzf_buf_printf(b, ":%02ld", (long)d % 60);
}

static void
put_local(struct tzf_buf *b, const struct tzf_local *l)
{
	put_offset(b, l->utoff);
	tzf_buf_printf(b, " %s%s", l->abbr, l->isdst ? " dst" : "");
}

static void
json_str(struct tzf_buf *b, const char *s)
{
	tzf_buf_put_json_str(b, s);
}

static void
json_time(struct tzf_buf *b, int64_t t)
{
	if (t == INT64_MIN) {
		tzf_buf_puts(b, "null");
		return;
	}
	tzf_buf_puts(b, "\"");
	put_time(b, t);
	tzf_buf_puts(b, "\"");
}

static const char *
merge_name(enum tzf_cmp_merge m)
{
	switch (m) {
	case TZF_MERGE_BACKZONE:
		return "backzone";
	case TZF_MERGE_RENAME:
		return "rename";
	case TZF_MERGE_DISCARDED:
		return "discarded";
	case TZF_MERGE_SPLIT:
		return "split";
	default:
		return "none";
	}
}

static const char *
merge_text(enum tzf_cmp_merge m)
{
	switch (m) {
	case TZF_MERGE_BACKZONE:
		return "history moved to backzone";
	case TZF_MERGE_RENAME:
		return "rename";
	case TZF_MERGE_DISCARDED:
		return "history discarded";
	case TZF_MERGE_SPLIT:
		return "link split back into a zone";
	default:
		return "";
	}
}

static const char *
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

static const char *
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

/* Which behaviour group a name falls in: 0 none, 1 before 1970 only,
 * 2 since 1970. */
static int
group_of(const struct tzf_cmp_name *e)
{
	if (!(e->flags & TZF_CMP_BEHAVIOUR))
		return 0;
	return e->since1970 ? 2 : 1;
}

/* ------------------------------------------------------------------ */
/* Text and markdown */

static void
side_text(struct tzf_buf *b, const char *label, const struct tzf_cmp_side *s,
    bool md)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	const char *v = tzf_tree_version(t), *cm = tzf_tree_commit(t);
	size_t i, n = tzf_cmp_side_nheader(s);

	if (md)
		tzf_buf_printf(b, "- **%s**: `%s` (%s, version %s%s%.12s)\n",
		    label, tzf_tree_spec(t), tzf_tree_kind_name(
		    tzf_tree_kind(t)), v ? v : "unknown", cm ? ", commit " :
		    "", cm ? cm : "");
	else
		tzf_buf_printf(b, "%s: %s (%s, version %s%s%.12s)\n", label,
		    tzf_tree_spec(t), tzf_tree_kind_name(tzf_tree_kind(t)),
		    v ? v : "unknown", cm ? ", commit " : "", cm ? cm : "");
	tzf_buf_puts(b, md ? "  - tzdata.zi header: " : "  tzdata.zi: ");
	for (i = 0; i < n; i++)
		tzf_buf_printf(b, md ? "%s`%s`" : "%s%s", i ? "; " : "",
		    tzf_cmp_side_header(s, i));
	tzf_buf_puts(b, n ? "\n" : "(none)\n");
}

static void
switches_text(struct tzf_buf *b, const struct tzf_cmp_side *s)
{
	struct tzf_switches sw;

	tzf_cmp_side_switches(&sw, s);
	tzf_buf_printf(b, "dataform %s, %s, %s%s%s",
	    sw.dataform ? sw.dataform : "main",
	    sw.backward ? "backward" : "no backward",
	    sw.backzone ? "backzone" : "no backzone",
	    sw.packratlist ? ", packratlist " : "",
	    sw.packratlist ? sw.packratlist : "");
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
behaviour_line(struct tzf_buf *b, const struct tzf_cmp_name *e, bool md)
{
	if (e->ndiff > 0) {
		tzf_buf_printf(b, "%zu interval%s", e->ndiff,
		    e->ndiff == 1 ? "" : "s");
		if ((e->noffset != 0) + (e->nabbr != 0) + (e->nisdst != 0) > 1)
			tzf_buf_printf(b, " (%zu offset, %zu abbreviation, "
			    "%zu isdst)", e->noffset, e->nabbr, e->nisdst);
		tzf_buf_puts(b, e->first == INT64_MIN ? " from the start, " :
		    ", ");
		put_time(b, e->first_finite);
		tzf_buf_puts(b, " .. ");
		put_time(b, e->last);
		if (e->maxdelta) {
			tzf_buf_puts(b, ", max ");
			put_delta(b, e->maxdelta);
		}
		tzf_buf_printf(b, ", %s", class_text(e->cls));
	} else if (!(e->flags & TZF_CMP_FOOTER))
		tzf_buf_puts(b, "no data on one side");
	if (e->flags & TZF_CMP_FOOTER)
		tzf_buf_printf(b, "%sTZ %s%s%s -> %s%s%s", e->ndiff ? "; " : "",
		    md ? "`" : "\"", e->footer_old ? e->footer_old : "",
		    md ? "`" : "\"", md ? "`" : "\"",
		    e->footer_new ? e->footer_new : "", md ? "`" : "\"");
}

/* Heading of a section: "Title (N)" in text, "## Title (N)" in md. */
static void
heading(struct tzf_buf *b, bool md, const char *title, size_t n)
{
	tzf_buf_printf(b, "\n%s%s (%zu)\n%s", md ? "## " : "", title, n,
	    md ? "\n" : "");
}

static const char *
item(bool md)
{
	return md ? "- " : "  ";
}

static void
name_q(struct tzf_buf *b, bool md, const char *name)
{
	tzf_buf_printf(b, md ? "`%s`" : "%s", name);
}

static size_t
count_flag(const struct tzf_cmp *c, unsigned flag)
{
	size_t i, n = 0;

	for (i = 0; i < tzf_cmp_count(c); i++)
		n += (tzf_cmp_name(c, i)->flags & flag) != 0;
	return n;
}

static void
zone_rows(struct tzf_buf *b, const struct tzf_cmp *c, const char *zone,
    bool md)
{
	struct tzf_cmp_row *rows;
	size_t n, i;

	if (tzf_cmp_rows(&rows, &n, c, zone) != TZF_OK) {
		tzf_buf_printf(b, "\n%s%s: no data on either side\n",
		    md ? "## " : "", zone);
		return;
	}
	tzf_buf_printf(b, "\n%s%s side by side (%zu rows)\n", md ? "## " : "",
	    zone, n);
	if (md)
		tzf_buf_puts(b, "\n| | from | until | old | new |\n"
		    "|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_row *r = &rows[i];
		size_t mark;

		tzf_buf_puts(b, md ? (r->differ ? "| * | " : "| | ") :
		    (r->differ ? "* " : "  "));
		mark = b->len;
		put_time(b, r->start);
		while (!md && b->len < mark + 21)
			tzf_buf_puts(b, " ");
		tzf_buf_puts(b, md ? " | " : " ");
		mark = b->len;
		put_time(b, r->end);
		while (!md && b->len < mark + 21)
			tzf_buf_puts(b, " ");
		tzf_buf_puts(b, md ? " | " : " ");
		mark = b->len;
		if (r->has_old)
			put_local(b, &r->old);
		else
			tzf_buf_puts(b, "(none)");
		while (!md && b->len < mark + 22)
			tzf_buf_puts(b, " ");
		tzf_buf_puts(b, md ? " | " : " ");
		if (r->has_new)
			put_local(b, &r->new);
		else
			tzf_buf_puts(b, "(none)");
		tzf_buf_puts(b, md ? " |\n" : "\n");
	}
	tzf_free(rows);
}

static void
name_kind(struct tzf_buf *b, const struct tzf_name *n)
{
	if (n == NULL)
		tzf_buf_puts(b, "absent");
	else if (n->islink)
		tzf_buf_printf(b, "link to %s (zone %s)", n->target,
		    n->zone ? n->zone : "none");
	else
		tzf_buf_puts(b, "zone");
}

/* What follows a name's bullet in one of the name sections. */
static void
detail_added(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(b, ": ");
	name_kind(b, e->new);
	tzf_buf_puts(b, "\n");
}

static void
detail_removed(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	tzf_buf_puts(b, ": was ");
	name_kind(b, e->old);
	tzf_buf_puts(b, "\n");
}

static void
detail_zone_to_link(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	tzf_buf_printf(b, " -> %s: %s%s\n", e->new->target,
	    merge_text(e->merge), e->merge != TZF_MERGE_BACKZONE &&
	    e->in_backzone ? " (also in backzone)" : "");
}

static void
detail_link_to_zone(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	tzf_buf_printf(b, " (was -> %s): %s%s\n", e->old->target,
	    merge_text(e->merge),
	    e->in_backzone ? "; old backzone has this zone" : "");
}

static void
detail_retargeted(struct tzf_buf *b, const struct tzf_cmp_name *e)
{
	tzf_buf_printf(b, ": %s -> %s\n", e->old->target, e->new->target);
}

/* A heading, then one bullet per name whose flags include FLAG. */
static void
name_section(struct tzf_buf *b, const struct tzf_cmp *c, bool md,
    const char *title, size_t count, unsigned flag,
    void (*detail)(struct tzf_buf *, const struct tzf_cmp_name *))
{
	size_t i, n = tzf_cmp_count(c);

	if (count == 0)
		return;
	heading(b, md, title, count);
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (!(e->flags & flag))
			continue;
		tzf_buf_puts(b, item(md));
		name_q(b, md, e->name);
		detail(b, e);
	}
}

static void
report_text(struct tzf_buf *b, const struct tzf_cmp *c, bool md,
    const char *zone)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);
	size_t i, n = tzf_cmp_count(c), k;
	int g;

	if (md)
		tzf_buf_puts(b, "# tzdiff report\n\n");
	side_text(b, "old", tzf_cmp_old(c), md);
	side_text(b, "new", tzf_cmp_new(c), md);
	tzf_buf_puts(b, md ? "- **build**: " : "build: ");
	switches_text(b, tzf_cmp_old(c));
	tzf_buf_puts(b, md ? "\n- **range**: " : "\nrange: ");
	range_text(b, tzf_cmp_opts(c));
	tzf_buf_puts(b, "\n");

	if (zone != NULL) {
		const struct tzf_cmp_name *e = tzf_cmp_find(c, zone);
		ptrdiff_t io = tzf_histset_find(tzf_cmp_side_histset(
		    tzf_cmp_old(c)), zone);
		ptrdiff_t in = tzf_histset_find(tzf_cmp_side_histset(
		    tzf_cmp_new(c)), zone);

		tzf_buf_printf(b, "\n%s%s\n%sold: ", md ? "## " : "", zone,
		    md ? "\n- " : "  ");
		name_kind(b, io < 0 ? NULL : tzf_histset_name(
		    tzf_cmp_side_histset(tzf_cmp_old(c)), (size_t)io));
		tzf_buf_puts(b, md ? "\n- new: " : "\n  new: ");
		name_kind(b, in < 0 ? NULL : tzf_histset_name(
		    tzf_cmp_side_histset(tzf_cmp_new(c)), (size_t)in));
		tzf_buf_puts(b, md ? "\n- behaviour: " : "\n  behaviour: ");
		if (e != NULL && (e->flags & TZF_CMP_BEHAVIOUR)) {
			behaviour_line(b, e, md);
			tzf_buf_printf(b, ", %s", e->since1970 ?
			    "reaches 1970 or later" : "before 1970 only");
		} else
			tzf_buf_puts(b, "same");
		tzf_buf_puts(b, "\n");
		zone_rows(b, c, zone, md);
		return;
	}

	if (md) {
		tzf_buf_puts(b, "\n## Summary\n\n| | |\n|---|---|\n");
		tzf_buf_printf(b, "| names old / new | %zu / %zu |\n"
		    "| added / removed | %zu / %zu |\n"
		    "| zone → link / link → zone | %zu / %zu |\n"
		    "| links retargeted | %zu |\n"
		    "| link chains old / new | %zu / %zu |\n"
		    "| alias mismatches | %zu |\n"
		    "| names behaving differently | %zu |\n"
		    "| … before 1970 only / since 1970 | %zu / %zu |\n"
		    "| … offset / abbreviation only / isdst only | "
		    "%zu / %zu / %zu |\n"
		    "| TZ footer changes | %zu |\n"
		    "| table file entry changes | %zu |\n",
		    s->names_old, s->names_new, s->added, s->removed,
		    s->zone_to_link, s->link_to_zone, s->link_retargeted,
		    s->link_chains_old, s->link_chains_new, s->alias_mismatch,
		    s->behaviour_changed, s->changed_before_1970_only,
		    s->changed_since_1970, s->offset_changed,
		    s->abbreviation_only, s->isdst_only, s->footer_changed,
		    s->table_changes);
	} else {
		tzf_buf_printf(b, "\nSummary\n"
		    "  names: %zu old, %zu new; %zu added, %zu removed\n"
		    "  zone->link %zu, link->zone %zu, links retargeted %zu\n"
		    "  link chains %zu old, %zu new; alias mismatches %zu\n"
		    "  behaviour: %zu names differ, %zu before 1970 only, "
		    "%zu reaching 1970 or later\n"
		    "    (%zu offset, %zu abbreviation only, %zu isdst only; "
		    "%zu TZ footer changes)\n"
		    "  table files: %zu entry changes\n",
		    s->names_old, s->names_new, s->added, s->removed,
		    s->zone_to_link, s->link_to_zone, s->link_retargeted,
		    s->link_chains_old, s->link_chains_new, s->alias_mismatch,
		    s->behaviour_changed, s->changed_before_1970_only,
		    s->changed_since_1970, s->offset_changed,
		    s->abbreviation_only, s->isdst_only, s->footer_changed,
		    s->table_changes);
	}

	name_section(b, c, md, "Names added", s->added, TZF_CMP_ADDED,
	    detail_added);
	name_section(b, c, md, "Names removed", s->removed, TZF_CMP_REMOVED,
	    detail_removed);
	name_section(b, c, md, "Zones that became links", s->zone_to_link,
	    TZF_CMP_ZONE_TO_LINK, detail_zone_to_link);
	name_section(b, c, md, "Links that became zones", s->link_to_zone,
	    TZF_CMP_LINK_TO_ZONE, detail_link_to_zone);
	name_section(b, c, md, "Links retargeted", s->link_retargeted,
	    TZF_CMP_RETARGETED, detail_retargeted);
	k = tzf_cmp_nlinks(c);
	if (s->link_chains_old + s->link_chains_new) {
		heading(b, md, "Link chains", s->link_chains_old +
		    s->link_chains_new);
		for (i = 0; i < k; i++) {
			const struct tzf_cmp_alias *a = tzf_cmp_link(c, i);

			if (!a->chain)
				continue;
			tzf_buf_printf(b, "%s%s: ", item(md), a->side ? "new" :
			    "old");
			name_q(b, md, a->name);
			tzf_buf_printf(b, " -> %s -> ... zone %s\n", a->target,
			    a->zone ? a->zone : "none");
		}
	}
	if (s->alias_mismatch) {
		heading(b, md, "Names that should be aliases but compile "
		    "differently", s->alias_mismatch);
		for (i = 0; i < k; i++) {
			const struct tzf_cmp_alias *a = tzf_cmp_link(c, i);

			if (a->chain)
				continue;
			tzf_buf_printf(b, "%s%s: ", item(md), a->side ? "new" :
			    "old");
			name_q(b, md, a->name);
			tzf_buf_printf(b, " (#= %s) has the data of %s\n",
			    a->target, a->zone ? a->zone : "no zone");
		}
	}
	for (g = 1; g <= 2; g++) {
		size_t cnt = g == 1 ? s->changed_before_1970_only :
		    s->changed_since_1970;

		if (cnt == 0)
			continue;
		heading(b, md, g == 1 ? "Changes to past timestamps "
		    "(before 1970 only)" : "Changes to timestamps at or "
		    "after 1970", cnt);
		for (i = 0; i < n; i++) {
			const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

			if (group_of(e) != g)
				continue;
			tzf_buf_puts(b, item(md));
			name_q(b, md, e->name);
			tzf_buf_puts(b, ": ");
			behaviour_line(b, e, md);
			tzf_buf_puts(b, "\n");
		}
	}
	if (s->footer_changed) {
		heading(b, md, "Changes to future timestamps (TZ footer)",
		    count_flag(c, TZF_CMP_FOOTER));
		for (i = 0; i < n; i++) {
			const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

			if (!(e->flags & TZF_CMP_FOOTER))
				continue;
			tzf_buf_puts(b, item(md));
			name_q(b, md, e->name);
			tzf_buf_printf(b, md ? ": `%s` -> `%s`\n" :
			    ": \"%s\" -> \"%s\"\n", e->footer_old ?
			    e->footer_old : "", e->footer_new ? e->footer_new :
			    "");
		}
	}
	if (s->table_changes) {
		heading(b, md, "Table files", s->table_changes);
		k = tzf_cmp_ntabs(c);
		for (i = 0; i < k; i++) {
			const struct tzf_cmp_tab *t = tzf_cmp_tab(c, i);
			const char *q = md ? "`" : "\"";

			tzf_buf_printf(b, "%s%s: %s ", item(md), t->file,
			    t->key);
			if (t->old == NULL)
				tzf_buf_printf(b, "added: %s%s%s\n", q, t->new,
				    q);
			else if (t->new == NULL)
				tzf_buf_printf(b, "removed: %s%s%s\n", q,
				    t->old, q);
			else
				tzf_buf_printf(b, "changed: %s%s%s -> %s%s%s\n",
				    q, t->old, q, q, t->new, q);
		}
	}
	if (!tzf_cmp_differ(c))
		tzf_buf_puts(b, "\nNo differences.\n");
}

/* ------------------------------------------------------------------ */
/* JSON */

static void
json_side(struct tzf_buf *b, const struct tzf_cmp_side *s)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	size_t i, n = tzf_cmp_side_nheader(s);

	tzf_buf_puts(b, "{\"spec\": ");
	json_str(b, tzf_tree_spec(t));
	tzf_buf_puts(b, ", \"kind\": ");
	json_str(b, tzf_tree_kind_name(tzf_tree_kind(t)));
	tzf_buf_puts(b, ", \"version\": ");
	json_str(b, tzf_tree_version(t));
	tzf_buf_puts(b, ", \"commit\": ");
	json_str(b, tzf_tree_commit(t));
	tzf_buf_puts(b, ", \"header\": [");
	for (i = 0; i < n; i++) {
		tzf_buf_puts(b, i ? ", " : "");
		json_str(b, tzf_cmp_side_header(s, i));
	}
	tzf_buf_puts(b, "]}");
}

static void
json_local(struct tzf_buf *b, bool has, const struct tzf_local *l)
{
	if (!has) {
		tzf_buf_puts(b, "null");
		return;
	}
	tzf_buf_printf(b, "{\"utoff\": %ld, \"isdst\": %s, \"abbr\": ",
	    (long)l->utoff, l->isdst ? "true" : "false");
	json_str(b, l->abbr);
	tzf_buf_puts(b, "}");
}

static void
json_name_ref(struct tzf_buf *b, const struct tzf_name *n)
{
	if (n == NULL) {
		tzf_buf_puts(b, "null");
		return;
	}
	tzf_buf_printf(b, "{\"kind\": \"%s\", \"target\": ", n->islink ?
	    "link" : "zone");
	json_str(b, n->target);
	tzf_buf_puts(b, ", \"zone\": ");
	json_str(b, n->zone);
	tzf_buf_puts(b, ", \"file\": ");
	json_str(b, n->file);
	tzf_buf_printf(b, ", \"line\": %ld}", n->line);
}

static void
report_json(struct tzf_buf *b, const struct tzf_cmp *c, const char *zone)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);
	const struct tzf_cmp_opts *o = tzf_cmp_opts(c);
	struct tzf_switches sw;
	size_t i, n = tzf_cmp_count(c), k;
	bool first;

	tzf_cmp_side_switches(&sw, tzf_cmp_old(c));
	tzf_buf_puts(b, "{\n  \"tzdiff_schema\": 1,\n  \"old\": ");
	json_side(b, tzf_cmp_old(c));
	tzf_buf_puts(b, ",\n  \"new\": ");
	json_side(b, tzf_cmp_new(c));
	tzf_buf_puts(b, ",\n  \"switches\": {\"dataform\": ");
	json_str(b, sw.dataform ? sw.dataform : "main");
	tzf_buf_printf(b, ", \"backzone\": %s, \"packratlist\": ",
	    sw.backzone ? "true" : "false");
	json_str(b, sw.packratlist);
	tzf_buf_printf(b, ", \"backward\": %s},\n  \"range\": {\"from\": ",
	    sw.backward ? "true" : "false");
	json_time(b, o->from);
	tzf_buf_puts(b, ", \"until\": ");
	json_time(b, o->until);
	tzf_buf_printf(b, "},\n  \"summary\": {\"names_old\": %zu, "
	    "\"names_new\": %zu, \"added\": %zu, \"removed\": %zu, "
	    "\"zone_to_link\": %zu, \"link_to_zone\": %zu, "
	    "\"link_retargeted\": %zu, \"link_chains_old\": %zu, "
	    "\"link_chains_new\": %zu, \"alias_mismatch\": %zu, "
	    "\"behaviour_changed\": %zu, \"changed_before_1970_only\": %zu, "
	    "\"changed_since_1970\": %zu, \"offset_changed\": %zu, "
	    "\"abbreviation_only\": %zu, \"isdst_only\": %zu, "
	    "\"footer_changed\": %zu, \"table_changes\": %zu, "
	    "\"differ\": %s},\n",
	    s->names_old, s->names_new, s->added, s->removed,
	    s->zone_to_link, s->link_to_zone, s->link_retargeted,
	    s->link_chains_old, s->link_chains_new, s->alias_mismatch,
	    s->behaviour_changed, s->changed_before_1970_only,
	    s->changed_since_1970, s->offset_changed, s->abbreviation_only,
	    s->isdst_only, s->footer_changed, s->table_changes,
	    tzf_cmp_differ(c) ? "true" : "false");

	tzf_buf_puts(b, "  \"names\": [");
	for (i = 0, first = true; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);
		static const struct { unsigned f; const char *s; } fl[] = {
			{ TZF_CMP_ADDED, "added" },
			{ TZF_CMP_REMOVED, "removed" },
			{ TZF_CMP_ZONE_TO_LINK, "zone_to_link" },
			{ TZF_CMP_LINK_TO_ZONE, "link_to_zone" },
			{ TZF_CMP_RETARGETED, "link_retargeted" },
			{ TZF_CMP_BEHAVIOUR, "behaviour" },
			{ TZF_CMP_FOOTER, "footer" },
		};
		size_t f, nf = 0;

		if (zone != NULL && strcmp(zone, e->name) != 0)
			continue;
		tzf_buf_puts(b, first ? "\n    {\"name\": " : ",\n    {\"name\": ");
		first = false;
		json_str(b, e->name);
		tzf_buf_puts(b, ", \"changes\": [");
		for (f = 0; f < sizeof fl / sizeof *fl; f++)
			if (e->flags & fl[f].f) {
				tzf_buf_puts(b, nf++ ? ", " : "");
				json_str(b, fl[f].s);
			}
		tzf_buf_puts(b, "],\n     \"old\": ");
		json_name_ref(b, e->old);
		tzf_buf_puts(b, ",\n     \"new\": ");
		json_name_ref(b, e->new);
		if (e->merge != TZF_MERGE_NONE) {
			tzf_buf_printf(b, ",\n     \"merge\": \"%s\", "
			    "\"in_backzone\": %s", merge_name(e->merge),
			    e->in_backzone ? "true" : "false");
		}
		if (e->flags & TZF_CMP_BEHAVIOUR) {
			tzf_buf_printf(b, ",\n     \"behaviour\": {\"class\": "
			    "\"%s\", \"intervals\": %zu, \"offset_intervals\": "
			    "%zu, \"abbreviation_intervals\": %zu, "
			    "\"isdst_intervals\": %zu, \"first\": ",
			    class_name(e->cls), e->ndiff, e->noffset, e->nabbr,
			    e->nisdst);
			json_time(b, e->ndiff ? e->first : INT64_MIN);
			tzf_buf_puts(b, ", \"first_finite\": ");
			json_time(b, e->ndiff ? e->first_finite : INT64_MIN);
			tzf_buf_puts(b, ", \"last\": ");
			json_time(b, e->ndiff ? e->last : INT64_MIN);
			tzf_buf_printf(b, ", \"max_offset_delta\": %ld, "
			    "\"since_1970\": %s, \"footer_changed\": %s, "
			    "\"footer_old\": ", (long)e->maxdelta,
			    e->since1970 ? "true" : "false",
			    (e->flags & TZF_CMP_FOOTER) ? "true" : "false");
			json_str(b, e->footer_old);
			tzf_buf_puts(b, ", \"footer_new\": ");
			json_str(b, e->footer_new);
			tzf_buf_puts(b, "}");
		}
		tzf_buf_puts(b, "}");
	}
	tzf_buf_puts(b, first ? "],\n" : "\n  ],\n");

	tzf_buf_puts(b, "  \"links\": [");
	k = tzf_cmp_nlinks(c);
	for (i = 0; i < k; i++) {
		const struct tzf_cmp_alias *a = tzf_cmp_link(c, i);

		tzf_buf_printf(b, "%s{\"side\": \"%s\", \"kind\": \"%s\", "
		    "\"name\": ", i ? ",\n    " : "\n    ", a->side ? "new" :
		    "old", a->chain ? "chain" : "alias_mismatch");
		json_str(b, a->name);
		tzf_buf_puts(b, ", \"target\": ");
		json_str(b, a->target);
		tzf_buf_puts(b, ", \"zone\": ");
		json_str(b, a->zone);
		tzf_buf_puts(b, "}");
	}
	tzf_buf_puts(b, k ? "\n  ],\n" : "],\n");

	tzf_buf_puts(b, "  \"tables\": [");
	k = tzf_cmp_ntabs(c);
	for (i = 0; i < k; i++) {
		const struct tzf_cmp_tab *t = tzf_cmp_tab(c, i);

		tzf_buf_puts(b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
		json_str(b, t->file);
		tzf_buf_puts(b, ", \"key\": ");
		json_str(b, t->key);
		tzf_buf_printf(b, ", \"change\": \"%s\", \"old\": ",
		    t->old == NULL ? "added" : t->new == NULL ? "removed" :
		    "changed");
		json_str(b, t->old);
		tzf_buf_puts(b, ", \"new\": ");
		json_str(b, t->new);
		tzf_buf_puts(b, "}");
	}
	tzf_buf_puts(b, k ? "\n  ]" : "]");

	if (zone != NULL) {
		struct tzf_cmp_row *rows;
		size_t nr;

		tzf_buf_puts(b, ",\n  \"zone\": {\"name\": ");
		json_str(b, zone);
		tzf_buf_puts(b, ", \"rows\": [");
		if (tzf_cmp_rows(&rows, &nr, c, zone) == TZF_OK) {
			for (i = 0; i < nr; i++) {
				const struct tzf_cmp_row *r = &rows[i];

				tzf_buf_puts(b, i ? ",\n    {\"start\": " :
				    "\n    {\"start\": ");
				json_time(b, r->start);
				tzf_buf_puts(b, ", \"end\": ");
				json_time(b, r->end);
				tzf_buf_puts(b, ", \"old\": ");
				json_local(b, r->has_old, &r->old);
				tzf_buf_puts(b, ", \"new\": ");
				json_local(b, r->has_new, &r->new);
				tzf_buf_printf(b, ", \"differ\": %s}",
				    r->differ ? "true" : "false");
			}
			tzf_free(rows);
		}
		tzf_buf_puts(b, "\n  ]}");
	}
	tzf_buf_puts(b, "\n}\n");
}

int
tzf_cmp_report(struct tzf_buf *out, const struct tzf_cmp *c,
    enum tzf_cmp_format fmt, const char *zone)
{
	switch (fmt) {
	case TZF_FMT_TEXT:
		report_text(out, c, false, zone);
		break;
	case TZF_FMT_MARKDOWN:
		report_text(out, c, true, zone);
		break;
	case TZF_FMT_JSON:
		report_json(out, c, zone);
		break;
	default:
		return TZF_EINVAL;
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}
