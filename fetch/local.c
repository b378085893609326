/* local.c - file:// URLs, accepted only when given explicitly with
 * --allow-file: a page is archived as a WARC resource record, a feed or
 * sitemap is read for links. No HTTP, robots.txt or politeness. */
#include "fetch.h"

#include <curl/curl.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

static const struct { const char *ext, *type; } media_types[] = {
	{".html", "text/html"}, {".htm", "text/html"}, {".xhtml", "application/xhtml+xml"},
	{".xml", "application/xml"}, {".rss", "application/rss+xml"},
	{".atom", "application/atom+xml"}, {".txt", "text/plain"}, {".json", "application/json"},
	{".pdf", "application/pdf"}, {".gz", "application/gzip"},
};

static const char *media_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof media_types / sizeof *media_types; i++)
			if (strcasecmp(dot, media_types[i].ext) == 0)
				return media_types[i].type;
	return "application/octet-stream";
}

/* Decoded path of a file:// URL; caller frees. NULL for a remote host. */
static char *file_path(const char *url)
{
	CURLU *u = curl_url();
	if (!u)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_url)");
	char *path = NULL, *out = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PATH, &path, CURLU_URLDECODE) == CURLUE_OK)
		out = pn_xstrdup(path);
	curl_free(path);
	curl_url_cleanup(u);
	return out;
}

/* Reads at most max bytes of path into b; -1 with errno set on failure
 * (EFBIG when larger than max). */
static int slurp(const char *path, size_t max, pn_buf *b)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t n;
	do {
		pn_buf_reserve(b, 64 * 1024);
		n = fread(b->data + b->len, 1, 64 * 1024, f);
		b->len += n;
	} while (n > 0 && b->len <= max);
	int e = ferror(f) ? EIO : b->len > max ? EFBIG : 0;
	fclose(f);
	if (e) {
		errno = e;
		return -1;
	}
	pn_buf_cstr(b);
	return 0;
}

static void fail(pnf_run *run, const char *url, const char *why)
{
	pn_warn("%s: %s", url, why);
	pnf_state_failed(run->st, url, 0, why);
	run->stats.failed++;
}

void pnf_local_fetch(pnf_run *run, const pnf_urlrec *u)
{
	char *path = file_path(u->url);
	if (!path) {
		fail(run, u->url, "not a local file URL");
		return;
	}
	pn_buf b = PN_BUF_INIT;
	if (slurp(path, (size_t)run->o->max_size, &b) < 0) {
		fail(run, u->url, errno == EFBIG ? "larger than --max-size" : strerror(errno));
		pn_buf_free(&b);
		free(path);
		return;
	}
	run->stats.bytes += b.len;
	if (u->kind == PNF_PAGE) {
		run->stats.fetched++;
		pnf_state_done(run->st, u->url, 200, NULL, NULL);
	} else {
		const char *err = NULL;
		if (pnf_queue_links_of(run, u->kind, u->url, b.data, b.len, &err) < 0) {
			fail(run, u->url, err);
		} else {
			run->stats.feeds++;
			pnf_state_done(run->st, u->url, 200, NULL, NULL);
		}
	}
	if (u->kind == PNF_PAGE || run->o->archive_all)
		pnf_warc_resource(run->w, u->url, media_type(path), &b);
	pn_buf_free(&b);
	free(path);
}
