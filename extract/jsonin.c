/* jsonin.c - JSONL lines parsed by yajl into jansson values (jsonin.h). */
#include "jsonin.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "pn.h"

struct pnx_jsonin {
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

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	return add(ctx, json_stringn((const char *)s, n));
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

pnx_jsonin *pnx_jsonin_open(const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	if (!f)
		return NULL;
	pnx_jsonin *r = pn_xcalloc(1, sizeof *r);
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

int pnx_jsonin_next(pnx_jsonin *r, json_t **obj)
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

unsigned long pnx_jsonin_lineno(const pnx_jsonin *r) { return r->lineno; }
const char *pnx_jsonin_name(const pnx_jsonin *r) { return r->name; }

void pnx_jsonin_close(pnx_jsonin *r)
{
	if (!r)
		return;
	if (!r->is_stdin)
		fclose(r->f);
	free(r->line);
	free(r->name);
	free(r);
}
