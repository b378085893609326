/* timex_int.h - internals of the temporal tagger (extract/timex*.c), not
 * for other parts of pn-extract.
 *
 * A timex rule's named captures and `set` attributes fill "slots" (year,
 * month, unit, rel, ...); pnx_tnorm() turns the slots of one match into a
 * TIMEX3 type and value. Slot strings are borrowed from the text or the
 * rules and never owned here.
 */
#ifndef PNX_TIMEX_INT_H
#define PNX_TIMEX_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "rules.h"
#include "timex.h"

/* Slots, in the order of pnx_tslot_names. docs/timex.md describes each. */
enum pnx_tslot {
	PNX_TS_YEAR, PNX_TS_MONTH, PNX_TS_DAY, PNX_TS_WEEKDAY, PNX_TS_QUARTER,
	PNX_TS_HALF, PNX_TS_SEASON, PNX_TS_DECADE, PNX_TS_CENTURY, PNX_TS_NUM,
	PNX_TS_UNIT, PNX_TS_REL, PNX_TS_MOD, PNX_TS_HOUR, PNX_TS_MINUTE,
	PNX_TS_AMPM, PNX_TS_PART, PNX_TS_SHIFT, PNX_TS_DIR, PNX_TS_TENSE,
	PNX_TS_NTH, PNX_TS_VALUE, PNX_TS_N
};
extern const char *const pnx_tslot_names[PNX_TS_N];

typedef struct pnx_tstr {
	const char *s; /* NULL when the slot is empty */
	size_t n;
} pnx_tstr;

static inline bool pnx_tset(pnx_tstr s)
{
	return s.s != NULL;
}

/* ---- timex_cal.c: proleptic Gregorian calendar ---------------------- */

/* Days since 1970-01-01 of y-m-d (m 1..12, d may overflow the month). */
long pnx_cal_days(int y, int m, int d);
void pnx_cal_civil(long days, int *y, int *m, int *d);
/* ISO weekday 1 (Monday) .. 7 (Sunday). */
int pnx_cal_weekday(long days);
/* ISO 8601 week-numbering year and week of a day. */
void pnx_cal_isoweek(long days, int *wyear, int *week);
int pnx_cal_mdays(int y, int m);

/* ---- timex_words.c: words and numbers, ASCII case-insensitive ------- */

enum pnx_tunit {
	PNX_U_NONE, PNX_U_SECOND, PNX_U_MINUTE, PNX_U_HOUR, PNX_U_DAY,
	PNX_U_WEEKEND, PNX_U_WEEK, PNX_U_MONTH, PNX_U_QUARTER, PNX_U_HALF,
	PNX_U_SEASON, PNX_U_YEAR, PNX_U_DECADE, PNX_U_CENTURY
};

/* Each returns 0 (or PNX_U_NONE / NULL) when s is not recognised. */
int pnx_tw_month(pnx_tstr s);         /* "Jan." "January" "1" -> 1..12 */
int pnx_tw_weekday(pnx_tstr s);       /* "Tue" "Tuesday" -> 1..7 */
/* Cardinal: "3" "three" "twenty-one" "a" -> value; "several" "few" ->
 * PNX_TW_SOME; 0 when unknown. "1,000" is not a number here. */
#define PNX_TW_SOME (-1)
long pnx_tw_number(pnx_tstr s);
int pnx_tw_ordinal(pnx_tstr s);       /* "first" "1st" "third" "3" -> n */
enum pnx_tunit pnx_tw_unit(pnx_tstr s); /* "years" "month" "-long" stripped */
const char *pnx_tw_season(pnx_tstr s); /* "spring" -> "SP" */
const char *pnx_tw_part(pnx_tstr s);   /* "morning" -> "MO" */
/* "last" -1, "next" +1, "this" 0; sets *ok false when unknown. */
int pnx_tw_rel(pnx_tstr s, bool *ok);
const char *pnx_tw_mod(pnx_tstr s);    /* "early" -> "START", "about" -> "APPROX" */
/* Case-insensitive equality of s with the NUL-terminated word w. */
bool pnx_tw_is(pnx_tstr s, const char *w);

/* ---- timex_tense.c: the sentence around a timex ------------------------ */

struct pnx_gazetteer;

/* The tense words of rules/gazetteers/timex_tense.tsv; gaz NULL when the
 * file is absent (then only the -ed rule applies). */
