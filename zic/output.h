/*
 * output.h: zic's output directory (output.c).  Every name is relative
 * to -d and stays inside it; a name from the command line (TYPED) that
 * is absolute or climbs with ".." is taken as typed.  Each function dies
 * with zic's message when it fails.
 */
#ifndef ZIC_OUTPUT_H
#define ZIC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "tzforge.h"

/* Change into DIR, making it if missing, and hold it open. */
void out_open_dir(const char *dir);
/* Lock -d for this run; when no other run of ours is writing there,
 * first remove the temporaries a killed run left where DB's names go. */
void out_begin(struct tzf_db *db);
/* Replace NAME with DATA atomically. */
void out_write(const char *name, const void *data, size_t len);
/* Make LINKNAME a link to TARGET ("-": remove LINKNAME), as zic does;
 * FILE and LINE locate its warnings ("command line", 1 when TYPED). */
void out_link(const char *target, const char *linkname, bool typed,
    const char *file, long line);
/* out_link() for tzf_db_links(). */
int out_link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line);
void out_close(void);

#endif /* ZIC_OUTPUT_H */
