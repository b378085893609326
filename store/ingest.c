/* ingest.c - one enriched article into the database.
 *
 * Re-loading an article replaces everything derived from it: the article
 * row is updated in place (its pk, and so its FTS rowid, stays), and its
 * mentions and events are deleted and written again. Entities and aliases
 * are shared across articles and only ever added. All of this runs inside
 * the caller's transaction, which is what makes an article all-or-nothing.
 * Every statement here writes or reads one row; the common case (a new
 * article) costs 2 + entities + events statements once entities are cached.
 */
#include "pns.h"

#include <stdlib.h>
#include <string.h>

enum {
	INS_ARTICLE, SEL_ARTICLE, UPD_ARTICLE, INS_FTS, DEL_FTS, DEL_MENTIONS, DEL_EVENTS,
	SEL_ENTITY, INS_ENTITY, UPD_ENTITY, INS_ALIAS, INS_MENTION, INS_EVENT, N_STMT
};

/* Article columns in bind order (?2.. after pk/id in ?1). */
#define ARTICLE_COLS "url, canonical_url, title, published, published_source, modified," \
	" authors, site_name, lang, text, source, loaded_at"

static const char *const sql[N_STMT] = {
	/* Try the insert first: a new article then costs one statement. */
	[INS_ARTICLE] = "INSERT INTO articles (id, " ARTICLE_COLS ")"
	                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	                " ON CONFLICT (id) DO NOTHING",
	[SEL_ARTICLE] = "SELECT pk FROM articles WHERE id = ?1",
	[UPD_ARTICLE] = "UPDATE articles SET (" ARTICLE_COLS ")"
	                " = (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) WHERE pk = ?1",
	[INS_FTS] = "INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
	/* Must run before the UPDATE: FTS5 needs the old text to delete it. */
	[DEL_FTS] = "INSERT INTO articles_fts (articles_fts, rowid, title, text)"
	            " SELECT 'delete', pk, title, text FROM articles WHERE pk = ?1",
	[DEL_MENTIONS] = "DELETE FROM mentions WHERE article = ?1",
	[DEL_EVENTS] = "DELETE FROM events WHERE id BETWEEN ?1 * 65536 AND ?1 * 65536 + 65535",
	[SEL_ENTITY] = "SELECT id, attrs FROM entities WHERE type = ?1 AND name = ?2",
	[INS_ENTITY] = "INSERT INTO entities (type, name, attrs) VALUES (?1, ?2, ?3)",
	[UPD_ENTITY] = "UPDATE entities SET attrs = ?2 WHERE id = ?1",
	[INS_ALIAS] = "INSERT OR IGNORE INTO entity_aliases (entity, alias) VALUES (?1, ?2)",
	/* An entity listed twice in one article gets its offsets appended.
	 * (A multi-row VALUES version of this was 50% slower: a multi-row
	 * upsert needs a statement journal.) */
	[INS_MENTION] = "INSERT INTO mentions (article, entity, n, offsets) VALUES (?1, ?2, ?3, ?4)"
	                " ON CONFLICT DO UPDATE SET n = n + excluded.n, offsets = CASE"
	                " WHEN excluded.n = 0 THEN offsets WHEN n = 0 THEN excluded.offsets"
	                " ELSE substr(offsets, 1, length(offsets) - 1) || ',' ||"
	                " substr(excluded.offsets, 2) END",
	/* ?1 article pk, ?2 seq, then the P_* parameters of write_event. */
	[INS_EVENT] = "INSERT INTO events (id, article, seq, type, status, date, date_grain,"
	              " date_start, date_end, date_text, date_source, drug, company, agency,"
	              " jurisdiction, indication, designation, sentence, sentence_start,"
	              " sentence_end, rule, rules_version, extra, canonical)"
	              " VALUES (?1 * 65536 + ?2, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	              " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
};

