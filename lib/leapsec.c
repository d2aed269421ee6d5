/*
 * leapsec.c: the `leapseconds` file that `make install` installs.
 *
 * A release tarball carries that file; a git checkout does not, and the
 * release's Makefile then makes it from leap-seconds.list by running
 * that release's leapseconds.awk.  This file does what each of the
 * sixteen versions of the script (tzdb 2013e to 2025c) does, recognising
 * the tree's script by its SHA-256 and refusing one it does not know.
 *
 * The record rules (which lines are skipped, how a leap second's date
 * is worked out, which comment lines are repeated at the end) changed in
 * a few steps and are done here in C, one switch per step.  The prose the
 * scripts print in their BEGIN and END blocks changed in almost every
 * version; rather than keep sixteen copies of it, it is read from the
 * script itself by a walker that knows the handful of statements those
 * blocks are made of (print, printf, if/else around them).
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "tzf_source.h"
#include "tzf_text.h"

/* Seconds from the NTP epoch (1900) to the POSIX one (1970). */
#define NTP_TO_POSIX ((int64_t)((1970 - 1900) * 365 + 17) * 86400)

/* How a leap second's date is worked out. */
enum dates {
	DATES_JAN_JUL,	/* from the month and year fields: "Jan" is
			 * Dec 31 of the year before, "Jul" is Jun 30 */
	DATES_MONTHS,	/* the same through a table of month lengths */
	DATES_NTP	/* from the NTP timestamp, one second earlier */
};

/* Which comment lines END repeats at the bottom (awk's last_lines). */
enum notes {
	NOTES_NONE,
	NOTES_TAB,	/* "#<TAB>Updated through", "#<TAB>File expires on:" */
	NOTES_LOOSE	/* any blanks, either case of the first letter */
};

/* What happens to a carriage return before the newline. */
enum cr {
	CR_KEPT,	/* part of the record */
	CR_RS,		/* RS = "\r?\n": dropped before each newline */
	CR_SUB		/* sub(/\r$/, ""): dropped at the end of each record */
};

struct leap_script {
	const char *sha256;
	const char *since;	/* first release that has it */
	bool skip_blank;	/* lines of spaces only are skipped */
	bool indented_comments;	/* comments may start after blanks */
	bool stamps;		/* "#$" and "#@" give updated and expires */
	enum notes notes;
	enum dates dates;
	enum cr cr;
};

