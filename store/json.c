/* json.c - a small read-only JSON parser for the load hot path.
 *
 * jansson (used everywhere else) builds a hash table per object and a heap
 * string per value; for pn-store's one-pass read of each article that was
 * half of the load time. This parser fills one reusable node array and one
 * reusable string arena per line and allocates nothing in steady state.
 * It accepts exactly RFC 8259 JSON (UTF-8 checked, \u escapes and
 * surrogate pairs decoded, NUL allowed inside strings as with jansson's
 * JSON_ALLOW_NUL) and keeps each value's raw text so containers can be
 * stored as JSON text without re-serialising.
 */
#include "pns.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

struct parser {
	pns_json *doc;
	const char *p, *start, *end;
	char *why;
	size_t whylen;
	int depth;
};

__attribute__((format(printf, 2, 3)))
static bool fail(struct parser *ps, const char *fmt, ...)
{
	int n = snprintf(ps->why, ps->whylen, "column %zu: ", (size_t)(ps->p - ps->start) + 1);
	va_list ap;
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < ps->whylen)
		vsnprintf(ps->why + n, ps->whylen - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static uint32_t new_node(struct parser *ps, enum pns_jtype type)
{
	pns_json *d = ps->doc;
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 256;
		d->nodes = pn_xrealloc(d->nodes, d->cap * sizeof *d->nodes);
	}
	d->nodes[d->n] = (pns_jnode){.type = type, .raw_off = (size_t)(ps->p - ps->start)};
	return (uint32_t)d->n++;
}

static void close_node(struct parser *ps, uint32_t i)
{
	pns_jnode *v = &ps->doc->nodes[i];
	v->raw_len = (size_t)(ps->p - ps->start) - v->raw_off;
}

/* Length of the valid UTF-8 sequence at p (lead byte >= 0x80), 0 if bad. */
static int utf8_len(const unsigned char *p, const unsigned char *end)
{
	int n = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] < 0xE0 ? 2 : 0;
	if (n == 0 || end - p < n)
		return 0;
	for (int i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	/* Overlong 3/4-byte forms, surrogates, > U+10FFFF. */
	if ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0) ||
	    (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
		return 0;
	return n;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | cp >> 18);
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Escape at ps->p (after the backslash) decoded to *o. */
static bool escape(struct parser *ps, char **o)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *k = ps->p < ps->end ? strchr(from, *ps->p) : NULL;
	if (k && *k) {
		*(*o)++ = to[k - from];
		ps->p++;
		return true;
	}
	if (ps->p >= ps->end || *ps->p != 'u' || ps->end - ps->p < 5)
		return fail(ps, "invalid escape");
	int cp = hex4(ps->p + 1);
	if (cp < 0)
		return fail(ps, "invalid \\u escape");
	ps->p += 5;
	if (cp >= 0xD800 && cp < 0xDC00) {
		int lo = ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u' ? hex4(ps->p + 2) : -1;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return fail(ps, "unpaired surrogate in \\u escape");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
		ps->p += 6;
	} else if (cp >= 0xDC00 && cp < 0xE000) {
		return fail(ps, "unpaired surrogate in \\u escape");
	}
	*o = put_utf8(*o, (unsigned)cp);
	return true;
}

/* String at ps->p (the opening quote) decoded into the arena. */
static bool string(struct parser *ps, uint32_t *out)
{
	uint32_t i = new_node(ps, PNS_JSTR);
	pns_json *d = ps->doc;
	char *o = d->arena + d->arena_len, *s = o;
	ps->p++;
	for (;;) {
		/* Copy the run of plain bytes in one go. */
		const char *run = ps->p;
		while (ps->p < ps->end && (unsigned char)*ps->p >= 0x20 && *ps->p != '"' &&
		       *ps->p != '\\' && (unsigned char)*ps->p < 0x80)
			ps->p++;
		memcpy(o, run, (size_t)(ps->p - run));
		o += ps->p - run;
		if (ps->p >= ps->end)
			return fail(ps, "unterminated string");
		unsigned char c = (unsigned char)*ps->p;
		if (c == '"')
			break;
		if (c < 0x20)
			return fail(ps, "control character in string");
		if (c == '\\') {
			ps->p++;
			if (!escape(ps, &o))
				return false;
			continue;
		}
		int n = utf8_len((const unsigned char *)ps->p, (const unsigned char *)ps->end);
		if (!n)
			return fail(ps, "invalid UTF-8");
		memcpy(o, ps->p, (size_t)n);
		o += n;
		ps->p += n;
	}
	ps->p++;
	*o++ = '\0';
	d->nodes[i].str_off = (size_t)(s - d->arena);
	d->nodes[i].len = (uint32_t)(o - s - 1);
	d->arena_len = (size_t)(o - d->arena);
	close_node(ps, i);
	*out = i;
	return true;
}

