/* rules_match.c - running compiled rules over text. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

pcre2_match_data *pnx_rules_match_data(const pnx_rules *rs)
{
	pcre2_match_data *md = pcre2_match_data_create(rs->max_groups + 1, NULL);
	if (!md)
		pn_die(PN_EXIT_INTERNAL, "out of memory (match data)");
	return md;
}

bool pnx_pattern_match(const pnx_pattern *p, const char *subject, size_t len,
                       size_t start, pcre2_match_data *md)
{
	return pnx_pattern_match_ctx(p, subject, len, start, md, p->mctx);
}

static bool run_code(const pnx_pattern *p, const pcre2_code *code, const char *subject, size_t len,
                     size_t start, pcre2_match_data *md, pcre2_match_context *mctx)
{
	static bool warned;
	/* JIT compiling costs about as much as matching a few articles, and
	 * a run over few articles never uses some patterns: compiled on their
	 * first match. p is const for the matchers; the rules own it
	 * (allocated, never read-only), this is a cache. */
	unsigned bit = code == p->code ? 1u : 2u;
	if (p->jit_due & bit) {
		uint64_t t = p->prof ? pnx_prof_ns() : 0;
		(void)pcre2_jit_compile((pcre2_code *)code, PCRE2_JIT_COMPLETE);
		((pnx_pattern *)p)->jit_due &= ~bit;
		if (p->prof)
			p->prof->jit_ns += pnx_prof_ns() - t;
	}
	uint64_t t0 = p->prof ? pnx_prof_ns() : 0;
	/* the JIT entry skips pcre2_match's checks; a pattern without JIT
	 * code (PN_NO_JIT=1, no JIT support) falls back */
	int rc = pcre2_jit_match(code, (PCRE2_SPTR)subject, len, start, PCRE2_NO_UTF_CHECK, md, mctx);
	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start, PCRE2_NO_UTF_CHECK, md, mctx);
	if (p->prof) {
		p->prof->ns += pnx_prof_ns() - t0;
		p->prof->calls++;
		p->prof->hits += rc >= 0;
	}
	if (rc >= 0)
		return true;
	if (rc != PCRE2_ERROR_NOMATCH && !warned) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		pn_warn("pattern at line %u: %s (treated as no match)", p->line, (const char *)msg);
		warned = true;
	}
	return false;
}

bool pnx_pattern_match_ctx(const pnx_pattern *p, const char *subject, size_t len,
                           size_t start, pcre2_match_data *md, pcre2_match_context *mctx)
{
	return run_code(p, p->code, subject, len, start, md, mctx);
}

