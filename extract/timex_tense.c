/* timex_tense.c - the sentence around a timex, for what its words leave
 * open. Which way an underspecified date points ("Tuesday", "in March"):
 * news reports mostly look back, so a past verb near the expression picks
 * the previous occurrence and a future marker the next one; the nearest
 * marker word within the sentence decides (rules/gazetteers/
 * timex_tense.tsv lists them). And what a relative expression
 * counts in: "a year ago" in a sentence about quarters is a quarter. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "gazetteer.h"
#include "timex_int.h"

#define PNX_SENTENCE_MAX 400

/* The word ending before text[b], or an empty one. */
static void pnx_prev_word(const char *text, size_t b, const char **w, size_t *n)
{
	size_t e = b;
	while (e > 0 && text[e - 1] == ' ')
		e--;
	size_t s = e;
	while (s > 0 && isalpha((unsigned char)text[s - 1]))
		s--;
	*w = text + s;
	*n = e - s;
}

/* Tense marked by the word text[b..b+n): its row in the lexicon, else
 * -ed forms count as past, except after "be": a passive to come ("will be
 * named"). */
static int pnx_word_tense(const pnx_tlex *lex, const char *text, size_t b, size_t n)
{
	const char *w = text + b, *pw;
	size_t pn;
	long row = lex && lex->gaz ? pnx_gaz_find(lex->gaz, w, n) : -1;
	if (row >= 0)
		return lex->tense[row];
	if (n > 4 && strncasecmp(w + n - 2, "ed", 2) == 0) {
		pnx_prev_word(text, b, &pw, &pn);
		return pn == 2 && strncasecmp(pw, "be", 2) == 0 ? 1 : -1;
	}
	return 0;
}

static bool pnx_sentence_end(const char *text, size_t i, size_t len)
{
	char c = text[i];
	if (c == '\n' || c == '!' || c == '?')
		return true;
	/* ". " followed by a capital or a line end; "Jan. 5" is not an end. */
	return c == '.' && (i + 1 >= len || isspace((unsigned char)text[i + 1])) &&
	       (i + 2 >= len || isupper((unsigned char)text[i + 2]) || text[i + 1] == '\n') &&
	       !(i >= 3 && isupper((unsigned char)text[i - 3]) && islower((unsigned char)text[i - 1]));
}

int pnx_tense(const pnx_tlex *lex, const char *text, size_t len, size_t start, size_t end)
{
	/* Walk outwards word by word, alternating sides, until a marker or the
	 * sentence ends on both sides. */
	size_t l = start, r = end;
	bool lstop = false, rstop = false;
	for (int step = 0; step < 40 && !(lstop && rstop); step++) {
		if (!rstop) {
			while (r < len && !isalpha((unsigned char)text[r]) && !pnx_sentence_end(text, r, len))
				r++;
			if (r >= len || pnx_sentence_end(text, r, len)) {
				rstop = true;
			} else {
				size_t b = r;
				while (r < len && (isalpha((unsigned char)text[r]) || text[r] == '\''))
					r++;
				int t = pnx_word_tense(lex, text, b, r - b);
				if (t)
					return t;
			}
		}
		if (!lstop) {
			while (l > 0 && !isalpha((unsigned char)text[l - 1]) && !pnx_sentence_end(text, l - 1, len))
				l--;
			if (l == 0 || pnx_sentence_end(text, l - 1, len)) {
				lstop = true;
			} else {
				size_t e = l;
				while (l > 0 && (isalpha((unsigned char)text[l - 1]) || text[l - 1] == '\''))
					l--;
				int t = pnx_word_tense(lex, text, l, e - l);
				if (t)
					return t;
			}
		}
	}
	return 0;
}

bool pnx_sentence_has(const char *text, size_t len, size_t start, size_t end, const char *word)
{
	/* A sentence, but at most PNX_SENTENCE_MAX bytes each way: text
	 * without punctuation must not make this quadratic. */
	size_t l = start, r = end, n = strlen(word);
	while (l > 0 && start - l < PNX_SENTENCE_MAX && !pnx_sentence_end(text, l - 1, len))
		l--;
	while (r < len && r - end < PNX_SENTENCE_MAX && !pnx_sentence_end(text, r, len))
		r++;
	for (size_t i = l; i + n <= r; i++)
		if ((i == 0 || !isalpha((unsigned char)text[i - 1])) && strncasecmp(text + i, word, n) == 0 &&
		    (i < start || i >= end))
			return true;
	return false;
}

unsigned pnx_tlex_init(pnx_tlex *lex, const struct pnx_gazetteer *gaz)
{
	unsigned bad = 0;
	lex->gaz = gaz;
	lex->tense = NULL;
	if (!gaz)
		return 0;
	lex->tense = pn_xcalloc(gaz->nrows + 1, 1);
	for (size_t i = 0; i < gaz->nrows; i++) {
		const char *t = pnx_gaz_get(gaz, i, "tense");
		if (!strcmp(t, "past")) {
			lex->tense[i] = -1;
		} else if (!strcmp(t, "future")) {
			lex->tense[i] = 1;
		} else if (strcmp(t, "none") != 0) {
			pn_warn("%s:%u: tense must be past, future or none, not \"%s\"", gaz->path, gaz->lines[i], t);
			bad++;
		}
	}
	return bad;
}

void pnx_tlex_free(pnx_tlex *lex)
{
	free(lex->tense);
	lex->tense = NULL;
}
