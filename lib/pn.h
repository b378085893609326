/* pn.h - the one header of libpn, the small library shared by every
 * pharmanews stage (pn-fetch, pn-parse, pn-extract, pn-store).
 *
 * Conventions:
 *  - every public symbol starts with pn_ (types pn_*, macros PN_*);
 *  - functions named pn_x* never fail: they print a message and exit
 *    (PN_EXIT_INTERNAL for memory, PN_EXIT_IO for I/O);
 *  - other functions report failure by return value as documented;
 *  - "caller frees" / "borrowed" on each function says who owns the result.
 */
#ifndef PN_H
#define PN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <time.h>

#define PN_VERSION "0.1.0"

/* Exit codes shared by every stage; README "Exit status" mirrors this. */
enum pn_exit {
	PN_EXIT_OK = 0,       /* everything processed */
	PN_EXIT_PARTIAL = 1,  /* finished, but some records/URLs failed or were skipped */
	PN_EXIT_USAGE = 2,    /* bad command line */
	PN_EXIT_CONFIG = 3,   /* bad configuration or rules file */
	PN_EXIT_IO = 4,       /* cannot open/read/write an input, output or database */
	PN_EXIT_LOCKED = 5,   /* another run holds the lock / database busy past timeout */
	PN_EXIT_INTERNAL = 70 /* out of memory, internal error (EX_SOFTWARE) */
};

/* ---- util.c: diagnostics and allocation ---------------------------- */

/* Set once from main(); used as the prefix of every message. */
void pn_setprogname(const char *argv0);
const char *pn_progname(void);

/* "prog: msg\n" on stderr. pn_die exits with code. */
void pn_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void pn_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Allocation that never returns NULL: dies with PN_EXIT_INTERNAL. */
void *pn_xmalloc(size_t n);
void *pn_xcalloc(size_t n, size_t size);
void *pn_xrealloc(void *p, size_t n);
char *pn_xstrdup(const char *s);
char *pn_xstrndup(const char *s, size_t n);
char *pn_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* True when stderr is a terminal and progress lines are wanted. */
bool pn_progress_enabled(void);
/* Rewrites one status line on stderr ("\r...") at most ~5 times a second;
 * no-op unless pn_progress_enabled(). pn_progress_done() ends the line. */
void pn_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pn_progress_done(void);

/* Directory holding the rules/ data files: $PN_RULES_DIR if set, else
 * <dir of executable>/../rules or <dir of executable>/../../rules when run
 * from a source tree, else the installed PN_DATADIR "/rules".
 * Returns a borrowed static string. */
const char *pn_rules_dir(void);

/* Current UTC time as "YYYY-MM-DDThh:mm:ssZ" into out (>= 21 bytes). */
void pn_utc_now(char out[21]);

/* ---- buf.c: growable byte buffer ----------------------------------- */

typedef struct pn_buf {
	char *data;   /* always NUL-terminated when len > 0 or after pn_buf_cstr */
	size_t len;
	size_t cap;
} pn_buf;

