/* jsonw.c - JSON text the way jansson dumps it (jsonw.h). */
#include "jsonw.h"

#include <stdint.h>
#include <string.h>

/* Some byte of the 8 in v is below 0x20, '"' or '\\' (bit tricks: a
 * byte b < k sets the high bit of (b - k) & ~b). */
static bool needs_escape8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\');
	return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & high;
}

void pnx_jw_str(pn_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	pn_buf_reserve(b, n + 2);
	pn_buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t v;
		while (i + 8 <= n && (memcpy(&v, s + i, 8), !needs_escape8(v)))
			i += 8;
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pn_buf_add(b, s + run, i - run);
		run = i + 1;
		char esc[7] = {'\\', 0};
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
		}
		pn_buf_add(b, esc, strlen(esc));
	}
	pn_buf_add(b, s + run, n - run);
	pn_buf_addc(b, '"');
}

void pnx_jw_cstr(pn_buf *b, const char *s)
{
	if (s)
		pnx_jw_str(b, s, strlen(s));
	else
		pn_buf_add(b, "null", 4);
}

void pnx_jw_int(pn_buf *b, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	pn_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void pnx_jw_value(pn_buf *b, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		pnx_jw_str(b, json_string_value(v), json_string_length(v));
		return;
	case JSON_OBJECT: {
		const char *key;
		json_t *val;
		bool first = true;
		pn_buf_addc(b, '{');
		json_object_foreach((json_t *)v, key, val) {
			if (!first)
				pn_buf_addc(b, ',');
			first = false;
			pnx_jw_str(b, key, strlen(key));
			pn_buf_addc(b, ':');
			pnx_jw_value(b, val);
		}
		pn_buf_addc(b, '}');
		return;
	}
	case JSON_ARRAY:
		pn_buf_addc(b, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				pn_buf_addc(b, ',');
			pnx_jw_value(b, json_array_get(v, i));
		}
		pn_buf_addc(b, ']');
		return;
	default: {
		/* numbers, true, false, null: jansson's own formatting */
		char tmp[64];
		size_t n = json_dumpb(v, tmp, sizeof tmp, JSON_ENCODE_ANY | JSON_COMPACT);
		if (n == 0 || n > sizeof tmp)
			pn_die(PN_EXIT_INTERNAL, "cannot write a JSON number");
		pn_buf_add(b, tmp, n);
	}
	}
}
