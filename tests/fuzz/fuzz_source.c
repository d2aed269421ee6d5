/*
 * fuzz_source.c: the source-tree layer (lib/source.c, lib/ziguard.c).
 *
 * Default mode: the input is a tarball (any compression libarchive
 * recognises).  It is written to a temporary file named *.tar and opened
 * with tzf_tree_open(); a tree that opens is turned into zic input and
 * into tzdata.zi with build switches taken from the input's last byte
 * (bits 0-1 dataform main/vanguard/rearguard, bit 2 backzone, bit 3
 * PACKRATLIST=zone.tab, bit 4 no backward), and every file is hashed.
 *
 * SPEC mode: input starting with "SPEC:" is a SPEC string (up to 200
 * bytes, relative, without "..": fuzzing must not roam the file system)
 * opened from the current directory, as zic --source would.
 * Inputs over 1 MiB are skipped.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

#include "fuzz_common.h"

static char tarpath[64];

static void
drive(const char *spec, unsigned bits)
{
	static const char *const forms[] = { "main", "vanguard", "rearguard",
		"main" };
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t = NULL;
	struct tzf_diag dg;
	size_t i, n, len;
	const char *data;
	char hex[65];

	fuzz_diag_init(&dg);
	if (tzf_tree_open(&t, spec, &dg) != TZF_OK) {
		FUZZ_CHECK(t == NULL);
		return;
	}
	(void)tzf_tree_spec(t);
	(void)tzf_tree_kind_name(tzf_tree_kind(t));
	(void)tzf_tree_version(t);
	(void)tzf_tree_commit(t);
	n = tzf_tree_nfiles(t);
	for (i = 0; i < n; i++) {
		const char *name = tzf_tree_name(t, i);

		FUZZ_CHECK(tzf_tree_file(&data, &len, t, name) == TZF_OK);
		FUZZ_CHECK(data[len] == '\0');
		FUZZ_CHECK(tzf_tree_sha256(hex, t, name) == TZF_OK);
	}
	sw.dataform = forms[bits & 3];
	sw.backzone = bits & 4;
	sw.packratlist = (bits & 8) ? "zone.tab" : NULL;
	sw.backward = !(bits & 16);
	tzf_tree_zic_input(&b, t, &sw, &dg);
	tzf_buf_dispose(&b);
	tzf_tree_tzdata_zi(&b, t, &sw, &dg);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Forks resolve in a place that does not exist. */
	setenv("TZFORGE_FORKS", "/nonexistent/tzforge-fuzz", 1);
	setenv("TZFORGE_MANIFESTS", "tzdb-forks", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char spec[201];
	int fd;

	if (size > ((size_t)1 << 20))
		return 0;
	if (size >= 5 && memcmp(data, "SPEC:", 5) == 0) {
		size -= 5;
		if (size == 0 || size > 200 || memchr(data + 5, '\0', size))
			return 0;
		memcpy(spec, data + 5, size);
		spec[size] = '\0';
		if (spec[0] == '/' || spec[0] == '~' || strstr(spec, ".."))
			return 0;
		drive(spec, 0);
		return 0;
	}
	if (tarpath[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		snprintf(tarpath, sizeof tarpath, "%s/fuzz_source.%ld.tar",
		    tmp != NULL && strlen(tmp) < 30 ? tmp : "/tmp",
		    (long)getpid());
	}
	fd = open(tarpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(tarpath);
		return 0;
	}
	close(fd);
	drive(tarpath, size > 0 ? data[size - 1] : 0);
	unlink(tarpath);
	return 0;
}
