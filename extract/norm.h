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

#include <stdbool.h>
#include <stddef.h>

/* The offset map in pieces: folded bytes [f, next piece's f) come from
 * the original bytes from o on, one for one (lin), or all from the one
 * original character at o (a fold's replacement). Most texts are one
 * piece: a map entry per byte cost more to write than it was ever read. */
typedef struct pnx_norm_piece {
	size_t f, o;
	bool lin;
} pnx_norm_piece;

typedef struct pnx_norm {
	char *text;      /* folded text, NUL-terminated */
	size_t len;
	size_t cap;
	pnx_norm_piece *pieces; /* ascending f, the first at 0 (when len > 0) */
	size_t npieces, cpieces;
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
