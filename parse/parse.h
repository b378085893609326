/* parse.h - internal interface of pn-parse (prefix pnp_).
 *
 * Flow per page: input*.c yield (url, raw bytes, HTTP Content-Type);
 * charset.c converts to UTF-8; page_strip.c cuts the contents of <script>
 * (JSON-LD kept) and <style>; gumbo parses once; meta.c and body.c read
 * the same tree (meta.c also gets the full UTF-8 text); page.c writes the
 * article record. */
#ifndef PARSE_H
#define PARSE_H

#include <gumbo.h>
#include <stddef.h>

/* charset.c: decode page bytes to valid UTF-8. Order of trust: BOM, the
 * HTTP Content-Type charset (may be NULL), <meta> prescan of the first
 * 1024 bytes, then uchardet. Invalid sequences become U+FFFD.
 * Returns malloc'd NUL-terminated UTF-8 (caller frees), *out_len its
 * length; *charset_out (borrowed static/interned string) names what was
 * used, e.g. "utf-8", "windows-1252". Never fails (dies on OOM). */
char *pnp_to_utf8(const char *data, size_t len, const char *http_content_type,
                  size_t *out_len, const char **charset_out);

/* meta.c: page metadata. All strings malloc'd or NULL; free with
 * pnp_meta_free. Dates are ISO 8601 ("2025-03-04" or
 * "2025-03-04T10:00:00Z"/"+01:00"). */
typedef struct pnp_meta {
	char *title;
	char *canonical_url;
	char *published;
	const char *published_source; /* static: "json-ld","meta","time","byline","url","none" */
	char *modified;
	char **authors;
	size_t nauthors;
	char *site_name;
	char *lang;
} pnp_meta;

void pnp_meta_extract(GumboOutput *doc, const char *html, size_t html_len,
                      const char *url, pnp_meta *m);
void pnp_meta_free(pnp_meta *m);

/* body.c: main article text, paragraphs separated by "\n\n", no
 * navigation, ads, share bars, comments, related links, cookie banners.
 * title (may be NULL) helps find the article start and is not repeated
 * in the body. Returns malloc'd UTF-8 (caller frees), "" if nothing found. */
char *pnp_body_extract(GumboOutput *doc, const char *title);

#endif