static const struct leap_script scripts[] = {
	{ "5fc0496ed38fc81fb79fe380e2281d6872cab6638cb6e5ebb9f1e45750690d11",
	    "2013e", true, false, false, NOTES_NONE, DATES_JAN_JUL, CR_KEPT },
	{ "153cb770627ebb09452e4df2b78e801d4d2b72f2cc9960a1f54878502d6151b8",
	    "2013f", true, false, false, NOTES_NONE, DATES_JAN_JUL, CR_KEPT },
	{ "ee4e3734328fb944c1242b1de263ea30a7089394bf38e788afd8c06228425e33",
	    "2014g", true, false, false, NOTES_NONE, DATES_JAN_JUL, CR_KEPT },
	{ "aadd7b6af1b5e9ca3b53a04c173274246f7c472b26175a060a5fc2c45605eb6c",
	    "2014j", true, false, false, NOTES_NONE, DATES_JAN_JUL, CR_KEPT },
	{ "a64240b0633aa0972364876965f64d61b8473bb5818e5c1e5df387a59de8bb01",
	    "2015a", true, false, false, NOTES_TAB, DATES_JAN_JUL, CR_KEPT },
	{ "71acbd3576c906ac8c86d2fbdb53d38e5d3ddf9a7febaab4e24297af4f1abd46",
	    "2016b", true, false, false, NOTES_TAB, DATES_JAN_JUL, CR_KEPT },
	{ "d090b14dca89e9f86fd3e6150f33b21cd451db741ef98aa14dcf06a3c10ba1fa",
	    "2017c", true, false, false, NOTES_TAB, DATES_JAN_JUL, CR_KEPT },
	{ "e598a18a65161f7e2ef53aeb829c3b60ea2c888de730e2f85738dad15d0eebbc",
	    "2018f", false, false, true, NOTES_TAB, DATES_MONTHS, CR_KEPT },
	{ "88f100551483b6d272e2af655129b8442b2a29627b7d6dcb4bb4d814487efb7d",
	    "2018h", false, false, true, NOTES_TAB, DATES_MONTHS, CR_KEPT },
	{ "f1460c94c04f471c6d2f14388dc8a1eccfc17bc65020260a66b5998600ba7acc",
	    "2019c", false, true, true, NOTES_LOOSE, DATES_NTP, CR_RS },
	{ "397972a01a1e05b2fd93569b6ad09ecdc3c761829b7ee48f4fa7293a48be3495",
	    "2020a", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
	{ "e3ab669a964cfd893b3956bd1993fbde375b7c784fa5a06f4e7a9d0d6067e94c",
	    "2020b", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
	{ "d11d15b7f3039a3b1f43916ac71decc25305694e156ce51d703729cc8302b871",
	    "2020e", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
	{ "8a202f1bdab1bf2f780e8536ae14788061d183d496910da1ae51ef778926be48",
	    "2023a", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
	{ "6c168f5bd267e721cd95345d70da4583fa26b4dd3ec568fce298ea0762943173",
	    "2024a", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
	{ "76c289f5827119e40f1451a96b04e4333f3c8d8b218e170a03c8432e72b3638c",
	    "2025c", false, true, true, NOTES_LOOSE, DATES_NTP, CR_SUB },
};

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* What the script has gathered by the time its END block runs. */
struct leap_run {
	const struct leap_script *script;
	struct tzf_buf out;
	struct tzf_buf notes;	/* awk's last_lines */
	int64_t updated;	/* NTP seconds; 0 when unknown, as in awk */
	int64_t expires;
	int64_t old_tai;	/* TAI - UTC of the line before; 0 at first */
	bool expires_line;	/* EXPIRES_LINE */
	struct tzf_diag *dg;
	long line;
};

/* ------------------------------------------------------------------ */
/* Dates */

/* The UTC date and time NTP seconds after 1900-01-01 (lib/civil.c). */
static struct tzf_civil
ntp_date(int64_t ntp)
{
	struct tzf_civil d;

	tzf_civil_from_secs(&d, ntp - NTP_TO_POSIX);
	return d;
}

/* ------------------------------------------------------------------ */
/* Records of leap-seconds.list */

static int
fail(struct leap_run *r, const char *what)
{
	tzf__diag(r->dg, TZF_SEV_ERR, "leap-seconds.list", r->line, "%s", what);
	return TZF_EINVAL;
}

/* A field that awk would read as the integer *OUT; false otherwise. */
static bool
field_int(int64_t *out, const struct tzf__fld *f)
{
	size_t i = f->len > 0 && (f->p[0] == '-' || f->p[0] == '+');
	int64_t v = 0;

	if (i == f->len || f->len - i > 15)
		return false;
	for (; i < f->len; i++) {
		if (!tzf__is_digit(f->p[i]))
			return false;
		v = v * 10 + (f->p[i] - '0');
	}
	*out = f->p[0] == '-' ? -v : v;
	return true;
}

static bool
only_blanks(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

static bool
matches_note(const char *s, enum notes notes)
{
	const char *p;

	if (notes == NOTES_TAB)
		return tzf__starts(s, "#\tUpdated through") ||
		    tzf__starts(s, "#\tFile expires on:");
	if (notes == NOTES_NONE || s[0] != '#')
		return false;
	p = s + 1 + strspn(s + 1, " \t");
	return ((p[0] == 'U' || p[0] == 'u') &&
	    tzf__starts(p + 1, "pdated through")) ||
	    ((p[0] == 'F' || p[0] == 'f') &&
	    tzf__starts(p + 1, "ile expires on"));
}

/* "#$ N" and "#@ N": awk keeps $2 (empty: 0). */
static int
take_stamp(struct leap_run *r, const char *s, int64_t *out)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, s);

	if (nf < 2) {
		*out = 0;
		return TZF_OK;
	}
	/* awk reads the number at the start of $2, so a CR the scripts
	 * before 2019c keep does not matter here. */
	if (f[1].len > 1 && f[1].p[f[1].len - 1] == '\r')
		f[1].len--;
	if (!field_int(out, &f[1]) || *out < 0)
		return fail(r, "the timestamp is not a whole number of seconds");
	return TZF_OK;
}

/* The month fields of the scripts before 2019c: the Leap line's year,
 * month and day as text. */
static int
field_date(struct leap_run *r, const struct tzf__fld *f, int nf,
    char year[24], const char **month, int *mday)
{
	int64_t y;
	int m;

	if (nf < 6 || !field_int(&y, &f[5]))
		return fail(r, "the year (sixth field) is not a number");
	for (m = 0; m < 12; m++)
		if (f[4].len == 3 && memcmp(f[4].p, month_abbr[m], 3) == 0)
			break;
	if (m == 12 || (r->script->dates == DATES_JAN_JUL && m != 0 &&
	    m != 6))
		return fail(r, "leapseconds.awk of this release handles only "
		    "leap seconds at the start of January and July");
	/* awk prints the year field as it is unless it subtracted one. */
	if (m == 0)
		snprintf(year, 24, "%" PRId64, y - 1);
	else
		snprintf(year, 24, "%.*s", (int)f[5].len, f[5].p);
	m = m == 0 ? 12 : m;
	*month = month_abbr[m - 1];
	*mday = tzf_civil_month_days(m == 12 ? y - 1 : y, m);
	return TZF_OK;
}

/* A data line: NTP timestamp, TAI - UTC, then "# 1 Jan 1972". */
static int
data_line(struct leap_run *r, const char *s)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, s), rc;
	int64_t ntp, tai;
	const char *month, *sign;
	char year[24];
	int mday;

	if (*s != '\0' && s[strlen(s) - 1] == '\r')
		return fail(r, "carriage return at the end of a data line, "
		    "which leapseconds.awk before 2019c copies into its output");
	if (nf < 2 || !field_int(&ntp, &f[0]) || !field_int(&tai, &f[1]) ||
	    ntp < 1)
		return fail(r, "expected an NTP timestamp and TAI - UTC");
	if (r->old_tai != 0) {
		sign = r->old_tai < tai ? "23:59:60\t+" : "23:59:59\t-";
		if (r->script->dates == DATES_NTP) {
			struct tzf_civil d = ntp_date(ntp - 1);

			snprintf(year, sizeof year, "%" PRId64, d.year);
			month = month_abbr[d.mon - 1];
			mday = d.mday;
		} else if ((rc = field_date(r, f, nf, year, &month, &mday)) < 0)
			return rc;
		tzf_buf_printf(&r->out, "Leap\t%s\t%s\t%d\t%s\tS\n", year,
		    month, mday, sign);
	}
	r->old_tai = tai;
	return TZF_OK;
}

/* One record, through the script's rules in their order. */
static int
record(struct leap_run *r, const char *s)
{
	const struct leap_script *sc = r->script;

	if (sc->skip_blank && only_blanks(s, " "))
		return TZF_OK;
	if (matches_note(s, sc->notes)) {
		tzf_buf_puts(&r->notes, s);
		tzf_buf_add(&r->notes, "\n", 1);
	}
	if (sc->stamps && s[0] == '#' && (s[1] == '$' || s[1] == '@') &&
	    (s[2] == ' ' || s[2] == '\t')) {
		int rc = take_stamp(r, s, s[1] == '$' ? &r->updated :
		    &r->expires);

		if (rc < 0)
			return rc;
	}
	if ((sc->indented_comments ? s + strspn(s, " \t") : s)[0] == '#')
		return TZF_OK;
	return data_line(r, s);
}

/* Split TEXT into records as the script's RS says and run each. */
static int
records(struct leap_run *r, const char *text, size_t len)
{
	const char *end = text + len, *p = text, *nl;
	char *rec;
	size_t n;
	int rc = TZF_OK;

	for (r->line = 1; p < end && rc == TZF_OK; r->line++, p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		n = (size_t)(nl - p);	/* no NUL: the tree refuses them */
		if (n > 0 && p[n - 1] == '\r' && (r->script->cr == CR_SUB ||
		    (r->script->cr == CR_RS && nl < end)))
			n--;
		rec = tzf__strndup(p, n);
		if (rec == NULL)
			return TZF_ENOMEM;
		rc = record(r, rec);
		tzf__free(rec);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* The BEGIN and END blocks, read from the script */

/* What a printf of the END blocks prints, by its format. */
enum piece {
	PIECE_NOTES, PIECE_UPDATED, PIECE_EXPIRES, PIECE_UPDATED_DATE,
	PIECE_EXPIRES_DATE, PIECE_EXPIRES_LINE
};

static const struct {
	const char *format;
	enum piece piece;
} printfs[] = {
	{ "\n%s", PIECE_NOTES },
	{ "#updated %s\n", PIECE_UPDATED },
	{ "#expires %s\n", PIECE_EXPIRES },
	{ "#updated %d (%.4d-%.2d-%.2d %.2d:%.2d:%.2d UTC)\n",
	    PIECE_UPDATED_DATE },
	{ "#expires %d (%.4d-%.2d-%.2d %.2d:%.2d:%.2d UTC)\n",
	    PIECE_EXPIRES_DATE },
	{ "%sExpires %.4d\t%s\t%.2d\t%.2d:%.2d:%.2d\n", PIECE_EXPIRES_LINE },
};

/* A cursor over one block of the script. */
struct walk {
	const char *p, *end;
	struct tzf_buf lit;	/* the string literal last read */
	bool on[8];		/* the if/else nesting: whether each prints */
	int depth;
};

static void
skip_blanks(struct walk *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t'))
		w->p++;
}

/* Past the end of this line and of the lines a trailing '\' joins. */
static void
skip_statement(struct walk *w)
{
	const char *nl;

	for (;;) {
		nl = memchr(w->p, '\n', (size_t)(w->end - w->p));
		if (nl == NULL) {
			w->p = w->end;
			return;
		}
		w->p = nl + 1;
		if (nl == w->end || nl[-1] != '\\')
			return;
	}
}

/* An awk string literal at the cursor into W->lit. */
static bool
read_literal(struct walk *w)
{
	static const char from[] = "nt\"\\/", to[] = "\n\t\"\\/";
	const char *e;

	w->lit.len = 0;
	if (w->p == w->end || *w->p != '"')
		return false;
	for (w->p++; w->p < w->end && *w->p != '"'; w->p++) {
		if (*w->p != '\\') {
			tzf_buf_add(&w->lit, w->p, 1);
			continue;
		}
		if (++w->p == w->end)
			return false;
		if (*w->p == '\n')
			continue;	/* a continued line */
		e = strchr(from, *w->p);
		if (e == NULL)
			return false;
		tzf_buf_add(&w->lit, &to[e - from], 1);
	}
	if (w->p == w->end)
		return false;
	w->p++;
	return !w->lit.oom;
}

/* The literal last read ("" when empty: the buffer then has no text). */
static const char *
lit(const struct walk *w)
{
	return w->lit.ptr;
}

static bool
printing(const struct walk *w)
{
	int i;

	for (i = 0; i < w->depth; i++)
		if (!w->on[i])
			return false;
	return true;
}

static void
put_date(struct tzf_buf *b, const char *what, int64_t ntp)
{
	struct tzf_civil d = ntp_date(ntp);

	tzf_buf_printf(b, "#%s %" PRId64 " (%.4" PRId64 "-%.2d-%.2d "
	    "%.2d:%.2d:%.2d UTC)\n", what, ntp - NTP_TO_POSIX, d.year,
	    d.mon, d.mday, d.hour, d.min, d.sec);
}

static void
put_piece(struct leap_run *r, enum piece piece)
{
	struct tzf_buf *b = &r->out;
	struct tzf_civil d;

	switch (piece) {
	case PIECE_NOTES:
		tzf_buf_add(b, "\n", 1);
		tzf_buf_add(b, r->notes.ptr, r->notes.len);
		break;
	case PIECE_UPDATED:
	case PIECE_EXPIRES:
		tzf_buf_printf(b, "#%s %" PRId64 "\n", piece == PIECE_UPDATED ?
		    "updated" : "expires", (piece == PIECE_UPDATED ?
		    r->updated : r->expires) - NTP_TO_POSIX);
		break;
	case PIECE_UPDATED_DATE:
		put_date(b, "updated", r->updated);
		break;
	case PIECE_EXPIRES_DATE:
		put_date(b, "expires", r->expires);
		break;
	case PIECE_EXPIRES_LINE:
		d = ntp_date(r->expires);
		tzf_buf_printf(b, "%sExpires %.4" PRId64 "\t%s\t%.2d\t"
		    "%.2d:%.2d:%.2d\n", r->expires_line ? "" : "#", d.year,
		    month_abbr[d.mon - 1], d.mday, d.hour, d.min, d.sec);
		break;
	}
}

static int
walk_printf(struct leap_run *r, struct walk *w)
{
	size_t i;

	skip_blanks(w);
	if (!read_literal(w))
		return TZF_EINVAL;
	if (strcmp(lit(w), "%s") == 0) {	/* printf "%s", "TEXT" */
		skip_blanks(w);
		if (w->p == w->end || *w->p++ != ',')
			return TZF_EINVAL;
		skip_blanks(w);
		if (!read_literal(w))
			return TZF_EINVAL;
		if (printing(w))
			tzf_buf_add(&r->out, lit(w), w->lit.len);
		skip_statement(w);
		return TZF_OK;
	}
	for (i = 0; i < sizeof printfs / sizeof printfs[0]; i++)
		if (strcmp(lit(w), printfs[i].format) == 0)
			break;
	if (i == sizeof printfs / sizeof printfs[0])
		return TZF_EINVAL;
	if (printing(w))
		put_piece(r, printfs[i].piece);
	skip_statement(w);
	return TZF_OK;
}

static bool
is_cond(const char *p, size_t n, const char *cond)
{
	return n == strlen(cond) && memcmp(p, cond, n) == 0;
}

/* "if (COND) {": whether the block prints. */
static int
walk_if(struct leap_run *r, struct walk *w)
{
	const char *close = memchr(w->p, ')', (size_t)(w->end - w->p));
	size_t n;
	bool on;

	skip_blanks(w);
	if (close == NULL || *w->p != '(' || w->depth == 8)
		return TZF_EINVAL;
	n = (size_t)(close - w->p - 1);
	if (is_cond(w->p + 1, n, "expires"))
		on = r->expires != 0;
	else if (is_cond(w->p + 1, n, "updated"))
		on = r->updated != 0;
	else if (is_cond(w->p + 1, n, "! EXPIRES_LINE"))
		on = !r->expires_line;
	else
		return TZF_EINVAL;
	w->on[w->depth++] = on;
	skip_statement(w);
	return TZF_OK;
}

/* "}" or "} else {". */
static int
walk_close(struct walk *w)
{
	if (w->depth == 0)
		return TZF_EINVAL;
	w->p++;
	skip_blanks(w);
	if (w->end - w->p >= 4 && memcmp(w->p, "else", 4) == 0)
		w->on[w->depth - 1] = !w->on[w->depth - 1];
	else
		w->depth--;
	skip_statement(w);
	return TZF_OK;
}

/* Any other statement: skipped, but an opening brace at the end of its
 * line opens a level that the matching "}" closes. */
static int
walk_other(struct walk *w)
{
	const char *nl = memchr(w->p, '\n', (size_t)(w->end - w->p));
	const char *q = nl != NULL ? nl : w->end;

	while (q > w->p && (q[-1] == ' ' || q[-1] == '\t'))
		q--;
	if (q > w->p && q[-1] == '{' && w->p[0] != '#') {
		if (w->depth == 8)
			return TZF_EINVAL;
		w->on[w->depth++] = true;
	}
	skip_statement(w);
	return TZF_OK;
}

/* Run the statements of the block that follows the line starting with
 * HEAD ("BEGIN {" or "END {"); a script without one prints nothing. */
static int
walk_block(struct leap_run *r, const char *script, size_t len,
    const char *head)
{
	struct walk w = { NULL, NULL, TZF_BUF_INIT, { false }, 0 };
	const char *start = script, *word;
	size_t n;
	int rc = TZF_OK;

	while (start != NULL && !tzf__starts(start, head)) {
		start = memchr(start, '\n', len - (size_t)(start - script));
		start = start ? start + 1 : NULL;
	}
	if (start == NULL)
		return TZF_OK;
	w.p = start;
	w.end = script + len;
	skip_statement(&w);
	while (rc == TZF_OK && w.p < w.end) {
		while (w.p < w.end && (*w.p == ' ' || *w.p == '\t' ||
		    *w.p == '\n'))
			w.p++;
		if (w.p == w.end)
			break;
		if (*w.p == '}' && w.depth == 0)
			break;		/* the end of the block */
		word = w.p;
		while (w.p < w.end && (tzf__is_alpha(*w.p) || *w.p == '_'))
			w.p++;
		n = (size_t)(w.p - word);
		if (n == 5 && memcmp(word, "print", 5) == 0) {
			skip_blanks(&w);
			if (!read_literal(&w)) {
				rc = TZF_EINVAL;
				break;
			}
			if (printing(&w)) {
				tzf_buf_add(&r->out, lit(&w), w.lit.len);
				tzf_buf_add(&r->out, "\n", 1);
			}
			skip_statement(&w);
		} else if (n == 6 && memcmp(word, "printf", 6) == 0) {
			rc = walk_printf(r, &w);
		} else if (n == 2 && memcmp(word, "if", 2) == 0) {
			rc = walk_if(r, &w);
		} else if (n == 0 && *w.p == '}') {
			rc = walk_close(&w);
		} else {
			/* Comments, assignments, calls; a for loop's braces
			 * nest like an if that prints. */
			rc = walk_other(&w);
		}
	}
	if (rc == TZF_OK && (w.p == w.end || w.depth != 0))
		rc = TZF_EINVAL;
	if (w.lit.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_EINVAL)	/* a known script: cannot happen */
		tzf__diag(r->dg, TZF_SEV_ERR, NULL, 0, "leapseconds.awk of %s: "
		    "a statement tzforge does not know", r->script->since);
	tzf_buf_dispose(&w.lit);
	return rc;
}

/* ------------------------------------------------------------------ */

static const struct leap_script *
find_script(const char hex[65])
{
	size_t i;

	for (i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (strcmp(scripts[i].sha256, hex) == 0)
			return &scripts[i];
	return NULL;
}

static int
run_script(struct tzf_buf *out, const struct tzf_tree *t, bool expires_line,
    struct tzf_diag *dg)
{
	struct leap_run r = { NULL, TZF_BUF_INIT, TZF_BUF_INIT, 0, 0, 0,
	    expires_line, dg, 0 };
	const char *awk, *list;
	size_t awk_len, list_len;
	char hex[65];
	int rc;

	if (tzf_tree_file(&awk, &awk_len, t, "leapseconds.awk") != TZF_OK ||
	    tzf_tree_file(&list, &list_len, t, "leap-seconds.list") != TZF_OK) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "'%s' has no 'leapseconds', "
		    "and no 'leapseconds.awk' and 'leap-seconds.list' to make "
		    "it from", tzf_tree_spec(t));
		return TZF_ENOTFOUND;
	}
	tzf_tree_sha256(hex, t, "leapseconds.awk");
	r.script = find_script(hex);
	if (r.script == NULL) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown 'leapseconds.awk' "
		    "(SHA-256 %.16s...): tzforge reproduces the versions of "
		    "tzdb 2013e to 2025c only", hex);
		return TZF_EINVAL;
	}
	rc = walk_block(&r, awk, awk_len, "BEGIN {");
	if (rc == TZF_OK)
		rc = records(&r, list, list_len);
	if (rc == TZF_OK)
		rc = walk_block(&r, awk, awk_len, "END {");
	if (rc == TZF_OK && (r.out.oom || r.notes.oom))
		rc = TZF_ENOMEM;
	if (rc == TZF_OK)
		tzf_buf_add(out, r.out.ptr, r.out.len);
	tzf_buf_dispose(&r.out);
	tzf_buf_dispose(&r.notes);
	return rc == TZF_OK && out->oom ? TZF_ENOMEM : rc;
}

int
tzf_tree_leapseconds(struct tzf_buf *out, const struct tzf_tree *t,
    bool expires_line, struct tzf_diag *dg)
{
	const char *s;
	size_t len;

	if (tzf_tree_file(&s, &len, t, "leapseconds") == TZF_OK) {
		tzf_buf_add(out, s, len);
		return out->oom ? TZF_ENOMEM : TZF_OK;
	}
	return run_script(out, t, expires_line, dg);
}
