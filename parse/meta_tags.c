/* meta_tags.c - <meta> tags: which names carry which field, in order of
 * trust (docs/parse-meta.md). */
#include "meta_int.h"

#include <string.h>
#include <strings.h>

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

void pnp_meta_tag(pnp_found *f, const GumboNode *n)
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
