/*
 * compare.c: the diff engine behind diff/tzdiff.  It compares two tzdb
 * trees by their compiled behaviour, not their text.
 *
 * A side (lib/cmpside.c) is one tree built as its release builds it,
 * with its histories (lib/history.c: every name, slim TZif data exactly
 * as zic writes it), its backzone Zones, table files, alias notes,
 * tzdata.zi header and release date.  tzf_compare() sets two sides
 * against each other:
 *
 *   - name sets: names added and removed;
 *   - Zone/Link changes: Zone on one side, Link on the other, with the
 *     kind of merge (history moved to backzone, rename, history
 *     discarded, link split back into a zone); Links whose target
 *     changed; link chains; names that should be aliases (a "#=" note)
 *     but compile differently;
 *   - behaviour of every name present on both sides, over [from, until):
 *     each side's history is a sequence of intervals of constant (UT
 *     offset, isdst, abbreviation) from lib/timeline.c; a merge walk of
 *     both sequences finds the differing intervals, which gather into
 *     episodes (runs less than a year apart), each with the values on
 *     both sides, its class, whether only LMT is involved, and the Zone,
 *     Rule and Link lines behind it on each side.  Names that differ
 *     alike (a zone and its links) form a group;
 *   - table files: entries added, removed or changed.
 *
 * The library never prints: the results are structs, and diff/tzdiff
 * writes them as reports.  Dates come from lib/civil.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_cmp.h"

static bool
streq(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* ------------------------------------------------------------------ */
/* Histories as interval sequences */

struct ival {
	int64_t start;		/* the interval runs to the next start */
	struct tzf_local v;
};

struct ivec {
	struct ival *v;
	size_t n, nalloc;
};

static bool
local_eq(const struct tzf_local *a, const struct tzf_local *b)
{
	return a->utoff == b->utoff && a->isdst == b->isdst &&
	    strcmp(a->abbr, b->abbr) == 0;
}

/* Append [start, ...) = v, merging it into the last interval when the
 * values are equal and replacing it when it starts at the same time. */
static int
ivec_add(struct ivec *iv, int64_t start, const struct tzf_local *v)
{
	if (iv->n > 0 && iv->v[iv->n - 1].start >= start)
		iv->n--;		/* superseded at the same instant */
	if (iv->n > 0 && local_eq(&iv->v[iv->n - 1].v, v))
		return TZF_OK;
	if (!tzf__grow(&iv->v, &iv->nalloc, iv->n + 1, sizeof *iv->v))
		return TZF_ENOMEM;
	iv->v[iv->n].start = start;
	iv->v[iv->n].v = *v;
	iv->n++;
	return TZF_OK;
}

static int
add_change(void *payload, const struct tzf_change *c)
{
	return ivec_add(payload, c->at, &c->after);
}

/*
 * The intervals of constant (utoff, isdst, abbr) of T up to UNTIL: the
 * first starts at INT64_MIN; the last runs to UNTIL.
 */
