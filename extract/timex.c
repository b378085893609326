/* timex.c - the temporal tagger: runs the `kind timex` rules over a text,
 * normalises each match (timex_norm.c) and keeps the best non-overlapping
 * set: higher priority first, then the longer span, then the earlier one.
 *
 * A rule produces one timex, or two for an interval: the captures t1 and t2
 * then give the two spans, and slots with the suffix 2 ((?<month2>...))
 * belong to the second one. An end without a year takes the other end's
 * ("January and February 2025"), an end with a day but no month likewise
 * ("March 3 to 5"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "gazetteer.h"
#include "rules.h"
#include "timex_int.h"

/* How far before a trigger word (rule `words`) a match of the rule may
 * start, in bytes: the longest optional context a pattern allows before
 * its trigger ("the beginning of the fiscal first-" before "quarter") is
 * well under it. */
#define PNX_TRIG_REACH 80

/* A rule word: the rule runs near each occurrence of it. */
typedef struct pnx_ttrig {
	size_t hash;        /* pnx_gaz_words' hash of the lower-case word */
	const char *word;   /* borrowed from the rule; NULL = empty slot */
	size_t len;
	size_t rule;        /* index into the tagger's rules */
} pnx_ttrig;

struct pnx_timex_tagger {
	const pnx_rule **rules; /* kind timex, highest priority first */
	size_t nrules;
	const char **types;     /* static type string of each rule */
	pnx_tstr (*sets)[PNX_TS_N]; /* `set` defaults of each rule's slots */
	int (**groups)[2][PNX_TS_N + 2]; /* per rule, per pattern: capture number
	                                  * of each slot (end 0 and 1: "year",
	                                  * "year2"), then t1, t2 (0 = none) */
	pnx_ttrig *trig;        /* open addressing on hash, ntrig a power of 2 */
	size_t ntrig;
	size_t maxword;         /* longest rule word */
	uint8_t filter[8192];   /* bit number (hash >> 20) & 0xFFFF set for every rule
	                         * word: most text words stop at this 8 kB bitmap */
	bool any_words;         /* some rule has `words` */
	pcre2_match_context *mctx; /* the rules' context + an offset limit */
	const pnx_rules *rs;
	pnx_tlex lex;           /* tense words */
};

/* One accepted or candidate match. */
typedef struct pnx_cand {
	pnx_timex x[2];
	int n;          /* 1, or 2 for an interval */
	int priority;
	size_t start, end; /* union of the spans, for ordering */
} pnx_cand;

static const char *const pnx_types[] = {"DATE", "TIME", "DURATION", "SET"};

static const char *pnx_static_type(const char *t)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(t, pnx_types[i]))
			return pnx_types[i];
	return NULL;
}

static int pnx_slot_index(const char *name)
{
	for (int i = 0; i < PNX_TS_N; i++)
		if (!strcmp(name, pnx_tslot_names[i]))
			return i;
	return -1;
}

/* Captures a timex rule may use: the slots, the slots + "2" (the second
 * end of an interval), t1 and t2. */
static void pnx_check_captures(const pnx_rules *rs)
{
	char names[PNX_TS_N][24];
	const char *allowed[2 * PNX_TS_N + 3];
	for (int i = 0; i < PNX_TS_N; i++) {
		snprintf(names[i], sizeof names[i], "%s2", pnx_tslot_names[i]);
		allowed[2 * i] = pnx_tslot_names[i];
		allowed[2 * i + 1] = names[i];
	}
	allowed[2 * PNX_TS_N] = "t1";
	allowed[2 * PNX_TS_N + 1] = "t2";
	allowed[2 * PNX_TS_N + 2] = NULL;
	pnx_rules_check_captures(rs, "timex", allowed);
}

/* Capture numbers of every slot, once, instead of a name lookup per
 * slot and match. */
