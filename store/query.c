/* query.c - "pn-store query" (events filtered by drug, company, agency,
 * type and date range) and "pn-store timeline" (a drug's merged events in
 * date order). Names match the canonical name or any alias, ignoring ASCII
 * case; dates match by overlap of [date_start, date_end] ranges so that an
 * event dated 2025-Q1 is found by --since 2025-02-15. */
#include "pns.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct filters {
	const char *drug, *company, *agency, *types;
	char since[11], until[11];
	long limit;
	bool canonical;
};

static void usage(FILE *out)
{
	fputs("usage: pn-store query [-d DB] [-f FORMAT] [--drug X] [--company X] [--agency X]\n"
	      "                      [--type T[,T...]] [--since DATE] [--until DATE]\n"
	      "                      [--limit N] [--canonical]\n"
	      "       pn-store timeline [-d DB] [-f FORMAT] [--type T[,T...]] DRUG\n"
	      "Prints events (query) or a drug's merged events in date order (timeline).\n"
	      "  -d, --db DB          database (default $PN_DB or pharmanews.db)\n"
	      "  -f, --format FORMAT  csv, json, jsonl or table (default: table on a\n"
	      "                       terminal, csv otherwise)\n"
	      "      --drug X         drug by canonical name or alias, any case\n"
	      "      --company X      company by name or alias\n"
	      "      --agency X       regulator by name or alias, or jurisdiction (US, EU)\n"
	      "      --type T,...     event types (approval, acceptance, ...)\n"
	      "      --since DATE     events ending on or after DATE (2025, 2025-Q1, 2025-03, ...)\n"
	      "      --until DATE     events starting on or before the end of DATE\n"
	      "      --limit N        at most N rows\n"
	      "      --canonical      one row per merged event with its sources\n"
	      "Exit: 0 ok, 2 usage, 4 I/O or database error, 5 database busy.\n",
	      out);
}

/* SQL true when column names an entity of type matching ?param: its
 * canonical name or one of its aliases, or the column itself, any case. */
static void name_match(pn_buf *sql, const char *column, const char *type, int param)
{
	pn_buf_printf(sql,
	              "(%1$s = ?%3$d COLLATE NOCASE OR %1$s IN (SELECT name FROM entities"
	              " WHERE type = '%2$s' AND (name = ?%3$d COLLATE NOCASE OR id IN"
	              " (SELECT entity FROM entity_aliases WHERE alias = ?%3$d COLLATE NOCASE))))",
	              column, type, param);
}

/* Parameters: ?1 drug, ?2 company, ?3 agency, ?4 since, ?5 until, ?6 limit,
 * ?7.. the types. The WHERE clause is over events ev. */
static void where_clause(pn_buf *sql, const struct filters *f, int *ntypes)
{
	pn_buf_adds(sql, " WHERE 1");
	if (f->drug) {
		pn_buf_adds(sql, " AND ");
		name_match(sql, "ev.drug", "drug", 1);
	}
	if (f->company) {
		pn_buf_adds(sql, " AND ");
		name_match(sql, "ev.company", "company", 2);
	}
	if (f->agency) {
		pn_buf_adds(sql, " AND (ev.jurisdiction = ?3 COLLATE NOCASE OR ");
		name_match(sql, "ev.agency", "regulator", 3);
		pn_buf_adds(sql, ")");
	}
	if (f->since[0])
		pn_buf_adds(sql, " AND ev.date_end >= ?4");
	if (f->until[0])
		pn_buf_adds(sql, " AND ev.date_start <= ?5");
	*ntypes = 0;
	if (f->types) {
		pn_buf_adds(sql, " AND ev.type IN (");
		for (const char *p = f->types; p; p = strchr(p, ',')) {
			p += *p == ',';
			pn_buf_printf(sql, "%s?%d", *ntypes ? ", " : "", 7 + *ntypes);
			++*ntypes;
		}
		pn_buf_adds(sql, ")");
	}
}

