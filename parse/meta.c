/* meta.c - page metadata (pnp_meta_extract): picks, field by field, the
 * most trusted of the candidates meta_walk.c collected. The trust orders
 * are documented in docs/parse-meta.md. */
#include "pn.h"
#include "parse.h"
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>

/* True when s is only the site's name (an og:title left at its default). */
static bool pnp_is_site(const char *s, const char *site)
{
	char a[128], b[128];
	pnp_text_squash(s, a, sizeof a);
	pnp_text_squash(site ? site : "", b, sizeof b);
	return b[0] && strcmp(a, b) == 0;
}

/* False for an h1 that is the site's logo or a short section label rather
 * than the headline. */
static bool pnp_h1_usable(const char *h1, const char *title_tag, const char *site)
{
	char a[128];
	pnp_text_squash(h1, a, sizeof a);
	if (!a[0] || pnp_is_site(h1, site))
		return false;
	return strlen(h1) >= 12 || !title_tag || strlen(title_tag) <= strlen(h1);
}

static char *pnp_pick_title(pnp_found *f, const char *site, const char *host)
{
	const char *order[] = {
		f->title.rank == 0 ? f->title.v : NULL, /* og:title */
		f->ld.headline,
		f->title.rank > 0 ? f->title.v : NULL, /* twitter:title, ... */
		f->h1.v && pnp_h1_usable(f->h1.v, f->title_tag.v, site) ? f->h1.v : NULL,
		f->title_tag.v,
	};
	const char *t = NULL;
	for (size_t i = 0; i < sizeof order / sizeof order[0] && !t; i++)
		if (order[i] && !pnp_is_site(order[i], site))
			t = order[i];
	if (!t)
		t = f->title_tag.v;
	/* A title that contains the article's h1 plus less than as much
	 * again: the rest is the site's, whatever its separator. */
	const char *h1 = f->h1.v;
	if (t && h1 && t != h1 && strlen(h1) >= 12 && strlen(h1) * 2 > strlen(t) &&
	    strstr(t, h1) && pnp_h1_usable(h1, f->title_tag.v, site))
		t = h1;
	return t ? pnp_title_strip(pn_xstrdup(t), site, host) : NULL;
}

static void pnp_pick_published(pnp_found *f, const char *url, const char *canonical,
                               pnp_meta *m)
{
	char d[PNP_DATE_MAX] = "";
	if (!(canonical && pnp_date_from_url(canonical, d)) && url)
		pnp_date_from_url(url, d);
	const struct {
		const char *v;
		const char *source;
	} order[] = {
		{f->ld.published, "json-ld"},
		{f->pub_meta.v, "meta"},
		{f->pub_time.v, "time"},
		{f->pub_byline.v, "byline"},
		{d, "url"},
	};
	m->published_source = "none";
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (order[i].v[0]) {
			m->published = pn_xstrdup(order[i].v);
			m->published_source = order[i].source;
			return;
		}
}

static char *pnp_pick_modified(const pnp_found *f)
{
	const char *order[] = {f->ld.modified, f->mod_meta.v, f->mod_time.v, f->mod_byline.v};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (order[i][0])
			return pn_xstrdup(order[i]);
	return NULL;
}

static void pnp_pick_authors(pnp_found *f, pnp_meta *m)
{
	pnp_authors *order[] = {&f->ld.authors, &f->au_meta, &f->au_micro, &f->au_rel,
	                        &f->au_byline};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (order[i]->n > 0) {
			m->authors = order[i]->v;
			m->nauthors = order[i]->n;
			order[i]->v = NULL;
			order[i]->n = 0;
			return;
		}
}

/* BCP 47 as declared; og:locale's "en_US" becomes "en-US". NULL when it
 * does not look like a tag at all. */
static char *pnp_pick_lang(pnp_found *f)
{
	char *l = f->lang.v;
	if (!l || strlen(l) > 35)
		return NULL;
	for (char *p = l; *p; p++) {
		if (*p == '_')
			*p = '-';
		else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		           (*p >= '0' && *p <= '9') || *p == '-'))
			return NULL;
	}
	f->lang.v = NULL;
	return l;
}

void pnp_meta_extract(GumboOutput *doc, const char *html, size_t html_len,
                      const char *url, pnp_meta *m)
{
	(void)html;
	(void)html_len;
	memset(m, 0, sizeof *m);
	pnp_found f;
	pnp_found_init(&f);
	pnp_walk(&f, doc->root);

	char *base = f.base_href.v && url ? pnp_url_resolve(url, f.base_href.v) : NULL;
	const char *b = base ? base : url;
	if (f.canonical.v)
		m->canonical_url = pnp_url_resolve(b, f.canonical.v);
	free(base);

	if (f.site_name.rank == 0 || !f.ld.publisher) { /* og:site_name first */
		m->site_name = f.site_name.v;
		f.site_name.v = NULL;
	} else {
		m->site_name = f.ld.publisher;
		f.ld.publisher = NULL;
	}
	char host[256];
	pnp_url_host(m->canonical_url ? m->canonical_url : url, host, sizeof host);
	m->title = pnp_pick_title(&f, m->site_name, host[0] ? host : NULL);
	pnp_pick_published(&f, url, m->canonical_url, m);
	m->modified = pnp_pick_modified(&f);
	pnp_pick_authors(&f, m);
	m->lang = pnp_pick_lang(&f);
	pnp_found_free(&f);
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
