/* charset_utf8.c - UTF-8 validation and repair (well-formed sequences by
 * pn_utf8_seq; each maximal ill-formed subpart, and each NUL, becomes one
 * U+FFFD, the practice the Unicode Standard and WHATWG recommend). */
#include "charset_int.h"

#include <string.h>

#include "pn.h"

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
		size_t l = pn_utf8_seq(u + i, n - i, &ok);
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
		size_t l = pn_utf8_seq(u + i, n - i, &ok);
		if (ok && u[i] != 0) /* NUL is never text */
			pn_buf_add(&b, p + i, l);
		else
			pn_buf_add(&b, "\xEF\xBF\xBD", 3);
		i += l;
	}
	*out_len = b.len;
	return pn_buf_steal(&b);
}
