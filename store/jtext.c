/* jtext.c - writing JSON text for the values pn-store keeps as JSON
 * (authors, source, attrs, event extra fields).
 *
 * yajl_gen would do this, but it refuses nesting deeper than 128 levels,
 * and pn-store keeps values as deep as the 2048 levels it accepts; the
 * containers are written by article.c, the strings here. */
#include "pns.h"

void pns_json_string(pn_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	pn_buf_reserve(b, n + 2);
	pn_buf_addc(b, '"');
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pn_buf_add(b, s + from, i - from);
		from = i + 1;
		char esc[6] = {'\\', 0};
		size_t len = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u', esc[2] = '0', esc[3] = '0';
			esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
			len = 6;
		}
		pn_buf_add(b, esc, len);
	}
	pn_buf_add(b, s + from, n - from);
	pn_buf_addc(b, '"');
}
