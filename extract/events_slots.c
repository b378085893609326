/* events_slots.c - where an event's slots come from: captures, the
 * nearest entities and timex of the sentence (clause-aware), headlines. */
#include "events_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static size_t gap(pnx_span a, pnx_span b)
{
	if (a.end <= b.start)
		return b.start - a.end;
	if (b.end <= a.start)
		return a.start - b.end;
	return 0;
}

/* The mark w (n bytes) ends right before end, not before from; its last
 * letter is compared first, as this runs for every drug mention near an
 * event. */
static bool mark_ends_at(const char *t, size_t from, size_t end, const char *w, size_t n)
{
	return n >= 2 && end >= from + n && (t[end - 2] | 0x20) == (w[n - 2] | 0x20) &&
	       strncasecmp(t + end - n, w, n) == 0;
}

/* A list goes on right before end (", ", " and ", " or "). */
static bool listed_at(const char *t, size_t from, size_t end)
{
	return mark_ends_at(t, from, end, ", ", 2) || mark_ends_at(t, from, end, " and ", 5) ||
	       mark_ends_at(t, from, end, " or ", 4);
}

/* The mention starting at start follows a comparator mark, right before
 * it or one word before ("compared to once-daily NAME", "Versus NAME"):
 * the drug the event's product was measured against. */
static bool comparator_at(const pnx_doc *d, size_t sent_start, size_t start)
{
	const pnx_cue_list *cmp = &d->cues->comparator_marks;
	const char *t = d->norm.text;
	size_t w = start;
	if (w >= sent_start + 2 && t[w - 1] == ' ') {
		w--;
		while (w > sent_start && (isalnum((unsigned char)t[w - 1]) || t[w - 1] == '-'))
			w--;
	}
	for (size_t k = 0; k < cmp->n; k++)
		if (mark_ends_at(t, sent_start, start, cmp->w[k], cmp->len[k]) ||
		    (w < start && mark_ends_at(t, sent_start, w, cmp->w[k], cmp->len[k])))
			return true;
	/* further back, a list of comparators ("compared to BRAND, NAME and
	 * NAME", "versus NAME or CODE"); only the unambiguous marks ("more
	 * than 300 patients treated with NAME" names no comparator) */
	static const char *const list_marks[] = {"compared to ", "compared with ", "versus ", "vs. ", NULL};
	if (!listed_at(t, sent_start, start) && !(w < start && listed_at(t, sent_start, w)))
		return false;
	size_t from = start > sent_start + 60 ? start - 60 : sent_start;
	for (size_t p = start; p-- > from && t[p] != ';';) {
		/* every mark starts with c or v: most bytes are passed at once */
		if ((t[p] | 0x20) != 'c' && (t[p] | 0x20) != 'v')
			continue;
		if (p > sent_start && isalnum((unsigned char)t[p - 1]))
			continue;
		for (size_t k = 0; list_marks[k]; k++)
			if (strncasecmp(t + p, list_marks[k], strlen(list_marks[k])) == 0 && p + strlen(list_marks[k]) <= start)
				return true;
	}
	return false;
}

/* Entity of type mentioned in the sentence nearest the trigger, or the
 * one mentioned inside the capture span cap when the rule captured it;
 * *at (if given) is that mention. A drug named as the comparator is taken
 * only when no other drug is there. */
static int nearest_mention(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap,
                           pnx_span *at, bool marked)
{
	int best = -1, best_cmp = -1;
	size_t best_gap = (size_t)-1, cmp_gap = (size_t)-1;
	pnx_span cmp_at = {0, 0};
	bool drugs = strcmp(type, "drug") == 0 || strcmp(type, "lab_code") == 0;
	for (size_t i = 0; i < d->nents; i++) {
		const pnx_entity *e = &d->ents[i];
		if (!pnx_streq(e->type, type) || (e->rule == pnx_marked_rule) != marked)
			continue;
		for (size_t j = 0; j < e->nmentions; j++) {
			pnx_span m = e->mentions[j];
			if (marked && pnx_marked_not_product(d, m.end))
				continue;   /* "NAME Heart Failure II Pivotal Study" names a trial */
			if (cap ? !(m.start < cap->end && cap->start < m.end)
			        : !(m.start >= s->sent.start && m.end <= s->sent.end))
				continue;
			size_t g = gap(m, s->trig);
			if (g >= best_gap && g >= cmp_gap)
				continue;
			if (drugs && comparator_at(d, s->sent.start, m.start)) {
				if (g < cmp_gap) {
					cmp_gap = g;
					best_cmp = (int)i;
					cmp_at = m;
				}
			} else if (g < best_gap) {
				best_gap = g;
				best = (int)i;
				if (at)
					*at = m;
			}
		}
	}
	if (best < 0 && best_cmp >= 0 && at)
		*at = cmp_at;
	return best >= 0 ? best : best_cmp;
}

/* A drug named only by its trade mark sign (entities.c find_marked) is
 * the product only when no other drug and no lab code is there: the sign
 * also follows platforms and brands of partners ("SAFEbody(R) KMT-126"). */
