/* jsonw.c - JSON text the way jansson dumps it (jsonw.h). */
#include "jsonw.h"

#include <string.h>

void pnx_jw_cstr(pn_buf *b, const char *s)
{
	if (s)
		pn_json_str(b, s, strlen(s));
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
		pn_json_str(b, json_string_value(v), json_string_length(v));
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
			pn_json_str(b, key, strlen(key));
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
