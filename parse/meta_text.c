/* meta_text.c - small string helpers shared by the meta*.c files. */
#include "meta_int.h"

#include "pn.h"

char *pnp_text_clean(const char *s, size_t n)
{
	pn_buf b = PN_BUF_INIT;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			ws = true;
			i++;
		}
		if (ws) {
			space = b.len > 0;
			continue;
		}
		if (space)
			pn_buf_addc(&b, ' ');
		space = false;
		pn_buf_addc(&b, (char)c);
	}
	if (b.len == 0) {
		pn_buf_free(&b);
		return NULL;
	}
	return pn_buf_steal(&b);
}

void pnp_text_squash(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	for (; *s && o + 1 < outsz; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			out[o++] = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[o++] = c;
	}
	out[o] = '\0';
}
