/* input.h - the pages of pn-parse's inputs (input.c, input_warc.c,
 * input_stdin.c; prefix pnp_in).
 *
 * An input is a WARC file (plain or gzip), an HTML file (plain or gzip),
 * a directory searched recursively in byte order of names, or "-" for
 * stdin (WARC or HTML, told apart by the first bytes). Pages that should
 * have become articles but could not (empty, truncated, not HTML inside
 * an HTML file or response, larger than the size limit) are warned about,
 * naming file and record, and counted as failed. WARC responses that are
 * not article pages (HTTP status other than 200, a declared non-HTML
 * Content-Type: a crawl's redirects, 404s, images and style sheets) are
 * only counted; records that are not pages at all (request, warcinfo,
 * metadata, revisit...) are skipped silently. */
#ifndef PARSE_INPUT_H
#define PARSE_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* One page; every pointer is borrowed and valid during the callback. */
typedef struct pnp_page {
	const char *file;         /* input path as given or found, "-" for stdin */
	const char *url;          /* WARC-Target-URI, or file:// URL of the file */
	unsigned long recno;      /* WARC record number (1-based), 0 for files */
	const char *record_id;    /* WARC-Record-ID, NULL for files */
	const char *warc_date;    /* WARC-Date, NULL for files */
	int http_status;          /* 0 when the page was not an HTTP response */
	const char *content_type; /* HTTP or WARC resource Content-Type, or NULL */
	const char *data;         /* page bytes, NUL-terminated */
	size_t len;
} pnp_page;

/* Returns true when the page became a record, false when it failed (the
 * callback has warned). */
typedef bool (*pnp_page_fn)(const pnp_page *pg, void *ctx);

typedef struct pnp_in_stats {
	unsigned long pages;  /* records written */
	unsigned long failed; /* pages or inputs warned about and skipped */
	unsigned long not_ok; /* WARC responses with HTTP status other than 200 */
	unsigned long not_html; /* WARC responses declared as something else */
} pnp_in_stats;

typedef struct pnp_in {
	size_t max_size;      /* pages larger than this are skipped */
	pnp_page_fn fn;
	void *ctx;
	pnp_in_stats st;
} pnp_in;

/* Reads one command-line INPUT. An input that cannot be opened is warned
 * about and counted as failed; returns -1 then, else 0. */
int pnp_in_read(pnp_in *in, const char *path);

/* --- internal to input*.c ------------------------------------------- */

/* Checks a page (size, empty, HTML) and hands it to in->fn; counts. */
/* True when a declared Content-Type rules HTML out ("image/png"); empty
 * and vague types ("text/plain") may still hold HTML. */
bool pnp_in_not_html_type(const char *ct);
void pnp_in_deliver(pnp_in *in, const pnp_page *pg);
/* Warns "file: record N: url: why" (record part only for WARC pages). */
void pnp_in_fail(pnp_in *in, const pnp_page *pg, const char *why);
/* All records of a WARC file or of stdin ("-"). */
int pnp_in_warc(pnp_in *in, const char *path);
/* Makes stdin start again with the n bytes of head already read from it
 * (they are fed back through a pipe by a child process). Returns 0, -1
 * with errno set. */
int pnp_in_stdin_unread(const char *head, size_t n);

#endif
