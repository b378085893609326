/* events_int.h - internals of the event pass (events*.c), not for other
 * parts of pn-extract. All offsets are folded-text offsets. */
#ifndef PNX_EVENTS_INT_H
#define PNX_EVENTS_INT_H

#include "extract.h"

/* One rule match being turned into events; pointers borrowed. */
typedef struct pnx_slots {
	pnx_span sent;
	size_t sent_idx;
	pnx_span trig;
	const pnx_rule *r;
	const pnx_pattern *p;
	bool date_cap;        /* the rule captured the date itself */
	int drug;             /* the drug entity decided by events_multi.c, else -1 */
} pnx_slots;

/* events_slots.c: where slot values come from. */
/* Entity of type mentioned inside cap (if given) or in the sentence,
 * nearest the trigger; -1 if none. */
int pnx_ev_nearest_entity(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap);
/* The same, and *at the mention it chose (if at is given). */
int pnx_ev_nearest_mention(const pnx_doc *d, const char *type, const pnx_slots *s, const pnx_span *cap,
                           pnx_span *at);
/* The entity inside a capture slot, else the nearest of its type; -1. */
int pnx_ev_slot_entity(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot,
                       const char *type);
/* A timex usable as an event date (DATE with a grain and a numeric value). */
bool pnx_ev_dated(const pnx_timex *t);
/* The date of the trigger in its clause, or the timex inside cap; -1. */
long pnx_ev_nearest_timex(const pnx_doc *d, const pnx_slots *s, const pnx_span *cap);
/* A date standing alone in the next sentence (a table cell); -1. */
long pnx_ev_next_cell_timex(const pnx_doc *d, size_t sent_idx);
bool pnx_ev_has_year(const char *s, size_t n);
/* Text between a and b holds a clause break ("; ", ", and ", " and plans "). */
bool pnx_ev_crosses_clause(const pnx_doc *d, size_t a, size_t b);
/* The sentence contains word (ASCII case ignored, whole word). */
bool pnx_ev_sentence_has(const pnx_doc *d, pnx_span sent, const char *word);
/* The sentence contains an entry of the cue list l, as pnx_ev_sentence_has. */
bool pnx_ev_sentence_has_any(const pnx_doc *d, pnx_span sent, const pnx_cue_list *l);
/* An agreement or an acquisition. */
bool pnx_ev_deal_type(const char *type);
/* ev loses its date: no date, grain, source or span. */
void pnx_ev_undate(pnx_event *ev);
/* ev is dated by the publication date (day grain; d->published is set). */
void pnx_ev_date_published(const pnx_doc *d, pnx_event *ev);
/* Capture text of slot, else the rule's `set slot=`; malloc'd or NULL. */
char *pnx_ev_capture_text(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, const char *slot);
/* The words around the trigger are in Title Case (a headline). */
bool pnx_ev_headline_like(const pnx_doc *d, const pnx_slots *s);

/* events.c: appends one event for s; agency an entity or -1, ti a timex
 * or -1, designation NULL to take it from the rule. */
void pnx_ev_fill(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti, const char *designation);

/* Deals and PDUFA dates keep a date on or before publication even when
 * planned (signing day, a goal date passed); other plans do not. */
bool pnx_ev_keeps_past(const pnx_rule *r);

/* events_trial.c: a trial result's date and status from the sentences
 * around it (presentations ahead, results in financial reports); ti is
 * the event's timex or -1. */
void pnx_ev_trial(const pnx_doc *d, const pnx_slots *s, pnx_event *ev, long ti);
/* A title trial result ("Announces Clinical Data ... at ASCO 2024") whose
 * next sentence, the sub-title, names the drug. */
bool pnx_ev_subtitle_drug(const pnx_doc *d, const pnx_slots *s);
/* Timex i is the first day of a range of days, a multi-day meeting
 * ("June 5-8, 2024", "May 31 - June 3"). */
bool pnx_ev_range_start(const pnx_doc *d, size_t i);
/* Readouts ahead with several dates ("in Q4 2024 and 2H 2025"): one
 * event per date; true when it made the events of the match. */
bool pnx_ev_each_readout(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency);
/* The text starts with the title of a quarterly or annual report ("Lilly
 * Reports Q2 2024 Financial Results"): its bullets restate past events. */
bool pnx_ev_financial_report(const pnx_doc *d);

/* events_multi.c: one match, several events; each returns true when it
 * made the events of the match. */
bool pnx_ev_respectively(pnx_extractor *x, pnx_doc *d, const pnx_slots *s);
bool pnx_ev_each_agency(pnx_extractor *x, pnx_doc *d, const pnx_slots *s);
bool pnx_ev_each_designation(pnx_extractor *x, pnx_doc *d, const pnx_slots *s, int agency, long ti);
/* The drugs of the match: 0 (the slots decide as usual), 1 (the lead of
 * a combination named by its partner) or more ("launches A, B and C": one
 * event each); at most max, in out. */
size_t pnx_ev_drug_list(const pnx_extractor *x, const pnx_doc *d, const pnx_slots *s, int *out, size_t max);

/* Makes d->tx hold every timex starting before pos (lazy_timexes). */
void pnx_ev_timexes_to(pnx_extractor *x, pnx_doc *d, size_t pos);

/* events_fallback.c: rules with `set fallback=lead` run after all others,
 * only on the title and the lead's first sentence (up to
 * pnx_ev_lead_end); their events are kept only where no other rule found
 * that type for that product. */
bool pnx_ev_is_fallback(const pnx_rule *r);
/* A `veto` phrase of the rule in span (events_fallback.c). */
bool pnx_ev_veto_in(const pnx_doc *d, const pnx_rule *r, pnx_span span);
size_t pnx_ev_lead_end(const pnx_doc *d);
void pnx_ev_fallback(pnx_extractor *x, pnx_doc *d, pnx_match_fn cb, void *ctx);

/* events_merge.c: marks duplicates and undated copies as dropped. */
void pnx_ev_merge(pnx_doc *d);

#endif
