/*
 * zishrink.c: the compact tzdata.zi that `make install` writes, as the
 * upstream zishrink.awk makes it from the FORM.zi text of ziguard.c.
 * Like ziguard.c it follows the awk script's observable behaviour line
 * by line (gawk under LC_ALL=C, as the Makefile runs it), since the
 * goal is the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

/* zishrink.awk's fixed rule-name abbreviations. */
static const char *const rule_abbrs[][2] = {
	{ "Arg", "A" }, { "Brazil", "B" }, { "Canada", "C" },
	{ "Denmark", "D" }, { "EU", "E" }, { "France", "F" },
	{ "GB-Eire", "G" }, { "Halifax", "H" }, { "Italy", "I" },
	{ "Jordan", "J" }, { "Egypt", "K" }, { "Libya", "L" },
	{ "Morocco", "M" }, { "Neth", "N" }, { "Poland", "O" },
	{ "Palestine", "P" }, { "Cuba", "Q" }, { "Russia", "R" },
	{ "Syria", "S" }, { "Turkey", "T" }, { "Uruguay", "U" },
	{ "Vincennes", "V" }, { "Winn", "W" }, { "Mongol", "X" },
	{ "NT_YK", "Y" }, { "Zion", "Z" }, { "Austria", "a" },
	{ "Belgium", "b" }, { "C-Eur", "c" }, { "Algeria", "d" },
	{ "E-Eur", "e" }, { "Taiwan", "f" }, { "Greece", "g" },
	{ "Hungary", "h" }, { "Iran", "i" }, { "StJohns", "j" },
	{ "Chatham", "k" }, { "Lebanon", "l" }, { "Mexico", "m" },
	{ "Tunisia", "n" }, { "Moncton", "o" }, { "Port", "p" },
	{ "Albania", "q" }, { "Regina", "r" }, { "Spain", "s" },
	{ "Toronto", "t" }, { "US", "u" }, { "Louisville", "v" },
	{ "Iceland", "w" }, { "Chile", "x" }, { "Para", "y" },
	{ "Romania", "z" }, { "Macau", "_" }, { "Armenia", "AM" },
	{ "Aus", "AU" }, { "Azer", "AZ" }, { "Barb", "BB" },
	{ "Dhaka", "BD" }, { "Bulg", "BG" }, { "Bahamas", "BS" },
	{ "Belize", "BZ" }, { "Swiss", "CH" }, { "Cook", "CK" },
	{ "PRC", "CN" }, { "Cyprus", "CY" }, { "Czech", "CZ" },
	{ "Germany", "DE" }, { "DR", "DO" }, { "Ecuador", "EC" },
	{ "Finland", "FI" }, { "Fiji", "FJ" }, { "Falk", "FK" },
	{ "Ghana", "GH" }, { "Guat", "GT" }, { "Hond", "HN" },
	{ "Haiti", "HT" }, { "Eire", "IE" }, { "Iraq", "IQ" },
	{ "Japan", "JP" }, { "Kyrgyz", "KG" }, { "ROK", "KR" },
	{ "Latvia", "LV" }, { "Lux", "LX" }, { "Moldova", "MD" },
	{ "Malta", "MT" }, { "Mauritius", "MU" }, { "Namibia", "NA" },
	{ "Nic", "NI" }, { "Norway", "NO" }, { "Peru", "PE" },
	{ "Phil", "PH" }, { "Pakistan", "PK" }, { "Sudan", "SD" },
	{ "Salv", "SV" }, { "Tonga", "TO" }, { "Vanuatu", "VU" },
	{ "Detroit", "Dt" },
};

/* The files tzdata.zi's "# ddeps" line treats as defaults. */
static const char *const default_deps[] = {
	"africa", "antarctica", "asia", "australasia", "backward",
	"etcetera", "europe", "factory", "northamerica", "southamerica",
	"ziguard.awk", "zishrink.awk", NULL
};

