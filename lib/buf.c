/* buf.c - growable byte buffer. */
#include "pn.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void pn_buf_grow(pn_buf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			pn_die(PN_EXIT_INTERNAL, "buffer too large");
		cap *= 2;
	}
	b->data = pn_xrealloc(b->data, cap);
	b->cap = cap;
}

void pn_buf_add(pn_buf *b, const void *p, size_t n)
{
	pn_buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pn_buf_addc(pn_buf *b, char c)
{
	pn_buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void pn_buf_adds(pn_buf *b, const char *s)
{
	pn_buf_add(b, s, strlen(s));
}

void pn_buf_vprintf(pn_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		pn_die(PN_EXIT_INTERNAL, "bad format string");
	pn_buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pn_buf_printf(pn_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pn_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void pn_buf_reset(pn_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

const char *pn_buf_cstr(pn_buf *b)
{
	pn_buf_reserve(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

char *pn_buf_steal(pn_buf *b)
{
	pn_buf_cstr(b);
	char *p = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void pn_buf_free(pn_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
