/* rules.h - the rules engine: loads the rules/ directory (*.rules files and
 * gazetteers/NAME.tsv; format: rules/README.md), expands {MACRO} and {@gazetteer} references and
 * compiles every pattern with PCRE2 (UTF, UCP, JIT).
 *
 * Ownership: a pnx_rules owns every rule, pattern, string and gazetteer in
 * it; all pointers handed out are borrowed and valid until pnx_rules_free().
 * Matching with the compiled codes is read-only, so one loaded set can serve
 * any number of match data blocks.
 */
#ifndef PNX_RULES_H
#define PNX_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdbool.h>
#include <string.h>

#include "gazetteer.h"
#include "pn.h"
#include "profile.h"

/* strcmp(a, b) == 0 with the first bytes compared inline: the keys and
 * entity types compared per rule and mention mostly differ there (a
 * libc call each was 1.2% of the instructions of a run). */
static inline bool pnx_streq(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

typedef struct pnx_kv {
	char *key;
	char *value;
	unsigned line;
} pnx_kv;

typedef struct pnx_example {
	char *text;        /* the sentence, as written (curly quotes allowed) */
	bool positive;     /* example+ (must fire) or example- (must not) */
	unsigned line;
	pnx_kv *expect;    /* expect lines after an example+: one output item
	                    * (event, entity, timex) must meet all of them */
	size_t nexpect;
} pnx_example;

typedef struct pnx_pattern {
	char *source;      /* after macro/gazetteer expansion */
	pcre2_code *code;  /* JIT-compiled on first use when the platform allows it */
	pcre2_code *anchored; /* rule with `anchor`: the same compiled with
	                       * PCRE2_ANCHORED (JIT cannot anchor at match time) */
	pcre2_match_context *mctx; /* borrowed from the set */
	unsigned jit_due;  /* 1: code, 2: anchored still to JIT-compile, on first
	                    * use (rules_match.c); 0 once done or with PN_NO_JIT=1 */
	unsigned line;
	pnx_prof *prof;    /* PN_PROFILE=1: owned counters, else NULL */
	/* the bytes a match can start with (from PCRE2's first code unit or
	 * start bitmap; every byte when PCRE2 knows none): an anchored try
	 * at any other byte is not made */
	uint64_t first[4];
} pnx_pattern;

/* `anchor endings E1 E2 ...`: the rule's patterns are tried only where a
 * run of ASCII letters starts whose ending (ASCII case ignored) is one of
 * the endings; `anchor capitals`: only where a word starts with a capital
 * (an ASCII capital or any non-ASCII character, not after an ASCII letter,
 * digit or '_'); `anchor words W1 W2 ...`: only where a run of ASCII
 * letters is one of the words (ASCII case ignored). Each attempt is
 * anchored there (rules/README.md, "Speed"). */
/* The filter bits of pnx_anchor.hbits and nbits: the hash's top 12 bits. */
#define PNX_HBITS 4096u
#define PNX_HBIT(h) ((size_t)(h) >> 52)

typedef struct pnx_anchor {
	size_t id;         /* the same for rules with identical anchor lines
	                    * (pnx_anchor_memo shares their candidates) */
	bool capitals;
	bool codes;        /* `anchor codes`: only capitals that start 2 to 5 ASCII
	                    * capitals followed by '-' or a digit (lab codes) */
	/* `anchor capitals before N W1 W2 ...`: only capitals that one of the
	 * words near[] (lower case) follows with at most near_spaces spaces
	 * between; nbits as hbits, for the words of near[] */
	char **near;
	size_t *near_hash;  /* pnx_word_hash of each */
	size_t nnear;
	unsigned near_spaces;
	uint64_t nbits[PNX_HBITS / 64];
	bool whole;        /* `words`: the endings must be the whole run */
	uint64_t hbits[PNX_HBITS / 64]; /* `words`: bit PNX_HBIT(hash) of each word's
	                    * pnx_word_hash, tested before the trie on the words of
	                    * the text (4096 bits: a list of 40 words lets 1% of
	                    * other words through, 256 bits let 15%) */
	uint64_t pairs[11]; /* `endings`: bit 26 * a + b for each ending's last two
	                     * letters a b, tested before the trie: most runs of
	                     * letters end in no such pair */
	uint8_t ebit;       /* `endings`: its bit in pnx_word.ends (the pairs,
	                     * tested once per word while words are split), 0 =
	                     * none (more than 8 distinct endings anchors) */
	char **ends;       /* lower case, two letters or more */
	size_t nends;
	/* the endings as a trie read from the last letter back: node 0 is
	 * the root, next[node][letter] the child (0 = none) */
	uint16_t (*next)[26];
	bool *final;       /* per node: an ending ends here */
	size_t nnodes;
} pnx_anchor;

/* prefilter lines a rule may have (pnx_rule_scan keeps each one's next hit) */
#define PNX_MAX_PREFILTER 8

typedef struct pnx_rule {
	char *id;          /* unique across the whole set: event.approval.active */
	const char *file;  /* borrowed from the set: rules/events.rules */
	unsigned line;     /* line of the "rule" keyword */
	char *kind;        /* entity, event, timex */
	char *type;        /* what it produces: approval, drug, DATE ...; "" if unset */
	int priority;      /* higher wins on overlapping spans; default 0 */
	pnx_pattern *pats; /* alternatives, tried in order */
	size_t npats;
	pnx_pattern *prefilter; /* NULL, or cheap regexes (alternatives, each one
	                         * line): the patterns then only run on the sentences
	                         * where one matches */
	size_t nprefilter;
	pnx_pattern *needs; /* `needs` lines: the rule runs on a text only when
	                     * one of these matches somewhere in it (every match
	                     * of the rule holds a match of one; rules/README.md) */
	size_t nneeds;
	char **words;      /* `words`: lower-case words; the patterns then only run
	                    * on sentences holding one of them (see extract.c) */
	size_t nwords;
	pnx_anchor *anchor; /* NULL, or where the patterns may start */
	const pnx_gazetteer *lookup; /* `lookup G`: matches every name and alias of
	                              * G natively (pnx_gaz_next), no pattern needed */
	pnx_prof *lookup_prof; /* PN_PROFILE=1 with lookup: owned counters, else NULL */
	pnx_kv *sets;      /* fixed output attributes, in file order */
	size_t nsets;
	pnx_example *examples;
	size_t nexamples;
} pnx_rule;

typedef struct pnx_rules {
	char *dir;
	char *version;     /* first line of rules/VERSION, "unknown" without it */
	char **files;      /* every *.rules path loaded, sorted */
	size_t nfiles;
	pnx_rule *rules;   /* in file order, then line order */
	size_t nrules;
	pnx_gazetteer *gaz;
	size_t ngaz;
	pnx_gaz_firsts firsts; /* first words of all gazetteers (pnx_gaz_words_mark) */
	size_t nanchors;       /* distinct anchors (pnx_anchor.id) */
	uint32_t max_groups;   /* largest capture count of any pattern */
	pcre2_match_context *mctx; /* carries a JIT stack big enough for long alternations */
	pcre2_jit_stack *jit_stack;
} pnx_rules;

/* Loads dir (rules/ layout). Every problem is reported as "file:line: why"
 * (regex errors with PCRE2's message and offset) and counted; if there was
 * any, dies with PN_EXIT_CONFIG after the last one. Caller frees with
 * pnx_rules_free(). */
pnx_rules *pnx_rules_load(const char *dir);
void pnx_rules_free(pnx_rules *rs);

/* The rules of one kind sorted by priority (highest first, then file
 * order). Returns the count; *out is a malloc'd array of borrowed pointers
 * (caller frees the array only). */
size_t pnx_rules_of_kind(const pnx_rules *rs, const char *kind, const pnx_rule ***out);

/* Value of a `set` attribute, NULL if the rule has none. */
const char *pnx_rule_set(const pnx_rule *r, const char *key);

/* Gazetteer by name ("regulators"), NULL if absent. */
const pnx_gazetteer *pnx_rules_gaz(const pnx_rules *rs, const char *name);

/* Checks that every named capture of every rule of kind is in allowed
 * (NULL-terminated); reports each unknown one as "file:line: rule ID:
 * unknown capture (?<x>)" and dies with PN_EXIT_CONFIG if there was any.
 * Consumers call it once per kind they own. */
void pnx_rules_check_captures(const pnx_rules *rs, const char *kind, const char *const *allowed);

/* A match data block large enough for any pattern of rs; caller frees with
 * pcre2_match_data_free(). Dies on OOM. */
pcre2_match_data *pnx_rules_match_data(const pnx_rules *rs);

/* Runs p on subject[0..len) from start. Returns true on a match (ovector in
 * md); false on no match. Subject must be valid UTF-8 (not re-checked);
 * a PCRE2 resource error (match/JIT stack limit) is warned once and treated
 * as no match. */
bool pnx_pattern_match(const pnx_pattern *p, const char *subject, size_t len,
                       size_t start, pcre2_match_data *md);
/* The same with the caller's match context (e.g. an offset limit) instead
 * of the pattern's own. */
bool pnx_pattern_match_ctx(const pnx_pattern *p, const char *subject, size_t len,
                           size_t start, pcre2_match_data *md, pcre2_match_context *mctx);

/* Where the anchors allow a try in the current text, per distinct anchor
 * (pnx_anchor.id): found over the whole text the first time a rule with
 * that anchor is scanned over the whole text (or asked for after that),
 * then shared by every pattern and rule with the same anchor lines
 * (entity.drug.inn and entity.drug.glued). need[i]: for `anchor capitals
 * before`, the end of the word that let pos[i] in, else 0: a scan that
 * stops earlier (a sentence) drops it. Owned by the caller (one per
 * extractor), reused from text to text. */
typedef struct pnx_anchor_cands {
	unsigned gen;      /* text it was found in (pnx_anchor_memo.gen) */
	pn_buf pos, need;  /* size_t each, ascending pos */
} pnx_anchor_cands;
typedef struct pnx_anchor_memo {
	unsigned gen;      /* the current text */
	pnx_anchor_cands *a; /* per anchor id */
	size_t na;
} pnx_anchor_memo;

/* Sized for rs's anchors; the first text starts with pnx_anchor_memo_next. */
void pnx_anchor_memo_init(pnx_anchor_memo *m, const pnx_rules *rs);
/* Forgets the candidates of the previous text (they stay allocated). */
void pnx_anchor_memo_next(pnx_anchor_memo *m);
void pnx_anchor_memo_free(pnx_anchor_memo *m);

/* A text to match rules on and its words (pnx_gaz_words_mark over the same
 * text, marked by pnx_gaz_words_mark when awords is given), where `anchor`
 * rules find their starts. Borrowed. memo: NULL, or the candidates of
 * this text (pnx_anchor_memo_next called for it). */
typedef struct pnx_subject {
	const char *text;
	size_t len;
	const pnx_word *words;
	size_t nwords;
	pnx_anchor_memo *memo;
	/* NULL, or the indices of the words with PNX_GAZ_ANCHOR_BIT
	 * (pnx_gaz_words_mark), ascending: where `anchor words` rules look */
	const uint32_t *awords;
	size_t nawords;
	/* NULL, or the indices of the words with some pnx_word.ends bit
	 * (pnx_gaz_lists.ends): where `anchor endings` rules look */
	const uint32_t *ewords;
	size_t newords;
} pnx_subject;

/* Calls fn for every match of every pattern of r in text[0..len), left to
 * right per pattern, non-overlapping. With a prefilter, only the windows
 * window_of() returns around each prefilter hit are searched (each window
 * once); with an anchor, only matches starting where it allows are tried.
 * md holds the match when fn runs. */
typedef void (*pnx_match_fn)(void *ctx, const pnx_rule *r, const pnx_pattern *p, pcre2_match_data *md);
typedef void (*pnx_window_fn)(void *ctx, size_t pos, size_t *start, size_t *end);
void pnx_rule_scan(const pnx_rule *r, const pnx_subject *s, pcre2_match_data *md, pnx_window_fn window_of,
                   pnx_match_fn fn, void *ctx);

/* Like pnx_rule_scan, but only over the byte ranges [ranges[2i],
 * ranges[2i+1]) of text (sorted, not overlapping), prefilter ignored. */
void pnx_rule_scan_ranges(const pnx_rule *r, const pnx_subject *s, const size_t *ranges, size_t nranges,
                          pcre2_match_data *md, pnx_match_fn fn, void *ctx);

/* True when r has no `needs` line or one of them matches in text[0..len)
 * (then r may match there; else it cannot). */
bool pnx_rule_needs_met(const pnx_rule *r, const char *text, size_t len, pcre2_match_data *md);

/* With `needs`: true when every match of r's patterns in text[0..len)
 * (of its prefilter, for a rule with one and no `words`) holds, starting
 * inside it, a match of one of the needs lines; else
 * false with *pat_line and *miss (offset) of the first match without one.
 * For --check-rules. */
bool pnx_needs_cover(const pnx_rule *r, const char *text, size_t len, pcre2_match_data *md, unsigned *pat_line,
                     size_t *miss);

/* With an anchor: true when every match of r's patterns in the subject
 * starts where the anchor lets it (the anchored scan finds what the
 * plain one does). Else false with *pat_line and *miss (folded offset) of
 * the first match the anchor loses. For --check-rules. */
bool pnx_anchor_covers(const pnx_rule *r, const pnx_subject *s, pcre2_match_data *md, unsigned *pat_line,
                       size_t *miss);

/* Span of the named capture name in the last match of p, false when the
 * pattern has no such group or it did not take part. */
bool pnx_capture(const pnx_pattern *p, pcre2_match_data *md, const char *name,
                 size_t *start, size_t *end);

#endif