struct shrink {
	enum tzf__form form;
	struct tzf__lines rules;	/* R lines in input order ("" = dropped) */
	struct tzf__lines links;	/* L lines in input order */
	struct tzf__map zonedef;	/* zone name -> its lines, '\n'-joined */
	struct tzf__map linkdef;	/* vanguard: link name -> target */
	struct tzf__map used;	/* rule names some zone uses */
	struct tzf__map abbr;	/* rule name -> abbreviation */
	struct tzf__map hashes;	/* abbreviation -> rule name */
	char *zonename;
	struct tzf_diag *dg;
};

static void
shrink_free(struct shrink *z)
{
	tzf__lines_free(&z->rules);
	tzf__lines_free(&z->links);
	tzf__map_free(&z->zonedef);
	tzf__map_free(&z->linkdef);
	tzf__map_free(&z->used);
	tzf__map_free(&z->abbr);
	tzf__map_free(&z->hashes);
	tzf__free(z->zonename);
}

static void
erase(char *s, size_t pos, size_t n)
{
	memmove(s + pos, s + pos + n, strlen(s + pos + n) + 1);
}

/* Remove comments, squeeze blanks to one space, end with a space. */
static char *
normalize(const char *in)
{
	size_t n = strcspn(in, "#"), i, j = 0;
	char *s = tzf__malloc(n + 2);

	if (s == NULL)
		return NULL;
	for (i = 0; i <= n; i++) {
		bool b = i == n || in[i] == ' ' || in[i] == '\t';

		if (!b)
			s[j++] = in[i];
		else if (j == 0 || s[j - 1] != ' ')
			s[j++] = ' ';
	}
	s[j] = '\0';
	return s;
}

/* Abbreviate times: "2:00" -> "2", "0:30" -> "0:30", "01:00" -> "1". */
static void
shrink_times(char *s)
{
	size_t i, z;
	bool again = true;

	while (again) {		/* while (match(line, /[: ]0+[0-9]/)) */
		again = false;
		for (i = 0; s[i] != '\0'; i++) {
			if (s[i] != ':' && s[i] != ' ')
				continue;
			for (z = 0; s[i + 1 + z] == '0'; z++)
				continue;
			if (z >= 1 && tzf__is_digit(s[i + 1 + z])) {
				erase(s, i + 1, z);
				again = true;
				break;
			}
			if (z >= 2) {
				erase(s, i + 1, z - 1);
				again = true;
				break;
			}
		}
	}
	for (i = 0; s[i] != '\0'; i++) {	/* /:0[^:]/ */
		if (s[i] == ':' && s[i + 1] == '0' && s[i + 2] != '\0' &&
		    s[i + 2] != ':') {
			erase(s, i, 2);
			i = (size_t)-1;	/* rescan, as the awk loop does */
		}
	}
}

/* Abbreviate the weekday names in DAYS (3-letter, '|'-less list) to
 * KEEP letters when followed by ' ', '<' or '>'. */
static void
shrink_days(char *s, const char *const *days, size_t keep)
{
	size_t i, d, p;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] != ' ')
			continue;
		p = i + 1 + (tzf__starts(s + i + 1, "last") ? 4 : 0);
		for (d = 0; days[d] != NULL; d++) {
			if (strncmp(s + p, days[d], 3) == 0 &&
			    s[p + 3] != '\0' && strchr(" <>", s[p + 3]) != NULL) {
				erase(s, p + keep, 3 - keep);
				break;
			}
		}
	}
}

/* gsub() of a literal FROM by a no longer TO. */
static void
gsub_lit(char *s, const char *from, const char *to)
{
	size_t lf = strlen(from), lt = strlen(to), i = 0;

	while (s[i] != '\0') {
		if (strncmp(s + i, from, lf) == 0) {
			memcpy(s + i, to, lt);
			erase(s, i + lt, lf - lt);
			i += lt;
		} else {
			i++;
		}
	}
}

