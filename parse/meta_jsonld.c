/* meta_jsonld.c - schema.org metadata from JSON-LD blocks (jansson).
 *
 * Pages put one or more nodes in a block, directly, in an array, or in an
 * "@graph", and Article nodes are sometimes nested in a WebPage's
 * "mainEntity". Other nested objects (ItemList of related stories) are
 * not followed: their dates belong to other articles. */
#include "meta_int.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pn.h"

/* Node ranks, most trusted first; SITE nodes only give the site name. */
enum { PNP_LD_ARTICLE, PNP_LD_PAGE, PNP_LD_OTHER, PNP_LD_SITE };

/* Nesting followed at most (arrays, @graph, mainEntity). */
#define PNP_LD_DEPTH 8

void pnp_jsonld_init(pnp_jsonld *j)
{
	memset(j, 0, sizeof *j);
	j->headline_rank = j->published_rank = j->modified_rank = INT_MAX;
	j->publisher_rank = j->authors_rank = INT_MAX;
}

void pnp_jsonld_free(pnp_jsonld *j)
{
	free(j->headline);
	free(j->publisher);
	pnp_authors_free(&j->authors);
}

static bool pnp_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), l = strlen(suffix);
	return n >= l && strcmp(s + n - l, suffix) == 0;
}

/* Rank of one @type value ("NewsArticle", "http://schema.org/WebPage"). */
static int pnp_type_rank(const char *t)
{
	const char *slash = strrchr(t, '/'), *colon = strrchr(t, ':');
	if (slash && (!colon || slash > colon))
		t = slash + 1;
	else if (colon)
		t = colon + 1;
	if (pnp_ends_with(t, "Article") || pnp_ends_with(t, "Posting") || !strcmp(t, "Report") ||
	    !strcmp(t, "PressRelease"))
		return PNP_LD_ARTICLE;
	if (pnp_ends_with(t, "Page"))
		return PNP_LD_PAGE;
	if (!strcmp(t, "WebSite") || !strcmp(t, "Organization") || !strcmp(t, "NewsMediaOrganization"))
		return PNP_LD_SITE;
	return PNP_LD_OTHER;
}

static int pnp_node_rank(json_t *node)
{
	json_t *type = json_object_get(node, "@type");
	if (json_is_string(type))
		return pnp_type_rank(json_string_value(type));
	int best = PNP_LD_OTHER;
	size_t i;
	json_t *v;
	json_array_foreach(type, i, v)
		if (json_is_string(v) && pnp_type_rank(json_string_value(v)) < best)
			best = pnp_type_rank(json_string_value(v));
	return best;
}

/* The node of the block root whose "@id" is id (top level or @graph). */
static json_t *pnp_by_id(json_t *root, const char *id)
{
	json_t *list = json_is_array(root) ? root : json_object_get(root, "@graph");
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) {
		json_t *vid = json_object_get(v, "@id");
		if (json_is_string(vid) && strcmp(json_string_value(vid), id) == 0)
			return v;
	}
	return NULL;
}

/* A string, or the "name" of an object, or of the node an {"@id"}
 * reference points to (Yoast-style graphs link authors that way). */
