/* meta_int.h - helpers of pnp_meta_extract (meta*.c), internal to
 * pn-parse. Functions returning char * return malloc'd strings (caller
 * frees) and die on OOM; the others write into caller buffers. */
#ifndef META_INT_H
#define META_INT_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>

/* ---- meta_date.c: dates to ISO 8601 ---------------------------------- */

/* Large enough for "2025-03-04T10:12:00+05:30" and its NUL. */
#define PNP_DATE_MAX 32

/* Parses the date at the start of s[0..n) (leading spaces skipped):
 * ISO 8601 and its common variants (space for T, slashes, no zone,
 * fractions), RFC 2822 ("Tue, 04 Mar 2025 10:12:00 GMT"), written dates
 * ("March 4, 2025", "4 Mar 2025 10:12 GMT", "Mar. 4th, 2025 at 3:05 PM
 * ET") and, when epoch is true, Unix times in s or ms. Impossible dates
 * and years outside 1970-2099 are rejected. out gets "YYYY-MM-DD", or
 * "YYYY-MM-DDThh:mm:ss" + "Z" / "+hh:mm" when both a time and its zone
 * are known (a time without zone is dropped, not guessed). Returns the
 * number of bytes of s used, 0 when there is no date there. */
size_t pnp_date_parse(const char *s, size_t n, bool epoch, char out[PNP_DATE_MAX]);
/* First date anywhere in the text s[0..n) (written or ISO forms, tried at
 * word starts). Returns its length and sets *start, 0 if none. */
size_t pnp_date_find(const char *s, size_t n, size_t *start, char out[PNP_DATE_MAX]);
/* Date in a URL path: /2025/03/04/, /2025/mar/04/, /2025-03-04/ or
 * /20250304/, also inside a segment ("/news-2025-03-04-title"). */
bool pnp_date_from_url(const char *url, char out[PNP_DATE_MAX]);

/* ---- meta_text.c: strings from the page ------------------------------ */

/* s[0..n) with runs of whitespace (ASCII and U+00A0) collapsed to one
 * space and trimmed; NULL when nothing is left. */
char *pnp_text_clean(const char *s, size_t n);
/* Lowercase ASCII letters and digits of s only, into out (size outsz):
 * "Fierce Biotech" and "fiercebiotech.com" compare as prefixes. */
void pnp_text_squash(const char *s, char *out, size_t outsz);

/* ---- meta_title.c ---------------------------------------------------- */

/* Cleaned title (pnp_text_clean'ed input) with a site-name suffix or
 * prefix removed: "Headline | Site", "Headline - Site Name",
 * "Site: Headline" when it names the site. site and host may be NULL.
 * Takes ownership of title and returns it or a replacement. */
char *pnp_title_strip(char *title, const char *site, const char *host);

/* ---- meta_url.c ------------------------------------------------------ */

/* ref resolved against base (RFC 3986 section 5.2), fragment dropped.
 * NULL when ref is empty, base is unusable for a relative ref, or the
 * result is not http(s) (file: only when base is file:). */
char *pnp_url_resolve(const char *base, const char *ref);
/* Host of an absolute URL into out (lowercase, "www." dropped), "" if
 * none. */
void pnp_url_host(const char *url, char *out, size_t outsz);

/* ---- meta_author.c --------------------------------------------------- */

typedef struct pnp_authors {
	char **v;
	size_t n;
} pnp_authors;

/* Splits a byline or list of names ("By Jane Doe and John Roe, Reuters")
 * at commas, semicolons, "|", "and", "&", " - ", bullets and dashes, and
 * adds the plausible names
 * (capitalised, at most 5 words, no digits, URLs or job titles) not
 * already there (case-insensitive). */
void pnp_authors_add_list(pnp_authors *a, const char *s, size_t n);
/* Adds one name as is (JSON-LD, rel=author), cleaned and deduplicated. */
void pnp_authors_add(pnp_authors *a, const char *s, size_t n);
void pnp_authors_free(pnp_authors *a);

/* ---- meta_jsonld.c --------------------------------------------------- */

/* What the JSON-LD blocks of a page say; rank: lower is better
 * (an Article node beats a WebPage node beats any other node). */
