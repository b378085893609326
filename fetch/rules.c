/* rules.c - site rules: which links found in feeds and sitemaps are
 * articles worth fetching. One rule a line:
 *
 *     # host                 action   PCRE2 regex, matched on the whole URL
 *     www.fiercebiotech.com  article  ^https://www\.fiercebiotech\.com/(biotech|pharma)/
 *     *                      skip     \.(pdf|jpe?g|png|mp4)$
 *
 * A link is dropped when a "skip" rule of its host (or of "*") matches;
 * when "article" rules apply to its host (its own or "*"), one of them
 * must match. Links no rule applies to are taken, except those of HTML
 * index pages, which need a matching "article" rule.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fetch.h"

#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct rule {
	char *host;      /* lowercase, or "*" */
	bool article;    /* false: skip */
	pcre2_code *re;
} rule;

struct pnf_rules {
	rule *v;
	size_t n, cap;
	pcre2_match_data *md;
};

static void add_rule(pnf_rules *r, const char *path, unsigned long lineno, char *host,
                     const char *action, const char *re)
{
	rule ru = {0};
	if (strcmp(action, "article") == 0)
		ru.article = true;
	else if (strcmp(action, "skip") != 0)
		pn_die(PN_EXIT_CONFIG, "%s:%lu: unknown action '%s' (expected article or skip)",
		       path, lineno, action);
	int ec;
	PCRE2_SIZE eo;
	ru.re = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec, &eo, NULL);
	if (!ru.re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		pn_die(PN_EXIT_CONFIG, "%s:%lu: bad regex at offset %zu: %s", path, lineno,
		       (size_t)eo, (char *)msg);
	}
	for (char *p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	ru.host = pn_xstrdup(host);
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = pn_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = ru;
}

pnf_rules *pnf_rules_load(const char *path)
{
	pnf_rules *r = pn_xcalloc(1, sizeof *r);
	r->md = pcre2_match_data_create(1, NULL);
	if (!r->md)
		pn_die(PN_EXIT_INTERNAL, "out of memory (pcre2)");
	if (!path)
		return r;
	FILE *f = fopen(path, "r");
	if (!f)
		pn_die(PN_EXIT_IO, "%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		char *p = line;
		p[strcspn(p, "\r\n")] = '\0';
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		/* host and action are single words; the regex is the rest of
		 * the line so it may contain spaces */
		char *host = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
		p += strspn(p, " \t");
		char *action = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
		p += strspn(p, " \t");
		if (!*action || !*p)
			pn_die(PN_EXIT_CONFIG, "%s:%lu: expected: HOST article|skip REGEX", path, lineno);
		add_rule(r, path, lineno, host, action, p);
	}
	free(line);
	fclose(f);
	return r;
}

static bool match(const pnf_rules *r, const rule *ru, const char *url)
{
	return pcre2_match(ru->re, (PCRE2_SPTR)url, PCRE2_ZERO_TERMINATED, 0, 0, r->md, NULL) >= 0;
}

bool pnf_rules_accept(const pnf_rules *r, const char *url, bool need_article)
{
	if (r->n == 0)
		return !need_article;
	char *host = NULL;
	CURLU *u = curl_url();
	if (u && curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK)
		curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_cleanup(u);
	bool has_article = false, is_article = false, skip = false;
	for (size_t i = 0; i < r->n && !skip; i++) {
		const rule *ru = &r->v[i];
		bool global = strcmp(ru->host, "*") == 0;
		if (!global && !(host && strcasecmp(ru->host, host) == 0))
			continue;
		if (!ru->article) {
			skip = match(r, ru, url);
		} else {
			has_article = true;
			is_article = is_article || match(r, ru, url);
		}
	}
	curl_free(host);
	return !skip && (is_article || (!has_article && !need_article));
}

void pnf_rules_free(pnf_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].host);
		pcre2_code_free(r->v[i].re);
	}
	free(r->v);
	pcre2_match_data_free(r->md);
	free(r);
}
