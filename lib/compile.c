/*
 * compile.c: one zone from source to TZif bytes: the rule expander
 * (expand.c) makes its history, the TZif writer (tzif_write.c) lays it
 * out.  Also the history's zone-line spans, for data/ and diff/.
 */
#include "model.h"

/*
 * Expand zone I once; lay it out as TZif bytes into OUT and/or report
 * its line spans into *SPANS and *N, for whichever of them is non-NULL.
 */
int
tzf_db_compile_zone_spans(struct tzf_buf *out, struct tzf_span **spans,
    size_t *n, struct tzf_db *db, size_t i)
{
	const struct tzf_zone *z = &db->zones[i];
	struct tzf_span *sp = NULL;
	struct tzf_hist *h;
	size_t k;
	int rc;

	if (spans != NULL) {
		*spans = NULL;
		*n = 0;
	}
	h = tzf__calloc(1, sizeof *h);
	if (h != NULL && spans != NULL) {
		sp = tzf__calloc(z->count, sizeof *sp);
		h->starts = tzf__calloc(z->count, sizeof *h->starts);
	}
	if (h == NULL || (spans != NULL && (sp == NULL
	    || h->starts == NULL))) {
		tzf__hist_free(h);
		tzf__free(sp);
		return TZF_ENOMEM;
	}
	rc = tzf__expand(db, h, &db->zlines[z->first], z->count);
	if (rc == TZF_OK && out != NULL)
		rc = tzf__tzif_write(out, h, db);
	if (rc == TZF_OK && spans != NULL) {
		for (k = 0; k < z->count; k++) {
			sp[k].file = db->zlines[z->first + k].file;
			sp[k].line = db->zlines[z->first + k].line;
			sp[k].start = h->starts[k];
		}
		*spans = sp;
		*n = z->count;
	} else
		tzf__free(sp);
	tzf__hist_free(h);
	return rc;
}

int
tzf_db_zone_spans(struct tzf_span **out, size_t *n, struct tzf_db *db,
    size_t i)
{
	return tzf_db_compile_zone_spans(NULL, out, n, db, i);
}

int
tzf_db_compile_zone(struct tzf_buf *out, struct tzf_db *db, size_t i)
{
	return tzf_db_compile_zone_spans(out, NULL, NULL, db, i);
}
