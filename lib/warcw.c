/* warcw.c - serialises WARC 1.1 records into memory, each its own gzip
 * member (or plain). Compressing is most of pn-fetch's CPU, so each level
 * goes to the fastest whole-buffer gzip we have for it: level 1 (the
 * default) to ISA-L's igzip (below: 12 us for a 7 KB page where
 * libdeflate takes 26 and zlib 42, at about zlib level 1's ratio); other
 * levels to libdeflate (0 stores; 2-9 compress better than igzip can).
 * Both want the record in one piece, so the parts are copied once into a
 * scratch buffer (a memcpy is a fraction of a microsecond). Header lines
 * are appended, not printf'd: vsnprintf was a tenth of the writer's
 * instructions. */
#include "pn.h"

#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Semi-static Huffman codes for igzip: fitted to the first SAMPLE
 * records of a class (compressed at igzip level 1 meanwhile), then used
 * with igzip level 0 for the next REFIT_EVERY records, while the codes
 * are fitted again. Building codes for each record was 40% of igzip
 * level 1's time and most of a request record's; with fitted codes a
 * 7 KB page takes 12 us instead of 17 and its member is 2-4% larger (on
 * this project's bench pages and on press-release text; as large as
 * zlib level 1 makes it), a request record 1.2 us instead of 6.9 and 9%
 * larger. */
#define SAMPLE 8
#define REFIT_EVERY 1024

struct fit {
	struct isal_huff_histogram hist;
	struct isal_hufftables tables;
	bool ready;       /* tables fitted */
	bool sampling;    /* hist is being filled */
	unsigned sampled; /* records in hist */
	unsigned used;    /* records compressed with tables */
};

struct pn_warc_writer {
	bool gz;                          /* false: plain records */
	struct libdeflate_compressor *c;  /* levels 0 and 2-9 */
	struct isal_zstream *zs;          /* level 1 */
	unsigned char *isal_buf;          /* zs's hash tables at igzip level 1 */
	struct fit fit[2];                /* codes for other records, for requests */
	pn_buf head;                      /* the WARC header being built */
	pn_buf flat;                      /* header + block + trailer, to compress */
	/* Record ids come from a pool of random bytes and dates from a cache
	 * of the current second: one RAND_bytes (and its getpid() fork check)
	 * plus a 16-field snprintf per record, and gmtime+strftime, cost more
	 * than a 400-byte request record's compression. */
	unsigned char rnd[4096];
	size_t rnd_used;                  /* bytes of rnd handed out */
	time_t date_t;
	char date[21];
};

pn_warc_writer *pn_warc_writer_new(int level)
{
	pn_warc_writer *w = pn_xcalloc(1, sizeof *w);
	w->rnd_used = sizeof w->rnd;
	w->date_t = -1;
	w->gz = level >= 0;
	if (level == 1) {
		/* zeroed: isal_deflate_stateless_init leaves some fields alone */
		w->zs = pn_xcalloc(1, sizeof *w->zs);
		w->isal_buf = pn_xmalloc(ISAL_DEF_LVL1_DEFAULT);
	} else if (level >= 0 && !(w->c = libdeflate_alloc_compressor(level > 9 ? 9 : level))) {
		pn_die(PN_EXIT_INTERNAL, "out of memory (libdeflate)");
	}
	return w;
}

void pn_warc_writer_free(pn_warc_writer *w)
{
	if (!w)
		return;
	libdeflate_free_compressor(w->c);
	free(w->zs);
	free(w->isal_buf);
	pn_buf_free(&w->head);
	pn_buf_free(&w->flat);
	free(w);
}

/* "<urn:uuid:...>", a random (version 4) UUID. */
static void uuid_urn(pn_warc_writer *w, char out[48])
{
	static const char hex[] = "0123456789abcdef";
	if (w->rnd_used + 16 > sizeof w->rnd) {
		if (RAND_bytes(w->rnd, sizeof w->rnd) != 1)
			pn_die(PN_EXIT_INTERNAL, "no random bytes for a record id");
		w->rnd_used = 0;
	}
	unsigned char *u = w->rnd + w->rnd_used;
	w->rnd_used += 16;
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	char *p = out;
	memcpy(p, "<urn:uuid:", 10);
	p += 10;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[u[i] >> 4];
		*p++ = hex[u[i] & 15];
	}
	*p++ = '>';
	*p = '\0';
}

/* Fits Huffman codes to the records sampled so far. */
static void fit_codes(struct fit *f)
{
	if (isal_create_hufftables(&f->tables, &f->hist) != 0)
		pn_die(PN_EXIT_INTERNAL, "igzip: cannot build Huffman tables");
	f->ready = true;
	f->sampling = false;
	f->sampled = 0;
}

/* igzip level 1 (codes fitted to this record) or, once the records of
 * cls have been sampled, level 0 with the sampled codes. */
