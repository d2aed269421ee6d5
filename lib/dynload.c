/*
 * dynload.c: load an optional shared library the first time it is
 * needed.  libgit2 and libarchive (with the dozens of libraries they
 * pull in) are needed only for REPO@REF and tarball sources, yet
 * loading them at start-up would cost every zic and tzdb run several
 * milliseconds, more than zic needs to compile all of tzdb.  So the
 * programs are not linked with them, and gitsrc.c and source.c resolve
 * the functions they call here, on first use.
 */
#include <dlfcn.h>
#include <string.h>

#include "tzf_int.h"

int
tzf__dynload(void **handle, const char *soname, const char *const *names,
    void **const *slots, size_t n, struct tzf_diag *dg)
{
	size_t i;

	if (*handle != NULL)
		return TZF_OK;
	*handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (*handle == NULL) {
		tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "cannot load %s: %s",
		    soname,
		    dlerror());
		return TZF_ERROR;
	}
	for (i = 0; i < n; i++) {
		/* POSIX guarantees that a function pointer fits a void *. */
		*slots[i] = dlsym(*handle, names[i]);
		if (*slots[i] == NULL) {
			tzf__diag(dg, TZF_SEV_ERR, NULL, 0, "%s lacks %s",
			    soname,
			    names[i]);
			dlclose(*handle);
			*handle = NULL;
			return TZF_ERROR;
		}
	}
	return TZF_OK;
}
