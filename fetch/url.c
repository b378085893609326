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
		lower(host);
		curl_url_set(u, CURLUPART_HOST, host, 0);
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

/* Gets one part, "" when absent. Caller frees with free(). */
static char *part(CURLU *u, CURLUPart p, unsigned flags)
{
	char *s = NULL;
	if (curl_url_get(u, p, &s, flags) != CURLUE_OK || !s)
		return pn_xstrdup("");
	char *r = pn_xstrdup(s);
	curl_free(s);
	return r;
}

char *pnf_url_origin(const char *url)
{
	if (!pnf_url_is_http(url))
		return NULL;
	CURLU *u = curl_url();
	if (!u)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_url)");
	char *out = NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		char *scheme = part(u, CURLUPART_SCHEME, 0);
		char *host = part(u, CURLUPART_HOST, 0);
		char *port = part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
		lower(scheme);
		lower(host);
		out = pn_xasprintf("%s://%s:%s", scheme, host, port);
		free(scheme);
		free(host);
		free(port);
	}
	curl_url_cleanup(u);
	return out;
}

char *pnf_url_path_query(const char *url)
{
	CURLU *u = curl_url();
	if (!u)
		pn_die(PN_EXIT_INTERNAL, "out of memory (curl_url)");
	char *out;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		out = pn_xstrdup("/");
	} else {
		char *path = part(u, CURLUPART_PATH, 0);
		char *query = part(u, CURLUPART_QUERY, 0);
		out = *query ? pn_xasprintf("%s?%s", path, query) : pn_xstrdup(*path ? path : "/");
		free(path);
		free(query);
	}
	curl_url_cleanup(u);
	return out;
}
