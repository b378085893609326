/* warc.c - streaming WARC reader (plain or gzip, one member per record or
 * one for the whole file). It holds one record at a time, so memory is
 * bounded by the largest block read. */
#include "pn.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_HEADERS 128
#define MAX_HEADER_BYTES (256 * 1024)

struct pn_warc_reader {
	gzFile gz;
	char *name;
	size_t max_block;
	uint64_t nrec;
	pn_buf line;
	pn_buf hdr;              /* "name\0value\0" pairs */
	size_t hoff[MAX_HEADERS];/* offset of each name in hdr */
	size_t nhdr;
	pn_buf block;
	bool eof;
};

pn_warc_reader *pn_warc_open(const char *path, size_t max_block)
{
	gzFile gz;
	if (strcmp(path, "-") == 0) {
		int fd = dup(STDIN_FILENO);
		if (fd < 0)
			return NULL;
		gz = gzdopen(fd, "rb");
	} else {
		gz = gzopen(path, "rb");
	}
	if (!gz) {
		if (!errno)
			errno = ENOMEM;
		return NULL;
	}
	gzbuffer(gz, 128 * 1024);
	pn_warc_reader *r = pn_xcalloc(1, sizeof *r);
	r->gz = gz;
	r->name = pn_xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	r->max_block = max_block ? max_block : 64u << 20;
	return r;
}

/* Reads one line (without CR/LF) into r->line. 1 ok, 0 EOF, -1 too long/err. */
static int read_line(pn_warc_reader *r)
{
	pn_buf_reset(&r->line);
	for (;;) {
		pn_buf_reserve(&r->line, 4096);
		char *dst = r->line.data + r->line.len;
		if (!gzgets(r->gz, dst, 4096)) {
			if (r->line.len)
				break;
			return 0;
		}
		size_t n = strlen(dst);
		r->line.len += n;
		if (n && dst[n - 1] == '\n')
			break;
		if (r->line.len > MAX_HEADER_BYTES)
			return -1;
	}
	while (r->line.len && (r->line.data[r->line.len - 1] == '\n' || r->line.data[r->line.len - 1] == '\r'))
		r->line.len--;
	r->line.data[r->line.len] = '\0';
	return 1;
}

static const char *hdr_get(pn_warc_reader *r, const char *name)
{
	for (size_t i = 0; i < r->nhdr; i++) {
		const char *n = r->hdr.data + r->hoff[i];
		if (strcasecmp(n, name) == 0)
			return n + strlen(n) + 1;
	}
	return NULL;
}

const char *pn_warc_header(pn_warc_reader *r, const char *name)
{
	return hdr_get(r, name);
}

static const char *hdr_or_empty(pn_warc_reader *r, const char *name)
{
	const char *v = hdr_get(r, name);
	return v ? v : "";
}

static int bad(pn_warc_reader *r, const char *why)
{
	pn_warn("%s: record %llu: %s", r->name, (unsigned long long)r->nrec, why);
	return -1;
}

int pn_warc_next(pn_warc_reader *r, pn_warc_record *rec)
{
	if (r->eof)
		return 0;
	int rc;
	/* skip blank lines and, after an error, anything up to the next version line */
	for (;;) {
		rc = read_line(r);
		if (rc == 0) {
			r->eof = true;
			return 0;
		}
		if (rc < 0) {
			r->eof = true;
			return bad(r, "line too long; not a WARC file?");
		}
		if (strncmp(r->line.data, "WARC/", 5) == 0)
			break;
		if (r->line.len != 0) {
			r->nrec++;
			r->eof = r->nrec == 1; /* garbage at the start: not a WARC */
			return bad(r, r->eof ? "does not start with a WARC/ version line" : "junk between records skipped");
		}
	}
	r->nrec++;
	pn_buf_reset(&r->hdr);
	r->nhdr = 0;
	pn_buf_add(&r->hdr, r->line.data, r->line.len + 1);
	for (;;) {
		rc = read_line(r);
		if (rc <= 0) {
			r->eof = true;
			return bad(r, "truncated header");
		}
		if (r->line.len == 0)
			break;
		char *colon = strchr(r->line.data, ':');
		if (!colon || r->nhdr == MAX_HEADERS)
			continue; /* tolerate junk and continuation lines */
		*colon = '\0';
		char *v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		r->hoff[r->nhdr++] = r->hdr.len;
		pn_buf_add(&r->hdr, r->line.data, strlen(r->line.data) + 1);
		pn_buf_add(&r->hdr, v, strlen(v) + 1);
	}
	const char *cl = hdr_get(r, "Content-Length");
	char *end;
	errno = 0;
	unsigned long long len = cl ? strtoull(cl, &end, 10) : 0;
	if (!cl || errno || end == cl) {
		r->eof = true;
		return bad(r, "missing or bad Content-Length");
	}
	pn_buf_reset(&r->block);
	bool skip = len > r->max_block;
	unsigned long long left = len;
	while (left) {
		unsigned chunk = left > (1u << 20) ? (1u << 20) : (unsigned)left;
		if (skip)
			pn_buf_reset(&r->block);
		pn_buf_reserve(&r->block, chunk);
		int n = gzread(r->gz, r->block.data + r->block.len, chunk);
		if (n <= 0) {
			r->eof = true;
			int zerr;
			const char *msg = gzerror(r->gz, &zerr);
			return bad(r, zerr && zerr != Z_BUF_ERROR ? msg : "truncated block");
		}
		r->block.len += (size_t)n;
		left -= (unsigned)n;
	}
	pn_buf_cstr(&r->block);
	if (skip) {
		/* the block was consumed, so the next call reads on normally */
		pn_warn("%s: record %llu: block of %llu bytes exceeds the %zu-byte limit, skipped",
		        r->name, (unsigned long long)r->nrec, len, r->max_block);
		return -1;
	}
	rec->version = r->hdr.data;
	rec->type = hdr_or_empty(r, "WARC-Type");
	const char *uri = hdr_or_empty(r, "WARC-Target-URI");
	/* WARC 1.0 writers sometimes wrap the URI in <>; strip in place */
	if (uri[0] == '<') {
		char *u = (char *)uri;
		size_t n = strlen(u);
		if (n >= 2 && u[n - 1] == '>') {
			memmove(u, u + 1, n - 2);
			u[n - 2] = '\0';
		}
	}
	rec->target_uri = uri;
	rec->date = hdr_or_empty(r, "WARC-Date");
	rec->record_id = hdr_or_empty(r, "WARC-Record-ID");
	rec->content_type = hdr_or_empty(r, "Content-Type");
	rec->block = r->block.data;
	rec->block_len = r->block.len;
	rec->offset = r->nrec;
	return 1;
}

void pn_warc_close(pn_warc_reader *r)
{
	if (!r)
		return;
	gzclose(r->gz);
	pn_buf_free(&r->line);
	pn_buf_free(&r->hdr);
	pn_buf_free(&r->block);
	free(r->name);
	free(r);
}

bool pn_is_warc_file(const char *path)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return false;
	char head[8] = {0};
	int n = gzread(gz, head, 5);
	gzclose(gz);
	return n == 5 && memcmp(head, "WARC/", 5) == 0;
}
