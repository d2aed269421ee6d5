/*
 * fuzz_tzif.c: the TZif reader (lib/tzif_read.c).  Input starting with
 * "TZif" is a TZif file: it is parsed and validated; if accepted, it must
 * encode back to exactly the input bytes, and lookups at and around every
 * transition and at the ends of time must succeed, as must the footer's
 * TZ string through tzf_tz_parse/eval/transitions.  Any other input (up
 * to 256 bytes) is a POSIX TZ string for tzf_tz_parse and friends.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "fuzz_common.h"

static void
tz_string(const char *s)
{
	struct tzf_local l;
	struct tzf_tz tz;
	int64_t a, b, y;
	static const int64_t uts[] = { INT64_MIN, INT64_MIN + 1, -1, 0, 1,
		INT64_C(1700000000), INT64_C(4102444800), INT64_MAX - 1,
		INT64_MAX };
	size_t i;

	if (tzf_tz_parse(&tz, s, NULL) != TZF_OK)
		return;
	for (i = 0; i < sizeof uts / sizeof uts[0]; i++)
		FUZZ_CHECK(tzf_tz_eval(&l, &tz, uts[i]) == TZF_OK);
	if (tz.hasdst) {
		static const int64_t years[] = { INT64_MIN, -292277022657,
			-1, 0, 1970, 2024, 2100, 292277026596, INT64_MAX };

		for (i = 0; i < sizeof years / sizeof years[0]; i++) {
			y = years[i];
			tzf_tz_transitions(&a, &b, &tz, y);
		}
	}
}

static void
lookups(const struct tzf_tzif *t)
{
	const struct tzf_tzif_block *b = t->version >= 2 ? &t->v2 : &t->v1;
	struct tzf_local l;
	uint32_t i;
	static const int64_t ends[] = { INT64_MIN, INT64_MIN + 1, -1, 0,
		INT64_MAX - 1, INT64_MAX };

	for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
		FUZZ_CHECK(tzf_tzif_lookup(&l, t, ends[i]) == TZF_OK);
	for (i = 0; i < b->timecnt && i < 2000; i++) {
		int64_t u = b->times[i];

		FUZZ_CHECK(tzf_tzif_lookup(&l, t, u) == TZF_OK);
		if (u > INT64_MIN)
			FUZZ_CHECK(tzf_tzif_lookup(&l, t, u - 1) == TZF_OK);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tzf_tzif *t = NULL;
	struct tzf_buf e = TZF_BUF_INIT;
	struct tzf_diag dg;
	char s[257];

	if (size < 4 || memcmp(data, "TZif", 4) != 0) {
		if (size > 256)
			return 0;
		memcpy(s, data, size);
		s[size] = '\0';
		tz_string(s);
		return 0;
	}
	fuzz_diag_init(&dg);
	if (tzf_tzif_parse(&t, data, size, "fuzz", &dg) != TZF_OK) {
		FUZZ_CHECK(t == NULL && dg.nerr > 0);
		return 0;
	}
	FUZZ_CHECK(tzf_tzif_encode(&e, t) == TZF_OK);
	FUZZ_CHECK(e.len == size && memcmp(e.ptr, data, size) == 0);
	tzf_buf_dispose(&e);
	lookups(t);
	if (t->footer != NULL)
		tz_string(t->footer);
	tzf_tzif_free(t);
	return 0;
}
