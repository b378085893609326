/* events.c - events from the `kind event` rules.
 *
 * A rule's pattern finds the trigger ("has approved", "were accepted by");
 * the slots come from its named captures when it has them, else from the
 * entities and timexes of the same sentence nearest the trigger, else (drug
 * and company) from the article's main drug and company. "X and Y ...,
 * respectively" with as many dates as agencies gives one event per pair.
 * Undated events are dated by the publication date when the rule says
 * `set dating=published` ("has approved") or the sentence says "today".
 * rules/README.md "Event rules" documents captures and `set` keys. */
#include "events_int.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const char *const pnx_event_captures[] = {
	"trigger", "agency", "drug", "company", "indication", "date", "designation", "jurisdiction", NULL,
};

static pnx_event *new_event(pnx_doc *d)
{
	if (d->nevs == d->cevs) {
		d->cevs = d->cevs ? d->cevs * 2 : 16;
		d->evs = pn_xrealloc(d->evs, d->cevs * sizeof *d->evs);
	}
	pnx_event *ev = &d->evs[d->nevs++];
	memset(ev, 0, sizeof *ev);
	ev->drug = ev->company = ev->agency = ev->indication = -1;
	return ev;
}

static void set_date(pnx_event *ev, const pnx_doc *d, long ti)
{
	const pnx_timex *t = &d->tx[ti];
	snprintf(ev->date, sizeof ev->date, "%s", t->value);
	ev->grain = t->grain;
	ev->date_span = (pnx_span){t->start, t->end};
	/* "January" in "January and February 2025" takes its year from its pair */
	const pnx_timex *o = t->pair >= 0 ? &d->tx[t->pair] : t;
	ev->date_source = pnx_ev_has_year(d->norm.text + t->start, t->end - t->start) ||
	                  pnx_ev_has_year(d->norm.text + o->start, o->end - o->start) ? "text" : "relative";
}

void pnx_ev_undate(pnx_event *ev)
{
	ev->date[0] = '\0';
	ev->grain = NULL;
	ev->date_source = NULL;
	ev->date_span = (pnx_span){0, 0};
}

void pnx_ev_date_published(const pnx_doc *d, pnx_event *ev)
{
	memcpy(ev->date, d->published, sizeof d->published);
	ev->grain = "day";
	ev->date_source = "published";
	ev->date_span = (pnx_span){0, 0};
}

bool pnx_ev_deal_type(const char *type)
{
	return strcmp(type, "agreement") == 0 || strcmp(type, "acquisition") == 0;
}

static void fill_designation(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, pnx_event *ev,
                             const char *designation)
{
	ev->designation = designation ? pn_xstrdup(designation) : pnx_ev_capture_text(x, d, s, "designation");
	const pnx_gazetteer *dg = pnx_rules_gaz(x->rs, "designations");
	long row = dg && ev->designation ? pnx_gaz_find(dg, ev->designation, strlen(ev->designation)) : -1;
	if (row >= 0) {
		free(ev->designation);
		ev->designation = pn_xstrdup(pnx_gaz_get(dg, (size_t)row, "name"));
	}
}

/* The agency a designation belongs to (SAKIGAKE: MHLW) when
 * designations.tsv names exactly one regulators.tsv row; else NULL. */
static const char *designation_agency(const pnx_extractor *x, const char *designation)
{
	const pnx_gazetteer *dg = pnx_rules_gaz(x->rs, "designations");
	const pnx_gazetteer *rg = pnx_rules_gaz(x->rs, "regulators");
	long row = dg && rg && designation ? pnx_gaz_find(dg, designation, strlen(designation)) : -1;
	const char *a = row >= 0 ? pnx_gaz_get(dg, (size_t)row, "agency") : "";
	return *a && !strchr(a, '|') && pnx_gaz_find(rg, a, strlen(a)) >= 0 ? a : NULL;
}

/* Agency and jurisdiction: the agency found in the text; else the
 * designation's or the rule's default agency, unless the text named the
 * country itself; the jurisdiction from the agency, else the captured
 * country through jurisdictions.tsv. */
static void fill_agency(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, pnx_event *ev, int agency)
{
	size_t js, je;
	const char *dflt = pnx_rule_set(s->r, "agency");
	if (dflt && strcmp(dflt, "none") == 0)
		dflt = NULL;
	else if (designation_agency(x, ev->designation))
		dflt = designation_agency(x, ev->designation);
	if (agency >= 0) {
		json_t *j = json_object_get(d->ents[agency].attrs, "jurisdiction");
		if (json_string_value(j))
			ev->jurisdiction = pn_xstrdup(json_string_value(j));
	} else if (dflt && !pnx_capture(s->p, x->md, "jurisdiction", &js, &je)) {
		/* checked at load (rules) or above (designations): a regulators.tsv row */
		const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "regulators");
		long row = pnx_gaz_find(g, dflt, strlen(dflt));
		ev->agency_name = pnx_gaz_get(g, (size_t)row, "name");
		const char *j = pnx_gaz_get(g, (size_t)row, "jurisdiction");
		if (*j)
			ev->jurisdiction = pn_xstrdup(j);
	}
	if (!ev->jurisdiction) {
		ev->jurisdiction = pnx_ev_capture_text(x, d, s, "jurisdiction");
		const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "jurisdictions");
		long row = g && ev->jurisdiction ? pnx_gaz_find(g, ev->jurisdiction, strlen(ev->jurisdiction)) : -1;
		if (row >= 0) {
			free(ev->jurisdiction);
			ev->jurisdiction = pn_xstrdup(pnx_gaz_get(g, (size_t)row, "name"));
		}
	}
}