static void pnx_index_groups(pnx_timex_tagger *t)
{
	t->groups = pn_xcalloc(t->nrules + 1, sizeof *t->groups);
	char name[32];
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		t->groups[i] = pn_xcalloc(r->npats + 1, sizeof *t->groups[i]);
		for (size_t k = 0; k < r->npats; k++) {
			const pcre2_code *code = r->pats[k].code;
			for (int e = 0; e < 2; e++)
				for (int j = 0; j < PNX_TS_N; j++) {
					snprintf(name, sizeof name, "%s%s", pnx_tslot_names[j], e ? "2" : "");
					int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
					t->groups[i][k][e][j] = n > 0 ? n : 0;
				}
			for (int e = 0; e < 2; e++) {
				int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)(e ? "t2" : "t1"));
				t->groups[i][k][0][PNX_TS_N + e] = n > 0 ? n : 0;
			}
		}
	}
}

static void pnx_index_words(pnx_timex_tagger *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nrules; i++)
		n += t->rules[i]->nwords;
	t->any_words = n > 0;
	t->ntrig = 16;
	while (t->ntrig < 2 * n)
		t->ntrig *= 2;
	t->trig = pn_xcalloc(t->ntrig, sizeof *t->trig);
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		for (size_t k = 0; k < r->nwords; k++) {
			size_t len = strlen(r->words[k]), h = pnx_word_hash(r->words[k], len), j = h & (t->ntrig - 1);
			if (len > t->maxword)
				t->maxword = len;
			t->filter[(h >> 23) & 0x1FFF] |= (uint8_t)(1u << ((h >> 20) & 7));
			while (t->trig[j].word)
				j = (j + 1) & (t->ntrig - 1);
			t->trig[j] = (pnx_ttrig){h, r->words[k], len, i};
		}
	}
}

pnx_timex_tagger *pnx_timex_new(const struct pnx_rules *rs)
{
	pnx_check_captures(rs);
	pnx_timex_tagger *t = pn_xcalloc(1, sizeof *t);
	t->rs = rs;
	t->nrules = pnx_rules_of_kind(rs, "timex", &t->rules);
	t->types = pn_xcalloc(t->nrules + 1, sizeof *t->types);
	t->sets = pn_xcalloc(t->nrules + 1, sizeof *t->sets);
	unsigned bad = 0;
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		t->types[i] = pnx_static_type(r->type);
		if (!t->types[i]) {
			pn_warn("%s:%u: rule %s: timex type must be DATE, TIME, DURATION or SET, not \"%s\"", r->file,
			        r->line, r->id, r->type);
			bad++;
		}
		for (size_t k = 0; k < r->nsets; k++) {
			int s = pnx_slot_index(r->sets[k].key);
			if (s < 0) {
				pn_warn("%s:%u: rule %s: unknown timex attribute \"%s\" (see docs/timex.md)", r->file,
				        r->sets[k].line, r->id, r->sets[k].key);
				bad++;
				continue;
			}
			t->sets[i][s] = (pnx_tstr){r->sets[k].value, strlen(r->sets[k].value)};
		}
	}
	bad += pnx_tlex_init(&t->lex, pnx_rules_gaz(rs, "timex_tense"));
	if (bad)
		pn_die(PN_EXIT_CONFIG, "%s: %u bad timex rule%s", rs->dir, bad, bad == 1 ? "" : "s");
	pnx_index_groups(t);
	pnx_index_words(t);
	t->mctx = pcre2_match_context_copy(rs->mctx);
	if (!t->mctx)
		pn_die(PN_EXIT_INTERNAL, "out of memory (PCRE2 context)");
	return t;
}

void pnx_timex_free(pnx_timex_tagger *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrules; i++)
		free(t->groups[i]);
	free(t->groups);
	free(t->trig);
	pcre2_match_context_free(t->mctx);
	free(t->rules);
	free(t->types);
	free(t->sets);
	pnx_tlex_free(&t->lex);
	free(t);
}

