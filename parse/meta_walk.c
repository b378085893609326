/* meta_walk.c - one pass over the parsed page collecting metadata
 * candidates by source (see docs/parse-meta.md for the trust order).
 *
 * It must stay cheap (pn-parse runs at gumbo's pace): one recursive walk,
 * no regular expressions, and visible text is read only from small
 * elements that look like bylines, at most PNP_MAX_HINTS of them. */
#include "meta_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pn.h"

#define PNP_MAX_HINTS 40
#define PNP_MAX_DEPTH 500
#define PNP_BYLINE_MAX 300 /* longer elements are not bylines */

enum {
	PNP_CTX_ARTICLE = 1, /* inside <article> or <main> */
	PNP_CTX_HEADER = 2,  /* inside <header> */
	PNP_CTX_BOILER = 4,  /* in <nav>, <aside>, <footer>, comments: not the article */
	PNP_CTX_HINT = 8,    /* inside an element already read as a byline */
};

/* Rank of microdata dates (itemprop on visible elements), after every
 * meta tag name. */
#define PNP_RANK_MICRODATA 100

enum pnp_field { PNP_F_TITLE, PNP_F_URL, PNP_F_SITE, PNP_F_LOCALE, PNP_F_LANG,
                 PNP_F_AUTHOR, PNP_F_PUB, PNP_F_MOD };

/* Meta tag names (property=, name=, itemprop=, http-equiv=), grouped by
 * field, in order of trust within each group. */
static const struct pnp_meta_key {
	const char *key;
	enum pnp_field field;
} pnp_meta_keys[] = {
	{"og:title", PNP_F_TITLE}, {"twitter:title", PNP_F_TITLE},
	{"parsely-title", PNP_F_TITLE}, {"sailthru.title", PNP_F_TITLE},
	{"dc.title", PNP_F_TITLE},
	{"og:url", PNP_F_URL},
	{"og:site_name", PNP_F_SITE}, {"application-name", PNP_F_SITE},
	{"og:locale", PNP_F_LOCALE},
	{"content-language", PNP_F_LANG}, {"language", PNP_F_LANG}, {"dc.language", PNP_F_LANG},
	{"author", PNP_F_AUTHOR}, {"article:author", PNP_F_AUTHOR},
	{"parsely-author", PNP_F_AUTHOR}, {"sailthru.author", PNP_F_AUTHOR},
	{"dc.creator", PNP_F_AUTHOR}, {"dcterms.creator", PNP_F_AUTHOR},
	{"citation_author", PNP_F_AUTHOR},
	{"article:published_time", PNP_F_PUB}, {"article:published", PNP_F_PUB},
	{"og:published_time", PNP_F_PUB}, {"published_time", PNP_F_PUB},
	{"datepublished", PNP_F_PUB}, {"pubdate", PNP_F_PUB}, {"publishdate", PNP_F_PUB},
	{"publish-date", PNP_F_PUB}, {"publish_date", PNP_F_PUB},
	{"publication_date", PNP_F_PUB}, {"dc.date.issued", PNP_F_PUB},
	{"dcterms.issued", PNP_F_PUB}, {"dc.date.created", PNP_F_PUB},
	{"dcterms.created", PNP_F_PUB}, {"dc.date", PNP_F_PUB}, {"dcterms.date", PNP_F_PUB},
	{"citation_publication_date", PNP_F_PUB}, {"citation_date", PNP_F_PUB},
	{"citation_online_date", PNP_F_PUB}, {"parsely-pub-date", PNP_F_PUB},
	{"sailthru.date", PNP_F_PUB}, {"article.published", PNP_F_PUB},
	{"article_date_original", PNP_F_PUB}, {"original-publish-date", PNP_F_PUB},
	{"og:pubdate", PNP_F_PUB}, {"date", PNP_F_PUB},
	{"article:modified_time", PNP_F_MOD}, {"og:updated_time", PNP_F_MOD},
	{"article:updated_time", PNP_F_MOD}, {"datemodified", PNP_F_MOD},
	{"dc.date.modified", PNP_F_MOD}, {"dcterms.modified", PNP_F_MOD},
	{"last-modified", PNP_F_MOD}, {"lastmod", PNP_F_MOD},
};

/* Class or id tokens starting like these mark other stories and readers'
 * comments: their dates, names and headings are not the article's. */
static const char *const pnp_boiler_words[] = {
	"comment", "related", "sidebar", "ticker", "breaking", "trending", "recommend",
	"popular", "most-",
};

/* Class or id fragments of elements that hold bylines and datelines. */
static const char *const pnp_hint_words[] = {
	"byline", "dateline", "date", "time", "publish", "posted", "author", "meta", "credit",
};

