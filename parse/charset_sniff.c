/* charset_sniff.c - finding out what a page says (or seems) to be encoded
 * in: byte order mark, charset parameter, <meta> prescan, uchardet. */
#include "charset_int.h"

#include <string.h>
#include <strings.h>
#include <uchardet.h>

#include "pn.h"

/* uchardet gets at most this much: enough for a confident guess, and it
 * is only consulted for undeclared non-UTF-8 pages. */
#define PNP_DETECT_MAX (256 * 1024)
#define PNP_PRESCAN_MAX 1024

const pnp_encoding *pnp_sniff_bom(const char *p, size_t n, size_t *bom_len)
{
	const unsigned char *u = (const unsigned char *)p;
	*bom_len = 0;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		*bom_len = 3;
		return pnp_encoding_utf8();
	}
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		*bom_len = 2;
		return pnp_encoding_for_label("utf-16be", 8);
	}
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		*bom_len = 2;
		return pnp_encoding_for_label("utf-16le", 8);
	}
	return NULL;
}

static bool pnp_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* HTML standard "extract a character encoding from a meta element",
 * which also fits a Content-Type header's parameter list. */
const pnp_encoding *pnp_sniff_content_type(const char *value, size_t n)
{
	size_t i = 0;
	while (i + 7 <= n) {
		if (strncasecmp(value + i, "charset", 7) != 0) {
			i++;
			continue;
		}
		i += 7;
		while (i < n && pnp_is_space(value[i]))
			i++;
		if (i >= n || value[i] != '=')
			continue;
		i++;
		while (i < n && pnp_is_space(value[i]))
			i++;
		if (i >= n)
			return NULL;
		size_t start = i;
		if (value[i] == '"' || value[i] == '\'') {
			const char *end = memchr(value + i + 1, value[i], n - i - 1);
			if (!end)
				return NULL;
			start = i + 1;
			return pnp_encoding_for_label(value + start, (size_t)(end - value) - start);
		}
		while (i < n && !pnp_is_space(value[i]) && value[i] != ';')
			i++;
		return pnp_encoding_for_label(value + start, i - start);
	}
	return NULL;
}

/* Prescan state: bytes p[0..n), position i. */
typedef struct pnp_prescan {
	const char *p;
	size_t n, i;
} pnp_prescan;

/* One attribute of the prescan ("get an attribute"): name lowercased
 * (cut to 15 bytes) into name[], value bounds into v and vlen. Returns
 * false at '>' or the end. */
