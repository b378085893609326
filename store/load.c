/* load.c - "pn-store load": enriched JSONL into the database, one
 * transaction per batch.
 *
 * A batch is read as raw lines first and only then parsed and written in
 * one BEGIN IMMEDIATE ... COMMIT: the write lock is never held while
 * waiting for input (a slow pipe from pn-extract cannot make a concurrent
 * loader time out), and each article is parsed, written and freed at once,
 * which keeps the allocator hot (holding a thousand parsed articles cost a
 * third of the load time). A batch also ends with the first line read
 * PNS_BATCH_MS after it began, so that a trickling pipe still gets
 * committed.
 *
 * lib/jsonl.c reads and parses in one call (with jansson), so line
 * reading and the "file:line: why" messages are done here instead, and
 * parsing in article.c.
 */
#include "pns.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define PNS_BATCH_MS 1000

struct line {
	size_t off, len;      /* in loader.text */
	unsigned long lineno;
	const char *file;     /* argv[i] or "<stdin>": outlives the batch */
};

struct loader {
	sqlite3 *db;
	pns_ingest *ingest;
	pns_reader *reader;
	pn_buf text;          /* the batch's lines, back to back */
	struct line *lines;
	size_t n, max;
	unsigned long bad;
	struct timespec started; /* of the batch being read */
};

static void usage(FILE *out)
{
	fprintf(out,
	        "usage: pn-store load [-q] [-d DB] [--batch N] [--timeout SEC] [FILE...]\n"
	        "Loads enriched article JSONL (docs/FORMATS.md) into DB (default $PN_DB or\n"
	        "pharmanews.db), replacing earlier loads of the same article ids. Reads\n"
	        "stdin when no FILE or FILE is \"-\".\n"
	        "  -d, --db DB       database file, created if missing\n"
	        "  -b, --batch N     articles per transaction (default 1000)\n"
	        "  -t, --timeout SEC wait this long for another writer (default %d)\n"
	        "  -q, --quiet       no summary line on stderr\n"
	        "  -h, --help        this help\n"
	        "Exit: 0 ok, 1 bad lines skipped, 2 usage, 4 I/O or database error,\n"
	        "5 database busy past the timeout.\n",
	        PNS_BUSY_TIMEOUT_MS / 1000);
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* Parses and writes one line; false (after a "file:line: why" message)
 * for a bad one, which then leaves no trace in the database. */
static bool write_line(struct loader *L, const struct line *ln)
{
	char why[200];
	const pns_article *art = pns_read(L->reader, L->text.data + ln->off, ln->len, why, sizeof why);
	if (!art) {
		pn_warn("%s:%lu: %s", ln->file, ln->lineno, why);
		return false;
	}
	pns_ingest_article(L->ingest, art, ln->file, ln->lineno);
	return true;
}

static void flush(struct loader *L)
{
	if (L->n == 0)
		return;
	pns_exec(L->db, "BEGIN IMMEDIATE");
	for (size_t i = 0; i < L->n; i++)
		L->bad += !write_line(L, &L->lines[i]);
	pns_exec(L->db, "COMMIT");
	L->n = 0;
	pn_buf_reset(&L->text);
	const pns_counts *c = pns_ingest_counts(L->ingest);
	pn_progress("%lu articles, %lu events, %lu bad lines", c->articles, c->events, L->bad);
}

static void add(struct loader *L, const char *file, unsigned long lineno, const char *p, size_t n)
{
	if (L->n == 0)
		clock_gettime(CLOCK_MONOTONIC, &L->started);
	L->lines[L->n] = (struct line){L->text.len, n, lineno, file};
	pn_buf_add(&L->text, p, n);
	if (++L->n == L->max || ms_since(&L->started) >= PNS_BATCH_MS)
		flush(L);
}

/* Returns false if the file could not be opened or read. */
static bool load_file(struct loader *L, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "r");
	if (!f) {
		pn_warn("%s: %s", path, strerror(errno));
		return false;
	}
	const char *name = is_stdin ? "<stdin>" : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t a = 0, b = (size_t)len;
		while (b > a && (line[b - 1] == '\n' || line[b - 1] == '\r' ||
		                 line[b - 1] == ' ' || line[b - 1] == '\t'))
			b--;
		while (a < b && (line[a] == ' ' || line[a] == '\t'))
			a++;
		if (a < b) /* blank lines are not records */
			add(L, name, lineno, line + a, b - a);
	}
	bool ok = !ferror(f);
	if (!ok)
		pn_warn("%s: read error: %s", name, strerror(errno));
	free(line);
	if (!is_stdin)
		fclose(f);
	return ok;
}

