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

char *pnf_url_resolve(const char *base, const char *ref)
{
	while (isspace((unsigned char)*ref))
		ref++;
	size_t n = strlen(ref);
	while (n && isspace((unsigned char)ref[n - 1]))
		n--;
	if (n == 0)
		return NULL;
	char *r = pn_xstrndup(ref, n);
	CURLU *u = curl_url();
	if (!u)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_url)");
	char *out = NULL;
	/* CURLU_URLENCODE turns spaces etc. into %XX instead of rejecting */
	unsigned flags = CURLU_NON_SUPPORT_SCHEME | CURLU_URLENCODE;
	if (base && curl_url_set(u, CURLUPART_URL, base, flags) != CURLUE_OK)
		goto done;
	if (curl_url_set(u, CURLUPART_URL, r, flags) != CURLUE_OK)
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
