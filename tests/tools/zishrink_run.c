/*
 * zishrink_run.c: test helper that runs tzforge's zishrink (lib/zishrink.c)
 * with the command line the upstream Makefile gives awk:
 *
 *   zishrink_run [-v NAME=VALUE]... -f zishrink.awk FILE...
 *
 * (dataform, deps, redo and version, as "make tzdata.zi" passes them),
 * so that tests/oracle/tzdata_zi.sh can put it beside gawk in the same
 * make run and compare the two outputs on the same input.  The script
 * named by -f is only identified, by its SHA-256, never interpreted.
 * It includes the library's source to reach its static functions.
 */
#include "../../lib/zishrink.c"

#include <stdio.h>
#include <stdlib.h>

static void
sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	fprintf(stderr, "zishrink_run: %s\n", m->text);
}

/* FILE's contents; exits on failure. */
static char *
slurp(const char *file, size_t *len)
{
	struct tzf_buf b = TZF_BUF_INIT;
	FILE *f = fopen(file, "rb");
	char chunk[65536];
	size_t n;

	if (f == NULL) {
		perror(file);
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		tzf_buf_add(&b, chunk, n);
	fclose(f);
	if (b.oom)
		exit(2);
	*len = b.len;
	return tzf_buf_detach(&b);
}

static const struct zishrink *
identify(const char *file)
{
	unsigned char h[TZF__SHA256_LEN];
	char hex[65], *text;
	size_t i, len;

	text = slurp(file, &len);
	tzf__sha256(h, text, len);
	tzf__free(text);
	for (i = 0; i < TZF__SHA256_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	for (i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (strcmp(scripts[i].sha256, hex) == 0)
			return &scripts[i];
	fprintf(stderr, "zishrink_run: %s: unknown script\n", file);
	exit(2);
}

/* Each line of FILE onto LINES. */
static void
add_lines(struct tzf__lines *lines, const char *file)
{
	size_t len;
	char *text = slurp(file, &len), *p = text, *end = text + len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (!tzf__lines_push(lines, tzf__strndup(p, (size_t)(nl - p))))
			exit(2);
		p = nl + 1;
	}
	tzf__free(text);
}

int
main(int argc, char **argv)
{
	struct tzf_diag dg = { sink, NULL, 0, 0 };
	struct tzf_buf out = TZF_BUF_INIT;
	struct tzf__lines lines = { NULL, 0, 0 };
	const struct zishrink *sc = NULL;
	const char *version = "", *form = "", *redo = "", *deps[64];
	char *depstr = NULL, *d, *save;
	enum tzf__form f;
	int i, nd = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-v") == 0 && i + 1 < argc) {
			char *eq = strchr(argv[++i], '=');

			if (eq == NULL)
				continue;
			*eq++ = '\0';
			if (strcmp(argv[i], "version") == 0)
				version = eq;
			else if (strcmp(argv[i], "dataform") == 0)
				form = eq;
			else if (strcmp(argv[i], "redo") == 0)
				redo = eq;
			else if (strcmp(argv[i], "deps") == 0)
				depstr = eq;
		} else if (strcmp(argv[i], "-f") == 0 && i + 1 < argc) {
			sc = identify(argv[++i]);
		} else {
			add_lines(&lines, argv[i]);
		}
	}
	if (sc == NULL) {
		fprintf(stderr, "usage: zishrink_run [-v NAME=VALUE]... "
		    "-f zishrink.awk FILE...\n");
		return 2;
	}
	for (d = depstr ? strtok_r(depstr, " \t", &save) : NULL; d != NULL &&
	    nd < 63; d = strtok_r(NULL, " \t", &save))
		deps[nd++] = d;
	deps[nd] = NULL;
	f = strcmp(form, "vanguard") == 0 ? TZF__FORM_VANGUARD :
	    strcmp(form, "rearguard") == 0 ? TZF__FORM_REARGUARD :
	    TZF__FORM_MAIN;
	rc = shrink_header(&out, sc, version, form, redo, deps, &dg);
	if (rc == TZF_OK)
		rc = shrink(&out, &lines, sc, f, false, &dg);
	if (rc == TZF_OK && !out.oom)
		fwrite(out.ptr, 1, out.len, stdout);
	tzf__lines_free(&lines);
	tzf_buf_dispose(&out);
	return rc == TZF_OK ? 0 : 1;
}
