/* robots.c - robots.txt per RFC 9309: the group of our product token
 * (else "*"), longest match wins, allow wins a tie, "*" and "$" in
 * patterns, /robots.txt always allowed; plus the Crawl-delay and
 * Sitemap extensions. Only the first 500 KiB are parsed (RFC 9309 2.5). */
#include "fetch.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PARSE_LIMIT (500 * 1024)

typedef struct rule {
	char *pat; /* normalised: percent escapes uppercased, non-ASCII escaped */
	bool allow;
} rule;

typedef struct group {
	rule *v;
	size_t n, cap;
	long delay_ms;
} group;

struct pnf_robots {
	group g;
	bool deny_all;
	char **sitemaps;
	size_t nsitemaps;
};

static void add_rule(group *g, const char *pat, bool allow)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->v = pn_xrealloc(g->v, g->cap * sizeof *g->v);
	}
	pn_buf b = PN_BUF_INIT;
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)pat; *p; p++) {
		if (*p == '%' && isxdigit(p[1]) && isxdigit(p[2])) {
			pn_buf_addc(&b, '%');
			pn_buf_addc(&b, (char)toupper(p[1]));
			pn_buf_addc(&b, (char)toupper(p[2]));
			p += 2;
		} else if (*p >= 0x80) {
			pn_buf_addc(&b, '%');
			pn_buf_addc(&b, hex[*p >> 4]);
			pn_buf_addc(&b, hex[*p & 15]);
		} else {
			pn_buf_addc(&b, (char)*p);
		}
	}
	pn_buf_cstr(&b);
	g->v[g->n++] = (rule){pn_buf_steal(&b), allow};
}

static void free_group(group *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].pat);
	free(g->v);
}

/* Lowercased product token: "pharmanews/0.1 (...)" -> "pharmanews". */
static char *product_token(const char *ua)
{
	size_t n = strcspn(ua, "/ \t");
	char *t = pn_xstrndup(ua, n);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

pnf_robots *pnf_robots_parse(const char *body, size_t len, const char *ua)
{
	pnf_robots *r = pn_xcalloc(1, sizeof *r);
	group mine = {.delay_ms = -1}, star = {.delay_ms = -1};
	bool have_mine = false, in_agents = false, cur_mine = false, cur_star = false;
	char *token = product_token(ua);
	char *text = pn_xstrndup(body, len > PARSE_LIMIT ? PARSE_LIMIT : len);
	char *save = NULL;
	for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		line[strcspn(line, "#")] = '\0';
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		char *key = trim(line), *val = trim(colon + 1);
		if (strcasecmp(key, "user-agent") == 0) {
			if (!in_agents)
				cur_mine = cur_star = false;
			in_agents = true;
			char *vt = product_token(val);
			if (strcmp(vt, token) == 0)
				cur_mine = have_mine = true;
			else if (strcmp(val, "*") == 0)
				cur_star = true;
			free(vt);
			continue;
		}
		if (strcasecmp(key, "sitemap") == 0) {
			/* not part of any group */
			if (*val) {
				r->sitemaps = pn_xrealloc(r->sitemaps, (r->nsitemaps + 1) * sizeof *r->sitemaps);
				r->sitemaps[r->nsitemaps++] = pn_xstrdup(val);
			}
			continue;
		}
		in_agents = false;
		bool allow = strcasecmp(key, "allow") == 0;
		if (allow || strcasecmp(key, "disallow") == 0) {
			if (!*val)
				continue; /* "Disallow:" with no path allows everything */
			if (cur_mine)
				add_rule(&mine, val, allow);
			if (cur_star)
				add_rule(&star, val, allow);
		} else if (strcasecmp(key, "crawl-delay") == 0) {
			char *end;
			double s = strtod(val, &end);
			if (end != val && s >= 0 && s < 86400) {
				if (cur_mine)
					mine.delay_ms = (long)(s * 1000);
				if (cur_star)
					star.delay_ms = (long)(s * 1000);
			}
		}
	}
	free(text);
	free(token);
	if (have_mine) {
		r->g = mine;
		free_group(&star);
	} else {
		r->g = star;
		free_group(&mine);
	}
	return r;
}

pnf_robots *pnf_robots_allow_all(void)
{
	pnf_robots *r = pn_xcalloc(1, sizeof *r);
	r->g.delay_ms = -1;
	return r;
}

pnf_robots *pnf_robots_deny_all(void)
{
	pnf_robots *r = pnf_robots_allow_all();
	r->deny_all = true;
	return r;
}

/* Matches pattern p (with * and a trailing $) against the start of s. */
static bool match(const char *p, const char *s)
{
	for (; *p; p++) {
		if (*p == '*') {
			while (p[1] == '*')
				p++;
			if (!p[1])
				return true;
			for (const char *t = s; ; t++) {
				if (match(p + 1, t))
					return true;
				if (!*t)
					return false;
			}
		}
		if (*p == '$' && !p[1])
			return *s == '\0';
		if (*p != *s)
			return false;
		s++;
	}
	return true;
}

bool pnf_robots_allowed(const pnf_robots *r, const char *path_query)
{
	if (strcmp(path_query, "/robots.txt") == 0)
		return true;
	if (r->deny_all)
		return false;
	/* URLs from curl are already percent-encoded; only the hex case may
	 * differ from the patterns */
	char *path = pn_xstrdup(path_query);
	for (char *p = path; *p; p++)
		if (*p == '%' && isxdigit((unsigned char)p[1]) && isxdigit((unsigned char)p[2])) {
			p[1] = (char)toupper((unsigned char)p[1]);
			p[2] = (char)toupper((unsigned char)p[2]);
		}
	size_t best = 0;
	bool allowed = true;
	for (size_t i = 0; i < r->g.n; i++) {
		const rule *ru = &r->g.v[i];
		size_t len = strlen(ru->pat);
		if (!match(ru->pat, path))
			continue;
		if (len > best || (len == best && ru->allow)) {
			best = len;
			allowed = ru->allow;
		}
	}
	free(path);
	return allowed;
}

long pnf_robots_crawl_delay_ms(const pnf_robots *r)
{
	return r->g.delay_ms;
}

size_t pnf_robots_nsitemaps(const pnf_robots *r)
{
	return r->nsitemaps;
}

const char *pnf_robots_sitemap(const pnf_robots *r, size_t i)
{
	return r->sitemaps[i];
}

void pnf_robots_free(pnf_robots *r)
{
	if (!r)
		return;
	free_group(&r->g);
	for (size_t i = 0; i < r->nsitemaps; i++)
		free(r->sitemaps[i]);
	free(r->sitemaps);
	free(r);
}