typedef struct pnp_jsonld {
	char *headline;
	int headline_rank;
	char published[PNP_DATE_MAX];
	int published_rank;
	char modified[PNP_DATE_MAX];
	int modified_rank;
	char *publisher;
	int publisher_rank;
	pnp_authors authors;
	int authors_rank;
} pnp_jsonld;

void pnp_jsonld_init(pnp_jsonld *j);
/* Parses one <script type="application/ld+json"> text with jansson and
 * merges what it finds. Invalid JSON is skipped silently: it is common
 * and the rest of the page still has metadata. */
void pnp_jsonld_add(pnp_jsonld *j, const char *text, size_t n);
void pnp_jsonld_free(pnp_jsonld *j);

/* ---- meta_walk.c: the one pass over the tree ------------------------- */

/* A candidate value and how much it is trusted (lower rank wins; the
 * first of equal rank stays). */
typedef struct pnp_str_slot {
	char *v;
	int rank;
} pnp_str_slot;

typedef struct pnp_date_slot {
	char v[PNP_DATE_MAX];
	int rank;
} pnp_date_slot;

/* Everything the walk finds, by source; meta.c picks from it. */
typedef struct pnp_found {
	pnp_str_slot title;      /* og:title, twitter:title, ... (meta tags) */
	pnp_str_slot h1;         /* rank 0 inside <article>/<main> */
	pnp_str_slot title_tag;  /* <title> */
	pnp_str_slot canonical;  /* <link rel=canonical> 0, og:url 1 */
	pnp_str_slot base_href;
	pnp_str_slot site_name;  /* og:site_name 0, application-name 1 */
	pnp_str_slot lang;       /* <html lang> 0, og:locale 1, content-language 2 */
	pnp_date_slot pub_meta, mod_meta;     /* meta tags, then microdata */
	pnp_date_slot pub_time, mod_time;     /* <time> */
	pnp_date_slot pub_byline, mod_byline; /* visible text */
	pnp_authors au_meta, au_micro, au_rel, au_byline;
	pnp_jsonld ld;
	int hints_left; /* byline-looking elements still worth reading */
} pnp_found;

/* Where in the page the walk is (bit set, passed down the tree). */
enum {
	PNP_CTX_ARTICLE = 1, /* inside <article> or <main> */
	PNP_CTX_HEADER = 2,  /* inside <header> */
	PNP_CTX_BOILER = 4,  /* in <nav>, <aside>, <footer>, comments: not the article */
	PNP_CTX_HINT = 8,    /* inside an element already read as a byline */
};

/* meta_found.c */
void pnp_found_init(pnp_found *f);
void pnp_found_free(pnp_found *f);
/* Keeps v (malloc'd, taken over; NULL ignored) if rank beats the slot. */
void pnp_slot_str(pnp_str_slot *s, char *v, int rank);
void pnp_slot_date(pnp_date_slot *s, const char *v, int rank);

/* meta_walk.c: fills f from the tree under root. */
void pnp_walk(pnp_found *f, const GumboNode *root);

/* meta_node.c */
/* Attribute value of element n, borrowed; NULL if absent. */
const char *pnp_attr(const GumboNode *n, const char *name);
/* Is word one of the whitespace-separated tokens of list (NULL: no)? */
bool pnp_has_token(const char *list, const char *word);
/* Cleaned text of the subtree under n (script and style skipped); NULL
 * when empty or longer than max bytes. */
char *pnp_text_of(const GumboNode *n, size_t max);

/* meta_tags.c: a <meta> element. */
void pnp_meta_tag(pnp_found *f, const GumboNode *n);

/* meta_byline.c: visible dates and names. ctx is the walk's context. */
/* An element whose class or id looks like a byline or dateline: reads
 * its text; sets PNP_CTX_HINT in *ctx when its subtree is done with. */
void pnp_hint(pnp_found *f, const GumboNode *n, unsigned *ctx);
/* A text node s (child of parent) starting like a byline. */
void pnp_text_node(pnp_found *f, const GumboNode *parent, const char *s, unsigned ctx);
/* A <time> element. */
void pnp_time_tag(pnp_found *f, const GumboNode *n, unsigned ctx);
/* Microdata: element n with itemprop=prop (not <meta>, not <time>). */
void pnp_itemprop(pnp_found *f, const GumboNode *n, const char *prop);

#endif
