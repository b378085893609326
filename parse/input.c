/* input.c - dispatch one INPUT (file, directory, stdin) and the checks
 * every page goes through before parsing. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "pn.h"
#include "input.h"

#define IN_HEAD 4096

void pnp_in_fail(pnp_in *in, const pnp_page *pg, const char *why)
{
	if (pg->recno)
		pn_warn("%s: record %lu: %s: %s", pg->file, pg->recno, pg->url, why);
	else
		pn_warn("%s: %s", pg->file, why);
	in->st.failed++;
}

/* Types that still may hold HTML: servers label pages carelessly. */
static bool in_vague_type(const char *ct)
{
	return !*ct || !strncasecmp(ct, "text/plain", 10)
	       || !strncasecmp(ct, "application/octet-stream", 24)
	       || !strncasecmp(ct, "unknown", 7);
}

static bool in_looks_html(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p, *e = s + n;
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return true; /* UTF-16: charset.c decodes it */
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		s += 3;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\f'))
		s++;
	return s < e && *s == '<';
}

static bool in_blank(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n' && p[i] != '\f')
			return false;
	return true;
}

bool pnp_in_not_html_type(const char *ct)
{
	return *ct && !strcasestr(ct, "html") && !in_vague_type(ct);
}

void pnp_in_deliver(pnp_in *in, const pnp_page *pg)
{
	const char *ct = pg->content_type ? pg->content_type : "";
	if (pg->len > in->max_size) {
		/* Files are read only up to the limit: the size is not known. */
		char *why = pn_xasprintf("page larger than --max-size (%zu bytes)", in->max_size);
		pnp_in_fail(in, pg, why);
		free(why);
	} else if (in_blank(pg->data, pg->len)) {
		pnp_in_fail(in, pg, "empty page");
	} else if (pnp_in_not_html_type(ct)) {
		char *why = pn_xasprintf("not HTML (Content-Type: %s)", ct);
		pnp_in_fail(in, pg, why);
		free(why);
	} else if (!strcasestr(ct, "html") && !in_looks_html(pg->data, pg->len)) {
		/* A server that says HTML is believed even with a PHP warning
		 * before <html>; files and vague types must start with a tag. */
		pnp_in_fail(in, pg, "not HTML (does not start with a tag)");
	} else if (in->fn(pg, in->ctx)) {
		in->st.pages++;
	} else {
		in->st.failed++;
	}
}

/* "file://" + absolute path, percent-encoding what a URL cannot hold. */
static char *in_file_url(const char *path)
{
	char *abs = realpath(path, NULL);
	const char *p = abs ? abs : path;
	pn_buf b = PN_BUF_INIT;
	pn_buf_adds(&b, "file://");
	for (const unsigned char *c = (const unsigned char *)p; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')
		    || strchr("/-._~!$&'()*+,;=:@", *c))
			pn_buf_addc(&b, (char)*c);
		else
			pn_buf_printf(&b, "%%%02X", *c);
	}
	free(abs);
	return pn_buf_steal(&b);
}

/* Whole file or stream, gunzipped if it is gzip; at most max + 1 bytes so
 * that too large is still detectable. Returns 0, or -1 with *why set. */
static int in_slurp(gzFile gz, size_t max, pn_buf *out, const char **why)
{
	for (;;) {
		pn_buf_reserve(out, 65536);
		size_t room = out->cap - out->len - 1;
		if (out->len + room > max + 1)
			room = max + 1 - out->len;
		int n = gzread(gz, out->data + out->len, (unsigned)(room > 1u << 30 ? 1u << 30 : room));
		int err;
		const char *msg = gzerror(gz, &err);
		if (n < 0 || (err && err != Z_BUF_ERROR)) {
			*why = msg;
			return -1;
		}
		out->len += (size_t)n;
		if (n == 0 || out->len > max) {
			if (n == 0 && err == Z_BUF_ERROR) {
				*why = "truncated gzip data";
				return -1;
			}
			pn_buf_cstr(out);
			return 0;
		}
	}
}

