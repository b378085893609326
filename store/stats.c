/* stats.c - "pn-store stats": what a database holds, as "key<TAB>value"
 * lines (easy to read, easy to grep in the demo and the tests). */
#include "pns.h"

#include <getopt.h>
#include <string.h>

/* Each query returns (key, value) rows. */
static const char *const queries[] = {
	"SELECT 'articles', count(*) FROM articles",
	"SELECT 'entities', count(*) FROM entities",
	"SELECT 'entities.' || type, count(*) FROM entities GROUP BY type ORDER BY type",
	"SELECT 'aliases', count(*) FROM entity_aliases",
	"SELECT 'mentions', coalesce(sum(n), 0) FROM mentions",
	"SELECT 'events', count(*) FROM events",
	"SELECT 'events.' || type, count(*) FROM events GROUP BY type ORDER BY type",
	"SELECT 'canonical_events', count(DISTINCT canonical) FROM events",
	"SELECT 'rules_versions', group_concat(v, ',') FROM"
	" (SELECT DISTINCT rules_version AS v FROM events WHERE v IS NOT NULL ORDER BY v)",
	"SELECT 'last_load', max(loaded_at) FROM articles",
};

static void usage(FILE *out)
{
	fputs("usage: pn-store stats [-d DB]\n"
	      "Prints counts of articles, entities (per type), aliases, mentions, events\n"
	      "(per type) and canonical events, one \"key<TAB>value\" per line.\n"
	      "Exit: 0 ok, 2 usage, 4 I/O or database error, 5 database busy.\n",
	      out);
}

int pns_cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *dbopt = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': dbopt = optarg; break;
		case 'h': usage(stdout); return PN_EXIT_OK;
		default: usage(stderr); return PN_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		pn_warn("stats: unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return PN_EXIT_USAGE;
	}
	const char *path = pns_db_path(dbopt);
	sqlite3 *db = pns_db_open(path, false, PNS_BUSY_TIMEOUT_MS);
	/* One read transaction: the counts agree with each other even while
	 * a loader commits. */
	pns_exec(db, "BEGIN");
	printf("database\t%s\nschema_version\t%d\n", path, pns_schema_version(db));
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		sqlite3_stmt *st = pns_prepare(db, queries[i]);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(st, 1);
			printf("%s\t%s\n", (const char *)sqlite3_column_text(st, 0), v ? v : "");
		}
		if (rc != SQLITE_DONE)
			pns_db_die(db, "stats");
		sqlite3_finalize(st);
	}
	pns_exec(db, "COMMIT");
	pns_db_close(db);
	if (fflush(stdout) != 0)
		pn_die(PN_EXIT_IO, "write error");
	return PN_EXIT_OK;
}
