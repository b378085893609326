/* jsonw.h - appending JSON text to a pn_buf without building json_t trees.
 *
 * The bytes are exactly those jansson's json_dump*(JSON_COMPACT |
 * JSON_PRESERVE_ORDER) writes for the same values (same escapes, "\u001F"
 * in upper case, '/' and non-ASCII left alone), so the output of pn-extract
 * did not change when it stopped dumping a whole jansson tree per article.
 * This is a writer only; JSON is read with jansson.
 *
 * Strings must be valid UTF-8 (jansson would refuse to build them otherwise).
 */
#ifndef PNX_JSONW_H
#define PNX_JSONW_H

#include <jansson.h>

#include "pn.h"

/* Strings: pn_json_str (lib/pn.h). */
/* s as a string, or null when s is NULL. */
void pnx_jw_cstr(pn_buf *b, const char *s);
void pnx_jw_int(pn_buf *b, long long v);
/* Any jansson value (objects in insertion order). Dies on OOM. */
void pnx_jw_value(pn_buf *b, const json_t *v);

#endif