static void bind_filters(sqlite3_stmt *st, const struct filters *f, int ntypes)
{
	const char *text[] = {f->drug, f->company, f->agency, f->since, f->until};
	for (int i = 0; i < 5; i++)
		if (text[i] && *text[i])
			sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, f->limit);
	const char *p = f->types;
	for (int i = 0; i < ntypes; i++) {
		size_t n = strcspn(p, ",");
		sqlite3_bind_text(st, 7 + i, p, (int)n, SQLITE_STATIC);
		p += n + (p[n] == ',');
	}
}

static const char events_cols[] =
	"SELECT ev.id AS event_id, ev.date, ev.date_grain, ev.type, ev.status, ev.drug,"
	" ev.company, ev.agency, ev.jurisdiction, ev.indication, ev.designation,"
	" a.id AS article_id, a.published, a.title, a.url, ev.sentence, ev.rule,"
	" ev.rules_version, ev.canonical AS canonical_id"
	" FROM events ev JOIN articles a ON a.pk = ev.article";

static const char canonical_cols[] =
	"SELECT id AS canonical_id, date, date_grain, type, statuses, drug, company, agency,"
	" n_sources, first_reported, article_ids FROM canonical_events_v"
	" WHERE id IN (SELECT ev.canonical FROM events ev";

static char *build_sql(const struct filters *f, int *ntypes)
{
	pn_buf sql = PN_BUF_INIT;
	pn_buf_adds(&sql, f->canonical ? canonical_cols : events_cols);
	where_clause(&sql, f, ntypes);
	if (f->canonical)
		pn_buf_adds(&sql, ") ORDER BY date_start IS NULL, date_start, date_end, id");
	else
		pn_buf_adds(&sql, " ORDER BY ev.date_start IS NULL, ev.date_start, ev.date_end, ev.id");
	pn_buf_adds(&sql, " LIMIT ?6");
	return pn_buf_steal(&sql);
}

static void parse_date(const char *opt, const char *v, char out[11], bool end)
{
	char start[11], stop[11];
	if (!pns_date_range(v, strlen(v), start, stop, NULL))
		pn_die(PN_EXIT_USAGE, "%s: bad date \"%s\" (want 2025, 2025-H1, 2025-Q1,"
		       " 2025-W03, 2025-03 or 2025-03-14)", opt, v);
	memcpy(out, end ? stop : start, 11);
}

enum { OPT_DRUG = 256, OPT_COMPANY, OPT_AGENCY, OPT_TYPE, OPT_SINCE, OPT_UNTIL, OPT_LIMIT,
       OPT_CANONICAL };

/* Shared by both commands; returns optind. timeline accepts only -d,
 * -f and --type (the rest are rejected as usage errors). */
static int parse_opts(int argc, char **argv, bool timeline, const char **db,
                      enum pns_format *fmt, struct filters *f)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'}, {"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'}, {"type", required_argument, NULL, OPT_TYPE},
		{"drug", required_argument, NULL, OPT_DRUG},
		{"company", required_argument, NULL, OPT_COMPANY},
		{"agency", required_argument, NULL, OPT_AGENCY},
		{"since", required_argument, NULL, OPT_SINCE},
		{"until", required_argument, NULL, OPT_UNTIL},
		{"limit", required_argument, NULL, OPT_LIMIT},
		{"canonical", no_argument, NULL, OPT_CANONICAL}, {NULL, 0, NULL, 0}};
	*fmt = isatty(STDOUT_FILENO) ? PNS_FMT_TABLE : PNS_FMT_CSV;
	f->limit = -1; /* SQLite: no limit */
	int c;
	char *end;
	while ((c = getopt_long(argc, argv, "d:f:h", longopts, NULL)) != -1) {
		if (timeline && c >= OPT_DRUG && c != OPT_TYPE) {
			usage(stderr);
			exit(PN_EXIT_USAGE);
		}
		switch (c) {
		case 'd': *db = optarg; break;
		case 'f':
			if (!pns_format_parse(optarg, fmt))
				pn_die(PN_EXIT_USAGE, "--format: expected csv, json, jsonl or table,"
				       " got \"%s\"", optarg);
			break;
		case 'h': usage(stdout); exit(PN_EXIT_OK);
		case OPT_DRUG: f->drug = optarg; break;
		case OPT_COMPANY: f->company = optarg; break;
		case OPT_AGENCY: f->agency = optarg; break;
		case OPT_TYPE: f->types = optarg; break;
		case OPT_SINCE: parse_date("--since", optarg, f->since, false); break;
		case OPT_UNTIL: parse_date("--until", optarg, f->until, true); break;
		case OPT_LIMIT:
			errno = 0;
			f->limit = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || f->limit < 0)
				pn_die(PN_EXIT_USAGE, "--limit: expected a number >= 0, got \"%s\"", optarg);
			break;
		case OPT_CANONICAL: f->canonical = true; break;
		default: usage(stderr); exit(PN_EXIT_USAGE);
		}
	}
	return optind;
}