/* The period starts after the publication date: "2020-Q3" is its first
 * month 2020-07, "2025-H2" 2025-07; other YYYY-XX values count by year. */
static bool after_published(const pnx_doc *d, const char *date)
{
	char start[48];
	snprintf(start, sizeof start, "%s", date);
	if (strlen(date) == 7 && date[4] == '-' && (date[5] == 'Q' || date[5] == 'H') && date[6] >= '1' && date[6] <= '4') {
		int m = date[5] == 'Q' ? 3 * (date[6] - '1') + 1 : (date[6] == '1' ? 1 : 7);
		snprintf(start + 4, sizeof start - 4, "-%02d", m);
	} else if (strlen(date) >= 7 && date[4] == '-' && !(date[5] >= '0' && date[5] <= '9'))
		start[4] = '\0';
	size_t n = strlen(start) < 10 ? strlen(start) : 10;
	return strncmp(start, d->published, n) > 0;
}

static bool regulatory_type(const char *type)
{
	static const char *const types[] = {"approval", "acceptance", "submission", "designation", "crl",
	                                    "chmp_opinion", NULL};
	for (size_t i = 0; types[i]; i++)
		if (strcmp(type, types[i]) == 0)
			return true;
	return false;
}

static bool regulatory(const pnx_event *ev)
{
	return regulatory_type(ev->type);
}

/* "today" in the trigger's own bullet: the scraper runs a report's
 * bullets (" * ") into one sentence with the dateline's "today announced
 * its results". */
static bool bullet_has_today(const pnx_doc *d, const pnx_slots *s)
{
	const char *t = d->norm.text;
	size_t a = s->trig.start, b = s->trig.end;
	while (a > s->sent.start && !(a >= s->sent.start + 3 && memcmp(t + a - 3, " * ", 3) == 0))
		a--;
	while (b < s->sent.end && !(b + 3 <= s->sent.end && memcmp(t + b, " * ", 3) == 0))
		b++;
	return pnx_ev_sentence_has(d, (pnx_span){a, b}, "today");
}

static bool announced_only(const pnx_event *ev)
{
	return strcmp(ev->type, "acceptance") == 0 || strcmp(ev->type, "crl") == 0 ||
	       strcmp(ev->type, "designation") == 0;
}

/* A regulatory event, a deal, a launch or a missed endpoint the text
 * states without a date in a report ("Pipeline progress included
 * submission of X in the U.S. and EU", "The company announced a definitive
 * agreement to acquire Y") is a restatement: undated, not the report's day
 * (docs/evaluation.md, section 2); "today" in its bullet still dates it.
 * Met endpoints are events_trial.c's. */
static bool restated_in_report(const pnx_doc *d, const pnx_slots *s, const pnx_event *ev)
{
	bool deal = pnx_ev_deal_type(ev->type) || strcmp(ev->type, "launch") == 0 || strcmp(ev->type, "delivery") == 0;
	/* a missed endpoint told in a bullet, as a met one (events_trial.c) */
	bool failed = strcmp(ev->type, "trial_result") == 0 && strcmp(ev->status, "failed") == 0 &&
	              !pnx_ev_sentence_has(d, s->sent, "announces");
	return ((regulatory(ev) && strcmp(ev->status, "completed") == 0) || deal || failed) &&
	       !bullet_has_today(d, s) && pnx_ev_financial_report(d);
}

/* The first whole-word occurrence of w (any case) starting in [a, b);
 * SIZE_MAX if none. */
static size_t find_word(const pnx_doc *d, size_t a, size_t b, const char *w, size_t n)
{
	const char *t = d->norm.text;
	unsigned char c0 = (unsigned char)w[0] | 0x20;   /* equal under strncasecmp implies equal so */
	for (size_t i = a; i < b && i + n <= d->norm.len; i++)
		if (((unsigned char)t[i] | 0x20) == c0 && strncasecmp(t + i, w, n) == 0 &&
		    (i == 0 || !isalnum((unsigned char)t[i - 1])) &&
		    (i + n >= d->norm.len || !isalnum((unsigned char)t[i + n])))
			return i;
	return SIZE_MAX;
}

