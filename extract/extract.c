/* extract.c - the extractor object and the per-article driver. */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const event_status[] = {"completed", "planned", "failed", NULL};

static bool in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static bool gaz_has(const pnx_rules *rs, const char *gaz, const char *name)
{
	const pnx_gazetteer *g = pnx_rules_gaz(rs, gaz);
	return g && pnx_gaz_find(g, name, strlen(name)) >= 0;
}

/* Catches rule typos the regex compiler cannot see, at load time. */
static void check_rules(const pnx_extractor *x)
{
	unsigned bad = 0;
	for (size_t i = 0; i < x->nent; i++) {
		const pnx_rule *r = x->ent_rules[i];
		if (!pnx_entity_type_ok(r->type)) {
			pn_warn("%s:%u: rule %s: unknown entity type '%s'", r->file, r->line, r->id, r->type);
			bad++;
		}
		const char *g = pnx_rule_set(r, "gazetteer");
		if (g && !pnx_rules_gaz(x->rs, g)) {
			pn_warn("%s:%u: rule %s: no gazetteer '%s'", r->file, r->line, r->id, g);
			bad++;
		}
	}
	for (size_t i = 0; i < x->nev; i++) {
		const pnx_rule *r = x->ev_rules[i];
		if (!r->type[0]) {
			pn_warn("%s:%u: rule %s: event rule without type", r->file, r->line, r->id);
			bad++;
		}
		for (size_t k = 0; k < r->nsets; k++) {
			const pnx_kv *kv = &r->sets[k];
			bool ok = (!strcmp(kv->key, "status") && in_list(event_status, kv->value)) ||
			          (!strcmp(kv->key, "dating") && (!strcmp(kv->value, "published") || !strcmp(kv->value, "fallback") ||
			                                           !strcmp(kv->value, "none") || !strcmp(kv->value, "presentation"))) ||
			          (!strcmp(kv->key, "need") && (!strcmp(kv->value, "agency") || !strcmp(kv->value, "drug") ||
			                                         !strcmp(kv->value, "agency,drug"))) ||
			          (!strcmp(kv->key, "where") && !strcmp(kv->value, "headline")) ||
			          (!strcmp(kv->key, "each") && (!strcmp(kv->value, "agency") || !strcmp(kv->value, "designation"))) ||
			          (!strcmp(kv->key, "agency") &&
			           (!strcmp(kv->value, "none") || gaz_has(x->rs, "regulators", kv->value))) ||
			          (!strcmp(kv->key, "drug") && !strcmp(kv->value, "none")) ||
			          !strcmp(kv->key, "designation") || !strcmp(kv->key, "jurisdiction") ||
			          (!strcmp(kv->key, "fallback") && !strcmp(kv->value, "lead")) || !strcmp(kv->key, "veto");
			if (!ok) {
				pn_warn("%s:%u: rule %s: bad set %s=%s (status=completed|planned|failed, "
				        "dating=published|fallback|none|presentation, need=agency|drug|agency,drug, where=headline, each=agency|designation, agency=none|<regulators.tsv name>, "
				        "drug=none, designation=, jurisdiction=, fallback=lead, veto=)",
				        r->file, kv->line, r->id, kv->key, kv->value);
				bad++;
			}
		}
	}
	if (bad)
		pn_die(PN_EXIT_CONFIG, "%s: %u error%s in entity/event rules", x->rs->dir, bad, bad == 1 ? "" : "s");
}

static void build_triggers(pnx_extractor *x)
{
	/* timex rules look up their words themselves (timex.c) */
	size_t n = 0;
	for (size_t i = 0; i < x->rs->nrules; i++)
		if (strcmp(x->rs->rules[i].kind, "timex") != 0)
			n += x->rs->rules[i].nwords;
	x->ntrig = 16;
	while (x->ntrig < n * 2)
		x->ntrig *= 2;
	x->trig = pn_xcalloc(x->ntrig, sizeof *x->trig);
	for (size_t i = 0; i < x->rs->nrules; i++) {
		const pnx_rule *r = &x->rs->rules[i];
		for (size_t k = 0; k < r->nwords && strcmp(r->kind, "timex") != 0; k++) {
			size_t h = pnx_word_hash(r->words[k], strlen(r->words[k])), j = h & (x->ntrig - 1);
			while (x->trig[j].word)
				j = (j + 1) & (x->ntrig - 1);
			x->trig[j] = (struct pnx_trigger){h, i, r->words[k], strlen(r->words[k])};
		}
	}
	x->wins = pn_xcalloc(x->rs->nrules + 1, sizeof *x->wins);
}

/* Every rule word of the article adds its sentence to the rule's ranges.
 * The words to look at are those pnx_gaz_words_mark gave PNX_GAZ_TRIGGER_BIT
 * (their hash is a rule word's), in text order. */
static void find_triggers(pnx_extractor *x, pnx_doc *d)
{
	for (size_t i = 0; i < x->rs->nrules; i++)
		pn_buf_reset(&x->wins[i]);
	const pnx_gaz_lists *l = &d->gl;
	for (size_t m = l->off[PNX_GAZ_TRIGGER_BIT]; m < l->off[PNX_GAZ_TRIGGER_BIT + 1] && d->nsents; m++) {
		const pnx_word *word = &d->words[l->idx[m]];
		for (size_t j = word->hash & (x->ntrig - 1); x->trig[j].word; j = (j + 1) & (x->ntrig - 1)) {
			const struct pnx_trigger *t = &x->trig[j];
			size_t n = word->end - word->start;
			if (t->hash != word->hash || t->len != n ||
			    strncasecmp(t->word, d->norm.text + word->start, n) != 0)
				continue;
			pnx_span s = d->sents[pnx_doc_sentence_at(d, word->start)];
			pn_buf *b = &x->wins[t->rule];
			const size_t *last = b->len ? (const size_t *)(b->data + b->len) - 2 : NULL;
			if (last && last[0] == s.start)
				continue;
			size_t pair[2] = {s.start, s.end};
			pn_buf_add(b, pair, sizeof pair);
		}
	}
}