static bool number(struct parser *ps)
{
	uint32_t i = new_node(ps, PNS_JNUM);
	const char *p = ps->p, *e = ps->end;
	bool is_int = true;
	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (p < e && *p >= '1' && *p <= '9')
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	else
		return fail(ps, "invalid number");
	if (p < e && *p == '.') {
		is_int = false;
		if (++p >= e || *p < '0' || *p > '9')
			return fail(ps, "invalid number");
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		is_int = false;
		p += p + 1 < e && (p[1] == '+' || p[1] == '-');
		if (++p >= e || *p < '0' || *p > '9')
			return fail(ps, "invalid number");
		while (p < e && *p >= '0' && *p <= '9')
			p++;
	}
	char buf[64];
	size_t n = (size_t)(p - ps->p);
	if (n >= sizeof buf)
		return fail(ps, "number too long");
	memcpy(buf, ps->p, n);
	buf[n] = '\0';
	pns_jnode *v = &ps->doc->nodes[i];
	errno = 0;
	if (is_int) {
		v->i = strtoll(buf, NULL, 10);
		v->is_int = errno == 0;
	}
	if (!v->is_int)
		v->d = strtod(buf, NULL);
	ps->p = p;
	close_node(ps, i);
	return true;
}

static bool literal(struct parser *ps, const char *word, enum pns_jtype type, bool b)
{
	size_t n = strlen(word);
	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "unexpected character '%c'", *ps->p);
	uint32_t i = new_node(ps, type);
	ps->doc->nodes[i].b = b;
	ps->p += n;
	close_node(ps, i);
	return true;
}

static bool value(struct parser *ps);

/* Array or object at ps->p; children are linked through next. */
static bool container(struct parser *ps, bool obj)
{
	if (++ps->depth > MAX_DEPTH)
		return fail(ps, "nested too deeply");
	uint32_t i = new_node(ps, obj ? PNS_JOBJ : PNS_JARR), prev = 0;
	char close = obj ? '}' : ']';
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		close_node(ps, i);
		ps->depth--;
		return true;
	}
	for (;;) {
		uint32_t child = (uint32_t)ps->doc->n;
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, "unexpected end of input");
		if (obj) {
			uint32_t key;
			if (*ps->p != '"')
				return fail(ps, "expected string key");
			if (!string(ps, &key))
				return false;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "expected ':'");
			ps->p++;
			skip_ws(ps);
		}
		if (!value(ps))
			return false;
		if (prev)
			ps->doc->nodes[prev].next = child;
		prev = child;
		ps->doc->nodes[i].len++;
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close)
			break;
		return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
	}
	ps->p++;
	close_node(ps, i);
	ps->depth--;
	return true;
}

static bool value(struct parser *ps)
{
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of input");
	uint32_t ignored;
	switch (*ps->p) {
	case '{': return container(ps, true);
	case '[': return container(ps, false);
	case '"': return string(ps, &ignored);
	case 't': return literal(ps, "true", PNS_JBOOL, true);
	case 'f': return literal(ps, "false", PNS_JBOOL, false);
	case 'n': return literal(ps, "null", PNS_JNULL, false);
	default: return number(ps);
	}
}

bool pns_json_parse(pns_json *d, const char *text, size_t len, char *why, size_t whylen)
{
	d->n = 0;
	d->arena_len = 0;
	d->text = text;
	/* Decoded strings never outgrow their source, plus one NUL each. */
	if (d->arena_cap < 2 * len + 1) {
		d->arena_cap = 2 * len + 1;
		free(d->arena);
		d->arena = pn_xmalloc(d->arena_cap);
	}
	struct parser ps = {d, text, text, text + len, why, whylen, 0};
	if (!value(&ps))
		return false;
	skip_ws(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "end of file expected");
	/* Arena offsets become pointers only now: the arena never moves
	 * during a parse, but node storage may. */
	for (size_t i = 0; i < d->n; i++)
		if (d->nodes[i].type == PNS_JSTR)
			d->nodes[i].s = d->arena + d->nodes[i].str_off;
	return true;
}

void pns_json_free(pns_json *d)
{
	free(d->nodes);
	free(d->arena);
}

const pns_jnode *pns_json_get(const pns_json *d, const pns_jnode *obj, const char *key)
{
	if (!obj || obj->type != PNS_JOBJ || obj->len == 0)
		return NULL;
	size_t klen = strlen(key);
	for (const pns_jnode *k = obj + 1;; k = d->nodes + k->next) {
		if (k->len == klen && memcmp(k->s, key, klen) == 0)
			return k + 1;
		if (!k->next)
			return NULL;
	}
}

const pns_jnode *pns_json_first(const pns_jnode *c)
{
	return c && (c->type == PNS_JARR || c->type == PNS_JOBJ) && c->len ? c + 1 : NULL;
}

const pns_jnode *pns_json_next(const pns_json *d, const pns_jnode *v)
{
	return v->next ? d->nodes + v->next : NULL;
}