/* "was recently approved", "As previously reported, the study met", "the
 * recent receipt of Fast Track": a past event told again, whose date the
 * text does not give; the dateline is the date of the release's news only
 * (docs/evaluation.md section 2), so it stays undated. The mark must be in
 * the trigger's clause, shortly before it or right after it. */
static bool restated(const pnx_doc *d, const pnx_slots *s)
{
	const pnx_cue_list *m = &d->cues->restated_marks, *not = &d->cues->restated_not;
	const char *t = d->norm.text;
	size_t a = s->trig.start > s->sent.start + 80 ? s->trig.start - 80 : s->sent.start;
	size_t b = s->trig.end + 24 < s->sent.end ? s->trig.end + 24 : s->sent.end;
	/* one pass over the word starts of the window, each tried against the
	 * marks (this runs for every event dated by the publication date) */
	for (size_t i = a; i < b; i++) {
		if (!isalpha((unsigned char)t[i]) || (i > 0 && isalnum((unsigned char)t[i - 1])))
			continue;
		for (size_t k = 0; k < m->n; k++) {
			if (((unsigned char)t[i] | 0x20) != ((unsigned char)m->w[k][0] | 0x20) ||
			    find_word(d, i, i + 1, m->w[k], m->len[k]) != i)
				continue;
			bool other = false;
			for (size_t q = 0; q < not->n && !other; q++)
				other = find_word(d, i, i + 1, not->w[q], not->len[q]) == i;
			size_t e = i + m->len[k];
			/* after the trigger only an adverb ("was approved recently",
			 * "results previously reported"): "agreement for X, the newly
			 * approved Y" tells of Y */
			bool adverb = strncasecmp(m->w[k], "recently", 8) == 0 || strncasecmp(m->w[k], "previously", 10) == 0;
			if (!other && (e <= s->trig.start ? !pnx_ev_crosses_clause(d, e, s->trig.start)
			                                  : adverb && i >= s->trig.end && !pnx_ev_crosses_clause(d, s->trig.end, i)))
				return true;
		}
	}
	return false;
}

/* The year at span is part of a meeting's name ("the 2023 ASCO Annual
 * Meeting", "ESMO Congress 2022"): a meeting word of cues.tsv
 * meeting_names within 60 bytes after it, or right before it. */
static bool meeting_year(const pnx_doc *d, pnx_span y)
{
	const pnx_cue_list *w = &d->cues->meeting_names;
	size_t a = y.start > 60 ? y.start - 60 : 0, b = y.end + 60 < d->norm.len ? y.end + 60 : d->norm.len;
	if (y.end <= y.start)
		return false;
	for (size_t k = 0; k < w->n; k++)
		if (memmem(d->norm.text + y.end, b - y.end, w->w[k], w->len[k]) ||
		    memmem(d->norm.text + a, y.start - a, w->w[k], w->len[k]))
			return true;
	return false;
}

/* "... * KEYTRUDA Met Primary Endpoint in KEYNOTE-522 KENILWORTH, N.J.--
 * Merck today announced financial results for the second quarter": the
 * title bullets of a report run into its dateline, whose "today" dates the
 * report, not the events told before it. */
static bool before_report_today(const pnx_doc *d, const pnx_slots *s)
{
	if (!pnx_ev_financial_report(d))
		return false;
	size_t i = find_word(d, s->trig.end, s->sent.end, "today", 5);
	if (i == SIZE_MAX)
		return false;
	size_t e = i + 80 < s->sent.end ? i + 80 : s->sent.end;
	return find_word(d, i, e, "financial results", 17) != SIZE_MAX ||
	       find_word(d, i, e, "results for the", 15) != SIZE_MAX;
}

/* Trial results dated by the words around their date:
 * - a readout ahead at a meeting of several days ("at the ASCRS Annual
 *   Meeting, April 5-8"), whatever rule found it, is dated by the
 *   meeting's month (docs/evaluation.md section 2);
 * - results told as recent ("to Highlight Recent Data on X Presented at
 *   CTAD") with a later date of their clause (the webcast that discusses
 *   them) are done and undated: that date is not theirs. */
static void trial_dates(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti)
{
	if (strcmp(ev->type, "trial_result") != 0 || !ev->grain)
		return;
	bool own = ti >= 0 && strcmp(ev->date, d->tx[ti].value) == 0;
	if (own && strcmp(ev->status, "planned") == 0 && strcmp(ev->grain, "day") == 0 &&
	    pnx_ev_range_start(d, (size_t)ti)) {
		ev->date[7] = '\0';
		ev->grain = "month";
	} else if (strcmp(ev->status, "planned") == 0 && d->published[0] && after_published(d, ev->date) &&
	           restated(d, s)) {
		ev->status = "completed";
		pnx_ev_undate(ev);
	}
}

/* designation: NULL to take it from the rule (capture or `set`), else a
 * designations.tsv name found by pnx_ev_each_designation(). */
