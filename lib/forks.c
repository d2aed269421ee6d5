/*
 * forks.c: the forks of tzdb named in tzdb-forks/: their manifests
 * ("key value" lines) read in full, and where a fork's bare clone lives.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "tzf_source.h"

#ifndef TZF_FORKS_DIR
#define TZF_FORKS_DIR "tzdb-forks"
#endif

/* ------------------------------------------------------------------ */
/* Forks */

static bool
valid_fork_name(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || name[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (name[i] == '\0' || strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", name[i]) == NULL)
			return false;
	return true;
}

/* Value of KEY in manifest TEXT ("key value" lines, # comments). */
int
tzf__manifest_get(struct tzf_buf *out, const char *text, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = text, *v;

	for (; p != NULL; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, key, klen) != 0 ||
		    (p[klen] != ' ' && p[klen] != '\t'))
			continue;
		for (v = p + klen; *v == ' ' || *v == '\t'; v++)
			continue;
		n = strcspn(v, "#\n");
		while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
		    v[n - 1] == '\r'))
			n--;
		tzf_buf_add(out, v, n);
		return out->oom ? TZF_ENOMEM : TZF_OK;
	}
	return TZF_ENOTFOUND;
}

/* Read manifest NAME; "unknown fork" if there is none. */
int
tzf__fork_manifest(struct tzf_buf *out, const char *name,
    struct tzf_diag *dg)
{
	struct tzf_buf path = TZF_BUF_INIT;
	const char *dir = getenv("TZFORGE_MANIFESTS");
	struct stat st;
	int rc;

	if (dir == NULL || *dir == '\0') {
		/* The installed manifests; in a build tree, its own. */
		dir = TZF_FORKS_DIR;
		if (stat(dir, &st) != 0)
			dir = "tzdb-forks";
	}
	if (!valid_fork_name(name, strlen(name))) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown fork '%s'", name);
		return TZF_ENOTFOUND;
	}
	tzf_buf_printf(&path, "%s/%s", dir, name);
	if (path.oom) {
		rc = TZF_ENOMEM;
	} else if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode)) {
		tzf__diag(dg, TZF_ERR, NULL, 0, "unknown fork '%s'", name);
		rc = TZF_ENOTFOUND;
	} else {
		rc = tzf__read_regular(out, path.ptr, path.ptr, dg);
	}
	tzf_buf_dispose(&path);
	return rc;
}

int
tzf__fork_clone_dir(struct tzf_buf *out, const char *name)
{
	const char *s;

	s = getenv("TZFORGE_FORKS");
	if (s != NULL && *s != '\0') {
		tzf_buf_printf(out, "%s/%s.git", s, name);
	} else if ((s = getenv("XDG_CACHE_HOME")) != NULL && *s == '/') {
		tzf_buf_printf(out, "%s/tzforge/forks/%s.git", s, name);
	} else {
		s = getenv("HOME");
		tzf_buf_printf(out, "%s/.cache/tzforge/forks/%s.git",
		    s != NULL ? s : ".", name);
	}
	return out->oom ? TZF_ENOMEM : TZF_OK;
}

int
tzf_fork_dir(struct tzf_buf *out, const char *name, struct tzf_diag *dg)
{
	struct tzf_buf m = TZF_BUF_INIT;
	int rc;

	rc = tzf__fork_manifest(&m, name, dg);
	tzf_buf_dispose(&m);
	if (rc < 0)
		return rc;
	return tzf__fork_clone_dir(out, name);
}

int
tzf__fork_pattern(struct tzf_buf *out, const char *manifest)
{
	int rc = tzf__manifest_get(out, manifest, "tags");

	if (rc == TZF_ENOTFOUND) {
		tzf_buf_puts(out, TZF__DESCRIBE_MATCH);
		rc = out->oom ? TZF_ENOMEM : TZF_OK;
	}
	return rc;
}
