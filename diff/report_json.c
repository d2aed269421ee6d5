/*
 * report_json.c: tzdiff's JSON report (schema TZDIFF_SCHEMA, documented
 * in tzdiff.1 under JSON OUTPUT) and the one-line objects of a walk's
 * summary, all through lib/json.c so that no output can be malformed.
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

/* An instant as a string, or null for the unbounded past or future. */
static void
j_time(struct tzf_json *j, const char *key, int64_t t)
{
	char buf[40];

	if (t == INT64_MIN || t == INT64_MAX) {
		tzf_json_null(j, key);
		return;
	}
	tzf_time_format(buf, sizeof buf, t, true);
	tzf_json_str(j, key, buf);
}

static void
j_side(struct tzf_json *j, const char *key, const struct tzf_cmp_side *s)
{
	const struct tzf_tree *t = tzf_cmp_side_tree(s);
	size_t i, n = tzf_cmp_side_nheader(s);
	int64_t date;

	tzf_json_object(j, key);
	tzf_json_str(j, "spec", tzf_tree_spec(t));
	tzf_json_str(j, "kind", tzf_tree_kind_name(tzf_tree_kind(t)));
	tzf_json_str(j, "version", tzf_tree_version(t));
	tzf_json_str(j, "commit", tzf_tree_commit(t));
	if (tzf_cmp_side_date(&date, s))
		j_time(j, "release_date", date);
	else
		tzf_json_null(j, "release_date");
	tzf_json_array(j, "header");
	for (i = 0; i < n; i++)
		tzf_json_str(j, NULL, tzf_cmp_side_header(s, i));
	tzf_json_end(j);
	tzf_json_end(j);
}

static void
j_switches(struct tzf_json *j, const struct tzf_cmp_side *s)
{
	struct tzf_switches sw;

	tzf_cmp_side_switches(&sw, s);
	tzf_json_object(j, "switches");
	tzf_json_str(j, "dataform", sw.dataform ? sw.dataform : "main");
	tzf_json_bool(j, "backzone", sw.backzone);
	tzf_json_str(j, "packratlist", sw.packratlist);
	tzf_json_bool(j, "backward", sw.backward);
	tzf_json_end(j);
}

static void
j_summary(struct tzf_json *j, const struct tzf_cmp *c)
{
	const struct tzf_cmp_summary *s = tzf_cmp_summary(c);
	const struct { const char *k; size_t v; } f[] = {
		{ "names_old", s->names_old },
		{ "names_new", s->names_new },
		{ "added", s->added },
		{ "removed", s->removed },
		{ "zone_to_link", s->zone_to_link },
		{ "link_to_zone", s->link_to_zone },
		{ "link_retargeted", s->link_retargeted },
		{ "link_chains_old", s->link_chains_old },
		{ "link_chains_new", s->link_chains_new },
		{ "alias_mismatch", s->alias_mismatch },
		{ "behaviour_changed", s->behaviour_changed },
		{ "zones_changed", s->zones_changed },
		{ "changed_before_1970_only", s->changed_before_1970_only },
		{ "changed_since_1970", s->changed_since_1970 },
		{ "changed_past", s->changed_past },
		{ "changed_future", s->changed_future },
		{ "offset_changed", s->offset_changed },
		{ "abbreviation_only", s->abbreviation_only },
		{ "isdst_only", s->isdst_only },
		{ "lmt_only", s->lmt_only },
		{ "footer_changed", s->footer_changed },
		{ "table_changes", s->table_changes },
		{ "table_files_changed", s->table_files_changed },
	};
	size_t i;

	tzf_json_object(j, "summary");
	for (i = 0; i < sizeof f / sizeof *f; i++)
		tzf_json_int(j, f[i].k, (int64_t)f[i].v);
	tzf_json_bool(j, "differ", tzf_cmp_differ(c));
	tzf_json_end(j);
}

static void
j_src(struct tzf_json *j, const char *key, const struct tzf_cmp_src *s)
{
	char kind[2] = { s->kind, '\0' };

	tzf_json_object(j, key);
	tzf_json_str(j, "kind", strcmp(kind, "R") == 0 ? "rule" :
	    strcmp(kind, "L") == 0 ? "link" : "zone");
	tzf_json_str(j, "file", s->file);
	tzf_json_int(j, "line", s->line);
	tzf_json_str(j, "text", s->text);
	tzf_json_end(j);
}

