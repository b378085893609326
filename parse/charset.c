/* charset.c - page bytes to UTF-8 (minimal: passthrough copy). */
#include "pn.h"
#include "parse.h"

#include <string.h>

char *pnp_to_utf8(const char *data, size_t len, const char *http_content_type,
                  size_t *out_len, const char **charset_out)
{
	(void)http_content_type;
	char *out = pn_xmalloc(len + 1);
	memcpy(out, data, len);
	out[len] = '\0';
	*out_len = len;
	*charset_out = "utf-8";
	return out;
}
