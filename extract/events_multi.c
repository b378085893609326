/* events_multi.c - one trigger, several events: "X and Y ...,
 * respectively", `each=agency`, `each=designation`, "launches A, B and C"
 * (one per drug); and one event for a combination ("X plus Y"). */
#include "events_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* "expects clearance to market zelvatinib in Brazil, the EU and Japan by
 * 2027": one event per country (jurisdictions.tsv) named after the trigger,
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
	long row, rows[16];
	pnx_span at[16];
	while (n < 16 && pnx_gaz_next(g, d->norm.text, s->sent.end, d->words, d->nwords, &d->gl, &wi, &ms, &me, &row) &&
	       me <= s->sent.end) {
		/* "eligible to receive a Priority Review Voucher if approved" */
		pnx_span before = {ms > s->trig.end + 40 ? ms - 40 : s->trig.end, ms};
		if (ms > s->trig.end && pnx_ev_sentence_has(d, before, "eligible"))
			continue;
		rows[n] = row;
		at[n++] = (pnx_span){ms, me};
	}
	/* "Breakthrough Therapy Designation in April 2019, Orphan Drug
	 * Designation in February 2018": when every designation is followed by
	 * its own date, each takes it; else all take the match's date */
	long own[16];
	bool each_dated = n > 1;
	for (size_t k = 0; k < n; k++) {
		size_t end = k + 1 < n ? at[k + 1].start : s->sent.end;
		own[k] = -1;
		for (size_t i = 0; i < d->ntx && own[k] < 0; i++)
			if (d->tx[i].start >= at[k].end && d->tx[i].end <= end && d->tx[i].start <= at[k].end + 60 &&
			    pnx_ev_dated(&d->tx[i]))
				own[k] = (long)i;
		each_dated &= own[k] >= 0;
	}
	for (size_t k = 0; k < n; k++)
		pnx_ev_fill(x, d, s, agency, each_dated ? own[k] : ti, pnx_gaz_get(g, (size_t)rows[k], "name"));
	return n > 0;
}

/* ---- several drugs, or one combination ------------------------------- */

enum { JOIN_NONE, JOIN_LIST, JOIN_COMBO };

typedef struct {
	int ent;
	pnx_span m;
} drug_mention;

static bool starts_ci(const char *t, size_t p, size_t end, const char *w)
{
	size_t n = strlen(w);
	return p + n <= end && strncasecmp(t + p, w, n) == 0;
}

/* After a drug's mention: a dose ("2800 mg") and a parenthesis ("Taltz
 * (ixekizumab)") still belong to it. */
static size_t after_mention(const pnx_cues *cues, const char *t, size_t p, size_t end)
{
	size_t q = p;
	if (q + 1 < end && t[q] == ' ' && isdigit((unsigned char)t[q + 1])) {
		q++;
		while (q < end && (isdigit((unsigned char)t[q]) || t[q] == '.' || t[q] == ','))
			q++;
		if (q < end && t[q] == ' ')
			q++;
		const pnx_cue_list *units = &cues->dose_units;
		size_t u = 0;
		for (size_t k = 0; k < units->n && !u; k++)
			if (starts_ci(t, q, end, units->w[k]) && (q + units->len[k] >= end || !isalnum((unsigned char)t[q + units->len[k]])))
				u = units->len[k];
		p = u ? q + u : p;
	}
	if (p + 1 < end && t[p] == ' ' && t[p + 1] == '(') {
		for (size_t c = p + 2; c < end && c < p + 80 && t[c] != '('; c++)
			if (t[c] == ')')
				return c + 1;
	}
	return p;
}

/* What joins two drug names: a list (", ", " and ") or a combination
 * (" plus ", " in combination with "); the text from a to b must be
 * exactly that (a "the" may follow). */
static int joint(const pnx_cues *c, const char *t, size_t a, size_t b)
{
	static const char *const list[] = {", and ", ", ", " and ", " & ", NULL};
	const pnx_cue_list *combo = &c->combination_joins;
	if (b >= 4 && b - 4 >= a && strncasecmp(t + b - 4, "the ", 4) == 0)
		b -= 4;
	for (size_t k = 0; list[k]; k++)
		if (b - a == strlen(list[k]) && strncasecmp(t + a, list[k], b - a) == 0)
			return JOIN_LIST;
	for (size_t k = 0; k < combo->n; k++)
		if (b - a == combo->len[k] && strncasecmp(t + a, combo->w[k], b - a) == 0)
			return JOIN_COMBO;
	return JOIN_NONE;
}

/* "X and Y together", "X and Y in combination", "the combination of X and
 * Y": a list of drugs that is one regimen. */
static bool combination_words(const pnx_cues *c, const char *t, size_t start, size_t end, size_t sent_start, size_t sent_end)
{
	char *const *after = c->combination_after.w, *const *before = c->combination_before.w;
	for (size_t k = 0; after[k]; k++)
		if (starts_ci(t, end, sent_end, after[k]))
			return true;
	if (starts_ci(t, start >= 8 ? start - 8 : start, start, "combining ") ||
	    starts_ci(t, start >= 10 ? start - 10 : start, start, "combining "))
		return true;
	/* "(the) combination (tablet) of X and Y" */
	size_t of = start >= sent_start + 4 && strncmp(t + start - 4, " of ", 4) == 0       ? start - 4
	            : start >= sent_start + 8 && strncmp(t + start - 8, " of the ", 8) == 0 ? start - 8
	                                                                                    : 0;
	for (size_t p = of > sent_start + 40 ? of - 40 : sent_start; of && p < of; p++)
		for (size_t k = 0; before[k]; k++)
			if (starts_ci(t, p, of, before[k]))
				return true;
	return false;
}

