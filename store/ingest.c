/* ingest.c - one enriched article into the database.
 *
 * Re-loading an article replaces everything derived from it: the article
 * row is updated in place (its pk, and so its FTS rowid, stays), its
 * mentions and events are deleted and written again, and canonical events
 * left without any source are removed. Entities and aliases are shared
 * across articles and only ever added. All of this runs inside the
 * caller's transaction, which is what makes an article all-or-nothing.
 */
#include "pns.h"

#include <stdlib.h>
#include <string.h>

enum {
	SEL_ARTICLE, INS_ARTICLE, UPD_ARTICLE, INS_FTS, DEL_FTS, OLD_CANON, DEL_MENTIONS, DEL_EVENTS,
	DEL_ORPHAN, SEL_ENTITY, INS_ENTITY, UPD_ENTITY, INS_ALIAS, INS_MENTION,
	SEL_CANON, INS_CANON, INS_EVENT, N_STMT
};

/* Article columns in bind order (?2.. after pk/id in ?1). */
#define ARTICLE_COLS "url, canonical_url, title, published, published_source, modified," \
	" authors, site_name, lang, text, source, loaded_at"

static const char *const sql[N_STMT] = {
	[SEL_ARTICLE] = "SELECT pk FROM articles WHERE id = ?1",
	[INS_ARTICLE] = "INSERT INTO articles (id, " ARTICLE_COLS ")"
	                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[UPD_ARTICLE] = "UPDATE articles SET (" ARTICLE_COLS ")"
	                " = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) WHERE pk = ?1",
	[INS_FTS] = "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
	/* Must run before the UPDATE: FTS5 needs the old text to delete it. */
	[DEL_FTS] = "INSERT INTO articles_fts (articles_fts, rowid, title, text)"
	            " SELECT 'delete', pk, title, text FROM articles WHERE pk = ?1",
	[OLD_CANON] = "SELECT DISTINCT canonical FROM events WHERE id BETWEEN ?1 * 65536"
	              " AND ?1 * 65536 + 65535 AND canonical IS NOT NULL",
	[DEL_MENTIONS] = "DELETE FROM mentions WHERE article = ?1",
	[DEL_EVENTS] = "DELETE FROM events WHERE id BETWEEN ?1 * 65536 AND ?1 * 65536 + 65535",
	[DEL_ORPHAN] = "DELETE FROM canonical_events WHERE id = ?1"
	               " AND NOT EXISTS (SELECT 1 FROM events WHERE canonical = ?1)",
	[SEL_ENTITY] = "SELECT id, attrs FROM entities WHERE type = ?1 AND name = ?2",
	[INS_ENTITY] = "INSERT INTO entities (type, name, attrs) VALUES (?1, ?2, ?3)",
	[UPD_ENTITY] = "UPDATE entities SET attrs = ?2 WHERE id = ?1",
	[INS_ALIAS] = "INSERT OR IGNORE INTO entity_aliases (entity, alias) VALUES (?1, ?2)",
	/* An entity listed twice in one article: append the offsets. */
	[INS_MENTION] = "INSERT INTO mentions (article, entity, n, offsets) VALUES (?1, ?2, ?3, ?4)"
	                " ON CONFLICT DO UPDATE SET n = n + excluded.n, offsets = CASE"
	                " WHEN excluded.n = 0 THEN offsets WHEN n = 0 THEN excluded.offsets"
	                " ELSE substr(offsets, 1, length(offsets) - 1) || ',' ||"
	                " substr(excluded.offsets, 2) END",
	[SEL_CANON] = "SELECT id FROM canonical_events WHERE type = ?1 AND drug = ?2"
	              " AND company = ?3 AND agency = ?4 AND date = ?5",
	[INS_CANON] = "INSERT INTO canonical_events (type, drug, company, agency, date,"
	              " date_grain, date_start, date_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[INS_EVENT] = "INSERT INTO events (id, article, seq, type, status, date, date_grain,"
	              " date_start, date_end, date_text, date_source, drug, company, agency,"
	              " jurisdiction, indication, designation, sentence, sentence_start,"
	              " sentence_end, rule, rules_version, extra, canonical) VALUES (?1 * 65536 + ?2, ?1, ?2, ?3,"
	              " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
	              " ?20, ?21, ?22, ?23)",
};

struct pns_ingest {
	sqlite3 *db;
	sqlite3_stmt *st[N_STMT];
	pns_cache *entities; /* "type\0name" -> id, attrs */
	pns_cache *aliases;  /* "id\0alias" -> 1 once written */
	int64_t *old_canon;  /* canonical ids an article had before a reload */
	size_t n_old, cap_old;
	pn_buf key;
	const char *where;   /* "file:line" of the article, for messages */
	pns_counts counts;
};

pns_ingest *pns_ingest_new(sqlite3 *db)
{
	pns_ingest *g = pn_xcalloc(1, sizeof *g);
	g->db = db;
	for (int i = 0; i < N_STMT; i++)
		g->st[i] = pns_prepare(db, sql[i]);
	g->entities = pns_cache_new();
	g->aliases = pns_cache_new();
	return g;
}

void pns_ingest_free(pns_ingest *g)
{
	if (!g)
		return;
	for (int i = 0; i < N_STMT; i++)
		sqlite3_finalize(g->st[i]);
	pns_cache_free(g->entities);
	pns_cache_free(g->aliases);
	free(g->old_canon);
	pn_buf_free(&g->key);
	free(g);
}

const pns_counts *pns_ingest_counts(const pns_ingest *g) { return &g->counts; }

_Noreturn static void db_fail(pns_ingest *g, const char *what)
{
	char *msg = pn_xasprintf("%s: %s", g->where, what);
	pns_db_die(g->db, msg);
}

/* Steps a statement returning at most one row; returns column 0 as an
 * integer, or 0 if there was no row. Resets the statement. */
static int64_t step_id(pns_ingest *g, int which)
{
	sqlite3_stmt *st = g->st[which];
	int rc = sqlite3_step(st);
	int64_t id = 0;
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		db_fail(g, sql[which]);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return id;
}

static void step(pns_ingest *g, int which)
{
	sqlite3_stmt *st = g->st[which];
	if (sqlite3_step(st) != SQLITE_DONE)
		db_fail(g, sql[which]);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* Binds obj[key] if it is a string; unbound parameters are NULL. The JSON
 * object outlives the statement step, hence SQLITE_STATIC. */
static void bind_field(sqlite3_stmt *st, int i, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_string(v))
		sqlite3_bind_text(st, i, json_string_value(v), (int)json_string_length(v), SQLITE_STATIC);
}

/* Arrays and objects are stored as compact JSON text. */
static void bind_json(sqlite3_stmt *st, int i, json_t *v)
{
	if (v && !json_is_null(v))
		sqlite3_bind_text(st, i, json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER), -1, free);
}

