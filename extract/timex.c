/* timex.c - the temporal tagger: its `kind timex` rules, and one match of
 * a rule turned into a candidate (normalised by timex_norm.c).
 * timex_run.c runs the rules over a text and keeps the best
 * non-overlapping candidates.
 *
 * A rule produces one timex, or two for an interval: the captures t1 and t2
 * then give the two spans, and slots with the suffix 2 ((?<month2>...))
 * belong to the second one. An end without a year takes the other end's
 * ("January and February 2025"), an end with a day but no month likewise
 * ("March 3 to 5"). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "gazetteer.h"
#include "rules.h"
#include "timex_int.h"

static const char *const pnx_types[] = {"DATE", "TIME", "DURATION", "SET"};

static const char *pnx_static_type(const char *t)
{
	for (size_t i = 0; i < 4; i++)
		if (!strcmp(t, pnx_types[i]))
			return pnx_types[i];
	return NULL;
}

static int pnx_slot_index(const char *name)
{
	for (int i = 0; i < PNX_TS_N; i++)
		if (!strcmp(name, pnx_tslot_names[i]))
			return i;
	return -1;
}

/* Captures a timex rule may use: the slots, the slots + "2" (the second
 * end of an interval), t1 and t2. */
static void pnx_check_captures(const pnx_rules *rs)
{
	char names[PNX_TS_N][24];
	const char *allowed[2 * PNX_TS_N + 3];
	for (int i = 0; i < PNX_TS_N; i++) {
		snprintf(names[i], sizeof names[i], "%s2", pnx_tslot_names[i]);
		allowed[2 * i] = pnx_tslot_names[i];
		allowed[2 * i + 1] = names[i];
	}
	allowed[2 * PNX_TS_N] = "t1";
	allowed[2 * PNX_TS_N + 1] = "t2";
	allowed[2 * PNX_TS_N + 2] = NULL;
	pnx_rules_check_captures(rs, "timex", allowed);
}

/* Capture numbers of every slot, once, instead of a name lookup per
 * slot and match. */
static void pnx_index_groups(pnx_timex_tagger *t)
{
	t->groups = pn_xcalloc(t->nrules + 1, sizeof *t->groups);
	char name[32];
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		t->groups[i] = pn_xcalloc(r->npats + 1, sizeof *t->groups[i]);
		for (size_t k = 0; k < r->npats; k++) {
			const pcre2_code *code = r->pats[k].code;
			for (int e = 0; e < 2; e++)
				for (int j = 0; j < PNX_TS_N; j++) {
					snprintf(name, sizeof name, "%s%s", pnx_tslot_names[j], e ? "2" : "");
					int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
					t->groups[i][k][e][j] = n > 0 ? n : 0;
				}
			for (int e = 0; e < 2; e++) {
				int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)(e ? "t2" : "t1"));
				t->groups[i][k][0][PNX_TS_N + e] = n > 0 ? n : 0;
			}
		}
	}
}

static void pnx_index_words(pnx_timex_tagger *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->nrules; i++)
		n += t->rules[i]->nwords;
	t->any_words = n > 0;
	t->ntrig = 16;
	while (t->ntrig < 2 * n)
		t->ntrig *= 2;
	t->trig = pn_xcalloc(t->ntrig, sizeof *t->trig);
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		for (size_t k = 0; k < r->nwords; k++) {
			size_t len = strlen(r->words[k]), h = pnx_word_hash(r->words[k], len), j = h & (t->ntrig - 1);
			if (len > t->maxword)
				t->maxword = len;
			t->filter[(h >> 23) & 0x1FFF] |= (uint8_t)(1u << ((h >> 20) & 7));
			while (t->trig[j].word)
				j = (j + 1) & (t->ntrig - 1);
			t->trig[j] = (pnx_ttrig){h, r->words[k], len, i};
		}
	}
}

/* True when a t1 or t2 capture sits inside a lookbehind of the pattern
 * source. timex_run.c tags a text in pieces and relies on every span
 * starting at or after the position its match was tried at. */
static bool pnx_span_behind(const char *src)
{
	for (const char *p = src; (p = strstr(p, "(?<")) != NULL; p++) {
		if (p > src && p[-1] == '\\')
			continue;
		if (p[3] != '=' && p[3] != '!')
			continue;
		int depth = 0;
		bool cls = false;
		for (const char *q = p; *q; q++) {
			if (*q == '\\' && q[1]) {
				q++;
				continue;
			}
			if (cls) {
				cls = *q != ']';
				continue;
			}
			if (*q == '[')
				cls = true;
			else if (*q == '(') {
				depth++;
				if (!strncmp(q, "(?<t1>", 6) || !strncmp(q, "(?<t2>", 6))
					return true;
			} else if (*q == ')' && --depth == 0)
				break;
		}
	}
	return false;
}

