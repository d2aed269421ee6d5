/*
 * tables.c: the one reader of tzdb's table files (zone.tab,
 * zone1970.tab, zonenow.tab, iso3166.tab), shared by the diff engine
 * (lib/compare.c) and the store (lib/store_load.c).
 *
 * The files are lines of tab-separated fields; lines that are empty or
 * start with '#' are commentary.  The reader hands each data line to a
 * callback with its line number and fields, so that each user keeps its
 * own idea of what a row is (a row per country code in the store, a row
 * per zone in a diff) while the file format is read in one place.
 */
#include "tzf_int.h"

static void
split_fields(struct tzf__tabline *l)
{
	size_t i, start = 0;

	l->nf = 0;
	for (i = 0; i <= l->len && l->nf < TZF__TAB_MAXF; i++)
		if (i == l->len || l->text[i] == '\t') {
			l->f[l->nf] = l->text + start;
			l->fl[l->nf++] = i - start;
			start = i + 1;
		}
}

int
tzf__table_each(const char *text, size_t len,
    int (*fn)(void *payload, const struct tzf__tabline *l), void *payload)
{
	const char *p = text, *end = text + len;
	struct tzf__tabline l;
	int rc;

	for (l.line = 1; p < end; l.line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		l.text = p;
		l.len = (size_t)((nl ? nl : end) - p);
		if (l.len > 0 && p[l.len - 1] == '\r')
			l.len--;
		p = nl ? nl + 1 : end;
		if (l.len == 0 || *l.text == '#')
			continue;
		split_fields(&l);
		rc = fn(payload, &l);
		if (rc != 0)
			return rc;
	}
	return TZF_OK;
}

const char *const tzf__table_files[TZF__NTABLES] = {
	"zone.tab", "zone1970.tab", "zonenow.tab", "iso3166.tab"
};

bool
tzf__table_is_countries(const char *file)
{
	return strcmp(file, "iso3166.tab") == 0;
}

int
tzf__table_keycol(const char *file)
{
	return tzf__table_is_countries(file) ? 0 : 2;
}
