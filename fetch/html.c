/* html.c - links of an HTML listing page ("index" seeds), parsed with
 * gumbo: every <a href>, resolved against <base href> or the page URL. */
#include "fetch.h"

#include <gumbo.h>
#include <string.h>

typedef struct walk {
	const char *base;
	pnf_link_fn fn;
	void *ctx;
	long n;
} walk;

static const char *attr(const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
	return a ? a->value : NULL;
}

/* First <base href>, which changes how every relative link resolves. */
static const GumboNode *find_base(const GumboNode *n)
{
	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	if (n->v.element.tag == GUMBO_TAG_BASE && attr(&n->v.element, "href"))
		return n;
	const GumboVector *c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++) {
		const GumboNode *b = find_base(c->data[i]);
		if (b)
			return b;
	}
	return NULL;
}

static void links(walk *w, const GumboNode *n)
{
	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	const char *href = n->v.element.tag == GUMBO_TAG_A ? attr(&n->v.element, "href") : NULL;
	if (href) {
		char *url = pnf_url_resolve(w->base, href);
		if (url && pnf_url_is_http(url)) {
			w->fn(w->ctx, url, PNF_PAGE, NULL);
			w->n++;
		}
		free(url);
	}
	const GumboVector *c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++)
		links(w, c->data[i]);
}

long pnf_html_links(const char *body, size_t len, const char *base_url, pnf_link_fn fn, void *ctx)
{
	GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, body, len);
	if (!out)
		pn_die(PN_EXIT_INTERNAL, "out of memory (gumbo)");
	const GumboNode *b = find_base(out->root);
	char *base = b ? pnf_url_resolve(base_url, attr(&b->v.element, "href")) : NULL;
	walk w = {base ? base : base_url, fn, ctx, 0};
	links(&w, out->root);
	free(base);
	gumbo_destroy_output(&kGumboDefaultOptions, out);
	return w.n;
}
