/* jsonl.c - JSON Lines in and out; bad lines are reported with file:line
 * and skipped so one broken record never loses the rest.
 *
 * Lines are parsed by yajl into jansson values: yajl's event parser is
 * about ten times faster than jansson's on long "text" strings (measured:
 * docs/extract.md), and the stages work on jansson trees. Values come out as
 * jansson would build them: integers as json_integer, numbers with a
 * fraction or exponent as json_real, a repeated key keeps its first position
 * and its last value. */
#include "pn.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

struct pn_jsonl_reader {
	FILE *f;
	bool is_stdin;
	char *name;
	char *line;
	size_t cap;
	unsigned long lineno;
};

/* The value being built: a stack of open containers and the key waiting
 * for its value. */
typedef struct build {
	json_t *stack[64];
	size_t depth;
	json_t *root;
	char *key;
	const char *error;   /* why a callback stopped the parse */
} build;

static int add(build *b, json_t *v)
{
	if (!v) {
		b->error = "invalid value";
		return 0;
	}
	if (!b->depth) {
		b->root = v;
		return 1;
	}
	json_t *top = b->stack[b->depth - 1];
	int rc = json_is_array(top) ? json_array_append_new(top, v) : json_object_set_new_nocheck(top, b->key, v);
	free(b->key);
	b->key = NULL;
	if (rc != 0)
		b->error = "cannot add value";
	return rc == 0;
}

static int open_container(build *b, json_t *c)
{
	if (b->depth == sizeof b->stack / sizeof *b->stack) {
		json_decref(c);
		b->error = "nested too deep";
		return 0;
	}
	json_incref(c);
	if (!add(b, c))
		return 0;
	b->stack[b->depth++] = c;
	return 1;
}

static int close_container(void *ctx)
{
	build *b = ctx;
	json_decref(b->stack[--b->depth]);
	return 1;
}

static int on_null(void *ctx) { return add(ctx, json_null()); }
static int on_bool(void *ctx, int v) { return add(ctx, json_boolean(v)); }
static int on_start_map(void *ctx) { return open_container(ctx, json_object()); }
static int on_start_array(void *ctx) { return open_container(ctx, json_array()); }

/* jansson's rule: a fraction or exponent makes a real, else an integer,
 * which must fit json_int_t. */
static int on_number(void *ctx, const char *s, size_t n)
{
	build *b = ctx;
	char tmp[512];
	if (n >= sizeof tmp) {
		b->error = "number too long";
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	if (strpbrk(tmp, ".eE"))
		return add(b, json_real(strtod(tmp, NULL)));
	long long v = strtoll(tmp, NULL, 10);
	if (errno == ERANGE) {
		b->error = "too big integer";
		return 0;
	}
	return add(b, json_integer(v));
}

/* s[0..n) is well-formed UTF-8 (Unicode Table 3-7, NUL allowed): what
 * json_stringn checks before it copies, ASCII 8 bytes at a time here
 * (jansson's byte loop was a third of reading the input). */
static bool utf8_ok(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint64_t x;
		if (i + 8 <= n && (memcpy(&x, s + i, 8), !(x & 0x8080808080808080u))) {
			i += 8;
			continue;
		}
		bool ok;
		i += pn_utf8_seq(s + i, n - i, &ok);
		if (!ok)
			return false;
	}
	return true;
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	/* json_stringn's result: NULL for a string that is not UTF-8 */
	return add(ctx, utf8_ok(s, n) ? json_stringn_nocheck((const char *)s, n) : NULL);
}

static int on_key(void *ctx, const unsigned char *s, size_t n)
{
	build *b = ctx;
	if (memchr(s, '\0', n)) {
		b->error = "NUL byte in object key not supported";
		return 0;
	}
	free(b->key);
	b->key = pn_xstrndup((const char *)s, n);
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_bool,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = close_container,
	.yajl_start_array = on_start_array,
	.yajl_end_array = close_container,
};

