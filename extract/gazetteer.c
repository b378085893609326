/* gazetteer.c - TSV gazetteers with a case- and space-insensitive index. */
#include "gazetteer.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Keys compare ignoring ASCII case and treating any run of white space as
 * one space, because matched text may wrap across a line break. */
/* Adds byte c to the FNV-1a hash *h; white space is only remembered in
 * *space and hashed as one ' ' before the next other byte. Returns false
 * for white space (nothing hashed yet). */
/* isspace() in the C locale, without the locale's table */
static inline bool c_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool key_hash_byte(size_t *h, unsigned char c, bool *space)
{
	if (c_space(c)) {
		*space = true;
		return false;
	}
	if (*space) {
		*h = pnx_word_hash_step(*h, ' ');
		*space = false;
	}
	*h = pnx_word_hash_step(*h, c);
	return true;
}

#define L8(c) (c), (c) + 1, (c) + 2, (c) + 3, (c) + 4, (c) + 5, (c) + 6, (c) + 7
#define L32(c) L8(c), L8((c) + 8), L8((c) + 16), L8((c) + 24)
const unsigned char pnx_lower[256] = {
	L32(0), L32(32), '@', L8('a'), L8('i'), L8('q'), 'y', 'z', '[', '\\', ']', '^', '_', L32(96), L32(128), L32(160),
	L32(192), L32(224),
};

size_t pnx_word_hash(const char *w, size_t n)
{
	size_t h = PNX_WORD_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = pnx_word_hash_step(h, (unsigned char)w[i]);
	return h;
}

static size_t key_hash(const char *s, size_t n)
{
	size_t h = PNX_WORD_HASH_INIT;
	bool space = false;
	for (size_t i = 0; i < n; i++)
		key_hash_byte(&h, (unsigned char)s[i], &space);
	return h;
}

static bool key_eq(const char *a, const char *b, size_t bn)
{
	size_t j = 0;
	for (size_t i = 0; a[i];) {
		unsigned char ca = (unsigned char)a[i];
		if (j >= bn)
			return false;
		unsigned char cb = (unsigned char)b[j];
		if (c_space(ca)) {
			if (!c_space(cb))
				return false;
			while (c_space((unsigned char)a[i]))
				i++;
			while (j < bn && c_space((unsigned char)b[j]))
				j++;
			continue;
		}
		if (pnx_lower[ca] != pnx_lower[cb]) /* tolower() in the C locale */
			return false;
		i++;
		j++;
	}
	return j == bn;
}

static bool word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

static void add_key(pn_buf *keys, const char *k, size_t row)
{
	if (!*k)
		return;
	pnx_gaz_key gk = {pn_xstrdup(k), row};
	pn_buf_add(keys, &gk, sizeof gk);
}

static int by_length_desc(const void *a, const void *b)
{
	size_t la = strlen(((const pnx_gaz_key *)a)->key);
	size_t lb = strlen(((const pnx_gaz_key *)b)->key);
	return la < lb ? 1 : la > lb ? -1 : 0;
}

/* longest_at() tries a key end wherever a word or a punctuation byte
 * ends; the hash of every such prefix of s goes into g->prefix, so that
 * longest_at() stops as soon as the text read so far begins no key. */
static void add_prefixes(pnx_gazetteer *g, const char *s)
{
	size_t h = PNX_WORD_HASH_INIT;
	bool space = false;
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!key_hash_byte(&h, c, &space))
			continue;
		if (s[i + 1] && word_byte(c) && word_byte((unsigned char)s[i + 1]))
			continue;
		size_t v = h | 1, j = v & (g->nprefix - 1);
		while (g->prefix[j] && g->prefix[j] != v)
			j = (j + 1) & (g->nprefix - 1);
		g->prefix[j] = v;
		g->pfilter[v >> 55] |= (uint64_t)1 << (v >> 49 & 63);
	}
}

static bool is_prefix(const pnx_gazetteer *g, size_t h)
{
	size_t v = h | 1;
	if (!(g->pfilter[v >> 55] >> (v >> 49 & 63) & 1))
		return false;
	for (size_t j = v & (g->nprefix - 1); g->prefix[j]; j = (j + 1) & (g->nprefix - 1))
		if (g->prefix[j] == v)
			return true;
	return false;
}