pnx_timex_tagger *pnx_timex_new(const struct pnx_rules *rs)
{
	pnx_check_captures(rs);
	pnx_timex_tagger *t = pn_xcalloc(1, sizeof *t);
	t->rs = rs;
	t->nrules = pnx_rules_of_kind(rs, "timex", &t->rules);
	t->types = pn_xcalloc(t->nrules + 1, sizeof *t->types);
	t->sets = pn_xcalloc(t->nrules + 1, sizeof *t->sets);
	unsigned bad = 0;
	for (size_t i = 0; i < t->nrules; i++) {
		const pnx_rule *r = t->rules[i];
		t->types[i] = pnx_static_type(r->type);
		if (!t->types[i]) {
			pn_warn("%s:%u: rule %s: timex type must be DATE, TIME, DURATION or SET, not \"%s\"", r->file,
			        r->line, r->id, r->type);
			bad++;
		}
		for (size_t k = 0; k < r->nsets; k++) {
			int s = pnx_slot_index(r->sets[k].key);
			if (s < 0) {
				pn_warn("%s:%u: rule %s: unknown timex attribute \"%s\" (see docs/timex.md)", r->file,
				        r->sets[k].line, r->id, r->sets[k].key);
				bad++;
				continue;
			}
			t->sets[i][s] = (pnx_tstr){r->sets[k].value, strlen(r->sets[k].value)};
		}
		for (size_t k = 0; k < r->npats; k++)
			if (pnx_span_behind(r->pats[k].source)) {
				pn_warn("%s:%u: rule %s: (?<t1>) or (?<t2>) inside a lookbehind", r->file, r->pats[k].line,
				        r->id);
				bad++;
			}
	}
	bad += pnx_tlex_init(&t->lex, pnx_rules_gaz(rs, "timex_tense"));
	if (bad)
		pn_die(PN_EXIT_CONFIG, "%s: %u bad timex rule%s", rs->dir, bad, bad == 1 ? "" : "s");
	pnx_index_groups(t);
	pnx_index_words(t);
	t->pat0 = pn_xcalloc(t->nrules + 1, sizeof *t->pat0);
	for (size_t i = 0; i < t->nrules; i++) {
		t->pat0[i] = t->npats;
		t->npats += t->rules[i]->npats;
	}
	return t;
}

void pnx_timex_free(pnx_timex_tagger *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrules; i++)
		free(t->groups[i]);
	free(t->groups);
	free(t->trig);
	free(t->pat0);
	free(t->rules);
	free(t->types);
	free(t->sets);
	pnx_tlex_free(&t->lex);
	free(t);
}

/* Slots of end e (0 or 1) of a match: captures, then the rule's sets. */
static void pnx_slots(const pnx_timex_tagger *t, size_t ri, size_t pi, pcre2_match_data *md,
                      const char *text, int e, pnx_tstr *sl)
{
	const int *g = t->groups[ri][pi][e];
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	for (int i = 0; i < PNX_TS_N; i++) {
		if (g[i] && ov[2 * g[i]] != PCRE2_UNSET)
			sl[i] = (pnx_tstr){text + ov[2 * g[i]], ov[2 * g[i] + 1] - ov[2 * g[i]]};
		else
			sl[i] = t->sets[ri][i];
	}
}

/* Span of capture number g (0: none), as pnx_capture. */
static bool pnx_group(pcre2_match_data *md, int g, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (!g || ov[2 * g] == PCRE2_UNSET)
		return false;
	*start = ov[2 * g];
	*end = ov[2 * g + 1];
	return true;
}

bool pnx_tcand(const pnx_timex_tagger *t, size_t ri, size_t pi, pcre2_match_data *md, const char *text,
               size_t len, const pnx_tctx *dct, pnx_cand *c)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	const int *g = t->groups[ri][pi][0];
	size_t s1, e1, s2 = 0, e2 = 0;
	memset(c, 0, sizeof *c);
	c->n = pnx_group(md, g[PNX_TS_N + 1], &s2, &e2) ? 2 : 1;
	if (!pnx_group(md, g[PNX_TS_N], &s1, &e1)) {
		s1 = ov[0];
		e1 = ov[1];
	}
	if (e1 <= s1)
		return false;
	pnx_tstr sl[2][PNX_TS_N];
	for (int e = 0; e < c->n; e++)
		pnx_slots(t, ri, pi, md, text, e, sl[e]);
	if (c->n == 2) {
		for (int e = 0; e < 2; e++) {
			pnx_tstr *me = sl[e], *other = sl[!e];
			if (!me[PNX_TS_YEAR].s && !me[PNX_TS_DECADE].s)
				me[PNX_TS_YEAR] = other[PNX_TS_YEAR];
			if (me[PNX_TS_DAY].s && !me[PNX_TS_MONTH].s)
				me[PNX_TS_MONTH] = other[PNX_TS_MONTH];
			if (!me[PNX_TS_UNIT].s)
				me[PNX_TS_UNIT] = other[PNX_TS_UNIT];
		}
	}
	for (int e = 0; e < c->n; e++) {
		pnx_tctx ctx = *dct;
		pnx_timex *x = &c->x[e];
		ctx.text = text;
		ctx.len = len;
		x->start = ctx.start = e ? s2 : s1;
		x->end = ctx.end = e ? e2 : e1;
		x->pair = -1;
		x->rule = t->rules[ri]->id;
		if (x->end <= x->start || !pnx_tnorm(t->types[ri], sl[e], &ctx, x))
			return false;
	}
	c->priority = t->rules[ri]->priority;
	c->rule = ri;
	c->pat = pi;
	c->start = c->x[0].start;
	c->end = c->x[c->n - 1].end;
	return true;
}