static int
build_ivals(struct ivec *iv, const struct tzf_tzif *t, int64_t until)
{
	struct tzf_timeline tl;
	struct tzf_local l;
	int rc;

	iv->n = 0;
	rc = tzf_timeline_init(&tl, t);
	if (rc == TZF_OK)
		rc = tzf_timeline_at(&l, &tl, INT64_MIN);
	if (rc == TZF_OK)
		rc = ivec_add(iv, INT64_MIN, &l);
	if (rc == TZF_OK && until > INT64_MIN)
		rc = tzf_timeline_changes(&tl, INT64_MIN + 1, until - 1,
		    add_change, iv);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The comparison */

struct tzf_cmp {
	const struct tzf_cmp_side *old, *new;
	struct tzf_cmp_opts opts;
	struct tzf_cmp_summary sum;
	int64_t split;
	bool split_known;
	struct tzf_cmp_name *names;	/* names with any difference */
	size_t nnames, nnames_alloc;
	struct tzf_cmp_alias *aliases;	/* chains and alias mismatches */
	size_t naliases, naliases_alloc;
	struct tzf_cmp_tab *tabs;
	size_t ntabs, ntabs_alloc;
	struct tzf_cmp_tabfile tabfiles[2 * NTABLES];
	size_t ntabfiles;
	char **strs;			/* owned texts of source lines */
	size_t nstrs, nstrs_alloc;
	struct ivec a, b;		/* scratch */
};

/* A NUL-terminated copy of [p, p+n) that the comparison owns. */
static const char *
keep_text(struct tzf_cmp *c, const char *p, size_t n)
{
	char *s;

	if (!tzf__grow(&c->strs, &c->nstrs_alloc, c->nstrs + 1,
	    sizeof *c->strs))
		return NULL;
	s = tzf__strndup(p, n);
	if (s != NULL)
		c->strs[c->nstrs++] = s;
	return s;
}

/* *OUT describes line FILE:LINE of side S; false when out of memory. */
static bool
make_src(struct tzf_cmp *c, struct tzf_cmp_src *out, char kind,
    const struct tzf_cmp_side *s, const char *file, long line)
{
	const char *p;
	size_t n;

	out->kind = kind;
	out->file = file;
	out->line = line;
	out->text = NULL;
	if (tzf__side_line(&p, &n, s, file, line)) {
		out->text = keep_text(c, p, n);
		return out->text != NULL;
	}
	return true;
}

static struct tzf_cmp_name *
new_name(struct tzf_cmp *c)
{
	struct tzf_cmp_name *p;

	if (!tzf__grow(&c->names, &c->nnames_alloc, c->nnames + 1,
	    sizeof *c->names))
		return NULL;
	p = &c->names[c->nnames++];
	memset(p, 0, sizeof *p);
	p->first = p->first_finite = p->last = INT64_MIN;
	return p;
}

static int
add_alias(struct tzf_cmp *c, const struct tzf_cmp_alias *a)
{
	if (!tzf__grow(&c->aliases, &c->naliases_alloc, c->naliases + 1,
	    sizeof *c->aliases))
		return TZF_ENOMEM;
	c->aliases[c->naliases++] = *a;
	return TZF_OK;
}

static int
add_tab(struct tzf_cmp *c, const char *file, const struct tabent *o,
    const struct tabent *n)
{
	struct tzf_cmp_tab *p;

	if (!tzf__grow(&c->tabs, &c->ntabs_alloc, c->ntabs + 1,
	    sizeof *c->tabs))
		return TZF_ENOMEM;
	p = &c->tabs[c->ntabs++];
	p->file = file;
	p->key = o ? o->key : n->key;
	p->old = o ? o->val : NULL;
	p->new = n ? n->val : NULL;
	p->old_line = o ? o->line : 0;
	p->new_line = n ? n->line : 0;
	c->sum.table_changes++;
	return TZF_OK;
}

/* ------------------------------------------------------------------ */
/* Episodes */

static bool
is_lmt(const struct tzf_local *l)
{
	return strcmp(l->abbr, "LMT") == 0;
}

static int32_t
delta(const struct tzf_local *x, const struct tzf_local *y)
{
	int64_t d = (int64_t)x->utoff - y->utoff;

	return (int32_t)(d < 0 ? -d : d);
}

/* Count one differing interval [t, end) with values X and Y into the
 * figures of a name or an episode. */
#define COUNT_INTERVAL(e, x, y) do {					\
	int32_t d_ = delta(x, y);					\
	bool lmt_ = is_lmt(x) || is_lmt(y);				\
	(e)->ndiff++;							\
	if (d_ != 0)							\
		(e)->noffset++;						\
	else if (strcmp((x)->abbr, (y)->abbr) != 0)			\
		(e)->nabbr++;						\
	else								\
		(e)->nisdst++;						\
	if (d_ > (e)->maxdelta)						\
		(e)->maxdelta = d_;					\
	if (!lmt_ && d_ > (e)->maxdelta_nolmt)				\
		(e)->maxdelta_nolmt = d_;				\
	if (!lmt_)							\
		(e)->lmt_only = false;					\
} while (0)

static enum tzf_cmp_class
class_of(size_t noffset, size_t nabbr, size_t nisdst)
{
	return noffset ? TZF_CMP_OFFSET : nabbr ? TZF_CMP_ABBR :
	    nisdst ? TZF_CMP_ISDST : TZF_CMP_SAME;
}

struct epvec {
	struct tzf_cmp_episode *v;
	size_t n, nalloc;
};

/* Start a new episode at T, or extend the last one when it ended less
 * than TZF_CMP_EPISODE_GAP before T. */
static struct tzf_cmp_episode *
episode_at(struct epvec *ev, int64_t t, const struct tzf_local *x,
    const struct tzf_local *y)
{
	struct tzf_cmp_episode *ep;

	if (ev->n > 0) {
		ep = &ev->v[ev->n - 1];
		if ((uint64_t)t - (uint64_t)ep->end <
		    (uint64_t)TZF_CMP_EPISODE_GAP) {
			ep->has_after = false;
			return ep;
		}
	}
	if (!tzf__grow(&ev->v, &ev->nalloc, ev->n + 1, sizeof *ev->v))
		return NULL;
	ep = &ev->v[ev->n++];
	memset(ep, 0, sizeof *ep);
	ep->start = t;
	ep->old = *x;
	ep->new = *y;
	ep->lmt_only = true;
	return ep;
}

/*
 * Walk the interval sequences A and B over [from, until): fill the
 * figures of E and gather its differing intervals into episodes.
 */
