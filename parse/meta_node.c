/* meta_node.c - reading attributes and text of gumbo nodes. */
#include "meta_int.h"

#include <string.h>
#include <strings.h>

#include "pn.h"

const char *pnp_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

bool pnp_has_token(const char *list, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; p && *p;) {
		p += strspn(p, " \t\n\r\f");
		size_t l = strcspn(p, " \t\n\r\f");
		if (l == wl && strncasecmp(p, word, l) == 0)
			return true;
		p += l;
	}
	return false;
}

/* Text of the subtree under n into b, text nodes joined by spaces;
 * false as soon as it exceeds max. */
static bool pnp_gather(const GumboNode *n, pn_buf *b, size_t max)
{
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA) {
		pn_buf_adds(b, n->v.text.text);
		pn_buf_addc(b, ' ');
		return b->len <= max;
	}
	if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
		return true;
	GumboTag tag = n->v.element.tag;
	if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE)
		return true;
	const GumboVector *c = &n->v.element.children;
	for (unsigned i = 0; i < c->length; i++)
		if (!pnp_gather(c->data[i], b, max))
			return false;
	return true;
}

char *pnp_text_of(const GumboNode *n, size_t max)
{
	pn_buf b = PN_BUF_INIT;
	char *t = NULL;
	if (pnp_gather(n, &b, max) && b.len > 0)
		t = pnp_text_clean(b.data, b.len);
	pn_buf_free(&b);
	return t;
}
