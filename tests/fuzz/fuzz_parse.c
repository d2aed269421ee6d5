/*
 * fuzz_parse.c: tzdb source text -> parse -> associate -> compile every
 * zone into TZif bytes -> links, all in memory, as zic/zic does.
 *
 * Input: zic source text.  When the first byte is below 0x10 it is an
 * options byte and is not part of the text: bit 0 -b fat, bit 1 -v
 * (noise), bit 2 -r @0/@2147483648, bit 3 the text before the first NUL
 * byte is a leap-second file (-L) and the rest the zic input.  Inputs
 * over 64 KiB are skipped to bound the work of one run.  Every compiled
 * file that the TZif reader accepts must encode back to the same bytes.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "fuzz_common.h"

static int
link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line)
{
	size_t *n = payload;

	*n += strlen(target) + strlen(linkname) + (file ? strlen(file) : 0) +
	    (size_t)(line > 0);
	return TZF_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tzf_zic_opts o = TZF_ZIC_OPTS_INIT;
	struct tzf_db *db = NULL;
	struct tzf_diag dg;
	const char *text = (const char *)data, *leap = NULL;
	size_t len = size, leaplen = 0, i, n, nlinks = 0;
	unsigned opts = 0;

	if (size > 65536)
		return 0;
	if (size > 0 && data[0] < 0x10) {
		opts = data[0];
		text++;
		len--;
	}
	o.fat = opts & 1;
	o.noise = opts & 2;
	if (opts & 4) {
		o.lo_time = 0;
		o.hi_time = INT64_C(2147483648) - 1;
	}
	if (opts & 8) {
		const char *nul = memchr(text, '\0', len);

		if (nul != NULL) {
			leap = text;
			leaplen = (size_t)(nul - text);
			len -= leaplen + 1;
			text = nul + 1;
		}
	}
	fuzz_diag_init(&dg);
	if (tzf_db_new(&db, &o, &dg) < 0)
		return 0;
	if (leap != NULL) {
		if (tzf_db_parse(db, "leapseconds", leap, leaplen, true) < 0 ||
		    tzf_db_leaps_done(db) < 0)
			goto out;
	}
	if (tzf_db_parse(db, "in.zi", text, len, false) < 0 || dg.nerr > 0)
		goto out;
	if (tzf_db_associate(db) < 0)
		goto out;
	n = tzf_db_nzones(db);
	for (i = 0; i < n; i++) {
		struct tzf_buf b = TZF_BUF_INIT;
		struct tzf_span *sp = NULL;
		struct tzf_tzif *t = NULL;
		const char *file;
		size_t nsp;
		long line;
		int rc;

		FUZZ_CHECK(tzf_db_zone_name(db, i) != NULL);
		tzf_db_zone_where(&file, &line, db, i);
		rc = tzf_db_compile_zone(&b, db, i);
		if (rc == TZF_OK && !b.oom && b.len > 0 &&
		    tzf_tzif_parse(&t, b.ptr, b.len, NULL, NULL) == TZF_OK) {
			struct tzf_buf e = TZF_BUF_INIT;

			FUZZ_CHECK(tzf_tzif_encode(&e, t) == TZF_OK);
			FUZZ_CHECK(e.len == b.len &&
			    memcmp(e.ptr, b.ptr, b.len) == 0);
			tzf_buf_dispose(&e);
			tzf_tzif_free(t);
		}
		tzf_buf_dispose(&b);
		if (rc < 0)
			break;
		if (tzf_db_zone_spans(&sp, &nsp, db, i) == TZF_OK)
			tzf_free(sp);
	}
	tzf_db_links(db, link_cb, &nlinks);
out:
	tzf_db_free(db);
	return 0;
}
