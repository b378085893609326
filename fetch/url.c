/* url.c - URL resolution and normalisation on top of libcurl's URL API,
 * so links are parsed the way they will be fetched. */
#include "fetch.h"

#include <ctype.h>
#include <curl/curl.h>
#include <string.h>
#include <strings.h>

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Canonical dotted-quad IPv4 (libcurl rewrites other numeric forms). */
static bool dotted_quad(const char *h, size_t n)
{
	int parts = 0;
	for (size_t i = 0; i < n;) {
		size_t d = 0;
		unsigned v = 0;
		while (i + d < n && isdigit((unsigned char)h[i + d]) && d < 4)
			v = v * 10 + (unsigned)(h[i + d++] - '0');
		if (d == 0 || d > 3 || v > 255 || (d > 1 && h[i] == '0'))
			return false;
		parts++;
		i += d;
		if (i < n && (h[i] != '.' || ++i == n))
			return false;
	}
	return parts == 4;
}

/* True when libcurl's parse and re-serialisation would give u[0..n)
 * back unchanged: lowercase http(s) scheme and host, no userinfo, a
 * canonical port, a path with no dot segments, no fragment, nothing to
 * escape. Seeds and sitemap links nearly always are; parsing them with
 * curl_url cost 15K instructions a URL, the fetch loop's startup. */
static bool already_normal(const char *u, size_t n)
{
	size_t i = strncmp(u, "http://", 7) == 0 ? 7 : strncmp(u, "https://", 8) == 0 ? 8 : 0;
	if (!i)
		return false;
	size_t h = i;
	while (i < n && (islower((unsigned char)u[i]) || isdigit((unsigned char)u[i]) ||
	                 u[i] == '.' || u[i] == '-'))
		i++;
	if (i == h || (isdigit((unsigned char)u[h]) && !dotted_quad(u + h, i - h)))
		return false;
	if (i < n && u[i] == ':') {
		size_t p = ++i;
		unsigned long port = 0;
		while (i < n && isdigit((unsigned char)u[i]) && i - p < 6)
			port = port * 10 + (unsigned long)(u[i++] - '0');
		if (i == p || u[p] == '0' || port > 65535)
			return false;
	}
	if (i == n || u[i] != '/')
		return false;
	bool query = false;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c == '?') {
			if (i + 1 == n)
				return false; /* an empty query is dropped */
			query = true;
		} else if (c == '/' && !query && i + 1 < n && u[i + 1] == '.') {
			size_t d = u[i + 2] == '.' ? 3 : 2; /* u is NUL-terminated past n */
			if (i + d == n || u[i + d] == '/' || u[i + d] == '?')
				return false;
		} else if (c == '%') {
			if (i + 2 >= n || !isxdigit((unsigned char)u[i + 1]) || !isxdigit((unsigned char)u[i + 2]))
				return false;
		} else if (!isalnum(c) && !strchr("-._~!$&'()*+,;=:@/", c)) {
			return false;
		}
	}
	return true;
}

/* libcurl's parse of ref against base, re-serialised without the
 * fragment and with a lowercase host; NULL when either does not parse. */
static char *resolve_with_curl(const char *base, const char *ref)
{
	CURLU *u = curl_url();
	if (!u)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_url)");
	char *out = NULL;
	/* CURLU_URLENCODE turns spaces etc. into %XX instead of rejecting */
	unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;
	if (base && curl_url_set(u, CURLUPART_URL, base, flags) != CURLUE_OK)
		goto done;
	if (curl_url_set(u, CURLUPART_URL, ref, flags) != CURLUE_OK)
		goto done;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	char *host = NULL;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		bool upper = false;
		for (const char *p = host; *p && !upper; p++)
			upper = isupper((unsigned char)*p);
		if (upper) {
			lower(host);
			curl_url_set(u, CURLUPART_HOST, host, 0);
		}
		curl_free(host);
	}
	char *s = NULL;
	if (curl_url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		out = pn_xstrdup(s);
		curl_free(s);
	}
done:
	curl_url_cleanup(u);
	return out;
}

char *pnf_url_resolve(const char *base, const char *ref)
{
	while (isspace((unsigned char)*ref))
		ref++;
	size_t n = strlen(ref);
	while (n && isspace((unsigned char)ref[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	/* an absolute ref does not depend on base; tests/urltest.c checks
	 * that libcurl would give such a ref back unchanged */
	if (already_normal(ref, n))
		return pn_xstrndup(ref, n);
	char *r = pn_xstrndup(ref, n);
	char *out = resolve_with_curl(base, r);
	free(r);
	return out;
}

bool pnf_url_is_http(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0;
}

bool pnf_url_is_file(const char *url)
{
	return strncasecmp(url, "file://", 7) == 0;
}

/* The functions below take URLs already normalised by pnf_url_resolve
 * (every queued URL is), so plain string work is enough; re-parsing with
 * curl_url for every fetch cost more than the HTTP exchange itself. */

/* Start of the authority and of what follows it ("/path?query"). */
static void split(const char *url, const char **auth, const char **rest)
{
	const char *p = strstr(url, "://");
	*auth = p ? p + 3 : url;
	*rest = *auth + strcspn(*auth, "/?#");
}

char *pnf_url_origin(const char *url)
{
	if (!pnf_url_is_http(url))
		return NULL;
	const char *auth, *rest;
	split(url, &auth, &rest);
	const char *host = auth;
	for (const char *p = auth; p < rest; p++)
		if (*p == '@')
			host = p + 1; /* drop user:password@ */
	const char *colon = NULL;
	for (const char *p = host; p < rest; p++)
		if (*p == ':')
			colon = p;
	if (colon && memchr(colon, ']', (size_t)(rest - colon)))
		colon = NULL; /* a colon inside [IPv6] */
	bool https = tolower((unsigned char)url[4]) == 's';
	char *o;
	if (colon)
		o = pn_xasprintf("%s://%.*s", https ? "https" : "http", (int)(rest - host), host);
	else
		o = pn_xasprintf("%s://%.*s:%s", https ? "https" : "http", (int)(rest - host), host,
		                 https ? "443" : "80");
	lower(o);
	return o;
}

char *pnf_url_path_query(const char *url)
{
	const char *auth, *rest;
	split(url, &auth, &rest);
	size_t n = strcspn(rest, "#");
	if (n == 0 || *rest != '/') {
		/* "http://host?q" has the empty path "/" */
		return pn_xasprintf("/%.*s", (int)n, rest);
	}
	return pn_xstrndup(rest, n);
}
