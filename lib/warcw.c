/* warcw.c - serialises WARC 1.1 records into memory, each its own gzip
 * member (or plain). Blocks come in parts and are never copied, and one
 * z_stream serves every record of a writer: at thousands of pages a
 * second, per-record deflateInit and copies were most of pn-fetch's CPU. */
#include "pn.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct pn_warc_writer {
	bool gz;
	z_stream zs;
	pn_buf head;
};

pn_warc_writer *pn_warc_writer_new(int level)
{
	pn_warc_writer *w = pn_xcalloc(1, sizeof *w);
	w->gz = level >= 0;
	/* memLevel 6 keeps the per-record hash reset small: records are a
	 * few KB, a bigger hash buys nothing */
	if (w->gz && deflateInit2(&w->zs, level > 9 ? 9 : level, Z_DEFLATED, 15 + 16, 6,
	                          Z_DEFAULT_STRATEGY) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "out of memory (zlib)");
	return w;
}

void pn_warc_writer_free(pn_warc_writer *w)
{
	if (!w)
		return;
	if (w->gz)
		deflateEnd(&w->zs);
	pn_buf_free(&w->head);
	free(w);
}

static void put(pn_warc_writer *w, pn_buf *out, const void *p, size_t n, int flush)
{
	if (!w->gz) {
		pn_buf_add(out, p, n);
		return;
	}
	w->zs.next_in = (unsigned char *)p;
	w->zs.avail_in = (uInt)n;
	int rc;
	do {
		/* compressed data is never much larger than the input */
		pn_buf_reserve(out, n / 2 + 1024);
		w->zs.next_out = (unsigned char *)out->data + out->len;
		w->zs.avail_out = (uInt)(out->cap - out->len - 1);
		rc = deflate(&w->zs, flush);
		out->len = (size_t)((char *)w->zs.next_out - out->data);
	} while (w->zs.avail_out == 0 || (flush == Z_FINISH && rc == Z_OK));
	if (rc == Z_STREAM_ERROR)
		pn_die(PN_EXIT_INTERNAL, "deflate failed");
}

void pn_warc_put(pn_warc_writer *w, pn_buf *out, const char *type, const char *uri,
                 const char *ctype, const char *extra, const pn_part *parts, int nparts,
                 char *id_out)
{
	char id[48], date[21], bdig[38];
	size_t len = 0;
	for (int i = 0; i < nparts; i++)
		len += parts[i].n;
	pn_uuid_urn(id);
	pn_utc_now(date);
	pn_sha1_base32_parts(parts, nparts, bdig);
	pn_buf *h = &w->head;
	pn_buf_reset(h);
	pn_buf_printf(h, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n",
	              type, id, date);
	if (uri)
		pn_buf_printf(h, "WARC-Target-URI: %s\r\n", uri);
	if (ctype)
		pn_buf_printf(h, "Content-Type: %s\r\n", ctype);
	pn_buf_printf(h, "WARC-Block-Digest: %s\r\n%sContent-Length: %zu\r\n\r\n",
	              bdig, extra ? extra : "", len);
	if (w->gz && deflateReset(&w->zs) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "deflateReset failed");
	put(w, out, h->data, h->len, Z_NO_FLUSH);
	for (int i = 0; i < nparts; i++)
		put(w, out, parts[i].p, parts[i].n, Z_NO_FLUSH);
	put(w, out, "\r\n\r\n", 4, Z_FINISH);
	pn_buf_cstr(out);
	if (id_out)
		memcpy(id_out, id, sizeof id);
}