static size_t igzip(pn_warc_writer *w, int cls, const pn_buf *in, uint8_t *out, size_t room)
{
	struct fit *f = &w->fit[cls];
	struct isal_zstream *z = w->zs;
	isal_deflate_stateless_init(z);
	if (f->ready) {
		z->level = 0;
		z->level_buf = NULL;
		z->level_buf_size = 0;
		isal_deflate_set_hufftables(z, &f->tables, IGZIP_HUFFTABLE_CUSTOM);
		/* refit now and then: a crawl moves from site to site */
		if (++f->used % REFIT_EVERY == 0) {
			memset(&f->hist, 0, sizeof f->hist);
			f->sampling = true;
		}
	} else {
		z->level = 1;
		z->level_buf = w->isal_buf;
		z->level_buf_size = ISAL_DEF_LVL1_DEFAULT;
		f->sampling = true;
	}
	z->gzip_flag = IGZIP_GZIP;
	z->end_of_stream = 1;
	z->flush = NO_FLUSH;
	z->next_in = (uint8_t *)in->data;
	z->avail_in = (uint32_t)in->len;
	z->next_out = out;
	z->avail_out = (uint32_t)room;
	if (isal_deflate_stateless(z) != COMP_OK)
		pn_die(PN_EXIT_INTERNAL, "igzip: cannot compress a %zu-byte record", in->len);
	if (f->sampling) {
		isal_update_histogram((uint8_t *)in->data, (int)in->len, &f->hist);
		if (++f->sampled == SAMPLE)
			fit_codes(f);
	}
	return z->total_out;
}

/* Appends in as one gzip member to out. */
static void gzip(pn_warc_writer *w, int cls, const pn_buf *in, pn_buf *out)
{
	size_t n;
	if (w->zs) {
		if (in->len > UINT32_MAX / 2) /* igzip counts in 32 bits */
			pn_die(PN_EXIT_INTERNAL, "igzip: a %zu-byte record is too large", in->len);
		/* igzip never grows data by more than stored blocks' headers */
		size_t bound = in->len + in->len / 16 + 1024;
		pn_buf_reserve(out, bound);
		n = igzip(w, cls, in, (uint8_t *)out->data + out->len, bound);
	} else {
		size_t bound = libdeflate_gzip_compress_bound(w->c, in->len);
		pn_buf_reserve(out, bound);
		n = libdeflate_gzip_compress(w->c, in->data, in->len, out->data + out->len, bound);
		if (n == 0) /* cannot happen with the bound's room */
			pn_die(PN_EXIT_INTERNAL, "libdeflate: gzip output over its bound");
	}
	out->len += n;
	out->data[out->len] = '\0';
}

/* Appends "name: value\r\n". */
static void field(pn_buf *h, const char *name, const char *value)
{
	size_t nn = strlen(name), vn = strlen(value);
	pn_buf_reserve(h, nn + vn + 4);
	char *p = h->data + h->len;
	memcpy(p, name, nn);
	p[nn] = ':';
	p[nn + 1] = ' ';
	memcpy(p + nn + 2, value, vn);
	p[nn + 2 + vn] = '\r';
	p[nn + 3 + vn] = '\n';
	h->len += nn + vn + 4;
	h->data[h->len] = '\0';
}

void pn_warc_put(pn_warc_writer *w, pn_buf *out, const char *type, const char *uri,
                 const char *ctype, const char *extra, const pn_part *parts, int nparts,
                 char *id_out)
{
	char id[48], bdig[38], clen[24];
	size_t len = 0;
	for (int i = 0; i < nparts; i++)
		len += parts[i].n;
	uuid_urn(w, id);
	time_t now = time(NULL);
	if (now != w->date_t) {
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(w->date, sizeof w->date, "%Y-%m-%dT%H:%M:%SZ", &tm);
		w->date_t = now;
	}
	pn_sha1_base32_parts(parts, nparts, bdig);
	/* digits by hand: this is the only number in the header */
	char *d = clen + sizeof clen;
	*--d = '\0';
	size_t v = len;
	do
		*--d = (char)('0' + v % 10);
	while ((v /= 10));

	pn_buf *h = &w->head;
	pn_buf_reset(h);
	pn_buf_adds(h, "WARC/1.1\r\n");
	field(h, "WARC-Type", type);
	field(h, "WARC-Record-ID", id);
	field(h, "WARC-Date", w->date);
	if (uri)
		field(h, "WARC-Target-URI", uri);
	if (ctype)
		field(h, "Content-Type", ctype);
	field(h, "WARC-Block-Digest", bdig);
	if (extra)
		pn_buf_adds(h, extra);
	field(h, "Content-Length", d);
	pn_buf_adds(h, "\r\n");

	pn_buf *f = w->gz ? &w->flat : out;
	if (w->gz)
		pn_buf_reset(f);
	pn_buf_reserve(f, h->len + len + 4);
	pn_buf_add(f, h->data, h->len);
	for (int i = 0; i < nparts; i++)
		pn_buf_add(f, parts[i].p, parts[i].n);
	pn_buf_add(f, "\r\n\r\n", 4);
	if (w->gz)
		gzip(w, strcmp(type, "request") == 0, f, out);
	if (id_out)
		memcpy(id_out, id, sizeof id);
}
