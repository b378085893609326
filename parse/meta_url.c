/* meta_url.c - RFC 3986 reference resolution for canonical URLs. */
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pn.h"

/* Length of the scheme of u ("https"), 0 if u has none. */
static size_t pnp_scheme_len(const char *u)
{
	size_t i = 0;
	if (!((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
		return 0;
	while (u[i] && u[i] != ':') {
		char c = u[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '+' || c == '-' || c == '.'))
			return 0;
		i++;
	}
	return u[i] == ':' ? i : 0;
}

/* RFC 3986 5.2.4 remove_dot_segments, appending path[0..n) to out. */
static void pnp_remove_dots(pn_buf *out, const char *path, size_t n)
{
	size_t base = out->len, i = 0;
	while (i < n) {
		const char *p = path + i;
		size_t left = n - i;
		if (left >= 3 && !memcmp(p, "../", 3))
			i += 3;
		else if (left >= 2 && !memcmp(p, "./", 2))
			i += 2;
		else if (left >= 3 && !memcmp(p, "/./", 3))
			i += 2;
		else if (left == 2 && !memcmp(p, "/.", 2)) {
			pn_buf_addc(out, '/');
			i += 2;
		} else if ((left >= 4 && !memcmp(p, "/../", 4)) || (left == 3 && !memcmp(p, "/..", 3))) {
			i += 3;
			while (out->len > base && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > base)
				out->len--;
			if (i >= n)
				pn_buf_addc(out, '/');
		} else if ((left == 1 && p[0] == '.') || (left == 2 && !memcmp(p, "..", 2))) {
			i = n;
		} else {
			size_t seg = 1;
			while (seg < left && p[seg] != '/')
				seg++;
			pn_buf_add(out, p, seg);
			i += seg;
		}
	}
	pn_buf_cstr(out);
}

/* Splits u at its authority: the prefix "scheme://host" length, 0 when u
 * has no authority. */
static size_t pnp_authority_end(const char *u, size_t scheme)
{
	if (strncmp(u + scheme, "://", 3) != 0)
		return 0;
	return scheme + 3 + strcspn(u + scheme + 3, "/?#");
}

static bool pnp_allowed(const char *u, const char *base)
{
	return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0 ||
	       (strncasecmp(u, "file:", 5) == 0 && strncasecmp(base, "file:", 5) == 0);
}

char *pnp_url_resolve(const char *base, const char *ref)
{
	char *r = pnp_text_clean(ref, strlen(ref));
	if (!r)
		return NULL;
	r[strcspn(r, "#")] = '\0';
	pn_buf out = PN_BUF_INIT;
	size_t rs = pnp_scheme_len(r), bs = base ? pnp_scheme_len(base) : 0;
	if (rs) {
		size_t ae = pnp_authority_end(r, rs);
		size_t pe = ae + strcspn(r + ae, "?");
		pn_buf_add(&out, r, ae);
		if (ae)
			pnp_remove_dots(&out, r + ae, pe - ae);
		else
			pn_buf_add(&out, r + rs, pe - rs); /* opaque ("mailto:") */
		pn_buf_adds(&out, r + pe);
	} else if (bs && r[0] == '/' && r[1] == '/') {
		pn_buf_add(&out, base, bs + 1);
		size_t ae = 2 + strcspn(r + 2, "/?");
		pn_buf_add(&out, r, ae);
		size_t pe = ae + strcspn(r + ae, "?");
		pnp_remove_dots(&out, r + ae, pe - ae);
		pn_buf_adds(&out, r + pe);
	} else if (bs && pnp_authority_end(base, bs)) {
		size_t ae = pnp_authority_end(base, bs);
		size_t bpe = ae + strcspn(base + ae, "?#"); /* end of base path */
		pn_buf_add(&out, base, ae);
		if (r[0] == '/') {
			size_t pe = strcspn(r, "?");
			pnp_remove_dots(&out, r, pe);
			pn_buf_adds(&out, r + pe);
		} else if (r[0] == '?') {
			pn_buf_add(&out, base + ae, bpe - ae);
			pn_buf_adds(&out, r);
		} else if (r[0] == '\0') { /* was only a fragment: the base itself */
			pn_buf_add(&out, base + ae, strcspn(base + ae, "#"));
		} else {
			/* merge: base path up to its last '/', then ref */
			pn_buf merged = PN_BUF_INIT;
			size_t dir = bpe;
			while (dir > ae && base[dir - 1] != '/')
				dir--;
			if (dir == ae)
				pn_buf_addc(&merged, '/');
			else
				pn_buf_add(&merged, base + ae, dir - ae);
			size_t pe = strcspn(r, "?");
			pn_buf_add(&merged, r, pe);
			pnp_remove_dots(&out, merged.data, merged.len);
			pn_buf_free(&merged);
			pn_buf_adds(&out, r + pe);
		}
	}
	free(r);
	if (out.len == 0 || !pnp_allowed(pn_buf_cstr(&out), base ? base : "")) {
		pn_buf_free(&out);
		return NULL;
	}
	return pn_buf_steal(&out);
}

void pnp_url_host(const char *url, char *out, size_t outsz)
{
	out[0] = '\0';
	const char *p = url ? strstr(url, "://") : NULL;
	if (!p || outsz == 0)
		return;
	p += 3;
	size_t n = strcspn(p, "/?#:");
	const char *at = memchr(p, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	if (n > 4 && strncasecmp(p, "www.", 4) == 0) {
		p += 4;
		n -= 4;
	}
	if (n >= outsz)
		n = outsz - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] + 32) : p[i];
	out[n] = '\0';
}