static const char *str_or(json_t *obj, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : dflt;
}

static int64_t write_article(pns_ingest *g, json_t *art, bool *replaced)
{
	sqlite3_bind_text(g->st[SEL_ARTICLE], 1, json_string_value(json_object_get(art, "id")), -1,
	                  SQLITE_STATIC);
	int64_t pk = step_id(g, SEL_ARTICLE);
	*replaced = pk != 0;
	if (pk) {
		sqlite3_bind_int64(g->st[DEL_FTS], 1, pk);
		step(g, DEL_FTS);
	}
	sqlite3_stmt *st = g->st[pk ? UPD_ARTICLE : INS_ARTICLE];
	if (pk)
		sqlite3_bind_int64(st, 1, pk);
	else
		bind_field(st, 1, art, "id");
	static const char *const text_cols[] = {"url", "canonical_url", "title", "published",
	                                        "published_source", "modified"};
	for (int i = 0; i < 6; i++)
		bind_field(st, 2 + i, art, text_cols[i]);
	bind_json(st, 8, json_object_get(art, "authors"));
	bind_field(st, 9, art, "site_name");
	bind_field(st, 10, art, "lang");
	bind_field(st, 11, art, "text");
	bind_json(st, 12, json_object_get(art, "source"));
	char now[21];
	pn_utc_now(now);
	sqlite3_bind_text(st, 13, now, -1, SQLITE_TRANSIENT);
	step(g, pk ? UPD_ARTICLE : INS_ARTICLE);
	if (!pk)
		pk = sqlite3_last_insert_rowid(g->db);
	st = g->st[INS_FTS];
	sqlite3_bind_int64(st, 1, pk);
	bind_field(st, 2, art, "title");
	bind_field(st, 3, art, "text");
	step(g, INS_FTS);
	return pk;
}

/* Deletes the derived rows of an article being replaced, remembering the
 * canonical events it fed so that orphans can be removed afterwards. */
