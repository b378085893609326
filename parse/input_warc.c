/* input_warc.c - the pages of a WARC: response records (HTTP 200, HTML or
 * vague Content-Type, codings undone by libpn) and resource records. One record is in memory at a
 * time. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pn.h"
#include "input.h"

/* Bytes after the HTTP header, for the truncation check. */
static size_t iw_raw_body_len(const char *raw, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (raw[i] != '\n')
			continue;
		if (raw[i + 1] == '\n')
			return len - (i + 2);
		if (raw[i + 1] == '\r' && i + 2 < len && raw[i + 2] == '\n')
			return len - (i + 3);
	}
	return 0;
}

/* A capture cut short: the HTTP Content-Length promises more than the
 * record holds (only meaningful without chunked framing). */
static bool iw_short_body(const pn_warc_record *rec, const pn_http_response *resp)
{
	char *cl = pn_http_header(resp->headers, "Content-Length");
	char *te = pn_http_header(resp->headers, "Transfer-Encoding");
	bool shrt = false;
	if (cl && !te) {
		char *end;
		errno = 0;
		unsigned long long want = strtoull(cl, &end, 10);
		shrt = !errno && end != cl && want > iw_raw_body_len(rec->block, rec->block_len);
	}
	free(cl);
	free(te);
	return shrt;
}

/* wget stores its log and arguments as resource records with
 * "metadata://" URIs: only web and file resources are pages. */
static bool iw_page_uri(const char *uri)
{
	return !strncasecmp(uri, "http://", 7) || !strncasecmp(uri, "https://", 8)
	       || !strncasecmp(uri, "file://", 7);
}

static void iw_response(pnp_in *in, pn_warc_reader *r, const pn_warc_record *rec, pnp_page *pg)
{
	/* Heritrix stores DNS lookups as responses too: not pages. */
	if (!strcasestr(rec->content_type, "application/http"))
		return;
	const char *trunc = pn_warc_header(r, "WARC-Truncated");
	if (trunc) {
		char *why = pn_xasprintf("truncated capture (WARC-Truncated: %s)", trunc);
		pnp_in_fail(in, pg, why);
		free(why);
		return;
	}
	pn_http_response resp;
	const char *err;
	if (pn_http_parse_response(rec->block, rec->block_len, in->max_size, &resp, &err) < 0) {
		pnp_in_fail(in, pg, err);
		return;
	}
	pg->http_status = resp.status;
	char *ct = pn_http_header(resp.headers, "Content-Type");
	/* A crawl's redirects, error pages, images and style sheets are not
	 * damaged input: counted for the summary, not warned about one by one. */
	if (resp.status != 200) {
		in->st.not_ok++;
	} else if (pnp_in_not_html_type(ct ? ct : "")) {
		in->st.not_html++;
	} else if (iw_short_body(rec, &resp)) {
		pnp_in_fail(in, pg, "truncated HTTP body (shorter than its Content-Length)");
	} else {
		pg->content_type = ct;
		pg->data = resp.body ? resp.body : "";
		pg->len = resp.body_len;
		pnp_in_deliver(in, pg);
	}
	free(ct);
	pn_http_response_free(&resp);
}

int pnp_in_warc(pnp_in *in, const char *path)
{
	size_t max_block = in->max_size > (63u << 20) ? in->max_size + (1u << 20) : 0;
	pn_warc_reader *r = pn_warc_open(path, max_block);
	if (!r) {
		pn_warn("%s: %s", path, strerror(errno));
		in->st.failed++;
		return -1;
	}
	pn_warc_record rec;
	int rc;
	while ((rc = pn_warc_next(r, &rec)) != 0) {
		if (rc < 0) { /* libpn has named file and record */
			in->st.failed++;
			continue;
		}
		pnp_page pg = {.file = path, .url = rec.target_uri, .recno = (unsigned long)rec.offset,
		               .record_id = rec.record_id, .warc_date = rec.date};
		if (!strcmp(rec.type, "response")) {
			iw_response(in, r, &rec, &pg);
		} else if (!strcmp(rec.type, "resource") && iw_page_uri(rec.target_uri)) {
			pg.content_type = rec.content_type;
			pg.data = rec.block;
			pg.len = rec.block_len;
			pnp_in_deliver(in, &pg);
		}
	}
	pn_warc_close(r);
	return 0;
}
