/* sentence.c - sentence splitting of the folded text.
 *
 * Press releases need few rules: a line break or a run of "* * *" (scraped
 * pages join headline, bullets and body with it) always ends a sentence;
 * ". ", "! ", "? " end one when the next word starts with a capital, a
 * digit or a quote, unless the word before the dot is a known abbreviation
 * ("Dr.", "Inc.", "U.S.") or a single capital (an initial). */
#include "doc.h"

#include <ctype.h>
#include <string.h>

#include "pn.h"

static const char *const abbrevs[] = {
	"Dr", "Mr", "Mrs", "Ms", "Prof", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "St", "No", "vs",
	"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
	"Calif", "Mass", "Conn", "Penn", "Fla", "Ill", "Md", "Wash", "e.g", "i.e", "U.S", "U.K",
	"approx", "Fig", "Ph.D", "M.D", "etc", "al", NULL,
};

static bool is_abbrev(const char *t, size_t dot)
{
	size_t w = dot;
	while (w > 0 && !isspace((unsigned char)t[w - 1]) && t[w - 1] != '(' && t[w - 1] != '"')
		w--;
	size_t n = dot - w;
	if (n == 1 && isupper((unsigned char)t[w]))
		return true;
	/* the first byte before strlen: this runs at every ". X" */
	for (size_t i = 0; abbrevs[i]; i++)
		if (abbrevs[i][0] == t[w] && strlen(abbrevs[i]) == n && memcmp(abbrevs[i], t + w, n) == 0)
			return true;
	return false;
}

static void push(pnx_doc *d, size_t s, size_t e)
{
	const char *t = d->norm.text;
	while (s < e && isspace((unsigned char)t[s]))
		s++;
	while (e > s && isspace((unsigned char)t[e - 1]))
		e--;
	if (s == e)
		return;
	if (d->nsents == d->csents) {
		d->csents = d->csents ? d->csents * 2 : 64;
		d->sents = pn_xrealloc(d->sents, d->csents * sizeof *d->sents);
	}
	d->sents[d->nsents++] = (pnx_span){s, e};
}

void pnx_split_sentences(pnx_doc *d)
{
	const char *t = d->norm.text;
	size_t len = d->norm.len, start = 0;
	d->nsents = 0;
	/* the bytes that can end a sentence are found by strcspn (vectorised
	 * by glibc; the text is NUL-terminated, and a NUL inside it, from a
	 * \u0000 escape, stops strcspn early and is stepped over) */
	for (size_t i = 0; i < len; i++) {
		i += strcspn(t + i, "\n*.!?");
		if (i >= len)
			break;
		char c = t[i];
		if (c == '\0')
			continue;
		if (c == '\n') {
			push(d, start, i);
			start = i + 1;
		} else if (c == '*' && i + 4 < len && memcmp(t + i, "* * ", 4) == 0) {
			push(d, start, i);
			while (i + 1 < len && (t[i + 1] == '*' || t[i + 1] == ' '))
				i++;
			start = i + 1;
		} else if (c == '.' || c == '!' || c == '?') {
			size_t j = i + 1;
			/* A closing quote or bracket stays with its sentence. */
			if (j < len && (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
				j++;
			size_t end = j;
			if (j >= len || t[j] != ' ')
				continue;
			while (j < len && t[j] == ' ')
				j++;
			unsigned char n = (unsigned char)t[j];
			if (!(isupper(n) || isdigit(n) || n == '"' || n >= 0x80))
				continue;
			if (c == '.' && is_abbrev(t, i))
				continue;
			push(d, start, end);
			start = end;
		}
	}
	push(d, start, len);
	if (d->nsents == 0)
		push(d, 0, len ? len : 0);
}