static const char *pnp_name_of(json_t *root, json_t *v)
{
	if (json_is_object(v)) {
		json_t *name = json_object_get(v, "name"), *id = json_object_get(v, "@id");
		if (!name && json_is_string(id) && (v = pnp_by_id(root, json_string_value(id))))
			name = json_object_get(v, "name");
		v = name;
	}
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void pnp_offer_str(char **slot, int *slot_rank, const char *v, int rank)
{
	if (!v || rank >= *slot_rank)
		return;
	char *clean = pnp_text_clean(v, strlen(v));
	if (!clean)
		return;
	free(*slot);
	*slot = clean;
	*slot_rank = rank;
}

static void pnp_offer_date(char slot[PNP_DATE_MAX], int *slot_rank, json_t *v, int rank)
{
	char d[PNP_DATE_MAX];
	if (!json_is_string(v) || rank >= *slot_rank)
		return;
	if (pnp_date_parse(json_string_value(v), json_string_length(v), true, d)) {
		memcpy(slot, d, PNP_DATE_MAX);
		*slot_rank = rank;
	}
}

static void pnp_offer_authors(pnp_jsonld *j, json_t *root, json_t *author, int rank)
{
	if (!author || rank >= j->authors_rank)
		return;
	pnp_authors a = {NULL, 0};
	if (json_is_array(author)) {
		size_t i;
		json_t *v;
		json_array_foreach(author, i, v) {
			const char *name = pnp_name_of(root, v);
			if (name)
				pnp_authors_add(&a, name, strlen(name));
		}
	} else {
		const char *name = pnp_name_of(root, author);
		if (name)
			pnp_authors_add(&a, name, strlen(name));
	}
	if (a.n == 0)
		return;
	pnp_authors_free(&j->authors);
	j->authors = a;
	j->authors_rank = rank;
}

static void pnp_node(pnp_jsonld *j, json_t *root, json_t *v, int depth)
{
	if (depth > PNP_LD_DEPTH)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			pnp_node(j, root, e, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	int rank = pnp_node_rank(v);
	if (rank == PNP_LD_SITE) {
		/* a WebSite/Organization node names the site, nothing more */
		pnp_offer_str(&j->publisher, &j->publisher_rank, pnp_name_of(root, v), rank);
	} else {
		json_t *headline = json_object_get(v, "headline");
		if (!headline && rank == PNP_LD_ARTICLE)
			headline = json_object_get(v, "name");
		if (rank != PNP_LD_OTHER)
			pnp_offer_str(&j->headline, &j->headline_rank, json_string_value(headline), rank);
		json_t *pub = json_object_get(v, "datePublished");
		pnp_offer_date(j->published, &j->published_rank,
		               pub ? pub : json_object_get(v, "dateCreated"), rank);
		pnp_offer_date(j->modified, &j->modified_rank, json_object_get(v, "dateModified"), rank);
		pnp_offer_authors(j, root, json_object_get(v, "author"), rank);
		pnp_offer_str(&j->publisher, &j->publisher_rank,
		              pnp_name_of(root, json_object_get(v, "publisher")), rank);
	}
	pnp_node(j, root, json_object_get(v, "@graph"), depth + 1);
	json_t *main_entity = json_object_get(v, "mainEntity");
	if (json_is_object(main_entity) || json_is_array(main_entity))
		pnp_node(j, root, main_entity, depth + 1);
}

void pnp_jsonld_add(pnp_jsonld *j, const char *text, size_t n)
{
	/* Raw newlines and tabs inside strings are invalid JSON but common in
	 * hand-written blocks; as spaces they change nothing we read. Some
	 * blocks are wrapped in an HTML comment or CDATA section. */
	char *copy = pn_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		copy[i] = (unsigned char)text[i] < 0x20 ? ' ' : text[i];
	copy[n] = '\0';
	char *p = copy + strspn(copy, " ");
	static const char *const wrappers[][2] = {{"<!--", "-->"}, {"//<![CDATA[", "//]]>"},
	                                          {"<![CDATA[", "]]>"}};
	for (size_t k = 0; k < sizeof wrappers / sizeof wrappers[0]; k++) {
		size_t ol = strlen(wrappers[k][0]);
		if (strncmp(p, wrappers[k][0], ol) == 0) {
			p += ol;
			char *end = strstr(p, wrappers[k][1]);
			if (end)
				*end = '\0';
			break;
		}
	}
	json_error_t err;
	json_t *root = json_loads(p, JSON_DISABLE_EOF_CHECK, &err); /* "{...};" */
	free(copy);
	if (!root)
		return;
	pnp_node(j, root, root, 0);
	json_decref(root);
}