typedef struct pnx_tlex {
	const struct pnx_gazetteer *gaz; /* borrowed from the rules */
	signed char *tense;              /* per row: -1 past, 1 future, 0 none; owned */
} pnx_tlex;

/* Reads the gazetteer's tense column into lex; returns the number of bad
 * rows (each reported as "file:line: why"). */
unsigned pnx_tlex_init(pnx_tlex *lex, const struct pnx_gazetteer *gaz);
void pnx_tlex_free(pnx_tlex *lex);

/* Tense around text[start..end): -1 past, +1 future, 0 unknown; looks at
 * the words of the same sentence, nearest first. */
int pnx_tense(const pnx_tlex *lex, const char *text, size_t len, size_t start, size_t end);
/* True when a word starting with the prefix word (case-insensitive) occurs
 * in the sentence of text[start..end), outside that span. */
bool pnx_sentence_has(const char *text, size_t len, size_t start, size_t end, const char *word);

/* ---- timex_norm.c, timex_date.c ---------------------------------------- */

typedef struct pnx_tctx {
	bool has_dct;
	long dct;              /* days since the epoch */
	const pnx_tlex *lex;   /* tense words */
	const char *text;      /* for the tense heuristic */
	size_t len, start, end;
} pnx_tctx;

/* Parses "YYYY-MM-DD..." into days; false if it is not a valid date. */
bool pnx_tdct_parse(const char *s, long *days);

/* Fills out's type, value, grain and mod from the slots; returns false
 * when they make no valid timex (month 13, February 30, no usable slot):
 * the match is then dropped. type is the rule's static type string. */
bool pnx_tnorm(const char *type, const pnx_tstr *slots, const pnx_tctx *ctx, pnx_timex *out);
/* The DATE part of pnx_tnorm (value and grain); need_day: only a day will
 * do (the date of a TIME). */
bool pnx_tdate_value(const pnx_tstr *slots, const pnx_tctx *ctx, pnx_timex *out, bool need_day);

/* ---- timex.c: the tagger, one match -> one candidate ------------------ */

/* How far before a trigger word (rule `words`) a match of the rule may
 * start, in bytes: the longest optional context a pattern allows before
 * its trigger ("the beginning of the fiscal first-" before "quarter") is
 * well under it. */
#define PNX_TRIG_REACH 80

/* A rule word: the rule runs near each occurrence of it. */
typedef struct pnx_ttrig {
	size_t hash;        /* pnx_gaz_words_mark' hash of the lower-case word */
	const char *word;   /* borrowed from the rule; NULL = empty slot */
	size_t len;
	size_t rule;        /* index into the tagger's rules */
} pnx_ttrig;

struct pnx_timex_tagger {
	const pnx_rule **rules; /* kind timex, highest priority first */
	size_t nrules;
	size_t *pat0;           /* per rule: index of its first pattern among all the
	                         * tagger's patterns (npats in all) */
	size_t npats;
	const char **types;     /* static type string of each rule */
	pnx_tstr (*sets)[PNX_TS_N]; /* `set` defaults of each rule's slots */
	int (**groups)[2][PNX_TS_N + 2]; /* per rule, per pattern: capture number
	                                  * of each slot (end 0 and 1: "year",
	                                  * "year2"), then t1, t2 (0 = none) */
	pnx_ttrig *trig;        /* open addressing on hash, ntrig a power of 2 */
	size_t ntrig;
	size_t maxword;         /* longest rule word */
	uint8_t filter[8192];   /* bit number (hash >> 20) & 0xFFFF set for every rule
	                         * word: most text words stop at this 8 kB bitmap */
	bool any_words;         /* some rule has `words` */
	const pnx_rules *rs;
	pnx_tlex lex;           /* tense words */
};

/* One candidate match: one timex, or two for an interval. */
typedef struct pnx_cand {
	pnx_timex x[2];
	int n;          /* 1, or 2 for an interval */
	int priority;
	size_t start, end; /* union of the spans, for ordering */
	size_t rule, pat;  /* which pattern matched: the last tie-break */
} pnx_cand;

/* Builds the candidate of the match in md of pattern pi of rule ri;
 * false if its slots do not normalise. */
bool pnx_tcand(const pnx_timex_tagger *t, size_t ri, size_t pi, pcre2_match_data *md, const char *text,
               size_t len, const pnx_tctx *dct, pnx_cand *c);

#endif
