/* charset.c - page bytes to valid UTF-8 (pnp_to_utf8).
 *
 * Trust order: BOM, HTTP Content-Type charset, <meta> prescan, uchardet,
 * with two corrections for the lies seen in the wild: a page declared in
 * a legacy encoding whose bytes are well-formed UTF-8 with non-ASCII
 * sequences is UTF-8 (legacy text is practically never valid UTF-8), and
 * a page declared UTF-8 with more ill-formed than well-formed non-ASCII
 * sequences is re-detected (usually windows-1252). */
#include "pn.h"
#include "parse.h"
#include "charset_int.h"

#include <stdlib.h>
#include <string.h>

static char *pnp_copy(const char *p, size_t n, size_t *out_len)
{
	char *out = pn_xmalloc(n + 1);
	if (n) /* p may be NULL for an empty page */
		memcpy(out, p, n);
	out[n] = '\0';
	*out_len = n;
	return out;
}

/* p in enc to UTF-8; NULs and anything iconv let through ill-formed are
 * repaired so the result is always valid. */
static char *pnp_convert(const pnp_encoding *enc, const char *p, size_t n, size_t *out_len)
{
	if (enc != pnp_encoding_utf8()) {
		size_t len;
		char *out = pnp_iconv_utf8(enc, p, n, &len);
		if (out) {
			pnp_utf8_stats st;
			pnp_utf8_scan(out, len, &st);
			if (st.invalid == 0 && st.nul == 0) {
				*out_len = len;
				return out;
			}
			char *fixed = pnp_utf8_repair(out, len, out_len);
			free(out);
			return fixed;
		}
		pn_warn("iconv cannot decode %s, reading as UTF-8", enc->name);
	}
	return pnp_utf8_repair(p, n, out_len);
}

/* The encoding to decode with, given what the page declares (may be
 * NULL) and the UTF-8 statistics of its bytes. */
static const pnp_encoding *pnp_choose(const pnp_encoding *declared, const pnp_utf8_stats *st,
                                      const char *p, size_t n)
{
	const pnp_encoding *utf8 = pnp_encoding_utf8();
	if (declared && declared != utf8) {
		if (declared->ascii_compat && st->invalid == 0)
			return utf8; /* ASCII only, or really UTF-8 */
		return declared;
	}
	if (st->invalid == 0 || (declared && st->invalid <= st->multibyte))
		return utf8;
	/* uchardet tells scripts apart well, but within Latin script it
	 * often calls English windows-1252 text (whose only high bytes are
	 * quotes and dashes) windows-1250 or -1258; an English news corpus
	 * is better served by the Web's default. */
	const pnp_encoding *guess = pnp_sniff_detect(p, n);
	if (guess && guess->latin)
		return pnp_encoding_windows1252();
	if (guess && guess != utf8)
		return guess;
	/* Nothing better known: stray high bytes in otherwise ASCII text are
	 * almost always windows-1252 punctuation. */
	return st->multibyte == 0 ? pnp_encoding_windows1252() : utf8;
}

char *pnp_to_utf8(const char *data, size_t len, const char *http_content_type,
                  size_t *out_len, const char **charset_out)
{
	size_t bom_len;
	const pnp_encoding *enc = pnp_sniff_bom(data, len, &bom_len);
	if (enc) {
		*charset_out = enc->name;
		return pnp_convert(enc, data + bom_len, len - bom_len, out_len);
	}
	const pnp_encoding *declared = NULL;
	if (http_content_type)
		declared = pnp_sniff_content_type(http_content_type, strlen(http_content_type));
	if (!declared)
		declared = pnp_sniff_meta(data, len);
	if (declared && !declared->ascii_compat) {
		*charset_out = declared->name;
		return pnp_convert(declared, data, len, out_len);
	}
	pnp_utf8_stats st;
	pnp_utf8_scan(data, len, &st);
	enc = pnp_choose(declared, &st, data, len);
	*charset_out = enc->name;
	if (enc == pnp_encoding_utf8() && st.invalid == 0 && st.nul == 0)
		return pnp_copy(data, len, out_len);
	return pnp_convert(enc, data, len, out_len);
}
