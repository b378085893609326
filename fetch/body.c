/* body.c - undoing Content-Encoding with a hard cap on the decoded size,
 * so a gzip bomb costs at most max bytes of memory (or none at all when
 * only the size is checked). */
#include "fetch.h"

#include <string.h>
#include <strings.h>
#include <zlib.h>

int pnf_body_decode(const char *encoding, const char *body, size_t len, size_t max,
                    pn_buf *out, const char **err)
{
	if (!encoding || !*encoding || strcasecmp(encoding, "identity") == 0) {
		if (len > max) {
			*err = "body over --max-size";
			return -1;
		}
		if (out)
			pn_buf_add(out, body, len);
		return 0;
	}
	int wbits;
	if (strcasecmp(encoding, "gzip") == 0 || strcasecmp(encoding, "x-gzip") == 0)
		wbits = 15 + 16;
	else if (strcasecmp(encoding, "deflate") == 0)
		wbits = 15 + 32; /* zlib-wrapped as RFC 9110 says; raw tried below */
	else {
		*err = "unsupported Content-Encoding";
		return -1;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		z_stream zs = {0};
		if (inflateInit2(&zs, attempt ? -15 : wbits) != Z_OK)
			pn_die(PN_EXIT_INTERNAL, "out of memory (zlib)");
		unsigned char scratch[64 * 1024];
		size_t total = 0;
		zs.next_in = (unsigned char *)body;
		zs.avail_in = (uInt)len;
		int rc;
		do {
			zs.next_out = scratch;
			zs.avail_out = sizeof scratch;
			rc = inflate(&zs, Z_NO_FLUSH);
			size_t got = sizeof scratch - zs.avail_out;
			total += got;
			if (total > max) {
				inflateEnd(&zs);
				if (out)
					pn_buf_reset(out);
				*err = "decoded body over --max-size (gzip bomb?)";
				return -1;
			}
			if (out)
				pn_buf_add(out, scratch, got);
		} while (rc == Z_OK);
		inflateEnd(&zs);
		if (rc == Z_STREAM_END)
			return 0;
		if (out)
			pn_buf_reset(out);
		if (wbits != 15 + 32)
			break;
	}
	*err = "corrupt compressed body";
	return -1;
}