/* A name on one side: null when absent. */
static void
j_name_ref(struct tzf_json *j, const char *key, const struct tzf_name *n,
    const struct tzf_cmp_src *where)
{
	if (n == NULL) {
		tzf_json_null(j, key);
		return;
	}
	tzf_json_object(j, key);
	tzf_json_str(j, "kind", n->islink ? "link" : "zone");
	tzf_json_str(j, "target", n->target);
	tzf_json_str(j, "zone", n->zone);
	tzf_json_str(j, "file", n->file);
	tzf_json_int(j, "line", n->line);
	tzf_json_str(j, "text", where->text);
	tzf_json_end(j);
}

/* What is in effect, and the local time at T when T is finite. */
static void
j_local(struct tzf_json *j, const char *key, const struct tzf_local *l,
    int64_t t)
{
	char buf[40];

	tzf_json_object(j, key);
	tzf_json_int(j, "utoff", l->utoff);
	tzf_json_bool(j, "isdst", l->isdst);
	tzf_json_str(j, "abbr", l->abbr);
	if (t == INT64_MIN || t == INT64_MAX)
		tzf_json_null(j, "local");
	else {
		tzf_time_format(buf, sizeof buf, t + l->utoff, false);
		tzf_json_str(j, "local", buf);
	}
	tzf_json_end(j);
}

static void
j_episode(struct tzf_json *j, const struct tzf_cmp_episode *ep)
{
	size_t i;
	int k;

	tzf_json_object(j, NULL);
	j_time(j, "start", ep->start);
	j_time(j, "end", ep->end);
	tzf_json_bool(j, "open", ep->end == INT64_MAX);
	tzf_json_bool(j, "future", ep->future);
	tzf_json_str(j, "class", class_name(ep->cls));
	tzf_json_bool(j, "lmt_only", ep->lmt_only);
	tzf_json_int(j, "intervals", (int64_t)ep->ndiff);
	tzf_json_int(j, "max_offset_delta", ep->maxdelta);
	tzf_json_int(j, "max_offset_delta_without_lmt", ep->maxdelta_nolmt);
	j_local(j, "old", &ep->old, ep->start);
	j_local(j, "new", &ep->new, ep->start);
	if (ep->has_after)
		j_local(j, "after", &ep->after, ep->end);
	else
		tzf_json_null(j, "after");
	tzf_json_object(j, "sources");
	for (k = 0; k < 2; k++) {
		tzf_json_array(j, k ? "new" : "old");
		for (i = 0; i < ep->nsrc[k]; i++)
			j_src(j, NULL, &ep->src[k][i]);
		tzf_json_end(j);
	}
	tzf_json_end(j);
	tzf_json_end(j);
}

static void
j_behaviour(struct tzf_json *j, const struct tzf_cmp_name *e)
{
	size_t k;

	tzf_json_object(j, "behaviour");
	tzf_json_str(j, "class", class_name(e->cls));
	tzf_json_bool(j, "lmt_only", e->lmt_only);
	tzf_json_int(j, "intervals", (int64_t)e->ndiff);
	tzf_json_int(j, "offset_intervals", (int64_t)e->noffset);
	tzf_json_int(j, "abbreviation_intervals", (int64_t)e->nabbr);
	tzf_json_int(j, "isdst_intervals", (int64_t)e->nisdst);
	j_time(j, "first", e->ndiff ? e->first : INT64_MIN);
	j_time(j, "first_finite", e->ndiff ? e->first_finite : INT64_MIN);
	j_time(j, "last", e->ndiff ? e->last : INT64_MIN);
	tzf_json_int(j, "max_offset_delta", e->maxdelta);
	tzf_json_int(j, "max_offset_delta_without_lmt", e->maxdelta_nolmt);
	tzf_json_bool(j, "since_1970", e->since1970);
	tzf_json_bool(j, "past", e->past);
	tzf_json_bool(j, "future", e->future);
	tzf_json_bool(j, "footer_changed", (e->flags & TZF_CMP_FOOTER) != 0);
	tzf_json_str(j, "footer_old", e->footer_old);
	tzf_json_str(j, "footer_new", e->footer_new);
	tzf_json_array(j, "episodes");
	for (k = 0; k < e->nepisodes; k++)
		j_episode(j, &e->episodes[k]);
	tzf_json_end(j);
	tzf_json_end(j);
}