struct pns_ingest {
	sqlite3 *db;
	sqlite3_stmt *st[N_STMT];
	pns_cache *entities; /* "type\0name" -> id, attrs */
	pns_cache *aliases;  /* "id\0alias" -> 1 once written */
	pn_buf key;
	const pns_json *doc; /* the article being written, borrowed */
	const char *where;   /* "file:line" of the article, for messages */
	char now[21];        /* loaded_at */
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

/* Binds obj[key] if it is a string; unbound parameters are NULL. The
 * parsed line outlives the statement step, hence SQLITE_STATIC. */
static void bind_field(pns_ingest *g, sqlite3_stmt *st, int i, const pns_jnode *obj,
                       const char *key)
{
	const pns_jnode *v = pns_json_get(g->doc, obj, key);
	if (v && v->type == PNS_JSTR)
		sqlite3_bind_text(st, i, v->s, (int)v->len, SQLITE_STATIC);
}

/* Arrays and objects are stored as their JSON source text. */
static void bind_raw(pns_ingest *g, sqlite3_stmt *st, int i, const pns_jnode *v)
{
	if (v && v->type != PNS_JNULL)
		sqlite3_bind_text(st, i, g->doc->text + v->raw_off, (int)v->raw_len, SQLITE_STATIC);
}

static void bind_article(pns_ingest *g, sqlite3_stmt *st, const pns_jnode *art)
{
	static const char *const text_cols[] = {"url", "canonical_url", "title", "published",
	                                        "published_source", "modified"};
	for (int i = 0; i < 6; i++)
		bind_field(g, st, 2 + i, art, text_cols[i]);
	bind_raw(g, st, 8, pns_json_get(g->doc, art, "authors"));
	bind_field(g, st, 9, art, "site_name");
	bind_field(g, st, 10, art, "lang");
	bind_field(g, st, 11, art, "text");
	bind_raw(g, st, 12, pns_json_get(g->doc, art, "source"));
	sqlite3_bind_text(st, 13, g->now, -1, SQLITE_STATIC);
}

/* Returns the article's pk; *replaced tells whether it existed, in which
 * case its FTS entry has been deleted and its row updated. */
static int64_t write_article(pns_ingest *g, const pns_jnode *art, bool *replaced)
{
	sqlite3_stmt *st = g->st[INS_ARTICLE];
	bind_field(g, st, 1, art, "id");
	bind_article(g, st, art);
	step(g, INS_ARTICLE);
	int64_t pk;
	*replaced = sqlite3_changes(g->db) == 0;
	if (*replaced) {
		bind_field(g, g->st[SEL_ARTICLE], 1, art, "id");
		pk = step_id(g, SEL_ARTICLE);
		sqlite3_bind_int64(g->st[DEL_FTS], 1, pk);
		step(g, DEL_FTS);
		st = g->st[UPD_ARTICLE];
		sqlite3_bind_int64(st, 1, pk);
		bind_article(g, st, art);
		step(g, UPD_ARTICLE);
	} else {
		pk = sqlite3_last_insert_rowid(g->db);
	}
	st = g->st[INS_FTS];
	sqlite3_bind_int64(st, 1, pk);
	bind_field(g, st, 2, art, "title");
	bind_field(g, st, 3, art, "text");
	step(g, INS_FTS);
	return pk;
}

/* Deletes the derived rows of an article being replaced. */
static void clear_article(pns_ingest *g, int64_t pk)
{
	for (int which = DEL_MENTIONS; which <= DEL_EVENTS; which++) {
		sqlite3_bind_int64(g->st[which], 1, pk);
		step(g, which);
	}
}

/* Looks the entity (g->key) up in the database and caches it; 0 if it is
 * not there yet. */
static int64_t find_entity(pns_ingest *g, const pns_jnode *type, const pns_jnode *name)
{
	sqlite3_stmt *st = g->st[SEL_ENTITY];
	sqlite3_bind_text(st, 1, type->s, (int)type->len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name->s, (int)name->len, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t id = 0;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		pns_cache_put(g->entities, g->key.data, g->key.len, id,
		              (const char *)sqlite3_column_text(st, 1),
		              (size_t)sqlite3_column_bytes(st, 1));
	} else if (rc != SQLITE_DONE) {
		db_fail(g, sql[SEL_ENTITY]);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return id;
}

/* The entity's id, inserting it if new and updating its attrs if they
 * changed: the latest rules' view of an entity wins. */
static int64_t entity_id(pns_ingest *g, const pns_jnode *ent)
{
	const pns_jnode *type = pns_json_get(g->doc, ent, "type");
	const pns_jnode *name = pns_json_get(g->doc, ent, "name");
	const pns_jnode *attrs_j = pns_json_get(g->doc, ent, "attrs");
	const char *attrs = NULL;
	size_t attrs_len = 0;
	if (attrs_j && attrs_j->type != PNS_JNULL) {
		attrs = g->doc->text + attrs_j->raw_off;
		attrs_len = attrs_j->raw_len;
	}
	pn_buf_reset(&g->key);
	pn_buf_add(&g->key, type->s, type->len + 1);
	pn_buf_add(&g->key, name->s, name->len);
	const char *cached;
	size_t cached_len;
	int64_t id = pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id && (id = find_entity(g, type, name)) != 0)
		pns_cache_get(g->entities, g->key.data, g->key.len, &cached, &cached_len);
	if (!id) {
		sqlite3_stmt *st = g->st[INS_ENTITY];
		sqlite3_bind_text(st, 1, type->s, (int)type->len, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name->s, (int)name->len, SQLITE_STATIC);
		if (attrs)
			sqlite3_bind_text(st, 3, attrs, (int)attrs_len, SQLITE_STATIC);
		step(g, INS_ENTITY);
		id = sqlite3_last_insert_rowid(g->db);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs, attrs_len);
		g->counts.entities++;
	} else if (attrs && (!cached || cached_len != attrs_len ||
	                     memcmp(attrs, cached, attrs_len) != 0)) {
		sqlite3_bind_int64(g->st[UPD_ENTITY], 1, id);
		sqlite3_bind_text(g->st[UPD_ENTITY], 2, attrs, (int)attrs_len, SQLITE_STATIC);
		step(g, UPD_ENTITY);
		pns_cache_put(g->entities, g->key.data, g->key.len, id, attrs, attrs_len);
	}
	return id;
}