void pnx_ev_fill(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti, const char *designation)
{
	const pnx_rule *r = s->r;
	pnx_event *ev = new_event(d);
	ev->type = r->type;
	ev->rule = r->id;
	ev->priority = r->priority;
	const char *where = pnx_rule_set(r, "where");
	ev->headline = where && strcmp(where, "headline") == 0;
	ev->sent = s->sent_idx;
	ev->trigger = s->trig;
	ev->agency = agency;
	const char *status = pnx_rule_set(r, "status");
	ev->status = status ? status : "completed";
	/* An unnamed candidate is known by its lab code ("NVT-330 met ..."). */
	ev->drug = s->drug >= 0 ? s->drug : pnx_ev_slot_entity(x, d, s, "drug", "drug");
	if (ev->drug < 0)
		ev->drug = pnx_ev_slot_entity(x, d, s, "drug", "lab_code");
	if (ev->drug < 0 && !pnx_rule_set(r, "drug"))
		ev->drug = d->main_drug;
	/* a launch or a delivery is of a product: without one, what was
	 * launched is a website, an initiative or an award (kept in the list,
	 * dropped, so the lead fallback may still find the release's event) */
	if (ev->drug < 0 && (strcmp(r->type, "launch") == 0 || strcmp(r->type, "delivery") == 0))
		ev->dropped = true;
	ev->company = pnx_ev_slot_entity(x, d, s, "company", "company");
	if (ev->company < 0)
		ev->company = d->main_company;
	ev->indication = pnx_ev_slot_entity(x, d, s, "indication", "indication");
	fill_designation(x, d, s, ev, designation);
	fill_agency(x, d, s, ev, agency);
	const char *dating = pnx_rule_set(r, "dating");
	bool by_published = dating && strcmp(dating, "published") == 0;
	bool fallback = dating && strcmp(dating, "fallback") == 0;
	bool undated = dating && strcmp(dating, "none") == 0; /* "today" in its clause is not its day */
	/* "today announced that it will present": today is not the plan's day */
	bool plan = strcmp(ev->status, "planned") == 0 && !pnx_ev_keeps_past(r);
	/* "announced today an agreement ... for X, the newly FDA approved
	 * biosimilar": today is the announcement's day, not the told event's */
	bool today_only = ti >= 0 && !s->date_cap && d->published[0] && strcmp(d->tx[ti].value, d->published) == 0 &&
	                  !pnx_ev_has_year(d->norm.text + d->tx[ti].start, d->tx[ti].end - d->tx[ti].start);
	if (ti >= 0 && !(by_published && !s->date_cap) && !(today_only && restated(d, s)))
		set_date(ev, d, ti);
	else if (restated(d, s))
		ev->restated = true;
	else if (d->published[0] && !undated && !(plan && !by_published && !fallback) &&
	         (by_published || fallback || pnx_ev_sentence_has(d, s->sent, "today")) &&
	         !restated_in_report(d, s, ev)) {
		pnx_ev_date_published(d, ev);
	}
	pnx_ev_trial(d, s, ev, ti);
	/* "submitted ... during the quarter", "In the second quarter, Lilly
	 * achieved ... positive phase 3 results": a report's quarter, written
	 * without its year, is its period, not the date of an event it
	 * restates ("during the second quarter of 2020" is a date) */
	bool period = ev->grain && strcmp(ev->grain, "quarter") == 0 && ev->date_source &&
	              strcmp(ev->date_source, "relative") == 0 && !after_published(d, ev->date) &&
	              pnx_ev_financial_report(d);
	/* "Revenue in the second quarter of 2020 ... - ... met its primary
	 * endpoint": the report's year, run into its bullets, dates none of
	 * them (a meeting's year, "the 2023 ASCO Annual Meeting", still does) */
	period = period || (ev->grain && strcmp(ev->grain, "year") == 0 && d->published[0] &&
	                    strncmp(ev->date, d->published, 4) == 0 && ev->date[4] == '\0' &&
	                    !meeting_year(d, ev->date_span) && pnx_ev_financial_report(d));
	if (ev->date[0] && strcmp(ev->status, "planned") != 0 &&
	    (period || (strcmp(ev->date, d->published) == 0 && before_report_today(d, s)))) {
		pnx_ev_undate(ev);
		ev->restated = true;
	}
	/* A completed-looking event dated after publication is still to come;
	 * but an acceptance, CRL or designation is never announced ahead: its
	 * later date is another event's ("accepted the BLA; PDUFA goal date of
	 * January 3, 2024"), so it is dated as if the sentence had none. */
	if (ev->date[0] && d->published[0] && strcmp(ev->status, "completed") == 0 && after_published(d, ev->date)) {
		if (!announced_only(ev))
			ev->status = "planned";
		else if ((by_published || fallback) && !restated_in_report(d, s, ev)) {
			pnx_ev_date_published(d, ev);
		} else {
			pnx_ev_undate(ev);
		}
	}
	trial_dates(d, s, ev, ti);
	pnx_explain(x, d, r, s->trig.start, s->trig.end);
}

