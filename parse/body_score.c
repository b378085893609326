/* body_score.c - choose the article container, readability-style.
 *
 * Every paragraph (p, pre, td, or a run of inline text directly in a
 * div-like block) scores 1 + commas + length/100 (at most 3); the score
 * goes to its container, half to the grandparent and a third per level
 * further up, five levels at most. Containers are then discounted by
 * their link density; the best one, or a common ancestor of several
 * near-best ones, wins. Siblings that look like more of the same article
 * and same-class sections elsewhere in the page are added. Every step is
 * one pass over the array (or a walk up one chain of ancestors). */
#include <string.h>
#include "body.h"

#define BS_MIN_PARA 25
#define BS_TOP 5

static float bs_base(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
		return 5;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
		return 3;
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
		return -3;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
		return -5;
	default:
		return 0;
	}
}

static float bs_link_density(const pnp_bnode *b)
{
	return b->text ? (float)b->link / (float)b->text : 0;
}

static void bs_give(pnp_btree *t, int start, float s)
{
	int a = start;
	for (int level = 0; a > 0 && level < 5; level++, a = t->v[a].parent) {
		pnp_bnode *b = &t->v[a];
		if (!(b->flags & PNP_B_SCORED)) {
			b->flags |= PNP_B_SCORED;
			b->score = bs_base(b->tag) + (float)b->weight;
		}
		b->score += s / (level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f);
	}
}

static void bs_score_paragraphs(pnp_btree *t)
{
	for (int i = 1; i < t->n; i++) {
		const pnp_bnode *b = &t->v[i];
		if (b->flags & PNP_B_JUNK)
			continue;
		unsigned len, commas;
		int start;
		if (b->flags & PNP_B_PARA) {
			len = b->text;
			commas = b->commas;
			start = b->parent;
		} else if (b->flags & PNP_B_LOOSE) {
			len = b->itext;
			commas = b->icommas;
			start = i;
		} else {
			continue;
		}
		if (len < BS_MIN_PARA)
			continue;
		float s = 1.0f + (float)commas + (len / 100 > 3 ? 3.0f : (float)(len / 100));
		bs_give(t, start, s);
	}
	for (int i = 0; i < t->n; i++)
		if (t->v[i].flags & PNP_B_SCORED)
			t->v[i].score *= 1.0f - bs_link_density(&t->v[i]);
}

static bool bs_contains(const pnp_btree *t, int anc, int i)
{
	return i >= anc && i < t->v[anc].end;
}

/* top[0..ntop) sorted best first. */
static int bs_best(const pnp_btree *t, int *top)
{
	int ntop = 0;
	for (int i = 0; i < t->n; i++) {
		if (!(t->v[i].flags & PNP_B_SCORED))
			continue;
		float s = t->v[i].score;
		int k = ntop < BS_TOP ? ntop++ : BS_TOP;
		while (k > 0 && t->v[top[k - 1]].score < s) {
			if (k < BS_TOP)
				top[k] = top[k - 1];
			k--;
		}
		if (k < BS_TOP)
			top[k] = i;
	}
	return ntop;
}

/* When three or more near-best candidates sit under one ancestor of the
 * best, the article was split in parts: take that ancestor. */
static int bs_common_ancestor(const pnp_btree *t, const int *top, int ntop)
{
	int best = top[0], alt = 0;
	for (int k = 1; k < ntop; k++)
		if (t->v[top[k]].score >= 0.75f * t->v[best].score)
			alt++;
	if (alt < 3)
		return best;
	for (int a = t->v[best].parent; a > 0 && t->v[a].tag != GUMBO_TAG_BODY; a = t->v[a].parent) {
		int in = 0;
		for (int k = 1; k < ntop; k++)
			if (t->v[top[k]].score >= 0.75f * t->v[best].score && bs_contains(t, a, top[k]))
				in++;
		if (in >= 3)
			return a;
	}
	return best;
}

/* Climb while a parent scores higher than its best child did. */
static int bs_climb(const pnp_btree *t, int top)
{
	float last = t->v[top].score, floor = last / 3;
	for (int a = t->v[top].parent; a > 0 && t->v[a].tag != GUMBO_TAG_BODY; a = t->v[a].parent) {
		if (!(t->v[a].flags & PNP_B_SCORED))
			continue;
		if (t->v[a].score < floor)
			break;
		if (t->v[a].score > last)
			return a;
		last = t->v[a].score;
	}
	return top;
}

