/* doc.h - one article while pn-extract works on it: folded text,
 * sentences, timexes, entities and events. Offsets inside a pnx_doc are
 * offsets into the folded text (norm.text); output.c maps them back.
 *
 * Ownership: a pnx_doc owns everything in it and is reused from article to
 * article (pnx_doc_reset keeps the allocations); strings borrowed from the
 * rules (rule ids, types) live as long as the loaded rules.
 */
#ifndef PNX_DOC_H
#define PNX_DOC_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "gazetteer.h"
#include "norm.h"
#include "timex.h"

typedef struct pnx_span {
	size_t start, end;
} pnx_span;

typedef struct pnx_entity {
	const char *type;     /* static: "drug", "company", ... */
	char *name;           /* canonical name */
	char **aliases;       /* other surface forms, distinct from name */
	size_t naliases;
	json_t *attrs;        /* owned object */
	pnx_span *mentions;   /* sorted on output */
	size_t nmentions;
	const char *rule;     /* first rule that found it (borrowed) */
} pnx_entity;

/* Frees what e owns (name, aliases, attrs, mentions), not e itself. */
void pnx_entity_free(pnx_entity *e);

typedef struct pnx_event {
	const char *type;     /* borrowed from the rule */
	const char *status;
	char date[48];        /* "" when unknown */
	const char *grain;
	pnx_span date_span;   /* start == end when dated by publication */
	const char *date_source;  /* "text", "relative", "published", NULL */
	int drug, company, agency, indication;   /* entity index or -1 */
	const char *agency_name;  /* agency without a mention (`set agency=`), borrowed from the gazetteer */
	char *designation;    /* owned or NULL */
	char *jurisdiction;   /* owned or NULL (from the agency or the text) */
	size_t sent;          /* sentence index */
	pnx_span trigger;     /* span the rule matched */
	const char *rule;     /* borrowed rule id */
	int priority;
	bool dropped;         /* merged into another event */
	bool headline;        /* from a `where=headline` rule */
	bool restated;        /* a past event told again ("recently approved"): undated on purpose */
} pnx_event;

typedef struct pnx_doc {
	pnx_norm norm;
	char published[11];   /* YYYY-MM-DD or "" */
	pnx_span *sents;
	size_t nsents, csents;
	uint16_t *claimed;    /* per folded byte: bit i set = held by a mention of entity type i */
	size_t cclaimed;
	pnx_span *claims;     /* where add_mention set bits: the next article clears only those */
	size_t nclaims, cclaims;
	pnx_word *words;      /* for gazetteer lookups */
	pnx_gaz_lists gl;     /* the words of each gazetteer (pnx_gaz_words_mark) */
	size_t nwords, cwords;
	pnx_timex *tx;        /* borrowed from the extractor's timex run (its
	                       * values may be changed), folded offsets; with
	                       * lazy_timexes only those up to where the event
	                       * pass asked (pnx_ev_timexes_to) */
	size_t ntx;
	char news_from[11];   /* the publication date when the dateline moved it */
	pnx_entity *ents;
	size_t nents, cents;
	pnx_event *evs;
	size_t nevs, cevs;
	int main_drug, main_company;   /* entity index or -1 */
	const struct pnx_cues *cues;   /* the extractor's word lists (cues.h), set by pnx_extract */
} pnx_doc;

void pnx_doc_reset(pnx_doc *d);
void pnx_doc_free(pnx_doc *d);

/* Sentence holding folded offset pos (binary search; nsents - 1 past the end). */
size_t pnx_doc_sentence_at(const pnx_doc *d, size_t pos);

/* sentence.c: fills d->sents from d->norm. */
void pnx_split_sentences(pnx_doc *d);

#endif
