/* extract.h - the extractor: rules + temporal tagger applied to one article
 * at a time (entities.c, events.c), and the JSON it produces (output.c).
 *
 * Ownership: a pnx_extractor borrows the rules (they must outlive it) and
 * owns its tagger, rule lists and match data. Not thread-safe: one
 * extractor per thread.
 */
#ifndef PNX_EXTRACT_H
#define PNX_EXTRACT_H

#include <stdio.h>

#include "cues.h"
#include "doc.h"
#include "rules.h"

/* The current article's words that may start a known name, by hash
 * (entities.c): slots[j] holds a hash and its first and last word (index
 * + 1; next[w] the next word with that hash) when slots[j].gen is gen.
 * Reused from article to article. */
typedef struct pnx_word_index {
	struct pnx_word_slot {
		size_t hash, first, last;
		unsigned gen;
	} *slots;
	size_t nslots, cslots;
	size_t *next, cnext;
	unsigned gen;
} pnx_word_index;

typedef struct pnx_extractor {
	const pnx_rules *rs;
	pnx_timex_tagger *tagger;
	pnx_timex_run *txrun; /* tags the current article; owns its timexes */
	/* false (the default): every article is tagged whole; true: only as
	 * far as the event pass asks (pnx_ev_timexes_to), for runs that do
	 * not output the timexes */
	bool lazy_timexes;
	const pnx_rule **ent_rules;
	size_t nent;
	const pnx_rule **ev_rules;
	size_t nev;
	pcre2_match_data *md;
	pnx_anchor_memo anchors; /* anchor candidates of the current article */
	FILE *explain;        /* non-NULL: --explain lines go there */
	/* `words` of the rules: open-addressing table of (word hash, rule
	 * index, word) and, per rule, the sentence ranges of the current
	 * article that hold one of its words (pairs of offsets) */
	struct pnx_trigger {
		size_t hash;
		size_t rule;
		const char *word;
		size_t len;   /* strlen(word) */
	} *trig;
	size_t ntrig;
	pn_buf *wins;         /* rs->nrules buffers of size_t pairs */
	/* the suffix stems of stems.tsv and their lengths, listed on first
	 * use (entities.c, attrs.stem) */
	pnx_word_index wix;   /* entities.c */
	bool suffixes_listed;
	const char **suffix;
	size_t *suffix_len, nsuffix;
	pnx_cues cues;        /* rules/gazetteers/cues.tsv, read once */
} pnx_extractor;

/* Builds the extractor; dies with PN_EXIT_CONFIG when an entity or event
 * rule uses a capture name or `set` value this code does not know, or
 * gazetteers/cues.tsv lacks a list or writes one badly. */
pnx_extractor *pnx_extractor_new(const pnx_rules *rs, FILE *explain);
void pnx_extractor_free(pnx_extractor *x);

/* Runs everything on text[0..len) (valid UTF-8) into d (reset first).
 * published: the article's date (ISO, only the first 10 chars are used)
 * or NULL. */
void pnx_extract(pnx_extractor *x, pnx_doc *d, const char *text, size_t len, const char *published);

/* What pnx_rule_scan callbacks get as ctx. */
typedef struct pnx_scan_ctx {
	pnx_extractor *x;
	pnx_doc *d;
} pnx_scan_ctx;

/* pnx_window_fn for prefiltered rules: the sentence holding pos. */
void pnx_sentence_window(void *ctx, size_t pos, size_t *start, size_t *end);

/* Runs r over the article: on the sentences holding its `words` if it has
 * some, else through pnx_rule_scan (prefilter windows or the whole text). */
void pnx_run_rule(pnx_extractor *x, pnx_doc *d, const pnx_rule *r, pnx_match_fn fn, void *ctx);

/* entities.c / events.c: the two passes pnx_extract runs. */
void pnx_find_entities(pnx_extractor *x, pnx_doc *d);
void pnx_find_events(pnx_extractor *x, pnx_doc *d);

/* Capture names entity and event rules may use (NULL-terminated). */
extern const char *const pnx_entity_captures[];
extern const char *const pnx_event_captures[];
/* True for the entity types of FORMATS.md §3. */
bool pnx_entity_type_ok(const char *type);

/* Index of the entity of type whose name or alias is s[0..n) (ASCII case
 * ignored), -1 if none. */
int pnx_entity_find(const pnx_doc *d, const char *type, const char *s, size_t n);
/* entities_marked.c: the rule id of drugs named only by a trade mark sign
 * ("EscharEx(R)"), compared by pointer with pnx_entity.rule. */
extern const char pnx_marked_rule[];
/* The words after folded offset end make a name ending there a company,
 * trial, platform ... rather than a product ("NAME Heart Failure II
 * Protocol", "NAME(R) Biosciences"). */
bool pnx_marked_not_product(const pnx_doc *d, size_t end);

/* Writes one --explain line: rule, kind, original offsets and text. */
void pnx_explain(const pnx_extractor *x, const pnx_doc *d, const pnx_rule *r, size_t start, size_t end);

/* output.c: the §3 fields appended to b as JSON arrays (entities: sorts
 * each entity's mentions). */
void pnx_entities_write(const pnx_doc *d, pn_buf *b);
void pnx_events_write(const pnx_doc *d, const char *rules_version, pn_buf *b);
void pnx_timexes_write(const pnx_doc *d, pn_buf *b);
/* The same as new jansson references (for --check-rules). */
json_t *pnx_entities_json(const pnx_doc *d);
json_t *pnx_events_json(const pnx_doc *d, const char *rules_version);
json_t *pnx_timexes_json(const pnx_doc *d);

#endif
