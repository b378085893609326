/* timex_run.c - running the tagger over one text, all at once or piece by
 * piece from the start (pn-extract without --timexes only needs the
 * timexes of the sentences its events are dated from, about a third of
 * the text).
 *
 * Every pattern is scanned left to right, each search starting where the
 * previous match ended; of overlapping candidates the one of the
 * higher-priority rule wins, then the longer, then the earlier. Tagging up
 * to a position gives exactly the timexes the whole text would:
 *  - a pattern's scan is resumed where it stopped, with its match starts
 *    limited (PCRE2's offset limit) to the piece, so its matches there are
 *    the first ones of the whole scan;
 *  - a piece ends only where no candidate crosses its end (else it grows to
 *    the candidate's end and the scans go on), so no candidate of a later
 *    piece can overlap one of it: candidates of later pieces start at or
 *    after the position their match was tried at (timex.c refuses t1/t2
 *    captures inside lookbehinds), and overlaps are settled piece by piece.
 * The values themselves depend only on the DCT and the match's own
 * sentence (the tense heuristic), never on earlier timexes. */
#include <stdlib.h>
#include <string.h>
#include "gazetteer.h"
#include "timex_int.h"

/* Where the scan of one pattern stands: its next window and the position
 * its next search starts from at the earliest. */
typedef struct pnx_tscan {
	size_t w, pos;
} pnx_tscan;

struct pnx_timex_run {
	const pnx_timex_tagger *t;
	const char *text;
	size_t len;
	pnx_tctx ctx;
	pcre2_match_data *md;
	pcre2_match_context *mctx; /* the rules' context + an offset limit */
	pn_buf *wins;              /* per rule with `words`: size_t pairs, windows of match starts */
	const pnx_word *words;     /* the text's words, NULL once all have windows */
	size_t nwords, nextword;   /* words[nextword..] have no windows yet */
	pnx_tscan *scan;           /* per pattern of the tagger */
	size_t done;               /* every match tried at an offset below this is known, and no
	                            * candidate crosses it */
	pnx_cand *cands;           /* candidates of the piece being tagged */
	size_t nc, ccands;
	unsigned char *gate;       /* per rule with `needs`: 0 not looked at yet, 1 met, 2 not
	                            * met in this text (the rule cannot match) */
	unsigned char *bits;       /* per text byte: taken by an accepted timex */
	size_t cbits;
	pnx_timex *res;            /* accepted, sorted by start */
	size_t n, cres;
};

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
 * words (pnx_gaz_words_mark: runs of ASCII letters, digits and non-ASCII
 * bytes) are split at non-ASCII bytes; without them the text is split.
 *
 * pnx_windows_split adds the windows of every ASCII letter/digit run of
 * text[from..to). */
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

/* Windows of the words that start up to to: those of every match start up
 * to to - PNX_TRIG_REACH. A window can still grow at its end later
 * (pnx_window_add joins windows that touch), but only one that goes on
 * past that point, which pnx_scan has not finished. */
static void pnx_windows_to(pnx_timex_run *r, size_t to)
{
	const pnx_timex_tagger *t = r->t;
	const char *text = r->text;
	for (; r->nextword < r->nwords && r->words[r->nextword].start <= to; r->nextword++) {
		const pnx_word *w = &r->words[r->nextword];
		size_t ws = w->start, we = w->end, i = w->alpha ? we : ws; /* letters only: ASCII */
		while (i < we && !((unsigned char)text[i] & 0x80))
			i++;
		if (i == we) /* all ASCII: pnx_gaz_words_mark' hash is ours */
			pnx_window_add(t, text, ws, we, w->hash, r->wins);
		else
			pnx_windows_split(t, text, ws, we, r->wins);
	}
}

pnx_timex_run *pnx_timex_run_new(const pnx_timex_tagger *t)
{
	pnx_timex_run *r = pn_xcalloc(1, sizeof *r);
	r->t = t;
	r->md = pnx_rules_match_data(t->rs);
	r->mctx = pcre2_match_context_copy(t->rs->mctx);
	if (!r->mctx)
		pn_die(PN_EXIT_INTERNAL, "out of memory (PCRE2 context)");
	r->wins = pn_xcalloc(t->nrules + 1, sizeof *r->wins);
	r->scan = pn_xcalloc(t->npats + 1, sizeof *r->scan);
	r->gate = pn_xcalloc(t->nrules + 1, 1);
	return r;
}

