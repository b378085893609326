/* load.c - "pn-store load": enriched JSONL into the database, one
 * transaction per batch.
 *
 * A batch is read and validated in memory first and only then written in
 * one BEGIN IMMEDIATE ... COMMIT, so the write lock is never held while
 * waiting for input (a slow pipe from pn-extract cannot block a concurrent
 * loader past its busy timeout). A batch also ends after PNS_BATCH_MS of
 * reading so that a trickling pipe still gets committed.
 */
#include "pns.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define PNS_BATCH_MS 1000

struct pending {
	json_t *art;
	char *where; /* "file:line" */
};

struct loader {
	sqlite3 *db;
	pns_ingest *ingest;
	struct pending *batch;
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

static void flush(struct loader *L)
{
	if (L->n == 0)
		return;
	pns_exec(L->db, "BEGIN IMMEDIATE");
	for (size_t i = 0; i < L->n; i++)
		pns_ingest_article(L->ingest, L->batch[i].art, L->batch[i].where);
	pns_exec(L->db, "COMMIT");
	for (size_t i = 0; i < L->n; i++) {
		json_decref(L->batch[i].art);
		free(L->batch[i].where);
	}
	L->n = 0;
	const pns_counts *c = pns_ingest_counts(L->ingest);
	pn_progress("%lu articles, %lu events, %lu bad lines", c->articles, c->events, L->bad);
}

static void add(struct loader *L, json_t *art, const char *where)
{
	if (L->n == 0)
		clock_gettime(CLOCK_MONOTONIC, &L->started);
	L->batch[L->n].art = art;
	L->batch[L->n].where = pn_xstrdup(where);
	if (++L->n == L->max || ms_since(&L->started) >= PNS_BATCH_MS)
		flush(L);
}

/* Returns false if the file could not be opened. */
static bool load_file(struct loader *L, const char *path)
{
	pn_jsonl_reader *r = pn_jsonl_open(path);
	if (!r) {
		pn_warn("%s: %s", path, strerror(errno));
		return false;
	}
	json_t *art;
	int rc;
	char why[200];
	while ((rc = pn_jsonl_next(r, &art)) != 0) {
		if (rc < 0) {
			L->bad++;
			continue;
		}
		char *where = pn_xasprintf("%s:%lu", pn_jsonl_name(r), pn_jsonl_lineno(r));
		if (pns_validate(art, why, sizeof why)) {
			add(L, art, where);
		} else {
			pn_warn("%s: %s", where, why);
			json_decref(art);
			L->bad++;
		}
		free(where);
	}
	pn_jsonl_close(r);
	return true;
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

int pns_cmd_load(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'}, {"batch", required_argument, NULL, 'b'},
		{"timeout", required_argument, NULL, 't'}, {"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *dbopt = NULL;
	long batch = 1000, timeout = PNS_BUSY_TIMEOUT_MS / 1000;
	bool quiet = false;
	int c;
	while ((c = getopt_long(argc, argv, "d:b:t:qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': dbopt = optarg; break;
		case 'b':
			if (!parse_count(optarg, 1000000, &batch))
				pn_die(PN_EXIT_USAGE, "--batch: expected 1..1000000, got \"%s\"", optarg);
			break;
		case 't':
			if (!parse_count(optarg, 86400, &timeout))
				pn_die(PN_EXIT_USAGE, "--timeout: expected 1..86400 seconds, got \"%s\"", optarg);
			break;
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return PN_EXIT_OK;
		default: usage(stderr); return PN_EXIT_USAGE;
		}
	}
	const char *path = pns_db_path(dbopt);
	struct loader L = {.max = (size_t)batch};
	L.db = pns_db_open(path, true, (int)timeout * 1000);
	L.ingest = pns_ingest_new(L.db);
	L.batch = pn_xcalloc(L.max, sizeof *L.batch);
	bool io_error = false;
	if (optind == argc)
		io_error |= !load_file(&L, "-");
	for (int i = optind; i < argc; i++)
		io_error |= !load_file(&L, argv[i]);
	flush(&L);
	pn_progress_done();
	const pns_counts *n = pns_ingest_counts(L.ingest);
	if (!quiet)
		pn_warn("%s: %lu articles (%lu replaced), %lu events, %lu mentions, %lu new entities;"
		        " %lu bad lines skipped", path, n->articles, n->replaced, n->events,
		        n->mentions, n->entities, L.bad);
	unsigned long bad = L.bad;
	free(L.batch);
	pns_ingest_free(L.ingest);
	pns_db_close(L.db);
	return io_error ? PN_EXIT_IO : bad ? PN_EXIT_PARTIAL : PN_EXIT_OK;
}