static bool trigger_taken(const pnx_doc *d, const char *type, pnx_span trig)
{
	for (size_t i = 0; i < d->nevs; i++)
		if (strcmp(d->evs[i].type, type) == 0 && d->evs[i].trigger.start < trig.end &&
		    trig.start < d->evs[i].trigger.end)
			return true;
	return false;
}

/* The rule captured a country ("submitted X in the U.S.") and the nearest
 * regulator of the sentence belongs to another one (the European Commission
 * of a neighbouring clause): the country wins. */
static bool other_country(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, int agency)
{
	size_t a, b;
	if (!pnx_capture(s->p, x->md, "jurisdiction", &a, &b) || a >= b)
		return false;
	for (size_t j = 0; j < d->ents[agency].nmentions; j++)
		if (d->ents[agency].mentions[j].start < b && a < d->ents[agency].mentions[j].end)
			return false;
	const char *aj = json_string_value(json_object_get(d->ents[agency].attrs, "jurisdiction"));
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "jurisdictions");
	long row = g ? pnx_gaz_find(g, d->norm.text + a, b - a) : -1;
	return aj && row >= 0 && strcmp(aj, pnx_gaz_get(g, (size_t)row, "name")) != 0;
}

/* A plan is not dated by a day on or before publication, the dateline
 * ("FDA approves X May 13, 2022 ... expected to be available in the U.S. in
 * the coming weeks"); deals are dated by their signing and a PDUFA date is
 * the goal date even once passed, so they keep theirs. */
bool pnx_ev_keeps_past(const pnx_rule *r)
{
	return strcmp(r->type, "acquisition") == 0 || strcmp(r->type, "agreement") == 0 ||
	       strcmp(r->type, "pdufa_date") == 0;
}

static bool past_for_planned(const pnx_doc *d, const pnx_rule *r, long ti)
{
	const char *status = pnx_rule_set(r, "status");
	if (!status || strcmp(status, "planned") != 0 || !d->published[0] || pnx_ev_keeps_past(r))
		return false;
	const pnx_timex *t = &d->tx[ti];
	size_t n = strlen(t->value) < 10 ? strlen(t->value) : 10;
	int c = strncmp(t->value, d->published, n);
	/* a presentation at a meeting of several days that opened by the
	 * dateline ("taking place May 30 - June 2" on May 30) is dated by the
	 * meeting's month (events_trial.c) */
	if (n == 10 && c <= 0 && strcmp(r->type, "trial_result") == 0 && pnx_ev_range_start(d, (size_t)ti))
		return false;
	return n == 10 && c <= 0;
}

/* "The launch follows approval in Switzerland earlier this year. Swissmedic
 * authorised the drug ...": a sentence that starts with the regulator and
 * has no date takes the single date of the sentence before it when that one
 * names the event (its type: "approval") and the regulator's country. */
static long previous_sentence_date(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, int agency)
{
	const pnx_entity *a = &d->ents[agency];
	bool leads = false;
	for (size_t j = 0; j < a->nmentions && !leads; j++)
		leads = a->mentions[j].start >= s->sent.start && a->mentions[j].start <= s->sent.start + 4;
	if (!leads || s->sent_idx == 0)
		return -1;
	pnx_span prev = d->sents[s->sent_idx - 1];
	if (!pnx_ev_sentence_has(d, prev, s->r->type))
		return -1;
	long found = -1;
	for (size_t i = 0; i < d->ntx; i++)
		if (pnx_ev_dated(&d->tx[i]) && d->tx[i].start >= prev.start && d->tx[i].end <= prev.end) {
			if (found >= 0)
				return -1;
			found = (long)i;
		}
	const char *aj = json_string_value(json_object_get(a->attrs, "jurisdiction"));
	const pnx_gazetteer *g = pnx_rules_gaz(x->rs, "jurisdictions");
	if (found < 0 || !aj || !g)
		return -1;
	size_t wi = pnx_gaz_word_at(d->words, d->nwords, prev.start), ms, me;
	long row;
	while (pnx_gaz_next(g, d->norm.text, prev.end, d->words, d->nwords, &d->gl, &wi, &ms, &me, &row) && me <= prev.end)
		if (strcmp(pnx_gaz_get(g, (size_t)row, "name"), aj) == 0)
			return found;
	return -1;
}

/* A deal is dated by its signing or announcement, never by a later date
 * in its sentence ("expected to close in the third quarter", "by 2030"). */
static bool future_for_deal(const pnx_doc *d, const pnx_rule *r, long ti)
{
	return pnx_ev_deal_type(r->type) && d->published[0] && after_published(d, d->tx[ti].value);
}

/* "the first time a new treatment has been approved ... since 2015", "an
 * agreement with UNICEF to allocate courses through the first half of
 * 2022": the start or end of a period, not the day a done event happened. */