static void clear_article(pns_ingest *g, int64_t pk)
{
	sqlite3_stmt *st = g->st[OLD_CANON];
	sqlite3_bind_int64(st, 1, pk);
	g->n_old = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (g->n_old == g->cap_old) {
			g->cap_old = g->cap_old ? 2 * g->cap_old : 16;
			g->old_canon = pn_xrealloc(g->old_canon, g->cap_old * sizeof *g->old_canon);
		}
		g->old_canon[g->n_old++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		db_fail(g, sql[OLD_CANON]);
	sqlite3_reset(st);
	for (int which = DEL_MENTIONS; which <= DEL_EVENTS; which++) {
		sqlite3_bind_int64(g->st[which], 1, pk);
		step(g, which);
	}
}

static void drop_orphans(pns_ingest *g)
{
	for (size_t i = 0; i < g->n_old; i++) {
		sqlite3_bind_int64(g->st[DEL_ORPHAN], 1, g->old_canon[i]);
		step(g, DEL_ORPHAN);
	}
	g->n_old = 0;
}

static int64_t entity_id(pns_ingest *g, json_t *ent)
{
	const char *type = json_string_value(json_object_get(ent, "type"));
	json_t *name = json_object_get(ent, "name");
	json_t *attrs_j = json_object_get(ent, "attrs");
	char *attrs = attrs_j && !json_is_null(attrs_j)
	                      ? json_dumps(attrs_j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	pn_buf_reset(&g->key);
	pn_buf_add(&g->key, type, strlen(type) + 1);
	pn_buf_add(&g->key, json_string_value(name), json_string_length(name));
	const char *cached_attrs;
	int64_t id = pns_cache_get(g->entities, g->key.data, g->key.len, &cached_attrs);
	if (!id) {
		sqlite3_stmt *st = g->st[SEL_ENTITY];
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		bind_field(st, 2, ent, "name");
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			pns_cache_put(g->entities, g->key.data, g->key.len, id,
			              (const char *)sqlite3_column_text(st, 1));
		} else if (rc != SQLITE_DONE) {
			db_fail(g, sql[SEL_ENTITY]);
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		pns_cache_get(g->entities, g->key.data, g->key.len, &cached_attrs);
	}
	if (!id) {
		sqlite3_stmt *st = g->st[INS_ENTITY];
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		bind_field(st, 2, ent, "name");
		if (attrs)
			sqlite3_bind_text(st, 3, attrs, -1, SQLITE_STATIC);
		step(g, INS_ENTITY);
		id = sqlite3_last_insert_rowid(g->db);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs);
		g->counts.entities++;
	} else if (attrs && (!cached_attrs || strcmp(attrs, cached_attrs) != 0)) {
		/* The latest rules' view of an entity wins. */
		sqlite3_bind_int64(g->st[UPD_ENTITY], 1, id);
		sqlite3_bind_text(g->st[UPD_ENTITY], 2, attrs, -1, SQLITE_STATIC);
		step(g, UPD_ENTITY);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs);
	}
	free(attrs);
	return id;
}

static void write_aliases(pns_ingest *g, int64_t id, json_t *ent)
{
	const char *name = json_string_value(json_object_get(ent, "name"));
	json_t *a;
	size_t i;
	json_array_foreach(json_object_get(ent, "aliases"), i, a) {
		if (strcmp(json_string_value(a), name) == 0)
			continue;
		pn_buf_reset(&g->key);
		pn_buf_add(&g->key, &id, sizeof id);
		pn_buf_add(&g->key, json_string_value(a), json_string_length(a));
		if (pns_cache_get(g->aliases, g->key.data, g->key.len, NULL))
			continue;
		sqlite3_bind_int64(g->st[INS_ALIAS], 1, id);
		sqlite3_bind_text(g->st[INS_ALIAS], 2, json_string_value(a),
		                  (int)json_string_length(a), SQLITE_STATIC);
		step(g, INS_ALIAS);
		pns_cache_put(g->aliases, g->key.data, g->key.len, 1, NULL);
	}
}

static void write_entities(pns_ingest *g, int64_t pk, json_t *art)
{
	json_t *ent, *m;
	size_t i, k;
	json_array_foreach(json_object_get(art, "entities"), i, ent) {
		int64_t id = entity_id(g, ent);
		write_aliases(g, id, ent);
		json_t *mentions = json_object_get(ent, "mentions");
		pn_buf_reset(&g->key);
		pn_buf_addc(&g->key, '[');
		json_array_foreach(mentions, k, m)
			pn_buf_printf(&g->key, "%s[%" JSON_INTEGER_FORMAT ",%" JSON_INTEGER_FORMAT "]",
			              k ? "," : "", json_integer_value(json_object_get(m, "start")),
			              json_integer_value(json_object_get(m, "end")));
		pn_buf_addc(&g->key, ']');
		sqlite3_stmt *st = g->st[INS_MENTION];
		sqlite3_bind_int64(st, 1, pk);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, (int64_t)json_array_size(mentions));
		sqlite3_bind_text(st, 4, g->key.data, (int)g->key.len, SQLITE_STATIC);
		step(g, INS_MENTION);
		g->counts.mentions += json_array_size(mentions);
	}
}

