/* jsonin.h - reading article JSONL for pn-extract: yajl parses each line
 * (about ten times faster than jansson's parser on long "text" strings,
 * measured: docs/extract.md) into the jansson objects the rest of
 * pn-extract uses.
 *
 * Same contract as pn_jsonl_* (lib/pn.h): blank lines skipped, a bad line
 * reported as "file:line: bad JSON: why" or "file:line: not a JSON object"
 * and returned as -1. Values come out as jansson would build them: integers
 * as json_integer, numbers with a fraction or exponent as json_real, a
 * repeated key keeps its first position and its last value.
 *
 * Ownership: the reader owns its line buffer; objects returned belong to
 * the caller (json_decref).
 */
#ifndef PNX_JSONIN_H
#define PNX_JSONIN_H

#include <jansson.h>

typedef struct pnx_jsonin pnx_jsonin;

/* path "-" = stdin. NULL with errno set when the file cannot be opened. */
pnx_jsonin *pnx_jsonin_open(const char *path);
/* 1 with *obj set, 0 at the end, -1 for a bad line (reported). Dies with
 * PN_EXIT_IO on a read error. */
int pnx_jsonin_next(pnx_jsonin *r, json_t **obj);
unsigned long pnx_jsonin_lineno(const pnx_jsonin *r);
const char *pnx_jsonin_name(const pnx_jsonin *r);
void pnx_jsonin_close(pnx_jsonin *r);

#endif