static int bs_only_child_up(const pnp_btree *t, int top)
{
	for (;;) {
		int p = t->v[top].parent;
		if (p <= 0 || t->v[p].tag == GUMBO_TAG_BODY)
			return top;
		int kids = 0;
		for (int j = p + 1; j < t->v[p].end; j = t->v[j].end)
			kids++;
		if (kids != 1)
			return top;
		top = p;
	}
}

/* readability's test for a short paragraph that is still prose: a full
 * stop followed by a space or the end, in its own text. */
static bool bs_has_sentence(const pnp_bnode *b)
{
	const GumboVector *kids = &b->node->v.element.children;
	for (unsigned i = 0; i < kids->length; i++) {
		const GumboNode *c = kids->data[i];
		if (c->type != GUMBO_NODE_TEXT)
			continue;
		for (const char *d = strchr(c->v.text.text, '.'); d; d = strchr(d + 1, '.'))
			if (d[1] == ' ' || d[1] == '\0' || d[1] == '\n')
				return true;
	}
	return false;
}

static bool bs_sibling_ok(const pnp_btree *t, int j, float threshold)
{
	const pnp_bnode *b = &t->v[j];
	if (b->flags & PNP_B_JUNK)
		return false;
	if ((b->flags & PNP_B_SCORED) && b->score >= threshold)
		return true;
	if (b->tag != GUMBO_TAG_P)
		return false;
	float ld = bs_link_density(b);
	if (b->text > 80 && ld < 0.25f)
		return true;
	return b->text > 0 && b->text <= 80 && ld == 0 && bs_has_sentence(b);
}

static const char *bs_class(const pnp_bnode *b)
{
	GumboAttribute *a = gumbo_get_attribute(&b->node->v.element.attributes, "class");
	return a && *a->value ? a->value : NULL;
}

/* Nearest enclosing <article>, -1 if none. */
static int bs_article_of(const pnp_btree *t, int i)
{
	while (i >= 0 && t->v[i].tag != GUMBO_TAG_ARTICLE)
		i = t->v[i].parent;
	return i;
}

/* Articles cut into sections by pictures or pull quotes put each part in
 * a container of the same tag and class as the best paragraph container
 * (top), elsewhere in the page: those parts are added when they score
 * well too, unless they sit in another <article> (the next story of an
 * endless page). One pass in document order; next is the first selected
 * root at or after i. */
static void bs_add_peers(const pnp_btree *t, int top, float threshold, bool *sel)
{
	const char *cls = bs_class(&t->v[top]);
	if (!cls)
		return;
	int art = bs_article_of(t, top);
	int next = 0;
	for (int i = 0; i < t->n; i++) {
		while (next < t->n && (next < i || !sel[next]))
			next++;
		if (next == i) {
			i = t->v[i].end - 1;
			continue;
		}
		const pnp_bnode *b = &t->v[i];
		if (!(b->flags & PNP_B_SCORED) || b->score < threshold || b->tag != t->v[top].tag
		    || (next < t->n && next < b->end))
			continue;
		const char *c = bs_class(b);
		if (c && !strcmp(c, cls) && bs_article_of(t, i) == art) {
			sel[i] = true;
			i = b->end - 1;
		}
	}
}

int pnp_bscore_select(pnp_btree *t, bool *sel)
{
	if (t->n == 0)
		return -1;
	bs_score_paragraphs(t);
	int top[BS_TOP];
	int ntop = bs_best(t, top);
	if (ntop == 0) {
		for (int i = 0; i < t->n; i++)
			if (t->v[i].tag == GUMBO_TAG_BODY) {
				sel[i] = true;
				return i;
			}
		sel[0] = true;
		return 0;
	}
	int best = bs_common_ancestor(t, top, ntop);
	best = bs_climb(t, best);
	best = bs_only_child_up(t, best);
	int p = t->v[best].parent;
	if (p < 0) {
		sel[best] = true;
		return best;
	}
	float threshold = t->v[best].score * 0.2f;
	if (threshold < 10)
		threshold = 10;
	for (int j = p + 1; j < t->v[p].end; j = t->v[j].end)
		sel[j] = j == best || bs_sibling_ok(t, j, threshold);
	bs_add_peers(t, top[0], t->v[top[0]].score * 0.2f, sel);
	return best;
}