/* Key: (type, drug, agency or else jurisdiction, date); an event without a
 * drug is keyed by its company instead so that two acquisitions on the same
 * day stay apart. Undated or subject-less events are not merged (0). */
static int64_t canonical_id(pns_ingest *g, json_t *ev, const char *start, const char *end,
                            const char *grain)
{
	const char *date = str_or(ev, "date", NULL);
	const char *drug = str_or(ev, "drug", "");
	const char *company = *drug ? "" : str_or(ev, "company", "");
	if (!date || (!*drug && !*company))
		return 0;
	const char *agency = str_or(ev, "agency", str_or(ev, "jurisdiction", ""));
	const char *key[5] = {str_or(ev, "type", ""), drug, company, agency, date};
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(g->st[SEL_CANON], i + 1, key[i], -1, SQLITE_STATIC);
	int64_t id = step_id(g, SEL_CANON);
	if (id)
		return id;
	sqlite3_stmt *st = g->st[INS_CANON];
	for (int i = 0; i < 5; i++)
		sqlite3_bind_text(st, i + 1, key[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, grain, -1, SQLITE_STATIC);
	if (*start) {
		sqlite3_bind_text(st, 7, start, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, end, -1, SQLITE_STATIC);
	}
	step(g, INS_CANON);
	return sqlite3_last_insert_rowid(g->db);
}

/* Fields pn-store has no column for, kept so nothing extract emits is lost. */
static char *extra_fields(json_t *ev)
{
	json_t *extra = NULL, *v;
	const char *k;
	json_object_foreach(ev, k, v) {
		bool known = strcmp(k, "sentence_start") == 0 || strcmp(k, "sentence_end") == 0;
		for (const char *const *f = pns_event_text_fields; !known && *f; f++)
			known = strcmp(k, *f) == 0;
		if (known)
			continue;
		if (!extra)
			extra = json_object();
		json_object_set(extra, k, v);
	}
	if (!extra)
		return NULL;
	char *s = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(extra);
	return s;
}

static void write_event(pns_ingest *g, int64_t pk, size_t seq, json_t *ev)
{
	char start[11] = "", end[11] = "";
	const char *grain = str_or(ev, "date_grain", NULL), *parsed_grain = NULL;
	const char *date = str_or(ev, "date", NULL);
	if (date)
		pns_date_range(date, start, end, &parsed_grain);
	if (!grain)
		grain = parsed_grain;
	int64_t canon = canonical_id(g, ev, start, end, grain);

	sqlite3_stmt *st = g->st[INS_EVENT];
	sqlite3_bind_int64(st, 1, pk);
	sqlite3_bind_int64(st, 2, (int64_t)seq);
	bind_field(st, 3, ev, "type");
	bind_field(st, 4, ev, "status");
	bind_field(st, 5, ev, "date");
	if (grain)
		sqlite3_bind_text(st, 6, grain, -1, SQLITE_STATIC);
	if (*start) {
		sqlite3_bind_text(st, 7, start, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, end, -1, SQLITE_STATIC);
	}
	static const char *const cols[] = {"date_text", "date_source", "drug", "company", "agency",
	                                   "jurisdiction", "indication", "designation", "sentence"};
	for (int i = 0; i < 9; i++)
		bind_field(st, 9 + i, ev, cols[i]);
	json_t *ss = json_object_get(ev, "sentence_start"), *se = json_object_get(ev, "sentence_end");
	if (json_is_integer(ss))
		sqlite3_bind_int64(st, 18, json_integer_value(ss));
	if (json_is_integer(se))
		sqlite3_bind_int64(st, 19, json_integer_value(se));
	bind_field(st, 20, ev, "rule");
	bind_field(st, 21, ev, "rules_version");
	char *extra = extra_fields(ev);
	if (extra)
		sqlite3_bind_text(st, 22, extra, -1, free);
	if (canon)
		sqlite3_bind_int64(st, 23, canon);
	step(g, INS_EVENT);
	g->counts.events++;
}

void pns_ingest_article(pns_ingest *g, json_t *art, const char *where)
{
	g->where = where;
	bool replaced;
	int64_t pk = write_article(g, art, &replaced);
	if (replaced) {
		clear_article(g, pk);
		g->counts.replaced++;
	}
	write_entities(g, pk, art);
	json_t *ev;
	size_t i;
	json_array_foreach(json_object_get(art, "events"), i, ev)
		write_event(g, pk, i, ev);
	drop_orphans(g);
	g->counts.articles++;
}
