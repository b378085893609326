/* warcrec.c - serialises one WARC 1.1 record as its own gzip member,
 * appended to a memory buffer (several threads compress, one writes).
 * Like pn_warc_write but without copying the block (it comes in parts),
 * with one z_stream reused across records and a chosen compression level
 * (pn-fetch defaults to 1: news HTML still shrinks ~4x):
 * at thousands of pages a second pn_warc_write's copies, per-record
 * deflateInit and level 6 were 85% of pn-fetch's CPU time. */
#include "fetch.h"

#include <openssl/evp.h>
#include <string.h>
#include <zlib.h>

struct pnf_recw {
	z_stream zs;
	pn_buf head;
};

pnf_recw *pnf_recw_new(int level)
{
	pnf_recw *rw = pn_xcalloc(1, sizeof *rw);
	/* memLevel 6 keeps the per-record hash reset small: records are a
	 * few KB, a bigger hash buys nothing */
	if (deflateInit2(&rw->zs, level, Z_DEFLATED, 15 + 16, 6, Z_DEFAULT_STRATEGY) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "out of memory (zlib)");
	return rw;
}

void pnf_recw_free(pnf_recw *rw)
{
	if (!rw)
		return;
	deflateEnd(&rw->zs);
	pn_buf_free(&rw->head);
	free(rw);
}

void pnf_digest(const pnf_part *parts, int nparts, char out[38])
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned dlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha1(), NULL))
		pn_die(PN_EXIT_INTERNAL, "SHA-1 unavailable");
	for (int i = 0; i < nparts; i++)
		EVP_DigestUpdate(ctx, parts[i].p, parts[i].n);
	EVP_DigestFinal_ex(ctx, d, &dlen);
	EVP_MD_CTX_free(ctx);
	memcpy(out, "sha1:", 5);
	for (int i = 0; i < 32; i++) { /* 160 bits = 32 base32 digits */
		int bit = i * 5, byte = bit / 8, off = bit % 8;
		unsigned v = (unsigned)d[byte] << 8 | (byte + 1 < 20 ? d[byte + 1] : 0);
		out[5 + i] = alphabet[(v >> (11 - off)) & 31];
	}
	out[37] = '\0';
}

static void deflate_part(pnf_recw *rw, pn_buf *out, const void *p, size_t n, int flush)
{
	rw->zs.next_in = (unsigned char *)p;
	rw->zs.avail_in = (uInt)n;
	int rc;
	do {
		/* compressed data is never much larger than the input */
		pn_buf_reserve(out, n / 2 + 1024);
		rw->zs.next_out = (unsigned char *)out->data + out->len;
		rw->zs.avail_out = (uInt)(out->cap - out->len - 1);
		rc = deflate(&rw->zs, flush);
		out->len = (size_t)((char *)rw->zs.next_out - out->data);
	} while (rw->zs.avail_out == 0 || (flush == Z_FINISH && rc == Z_OK));
	if (rc == Z_STREAM_ERROR)
		pn_die(PN_EXIT_INTERNAL, "deflate failed");
}

void pnf_recw_put(pnf_recw *rw, pn_buf *out, const char *type, const char *url, const char *ctype,
                  const char *extra, const pnf_part *parts, int nparts, char id_out[48])
{
	char id[48], date[21], bdig[38];
	size_t len = 0;
	for (int i = 0; i < nparts; i++)
		len += parts[i].n;
	pn_uuid_urn(id);
	pn_utc_now(date);
	pnf_digest(parts, nparts, bdig);
	pn_buf *h = &rw->head;
	pn_buf_reset(h);
	pn_buf_printf(h, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n",
	              type, id, date);
	if (url)
		pn_buf_printf(h, "WARC-Target-URI: %s\r\n", url);
	if (ctype)
		pn_buf_printf(h, "Content-Type: %s\r\n", ctype);
	pn_buf_printf(h, "WARC-Block-Digest: %s\r\n%sContent-Length: %zu\r\n\r\n",
	              bdig, extra ? extra : "", len);
	if (deflateReset(&rw->zs) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "deflateReset failed");
	deflate_part(rw, out, h->data, h->len, Z_NO_FLUSH);
	for (int i = 0; i < nparts; i++)
		deflate_part(rw, out, parts[i].p, parts[i].n, Z_NO_FLUSH);
	deflate_part(rw, out, "\r\n\r\n", 4, Z_FINISH);
	if (id_out)
		memcpy(id_out, id, sizeof id);
}
