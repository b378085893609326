/* meta.c - page metadata (minimal: <title> only). */
#include "pn.h"
#include "parse.h"

#include <stdlib.h>
#include <string.h>

static const GumboNode *pnp_find_title(const GumboNode *n)
{
	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	if (n->v.element.tag == GUMBO_TAG_TITLE)
		return n;
	const GumboVector *c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++) {
		const GumboNode *t = pnp_find_title(c->data[i]);
		if (t)
			return t;
	}
	return NULL;
}

void pnp_meta_extract(GumboOutput *doc, const char *html, size_t html_len,
                      const char *url, pnp_meta *m)
{
	(void)html;
	(void)html_len;
	(void)url;
	memset(m, 0, sizeof *m);
	m->published_source = "none";
	const GumboNode *t = pnp_find_title(doc->root);
	if (t && t->v.element.children.length > 0) {
		const GumboNode *txt = t->v.element.children.data[0];
		if (txt->type == GUMBO_NODE_TEXT)
			m->title = pn_xstrdup(txt->v.text.text);
	}
}

void pnp_meta_free(pnp_meta *m)
{
	free(m->title);
	free(m->canonical_url);
	free(m->published);
	free(m->modified);
	for (size_t i = 0; i < m->nauthors; i++)
		free(m->authors[i]);
	free(m->authors);
	free(m->site_name);
	free(m->lang);
	memset(m, 0, sizeof *m);
}