#define PN_BUF_INIT {NULL, 0, 0}
void pn_buf_reserve(pn_buf *b, size_t extra); /* dies on OOM */
void pn_buf_add(pn_buf *b, const void *p, size_t n);
void pn_buf_addc(pn_buf *b, char c);
void pn_buf_adds(pn_buf *b, const char *s);
void pn_buf_printf(pn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pn_buf_vprintf(pn_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void pn_buf_reset(pn_buf *b);          /* len = 0, keeps memory */
const char *pn_buf_cstr(pn_buf *b);    /* borrowed, NUL-terminated */
char *pn_buf_steal(pn_buf *b);         /* caller frees; b becomes empty */
void pn_buf_free(pn_buf *b);

/* ---- hash.c: digests (OpenSSL libcrypto) ---------------------------- */

/* SHA-1 of p[0..n) as "sha1:" + 32 base32 chars, the WARC digest form. */
void pn_sha1_base32(const void *p, size_t n, char out[38]);
/* SHA-1 as 40 lowercase hex chars. */
void pn_sha1_hex(const void *p, size_t n, char out[41]);
/* Article id: first 16 hex chars of SHA-1 of the URL. */
void pn_article_id(const char *url, char out[17]);
/* "<urn:uuid:...>" random v4 UUID for WARC-Record-ID. */
void pn_uuid_urn(char out[48]);

/* ---- warc.c: WARC 1.0/1.1 reading and writing ----------------------- */

/* One record. All pointers borrowed from the reader and valid until the
 * next pn_warc_next() or pn_warc_close(). */
typedef struct pn_warc_record {
	const char *version;      /* "WARC/1.1" */
	const char *type;         /* WARC-Type, "" if missing */
	const char *target_uri;   /* WARC-Target-URI, "" if missing (<> stripped) */
	const char *date;         /* WARC-Date, "" if missing */
	const char *record_id;    /* WARC-Record-ID, "" if missing */
	const char *content_type; /* Content-Type, "" if missing */
	const char *block;        /* the record block, NUL-terminated */
	size_t block_len;
	uint64_t offset;          /* record number, 1-based, for messages */
} pn_warc_record;

typedef struct pn_warc_reader pn_warc_reader;

/* Opens path ("-" = stdin), plain or gzip (one or many members).
 * Returns NULL and sets errno on failure. max_block: records with larger
 * blocks are skipped with a warning (0 = 64 MiB). */
pn_warc_reader *pn_warc_open(const char *path, size_t max_block);
/* Returns 1 and fills rec, 0 at end, -1 on a record that was skipped: too
 * large for max_block, malformed or truncated (message already printed
 * naming file and record). The caller counts it and may call again: the
 * reader goes on after an oversized record, resynchronises on the next
 * "WARC/" line after junk, and returns 0 after a truncation. */
int pn_warc_next(pn_warc_reader *r, pn_warc_record *rec);
/* Value of any header of the current record, case-insensitive; borrowed,
 * NULL if absent. */
const char *pn_warc_header(pn_warc_reader *r, const char *name);
void pn_warc_close(pn_warc_reader *r);
/* True if the first bytes of path look like a WARC (plain or gzip). */
bool pn_is_warc_file(const char *path);

/* Writes one record, gzip-compressed as its own member when gz is true.
 * extra_headers: NULL or "Name: value\r\n..." lines. Fills record_id_out
 * (>= 48 bytes) with the generated id if non-NULL. Returns 0, -1 on I/O
 * error (errno set). */
int pn_warc_write(FILE *out, bool gz, const char *type, const char *target_uri,
                  const char *content_type, const char *extra_headers,
                  const void *block, size_t block_len, char *record_id_out);

/* ---- http.c: raw HTTP/1.x messages as stored in WARC ---------------- */

typedef struct pn_http_response {
	int status;               /* 200, ...; 0 if the status line was bad */
	char *headers;            /* raw header lines, NUL-terminated, owned */
	char *body;               /* de-chunked and de-compressed body, owned */
	size_t body_len;
} pn_http_response;

/* Splits a raw response (status line, headers, body), undoes
 * Transfer-Encoding: chunked and Content-Encoding: gzip/deflate.
 * Returns 0, or -1 with *err set to a static message. Free with
 * pn_http_response_free. max_body bounds the decoded body (gzip bombs). */
int pn_http_parse_response(const char *raw, size_t len, size_t max_body,
                           pn_http_response *resp, const char **err);
/* Value of a header (case-insensitive), malloc'd copy or NULL. */
char *pn_http_header(const char *headers, const char *name);
void pn_http_response_free(pn_http_response *resp);

/* ---- jsonl.c: reading JSON Lines with jansson ------------------------ */

typedef struct pn_jsonl_reader pn_jsonl_reader;
struct json_t;

/* path "-" = stdin. NULL with errno set on failure. */
pn_jsonl_reader *pn_jsonl_open(const char *path);
/* Returns 1 with *obj (caller json_decref's) set to the next JSON object,
 * 0 at end, -1 for a bad line: the message "file:line: why" has been
 * printed and the caller counts it and goes on. Blank lines are skipped. */
int pn_jsonl_next(pn_jsonl_reader *r, struct json_t **obj);
/* Line number of the last line returned, for messages. */
unsigned long pn_jsonl_lineno(const pn_jsonl_reader *r);
const char *pn_jsonl_name(const pn_jsonl_reader *r);
void pn_jsonl_close(pn_jsonl_reader *r);
/* Writes obj as one compact line + "\n"; dies (PN_EXIT_IO) on write error. */
void pn_jsonl_write(FILE *out, struct json_t *obj);

#endif
