/* page_strip.c - drop script and style bodies before gumbo sees a page.
 *
 * About half the bytes of a news page are inline JavaScript and CSS that
 * gumbo would tokenise character by character only for the body
 * extractor to ignore; cutting them first nearly halves parsing time.
 * JSON-LD scripts are kept: meta.c reads them. The scan follows the
 * tokeniser's rules closely enough: comments are skipped, a raw-text
 * element ends at the first "</script" or "</style" (any case).
 *
 * The same scan measures how deep block containers (div, section, ul...)
 * nest: gumbo's scope checks make parsing quadratic in nesting depth
 * (200,000 nested divs take minutes), so page.c refuses absurdly deep
 * pages. Elements whose end tag is optional (p, li) or absent (br, img)
 * are not counted: real pages leave thousands of them open. */
#include <string.h>
#include <strings.h>
#include "pn.h"
#include "page.h"

/* Is the tag name at s (just after '<' or "</") name? */
static bool ps_name_is(const char *s, const char *end, const char *name, size_t n)
{
	if ((size_t)(end - s) <= n || strncasecmp(s, name, n))
		return false;
	char c = s[n];
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool ps_tag_is(const char *p, const char *end, const char *name, size_t n)
{
	return ps_name_is(p + 1, end, name, n);
}

/* Is the tag name at s a container counted for nesting? */
static bool ps_container(const char *s, const char *end)
{
	static const char *const names[] = {"div", "section", "article", "aside", "nav", "main",
	                                    "header", "footer", "blockquote", "figure", "form",
	                                    "fieldset", "details", "ul", "ol", "dl", "table", NULL};
	for (int i = 0; names[i]; i++) {
		if (ps_name_is(s, end, names[i], strlen(names[i])))
			return true;
	}
	return false;
}

static const char *ps_tag_end(const char *p, const char *end)
{
	char quote = 0;
	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>') {
			return p + 1;
		}
	}
	return end;
}

static const char *ps_find_close(const char *p, const char *end, const char *name, size_t n)
{
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if ((size_t)(end - p) > n + 2 && p[1] == '/' && !strncasecmp(p + 2, name, n))
			return p;
		p++;
	}
	return end;
}

static bool ps_has(const char *p, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; (size_t)(end - p) >= n; p++)
		if (!strncasecmp(p, needle, n))
			return true;
	return false;
}

char *pnp_strip_raw(const char *html, size_t len, size_t *out_len, unsigned *max_depth)
{
	pn_buf b = PN_BUF_INIT;
	pn_buf_reserve(&b, len);
	const char *p = html, *end = html + len, *copied = html;
	long depth = 0, max = 0;
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if (p + 1 < end && p[1] == '/') {
			if (ps_container(p + 2, end))
				depth--;
		} else if (ps_container(p + 1, end) && ++depth > max) {
			max = depth;
		}
		if ((size_t)(end - p) >= 4 && !memcmp(p, "<!--", 4)) {
			const char *c = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
			p = c ? c + 3 : end;
			continue;
		}
		bool script = ps_tag_is(p, end, "script", 6);
		if (!script && !ps_tag_is(p, end, "style", 5)) {
			p++;
			continue;
		}
		const char *body = ps_tag_end(p, end);
		const char *close = script ? ps_find_close(body, end, "script", 6)
		                           : ps_find_close(body, end, "style", 5);
		if (script && ps_has(p, body, "ld+json")) {
			p = close;
			continue;
		}
		pn_buf_add(&b, copied, (size_t)(body - copied));
		copied = p = close;
	}
	pn_buf_add(&b, copied, (size_t)(end - copied));
	*out_len = b.len;
	*max_depth = (unsigned)max;
	return pn_buf_steal(&b);
}
