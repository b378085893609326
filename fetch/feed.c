/* feed.c - links out of RSS 2.0, RSS 1.0 (RDF), Atom, XML sitemaps,
 * sitemap indexes and Google News sitemaps, parsed with libxml2.
 * Elements are matched by local name so any namespace prefix works.
 * External entities and network access are off (XXE). */
#include "fetch.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <zlib.h>

/* The sitemap protocol caps a sitemap at 50 MB uncompressed. */
#define MAX_XML (50u << 20)

static bool is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

typedef struct walk {
	const char *base;
	pnf_link_fn fn;
	void *ctx;
	long n;
} walk;

/* Resolves ref against the element's xml:base (Atom) or the document URL. */
static void emit(walk *w, xmlNode *at, const xmlChar *ref, enum pnf_kind kind, const xmlChar *lastmod)
{
	if (!ref)
		return;
	xmlChar *xbase = xmlNodeGetBase(at->doc, at);
	char *base = xbase ? pnf_url_resolve(w->base, (const char *)xbase) : NULL;
	char *url = pnf_url_resolve(base ? base : w->base, (const char *)ref);
	if (url) {
		char *lm = NULL;
		if (lastmod) {
			lm = pn_xstrdup((const char *)lastmod);
			lm[strcspn(lm, " \t\r\n")] = '\0'; /* trim */
		}
		w->fn(w->ctx, url, kind, lm && *lm ? lm : NULL);
		w->n++;
		free(lm);
	}
	free(url);
	free(base);
	xmlFree(xbase);
}

/* <link> text, or a permalink <guid>. */
static void rss_item(walk *w, xmlNode *item)
{
	xmlNode *link = child(item, "link");
	xmlChar *href = link ? xmlNodeGetContent(link) : NULL;
	if (!href || !*href) {
		xmlNode *guid = child(item, "guid");
		xmlChar *perm = guid ? xmlGetProp(guid, (const xmlChar *)"isPermaLink") : NULL;
		if (guid && !(perm && xmlStrcmp(perm, (const xmlChar *)"false") == 0)) {
			xmlFree(href);
			href = xmlNodeGetContent(guid);
		}
		xmlFree(perm);
	}
	emit(w, item, href, PNF_PAGE, NULL);
	xmlFree(href);
}

static void atom_entry(walk *w, xmlNode *entry)
{
	for (xmlNode *c = entry->children; c; c = c->next) {
		if (!is(c, "link"))
			continue;
		xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
		bool alt = !rel || xmlStrcmp(rel, (const xmlChar *)"alternate") == 0;
		xmlFree(rel);
		if (alt) {
			xmlChar *href = xmlGetProp(c, (const xmlChar *)"href");
			emit(w, c, href, PNF_PAGE, NULL);
			xmlFree(href);
			return;
		}
	}
}

static void sitemap_entry(walk *w, xmlNode *u, enum pnf_kind kind)
{
	xmlNode *loc = child(u, "loc");
	if (!loc)
		return;
	xmlNode *lm = child(u, "lastmod");
	xmlNode *news = child(u, "news");
	if (!lm && news)
		lm = child(news, "publication_date");
	xmlChar *href = xmlNodeGetContent(loc);
	xmlChar *lastmod = lm ? xmlNodeGetContent(lm) : NULL;
	emit(w, u, href, kind, lastmod);
	xmlFree(href);
	xmlFree(lastmod);
}

static long walk_doc(walk *w, xmlNode *root, const char **err)
{
	if (is(root, "rss")) {
		for (xmlNode *ch = root->children; ch; ch = ch->next)
			if (is(ch, "channel"))
				for (xmlNode *it = ch->children; it; it = it->next)
					if (is(it, "item"))
						rss_item(w, it);
	} else if (is(root, "RDF")) {
		for (xmlNode *it = root->children; it; it = it->next)
			if (is(it, "item"))
				rss_item(w, it);
	} else if (is(root, "feed")) {
		for (xmlNode *e = root->children; e; e = e->next)
			if (is(e, "entry"))
				atom_entry(w, e);
	} else if (is(root, "urlset")) {
		for (xmlNode *u = root->children; u; u = u->next)
			if (is(u, "url"))
				sitemap_entry(w, u, PNF_PAGE);
	} else if (is(root, "sitemapindex")) {
		for (xmlNode *u = root->children; u; u = u->next)
			if (is(u, "sitemap"))
				sitemap_entry(w, u, PNF_SITEMAP);
	} else {
		*err = "not an RSS/Atom feed or an XML sitemap";
		return -1;
	}
	return w->n;
}

/* Inflates a .xml.gz sitemap; NULL when corrupt or over MAX_XML. */
static char *gunzip(const char *p, size_t n, size_t *out_len, const char **err)
{
	z_stream zs = {0};
	if (inflateInit2(&zs, 15 + 32) != Z_OK)
		pn_die(PN_EXIT_INTERNAL, "out of memory (zlib)");
	pn_buf b = PN_BUF_INIT;
	zs.next_in = (unsigned char *)p;
	zs.avail_in = (uInt)n;
	int rc;
	do {
		pn_buf_reserve(&b, 64 * 1024);
		zs.next_out = (unsigned char *)b.data + b.len;
		zs.avail_out = 64 * 1024;
		rc = inflate(&zs, Z_NO_FLUSH);
		b.len = (size_t)((char *)zs.next_out - b.data);
	} while (rc == Z_OK && b.len <= MAX_XML);
	inflateEnd(&zs);
	if (rc != Z_STREAM_END) {
		*err = b.len > MAX_XML ? "gzip-compressed XML over 50 MB" : "corrupt gzip data";
		pn_buf_free(&b);
		return NULL;
	}
	*out_len = b.len;
	return pn_buf_steal(&b);
}

long pnf_feed_links(const char *body, size_t len, const char *base_url,
                    pnf_link_fn fn, void *ctx, const char **err)
{
	char *unz = NULL;
	if (len >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b) {
		unz = gunzip(body, len, &len, err);
		if (!unz)
			return -1;
		body = unz;
	}
	if (len > MAX_XML) {
		free(unz);
		*err = "XML over 50 MB";
		return -1;
	}
	xmlDoc *doc = xmlReadMemory(body, (int)len, base_url, NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                            XML_PARSE_RECOVER);
	free(unz);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	long n;
	if (!root) {
		*err = "not well-formed XML";
		n = -1;
	} else {
		walk w = {base_url, fn, ctx, 0};
		n = walk_doc(&w, root, err);
	}
	xmlFreeDoc(doc);
	return n;
}
