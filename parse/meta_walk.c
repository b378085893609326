/* meta_walk.c - one pass over the parsed page collecting metadata
 * candidates by source (see docs/parse-meta.md for the trust order).
 *
 * It must stay cheap (pn-parse runs at gumbo's pace): one recursive walk,
 * no regular expressions, and visible text is read only from small
 * elements that look like bylines (meta_byline.c), at most 40 of them. */
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pn.h"

#define PNP_MAX_DEPTH 500

/* Class or id tokens starting like these mark other stories and readers'
 * comments: their dates, names and headings are not the article's. */
static const char *const pnp_boiler_words[] = {
	"comment", "related", "sidebar", "ticker", "breaking", "trending", "recommend",
	"popular", "most-",
};

/* Does a token of the class or id attribute start with a boiler word? */
static bool pnp_boiler_attr(const char *list)
{
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t\n\r\f");
		size_t l = strcspn(p, " \t\n\r\f");
		for (size_t k = 0; k < sizeof pnp_boiler_words / sizeof pnp_boiler_words[0]; k++) {
			size_t wl = strlen(pnp_boiler_words[k]);
			if (l >= wl && strncasecmp(p, pnp_boiler_words[k], wl) == 0)
				return true;
		}
		p += l;
	}
	return false;
}

static void pnp_script(pnp_found *f, const GumboNode *n)
{
	const char *type = pnp_attr(n, "type");
	if (!type || !strcasestr(type, "ld+json") || n->v.element.children.length == 0)
		return;
	const GumboNode *t = n->v.element.children.data[0];
	if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_WHITESPACE)
		pnp_jsonld_add(&f->ld, t->v.text.text, strlen(t->v.text.text));
}

/* Handles element n itself; false when its subtree is not worth walking. */
static bool pnp_element(pnp_found *f, const GumboNode *n, unsigned *ctx)
{
	const char *v;
	switch (n->v.element.tag) {
	case GUMBO_TAG_HTML:
		if ((v = pnp_attr(n, "lang")) || (v = pnp_attr(n, "xml:lang")))
			pnp_slot_str(&f->lang, pnp_text_clean(v, strlen(v)), 0);
		return true;
	case GUMBO_TAG_BASE:
		if ((v = pnp_attr(n, "href")))
			pnp_slot_str(&f->base_href, pn_xstrdup(v), 0);
		return false;
	case GUMBO_TAG_TITLE:
		if (n->v.element.tag_namespace == GUMBO_NAMESPACE_HTML && !f->title_tag.v)
			pnp_slot_str(&f->title_tag, pnp_text_of(n, 2000), 0);
		return false;
	case GUMBO_TAG_META:
		pnp_meta_tag(f, n);
		return false;
	case GUMBO_TAG_LINK:
		if ((v = pnp_attr(n, "rel")) && pnp_has_token(v, "canonical") &&
		    (v = pnp_attr(n, "href")))
			pnp_slot_str(&f->canonical, pn_xstrdup(v), 0);
		return false;
	case GUMBO_TAG_SCRIPT:
		pnp_script(f, n);
		return false;
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_IFRAME:
		return false;
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_FOOTER:
		*ctx |= PNP_CTX_BOILER;
		return true;
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN:
		*ctx |= PNP_CTX_ARTICLE;
		return true;
	case GUMBO_TAG_HEADER:
		*ctx |= PNP_CTX_HEADER;
		return true;
	case GUMBO_TAG_H1: {
		int rank = *ctx & PNP_CTX_ARTICLE ? 0 : 1;
		if (!(*ctx & PNP_CTX_BOILER) && rank < f->h1.rank)
			pnp_slot_str(&f->h1, pnp_text_of(n, 2000), rank);
		return true;
	}
	case GUMBO_TAG_TIME:
		if (!(*ctx & PNP_CTX_BOILER))
			pnp_time_tag(f, n, *ctx);
		return true;
	case GUMBO_TAG_A:
		if ((v = pnp_attr(n, "rel")) && pnp_has_token(v, "author")) {
			char *t = pnp_text_of(n, 100);
			if (t)
				pnp_authors_add(&f->au_rel, t, strlen(t));
			free(t);
		}
		return true;
	default:
		return true;
	}
}

static void pnp_visit(pnp_found *f, const GumboNode *n, unsigned ctx, int depth)
{
	if (depth > PNP_MAX_DEPTH)
		return;
	/* <body class="one-sidebar"> describes the layout, not its content. */
	GumboTag tag = n->v.element.tag;
	if (!(ctx & PNP_CTX_BOILER) && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML &&
	    (pnp_boiler_attr(pnp_attr(n, "class")) || pnp_boiler_attr(pnp_attr(n, "id"))))
		ctx |= PNP_CTX_BOILER;
	if (!pnp_element(f, n, &ctx))
		return;
	const char *prop = pnp_attr(n, "itemprop");
	if (prop && tag != GUMBO_TAG_TIME)
		pnp_itemprop(f, n, prop);
	if (!(ctx & (PNP_CTX_HINT | PNP_CTX_BOILER)) && f->hints_left > 0)
		pnp_hint(f, n, &ctx);
	const GumboVector *c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++) {
		const GumboNode *k = c->data[i];
		if (k->type == GUMBO_NODE_ELEMENT || k->type == GUMBO_NODE_TEMPLATE)
			pnp_visit(f, k, ctx, depth + 1);
		else if (k->type == GUMBO_NODE_TEXT && !(ctx & (PNP_CTX_HINT | PNP_CTX_BOILER)))
			pnp_text_node(f, n, k->v.text.text, ctx);
	}
}

void pnp_walk(pnp_found *f, const GumboNode *root)
{
	if (root->type == GUMBO_NODE_ELEMENT)
		pnp_visit(f, root, 0, 0);
}
