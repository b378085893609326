/* gazetteer.h - the TSV files of rules/gazetteers: named tables of surface forms.
 *
 * A gazetteer is a TSV file with a header line naming its columns. The
 * column "name" (else the first column) is the canonical name, "aliases"
 * holds |-separated other surface forms. Every name and alias is a key of a
 * case-insensitive (ASCII) index that maps a matched surface back to its row.
 *
 * Ownership: a gazetteer owns all its strings; everything returned is
 * borrowed and lives as long as the gazetteer.
 */
#ifndef PNX_GAZETTEER_H
#define PNX_GAZETTEER_H

#include "pn.h"

typedef struct pnx_gaz_key {
	char *key;        /* surface form as written in the file */
	size_t row;
} pnx_gaz_key;

typedef struct pnx_gazetteer {
	char *name;       /* file name without ".tsv": "regulators" */
	char *path;
	size_t ncols;
	char **cols;      /* header names */
	size_t nrows;
	char **cells;     /* nrows * ncols, "" when the line had fewer cells */
	unsigned *lines;  /* source line of each row */
	size_t nkeys;
	pnx_gaz_key *keys;   /* every name and alias, longest first */
	size_t nslots;
	size_t *slots;       /* open-addressing index into keys (+1, 0 = empty) */
	size_t nfirst;
	struct pnx_gaz_first {
		size_t hash;     /* of a key's first word | 1 (open addressing, 0 = empty) */
		size_t max;      /* longest key (bytes) starting with that word */
	} *first;            /* side by side: one cache line per probe */
	size_t nprefix;
	size_t *prefix;      /* hashes (| 1) of the keys' prefixes ending at a word end or
	                      * punctuation (open addressing, 0 = empty) */
	uint64_t pfilter[512]; /* bit (hash >> 49) of each prefix: most texts read
	                        * begin no key, and are told so without a probe */
	uint32_t bit;        /* its bit in pnx_word.gaz (pnx_gaz_firsts), 0 = none */
} pnx_gazetteer;

/* Loads path; returns 0, or -1 after printing "path:line: why" (missing
 * header, a line with more cells than the header, unreadable file). */
int pnx_gaz_load(pnx_gazetteer *g, const char *path);
void pnx_gaz_free(pnx_gazetteer *g);

/* Column index or -1. */
int pnx_gaz_col(const pnx_gazetteer *g, const char *col);
/* Cell of row/column name; "" when the column does not exist. Borrowed. */
const char *pnx_gaz_get(const pnx_gazetteer *g, size_t row, const char *col);
/* Row whose name or alias equals s[0..n) ignoring ASCII case; -1 if none. */
long pnx_gaz_find(const pnx_gazetteer *g, const char *s, size_t n);

/* The hash of a word wherever words are looked up by hash (trigger
 * words, gazetteer keys, timex rule words): FNV-1a over the bytes with
 * ASCII letters lower-cased. Build it with PNX_WORD_HASH_INIT and one
 * pnx_word_hash_step per byte, or pnx_word_hash for a whole word. */
#define PNX_WORD_HASH_INIT ((size_t)1469598103934665603u)
/* c with ASCII capitals lower-cased: a load instead of a test per byte */
extern const unsigned char pnx_lower[256];
static inline size_t pnx_word_hash_step(size_t h, unsigned char c)
{
	return (h ^ pnx_lower[c]) * 1099511628211u;
}
size_t pnx_word_hash(const char *w, size_t n);
/* the filters take a hash's top bits (PNX_HBIT in rules.h) */
_Static_assert(sizeof(size_t) == 8, "word hashes are 64-bit FNV-1a in a size_t");

/* A word of a text: a run of ASCII letters/digits or non-ASCII bytes, with
 * the hash its lookups use. */
typedef struct pnx_word {
	size_t start, end;
	size_t hash;
	uint32_t gaz;      /* bits of the gazetteers a key of which may start
	                    * here (pnx_gaz_words_mark); all set until marked */
	bool alpha;        /* ASCII letters only */
	uint8_t ends;      /* bits (pnx_anchor.ebit) of the `anchor endings` whose
	                    * pair table holds the word's last two letters; all
	                    * set on a word with ASCII letters and other bytes,
	                    * none on a word without ASCII letters */
} pnx_word;

/* A byte of a word (pnx_gaz_words_mark): an ASCII letter or digit, or any
 * non-ASCII byte. */