static void
j_name(struct tzf_json *j, const struct tzf_cmp_name *e)
{
	static const struct { unsigned f; const char *s; } fl[] = {
		{ TZF_CMP_ADDED, "added" },
		{ TZF_CMP_REMOVED, "removed" },
		{ TZF_CMP_ZONE_TO_LINK, "zone_to_link" },
		{ TZF_CMP_LINK_TO_ZONE, "link_to_zone" },
		{ TZF_CMP_RETARGETED, "link_retargeted" },
		{ TZF_CMP_BEHAVIOUR, "behaviour" },
		{ TZF_CMP_FOOTER, "footer" },
	};
	size_t f;

	tzf_json_object(j, NULL);
	tzf_json_str(j, "name", e->name);
	tzf_json_array(j, "changes");
	for (f = 0; f < sizeof fl / sizeof *fl; f++)
		if (e->flags & fl[f].f)
			tzf_json_str(j, NULL, fl[f].s);
	tzf_json_end(j);
	tzf_json_str(j, "group", e->group);
	j_name_ref(j, "old", e->old, &e->where[0]);
	j_name_ref(j, "new", e->new, &e->where[1]);
	if (e->merge != TZF_CMP_MERGE_NONE) {
		tzf_json_str(j, "merge", merge_name(e->merge));
		tzf_json_bool(j, "in_backzone", e->in_backzone);
		if (e->bzwhere.kind != 0)
			j_src(j, "backzone", &e->bzwhere);
		else
			tzf_json_null(j, "backzone");
	}
	if (e->flags & TZF_CMP_BEHAVIOUR)
		j_behaviour(j, e);
	tzf_json_end(j);
}

static void
j_links(struct tzf_json *j, const struct tzf_cmp *c)
{
	size_t i, k;

	tzf_json_array(j, "links");
	for (i = 0; i < tzf_cmp_nlinks(c); i++) {
		const struct tzf_cmp_alias *a = tzf_cmp_link(c, i);

		tzf_json_object(j, NULL);
		tzf_json_str(j, "side", a->side ? "new" : "old");
		tzf_json_str(j, "kind", a->chain ? "chain" : "alias_mismatch");
		tzf_json_str(j, "name", a->name);
		tzf_json_str(j, "target", a->target);
		tzf_json_str(j, "zone", a->zone);
		tzf_json_array(j, "hops");
		for (k = 0; k < a->nhops; k++)
			tzf_json_str(j, NULL, a->hops[k]);
		tzf_json_end(j);
		tzf_json_end(j);
	}
	tzf_json_end(j);
}

static void
j_tables(struct tzf_json *j, const struct tzf_cmp *c)
{
	size_t i;

	tzf_json_array(j, "tables");
	for (i = 0; i < tzf_cmp_ntabs(c); i++) {
		const struct tzf_cmp_tab *t = tzf_cmp_tab(c, i);

		tzf_json_object(j, NULL);
		tzf_json_str(j, "file", t->file);
		tzf_json_str(j, "key", t->key);
		tzf_json_str(j, "change", t->old == NULL ? "added" :
		    t->new == NULL ? "removed" : "changed");
		tzf_json_str(j, "old", t->old);
		tzf_json_str(j, "new", t->new);
		if (t->old != NULL)
			tzf_json_int(j, "old_line", t->old_line);
		else
			tzf_json_null(j, "old_line");
		if (t->new != NULL)
			tzf_json_int(j, "new_line", t->new_line);
		else
			tzf_json_null(j, "new_line");
		tzf_json_end(j);
	}
	tzf_json_end(j);
	tzf_json_array(j, "table_files");
	for (i = 0; i < tzf_cmp_ntabfiles(c); i++) {
		const struct tzf_cmp_tabfile *f = tzf_cmp_tabfile(c, i);

		tzf_json_object(j, NULL);
		tzf_json_str(j, "file", f->file);
		tzf_json_str(j, "side", f->side ? "new" : "old");
		tzf_json_int(j, "entries", (int64_t)f->entries);
		tzf_json_end(j);
	}
	tzf_json_end(j);
}

static void
j_zone(struct tzf_json *j, const struct tzf_cmp *c, const char *zone)
{
	struct tzf_cmp_row *rows;
	size_t i, nr;

	tzf_json_object(j, "zone");
	tzf_json_str(j, "name", zone);
	tzf_json_array(j, "rows");
	if (tzf_cmp_rows(&rows, &nr, c, zone) == TZF_OK) {
		for (i = 0; i < nr; i++) {
			const struct tzf_cmp_row *r = &rows[i];

			tzf_json_object(j, NULL);
			j_time(j, "start", r->start);
			j_time(j, "end", r->end);
			if (r->has_old)
				j_local(j, "old", &r->old, r->start);
			else
				tzf_json_null(j, "old");
			if (r->has_new)
				j_local(j, "new", &r->new, r->start);
			else
				tzf_json_null(j, "new");
			tzf_json_bool(j, "differ", r->differ);
			tzf_json_end(j);
		}
		tzf_free(rows);
	}
	tzf_json_end(j);
	tzf_json_end(j);
}

