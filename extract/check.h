/* check.h - `pn-extract --check-rules`: runs every rule example, prints TAP. */
#ifndef PNX_CHECK_H
#define PNX_CHECK_H

#include "extract.h"

/* Every example sentence is extracted as if published on this date (the
 * one `--tag-timex --check` uses too), so relative dates and "has
 * approved" have a fixed, documented value. */
#define PNX_EXAMPLE_DCT "2025-06-18"

/* Prints "1..N" and one TAP line per example (diagnostics as # lines) on
 * out. Returns PN_EXIT_OK when all pass, PN_EXIT_CONFIG otherwise. */
int pnx_check_rules(pnx_extractor *x, FILE *out);

#endif
