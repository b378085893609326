/* norm.h - text normalisation before matching: curly quotes, primes and
 * guillemets become ' or ", the dash family and minus become -, exotic
 * spaces become a plain space, and marks that split words (soft hyphen,
 * zero-width characters, (R)/(TM) signs) are dropped. Rules are written
 * against the folded text; the offset map takes every match back to the
 * original bytes, which is what the output reports.
 *
 * Ownership: a pnx_norm owns its buffers and is reused article after
 * article (pnx_norm_run resets it); pnx_norm_free releases it.
 */
#ifndef PNX_NORM_H
#define PNX_NORM_H

#include <stddef.h>

typedef struct pnx_norm {
	char *text;      /* folded text, NUL-terminated */
	size_t len;
	size_t *map;     /* map[i] = offset in the original of folded byte i; map[len] = original length */
	size_t cap;
	const char *orig;    /* borrowed: the text given to pnx_norm_run */
	size_t orig_len;
} pnx_norm;

/* Folds src[0..len) (valid UTF-8) into n. Dies on OOM. */
void pnx_norm_run(pnx_norm *n, const char *src, size_t len);
/* Original offsets of the folded span [start, end). */
size_t pnx_norm_orig_start(const pnx_norm *n, size_t start);
size_t pnx_norm_orig_end(const pnx_norm *n, size_t end);
void pnx_norm_free(pnx_norm *n);

#endif
