/*
 * tzforge/program.h: program support: process tuning that only the
 * command-line programs may call, never a library user.
 * Part of the public API; lib/tzforge.h includes every part, and each
 * part can be included alone.
 */
#ifndef TZFORGE_PROGRAM_H
#define TZFORGE_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * For command-line programs, at start-up: map the first BYTES of the
 * malloc heap at once and keep it, because page faults cost more than
 * the work of a short run on virtual machines.  Changes glibc's malloc
 * settings for the whole process, so a library user should not call it.
 */
void tzf_prefault_heap(size_t bytes);

#endif /* TZFORGE_PROGRAM_H */
