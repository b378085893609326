/* body_jsonld.c - the JSON-LD articleBody, fallback for pages whose text
 * is put in place by scripts (the raw HTML a crawler gets holds only an
 * empty mount point, but often the full text for search engines). It is
 * not used when the page itself has text: it is often a teaser. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "body.h"

/* Longest "articleBody" string anywhere in v (objects, arrays, @graph). */
static const char *bj_find(json_t *v, const char *best)
{
	if (json_is_object(v)) {
		const char *key;
		json_t *val;
		json_object_foreach(v, key, val) {
			if (!strcmp(key, "articleBody") && json_is_string(val)) {
				if (!best || json_string_length(val) > strlen(best))
					best = json_string_value(val);
			} else {
				best = bj_find(val, best);
			}
		}
	} else if (json_is_array(v)) {
		size_t i;
		json_t *val;
		json_array_foreach(v, i, val)
			best = bj_find(val, best);
	}
	return best;
}

/* Paragraphs on their own lines become "\n\n"-separated, spaces single. */
static char *bj_normalise(const char *s)
{
	pn_buf b = PN_BUF_INIT;
	int nl = 0;
	bool space = false;
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			nl++;
		} else if (*s == ' ' || *s == '\t') {
			space = true;
		} else {
			if (b.len && nl)
				pn_buf_add(&b, "\n\n", 2);
			else if (b.len && space)
				pn_buf_addc(&b, ' ');
			nl = 0;
			space = false;
			pn_buf_addc(&b, *s);
		}
	}
	return b.len ? pn_buf_steal(&b) : NULL;
}

/* Some sites put the article's HTML, not its text, in articleBody. */
static bool bj_has_markup(const char *s)
{
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<'))
		if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/')
			return true;
	return false;
}

/* The text of an HTML fragment, written as the page body would be
 * (paragraphs, lists, tables; scripts and hidden elements dropped). */
static char *bj_markup_text(const char *html)
{
	GumboOutput *doc = gumbo_parse(html);
	pnp_btree t;
	pn_buf out = PN_BUF_INIT;
	pnp_btree_build(doc, &t, false);
	if (t.n) {
		bool *sel = pn_xcalloc((size_t)t.n, sizeof *sel);
		sel[0] = true; /* the whole fragment */
		pnp_btext_write(&t, sel, NULL, &out);
		free(sel);
	}
	pnp_btree_free(&t);
	gumbo_destroy_output(&kGumboDefaultOptions, doc);
	return out.len ? pn_buf_steal(&out) : NULL;
}

static char *bj_from_script(const GumboNode *script)
{
	const GumboAttribute *type = gumbo_get_attribute(&script->v.element.attributes, "type");
	const GumboVector *kids = &script->v.element.children;
	if (!type || !strstr(type->value, "ld+json") || kids->length == 0)
		return NULL;
	const GumboNode *t = kids->data[0];
	if (t->type != GUMBO_NODE_TEXT && t->type != GUMBO_NODE_WHITESPACE)
		return NULL;
	json_t *root = json_loads(t->v.text.text, JSON_DECODE_ANY, NULL);
	if (!root)
		return NULL;
	const char *body = bj_find(root, NULL);
	char *out = !body ? NULL : bj_has_markup(body) ? bj_markup_text(body) : bj_normalise(body);
	json_decref(root);
	return out;
}

static void bj_consider(const GumboNode *n, char **best)
{
	if (n->type != GUMBO_NODE_ELEMENT || n->v.element.tag != GUMBO_TAG_SCRIPT)
		return;
	char *s = bj_from_script(n);
	if (s && (!*best || strlen(s) > strlen(*best))) {
		free(*best);
		*best = s;
	} else {
		free(s);
	}
}

char *pnp_bjsonld_body(const pnp_btree *t)
{
	char *best = NULL;
	for (int i = 0; i < t->n; i++) {
		const GumboNode *n = t->v[i].node;
		if (t->v[i].tag != GUMBO_TAG_HEAD) {
			bj_consider(n, &best);
			continue;
		}
		/* <head> is junk, never flattened: its scripts are its children. */
		const GumboVector *kids = &n->v.element.children;
		for (unsigned k = 0; k < kids->length; k++)
			bj_consider(kids->data[k], &best);
	}
	return best;
}