static bool period_bound(const pnx_doc *d, const pnx_rule *r, long ti)
{
	const pnx_cue_list *w = &d->cues->period_bounds;
	const char *status = pnx_rule_set(r, "status");
	size_t e = d->tx[ti].start;
	if (status && strcmp(status, "planned") == 0)
		return false;
	while (e > 0 && d->norm.text[e - 1] == ' ')
		e--;
	for (size_t k = 0; k < w->n; k++) {
		size_t n = w->len[k];
		if (e >= n && strncasecmp(d->norm.text + e - n, w->w[k], n) == 0 &&
		    (e == n || !isalnum((unsigned char)d->norm.text[e - n - 1])))
			return true;
	}
	return false;
}

static void emit(pnx_extractor *x, pnx_doc *d, pnx_slots *sp);

/* The gap between two regulators of a list: "FDA and EMA", "the FDA and
 * the EMA", "FDA, EMA and PMDA", "(FDA) and Health Canada". */
static bool list_gap(const char *t, size_t a, size_t b, bool *oxford)
{
	static const char *const gaps[] = {" and ", " and the ", ", ", ", the ", ", and ", ", and the ", " & ", NULL};
	if (a < b && t[a] == ' ' && a + 1 < b && t[a + 1] == '(') { /* "(FDA)" after a full name */
		const char *c = memchr(t + a, ')', b - a);
		if (!c || c - (t + a) > 16)
			return false;
		a = (size_t)(c - t) + 1;
	}
	for (size_t i = 0; gaps[i]; i++)
		if (strlen(gaps[i]) == b - a && memcmp(t + a, gaps[i], b - a) == 0) {
			*oxford = strncmp(gaps[i], ", and", 5) == 0;
			return true;
		}
	return false;
}

typedef struct {
	pnx_span m;
	int ent;
} reg_mention;

static int by_start(const void *a, const void *b)
{
	const reg_mention *x = a, *y = b;
	return x->m.start < y->m.start ? -1 : x->m.start > y->m.start;
}

/* "approved by the FDA and the European Commission", "FDA and EMA
 * acceptance of regulatory submissions": the regulators listed with the
 * one found for a regulatory event, each of which gets the event; n = 1
 * (out[0] = agency) when there is no list. ", and" joins only a list of
 * three or more ("the FDA, and the EMA is reviewing" is a new clause). */
static size_t agency_list(const pnx_doc *d, const pnx_slots *s, int agency, int *out, size_t max)
{
	static const char *const types[] = {"approval", "acceptance", "submission", "designation", NULL};
	size_t n = 0, at = SIZE_MAX, best = SIZE_MAX;
	reg_mention ms[32];
	bool reg = false;
	for (size_t i = 0; types[i] && !reg; i++)
		reg = strcmp(s->r->type, types[i]) == 0;
	out[0] = agency;
	if (!reg)
		return 1;
	for (size_t i = 0; i < d->nents; i++)
		if (strcmp(d->ents[i].type, "regulator") == 0)
			for (size_t j = 0; j < d->ents[i].nmentions && n < 32; j++)
				if (d->ents[i].mentions[j].start >= s->sent.start && d->ents[i].mentions[j].end <= s->sent.end)
					ms[n++] = (reg_mention){d->ents[i].mentions[j], (int)i};
	qsort(ms, n, sizeof *ms, by_start);
	for (size_t k = 0; k < n; k++) {
		size_t dist = ms[k].m.start > s->trig.start ? ms[k].m.start - s->trig.start : s->trig.start - ms[k].m.start;
		if (ms[k].ent == agency && dist < best) {
			best = dist;
			at = k;
		}
	}
	if (at == SIZE_MAX)
		return 1;
	const char *t = d->norm.text;
	size_t first = at, last = at;
	bool ox = false, comma = false;
	while (first > 0 && list_gap(t, ms[first - 1].m.end, ms[first].m.start, &ox) && !(ox && !comma))
		comma |= t[ms[--first].m.end] == ',';
	while (last + 1 < n && list_gap(t, ms[last].m.end, ms[last + 1].m.start, &ox) && !(ox && first == last))
		last++;
	/* "the FDA and the EMA ... respectively" pairs them with something
	 * else (dates: pnx_ev_respectively; designations, applications) */
	size_t a = ms[first].m.start < s->trig.start ? ms[first].m.start : s->trig.end;
	size_t b = ms[first].m.start < s->trig.start ? s->trig.start : ms[first].m.start;
	if (first == last || pnx_ev_sentence_has(d, s->sent, "respectively") || pnx_ev_crosses_clause(d, a, b))
		return 1;
	/* one per jurisdiction, the one found first: "the European Commission
	 * and European Medicines Agency" is one EU event */
	size_t nout = 1;
	for (size_t k = first; k <= last && nout < max; k++) {
		const char *jk = json_string_value(json_object_get(d->ents[ms[k].ent].attrs, "jurisdiction"));
		bool seen = false;
		for (size_t q = 0; q < nout && !seen; q++) {
			const char *jq = json_string_value(json_object_get(d->ents[out[q]].attrs, "jurisdiction"));
			seen = out[q] == ms[k].ent || (jk && jq && strcmp(jk, jq) == 0);
		}
		if (!seen)
			out[nout++] = ms[k].ent;
	}
	return nout;
}

