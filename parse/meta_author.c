/* meta_author.c - author names from JSON-LD, meta tags and bylines. */
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pn.h"

/* Job titles and byline furniture that end up between names. */
static const char *const pnp_not_names[] = {
	"editor", "reporter", "correspondent", "writer", "contributor", "staff",
	"published", "updated", "posted", "min read", "share", "follow", "comments",
};

static bool pnp_plausible(const char *s, bool strict)
{
	size_t n = strlen(s);
	if (n < 2 || n > 80 || strncasecmp(s, "http", 4) == 0 || strcspn(s, "@/()[]<>{}*") < n)
		return false;
	/* A name has a capital (or a non-Latin script): "admin", "webnata"
	 * and "kei_eno" are CMS user names. */
	bool capital = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			return false;
		if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)
			capital = true;
	}
	if (!capital || !strict)
		return capital;
	/* Byline text: a name starts with a capital and is a few words long. */
	unsigned char c = (unsigned char)s[0];
	if (!((c >= 'A' && c <= 'Z') || c >= 0x80))
		return false;
	size_t words = 1;
	for (const char *p = s; *p; p++)
		words += *p == ' ';
	if (words > 5 || (words == 1 && n <= 3)) /* "MS", "RD" after a name */
		return false;
	for (size_t k = 0; k < sizeof pnp_not_names / sizeof pnp_not_names[0]; k++)
		if (strcasestr(s, pnp_not_names[k]))
			return false;
	return true;
}

/* Cleans s[0..n) ("By", trailing punctuation) and appends it unless it
 * is implausible or already there. */
static void pnp_add(pnp_authors *a, const char *s, size_t n, bool strict)
{
	char *name = pnp_text_clean(s, n);
	if (!name)
		return;
	char *p = name;
	if (strncasecmp(p, "by ", 3) == 0 || strncasecmp(p, "by:", 3) == 0)
		p += 3;
	p += strspn(p, " :");
	size_t l = strlen(p);
	while (l > 0 && strchr(" ,;:|-.", p[l - 1])) {
		if (p[l - 1] == '.' && l >= 2 && p[l - 2] >= 'A' && p[l - 2] <= 'Z')
			break; /* the dot of an initial, "John Q." */
		l--;
	}
	p[l] = '\0';
	/* "By Jane Doe on March 4": the date was cut, its preposition not */
	static const char *const tails[] = {" on", " at", " in", " from"};
	for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
		size_t tl = strlen(tails[k]);
		if (l > tl && strcasecmp(p + l - tl, tails[k]) == 0)
			p[l -= tl] = '\0';
	}
	bool dup = false;
	for (size_t i = 0; i < a->n && !dup; i++)
		dup = strcasecmp(a->v[i], p) == 0;
	if (!dup && pnp_plausible(p, strict)) {
		a->v = pn_xrealloc(a->v, (a->n + 1) * sizeof *a->v);
		a->v[a->n++] = pn_xstrdup(p);
	}
	free(name);
}

void pnp_authors_add(pnp_authors *a, const char *s, size_t n)
{
	pnp_add(a, s, n, false);
}

void pnp_authors_add_list(pnp_authors *a, const char *s, size_t n)
{
	static const char *const seps[] = {",", ";", "|", " and ", " & ", " AND ", " - ",
	                                   "\xE2\x80\xA2", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7"};
	size_t i = 0;
	if (n >= 3 && (strncasecmp(s, "by ", 3) == 0 || strncasecmp(s, "by:", 3) == 0))
		i = 3;
	while (i < n) {
		size_t end = n, skip = 0;
		for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
			size_t l = strlen(seps[k]);
			for (size_t j = i; j + l <= end; j++)
				if (memcmp(s + j, seps[k], l) == 0) {
					end = j;
					skip = l;
					break;
				}
		}
		pnp_add(a, s + i, end - i, true);
		i = end + skip;
		if (skip == 0)
			break;
	}
}

void pnp_authors_free(pnp_authors *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}