static bool ascii_letter(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* text[s..e) (ASCII letters) ends with one of the anchor's endings, or
 * (`anchor words`) is one of them. */
static inline bool ends_ok(const pnx_anchor *a, const char *text, size_t s, size_t e)
{
	if (!a->whole) { /* endings have two letters or more */
		if (e - s < 2)
			return false;
		unsigned k = (unsigned)((text[e - 2] | 0x20) - 'a') * 26 + (unsigned)((text[e - 1] | 0x20) - 'a');
		if (!(a->pairs[k >> 6] >> (k & 63) & 1))
			return false;
	}
	for (size_t node = 0; e > s;) {
		node = a->next[node][(text[--e] | 0x20) - 'a'];
		if (!node)
			return false;
		if (a->final[node] && (!a->whole || e == s))
			return true;
	}
	return false;
}

static bool capital_at(const char *t, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	if (!((c >= 'A' && c <= 'Z') || c >= 0xC0))
		return false;
	unsigned char p = i ? (unsigned char)t[i - 1] : ' ';
	return !(ascii_letter(p) || (p >= '0' && p <= '9') || p == '_');
}

/* The run of ASCII letters starting word wd (cut at to, as the subject
 * is) is one of the anchor's `before` words. Only the leading run: a
 * pattern's word may end at \b before a non-ASCII byte such as a dash,
 * which pnx_gaz_words_mark counts into the word. */
static bool near_word(const pnx_anchor *a, const char *t, const pnx_word *wd, size_t to)
{
	size_t e = wd->start;
	if (wd->alpha && wd->end <= to)
		e = wd->end; /* a word of letters is its own run: no need to read it */
	while (e < wd->end && e < to && ascii_letter((unsigned char)t[e]))
		e++;
	size_t n = e - wd->start, h = e == wd->end ? wd->hash : pnx_word_hash(t + wd->start, n);
	if (!(a->nbits[PNX_HBIT(h) >> 6] >> (PNX_HBIT(h) & 63) & 1))
		return false; /* most words: no word of the list has these hash bits */
	for (size_t k = 0; k < a->nnear; k++)
		if (a->near_hash[k] == h && strlen(a->near[k]) == n && strncasecmp(a->near[k], t + wd->start, n) == 0)
			return true;
	return false;
}

/* `anchor capitals before N W ...`: one of the words W starts after the
 * capital in word w with at most N spaces (' ') between. Spaces lie
 * only between words. Much cheaper than the anchored call it saves.
 * Returns the end of that word, 0 if there is none. */
static size_t near_ok(const pnx_anchor *a, const pnx_subject *sj, size_t w, size_t to)
{
	const char *t = sj->text;
	unsigned spaces = 0;
	for (size_t j = w + 1; j < sj->nwords && sj->words[j].start < to; j++) {
		for (size_t b = sj->words[j - 1].end; b < sj->words[j].start; b++)
			spaces += t[b] == ' ';
		if (spaces > a->near_spaces)
			return 0;
		if (near_word(a, t, &sj->words[j], to))
			return sj->words[j].end;
	}
	return 0;
}

/* `anchor codes`: text[i..to) starts with 2 to 5 ASCII capitals and a '-'
 * or a digit, as every match of [A-Z]{2,5}[-0-9] there must (a shorter
 * run of capitals is followed by a capital). A test in C instead of an
 * anchored call at every capital: lab codes are a few in a thousand. */
static bool code_at(const char *t, size_t i, size_t to)
{
	size_t e = i;
	while (e < to && e - i < 6 && t[e] >= 'A' && t[e] <= 'Z')
		e++;
	return e - i >= 2 && e - i <= 5 && e < to && (t[e] == '-' || (t[e] >= '0' && t[e] <= '9'));
}

/* `anchor capitals`: the next position in [pos, to) where a word starts
 * with a capital, from word w on. Such a position starts a word of the
 * subject, or follows a non-ASCII character inside one. *need: the end
 * of the `before` word found (near_ok), 0 without one. */
static size_t capital_next(const pnx_anchor *a, const pnx_subject *sj, size_t *wc, size_t pos, size_t to,
                           size_t *need)
{
	const char *t = sj->text;
	*need = 0;
	for (size_t w = *wc; w < sj->nwords && sj->words[w].start < to; w++) {
		const pnx_word *wd = &sj->words[w];
		size_t i = wd->start > pos ? wd->start : pos, e = wd->end < to ? wd->end : to;
		if (wd->alpha) {
			if (i == wd->start && capital_at(t, i) && (!a->codes || code_at(t, i, to)) &&
			    (!a->nnear || (*need = near_ok(a, sj, w, to))))
				return *wc = w, i;
			continue;
		}
		for (; i < e; i++)
			if (capital_at(t, i) && (!a->codes || code_at(t, i, to))) {
				if (a->nnear && !(*need = near_ok(a, sj, w, to)))
					break; /* the same words follow every capital of w */
				return *wc = w, i;
			}
	}
	return to;
}

/* True when no word of the subject has to strictly inside it: a scan cut
 * at to then sees every word before to whole, as the whole-text scan did.
 * Words are the maximal runs of word bytes, so only the two bytes around
 * to tell. */
static bool word_boundary(const pnx_subject *sj, size_t to)
{
	return to == 0 || to >= sj->len || !pnx_word_byte((unsigned char)sj->text[to - 1]) ||
	       !pnx_word_byte((unsigned char)sj->text[to]);
}

/* Where an anchor scan stands: w, the first word that may still hold a
 * candidate; l, the same in the subject's anchor-word list (SIZE_MAX:
 * not placed yet). */
typedef struct acursor {
	size_t w, l;
} acursor;

/* The candidate of word w in [pos, to) (the run cut at to, as the subject
 * is), or to: a word of letters is one run; in any other word every run of
 * letters is tried (one already under way at pos is skipped). */
static inline __attribute__((always_inline)) size_t word_cand(const pnx_anchor *a, const pnx_subject *sj, size_t w, size_t pos, size_t to)
{
	const char *t = sj->text;
	const pnx_word *wd = &sj->words[w];
	if (wd->alpha && wd->end <= to) {
		if (a->ebit && !(wd->ends & a->ebit))
			return to; /* its last two letters end no ending */
		size_t h = PNX_HBIT(wd->hash);
		if (a->whole && !(a->hbits[h >> 6] >> (h & 63) & 1))
			return to; /* not one of the words: no trie walk */
		return wd->start >= pos && ends_ok(a, t, wd->start, wd->end) ? wd->start : to;
	}
	size_t i = wd->start > pos ? wd->start : pos, e = wd->end < to ? wd->end : to;
	if (i > wd->start && ascii_letter((unsigned char)t[i - 1]))
		while (i < e && ascii_letter((unsigned char)t[i]))
			i++;
	while (i < e) {
		while (i < e && !ascii_letter((unsigned char)t[i]))
			i++;
		size_t st = i;
		while (i < e && ascii_letter((unsigned char)t[i]))
			i++;
		if (i > st && ends_ok(a, t, st, i))
			return st;
	}
	return to;
}

/* `anchor words` with the subject's list of the words such a line can
 * start at (`anchor endings`: of the words whose last two letters end
 * an ending of some endings anchor, L = ewords): only those are tried,
 * and the one word that to may cut (a cut run of letters can be one of
 * the words when the whole word is not). A word of letters off the list
 * is none of the words (its hash is none of theirs; its last pair ends
 * no ending), so skipping it loses nothing. The list is searched
 * by the words' ends (words are sorted and apart, so their ends ascend):
 * no search over all the words of the text first, as anchor_next's other
 * kinds need (once per sentence and rule). */
static size_t listed_next(const pnx_anchor *a, const pnx_subject *sj, acursor *cur, size_t pos, size_t to,
                          const uint32_t *L, size_t nl)
{
	size_t k = cur->l;
	if (k == SIZE_MAX) { /* the first listed word ending after pos */
		size_t lo = 0, hi = nl;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (sj->words[L[mid]].end <= pos)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = lo;
	}
	while (k < nl && sj->words[L[k]].end <= pos)
		k++;
	for (; k < nl && sj->words[L[k]].start < to; k++) {
		size_t c = word_cand(a, sj, L[k], pos, to);
		if (c < to) {
			cur->l = k;
			return c;
		}
	}
	cur->l = k;
	/* the word cut by to, unless listed (then tried above); a range
	 * (a sentence) seldom ends inside a word */
	if (word_boundary(sj, to))
		return to;
	size_t w = pnx_gaz_word_at(sj->words, sj->nwords, to);
	const pnx_word *cut = w > 0 ? &sj->words[w - 1] : NULL;
	bool listed = cut && (L == sj->awords ? cut->gaz >> PNX_GAZ_ANCHOR_BIT & 1 : cut->ends != 0);
	if (cut && cut->end > to && cut->end > pos && cut->alpha && !listed) {
		size_t c = word_cand(a, sj, w - 1, pos, to);
		if (c < to)
			return c;
	}
	return to;
}

/* Start of the next run of ASCII letters in text[pos..to) that ends with
 * one of the anchor's endings (the run cut at to, as the subject is), or
 * to. A run already under way at pos is skipped. Runs lie inside the
 * words of the subject, and a word of letters only is one run. */
static size_t anchor_next(const pnx_anchor *a, const pnx_subject *sj, acursor *cur, size_t pos, size_t to,
                          size_t *need)
{
	*need = 0;
	if (a->whole && !a->capitals && sj->awords)
		return listed_next(a, sj, cur, pos, to, sj->awords, sj->nawords);
	if (a->ebit && sj->ewords) /* `endings`: the words with a last pair of theirs */
		return listed_next(a, sj, cur, pos, to, sj->ewords, sj->newords);
	/* the first word ending after pos: cur->w is a cursor, as pos only
	 * grows (a binary search per call cost more, at 150,000 calls) */
	size_t w = cur->w;
	if (w == SIZE_MAX) {
		w = pnx_gaz_word_at(sj->words, sj->nwords, pos);
		if (w > 0 && sj->words[w - 1].end > pos)
			w--;
	}
	while (w < sj->nwords && sj->words[w].end <= pos)
		w++;
	cur->w = w;
	if (a->capitals)
		return capital_next(a, sj, &cur->w, pos, to, need);
	for (; w < sj->nwords && sj->words[w].start < to; w++) {
		size_t c = word_cand(a, sj, w, pos, to);
		if (c < to) {
			cur->w = w;
			return c;
		}
	}
	return to;
}

/* Calls fn for each match of p in text[from..to) left to right, not
 * overlapping; with an anchor, only matches starting where it allows. */
static void scan_pattern(const pnx_rule *r, const pnx_pattern *p, const pnx_subject *sj, size_t from, size_t to,
                         pcre2_match_data *md, pnx_match_fn fn, void *ctx)
{
	size_t pos = from;
	acursor cur = {SIZE_MAX, SIZE_MAX};
	while (pos < to) {
		if (r->anchor) {
			uint64_t t0 = p->prof ? pnx_prof_ns() : 0;
			size_t need, c = anchor_next(r->anchor, sj, &cur, pos, to, &need);
			if (p->prof)
				p->prof->anchor_ns += pnx_prof_ns() - t0;
			if (c >= to)
				return;
			if (!run_code(p, p->anchored, sj->text, to, c, md, p->mctx)) {
				pos = c + 1;
				continue;
			}
		} else if (!run_code(p, p->code, sj->text, to, pos, md, p->mctx)) {
			return;
		}
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t next = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		fn(ctx, r, p, md);
		pos = next;
	}
}

/* Calls fn for each match of p in text[from..to) left to right, not
 * overlapping, trying it anchored only at the candidates c[0..n) (the
 * starts anchor_next would give in [from, to), ascending). */
static void scan_at(const pnx_rule *r, const pnx_pattern *p, const pnx_subject *sj, size_t from, size_t to,
                    const size_t *c, size_t n, pcre2_match_data *md, pnx_match_fn fn, void *ctx)
{
	size_t pos = from;
	for (size_t i = 0; i < n; i++) {
		if (c[i] < pos)
			continue; /* inside the last match */
		unsigned char b = (unsigned char)sj->text[c[i]];
		if (!(p->first[b >> 6] >> (b & 63) & 1))
			continue; /* no match of p starts with this byte */
		if (!run_code(p, p->anchored, sj->text, to, c[i], md, p->mctx))
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t next = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		fn(ctx, r, p, md);
		pos = next;
	}
}

/* Every start anchor_next gives in [from, to), appended to pos (and the
 * `before` word ends to need, when need is not NULL). */
static void collect_cands(const pnx_anchor *a, const pnx_subject *sj, size_t from, size_t to, pn_buf *pos,
                          pn_buf *need)
{
	acursor cur = {SIZE_MAX, SIZE_MAX};
	for (size_t at = from;;) {
		size_t nd, c = anchor_next(a, sj, &cur, at, to, &nd);
		if (c >= to)
			return;
		pn_buf_add(pos, &c, sizeof c);
		if (need)
			pn_buf_add(need, &nd, sizeof nd);
		at = c + 1;
	}
}

/* The memo's candidates of anchor a over the whole text, found now if
 * they are not yet; NULL without a memo. */
static const pnx_anchor_cands *memo_cands(const pnx_anchor *a, const pnx_subject *sj)
{
	pnx_anchor_memo *m = sj->memo;
	if (!m || a->id >= m->na)
		return NULL;
	pnx_anchor_cands *ac = &m->a[a->id];
	if (ac->gen != m->gen) {
		pn_buf_reset(&ac->pos);
		pn_buf_reset(&ac->need);
		collect_cands(a, sj, 0, sj->len, &ac->pos, &ac->need);
		ac->gen = m->gen;
	}
	return ac;
}

/* An anchored rule over [from, to): the candidates are found once and
 * tried by each pattern, instead of each pattern walking the words again;
 * from the memo when the text's candidates are known (or this is the
 * whole text), else for this range. The same starts either way: a
 * candidate depends only on its own run of letters or capital and, for
 * `before`, on the words after it up to to (need). */
static void scan_anchored(const pnx_rule *r, const pnx_subject *sj, size_t from, size_t to, pcre2_match_data *md,
                          pnx_match_fn fn, void *ctx)
{
	const pnx_anchor *a = r->anchor;
	const pnx_anchor_memo *m = sj->memo;
	bool known = m && a->id < m->na && m->a[a->id].gen == m->gen;
	uint64_t t0 = r->pats[0].prof ? pnx_prof_ns() : 0;
	const pnx_anchor_cands *ac = (known || (from == 0 && to == sj->len)) && word_boundary(sj, to)
	                                 ? memo_cands(a, sj) : NULL;
	if (!ac && r->npats == 1) { /* nothing to share */
		if (r->pats[0].prof)
			r->pats[0].prof->anchor_ns += pnx_prof_ns() - t0;
		scan_pattern(r, &r->pats[0], sj, from, to, md, fn, ctx);
		return;
	}
	pn_buf buf = PN_BUF_INIT;
	const size_t *c;
	size_t n;
	if (ac) {
		const size_t *pos = (const size_t *)ac->pos.data, *need = (const size_t *)ac->need.data;
		size_t lo = 0, hi = ac->pos.len / sizeof *pos;
		while (lo < hi) { /* the first candidate at from or later */
			size_t mid = lo + (hi - lo) / 2;
			if (pos[mid] < from)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t e = lo, all = ac->pos.len / sizeof *pos;
		bool drop = false;
		while (e < all && pos[e] < to)
			drop |= need[e++] > to;
		c = pos + lo;
		n = e - lo;
		if (drop) { /* `before` words past to: those capitals are not candidates here */
			for (size_t i = lo; i < e; i++)
				if (need[i] <= to)
					pn_buf_add(&buf, &pos[i], sizeof pos[i]);
			c = (const size_t *)buf.data;
			n = buf.len / sizeof *c;
		}
	} else {
		collect_cands(a, sj, from, to, &buf, NULL);
		c = (const size_t *)buf.data;
		n = buf.len / sizeof *c;
	}
	if (r->pats[0].prof)
		r->pats[0].prof->anchor_ns += pnx_prof_ns() - t0;
	for (size_t k = 0; k < r->npats; k++)
		scan_at(r, &r->pats[k], sj, from, to, c, n, md, fn, ctx);
	pn_buf_free(&buf);
}

/* PN_PLAIN_ANCHORS=1: each anchored pattern walks the words for its own
 * candidates, as before the sharing above and the anchor-word lists
 * (slower, the same matches; tests/extract-anchor-memo.t compares). */
static bool plain_anchors(void)
{
	static int plain = -1;
	if (plain < 0) {
		const char *e = getenv("PN_PLAIN_ANCHORS");
		plain = e && strcmp(e, "1") == 0;
	}
	return plain;
}

static void scan_range(const pnx_rule *r, const pnx_subject *sj, size_t from, size_t to, pcre2_match_data *md,
                       pnx_match_fn fn, void *ctx)
{
	if (r->anchor && plain_anchors()) {
		pnx_subject plain = *sj;
		plain.memo = NULL;
		plain.awords = NULL;
		plain.ewords = NULL;
		for (size_t k = 0; k < r->npats; k++)
			scan_pattern(r, &r->pats[k], &plain, from, to, md, fn, ctx);
		return;
	}
	if (r->anchor) {
		scan_anchored(r, sj, from, to, md, fn, ctx);
		return;
	}
	for (size_t k = 0; k < r->npats; k++)
		scan_pattern(r, &r->pats[k], sj, from, to, md, fn, ctx);
}

void pnx_anchor_memo_init(pnx_anchor_memo *m, const pnx_rules *rs)
{
	m->gen = 0;
	m->na = rs->nanchors;
	m->a = pn_xcalloc(m->na + 1, sizeof *m->a);
}

void pnx_anchor_memo_next(pnx_anchor_memo *m)
{
	m->gen++;
	if (m->gen == 0) { /* wrapped: an old gen could look current */
		for (size_t i = 0; i < m->na; i++)
			m->a[i].gen = 0;
		m->gen = 1;
	}
}

void pnx_anchor_memo_free(pnx_anchor_memo *m)
{
	for (size_t i = 0; i < m->na; i++) {
		pn_buf_free(&m->a[i].pos);
		pn_buf_free(&m->a[i].need);
	}
	free(m->a);
	m->a = NULL;
	m->na = 0;
}

static void collect(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md)
{
	(void)r;
	(void)p;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	size_t se[2] = {ov[0], ov[1]};
	pn_buf_add(ctx, se, sizeof se);
}

bool pnx_rule_needs_met(const pnx_rule *r, const char *text, size_t len, pcre2_match_data *md)
{
	for (size_t k = 0; k < r->nneeds; k++)
		if (pnx_pattern_match(&r->needs[k], text, len, 0, md))
			return true;
	return !r->nneeds;
}

bool pnx_needs_cover(const pnx_rule *r, const char *text, size_t len, pcre2_match_data *md, unsigned *pat_line,
                     size_t *miss)
{
	/* a rule run only where its prefilter matches (no `words`) cannot
	 * match where the prefilter does not: its needs lines must hold in
	 * the prefilter's matches */
	bool pre = r->nprefilter && !r->nwords;
	const pnx_pattern *pats = pre ? r->prefilter : r->pats;
	for (size_t k = 0; r->nneeds && k < (pre ? r->nprefilter : r->npats); k++) {
		for (size_t pos = 0; pos <= len && pnx_pattern_match(&pats[k], text, len, pos, md);) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			size_t ms = ov[0], me = ov[1];
			bool held = false;
			for (size_t j = 0; j < r->nneeds && !held; j++)
				held = pnx_pattern_match(&r->needs[j], text, len, ms, md) && pcre2_get_ovector_pointer(md)[0] < me;
			if (!held) {
				*pat_line = pats[k].line;
				*miss = ms;
				return false;
			}
			pos = me > ms ? me : ms + 1;
			while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
				pos++; /* a character boundary */
		}
	}
	return true;
}

bool pnx_anchor_covers(const pnx_rule *r, const pnx_subject *sj, pcre2_match_data *md, unsigned *pat_line,
                       size_t *miss)
{
	pnx_rule plain = *r;
	plain.anchor = NULL;
	bool ok = true;
	for (size_t k = 0; r->anchor && k < r->npats && ok; k++) {
		pn_buf all = PN_BUF_INIT, anchored = PN_BUF_INIT;
		scan_pattern(&plain, &r->pats[k], sj, 0, sj->len, md, collect, &all);
		scan_pattern(r, &r->pats[k], sj, 0, sj->len, md, collect, &anchored);
		const size_t *x = (const size_t *)all.data, *y = (const size_t *)anchored.data;
		size_t nx = all.len / sizeof *x, ny = anchored.len / sizeof *y;
		for (size_t i = 0; i < nx && ok; i += 2) {
			if (i < ny && x[i] == y[i] && x[i + 1] == y[i + 1])
				continue;
			*pat_line = r->pats[k].line;
			*miss = x[i];
			ok = false;
		}
		pn_buf_free(&all);
		pn_buf_free(&anchored);
	}
	return ok;
}

/* The next hit of a rule's prefilter lines is the leftmost of theirs, the
 * earlier line's at the same start: that of one alternation of them. Each
 * line is searched on its own (a caseless literal is one SIMD scan, where
 * an alternation of them is tried byte by byte) and its hit kept until pos
 * passes it: a search from a later pos up to the hit finds the same. */
typedef struct prefilter_hit {
	size_t start, end;
	bool known, none;
} prefilter_hit;

static bool prefilter_next(const pnx_rule *r, const char *text, size_t len, size_t pos, pcre2_match_data *md,
                           prefilter_hit *h, size_t *start, size_t *end)
{
	size_t best = SIZE_MAX;
	for (size_t k = 0; k < r->nprefilter; k++) {
		if (h[k].none)
			continue;
		if (!h[k].known || h[k].start < pos) {
			h[k].known = true;
			if (!pnx_pattern_match(&r->prefilter[k], text, len, pos, md)) {
				h[k].none = true;
				continue;
			}
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			h[k].start = ov[0];
			h[k].end = ov[1];
		}
		if (best == SIZE_MAX || h[k].start < h[best].start)
			best = k;
	}
	if (best == SIZE_MAX)
		return false;
	*start = h[best].start;
	*end = h[best].end;
	return true;
}

void pnx_rule_scan(const pnx_rule *r, const pnx_subject *sj, pcre2_match_data *md, pnx_window_fn window_of,
                   pnx_match_fn fn, void *ctx)
{
	const char *text = sj->text;
	size_t len = sj->len;
	if (!r->nprefilter || !window_of) {
		scan_range(r, sj, 0, len, md, fn, ctx);
		return;
	}
	prefilter_hit hits[PNX_MAX_PREFILTER] = {{0, 0, false, false}};
	size_t pos = 0, ms, me;
	while (pos < len && prefilter_next(r, text, len, pos, md, hits, &ms, &me)) {
		size_t ws, we;
		window_of(ctx, ms, &ws, &we);
		if (ws < pos)
			ws = pos;
		if (we <= ws)
			we = me > ws ? me : ws + 1;
		scan_range(r, sj, ws, we > len ? len : we, md, fn, ctx);
		pos = we;
	}
}

void pnx_rule_scan_ranges(const pnx_rule *r, const pnx_subject *sj, const size_t *ranges, size_t nranges,
                          pcre2_match_data *md, pnx_match_fn fn, void *ctx)
{
	for (size_t i = 0; i < nranges; i++)
		scan_range(r, sj, ranges[2 * i], ranges[2 * i + 1], md, fn, ctx);
}

bool pnx_capture(const pnx_pattern *p, pcre2_match_data *md, const char *name,
                 size_t *start, size_t *end)
{
	int n = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR)name);
	if (n <= 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * n] == PCRE2_UNSET)
		return false;
	*start = ov[2 * n];
	*end = ov[2 * n + 1];
	return true;
}