int pnx_ev_nearest_mention(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap,
                           pnx_span *at)
{
	int e = nearest_mention(d, type, s, cap, at, false);
	if (e >= 0 || strcmp(type, "drug") != 0 || nearest_mention(d, "lab_code", s, cap, NULL, false) >= 0)
		return e;
	/* past the lead, a release's own product (its main drug) is what its
	 * sentences speak of; a marked name there is often a partner's brand,
	 * a test or a device; deals name platforms and services with a sign
	 * ("GLAAS(R) platform"), so theirs comes from the lead only */
	if ((d->main_drug >= 0 || pnx_ev_deal_type(s->r->type)) && s->sent.start >= pnx_ev_lead_end(d))
		return -1;
	return nearest_mention(d, type, s, cap, at, true);
}

/* A marked name counts for a rule that needs a drug only in the title
 * and the lead ("Top Line Results ... Affirm Safety Profile of NAME(TM)");
 * further on it is often a partner's brand ("presentations include an
 * analysis of switching to BRAND(TM)"). */
int pnx_ev_nearest_entity(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap)
{
	int e = nearest_mention(d, type, s, cap, NULL, false);
	if (e >= 0 || strcmp(type, "drug") != 0 || s->sent.start >= pnx_ev_lead_end(d) ||
	    nearest_mention(d, "lab_code", s, cap, NULL, false) >= 0)
		return e;
	return nearest_mention(d, type, s, cap, NULL, true);
}

int pnx_ev_slot_entity(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot,
                       const char *type)
{
	pnx_span cap;
	if (pnx_capture(s->p, x->md, slot, &cap.start, &cap.end)) {
		int e = pnx_ev_nearest_mention(d, type, s, &cap, NULL);
		if (e >= 0)
			return e;
	}
	return pnx_ev_nearest_mention(d, type, s, NULL, NULL);
}

bool pnx_ev_dated(const pnx_timex *t)
{
	return t->grain && strcmp(t->type, "DATE") == 0 && isdigit((unsigned char)t->value[0]);
}

/* Text between a and b holds a clause break: the date there belongs to
 * another verb ("submitted ... last year, and the FDA accepted ..."). */
static bool crosses_clause(const pnx_doc *d, size_t a, size_t b)
{
	char *const *breaks = d->cues->clause_breaks.w;
	const size_t *lens = d->cues->clause_breaks.len;
	/* the breaks' first two bytes, one bit per pair (cues.c): most spaces
	 * are followed by a byte no break has there, and skip the list walk */
	const uint64_t *pairs = d->cues->break_pairs;
	const char *t = d->norm.text;
	/* every break starts with one of "; ,-" and has two bytes or more
	 * (checked when cues.tsv is read) */
	for (size_t i = a; i + 1 < b; i++) {
		char c = t[i];
		if (c != ' ' && c != ',' && c != ';' && c != '-')
			continue;
		unsigned p = (unsigned char)c << 8 | (unsigned char)t[i + 1];
		if (!(pairs[p >> 6] >> (p & 63) & 1))
			continue;
		for (size_t k = 0; breaks[k]; k++)
			if (c == breaks[k][0] && t[i + 1] == breaks[k][1] && i + lens[k] <= b &&
			    memcmp(t + i, breaks[k], lens[k]) == 0)
				return true;
	}
	return false;
}

bool pnx_ev_crosses_clause(const pnx_doc *d, size_t a, size_t b)
{
	return crosses_clause(d, a, b);
}

/* The year of a law's name ("Private Securities Litigation Reform Act of
 * 1995", run into the text of a scraped page) dates nothing. */
static bool law_year(const pnx_doc *d, const pnx_timex *t)
{
	return t->start >= 7 && strncmp(d->norm.text + t->start - 7, "Act of ", 7) == 0;
}

/* The date of the trigger: the first dated timex after it in the same
 * clause, else the nearest before it in the same clause; with a `date`
 * capture, the timex inside it. */
long pnx_ev_nearest_timex(const pnx_doc *d, const pnx_slots *s, const pnx_span *cap)
{
	long after = -1, before = -1;
	for (size_t i = 0; i < d->ntx; i++) {
		const pnx_timex *t = &d->tx[i];
		if (!pnx_ev_dated(t) || law_year(d, t))
			continue;
		if (cap) {
			if (t->start < cap->end && cap->start < t->end)
				return (long)i;
			continue;
		}
		if (t->start < s->sent.start || t->end > s->sent.end)
			continue;
		if (t->start >= s->trig.end) {
			if (after < 0 && !crosses_clause(d, s->trig.end, t->start))
				after = (long)i;
		} else if (t->end <= s->trig.start) {
			if (!crosses_clause(d, t->end, s->trig.start))
				before = (long)i;
		} else {
			return (long)i;
		}
	}
	return after >= 0 ? after : before;
}

/* A table row split into cells ("Submission to the FDA" / "Second quarter
 * of 2025") leaves the date alone in the next sentence. */