/* A list that names the products of the event: not comparators
 * ("compared with X and Y"), and next to the trigger (a list of products
 * elsewhere in a long sentence belongs to another verb). */
static bool own_list(const pnx_doc *d, const pnx_slots *s, size_t start, size_t end)
{
	const pnx_cue_list *cmp = &d->cues->comparator_marks;
	for (size_t k = 0; k < cmp->n; k++) {
		size_t n = cmp->len[k];
		if (start >= s->sent.start + n && strncasecmp(d->norm.text + start - n, cmp->w[k], n) == 0)
			return false;
	}
	size_t gap = end <= s->trig.start ? s->trig.start - end : start >= s->trig.end ? start - s->trig.end : 0;
	return gap <= 80;
}

static int by_mention_start(const void *a, const void *b)
{
	const drug_mention *x = a, *y = b;
	return x->m.start < y->m.start ? -1 : x->m.start > y->m.start;
}

/* Every drug and lab-code mention of the sentence, by position; names
 * known only by their trade mark sign only in a list of such names. */
static size_t sentence_drugs(const pnx_doc *d, pnx_span sent, bool marked, drug_mention *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nents; i++) {
		if ((!pnx_streq(d->ents[i].type, "drug") && !pnx_streq(d->ents[i].type, "lab_code")) ||
		    (d->ents[i].rule == pnx_marked_rule && !marked))
			continue;
		for (size_t j = 0; j < d->ents[i].nmentions && n < max; j++) {
			pnx_span m = d->ents[i].mentions[j];
			if (m.start >= sent.start && m.end <= sent.end)
				out[n++] = (drug_mention){(int)i, m};
		}
	}
	qsort(out, n, sizeof *out, by_mention_start);
	return n;
}

/* The mention before (dir -1) or after (dir 1) mention i that is joined to
 * it, with no other mention in between except inside i's (or its) dose or
 * parenthesis; -1 if none. */
static long joined_neighbour(const pnx_cues *c, const char *t, const drug_mention *ms, size_t n, size_t i, int dir, size_t end, int *kind)
{
	for (long j = (long)i + dir; j >= 0 && (size_t)j < n; j += dir) {
		const drug_mention *a = dir > 0 ? &ms[i] : &ms[j], *b = dir > 0 ? &ms[j] : &ms[i];
		size_t from = after_mention(c, t, a->m.end, end);
		if (b->m.start < from)
			continue; /* inside a's parenthesis, or overlapping */
		*kind = joint(c, t, from, b->m.start);
		if (*kind != JOIN_NONE)
			return j;
		/* going back, a mention inside the parenthesis of the one before
		 * it ("Taltz (ixekizumab), Olumiant") is passed over */
		if (dir > 0 || j == 0 || ms[j].m.start >= after_mention(c, t, ms[j - 1].m.end, end))
			return -1;
	}
	return -1;
}

size_t pnx_ev_drug_list(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, int *out, size_t max)
{
	pnx_span cap, at = {0, 0};
	bool has_cap = pnx_capture(s->p, x->md, "drug", &cap.start, &cap.end);
	int e = has_cap ? pnx_ev_nearest_mention(d, "drug", s, &cap, &at) : -1;
	if (e < 0)
		e = pnx_ev_nearest_mention(d, "drug", s, NULL, &at);
	if (e < 0 && has_cap)
		e = pnx_ev_nearest_mention(d, "lab_code", s, &cap, &at);
	if (e < 0)
		e = pnx_ev_nearest_mention(d, "lab_code", s, NULL, &at);
	if (e < 0 || max == 0)
		return 0;
	drug_mention ms[64];
	size_t n = sentence_drugs(d, s->sent, d->ents[e].rule == pnx_marked_rule, ms, 64), i = n;
	for (size_t k = 0; k < n && i == n; k++)
		if (ms[k].ent == e && ms[k].m.start == at.start)
			i = k;
	if (i == n)
		return 0;
	const char *t = d->norm.text;
	const pnx_cues *c = &x->cues;
	size_t first = i, last = i;
	bool combo = false;
	int kind;
	for (long j; (j = joined_neighbour(c, t, ms, n, first, -1, s->sent.end, &kind)) >= 0; first = (size_t)j)
		combo |= kind == JOIN_COMBO;
	for (long j; (j = joined_neighbour(c, t, ms, n, last, 1, s->sent.end, &kind)) >= 0; last = (size_t)j)
		combo |= kind == JOIN_COMBO;
	if (first == last)
		return 0;
	size_t end = after_mention(c, t, ms[last].m.end, s->sent.end);
	/* a combination, or a deal (one event whatever it covers): the lead */
	if (combo || combination_words(c, t, ms[first].m.start, end, s->sent.start, s->sent.end) ||
	    pnx_ev_deal_type(s->r->type)) {
		out[0] = ms[first].ent;
		return 1;
	}
	if (!own_list(d, s, ms[first].m.start, end))
		return 0;
	size_t nout = 0;
	for (size_t k = first; k <= last && nout < max; k++) {
		bool dup = false;
		for (size_t m = 0; m < nout; m++)
			dup |= out[m] == ms[k].ent;
		/* a mention inside another's parenthesis is that drug again */
		if (!dup && (k == first || ms[k].m.start >= after_mention(c, t, ms[k - 1].m.end, s->sent.end)))
			out[nout++] = ms[k].ent;
	}
	return nout;
}
