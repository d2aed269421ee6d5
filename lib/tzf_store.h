/*
 * tzf_store.h: internal interface between the store (store.c) and the
 * writers of exchange formats (dump.c).  Front ends never include this.
 */
#ifndef TZF_STORE_H
#define TZF_STORE_H

#include "tzf_int.h"

/* Call FN with every name of RELEASE (NULL: the latest), in name order
 * (without their zone lines);
 * *LABEL_OUT (if not NULL) gets the release's label, malloc'd. */
int tzf__store_each(struct tzf_store *st, const char *release,
    int (*fn)(void *payload, const struct tzf_zinfo *z), void *payload,
    char **label_out, struct tzf_diag *dg);

/* The version a release states (else its label), malloc'd. */
int tzf__store_version(char **out, struct tzf_store *st, const char *label,
    struct tzf_diag *dg);

/* Does release LABEL have input file FILE (*HASFILE) and name NAME
 * (*HASNAME)? */
int tzf__store_has(bool *hasfile, bool *hasname, struct tzf_store *st,
    const char *label, const char *file, const char *name,
    struct tzf_diag *dg);

#endif /* TZF_STORE_H */
