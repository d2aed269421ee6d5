/*
 * chart.c: a UT offset timeline drawn as inline SVG, the chart that
 * tzdiff's HTML report (one per differing zone, both sides) and tzdb's
 * history page (one zone across releases) share.
 *
 * A chart is a few step functions of time (each series a UT offset that
 * holds from each step to the next), shaded bands (the differing
 * episodes), a time axis with ticks at round civil dates, an offset axis
 * in whole hours and a legend.  The SVG is self-contained (no script,
 * no external resource, no font beyond the generic families) and depends
 * only on the chart: dates come from lib/civil.c, text goes through
 * tzf_buf_put_html().
 */
#include "tzf_int.h"

/* The plot area inside the SVG's viewBox. */
#define MARGIN_L 56
#define MARGIN_R 12
#define MARGIN_T 24
#define MARGIN_B 40

static const char *const colours[] = { "#1b6ac9", "#d9480f", "#2b8a3e",
	"#862e9c", "#5c5f66" };
#define NCOLOURS (sizeof colours / sizeof *colours)

struct frame {
	const struct tzf_chart *c;
	double x0, x1, y0, y1;	/* the plot area */
	int32_t lo, hi;		/* offsets at the bottom and the top */
};

static double
xpos(const struct frame *f, int64_t t)
{
	const struct tzf_chart *c = f->c;
	double span = (double)c->until - (double)c->from;

	if (t <= c->from)
		return f->x0;
	if (t >= c->until)
		return f->x1;
	return f->x0 + ((double)t - (double)c->from) / span * (f->x1 - f->x0);
}

static double
ypos(const struct frame *f, int32_t off)
{
	return f->y1 - ((double)off - f->lo) / ((double)f->hi - f->lo) *
	    (f->y1 - f->y0);
}

/* The offsets shown: every series' values in range, widened to whole
 * hours with half an hour to spare. */
static void
offset_range(struct frame *f)
{
	const struct tzf_chart *c = f->c;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	size_t s, k;

	for (s = 0; s < c->nseries; s++)
		for (k = 0; k < c->series[s].n; k++) {
			const struct tzf_chart_step *st = &c->series[s].steps[k];
			int64_t end = k + 1 < c->series[s].n ?
			    c->series[s].steps[k + 1].start : INT64_MAX;

			if (end <= c->from || st->start >= c->until)
				continue;
			if (st->utoff < lo)
				lo = st->utoff;
			if (st->utoff > hi)
				hi = st->utoff;
		}
	if (lo > hi)
		lo = hi = 0;
	f->lo = (lo - 1800) / 3600 * 3600 - (lo - 1800 < 0 ? 3600 : 0);
	f->hi = (hi + 1800 + 3599) / 3600 * 3600;
	if (f->hi - f->lo < 2 * 3600)
		f->hi = f->lo + 2 * 3600;
}

/* Tick steps for the time axis, smallest first: seconds, or months when
 * negative. */
static const int64_t steps[] = {
	60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400,
	2 * 86400, 7 * 86400, -1, -3, -6, -12, -24, -60, -120, -240, -600,
	-1200, -2400, -6000, -12000
};

/* The first tick at or after T for STEP. */
static int64_t
first_tick(int64_t t, int64_t step)
{
	struct tzf_civil cv;
	int64_t m, out;

	if (step > 0)
		return t >= 0 ? (t + step - 1) / step * step : -(-t / step * step);
	tzf_civil_from_secs(&cv, t);
	m = cv.year * 12 + (cv.mon - 1);
	m = (m + -step - 1) / -step * -step;
	if (tzf_civil_to_secs(&out, m / 12, (int)(m % 12) + 1, 1, 0, 0, 0) !=
	    TZF_OK)
		return INT64_MAX;
	if (out < t) {
		m += -step;
		if (tzf_civil_to_secs(&out, m / 12, (int)(m % 12) + 1, 1, 0, 0,
		    0) != TZF_OK)
			return INT64_MAX;
	}
	return out;
}

static int64_t
next_tick(int64_t t, int64_t step)
{
	return step > 0 ? tzf__sat_add(t, step) : first_tick(t + 1, step);
}

/* The smallest step that gives at most 8 ticks. */
static int64_t
tick_step(const struct tzf_chart *c)
{
	double span = (double)c->until - (double)c->from;
	size_t i;

	for (i = 0; i < sizeof steps / sizeof *steps; i++) {
		double d = steps[i] > 0 ? (double)steps[i] :
		    (double)-steps[i] * 30.44 * 86400;

		if (span / d <= 8)
			return steps[i];
	}
	return steps[sizeof steps / sizeof *steps - 1];
}

static void
tick_label(struct tzf_buf *b, int64_t t, int64_t step)
{
	char buf[40];

	tzf_time_format(buf, sizeof buf, t, false);
	if (step <= -12)
		buf[4] = '\0';			/* 1940 */
	else if (step < 0)
		buf[7] = '\0';			/* 1940-08 */
	else if (step >= 86400)
		buf[10] = '\0';			/* 1940-08-10 */
	else {
		buf[16] = '\0';			/* 1940-08-10T12:00 */
		buf[10] = ' ';
	}
	tzf_buf_puts(b, buf);
}