/* The members common to a report and a summary line. */
static void
j_head(struct tzf_json *j, const struct tzf_cmp *c)
{
	const struct tzf_cmp_opts *o = tzf_cmp_opts(c);
	bool known;
	int64_t split = tzf_cmp_split(c, &known);

	tzf_json_int(j, "tzdiff_schema", TZDIFF_SCHEMA);
	j_side(j, "old", tzf_cmp_old(c));
	j_side(j, "new", tzf_cmp_new(c));
	j_switches(j, tzf_cmp_old(c));
	tzf_json_object(j, "range");
	j_time(j, "from", o->from);
	j_time(j, "until", o->until);
	tzf_json_end(j);
	tzf_json_object(j, "split");
	j_time(j, "at", split);
	tzf_json_bool(j, "release_date", known);
	tzf_json_end(j);
	j_summary(j, c);
}

void
report_json(struct tzf_buf *out, const struct tzf_cmp *c, const char *zone,
    bool pretty)
{
	struct tzf_json j;
	size_t i;

	tzf_json_init(&j, out, pretty);
	tzf_json_object(&j, NULL);
	j_head(&j, c);
	tzf_json_array(&j, "names");
	for (i = 0; i < tzf_cmp_count(c); i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(c, i);

		if (zone == NULL || strcmp(zone, e->name) == 0)
			j_name(&j, e);
	}
	tzf_json_end(&j);
	j_links(&j, c);
	j_tables(&j, c);
	if (zone != NULL)
		j_zone(&j, c, zone);
	tzf_json_end(&j);
	if (!pretty)
		tzf_buf_puts(out, "\n");
}

void
report_json_summary(struct tzf_buf *out, const struct tzf_cmp *c,
    const char *from, const char *to)
{
	struct tzf_json j;

	tzf_json_init(&j, out, false);
	tzf_json_object(&j, NULL);
	tzf_json_str(&j, "from", from);
	tzf_json_str(&j, "to", to);
	j_head(&j, c);
	tzf_json_end(&j);
	tzf_buf_puts(out, "\n");
}

void
report_json_commit(struct tzf_buf *out, const struct tzf_commit *c,
    const struct tzf_cmp *cmp)
{
	const unsigned kinds = TZF_CMP_ADDED | TZF_CMP_REMOVED |
	    TZF_CMP_ZONE_TO_LINK | TZF_CMP_LINK_TO_ZONE | TZF_CMP_RETARGETED;
	struct tzf_json j;
	char shortid[11];
	size_t i, n = tzf_cmp_count(cmp);

	snprintf(shortid, sizeof shortid, "%.10s", c->id);
	tzf_json_init(&j, out, false);
	tzf_json_object(&j, NULL);
	tzf_json_str(&j, "id", c->id);
	tzf_json_str(&j, "short", shortid);
	j_time(&j, "date", c->time);
	tzf_json_str(&j, "author", c->author);
	tzf_json_str(&j, "subject", c->subject);
	tzf_json_array(&j, "names");
	for (i = 0; i < n; i++)
		if (tzf_cmp_name(cmp, i)->flags & kinds)
			tzf_json_str(&j, NULL, tzf_cmp_name(cmp, i)->name);
	tzf_json_end(&j);
	tzf_json_array(&j, "zones");
	for (i = 0; i < n; i++) {
		const struct tzf_cmp_name *e = tzf_cmp_name(cmp, i);

		if ((e->flags & TZF_CMP_BEHAVIOUR) && e->group == e->name)
			tzf_json_str(&j, NULL, e->name);
	}
	tzf_json_end(&j);
	tzf_json_array(&j, "footers");
	for (i = 0; i < n; i++)
		if (tzf_cmp_name(cmp, i)->flags & TZF_CMP_FOOTER)
			tzf_json_str(&j, NULL, tzf_cmp_name(cmp, i)->name);
	tzf_json_end(&j);
	tzf_json_end(&j);
	tzf_buf_puts(out, "\n");
}
