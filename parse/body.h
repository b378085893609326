/* body.h - internals of the article body extractor (body*.c).
 *
 * The gumbo tree is flattened once into an array of elements in document
 * order (pnp_btree); every later step (scoring, choosing the container,
 * writing text) is a linear walk over that array, so a page costs a few
 * passes whatever its shape. */
#ifndef PARSE_BODY_H
#define PARSE_BODY_H

#include <gumbo.h>
#include <stdbool.h>
#include "pn.h"

/* pnp_bnode.flags */
enum {
	PNP_B_JUNK = 1u << 0,    /* never text: script, nav, hidden, share bar...
	                          * (and everything inside) */
	PNP_B_BLOCK = 1u << 1,   /* starts a new paragraph when written */
	PNP_B_PARA = 1u << 2,    /* scored as one paragraph (p, pre, td, ...) */
	PNP_B_LINK = 1u << 3,    /* <a href> */
	PNP_B_SCORED = 1u << 4,  /* received paragraph score: a candidate */
	PNP_B_LIST = 1u << 5,    /* ul, ol, dl */
	PNP_B_HIDDEN = 1u << 6,  /* hidden, display:none, aria-hidden */
	PNP_B_LOOSE = 1u << 7,   /* div-like: its own loose text is a paragraph */
	PNP_B_BOILER = 1u << 8,  /* class/id/role names boilerplate */
	PNP_B_STRONG = 1u << 9,  /* class/itemprop names the article body */
	PNP_B_HAS_STRONG = 1u << 10, /* some descendant is PNP_B_STRONG */
};

/* One element. Indices refer to pnp_btree.v; subtree of i is [i, end). */
typedef struct pnp_bnode {
	GumboNode *node;  /* borrowed from the gumbo tree */
	int parent;       /* -1 for the root */
	int end;
	GumboTag tag;
	unsigned flags;
	int weight;       /* class/id hint: +25 content, -25 boilerplate */
	/* Counts over the subtree, JUNK subtrees excluded. Text is measured
	 * in bytes with whitespace runs counted as one. */
	unsigned text;    /* all text */
	unsigned itext;   /* inline text: not inside a BLOCK descendant */
	unsigned link;    /* text inside links */
	unsigned commas;
	unsigned icommas; /* commas of itext */
	unsigned paras;   /* paragraphs inside (PARA text or LOOSE itext >= 25) */
	unsigned imgs, inputs, embeds;
	float score;      /* paragraph score gathered (PNP_B_SCORED) */
} pnp_bnode;

typedef struct pnp_btree {
	pnp_bnode *v;     /* owned */
	int n, cap;
} pnp_btree;

/* body_tree.c: flattens doc (from <html>) into t and fills every count.
 * strict: class/id hints count (boilerplate names are junk unless they
 * hold an explicit article-body element, weights apply); otherwise they
 * are ignored and only tags and hidden elements are junk. Dies on OOM.
 * Free with pnp_btree_free. */
void pnp_btree_build(GumboOutput *doc, pnp_btree *t, bool strict);
void pnp_btree_free(pnp_btree *t);

/* body_hints.c: class/id/role/style hints for one element: sets
 * PNP_B_BOILER/PNP_B_STRONG/PNP_B_HIDDEN in *flags and returns the weight
 * (+25 content names, -25 boilerplate names, 0 neither or both).
 * The compiled patterns live until exit. */
int pnp_bhint_classify(const GumboElement *el, GumboTag tag, unsigned *flags);
/* True when a short paragraph is a known boilerplate line
 * ("Advertisement", "Share this article", "Read more", ...). */
bool pnp_bhint_boilerplate_line(const char *s, size_t len);

/* body_score.c: readability-style paragraph scoring; returns the index of
 * the best container and marks the chosen top-level elements in sel[]
 * (caller-allocated, t->n entries, zeroed). -1 when the page has no text. */
int pnp_bscore_select(pnp_btree *t, bool *sel);

/* body_jsonld.c: the longest JSON-LD "articleBody" of the page (scripts
 * in <head> or among t's elements), paragraphs separated by "\n\n";
 * malloc'd (caller frees), NULL if none. */
char *pnp_bjsonld_body(const pnp_btree *t);

/* body_text.c: writes the text of the selected elements into out,
 * paragraphs separated by "\n\n", skipping boilerplate blocks inside them.
 * title (may be NULL): a heading equal to it is not repeated. */
void pnp_btext_write(const pnp_btree *t, const bool *sel, const char *title, pn_buf *out);

#endif