static void
time_axis(struct tzf_buf *b, const struct frame *f)
{
	int64_t step = tick_step(f->c), t;
	int n = 0;

	tzf_buf_printf(b, "<g class=\"xaxis\">\n<line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/>\n", f->x0, f->y1, f->x1, f->y1);
	for (t = first_tick(f->c->from, step); t < f->c->until && n < 64;
	    t = next_tick(t, step), n++) {
		double x = xpos(f, t);

		tzf_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\">", x, f->y0, x, f->y1, x,
		    f->y1 + 16);
		tick_label(b, t, step);
		tzf_buf_puts(b, "</text>\n");
	}
	tzf_buf_puts(b, "</g>\n");
}

static void
offset_axis(struct tzf_buf *b, const struct frame *f)
{
	int32_t off;
	char buf[16];

	tzf_buf_printf(b, "<g class=\"yaxis\">\n<line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\"/>\n", f->x0, f->y0, f->x0, f->y1);
	for (off = f->lo; off <= f->hi; off += 3600) {
		double y = ypos(f, off);

		tzf_offset_format(buf, sizeof buf, off);
		buf[3] = '\0';		/* +01 */
		tzf_buf_printf(b, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">%s</text>\n", f->x0, y, f->x1, y,
		    f->x0 - 6, y + 4, buf);
	}
	tzf_buf_puts(b, "</g>\n");
}

static void
bands(struct tzf_buf *b, const struct frame *f)
{
	size_t i;

	for (i = 0; i < f->c->nbands; i++) {
		const struct tzf_chart_band *bd = &f->c->bands[i];
		double xa = xpos(f, bd->start), xb = xpos(f, bd->end);

		if (xb < xa + 1.5)	/* short ones still show */
			xb = xa + 1.5;
		tzf_buf_printf(b, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>\n", xa, f->y0, xb - xa,
		    f->y1 - f->y0);
	}
}

/* One series as a step path within the range. */
static void
series_path(struct tzf_buf *b, const struct frame *f, size_t s)
{
	const struct tzf_chart_series *sr = &f->c->series[s];
	bool started = false;
	size_t k;

	tzf_buf_printf(b, "<path class=\"s%zu\" fill=\"none\" stroke=\"%s\" "
	    "d=\"", s, colours[s % NCOLOURS]);
	for (k = 0; k < sr->n; k++) {
		int64_t end = k + 1 < sr->n ? sr->steps[k + 1].start :
		    INT64_MAX;
		double y = ypos(f, sr->steps[k].utoff);

		if (end <= f->c->from || sr->steps[k].start >= f->c->until)
			continue;
		if (!started)
			tzf_buf_printf(b, "M%.1f %.1f", xpos(f,
			    sr->steps[k].start), y);
		else
			tzf_buf_printf(b, "V%.1f", y);
		tzf_buf_printf(b, "H%.1f", xpos(f, end));
		started = true;
	}
	tzf_buf_puts(b, "\"/>\n");
}

static void
legend(struct tzf_buf *b, const struct frame *f)
{
	double x = f->x0;
	size_t s;

	for (s = 0; s < f->c->nseries; s++) {
		const char *label = f->c->series[s].label;

		tzf_buf_printf(b, "<line x1=\"%.1f\" y1=\"12\" x2=\"%.1f\" "
		    "y2=\"12\" stroke=\"%s\" stroke-width=\"3\"/>"
		    "<text x=\"%.1f\" y=\"16\">", x, x + 18,
		    colours[s % NCOLOURS], x + 22);
		tzf_buf_put_html(b, label ? label : "");
		tzf_buf_puts(b, "</text>\n");
		x += 40 + 7 * (double)strlen(label ? label : "");
	}
}

int
tzf_chart_svg(struct tzf_buf *out, const struct tzf_chart *c)
{
	struct frame f;
	int w = c->width > 0 ? c->width : 720, h = c->height > 0 ?
	    c->height : 200;
	size_t s;

	if (c->from >= c->until)
		return TZF_EINVAL;
	f.c = c;
	f.x0 = MARGIN_L;
	f.x1 = w - MARGIN_R;
	f.y0 = MARGIN_T;
	f.y1 = h - MARGIN_B;
	offset_range(&f);
	/* Inline in HTML, an svg element needs no namespace attribute. */
	tzf_buf_printf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\"><title>", w, h, w, h);
	tzf_buf_put_html(out, c->title ? c->title : "");
	tzf_buf_puts(out, "</title>\n");
	bands(out, &f);
	offset_axis(out, &f);
	time_axis(out, &f);
	for (s = 0; s < c->nseries; s++)
		series_path(out, &f, s);
	legend(out, &f);
	tzf_buf_puts(out, "</svg>\n");
	return out->oom ? TZF_ENOMEM : TZF_OK;
}
