/* page.h - one page to one article record (page.c). */
#ifndef PARSE_PAGE_H
#define PARSE_PAGE_H

#include <stdio.h>
#include "input.h"

/* pnp_page_fn for pnp_in: ctx is the FILE * the JSONL record goes to.
 * Decodes to UTF-8, parses with gumbo once, extracts metadata and body
 * and writes the record (dies with PN_EXIT_IO if writing fails). A page
 * without any article text is warned about and returns false. */
bool pnp_page_process(const pnp_page *pg, void *ctx);

/* page_strip.c: copy of html (len bytes) without the contents of
 * <script> (JSON-LD excepted) and <style> elements. Returns malloc'd
 * NUL-terminated text (caller frees), its length in *out_len, and in
 * *max_depth the deepest nesting of block containers (div, section, ul,
 * table...) seen. */
char *pnp_strip_raw(const char *html, size_t len, size_t *out_len, unsigned *max_depth);

#endif