static unsigned long run(const char *dbopt, const char *sql, const struct filters *f,
                         int ntypes, enum pns_format fmt)
{
	sqlite3 *db = pns_db_open(pns_db_path(dbopt), false, PNS_BUSY_TIMEOUT_MS);
	sqlite3_stmt *st = pns_prepare(db, sql);
	bind_filters(st, f, ntypes);
	unsigned long rows = pns_output(db, st, fmt, stdout);
	sqlite3_finalize(st);
	pns_db_close(db);
	return rows;
}

int pns_cmd_query(int argc, char **argv)
{
	const char *db = NULL;
	enum pns_format fmt;
	struct filters f = {0};
	if (parse_opts(argc, argv, false, &db, &fmt, &f) != argc) {
		pn_warn("query: unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return PN_EXIT_USAGE;
	}
	int ntypes;
	char *sql = build_sql(&f, &ntypes);
	run(db, sql, &f, ntypes, fmt);
	free(sql);
	return PN_EXIT_OK;
}

int pns_cmd_timeline(int argc, char **argv)
{
	const char *db = NULL;
	enum pns_format fmt;
	struct filters f = {0};
	int i = parse_opts(argc, argv, true, &db, &fmt, &f);
	if (i != argc - 1) {
		pn_warn("timeline: expected exactly one DRUG");
		usage(stderr);
		return PN_EXIT_USAGE;
	}
	f.drug = argv[i];
	/* The drug and the type are part of the merge key, so filtering the
	 * events first and grouping them after gives whole canonical events
	 * (the same columns as drug_timeline_v) in one scan of events. */
	pn_buf sql = PN_BUF_INIT;
	pn_buf_adds(&sql, "SELECT ev.drug, ev.date, min(ev.date_grain) AS date_grain, ev.type,"
	                  " group_concat(DISTINCT ev.status) AS statuses,"
	                  " coalesce(ev.agency, ev.jurisdiction) AS agency, count(*) AS n_sources,"
	                  " min(a.published) AS first_reported, group_concat(a.id) AS article_ids,"
	                  " ev.canonical AS canonical_id"
	                  " FROM events ev JOIN articles a ON a.pk = ev.article");
	int ntypes;
	where_clause(&sql, &f, &ntypes);
	pn_buf_adds(&sql, " AND ev.canonical IS NOT NULL GROUP BY ev.canonical"
	                  " ORDER BY min(ev.date_start), max(ev.date_end), ev.type, ev.canonical"
	                  " LIMIT ?6");
	unsigned long rows = run(db, pn_buf_cstr(&sql), &f, ntypes, fmt);
	pn_buf_free(&sql);
	if (rows == 0)
		pn_warn("no dated events for drug \"%s\"", f.drug);
	return PN_EXIT_OK;
}
