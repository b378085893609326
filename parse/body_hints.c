/* body_hints.c - what an element's class, id, role and style say about it.
 *
 * The patterns are matched (PCRE2, JIT) against "class id" lowercased.
 * A boilerplate word wins over a generic content word ("related-articles",
 * "post-comments" are boilerplate) unless the name is one of the explicit
 * article-body names. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "body.h"

/* Names that only ever hold the article text. */
static const char bh_strong_src[] =
	"article[-_]{0,2}(body|content|text|main)|articlebody|entry[-_]{0,2}(content|body)"
	"|post[-_]{0,2}(content|body|text)|story[-_]{0,2}(body|content|text)|main[-_]{0,2}content"
	"|body[-_]{0,2}(text|copy)|content[-_]{0,2}body|rich[-_]{0,2}text|article[-_]{0,2}copy";

/* Boilerplate: removed before scoring (strict pass). "has-sidebar",
 * "content-with-sidebar" describe a layout, not a sidebar. */
static const char bh_junk_src[] =
	"(?<!with-|has-|no-|without-|one-|two-|with_|has_|no_)(?:comment|disqus|share|sharing"
	"|social(?![-_]?(media[-_]?)?embed)|related|cookie|consent|gdpr|newsletter"
	"|subscri|promo|sidebar|breadcrumb|navbar|navigation|(^|[ _-])nav([ _-]|$)"
	"|menu|footer|masthead|header|advert|(^|[ _-])ads?([ _-]|$)|-ad-|sponsor"
	"|popup|modal|outbrain|taboola|recirc|trending|popular|pagination|pager([ _-]|$)"
	"|signup|sign-up|skip|byline|author|(^|[ _-])tags?([ _-]|$)|toolbar"
	"|follow|most-read|read-?more|more-stories|recommend|banner|overlay"
	"|sr-only|visually-hidden|screen-reader|caption|credit|dateline|timestamp"
	"|(^|[ _-])meta([ _-]|$)|breaking|ticker|print|inline-link|also-read"
	"|tooltip|popover|hovercard|rollover"
	"|(^| )(hidden|hide|d-none|is-hidden|element-hidden|invisible)( |$))";

/* Readability's weights: content-ish names +25, boilerplate-ish -25. */
static const char bh_pos_src[] =
	"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story";
static const char bh_neg_src[] =
	"-ad-|hidden|banner|combx|comment|com-|contact|foot|footnote|gdpr|masthead"
	"|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper"
	"|sponsor|shopping|tags|tool|widget";

/* Whole paragraphs (at most 250 bytes) that are never article text:
 * labels, calls to share, subscribe or follow, bylines and date lines,
 * agency credits. */
static const char bh_line_src[] =
	"^(advertisement|advertising|ad|sponsored( content)?|share( this)?( article| story| post)?"
	"|share on .*|(read|see|watch|listen)( more| also| next)\\b.*|don'?t miss\\b.*|also read\\b.*"
	"|related( articles| stories| content| coverage)?(:.*)?"
	"|see also|click here.*|sign up.*|subscribe.*|follow us.*|image:? .*|photo:? .*"
	"|getty images|loading|continue reading.*|story continues below.*|more from .*"
	"|recommended.*|you may also like.*|most read.*|trending.*|copyright .*|© .*"
	"|about the author|tell us what you think.*|\\d* ?comments?|sharing is caring"
	"|if you (enjoyed|liked|like) this (article|story|post).*|like this (story|article)\\?.*"
	"|by [^.]{3,80}|(published|updated|posted|last updated)( on| at)?:? [^.]{0,60}\\d[^.]{0,40}"
	"|\\(?(additional )?reporting by .*|.{0,200}\\bcontributed (reporting )?to this report"
	"|.{0,200}\\bfollow (us|him|her|me|them) (on|at|@).*"
	"|.{0,200}\\b(sign up|subscribe)\\b.{0,200}\\b(newsletters?|inbox)\\b.*"
	"|disclaimer:.*|\\d+ min(ute)?s? read|reading time:? .*|tempo de leitura:? .*"
	")[.:!…)]*$";

enum { BH_STRONG, BH_JUNK, BH_POS, BH_NEG, BH_LINE, BH_N };

static pcre2_code *bh_re[BH_N];
static pcre2_match_data *bh_md;

static void bh_free(void)
{
	for (int i = 0; i < BH_N; i++)
		pcre2_code_free(bh_re[i]);
	pcre2_match_data_free(bh_md);
}