static int
walk(struct tzf_cmp_name *e, struct epvec *ev, const struct ivec *a,
    const struct ivec *b, int64_t from, int64_t until)
{
	size_t i = 0, j = 0;
	int64_t t = from;

	e->lmt_only = true;
	while (i + 1 < a->n && a->v[i + 1].start <= t)
		i++;
	while (j + 1 < b->n && b->v[j + 1].start <= t)
		j++;
	while (t < until) {
		int64_t end = until;
		const struct tzf_local *x = &a->v[i].v, *y = &b->v[j].v;

		if (i + 1 < a->n && a->v[i + 1].start < end)
			end = a->v[i + 1].start;
		if (j + 1 < b->n && b->v[j + 1].start < end)
			end = b->v[j + 1].start;
		if (!local_eq(x, y)) {
			struct tzf_cmp_episode *ep = episode_at(ev, t, x, y);

			if (ep == NULL)
				return TZF_ENOMEM;
			COUNT_INTERVAL(e, x, y);
			COUNT_INTERVAL(ep, x, y);
			ep->end = end;
			if (e->ndiff == 1) {
				e->first = t;
				e->first_finite = t != INT64_MIN ? t : end;
			}
			e->last = end;
			if (end > 0)
				e->since1970 = true;
		} else if (ev->n > 0 && ev->v[ev->n - 1].end == t) {
			ev->v[ev->n - 1].has_after = true;
			ev->v[ev->n - 1].after = *x;
		}
		t = end;
		if (i + 1 < a->n && a->v[i + 1].start == t)
			i++;
		if (j + 1 < b->n && b->v[j + 1].start == t)
			j++;
	}
	return TZF_OK;
}

/*
 * Finish the episodes of E: classes, and whether each is open (it runs
 * to the end of the range, or the footers differ and it would recur
 * within the gap) and in the future of the split.
 */
static void
finish_episodes(struct tzf_cmp *c, struct tzf_cmp_name *e,
    struct epvec *ev)
{
	size_t k;

	for (k = 0; k < ev->n; k++) {
		struct tzf_cmp_episode *ep = &ev->v[k];
		bool last = k + 1 == ev->n;

		ep->cls = class_of(ep->noffset, ep->nabbr, ep->nisdst);
		if (last && (ep->end >= c->opts.until ||
		    ((e->flags & TZF_CMP_FOOTER) && (uint64_t)c->opts.until -
		    (uint64_t)ep->end < (uint64_t)TZF_CMP_EPISODE_GAP))) {
			ep->end = INT64_MAX;
			ep->has_after = false;
		}
		ep->future = ep->end > c->split;
		if (ep->future)
			e->future = true;
		else
			e->past = true;
	}
	/* A footer change with no differing interval in range is still a
	 * change to future timestamps. */
	if (ev->n == 0 && (e->flags & TZF_CMP_FOOTER))
		e->future = true;
}

/* ------------------------------------------------------------------ */
/* The lines behind an episode */

struct srcvec {
	struct tzf_cmp_src *v;
	size_t n, nalloc;
};

static int
src_add(struct tzf_cmp *c, struct srcvec *sv, char kind,
    const struct tzf_cmp_side *s, const char *file, long line)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (sv->v[i].line == line && streq(sv->v[i].file, file))
			return TZF_OK;
	if (!tzf__grow(&sv->v, &sv->nalloc, sv->n + 1, sizeof *sv->v))
		return TZF_ENOMEM;
	if (!make_src(c, &sv->v[sv->n], kind, s, file, line))
		return TZF_ENOMEM;
	sv->n++;
	return TZF_OK;
}

/* Link lines first, then zone lines, then rule lines, each in file
 * order. */
static int
srccmp(const void *a, const void *b)
{
	const struct tzf_cmp_src *x = a, *y = b;
	int kx = x->kind == 'L' ? 0 : x->kind == 'Z' ? 1 : 2;
	int ky = y->kind == 'L' ? 0 : y->kind == 'Z' ? 1 : 2;
	int r = kx - ky;

	if (r == 0)
		r = strcmp(x->file ? x->file : "", y->file ? y->file : "");
	if (r == 0)
		r = x->line < y->line ? -1 : x->line > y->line;
	return r;
}

/* The zone of the parsed model named NAME, or -1. */
static ptrdiff_t
db_zone(const struct tzf_db *db, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < db->nzones; i++)
		if (strcmp(db->zlines[db->zones[i].first].name, name) == 0)
			return (ptrdiff_t)i;
	return -1;
}

/*
 * The Rule lines of zone line ZL that fire at T, a change from local
 * time BEFORE: those of its rule set whose years hold the local year of
 * T and whose month is T's local month, or when none is (a rule at
 * 24:00, or in UT across the end of a month) a neighbouring month.
 */
static int
rules_at(struct tzf_cmp *c, struct srcvec *sv, const struct tzf_cmp_side *s,
    const struct tzf_zline *zl, int64_t t, int32_t before)
{
	struct tzf_civil cv;
	size_t k;
	int pass, rc;

	tzf_civil_from_secs(&cv, tzf__sat_add(t, before));
	for (pass = 0; pass < 2; pass++) {
		size_t found = 0;

		for (k = 0; k < zl->nrules; k++) {
			const struct tzf_rule *r = &zl->rules[k];

			int dm = r->month - (cv.mon - 1);

			if (r->loyear > cv.year || r->hiyear < cv.year)
				continue;
			if (pass == 0 ? dm != 0 : dm < -1 || dm > 1)
				continue;
			rc = src_add(c, sv, 'R', s, r->file, r->line);
			if (rc < 0)
				return rc;
			found++;
		}
		if (found > 0)
			break;
	}
	return TZF_OK;
}