void pnx_timex_run_free(pnx_timex_run *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->t->nrules; i++)
		pn_buf_free(&r->wins[i]);
	free(r->wins);
	free(r->scan);
	free(r->gate);
	free(r->cands);
	free(r->bits);
	free(r->res);
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	free(r);
}

void pnx_timex_run_start(pnx_timex_run *r, const char *text, size_t len, const pnx_word *words, size_t nwords,
                         const char *dct)
{
	const pnx_timex_tagger *t = r->t;
	r->text = text;
	r->len = len;
	memset(&r->ctx, 0, sizeof r->ctx);
	r->ctx.has_dct = pnx_tdct_parse(dct, &r->ctx.dct);
	r->ctx.lex = &t->lex;
	r->done = 0;
	r->nc = r->n = 0;
	memset(r->scan, 0, t->npats * sizeof *r->scan);
	memset(r->gate, 0, t->nrules);
	for (size_t i = 0; i < t->nrules; i++)
		pn_buf_reset(&r->wins[i]);
	r->words = t->any_words ? words : NULL;
	r->nwords = t->any_words ? nwords : 0;
	r->nextword = 0;
	if (t->any_words && !words)
		pnx_windows_split(t, text, 0, len, r->wins);
	if (r->cbits < len / 8 + 1) {
		free(r->bits);
		r->cbits = len / 8 + 1;
		r->bits = pn_xmalloc(r->cbits);
	}
	memset(r->bits, 0, len / 8 + 1);
}

/* One match of p from start (lookarounds see the whole text), its start
 * no later than limit; false on no match. */
static bool pnx_tmatch(pnx_timex_run *r, const pnx_pattern *p, size_t start, size_t limit)
{
	if (limit >= r->len)
		return pnx_pattern_match(p, r->text, r->len, start, r->md);
	pcre2_set_offset_limit(r->mctx, limit);
	return pnx_pattern_match_ctx(p, r->text, r->len, start, r->md, r->mctx);
}

static void pnx_cand_add(pnx_timex_run *r, const pnx_cand *c)
{
	if (r->nc == r->ccands) {
		r->ccands = r->ccands ? 2 * r->ccands : 32;
		r->cands = pn_xrealloc(r->cands, r->ccands * sizeof *r->cands);
	}
	r->cands[r->nc++] = *c;
}

/* Goes on with the scan of pattern pi of rule ri: every match tried at an
 * offset up to lim (at most len). */
static void pnx_scan(pnx_timex_run *r, size_t ri, size_t pi, size_t lim)
{
	const pnx_timex_tagger *t = r->t;
	const pnx_pattern *p = &t->rules[ri]->pats[pi];
	pnx_tscan *st = &r->scan[t->pat0[ri] + pi];
	/* a rule without `words` has one window, the whole text */
	bool windowed = t->rules[ri]->nwords > 0;
	const size_t *wins = (const size_t *)r->wins[ri].data;
	size_t nwins = windowed ? r->wins[ri].len / (2 * sizeof(size_t)) : 1;
	for (; st->w < nwins; st->w++) {
		size_t from = windowed ? wins[2 * st->w] : 0, wlim = windowed ? wins[2 * st->w + 1] : r->len;
		size_t limit = wlim < lim ? wlim : lim;
		if (from < st->pos)
			from = st->pos;
		while (from <= limit && pnx_tmatch(r, p, from, limit)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
			pnx_cand c;
			if (pnx_tcand(t, ri, pi, r->md, r->text, r->len, &r->ctx, &c))
				pnx_cand_add(r, &c);
			st->pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			while (st->pos < r->len && ((unsigned char)r->text[st->pos] & 0xC0) == 0x80)
				st->pos++; /* stay on a character boundary */
			from = st->pos;
		}
		if (wlim > lim) {
			/* the window goes on past lim: nothing more starts up to lim */
			if (st->pos <= lim) {
				st->pos = lim + 1;
				while (st->pos < r->len && ((unsigned char)r->text[st->pos] & 0xC0) == 0x80)
					st->pos++;
			}
			return;
		}
	}
}

