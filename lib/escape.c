/*
 * escape.c: names and abbreviations made safe to print.
 *
 * Zone names, abbreviations and file names come from trees the user may
 * not trust (a fork, a tarball: the very things tzdiff audits), so no
 * byte of them reaches a terminal or a JSON document as it is unless it
 * is harmless there.  Text output keeps printable ASCII and valid UTF-8
 * of printable code points, and writes anything else as \xHH (and a
 * backslash as \\, so the escapes stay unambiguous).  JSON strings are
 * always valid UTF-8: control characters are escaped and bytes that are
 * not valid UTF-8 become U+FFFD.
 */
#include "tzf_int.h"

/*
 * The length of the valid UTF-8 sequence at S (1-4), or 0 when S does
 * not start one: overlong forms, surrogates and code points above
 * U+10FFFF are invalid.  *CP receives the code point.
 */
static size_t
utf8_seq(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* C0 and C1 controls, DEL, and the line and paragraph separators. */
static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 ||
	    cp == 0x2029;
}

/* The entity of a character HTML gives a meaning to, or NULL. */
static const char *
html_entity(uint32_t cp)
{
	switch (cp) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* put_text, and with HTML the characters markup gives a meaning to as
 * entities. */
static void
put_safe(struct tzf_buf *b, const char *s, bool html)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "(null)");
	uint32_t cp;
	size_t n, i;

	while (*p != '\0') {
		n = utf8_seq(p, &cp);
		if (n > 0 && html && html_entity(cp) != NULL) {
			tzf_buf_puts(b, html_entity(cp));
			p++;
		} else if (n > 0 && !is_control(cp) && cp != '\\') {
			tzf_buf_add(b, p, n);
			p += n;
		} else if (n > 0 && cp == '\\') {
			tzf_buf_puts(b, "\\\\");
			p++;
		} else {
			/* every byte of a control character or a bad one */
			for (i = 0; i < (n ? n : 1); i++)
				tzf_buf_printf(b, "\\x%02x", p[i]);
			p += n ? n : 1;
		}
	}
}

void
tzf_buf_put_text(struct tzf_buf *b, const char *s)
{
	put_safe(b, s, false);
}

void
tzf_buf_put_html(struct tzf_buf *b, const char *s)
{
	put_safe(b, s, true);
}

/* The two-character JSON escape of CP, or 0 if it has none. */
static char
json_short(uint32_t cp)
{
	switch (cp) {
	case '\b': return 'b';
	case '\f': return 'f';
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	case '"': return '"';
	case '\\': return '\\';
	default: return 0;
	}
}

void
tzf_buf_put_json_str(struct tzf_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	size_t n;
	char c;

	if (s == NULL) {
		tzf_buf_puts(b, "null");
		return;
	}
	tzf_buf_puts(b, "\"");
	while (*p != '\0') {
		n = utf8_seq(p, &cp);
		if (n == 0) {
			tzf_buf_puts(b, "\\ufffd");
			p++;
			continue;
		}
		if ((c = json_short(cp)) != 0)
			tzf_buf_printf(b, "\\%c", c);
		else if (is_control(cp))
			tzf_buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			tzf_buf_add(b, p, n);
		p += n;
	}
	tzf_buf_puts(b, "\"");
}