/* Slots of end e (0 or 1) of a match: captures, then the rule's sets. */
static void pnx_slots(const pnx_timex_tagger *t, size_t ri, size_t pi, pcre2_match_data *md,
                      const char *text, int e, pnx_tstr *sl)
{
	const int *g = t->groups[ri][pi][e];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	for (int i = 0; i < PNX_TS_N; i++) {
		if (g[i] && ov[2 * g[i]] != PCRE2_UNSET)
			sl[i] = (pnx_tstr){text + ov[2 * g[i]], ov[2 * g[i] + 1] - ov[2 * g[i]]};
		else
			sl[i] = t->sets[ri][i];
	}
}

/* Span of capture number g (0: none), as pnx_capture. */
static bool pnx_group(pcre2_match_data *md, int g, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (!g || ov[2 * g] == PCRE2_UNSET)
		return false;
	*start = ov[2 * g];
	*end = ov[2 * g + 1];
	return true;
}

static void pnx_cand_add(pnx_cand **v, size_t *n, size_t *cap, const pnx_cand *c)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		*v = pn_xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = *c;
}

/* Builds the candidate of one match; false if the slots do not normalise. */
static bool pnx_match(const pnx_timex_tagger *t, size_t ri, size_t pi, pcre2_match_data *md,
                      const char *text, size_t len, const pnx_tctx *dct, pnx_cand *c)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	const int *g = t->groups[ri][pi][0];
	size_t s1, e1, s2 = 0, e2 = 0;
	memset(c, 0, sizeof *c);
	c->n = pnx_group(md, g[PNX_TS_N + 1], &s2, &e2) ? 2 : 1;
	if (!pnx_group(md, g[PNX_TS_N], &s1, &e1)) {
		s1 = ov[0];
		e1 = ov[1];
	}
	if (e1 <= s1)
		return false;
	pnx_tstr sl[2][PNX_TS_N];
	for (int e = 0; e < c->n; e++)
		pnx_slots(t, ri, pi, md, text, e, sl[e]);
	if (c->n == 2) {
		for (int e = 0; e < 2; e++) {
			pnx_tstr *me = sl[e], *other = sl[!e];
			if (!me[PNX_TS_YEAR].s && !me[PNX_TS_DECADE].s)
				me[PNX_TS_YEAR] = other[PNX_TS_YEAR];
			if (me[PNX_TS_DAY].s && !me[PNX_TS_MONTH].s)
				me[PNX_TS_MONTH] = other[PNX_TS_MONTH];
			if (!me[PNX_TS_UNIT].s)
				me[PNX_TS_UNIT] = other[PNX_TS_UNIT];
		}
	}
	for (int e = 0; e < c->n; e++) {
		pnx_tctx ctx = *dct;
		pnx_timex *x = &c->x[e];
		ctx.text = text;
		ctx.len = len;
		x->start = ctx.start = e ? s2 : s1;
		x->end = ctx.end = e ? e2 : e1;
		x->pair = -1;
		x->rule = t->rules[ri]->id;
		if (x->end <= x->start || !pnx_tnorm(t->types[ri], sl[e], &ctx, x))
			return false;
	}
	c->priority = t->rules[ri]->priority;
	c->start = c->x[0].start;
	c->end = c->x[c->n - 1].end;
	return true;
}