static void build_index(pnx_gazetteer *g)
{
	int name = pnx_gaz_col(g, "name");
	int aliases = pnx_gaz_col(g, "aliases");
	pn_buf keys = PN_BUF_INIT;
	for (size_t r = 0; r < g->nrows; r++) {
		add_key(&keys, g->cells[r * g->ncols + (name < 0 ? 0 : (size_t)name)], r);
		if (aliases < 0)
			continue;
		char *copy = pn_xstrdup(g->cells[r * g->ncols + (size_t)aliases]);
		for (char *save = NULL, *a = strtok_r(copy, "|", &save); a; a = strtok_r(NULL, "|", &save))
			add_key(&keys, a, r);
		free(copy);
	}
	g->nkeys = keys.len / sizeof(pnx_gaz_key);
	g->keys = (pnx_gaz_key *)pn_buf_steal(&keys);
	qsort(g->keys, g->nkeys, sizeof *g->keys, by_length_desc);
	g->nslots = 16;
	while (g->nslots < g->nkeys * 2)
		g->nslots *= 2;
	g->slots = pn_xcalloc(g->nslots, sizeof *g->slots);
	/* Longest-first order means a shorter duplicate never shadows; for equal
	 * keys the earlier row wins (first come, first kept). */
	g->nfirst = g->nslots;
	g->first = pn_xcalloc(g->nfirst, sizeof *g->first);
	size_t npre = 0;
	for (size_t k = 0; k < g->nkeys; k++)
		for (const char *c = g->keys[k].key; *c; c++)
			npre += !word_byte((unsigned char)*c) || !word_byte((unsigned char)c[1]);
	g->nprefix = 16;
	while (g->nprefix < 2 * npre)
		g->nprefix *= 2;
	g->prefix = pn_xcalloc(g->nprefix, sizeof *g->prefix);
	for (size_t k = 0; k < g->nkeys; k++) {
		const char *s = g->keys[k].key;
		size_t w = 0;
		while (s[w] && word_byte((unsigned char)s[w]))
			w++;
		size_t fh = key_hash(s, w) | 1, fi = fh & (g->nfirst - 1);
		while (g->first[fi].hash && g->first[fi].hash != fh)
			fi = (fi + 1) & (g->nfirst - 1);
		g->first[fi].hash = fh;
		if (strlen(s) > g->first[fi].max)
			g->first[fi].max = strlen(s);
		add_prefixes(g, s);
		size_t i = key_hash(s, strlen(s)) & (g->nslots - 1);
		bool dup = false;
		while (g->slots[i]) {
			if (key_eq(g->keys[g->slots[i] - 1].key, s, strlen(s))) {
				dup = true;
				break;
			}
			i = (i + 1) & (g->nslots - 1);
		}
		if (!dup)
			g->slots[i] = k + 1;
	}
}

