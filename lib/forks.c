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

/* Where the manifests are: $TZFORGE_MANIFESTS, else the installed
 * ones, else (in a build tree) its own. */
static const char *
manifests_dir(void)
{
	const char *dir = getenv("TZFORGE_MANIFESTS");
	struct stat st;

	if (dir != NULL && *dir != '\0')
		return dir;
	return stat(TZF_FORKS_DIR, &st) == 0 ? TZF_FORKS_DIR : "tzdb-forks";
}

/* Read manifest NAME; "unknown fork" if there is none. */
int
tzf__fork_manifest(struct tzf_buf *out, const char *name,
    struct tzf_diag *dg)
{
	struct tzf_buf path = TZF_BUF_INIT;
	const char *dir = manifests_dir();
	struct stat st;
	int rc;

	if (!valid_fork_name(name, strlen(name))) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown fork '%s'", name);
		return TZF_ENOTFOUND;
	}
	tzf_buf_printf(&path, "%s/%s", dir, name);
	if (path.oom) {
		rc = TZF_ENOMEM;
	} else if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode)) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "unknown fork '%s'", name);
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

/* ------------------------------------------------------------------ */
/* A manifest, fully read */

struct tzf_fork {
	char *name, *description, *url, *tags, *suffix, *branch;
	char *dataform, *packratlist;	/* behind profile's strings */
	struct tzf_switches profile;
};

/* The keys a manifest has; each once. */
static const char *const manifest_keys[] = {
	"description", "url", "tags", "branch", "profile", NULL
};

void
tzf_fork_free(struct tzf_fork *f)
{
	if (f == NULL)
		return;
	tzf__free(f->name);
	tzf__free(f->description);
	tzf__free(f->url);
	tzf__free(f->tags);
	tzf__free(f->suffix);
	tzf__free(f->branch);
	tzf__free(f->dataform);
	tzf__free(f->packratlist);
	tzf__free(f);
}

/*
 * The suffix a tag family adds after the release ("gtz" for
 * [0-9][0-9][0-9][0-9][a-z]gtz): what follows the year and letter
 * classes, which must be plain characters.
 */
static int
family_suffix(char **out, const char *tags)
{
	static const char stem[] = "[0-9][0-9][0-9][0-9][a-z]";
	const char *s;

	if (strncmp(tags, stem, sizeof stem - 1) != 0)
		return TZF_EINVAL;
	s = tags + sizeof stem - 1;
	if (strpbrk(s, "*?[]\\") != NULL)
		return TZF_EINVAL;
	*out = tzf__strdup(s);
	return *out != NULL ? TZF_OK : TZF_ENOMEM;
}

/* One VAR=VALUE word of a profile into F's switches. */
static int
profile_word(struct tzf_fork *f, const char *w, size_t n)
{
	const char *eq = memchr(w, '=', n), *v;
	size_t vn;

	if (eq == NULL)
		return TZF_EINVAL;
	v = eq + 1;
	vn = n - (size_t)(v - w);
#define IS(var) ((size_t)(eq - w) == strlen(var) && \
	strncmp(w, var, strlen(var)) == 0)
#define VAL(s) (vn == strlen(s) && strncmp(v, s, vn) == 0)
	if (IS("DATAFORM") && (VAL("main") || VAL("vanguard") ||
	    VAL("rearguard"))) {
		tzf__free(f->dataform);
		f->dataform = tzf__strndup(v, vn);
		return f->dataform != NULL ? TZF_OK : TZF_ENOMEM;
	}
	if (IS("BACKWARD") && (VAL("backward") || VAL("")))
		f->profile.backward = vn > 0;
	else if (IS("PACKRATDATA") && (VAL("backzone") || VAL("")))
		f->profile.backzone = vn > 0;
	else if (IS("PACKRATLIST")) {
		tzf__free(f->packratlist);
		f->packratlist = vn > 0 ? tzf__strndup(v, vn) : NULL;
		if (vn > 0 && f->packratlist == NULL)
			return TZF_ENOMEM;
	} else
		return TZF_EINVAL;
#undef IS
#undef VAL
	return TZF_OK;
}

/* The build switches the fork's releases are made with. */
static int
read_profile(struct tzf_fork *f, const char *text)
{
	const char *p = text;
	size_t n;
	int rc;

	f->profile = (struct tzf_switches)TZF_SWITCHES_INIT;
	for (;;) {
		p += strspn(p, " \t");
		n = strcspn(p, " \t");
		if (n == 0)
			break;
		rc = profile_word(f, p, n);
		if (rc < 0)
			return rc;
		p += n;
	}
	if (f->dataform != NULL)
		f->profile.dataform = f->dataform;
	f->profile.packratlist = f->packratlist;
	return TZF_OK;
}