static int in_html(pnp_in *in, const char *path, gzFile gz, const char *url)
{
	pn_buf b = PN_BUF_INIT;
	const char *why;
	pnp_page pg = {.file = path, .url = url};
	if (in_slurp(gz, in->max_size, &b, &why) < 0) {
		pnp_in_fail(in, &pg, why);
	} else {
		pg.data = b.len ? b.data : "";
		pg.len = b.len;
		pnp_in_deliver(in, &pg);
	}
	pn_buf_free(&b);
	return 0;
}

static int in_file(pnp_in *in, const char *path)
{
	if (pn_is_warc_file(path))
		return pnp_in_warc(in, path);
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		pn_warn("%s: %s", path, errno ? strerror(errno) : "cannot open");
		in->st.failed++;
		return -1;
	}
	char *url = in_file_url(path);
	in_html(in, path, gz, url);
	free(url);
	gzclose(gz);
	return 0;
}

/* First bytes of stdin decompressed if gzip: enough to see "WARC/". */
static bool in_head_is_warc(const unsigned char *h, size_t n)
{
	if (n >= 2 && h[0] == 0x1f && h[1] == 0x8b) {
		unsigned char out[8];
		z_stream z = {0};
		if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
			return false;
		z.next_in = (unsigned char *)h;
		z.avail_in = (unsigned)n;
		z.next_out = out;
		z.avail_out = 5;
		inflate(&z, Z_SYNC_FLUSH);
		size_t got = 5 - z.avail_out;
		inflateEnd(&z);
		return got == 5 && !memcmp(out, "WARC/", 5);
	}
	return n >= 5 && !memcmp(h, "WARC/", 5);
}

static int in_stdin(pnp_in *in)
{
	char head[IN_HEAD];
	size_t n = 0;
	while (n < sizeof head) {
		ssize_t r = read(STDIN_FILENO, head + n, sizeof head - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			pn_warn("<stdin>: %s", strerror(errno));
			in->st.failed++;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (pnp_in_stdin_unread(head, n) < 0) {
		pn_warn("<stdin>: %s", strerror(errno));
		in->st.failed++;
		return -1;
	}
	if (in_head_is_warc((const unsigned char *)head, n))
		return pnp_in_warc(in, "-");
	gzFile gz = gzdopen(dup(STDIN_FILENO), "rb");
	if (!gz)
		pn_die(PN_EXIT_INTERNAL, "out of memory");
	in_html(in, "-", gz, "file:///dev/stdin");
	gzclose(gz);
	return 0;
}

/* Saved pages and WARCs; a browser's "Page_files/" images and scripts
 * are not inputs. */
static bool in_wanted_name(const char *name)
{
	static const char *const ext[] = {".html", ".htm", ".xhtml", ".shtml", ".warc", NULL};
	size_t n = strlen(name);
	if (name[0] == '.')
		return false;
	if (n > 3 && !strcasecmp(name + n - 3, ".gz"))
		n -= 3;
	for (int i = 0; ext[i]; i++) {
		size_t e = strlen(ext[i]);
		if (n > e && !strncasecmp(name + n - e, ext[i], e))
			return true;
	}
	return false;
}

static int in_cmp(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int in_dir(pnp_in *in, const char *path)
{
	struct dirent **list;
	int n = scandir(path, &list, NULL, in_cmp);
	if (n < 0) {
		pn_warn("%s: %s", path, strerror(errno));
		in->st.failed++;
		return -1;
	}
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		char *sub = pn_xasprintf("%s%s%s", path,
		                         path[strlen(path) - 1] == '/' ? "" : "/", name);
		struct stat st;
		/* Symlinked directories are not followed: no loops. */
		if (name[0] != '.' && lstat(sub, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				in_dir(in, sub);
			else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && in_wanted_name(name))
				in_file(in, sub);
		}
		free(sub);
		free(list[i]);
	}
	free(list);
	return 0;
}

int pnp_in_read(pnp_in *in, const char *path)
{
	if (!strcmp(path, "-"))
		return in_stdin(in);
	struct stat st;
	if (stat(path, &st) < 0) {
		pn_warn("%s: %s", path, strerror(errno));
		in->st.failed++;
		return -1;
	}
	return S_ISDIR(st.st_mode) ? in_dir(in, path) : in_file(in, path);
}
