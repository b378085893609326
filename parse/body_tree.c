/* body_tree.c - flatten the gumbo tree into pnp_btree and count text.
 *
 * Elements that are junk by tag (script, nav...) or hidden get an entry
 * but are not descended into: body_text.c walks the gumbo tree with the
 * same rule, so the n-th element it meets is v[n]. Elements whose class
 * says boilerplate are flattened whole, because they are junk only if
 * they hold no explicit article body ("theiaStickySidebar" and
 * "Page-ad-margins" wrap whole articles). */
#include <stdlib.h>
#include <string.h>
#include "body.h"

/* Never article text, whatever their class says. */
static bool bt_junk_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
	case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_INPUT:
	case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_MENU:
	case GUMBO_TAG_LABEL: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_MAP:
	case GUMBO_TAG_FIGCAPTION:
		return true;
	default:
		return false;
	}
}

static bool bt_block_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
	case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
	case GUMBO_TAG_HTML: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
	case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY:
	case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_UL: case GUMBO_TAG_LEGEND:
		return true;
	default:
		return false;
	}
}

static unsigned bt_tag_flags(GumboTag t)
{
	unsigned f = bt_block_tag(t) ? PNP_B_BLOCK : 0;
	switch (t) {
	case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD:
		f |= PNP_B_PARA;
		break;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
		f |= PNP_B_LIST;
		break;
	case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER:
		f |= PNP_B_LOOSE;
		break;
	default:
		break;
	}
	return f;
}

/* Bytes of text of a run, with whitespace runs (incl. U+00A0) counted as
 * one byte; *commas gets the number of commas. */
static unsigned bt_measure(const char *s, unsigned *commas)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned n = 0, c = 0;
	bool space = true; /* leading whitespace is not counted */
	for (; *p; p++) {
		bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
		if (p[0] == 0xC2 && p[1] == 0xA0) {
			ws = true;
			p++;
		}
		if (ws) {
			if (!space)
				n++;
			space = true;
			continue;
		}
		space = false;
		n++;
		if (*p == ',')
			c++;
	}
	*commas = c;
	return n;
}

static int bt_push(pnp_btree *t, GumboNode *node, int parent, bool strict)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = pn_xrealloc(t->v, (size_t)t->cap * sizeof *t->v);
	}
	pnp_bnode *b = &t->v[t->n];
	memset(b, 0, sizeof *b);
	b->node = node;
	b->parent = parent;
	b->tag = node->v.element.tag;
	b->flags = bt_tag_flags(b->tag);
	b->weight = pnp_bhint_classify(&node->v.element, b->tag, &b->flags);
	if (!strict) {
		b->flags &= ~(unsigned)(PNP_B_BOILER | PNP_B_STRONG);
		b->weight = 0;
	}
	if (bt_junk_tag(b->tag) || (b->flags & PNP_B_HIDDEN))
		b->flags |= PNP_B_JUNK;
	switch (b->tag) {
	case GUMBO_TAG_A:
		if (gumbo_get_attribute(&node->v.element.attributes, "href"))
			b->flags |= PNP_B_LINK;
		break;
	case GUMBO_TAG_IMG: b->imgs = 1; break;
	case GUMBO_TAG_INPUT: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
		b->inputs = 1;
		break;
	case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
	case GUMBO_TAG_VIDEO:
		b->embeds = 1;
		break;
	default:
		break;
	}
	return t->n++;
}

static void bt_add_text(pnp_bnode *b, const char *s)
{
	unsigned commas;
	unsigned n = bt_measure(s, &commas);
	b->text += n;
	b->itext += n;
	b->commas += commas;
	b->icommas += commas;
}

/* Iterative walk: pages with thousands of nested elements must not
 * overflow the C stack. */
typedef struct bt_frame {
	GumboNode *node;
	unsigned next; /* next child to visit */
	int idx;
} bt_frame;

static void bt_walk(pnp_btree *t, GumboNode *root, bool strict)
{
	size_t cap = 64, sp = 0;
	bt_frame *st = pn_xmalloc(cap * sizeof *st);
	st[sp++] = (bt_frame){root, 0, bt_push(t, root, -1, strict)};
	while (sp) {
		bt_frame *f = &st[sp - 1];
		GumboVector *kids = &f->node->v.element.children;
		if ((t->v[f->idx].flags & PNP_B_JUNK) || f->next >= kids->length) {
			t->v[f->idx].end = t->n;
			sp--;
			continue;
		}
		GumboNode *c = kids->data[f->next++];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA
		    || c->type == GUMBO_NODE_WHITESPACE) {
			bt_add_text(&t->v[f->idx], c->v.text.text);
		} else if (c->type == GUMBO_NODE_ELEMENT || c->type == GUMBO_NODE_TEMPLATE) {
			int idx = bt_push(t, c, f->idx, strict);
			if (sp == cap) {
				cap *= 2;
				st = pn_xrealloc(st, cap * sizeof *st);
			}
			st[sp++] = (bt_frame){c, 0, idx};
		}
	}
	free(st);
}

/* Boilerplate by name is junk unless it holds the article body; junk
 * covers the whole subtree. Children come after their parent: one
 * backward sweep finds the article bodies, one forward sweep spreads junk
 * down. */
static void bt_resolve_junk(pnp_btree *t)
{
	for (int i = t->n - 1; i > 0; i--)
		if (t->v[i].flags & (PNP_B_STRONG | PNP_B_HAS_STRONG))
			t->v[t->v[i].parent].flags |= PNP_B_HAS_STRONG;
	for (int i = 1; i < t->n; i++) {
		pnp_bnode *b = &t->v[i];
		if (((b->flags & PNP_B_BOILER) && !(b->flags & (PNP_B_STRONG | PNP_B_HAS_STRONG)))
		    || (t->v[b->parent].flags & PNP_B_JUNK))
			b->flags |= PNP_B_JUNK;
	}
}

/* One backward sweep completes each subtree before it is added to its
 * parent. Junk adds nothing but its own controls and embeds (an iframe,
 * a form field) to a parent that is not junk. */
static void bt_sum(pnp_btree *t)
{
	for (int i = t->n - 1; i > 0; i--) {
		pnp_bnode *b = &t->v[i], *p = &t->v[b->parent];
		if (b->flags & PNP_B_JUNK) {
			if (!(p->flags & PNP_B_JUNK)) {
				p->imgs += b->imgs;
				p->inputs += b->inputs;
				p->embeds += b->embeds;
			}
			continue;
		}
		if (b->flags & PNP_B_LINK)
			b->link = b->text;
		if (((b->flags & PNP_B_PARA) && b->text >= 25)
		    || ((b->flags & PNP_B_LOOSE) && b->itext >= 25))
			b->paras++;
		p->text += b->text;
		p->link += b->link;
		p->commas += b->commas;
		p->paras += b->paras;
		p->imgs += b->imgs;
		p->inputs += b->inputs;
		p->embeds += b->embeds;
		if (!(b->flags & PNP_B_BLOCK)) {
			p->itext += b->itext;
			p->icommas += b->icommas;
		}
	}
}

void pnp_btree_build(GumboOutput *doc, pnp_btree *t, bool strict)
{
	t->v = NULL;
	t->n = t->cap = 0;
	if (!doc->root || doc->root->type != GUMBO_NODE_ELEMENT)
		return;
	bt_walk(t, doc->root, strict);
	bt_resolve_junk(t);
	bt_sum(t);
}

void pnp_btree_free(pnp_btree *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
