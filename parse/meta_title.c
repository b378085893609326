/* meta_title.c - removing the site name from a headline.
 *
 * Pages append (sometimes prepend) the site or section to <title> and
 * often og:title. A part is dropped when it names the site (og:site_name
 * or the host), or, after a strong separator ("|", "::", "·", "•"), when
 * it is short; after a dash only when it is a short run of capitalised
 * words, because headlines use dashes themselves; after a colon only when
 * it names the site ("Site: Headline"), as headlines use colons most. */
#include "meta_int.h"

#include <stdlib.h>
#include <string.h>

#include "pn.h"

enum pnp_sep_kind { PNP_SEP_STRONG, PNP_SEP_DASH, PNP_SEP_COLON };

typedef struct pnp_sep {
	const char *s;
	enum pnp_sep_kind kind;
} pnp_sep;

static const pnp_sep pnp_seps[] = {
	{" | ", PNP_SEP_STRONG}, {" :: ", PNP_SEP_STRONG}, {" \xC2\xB7 ", PNP_SEP_STRONG},
	{" \xE2\x80\xA2 ", PNP_SEP_STRONG}, {" \xC2\xBB ", PNP_SEP_STRONG},
	{" - ", PNP_SEP_DASH}, {" \xE2\x80\x93 ", PNP_SEP_DASH}, {" \xE2\x80\x94 ", PNP_SEP_DASH},
	{": ", PNP_SEP_COLON},
};
#define PNP_NSEPS (sizeof pnp_seps / sizeof pnp_seps[0])

typedef struct pnp_site {
	char site[128]; /* squashed og:site_name, "" if unknown */
	char host[128]; /* squashed host without "www." */
	char label[64]; /* squashed first host label ("fiercebiotech") */
} pnp_site;

static size_t pnp_words(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			w++;
	return w;
}

/* Does s[0..n) name the site? */
static bool pnp_names_site(const pnp_site *st, const char *s, size_t n)
{
	char part[128], sq[128];
	if (n >= sizeof part)
		return false;
	memcpy(part, s, n);
	part[n] = '\0';
	pnp_text_squash(part, sq, sizeof sq);
	size_t l = strlen(sq);
	if (l < 2)
		return false;
	/* The part may add a little to the name ("BBC News" for bbc.co.uk),
	 * not a headline's worth ("The Guardian view on ..."). */
	size_t sl = strlen(st->site), ll = strlen(st->label);
	if (sl && (strstr(st->site, sq) || (strstr(sq, st->site) && l <= sl + 6)))
		return true;
	if (st->host[0] && strncmp(st->host, sq, l) == 0)
		return true;
	return ll >= 3 && strstr(sq, st->label) && l <= ll + 6;
}

/* A short run of capitalised words ("Fierce Biotech", "The Wall Street
 * Journal"), allowing the small words of names. */
static bool pnp_capitalised(const char *s, size_t n)
{
	static const char *const small[] = {"of", "the", "and", "&", "for", "on", "in", "de"};
	if (pnp_words(s, n) > 4)
		return false;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e] != ' ')
			e++;
		unsigned char c = (unsigned char)s[i];
		bool ok = (c >= 'A' && c <= 'Z') || c >= 0x80;
		for (size_t k = 0; !ok && i > 0 && k < sizeof small / sizeof small[0]; k++)
			ok = strlen(small[k]) == e - i && memcmp(small[k], s + i, e - i) == 0;
		if (!ok)
			return false;
		i = e + 1;
	}
	return true;
}

/* First (first=true) or last separator in t; NULL if none. Colons only
 * ever separate a prefix (and must not be found inside " :: "). */
static const char *pnp_find_sep(const char *t, bool first, const pnp_sep **which)
{
	const char *best = NULL;
	for (size_t k = 0; k < PNP_NSEPS; k++) {
		if (!first && pnp_seps[k].kind == PNP_SEP_COLON)
			continue;
		const char *p = strstr(t, pnp_seps[k].s);
		if (!first)
			for (const char *q = p; q; q = strstr(q + 1, pnp_seps[k].s))
				p = q;
		if (p && (!best || (first ? p < best : p > best))) {
			best = p;
			*which = &pnp_seps[k];
		}
	}
	return best;
}

/* One step: the title without its last or first part, or NULL. */
static char *pnp_strip_once(const char *t, const pnp_site *st)
{
	const pnp_sep *sep;
	size_t n = strlen(t);
	const char *p = pnp_find_sep(t, false, &sep);
	if (p) {
		size_t hl = (size_t)(p - t), sl = strlen(sep->s);
		const char *tail = p + sl;
		size_t tl = n - hl - sl;
		bool drop = pnp_names_site(st, tail, tl);
		if (!drop && sep->kind == PNP_SEP_STRONG)
			drop = pnp_words(tail, tl) <= 5 && pnp_words(t, hl) >= 3;
		if (!drop && sep->kind == PNP_SEP_DASH)
			drop = pnp_capitalised(tail, tl) && pnp_words(t, hl) >= 4;
		if (drop && hl > 0)
			return pn_xstrndup(t, hl);
	}
	/* A prefix goes when it names the site, or when it is a short
	 * capitalised label ("Opinion | ...", "Site Name :: ...") before a
	 * strong separator and a headline-sized rest. */
	p = pnp_find_sep(t, true, &sep);
	if (p && p > t) {
		size_t hl = (size_t)(p - t);
		const char *rest = p + strlen(sep->s);
		bool drop = pnp_names_site(st, t, hl);
		if (!drop && sep->kind == PNP_SEP_STRONG)
			drop = pnp_capitalised(t, hl) && pnp_words(rest, strlen(rest)) >= 5;
		if (drop && *rest)
			return pn_xstrdup(rest);
	}
	return NULL;
}

char *pnp_title_strip(char *title, const char *site, const char *host)
{
	pnp_site st;
	pnp_text_squash(site ? site : "", st.site, sizeof st.site);
	pnp_text_squash(host ? host : "", st.host, sizeof st.host);
	const char *dot = host ? strchr(host, '.') : NULL;
	char label[64] = "";
	if (dot && (size_t)(dot - host) < sizeof label) {
		memcpy(label, host, (size_t)(dot - host));
		label[dot - host] = '\0';
	}
	pnp_text_squash(label, st.label, sizeof st.label);
	/* "Headline | Section | Site": at most a few parts come off. */
	for (int i = 0; i < 3; i++) {
		char *shorter = pnp_strip_once(title, &st);
		if (!shorter)
			break;
		free(title);
		title = shorter;
	}
	return title;
}
