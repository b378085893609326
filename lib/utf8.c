/* utf8.c - well-formed UTF-8 sequences (Unicode Table 3-7), shared by
 * pn-parse's repair and pn-store's check of its input. */
#include "pn.h"

size_t pn_utf8_seq(const unsigned char *u, size_t n, bool *ok)
{
	unsigned char c = u[0], lo = 0x80, hi = 0xBF;
	size_t need;
	*ok = false;
	if (c < 0x80) {
		*ok = true;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F; /* <= U+10FFFF */
	} else {
		return 1;
	}
	for (size_t k = 1; k <= need; k++) {
		if (k >= n)
			return k;
		if (u[k] < lo || u[k] > hi)
			return k;
		lo = 0x80;
		hi = 0xBF;
	}
	*ok = true;
	return need + 1;
}