static void write_aliases(pns_ingest *g, int64_t id, const pns_jnode *ent)
{
	const pns_jnode *name = pns_json_get(g->doc, ent, "name");
	const pns_jnode *aliases = pns_json_get(g->doc, ent, "aliases");
	for (const pns_jnode *a = pns_json_first(aliases); a; a = pns_json_next(g->doc, a)) {
		if (a->len == name->len && memcmp(a->s, name->s, a->len) == 0)
			continue;
		pn_buf_reset(&g->key);
		pn_buf_add(&g->key, &id, sizeof id);
		pn_buf_add(&g->key, a->s, a->len);
		if (pns_cache_get(g->aliases, g->key.data, g->key.len, NULL, NULL))
			continue;
		sqlite3_bind_int64(g->st[INS_ALIAS], 1, id);
		sqlite3_bind_text(g->st[INS_ALIAS], 2, a->s, (int)a->len, SQLITE_STATIC);
		step(g, INS_ALIAS);
		pns_cache_put(g->aliases, g->key.data, g->key.len, 1, NULL, 0);
	}
}

/* printf was 5% of the load time here. */
static void add_int(pn_buf *b, int64_t v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	uint64_t u = (uint64_t)v; /* validated >= 0 */
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	pn_buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void write_entities(pns_ingest *g, int64_t pk, const pns_jnode *art)
{
	const pns_jnode *ents = pns_json_get(g->doc, art, "entities");
	sqlite3_stmt *st = g->st[INS_MENTION];
	for (const pns_jnode *ent = pns_json_first(ents); ent; ent = pns_json_next(g->doc, ent)) {
		int64_t id = entity_id(g, ent);
		write_aliases(g, id, ent);
		const pns_jnode *mentions = pns_json_get(g->doc, ent, "mentions");
		pn_buf_reset(&g->key);
		pn_buf_addc(&g->key, '[');
		for (const pns_jnode *m = pns_json_first(mentions); m; m = pns_json_next(g->doc, m)) {
			if (m != mentions + 1)
				pn_buf_addc(&g->key, ',');
			pn_buf_addc(&g->key, '[');
			add_int(&g->key, pns_json_get(g->doc, m, "start")->i);
			pn_buf_addc(&g->key, ',');
			add_int(&g->key, pns_json_get(g->doc, m, "end")->i);
			pn_buf_addc(&g->key, ']');
		}
		pn_buf_addc(&g->key, ']');
		uint32_t n = mentions && mentions->type == PNS_JARR ? mentions->len : 0;
		sqlite3_bind_int64(st, 1, pk);
		sqlite3_bind_int64(st, 2, id);
		sqlite3_bind_int64(st, 3, n);
		sqlite3_bind_text(st, 4, g->key.data, (int)g->key.len, SQLITE_STATIC);
		step(g, INS_MENTION);
		g->counts.mentions += n;
	}
}

/* Parameters of INS_EVENT taken straight from the event's fields. */
enum { P_TYPE = 3, P_DATE = 5, P_GRAIN = 6, P_START = 7, P_END = 8, P_DRUG = 11,
       P_COMPANY = 12, P_AGENCY = 13, P_JURISDICTION = 14, P_EXTRA = 22, P_CANONICAL = 23,
       N_PARAMS = 24 };

static const struct { const char *name; size_t len; int param; } event_fields[] = {
#define F(name, param) {name, sizeof name - 1, param}
	F("type", P_TYPE), F("status", 4), F("date", P_DATE), F("date_grain", P_GRAIN),
	F("date_text", 9), F("date_source", 10), F("drug", P_DRUG), F("company", P_COMPANY),
	F("agency", P_AGENCY), F("jurisdiction", P_JURISDICTION), F("indication", 15),
	F("designation", 16), F("sentence", 17), F("sentence_start", 18),
	F("sentence_end", 19), F("rule", 20), F("rules_version", 21),
#undef F
};

static int event_param(const pns_jnode *key)
{
	for (size_t i = 0; i < sizeof event_fields / sizeof event_fields[0]; i++)
		if (key->len == event_fields[i].len && memcmp(key->s, event_fields[i].name, key->len) == 0)
			return event_fields[i].param;
	return 0;
}

/* Merge key: (type, drug, agency or else jurisdiction, date); an event
 * without a drug is keyed by its company instead so that two acquisitions
 * on the same day stay apart. Returns the key's 63-bit FNV-1a hash (the
 * canonical event id; two keys colliding is a 1 in 2^40 chance even at a
 * million distinct events), or 0 for undated or subject-less events,
 * which are not merged. f[] holds the event's strings by parameter. */
static int64_t canonical_id(const char *const f[N_PARAMS])
{
	const char *drug = f[P_DRUG] ? f[P_DRUG] : "";
	const char *company = *drug || !f[P_COMPANY] ? "" : f[P_COMPANY];
	if (!f[P_DATE] || (!*drug && !*company))
		return 0;
	const char *agency = f[P_AGENCY] ? f[P_AGENCY] : f[P_JURISDICTION] ? f[P_JURISDICTION] : "";
	const char *key[5] = {f[P_TYPE], drug, company, agency, f[P_DATE]};
	uint64_t h = 1469598103934665603u;
	for (int i = 0; i < 5; i++)
		for (const char *p = key[i];; p++) {
			h = (h ^ (unsigned char)*p) * 1099511628211u;
			if (!*p) /* the NUL separates the fields */
				break;
		}
	h &= INT64_MAX;
	return h ? (int64_t)h : 1;
}

/* One pass over the event's fields binds the known ones; the others are
 * kept in extra as a JSON object so nothing pn-extract emits is lost. */
static void write_event(pns_ingest *g, int64_t pk, size_t seq, const pns_jnode *ev)
{
	sqlite3_stmt *st = g->st[INS_EVENT];
	const char *f[N_PARAMS] = {0};
	pn_buf_reset(&g->key);
	for (const pns_jnode *k = pns_json_first(ev); k; k = pns_json_next(g->doc, k)) {
		const pns_jnode *v = k + 1;
		int param = event_param(k);
		if (!param) {
			pn_buf_addc(&g->key, g->key.len ? ',' : '{');
			pn_buf_add(&g->key, g->doc->text + k->raw_off, k->raw_len);
			pn_buf_addc(&g->key, ':');
			pn_buf_add(&g->key, g->doc->text + v->raw_off, v->raw_len);
		} else if (v->type == PNS_JSTR) {
			sqlite3_bind_text(st, param, v->s, (int)v->len, SQLITE_STATIC);
			f[param] = v->s;
		} else if (v->type == PNS_JNUM) {
			sqlite3_bind_int64(st, param, v->i);
		}
	}
	if (g->key.len) {
		pn_buf_addc(&g->key, '}');
		sqlite3_bind_text(st, P_EXTRA, g->key.data, (int)g->key.len, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 1, pk);
	sqlite3_bind_int64(st, 2, (int64_t)seq);
	char start[11], end[11];
	const char *grain;
	if (f[P_DATE] && pns_date_range(f[P_DATE], start, end, &grain)) {
		sqlite3_bind_text(st, P_START, start, 10, SQLITE_STATIC);
		sqlite3_bind_text(st, P_END, end, 10, SQLITE_STATIC);
		if (!f[P_GRAIN])
			sqlite3_bind_text(st, P_GRAIN, grain, -1, SQLITE_STATIC);
	}
	int64_t canon = canonical_id(f);
	if (canon)
		sqlite3_bind_int64(st, P_CANONICAL, canon);
	step(g, INS_EVENT);
	g->counts.events++;
}

void pns_ingest_article(pns_ingest *g, const pns_json *doc, const char *where)
{
	g->doc = doc;
	g->where = where;
	pn_utc_now(g->now);
	const pns_jnode *art = doc->nodes;
	bool replaced;
	int64_t pk = write_article(g, art, &replaced);
	if (replaced) {
		clear_article(g, pk);
		g->counts.replaced++;
	}
	write_entities(g, pk, art);
	size_t seq = 0;
	const pns_jnode *evs = pns_json_get(doc, art, "events");
	for (const pns_jnode *ev = pns_json_first(evs); ev; ev = pns_json_next(doc, ev))
		write_event(g, pk, seq++, ev);
	g->counts.articles++;
}
