/* schema.c - the pn-store schema and its migrations.
 *
 * migrations[i] takes a database from user_version i to i + 1. Never edit a
 * released migration: append a new one and bump PNS_SCHEMA_VERSION, so
 * every existing database follows the same path. docs/store.md documents
 * every table, view and column; keep it in step with this file.
 */
#include "pns.h"

#include <stdlib.h>

/* Version 1. Names of drugs, companies and agencies are kept as text in
 * events (the canonical names pn-extract emits) rather than as entity ids:
 * an event may name something absent from the article's entity list, and
 * text keeps the analytics views join-free.
 *
 * Canonical events are not a table but a view grouping events by
 * events.canonical, a 63-bit hash of the merge key computed by ingest.c.
 * Maintaining a table cost two statements per event (look up, insert) plus
 * orphan clean-up on every reload, about a third of the load time; the
 * view cannot hold an orphan or a stale count by construction, and the
 * hash is a stable id across reloads and databases.
 *
 * Secondary indexes are few on purpose: an index on mentions(entity) or on
 * events(canonical) each cost 12% of the load time (random keys), and the
 * queries pn-store runs scan events anyway. docs/store.md says how to add
 * them for other workloads. */
static const char schema_v1[] =
	"CREATE TABLE articles ("
	" pk INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" url TEXT, canonical_url TEXT, title TEXT,"
	" published TEXT, published_source TEXT, modified TEXT,"
	" authors TEXT, site_name TEXT, lang TEXT, text TEXT, source TEXT,"
	" loaded_at TEXT NOT NULL);"

	/* External content: the text is stored once, in articles. ingest.c
	 * keeps the index in step rather than triggers: a trigger makes the
	 * article INSERT a multi-row statement with a statement journal, and
	 * FTS5 (3.40) flushes its pending terms at every such savepoint, which
	 * made loading five times slower. */
	"CREATE VIRTUAL TABLE articles_fts USING fts5("
	" title, text, content='articles', content_rowid='pk');"
	/* FTS5 leaf pages sized to the 16 KiB database pages, and segments
	 * merged 8 at a time instead of 4: together 15% of the load time of
	 * articles of realistic length, with no measurable cost to MATCH. */
	"INSERT INTO articles_fts (articles_fts, rank) VALUES ('pgsz', 16000);"
	"INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);"

	"CREATE TABLE entities ("
	" id INTEGER PRIMARY KEY,"
	" type TEXT NOT NULL, name TEXT NOT NULL, attrs TEXT,"
	" UNIQUE (type, name));"
	"CREATE INDEX entities_name ON entities (name COLLATE NOCASE);"
	"CREATE TABLE entity_aliases ("
	" entity INTEGER NOT NULL REFERENCES entities (id),"
	" alias TEXT NOT NULL,"
	" PRIMARY KEY (entity, alias)) WITHOUT ROWID;"
	"CREATE INDEX entity_aliases_alias ON entity_aliases (alias COLLATE NOCASE);"

	/* One row per (article, entity) with the offsets packed as JSON: an
	 * article mentions each entity several times, and a row per mention
	 * was the largest row count of a load. mentions_v unpacks them. */
	"CREATE TABLE mentions ("
	" article INTEGER NOT NULL REFERENCES articles (pk),"
	" entity INTEGER NOT NULL REFERENCES entities (id),"
	" n INTEGER NOT NULL, offsets TEXT NOT NULL,"
	" PRIMARY KEY (article, entity)) WITHOUT ROWID;"

	/* id = article pk * 65536 + seq: the events of an article are one
	 * range of the table, so replacing them needs no index on article. */
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" article INTEGER NOT NULL REFERENCES articles (pk),"
	" seq INTEGER NOT NULL,"
	" type TEXT NOT NULL, status TEXT,"
	" date TEXT, date_grain TEXT, date_start TEXT, date_end TEXT,"
	" date_text TEXT, date_source TEXT,"
	" drug TEXT, company TEXT, agency TEXT, jurisdiction TEXT,"
	" indication TEXT, designation TEXT,"
	" sentence TEXT, sentence_start INTEGER, sentence_end INTEGER,"
	" rule TEXT, rules_version TEXT, extra TEXT,"
	" canonical INTEGER);"

	/* Every name an entity is known by, for case-insensitive matching. */
	"CREATE VIEW entity_names_v AS"
	" SELECT id AS entity, type, name, name AS alias FROM entities"
	" UNION SELECT e.id, e.type, e.name, a.alias"
	"  FROM entity_aliases a JOIN entities e ON e.id = a.entity;"

	"CREATE VIEW mentions_v AS"
	" SELECT m.article, a.id AS article_id, m.entity, e.type, e.name,"
	"  o.value ->> 0 AS start, o.value ->> 1 AS \"end\","
	"  CAST(substr(CAST(a.text AS BLOB), (o.value ->> 0) + 1,"
	"   (o.value ->> 1) - (o.value ->> 0)) AS TEXT) AS text"
	" FROM mentions m JOIN articles a ON a.pk = m.article"
	" JOIN entities e ON e.id = m.entity, json_each(m.offsets) o;"

	/* Bare columns are the same in every row of a group: they are the
	 * key. */
	"CREATE VIEW canonical_events_v AS"
	" SELECT ev.canonical AS id, ev.type, ev.drug,"
	"  CASE WHEN ev.drug IS NULL THEN ev.company END AS company,"
	"  coalesce(ev.agency, ev.jurisdiction) AS agency, ev.date,"
	"  min(ev.date_grain) AS date_grain, min(ev.date_start) AS date_start,"
	"  max(ev.date_end) AS date_end, count(*) AS n_sources,"
	"  group_concat(DISTINCT ev.status) AS statuses,"
	"  min(a.published) AS first_reported, group_concat(a.id) AS article_ids"
	" FROM events ev JOIN articles a ON a.pk = ev.article"
	" WHERE ev.canonical IS NOT NULL GROUP BY ev.canonical;"

	"CREATE VIEW events_v AS"
	" SELECT ev.id AS event_id, ev.date, ev.date_grain, ev.date_start, ev.date_end,"
	"  ev.type, ev.status, ev.drug, ev.company, ev.agency, ev.jurisdiction,"
	"  ev.indication, ev.designation, a.id AS article_id, a.published, a.title, a.url,"
	"  ev.sentence, ev.sentence_start, ev.sentence_end, ev.rule, ev.rules_version,"
	"  ev.date_text, ev.date_source, ev.canonical AS canonical_id"
	" FROM events ev JOIN articles a ON a.pk = ev.article;"

	"CREATE VIEW drug_timeline_v AS"
	" SELECT drug, date, date_grain, date_start, date_end, type, statuses, agency,"
	"  n_sources, first_reported, article_ids, id AS canonical_id"
	" FROM canonical_events_v WHERE drug IS NOT NULL"
	" ORDER BY drug, date_start, date_end, type;"

	/* Coarser dates (2025-Q1, 2025) stay their own bucket rather than
	 * being guessed into a month. */
	"CREATE VIEW approvals_by_agency_month_v AS"
	" SELECT agency, CASE WHEN date_grain IN ('day', 'month')"
	"  THEN substr(date_start, 1, 7) ELSE date END AS month,"
	"  count(*) AS approvals, sum(n_sources) AS reports"
	" FROM canonical_events_v"
	" WHERE type = 'approval' AND (statuses IS NULL OR statuses LIKE '%completed%')"
	" GROUP BY 1, 2 ORDER BY 2, 1;";