static void on_match(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, const pnx_pattern *p)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(x->md);
	pnx_slots s = {.r = r, .p = p, .trig = {ov[0], ov[1]}, .drug = -1};
	pnx_capture(p, x->md, "trigger", &s.trig.start, &s.trig.end);
	if (trigger_taken(d, r->type, s.trig))
		return;
	s.sent_idx = pnx_doc_sentence_at(d, s.trig.start);
	s.sent = d->sents[s.sent_idx];
	const char *where = pnx_rule_set(r, "where");
	if (where && strcmp(where, "headline") == 0 && !pnx_ev_headline_like(d, &s))
		return;
	/* the timexes read from here on: the sentence, the captures (a
	 * lookahead's too), the next sentence (a table cell) and, before, the
	 * previous one */
	size_t upto = s.sent.end;
	if (s.sent_idx + 1 < d->nsents)
		upto = d->sents[s.sent_idx + 1].end;
	uint32_t groups = 0;
	pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &groups);
	for (uint32_t i = 0; i <= groups; i++)
		if (ov[2 * i] != PCRE2_UNSET && ov[2 * i + 1] > upto)
			upto = ov[2 * i + 1];
	pnx_ev_timexes_to(x, d, upto);
	/* "launches A, B and C": the events of the match once per drug */
	int drugs[8];
	size_t nd = pnx_ev_drug_list(x, d, &s, drugs, 8);
	for (size_t k = 0; k < (nd ? nd : 1); k++) {
		s.drug = nd ? drugs[k] : -1;
		emit(x, d, &s);
	}
}

/* A report's bullets (" * ") run into one sentence: a regulatory event
 * takes its drug, regulator and date from its own bullet ("* Submitted X
 * to the FDA * The European Commission approved Y"), not from the nearest
 * name of the next one. The span of the trigger's bullet in sent. */
static pnx_span own_bullet(const pnx_doc *d, pnx_span sent, pnx_span trig)
{
	const char *t = d->norm.text;
	size_t a = trig.start, b = trig.end;
	while (a > sent.start && !(a >= sent.start + 3 && memcmp(t + a - 3, " * ", 3) == 0))
		a--;
	while (b < sent.end && !(b + 3 <= sent.end && memcmp(t + b, " * ", 3) == 0))
		b++;
	return (pnx_span){a, b};
}

/* The events of one match for one drug (s->drug, or -1: the slots
 * decide): "respectively", each agency, each designation, else one. */
static void emit(pnx_extractor *x, pnx_doc *d, pnx_slots *sp)
{
	const pnx_rule *r = sp->r;
	const pnx_pattern *p = sp->p;
	pnx_slots s = *sp;
	if (regulatory_type(r->type))
		s.sent = own_bullet(d, s.sent, s.trig);
	/* `veto`: a word of its sentence says the trigger is not the event
	 * (lead fallback rules also look at the title: events_fallback.c) */
	if (!pnx_ev_is_fallback(r) && pnx_ev_veto_in(d, r, s.sent))
		return;
	if (pnx_ev_respectively(x, d, &s) || pnx_ev_each_agency(x, d, &s))
		return;
	pnx_span cap;
	s.date_cap = pnx_capture(p, x->md, "date", &cap.start, &cap.end);
	/* `dating=none`: a noun phrase ("following X's authorisation") has no
	 * date of its own, whatever the clause says */
	const char *dating = pnx_rule_set(r, "dating");
	long ti = -1;
	if (!dating || strcmp(dating, "none") != 0) {
		ti = pnx_ev_nearest_timex(d, &s, s.date_cap ? &cap : NULL);
		if (ti < 0 && s.date_cap)
			ti = pnx_ev_nearest_timex(d, &s, NULL);
		if (ti < 0)
			ti = pnx_ev_next_cell_timex(d, s.sent_idx);
	}
	const char *fixed = pnx_rule_set(r, "agency");
	int agency = fixed && strcmp(fixed, "none") == 0 ? -1 : pnx_ev_slot_entity(x, d, &s, "agency", "regulator");
	if (agency >= 0 && other_country(x, d, &s, agency))
		agency = -1;
	if (ti >= 0 && !s.date_cap && (past_for_planned(d, r, ti) || future_for_deal(d, r, ti) || period_bound(d, r, ti)))
		ti = -1;
	/* `need=agency`: a regulator, or at least the country ("approved in
	 * Japan"); `need=drug`: a drug or lab code named in the sentence */
	const char *need = pnx_rule_set(r, "need");
	size_t js, je;
	if (need && strstr(need, "agency") && agency < 0 && !pnx_capture(p, x->md, "jurisdiction", &js, &je))
		return;
	if (need && strstr(need, "drug") && s.drug < 0 && pnx_ev_nearest_entity(d, "drug", &s, NULL) < 0 &&
	    pnx_ev_nearest_entity(d, "lab_code", &s, NULL) < 0 && !pnx_ev_subtitle_drug(d, &s))
		return;
	if (ti < 0 && agency >= 0 && (!dating || strcmp(dating, "fallback") == 0) &&
	    !pnx_ev_sentence_has(d, s.sent, "today"))
		ti = previous_sentence_date(x, d, &s, agency);
	if (pnx_ev_each_readout(x, d, &s, agency))
		return;
	int agencies[8] = {agency};
	size_t na = agency >= 0 ? agency_list(d, &s, agency, agencies, 8) : 1;
	for (size_t k = 0; k < na; k++)
		if (!pnx_ev_each_designation(x, d, &s, agencies[k], ti))
			pnx_ev_fill(x, d, &s, agencies[k], ti, NULL);
}