pn_jsonl_reader *pn_jsonl_open(const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	if (!f)
		return NULL;
	pn_jsonl_reader *r = pn_xcalloc(1, sizeof *r);
	r->f = f;
	r->is_stdin = is_stdin;
	r->name = pn_xstrdup(is_stdin ? "<stdin>" : path);
	return r;
}

/* Parses s[0..n) into *out; NULL and a message in why on failure. */
static json_t *parse(const char *s, size_t n, char *why, size_t whylen)
{
	build b = {0};
	yajl_handle h = yajl_alloc(&callbacks, NULL, &b);
	if (!h)
		pn_die(PN_EXIT_INTERNAL, "out of memory (yajl)");
	yajl_status st = yajl_parse(h, (const unsigned char *)s, n);
	size_t at = yajl_get_bytes_consumed(h) + 1; /* 1-based byte of the error */
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(h);
		at = n + 1;
	}
	if (st != yajl_status_ok) {
		if (b.error) {
			snprintf(why, whylen, "%s (byte %zu)", b.error, at);
		} else {
			unsigned char *msg = yajl_get_error(h, 0, (const unsigned char *)s, n);
			size_t ml = strcspn((const char *)msg, "\n");
			snprintf(why, whylen, "%.*s (byte %zu)", (int)ml, (const char *)msg, at);
			yajl_free_error(h, msg);
		}
		while (b.depth)
			json_decref(b.stack[--b.depth]);
		json_decref(b.root);
		b.root = NULL;
	}
	free(b.key);
	yajl_free(h);
	return b.root;
}

int pn_jsonl_next(pn_jsonl_reader *r, json_t **obj)
{
	for (;;) {
		errno = 0;
		ssize_t n = getline(&r->line, &r->cap, r->f);
		if (n < 0) {
			if (ferror(r->f))
				pn_die(PN_EXIT_IO, "%s: read error: %s", r->name, strerror(errno));
			return 0;
		}
		r->lineno++;
		size_t len = (size_t)n;
		while (len && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r' ||
		               r->line[len - 1] == ' ' || r->line[len - 1] == '\t'))
			len--;
		size_t start = 0;
		while (start < len && (r->line[start] == ' ' || r->line[start] == '\t'))
			start++;
		if (start == len)
			continue;
		char why[256];
		json_t *j = parse(r->line + start, len - start, why, sizeof why);
		if (!j) {
			pn_warn("%s:%lu: bad JSON: %s", r->name, r->lineno, why);
			return -1;
		}
		if (!json_is_object(j)) {
			json_decref(j);
			pn_warn("%s:%lu: not a JSON object", r->name, r->lineno);
			return -1;
		}
		*obj = j;
		return 1;
	}
}

unsigned long pn_jsonl_lineno(const pn_jsonl_reader *r) { return r->lineno; }
const char *pn_jsonl_name(const pn_jsonl_reader *r) { return r->name; }

void pn_jsonl_close(pn_jsonl_reader *r)
{
	if (!r)
		return;
	if (!r->is_stdin)
		fclose(r->f);
	free(r->line);
	free(r->name);
	free(r);
}

void pn_jsonl_write(FILE *out, json_t *obj)
{
	if (json_dumpf(obj, out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', out) == EOF)
		pn_die(PN_EXIT_IO, "write error: %s", strerror(errno));
}

/* Some byte of the 8 in v is below 0x20, '"' or '\\' (bit tricks: a
 * byte b < k sets the high bit of (b - k) & ~b). */
static bool needs_escape8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\');
	return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((bs - ones) & ~bs)) & high;
}

void pn_json_str(pn_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	pn_buf_reserve(b, n + 2);
	pn_buf_addc(b, '"');
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t v;
		while (i + 8 <= n && (memcpy(&v, s + i, 8), !needs_escape8(v)))
			i += 8;
		if (i >= n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		pn_buf_add(b, s + run, i - run);
		run = i + 1;
		char esc[7] = {'\\', 0};
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
		}
		pn_buf_add(b, esc, strlen(esc));
	}
	pn_buf_add(b, s + run, n - run);
	pn_buf_addc(b, '"');
}