/* Check MANIFEST's keys: known ones, each once, with a value. */
static int
check_keys(const char *name, const char *manifest, struct tzf_diag *dg)
{
	bool seen[sizeof manifest_keys / sizeof manifest_keys[0]] = { false };
	const char *p = manifest;
	long line = 1;
	size_t n;
	int k;

	for (; *p != '\0'; p += strcspn(p, "\n"), p += *p == '\n', line++) {
		n = strcspn(p, " \t\n#");
		if (n == 0)
			continue;
		for (k = 0; manifest_keys[k] != NULL; k++)
			if (strlen(manifest_keys[k]) == n &&
			    strncmp(p, manifest_keys[k], n) == 0)
				break;
		if (manifest_keys[k] == NULL || seen[k]) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "manifest of fork '%s', "
			    "line %ld: %s key '%.*s'", name, line,
			    manifest_keys[k] == NULL ? "unknown" : "repeated",
			    (int)n, p);
			return TZF_EINVAL;
		}
		seen[k] = true;
	}
	for (k = 0; manifest_keys[k] != NULL; k++)
		if (!seen[k]) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "manifest of fork '%s' "
			    "has no %s", name, manifest_keys[k]);
			return TZF_EINVAL;
		}
	return TZF_OK;
}

/* The value of KEY as a new string in *OUT. */
static int
take_key(char **out, const char *manifest, const char *key)
{
	struct tzf_buf b = TZF_BUF_INIT;
	int rc = tzf__manifest_get(&b, manifest, key);

	if (rc == TZF_OK) {
		*out = tzf_buf_detach(&b);
		return *out != NULL ? TZF_OK : TZF_ENOMEM;
	}
	tzf_buf_dispose(&b);
	return rc;
}

int
tzf_fork_open(struct tzf_fork **out, const char *name, struct tzf_diag *dg)
{
	struct tzf_buf m = TZF_BUF_INIT;
	struct tzf_fork *f;
	const char *text;
	int rc;

	*out = NULL;
	rc = tzf__fork_manifest(&m, name, dg);
	if (rc < 0) {
		tzf_buf_dispose(&m);
		return rc;
	}
	text = m.ptr;
	f = tzf__calloc(1, sizeof *f);
	rc = f == NULL ? TZF_ENOMEM : check_keys(name, text, dg);
	if (rc == TZF_OK)
		rc = (f->name = tzf__strdup(name)) != NULL ? TZF_OK : TZF_ENOMEM;
	if (rc == TZF_OK)
		rc = take_key(&f->description, text, "description");
	if (rc == TZF_OK)
		rc = take_key(&f->url, text, "url");
	if (rc == TZF_OK)
		rc = take_key(&f->tags, text, "tags");
	if (rc == TZF_OK)
		rc = take_key(&f->branch, text, "branch");
	if (rc == TZF_OK) {
		rc = family_suffix(&f->suffix, f->tags);
		if (rc == TZF_EINVAL)
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "manifest of fork '%s': "
			    "tags '%s' is not [0-9][0-9][0-9][0-9][a-z] and a "
			    "plain suffix", name, f->tags);
	}
	if (rc == TZF_OK) {
		struct tzf_buf p = TZF_BUF_INIT;

		rc = tzf__manifest_get(&p, text, "profile");
		if (rc == TZF_OK)
			rc = read_profile(f, p.ptr);
		if (rc == TZF_EINVAL)
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0,
			    "manifest of fork '%s': "
			    "profile '%s' is not DATAFORM=, BACKWARD=, "
			    "PACKRATDATA= and PACKRATLIST= settings", name,
			    p.ptr);
		tzf_buf_dispose(&p);
	}
	tzf_buf_dispose(&m);
	if (rc < 0) {
		tzf_fork_free(f);
		return rc;
	}
	*out = f;
	return TZF_OK;
}

const char *
tzf_fork_url(const struct tzf_fork *f)
{
	return f->url;
}

const char *
tzf_fork_tags(const struct tzf_fork *f)
{
	return f->tags;
}

const char *
tzf_fork_suffix(const struct tzf_fork *f)
{
	return f->suffix;
}

const char *
tzf_fork_branch(const struct tzf_fork *f)
{
	return f->branch;
}

const struct tzf_switches *
tzf_fork_profile(const struct tzf_fork *f)
{
	return &f->profile;
}
