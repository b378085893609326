/* events_merge.c - the same fact stated twice becomes one event. */
#include "events_int.h"

#include <string.h>

static bool same_opt(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Deals are told apart by their parties, not by a drug. */
/* "Merck granted Fast Track Designation by the FDA" in a sub-title, and
 * "was recently granted Fast Track Designation" in the body: the text
 * says the event is a past one without its date, so the copy dated only
 * by the publication date loses that date too. Not for deals and trial
 * results: a drug has many of those. */
static void restated_copies(pnx_doc *d)
{
	for (size_t i = 0; i < d->nevs; i++) {
		const pnx_event *r = &d->evs[i];
		if (!r->restated || r->date[0] || pnx_ev_deal_type(r->type) || strcmp(r->type, "trial_result") == 0)
			continue;
		for (size_t j = 0; j < d->nevs; j++) {
			pnx_event *e = &d->evs[j];
			if (j != i && strcmp(e->type, r->type) == 0 && e->drug == r->drug && e->drug >= 0 &&
			    e->agency == r->agency && same_opt(e->agency_name, r->agency_name) && e->date_source &&
			    strcmp(e->date_source, "published") == 0 && strcmp(e->status, r->status) == 0) {
				pnx_ev_undate(e);
			}
		}
	}
}

/* The title: the first sentence up to its first line break, at most 260
 * bytes (a newsroom page runs its title into the date and the sub-title). */
static pnx_span title_span(const pnx_doc *d)
{
	pnx_span t = d->sents[0];
	if (t.end > t.start + 260)
		t.end = t.start + 260;
	const char *nl = memchr(d->norm.text + t.start, '\n', t.end - t.start);
	if (nl)
		t.end = (size_t)(nl - d->norm.text);
	return t;
}

/* A release whose title is about preclinical data ("Presents Preclinical
 * Data from its Degrader Program at AACR") and names no trial or patients,
 * or about a journal publication of results already told ("Results
 * Published in The New England Journal of Medicine Show ...") with no
 * presentation in the lead (results presented at a congress and published
 * the same day are new), or an exchange offer's "Final Results", states no trial
 * result (docs/evaluation.md section 2: preclinical data and publications
 * are not events). */
static void title_without_results(pnx_doc *d)
{
	const pnx_cues *c = d->cues;
	if (!d->nsents)
		return;
	pnx_span t = title_span(d);
	/* "presented at ADA and simultaneously published": new results; the
	 * lead runs over more sentences than the splitter finds ("17.5%") */
	pnx_span lead = {t.start, d->norm.len < t.start + 1500 ? d->norm.len : t.start + 1500};
	bool preclinical = pnx_ev_sentence_has_any(d, t, &c->title_preclinical) &&
	                   !pnx_ev_sentence_has_any(d, t, &c->title_clinical);
	bool publication = pnx_ev_sentence_has_any(d, t, &c->title_publication) &&
	                   !pnx_ev_sentence_has_any(d, t, &c->title_presented) &&
	                   !pnx_ev_sentence_has_any(d, lead, &c->lead_presented);
	bool drop = preclinical || publication;
	for (size_t i = 0; drop && i < d->nevs; i++)
		if (strcmp(d->evs[i].type, "trial_result") == 0)
			d->evs[i].dropped = true;
}

/* A release whose title announces a regulatory decision (approval, CHMP
 * opinion, acceptance, CRL) quotes the trial results the decision rests
 * on ("Results showed that X reduced ...", "These data were presented at
 * ESMO 2018"): efficacy quoted to support a decision is not a results
 * announcement (docs/evaluation.md section 2). Unless the title itself
 * states results, its readouts done are dropped; readouts ahead stay. */
static bool decision_type(const char *type)
{
	return strcmp(type, "approval") == 0 || strcmp(type, "chmp_opinion") == 0 ||
	       strcmp(type, "acceptance") == 0 || strcmp(type, "crl") == 0;
}

static bool dated_in_text(const pnx_event *e)
{
	return e->date[0] && e->date_source && strcmp(e->date_source, "published") != 0;
}

/* A designation's title ("Receives Breakthrough Therapy Designation")
 * quotes its data the same way ("Supported by positive data from the
 * Phase 2b trial"), so does a deal's ("Merck will file in its territory,
 * supported by the positive results from the HER2CLIMB trial"; not a
 * quarterly report's title, "EPS Guidance Reflects the Pending
 * Acquisition", over bullets of readouts); there a readout the text dates
 * itself ("presented at AD/PD 2021") is kept. */
static void supporting_results(pnx_doc *d)
{
	bool decision = false, designation = false, report = pnx_ev_financial_report(d);
	for (size_t i = 0; i < d->nevs; i++) {
		const pnx_event *e = &d->evs[i];
		if (e->dropped || e->sent != 0)
			continue;
		if (strcmp(e->type, "trial_result") == 0)
			return;
		decision = decision || decision_type(e->type);
		designation = designation || strcmp(e->type, "designation") == 0 || (pnx_ev_deal_type(e->type) && !report);
	}
	if (!decision && !designation)
		return;
	for (size_t i = 0; i < d->nevs; i++) {
		pnx_event *e = &d->evs[i];
		if (e->sent != 0 && strcmp(e->type, "trial_result") == 0 && strcmp(e->status, "planned") != 0 &&
		    (decision || !dated_in_text(e)))
			e->dropped = true;
	}
}

/* One fact is often stated twice (headline and body, or two rules on one
 * sentence): keep the first, drop undated copies of dated events. */
void pnx_ev_merge(pnx_doc *d)
{
	restated_copies(d);
	supporting_results(d);
	title_without_results(d);
	for (size_t i = 0; i < d->nevs; i++) {
		pnx_event *a = &d->evs[i];
		for (size_t j = 0; j < d->nevs && !a->dropped; j++) {
			pnx_event *b = &d->evs[j];
			/* "a definitive agreement for X to acquire Y" is the acquisition */
			if (i != j && !b->dropped && a->sent == b->sent && strcmp(a->type, "agreement") == 0 &&
			    strcmp(b->type, "acquisition") == 0) {
				a->dropped = true;
				break;
			}
			/* a deal is the same deal by its parties, whatever product the
			 * sentence names */
			if (i == j || b->dropped || strcmp(a->type, b->type) != 0 ||
			    (pnx_ev_deal_type(a->type) ? a->company != b->company : a->drug != b->drug))
				continue;
			/* an undated event known only by its country ("also approved
			 * in the U.S.") is not the dated one of another country */
			bool agency_ok = (a->agency == b->agency && same_opt(a->agency_name, b->agency_name)) ||
			                 (a->agency < 0 && !a->agency_name &&
			                  !(a->jurisdiction && b->jurisdiction && strcmp(a->jurisdiction, b->jurisdiction) != 0));
			/* a readout done (undated, restated) is not the one ahead */
			bool other_readout = strcmp(a->type, "trial_result") == 0 && strcmp(a->status, "planned") != 0 &&
			                     strcmp(b->status, "planned") == 0;
			/* a readout told again without its date ("* KEYTRUDA Met Primary
			 * Endpoint in KEYNOTE-522" among a report's bullets) is not the
			 * dated one of another sentence: a drug has many readouts */
			bool own_readout = strcmp(a->type, "trial_result") == 0 && a->restated && a->sent != b->sent;
			if (!a->date[0] && b->date[0] && agency_ok && same_opt(a->designation, b->designation) && !other_readout &&
			    !own_readout)
				a->dropped = true;
			/* "Reports Topline Results" over a body that says the trial
			 * "did not meet" its endpoint: the body's status holds */
			else if (a->headline && !b->headline && strcmp(a->status, "completed") == 0 &&
			         strcmp(b->status, "failed") == 0 && strcmp(a->date, b->date) == 0)
				a->dropped = true;
			/* "announced positive top-line results ... the 5 mg arm did
			 * not reach significance": the trial met its endpoint */
			else if (strcmp(a->status, "failed") == 0 && strcmp(b->status, "completed") == 0 &&
			         strcmp(a->type, "trial_result") == 0 && strcmp(a->date, b->date) == 0 && a->sent != b->sent &&
			         (pnx_ev_sentence_has(d, d->sents[b->sent], "positive") ||
			          pnx_ev_sentence_has(d, d->sents[b->sent], "met")))
				a->dropped = true;
			/* the copy told first in the text stays (a report's highlight,
			 * not its repeat in the bullets further on) */
			else if ((b->trigger.start < a->trigger.start || (b->trigger.start == a->trigger.start && j < i)) &&
			         strcmp(a->date, b->date) == 0 && a->agency == b->agency &&
			         strcmp(a->status, b->status) == 0 &&
			         same_opt(a->agency_name, b->agency_name) &&
			         same_opt(a->designation, b->designation) &&
			         !(a->jurisdiction && b->jurisdiction && strcmp(a->jurisdiction, b->jurisdiction) != 0) &&
			         !(pnx_ev_deal_type(a->type) && a->company != b->company))
				a->dropped = true;
		}
	}
}
