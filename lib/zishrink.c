/*
 * zishrink.c: the compact tzdata.zi that `make install` writes, as the
 * upstream zishrink.awk makes it from the FORM.zi text of ziguard.c (or,
 * in 2017c-2018c, from the data files themselves).
 *
 * Ten versions of the script, 2017c to 2024a, write ten different
 * files.  The tree's own script is recognised by its SHA-256 and its
 * behaviour is followed switch by switch (struct zishrink below); a
 * script tzforge does not know is refused, and a tree without one (a
 * plain directory of data files) gets the newest behaviour.  Like
 * ziguard.c this follows the awk script's observable behaviour line by
 * line, as gawk runs it under LC_ALL=C (the Makefile's setting), quirks
 * included, since the goal is the same bytes.
 *
 * Up to 2022b the script keeps the lines in input order and deletes an
 * earlier definition of a name that comes again; 2024a sorts the zones
 * by name and, in vanguard form, the links by target.  The only
 * unsorted "for (x in array)" whose order reaches the output is the one
 * that lists missing default dependencies ("# ddeps !NAME"); the
 * releases never miss more than one, and more than one is refused
 * rather than guessed.
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

/* The files tzdata.zi's "# ddeps" line treats as defaults; systemv only
 * for the scripts of 2018f to 2020a. */
static const char *const default_deps[] = {
	"africa", "antarctica", "asia", "australasia", "backward",
	"etcetera", "europe", "factory", "northamerica", "southamerica",
	"ziguard.awk", "zishrink.awk", "systemv", NULL
};

/* How a version of zishrink.awk names the rules it shortens. */
enum names {
	NAMES_COUNTED,	/* A, B, ... z, !, $ ... then two characters, in
			 * order of first use (2017c-2018e) */
	NAMES_TABLE	/* a fixed table, else the first two letters */
};

/* What changed from one version of zishrink.awk to the next. */
struct zishrink {
	const char *sha256;
	const char *since;
	int header;		/* 0: none, 1: "# version", 2: + dataform,
				 * redo and ddeps */
	const char *blanks;	/* what a run of squeezes to one space */
	const char *link;	/* what "Link" becomes */
	bool drop_systemv;	/* "Rule SystemV" lines are dropped */
	bool spain_africa;	/* SpainAfrica rules become Morocco's */
	bool sun_sat_min;	/* Sun, Sat and min are shortened too */
	enum names names;
	bool systemv_dep;	/* systemv is a default dependency */
	bool omit_unused;	/* rules no zone uses are left out, and names
				 * are shortened once all lines are read */
	bool by_class;		/* rules, zones sorted by name, links; no
				 * line deletes another; vanguard's "m" */
};

static const struct zishrink scripts[] = {
	{ "941c636cd05813568231770c843d4d250686d430701f3e77f8edba97f6d26bbf",
	    "2017c", 0, " \t\f\r\v", "Li", true, false, false, NAMES_COUNTED,
	    false, false, false },
	{ "3ba512fbabbfd278548f15e2bfd175e0444e8966f24e4fe465cc01285d96ae3e",
	    "2018a", 1, " \t\f\r\v", "Li", true, false, false, NAMES_COUNTED,
	    false, false, false },
	{ "980349d81b4361d63790a69fc8ce056451076adf1dad9fed076f1aa10aa8520f",
	    "2018c", 1, " \t\f\r\v", "Li", true, false, false, NAMES_COUNTED,
	    false, false, false },
	{ "e42ae8bc85eb829ba903f66b5777d7395d246153535344f2f00fbef8e31b61c2",
	    "2018d", 1, " \t", "Li", true, false, false, NAMES_COUNTED,
	    false, false, false },
	{ "7fa5864f1c8ca25c129fbc6458cc34ce4761209c8430a93f9e07a0ff508e23af",
	    "2018f", 2, " \t", "Li", true, true, false, NAMES_TABLE,
	    true, false, false },
	{ "73c5a9560673300123b0128afc35b3b5de5eab18f84c95eabec731bdb77202ec",
	    "2018g", 2, " \t", "Li", true, false, false, NAMES_TABLE,
	    true, false, false },
	{ "8758fabe6b9ce06f341fa401b90d1783b066f6313e87665ba6aa8576dad66c20",
	    "2019b", 2, " \t", "L", true, false, true, NAMES_TABLE,
	    true, false, false },
	{ "3dec323a5b750f11aa8051ed605e25f808bcc14734e556d2a9edbcc4ec3ff08c",
	    "2020b", 2, " \t", "L", false, false, true, NAMES_TABLE,
	    false, false, false },
	{ "12f54c3617cac30bd26122a5c819bd36a7a8bea6077a1e5195665d664d275167",
	    "2022b", 2, " \t", "L", false, false, true, NAMES_TABLE,
	    false, true, false },
	{ "ff6e7e886b015f061d173c7b2f691f7190a6db8b0c33f752136ff7d129808f8a",
	    "2024a", 2, " \t", "L", false, false, true, NAMES_TABLE,
	    false, true, true },
};
#define NEWEST (&scripts[sizeof scripts / sizeof scripts[0] - 1])

