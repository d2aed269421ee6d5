/*
 * zisource.c: developer tool that prints the zic input of a SPEC, i.e.
 * tzf_tree_zic_input() (or, with -z, tzf_tree_tzdata_zi(); with -L,
 * tzf_tree_leapseconds()), so the source layer can be checked against
 * the system zic and the releases' own awk scripts as oracles.
 *
 * usage: zisource [-BbeLsvz] [-f form] [-l list] [-r redo] SPEC
 *   -b backzone, -l PACKRATLIST, -B no backward, -f data form,
 *   -s VANGUARD_SUBSECONDS, -r REDO,
 *   -z tzdata.zi instead of FORM.zi, -L leapseconds (-e with
 *   EXPIRES_LINE=1), -v print provenance to stderr.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tzforge_test.h"

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	fprintf(stderr, "zisource: %s\n", m->text);
}

static void
provenance(const struct tzf_tree *t)
{
	char hex[65];
	size_t i;

	fprintf(stderr, "spec %s\nkind %s\ncommit %s\nversion %s\n",
	    tzf_tree_spec(t), tzf_tree_kind_name(tzf_tree_kind(t)),
	    tzf_tree_commit(t) ? tzf_tree_commit(t) : "-",
	    tzf_tree_version(t) ? tzf_tree_version(t) : "-");
	for (i = 0; i < tzf_tree_nfiles(t); i++) {
		tzf_tree_sha256(hex, t, tzf_tree_name(t, i));
		fprintf(stderr, "sha256 %s  %s\n", hex, tzf_tree_name(t, i));
	}
}

int
main(int argc, char *argv[])
{
	struct tzf_switches sw = TZF_SWITCHES_INIT;
	struct tzf_diag dg = { sink, NULL, 0, 0 };
	struct tzf_buf b = TZF_BUF_INIT;
	struct tzf_tree *t = NULL;
	int ch, rc, zi = 0, leap = 0, expires = 0, verbose = 0;

	while ((ch = getopt(argc, argv, "Bbef:Ll:r:svz")) != -1) {
		switch (ch) {
		case 'B':
			sw.backward = false;
			break;
		case 's':
			sw.subseconds = true;
			break;
		case 'b':
			sw.backzone = true;
			break;
		case 'f':
			sw.dataform = optarg;
			break;
		case 'l':
			sw.packratlist = optarg;
			break;
		case 'r':
			sw.redo = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'z':
			zi = 1;
			break;
		case 'L':
			leap = 1;
			break;
		case 'e':
			expires = 1;
			break;
		default:
			fprintf(stderr, "usage: zisource [-BbeLsvz] [-f form] "
			    "[-l list] [-r redo] SPEC\n");
			return 2;
		}
	}
	if (argc - optind != 1)
		return 2;
	if (tzf_init() < 0)
		return 2;
	rc = tzf_tree_open(&t, argv[optind], &dg);
	if (rc == TZF_OK && verbose)
		provenance(t);
	if (rc == TZF_OK && leap)
		rc = tzf_tree_leapseconds(&b, t, expires, &dg);
	else if (rc == TZF_OK)
		rc = zi ? tzf_tree_tzdata_zi(&b, t, &sw, &dg) :
		    tzf_tree_zic_input(&b, t, &sw, &dg);
	if (rc == TZF_OK)
		fwrite(b.ptr, 1, b.len, stdout);
	tzf_buf_dispose(&b);
	tzf_tree_free(t);
	tzf_shutdown();
	return rc == TZF_OK ? 0 : 2;
}