static int pnx_by_rank(const void *a, const void *b)
{
	const pnx_cand *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	size_t lx = x->end - x->start, ly = y->end - y->start;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int pnx_by_start(const void *a, const void *b)
{
	const pnx_timex *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Byte-coverage bitmap of the accepted timexes: overlap tests stay
 * linear in the span, whatever the number of timexes. */
static bool pnx_taken(const unsigned char *bits, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (bits[i >> 3] & (1u << (i & 7)))
			return true;
	return false;
}

static void pnx_take(unsigned char *bits, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		bits[i >> 3] |= (unsigned char)(1u << (i & 7));
}

/* One match of code from start on the whole text (lookarounds see past
 * the window), its start attempts limited to limit; false on no match. */
static bool pnx_tmatch(const pnx_timex_tagger *t, const pnx_pattern *p, const char *text, size_t len, size_t start,
                       size_t limit, pcre2_match_data *md)
{
	if (limit >= len)
		return pnx_pattern_match(p, text, len, start, md);
	pcre2_set_offset_limit(t->mctx, limit);
	return pnx_pattern_match_ctx(p, text, len, start, md, t->mctx);
}

static bool pnx_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Adds the window of every rule word equal to the ASCII word text[ws..we)
 * of hash h: match starts from PNX_TRIG_REACH bytes before it to its
 * start. */
static void pnx_window_add(const pnx_timex_tagger *t, const char *text, size_t ws, size_t we, size_t h,
                           pn_buf *wins)
{
	size_t n = we - ws;
	if (n > t->maxword || !(t->filter[(h >> 23) & 0x1FFF] & (1u << ((h >> 20) & 7))))
		return;
	for (size_t j = h & (t->ntrig - 1); t->trig[j].word; j = (j + 1) & (t->ntrig - 1)) {
		const pnx_ttrig *tr = &t->trig[j];
		if (tr->hash != h || tr->len != n || strncasecmp(tr->word, text + ws, n) != 0)
			continue;
		size_t from = ws > PNX_TRIG_REACH ? ws - PNX_TRIG_REACH : 0;
		while (from < ws && ((unsigned char)text[from] & 0xC0) == 0x80)
			from++; /* a character boundary */
		pn_buf *b = &wins[tr->rule];
		size_t *last = b->len ? (size_t *)(b->data + b->len) - 2 : NULL;
		if (last && from <= last[1] + 1) {
			last[1] = ws;
			continue;
		}
		size_t pair[2] = {from, ws};
		pn_buf_add(b, pair, sizeof pair);
	}
}

/* Windows of match starts [w[2i], w[2i+1]] of every rule with `words`,
 * around each occurrence of one of its words. A word here is a run of
 * ASCII letters and digits, so a rule word is found wherever a pattern
 * can match it whole ("May" in "inMay" is not, in "\u2022May" it is).
 * words (pnx_gaz_words: runs of ASCII letters, digits and non-ASCII
 * bytes) are split at non-ASCII bytes; without them the text is split. */
/* Adds the windows of every ASCII letter/digit run of text[from..to). */
static void pnx_windows_split(const pnx_timex_tagger *t, const char *text, size_t from, size_t to,
                              pn_buf *wins)
{
	for (size_t i = from; i < to;) {
		if (!pnx_alnum((unsigned char)text[i])) {
			i++;
			continue;
		}
		size_t s = i, h = PNX_WORD_HASH_INIT;
		for (; i < to && pnx_alnum((unsigned char)text[i]); i++)
			h = pnx_word_hash_step(h, (unsigned char)text[i]);
		pnx_window_add(t, text, s, i, h, wins);
	}
}

static void pnx_windows(const pnx_timex_tagger *t, const char *text, size_t len, const pnx_word *words,
                        size_t nwords, pn_buf *wins)
{
	if (!words) {
		pnx_windows_split(t, text, 0, len, wins);
		return;
	}
	for (size_t w = 0; w < nwords; w++) {
		size_t ws = words[w].start, we = words[w].end, i = ws;
		while (i < we && !((unsigned char)text[i] & 0x80))
			i++;
		if (i == we) /* all ASCII: pnx_gaz_words' hash is ours */
			pnx_window_add(t, text, ws, we, words[w].hash, wins);
		else
			pnx_windows_split(t, text, ws, we, wins);
	}
}

static void pnx_scan(const pnx_timex_tagger *t, size_t ri, size_t pi, const char *text, size_t len,
                     const size_t *wins, size_t nwins, const pnx_tctx *ctx, pcre2_match_data *md,
                     pnx_cand **cands, size_t *nc, size_t *cap)
{
	const pnx_pattern *p = &t->rules[ri]->pats[pi];
	size_t pos = 0;
	for (size_t w = 0; w < nwins; w++) {
		size_t from = wins ? wins[2 * w] : 0, limit = wins ? wins[2 * w + 1] : len;
		if (from < pos)
			from = pos;
		while (from <= limit && from <= len && pnx_tmatch(t, p, text, len, from, limit, md)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			pnx_cand c;
			if (pnx_match(t, ri, pi, md, text, len, ctx, &c))
				pnx_cand_add(cands, nc, cap, &c);
			pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
				pos++; /* stay on a character boundary */
			from = pos;
		}
	}
}

size_t pnx_timex_tag(const pnx_timex_tagger *t, const char *text, size_t len, const char *dct,
                     pnx_timex **out)
{
	return pnx_timex_tag_words(t, text, len, NULL, 0, dct, out);
}

size_t pnx_timex_tag_words(const pnx_timex_tagger *t, const char *text, size_t len, const pnx_word *words,
                           size_t nwords, const char *dct, pnx_timex **out)
{
	pnx_tctx ctx = {0};
	ctx.has_dct = pnx_tdct_parse(dct, &ctx.dct);
	ctx.lex = &t->lex;
	pcre2_match_data *md = pnx_rules_match_data(t->rs);
	pnx_cand *cands = NULL;
	size_t nc = 0, cap = 0;
	pn_buf *wins = NULL;
	if (t->any_words) {
		wins = pn_xcalloc(t->nrules, sizeof *wins);
		pnx_windows(t, text, len, words, nwords, wins);
	}
	for (size_t ri = 0; ri < t->nrules; ri++) {
		const pnx_rule *r = t->rules[ri];
		const size_t *w = r->nwords ? (const size_t *)wins[ri].data : NULL;
		size_t nw = r->nwords ? wins[ri].len / (2 * sizeof(size_t)) : 1;
		for (size_t pi = 0; pi < r->npats; pi++)
			pnx_scan(t, ri, pi, text, len, w, nw, &ctx, md, &cands, &nc, &cap);
	}
	if (wins) {
		for (size_t ri = 0; ri < t->nrules; ri++)
			pn_buf_free(&wins[ri]);
		free(wins);
	}
	pcre2_match_data_free(md);

	if (nc)
		qsort(cands, nc, sizeof *cands, pnx_by_rank);
	pnx_timex *res = nc ? pn_xmalloc(2 * nc * sizeof *res) : NULL;
	unsigned char *bits = pn_xcalloc(len / 8 + 1, 1);
	size_t n = 0;
	for (size_t i = 0; i < nc; i++) {
		const pnx_cand *ci = &cands[i];
		if (pnx_taken(bits, ci->x[0].start, ci->x[0].end) ||
		    (ci->n == 2 && pnx_taken(bits, ci->x[1].start, ci->x[1].end)))
			continue;
		for (int e = 0; e < ci->n; e++) {
			pnx_take(bits, ci->x[e].start, ci->x[e].end);
			res[n++] = ci->x[e];
		}
		if (ci->n == 2) /* provisional link, fixed after sorting */
			res[n - 2].pair = res[n - 1].pair = (int)(n - 2);
	}
	free(cands);
	free(bits);
	/* Sorting by start keeps the two ends of an interval in order; relink
	 * them by their shared provisional id. */
	for (size_t i = 0; i < n; i++)
		if (res[i].pair >= 0)
			res[i].pair = -2 - res[i].pair;
	if (n)
		qsort(res, n, sizeof *res, pnx_by_start);
	for (size_t i = 0; i < n; i++) {
		if (res[i].pair > -2)
			continue;
		for (size_t j = i + 1; j < n; j++)
			if (res[j].pair == res[i].pair) {
				res[i].pair = (int)j;
				res[j].pair = (int)i;
				break;
			}
	}
	*out = res;
	return n;
}
