/* body_text.c - write the text of the chosen container(s).
 *
 * Walks the gumbo tree under each selected element in the order
 * body_tree.c flattened it (junk elements are one entry, never entered),
 * so the element met n-th is t->v[n]. Blocks that look like boilerplate
 * inside the article (link lists, galleries, forms, short promos) are
 * skipped whole. */
#include <stdlib.h>
#include <string.h>
#include "body.h"

typedef struct bw_state {
	const pnp_btree *t;
	const char *title;
	pn_buf *out;
	pn_buf para;
	bool space; /* whitespace seen since the last character of para */
} bw_state;

static float bw_ld(const pnp_bnode *b)
{
	return b->text ? (float)b->link / (float)b->text : 0;
}

/* readability's "clean conditionally", on the counts of body_tree.c. */
static bool bw_drop_container(const pnp_bnode *b)
{
	/* A scored block's score already holds its class weight: a container
	 * of real paragraphs survives a "widget" in its class. */
	if ((b->flags & PNP_B_SCORED) ? b->score < 0 : b->weight < 0)
		return true;
	if (b->commas >= 10)
		return false;
	bool list = b->flags & PNP_B_LIST;
	float ld = bw_ld(b);
	/* readability also drops blocks with more list items than paragraphs;
	 * link lists go by link density anyway, and the lists left are the
	 * article's own (ingredients, key points). */
	/* Galleries: pictures with a line each. Two real paragraphs, or 100
	 * bytes of text a picture, make it part of the story. */
	if (b->imgs > 1 && b->paras * 2 < b->imgs && (b->paras < 2 || ld > 0.1f)
	    && b->text < 100 * b->imgs)
		return true;
	if (b->inputs > b->paras / 3)
		return true;
	if (!list && b->text < 25 && (b->imgs == 0 || b->imgs > 2))
		return true;
	/* readability uses 0.2; quoted tweets and source boxes inside news
	 * stories run at 20-30% link text. */
	if (b->weight < 25 && ld > 0.3f)
		return true;
	if (b->weight >= 25 && ld > 0.5f)
		return true;
	if ((b->embeds == 1 && b->text < 75) || b->embeds > 1)
		return true;
	return false;
}

static bool bw_drop(const pnp_bnode *b)
{
	switch (b->tag) {
	case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
	case GUMBO_TAG_DL: case GUMBO_TAG_TABLE: case GUMBO_TAG_FORM: case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_CENTER:
		return bw_drop_container(b);
	case GUMBO_TAG_H1: /* the headline: metadata, not body */
		return true;
	case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		return bw_ld(b) > 0.5f;
	case GUMBO_TAG_P: case GUMBO_TAG_LI: /* a link to another story, not prose with links */
		return bw_ld(b) > 0.5f && b->text < 120;
	default:
		return false;
	}
}

static bool bw_is_title(const bw_state *w, const char *s, size_t n)
{
	if (!w->title || n < 10)
		return false;
	if (strncmp(w->title, s, n))
		return false;
	/* "Headline | Site" titles start with the headline. */
	char next = w->title[n];
	return next == '\0' || next == ' ' || next == '|' || next == ':';
}

static void bw_flush(bw_state *w)
{
	pn_buf *p = &w->para;
	w->space = false;
	while (p->len && p->data[p->len - 1] == '\n')
		p->len--;
	if (p->len == 0)
		return;
	if (!pnp_bhint_boilerplate_line(p->data, p->len) && !bw_is_title(w, p->data, p->len)) {
		if (w->out->len)
			pn_buf_add(w->out, "\n\n", 2);
		pn_buf_add(w->out, p->data, p->len);
	}
	pn_buf_reset(p);
}

