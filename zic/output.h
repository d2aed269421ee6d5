/*
 * output.h: zic's output directory: atomic file replacement and links
 * (output.c).
 */
#ifndef ZIC_OUTPUT_H
#define ZIC_OUTPUT_H

#include <stddef.h>

#include "tzforge.h"

void change_directory(const char *dir);
void prepare_output(struct tzf_db *db);
void finish_output(void);
void write_atomically(const char *name, const void *data, size_t len);
void dolink(const char *target, const char *linkname, bool staysymlink);
int link_cb(void *payload, const char *target, const char *linkname,
    const char *file, long line);
/* Where link diagnostics point: the Link line, or the command line. */
extern const char *link_file;
extern long link_line;

#endif /* ZIC_OUTPUT_H */