static bool pnp_prescan_attr(pnp_prescan *s, char name[16], const char **v, size_t *vlen)
{
	const char *p = s->p;
	size_t n = s->n, nl = 0;
	while (s->i < n && (pnp_is_space(p[s->i]) || p[s->i] == '/'))
		s->i++;
	if (s->i >= n || p[s->i] == '>')
		return false;
	*v = p + s->i;
	*vlen = 0;
	/* Name: up to '=', space, '/' or '>' (a leading '=' is part of it). */
	do {
		char c = p[s->i];
		if (nl > 0 && (c == '=' || pnp_is_space(c) || c == '/' || c == '>'))
			break;
		if (nl < 15)
			name[nl++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		s->i++;
	} while (s->i < n);
	name[nl] = '\0';
	while (s->i < n && pnp_is_space(p[s->i]))
		s->i++;
	if (s->i >= n || p[s->i] != '=')
		return true;
	s->i++;
	while (s->i < n && pnp_is_space(p[s->i]))
		s->i++;
	if (s->i >= n)
		return true;
	if (p[s->i] == '"' || p[s->i] == '\'') {
		char q = p[s->i++];
		*v = p + s->i;
		while (s->i < n && p[s->i] != q)
			s->i++;
		*vlen = (size_t)(p + s->i - *v);
		if (s->i < n)
			s->i++;
		return true;
	}
	*v = p + s->i;
	while (s->i < n && !pnp_is_space(p[s->i]) && p[s->i] != '>')
		s->i++;
	*vlen = (size_t)(p + s->i - *v);
	return true;
}

/* The attributes of one <meta>; s->i just after "<meta". */
static const pnp_encoding *pnp_prescan_meta(pnp_prescan *s)
{
	bool got_pragma = false, seen_he = false, seen_content = false, seen_cs = false;
	int need_pragma = -1; /* -1 null, 0 false, 1 true */
	const pnp_encoding *enc = NULL;
	char name[16];
	const char *v;
	size_t vlen;
	while (pnp_prescan_attr(s, name, &v, &vlen)) {
		if (!strcmp(name, "http-equiv") && !seen_he) {
			seen_he = true;
			got_pragma = vlen == 12 && strncasecmp(v, "content-type", 12) == 0;
		} else if (!strcmp(name, "content") && !seen_content) {
			seen_content = true;
			if (!enc) {
				enc = pnp_sniff_content_type(v, vlen);
				if (enc)
					need_pragma = 1;
			}
		} else if (!strcmp(name, "charset") && !seen_cs) {
			seen_cs = true;
			const pnp_encoding *e = pnp_encoding_for_label(v, vlen);
			if (e) {
				enc = e;
				need_pragma = 0;
			}
		}
	}
	if (need_pragma == -1 || (need_pragma == 1 && !got_pragma) || !enc)
		return NULL;
	/* A UTF-16 declaration in bytes we could read as ASCII is a lie. */
	if (enc->unit == 2)
		return pnp_encoding_utf8();
	return enc;
}

static bool pnp_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const pnp_encoding *pnp_sniff_meta(const char *p, size_t n)
{
	pnp_prescan s = {p, n < PNP_PRESCAN_MAX ? n : PNP_PRESCAN_MAX, 0};
	char name[16];
	const char *v;
	size_t vlen;
	while (s.i < s.n) {
		const char *at = memchr(p + s.i, '<', s.n - s.i);
		if (!at)
			break;
		s.i = (size_t)(at - p);
		size_t left = s.n - s.i;
		if (left >= 4 && memcmp(at, "<!--", 4) == 0) {
			const char *end = memmem(at + 2, left - 2, "-->", 3);
			if (!end)
				break;
			s.i = (size_t)(end - p) + 3;
		} else if (left >= 6 && strncasecmp(at, "<meta", 5) == 0 &&
		           (pnp_is_space(at[5]) || at[5] == '/')) {
			s.i += 5;
			const pnp_encoding *enc = pnp_prescan_meta(&s);
			if (enc)
				return enc;
		} else if (left >= 2 && (pnp_is_alpha(at[1]) ||
		                         (left >= 3 && at[1] == '/' && pnp_is_alpha(at[2])))) {
			s.i++;
			while (s.i < s.n && !pnp_is_space(p[s.i]) && p[s.i] != '>')
				s.i++;
			while (pnp_prescan_attr(&s, name, &v, &vlen))
				;
		} else if (left >= 2 && (at[1] == '!' || at[1] == '/' || at[1] == '?')) {
			const char *end = memchr(at, '>', left);
			if (!end)
				break;
			s.i = (size_t)(end - p) + 1;
		} else {
			s.i++;
		}
	}
	return NULL;
}

const pnp_encoding *pnp_sniff_detect(const char *p, size_t n)
{
	uchardet_t ud = uchardet_new();
	if (!ud)
		pn_die(PN_EXIT_INTERNAL, "out of memory (uchardet)");
	const pnp_encoding *enc = NULL;
	if (uchardet_handle_data(ud, p, n < PNP_DETECT_MAX ? n : PNP_DETECT_MAX) == 0) {
		uchardet_data_end(ud);
		const char *name = uchardet_get_charset(ud);
		if (name && *name)
			enc = pnp_encoding_for_label(name, strlen(name));
	}
	uchardet_delete(ud);
	return enc;
}