static const char *const migrations[PNS_SCHEMA_VERSION] = {schema_v1};

int pns_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st = pns_prepare(db, "PRAGMA user_version");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		pns_db_die(db, "reading schema version");
	}
	int v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A file with tables but user_version 0 is someone else's database. */
static bool has_tables(sqlite3 *db)
{
	sqlite3_stmt *st = pns_prepare(db, "SELECT count(*) FROM sqlite_schema");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		pns_db_die(db, "reading schema");
	}
	bool any = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	return any;
}

void pns_schema_migrate(sqlite3 *db, const char *path)
{
	/* Cheap check first so that readers of an up-to-date database never
	 * take the write lock. */
	if (pns_schema_version(db) == PNS_SCHEMA_VERSION)
		return;
	pns_exec(db, "BEGIN IMMEDIATE");
	int v = pns_schema_version(db);
	if (v > PNS_SCHEMA_VERSION)
		pn_die(PN_EXIT_IO, "%s: schema version %d is newer than this pn-store (%d)",
		       path, v, PNS_SCHEMA_VERSION);
	if (v == 0 && has_tables(db))
		pn_die(PN_EXIT_IO, "%s: not a pn-store database (user_version 0 but has tables)", path);
	for (; v < PNS_SCHEMA_VERSION; v++) {
		pns_exec(db, migrations[v]);
		char *set = pn_xasprintf("PRAGMA user_version = %d", v + 1);
		pns_exec(db, set);
		free(set);
	}
	pns_exec(db, "COMMIT");
}
