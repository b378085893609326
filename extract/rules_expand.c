/* rules_expand.c - {MACRO} and {@gazetteer} references in patterns. */
#include "rules_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- expansion ------------------------------------------------------ */

static void add_escaped(pn_buf *out, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\^$.[]|()?*+{}", *s))
			pn_buf_addc(out, '\\');
		pn_buf_addc(out, *s);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

/* The sorted strings v[0..n), which share their first d bytes, as a regex
 * trie: (?:a(?:bc|d|)|x...). A plain alternation of thousands of names is
 * tried name by name at every position; the trie costs one branch per
 * character. The empty branch comes last, so the longest name wins. */
static void add_trie(pn_buf *out, char **v, size_t n, size_t d)
{
	while (n && !v[0][d] && n > 1 && !strcmp(v[0], v[1])) {
		v++;
		n--;
	}
	bool ends = !v[0][d];
	size_t first = ends ? 1 : 0;
	size_t groups = 0;
	for (size_t i = first; i < n;) {
		size_t cl = utf8_len((unsigned char)v[i][d]), j = i + 1;
		while (j < n && strncmp(v[j] + d, v[i] + d, cl) == 0)
			j++;
		groups++;
		i = j;
	}
	if (groups == 0)
		return;
	bool paren = groups > 1 || ends;
	if (paren)
		pn_buf_adds(out, "(?:");
	size_t g = 0;
	for (size_t i = first; i < n; g++) {
		size_t cl = utf8_len((unsigned char)v[i][d]), j = i + 1;
		while (j < n && strncmp(v[j] + d, v[i] + d, cl) == 0)
			j++;
		if (g)
			pn_buf_addc(out, '|');
		char ch[5] = {0};
		memcpy(ch, v[i] + d, cl);
		add_escaped(out, ch);
		add_trie(out, v + i, j - i, d + cl);
		i = j;
	}
	if (ends)
		pn_buf_addc(out, '|');
	if (paren)
		pn_buf_addc(out, ')');
}

/* {@gaz} = names and aliases; {@gaz.col} = the |-separated values of col. */
static int expand_gaz(pnx_loader *L, const char *ref, size_t n, pn_buf *out,
                      const char *file, unsigned line)
{
	char *name = pn_xstrndup(ref, n);
	char *col = strchr(name, '.');
	if (col)
		*col++ = '\0';
	const pnx_gazetteer *g = pnx_rules_gaz(L->rs, name);
	int rc = 0;
	if (!g) {
		pnx_lerr(L, file, line, "{@%s}: no gazetteer %s/gazetteers/%s.tsv", name, L->rs->dir, name);
		rc = -1;
	} else if (col && pnx_gaz_col(g, col) < 0) {
		pnx_lerr(L, file, line, "{@%s.%s}: %s has no column '%s'", name, col, g->path, col);
		rc = -1;
	} else {
		size_t nv = 0;
		char **vals = NULL;
		if (!col) {
			vals = pn_xcalloc(g->nkeys + 1, sizeof *vals);
			for (size_t i = 0; i < g->nkeys; i++)
				vals[nv++] = pn_xstrdup(g->keys[i].key);
		} else {
			for (size_t r = 0; r < g->nrows; r++) {
				char *copy = pn_xstrdup(pnx_gaz_get(g, r, col));
				for (char *sv = NULL, *v = strtok_r(copy, "|", &sv); v; v = strtok_r(NULL, "|", &sv)) {
					vals = pnx_grow(vals, nv, sizeof *vals);
					vals[nv++] = pn_xstrdup(v);
				}
				free(copy);
			}
		}
		qsort(vals, nv, sizeof *vals, cmp_str);
		/* An empty gazetteer must still compile and never match. */
		if (!nv)
			pn_buf_adds(out, "(*FAIL)");
		else
			add_trie(out, vals, nv, 0);
		for (size_t i = 0; i < nv; i++)
			free(vals[i]);
		free(vals);
	}
	free(name);
	return rc;
}

int pnx_expand(pnx_loader *L, const char *src, pn_buf *out, const char *file, unsigned line);

int pnx_expand_define(pnx_loader *L, pnx_define *d, const char *file, unsigned line)
{
	if (d->state == 2)
		return 0;
	if (d->state == 1) {
		pnx_lerr(L, file, line, "{%s}: macro refers to itself (cycle)", d->name);
		return -1;
	}
	if (!d->nalts) {
		pnx_lerr(L, d->file, d->line, "define %s has no pattern line", d->name);
		return -1;
	}
	d->state = 1;
	pn_buf_addc(&d->alts, ')');
	pn_buf tmp = PN_BUF_INIT;
	int rc = pnx_expand(L, pn_buf_cstr(&d->alts), &tmp, d->file, d->line);
	d->expanded = pn_buf_steal(&tmp);
	d->state = 2;
	return rc;
}

int pnx_expand(pnx_loader *L, const char *src, pn_buf *out, const char *file, unsigned line)
{
	int rc = 0;
	for (const char *p = src; *p; p++) {
		if (*p == '\\' && p[1]) {
			/* \p{Lu}, \x{2019}, \g{1}: braces after an escape are PCRE2's */
			size_t n = 2;
			if (p[2] == '{' && strchr("pPxoNgk", p[1]) && strchr(p + 2, '}'))
				n = (size_t)(strchr(p + 2, '}') - p) + 1;
			pn_buf_add(out, p, n);
			p += n - 1;
			continue;
		}
		if (*p == '{' && (p[1] == '@' || isalpha((unsigned char)p[1]) || p[1] == '_')) {
			const char *close = strchr(p, '}');
			bool gaz = p[1] == '@';
			const char *name = p + 1 + gaz;
			size_t n = close ? (size_t)(close - name) : 0;
			if (!close || !n) {
				pnx_lerr(L, file, line, "unterminated {reference}");
				return -1;
			}
			if (gaz) {
				rc |= expand_gaz(L, name, n, out, file, line);
			} else {
				pnx_define *d = pnx_find_define(L, name, n);
				if (!d) {
					pnx_lerr(L, file, line, "{%.*s}: no such define", (int)n, name);
					rc = -1;
				} else if (pnx_expand_define(L, d, file, line) == 0) {
					pn_buf_adds(out, d->expanded);
				} else {
					rc = -1;
				}
			}
			p = close;
			continue;
		}
		pn_buf_addc(out, *p);
	}
	pn_buf_cstr(out);
	return rc;
}