static void bw_text(bw_state *w, const char *s)
{
	pn_buf *p = &w->para;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if (*c == ' ' || *c == '\n' || *c == '\t' || *c == '\r' || *c == '\f') {
			w->space = true;
		} else if (c[0] == 0xC2 && c[1] == 0xA0) {
			w->space = true;
			c++;
		} else {
			if (w->space && p->len && p->data[p->len - 1] != '\n'
			    && p->data[p->len - 1] != ' ')
				pn_buf_addc(p, ' ');
			w->space = false;
			pn_buf_addc(p, (char)*c);
		}
	}
}

/* <br>: a line break; two in a row end the paragraph, as they do on
 * pages written without <p>. */
static void bw_newline(bw_state *w)
{
	pn_buf *p = &w->para;
	if (p->len && p->data[p->len - 1] == '\n')
		bw_flush(w);
	else if (p->len)
		pn_buf_addc(p, '\n');
	w->space = false;
}

/* A table is one paragraph, one line per row, " | " between cells, so
 * a results table reads row by row. */
static bool bw_cell(GumboTag t)
{
	return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
}

static bool bw_in_table(GumboTag t)
{
	return bw_cell(t) || t == GUMBO_TAG_TR || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD
	       || t == GUMBO_TAG_TFOOT;
}

/* Does this element end the paragraph before and after it? */
static bool bw_breaks(const pnp_bnode *b)
{
	return (b->flags & PNP_B_BLOCK) && !bw_in_table(b->tag);
}

static void bw_cell_start(bw_state *w)
{
	pn_buf *p = &w->para;
	if (p->len && p->data[p->len - 1] != '\n')
		pn_buf_add(p, " | ", 3);
	w->space = false;
}

static void bw_row_end(bw_state *w)
{
	pn_buf *p = &w->para;
	if (p->len && p->data[p->len - 1] != '\n')
		pn_buf_addc(p, '\n');
	w->space = false;
}

typedef struct bw_frame {
	GumboNode *node;
	unsigned next;
	int idx;
} bw_frame;

/* Writes the subtree of element root (t->v[root]). */
static void bw_walk(bw_state *w, int root)
{
	const pnp_btree *t = w->t;
	size_t cap = 64, sp = 0;
	bw_frame *st = pn_xmalloc(cap * sizeof *st);
	int counter = root + 1;
	st[sp++] = (bw_frame){t->v[root].node, 0, root};
	if (bw_breaks(&t->v[root]))
		bw_flush(w);
	while (sp) {
		bw_frame *f = &st[sp - 1];
		GumboVector *kids = &f->node->v.element.children;
		if (f->next >= kids->length) {
			if (bw_breaks(&t->v[f->idx]))
				bw_flush(w);
			else if (t->v[f->idx].tag == GUMBO_TAG_TR)
				bw_row_end(w);
			sp--;
			continue;
		}
		GumboNode *c = kids->data[f->next++];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA
		    || c->type == GUMBO_NODE_WHITESPACE) {
			bw_text(w, c->v.text.text);
			continue;
		}
		if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE)
			continue;
		int idx = counter;
		const pnp_bnode *b = &t->v[idx];
		counter = b->end;
		if ((b->flags & PNP_B_JUNK) || bw_drop(b))
			continue;
		counter = idx + 1;
		if (b->tag == GUMBO_TAG_BR) {
			bw_newline(w);
			continue;
		}
		if (bw_cell(b->tag))
			bw_cell_start(w);
		else if (bw_breaks(b))
			bw_flush(w);
		if (sp == cap) {
			cap *= 2;
			st = pn_xrealloc(st, cap * sizeof *st);
		}
		st[sp++] = (bw_frame){c, 0, idx};
	}
	bw_flush(w);
	free(st);
}

void pnp_btext_write(const pnp_btree *t, const bool *sel, const char *title, pn_buf *out)
{
	bw_state w = {t, title, out, PN_BUF_INIT, false};
	for (int i = 0; i < t->n; i++) {
		if (!sel[i])
			continue;
		bw_walk(&w, i);
		i = t->v[i].end - 1;
	}
	pn_buf_free(&w.para);
}