static inline bool pnx_word_byte(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10 || c >= 0x80;
}

/* The first words of the keys of up to 30 gazetteers in one hash table,
 * so one probe per word of a text tells every lookup where to look (and
 * the extractor where the rules' trigger words are). */
typedef struct pnx_gaz_firsts {
	struct pnx_gaz_fslot {
		uint32_t fp;   /* (word hash >> 32) | 1, 0 = empty slot; the slot is
		                * the hash's low bits: words sharing both share their
		                * bits, which the lookups then check word by word */
		uint32_t bits; /* gazetteers with a key starting with that word */
	} *slots;          /* 8 bytes a slot, side by side: one cache line per probe */
	size_t n;          /* slots, a power of two */
	uint64_t filter[1024]; /* bit (hash >> 48) of every first word: most
	                        * words of a text are rejected without a probe */
	uint32_t nonalpha; /* set on every word that is not all ASCII letters
	                    * but holds some */
	uint8_t endpair[26 * 26]; /* per last two letters (26 * a + b) of a word of
	                           * letters: the pnx_anchor.ebit of the `anchor
	                           * endings` with an ending ending so (rules.c) */
} pnx_gaz_firsts;

/* Bits of pnx_word.gaz beyond the gazetteers' (the first PNX_GAZ_MAX get
 * one each): words whose hash is that of one of the rules' trigger words
 * (`words` of entity and event rules), and words an `anchor words` line
 * can start at (its words, and every word that is not all ASCII letters
 * but holds some, whose runs of letters are tried one by one). The words
 * themselves are compared by the users of the lists. */
#define PNX_GAZ_MAX 30u
#define PNX_GAZ_ANCHOR_BIT 30u
#define PNX_GAZ_TRIGGER_BIT 31u

/* A word given a bit of its own by pnx_gaz_firsts_build. */
typedef struct pnx_gaz_extra {
	size_t hash;       /* pnx_word_hash */
	unsigned bit;      /* PNX_GAZ_ANCHOR_BIT or PNX_GAZ_TRIGGER_BIT */
} pnx_gaz_extra;

/* Builds f over g[0..ng), giving the first PNX_GAZ_MAX gazetteers their
 * bit, and over extra[0..nextra); nonalpha: bits pnx_gaz_words_mark sets on
 * every word that is not all ASCII letters but holds some. */
void pnx_gaz_firsts_build(pnx_gaz_firsts *f, pnx_gazetteer *g, size_t ng, const pnx_gaz_extra *extra, size_t nextra,
                          uint32_t nonalpha);
void pnx_gaz_firsts_free(pnx_gaz_firsts *f);
/* Per gazetteer bit b, the indices of the words with b set, ascending:
 * idx[off[b] .. off[b + 1]). A lookup walks its own list instead of
 * testing the bit of every word of the article. */
typedef struct pnx_gaz_lists {
	uint32_t *idx;
	size_t cap;
	size_t off[33];
	uint32_t *marked;  /* scratch: the words with some bit */
	size_t cmarked;    /* size of marked and of ends */
	uint32_t *ends;    /* the words with some pnx_word.ends bit, ascending:
	                    * where `anchor endings` look */
	size_t nends;
} pnx_gaz_lists;

/* Splits text[0..len) into words into *words (grown as needed, *cap its
 * size; the caller owns it), setting each word's gaz bits from f while the
 * word is in hand, and *l from them. Returns the count. */
size_t pnx_gaz_words_mark(const char *text, size_t len, pnx_word **words, size_t *cap, const pnx_gaz_firsts *f,
                          pnx_gaz_lists *l);

/* Index of the first of words[0..n) starting at pos or later (n if none). */
size_t pnx_gaz_word_at(const pnx_word *words, size_t n, size_t pos);

/* Next name or alias of g in text starting at word *wi or later (words
 * from pnx_gaz_words_mark), longest at the leftmost start, ending on a word
 * boundary. Case: a key with capitals does not match an all-lower-case
 * span ("ADC" is not "adc"); otherwise case and white-space runs are
 * ignored. On a match sets the span, the row and *wi past the match. Cost:
 * one hash probe per word unless the word starts a key. */
bool pnx_gaz_next(const pnx_gazetteer *g, const char *text, size_t len, const pnx_word *words,
                  size_t nwords, const pnx_gaz_lists *l, size_t *wi, size_t *start, size_t *end, long *row);

#endif
