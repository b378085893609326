/* http.c - split a raw HTTP/1.x response stored in a WARC record and undo
 * transfer and content codings, so parse sees the page as the server
 * meant it (wget stores responses exactly as received). */
#include "pn.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

char *pn_http_header(const char *headers, const char *name)
{
	size_t nlen = strlen(name);
	const char *p = headers;
	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);
		if (llen > nlen && strncasecmp(p, name, nlen) == 0 && p[nlen] == ':') {
			const char *v = p + nlen + 1, *e = p + llen;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			while (e > v && isspace((unsigned char)e[-1]))
				e--;
			return pn_xstrndup(v, (size_t)(e - v));
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

/* Returns 0 and the de-chunked data in out, -1 if the framing is broken.
 * A missing final chunk (truncated capture) keeps what was received. */
static int dechunk(const char *p, size_t n, pn_buf *out)
{
	const char *end = p + n;
	while (p < end) {
		char *e;
		unsigned long long sz = strtoull(p, &e, 16);
		if (e == p)
			return out->len ? 0 : -1;
		const char *nl = memchr(e, '\n', (size_t)(end - e));
		if (!nl)
			return 0;
		p = nl + 1;
		if (sz == 0)
			return 0;
		if (sz > (unsigned long long)(end - p))
			sz = (unsigned long long)(end - p);
		pn_buf_add(out, p, (size_t)sz);
		p += sz;
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
	}
	return 0;
}

/* Inflates into out (or just counts) until the stream ends, the input
 * runs out or more than max bytes come out. Returns zlib's last code, or
 * -2 past max. */
static int inflate_capped(const void *p, size_t n, int wbits, size_t max, pn_buf *out,
                          size_t *total)
{
	z_stream zs = {0};
	if (inflateInit2(&zs, wbits) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "out of memory (zlib)");
	unsigned char scratch[64 * 1024];
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	*total = 0;
	int rc;
	do {
		zs.next_out = scratch;
		zs.avail_out = sizeof scratch;
		rc = inflate(&zs, Z_NO_FLUSH);
		size_t got = sizeof scratch - zs.avail_out;
		*total += got;
		if (*total > max) {
			rc = -2;
			break;
		}
		if (out)
			pn_buf_add(out, scratch, got);
	} while (rc == Z_OK);
	inflateEnd(&zs);
	return rc;
}

int pn_http_decode(const char *encoding, const void *body, size_t len, size_t max,
                   pn_buf *out, const char **err)
{
	if (!encoding || !*encoding || strcasecmp(encoding, "identity") == 0) {
		if (len > max) {
			*err = "body over --max-size";
			return -2;
		}
		if (out)
			pn_buf_add(out, body, len);
		return 0;
	}
	int wbits;
	if (strcasecmp(encoding, "gzip") == 0 || strcasecmp(encoding, "x-gzip") == 0)
		wbits = 15 + 16;
	else if (strcasecmp(encoding, "deflate") == 0)
		wbits = 15 + 32; /* zlib-wrapped as RFC 9110 says; raw deflate tried next */
	else {
		*err = "unsupported Content-Encoding";
		return -1;
	}
	size_t start = out ? out->len : 0, total;
	for (int attempt = 0; attempt < 2; attempt++) {
		int rc = inflate_capped(body, len, attempt ? -15 : wbits, max, out, &total);
		if (rc == Z_STREAM_END)
			return 0;
		if (rc == -2) {
			*err = "decoded body over --max-size (gzip bomb?)";
			break;
		}
		if (rc == Z_BUF_ERROR && total > 0) {
			*err = "compressed body cut short";
			return 1;
		}
		if (out)
			out->len = start;
		if (wbits != 15 + 32)
			break;
	}
	if (out) {
		out->len = start;
		pn_buf_cstr(out);
	}
	if (total <= max)
		*err = "corrupt compressed body";
	return total > max ? -2 : -1;
}

int pn_http_parse_response(const char *raw, size_t len, size_t max_body,
                           pn_http_response *resp, const char **err)
{
	memset(resp, 0, sizeof *resp);
	if (!max_body)
		max_body = 64u << 20;
	if (len < 12 || strncmp(raw, "HTTP/", 5) != 0) {
		*err = "not an HTTP response";
		return -1;
	}
	const char *sp = memchr(raw, ' ', len);
	if (!sp || !isdigit((unsigned char)sp[1])) {
		*err = "bad HTTP status line";
		return -1;
	}
	resp->status = atoi(sp + 1);
	const char *hs = memchr(raw, '\n', len);
	if (!hs) {
		*err = "truncated HTTP header";
		return -1;
	}
	hs++;
	const char *he = NULL, *body = NULL;
	for (const char *p = hs; p < raw + len; p++) {
		if (*p != '\n')
			continue;
		const char *q = p + 1;
		if (q < raw + len && *q == '\r')
			q++;
		if (q < raw + len && *q == '\n') {
			he = p + 1;
			body = q + 1;
			break;
		}
	}
	if (hs < raw + len && (*hs == '\n' || (*hs == '\r' && hs + 1 < raw + len && hs[1] == '\n'))) {
		he = hs; /* no headers at all */
		body = hs + (*hs == '\r' ? 2 : 1);
	}
	if (!he) {
		*err = "truncated HTTP header";
		return -1;
	}
	resp->headers = pn_xstrndup(hs, (size_t)(he - hs));
	size_t blen = (size_t)(raw + len - body);

	pn_buf b = PN_BUF_INIT;
	char *te = pn_http_header(resp->headers, "Transfer-Encoding");
	if (te && strcasestr(te, "chunked")) {
		if (dechunk(body, blen, &b) < 0) {
			/* some archivers store the body already de-chunked */
			pn_buf_reset(&b);
			pn_buf_add(&b, body, blen);
		}
	} else {
		pn_buf_add(&b, body, blen);
	}
	free(te);

	char *ce = pn_http_header(resp->headers, "Content-Encoding");
	if (ce && b.len) {
		pn_buf dec = PN_BUF_INIT;
		int rc = pn_http_decode(ce, b.data, b.len, max_body, &dec, err);
		if (rc == -2) {
			free(ce);
			pn_buf_free(&dec);
			pn_buf_free(&b);
			pn_http_response_free(resp);
			*err = "decoded body exceeds the size limit";
			return -1;
		}
		/* -1: an unknown coding, or archived already decoded: keep as is;
		 * 1: a truncated capture keeps what decoded */
		if (rc >= 0) {
			pn_buf_free(&b);
			b = dec;
		} else {
			pn_buf_free(&dec);
		}
	}
	free(ce);
	if (b.len > max_body) {
		pn_buf_free(&b);
		pn_http_response_free(resp);
		*err = "body exceeds the size limit";
		return -1;
	}
	resp->body_len = b.len;
	resp->body = pn_buf_steal(&b);
	return 0;
}

void pn_http_response_free(pn_http_response *resp)
{
	free(resp->headers);
	free(resp->body);
	resp->headers = resp->body = NULL;
	resp->body_len = 0;
}
