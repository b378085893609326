/* pns.h - internal interface of pn-store (symbols prefixed pns_).
 *
 * Ownership: a sqlite3 handle belongs to the command that opened it with
 * pns_db_open() and is closed with pns_db_close(). Statements returned by
 * pns_prepare() belong to the caller (sqlite3_finalize). Functions
 * documented "dies" print "pn-store: ..." and exit with the pn_exit code
 * said there (allocation dies as pn_x* does); everything else reports by
 * return value.
 */
#ifndef PNS_H
#define PNS_H

#include "pn.h"

#include <sqlite3.h>

/* ---- db.c: opening, pragmas, error handling ------------------------- */

/* Database path: opt if non-NULL, else $PN_DB, else "pharmanews.db".
 * Borrowed. */
const char *pns_db_path(const char *opt);

/* Opens path in WAL mode with synchronous=NORMAL and a busy timeout of
 * timeout_ms, then brings the schema up to date (schema.c). create: make
 * the file if missing (load); otherwise a missing file is an error (query).
 * Dies: PN_EXIT_IO if it cannot be opened or is not a pn-store database
 * of a known version, PN_EXIT_LOCKED if busy past the timeout. */
sqlite3 *pns_db_open(const char *path, bool create, int timeout_ms);
void pns_db_close(sqlite3 *db);

/* Prints "pn-store: <what>: <sqlite message>" and exits with
 * PN_EXIT_LOCKED when the database stayed busy, PN_EXIT_IO otherwise. */
_Noreturn void pns_db_die(sqlite3 *db, const char *what);

/* Runs SQL without results; dies via pns_db_die. */
void pns_exec(sqlite3 *db, const char *sql);
/* Prepares a persistent statement (caller finalizes); dies via
 * pns_db_die (a bad statement here is a bug or a foreign database). */
sqlite3_stmt *pns_prepare(sqlite3 *db, const char *sql);

/* Default busy timeout: a cron load and an ad hoc load wait for each
 * other this long before giving up with PN_EXIT_LOCKED. */
#define PNS_BUSY_TIMEOUT_MS 60000

/* ---- schema.c: DDL and migrations ----------------------------------- */

/* Current schema version, stored in PRAGMA user_version. */
#define PNS_SCHEMA_VERSION 1

/* Applies every missing migration in one IMMEDIATE transaction so that
 * concurrent first runs serialise. Dies (PN_EXIT_IO) when the database
 * is newer than this program or is not a pn-store database. */
void pns_schema_migrate(sqlite3 *db, const char *path);
/* Version stored in the file, for stats. */
int pns_schema_version(sqlite3 *db);

/* ---- dates.c: TIMEX values to sortable ranges ----------------------- */

/* Converts a TIMEX-like value (2025-01-15, 2025-01, 2025-Q1, 2025-H1,
 * 2025-W03, 2025) into the first and last day it covers, as YYYY-MM-DD.
 * Returns false (start/end untouched) when the value is not understood.
 * grain_out, if non-NULL, receives a static name: day, week, month,
 * quarter, half, year. */
bool pns_date_range(const char *value, size_t len, char start[11], char end[11],
                    const char **grain_out);

/* ---- arena.c: memory of one input line, dropped at once ------------ */

typedef struct pns_arena pns_arena;

pns_arena *pns_arena_new(void);
/* n bytes aligned for any type, valid until the next pns_arena_reset.
 * Dies on OOM. */
void *pns_arena_alloc(pns_arena *a, size_t n);
/* NUL-terminated copy of s[0..n). */
char *pns_arena_strndup(pns_arena *a, const char *s, size_t n);
/* Frees everything allocated since the last reset (keeps the newest
 * chunk for the next line). */
void pns_arena_reset(pns_arena *a);
void pns_arena_free(pns_arena *a);

/* ---- jcheck.c: what yajl does not check ---------------------------- */

/* Offset of the first byte of s[0..n) that is not strict UTF-8 (overlong
 * form, surrogate, beyond U+10FFFF, cut sequence), or n. */
size_t pns_utf8_error(const unsigned char *s, size_t n);
/* Offset of the first \u escape of a lone surrogate in s[0..n), which
 * must be JSON text yajl has accepted (every backslash starts a valid
 * escape), or n. */
size_t pns_surrogate_error(const char *s, size_t n);

/* ---- article.c: one enriched article line, parsed with yajl --------- */

/* A string of the article: p[0..len), not NUL-terminated (it may hold
 * NULs, from \u0000); p == NULL when the field is missing or null. It
 * points into the line when the input string has no escapes (nothing is
 * copied), else into the reader's arena.
 * JSON text fields (authors, source, attrs, extra, offsets) hold compact
 * JSON text. */
typedef struct pns_str { const char *p; size_t len; } pns_str;

