/*
 * diag.c: deliver diagnostics to the caller's sink and count them.
 *
 * The library never prints; every message goes through here so that
 * front ends decide how (and whether) to show it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tzf_int.h"

static void
deliver(struct tzf_diag *dg, struct tzf_msg *m, const char *fmt, va_list ap)
{
	char small[512];
	char *text = small;
	va_list ap2;
	int n;

	if (dg == NULL)
		return;
	if (m->sev == TZF_SEV_ERR)
		dg->nerr++;
	else if (m->sev == TZF_SEV_WARN)
		dg->nwarn++;
	if (dg->fn == NULL)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small) {
		text = tzf__malloc((size_t)n + 1);
		if (text != NULL)
			vsnprintf(text, (size_t)n + 1, fmt, ap2);
		else
			text = small;	/* truncated is better than nothing */
	}
	va_end(ap2);
	m->text = text;
	dg->fn(dg->payload, m);
	if (text != small)
		tzf__free(text);
}

void
tzf__diag(struct tzf_diag *dg, enum tzf_sev sev, const char *file, long line,
    const char *fmt, ...)
{
	struct tzf_msg m = { sev, file, line, NULL, 0, false, NULL };
	va_list ap;

	va_start(ap, fmt);
	deliver(dg, &m, fmt, ap);
	va_end(ap);
}

void
tzf__diag_msg(struct tzf_diag *dg, const struct tzf_msg *proto,
    const char *fmt, ...)
{
	struct tzf_msg m = *proto;
	va_list ap;

	va_start(ap, fmt);
	deliver(dg, &m, fmt, ap);
	va_end(ap);
}

void
tzf__diag_sys(struct tzf_diag *dg, const char *fmt, ...)
{
	struct tzf_msg m = { TZF_SEV_ERR, NULL, 0, NULL, 0, true, NULL };
	va_list ap;

	va_start(ap, fmt);
	deliver(dg, &m, fmt, ap);
	va_end(ap);
}
