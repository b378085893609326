/* timex.c - placeholder temporal tagger: "Month YYYY" only, until the
 * rules-driven tagger lands. Same interface as the real one. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "pn.h"
#include "timex.h"

struct pnx_timex_tagger {
	pcre2_code *re;
};

static const char *const pnx_months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};

pnx_timex_tagger *pnx_timex_new(const struct pnx_rules *rules)
{
	(void)rules;
	pnx_timex_tagger *t = pn_xcalloc(1, sizeof *t);
	int err;
	PCRE2_SIZE off;
	t->re = pcre2_compile((PCRE2_SPTR) "\\b(January|February|March|April|May|June|July|August|September|"
	                      "October|November|December) ((?:19|20)\\d\\d)\\b",
	                      PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!t->re)
		pn_die(PN_EXIT_INTERNAL, "timex: cannot compile the built-in pattern");
	return t;
}

void pnx_timex_free(pnx_timex_tagger *t)
{
	if (!t)
		return;
	pcre2_code_free(t->re);
	free(t);
}

size_t pnx_timex_tag(const pnx_timex_tagger *t, const char *text, size_t len, const char *dct,
                     pnx_timex **out)
{
	(void)dct;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(t->re, NULL);
	size_t n = 0, cap = 0, pos = 0;
	*out = NULL;
	while (pos <= len && pcre2_match(t->re, (PCRE2_SPTR)text, len, pos, 0, md, NULL) > 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = pn_xrealloc(*out, cap * sizeof **out);
		}
		pnx_timex *x = &(*out)[n++];
		memset(x, 0, sizeof *x);
		x->start = ov[0];
		x->end = ov[1];
		x->type = "DATE";
		x->grain = "month";
		x->pair = -1;
		int m = 0;
		while (m < 11 && strncmp(text + ov[2], pnx_months[m], ov[3] - ov[2]) != 0)
			m++;
		snprintf(x->value, sizeof x->value, "%.4s-%02d", text + ov[4], m + 1);
		pos = ov[1];
	}
	pcre2_match_data_free(md);
	return n;
}

int pnx_timex_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	pn_warn("--tag-timex: not implemented yet");
	return PN_EXIT_INTERNAL;
}