/*
 * The lines of side S (name N, intervals IV) behind episode EP: the Link
 * line when N is a link, the zone lines in effect during the episode,
 * and the Rule lines of the changes within it on that side.
 */
static int
episode_sources(struct tzf_cmp *c, struct tzf_cmp_episode *ep, int side,
    const struct tzf_cmp_side *s, const struct tzf_name *n,
    const struct ivec *iv)
{
	const struct tzf_db *db = tzf_histset_db(s->hs);
	struct srcvec sv = { NULL, 0, 0 };
	ptrdiff_t zi = db_zone(db, n->zone), hi = tzf_histset_find(s->hs,
	    n->name);
	const struct tzf_span *sp = NULL;
	size_t nsp = 0, k, m;
	int rc = TZF_OK;

	if (n->islink)
		rc = src_add(c, &sv, 'L', s, n->file, n->line);
	if (hi >= 0)
		sp = tzf_histset_spans(&nsp, s->hs, (size_t)hi);
	for (k = 0; rc == TZF_OK && zi >= 0 && k < nsp; k++) {
		int64_t lo = sp[k].start, up = k + 1 < nsp ? sp[k + 1].start :
		    INT64_MAX;
		const struct tzf_zline *zl;

		/* A line that starts where the episode ends brought the
		 * sides together again: it is behind the episode too. */
		if (up <= ep->start || lo > ep->end ||
		    k >= db->zones[zi].count)
			continue;
		zl = &db->zlines[db->zones[zi].first + k];
		rc = src_add(c, &sv, 'Z', s, sp[k].file, sp[k].line);
		/* The changes on this side within the episode and at its
		 * end, where the sides come together again. */
		for (m = 1; rc == TZF_OK && zl->nrules > 0 && m < iv->n;
		    m++) {
			int64_t t = iv->v[m].start;

			/* At LO the zone line itself changes things. */
			if (t < ep->start || (ep->end != INT64_MAX &&
			    t > ep->end) || t <= lo || t >= up)
				continue;
			rc = rules_at(c, &sv, s, zl, t, iv->v[m - 1].v.utoff);
		}
	}
	if (rc < 0) {
		tzf__free(sv.v);
		return rc;
	}
	if (sv.n > 1)
		qsort(sv.v, sv.n, sizeof *sv.v, srccmp);
	ep->src[side] = sv.v;
	ep->nsrc[side] = sv.n;
	return TZF_OK;
}

static int
behaviour(struct tzf_cmp *c, struct tzf_cmp_name *e,
    const struct tzf_tzif *ta, const struct tzf_tzif *tb)
{
	struct epvec ev = { NULL, 0, 0 };
	size_t k;
	int rc;

	rc = build_ivals(&c->a, ta, c->opts.until);
	if (rc == TZF_OK)
		rc = build_ivals(&c->b, tb, c->opts.until);
	if (rc == TZF_OK)
		rc = walk(e, &ev, &c->a, &c->b, c->opts.from, c->opts.until);
	e->footer_old = ta->version >= 2 ? ta->footer : NULL;
	e->footer_new = tb->version >= 2 ? tb->footer : NULL;
	if (!streq(e->footer_old, e->footer_new) && c->opts.until > 0) {
		e->flags |= TZF_CMP_FOOTER;
		e->since1970 = true;
	}
	if (e->ndiff > 0 || (e->flags & TZF_CMP_FOOTER))
		e->flags |= TZF_CMP_BEHAVIOUR;
	e->cls = class_of(e->noffset, e->nabbr, e->nisdst);
	if (e->ndiff == 0)
		e->lmt_only = false;
	finish_episodes(c, e, &ev);
	for (k = 0; rc == TZF_OK && k < ev.n; k++) {
		rc = episode_sources(c, &ev.v[k], 0, c->old, e->old, &c->a);
		if (rc == TZF_OK)
			rc = episode_sources(c, &ev.v[k], 1, c->new, e->new,
			    &c->b);
	}
	e->episodes = ev.v;
	e->nepisodes = ev.n;
	return rc;
}

/* Link-merge kind for NAME, a Zone on side ZS and a Link on side LS
 * (old_is_zone: ZS is the old side). */
