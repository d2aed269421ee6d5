/*
 * html.c: tzdb history --format html, one name across the releases of
 * a store as a self-contained page: a chart (lib/chart.c, the one
 * tzdiff's report draws) with one line per distinct compiled history,
 * the spans where they disagree with the newest one shaded, then the
 * releases as a table.  Inline CSS and SVG, no script, no external
 * resource; text from the store through tzf_buf_put_html().
 */
#include <stdlib.h>
#include <string.h>

#include "tzdb.h"

#define MAX_SERIES 8		/* distinct histories drawn */
#define YEAR INT64_C(31556952)

static const char style[] =
    "body{font:14px/1.45 sans-serif;margin:1.5em auto;max-width:60em;"
    "padding:0 1em;color:#1a1a1a;background:#fff}\n"
    "h1{font-size:1.5em}table{border-collapse:collapse;margin:1em 0}\n"
    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\n"
    "th{background:#f1f3f5}code{font:12px monospace}\n"
    "svg.chart{display:block;max-width:100%;height:auto;"
    "font:11px sans-serif}\n"
    "svg.chart .grid{stroke:#e9ecef}svg.chart .xaxis line,"
    "svg.chart .yaxis line{stroke:#adb5bd}\n"
    "svg.chart .band{fill:#f59f00;fill-opacity:.22}\n"
    "svg.chart path{stroke-width:2}\n";

/* One distinct history: its steps and the releases that have it. */
struct hist {
	const char *sha;
	struct tzf_chart_step *v;
	size_t n, nalloc;
	struct tzf_buf label;	/* "2021a, 2022a", "2012e ... 2022a (34)" */
	const char *first, *last;
	size_t nrel;
};

static int
add_step(void *payload, const struct tzf_change *c)
{
	struct hist *h = payload;

	if (h->n > 0 && h->v[h->n - 1].utoff == c->after.utoff)
		return 0;
	if (h->n == h->nalloc) {
		size_t na = h->nalloc ? 2 * h->nalloc : 64;
		struct tzf_chart_step *p = realloc(h->v, na * sizeof *p);

		if (p == NULL)
			return TZF_ENOMEM;
		h->v = p;
		h->nalloc = na;
	}
	h->v[h->n].start = c->at;
	h->v[h->n++].utoff = c->after.utoff;
	return 0;
}

/* The UT offsets of RELEASE's NAME over time, into H. */
static int
load_steps(struct hist *h, struct tzf_store *st, const char *release,
    const char *name, struct tzf_diag *dg)
{
	struct tzf_change first;
	struct tzf_zinfo *z;
	int rc;

	rc = tzf_store_zinfo(&z, st, release, name, dg);
	if (rc < 0)
		return rc;
	memset(&first, 0, sizeof first);
	first.at = INT64_MIN;
	rc = tzf_zinfo_at(&first.after, NULL, z, INT64_MIN);
	if (rc == TZF_OK)
		rc = add_step(h, &first);
	if (rc == TZF_OK)
		rc = tzf_zinfo_changes(z, INT64_MIN + 1, TZF_CMP_UNTIL_DEFAULT,
		    add_step, h);
	tzf_zinfo_free(z);
	return rc;
}

/* The histories of rows R, in the order they first appear. */
static int
collect(struct hist *hs, size_t *nh, struct tzf_store *st, const char *name,
    const struct tzf_hist_row *r, size_t n, struct tzf_diag *dg)
{
	size_t i, k;
	int rc = TZF_OK;

	*nh = 0;
	for (i = 0; rc == TZF_OK && i < n; i++) {
		if (!r[i].present || !*r[i].sha256)
			continue;
		for (k = 0; k < *nh; k++)
			if (strcmp(hs[k].sha, r[i].sha256) == 0)
				break;
		if (k == *nh) {
			if (*nh == MAX_SERIES)
				continue;
			memset(&hs[k], 0, sizeof hs[k]);
			hs[k].sha = r[i].sha256;
			hs[k].first = r[i].release;
			rc = load_steps(&hs[k], st, r[i].release, name, dg);
			(*nh)++;
		}
		hs[k].last = r[i].release;
		/* The releases by name while they are few. */
		if (++hs[k].nrel <= 3)
			tzf_buf_printf(&hs[k].label, "%s%s", hs[k].nrel > 1 ?
			    ", " : "", r[i].release);
	}
	for (k = 0; k < *nh; k++) {
		struct hist *h = &hs[k];

		if (h->nrel > 3) {
			h->label.len = 0;
			tzf_buf_printf(&h->label, "%s ... %s (%zu releases)",
			    h->first, h->last, h->nrel);
		}
		if (h->label.oom)
			rc = TZF_ENOMEM;
	}
	return rc;
}

/* The offset of H at T. */
static int32_t
off_at(const struct hist *h, int64_t t)
{
	size_t k = 0;

	while (k + 1 < h->n && h->v[k + 1].start <= t)
		k++;
	return h->n ? h->v[k].utoff : 0;
}

