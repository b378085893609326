/* seeds.c - the seeds file: one URL per line, optionally preceded by its
 * kind and followed by options:
 *
 *     # comment
 *     https://example.com/news/1.html              (a page)
 *     feed https://example.com/rss.xml every=30m
 *     sitemap https://example.com/sitemap_index.xml
 *     robots https://example.com/                  (its Sitemap: lines)
 *     index https://example.com/press-releases/    (HTML; links per site rules)
 */
#include "fetch.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* indexed by enum pnf_kind */
static const char *const kind_names[] = {"page", "feed", "sitemap", "robots", "index"};

/* -1 when name is not a kind. */
static int kind_parse(const char *name)
{
	for (int i = 0; i < (int)(sizeof kind_names / sizeof *kind_names); i++)
		if (strcmp(name, kind_names[i]) == 0)
			return i;
	return -1;
}

/* "90", "90s", "15m", "6h", "1d" -> seconds; -1 when malformed. */
static long parse_interval(const char *s)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || v <= 0)
		return -1;
	long mul = 1;
	if (*end == 'm')
		mul = 60;
	else if (*end == 'h')
		mul = 3600;
	else if (*end == 'd')
		mul = 86400;
	else if (*end != 's' && *end != '\0')
		return -1;
	if (*end && end[1])
		return -1;
	return v * mul;
}

/* Checks and normalises one seed URL; returns a message on error. */
static const char *make_seed(pnf_seed *seed, const char *url, enum pnf_kind kind, bool allow_file)
{
	if (pnf_url_is_file(url) && !allow_file)
		return "file:// URL needs --allow-file";
	if (!pnf_url_is_file(url) && !pnf_url_is_http(url))
		return "not an http://, https:// or file:// URL";
	char *norm = pnf_url_resolve(NULL, url);
	if (!norm)
		return "malformed URL";
	if (kind == PNF_ROBOTS && pnf_url_is_http(norm)) {
		/* "robots https://host/" means that host's /robots.txt */
		char *r = pnf_url_resolve(norm, "/robots.txt");
		free(norm);
		norm = r;
	}
	seed->url = norm;
	seed->kind = kind;
	seed->interval_s = 0;
	return NULL;
}

static void push(pnf_seeds *s, const pnf_seed *seed)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = pn_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = *seed;
}

/* Parses one non-blank line; returns an error message or NULL. */
static const char *parse_line(pnf_seeds *s, char *line, bool allow_file)
{
	char *tok[4];
	int n = 0;
	for (char *p = strtok(line, " \t"); p; p = strtok(NULL, " \t")) {
		if (n == 4)
			return "too many fields";
		tok[n++] = p;
	}
	int kind = PNF_PAGE, i = 0;
	if (!strstr(tok[0], "://")) {
		kind = kind_parse(tok[0]);
		if (kind < 0)
			return "unknown kind (expected page, feed, sitemap, robots or index) or missing URL";
		if (n < 2)
			return "missing URL";
		i = 1;
	}
	pnf_seed seed;
	const char *err = make_seed(&seed, tok[i++], (enum pnf_kind)kind, allow_file);
	if (err)
		return err;
	for (; i < n; i++) {
		if (strncmp(tok[i], "every=", 6) != 0 || (seed.interval_s = parse_interval(tok[i] + 6)) < 0) {
			free(seed.url);
			return "bad option (expected every=N[s|m|h|d])";
		}
	}
	push(s, &seed);
	return NULL;
}

void pnf_seeds_load(pnf_seeds *s, const char *path, bool allow_file)
{
	bool std = strcmp(path, "-") == 0;
	FILE *f = std ? stdin : fopen(path, "r");
	if (!f)
		pn_die(PN_EXIT_IO, "%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		char *e = p + strlen(p);
		while (e > p && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (*p == '\0' || *p == '#')
			continue;
		const char *err = parse_line(s, p, allow_file);
		if (err)
			pn_die(PN_EXIT_CONFIG, "%s:%lu: %s", std ? "<stdin>" : path, lineno, err);
	}
	bool bad = ferror(f);
	free(line);
	if (!std)
		fclose(f);
	if (bad)
		pn_die(PN_EXIT_IO, "%s: read error", path);
}

void pnf_seeds_add_arg(pnf_seeds *s, const char *arg, bool allow_file)
{
	pnf_seed seed;
	const char *err = make_seed(&seed, arg, PNF_PAGE, allow_file);
	if (err)
		pn_die(PN_EXIT_USAGE, "%s: %s", arg, err);
	push(s, &seed);
}

void pnf_seeds_free(pnf_seeds *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].url);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}
