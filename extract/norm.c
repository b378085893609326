/* norm.c - quote/dash/space folding with an offset map. */
#include "norm.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pn.h"

/* What a code point folds to: a replacement string ("" drops it) or NULL
 * to keep it unchanged. */
static const char *fold(unsigned cp)
{
	switch (cp) {
	case 0x00A0: case 0x2002: case 0x2003: case 0x2007: case 0x2009: case 0x200A:
	case 0x202F: case 0x205F: case 0x3000:
		return " ";
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
	case 0x00AE: case 0x2122:
		return "";
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: case 0x0060:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
	case 0xFE58: case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2026:
		return "...";
	default:
		return NULL;
	}
}

static size_t utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	if (s[0] < 0x80 || len < 2) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && len >= 4) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return 4;
	}
	*cp = s[0];
	return 1;
}

/* The end of the run of ASCII bytes other than '`' from i: 8 bytes at a
 * time (no high bit, no byte equal to 0x60), then byte by byte. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t len)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	for (; i + 8 <= len; i += 8) {
		uint64_t x, q;
		memcpy(&x, s + i, 8);
		q = x ^ (ones * 0x60);
		if ((x | ((q - ones) & ~q)) & highs)
			break;
	}
	while (i < len && s[i] < 0x80 && s[i] != 0x60)
		i++;
	return i;
}

static bool ascii_alpha(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool ascii_alnum(unsigned char c)
{
	return ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* Folded byte o comes from original byte i: continues the last piece
 * when it is linear and in step, else starts one. */
static void map_kept(pnx_norm *n, size_t o, size_t i)
{
	if (n->npieces) {
		const pnx_norm_piece *p = &n->pieces[n->npieces - 1];
		if (p->lin && p->o + (o - p->f) == i)
			return;
	}
	if (n->npieces == n->cpieces) {
		n->cpieces = n->cpieces ? 2 * n->cpieces : 16;
		n->pieces = pn_xrealloc(n->pieces, n->cpieces * sizeof *n->pieces);
	}
	n->pieces[n->npieces++] = (pnx_norm_piece){o, i, true};
}

/* Folded bytes from o on (a replacement) all come from original byte i. */
static void map_folded(pnx_norm *n, size_t o, size_t i)
{
	if (n->npieces == n->cpieces) {
		n->cpieces = n->cpieces ? 2 * n->cpieces : 16;
		n->pieces = pn_xrealloc(n->pieces, n->cpieces * sizeof *n->pieces);
	}
	n->pieces[n->npieces++] = (pnx_norm_piece){o, i, false};
}

void pnx_norm_run(pnx_norm *n, const char *src, size_t len)
{
	/* Folding never grows the text except U+2026 (3 bytes -> 3 bytes). */
	if (n->cap < len + 1) {
		n->cap = len + 1;
		n->text = pn_xrealloc(n->text, n->cap);
	}
	n->orig = src;
	n->orig_len = len;
	n->npieces = 0;
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		/* a run of ASCII bytes other than '`' is kept as it is */
		size_t r = ascii_run(s, i, len);
		if (r > i) {
			memcpy(n->text + o, s + i, r - i);
			map_kept(n, o, i);
			o += r - i;
			i = r;
			continue;
		}
		unsigned cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		const char *f = fold(cp);
		/* a sign glued between two words ("Jardiance(R)for", scraped
		 * newsroom text) separates them: a space, not nothing */
		if (f && !*f && (cp == 0x00AE || cp == 0x2122) && o && ascii_alnum(n->text[o - 1]) && i + k < len &&
		    ascii_alpha(s[i + k]))
			f = " ";
		if (!f) {
			map_kept(n, o, i);
			memcpy(n->text + o, s + i, k);
			o += k;
		} else if (*f) {
			map_folded(n, o, i);
			for (; *f; f++)
				n->text[o++] = *f;
		}
		i += k;
	}
	n->text[o] = '\0';
	n->len = o;
}

/* The original offset of folded byte f (< len): map[f] of the former
 * per-byte map. */
static size_t map_at(const pnx_norm *n, size_t f)
{
	size_t lo = 0, hi = n->npieces;
	while (hi - lo > 1) { /* the last piece starting at f or before */
		size_t mid = lo + (hi - lo) / 2;
		if (n->pieces[mid].f <= f)
			lo = mid;
		else
			hi = mid;
	}
	const pnx_norm_piece *p = &n->pieces[lo];
	return p->lin ? p->o + (f - p->f) : p->o;
}

size_t pnx_norm_orig_start(const pnx_norm *n, size_t start)
{
	return start >= n->len ? n->orig_len : map_at(n, start);
}

size_t pnx_norm_orig_end(const pnx_norm *n, size_t end)
{
	if (end == 0)
		return 0;
	if (end > n->len)
		end = n->len;
	if (end == 0)
		return 0; /* nothing folded (only dropped characters) */
	/* The last folded byte came from the original char at map[end-1]: end
	 * after that whole char (a folded quote is 3 bytes, a kept byte 1). */
	size_t o = map_at(n, end - 1);
	unsigned char c = (unsigned char)n->orig[o];
	if (c < 0x80 || (unsigned char)n->text[end - 1] >= 0x80)
		return o + 1;
	unsigned cp;
	return o + utf8_decode((const unsigned char *)n->orig + o, n->orig_len - o, &cp);
}

void pnx_norm_free(pnx_norm *n)
{
	free(n->text);
	free(n->pieces);
	memset(n, 0, sizeof *n);
}
