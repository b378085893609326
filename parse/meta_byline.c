/* meta_byline.c - dates and names in visible text: <time>, microdata on
 * visible elements, byline-like elements and "Published ..." texts. */
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PNP_BYLINE_MAX 300 /* longer elements are not bylines */

/* Rank of microdata dates (itemprop on visible elements), after every
 * meta tag name. */
#define PNP_RANK_MICRODATA 100

/* Class or id fragments of elements that hold bylines and datelines. */
static const char *const pnp_hint_words[] = {
	"byline", "dateline", "date", "time", "publish", "posted", "author", "meta", "credit",
};

/* Rank of a visible date of trust level 0 (labelled or marked up as the
 * publication date), 1 (in the article or a header) or 2: apart from
 * level 0, one after the headline beats one before it, which is more
 * often the site header's "today" than the article's date. */
static int pnp_place_rank(const pnp_found *f, int trust)
{
	return trust == 0 ? 0 : trust + (f->h1.v ? 0 : 2);
}

/* Dates and names in the text t of a byline-like element. */
static void pnp_byline(pnp_found *f, const char *t, unsigned ctx, bool names)
{
	size_t n = strlen(t), pos = 0, first = n;
	int base = pnp_place_rank(f, ctx & (PNP_CTX_ARTICLE | PNP_CTX_HEADER) ? 1 : 2);
	/* "Published Mar 4, 2025 | Updated Mar 5, 2025": up to two dates */
	for (int k = 0; k < 2 && pos < n; k++) {
		char d[PNP_DATE_MAX];
		size_t start, l = pnp_date_find(t + pos, n - pos, &start, d);
		if (!l)
			break;
		start += pos;
		if (first == n)
			first = start;
		size_t back = start > 24 ? start - 24 : 0;
		char before[32];
		memcpy(before, t + back, start - back);
		before[start - back] = '\0';
		if (strcasestr(before, "updated") || strcasestr(before, "modified") ||
		    strcasestr(before, "edited"))
			pnp_slot_date(&f->mod_byline, d, base);
		else if (strcasestr(before, "published") || strcasestr(before, "posted") ||
		         strcasestr(before, "released"))
			pnp_slot_date(&f->pub_byline, d, pnp_place_rank(f, 0));
		else
			pnp_slot_date(&f->pub_byline, d, base);
		pos = start + l;
	}
	/* Names end where the date or its label starts. */
	static const char *const labels[] = {"published", "updated", "posted", "modified"};
	for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
		const char *at = strcasestr(t, labels[k]);
		if (at && (size_t)(at - t) < first)
			first = (size_t)(at - t);
	}
	/* The first byline with names is the article's; later ones are
	 * related stories'. */
	if (f->au_byline.n == 0 && (strncasecmp(t, "by ", 3) == 0 || (names && first > 0)))
		pnp_authors_add_list(&f->au_byline, t, first);
}

void pnp_hint(pnp_found *f, const GumboNode *n, unsigned *ctx)
{
	const char *cls = pnp_attr(n, "class"), *id = pnp_attr(n, "id");
	if (!cls && !id)
		return;
	bool hinted = false, names = false;
	for (size_t k = 0; k < sizeof pnp_hint_words / sizeof pnp_hint_words[0]; k++) {
		const char *w = pnp_hint_words[k];
		if ((cls && strcasestr(cls, w)) || (id && strcasestr(id, w))) {
			hinted = true;
			names |= !strcmp(w, "author") || !strcmp(w, "byline");
		}
	}
	if (!hinted)
		return;
	char *t = pnp_text_of(n, PNP_BYLINE_MAX);
	if (!t)
		return;
	f->hints_left--;
	/* An author/byline element is read whole; in a generic "meta" or
	 * "date" box the author may still have its own element. */
	if (names)
		*ctx |= PNP_CTX_HINT;
	pnp_byline(f, t, *ctx, names);
	free(t);
}

/* A short text starting like a byline: read its parent element, as the
 * date or name often sits in a sibling ("Published <time>..</time>"). */
void pnp_text_node(pnp_found *f, const GumboNode *parent, const char *s, unsigned ctx)
{
	static const char *const starts[] = {"by ", "published", "posted", "updated",
	                                     "last updated", "first published", "released"};
	s += strspn(s, " \t\n\r");
	bool hit = false;
	for (size_t k = 0; k < sizeof starts / sizeof starts[0] && !hit; k++)
		hit = strncasecmp(s, starts[k], strlen(starts[k])) == 0;
	if (!hit || strlen(s) > PNP_BYLINE_MAX || f->hints_left <= 0)
		return;
	char *t = pnp_text_of(parent, PNP_BYLINE_MAX);
	if (!t)
		return;
	f->hints_left--;
	pnp_byline(f, t, ctx, false);
	free(t);
}

void pnp_time_tag(pnp_found *f, const GumboNode *n, unsigned ctx)
{
	char d[PNP_DATE_MAX];
	const char *dt = pnp_attr(n, "datetime");
	size_t start;
	if (dt) {
		if (!pnp_date_parse(dt, strlen(dt), true, d))
			return;
	} else {
		char *t = pnp_text_of(n, 100);
		size_t l = t ? pnp_date_find(t, strlen(t), &start, d) : 0;
		free(t);
		if (!l)
			return;
	}
	const char *prop = pnp_attr(n, "itemprop"), *cls = pnp_attr(n, "class");
	if ((prop && strcasestr(prop, "datemodified")) ||
	    (cls && (strcasestr(cls, "updated") || strcasestr(cls, "modified")))) {
		pnp_slot_date(&f->mod_time, d, 0);
		return;
	}
	int trust = 2;
	if ((prop && strcasestr(prop, "datepublished")) || pnp_attr(n, "pubdate"))
		trust = 0;
	else if (ctx & (PNP_CTX_ARTICLE | PNP_CTX_HEADER))
		trust = 1;
	pnp_slot_date(&f->pub_time, d, pnp_place_rank(f, trust));
}

/* Microdata on visible elements (<meta itemprop> and <time> are read
 * elsewhere). */
void pnp_itemprop(pnp_found *f, const GumboNode *n, const char *prop)
{
	bool pub = strcasestr(prop, "datepublished"), mod = strcasestr(prop, "datemodified");
	if (pub || mod) {
		char d[PNP_DATE_MAX];
		const char *v = pnp_attr(n, "content");
		if (!v)
			v = pnp_attr(n, "datetime");
		size_t start, ok = 0;
		if (v) {
			ok = pnp_date_parse(v, strlen(v), true, d);
		} else {
			char *t = pnp_text_of(n, 100);
			ok = t ? pnp_date_find(t, strlen(t), &start, d) : 0;
			free(t);
		}
		if (ok)
			pnp_slot_date(pub ? &f->pub_meta : &f->mod_meta, d, PNP_RANK_MICRODATA);
	} else if (pnp_has_token(prop, "author") || pnp_has_token(prop, "creator")) {
		const char *v = pnp_attr(n, "content");
		char *t = v ? NULL : pnp_text_of(n, 100);
		if (v || t)
			pnp_authors_add_list(&f->au_micro, v ? v : t, strlen(v ? v : t));
		free(t);
	}
}
