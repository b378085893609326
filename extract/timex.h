/* timex.h - the temporal tagger of pn-extract.
 *
 * Finds date and time expressions in text ("Q1 2025", "January 15, 2025",
 * "last month", "the past three years", "weekly") and normalises them to
 * TimeML TIMEX3 types and values, resolving relative expressions against
 * the document creation time (DCT, the publication date). The patterns
 * are the `kind timex` rules of rules/timex*.rules; this code only turns
 * their named captures into values. docs/timex.md documents the values.
 */
#ifndef PNX_TIMEX_H
#define PNX_TIMEX_H

#include <stddef.h>

struct pnx_rules; /* extract/rules.h */

typedef struct pnx_timex {
	size_t start, end;   /* byte offsets into the tagged text, end exclusive */
	const char *type;    /* static string: "DATE" "TIME" "DURATION" "SET" */
	char value[48];      /* TIMEX3 value: 2025-01-15, 2025-01, 2025-Q1, 2025-H1,
	                      * 2025, 2025-W03, 2025-01-15T14:00, P3D, PXY,
	                      * PRESENT_REF, PAST_REF, FUTURE_REF, XXXX-01 ... */
	const char *grain;   /* static: "day" "week" "month" "quarter" "half"
	                      * "year" "decade" "century" or NULL (durations,
	                      * sets, *_REF, times) */
	const char *mod;     /* static TIMEX3 mod: "START" "MID" "END" "APPROX"
	                      * "BEFORE" "AFTER" ... or NULL ("early 2026" is
	                      * value 2026, mod START) */
	int pair;            /* intervals ("January and February 2025", "from 2019
	                      * to 2021"): index in the same array of the other
	                      * end, or -1. The lower index is the start. */
	const char *rule;    /* id of the rule that matched; borrowed from the
	                      * tagger, valid while it lives */
} pnx_timex;

typedef struct pnx_timex_tagger pnx_timex_tagger;

/* Builds a tagger from the `kind timex` rules of rules (borrowed: it must
 * outlive the tagger). Dies with PN_EXIT_CONFIG and "file:line: why" on a
 * timex rule it cannot interpret (unknown capture or `set` value). */
pnx_timex_tagger *pnx_timex_new(const struct pnx_rules *rules);
void pnx_timex_free(pnx_timex_tagger *t);

/* Tags text[0..len) (valid UTF-8, need not be NUL-terminated; fold it
 * first with pnx_norm as the rules expect ASCII quotes and dashes). dct is the
 * document date "YYYY-MM-DD" (a longer ISO timestamp is cut to its date),
 * or NULL: relative expressions then keep an undetermined value such as
 * "XXXX-XX-XX" or PAST_REF. Timexes come out sorted by start and do not
 * overlap. Returns the count; *out is a malloc'd array the caller frees
 * (NULL when the count is 0). Never fails (dies on OOM). */
size_t pnx_timex_tag(const pnx_timex_tagger *t, const char *text, size_t len,
                     const char *dct, pnx_timex **out);

struct pnx_word;

/* Tagging one text piece by piece, from its start: pn-extract without
 * --timexes only needs the timexes up to its last event's sentences.
 * The timexes up to a position are exactly those of tagging the whole
 * text (timex_run.c says why). A run is reused from text to text. */
typedef struct pnx_timex_run pnx_timex_run;
pnx_timex_run *pnx_timex_run_new(const pnx_timex_tagger *t);
void pnx_timex_run_free(pnx_timex_run *r);
/* Starts on text[0..len) (borrowed until the next start) with the words
 * pnx_gaz_words_mark split it into (extract/gazetteer.h), so that the rules'
 * `words` need no second pass over the text (NULL: the text is split
 * here); nothing is matched yet. */
void pnx_timex_run_start(pnx_timex_run *r, const char *text, size_t len, const struct pnx_word *words,
                         size_t nwords, const char *dct);
/* Tags on until every timex starting before pos is known (SIZE_MAX: the
 * whole text). Returns the timexes found so far, sorted by start, count
 * in *n: final, owned by the run, valid until its next call (a later call
 * may move the array and only appends to it); the caller may change
 * their values. */
pnx_timex *pnx_timex_run_to(pnx_timex_run *r, size_t pos, size_t *n);

/* `pn-extract --tag-timex [options] [FILE]`: argv[0] is "--tag-timex".
 * Returns the process exit code; `--tag-timex -h` prints the usage. */
int pnx_timex_main(int argc, char **argv);

#endif