static void match_cb(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md)
{
	(void)md;
	pnx_scan_ctx *c = ctx;
	on_match(c->x, c->d, r, p);
}

/* "today" meant the dateline's day, not the feed's: timexes from i on. */
static void news_day(pnx_doc *d, size_t i)
{
	for (; i < d->ntx; i++)
		if (strcmp(d->tx[i].value, d->news_from) == 0 &&
		    !pnx_ev_has_year(d->norm.text + d->tx[i].start, d->tx[i].end - d->tx[i].start))
			snprintf(d->tx[i].value, sizeof d->tx[i].value, "%s", d->published);
}

static void move_news_day(pnx_doc *d, const char *day)
{
	memcpy(d->news_from, d->published, sizeof d->news_from);
	snprintf(d->published, sizeof d->published, "%s", day);
	news_day(d, 0);
}

void pnx_ev_timexes_to(pnx_extractor *x, pnx_doc *d, size_t pos)
{
	if (!x->lazy_timexes)
		return;
	uint64_t t = pnx_prof_cpu();
	size_t n0 = d->ntx;
	d->tx = pnx_timex_run_to(x->txrun, pos, &d->ntx);
	if (d->news_from[0])
		news_day(d, n0);
	pnx_prof_move(PNX_PART_EV, PNX_PART_TIMEX, t);
}

/* The feed timestamp of a release from Tokyo or Reykjavik is often the day
 * before its dateline ("TOKYO, Sept. 25, 2023 (GLOBE NEWSWIRE) --" published
 * 2023-09-24 19:02 US Eastern): news of "today" is dated by the dateline. */
static void dateline_date(pnx_extractor *x, pnx_doc *d)
{
	const pnx_cue_list *marks = &d->cues->dateline_marks;
	struct tm tm = {0};
	if (!d->published[0] || sscanf(d->published, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	char next[11];
	if (mktime(&tm) == (time_t)-1 || strftime(next, sizeof next, "%Y-%m-%d", &tm) != 10)
		return;
	/* the dateline is near the start: tag a little at a time */
	size_t known = 0;
	for (size_t i = 0;; i++) {
		while ((i == d->ntx || d->tx[i].start >= known) && known < 1500) {
			known = known ? (2 * known < 1500 ? 2 * known : 1500) : 256;
			pnx_ev_timexes_to(x, d, known);
		}
		if (i == d->ntx || d->tx[i].start >= 1500)
			break;
		const pnx_timex *t = &d->tx[i];
		if (!pnx_ev_dated(t) || strcmp(t->grain, "day") != 0 || !pnx_ev_has_year(d->norm.text + t->start, t->end - t->start))
			continue;
		size_t e = t->end;
		while (e < d->norm.len && e < t->end + 3 && (d->norm.text[e] == ' ' || d->norm.text[e] == ','))
			e++;
		/* European releases end the dateline with one dash ("June 24, 2024 –",
		 * folded to "-"); a lone hyphen glued to the year is a range. */
		bool dash = e > t->end && strncmp(d->norm.text + e, "- ", 2) == 0;
		for (size_t k = 0; dash || k < marks->n; k++)
			if (dash || strncmp(d->norm.text + e, marks->w[k], marks->len[k]) == 0) {
				if (strcmp(t->value, next) == 0)
					move_news_day(d, next);
				return;
			}
	}
}

void pnx_find_events(pnx_extractor *x, pnx_doc *d)
{
	if (!d->nsents)
		return;
	dateline_date(x, d);
	pnx_scan_ctx c = {x, d};
	for (size_t i = 0; i < x->nev; i++)
		if (!pnx_ev_is_fallback(x->ev_rules[i]))
			pnx_run_rule(x, d, x->ev_rules[i], match_cb, &c);
	pnx_ev_fallback(x, d, match_cb, &c);
	pnx_ev_merge(d);
}
