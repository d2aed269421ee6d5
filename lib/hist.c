/*
 * hist.c: the time types and abbreviation table of an expanded history
 * (struct tzf_hist), shared by the rule expander (expand.c), which makes
 * them, and the TZif writer (tzif_write.c), which adds fat files' extra
 * types and lays the table out.  zic keeps these as globals; their
 * order and sharing decide bytes of the TZif file.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

#define ABBR_MAX_WO_WARN 6
#define GRANDPARENTED "Local time zone must be set--see zic manual page"
#define ABBR_BUF 256

void
tzf__say(struct tzf_where *w, enum tzf_sev sev, const char *text)
{
	struct tzf_msg m = { sev, w->file, w->line, w->rfile, w->rline,
	    false, NULL };

	tzf__diag_msg(w->dg, &m, "%s", text);
}

/* ------------------------------------------------------------------ */
/* Abbreviation tables */

/* Index of ABBR in T's bytes, or -1: zic's strcmp at every offset. */
int
tzf__abbr_find(const struct tzf_abbrtab *t, const char *abbr)
{
	size_t alen = strlen(abbr);
	int i;

	for (i = 0; i < t->n; i++) {
		const char *e = t->bytes + t->starts[i];
		size_t elen = strlen(e);

		if (elen >= alen && memcmp(e + elen - alen, abbr, alen) == 0)
			return t->starts[i] + (int)(elen - alen);
	}
	return -1;
}

/*
 * Add ABBR unless already present.  A new string that ends with an
 * existing entry takes that entry's place (2026b's suffix sharing);
 * otherwise it is appended.
 */
int
tzf__abbr_add(struct tzf_abbrtab *t, const char *abbr)
{
	size_t alen = strlen(abbr);
	int i, j, delta;

	if (tzf__abbr_find(t, abbr) >= 0)
		return TZF_ABBR_FOUND;
	if (alen >= TZF_MAX_CHARS)
		return TZF_ABBR_FULL;
	for (i = 0; i < t->n; i++) {
		char *e = t->bytes + t->starts[i];
		size_t elen = strlen(e);

		if (elen >= alen || memcmp(abbr + alen - elen, e, elen) != 0)
			continue;
		delta = (int)(alen - elen);
		if (t->size + delta > TZF_MAX_CHARS)
			return TZF_ABBR_FULL;
		memmove(e + delta, e, (size_t)(t->size - t->starts[i]));
		memcpy(e, abbr, alen - elen);
		t->size += delta;
		for (j = i + 1; j < t->n; j++)
			t->starts[j] += delta;
		return TZF_ABBR_NEW;
	}
	if (t->size + (int)alen + 1 > TZF_MAX_CHARS)
		return TZF_ABBR_FULL;
	t->starts[t->n++] = t->size;
	memcpy(t->bytes + t->size, abbr, alen + 1);
	t->size += (int)alen + 1;
	return TZF_ABBR_NEW;
}

void
tzf__abbr_bytes(const struct tzf_abbrtab *t, char *out)
{
	memcpy(out, t->bytes, (size_t)t->size);
}

/* zic's newabbr checks: warn about abbreviations POSIX frowns on. */
static void
checkabbr(struct tzf_where *w, bool noise, const char *s)
{
	const char *cp = s, *mp = NULL;
	char msg[ABBR_BUF + 80];

	if (strcmp(s, GRANDPARENTED) == 0)
		return;
	while ((*cp >= 'a' && *cp <= 'z') || (*cp >= 'A' && *cp <= 'Z')
	    || (*cp >= '0' && *cp <= '9') || *cp == '-' || *cp == '+')
		++cp;
	if (noise && cp - s < 3)
		mp = "time zone abbreviation has fewer than 3 characters";
	if (cp - s > ABBR_MAX_WO_WARN)
		mp = "time zone abbreviation has too many characters";
	if (*cp != '\0')
		mp = "time zone abbreviation differs from POSIX standard";
	if (mp != NULL) {
		snprintf(msg, sizeof msg, "%s (%s)", mp, s);
		tzf__say(w, TZF_SEV_WARN, msg);
	}
}

/* ------------------------------------------------------------------ */
/* Types and transitions */

/* One copy of each distinct abbreviation; NULL if out of memory. */
static char *
pool_abbr(struct tzf_hist *h, const char *abbr)
{
	int i;

	for (i = 0; i < h->nabbrpool; i++)
		if (strcmp(h->abbrpool[i], abbr) == 0)
			return h->abbrpool[i];
	h->abbrpool[h->nabbrpool] = tzf__strdup(abbr);
	return h->abbrpool[h->nabbrpool++];
}

/*
 * zic's addtype: the index of a type with these properties, made if
 * new.  Negative on a fatal error (reported through W).
 */
int
tzf__addtype(struct tzf_hist *h, struct tzf_where *w, bool fat, bool noise,
    int64_t utoff, const char *abbr, bool isdst, bool ttisstd, bool ttisut)
{
	int i;

	if (!(-INT32_MAX <= utoff && utoff <= INT32_MAX)) {
		tzf__say(w, TZF_SEV_ERR, "UT offset out of range");
		return TZF_EINVAL;
	}
	if (!fat)
		ttisstd = ttisut = false;
	if (strlen(abbr) >= TZF_MAX_CHARS) {
		tzf__say(w, TZF_SEV_ERR, "too many, or too long, time zone "
		    "abbreviations");
		return TZF_EINVAL;
	}
	/* Every type's abbreviation is in h->chars, so a matching type
	 * means zic's lookup of ABBR there would succeed: look for the
	 * type first, and search h->chars only for a new type. */
	for (i = 0; i < h->typecnt; i++)
		if (utoff == h->utoffs[i] && isdst == h->isdsts[i]
		    && strcmp(abbr, h->abbrs[i]) == 0
		    && ttisstd == h->ttisstds[i] && ttisut == h->ttisuts[i])
			return i;
	if (tzf__abbr_find(&h->chars, abbr) < 0) {
		checkabbr(w, noise, abbr);
		if (tzf__abbr_add(&h->chars, abbr) == TZF_ABBR_FULL) {
			tzf__say(w, TZF_SEV_ERR,
			    "too many, or too long, time zone "
			    "abbreviations");
			return TZF_EINVAL;
		}
	}
	if (h->typecnt >= TZF_MAX_TYPES) {
		tzf__say(w, TZF_SEV_ERR, "too many local time types");
		return TZF_EINVAL;
	}
	i = h->typecnt;
	h->abbrs[i] = pool_abbr(h, abbr);
	if (h->abbrs[i] == NULL)
		return TZF_ENOMEM;
	h->typecnt++;
	h->utoffs[i] = (int32_t)utoff;
	h->isdsts[i] = isdst;
	h->ttisstds[i] = ttisstd;
	h->ttisuts[i] = ttisut;
	return i;
}

int
tzf__hist_addtype(struct tzf_hist *h, const struct tzf_db *db,
    int64_t utoff, const char *abbr, bool isdst, bool ttisstd, bool ttisut)
{
	struct tzf_where w = { db->dg, NULL, NULL, 0, 0 };

	return tzf__addtype(h, &w, db->opts.fat, db->opts.noise, utoff, abbr,
	    isdst, ttisstd, ttisut);
}

void
tzf__hist_free(struct tzf_hist *h)
{
	int k;

	if (h == NULL)
		return;
	tzf__free(h->attypes);
	tzf__free(h->tzstring);
	tzf__free(h->starts);
	for (k = 0; k < h->nabbrpool; k++)
		tzf__free(h->abbrpool[k]);
	tzf__free(h);
}