static size_t split_tabs(char *line, char **cells, size_t max)
{
	size_t n = 0;
	for (char *p = line;; ) {
		char *tab = strchr(p, '\t');
		if (n < max)
			cells[n] = p;
		n++;
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	return n;
}

int pnx_gaz_load(pnx_gazetteer *g, const char *path)
{
	memset(g, 0, sizeof *g);
	FILE *f = fopen(path, "r");
	if (!f) {
		pn_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	g->path = pn_xstrdup(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t blen = strlen(base);
	g->name = pn_xstrndup(base, blen > 4 ? blen - 4 : blen);

	pn_buf cells = PN_BUF_INIT, lines = PN_BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (!g->cols) {
			char *tmp[64];
			size_t n = split_tabs(line, tmp, 64);
			if (n > 64) {
				pn_warn("%s:%u: more than 64 columns", path, lineno);
				rc = -1;
				break;
			}
			g->ncols = n;
			g->cols = pn_xcalloc(n, sizeof *g->cols);
			for (size_t i = 0; i < n; i++)
				g->cols[i] = pn_xstrdup(tmp[i]);
			continue;
		}
		char *tmp[64] = {0};
		size_t n = split_tabs(line, tmp, 64);
		if (n > g->ncols) {
			pn_warn("%s:%u: %zu cells but the header names %zu columns", path, lineno, n, g->ncols);
			rc = -1;
			continue;
		}
		for (size_t i = 0; i < g->ncols; i++) {
			char *c = pn_xstrdup(i < n ? tmp[i] : "");
			pn_buf_add(&cells, &c, sizeof c);
		}
		pn_buf_add(&lines, &lineno, sizeof lineno);
		g->nrows++;
	}
	free(line);
	fclose(f);
	if (!g->cols && rc == 0) {
		pn_warn("%s: no header line", path);
		rc = -1;
	}
	g->cells = (char **)pn_buf_steal(&cells);
	g->lines = (unsigned *)pn_buf_steal(&lines);
	if (rc == 0)
		build_index(g);
	return rc;
}

void pnx_gaz_free(pnx_gazetteer *g)
{
	for (size_t i = 0; i < g->ncols; i++)
		free(g->cols[i]);
	for (size_t i = 0; i < g->nrows * g->ncols; i++)
		free(g->cells[i]);
	for (size_t i = 0; i < g->nkeys; i++)
		free(g->keys[i].key);
	free(g->cols);
	free(g->cells);
	free(g->lines);
	free(g->keys);
	free(g->slots);
	free(g->first);
	free(g->prefix);
	free(g->name);
	free(g->path);
	memset(g, 0, sizeof *g);
}

int pnx_gaz_col(const pnx_gazetteer *g, const char *col)
{
	for (size_t i = 0; i < g->ncols; i++)
		if (strcmp(g->cols[i], col) == 0)
			return (int)i;
	return -1;
}

const char *pnx_gaz_get(const pnx_gazetteer *g, size_t row, const char *col)
{
	int c = pnx_gaz_col(g, col);
	return c < 0 || row >= g->nrows ? "" : g->cells[row * g->ncols + (size_t)c];
}

long pnx_gaz_find(const pnx_gazetteer *g, const char *s, size_t n)
{
	if (!g->nslots)
		return -1;
	size_t i = key_hash(s, n) & (g->nslots - 1);
	while (g->slots[i]) {
		const pnx_gaz_key *k = &g->keys[g->slots[i] - 1];
		if (key_eq(k->key, s, n))
			return (long)k->row;
		i = (i + 1) & (g->nslots - 1);
	}
	return -1;
}

static bool has_upper(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)(s[i] - 'A') < 26) /* isupper() in the C locale */
			return true;
	return false;
}

/* Longest key starting with the word of this hash, 0 if none does. */
static size_t first_word_max(const pnx_gazetteer *g, size_t hash)
{
	size_t h = hash | 1, i = h & (g->nfirst - 1);
	while (g->first[i].hash) {
		if (g->first[i].hash == h)
			return g->first[i].max;
		i = (i + 1) & (g->nfirst - 1);
	}
	return 0;
}

/* Byte classes for splitting words: 1 word byte, 2 ASCII letter. */
static const unsigned char *byte_classes(void)
{
	static unsigned char cls[256];
	if (!cls['a']) {
		for (int c = 0; c < 256; c++)
			cls[c] = (unsigned char)((word_byte((unsigned char)c) ? 1 : 0) |
			                         (c < 0x80 && isalpha(c) ? 2 : 0));
	}
	return cls;
}

/* Longest key starting at s (a word start), or -1; *n gets its length. */
static long longest_at(const pnx_gazetteer *g, const char *t, size_t len, size_t s, size_t max, size_t *n)
{
	/* white space in the text may be wider than the key's single spaces */
	const unsigned char *cls = byte_classes(), *u = (const unsigned char *)t;
	size_t h = PNX_WORD_HASH_INIT, lim = s + max + 8 < len ? s + max + 8 : len;
	bool space = false;
	long best = -1;
	for (size_t i = s; i < lim; i++) {
		unsigned char c = u[i];
		if (cls[c] & 1) {
			/* a run of word bytes, hashed in one go (key_hash_byte's
			 * work without its tests): a key may end only after it,
			 * unless the word goes on past lim */
			if (space) {
				h = pnx_word_hash_step(h, ' ');
				space = false;
			}
			for (; i < lim && (cls[u[i]] & 1); i++)
				h = pnx_word_hash_step(h, u[i]);
			if (i < len && (cls[u[i]] & 1))
				break; /* i == lim: the loop ends here anyway */
			i--;
		} else if (!key_hash_byte(&h, c, &space)) {
			continue;
		}
		if (!is_prefix(g, h))
			break; /* no key starts with what was read */
		for (size_t k = h & (g->nslots - 1); g->slots[k]; k = (k + 1) & (g->nslots - 1)) {
			const pnx_gaz_key *key = &g->keys[g->slots[k] - 1];
			if (key_eq(key->key, t + s, i + 1 - s) &&
			    (has_upper(t + s, i + 1 - s) || !has_upper(key->key, strlen(key->key)))) {
				best = (long)key->row;
				*n = i + 1 - s;
				break;
			}
		}
	}
	return best;
}

