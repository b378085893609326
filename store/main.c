/* main.c - pn-store: loads enriched article JSONL into SQLite and queries
 * it. See docs/store.md. */
#include "pns.h"

#include <string.h>

static const struct {
	const char *name;
	int (*run)(int, char **);
} commands[] = {
	{"load", pns_cmd_load}, {"query", pns_cmd_query},
	{"timeline", pns_cmd_timeline}, {"stats", pns_cmd_stats},
};

static void usage(FILE *out)
{
	fputs("usage: pn-store [load] [-d DB] [--batch N] [FILE...]\n"
	      "       pn-store query [-d DB] [-f csv|json|jsonl|table] [--drug X] [--company X]\n"
	      "                      [--agency X] [--type T] [--since DATE] [--until DATE]\n"
	      "                      [--limit N] [--canonical]\n"
	      "       pn-store timeline [-d DB] [-f FORMAT] DRUG\n"
	      "       pn-store stats [-d DB]\n"
	      "       pn-store COMMAND -h   for the options of a command\n"
	      "DB defaults to $PN_DB, else pharmanews.db. Without a command, load.\n"
	      "Exit: 0 ok, 1 bad input lines skipped, 2 usage, 4 I/O or database error,\n"
	      "5 database busy past the timeout, 70 internal error.\n",
	      out);
}

int main(int argc, char **argv)
{
	pn_setprogname(argv[0]);
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return PN_EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("pn-store %s (schema %d, SQLite %s)\n", PN_VERSION, PNS_SCHEMA_VERSION,
		       sqlite3_libversion());
		return PN_EXIT_OK;
	}
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return pns_cmd_load(argc, argv);
}
