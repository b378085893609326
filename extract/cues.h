/* cues.h - the vocabulary lists of the event pass and of the trade mark
 * products (rules/gazetteers/cues.tsv): results verbs, presentation words,
 * combination and comparator markers, clause breaks ... one named row each, read once when the extractor is
 * built so that the event code indexes fields, never looks a name up.
 *
 * Ownership: the lists own their strings; pnx_cues_free releases them.
 */
#ifndef PNX_CUES_H
#define PNX_CUES_H

#include "rules.h"

/* One list: w[0..n) with their lengths, w[n] == NULL. */
typedef struct pnx_cue_list {
	char **w;
	size_t *len;
	size_t n;
} pnx_cue_list;

typedef struct pnx_cues {
	pnx_cue_list presentation_talk, presentation_venue, results_verbs, financial_title, meeting_names,
	        partner_marks, dose_units, combination_joins, combination_after, combination_before,
	        comparator_marks, clause_breaks, headline_small_words, dateline_marks, restated_marks,
	        restated_not, period_bounds, title_preclinical, title_clinical, title_publication,
	        title_presented, lead_presented, marked_stop, marked_next_stop, marked_tail;
	/* bit (b0 << 8 | b1) set for the first two bytes b0 b1 of every
	 * clause break: crosses_clause (events_slots.c) skips the others */
	uint64_t break_pairs[65536 / 64];
} pnx_cues;

/* Fills c from the gazetteer "cues" of rs. Every problem (no file, a list
 * missing or empty, a badly written entry) is reported as "file:line: why"
 * (the file alone for a missing list); returns their count. */
int pnx_cues_init(pnx_cues *c, const pnx_rules *rs);
void pnx_cues_free(pnx_cues *c);

#endif
