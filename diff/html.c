/*
 * html.c: tzdiff's HTML report (placeholder until the chart lands).
 */
#include "report.h"

void
report_html(struct tzf_buf *out, const struct tzf_cmp *c, const char *zone)
{
	(void)c;
	(void)zone;
	tzf_buf_puts(out, "<!DOCTYPE html>\n");
}