long pnx_ev_next_cell_timex(const pnx_doc *d, size_t sent_idx)
{
	if (sent_idx + 1 >= d->nsents)
		return -1;
	pnx_span nx = d->sents[sent_idx + 1];
	for (size_t i = 0; i < d->ntx; i++)
		if (pnx_ev_dated(&d->tx[i]) && d->tx[i].start <= nx.start + 4 && d->tx[i].end + 1 >= nx.end &&
		    d->tx[i].start >= nx.start)
			return (long)i;
	return -1;
}

bool pnx_ev_has_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if ((s[i] == '1' || s[i] == '2') && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
			return true;
	return false;
}

/* word (n bytes, any case) at text[j], whole: not preceded
 * or followed by an ASCII letter or digit. */
static bool word_at(const pnx_doc *d, size_t j, const char *word, size_t n)
{
	const char *t = d->norm.text;
	return strncasecmp(t + j, word, n) == 0 && (j == 0 || !isalnum((unsigned char)t[j - 1])) &&
	       (j + n >= d->norm.len || !isalnum((unsigned char)t[j + n]));
}

bool pnx_ev_sentence_has(const pnx_doc *d, pnx_span sent, const char *word)
{
	size_t n = strlen(word), i = sent.start;
	const char *t = d->norm.text;
	/* the first byte folded by | 0x20 first: equal under strncasecmp
	 * implies equal so, and it saves a call at most bytes */
	unsigned char c0 = (unsigned char)word[0] | 0x20;
#ifdef __SSE2__
	/* 16 starts at a time, by their first two bytes folded so (400,000
	 * calls on 300 articles, over sentences of ~150 bytes) */
	if (n >= 2) {
		const __m128i fold = _mm_set1_epi8(0x20), v0 = _mm_set1_epi8((char)c0),
		              v1 = _mm_set1_epi8((char)(word[1] | 0x20));
		for (; i + 15 + n <= sent.end; i += 16) {
			__m128i x0 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(t + i)), fold);
			__m128i x1 = _mm_or_si128(_mm_loadu_si128((const __m128i *)(t + i + 1)), fold);
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x0, v0), _mm_cmpeq_epi8(x1, v1)));
			for (; m; m &= m - 1)
				if (word_at(d, i + (size_t)__builtin_ctz(m), word, n))
					return true;
		}
	}
#endif
	for (; i + n <= sent.end; i++)
		if (((unsigned char)t[i] | 0x20) == c0 && word_at(d, i, word, n))
			return true;
	return false;
}

bool pnx_ev_sentence_has_any(const pnx_doc *d, pnx_span sent, const pnx_cue_list *l)
{
	for (size_t k = 0; k < l->n; k++)
		if (pnx_ev_sentence_has(d, sent, l->w[k]))
			return true;
	return false;
}

char *pnx_ev_capture_text(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot)
{
	size_t a, b;
	if (pnx_capture(s->p, x->md, slot, &a, &b) && a < b)
		return pn_xstrndup(d->norm.text + a, b - a);
	const char *v = pnx_rule_set(s->r, slot);
	return v ? pn_xstrdup(v) : NULL;
}

/* Most words around the trigger start with a capital: a Title Case
 * headline, not body text (which may follow it in the same "sentence"
 * when the page lost its line breaks). */
bool pnx_ev_headline_like(const pnx_doc *d, const pnx_slots *s)
{
	const pnx_cue_list *small = &d->cues->headline_small_words;
	const char *t = d->norm.text;
	size_t from = s->trig.start, to = s->trig.end, words = 0, caps = 0;
	for (int n = 0; from > s->sent.start && n < 40; n++)
		from--;
	for (int n = 0; to < s->sent.end && n < 40; n++)
		to++;
	/* "Receives FDA Approval of neffy (epinephrine nasal spray)": the
	 * parenthesis after a brand is no title word (regulatory headlines only:
	 * other types keep their output) */
	static const char *const reg[] = {"approval", "acceptance", "submission", "designation", "crl",
	                                  "pdufa_date", "chmp_opinion", NULL};
	bool skip_paren = false;
	for (size_t k = 0; reg[k] && !skip_paren; k++)
		skip_paren = strcmp(s->r->type, reg[k]) == 0;
	int paren = 0;
	for (size_t i = from; i < to; i++) {
		paren += t[i] == '(' ? 1 : t[i] == ')' && paren > 0 ? -1 : 0;
		if (!isalpha((unsigned char)t[i]) || (i > 0 && isalnum((unsigned char)t[i - 1])))
			continue;
		size_t j = i;
		while (j < to && (isalnum((unsigned char)t[j]) || t[j] == '-' || t[j] == '\''))
			j++;
		bool skip = skip_paren && paren > 0;
		for (size_t k = 0; k < small->n && !skip; k++)
			skip = j - i == small->len[k] && strncasecmp(t + i, small->w[k], j - i) == 0;
		if (!skip) {
			words++;
			caps += isupper((unsigned char)t[i]) != 0;
		}
		i = j - 1;   /* t[j] may close the parenthesis */
	}
	return words >= 3 && caps * 100 >= words * 65;
}
