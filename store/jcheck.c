/* jcheck.c - what yajl 2.1 leaves unchecked in a line, checked so that a
 * bad line is bad whatever the library: yajl accepts overlong UTF-8 forms
 * and encoded surrogates, and turns the \u escape of a lone surrogate into
 * '?' (swallowing the character after it). */
#include "pns.h"

#include <string.h>

/* Offset of the first byte that is not strict UTF-8 (overlong, surrogate,
 * beyond U+10FFFF, cut), or n. */
size_t pns_utf8_error(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* ASCII, the bulk of the input, eight bytes at a time. */
		uint64_t w;
		while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0))
			i += 8;
		if (i == n)
			break;
		bool ok;
		size_t k = pn_utf8_seq(s + i, n - i, &ok);
		if (!ok)
			return i;
		i += k;
	}
	return n;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = (unsigned char)p[i];
		v = v << 4 | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/* Offset of the first \u escape of a lone surrogate in a line yajl has
 * accepted (so every backslash starts a valid escape), or n. */
size_t pns_surrogate_error(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	while ((p = memchr(p, '\\', (size_t)(e - p)))) {
		if (p[1] != 'u') {
			p += 2;
			continue;
		}
		unsigned u = hex4(p + 2);
		if (u >= 0xD800 && u <= 0xDBFF && e - p >= 12 && p[6] == '\\' && p[7] == 'u' &&
		    hex4(p + 8) >= 0xDC00 && hex4(p + 8) <= 0xDFFF) {
			p += 12;
			continue;
		}
		if (u >= 0xD800 && u <= 0xDFFF)
			return (size_t)(p - s);
		p += 6;
	}
	return n;
}