/* Article fields in the order of the articles columns (ingest.c). */
enum pns_article_field {
	PNS_A_URL, PNS_A_CANONICAL_URL, PNS_A_TITLE, PNS_A_PUBLISHED, PNS_A_PUBLISHED_SOURCE,
	PNS_A_MODIFIED, PNS_A_AUTHORS, PNS_A_SITE_NAME, PNS_A_LANG, PNS_A_TEXT, PNS_A_SOURCE,
	PNS_A_N
};

/* Event string fields, in the order of the events columns. */
enum pns_event_field {
	PNS_E_TYPE, PNS_E_STATUS, PNS_E_DATE, PNS_E_DATE_GRAIN, PNS_E_DATE_TEXT,
	PNS_E_DATE_SOURCE, PNS_E_DRUG, PNS_E_COMPANY, PNS_E_AGENCY, PNS_E_JURISDICTION,
	PNS_E_INDICATION, PNS_E_DESIGNATION, PNS_E_SENTENCE, PNS_E_RULE, PNS_E_RULES_VERSION,
	PNS_E_N
};

typedef struct pns_entity {
	pns_str type, name, attrs;
	pns_str offsets;           /* mentions as [[start,end],...] ("[]" if none) */
	size_t n_mentions;
	size_t alias0, n_aliases;  /* in pns_article.aliases */
} pns_entity;

typedef struct pns_event {
	pns_str f[PNS_E_N];
	pns_str extra;             /* fields pn-store does not know, as a JSON object */
	int64_t sentence[2];       /* sentence_start, sentence_end ... */
	bool has_sentence[2];      /* ... when present and not null */
} pns_event;

typedef struct pns_article {
	pns_str id;                /* non-empty */
	pns_str f[PNS_A_N];
	pns_entity *entities;
	size_t n_entities;
	pns_str *aliases;
	pns_event *events;
	size_t n_events;           /* at most 65536 */
} pns_article;

typedef struct pns_reader pns_reader;

pns_reader *pns_reader_new(void);
/* Parses line[0..len) (one JSON object, blanks stripped) and checks the
 * type of every field pn-store reads (docs/FORMATS.md section 3). Returns
 * the article, valid until the next call or pns_reader_free; or NULL with
 * why set to "bad JSON: column N: what" or to the first field of the wrong
 * shape ("events[2].date: expected string or null"). */
const pns_article *pns_read(pns_reader *r, const char *line, size_t len, char *why,
                            size_t whylen);
void pns_reader_free(pns_reader *r);

/* ---- cache.c: string -> entity id map ------------------------------- */

typedef struct pns_cache pns_cache;

pns_cache *pns_cache_new(void);
/* Id stored under key[0..len) or 0 if none (SQLite ids start at 1).
 * If attrs is non-NULL it receives the borrowed attrs text stored with
 * the id (NULL if none) and its length, valid until the next put. */
int64_t pns_cache_get(pns_cache *c, const char *key, size_t len, const char **attrs,
                      size_t *attrs_len);
/* Stores copies of key and of attrs[0..attrs_len) (attrs may be NULL). */
void pns_cache_put(pns_cache *c, const char *key, size_t len, int64_t id, const char *attrs,
                   size_t attrs_len);
void pns_cache_free(pns_cache *c);

/* ---- ingest.c: one article into the database ------------------------ */

typedef struct pns_ingest pns_ingest;

/* Counters of rows written, for the load summary. */
typedef struct pns_counts {
	unsigned long articles, replaced, entities, mentions, events;
} pns_counts;

/* Prepares every statement once. Borrowed db must outlive the result. */
pns_ingest *pns_ingest_new(sqlite3 *db);
/* Writes one article (pns_read) replacing whatever an earlier load stored
 * for the same id. Must run inside a transaction; the caller commits.
 * Dies via pns_db_die on database errors, naming file:line. */
void pns_ingest_article(pns_ingest *g, const pns_article *art, const char *file,
                        unsigned long line);
const pns_counts *pns_ingest_counts(const pns_ingest *g);
void pns_ingest_free(pns_ingest *g);

/* ---- output.c: rows to CSV / JSON / JSONL / table ------------------- */

enum pns_format { PNS_FMT_TABLE, PNS_FMT_CSV, PNS_FMT_JSON, PNS_FMT_JSONL };

/* "csv", "json", "jsonl", "table"; false if unknown. */
bool pns_format_parse(const char *s, enum pns_format *fmt);
/* Steps st to the end writing every row to out; column names become the
 * CSV header / JSON keys. Returns the number of rows. Dies via pns_db_die
 * on a database error and with PN_EXIT_IO on a write error. */
unsigned long pns_output(sqlite3 *db, sqlite3_stmt *st, enum pns_format fmt, FILE *out);

/* ---- commands (load.c, query.c, timeline.c, stats.c) ---------------- */

/* Each returns the process exit status; argv[0] is the command name. */
int pns_cmd_load(int argc, char **argv);
int pns_cmd_query(int argc, char **argv);
int pns_cmd_timeline(int argc, char **argv);
int pns_cmd_stats(int argc, char **argv);

#endif