void pnx_run_rule(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, pnx_match_fn fn, void *ctx)
{
	if (!pnx_rule_needs_met(r, d->norm.text, d->norm.len, x->md))
		return; /* no match of the rule can be in this text */
	const pnx_gaz_lists *l = &d->gl;
	pnx_subject sj = {d->norm.text, d->norm.len, d->words, d->nwords, &x->anchors, l->idx + l->off[PNX_GAZ_ANCHOR_BIT],
	                  l->off[PNX_GAZ_ANCHOR_BIT + 1] - l->off[PNX_GAZ_ANCHOR_BIT], l->ends, l->nends};
	if (!r->nwords) {
		pnx_rule_scan(r, &sj, x->md, pnx_sentence_window, fn, ctx);
		return;
	}
	const pn_buf *b = &x->wins[r - x->rs->rules];
	pnx_rule_scan_ranges(r, &sj, (const size_t *)b->data, b->len / (2 * sizeof(size_t)), x->md, fn, ctx);
}

pnx_extractor *pnx_extractor_new(const pnx_rules *rs, FILE *explain)
{
	pnx_extractor *x = pn_xcalloc(1, sizeof *x);
	x->rs = rs;
	x->explain = explain;
	pnx_rules_check_captures(rs, "entity", pnx_entity_captures);
	pnx_rules_check_captures(rs, "event", pnx_event_captures);
	x->nent = pnx_rules_of_kind(rs, "entity", &x->ent_rules);
	x->nev = pnx_rules_of_kind(rs, "event", &x->ev_rules);
	check_rules(x);
	build_triggers(x);
	x->tagger = pnx_timex_new(rs);
	x->txrun = pnx_timex_run_new(x->tagger);
	x->md = pnx_rules_match_data(rs);
	pnx_anchor_memo_init(&x->anchors, rs);
	if (pnx_cues_init(&x->cues, rs))
		exit(PN_EXIT_CONFIG);
	return x;
}

void pnx_extractor_free(pnx_extractor *x)
{
	if (!x)
		return;
	pnx_timex_run_free(x->txrun);
	pnx_timex_free(x->tagger);
	pcre2_match_data_free(x->md);
	pnx_anchor_memo_free(&x->anchors);
	for (size_t i = 0; i < x->rs->nrules; i++)
		pn_buf_free(&x->wins[i]);
	free(x->wins);
	free(x->trig);
	free(x->suffix);
	free(x->wix.slots);
	free(x->wix.next);
	free(x->suffix_len);
	free(x->ent_rules);
	free(x->ev_rules);
	pnx_cues_free(&x->cues);
	free(x);
}

void pnx_extract(pnx_extractor *x, pnx_doc *d, const char *text, size_t len, const char *published)
{
	uint64_t t = pnx_prof_cpu();
	pnx_prof_bytes(len);
	pnx_doc_reset(d);
	d->cues = &x->cues;
	pnx_norm_run(&d->norm, text, len);
	if (published && strlen(published) >= 10)
		snprintf(d->published, sizeof d->published, "%.10s", published);
	pnx_split_sentences(d);
	d->nwords = pnx_gaz_words_mark(d->norm.text, d->norm.len, &d->words, &d->cwords, &x->rs->firsts, &d->gl);
	find_triggers(x, d);
	pnx_anchor_memo_next(&x->anchors);
	pnx_prof_part(PNX_PART_PREP, t);
	t = pnx_prof_cpu();
	pnx_timex_run_start(x->txrun, d->norm.text, d->norm.len, d->words, d->nwords,
	                    d->published[0] ? d->published : NULL);
	if (!x->lazy_timexes)
		d->tx = pnx_timex_run_to(x->txrun, SIZE_MAX, &d->ntx);
	pnx_prof_part(PNX_PART_TIMEX, t);
	t = pnx_prof_cpu();
	pnx_find_entities(x, d);
	pnx_prof_part(PNX_PART_ENT, t);
	t = pnx_prof_cpu();
	pnx_find_events(x, d);
	pnx_prof_part(PNX_PART_EV, t);
}

void pnx_sentence_window(void *ctx, size_t pos, size_t *start, size_t *end)
{
	const pnx_doc *d = ((const pnx_scan_ctx *)ctx)->d;
	if (!d->nsents) {
		*start = 0;
		*end = d->norm.len;
		return;
	}
	pnx_span s = d->sents[pnx_doc_sentence_at(d, pos)];
	*start = s.start;
	*end = s.end;
}

void pnx_explain(const pnx_extractor *x, const pnx_doc *d, const pnx_rule *r, size_t start, size_t end)
{
	if (!x->explain)
		return;
	fprintf(x->explain, "%s:%u: %s %s/%s [%zu,%zu) \"%.*s\"\n", r->file, r->line, r->id, r->kind,
	        r->type, pnx_norm_orig_start(&d->norm, start), pnx_norm_orig_end(&d->norm, end),
	        (int)(end - start), d->norm.text + start);
}