static long page_size(sqlite3 *db)
{
	sqlite3_stmt *st = pns_prepare(db, "PRAGMA page_size");
	if (sqlite3_step(st) != SQLITE_ROW)
		pns_db_die(db, "PRAGMA page_size");
	long n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n > 0 ? n : 4096;
}

static bool parse_count(const char *s, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

struct options {
	const char *db;
	long batch, timeout;
	bool quiet;
};

/* Returns optind, or -1 after -h. Dies on a usage error. */
static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'}, {"batch", required_argument, NULL, 'b'},
		{"timeout", required_argument, NULL, 't'}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	int c;
	while ((c = getopt_long(argc, argv, "d:b:t:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'b':
			if (!parse_count(optarg, 1000000, &o->batch))
				pn_die(PN_EXIT_USAGE, "--batch: expected 1..1000000, got \"%s\"", optarg);
			break;
		case 't':
			if (!parse_count(optarg, 86400, &o->timeout))
				pn_die(PN_EXIT_USAGE, "--timeout: expected 1..86400 seconds, got \"%s\"", optarg);
			break;
		case 'q': o->quiet = true; break;
		case 'h': usage(stdout); return -1;
		default: usage(stderr); exit(PN_EXIT_USAGE);
		}
	}
	return optind;
}

int pns_cmd_load(int argc, char **argv)
{
	struct options o = {NULL, 1000, PNS_BUSY_TIMEOUT_MS / 1000, false};
	int first = parse_options(argc, argv, &o);
	if (first < 0)
		return PN_EXIT_OK;
	const char *path = pns_db_path(o.db);
	struct loader L = {.max = (size_t)o.batch};
	L.db = pns_db_open(path, true, (int)o.timeout * 1000);
	/* Checkpoint every 32 MiB of WAL rather than every 1000 pages: pages
	 * that every batch touches (index and FTS interior pages) are then
	 * copied back to the database file less often; 7% of the load time. */
	sqlite3_wal_autocheckpoint(L.db, (int)(32 * 1024 * 1024 / page_size(L.db)));
	L.ingest = pns_ingest_new(L.db);
	L.reader = pns_reader_new();
	L.lines = pn_xcalloc(L.max, sizeof *L.lines);
	bool io_error = false;
	if (first == argc)
		io_error |= !load_file(&L, "-");
	for (int i = first; i < argc; i++)
		io_error |= !load_file(&L, argv[i]);
	flush(&L);
	pn_progress_done();
	const pns_counts *n = pns_ingest_counts(L.ingest);
	if (!o.quiet)
		pn_warn("%s: %lu articles (%lu replaced), %lu events, %lu mentions, %lu new entities;"
		        " %lu bad lines skipped", path, n->articles, n->replaced, n->events,
		        n->mentions, n->entities, L.bad);
	unsigned long bad = L.bad;
	free(L.lines);
	pn_buf_free(&L.text);
	pns_ingest_free(L.ingest);
	pns_reader_free(L.reader);
	pns_db_close(L.db);
	return io_error ? PN_EXIT_IO : bad ? PN_EXIT_PARTIAL : PN_EXIT_OK;
}