/* Next word at or after *k in the list of bit b (a cursor into it, from
 * word index i on: a binary search on the first call), or nwords. */
static size_t list_next(const pnx_gaz_lists *l, unsigned b, size_t i, size_t *k, size_t nwords)
{
	const uint32_t *a = l->idx + l->off[b];
	size_t n = l->off[b + 1] - l->off[b];
	if (*k == SIZE_MAX) {
		size_t lo = 0, hi = n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (a[mid] < i)
				lo = mid + 1;
			else
				hi = mid;
		}
		*k = lo;
	}
	return *k < n ? a[(*k)++] : nwords;
}

bool pnx_gaz_next(const pnx_gazetteer *g, const char *text, size_t len, const pnx_word *words,
                  size_t nwords, const pnx_gaz_lists *l, size_t *wi, size_t *start, size_t *end, long *row)
{
	if (!g->nkeys)
		return false;
	/* a local index: through *wi the compiler would store it on every
	 * word skipped, and most words are skipped on their gazetteer bits */
	size_t i = *wi, k = SIZE_MAX;
	bool listed = l && g->bit;
	unsigned b = listed ? (unsigned)__builtin_ctz(g->bit) : 0;
	for (; i < nwords; i++) {
		if (listed && (i = list_next(l, b, i, &k, nwords)) >= nwords)
			break; /* only the words with g's bit */
		const pnx_word *w = &words[i];
		if (w->start >= len)
			break; /* no key fits in text[0..len) any more */
		if (g->bit && !(w->gaz & g->bit))
			continue;
		size_t max = first_word_max(g, w->hash), n;
		if (!max)
			continue;
		long r = longest_at(g, text, len, w->start, max, &n);
		if (r < 0)
			continue;
		*start = w->start;
		*end = w->start + n;
		*row = r;
		while (i < nwords && words[i].start < *end)
			i++;
		*wi = i;
		return true;
	}
	*wi = i;
	return false;
}

static void firsts_add(pnx_gaz_firsts *f, size_t h, uint32_t bit)
{
	size_t k = h & (f->n - 1);
	uint32_t fp = (uint32_t)(h >> 32) | 1;
	while (f->slots[k].fp && f->slots[k].fp != fp)
		k = (k + 1) & (f->n - 1);
	f->slots[k].fp = fp;
	f->slots[k].bits |= bit;
	f->filter[h >> 54] |= (uint64_t)1 << (h >> 48 & 63);
}

void pnx_gaz_firsts_build(pnx_gaz_firsts *f, pnx_gazetteer *g, size_t ng, const pnx_gaz_extra *extra, size_t nextra,
                          uint32_t nonalpha)
{
	size_t total = nextra;
	for (size_t i = 0; i < ng && i < PNX_GAZ_MAX; i++)
		total += g[i].nkeys;
	f->n = 16;
	while (f->n < 2 * total)
		f->n *= 2;
	f->slots = pn_xcalloc(f->n, sizeof *f->slots);
	f->nonalpha = nonalpha;
	for (size_t i = 0; i < ng && i < PNX_GAZ_MAX; i++) {
		g[i].bit = 1u << i;
		for (size_t j = 0; j < g[i].nfirst; j++)
			if (g[i].first[j].hash) /* already | 1 */
				firsts_add(f, g[i].first[j].hash, g[i].bit);
	}
	for (size_t i = 0; i < nextra; i++)
		firsts_add(f, extra[i].hash | 1, 1u << extra[i].bit);
}

void pnx_gaz_firsts_free(pnx_gaz_firsts *f)
{
	free(f->slots);
	memset(f, 0, sizeof *f);
}

