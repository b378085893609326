/* charset_iconv.c - legacy encodings to UTF-8 with glibc iconv. */
#include "charset_int.h"

#include <errno.h>
#include <iconv.h>

#include "pn.h"

char *pnp_iconv_utf8(const pnp_encoding *enc, const char *p, size_t n, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", enc->iconv);
	if (cd == (iconv_t)-1)
		return NULL;
	pn_buf b = PN_BUF_INIT;
	/* Latin text grows a little, CJK by half: start near the final size. */
	pn_buf_reserve(&b, n + n / 2 + 16);
	char *in = (char *)p;
	size_t inleft = n;
	while (inleft > 0) {
		pn_buf_reserve(&b, inleft + 16);
		char *out = b.data + b.len;
		size_t outleft = b.cap - b.len - 1;
		size_t r = iconv(cd, &in, &inleft, &out, &outleft);
		b.len = (size_t)(out - b.data);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		/* EILSEQ (undecodable) or EINVAL (truncated at the end): one
		 * replacement character per code unit, then resynchronise. */
		pn_buf_add(&b, "\xEF\xBF\xBD", 3);
		size_t skip = enc->unit < inleft ? enc->unit : inleft;
		in += skip;
		inleft -= skip;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	/* Flush a stateful encoding (ISO-2022-JP) back to its initial state. */
	pn_buf_reserve(&b, 16);
	char *out = b.data + b.len;
	size_t outleft = b.cap - b.len - 1;
	iconv(cd, NULL, NULL, &out, &outleft);
	b.len = (size_t)(out - b.data);
	iconv_close(cd);
	*out_len = b.len;
	return pn_buf_steal(&b);
}