struct shrink {
	const struct zishrink *sc;
	enum tzf__form form;
	/* Before 2024a: every line in input order ("" = deleted), and for
	 * each name the number (1-based) of its latest line. */
	struct tzf__lines all;
	struct tzf__map latest;
	unsigned long ncounted;	/* names made by NAMES_COUNTED */
	bool plain;		/* ... of letters only */
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
	tzf__lines_free(&z->all);
	tzf__map_free(&z->latest);
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

/* Remove comments, squeeze runs of BLANKS to one space, end with a
 * space. */
static char *
normalize(const char *in, const char *blanks)
{
	size_t n = strcspn(in, "#"), i, j = 0;
	char *s = tzf__malloc(n + 2);

	if (s == NULL)
		return NULL;
	for (i = 0; i <= n; i++) {
		bool b = i == n || strchr(blanks, in[i]) != NULL;

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
shrink_text(char *s, const struct zishrink *sc, enum tzf__form form)
{
	static const char *const d1[] = { "Mon", "Wed", "Fri", NULL };
	static const char *const d2[] = { "Sun", "Tue", "Thu", "Sat", NULL };
	static const char *const d2old[] = { "Tue", "Thu", NULL };
	bool m = sc->by_class && form == TZF__FORM_VANGUARD;
	size_t len, j;

	shrink_times(s);
	shrink_days(s, d1, 1);
	shrink_days(s, sc->sun_sat_min ? d2 : d2old, 2);
	gsub_lit(s, " max ", m ? " m " : " ma ");
	if (sc->sun_sat_min)
		gsub_lit(s, " min ", m ? " m " : " mi ");
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

/* A line of a zone's continuation: it starts with a sign or a digit. */
static bool
continues(const char *s)
{
	return *s != '\0' && strchr("-+0123456789", *s) != NULL;
}

/* The name NAMES_COUNTED gives the Nth rule name (from 0): one character
 * of the alphabet, then two, the first counting from the start again.
 * With PLAIN, letters only (names today's zic accepts). */
static void
counted_name(char out[8], unsigned long n, bool plain)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz" "!$%&'()*+,./:;<=>?@[\\]^_`{|}~";
	const unsigned long base = plain ? 52 : sizeof alphabet - 1;
	char digits[8];
	unsigned long digit;
	int k = 0;

	do {
		if (k > 0 && n <= base)
			n--;
		digit = n % base;
		digits[k++] = alphabet[digit];
		n = (n - digit) / base;
	} while (n != 0 && k < 7);
	while (k > 0)
		*out++ = digits[--k];
	*out = '\0';
}

static int abbr_of(const char **out, struct shrink *z, const char *name);

/* The short name of rule NAME, made when first asked for. */
static int
short_name(const char **out, struct shrink *z, const char *name)
{
	struct tzf__ent *e;
	char made[8];

	if (z->sc->names == NAMES_TABLE)
		return abbr_of(out, z, name);
	e = tzf__map_get(&z->abbr, name);
	if (e == NULL || e->val == NULL) {
		counted_name(made, z->ncounted++, z->plain);
		e = tzf__map_put(&z->abbr, name, strlen(name));
		if (e == NULL || tzf__map_setval(e, made, strlen(made)) < 0)
			return TZF_ENOMEM;
	}
	*out = e->val;
	return TZF_OK;
}

static int set_field(char **s, int i, const char *v);

/* Field FI of line *S, if a rule name, shortened in place. */
static int
shorten_field(struct shrink *z, char **s, int fi)
{
	struct tzf__fld f[TZF__MAXF];
	int nf = tzf__split(f, *s), rc;
	const char *abbr;
	char *name;

	if (!rule_name(f, nf, fi))
		return TZF_OK;
	name = tzf__fdup(f, nf, fi);
	if (name == NULL)
		return TZF_ENOMEM;
	rc = short_name(&abbr, z, name);
	tzf__free(name);
	return rc < 0 ? rc : set_field(s, fi, abbr);
}

/*
 * Keep line S in input order (zishrink.awk before 2024a).  A Zone or
 * Link of a name seen before deletes the line where that name was last
 * recorded and the continuation lines after it.  As in the script, the
 * name of a zone is recorded again at each of its continuation lines,
 * so a zone that comes again loses only its last line (the broken
 * 2017c tzdata.zi with PACKRATDATA=backzone).
 */
static int
ordered_store(struct shrink *z, char *s, bool link, bool rule, bool zone)
{
	struct tzf__fld f[TZF__MAXF];
	struct tzf__ent *e;
	size_t j;
	int nf, fi, rc = TZF_OK;

	if (!z->sc->omit_unused)
		rc = shorten_field(z, &s, zone ? 4 : link ? 0 : 2);
	nf = rc == TZF_OK ? tzf__split(f, s) : 0;
	fi = zone ? 4 : link || rule ? 0 : 2;
	if (rc == TZF_OK && z->sc->omit_unused && rule_name(f, nf, fi) &&
	    tzf__map_put(&z->used, f[fi - 1].p, f[fi - 1].len) == NULL)
		rc = TZF_ENOMEM;
	if (rc == TZF_OK && (zone || link)) {
		tzf__free(z->zonename);
		z->zonename = tzf__fdup(f, nf, zone ? 2 : 3);
		e = z->zonename ? tzf__map_get(&z->latest, z->zonename) : NULL;
		if (z->zonename == NULL)
			rc = TZF_ENOMEM;
		for (j = e != NULL ? e->num : 0; j > 0; j++) {
			z->all.v[j - 1][0] = '\0';
			if (j >= z->all.n || !continues(z->all.v[j]))
				break;
		}
	} else if (rule) {
		z->zonename[0] = '\0';
	}
	e = rc == TZF_OK ? tzf__map_put(&z->latest, z->zonename,
	    strlen(z->zonename)) : NULL;
	if (e == NULL) {
		tzf__free(s);
		return rc < 0 ? rc : TZF_ENOMEM;
	}
	e->num = z->all.n + 1;
	return tzf__lines_push(&z->all, s) ? TZF_OK : TZF_ENOMEM;
}

static int
shrink_line(struct shrink *z, const char *in)
{
	const struct zishrink *sc = z->sc;
	bool link, rule, zone;
	char *s, *a;

	s = normalize(in, sc->blanks);
	if (s == NULL)
		return TZF_ENOMEM;
	link = tzf__starts(s, "Link ");
	rule = tzf__starts(s, "Rule ");
	zone = tzf__starts(s, "Zone ");
	if (link)
		erase(s, strlen(sc->link), 4 - strlen(sc->link));
	else if (rule || zone)
		erase(s, 1, 3);
	if (sc->drop_systemv && tzf__starts(s, "R SystemV "))
		goto drop;
	/* FooAsia rules duplicate Foo: drop them, use Foo instead. */
	for (a = strstr(s, "Asia "); a != NULL; a = strstr(a + 1, "Asia ")) {
		if (a > s && a[-1] != ' ') {
			if (rule)
				goto drop;
			erase(s, (size_t)(a - s), 4);
			break;
		}
	}
	/* 2018f: SpainAfrica rules duplicate Morocco. */
	if (sc->spain_africa && (a = strstr(s, " SpainAfrica ")) != NULL) {
		if (rule)
			goto drop;
		memcpy(a + 1, "Morocco", 7);
		erase(s, (size_t)(a - s) + 8, 4);
	}
	shrink_text(s, sc, z->form);
	return sc->by_class ? shrink_store(z, s, link, rule, zone) :
	    ordered_store(z, s, link, rule, zone);
drop:
	tzf__free(s);
	return TZF_OK;
}

/* Before 2024a: in input order, the lines not deleted. */
static void
ordered_output(struct tzf_buf *out, const struct shrink *z)
{
	size_t i;

	for (i = 0; i < z->all.n; i++)
		if (z->all.v[i][0] != '\0')
			tzf_buf_printf(out, "%s\n", z->all.v[i]);
}

/* 2022b: once all lines are read, rules no zone uses go and the others'
 * names are shortened, line by line. */
static int
ordered_omit_and_shorten(struct shrink *z)
{
	struct tzf__fld f[TZF__MAXF];
	char *key;
	size_t i;
	int nf, rc = TZF_OK;

	for (i = 0; rc == TZF_OK && i < z->all.n; i++) {
		nf = tzf__split(f, z->all.v[i]);
		if (nf == 0)
			continue;
		if (tzf__feq(f, nf, 1, "R")) {
			key = tzf__fdup(f, nf, 2);
			if (key == NULL)
				return TZF_ENOMEM;
			if (tzf__map_get(&z->used, key) == NULL)
				z->all.v[i][0] = '\0';
			tzf__free(key);
			if (z->all.v[i][0] == '\0')
				continue;
		}
		rc = shorten_field(z, &z->all.v[i], tzf__feq(f, nf, 1, "Z") ?
		    4 : tzf__feq(f, nf, 1, "L") ? 0 : 2);
	}
	return rc;
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
		tzf__diag(z->dg, TZF_SEV_ERR, NULL, 0,
		    "rule names '%s' and '%s' "
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
	if (b.oom || b.len == 0) {
		tzf_buf_dispose(&b);
		return TZF_ENOMEM;
	}
	tzf__free(*s);
	*s = tzf_buf_detach(&b);
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
		zd->val = tzf_buf_detach(&b);
		if (zd->val == NULL)
			rc = TZF_ENOMEM;
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
is_default_dep(const struct zishrink *sc, const char *name)
{
	int i;

	for (i = 0; default_deps[i] != NULL; i++)
		if (strcmp(default_deps[i], name) == 0)
			return sc->systemv_dep || strcmp(name, "systemv") != 0;
	return false;
}

/* The "# ddeps" list: DEPS that are not defaults, then "!NAME" for the
 * missing default (the script lists several in gawk's hash order,
 * which is not reproduced: refused). */
static int
ddeps(struct tzf_buf *dd, const struct zishrink *sc, const char *const *deps,
    struct tzf_diag *dg)
{
	const char *missing = NULL;
	int i, j, nmissing = 0;

	for (i = 0; deps[i] != NULL; i++)
		if (!is_default_dep(sc, deps[i]))
			tzf_buf_printf(dd, " %s", deps[i]);
	for (i = 0; default_deps[i] != NULL; i++) {
		if (!is_default_dep(sc, default_deps[i]))
			continue;
		for (j = 0; deps[j] != NULL; j++)
			if (strcmp(deps[j], default_deps[i]) == 0)
				break;
		if (deps[j] == NULL) {
			missing = default_deps[i];
			nmissing++;
		}
	}
	if (nmissing > 1) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
		    "tzdata.zi: %d default files "
		    "missing, which zishrink.awk lists in gawk's hash order; "
		    "tzforge reproduces one", nmissing);
		return TZF_EINVAL;
	}
	if (missing != NULL)
		tzf_buf_printf(dd, " !%s", missing);
	return dd->oom ? TZF_ENOMEM : TZF_OK;
}

/* The header: from 2018a "# version", from 2018f also "# dataform",
 * "# redo" and "# ddeps" (DEPS NULL: none); then the public-domain
 * line. */
static int
shrink_header(struct tzf_buf *out, const struct zishrink *sc,
    const char *version, const char *form, const char *redo,
    const char *const *deps, struct tzf_diag *dg)
{
	struct tzf_buf dd = TZF_BUF_INIT;
	int rc = TZF_OK;

	if (sc->header >= 1)
		tzf_buf_printf(out, "# version %s\n", version);
	if (sc->header >= 2) {
		if (deps != NULL)
			rc = ddeps(&dd, sc, deps, dg);
		if (strcmp(form, "main") != 0)
			tzf_buf_printf(out, "# dataform %s\n", form);
		if (strcmp(redo, "posix_right") != 0)
			tzf_buf_printf(out, "# redo %s\n", redo);
		if (dd.len > 0)
			tzf_buf_printf(out, "# ddeps%s\n", dd.ptr);
	}
	tzf_buf_puts(out, "# This zic input file is in the public domain.\n");
	tzf_buf_dispose(&dd);
	return rc;
}

/* Shrink LINES (the FORM.zi text) into OUT as script SC does (PLAIN:
 * with counted rule names of letters only). */
static int
shrink(struct tzf_buf *out, const struct tzf__lines *lines,
    const struct zishrink *sc, enum tzf__form form, bool plain,
    struct tzf_diag *dg)
{
	struct shrink z;
	const char *p;
	size_t i;
	int rc;

	memset(&z, 0, sizeof z);
	z.sc = sc;
	z.plain = plain;
	z.form = form;
	z.dg = dg;
	z.zonename = tzf__strndup("", 0);
	rc = z.zonename == NULL ? TZF_ENOMEM :
	    sc->names == NAMES_TABLE ? prehash_rule_names(&z) : TZF_OK;
	for (i = 0; rc == TZF_OK && i < lines->n; i++) {
		/* Only lines matching /^[BLANKS]*[^#BLANKS]/ are data. */
		p = lines->v[i] + strspn(lines->v[i], sc->blanks);
		if (*p != '\0' && *p != '#')
			rc = shrink_line(&z, lines->v[i]);
	}
	if (rc == TZF_OK && sc->by_class) {
		omit_unused_rules(&z);
		rc = abbreviate_rule_names(&z);
		if (rc == TZF_OK)
			rc = shrink_output(out, &z);
	} else if (rc == TZF_OK) {
		if (sc->omit_unused)
			rc = ordered_omit_and_shorten(&z);
		if (rc == TZF_OK)
			ordered_output(out, &z);
	}
	shrink_free(&z);
	return rc;
}

/* Whether S (NULL: nothing) can be a word of tzdata.zi's header. */
static bool
safe_word(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return false;
	return true;
}

/* The tree's zishrink.awk, known by its SHA-256; the newest when the
 * tree has none; NULL (refused) when it is unknown. */
static const struct zishrink *
find_script(const struct tzf_tree *t, struct tzf_diag *dg)
{
	char hex[65];
	size_t i;

	if (tzf_tree_sha256(hex, t, "zishrink.awk") != TZF_OK)
		return NEWEST;
	for (i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (strcmp(scripts[i].sha256, hex) == 0)
			return &scripts[i];
	tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown 'zishrink.awk' (SHA-256 "
	    "%.16s...): tzforge reproduces the versions of tzdb 2017c to "
	    "2024a only", hex);
	return NULL;
}

/* Each line of S (LEN bytes) onto OUT, as awk reads a file. */
static int
text_lines(struct tzf__lines *out, const char *s, size_t len)
{
	const char *end = s + len, *nl;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		if (nl == NULL)
			nl = end;
		if (!tzf__lines_push(out, tzf__strndup(s, (size_t)(nl - s))))
			return TZF_ENOMEM;
		s = nl + 1;
	}
	return TZF_OK;
}

/*
 * What zishrink.awk reads: FORM.zi (the build's text); in 2017c-2018c,
 * when there is no ziguard.awk, the data files themselves, as they are:
 * the build has already applied to its text the deletions zishrink.awk
 * makes, and zishrink here makes them again.
 */
static int
shrink_input(struct tzf__lines *out, const struct tzf_build *r)
{
	const char *s;
	size_t i, len;
	int rc = TZF_OK;

	const struct tzf__lines *files = r->tdata_files.n > 0 ?
	    &r->tdata_files : &r->files;	/* `make tzdata.zi`'s */

	if (r->guard != NULL || r->single)
		return text_lines(out, r->text.ptr, r->text.len);
	for (i = 0; rc == TZF_OK && i < files->n; i++)
		if (tzf_tree_file(&s, &len, r->tree, files->v[i]) == TZF_OK)
			rc = text_lines(out, s, len);
	return rc;
}

/* tzf_tree_tzdata_zi(), or with PLAIN tzf_tree_tzdata_zi_for_zic(). */
static int
tzdata_zi(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, bool plain, struct tzf_diag *dg)
{
	struct tzf__lines lines = { NULL, 0, 0 };
	const struct zishrink *sc;
	const char *deps[24], *s;
	struct tzf_build *r;
	size_t i, n = 0, len;
	char redo[16];
	int rc;

	if (!safe_word(tzf_tree_version(t))) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "the version of '%s' has a "
		    "blank or control character, which tzdata.zi's header "
		    "cannot hold", tzf_tree_spec(t));
		return TZF_EINVAL;
	}
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
	sc = find_script(t, dg);
	if (sc == NULL)
		rc = TZF_EINVAL;
	if (r->sw.redo != NULL)
		snprintf(redo, sizeof redo, "%s", r->sw.redo);
	else if (tzf__makefile_redo(redo, t) < 0)
		snprintf(redo, sizeof redo, "posix_only");	/* the newest */
	if (rc == TZF_OK)
		rc = shrink_input(&lines, r);
	if (rc == TZF_OK)	/* a single file's dependencies: unknown */
		rc = shrink_header(out, sc, tzf_tree_version(t) ?
		    tzf_tree_version(t) : "unknown", r->sw.dataform, redo,
		    r->single ? NULL : deps, dg);
	if (rc == TZF_OK)
		rc = shrink(out, &lines, sc, r->form, plain, dg);
	tzf__lines_free(&lines);
	tzf_build_free(r);
	if (rc == TZF_OK && out->oom)
		rc = TZF_ENOMEM;
	return rc;
}

int
tzf_tree_tzdata_zi(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	return tzdata_zi(out, t, sw, false, dg);
}

int
tzf_tree_tzdata_zi_for_zic(struct tzf_buf *out, const struct tzf_tree *t,
    const struct tzf_switches *sw, struct tzf_diag *dg)
{
	return tzdata_zi(out, t, sw, true, dg);
}
