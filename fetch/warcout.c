/* warcout.c - the WARC 1.1 file pn-fetch writes (docs/FORMATS.md §1):
 * warcinfo, then request/response pairs or resource records, each one
 * gzip member. */
#include "fetch.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

struct pnf_warc {
	FILE *f;
	char *name;
	char warcinfo_id[48];
};

/* Creates DIR/pharmanews-YYYYmmddHHMMSS-N.warc.gz with the first free N,
 * so two runs in the same second never clobber each other. */
static FILE *open_in_dir(const char *dir, char **name)
{
	char stamp[16];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	for (int n = 0; n < 1000; n++) {
		char *path = pn_xasprintf("%s/pharmanews-%s-%d.warc.gz", dir, stamp, n);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0) {
			*name = path;
			return fdopen(fd, "wb");
		}
		int e = errno;
		free(path);
		if (e != EEXIST)
			pn_die(PN_EXIT_IO, "%s: %s", dir, strerror(e));
	}
	pn_die(PN_EXIT_IO, "%s: no free archive name for %s", dir, stamp);
}

static void write_warcinfo(pnf_warc *w, const pnf_opts *o)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	char *info = pn_xasprintf(
		"software: pn-fetch/%s (pharmanews)\r\n"
		"format: WARC File Format 1.1\r\n"
		"conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
		"hostname: %s\r\n"
		"http-header-user-agent: %s\r\n"
		"robots: %s\r\n",
		PN_VERSION, host, o->user_agent, o->robots ? "obey" : "ignore");
	const char *fn = strrchr(w->name, '/');
	char *extra = w->f == stdout ? NULL
	            : pn_xasprintf("WARC-Filename: %s\r\n", fn ? fn + 1 : w->name);
	if (pn_warc_write(w->f, true, "warcinfo", NULL, "application/warc-fields", extra,
	                  info, strlen(info), w->warcinfo_id) != 0)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
	free(extra);
	free(info);
}

pnf_warc *pnf_warc_open(const char *path, const char *dir, const pnf_opts *o)
{
	pnf_warc *w = pn_xcalloc(1, sizeof *w);
	if (dir) {
		w->f = open_in_dir(dir, &w->name);
	} else if (path && strcmp(path, "-") != 0) {
		w->f = fopen(path, "wb");
		w->name = pn_xstrdup(path);
	} else {
		if (isatty(STDOUT_FILENO))
			pn_die(PN_EXIT_USAGE, "refusing to write a binary WARC to a terminal; use -o FILE, -O DIR or a pipe");
		w->f = stdout;
		w->name = pn_xstrdup("<stdout>");
	}
	if (!w->f)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
	setvbuf(w->f, NULL, _IOFBF, 1 << 20);
	write_warcinfo(w, o);
	return w;
}

const char *pnf_warc_name(const pnf_warc *w)
{
	return w->name;
}

static void put(pnf_warc *w, const char *type, const char *url, const char *ctype,
                const char *extra, const void *block, size_t len, char *id)
{
	if (pn_warc_write(w->f, true, type, url, ctype, extra, block, len, id) != 0)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
}

void pnf_warc_exchange(pnf_warc *w, const char *url, const char *ip,
                       const void *request, size_t request_len,
                       const void *response, size_t response_len, size_t payload_off)
{
	char req_id[48], pdig[38];
	pn_buf extra = PN_BUF_INIT;
	pn_buf_printf(&extra, "WARC-Warcinfo-ID: %s\r\n", w->warcinfo_id);
	if (ip && *ip)
		pn_buf_printf(&extra, "WARC-IP-Address: %s\r\n", ip);
	put(w, "request", url, "application/http;msgtype=request", pn_buf_cstr(&extra),
	    request, request_len, req_id);
	pn_sha1_base32((const char *)response + payload_off, response_len - payload_off, pdig);
	pn_buf_printf(&extra, "WARC-Concurrent-To: %s\r\nWARC-Payload-Digest: %s\r\n", req_id, pdig);
	put(w, "response", url, "application/http;msgtype=response", pn_buf_cstr(&extra),
	    response, response_len, NULL);
	pn_buf_free(&extra);
}

void pnf_warc_resource(pnf_warc *w, const char *url, const char *media_type,
                       const void *body, size_t len)
{
	char pdig[38];
	pn_sha1_base32(body, len, pdig);
	char *extra = pn_xasprintf("WARC-Warcinfo-ID: %s\r\nWARC-Payload-Digest: %s\r\n",
	                           w->warcinfo_id, pdig);
	put(w, "resource", url, media_type, extra, body, len, NULL);
	free(extra);
}

void pnf_warc_flush(pnf_warc *w)
{
	if (fflush(w->f) != 0)
		pn_die(PN_EXIT_IO, "%s: %s", w->name, strerror(errno));
}

void pnf_warc_close(pnf_warc *w)
{
	if (!w)
		return;
	bool bad = fflush(w->f) != 0 || ferror(w->f);
	if (w->f != stdout)
		bad = fclose(w->f) != 0 || bad;
	if (bad)
		pn_die(PN_EXIT_IO, "%s: write error", w->name);
	free(w->name);
	free(w);
}