static int
merge_kind(struct tzf_cmp *c, struct tzf_cmp_name *e,
    const struct tzf_cmp_side *zs, const struct tzf_cmp_side *ls,
    const struct tzf_name *link, bool old_is_zone)
{
	const char *file;
	long line;

	e->in_backzone = tzf__side_bz(&file, &line, ls, e->name);
	if (e->in_backzone && !make_src(c, &e->bzwhere, 'Z', ls, file, line))
		return TZF_ENOMEM;
	if (!old_is_zone)
		e->merge = TZF_CMP_MERGE_SPLIT;
	/* Zone -> Link: a rename when the link's zone is new. */
	else if (link->zone != NULL && tzf_histset_find(zs->hs, link->zone) < 0)
		e->merge = TZF_CMP_MERGE_RENAME;
	else if (e->in_backzone)
		e->merge = TZF_CMP_MERGE_BACKZONE;
	else
		e->merge = TZF_CMP_MERGE_DISCARDED;
	return TZF_OK;
}

/* The Zone/Link events and retargeting of a name on both sides. */
static int
name_kinds(struct tzf_cmp *c, struct tzf_cmp_name *e)
{
	const struct tzf_name *x = e->old, *y = e->new;

	if (!x->islink && y->islink) {
		e->flags |= TZF_CMP_ZONE_TO_LINK;
		c->sum.zone_to_link++;
		return merge_kind(c, e, c->old, c->new, y, true);
	}
	if (x->islink && !y->islink) {
		e->flags |= TZF_CMP_LINK_TO_ZONE;
		c->sum.link_to_zone++;
		return merge_kind(c, e, c->new, c->old, x, false);
	}
	if (x->islink && y->islink && !streq(x->target, y->target)) {
		e->flags |= TZF_CMP_RETARGETED;
		c->sum.link_retargeted++;
	}
	return TZF_OK;
}

static void
count_behaviour(struct tzf_cmp *c, const struct tzf_cmp_name *e)
{
	struct tzf_cmp_summary *s = &c->sum;

	s->behaviour_changed++;
	if (e->since1970)
		s->changed_since_1970++;
	else
		s->changed_before_1970_only++;
	if (e->flags & TZF_CMP_FOOTER)
		s->footer_changed++;
	if (e->cls == TZF_CMP_OFFSET)
		s->offset_changed++;
	else if (e->cls == TZF_CMP_ABBR)
		s->abbreviation_only++;
	else if (e->cls == TZF_CMP_ISDST)
		s->isdst_only++;
	if (e->lmt_only)
		s->lmt_only++;
	if (e->past)
		s->changed_past++;
	if (e->future)
		s->changed_future++;
}

/* Compare the data of a name present on both sides. */
static int
compare_data(struct tzf_cmp *c, struct tzf_cmp_name *e, size_t i, size_t j)
{
	const struct tzf_histset *ha = c->old->hs, *hb = c->new->hs;
	const struct tzf_tzif *ta = tzf_histset_tzif(ha, i);
	const struct tzf_tzif *tb = tzf_histset_tzif(hb, j);
	size_t la, lb;
	const void *ba, *bb;
	int rc;

	if (ta == NULL || tb == NULL) {
		if (ta != NULL || tb != NULL) {
			e->flags |= TZF_CMP_BEHAVIOUR;	/* broken link */
			e->since1970 = e->future = true;
			count_behaviour(c, e);
		}
		return TZF_OK;
	}
	ba = tzf_histset_bytes(&la, ha, i);
	bb = tzf_histset_bytes(&lb, hb, j);
	if (la == lb && memcmp(ba, bb, la) == 0)
		return TZF_OK;
	rc = behaviour(c, e, ta, tb);
	if (rc == TZF_OK && (e->flags & TZF_CMP_BEHAVIOUR))
		count_behaviour(c, e);
	return rc;
}

static int
where_src(struct tzf_cmp *c, struct tzf_cmp_src *out,
    const struct tzf_cmp_side *s, const struct tzf_name *n)
{
	if (n == NULL)
		return TZF_OK;
	return make_src(c, out, n->islink ? 'L' : 'Z', s, n->file, n->line) ?
	    TZF_OK : TZF_ENOMEM;
}