/* The gaz bits of a word of hash h (PNX_GAZ_* and the gazetteers');
 * runs: the word is not all ASCII letters but holds some (an anchor
 * tries each run of letters of such a word: most are numbers, none). */
static inline uint32_t first_bits(const pnx_gaz_firsts *f, size_t hash, bool runs)
{
	size_t h = hash | 1;
	uint32_t bits = runs ? f->nonalpha : 0;
	/* most words of a text start no key: the filter spares their probe */
	if (f->filter[h >> 54] >> (h >> 48 & 63) & 1)
		for (size_t k = h & (f->n - 1), fp = (uint32_t)(h >> 32) | 1; f->slots[k].fp; k = (k + 1) & (f->n - 1))
			if (f->slots[k].fp == fp)
				return bits | f->slots[k].bits;
	return bits;
}

/* l's lists from the words with some bit (marked[0..nmarked)) and the
 * count of words per bit. */
static void make_lists(const pnx_word *words, const size_t count[33], size_t nmarked, pnx_gaz_lists *l)
{
	l->off[0] = 0;
	for (size_t b = 0; b < 32; b++)
		l->off[b + 1] = l->off[b] + count[b];
	if (l->off[32] > l->cap) {
		l->cap = l->off[32];
		l->idx = pn_xrealloc(l->idx, l->cap * sizeof *l->idx);
	}
	size_t at[32];
	memcpy(at, l->off, sizeof at);
	for (size_t m = 0; m < nmarked; m++) {
		uint32_t i = l->marked[m];
		for (uint32_t bits = words[i].gaz; bits; bits &= bits - 1)
			l->idx[at[__builtin_ctz(bits)]++] = i;
	}
}

/* Room for word n in the words and in the lists (locals: stores through
 * the caller's pointers could alias the counts, reloaded every word). */
static void words_room(size_t n, pnx_word **words, size_t *cap, pnx_gaz_lists *l)
{
	if (n == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		*words = pn_xrealloc(*words, *cap * sizeof **words);
	}
	if (n >= l->cmarked) {
		l->cmarked = *cap;
		l->marked = pn_xrealloc(l->marked, l->cmarked * sizeof *l->marked);
		l->ends = pn_xrealloc(l->ends, l->cmarked * sizeof *l->ends);
	}
}

size_t pnx_gaz_words_mark(const char *text, size_t len, pnx_word **words, size_t *cap, const pnx_gaz_firsts *f,
                          pnx_gaz_lists *l)
{
	const unsigned char *cls = byte_classes(), *t = (const unsigned char *)text;
	size_t n = 0, count[33] = {0}, nmarked = 0, nends = 0, room = 0;
	pnx_word *W = *words;
	uint32_t *marked = l->marked, *ends_of = l->ends;
	for (size_t i = 0; i < len;) {
		if (!(cls[t[i]] & 1)) {
			i++;
			continue;
		}
		size_t s = i, h = PNX_WORD_HASH_INIT;
		unsigned all = 2;
		for (; i < len && (cls[t[i]] & 1); i++) {
			h = pnx_word_hash_step(h, t[i]);
			all &= cls[t[i]];
		}
		bool alpha = all != 0, runs = false;
		for (size_t j = s; !alpha && !runs && j < i; j++)
			runs = cls[t[j]] & 2;
		if (n >= room) {
			words_room(n, words, cap, l);
			W = *words;
			marked = l->marked;
			ends_of = l->ends;
			room = *cap < l->cmarked ? *cap : l->cmarked;
		}
		uint32_t bits = first_bits(f, h, runs);
		uint8_t ends = runs ? 0xFF : !alpha || i - s < 2 ? 0
		             : f->endpair[((t[i - 2] | 0x20) - 'a') * 26 + ((t[i - 1] | 0x20) - 'a')];
		W[n] = (pnx_word){s, i, h, bits, alpha, ends};
		ends_of[nends] = (uint32_t)n;
		nends += ends != 0;
		if (bits) {
			marked[nmarked++] = (uint32_t)n;
			for (; bits; bits &= bits - 1)
				count[__builtin_ctz(bits)]++;
		}
		n++;
	}
	make_lists(W, count, nmarked, l);
	l->nends = nends;
	return n;
}

size_t pnx_gaz_word_at(const pnx_word *words, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (words[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
