/* body.c - pnp_body_extract: flatten, score, choose, write.
 *
 * Like readability, a first try removes everything whose class or id
 * says boilerplate; when that leaves too little text (a page whose
 * wrapper is called "sidebar-left", say) a second try trusts only tags.
 * When the page still has next to no text (built by scripts), the JSON-LD
 * articleBody is taken if it is longer. */
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "body.h"

/* Below this many bytes the strict result is suspect. */
#define PB_MIN_TEXT 250

/* One try at the article text, never NULL. *ld, when given, gets the
 * page's JSON-LD articleBody (NULL if none). */
static char *pb_try(GumboOutput *doc, const char *title, bool strict, char **ld)
{
	pnp_btree t;
	pn_buf out = PN_BUF_INIT;
	pnp_btree_build(doc, &t, strict);
	if (t.n) {
		bool *sel = pn_xcalloc((size_t)t.n, sizeof *sel);
		if (pnp_bscore_select(&t, sel) >= 0)
			pnp_btext_write(&t, sel, title, &out);
		free(sel);
	}
	if (ld)
		*ld = pnp_bjsonld_body(&t);
	pnp_btree_free(&t);
	return out.len ? pn_buf_steal(&out) : pn_xstrdup("");
}

/* Keeps the longer of two malloc'd strings (b may be NULL). */
static char *pb_longer(char *a, char *b)
{
	if (b && strlen(b) > strlen(a)) {
		free(a);
		return b;
	}
	free(b);
	return a;
}

char *pnp_body_extract(GumboOutput *doc, const char *title)
{
	char *text = pb_try(doc, title, true, NULL);
	if (strlen(text) >= PB_MIN_TEXT)
		return text;
	char *ld;
	text = pb_longer(text, pb_try(doc, title, false, &ld));
	if (strlen(text) >= PB_MIN_TEXT) {
		free(ld);
		return text;
	}
	return pb_longer(text, ld);
}