void pnp_slot_str(pnp_str_slot *s, char *v, int rank)
{
	if (v && rank < s->rank) {
		free(s->v);
		s->v = v;
		s->rank = rank;
	} else {
		free(v);
	}
}

void pnp_slot_date(pnp_date_slot *s, const char *v, int rank)
{
	if (rank < s->rank) {
		memcpy(s->v, v, PNP_DATE_MAX);
		s->rank = rank;
	}
}

void pnp_found_init(pnp_found *f)
{
	memset(f, 0, sizeof *f);
	pnp_str_slot *strs[] = {&f->title, &f->h1, &f->title_tag, &f->canonical,
	                        &f->base_href, &f->site_name, &f->lang};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		strs[i]->rank = INT_MAX;
	pnp_date_slot *dates[] = {&f->pub_meta, &f->mod_meta, &f->pub_time,
	                          &f->mod_time, &f->pub_byline, &f->mod_byline};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++)
		dates[i]->rank = INT_MAX;
	pnp_jsonld_init(&f->ld);
	f->hints_left = PNP_MAX_HINTS;
}

void pnp_found_free(pnp_found *f)
{
	char *strs[] = {f->title.v, f->h1.v, f->title_tag.v, f->canonical.v,
	                f->base_href.v, f->site_name.v, f->lang.v};
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
		free(strs[i]);
	pnp_authors *au[] = {&f->au_meta, &f->au_micro, &f->au_rel, &f->au_byline};
	for (size_t i = 0; i < sizeof au / sizeof au[0]; i++)
		pnp_authors_free(au[i]);
	pnp_jsonld_free(&f->ld);
}

static const char *pnp_attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a ? a->value : NULL;
}

/* Is word one of the whitespace-separated tokens of list? */
static bool pnp_has_token(const char *list, const char *word)
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

/* Cleaned text of n, NULL when empty or longer than max. */
static char *pnp_text_of(const GumboNode *n, size_t max)
{
	pn_buf b = PN_BUF_INIT;
	char *t = NULL;
	if (pnp_gather(n, &b, max) && b.len > 0)
		t = pnp_text_clean(b.data, b.len);
	pn_buf_free(&b);
	return t;
}

static void pnp_meta_value(pnp_found *f, enum pnp_field field, int rank, const char *c)
{
	char d[PNP_DATE_MAX];
	size_t n = strlen(c);
	switch (field) {
	case PNP_F_TITLE:
		pnp_slot_str(&f->title, pnp_text_clean(c, n), rank);
		break;
	case PNP_F_URL:
		pnp_slot_str(&f->canonical, pnp_text_clean(c, n), 1);
		break;
	case PNP_F_SITE:
		if (strncasecmp(c, "http", 4) != 0) /* a URL is not a name */
			pnp_slot_str(&f->site_name, pnp_text_clean(c, n), rank);
		break;
	case PNP_F_LOCALE:
	case PNP_F_LANG:
		pnp_slot_str(&f->lang, pnp_text_clean(c, n), field == PNP_F_LOCALE ? 1 : 2);
		break;
	case PNP_F_AUTHOR:
		/* article:author is usually a profile URL, which add refuses */
		pnp_authors_add_list(&f->au_meta, c, n);
		break;
	case PNP_F_PUB:
	case PNP_F_MOD:
		if (pnp_date_parse(c, n, true, d))
			pnp_slot_date(field == PNP_F_PUB ? &f->pub_meta : &f->mod_meta, d, rank);
		break;
	}
}

static void pnp_meta_tag(pnp_found *f, const GumboNode *n)
{
	const char *content = pnp_attr(n, "content");
	if (!content)
		return;
	const char *keys[] = {pnp_attr(n, "property"), pnp_attr(n, "name"),
	                      pnp_attr(n, "itemprop"), pnp_attr(n, "http-equiv")};
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		if (!keys[k])
			continue;
		for (size_t i = 0; i < sizeof pnp_meta_keys / sizeof pnp_meta_keys[0]; i++)
			if (strcasecmp(keys[k], pnp_meta_keys[i].key) == 0) {
				/* rank: position among the keys of the same field */
				size_t first = i;
				while (first > 0 && pnp_meta_keys[first - 1].field == pnp_meta_keys[i].field)
					first--;
				pnp_meta_value(f, pnp_meta_keys[i].field, (int)(i - first), content);
				return;
			}
	}
}

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

static void pnp_hint(pnp_found *f, const GumboNode *n, unsigned *ctx)
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
static void pnp_text_node(pnp_found *f, const GumboNode *parent, const char *s, unsigned ctx)
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

static void pnp_time_tag(pnp_found *f, const GumboNode *n, unsigned ctx)
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
static void pnp_itemprop(pnp_found *f, const GumboNode *n, const char *prop)
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
