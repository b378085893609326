/* charset_utf8.c - UTF-8 validation and repair (Unicode Table 3-7
 * well-formed sequences; each maximal ill-formed subpart becomes one
 * U+FFFD, the practice the Unicode Standard and WHATWG recommend). */
#include "charset_int.h"

#include <string.h>

#include "pn.h"

/* Length of the sequence at u[0..n): well-formed (*ok true), or the
 * maximal ill-formed subpart to replace (*ok false, length >= 1). */
static size_t pnp_utf8_seq(const unsigned char *u, size_t n, bool *ok)
{
	unsigned char c = u[0], lo = 0x80, hi = 0xBF;
	size_t need;
	*ok = false;
	if (c < 0x80) {
		*ok = c != 0;
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

/* Bytes of u[0..n) below 0x80 and not NUL, counted a word at a time:
 * most pages are overwhelmingly ASCII. */
static size_t pnp_ascii_run(const unsigned char *u, size_t n)
{
	size_t i = 0;
	while (i + 8 <= n) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		/* high bit set anywhere, or a zero byte anywhere */
		if ((w & 0x8080808080808080ULL) ||
		    ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL))
			break;
		i += 8;
	}
	while (i < n && u[i] < 0x80 && u[i] != 0)
		i++;
	return i;
}

void pnp_utf8_scan(const char *p, size_t n, pnp_utf8_stats *st)
{
	const unsigned char *u = (const unsigned char *)p;
	st->invalid = st->multibyte = st->nul = 0;
	size_t i = 0;
	while (i < n) {
		i += pnp_ascii_run(u + i, n - i);
		if (i >= n)
			break;
		bool ok;
		size_t l = pnp_utf8_seq(u + i, n - i, &ok);
		if (u[i] == 0)
			st->nul++;
		else if (!ok)
			st->invalid++;
		else if (l > 1)
			st->multibyte++;
		i += l;
	}
}

char *pnp_utf8_repair(const char *p, size_t n, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)p;
	pn_buf b = PN_BUF_INIT;
	pn_buf_reserve(&b, n + 16);
	size_t i = 0;
	while (i < n) {
		size_t a = pnp_ascii_run(u + i, n - i);
		pn_buf_add(&b, p + i, a);
		i += a;
		if (i >= n)
			break;
		bool ok;
		size_t l = pnp_utf8_seq(u + i, n - i, &ok);
		if (ok)
			pn_buf_add(&b, p + i, l);
		else
			pn_buf_add(&b, "\xEF\xBF\xBD", 3);
		i += l;
	}
	*out_len = b.len;
	return pn_buf_steal(&b);
}