/* The line rewriting of zishrink.awk's process_input_line(). */
static void
shrink_text(char *s, enum tzf__form form)
{
	static const char *const d1[] = { "Mon", "Wed", "Fri", NULL };
	static const char *const d2[] = { "Sun", "Tue", "Thu", "Sat", NULL };
	size_t len, j;

	shrink_times(s);
	shrink_days(s, d1, 1);
	shrink_days(s, d2, 2);
	gsub_lit(s, " max ", form == TZF__FORM_VANGUARD ? " m " : " ma ");
	gsub_lit(s, " min ", form == TZF__FORM_VANGUARD ? " m " : " mi ");
	gsub_lit(s, " only ", " o ");
	gsub_lit(s, " Jan ", " Ja ");
	gsub_lit(s, " Feb ", " F ");
	gsub_lit(s, " Apr ", " Ap ");
	gsub_lit(s, " Aug ", " Au ");
	gsub_lit(s, " Sep ", " S ");
	gsub_lit(s, " Oct ", " O ");
	gsub_lit(s, " Nov ", " N ");
	gsub_lit(s, " Dec ", " D ");
	if (s[0] == ' ')
		erase(s, 0, 1);
	len = strlen(s);
	if (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	for (j = len; j > 0 && s[j - 1] == '0'; j--)	/* / 0+$/ */
		continue;
	if (j < len && j > 0 && s[j - 1] == ' ')
		s[len = j - 1] = '\0';
	if (len >= 3 && s[len - 1] == '1' && s[len - 2] == ' ' &&
	    tzf__is_alpha(s[len - 3]))
		s[len -= 2] = '\0';
	if (len >= 3 && strcmp(s + len - 3, " Ja") == 0)
		s[len - 3] = '\0';
}

/* A rule-name field: starts with neither a sign nor a digit. */
static bool
rule_name(const struct tzf__fld *f, int nf, int i)
{
	return i >= 1 && i <= nf && f[i - 1].len > 0 &&
	    strchr("-+0123456789", f[i - 1].p[0]) == NULL;
}

/* Record the line S (shrunk, one space between fields). */
static int
shrink_store(struct shrink *z, char *s, bool link, bool rule, bool zone)
{
	struct tzf__fld f[TZF__MAXF];
	struct tzf__ent *e;
	char *v;
	int nf, fi;

	nf = tzf__split(f, s);
	fi = zone ? 4 : link || rule ? 0 : 2;
	if (rule_name(f, nf, fi) &&
	    tzf__map_put(&z->used, f[fi - 1].p, f[fi - 1].len) == NULL)
		goto oom;
	if (zone || link) {
		tzf__free(z->zonename);
		z->zonename = tzf__fdup(f, nf, zone ? 2 : 3);
		if (z->zonename == NULL)
			goto oom;
	} else if (rule) {
		z->zonename[0] = '\0';
	}
	if (rule)
		return tzf__lines_push(&z->rules, s) ? TZF_OK : TZF_ENOMEM;
	if (link && z->form == TZF__FORM_VANGUARD) {
		/* zishrink.awk under gawk: links sorted by target later. */
		e = tzf__map_put(&z->linkdef, z->zonename, strlen(z->zonename));
		if (e == NULL || tzf__map_setval(e, nf >= 2 ? f[1].p : "",
		    nf >= 2 ? f[1].len : 0) < 0)
			goto oom;
		tzf__free(s);
		return TZF_OK;
	}
	if (link)
		return tzf__lines_push(&z->links, s) ? TZF_OK : TZF_ENOMEM;
	e = tzf__map_put(&z->zonedef, z->zonename, strlen(z->zonename));
	if (e == NULL)
		goto oom;
	v = zone || e->val == NULL ? tzf__cat4(s, "", "", "") :
	    tzf__cat4(e->val, "\n", s, "");
	if (v == NULL)
		goto oom;
	tzf__free(e->val);
	e->val = v;
	tzf__free(s);
	return TZF_OK;
oom:
	tzf__free(s);
	return TZF_ENOMEM;
}

static int
shrink_line(struct shrink *z, const char *in)
{
	bool link, rule, zone;
	char *s, *a;

	s = normalize(in);
	if (s == NULL)
		return TZF_ENOMEM;
	link = tzf__starts(s, "Link ");
	rule = tzf__starts(s, "Rule ");
	zone = tzf__starts(s, "Zone ");
	if (link)
		erase(s, 1, 3);
	else if (rule || zone)
		erase(s, 1, 3);
	/* FooAsia rules duplicate Foo: drop them, use Foo instead. */
	for (a = strstr(s, "Asia "); a != NULL; a = strstr(a + 1, "Asia ")) {
		if (a > s && a[-1] != ' ') {
			if (rule) {
				tzf__free(s);
				return TZF_OK;
			}
			erase(s, (size_t)(a - s), 4);
			break;
		}
	}
	shrink_text(s, z->form);
	return shrink_store(z, s, link, rule, zone);
}

/* Rule lines no zone uses are omitted. */
static void
omit_unused_rules(struct shrink *z)
{
	struct tzf__fld f[TZF__MAXF];
	char *key;
	size_t i;
	int nf;

	for (i = 0; i < z->rules.n; i++) {
		nf = tzf__split(f, z->rules.v[i]);
		key = tzf__fdup(f, nf, 2);
		if (key != NULL && tzf__map_get(&z->used, key) == NULL)
			z->rules.v[i][0] = '\0';
		tzf__free(key);
	}
}

static int
record_hash(struct shrink *z, const char *abbr, const char *name)
{
	struct tzf__ent *e = tzf__map_put(&z->hashes, abbr, strlen(abbr));

	if (e == NULL)
		return TZF_ENOMEM;
	if (e->val != NULL) {
		tzf__diag(z->dg, TZF_ERR, NULL, 0, "rule names '%s' and '%s' "
		    "abbreviate alike", e->val, name);
		return TZF_EINVAL;
	}
	return tzf__map_setval(e, name, strlen(name));
}

static int
prehash_rule_names(struct shrink *z)
{
	struct tzf__ent *e;
	size_t i;
	int rc;

	for (i = 0; i < sizeof rule_abbrs / sizeof rule_abbrs[0]; i++) {
		e = tzf__map_put(&z->abbr, rule_abbrs[i][0],
		    strlen(rule_abbrs[i][0]));
		if (e == NULL || tzf__map_setval(e, rule_abbrs[i][1],
		    strlen(rule_abbrs[i][1])) < 0)
			return TZF_ENOMEM;
		rc = record_hash(z, rule_abbrs[i][1], rule_abbrs[i][0]);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

/* Rebuild line *S with field I replaced by V. */
static int
set_field(char **s, int i, const char *v)
{
	struct tzf__fld f[TZF__MAXF];
	struct tzf_buf b = TZF_BUF_INIT;
	int nf, k;

	nf = tzf__split(f, *s);
	for (k = 1; k <= nf; k++) {
		if (k > 1)
			tzf_buf_add(&b, " ", 1);
		if (k == i)
			tzf_buf_puts(&b, v);
		else
			tzf_buf_add(&b, f[k - 1].p, f[k - 1].len);
	}
	if (b.oom || b.ptr == NULL) {
		tzf_buf_dispose(&b);
		return TZF_ENOMEM;
	}
	tzf__free(*s);
	*s = b.ptr;
	return TZF_OK;
}

/* The abbreviation of rule NAME, made from its first two letters when
 * the table has none. */
static int
abbr_of(const char **out, struct shrink *z, const char *name)
{
	struct tzf__ent *e = tzf__map_get(&z->abbr, name);
	char two[3];
	int rc;

	if (e != NULL && e->val != NULL && *e->val != '\0') {
		*out = e->val;
		return TZF_OK;
	}
	snprintf(two, sizeof two, "%s", name);
	rc = record_hash(z, two, name);
	if (rc < 0)
		return rc;
	e = tzf__map_put(&z->abbr, name, strlen(name));
	if (e == NULL || tzf__map_setval(e, two, strlen(two)) < 0)
		return TZF_ENOMEM;
	*out = e->val;
	return TZF_OK;
}

static int
abbreviate_zone(struct shrink *z, struct tzf__ent *zd)
{
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf__fld f[TZF__MAXF];
	const char *p, *nl;
	struct tzf__ent *e;
	char *line, *key;
	int nf, fi, rc = TZF_OK;

	for (p = zd->val, fi = 4; rc == TZF_OK; p = nl + 1, fi = 2) {
		nl = strchr(p, '\n');
		line = tzf__strndup(p, nl ? (size_t)(nl - p) : strlen(p));
		if (line == NULL)
			return TZF_ENOMEM;
		nf = tzf__split(f, line);
		key = tzf__fdup(f, nf, fi);
		e = key ? tzf__map_get(&z->abbr, key) : NULL;
		if (e != NULL && e->val != NULL && *e->val != '\0')
			rc = set_field(&line, fi, e->val);
		if (*line != '\0' || b.len > 0) {
			if (b.len > 0)
				tzf_buf_add(&b, "\n", 1);
			tzf_buf_puts(&b, line);
		}
		tzf__free(key);
		tzf__free(line);
		if (nl == NULL)
			break;
	}
	if (rc == TZF_OK && b.oom)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK) {
		tzf__free(zd->val);
		zd->val = b.ptr ? b.ptr : tzf__strndup("", 0);
	} else {
		tzf_buf_dispose(&b);
	}
	return rc;
}

static int
abbreviate_rule_names(struct shrink *z)
{
	struct tzf__fld f[TZF__MAXF];
	const char *abbr;
	char *name;
	size_t i;
	int nf, rc;

	for (i = 0; i < z->rules.n; i++) {
		nf = tzf__split(f, z->rules.v[i]);
		if (!rule_name(f, nf, 2))
			continue;
		name = tzf__fdup(f, nf, 2);
		if (name == NULL)
			return TZF_ENOMEM;
		rc = abbr_of(&abbr, z, name);
		tzf__free(name);
		if (rc == TZF_OK)
			rc = set_field(&z->rules.v[i], 2, abbr);
		if (rc < 0)
			return rc;
	}
	for (i = 0; i < z->zonedef.cap; i++) {
		if (z->zonedef.e[i].key == NULL)
			continue;
		rc = abbreviate_zone(z, &z->zonedef.e[i]);
		if (rc < 0)
			return rc;
	}
	return TZF_OK;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct tzf__ent *const *x = a, *const *y = b;

	return strcmp((*x)->key, (*y)->key);
}

/* gawk's @val_type_asc: by value, ties by index. */
static int
cmp_val(const void *a, const void *b)
{
	const struct tzf__ent *const *x = a, *const *y = b;
	int c = strcmp((*x)->val, (*y)->val);

	return c != 0 ? c : strcmp((*x)->key, (*y)->key);
}

/* Entries of M with a value, sorted by CMP. */
static struct tzf__ent **
sorted(const struct tzf__map *m, int (*cmp)(const void *, const void *),
    size_t *out_n)
{
	struct tzf__ent **v;
	size_t i, n = 0;

	v = tzf__malloc((m->n + 1) * sizeof *v);
	if (v == NULL)
		return NULL;
	for (i = 0; i < m->cap; i++)
		if (m->e[i].key != NULL && m->e[i].val != NULL)
			v[n++] = &m->e[i];
	qsort(v, n, sizeof *v, cmp);
	*out_n = n;
	return v;
}

/* Rules in input order, zones sorted by name, then links (zishrink.awk
 * run by gawk under LC_ALL=C, as the Makefile does). */
static int
shrink_output(struct tzf_buf *out, struct shrink *z)
{
	struct tzf__ent **v;
	size_t i, n;

	for (i = 0; i < z->rules.n; i++)
		if (z->rules.v[i][0] != '\0')
			tzf_buf_printf(out, "%s\n", z->rules.v[i]);
	v = sorted(&z->zonedef, cmp_key, &n);
	if (v == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < n; i++)
		tzf_buf_printf(out, "%s\n", v[i]->val);
	tzf__free(v);
	for (i = 0; i < z->links.n; i++)
		tzf_buf_printf(out, "%s\n", z->links.v[i]);
	if (z->links.n > 0)
		return TZF_OK;
	v = sorted(&z->linkdef, cmp_val, &n);
	if (v == NULL)
		return TZF_ENOMEM;
	for (i = 0; i < n; i++)
		tzf_buf_printf(out, "L %s %s\n", v[i]->val, v[i]->key);
	tzf__free(v);
	return TZF_OK;
}

static bool
is_default_dep(const char *name)
{
	int i;

	for (i = 0; default_deps[i] != NULL; i++)
		if (strcmp(default_deps[i], name) == 0)
			return true;
	return false;
}

/* The header: version, dataform, redo, ddeps. */
static void
shrink_header(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, const char *const *deps)
{
	const char *redo = sw->redo ? sw->redo : "posix_only";
	const char *form = sw->dataform ? sw->dataform : "main";
	struct tzf_buf dd = TZF_BUF_INIT;
	int i, j;

	for (i = 0; deps[i] != NULL; i++)
		if (!is_default_dep(deps[i]))
			tzf_buf_printf(&dd, " %s", deps[i]);
	for (i = 0; default_deps[i] != NULL; i++) {
		for (j = 0; deps[j] != NULL; j++)
			if (strcmp(deps[j], default_deps[i]) == 0)
				break;
		if (deps[j] == NULL)
			tzf_buf_printf(&dd, " !%s", default_deps[i]);
	}
	tzf_buf_printf(out, "# version %s\n", tzf_tree_version(t) ?
	    tzf_tree_version(t) : "unknown");
	if (strcmp(form, "main") != 0)
		tzf_buf_printf(out, "# dataform %s\n", form);
	if (strcmp(redo, "posix_right") != 0)
		tzf_buf_printf(out, "# redo %s\n", redo);
	if (dd.len > 0)
		tzf_buf_printf(out, "# ddeps%s\n", dd.ptr);
	tzf_buf_puts(out, "# This zic input file is in the public domain.\n");
	out->oom |= dd.oom;
	tzf_buf_dispose(&dd);
}

/* Shrink LINES (the FORM.zi text) into OUT. */
static int
shrink(struct tzf_buf *out, const struct tzf__lines *lines, enum tzf__form form,
    struct tzf_diag *dg)
{
	struct shrink z;
	const char *p;
	size_t i;
	int rc;

	memset(&z, 0, sizeof z);
	z.form = form;
	z.dg = dg;
	z.zonename = tzf__strndup("", 0);
	rc = z.zonename ? prehash_rule_names(&z) : TZF_ENOMEM;
	for (i = 0; rc == TZF_OK && i < lines->n; i++) {
		/* Only lines matching /^[\t ]*[^#\t ]/ are data. */
		p = lines->v[i] + strspn(lines->v[i], " \t");
		if (*p != '\0' && *p != '#')
			rc = shrink_line(&z, lines->v[i]);
	}
	if (rc == TZF_OK) {
		omit_unused_rules(&z);
		rc = abbreviate_rule_names(&z);
	}
	if (rc == TZF_OK)
		rc = shrink_output(out, &z);
	shrink_free(&z);
	return rc;
}

int
tzf_tree_tzdata_zi(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	const char *deps[24], *s;
	struct tzf_build *r;
	size_t i, n = 0, len;
	int rc;

	rc = tzf_build_release(&r, t, sw, dg);
	if (rc < 0)
		return rc;
	if (r->single) {
		/* An installed tzdata.zi is already in final form. */
		tzf_tree_file(&s, &len, t, r->files.v[0]);
		if (tzf__starts(s, "# version ")) {
			tzf_buf_add(out, s, len);
			tzf_build_free(r);
			return out->oom ? TZF_ENOMEM : TZF_OK;
		}
	} else {
		deps[n++] = "ziguard.awk";
		for (i = 0; i < r->files.n && n < 20; i++)
			deps[n++] = r->files.v[i];
		if (r->sw.packratlist != NULL)
			deps[n++] = r->sw.packratlist;
		deps[n++] = "zishrink.awk";
	}
	deps[n] = NULL;
	/* A single file's dependencies are unknown: say nothing. */
	shrink_header(out, t, &r->sw, r->single ? default_deps : deps);
	rc = shrink(out, &r->recs, r->form, dg);
	tzf_build_free(r);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	return rc;
}