static void bh_init(void)
{
	static const char *const src[BH_N] = {bh_strong_src, bh_junk_src, bh_pos_src,
	                                      bh_neg_src, bh_line_src};
	if (bh_md)
		return;
	for (int i = 0; i < BH_N; i++) {
		int err;
		PCRE2_SIZE off;
		uint32_t opt = PCRE2_CASELESS | (i == BH_LINE ? PCRE2_UTF : 0);
		bh_re[i] = pcre2_compile((PCRE2_SPTR)src[i], PCRE2_ZERO_TERMINATED, opt,
		                         &err, &off, NULL);
		if (!bh_re[i])
			pn_die(PN_EXIT_INTERNAL, "body hint pattern %d does not compile at %zu", i,
			       (size_t)off);
		/* Without JIT the interpreter still works, only slower. */
		(void)pcre2_jit_compile(bh_re[i], PCRE2_JIT_COMPLETE);
	}
	bh_md = pcre2_match_data_create(4, NULL);
	if (!bh_md)
		pn_die(PN_EXIT_INTERNAL, "out of memory");
	atexit(bh_free);
}

static bool bh_match(int which, const char *s, size_t len)
{
	/* PCRE2_NO_UTF_CHECK: the line pattern only sees gumbo's UTF-8. */
	return pcre2_match(bh_re[which], (PCRE2_SPTR)s, len, 0,
	                   which == BH_LINE ? PCRE2_NO_UTF_CHECK : 0, bh_md, NULL) >= 0;
}

/* CMS class lists name the post's taxonomy and the page's state:
 * "category-ads", "tag-social-media", "format-standard", "modal-enabled"
 * say nothing about the element. */
static bool bh_ignored_token(const char *s, size_t n)
{
	static const char *const pre[] = {"category-", "tag-", "format-", "status-", "type-",
	                                  "postid-", "post_format-", "section-", "node-type-",
	                                  "author-", NULL};
	static const char *const suf[] = {"-enabled", "-disabled", "-open", "-active", "-loaded",
	                                  NULL};
	for (int i = 0; pre[i]; i++) {
		size_t k = strlen(pre[i]);
		if (n > k && !strncasecmp(s, pre[i], k))
			return true;
	}
	for (int i = 0; suf[i]; i++) {
		size_t k = strlen(suf[i]);
		if (n > k && !strncasecmp(s + n - k, suf[i], k))
			return true;
	}
	return false;
}

/* Appends the tokens of s, lowercased, each followed by a space. */
static size_t bh_append_tokens(char *dst, size_t at, size_t cap, const char *s)
{
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
			s++;
		size_t n = strcspn(s, " \t\n\r\f");
		if (n && !bh_ignored_token(s, n) && at + n + 1 < cap) {
			for (size_t i = 0; i < n; i++)
				dst[at++] = (char)tolower((unsigned char)s[i]);
			dst[at++] = ' ';
		}
		s += n;
	}
	return at;
}

static const char *bh_attr(const GumboElement *el, const char *name)
{
	GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);
	return a ? a->value : NULL;
}

static bool bh_hidden(const GumboElement *el)
{
	if (bh_attr(el, "hidden"))
		return true;
	const char *v = bh_attr(el, "aria-hidden");
	if (v && !strcmp(v, "true"))
		return true;
	v = bh_attr(el, "style");
	if (!v)
		return false;
	/* Styles are written with or without a space after the colon. */
	return strstr(v, "display:none") || strstr(v, "display: none")
	       || strstr(v, "visibility:hidden") || strstr(v, "visibility: hidden");
}

static bool bh_junk_role(const char *role)
{
	static const char *const roles[] = {"navigation", "complementary", "contentinfo",
	                                    "banner", "dialog", "alertdialog", "menu",
	                                    "menubar", "search", "alert", NULL};
	for (int i = 0; roles[i]; i++)
		if (!strcmp(role, roles[i]))
			return true;
	return false;
}

int pnp_bhint_classify(const GumboElement *el, GumboTag tag, unsigned *flags)
{
	if (bh_hidden(el))
		*flags |= PNP_B_HIDDEN;
	const char *cls = bh_attr(el, "class"), *id = bh_attr(el, "id");
	const char *role = bh_attr(el, "role"), *prop = bh_attr(el, "itemprop");
	if (prop && !strcmp(prop, "articleBody")) {
		*flags |= PNP_B_STRONG;
		return 25;
	}
	bool exempt = tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_MAIN;
	if (role && !exempt && bh_junk_role(role)) {
		*flags |= PNP_B_BOILER;
		return -25;
	}
	if (!cls && !id)
		return 0;
	char s[512];
	size_t n = 0;
	if (cls)
		n = bh_append_tokens(s, n, sizeof s, cls);
	if (id)
		n = bh_append_tokens(s, n, sizeof s, id);
	while (n && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	bh_init();
	if (bh_match(BH_STRONG, s, n)) {
		*flags |= PNP_B_STRONG;
		return 25;
	}
	if (!exempt && bh_match(BH_JUNK, s, n)) {
		*flags |= PNP_B_BOILER;
		return -25;
	}
	return (bh_match(BH_POS, s, n) ? 25 : 0) - (bh_match(BH_NEG, s, n) ? 25 : 0);
}

bool pnp_bhint_boilerplate_line(const char *s, size_t len)
{
	if (len > 250)
		return false;
	bh_init();
	return bh_match(BH_LINE, s, len);
}
