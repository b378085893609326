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
void pn_buf_grow(pn_buf *b, size_t extra); /* dies on OOM */
/* Room for extra more bytes and a NUL: the test inline (called per
 * piece of JSON written), the growth not. */
static inline void pn_buf_reserve(pn_buf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		pn_buf_grow(b, extra);
}
void pn_buf_add(pn_buf *b, const void *p, size_t n);
void pn_buf_addc(pn_buf *b, char c);
void pn_buf_adds(pn_buf *b, const char *s);
void pn_buf_printf(pn_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pn_buf_vprintf(pn_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void pn_buf_reset(pn_buf *b);          /* len = 0, keeps memory */
const char *pn_buf_cstr(pn_buf *b);    /* borrowed, NUL-terminated */
char *pn_buf_steal(pn_buf *b);         /* caller frees; b becomes empty */
void pn_buf_free(pn_buf *b);

/* ---- utf8.c: UTF-8 ---------------------------------------------------- */

/* Length of the sequence at u[0..n) (n >= 1): well-formed per Unicode
 * Table 3-7 (*ok true; no overlong forms, surrogates or code points above
 * U+10FFFF; NUL is a well-formed one-byte sequence), or the maximal
 * ill-formed subpart, the span to replace by one U+FFFD (*ok false). */
size_t pn_utf8_seq(const unsigned char *u, size_t n, bool *ok);

/* ---- hash.c: digests (OpenSSL libcrypto) ---------------------------- */

/* SHA-1 of p[0..n) as "sha1:" + 32 base32 chars, the WARC digest form. */
void pn_sha1_base32(const void *p, size_t n, char out[38]);
/* The same over the concatenation of parts (pn_part: see warcw.c). */
struct pn_part;
void pn_sha1_base32_parts(const struct pn_part *parts, int nparts, char out[38]);
/* SHA-1 as 40 lowercase hex chars. */
void pn_sha1_hex(const void *p, size_t n, char out[41]);
/* Article id: first 16 hex chars of SHA-1 of the URL. */
void pn_article_id(const char *url, char out[17]);

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

/* ---- warcw.c: writing WARC records --------------------------------- */

/* A piece of a record block: blocks are given in pieces (an HTTP header
 * and a body) so they are never copied. Borrowed. */
typedef struct pn_part {
	const void *p;
	size_t n;
} pn_part;

typedef struct pn_warc_writer pn_warc_writer;
/* level 0-9: every record becomes its own gzip member at that level (0 =
 * stored, still valid gzip; 1 = ISA-L igzip, the fastest; 2-9 libdeflate);
 * -1: plain, uncompressed records. The writer keeps one compressor and
 * scratch buffer for all its records: use one per thread. Dies on OOM. */
pn_warc_writer *pn_warc_writer_new(int level);
void pn_warc_writer_free(pn_warc_writer *w);
/* Appends one WARC/1.1 record to out: WARC-Type type, a new
 * WARC-Record-ID, WARC-Date now, WARC-Target-URI uri and Content-Type
 * ctype (each omitted when NULL), WARC-Block-Digest, the extra header
 * lines ("Name: value\r\n"..., or NULL), Content-Length and the block made
 * of parts. Fills id_out (>= 48 bytes) with the record id if non-NULL.
 * Never fails (dies on OOM); writing out somewhere is the caller's job. */
void pn_warc_put(pn_warc_writer *w, pn_buf *out, const char *type, const char *uri,
                 const char *ctype, const char *extra, const pn_part *parts, int nparts,
                 char *id_out);

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
/* Undoes a Content-Encoding (gzip, x-gzip, deflate with or without the
 * zlib wrapper; NULL, "" or "identity": as is) of body[0..len), appending
 * to out, or only measuring when out is NULL. Returns 0; 1 when the
 * compressed stream was cut short (out holds what decoded); -1 for an
 * unsupported encoding or corrupt data; -2 when the decoded size would
 * pass max (a gzip bomb costs at most max bytes). out is left as it was
 * on -1 and -2. *err gets a static message on every non-zero return. */
int pn_http_decode(const char *encoding, const void *body, size_t len, size_t max,
                   pn_buf *out, const char **err);
/* Value of a header (case-insensitive), malloc'd copy or NULL. */
char *pn_http_header(const char *headers, const char *name);
void pn_http_response_free(pn_http_response *resp);

/* ---- jsonl.c: JSON Lines (parsed by yajl into jansson values) -------- */

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
/* Appends "s[0..n)" as a JSON string: the escapes jansson's dump writes
 * ('"', '\\', \b \f \n \r \t, other controls as \u00XX in upper case;
 * '/' and non-ASCII left alone). s must be valid UTF-8. */
void pn_json_str(pn_buf *b, const char *s, size_t n);

#endif