/*
 * Where some history's offset differs from the last one's: bands over
 * the instants where any series steps.  Returns the number of bands.
 */
static size_t
disagreements(struct tzf_chart_band *out, size_t max, const struct hist *hs,
    size_t nh)
{
	const struct hist *ref = &hs[nh - 1];
	size_t k, i, nb = 0;
	int64_t t = INT64_MIN;

	while (nb < max) {
		int64_t next = INT64_MAX;
		bool differ = false;

		for (k = 0; k < nh; k++) {
			differ |= off_at(&hs[k], t) != off_at(ref, t);
			for (i = 0; i < hs[k].n; i++)
				if (hs[k].v[i].start > t &&
				    hs[k].v[i].start < next)
					next = hs[k].v[i].start;
		}
		if (differ && nb > 0 && out[nb - 1].end == t)
			out[nb - 1].end = next;
		else if (differ)
			out[nb++] = (struct tzf_chart_band){ t, next };
		if (next == INT64_MAX)
			break;
		t = next;
	}
	return nb;
}

static void
window(struct tzf_chart *c, const struct hist *hs, size_t nh)
{
	int64_t lo = INT64_MAX, hi = INT64_MIN, pad;
	size_t i;

	for (i = 0; i < c->nbands; i++) {
		if (c->bands[i].start != INT64_MIN && c->bands[i].start < lo)
			lo = c->bands[i].start;
		if (c->bands[i].end != INT64_MAX && c->bands[i].end > hi)
			hi = c->bands[i].end;
		if (c->bands[i].end != INT64_MAX && c->bands[i].end < lo)
			lo = c->bands[i].end;
	}
	if (lo > hi) {		/* all alike: the newest's transitions */
		lo = hs[nh - 1].n > 1 ? hs[nh - 1].v[1].start : 0;
		hi = TZF_CMP_UNTIL_DEFAULT - 60 * YEAR;
	}
	pad = (hi - lo) / 10 > 5 * YEAR ? (hi - lo) / 10 : 5 * YEAR;
	c->from = lo - pad;
	c->until = hi + pad < TZF_CMP_UNTIL_DEFAULT ? hi + pad :
	    TZF_CMP_UNTIL_DEFAULT;
}

static void
h(struct tzf_buf *b, const char *s)
{
	tzf_buf_put_html(b, s != NULL ? s : "-");
}

static void
table(struct tzf_buf *b, const struct tzf_hist_row *r, size_t n)
{
	size_t i;

	tzf_buf_puts(b, "<table>\n<tr><th>lineage</th><th>release</th>"
	    "<th>kind</th><th>target</th><th>data (SHA-256)</th></tr>\n");
	for (i = 0; i < n; i++) {
		tzf_buf_puts(b, "<tr><td>");
		h(b, *r[i].origin ? r[i].origin : "(local trees)");
		tzf_buf_puts(b, " ");
		h(b, r[i].switches);
		tzf_buf_puts(b, "</td><td>");
		h(b, r[i].release);
		tzf_buf_printf(b, "</td><td>%s</td><td><code>", !r[i].present ?
		    "-" : r[i].islink ? "link" : "zone");
		h(b, r[i].target);
		tzf_buf_printf(b, "</code></td><td><code>%.12s</code></td>"
		    "</tr>\n", r[i].present ? r[i].sha256 : "-");
	}
	tzf_buf_puts(b, "</table>\n");
}

int
html_history(struct tzf_store *st, const char *name,
    const struct tzf_hist_row *r, size_t n, struct tzf_diag *dg)
{
	struct hist hs[MAX_SERIES];
	struct tzf_chart_series series[MAX_SERIES];
	struct tzf_chart_band bands[256];
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_chart c;
	size_t nh = 0, k;
	int rc;

	memset(&c, 0, sizeof c);
	rc = collect(hs, &nh, st, name, r, n, dg);
	tzf_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>tzdb history: ");
	h(&b, name);
	tzf_buf_printf(&b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<h1>tzdb history: <code>", style);
	h(&b, name);
	tzf_buf_puts(&b, "</code></h1>\n");
	if (rc == TZF_OK && nh > 0) {
		for (k = 0; k < nh; k++) {
			series[k].label = hs[k].label.ptr;
			series[k].steps = hs[k].v;
			series[k].n = hs[k].n;
		}
		c.title = name;
		c.series = series;
		c.nseries = nh;
		c.bands = bands;
		c.nbands = disagreements(bands, 256, hs, nh);
		window(&c, hs, nh);
		tzf_buf_printf(&b, "<p>UT offset of each distinct compiled "
		    "history (%zu); shaded where one differs from the newest."
		    "</p>\n", nh);
		rc = tzf_chart_svg(&b, &c);
	}
	table(&b, r, n);
	tzf_buf_puts(&b, "</body>\n</html>\n");
	if (rc == TZF_OK)
		out_raw(&b);
	for (k = 0; k < nh; k++) {
		free(hs[k].v);
		tzf_buf_dispose(&hs[k].label);
	}
	tzf_buf_dispose(&b);
	return rc;
}
