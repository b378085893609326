/* events_fallback.c - the lead fallback: general trigger words read only
 * in the title and the lead's first sentence.
 *
 * Most releases state their main event in the headline and the first
 * sentence after the dateline ("Acme Announces Positive Topline Data from
 * ..."; "-- Acme today announced that ..."). The specific rules know many
 * phrasings but each new release words its event a little differently, so
 * rules marked `set fallback=lead` (rules/events-fallback.rules: a trigger
 * lexicon per event type, with status cues and exclusions) run after all
 * others, on those sentences only, and their events are kept only where no
 * other rule found an event of that type for that product. */
#include "events_int.h"

#include <stdint.h>
#include <string.h>

bool pnx_ev_is_fallback(const pnx_rule *r)
{
	const char *f = pnx_rule_set(r, "fallback");
	return f && strcmp(f, "lead") == 0;
}

/* The end of the dateline mark in the first 1500 bytes, or 0: every mark
 * ends with two dashes or more ("(GLOBE NEWSWIRE) --", "/PRNewswire/ --",
 * "// --", "----"), so the first run of them ends it (one scan). */
static size_t dateline_mark_end(const pnx_doc *d)
{
	size_t lim = d->norm.len < 1500 ? d->norm.len : 1500;
	const char *p = memmem(d->norm.text, lim, "--", 2);
	if (!p)
		return 0;
	size_t e = (size_t)(p - d->norm.text) + 2;
	while (e < d->norm.len && d->norm.text[e] == '-')
		e++;
	return e;
}

/* End of the lead: the first sentence ending 40 bytes past the dateline
 * mark (the dateline's own fragments, "SPRINGFIELD, Ill., May 4, 2026
 * (GLOBE NEWSWIRE) -- Kestrel Bio, Inc.", are not the lead); without a
 * mark, the first sentence of the paragraph after the title; else the
 * sentence after the first. */
size_t pnx_ev_lead_end(const pnx_doc *d)
{
	if (!d->nsents)
		return 0;
	size_t me = dateline_mark_end(d);
	if (me) {
		for (size_t i = 0; i < d->nsents; i++)
			if (d->sents[i].end >= me + 40)
				return d->sents[i].end;
		return d->sents[d->nsents - 1].end;
	}
	size_t lim = d->norm.len < 600 ? d->norm.len : 600;
	const char *p = memmem(d->norm.text, lim, "\n\n", 2);
	if (p) {
		size_t para = (size_t)(p - d->norm.text) + 2;
		for (size_t i = 0; i < d->nsents; i++)
			if (d->sents[i].start >= para)
				return d->sents[i].end;
	}
	return d->sents[d->nsents > 1 ? 1 : 0].end;
}

/* One of the rule's `veto` words (`|`-separated phrases, ASCII case
 * ignored) in span. */
bool pnx_ev_veto_in(const pnx_doc *d, const pnx_rule *r, pnx_span span)
{
	const char *v = pnx_rule_set(r, "veto");
	char word[64];
	while (v && *v) {
		const char *bar = strchr(v, '|');
		size_t n = bar ? (size_t)(bar - v) : strlen(v);
		if (n && n < sizeof word) {
			memcpy(word, v, n);
			word[n] = '\0';
			if (pnx_ev_sentence_has(d, span, word))
				return true;
		}
		v = bar ? bar + 1 : NULL;
	}
	return false;
}

/* A veto word in the event's sentence or the title: a financial report, a
 * preclinical study, an IND ("Late-Breaking X Data Abstract Accepted for
 * Oral Presentation" over "today announced that X data has been
 * selected"). */
static bool vetoed(const pnx_doc *d, const pnx_rule *r, const pnx_event *ev)
{
	return pnx_ev_veto_in(d, r, d->sents[ev->sent]) || pnx_ev_veto_in(d, r, d->sents[0]);
}

/* Another rule already found this type for this product (or, for a deal,
 * any deal of this type; an event without a product stands for any). */
static bool covered(const pnx_doc *d, const pnx_event *ev, size_t nspecific)
{
	for (size_t i = 0; i < nspecific; i++) {
		const pnx_event *o = &d->evs[i];
		if (!o->dropped && strcmp(o->type, ev->type) == 0 &&
		    (pnx_ev_deal_type(ev->type) || o->drug == ev->drug || o->drug < 0 || ev->drug < 0))
			return true;
	}
	return false;
}

static const pnx_rule *rule_of(const pnx_extractor *x, const pnx_event *ev)
{
	for (size_t i = 0; i < x->nev; i++)
		if (x->ev_rules[i]->id == ev->rule)
			return x->ev_rules[i];
	return NULL;
}

/* A rule of the other files found an event in the lead: the release's
 * main event is known, and what the lead adds ("approval based on results
 * from two Phase 3 trials") is its support, not a second event. */
static bool lead_has_event(const pnx_doc *d, size_t nspecific, size_t lead)
{
	for (size_t i = 0; i < nspecific; i++)
		if (!d->evs[i].dropped && d->evs[i].trigger.start < lead)
			return true;
	return false;
}

/* Events from nspecific on came from fallback rules: keep those with a
 * product (a party for deals), no veto word, not covered by a specific
 * rule, and of the type whose trigger comes first (the lead states one
 * event: "Launch of X offers the first FDA-approved treatment" is the
 * launch). */
static void prune(const pnx_extractor *x, pnx_doc *d, size_t nspecific)
{
	size_t first = SIZE_MAX;
	const char *type = NULL;
	for (size_t i = nspecific; i < d->nevs; i++) {
		pnx_event *ev = &d->evs[i];
		const pnx_rule *r = rule_of(x, ev);
		bool product = pnx_ev_deal_type(ev->type) ? ev->company >= 0 : ev->drug >= 0;
		if (!product || (r && vetoed(d, r, ev)) || covered(d, ev, nspecific))
			ev->dropped = true;
		else if (ev->trigger.start < first) {
			first = ev->trigger.start;
			type = ev->type;
		}
	}
	for (size_t i = nspecific; i < d->nevs; i++)
		if (type && strcmp(d->evs[i].type, type) != 0)
			d->evs[i].dropped = true;
}

void pnx_ev_fallback(pnx_extractor *x, pnx_doc *d, pnx_match_fn cb, void *ctx)
{
	size_t nspecific = d->nevs, lead = pnx_ev_lead_end(d);
	/* a quarterly report's lead is a list of restated milestones */
	if (lead_has_event(d, nspecific, lead) || pnx_ev_financial_report(d))
		return;
	for (size_t i = 0; i < x->nev; i++) {
		const pnx_rule *r = x->ev_rules[i];
		if (!pnx_ev_is_fallback(r))
			continue;
		const pnx_subject sj = {d->norm.text, d->norm.len, d->words, d->nwords, &x->anchors,
		                        d->gl.idx + d->gl.off[PNX_GAZ_ANCHOR_BIT],
		                        d->gl.off[PNX_GAZ_ANCHOR_BIT + 1] - d->gl.off[PNX_GAZ_ANCHOR_BIT], d->gl.ends,
		                        d->gl.nends};
		/* the sentences holding the rule's words, those of the lead only */
		const pn_buf *b = &x->wins[r - x->rs->rules];
		const size_t *w = (const size_t *)b->data;
		size_t n = r->nwords ? b->len / (2 * sizeof(size_t)) : 0, k = 0;
		while (k < n && w[2 * k] < lead)
			k++;
		size_t all[2] = {0, lead};
		pnx_rule_scan_ranges(r, &sj, r->nwords ? w : all, r->nwords ? k : 1, x->md, cb, ctx);
	}
	prune(x, d, nspecific);
}
