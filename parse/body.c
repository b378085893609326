/* body.c - pnp_body_extract: flatten, score, choose, write.
 *
 * Like readability, a first try removes everything whose class or id
 * says boilerplate; when that leaves too little text (a page whose
 * wrapper is called "has-sidebar", say) a second try trusts only tags. */
#include <stdlib.h>
#include <string.h>
#include "parse.h"
#include "body.h"

/* Below this many bytes the strict result is suspect. */
#define PB_MIN_TEXT 250

static char *pb_try(GumboOutput *doc, const char *title, bool strict)
{
	pnp_btree t;
	pn_buf out = PN_BUF_INIT;
	pnp_btree_build(doc, &t, strict);
	if (t.n) {
		bool *sel = pn_xcalloc((size_t)t.n, sizeof *sel);
		int best = pnp_bscore_select(&t, sel);
		if (best >= 0)
			pnp_btext_write(&t, sel, title, &out);
		free(sel);
	}
	pnp_btree_free(&t);
	return out.len ? pn_buf_steal(&out) : pn_xstrdup("");
}

char *pnp_body_extract(GumboOutput *doc, const char *title)
{
	char *text = pb_try(doc, title, true);
	size_t len = strlen(text);
	if (len >= PB_MIN_TEXT)
		return text;
	char *loose = pb_try(doc, title, false);
	if (strlen(loose) > len) {
		free(text);
		return loose;
	}
	free(loose);
	return text;
}