static int pnx_by_rank(const void *a, const void *b)
{
	const pnx_cand *x = a, *y = b;
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	size_t lx = x->end - x->start, ly = y->end - y->start;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	/* the same span: the rule, then the pattern, matched first wins */
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->pat < y->pat ? -1 : x->pat > y->pat;
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

/* Settles the candidates of a piece (none overlaps an earlier piece) and
 * appends the accepted ones to res, sorted by start. */
static void pnx_settle(pnx_timex_run *r)
{
	if (!r->nc)
		return;
	qsort(r->cands, r->nc, sizeof *r->cands, pnx_by_rank);
	if (r->n + 2 * r->nc > r->cres) {
		r->cres = 2 * (r->n + 2 * r->nc);
		r->res = pn_xrealloc(r->res, r->cres * sizeof *r->res);
	}
	size_t n0 = r->n, n = r->n;
	for (size_t i = 0; i < r->nc; i++) {
		const pnx_cand *ci = &r->cands[i];
		if (pnx_taken(r->bits, ci->x[0].start, ci->x[0].end) ||
		    (ci->n == 2 && pnx_taken(r->bits, ci->x[1].start, ci->x[1].end)))
			continue;
		for (int e = 0; e < ci->n; e++) {
			pnx_take(r->bits, ci->x[e].start, ci->x[e].end);
			r->res[n++] = ci->x[e];
		}
		if (ci->n == 2) /* provisional link, fixed after sorting */
			r->res[n - 2].pair = r->res[n - 1].pair = (int)(n - 2);
	}
	r->nc = 0;
	/* Sorting by start keeps the two ends of an interval in order; relink
	 * them by their shared provisional id. */
	pnx_timex *res = r->res;
	for (size_t i = n0; i < n; i++)
		if (res[i].pair >= 0)
			res[i].pair = -2 - res[i].pair;
	qsort(res + n0, n - n0, sizeof *res, pnx_by_start);
	for (size_t i = n0; i < n; i++) {
		if (res[i].pair > -2)
			continue;
		for (size_t j = i + 1; j < n; j++)
			if (res[j].pair == res[i].pair) {
				res[i].pair = (int)j;
				res[j].pair = (int)i;
				break;
			}
	}
	r->n = n;
}

pnx_timex *pnx_timex_run_to(pnx_timex_run *r, size_t pos, size_t *n)
{
	const pnx_timex_tagger *t = r->t;
	while (r->done < pos && r->done <= r->len) {
		/* matches tried at offsets below pos, up to the end of the
		 * candidates they make */
		size_t lim = pos - 1 < r->len ? pos - 1 : r->len;
		pnx_windows_to(r, lim + PNX_TRIG_REACH + 1);
		for (size_t ri = 0; ri < t->nrules; ri++) {
			if (t->rules[ri]->nwords && !r->wins[ri].len)
				continue; /* none of its words yet: pnx_scan would find no window */
			if (t->rules[ri]->nneeds && !r->gate[ri]) /* once per text, on first use */
				r->gate[ri] = pnx_rule_needs_met(t->rules[ri], r->text, r->len, r->md) ? 1 : 2;
			if (r->gate[ri] == 2)
				continue; /* none of its needs lines matches: no match of it either */
			for (size_t pi = 0; pi < t->rules[ri]->npats; pi++)
				pnx_scan(r, ri, pi, lim);
		}
		r->done = lim + 1;
		for (size_t i = 0; i < r->nc; i++)
			if (r->cands[i].end > pos)
				pos = r->cands[i].end;
	}
	pnx_settle(r);
	*n = r->n;
	return r->res;
}

size_t pnx_timex_tag(const pnx_timex_tagger *t, const char *text, size_t len, const char *dct,
                     pnx_timex **out)
{
	pnx_timex_run *r = pnx_timex_run_new(t);
	pnx_timex_run_start(r, text, len, NULL, 0, dct);
	size_t n;
	pnx_timex_run_to(r, SIZE_MAX, &n);
	*out = n ? r->res : NULL;
	if (n)
		r->res = NULL;
	pnx_timex_run_free(r);
	return n;
}
