/* xfer.c - one libcurl easy transfer: options that make a fetch safe
 * (http/https only, no automatic redirects, size cap, timeouts) and the
 * callbacks that keep the exchange byte for byte for the WARC. */
#include "fetch.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
	pnf_xfer *x = ud;
	n *= size;
	if (x->body.len + n > x->max_size) {
		x->too_big = true;
		return 0; /* aborts with CURLE_WRITE_ERROR */
	}
	if (!x->body.cap) {
		/* one allocation instead of a doubling series when the length is known */
		curl_off_t cl = -1;
		curl_easy_getinfo(x->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &cl);
		if (cl > 0 && (size_t)cl <= x->max_size)
			pn_buf_reserve(&x->body, (size_t)cl);
	}
	pn_buf_add(&x->body, p, n);
	return n;
}

/* Keeps the headers of the last response only (1xx interim responses
 * come first). Transfer-Encoding is dropped because libcurl has already
 * undone the chunking: the stored message must describe the stored body. */
static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
	pnf_xfer *x = ud;
	n *= size;
	if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
		pn_buf_reset(&x->hdr);
	if (n >= 18 && strncasecmp(p, "Transfer-Encoding:", 18) == 0)
		return n;
	pn_buf_add(&x->hdr, p, n);
	return n;
}

static int on_debug(CURL *h, curl_infotype type, char *p, size_t n, void *ud)
{
	(void)h;
	pnf_xfer *x = ud;
	if (type == CURLINFO_HEADER_OUT) {
		pn_buf_reset(&x->req); /* a retransmission replaces the request */
		pn_buf_add(&x->req, p, n);
	}
	return 0;
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *value)
{
	char *h = pn_xasprintf("%s: %s", name, value);
	struct curl_slist *r = curl_slist_append(l, h);
	free(h);
	if (!r)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_slist)");
	return r;
}

pnf_xfer *pnf_xfer_new(const pnf_opts *o)
{
	pnf_xfer *x = pn_xcalloc(1, sizeof *x);
	x->max_size = (size_t)o->max_size;
	CURL *e = curl_easy_init();
	if (!e)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_easy_init)");
	x->easy = e;
	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	/* We store the body still compressed (archives keep what the server
	 * sent) and check its decoded size ourselves, so ask for gzip (in
	 * the headers of pnf_xfer_start) but do not let libcurl decode. */
	curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, o->timeout_s);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_size);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* no proxies (docs/fetch.md); "" also spares libcurl reading the
	 * *_proxy environment variables for every transfer */
	curl_easy_setopt(e, CURLOPT_PROXY, "");
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
	/* the debug callback is the only way to see the request as sent */
	curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(e, CURLOPT_DEBUGDATA, x);
	curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
	return x;
}

void pnf_xfer_start(pnf_xfer *x, pnf_job *j)
{
	x->job = j;
	x->too_big = false;
	struct curl_slist *l = add_header(NULL, "Accept-Encoding", "gzip");
	if (j->etag)
		l = add_header(l, "If-None-Match", j->etag);
	if (j->last_modified)
		l = add_header(l, "If-Modified-Since", j->last_modified);
	x->slist = l;
	CURL *e = x->easy;
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	/* redirects go back through the queue (robots.txt, politeness, WARC
	 * record per hop); only robots.txt itself is followed here, as RFC
	 * 9309 2.3.1.2 asks */
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, j->robots_probe ? 1L : 0L);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, l);
}

void pnf_xfer_clear(pnf_xfer *x)
{
	x->job = NULL;
	curl_easy_setopt(x->easy, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(x->slist);
	x->slist = NULL;
	pn_buf_free(&x->req);
	pn_buf_free(&x->hdr);
	pn_buf_free(&x->body);
}

void pnf_xfer_free(pnf_xfer *x)
{
	if (!x)
		return;
	pnf_xfer_clear(x);
	curl_easy_cleanup(x->easy);
	free(x);
}

char *pnf_xfer_header(pnf_xfer *x, const char *name)
{
	/* the status line never looks like "Name:", so it needs no skipping */
	return pn_http_header(pn_buf_cstr(&x->hdr), name);
}
