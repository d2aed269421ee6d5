/*
 * fuzz_common.h: shared by the fuzz targets tests/fuzz/fuzz_*.c: a
 * diagnostics sink that reads every message (so that a bad pointer or an
 * unterminated string in one shows up under the sanitizers) and the
 * libFuzzer entry point's prototype.  Each target is one .c file built
 * either with clang -fsanitize=fuzzer (make fuzz) or with gcc against
 * tests/fuzz/standalone.c (make check replays the corpus).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tzforge_test.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static size_t fuzz_sink_bytes;

static void
fuzz_sink(void *payload, const struct tzf_msg *m)
{
	(void)payload;
	/* FUZZ_VERBOSE=1 shows the messages, to see what an input does. */
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "%s: %s%s\n", m->file ? m->file : "-",
		    m->sev == TZF_SEV_ERR ? "error: " : m->sev == TZF_SEV_WARN ?
		    "warning: " : "", m->text);
	fuzz_sink_bytes += strlen(m->text);
	if (m->file != NULL)
		fuzz_sink_bytes += strlen(m->file);
	if (m->rfile != NULL)
		fuzz_sink_bytes += strlen(m->rfile);
}

static inline void
fuzz_diag_init(struct tzf_diag *dg)
{
	memset(dg, 0, sizeof *dg);
	dg->fn = fuzz_sink;
}

/* Abort with a message: an invariant of the library does not hold. */
#define FUZZ_CHECK(cond) do { if (!(cond)) { \
	__builtin_trap(); } } while (0)

#endif
