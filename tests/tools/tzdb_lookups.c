/*
 * tzdb_lookups.c: benchmark helper for tests/bench/tzdb.sh: in-process
 * lookups per second through the library (tzf_zinfo_at) on histories read
 * from a store.  Not a test.
 *
 * usage: tzdb_lookups DB [RELEASE [N]]
 * Reads every name of RELEASE (default: the latest) and does N (default
 * 10,000,000) lookups at pseudo-random instants over 1800-2100.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tzforge.h"

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	fprintf(stderr, "tzdb_lookups: %s\n", m->text);
}

int
main(int argc, char *argv[])
{
	struct tzf_diag dg = { sink, NULL, 0, 0 };
	struct tzf_store *st;
	struct tzf_zinfo **z;
	struct timespec a, b;
	char **names;
	size_t n, i, nz = 0;
	long long k, total = argc > 3 ? atoll(argv[3]) : 10000000;
	uint64_t x = 88172645463325252ull;
	long long sum = 0;
	double s;

	if (argc < 2) {
		fprintf(stderr, "usage: tzdb_lookups DB [RELEASE [N]]\n");
		return 2;
	}
	if (tzf_store_open(&st, argv[1], TZF_STORE_RDONLY, &dg) < 0 ||
	    tzf_store_names(&names, &n, st, argc > 2 ? argv[2] : NULL,
	    &dg) < 0)
		return 2;
	z = calloc(n, sizeof *z);
	for (i = 0; z != NULL && i < n; i++)
		if (tzf_store_zinfo(&z[nz], st, argc > 2 ? argv[2] : NULL,
		    names[i], &dg) == 0 && z[nz]->tzif != NULL)
			nz++;
	if (nz == 0)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (k = 0; k < total; k++) {
		struct tzf_local l;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		tzf_zinfo_at(&l, NULL, z[x % nz],
		    -5364662400 + (int64_t)((x >> 16) % 9467107200u));
		sum += l.utoff;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) /
	    1e9;
	printf("%lld lookups over %zu names in %.3f s: %.0f lookups/s "
	    "(checksum %lld)\n", total, nz, s, (double)total / s, sum);
	for (i = 0; i < nz; i++)
		tzf_zinfo_free(z[i]);
	free(z);
	tzf_strv_free(names, n);
	tzf_store_close(st);
	return 0;
}