static int
compare_names(struct tzf_cmp *c)
{
	const struct tzf_histset *ha = c->old->hs, *hb = c->new->hs;
	size_t na = tzf_histset_count(ha), nb = tzf_histset_count(hb);
	size_t i = 0, j = 0;
	int rc = TZF_OK;

	c->sum.names_old = na;
	c->sum.names_new = nb;
	while (rc == TZF_OK && (i < na || j < nb)) {
		const struct tzf_name *x = i < na ? tzf_histset_name(ha, i) :
		    NULL;
		const struct tzf_name *y = j < nb ? tzf_histset_name(hb, j) :
		    NULL;
		int cmp = x == NULL ? 1 : y == NULL ? -1 :
		    strcmp(x->name, y->name);
		struct tzf_cmp_name *e = new_name(c);

		if (e == NULL)
			return TZF_ENOMEM;
		e->name = cmp <= 0 ? x->name : y->name;
		e->old = cmp <= 0 ? x : NULL;
		e->new = cmp >= 0 ? y : NULL;
		rc = where_src(c, &e->where[0], c->old, e->old);
		if (rc == TZF_OK)
			rc = where_src(c, &e->where[1], c->new, e->new);
		if (cmp < 0) {
			e->flags = TZF_CMP_REMOVED;
			c->sum.removed++;
			i++;
		} else if (cmp > 0) {
			e->flags = TZF_CMP_ADDED;
			c->sum.added++;
			j++;
		} else {
			if (rc == TZF_OK)
				rc = name_kinds(c, e);
			if (rc == TZF_OK)
				rc = compare_data(c, e, i++, j++);
		}
		if (rc == TZF_OK && e->flags == 0)
			c->nnames--;	/* nothing to say about it */
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Groups of names that differ alike */

/* Names whose data comes from zones A on the old side and B on the
 * new one (both non-NULL) differ alike. */
static bool
same_group(const struct tzf_cmp_name *p, const struct tzf_cmp_name *q)
{
	return p->old->zone != NULL && p->new->zone != NULL &&
	    streq(p->old->zone, q->old->zone) &&
	    streq(p->new->zone, q->new->zone);
}

static bool
groupable(const struct tzf_cmp_name *e)
{
	return (e->flags & TZF_CMP_BEHAVIOUR) && e->old != NULL &&
	    e->new != NULL && e->old->zone != NULL && e->new->zone != NULL;
}

/* The head of a group: the zone on the new side, else on the old. */
static bool
better_head(const struct tzf_cmp_name *e, const struct tzf_cmp_name *h)
{
	int re = streq(e->name, e->new->zone) ? 2 :
	    streq(e->name, e->old->zone) ? 1 : 0;
	int rh = streq(h->name, h->new->zone) ? 2 :
	    streq(h->name, h->old->zone) ? 1 : 0;

	return re > rh;
}

/*
 * Set GROUP and NGROUP.  Quadratic in the names that differ, which are
 * few (110 for a whole fork); grouping by sorting would need the pairs
 * of zone names as keys.
 */
static void
make_groups(struct tzf_cmp *c)
{
	size_t i, j;

	for (i = 0; i < c->nnames; i++) {
		struct tzf_cmp_name *e = &c->names[i], *head = e;

		if (!groupable(e) || e->group != NULL)
			continue;
		for (j = i + 1; j < c->nnames; j++)
			if (groupable(&c->names[j]) &&
			    same_group(e, &c->names[j]) &&
			    better_head(&c->names[j], head))
				head = &c->names[j];
		head->ngroup = 0;
		for (j = i; j < c->nnames; j++)
			if (groupable(&c->names[j]) &&
			    same_group(e, &c->names[j])) {
				c->names[j].group = head->name;
				head->ngroup++;
			}
		c->sum.zones_changed++;
	}
	for (i = 0; i < c->nnames; i++)
		if ((c->names[i].flags & TZF_CMP_BEHAVIOUR) &&
		    c->names[i].group == NULL) {
			c->names[i].group = c->names[i].name;
			c->names[i].ngroup = 1;
			c->sum.zones_changed++;
		}
}

/* ------------------------------------------------------------------ */
/* Links and tables */

/* The names a chain from link X passes through, X first. */
static int
chain_hops(struct tzf_cmp_alias *a, const struct tzf_histset *hs,
    const struct tzf_name *x)
{
	const char **v = NULL;
	size_t n = 0, nalloc = 0;
	const struct tzf_name *t = x;

	while (t != NULL && n < 66) {
		ptrdiff_t k;

		if (!tzf__grow(&v, &nalloc, n + 1, sizeof *v)) {
			tzf__free(v);
			return TZF_ENOMEM;
		}
		v[n++] = t->name;
		if (!t->islink)
			break;
		k = tzf_histset_find(hs, t->target);
		t = k >= 0 ? tzf_histset_name(hs, (size_t)k) : NULL;
	}
	a->hops = v;
	a->nhops = n;
	return TZF_OK;
}

/* Link chains and "#=" aliases that compile differently, on side S. */
static int
check_links(struct tzf_cmp *c, const struct tzf_cmp_side *s, int side)
{
	const struct tzf_histset *hs = s->hs;
	size_t i, n = tzf_histset_count(hs);
	int rc;

	for (i = 0; i < n; i++) {
		const struct tzf_name *x = tzf_histset_name(hs, i);
		struct tzf_cmp_alias a = { side, true, x->name, x->target,
			x->zone, NULL, 0 };
		ptrdiff_t k;

		if (!x->islink)
			continue;
		k = tzf_histset_find(hs, x->target);
		if (k < 0 || !tzf_histset_name(hs, (size_t)k)->islink)
			continue;
		rc = chain_hops(&a, hs, x);
		if (rc == TZF_OK)
			rc = add_alias(c, &a);
		if (rc < 0) {
			tzf__free((void *)a.hops);
			return rc;
		}
		if (side == 0)
			c->sum.link_chains_old++;
		else
			c->sum.link_chains_new++;
	}
	for (i = 0; i < s->naliases; i++) {
		ptrdiff_t p = tzf_histset_find(hs, s->aliases[i].name);
		ptrdiff_t q = tzf_histset_find(hs, s->aliases[i].alias_of);
		struct tzf_cmp_alias a = { side, false, NULL, NULL, NULL,
			NULL, 0 };
		const void *bp, *bq;
		size_t lp, lq;

		if (p < 0 || q < 0)
			continue;
		bp = tzf_histset_bytes(&lp, hs, (size_t)p);
		bq = tzf_histset_bytes(&lq, hs, (size_t)q);
		if (bp != NULL && bq != NULL && lp == lq &&
		    memcmp(bp, bq, lp) == 0)
			continue;
		a.name = tzf_histset_name(hs, (size_t)p)->name;
		a.target = tzf_histset_name(hs, (size_t)q)->name;
		a.zone = tzf_histset_name(hs, (size_t)p)->zone;
		rc = add_alias(c, &a);
		if (rc < 0)
			return rc;
		c->sum.alias_mismatch++;
	}
	return TZF_OK;
}

/* The entries of one table file present on both sides. */
static int
compare_table(struct tzf_cmp *c, const char *file, const struct table *a,
    const struct table *b)
{
	size_t i = 0, j = 0;
	int rc = TZF_OK;

	while (rc == TZF_OK && (i < a->n || j < b->n)) {
		int cmp = i == a->n ? 1 : j == b->n ? -1 :
		    strcmp(a->e[i].key, b->e[j].key);

		if (cmp < 0)
			rc = add_tab(c, file, &a->e[i++], NULL);
		else if (cmp > 0)
			rc = add_tab(c, file, NULL, &b->e[j++]);
		else {
			if (strcmp(a->e[i].val, b->e[j].val) != 0)
				rc = add_tab(c, file, &a->e[i], &b->e[j]);
			i++;
			j++;
		}
	}
	return rc;
}

static int
compare_tables(struct tzf_cmp *c)
{
	int k, rc;

	for (k = 0; k < NTABLES; k++) {
		const struct table *a = &c->old->tabs[k], *b = &c->new->tabs[k];

		if (a->present != b->present) {
			struct tzf_cmp_tabfile *f = &c->tabfiles[c->ntabfiles++];

			f->file = tzf__table_files[k];
			f->side = b->present;
			f->entries = b->present ? b->n : a->n;
			c->sum.table_files_changed++;
			continue;
		}
		rc = a->present ? compare_table(c, tzf__table_files[k], a, b) :
		    TZF_OK;
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

int
tzf_compare(struct tzf_cmp **out, const struct tzf_cmp_side *old,
    const struct tzf_cmp_side *new, const struct tzf_cmp_opts *opts,
    struct tzf_diag *dg)
{
	struct tzf_cmp_opts def = TZF_CMP_OPTS_INIT;
	struct tzf_cmp *c;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &def;
	if (opts->from >= opts->until) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "empty time range: 'from' is not before 'until'");
		return TZF_EINVAL;
	}
	c = tzf__calloc(1, sizeof *c);
	if (c == NULL)
		return TZF_ENOMEM;
	c->old = old;
	c->new = new;
	c->opts = *opts;
	c->split_known = tzf_cmp_side_date(&c->split, new);
	if (!c->split_known)
		c->split = 0;
	rc = compare_names(c);
	if (rc == TZF_OK)
		make_groups(c);
	if (rc == TZF_OK)
		rc = check_links(c, old, 0);
	if (rc == TZF_OK)
		rc = check_links(c, new, 1);
	if (rc == TZF_OK)
		rc = compare_tables(c);
	tzf__free(c->a.v);
	tzf__free(c->b.v);
	c->a.v = c->b.v = NULL;
	if (rc < 0) {
		if (rc == TZF_EINVAL)
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "cannot read back compiled data");
		tzf_cmp_free(c);
		return rc;
	}
	*out = c;
	return TZF_OK;
}

void
tzf_cmp_free(struct tzf_cmp *c)
{
	size_t i, k;

	if (c == NULL)
		return;
	for (i = 0; i < c->nnames; i++) {
		struct tzf_cmp_name *e = &c->names[i];

		for (k = 0; k < e->nepisodes; k++) {
			tzf__free((void *)e->episodes[k].src[0]);
			tzf__free((void *)e->episodes[k].src[1]);
		}
		tzf__free((void *)e->episodes);
	}
	tzf__free(c->names);
	for (i = 0; i < c->naliases; i++)
		tzf__free((void *)c->aliases[i].hops);
	tzf__free(c->aliases);
	tzf__free(c->tabs);
	for (i = 0; i < c->nstrs; i++)
		tzf__free(c->strs[i]);
	tzf__free(c->strs);
	tzf__free(c->a.v);
	tzf__free(c->b.v);
	tzf__free(c);
}

const struct tzf_cmp_summary *
tzf_cmp_summary(const struct tzf_cmp *c)
{
	return &c->sum;
}

bool
tzf_cmp_differ(const struct tzf_cmp *c)
{
	const struct tzf_cmp_summary *s = &c->sum;

	return s->added || s->removed || s->zone_to_link || s->link_to_zone ||
	    s->link_retargeted || s->behaviour_changed || s->table_changes ||
	    s->table_files_changed || s->alias_mismatch;
}

const struct tzf_cmp_side *
tzf_cmp_old(const struct tzf_cmp *c)
{
	return c->old;
}

const struct tzf_cmp_side *
tzf_cmp_new(const struct tzf_cmp *c)
{
	return c->new;
}

const struct tzf_cmp_opts *
tzf_cmp_opts(const struct tzf_cmp *c)
{
	return &c->opts;
}

int64_t
tzf_cmp_split(const struct tzf_cmp *c, bool *known)
{
	if (known != NULL)
		*known = c->split_known;
	return c->split;
}

size_t
tzf_cmp_count(const struct tzf_cmp *c)
{
	return c->nnames;
}

const struct tzf_cmp_name *
tzf_cmp_name(const struct tzf_cmp *c, size_t i)
{
	return i < c->nnames ? &c->names[i] : NULL;
}

const struct tzf_cmp_name *
tzf_cmp_find(const struct tzf_cmp *c, const char *name)
{
	size_t lo = 0, hi = c->nnames;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->names[mid].name, name);

		if (r == 0)
			return &c->names[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
tzf_cmp_nlinks(const struct tzf_cmp *c)
{
	return c->naliases;
}

const struct tzf_cmp_alias *
tzf_cmp_link(const struct tzf_cmp *c, size_t i)
{
	return i < c->naliases ? &c->aliases[i] : NULL;
}

size_t
tzf_cmp_ntabs(const struct tzf_cmp *c)
{
	return c->ntabs;
}

const struct tzf_cmp_tab *
tzf_cmp_tab(const struct tzf_cmp *c, size_t i)
{
	return i < c->ntabs ? &c->tabs[i] : NULL;
}

size_t
tzf_cmp_ntabfiles(const struct tzf_cmp *c)
{
	return c->ntabfiles;
}

const struct tzf_cmp_tabfile *
tzf_cmp_tabfile(const struct tzf_cmp *c, size_t i)
{
	return i < c->ntabfiles ? &c->tabfiles[i] : NULL;
}

/* ------------------------------------------------------------------ */
/* One name side by side */

int
tzf_cmp_rows(struct tzf_cmp_row **out, size_t *n, const struct tzf_cmp *c,
    const char *name)
{
	const struct tzf_histset *ha = c->old->hs, *hb = c->new->hs;
	ptrdiff_t i = tzf_histset_find(ha, name), j = tzf_histset_find(hb,
	    name);
	const struct tzf_tzif *ta = i >= 0 ? tzf_histset_tzif(ha, (size_t)i) :
	    NULL;
	const struct tzf_tzif *tb = j >= 0 ? tzf_histset_tzif(hb, (size_t)j) :
	    NULL;
	struct ivec a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct tzf_cmp_row *rows = NULL;
	size_t nrows = 0, nalloc = 0, x = 0, y = 0;
	int64_t t = c->opts.from, until = c->opts.until;
	int rc = TZF_OK;

	*out = NULL;
	*n = 0;
	if (ta == NULL && tb == NULL)
		return TZF_ENOTFOUND;
	if (ta != NULL)
		rc = build_ivals(&a, ta, until);
	if (rc == TZF_OK && tb != NULL)
		rc = build_ivals(&b, tb, until);
	while (rc == TZF_OK && t < until) {
		int64_t end = until;
		struct tzf_cmp_row *r;

		while (x + 1 < a.n && a.v[x + 1].start <= t)
			x++;
		while (y + 1 < b.n && b.v[y + 1].start <= t)
			y++;
		if (x + 1 < a.n && a.v[x + 1].start < end)
			end = a.v[x + 1].start;
		if (y + 1 < b.n && b.v[y + 1].start < end)
			end = b.v[y + 1].start;
		if (!tzf__grow(&rows, &nalloc, nrows + 1, sizeof *rows)) {
			rc = TZF_ENOMEM;
			break;
		}
		r = &rows[nrows++];
		memset(r, 0, sizeof *r);
		r->start = t;
		r->end = end;
		r->has_old = a.n > 0;
		r->has_new = b.n > 0;
		if (r->has_old)
			r->old = a.v[x].v;
		if (r->has_new)
			r->new = b.v[y].v;
		r->differ = !r->has_old || !r->has_new ||
		    !local_eq(&r->old, &r->new);
		t = end;
	}
	tzf__free(a.v);
	tzf__free(b.v);
	if (rc < 0) {
		tzf__free(rows);
		return rc;
	}
	*out = rows;
	*n = nrows;
	return TZF_OK;
}
