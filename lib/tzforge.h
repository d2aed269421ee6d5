/*
 * tzforge.h: the public header of libtzforge, the core shared by
 * zic/zic, data/tzdb and diff/tzdiff: an umbrella over one header per
 * module area in lib/tzforge/ (each can be included alone).  Test-only
 * entry points are in lib/tzforge_test.h, process tuning for the
 * programs in lib/tzforge/program.h.
 *
 * Conventions (see README):
 *   - functions that can fail return int: TZF_OK (0) or a negative TZF_E*;
 *   - output parameters come first and are named out;
 *   - what comes back through out belongs to the caller and is released
 *     with the matching tzf_*_free(); tzf_*_free(NULL) does nothing;
 *   - the library never prints and never exits: explanations go to a
 *     struct tzf_diag sink the caller supplies.
 */
#ifndef TZFORGE_H
#define TZFORGE_H

#include "tzforge/core.h"
#include "tzforge/civil.h"
#include "tzforge/tzif.h"
#include "tzforge/source.h"
#include "tzforge/zic.h"
#include "tzforge/store.h"
#include "tzforge/compare.h"

#endif /* TZFORGE_H */
