/* events_multi.c - one trigger, several events: "X and Y ...,
 * respectively", `each=agency`, `each=designation`. */
#include "events_int.h"

#include <stdlib.h>
#include <string.h>

/* "In January and February 2025, ... accepted by A and B, respectively":
 * as many dated timexes as distinct agencies, paired in order. */
bool pnx_ev_respectively(pnx_extractor *x, pnx_doc *d, const pnx_slots *s)
{
	if (!pnx_ev_sentence_has(d, s->sent, "respectively"))
		return false;
	int ag[8];
	size_t nag = 0;
	for (size_t pos = s->sent.start; pos < s->sent.end && nag < 8;) {
		int found = -1;
		size_t first = s->sent.end;
		for (size_t i = 0; i < d->nents; i++) {
			if (strcmp(d->ents[i].type, "regulator") != 0)
				continue;
			for (size_t j = 0; j < d->ents[i].nmentions; j++) {
				pnx_span m = d->ents[i].mentions[j];
				if (m.start >= pos && m.end <= s->sent.end && m.start < first) {
					first = m.start;
					found = (int)i;
				}
			}
		}
		if (found < 0)
			break;
		bool dup = false;
		for (size_t k = 0; k < nag; k++)
			dup |= ag[k] == found;
		if (!dup)
			ag[nag++] = found;
		pos = first + 1;
	}
	long tx[8];
	size_t ntx = 0;
	for (size_t i = 0; i < d->ntx && ntx < 8; i++)
		if (pnx_ev_dated(&d->tx[i]) && d->tx[i].start >= s->sent.start && d->tx[i].end <= s->sent.end)
			tx[ntx++] = (long)i;
	if (nag < 2 || ntx != nag)
		return false;
	for (size_t k = 0; k < nag; k++)
		pnx_ev_fill(x, d, s, ag[k], tx[k], NULL);
	return true;
}

/* "secure green lights to sell the product in China, the EU and Japan in
 * 2026": one event per country (jurisdictions.tsv) named after the trigger,
 * without a regulator. */
static bool each_country(pnx_extractor *x, pnx_doc *d, const pnx_slots *s)
{
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "jurisdictions");
	if (!g)
		return false;
	const char *names[8];
	size_t wi = pnx_gaz_word_at(d->words, d->nwords, s->trig.end), ms, me, n = 0;
	long row;
	while (n < 8 && pnx_gaz_next(g, d->norm.text, s->sent.end, d->words, d->nwords, &d->gl, &wi, &ms, &me, &row) &&
	       me <= s->sent.end) {
		const char *nm = pnx_gaz_get(g, (size_t)row, "name");
		bool dup = false;
		for (size_t k = 0; k < n; k++)
			dup |= strcmp(names[k], nm) == 0;
		if (!dup)
			names[n++] = nm;
	}
	if (n < 2)
		return false;
	for (size_t k = 0; k < n; k++) {
		pnx_ev_fill(x, d, s, -1, pnx_ev_nearest_timex(d, s, NULL), NULL);
		pnx_event *ev = &d->evs[d->nevs - 1];
		free(ev->jurisdiction);
		ev->jurisdiction = pn_xstrdup(names[k]);
	}
	return true;
}

/* `set each=agency`: "submits applications to the FDA and the EMA" is one
 * event per regulator named after the trigger; with fewer than two
 * regulators, one per country named after it. */
bool pnx_ev_each_agency(pnx_extractor *x, pnx_doc *d, const pnx_slots *s)
{
	const char *each = pnx_rule_set(s->r, "each");
	if (!each || strcmp(each, "agency") != 0)
		return false;
	int seen[8];
	size_t n = 0;
	for (size_t i = 0; i < d->nents && n < 8; i++) {
		if (strcmp(d->ents[i].type, "regulator") != 0)
			continue;
		for (size_t j = 0; j < d->ents[i].nmentions; j++) {
			pnx_span m = d->ents[i].mentions[j];
			if (m.start >= s->trig.end && m.end <= s->sent.end) {
				seen[n++] = (int)i;
				break;
			}
		}
	}
	if (n < 2)
		return each_country(x, d, s);
	for (size_t k = 0; k < n; k++)
		pnx_ev_fill(x, d, s, seen[k], pnx_ev_nearest_timex(d, s, NULL), NULL);
	return true;
}

/* `set each=designation`: "received Priority Review, Fast Track and Orphan
 * Drug designations" is one event per designations.tsv name after the
 * trigger in the sentence. */
bool pnx_ev_each_designation(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti)
{
	const char *each = pnx_rule_set(s->r, "each");
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "designations");
	if (!each || strcmp(each, "designation") != 0 || !g)
		return false;
	size_t wi = pnx_gaz_word_at(d->words, d->nwords, s->trig.end), ms, me, n = 0;
	long row;
	while (pnx_gaz_next(g, d->norm.text, s->sent.end, d->words, d->nwords, &d->gl, &wi, &ms, &me, &row) &&
	       me <= s->sent.end) {
		pnx_ev_fill(x, d, s, agency, ti, pnx_gaz_get(g, (size_t)row, "name"));
		n++;
	}
	return n > 0;
}
