/* charset_int.h - helpers of pnp_to_utf8 (charset*.c), internal to
 * pn-parse. Nothing here allocates except pnp_utf8_repair and
 * pnp_iconv_utf8, which return malloc'd buffers (caller frees) and die on
 * OOM like every pn_x* allocation. */
#ifndef CHARSET_INT_H
#define CHARSET_INT_H

#include <stdbool.h>
#include <stddef.h>

/* One encoding pn-parse can decode (WHATWG Encoding Standard naming). */
typedef struct pnp_encoding {
	const char *name;   /* canonical name reported in source.charset */
	const char *iconv;  /* name glibc iconv knows */
	bool ascii_compat;  /* bytes < 0x80 always mean ASCII */
	unsigned unit;      /* code unit size: 1, or 2 for UTF-16 */
	bool latin;         /* a single-byte Latin-script encoding */
} pnp_encoding;

/* charset_label.c: label ("Latin1", " utf8 ", "WINDOWS-1252") to encoding,
 * following the WHATWG label table, so "iso-8859-1" and "ascii" give
 * windows-1252 and "gb2312" gives gbk. NULL when unknown. The returned
 * pointer is static. n is the label length. */
const pnp_encoding *pnp_encoding_for_label(const char *label, size_t n);
const pnp_encoding *pnp_encoding_utf8(void);
const pnp_encoding *pnp_encoding_windows1252(void);

/* charset_sniff.c */
/* Encoding named by a byte order mark, *bom_len set to its size; NULL
 * (and *bom_len 0) without a BOM. */
const pnp_encoding *pnp_sniff_bom(const char *p, size_t n, size_t *bom_len);
/* charset=... parameter of a Content-Type header value or of a
 * <meta http-equiv content> value; NULL when absent or unknown. */
const pnp_encoding *pnp_sniff_content_type(const char *value, size_t n);
/* HTML standard "prescan a byte stream to determine its encoding" over the
 * first 1024 bytes; NULL when nothing usable is declared. */
const pnp_encoding *pnp_sniff_meta(const char *p, size_t n);
/* uchardet's guess, NULL when it has none or names an encoding we lack. */
const pnp_encoding *pnp_sniff_detect(const char *p, size_t n);

/* charset_utf8.c */
typedef struct pnp_utf8_stats {
	size_t invalid;   /* ill-formed subsequences */
	size_t multibyte; /* well-formed sequences of 2..4 bytes */
	size_t nul;       /* NUL bytes: valid UTF-8, but not in our output */
} pnp_utf8_stats;
/* Counts for p[0..n); a buffer is usable as is when invalid and nul
 * are 0. */
void pnp_utf8_scan(const char *p, size_t n, pnp_utf8_stats *st);
/* Copy of p[0..n) with every maximal ill-formed subsequence and every NUL
 * replaced by U+FFFD. NUL-terminated, *out_len set. */
char *pnp_utf8_repair(const char *p, size_t n, size_t *out_len);

/* charset_iconv.c: p[0..n) in enc converted to UTF-8, undecodable input
 * replaced by U+FFFD. NULL when iconv cannot open enc. NUL-terminated,
 * *out_len set; the result may still contain NUL (callers scan it). */
char *pnp_iconv_utf8(const pnp_encoding *enc, const char *p, size_t n, size_t *out_len);

#endif
